# every unit and period form lands as exact tonnes and a canonical period
### setup
cat > flows.csv <<'CSV'
from,to,material,mass,unit,period,label
a,b,plastic,1,g,FY2023,g
a,b,plastic,1,kg,fy2023,kg
a,b,plastic,1,t,ＦＹ２０２３,t
a,b,plastic,1,kt,2023年度,kt
a,b,plastic,1,Mt,平成18年度,Mt
a,b,plastic,1,万t,H18年度,万t
a,b,plastic,1,千t,令和元年度,千t
a,b,plastic,1,GRM,令和5年度,GRM
a,b,plastic,1,kgm,R5年度,kgm
a,b,plastic,1,TNE,2017,TNE
a,b,plastic,1,KTN,CY2017,KTN
a,b,plastic,903万t,,2017年,inline 万t
a,b,plastic,1200 KGM,,令和5年,inline KGM
a,b,plastic,１２５　t,,R5年,full-width digits
a,b,plastic,+0.001kg,,2017-04,plus sign
a,b,plastic,0.000001,t,2017-4,one gram
a,b,plastic,0,t,2017/04,zero
a,b,plastic,12.50,t,2017年4月,trailing zero
a,b,plastic,1,t,令和5年4月,era month
a,b,plastic,1,t,　2023　,ideographic spaces
CSV
"$JUNKAN" -q --db x.db import flows.csv
### command
"$JUNKAN" --db "$T/x.db" --format csv show flows
### stdout
from,to,material,mass_t,period,route,label
a,b,plastic,0.000001,FY2023,,g
a,b,plastic,0.001,FY2023,,kg
a,b,plastic,1,FY2023,,t
a,b,plastic,1000,FY2023,,kt
a,b,plastic,1000000,FY2006,,Mt
a,b,plastic,10000,FY2006,,万t
a,b,plastic,1000,FY2019,,千t
a,b,plastic,0.000001,FY2023,,GRM
a,b,plastic,0.001,FY2023,,kgm
a,b,plastic,1,2017,,TNE
a,b,plastic,1000,2017,,KTN
a,b,plastic,9030000,2017,,inline 万t
a,b,plastic,1.2,2023,,inline KGM
a,b,plastic,125,2023,,full-width digits
a,b,plastic,0.000001,2017-04,,plus sign
a,b,plastic,0.000001,2017-04,,one gram
a,b,plastic,0,2017-04,,zero
a,b,plastic,12.5,2017-04,,trailing zero
a,b,plastic,1,2023-04,,era month
a,b,plastic,1,2023,,ideographic spaces
### stderr
### exit
0
