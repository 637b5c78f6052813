# a corporate number (法人番号) with a wrong check digit
### setup
"$JUNKAN" -q --db x.db init
cat > organisations.csv <<'EOF'
id,name,kind,corporate_number
rec-a,A,recycler,1000020141003
EOF
### command
cd "$T" && "$JUNKAN" --db x.db import organisations.csv
### stdout
### stderr
junkan: organisations.csv:2:4: corporate_number: "1000020141003" is not a valid 13-digit corporate number (法人番号; check digit first)
junkan: nothing was imported
### exit
3
