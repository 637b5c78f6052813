# export without a kind, and with a kind it cannot export
### command
"$JUNKAN" --db "$T/x.db" export; echo "exit $?"; "$JUNKAN" --db "$T/x.db" export widgets; echo "exit $?"
### stdout
exit 2
exit 2
### stderr
junkan: name what to export (materials, organisations, sites, flows, all)
Try `junkan export --help`.
junkan: cannot export "widgets"; choose materials, organisations, sites, flows, routes, regions or all
Try `junkan export --help`.
### exit
0
