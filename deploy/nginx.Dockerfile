# nginx in front of the replicas: Debian's nginx-light (the same nginx as scripts/serve.sh),
# as www-data (uid 33 in Debian). Build from the repository's root:
#   scripts/build_image.sh                                   (podman, on a machine like ours)
#   docker build -f deploy/nginx.Dockerfile -t migration-dashboard-nginx:local .   (elsewhere)
# Run it hardened like the app: a read-only root filesystem and a tmpfs on /tmp, where nginx
# keeps its pid file, temp files and static cache; --cap-drop ALL (port 8080 needs none),
# --security-opt no-new-privileges.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/nginx.conf /etc/nginx/dashboard.conf
COPY deploy/nginx-start.sh /usr/local/bin/nginx-start
# Writes $DASHBOARD_EMBED_ORIGINS (who may frame the dashboard) into the CSP; nginx-start runs it.
COPY deploy/embed-origins.sh /usr/local/bin/embed-origins
USER 33:33
EXPOSE 8080
# Healthy when nginx answers and reaches a replica (bash's /dev/tcp: no HTTP client in the image).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /_stcore/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# deploy/nginx-start.sh renders the upstream (one server per replica's address) into /tmp/nginx/,
# the prefix of nginx.conf's relative paths (tmp/…, nginx.pid), and runs nginx in the foreground.
CMD ["nginx-start"]
