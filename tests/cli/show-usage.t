# show without what to show, with two things, and with an unknown thing
### setup
"$JUNKAN" -q --db x.db init
### command
"$JUNKAN" --db "$T/x.db" show; echo "exit $?"; "$JUNKAN" --db "$T/x.db" show flows sites; echo "exit $?"; "$JUNKAN" --db "$T/x.db" show widgets; echo "exit $?"
### stdout
exit 2
exit 2
exit 2
### stderr
junkan: show what? (summary, materials, regions, routes, organisations, sites, flows)
Try `junkan show --help`.
junkan: show one thing at a time
Try `junkan show --help`.
junkan: cannot show "widgets"
Try `junkan show --help`.
### exit
0
