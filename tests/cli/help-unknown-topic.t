# junkan help on a topic that does not exist: usage error
### args
help nope
### stdout
### stderr
junkan: no help on "nope"; try init, import, export, show, check, demo, indicators, report, serve, token, network, mfa, ledger, passport, market, diagnose, diagnose-input, exit-codes or formats
Try `junkan help --help`.
### exit
2
