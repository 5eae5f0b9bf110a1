#!/usr/bin/env bash
# Runs a set of tests again and again while other processes keep every core busy, the
# way a parallel ctest and the browser tests load a CI machine. A test that passes on
# an idle machine and fails here depends on timing; this is how to find it.
#
#   tools/soak.sh [BUILD] [RUNS] [REGEX] [BURNERS]
#   tools/soak.sh build 30 'e2e|browser' 2
#
# Prints one line per run and a summary; exits 1 if any run failed. The output of each
# failed run is kept in BUILD/soak/run-N.log.
set -uo pipefail
build=${1:-build}
runs=${2:-30}
regex=${3:-e2e|browser}
burners=${4:-$(nproc)}

mkdir -p "$build/soak"
logs=$(cd "$build/soak" && pwd)
pids=()
stop_burners() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop_burners EXIT
for _ in $(seq "$burners"); do
  # A CPU-bound loop with no I/O: it competes for the cores and nothing else.
  python3 -c 'while True: pass' &
  pids+=($!)
done

failed=0
started=$(date +%s)
for n in $(seq "$runs"); do
  log="$logs/run-$n.log"
  t0=$(date +%s)
  if (cd "$build" && ctest -R "$regex" --output-on-failure) >"$log" 2>&1; then
    echo "run $n/$runs: passed ($(( $(date +%s) - t0 )) s)"
    rm -f "$log"
  else
    failed=$((failed + 1))
    echo "run $n/$runs: FAILED ($(( $(date +%s) - t0 )) s): $(grep -E '^\s+[0-9]+ - ' "$log" | tr -s ' ' | tr '\n' ';') see $log"
  fi
done
echo "soak: $((runs - failed)) of $runs runs of ctest -R '$regex' passed with $burners busy processes, in $(( $(date +%s) - started )) s"
[ "$failed" -eq 0 ]
