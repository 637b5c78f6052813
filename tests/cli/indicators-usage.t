# usage errors: no command, no data set, an unknown option value
### command
"$JUNKAN" indicators; echo "exit $?"; "$JUNKAN" indicators cti; echo "exit $?"; "$JUNKAN" indicators mci data/demo/company --lfi 3m; echo "exit $?"
### stdout
exit 2
exit 2
exit 2
### stderr
junkan: indicators what? (cti, mci, iso59020, esrs, all, ghg, rules)
Try `junkan indicators --help`.
junkan: give a data set (a directory of CSV files or a .json file) or --org ID --period P
Try `junkan indicators --help`.
junkan: --lfi is emf2015 or 2m, not "3m"
Try `junkan indicators --help`.
### exit
0
