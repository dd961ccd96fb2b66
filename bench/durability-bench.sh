#!/usr/bin/env bash
# Benchmark: what durable commits cost. Runs the console twice on the same data, with H2 writing
# each commit before it returns (WRITE_DELAY=0, the default now) and with H2's old background
# writer (commits may be lost on kill -9), and prints writes per second through the JSON API
# (share create, share update) and a list page, with the ratio of the two.
# Usage: bench/durability-bench.sh [writes]   (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
WRITES=${1:-300}
PORT=${PORT:-18081}
JAR=$(ls target/berth-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$JAR" ] || { mvn -B -q package -DskipTests; JAR=$(ls target/berth-*.jar | head -n 1); }
H2=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort -V | tail -n 1)
WORK=$(mktemp -d /tmp/berth-durability.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

run() {   # run LABEL URL_OPTIONS → one line of results
  local label=$1 options=$2 data=$WORK/$1
  mkdir -p "$data"
  start() {
    java -Xmx384m -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --berth.data-dir="$data" \
      --berth.registry.managed=false \
      --spring.datasource.url="jdbc:h2:file:$data/db/berth$options" \
      > "$data/console.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 240); do
      curl -fs -o /dev/null -u alice:demo12345 "http://127.0.0.1:$PORT/api/v1/shared-with-me?limit=1" && return
      sleep 0.5
    done
    echo "console did not start"; cat "$data/console.log"; exit 1
  }
  start; kill "$PID"; wait "$PID" 2>/dev/null || true
  java -cp "$H2" org.h2.tools.RunScript -url "jdbc:h2:file:$data/db/berth" -user sa -script /dev/stdin <<SQL
insert into account (name, region, created_at) select 'bench-' || x, 'eu-west-1', current_timestamp from system_range(1, $WRITES);
SQL
  start
  python3 - "$PORT" "$WRITES" "$label" <<'PY'
import base64, http.client, json, sys, time
port, writes, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
auth = {"Authorization": "Basic " + base64.b64encode(b"alice:demo12345").decode(), "Content-Type": "application/json"}
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None):
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=auth)
    r = c.getresponse(); r.read()
    assert r.status < 300, (method, path, r.status)
def rate(work):
    t = time.perf_counter(); work(); return writes / (time.perf_counter() - t)
create = rate(lambda: [call("POST", "/api/v1/shares/acme-apps/nginx", {"account": f"bench-{i}", "permanent": True}) for i in range(1, writes + 1)])
update = rate(lambda: [call("PUT", f"/api/v1/shares/acme-apps/nginx?account=bench-{i}", {"permanent": True, "description": "changed"}) for i in range(1, writes + 1)])
read = rate(lambda: [call("GET", "/api/v1/shared-by-me?limit=20") for i in range(writes)])
print(f"{label:<34} {create:8.0f} {update:8.0f} {read:8.0f}")
PY
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

echo "Berth durability benchmark: $WRITES sequential API requests each, H2 file database, $(nproc) cores"
printf "%-34s %8s %8s %8s\n" "commit mode" "create/s" "update/s" "list/s"
durable=$(run durable ";WRITE_DELAY=0")
echo "$durable"
lazy=$(run background "")
echo "$lazy"
awk -v a="$durable" -v b="$lazy" 'BEGIN { split(a, x, " "); split(b, y, " ");
  printf "%-34s %8.2f %8.2f %8.2f\n", "durable / background", x[2]/y[2], x[3]/y[3], x[4]/y[4] }'
