# junkan diagnose measures: the measures for a demo city, ranked, and combined
### args
diagnose measures data/demo/diagnosis --muni 90001
### stdout
改善提案・効果算定: measures ranked by GHG saved, and combined (negative = saving)
id                  measure                  fraction           target_pct  recovered_t  ghg_tco2e  final_disposal_t  final_disposal_m3  landfill_life_yr  cost_kyen  yen_per_t  yen_per_tco2e
------------------  -----------------------  -----------------  ----------  -----------  ---------  ----------------  -----------------  ----------------  ---------  ---------  -------------
paper_collection    古紙の分別強化           paper                    46.7         1915      -7122              -214               -214              2.14     -47909     -25012          -6726
plastics_separate   プラスチック一括回収     plastic_packaging        43.6         1617      -5138              -181               -181              1.80      93751      57988          18246
food_biogas         生ごみのメタン化         food                     30.0         3640       -512              -407               -407              4.27      10874       2988          21259
textile_collection  古布回収                 textile                  31.0          387       -354               -43                -43              0.42      -6582     -17012         -18606
pet_b2b             PETボトル水平リサイクル  pet                      64.0          108       -334               -12                -12              0.12      -2373     -22012          -7098
small_appliances    小型家電回収             small_appliances         50.0           54       -133                -6                 -6              0.06      -1194     -22012          -8998
ash_recycling       焼却灰のセメント原料化   ash                      50.0         1835          0             -1835              -1835             30.19     -12444      -6782              -
bulky_reuse         粗大ごみのリユース       bulky                    10.0           80          0               -24                -24              0.23      -1921     -24012              -
combined            組合せ                                               -         9204     -13593             -2291              -2291             46.04      35131       3817           2585
### exit
0
