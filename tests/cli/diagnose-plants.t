# junkan diagnose plants: per-year totals of the MOE per-plant survey (FY2019 has kWh typed as MWh: gen_mwh_clean leaves those rows out)
### args
diagnose plants data/moe-incineration/fy2019_incineration_facilities.csv data/moe-incineration/fy2024_incineration_facilities.csv
### stdout
MOE per-plant incineration survey (施設整備状況・焼却施設): totals per year
fiscal_year  rows  flagged  gen_flagged  with_gen  throughput_t   gen_mwh  gen_mwh_clean  plastic_dry_pct  moisture_pct  kwh_t_median
-----------  ----  -------  -----------  --------  ------------  --------  -------------  ---------------  ------------  ------------
       2019  1093      163           11       373      34220334  86868329        9877586            24.25         43.04         359.8
       2024  1014      135            0       410      30840696  10457490       10457490            24.85         42.79         390.0
### exit
0
