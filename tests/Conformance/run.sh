#!/usr/bin/env bash
# Conformance suite: drives the official npm client @synonymdev/pubky@0.6.0 (Node >= 20) against our homeserver.
#
#   tests/Conformance/run.sh [test files...]      (default: every tests/*.test.js)
#
# Steps: install the npm dependencies if missing, build src/Gateway (Release) into .artifacts/conformance/build,
# start one homeserver per configuration (open, token-required, 1 MB quota) on free loopback ports with fresh
# data directories, run `node --test` with the TAP reporter, and stop every process it started.
#
# Environment:
#   CONFORMANCE_COUNTS_FILE   if set, receives "<passed> <failed>" (also written when the run cannot start)
#   CONFORMANCE_GATEWAY_DLL   use this PubkyCluster.Gateway.dll instead of building
#   CONFORMANCE_SERVER_LOGS   directory for the server logs (default .artifacts/conformance/logs)
#
# External mode (a homeserver that is already running, e.g. a gateway of the local cluster, scripts/cluster.sh):
#   CONFORMANCE_EXTERNAL_CLIENT_PORT, CONFORMANCE_EXTERNAL_ADMIN_PORT, CONFORMANCE_EXTERNAL_PKARR_RELAY_PORT and
#   CONFORMANCE_EXTERNAL_HTTP_RELAY_PORT (all on 127.0.0.1), optionally CONFORMANCE_EXTERNAL_ADMIN_PASSWORD (admin).
#   Nothing is built or started; the server stands in for the "open" configuration (signup open), and only the test
#   files that need no other configuration run (the token-required and quota files are left out and named in the log).
# Exit status: 0 when every test passed, non-zero otherwise.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/.artifacts/conformance"
logs="${CONFORMANCE_SERVER_LOGS:-$work/logs}"
tap_file="$work/conformance.tap"
external=0
if [ -n "${CONFORMANCE_EXTERNAL_CLIENT_PORT:-}" ]; then
  external=1
  tap_file="$work/conformance-external.tap"
fi
counts_file="${CONFORMANCE_COUNTS_FILE:-}"
homeserver_z32="8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo"
admin_password="admin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false

server_pids=()
temp_dirs=()
runner_pid=""
tail_pid=""

log() { printf '[conformance] %s\n' "$*" >&2; }

counts_written=0
write_counts() {
  counts_written=1
  if [ -n "$counts_file" ]; then
    mkdir -p "$(dirname "$counts_file")" && printf '%s %s\n' "$1" "$2" >"$counts_file"
  fi
}

# Stops the given PIDs: SIGTERM, up to 10 s grace, then SIGKILL.
stop_pids() {
  local pid alive i
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      log "process $pid did not stop after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Interrupted before the tests reported: record a failure so the run cannot read as green.
  if [ "$counts_written" -eq 0 ]; then write_counts 0 1; fi
  if [ -n "$runner_pid" ]; then log "interrupted: stopping the processes this run started"; fi
  if [ -n "$runner_pid" ]; then stop_pids "$runner_pid"; fi
  if [ -n "$tail_pid" ]; then stop_pids "$tail_pid"; fi
  if [ "${#server_pids[@]}" -gt 0 ]; then stop_pids "${server_pids[@]}"; fi
  local dir
  for dir in "${temp_dirs[@]+"${temp_dirs[@]}"}"; do rm -rf -- "$dir"; done
  exit "$status"
}
trap cleanup EXIT
trap 'log "got SIGINT"; exit 130' INT
trap 'log "got SIGTERM"; exit 143' TERM

fail_early() {
  log "$*"
  write_counts 0 1
  echo "conformance suite: did not run to the end (counted as 1 failure)"
  exit 1
}

mkdir -p "$work" "$logs"
rm -f "$tap_file"

# --- 1. Node and the npm dependencies ---------------------------------------------------------------------------
command -v node >/dev/null || fail_early "node is not installed (Node 20 or newer is required)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail_early "Node $(node --version) is too old; Node 20 or newer is required"

pubky_version="$(cd "$here" && node -p 'require("./node_modules/@synonymdev/pubky/package.json").version' 2>/dev/null || true)"
if [ "$pubky_version" != "0.6.0" ]; then
  log "installing npm dependencies (npm ci)"
  (cd "$here" && timeout 300 npm ci --no-audit --no-fund --loglevel=error </dev/null) || fail_early "npm ci failed"
fi

if [ "$external" -eq 1 ]; then
  # --- 2+3. External mode: the server is already running --------------------------------------------------------
  for suffix in CLIENT_PORT ADMIN_PORT PKARR_RELAY_PORT HTTP_RELAY_PORT; do
    value="$(printenv "CONFORMANCE_EXTERNAL_$suffix" || true)"
    [[ "$value" =~ ^[0-9]+$ ]] || fail_early "external mode: CONFORMANCE_EXTERNAL_$suffix is not set to a port"
    export "CONFORMANCE_OPEN_$suffix=$value"
  done
  admin_password="${CONFORMANCE_EXTERNAL_ADMIN_PASSWORD:-$admin_password}"
  servers_ok=1
  if ! node "$here/lib/wait-ready.js" "$CONFORMANCE_OPEN_CLIENT_PORT" "$CONFORMANCE_OPEN_PKARR_RELAY_PORT" "$homeserver_z32" 30 \
    >"$logs/external.ready" 2>&1; then
    log "external server: $(cat "$logs/external.ready")"
    servers_ok=0
  fi
  log "external mode: client $CONFORMANCE_OPEN_CLIENT_PORT, admin $CONFORMANCE_OPEN_ADMIN_PORT, pkarr relay $CONFORMANCE_OPEN_PKARR_RELAY_PORT, http relay $CONFORMANCE_OPEN_HTTP_RELAY_PORT"
else
  # --- 2. The gateway ---------------------------------------------------------------------------------------------
  dll="${CONFORMANCE_GATEWAY_DLL:-}"
  if [ -z "$dll" ]; then
    log "building src/Gateway (Release) into $work/build"
    timeout 900 dotnet build "$root/src/Gateway/PubkyCluster.Gateway.csproj" -c Release \
      --artifacts-path "$work/build" --nologo -v q </dev/null || fail_early "dotnet build of src/Gateway failed"
    dll="$(find "$work/build/bin" -name PubkyCluster.Gateway.dll -path '*release*' -print -quit 2>/dev/null)"
  fi
  if [ -z "$dll" ] || [ ! -f "$dll" ]; then
    fail_early "PubkyCluster.Gateway.dll not found (${dll:-nothing under $work/build/bin})"
  fi
  log "gateway: $dll"

  # --- 3. Servers -------------------------------------------------------------------------------------------------
  configs=(open token quota)
  read -r -a ports <<<"$(node "$here/lib/free-ports.js" $((7 * ${#configs[@]})))" || fail_early "could not pick free ports"
  [ "${#ports[@]}" -eq $((7 * ${#configs[@]})) ] || fail_early "could not pick free ports"

  declare -A pid_of client_of admin_of relay_of http_relay_of
  start_server() {
    local name=$1 index=$2
    shift 2
    local base=$((index * 7))
    local client=${ports[base]} admin=${ports[base + 1]} metrics=${ports[base + 2]} relay=${ports[base + 3]}
    local http_relay=${ports[base + 4]} silo=${ports[base + 5]} silo_gateway=${ports[base + 6]}
    local data
    data="$(mktemp -d "${TMPDIR:-/tmp}/pubky-conformance-$name.XXXXXX")" || fail_early "mktemp failed"
    temp_dirs+=("$data")
    env \
      Homeserver__DataDirectory="$data" \
      Homeserver__Testnet=true \
      Listen__Address=127.0.0.1 \
      Listen__ClientPort="$client" \
      Listen__AdminPort="$admin" \
      Listen__MetricsPort="$metrics" \
      Listen__PkarrRelayPort="$relay" \
      Listen__HttpRelayPort="$http_relay" \
      Listen__SiloPort="$silo" \
      Listen__SiloGatewayPort="$silo_gateway" \
      Listen__PubkyTlsPort=0 \
      Admin__Password="$admin_password" \
      "$@" \
      dotnet "$dll" >"$logs/$name.log" 2>&1 </dev/null &
    local pid=$!
    server_pids+=("$pid")
    pid_of[$name]=$pid
    client_of[$name]=$client
    admin_of[$name]=$admin
    relay_of[$name]=$relay
    http_relay_of[$name]=$http_relay
    log "started '$name' homeserver (pid $pid): client $client, admin $admin, pkarr relay $relay, http relay $http_relay; log $logs/$name.log"
  }

  start_server open 0
  start_server token 1 Signup__Mode=TokenRequired
  start_server quota 2 Limits__DefaultQuotaMb=1

  servers_ok=1
  declare -A wait_pid_of
  for name in "${configs[@]}"; do
    node "$here/lib/wait-ready.js" "${client_of[$name]}" "${relay_of[$name]}" "$homeserver_z32" 60 "${pid_of[$name]}" \
      >"$logs/$name.ready" 2>&1 &
    wait_pid_of[$name]=$!
  done
  for name in "${configs[@]}"; do
    wait "${wait_pid_of[$name]}"
    ready=$?
    upper="${name^^}"
    if [ "$ready" -eq 0 ] || [ "$ready" -eq 3 ]; then
      [ "$ready" -eq 3 ] && log "'$name': $(cat "$logs/$name.ready") — the homeserver record is missing on its pkarr relay"
      export "CONFORMANCE_${upper}_CLIENT_PORT=${client_of[$name]}"
      export "CONFORMANCE_${upper}_ADMIN_PORT=${admin_of[$name]}"
      export "CONFORMANCE_${upper}_PKARR_RELAY_PORT=${relay_of[$name]}"
      export "CONFORMANCE_${upper}_HTTP_RELAY_PORT=${http_relay_of[$name]}"
    else
      servers_ok=0
      log "'$name' homeserver is not ready: $(cat "$logs/$name.ready")"
      log "last lines of $logs/$name.log:"
      tail -n 30 "$logs/$name.log" >&2 || true
    fi
  done
fi
export CONFORMANCE_ADMIN_PASSWORD="$admin_password"

# --- 4. Tests ---------------------------------------------------------------------------------------------------
files=()
if [ "$#" -gt 0 ]; then
  for file in "$@"; do
    [ -f "$file" ] || fail_early "no such test file: $file"
    files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")")
  done
elif [ "$external" -eq 1 ]; then
  # Only the files that need no token-required or quota server.
  for file in "$here"/tests/*.test.js; do
    if grep -Eq 'server\("(token|quota)"\)' "$file"; then
      log "external mode: leaving out $(basename "$file") (needs a token-required or quota server)"
    else
      files+=("$file")
    fi
  done
else
  files=("$here"/tests/*.test.js)
fi

log "running ${#files[@]} test file(s)"
# Node writes TAP into a file (synchronous writes, nothing is lost when it exits) that is streamed to stdout
# as it grows, so node's own "# pass N" / "# fail N" summary stays in the output. Each test file runs in its
# own Node process (own cookie jar and pkarr cache).
: >"$tap_file"
(cd "$here" && exec timeout -k 10 420 node --test --test-reporter=tap \
  --test-concurrency=3 --test-timeout=240000 --test-force-exit \
  "${files[@]}" >"$tap_file" 2>&1 </dev/null) &
runner_pid=$!
tail -n +1 -f --pid="$runner_pid" "$tap_file" &
tail_pid=$!
wait "$runner_pid"
runner_status=$?
runner_pid=""
wait "$tail_pid" 2>/dev/null || true
tail_pid=""

summary() { grep -E "^# $1 [0-9]+\$" "$tap_file" 2>/dev/null | tail -n 1 | awk '{print $3}'; }
passed="$(summary pass)"
failed="$(summary fail)"
cancelled="$(summary cancelled)"
passed=${passed:-0}
failed=$((${failed:-0} + ${cancelled:-0}))
if [ "$runner_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner crashed or timed out before reporting failures: never let that read as green.
  log "node --test exited with status $runner_status"
  failed=1
fi
if [ "$servers_ok" -ne 1 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
write_counts "$passed" "$failed"
echo "conformance suite totals: passed=$passed failed=$failed"
[ "$failed" -eq 0 ]
