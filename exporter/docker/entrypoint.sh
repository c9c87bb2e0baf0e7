#!/bin/sh
# Entry point of the agentmon image.
# - Arguments that start with "-" or are not a command on PATH are agentmon's: `serve`, `backfill --out …`.
#   Anything else runs as given (the compose stack's one-shot backfill job runs `sh -c …`).
# - Started as root (the image's default), it gives /state and /backfill to AGENTMON_UID:AGENTMON_GID (default
#   1000:1000, the image's `node` user) and drops to that user with no capabilities left. Run it as the owner of your
#   agents' logs (`id -u`, `id -g`) when uid 1000 cannot read them. Started as another user (`docker run --user`), it
#   runs as that user and changes no ownership.
set -eu

if [ "${1#-}" != "${1:-}" ] || [ -z "$(command -v "${1:-}")" ]; then
  set -- agentmon "$@"
fi

if [ "$(id -u)" != 0 ]; then
  exec "$@"
fi

uid=${AGENTMON_UID:-1000}
gid=${AGENTMON_GID:-$uid}
case "$uid:$gid" in
  *[!0-9:]* | :* | *:)
    echo "agentmon: AGENTMON_UID and AGENTMON_GID must be numeric ids (id -u, id -g), got \"$uid\" and \"$gid\"" >&2
    exit 2
    ;;
esac
if [ "$uid" -eq 0 ]; then
  echo "agentmon: AGENTMON_UID=0 would run the exporter as root; use the owner of your agent logs (id -u)" >&2
  exit 2
fi

# Volumes keep what earlier runs wrote, possibly as another uid: hand over what is not the user's yet.
for dir in /state /backfill; do
  if [ -d "$dir" ]; then
    find "$dir" -xdev \( ! -user "$uid" -o ! -group "$gid" \) -exec chown -h "$uid:$gid" {} +
  fi
done

home=$(getent passwd "$uid" | cut -d: -f6)
[ -n "$home" ] && [ -d "$home" ] || home=/tmp
export HOME="$home"
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --no-new-privs -- "$@"
