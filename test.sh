#!/usr/bin/env bash
# Runs every test of PubkyCluster and ends with the line "N passed, N failed".
# Works on a fresh machine with the .NET 10 SDK and Node 20: everything else a suite needs, it installs itself
# (npm packages of the conformance suite and of the DHT interop peers, from their lockfiles; wrk for the bench smoke).
set -uo pipefail
cd "$(dirname "$0")"

results=".artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
# 1. The .NET suites: unit, property, storage contract, grain, HTTP, DHT (with npm interop peers).
dotnet test PubkyCluster.sln --nologo --logger "trx" --results-directory "$results" || status=$?
read -r passed failed < <(scripts/count-trx.sh "$results")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before reporting: count it so that CI cannot read it as green.
  failed=1
fi

# 2. The official JS client (@synonymdev/pubky@0.6.0) against the single-process homeserver.
counts="$results/conformance.counts"
CONFORMANCE_COUNTS_FILE="$counts" tests/Conformance/run.sh || status=$?
if [ -f "$counts" ]; then
  read -r conformance_passed conformance_failed < "$counts"
else
  conformance_passed=0
  conformance_failed=1
fi
passed=$((passed + conformance_passed))
failed=$((failed + conformance_failed))

# 3. A smoke pass of the benchmark harness (bench/run.sh --smoke), so it never rots; it measures nothing worth keeping.
if bench/run.sh --smoke > "$results/bench-smoke.log" 2>&1; then
  passed=$((passed + 1))
else
  echo "bench smoke pass failed; see $results/bench-smoke.log" >&2
  tail -n 20 "$results/bench-smoke.log" >&2
  failed=$((failed + 1))
fi

# CI keeps only the tail of this output: name what failed right above the summary.
scripts/list-failed-trx.sh "$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
