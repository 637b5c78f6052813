# a JSON key that is not a kind
### setup
"$JUNKAN" -q --db x.db init
cat > flows.json <<'EOF'
{"flows": [], "widgets": []}
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.json
### stdout
### stderr
junkan: flows.json:$.widgets: unknown key; expected materials, organisations, sites or flows
junkan: nothing was imported
### exit
3
