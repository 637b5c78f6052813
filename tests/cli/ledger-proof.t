# Proofs from the command line: an inclusion proof of entry 2 and a
# consistency proof from 2 to 4 entries, each verified by proof --check;
# a proof with one hash changed fails with exit 4
### setup
cp "$ROOT"/tests/data/ledger/cli/*.key . && chmod 600 *.key
"$JUNKAN" -q --db l.db ledger init --origin test.example/ledger --key demo-registry.key --at 2026-04-01T00:00:00Z
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/operators.json > /dev/null
### command
cd "$T" && "$JUNKAN" --db l.db ledger proof 2 > p.json && cat p.json && "$JUNKAN" ledger proof --check p.json && "$JUNKAN" --db l.db ledger proof --consistency 2 4 > c.json && "$JUNKAN" ledger proof --check c.json && sed 's/"leafIdx": 2/"leafIdx": 1/' p.json > bad.json && { "$JUNKAN" ledger proof --check bad.json; echo "exit $?"; }
### stdout
{
  "leafIdx": 2,
  "treeSize": 4,
  "root": "+d98xyTJF6KtCrWx5ArHak59TawnpVMc2Rsw4yHM1ts=",
  "leafHash": "warpNEXPqCMTWmHlP10oKi9tHbwPTO3QoO9qSGXqDAg=",
  "proof": [
    "AbAGlT0auV6u1JCPFf2Pw7na2tNHbbZxin3JNdiBlVA=",
    "O+a6q4o/CAtsxmXHfzzjwEoYAC90jXnoOM7Z0D9k6yI="
  ]
}
ok: inclusion proof verifies
ok: consistency proof verifies
exit 4
### stderr
junkan: I3: root: the proof does not lead to the root
### exit
0
