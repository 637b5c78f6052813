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
 *
 * With equal capacities and splitting allowed (OR-Library cap and
 * capa/capb/capc) the search then goes on without an LP: a depth-first
 * branch-and-bound on the y_i with the same Lagrangian bound at every
 * node (bb_search, below). Otherwise CBC solves the strong formulation
 * from the best solution, with the fixings.
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

/* qsort has no context argument; one per thread, so that solves in
 * different threads do not share it */
static _Thread_local const double *g_key;

static int by_key(const void *a, const void *b)
{
    double ka = g_key[*(const int *)a], kb = g_key[*(const int *)b];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/* The facilities' knapsacks at u: v_i = f_i + the knapsack's value and
 * its solution xs (facilities closed by fix, when given, are skipped:
 * v_i = +inf, no shares). Returns sum_j u_j. */
static double lag_knap(lag *L, const signed char *fix)
{
    const jk_net_cflp *p = L->p;
    int m = L->m, n = L->n, i, j, k, kk;

    for (i = 0; i < m; i++) {
        const double *c = p->cost + (size_t)i * n;
        double *x = L->xs + (size_t)i * n, room = p->cap[i], g = 0;
        if (fix && fix[i] < 0) {
            memset(x, 0, (size_t)n * sizeof(double));
            L->v[i] = HUGE_VAL;
            continue;
        }
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
    }
    return sum(L->u, n);
}

/* L(u); fills v, xs, y. l0 gets the bound without the aggregate row. */
static double lag_eval(lag *L, double *l0)
{
    const jk_net_cflp *p = L->p;
    int m = L->m, i, k, kk;
    double val = lag_knap(L, NULL), sneg = 0, capsel = 0;

    for (i = 0; i < m; i++) {
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
                    double tlim, jk_net_solution *sol, double *u_out,
                    jk_err *err)
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
    if (u_out)
        memcpy(u_out, bestu, (size_t)n * sizeof(double));
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

/* ---- Lagrangian branch-and-bound ----------------------------------------
 *
 * With equal capacities s and splitting allowed, the Lagrangian bound
 * with the facility choice solved exactly (at least kreq = ceil(D / s)
 * facilities) is as strong as the strong LP with the cardinality cut,
 * costs no LP, and stays exact when facilities are fixed open or
 * closed. So the search branches on y_i itself (Goertz & Klose 2012):
 * at each node subgradient steps from the parent's multipliers give
 * the bound, reduced-cost fixing (the rise of L(u) when y_i flips,
 * valid at any u) fixes what it can, the Lagrangian facility sets are
 * evaluated exactly (transportation problem by the min-cost flow) as
 * upper bounds, and a node whose bound reaches the best solution is
 * pruned. A node with every facility fixed is solved by one
 * transportation problem. Depth first; the branching facility is the
 * free one whose choice was most divided over the node's iterations.
 */

typedef struct bb {
    const jk_net_cflp *p;
    heur *h;
    lag L;
    int kreq;
    double *ybar;       /* m: how often y_i = 1 over a node's steps */
    double *sg;         /* n: subgradient */
    double *bestu;      /* n: the node's best multipliers */
    int depth, cap;     /* the stack of open nodes */
    signed char *sfix;  /* cap * m */
    double *su;         /* cap * n */
    double *slb;        /* cap */
    unsigned long *tab; /* hash set of evaluated facility sets */
    size_t tabsize, tabused;
    long nodes;
    double t_end;
    bool timeout;
    jk_err *err;
} bb;

#define BB_TOL 1e-9 /* relative: a node within this of the best is pruned */
/* Subgradient steps per node (at most), the first step size (Polyak
 * factor), its halving after BB_STALL steps without a better bound, and
 * how often the relaxation's facility set is costed exactly. Tuned on
 * capb 6000/7000 and capa 8000 (node counts fell from thousands with
 * 60 steps and a factor 0.1 to tens). */
enum { BB_STEPS = 300, BB_STALL = 10, BB_TRY_EVERY = 20, BB_LS_EVALS = 5000 };
#define BB_LAMBDA 2.0

/* The facility choice of L(u) under the fixings, equal capacities: every
 * facility fixed open, then free ones by v while fewer than kreq or v <
 * 0 (exact). Fills y and, for free facilities, flip (the rise of L(u)
 * when y_i is forced the other way). HUGE_VAL when fewer than kreq
 * facilities may open. */
static double bb_choose(bb *B, const signed char *fix, double su)
{
    lag *L = &B->L;
    int m = L->m, i, k = 0, kk, cnt = 0, nxt = -1;
    double val = su, last = 0;
    bool anyfree = false;
    for (i = 0; i < m; i++) {
        L->y[i] = 0;
        if (fix[i] > 0) {
            L->y[i] = 1;
            val += L->v[i];
            cnt++;
        } else if (fix[i] == 0) {
            L->key[i] = L->v[i];
            L->ford[k++] = i;
        }
    }
    g_key = L->key;
    qsort(L->ford, (size_t)k, sizeof(int), by_key);
    for (kk = 0; kk < k; kk++) {
        int ii = L->ford[kk];
        if (cnt < B->kreq || L->v[ii] < 0) {
            L->y[ii] = 1;
            val += L->v[ii];
            cnt++;
            last = L->v[ii];
            anyfree = true;
        } else {
            nxt = ii;
            break;
        }
    }
    if (cnt < B->kreq)
        return HUGE_VAL;
    for (kk = 0; kk < k; kk++) {
        int ii = L->ford[kk];
        if (L->y[ii] > 0.5)
            L->flip[ii] = cnt > B->kreq ? -L->v[ii]
                          : nxt >= 0    ? L->v[nxt] - L->v[ii]
                                        : HUGE_VAL;
        else
            L->flip[ii] =
                L->v[ii] - (cnt == B->kreq && anyfree && last > 0 ? last : 0);
    }
    return val;
}

/* The exact cost of opening the facilities with y_i = 1 (those serving
 * nobody closed): the best solution in h is updated. Each set once,
 * unless force (a leaf of the tree: never skipped on a hash match). */
static int bb_try(bb *B, const double *y, bool force)
{
    const jk_net_cflp *p = B->p;
    heur *h = B->h;
    int m = p->m, n = p->n, i, j, rc;
    double cost, capo = 0;
    unsigned long hv;
    size_t at;
    bool seen = false;

    for (i = 0; i < m; i++) {
        h->try_open[i] = y[i] > 0.5;
        h->room[i] = h->try_open[i] ? p->cap[i] : -1;
        if (h->try_open[i])
            capo += p->cap[i];
    }
    if (capo < B->L.D)
        return JK_OK;
    hv = set_hash(h->try_open, m);
    for (at = hv & (B->tabsize - 1); B->tab[at];
         at = (at + 1) & (B->tabsize - 1))
        if (B->tab[at] == hv)
            seen = true;
    if (seen && !force)
        return JK_OK;
    if (!seen && B->tabused < B->tabsize / 2) {
        B->tab[at] = hv ? hv : 1;
        B->tabused++;
    }
    rc = jk__net_allocate(h->s, m, n, h->room, p->demand, p->cost, h->tx, &cost,
                          B->err);
    if (rc == JK_ECONSTRAINT) {
        jk_err_clear(B->err);
        return JK_OK;
    }
    if (rc)
        return rc;
    for (i = 0; i < m; i++)
        if (h->try_open[i]) {
            double used = 0;
            for (j = 0; j < n; j++)
                used += h->tx[(size_t)i * n + j];
            if (used > 1e-12)
                cost += p->fixed[i];
            else
                h->try_open[i] = false;
        }
    if (cost < h->best) {
        h->best = cost;
        memcpy(h->open, h->try_open, (size_t)m * sizeof(bool));
        memcpy(h->x, h->tx, (size_t)m * (size_t)n * sizeof(double));
    }
    return JK_OK;
}

/* One node: at most maxit subgradient steps from the multipliers in L.u
 * under fix (which reduced-cost fixing tightens). *lb gets the node's
 * bound, HUGE_VAL when the node is done (pruned, infeasible, or solved);
 * B->bestu its best multipliers; *branch the facility to branch on. */
static int bb_node(bb *B, signed char *fix, int maxit, double lambda,
                   double *lb, int *branch)
{
    lag *L = &B->L;
    heur *h = B->h;
    int m = L->m, n = L->n, i, j, it, stall = 0, its = 0, rc, nfree = 0;
    double nb = -HUGE_VAL, bscore = HUGE_VAL;

    *branch = -1;
    *lb = HUGE_VAL;
    memset(B->ybar, 0, (size_t)m * sizeof(double));
    memcpy(B->bestu, L->u, (size_t)n * sizeof(double));
    for (it = 0; it < maxit; it++) {
        double su = lag_knap(L, fix), val = bb_choose(B, fix, su), ub, tol;
        double norm = 0;
        if (!isfinite(val))
            return JK_OK; /* too few facilities may open */
        ub = h->best;
        tol = BB_TOL * fabs(ub);
        if (val > nb) {
            nb = val;
            memcpy(B->bestu, L->u, (size_t)n * sizeof(double));
            stall = 0;
        } else if (++stall >= BB_STALL) {
            lambda /= 2;
            stall = 0;
        }
        if (nb >= ub - tol)
            return JK_OK;
        for (i = nfree = 0; i < m; i++)
            if (fix[i] == 0) {
                if (val + L->flip[i] >= ub - tol)
                    fix[i] = L->y[i] > 0.5 ? 1 : -1;
                else
                    nfree++;
            }
        if (nfree == 0) { /* every facility fixed: one transportation */
            for (i = 0; i < m; i++)
                L->y[i] = fix[i] > 0 ? 1 : 0;
            return bb_try(B, L->y, true);
        }
        for (i = 0; i < m; i++)
            B->ybar[i] += L->y[i];
        its++;
        if (it % BB_TRY_EVERY == 0 && (rc = bb_try(B, L->y, false)))
            return rc;
        for (j = 0; j < n; j++)
            B->sg[j] = 1;
        for (i = 0; i < m; i++)
            if (L->y[i] > 0.5) {
                const double *x = L->xs + (size_t)i * n;
                for (j = 0; j < n; j++)
                    B->sg[j] -= x[j];
            }
        for (j = 0; j < n; j++)
            norm += B->sg[j] * B->sg[j];
        if (norm < 1e-18) /* the relaxed solution serves every customer */
            return bb_try(B, L->y, true);
        if (B->t_end > 0 && jk__net_now() > B->t_end) {
            B->timeout = true;
            break;
        }
        if (lambda < 1e-6)
            break;
        {
            double target = isfinite(ub) ? ub : val + fabs(val) * 0.1 + 1;
            for (j = 0; j < n; j++)
                L->u[j] += lambda * (target - val) / norm * B->sg[j];
        }
    }
    *lb = nb;
    for (i = 0; i < m; i++)
        if (fix[i] == 0) {
            double sc;
            B->ybar[i] /= its > 0 ? its : 1;
            sc = fabs(B->ybar[i] - 0.5);
            if (sc < bscore) {
                bscore = sc;
                *branch = i;
            }
        }
    return JK_OK;
}

/* Local search on exact costs from the best solution: drop, add or swap
 * one facility (facilities fixed by reduced costs stay), each set costed
 * by the transportation problem (bb_try), restarting from every
 * improvement, until no move improves, t_end, or BB_LS_EVALS sets
 * costed (64-544 on capa/capb/capc, where reduced-cost fixing leaves
 * few facilities free; the cap is for instances with many facilities
 * and no time limit). */
static int bb_local(bb *B, const signed char *fix, double t_end)
{
    const jk_net_cflp *p = B->p;
    heur *h = B->h;
    int m = p->m, i, k, rc;
    double *y = B->ybar;
    bool better = isfinite(h->best);
    size_t used0 = B->tabused;

    while (better && B->tabused - used0 < BB_LS_EVALS) {
        double start = h->best;
        better = false;
        for (i = 0; i < m && !better; i++) {
            if (fix[i] != 0)
                continue;
            for (k = 0; k < m; k++)
                y[k] = h->open[k] ? 1 : 0;
            y[i] = 1 - y[i]; /* drop or add */
            if ((rc = bb_try(B, y, false)))
                return rc;
            if (h->best < start) {
                better = true;
                break;
            }
            if (y[i] > 0.5)
                continue;
            for (k = 0; k < m && !better; k++) { /* swap: close i, open k */
                if (h->open[k] || fix[k] != 0)
                    continue;
                y[k] = 1;
                if ((rc = bb_try(B, y, false)))
                    return rc;
                y[k] = 0;
                better = h->best < start;
            }
            if ((t_end > 0 && jk__net_now() > t_end) ||
                B->tabused - used0 >= BB_LS_EVALS)
                return JK_OK;
        }
    }
    return JK_OK;
}

static void bb_push(bb *B, const signed char *fix, const double *u, double lb)
{
    int m = B->L.m, n = B->L.n;
    memcpy(B->sfix + (size_t)B->depth * m, fix, (size_t)m);
    memcpy(B->su + (size_t)B->depth * n, u, (size_t)n * sizeof(double));
    B->slb[B->depth++] = lb;
}

/*
 * The search from the root (fixings fix and multipliers u from the
 * Lagrangian phase, bound rootlb). *bound gets the proven lower bound:
 * the best solution's cost when the tree is exhausted, else the least
 * bound of the open nodes at the time limit.
 */
static int bb_search(const jk_net_cflp *p, heur *h, const signed char *fix,
                     const double *u, double rootlb, double t_end,
                     double *bound, long *nodes, jk_err *err)
{
    bb B;
    int m = p->m, n = p->n, rc = JK_OK, i;
    signed char *cur = NULL;
    double lb = rootlb;

    memset(&B, 0, sizeof(B));
    B.p = p;
    B.h = h;
    B.err = err;
    B.t_end = t_end;
    B.L.p = p;
    B.L.m = m;
    B.L.n = n;
    B.L.D = sum(p->demand, n);
    B.kreq = (int)ceil(B.L.D / p->cap[0] - 1e-9);
    B.cap = 2 * m + 4;
    B.tabsize = 1 << 16;
    B.L.u = jk_malloc((size_t)n * sizeof(double));
    B.L.v = jk_malloc((size_t)m * sizeof(double));
    B.L.xs = jk_malloc((size_t)m * (size_t)n * sizeof(double));
    B.L.y = jk_malloc((size_t)m * sizeof(double));
    B.L.key = jk_malloc((size_t)(m > n ? m : n) * sizeof(double));
    B.L.ord = jk_malloc((size_t)n * sizeof(int));
    B.L.ford = jk_malloc((size_t)m * sizeof(int));
    B.L.flip = jk_malloc((size_t)m * sizeof(double));
    B.ybar = jk_malloc((size_t)m * sizeof(double));
    B.sg = jk_malloc((size_t)n * sizeof(double));
    B.bestu = jk_malloc((size_t)n * sizeof(double));
    B.sfix = jk_malloc((size_t)B.cap * (size_t)m);
    B.su = jk_malloc((size_t)B.cap * (size_t)n * sizeof(double));
    B.slb = jk_malloc((size_t)B.cap * sizeof(double));
    B.tab = jk_calloc(B.tabsize, sizeof(unsigned long));
    cur = jk_malloc((size_t)m);
    if (!B.L.u || !B.L.v || !B.L.xs || !B.L.y || !B.L.key || !B.L.ord ||
        !B.L.ford || !B.L.flip || !B.ybar || !B.sg || !B.bestu || !B.sfix ||
        !B.su || !B.slb || !B.tab || !cur) {
        rc = JK_ENOMEM;
        goto done;
    }
    if ((rc = bb_local(
             &B, fix,
             t_end > 0 ? jk__net_now() + (t_end - jk__net_now()) * 0.25 : 0)))
        goto done;
    bb_push(&B, fix, u, rootlb);
    while (B.depth > 0) {
        int br;
        double plb;
        if (t_end > 0 && jk__net_now() > t_end) {
            B.timeout = true;
            break;
        }
        B.depth--;
        plb = B.slb[B.depth];
        if (plb >= h->best - BB_TOL * fabs(h->best))
            continue;
        memcpy(cur, B.sfix + (size_t)B.depth * m, (size_t)m);
        memcpy(B.L.u, B.su + (size_t)B.depth * n, (size_t)n * sizeof(double));
        B.nodes++;
        rc = bb_node(&B, cur, BB_STEPS, BB_LAMBDA, &lb, &br);
        if (rc)
            goto done;
        if (B.timeout) {
            B.slb[B.depth++] = lb > plb ? lb : plb; /* still open */
            break;
        }
        if (!isfinite(lb) || br < 0)
            continue;
        /* the branch the relaxation leaned to is searched first */
        {
            signed char first = B.ybar[br] * 2 >= 1 ? 1 : -1;
            cur[br] = (signed char)-first;
            bb_push(&B, cur, B.bestu, lb);
            cur[br] = first;
            bb_push(&B, cur, B.bestu, lb);
        }
    }
    *bound = h->best;
    for (i = 0; i < B.depth; i++)
        if (B.slb[i] < *bound)
            *bound = B.slb[i];
done:
    *nodes = B.nodes;
    jk_free(B.L.u);
    jk_free(B.L.v);
    jk_free(B.L.xs);
    jk_free(B.L.y);
    jk_free(B.L.key);
    jk_free(B.L.ord);
    jk_free(B.L.ford);
    jk_free(B.L.flip);
    jk_free(B.ybar);
    jk_free(B.sg);
    jk_free(B.bestu);
    jk_free(B.sfix);
    jk_free(B.su);
    jk_free(B.slb);
    jk_free(B.tab);
    jk_free(cur);
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
    double *start = NULL, *rootu = NULL, t0 = jk__net_now();
    int m = p->m, n = p->n, i, j, rc;
    bool eqcap = m > 0 && p->cap[0] > 0;
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
    rootu = jk_calloc((size_t)n + 1, sizeof(double));
    for (i = 1; i < m; i++)
        if (p->cap[i] != p->cap[0])
            eqcap = false;
    if (!sol || !fix || !h.open || !h.try_open || !h.x || !h.tx || !h.room ||
        !h.ord || !h.key || !h.seen || !rootu) {
        rc = jk_err_set(err, JK_ENOMEM, p->name, "out of memory");
        goto done;
    }
    sol->m = m;
    sol->n = n;
    sol->lagrange_bound = sol->heuristic = (double)NAN;
    if (o->lagrange) {
        rc = lagrange(p, &h, fix, t0, o->time_limit, sol, rootu, err);
        if (rc)
            goto done;
        if (isfinite(h.best))
            sol->heuristic = h.best;
    }
    if (o->lagrange && !o->single_source && eqcap) {
        double bound = sol->lagrange_bound;
        rc = bb_search(p, &h, fix, rootu, sol->lagrange_bound,
                       o->time_limit > 0 ? t0 + o->time_limit : 0, &bound,
                       &sol->nodes, err);
        if (rc) {
            if (!err->msg[0])
                jk_err_set(err, rc, p->name, "%s", jk_strerror(rc));
            goto done;
        }
        if (!isfinite(h.best)) {
            sol->status = JK_NET_NO_SOLUTION;
            sol->objective = sol->gap = (double)NAN;
            sol->bound = bound;
        } else {
            sol->open = jk_calloc((size_t)m, sizeof(bool));
            sol->x = jk_calloc(mn, sizeof(double));
            if (!sol->open || !sol->x) {
                rc = jk_err_set(err, JK_ENOMEM, p->name, "out of memory");
                goto done;
            }
            memcpy(sol->open, h.open, (size_t)m * sizeof(bool));
            memcpy(sol->x, h.x, mn * sizeof(double));
            sol->objective = h.best;
            sol->bound = bound < h.best ? bound : h.best;
            sol->gap = (h.best - sol->bound) / fabs(h.best);
            sol->status = sol->gap <= BB_TOL ? JK_NET_OPTIMAL : JK_NET_FEASIBLE;
            if (sol->status == JK_NET_OPTIMAL) {
                sol->bound = sol->objective;
                sol->gap = 0;
            }
        }
        sol->seconds = jk__net_now() - t0;
        *out = sol;
        sol = NULL;
        goto done;
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
    jk_free(rootu);
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
