#!/usr/bin/env bash
# Runs every test of PubkyCluster and ends with the line "N passed, N failed".
# Works on a fresh machine with the .NET 10 SDK: everything else a suite needs, it installs itself.
set -uo pipefail
cd "$(dirname "$0")"

results=".artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test PubkyCluster.sln --nologo --logger "trx" --results-directory "$results" || status=$?

# Count from the TRX reports, so that every test that ran is counted whatever the console printed.
read -r passed failed < <(scripts/count-trx.sh "$results")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before reporting: count it so CI cannot read it as green.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
