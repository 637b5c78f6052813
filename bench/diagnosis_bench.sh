#!/usr/bin/env bash
# Benchmark: a national municipal diagnosis (about 1,700 municipalities,
# every indicator, peer types and statistics, every measure and the
# combined scenario) on generated data shaped like the MOE survey
# (bench/gen_diagnosis.py), against a plain pass over the same files in
# the same process, and a plain-Python version of the core (second
# baseline). Goal: under 2 s on one core.
#
#   bench/diagnosis_bench.sh        # N=1718 municipalities, R=5
# Environment: N, R, SEED, BENCH_DIR (default ${TMPDIR:-/tmp}/junkan-bench)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1718}
R=${R:-5}
SEED=${SEED:-2022}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/junkan-bench}
DIR=$BENCH_DIR/diagnosis-$N-$SEED
cd "$ROOT"
[ -d build/release ] || cmake --preset release >/dev/null
cmake --build build/release -j2 --target bench_diagnosis >/dev/null
[ -f "$DIR/profiles.csv" ] || python3 bench/gen_diagnosis.py "$DIR" "$N" "$SEED" >&2
echo "## Diagnosis benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, taskset 1 core)"
echo
taskset -c 0 build/release/bench/bench_diagnosis "$DIR" data/diagnosis "$R"
py=()
for _ in $(seq "$R"); do py+=("$(taskset -c 0 python3 bench/diagnosis_py.py "$DIR" | cut -d' ' -f1)"); done
echo
echo "plain Python core (csv module; 4 indicators, no validation, no measures), median of $R: $(printf '%s\n' "${py[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') s"
