# Shared by the server's end-to-end scripts (e2e.sh, e2e_<module>.sh):
#   . lib.sh JUNKAN SOURCE_DIR
# gives $JUNKAN, $SRC, a temporary directory $T (removed at exit),
# check/expect/ok/bad counting into $pass and $fail, start_server
# (sets $B, the base URL, and $server, the pid), stop_server (SIGTERM,
# checks the graceful stop) and finish (prints the counts, sets the exit
# status).
set -u
JUNKAN=$1
SRC=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/junkan-e2e.XXXXXX")
pass=0
fail=0
server=

cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -KILL "$server" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# check NAME EXPECTED_STATUS [curl args...]: the body lands in $T/body
check() {
    local name=$1 want=$2
    shift 2
    local got
    got=$(curl -s -o "$T/body" -w '%{http_code}' "$@")
    if [ "$got" = "$want" ]; then ok; else bad "$name: status $got, expected $want: $(head -c 300 "$T/body")"; fi
}
# expect NAME JQ_FILTER EXPECTED: on the last body
expect() {
    local got
    got=$(jq -r "$2" < "$T/body" 2>/dev/null)
    if [ "$got" = "$3" ]; then ok; else bad "$1: $2 is '$got', expected '$3'"; fi
}

for tool in curl jq; do
    command -v $tool >/dev/null || { echo "e2e: $tool not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

# start_server DB [serve options...]: on a free port; sets $B and $server
start_server() {
    local db=$1
    shift
    "$JUNKAN" --db "$db" serve --port 0 --threads 2 --web "$SRC/web" \
        --access-log "$T/access.log" "$@" > "$T/serve.out" 2>&1 &
    server=$!
    for _ in $(seq 300); do # up to 30 s: the suite runs on loaded machines
        grep -q listening "$T/serve.out" && break
        sleep 0.1
    done
    local port
    port=$(grep -o '127.0.0.1:[0-9]*' "$T/serve.out" | head -1 | cut -d: -f2)
    [ -n "$port" ] || { echo "e2e: the server did not start:" >&2; cat "$T/serve.out" >&2; exit 1; }
    B=http://127.0.0.1:$port
}

# stop_server: SIGTERM, then the exit status and the "stopped" line
stop_server() {
    kill -TERM "$server"
    for _ in $(seq 300); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    wait "$server"
    local rc=$?
    if [ $rc -eq 0 ] && grep -q 'junkan serve: stopped' "$T/serve.out"; then ok; else bad "SIGTERM: exit $rc: $(tail -3 "$T/serve.out")"; fi
    server=
}

finish() {
    echo "$pass passed, $fail failed"
    [ $fail -eq 0 ]
}
