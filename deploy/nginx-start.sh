#!/bin/sh
# The nginx container's start: deploy/nginx.conf with its upstream rendered as one `server` line
# per address of the replicas' name (compose's service "app", a podman network alias), then nginx
# in the foreground. One line per address, not `server app:8501`: nginx's consistent hash picks
# among the addresses of one server name in turn, which broke the session affinity (a session's
# media and uploads reached the other replica). Like scripts/serve.sh's rendering, in Python,
# for replicas on loopback ports. Addresses are read once: restart nginx after scaling.
# The root filesystem is read-only: the rendered config, pid file and temp files go in /tmp.
set -eu
name="${DASHBOARD_REPLICAS_HOST:-app}"
port="${DASHBOARD_REPLICAS_PORT:-8501}"
prefix=/tmp/nginx
mkdir -p "$prefix/tmp"
addresses="$(getent ahosts "$name" | awk '{print $1}' | sort -u)"
if [ -z "$addresses" ]; then
  echo "nginx-start: no address for the replicas' name '$name'" >&2
  exit 1
fi
servers="$(for a in $addresses; do
  case "$a" in *:*) a="[$a]" ;; esac
  printf '        server %s:%s max_fails=1 fail_timeout=10s;\\n' "$a" "$port"
done)"
# Who may frame the dashboard: $DASHBOARD_EMBED_ORIGINS into the CSP (deploy/embed-origins.sh,
# which stops the start with exit 2 on a word that is not an origin).
embed-origins </etc/nginx/dashboard.conf >"$prefix/framed.conf"
awk -v servers="$servers" '/# serve.sh: upstream$/ { printf "%s", servers; next } { print }' \
  "$prefix/framed.conf" >"$prefix/nginx.conf"
echo "nginx-start: upstream $name: $(echo $addresses | tr '\n' ' ')" >&2
exec nginx -e stderr -p "$prefix/" -c "$prefix/nginx.conf" -g 'daemon off;'
