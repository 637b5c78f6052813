#!/usr/bin/env bash
# Benchmark: junkan's MFA data reconciliation (jk_mfa_reconcile, sparse
# CHOLMOD and dense LAPACKE solvers) against an efficient numpy
# implementation of the same formulas, on generated process networks of
# 200, 2,000, 5,000 and 20,000 flows, side by side in one run.
#
#   bench/reconcile_bench.sh                    # about 1 min once built
#   BENCH_NUMPY_BIG=1 bench/reconcile_bench.sh  # + numpy at 20,000 flows
#                                               #   (about 85 s per system)
#
# Environment:
#   R               repetitions per measurement, median reported (default
#                   3; numpy at 20,000 flows always runs once)
#   SEED            generator seed (default 1)
#   BENCH_DIR       where the systems go (default
#                   ${TMPDIR:-/tmp}/junkan-bench); they are kept and reused
#   BENCH_NO_BUILD  1 = use build/release/bench/bench_reconcile as it is
#   BENCH_NUMPY_BIG 1 = also run numpy on the 20,000-flow systems
#   BENCH_STRICT    1 = exit 3 when a goal is missed
#
# The markdown report goes to stdout; progress goes to stderr. Exits
# non-zero if the build, the generation or a run fails, or if the
# methods disagree (chi2, dof, or the checksums: sum of reconciled
# values and sum of variances, relative 1e-6).
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=${R:-3}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/junkan-bench}
BIG=${BENCH_NUMPY_BIG:-0}
BIN=$ROOT/build/release/bench/bench_reconcile
PY=/usr/bin/python3

log() { printf '%s\n' "bench: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $R =~ ^[0-9]+$ && $R -gt 0 ]] || die "R must be a positive integer, got '$R'"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
[[ -x $PY ]] || die "$PY not found"
"$PY" -c 'import numpy' 2>/dev/null || die "numpy is missing (apt-get install python3-numpy)"

# --- build ------------------------------------------------------------
if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building bench_reconcile (release preset)"
    (
        cd "$ROOT"
        cmake --preset release >&2 &&
            cmake --build build/release -j2 --target bench_reconcile >&2
    ) || die "release build failed"
fi
[[ -x $BIN ]] || die "$BIN not found (build the release preset)"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# --- data -------------------------------------------------------------
mkdir -p "$BENCH_DIR"
# system N [gen_system.py options]: prints the path of the system,
# generating it unless it is there and newer than the generator
system() {
    local n=$1 tag
    shift
    tag=$(printf '%s' "$*" | tr -c 'a-z0-9.' '_')
    local f=$BENCH_DIR/system-$n-s$SEED${tag:+-$tag}.json
    if [[ ! -s $f || $ROOT/bench/gen_system.py -nt $f ]]; then
        log "generating $f"
        "$PY" "$ROOT/bench/gen_system.py" "$n" "$SEED" "$@" >"$f.tmp" ||
            die "gen_system.py $n $SEED $* failed"
        mv "$f.tmp" "$f"
    fi
    printf '%s\n' "$f"
}

# --- runs -------------------------------------------------------------
ERRF=$BENCH_DIR/stderr.out
trap 'rm -f "$ERRF"' EXIT

# run1 METHOD FILE: one run; prints the result line
#   n_flows method seconds chi2 dof maxrss_MB sum_value sum_var n_undet
run1() {
    local method=$1 file=$2 out
    if [[ $method == numpy ]]; then
        out=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
            "$PY" "$ROOT/bench/reconcile_numpy.py" "$file" 2>"$ERRF") ||
            { cat "$ERRF" >&2; die "numpy failed on $file"; }
    else
        out=$("$BIN" "$file" "$method" 2>"$ERRF") ||
            { cat "$ERRF" >&2; die "bench_reconcile $method failed on $file"; }
    fi
    [[ $(wc -w <<<"$out") -eq 9 ]] || die "$method on $file: unexpected output '$out'"
    printf '%s\n' "$out"
}

# measure METHOD FILE REPS: REPS runs; prints the last result line with
# the median time in field 3 and the largest RSS in field 6, and the
# individual times after it
measure() {
    local method=$1 file=$2 reps=$3 i line times=() rss=0 last=
    for ((i = 1; i <= reps; i++)); do
        line=$(run1 "$method" "$file")
        read -r _ _ t _ _ m _ <<<"$line"
        times+=("$t")
        rss=$(awk -v a="$rss" -v b="$m" 'BEGIN { print (b > a ? b : a) }')
        last=$line
        log "  $method run $i/$reps: ${t}s  ${m} MB"
    done
    local med
    med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    awk -v med="$med" -v rss="$rss" -v runs="${times[*]}" \
        '{ $3 = med; $6 = rss; print $0, runs }' <<<"$last"
}

# same LINE_A LINE_B: do two result lines agree?
same() {
    awk -v a="$1" -v b="$2" 'function rel(x, y) { d = x - y; if (d < 0) d = -d
            m = (x < 0 ? -x : x); if ((y < 0 ? -y : y) > m) m = (y < 0 ? -y : y)
            return m > 0 ? d / m : 0 }
        BEGIN { split(a, p, " "); split(b, q, " ")
            ok = p[1] == q[1] && p[5] == q[5] && p[9] == q[9] &&
                 rel(p[4], q[4]) <= 1e-6 && rel(p[7], q[7]) <= 1e-6 &&
                 rel(p[8], q[8]) <= 1e-6
            exit ok ? 0 : 1 }'
}

ROWS=()
FAILED=0
# case LABEL MAIN(0|1) N [gen options]
bench_case() {
    local label=$1 main=$2 n=$3
    shift 3
    local file sp de=- np=- note=
    file=$(system "$n" "$@")
    log "$label: $(basename "$file")"
    sp=$(measure sparse "$file" "$R")
    if ((n <= 2000)); then
        de=$(measure dense "$file" "$R")
    fi
    if ((n < 20000)); then
        np=$(measure numpy "$file" "$R")
    elif [[ $BIG == 1 ]]; then
        np=$(measure numpy "$file" 1)
    else
        note="skipped"
    fi
    local other
    for other in "$de" "$np"; do
        [[ $other == - ]] && continue
        if ! same "$sp" "$other"; then
            log "MISMATCH on $file:"
            log "  $sp"
            log "  $other"
            FAILED=1
        fi
    done
    ROWS+=("$label|$main|$sp|$de|$np|$note")
}

bench_case "200" 1 200
bench_case "2,000" 1 2000
bench_case "5,000" 1 5000
bench_case "20,000" 1 20000
bench_case "2,000, 1% unknown" 0 2000 --unknowns
bench_case "20,000, 1% unknown" 0 20000 --unknowns
bench_case "20,000, 10% far links" 0 20000 --far 0.1

# --- report -----------------------------------------------------------
{
    printf 'MFA reconciliation, jk_mfa_reconcile vs numpy; median of %s runs (numpy at 20,000 flows: 1 run); seed %s\n' "$R" "$SEED"
    printf 'load average at start %s, at end %s (nproc %s)\n\n' "$LOAD0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
    echo "| flows | junkan sparse (s) | junkan dense (s) | numpy (s) | ratio numpy / sparse | peak RSS sparse (MB) | chi2 / dof | methods agree |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for row in "${ROWS[@]}"; do
        printf '%s\n' "$row"
    done | awk -F'|' -v big="$BIG" '
    {
        label = $1; split($3, s, " "); nd = split($4, d, " "); nn = split($5, p, " ")
        dense = nd > 1 ? sprintf("%.3f", d[3]) : "not run (O(n^3))"
        if (nn > 1) { numpy = sprintf("%.3f", p[3]); ratio = sprintf("%.1fx", p[3] / s[3]) }
        else { numpy = "skipped (~85 s; BENCH_NUMPY_BIG=1)"; ratio = "-" }
        agree = "sparse" (nd > 1 ? " = dense" : "") (nn > 1 ? " = numpy" : "")
        if (nd <= 1 && nn <= 1) agree = "sparse only (no reference)"
        printf "| %s | %.3f | %s | %s | %s | %.1f | %.1f / %d | %s |\n",
            label, s[3], dense, numpy, ratio, s[6], s[4], s[5], agree
    }'
    echo
    printf '%s\n' "${ROWS[@]}" | awk -F'|' -v strict="${BENCH_STRICT:-0}" '
    $2 == 1 && $1 == "5,000" { split($3, s, " "); nn = split($5, p, " ")
        r5 = nn > 1 ? p[3] / s[3] : -1 }
    $2 == 1 && $1 == "20,000" { split($3, s, " "); t20 = s[3]; m20 = s[6] }
    END {
        g1 = r5 >= 5; g2 = t20 < 5; g3 = m20 < 2000
        printf "Goal: at least 5x faster than numpy at 5,000 flows: %s (%.1fx)\n", g1 ? "met" : "NOT met", r5
        printf "Goal: 20,000 flows in under 5 s: %s (%.2f s, sparse)\n", g2 ? "met" : "NOT met", t20
        printf "Goal: 20,000 flows in under 2 GB: %s (%.1f MB peak RSS, sparse)\n", g3 ? "met" : "NOT met", m20
        if (strict == 1 && !(g1 && g2 && g3))
            exit 3
    }' || GOALS=$?
}
if ((FAILED)); then
    die "the methods disagree (see MISMATCH above)"
fi
exit "${GOALS:-0}"
