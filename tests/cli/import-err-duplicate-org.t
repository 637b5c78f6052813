# the same organisation id twice in one file
### setup
"$JUNKAN" -q --db x.db init
cat > organisations.csv <<'EOF'
id,name,kind
rec-a,A リサイクル,recycler
rec-b,B リサイクル,recycler
rec-a,A リサイクル 2,recycler
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import organisations.csv
### stdout
### stderr
junkan: organisations.csv:4:1: id: organisation "rec-a" already exists
junkan: nothing was imported
### exit
3
