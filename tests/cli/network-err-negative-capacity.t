# bad input: a negative hub capacity is named by file, line and field
### setup
cp -r "$ROOT/tests/data/network/model-small" m && sed -i 's/^h1,big,200,500/h1,big,-200,500/' m/hub_sizes.csv
### command
cd "$T" && "$JUNKAN" network solve m
### stdout
### stderr
junkan: m/hub_sizes.csv:3: capacity_t: must not be negative, got -200
### exit
3
