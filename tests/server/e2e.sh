#!/usr/bin/env bash
# End-to-end test of `junkan serve`: a real server on 127.0.0.1 (a free
# port), a fresh store with the demo data, tokens of every role, and
# curl for every endpoint and access rule: isolation between
# organisations, forged and revoked tokens, oversized and malformed
# bodies, path traversal on static files, ETag and conditional GET,
# the OpenAPI description against the routes, and a graceful stop on
# SIGTERM. Prints "N passed, M failed"; exit 1 on any failure.
#
#   e2e.sh JUNKAN SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

# JK_E2E_DB: another store (tests/pg/run.sh runs this script on PostgreSQL).
db=${JK_E2E_DB:-$T/e2e.db}
"$JUNKAN" -q --db "$db" init || exit 1
"$JUNKAN" -q --db "$db" import "$SRC/data/demo" > /dev/null || exit 1
ADMIN=$("$JUNKAN" -q --db "$db" token create --role admin --label e2e)
AUDIT=$("$JUNKAN" -q --db "$db" token create --role auditor)
STEEL=$("$JUNKAN" -q --db "$db" token create --role member --org mfr-hibiki-steel)
PORTOP=$("$JUNKAN" -q --db "$db" token create --role member --org hub-tomakomai)
GONE=$("$JUNKAN" -q --db "$db" token create --role member --org hub-tomakomai)
GONE_ID=${GONE:3:16}
"$JUNKAN" -q --db "$db" token revoke "$GONE_ID" || exit 1

start_server "$db" --body-max 65536
A=(-H "Authorization: Bearer $ADMIN")
AU=(-H "Authorization: Bearer $AUDIT")
S=(-H "Authorization: Bearer $STEEL")
P=(-H "Authorization: Bearer $PORTOP")

# --- public resources
check health 200 "$B/api/v1/health"
expect health .status ok
check openapi 200 "$B/api/v1/openapi.json"
expect openapi .openapi 3.0.3
check materials 200 "$B/api/v1/materials?limit=5"
expect "materials page" '.items | length' 5
expect "materials total" .total 140
expect "materials more" .more true
check "materials by parent" 200 "$B/api/v1/materials?parent=metal.copper"
expect "copper children" '[.items[].code] | join(",")' metal.copper.scrap
check "bad limit" 400 "$B/api/v1/materials?limit=0"
expect "bad limit field" .error.field limit
check regions 200 "$B/api/v1/regions?kind=prefecture&limit=100"
expect prefectures .total 47
check routes 200 "$B/api/v1/routes"
expect routes .total 23
check organisations 200 "$B/api/v1/organisations?kind=municipality&limit=100"
expect municipalities .total 14
check organisation 200 "$B/api/v1/organisations/city-yokohama"
expect "organisation name" .name_en "City of Yokohama"
check "organisation unknown" 404 "$B/api/v1/organisations/nowhere"
expect "404 code" .error.code not_found
check sites 200 "$B/api/v1/sites?org=hub-tomakomai"
expect "sites of an org" '.items[0].id' tomakomai-recycle-port
check systems 200 "$B/api/v1/systems"
expect "systems listed" '[.items[] | .material + " " + .period] | join(",")' "all FY2006,plastic 2017"
check system 200 "$B/api/v1/systems/all/FY2006"
check "system reconciled" 200 "$B/api/v1/systems/all/FY2006?reconcile=yes"
check "system unknown" 404 "$B/api/v1/systems/glass/FY1990"
check sankey 200 "$B/api/v1/systems/plastic/2017/sankey.svg?lang=ja"
if grep -q '<svg' "$T/body"; then ok; else bad "sankey is not SVG"; fi
check "sankey bad lang" 400 "$B/api/v1/systems/plastic/2017/sankey.svg?lang=fr"
check national 200 "$B/api/v1/indicators/national?period=FY2006"
expect "cyclical use rate" '.items[] | select(.code=="cyclical_use_rate_input") | .target_fy2030' 19
check "national without period" 400 "$B/api/v1/indicators/national"
check "post indicators" 200 -X POST --data-binary @"$SRC/tests/data/indicators/demo-company.json" "$B/api/v1/indicators?frameworks=cti"
expect "posted CTI" '.frameworks[0].values[] | select(.id=="circular_inflow") | .value | . * 1000 | round' 272

# --- ETag and conditional GET
etag=$(curl -s -D - -o /dev/null "$B/api/v1/routes" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
if [ -n "$etag" ]; then ok; else bad "no ETag"; fi
check "conditional GET" 304 -H "If-None-Match: $etag" "$B/api/v1/routes"
check "stale ETag" 200 -H 'If-None-Match: "0000000000000000"' "$B/api/v1/routes"

# --- access control
check "flows without token" 401 "$B/api/v1/flows"
expect "401 code" .error.code unauthorized
check "forged token" 401 -H "Authorization: Bearer ${STEEL:0:20}$(printf '0%.0s' $(seq 64))" "$B/api/v1/flows"
check "malformed token" 401 -H "Authorization: Bearer jk_nothing" "$B/api/v1/flows"
check "not bearer" 401 -H "Authorization: Basic abc" "$B/api/v1/flows"
check "revoked token" 401 -H "Authorization: Bearer $GONE" "$B/api/v1/flows"
check "member flows" 200 "${S[@]}" "$B/api/v1/flows?limit=1000"
expect "member sees statistics and its own" '[.items[] | select((.from|startswith("site:")) or (.to|startswith("site:")))] | map(.to) | unique | join(",")' site:hibiki-steel-works
check "member flows of another org" 403 "${S[@]}" "$B/api/v1/flows?org=hub-tomakomai"
check "auditor flows of any org" 200 "${AU[@]}" "$B/api/v1/flows?org=hub-tomakomai"
expect "auditor sees the port" '.total > 0' true
check "port operator flows" 200 "${P[@]}" "$B/api/v1/flows?org=hub-tomakomai&period=FY2023"
expect "operator sees its port" '[.items[] | select(.to=="site:hibiki-steel-works")] | length' 0
check "own indicators" 200 "${S[@]}" "$B/api/v1/organisations/mfr-hibiki-steel/indicators?period=FY2023&frameworks=cti"
expect "own CTI" '.frameworks[0].values[] | select(.id=="circular_inflow") | .value' 1
check "other org indicators" 403 "${S[@]}" "$B/api/v1/organisations/hub-tomakomai/indicators?period=FY2023"
check "indicators without token" 401 "$B/api/v1/organisations/hub-tomakomai/indicators?period=FY2023"
check "auditor report" 200 "${AU[@]}" "$B/api/v1/organisations/hub-tomakomai/report.html?period=FY2023&lang=ja"
if grep -q '<html lang="ja">' "$T/body"; then ok; else bad "report is not the Japanese HTML"; fi
check "tokens need admin" 403 "${AU[@]}" "$B/api/v1/tokens"
check "tokens list" 200 "${A[@]}" "$B/api/v1/tokens"
if grep -q "${STEEL:20:64}" "$T/body"; then bad "a token secret leaked in the list"; else ok; fi
expect "tokens listed" '.items | length' 5

# --- writes
cat > "$T/own.json" <<'JSON'
{"flows": [{"from": "site:hibiki-steel-works", "to": "landfill", "material": "slag.steel", "mass": "120 t", "period": "FY2024", "route": "landfill"}]}
JSON
cat > "$T/other.json" <<'JSON'
{"flows": [{"from": "site:tomakomai-recycle-port", "to": "landfill", "material": "slag.steel", "mass": "1 t", "period": "FY2024", "route": "landfill"}]}
JSON
check "member imports its own flow" 201 "${S[@]}" -X POST --data-binary @"$T/own.json" "$B/api/v1/flows"
expect "one flow imported" .flows 1
# ... owned by the token's organisation (the tenant, docs/scale-out.md)
q="SELECT owner FROM flow WHERE material = 'slag.steel' AND period = 'FY2024'"
case $db in
    postgres*) owner=$(psql -X -Atq "$db" -c "$q") ;;
    *) owner=$(sqlite3 "$db" "$q") ;;
esac
if [ "$owner" = mfr-hibiki-steel ]; then ok; else bad "flow owner is '$owner', expected mfr-hibiki-steel"; fi
# the response cache follows writes: this server's own (any worker) ...
for k in 1 2 3 4; do
    check "own write seen ($k)" 200 "${S[@]}" "$B/api/v1/flows?period=FY2024&material=slag.steel"
    expect "own write seen ($k)" .total 1
done
# ... and another process's (the CLI on the same store)
for k in 1 2; do
    check "manufacturers before ($k)" 200 "$B/api/v1/organisations?kind=manufacturer"
    expect "manufacturers before ($k)" .total 5
done
printf 'id,name,kind\nmfr-e2e,E2E Manufacturing,manufacturer\n' > "$T/org.csv"
"$JUNKAN" -q --db "$db" import "$T/org.csv" > /dev/null
for k in 1 2 3 4; do
    check "manufacturers after ($k)" 200 "$B/api/v1/organisations?kind=manufacturer"
    expect "manufacturers after ($k)" .total 6
done
check "member writes another org's flow" 403 "${S[@]}" -X POST --data-binary @"$T/other.json" "$B/api/v1/flows"
expect "403 names the flow" .error.field '$.flows[0]'
check "auditor may not write" 403 "${AU[@]}" -X POST --data-binary @"$T/own.json" "$B/api/v1/flows"
check "malformed body" 400 "${A[@]}" -X POST --data-binary '{"flows": [' "$B/api/v1/flows"
expect "malformed code" .error.code bad_json
check "invalid flow" 400 "${A[@]}" -X POST --data-binary '{"flows": [{"from": "a", "to": "b", "material": "unobtainium", "mass": "1 t", "period": "FY2024"}]}' "$B/api/v1/flows"
expect "invalid flow names the field" .error.field '$.flows[0].material'
head -c 70000 /dev/zero | tr '\0' ' ' > "$T/big.json"
check "oversized body" 413 "${A[@]}" -X POST --data-binary @"$T/big.json" "$B/api/v1/flows"
check "method not allowed" 405 -X DELETE "$B/api/v1/materials"
check "unknown API path" 404 "$B/api/v1/nothing"
check "admin creates a token" 201 "${A[@]}" -X POST --data-binary '{"role": "member", "org": "city-sendai"}' "$B/api/v1/tokens"
NEWID=$(jq -r .id < "$T/body")
NEWTOK=$(jq -r .token < "$T/body")
check "new token works" 200 -H "Authorization: Bearer $NEWTOK" "$B/api/v1/flows?org=city-sendai"
check "admin revokes it" 200 "${A[@]}" -X DELETE "$B/api/v1/tokens/$NEWID"
check "revoked at once" 401 -H "Authorization: Bearer $NEWTOK" "$B/api/v1/flows"
check "token for a missing org" 404 "${A[@]}" -X POST --data-binary '{"role": "member", "org": "nowhere"}' "$B/api/v1/tokens"

# --- static files and traversal
check page 200 "$B/"
if grep -q 'app.js' "$T/body"; then ok; else bad "the page does not load app.js"; fi
check "app.js" 200 "$B/app.js"
check "passport link" 200 "$B/p/LOT-123"
check "traversal ../" 404 --path-as-is "$B/../CMakeLists.txt"
check "traversal encoded" 404 --path-as-is "$B/%2e%2e/%2e%2e/etc/passwd"
check "traversal inside" 404 --path-as-is "$B/web/../../README.md"
check "hidden file" 404 "$B/.git/config"
check "unknown type" 404 "$B/README"

# --- every documented path answers (the description matches the routes)
curl -s "$B/api/v1/openapi.json" > "$T/openapi.json"
while read -r method path; do
    url=${path//\{material\}/all}
    url=${url//\{period\}/FY2006}
    url=${url//\{id\}/mfr-hibiki-steel}
    code=$(curl -s -o "$T/body" -w '%{http_code}' -X "$method" "${A[@]}" --data-binary '{}' "$B$url?period=FY2023")
    case "$code" in
    404)
        if jq -e '.error.message | startswith("no resource")' "$T/body" > /dev/null 2>&1; then
            bad "documented $method $path is not routed"
        else ok; fi ;;
    405) bad "documented $method $path: method not allowed" ;;
    5*) bad "documented $method $path: server error $code: $(head -c 200 "$T/body")" ;;
    *) ok ;;
    esac
done < <(jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | ascii_upcase + " " + $p' "$T/openapi.json" | grep -v '^DELETE /api/v1/tokens')

# --- access log and graceful stop
if grep -q '"status":401' "$T/access.log" && jq -e . "$T/access.log" > /dev/null; then ok; else bad "access log lines are not JSON with statuses"; fi
stop_server
# the store was closed cleanly: it opens and holds the imported flow
n=$("$JUNKAN" --db "$db" --format csv export flows | grep -c 'slag.steel.*FY2024')
if [ "$n" = 1 ]; then ok; else bad "after the stop the store holds $n imported flows, expected 1"; fi

finish
