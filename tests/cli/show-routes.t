# show routes: the bundled flow routes of a fresh store
### setup
"$JUNKAN" -q --db x.db init
### args
--db $T/x.db show routes
### stdout
code                kind      name_ja                             name_en
------------------  --------  ----------------------------------  ---------------------------------------------------
biogas              recovery  メタン化                            anaerobic digestion (biogas)
chemical_recycling  recovery  ケミカルリサイクル                  chemical recycling
collection          transfer  収集                                collection
composting          recovery  堆肥化                              composting
consumption         output    食料消費                            food consumption
dissipative         output    施肥等の散逸的利用                  dissipative use
emission            output    エネルギー消費及び工業プロセス排出  energy consumption and industrial process emissions
export              output    輸出                                export
extraction          input     国内資源採取                        domestic extraction
import              input     輸入                                import
incineration        disposal  単純焼却                            incineration without energy recovery
incineration_heat   recovery  熱利用焼却                          incineration with heat recovery
incineration_power  recovery  発電焼却                            incineration with power generation
landfill            disposal  埋立                                final disposal (landfill)
recycling           recovery  再生利用                            material recycling
reduction           disposal  減量化                              reduction (incineration and dewatering)
return              output    自然還元                            returned to nature
reuse               recovery  リユース                            reuse
sale                transfer  販売                                sale
solid_fuel          recovery  固形燃料・セメント原燃料            solid fuel and cement raw material or fuel
stock               stock     蓄積純増                            net addition to stock
waste               transfer  廃棄物等の発生                      waste generation
water               input     含水等                              water content and soil
### stderr
### exit
0
