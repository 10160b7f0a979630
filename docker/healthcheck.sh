#!/usr/bin/env bash
# Container health check that needs neither curl nor wget in the JRE image: an HTTP/1.0 GET over
# bash's /dev/tcp. Healthy (exit 0) only on a 200.
#   healthcheck.sh [port] [path]      defaults: $HEALTH_PORT (8080), $HEALTH_PATH (/health/ready)
set -u
port="${1:-${HEALTH_PORT:-8080}}"
path="${2:-${HEALTH_PATH:-/health/ready}}"

if ! { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null; then
  echo "unhealthy: nothing listens on port ${port}" >&2
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
status=""
IFS= read -r -t 3 status <&3
exec 3<&-
case "${status}" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "unhealthy: GET ${path} on port ${port} answered '${status%$'\r'}'" >&2; exit 1 ;;
esac
