#!/usr/bin/env bash
# Ledger benchmark (bench/ledger_bench.c): builds the release preset and
# runs bench_ledger N (default 1,000,000 entries) with the store file in
# ${TMPDIR:-/tmp}. Results: bench/README.md, "Ledger benchmark".
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
[ -d build/release ] || cmake --preset release >&2
cmake --build build/release -j2 --target bench_ledger >&2
build/release/bench/bench_ledger "$N" "${TMPDIR:-/tmp}"
