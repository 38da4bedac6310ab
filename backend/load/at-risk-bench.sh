#!/usr/bin/env bash
# The daily at-risk list over METERS no-WAN meters (issue 17), end to end: the packaged backend on its embedded
# PostgreSQL, METERS electricity meters seeded for Bright Energy (seed-meters.sql), each with a modelled state
# (the demo meter 00DB1234567800A1's, with balances spread from 0.00 to 59.99 and no deferred charges), then one
# GET /api/v1/at-risk as an agent. The list reads the meters a page of 1,000 at a time and keeps only the `limit` most dangerous, so the
# backend runs with a small heap (HEAP, default 256m) to show its memory does not grow with the meters; the GC log
# gives the most heap used. Prints the list's wall time, CPU per meter (backend by thread group, PostgreSQL) and
# the machine's load. The DP255 offer sweep (every 10 minutes, over every device) is put off so it does not run
# inside the measurement. Stops by itself.
#
#   backend/load/at-risk-bench.sh [METERS=1000000] [HEAP=256m]
#
# Needs a built backend (./mvnw -q -pl backend -am -DskipTests package), psql and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. backend/load/bench-lib.sh
METERS=${1:-1000000}
HEAP=${2:-256m}
PORT=${BENCH_HTTP_PORT:-18183}
PGPORT=${BENCH_PG_PORT:-54183}
DATA=${BENCH_DATA:-$(mktemp -d /tmp/lifeline-at-risk-bench.XXXXXX)}
mkdir -p "$DATA"
JAR=backend/target/lifeline-backend.jar
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -pl backend -am -DskipTests package" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

java -Xmx"$HEAP" -Xlog:gc:file="$DATA/gc.log" -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" --logging.level.root=WARN --lifeline.campaigns.prime-secrets=false \
  --lifeline.no-wan-offers.sweep=24h \
  ${BENCH_BACKEND_ARGS:-} > "$DATA/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; wait $BACKEND 2>/dev/null || true; rm -rf "$DATA"; true' EXIT
bench_wait_ready
bench_psql_setup
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), backend heap at most $HEAP, load $(cut -d' ' -f1-3 /proc/loadavg)"
PEM=$(cat "$DATA"/demo-meters/00DB1234567800A1.pem)
SEEDED=$(date +%s)
"${PSQL[@]}" -v meters="$METERS" -v key="$PEM" -v tag=RISK -v postcode='ZZ7 7AA' -v mpxn=8000000000000 \
  -v eui=00BE700000000000 -f backend/load/seed-meters.sql -f - <<'SQL'
INSERT INTO meter_model (supplier_id, device_id, format, state, as_of, source, updated_at)
SELECT m.supplier_id, b.d, m.format,
       jsonb_set(jsonb_set(m.state, '{credit,meterBalance}', to_jsonb((b.g::bigint * 7919) % 6000)),
                 '{debts,accumulatedDebt}', '0'), m.as_of, 'SEEDED', now()
FROM bench_customer b, meter_model m JOIN device x ON x.id = m.device_id AND x.eui64 = '00DB1234567800A1';
-- Vacuumed now, so autovacuum of the fresh rows does not run during the list and count as its cost.
VACUUM ANALYZE;
SQL
echo "seeded $METERS no-WAN meters with models in $(( $(date +%s) - SEEDED )) s; load $(cut -d' ' -f1-3 /proc/loadavg)"

TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"amy.agent","password":"demo-password"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
MARK=$(wc -l < "$DATA/gc.log")
cpu_snapshot > "$DATA/cpu.0"
START=$(date +%s.%N)
curl -fs --max-time 3600 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/at-risk?days=3&limit=200" \
  -o "$DATA/list.json"
END=$(date +%s.%N)
cpu_snapshot > "$DATA/cpu.1"
TOTAL=$(sed 's/.*"meters":\([0-9]*\).*/\1/' "$DATA/list.json")
echo "RESULT list: $(sed 's/.*"meters":\([0-9]*\),"atRisk":\([0-9]*\),"psrAtRisk":\([0-9]*\).*/\1 meters assessed, \2 at risk (\3 PSR)/' "$DATA/list.json")," \
  "$(grep -o '"rank"' "$DATA/list.json" | wc -l) entries returned; wall $(echo "$END - $START" | bc | cut -c1-6) s;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_report "$DATA/cpu.0" "$DATA/cpu.1" "$TOTAL" meter
echo "RESULT heap: most used after a collection during the list $(tail -n +"$MARK" "$DATA/gc.log" \
  | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->\([0-9]*\)M/\1/' | sort -n | tail -1) MB, most before one" \
  "$(tail -n +"$MARK" "$DATA/gc.log" | grep -o '[0-9]*M->' | sed 's/M->//' | sort -n | tail -1) MB (heap at most $HEAP)"
