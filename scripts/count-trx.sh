#!/usr/bin/env bash
# Prints "<passed> <failed>" summed over every TRX report under the given directory.
# Failed includes the outcomes error, timeout and aborted.
set -euo pipefail
passed=0
failed=0
while IFS= read -r -d '' report; do
  counters=$(grep -o '<Counters [^>]*>' "$report" || true)
  for name in passed failed error timeout aborted; do
    value=$(printf '%s' "$counters" | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0)
    if [ "$name" = passed ]; then passed=$((passed + value)); else failed=$((failed + value)); fi
  done
done < <(find "$1" -name '*.trx' -print0)
echo "$passed $failed"
