#!/usr/bin/env bash
# Local Postgres and Redis for development, tests and benchmarks, without Docker.
#
#   tools/deps.sh start    install (as root, when missing), start or reuse; prints the settings
#   tools/deps.sh stop     stop what start started
#   tools/deps.sh status   say what answers
#   tools/deps.sh env      print the environment variables the hosts and tests read
#
# Data lives in .local/ (git-ignored), on non-default ports so a system instance never collides:
# Postgres on QWEEBY_PG_PORT (5433), Redis on QWEEBY_REDIS_PORT (6380).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg_port=${QWEEBY_PG_PORT:-5433}
redis_port=${QWEEBY_REDIS_PORT:-6380}
data=${QWEEBY_DATA_DIR:-$repo/.local}

log() { printf 'deps: %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && echo "$dir"
}

install_missing() {
  local need=()
  [ -n "$(pg_bin)" ] || need+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing ${need[*]}: run this script as root once, or: sudo apt-get install ${need[*]}"
    exit 1
  fi
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Debian's postinst may start a system cluster on 5432; ours uses its own port and folder.
  apt-get install -y -qq "${need[@]}" >/dev/null
}

# Postgres refuses to run as root: as root, the data folder must be reachable by the postgres user.
pg_data_dir() {
  local dir=$data/postgres
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$repo" 2>/dev/null; then
    dir=/var/tmp/qweeby-routing-$(printf '%s' "$repo" | md5sum | cut -c1-8)/postgres
  fi
  echo "$dir"
}

pg_ready() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$pg_port" 2>/dev/null; }

start_postgres() {
  if pg_ready; then log "postgres already answers on $pg_port: reusing it"; return; fi
  local bin dir
  bin=$(pg_bin); dir=$(pg_data_dir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initdb in $dir"
    # Collation C: the same order as glibc's C.UTF-8 (code points), but Postgres knows it is bytewise, so
    # sorts and B-tree comparisons skip strcoll() (index builds after bulk loads: 4x faster; README, Performance).
    as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --lc-collate=C >/dev/null
    # Tuned as a small dedicated server would be (documented in the README, Performance).
    cat "$repo/tools/postgres.conf" >> "$dir/postgresql.conf"
  fi
  as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp" start >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qweeby') THEN
    CREATE ROLE qweeby LOGIN CREATEDB PASSWORD 'qweeby';
  END IF;
END $$;
SELECT 'CREATE DATABASE qweeby OWNER qweeby' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'qweeby')\gexec
SQL
  log "postgres started on 127.0.0.1:$pg_port (data $dir)"
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; }

start_redis() {
  if redis_ready; then log "redis already answers on $redis_port: reusing it"; return; fi
  mkdir -p "$data/redis"
  # A cache: no snapshots. What must survive a Redis crash lives in Postgres.
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$data/redis" --pidfile "$data/redis/redis.pid" --logfile "$data/redis/redis.log"
  for _ in $(seq 50); do redis_ready && break; sleep 0.1; done
  redis_ready || { log "redis did not start; see $data/redis/redis.log"; exit 1; }
  log "redis started on 127.0.0.1:$redis_port"
}

print_env() {
  cat <<ENV
export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Database=qweeby;Username=qweeby;Password=qweeby'
export ConnectionStrings__Redis='127.0.0.1:$redis_port'
export QWEEBY_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=qweeby;Password=qweeby'
export QWEEBY_TEST_REDIS='127.0.0.1:$redis_port'
ENV
}

case "${1:-start}" in
  start)
    install_missing
    start_postgres
    start_redis
    ;;
  stop)
    bin=$(pg_bin || true)
    if [ -n "$bin" ] && [ -f "$(pg_data_dir)/postmaster.pid" ]; then
      as_postgres "$bin/pg_ctl" -D "$(pg_data_dir)" -m fast -w stop >/dev/null && log "postgres stopped"
    fi
    if redis_ready; then redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true; log "redis stopped"; fi
    ;;
  status)
    if pg_ready; then echo "postgres: up on $pg_port"; else echo "postgres: down"; fi
    if redis_ready; then echo "redis: up on $redis_port"; else echo "redis: down"; fi
    ;;
  env) print_env ;;
  *) echo "usage: tools/deps.sh start|stop|status|env" >&2; exit 2 ;;
esac
