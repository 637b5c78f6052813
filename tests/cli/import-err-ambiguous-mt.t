# "mt" could be metric tonnes or megatonnes: refused
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,5 mt,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:4: mass: ambiguous unit "mt" in "5 mt": write t, kt or Mt
junkan: nothing was imported
### exit
3
