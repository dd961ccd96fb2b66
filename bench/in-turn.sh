#!/usr/bin/env bash
# In-turn CPU benchmark: each jar runs alone, one after the other (list one twice for A B A B), on a
# fresh copy of one seeded H2 data folder, and serves each page at c=32. Prints, per jar and page,
# the requests served and the console's CPU a request (all its threads). Where side-by-side.sh
# shares the machine between two consoles, this one gives each the whole machine; compare a page
# with a control page of the same run (e.g. the Tags tab), since the load of the rest of the
# machine changes between runs. Not a test.
#
#   bench/in-turn.sh DATA_DIR USER JAR... -- PATH...
#
# DATA_DIR is seeded with bench/seed.sh and is not changed (each run works on a copy). USER logs in
# with the demo password. Each PATH: WARMUP_SECONDS (20) of warm-up at c=32, then in a second pass
# RUN_SECONDS (8) measured; list a PATH twice to see the JIT's warm-up settle. A PATH written
# anonymous:PATH is asked without the session (so /login, the baseline, is the login form, not a
# redirect to My Images). Example, the forty-sixth round:
#
#   bench/in-turn.sh /tmp/s1 alice /tmp/a.jar /tmp/b.jar /tmp/a.jar /tmp/b.jar -- anonymous:/login \
#     '/images/acme-apps/nginx?tab=sharing' /images/acme-apps/nginx /activity /images anonymous:/login
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

if [ $# -lt 4 ]; then sed -n '2,18p' "$0"; exit 2; fi
DATA=$1 USER_NAME=$2; shift 2
JARS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do JARS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
PATHS=("$@")
[ ${#JARS[@]} -gt 0 ] && [ ${#PATHS[@]} -gt 0 ] || { sed -n '2,18p' "$0"; exit 2; }
WARMUP_SECONDS=${WARMUP_SECONDS:-20} RUN_SECONDS=${RUN_SECONDS:-8} PORT=${PORT:-18250}
COPY=$(mktemp -d /tmp/berth-in-turn.XXXXXX)
trap 'rm -rf "$COPY"' EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# SESSION: wrk's header for PATH, the session's cookies, or none for anonymous:PATH.
session() { case $1 in anonymous:*) SESSION=() ;; *) SESSION=(-H "Cookie: $cookie") ;; esac; }

printf '%-24s %-44s %8s %8s %10s\n' jar page requests 'req/s' 'CPU/req'
for jar in "${JARS[@]}"; do
  rm -rf "$COPY/data"; cp -r "$DATA" "$COPY/data"
  java "${CONSOLE_JVM_FLAGS[@]}" -jar "$jar" --berth.data-dir="$COPY/data" --berth.registry.managed=false \
    --server.port="$PORT" --management.server.port=$((PORT + 1)) > "$COPY/console.log" 2>&1 &
  pid=$!
  for _ in $(seq 180); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 1; done
  cookie=$(demo_login "http://127.0.0.1:$PORT" "$USER_NAME")
  for path in "${PATHS[@]}"; do
    session "$path"
    wrk -t2 -c32 -d"${WARMUP_SECONDS}s" "${SESSION[@]}" "http://127.0.0.1:$PORT${path#anonymous:}" > /dev/null
  done
  for path in "${PATHS[@]}"; do
    sleep 1
    before=$(ticks "$pid")
    session "$path"
    served=$(wrk -t2 -c32 -d"${RUN_SECONDS}s" "${SESSION[@]}" "http://127.0.0.1:$PORT${path#anonymous:}" |
      awk '/requests in/ {print $1}')
    after=$(ticks "$pid")
    awk -v j="$(basename "$jar")" -v p="$path" -v n="$served" -v c=$((after - before)) -v s="$RUN_SECONDS" \
      -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%-24s %-44s %8d %8.0f %7.2f ms\n", j, p, n, n / s, c * 1000 / hz / n }'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
