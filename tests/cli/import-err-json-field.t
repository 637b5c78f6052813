# a JSON field that the kind does not have
### setup
"$JUNKAN" -q --db x.db init
cat > orgs.json <<'EOF'
{"organisations": [{"id": "a", "name": "A", "kind": "auditor", "colour": "red"}]}
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import orgs.json
### stdout
### stderr
junkan: orgs.json:$.organisations[0].colour: unknown field for organisations; expected id,name,name_en,kind,corporate_number,lg_code,region
junkan: nothing was imported
### exit
3
