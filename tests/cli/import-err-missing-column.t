# a flows file without its required mass column
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,unit,period
economy,landfill,plastic,t,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:1: missing column "mass"; flows files have the header from,to,material,mass,unit,period,route,label,source
junkan: nothing was imported
### exit
3
