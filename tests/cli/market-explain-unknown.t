# explain names a listing that does not exist: exit 3; a draft listing is
# not matched
### command
"$JUNKAN" market explain nope data/demo/market/listings.csv; echo "exit $?"; "$JUNKAN" market explain s-draft-pp data/demo/market/listings.csv; echo "exit $?"
### stdout
exit 3
s-draft-pp: not open, nothing to match
exit 0
### stderr
junkan: nope: no such listing
### exit
0
