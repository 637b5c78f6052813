# junkan diagnose plants --flagged: the suspicious rows of FY2021
### args
--format csv diagnose plants data/moe-incineration/fy2021_incineration_facilities.csv --flagged
### stdout
fiscal_year,line,body_code,facility,throughput_t,gen_mwh,flags
2021,333,13201,館クリーンセンター,0,24200,gen no_t
2021,535,22130,（仮）浜松市新清掃工場,0,62653,gen no_t
### exit
0
