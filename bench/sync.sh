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
# The Godwit builds are copied first, as in full-load.sh; --dist DIR (repeatable) benchmarks other
# builds (directories holding godwit.jar and lib/) side by side; the servers' launcher is always
# the checkout's dist/target, which needs `embedded-mariadb --server-arg`. GODWIT_JAVA_OPTS is
# passed to Godwit's JVM (default -Xmx4g).
#
# Usage: bench/sync.sh [--tables N] [--rows N] [--events N] [--threads N] [--apply-threads N]
#                      [--batch N] [--safe-mode-duration D] [--compact] [--multiple-rows] [--runs N]
#                      [--dist DIR]...
# --compact and --multiple-rows set DM's syncer options of those names (default false, as in DM).
set -euo pipefail
TABLES=4 ROWS=50000 EVENTS=100000 THREADS=4 APPLY_THREADS=4 BATCH=100 SAFE_MODE_DURATION="" RUNS=1 POLL=0.5 DISTS=()
COMPACT=false MULTIPLE_ROWS=false
usage="usage: $0 [--tables N] [--rows N] [--events N] [--threads N] [--apply-threads N] [--batch N]"
usage+=" [--safe-mode-duration D] [--compact] [--multiple-rows] [--runs N] [--dist DIR]..."
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
for i in $(seq 1 "$TABLES"); do
  src_count[$i]=$(sql "$SRC" "SELECT COUNT(*) FROM sbtest.sbtest$i")
  src_sum[$i]=$(sql "$SRC" "CHECKSUM TABLE sbtest.sbtest$i" | awk '{print $2}')
done

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
reached() {
  [[ "$1" > "$END_FILE" ]] || { [ "$1" = "$END_FILE" ] && [ "$2" -ge "$END_POS" ]; }
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
run_replica() { # label parallel-threads
  local label=$1 t0 t1 s0 g0 st file pos lag err
  # MASTER_SSL=0: Godwit's connections use no TLS either without a `security` section.
  sql "$TGT" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$SRC, MASTER_USER='root', MASTER_PASSWORD='',
    MASTER_LOG_FILE='$START_FILE', MASTER_LOG_POS=$START_POS, MASTER_USE_GTID=no,
    MASTER_SSL=0;
    SET GLOBAL slave_parallel_threads=$2, slave_parallel_mode=optimistic"
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
