# an unknown option of import
### args
--db $T/x.db import --frobnicate data/demo
### stdout
### stderr
junkan: unknown option "--frobnicate"
Try `junkan import --help`.
### exit
2
