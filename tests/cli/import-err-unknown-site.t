# a flow from a site that does not exist
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
site:nowhere,landfill,plastic,1t,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:1: from: unknown site "nowhere"
junkan: nothing was imported
### exit
3
