#!/usr/bin/env bash
# Benchmark: junkan's validated CSV flow import against the sqlite3
# shell's raw `.import` of the same file, side by side in one run.
#
#   bench/import_bench.sh              # N=1000000 rows, R=3 repetitions
#   N=100000 bench/import_bench.sh     # quick
#
# Environment:
#   N              flow rows to generate (default 1000000)
#   R              repetitions (default 3)
#   BENCH_DIR      where the CSV and the databases go
#                  (default ${TMPDIR:-/tmp}/junkan-bench); the CSV is
#                  reused across runs, the databases are removed
#   BENCH_NO_BUILD 1 = use build/release/junkan as it is, do not build
#   JUNKAN         a junkan binary to measure instead of build/release/junkan
#                  (implies BENCH_NO_BUILD=1)
#   BENCH_STRICT   1 = exit 3 when a goal (<= 2x time, < 100 MB) is missed
#
# The markdown report goes to stdout; progress goes to stderr. Exits
# non-zero if the build, the generation, either import or a row count
# check fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000000}
R=${R:-3}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/junkan-bench}
if [[ -n ${JUNKAN:-} ]]; then
    BENCH_NO_BUILD=1
else
    JUNKAN=$ROOT/build/release/junkan
fi
PY=/usr/bin/python3
TIME=/usr/bin/time

log() { printf '%s\n' "bench: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || die "N must be a positive integer, got '$N'"
[[ $R =~ ^[0-9]+$ && $R -gt 0 ]] || die "R must be a positive integer, got '$R'"

# --- tools ------------------------------------------------------------
apt_install() {
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    log "installing $* with apt-get"
    $sudo apt-get install -y -q "$@" >&2 ||
        { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "$@" >&2; } ||
        die "cannot install $*"
}
[[ -x $TIME ]] || apt_install time
command -v sqlite3 >/dev/null || apt_install sqlite3
[[ -x $PY ]] || die "$PY not found"

# --- build ------------------------------------------------------------
if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building the release preset"
    (
        cd "$ROOT"
        if [[ ! -f build/release/CMakeCache.txt ]]; then
            cmake --preset release >&2
        fi
        cmake --build build/release -j2 >&2
    ) || die "release build failed"
fi
[[ -x $JUNKAN ]] || die "$JUNKAN not found (build the release preset)"
JUNKAN=$(cd "$(dirname "$JUNKAN")" && pwd)/$(basename "$JUNKAN")
log "measuring $JUNKAN"

# --- data -------------------------------------------------------------
mkdir -p "$BENCH_DIR"
CSV=$BENCH_DIR/flows-$N.csv
if [[ ! -s $CSV || $ROOT/bench/gen_flows.py -nt $CSV ]]; then
    log "generating $N rows into $CSV"
    "$PY" "$ROOT/bench/gen_flows.py" -n "$N" -o "$CSV.tmp" ||
        die "gen_flows.py failed"
    mv "$CSV.tmp" "$CSV"
else
    log "reusing $CSV"
fi
CSV_MB=$(awk -v b="$(stat -c %s "$CSV")" 'BEGIN { printf "%.1f", b / 1e6 }')

BASE_DB=$BENCH_DIR/base.db
J_DB=$BENCH_DIR/j.db
TFILE=$BENCH_DIR/time.out
ERRF=$BENCH_DIR/stderr.out
cleanup() { rm -f "$BASE_DB" "$BASE_DB"-* "$J_DB" "$J_DB"-* "$TFILE" "$ERRF"; }
trap cleanup EXIT

# timed LABEL CMD... : run CMD under /usr/bin/time; sets T_WALL (s) and
# T_RSS (KiB). Fails with the command's stderr shown.
timed() {
    local label=$1
    shift
    if ! "$TIME" -o "$TFILE" -f '%e %M' "$@" 2>"$ERRF"; then
        cat "$ERRF" >&2
        [[ -f $TFILE ]] && cat "$TFILE" >&2
        die "$label failed"
    fi
    read -r T_WALL T_RSS < <(tail -n 1 "$TFILE")
    [[ -n ${T_WALL:-} && -n ${T_RSS:-} ]] || die "$label: no timing from $TIME"
}

count_rows() {
    local n
    n=$(sqlite3 "$1" 'select count(*) from flow') || die "cannot count rows in $1"
    [[ $n == "$N" ]] || die "$2 loaded $n rows, expected $N"
}

# --- runs -------------------------------------------------------------
BASE_T=() BASE_M=() J_T=() J_M=()
cd "$BENCH_DIR"
for ((i = 1; i <= R; i++)); do
    # (a) baseline: plain table, 9 TEXT columns, sqlite3 shell .import
    rm -f "$BASE_DB" "$BASE_DB"-*
    timed "sqlite3 .import" sqlite3 -bail "$BASE_DB" \
        'CREATE TABLE flow("from" TEXT, "to" TEXT, material TEXT, mass TEXT, unit TEXT, period TEXT, route TEXT, label TEXT, source TEXT);' \
        '.mode csv' \
        ".import --skip 1 \"$CSV\" flow"
    count_rows "$BASE_DB" "sqlite3 .import"
    BASE_T+=("$T_WALL") BASE_M+=("$T_RSS")
    log "run $i/$R: sqlite3 .import  ${T_WALL}s  ${T_RSS} KiB"

    # (b) junkan: fresh database seeded with reference tables (untimed),
    # then the validated import (timed)
    rm -f "$J_DB" "$J_DB"-*
    "$JUNKAN" --db "$J_DB" init -q || die "junkan init failed"
    timed "junkan import" "$JUNKAN" --db "$J_DB" -q import "$CSV"
    count_rows "$J_DB" "junkan import"
    J_T+=("$T_WALL") J_M+=("$T_RSS")
    log "run $i/$R: junkan import    ${T_WALL}s  ${T_RSS} KiB"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { printf '%s\n' "$@" | sort -g | tail -n 1; }

bt=$(median "${BASE_T[@]}") jt=$(median "${J_T[@]}")
bm=$(max "${BASE_M[@]}") jm=$(max "${J_M[@]}")

# --- report -----------------------------------------------------------
awk -v n="$N" -v r="$R" -v mb="$CSV_MB" \
    -v bt="$bt" -v jt="$jt" -v bm="$bm" -v jm="$jm" \
    -v bruns="${BASE_T[*]}" -v jruns="${J_T[*]}" \
    -v strict="${BENCH_STRICT:-0}" '
function rate(t) { return t > 0 ? sprintf("%.0f", n / t) : "-" }
function mbytes(k) { return sprintf("%.1f", k * 1024 / 1e6) }
BEGIN {
    ratio = bt > 0 ? jt / bt : 0
    printf "Import of %d flow rows (%s MB CSV), median of %d runs\n\n", n, mb, r
    print "| import | median wall (s) | runs (s) | rows/s | peak RSS (MB) |"
    print "|---|---:|---|---:|---:|"
    printf "| sqlite3 `.import` (baseline) | %.2f | %s | %s | %s |\n", bt, bruns, rate(bt), mbytes(bm)
    printf "| junkan `import` (validated) | %.2f | %s | %s | %s |\n", jt, jruns, rate(jt), mbytes(jm)
    printf "| **ratio junkan / baseline** | **%.2fx** | | | %.2fx |\n", ratio, (bm > 0 ? jm / bm : 0)
    tok = ratio <= 2.0
    mok = jm * 1024 < 100e6
    printf "\nGoal: time within 2x of `.import`: %s (%.2fx)\n", tok ? "met" : "NOT met", ratio
    printf "Goal: peak RSS under 100 MB: %s (%s MB)\n", mok ? "met" : "NOT met", mbytes(jm)
    if (strict == 1 && !(tok && mok))
        exit 3
}'
