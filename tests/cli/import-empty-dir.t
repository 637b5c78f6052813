# importing a directory without .csv or .json files
### setup
mkdir empty
echo hello > empty/readme.txt
### args
--db $T/x.db import $T/empty
### stdout
### stderr
junkan: $T/empty: no .csv or .json files in this directory
junkan: nothing was imported
### exit
3
