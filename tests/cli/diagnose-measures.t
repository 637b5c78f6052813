# junkan diagnose measures: the measures for a demo city, ranked, and combined
### args
diagnose measures data/demo/diagnosis --muni 90001
### stdout
改善提案・効果算定: measures ranked by GHG saved, and combined (negative = saving)
id                  measure                  fraction           target_pct  recovered_t  ghg_tco2e  final_disposal_t  final_disposal_m3  landfill_life_yr  cost_kyen  yen_per_t  yen_per_tco2e
------------------  -----------------------  -----------------  ----------  -----------  ---------  ----------------  -----------------  ----------------  ---------  ---------  -------------
paper_collection    古紙の分別強化           paper                    46.8         1920      -7138              -215               -215              2.15     -48016     -25012          -6726
plastics_separate   プラスチック一括回収     plastic_packaging        43.9         1629      -5177              -182               -182              1.81      94467      57988          18246
food_biogas         生ごみのメタン化         food                     30.0         3640       -512              -407               -407              4.27      10874       2988          21259
pet_b2b             PETボトル水平リサイクル  pet                      67.5          136       -422               -15                -15              0.15      -2997     -22012          -7098
textile_collection  古布回収                 textile                  31.0          388       -355               -43                -43              0.42      -6598     -17012         -18606
small_appliances    小型家電回収             small_appliances         50.0           54       -133                -6                 -6              0.06      -1194     -22012          -8998
ash_recycling       焼却灰のセメント原料化   ash                      50.0         1835          0             -1835              -1835             30.19     -12444      -6782              -
bulky_reuse         粗大ごみのリユース       bulky                    10.0           80          0               -24                -24              0.23      -1921     -24012              -
combined            組合せ                                               -         9247     -13737             -2294              -2294             46.15      35119       3798           2557
### exit
0
