#!/usr/bin/env bash
# Benchmarks, one command each (see docs/benchmarks.md). Never part of the test suite.
#   bench/run.sh rescoring [accounts=100000] [runs=5]
#   bench/run.sh ingestion URL WRITE_KEY [clients] [batch] [batches] [seconds] [accounts]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-}; shift || true
case "$what" in
  rescoring)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -Dbench.reuse="${BENCH_REUSE:+true}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.RescoringBenchmark "$@" ;;
  ingestion)
    java bench/IngestionLoad.java "$@" ;;
  *)
    echo "usage: bench/run.sh rescoring|ingestion [args]" >&2; exit 2 ;;
esac
