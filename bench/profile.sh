#!/usr/bin/env bash
# Where a page's CPU goes at c=32, by part of the request (template, SpEL, binding, session, the
# database, the network): Linux perf samples of the console's request threads, with the JIT's own
# symbol map, so that time spent inside the JVM (reflection, class lookups) is counted with the
# Java code that asked for it. JFR's sampler leaves those out (a thread in the VM is not sampled),
# which is how Spring's per-request reflection for a filter record (9-13 % of a list page) and the
# deserialization of the session's security context (6 %) stayed hidden for many rounds. Not a test.
#
#   bench/profile.sh [--jar JAR] DATA_DIR USER PATH...
#
# DATA_DIR is an H2 data folder seeded with bench/seed.sh; USER logs in with the demo password. Each
# PATH: WARMUP (120 s: the JIT needs about two minutes of load on two cores before Tomcat's
# writer is compiled) of wrk at c=32 the first time, 15 s the next, then SECONDS_SAMPLED (8) of perf
# at 499 Hz during a c=32 run. Prints each PATH's req/s and a table of shares of its samples. Needs
# perf (Debian: linux-perf), python3 and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

JAR=
if [ "${1:-}" = --jar ]; then JAR=$2; shift 2; fi
[ $# -ge 3 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
DATA=$1 USER_NAME=$2; shift 2
JAR=${JAR:-$(ls target/berth-*.jar | head -n 1)}
PORT=${PORT:-18097}
WARMUP=${WARMUP:-120}
SECONDS_SAMPLED=${SECONDS_SAMPLED:-8}
for tool in perf python3 wrk curl java jcmd; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
WORK=$(mktemp -d)
java "${CONSOLE_JVM_FLAGS[@]}" -XX:+PreserveFramePointer -jar "$JAR" --berth.data-dir="$DATA" \
  --berth.registry.managed=false --server.port="$PORT" --management.server.port=$((PORT + 1)) \
  > "$WORK/console.log" 2>&1 &
CONSOLE=$!
trap 'kill $CONSOLE 2>/dev/null; wait $CONSOLE 2>/dev/null || true; rm -rf "$WORK" /tmp/perf-$CONSOLE.map' EXIT
BASE=http://127.0.0.1:$PORT
for _ in $(seq 120); do curl -fs -o /dev/null "$BASE/login" && break; sleep 1; done
COOKIE=$(demo_login "$BASE" "$USER_NAME")

warm=$WARMUP
for path in "$@"; do
  wrk -t2 -c32 -d"${warm}s" -H "Cookie: $COOKIE" "$BASE$path" > /dev/null
  warm=15
  wrk -t2 -c32 -d"$((SECONDS_SAMPLED + 2))s" -H "Cookie: $COOKIE" "$BASE$path" > "$WORK/wrk.txt" &
  LOAD=$!
  sleep 1
  perf record -q -g -F 499 -p "$CONSOLE" -o "$WORK/perf.data" -- sleep "$SECONDS_SAMPLED" 2> /dev/null
  wait "$LOAD"
  jcmd "$CONSOLE" Compiler.perfmap > /dev/null
  perf script -i "$WORK/perf.data" -F comm,tid,ip,sym,dso 2> /dev/null > "$WORK/stacks.txt"
  echo
  echo "### $path ($USER_NAME): $(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt") req/s at c=32"
  python3 - "$WORK/stacks.txt" <<'EOF'
import collections, sys

# The part a sample belongs to: that of the first frame, from the sampled one outwards, that names
# one of these (so the database's time in a session lookup is the database's, a socket write in the
# middle of a template the network's).
PARTS = [
    ('binding the request to the handler\'s arguments', 'HandlerMethodArgumentResolverComposite.resolveArgument'),
    ('session: security context', 'SupplierDeferredSecurityContext.init'),
    ('template: links (@{…})', 'StandardLinkBuilder.buildLink'),
    ('template: messages (#{…})', 'AbstractEngineContext.getMessage'),
    ('template: SpEL (${…})', 'SPELVariableExpressionEvaluator.evaluate'),
    ('template: the rest (Thymeleaf)', 'ThymeleafView.render'),
    ('database: H2', 'org.h2.'),
    ('database: JDBC, Spring, pool', 'JdbcTemplate'),
    ('handler code', 'InvocableHandlerMethod.invokeForRequest'),
    ('writing the page into Tomcat\'s buffer (UTF-8)', 'org.apache.catalina.connector.OutputBuffer'),
    ('Spring MVC: finding the handler, interceptors', 'DispatcherServlet'),
    ('session: lookup and save', 'org.springframework.session.'),
    ('security filters', 'FilterChainProxy'),
    ('metrics (Micrometer)', 'io.micrometer.'),
    ('network writes', 'sun.nio.ch.'),
    ('Tomcat, kernel, the rest', ''),
]
counts, total = collections.Counter(), 0
for sample in open(sys.argv[1]).read().split('\n\n'):
    lines = [line for line in sample.strip().split('\n') if line.strip()]
    if not lines or not lines[0].startswith('http-nio'):
        continue
    total += 1
    frames = [line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else '' for line in lines[1:]]
    part = next((part for frame in frames for part, pattern in PARTS[:-1] if pattern in frame), PARTS[-1][0])
    counts[part] += 1
print('\n| part of the request | share of the samples |\n| --- | ---: |')
for part, _ in PARTS:
    print(f'| {part} | {100 * counts[part] / max(total, 1):.1f} % |')
print(f'| (samples of request threads) | {total} |')
EOF
done
