# junkan version and --version
### command
"$JUNKAN" version && "$JUNKAN" --version
### stdout
junkan 0.1.0 (schema 7)
junkan 0.1.0 (schema 7)
### stderr
### exit
0
