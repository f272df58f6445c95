#!/usr/bin/env bash
# Same-run baseline: runs an earlier Attune jar and the current one alternately, each on a fresh database, with the
# load driver's cost sampling, and prints each figure for both and the ratio current/baseline (median over rounds)
# as one markdown table.
#
#   benchmarks/compare.sh --baseline old/attune.jar --current bootstrap/target/attune.jar \
#       [--scenarios a,w,a-steady:60,b,c-shell:10000,c-noop:10000,floor] [--rounds 2] [--count 2000] [--rate 200]
#       [--threads N] [--warmup 1000] [--driver benchmarks/target/benchmarks.jar] [--out DIR] [--ports BASELINE,CURRENT]
#       [--cds]
#
# Scenarios are the load driver's (a, a-steady, b, b-steady, c-shell, c-noop, w, w-steady), each optionally with
# ":N": the number of requests of a burst (default --count), or the seconds of a steady run at --rate per second
# (default 30 s at 200/s). --threads sets the client threads of every burst (default: the driver's, 8, and 1 for
# c-shell, whose single sender gives a total request order but caps it at one request per POST round trip). "floor" is no server scenario: once per round, before the servers, it measures how many
# `echo hi` subprocesses the machine spawns per second from a JVM (SpawnFloor: sh -c, bash -c, and bash -c under
# Attune's supervisor wrapping), and the table then gives b's executions/s as a share of the bash -c floor.
# Startup is always measured: per round and jar, the first start on the fresh database (migrations included,
# startup_fresh_ms) and a restart on the migrated one (startup_ms), each from the process's launch to the first
# 200 of /health/readiness (polled every 50 ms), on the external PostgreSQL and RabbitMQ.
#
# Needs: a JDK 21+ (JAVA_HOME, else java on PATH, else the newest under /usr/lib/jvm), PostgreSQL on 127.0.0.1:5432
# (user postgres, trust: createdb/dropdb/psql), RabbitMQ on 127.0.0.1:5672 (guest/guest, rabbitmqctl), ss, and read
# access to /proc of the postgres and rabbitmq processes (run as root, or cpu_ms_postgres/broker read 0).
# Round r runs baseline then current when r is odd, current then baseline when r is even (ABBA), so a drift in the
# machine's load hits both alike. Each server start gets a warm-up run per scenario (--warmup requests, or a tenth
# of a steady run's length at its rate; discarded). The servers run with the JVM's default flags (default heap).
# --cds starts both jars as ./attune start does, with application class-data sharing (an archive per jar in DIR,
# written when the first start of a round ends). The servers listen on 18181 (baseline) and 18182 (current) unless --ports says otherwise: two comparisons at once on
# one machine need different ports. Figures land in DIR/results.tsv (one row per run and figure), the driver's reports
# in DIR/*.txt, the table in DIR/table.md (every figure in DIR/table-full.md). A FIFO violation in c-shell or c-noop (the driver's exit status 2) is
# recorded (fifo_ok 0) and shouted, and the comparison goes on; any other failure stops it.
# After each run it stops the server, drops its database and deletes its AMQP namespace's queues and exchanges.
set -euo pipefail

MIN_JAVA=21
baseline="" current="" scenarios="a,w" rounds=2 count=2000 warmup=1000 ports="18181,18182" rate=200 threads="" cds=false
here="$(cd "$(dirname "$0")" && pwd)"
driver="$here/target/benchmarks.jar"
out=""

die() { echo "compare.sh: $*" >&2; exit 1; }
say() { echo "compare.sh: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --current) current="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --driver) driver="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --ports) ports="$2"; shift 2 ;;
    --cds) cds=true; shift ;;
    *) die "unknown option '$1' (see the comment at the top of this script)" ;;
  esac
done
[[ -f "$baseline" ]] || die "--baseline needs an Attune jar, got '${baseline}'"
[[ -f "$current" ]] || die "--current needs an Attune jar, got '${current}'"
[[ -f "$driver" ]] || die "no load driver at $driver: mvn -o -q -DskipTests package -pl benchmarks -am"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive whole number, got '$rounds'"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || die "--count needs a positive whole number, got '$count'"
[[ "$rate" =~ ^[1-9][0-9]*$ ]] || die "--rate needs a positive whole number, got '$rate'"
[[ -z "$threads" || "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads needs a positive whole number, got '$threads'"
IFS=',' read -ra list <<<"$(sed -E 's/(^|,)c(:|,|$)/\1c-shell\2/g' <<<"$scenarios")"   # c: the earlier name of c-shell
for spec in "${list[@]}"; do
  [[ "$spec" =~ ^(a|a-steady|b|b-steady|c|c-shell|c-noop|w|w-steady)(:[1-9][0-9]*)?$ || "$spec" == floor ]] \
    || die "--scenarios: '$spec' is not a scenario (a, a-steady, b, b-steady, c-shell, c-noop, w, w-steady, optionally :N; floor)"
done
[[ "$ports" =~ ^[0-9]+,[0-9]+$ ]] || die "--ports needs two port numbers, BASELINE,CURRENT, got '$ports'"
baseline_port="${ports%,*}" current_port="${ports#*,}"
for port in "$baseline_port" "$current_port"; do
  ! curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 || die "port $port is taken by a running server: use --ports"
done
out="${out:-$(mktemp -d /tmp/attune-compare.XXXXXX)}"
mkdir -p "$out"

# shellcheck source=java.sh
source "$here/java.sh"
JAVA="$(find_java)"
say "java: $JAVA ($(java_version "$JAVA")); results in $out"

export ATTUNE_ADMIN_PASSWORD="${ATTUNE_ADMIN_PASSWORD:-compare-password}"
server_pid="" database="" data_dir="" namespace=""

# Deletes the queues and exchanges of the namespace the stopped server declared (vhost /), so runs leave no litter.
drop_namespace() {
  local name
  for name in $(rabbitmqctl list_queues name -q --no-table-headers 2>/dev/null | grep -E "^${namespace}(\.|$)"); do
    rabbitmqctl delete_queue -q "$name" >/dev/null 2>&1 || say "could not delete queue $name"
  done
  for name in $(rabbitmqctl list_exchanges name -q --no-table-headers 2>/dev/null | grep -E "^${namespace}(\.|$)"); do
    rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$name\">>), false, <<\"compare.sh\">>)." \
      >/dev/null 2>&1 || say "could not delete exchange $name"
  done
}

stop_process() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$server_pid" 2>/dev/null && kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

stop_server() {
  stop_process
  if [[ -n "$database" ]]; then dropdb -h 127.0.0.1 -U postgres --if-exists "$database"; database=""; fi
  if [[ -n "$data_dir" ]]; then rm -rf "$data_dir"; data_dir=""; fi
  if [[ -n "$namespace" ]]; then drop_namespace; namespace=""; fi
}
trap stop_server EXIT

# record LABEL ROUND SCENARIO FIGURE VALUE: one row of results.tsv.
record() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-n/a}" >>"$out/results.tsv"
}

# start_server LABEL JAR PORT ROUND WHICH: starts the jar on the run's database and namespace and waits until
# /health/readiness answers 200; startup_ms is the time from the launch to that answer.
start_server() {
  local label="$1" jar="$2" port="$3" round="$4" which="$5" started now jvm_flags=()
  # --cds: what ./attune start does (application class-data sharing); the archive is written when the first start
  # ends, so the restart uses it
  if [[ "$cds" == true ]]; then
    jvm_flags=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$out/$label.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  started="$(date +%s%N)"
  ATTUNE_ACCESS_TOKEN_LIFETIME=2h ATTUNE_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  ATTUNE_DATABASE_USER=postgres ATTUNE_AMQP_URL=amqp://guest:guest@127.0.0.1:5672 \
  ATTUNE_AMQP_NAMESPACE="$namespace" ATTUNE_DATA_DIR="$data_dir" ATTUNE_HTTP_PORT="$port" \
    "$JAVA" "${jvm_flags[@]}" -jar "$jar" >"$out/server-$label-$round-$which.log" 2>&1 &
  server_pid=$!
  while :; do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/readiness" 2>/dev/null; then break; fi
    kill -0 "$server_pid" 2>/dev/null || die "the $label server ended at start: $out/server-$label-$round-$which.log"
    now="$(date +%s%N)"
    (( (now - started) / 1000000 < 120000 )) || die "the $label server is not ready after 120 s"
    sleep 0.05
  done
  now="$(date +%s%N)"
  startup_ms=$(( (now - started) / 1000000 ))
}

# run_one LABEL JAR PORT ROUND: a fresh database and server, a warm-up and a measured run per scenario.
run_one() {
  local label="$1" jar="$2" port="$3" round="$4" scenario
  database="attune_cmp_${label}_$$_${round}"
  namespace="cmp_${label}_$$"
  data_dir="$(mktemp -d /tmp/attune-compare-data.XXXXXX)"
  createdb -h 127.0.0.1 -U postgres "$database"
  url="http://127.0.0.1:$port"
  start_server "$label" "$jar" "$port" "$round" fresh
  record "$label" "$round" startup startup_fresh_ms "$startup_ms"
  stop_process
  start_server "$label" "$jar" "$port" "$round" restart
  record "$label" "$round" startup startup_ms "$startup_ms"
  say "round $round: $label ($jar) on $url, database $database, pid $server_pid; ready after $startup_ms ms"
  local spec n args warm rc
  for spec in "${list[@]}"; do
    [[ "$spec" == floor ]] && continue
    scenario="${spec%%:*}"; n="${spec#*:}"; [[ "$n" == "$spec" ]] && n=""
    if [[ "$scenario" == *-steady ]]; then
      n="${n:-30}"; args=(--rate "$rate" --duration "$n"); warm=(--rate "$rate" --duration $(( n / 10 > 5 ? n / 10 : 5 )))
    else
      args=(--count "${n:-$count}"); warm=(--count "$warmup")
      if [[ -n "$threads" ]]; then args+=(--threads "$threads"); warm+=(--threads "$threads"); fi
    fi
    "$JAVA" -cp "$driver" io.attune.benchmarks.LoadDriver --url "$url" --scenario "$scenario" "${warm[@]}" \
      >"$out/warmup-$label-$round-$scenario.txt" 2>&1 || die "warm-up $scenario failed on $label: $out/warmup-$label-$round-$scenario.txt"
    rc=0
    "$JAVA" -cp "$driver" io.attune.benchmarks.LoadDriver --url "$url" --scenario "$scenario" "${args[@]}" \
      --cost-db "$database" --attune-pid "$server_pid" \
      >"$out/run-$label-$round-$scenario.txt" 2>"$out/run-$label-$round-$scenario.err" || rc=$?
    if [[ "$scenario" == c* ]]; then
      if (( rc == 2 )); then
        say "*** FIFO VIOLATED: $scenario on $label, round $round: $out/run-$label-$round-$scenario.txt ***"
        record "$label" "$round" "$scenario" fifo_ok 0
      elif (( rc == 0 )); then
        record "$label" "$round" "$scenario" fifo_ok 1
      fi
    fi
    (( rc == 0 || rc == 2 )) || die "$scenario failed on $label: $out/run-$label-$round-$scenario.txt (.err)"
    grep '^metrics' "$out/run-$label-$round-$scenario.txt" | sed 's/^metrics *//' | tr ' ' '\n' \
      | awk -F= -v l="$label" -v r="$round" -v s="$scenario" 'NF == 2 {print l "\t" r "\t" s "\t" $1 "\t" $2}' \
      >>"$out/results.tsv"
    record "$label" "$round" "$scenario" load_1min \
      "$(sed -n 's/^load average *\([0-9.]*\) .*(before)$/\1/p' "$out/run-$label-$round-$scenario.txt")"
    grep 'load average' "$out/run-$label-$round-$scenario.txt" | sed "s/^/  $label $scenario: /" >&2
  done
  stop_server
}

: >"$out/results.tsv"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# floor ROUND: the subprocess floor of core.local on this machine now, with no server running.
floor() {
  local variant
  for variant in sh bash supervised; do
    "$JAVA" -cp "$driver" io.attune.benchmarks.SpawnFloor --variant "$variant" --threads 16 --seconds 10 \
      >"$out/floor-$1-$variant.txt" 2>&1 || die "the subprocess floor ($variant) failed: $out/floor-$1-$variant.txt"
    record floor "$1" floor "spawns_per_s_$variant" \
      "$(sed -n 's/^metrics *spawns_per_s=//p' "$out/floor-$1-$variant.txt")"
  done
  say "round $1: subprocess floor $(for variant in sh bash supervised; do grep -h '^spawned' "$out/floor-$1-$variant.txt" \
    | sed "s/.*= /$variant /"; done | paste -sd' ')"
}

for round in $(seq 1 "$rounds"); do
  [[ ",$scenarios," == *,floor,* ]] && floor "$round"
  if (( round % 2 == 1 )); then
    run_one baseline "$baseline" "$baseline_port" "$round"; run_one current "$current" "$current_port" "$round"
  else
    run_one current "$current" "$current_port" "$round"; run_one baseline "$baseline" "$baseline_port" "$round"
  fi
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table: per scenario and figure, the median over rounds for each jar, current / baseline, and the rounds' values
# (baseline rounds / current rounds, in round order). The floor (one value per round, no jar) shows in both columns,
# and b's throughput is also given as a share of the bash -c floor. DIR/table-full.md has every figure; the table
# printed (DIR/table.md) the figures the issue's targets name, followed by the targets met or not on the current jar.
table() {
  awk -F'\t' -v brief="$1" '
    BEGIN {
      n_keep = split("spawns_per_s_sh spawns_per_s_bash spawns_per_s_supervised startup_ms startup_fresh_ms " \
        "throughput total_p50_ms total_p99_ms event_p99_ms post_p99_ms sent_late cpu_ms_attune cpu_ms_postgres " \
        "cpu_ms_broker cpu_ms_total commits rows_written amqp_kb_in rss_max_mb heap_mb fifo_ok " \
        "fifo_admission_violations fifo_definite_violations start_inversions load_1min", list, " ");
      for (i = 1; i <= n_keep; i++) keep[list[i]] = 1
    }
    { key = $3 SUBSEP $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      if ($5 != "n/a" && $5 != "") { v[$1, key, ++c[$1, key]] = $5 }
      rounds[$1, key] = (($1, key) in rounds ? rounds[$1, key] ", " : "") $5 }
    function median(label, key,   k, i, j, t, a) {
      k = c[label, key]; if (k == 0) return "";
      for (i = 1; i <= k; i++) a[i] = v[label, key, i];
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (k % 2) ? a[(k + 1) / 2] + 0 : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    function row(scenario, figure, b, cur, detail,   ratio) {
      ratio = (b != "" && cur != "" && b + 0 != 0) ? sprintf("%.2f", cur / b) : "n/a";
      printf "| %s | %s | %s | %s | %s | %s |\n", scenario, figure, (b == "" ? "n/a" : b), (cur == "" ? "n/a" : cur), ratio, detail
    }
    function m(label, scenario, figure) { return median(label, scenario SUBSEP figure) }
    # target NAME VALUE OK: one line of the targets list; VALUE empty when the scenario was not run
    function target(name, value, ok) {
      printf "- %s: %s\n", name, (value == "" ? "not measured" : value (ok ? ": met" : ": NOT met"))
    }
    function vs(label, scenario, figure,   b, cur) {
      b = m("baseline", scenario, figure); cur = m("current", scenario, figure);
      return (b == "" || cur == "" || b + 0 == 0) ? "" : cur / b
    }
    END {
      printf "| scenario | figure | baseline | current | current/baseline | rounds (baseline / current) |\n";
      printf "|---|---|---:|---:|---:|---|\n";
      for (i = 1; i <= n; i++) {
        split(order[i], p, SUBSEP);
        if (brief && !(p[2] in keep)) continue;
        if (p[1] == "floor") { f = median("floor", order[i]); row("floor", p[2], f, f, rounds["floor", order[i]]); continue }
        row(p[1], p[2], median("baseline", order[i]), median("current", order[i]),
            rounds["baseline", order[i]] " / " rounds["current", order[i]])
      }
      floorKey = "floor" SUBSEP "spawns_per_s_bash"; bKey = "b" SUBSEP "throughput";
      if (c["floor", floorKey] > 0 && (c["baseline", bKey] > 0 || c["current", bKey] > 0)) {
        f = median("floor", floorKey); b = median("baseline", bKey); cur = median("current", bKey);
        row("b", "share of the bash -c floor", (b == "" ? "" : sprintf("%.2f", b / f)),
            (cur == "" ? "" : sprintf("%.2f", cur / f)), "throughput / spawns_per_s_bash")
      }
      if (!brief) exit
      printf "\nAgainst the targets (issue 12, section 4), current jar, medians over rounds:\n";
      w = m("current", "w", "cpu_ms_total"); r = vs("current", "w", "cpu_ms_total");
      target("w: <= 1.0 CPU ms per execution (attune + postgres + broker) and <= 1/3 of the baseline",
        (w == "" ? "" : sprintf("%.2f ms, %.2f of the baseline", w, r)), w != "" && w <= 1.0 && r != "" && r <= 0.3334);
      w = m("current", "w", "throughput");
      target("w: >= 1500 executions/s", (w == "" ? "" : sprintf("%.0f/s", w)), w != "" && w >= 1500);
      a = m("current", "a", "cpu_ms_total");
      target("a: <= 0.8 CPU ms per execution", (a == "" ? "" : sprintf("%.2f ms", a)), a != "" && a <= 0.8);
      a = m("current", "a-steady", "total_p99_ms"); late = m("current", "a-steady", "sent_late");
      target("a-steady: p99 < 20 ms (created to finished) at the steady rate",
        (a == "" ? "" : sprintf("p99 %.1f ms, POST p99 %.1f ms, %d requests sent > 10 ms late", a,
          m("current", "a-steady", "post_p99_ms"), late)), a != "" && a < 20);
      r = vs("current", "b", "throughput");
      target("b (core.local echo hi): >= 2x the baseline executions/s",
        (r == "" ? "" : sprintf("%.2fx (%.0f/s against %.0f/s)", r, m("current", "b", "throughput"),
          m("baseline", "b", "throughput"))), r != "" && r >= 2);
      split("c-shell 600 c-noop 1500", cs, " ");
      for (k = 1; k <= 3; k += 2) {
        s = cs[k]; cur = m("current", s, "throughput"); r = vs("current", s, "throughput");
        fifo = (c["current", s SUBSEP "fifo_ok"] > 0 && m("current", s, "fifo_ok") == 1);
        target(s ": strict FIFO under a limit of 5, >= 3x the baseline and >= " cs[k + 1] "/s",
          (cur == "" ? "" : sprintf("%s, %.0f/s, %.2fx the baseline", (fifo ? "FIFO held" : "FIFO VIOLATED"), cur, r)),
          cur != "" && fifo && r != "" && r >= 3 && cur >= cs[k + 1] + 0)
      }
      rss = ""; for (i = 1; i <= n; i++) { split(order[i], p, SUBSEP);
        if (p[2] == "rss_max_mb") { x = median("current", order[i]); if (x != "" && (rss == "" || x > rss + 0)) rss = x } }
      target("memory: highest RSS sampled under load (default heap) < 600 MB",
        (rss == "" ? "" : sprintf("%.0f MB, the highest over all scenarios (a-steady: %s MB)", rss,
          (m("current", "a-steady", "rss_max_mb") == "" ? "not run" : m("current", "a-steady", "rss_max_mb")))), rss != "" && rss < 600);
      x = m("current", "startup", "startup_ms"); y = m("baseline", "startup", "startup_ms");
      target("startup on external services < 3 s (launch to /health/readiness UP, migrated database)",
        (x == "" ? "" : sprintf("%.2f s (baseline %.2f s; fresh database %.2f s)", x / 1000, y / 1000,
          m("current", "startup", "startup_fresh_ms") / 1000)), x != "" && x < 3000)
    }' "$out/results.tsv"
}
table 0 >"$out/table-full.md"
table 1 | tee "$out/table.md"
