#!/usr/bin/env bash
# Throughput, latency and cost of the packaged gateway, measured from outside (issue 9). Prints BENCHMARK key=value
# lines; asserts nothing. See README, "Tests and benchmark".
#   scripts/benchmark.sh              quick mode (a few minutes): stage limits, closed loop, open loop, heap
#   scripts/benchmark.sh --full       longer runs, plus --grow: 1/2/5 recipients, 10,000 participants with 50 verklaring
#                                     versions each, 1,000,000 audit records
#   scripts/benchmark.sh --default-run  the jar on its embedded defaults (no datasource arguments: its own database
#                                     under <workdir>/data), closed loop only; default_run_e2e_msg_s, target >= 300
# Options: --grow | --no-grow, --threads=N (default 32), --duration=SECONDS (closed loop), --warmup=SECONDS (the least
# warm-up before every measurement; default 30, 60 with --full; it goes on in 20 s rounds until the JIT compiler takes
# at most 5 % of the gateway's CPU), --max-warmup=SECONDS (default 600), --pg-statements (PostgreSQL statement
# statistics per message: calls, rows, execution time, commits, WAL), --soak=MINUTES (open loop at half the rate, heap
# after GC each minute), --rebuild (package the jar even if it exists).
# Environment: BENCHMARK_GATEWAY_JAVA_OPTS (JVM options of the gateway), BENCHMARK_JAVA_OPTS (of the load process).
# Processes: the gateway (java -jar target/ketenpoort.jar, own JVM, fresh working directory, persistent embedded
# Artemis), a PostgreSQL server with fsync/synchronous_commit/full_page_writes on (not in --default-run), and the load
# process (load generator, stub partners: a JDK HttpsServer over mutual TLS, stage limits). Gateway logs are kept in
# target/benchmark/.
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild=false
args=()
for arg in "$@"; do
  if [ "$arg" = "--rebuild" ]; then rebuild=true; else args+=("$arg"); fi
done

# Offline first (everything is usually in ~/.m2 already), online when something is missing.
mvnw() {
  ./mvnw -B -q -o "$@" || { echo "benchmark: offline Maven run failed, trying online" >&2; ./mvnw -B -q "$@"; }
}

if $rebuild || [ ! -f target/ketenpoort.jar ]; then
  mvnw -DskipTests package            # the jar, and the test classes the load process runs
else
  mvnw test-compile                   # the load generator lives in the test sources
fi
if [ ! -s target/benchmark.classpath ] || [ pom.xml -nt target/benchmark.classpath ]; then
  mvnw dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath
fi

exec java ${BENCHMARK_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  nl.hvht.ketenpoort.benchmark.Benchmark ${args[@]+"${args[@]}"}
