#!/bin/sh
# Like the official node image's entrypoint: arguments that start with "-", or name no command on PATH, or name a
# file that is not executable, are run by node; anything else runs as given.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"
