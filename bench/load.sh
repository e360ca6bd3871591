#!/usr/bin/env bash
# Load figures (issues 6, 16): packages the app and runs it as an operator would — against its
# own PostgreSQL (target/bench/pg) and Keycloak for sign-in — seeded with 100,000 topics,
# 1,000,000 posts and 10,000 volunteers; wrk at fixed connection counts against the latest page
# (bearer token, and a browser's session cookie from Keycloak's login form), a topic page, search
# (a word mix: rare, common, two words, a phrase, no match), creating posts and the contacts
# query; last it restarts the app and measures the latest page for its first 60 s after it reports
# ready, with no warm-up of the harness's own (six 10 s slices, then the same app again once warm,
# for the share); pgbench -S against the same PostgreSQL as the baseline. Needs wrk and pgbench
# (installed here through apt when missing, as root).
#   BENCH_DURATION=30s       length of each measured run (default 10s)
#   BENCH_WARMUP=30s         unmeasured run before each (default 10s), then 5 s slices until the app's
#                            CPU per request stops falling, two slices in a row (the JIT needs it on 2 cores; at most 60 s more)
#   BENCH_WARM_ROUND=20s     before anything is measured, every chosen scenario served this long unmeasured
#   BENCH_CONNECTIONS=32     connection counts (default 8,32)
#   BENCH_ONLY="topic page"  only the scenarios whose names contain this ("search|contacts": either)
#   BENCH_SCALE=5            the growth run: 500,000 topics and 5,000,000 posts (default 1)
#   BENCH_JAVA_OPTS=...      extra JVM options for the app, e.g. a JFR recording:
#     BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=target/bench/app.jfr,settings=profile
#     BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary   also prints, beside the RSS, where the JVM's memory went
#   BENCH_APP_WARM_UP=0s     the app's own warm-up before it reports ready (STEPCALLS_WARM_UP; default
#                            30s, as deployed; 0s: the first minute of an app without it)
#   BENCH_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64   build and run everything on that JDK (by default the
#                            app runs on the image's Java, 25, when a JDK 25 is installed; else on the build's)
#   BENCH_AOT=1              the JDK's AOT cache (JEP 483/515; needs JDK 25, the default JDK then):
#     the jar packaged as aot-jar, a training run writes target/bench/app.aot before the first minute,
#     and the app runs with it from then on
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null || ! command -v pgbench >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk postgresql-contrib >/dev/null
  else
    echo "install wrk and pgbench first: sudo apt-get install -y wrk postgresql-contrib"; exit 1
  fi
fi
aot=()
if [ "${BENCH_AOT:-}" = 1 ]; then
  BENCH_JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  aot=(-Dquarkus.package.jar.type=aot-jar -Dstepcalls.bench.aot=true)
fi
if [ -n "${BENCH_JAVA_HOME:-}" ]; then
  export JAVA_HOME="$BENCH_JAVA_HOME" APP_JAVA="$BENCH_JAVA_HOME/bin/java"
fi
log=target/bench/load.log
mkdir -p target/bench
echo "building the app and running the benchmark (about 12 minutes); full output in $log"
if ! ./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LoadBenchmarkIT \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dstepcalls.bench=true \
    -Dstepcalls.bench.duration="${BENCH_DURATION:-10s}" -Dstepcalls.bench.warm-up="${BENCH_WARMUP:-10s}" -Dstepcalls.bench.warm-round="${BENCH_WARM_ROUND:-20s}" -Dstepcalls.bench.connections="${BENCH_CONNECTIONS:-8,32}" \
    -Dstepcalls.bench.only="${BENCH_ONLY:-}" -Dstepcalls.bench.scale="${BENCH_SCALE:-1}" ${aot[@]+"${aot[@]}"} >"$log" 2>&1; then
  tail -40 "$log"; echo "benchmark failed; see $log"; exit 1
fi
grep -E "^(seeded|AOT cache|plan of|scenario|floor|latest|topic page|search|contacts|create post|pgbench|app RSS|app memory|code cache|CodeHeap|CodeCache:| total_blobs|Total: |-  *[A-Z][a-zA-Z ]* \\(reserved|Rss|Anonymous|  .*STATUS|  .*sequential scan|  .*warmed|first minute:)" "$log"
