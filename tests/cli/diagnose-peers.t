# junkan diagnose peers: statistics of one indicator per peer group
### args
diagnose peers data/demo/diagnosis --indicator I2
### stdout
Peer statistics per group (types merged below the minimum group size)
group                                                                                                         indicator  unit   n  mean   sd    q1  median    q3
------------------------------------------------------------------------------------------------------------  ---------  ----  --  ----  ---  ----  ------  ----
政令市                                                                                                        I2         %     20  22.8  7.6  17.2    22.4  28.6
中核市                                                                                                        I2         %     62  20.6  6.6  16.0    19.7  24.9
特別区                                                                                                        I2         %     23  22.1  5.0  19.3    23.0  25.0
市-I-0+市-II-0+市-III-0+市-IV-0                                                                               I2         %     23  19.4  5.1  14.1    19.8  22.1
市-I-1+市-II-1+市-III-1+市-IV-1+市-I-3+市-II-3+市-III-3+市-IV-3                                               I2         %     40  22.6  6.4  18.6    22.8  26.5
町村-I-0+町村-II-0+町村-III-0+町村-IV-0+町村-V-0                                                              I2         %     22  19.0  5.4  15.7    19.6  23.0
町村-I-3+町村-II-3                                                                                            I2         %     21  23.8  5.4  21.4    23.9  27.9
町村-III-3+町村-IV-3+町村-V-3+町村-I-1+町村-II-1+町村-III-1+町村-IV-1+町村-V-1+町村-I-2+町村-II-2+町村-III-2  I2         %     41  22.3  6.2  17.9    21.7  26.9
### exit
0
