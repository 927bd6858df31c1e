# A throw-away PostgreSQL for the tests: Debian's binaries, a temporary data directory owned by the
# postgres user (initdb refuses root), a free port on 127.0.0.1 only, fsync on, a random password.
#   source scripts/lib/postgres.sh; start_test_postgres   # exports TEST_DATABASE_URL, sets a trap
#   stop_test_postgres                                    # also run by the trap on any exit
# or, from a program: bash scripts/lib/postgres.sh start DIR (prints the URL) / stop DIR.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

ensure_postgres_binaries() {
  if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; then return; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "==> installing Debian's postgresql" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL binaries not found in $PG_BIN: install Debian's postgresql package (apt-get install postgresql) or set PG_BIN" >&2
    return 1
  fi
}

# Runs a PostgreSQL binary as the data directory's owner.
as_pg_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres_in DIR: initdb + start; prints the connection URL.
start_postgres_in() {
  local dir="$1"
  ensure_postgres_binaries || return 1
  local port password
  # A free port in 20000-29999 (kept apart from the ephemeral range other programs draw from).
  port="$(node -e "
    const net = require('net');
    const tryPort = (n) => { if (n === 0) process.exit(1);
      const p = 20000 + Math.floor(Math.random() * 10000), s = net.createServer();
      s.once('error', () => tryPort(n - 1));
      s.listen(p, '127.0.0.1', () => { console.log(p); s.close(); }); };
    tryPort(50);")"
  password="$(node -e "console.log(require('crypto').randomBytes(18).toString('hex'))")"
  mkdir -p "$dir"
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$dir"; fi
  as_pg_owner "$PG_BIN/initdb" -D "$dir/data" -U qiwipay --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" \
    >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  echo "postgres://qiwipay:$password@127.0.0.1:$port/postgres"
}

stop_postgres_in() {
  local dir="$1"
  if [ -d "$dir/data" ]; then as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

start_test_postgres() {
  TEST_POSTGRES_DIR="$(mktemp -d /tmp/qiwi-pay-pg.XXXXXX)"
  trap stop_test_postgres EXIT
  echo "==> PostgreSQL for the tests (temporary, 127.0.0.1)"
  TEST_DATABASE_URL="$(start_postgres_in "$TEST_POSTGRES_DIR")" || return 1
  export TEST_DATABASE_URL
}

stop_test_postgres() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ]; then stop_postgres_in "$TEST_POSTGRES_DIR"; TEST_POSTGRES_DIR=""; fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) start_postgres_in "$2" ;;
    stop) stop_postgres_in "$2" ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
  esac
fi
