#!/usr/bin/env bash
# Static checks of the Docker setup, for CI machines without a Docker engine:
#   docker/check.sh
# Checks that docker-compose.yml parses and keeps its promises (every service has a health check
# and a restart policy, two Releases and two consumer replicas, LocalStack creates the queue, the
# DAILYFLOW_* variables name real configuration keys, ...), that the Dockerfile builds a non-root
# JRE 17 image, and that the shell scripts parse. Prints one line per check; exits 1 if any fails.
# Uses `docker compose config` when a Compose plugin is there, else a YAML parser (python3 +
# PyYAML, or node + js-yaml, installed into a temporary directory with npm if needed). No hadolint
# here: the Dockerfile checks are greps.
set -u

cd "$(dirname "$0")/.." || exit 2

COMPOSE=docker-compose.yml
DOCKERFILE=docker/Dockerfile
NGINX=docker/nginx.conf
INIT=docker/localstack/init-queue.sh
HEALTH=docker/healthcheck.sh
EXPECTED_SERVICES="mongo redis localstack auth releases releases-lb consumer consolidated"
JAVA_SERVICES="auth releases consumer consolidated"

passed=0
failed=0
ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }
check() { # check "description" command...
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else fail "$what"; fi
}
has() { grep -Eq -- "$1" "$2"; }

# --- the files exist --------------------------------------------------------------------------
for f in "$COMPOSE" "$DOCKERFILE" docker/Dockerfile.dockerignore "$NGINX" "$INIT" "$HEALTH"; do
  check "$f exists" test -s "$f"
done

# --- YAML syntax ---------------------------------------------------------------------------------
yaml_parse() { # prints the parser used; returns non-zero if the file does not parse
  local file="$1"
  if docker compose version >/dev/null 2>&1; then
    echo "docker compose config"
    docker compose -f "$file" config --quiet
    return
  fi
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
    echo "python3 PyYAML"
    python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$file"
    return
  fi
  if command -v node >/dev/null 2>&1; then
    local tmp="" status=3
    if ! node -e "require('js-yaml')" >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
      tmp="$(mktemp -d)"
      npm install --silent --no-audit --no-fund --prefix "$tmp" js-yaml@4 >/dev/null 2>&1
      export NODE_PATH="$tmp/node_modules${NODE_PATH:+:$NODE_PATH}"
    fi
    if node -e "require('js-yaml')" >/dev/null 2>&1; then
      echo "node js-yaml${tmp:+, installed with npm for this check}"
      node -e "try { require('js-yaml').load(require('fs').readFileSync(process.argv[1], 'utf8')) }
        catch (e) { console.error(e.message.split('\\n')[0]); process.exit(1) }" "$file"
      status=$?
    fi
    [ -n "$tmp" ] && rm -rf "$tmp"
    [ "$status" -ne 3 ] && return "$status"
  fi
  echo "no YAML parser (need docker compose, python3 with PyYAML, or node with npm)"
  return 3
}
parser_out="$(yaml_parse "$COMPOSE" 2>&1)"
parse_status=$?
parser="$(printf '%s\n' "$parser_out" | head -n 1)"
if [ "$parse_status" -eq 0 ]; then
  ok "$COMPOSE parses ($parser)"
else
  fail "$COMPOSE parses ($parser): $(printf '%s\n' "$parser_out" | sed '1d' | grep -v '^[[:space:]]*$' | tail -n 3 | tr '\n' ' ')"
fi

# --- docker-compose.yml: per-service promises ----------------------------------------------------
# The block of one top-level service: from "  name:" to the next service or top-level key.
service_block() {
  awk -v svc="$1" '
    /^[^[:space:]#]/ { in_services = ($0 ~ /^services:/); current = ""; next }
    in_services && /^  [A-Za-z0-9._-]+:[[:space:]]*$/ { current = $1; sub(":", "", current); next }
    in_services && current == svc { print }
  ' "$COMPOSE"
}
listed_services="$(awk '
  /^[^[:space:]#]/ { in_services = ($0 ~ /^services:/); next }
  in_services && /^  [A-Za-z0-9._-]+:[[:space:]]*$/ { name = $1; sub(":", "", name); print name }
' "$COMPOSE")"
for svc in $EXPECTED_SERVICES; do
  check "service '$svc' is defined" grep -qx "$svc" <<<"$listed_services"
done
for svc in $listed_services; do
  block="$(service_block "$svc")"
  check "service '$svc' has a healthcheck" grep -Eq '^    healthcheck:' <<<"$block"
  check "service '$svc' has a restart policy" \
    grep -Eq '^    restart: *"?(always|unless-stopped|on-failure(:[0-9]+)?)"? *$' <<<"$block"
done
for svc in $JAVA_SERVICES; do
  block="$(service_block "$svc")"
  check "service '$svc' is built from docker/Dockerfile" \
    grep -Eq '^      dockerfile: *docker/Dockerfile *$' <<<"$block"
  module="$(sed -nE 's/^        SERVICE: *"?([A-Za-z0-9-]+)"? *$/\1/p' <<<"$block")"
  check "service '$svc' builds an existing module (${module:-none})" \
    test -n "$module" -a -f "$module/pom.xml"
  check "service '$svc' waits for a healthy mongo" \
    grep -Eq '^      mongo:' <<<"$block"
done
for svc in releases consumer consolidated; do
  block="$(service_block "$svc")"
  check "service '$svc' starts after auth is healthy" \
    bash -c 'grep -A1 -E "^      auth:" <<<"$1" | grep -Eq "^        condition: service_healthy"' _ "$block"
  check "service '$svc' mounts the keys volume read-only" grep -Eq '^      - keys:/keys:ro *$' <<<"$block"
done
check "auth mounts the keys volume read-write" grep -Eq '^      - keys:/keys *$' <<<"$(service_block auth)"
check "auth generates the key pair on first start" \
  grep -Eq 'DAILYFLOW_AUTH_GENERATE_KEYS: *"?true"?' <<<"$(service_block auth)"
check "two Releases API replicas" grep -Eq '^      replicas: *2 *$' <<<"$(service_block releases)"
check "two consumer replicas" grep -Eq '^      replicas: *2 *$' <<<"$(service_block consumer)"
check "releases-lb (nginx) publishes 8082 and mounts docker/nginx.conf" \
  bash -c 'grep -Eq "8082:8082" <<<"$1" && grep -Eq "docker/nginx.conf:/etc/nginx/nginx.conf" <<<"$1"' _ "$(service_block releases-lb)"
check "nginx image is 1.28+ (upstream 'resolve' needs nginx >= 1.27.3)" \
  grep -Eq '^    image: *nginx:1\.(2[89]|[3-9][0-9])' <<<"$(service_block releases-lb)"
check "auth publishes 8081" grep -Eq '8081:8081' <<<"$(service_block auth)"
check "consolidated publishes 8083" grep -Eq '8083:8083' <<<"$(service_block consolidated)"
check "mongo is mongo:7, a single-node replica set initiated by its health check" \
  bash -c 'grep -Eq "image: *mongo:7" <<<"$1" && grep -q -- "--replSet" <<<"$1" && grep -q "rs.initiate" <<<"$1"' _ "$(service_block mongo)"
check "redis is redis:7 without persistence" \
  bash -c 'grep -Eq "image: *redis:7" <<<"$1" && grep -Eq "\"--save\", \"\"" <<<"$1" && grep -Eq "\"--appendonly\", \"no\"" <<<"$1"' _ "$(service_block redis)"
check "localstack: pinned image, SQS only, port 4566, init-queue.sh in ready.d" \
  bash -c 'grep -Eq "image: *localstack/localstack:[0-9]" <<<"$1" && grep -Eq "SERVICES: *sqs" <<<"$1" && grep -q "4566:4566" <<<"$1" && grep -q "docker/localstack/init-queue.sh:/etc/localstack/init/ready.d/" <<<"$1"' _ "$(service_block localstack)"
check "services reach the infrastructure by its compose names" \
  bash -c 'grep -q "DAILYFLOW_MONGO_URI: mongodb://mongo:27017/?replicaSet=rs0" "$1" && grep -q "DAILYFLOW_REDIS_URI: redis://redis:6379" "$1" && grep -q "DAILYFLOW_SQS_ENDPOINT: http://localstack:4566" "$1"' _ "$COMPOSE"
check "no literal '\$' left for Compose to interpolate" bash -c '! grep -nE "\\\$[^\$]" "$1"' _ "$COMPOSE"

# Every DAILYFLOW_* variable must be the environment name of a real configuration key.
known_env="$(grep -rhoE 'ConfigKey\.(of|required)\("[^"]+"' --include='*.java' ./*/src/main/java 2>/dev/null \
  | sed -E 's/.*\("//; s/"$//' | tr 'a-z.-' 'A-Z__' | sed 's/^/DAILYFLOW_/' | sort -u)"
known_env="$known_env
DAILYFLOW_LOG_FORMAT
DAILYFLOW_LOG_LEVEL
DAILYFLOW_CONF_DIR"
unknown=""
for var in $(grep -oE 'DAILYFLOW_[A-Z0-9_]+' "$COMPOSE" "$DOCKERFILE" | cut -d: -f2 | sort -u); do
  grep -qx "$var" <<<"$known_env" || unknown="$unknown $var"
done
if [ -z "$unknown" ]; then
  ok "every DAILYFLOW_* variable names a configuration key"
else
  fail "unknown DAILYFLOW_* variables (no such configuration key):$unknown"
fi

# --- Dockerfile ----------------------------------------------------------------------------------
last_from_line="$(grep -nE '^FROM ' "$DOCKERFILE" | tail -n 1 | cut -d: -f1)"
runtime="$(tail -n +"${last_from_line:-1}" "$DOCKERFILE")"
check "Dockerfile: build stage is maven:3.9-eclipse-temurin-17" \
  has '^FROM maven:3\.9-eclipse-temurin-17 AS build' "$DOCKERFILE"
check "Dockerfile: builds one module with -pl \${SERVICE} -am, tests skipped" \
  has 'mvn -B -q -pl "?\$\{SERVICE\}"? -am package -DskipTests' "$DOCKERFILE"
check "Dockerfile: runtime stage is the JRE 17 (eclipse-temurin:17-jre)" \
  grep -Eq '^FROM eclipse-temurin:17-jre( |$)' <<<"$runtime"
check "Dockerfile: runtime runs as a non-root USER" \
  bash -c 'u="$(grep -E "^USER " <<<"$1" | tail -n 1 | awk "{print \$2}")"; [ -n "$u" ] && [ "${u%%:*}" != root ] && [ "${u%%:*}" != 0 ]' _ "$runtime"
check "Dockerfile: copies \${SERVICE}/target/\${SERVICE}.jar and conf/" \
  bash -c 'grep -q "/\${SERVICE}/target/\${SERVICE}.jar" <<<"$1" && grep -Eq "^COPY conf/ " <<<"$1"' _ "$runtime"
check "Dockerfile: EXPOSE, HEALTHCHECK" \
  bash -c 'grep -Eq "^EXPOSE " <<<"$1" && grep -Eq "^HEALTHCHECK .*CMD" <<<"$1"' _ "$runtime"
check "Dockerfile: exec-form ENTRYPOINT java -XX:MaxRAMPercentage=75 -jar" \
  grep -Eq '^ENTRYPOINT \["java", "-XX:MaxRAMPercentage=75",.*"-jar"' <<<"$runtime"
check "Dockerfile: SERVICE is a build argument" has '^ARG SERVICE' "$DOCKERFILE"
check "Dockerfile.dockerignore keeps private keys and build output out of the context" \
  bash -c 'grep -qx "conf/keys/" "$1" && grep -qx "**/target/" "$1"' _ docker/Dockerfile.dockerignore
if command -v hadolint >/dev/null 2>&1; then
  check "hadolint $DOCKERFILE" hadolint "$DOCKERFILE"
fi

# --- nginx -----------------------------------------------------------------------------------------
check "nginx.conf: listens on 8082, balances every 'releases' replica (resolve)" \
  bash -c 'grep -Eq "listen 8082;" "$1" && grep -Eq "server releases:8082 resolve" "$1" && grep -Eq "proxy_pass http://releases;" "$1"' _ "$NGINX"
check "nginx.conf: braces balance" \
  bash -c '[ "$(tr -cd "{" < "$1" | wc -c)" -eq "$(tr -cd "}" < "$1" | wc -c)" ]' _ "$NGINX"

# --- shell scripts -------------------------------------------------------------------------------
for script in "$INIT" "$HEALTH" docker/check.sh; do
  check "$script parses (bash -n)" bash -n "$script"
  check "$script is executable" test -x "$script"
  if command -v shellcheck >/dev/null 2>&1; then
    check "shellcheck $script" shellcheck "$script"
  fi
done
check "init-queue.sh creates the queue and its dead-letter queue with awslocal" \
  bash -c 'grep -q "awslocal sqs create-queue" "$1" && grep -q -- "-dlq" "$1" && grep -q RedrivePolicy "$1"' _ "$INIT"

# --- summary -----------------------------------------------------------------------------------
echo
echo "$passed passed, $failed failed (static checks only: no image was built and no container ran)"
[ "$failed" -eq 0 ]
