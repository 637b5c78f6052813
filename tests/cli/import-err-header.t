# a CSV header that is no kind of junkan file
### setup
"$JUNKAN" -q --db x.db init
cat > things.csv <<'EOF'
colour,size
red,1
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import things.csv
### stdout
### stderr
junkan: things.csv:1: cannot tell what this file holds from its header; expected the columns of materials, organisations, sites or flows (see `junkan help formats`)
junkan: nothing was imported
### exit
3
