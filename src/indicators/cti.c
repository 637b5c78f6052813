/*
 * WBCSD Circular Transition Indicators v4.0 and the ISO 59020:2024
 * core set, from one pass over the inflows and outflows.
 */
#include <math.h>
#include <string.h>

#include "indicators/ind_int.h"

/* Mass sums shared by CTI and ISO 59020 (tonnes). */
typedef struct flows {
    double in, in_reused, in_recycled, in_renewable, in_critical;
    double out, out_circ, out_potential;
    double out_reuse, out_recycle, out_organic;
    double rev_weight, life_weighted; /* revenue-weighted lifetime ratio */
} flows;

static void sum_flows(const jk_ind_data *d, flows *f)
{
    size_t i;
    memset(f, 0, sizeof(*f));
    for (i = 0; i < d->n_in; i++) {
        const jk_ind_inflow *x = &d->in[i];
        double m = ind_t(x->mass);
        f->in += m;
        f->in_reused += m * x->reused;
        f->in_recycled += m * x->recycled;
        f->in_renewable += m * x->renewable;
        if (x->critical)
            f->in_critical += m;
    }
    for (i = 0; i < d->n_out; i++) {
        const jk_ind_outflow *y = &d->out[i];
        double m = ind_t(y->mass);
        ind_fate fate = ind_route_fate(y->route);
        f->out += m;
        f->out_potential += m * y->recovery_potential;
        if (ind_fate_circular(fate))
            f->out_circ += m * y->recovery_potential;
        if (fate == FATE_REUSE)
            f->out_reuse += m;
        else if (fate == FATE_RECYCLE)
            f->out_recycle += m;
        else if (fate == FATE_ORGANIC)
            f->out_organic += m;
    }
    for (i = 0; i < d->n_prod; i++) {
        const jk_ind_product *p = &d->prod[i];
        if (isnan(p->lifetime) || isnan(p->revenue))
            continue;
        f->rev_weight += p->revenue;
        f->life_weighted += p->revenue * p->lifetime / p->industry_lifetime;
    }
}

#define PUT(id, subj, unit, val, en, ja, note)                                 \
    do {                                                                       \
        if (ind_put(out, id, subj, unit, val, en, ja, note))                   \
            goto oom;                                                          \
    } while (0)

static const char *why(double denom, const char *what)
{
    return denom > 0 ? "" : what;
}

int jk_ind_cti(const jk_ind_data *d, const jk_ind_opts *o, jk_ind_set *out,
               jk_err *err)
{
    const jk_ind_company *c = &d->company;
    flows f;
    double ci, co, linear;
    size_t i, j;
    (void)o;

    sum_flows(d, &f);
    ind_set_init(out, "CTI", "4.0",
                 "WBCSD Circular Transition Indicators v4.0 (2023), "
                 "ctitool.com glossary");
    jk_strlcpy(out->options, "mass-weighted over materials and streams",
               sizeof(out->options));
    ci = ind_div(f.in_reused + f.in_recycled + f.in_renewable, f.in);
    co = ind_div(f.out_circ, f.out);
    linear = f.in - f.in_reused - f.in_recycled - f.in_renewable;
    PUT("inflow_mass", "", JK_IU_TONNES, f.in, "Total inflow", "総投入量", "");
    PUT("circular_inflow", "", JK_IU_SHARE, ci, "% circular inflow",
        "循環型投入の割合", why(f.in, "no inflows"));
    PUT("outflow_mass", "", JK_IU_TONNES, f.out, "Total outflow", "総排出量",
        "");
    PUT("circular_outflow", "", JK_IU_SHARE, co,
        "% circular outflow (recovery potential x actual recovery)",
        "循環型排出の割合（回収可能性×実回収）", why(f.out, "no outflows"));
    PUT("circularity", "", JK_IU_SHARE,
        ind_div((f.in > 0 ? f.in * ci : 0) + (f.out > 0 ? f.out * co : 0),
                f.in + f.out),
        "% circularity (mass-weighted)", "循環率（質量加重）",
        why(f.in + f.out, "no flows"));
    PUT("circularity_simple", "", JK_IU_SHARE,
        f.in > 0 && f.out > 0 ? (ci + co) / 2 : (double)NAN,
        "% circularity (simple average, for comparison)",
        "循環率（単純平均・参考）",
        f.in > 0 && f.out > 0 ? "" : "needs both inflows and outflows");
    PUT("renewable_energy", "", JK_IU_SHARE,
        ind_div(c->renewable_mwh, c->energy_mwh), "% renewable energy",
        "再生可能エネルギーの割合",
        isnan(c->energy_mwh) ? "energy_mwh not given" : "");
    PUT("critical_inflow", "", JK_IU_SHARE, ind_div(f.in_critical, f.in),
        "% critical inflow", "重要原材料の投入割合", why(f.in, "no inflows"));
    for (i = 0; i < d->n_out; i++) {
        const char *route = d->out[i].route;
        double m = 0, tot = 0;
        bool seen = false;
        if (!ind_fate_circular(ind_route_fate(route)))
            continue;
        for (j = 0; j < i && !seen; j++)
            seen = strcmp(d->out[j].route, route) == 0;
        if (seen)
            continue;
        for (j = 0; j < d->n_out; j++) {
            if (!ind_fate_circular(ind_route_fate(d->out[j].route)))
                continue;
            tot += ind_t(d->out[j].mass);
            if (strcmp(d->out[j].route, route) == 0)
                m += ind_t(d->out[j].mass);
        }
        PUT("recovery_type", route, JK_IU_SHARE, ind_div(m, tot),
            "% recovery type", "回収方法の内訳", "");
    }
    for (i = 0; i < d->n_prod; i++) {
        const jk_ind_product *p = &d->prod[i];
        if (isnan(p->lifetime))
            continue;
        PUT("actual_lifetime", p->id, JK_IU_RATIO,
            p->lifetime / p->industry_lifetime,
            "Actual lifetime relative to the industry average",
            "業界平均に対する実使用年数", "");
    }
    PUT("actual_lifetime", "", JK_IU_RATIO,
        ind_div(f.life_weighted, f.rev_weight),
        "Actual lifetime relative to the industry average (revenue-weighted)",
        "業界平均に対する実使用年数（売上加重）",
        why(f.rev_weight, "no product with lifetime and revenue"));
    PUT("linear_inflow", "", JK_IU_TONNES, linear, "Linear inflow",
        "線形型投入量", "");
    PUT("material_productivity", "", JK_IU_PER_TONNE,
        ind_div(c->revenue, linear), "Circular material productivity",
        "循環型物質生産性（売上÷線形型投入量）",
        isnan(c->revenue) ? "revenue not given"
                          : why(linear, "no linear inflow"));
    PUT("water_circularity", "", JK_IU_SHARE,
        ind_div(c->water_in_circ_m3 + c->water_out_circ_m3,
                c->water_in_m3 + c->water_out_m3),
        "% water circularity", "水の循環率",
        isnan(c->water_in_m3) ? "water not given" : "");
    return JK_OK;
oom:
    jk_ind_set_free(out);
    return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
}

int jk_ind_iso59020(const jk_ind_data *d, const jk_ind_opts *o, jk_ind_set *out,
                    jk_err *err)
{
    const jk_ind_company *c = &d->company;
    flows f;
    double linear;
    (void)o;

    sum_flows(d, &f);
    ind_set_init(out, "ISO59020", "2024",
                 "ISO 59020:2024 Circular economy - Measuring and assessing "
                 "circularity performance, 7.3.1 core indicators");
    jk_strlcpy(out->options, "level=organizational; mass-weighted averages",
               sizeof(out->options));
    linear = f.in - f.in_reused - f.in_recycled - f.in_renewable;
    PUT("inflow_reused", "", JK_IU_SHARE, ind_div(f.in_reused, f.in),
        "Average % reused content of inflows", "投入の再使用含有率",
        why(f.in, "no inflows"));
    PUT("inflow_recycled", "", JK_IU_SHARE, ind_div(f.in_recycled, f.in),
        "Average % recycled content of inflows", "投入の再生材含有率",
        why(f.in, "no inflows"));
    PUT("inflow_renewable", "", JK_IU_SHARE, ind_div(f.in_renewable, f.in),
        "Average % renewable content sustainably produced",
        "持続可能に生産された再生可能資源の割合", why(f.in, "no inflows"));
    PUT("outflow_potential", "", JK_IU_SHARE, ind_div(f.out_potential, f.out),
        "Average % of outflows designed for recovery (potential)",
        "回収を想定した設計の割合（潜在）", why(f.out, "no outflows"));
    PUT("outflow_reused", "", JK_IU_SHARE, ind_div(f.out_reuse, f.out),
        "Average % of outflows actually reused", "実際に再使用された排出の割合",
        why(f.out, "no outflows"));
    PUT("outflow_recycled", "", JK_IU_SHARE, ind_div(f.out_recycle, f.out),
        "Average % of outflows actually recycled",
        "実際にリサイクルされた排出の割合", why(f.out, "no outflows"));
    PUT("outflow_biosphere", "", JK_IU_SHARE, ind_div(f.out_organic, f.out),
        "Average % of biological outflows returned to the biosphere",
        "生物圏に還元された生物的排出の割合", why(f.out, "no outflows"));
    PUT("renewable_energy", "", JK_IU_SHARE,
        ind_div(c->renewable_mwh, c->energy_mwh), "Average % renewable energy",
        "再生可能エネルギーの割合",
        isnan(c->energy_mwh) ? "energy_mwh not given" : "");
    PUT("water_circular_in", "", JK_IU_SHARE,
        ind_div(c->water_in_circ_m3, c->water_in_m3),
        "% of water withdrawn from circular sources", "循環水源からの取水割合",
        isnan(c->water_in_m3) ? "water not given" : "");
    PUT("water_circular_out", "", JK_IU_SHARE,
        ind_div(c->water_out_circ_m3, c->water_out_m3),
        "% of water discharged at source quality", "水質を保った排水の割合",
        isnan(c->water_out_m3) ? "water not given" : "");
    PUT("material_productivity", "", JK_IU_PER_TONNE,
        ind_div(c->revenue, linear), "Value per mass of linear inflow",
        "線形型投入量あたりの価値",
        isnan(c->revenue) ? "revenue not given"
                          : why(linear, "no linear inflow"));
    PUT("lifetime", "", JK_IU_RATIO, ind_div(f.life_weighted, f.rev_weight),
        "Average lifetime relative to the industry (optional)",
        "業界平均に対する平均寿命（任意）",
        why(f.rev_weight, "no product with lifetime and revenue"));
    return JK_OK;
oom:
    jk_ind_set_free(out);
    return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
}
