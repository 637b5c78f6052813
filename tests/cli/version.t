# junkan version and --version
### command
"$JUNKAN" version && "$JUNKAN" --version
### stdout
junkan 0.1.0 (schema 3)
junkan 0.1.0 (schema 3)
### stderr
### exit
0
