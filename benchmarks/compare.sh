#!/usr/bin/env bash
# Same-run baseline: runs an earlier Attune jar and the current one alternately, each on a fresh database, with the
# load driver's cost sampling, and prints each figure for both and the ratio current/baseline (median over rounds).
#
#   benchmarks/compare.sh --baseline old/attune.jar --current bootstrap/target/attune.jar \
#       [--scenarios a,w] [--rounds 2] [--count 2000] [--warmup 1000] [--driver benchmarks/target/benchmarks.jar]
#       [--out DIR] [--ports BASELINE,CURRENT]
#
# Needs: a JDK 21+ (JAVA_HOME, else java on PATH, else the newest under /usr/lib/jvm), PostgreSQL on 127.0.0.1:5432
# (user postgres, trust: createdb/dropdb/psql), RabbitMQ on 127.0.0.1:5672 (guest/guest, rabbitmqctl), ss, and read
# access to /proc of the postgres and rabbitmq processes (run as root, or cpu_ms_postgres/broker read 0).
# Round r runs baseline then current when r is odd, current then baseline when r is even (ABBA), so a drift in the
# machine's load hits both alike. Each server start gets a warm-up run per scenario (--warmup requests, discarded).
# The servers listen on 18181 (baseline) and 18182 (current) unless --ports says otherwise: two comparisons at once on
# one machine need different ports. Figures land in DIR/results.tsv (one row per run and figure), the driver's reports in DIR/*.txt.
# After each run it stops the server, drops its database and deletes its AMQP namespace's queues and exchanges.
set -euo pipefail

MIN_JAVA=21
baseline="" current="" scenarios="a,w" rounds=2 count=2000 warmup=1000 ports="18181,18182"
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
    --warmup) warmup="$2"; shift 2 ;;
    --driver) driver="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --ports) ports="$2"; shift 2 ;;
    *) die "unknown option '$1' (see the comment at the top of this script)" ;;
  esac
done
[[ -f "$baseline" ]] || die "--baseline needs an Attune jar, got '${baseline}'"
[[ -f "$current" ]] || die "--current needs an Attune jar, got '${current}'"
[[ -f "$driver" ]] || die "no load driver at $driver: mvn -o -q -DskipTests package -pl benchmarks -am"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive whole number, got '$rounds'"
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

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$server_pid" 2>/dev/null && kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [[ -n "$database" ]]; then dropdb -h 127.0.0.1 -U postgres --if-exists "$database"; database=""; fi
  if [[ -n "$data_dir" ]]; then rm -rf "$data_dir"; data_dir=""; fi
  if [[ -n "$namespace" ]]; then drop_namespace; namespace=""; fi
}
trap stop_server EXIT

# run_one LABEL JAR PORT ROUND: a fresh database and server, a warm-up and a measured run per scenario.
run_one() {
  local label="$1" jar="$2" port="$3" round="$4" scenario url
  database="attune_cmp_${label}_$$_${round}"
  namespace="cmp_${label}_$$"
  data_dir="$(mktemp -d /tmp/attune-compare-data.XXXXXX)"
  createdb -h 127.0.0.1 -U postgres "$database"
  url="http://127.0.0.1:$port"
  ATTUNE_ACCESS_TOKEN_LIFETIME=2h ATTUNE_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  ATTUNE_DATABASE_USER=postgres ATTUNE_AMQP_URL=amqp://guest:guest@127.0.0.1:5672 \
  ATTUNE_AMQP_NAMESPACE="$namespace" ATTUNE_DATA_DIR="$data_dir" ATTUNE_HTTP_PORT="$port" \
    "$JAVA" -jar "$jar" >"$out/server-$label-$round.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$url/health" >/dev/null 2>&1; then break; fi
    kill -0 "$server_pid" 2>/dev/null || die "the $label server ended at start: $out/server-$label-$round.log"
    sleep 0.5
  done
  curl -fsS "$url/health" >/dev/null || die "the $label server is not healthy after 120 s"
  say "round $round: $label ($jar) on $url, database $database, pid $server_pid"
  IFS=',' read -ra list <<<"$scenarios"
  for scenario in "${list[@]}"; do
    "$JAVA" -cp "$driver" io.attune.benchmarks.LoadDriver --url "$url" --scenario "$scenario" --count "$warmup" \
      >"$out/warmup-$label-$round-$scenario.txt" 2>&1 || die "warm-up $scenario failed on $label"
    "$JAVA" -cp "$driver" io.attune.benchmarks.LoadDriver --url "$url" --scenario "$scenario" --count "$count" \
      --cost-db "$database" --attune-pid "$server_pid" \
      >"$out/run-$label-$round-$scenario.txt" 2>"$out/run-$label-$round-$scenario.err" \
      || die "$scenario failed on $label: $out/run-$label-$round-$scenario.txt"
    grep '^metrics' "$out/run-$label-$round-$scenario.txt" | sed 's/^metrics *//' | tr ' ' '\n' \
      | awk -F= -v l="$label" -v r="$round" -v s="$scenario" '{print l "\t" r "\t" s "\t" $1 "\t" $2}' \
      >>"$out/results.tsv"
    grep 'load average' "$out/run-$label-$round-$scenario.txt" | sed "s/^/  $label $scenario: /" >&2
  done
  stop_server
}

: >"$out/results.tsv"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then
    run_one baseline "$baseline" "$baseline_port" "$round"; run_one current "$current" "$current_port" "$round"
  else
    run_one current "$current" "$current_port" "$round"; run_one baseline "$baseline" "$baseline_port" "$round"
  fi
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table: per scenario and figure, the median over rounds for each jar, and current / baseline.
awk -F'\t' '
  { key = $3 SUBSEP $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    if ($5 != "n/a") { v[$1, key, ++c[$1, key]] = $5 } }
  function median(label, key,   k, i, j, t, a) {
    k = c[label, key]; if (k == 0) return "";
    for (i = 1; i <= k; i++) a[i] = v[label, key, i];
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    printf "| scenario | figure | baseline | current | current/baseline |\n|---|---|---:|---:|---:|\n";
    for (i = 1; i <= n; i++) {
      split(order[i], p, SUBSEP); b = median("baseline", order[i]); cur = median("current", order[i]);
      ratio = (b != "" && cur != "" && b + 0 != 0) ? sprintf("%.2f", cur / b) : "n/a";
      printf "| %s | %s | %s | %s | %s |\n", p[1], p[2], (b == "" ? "n/a" : b), (cur == "" ? "n/a" : cur), ratio
    }
  }' "$out/results.tsv"
