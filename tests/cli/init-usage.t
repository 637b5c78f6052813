# init takes no arguments
### args
--db $T/x.db init now
### stdout
### stderr
junkan: init takes no arguments
Try `junkan init --help`.
### exit
2
