# importing the demo data twice: the second import fails on the first
# record that already exists, and nothing is imported
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### args
--db $T/demo.db import data/demo
### stdout
### stderr
junkan: data/demo/organisations.csv:2:1: id: organisation "city-yokohama" already exists
junkan: nothing was imported
### exit
3
