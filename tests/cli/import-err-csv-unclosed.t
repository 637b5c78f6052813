# a quoted field that is never closed
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,unit,period
economy,landfill,plastic,1t,,FY2023
economy,"landfill,plastic,1t,,FY2023
economy,landfill,plastic,2t,,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:3: malformed CSV: a quoted field is not closed before the end of the file
junkan: nothing was imported
### exit
3
