#!/usr/bin/env bash
# Prints how long the purge of 10,000 calls with 100,000 posts takes (issue 5's target: under
# 10 s) and the latest page's latency meanwhile (p99 under 100 ms), next to the same page idle.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp test -Dtest=PurgeBenchmark -Dstepcalls.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E "^(seeded|purge:|latest page)" || { echo "benchmark failed; run without the filter to see why"; exit 1; }
