# import the demo directory into a new store: nothing on stdout, one
# summary line on stderr
### args
--db $T/demo.db import data/demo
### stdout
### stderr
junkan: imported 37 organisations, 37 sites, 80 flows (12 new process nodes) in N s
### exit
0
