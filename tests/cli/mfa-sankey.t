# mfa sankey writes a standalone SVG with Japanese labels
### setup
"$JUNKAN" -q --db x.db import "$ROOT/data/demo"
### command
"$JUNKAN" --db "$T/x.db" mfa sankey --material plastic --period 2017 --lang ja --out "$T/p.svg" && head -c 38 "$T/p.svg" && echo && grep -c "<path" "$T/p.svg" | sed 's/^[0-9]*$/paths/' && grep -o "再生利用" "$T/p.svg" | head -1
### stdout
<?xml version="1.0" encoding="UTF-8"?>
paths
再生利用
### stderr
### exit
0
