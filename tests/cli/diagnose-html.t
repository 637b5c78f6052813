# junkan diagnose run --html: the report is one self-contained page (no external link) with inline SVG
### command
"$JUNKAN" diagnose run data/demo/diagnosis --muni 90001 --html "$T/r.html" --lang en > /dev/null && grep -c "<svg" "$T/r.html" && grep -c "src=\|href=" "$T/r.html" || true
### stdout
2
0
### exit
0
