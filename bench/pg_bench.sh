#!/usr/bin/env bash
# Benchmark: the same validated flow import on PostgreSQL and on SQLite,
# side by side in one run (the ratio is PostgreSQL / SQLite).
#
#   bench/pg_bench.sh               # N=1000000 rows, R=1
#   N=100000 R=3 bench/pg_bench.sh  # quicker
#
# Environment: N (rows, default 1000000), R (repetitions, default 1),
# DG_N (municipalities of the national diagnosis read, default 1718),
# DG_R (runs of each national diagnosis read, default 9),
# LEDGER_N (entries of the ledger benchmark run on both stores after
# the import, default 100000; 0 to skip),
# R_READ (runs of each read below, default 3), LISTINGS_S and
# LISTINGS_D (market listings, default 2000 and 500),
# BENCH_DIR (default ${TMPDIR:-/tmp}/junkan-bench; the CSV from
# bench/gen_flows.py is shared with import_bench.sh), BENCH_NO_BUILD=1
# to use build/release/junkan as it is, JUNKAN a binary to measure.
#
# PostgreSQL is a throwaway cluster (tests/pg/cluster.sh: its own data
# directory under /tmp, 127.0.0.1, fsync off, stopped and removed at the
# end); junkan connects over TCP loopback. Both imports are one
# transaction each, through the same importer; on PostgreSQL every row
# is a prepared INSERT under a savepoint (one pipelined round trip).
# Then reads from both stores: `show summary` (national totals over the
# N flows) and `market match` with the listings read from the store,
# each checked to give the same answer on both engines.
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

# Reading from the store, on both engines in the same run:
#  - national totals: `show summary` (counts of everything and the flow
#    totals by material, route and period: one GROUP BY over every flow)
#    on stores of N flows (the PostgreSQL one the import above left);
#  - the market match: `market match` with the listings and decisions
#    read from the store (LISTINGS_S supplies x LISTINGS_D demands,
#    default 2,000 x 500, random positions over Japan, four materials;
#    the match itself is the same work on both engines).
#  - the national diagnosis: `diagnose national` on the generated
#    national data of bench/gen_diagnosis.py (DG_N municipalities,
#    default 1,718, as bench/diagnosis_bench.sh), imported into each
#    store with `diagnose import`, then read from the store (no DIR);
#    the baseline is the same command on the CSV directory, in the same
#    run; all three answers must be byte-identical.
LISTINGS_S=${LISTINGS_S:-2000}
LISTINGS_D=${LISTINGS_D:-500}
reads_db_sq=$BENCH_DIR/pg-bench-read.db
rm -f "$reads_db_sq" "$reads_db_sq-wal" "$reads_db_sq-shm"
"$JUNKAN" --db "$reads_db_sq" -q init >/dev/null
"$JUNKAN" --db "$reads_db_sq" -q import "$CSV" >/dev/null || die "SQLite import failed"
# the PostgreSQL store of the last run above holds the same N flows
reads_db_pg=$PG_URL/bench
LST=$BENCH_DIR/listings-$LISTINGS_S-$LISTINGS_D.csv
/usr/bin/python3 - "$LISTINGS_S" "$LISTINGS_D" "$LST" <<'PY'
import random, sys
s, d, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(7)
mats = ["plastic.pp", "plastic.pet.bottle", "plastic.mixed", "metal.copper.scrap"]
with open(out, "w") as f:
    f.write("id,side,org,material,quantity,recurrence,lat,lon,price,visibility,status\n")
    for side, n in (("supply", s), ("demand", d)):
        for i in range(n):
            m = mats[i % len(mats)]
            q = rng.randint(5, 80) if side == "supply" else rng.randint(20, 300)
            f.write("%s-%d,%s,org-%d,%s,%dt,monthly,%.4f,%.4f,%d,public,open\n" % (
                side[0], i, side, i % 97, m, q, rng.uniform(31.5, 43.0),
                rng.uniform(130.5, 145.0), rng.randint(20000, 90000)))
PY
"$JUNKAN" --db "$reads_db_sq" -q market import "$LST" >/dev/null || die "SQLite market import failed"
"$JUNKAN" --db "$reads_db_pg" -q market import "$LST" >/dev/null || die "PostgreSQL market import failed"
read_times() { # label db args...
    local db=$2 ts=() r t
    shift 2
    for ((r = 1; r <= R_READ; r++)); do
        t=$(timed "$JUNKAN" --db "$db" "$@") || die "$* failed on $db"
        ts+=("$t")
    done
    printf '%s\n' "${ts[@]}" | median
}
R_READ=${R_READ:-3}
log "reads: show summary, market match ($R_READ runs each)"
ss_sq=$(read_times sq "$reads_db_sq" show summary)
ss_pg=$(read_times pg "$reads_db_pg" show summary)
mm_sq=$(read_times sq "$reads_db_sq" market match)
mm_pg=$(read_times pg "$reads_db_pg" market match)
# the same answers on both engines
diff <("$JUNKAN" --db "$reads_db_sq" --format csv market match) \
    <("$JUNKAN" --db "$reads_db_pg" --format csv market match) >/dev/null ||
    die "the market match differs between the engines"
diff <("$JUNKAN" --db "$reads_db_sq" --format csv show summary) \
    <("$JUNKAN" --db "$reads_db_pg" --format csv show summary) >/dev/null ||
    die "show summary differs between the engines"
echo
echo "Reading from the store (median of $R_READ runs, wall s; same answers on both engines):"
echo
echo "| read | SQLite | PostgreSQL | PostgreSQL / SQLite |"
echo "|---|---:|---:|---:|"
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| show summary (national totals of $N flows) | $ss_sq | $ss_pg | $(ratio2 "$ss_pg" "$ss_sq")x |"
echo "| market match ($LISTINGS_S supplies x $LISTINGS_D demands from the store) | $mm_sq | $mm_pg | $(ratio2 "$mm_pg" "$mm_sq")x |"

# The national diagnosis from the store, against the CSV directory.
DG_N=${DG_N:-1718}
DG_DIR=$BENCH_DIR/diagnosis-$DG_N-2022
if [[ ! -f $DG_DIR/profiles.csv ]]; then
    log "generating the national diagnosis data ($DG_N municipalities)"
    /usr/bin/python3 "$ROOT/bench/gen_diagnosis.py" "$DG_DIR" "$DG_N" 2022 >&2 ||
        die "gen_diagnosis.py failed"
fi
dg_db_sq=$BENCH_DIR/pg-bench-dg.db
rm -f "$dg_db_sq" "$dg_db_sq-wal" "$dg_db_sq-shm"
"$JUNKAN" --db "$dg_db_sq" -q init >/dev/null
psql_q postgres -c "DROP DATABASE IF EXISTS dg" -c "CREATE DATABASE dg" 2>/dev/null
dg_db_pg=$PG_URL/dg
"$JUNKAN" --db "$dg_db_pg" -q init >/dev/null
log "national diagnosis: import, then ${DG_R:-9} reads from each store and the CSV"
di_sq=$(timed "$JUNKAN" --db "$dg_db_sq" -q diagnose import "$DG_DIR") || die "SQLite diagnose import failed"
di_pg=$(timed "$JUNKAN" --db "$dg_db_pg" -q diagnose import "$DG_DIR") || die "PostgreSQL diagnose import failed"
# Runs of a tenth of a second: milliseconds (date +%s%N), not /usr/bin/time's
# hundredths; the median of DG_R runs, the three sources taking turns.
DG_R=${DG_R:-9}
ms_run() { # command... -> wall ms
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || return 1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
dg_csv_times=() dg_sq_times=() dg_pg_times=()
for ((r = 1; r <= DG_R; r++)); do
    dg_csv_times+=("$(ms_run "$JUNKAN" --format csv diagnose national "$DG_DIR")") || die "diagnose national on the CSV failed"
    dg_sq_times+=("$(ms_run "$JUNKAN" --db "$dg_db_sq" --format csv diagnose national)") || die "diagnose national on SQLite failed"
    dg_pg_times+=("$(ms_run "$JUNKAN" --db "$dg_db_pg" --format csv diagnose national)") || die "diagnose national on PostgreSQL failed"
done
ms_s() { awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }'; }
dn_csv=$(ms_s "$(printf '%s\n' "${dg_csv_times[@]}" | median)")
dn_sq=$(ms_s "$(printf '%s\n' "${dg_sq_times[@]}" | median)")
dn_pg=$(ms_s "$(printf '%s\n' "${dg_pg_times[@]}" | median)")
"$JUNKAN" --format csv diagnose national "$DG_DIR" >"$BENCH_DIR/dg-csv.out"
"$JUNKAN" --db "$dg_db_sq" --format csv diagnose national | cmp -s - "$BENCH_DIR/dg-csv.out" ||
    die "the national diagnosis from SQLite differs from the CSV run"
"$JUNKAN" --db "$dg_db_pg" --format csv diagnose national | cmp -s - "$BENCH_DIR/dg-csv.out" ||
    die "the national diagnosis from PostgreSQL differs from the CSV run"
dg_rows=$(($(wc -l <"$DG_DIR/profiles.csv") - 1))
echo
echo "National diagnosis ($dg_rows municipalities of bench/gen_diagnosis.py; \`diagnose national\`, wall s, median of $DG_R; byte-identical answers from the CSV directory and both stores):"
echo
echo "| | CSV directory (baseline) | SQLite | PostgreSQL |"
echo "|---|---:|---:|---:|"
echo "| \`diagnose import DIR\` (one transaction) | - | $di_sq | $di_pg |"
echo "| \`diagnose national\` | $dn_csv | $dn_sq | $dn_pg |"
echo "| ratio to the CSV run | 1.00x | $(ratio2 "$dn_sq" "$dn_csv")x | $(ratio2 "$dn_pg" "$dn_csv")x |"
rm -f "$dg_db_sq" "$dg_db_sq-wal" "$dg_db_sq-shm" "$BENCH_DIR/dg-csv.out"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))"
rm -f "$reads_db_sq" "$reads_db_sq-wal" "$reads_db_sq-shm"
