# a period that is not a fiscal year, year or month
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,1t,,FY2023
economy,landfill,plastic,1t,,2023-13
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:3:6: period: expected a period such as FY2023, 2023, 2023-04 or FY2023Q1, got "2023-13"
junkan: nothing was imported
### exit
3
