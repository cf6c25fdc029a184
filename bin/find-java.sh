#!/usr/bin/env bash
# Prints the path of a JDK home whose java is version 21 or newer, or fails with a message.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.
# Sourced by bin/openenv-bench and .ci/run so both pick the same JDK.

java_major() {
  # A JDK's release file says JAVA_VERSION="25.0.1": read without starting a JVM (each
  # "java -version" costs ~50 ms of the launcher's start-up). Else "openjdk version "25.0.1" ..."
  # or "java version "1.8.0_..."" -> 25 or 1.
  local v
  if [[ -r $1/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    if [[ $v =~ ^[0-9]+$ ]]; then
      printf '%s\n' "$v"
      return
    fi
  fi
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}

find_java_home() {
  local candidates=() home major
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  if [[ -d /usr/lib/jvm ]]; then
    # newest first: sort by the version number in the directory name
    while IFS= read -r home; do candidates+=("$home"); done \
      < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d | sort -t- -k2,2 -V -r)
  fi
  local best="" best_major=0
  for home in "${candidates[@]}"; do
    [[ -x $home/bin/java && -x $home/bin/javac ]] || continue
    major=$(java_major "$home")
    [[ $major =~ ^[0-9]+$ ]] || continue
    if ((major > best_major)); then best=$home best_major=$major; fi
  done
  if ((best_major < 21)); then
    echo "openenv-bench: JDK 21+ not found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, and set JAVA_HOME." >&2
    return 1
  fi
  printf '%s\n' "$best"
}
