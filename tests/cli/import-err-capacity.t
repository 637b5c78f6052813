# a site capacity of a material that does not exist
### setup
"$JUNKAN" -q --db x.db init
cat > sites.json <<'EOF'
{"organisations": [{"id": "o", "name": "O", "kind": "recycler"}],
 "sites": [{"id": "s", "org": "o", "name": "S", "kind": "yard", "capacities": {"plastic.pp": "1200t", "unobtainium": "1t"}}]}
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import sites.json
### stdout
### stderr
junkan: sites.json:$.sites[0].capacities: unknown material "unobtainium"
junkan: nothing was imported
### exit
3
