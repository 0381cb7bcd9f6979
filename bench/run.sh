#!/usr/bin/env bash
# Measures the homeserver against its baselines, side by side in one run, and prints one Markdown table of ratios
# (medians over alternated runs: baseline, then measured, repeated). Starts everything it measures on free loopback
# ports (a single-process homeserver, the bare Kestrel baseline, the local cluster) and stops it by PID, also on failure.
#
#   bench/run.sh [--pairs N] [--seconds S] [--connections C] [--only ROWS]
#       defaults: 5 pairs of 10 s, 64 connections, every row; ROWS is a comma list of
#       get, tls-get, put, put32, bigput, listing, events, cluster-get, cluster-put, memory, limits
#   bench/run.sh --smoke      1 pair of 1 s, small seeds (checks the harness still works; ./test.sh runs it)
#
# The table goes to stdout and to .artifacts/bench/latest.md; progress goes to stderr. A run with any error or non-2xx
# answer fails the bench rather than flattering it. bench/README.md says what each row measures and how.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
started_at=$SECONDS

all_rows="get,tls-get,put,put32,bigput,listing,events,cluster-get,cluster-put,memory,limits"
pairs=5 seconds=10 connections=64 only="" smoke=0
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
# Seeds: entries of the large and the small listed directory, active users for the memory row, the large PUT's size.
list_large=50000 list_small=1000 memory_users=5000 big_bytes=$((50 * 1024 * 1024)) big_puts=3
if [ "$smoke" -eq 1 ]; then
  pairs=1 seconds=1 connections=8
  list_large=200 list_small=100 memory_users=50 big_bytes=$((1024 * 1024)) big_puts=1
fi
for name in ${only//,/ }; do
  [[ ",$all_rows," == *",$name,"* ]] || { echo "unknown row in --only: $name (rows: $all_rows)" >&2; exit 2; }
done
for value in "$pairs" "$seconds" "$connections"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "--pairs, --seconds and --connections take positive integers" >&2; exit 2; }
done
[ "$connections" -ge 2 ] || { echo "--connections must be at least 2 (one per wrk thread)" >&2; exit 2; }

wants() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
wants_any() { local row; for row in "$@"; do wants "$row" && return 0; done; return 1; }
log() { printf '[bench +%ss] %s\n' "$((SECONDS - started_at))" "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt)"
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y wrk </dev/null >/dev/null 2>&1 \
    || { timeout 300 apt-get update </dev/null >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y wrk </dev/null >/dev/null 2>&1; } \
    || { log "wrk could not be installed"; exit 1; }
fi

work="$root/.artifacts/bench"
run="$work/run-$$"
mkdir -p "$run"
pids=()
cluster_dir=""
cleanup() {
  local rc=$? pid i
  trap - EXIT INT TERM
  if [ -n "$cluster_dir" ]; then
    timeout 120 scripts/cluster.sh stop --state-dir "$cluster_dir" </dev/null >>"$run/cluster-stop.log" 2>&1 || true
  fi
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    local alive=0
    for pid in "${pids[@]+"${pids[@]}"}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ "$rc" -eq 0 ]; then
    rm -rf "$run"
  else
    # Keep the logs of a failed run, not its data.
    rm -rf "$run/homeserver" "$run/baseline" "$run/cluster/azurite" "$run/cluster/redis"
    log "failed after $((SECONDS - started_at)) s; logs kept in $run"
    for f in "$run"/*.log "$run"/cluster/logs/*.log; do
      [ -s "$f" ] && { printf '==> %s <==\n' "$f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One build of the tool builds src/Gateway and src/Silo too (build-order references), into the same Release artifacts as
# scripts/cluster.sh, which ./test.sh's cluster suite has usually built already.
build="$root/.artifacts/cluster/build"
dll() { find "$build/bin/$1" -path '*release*' -name "$1.dll" -print -quit 2>/dev/null; }
# Even a build with nothing to do takes minutes when the machine is busy: skipped when no source is newer than the
# stamp this script leaves after a build that succeeded.
stamp="$build/bench-built.stamp"
built() {
  local name newest
  [ -f "$stamp" ] || return 1
  for name in PubkyCluster.Bench PubkyCluster.Gateway PubkyCluster.Silo; do [ -n "$(dll "$name")" ] || return 1; done
  newest="$(find src bench/Tool Directory.Build.props Directory.Packages.props global.json .editorconfig \
    \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit)"
  [ -z "$newest" ]
}
if built; then
  log "the Release build of bench/Tool, src/Gateway and src/Silo is up to date"
else
  log "building bench/Tool, src/Gateway and src/Silo (Release)"
  # Stamped with the time the build started, so a source saved during the build is built next time.
  mkdir -p "$build" && touch "$stamp.new"
  timeout 900 dotnet build bench/Tool/PubkyCluster.Bench.csproj -c Release --artifacts-path "$build" --nologo -v q -clp:ErrorsOnly \
    </dev/null >"$run/build.log" 2>&1 || { cat "$run/build.log" >&2; log "dotnet build bench/Tool failed"; exit 1; }
  mv "$stamp.new" "$stamp"
fi
gateway_dll="$(dll PubkyCluster.Gateway)"
bench_dll="$(dll PubkyCluster.Bench)"
tool() { timeout "$1" dotnet "$bench_dll" "${@:2}" </dev/null 2>>"$run/tool.log"; }
# The tool's progress goes to tool.log and, for the reader of a long run, to stderr as well.
tool_logged() { local t="$1"; shift; timeout "$t" dotnet "$bench_dll" "$@" </dev/null 2> >(tee -a "$run/tool.log" >&2); }

ready() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" 2>/dev/null | grep -q '^200$'; }
wait_ready() {
  local url="$1" pid="$2"
  for _ in $(seq 1 240); do
    ready "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { log "the process serving $url exited"; return 1; }
    sleep 0.25
  done
  log "$url did not answer within 60 s"
  return 1
}

# --- load: wrk -----------------------------------------------------------------------------------------------------
# wrk_to FILE DURATION CONNECTIONS THREADS ARGS...: one wrk run, its report in FILE. A request unanswered after
# $wrk_timeout seconds is a timeout, which wrk reports as a socket error.
wrk_timeout=10
wrk_to() {
  local file="$1" duration="$2" c="$3" t="$4"
  shift 4
  timeout $((duration + wrk_timeout + 60)) wrk -t"$t" -c"$c" -d"${duration}s" --timeout "${wrk_timeout}s" "$@" >"$file" 2>&1 \
    || { log "wrk failed: wrk $*"; cat "$file" >&2; return 1; }
}
# wrk_rate FILE DURATION: requests per second of a wrk report; any error or non-2xx answer fails the bench rather than
# flattering it. wrk counts only answers received before the end, so when the mean latency is a good part of the run's
# length the rate is understated: that is noted under the table.
wrk_rate() {
  if grep -qE 'Non-2xx|Socket errors' "$1"; then log "errors in a wrk run:"; cat "$1" >&2; return 1; fi
  awk '/^Requests\/sec:/ { print $2; found = 1 } END { exit !found }' "$1" || { log "no rate in:"; cat "$1" >&2; return 1; }
  awk -v d="$2" -v what="$current_row" '
    $1 == "Latency" { v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u)
      s = (u == "us") ? v / 1e6 : (u == "ms") ? v / 1e3 : (u == "s") ? v : (u == "m") ? v * 60 : v * 3600 }
    $1 == "Requests/sec:" { rate = $2 + 0 }
    END { if (what != "" && rate == 0) s = -1; if (what != "" && (s < 0 || s * 10 > d)) printf "%s\t%.3f\t%s\n", what, s, d }' \
    "$1" >>"$run/slow.txt"
}
# single DURATION ARGS...: requests per second against one server, C connections on 2 threads.
single() {
  local duration="$1"
  shift
  wrk_to "$run/wrk.out" "$duration" "$connections" 2 "$@" && wrk_rate "$run/wrk.out" "$duration"
}
# cluster DURATION USERS PATH ARGS...: half the connections against each gateway at once, one wrk thread each; the
# sum of both rates. USERS (may be empty) is the users file for bench/put.lua, given each gateway's own offset.
cluster() {
  local duration="$1" users="$2" path="$3" half=$((connections / 2)) i rc=0 total=0 rate
  shift 3
  # Seconds-long answers are what the cluster rows measured first; a minute is the limit past which one is an error.
  local wrk_timeout=60
  local -a wrk_pids=()
  for i in 1 2; do
    local -a extra=()
    [ -z "$users" ] || extra=(-- "$users" "$i")
    wrk_to "$run/wrk-$i.out" "$duration" "$half" 1 "$@" "${gateways[$i]}$path" "${extra[@]+"${extra[@]}"}" &
    wrk_pids+=("$!")
  done
  for i in 0 1; do wait "${wrk_pids[$i]}" || rc=1; done
  [ "$rc" -eq 0 ] || return 1
  settle
  for i in 1 2; do
    rate="$(wrk_rate "$run/wrk-$i.out" "$duration")" || return 1
    total="$(awk -v a="$total" -v b="$rate" 'BEGIN { print a + b }')"
  done
  echo "$total"
}
# wrk stops at the end of a run with requests still in flight; the cluster goes on serving them (seconds of work at
# its present speed), which would slow whatever runs next. Waits, at most 30 s, until the cluster's processes use less
# than a fifth of a core together.
settle() {
  local waited=0 before after
  before="$(cluster_cpu | awk '{ t += $2 } END { print t }')"
  while [ "$waited" -lt 30 ]; do
    sleep 1
    waited=$((waited + 1))
    after="$(cluster_cpu | awk '{ t += $2 } END { print t }')"
    [ $((after - before)) -lt $(($(getconf CLK_TCK) / 5)) ] && break
    before="$after"
  done
  [ "$waited" -le 1 ] || log "the cluster went on working for $waited s after the run"
}
# CPU time (user + system, in clock ticks) of every cluster process, "name ticks" per line.
cluster_cpu() {
  local proc
  for proc in "${cluster_procs[@]}"; do
    awk -v name="${proc%%=*}" '{ print name, $14 + $15 }' "/proc/${proc#*=}/stat" 2>/dev/null || echo "${proc%%=*} 0"
  done
}
# cpu_note WHAT BEFORE AFTER: each cluster process's share of the cluster's CPU time between two cluster_cpu snapshots,
# printed under the table: a ratio against the single process means little without knowing where the time went.
cpu_note() {
  notes+=("$1: $(awk 'NR == FNR { before[$1] = $2; next } { used[$1] = $2 - before[$1]; total += used[$1]; order[++n] = $1 }
    END { for (i = 1; i <= n; i++) printf "%s%s %.0f%%", (i > 1 ? ", " : ""), order[i], (total > 0 ? 100 * used[order[i]] / total : 0) }' \
    <(printf '%s\n' "$2") <(printf '%s\n' "$3"))")
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { printf '%s\n' "$@" | median; }

# --- the table -----------------------------------------------------------------------------------------------------
# Rows are printed in the order of issue 9's table, whatever order they were measured in.
declare -A rows=()
notes=()
num() { awk -v v="$1" -v d="${2:-0}" 'BEGIN {
  s = sprintf("%." d "f", v); split(s, p, "."); i = p[1]; neg = (i ~ /^-/); sub(/^-/, "", i); o = ""
  while (length(i) > 3) { o = "," substr(i, length(i) - 2) o; i = substr(i, 1, length(i) - 3) }
  printf "%s%s%s%s", (neg ? "-" : ""), i, o, (d > 0 ? "." p[2] : "") }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "–"), a / b }'; }
# row POSITION MEASURE MEASURED BASELINE RATIO GOAL
row() { rows[$1]="| $2 | $3 | $4 | $5 | $6 |"; log "row: $2: $3 against $4 (ratio $5)"; }

# Ports 8 to 14: the second single process of the limits row; 15: the first one's Pubky TLS port.
picked="$(node "$root/scripts/cluster/free-ports.mjs" 16)"
read -r -a ports <<<"$picked"
[ "${#ports[@]}" -eq 16 ] || { log "could not pick free ports"; exit 1; }
client=${ports[0]} baseline=${ports[7]} pubky_tls=${ports[15]}
home="http://127.0.0.1:$client"
bare="http://127.0.0.1:$baseline"

# --- the single process and the baseline ---------------------------------------------------------------------------
# homeserver NAME FIRST_PORT SETTINGS...: a single-process homeserver on ports[FIRST_PORT..FIRST_PORT+6], ready; its
# Pubky TLS listener is off unless SETTINGS turn it on (they come later, so they win).
homeserver() {
  local name="$1" p="$2"
  shift 2
  env Homeserver__Testnet=true Homeserver__DataDirectory="$run/$name" Listen__Address=127.0.0.1 \
    Listen__ClientPort="${ports[p]}" Listen__AdminPort="${ports[p + 1]}" Listen__MetricsPort="${ports[p + 2]}" \
    Listen__PkarrRelayPort="${ports[p + 3]}" Listen__HttpRelayPort="${ports[p + 4]}" Listen__SiloPort="${ports[p + 5]}" \
    Listen__SiloGatewayPort="${ports[p + 6]}" Listen__PubkyTlsPort=0 Pkarr__TestnetBootstrapPort=0 \
    Logging__LogLevel__Default=Warning "$@" DOTNET_ENVIRONMENT=Production dotnet "$gateway_dll" </dev/null >"$run/$name.log" 2>&1 &
  pids+=("$!")
  wait_ready "http://127.0.0.1:${ports[p]}/" "${pids[-1]}"
}
if wants_any get tls-get put put32 bigput listing events cluster-get cluster-put limits; then
  homeserver homeserver 0 Listen__PubkyTlsPort="$pubky_tls"
  dotnet "$bench_dll" baseline "$baseline" "$run/baseline" </dev/null >"$run/baseline.log" 2>&1 &
  pids+=("$!")
  wait_ready "$bare/file" "${pids[-1]}"
  user="$(tool 60 seed "$home")"
  # Warm both GET paths up (JIT, first grain activation) so the first measured run is not mostly start-up.
  for _ in $(seq 1 20); do
    curl -s -o /dev/null -m 10 "$bare/file" || true
    curl -s -o /dev/null -m 10 -H "pubky-host: $user" "$home/pub/bench/1k" || true
  done
fi

# Listing and events: one user with a large directory and one with a small one, stored once, outside the timed part.
if wants_any listing events; then
  log "seeding: $list_large entries for one user, $list_small for another"
  large_user="$(tool_logged 1800 fill "$home" "$list_large")"
  small_user="$(tool_logged 600 fill "$home" "$list_small")"
fi
if wants listing; then
  log "listing: ${pairs} pairs of ${seconds} s each"
  out="$(tool_logged $((pairs * seconds * 2 + 300)) listing "$home" "$large_user" "$list_large" "$small_user" "$list_small" "$pairs" "$seconds")"
  read -r large_ms small_ms <<<"$out"
  row 8 "listing \`?limit=100\`, $(num "$list_large") entries vs $(num "$list_small") (latency, single process)" \
    "$(num "$large_ms" 2) ms" "$(num "$list_small") entries: $(num "$small_ms" 2) ms" "$(ratio "$large_ms" "$small_ms")" \
    "≈ 1 (a page costs O(limit))"
fi
if wants events; then
  log "events: ${pairs} pairs of full scans"
  out="$(tool_logged $((pairs * 300 + 300)) events "$home" "$bare" "$pairs")"
  read -r events_total events_rate events_base events_first <<<"$out"
  notes+=("\`/events/\` scan: the measured scans are served from the gateway's cache of full pages (\`FeedCache\`); the first scan, read from the store, ran at $(num "$events_first") events/s")
  row 9 "\`/events/\` scan from cursor 0, pages of 1,000 ($(num "$events_total") events, single process)" \
    "$(num "$events_rate") events/s" "bare Kestrel, the same lines from memory: $(num "$events_base") events/s" \
    "$(ratio "$events_rate" "$events_base")" "≥ 200,000 events/s"
fi

if wants get; then
  current_row="GET 1 KiB, single process"
  home_runs=() base_runs=()
  for ((i = 1; i <= pairs; i++)); do
    r="$(single "$seconds" "$bare/file")"; base_runs+=("$r")
    r="$(single "$seconds" -H "pubky-host: $user" "$home/pub/bench/1k")"; home_runs+=("$r")
    log "GET pair $i: baseline ${base_runs[-1]} rps, homeserver ${home_runs[-1]} rps"
  done
  get_home="$(med "${home_runs[@]}")" get_base="$(med "${base_runs[@]}")"
  row 1 "public GET 1 KiB, single process" "$(num "$get_home") rps" "bare Kestrel, 1 KiB from memory: $(num "$get_base") rps" \
    "$(ratio "$get_home" "$get_base")" "–"
fi

if wants limits; then
  # The same single process with one rule that matches every measured GET and never trips (a million a second per
  # address), against the one above, whose default rules do not match GET /pub/ and so make no call.
  homeserver limited 8 RateLimits__Rules__0__Method=GET RateLimits__Rules__0__Path=/pub/** RateLimits__Rules__0__Quota=1000000r/s
  limited="http://127.0.0.1:${ports[8]}"
  limited_user="$(tool 60 seed "$limited")"
  for _ in $(seq 1 20); do curl -s -o /dev/null -m 10 -H "pubky-host: $limited_user" "$limited/pub/bench/1k" || true; done
  current_row="GET 1 KiB with and without a rate limit"
  free_runs=() limited_runs=()
  for ((i = 1; i <= pairs; i++)); do
    r="$(single "$seconds" -H "pubky-host: $user" "$home/pub/bench/1k")"; free_runs+=("$r")
    r="$(single "$seconds" -H "pubky-host: $limited_user" "$limited/pub/bench/1k")"; limited_runs+=("$r")
    log "limits pair $i: no rule ${free_runs[-1]} rps, a rule that never trips ${limited_runs[-1]} rps"
  done
  get_free="$(med "${free_runs[@]}")" get_limited="$(med "${limited_runs[@]}")"
  row 11 "public GET 1 KiB, single process, a rate limit on every GET that never trips" "$(num "$get_limited") rps" \
    "no rule matching: $(num "$get_free") rps" "$(ratio "$get_limited" "$get_free")" "≥ 0.8"
fi

# wrk cannot speak raw-public-key TLS: the tool's one client loop measures both sides, over BouncyCastle's TLS client
# (checking the testnet homeserver's key) and over plain TCP.
if wants tls-get; then
  log "tls-get: ${pairs} pairs of ${seconds} s, plain HTTP then Pubky TLS"
  out="$(tool_logged $((pairs * seconds * 2 + 120)) tlsget 127.0.0.1 "$client" "$pubky_tls" \
    8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo "$user" "$connections" "$seconds" "$pairs")"
  read -r tls_rps plain_rps <<<"$out"
  row 12 "public GET 1 KiB over Pubky TLS, single process ($connections connections, bench/Tool)" "$(num "$tls_rps") rps" \
    "the same GET over plain HTTP, same client: $(num "$plain_rps") rps" "$(ratio "$tls_rps" "$plain_rps")" "–"
fi

if wants_any put put32 cluster-put; then
  tool 120 users "$home" 1 "$run/users-1.txt" >/dev/null
  tool 120 users "$home" 32 "$run/users-32.txt" >/dev/null
fi
if wants_any put put32; then
  current_row="PUT 1 KiB, single process"
  # Untimed warm-up of the three paths; its errors count as much as a measured run's.
  current_row="" single 1 -s bench/put.lua "$bare/file" >/dev/null
  current_row="" single 1 -s bench/put.lua "$home/" -- "$run/users-1.txt" >/dev/null
  current_row="" single 1 -s bench/put.lua "$home/" -- "$run/users-32.txt" >/dev/null
  base_runs=() one_runs=() many_runs=()
  for ((i = 1; i <= pairs; i++)); do
    r="$(single "$seconds" -s bench/put.lua "$bare/file")"; base_runs+=("$r")
    r="$(single "$seconds" -s bench/put.lua "$home/" -- "$run/users-1.txt")"; one_runs+=("$r")
    r="$(single "$seconds" -s bench/put.lua "$home/" -- "$run/users-32.txt")"; many_runs+=("$r")
    log "PUT round $i: baseline ${base_runs[-1]} rps, 1 user ${one_runs[-1]} rps, 32 users ${many_runs[-1]} rps"
  done
  put_base="$(med "${base_runs[@]}")" put_one="$(med "${one_runs[@]}")" put_many="$(med "${many_runs[@]}")"
  if wants put; then
    row 2 "durable PUT 1 KiB, single process, 1 user" "$(num "$put_one") rps" \
      "bare Kestrel, body to a new file + fsync: $(num "$put_base") rps" "$(ratio "$put_one" "$put_base")" "–"
  fi
  if wants put32; then
    row 3 "PUT 1 KiB, single process, 32 users vs 1 user" "$(num "$put_many") rps" "1 user: $(num "$put_one") rps" \
      "$(ratio "$put_many" "$put_one")" "–"
  fi
fi

if wants bigput; then
  mib="$(awk -v b="$big_bytes" 'BEGIN { printf "%g", b / 1048576 }')"
  log "large PUT: ${pairs} pairs of $big_puts PUTs of $mib MiB"
  out="$(tool_logged $((pairs * big_puts * 120 + 300)) bigput "$home" "$bare" "$big_bytes" "$pairs" "$big_puts")"
  read -r big_home big_base <<<"$out"
  row 7 "$mib MiB PUT, single process (seconds per PUT, lower is better)" "$(num "$big_home" 3) s" \
    "bare Kestrel, body to a new file + fsync: $(num "$big_base" 3) s" "$(ratio "$big_home" "$big_base")" "–"
fi

# --- the local cluster: 2 silos, 2 gateways --------------------------------------------------------------------------
if wants_any cluster-get cluster-put; then
  cluster_dir="$run/cluster"
  log "starting the local cluster (scripts/cluster.sh start --silos 2 --gateways 2)"
  # scripts/cluster.sh picks every port before it starts anything; on a shared machine another process's outgoing
  # connection can take a gateway's port before the gateway binds it. One more start, with fresh ports, absorbs that.
  for attempt in 1 2; do
    if env PUBKY_CLUSTER_SILO_DLL="$(dll PubkyCluster.Silo)" PUBKY_CLUSTER_GATEWAY_DLL="$gateway_dll" \
      Logging__LogLevel__Default=Warning \
      timeout 900 scripts/cluster.sh start --state-dir "$cluster_dir" --silos 2 --gateways 2 --owner-pid $$ --timeout 180 \
      </dev/null >"$run/cluster-start-$attempt.log" 2>&1; then
      break
    fi
    grep -h 'address already in use' "$cluster_dir"/logs/*.log 2>/dev/null | head -n 1 >&2 || true
    [ "$attempt" -eq 1 ] || { cat "$run/cluster-start-$attempt.log" >&2; log "the cluster did not start"; exit 1; }
    cp -r "$cluster_dir/logs" "$run/cluster-logs-attempt-1" 2>/dev/null || true
    log "the cluster did not start (see $run/cluster-start-1.log); once more, with fresh ports"
  done
  # shellcheck disable=SC1091
  gateways=([1]="$(. "$cluster_dir/cluster.env" && echo "$CLUSTER_GATEWAY_1_URL")" [2]="$(. "$cluster_dir/cluster.env" && echo "$CLUSTER_GATEWAY_2_URL")")
  log "cluster ready: ${gateways[1]} ${gateways[2]}"
  read -r -a cluster_procs <<<"$(. "$cluster_dir/cluster.env" && echo "gateway-1=$CLUSTER_GATEWAY_1_PID gateway-2=$CLUSTER_GATEWAY_2_PID \
    silo-1=$CLUSTER_SILO_1_PID silo-2=$CLUSTER_SILO_2_PID azurite-blob=$CLUSTER_AZURITE_BLOB_PID \
    azurite-table=$CLUSTER_AZURITE_TABLE_PID redis=$CLUSTER_REDIS_PID")"
  cluster_user="$(tool 60 seed "${gateways[1]}")"
  tool 120 users "${gateways[1]}" 1 "$run/cluster-users-1.txt" >/dev/null
  tool 120 users "${gateways[1]}" 32 "$run/cluster-users-32.txt" >/dev/null
fi
if wants cluster-get; then
  current_row="GET 1 KiB, cluster and single process"
  # A fresh cluster answers in seconds at first and gets faster for a while (JIT tiers, first activations): each
  # cluster load is warmed up for as long as a measured run.
  current_row="" cluster "$seconds" "" /pub/bench/1k -H "pubky-host: $cluster_user" >/dev/null
  single_runs=() cluster_runs=()
  cpu_before="$(cluster_cpu)"
  for ((i = 1; i <= pairs; i++)); do
    r="$(single "$seconds" -H "pubky-host: $user" "$home/pub/bench/1k")"; single_runs+=("$r")
    r="$(cluster "$seconds" "" /pub/bench/1k -H "pubky-host: $cluster_user")"; cluster_runs+=("$r")
    log "cluster GET pair $i: single process ${single_runs[-1]} rps, cluster ${cluster_runs[-1]} rps"
  done
  cpu_note "cluster CPU during the GET row" "$cpu_before" "$(cluster_cpu)"
  cget_single="$(med "${single_runs[@]}")" cget_cluster="$(med "${cluster_runs[@]}")"
  row 4 "GET 1 KiB through both gateways of the local cluster (2 silos, 2 gateways)" "$(num "$cget_cluster") rps" \
    "single process GET: $(num "$cget_single") rps" "$(ratio "$cget_cluster" "$cget_single")" "–"
fi
if wants cluster-put; then
  current_row="PUT 1 KiB, cluster and single process"
  current_row="" cluster "$seconds" "$run/cluster-users-32.txt" / -s bench/put.lua >/dev/null
  current_row="" cluster "$seconds" "$run/cluster-users-1.txt" / -s bench/put.lua >/dev/null
  single_runs=() many_runs=() one_runs=()
  cpu_before="$(cluster_cpu)"
  for ((i = 1; i <= pairs; i++)); do
    r="$(single "$seconds" -s bench/put.lua "$home/" -- "$run/users-32.txt")"; single_runs+=("$r")
    r="$(cluster "$seconds" "$run/cluster-users-32.txt" / -s bench/put.lua)"; many_runs+=("$r")
    r="$(cluster "$seconds" "$run/cluster-users-1.txt" / -s bench/put.lua)"; one_runs+=("$r")
    log "cluster PUT round $i: single process 32 users ${single_runs[-1]} rps, cluster 32 users ${many_runs[-1]} rps, cluster 1 user ${one_runs[-1]} rps"
  done
  cpu_note "cluster CPU during the PUT rows" "$cpu_before" "$(cluster_cpu)"
  cput_single="$(med "${single_runs[@]}")" cput_many="$(med "${many_runs[@]}")" cput_one="$(med "${one_runs[@]}")"
  row 5 "PUT 1 KiB through both gateways of the local cluster, 32 users" "$(num "$cput_many") rps" \
    "single process, 32 users: $(num "$cput_single") rps" "$(ratio "$cput_many" "$cput_single")" "–"
  row 6 "PUT 1 KiB through the local cluster, 32 users vs 1 user" "$(num "$cput_many") rps" \
    "cluster, 1 user: $(num "$cput_one") rps" "$(ratio "$cput_many" "$cput_one")" "–"
fi
if [ -n "$cluster_dir" ]; then
  timeout 120 scripts/cluster.sh stop --state-dir "$cluster_dir" </dev/null >>"$run/cluster-stop.log" 2>&1 || true
  cluster_dir=""
fi

if wants memory; then
  log "memory: $memory_users active user grains in a homeserver hosted by the tool"
  out="$(tool_logged 1200 memory "$memory_users")"
  read -r per_user active <<<"$out"
  row 10 "managed heap per active user grain, $(num "$active") users active (after a full GC)" "$(num "$per_user") bytes" \
    "–" "–" "≤ 8 KB (8,192 bytes)"
fi

# --- report ----------------------------------------------------------------------------------------------------------
mkdir -p "$work"
{
  printf '| Measure | Measured | Baseline in the same run | Ratio | Goal |\n|---|---|---|---|---|\n'
  for position in $(printf '%s\n' "${!rows[@]}" | sort -n); do printf '%s\n' "${rows[$position]}"; done
  # One note per row whose measured runs (warm-ups leave current_row empty) were slow for their length: the slowest.
  if [ -s "$run/slow.txt" ]; then
    while IFS= read -r note; do notes+=("$note"); done < <(awk -F '\t' '
      !($1 in worst) { order[++n] = $1; worst[$1] = $2; length_of[$1] = $3; none[$1] = 0 }
      $2 < 0 { none[$1] = 1 }
      $2 > worst[$1] { worst[$1] = $2 }
      END { for (i = 1; i <= n; i++) { r = order[i]
        printf "%s: %s in runs of %s s; answers still due at the end of a run are not counted, so the rate is understated\n", r,
          (none[r] ? "a run without a single answer" (worst[r] > 0 ? sprintf(", a mean latency of up to %.2f s", worst[r]) : "") : sprintf("a mean latency of up to %.2f s", worst[r])), length_of[r] } }' "$run/slow.txt")
  fi
  [ "${#notes[@]}" -eq 0 ] || printf '\n'
  for note in "${notes[@]+"${notes[@]}"}"; do printf -- '- %s\n' "$note"; done
  printf '\n%s: %s pairs of %s s, %s connections (wrk, 2 threads), on %s (%s cores); %s s in all\n' \
    "$(date -u +%Y-%m-%d)" "$pairs" "$seconds" "$connections" "$(uname -m)" "$(nproc)" "$((SECONDS - started_at))"
} | tee "$work/latest.md"
