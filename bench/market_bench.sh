#!/usr/bin/env bash
# Benchmark: the market's matching end to end (jk_market_match:
# candidate generation on the spatial grid, the flow problem, LEMON
# through the shim, explanations) against raw LEMON NetworkSimplex on the
# same graph, at full size (20,000 supplies x 5,000 demands x 50
# candidates, about 1,000,000 arcs), and against NetworkX's network
# simplex on a tenth of the size (2,000 x 500 x 50, 100,000 arcs), in
# the same run.
#
#   bench/market_bench.sh          # about 1 min once built
#
# Environment: R repetitions (median; default 3), BENCH_DIR (default
# ${TMPDIR:-/tmp}/junkan-bench), BENCH_NO_BUILD=1 to use the release
# build as it is. Markdown report on stdout, progress on stderr; exits
# non-zero when a run fails, the optima differ or the shim's flows are not
# raw LEMON's.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=${R:-3}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/junkan-bench}
BIN=$ROOT/build/release/bench/bench_market
PY=/usr/bin/python3
log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

"$PY" -c 'import networkx' 2>/dev/null ||
    die "networkx is missing (apt-get install python3-networkx)"
if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building bench_market (release preset)"
    (cd "$ROOT" && cmake --preset release >&2 &&
        cmake --build build/release -j2 --target bench_market >&2) ||
        die "release build failed"
fi
[[ -x $BIN ]] || die "$BIN not found"
mkdir -p "$BENCH_DIR"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

log "full size: 20,000 x 5,000 x 50"
FULL=$("$BIN" 20000 5000 50 "$R") || die "bench_market failed"
log "tenth: 2,000 x 500 x 50"
TENTH=$("$BIN" 2000 500 50 "$R" "$BENCH_DIR/market-tenth.min") ||
    die "bench_market failed"
log "NetworkX on the tenth"
NX=$("$PY" "$ROOT/bench/market_networkx.py" "$BENCH_DIR/market-tenth.min") ||
    die "NetworkX failed"

read -r fs fd fa fe fr fratio fok fcost fce fcr <<<"$FULL"
read -r ts td ta te tr tratio tok tcost tce tcr <<<"$TENTH"
read -r nxsolve nxall nxcost <<<"$NX"
[[ $fok == 1 && $tok == 1 ]] || die "junkan and raw LEMON optima (or flows) differ"
[[ $nxcost == "$tcost" ]] || die "NetworkX optimum $nxcost != $tcost"

echo "Market matching: jk_market_match end to end vs raw LEMON (same graph) and NetworkX; median of $R runs"
echo "load average at start $LOAD0, at end $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))"
echo
echo "| size (supplies x demands x k) | candidate arcs | junkan end to end (s) | raw LEMON (s) | ratio | CPU s junkan / raw (ratio) | NetworkX (s, solve / with graph build) | NetworkX / junkan | same optimum |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
printf '| %s x %s x 50 | %s | %s | %s | %sx | %s / %s (%.2fx) | - | - | yes (same flows) |\n' "$fs" "$fd" "$fa" "$fe" "$fr" "$fratio" \
    "$fce" "$fcr" "$(awk -v a="$fce" -v b="$fcr" 'BEGIN { print a / b }')"
printf '| %s x %s x 50 | %s | %s | %s | %sx | %s / %s (%.2fx) | %s / %s | %.0fx | yes (%s; same flows) |\n' \
    "$ts" "$td" "$ta" "$te" "$tr" "$tratio" "$tce" "$tcr" \
    "$(awk -v a="$tce" -v b="$tcr" 'BEGIN { print a / b }')" "$nxsolve" "$nxall" \
    "$(awk -v a="$nxall" -v b="$te" 'BEGIN { print a / b }')" "$tcost"
echo
awk -v r="$fratio" 'BEGIN { printf "Goal: end to end within 1.3x of raw LEMON at full size: %s (%.2fx)\n", (r <= 1.3) ? "met" : "NOT met", r }'
awk -v a="$nxall" -v b="$te" 'BEGIN { printf "Goal: over 30x faster than NetworkX end to end at a tenth: %s (%.0fx)\n", (a / b > 30) ? "met" : "NOT met", a / b }'
