# a JSON document with several kinds: capacities as an object or as
# text, bare numbers for masses and coordinates, nulls for empty fields
# (some expected table lines end in spaces, from empty last cells: keep them)
### setup
cat > city.json <<'JSON'
{
  "organisations": [
    {"id": "city-a", "name": "A市", "name_en": "City of A", "kind": "municipality", "region": "JP-13", "lg_code": null},
    {"id": "rec-b", "name": "B リサイクル", "kind": "recycler", "corporate_number": null}
  ],
  "sites": [
    {"id": "a-plant", "org": "city-a", "name": "A 清掃工場", "kind": "incinerator", "lat": 35.5, "lon": 139.75,
     "capacities": {"msw.combustible": "27万t", "plastic": "1200t"}},
    {"id": "b-yard", "org": "rec-b", "name": "B ヤード", "kind": "yard", "capacities": "metal.iron.scrap=50kt"}
  ],
  "flows": [
    {"from": "site:a-plant", "to": "site:b-yard", "material": "metal.iron.scrap", "mass": 1250.5, "unit": "t", "period": "FY2023", "route": "sale"},
    {"from": "site:b-yard", "to": "ext:row", "material": "metal.iron.scrap", "mass": "1.2505kt", "period": "令和5年度", "route": "export", "label": null},
    {"from": "org:city-a", "to": "site:a-plant", "material": "plastic", "mass": 3, "unit": "万t", "period": "2023-04"}
  ]
}
JSON
### command
cd "$T" && "$JUNKAN" --db x.db import city.json && "$JUNKAN" --db x.db show sites && "$JUNKAN" --db x.db show flows
### stdout
id       org     kind         name        region      lat       lon  capacities
-------  ------  -----------  ----------  ------  -------  --------  ----------
a-plant  city-a  incinerator  A 清掃工場          35.5000  139.7500           2
b-yard   rec-b   yard         B ヤード                                        1
from          to            material          mass_t  period   route   label
------------  ------------  ----------------  ------  -------  ------  -----
site:a-plant  site:b-yard   metal.iron.scrap  1250.5  FY2023   sale    
site:b-yard   ext:row       metal.iron.scrap  1250.5  FY2023   export  
org:city-a    site:a-plant  plastic            30000  2023-04          
### stderr
junkan: imported 2 organisations, 2 sites, 3 flows (1 new process nodes) in N s
### exit
0
