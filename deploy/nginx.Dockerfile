# nginx in front of the replicas: Debian's nginx-light (the same nginx as scripts/serve.sh),
# running as www-data. Build from the repository's root:
#   docker build -f deploy/nginx.Dockerfile -t migration-dashboard-nginx .
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/cache/dashboard-nginx/tmp \
    && chown -R www-data:www-data /var/cache/dashboard-nginx
COPY deploy/nginx.conf /etc/nginx/dashboard.conf
USER www-data
EXPOSE 8080
CMD ["nginx", "-p", "/var/cache/dashboard-nginx/", "-c", "/etc/nginx/dashboard.conf", "-g", "daemon off;"]
