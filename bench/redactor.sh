#!/usr/bin/env bash
# Prints how long the redactor takes on 20,000-character posts (issue 10's target: under 50 ms):
# ordinary prose, the hostile corpus and inputs built to be slow. No database, no app.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp test -Dtest=RedactorBenchmark -Dstepcalls.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E "^redact" || { echo "benchmark failed; run without the filter to see why"; exit 1; }
# p95 and max move with whatever else the machine runs; the load average says how busy it was
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
