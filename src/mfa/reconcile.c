/*
 * Data reconciliation: build the linear constraints of a system (every
 * process balance, every transfer coefficient), sort the variables into
 * measured (x), unknown (y) and constant (z), and hand the problem to
 * the dense or the sparse solver. The mathematics is Cencic (2016) for
 * the linear case: the unknowns are projected out of the constraints,
 * the measurements are adjusted under the remaining (redundant)
 * constraints by weighted least squares, and the observable unknowns are
 * computed from the adjusted measurements.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mfa/reconcile_int.h"

/* Above this many measured variables AUTO picks the sparse solver. */
#define RC_DENSE_MAX 600

static const char *const class_names[] = {NULL,
                                          "redundant",
                                          "non-redundant",
                                          "observable",
                                          "cannot be determined",
                                          "constant"};

const char *jk_mfa_class_name(jk_mfa_class c)
{
    if ((int)c < 1 || (int)c > 5)
        return "?";
    return class_names[c];
}

void jk_mfa_opts_init(jk_mfa_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->method = JK_MFA_AUTO;
    o->alpha = 0.05;
}

/* ---- chi-square quantile (regularised incomplete gamma, bisection) ---- */

/* P(a, x), the regularised lower incomplete gamma function. */
static double gamma_p(double a, double x)
{
    double gln = lgamma(a), sum, del, ap, b, c, d, h, an;
    int i;

    if (x <= 0)
        return 0;
    if (x < a + 1) { /* series */
        ap = a;
        sum = del = 1.0 / a;
        for (i = 0; i < 1000; i++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (fabs(del) < fabs(sum) * 1e-15)
                break;
        }
        return sum * exp(-x + a * log(x) - gln);
    }
    /* continued fraction for Q(a, x) (Lentz) */
    b = x + 1 - a;
    c = 1.0 / 1e-300;
    d = 1.0 / b;
    h = d;
    for (i = 1; i < 1000; i++) {
        an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (fabs(d) < 1e-300)
            d = 1e-300;
        c = b + an / c;
        if (fabs(c) < 1e-300)
            c = 1e-300;
        d = 1.0 / d;
        del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-15)
            break;
    }
    return 1.0 - exp(-x + a * log(x) - gln) * h;
}

double rc_chi2_quantile(double p, int dof)
{
    double lo = 0, hi = dof + 10.0 * sqrt(2.0 * dof) + 100.0, mid = 0;
    int i;
    if (dof <= 0)
        return 0;
    for (i = 0; i < 200; i++) {
        mid = 0.5 * (lo + hi);
        if (gamma_p(0.5 * dof, 0.5 * mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return mid;
}

/* ---- building the problem ---- */

static void problem_free(rc_problem *p)
{
    size_t i;
    for (i = 0; p->vars && i < p->nvars; i++)
        if (p->vars[i].id && strncmp(p->vars[i].id, "stock:", 6) == 0)
            jk_free((void *)p->vars[i].id);
    for (i = 0; p->rowname && i < p->nrows; i++)
        jk_free((void *)p->rowname[i]);
    jk_free(p->vars);
    jk_free(p->xvar);
    jk_free(p->yvar);
    jk_free((void *)p->rowname);
    jk_free(p->e);
    jk_free(p->c);
}

static int add_entry(rc_problem *p, size_t *cap, size_t row, size_t var,
                     double a)
{
    if (p->ne == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        rc_entry *e = jk_realloc(p->e, nc * sizeof(*e));
        if (!e)
            return JK_ENOMEM;
        p->e = e;
        *cap = nc;
    }
    p->e[p->ne].row = row;
    p->e[p->ne].var = var;
    p->e[p->ne].a = a;
    p->ne++;
    return JK_OK;
}

static char *fmt_dup(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = jk_malloc(n);
    if (s)
        jk_snprintf(s, n, "%s%s", a, b);
    return s;
}

static int build(const jk_mfa_system *sys, rc_problem *p)
{
    size_t nf = sys->nflows, i, j, cap = 0, nstockvars = 0;
    long *stockvar; /* per process: variable index of its stock, or -1 */
    int rc = JK_ENOMEM;

    memset(p, 0, sizeof(*p));
    stockvar = jk_malloc((sys->nprocs + 1) * sizeof(*stockvar));
    if (!stockvar)
        return JK_ENOMEM;
    for (i = 0; i < sys->nprocs; i++) {
        stockvar[i] = -1;
        if (sys->procs[i].stock)
            nstockvars++;
    }
    p->nvars = nf + nstockvars;
    p->vars = jk_calloc(p->nvars + 1, sizeof(*p->vars));
    p->nrows = sys->nprocs + sys->ntcs;
    p->rowname = jk_calloc(p->nrows + 1, sizeof(*p->rowname));
    p->c = jk_calloc(p->nrows + 1, sizeof(*p->c));
    if (!p->vars || !p->rowname || !p->c)
        goto out;
    for (i = 0; i < nf; i++) {
        const jk_mfa_flow *f = &sys->flows[i];
        p->vars[i].id = f->id;
        p->vars[i].status = f->status;
        p->vars[i].value = f->value;
        p->vars[i].sd = f->sd;
    }
    /* Stock changes: given ones, and an unknown for each stock process
     * without a record. */
    for (i = 0, j = nf; i < sys->nprocs; i++) {
        size_t s;
        if (!sys->procs[i].stock)
            continue;
        p->vars[j].id = fmt_dup("stock:", sys->procs[i].id);
        if (!p->vars[j].id)
            goto out;
        p->vars[j].status = JK_MFA_UNKNOWN;
        p->vars[j].value = p->vars[j].sd = (double)NAN;
        for (s = 0; s < sys->nstocks; s++) {
            if (strcmp(sys->stocks[s].process, sys->procs[i].id) == 0) {
                p->vars[j].status = sys->stocks[s].status;
                p->vars[j].value = sys->stocks[s].value;
                p->vars[j].sd = sys->stocks[s].sd;
            }
        }
        stockvar[i] = (long)j++;
    }
    for (i = 0; i < sys->nprocs; i++) {
        p->rowname[i] = fmt_dup("balance of process ", sys->procs[i].id);
        if (!p->rowname[i])
            goto out;
    }
    for (i = 0; i < sys->ntcs; i++) {
        p->rowname[sys->nprocs + i] =
            fmt_dup("transfer coefficient of flow ", sys->tcs[i].flow);
        if (!p->rowname[sys->nprocs + i])
            goto out;
    }
    /* Balances: inputs - outputs - stock change = 0. */
    for (i = 0; i < nf; i++) {
        const jk_mfa_flow *f = &sys->flows[i];
        long from =
            mfa_is_ext(f->from) ? -1 : mfa_index_get(&sys->proc_ix, f->from);
        long to = mfa_is_ext(f->to) ? -1 : mfa_index_get(&sys->proc_ix, f->to);
        if (to >= 0 && add_entry(p, &cap, (size_t)to, i, 1.0))
            goto out;
        if (from >= 0 && add_entry(p, &cap, (size_t)from, i, -1.0))
            goto out;
    }
    for (i = 0; i < sys->nprocs; i++)
        if (stockvar[i] >= 0 &&
            add_entry(p, &cap, i, (size_t)stockvar[i], -1.0))
            goto out;
    /* Transfer coefficients: flow - tc * (inputs of the process) = 0. */
    for (j = 0; j < sys->ntcs; j++) {
        const jk_mfa_tc *t = &sys->tcs[j];
        size_t row = sys->nprocs + j;
        if (add_entry(p, &cap, row,
                      (size_t)mfa_index_get(&sys->flow_ix, t->flow), 1.0))
            goto out;
        for (i = 0; i < nf; i++)
            if (strcmp(sys->flows[i].to, t->process) == 0 &&
                add_entry(p, &cap, row, i, -t->tc))
                goto out;
    }
    /* Sort the variables into x, y, z; fold constants into c. */
    p->xvar = jk_malloc((p->nvars + 1) * sizeof(*p->xvar));
    p->yvar = jk_malloc((p->nvars + 1) * sizeof(*p->yvar));
    if (!p->xvar || !p->yvar)
        goto out;
    for (i = 0; i < p->nvars; i++) {
        rc_var *v = &p->vars[i];
        if (v->status == JK_MFA_MEASURED || v->status == JK_MFA_ESTIMATED) {
            v->col = (long)p->nx;
            p->xvar[p->nx++] = i;
        } else if (v->status == JK_MFA_UNKNOWN) {
            v->col = (long)p->ny;
            p->yvar[p->ny++] = i;
        } else {
            v->col = -1;
        }
    }
    for (i = 0; i < p->ne; i++)
        if (p->vars[p->e[i].var].status == JK_MFA_CONSTANT)
            p->c[p->e[i].row] += p->e[i].a * p->vars[p->e[i].var].value;
    rc = JK_OK;
out:
    jk_free(stockvar);
    return rc;
}

static int result_init(jk_mfa_result *r, const rc_problem *p, double alpha)
{
    size_t i;
    memset(r, 0, sizeof(*r));
    r->n = p->nvars;
    r->alpha = alpha;
    r->est = jk_calloc(p->nvars + 1, sizeof(*r->est));
    r->ids = jk_calloc(p->nvars + 1, sizeof(*r->ids));
    if (!r->est || !r->ids)
        return JK_ENOMEM;
    for (i = 0; i < p->nvars; i++) {
        const rc_var *v = &p->vars[i];
        jk_mfa_estimate *e = &r->est[i];
        r->ids[i] = jk_strdup(v->id);
        if (!r->ids[i])
            return JK_ENOMEM;
        e->id = r->ids[i];
        e->measured = v->status == JK_MFA_UNKNOWN ? (double)NAN : v->value;
        e->measured_sd = v->status == JK_MFA_UNKNOWN ? (double)NAN : v->sd;
        e->value = e->measured;
        e->sd = e->measured_sd;
        e->cls = v->status == JK_MFA_CONSTANT  ? JK_MFA_FIXED
                 : v->status == JK_MFA_UNKNOWN ? JK_MFA_UNOBSERVABLE
                                               : JK_MFA_NONREDUNDANT;
    }
    return JK_OK;
}

int jk_mfa_reconcile(const jk_mfa_system *sys, const jk_mfa_opts *o,
                     jk_mfa_result **out, jk_err *err)
{
    jk_mfa_opts defaults;
    jk_mfa_result *r;
    rc_problem p;
    size_t nerr = 0;
    int rc;

    *out = NULL;
    if (!o) {
        jk_mfa_opts_init(&defaults);
        o = &defaults;
    }
    if (!(o->alpha > 0 && o->alpha < 1))
        return jk_err_set(err, JK_EINVAL, NULL,
                          "the significance level lies between 0 and 1");
    rc = jk_mfa_plausibility(sys, NULL, NULL, &nerr, err);
    if (rc)
        return rc;
    if (nerr)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "the plausibility report has %zu error(s); see "
                          "`junkan mfa check`",
                          nerr);
    if (sys->nflows == 0)
        return jk_err_set(err, JK_EINVAL, NULL, "the system has no flows");
    r = jk_calloc(1, sizeof(*r));
    if (!r)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = build(sys, &p);
    if (rc == JK_OK)
        rc = result_init(r, &p, o->alpha);
    if (rc) {
        jk_err_set(err, rc, NULL, "out of memory");
    } else if (o->method == JK_MFA_SPARSE ||
               (o->method == JK_MFA_AUTO && !o->covariance &&
                (p.nx > RC_DENSE_MAX || p.ny > RC_DENSE_MAX ||
                 p.nrows > RC_DENSE_MAX))) {
        rc = rc_sparse(&p, o, r, err);
        /* Dependent redundant rows (a closed loop, say) defeat the
         * Cholesky factorisation; the dense SVD handles them. */
        if (rc == JK_EUNSUPPORTED && o->method == JK_MFA_AUTO) {
            jk_err_clear(err);
            rc = rc_dense(&p, o, r, err);
        }
    } else {
        rc = rc_dense(&p, o, r, err);
    }
    problem_free(&p);
    if (rc == JK_OK) {
        size_t i;
        double zc = 0;
        r->critical = rc_chi2_quantile(1.0 - o->alpha, r->dof);
        /* Per-measurement test: two-sided normal quantile. */
        {
            double lo = 0, hi = 10;
            int it;
            for (it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                if (0.5 * erfc(mid / sqrt(2.0)) > 0.5 * o->alpha)
                    lo = mid;
                else
                    hi = mid;
            }
            zc = 0.5 * (lo + hi);
        }
        for (i = 0; i < r->n; i++)
            r->est[i].suspect =
                r->est[i].cls == JK_MFA_REDUNDANT && r->est[i].z > zc;
        *out = r;
    } else {
        jk_mfa_result_free(r);
    }
    return rc;
}

void jk_mfa_result_free(jk_mfa_result *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; r->ids && i < r->n; i++)
        jk_free(r->ids[i]);
    jk_free(r->ids);
    jk_free(r->est);
    jk_free(r->cov);
    jk_free(r);
}

size_t jk_mfa_result_n(const jk_mfa_result *r)
{
    return r->n;
}

const jk_mfa_estimate *jk_mfa_result_at(const jk_mfa_result *r, size_t i)
{
    return i < r->n ? &r->est[i] : NULL;
}

double jk_mfa_result_chi2(const jk_mfa_result *r)
{
    return r->chi2;
}

int jk_mfa_result_dof(const jk_mfa_result *r)
{
    return r->dof;
}

double jk_mfa_result_chi2_critical(const jk_mfa_result *r)
{
    return r->critical;
}

bool jk_mfa_result_passed(const jk_mfa_result *r)
{
    return r->dof == 0 || r->chi2 <= r->critical;
}

const char *jk_mfa_result_method(const jk_mfa_result *r)
{
    return r->method;
}

int jk_mfa_result_cov(const jk_mfa_result *r, size_t i, size_t j, double *out)
{
    if (!r->cov || i >= r->n || j >= r->n)
        return JK_EUNSUPPORTED;
    *out = r->cov[i * r->n + j];
    return JK_OK;
}

jk_mfa_system *jk_mfa_apply(const jk_mfa_system *sys, const jk_mfa_result *r)
{
    jk_mfa_system *c;
    size_t i;
    jk_err err;

    if (r->n < sys->nflows)
        return NULL; /* not this system's result */
    c = jk_mfa_new();
    if (!c || jk_mfa_set_info(c, &sys->info, &err))
        goto fail;
    for (i = 0; i < sys->nprocs; i++)
        if (jk_mfa_add_process(c, &sys->procs[i], &err))
            goto fail;
    for (i = 0; i < sys->nflows; i++) {
        jk_mfa_flow f = sys->flows[i];
        const jk_mfa_estimate *e = &r->est[i];
        /* Adjusted or computed values replace the input; a value
         * reconciled below zero (a gross error somewhere) and anything
         * without a positive sd keep what was measured. */
        if (isfinite(e->value) && e->value >= 0 && e->sd > 0 &&
            (e->cls == JK_MFA_REDUNDANT || e->cls == JK_MFA_OBSERVABLE)) {
            f.value = e->value;
            f.sd = e->sd;
            f.status = JK_MFA_ESTIMATED;
        } else if (isfinite(e->value) && e->value >= 0 &&
                   e->cls == JK_MFA_OBSERVABLE) {
            f.value = e->value; /* determined exactly by constants */
            f.sd = 0;
            f.status = JK_MFA_CONSTANT;
        }
        if (jk_mfa_add_flow(c, &f, &err))
            goto fail;
    }
    for (i = 0; i < sys->nconcs; i++) {
        const mfa_conc *cc = &sys->concs[i];
        if (jk_mfa_add_concentration(c, sys->flows[cc->flow].id, cc->substance,
                                     cc->fraction, cc->sd, &err))
            goto fail;
    }
    for (i = 0; i < sys->nprocs; i++) {
        size_t k;
        char id[96];
        if (!sys->procs[i].stock)
            continue;
        jk_snprintf(id, sizeof(id), "stock:%s", sys->procs[i].id);
        for (k = sys->nflows; k < r->n; k++) {
            const jk_mfa_estimate *e = &r->est[k];
            jk_mfa_stock st;
            if (strcmp(e->id, id) != 0 || !isfinite(e->value))
                continue;
            st.process = sys->procs[i].id;
            st.value = e->value;
            st.sd = e->sd;
            st.status = e->sd > 0 ? JK_MFA_ESTIMATED : JK_MFA_CONSTANT;
            if (e->cls == JK_MFA_FIXED)
                st.status = JK_MFA_CONSTANT;
            if (jk_mfa_add_stock(c, &st, &err))
                goto fail;
        }
    }
    for (i = 0; i < sys->ntcs; i++)
        if (jk_mfa_add_tc(c, &sys->tcs[i], &err))
            goto fail;
    return c;
fail:
    jk_mfa_free(c);
    return NULL;
}
