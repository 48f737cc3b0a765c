#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for byline's store tests and exports
# BYLINE_TEST_PG. Source it (`. scripts/pg.sh`) so the variable reaches the tests; run
# `bash scripts/pg.sh stop` to stop the cluster. As root the server runs as the `postgres` user.
# Needs PostgreSQL's server binaries (scripts/setup.sh installs them from Debian packages).
_byline_pg() {
  local port="${BYLINE_PG_PORT:-54329}"
  local dir="${BYLINE_PG_DIR:-/tmp/byline-pg-$port}"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg.sh: PostgreSQL server binaries not found (run scripts/setup.sh)" >&2
    return 1
  fi
  local as=()
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
  if [ "${1:-}" = "stop" ]; then
    [ -f "$dir/data/postmaster.pid" ] && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    return 0
  fi
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      "${as[@]}" "$bin/initdb" -D "$dir/data" -U byline --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "pg.sh: initdb failed, see $dir/initdb.log" >&2; return 1; }
    fi
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=50" start >/dev/null \
      || { echo "pg.sh: server did not start, see $dir/server.log" >&2; return 1; }
  fi
  export BYLINE_TEST_PG="postgres://byline@127.0.0.1:$port/postgres"
  echo "pg.sh: PostgreSQL on 127.0.0.1:$port, BYLINE_TEST_PG=$BYLINE_TEST_PG"
}
_byline_pg "$@"
