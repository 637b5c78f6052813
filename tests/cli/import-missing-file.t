# importing a file that does not exist: exit 1 (input/output)
### args
--db $T/x.db import $T/nothere.csv
### stdout
### stderr
junkan: $T/nothere.csv: cannot read: No such file or directory
### exit
1
