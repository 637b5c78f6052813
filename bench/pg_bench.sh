#!/usr/bin/env bash
# Benchmark: the same validated flow import on PostgreSQL and on SQLite,
# side by side in one run (the ratio is PostgreSQL / SQLite).
#
#   bench/pg_bench.sh               # N=1000000 rows, R=1
#   N=100000 R=3 bench/pg_bench.sh  # quicker
#
# Environment: N (rows, default 1000000), R (repetitions, default 1),
# LEDGER_N (entries of the ledger benchmark run on both stores after
# the import, default 100000; 0 to skip),
# BENCH_DIR (default ${TMPDIR:-/tmp}/junkan-bench; the CSV from
# bench/gen_flows.py is shared with import_bench.sh), BENCH_NO_BUILD=1
# to use build/release/junkan as it is, JUNKAN a binary to measure.
#
# PostgreSQL is a throwaway cluster (tests/pg/cluster.sh: its own data
# directory under /tmp, 127.0.0.1, fsync off, stopped and removed at the
# end); junkan connects over TCP loopback. Both imports are one
# transaction each, through the same importer; on PostgreSQL every row
# is a prepared INSERT under a savepoint (one pipelined round trip).
# The markdown report goes to stdout, progress to stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000000}
R=${R:-1}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/junkan-bench}
if [[ -n ${JUNKAN:-} ]]; then
    BENCH_NO_BUILD=1
else
    JUNKAN=$ROOT/build/release/junkan
fi
TIME=/usr/bin/time
log() { printf '%s\n' "bench: $*" >&2; }
die() { log "error: $*"; exit 1; }
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || die "N must be a positive integer"
[[ $R =~ ^[0-9]+$ && $R -gt 0 ]] || die "R must be a positive integer"

if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building the release preset"
    (cd "$ROOT" && { [[ -f build/release/CMakeCache.txt ]] || cmake --preset release >&2; } &&
        cmake --build build/release -j2 >&2) || die "release build failed"
fi
[[ -x $JUNKAN ]] || die "$JUNKAN not found"
JUNKAN=$(realpath "$JUNKAN")

mkdir -p "$BENCH_DIR"
CSV=$BENCH_DIR/flows-$N.csv
if [[ ! -s $CSV ]]; then
    log "generating $N rows into $CSV"
    /usr/bin/python3 "$ROOT/bench/gen_flows.py" -n "$N" -o "$CSV.tmp" || die "gen_flows.py failed"
    mv "$CSV.tmp" "$CSV"
fi

cd "$ROOT"
set +u
. tests/pg/cluster.sh
set -u
pg_cluster_start || die "the PostgreSQL cluster did not start"
log "cluster $PG_URL"
psql_q() { "$PG_BIN/psql" -X -q -tA -h 127.0.0.1 -p "$PG_PORT" -U junkan -d "$@"; }

# Wall seconds of one command (stdout, stderr dropped).
timed() {
    local tf=$BENCH_DIR/pg-bench.time
    $TIME -f '%e' -o "$tf" "$@" >/dev/null 2>&1 || return 1
    cat "$tf"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

sq_times=()
pg_times=()
for ((r = 1; r <= R; r++)); do
    db=$BENCH_DIR/pg-bench-sqlite.db
    rm -f "$db" "$db-wal" "$db-shm"
    "$JUNKAN" --db "$db" -q init >/dev/null
    log "run $r/$R: SQLite"
    t=$(timed "$JUNKAN" --db "$db" -q import "$CSV") || die "SQLite import failed"
    n=$(sqlite3 "$db" "select count(*) from flow")
    [[ $n == "$N" ]] || die "SQLite holds $n flows, expected $N"
    sq_times+=("$t")
    rm -f "$db" "$db-wal" "$db-shm"

    psql_q postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" 2>/dev/null
    "$JUNKAN" --db "$PG_URL/bench" -q init >/dev/null
    log "run $r/$R: PostgreSQL"
    t=$(timed "$JUNKAN" --db "$PG_URL/bench" -q import "$CSV") || die "PostgreSQL import failed"
    n=$(psql_q bench -c "select count(*) from flow")
    [[ $n == "$N" ]] || die "PostgreSQL holds $n flows, expected $N"
    pg_times+=("$t")
done
sq=$(printf '%s\n' "${sq_times[@]}" | median)
pg=$(printf '%s\n' "${pg_times[@]}" | median)
ratio=$(awk -v a="$pg" -v b="$sq" 'BEGIN { printf "%.1f", a / b }')
rate() { awk -v n="$N" -v t="$1" 'BEGIN { printf "%d", n / t }'; }

echo "| store | rows | median s ($R runs) | rows/s |"
echo "|---|---:|---:|---:|"
echo "| SQLite (file, WAL) | $N | $sq | $(rate "$sq") |"
echo "| PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') (loopback TCP) | $N | $pg | $(rate "$pg") |"
echo
echo "PostgreSQL / SQLite: ${ratio}x"

# Ledger: bench_ledger (bench/ledger_bench.c) on each store, a log of
# LEDGER_N entries (default 100,000): appends in batches and one by one,
# full verification, replay.
LEDGER_N=${LEDGER_N:-100000}
if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    cmake --build "$ROOT/build/release" -j2 --target bench_ledger >&2 || die "bench_ledger build failed"
fi
BL=$ROOT/build/release/bench/bench_ledger
if [[ -x $BL && $LEDGER_N -gt 0 ]]; then
    log "ledger, $LEDGER_N entries: SQLite"
    echo
    echo "Ledger, a log of $LEDGER_N entries (bench_ledger), SQLite:"
    echo '```'
    "$BL" "$LEDGER_N" "$BENCH_DIR" 2>&1 | grep -v '^building'
    echo '```'
    psql_q postgres -c "CREATE DATABASE ledger" 2>/dev/null
    log "ledger, $LEDGER_N entries: PostgreSQL"
    echo "PostgreSQL:"
    echo '```'
    "$BL" "$LEDGER_N" "$PG_URL/ledger" 2>&1 | grep -v '^building'
    echo '```'
fi
