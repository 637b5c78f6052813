# A transformation that loses 50 kg is rejected whole: exit 3, the error
# names the invariant (I10), the entry and the field; the log is unchanged
### setup
cp "$ROOT"/tests/data/ledger/cli/*.key . && chmod 600 *.key
D="$ROOT/data/ledger"
K="--key demo-registry.key --key city-yokohama.key --key sorter-kawasaki.key --key maker-kanagawa.key"
"$JUNKAN" -q --db l.db ledger init --origin test.example/ledger --key demo-registry.key --at 2026-04-01T00:00:00Z
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/operators.json > /dev/null
"$JUNKAN" --db l.db ledger append $K --at 2026-06-30T12:00:00Z "$D"/demo/master.json > /dev/null
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$D"/schemes.json > /dev/null
"$JUNKAN" --db l.db ledger append $K --at 2026-06-30T12:00:00Z "$D"/demo/chain.json > /dev/null
### command
cd "$T" && "$JUNKAN" --db l.db ledger append --key sorter-kawasaki.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/bad-imbalance.json; echo "exit $?"; "$JUNKAN" --db l.db ledger show status | head -4; "$JUNKAN" --db l.db --format csv ledger show log 24 --size 3
### stdout
exit 3
field    value
-------  ----------------------------------------------------------------
origin   test.example/ledger
entries  27
seq,record_time,type,actor,subject
24,2026-06-30T12:00:00Z,mb.debit,jp:maker-kanagawa,urn:jk:lot:bottles-0410
25,2026-06-30T12:00:00Z,passport.issue,jp:maker-kanagawa,urn:jk:lot:bottles-0410
26,2026-06-30T12:00:00Z,mb.close,jp:maker-kanagawa,acc:kanagawa-rpet-2026q2
### stderr
junkan: I10: entry 27: outputs: inputs 1100000 g != outputs 1000000 g + losses 50000 g (difference 50000 g)
### exit
0
