# a flow of a material that is not in the taxonomy
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,1t,,FY2023
economy,landfill,plastics,1t,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:3:3: material: unknown material "plastics" (see `junkan show materials`)
junkan: nothing was imported
### exit
3
