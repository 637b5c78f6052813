/*
 * The MILP model builder shared by the CFLP and the hub model, its CPLEX
 * LP writer, the back-end registry, and the allocation of demand to
 * fixed hubs.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include <junkan/mcf.h>

#include "network/net_int.h"

double jk__net_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void jk__milp_init(jk__milp *p)
{
    memset(p, 0, sizeof(*p));
}

void jk__milp_release(jk__milp *p)
{
    jk_free(p->lb);
    jk_free(p->ub);
    jk_free(p->obj);
    jk_free(p->is_int);
    jk_free(p->rlo);
    jk_free(p->rhi);
    jk_free(p->rgroup);
    jk_free(p->rstart);
    jk_free(p->idx);
    jk_free(p->val);
    jk__milp_init(p);
}

static bool grow(void **pp, int *cap, int need, size_t size)
{
    void *q;
    int nc;
    if (need <= *cap)
        return true;
    nc = *cap ? *cap * 2 : 64;
    while (nc < need)
        nc *= 2;
    q = jk_realloc(*pp, (size_t)nc * size);
    if (!q)
        return false;
    *pp = q;
    return true;
}

int jk__milp_col(jk__milp *p, double lb, double ub, double obj, bool integer)
{
    int c = p->ccols, n = p->ncols + 1;
    if (n > c) {
        int c1 = c, c2 = c, c3 = c, c4 = c;
        if (!grow((void **)&p->lb, &c1, n, sizeof(double)) ||
            !grow((void **)&p->ub, &c2, n, sizeof(double)) ||
            !grow((void **)&p->obj, &c3, n, sizeof(double)) ||
            !grow((void **)&p->is_int, &c4, n, 1))
            return -1;
        p->ccols = c4;
        /* all four grew to the same size from the same start */
    }
    p->lb[p->ncols] = lb;
    p->ub[p->ncols] = ub;
    p->obj[p->ncols] = obj;
    p->is_int[p->ncols] = integer ? 1 : 0;
    return p->ncols++;
}

int jk__milp_row(jk__milp *p, int group, double lo, double hi, int nz,
                 const int *idx, const double *val)
{
    int r = p->nrows + 1;
    if (r + 1 > p->crows) {
        int c1 = p->crows, c2 = p->crows, c3 = p->crows;
        int c4 = p->crows;
        if (!grow((void **)&p->rlo, &c1, r + 1, sizeof(double)) ||
            !grow((void **)&p->rhi, &c2, r + 1, sizeof(double)) ||
            !grow((void **)&p->rgroup, &c3, r + 1, sizeof(int)) ||
            !grow((void **)&p->rstart, &c4, r + 1, sizeof(size_t)))
            return JK_ENOMEM;
        p->crows = c4;
        if (p->nrows == 0)
            p->rstart[0] = 0;
    }
    if (p->nnz + (size_t)nz > p->cnnz) {
        size_t nc = p->cnnz ? p->cnnz * 2 : 1024;
        int *ni;
        double *nv;
        while (nc < p->nnz + (size_t)nz)
            nc *= 2;
        ni = jk_realloc(p->idx, nc * sizeof(int));
        if (!ni)
            return JK_ENOMEM;
        p->idx = ni;
        nv = jk_realloc(p->val, nc * sizeof(double));
        if (!nv)
            return JK_ENOMEM;
        p->val = nv;
        p->cnnz = nc;
    }
    memcpy(p->idx + p->nnz, idx, (size_t)nz * sizeof(int));
    memcpy(p->val + p->nnz, val, (size_t)nz * sizeof(double));
    p->nnz += (size_t)nz;
    p->rlo[p->nrows] = lo;
    p->rhi[p->nrows] = hi;
    p->rgroup[p->nrows] = group;
    p->nrows++;
    p->rstart[p->nrows] = p->nnz;
    return JK_OK;
}

static void lp_num(FILE *out, double v)
{
    fprintf(out, "%.17g", v);
}

static void lp_terms(FILE *out, const int *idx, const double *val, size_t n)
{
    size_t k, w = 0;
    for (k = 0; k < n; k++) {
        double v = val[k];
        if (v == 0.0)
            continue;
        if (w && w % 6 == 0)
            fputs("\n", out);
        fputs(v < 0 ? " - " : (w ? " + " : " "), out);
        lp_num(out, fabs(v));
        fprintf(out, " x%d", idx[k]);
        w++;
    }
    if (!w)
        fputs(" 0 x0", out);
}

int jk__milp_write_lp(const jk__milp *p, FILE *out)
{
    int i, j;
    bool any_int = false;
    fputs("\\ junkan network: strong CFLP formulation\nMinimize\n obj:", out);
    {
        int *ix = jk_malloc(((size_t)p->ncols + 1) * sizeof(int));
        if (!ix)
            return JK_ENOMEM;
        for (j = 0; j < p->ncols; j++)
            ix[j] = j;
        lp_terms(out, ix, p->obj, (size_t)p->ncols);
        jk_free(ix);
    }
    fputs("\nSubject To\n", out);
    for (i = 0; i < p->nrows; i++) {
        size_t s = p->rstart[i], e = p->rstart[i + 1];
        bool lo = isfinite(p->rlo[i]), hi = isfinite(p->rhi[i]);
        if (lo && hi && p->rlo[i] == p->rhi[i]) {
            fprintf(out, " r%d:", i);
            lp_terms(out, p->idx + s, p->val + s, e - s);
            fputs(" = ", out);
            lp_num(out, p->rhi[i]);
            fputc('\n', out);
            continue;
        }
        if (lo) {
            fprintf(out, " r%d%s:", i, hi ? "l" : "");
            lp_terms(out, p->idx + s, p->val + s, e - s);
            fputs(" >= ", out);
            lp_num(out, p->rlo[i]);
            fputc('\n', out);
        }
        if (hi) {
            fprintf(out, " r%d%s:", i, lo ? "u" : "");
            lp_terms(out, p->idx + s, p->val + s, e - s);
            fputs(" <= ", out);
            lp_num(out, p->rhi[i]);
            fputc('\n', out);
        }
    }
    fputs("Bounds\n", out);
    for (j = 0; j < p->ncols; j++) {
        if (p->is_int[j] && p->lb[j] == 0.0 && p->ub[j] == 1.0)
            continue; /* Binaries section */
        fputc(' ', out);
        lp_num(out, p->lb[j]);
        fprintf(out, " <= x%d <= ", j);
        if (isfinite(p->ub[j]))
            lp_num(out, p->ub[j]);
        else
            fputs("+inf", out);
        fputc('\n', out);
    }
    for (j = 0; j < p->ncols; j++)
        if (p->is_int[j] && p->lb[j] == 0.0 && p->ub[j] == 1.0) {
            if (!any_int)
                fputs("Binaries\n", out);
            any_int = true;
            fprintf(out, " x%d\n", j);
        }
    any_int = false;
    for (j = 0; j < p->ncols; j++)
        if (p->is_int[j] && !(p->lb[j] == 0.0 && p->ub[j] == 1.0)) {
            if (!any_int)
                fputs("Generals\n", out);
            any_int = true;
            fprintf(out, " x%d\n", j);
        }
    fputs("End\n", out);
    return ferror(out) ? JK_EIO : JK_OK;
}

const jk__milp_solver *jk__milp_solver_find(const char *name)
{
    if (!name || !*name || strcmp(name, jk__milp_cbc.name) == 0)
        return &jk__milp_cbc;
    return NULL;
}

/*
 * The allocation as a minimum-cost flow through the market's solver
 * (LEMON's network simplex, junkan/mcf.h): customers supply their
 * demand, open facilities take at most their capacity (JK_MCF_GEQ), an
 * arc j -> i costs c_ij / d_j per unit, scaled to integers. Used when the
 * demands and capacities are whole numbers (OR-Library, tonnes); the
 * cost is then recomputed in doubles from the shares. JK_EUNSUPPORTED
 * when the data does not fit, so that the caller falls back to the LP.
 */
static int allocate_mcf(int m, int n, const double *cap, const double *d,
                        const double *c, double *x, double *cost, jk_err *err)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    int32_t *arc = NULL, id;
    double maxunit = 0, totd = 0, scale;
    int i, j, rc = JK_OK;

    for (j = 0; j < n; j++) {
        if (d[j] < 0 || d[j] != floor(d[j]) || d[j] > 1e12)
            return JK_EUNSUPPORTED;
        totd += d[j];
    }
    for (i = 0; i < m; i++)
        if (cap[i] > 1e15)
            return JK_EUNSUPPORTED;
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++)
            if (d[j] > 0 && cap[i] > 0 &&
                fabs(c[(size_t)i * n + j] / d[j]) > maxunit)
                maxunit = fabs(c[(size_t)i * n + j] / d[j]);
    /* integer unit costs with about 6 significant digits below the
     * largest, and no overflow of cost x flow in int64 */
    scale = maxunit > 0 ? 1e6 / maxunit * 1e3 : 1;
    if (maxunit * scale * (totd + 1) > 4e18)
        scale = 4e18 / (maxunit * (totd + 1));
    if (!(scale > 0))
        return JK_EUNSUPPORTED;
    jk_mcf_problem_init(&p);
    memset(&r, 0, sizeof(r));
    arc = jk_malloc((size_t)m * (size_t)n * sizeof(*arc));
    if (!arc || jk_mcf_reserve(&p, m + n, m * n, err)) {
        jk_free(arc);
        jk_mcf_problem_free(&p);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    /* nodes 0..n-1 customers, n..n+m-1 facilities */
    for (j = 0; rc == JK_OK && j < n; j++)
        rc = jk_mcf_add_node(&p, (int64_t)d[j], &id, err);
    for (i = 0; rc == JK_OK && i < m; i++)
        rc = jk_mcf_add_node(&p, cap[i] > 0 ? -(int64_t)floor(cap[i]) : 0, &id,
                             err);
    for (i = 0; rc == JK_OK && i < m; i++)
        for (j = 0; rc == JK_OK && j < n; j++) {
            arc[(size_t)i * n + j] = -1;
            if (d[j] > 0 && cap[i] > 0)
                rc = jk_mcf_add_arc(
                    &p, j, n + i, 0, JK_MCF_INF,
                    (int64_t)llround(c[(size_t)i * n + j] / d[j] * scale),
                    &arc[(size_t)i * n + j], err);
        }
    if (rc == JK_OK)
        rc = jk_mcf_solve(&p, JK_MCF_GEQ, &r, err);
    if (rc == JK_OK && r.status != JK_MCF_OPTIMAL)
        rc = jk_err_set(err, JK_ECONSTRAINT, "",
                        "infeasible: capacity: the open hubs cannot hold the "
                        "demand");
    if (rc == JK_OK) {
        *cost = 0;
        for (j = 0; j < n; j++) {
            int best = -1;
            for (i = 0; i < m; i++)
                x[(size_t)i * n + j] = 0;
            if (d[j] == 0) { /* served at no load: the cheapest allowed */
                for (i = 0; i < m; i++)
                    if (cap[i] >= 0 &&
                        (best < 0 ||
                         c[(size_t)i * n + j] < c[(size_t)best * n + j]))
                        best = i;
                if (best >= 0) {
                    x[(size_t)best * n + j] = 1;
                    *cost += c[(size_t)best * n + j];
                }
                continue;
            }
            for (i = 0; i < m; i++) {
                int32_t a = arc[(size_t)i * n + j];
                if (a >= 0 && r.flow[a] > 0) {
                    x[(size_t)i * n + j] = (double)r.flow[a] / d[j];
                    *cost += c[(size_t)i * n + j] * x[(size_t)i * n + j];
                }
            }
        }
    }
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
    jk_free(arc);
    return rc;
}

/* JK_ECONSTRAINT when the open capacity (cap > 0) is below the total
 * demand, so that no allocation exists. */
static int capacity_short(int m, int n, const double *cap, const double *d,
                          jk_err *err)
{
    double tot_cap = 0, tot_d = 0;
    int i, j;
    for (i = 0; i < m; i++)
        if (cap[i] > 0)
            tot_cap += cap[i];
    for (j = 0; j < n; j++)
        tot_d += d[j];
    if (tot_cap < tot_d * (1 - 1e-12))
        return jk_err_set(err, JK_ECONSTRAINT, "",
                          "infeasible: capacity: demand %.10g exceeds the "
                          "open capacity %.10g",
                          tot_d, tot_cap);
    return JK_OK;
}

int jk__net_allocate_lp(const jk__milp_solver *s, int m, int n,
                        const double *cap, const double *d, const double *c,
                        double *x, double *cost, jk_err *err)
{
    jk__milp lp;
    jk__milp_params par;
    jk__milp_result res;
    int *col = NULL, *ix = NULL, i, j, k, rc = JK_OK;
    double *v = NULL;

    if ((rc = capacity_short(m, n, cap, d, err)))
        return rc;
    jk__milp_init(&lp);
    memset(&res, 0, sizeof(res));
    col = jk_malloc((size_t)m * (size_t)n * sizeof(int));
    ix = jk_malloc(((size_t)(m > n ? m : n) + 1) * sizeof(int));
    v = jk_malloc(((size_t)(m > n ? m : n) + 1) * sizeof(double));
    if (!col || !ix || !v) {
        rc = JK_ENOMEM;
        goto done;
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            int cj = -1;
            if (cap[i] >= 0 && (cap[i] > 0 || d[j] == 0)) {
                cj = jk__milp_col(&lp, 0, 1, c[(size_t)i * n + j], false);
                if (cj < 0) {
                    rc = JK_ENOMEM;
                    goto done;
                }
            }
            col[(size_t)i * n + j] = cj;
        }
    for (j = 0; j < n; j++) {
        for (i = k = 0; i < m; i++)
            if (col[(size_t)i * n + j] >= 0) {
                ix[k] = col[(size_t)i * n + j];
                v[k++] = 1;
            }
        if ((rc = jk__milp_row(&lp, 0, 1, 1, k, ix, v)) != JK_OK)
            goto done;
    }
    for (i = 0; i < m; i++) {
        if (cap[i] < 0)
            continue;
        for (j = k = 0; j < n; j++)
            if (col[(size_t)i * n + j] >= 0 && d[j] > 0) {
                ix[k] = col[(size_t)i * n + j];
                v[k++] = d[j];
            }
        if (k && (rc = jk__milp_row(&lp, 1, -HUGE_VAL, cap[i], k, ix, v)))
            goto done;
    }
    memset(&par, 0, sizeof(par));
    rc = s->solve(&lp, &par, &res, err);
    if (rc)
        goto done;
    if (res.status != JK__MILP_OPTIMAL) {
        rc = jk_err_set(err, JK_ECONSTRAINT, "",
                        "infeasible: capacity: the open hubs cannot hold the "
                        "demand");
        goto done;
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++) {
            int cj = col[(size_t)i * n + j];
            x[(size_t)i * n + j] = cj >= 0 ? res.x[cj] : 0.0;
        }
    *cost = res.obj;
done:
    jk_free(res.x);
    jk_free(col);
    jk_free(ix);
    jk_free(v);
    jk__milp_release(&lp);
    return rc;
}

int jk__net_allocate(const jk__milp_solver *s, int m, int n, const double *cap,
                     const double *d, const double *c, double *x, double *cost,
                     jk_err *err)
{
    int rc = capacity_short(m, n, cap, d, err);
    if (rc)
        return rc;
    rc = allocate_mcf(m, n, cap, d, c, x, cost, err);
    if (rc != JK_EUNSUPPORTED)
        return rc;
    return jk__net_allocate_lp(s, m, n, cap, d, c, x, cost, err);
}
