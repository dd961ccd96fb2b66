#!/usr/bin/env bash
# Page benchmark of issue 9: wrk at c=1 and c=32 over every list and details page, the token
# endpoint and two baselines (a static file, /login), on a seeded database. Prints one Markdown table
# (median of RUNS runs per cell) with each page's c=32 throughput as a share of /login's in the same
# run (/login is measured second and again after every page; the faster of the two is the
# baseline), the CPU time a request costs at c=32 (the console's request threads, and the local
# PostgreSQL server's processes), the console's start time (empty vs seeded) and its RSS after
# the load.
#
#   bench/pages.sh [options] DATA_DIR                     H2: a data folder seeded with bench/seed.sh
#   bench/pages.sh [options] --postgres JDBC_URL          PostgreSQL seeded with bench/seed.sh --postgres
#
# Options: --scale S         the SCALE the database was seeded with (default 1): deep pages are taken
#                            at the same place relative to the data (page 200 × S, page 2000 × S)
#          --empty-postgres JDBC_URL   a database with the demo only, for the empty start time (H2:
#                            a fresh data folder is made for it)
# Environment: RUNS (3), DURATION (5s), WARMUP (3s), WARMUP_ALL (20s: every page once before the
# first measurement), PORT (18095), JSTACK_DIR (a thread dump 2 s
# into each page's first c=32 run), CONSOLE_ARGS (more console arguments).
# The console runs as the README says (MALLOC_ARENA_MAX=2, -Xmx192m -XX:MaxMetaspaceSize=128m -Xss512k
# -XX:+UseSerialGC), without the managed registry (its reconciliation would remove the seeded tags
# the registry does not have).
# Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=1
LOCAL_DB=0
POSTGRES=
EMPTY_POSTGRES=
DATA=
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --postgres) POSTGRES=$2; shift 2 ;;
    --empty-postgres) EMPTY_POSTGRES=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) DATA=$1; shift ;;
  esac
done
[ -n "$DATA$POSTGRES" ] || { sed -n '2,20p' "$0" >&2; exit 2; }
RUNS=${RUNS:-3}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
PORT=${PORT:-18095}
BASE=http://127.0.0.1:$PORT
# shellcheck source=bench/lib.sh
. bench/lib.sh

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
JAR=$(ls target/berth-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$JAR" ] || { mvn -B -q package -DskipTests; JAR=$(ls target/berth-*.jar | head -n 1); }

WORK=$(mktemp -d /tmp/berth-pages.XXXXXX)
PID=
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
trap 'stop; rm -rf "$WORK"' EXIT

# start DATA_DIR [JDBC_URL] → sets PID and START_MS (milliseconds until /login answers 200)
start() {
  local data=$1 url=${2:-} args=()
  [ -n "$url" ] && args=(--spring.datasource.url="$url" --spring.datasource.username="${PGUSER:-postgres}"
                         --spring.profiles.active=demo)
  if curl -s -o /dev/null "$BASE/login"; then echo "port $PORT is in use (PORT=… to choose another)" >&2; exit 1; fi
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java "${CONSOLE_JVM_FLAGS[@]}" -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --berth.data-dir="$data" \
    --berth.registry.managed=false "${args[@]}" ${CONSOLE_ARGS:-} > "$data/console.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null "$BASE/login"; then START_MS=$(( ($(date +%s%N) - t0) / 1000000 )); return; fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "console did not start" >&2; tail -n 30 "$data/console.log" >&2; exit 1
}

# Waits until the console's request threads are done: its threads other than the JIT compilers
# (which go on compiling for a while on a busy machine) use less than 5 % of a core over half a
# second (at most 30 s).
busy_ticks() {
  local t total=0 comm
  for t in /proc/"$PID"/task/*; do
    { read -r comm < "$t/comm"; } 2>/dev/null || continue
    case "$comm" in C1\ Compiler*|C2\ Compiler*) continue ;; esac
    total=$(( total + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
# CPU ticks of the local PostgreSQL server's processes (its backends serve the console's
# statements); 0 on H2, whose work is the console's own
db_ticks() {
  local p total=0
  [ "$LOCAL_DB" = 1 ] || { echo 0; return; }
  for p in $(pgrep -x postgres); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
idle() {
  local clk a b; clk=$(getconf CLK_TCK)
  for _ in $(seq 1 60); do
    a=$(busy_ticks); sleep 0.5; b=$(busy_ticks)
    [ $(( (b - a) * 100 * 2 / clk )) -lt 5 ] && return
  done
}

# ---------------------------------------------------------------- start times
if [ -n "$POSTGRES" ]; then
  SEEDED_URL=$POSTGRES
  case "$SEEDED_URL" in jdbc:*) ;; *) SEEDED_URL="jdbc:$SEEDED_URL" ;; esac
  mkdir -p "$WORK/console"
  if [ -n "$EMPTY_POSTGRES" ]; then
    start "$WORK/console" "$EMPTY_POSTGRES"; stop
    start "$WORK/console" "$EMPTY_POSTGRES"; stop; empty_ms=$START_MS
  fi
  start "$WORK/console" "$SEEDED_URL"; seeded_ms=$START_MS
  DB="PostgreSQL ($(psql -X -At "${SEEDED_URL#jdbc:}" -c 'show server_version' 2>/dev/null || echo '?'))"
  # The database's CPU a request is measured when it runs on this machine
  case "$SEEDED_URL" in jdbc:postgresql://127.0.0.1[:/]*|jdbc:postgresql://localhost[:/]*) pgrep -x postgres >/dev/null && LOCAL_DB=1 ;; esac
else
  mkdir -p "$WORK/empty"
  start "$WORK/empty"; stop                            # schema and demo data
  start "$WORK/empty"; stop; empty_ms=$START_MS
  start "$DATA"; seeded_ms=$START_MS
  DB="H2 file database ($DATA)"
fi

# ---------------------------------------------------------------- sessions and URLs
ALICE=$(demo_login "$BASE" alice)
BOB=$(demo_login "$BASE" bob)
CAROL=$(demo_login "$BASE" carol)
[ -n "$ALICE" ] && [ -n "$CAROL" ] || { echo "login failed" >&2; exit 1; }
CSS=$(curl -fs "$BASE/login" | grep -o '<link rel="stylesheet" href="[^"]*"' | head -n 1 | sed 's/.*href="//; s/"$//')
[ -n "$CSS" ] || { echo "no stylesheet link on /login" >&2; exit 1; }
SIZE_PAGE=$(awk -v s="$SCALE" 'BEGIN { p = int(200 * s + 0.5); print (p < 1 ? 1 : p) }')
OTHERS_PAGE=$(awk -v s="$SCALE" 'BEGIN { p = int(2000 * s + 0.5); print (p < 1 ? 1 : p) }')
TOKEN="/v2/token?service=berth-registry&scope=repository:acme-apps/nginx:pull"
ANON_TOKEN="/v2/token?service=berth-registry&scope=repository:acme-public/hello:pull"
basic() { echo "Basic $(printf '%s:demo12345' "$1" | base64)"; }
# A deep page as a user reaches it: pager_link next|prev COOKIE PATH → the Next link of the page PATH,
# which reads on from that page's last row, or its Previous link, which reads back from its first row
# (the rows without "by Next" or "by Previous" ask for a page by its number alone)
pager_link() {
  local link; link=$(curl -fs -H "Cookie: $2" "$BASE$3" | grep -A1 "rel=\"$1\"" | grep -o 'href="[^"]*"' |
    sed 's/^href="//; s/"$//; s/&amp;/\&/g')
  [ -n "$link" ] || echo "no $1 link on $3" >&2
  echo "$link"
}
SIZE_NEXT=$(pager_link next "$ALICE" "/images?sort=size&dir=desc&page=$(( SIZE_PAGE > 1 ? SIZE_PAGE - 1 : 1 ))")
OTHERS_NEXT=$(pager_link next "$CAROL" "/images/from-others?page=$(( OTHERS_PAGE > 1 ? OTHERS_PAGE - 1 : 1 ))")
PREVIOUS_FROM=$(( OTHERS_PAGE > 1 ? OTHERS_PAGE : 2 ))
OTHERS_PREVIOUS=$(pager_link prev "$CAROL" "/images/from-others?page=$PREVIOUS_FROM")
[ -n "$SIZE_NEXT" ] && [ -n "$OTHERS_NEXT" ] && [ -n "$OTHERS_PREVIOUS" ] || exit 1

# label | header (Cookie: … / Authorization: … / none) | path
PAGES=(
  "static CSS (baseline)|none|$CSS"
  "/login (HTML baseline)|none|/login"
  "My Images, page 1 (alice)|Cookie: $ALICE|/images"
  "My Images, sort by size, page $SIZE_PAGE|Cookie: $ALICE|/images?sort=size&dir=desc&page=$SIZE_PAGE"
  "My Images, sort by size, page $SIZE_PAGE by Next (read on from page $(( SIZE_PAGE - 1 ))'s last row)|Cookie: $ALICE|$SIZE_NEXT"
  "My Images, \"My shared images\"|Cookie: $ALICE|/images?shared=true"
  "My Images, page 1 (bob: Read on acme-apps, not an administrator)|Cookie: $BOB|/images"
  "Public images, page 1 (alice; not in the issue's list)|Cookie: $ALICE|/images/public"
  "Images From Others, page 1 (carol)|Cookie: $CAROL|/images/from-others"
  "Images From Others, page $OTHERS_PAGE|Cookie: $CAROL|/images/from-others?page=$OTHERS_PAGE"
  "Images From Others, page $OTHERS_PAGE by Next (read on from page $(( OTHERS_PAGE - 1 ))'s last row)|Cookie: $CAROL|$OTHERS_NEXT"
  "Images From Others, page $(( PREVIOUS_FROM - 1 )) by Previous (read back from page $PREVIOUS_FROM's first row)|Cookie: $CAROL|$OTHERS_PREVIOUS"
  "image details, Sharing tab (nginx)|Cookie: $ALICE|/images/acme-apps/nginx?tab=sharing"
  "image details, Tags tab (nginx)|Cookie: $ALICE|/images/acme-apps/nginx"
  "Activity, page 1 (alice)|Cookie: $ALICE|/activity"
  "Activity, page 1 (bob: Read on acme-apps, not an administrator)|Cookie: $BOB|/activity"
  "Activity filtered by an image (alice: nginx, 10,000 pulls at SCALE 1; not in the issue's list)|Cookie: $ALICE|/activity?image=acme-apps/nginx"
  "API: shared by me, 100 shares (alice; not in the issue's list)|Cookie: $ALICE|/api/v1/shared-by-me"
  "/v2/token, alice (Basic)|Authorization: $(basic alice)|$TOKEN"
  "/v2/token, carol (Basic)|Authorization: $(basic carol)|$TOKEN"
  "/v2/token, anonymous|none|$ANON_TOKEN"
)

# measure C HEADER PATH [dump] → "req/s p50_ms p99_ms errors" of one wrk run
wrk_run() {
  local c=$1 header=$2 path=$3 duration=$4 threads=1 out
  [ "$c" -gt 1 ] && threads=2
  local args=(-t"$threads" -c"$c" -d"$duration" --timeout 30s --latency)
  [ "$header" != none ] && args+=(-H "$header")
  local console0 db0 console1 db1
  console0=$(busy_ticks); db0=$(db_ticks)
  out=$(wrk "${args[@]}" "$BASE$path")
  console1=$(busy_ticks); db1=$(db_ticks)
  awk -v console=$(( console1 - console0 )) -v db=$(( db1 - db0 )) -v clk="$(getconf CLK_TCK)" -v local_db="$LOCAL_DB" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
    /requests in/ { n = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%.1f %.2f %.2f %d %.3f %s\n", rps, p50, p99, err, 1000 * console / clk / n,
          local_db ? sprintf("%.3f", 1000 * db / clk / n) : "-" }' <<< "$out"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

cell() {   # cell C HEADER PATH LABEL → "req/s p50 p99 errors", medians over RUNS runs
  local c=$1 header=$2 path=$3 label=$4 results=()
  idle
  wrk_run "$c" "$header" "$path" "$WARMUP" >/dev/null
  for run in $(seq 1 "$RUNS"); do
    idle
    if [ -n "${JSTACK_DIR:-}" ] && [ "$c" -gt 1 ] && [ "$run" = 1 ]; then
      mkdir -p "$JSTACK_DIR"
      (sleep 2; jstack "$PID" > "$JSTACK_DIR/$(echo "$label" | tr -c 'A-Za-z0-9\n' '_').txt" 2>&1) &
    fi
    results+=("$(wrk_run "$c" "$header" "$path" "$DURATION")")
  done
  local col
  for col in 1 2 3 5 6; do printf '%s\n' "${results[@]}" | awk -v c=$col '{ print $c }' | median; done | paste -sd' '
  printf '%s\n' "${results[@]}" | awk '{ e += $4 } END { print e }'
}

echo "Berth page benchmark: $DB, SCALE $SCALE, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "$(free -g | awk '/^Mem:/ { print $2 }') GB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk: $RUNS runs of $DURATION per cell after a $WARMUP warm-up (median of each figure), 1 thread at c=1, 2 at c=32"
echo

# The JIT compiles the console's code for minutes after it starts on these two cores: every page is
# requested for WARMUP_ALL first, so that the first pages measured are not measured colder than the last.
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label header path <<< "$entry"
  warm_args=(-t1 -c2 -d"${WARMUP_ALL:-20s}")
  [ "$header" != none ] && warm_args+=(-H "$header")
  wrk "${warm_args[@]}" "$BASE$path" > /dev/null
done

declare -A ROW
LOGIN32=
MAX_RSS=0
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label header path <<< "$entry"
  curl_args=(-s -o "$WORK/body" -w '%{http_code} %{size_download}')
  [ "$header" != none ] && curl_args+=(-H "$header")
  read -r status size <<< "$(curl "${curl_args[@]}" "$BASE$path")"
  if [ "$status" != 200 ] || { [ "$path" != /login ] && grep -q 'id="login-form"' "$WORK/body"; }; then
    echo "$label: $path answered $status (or the login page)" >&2; exit 1
  fi
  mapfile -t one < <(cell 1 "$header" "$path" "$label")
  mapfile -t many < <(cell 32 "$header" "$path" "$label")
  rss=$(ps -o rss= -p "$PID" | tr -d ' ')
  [ "$rss" -gt "$MAX_RSS" ] && MAX_RSS=$rss
  read -r r1 p1 _ <<< "${one[0]}"
  read -r r32 p32 p99 cpu db <<< "${many[0]}"
  errors=$(( one[1] + many[1] ))
  [ "$path" = /login ] && LOGIN32="$r32 $p99"
  ROW[$label]="$r1 $p1 $r32 $p32 $p99 $size $errors $cpu $db"
  echo "  measured: $label" >&2
done

# /login again, after every page: one run of the baseline moves with the machine's load and the JIT
# like any other, and every ratio hangs on it. The ratios are taken to the faster of the two runs
# (the stricter baseline).
AGAIN="/login again, after every page (c=32 only)"
mapfile -t again < <(cell 32 none /login "$AGAIN")
read -r r32 p32 p99 cpu db <<< "${again[0]}"
read -r _ _ _ _ _ login_size _ <<< "${ROW["/login (HTML baseline)"]}"
ROW[$AGAIN]="- - $r32 $p32 $p99 $login_size ${again[1]} $cpu $db"
PAGES+=("$AGAIN|none|/login")
read -r first_rps _ <<< "$LOGIN32"
if awk -v a="$r32" -v b="$first_rps" 'BEGIN { exit !(a > b) }'; then LOGIN32="$r32 $p99"; fi
read -r login_rps login_p99 <<< "$LOGIN32"
fmt_ms() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.2f s", v / 1000; else if (v >= 10) printf "%.0f ms", v; else printf "%.1f ms", v }'; }
echo "| page | c=1 req/s | c=1 p50 | c=32 req/s | c=32 p50 | c=32 p99 | % of /login c=32 req/s | c=32 p99 / /login's | c=32 CPU a request: console | database | body |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label _ _ <<< "$entry"
  read -r r1 p1 r32 p32 p99 size errors cpu db <<< "${ROW[$label]}"
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$label$([ "$errors" -gt 0 ] && echo " ($errors errors)")" \
    "$([ "$r1" = - ] && echo – || awk -v v="$r1" 'BEGIN { printf(v >= 100 ? "%\047.0f" : "%.1f", v) }')" \
    "$([ "$p1" = - ] && echo – || fmt_ms "$p1")" \
    "$(awk -v v="$r32" 'BEGIN { printf(v >= 100 ? "%\047.0f" : "%.1f", v) }')" "$(fmt_ms "$p32")" "$(fmt_ms "$p99")" \
    "$(awk -v a="$r32" -v b="$login_rps" 'BEGIN { printf "%.0f %%", 100 * a / b }')" \
    "$(awk -v a="$p99" -v b="$login_p99" 'BEGIN { printf "%.1f×", a / b }')" \
    "$(awk -v v="$cpu" 'BEGIN { printf "%.2f ms", v }')" "$([ "$db" = - ] && echo – || awk -v v="$db" 'BEGIN { printf "%.2f ms", v }')" \
    "$(awk -v v="$size" 'BEGIN { if (v >= 1024) printf "%.1f KB", v / 1024; else printf "%d B", v }')"
done
echo
echo "Start (process launch to /login answering): ${empty_ms:+empty $(fmt_ms "$empty_ms"), }seeded $(fmt_ms "$seeded_ms")${empty_ms:+ ($(awk -v a="$seeded_ms" -v b="$empty_ms" 'BEGIN { printf "%.2f×", a / b }'))}"
echo "Console RSS after the load: $(( $(ps -o rss= -p "$PID" | tr -d ' ') / 1024 )) MB (largest seen after a page: $((MAX_RSS / 1024)) MB; flags MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX ${CONSOLE_JVM_FLAGS[*]})"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
