#!/usr/bin/env bash
# The hub network over HTTP: the plan of the demo model (serve --data),
# scenario keys from the query, the SVG map, the cost-CO2 frontier, bad
# parameters, an infeasible scenario and a server without a model. The
# plan must equal what `junkan network solve` gives on the same files.
. "$(dirname "$0")/lib.sh" "$@"

db=${JK_E2E_DB:-$T/n.db} # JK_E2E_DB: another store (tests/pg/run.sh runs this on PostgreSQL)
"$JUNKAN" -q --db "$db" init || exit 1

start_server "$db"
check "no model" 404 "$B/api/v1/network/plans"
expect "no model code" .error.code not_configured
stop_server

start_server "$db" --data "$SRC/data/demo"
check plan 200 "$B/api/v1/network/plans"
expect "plan status" .summary.status optimal
"$JUNKAN" --format json network solve "$SRC/data/demo/network" > "$T/cli.json" 2>/dev/null
want=$(jq -r '.summary.cost_total | round' "$T/cli.json")
expect "same cost as the CLI" '.summary.cost_total | round' "$want"
want=$(jq -r '[.hubs[] | select(.open) | .id] | join(",")' "$T/cli.json")
expect "same hubs as the CLI" '[.hubs[] | select(.open) | .id] | join(",")' "$want"
check "plan at a carbon price" 200 "$B/api/v1/network/plans?carbon_price=50000"
expect "carbon price plan" .summary.status optimal
co2a=$(jq -r .summary.co2_t "$T/body")
check "plan without carbon price" 200 "$B/api/v1/network/plans"
co2b=$(jq -r .summary.co2_t "$T/body")
if awk -v a="$co2a" -v b="$co2b" 'BEGIN {exit !(a <= b + 1e-6)}'; then ok; else bad "a carbon price raised CO2: $co2a > $co2b"; fi
check "closed hub" 200 "$B/api/v1/network/plans?close_hub=hibiki-recycle-port"
expect "closed hub stays closed" '.hubs[] | select(.id=="hibiki-recycle-port") | .open' false
check "map" 200 "$B/api/v1/network/plans?format=svg&lang=ja"
if grep -q '<svg' "$T/body"; then ok; else bad "the map is not SVG"; fi
ctype=$(curl -s -o /dev/null -w '%{content_type}' "$B/api/v1/network/plans?format=svg")
if [ "$ctype" = image/svg+xml ]; then ok; else bad "map content type $ctype"; fi
check "bad number" 400 "$B/api/v1/network/plans?max_hubs=x"
expect "bad number field" .error.field max_hubs
check "unknown hub" 400 "$B/api/v1/network/plans?close_hub=nowhere"
expect "unknown hub field" .error.field close_hub
check "bad format" 400 "$B/api/v1/network/plans?format=pdf"
check "bad lang" 400 "$B/api/v1/network/plans?format=svg&lang=fr"
check "infeasible" 422 "$B/api/v1/network/plans?max_hubs=0"
expect "infeasible names the group" '.error.message | test("max-hubs")' true
check frontier 200 "$B/api/v1/network/frontier?points=3"
expect "frontier points" '.items | length >= 2' true
check "frontier epsilon" 200 "$B/api/v1/network/frontier?method=epsilon&points=3"
expect "frontier method" .method epsilon
check "frontier bad method" 400 "$B/api/v1/network/frontier?method=random"
check "frontier bad points" 400 "$B/api/v1/network/frontier?points=99"
check "POST not allowed" 405 -X POST "$B/api/v1/network/plans"
stop_server
finish
