#!/usr/bin/env bash
# Side-by-side CPU benchmark: two consoles (A: the baseline, B: a change) run at the same time on
# two copies of a seeded database, and each page is requested from them in turn, so that both meet
# the same load from the rest of the machine. Prints, per page, the CPU time per request of each
# console's request threads (the JIT compilers' threads are left out) and B ÷ A. Not a test.
#
#   bench/side-by-side.sh [options] USER PATH...
#
#   --a-jar JAR  --a-data DIR  [--a-args "ARGS"]    console A (default jar: target/berth-*.jar)
#   --b-jar JAR  --b-data DIR  [--b-args "ARGS"]    console B (default jar: A's)
#
# DIRs are H2 data folders seeded with bench/seed.sh (make B's a copy of A's: cp -r). USER logs in
# with the demo password; a PATH under /v2/ is requested with Basic authentication instead of the
# session, and a PATH written anonymous:/login without any (a visitor who has not logged in). Each
# PATH: 15 s of warm-up at c=4 on each console, then ROUNDS (8) rounds of a c=1 wrk run of
# RUN_SECONDS (3) on A, then on B. With CONNECTIONS=32, each run has 32 connections (wrk -c32), and
# each cell adds the console's requests a second. Example: H2's default statement cache (8) as A
# against the console's (64) as B, without a rebuild:
#
#   cp -r /tmp/s1 /tmp/s1-b
#   bench/side-by-side.sh --a-data /tmp/s1 --b-data /tmp/s1-b \
#     --a-args "--spring.datasource.url=jdbc:h2:file:/tmp/s1/db/berth;WRITE_DELAY=0;CACHE_SIZE=32768" \
#     bob /activity /images
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

A_JAR= A_DATA= A_ARGS= B_JAR= B_DATA= B_ARGS=
while [ $# -gt 0 ]; do
  case "$1" in
    --a-jar) A_JAR=$2; shift 2 ;;
    --a-data) A_DATA=$2; shift 2 ;;
    --a-args) A_ARGS=$2; shift 2 ;;
    --b-jar) B_JAR=$2; shift 2 ;;
    --b-data) B_DATA=$2; shift 2 ;;
    --b-args) B_ARGS=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] && [ -n "$A_DATA" ] && [ -n "$B_DATA" ] || { sed -n '2,20p' "$0" >&2; exit 2; }
USER_NAME=$1; shift
A_JAR=${A_JAR:-$(ls target/berth-*.jar | head -n 1)}
B_JAR=${B_JAR:-$A_JAR}
ROUNDS=${ROUNDS:-8}
RUN_SECONDS=${RUN_SECONDS:-3}
CONNECTIONS=${CONNECTIONS:-1}
THREADS=$(( CONNECTIONS > 1 ? 2 : 1 ))
for tool in wrk curl java; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

# Clock ticks (1/100 s) of a process's threads, without the JIT compilers'.
ticks() {
  local task total=0 comm
  for task in /proc/"$1"/task/*; do
    read -r comm 2>/dev/null < "$task/comm" || continue
    case "$comm" in "C1 CompilerThre"*|"C2 CompilerThre"*) continue ;; esac
    total=$(( total + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

start() { # start NAME JAR DATA PORT ARGS (its pid is then $!)
  # shellcheck disable=SC2086
  java "${CONSOLE_JVM_FLAGS[@]}" -jar "$2" \
    --server.port="$4" --management.server.port=$(( $4 + 10 )) --server.address=127.0.0.1 \
    --berth.data-dir="$3" --berth.registry.managed=false $5 > "$3/side-by-side-$1.log" 2>&1 &
}

PORT_A=18180 PORT_B=18181
start a "$A_JAR" "$A_DATA" $PORT_A "$A_ARGS"
PID_A=$!
start b "$B_JAR" "$B_DATA" $PORT_B "$B_ARGS"
PID_B=$!
trap 'kill $PID_A $PID_B 2>/dev/null; wait $PID_A $PID_B 2>/dev/null || true' EXIT
for port in $PORT_A $PORT_B; do
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 1; done
done
COOKIE_A=$(demo_login http://127.0.0.1:$PORT_A "$USER_NAME")
COOKIE_B=$(demo_login http://127.0.0.1:$PORT_B "$USER_NAME")
BASIC="Authorization: Basic $(printf '%s:demo12345' "$USER_NAME" | base64)"

echo "Side by side: A $A_JAR $A_ARGS | B $B_JAR $B_ARGS; $USER_NAME; c=$CONNECTIONS; $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| page | A: CPU per request | B: CPU per request | B ÷ A |"
echo "| --- | ---: | ---: | ---: |"
for path in "$@"; do
  declare -A cpu=([a]=0 [b]=0) count=([a]=0 [b]=0)
  for round in warmup $(seq 1 "$ROUNDS"); do
    for side in a b; do
      if [ $side = a ]; then port=$PORT_A pid=$PID_A header="Cookie: $COOKIE_A"; else port=$PORT_B pid=$PID_B header="Cookie: $COOKIE_B"; fi
      url=$path
      case "$path" in /v2/*) header=$BASIC ;; anonymous:*) header="X-Anonymous: 1" url=${path#anonymous:} ;; esac
      if [ "$round" = warmup ]; then
        wrk -t2 -c4 -d15s -H "$header" "http://127.0.0.1:$port$url" > /dev/null
        continue
      fi
      before=$(ticks "$pid")
      n=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${RUN_SECONDS}s" -H "$header" "http://127.0.0.1:$port$url" | awk '/requests in/ { print $1 }')
      after=$(ticks "$pid")
      cpu[$side]=$(( ${cpu[$side]} + after - before ))
      count[$side]=$(( ${count[$side]} + n ))
    done
  done
  awk -v ta="${cpu[a]}" -v na="${count[a]}" -v tb="${cpu[b]}" -v nb="${count[b]}" -v p="$path" \
    -v c="$CONNECTIONS" -v s="$(( ROUNDS * RUN_SECONDS ))" 'BEGIN {
    a = ta * 10 / na; b = tb * 10 / nb
    if (c > 1) {
      printf "| %s | %.2f ms (%d req/s) | %.2f ms (%d req/s) | %.2f× |\n", p, a, na / s, b, nb / s, b / a
    } else {
      printf "| %s | %.2f ms (%d requests) | %.2f ms (%d requests) | %.2f× |\n", p, a, na, b, nb, b / a
    } }'
done
echo
echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
