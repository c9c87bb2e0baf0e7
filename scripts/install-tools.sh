#!/usr/bin/env bash
# Installs the real external tools the test suite runs against (Debian packages): Prometheus + promtool,
# Alertmanager + amtool, Chromium and poppler-utils (reports), a Docker engine and what the stack test needs. Idempotent: does nothing when they are already present. Needs root (or sudo).
set -euo pipefail
# Test files that run at once may each call this: one installs, the others wait and then find the tools present.
if command -v flock >/dev/null 2>&1; then exec 9>"${TMPDIR:-/tmp}/agentmon-install-tools.lock"; flock 9; fi
need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
# Reports: headless Chromium prints PDFs; poppler-utils (pdftotext, pdftoppm) lets the tests read them.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# The compose stack test (test/stack): Debian's Docker engine and docker-compose 1.29 (which also lints the compose
# file without an engine), debootstrap for the stand-in base images, ip and nsenter for the stack's own network.
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v nsenter >/dev/null 2>&1 || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-tools: installing ${need[*]} (Debian packages)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
