#!/usr/bin/env bash
# junkan with every SQLite store path on its command line (--db PATH,
# --db=PATH) replaced by a PostgreSQL database of the cluster at $PG_URL:
# one database per absolute path, created on first use. Output has the
# URI written back as the path, so golden cases compare unchanged.
#
#   JK_PG_REAL=build/dev/junkan PG_URL=postgres://junkan@127.0.0.1:PORT \
#   PG_BIN=/usr/lib/postgresql/15/bin tests/pg/junkan-pg.sh ARGS...
set -u
args=()
subst=()
MAPPED=
map() { # path -> MAPPED, the uri (creates the database)
    local abs db
    abs=$(realpath -m -- "$1")
    db=jk_$(printf '%s' "$abs" | md5sum | cut -c1-20)
    "$PG_BIN/psql" -q -X -h 127.0.0.1 -p "${PG_URL##*:}" -U junkan -d postgres \
        -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
        "$PG_BIN/createdb" -h 127.0.0.1 -p "${PG_URL##*:}" -U junkan "$db" ||
        exit 125
    subst+=("$PG_URL/$db" "$1")
    MAPPED=$PG_URL/$db
}
while [ $# -gt 0 ]; do
    case $1 in
    --db)
        if [ $# -ge 2 ]; then
            map "$2"
            args+=(--db "$MAPPED")
            shift 2
            continue
        fi
        ;;
    --db=*)
        map "${1#--db=}"
        args+=("--db=$MAPPED")
        shift
        continue
        ;;
    esac
    args+=("$1")
    shift
done
out=$(mktemp) err=$(mktemp)
"$JK_PG_REAL" "${args[@]}" >"$out" 2>"$err"
rc=$?
back() {
    local i script=
    for ((i = 0; i < ${#subst[@]}; i += 2)); do
        script+="s|${subst[i]}|${subst[i + 1]}|g;"
    done
    sed -e "$script" "$1"
}
if [ ${#subst[@]} -gt 0 ]; then
    back "$out"
    back "$err" >&2
else
    cat "$out"
    cat "$err" >&2
fi
rm -f "$out" "$err"
exit $rc
