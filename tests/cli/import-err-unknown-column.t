# a column that flows files do not have
### setup
"$JUNKAN" -q --db x.db init
cat > flows.csv <<'EOF'
from,to,material,mass,colour,period
economy,landfill,plastic,1t,red,FY2023
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:1:5: unknown column "colour" for flows
junkan: nothing was imported
### exit
3
