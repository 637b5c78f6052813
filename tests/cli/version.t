# junkan version and --version
### command
"$JUNKAN" version && "$JUNKAN" --version
### stdout
junkan 0.1.0 (schema 8)
junkan 0.1.0 (schema 8)
### stderr
### exit
0
