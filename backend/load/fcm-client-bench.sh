#!/usr/bin/env bash
# The backend's FCM client alone, HTTP/1.1 against HTTP/2 (lifeline.push.transport), as CPU per message:
#
#   backend/load/fcm-client-bench.sh [MESSAGES=20000] [ROUNDS=3]
#
# Starts two fake FCMs on loopback (backend/load/FakeFcmServer.java, one per protocol) and runs
# backend/load/FcmClientBench.java on the built backend's own classes and libraries: rounds of MESSAGES code
# messages over each transport in turn, printing the client JVM's CPU per message; then each fake's CPU per
# message. Nothing else runs in the client's JVM (no database, no signing), so on a shared machine its CPU per
# message is the comparable figure. Ports: BENCH_FCM_PORT (and the next three). Needs a built backend.
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-20000}
ROUNDS=${2:-3}
P=${BENCH_FCM_PORT:-18472}
JAR=backend/target/lifeline-backend.jar
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -q -DskipTests package" >&2; exit 1; }
DATA=$(mktemp -d "${BENCH_TMP:-/tmp}/lifeline-fcm-client-bench.XXXXXX")
unzip -q -o "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$DATA"
java -cp "$DATA/BOOT-INF/lib/*" backend/load/FakeFcmServer.java "$P" h1 "$((P + 1))" > "$DATA/fcm1.log" 2>&1 &
F1=$!
java -cp "$DATA/BOOT-INF/lib/*" backend/load/FakeFcmServer.java "$((P + 2))" h2 "$((P + 3))" > "$DATA/fcm2.log" 2>&1 &
F2=$!
trap 'kill $F1 $F2 2>/dev/null; wait $F1 $F2 2>/dev/null || true; rm -rf "$DATA"; true' EXIT
for port in $((P + 1)) $((P + 3)); do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/count" >/dev/null 2>&1 && break; sleep 0.5; done
done
cpu() { read -r -a f < <(sed 's/.*) //' "/proc/$1/stat"); echo $(( f[11] + f[12] )); }
A1=$(cpu $F1); A2=$(cpu $F2)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp "$DATA/BOOT-INF/classes:$DATA/BOOT-INF/lib/*" backend/load/FcmClientBench.java \
  "http://127.0.0.1:$P" "http://127.0.0.1:$((P + 2))" "$MESSAGES" "$ROUNDS"
TICK=$(getconf CLK_TCK)
for f in "HTTP/1.1 $F1 $A1 $((P + 1))" "HTTP/2 $F2 $A2 $((P + 3))"; do
  read -r name pid before port <<< "$f"
  n=$(curl -fs "http://127.0.0.1:$port/count" | cut -d' ' -f1)
  echo "fake FCM over $name: $n messages, $(echo "scale=0; ($(cpu "$pid") - $before) * 1000000 / $TICK / $n" | bc) us of CPU per message (warm-up included)"
done
