#!/usr/bin/env bash
# Load test of durable, audited code issuing, with a pgbench single-row insert baseline on the same database.
# Starts the backend (embedded PostgreSQL, fresh data folder, bench meters), issues top-ups with CLIENTS
# concurrent HTTP clients for MEASURE seconds after WARMUP seconds, then runs pgbench with the same number of
# clients inserting one row per transaction into the same database, and prints both and their ratio.
# Everything talks to 127.0.0.1 only and stops by itself. Needs: a built backend
# (./mvnw -q -DskipTests install) and pgbench (apt-get install -y postgresql-client).
#
#   backend/load/run.sh [CLIENTS=64] [MEASURE=30] [WARMUP=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS=${1:-64}
MEASURE=${2:-30}
WARMUP=${3:-10}
METERS=2000
PORT=${LOAD_HTTP_PORT:-18090}
PGPORT=${LOAD_PG_PORT:-54391}
DATA=$(mktemp -d /tmp/lifeline-load.XXXXXX)
JAR=backend/target/lifeline-backend.jar
command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install -y postgresql-client" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -DskipTests install" >&2; exit 1; }

java -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" --lifeline.database.embedded-port="$PGPORT" \
  --lifeline.demo.bench-meters=$METERS --logging.level.root=WARN > "$DATA/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; wait $BACKEND 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { cat "$DATA/backend.log"; exit 1; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "database: fsync=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline -tAc 'show fsync')," \
  "synchronous_commit=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline -tAc 'show synchronous_commit')"
java backend/load/LoadGenerator.java "http://127.0.0.1:$PORT" sam.supervisor demo-password "$CLIENTS" $METERS \
  "$WARMUP" "$MEASURE" | tee "$DATA/load.txt"
echo "audit chain: $(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline -tAc \
  "SELECT count(*) || ' entries, ' || (SELECT count(*) FROM code) || ' codes' FROM audit_log")"

psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline \
  -c 'CREATE TABLE IF NOT EXISTS pgbench_single_row (id bigserial PRIMARY KEY, payload text NOT NULL)'
pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -M prepared -c "$CLIENTS" -j 2 -T "$MEASURE" \
  -f backend/load/insert.sql lifeline > "$DATA/pgbench.txt" 2>&1
PG_TPS=$(grep -oE 'tps = [0-9.]+' "$DATA/pgbench.txt" | head -1 | awk '{print $3}')
PG_LAT=$(grep -oE 'latency average = [0-9.]+ ms' "$DATA/pgbench.txt" | awk '{print $4}')
CODES=$(grep -oE 'codes_per_s=[0-9]+' "$DATA/load.txt" | cut -d= -f2)
echo "pgbench: $CLIENTS clients, single-row insert per transaction: ${PG_TPS} tps, latency average ${PG_LAT} ms"
awk -v c="$CODES" -v p="$PG_TPS" 'BEGIN { printf "ratio: %.2f durable audited codes per single-row insert\n", c / p }'
