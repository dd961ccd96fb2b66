#!/usr/bin/env bash
# Benchmark: latency of My Images (Private Images) with many images, search and sort included.
# Prints p50/p95/max per request over N runs. Usage: bench/list-bench.sh [images] [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-5000}
REQUESTS=${2:-200}
PORT=${PORT:-18080}
DATA=$(mktemp -d /tmp/berth-bench.XXXXXX)
JAR=$(ls target/berth-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$JAR" ] || { mvn -B -q package -DskipTests; JAR=$(ls target/berth-*.jar | head -n 1); }
H2=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort -V | tail -n 1)

start() {
  java -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --berth.data-dir="$DATA" \
    --berth.registry.managed=false > "$DATA/console.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/login" && return; sleep 0.5; done
  echo "console did not start"; cat "$DATA/console.log"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

start; stop   # schema and demo data
cat > "$DATA/seed.sql" <<SQL
insert into organization (name, account_id, region, created_at)
  select 'bench-' || x, a.id, a.region, current_timestamp from system_range(1, 20) join account a on a.name = 'acme';
insert into image (organization_id, account_id, region, organization_name, name, visibility, category, description,
                   created_at, updated_at)
  select o.id, a.id, a.region, o.name, 'service-' || x, 'PRIVATE', 'Bench', '', current_timestamp,
         dateadd('SECOND', x, current_timestamp)
  from system_range(1, $IMAGES) join organization o on o.name = 'bench-' || (mod(x, 20) + 1)
  join account a on a.id = o.account_id;
insert into tag (image_id, name, digest, size, pushed_at)
  select i.id, 'v' || t.x, 'sha256:' || lpad(to_char(i.id * 10 + t.x), 64, '0'), 1048576 * t.x, current_timestamp
  from image i cross join system_range(1, 3) t where i.category = 'Bench';
update image set tag_count = 3, total_size = 1048576 * 6 where category = 'Bench';
SQL
java -cp "$H2" org.h2.tools.RunScript -url "jdbc:h2:file:$DATA/db/berth" -user sa -script "$DATA/seed.sql"
start

jar=$DATA/cookies
curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/login" -o "$DATA/login.html"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$DATA/login.html" | sed 's/.*value="//; s/"$//')
curl -fs -c "$jar" -b "$jar" -o /dev/null -d "username=alice&password=demo12345&_csrf=$csrf" "http://127.0.0.1:$PORT/login"

measure() {
  local label=$1 path=$2
  for _ in $(seq 1 20); do curl -fs -b "$jar" -o /dev/null "http://127.0.0.1:$PORT$path"; done   # warm-up
  for _ in $(seq 1 "$REQUESTS"); do
    curl -fs -b "$jar" -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
  done | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
    printf "%-34s n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms\n", label, NR, t[int(NR*0.5)]*1000, t[int(NR*0.95)]*1000, t[NR]*1000 }'
}
echo "Berth list benchmark: $IMAGES images x 3 tags in 20 organizations, $REQUESTS requests each (H2 file database)"
measure "Private Images, page 1" "/images"
measure "Private Images, search 'service-42'" "/images?q=service-42"
measure "Private Images, sort by size, p. 50" "/images?sort=size&dir=desc&page=50"
measure "Image details, Tags tab" "/images/bench-2/service-21"
