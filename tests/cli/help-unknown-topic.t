# junkan help on a topic that does not exist: usage error
### args
help nope
### stdout
### stderr
junkan: no help on "nope"; try init, import, export, show, mfa, diagnose, check, demo, exit-codes or formats
Try `junkan help --help`.
### exit
2
