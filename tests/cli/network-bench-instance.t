# bench-instance: OR-Library cap41 to its published optimum 1040444.375
# (the seconds column is left out: it varies)
### command
"$JUNKAN" --format csv network bench-instance tests/data/network/orlib/cap41.txt | cut -d, -f1-7
### stdout
instance,m,n,status,objective,bound,gap
cap41,16,50,optimal,1040444.375,1040444.375,0.000000
### stderr
### exit
0
