# junkan diagnose national with no DATA on a store without diagnosis
# input: says how to import it
### setup
"$JUNKAN" -q --db e.db init
### command
cd "$T" && "$JUNKAN" --db e.db diagnose national
### stdout
### stderr
junkan: no diagnosis input in the store; import it with `junkan diagnose import DIR`
### exit
3
