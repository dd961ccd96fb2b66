# Sourced by the bench scripts: the console's JVM as the README runs it, and a login of a demo user.

# The README's flags for the embedded default (heap and pools sized for it).
CONSOLE_JVM_FLAGS=(-Xmx192m -XX:MaxMetaspaceSize=128m -Xss512k -XX:+UseSerialGC)
export MALLOC_ARENA_MAX=2

# demo_login BASE USER → "SESSION=…; XSRF-TOKEN=…", the cookies a browser holds after USER logged in
# with the demo password and opened a page (the CSRF token's cookie is set again after the login;
# without it, every page would make a new token, as no browser does).
demo_login() {
  local jar csrf
  jar=$(mktemp)
  csrf=$(curl -fs -c "$jar" -b "$jar" "$1/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -c "$jar" -b "$jar" -o /dev/null -d "username=$2&password=demo12345&_csrf=$csrf" "$1/login"
  curl -fs -c "$jar" -b "$jar" -o /dev/null "$1/logout"
  awk '$6 == "SESSION" || $6 == "XSRF-TOKEN" { printf "%s%s=%s", sep, $6, $7; sep = "; " } END { print "" }' "$jar"
  rm -f "$jar"
}
