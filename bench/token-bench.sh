#!/usr/bin/env bash
# Token server benchmark against a running console and its registry.
#
#   bench/token-bench.sh [console-url] [registry] [user:password] [repository:tag] [requests]
#
# Defaults fit the embedded default (java -jar berth.jar): console http://127.0.0.1:8080,
# managed registry 127.0.0.1:5000, alice:demo12345, acme-apps/nginx:1.25, 200 token requests.
# Prints the time of token-authenticated skopeo pulls (inspect, and copy to a dir) and the token
# endpoint latency (p50/p95/max) measured with curl.
set -euo pipefail

CONSOLE=${1:-http://127.0.0.1:8080}
REGISTRY=${2:-127.0.0.1:5000}
CREDS=${3:-alice:demo12345}
IMAGE=${4:-acme-apps/nginx:1.25}
N=${5:-200}
SERVICE=${BERTH_SERVICE:-berth-registry}
REPOSITORY=${IMAGE%:*}
RUNS=${SKOPEO_RUNS:-5}

command -v skopeo >/dev/null || { echo "skopeo missing: apt-get install -y skopeo" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl missing: apt-get install -y curl" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REGISTRY_AUTH_FILE="$work/auth.json"

now_ms() { date +%s%3N; }

percentiles() { # reads milliseconds, one per line
  sort -n | awk '{ v[NR] = $1 } END {
    p50 = v[int((NR - 1) * 0.50) + 1]; p95 = v[int((NR - 1) * 0.95) + 1];
    printf "n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms\n", NR, p50, p95, v[NR] }'
}

echo "skopeo inspect docker://$REGISTRY/$IMAGE as ${CREDS%%:*} ($RUNS runs; each run fetches its own tokens)"
for _ in $(seq "$RUNS"); do
  start=$(now_ms)
  skopeo inspect --tls-verify=false --creds "$CREDS" "docker://$REGISTRY/$IMAGE" >/dev/null
  echo $(( $(now_ms) - start ))
done | percentiles

echo "skopeo copy docker://$REGISTRY/$IMAGE dir: ($RUNS runs)"
for i in $(seq "$RUNS"); do
  start=$(now_ms)
  skopeo copy -q --src-tls-verify=false --src-creds "$CREDS" "docker://$REGISTRY/$IMAGE" "dir:$work/copy-$i" >/dev/null
  echo $(( $(now_ms) - start ))
done | percentiles

url="$CONSOLE/v2/token?service=$SERVICE&scope=repository:$REPOSITORY:pull,push"
curl -fsS -u "$CREDS" "$url" -o /dev/null || { echo "token endpoint refused: $url" >&2; exit 1; }
echo "GET /v2/token ($N requests, Basic auth, one scope, sequential, new connection each)"
for _ in $(seq "$N"); do
  curl -s -o /dev/null -u "$CREDS" -w '%{time_total}\n' "$url"
done | awk '{ printf "%.3f\n", $1 * 1000 }' | percentiles

# The same endpoint without credentials (public image): the difference above is the password
# check (BCrypt) that HTTP Basic costs on every token request.
public_url="$CONSOLE/v2/token?service=$SERVICE&scope=repository:${PUBLIC_REPOSITORY:-acme-public/hello}:pull"
echo "GET /v2/token ($N requests, anonymous, public image)"
for _ in $(seq "$N"); do
  curl -s -o /dev/null -w '%{time_total}\n' "$public_url"
done | awk '{ printf "%.3f\n", $1 * 1000 }' | percentiles
