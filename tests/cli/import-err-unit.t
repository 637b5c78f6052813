# a unit that junkan does not know (pounds)
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,12.5,lb,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:5: unit: expected a unit (g, kg, t, kt, Mt, 万t, GRM, KGM, TNE, KTN), got "lb"
junkan: nothing was imported
### exit
3
