# mfa indicators on the demo's FY2006 national flow from the store, with
# a GDP and a population: every Fundamental Plan indicator
### setup
"$JUNKAN" -q --db x.db import "$ROOT/data/demo"
### args
--format csv --db $T/x.db mfa indicators --material all --period FY2006 --gdp 5568500 --population 127770000 --renewable 200000000
### stdout
code,name_ja,name_en,value,unit,target_4th,target_5th,gap_to_5th,formula
resource_productivity,資源生産性,resource productivity,35,万円/t,49,60,25,"GDP / 天然資源等投入量: real GDP (億円 x 10^4 = 万円) / natural resource input (routes extraction + import, t), in 万円/t; comparable with a target only on the GDP series of its plan"
cyclical_use_rate_input,入口側循環利用率,"cyclical use rate, input side",12.5344,%,18,19,6.46564,"循環利用量 / (循環利用量 + 天然資源等投入量) x 100: cyclical use (recycling flows into the economy) / (cyclical use + natural resource input), in %"
cyclical_use_rate_output,出口側循環利用率,"cyclical use rate, output side",39.1081,%,47,44,4.89194,"循環利用量 / 廃棄物等発生量 x 100: cyclical use / waste generation (route waste), in %"
final_disposal,最終処分量,final disposal,29,Mt,13,11,-18,"最終処分量: the sum of landfill flows, in Mt (10^6 t) per fiscal year"
natural_resource_consumption_per_capita,一人当たり天然資源消費量,natural resource consumption per capita,11.1215,t/person,-,11,-0.121547,"(天然資源等投入量 - 輸出量) / 人口: (natural resource input - export) / population, in t/person; this formula is the spec's reading from memory ([memory]), not checked against the 5th plan"
renewable_and_cyclical_input_share,再生可能資源及び循環資源の投入割合,share of renewable and cyclical resources in material input,23.5294,%,-,34,10.4706,"(再生可能資源 + 循環利用量) / 総物質投入量 x 100, where 総物質投入量 = 天然資源等投入量 + 循環利用量: (renewable resource input + cyclical use) / total material input, in %"
### stderr
### exit
0
