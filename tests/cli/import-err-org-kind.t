# an organisation kind that does not exist
### setup
"$JUNKAN" -q --db x.db init
cat > organisations.csv <<'EOF'
id,name,kind
rec-a,A,wizard
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import organisations.csv
### stdout
### stderr
junkan: organisations.csv:2:3: kind: expected one of municipality, collector, recycler, manufacturer, hub_operator, authority, auditor, got "wizard"
junkan: nothing was imported
### exit
3
