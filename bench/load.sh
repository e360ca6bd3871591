#!/usr/bin/env bash
# Load figures (issue 6): wrk at 32 connections against the latest page, a topic page, search,
# creating posts and the contacts query, on 100,000 topics / 1,000,000 posts / 10,000 volunteers,
# with pgbench -S against the same PostgreSQL as the baseline. Needs: apt-get install wrk
# (pgbench comes with Debian's PostgreSQL client packages). BENCH_DURATION=30s for longer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first: apt-get install -y wrk"; exit 1; }
command -v pgbench >/dev/null || { echo "install pgbench first: apt-get install -y postgresql-contrib"; exit 1; }
./mvnw -B -q -ntp test -Dtest=LoadBenchmark -Dstepcalls.bench=true -Dstepcalls.bench.duration="${BENCH_DURATION:-10s}" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E "^(seeded|plan|at [0-9]+ connections|latest page|latest list|empty search|topic page|search|contacts|create post|pgbench|app JVM)" \
  || { echo "benchmark failed; run without the filter to see why"; exit 1; }
