# a row with fewer fields than the header
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,1t,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2: expected 6 fields as in the header, got 5
junkan: nothing was imported
### exit
3
