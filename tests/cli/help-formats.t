# junkan help formats: the file formats
### args
help formats
### stdout
File formats (CSV: UTF-8, a header line, RFC 4180 quoting; JSON: an
object whose keys are the kinds, each a list of objects with the same
fields as the CSV columns). Columns in [brackets] are optional.

materials:      code,name_ja,name_en,[hs],[ewc]
    code is hierarchical (metal.copper.scrap); parents come first.
    hs: HS codes (digits) separated by ';'; ewc: "20 01 39" codes.
organisations:  id,name,[name_en],kind,[corporate_number],[lg_code],[region]
    kind: municipality, collector, recycler, manufacturer, hub_operator,
    authority, auditor. corporate_number: 法人番号 (13 digits).
    lg_code: 全国地方公共団体コード (6 digits). region: JP-13, JP, ...
sites:          id,org,name,[name_en],kind,[lat],[lon],[region],[capacities]
    kind: office, collection_point, sorting, recycling_plant,
    incinerator, landfill, factory, port, yard.
    capacities per year: plastic.pp=12000t;metal.iron.scrap=50kt
flows:          from,to,material,mass,[unit],period,[route],[label],[source]
    from/to: site:ID, org:ID, or a process name (economy, landfill).
    mass: 12.5t, 903万t, 1200 KGM; or a plain number with unit set.
    Units: g, kg, t, kt, Mt, 万t, 千t, GRM, KGM, TNE, KTN. No commas.
    period: FY2023 (April-March), 2023年度, 令和5年度, 2023, 2023-04,
    FY2023Q1 (April-June), 2023年度第1四半期.
    route: see `junkan show routes`.

Example flows.csv:
  from,to,material,mass,unit,period,route,label,source
  site:city-plant,site:recycler-a,plastic.pp,1250.5,t,FY2023,recycling,,weighbridge
### stderr
### exit
0
