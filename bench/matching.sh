#!/usr/bin/env bash
# Prints the contact-matching latency with 10,000 volunteers and 2,000 meetings (issue 3's target:
# p95 under 20 ms on a 2-core machine), next to a SELECT 1 baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp test -Dtest=MatchingBenchmark -Dstepcalls.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E "^(seeded|matching|baseline|average|p95 ratio)" || { echo "benchmark failed; run without the filter to see why"; exit 1; }
