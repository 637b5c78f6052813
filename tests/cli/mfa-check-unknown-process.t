# a flow to a process that is not declared: exit 3, the file, the JSON
# path and the flow named
### args
mfa check tests/data/mfa/bad_unknown_process.json
### stdout
### stderr
junkan: tests/data/mfa/bad_unknown_process.json:$.flows[1]: flow f2: to: unknown process "b"
### exit
3
