#!/bin/sh
# Renders alertmanager.tmpl.yml into a working Alertmanager config from AGENTMON_* environment variables.
# POSIX sh + awk only, so it runs in the prom/alertmanager image (busybox) before Alertmanager starts:
#   sh /etc/alertmanager/render-config.sh /alertmanager/alertmanager.yml && exec alertmanager --config.file=...
# Template syntax: ${VAR}, ${VAR:-default}, ${VAR:?message} (fail when unset), and whole lines
# `#if VAR` ... `#endif` kept only when VAR is set. Exit 2 with a message on a missing or unsafe value.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: render-config.sh OUTPUT_FILE}
template=${AGENTMON_ALERTMANAGER_TEMPLATE:-$here/alertmanager.tmpl.yml}
AGENTMON_ALERT_TEMPLATES_DIR=${AGENTMON_ALERT_TEMPLATES_DIR:-$here/templates}
export AGENTMON_ALERT_TEMPLATES_DIR

# Alertmanager reads the SMTP password from a file, never from its config: write one readable by us only.
if [ -n "${AGENTMON_SMTP_PASSWORD:-}" ] && [ -z "${AGENTMON_SMTP_PASSWORD_FILE:-}" ]; then
  AGENTMON_SMTP_PASSWORD_FILE="$(dirname "$out")/smtp_password"
  (umask 077 && printf '%s' "$AGENTMON_SMTP_PASSWORD" > "$AGENTMON_SMTP_PASSWORD_FILE")
  export AGENTMON_SMTP_PASSWORD_FILE
fi

awk -v template="$template" '
function fail(msg) { print "render-config.sh: " msg > "/dev/stderr"; failed = 1; exit 2 }
function value(expr,    name, op, arg, v, i) {
  # expr is NAME, NAME:-default or NAME:?message
  i = index(expr, ":")
  if (i == 0) { name = expr; op = "" } else { name = substr(expr, 1, i - 1); op = substr(expr, i, 2); arg = substr(expr, i + 2) }
  v = ENVIRON[name]
  if (v == "" && op == ":-") v = arg
  if (v == "" && op == ":?") fail(template ":" NR ": " arg)
  if (v ~ /[\n\r]/) fail(name " must not contain a line break")
  gsub(/\047/, "\047\047", v)  # inside single-quoted YAML, a quote is written twice
  return v
}
/^[ \t]*#if [A-Za-z_][A-Za-z0-9_]*[ \t]*$/ { name = $2; skipping = (ENVIRON[name] == ""); next }
/^[ \t]*#endif[ \t]*$/ { skipping = 0; next }
skipping { next }
{
  line = $0; done = ""
  while (match(line, /\$\{[A-Za-z_][A-Za-z0-9_]*(:[-?][^}]*)?\}/)) {
    done = done substr(line, 1, RSTART - 1) value(substr(line, RSTART + 2, RLENGTH - 3))
    line = substr(line, RSTART + RLENGTH)
  }
  print done line
}
END { if (failed) exit 2 }
' "$template" > "$out.tmp" || { rm -f "$out.tmp"; exit 2; }
mv "$out.tmp" "$out"
