/*
 * The hub model as a MILP: open hubs (y), one size per open hub (z),
 * flows by leg, mode, material and period (f), and with single-sourcing
 * one hub per source (a). Objective: hub costs per period x periods +
 * transport (t-km x cost) + handling at the hub + CO2 x carbon price.
 * When the MILP is infeasible, each constraint group is relaxed alone in
 * turn; the first whose relaxation makes the model feasible is named.
 */
#include <math.h>
#include <string.h>

#include "network/model_int.h"

enum {
    G_SUPPLY,
    G_DEMAND,
    G_CAPACITY,
    G_MAXHUBS,
    G_BUDGET,
    G_CO2,
    G_MUSTOPEN,
    G_MUSTCLOSE,
    G_SINGLE,
    G_EXPORT,
    G_NGROUPS,
    G_INTERNAL = 100
};

static const char *const group_name[G_NGROUPS] = {
    "supply",  "demand",    "capacity",   "max-hubs",      "budget",
    "co2-cap", "must-open", "must-close", "single-source", "export-ban"};

/* A flow column's meaning. */
typedef struct fcol {
    int col;
    int from, to; /* sites */
    int hub;      /* hub index */
    int mat, per, mode;
    bool inbound;           /* source -> hub */
    double km, cost, co2_t; /* per tonne */
} fcol;

typedef struct build {
    const jk_net_model *m;
    bool ss;
    unsigned relax; /* bit per group: dropped */
    double price;   /* carbon price used */
    double co2_cap; /* NAN none */
    jk__milp lp;
    int *ycol; /* nhubs */
    int *zcol; /* nhubs * NET_MAX_SIZES, -1 none */
    int *acol; /* nsites * nhubs, -1 none */
    fcol *f;
    size_t nf, cf;
    /* scratch for rows */
    int *ix;
    double *v;
    size_t cix;
} build;

static void build_free(build *b)
{
    jk__milp_release(&b->lp);
    jk_free(b->ycol);
    jk_free(b->zcol);
    jk_free(b->acol);
    jk_free(b->f);
    jk_free(b->ix);
    jk_free(b->v);
}

static int scratch(build *b, size_t n)
{
    if (n <= b->cix)
        return JK_OK;
    jk_free(b->ix);
    jk_free(b->v);
    b->ix = jk_malloc(n * sizeof(int));
    b->v = jk_malloc(n * sizeof(double));
    if (!b->ix || !b->v)
        return JK_ENOMEM;
    b->cix = n;
    return JK_OK;
}

static double sup(const jk_net_model *m, int s, int k, int p)
{
    return m->supply[((size_t)s * m->nmat + k) * m->nper + p];
}

static double dem(const jk_net_model *m, int s, int k, int p)
{
    return m->demand[((size_t)s * m->nmat + k) * m->nper + p];
}

static bool relaxed(const build *b, int g)
{
    return (b->relax >> g) & 1u;
}

static int add_flow(build *b, int from, int to, int hub, int k, int p, int mode,
                    bool inbound, double km)
{
    const jk_net_model *m = b->m;
    const net_mode *md = &m->modes[mode];
    fcol *f;
    double ub = HUGE_VAL;
    if (b->nf == b->cf) {
        size_t nc = b->cf ? b->cf * 2 : 256;
        fcol *q = jk_realloc(b->f, nc * sizeof(fcol));
        if (!q)
            return JK_ENOMEM;
        b->f = q;
        b->cf = nc;
    }
    f = &b->f[b->nf];
    f->from = from;
    f->to = to;
    f->hub = hub;
    f->mat = k;
    f->per = p;
    f->mode = mode;
    f->inbound = inbound;
    f->km = km;
    f->cost =
        km * md->cost + (inbound ? m->handling[(size_t)hub * m->nmat + k] : 0);
    f->co2_t = km * md->co2 / 1000;
    if (!inbound && m->banned[k] && net_abroad(&m->sites[to]) &&
        !relaxed(b, G_EXPORT))
        ub = 0;
    f->col = jk__milp_col(&b->lp, 0, ub, f->cost + f->co2_t * b->price, false);
    if (f->col < 0)
        return JK_ENOMEM;
    b->nf++;
    return JK_OK;
}

static int row(build *b, int g, double lo, double hi, int n)
{
    if (g < G_NGROUPS && relaxed(b, g))
        return JK_OK;
    return jk__milp_row(&b->lp, g, lo, hi, n, b->ix, b->v);
}

static int build_model(build *b)
{
    const jk_net_model *m = b->m;
    int H = m->nhubs, S = m->nsites, i, h, k, p, md, z, n, rc;
    size_t q;
    double total_sup = 0;

    b->ycol = jk_malloc(((size_t)H + 1) * sizeof(int));
    b->zcol = jk_malloc(((size_t)H + 1) * NET_MAX_SIZES * sizeof(int));
    b->acol = jk_malloc(((size_t)S * H + 1) * sizeof(int));
    if (!b->ycol || !b->zcol || !b->acol)
        return JK_ENOMEM;
    for (h = 0; h < H; h++) {
        const net_hub *hb = &m->hubs[h];
        double lo = 0, hi = 1, per = m->nper;
        if (hb->must > 0 && !relaxed(b, G_MUSTOPEN))
            lo = 1;
        if (hb->must < 0 && !relaxed(b, G_MUSTCLOSE))
            hi = 0;
        b->ycol[h] = jk__milp_col(&b->lp, lo, hi, hb->fixed * per, true);
        if (b->ycol[h] < 0)
            return JK_ENOMEM;
        for (z = 0; z < NET_MAX_SIZES; z++) {
            b->zcol[h * NET_MAX_SIZES + z] = -1;
            if (z < hb->nsize) {
                int c =
                    jk__milp_col(&b->lp, 0, hi, hb->size[z].cost * per, true);
                if (c < 0)
                    return JK_ENOMEM;
                b->zcol[h * NET_MAX_SIZES + z] = c;
            }
        }
    }
    /* Flows: every (source, hub) and (hub, destination) leg by mode. */
    for (i = 0; i < S; i++) {
        const net_site *s = &m->sites[i];
        if (s->kind == SITE_HUB)
            continue;
        for (h = 0; h < H; h++) {
            int hs = m->hubs[h].site;
            b->acol[i * H + h] = -1;
            for (md = 0; md < m->nmodes; md++) {
                double km = net_km(m, i, hs, md);
                if (isnan(km))
                    continue;
                for (k = 0; k < m->nmat; k++)
                    for (p = 0; p < m->nper; p++) {
                        if (s->kind == SITE_SOURCE && sup(m, i, k, p) > 0)
                            rc = add_flow(b, i, hs, h, k, p, md, true, km);
                        else if (s->kind == SITE_DEST && dem(m, i, k, p) > 0)
                            rc = add_flow(b, hs, i, h, k, p, md, false, km);
                        else
                            continue;
                        if (rc)
                            return rc;
                    }
            }
        }
    }
    if ((rc = scratch(b, b->nf + (size_t)H * (NET_MAX_SIZES + 2) + 8)))
        return rc;
    /* Single-sourcing: a[s][h] binary, one hub per source. */
    if (b->ss && !relaxed(b, G_SINGLE))
        for (i = 0; i < S; i++) {
            if (m->sites[i].kind != SITE_SOURCE)
                continue;
            for (h = n = 0; h < H; h++) {
                int c = jk__milp_col(&b->lp, 0, 1, 0, true);
                if (c < 0)
                    return JK_ENOMEM;
                b->acol[i * H + h] = c;
                b->ix[n] = c;
                b->v[n++] = 1;
            }
            if ((rc = row(b, G_SINGLE, 1, 1, n)))
                return rc;
        }
    /* Supply: everything collected. */
    for (i = 0; i < S; i++)
        for (k = 0; k < m->nmat; k++)
            for (p = 0; p < m->nper; p++) {
                double sv = sup(m, i, k, p);
                if (m->sites[i].kind != SITE_SOURCE || sv <= 0)
                    continue;
                total_sup += sv;
                for (q = 0, n = 0; q < b->nf; q++)
                    if (b->f[q].inbound && b->f[q].from == i &&
                        b->f[q].mat == k && b->f[q].per == p) {
                        b->ix[n] = b->f[q].col;
                        b->v[n++] = 1;
                    }
                if (relaxed(b, G_SUPPLY))
                    rc = jk__milp_row(&b->lp, G_SUPPLY, -HUGE_VAL, sv, n, b->ix,
                                      b->v);
                else
                    rc = row(b, G_SUPPLY, sv, sv, n);
                if (rc)
                    return rc;
                /* Link to open hubs (and to the chosen hub): flow from
                 * this source to hub h <= supply * y_h (or a_sh). */
                for (h = 0; h < H; h++) {
                    int nn = 0;
                    for (q = 0; q < b->nf; q++)
                        if (b->f[q].inbound && b->f[q].from == i &&
                            b->f[q].hub == h && b->f[q].mat == k &&
                            b->f[q].per == p) {
                            b->ix[nn] = b->f[q].col;
                            b->v[nn++] = 1;
                        }
                    if (!nn)
                        continue;
                    b->ix[nn] = b->ycol[h];
                    b->v[nn] = -sv;
                    if ((rc = row(b, G_INTERNAL, -HUGE_VAL, 0, nn + 1)))
                        return rc;
                    if (b->acol[i * H + h] >= 0) {
                        b->ix[nn] = b->acol[i * H + h];
                        if ((rc = row(b, G_SINGLE, -HUGE_VAL, 0, nn + 1)))
                            return rc;
                    }
                }
            }
    /* Demand: at most what the destination takes. */
    for (i = 0; i < S; i++)
        for (k = 0; k < m->nmat; k++)
            for (p = 0; p < m->nper; p++) {
                double dv = dem(m, i, k, p);
                if (m->sites[i].kind != SITE_DEST || dv <= 0)
                    continue;
                for (q = 0, n = 0; q < b->nf; q++)
                    if (!b->f[q].inbound && b->f[q].to == i &&
                        b->f[q].mat == k && b->f[q].per == p) {
                        b->ix[n] = b->f[q].col;
                        b->v[n++] = 1;
                    }
                if ((rc = row(b, G_DEMAND, -HUGE_VAL, dv, n)))
                    return rc;
            }
    /* Hub balance per material and period; capacity per period. */
    for (h = 0; h < H; h++) {
        const net_hub *hb = &m->hubs[h];
        for (p = 0; p < m->nper; p++) {
            for (k = 0; k < m->nmat; k++) {
                for (q = 0, n = 0; q < b->nf; q++)
                    if (b->f[q].hub == h && b->f[q].mat == k &&
                        b->f[q].per == p) {
                        b->ix[n] = b->f[q].col;
                        b->v[n++] = b->f[q].inbound ? 1 : -1;
                    }
                if (n && (rc = row(b, G_INTERNAL, 0, 0, n)))
                    return rc;
            }
            for (q = 0, n = 0; q < b->nf; q++)
                if (b->f[q].hub == h && b->f[q].per == p && b->f[q].inbound) {
                    b->ix[n] = b->f[q].col;
                    b->v[n++] = 1;
                }
            if (relaxed(b, G_CAPACITY)) {
                /* uncapacitated, but only through open hubs (linked) */
                continue;
            }
            for (z = 0; z < hb->nsize; z++) {
                b->ix[n] = b->zcol[h * NET_MAX_SIZES + z];
                b->v[n++] = -hb->size[z].cap;
            }
            if ((rc = row(b, G_CAPACITY, -HUGE_VAL, 0, n)))
                return rc;
        }
        /* One size per open hub: sum z = y. */
        for (z = n = 0; z < hb->nsize; z++) {
            b->ix[n] = b->zcol[h * NET_MAX_SIZES + z];
            b->v[n++] = 1;
        }
        b->ix[n] = b->ycol[h];
        b->v[n++] = -1;
        if ((rc = row(b, G_INTERNAL, 0, 0, n)))
            return rc;
    }
    (void)total_sup;
    if (m->max_hubs >= 0) {
        for (h = 0; h < H; h++) {
            b->ix[h] = b->ycol[h];
            b->v[h] = 1;
        }
        if ((rc = row(b, G_MAXHUBS, -HUGE_VAL, m->max_hubs, H)))
            return rc;
    }
    if (!isnan(m->budget)) {
        for (h = n = 0; h < H; h++) {
            b->ix[n] = b->ycol[h];
            b->v[n++] = m->hubs[h].fixed;
            for (z = 0; z < m->hubs[h].nsize; z++) {
                b->ix[n] = b->zcol[h * NET_MAX_SIZES + z];
                b->v[n++] = m->hubs[h].size[z].cost;
            }
        }
        if ((rc = row(b, G_BUDGET, -HUGE_VAL, m->budget, n)))
            return rc;
    }
    if (!isnan(b->co2_cap)) {
        for (q = 0, n = 0; q < b->nf; q++) {
            b->ix[n] = b->f[q].col;
            b->v[n++] = b->f[q].co2_t;
        }
        if ((rc = row(b, G_CO2, -HUGE_VAL, b->co2_cap, n)))
            return rc;
    }
    return JK_OK;
}

void jk_net_plan_free(jk_net_plan *p)
{
    if (!p)
        return;
    jk_free(p->flows);
    jk_free(p->hubs);
    jk_free(p);
}

/* Solve one build; *res owned by caller. */
static int run(build *b, const jk_net_opts *o, double t0, jk__milp_result *res,
               jk_err *err)
{
    const jk__milp_solver *s = jk__milp_solver_find(o->solver);
    jk__milp_params par;
    int rc;
    if (!s)
        return jk_err_set(err, JK_EINVAL, "", "unknown MILP solver \"%s\"",
                          o->solver);
    if ((rc = build_model(b)))
        return jk_err_set(err, rc, b->m->dir, "%s", jk_strerror(rc));
    memset(&par, 0, sizeof(par));
    par.log_level = o->log_level;
    if (o->time_limit > 0) {
        par.time_limit = o->time_limit - (jk__net_now() - t0);
        if (par.time_limit < 0.01)
            par.time_limit = 0.01;
    }
    return s->solve(&b->lp, &par, res, err);
}

static void build_init(build *b, const jk_net_model *m, bool ss, unsigned relax,
                       double price, double cap)
{
    memset(b, 0, sizeof(*b));
    b->m = m;
    b->ss = ss;
    b->relax = relax;
    b->price = price;
    b->co2_cap = cap;
    jk__milp_init(&b->lp);
}

/* Which group, relaxed alone, makes the model feasible. */
static int diagnose(const jk_net_model *m, bool ss, double price, double cap,
                    const jk_net_opts *o, jk_err *err)
{
    static const int order[] = {G_MUSTCLOSE, G_MUSTOPEN, G_MAXHUBS,
                                G_BUDGET,    G_CO2,      G_EXPORT,
                                G_SINGLE,    G_CAPACITY, G_DEMAND};
    size_t i;
    double t0 = jk__net_now();
    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        build b;
        jk__milp_result res;
        int rc;
        build_init(&b, m, ss, 1u << order[i], price, cap);
        memset(&res, 0, sizeof(res));
        rc = run(&b, o, t0, &res, err);
        build_free(&b);
        jk_free(res.x);
        if (rc)
            return rc;
        if (res.status == JK__MILP_OPTIMAL || res.status == JK__MILP_FEASIBLE)
            return jk_err_set(err, JK_ECONSTRAINT, m->dir,
                              "infeasible: %s: no plan satisfies these "
                              "constraints; relaxing them alone makes the "
                              "model feasible",
                              group_name[order[i]]);
    }
    return jk_err_set(err, JK_ECONSTRAINT, m->dir,
                      "infeasible: no single constraint group is to blame "
                      "(several bind together; the supply must reach "
                      "destinations through open hubs)");
}

/* Quick checks with a precise message before any solve. */
static int precheck(const jk_net_model *m, jk_err *err)
{
    int k, p, i;
    for (k = 0; k < m->nmat; k++)
        for (p = 0; p < m->nper; p++) {
            double s = 0, d = 0, da = 0;
            for (i = 0; i < m->nsites; i++) {
                s += sup(m, i, k, p);
                d += dem(m, i, k, p);
                if (net_abroad(&m->sites[i]))
                    da += dem(m, i, k, p);
            }
            if (s > d * (1 + 1e-12) + 1e-9)
                return jk_err_set(err, JK_ECONSTRAINT, m->dir,
                                  "infeasible: demand: supply of %s in %s is "
                                  "%.10g t but the destinations take only "
                                  "%.10g t",
                                  m->mat[k], m->per[p], s, d);
            if (m->banned[k] && s > (d - da) * (1 + 1e-12) + 1e-9)
                return jk_err_set(err, JK_ECONSTRAINT, m->dir,
                                  "infeasible: export-ban: supply of %s in "
                                  "%s is %.10g t but destinations in Japan "
                                  "take only %.10g t",
                                  m->mat[k], m->per[p], s, d - da);
        }
    for (p = 0; p < m->nper; p++) {
        double s = 0, c = 0;
        for (i = 0; i < m->nsites; i++)
            for (k = 0; k < m->nmat; k++)
                s += sup(m, i, k, p);
        for (i = 0; i < m->nhubs; i++) {
            double big = 0;
            int z;
            if (m->hubs[i].must < 0)
                continue;
            for (z = 0; z < m->hubs[i].nsize; z++)
                if (m->hubs[i].size[z].cap > big)
                    big = m->hubs[i].size[z].cap;
            c += big;
        }
        if (s > c * (1 + 1e-12) + 1e-9)
            return jk_err_set(err, JK_ECONSTRAINT, m->dir,
                              "infeasible: capacity: supply in %s is %.10g t "
                              "but the hubs not closed hold at most %.10g t",
                              m->per[p], s, c);
    }
    return JK_OK;
}

static int decode(const build *b, const jk__milp_result *res, jk_net_plan *pl)
{
    const jk_net_model *m = b->m;
    size_t q, n = 0;
    int h, z, p;
    pl->hubs = jk_calloc((size_t)m->nhubs + 1, sizeof(jk_net_hub_plan));
    pl->flows = jk_calloc(b->nf + 1, sizeof(jk_net_flow));
    if (!pl->hubs || !pl->flows)
        return JK_ENOMEM;
    pl->nhubs = (size_t)m->nhubs;
    for (h = 0; h < m->nhubs; h++) {
        jk_net_hub_plan *hp = &pl->hubs[h];
        const net_hub *hb = &m->hubs[h];
        hp->id = m->sites[hb->site].id;
        hp->size = "";
        hp->open = res->x[b->ycol[h]] > 0.5;
        if (hp->open) {
            pl->hubs_open++;
            hp->cost = hb->fixed;
            for (z = 0; z < hb->nsize; z++)
                if (res->x[b->zcol[h * NET_MAX_SIZES + z]] > 0.5) {
                    hp->size = hb->size[z].name;
                    hp->capacity = hb->size[z].cap;
                    hp->cost += hb->size[z].cost;
                }
            pl->cost_hubs += hp->cost * m->nper;
        }
        for (p = 0; p < m->nper; p++) {
            double t = 0;
            for (q = 0; q < b->nf; q++)
                if (b->f[q].hub == h && b->f[q].per == p && b->f[q].inbound)
                    t += res->x[b->f[q].col];
            if (t > hp->throughput)
                hp->throughput = t;
        }
    }
    for (q = 0; q < b->nf; q++) {
        const fcol *f = &b->f[q];
        double t = res->x[f->col];
        jk_net_flow *o;
        if (t <= 1e-9)
            continue;
        o = &pl->flows[n++];
        o->from = m->sites[f->from].id;
        o->to = m->sites[f->to].id;
        o->material = m->mat[f->mat];
        o->period = m->per[f->per];
        o->mode = m->modes[f->mode].id;
        o->tonnes = t;
        o->km = f->km;
        o->cost = t * f->cost;
        o->co2_t = t * f->co2_t;
        pl->cost_transport += t * f->km * m->modes[f->mode].cost;
        if (f->inbound)
            pl->cost_handling +=
                t * m->handling[(size_t)f->hub * m->nmat + f->mat];
        pl->co2_t += o->co2_t;
        if (!f->inbound) {
            if (net_abroad(&m->sites[f->to]))
                pl->tonnes_abroad += t;
            else
                pl->tonnes_domestic += t;
        }
    }
    pl->nflows = n;
    pl->cost_total = pl->cost_hubs + pl->cost_transport + pl->cost_handling;
    return JK_OK;
}

static int solve_at(const jk_net_model *m, const jk_net_opts *o, double price,
                    double cap, jk_net_plan **out, jk_err *err)
{
    build b;
    jk__milp_result res;
    jk_net_plan *pl = NULL;
    double t0 = jk__net_now();
    bool ss = m->single_source || o->single_source;
    int rc;

    *out = NULL;
    if ((rc = precheck(m, err)))
        return rc;
    build_init(&b, m, ss, 0, price, cap);
    memset(&res, 0, sizeof(res));
    rc = run(&b, o, t0, &res, err);
    if (rc)
        goto done;
    if (res.status == JK__MILP_INFEASIBLE) {
        rc = diagnose(m, ss, price, cap, o, err);
        goto done;
    }
    if (res.status == JK__MILP_UNBOUNDED) {
        rc = jk_err_set(err, JK_EINTERNAL, m->dir, "the model is unbounded");
        goto done;
    }
    pl = jk_calloc(1, sizeof(*pl));
    if (!pl) {
        rc = jk_err_set(err, JK_ENOMEM, m->dir, "out of memory");
        goto done;
    }
    pl->objective = res.obj;
    pl->bound = res.bound;
    if (res.status == JK__MILP_NOSOL) {
        pl->status = JK_NET_NO_SOLUTION;
        pl->objective = pl->gap = (double)NAN;
    } else {
        pl->status =
            res.status == JK__MILP_OPTIMAL ? JK_NET_OPTIMAL : JK_NET_FEASIBLE;
        pl->gap = pl->status == JK_NET_OPTIMAL
                      ? 0
                      : (res.obj - res.bound) / fmax(1e-12, fabs(res.obj));
        if ((rc = decode(&b, &res, pl))) {
            rc = jk_err_set(err, rc, m->dir, "%s", jk_strerror(rc));
            goto done;
        }
    }
    pl->seconds = jk__net_now() - t0;
    *out = pl;
    pl = NULL;
done:
    jk_net_plan_free(pl);
    jk_free(res.x);
    build_free(&b);
    return rc;
}

int jk_net_model_solve(const jk_net_model *m, const jk_net_opts *o,
                       jk_net_plan **out, jk_err *err)
{
    jk_net_opts def;
    jk_err_clear(err);
    if (!o) {
        jk_net_opts_init(&def);
        o = &def;
    }
    return solve_at(m, o, m->carbon_price, m->co2_cap, out, err);
}

static void hub_list(const jk_net_plan *pl, char *buf, size_t cap)
{
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; i < pl->nhubs; i++)
        if (pl->hubs[i].open && n < cap)
            n += (size_t)jk_snprintf(buf + n, cap - n, "%s%s", n ? ";" : "",
                                     pl->hubs[i].id);
}

int jk_net_model_frontier(const jk_net_model *m, const jk_net_opts *o,
                          jk_net_frontier_method method, int npoints,
                          double price_max, jk_net_point **out, size_t *n,
                          jk_err *err)
{
    jk_net_opts def;
    jk_net_point *pts;
    jk_net_plan *pl = NULL;
    double lo_co2 = 0, hi_co2 = 0;
    int i, rc = JK_OK;

    *out = NULL;
    *n = 0;
    jk_err_clear(err);
    if (!o) {
        jk_net_opts_init(&def);
        o = &def;
    }
    if (npoints < 2 || npoints > 50)
        return jk_err_set(err, JK_EINVAL, "",
                          "points: expected 2 to 50, got %d", npoints);
    if (method != JK_NET_WEIGHTED && method != JK_NET_EPSILON)
        return jk_err_set(err, JK_EINVAL, "", "unknown frontier method");
    if (price_max <= 0)
        price_max = 100000;
    pts = jk_calloc((size_t)npoints, sizeof(*pts));
    if (!pts)
        return jk_err_set(err, JK_ENOMEM, "", "out of memory");
    if (method == JK_NET_EPSILON) {
        /* Ends: least cost (price 0), least CO2 (price_max). */
        if ((rc = solve_at(m, o, 0, m->co2_cap, &pl, err)))
            goto fail;
        hi_co2 = pl->co2_t;
        jk_net_plan_free(pl);
        if ((rc = solve_at(m, o, price_max, m->co2_cap, &pl, err)))
            goto fail;
        lo_co2 = pl->co2_t;
        jk_net_plan_free(pl);
        pl = NULL;
    }
    for (i = 0; i < npoints; i++) {
        jk_net_point *pt = &pts[*n];
        double price, cap;
        if (method == JK_NET_WEIGHTED) {
            price = i == 0 ? 0 : price_max / pow(2, npoints - 1 - i);
            cap = m->co2_cap;
            pt->weight = price;
            pt->co2_cap = (double)NAN;
        } else {
            price = 0;
            cap = hi_co2 - (hi_co2 - lo_co2) * i / (npoints - 1);
            cap *= 1 + 1e-9; /* the end points must stay feasible */
            pt->weight = (double)NAN;
            pt->co2_cap = cap;
        }
        rc = solve_at(m, o, price, cap, &pl, err);
        if (rc == JK_ECONSTRAINT) {
            jk_err_clear(err);
            continue;
        }
        if (rc)
            goto fail;
        if (pl->status != JK_NET_NO_SOLUTION) {
            pt->cost = pl->cost_total;
            pt->co2_t = pl->co2_t;
            hub_list(pl, pt->hubs, sizeof(pt->hubs));
            (*n)++;
        }
        jk_net_plan_free(pl);
        pl = NULL;
    }
    *out = pts;
    return JK_OK;
fail:
    jk_net_plan_free(pl);
    jk_free(pts);
    *n = 0;
    return rc;
}
