#!/bin/sh
# cold-start.sh [RUNS]: how long `ish-cd get` of one run takes from a cold start, next to curl reading the
# same URL, in one run on this machine. Starts the emulator jar on a free loopback port, creates one run,
# then times RUNS (default 21) alternating calls of each and prints both medians and their ratio.
# COLD_START_DEBUG=1 prints each pair of samples (microseconds) on standard error.
# Exits 1 when the median of `ish-cd get` is over the target of 0.6 s, 2 when something is missing.
#
# Build first: ./mvnw -B -DskipJenkinsPlugin package -DskipTests (the build also makes the class data
# sharing archive target/ish-cd.jsa that the launcher uses). Needs sh, java, curl and GNU date.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
emulator="$here/../ish-cd-emulator/target/ish-cd-emulator.jar"
runs=${1:-21}
target_ms=600

for f in "$here/target/ish-cd.jar" "$emulator"; do
  if [ ! -f "$f" ]; then
    echo "cold-start: $f does not exist: build with ./mvnw -B -DskipJenkinsPlugin package -DskipTests first." >&2
    exit 2
  fi
done
command -v curl >/dev/null || { echo "cold-start: curl is needed to compare with." >&2; exit 2; }
case $(date +%N) in *[!0-9]*|'') echo "cold-start: date +%N must give nanoseconds (GNU date)." >&2; exit 2 ;; esac
[ -f "$here/target/ish-cd.jsa" ] || echo "cold-start: note: no target/ish-cd.jsa, so no class data sharing." >&2

work=$(mktemp -d)
java -jar "$emulator" --port 0 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
i=0
until grep -q '^Token: ' "$work/emulator.log"; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "cold-start: the emulator did not start:" >&2
    cat "$work/emulator.log" >&2
    exit 2
  fi
  sleep 0.1
done
base=$(sed -n 's/^Base URL: //p' "$work/emulator.log")
token=$(sed -n 's/^Token: //p' "$work/emulator.log")
export ISH_CD_BASE_URL="$base" ISH_CD_TOKEN="$token"
id=$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"env": {"BRANCH": "main"}}' \
  "$base/projects/my-corp/jobs/deploy/runs" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')
url="$base/projects/my-corp/jobs/deploy/runs/$id"

get() {
  "$here/ish-cd" get --project my-corp --job deploy --run "$id" >/dev/null 2>"$work/get.err" || {
    echo "cold-start: ish-cd get failed:" >&2
    cat "$work/get.err" >&2
    exit 2
  }
}
fetch() {
  curl -sf -H "Authorization: Bearer $token" -H 'Accept: application/json' "$url" >/dev/null
}

get && fetch # once each, not counted: the files in the page cache, the emulator warmed up
n=0
while [ "$n" -lt "$runs" ]; do
  t0=$(date +%s%N); get; t1=$(date +%s%N); fetch; t2=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 ))" >>"$work/samples"
  n=$((n + 1))
done

median() { # column $1 of the samples, in microseconds
  cut -d ' ' -f "$1" "$work/samples" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
[ -n "${COLD_START_DEBUG:-}" ] && cat "$work/samples" >&2
ish=$(median 1)
curl_us=$(median 2)
awk -v ish="$ish" -v curl="$curl_us" -v runs="$runs" -v target="$target_ms" -v cpus="$(nproc 2>/dev/null || echo '?')" 'BEGIN {
  printf "cold start, median of %d runs each (%s cores, load %s):\n", runs, cpus, "'"$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo '?')"'"
  printf "  ish-cd get  %7.3f s\n", ish / 1e6
  printf "  curl        %7.3f s\n", curl / 1e6
  printf "  ratio       %7.1f x\n", ish / curl
  printf "  target      %7.3f s: %s\n", target / 1000, (ish <= target * 1000) ? "met" : "NOT met"
  exit (ish <= target * 1000) ? 0 : 1
}'
