#!/usr/bin/env bash
# Emulated cluster nodes: one network namespace per node on a private bridge with no route out.
# Node i is oe-n<i> at 10.231.0.1<i> in netns oesn<i>; the root namespace is 10.231.0.1.
OE_BRIDGE=oebr0
OE_NET=10.231.0
OE_BLACKHOLE_METRIC=4242

# For the whole suite the nodes' subnet is blackholed: once the bridge is down or deleted, a packet
# for a node (a retransmission, a late reply) would otherwise follow the default route off the
# machine. The metric is above the bridge's own route, which wins while the bridge is up.
# run_all.sh adds the route before the first scenario and removes it after the last teardown.
netns_blackhole_up() {
  need ip:iproute2
  ip route replace blackhole "$OE_NET.0/24" metric "$OE_BLACKHOLE_METRIC"
}

netns_blackhole_present() {
  [[ -n $(ip route show type blackhole "$OE_NET.0/24" 2>/dev/null) ]]
}

# Only once nothing of the nodes' network is left: otherwise the route stays, and says so.
netns_blackhole_down() {
  if ip link show "$OE_BRIDGE" >/dev/null 2>&1 || ip netns list | grep -q '^oesn'; then
    say "$OE_BRIDGE or a node namespace is still there: keeping the blackhole route for $OE_NET.0/24"
    return 1
  fi
  ip route del blackhole "$OE_NET.0/24" metric "$OE_BLACKHOLE_METRIC" 2>/dev/null || true
}

netns_up() { # node count
  ip link add "$OE_BRIDGE" type bridge
  ip addr add "$OE_NET.1/24" dev "$OE_BRIDGE"
  ip link set "$OE_BRIDGE" up
  echo "$OE_BRIDGE" >>"$OE_WORK/links"
  cp /etc/hosts "$OE_WORK/hosts.orig"
  echo "$OE_WORK/hosts.orig" >"$OE_WORK/hosts-backup"
  local i
  for ((i = 1; i <= $1; i++)); do
    ip netns add "oesn$i"
    echo "oesn$i" >>"$OE_WORK/netns"
    ip link add "oeveth$i" type veth peer name eth0 netns "oesn$i"
    echo "oeveth$i" >>"$OE_WORK/links"
    ip link set "oeveth$i" master "$OE_BRIDGE" up
    ip -n "oesn$i" addr add "$OE_NET.1$i/24" dev eth0
    ip -n "oesn$i" link set eth0 up
    ip -n "oesn$i" link set lo up
    echo "$OE_NET.1$i oe-n$i" >>/etc/hosts
  done
}

in_node() { # i command...: runs in node i's network namespace
  local i=$1; shift
  nsenter --net="/run/netns/oesn$i" "$@"
}
