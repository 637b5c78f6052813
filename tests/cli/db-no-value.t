# --db at the end of the line, without its value
### args
show summary --db
### stdout
### stderr
junkan: --db needs a value
Try `junkan --help`.
### exit
2
