# Shared by the benchmark scripts (sourced, not run): CPU accounting by process, and psql on the embedded
# PostgreSQL. The caller sets BACKEND (pid), DATA (the backend's data folder) and PGPORT, and may set
# BENCH_EXTRA_PIDS ("name:pid ..." for other processes it started, e.g. a fake FCM).

# Waits up to three minutes for the backend ($BACKEND, on $PORT) to be ready; shows its log and fails if it is
# not, or if it stopped.
bench_wait_ready() {
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$BACKEND" 2>/dev/null || break
    sleep 1
  done
  cat "$DATA/backend.log"
  exit 1
}

# psql as the embedded database's superuser: its password is kept beside its data folder (postgres.password).
bench_psql_setup() {
  for _ in $(seq 1 30); do [ -s "$DATA/postgres.password" ] && break; sleep 1; done
  PGPASSWORD=$(cat "$DATA/postgres.password")
  export PGPASSWORD
  PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d lifeline)
  POSTMASTER=$(head -1 "$DATA"/postgres/postmaster.pid 2>/dev/null || pgrep -f "postgres -D $DATA" | head -1)
  TICK=$(getconf CLK_TCK)
}

# Seeds no-WAN meters with a phone each (seed-meters.sql, then a registered phone per customer): count, account
# tag, postcode, first MPAN and EUI-64 less one, tokens' prefix. The caller sets PEM (the meters' public key).
bench_seed_with_phones() {
  "${PSQL[@]}" -v meters="$1" -v key="$PEM" -v tag="$2" -v postcode="$3" -v mpxn="$4" -v eui="$5" -v phone="$6" \
    -f backend/load/seed-meters.sql -f - <<'SQL'
INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform, registered_at)
SELECT gen_random_uuid(), s.id, a, gen_random_uuid(), :'phone' || g, 'android', now()
FROM bench_customer, (SELECT id FROM supplier WHERE code = 'bright-energy') s;
SQL
}

# CPU ticks (user + system) so far: of each thread group of the backend ("backend:<group>", thread names without
# their numbers), of each extra process, and of PostgreSQL (the postmaster, its live children and its exited ones).
cpu_snapshot() {
  local t name f pg=0 pgsys=0 p entry
  for t in /proc/$BACKEND/task/*; do
    read -r name < "$t/comm" 2>/dev/null || continue
    read -r -a f < <(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
    echo "backend:$(echo "$name" | sed 's/[-#]*[0-9]*$//' | tr ' ' '_') $(( f[11] + f[12] ))"
  done
  for entry in ${BENCH_EXTRA_PIDS:-}; do
    read -r -a f < <(sed 's/.*) //' "/proc/${entry#*:}/stat")
    echo "${entry%%:*} $(( f[11] + f[12] + f[13] + f[14] ))"
  done
  for p in $POSTMASTER $(pgrep -P "$POSTMASTER"); do
    read -r -a f < <(sed 's/.*) //' /proc/$p/stat 2>/dev/null) || continue
    pg=$(( pg + f[11] + f[12] + f[13] + f[14] ))
    pgsys=$(( pgsys + f[12] + f[14] ))
    # By kind, from the process title: connections, autovacuum, checkpointer, walwriter...; the postmaster's
    # children that have exited (autovacuum workers, mostly) count as "exited".
    if [ "$p" = "$POSTMASTER" ]; then
      echo "pg:postmaster $(( f[11] + f[12] ))"
      echo "pg:exited $(( f[13] + f[14] ))"
    else
      name=$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | sed 's/^postgres: //')
      case "$name" in
        autovacuum*worker*) name=autovacuum-worker ;; *127.0.0.1*|*localhost*|*"[local]"*) name=connections ;;
        *) name=$(echo "$name" | awk '{ print ($2 == "" ? $1 : $1 "-" $2) }') ;;
      esac
      echo "pg:$name $(( f[11] + f[12] ))"
    fi
  done
  echo "postgres $pg"
  # Of it, the time in the kernel (system time): reading and writing pages through the operating system's cache,
  # the WAL's writes and flushes, sockets.
  echo "pgsys $pgsys"
}

# The CPU seconds each process spent between two snapshots, and per unit of work: prints
# "CPU <process> <s> s (<us> us/<unit>)" for the backend, PostgreSQL and each extra process, PostgreSQL's split
# between the kernel and its own code, then the backend's thread groups that took at least 0.3 s.
cpu_report() { # before after units unit-name
  local diff
  diff=$(awk -v tick="$TICK" 'FNR == NR { b[$1] += $2; next } { a[$1] += $2 }
    END { for (k in a) printf "%s %.2f\n", k, (a[k] - b[k]) / tick }' "$1" "$2")
  echo "$diff" | awk -v units="$3" -v unit="$4" '
    /^backend:/ { backend += $2; next } /^pg:/ { next } /^pgsys / { pgsys = $2; next }
    { other[$1] = $2; names[++n] = $1 }
    END { printf "CPU backend %.1f s (%.0f us/%s)", backend, backend * 1e6 / units, unit
      for (i = 1; i <= n; i++) printf ", %s %.1f s (%.0f us/%s)", names[i], other[names[i]], other[names[i]] * 1e6 / units, unit
      printf "\n"
      printf "CPU postgres in the kernel %.1f s (%.0f us/%s), in PostgreSQL itself %.1f s (%.0f us/%s)\n", pgsys,
        pgsys * 1e6 / units, unit, other["postgres"] - pgsys, (other["postgres"] - pgsys) * 1e6 / units, unit }'
  echo "CPU backend by thread group (s):" $(echo "$diff" | awk '/^backend:/ && $2 >= 0.3 { print $2, substr($1, 9) }' \
    | sort -rn | awk '{ printf "%s %s, ", $2, $1 }')
  echo "CPU postgres by process (s):" $(echo "$diff" | awk '/^pg:/ && ($2 >= 0.1 || $2 <= -0.1) { print $2, substr($1, 4) }' \
    | sort -rn | awk '{ printf "%s %s, ", $2, $1 }')
}

# Loads pg_stat_statements into the embedded PostgreSQL (with planning times): ALTER SYSTEM, then a fast shutdown
# that the backend's watchdog restarts on the same folder, now with the library. Sets POSTMASTER afresh.
bench_pgss_load() {
  if [ -n "${BENCH_EXPLAIN_MS:-}" ]; then
    # auto_explain: the plan, with row counts and buffers, of every statement slower than BENCH_EXPLAIN_MS, into
    # the server's own log (kept when the bench ends: BENCH_EXPLAIN_LOG).
    "${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements', 'auto_explain'" \
      -c "ALTER SYSTEM SET logging_collector = on" -c "ALTER SYSTEM SET log_directory = 'log'"
  else
    "${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  fi
  # BENCH_PG_SETTINGS="shared_buffers=512MB max_wal_size=4GB": server settings to try, applied by the same restart.
  local setting
  for setting in ${BENCH_PG_SETTINGS:-}; do
    "${PSQL[@]}" -c "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'"
  done
  kill -INT "$POSTMASTER"
  local new
  for _ in $(seq 1 60); do
    sleep 1
    new=$(head -1 "$DATA"/postgres/postmaster.pid 2>/dev/null || true)
    [ -n "$new" ] && [ "$new" != "$POSTMASTER" ] && "${PSQL[@]}" -tAc 'SELECT 1' >/dev/null 2>&1 && break
  done
  bench_psql_setup
  "${PSQL[@]}" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' \
    -c 'ALTER SYSTEM SET pg_stat_statements.track_planning = on' -c 'SELECT pg_reload_conf()'
  # BENCH_PGSS_TRACK=all: also the statements run inside functions and triggers (foreign-key checks, kept counts),
  # each on its own line; their time is then in their callers' lines too.
  if [ -n "${BENCH_PGSS_TRACK:-}" ]; then
    "${PSQL[@]}" -c "ALTER SYSTEM SET pg_stat_statements.track = '${BENCH_PGSS_TRACK}'" -c 'SELECT pg_reload_conf()'
  fi
  if [ -n "${BENCH_EXPLAIN_MS:-}" ]; then
    # Its settings are known only once the library is loaded.
    "${PSQL[@]}" -c "ALTER SYSTEM SET auto_explain.log_min_duration = '${BENCH_EXPLAIN_MS}ms'" \
      -c "ALTER SYSTEM SET auto_explain.log_analyze = on" -c "ALTER SYSTEM SET auto_explain.log_buffers = on" \
      -c "ALTER SYSTEM SET auto_explain.log_triggers = on" -c 'SELECT pg_reload_conf()'
  fi
  echo "pg_stat_statements loaded (postmaster now $POSTMASTER)"
}

# The statements that took the most execution time since the last call, with their planning time, and what each
# cost per unit of work; then forgets them.
bench_pgss_report() { # units unit-name
  "${PSQL[@]}" -P pager=off -P format=unaligned -P fieldsep=' | ' -c "SELECT calls,
    round(total_exec_time::numeric, 0) AS exec_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
    round(total_plan_time::numeric, 0) AS plan_ms,
    round(((total_exec_time + total_plan_time) * 1000 / $1)::numeric, 1) AS us_per_$2, rows,
    regexp_replace(left(query, 160), '\s+', ' ', 'g') AS statement
    FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25"
  "${PSQL[@]}" -tAc "SELECT 'statements in all: ' || sum(calls) || ' calls, ' || round(sum(total_exec_time)::numeric)
    || ' ms executing, ' || round(sum(total_plan_time)::numeric) || ' ms planning, '
    || round((sum(total_exec_time + total_plan_time) * 1000 / $1)::numeric, 1) || ' us/$2' FROM pg_stat_statements"
  "${PSQL[@]}" -tAc 'SELECT pg_stat_statements_reset()' >/dev/null
}

# Each table's row writes so far, one line per table: name, inserted, updated, of them HOT (heap-only: no index
# entry written), deleted (pg_stat_user_tables; the counts may lag a second behind a commit, so a snapshot just
# after work waits a second first: BENCH_ROWS_SETTLE=1). A connection reports its counts at most once a second
# (twice before PostgreSQL 15), when it goes idle: a pooled connection that then stays idle reports its last ones
# only with its next transaction, so a figure can be short by a page per connection (under 1% at 100,000 meters).
bench_rows_snapshot() {
  [ "${BENCH_ROWS_SETTLE:-0}" = 1 ] && sleep 1
  "${PSQL[@]}" -tA -F ' ' -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables
    WHERE schemaname = 'public' ORDER BY relname COLLATE \"C\""
}

# The rows each table took between two snapshots, per unit of work, for the tables that took any.
bench_rows_report() { # before after units unit-name
  echo "RESULT rows per $4 (inserted, updated, of them HOT, deleted):$(LC_ALL=C join <(echo "$1") <(echo "$2") \
    | awk -v n="$3" '{ i = $6 - $2; u = $7 - $3; h = $8 - $4; d = $9 - $5
      if (i + u + d > 0) printf " %s %.2f/%.2f/%.2f/%.2f;", $1, i / n, u / n, h / n, d / n }')"
}

# The server's WAL counters and checkpoints so far, as one line (pg_stat_wal; the checkpoints from
# pg_stat_checkpointer since PostgreSQL 17, from pg_stat_bgwriter before).
bench_wal_snapshot() {
  local checkpoints="(b.checkpoints_timed + b.checkpoints_req) || ' ' || b.checkpoints_req FROM pg_stat_bgwriter b"
  if [ "$("${PSQL[@]}" -tAc "SELECT current_setting('server_version_num')::int >= 170000")" = t ]; then
    checkpoints="(b.num_timed + b.num_requested) || ' ' || b.num_requested FROM pg_stat_checkpointer b"
  fi
  "${PSQL[@]}" -tAc "SELECT w.wal_records || ' ' || w.wal_fpi || ' ' || w.wal_bytes || ' ' || $checkpoints, pg_stat_wal w"
}

# WAL written between two snapshots, per unit of work: records, full-page images (each a whole 8 kB page, written
# once per page after a checkpoint) and bytes, and the checkpoints that ran (of them, asked for by WAL volume).
bench_wal_report() { # before after units unit-name
  echo "$1 $2" | awk -v n="$3" -v u="$4" '{ printf "RESULT WAL: %.1f records, %.2f full-page images, %.0f bytes per %s;" \
    " %d checkpoints (%d by WAL volume)\n", ($6 - $1) / n, ($7 - $2) / n, ($8 - $3) / n, u, $9 - $4, $10 - $5 }'
}
