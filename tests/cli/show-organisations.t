# show organisations and sites (table and csv) from a small import
# (some expected table lines end in spaces, from empty last cells: keep them)
### setup
cat > organisations.csv <<'CSV'
id,name,name_en,kind,corporate_number,lg_code,region
city-yokohama,横浜市,City of Yokohama,municipality,3000020141003,141003,JP-14
rec-a,Ａリサイクル株式会社,"A Recycling Co., Ltd.",recycler,,,JP-14
aud-b,B監査,,auditor,,,
CSV
cat > sites.csv <<'CSV'
id,org,name,name_en,kind,lat,lon,region,capacities
yokohama-plant,city-yokohama,横浜市 工場,Yokohama Plant,incinerator,35.4437,139.638,JP-14,msw.combustible=27万t;ash.bottom=12kt
rec-a-yard,rec-a,A ヤード,,yard,,,JP-14,
CSV
"$JUNKAN" -q --db x.db import organisations.csv sites.csv
### command
"$JUNKAN" --db "$T/x.db" show organisations && "$JUNKAN" --db "$T/x.db" --format csv show organisations && "$JUNKAN" --db "$T/x.db" show sites
### stdout
id             kind          name                  name_en                region  lg_code  corporate_number
-------------  ------------  --------------------  ---------------------  ------  -------  ----------------
aud-b          auditor       B監査                                                         
city-yokohama  municipality  横浜市                City of Yokohama       JP-14   141003   3000020141003
rec-a          recycler      Ａリサイクル株式会社  A Recycling Co., Ltd.  JP-14            
id,kind,name,name_en,region,lg_code,corporate_number
aud-b,auditor,B監査,,,,
city-yokohama,municipality,横浜市,City of Yokohama,JP-14,141003,3000020141003
rec-a,recycler,Ａリサイクル株式会社,"A Recycling Co., Ltd.",JP-14,,
id              org            kind         name         region      lat       lon  capacities
--------------  -------------  -----------  -----------  ------  -------  --------  ----------
rec-a-yard      rec-a          yard         A ヤード     JP-14                               0
yokohama-plant  city-yokohama  incinerator  横浜市 工場  JP-14   35.4437  139.6380           2
### stderr
### exit
0
