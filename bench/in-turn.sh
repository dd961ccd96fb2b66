#!/usr/bin/env bash
# In-turn CPU benchmark: each jar runs alone, one after the other (list one twice for A B A B), on a
# fresh copy of one seeded H2 data folder (or on one PostgreSQL database), and serves each page at
# c=32. Prints, per jar and page, the requests served and the console's CPU a request (all its
# threads), and the database's on PostgreSQL. Where side-by-side.sh
# shares the machine between two consoles, this one gives each the whole machine; compare a page
# with a control page of the same run (e.g. the Tags tab), since the load of the rest of the
# machine changes between runs. Not a test.
#
#   bench/in-turn.sh DATA_DIR USER JAR... -- PATH...
#   bench/in-turn.sh --postgres JDBC_URL USER JAR... -- PATH...
#
# DATA_DIR is seeded with bench/seed.sh and is not changed (each run works on a copy). With
# --postgres every jar runs on that database (seeded with bench/seed.sh --postgres; PGUSER, default
# postgres, without a password), and the CPU a request of the local PostgreSQL server's processes is
# printed beside the console's. CONSOLE_ARGS: more console arguments, e.g.
# --spring.flyway.validate-on-migrate=false for data migrated by a build whose migrations differ
# from a jar's. USER logs in
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

if [ $# -lt 4 ]; then sed -n '2,25p' "$0"; exit 2; fi
POSTGRES= DATA=
if [ "$1" = --postgres ]; then POSTGRES=$2 USER_NAME=$3; shift 3; else DATA=$1 USER_NAME=$2; shift 2; fi
JARS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do JARS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
PATHS=("$@")
[ ${#JARS[@]} -gt 0 ] && [ ${#PATHS[@]} -gt 0 ] || { sed -n '2,25p' "$0"; exit 2; }
WARMUP_SECONDS=${WARMUP_SECONDS:-20} RUN_SECONDS=${RUN_SECONDS:-8} PORT=${PORT:-18250}
COPY=$(mktemp -d /tmp/berth-in-turn.XXXXXX)
trap 'rm -rf "$COPY"' EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The local PostgreSQL server's processes (its backends run the console's statements); 0 on H2.
db_ticks() {
  local p total=0
  [ -n "$POSTGRES" ] || { echo 0; return; }
  for p in $(pgrep -x postgres); do total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$total"
}
# SESSION: wrk's header for PATH, the session's cookies, or none for anonymous:PATH.
session() { case $1 in anonymous:*) SESSION=() ;; *) SESSION=(-H "Cookie: $cookie") ;; esac; }

DATABASE=()
[ -n "$POSTGRES" ] && DATABASE=(--spring.datasource.url="$POSTGRES" --spring.datasource.username="${PGUSER:-postgres}")
# shellcheck disable=SC2206
EXTRA=(${CONSOLE_ARGS:-})

printf '%-24s %-44s %8s %8s %10s %10s\n' jar page requests 'req/s' 'CPU/req' 'DB CPU/req'
for jar in "${JARS[@]}"; do
  rm -rf "$COPY/data"
  if [ -n "$DATA" ]; then cp -r "$DATA" "$COPY/data"; else mkdir "$COPY/data"; fi
  java "${CONSOLE_JVM_FLAGS[@]}" -jar "$jar" --berth.data-dir="$COPY/data" --berth.registry.managed=false \
    --server.port="$PORT" --management.server.port=$((PORT + 1)) "${DATABASE[@]}" "${EXTRA[@]}" \
    > "$COPY/console.log" 2>&1 &
  pid=$!
  for _ in $(seq 180); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 1; done
  cookie=$(demo_login "http://127.0.0.1:$PORT" "$USER_NAME")
  for path in "${PATHS[@]}"; do
    session "$path"
    wrk -t2 -c32 -d"${WARMUP_SECONDS}s" "${SESSION[@]}" "http://127.0.0.1:$PORT${path#anonymous:}" > /dev/null
  done
  for path in "${PATHS[@]}"; do
    sleep 1
    before=$(ticks "$pid") db_before=$(db_ticks)
    session "$path"
    served=$(wrk -t2 -c32 -d"${RUN_SECONDS}s" "${SESSION[@]}" "http://127.0.0.1:$PORT${path#anonymous:}" |
      awk '/requests in/ {print $1}')
    after=$(ticks "$pid") db_after=$(db_ticks)
    awk -v j="$(basename "$jar")" -v p="$path" -v n="$served" -v c=$((after - before)) -v d=$((db_after - db_before)) \
      -v s="$RUN_SECONDS" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%-24s %-44s %8d %8.0f %7.2f ms %7.2f ms\n", j, p, n, n / s, c * 1000 / hz / n, d * 1000 / hz / n }'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
