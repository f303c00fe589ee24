#!/usr/bin/env bash
# scripts/postgres.sh — make a PostgreSQL server reachable for the Pulumi state of the tests.
#
# Usage:  url="$(bash scripts/postgres.sh | tail -n1)"; pulumi login "$url"
#
# The LAST line of stdout is a connection URL the Pulumi CLI's PostgreSQL backend accepts:
#   postgres://<user>:<password>@127.0.0.1:<port>/<database>?sslmode=disable
# All progress goes to stderr. Exit status is non-zero, with what was tried, if no server could be had.
#
# What it does, in order (the first that works wins):
#  1. KORE_E2E_POSTGRES_URL is set: checks that it answers (`psql "$url" -c 'select 1'`) and prints it.
#     A URL that does not answer is an error (no silent fallback to a local server).
#  2. A server on 127.0.0.1:5432 that accepts the configured user and password: prints its URL.
#  3. Our own cluster, already running (data in $KORE_POSTGRES_DIR, port $KORE_POSTGRES_PORT): prints
#     its URL. This is the usual second run: instant.
#  4. Else makes that cluster:
#     - no PostgreSQL server binaries (initdb/pg_ctl in /usr/lib/postgresql/<v>/bin or on PATH): as root
#       `apt-get install -y postgresql` (Debian's package; `apt-get update` first when the package is
#       not known or the install fails), otherwise an error saying so;
#     - initdb as the `postgres` user (when running as root; initdb refuses root) or as yourself,
#       into $KORE_POSTGRES_DIR/data: superuser `postgres`, trust over the Unix socket (which lives in
#       the 0700 data folder, so only its owner can use it), scram-sha-256 over TCP;
#     - pg_ctl start on 127.0.0.1:$KORE_POSTGRES_PORT only (never another address), log in
#       $KORE_POSTGRES_DIR/postgres.log;
#     - creates the role (LOGIN, the password below, nothing more) and the database it owns.
#     The server keeps running after the script ends. Stop it with:
#       runuser -u postgres -- pg_ctl -D "$KORE_POSTGRES_DIR/data" stop   (as root; plain pg_ctl otherwise)
#
# Knobs (all optional):
#   KORE_E2E_POSTGRES_URL=postgres://...     use this server (step 1) and nothing else
#   KORE_POSTGRES_USER=kore_pulumi  KORE_POSTGRES_PASSWORD=kore-local-only  KORE_POSTGRES_DB=pulumi_state
#   KORE_POSTGRES_PORT=54329                 port of our own cluster (not 5432: Debian's own `main`
#                                            cluster claims that one when the package is installed)
#   KORE_POSTGRES_DIR=/tmp/kore-postgres     folder of our own cluster (one per machine, shared by clones)
# The password is a local, loopback-only throwaway, like the tests' Pulumi passphrase: use your own
# server (KORE_E2E_POSTGRES_URL) for anything else.
set -euo pipefail

main() {

log() { printf 'postgres: %s\n' "$*" >&2; }
TRIED=()
die() {
  log "error: $*"
  if ((${#TRIED[@]})); then
    log "tried:"
    for t in "${TRIED[@]}"; do log "  - $t"; done
  fi
  exit 1
}

PGUSER_="${KORE_POSTGRES_USER:-kore_pulumi}"
PGPASS_="${KORE_POSTGRES_PASSWORD:-kore-local-only}"
PGDB_="${KORE_POSTGRES_DB:-pulumi_state}"
PORT="${KORE_POSTGRES_PORT:-54329}"
DIR="${KORE_POSTGRES_DIR:-/tmp/kore-postgres}"
DATA="$DIR/data"
[[ "$PGUSER_" =~ ^[a-z_][a-z0-9_]*$ && "$PGDB_" =~ ^[a-z_][a-z0-9_]*$ ]] || die "KORE_POSTGRES_USER and KORE_POSTGRES_DB must be plain lower-case SQL names"
[[ "$PGPASS_" =~ ^[A-Za-z0-9._~-]+$ ]] || die "KORE_POSTGRES_PASSWORD may only hold URL-safe characters (A-Z a-z 0-9 . _ ~ -)"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "KORE_POSTGRES_PORT must be a number"

url_for() { printf 'postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable' "$PGUSER_" "$PGPASS_" "$1" "$PGDB_"; }
redact() { sed -E 's#(postgres(ql)?://[^:/@]*:)[^@]*@#\1****@#g'; }

PSQL="$(command -v psql || true)"
# Answers `select 1` through the URL? (connect timeout 3 s; the error, redacted, in $LAST_ERR)
LAST_ERR=""
answers() {
  [[ -n "$PSQL" ]] || { LAST_ERR="psql not found"; return 1; }
  local out
  if out="$(PGCONNECT_TIMEOUT=3 "$PSQL" "$1" -XtAc 'select 1' 2>&1)" && [[ "$out" == 1 ]]; then return 0; fi
  LAST_ERR="$(printf '%s' "$out" | redact | tr '\n' ' ' | cut -c1-300)"
  return 1
}

# ---- 1. a URL from the environment -------------------------------------------------------------
if [[ -n "${KORE_E2E_POSTGRES_URL:-}" ]]; then
  url="$KORE_E2E_POSTGRES_URL"
  shown="$(printf '%s' "$url" | redact)"
  [[ "$url" == postgres://* ]] || die "KORE_E2E_POSTGRES_URL must start with postgres:// (the scheme the Pulumi CLI's PostgreSQL backend registers); got $shown"
  if [[ -z "$PSQL" ]]; then
    log "warning: psql not found: cannot check KORE_E2E_POSTGRES_URL ($shown); using it as given"
    echo "$url"; exit 0
  fi
  answers "$url" || die "KORE_E2E_POSTGRES_URL ($shown) does not answer: $LAST_ERR"
  log "using KORE_E2E_POSTGRES_URL ($shown)"
  echo "$url"; exit 0
fi

# ---- 2. a server on the standard port that accepts our user ------------------------------------
if [[ -n "$PSQL" ]]; then
  if answers "$(url_for 5432)"; then
    log "using the server on 127.0.0.1:5432 (user $PGUSER_, database $PGDB_)"
    url_for 5432; echo; exit 0
  fi
  TRIED+=("127.0.0.1:5432 as $PGUSER_: $LAST_ERR")
fi

# ---- 3. our own cluster, already running --------------------------------------------------------
if [[ -n "$PSQL" ]] && answers "$(url_for "$PORT")"; then
  log "using the cluster in $DATA on 127.0.0.1:$PORT"
  url_for "$PORT"; echo; exit 0
fi

# ---- 4. make it ---------------------------------------------------------------------------------
START=$SECONDS
mkdir -p "$DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR/.lock"
  flock -n 9 || { log "another run is setting the cluster up; waiting for it..."; flock 9; }
  PSQL="$(command -v psql || true)"
  if [[ -n "$PSQL" ]] && answers "$(url_for "$PORT")"; then url_for "$PORT"; echo; exit 0; fi
fi

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  fi
  d="$(command -v initdb || true)"
  [[ -n "$d" ]] && d="$(dirname "$(readlink -f "$d")")" && [[ -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  return 1
}

BINDIR="$(find_bindir || true)"
if [[ -z "$BINDIR" ]]; then
  TRIED+=("PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin, pg_config --bindir, PATH: none")
  if [[ "$(id -u)" != 0 ]]; then
    die "no PostgreSQL server installed and not root, so cannot apt-get install postgresql. Install it (sudo apt-get install -y postgresql) or set KORE_E2E_POSTGRES_URL"
  fi
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL server installed and no apt-get: install PostgreSQL or set KORE_E2E_POSTGRES_URL"
  export DEBIAN_FRONTEND=noninteractive
  log "installing Debian's postgresql package (apt-get install -y postgresql)..."
  if ! apt-get install -y -q postgresql >&2; then
    log "install failed; running apt-get update first, then again"
    apt-get update -q >&2 || TRIED+=("apt-get update: failed")
    apt-get install -y -q postgresql >&2 || { TRIED+=("apt-get install -y postgresql: failed (see above)"); die "could not install PostgreSQL"; }
  fi
  BINDIR="$(find_bindir || true)"
  [[ -n "$BINDIR" ]] || die "apt-get install postgresql succeeded but no initdb/pg_ctl was found under /usr/lib/postgresql/*/bin"
  log "installed in $((SECONDS - START)) s"
fi
PSQL="$(command -v psql || echo "$BINDIR/psql")"
[[ -x "$PSQL" ]] || die "psql not found (it comes with the postgresql-client package)"
log "server binaries: $BINDIR ($("$BINDIR/postgres" --version 2>/dev/null || echo '?'))"

# As root, the cluster belongs to `postgres` (the Debian package creates that user); else to yourself.
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to own the cluster (initdb refuses root)"
  OWNER=postgres
  RUNUSER="$(command -v runuser || { [[ -x /usr/sbin/runuser ]] && echo /usr/sbin/runuser; } || { [[ -x /sbin/runuser ]] && echo /sbin/runuser; } || true)"
  if [[ -n "$RUNUSER" ]]; then
    as_owner() { "$RUNUSER" -u postgres -- "$@"; }
  else
    as_owner() { su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; }
  fi
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi
chown "$OWNER" "$DIR"; cd "$DIR"
chmod 0755 "$DIR"

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  log "initdb into $DATA (owner $OWNER)"
  rm -rf "$DATA"
  pwfile="$DIR/.initdb-pw"
  # the superuser gets a random password it never needs (local socket: trust, TCP: scram)
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pwfile")
  chown "$OWNER" "$pwfile"
  as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || { rm -f "$pwfile"; tail -n 20 "$DIR/initdb.log" >&2; die "initdb failed (log: $DIR/initdb.log)"; }
  rm -f "$pwfile"
  cat >>"$DATA/postgresql.conf" <<EOF

# scripts/postgres.sh: loopback only, socket inside the data folder (not /var/run/postgresql)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 50
shared_buffers = 32MB
fsync = on
EOF
fi

if ! as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting the server on 127.0.0.1:$PORT (log: $DIR/postgres.log)"
  touch "$DIR/postgres.log"; chown "$OWNER" "$DIR/postgres.log"
  as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 30 start >&2 \
    || { tail -n 20 "$DIR/postgres.log" >&2; TRIED+=("pg_ctl start of $DATA on port $PORT: failed (port taken?)"); die "could not start PostgreSQL (log: $DIR/postgres.log)"; }
fi

sql() { as_owner "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres -d postgres "$@"; }
if [[ "$(sql -tAc "select 1 from pg_roles where rolname = '$PGUSER_'")" != 1 ]]; then
  log "creating role $PGUSER_"
  sql -c "create role $PGUSER_ login password '$PGPASS_'" >&2
else
  sql -c "alter role $PGUSER_ login password '$PGPASS_'" >&2
fi
if [[ "$(sql -tAc "select 1 from pg_database where datname = '$PGDB_'")" != 1 ]]; then
  log "creating database $PGDB_ (owner $PGUSER_)"
  sql -c "create database $PGDB_ owner $PGUSER_" >&2
fi

answers "$(url_for "$PORT")" || { TRIED+=("our cluster $DATA on 127.0.0.1:$PORT as $PGUSER_: $LAST_ERR"); die "the cluster is running but refuses $PGUSER_"; }
log "ready in $((SECONDS - START)) s: 127.0.0.1:$PORT, user $PGUSER_, database $PGDB_"
url_for "$PORT"; echo
}

main "$@"
