#!/usr/bin/env bash
# Text-message benchmark (issue 14): an extreme-weather notice over METERS no-WAN customers, half of whom have no
# app but a mobile agreed to texts; the escalation ladder texts them their code and the texts go over SMPP 3.4
# (the jSMPP client) to the loopback SMSC (jSMPP's server side, in the backend's own process), which answers each
# submit and sends a delivery receipt. All on 127.0.0.1; stops by itself.
#
#   backend/load/sms-bench.sh [METERS=10000] [RATE=1000] [WINDOW=64]
#
# RATE is the SMS account's rate (lifeline.sms.rate-per-second) and WINDOW its window (submits in flight). The
# ladder's emergency app deadline is set to 0 s so texts start as soon as codes exist (a real notice waits 15
# minutes for the app first). It prints, from sms_message's own timestamps: texts submitted per second (each
# whole second between the first and the last submit, so a slow second shows), the mean rate, the time to the
# last delivery receipt, and the CPU each process spent per text (the backend by thread group, PostgreSQL).
# Target: never slower than the account's rate; at least 500 texts a second on 2 cores.
# Needs a built backend (./mvnw -q -pl backend -am -DskipTests package), psql and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. backend/load/bench-lib.sh
METERS=${1:-10000}
RATE=${2:-1000}
WINDOW=${3:-64}
PORT=${BENCH_HTTP_PORT:-18481}
PGPORT=${BENCH_PG_PORT:-54481}
SMSCPORT=${BENCH_SMSC_PORT:-18482}
DATA=$(mktemp -d /tmp/lifeline-sms-bench.XXXXXX)
JAR=backend/target/lifeline-backend.jar
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -pl backend -am -DskipTests package" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

java -Xmx1g -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" --logging.level.root=WARN \
  --lifeline.sms.demo-smsc=true --lifeline.sms.demo-port="$SMSCPORT" --lifeline.sms.rate-per-second="$RATE" \
  --lifeline.sms.window="$WINDOW" --lifeline.sms.poll-interval=100ms \
  --lifeline.reach.ladder.emergency-app-deadline=0s --lifeline.reach.ladder.texts-per-second=100000 \
  --lifeline.reach.ladder.poll-interval=200ms --lifeline.reach.ladder.batch-size=100 ${BENCH_BACKEND_ARGS:-} > "$DATA/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; wait $BACKEND 2>/dev/null || true; rm -rf "$DATA"; true' EXIT
bench_wait_ready
bench_psql_setup
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "account: rate $RATE/s, window $WINDOW; database fsync=$("${PSQL[@]}" -tAc 'show fsync')," \
  "synchronous_commit=$("${PSQL[@]}" -tAc 'show synchronous_commit')"
PEM=$(cat "$DATA"/demo-meters/00DB1234567800A1.pem)

# Odd customers: no app, a mobile agreed to texts (every fifth in Welsh: UCS-2). Even customers: the app.
"${PSQL[@]}" -v meters="$METERS" -v key="$PEM" -v tag=TEXT -v postcode='ZZ8 8BB' -v mpxn=7000000000000 \
  -v eui=00BE800000000000 -f backend/load/seed-meters.sql -f - <<'SQL'
WITH s AS (SELECT id FROM supplier WHERE code = 'bright-energy'),
 app AS (INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
           registered_at)
         SELECT gen_random_uuid(), s.id, a, gen_random_uuid(), 'bench-phone-' || g, 'android', now()
         FROM bench_customer, s WHERE g % 2 = 0)
INSERT INTO reach_contact (supplier_id, customer_account_id, mobile, language, channels, needs, version,
    updated_by, updated_at)
SELECT s.id, a, '+4474' || lpad(g::text, 8, '0'), CASE WHEN g % 10 = 1 THEN 'cy' ELSE 'en' END, '{SMS}', '{}', 1,
    (SELECT id FROM app_user WHERE username = 'olly.ops'), now()
FROM bench_customer, s WHERE g % 2 = 1;
ANALYZE;
SQL
TEXTED=$(( (METERS + 1) / 2 ))
echo "seeded $METERS no-WAN meters in ZZ8: $TEXTED customers with a mobile and no app, $(( METERS / 2 )) with the app"

# Per-second submits of the texts matching WHERE (a SQL condition on sms_message), each whole second between
# the first and the last submit, so a slow second shows; and the mean rate and the last receipt.
submit_report() { # label where
  "${PSQL[@]}" -tA <<SQL
CREATE TEMP TABLE t AS SELECT created_at, submitted_at, done_at, state, encoding FROM sms_message WHERE $2;
CREATE TEMP VIEW w AS SELECT min(submitted_at) AS first, max(submitted_at) AS last, max(done_at) AS receipted,
         count(*) AS texts, count(*) FILTER (WHERE state = 'DELIVERED') AS delivered,
         count(*) FILTER (WHERE encoding = 'UCS2') AS ucs2 FROM t;
CREATE TEMP VIEW secs AS SELECT sec, (SELECT count(*) FROM t WHERE t.submitted_at >= sec AND t.submitted_at < sec + interval '1 s') AS n
FROM w, generate_series(date_trunc('second', w.first) + interval '1 s', date_trunc('second', w.last)
            - interval '1 s', interval '1 s') sec;
SELECT 'RESULT $1: ' || w.texts || ' texts (' || w.ucs2 || ' in UCS-2), ' || w.delivered
  || ' delivered; first to last submit ' || round(extract(epoch FROM w.last - w.first)::numeric, 1)
  || ' s = ' || round(w.texts / greatest(extract(epoch FROM w.last - w.first), 0.001)::numeric) || ' texts/s;'
  || ' last receipt ' || round(extract(epoch FROM w.receipted - w.first)::numeric, 1) || ' s after the first submit'
FROM w;
SELECT 'RESULT $1, submitted each whole second: ' || string_agg(n::text, ' ' ORDER BY sec) FROM secs;
SQL
}

# Phase 1, the SMPP path alone: as many texts as the notice will send, queued at once and all due at the same
# instant, so nothing upstream paces them: claimed, submitted through the jSMPP client at the account's rate and
# window, answered and receipted by the loopback SMSC, every outcome written before it is acknowledged.
"${PSQL[@]}" -v n="$(( TEXTED * 3 ))" <<'SQL'
INSERT INTO sms_message (supplier_id, direction, phone, kind, body, encoding, state, next_attempt_at, expires_at,
    created_at)
SELECT s.id, 'OUT', '+4475' || lpad(g::text, 8, '0'), 'bench',
  'Bright Energy: code for your electricity meter ending 0A1: 1234 5678 9012 3456 7890. It keeps your supply on until'
  || ' 18:00 Fri. Help: 0800 000 0000', 'GSM7', 'PENDING', now() + interval '2 s', now() + interval '1 day', now()
FROM generate_series(1, :n) g, (SELECT id FROM supplier WHERE code = 'bright-energy') s;
SQL
cpu_snapshot > "$DATA/cpu.p0"
for _ in $(seq 1 600); do
  sleep 1
  [ "$("${PSQL[@]}" -tAc "SELECT count(*) FROM sms_message WHERE kind = 'bench' AND state <> 'DELIVERED'")" = 0 ] && break
done
cpu_snapshot > "$DATA/cpu.p1"
submit_report "SMPP path alone" "kind = 'bench'"
cpu_report "$DATA/cpu.p0" "$DATA/cpu.p1" "$(( TEXTED * 3 ))" text
echo "(CPU of phase 1: the sender, the jSMPP client, the loopback SMSC in the same process, and PostgreSQL)"

TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"olly.ops","password":"demo-password"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
FROM=$(date -u -d '+1 hour' +%Y-%m-%dT%H:00:00Z)
UNTIL=$(date -u -d '+3 days' +%Y-%m-%dT%H:00:00Z)
cpu_snapshot > "$DATA/cpu.0"
START=$(date +%s.%N)
CAMPAIGN=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d "{\"title\":\"Severe cold weather\",\"message\":\"Your supply will stay on.\",\"reason\":\"bench\",\"area\":{\"districts\":[\"ZZ8\"]},\"startsAt\":\"$FROM\",\"endsAt\":\"$UNTIL\"}" \
  "http://127.0.0.1:$PORT/api/v1/notices" | sed 's/.*"id":"\([^"]*\)".*/\1/')
echo "notice $CAMPAIGN launched; load $(cut -d' ' -f1-3 /proc/loadavg)"

# Done when every texted customer's code has its texts, none is waiting for the SMSC or its receipt, and
# nothing changed for 3 s.
counts() {
  "${PSQL[@]}" -tAc "SELECT count(*) FILTER (WHERE state <> 'PENDING') || ' ' || count(*) FILTER (WHERE state
    IN ('DELIVERED', 'FAILED')) || ' ' || count(*) || ' ' || count(DISTINCT code_id) || ' '
    || extract(epoch FROM clock_timestamp()) FROM sms_message WHERE direction = 'OUT' AND campaign_id = '$CAMPAIGN'"
}
LAST=""
SAME=0
for tick in $(seq 1 1200); do
  sleep 1
  read -r SUBMITTED RECEIPTED QUEUED CODES AT < <(counts)
  echo "$AT $SUBMITTED $(( QUEUED - SUBMITTED ))" >> "$DATA/ticks"
  echo "t=${tick}s texts queued $QUEUED (for $CODES codes), submitted $SUBMITTED, receipted $RECEIPTED;" \
    "backend RSS $(( $(awk '/VmRSS/ { print $2 }' /proc/$BACKEND/status) / 1024 )) MB" \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$CODES" -ge "$TEXTED" ] && [ "$RECEIPTED" -eq "$QUEUED" ]; then
    [ "$LAST" = "$RECEIPTED" ] && SAME=$(( SAME + 1 )) || SAME=0
    [ "$SAME" -ge 3 ] && break
  fi
  LAST=$RECEIPTED
done
cpu_snapshot > "$DATA/cpu.1"
submit_report "notice end to end" "direction = 'OUT' AND campaign_id = '$CAMPAIGN'"
"${PSQL[@]}" -tA <<SQL
SELECT 'RESULT ladder: ' || string_agg(step || ' ' || state || ' ' || n, ', ' ORDER BY step, state)
FROM (SELECT step, state, count(*) AS n FROM reach_step WHERE campaign_id = '$CAMPAIGN' GROUP BY 1, 2) x;
SQL
# The SMPP path's own speed: between two polls (about a second apart) that began with at least a second's worth of
# committed texts waiting (the ladder's transactions commit in steps, so texts arrive in bursts), texts
# submitted per second.
awk -v rate="$RATE" 'NR > 1 && waiting >= rate { printf "%.0f\n", ($2 - done) / ($1 - at) }
  { at = $1; done = $2; waiting = $3 }' "$DATA/ticks" | sort -n | awk -v rate="$RATE" '{ v[++n] = $1 }
  END { if (!n) { print "RESULT SMPP path: no poll interval began with " rate " committed texts waiting"; exit }
    printf "RESULT SMPP path: over the %d poll intervals that began with at least %d committed texts waiting,", n, rate
    printf " submitted min %d, median %d, max %d a second (account rate %d)\n", v[1], v[int((n + 1) / 2)], v[n], rate }'
echo "RESULT end to end: launch to the last receipt seen $(echo "$(date +%s.%N) - $START - $SAME" | bc | cut -d. -f1) s (METERS codes made first)"
TEXTS=$("${PSQL[@]}" -tAc "SELECT count(*) FROM sms_message WHERE direction = 'OUT' AND campaign_id = '$CAMPAIGN'")
cpu_report "$DATA/cpu.0" "$DATA/cpu.1" "$TEXTS" text
echo "(CPU from launch to the end: the backend's includes coding the notice's $METERS meters, the ladder, the SMPP client and the loopback SMSC)"
