# network frontier: weighted sums and epsilon-constraint on the small
# model with the export ban (values worked out in test_network_model.c)
### command
"$JUNKAN" --format csv network frontier tests/data/network/model-small --set export_ban=plastic --points 5 --price-max 90000 && "$JUNKAN" --format csv network frontier tests/data/network/model-small --set export_ban=plastic --method epsilon --points 3
### stdout
point,carbon_price,cost,co2_t,hubs
1,0,6900,0.275,h1;h2
2,11250,6900,0.275,h1;h2
3,22500,7900,0.195,h1;h2
4,45000,7900,0.195,h1;h2
5,90000,9150,0.180,h1
point,co2_cap_t,cost,co2_t,hubs
1,0.275,6900,0.275,h1;h2
2,0.228,7494,0.228,h1;h2
3,0.180,9150,0.180,h1
### stderr
### exit
0
