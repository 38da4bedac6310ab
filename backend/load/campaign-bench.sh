#!/usr/bin/env bash
# Campaign benchmark (issue 5): one command, all on 127.0.0.1, stops by itself.
#
#   backend/load/campaign-bench.sh [METERS=100000]
#
#  1. starts a fake FCM (backend/load/FakeFcmServer.java) and the built backend (backend/target/lifeline-backend.jar)
#     on the embedded PostgreSQL in a fresh data folder (fsync=on, synchronous_commit=on), pushing through the real
#     firebase-admin client to the fake (lifeline.push.endpoint, with a throw-away service account made here);
#  2. seeds METERS no-WAN ESMEs at postcode district ZZ9, one customer each, each customer with a phone, in one
#     SQL statement;
#  3. waits while the idle campaign workers derive each meter's ECDH shared secret once and keep it wrapped (what a
#     supplier does when meters are provisioned), and reports that rate, timed from the first secret kept (the
#     workers' pass at start-up found nothing to do, so they rest up to lifeline.campaigns.prime-rest, a minute);
#  4. runs an extreme-weather notice over them (a non-disconnect code and the notice for each: two ES256
#     signatures, an unwrapped secret and two FCM messages per meter), then a price change over the same meters
#     (one signature and one message per meter), printing progress, heap and RSS every second
#     (backend/load/CampaignBench.java);
#  5. measures the per-meter crypto floor (ECDH, ES256) on this machine alone, on one and two threads.
#
# After each campaign it prints the CPU seconds each process spent on it (the backend by thread group, the fake
# FCM, PostgreSQL), and per meter and per message: on a shared machine, the comparable figures.
# BENCH_BACKEND_ARGS adds arguments to the backend's command line (e.g. --lifeline.push.dispatchers=4).
# BENCH_JAR runs another built jar (default backend/target/lifeline-backend.jar).
# BENCH_FLOOR=0 leaves out the crypto floor (step 5).
# BENCH_TRANSPORT=http1|http2 sets lifeline.push.transport (empty: the backend's default for a loopback endpoint);
# the fake FCM then speaks only that protocol (HTTP/2: clear text, prior knowledge), as the backend's push health
# says. INSTANCES=2 starts a second backend (BENCH_HTTP_PORT2) on the first one's database and keys, both working
# the same campaigns; each pushes to its own path of the fake FCM (/i1, /i2), which counts messages per path, and
# each page's audit entry names the instance that coded it: the script prints meters coded and FCM messages per
# instance, and the second instance's CPU apart ("backend2").
# BENCH_PGSS=1 loads pg_stat_statements into the embedded PostgreSQL (ALTER SYSTEM, then a fast shutdown that the
# backend's watchdog restarts, before seeding) and after each campaign prints the statements that took the most
# execution time in it: calls, total and mean time, and time per meter. With it, BENCH_EXPLAIN_MS=300 also loads
# auto_explain and keeps the plans (actual rows and buffers) of statements slower than that in BENCH_EXPLAIN_LOG
# (default /tmp/campaign-explain.log), and BENCH_PG_SETTINGS="name=value ..." applies server settings to try with
# the same restart (the "database:" line shows them). BENCH_PGSS_TRACK=all also lists the statements run inside
# triggers and functions (each foreign-key check, the kept counts' queries) on lines of their own.
# BENCH_WARMUP=N first runs a notice and a price change over N other meters (district ZZ8), not measured, so the
# figures are a warm backend's (its hot code compiled, its queues with statistics), as in steady running; 0 (the
# default) measures from a cold start, as the figures before 2026-12-03 evening were.
# BENCH_PERF=price:/tmp/pg.perf (or notice:...) records PostgreSQL's processes with perf (user space, sampled with
# call graphs; BENCH_PERF_OPTS replaces "-F 249 --call-graph dwarf,32768"; BENCH_PERF_EVENT=cpu-clock takes the
# kernel's side too, where the default cpu-clock:u is user space only) during that campaign; read it with
# `perf report -i /tmp/pg.perf --children --sort sym -g none`. perf from apt-get install linux-perf.
# BENCH_JFR=/path/x.jfr records the backend with JDK Flight Recorder (profile settings) into that file; read it
# with `jfr summary` and `jfr print --events jdk.ExecutionSample`.
#
# The machine may be shared: the load average is printed with every figure. Needs a built backend
# (./mvnw -q -DskipTests install), psql, openssl, unzip and bc.
set -euo pipefail
cd "$(dirname "$0")/../.."
. backend/load/bench-lib.sh
METERS=${1:-100000}
PORT=${BENCH_HTTP_PORT:-18471}
PGPORT=${BENCH_PG_PORT:-54471}
FCMPORT=${BENCH_FCM_PORT:-18472}
FCMCONTROL=${BENCH_FCM_CONTROL_PORT:-18473}
PORT2=${BENCH_HTTP_PORT2:-18474}
INSTANCES=${INSTANCES:-1}
HEAP=${BENCH_HEAP:-1g}
DATA=$(mktemp -d "${BENCH_TMP:-/tmp}/lifeline-campaign-bench.XXXXXX")
JAR=${BENCH_JAR:-backend/target/lifeline-backend.jar}
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -DskipTests install" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

# A throw-away service account: the token exchange goes to the fake FCM too.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DATA/sa.pem" 2>/dev/null
KEY=$(awk 'BEGIN{ORS="\\n"} {print}' "$DATA/sa.pem")
cat > "$DATA/service-account.json" <<JSON
{"type":"service_account","project_id":"lifeline-bench","private_key_id":"bench","private_key":"$KEY",
 "client_email":"bench@lifeline-bench.iam.gserviceaccount.com","client_id":"1",
 "token_uri":"https://oauth2.googleapis.com/token"}
JSON

# The bench's crypto floor times Bouncy Castle as the backend uses it: the backend's own copy of the library.
mkdir -p "$DATA/lib" && unzip -q -j -o "$JAR" 'BOOT-INF/lib/bcprov-*.jar' -d "$DATA/lib"
BENCH=(java -cp "$DATA/lib/*" backend/load/CampaignBench.java)
# The fake FCM runs on httpcore5's server, the backend's own copy (as its HTTP/2 client's).
mkdir -p "$DATA/fcmlib" && unzip -q -j -o "$JAR" 'BOOT-INF/lib/httpcore5-*.jar' -d "$DATA/fcmlib"

# One backend; with INSTANCES=2 each pushes to its own path of the fake FCM, which counts messages per path.
FCMPATH=""
[ "$INSTANCES" -gt 1 ] && FCMPATH=/i1
# http.maxConnections: keep a connection to the fake FCM alive for each sending thread (the JDK keeps 5).
JFR_OPTS=()
[ -n "${BENCH_JFR:-}" ] && JFR_OPTS=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
PUSH_ARGS=(--logging.level.root=WARN --lifeline.push.credentials-file="$DATA/service-account.json"
  ${BENCH_TRANSPORT:+--lifeline.push.transport=$BENCH_TRANSPORT})
java -Xmx"$HEAP" -Dhttp.maxConnections=64 "${JFR_OPTS[@]}" -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" "${PUSH_ARGS[@]}" \
  --lifeline.push.endpoint="http://127.0.0.1:$FCMPORT$FCMPATH" ${BENCH_BACKEND_ARGS:-} > "$DATA/backend.log" 2>&1 &
BACKEND=$!
BACKEND2=""
FCM=""
trap 'kill $BACKEND $BACKEND2 $FCM 2>/dev/null; wait $BACKEND $BACKEND2 $FCM 2>/dev/null || true
  [ -n "${BENCH_EXPLAIN_MS:-}" ] && cat "$DATA"/postgres/log/* > "${BENCH_EXPLAIN_LOG:-/tmp/campaign-explain.log}" 2>/dev/null
  rm -rf "$DATA"; true' EXIT
bench_wait_ready
bench_psql_setup
if [ "$INSTANCES" -gt 1 ]; then
  # The second instance: the first one's database and keys, a data folder of its own.
  java -Xmx"$HEAP" -Dhttp.maxConnections=64 -jar "$JAR" --server.port="$PORT2" --lifeline.data-dir="$DATA/b2" \
    --lifeline.keys.dir="$DATA/keys" --lifeline.database.url="postgresql://127.0.0.1:$PGPORT/lifeline" \
    --lifeline.database.username=postgres --lifeline.database.password="$PGPASSWORD" "${PUSH_ARGS[@]}" \
    --lifeline.push.endpoint="http://127.0.0.1:$FCMPORT/i2" ${BENCH_BACKEND_ARGS:-} > "$DATA/backend2.log" 2>&1 &
  BACKEND2=$!
  (PORT=$PORT2 BACKEND=$BACKEND2; bench_wait_ready) || { cat "$DATA/backend2.log"; exit 1; }
fi

# The fake FCM speaks only the protocol the backend's push health says it uses.
PUSH=$(curl -s "http://127.0.0.1:$PORT/actuator/health" | sed 's/.*"push":{[^}]*"description":"\([^"]*\)".*/\1/')
PROTOCOL=h1
case "$PUSH" in *"over HTTP/2"*) PROTOCOL=h2 ;; esac
java -cp "$DATA/fcmlib/*" backend/load/FakeFcmServer.java "$FCMPORT" "$PROTOCOL" "$FCMCONTROL" > "$DATA/fcm.log" 2>&1 &
FCM=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$FCMCONTROL/count" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$FCMCONTROL/count" >/dev/null || { cat "$DATA/fcm.log"; exit 1; }

[ "${BENCH_PGSS:-0}" = 1 ] && bench_pgss_load
# The statements that took the most execution time since the last call, and what each cost per meter.
pgss_report() { # meters
  [ "${BENCH_PGSS:-0}" = 1 ] || return 0
  bench_pgss_report "$1" meter
}

echo "ports: backend $PORT, PostgreSQL $PGPORT, fake FCM $FCMPORT and $FCMCONTROL (BENCH_HTTP_PORT, BENCH_PG_PORT," \
  "BENCH_FCM_PORT, BENCH_FCM_CONTROL_PORT)$([ "$INSTANCES" -gt 1 ] && echo ", second backend $PORT2 (BENCH_HTTP_PORT2)")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "push: $PUSH; fake FCM: $(cat "$DATA/fcm.log")"
echo "database: $("${PSQL[@]}" -tAc "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
  FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_wal_size',
  'checkpoint_timeout', 'wal_compression')")"
PEM=$(cat "$DATA"/demo-meters/00DB1234567800A1.pem)
BENCH_EXTRA_PIDS="fake-fcm:$FCM${BACKEND2:+ backend2:$BACKEND2}"
fcm_messages() { curl -fs "http://127.0.0.1:$FCMCONTROL/count" | cut -d' ' -f1; }
# FCM messages per instance (the fake's count per path) between two answers of /count.
fcm_by_instance() { # before after
  echo "$1 $2" | tr ' ' '\n' | awk -F= 'NF == 2 { if (!($1 in a)) order[++n] = $1; a[$1] = $2 - a[$1] }
    END { for (i = 1; i <= n; i++) printf "%s%s %d FCM messages", (i > 1 ? ", " : ""), order[i], a[order[i]]; printf "\n" }'
}
# Meters coded per instance in the latest campaign, from its pages' audit entries.
coded_by_instance() {
  "${PSQL[@]}" -tAc "WITH e AS (SELECT entry::jsonb AS j FROM audit_log WHERE entry::jsonb->>'action' =
    'campaign.codes.issued'), latest AS (SELECT j->>'subject' AS s FROM e ORDER BY j->>'at' DESC LIMIT 1)
    SELECT string_agg(i || ' ' || n || ' meters in ' || p || ' pages', ', ') FROM (SELECT j->'details'->>'instance' AS i,
    sum(jsonb_array_length(j->'details'->'codes')) AS n, count(*) AS p FROM e, latest WHERE j->>'subject' = latest.s
    GROUP BY 1 ORDER BY 1) x"
}
per_instance() { # count-before count-after
  [ "$INSTANCES" -gt 1 ] || return 0
  echo "RESULT per instance: coded $(coded_by_instance) (backend $BACKEND, backend2 $BACKEND2);" \
    "pushed $(fcm_by_instance "$1" "$2") (i1 is backend, i2 backend2)"
}
START=$(date +%s)
bench_seed_with_phones "$METERS" BENCH 'ZZ9 9BB' 8000000000000 00BF000000000000 bench-phone-
WARMUP=${BENCH_WARMUP:-0}
[ "$WARMUP" -gt 0 ] && bench_seed_with_phones "$WARMUP" WARM 'ZZ8 8BB' 7000000000000 00BE000000000000 warm-phone-
"${PSQL[@]}" -c 'ANALYZE'
echo "seeded $METERS no-WAN meters with phones in $(( $(date +%s) - START )) s"

# Idle campaign workers derive each new meter's ECDH secret once and keep it wrapped (as at provisioning).
primed() { # EUI-64 prefix
  "${PSQL[@]}" -tAc "SELECT count(*) FROM meter_secret m JOIN device d ON d.id = m.device_id WHERE d.eui64 LIKE '$1%'"
}
while [ "$(primed 00BF)" -eq 0 ]; do sleep 0.2; done
START=$(date +%s.%N)
while [ "$(primed 00BF)" -lt "$METERS" ]; do sleep 0.5; done
SECONDS_TAKEN=$(echo "$(date +%s.%N) - $START" | bc)
echo "RESULT prime: derived and kept $METERS meters' shared secrets (one ECDH agreement each)" \
  "in $(printf "%.1f" "$SECONDS_TAKEN") s from the first = $(echo "$METERS / $SECONDS_TAKEN" | bc) meters/s; load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$WARMUP" -gt 0 ]; then
  # A backend in steady running has compiled its hot code and its queues have statistics: a notice and a price
  # change over the warm-up meters first, not measured.
  while [ "$(primed 00BE)" -lt "$WARMUP" ]; do sleep 0.5; done
  for kind in notice price; do
    "${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMCONTROL" "$BACKEND" "$WARMUP" $kind ZZ8 \
      | sed -n 's/^RESULT \([a-z]*\): coded/warm-up \1: coded/p'
  done
fi
[ "${BENCH_PGSS:-0}" = 1 ] && "${PSQL[@]}" -tAc 'SELECT pg_stat_statements_reset()' >/dev/null
# One measured campaign over ZZ9 (notice or price), its figures from CPU snapshot cpu.<from> to cpu.<to>: CPU per
# meter and per FCM message, each instance's share, the WAL it wrote, its statements.
measure_campaign() { # kind from to
  local m0 c0 w0 w1 r0
  m0=$(fcm_messages)
  r0=$(bench_rows_snapshot)
  c0=$(curl -fs "http://127.0.0.1:$FCMCONTROL/count")
  w0=$(bench_wal_snapshot)
  local perf=""
  if [ "${BENCH_PERF:-}" != "" ] && [ "${BENCH_PERF%%:*}" = "$1" ]; then
    # The postmaster and its children; connections and workers it starts later inherit the recording.
    # shellcheck disable=SC2086
    perf record ${BENCH_PERF_OPTS:--F 249 --call-graph dwarf,32768} -e "${BENCH_PERF_EVENT:-cpu-clock:u}" -o "${BENCH_PERF#*:}" \
      -p "$(echo "$POSTMASTER" $(pgrep -P "$POSTMASTER") | tr ' ' ,)" > "$DATA/perf.log" 2>&1 &
    perf=$!
  fi
  "${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMCONTROL" "$BACKEND" "$METERS" \
    "$1" ZZ9
  cpu_snapshot > "$DATA/cpu.$3"
  if [ -n "$perf" ]; then
    kill -INT "$perf"; wait "$perf" || true
    echo "perf: $(tail -1 "$DATA/perf.log") (PostgreSQL during the $1 campaign)"
  fi
  w1=$(bench_wal_snapshot)
  cpu_report "$DATA/cpu.$2" "$DATA/cpu.$3" "$METERS" meter
  cpu_report "$DATA/cpu.$2" "$DATA/cpu.$3" "$(( $(fcm_messages) - m0 ))" message | sed -n 1p  # sed reads it all: head would stop the writer (SIGPIPE, and pipefail)
  per_instance "$c0" "$(curl -fs "http://127.0.0.1:$FCMCONTROL/count")"
  bench_wal_report "$w0" "$w1" "$METERS" meter
  bench_rows_report "$r0" "$(BENCH_ROWS_SETTLE=1 bench_rows_snapshot)" "$METERS" meter
  pgss_report "$METERS"
}
cpu_snapshot > "$DATA/cpu.0"
measure_campaign notice 0 1
measure_campaign price 1 2
[ "${BENCH_FLOOR:-1}" = 0 ] || "${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMCONTROL" "$BACKEND" "$METERS" \
  floor
echo "rows: $("${PSQL[@]}" -tAc "SELECT (SELECT count(*) FROM code WHERE reason LIKE 'campaign %') || ' campaign codes, '
  || (SELECT count(*) FROM code WHERE reason NOT LIKE 'campaign %') || ' other codes, ' || (SELECT count(*) FROM
  outbox_message) || ' outbox messages, ' || (SELECT count(*) FROM push_delivery WHERE state = 'SENT') || ' sent, '
  || (SELECT count(*) FROM push_delivery WHERE state <> 'SENT') || ' not sent, ' || (SELECT count(*) FROM audit_log)
  || ' audit entries'")"
# How the payloads are stored: a row too wide for a page's quarter is compressed or moved to its TOAST table, each
# a cost per row written.
"${PSQL[@]}" -tAc "SELECT 'stored per row (bytes): ' || string_agg(x, '; ') FROM (
  SELECT 'code ' || round(avg(pg_column_size(k.*))) || ', its envelope ' || round(avg(pg_column_size(k.envelope)))
    || ' of ' || round(avg(octet_length(k.envelope))) || ' (compressed: ' || count(*) FILTER (WHERE
    pg_column_compression(k.envelope) IS NOT NULL) || ' of ' || count(*) || ')' AS x FROM code k
  UNION ALL SELECT 'outbox_message ' || round(avg(pg_column_size(m.*))) || ', its envelope '
    || round(avg(pg_column_size(m.envelope))) || ' of ' || round(avg(octet_length(m.envelope))) || ' (compressed: '
    || count(*) FILTER (WHERE pg_column_compression(m.envelope) IS NOT NULL) || ')' FROM outbox_message m
  UNION ALL SELECT 'TOAST ' || string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.reltoastrelid)), ', ')
    FROM pg_class c WHERE c.relname IN ('code', 'outbox_message', 'customer_notice', 'audit_log')) s"
"${PSQL[@]}" -tAc "SELECT 'codes not from a campaign, by who issued them: ' || coalesce(string_agg(u.username || ' '
  || n, ', '), 'none') FROM (SELECT issued_by, count(*) AS n FROM code WHERE reason NOT LIKE 'campaign %'
  GROUP BY issued_by) c JOIN app_user u ON u.id = c.issued_by"
