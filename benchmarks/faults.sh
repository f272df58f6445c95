#!/usr/bin/env bash
# The fault suite across processes (issue 14, item 8), full version:
#
#   benchmarks/faults.sh [--short] [--no-broker] [--keep] [--jar bootstrap/target/attune.jar] [--out DIR]
#
# Starts Attune split by role into seven JVMs on loopback (api x1, executor x2, worker x2, sensor x2) against the
# local PostgreSQL (a fresh database of its own, dropped at the end) and RabbitMQ (an AMQP namespace of its own,
# deleted at the end), under a steady load of webhooks and API requests on actions with concurrency limits and a
# one-second timer; kills each instance in turn with kill -9 and restarts it, restarts the broker with
# `rabbitmqctl stop_app` / `start_app` (8 s: other users of this broker see the outage too; --no-broker skips it),
# then checks from PostgreSQL and the actions' own run log that nothing was lost, run twice, left unfinished or run
# beyond its limit, and that the timer fired once per tick. It measures each recovery and the throughput with one and
# two worker processes, and writes DIR/report.md (default bootstrap/target/faultsuite) with the processes' logs.
# --keep leaves the database and the AMQP namespace for a look afterwards (their names are printed).
#
# It is FaultSuiteEndToEndTest (JUnit tag `faultsuite`) in its full mode; CI runs the same test in its short mode.
# Needs: a JDK 21+ (JAVA_HOME, else java on PATH, else the newest under /usr/lib/jvm), Maven with the project's
# dependencies fetched, PostgreSQL on 127.0.0.1:5432 (user
# postgres, trust), RabbitMQ on 127.0.0.1:5672 (guest/guest) and rabbitmqctl on PATH (as a user allowed to run it).
# Every process it starts is killed at the end (also when it fails or is interrupted); it signals no other process.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=full broker=true jar="" out="" keep=false

die() { echo "faults.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --short) mode=short; shift ;;
    --no-broker) broker=false; shift ;;
    --keep) keep=true; shift ;;
    --jar) jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --out) mkdir -p "$2"; out="$(cd "$2" && pwd)"; shift 2 ;;
    *) die "unknown option '$1' (see the comment at the top of this script)" ;;
  esac
done
[[ -z "$jar" || -f "$jar" ]] || die "--jar needs an Attune jar, got '$jar'"
command -v mvn >/dev/null 2>&1 || die "needs Maven on PATH"
# Maven runs with a JDK 21+: JAVA_HOME if good, else java on PATH, else the newest under /usr/lib/jvm
MIN_JAVA=21
# shellcheck source=java.sh
source "$here/java.sh"
JAVA="$(find_java)"
JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"
export JAVA_HOME
out="${out:-$root/bootstrap/target/faultsuite}"

args=(-B verify -pl bootstrap -am -Dtest=FaultSuiteEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false
      "-Dattune.faultsuite=$mode" "-Dattune.faultsuite.broker=$broker" "-Dattune.faultsuite.out=$out"
      "-Dattune.faultsuite.keep=$keep")
if [[ -n "$jar" ]]; then
  # a copy: the build this script runs packages bootstrap/target/attune.jar again after the test
  mkdir -p "$out" && cp "$jar" "$out/attune.jar"
  args+=("-Dattune.e2e.jar=$out/attune.jar")
fi
# offline when the dependencies are there already
[[ -d "${HOME}/.m2/repository/io/micronaut" ]] && args=(-o "${args[@]}")

echo "faults.sh: $mode run, report in $out/report.md" >&2
cd "$root"
status=0
mvn "${args[@]}" || status=$?
[[ -f "$out/report.md" ]] && cat "$out/report.md"
exit "$status"
