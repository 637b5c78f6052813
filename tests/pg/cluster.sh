# A throwaway PostgreSQL cluster for the tests and benchmarks; source it.
#
#   pg_cluster_start      initdb + pg_ctl start in a fresh temporary
#                         directory, on 127.0.0.1 and a free port; sets
#                         PG_DIR, PG_PORT, PG_URL (postgres://junkan@
#                         127.0.0.1:PORT) and registers pg_cluster_stop
#                         on EXIT. Fails (returns 1) if it cannot start.
#   pg_cluster_stop       stop the server and remove the directory.
#   pg_cluster_kill       stop at once (pg_ctl stop -m immediate).
#   pg_cluster_restart    start again on the same directory and port.
#   pg_createdb NAME      create a database; echo its URI.
#
# The cluster never touches a system-wide one: its own data directory,
# its own socket directory, trust authentication for the `junkan` role
# on loopback only. initdb refuses to run as root, so under root (CI,
# containers) the server runs as `nobody` (JK_PG_USER to choose another)
# and the directory is made over to that user.

PG_BIN=${JK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
# Sourced again by a child script, the cluster of the parent is kept.
PG_DIR=${PG_DIR:-}
PG_PORT=${PG_PORT:-}
PG_URL=${PG_URL:-}
PG_AS=()
if [ "$(id -u)" = 0 ]; then
    PG_AS=(runuser -u "${JK_PG_USER:-nobody}" --)
fi
# The server's tools run from / : the caller's directory may be closed
# to the server's user (a checkout under /root).
pg_as() { (cd / && "${PG_AS[@]}" "$@"); }

pg_cluster_start() {
    local try port
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        echo "cluster.sh: no PostgreSQL server binaries (install postgresql)" >&2
        return 1
    fi
    # The data directory lives under /tmp: every parent must be
    # traversable by the server's user.
    PG_DIR=$(mktemp -d /tmp/jk-pg.XXXXXX) || return 1
    trap pg_cluster_stop EXIT
    if [ "$(id -u)" = 0 ]; then
        chown "${JK_PG_USER:-nobody}" "$PG_DIR" || return 1
    fi
    chmod 700 "$PG_DIR"
    if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U junkan \
        --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
        echo "cluster.sh: initdb failed:" >&2
        cat "$PG_DIR/initdb.log" >&2
        return 1
    fi
    for try in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 20000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue # taken
        fi
        PG_PORT=$port
        if pg_cluster_restart; then
            PG_URL="postgres://junkan@127.0.0.1:$PG_PORT"
            return 0
        fi
    done
    echo "cluster.sh: the PostgreSQL server did not start:" >&2
    cat "$PG_DIR/server.log" >&2
    return 1
}

pg_cluster_restart() {
    # fsync off: a throwaway cluster; an immediate stop (the fault tests)
    # still keeps every committed transaction, which is in the kernel.
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
        -w -t 60 -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
        start >/dev/null
}

pg_cluster_kill() {
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null
}

pg_cluster_stop() {
    if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
        if [ -f "$PG_DIR/data/postmaster.pid" ]; then
            pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop \
                >/dev/null 2>&1 ||
                pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate \
                    stop >/dev/null 2>&1
        fi
        rm -rf "$PG_DIR"
    fi
    PG_DIR=
}

pg_createdb() { # name
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U junkan "$1" >&2 &&
        echo "$PG_URL/$1"
}
