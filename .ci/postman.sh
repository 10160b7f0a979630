#!/usr/bin/env bash
# Runs RELEASES.postman_collection.json with newman against the all-in-one local jar.
#
# Needs: a JDK 17+, node + npm, and local/target/dailyflow-local.jar (run after ./mvnw verify;
# this script builds nothing). Installs newman 6.2.2 into a throw-away prefix (nothing global),
# starts the product with its own temporary data directory and key pair (the repository's
# data/ and conf/keys/ are not touched), waits until the three APIs are ready, runs the
# collection and exits with newman's status. The server is always stopped.
#
# Ports: the APIs listen on DAILYFLOW_AUTH_HTTP_PORT / _RELEASES_ / _CONSOLIDATED_ /
# DAILYFLOW_CONSUMER_HTTP_PORT (default 8081-8084; the collection's URLs follow them); the
# embedded SQS, MongoDB and Redis take free ports, so nothing else of a developer's is disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."

NEWMAN_VERSION=6.2.2
JAR=local/target/dailyflow-local.jar
AUTH_PORT=${DAILYFLOW_AUTH_HTTP_PORT:-8081}
RELEASES_PORT=${DAILYFLOW_RELEASES_HTTP_PORT:-8082}
CONSOLIDATED_PORT=${DAILYFLOW_CONSOLIDATED_HTTP_PORT:-8083}
CONSUMER_PORT=${DAILYFLOW_CONSUMER_HTTP_PORT:-8084}
READY_TIMEOUT_SECONDS=${POSTMAN_READY_TIMEOUT_SECONDS:-120}

for tool in java node npm curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "postman.sh: $tool is required" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "postman.sh: $JAR is missing: run ./mvnw verify first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dailyflow-postman.XXXXXX")
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
}
cleanup() {
  stop_server
  if [ "${POSTMAN_KEEP_WORKDIR:-false}" != true ]; then
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "$AUTH_PORT" "$RELEASES_PORT" "$CONSOLIDATED_PORT" "$CONSUMER_PORT"; do
  if port_busy "$port"; then
    echo "postman.sh: port $port is already in use (another ./run-local?)" >&2
    exit 2
  fi
done

echo "postman.sh: installing newman $NEWMAN_VERSION into $work/npm"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work/npm" \
  "newman@$NEWMAN_VERSION" >"$work/npm-install.log" 2>&1 \
  || { cat "$work/npm-install.log" >&2; exit 2; }
newman="$work/npm/node_modules/.bin/newman"

echo "postman.sh: starting $JAR (log: $work/server.log)"
DAILYFLOW_LOCAL_DATA_DIR="$work/data" \
DAILYFLOW_AUTH_PRIVATE_KEY_PATH="$work/keys/private.pem" \
DAILYFLOW_JWT_PUBLIC_KEY_PATH="$work/keys/public.pem" \
DAILYFLOW_LOCAL_SQS_PORT=0 \
DAILYFLOW_LOCAL_MONGO_PORT=0 \
DAILYFLOW_LOCAL_REDIS_PORT=0 \
DAILYFLOW_AUTH_HTTP_PORT="$AUTH_PORT" \
DAILYFLOW_RELEASES_HTTP_PORT="$RELEASES_PORT" \
DAILYFLOW_CONSOLIDATED_HTTP_PORT="$CONSOLIDATED_PORT" \
DAILYFLOW_CONSUMER_HTTP_PORT="$CONSUMER_PORT" \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$work/server.log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
for port in "$AUTH_PORT" "$RELEASES_PORT" "$CONSOLIDATED_PORT" "$CONSUMER_PORT"; do
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "postman.sh: the server exited before it was ready:" >&2
      tail -n 50 "$work/server.log" >&2
      exit 2
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "postman.sh: port $port not ready after ${READY_TIMEOUT_SECONDS}s:" >&2
      tail -n 50 "$work/server.log" >&2
      exit 2
    fi
    sleep 1
  done
done
echo "postman.sh: DailyFlow is ready"

set +e
"$newman" run RELEASES.postman_collection.json \
  -e postman/dailyflow-local.postman_environment.json \
  --env-var "authUrl=http://localhost:$AUTH_PORT" \
  --env-var "releasesUrl=http://localhost:$RELEASES_PORT" \
  --env-var "consolidatedUrl=http://localhost:$CONSOLIDATED_PORT" \
  --color off --disable-unicode
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "postman.sh: newman failed ($status); last server log lines:" >&2
  tail -n 40 "$work/server.log" >&2
fi
exit "$status"
