#!/usr/bin/env bash
# Faults on PostgreSQL (run by tests/pg/run.sh, in its cluster):
#
#   bash tests/pg/faults.sh JUNKAN
#
# 1. The server is stopped (pg_ctl stop -m immediate) while a large
#    import runs in a child process: junkan exits 1 with a clear error,
#    and after a restart the flow count is what it was before the
#    import (nothing half-lands).
# 2. After the restart, junkan works again (a new connection; the store
#    named by JUNKAN_DB this time), and a new import lands whole.
# (A connection lost and re-made inside one process is checked in
# test_store_engines: lost_connection_reconnects.)
set -u
JUNKAN=$1
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/cluster.sh"
[ -n "$PG_DIR" ] || { echo "faults.sh: no cluster (run tests/pg/run.sh)" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/jk-pg-faults.XXXXXX")
trap 'rm -rf "$W"' EXIT
psql_q() { "$PG_BIN/psql" -X -q -tA -h 127.0.0.1 -p "$PG_PORT" -U junkan -d "$@"; }
fail() { echo "faults.sh: $*" >&2; exit 1; }

"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U junkan faults || fail "createdb"
DB=$PG_URL/faults
"$JUNKAN" --db "$DB" init >/dev/null 2>&1 || fail "init"
"$JUNKAN" --db "$DB" import data/demo/ >/dev/null 2>&1 || fail "demo import"
before=$(psql_q faults -c "SELECT count(*) FROM flow")
[ "$before" = 80 ] || fail "expected 80 flows after the demo import, got $before"

# 1,000,000 flows: long enough (about 20 s) to be caught in the middle.
awk 'BEGIN { print "from,to,material,mass,period";
             for (i = 0; i < 1000000; i++)
                 printf "p%d,q%d,plastic,%d kg,FY2023\n", i % 97, i % 89, 1 + i % 1000 }' \
    >"$W/big.csv"
"$JUNKAN" --db "$DB" import "$W/big.csv" >"$W/out" 2>"$W/err" &
pid=$!
# Wait until the import's transaction has written flows.
for _ in $(seq 1 600); do
    n=$(psql_q faults -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'faults' AND xact_start IS NOT NULL AND query LIKE '%flow%' AND pid <> pg_backend_pid()" 2>/dev/null)
    [ "${n:-0}" -gt 0 ] && break
    sleep 0.1
done
[ "${n:-0}" -gt 0 ] || { kill "$pid"; fail "the import never started writing flows"; }
sleep 0.5
pg_cluster_kill || fail "pg_ctl stop -m immediate"
wait "$pid"
rc=$?
[ "$rc" = 1 ] || fail "the interrupted import exited $rc, expected 1 (stderr: $(cat "$W/err"))"
grep -q "the connection to PostgreSQL was lost" "$W/err" ||
    fail "no clear error: $(cat "$W/err")"
echo "interrupted import: $(cat "$W/err")"

pg_cluster_restart || fail "restart"
after=$(psql_q faults -c "SELECT count(*) FROM flow")
[ "$after" = "$before" ] || fail "after the restart $after flows, expected $before: the import half-landed"
logged=$(psql_q faults -c "SELECT count(*) FROM import_log WHERE file LIKE '%big.csv'")
[ "$logged" = 0 ] || fail "the import log records the failed import"

# JUNKAN_DB selects the store as --db does.
JUNKAN_DB=$DB "$JUNKAN" show summary >"$W/out" 2>"$W/err" || fail "after restart: $(cat "$W/err")"
grep -q "^flow  *all  *$before\$" "$W/out" || fail "show summary via JUNKAN_DB: $(cat "$W/out")"
head -n 20001 "$W/big.csv" >"$W/small.csv"
"$JUNKAN" --db "$DB" import "$W/small.csv" >/dev/null 2>"$W/err" || fail "import after restart: $(cat "$W/err")"
after=$(psql_q faults -c "SELECT count(*) FROM flow")
[ "$after" = $((before + 20000)) ] || fail "after a new import $after flows, expected $((before + 20000))"
echo "faults: 3 passed"
