# a negative mass
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,-1,t,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:4: mass: expected a mass of zero or more, got "-1"
junkan: nothing was imported
### exit
3
