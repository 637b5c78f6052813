# junkan diagnose --help and help diagnose print the same page
### command
"$JUNKAN" diagnose --help > "$T/a" && "$JUNKAN" help diagnose > "$T/b" && cmp "$T/a" "$T/b" && head -3 "$T/a"
### stdout
Usage: junkan diagnose COMMAND [INPUT] [options]

Municipal circular-economy diagnosis (自治体CE診断). INPUT is a
### stderr
### exit
0
