#!/bin/sh
# Who may frame the dashboard, for the nginx image: deploy/nginx.conf on stdin, written to stdout
# with its CSP's frame-ancestors set to $DASHBOARD_EMBED_ORIGINS (origins separated by spaces;
# 'self' when unset). deploy/serve.py does the same for scripts/serve.sh (frame_ancestors, with
# the same rule); tests/test_embed_origins.py checks that the two agree. A word that is not
# 'self', 'none' (alone) or an origin like https://www.example.gob stops the start (exit 2):
# nothing else may reach nginx's configuration.
set -eu
set -f  # https://*.example.org is an origin, not a file pattern
origins="$(printf '%s' "${DASHBOARD_EMBED_ORIGINS:-}" | tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//')"
[ -n "$origins" ] || origins="'self'"
count=0
for word in $origins; do
  count=$((count + 1))
  case "$word" in
    "'self'" | "'none'") ;;
    *)
      if ! printf '%s\n' "$word" | grep -Eq '^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?$'; then
        case "$word" in self | none) hint=" (write '$word' with its quotes)" ;; *) hint="" ;; esac
        echo "embed-origins: DASHBOARD_EMBED_ORIGINS: '$word' is not an origin like https://www.example.gob$hint" >&2
        exit 2
      fi
      ;;
  esac
done
case " $origins " in
  *" 'none' "*) if [ "$count" -gt 1 ]; then
      echo "embed-origins: DASHBOARD_EMBED_ORIGINS: 'none' cannot be combined with other origins" >&2
      exit 2
    fi ;;
esac
sed "/# serve.sh: frame-ancestors\$/s|frame-ancestors 'self'|frame-ancestors $origins|"
