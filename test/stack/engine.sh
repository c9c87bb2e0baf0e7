#!/usr/bin/env bash
# A private Docker engine for the stack test: its own data, exec and socket folders under DIR, no bridge and no
# iptables (every container uses the host network and talks over 127.0.0.1 only; this machine must never be reached
# on a private-range address). Nothing of the machine's own Docker setup is used or changed.
#   engine.sh start DIR   start dockerd, wait until it answers, print the DOCKER_HOST value
#   engine.sh stop DIR [--keep]   stop it (containers with it), unmount what it left mounted and delete DIR
#                                 (--keep: keep the images and volumes for the next start)
# Exit status of start: 0 running; 3 no engine can run here (the message says why); anything else is a failure.
set -euo pipefail

cmd=${1:?usage: engine.sh start|stop DIR}
dir=${2:?usage: engine.sh start|stop DIR}

umount_below() {
  # Deepest first: overlay mounts of containers sit inside the data root, which dockerd bind-mounts onto itself.
  local m
  for m in $(awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

# The cgroup every container of the engine at DIR runs in (cgroupfs driver): a name of its own per folder.
cgroup_parent() {
  echo "agentmon-stack-$(printf '%s' "$1" | md5sum | cut -c1-12)"
}

kill_cgroup() {
  local cg procs
  for cg in /sys/fs/cgroup/*/"$1" /sys/fs/cgroup/"$1"; do
    [ -d "$cg" ] || continue
    for procs in $(find "$cg" -name cgroup.procs 2>/dev/null); do
      xargs -r kill -KILL <"$procs" 2>/dev/null || true
    done
    find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

case "$cmd" in
  start)
    [ "$(id -u)" -eq 0 ] || { echo "engine.sh: dockerd needs root" >&2; exit 3; }
    # The test command installs them (scripts/install-tools.sh); a single test file run on its own may not have.
    command -v dockerd >/dev/null 2>&1 || bash "$(dirname "$0")/../../scripts/install-tools.sh" >&2 \
      || { echo "engine.sh: no dockerd, and installing Debian's docker.io failed" >&2; exit 3; }
    command -v dockerd >/dev/null 2>&1 || { echo "engine.sh: no dockerd on this machine" >&2; exit 3; }
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # A socket path must stay under ~100 bytes.
    [ ${#dir} -lt 80 ] || { echo "engine.sh: $dir is too long a path for the engine's sockets" >&2; exit 2; }
    # Containers go in a cgroup of this engine's own, so stop can find every process it started.
    setsid dockerd --cgroup-parent="$(cgroup_parent "$dir")" --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
      --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/pid" -H "unix://$dir/docker.sock" \
      >"$dir/dockerd.log" 2>&1 </dev/null &
    echo $! >"$dir/launcher.pid"
    for _ in $(seq 1 120); do
      if DOCKER_HOST="unix://$dir/docker.sock" docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
        echo "unix://$dir/docker.sock"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/launcher.pid")" 2>/dev/null; then
        echo "engine.sh: dockerd exited at start; its log:" >&2
        tail -n 20 "$dir/dockerd.log" >&2
        exit 3
      fi
      sleep 0.5
    done
    echo "engine.sh: dockerd did not answer within 60 s; its log:" >&2
    tail -n 20 "$dir/dockerd.log" >&2
    exit 1
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir=$(cd "$dir" && pwd)
    pid=$(cat "$dir/pid" 2>/dev/null || cat "$dir/launcher.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      # dockerd stops its containers (10 s grace each, in parallel) and its containerd before it exits.
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    # Anything it started that outlived it: container processes by their cgroup, containerd and shims by the
    # folders on their command lines.
    kill_cgroup "$(cgroup_parent "$dir")"
    for p in $(pgrep -f -- "$dir/" || true); do kill -KILL "$p" 2>/dev/null || true; done
    umount_below "$dir"
    [ "${3:-}" = --keep ] && exit 0
    rm -rf "$dir" 2>/dev/null || { umount_below "$dir"; rm -rf "$dir"; }
    ;;
  *)
    echo "usage: engine.sh start|stop DIR" >&2
    exit 2
    ;;
esac
