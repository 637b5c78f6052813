/*
 * Balance check and plausibility report of an MFA system.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mfa/mfa_int.h"

/* Per process: known inflow and outflow sums, counts, unknown touch. */
typedef struct proc_sum {
    double in, out;
    size_t nin, nout;
    bool unknown;
} proc_sum;

/* One pass over the flows (O(flows), not O(processes x flows)). */
static proc_sum *sums(const jk_mfa_system *sys)
{
    proc_sum *ps = jk_calloc(sys->nprocs + 1, sizeof(*ps));
    size_t j;
    if (!ps)
        return NULL;
    for (j = 0; j < sys->nflows; j++) {
        const jk_mfa_flow *f = &sys->flows[j];
        long to = mfa_is_ext(f->to) ? -1 : mfa_index_get(&sys->proc_ix, f->to);
        long from =
            mfa_is_ext(f->from) ? -1 : mfa_index_get(&sys->proc_ix, f->from);
        bool unknown = f->status == JK_MFA_UNKNOWN;
        if (to >= 0) {
            ps[to].nin++;
            if (unknown)
                ps[to].unknown = true;
            else
                ps[to].in += f->value;
        }
        if (from >= 0) {
            ps[from].nout++;
            if (unknown)
                ps[from].unknown = true;
            else
                ps[from].out += f->value;
        }
    }
    return ps;
}

int jk_mfa_balances(const jk_mfa_system *sys, double rel_tol,
                    jk_mfa_balance_cb cb, void *ctx, size_t *n_bad, jk_err *err)
{
    proc_sum *ps = sums(sys);
    size_t i, j;
    int rc = JK_OK;

    *n_bad = 0;
    if (!ps)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; rc == JK_OK && i < sys->nprocs; i++) {
        const jk_mfa_process *p = &sys->procs[i];
        jk_mfa_balance b;
        double big;

        memset(&b, 0, sizeof(b));
        b.process = p->id;
        b.in = ps[i].in;
        b.out = ps[i].out;
        b.complete = !ps[i].unknown;
        if (p->stock) {
            bool found = false;
            for (j = 0; j < sys->nstocks; j++) {
                const jk_mfa_stock *s = &sys->stocks[j];
                if (strcmp(s->process, p->id) != 0)
                    continue;
                found = true;
                if (s->status == JK_MFA_UNKNOWN)
                    b.complete = false;
                else
                    b.stock = s->value;
            }
            if (!found)
                b.complete = false;
        }
        b.residual = b.in - b.out - b.stock;
        /* A depleting stock supplies, a growing one takes. */
        big = fmax(b.in + fmax(-b.stock, 0), b.out + fmax(b.stock, 0));
        b.rel = big > 0 ? fabs(b.residual) / big : 0;
        b.ok = !b.complete || b.rel <= rel_tol;
        if (!b.ok)
            (*n_bad)++;
        if (cb)
            rc = cb(ctx, &b);
    }
    jk_free(ps);
    return rc;
}

typedef struct issue_ctx {
    jk_mfa_issue_cb cb;
    void *ctx;
    size_t *n_errors;
    int rc;
} issue_ctx;

static void report(issue_ctx *ic, jk_mfa_severity sev, const char *subject,
                   const char *fmt, ...) JK_PRINTF(4, 5);

static void report(issue_ctx *ic, jk_mfa_severity sev, const char *subject,
                   const char *fmt, ...)
{
    char msg[512];
    jk_mfa_issue is;
    va_list ap;

    if (sev == JK_MFA_ERROR)
        (*ic->n_errors)++;
    if (!ic->cb || ic->rc)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    is.severity = sev;
    is.subject = subject;
    is.msg = msg;
    ic->rc = ic->cb(ic->ctx, &is);
}

int jk_mfa_plausibility(const jk_mfa_system *sys, jk_mfa_issue_cb cb, void *ctx,
                        size_t *n_errors, jk_err *err)
{
    issue_ctx ic = {cb, ctx, n_errors, JK_OK};
    proc_sum *ps;
    double *tcsum;
    size_t i, j;

    *n_errors = 0;
    if (sys->nflows == 0)
        report(&ic, JK_MFA_ERROR, sys->info.name, "the system has no flows");
    ps = sums(sys);
    if (!ps)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    tcsum = jk_calloc(sys->nprocs + 1, sizeof(*tcsum));
    if (!tcsum) {
        jk_free(ps);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    for (j = 0; j < sys->ntcs; j++)
        tcsum[mfa_index_get(&sys->proc_ix, sys->tcs[j].process)] +=
            sys->tcs[j].tc;
    for (i = 0; i < sys->nprocs; i++) {
        const jk_mfa_process *p = &sys->procs[i];
        size_t nin = ps[i].nin, nout = ps[i].nout;
        if (nin == 0 && nout == 0)
            report(&ic, JK_MFA_WARNING, p->id,
                   "process %s has no flow (dangling)", p->id);
        else if (nout == 0 && !p->stock)
            report(&ic, JK_MFA_WARNING, p->id,
                   "process %s has inputs but no output and no stock: its "
                   "balance forces the inputs to zero",
                   p->id);
        else if (nin == 0 && !p->stock)
            report(&ic, JK_MFA_WARNING, p->id,
                   "process %s has outputs but no input and no stock: its "
                   "balance forces the outputs to zero",
                   p->id);
        if (tcsum[i] > 1 + 1e-9)
            report(&ic, JK_MFA_ERROR, p->id,
                   "the transfer coefficients of process %s add up to %.4g, "
                   "more than 1",
                   p->id, tcsum[i]);
    }
    jk_free(ps);
    jk_free(tcsum);
    for (j = 0; j < sys->nflows; j++) {
        const jk_mfa_flow *f = &sys->flows[j];
        if ((f->status == JK_MFA_MEASURED || f->status == JK_MFA_ESTIMATED) &&
            f->sd > f->value && f->value > 0)
            report(&ic, JK_MFA_WARNING, f->id,
                   "flow %s: the standard deviation (%g t) exceeds the value "
                   "(%g t); the reconciled value may turn negative",
                   f->id, f->sd, f->value);
    }
    return ic.rc;
}
