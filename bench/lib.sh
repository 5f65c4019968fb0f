# Shell functions shared by the benchmarks; sourced, not run. The caller sets $here (the checkout)
# and $work (its scratch directory, already created), and may set DISTS (Godwit builds, default
# dist/target) and LAUNCHER (the copy whose `embedded-mariadb` starts the servers, default dist0).

# install_missing command:package...: installs the Debian packages of the commands not on PATH.
install_missing() {
  local need=() c
  for c in "$@"; do
    command -v "${c%%:*}" >/dev/null || [[ " ${need[*]} " == *" ${c#*:} "* ]] || need+=("${c#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} (Debian packages)..." >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# copy_dists: copies each build (godwit.jar + lib/) to $work/dist<i> before the first run, so a
# rebuild in the same checkout cannot change it midway. Without DISTS, dist/target (built if missing).
copy_dists() {
  local i
  if [ ${#DISTS[@]} -eq 0 ]; then
    [ -f "$here/dist/target/godwit.jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests install)
    DISTS=("$here/dist/target")
  fi
  for i in "${!DISTS[@]}"; do
    mkdir -p "$work/dist$i"; cp -r "${DISTS[$i]}/godwit.jar" "${DISTS[$i]}/lib" "$work/dist$i/"
  done
  LAUNCHER=${LAUNCHER:-$work/dist0}
}

godwit() { # dist-index args...; GODWIT_JAVA_OPTS (default: bin/jvm-options, as the launcher) applies to standalone only
  local d="$work/dist$1"; shift
  local opts=${GODWIT_JAVA_OPTS:-$("$here/bin/jvm-options")}
  [ "$1" = standalone ] || opts=$("$here/bin/jvm-options")
  java $opts -cp "$d/godwit.jar:$d/lib/*" io.godwit.dist.Godwit "$@"
}
embedded_mariadb() { # the servers' launcher JVM only waits; it gets none of GODWIT_JAVA_OPTS
  # exec: run in the background, $! is then the JVM itself, which stops its server when killed.
  exec java -Xmx256m -cp "$LAUNCHER/godwit.jar:$LAUNCHER/lib/*" io.godwit.dist.Godwit embedded-mariadb "$@"
}

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
declare -A db_pid db_args
start_db() { # name server-id [mariadbd option]...
  local n=$1 id=$2; shift 2
  db_args[$n]="$id $*"
  embedded_mariadb --name "$n" --server-id "$id" --port-file "$work/$n.port" "${@/#/--server-arg=}" \
    >"$work/$n.log" 2>&1 &
  pids+=($!); db_pid[$n]=$!
}
wait_db() { # name: 0 once the port file exists, 1 if the launcher died first
  for _ in $(seq 1 120); do
    [ -f "$work/$1.port" ] && return 0
    kill -0 "${db_pid[$1]}" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
# await_dbs name...: waits for servers begun with start_db; exits if one does not start.
await_dbs() {
  local n attempt
  for n in "$@"; do
    # mariadb-install-db fails now and then when several run at once on a busy machine: retry alone.
    for attempt in 1 2 3; do
      wait_db "$n" && break
      echo "embedded MariaDB $n did not start (attempt $attempt), retrying..." >&2
      cp "$work/$n.log" "$work/$n.failed-$attempt.log"
      # shellcheck disable=SC2086 # server-id and options, split on purpose
      start_db "$n" ${db_args[$n]}
    done
    [ -f "$work/$n.port" ] || { echo "embedded MariaDB $n did not start; see $work/$n.log" >&2; exit 1; }
  done
}
server_pid() { pgrep -f -- "mariadbd .*--port=$1 " | head -1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user+system CPU of a process, in clock ticks
hz=$(getconf CLK_TCK)
sql() { mariadb -h127.0.0.1 -P"$1" -uroot --skip-ssl -N -e "$2"; }

# settle pid...: waits (at most 120 s) until those servers are idle, so that background work left
# by one tool (InnoDB purge, page flushing) does not run during the next tool's timing.
settle() {
  local before after p
  for _ in $(seq 1 120); do
    before=0; for p in "$@"; do before=$((before + $(ticks "$p"))); done
    sleep 1
    after=0; for p in "$@"; do after=$((after + $(ticks "$p"))); done
    [ $(( (after - before) * 100 / hz )) -lt 5 ] && return 0
  done
}
