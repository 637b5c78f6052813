# --set with an unknown hub
### args
network solve tests/data/network/model-small --set close_hub=h7
### stdout
### stderr
junkan: --set: close_hub: unknown hub "h7"
### exit
2
