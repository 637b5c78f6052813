# junkan diagnose dematel: D, R, D+R, D-R and the impact diagram
### command
"$JUNKAN" diagnose dematel data/demo/diagnosis/issues.csv --svg "$T/d.svg" && grep -c "<circle" "$T/d.svg"
### stdout
DEMATEL: D = influence given, R = received; D+R prominence (中心度), D−R relation (原因度)
factor                 D       R  D_plus_R  D_minus_R  group
----------------  ------  ------  --------  ---------  ------
処理費用の増加    1.3276  2.5692    3.8968    -1.2416  effect
人手不足          1.3325  0.8955    2.2280     0.4370  cause
住民の分別意識    1.4390  0.5786    2.0176     0.8604  cause
分別回収率        1.9694  1.9039    3.8733     0.0655  cause
施設の老朽化      1.7309  1.4820    3.2129     0.2489  cause
最終処分場の逼迫  1.5122  1.8824    3.3946    -0.3701  effect
(arcs in the impact diagram: t_ij > 0.2587)
6
### exit
0
