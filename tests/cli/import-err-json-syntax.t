# malformed JSON: reported at line and column
### setup
"$JUNKAN" -q --db x.db init
cat > flows.json <<'EOF'
{"flows": [
  {"from": "economy", "to": "landfill",}
]}
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import flows.json
### stdout
### stderr
junkan: flows.json:2:40: malformed JSON: string or '}' expected near '}'
junkan: nothing was imported
### exit
3
