# ESRS 37 with energy recovery as other recovery and non-recycled read
# as directed to disposal
### args
--format csv indicators esrs data/demo/company --energy-recovery recovery --non-recycled disposal
### stdout
framework,id,subject,indicator,value,unit,note
ESRS-E5,31a,,Total weight of products and technical and biological materials used,19240,t,
ESRS-E5,31b,,Biological materials (and biofuels for non-energy use) sustainably sourced,0.9038461538,fraction,
ESRS-E5,31c_t,,Weight of secondary reused or recycled components and materials used,4870,t,
ESRS-E5,31c_pct,,Share of secondary reused or recycled components and materials used,0.2531185031,fraction,
ESRS-E5,36a,washer,Expected durability relative to the industry average,1.05,,
ESRS-E5,36a,vacuum,Expected durability relative to the industry average,0.8571428571,,
ESRS-E5,36b,washer,Reparability of products,6.5,score,
ESRS-E5,36b,vacuum,Reparability of products,5,score,
ESRS-E5,36c_products,,Recyclable content in products,0.8448275862,fraction,
ESRS-E5,36c_packaging,,Recyclable content in packaging,0.9166666667,fraction,
ESRS-E5,37a,,Total waste generated,1490,t,
ESRS-E5,37b,,Waste diverted from disposal,1340,t,
ESRS-E5,37b_haz,,Hazardous waste diverted from disposal,20,t,
ESRS-E5,37b_nonhaz,,Non-hazardous waste diverted from disposal,1320,t,
ESRS-E5,37b_i,,Prepared for reuse,20,t,
ESRS-E5,37b_i,hazardous,Prepared for reuse,0,t,
ESRS-E5,37b_i,non-hazardous,Prepared for reuse,20,t,
ESRS-E5,37b_ii,,Recycled,900,t,
ESRS-E5,37b_ii,hazardous,Recycled,0,t,
ESRS-E5,37b_ii,non-hazardous,Recycled,900,t,
ESRS-E5,37b_iii,,Other recovery operations,420,t,
ESRS-E5,37b_iii,hazardous,Other recovery operations,20,t,
ESRS-E5,37b_iii,non-hazardous,Other recovery operations,400,t,
ESRS-E5,37c,,Waste directed to disposal,150,t,
ESRS-E5,37c_haz,,Hazardous waste directed to disposal,50,t,
ESRS-E5,37c_nonhaz,,Non-hazardous waste directed to disposal,100,t,
ESRS-E5,37c_i,,Incineration,50,t,
ESRS-E5,37c_i,hazardous,Incineration,50,t,
ESRS-E5,37c_i,non-hazardous,Incineration,0,t,
ESRS-E5,37c_ii,,Landfill,100,t,
ESRS-E5,37c_ii,hazardous,Landfill,0,t,
ESRS-E5,37c_ii,non-hazardous,Landfill,100,t,
ESRS-E5,37c_iii,,Other disposal operations,0,t,
ESRS-E5,37c_iii,hazardous,Other disposal operations,0,t,
ESRS-E5,37c_iii,non-hazardous,Other disposal operations,0,t,
ESRS-E5,37d_t,,Non-recycled waste,150,t,read as waste directed to disposal
ESRS-E5,37d_pct,,Share of non-recycled waste,0.1006711409,fraction,read as waste directed to disposal
ESRS-E5,37_identity,,Waste identity: generated = diverted + directed to disposal,1,,
ESRS-E5,38,metal,Waste by material present,900,t,
ESRS-E5,38,plastic,Waste by material present,500,t,
ESRS-E5,38,sludge,Waste by material present,50,t,
ESRS-E5,38,waste_oil,Waste by material present,20,t,
ESRS-E5,38,wood,Waste by material present,20,t,
ESRS-E5,39_hazardous,,Total hazardous waste,70,t,
ESRS-E5,39_radioactive,,Total radioactive waste,0,t,
### stderr
### exit
0
