# bench-instance --write-lp: the plain strong formulation as an LP file
### setup
printf '2 2\n10 5\n12 7\n3 1 4\n4 2 5\n' > tiny.txt
### command
cd "$T" && "$JUNKAN" network bench-instance tiny.txt --format-in orlib --write-lp tiny.lp && cat tiny.lp
### stdout
\ junkan network: strong CFLP formulation
Minimize
 obj: 5 x0 + 7 x1 + 1 x2 + 2 x3 + 4 x4 + 5 x5
Subject To
 r0: 1 x2 + 1 x4 = 1
 r1: 1 x3 + 1 x5 = 1
 r2: 3 x2 + 4 x3 - 10 x0 <= 0
 r3: 3 x4 + 4 x5 - 12 x1 <= 0
 r4: 1 x2 - 1 x0 <= 0
 r5: 1 x3 - 1 x0 <= 0
 r6: 1 x4 - 1 x1 <= 0
 r7: 1 x5 - 1 x1 <= 0
Bounds
 0 <= x2 <= 1
 0 <= x3 <= 1
 0 <= x4 <= 1
 0 <= x5 <= 1
Binaries
 x0
 x1
End
### stderr
### exit
0
