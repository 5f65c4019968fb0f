#!/usr/bin/env bash
# Full-load benchmark: Godwit vs mydumper + myloader, same data, same machine, same run.
#
# A sysbench-shaped source (TABLES x ROWS, default 8 x 250000) on an embedded MariaDB; the same
# data is migrated into two fresh targets of the same kind: once by mydumper + myloader (dump
# to disk, then load), once by `godwit standalone` (task-mode full). Thread counts are equal.
# Prints rows/s and MB/s of each and the ratio Godwit / peer. Not a test: numbers vary with the
# machine; the ratio is what to compare.
#
# Usage: bench/full-load.sh [--tables N] [--rows N] [--threads N]
set -euo pipefail
TABLES=8 ROWS=250000 THREADS=4
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) TABLES=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "usage: $0 [--tables N] [--rows N] [--threads N]" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$here/bench/work"
rm -rf "$work"; mkdir -p "$work"

need=()
command -v mydumper >/dev/null || need+=(mydumper)
command -v sysbench >/dev/null || need+=(sysbench)
command -v mariadb >/dev/null || need+=(mariadb-client)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f "$here/dist/target/godwit.jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests install)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
start_db() { # name server-id
  "$here/bin/godwit" embedded-mariadb --name "$1" --server-id "$2" --port-file "$work/$1.port" \
    >"$work/$1.log" 2>&1 &
  pids+=($!)
}
start_db src 1; start_db peer 2; start_db godwit 3
for n in src peer godwit; do
  for _ in $(seq 1 120); do [ -f "$work/$n.port" ] && break; sleep 1; done
  [ -f "$work/$n.port" ] || { echo "embedded MariaDB $n did not start; see $work/$n.log" >&2; exit 1; }
done
SRC=$(cat "$work/src.port"); PEER=$(cat "$work/peer.port"); GW=$(cat "$work/godwit.port")
sql() { mariadb -h127.0.0.1 -P"$1" -uroot --skip-ssl -N -e "$2"; }

echo "preparing ${TABLES} x ${ROWS} rows (sysbench oltp schema)..." >&2
sql "$SRC" "CREATE DATABASE sbtest"
sysbench oltp_read_write --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SRC" --mysql-user=root \
  --mysql-db=sbtest --tables="$TABLES" --table-size="$ROWS" --threads="$THREADS" prepare >/dev/null
total_rows=$((TABLES * ROWS))
bytes=$(sql "$SRC" "SELECT SUM(DATA_LENGTH) FROM information_schema.TABLES WHERE TABLE_SCHEMA='sbtest'")

now() { date +%s.%N; }
echo "peer: mydumper + myloader, $THREADS threads..." >&2
t0=$(now)
mydumper -h 127.0.0.1 -P "$SRC" -u root -t "$THREADS" -B sbtest -r 100000 -o "$work/dump" >"$work/mydumper.log" 2>&1
# -e: write the target's binlog as Godwit's load does (myloader skips it by default), so both do the same work.
myloader -h 127.0.0.1 -P "$PEER" -u root -t "$THREADS" -B sbtest -e -d "$work/dump" >"$work/myloader.log" 2>&1
t1=$(now)
peer_s=$(echo "$t1 - $t0" | bc -l)

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
echo "godwit: standalone full, $THREADS threads..." >&2
t0=$(now)
"$here/bin/godwit" standalone --source "$work/source.yaml" --task "$work/task.yaml" >"$work/godwit.log" 2>&1
t1=$(now)
gw_s=$(echo "$t1 - $t0" | bc -l)

for port in "$PEER" "$GW"; do
  got=$(sql "$port" "SELECT SUM(TABLE_ROWS) FROM information_schema.TABLES WHERE TABLE_SCHEMA='sbtest'")
  exact=0
  for i in $(seq 1 "$TABLES"); do exact=$((exact + $(sql "$port" "SELECT COUNT(*) FROM sbtest.sbtest$i"))); done
  [ "$exact" -eq "$total_rows" ] || { echo "target on port $port has $exact rows, expected $total_rows" >&2; exit 1; }
done
"$here/bin/godwit" check-data --source "$work/source.yaml" --task "$work/task.yaml" >"$work/check.log" 2>&1 \
  || { echo "godwit check-data found differences; see $work/check.log" >&2; exit 1; }

mb=$(echo "$bytes / 1048576" | bc -l)
printf '\n| tool | seconds | rows/s | MB/s |\n|---|---|---|---|\n'
printf '| mydumper+myloader | %.1f | %.0f | %.1f |\n' "$peer_s" "$(echo "$total_rows / $peer_s" | bc -l)" "$(echo "$mb / $peer_s" | bc -l)"
printf '| godwit | %.1f | %.0f | %.1f |\n' "$gw_s" "$(echo "$total_rows / $gw_s" | bc -l)" "$(echo "$mb / $gw_s" | bc -l)"
printf '\nratio godwit / mydumper+myloader (throughput): %.2fx  (%d tables x %d rows, %d threads, %.0f MB)\n' \
  "$(echo "$peer_s / $gw_s" | bc -l)" "$TABLES" "$ROWS" "$THREADS" "$mb"
