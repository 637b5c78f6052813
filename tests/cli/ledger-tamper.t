# Verification from scratch on the store and on an export: intact they
# pass; one changed byte in the store, or one in the export, makes
# verify exit 4 naming the first bad entry; a key file that others may
# read is refused
### setup
cp "$ROOT"/tests/data/ledger/cli/*.key . && chmod 600 *.key
"$JUNKAN" -q --db l.db ledger init --origin test.example/ledger --key demo-registry.key --at 2026-04-01T00:00:00Z
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/operators.json > /dev/null
"$JUNKAN" --db l.db ledger export --out copy.jsonl
sed 's/Kawasaki PET/Kawasaki PEN/' copy.jsonl > bad.jsonl
### command
cd "$T" && "$JUNKAN" --db l.db ledger verify --threads 2 && "$JUNKAN" --db l.db ledger verify copy.jsonl && { "$JUNKAN" --db l.db ledger verify bad.jsonl; echo "exit $?"; } && sqlite3 l.db "UPDATE ledger_entry SET sig = substr(sig, 1, 127) || 'f' WHERE seq = 2" && { "$JUNKAN" --db l.db ledger verify; echo "exit $?"; } && chmod 644 city-yokohama.key && { "$JUNKAN" --db l.db ledger key show city-yokohama.key; echo "exit $?"; }
### stdout
ok: 4 entries, 0 checkpoints, root f9df7cc724c917a2ad0ab5b1e40ac76a4e7d4dac27a5531cd91b30e321ccd6db
ok: 4 entries, 0 checkpoints, root f9df7cc724c917a2ad0ab5b1e40ac76a4e7d4dac27a5531cd91b30e321ccd6db
exit 4
exit 4
exit 2
### stderr
junkan: I6: entry 2: eh: does not match the event's hash: the entry was altered
junkan: I5: entry 2: sig: the signature does not verify under the actor's key
junkan: city-yokohama.key: key file is readable by others (mode 0644); chmod 600 it
### exit
0
