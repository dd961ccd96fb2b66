#!/usr/bin/env bash
# Token server benchmark against a running console and its registry (prints figures; not a test).
#
#   bench/token-bench.sh [console-url] [registry] [user:password] [repository:tag]
#
# Defaults fit the embedded default (java -jar berth.jar): console http://127.0.0.1:8080, managed
# registry 127.0.0.1:5000, alice:demo12345, acme-apps/nginx:1.25. Environment:
#   BERTH_DATA_DIR   the console's data folder (default ./data): the htpasswd registry below serves
#                    the same storage (rootdirectory of $BERTH_DATA_DIR/registry/config.yml)
#   DURATION         seconds per wrk run (default 10); RUNS: alternating skopeo copies (default 20)
#   CONSOLE_PID      the console's process id: adds the console's CPU time per request
#   HTPASSWD_PORT    port of the htpasswd registry (default 5001); WARMUP: seconds of warm-up per path (10)
#   RATE             requests a second in all for the paced rows below (default 3000)
#
# 1. GET /v2/token: anonymous (public image), password Basic (BCrypt, remembered 60 s) and access
#    token Basic, sequentially (wrk -c1) and with 32 concurrent clients (wrk -c32), keep-alive.
#    wrk -c32 sends each client's next request the moment its answer arrives: that measures the
#    most the console can serve, and at that rate each request waits behind the 31 others (by
#    Little's law, 32 clients at 4,000 req/s wait 8 ms on average), whatever a request costs.
#    So the same three rows again with 32 clients that pause between requests (a random pause,
#    exponential, as independent CI jobs would), paced to RATE requests a second in all: the
#    latency a client sees when the console serves that rate.
# 2. A token-authenticated `skopeo copy` of the image against the same copy from a second registry
#    that uses htpasswd (bcrypt cost 5, Apache's default) on the same storage, RUNS alternating runs.
# The access token is created through the API at the start and revoked at the end.
set -euo pipefail

CONSOLE=${1:-http://127.0.0.1:8080}
REGISTRY=${2:-127.0.0.1:5000}
CREDS=${3:-alice:demo12345}
IMAGE=${4:-acme-apps/nginx:1.25}
USER_NAME=${CREDS%%:*}
PASSWORD=${CREDS#*:}
SERVICE=${BERTH_SERVICE:-berth-registry}
REPOSITORY=${IMAGE%:*}
DATA=${BERTH_DATA_DIR:-./data}
DURATION=${DURATION:-10}
RUNS=${RUNS:-20}
HTPASSWD_PORT=${HTPASSWD_PORT:-5001}

for tool in skopeo curl wrk java docker-registry; do
  command -v "$tool" >/dev/null || { echo "$tool missing (apt-get install -y skopeo curl wrk docker-registry)" >&2; exit 1; }
done

work=$(mktemp -d)
registry_pid=
token_id=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  if [ -n "$token_id" ]; then
    curl -s -o /dev/null -u "$CREDS" -X DELETE "$CONSOLE/api/v1/tokens/$token_id" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
export REGISTRY_AUTH_FILE="$work/auth.json"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# An access token for the benchmark (pull only), through the API.
created=$(curl -fsS -u "$CREDS" -H 'Content-Type: application/json' \
  -d '{"name":"bench-'"$(date +%s)"'","scope":"pull","expiry":"30"}' "$CONSOLE/api/v1/tokens")
TOKEN=$(sed -E 's/.*"secret":"([^"]+)".*/\1/' <<<"$created")
token_id=$(sed -E 's/^\{"id":([0-9]+).*/\1/' <<<"$created")

basic() { printf 'Basic %s' "$(printf '%s' "$1" | base64 -w0)"; }

url="$CONSOLE/v2/token?service=$SERVICE&scope=repository:$REPOSITORY:pull"
public_url="$CONSOLE/v2/token?service=$SERVICE&scope=repository:${PUBLIC_REPOSITORY:-acme-public/hello}:pull"
curl -fsS -o /dev/null -H "Authorization: $(basic "$USER_NAME:$TOKEN")" "$url" || { echo "token refused: $url" >&2; exit 1; }

# The console's CPU time in ms (user + system) when CONSOLE_PID is given: on a busy machine the
# CPU time per request says more than the rate (2 cores / CPU per request = what 2 idle cores serve).
cpu_ms() {
  [ -n "${CONSOLE_PID:-}" ] && [ -r "/proc/$CONSOLE_PID/stat" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) * 1000 / hz }' "/proc/$CONSOLE_PID/stat"
}

# wrk → "req/s p50 p99 cpu-per-request" (latencies in ms, CPU in µs)
measure() { # clients url [header]
  local clients=$1 target=$2 header=${3:-}
  local threads=$(( clients < 2 ? 1 : 2 ))
  local args=(-t"$threads" -c"$clients" -d"${DURATION}s" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  local before; before=$(cpu_ms)
  wrk "${args[@]}" "$target" > "$work/wrk.out"
  local after; after=$(cpu_ms)
  awk -v cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 } /requests in/ { n = $1 }
    /Non-2xx/ { bad = $NF }
    END { printf "%9.0f %9.2f %9.2f %9s %s\n", rps, p50, p99, (cpu > 0 && n > 0) ? sprintf("%.0f", cpu * 1000 / n) : "-",
          (bad ? "non-2xx: " bad : "") }' "$work/wrk.out"
}

# Warm up the JVM on all three paths first (the figures below are for a warm console).
for warm in "$public_url" "$url"; do
  wrk -t2 -c8 -d"${WARMUP:-10}s" -H "Authorization: $(basic "$USER_NAME:$TOKEN")" "$warm" >/dev/null
done
wrk -t2 -c8 -d"${WARMUP:-10}s" -H "Authorization: $(basic "$CREDS")" "$url" >/dev/null
sleep 3

echo
echo "GET /v2/token, ${DURATION} s per row (wrk, keep-alive)"
printf '%-28s %7s %9s %9s %9s %9s\n' "credentials" "clients" "req/s" "p50 ms" "p99 ms" "CPU µs/req"
for clients in 1 32; do
  printf '%-28s %7s %s\n' "anonymous (public image)" "$clients" "$(measure "$clients" "$public_url")"
  sleep 2
  printf '%-28s %7s %s\n' "access token (Basic)" "$clients" "$(measure "$clients" "$url" "Authorization: $(basic "$USER_NAME:$TOKEN")")"
  sleep 2
  printf '%-28s %7s %s\n' "password (Basic, BCrypt)" "$clients" "$(measure "$clients" "$url" "Authorization: $(basic "$CREDS")")"
  sleep 2
done

# wrk's delay() runs before each request of a connection: an exponential pause whose mean makes
# 32 clients send RATE requests a second in all (less the time each waits for its answer, ~1 ms).
RATE=${RATE:-3000}
cat > "$work/paced.lua" <<LUA
local mean = $(awk -v r="$RATE" 'BEGIN { printf "%.2f", 32000 / (r * 1.03) - 1 }')
function setup(thread) thread:set("seed", math.random(1, 1000000000)) end
function init(args) math.randomseed(seed) end
function delay() return math.floor(-math.log(1 - math.random()) * mean + 0.5) end
LUA
paced() { # url [header]
  local args=(-t2 -c32 -d"${DURATION}s" --latency -s "$work/paced.lua")
  [ -n "${2:-}" ] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
    END { printf "%9.0f %9.2f %9.2f %s\n", rps, p50, p99, (bad ? "non-2xx: " bad : "") }'
}
echo
echo "GET /v2/token, 32 clients paced to $RATE requests a second in all, ${DURATION} s per row"
printf '%-28s %7s %9s %9s %9s\n' "credentials" "clients" "req/s" "p50 ms" "p99 ms"
printf '%-28s %7s %s\n' "anonymous (public image)" 32 "$(paced "$public_url")"
printf '%-28s %7s %s\n' "access token (Basic)" 32 "$(paced "$url" "Authorization: $(basic "$USER_NAME:$TOKEN")")"
printf '%-28s %7s %s\n' "password (Basic, BCrypt)" 32 "$(paced "$url" "Authorization: $(basic "$CREDS")")"

# A second registry with htpasswd (bcrypt cost 5) on the same storage.
storage=$(awk '/rootdirectory:/ { gsub(/"/, "", $2); print $2; exit }' "$DATA/registry/config.yml")
[ -d "$storage" ] || { echo "no registry storage found in $DATA/registry/config.yml" >&2; exit 1; }
crypto=$(ls ~/.m2/repository/org/springframework/security/spring-security-crypto/*/spring-security-crypto-*.jar 2>/dev/null | grep -v sources | tail -1)
if command -v htpasswd >/dev/null; then
  htpasswd -nbB -C 5 "$USER_NAME" "$PASSWORD" | head -1 > "$work/htpasswd"
else
  cat > "$work/Hash.java" <<'JAVA'
public class Hash {
  public static void main(String[] args) {
    System.out.println(args[0] + ":" + org.springframework.security.crypto.bcrypt.BCrypt.hashpw(args[1],
        org.springframework.security.crypto.bcrypt.BCrypt.gensalt(5)));
  }
}
JAVA
  java -cp "$crypto" "$work/Hash.java" "$USER_NAME" "$PASSWORD" > "$work/htpasswd"
fi
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: false
http:
  addr: 127.0.0.1:$HTPASSWD_PORT
auth:
  htpasswd:
    realm: bench
    path: $work/htpasswd
YAML
# (REGISTRY_AUTH_FILE is skopeo's; the registry would read it as its own auth.file setting)
env -u REGISTRY_AUTH_FILE docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$HTPASSWD_PORT/v2/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$HTPASSWD_PORT/v2/" || { echo "htpasswd registry did not start:" >&2; cat "$work/registry.log" >&2; exit 1; }

now_ms() { date +%s%3N; }
copy() { # registry creds dir
  local start; start=$(now_ms)
  skopeo copy -q --src-tls-verify=false --src-creds "$2" "docker://$1/$IMAGE" "dir:$3" >/dev/null
  echo $(( $(now_ms) - start ))
}
for i in $(seq "$RUNS"); do
  copy "$REGISTRY" "$USER_NAME:$TOKEN" "$work/t$i" >> "$work/token.ms"
  copy "127.0.0.1:$HTPASSWD_PORT" "$CREDS" "$work/h$i" >> "$work/htpasswd.ms"
  rm -rf "$work/t$i" "$work/h$i"
done
stats() { sort -n "$1" | awk '{ v[NR] = $1; s += $1 } END { printf "%6d %8.0f %8.0f %6d %6d\n", NR, v[int((NR + 1) / 2)], s / NR, v[1], v[NR] }'; }
echo
echo "skopeo copy docker://…/$IMAGE dir:, $RUNS alternating runs (ms)"
printf '%-44s %6s %8s %8s %6s %6s\n' "path" "runs" "median" "mean" "min" "max"
printf '%-44s %s\n' "console token server, access token" "$(stats "$work/token.ms")"
printf '%-44s %s\n' "registry htpasswd (bcrypt cost 5), password" "$(stats "$work/htpasswd.ms")"
t=$(sort -n "$work/token.ms" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
h=$(sort -n "$work/htpasswd.ms" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
awk -v t="$t" -v h="$h" 'BEGIN { printf "median ratio token / htpasswd: %.2fx (target <= 1.2x)\n", t / h }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
