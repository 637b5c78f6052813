/*
 * 現状把握: the MOE tool's five indicators, the MOE per-capita and
 * recycling-rate definitions, incineration dependency, power per tonne,
 * fossil CO2 of incineration, landfill life and per-fraction capture
 * rates (spec §6.2), each with its formula and unit.
 */
#include <math.h>
#include <string.h>

#include "diagnosis/dg_int.h"

#define CAP(f, ja, en)                                                         \
    {                                                                          \
        "C." f, ja "の分別回収率", "Capture rate: " en,                        \
            "separately collected / (separately collected + residual t x wet " \
            "share) x 100",                                                    \
            "%", 1                                                             \
    }

static const jk_dg_ind_info info[JK_DG_NIND] = {
    {"T1", "人口一人一日当たりごみ総排出量", "Waste per person per day (tool)",
     "W / days / pop_collection x 1000", "kg/人日", -1},
    {"T2", "廃棄物からの資源回収率（RDF除く）",
     "Resource recovery rate excl. RDF (tool)", "(R - R_rdf) / W", "t/t", 1},
    {"T3", "廃棄物のうち最終処分される割合", "Share landfilled (tool)", "L / W",
     "t/t", -1},
    {"T4", "人口一人当たり年間処理経費", "Annual cost per person (tool)",
     "O&M cost / pop_collection", "円/人年", -1},
    {"T5", "最終処分減量に要する費用", "Cost of reducing final disposal (tool)",
     "(O&M - final disposal - research - vehicles) / (W - L)", "円/t", -1},
    {"I1", "1人1日当たり排出量", "Waste per person per day (MOE)",
     "W x 10^6 / pop_total / days", "g/人日", -1},
    {"I1h", "1人1日当たり排出量（生活系）",
     "Household waste per person per day",
     "(household + group collection) x 10^6 / pop_total / days", "g/人日", -1},
    {"I1b", "1人1日当たり排出量（事業系）", "Business waste per person per day",
     "business x 10^6 / pop_total / days", "g/人日", -1},
    {"I2", "リサイクル率", "Recycling rate (MOE)", "R / (T + G) x 100", "%", 1},
    {"I7", "焼却依存度", "Incineration dependency",
     "direct incineration / T x 100", "%", -1},
    {"I8", "焼却量当たり発電量", "Power generated per tonne incinerated",
     "power generated MWh x 1000 / direct incineration t", "kWh/t", 1},
    {"I9", "焼却に伴う化石由来CO2", "Fossil CO2 of incineration",
     "inc x (1 - moisture) x plastics dry share x EF_plastic - power sold x "
     "grid EF",
     "tCO2/年", -1},
    {"I9p", "焼却に伴う化石由来CO2（一人当たり）",
     "Fossil CO2 of incineration per person", "I9 x 1000 / pop_total",
     "kg/人年", -1},
    {"I10", "最終処分場残余年数", "Landfill life",
     "remaining m3 / (annual m3, or L / density)", "年", 1},
    CAP("combustible_mixed", "可燃ごみ", "mixed combustible"),
    CAP("incombustible_mixed", "不燃ごみ", "mixed incombustible"),
    CAP("bulky", "粗大ごみ", "bulky"),
    CAP("paper", "古紙", "paper"),
    CAP("paper_pack", "紙パック", "paper cartons"),
    CAP("paper_packaging", "紙製容器包装", "paper packaging"),
    CAP("metal_steel", "スチール缶等", "steel"),
    CAP("metal_aluminium", "アルミ缶等", "aluminium"),
    CAP("glass", "ガラスびん", "glass"),
    CAP("pet", "ペットボトル", "PET bottles"),
    CAP("white_tray", "白色トレイ", "white trays"),
    CAP("plastic_packaging", "容器包装プラ", "plastic packaging"),
    CAP("plastic_other", "その他プラ", "other plastics"),
    CAP("textile", "布類", "textiles"),
    CAP("food", "生ごみ", "food"),
    CAP("garden", "剪定枝・草", "garden waste"),
    CAP("small_appliances", "小型家電", "small appliances"),
    CAP("hazardous", "有害ごみ", "hazardous"),
    CAP("other", "その他", "other"),
};

const jk_dg_ind_info *jk_dg_ind_get(int i)
{
    return i >= 0 && i < JK_DG_NIND ? &info[i] : NULL;
}

static bool is_mixed(int f)
{
    return f == JK_DG_COMBUSTIBLE_MIXED || f == JK_DG_INCOMBUSTIBLE_MIXED;
}

void dg_totals(const jk_dg_muni *m, jk_dg_totals *t)
{
    size_t i;
    memset(t, 0, sizeof(*t));
    t->days = dg_fy_days(m->fiscal_year);
    for (i = 0; i < m->nflows; i++) {
        const jk_dg_flow *f = &m->flows[i];
        double mass = (double)f->mass / (double)JK_T;
        t->W += mass;
        if (f->source == JK_DG_GROUP) {
            t->G += mass;
            t->R += mass;
        } else if (f->route == JK_DG_RECYCLING || f->route == JK_DG_CEMENT ||
                   f->route == JK_DG_EXPORT) {
            t->R += mass;
        } else {
            t->R += (double)f->recycled / (double)JK_T;
        }
        if (f->route == JK_DG_RDF && f->source != JK_DG_GROUP)
            t->R_rdf += (double)f->recycled / (double)JK_T;
        if (f->route == JK_DG_LANDFILL)
            t->L += mass;
        t->L += (double)f->residue_fill / (double)JK_T;
        if (f->route == JK_DG_INCINERATION)
            t->inc += mass;
        if (is_mixed(f->fraction))
            t->residual += mass;
        else
            t->sep[f->fraction] += mass;
    }
    t->T = t->W - t->G;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : (double)NAN;
}

int jk_dg_indicators(const jk_dg_muni *m, const jk_dg_ref *ref, double *v,
                     jk_dg_totals *tot, jk_err *err)
{
    jk_dg_totals t;
    double P = m->pop_total, Pc = m->pop_collection, om;
    double hh = 0, biz = 0;
    size_t i;
    int f;

    (void)err;
    dg_totals(m, &t);
    for (i = 0; i < JK_DG_NIND; i++)
        v[i] = (double)NAN;
    for (i = 0; i < m->nflows; i++) {
        double mass = (double)m->flows[i].mass / (double)JK_T;
        if (m->flows[i].source == JK_DG_HOUSEHOLD ||
            m->flows[i].source == JK_DG_GROUP)
            hh += mass;
        else if (m->flows[i].source == JK_DG_BUSINESS)
            biz += mass;
    }
    if (m->nflows > 0) {
        v[JK_DG_T1] = ratio(t.W * 1000.0 / t.days, Pc);
        v[JK_DG_T2] = ratio(t.R - t.R_rdf, t.W);
        v[JK_DG_T3] = ratio(t.L, t.W);
        v[JK_DG_I1] = ratio(t.W * 1e6 / t.days, P);
        v[JK_DG_I1H] = ratio(hh * 1e6 / t.days, P);
        v[JK_DG_I1B] = ratio(biz * 1e6 / t.days, P);
        v[JK_DG_I2] = ratio(t.R * 100.0, t.T + t.G);
        v[JK_DG_I7] = ratio(t.inc * 100.0, t.T);
    }
    if (m->has_costs) {
        om = 0;
        for (i = JK_DG_COST_COLLECTION; i <= JK_DG_COST_VEHICLE; i++)
            om += m->cost[i];
        v[JK_DG_T4] = ratio(om * 1000.0, Pc);
        if (m->nflows > 0)
            v[JK_DG_T5] = ratio((om - m->cost[JK_DG_COST_FINAL] -
                                 m->cost[JK_DG_COST_RESEARCH] -
                                 m->cost[JK_DG_COST_VEHICLE]) *
                                    1000.0,
                                t.W - t.L);
    }
    if (m->has_comp && t.inc > 0) {
        double grid =
            isnan(m->grid_ef) ? dg_param_or(ref, "grid_ef", 0.45) : m->grid_ef;
        if (!isnan(m->power_generated_mwh))
            v[JK_DG_I8] = m->power_generated_mwh * 1000.0 / t.inc;
        if (!isnan(m->moisture_pct) &&
            !isnan(m->comp_dry_pct[JK_MOE_PLASTIC])) {
            v[JK_DG_I9] = dg_fossil_co2(
                ref, t.inc, m->moisture_pct, m->comp_dry_pct[JK_MOE_PLASTIC],
                isnan(m->power_sold_mwh) ? 0 : m->power_sold_mwh, grid);
            v[JK_DG_I9P] = v[JK_DG_I9] * 1000.0 / P;
        }
    }
    if (!isnan(m->landfill_remaining_m3)) {
        double annual = !isnan(m->landfill_volume_m3)
                            ? m->landfill_volume_m3
                            : t.L / dg_param_or(ref, "landfill_density", 1.0);
        v[JK_DG_I10] = ratio(m->landfill_remaining_m3, annual);
    }
    if (m->has_residual) {
        for (f = 0; f < JK_DG_NFRACTION; f++) {
            double resid = t.residual * m->residual_pct[f] / 100.0;
            /* Materials only: not the collection categories. */
            if (is_mixed(f) || f == JK_DG_BULKY || f == JK_DG_HAZARDOUS ||
                f == JK_DG_OTHER)
                continue;
            v[JK_DG_CAPTURE0 + f] = ratio(t.sep[f] * 100.0, t.sep[f] + resid);
        }
    }
    if (tot)
        *tot = t;
    return JK_OK;
}
