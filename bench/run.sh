#!/usr/bin/env bash
# Measures the homeserver against its baselines, side by side in one run, and prints a table of ratios (medians over
# alternated pairs). Starts everything it measures on free loopback ports and stops it by PID, also on failure.
#
#   bench/run.sh [--pairs N] [--seconds S] [--connections C]     defaults: 5 pairs of 10 s, 64 connections
#   bench/run.sh --smoke                                         1 pair of 1 s: checks the harness still works
#
# Measures so far (bench/README.md lists what issue 9 still asks for):
#   public GET 1 KiB, single process   ÷  bare Kestrel serving 1 KiB from memory
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

pairs=5 seconds=10 connections=64
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --smoke) pairs=1 seconds=1 connections=8; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

log() { printf '[bench] %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1; } \
    || { log "wrk could not be installed"; exit 1; }
fi

work="$root/.artifacts/bench"
run="$work/run-$$"
mkdir -p "$run"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$run"
}
trap cleanup EXIT

log "building src/Gateway and bench/Tool (Release)"
for project in src/Gateway/PubkyCluster.Gateway.csproj bench/Tool/PubkyCluster.Bench.csproj; do
  timeout 900 dotnet build "$project" -c Release --artifacts-path "$work/build" --nologo -v q -clp:ErrorsOnly </dev/null >/dev/null
done
gateway_dll="$(find "$work/build/bin/PubkyCluster.Gateway" -name PubkyCluster.Gateway.dll -print -quit)"
bench_dll="$(find "$work/build/bin/PubkyCluster.Bench" -name PubkyCluster.Bench.dll -print -quit)"

read -r -a ports <<<"$(node "$root/scripts/cluster/free-ports.mjs" 8)"
client=${ports[0]} baseline=${ports[7]}

env Homeserver__Testnet=true Homeserver__DataDirectory="$run/homeserver" Listen__Address=127.0.0.1 \
  Listen__ClientPort="$client" Listen__AdminPort="${ports[1]}" Listen__MetricsPort="${ports[2]}" \
  Listen__PkarrRelayPort="${ports[3]}" Listen__HttpRelayPort="${ports[4]}" Listen__SiloPort="${ports[5]}" \
  Listen__SiloGatewayPort="${ports[6]}" Pkarr__TestnetBootstrapPort=0 Logging__LogLevel__Default=Warning \
  DOTNET_ENVIRONMENT=Production dotnet "$gateway_dll" </dev/null >"$run/homeserver.log" 2>&1 &
pids+=("$!")
dotnet "$bench_dll" baseline "$baseline" "$run/baseline" </dev/null >"$run/baseline.log" 2>&1 &
pids+=("$!")

ready() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null | grep -q '^200$'; }
for url in "http://127.0.0.1:$client/" "http://127.0.0.1:$baseline/file"; do
  for _ in $(seq 1 240); do ready "$url" && break; sleep 0.25; done
  ready "$url" || { log "$url did not answer within 60 s"; tail -n 20 "$run"/*.log >&2; exit 1; }
done
user="$(timeout 60 dotnet "$bench_dll" seed "http://127.0.0.1:$client")"
# Warm both paths up (JIT, first grain activation) so the first measured run is not mostly start-up.
for _ in $(seq 1 20); do
  curl -s -o /dev/null -m 10 "http://127.0.0.1:$baseline/file" || true
  curl -s -o /dev/null -m 10 -H "pubky-host: $user" "http://127.0.0.1:$client/pub/bench/1k" || true
done

# Requests per second of one wrk run; a run with any error or non-2xx answer fails the bench rather than flattering it.
rps() {
  local out
  out="$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s "$@")"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then log "errors in: wrk $*"; printf '%s\n' "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

home_runs=() base_runs=()
for ((i = 1; i <= pairs; i++)); do
  base_runs+=("$(rps "http://127.0.0.1:$baseline/file")")
  home_runs+=("$(rps -H "pubky-host: $user" "http://127.0.0.1:$client/pub/bench/1k")")
  log "pair $i: baseline ${base_runs[-1]} rps, homeserver ${home_runs[-1]} rps"
done
home="$(printf '%s\n' "${home_runs[@]}" | median)"
base="$(printf '%s\n' "${base_runs[@]}" | median)"

printf '| Measure | Homeserver | Baseline in the same run | Ratio |\n|---|---|---|---|\n'
awk -v h="$home" -v b="$base" 'BEGIN { printf "| public GET 1 KiB, single process | %.0f rps | bare Kestrel, 1 KiB from memory: %.0f rps | %.2f |\n", h, b, h / b }'
printf '\n%s pairs of %s s, %s connections, wrk -t2, on %s (%s cores)\n' "$pairs" "$seconds" "$connections" "$(uname -m)" "$(nproc)"
