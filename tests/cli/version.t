# junkan version and --version
### command
"$JUNKAN" version && "$JUNKAN" --version
### stdout
junkan 0.1.0 (schema 2)
junkan 0.1.0 (schema 2)
### stderr
### exit
0
