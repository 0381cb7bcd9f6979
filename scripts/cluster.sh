#!/usr/bin/env bash
# The local cluster: Redis (membership), Azurite (Azure Table + Blob), N silo processes and M gateway processes, all on
# free loopback ports, for development and for tests/Cluster.Tests.
#
#   scripts/cluster.sh start  [--state-dir DIR] [--silos N] [--gateways M] [--timeout S] [--owner-pid PID] [--no-build] [--netns]
#   scripts/cluster.sh stop   [--state-dir DIR]          stops every process it recorded, by PID; safe to call twice
#   scripts/cluster.sh status [--state-dir DIR]          which recorded process is alive, and where it listens
#   scripts/cluster.sh kill-silo I      [--state-dir DIR]   kill -9 of silo I (1-based)
#   scripts/cluster.sh start-silo I     [--state-dir DIR] [NAME=VALUE...]   (re)starts silo I on its ports; a new I gets new ports
#   scripts/cluster.sh start-gateway I  [--state-dir DIR] [NAME=VALUE...]   (re)starts gateway I, extra settings allowed
#   scripts/cluster.sh stop-gateway I   [--state-dir DIR]
#   scripts/cluster.sh restart-silo I    [--state-dir DIR]   SIGTERM, wait for a graceful exit, start again on its ports
#   scripts/cluster.sh restart-gateway I [--state-dir DIR]   the same for gateway I
#   scripts/cluster.sh restart-redis    [--state-dir DIR]   graceful restart on the same port (AOF keeps membership)
#   scripts/cluster.sh restart-azurite  [--state-dir DIR]   graceful restart of blob and table on the same ports and data
#
# DIR defaults to .artifacts/cluster/state. `start` writes DIR/cluster.env (shell syntax, NAME='value', every name starts
# with CLUSTER_): ports, PIDs, connection strings and gateway URLs. Logs go to DIR/logs/. Data lives in DIR/redis and
# DIR/azurite (on disk, so a restart of either keeps what was acknowledged).
#
# What it installs when missing: redis-server (apt-get, needs root and network), Azurite 3.35.0 (npm ci from the
# lockfile in scripts/cluster/azurite into .artifacts/azurite). It builds src/Gateway (which builds src/Silo) in Release
# into .artifacts/cluster/build unless --no-build is given (and a build exists) or PUBKY_CLUSTER_SILO_DLL and
# PUBKY_CLUSTER_GATEWAY_DLL name the dlls to run.
#
# --owner-pid PID: a watchdog stops the cluster when process PID exits (tests pass their own PID, so a crashed test run
# leaves nothing behind). Settings every process should get (for example Limits__DefaultQuotaMb) may be exported
# before `start`: the processes inherit the caller's environment.
#
# --netns (or PUBKY_CLUSTER_NETNS=1; needs root and iproute2): every process gets a network namespace of its own with
# its own address on a bridge, as Kubernetes gives each pod one, so nothing reaches another process over 127.0.0.1.
# Names and the 10.x.y.0/24 subnet derive from DIR (parallel clusters do not collide); `stop`, a failed start and the
# watchdog remove every namespace, veth and bridge made, and `start` first removes what a crashed run of DIR left.
#
# Every wait is bounded; a start that fails stops what it started and exits non-zero.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
build_dir="$root/.artifacts/cluster/build"
azurite_dir="$root/.artifacts/azurite"
azurite_version="3.35.0"
# Azurite's well-known development account (public, documented by Microsoft; not a secret).
azurite_account="devstoreaccount1"
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
admin_password="admin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,36p' "$self" | sed 's/^# \{0,1\}//'
}

# --- arguments -------------------------------------------------------------------------------------------------------
command="${1:-}"
[ -n "$command" ] || { usage; exit 2; }
shift
case "$command" in
  -h | --help | help) usage; exit 0 ;;
  start | stop | status | kill-silo | start-silo | start-gateway | stop-gateway | restart-silo | restart-gateway \
    | restart-redis | restart-azurite) ;;
  *) log "unknown command: $command"; usage; exit 2 ;;
esac

state_dir="$root/.artifacts/cluster/state"
silo_count=2
gateway_count=2
ready_timeout=120
owner_pid=""
do_build=1
use_netns="${PUBKY_CLUSTER_NETNS:-0}"
index=""
extra_settings=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --state-dir) [ "$#" -ge 2 ] || die "--state-dir needs a value"; state_dir="$2"; shift 2 ;;
    --silos) [ "$#" -ge 2 ] || die "--silos needs a value"; silo_count="$2"; shift 2 ;;
    --gateways) [ "$#" -ge 2 ] || die "--gateways needs a value"; gateway_count="$2"; shift 2 ;;
    --timeout) [ "$#" -ge 2 ] || die "--timeout needs a value"; ready_timeout="$2"; shift 2 ;;
    --owner-pid) [ "$#" -ge 2 ] || die "--owner-pid needs a value"; owner_pid="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --netns) use_netns=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *=*) extra_settings+=("$1"); shift ;;
    *)
      if [ -z "$index" ] && [[ "$1" =~ ^[0-9]+$ ]]; then index="$1"; shift; else die "unexpected argument: $1"; fi
      ;;
  esac
done
for number in "$silo_count" "$gateway_count" "$ready_timeout"; do
  [[ "$number" =~ ^[0-9]+$ ]] || die "not a number: $number"
done
[ "$silo_count" -ge 1 ] && [ "$silo_count" -le 9 ] || die "--silos must be 1..9"
[ "$gateway_count" -ge 1 ] && [ "$gateway_count" -le 9 ] || die "--gateways must be 1..9"
[ -z "$owner_pid" ] || [[ "$owner_pid" =~ ^[0-9]+$ ]] || die "--owner-pid must be a PID"
if [ ! -d "$state_dir" ]; then
  case "$command" in
    start) mkdir -p "$state_dir" || die "cannot create $state_dir" ;;
    stop) log "nothing to stop: no $state_dir"; exit 0 ;;
    *) log "no cluster in $state_dir"; exit 1 ;;
  esac
fi
state_dir="$(cd "$state_dir" && pwd)"
env_file="$state_dir/cluster.env"
logs="$state_dir/logs"

# One command at a time per state directory. Children never inherit the lock (fd 9 is closed for them).
exec 9>"$state_dir/.lock"
flock -w 600 9 || die "another cluster.sh command holds $state_dir/.lock"

# --- the state file --------------------------------------------------------------------------------------------------
load_env() {
  if [ -f "$env_file" ]; then
    # shellcheck disable=SC1090
    source "$env_file"
  fi
}

save_env() {
  local name tmp="$env_file.tmp"
  {
    echo "# Written by scripts/cluster.sh; read by tests/Cluster.Tests. Shell syntax: source it."
    for name in $(compgen -v CLUSTER_ | sort); do
      printf "%s='%s'\n" "$name" "${!name}"
    done
  } >"$tmp" && mv -f "$tmp" "$env_file"
}

var() { local name="$1"; printf '%s' "${!name:-}"; }
set_var() { printf -v "$1" '%s' "$2"; }

# --- processes ---------------------------------------------------------------------------------------------------------
# True when PID runs (a zombie does not count).
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# True when PID is alive and its command line contains MARKER (guards against a PID reused by another process).
pid_is() {
  local pid="$1" marker="$2"
  alive "$pid" && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# Stops "pid|marker|signal" items: the signal (TERM when empty), up to $term_wait_tenths tenths of a second (10 s by
# default), then SIGKILL. Returns when all are gone; fails when one needed SIGKILL.
term_wait_tenths=100
stop_processes() {
  local item pid marker signal i any killed=0
  local -a pids=()
  for item in "$@"; do
    IFS='|' read -r pid marker signal <<<"$item"
    if pid_is "$pid" "$marker"; then
      kill -"${signal:-TERM}" "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  [ "${#pids[@]}" -gt 0 ] || return 0
  for ((i = 0; i < term_wait_tenths; i++)); do
    any=0
    for pid in "${pids[@]}"; do alive "$pid" && any=1; done
    [ "$any" -eq 0 ] && return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if alive "$pid"; then
      log "process $pid did not stop within $((term_wait_tenths / 10)) s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
    fi
  done
  for ((i = 0; i < 50; i++)); do
    any=0
    for pid in "${pids[@]}"; do alive "$pid" && any=1; done
    [ "$any" -eq 0 ] && return "$killed"
    sleep 0.1
  done
  log "warning: still alive after SIGKILL: ${pids[*]}"
  return 1
}

# Polls COMMAND... every 0.25 s until it succeeds, at most SECONDS; fails early when PID (if not empty) died.
wait_until() {
  local seconds="$1" pid="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -n "$pid" ] && ! alive "$pid"; then return 2; fi
    sleep 0.25
  done
  "$@" >/dev/null 2>&1
}

free_ports() { node "$here/cluster/free-ports.mjs" "$@"; }

http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$@" 2>/dev/null; }

# --- network namespaces (--netns) ------------------------------------------------------------------------------------
# One namespace per process ("pod"), named pk-<id>-<role>, with a veth pair whose host end pk<id><short> is a port of
# the bridge pkbr<id>; the bridge holds 10.x.y.1, so the root namespace (the tests) reaches every pod. <id> is six hex
# digits of a hash of DIR: the same DIR always gets the same names (so a start cleans up a crashed run's leftovers)
# and two clusters in different directories get different ones.
net_id() { printf '%s' "$state_dir" | sha1sum | cut -c1-6; }

netns_available() { [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null; }

# Removes every namespace, veth and bridge named for this DIR. Safe when there is none.
netns_cleanup() {
  local id ns link
  id="$(net_id)"
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^pk-$id-"); do
    ip netns del "$ns" 2>/dev/null || log "warning: could not delete network namespace $ns"
  done
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^pk\(br\)\{0,1\}$id"); do
    ip link del "$link" 2>/dev/null || true
  done
}

# The first 10.x.y.0/24 (from the hash of DIR onwards) that no interface of this machine uses yet.
netns_pick_subnet() {
  local h x y i
  h="$(net_id)"
  x=$((64 + 16#${h:0:2} % 128))
  y=$((16#${h:2:2}))
  for ((i = 0; i < 32; i++)); do
    if ! ip -4 -o addr show 2>/dev/null | grep -q " 10\.$x\.$(((y + i) % 256))\."; then
      printf '10.%s.%s' "$x" "$(((y + i) % 256))"
      return 0
    fi
  done
  return 1
}

netns_setup() {
  netns_available || die "--netns needs root and ip (iproute2)"
  netns_cleanup
  local subnet bridge
  subnet="$(netns_pick_subnet)" || die "no free 10.x.y.0/24 subnet for the namespaces"
  bridge="pkbr$(net_id)"
  ip link add "$bridge" type bridge && ip addr add "$subnet.1/24" dev "$bridge" && ip link set "$bridge" up \
    || die "could not create the bridge $bridge"
  CLUSTER_NETNS=1
  CLUSTER_NET_SUBNET="$subnet"
  CLUSTER_NET_BRIDGE="$bridge"
  log "network namespaces on bridge $bridge, subnet $subnet.0/24"
}

# The address of pod ROLE (redis, azurite, silo<i>, gateway<i>) in netns mode; 127.0.0.1 otherwise.
pod_address() {
  [ "${CLUSTER_NETNS:-0}" = "1" ] || { printf '127.0.0.1'; return 0; }
  local host
  case "$1" in
    redis) host=2 ;;
    azurite) host=3 ;;
    silo*) host=$((10 + ${1#silo})) ;;
    gateway*) host=$((30 + ${1#gateway})) ;;
    *) return 1 ;;
  esac
  printf '%s.%s' "$CLUSTER_NET_SUBNET" "$host"
}

# Creates pod ROLE's namespace (unless it exists: a restarted process keeps its pod) and sets pod_exec to the command
# prefix that runs a process in it. In loopback mode pod_exec is empty.
pod_exec=()
pod_up() {
  local role="$1" ns veth address
  pod_exec=()
  [ "${CLUSTER_NETNS:-0}" = "1" ] || return 0
  ns="pk-$(net_id)-$role"
  pod_exec=(ip netns exec "$ns")
  [ -e "/run/netns/$ns" ] && return 0
  veth="pk$(net_id)$(printf '%s' "$role" | sed 's/^redis$/r/; s/^azurite$/a/; s/^silo/s/; s/^gateway/g/')"
  address="$(pod_address "$role")"
  ip netns add "$ns" \
    && ip link add "$veth" type veth peer name eth0 netns "$ns" \
    && ip link set "$veth" master "$CLUSTER_NET_BRIDGE" up \
    && ip -n "$ns" addr add "$address/24" dev eth0 \
    && ip -n "$ns" link set eth0 up \
    && ip -n "$ns" link set lo up \
    || { log "could not create the network namespace $ns"; return 1; }
}

# --- dependencies ----------------------------------------------------------------------------------------------------
ensure_redis() {
  if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then return 0; fi
  log "redis-server is missing: installing the Debian package"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  timeout 300 $sudo apt-get update -qq </dev/null >"$logs/apt.log" 2>&1 || die "apt-get update failed (see $logs/apt.log)"
  DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq redis-server </dev/null >>"$logs/apt.log" 2>&1 \
    || die "apt-get install redis-server failed (see $logs/apt.log)"
  command -v redis-server >/dev/null || die "redis-server is still missing after apt-get install"
}

azurite_main() { printf '%s/node_modules/azurite/dist/src/%s/main.js' "$azurite_dir" "$1"; }

ensure_azurite() {
  command -v node >/dev/null || die "node is not installed (Node 20 or newer is required)"
  local installed lock_changed=0
  # (read as a file: azurite's "exports" map does not expose package.json to require)
  installed="$(node -p "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).version" \
    "$azurite_dir/node_modules/azurite/package.json" 2>/dev/null || true)"
  if ! cmp -s "$here/cluster/azurite/package-lock.json" "$azurite_dir/package-lock.json" 2>/dev/null; then lock_changed=1; fi
  if [ "$installed" = "$azurite_version" ] && [ "$lock_changed" -eq 0 ]; then return 0; fi
  log "installing Azurite $azurite_version into $azurite_dir (npm ci)"
  mkdir -p "$azurite_dir" || die "cannot create $azurite_dir"
  cp "$here/cluster/azurite/package.json" "$here/cluster/azurite/package-lock.json" "$azurite_dir/" || die "cannot copy the Azurite lockfile"
  (cd "$azurite_dir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error </dev/null) >"$logs/npm.log" 2>&1 \
    || die "npm ci for Azurite failed (see $logs/npm.log)"
  [ -f "$(azurite_main blob)" ] && [ -f "$(azurite_main table)" ] || die "Azurite is incomplete under $azurite_dir"
}

find_dll() { find "$build_dir/bin/$1" -name "$1.dll" -path '*release*' -print -quit 2>/dev/null; }

ensure_build() {
  local silo_dll="${PUBKY_CLUSTER_SILO_DLL:-}" gateway_dll="${PUBKY_CLUSTER_GATEWAY_DLL:-}"
  if [ -n "$silo_dll" ] && [ -n "$gateway_dll" ]; then
    CLUSTER_SILO_DLL="$silo_dll"
    CLUSTER_GATEWAY_DLL="$gateway_dll"
  else
    if [ "$do_build" -eq 1 ] || [ -z "$(find_dll PubkyCluster.Silo)" ] || [ -z "$(find_dll PubkyCluster.Gateway)" ]; then
      log "building src/Gateway and src/Silo (Release) into $build_dir"
      local project
      : >"$logs/build.log"
      for project in Gateway/PubkyCluster.Gateway.csproj Silo/PubkyCluster.Silo.csproj; do
        timeout 900 dotnet build "$root/src/$project" -c Release --artifacts-path "$build_dir" \
          --nologo -v q -clp:ErrorsOnly </dev/null >>"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; die "dotnet build of src/$project failed (see $logs/build.log)"; }
      done
    fi
    CLUSTER_SILO_DLL="$(find_dll PubkyCluster.Silo)"
    CLUSTER_GATEWAY_DLL="$(find_dll PubkyCluster.Gateway)"
  fi
  [ -f "$CLUSTER_SILO_DLL" ] || die "PubkyCluster.Silo.dll not found"
  [ -f "$CLUSTER_GATEWAY_DLL" ] || die "PubkyCluster.Gateway.dll not found"
}

# --- Redis -----------------------------------------------------------------------------------------------------------
redis_ping() { [ "$(redis-cli -h "$CLUSTER_REDIS_HOST" -p "$CLUSTER_REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

start_redis() {
  mkdir -p "$state_dir/redis"
  pod_up redis || return 1
  # Protected mode refuses every client not on loopback, which in netns mode is every client; the bridge is private.
  local protected=yes
  [ "${CLUSTER_NETNS:-0}" != "1" ] || protected=no
  # AOF on: a graceful restart (restart-redis) keeps the membership table, as a managed Redis would.
  "${pod_exec[@]}" redis-server --port "$CLUSTER_REDIS_PORT" --bind "$CLUSTER_REDIS_HOST" --dir "$state_dir/redis" --save '' \
    --appendonly yes --appendfsync everysec --protected-mode "$protected" --daemonize no \
    </dev/null >>"$logs/redis.log" 2>&1 9>&- &
  CLUSTER_REDIS_PID=$!
  save_env
  wait_until 20 "$CLUSTER_REDIS_PID" redis_ping || { tail -n 20 "$logs/redis.log" >&2; return 1; }
  log "redis-server pid $CLUSTER_REDIS_PID on $CLUSTER_REDIS_HOST:$CLUSTER_REDIS_PORT"
}

# --- Azurite ---------------------------------------------------------------------------------------------------------
azurite_up() { [ "$(http_status "http://$CLUSTER_AZURITE_HOST:$1/")" != "000" ]; }

start_azurite() {
  mkdir -p "$state_dir/azurite/blob" "$state_dir/azurite/table"
  # node is started directly and $! recorded (a subshell would record the wrong PID; ip netns exec execs, so it does
  # not). --location keeps data on disk. Blob and table share one pod, as two containers of one Kubernetes pod would.
  pod_up azurite || return 1
  "${pod_exec[@]}" node "$(azurite_main blob)" --blobHost "$CLUSTER_AZURITE_HOST" --blobPort "$CLUSTER_AZURITE_BLOB_PORT" \
    --location "$state_dir/azurite/blob" --disableTelemetry --skipApiVersionCheck --loose \
    </dev/null >>"$logs/azurite-blob.log" 2>&1 9>&- &
  CLUSTER_AZURITE_BLOB_PID=$!
  "${pod_exec[@]}" node "$(azurite_main table)" --tableHost "$CLUSTER_AZURITE_HOST" --tablePort "$CLUSTER_AZURITE_TABLE_PORT" \
    --location "$state_dir/azurite/table" --disableTelemetry --skipApiVersionCheck --loose \
    </dev/null >>"$logs/azurite-table.log" 2>&1 9>&- &
  CLUSTER_AZURITE_TABLE_PID=$!
  save_env
  wait_until 30 "$CLUSTER_AZURITE_BLOB_PID" azurite_up "$CLUSTER_AZURITE_BLOB_PORT" \
    || { tail -n 20 "$logs/azurite-blob.log" >&2; return 1; }
  wait_until 30 "$CLUSTER_AZURITE_TABLE_PID" azurite_up "$CLUSTER_AZURITE_TABLE_PORT" \
    || { tail -n 20 "$logs/azurite-table.log" >&2; return 1; }
  log "azurite blob pid $CLUSTER_AZURITE_BLOB_PID on $CLUSTER_AZURITE_BLOB_PORT, table pid $CLUSTER_AZURITE_TABLE_PID on $CLUSTER_AZURITE_TABLE_PORT"
}

# --- silos -----------------------------------------------------------------------------------------------------------
membership_key() { printf '%s/members/%s' "$CLUSTER_SERVICE_ID" "$CLUSTER_ID"; }

# Prints the membership entries (field, then value, one per line) of the cluster's Redis hash.
membership_dump() { redis-cli -h "$CLUSTER_REDIS_HOST" -p "$CLUSTER_REDIS_PORT" --raw HGETALL "$(membership_key)" 2>/dev/null; }

# True when the membership table holds an Active entry (Status 3) for silo ADDRESS:PORT that is not in the list SKIP.
silo_active() {
  local address="$1" port="$2" skip="$3" field value
  while IFS= read -r field && IFS= read -r value; do
    case "$field" in *"$address:$port@"* | *"$address:$port:"*) ;; *) continue ;; esac
    case " $skip " in *" $field "*) continue ;; esac
    if printf '%s' "$value" | grep -Eq '"Status" *: *(3|"Active")'; then return 0; fi
  done < <(membership_dump)
  return 1
}

# The membership fields that mention silo ADDRESS:PORT (so a restarted silo's new entry can be told from the old one).
silo_fields() {
  local address="$1" port="$2" field value
  while IFS= read -r field && IFS= read -r value; do
    case "$field" in *"$address:$port@"* | *"$address:$port:"*) printf '%s ' "$field" ;; esac
  done < <(membership_dump)
}

# The settings every process of the cluster shares, as NAME=VALUE words for env(1). The homeserver has one key and one
# PKARR record for the whole cluster (the newest publish wins), so every process advertises the same client endpoint:
# gateway 1's port, as a load balancer's would be in production.
cluster_settings() {
  printf '%s\n' \
    "Cluster__Membership=Redis" \
    "Cluster__RedisConnectionString=$CLUSTER_REDIS_CONNECTION_STRING" \
    "Cluster__ClusterId=$CLUSTER_ID" \
    "Cluster__ServiceId=$CLUSTER_SERVICE_ID" \
    "Storage__Profile=Azure" \
    "Storage__Azure__ConnectionString=$CLUSTER_AZURE_CONNECTION_STRING" \
    "Homeserver__Testnet=true" \
    "Homeserver__PublicIcannHttpPort=$CLUSTER_PUBLIC_CLIENT_PORT" \
    "Homeserver__PublicPubkyTlsPort=$CLUSTER_PUBLIC_PUBKY_TLS_PORT" \
    "Admin__Password=$admin_password" \
    "DOTNET_ENVIRONMENT=Production" \
    "ASPNETCORE_ENVIRONMENT=Production"
}

launch_silo() {
  local i="$1"
  shift
  local port gateway_port address
  local -a settings
  port="$(var "CLUSTER_SILO_${i}_PORT")"
  gateway_port="$(var "CLUSTER_SILO_${i}_GATEWAY_PORT")"
  address="$(pod_address "silo$i")"
  set_var "CLUSTER_SILO_${i}_ADDRESS" "$address"
  set_var "CLUSTER_SILO_${i}_SKIP" "$(silo_fields "$address" "$port")"
  set_var "CLUSTER_SILO_${i}_SETTINGS" "$*"
  mkdir -p "$state_dir/silo-$i"
  pod_up "silo$i" || return 1
  mapfile -t settings < <(cluster_settings)
  settings+=(
    "Listen__SiloPort=$port"
    "Listen__SiloGatewayPort=$gateway_port"
    "Listen__Address=$address"
    # What the other silos and the gateways dial: a pod address in netns mode, as on Kubernetes.
    "Cluster__AdvertisedAddress=$address"
    "Listen__MetricsPort=$(var "CLUSTER_SILO_${i}_METRICS_PORT")"
    "Homeserver__DataDirectory=$state_dir/silo-$i"
    # A process that runs a testnet DHT gets its own UDP bootstrap port, so no two collide on 6881.
    "Pkarr__TestnetBootstrapPort=$(var "CLUSTER_SILO_${i}_DHT_PORT")"
    "$@"
  )
  # env (like ip netns exec) execs dotnet, so $! is the silo's own PID.
  "${pod_exec[@]}" env "${settings[@]}" dotnet "$CLUSTER_SILO_DLL" </dev/null >>"$logs/silo-$i.log" 2>&1 9>&- &
  set_var "CLUSTER_SILO_${i}_PID" "$!"
  save_env
  log "silo $i: pid $! (address $address, silo port $port, gateway port $gateway_port, metrics $(var "CLUSTER_SILO_${i}_METRICS_PORT"), DHT udp $(var "CLUSTER_SILO_${i}_DHT_PORT")), log $logs/silo-$i.log"
}

# A silo whose membership is not this cluster's Redis (an extra silo given other Cluster__ settings) is ready when its
# client gateway port accepts connections, which Orleans opens once the silo is Active.
gateway_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_silo() {
  local i="$1" pid port skip address
  shift
  pid="$(var "CLUSTER_SILO_${i}_PID")"
  port="$(var "CLUSTER_SILO_${i}_PORT")"
  skip="$(var "CLUSTER_SILO_${i}_SKIP")"
  address="$(var "CLUSTER_SILO_${i}_ADDRESS")"
  local -a ready=(silo_active "$address" "$port" "$skip")
  case " $* " in *" Cluster__Membership="*) ready=(gateway_port_open "$address" "$(var "CLUSTER_SILO_${i}_GATEWAY_PORT")") ;; esac
  if ! wait_until "$ready_timeout" "$pid" "${ready[@]}"; then
    log "silo $i (pid $pid) did not become Active in the membership table within $ready_timeout s; last log lines:"
    tail -n 30 "$logs/silo-$i.log" >&2
    return 1
  fi
  if ! wait_until "$ready_timeout" "$pid" probe_ready "$address" "$(var "CLUSTER_SILO_${i}_METRICS_PORT")"; then
    log "silo $i (pid $pid) is Active but its readiness probe fails; last log lines:"
    tail -n 30 "$logs/silo-$i.log" >&2
    return 1
  fi
  log "silo $i is Active and ready"
}

# The readiness probe on a process's metrics listener: what Kubernetes asks before sending it traffic.
probe_ready() { [ "$(http_status "http://$1:$2/healthz/ready")" = "200" ]; }

# --- gateways --------------------------------------------------------------------------------------------------------
gateway_root_ok() { [ "$(curl -s -m 3 "http://$1:$2/" 2>/dev/null)" = "Pubky Homeserver" ]; }
# A grain call end to end (signup-token grain, Azure Table): proves the gateway reaches a silo and storage works.
gateway_grains_ok() { [ "$(http_status -H "X-Admin-Password: $admin_password" "http://$1:$2/generate_signup_token")" = "200" ]; }

assign_gateway_ports() {
  local i="$1" address
  local -a p
  read -r -a p <<<"$(free_ports 6 1)" || return 1
  [ "${#p[@]}" -eq 7 ] || return 1
  address="$(pod_address "gateway$i")"
  set_var "CLUSTER_GATEWAY_${i}_ADDRESS" "$address"
  set_var "CLUSTER_GATEWAY_${i}_CLIENT_PORT" "${p[0]}"
  set_var "CLUSTER_GATEWAY_${i}_ADMIN_PORT" "${p[1]}"
  set_var "CLUSTER_GATEWAY_${i}_METRICS_PORT" "${p[2]}"
  set_var "CLUSTER_GATEWAY_${i}_PKARR_RELAY_PORT" "${p[3]}"
  set_var "CLUSTER_GATEWAY_${i}_HTTP_RELAY_PORT" "${p[4]}"
  set_var "CLUSTER_GATEWAY_${i}_PUBKY_TLS_PORT" "${p[5]}"
  set_var "CLUSTER_GATEWAY_${i}_DHT_PORT" "${p[6]}"
  set_var "CLUSTER_GATEWAY_${i}_URL" "http://$address:${p[0]}"
  set_var "CLUSTER_GATEWAY_${i}_ADMIN_URL" "http://$address:${p[1]}"
  set_var "CLUSTER_GATEWAY_${i}_PKARR_RELAY_URL" "http://$address:${p[3]}"
  set_var "CLUSTER_GATEWAY_${i}_HTTP_RELAY_URL" "http://$address:${p[4]}"
}

launch_gateway() {
  local i="$1"
  shift
  local data="$state_dir/gateway-$i"
  local -a settings
  mkdir -p "$data"
  pod_up "gateway$i" || return 1
  set_var "CLUSTER_GATEWAY_${i}_SETTINGS" "$*"
  mapfile -t settings < <(cluster_settings)
  settings+=(
    "Gateway__CoHostSilo=false"
    "Homeserver__DataDirectory=$data"
    "Listen__Address=$(var "CLUSTER_GATEWAY_${i}_ADDRESS")"
    "Listen__ClientPort=$(var "CLUSTER_GATEWAY_${i}_CLIENT_PORT")"
    "Listen__AdminPort=$(var "CLUSTER_GATEWAY_${i}_ADMIN_PORT")"
    "Listen__MetricsPort=$(var "CLUSTER_GATEWAY_${i}_METRICS_PORT")"
    "Listen__PkarrRelayPort=$(var "CLUSTER_GATEWAY_${i}_PKARR_RELAY_PORT")"
    "Listen__HttpRelayPort=$(var "CLUSTER_GATEWAY_${i}_HTTP_RELAY_PORT")"
    "Listen__PubkyTlsPort=$(var "CLUSTER_GATEWAY_${i}_PUBKY_TLS_PORT")"
    # Each gateway runs its own testnet DHT; distinct bootstrap ports keep two gateways off the same UDP 6881.
    "Pkarr__TestnetBootstrapPort=$(var "CLUSTER_GATEWAY_${i}_DHT_PORT")"
    "$@"
  )
  "${pod_exec[@]}" env "${settings[@]}" dotnet "$CLUSTER_GATEWAY_DLL" </dev/null >>"$logs/gateway-$i.log" 2>&1 9>&- &
  set_var "CLUSTER_GATEWAY_${i}_PID" "$!"
  save_env
  log "gateway $i: pid $! (client $(var "CLUSTER_GATEWAY_${i}_CLIENT_PORT"), admin $(var "CLUSTER_GATEWAY_${i}_ADMIN_PORT"), pkarr relay $(var "CLUSTER_GATEWAY_${i}_PKARR_RELAY_PORT"), http relay $(var "CLUSTER_GATEWAY_${i}_HTTP_RELAY_PORT"), DHT udp $(var "CLUSTER_GATEWAY_${i}_DHT_PORT")${*:+; $*}), log $logs/gateway-$i.log"
}

wait_gateway() {
  local i="$1" pid client admin address
  pid="$(var "CLUSTER_GATEWAY_${i}_PID")"
  client="$(var "CLUSTER_GATEWAY_${i}_CLIENT_PORT")"
  admin="$(var "CLUSTER_GATEWAY_${i}_ADMIN_PORT")"
  address="$(var "CLUSTER_GATEWAY_${i}_ADDRESS")"
  if ! wait_until "$ready_timeout" "$pid" gateway_root_ok "$address" "$client"; then
    log "gateway $i (pid $pid) does not answer GET / within $ready_timeout s; last log lines:"
    tail -n 30 "$logs/gateway-$i.log" >&2
    return 1
  fi
  if ! wait_until "$ready_timeout" "$pid" gateway_grains_ok "$address" "$admin"; then
    log "gateway $i (pid $pid) answers GET / but cannot reach the grains within $ready_timeout s; last log lines:"
    tail -n 30 "$logs/gateway-$i.log" >&2
    return 1
  fi
  if ! wait_until "$ready_timeout" "$pid" probe_ready "$address" "$(var "CLUSTER_GATEWAY_${i}_METRICS_PORT")"; then
    log "gateway $i (pid $pid) reaches the grains but its readiness probe fails; last log lines:"
    tail -n 30 "$logs/gateway-$i.log" >&2
    return 1
  fi
  log "gateway $i is ready: $(var "CLUSTER_GATEWAY_${i}_URL")"
}

# --- commands --------------------------------------------------------------------------------------------------------
recorded_processes() {
  # "pid|marker|signal" for every recorded process, gateways first (clients before servers, storage last).
  local i pid
  for i in $(seq 1 "${CLUSTER_GATEWAY_SLOTS:-0}"); do
    pid="$(var "CLUSTER_GATEWAY_${i}_PID")"
    [ -n "$pid" ] && printf '%s|%s|TERM\n' "$pid" "PubkyCluster.Gateway.dll"
  done
  for i in $(seq 1 "${CLUSTER_SILO_SLOTS:-0}"); do
    pid="$(var "CLUSTER_SILO_${i}_PID")"
    [ -n "$pid" ] && printf '%s|%s|TERM\n' "$pid" "PubkyCluster.Silo.dll"
  done
  [ -n "${CLUSTER_AZURITE_BLOB_PID:-}" ] && printf '%s|%s|INT\n' "$CLUSTER_AZURITE_BLOB_PID" "azurite"
  [ -n "${CLUSTER_AZURITE_TABLE_PID:-}" ] && printf '%s|%s|INT\n' "$CLUSTER_AZURITE_TABLE_PID" "azurite"
  [ -n "${CLUSTER_REDIS_PID:-}" ] && printf '%s|%s|TERM\n' "$CLUSTER_REDIS_PID" "redis-server"
  return 0
}

cmd_stop() {
  load_env
  if [ -n "${CLUSTER_WATCHDOG_PID:-}" ] && [ "${PUBKY_CLUSTER_IN_WATCHDOG:-0}" != "1" ]; then
    stop_processes "$CLUSTER_WATCHDOG_PID|cluster-watchdog|TERM"
  fi
  CLUSTER_WATCHDOG_PID=""
  local -a gateways=() silos=() storage=()
  local item
  while IFS= read -r item; do
    case "$item" in
      *Gateway.dll*) gateways+=("$item") ;;
      *Silo.dll*) silos+=("$item") ;;
      *) storage+=("$item") ;;
    esac
  done < <(recorded_processes)
  # Gateways first, then silos, then Redis and Azurite, each group bounded (TERM or INT, 10 s, then KILL).
  [ "${#gateways[@]}" -eq 0 ] || stop_processes "${gateways[@]}"
  [ "${#silos[@]}" -eq 0 ] || stop_processes "${silos[@]}"
  [ "${#storage[@]}" -eq 0 ] || stop_processes "${storage[@]}"
  local name
  for name in $(compgen -v CLUSTER_ | grep -E '_PID$'); do set_var "$name" ""; done
  if [ -f "$env_file" ]; then save_env; fi
  # Also when this run recorded no namespace: the leftovers of a crashed --netns run of this DIR go too.
  if netns_available; then netns_cleanup; fi
  log "stopped (state in $state_dir)"
}

any_alive() {
  local item pid marker
  while IFS= read -r item; do
    IFS='|' read -r pid marker _ <<<"$item"
    if pid_is "$pid" "$marker"; then return 0; fi
  done < <(recorded_processes)
  return 1
}

start_watchdog() {
  local owner="$1"
  # A detached loop that stops the cluster once the owner process is gone. Its command line carries a marker so
  # that `stop` can recognise (and end) exactly this process.
  PUBKY_CLUSTER_IN_WATCHDOG=1 bash -c '
    owner="$1"; self="$2"; dir="$3"
    while kill -0 "$owner" 2>/dev/null; do sleep 2; done
    exec "$self" stop --state-dir "$dir"
  ' cluster-watchdog "$owner" "$self" "$state_dir" </dev/null >>"$logs/watchdog.log" 2>&1 9>&- &
  CLUSTER_WATCHDOG_PID=$!
  save_env
}

cmd_start() {
  load_env
  if any_alive; then
    die "a cluster from $env_file is still running; run 'scripts/cluster.sh stop --state-dir $state_dir' first"
  fi
  # Fresh state: old data would make the tests' expectations (for example the event ids) meaningless.
  rm -rf -- "$state_dir/redis" "$state_dir/azurite" "$state_dir"/gateway-* "$state_dir"/silo-* "$logs" "$env_file"
  for name in $(compgen -v CLUSTER_); do unset "$name"; done
  mkdir -p "$logs"
  local started=$SECONDS

  # Whatever ends this start early (die, a signal) stops what it started and removes its namespaces.
  trap 'log "start did not finish; stopping what was started"; cmd_stop' EXIT
  trap 'exit 143' TERM INT
  ensure_redis
  ensure_azurite
  ensure_build

  local -a ports
  read -r -a ports <<<"$(free_ports $((3 + 3 * silo_count)) "$silo_count")" || die "could not pick free ports"
  [ "${#ports[@]}" -eq $((3 + 4 * silo_count)) ] || die "could not pick free ports"
  CLUSTER_STATE_DIR="$state_dir"
  CLUSTER_LOGS="$logs"
  CLUSTER_NETNS=0
  [ "$use_netns" != "1" ] || netns_setup
  CLUSTER_REDIS_HOST="$(pod_address redis)"
  CLUSTER_AZURITE_HOST="$(pod_address azurite)"
  CLUSTER_ID="local-$(date +%s)-$$"
  CLUSTER_SERVICE_ID="pubky"
  CLUSTER_ADMIN_PASSWORD="$admin_password"
  CLUSTER_HOMESERVER_Z32="8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo"
  CLUSTER_REDIS_PORT="${ports[0]}"
  CLUSTER_REDIS_CONNECTION_STRING="$CLUSTER_REDIS_HOST:${ports[0]}"
  CLUSTER_AZURITE_BLOB_PORT="${ports[1]}"
  CLUSTER_AZURITE_TABLE_PORT="${ports[2]}"
  CLUSTER_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$azurite_account;AccountKey=$azurite_key;BlobEndpoint=http://$CLUSTER_AZURITE_HOST:${ports[1]}/$azurite_account;TableEndpoint=http://$CLUSTER_AZURITE_HOST:${ports[2]}/$azurite_account;"
  CLUSTER_SILO_SLOTS="$silo_count"
  CLUSTER_GATEWAY_SLOTS="$gateway_count"
  CLUSTER_SILO_COUNT="$silo_count"
  CLUSTER_GATEWAY_COUNT="$gateway_count"
  local i
  for ((i = 1; i <= silo_count; i++)); do
    set_var "CLUSTER_SILO_${i}_PORT" "${ports[3 + 3 * (i - 1)]}"
    set_var "CLUSTER_SILO_${i}_GATEWAY_PORT" "${ports[4 + 3 * (i - 1)]}"
    set_var "CLUSTER_SILO_${i}_METRICS_PORT" "${ports[5 + 3 * (i - 1)]}"
    set_var "CLUSTER_SILO_${i}_DHT_PORT" "${ports[3 + 3 * silo_count + (i - 1)]}"
  done
  for ((i = 1; i <= gateway_count; i++)); do
    assign_gateway_ports "$i" || die "could not pick free ports"
  done
  CLUSTER_PUBLIC_CLIENT_PORT="$CLUSTER_GATEWAY_1_CLIENT_PORT"
  CLUSTER_PUBLIC_PUBKY_TLS_PORT="$CLUSTER_GATEWAY_1_PUBKY_TLS_PORT"
  save_env
  [ -z "$owner_pid" ] || start_watchdog "$owner_pid"

  fail_start() {
    log "start failed: $*"
    exit 1
  }
  start_redis || fail_start "redis-server did not answer PING"
  start_azurite || fail_start "Azurite did not start"
  for ((i = 1; i <= silo_count; i++)); do launch_silo "$i" || fail_start "silo $i did not launch"; done
  for ((i = 1; i <= silo_count; i++)); do wait_silo "$i" || fail_start "silo $i is not ready"; done
  for ((i = 1; i <= gateway_count; i++)); do launch_gateway "$i" || fail_start "gateway $i did not launch"; done
  for ((i = 1; i <= gateway_count; i++)); do wait_gateway "$i" || fail_start "gateway $i is not ready"; done
  trap - EXIT TERM INT
  save_env
  log "cluster is ready after $((SECONDS - started)) s: $silo_count silos, $gateway_count gateways; settings in $env_file"
  for ((i = 1; i <= gateway_count; i++)); do
    printf 'gateway %s: %s (admin %s, pkarr relay %s, http relay %s/link)\n' "$i" "$(var "CLUSTER_GATEWAY_${i}_URL")" \
      "$(var "CLUSTER_GATEWAY_${i}_ADMIN_URL")" "$(var "CLUSTER_GATEWAY_${i}_PKARR_RELAY_URL")" "$(var "CLUSTER_GATEWAY_${i}_HTTP_RELAY_URL")"
  done
  printf 'env: %s\n' "$env_file"
}

require_running() {
  load_env
  [ -f "$env_file" ] && [ -n "${CLUSTER_REDIS_PORT:-}" ] || die "no cluster in $state_dir (run start first)"
}

require_index() {
  [ -n "$index" ] && [ "$index" -ge 1 ] && [ "$index" -le 9 ] || die "$command needs an index 1..9"
}

cmd_kill_silo() {
  require_running
  require_index
  local pid
  pid="$(var "CLUSTER_SILO_${index}_PID")"
  pid_is "$pid" "PubkyCluster.Silo.dll" || die "silo $index is not running"
  kill -KILL "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  set_var "CLUSTER_SILO_${index}_PID" ""
  save_env
  log "silo $index (pid $pid) killed with SIGKILL"
}

cmd_start_silo() {
  require_running
  require_index
  if pid_is "$(var "CLUSTER_SILO_${index}_PID")" "PubkyCluster.Silo.dll"; then die "silo $index is already running"; fi
  if [ -z "$(var "CLUSTER_SILO_${index}_PORT")" ]; then
    local -a p
    read -r -a p <<<"$(free_ports 3 1)" || die "could not pick free ports"
    [ "${#p[@]}" -eq 4 ] || die "could not pick free ports"
    set_var "CLUSTER_SILO_${index}_PORT" "${p[0]}"
    set_var "CLUSTER_SILO_${index}_GATEWAY_PORT" "${p[1]}"
    set_var "CLUSTER_SILO_${index}_METRICS_PORT" "${p[2]}"
    set_var "CLUSTER_SILO_${index}_DHT_PORT" "${p[3]}"
    [ "$index" -le "${CLUSTER_SILO_SLOTS:-0}" ] || CLUSTER_SILO_SLOTS="$index"
  fi
  launch_silo "$index" "${extra_settings[@]+"${extra_settings[@]}"}" || die "silo $index did not launch"
  wait_silo "$index" "${extra_settings[@]+"${extra_settings[@]}"}" || die "silo $index is not ready"
  save_env
}

cmd_start_gateway() {
  require_running
  require_index
  if pid_is "$(var "CLUSTER_GATEWAY_${index}_PID")" "PubkyCluster.Gateway.dll"; then die "gateway $index is already running"; fi
  if [ -z "$(var "CLUSTER_GATEWAY_${index}_CLIENT_PORT")" ]; then
    assign_gateway_ports "$index" || die "could not pick free ports"
    [ "$index" -le "${CLUSTER_GATEWAY_SLOTS:-0}" ] || CLUSTER_GATEWAY_SLOTS="$index"
  fi
  launch_gateway "$index" "${extra_settings[@]+"${extra_settings[@]}"}" || die "gateway $index did not launch"
  wait_gateway "$index" || die "gateway $index is not ready"
  save_env
}

# A rolling restart's step: SIGTERM, up to 45 s (beyond the host's 30 s shutdown timeout) for a graceful exit, then the
# same process on the same ports and pod with the settings it had. A process that needed SIGKILL fails the command.
restart_process() {
  local kind="$1" marker="$2" pid graceful=1
  local -a settings
  pid="$(var "CLUSTER_${kind^^}_${index}_PID")"
  pid_is "$pid" "$marker" || die "$kind $index is not running"
  read -r -a settings <<<"$(var "CLUSTER_${kind^^}_${index}_SETTINGS")"
  local stopped=$SECONDS
  term_wait_tenths=450 stop_processes "$pid|$marker|TERM" || graceful=0
  set_var "CLUSTER_${kind^^}_${index}_PID" ""
  save_env
  [ "$graceful" -eq 1 ] || die "$kind $index (pid $pid) did not exit within 45 s of SIGTERM"
  log "$kind $index (pid $pid) exited $((SECONDS - stopped)) s after SIGTERM; starting it again"
  "launch_$kind" "$index" "${settings[@]+"${settings[@]}"}" || die "$kind $index did not launch"
  "wait_$kind" "$index" "${settings[@]+"${settings[@]}"}" || die "$kind $index is not ready"
  save_env
}

cmd_restart_silo() {
  require_running
  require_index
  restart_process silo PubkyCluster.Silo.dll
}

cmd_restart_gateway() {
  require_running
  require_index
  restart_process gateway PubkyCluster.Gateway.dll
}

cmd_stop_gateway() {
  require_running
  require_index
  stop_processes "$(var "CLUSTER_GATEWAY_${index}_PID")|PubkyCluster.Gateway.dll|TERM"
  set_var "CLUSTER_GATEWAY_${index}_PID" ""
  save_env
  log "gateway $index stopped"
}

cmd_restart_redis() {
  require_running
  stop_processes "${CLUSTER_REDIS_PID:-}|redis-server|TERM"
  CLUSTER_REDIS_PID=""
  save_env
  log "redis-server stopped; starting it again on $CLUSTER_REDIS_PORT"
  start_redis || die "redis-server did not come back"
}

cmd_restart_azurite() {
  require_running
  # SIGINT: the table service only shuts down (and saves its database) on SIGINT; SIGTERM would kill it unsaved.
  stop_processes "${CLUSTER_AZURITE_BLOB_PID:-}|azurite|INT" "${CLUSTER_AZURITE_TABLE_PID:-}|azurite|INT"
  CLUSTER_AZURITE_BLOB_PID=""
  CLUSTER_AZURITE_TABLE_PID=""
  save_env
  log "azurite stopped; starting it again on $CLUSTER_AZURITE_BLOB_PORT and $CLUSTER_AZURITE_TABLE_PORT"
  start_azurite || die "Azurite did not come back"
}

cmd_status() {
  load_env
  [ -f "$env_file" ] || { echo "no cluster in $state_dir"; return 1; }
  local item pid marker state up=0 total=0
  while IFS= read -r item; do
    IFS='|' read -r pid marker _ <<<"$item"
    total=$((total + 1))
    if pid_is "$pid" "$marker"; then state="running"; up=$((up + 1)); else state="gone"; fi
    printf '%-24s pid %-8s %s\n' "$marker" "$pid" "$state"
  done < <(recorded_processes)
  local i
  for i in $(seq 1 "${CLUSTER_GATEWAY_SLOTS:-0}"); do
    [ -n "$(var "CLUSTER_GATEWAY_${i}_URL")" ] && printf 'gateway %s: %s (admin %s)\n' "$i" "$(var "CLUSTER_GATEWAY_${i}_URL")" "$(var "CLUSTER_GATEWAY_${i}_ADMIN_URL")"
  done
  echo "$up of $total recorded processes running; env: $env_file"
  [ "$total" -gt 0 ] && [ "$up" -eq "$total" ]
}

case "$command" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill-silo) cmd_kill_silo ;;
  start-silo) cmd_start_silo ;;
  start-gateway) cmd_start_gateway ;;
  stop-gateway) cmd_stop_gateway ;;
  restart-silo) cmd_restart_silo ;;
  restart-gateway) cmd_restart_gateway ;;
  restart-redis) cmd_restart_redis ;;
  restart-azurite) cmd_restart_azurite ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
