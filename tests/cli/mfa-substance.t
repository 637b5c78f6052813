# --substance: the copper layer of an e-scrap system, reconciled
### args
--format csv mfa reconcile tests/data/mfa/case_substance.json --substance cu
### stdout
variable,class,measured_t,measured_sd_t,reconciled_t,sd_t,adjustment_t,z,flag
escrap,non-redundant,120.0000,13.4164,120.0000,13.4164,0.0000,0.000,
boards,redundant,90.0000,10.0623,86.7843,3.7983,-3.2157,0.345,
plastics,non-redundant,13.0000,3.3470,13.0000,3.3470,0.0000,0.000,
dust,observable,-,-,20.2157,14.3398,0.0000,0.000,
copper,redundant,84.1500,3.9600,84.6480,3.6877,0.4980,0.345,
slag,redundant,2.1000,1.0689,2.1363,1.0637,0.0363,0.345,
### stderr
### exit
0
