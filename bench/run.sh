#!/usr/bin/env bash
# Benchmarks, one command each (see docs/benchmarks.md). Never part of the test suite.
#   bench/run.sh rescoring [accounts=100000] [runs=5]
#   bench/run.sh segments [accounts=100000] [runs=9]                                        (segment evaluation, 20 re-evaluated, filtered list)
#   bench/run.sh ingestion [rounds=5] [batchesPerClient=60] [clients=4] [batchSize=500]   (server in-process, driver forked; HTTP vs raw COPY, rollups, memory)
#   bench/run.sh quick                                                                       (every benchmark reduced, one table, < 2 min)
#   bench/run.sh demo [accounts=100000] [days=90]                                            (the demo workspace at scale)
#   bench/run.sh revenue [accounts=100000] [runs=20]                                         (cohorts, MRR/NRR, renewals: p50/p95/p99)
#   bench/run.sh ltv [runs=5]                                                                (model fits and BG/NBD timing)
#   bench/run.sh ltvpage [accounts=500] [runs=10] [days=210]                                 (the LTV page on the demo: first, later and cold views)
#   bench/run.sh pages [accounts=100000] [requests=200]                                     (page p50/p95/p99, signed in over HTTP)
#   bench/run.sh jmh [JMH options, e.g. -f 1 -wi 2 -i 3]                                   (JMH: in-process parts, e.g. Segment parsing)
#   bench/run.sh mutation [PIT options, e.g. -DtargetClasses=io.kizuna.shared.Money*]          (PIT over the pure logic, unit tests only; report in target/pit-reports)
#   bench/run.sh text [texts=100000] [copies=10] [runs=30]                                  (text analysis of 100,000 texts; the topics page over 1,000,000)
#   bench/run.sh knowledge [articles=10000] [runs=5] [requests=1000]                        (knowledge base: articles in PostgreSQL, full reindex, search and article page over HTTP; BENCH_JFR=1 records target/knowledge.jfr)
#   bench/run.sh FeatureRequests [requests=10000] [runs=300]                                (feature-request board at 1,000,000 votes: p50/p95/p99 vs on-the-fly aggregation)
#   bench/run.sh <name> [args]                                                               (io.kizuna.bench.<Name>Benchmark, e.g. tasks → TasksBenchmark)
#   bench/run.sh load URL WRITE_KEY [clients] [batch] [batchesPerClient] [rounds] [accounts] (drive a running server)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-}; shift || true
case "$what" in
  rescoring)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -Dbench.reuse="${BENCH_REUSE:+true}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.RescoringBenchmark "$@" ;;
  text)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.text.TextBenchmark "$@" ;;
  segments)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -Dbench.reuse="${BENCH_REUSE:+true}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.SegmentBenchmark "$@" ;;
  ingestion)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g ${BENCH_OPTS:-} ${BENCH_JFR:+-XX:StartFlightRecording=filename=target/ingestion.jfr,settings=profile} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.IngestionBenchmark "$@" ;;
  revenue)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g -Dbench.reuse="${BENCH_REUSE:+true}" -Dbench.before="${BENCH_BEFORE:+true}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.RevenueBenchmark "$@" ;;
  quick)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.QuickBenchmark "$@" ;;
  demo)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.DemoBenchmark "$@" ;;
  ltv)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.LtvFitBenchmark "$@" ;;
  ltvpage)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.LtvPageBenchmark "$@" ;;
  pages)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g -Dbench.reuse="${BENCH_REUSE:+true}" -Dbench.hold="${BENCH_HOLD:-0}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.PagesBenchmark "$@" ;;
  jmh)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "${@:-io.kizuna}" ;;
  mutation)
    mvn -q -Pmutation -DskipTests test-compile
    mvn -Pmutation org.pitest:pitest-maven:mutationCoverage "$@"
    echo "report: target/pit-reports/index.html (mutations.csv beside it)" ;;
  knowledge)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx2g -Dbench.reuse="${BENCH_REUSE:+true}" ${BENCH_JFR:+-XX:StartFlightRecording=filename=target/knowledge.jfr,settings=profile} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.KnowledgeBenchmark "$@" ;;
  load)
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.kizuna.bench.ExternalLoad "$@" ;;
  *)
    # Any other name runs io.kizuna.bench.<Name>Benchmark (tasks → TasksBenchmark), so a module's benchmark needs no
    # case here; its class comment says what it measures and its arguments.
    class="io.kizuna.bench.${what^}Benchmark"
    if [ -z "$what" ] || [ ! -f "src/test/java/io/kizuna/bench/${what^}Benchmark.java" ]; then
      echo "usage: bench/run.sh quick|ingestion|demo|rescoring|segments|revenue|ltv|ltvpage|pages|knowledge|jmh|mutation|load|<name of a *Benchmark class> [args]" >&2; exit 2
    fi
    mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    java -Xmx4g -Dbench.reuse="${BENCH_REUSE:+true}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" "$class" "$@" ;;
esac
