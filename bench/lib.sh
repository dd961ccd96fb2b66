# Sourced by the bench scripts: the console's JVM as the README runs it, and a login of a demo user.

# The README's flags for the embedded default (heap and pools sized for it).
CONSOLE_JVM_FLAGS=(-Xmx224m -XX:MaxMetaspaceSize=128m -Xss512k -XX:+UseSerialGC)
export MALLOC_ARENA_MAX=2

# demo_login BASE USER → "SESSION=…", the session cookie of USER logged in with the demo password.
demo_login() {
  local jar csrf
  jar=$(mktemp)
  csrf=$(curl -fs -c "$jar" -b "$jar" "$1/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null -d "username=$2&password=demo12345&_csrf=$csrf" "$1/login"
  awk '$6 == "SESSION" { print "SESSION=" $7 }' "$jar"
  rm -f "$jar"
}
