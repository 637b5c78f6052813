# a JSON value of the wrong type, reported at its JSON path
### setup
"$JUNKAN" -q --db x.db init
cat > flows.json <<'EOF'
{"flows": [
  {"from": "economy", "to": "landfill", "material": "plastic", "mass": "1t", "period": "FY2023"},
  {"from": "economy", "to": "landfill", "material": "plastic", "mass": [1, "t"], "period": "FY2023"}
]}
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.json
### stdout
### stderr
junkan: flows.json:$.flows[1].mass: expected a string or a number
junkan: nothing was imported
### exit
3
