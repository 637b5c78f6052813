/*
 * Solving the capacitated facility location problem.
 *
 * Formulation (the "strong" one: Cornuejols, Sridharan & Thizy 1991):
 *   min  sum_i f_i y_i + sum_ij c_ij x_ij
 *   s.t. sum_i x_ij = 1                 (demand)      for every j
 *        sum_j d_j x_ij <= s_i y_i      (capacity)    for every i
 *        x_ij <= y_i                    (link)        for every i, j
 *        sum_i s_i y_i >= sum_j d_j     (aggregate capacity, a valid cut)
 *        y binary; x in [0,1], or binary when single-sourcing.
 *
 * Before the MILP, a Lagrangian relaxation of the demand constraints
 * (multipliers u_j; each facility's subproblem is a continuous knapsack,
 * the facility choice a covering knapsack solved as an LP) gives a lower
 * bound by subgradient optimisation (Held, Wolfe & Crowder 1974; Beasley
 * 1993 for the CFLP). Its facility sets, repaired to enough capacity and
 * allocated optimally with jk__net_allocate (or greedily when
 * single-sourcing), give feasible solutions; the best is the MILP start.
 * Facilities whose Lagrangian reduced cost proves that flipping them
 * cannot beat the best solution are fixed (reduced-cost fixing).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "network/net_int.h"

enum { G_DEMAND = 0, G_CAPACITY = 1, G_LINK = 2, G_AGG = 3 };

void jk_net_opts_init(jk_net_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->lagrange = true;
}

const char *jk_net_status_name(jk_net_status s)
{
    switch (s) {
    case JK_NET_OPTIMAL:
        return "optimal";
    case JK_NET_FEASIBLE:
        return "feasible";
    default:
        return "no solution";
    }
}

void jk_net_solution_free(jk_net_solution *s)
{
    if (!s)
        return;
    jk_free(s->open);
    jk_free(s->x);
    jk_free(s);
}

static double sum(const double *v, int n)
{
    double t = 0;
    int i;
    for (i = 0; i < n; i++)
        t += v[i];
    return t;
}

/* Checks that need no solver; names the binding group. */
static int precheck(const jk_net_cflp *p, bool ss, const signed char *fix,
                    jk_err *err)
{
    double cap = 0, D = sum(p->demand, p->n), maxcap = 0;
    int i, j;
    for (i = 0; i < p->m; i++)
        if (!fix || fix[i] >= 0) {
            cap += p->cap[i];
            if (p->cap[i] > maxcap)
                maxcap = p->cap[i];
        }
    if (cap < D * (1 - 1e-12))
        return jk_err_set(err, JK_ECONSTRAINT, p->name,
                          "infeasible: capacity: total demand %.10g exceeds "
                          "total capacity %.10g",
                          D, cap);
    if (ss)
        for (j = 0; j < p->n; j++)
            if (p->demand[j] > maxcap)
                return jk_err_set(err, JK_ECONSTRAINT, p->name,
                                  "infeasible: single-source: customer %d "
                                  "demands %.10g, more than any capacity "
                                  "(%.10g)",
                                  j + 1, p->demand[j], maxcap);
    return JK_OK;
}

/* ---- Lagrangian relaxation ------------------------------------------ */

typedef struct lag {
    const jk_net_cflp *p;
    int m, n;
    double D;
    double *u;    /* n multipliers */
    double *v;    /* m: f_i + knapsack value */
    double *xs;   /* m*n: knapsack solutions (shares) */
    double *y;    /* m: facility choice (may be fractional in one) */
    double *key;  /* n scratch */
    int *ord;     /* n scratch */
    int *ford;    /* m scratch */
    double *flip; /* m: rise of lval when y_i is flipped */
    double lval;  /* the bound flip applies to */
    bool eqcap;   /* every capacity equal: exact covering knapsack */
} lag;

static const double *g_key; /* qsort has no context argument */

static int by_key(const void *a, const void *b)
{
    double ka = g_key[*(const int *)a], kb = g_key[*(const int *)b];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/* L(u); fills v, xs, y. l0 gets the bound without the aggregate row. */
static double lag_eval(lag *L, double *l0)
{
    const jk_net_cflp *p = L->p;
    int m = L->m, n = L->n, i, j, k, kk;
    double val = sum(L->u, n), sneg = 0, capsel = 0;

    for (i = 0; i < m; i++) {
        const double *c = p->cost + (size_t)i * n;
        double *x = L->xs + (size_t)i * n, room = p->cap[i], g = 0;
        for (j = k = 0; j < n; j++) {
            double r = c[j] - L->u[j];
            x[j] = 0;
            if (r >= 0)
                continue;
            if (p->demand[j] <= 0) {
                x[j] = 1;
                g += r;
                continue;
            }
            L->key[j] = r / p->demand[j];
            L->ord[k++] = j;
        }
        g_key = L->key;
        qsort(L->ord, (size_t)k, sizeof(int), by_key);
        for (kk = 0; kk < k && room > 0; kk++) {
            int jj = L->ord[kk];
            double share = p->demand[jj] <= room ? 1 : room / p->demand[jj];
            x[jj] = share;
            g += share * (c[jj] - L->u[jj]);
            room -= share * p->demand[jj];
        }
        L->v[i] = p->fixed[i] + g;
        L->y[i] = 0;
        if (L->v[i] < 0) {
            L->y[i] = 1;
            sneg += L->v[i];
            capsel += p->cap[i];
        }
    }
    *l0 = val + sneg;
    if (L->eqcap) {
        /* Equal capacities s: the covering knapsack needs kreq =
         * ceil(D / s) facilities, so it is solved exactly by taking the
         * cheapest max(kreq, #negative) by v. Flipping one facility
         * then costs: in the set, the next cheapest in its place (or
         * nothing when the set is larger than kreq); out of the set,
         * its v less the dearest non-negative member it replaces. */
        int kreq = (int)ceil(L->D / p->cap[0] - 1e-9), cnt = 0;
        double last, next;
        for (i = 0; i < m; i++) {
            L->key[i] = L->v[i];
            L->ford[i] = i;
        }
        g_key = L->key;
        qsort(L->ford, (size_t)m, sizeof(int), by_key);
        sneg = 0;
        for (kk = 0; kk < m; kk++) {
            int ii = L->ford[kk];
            bool take = kk < kreq || L->v[ii] < 0;
            L->y[ii] = take ? 1 : 0;
            if (take) {
                sneg += L->v[ii];
                cnt++;
            }
        }
        last = cnt > 0 ? L->v[L->ford[cnt - 1]] : 0;
        next = cnt < m ? L->v[L->ford[cnt]] : HUGE_VAL;
        for (i = 0; i < m; i++) {
            if (L->y[i] > 0.5)
                L->flip[i] = cnt > kreq ? -L->v[i] : next - L->v[i];
            else
                L->flip[i] = L->v[i] - (cnt == kreq && last > 0 ? last : 0);
        }
        L->lval = val + sneg;
        return val + sneg;
    }
    for (i = 0; i < m; i++)
        L->flip[i] = fabs(L->v[i]);
    L->lval = *l0;
    /* Covering knapsack sum s_i y_i >= D as an LP: cheapest per unit. */
    if (capsel < L->D) {
        double need = L->D - capsel;
        for (i = k = 0; i < m; i++)
            if (L->y[i] == 0 && p->cap[i] > 0) {
                L->key[i] = L->v[i] / p->cap[i];
                L->ford[k++] = i;
            }
        g_key = L->key;
        qsort(L->ford, (size_t)k, sizeof(int), by_key);
        for (kk = 0; kk < k && need > 0; kk++) {
            int ii = L->ford[kk];
            double f = p->cap[ii] <= need ? 1 : need / p->cap[ii];
            L->y[ii] = f;
            sneg += f * L->v[ii];
            need -= f * p->cap[ii];
        }
    }
    return val + sneg;
}

/* ---- Primal heuristic --------------------------------------------------- */

typedef struct heur {
    const jk_net_cflp *p;
    const jk__milp_solver *s;
    bool ss;
    const signed char *fix; /* -1 closed, 1 open, 0 free */
    double best;            /* cost of the best solution */
    bool *open;             /* best open set */
    double *x;              /* best shares */
    bool *try_open;         /* scratch */
    double *tx;             /* scratch m*n */
    double *room;           /* scratch m */
    int *ord;               /* scratch */
    int *ford;              /* scratch m */
    double *key;
    int evals, max_evals;
    unsigned long *seen; /* hashes of evaluated sets */
    int nseen;
} heur;

static unsigned long set_hash(const bool *o, int m)
{
    unsigned long h = 1469598103934665603UL;
    int i;
    for (i = 0; i < m; i++)
        h = (h ^ (o[i] ? 0x9eUL : 0x1fUL)) * 1099511628211UL;
    return h;
}

/* Greedy single-source assignment; true when it fits. */
static bool ss_assign(heur *h, double *cost)
{
    const jk_net_cflp *p = h->p;
    int m = p->m, n = p->n, i, j, k, pass;
    memset(h->tx, 0, (size_t)m * (size_t)n * sizeof(double));
    for (i = 0; i < m; i++)
        h->room[i] = h->try_open[i] ? p->cap[i] : -1;
    for (j = 0; j < n; j++) {
        h->ord[j] = j;
        h->key[j] = -p->demand[j];
    }
    g_key = h->key;
    qsort(h->ord, (size_t)n, sizeof(int), by_key);
    for (k = 0; k < n; k++) {
        int jj = h->ord[k], bi = -1;
        for (i = 0; i < m; i++)
            if (h->room[i] >= p->demand[jj] &&
                (bi < 0 ||
                 p->cost[(size_t)i * n + jj] < p->cost[(size_t)bi * n + jj]))
                bi = i;
        if (bi < 0)
            return false;
        h->tx[(size_t)bi * n + jj] = 1;
        h->room[bi] -= p->demand[jj];
    }
    /* Improve: move a customer to a cheaper facility with room. */
    for (pass = 0; pass < 5; pass++) {
        bool moved = false;
        for (j = 0; j < n; j++) {
            int cur = -1, bi;
            for (i = 0; i < m; i++)
                if (h->tx[(size_t)i * n + j] > 0.5)
                    cur = i;
            bi = cur;
            for (i = 0; i < m; i++)
                if (i != cur && h->room[i] >= p->demand[j] &&
                    p->cost[(size_t)i * n + j] <
                        p->cost[(size_t)bi * n + j] - 1e-12)
                    bi = i;
            if (bi != cur) {
                h->tx[(size_t)cur * n + j] = 0;
                h->tx[(size_t)bi * n + j] = 1;
                h->room[cur] += p->demand[j];
                h->room[bi] -= p->demand[j];
                moved = true;
            }
        }
        if (!moved)
            break;
    }
    *cost = 0;
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++)
            *cost += h->tx[(size_t)i * n + j] * p->cost[(size_t)i * n + j];
    return true;
}

/* Greedy splittable allocation to the open set: customers by regret
 * (second cheapest minus cheapest open facility), each to its cheapest
 * facilities with room. A feasible allocation, not always the cheapest:
 * a fast screen for the local search; the best set is then allocated
 * exactly by jk__net_allocate. False when the capacity runs out. */
static bool ms_assign(heur *h, double *cost)
{
    const jk_net_cflp *p = h->p;
    int m = p->m, n = p->n, i, j, k, no = 0;
    int *fo = h->ford;
    memset(h->tx, 0, (size_t)m * (size_t)n * sizeof(double));
    for (i = 0; i < m; i++) {
        h->room[i] = h->try_open[i] ? p->cap[i] : -1;
        if (h->try_open[i])
            fo[no++] = i;
    }
    if (no == 0)
        return false;
    for (j = 0; j < n; j++) {
        double c1 = HUGE_VAL, c2 = HUGE_VAL;
        for (k = 0; k < no; k++) {
            double c = p->cost[(size_t)fo[k] * n + j];
            if (c < c1) {
                c2 = c1;
                c1 = c;
            } else if (c < c2) {
                c2 = c;
            }
        }
        h->ord[j] = j;
        h->key[j] = -(isfinite(c2) ? c2 - c1 : c1);
    }
    g_key = h->key;
    qsort(h->ord, (size_t)n, sizeof(int), by_key);
    *cost = 0;
    for (k = 0; k < n; k++) {
        int jj = h->ord[k];
        double left = 1;
        while (left > 1e-12) {
            int bi = -1, kk;
            for (kk = 0; kk < no; kk++) {
                int ii = fo[kk];
                if (h->room[ii] > 1e-9 &&
                    (bi < 0 || p->cost[(size_t)ii * n + jj] <
                                   p->cost[(size_t)bi * n + jj]))
                    bi = ii;
            }
            if (bi < 0)
                return p->demand[jj] <= 0;
            {
                double share = p->demand[jj] <= 0
                                   ? left
                                   : fmin(left, h->room[bi] / p->demand[jj]);
                h->tx[(size_t)bi * n + jj] += share;
                h->room[bi] -= share * p->demand[jj];
                *cost += share * p->cost[(size_t)bi * n + jj];
                left -= share;
            }
        }
    }
    return true;
}

/* Evaluate the facility set try_open (repaired to enough capacity first,
 * adding facilities by the order of key). */
static int heur_eval(heur *h, const double *v)
{
    const jk_net_cflp *p = h->p;
    int m = p->m, n = p->n, i, k;
    double cap = 0, D = sum(p->demand, n), cost = 0, fc = 0;
    unsigned long hv;

    for (i = 0; i < m; i++) {
        if (h->fix[i] > 0)
            h->try_open[i] = true;
        if (h->fix[i] < 0)
            h->try_open[i] = false;
        if (h->try_open[i])
            cap += p->cap[i];
    }
    if (cap < D * (h->ss ? 1.05 : 1.0)) {
        for (i = k = 0; i < m; i++)
            if (!h->try_open[i] && h->fix[i] >= 0) {
                h->key[i] = (v ? v[i] : p->fixed[i]) / (p->cap[i] + 1e-9);
                h->ord[k++] = i;
            }
        g_key = h->key;
        qsort(h->ord, (size_t)k, sizeof(int), by_key);
        for (i = 0; i < k && cap < D * (h->ss ? 1.05 : 1.0); i++) {
            h->try_open[h->ord[i]] = true;
            cap += p->cap[h->ord[i]];
        }
        if (cap < D)
            return JK_OK;
    }
    hv = set_hash(h->try_open, m);
    for (i = 0; i < h->nseen; i++)
        if (h->seen[i] == hv)
            return JK_OK;
    if (h->nseen < h->max_evals * 4)
        h->seen[h->nseen++] = hv;
    if (h->evals >= h->max_evals)
        return JK_OK;
    h->evals++;
    if (h->ss) {
        if (!ss_assign(h, &cost))
            return JK_OK;
    } else if (!ms_assign(h, &cost)) {
        return JK_OK;
    }
    /* Close facilities that serve nobody. */
    for (i = 0; i < m; i++)
        if (h->try_open[i] && h->fix[i] <= 0) {
            int j;
            double used = 0;
            for (j = 0; j < n; j++)
                used += h->tx[(size_t)i * n + j];
            if (used <= 1e-12)
                h->try_open[i] = false;
        }
    for (i = 0; i < m; i++)
        if (h->try_open[i])
            fc += p->fixed[i];
    if (fc + cost < h->best) {
        h->best = fc + cost;
        memcpy(h->open, h->try_open, (size_t)m * sizeof(bool));
        memcpy(h->x, h->tx, (size_t)m * (size_t)n * sizeof(double));
    }
    return JK_OK;
}

/* Cost of the open set try_open with the greedy allocation; false when
 * it does not fit. */
static bool eval_set(heur *h, double *total)
{
    const jk_net_cflp *p = h->p;
    double cost = 0, fc = 0;
    int i;
    if (!(h->ss ? ss_assign(h, &cost) : ms_assign(h, &cost)))
        return false;
    for (i = 0; i < p->m; i++)
        if (h->try_open[i])
            fc += p->fixed[i];
    *total = fc + cost;
    return true;
}

/*
 * Local search from the best set: drop, add or swap one facility while
 * the greedy cost falls (first improvement, at most 20 passes or the
 * time budget), then, when splitting is allowed, the best set's exact
 * allocation (jk__net_allocate).
 */
static int improve(heur *h, double t_end, jk_err *err)
{
    const jk_net_cflp *p = h->p;
    int m = p->m, n = p->n, pass, i, k, rc;
    double cur, v, cost;
    bool better = true;
    if (!isfinite(h->best))
        return JK_OK;
    memcpy(h->try_open, h->open, (size_t)m * sizeof(bool));
    if (!eval_set(h, &cur))
        return JK_OK;
    if (cur < h->best) {
        h->best = cur;
        memcpy(h->x, h->tx, (size_t)m * (size_t)n * sizeof(double));
    }
    cur = h->best;
    for (pass = 0; pass < 20 && better; pass++) {
        better = false;
        for (i = 0; i < m && !better; i++) {
            if (h->fix[i] != 0)
                continue;
            memcpy(h->try_open, h->open, (size_t)m * sizeof(bool));
            h->try_open[i] = !h->try_open[i]; /* drop or add */
            if (eval_set(h, &v) && v < cur - 1e-9 * fabs(cur)) {
                better = true;
            } else if (h->open[i]) { /* swap: close i, open k */
                for (k = 0; k < m && !better; k++) {
                    if (h->open[k] || h->fix[k] != 0)
                        continue;
                    h->try_open[k] = true;
                    if (eval_set(h, &v) && v < cur - 1e-9 * fabs(cur))
                        better = true;
                    else
                        h->try_open[k] = false;
                }
            }
            if (better) {
                cur = h->best = v;
                memcpy(h->open, h->try_open, (size_t)m * sizeof(bool));
                memcpy(h->x, h->tx, (size_t)m * (size_t)n * sizeof(double));
            }
            if (t_end > 0 && jk__net_now() > t_end)
                break;
        }
        if (t_end > 0 && jk__net_now() > t_end)
            break;
    }
    if (h->ss)
        return JK_OK;
    for (i = 0; i < m; i++)
        h->room[i] = h->open[i] ? p->cap[i] : -1;
    rc = jk__net_allocate(h->s, m, n, h->room, p->demand, p->cost, h->tx, &cost,
                          err);
    if (rc == JK_ECONSTRAINT) {
        jk_err_clear(err);
        return JK_OK;
    }
    if (rc)
        return rc;
    for (i = 0; i < m; i++)
        if (h->open[i])
            cost += p->fixed[i];
    if (cost < h->best) {
        h->best = cost;
        memcpy(h->x, h->tx, (size_t)m * (size_t)n * sizeof(double));
    }
    return JK_OK;
}

/* ---- The MILP ---------------------------------------------------------- */

static int build(const jk_net_cflp *p, bool ss, const signed char *fix,
                 bool plain, jk__milp *lp)
{
    int m = p->m, n = p->n, i, j, rc;
    int *ix = NULL;
    double *v = NULL;
    size_t w = (size_t)(m > n ? m : n) + 2;

    ix = jk_malloc(w * sizeof(int));
    v = jk_malloc(w * sizeof(double));
    if (!ix || !v) {
        rc = JK_ENOMEM;
        goto done;
    }
    for (i = 0; i < m; i++) {
        double lo = fix && fix[i] > 0 ? 1 : 0, hi = fix && fix[i] < 0 ? 0 : 1;
        if (jk__milp_col(lp, lo, hi, p->fixed[i], true) < 0) {
            rc = JK_ENOMEM;
            goto done;
        }
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            double hi = 1;
            if ((fix && fix[i] < 0) || (ss && p->demand[j] > p->cap[i]))
                hi = 0;
            if (jk__milp_col(lp, 0, hi, p->cost[(size_t)i * n + j], ss) < 0) {
                rc = JK_ENOMEM;
                goto done;
            }
        }
    for (j = 0; j < n; j++) {
        for (i = 0; i < m; i++) {
            ix[i] = m + i * n + j;
            v[i] = 1;
        }
        if ((rc = jk__milp_row(lp, G_DEMAND, 1, 1, m, ix, v)))
            goto done;
    }
    for (i = 0; i < m; i++) {
        for (j = 0; j < n; j++) {
            ix[j] = m + i * n + j;
            v[j] = p->demand[j];
        }
        ix[n] = i;
        v[n] = -p->cap[i];
        if ((rc = jk__milp_row(lp, G_CAPACITY, -HUGE_VAL, 0, n + 1, ix, v)))
            goto done;
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            int lix[2];
            double lv[2] = {1, -1};
            lix[0] = m + i * n + j;
            lix[1] = i;
            if ((rc = jk__milp_row(lp, G_LINK, -HUGE_VAL, 0, 2, lix, lv)))
                goto done;
        }
    if (!plain) {
        for (i = 0; i < m; i++) {
            ix[i] = i;
            v[i] = p->cap[i];
        }
        rc = jk__milp_row(lp, G_AGG, sum(p->demand, n), HUGE_VAL, m, ix, v);
    }
done:
    jk_free(ix);
    jk_free(v);
    return rc;
}

int jk_net_cflp_write_lp(const jk_net_cflp *p, bool single_source, FILE *out,
                         jk_err *err)
{
    jk__milp lp;
    int rc;
    jk__milp_init(&lp);
    rc = build(p, single_source, NULL, true, &lp);
    if (!rc)
        rc = jk__milp_write_lp(&lp, out);
    jk__milp_release(&lp);
    if (rc)
        return jk_err_set(err, rc, p->name, "cannot write the LP file: %s",
                          jk_strerror(rc));
    return JK_OK;
}

static int lagrange(const jk_net_cflp *p, heur *h, signed char *fix, double t0,
                    double tlim, jk_net_solution *sol, jk_err *err)
{
    lag L;
    int m = p->m, n = p->n, i, j, it, stall = 0, max_it, rc = JK_OK;
    double best = -HUGE_VAL, lambda = 2, *s = NULL, *bestu = NULL;

    memset(&L, 0, sizeof(L));
    L.p = p;
    L.m = m;
    L.n = n;
    L.D = sum(p->demand, n);
    L.u = jk_malloc((size_t)n * sizeof(double));
    L.v = jk_malloc((size_t)m * sizeof(double));
    L.xs = jk_malloc((size_t)m * (size_t)n * sizeof(double));
    L.y = jk_malloc((size_t)m * sizeof(double));
    L.key = jk_malloc((size_t)(m > n ? m : n) * sizeof(double));
    L.ord = jk_malloc((size_t)n * sizeof(int));
    L.ford = jk_malloc((size_t)m * sizeof(int));
    L.flip = jk_malloc((size_t)m * sizeof(double));
    s = jk_malloc((size_t)n * sizeof(double));
    bestu = jk_malloc((size_t)n * sizeof(double));
    if (!L.u || !L.v || !L.xs || !L.y || !L.key || !L.ord || !L.ford ||
        !L.flip || !s || !bestu) {
        rc = JK_ENOMEM;
        goto done;
    }
    for (j = 0; j < n; j++) {
        double mn = HUGE_VAL;
        for (i = 0; i < m; i++)
            if (p->cost[(size_t)i * n + j] < mn)
                mn = p->cost[(size_t)i * n + j];
        L.u[j] = mn;
    }
    memcpy(bestu, L.u, (size_t)n * sizeof(double));
    L.eqcap = p->cap[0] > 0;
    for (i = 1; i < m; i++)
        if (p->cap[i] != p->cap[0])
            L.eqcap = false;
    max_it = (size_t)m * (size_t)n > 20000 ? 3000 : 600;
    for (it = 0; it < max_it; it++) {
        double l0, val = lag_eval(&L, &l0), norm = 0, ub;
        if (it == 0 || val > best + 1e-9 * fabs(best)) {
            best = val;
            memcpy(bestu, L.u, (size_t)n * sizeof(double));
            stall = 0;
        } else if (++stall >= 20) {
            lambda /= 2;
            stall = 0;
        }
        if (it % 10 == 0 || it == max_it - 1) {
            for (i = 0; i < m; i++)
                h->try_open[i] = L.y[i] > 0.5;
            (void)heur_eval(h, L.v);
        }
        ub = isfinite(h->best) ? h->best : best + fabs(best) * 0.1 + 1;
        if (lambda < 1e-4 || (ub - best) <= 1e-9 * fabs(ub))
            break;
        if (tlim > 0 && jk__net_now() - t0 > tlim * 0.3)
            break;
        for (j = 0; j < n; j++) {
            double a = 0;
            for (i = 0; i < m; i++)
                a += L.xs[(size_t)i * n + j] * (L.y[i] > 0 ? L.y[i] : 0);
            s[j] = 1 - a;
            norm += s[j] * s[j];
        }
        if (norm < 1e-18)
            break;
        for (j = 0; j < n; j++)
            L.u[j] += lambda * (ub - val) / norm * s[j];
    }
    if ((rc = improve(h, tlim > 0 ? t0 + tlim * 0.5 : 0, err)))
        goto done;
    /* Reduced-cost fixing at the best multipliers: when flipping y_i
     * raises the Lagrangian bound above the best solution, y_i keeps
     * its value in every better solution. */
    memcpy(L.u, bestu, (size_t)n * sizeof(double));
    {
        double l0;
        (void)lag_eval(&L, &l0);
        if (isfinite(h->best))
            for (i = 0; i < m; i++) {
                double tol = 1e-7 * fabs(h->best) + 1e-6;
                bool in = L.eqcap ? L.y[i] > 0.5 : L.v[i] < 0;
                if (fix[i] != 0 || !(L.lval + L.flip[i] > h->best + tol))
                    continue;
                fix[i] = in ? 1 : -1;
                if (in)
                    sol->fixed_open++;
                else
                    sol->fixed_closed++;
            }
    }
    sol->lagrange_bound = best;
done:
    jk_free(L.u);
    jk_free(L.v);
    jk_free(L.xs);
    jk_free(L.y);
    jk_free(L.key);
    jk_free(L.ord);
    jk_free(L.ford);
    jk_free(L.flip);
    jk_free(s);
    jk_free(bestu);
    return rc;
}

int jk_net_cflp_solve(const jk_net_cflp *p, const jk_net_opts *o,
                      jk_net_solution **out, jk_err *err)
{
    jk_net_opts def;
    const jk__milp_solver *solver;
    jk_net_solution *sol = NULL;
    signed char *fix = NULL;
    heur h;
    jk__milp lp;
    jk__milp_params par;
    jk__milp_result res;
    double *start = NULL, t0 = jk__net_now();
    int m = p->m, n = p->n, i, j, rc;
    size_t mn = (size_t)m * (size_t)n;

    *out = NULL;
    jk_err_clear(err);
    if (!o) {
        jk_net_opts_init(&def);
        o = &def;
    }
    solver = jk__milp_solver_find(o->solver);
    if (!solver)
        return jk_err_set(err, JK_EINVAL, "", "unknown MILP solver \"%s\"",
                          o->solver);
    if ((rc = precheck(p, o->single_source, NULL, err)))
        return rc;
    memset(&h, 0, sizeof(h));
    memset(&res, 0, sizeof(res));
    jk__milp_init(&lp);
    sol = jk_calloc(1, sizeof(*sol));
    fix = jk_calloc((size_t)m, 1);
    h.p = p;
    h.s = solver;
    h.ss = o->single_source;
    h.fix = fix;
    h.best = HUGE_VAL;
    h.max_evals = 400;
    h.open = jk_calloc((size_t)m, sizeof(bool));
    h.try_open = jk_calloc((size_t)m, sizeof(bool));
    h.x = jk_calloc(mn, sizeof(double));
    h.tx = jk_calloc(mn, sizeof(double));
    h.room = jk_calloc((size_t)m, sizeof(double));
    h.ord = jk_calloc((size_t)(m > n ? m : n), sizeof(int));
    h.ford = jk_calloc((size_t)m + 1, sizeof(int));
    h.key = jk_calloc((size_t)(m > n ? m : n), sizeof(double));
    h.seen = jk_calloc((size_t)h.max_evals * 4, sizeof(unsigned long));
    if (!sol || !fix || !h.open || !h.try_open || !h.x || !h.tx || !h.room ||
        !h.ord || !h.key || !h.seen) {
        rc = jk_err_set(err, JK_ENOMEM, p->name, "out of memory");
        goto done;
    }
    sol->m = m;
    sol->n = n;
    sol->lagrange_bound = sol->heuristic = (double)NAN;
    if (o->lagrange) {
        rc = lagrange(p, &h, fix, t0, o->time_limit, sol, err);
        if (rc)
            goto done;
        if (isfinite(h.best))
            sol->heuristic = h.best;
    }
    if ((rc = build(p, o->single_source, fix, false, &lp))) {
        rc = jk_err_set(err, rc, p->name, "%s", jk_strerror(rc));
        goto done;
    }
    memset(&par, 0, sizeof(par));
    par.log_level = o->log_level;
    if (o->time_limit > 0) {
        par.time_limit = o->time_limit - (jk__net_now() - t0);
        if (par.time_limit < 0.01)
            par.time_limit = 0.01;
    }
    if (isfinite(h.best)) {
        start = jk_malloc(((size_t)lp.ncols + 1) * sizeof(double));
        if (!start) {
            rc = jk_err_set(err, JK_ENOMEM, p->name, "out of memory");
            goto done;
        }
        for (i = 0; i < m; i++)
            start[i] = h.open[i] ? 1 : 0;
        memcpy(start + m, h.x, mn * sizeof(double));
        par.start = start;
    }
    if ((rc = solver->solve(&lp, &par, &res, err)))
        goto done;
    sol->nodes = res.nodes;
    if (res.status == JK__MILP_INFEASIBLE) {
        rc = jk_err_set(err, JK_ECONSTRAINT, p->name,
                        o->single_source
                            ? "infeasible: single-source: the demands cannot "
                              "be packed into the capacities without "
                              "splitting"
                            : "infeasible: capacity: the demand cannot be "
                              "served within the capacities");
        goto done;
    }
    sol->open = jk_calloc((size_t)m, sizeof(bool));
    sol->x = jk_calloc(mn, sizeof(double));
    if (!sol->open || !sol->x) {
        rc = jk_err_set(err, JK_ENOMEM, p->name, "out of memory");
        goto done;
    }
    sol->bound = res.bound;
    if (res.x && !(isfinite(h.best) && h.best < res.obj - 1e-9 * h.best)) {
        for (i = 0; i < m; i++)
            sol->open[i] = res.x[i] > 0.5;
        for (i = 0; i < m; i++)
            for (j = 0; j < n; j++) {
                double v = res.x[m + (size_t)i * n + j];
                sol->x[(size_t)i * n + j] = v < 1e-12 ? 0 : v;
            }
        sol->objective = res.obj;
    } else if (isfinite(h.best)) {
        memcpy(sol->open, h.open, (size_t)m * sizeof(bool));
        memcpy(sol->x, h.x, mn * sizeof(double));
        sol->objective = h.best;
    } else {
        sol->objective = (double)NAN;
    }
    if (isfinite(sol->lagrange_bound) && !(sol->bound >= sol->lagrange_bound))
        sol->bound = sol->lagrange_bound;
    if (res.status == JK__MILP_OPTIMAL) {
        sol->status = JK_NET_OPTIMAL;
        sol->bound = sol->objective;
        sol->gap = 0;
    } else if (isfinite(sol->objective)) {
        sol->status = JK_NET_FEASIBLE;
        sol->gap = (sol->objective - sol->bound) / fabs(sol->objective);
    } else {
        sol->status = JK_NET_NO_SOLUTION;
        sol->gap = (double)NAN;
    }
    sol->seconds = jk__net_now() - t0;
    *out = sol;
    sol = NULL;
done:
    jk_free(start);
    jk_free(res.x);
    jk__milp_release(&lp);
    jk_free(fix);
    jk_free(h.open);
    jk_free(h.try_open);
    jk_free(h.x);
    jk_free(h.tx);
    jk_free(h.room);
    jk_free(h.ord);
    jk_free(h.ford);
    jk_free(h.key);
    jk_free(h.seen);
    jk_net_solution_free(sol);
    return rc;
}
