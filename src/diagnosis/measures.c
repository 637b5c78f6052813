/*
 * 改善提案・効果算定: each measure of the catalogue moves tonnes of its
 * fraction from the residual routes (incineration, direct landfill, in
 * the municipality's own proportions) to its route, up to a target
 * capture (the catalogue's, or the peers' top quartile); its effect in
 * tonnes, GHG (through dg_ghg_factor only), final disposal (t, m³,
 * landfill life) and cost. The combined scenario applies the measures
 * in rank order on what the earlier ones left: a fraction's capture is
 * raised only once to the highest target, and the ash measure acts on
 * the incineration that remains.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagnosis/dg_int.h"

typedef struct plan_ctx {
    const jk_dg_muni *m;
    const jk_dg_totals *t;
    double inc_share, lf_share; /* of residual tonnes */
    double kwh_per_t, grid;
    double ash_ratio;   /* residues landfilled per t incinerated */
    double residue_inc; /* t/yr of residues from incineration landfilled */
    double c_residual;  /* 円/t avoided per t off the residual routes */
    double c_final;     /* 円/t avoided per t less final disposal */
    double density;     /* t/m³ */
    double annual_m3;   /* annual final disposal volume, NaN */
    double
        bulky_fill; /* share of bulky tonnes landfilled (direct or residue) */
} plan_ctx;

static void ctx_init(plan_ctx *c, const jk_dg_national *n, size_t i,
                     const jk_dg_ref *ref)
{
    const jk_dg_muni *m = &n->d->muni[i];
    const jk_dg_totals *t = &n->tot[i];
    const double *v = n->v + i * JK_DG_NIND;
    double inc_mixed = 0, lf_mixed = 0, res_inc = 0, bulky = 0, bulky_lf = 0;
    size_t k;

    memset(c, 0, sizeof(*c));
    c->m = m;
    c->t = t;
    for (k = 0; k < m->nflows; k++) {
        const jk_dg_flow *f = &m->flows[k];
        double mass = (double)f->mass / (double)JK_T;
        bool mixed = f->fraction == JK_DG_COMBUSTIBLE_MIXED ||
                     f->fraction == JK_DG_INCOMBUSTIBLE_MIXED;
        if (f->fraction == JK_DG_BULKY) {
            bulky += mass;
            bulky_lf += f->route == JK_DG_LANDFILL
                            ? mass
                            : (double)f->residue_fill / (double)JK_T;
        }
        if (f->route == JK_DG_INCINERATION) {
            res_inc += (double)f->residue_fill / (double)JK_T;
            if (mixed)
                inc_mixed += mass;
        } else if (f->route == JK_DG_LANDFILL && mixed) {
            lf_mixed += mass;
        }
    }
    if (inc_mixed + lf_mixed > 0) {
        c->inc_share = inc_mixed / (inc_mixed + lf_mixed);
        c->lf_share = lf_mixed / (inc_mixed + lf_mixed);
    } else {
        c->inc_share = 1;
    }
    c->bulky_fill = bulky > 0 ? bulky_lf / bulky : 0;
    c->kwh_per_t = isnan(v[JK_DG_I8]) ? 0 : v[JK_DG_I8];
    c->grid =
        isnan(m->grid_ef) ? dg_param_or(ref, "grid_ef", 0.45) : m->grid_ef;
    /* Residues: as recorded on the incineration flows, else the ash
     * share (own composition, else the national default). */
    if (res_inc > 0 && t->inc > 0) {
        c->ash_ratio = res_inc / t->inc;
    } else {
        double ash = m->has_comp && !isnan(m->ash_pct)
                         ? m->ash_pct
                         : dg_param_or(ref, "ash_pct", 6.46);
        c->ash_ratio = ash / 100.0;
    }
    c->residue_inc = c->ash_ratio * t->inc;
    if (m->has_costs && t->inc > 0 && m->cost[JK_DG_COST_INTERMEDIATE] > 0)
        c->c_residual = m->cost[JK_DG_COST_INTERMEDIATE] * 1000.0 / t->inc;
    else
        c->c_residual = dg_param_or(ref, "residual_cost", 53000);
    c->c_final = m->has_costs && t->L > 0
                     ? m->cost[JK_DG_COST_FINAL] * 1000.0 / t->L
                     : 0;
    c->density = dg_param_or(ref, "landfill_density", 1.0);
    c->annual_m3 = !isnan(m->landfill_volume_m3) ? m->landfill_volume_m3
                                                 : t->L / c->density;
}

/* Finish an effect from moved tonnes, GHG, final disposal and cost. */
static void finish(const plan_ctx *c, jk_dg_effect *e)
{
    const jk_dg_muni *m = c->m;
    e->fd_m3 = e->fd_t / c->density;
    e->life_gain_yr = (double)NAN;
    if (!isnan(m->landfill_remaining_m3) && c->annual_m3 > 0 &&
        c->annual_m3 + e->fd_m3 > 0)
        e->life_gain_yr = m->landfill_remaining_m3 / (c->annual_m3 + e->fd_m3) -
                          m->landfill_remaining_m3 / c->annual_m3;
    e->yen_per_t =
        e->moved_t > 0 ? e->cost_kyen * 1000.0 / e->moved_t : (double)NAN;
    e->yen_per_tco2 =
        e->ghg_t < 0 ? e->cost_kyen * 1000.0 / -e->ghg_t : (double)NAN;
}

/* Effect of moving `moved` t of fraction f to route r. */
static void move_effect(const plan_ctx *c, const jk_dg_ref *ref,
                        const dg_measure *ms, double moved, jk_dg_effect *e)
{
    int f = ms->fraction;
    double ef_from = c->inc_share * dg_ghg_factor(ref, f, JK_DG_INCINERATION,
                                                  c->kwh_per_t, c->grid) +
                     c->lf_share * dg_ghg_factor(ref, f, JK_DG_LANDFILL,
                                                 c->kwh_per_t, c->grid);
    double ef_to = dg_ghg_factor(ref, f, ms->to_route, c->kwh_per_t, c->grid);
    e->moved_t = moved;
    e->ghg_t = moved * (ef_to - ef_from);
    e->fd_t = -moved * (c->inc_share * c->ash_ratio + c->lf_share);
    e->cost_kyen =
        moved * (ms->cost_yen_t - ms->revenue_yen_t - c->c_residual) / 1000.0;
}

static void ash_effect(const plan_ctx *c, const dg_measure *ms, double base,
                       jk_dg_effect *e)
{
    double share = fmin(e->target_capture, ms->max_capture) / 100.0;
    e->moved_t = base * (share > 0 ? share : 0);
    e->ghg_t = 0; /* ash to cement: no credit counted (ghg_factors.csv) */
    e->fd_t = -e->moved_t;
    e->cost_kyen =
        e->moved_t * (ms->cost_yen_t - ms->revenue_yen_t - c->c_final) / 1000.0;
}

/* Bulky waste is a collection category, not a share of the residual:
 * the measure takes its share of the bulky tonnes collected, off the
 * routes they take now (the landfilled part is the saving). */
static void bulky_effect(const plan_ctx *c, const jk_dg_ref *ref,
                         const dg_measure *ms, jk_dg_effect *e)
{
    double share = fmin(e->target_capture, ms->max_capture) / 100.0;
    double moved = c->t->sep[JK_DG_BULKY] * (share > 0 ? share : 0);
    e->moved_t = moved;
    e->ghg_t = moved * dg_ghg_factor(ref, JK_DG_BULKY, ms->to_route,
                                     c->kwh_per_t, c->grid);
    e->fd_t = -moved * c->bulky_fill;
    e->cost_kyen =
        moved * (ms->cost_yen_t - ms->revenue_yen_t - c->c_residual) / 1000.0;
}

static int cmp_effect(const void *a, const void *b)
{
    const jk_dg_effect *x = a, *y = b;
    if (x->ghg_t != y->ghg_t)
        return x->ghg_t < y->ghg_t ? -1 : 1;
    if (x->moved_t != y->moved_t)
        return x->moved_t > y->moved_t ? -1 : 1;
    return strcmp(x->id, y->id);
}

void jk_dg_plan_free(jk_dg_plan *p)
{
    if (!p)
        return;
    jk_free(p->m);
    jk_free(p);
}

int jk_dg_plan_new(const jk_dg_national *n, size_t i, const jk_dg_ref *ref,
                   jk_dg_plan **out, jk_err *err)
{
    jk_dg_plan *p;
    plan_ctx c;
    double sep_now[JK_DG_NFRACTION], resid_now[JK_DG_NFRACTION];
    double inc_off = 0; /* t taken off incineration in the combined plan */
    size_t k, j;

    *out = NULL;
    if (i >= n->n)
        return jk_err_set(err, JK_EINVAL, NULL, "no municipality %zu", i);
    p = jk_calloc(1, sizeof(*p));
    if (!p || !(p->m = jk_calloc(ref->nmeasures + 1, sizeof(*p->m)))) {
        jk_free(p);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    ctx_init(&c, n, i, ref);
    for (k = 0; k < ref->nmeasures; k++) {
        const dg_measure *ms = &ref->measure[k];
        jk_dg_effect *e = &p->m[k];
        double target = ms->fixed_target;
        e->id = ms->id;
        e->name_ja = ms->name_ja;
        e->name_en = ms->name_en;
        e->fraction = ms->fraction;
        e->to_route = ms->to_route;
        if (ms->fraction >= 0 && isnan(target)) {
            jk_dg_compare cmp;
            jk_dg_national_compare(n, i, JK_DG_CAPTURE0 + ms->fraction, &cmp);
            target = cmp.target;
        }
        if (!isnan(target))
            target = fmin(target, ms->max_capture);
        e->target_capture = target;
        if (ms->fraction < 0) {
            ash_effect(&c, ms, c.residue_inc, e);
        } else if (ms->fraction == JK_DG_BULKY) {
            bulky_effect(&c, ref, ms, e);
        } else if (c.m->has_residual && !isnan(target)) {
            int f = ms->fraction;
            double sep = c.t->sep[f];
            double resid = c.t->residual * c.m->residual_pct[f] / 100.0;
            double moved = target / 100.0 * (sep + resid) - sep;
            move_effect(&c, ref, ms, fmax(0, fmin(moved, resid)), e);
        }
        finish(&c, e);
    }
    p->n = ref->nmeasures;
    qsort(p->m, p->n, sizeof(*p->m), cmp_effect);

    /* Combined, in rank order, on what is left. */
    for (k = 0; k < JK_DG_NFRACTION; k++) {
        sep_now[k] = c.t->sep[k];
        resid_now[k] = c.t->residual * c.m->residual_pct[k] / 100.0;
    }
    memset(&p->combined, 0, sizeof(p->combined));
    p->combined.id = "combined";
    p->combined.name_ja = "組合せ";
    p->combined.name_en = "All measures combined";
    p->combined.fraction = -2;
    p->combined.to_route = -1;
    p->combined.target_capture = (double)NAN;
    for (j = 0; j < 2; j++) /* pass 0: fractions; pass 1: ash */
        for (k = 0; k < p->n; k++) {
            const jk_dg_effect *alone = &p->m[k];
            const dg_measure *ms = NULL;
            jk_dg_effect e;
            size_t q;
            for (q = 0; q < ref->nmeasures; q++)
                if (strcmp(ref->measure[q].id, alone->id) == 0)
                    ms = &ref->measure[q];
            if (!ms || (j == 0) != (ms->fraction >= 0))
                continue;
            memset(&e, 0, sizeof(e));
            e.target_capture = alone->target_capture;
            if (ms->fraction < 0) {
                double base = c.t->inc > 0 ? c.residue_inc *
                                                 (c.t->inc - inc_off) / c.t->inc
                                           : 0;
                ash_effect(&c, ms, base, &e);
            } else if (ms->fraction == JK_DG_BULKY) {
                bulky_effect(&c, ref, ms, &e);
            } else if (c.m->has_residual && !isnan(alone->target_capture)) {
                int f = ms->fraction;
                double total =
                    c.t->sep[f] + c.t->residual * c.m->residual_pct[f] / 100.0;
                double moved =
                    alone->target_capture / 100.0 * total - sep_now[f];
                moved = fmax(0, fmin(moved, resid_now[f]));
                move_effect(&c, ref, ms, moved, &e);
                sep_now[f] += moved;
                resid_now[f] -= moved;
                inc_off += moved * c.inc_share;
            }
            p->combined.moved_t += e.moved_t;
            p->combined.ghg_t += e.ghg_t;
            p->combined.fd_t += e.fd_t;
            p->combined.cost_kyen += e.cost_kyen;
        }
    finish(&c, &p->combined);
    *out = p;
    return JK_OK;
}
