#!/usr/bin/env bash
# The floor under a campaign's PostgreSQL CPU (issue 13, item 6): what writing only the rows a campaign needs costs,
# with the real tables' indexes, checks and foreign keys, by the cheapest statements (campaign-floor.sql says what
# it leaves out). Compare its figures with campaign-bench.sh's "CPU postgres ... us/meter".
#
#   backend/load/campaign-floor.sh [METERS=100000]
#
# Starts the built backend on its embedded PostgreSQL in a fresh data folder (durable writes, as in the bench),
# seeds METERS no-WAN meters with a phone each (as campaign-bench.sh does), then runs a notice and a price change
# over them inside PostgreSQL (floor.campaign): pages of 500 meters, each page one transaction, then its pushes
# claimed and recorded 500 at a time. Prints, per meter, the CPU of the connection that did the work and of all of
# PostgreSQL (its background writers included), and the WAL written. The backend stays idle (its loops do not see
# the schema floor). FLOOR_CODE_IDS=random gives codes random ids instead of time-ordered ones. Needs a built
# backend (./mvnw -q -DskipTests install) and psql.
set -euo pipefail
cd "$(dirname "$0")/../.."
. backend/load/bench-lib.sh
METERS=${1:-100000}
PORT=${BENCH_HTTP_PORT:-18481}
PGPORT=${BENCH_PG_PORT:-54481}
DATA=$(mktemp -d "${BENCH_TMP:-/tmp}/lifeline-campaign-floor.XXXXXX")
JAR=${BENCH_JAR:-backend/target/lifeline-backend.jar}
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -DskipTests install" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

java -Xmx512m -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" --logging.level.root=WARN --lifeline.campaigns.prime-secrets=false \
  > "$DATA/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; wait $BACKEND 2>/dev/null || true; rm -rf "$DATA"; true' EXIT
bench_wait_ready
bench_psql_setup
# BENCH_PGSS=1: pg_stat_statements (the procedure's statements too) after each campaign, as campaign-bench.sh.
if [ "${BENCH_PGSS:-0}" = 1 ]; then
  bench_pgss_load
  "${PSQL[@]}" -c "ALTER SYSTEM SET pg_stat_statements.track = 'all'" -c 'SELECT pg_reload_conf()' >/dev/null
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
PEM=$(cat "$DATA"/demo-meters/00DB1234567800A1.pem)
bench_seed_with_phones "$METERS" FLOOR 'ZZ9 9BB' 8000000000000 00BF000000000000 floor-phone-
"${PSQL[@]}" -f backend/load/campaign-floor.sql -c 'VACUUM ANALYZE'
echo "seeded $METERS no-WAN meters with phones; load $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${BENCH_PGSS:-0}" = 1 ] && "${PSQL[@]}" -tAc 'SELECT pg_stat_statements_reset()' >/dev/null

# FLOOR_CODE_IDS=random: codes with random ids (version 4), as before ledger.CodeIds; default time-ordered.
ORDERED=true
[ "${FLOOR_CODE_IDS:-ordered}" = random ] && ORDERED=false
for kind in NOTICE PRICE_CHANGE; do
  cpu_snapshot > "$DATA/cpu.0"
  w0=$(bench_wal_snapshot)
  START=$(date +%s.%N)
  # One session: its own process's CPU before and after the campaign, read by psql's shell escape.
  "${PSQL[@]}" -v kind="$kind" -v out="$DATA/session" -v ordered="$ORDERED" <<'SQL'
SELECT pg_backend_pid() AS pid \gset
\setenv FLOOR_PID :pid
\setenv FLOOR_OUT :out
\! sed 's/.*) //' /proc/$FLOOR_PID/stat | awk '{ print $12 + $13 }' > $FLOOR_OUT.0
CALL floor.campaign(:'kind', 'ZZ9 9BB', 500, :ordered);
\! sed 's/.*) //' /proc/$FLOOR_PID/stat | awk '{ print $12 + $13 }' > $FLOOR_OUT.1
SQL
  SECONDS_TAKEN=$(echo "$(date +%s.%N) - $START" | bc)
  cpu_snapshot > "$DATA/cpu.1"
  w1=$(bench_wal_snapshot)
  echo "RESULT floor $kind: $METERS meters in $(printf "%.1f" "$SECONDS_TAKEN") s; the working connection" \
    "$(( ($(cat "$DATA/session.1") - $(cat "$DATA/session.0")) * 1000000 / TICK / METERS )) us/meter of CPU;" \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
  cpu_report "$DATA/cpu.0" "$DATA/cpu.1" "$METERS" meter | grep -v '^CPU backend by'
  bench_wal_report "$w0" "$w1" "$METERS" meter
  [ "${BENCH_PGSS:-0}" = 1 ] && bench_pgss_report "$METERS" meter
done
