# market without a command, an unknown one, and a missing option
### command
"$JUNKAN" market; echo "exit $?"; "$JUNKAN" market sell; echo "exit $?"; "$JUNKAN" market agree s1 d1; echo "exit $?"
### stdout
exit 2
exit 2
exit 2
### stderr
junkan: market what? (import, list, match, explain, gap, agree, reject, deliver, shortfall, rank)
Try `junkan market --help`.
junkan: unknown market command "sell"
Try `junkan market --help`.
junkan: agree needs --volume (mass per period, e.g. 20t)
Try `junkan market --help`.
### exit
0
