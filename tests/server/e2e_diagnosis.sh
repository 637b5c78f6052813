#!/usr/bin/env bash
# End-to-end test of the diagnosis API (/api/v1/diagnoses...): a real
# server on the demo diagnosis input, curl for every endpoint, the
# numbers checked against `junkan diagnose` on the same files, bad
# parameters (400 with the field), unknown codes (404), no data
# directory (404 not_configured), the per-thread cache following a
# changed input file, a broken input (500 naming file:line), and the
# access rule (public: no token needed, any token gets the same).
#
#   e2e_diagnosis.sh JUNKAN SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

db=${JK_E2E_DB:-$T/dg.db} # JK_E2E_DB: another store (tests/pg/run.sh runs this on PostgreSQL)
"$JUNKAN" -q --db "$db" init || exit 1
"$JUNKAN" -q --db "$db" import "$SRC/data/demo" > /dev/null || exit 1
AUDIT=$("$JUNKAN" -q --db "$db" token create --role auditor)
MEMBER=$("$JUNKAN" -q --db "$db" token create --role member --org city-yokohama)
DG=$SRC/data/demo/diagnosis

# the CLI's numbers on the same input
"$JUNKAN" --format csv diagnose national "$DG" > "$T/national.csv" || exit 1
"$JUNKAN" --format csv diagnose run "$DG" --muni 90001 > "$T/run.csv" || exit 1
"$JUNKAN" --format csv diagnose measures "$DG" --muni 90001 > "$T/measures.csv" || exit 1
cli_ind() { awk -F, -v id="$1" -v col="$2" '$1 == id { print $col }' "$T/run.csv"; }

# --- no data directory: 404 not_configured on every endpoint
start_server "$db"
for p in diagnoses diagnoses/peers diagnoses/90001 diagnoses/90001/measures diagnoses/90001/report.html; do
    check "no data: $p" 404 "$B/api/v1/$p"
    expect "no data: $p code" .error.code not_configured
done
check "openapi lists the diagnoses" 200 "$B/api/v1/openapi.json"
expect "openapi paths" '[.paths | keys[] | select(startswith("/api/v1/diagnoses"))] | length' 5
expect "openapi query parameters" '[.paths["/api/v1/diagnoses"].get.parameters[].name] | join(",")' "type,group,prefecture,limit,offset"
stop_server

# --- a data directory without diagnosis tables
mkdir -p "$T/empty"
start_server "$db" --data "$T/empty"
check "no diagnosis directory" 404 "$B/api/v1/diagnoses"
expect "no diagnosis directory code" .error.code not_configured
stop_server

# --- the demo data (reference tables found beside it: data/diagnosis)
start_server "$db" --data "$SRC/data/demo"
check list 200 "$B/api/v1/diagnoses?limit=5"
expect "list total" .total 252
expect "list page" '.items | length' 5
expect "list more" .more true
expect "list columns" '[.indicators[].id] | join(",")' "T1,T2,T3,T4,T5,I2,I7,I8,I9,I10"
expect "column unit" '.indicators[] | select(.id=="I2") | .unit' %
check "list last page" 200 "$B/api/v1/diagnoses?offset=250&limit=100"
expect "last page items" '[.items[].code] | join(",")' "90001,90002"
expect "last page more" .more false
expect "demo city type" '.items[0].type' 市-III-1
expect "demo city prefecture" '.items[0].prefecture' デモ県
want=$(awk -F, '$1 == "90001" { print $4 }' "$T/national.csv")
expect "group as the CLI" '.items[0].group' "$want"
want=$(awk -F, '$1 == "90001" { print $10 }' "$T/national.csv")
expect "I2 as the CLI" '.items[0].indicators.I2 * 10 | round / 10' "$want"
check "by type" 200 "$B/api/v1/diagnoses?type=%E5%B8%82-III-1&limit=1000"
n=$(awk -F, 'NR > 1 && $3 == "市-III-1"' "$T/national.csv" | wc -l)
expect "by type total" .total "$n"
expect "by type only that type" '[.items[].type] | unique | join(",")' 市-III-1
check "by prefecture" 200 "$B/api/v1/diagnoses?prefecture=%E3%83%87%E3%83%A2%E7%9C%8C"
expect "by prefecture" '[.items[].code] | join(",")' "90001,90002"
check "by unknown type" 200 "$B/api/v1/diagnoses?type=nothing"
expect "by unknown type: none" .total 0
check "bad limit" 400 "$B/api/v1/diagnoses?limit=0"
expect "bad limit field" .error.field limit
check "bad offset" 400 "$B/api/v1/diagnoses?offset=-1"
expect "bad offset field" .error.field offset

# conditional GET on the cached national table
etag=$(curl -s -D - -o /dev/null "$B/api/v1/diagnoses" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
if [ -n "$etag" ]; then ok; else bad "no ETag on the list"; fi
check "list not modified" 304 -H "If-None-Match: $etag" "$B/api/v1/diagnoses"

# one municipality
check one 200 "$B/api/v1/diagnoses/90001"
expect "one code" .muni_code 90001
expect "one name" .name "みなと市（デモ）"
expect "one type" .peer_type 市-III-1
expect "one rules" .peer_rules "$(awk -F, 'NR == 2 { print $1 }' "$SRC/data/diagnosis/peer_types.csv")"
expect "one indicators" '.indicators | length' "$(($(wc -l < "$T/run.csv") - 1))"
expect "one formula" '.indicators[] | select(.id=="T2") | .formula' "$(cli_ind T2 14)"
expect "one unit" '.indicators[] | select(.id=="T1") | .unit' kg/人日
expect "one value as the CLI" '.indicators[] | select(.id=="T1") | .value * 1000 | round / 1000' "$(cli_ind T1 4)"
expect "one 偏差値 as the CLI" '.indicators[] | select(.id=="I2") | .deviation * 10 | round / 10' "$(cli_ind I2 11)"
expect "one percentile as the CLI" '.indicators[] | select(.id=="I2") | .percentile | round' "$(cli_ind I2 12)"
expect "one potential as the CLI" '.indicators[] | select(.id=="T2") | .potential | round' "$(cli_ind T2 13)"
expect "one measures" '.measures | length' "$(($(wc -l < "$T/measures.csv") - 2))"
expect "one combined" '.combined.recovered_t | round' "$(awk -F, '$1 == "combined" { print $5 }' "$T/measures.csv")"
expect "one report link" .links.report_en "/api/v1/diagnoses/90001/report.html?lang=en"
check "a code with its check digit" 200 "$B/api/v1/diagnoses/100013"
expect "check digit dropped" .muni_code 10001
check "a wrong check digit" 404 "$B/api/v1/diagnoses/100014"
check "the other demo town" 200 "$B/api/v1/diagnoses/90002"
expect "town type" .peer_type 町村-III-0
check "unknown code" 404 "$B/api/v1/diagnoses/99999"
expect "unknown code error" '.error.code + " " + .error.field' "not_found code"
check "malformed code" 400 "$B/api/v1/diagnoses/9000x"
expect "malformed code error" '.error.code + " " + .error.field' "bad_parameter code"
check "too long code" 400 "$B/api/v1/diagnoses/1234567"
check "unknown sub-resource" 404 "$B/api/v1/diagnoses/90001/nothing"

# measures
check measures 200 "$B/api/v1/diagnoses/90001/measures"
expect "measures total" .total "$(($(wc -l < "$T/measures.csv") - 2))"
expect "measures ranked as the CLI" '[.items[].id] | join(",")' "$(awk -F, 'NR > 1 && $1 != "combined" { print $1 }' "$T/measures.csv" | paste -sd,)"
expect "measures rank numbers" '[.items[].rank] == [range(1; .total + 1)]' true
expect "measures by GHG saved" '[.items[].ghg_tco2e] | . == sort' true
expect "first measure GHG as the CLI" '.items[0].ghg_tco2e | round' "$(awk -F, 'NR == 2 { print $6 }' "$T/measures.csv")"
expect "measures combined" .combined.id combined
check "measures page" 200 "$B/api/v1/diagnoses/90001/measures?limit=2&offset=1"
expect "measures page items" '[.items[].rank] | join(",")' "2,3"
expect "measures page more" .more true
check "measures bad limit" 400 "$B/api/v1/diagnoses/90001/measures?limit=abc"
expect "measures bad limit field" .error.field limit
check "measures unknown code" 404 "$B/api/v1/diagnoses/99999/measures"

# the HTML report
check "report ja" 200 "$B/api/v1/diagnoses/90001/report.html?lang=ja"
if grep -q '<html lang="ja">' "$T/body" && grep -q 'みなと市' "$T/body"; then ok; else bad "the ja report is not the city's Japanese HTML"; fi
check "report en" 200 "$B/api/v1/diagnoses/90001/report.html?lang=en"
if grep -q '<html lang="en">' "$T/body"; then ok; else bad "the en report is not English"; fi
check "report default" 200 "$B/api/v1/diagnoses/90002/report.html"
if grep -q '<html lang="ja">' "$T/body"; then ok; else bad "the default report is not Japanese"; fi
ctype=$(curl -s -o /dev/null -w '%{content_type}' "$B/api/v1/diagnoses/90001/report.html")
if [ "${ctype%%;*}" = text/html ]; then ok; else bad "report content type $ctype"; fi
check "report bad lang" 400 "$B/api/v1/diagnoses/90001/report.html?lang=fr"
expect "report bad lang field" .error.field lang
check "report unknown code" 404 "$B/api/v1/diagnoses/99999/report.html"

# peer statistics
check peers 200 "$B/api/v1/diagnoses/peers?indicator=I2"
expect "peers one indicator" '[.items[].indicator] | unique | join(",")' I2
expect "peers groups as the CLI" .total "$(($("$JUNKAN" --format csv diagnose peers "$DG" --indicator I2 | wc -l) - 1))"
grp=$(curl -s "$B/api/v1/diagnoses/90001" | jq -r .peer_group)
mean=$(curl -s "$B/api/v1/diagnoses/90001" | jq '.indicators[] | select(.id=="I2") | .peer_mean * 1000 | round')
expect "peers match the municipality's comparison" ".items[] | select(.group==\"$grp\") | .mean * 1000 | round" "$mean"
check "peers all" 200 "$B/api/v1/diagnoses/peers?limit=1000"
expect "peers all indicators" '[.items[].indicator] | unique | length > 10' true
tgrp=$(awk -F, '$1 == "90002" { print $4 }' "$T/national.csv")
check "peers of a group" 200 --get --data-urlencode "group=$tgrp" "$B/api/v1/diagnoses/peers?indicator=T1"
expect "peers of a group" '[.items[].group] | join(",")' "$tgrp"
check "peers unknown indicator" 400 "$B/api/v1/diagnoses/peers?indicator=X9"
expect "peers unknown indicator field" .error.field indicator
check "peers unknown group" 404 "$B/api/v1/diagnoses/peers?group=nothing"
expect "peers unknown group field" .error.field group
check "peers bad limit" 400 "$B/api/v1/diagnoses/peers?limit=2000"

# access: public data; tokens of any role read the same, bad ones are 401
check "member reads" 200 -H "Authorization: Bearer $MEMBER" "$B/api/v1/diagnoses/90001"
expect "member reads the same" .peer_type 市-III-1
check "auditor reads" 200 -H "Authorization: Bearer $AUDIT" "$B/api/v1/diagnoses/90001/measures"
check "forged token" 401 -H "Authorization: Bearer ${MEMBER:0:20}$(printf '0%.0s' $(seq 64))" "$B/api/v1/diagnoses"
check "write refused" 405 -X POST --data-binary '{}' "$B/api/v1/diagnoses"
stop_server

# --- a copy of the input: the cache follows changed files; broken input
mkdir -p "$T/data/diagnosis"
cp "$DG"/*.csv "$T/data/diagnosis/"
cp -r "$SRC/data/diagnosis" "$T/data/diagnosis/ref"
start_server "$db" --data "$T/data" --threads 1
check "copy" 200 "$B/api/v1/diagnoses/90001"
expect "copy name" .name "みなと市（デモ）"
sed -i 's/みなと市（デモ）/うみべ市（デモ）/' "$T/data/diagnosis/profiles.csv"
touch -d '+2 seconds' "$T/data/diagnosis/profiles.csv"
check "changed input" 200 "$B/api/v1/diagnoses/90001"
expect "changed input is read again" .name "うみべ市（デモ）"
check "changed list" 200 "$B/api/v1/diagnoses?prefecture=%E3%83%87%E3%83%A2%E7%9C%8C"
expect "changed list" '.items[0].name' "うみべ市（デモ）"
cp "$T/data/diagnosis/profiles.csv" "$T/profiles.good"
echo "2022,90003,こわれ市,デモ県,市,lots,1000,30,60,類型Ⅱ,1000" >> "$T/data/diagnosis/profiles.csv"
touch -d '+4 seconds' "$T/data/diagnosis/profiles.csv"
check "broken input" 500 "$B/api/v1/diagnoses"
expect "broken input names file and line" '.error.message | test("profiles.csv:254: pop_total")' true
cp "$T/profiles.good" "$T/data/diagnosis/profiles.csv"
touch -d '+6 seconds' "$T/data/diagnosis/profiles.csv"
check "repaired input" 200 "$B/api/v1/diagnoses"
expect "repaired input" .total 252
rm -r "$T/data/diagnosis/ref"
check "no reference tables" 404 "$B/api/v1/diagnoses"
expect "no reference tables code" .error.code not_configured
stop_server

finish
