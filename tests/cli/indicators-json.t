# JSON output: frameworks with version, options and source; targets
### command
"$JUNKAN" --format json indicators cti data/demo/company | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["frameworks"][0]; print(f["framework"], f["version"]); print([ (v["id"], round(v["value"],4), v.get("target")) for v in f["values"] if v["id"] in ("circular_inflow","circular_outflow")])'
### stdout
CTI 4.0
[('circular_inflow', 0.2718, 0.35), ('circular_outflow', 0.6607, 0.8)]
### stderr
### exit
0
