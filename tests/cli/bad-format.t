# --format with a value that is not table, csv or json
### args
--format xml show summary
### stdout
### stderr
junkan: --format must be table, csv or json, not "xml"
Try `junkan --help`.
### exit
2
