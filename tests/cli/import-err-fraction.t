# a mass that is not a whole number of grams
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,0.0001,kg,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:4: mass: "0.0001" is not a whole number of grams
junkan: nothing was imported
### exit
3
