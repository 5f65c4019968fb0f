#!/usr/bin/env bash
# Full-load benchmark: Godwit vs mydumper + myloader, same data, same machine, same run.
#
# A sysbench-shaped source (TABLES x ROWS, default 8 x 250000) on an embedded MariaDB; the same
# data is migrated into two fresh targets of the same kind: once by mydumper + myloader (dump
# to disk, then load), once by `godwit standalone` (task-mode full). Thread counts are equal.
# Prints rows/s and MB/s of each and the ratio Godwit / peer. Not a test: numbers vary with the
# machine; the ratio is what to compare.
#
# With --runs N both tools run N times, alternating, against the same source; the targets are
# emptied (DROP DATABASE) between runs, and every timing starts once the three servers are idle
# (no purge or flushing left over from the previous tool). Each run prints one line with both
# times and the ratio, plus the CPU seconds the client and the source and target servers used
# (2 cores are shared, so CPU is what the tools compete for).
#
# The Godwit distribution (godwit.jar + lib/) is copied before the first run, so a rebuild in the
# same checkout cannot change it midway. --dist DIR (repeatable) benchmarks copies of other builds
# (directories holding godwit.jar and lib/) side by side in the same runs, each run starting with
# a different one; the default is dist/target. GODWIT_JAVA_OPTS is passed to Godwit's JVM (default: what bin/jvm-options prints, as for bin/godwit).
#
# Usage: bench/full-load.sh [--tables N] [--rows N] [--threads N] [--runs N] [--dist DIR]...
set -euo pipefail
TABLES=8 ROWS=250000 THREADS=4 RUNS=1 DISTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) TABLES=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --dist) DISTS+=("$(cd "$2" && pwd)"); shift 2 ;;
    *) echo "usage: $0 [--tables N] [--rows N] [--threads N] [--runs N] [--dist DIR]..." >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$here/bench/work"
rm -rf "$work"; mkdir -p "$work"
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

install_missing mydumper:mydumper sysbench:sysbench mariadb:mariadb-client bc:bc
copy_dists
start_db src 1; start_db peer 2; start_db godwit 3
await_dbs src peer godwit
SRC=$(cat "$work/src.port"); PEER=$(cat "$work/peer.port"); GW=$(cat "$work/godwit.port")
SRC_PID=$(server_pid "$SRC"); PEER_PID=$(server_pid "$PEER"); GW_PID=$(server_pid "$GW")

echo "preparing ${TABLES} x ${ROWS} rows (sysbench oltp schema)..." >&2
sql "$SRC" "CREATE DATABASE sbtest"
sysbench oltp_read_write --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SRC" --mysql-user=root \
  --mysql-db=sbtest --tables="$TABLES" --table-size="$ROWS" --threads="$THREADS" prepare >/dev/null
total_rows=$((TABLES * ROWS))
for i in $(seq 1 "$TABLES"); do sql "$SRC" "ANALYZE TABLE sbtest.sbtest$i" >/dev/null; done # fresh DATA_LENGTH
bytes=$(sql "$SRC" "SELECT SUM(DATA_LENGTH) FROM information_schema.TABLES WHERE TABLE_SCHEMA='sbtest'")

mb=$(echo "$bytes / 1048576" | bc -l)

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
task-mode: full
target-database:
  host: "127.0.0.1"
  port: $GW
  user: "root"
  password: ""
mysql-instances:
  - source-id: "bench-src"
    block-allow-list: "sb"
    mydumper-thread: $THREADS
    loader-thread: $THREADS
block-allow-list:
  sb:
    do-dbs: ["sbtest"]
YAML

# timed <label> <target-pid> <command...>: runs the command, sets $secs and $cpu (client/source/target CPU s)
timed() {
  local label=$1 target=$2; shift 2
  local s0 t0 s1 t1 client
  s0=$(ticks "$SRC_PID"); t0=$(ticks "$target")
  TIMEFORMAT='%R %U %S'
  { time "$@" ; } 2>"$work/$label.time"
  s1=$(ticks "$SRC_PID"); t1=$(ticks "$target")
  read -r secs u s <"$work/$label.time"
  cpu=$(printf '%.1f/%.1f/%.1f' "$(echo "$u + $s" | bc -l)" "$(echo "($s1 - $s0) / $hz" | bc -l)" \
    "$(echo "($t1 - $t0) / $hz" | bc -l)")
}
peer_run() {
  rm -rf "$work/dump"
  mydumper -h 127.0.0.1 -P "$SRC" -u root -t "$THREADS" -B sbtest -r 100000 -o "$work/dump" >"$work/mydumper.log" 2>&1
  # -e: write the target's binlog as Godwit's load does (myloader skips it by default), so both do the same work.
  myloader -h 127.0.0.1 -P "$PEER" -u root -t "$THREADS" -B sbtest -e -d "$work/dump" >"$work/myloader.log" 2>&1
}
godwit_run() { # dist-index
  godwit "$1" standalone --source "$work/source.yaml" --task "$work/task.yaml" >"$work/godwit$1.log" 2>&1
}
verify() { # dist-index
  local port exact i
  for port in "$PEER" "$GW"; do
    exact=0
    for i in $(seq 1 "$TABLES"); do exact=$((exact + $(sql "$port" "SELECT COUNT(*) FROM sbtest.sbtest$i"))); done
    [ "$exact" -eq "$total_rows" ] || { echo "target on port $port has $exact rows, expected $total_rows" >&2; exit 1; }
  done
  godwit "$1" check-data --source "$work/source.yaml" --task "$work/task.yaml" >"$work/check$1.log" 2>&1 \
    || { echo "godwit check-data found differences; see $work/check$1.log" >&2; exit 1; }
}

printf '\n%d tables x %d rows, %d threads, %.0f MB; CPU seconds as client/source/target\n' \
  "$TABLES" "$ROWS" "$THREADS" "$mb"
for i in "${!DISTS[@]}"; do printf 'godwit%d = %s\n' "$i" "${DISTS[$i]}"; done
head='| run | mydumper+myloader s | CPU |' line='|---|---|---|'
for i in "${!DISTS[@]}"; do head+=" godwit$i s | CPU | ratio |"; line+='---|---|---|'; done
printf '\n%s\n%s\n' "$head" "$line"
declare -a sum_ratio gw_last
for run in $(seq 1 "$RUNS"); do
  echo "run $run: mydumper + myloader, $THREADS threads..." >&2
  [ "$run" -eq 1 ] || sql "$PEER" "DROP DATABASE sbtest"
  settle "$SRC_PID" "$PEER_PID" "$GW_PID"
  timed peer "$PEER_PID" peer_run; peer_s=$secs
  row=$(printf '| %d | %.1f | %s |' "$run" "$peer_s" "$cpu")
  # Several builds run in turn, starting with a different one each run (the order matters a little).
  declare -A cell=()
  for k in "${!DISTS[@]}"; do
    i=$(( (k + run - 1) % ${#DISTS[@]} ))
    echo "run $run: godwit$i standalone full, $THREADS threads..." >&2
    sql "$GW" "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta"
    settle "$SRC_PID" "$PEER_PID" "$GW_PID"
    timed "godwit$i" "$GW_PID" godwit_run "$i"; gw_s=$secs
    verify "$i"
    ratio=$(echo "$peer_s / $gw_s" | bc -l)
    sum_ratio[$i]=$(echo "${sum_ratio[$i]:-0} + $ratio" | bc -l)
    cell[$i]=$(printf ' %.1f | %s | %.2fx |' "$gw_s" "$cpu" "$ratio"); gw_last[$i]=$gw_s
  done
  for i in "${!DISTS[@]}"; do row+=${cell[$i]}; done
  printf '%s\n' "$row"
done
printf '\nlast run:\n| tool | seconds | rows/s | MB/s |\n|---|---|---|---|\n'
printf '| mydumper+myloader | %.1f | %.0f | %.1f |\n' "$peer_s" "$(echo "$total_rows / $peer_s" | bc -l)" "$(echo "$mb / $peer_s" | bc -l)"
for i in "${!DISTS[@]}"; do
  gw_s=${gw_last[$i]}
  printf '| godwit%d | %.1f | %.0f | %.1f |\n' "$i" "$gw_s" "$(echo "$total_rows / $gw_s" | bc -l)" "$(echo "$mb / $gw_s" | bc -l)"
done
for i in "${!DISTS[@]}"; do
  printf 'ratio godwit%d / mydumper+myloader (throughput), mean of %d run(s): %.2fx\n' \
    "$i" "$RUNS" "$(echo "${sum_ratio[$i]} / $RUNS" | bc -l)"
done
