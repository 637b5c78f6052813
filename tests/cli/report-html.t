# the HTML report in Japanese: well-formed, inline SVG charts, rendered
# by headless Chromium; and the CSV and JSON forms
### command
"$JUNKAN" -q report data/demo/company --lang ja --out "$T/r.html" && sh tests/data/indicators/html_render.sh "$T/r.html" "$T/r.png" > /dev/null && grep -c '<svg' "$T/r.html" && "$JUNKAN" -q report data/demo/company --frameworks cti,mci --out "$T/r.csv" && wc -l < "$T/r.csv" && "$JUNKAN" report data/demo/company --out "$T/r.txt"; echo "exit $?"
### stdout
4
24
exit 2
### stderr
junkan: --out must end in .xlsx, .html, .json or .csv
Try `junkan report --help`.
### exit
0
