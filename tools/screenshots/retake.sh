#!/usr/bin/env bash
# Retakes the screenshots in docs/images/ from a real Jenkins: builds the client and the emulator, starts the
# emulator and `./mvnw -pl plugin hpi:run` (Jenkins with the plugin) in a scratch JENKINS_HOME whose init script
# (init.groovy) adds an admin user, a Secret text credential with the emulator's token, the global
# configuration and two Pipeline jobs; then shoot.mjs runs the builds and photographs the pages in headless
# Chromium. Everything runs on 127.0.0.1 and is stopped at the end. See docs/README.md#screenshots.
#
#   tools/screenshots/retake.sh
#
# Needs what `./mvnw -pl plugin hpi:run` needs (JDK 21+, the Jenkins Maven repository), Node.js 18+ with npm,
# and Chromium or Chrome (Debian: apt-get install chromium; elsewhere set CHROMIUM=/path/to/chrome). optipng,
# where installed, makes the PNGs smaller.
# Environment: JENKINS_PORT (default 8765), EMULATOR_PORT (default 8181), CHROMIUM, MAVEN_ARGS (more Maven
# options; Maven reads it itself), SKIP_BUILD=1 (the modules are installed already), KEEP=1 (leave Jenkins and
# the emulator running; the admin password is then in $WORK/password), WORK (scratch folder, default a new
# temporary one, removed after a success; after a failure it keeps the logs and failed.png, the page as it was).
set -euo pipefail
set -m # each background job in its own process group, so that stopping it stops Jenkins' JVM too

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$ROOT/docs/images"
PORT=${JENKINS_PORT:-8765}
EMULATOR_PORT=${EMULATOR_PORT:-8181} # the port of the docs, so that the pictures show their URL
JENKINS_URL="http://127.0.0.1:$PORT/jenkins/"
if [ -n "${WORK:-}" ]; then mkdir -p "$WORK"; own_work=0; else WORK=$(mktemp -d "${TMPDIR:-/tmp}/ish-cd-screenshots.XXXXXX"); own_work=1; fi
started=$(date +%s)

fail() { echo "retake.sh: $*" >&2; exit 1; }
for tool in java node npm curl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed; see the requirements at the top of this script."
done
for port in "$PORT:JENKINS_PORT" "$EMULATOR_PORT:EMULATOR_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:${port%%:*}/"; then
    fail "port ${port%%:*} is in use: stop what listens there or set ${port#*:} to a free port."
  fi
done

pids=()
stop() {
  local rc=$?
  if [ "${KEEP:-0}" = 1 ]; then
    echo "Left running: Jenkins $JENKINS_URL (admin, password in $WORK/password), the emulator (process groups ${pids[*]})."
    return
  fi
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ $rc != 0 ]; then echo "retake.sh: failed; the logs are in $WORK" >&2
  elif [ $own_work = 1 ]; then rm -rf "$WORK"; fi
}
trap stop EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the client and the emulator"
  ./mvnw -B -ntp -q -pl ish-cd-client,ish-cd-emulator -am install -DskipTests
fi
if [ ! -d "$HERE/node_modules/puppeteer-core" ]; then
  echo "Installing puppeteer-core (tools/screenshots/node_modules)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p "$WORK/home/init.groovy.d"
( umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$WORK/password" )
java -jar ish-cd-emulator/target/ish-cd-emulator.jar --port "$EMULATOR_PORT" --token-file "$WORK/token" > "$WORK/emulator.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q '^Base URL: ' "$WORK/emulator.out" && break; sleep 0.5; done
BASE_URL=$(sed -n 's/^Base URL: //p' "$WORK/emulator.out")
[ -n "$BASE_URL" ] || fail "the emulator did not start; see $WORK/emulator.out"
echo "Emulator at $BASE_URL"

cp "$HERE/init.groovy" "$WORK/home/init.groovy.d/ish-cd-screenshots.groovy"
echo "Starting Jenkins with the plugin at $JENKINS_URL (log: $WORK/jenkins.log)"
ISH_SHOTS_BASE_URL=$BASE_URL ISH_SHOTS_TOKEN_FILE=$WORK/token ISH_SHOTS_PASSWORD_FILE=$WORK/password \
  ISH_SHOTS_JENKINS_URL=$JENKINS_URL \
  ./mvnw -B -ntp -pl plugin hpi:run -Dhost=127.0.0.1 -Dport="$PORT" -DjenkinsHome="$WORK/home" \
    -Dhudson.model.UpdateCenter.never=true -Dhudson.model.DownloadService.never=true > "$WORK/jenkins.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  grep -q 'Jenkins is fully up and running' "$WORK/jenkins.log" && break
  kill -0 "${pids[1]}" 2>/dev/null || { tail -30 "$WORK/jenkins.log" >&2; fail "Jenkins did not start."; }
  sleep 1
done
grep -q 'Jenkins is fully up and running' "$WORK/jenkins.log" || fail "Jenkins did not come up within 5 minutes; see $WORK/jenkins.log"
grep -q '^ish-cd screenshots: ' "$WORK/jenkins.log" || { tail -30 "$WORK/jenkins.log" >&2; fail "the init script did not run."; }

echo "Running the builds and taking the pictures"
mkdir -p "$OUT"
export WORK JENKINS_URL OUT ISH_SHOTS_TOKEN_FILE=$WORK/token ISH_SHOTS_PASSWORD_FILE=$WORK/password
(cd "$HERE" && node shoot.mjs)
echo "Done in $(( $(date +%s) - started )) s: the pictures are in docs/images/."
