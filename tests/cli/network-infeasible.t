# an infeasible model exits 3 and names the binding constraint group
### args
network solve tests/data/network/model-small --set budget=100
### stdout
### stderr
junkan: tests/data/network/model-small: infeasible: budget: no plan satisfies these constraints; relaxing them alone makes the model feasible
### exit
3
