# a measurement ten times too large: the global test fails (exit 4) and
# the per-measurement test names it
### setup
sed 's/"value": 95,/"value": 950,/' "$ROOT/tests/data/mfa/case_network.json" > sys.json
### args
--format csv mfa reconcile $T/sys.json
### stdout
variable,class,measured_t,measured_sd_t,reconciled_t,sd_t,adjustment_t,z,flag
primary,redundant,70.0000,3.5000,249.4842,2.5097,179.4842,73.572,GROSS ERROR?
secondary,redundant,32.0000,3.0000,210.9903,2.5043,178.9903,108.364,GROSS ERROR?
goods,redundant,950.0000,4.0000,476.3623,2.6708,-473.6377,159.060,GROSS ERROR?
scrap,redundant,4.0000,1.0000,-15.8878,0.9830,-19.8878,108.364,GROSS ERROR?
eol,redundant,90.0000,6.0000,439.7235,2.8174,349.7235,66.018,GROSS ERROR?
littered,redundant,3.0000,1.5000,36.6388,1.4316,33.6388,75.127,GROSS ERROR?
collected,observable,-,-,258.8223,3.0682,0.0000,0.000,
to-landfill,redundant,50.0000,5.0000,180.9012,2.9560,130.9012,32.461,GROSS ERROR?
sort-residue,redundant,11.0000,2.0000,31.9442,1.8931,20.9442,32.461,GROSS ERROR?
### stderr
### exit
4
