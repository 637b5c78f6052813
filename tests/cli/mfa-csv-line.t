# an error in a system's CSV names the physical line, after blank lines
### setup
printf 'id,from,to,value,sd,status\n\nin,ext:a,p,10,1,\n\nbad,p,q,1,1,\n' > flows.csv
printf 'id\np\n' > processes.csv
### args
mfa check $T
### stdout
### stderr
junkan: $T/flows.csv:5: flow bad: to: unknown process "q"
### exit
3
