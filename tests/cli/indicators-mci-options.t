# the MCI with the 2M denominator and mass weights, options on stderr
### args
indicators mci data/demo/company --lfi 2m --weight mass
### stdout
framework  id           subject  indicator                        value  unit  note
---------  -----------  -------  ------------------------------  ------  ----  ----
MCI        lfi          washer   Linear Flow Index               0.5004        
MCI        utility      washer   Utility X = (L/Lav)(U/Uav)        1.05        
MCI        mci          washer   Material Circularity Indicator  0.5711        
MCI        lfi          vacuum   Linear Flow Index               0.6517        
MCI        utility      vacuum   Utility X = (L/Lav)(U/Uav)      0.8571        
MCI        mci          vacuum   Material Circularity Indicator  0.3157        
MCI        mci_company           Company MCI (weighted)          0.5337        
### stderr
junkan: MCI EMF 2019: lfi=2m (V+W)/2M; company weight=mass
### exit
0
