# junkan diagnose ism: levels with arcs of influence above 2
### args
diagnose ism data/demo/diagnosis/issues.csv --threshold 2
### stdout
ISM levels (1 = top: the outcomes; the highest level holds the root causes)
factor            level
----------------  -----
処理費用の増加        1
人手不足              1
住民の分別意識        4
分別回収率            3
施設の老朽化          2
最終処分場の逼迫      2
### exit
0
