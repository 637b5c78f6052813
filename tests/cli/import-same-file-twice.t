# a directory and a file inside it name the same file twice: refused
# (its flows would land twice), nothing imported
### command
"$JUNKAN" --db "$T/x.db" import data/demo data/demo/flows-plastic-2017.csv; echo "exit $?"; "$JUNKAN" --db "$T/x.db" --format csv show flows | wc -l
### stdout
exit 2
1
### stderr
junkan: data/demo/flows-plastic-2017.csv: the same file as data/demo/flows-plastic-2017.csv: import each file once
### exit
0
