# a mass with a unit of its own that junkan does not know
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,12.5 tons,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:4: mass: unknown unit "tons" in "12.5 tons"
junkan: nothing was imported
### exit
3
