# recycled-content claims against the bundled obligations: exit 4 when
# one in force is not met
### args
--format csv indicators rules data/demo/company/claims.csv
### stdout
product,rule,basis,required,actual,effective,status,instrument
washer,jp-shigen-plan-2026,recycled,-,0.1,2026-04-01,report,資源有効利用促進法 (令和7年法律第52号による改正) 再生資源利用義務
battery-pack-a,eu-bat-doc-2028,recycled,-,0.12,2028-08-18,report,Regulation (EU) 2023/1542 Art. 8(1)
battery-pack-a,eu-bat-co-2031,recycled,0.16,0.12,2031-08-18,below,Regulation (EU) 2023/1542 Art. 8(2)(a)
battery-pack-a,eu-bat-co-2036,recycled,0.26,0.12,2036-08-18,not_yet,Regulation (EU) 2023/1542 Art. 8(3)(a)
battery-pack-a,eu-bat-doc-2028,recycled,-,0.08,2028-08-18,report,Regulation (EU) 2023/1542 Art. 8(1)
battery-pack-a,eu-bat-li-2031,recycled,0.06,0.08,2031-08-18,meets,Regulation (EU) 2023/1542 Art. 8(2)(c)
battery-pack-a,eu-bat-li-2036,recycled,0.12,0.08,2036-08-18,not_yet,Regulation (EU) 2023/1542 Art. 8(3)(c)
water-bottle,eu-sup-pet-2025,recycled,0.25,0.28,2025-01-01,meets,Directive (EU) 2019/904 Art. 6(5)(a)
water-bottle,eu-sup-bottle-2030,recycled,0.3,0.28,2030-01-01,not_yet,Directive (EU) 2019/904 Art. 6(5)(b)
water-bottle,eu-ppwr-bottle-2030,post_consumer,0.3,0.28,2030-01-01,not_yet,Regulation (EU) 2025/40 Art. 7(1)(c)
water-bottle,eu-ppwr-bottle-2040,post_consumer,0.65,0.28,2040-01-01,not_yet,Regulation (EU) 2025/40 Art. 7(2)(c)
### stderr
junkan: 1 obligation not met
### exit
4
