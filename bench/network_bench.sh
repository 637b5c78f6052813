#!/usr/bin/env bash
# Hub siting benchmark: OR-Library capa, capb, capc (100 facilities x 1000
# customers, four capacities each) solved by junkan (Lagrangian bound,
# local search on exact allocations, reduced-cost fixing, then a
# Lagrangian branch-and-bound, as the capacities are equal) and, in the
# same run and with the same wall-clock limit, by the cbc and glpsol
# command-line solvers on the plain strong formulation written as an LP
# file by junkan (bench-instance --write-lp).
#
#   bench/network_bench.sh                 # all 12, 60 s limit
#   LIMIT=30 ONLY="capa:8000 capb:5000" bench/network_bench.sh
#   BASELINES=0 bench/network_bench.sh     # junkan alone (no cbc/glpsol)
#
# Needs build/release/junkan (cmake --workflow --preset release, or
# cmake --build build/release --target junkan_cli), and the Debian
# packages coinor-cbc and glpk-utils. Prints one line per instance and
# solver and, per instance, the ratio of the baselines' time to junkan's
# (a baseline that stops at the limit counts the limit).
set -uo pipefail
cd "$(dirname "$0")/.."
JUNKAN=${JUNKAN:-build/release/junkan}
DATA=${ORLIB_DIR:-bench/data/orlib}
LIMIT=${LIMIT:-60}
ONLY=${ONLY:-"capa:8000 capa:10000 capa:12000 capa:14000 capb:5000 capb:6000 capb:7000 capb:8000 capc:5000 capc:5750 capc:6500 capc:7250"}
declare -A OPT=(
  [capa:8000]=19240822.449 [capa:10000]=18438046.543 [capa:12000]=17765201.949 [capa:14000]=17160439.012
  [capb:5000]=13656379.578 [capb:6000]=13361927.449 [capb:7000]=13198556.434 [capb:8000]=13082516.496
  [capc:5000]=11646596.974 [capc:5750]=11570340.289 [capc:6500]=11518743.744 [capc:7250]=11505767.394)
BASELINES=${BASELINES:-1}
[ "$BASELINES" = 0 ] ||
for tool in cbc glpsol; do
  command -v $tool >/dev/null || { echo "network_bench: $tool not found (apt-get install coinor-cbc glpk-utils)" >&2; exit 2; }
done
[ -x "$JUNKAN" ] || { echo "network_bench: $JUNKAN not built" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
printf '%-12s %-7s %-12s %16s %16s %9s\n' instance solver status objective optimum seconds
for spec in $ONLY; do
  name=${spec%%:*}; cap=${spec##*:}; opt=${OPT[$spec]}
  file=$DATA/$name.txt
  # junkan
  t0=$(now)
  line=$("$JUNKAN" --format csv network bench-instance "$file" --capacity "$cap" --time-limit "$LIMIT" | tail -1)
  t1=$(now)
  tj=$(echo "$t1 - $t0" | bc -l)
  st=$(echo "$line" | cut -d, -f4); ob=$(echo "$line" | cut -d, -f5)
  printf '%-12s %-7s %-12s %16s %16s %9.2f\n' "$spec" junkan "$st" "$ob" "$opt" "$tj"
  [ "$BASELINES" = 0 ] && continue
  # the LP file
  "$JUNKAN" network bench-instance "$file" --capacity "$cap" --write-lp "$tmp/p.lp"
  # cbc (wall-clock limit)
  t0=$(now)
  out=$(timeout $((LIMIT + 30)) cbc "$tmp/p.lp" timeMode elapsed sec "$LIMIT" solve 2>&1)
  t1=$(now)
  tc=$(echo "$t1 - $t0" | bc -l)
  if echo "$out" | grep -q "^Result - Optimal solution found"; then st=optimal; else st=stopped; fi
  ob=$(echo "$out" | sed -n 's/^Objective value: *//p' | head -1)
  printf '%-12s %-7s %-12s %16s %16s %9.2f\n' "$spec" cbc "$st" "${ob:-none}" "$opt" "$tc"
  # glpsol
  t0=$(now)
  out=$(timeout $((LIMIT + 30)) glpsol --lp "$tmp/p.lp" --tmlim "$LIMIT" -o "$tmp/g.out" 2>&1)
  t1=$(now)
  tg=$(echo "$t1 - $t0" | bc -l)
  ob=$(sed -n 's/^Objective: *obj = *\([-0-9.e+]*\).*/\1/p' "$tmp/g.out" 2>/dev/null | head -1)
  if grep -q "INTEGER OPTIMAL" "$tmp/g.out" 2>/dev/null; then st=optimal; else st=stopped; fi
  grep -q "INTEGER UNDEFINED" "$tmp/g.out" 2>/dev/null && ob=none
  printf '%-12s %-7s %-12s %16s %16s %9.2f\n' "$spec" glpsol "$st" "${ob:-none}" "$opt" "$tg"
  printf '%-12s ratio   cbc/junkan %.2f  glpsol/junkan %.2f\n' "$spec" "$(echo "$tc / $tj" | bc -l)" "$(echo "$tg / $tj" | bc -l)"
done
