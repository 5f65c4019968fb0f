#!/usr/bin/env bash
# Sync benchmark: Godwit vs a native MariaDB replica, catching up the same binlog backlog.
#
# A sysbench-shaped source (TABLES x ROWS, default 4 x 50000) on an embedded MariaDB. Right after
# `prepare` the script records the source's binlog position and dumps the sbtest schema; then
# `sysbench oltp_write_only --events EVENTS` (default 100000 transactions, 4 row changes each)
# builds a backlog in the source's binlog. Nothing of this is timed.
#
# Each applier then starts from the recorded position on a target holding the dumped data, and is
# timed until it has applied the source's end position:
#   - godwit<i>: `godwit standalone`, task-mode incremental with `meta: {binlog-name, binlog-pos}`,
#     `worker-count` APPLY_THREADS and `batch` BATCH; done when the status URL's `syncer_binlog`
#     reaches the end (polled every POLL s), then SIGTERM. The time includes the JVM's start.
#     A fresh task writes in safe mode (UPDATE as DELETE + REPLACE) for `safe-mode-duration`
#     (DM's default 60s); --safe-mode-duration 0s measures it without.
#   - replica-serial: CHANGE MASTER TO the start, slave_parallel_threads=0, START SLAVE; done when
#     SHOW SLAVE STATUS has executed up to the end.
#   - replica-parallel: the same with slave_parallel_threads=APPLY_THREADS, slave_parallel_mode=optimistic.
# All appliers use one target server (started with --log-slave-updates, so the replica writes the
# target's binlog as Godwit's connections do); before each applier it is reset (replication reset,
# RESET MASTER, the schemas dropped and the dump loaded again) and the script waits until the
# servers are idle. After each applier the target must equal the source: row counts and CHECKSUM
# TABLE of every sbtest table (and `godwit check-data` for Godwit).
#
# Prints one markdown line per run: each applier's seconds, CPU seconds as client/source/target
# (the client is Godwit's JVM up to the catch-up; a replica has no client), and the ratio
# Godwit / replica in throughput; then events/s, rows/s and the lag (seconds behind the source,
# sampled at every poll) p50/p99 of the last run. Not a test: the ratio is what to compare.
#
# Then, unless --live-seconds 0, a live phase measures the lag at a fixed source rate. For the
# parallel replica and each godwit<i> in turn: the target is reset to the dump, the applier starts
# from the start position as above and is left (untimed) to apply everything the source has by
# then (the backlog and the earlier live phases); then `sysbench oltp_write_only --rate LIVE_RATE
# --time LIVE_SECONDS` (THREADS threads; the rate is for the whole run, not per thread) writes to
# the source while every POLL s the script samples the applier's lag:
#   - heartbeat lag: a statement loop on the source sets sbtest.bench_heartbeat.ts to SYSDATE(6)
#     every HEARTBEAT s (0.1); the sample is the target's NOW(6) minus the ts replicated there
#     (one machine, one clock). Resolution-independent, up to HEARTBEAT too high; Godwit's slots
#     commit apart, so its heartbeat row can land before earlier changes of its batch (a little low);
#   - seconds behind: Godwit's `seconds_behind_master` and the replica's Seconds_Behind_Master.
#     Both count whole seconds from binlog event timestamps, which are whole seconds too.
# When sysbench stops, the time until the applier has applied the source's position then is the
# drain; applied tps = the live transactions / (sysbench's run time + drain). Then the target must
# equal the source (counts and checksums taken again, and the heartbeat) and the applier is stopped
# (Godwit: SIGTERM, exit 0; replica: STOP SLAVE).
# Prints one markdown line per applier: rate asked (done by sysbench), applied tps, heartbeat lag
# p50/p99/max, seconds behind p50/p99/max, drain, CPU as client/source/target over load + drain.
#
# The Godwit builds are copied first, as in full-load.sh; --dist DIR (repeatable) benchmarks other
# builds (directories holding godwit.jar and lib/) side by side; the servers' launcher is always
# the checkout's dist/target, which needs `embedded-mariadb --server-arg`. GODWIT_JAVA_OPTS is
# passed to Godwit's JVM (default: what bin/jvm-options prints, as for bin/godwit).
#
# Usage: bench/sync.sh [--tables N] [--rows N] [--events N] [--threads N] [--apply-threads N]
#                      [--batch N] [--safe-mode-duration D] [--compact] [--multiple-rows] [--runs N]
#                      [--live-rate TPS] [--live-seconds N] [--dist DIR]...
# --compact and --multiple-rows set DM's syncer options of those names (default false, as in DM).
set -euo pipefail
TABLES=4 ROWS=50000 EVENTS=100000 THREADS=4 APPLY_THREADS=4 BATCH=100 SAFE_MODE_DURATION="" RUNS=1 POLL=0.5 DISTS=()
COMPACT=false MULTIPLE_ROWS=false LIVE_RATE=1000 LIVE_SECONDS=30 HEARTBEAT=0.1
usage="usage: $0 [--tables N] [--rows N] [--events N] [--threads N] [--apply-threads N] [--batch N]"
usage+=" [--safe-mode-duration D] [--compact] [--multiple-rows] [--runs N] [--live-rate TPS] [--live-seconds N]"
usage+=" [--dist DIR]..."
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) TABLES=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --apply-threads) APPLY_THREADS=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --safe-mode-duration) SAFE_MODE_DURATION=$2; shift 2 ;;
    --compact) COMPACT=true; shift ;;
    --multiple-rows) MULTIPLE_ROWS=true; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --live-rate) LIVE_RATE=$2; shift 2 ;;
    --live-seconds) LIVE_SECONDS=$2; shift 2 ;;
    --dist) DISTS+=("$(cd "$2" && pwd)"); shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$here/bench/work-sync"
rm -rf "$work"; mkdir -p "$work"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

install_missing sysbench:sysbench mariadb:mariadb-client mariadb-dump:mariadb-client curl:curl bc:bc
[ -f "$here/dist/target/godwit.jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests install)
mkdir -p "$work/launcher"; cp -r "$here/dist/target/godwit.jar" "$here/dist/target/lib" "$work/launcher/"
LAUNCHER="$work/launcher" # needs `embedded-mariadb --server-arg`, which older --dist builds lack
copy_dists
start_db src 1; start_db target 2 --log-slave-updates
await_dbs src target
SRC=$(cat "$work/src.port"); TGT=$(cat "$work/target.port")
SRC_PID=$(server_pid "$SRC"); TGT_PID=$(server_pid "$TGT")
now() { date +%s.%N; }

echo "preparing ${TABLES} x ${ROWS} rows (sysbench oltp schema)..." >&2
sql "$SRC" "CREATE DATABASE sbtest"
sysbench_args=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SRC" --mysql-user=root --mysql-db=sbtest
  --tables="$TABLES" --table-size="$ROWS" --threads="$THREADS")
sysbench oltp_write_only "${sysbench_args[@]}" prepare >/dev/null
# The live phase's heartbeat; in the dump, so it exists on the target (sysbench drops only sbtest<i>).
sql "$SRC" "CREATE TABLE sbtest.bench_heartbeat (id INT PRIMARY KEY, ts DATETIME(6) NOT NULL);
  INSERT INTO sbtest.bench_heartbeat VALUES (1, NOW(6))"
# The start: nothing writes to the source between this position and the dump.
read -r START_FILE START_POS _ < <(sql "$SRC" "SHOW MASTER STATUS")
START_GTID=$(sql "$SRC" "SELECT @@gtid_binlog_pos")
mariadb-dump -h127.0.0.1 -P"$SRC" -uroot --skip-ssl --single-transaction --databases sbtest >"$work/sbtest.sql"
echo "building the backlog: ${EVENTS} oltp_write_only transactions, ${THREADS} threads..." >&2
sysbench oltp_write_only "${sysbench_args[@]}" --events="$EVENTS" --time=0 --report-interval=0 run \
  >"$work/sysbench-run.log"
read -r END_FILE END_POS _ < <(sql "$SRC" "SHOW MASTER STATUS")
END_GTID=$(sql "$SRC" "SELECT @@gtid_binlog_pos")
backlog="more than one binlog file" # sizes only within one file (max_binlog_size is 1 GB)
[ "$START_FILE" != "$END_FILE" ] || backlog=$(printf '%.0f MB of binlog' "$(echo "($END_POS - $START_POS) / 1048576" | bc -l)")
# oltp_write_only: per transaction an indexed UPDATE, a non-indexed UPDATE, a DELETE and an INSERT.
row_changes=$((EVENTS * 4))
declare -A src_count src_sum
capture_source() { # src_count and src_sum of every sbtest table, for verify
  local i
  for i in $(seq 1 "$TABLES"); do
    src_count[$i]=$(sql "$SRC" "SELECT COUNT(*) FROM sbtest.sbtest$i")
    src_sum[$i]=$(sql "$SRC" "CHECKSUM TABLE sbtest.sbtest$i" | awk '{print $2}')
  done
}
capture_source

cat >"$work/source.yaml" <<YAML
source-id: "bench-src"
from:
  host: "127.0.0.1"
  port: $SRC
  user: "root"
  password: ""
YAML
cat >"$work/task.yaml" <<YAML
name: "bench"
task-mode: incremental
target-database:
  host: "127.0.0.1"
  port: $TGT
  user: "root"
  password: ""
mysql-instances:
  - source-id: "bench-src"
    block-allow-list: "sb"
    syncer-config-name: "sync"
    meta:
      binlog-name: "$START_FILE"
      binlog-pos: $START_POS
block-allow-list:
  sb:
    do-dbs: ["sbtest"]
syncers:
  sync:
    worker-count: $APPLY_THREADS
    batch: $BATCH
    compact: $COMPACT
    multiple-rows: $MULTIPLE_ROWS
YAML
[ -z "$SAFE_MODE_DURATION" ] || echo "    safe-mode-duration: \"$SAFE_MODE_DURATION\"" >>"$work/task.yaml"

# reset_target: the target as it was at the start position, with no replication set up.
reset_target() {
  sql "$TGT" "STOP SLAVE; RESET SLAVE ALL; DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta; RESET MASTER"
  mariadb -h127.0.0.1 -P"$TGT" -uroot --skip-ssl <"$work/sbtest.sql"
}
# reached <file> <pos>: whether that position is at or past the source's end position
reached() { reached_at "$1" "$2" "$END_FILE" "$END_POS"; }
reached_at() { # file pos goal-file goal-pos: whether file/pos is at or past the goal
  [[ "$1" > "$3" ]] || { [ "$1" = "$3" ] && [ "$2" -ge "$4" ]; }
}
verify() { # label: the target equals the source, table by table
  local i n s
  for i in $(seq 1 "$TABLES"); do
    n=$(sql "$TGT" "SELECT COUNT(*) FROM sbtest.sbtest$i")
    s=$(sql "$TGT" "CHECKSUM TABLE sbtest.sbtest$i" | awk '{print $2}')
    [ "$n" = "${src_count[$i]}" ] && [ "$s" = "${src_sum[$i]}" ] || {
      echo "$1: sbtest$i has $n rows, checksum $s; the source has ${src_count[$i]}, ${src_sum[$i]}" >&2; exit 1; }
  done
}
# Each applier sets: secs (start to catch-up), cpu (client/source/target CPU s), lags (file of samples).
run_godwit() { # dist-index
  local label="godwit$1" url="" t0 t1 s0 g0 gw body file pos lag
  : >"$work/$label.log" # before the JVM starts: the loop below reads it at once
  s0=$(ticks "$SRC_PID"); g0=$(ticks "$TGT_PID"); t0=$(now)
  (godwit "$1" standalone --status-addr 127.0.0.1:0 --progress-interval 5 \
    --source "$work/source.yaml" --task "$work/task.yaml" >"$work/$label.log" 2>&1) &
  gw=$!
  : >"$work/$label.lags"
  while :; do
    kill -0 "$gw" 2>/dev/null || { echo "$label exited before catching up; see $work/$label.log" >&2; exit 1; }
    [ -n "$url" ] || url=$(sed -n 's/^status: //p' "$work/$label.log" | head -1)
    if [ -n "$url" ] && body=$(curl -sf "$url"); then
      grep -q '"stage":"Paused"' <<<"$body" && { echo "$label paused: $body" >&2; exit 1; }
      read -r file pos < <(sed -n 's/.*"syncer_binlog":"(\([^,]*\), \([0-9]*\))".*/\1 \2/p' <<<"$body") || true
      lag=$(sed -n 's/.*"seconds_behind_master":\([0-9.]*\).*/\1/p' <<<"$body")
      [ -z "$lag" ] || echo "$lag" >>"$work/$label.lags"
      if [ -n "${file:-}" ] && reached "$file" "$pos"; then break; fi
    fi
    sleep "$POLL"
  done
  t1=$(now)
  local jvm; jvm=$(pgrep -P "$gw" java || echo "$gw")
  cpu=$(printf '%.1f/%.1f/%.1f' "$(echo "$(ticks "$jvm") / $hz" | bc -l)" \
    "$(echo "($(ticks "$SRC_PID") - $s0) / $hz" | bc -l)" "$(echo "($(ticks "$TGT_PID") - $g0) / $hz" | bc -l)")
  secs=$(echo "$t1 - $t0" | bc -l)
  echo "$body" >"$work/$label.status.json"
  kill -TERM "$jvm" 2>/dev/null || true
  wait "$gw" || { echo "$label did not stop cleanly; see $work/$label.log" >&2; exit 1; }
  verify "$label"
  (godwit "$1" check-data --source "$work/source.yaml" --task "$work/task.yaml") >"$work/check$1.log" 2>&1 \
    || { echo "godwit check-data found differences; see $work/check$1.log" >&2; exit 1; }
  lags="$work/$label.lags"
}
change_master() { # parallel-threads: the replica set up from the start position, not started
  # MASTER_SSL=0: Godwit's connections use no TLS either without a `security` section.
  sql "$TGT" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$SRC, MASTER_USER='root', MASTER_PASSWORD='',
    MASTER_LOG_FILE='$START_FILE', MASTER_LOG_POS=$START_POS, MASTER_USE_GTID=no,
    MASTER_SSL=0;
    SET GLOBAL slave_parallel_threads=$1, slave_parallel_mode=optimistic"
}
run_replica() { # label parallel-threads
  local label=$1 t0 t1 s0 g0 st file pos lag err
  change_master "$2"
  : >"$work/$label.lags"
  s0=$(ticks "$SRC_PID"); g0=$(ticks "$TGT_PID"); t0=$(now)
  sql "$TGT" "START SLAVE"
  while :; do
    st=$(mariadb -h127.0.0.1 -P"$TGT" -uroot --skip-ssl -e "SHOW SLAVE STATUS\G")
    err=$(sed -n 's/^ *Last_\(IO_\|SQL_\)\?Error: \(.\+\)/\2/p' <<<"$st")
    [ -z "$err" ] || { echo "$label: $err" >&2; exit 1; }
    file=$(sed -n 's/^ *Relay_Master_Log_File: //p' <<<"$st")
    pos=$(sed -n 's/^ *Exec_Master_Log_Pos: //p' <<<"$st")
    lag=$(sed -n 's/^ *Seconds_Behind_Master: \([0-9]\+\)$/\1/p' <<<"$st")
    [ -z "$lag" ] || echo "$lag" >>"$work/$label.lags"
    if [ -n "$file" ] && reached "$file" "$pos"; then break; fi
    sleep "$POLL"
  done
  t1=$(now)
  cpu=$(printf '0.0/%.1f/%.1f' "$(echo "($(ticks "$SRC_PID") - $s0) / $hz" | bc -l)" \
    "$(echo "($(ticks "$TGT_PID") - $g0) / $hz" | bc -l)")
  secs=$(echo "$t1 - $t0" | bc -l)
  sql "$TGT" "STOP SLAVE"
  verify "$label"
  lags="$work/$label.lags"
}
percentile() { # file p: the p-th percentile of the numbers in file (nearest rank)
  local n; n=$(wc -l <"$1")
  [ "$n" -gt 0 ] || { echo "-"; return; }
  sort -g "$1" | sed -n "$(( (n * $2 + 99) / 100 ))p"
}

appliers=(replica-serial replica-parallel)
for i in "${!DISTS[@]}"; do appliers+=("godwit$i"); done
printf '\n%d tables x %d rows; backlog %d transactions (%d row changes, %s) by %d sysbench threads\n' \
  "$TABLES" "$ROWS" "$EVENTS" "$row_changes" "$backlog" "$THREADS"
printf 'start (%s, %s) gtid %s, end (%s, %s) gtid %s\n' "$START_FILE" "$START_POS" "$START_GTID" "$END_FILE" "$END_POS" "$END_GTID"
printf 'Godwit worker-count %d, batch %d, compact %s, multiple-rows %s, safe-mode-duration %s; replica-parallel: slave_parallel_threads=%d, optimistic\n' \
  "$APPLY_THREADS" "$BATCH" "$COMPACT" "$MULTIPLE_ROWS" "${SAFE_MODE_DURATION:-default}" "$APPLY_THREADS"
for i in "${!DISTS[@]}"; do printf 'godwit%d = %s\n' "$i" "${DISTS[$i]}"; done
printf 'CPU seconds as client/source/target; ratio = throughput of Godwit / of the replica\n'
head='| run | replica serial s | CPU | replica 4 optimistic s | CPU |' line='|---|---|---|---|---|'
head=${head/4 optimistic/$APPLY_THREADS optimistic}
for i in "${!DISTS[@]}"; do head+=" godwit$i s | CPU | vs serial | vs parallel |"; line+='---|---|---|---|'; done
printf '\n%s\n%s\n' "$head" "$line"
declare -A took cpus lagfile
for run in $(seq 1 "$RUNS"); do
  # The appliers run in turn, starting with a different one each run (the order matters a little).
  for k in "${!appliers[@]}"; do
    a=${appliers[$(( (k + run - 1) % ${#appliers[@]} ))]}
    echo "run $run: $a..." >&2
    reset_target
    settle "$SRC_PID" "$TGT_PID"
    case "$a" in
      replica-serial) run_replica "$a" 0 ;;
      replica-parallel) run_replica "$a" "$APPLY_THREADS" ;;
      godwit*) run_godwit "${a#godwit}" ;;
    esac
    took[$a]=$secs; cpus[$a]=$cpu
    cp "$lags" "$work/$a.run$run.lags"; lagfile[$a]="$work/$a.run$run.lags"
  done
  row=$(printf '| %d | %.1f | %s | %.1f | %s |' "$run" "${took[replica-serial]}" "${cpus[replica-serial]}" \
    "${took[replica-parallel]}" "${cpus[replica-parallel]}")
  for i in "${!DISTS[@]}"; do
    row+=$(printf ' %.1f | %s | %.2fx | %.2fx |' "${took[godwit$i]}" "${cpus[godwit$i]}" \
      "$(echo "${took[replica-serial]} / ${took[godwit$i]}" | bc -l)" \
      "$(echo "${took[replica-parallel]} / ${took[godwit$i]}" | bc -l)")
  done
  printf '%s\n' "$row"
done
printf '\nlast run:\n| applier | seconds | events/s | rows/s | lag p50 s | lag p99 s |\n|---|---|---|---|---|---|\n'
for a in "${appliers[@]}"; do
  printf '| %s | %.1f | %.0f | %.0f | %s | %s |\n' "$a" "${took[$a]}" "$(echo "$EVENTS / ${took[$a]}" | bc -l)" \
    "$(echo "$row_changes / ${took[$a]}" | bc -l)" "$(percentile "${lagfile[$a]}" 50)" "$(percentile "${lagfile[$a]}" 99)"
done

# ---- live phase: the lag at a fixed source rate ----
[ "$LIVE_SECONDS" -gt 0 ] || exit 0
# applier_status label: sets ap_file/ap_pos (the source position applied) and ap_sbm (seconds behind,
# empty if unknown); returns 1 while the applier cannot tell yet; exits on an error.
applier_status() {
  local st body err
  ap_file="" ap_pos="" ap_sbm=""
  case "$1" in
    godwit*)
      kill -0 "$live_gw" 2>/dev/null || { echo "$1 exited in the live phase; see $work/$1.live.log" >&2; exit 1; }
      [ -n "$live_url" ] || live_url=$(sed -n 's/^status: //p' "$work/$1.live.log" | head -1)
      [ -n "$live_url" ] && body=$(curl -sf "$live_url") || return 1
      ! grep -q '"stage":"Paused"' <<<"$body" || { echo "$1 paused: $body" >&2; exit 1; }
      read -r ap_file ap_pos < <(sed -n 's/.*"syncer_binlog":"(\([^,]*\), \([0-9]*\))".*/\1 \2/p' <<<"$body") || true
      ap_sbm=$(sed -n 's/.*"seconds_behind_master":\([0-9.]*\).*/\1/p' <<<"$body") ;;
    *)
      st=$(mariadb -h127.0.0.1 -P"$TGT" -uroot --skip-ssl -e "SHOW SLAVE STATUS\G")
      err=$(sed -n 's/^ *Last_\(IO_\|SQL_\)\?Error: \(.\+\)/\2/p' <<<"$st")
      [ -z "$err" ] || { echo "$1: $err" >&2; exit 1; }
      ap_file=$(sed -n 's/^ *Relay_Master_Log_File: //p' <<<"$st")
      ap_pos=$(sed -n 's/^ *Exec_Master_Log_Pos: //p' <<<"$st")
      ap_sbm=$(sed -n 's/^ *Seconds_Behind_Master: \([0-9]\+\)$/\1/p' <<<"$st") ;;
  esac
  [ -n "$ap_file" ] && [ -n "$ap_pos" ]
}
await_applied() { # label [interval]: polls until the applier has applied the source's current binlog position
  local f p
  read -r f p _ < <(sql "$SRC" "SHOW MASTER STATUS")
  until applier_status "$1" && reached_at "$ap_file" "$ap_pos" "$f" "$p"; do sleep "${2:-$POLL}"; done
}
heartbeat_lag() { # seconds from the heartbeat replicated to the target until now (one clock)
  sql "$TGT" "SELECT TIMESTAMPDIFF(MICROSECOND, ts, NOW(6)) / 1000000 FROM sbtest.bench_heartbeat WHERE id = 1"
}
heartbeat() { # seconds: on the source, sets the heartbeat every HEARTBEAT s for that long (each UPDATE commits)
  mariadb -h127.0.0.1 -P"$SRC" -uroot --skip-ssl -N <<SQL
DELIMITER //
BEGIN NOT ATOMIC
  DECLARE hb_end DATETIME(6) DEFAULT SYSDATE(6) + INTERVAL $1 SECOND;
  WHILE SYSDATE(6) < hb_end DO
    UPDATE sbtest.bench_heartbeat SET ts = SYSDATE(6) WHERE id = 1;
    DO SLEEP($HEARTBEAT);
  END WHILE;
END//
SQL
}
declare -A live_done live_applied live_drain live_cpu
live_phase() { # applier: sets live_* [applier] and writes $work/<applier>.live.{hb,sbm}
  local a=$1 jvm="" c0=0 s0 g0 t1 t2 hb sb lag n tps load
  live_url="" live_gw=""
  reset_target
  settle "$SRC_PID" "$TGT_PID"
  case "$a" in
    godwit*)
      : >"$work/$a.live.log"
      (godwit "${a#godwit}" standalone --status-addr 127.0.0.1:0 --progress-interval 5 \
        --source "$work/source.yaml" --task "$work/task.yaml" >"$work/$a.live.log" 2>&1) &
      live_gw=$! ;;
    *) change_master "$APPLY_THREADS"; sql "$TGT" "START SLAVE" ;;
  esac
  echo "live $a: catching up from the start (untimed)..." >&2
  await_applied "$a"
  settle "$SRC_PID" "$TGT_PID"
  [ -z "$live_gw" ] || { jvm=$(pgrep -P "$live_gw" java || echo "$live_gw"); c0=$(ticks "$jvm"); }
  : >"$work/$a.live.hb"; : >"$work/$a.live.sbm"
  heartbeat $((LIVE_SECONDS + 3)) & hb=$!
  # the first heartbeat on the target, so no sample reads the one from before the phase (at most 10 s)
  for _ in $(seq 1 100); do lag=$(heartbeat_lag); [ "$(echo "$lag < 1" | bc)" = 1 ] && break; sleep 0.1; done
  echo "live $a: ${LIVE_RATE} tps for ${LIVE_SECONDS} s..." >&2
  s0=$(ticks "$SRC_PID"); g0=$(ticks "$TGT_PID")
  # the end stamped at once: the loop below sees it only at its next poll
  (sysbench oltp_write_only "${sysbench_args[@]}" --rate="$LIVE_RATE" --time="$LIVE_SECONDS" --events=0 \
    --report-interval=0 run >"$work/$a.live-sysbench.log" 2>&1; r=$?; now >"$work/$a.live.end"; exit $r) &
  sb=$!
  while sleep "$POLL"; kill -0 "$sb" 2>/dev/null; do
    applier_status "$a" || true
    [ -z "$ap_sbm" ] || echo "$ap_sbm" >>"$work/$a.live.sbm"
    heartbeat_lag >>"$work/$a.live.hb"
  done
  wait "$sb" || { echo "sysbench failed; see $work/$a.live-sysbench.log" >&2; exit 1; }
  t1=$(cat "$work/$a.live.end")
  await_applied "$a" 0.1 # the load's end (and a few heartbeats after it); finer, as it is timed
  t2=$(now)
  local c1=0; [ -z "$jvm" ] || c1=$(ticks "$jvm")
  live_cpu[$a]=$(printf '%.1f/%.1f/%.1f' "$(echo "($c1 - $c0) / $hz" | bc -l)" \
    "$(echo "($(ticks "$SRC_PID") - $s0) / $hz" | bc -l)" "$(echo "($(ticks "$TGT_PID") - $g0) / $hz" | bc -l)")
  wait "$hb" || { echo "the heartbeat loop failed" >&2; exit 1; }
  await_applied "$a" # the last heartbeats
  read -r n tps < <(sed -n 's/^ *transactions: *\([0-9]*\) *(\([0-9.]*\) per sec.)/\1 \2/p' "$work/$a.live-sysbench.log")
  load=$(sed -n 's/^ *total time: *\([0-9.]*\)s$/\1/p' "$work/$a.live-sysbench.log")
  live_done[$a]=$tps
  live_drain[$a]=$(echo "$t2 - $t1" | bc -l)
  live_applied[$a]=$(echo "$n / ($load + ${live_drain[$a]})" | bc -l)
  [ "$(sql "$SRC" "SELECT ts FROM sbtest.bench_heartbeat")" = "$(sql "$TGT" "SELECT ts FROM sbtest.bench_heartbeat")" ] \
    || { echo "$a live: the heartbeat on the target differs from the source's" >&2; exit 1; }
  if [ -n "$live_gw" ]; then
    kill -TERM "$jvm" 2>/dev/null || true
    wait "$live_gw" || { echo "$a did not stop cleanly after the live phase; see $work/$a.live.log" >&2; exit 1; }
  else
    sql "$TGT" "STOP SLAVE"
  fi
  capture_source
  verify "$a live"
}
live=(replica-parallel)
for i in "${!DISTS[@]}"; do live+=("godwit$i"); done
for a in "${live[@]}"; do live_phase "$a"; done
maxof() { [ -s "$1" ] && sort -g "$1" | tail -1 || echo "-"; }
printf '\nlive: sysbench oltp_write_only --rate %d (asked; done by sysbench in brackets) --time %d, %d threads;' \
  "$LIVE_RATE" "$LIVE_SECONDS" "$THREADS"
printf ' lag sampled every %s s: heartbeat (set every %s s on the source) and seconds behind (whole s)\n' "$POLL" "$HEARTBEAT"
printf 'applied tps = live transactions / (sysbench s + drain s); CPU seconds as client/source/target over load + drain\n'
printf '\n| applier | live rate tps | applied tps | lag p50 s | lag p99 s | lag max s | behind p50/p99/max s | drain s | CPU |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for a in "${live[@]}"; do
  printf '| %s | %d (%.0f) | %.0f | %.3f | %.3f | %.3f | %s/%s/%s | %.1f | %s |\n' "$a" "$LIVE_RATE" "${live_done[$a]}" \
    "${live_applied[$a]}" "$(percentile "$work/$a.live.hb" 50)" "$(percentile "$work/$a.live.hb" 99)" \
    "$(maxof "$work/$a.live.hb")" "$(percentile "$work/$a.live.sbm" 50)" "$(percentile "$work/$a.live.sbm" 99)" \
    "$(maxof "$work/$a.live.sbm")" "${live_drain[$a]}" "${live_cpu[$a]}"
done
