# junkan diagnose run with a municipality that is not in the input: bad input
### args
diagnose run data/demo/diagnosis --muni 99999
### stdout
### stderr
junkan: data/demo/diagnosis: --muni: no municipality 99999 in the input
### exit
3
