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
# BENCH_JFR=/path/x.jfr records the backend with JDK Flight Recorder (profile settings) into that file; read it
# with `jfr summary` and `jfr print --events jdk.ExecutionSample`.
#
# The machine may be shared: the load average is printed with every figure. Needs a built backend
# (./mvnw -q -DskipTests install), psql, openssl, unzip and bc.
set -euo pipefail
cd "$(dirname "$0")/../.."
METERS=${1:-100000}
PORT=${BENCH_HTTP_PORT:-18471}
PGPORT=${BENCH_PG_PORT:-54471}
FCMPORT=${BENCH_FCM_PORT:-18472}
HEAP=${BENCH_HEAP:-1g}
DATA=$(mktemp -d /tmp/lifeline-campaign-bench.XXXXXX)
JAR=backend/target/lifeline-backend.jar
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

java backend/load/FakeFcmServer.java "$FCMPORT" > "$DATA/fcm.log" 2>&1 &
FCM=$!
# http.maxConnections: keep a connection to the fake FCM alive for each sending thread (the JDK keeps 5).
JFR_OPTS=()
[ -n "${BENCH_JFR:-}" ] && JFR_OPTS=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
java -Xmx"$HEAP" -Dhttp.maxConnections=64 "${JFR_OPTS[@]}" -jar "$JAR" --server.port="$PORT" --lifeline.data-dir="$DATA" \
  --lifeline.database.embedded-port="$PGPORT" --logging.level.root=WARN \
  --lifeline.push.credentials-file="$DATA/service-account.json" \
  --lifeline.push.endpoint="http://127.0.0.1:$FCMPORT" ${BENCH_BACKEND_ARGS:-} > "$DATA/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND $FCM 2>/dev/null; wait $BACKEND $FCM 2>/dev/null; rm -rf "$DATA"; true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { cat "$DATA/backend.log"; exit 1; }
curl -fs "http://127.0.0.1:$FCMPORT/count" >/dev/null || { cat "$DATA/fcm.log"; exit 1; }

echo "ports: backend $PORT, PostgreSQL $PGPORT, fake FCM $FCMPORT (BENCH_HTTP_PORT, BENCH_PG_PORT, BENCH_FCM_PORT)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "push: $(curl -s "http://127.0.0.1:$PORT/actuator/health" | sed 's/.*"push":{[^}]*"description":"\([^"]*\)".*/\1/')"
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline)
echo "database: fsync=$("${PSQL[@]}" -tAc 'show fsync'), synchronous_commit=$("${PSQL[@]}" -tAc 'show synchronous_commit')"
PEM=$(cat "$DATA"/demo-meters/00DB1234567800A1.pem)
POSTMASTER=$(head -1 "$DATA"/postgres/postmaster.pid 2>/dev/null || pgrep -f "postgres -D $DATA" | head -1)
TICK=$(getconf CLK_TCK)

# CPU ticks (user + system) so far: of each thread group of the backend ("group ticks" lines, thread names
# without their numbers), of the fake FCM and of PostgreSQL (the postmaster, its live children, and its exited
# ones).
cpu_snapshot() {
  local t name f
  for t in /proc/$BACKEND/task/*; do
    read -r name < "$t/comm" 2>/dev/null || continue
    read -r -a f < <(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
    echo "backend:$(echo "$name" | sed 's/[-#]*[0-9]*$//' | tr ' ' '_') $(( f[11] + f[12] ))"
  done
  read -r -a f < <(sed 's/.*) //' /proc/$FCM/stat); echo "fake-fcm $(( f[11] + f[12] + f[13] + f[14] ))"
  local pg=0
  for p in $POSTMASTER $(pgrep -P "$POSTMASTER"); do
    read -r -a f < <(sed 's/.*) //' /proc/$p/stat 2>/dev/null) || continue
    pg=$(( pg + f[11] + f[12] + f[13] + f[14] ))
  done
  echo "postgres $pg"
  echo "fcm-messages $(curl -fs "http://127.0.0.1:$FCMPORT/count" | cut -d' ' -f1)"
}

# The CPU each part spent between two snapshots, in seconds and per meter and message.
cpu_report() { # before after meters
  local diff messages
  messages=$(( $(awk '$1 == "fcm-messages" { print $2 }' "$2") - $(awk '$1 == "fcm-messages" { print $2 }' "$1") ))
  diff=$(awk -v tick="$TICK" '$1 == "fcm-messages" { next } FNR == NR { b[$1] += $2; next } { a[$1] += $2 }
    END { for (k in a) printf "%s %.2f\n", k, (a[k] - b[k]) / tick }' "$1" "$2")
  echo "$diff" | awk -v meters="$3" -v messages="$messages" '
    /^backend:/ { backend += $2; next } { other[$1] = $2 }
    END { printf "CPU backend %.1f s (%.0f us/meter, %.0f us/message), fake FCM %.1f s (%.0f us/message),",
        backend, backend * 1e6 / meters, backend * 1e6 / messages, other["fake-fcm"], other["fake-fcm"] * 1e6 / messages
      printf " PostgreSQL %.1f s (%.0f us/meter)\n", other["postgres"], other["postgres"] * 1e6 / meters }'
  echo "CPU backend by thread group (s):" $(echo "$diff" | awk '/^backend:/ && $2 >= 0.3 { print $2, substr($1, 9) }' \
    | sort -rn | awk '{ printf "%s %s, ", $2, $1 }')
}
START=$(date +%s)
"${PSQL[@]}" -v meters="$METERS" -v key="$PEM" <<'SQL'
WITH s AS (SELECT id FROM supplier WHERE code = 'bright-energy'),
 n AS (SELECT g, gen_random_uuid() AS a, gen_random_uuid() AS p, gen_random_uuid() AS sp, gen_random_uuid() AS d
       FROM generate_series(1, :meters) g),
 acc AS (INSERT INTO customer_account (id, supplier_id, account_number, name, phone)
         SELECT a, s.id, 'BENCH-' || g, 'Bench customer ' || g, '0113 496 ' || g FROM n, s),
 pre AS (INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)
         SELECT p, s.id, a, g || ' Bench Street', 'ZZ9 9BB' FROM n, s),
 spt AS (INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)
         SELECT sp, s.id, p, 'ELECTRICITY', lpad((8000000000000 + g)::text, 13, '0') FROM n, s),
 dev AS (INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type, ka_public_key,
           wan_state)
         SELECT d, s.id, p, sp, upper(lpad(to_hex(x'00BF000000000000'::bigint + g), 16, '0')), 'ESME', :'key',
           'NO_WAN' FROM n, s)
INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform, registered_at)
SELECT gen_random_uuid(), s.id, a, gen_random_uuid(), 'bench-phone-' || g, 'android', now() FROM n, s;
SQL
"${PSQL[@]}" -c 'ANALYZE'
echo "seeded $METERS no-WAN meters with phones in $(( $(date +%s) - START )) s"

# Idle campaign workers derive each new meter's ECDH secret once and keep it wrapped (as at provisioning).
primed() {
  "${PSQL[@]}" -tAc "SELECT count(*) FROM meter_secret m JOIN device d ON d.id = m.device_id WHERE d.eui64 LIKE '00BF%'"
}
while [ "$(primed)" -eq 0 ]; do sleep 0.2; done
START=$(date +%s.%N)
while [ "$(primed)" -lt "$METERS" ]; do sleep 0.5; done
SECONDS_TAKEN=$(echo "$(date +%s.%N) - $START" | bc)
echo "RESULT prime: derived and kept $METERS meters' shared secrets (one ECDH agreement each) in ${SECONDS_TAKEN%.*} s" \
  "from the first = $(echo "$METERS / $SECONDS_TAKEN" | bc) meters/s; load $(cut -d' ' -f1-3 /proc/loadavg)"

cpu_snapshot > "$DATA/cpu.0"
"${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMPORT" "$BACKEND" "$METERS" \
  notice ZZ9
cpu_snapshot > "$DATA/cpu.1"
cpu_report "$DATA/cpu.0" "$DATA/cpu.1" "$METERS"
"${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMPORT" "$BACKEND" "$METERS" \
  price ZZ9
cpu_snapshot > "$DATA/cpu.2"
cpu_report "$DATA/cpu.1" "$DATA/cpu.2" "$METERS"
"${BENCH[@]}" "http://127.0.0.1:$PORT" "http://127.0.0.1:$FCMPORT" "$BACKEND" "$METERS" \
  floor
echo "rows: $("${PSQL[@]}" -tAc "SELECT (SELECT count(*) FROM code WHERE reason LIKE 'campaign %') || ' campaign codes, '
  || (SELECT count(*) FROM code WHERE reason NOT LIKE 'campaign %') || ' other codes, ' || (SELECT count(*) FROM
  outbox_message) || ' outbox messages, ' || (SELECT count(*) FROM push_delivery WHERE state = 'SENT') || ' sent, '
  || (SELECT count(*) FROM push_delivery WHERE state <> 'SENT') || ' not sent, ' || (SELECT count(*) FROM audit_log)
  || ' audit entries'")"
"${PSQL[@]}" -tAc "SELECT 'codes not from a campaign, by who issued them: ' || coalesce(string_agg(u.username || ' '
  || n, ', '), 'none') FROM (SELECT issued_by, count(*) AS n FROM code WHERE reason NOT LIKE 'campaign %'
  GROUP BY issued_by) c JOIN app_user u ON u.id = c.issued_by"
