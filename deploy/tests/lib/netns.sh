#!/usr/bin/env bash
# Emulated cluster nodes: one network namespace per node on a private bridge with no route out.
# Node i is oe-n<i> at 10.231.0.1<i> in netns oesn<i>; the root namespace is 10.231.0.1.
OE_BRIDGE=oebr0
OE_NET=10.231.0

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
