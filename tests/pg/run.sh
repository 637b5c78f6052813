#!/usr/bin/env bash
# The PostgreSQL suite (CTest pg.suite):
#
#   bash tests/pg/run.sh JUNKAN TEST_STORE_ENGINES
#
# Run from the repository root. Starts a throwaway cluster
# (tests/pg/cluster.sh), then runs
#   1. TEST_STORE_ENGINES: the store checks on SQLite and PostgreSQL,
#   2. tests/pg/faults.sh: the server stopped during an import,
#   3. tests/server/e2e.sh and e2e_{diagnosis,ledger,market,network}.sh
#      (the HTTP API end to end) each on a PostgreSQL store,
#   4. the golden CLI cases listed in tests/pg/cli-cases.txt, with every
#      --db PATH on a fresh PostgreSQL database (tests/pg/junkan-pg.sh),
#   5. the module unit tests that use a store (UNIT_TESTS below, next to
#      TEST_STORE_ENGINES in the build), again with JUNKAN_TEST_PG set:
#      jk_test.h then opens each test's store as a fresh database,
# and stops the cluster. Never skips: a cluster that cannot start is a
# failure. The last line is "P passed, F failed".
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 JUNKAN TEST_STORE_ENGINES" >&2
    exit 2
fi
JUNKAN=$(realpath "$1")
ENGINES=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/cluster.sh"

if ! pg_cluster_start; then
    echo "0 passed, 1 failed (the PostgreSQL cluster did not start)"
    exit 1
fi
echo "cluster: $PG_URL ($PG_DIR)"
export JUNKAN_TEST_PG=$PG_URL
passed=0
failed=0
step() { # name, command...
    local name=$1
    shift
    if "$@"; then
        echo "ok   $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        failed=$((failed + 1))
    fi
}

step store_engines "$ENGINES"
export PG_URL PG_BIN PG_DIR PG_PORT
step faults bash "$HERE/faults.sh" "$JUNKAN"
pg_createdb e2e >/dev/null
step server_e2e env JK_E2E_DB="$PG_URL/e2e" bash tests/server/e2e.sh "$JUNKAN" "$PWD"
for m in diagnosis ledger market network; do # the module APIs
    pg_createdb "e2e_$m" >/dev/null
    step "server_e2e_$m" env JK_E2E_DB="$PG_URL/e2e_$m" \
        bash "tests/server/e2e_$m.sh" "$JUNKAN" "$PWD"
done
mapfile -t cases < <(grep -v '^#' "$HERE/cli-cases.txt" | sed '/^$/d;s|^|tests/cli/|;s|$|.t|')
JK_PG_REAL=$JUNKAN step "cli (${#cases[@]} cases on PostgreSQL)" \
    env JK_PG_REAL="$JUNKAN" bash tests/cli/run.sh "$HERE/junkan-pg.sh" "${cases[@]}"
# The module unit tests on PostgreSQL (tests/unit/jk_test.h,
# jk_test_store_new). Left on SQLite only: test_store.c (its checks run
# on both engines in TEST_STORE_ENGINES).
UNIT_TESTS="test_io test_diagnosis_store test_ledger test_ledger_passport test_ledger_tamper
    test_market_ledger test_market_store test_server"
unit_on_pg() { # executable
    local out rc
    out=$("$1" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^\[  (PASSED|FAILED|SKIPPED) ' | sed 's/^/     /'
    [ $rc -eq 0 ] || printf '%s\n' "$out" | grep -E 'ERROR|FAILED' | head -n 20
    return $rc
}
for t in $UNIT_TESTS; do
    step "unit $t on PostgreSQL" unit_on_pg "$(dirname "$ENGINES")/$t"
done
pg_cluster_stop
trap - EXIT
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
