# junkan init on a new store: seeds the reference tables, reports on
# stderr, nothing on stdout; a second init is harmless
### command
"$JUNKAN" --db "$T/new.db" init && "$JUNKAN" --db "$T/new.db" init && "$JUNKAN" --db "$T/new.db" --format csv show summary | head -n 3
### stdout
# contents
what,kind,count
material,all,140
### stderr
junkan: $T/new.db is ready (schema 8, 140 materials)
junkan: $T/new.db is ready (schema 8, 140 materials)
### exit
0
