# junkan help exit-codes
### args
help exit-codes
### stdout
Exit codes of junkan:
  0  success
  1  failure: input/output, the store, memory, or an internal error
  2  usage: an unknown command or option, or a missing argument
  3  bad input data: a file has an error; nothing was imported
  4  a check found a problem (a mass balance beyond its tolerance, a
     ledger that does not verify, a proof that fails)
### stderr
### exit
0
