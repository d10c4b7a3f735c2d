#!/usr/bin/env bash
# PostgreSQL and Redis on loopback for the tests, in a temporary folder: sourced by scripts/test.sh.
# start_test_services exports DAPPANEL_TEST_POSTGRES and DAPPANEL_TEST_REDIS (unless already set)
# and registers what it started; stop_test_services stops only that.

_started_postgres=
_started_redis=
_services_dir=

_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_services() {
  local need=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing test services: ${need[*]}"
    local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  _services_dir=$(mktemp -d /tmp/dappanel-services.XXXXXX)
  chmod 755 "$_services_dir"

  if [ -z "${DAPPANEL_TEST_POSTGRES:-}" ]; then
    local bin port
    bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
    port=$(_free_port)
    mkdir -p "$_services_dir/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$_services_dir/pg"
    _as_postgres "$bin/initdb" -D "$_services_dir/pg/data" -U postgres -A trust --no-sync >/dev/null
    _as_postgres "$bin/pg_ctl" -D "$_services_dir/pg/data" -l "$_services_dir/pg/log" -w \
      -o "-p $port -k $_services_dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    _started_postgres="$bin/pg_ctl"
    export DAPPANEL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
    echo "PostgreSQL on 127.0.0.1:$port"
  fi

  if [ -z "${DAPPANEL_TEST_REDIS:-}" ]; then
    local port
    port=$(_free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$_services_dir" --pidfile "$_services_dir/redis.pid" --logfile "$_services_dir/redis.log"
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    _started_redis="$port"
    export DAPPANEL_TEST_REDIS="127.0.0.1:$port"
    echo "Redis on 127.0.0.1:$port"
  fi
}

stop_test_services() {
  if [ -n "$_started_redis" ]; then
    redis-cli -p "$_started_redis" shutdown nosave >/dev/null 2>&1 || true
    [ -f "$_services_dir/redis.pid" ] && kill "$(cat "$_services_dir/redis.pid")" 2>/dev/null || true
    _started_redis=
  fi
  if [ -n "$_started_postgres" ]; then
    _as_postgres "$_started_postgres" -D "$_services_dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    _started_postgres=
  fi
  [ -n "$_services_dir" ] && rm -rf "$_services_dir"
  _services_dir=
}
