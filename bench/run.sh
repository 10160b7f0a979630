#!/usr/bin/env bash
# DailyFlow benchmark: one command.
#
#   bench/run.sh            full run (about 10 minutes), writes BENCHMARKS.md at the repository root
#   BENCH_QUICK=1 bench/run.sh    short durations (harness check; figures not comparable)
#
# It builds the jars if missing (BENCH_NO_BUILD=1 skips), starts the embedded infrastructure
# (local jar, `infra` mode) and the four service jars as separate processes on ports 18081-18084,
# 19324 (SQS), 17017 (MongoDB protocol) and 16379 (Redis) so it never collides with ./run-local,
# logs in to get several distinct tokens, warms up, runs the scenarios of issue 6 with the
# open-model load generator in bench/ (bench.jar load), samples RSS and CPU of every process once a
# second, runs the JMH microbenchmarks, and writes BENCHMARKS.md. Every process it starts is
# stopped by pid on exit. Work files (logs, samples, raw results) are in bench/work/.
#
# Environment: SERVICE_JAVA_OPTS (JVM flags of every service; default below, the recommended
# ones), INFRA_JAVA_OPTS (of the embedded infrastructure), LOAD_JAVA_OPTS (added to the load
# generator's), BENCH_JFR=0 (by default a 20 s JFR recording of the busiest process is taken during the
# cached-read, intake, end-to-end, lag and uncached scenarios, bench/work/jfr/, and its top frames go into
# BENCHMARKS.md), BENCH_SKIP_JMH=1, BENCH_ONLY="4a 5" (run only these scenario ids; BENCHMARKS.md
# then holds only them: for working on one target, not for the committed results), BENCH_CDS=0
# (start the services without a class-data-sharing archive; by default each is started once to
# write one, that cold start recorded as NAME-no-archive, then started again on it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
W=bench/work
BENCH_JAR=bench/target/bench.jar
# JIT compiler threads at nice 10 in the services and the load generator: they compile in the
# CPU time the event loops leave, instead of taking a core from another process for 100-250 ms
# (docs/operations.md, "JVM flags"). The embedded infrastructure's at nice 5: at 10 the cached
# reads met their target, but recording (4a, after the intake scenarios, infra the bottleneck)
# fell behind in three full runs out of three, likely its compiles waiting for a core; at 0 its
# compiles came back as bursts in the cached reads (bench/runs/2026-11-28-1854-cached-reads-jit.md).
NICE_JIT="-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10"
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmn32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=4 $NICE_JIT}
INFRA_JAVA_OPTS=${INFRA_JAVA_OPTS:--XX:+UseSerialGC -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5}
Q=${BENCH_QUICK:-0}
d() { if [ "$Q" = 1 ]; then echo $(( ($1 + 5) / 6 )); else echo "$1"; fi; }   # scenario duration

AUTH_PORT=18081 REL_PORT=18082 CONS_PORT=18083 CONSUMER_PORT=18084
SQS_PORT=19324 MONGO_PORT=17017 REDIS_PORT=16379
PIDS=()
NAMES=()

for tool in curl jq wrk java jcmd jfr; do
  command -v "$tool" > /dev/null || { echo "bench/run.sh needs '$tool' on the PATH (Debian: apt-get install -y curl jq wrk; jcmd and jfr come with the JDK)" >&2; exit 1; }
done

# ---------------------------------------------------------------- build
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  for jar in local/target/dailyflow-local.jar auth-verticle/target/auth-verticle.jar \
      releases-verticle/target/releases-verticle.jar sqs-consumer-verticle/target/sqs-consumer-verticle.jar \
      consolidated-verticle/target/consolidated-verticle.jar; do
    if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -type f -not -path './bench/*' -print -quit 2>/dev/null)" ]; then
      echo "Building DailyFlow jars..."; ./mvnw -B -q -ntp -DskipTests package; break
    fi
  done
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(find bench/pom.xml bench/src -newer "$BENCH_JAR" -type f -print -quit)" ]; then
    echo "Building bench.jar..."; ./mvnw -B -q -ntp -f bench/pom.xml -DskipTests package
  fi
fi

rm -rf "$W"; mkdir -p "$W/logs" "$W/jfr" "$W/keys" "$W/cds"
: > "$W/results.jsonl"; : > "$W/startup.tsv"; : > "$W/idle.tsv"; : > "$W/samples.tsv"

cleanup() {
  set +e
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    kill -CONT "${PIDS[$i]}" 2>/dev/null   # 3c pauses the consumer: a stopped process acts on TERM only once resumed
    kill "${PIDS[$i]}" 2>/dev/null
  done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  local rp="$W/data/redis-$REDIS_PORT.pid"
  [ -f "$rp" ] && kill "$(cat "$rp")" 2>/dev/null
  return 0
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%3N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

export DAILYFLOW_MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT"
export DAILYFLOW_REDIS_URI="redis://127.0.0.1:$REDIS_PORT"
export DAILYFLOW_SQS_ENDPOINT="http://127.0.0.1:$SQS_PORT"
export DAILYFLOW_SQS_QUEUE_NAME=benchQueue
export DAILYFLOW_MONGO_DATABASE=dailyflow_bench
export DAILYFLOW_AUTH_PRIVATE_KEY_PATH="$W/keys/private.pem"
export DAILYFLOW_JWT_PUBLIC_KEY_PATH="$W/keys/public.pem"
export DAILYFLOW_AUTH_SEED_FILE=bench/users.json
# The run lasts longer than the default 15-minute access token: tokens are taken once, at start.
export DAILYFLOW_AUTH_ACCESS_TOKEN_TTL_SECONDS=7200
export DAILYFLOW_AUTH_HTTP_PORT=$AUTH_PORT DAILYFLOW_RELEASES_HTTP_PORT=$REL_PORT
export DAILYFLOW_CONSOLIDATED_HTTP_PORT=$CONS_PORT DAILYFLOW_CONSUMER_HTTP_PORT=$CONSUMER_PORT
export DAILYFLOW_LOCAL_DATA_DIR="$W/data" DAILYFLOW_LOCAL_SQS_PORT=$SQS_PORT
export DAILYFLOW_LOCAL_MONGO_PORT=$MONGO_PORT DAILYFLOW_LOCAL_REDIS_PORT=$REDIS_PORT

# start NAME READY_CHECK java-args... : starts a process, records ms from fork to ready
start() {
  local name=$1 check=$2; shift 2
  local t0; t0=$(now_ms)
  java "$@" > "$W/logs/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid"); NAMES+=("$name")
  for _ in $(seq 1 1500); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name died; see $W/logs/$name.log"; tail -20 "$W/logs/$name.log"; exit 1; fi
    if eval "$check"; then
      local ms=$(( $(now_ms) - t0 ))
      printf '%s\t%s\n' "$name" "$ms" >> "$W/startup.tsv"
      echo "$name (pid $pid) ready in $ms ms"
      return 0
    fi
    sleep 0.02
  done
  echo "$name not ready after 30 s"; exit 1
}
ready() { curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$1/health/ready" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

echo "== starting processes (JVM flags: $SERVICE_JAVA_OPTS)"
# shellcheck disable=SC2086
start infra "port_open $SQS_PORT && port_open $MONGO_PORT && port_open $REDIS_PORT" \
  $INFRA_JAVA_OPTS -jar local/target/dailyflow-local.jar infra
# stop_last: stops the process started last and forgets it
stop_last() {
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
  unset 'PIDS[-1]' 'NAMES[-1]'; PIDS=("${PIDS[@]}"); NAMES=("${NAMES[@]}")
}
# service NAME PORT JAR: starts a service jar for the scenarios. With BENCH_CDS=1 (the default)
# a first start records the classes it loads into a class-data-sharing archive, written when it
# stops (recorded as NAME-no-archive: a cold start), and the start that stays up maps it, as
# docs/operations.md recommends for production. BENCH_CDS=0: plain starts only.
service() {
  local name=$1 port=$2 jar=$3
  if [ "${BENCH_CDS:-1}" = 1 ]; then
    # shellcheck disable=SC2086
    start "$name-no-archive" "ready $port" $SERVICE_JAVA_OPTS -XX:ArchiveClassesAtExit="$W/cds/$name.jsa" -jar "$jar"
    stop_last
    # shellcheck disable=SC2086
    start "$name" "ready $port" $SERVICE_JAVA_OPTS -XX:SharedArchiveFile="$W/cds/$name.jsa" -jar "$jar"
  else
    # shellcheck disable=SC2086
    start "$name" "ready $port" $SERVICE_JAVA_OPTS -jar "$jar"
  fi
}
# Auth's first start on a fresh database provisions the seed users (7 Argon2id hashes, ~19 MiB
# and 2 passes each): recorded apart, then Auth is restarted to measure its ordinary start.
# shellcheck disable=SC2086
start "auth-first-start" "ready $AUTH_PORT" $SERVICE_JAVA_OPTS -jar auth-verticle/target/auth-verticle.jar
stop_last
service auth "$AUTH_PORT" auth-verticle/target/auth-verticle.jar
service releases "$REL_PORT" releases-verticle/target/releases-verticle.jar
service consumer "$CONSUMER_PORT" sqs-consumer-verticle/target/sqs-consumer-verticle.jar
service consolidated "$CONS_PORT" consolidated-verticle/target/consolidated-verticle.jar

sleep 3
for i in "${!PIDS[@]}"; do
  printf '%s\t%s\n' "${NAMES[$i]}" "$(ps -o rss= -p "${PIDS[$i]}" | tr -d ' ')" >> "$W/idle.tsv"
done

# RSS and CPU ticks (utime+stime) of every process, once a second, read from /proc by bash
# builtins: a ps, awk and date per process and second cost ~5% of a core in short bursts, on the
# cores the scenarios measure.
(
  while true; do
    t=$(( ${EPOCHREALTIME/./} / 1000 ))
    for i in "${!PIDS[@]}"; do
      p=${PIDS[$i]}
      read -r stat 2> /dev/null < "/proc/$p/stat" || continue
      read -r -a f <<< "${stat##*) }"   # f[0] is field 3 (state): utime is 14, stime 15
      rss=0
      while read -r key value _; do
        [ "$key" = "VmRSS:" ] && { rss=$value; break; }
      done 2> /dev/null < "/proc/$p/status"   # what ps reports (stat's RSS field can lag it)
      printf '%s\t%s\t%s\t%s\n' "$t" "${NAMES[$i]}" "$rss" "$(( f[11] + f[12] ))"
    done >> "$W/samples.tsv"
    sleep 1
  done
) &
SAMPLER=$!

tokens() { java -jar "$BENCH_JAR" tokens --auth "http://127.0.0.1:$AUTH_PORT" --users "$1" --per-user "$2" > "$3"; }
tokens "read-1:bench-password-1,read-2:bench-password-2" 3 "$W/read.tokens"
tokens "intake-1:bench-password-3,intake-2:bench-password-4" 3 "$W/intake.tokens"
tokens "e2e-1:bench-password-5" 4 "$W/e2e.tokens"
tokens "lag-1:bench-password-6" 2 "$W/lag.tokens"
tokens "big-1:bench-password-7" 1 "$W/big.tokens"
echo "tokens: $(cat "$W"/*.tokens | wc -l) distinct"

REL="http://127.0.0.1:$REL_PORT/releases"
DAILY="http://127.0.0.1:$CONS_PORT/consolidated/daily"
BODY='{"description":"bench release","amount":"12.34"}'
load() { java -Xmx512m -XX:+UseParallelGC $NICE_JIT ${LOAD_JAVA_OPTS:-} -jar "$BENCH_JAR" load "$@"; }

pid_of() { for i in "${!NAMES[@]}"; do [ "${NAMES[$i]}" = "$1" ] && echo "${PIDS[$i]}"; done; }
# record_jfr NAME TAG: 20 s JFR recording of process NAME; top frames summarised after the scenario
record_jfr() {
  [ "${BENCH_JFR:-1}" = 1 ] || return 0
  jcmd "$(pid_of "$1")" JFR.start name="$2" duration=20s settings=profile filename="$ROOT/$W/jfr/$2-$1.jfr" > /dev/null 2>&1 || true
}
jfr_summary() {
  [ "${BENCH_JFR:-1}" = 1 ] || return 0
  for f in "$W"/jfr/*.jfr; do
    [ -f "$f" ] || continue
    local events; events=$(jfr print --events jdk.ExecutionSample "$f")
    echo "#### $(basename "$f" .jfr): $(grep -c 'jdk.ExecutionSample' <<< "$events") execution samples"
    echo '```'
    echo "top self frames:"
    awk '/stackTrace = \[/{getline; sub(/^ */,""); sub(/line:.*/,""); print}' <<< "$events" \
      | sort | uniq -c | sort -rn | head -12
    echo "classes found in the top 8 frames of a sample:"
    awk '/stackTrace = \[/{n=0; delete seen; next} /line:/{ if (n < 8) { f=$0; sub(/^ */,"",f); sub(/\(.*/,"",f); sub(/\.[^.]*$/,"",f); if (!(f in seen)) { seen[f]=1; c[f]++ } } n++ } END{for (k in c) print c[k], k}' <<< "$events" \
      | sort -rn | head -15
    echo '```'
  done
}

# scenario ID TITLE TARGET -- command producing one JSON object (or a JSON array) on stdout
only() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
scenario() {
  local id=$1 title=$2 target=$3; shift 4
  only "$id" || return 0
  echo "== [$id] $title (target: $target)"
  local t0 l0 out; t0=$(now_ms); l0=$(load1)
  out=$("$@")
  local t1; t1=$(now_ms)
  echo "$out"
  jq -cn --arg id "$id" --arg title "$title" --arg target "$target" --argjson t0 "$t0" \
    --argjson t1 "$t1" --arg load "$l0 → $(load1)" --argjson result "$out" \
    '{id:$id,title:$title,target:$target,t0:$t0,t1:$t1,load:$load,result:$result}' >> "$W/results.jsonl"
}

echo "== warm-up (not recorded)"
for _ in 1 2 3; do
  java -jar "$BENCH_JAR" load --url "$REL" --method POST --body "$BODY" --expect 202 \
    --tokens "$W/read.tokens" --rate 20 --duration 1 > /dev/null 2>&1 || true
done
load --url "$DAILY" --tokens "$W/read.tokens" --rate 5000 --duration "$(d 20)" --connections 64 > /dev/null
load --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/intake.tokens" \
  --rate 1000 --duration "$(d 15)" --connections 64 > /dev/null
sleep 2

# 1. the original NFR
scenario 1 "GET /consolidated/daily at 50 req/s" "0 errors, p99 < 20 ms" -- \
  load --label "constant 50/s, Redis up" --url "$DAILY" --tokens "$W/read.tokens" --rate 50 --duration "$(d 60)" --connections 16

# 2. cached report reads: open model at the target, then wrk for the closed-model maximum
scenario 2a "cached report reads" ">= 40,000 req/s, p99 < 10 ms, 0 errors" -- \
  load --label "open model at 40,000/s" --url "$DAILY" --tokens "$W/read.tokens" --rate 40000 --warm-up "$(d 5)" --duration "$(d 30)" --connections 256 --loops 1 --series "$W/2a-series.tsv"
scenario 2b "cached report reads" "find the limit" -- \
  load --label "open model at 30,000/s" --url "$DAILY" --tokens "$W/read.tokens" --rate 30000 --warm-up "$(d 5)" --duration "$(d 30)" --connections 128 --loops 1 --series "$W/2b-series.tsv"
wrk_json() {
  BENCH_TOKENS="$W/read.tokens" wrk -t2 -c128 -d"$(d 20)"s --latency -s bench/tokens.lua "$DAILY" > "$W/wrk.txt"
  awk -v label="wrk -t2 -c128 (max throughput, closed model)" '
    /Requests\/sec/ {rps=$2}
    /Non-2xx/ {err+=$5}
    /Socket errors/ {gsub(",",""); err+=$4+$6+$8+$10}
    $1=="50%" {p50=$2} $1=="99%" {p99=$2}
    function ms(v) { if (v ~ /us$/) return substr(v,1,length(v)-2)/1000; if (v ~ /ms$/) return substr(v,1,length(v)-2)+0; if (v ~ /s$/) return substr(v,1,length(v)-1)*1000; return v }
    END {printf "{\"label\":\"%s\",\"requests_per_sec\":%d,\"errors\":%d,\"p50_ms\":%s,\"p99_ms\":%s}\n", label, rps, err, ms(p50), ms(p99)}' "$W/wrk.txt"
}
scenario 2c "cached report reads" "max throughput" -- wrk_json
# The profile of cached reads, in a pass of its own that reports nothing: at tens of thousands of
# requests a second a JFR recording costs the process much of its CPU (wrk's figure halved with
# one running), so no figure above may carry it.
if only 2c && [ "${BENCH_JFR:-1}" = 1 ]; then
  echo "== profiling cached reads (JFR, 20 s of wrk, not reported)"
  record_jfr consolidated cached-reads
  BENCH_TOKENS="$W/read.tokens" wrk -t2 -c128 -d"$(d 20)"s -s bench/tokens.lua "$DAILY" > /dev/null
fi

# 3. release intake (no warm-up at the rate: its releases would stay in the store and make the
#    end-to-end scenarios below run on more data than the runs they are compared with)
only 3a && record_jfr releases intake
scenario 3a "POST /releases intake" ">= 5,000 accepted/s, p99 < 50 ms, 0 errors" -- \
  load --label "open model at 5,000/s" --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/intake.tokens" --rate 5000 --duration "$(d 30)" --connections 256
sleep 5
scenario 3b "POST /releases intake" "find the limit" -- \
  load --label "open model at 2,500/s" --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/intake.tokens" --rate 2500 --duration "$(d 30)" --connections 128
# The same offered 5,000/s with the consumer paused (SIGSTOP): the Releases API and the queue
# alone, as when the consolidated side is down or runs on other machines; on these 2 cores the
# consumer otherwise drains the queue at full speed during 3a and 3b and takes its share.
only 3c && sleep 5
only 3c && kill -STOP "$(pid_of consumer)"
scenario 3c "POST /releases intake, consumer paused" "the Releases API and queue alone" -- \
  load --label "open model at 5,000/s, consumer paused" --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/intake.tokens" --rate 5000 --duration "$(d 30)" --connections 256
only 3c && kill -CONT "$(pid_of consumer)"

# count_of TOKEN: the caller company's count in today's report
count_of() { curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$DAILY" | jq -r .count; }
# settle TOKEN [EXPECTED]: waits (at most 3 min) until that company's count reaches EXPECTED, or,
# without it, stops changing for 5 s: the consumers have drained what that company posted.
settle() {
  local last=-1 same=0 c
  for _ in $(seq 1 180); do
    c=$(count_of "$1" || echo -1)
    if [ -n "${2:-}" ]; then [ "$c" -ge "$2" ] && return 0
    elif [ "$c" = "$last" ]; then same=$((same + 1)); [ "$same" -ge 5 ] && return 0
    else same=0; fi
    last=$c; sleep 1
  done
  echo "settle: gave up (count $c)"
}
# let the consumers drain the intake backlog before the end-to-end runs
only 3a || only 3b || only 3c && { echo "== draining the intake backlog"; settle "$(head -1 "$W/intake.tokens")"; }

# 4. end to end: whether the recording keeps up with an intake offered at 2,200/s for 75 s (above
#    the 2,000/s target for more than a minute; see Watch: the backlog when the intake ends and
#    the rate over its last 60 s), then the lag at 500/s
e2e() {
  rm -f "$W/e2e.accepted"
  local token base; token=$(head -1 "$W/e2e.tokens")
  base=$(count_of "$token" || echo -1)   # -1: the watcher reads it itself
  java -jar "$BENCH_JAR" watch --url "$DAILY" --token "$token" --base "$base" --target-file "$W/e2e.accepted" --timeout 300 --interval-ms 250 --sustain "$(d 60)" > "$W/watch.json" &
  local wpid=$!
  load --label "intake at 2,200/s" --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/e2e.tokens" --rate 2200 --duration "$(d 75)" --connections 128 > "$W/e2e-load.json"
  # the warm-up requests of the generator (3 per connection) are releases too
  jq -r '.ok + .warm_up_ok' "$W/e2e-load.json" > "$W/e2e.accepted"
  wait "$wpid" || true
  jq -cs . "$W/e2e-load.json" "$W/watch.json"
}
only 4a && record_jfr infra e2e-2000
scenario 4a "end to end: recorded rate" ">= 2,000 recorded/s sustained 60 s" -- e2e
lag() {
  load --label "intake at 500/s" --url "$REL" --method POST --body "$BODY" --expect 202 --tokens "$W/lag.tokens" --rate 500 --duration "$(d 60)" --connections 64 > "$W/lag-load.json"
  settle "$(head -1 "$W/lag.tokens")" "$(jq -r '.ok + .warm_up_ok' "$W/lag-load.json")" >&2
  java -jar "$BENCH_JAR" lag --mongo "$DAILYFLOW_MONGO_URI" --db "$DAILYFLOW_MONGO_DATABASE" --company bench-lag --date "$(TZ=America/Sao_Paulo date +%F)" > "$W/lag.json"
  jq -cs . "$W/lag-load.json" "$W/lag.json"
}
only 4a && { echo "== draining the end-to-end backlog"; settle "$(head -1 "$W/e2e.tokens")"; }
only 4b && record_jfr infra lag-500
scenario 4b "end to end: 202 to recorded at 500/s" "p99 < 1 s" -- lag

# 5. a big day, uncached
only 5 && java -jar "$BENCH_JAR" seed --mongo "$DAILYFLOW_MONGO_URI" --db "$DAILYFLOW_MONGO_DATABASE" --company bench-big --date 2020-01-01 --count 100000 | tee "$W/seed.json"
only 5 && record_jfr infra uncached
scenario 5 "day of 100,000 releases, uncached report" "< 50 ms" -- \
  java -jar "$BENCH_JAR" uncached --url "http://127.0.0.1:$CONS_PORT" --token "$(head -1 "$W/big.tokens")" --redis "$DAILYFLOW_REDIS_URI" --company bench-big --date 2020-01-01 --reads 20

# 1 again, with Redis stopped (the embedded redis-server child of the infra process)
only 1r && { kill "$(cat "$W/data/redis-$REDIS_PORT.pid")"; sleep 2; }
scenario 1r "GET /consolidated/daily at 50 req/s, Redis stopped" "0 errors, p99 < 20 ms" -- \
  load --label "constant 50/s, Redis down" --url "$DAILY" --tokens "$W/read.tokens" --rate 50 --duration "$(d 60)" --connections 16

kill "$SAMPLER"; SAMPLER=""
cleanup; PIDS=()

if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  echo "== JMH"
  java -cp "$BENCH_JAR" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 > "$W/jmh.txt" 2>&1 || true
  tail -15 "$W/jmh.txt"
fi

{
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command:  ${BENCH_QUICK:+BENCH_QUICK=$BENCH_QUICK }bench/run.sh"
  echo "git:      $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "nproc:    $(nproc)"
  echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory:"; free -h
  echo "java:"; java -version 2>&1
  echo "service JVM flags: $SERVICE_JAVA_OPTS"
  echo "load generator: bench.jar load, same machine, loopback; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "load average at the end: $(cat /proc/loadavg)"
  [ "$Q" = 1 ] && echo "QUICK RUN: durations divided by 6; figures are a harness check only"
} > "$W/machine.txt"
{ [ -f bench/notes.md ] && cat bench/notes.md; echo; echo "## JFR (this run)"; echo; jfr_summary; } > "$W/notes.md"
java -jar "$BENCH_JAR" report --dir "$W" --out BENCHMARKS.md
echo "== wrote BENCHMARKS.md"
