# reconcile --out writes the reconciled system with its concentrations,
# so its copper layer can be worked on again
### command
"$JUNKAN" -q mfa reconcile tests/data/mfa/case_substance.json --out "$T/r.json" > /dev/null && "$JUNKAN" --format csv mfa reconcile "$T/r.json" --substance cu | head -3
### stdout
variable,class,measured_t,measured_sd_t,reconciled_t,sd_t,adjustment_t,z,flag
escrap,non-redundant,120.0000,13.4164,120.0000,13.4164,0.0000,0.000,
boards,redundant,89.4735,9.6539,86.8649,3.7384,-2.6086,0.293,
### stderr
### exit
0
