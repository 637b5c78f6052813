# mfa reconcile on the STAN help example: both measurements become
# 105 +- 7.0711, chi2 0.5 with one degree of freedom
### args
mfa reconcile tests/data/mfa/case_stan.json
### stdout
Reconciled values (t)
variable  class      measured_t  measured_sd_t  reconciled_t    sd_t  adjustment_t      z  flag
--------  ---------  ----------  -------------  ------------  ------  ------------  -----  ----
import    redundant    100.0000        10.0000      105.0000  7.0711        5.0000  0.707  
export    redundant    110.0000        10.0000      105.0000  7.0711       -5.0000  0.707  

Global test (dense): chi2 = 0.5000 with 1 degree(s) of freedom, critical value 3.8415: passed
### stderr
### exit
0
