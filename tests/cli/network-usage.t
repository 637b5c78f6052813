# network without a command, and an unknown one
### command
"$JUNKAN" network; "$JUNKAN" network route x; echo "exit $?"
### stdout
exit 2
### stderr
junkan: network what? (solve, compare, frontier, bench-instance)
Try `junkan network --help`.
junkan: unknown network command "route"
Try `junkan network --help`.
### exit
0
