# a quote inside an unquoted field: malformed CSV
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,1t,,FY2023
economy,land"fill,plastic,1t,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:3: malformed CSV: a quote inside an unquoted field or after a closing quote (quote the whole field and double the quotes inside: "a ""b""")
junkan: nothing was imported
### exit
3
