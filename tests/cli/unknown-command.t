# an unknown command: usage error (exit 2), nothing on stdout
### args
frobnicate --db $T/x.db
### stdout
### stderr
junkan: unknown command "frobnicate"
Try `junkan --help`.
### exit
2
