# import without files, and --kind without a kind
### command
"$JUNKAN" --db "$T/x.db" import; echo "exit $?"; "$JUNKAN" --db "$T/x.db" import --kind; echo "exit $?"
### stdout
exit 2
exit 2
### stderr
junkan: name the files or directories to import
Try `junkan import --help`.
junkan: --kind needs materials, organisations, sites or flows
Try `junkan import --help`.
### exit
0
