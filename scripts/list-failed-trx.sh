#!/usr/bin/env bash
# Prints "failed: <test name>" and the first lines of its message for every test that did not pass in the TRX reports
# under the given directory, so the last lines of a CI log say what failed (CI keeps only the tail of the output).
# Outcomes counted as failed match scripts/count-trx.sh: Failed, Error, Timeout, Aborted.
set -euo pipefail
while IFS= read -r -d '' report; do
  awk '
    /<UnitTestResult / {
      pending = ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/)
      if (pending) {
        name = $0
        sub(/.* testName="/, "", name)
        sub(/".*/, "", name)
        print "failed: " name
      }
    }
    pending && /<Message>/ {
      inside = 1
      shown = 0
      sub(/.*<Message>/, "")
    }
    inside {
      line = $0
      closes = sub(/<\/Message>.*/, "", line)
      if (shown < 4) print "  " substr(line, 1, 300)
      shown++
      if (closes) { inside = 0; pending = 0 }
    }
  ' "$report"
done < <(find "$1" -name '*.trx' -print0)
