# commands that read a store fail (exit 1) when it does not exist, and
# do not create it
### command
"$JUNKAN" --db "$T/none.db" show summary; echo "exit $?"; test ! -e "$T/none.db" && echo "no store created"
### stdout
exit 1
no store created
### stderr
junkan: $T/none.db: no such store; create it with `junkan --db $T/none.db init`
### exit
0
