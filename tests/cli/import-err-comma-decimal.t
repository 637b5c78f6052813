# a decimal comma in a mass is refused, never guessed at (exit 3)
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,"12,5t",,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:2:4: mass: expected a number with a unit, got "12,5t"
junkan: nothing was imported
### exit
3
