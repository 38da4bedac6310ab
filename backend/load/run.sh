#!/usr/bin/env bash
# Load test of durable, audited code issuing, with a pgbench single-row insert baseline on the same database.
#
#   backend/load/run.sh [CLIENTS=64] [MEASURE=30] [WARMUP=60]
#   RATE=1000 backend/load/run.sh 64 30 60    # open loop: 1,000 codes/s offered over 64 connections
#
# (60 s of warm-up: on a busy 2-core machine the JIT compilers were still taking 15-25% of the backend's CPU
# half a minute to a minute into the load; a quiet machine may need less, and a PROFILE=1 run shows it.)
#
# What it does, all on 127.0.0.1, stopping by itself:
#  1. starts the built backend (backend/target/lifeline-backend.jar) on the embedded PostgreSQL in a fresh data
#     folder (fsync=on, synchronous_commit=on: every code is on disk before its 201), with METERS no-WAN bench
#     meters 00BE... (default 1,000: a call centre spreads its codes over many meters; with a handful of meters
#     the per-meter counter row lock, held until commit, serialises the codes for each one);
#  2. backend/load/LoadGenerator.java issues one 1.00 top-up to every bench meter (so each meter's key agreement
#     is done and kept, as in steady running), then runs CLIENTS closed-loop HTTP clients as a supervisor for
#     WARMUP then MEASURE seconds, each request with its own Idempotency-Key, meters in turn; it prints codes/s,
#     p50/p90/p99 latency, the slowest answer in each second, the load average, CPU milliseconds per code for the
#     backend, PostgreSQL and itself, and how many requests shared each transaction. With RATE set, the load is
#     open loop instead: RATE requests a second due at fixed times over CLIENTS connections, latency counted from
#     when each was due (the warm-up then runs closed loop, then 10 s at RATE before the measured run);
#  3. with PGSS=1, loads pg_stat_statements and prints PostgreSQL's time statement by statement (execution and
#     planning) in the measured run, per code; with PROFILE=1, takes three thread dumps of the backend (CPU by
#     thread group, busy threads' top frames), samples pg_stat_activity (what the connections wait on) during the
#     measured run, and with JFR=1 also keeps a flight recording of the measured run (recorded from the start; it
#     costs CPU itself);
#  4. counts the codes and audit entries written, then runs pgbench with CLIENTS clients, one single-row insert
#     per transaction, on the same database for MEASURE seconds, and prints the ratio.
#
# The machine may be shared: the load average is printed with every figure, and "cpu per code" says what the
# figure would be if the backend, PostgreSQL and the generator had both cores to themselves.
#
# Needs: a built backend (./mvnw -q -o -f shared/pom.xml install -DskipTests && ./mvnw -q -o -f backend/pom.xml
# install -DskipTests) and pgbench and psql (apt-get install -y postgresql-client).
# Environment: METERS (1000), LOAD_HTTP_PORT (18090), LOAD_PG_PORT (54391), PROFILE (0), KEEP (0: keep the data
# folder, logs and dumps), JAVA_OPTS (extra JVM options for the backend), BACKEND_ARGS (extra --properties),
# SKIP_PGBENCH (0), JFR (0), RATE (0: closed loop), LOAD_JAR (another build of the backend, for A/B runs), PGSS (0).
set -euo pipefail
cd "$(dirname "$0")/../.."
. backend/load/bench-lib.sh
CLIENTS=${1:-64}
MEASURE=${2:-30}
WARMUP=${3:-60}
METERS=${METERS:-1000}
PORT=${LOAD_HTTP_PORT:-18090}
PGPORT=${LOAD_PG_PORT:-54391}
DATA=$(mktemp -d /tmp/lifeline-load.XXXXXX)
JAR=${LOAD_JAR:-backend/target/lifeline-backend.jar}
command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install -y postgresql-client" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -o -f backend/pom.xml install -DskipTests" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline -tAc "$1"; }

echo "load average before start: $(loadavg)   ($(nproc) cores)"
# shellcheck disable=SC2086
# A flight recording runs from the start: started later (jcmd JFR.start), its instrumentation sent the JIT back to
# work for minutes and the backend spent four times the CPU per code, so the recording showed that instead.
JFR_OPTS=()
[ "${PROFILE:-0}" = 1 ] && [ "${JFR:-0}" = 1 ] \
  && JFR_OPTS=(-XX:StartFlightRecording=name=issue,settings=profile,maxage=10m)
java ${JAVA_OPTS:-} "${JFR_OPTS[@]}" -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" --lifeline.demo.bench-meters="$METERS" --logging.level.root=WARN \
  ${BACKEND_ARGS:-} > "$DATA/backend.log" 2>&1 &
BACKEND=$!
cleanup() {
  kill "$BACKEND" 2>/dev/null || true
  wait "$BACKEND" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
bench_wait_ready
bench_psql_setup # PGPASSWORD for psql and pgbench
POSTMASTER=$(ps -o ppid= -p "$(sql "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")" | tr -d ' ')
if [ "${PGSS:-0}" = 1 ]; then
  bench_pgss_load
  (
    # Forget what the one-code-per-meter pass and the warm-up did: the report is of the measured run.
    until grep -q '^warm-up:' "$DATA/load.txt" 2>/dev/null; do sleep 1; done
    sleep $((WARMUP + (${RATE:-0} > 0 ? 10 : 0)))
    "${PSQL[@]}" -tAc 'SELECT pg_stat_statements_reset()' >/dev/null
  ) &
fi

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(sql 'SHOW server_version') "
echo "database: fsync=$(sql 'SHOW fsync'), synchronous_commit=$(sql 'SHOW synchronous_commit')," \
  "commit_delay=$(sql 'SHOW commit_delay'), wal_sync_method=$(sql 'SHOW wal_sync_method')"
echo "bench meters: $METERS, clients: $CLIENTS, warm-up ${WARMUP} s, measured ${MEASURE} s," \
  "$([ "${RATE:-0}" = 0 ] && echo "closed loop" || echo "open loop at ${RATE} codes/s")"

if [ "${PROFILE:-0}" = 1 ] && [ "${JFR:-0}" = 1 ]; then
  (
    # A dump rotates the recording's chunk. JFR.dump maxage keeps whole chunks, so without a rotation here the
    # dump at the end held the start-up and the warm-up as well (seen 3 December: samples from two minutes).
    until grep -q '^warm-up:' "$DATA/load.txt" 2>/dev/null; do sleep 1; done
    sleep $((WARMUP + (${RATE:-0} > 0 ? 10 : 0)))
    jcmd "$BACKEND" JFR.dump name=issue filename="$DATA/warm-up.jfr" > /dev/null 2>&1 || true
  ) &
fi
if [ "${PROFILE:-0}" = 1 ]; then
  (
    # After the one-code-per-meter pass (the generator then prints "warm-up:") and the timed warm-up, sample
    # three times, two seconds apart, in the first half of the measured run.
    until grep -q '^warm-up:' "$DATA/load.txt" 2>/dev/null; do sleep 1; done
    sleep $((WARMUP + MEASURE / 4 + (${RATE:-0} > 0 ? 10 : 0)))
    for i in 1 2 3; do
      jcmd "$BACKEND" Thread.print > "$DATA/threads-$i.txt" 2>&1 || true
      sql "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, state), count(*)
           FROM pg_stat_activity WHERE datname = 'lifeline' AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 2 DESC" \
        > "$DATA/pg-activity-$i.txt" 2>&1 || true
      sleep 2
    done
  ) &
  PROFILER=$!
fi

java backend/load/LoadGenerator.java "http://127.0.0.1:$PORT" sam.supervisor demo-password "$CLIENTS" "$METERS" \
  "$WARMUP" "$MEASURE" "$BACKEND" "$POSTMASTER" "${RATE:-0}" | tee "$DATA/load.txt"
if [ "${PROFILE:-0}" = 1 ] && [ "${JFR:-0}" = 1 ]; then # the measured run alone, which has just ended
  jcmd "$BACKEND" JFR.dump name=issue maxage="$((MEASURE - 1))s" filename="$DATA/issue.jfr" > /dev/null 2>&1 || true
fi
echo "written: $(sql "SELECT (SELECT count(*) FROM code) || ' codes, ' || (SELECT count(*) FROM audit_log)
  || ' audit entries, ' || (SELECT count(*) FROM idempotency_record) || ' idempotency records'")"
# Each batch is one transaction, so its rows share an xmin: codes per transaction over the whole run (warm-up too).
echo "codes per transaction: $(sql "SELECT round(count(*)::numeric / greatest(count(DISTINCT xmin::text), 1), 1)
  FROM code")"
if [ "${PGSS:-0}" = 1 ]; then
  echo "--- PostgreSQL statement by statement in the measured run (execution and planning time, per code issued)"
  CODES=$(grep -oE '^RESULT codes_per_s=[0-9]+' "$DATA/load.txt" | cut -d= -f2 | awk -v m="$MEASURE" '{ print $1 * m }')
  bench_pgss_report "$CODES" code
fi

if [ "${PROFILE:-0}" = 1 ]; then
  wait "$PROFILER"
  echo "--- pg_stat_activity during the run (wait event: connections)"
  cat "$DATA"/pg-activity-*.txt
  echo "--- backend CPU by thread group between the first and last dump (JIT compiler threads still busy = warm up longer)"
  awk 'FNR == 1 { file++ } /^"/ && match($0, /cpu=[0-9.]+ms/) {
      name = $0; sub(/^"/, "", name); sub(/".*/, "", name); gsub(/[-# ]?[0-9]+$/, "", name)
      cpu[file, name] += substr($0, RSTART + 4, RLENGTH - 6); names[name] = 1 }
    END { for (n in names) { d = cpu[3, n] - cpu[1, n]; if (d > 0) printf "%8.0f ms  %s\n", d, n } }' \
    "$DATA/threads-1.txt" "$DATA/threads-2.txt" "$DATA/threads-3.txt" | sort -rn | head -8
  echo "--- what the busy backend threads were doing, by top frame, in the 3 dumps"
  cat "$DATA"/threads-*.txt | awk '/^"/ { name = $1; sub(/-[0-9]+"$/, "\"", name) }
    /java.lang.Thread.State: RUNNABLE/ { r = 1; next } /^$/ { r = 0 }
    r && /epollWait/ { r = 0; next }
    r && /^\tat / && name ~ /reactor|parallel|boundedElastic/ { print name, $2; r = 0 }' \
    | sort | uniq -c | sort -rn | head -12
  echo "(thread dumps, activity samples and, with JFR=1, a flight recording of the measured run: $DATA; set"
  echo " KEEP=1 to keep them; jfr print --stack-depth 64 --events jdk.ExecutionSample $DATA/issue.jfr lists the CPU"
  echo " samples. The recording costs the backend some CPU: leave JFR off for the figures.)"
fi

[ "${SKIP_PGBENCH:-0}" = 1 ] && exit 0
psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline \
  -c 'CREATE TABLE IF NOT EXISTS pgbench_single_row (id bigserial PRIMARY KEY, payload text NOT NULL)'
echo "pgbench: load average before: $(loadavg)"
pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -M prepared -c "$CLIENTS" -j 2 -T "$MEASURE" \
  -f backend/load/insert.sql lifeline > "$DATA/pgbench.txt" 2>&1
PG_TPS=$(grep -oE 'tps = [0-9.]+' "$DATA/pgbench.txt" | head -1 | awk '{print $3}')
PG_LAT=$(grep -oE 'latency average = [0-9.]+ ms' "$DATA/pgbench.txt" | awk '{print $4}')
CODES=$(grep -oE 'codes_per_s=[0-9]+' "$DATA/load.txt" | cut -d= -f2)
echo "pgbench: $CLIENTS clients, single-row insert per transaction: ${PG_TPS} tps, latency average ${PG_LAT} ms" \
  "(load average after: $(loadavg))"
awk -v c="$CODES" -v p="$PG_TPS" 'BEGIN { printf "ratio: %.3f durable audited codes per single-row insert\n", c / p }'
