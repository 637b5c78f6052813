# junkan diagnose prefill: composition rows for 札幌市 (01100) from its four FY2022 plants:
# generation 140,251 MWh and sales 71,753 MWh summed, moisture 47.03 % weighted by tonnes
# (checked with Python's csv module); the rows load back as composition.csv
### setup
printf 'fiscal_year,muni_code,muni_name,city_class,pop_total\n2022,01100,札幌市,政令市,1960000\n' > profiles.csv
### command
"$JUNKAN" diagnose prefill data/moe-incineration/fy2022_incineration_facilities.csv "$T" > "$T/c.tmp" && mv "$T/c.tmp" "$T/composition.csv" && cat "$T/composition.csv" && "$JUNKAN" --format csv diagnose national "$T" | cut -d, -f1,3
### stdout
muni_code,paper_cloth_dry_pct,plastic_rubber_leather_dry_pct,wood_dry_pct,kitchen_dry_pct,incombustible_dry_pct,other_dry_pct,moisture_pct,ash_pct,lhv_kj_per_kg,power_generated_mwh,power_sold_mwh
01100,44.58664025,22.10431951,5.316453864,26.55966321,0.9414545603,0.4914686041,47.03078055,3.241046205,9160.373142,140251,71753
muni_code,type
01100,政令市
### exit
0
