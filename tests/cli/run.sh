#!/usr/bin/env bash
# Golden CLI tests for junkan.
#
#   bash tests/cli/run.sh JUNKAN CASE.t [CASE.t...]
#
# Run from the repository root (CTest does), so that cases can name
# files such as data/demo. Each case is one file of sections, each
# introduced by a line "### NAME"; lines before the first section are a
# free-form description:
#
#   ### setup     optional; bash -e script run first, in $T
#   ### args      junkan's arguments: ONE line of shell words, run as
#                 "$JUNKAN" WORDS from the repository root
#   ### command   instead of args: one bash command line (pipelines,
#                 several junkan calls), run with pipefail from the root
#   ### stdin     optional; standard input (default: /dev/null)
#   ### stdout    expected standard output, exact (may be empty)
#   ### stderr    optional; expected standard error, exact when present
#   ### exit      expected exit code
#
# Setup, args and command see $JUNKAN (the binary, absolute), $T (a
# fresh empty directory for this case, removed afterwards) and $ROOT
# (the repository root). Before comparing, stdout and stderr are
# normalised: the value of $T is written "$T", that of $ROOT "$ROOT",
# and timings "in 0.12 s" become "in N s".
#
# On a mismatch the differences are printed as a unified diff
# (--- expected, +++ actual). The last line is "P passed, F failed";
# the exit status is 0 when every case passed, else 1.
#
# To write a new case, run it with JK_CLI_ACCEPT=1 to print what the
# binary does now instead of comparing (check it by eye before pasting).

set -u
export LC_ALL=C TZ=UTC
unset JUNKAN_DB

if [ $# -lt 2 ]; then
    echo "usage: $0 JUNKAN CASE.t..." >&2
    exit 2
fi
JUNKAN=$1
shift
case $JUNKAN in /*) ;; *) JUNKAN=$PWD/$JUNKAN ;; esac
if [ ! -x "$JUNKAN" ]; then
    echo "run.sh: $JUNKAN: not an executable" >&2
    exit 2
fi
ROOT=$PWD
export JUNKAN ROOT

SECTIONS='setup|args|command|stdin|stdout|stderr|exit'
TIMEOUT=120

# Escape a literal string for a sed regular expression (delimiter |).
sed_quote() { printf '%s' "$1" | sed 's/[][\.*^$|/]/\\&/g'; }

normalise() { # file
    local t r
    t=$(sed_quote "$T")
    r=$(sed_quote "$ROOT")
    sed -i -E -e "s|$t|\$T|g" -e "s|$r|\$ROOT|g" \
        -e 's/in [0-9]+(\.[0-9]+)? s\b/in N s/g' "$1"
}

# run_case CASE: 0 when it passes.
run_case() {
    local case=$1 W rc=0 want_exit got_exit args name
    name=$(basename "$case" .t)
    W=$(mktemp -d "${TMPDIR:-/tmp}/junkan-cli.XXXXXX") || return 1
    T=$W/t
    mkdir "$T"
    export T

    # Split the case into $W/sec.NAME files.
    if ! awk -v dir="$W" -v secs="^### ($SECTIONS)[ \t]*\$" '
        $0 ~ secs {
            sec = $2
            if (sec in seen) { printf "duplicate section %s\n", sec > "/dev/stderr"; bad = 1 }
            seen[sec] = 1
            f = dir "/sec." sec
            printf "" > f
            next
        }
        /^### / && sec != "stdout" && sec != "stderr" && sec != "stdin" {
            printf "unknown section: %s\n", $0 > "/dev/stderr"; bad = 1
        }
        sec != "" { print > (dir "/sec." sec) }
        END { exit bad }' "$case" 2>&1; then
        echo "FAIL $name: malformed case file"
        rm -rf "$W"
        return 1
    fi
    if [ ! -f "$W/sec.exit" ] || [ ! -f "$W/sec.stdout" ] ||
        { [ -f "$W/sec.args" ] && [ -f "$W/sec.command" ]; } ||
        { [ ! -f "$W/sec.args" ] && [ ! -f "$W/sec.command" ]; }; then
        echo "FAIL $name: a case needs args or command, stdout and exit"
        rm -rf "$W"
        return 1
    fi
    want_exit=$(tr -d ' \t\n' <"$W/sec.exit")

    if [ -f "$W/sec.setup" ]; then
        if ! (cd "$T" && bash -e "$W/sec.setup") >"$W/setup.out" 2>&1; then
            echo "FAIL $name: setup failed:"
            sed 's/^/  /' "$W/setup.out"
            rm -rf "$W"
            return 1
        fi
    fi

    local in=/dev/null
    [ -f "$W/sec.stdin" ] && in=$W/sec.stdin
    if [ -f "$W/sec.args" ]; then
        if [ "$(grep -c . "$W/sec.args")" -gt 1 ]; then
            echo "FAIL $name: args must be one line"
            rm -rf "$W"
            return 1
        fi
        args=$(cat "$W/sec.args")
        (eval "set -- $args" && exec timeout "$TIMEOUT" "$JUNKAN" "$@") \
            <"$in" >"$W/out" 2>"$W/err"
        got_exit=$?
    else
        timeout "$TIMEOUT" bash -o pipefail -c "$(cat "$W/sec.command")" \
            <"$in" >"$W/out" 2>"$W/err"
        got_exit=$?
    fi
    normalise "$W/out"
    normalise "$W/err"

    if [ -n "${JK_CLI_ACCEPT:-}" ]; then
        echo "### stdout"; cat "$W/out"
        echo "### stderr"; cat "$W/err"
        echo "### exit"; echo "$got_exit"
        rm -rf "$W"
        return 0
    fi

    if ! diff -u --label "$name: stdout expected" --label "$name: stdout actual" \
        "$W/sec.stdout" "$W/out"; then
        rc=1
    fi
    if [ -f "$W/sec.stderr" ]; then
        if ! diff -u --label "$name: stderr expected" \
            --label "$name: stderr actual" "$W/sec.stderr" "$W/err"; then
            rc=1
        fi
    fi
    if [ "$got_exit" != "$want_exit" ]; then
        echo "$name: exit code: expected $want_exit, got $got_exit"
        if [ ! -f "$W/sec.stderr" ] && [ -s "$W/err" ]; then
            echo "$name: stderr was:"
            sed 's/^/  /' "$W/err"
        fi
        rc=1
    fi
    if [ $rc -eq 0 ]; then
        echo "ok   $name"
    else
        echo "FAIL $name"
    fi
    rm -rf "$W"
    return $rc
}

passed=0
failed=0
for c in "$@"; do
    if run_case "$c"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
