# junkan diagnose run: one demo municipality's indicators against its peers (CSV: with formulas)
### args
--format csv diagnose run data/demo/diagnosis --muni 90002
### stdout
id,name_ja,name_en,value,unit,peers,mean,p25,p75,index,deviation,percentile,potential_t,formula
T1,人口一人一日当たりごみ総排出量,Waste per person per day (tool),0.914,kg/人日,22,0.827,0.767,0.877,89.4,40.9,16,646,W / days / pop_collection x 1000
T2,廃棄物からの資源回収率（RDF除く）,Resource recovery rate excl. RDF (tool),0.153,t/t,22,0.190,0.157,0.230,80.1,42.9,16,308,(R - R_rdf) / W
T3,廃棄物のうち最終処分される割合,Share landfilled (tool),0.175,t/t,22,0.068,0.056,0.076,-59.1,16.9,2,479,L / W
T4,人口一人当たり年間処理経費,Annual cost per person (tool),28167,円/人年,22,17047,14511,18638,34.8,21.8,2,-,O&M cost / pop_collection
T5,最終処分減量に要する費用,Cost of reducing final disposal (tool),86285,円/t,22,52707,48652,57413,36.3,18.6,2,-,(O&M - final disposal - research - vehicles) / (W - L)
I1,1人1日当たり排出量,Waste per person per day (MOE),914.4,g/人日,22,826.9,766.9,876.6,89.4,40.9,16,646,W x 10^6 / pop_total / days
I1h,1人1日当たり排出量（生活系）,Household waste per person per day,750.0,g/人日,22,617.6,544.1,695.0,78.6,35.6,11,902,(household + group collection) x 10^6 / pop_total / days
I1b,1人1日当たり排出量（事業系）,Business waste per person per day,137.0,g/人日,22,161.6,136.8,181.6,115.2,56.6,70,1,business x 10^6 / pop_total / days
I2,リサイクル率,Recycling rate (MOE),15.3,%,22,19.0,15.7,23.0,80.1,42.9,16,308,R / (T + G) x 100
I7,焼却依存度,Incineration dependency,77.4,%,22,80.3,77.9,82.8,103.6,56.4,84,0,direct incineration / T x 100
I9,焼却に伴う化石由来CO2,Fossil CO2 of incineration,877,tCO2/年,22,1244,492,1295,129.5,52.5,52,385,inc x (1 - moisture) x plastics dry share x EF_plastic - power sold x grid EF
I9p,焼却に伴う化石由来CO2（一人当たり）,Fossil CO2 of incineration per person,73.1,kg/人年,22,102.3,73.9,116.5,128.5,57.0,75,-,I9 x 1000 / pop_total
I10,最終処分場残余年数,Landfill life,57.0,年,22,31.4,11.1,47.1,181.7,62.1,84,-,"remaining m3 / (annual m3, or L / density)"
C.paper,古紙の分別回収率,Capture rate: paper,27.7,%,22,32.9,29.2,40.3,84.2,45.2,20,118,separately collected / (separately collected + residual t x wet share) x 100
C.metal_steel,スチール缶等の分別回収率,Capture rate: steel,64.6,%,22,53.5,45.5,62.4,120.8,58.3,80,0,separately collected / (separately collected + residual t x wet share) x 100
C.glass,ガラスびんの分別回収率,Capture rate: glass,74.5,%,22,68.3,59.2,74.3,109.1,54.3,75,0,separately collected / (separately collected + residual t x wet share) x 100
C.pet,ペットボトルの分別回収率,Capture rate: PET bottles,46.4,%,22,52.2,43.1,61.7,88.8,45.0,43,13,separately collected / (separately collected + residual t x wet share) x 100
C.plastic_packaging,容器包装プラの分別回収率,Capture rate: plastic packaging,37.8,%,22,28.4,17.8,36.9,133.1,57.7,80,0,separately collected / (separately collected + residual t x wet share) x 100
C.textile,布類の分別回収率,Capture rate: textiles,0.0,%,22,19.4,11.8,25.6,0.0,32.8,2,39,separately collected / (separately collected + residual t x wet share) x 100
C.food,生ごみの分別回収率,Capture rate: food,17.8,%,22,1.5,0.0,0.0,1181.4,90.6,98,0,separately collected / (separately collected + residual t x wet share) x 100
C.small_appliances,小型家電の分別回収率,Capture rate: small appliances,0.0,%,22,44.5,37.8,55.3,0.0,22.5,2,12,separately collected / (separately collected + residual t x wet share) x 100
### exit
0
