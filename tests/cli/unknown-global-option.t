# an unknown option before the command; junkan takes it for a command name
### args
--frobnicate show summary
### stdout
### stderr
junkan: unknown option "--frobnicate"
Try `junkan --help`.
### exit
2
