# network solve --format json (the head of it), one hub at most
### command
"$JUNKAN" --format json network solve tests/data/network/model-small --set max_hubs=1 | head -8
### stdout
{
  "summary": {
    "status": "optimal",
    "objective": 6650.0,
    "bound": 6650.0,
    "gap": 0.0,
    "cost_total": 6650.0,
    "cost_hubs": 1500.0,
### stderr
### exit
0
