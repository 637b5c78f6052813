# no bundled factor for recycling: an error that says how to give one;
# a user factor file fills the gap
### setup
cat > f.csv <<'CSV'
material,route,kg_co2e_per_t,region,year,source,basis,derived
plastic,recycling,-1200,JP,2025,illustrative factor for this test,net of credits,no
CSV
### command
"$JUNKAN" indicators ghg --material plastic --mass 10t --from incineration --to recycling; echo "exit $?"; "$JUNKAN" -q --format csv indicators ghg --material plastic --mass 10t --from incineration --to recycling --factors "$T/f.csv"
### stdout
exit 3
route,kg_co2e_per_t,t_co2e,factor_for,region,derived,source
from incineration,2770.0,27.700,plastic,JP,no,環境省・経済産業省 温室効果ガス排出量算定・報告・公表制度 算定方法・排出係数一覧: 一般廃棄物の焼却 廃プラスチック類 2.77 tCO2/t
to recycling,-1200.0,-12.000,plastic,JP,no,illustrative factor for this test
change,-3970.0,-39.700,,,,
### stderr
junkan: factor: no emission factor for plastic by recycling; give one with --factors FILE (columns material, route, kg_co2e_per_t, region, year, source, basis)
### exit
0
