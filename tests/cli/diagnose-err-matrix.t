# junkan diagnose dematel on a matrix with a non-zero diagonal
### setup
printf ',A,B\nA,0,1\nB,1,2\n' > m.csv
### command
"$JUNKAN" diagnose dematel "$T/m.csv"
### stdout
### stderr
junkan: $T/m.csv:3: B: the diagonal must be 0 (a factor does not influence itself), got 2
### exit
3
