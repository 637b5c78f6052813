/*
 * Reconciliation internals shared by the dense (LAPACKE) and sparse
 * (CHOLMOD) solvers: the variables, the constraint rows, the result.
 */
#ifndef JK_MFA_RECONCILE_INT_H
#define JK_MFA_RECONCILE_INT_H

#include "mfa/mfa_int.h"

/* A variable: a flow or a stock change. */
typedef struct rc_var {
    const char *id;       /* flow id, or "stock:PROCESS" */
    jk_mfa_status status; /* measured/estimated = x, unknown = y,
                             constant = z */
    double value;         /* measured or constant value */
    double sd;            /* measured sd */
    long col;             /* index among x (measured) or y (unknown) */
} rc_var;

/* One nonzero of the constraint matrix. */
typedef struct rc_entry {
    size_t row; /* constraint */
    size_t var; /* variable */
    double a;   /* coefficient */
} rc_entry;

typedef struct rc_problem {
    rc_var *vars; /* nvars */
    size_t nvars;
    size_t nx, ny;        /* measured, unknown counts */
    size_t *xvar;         /* nx: variable index of each measured column */
    size_t *yvar;         /* ny: variable index of each unknown column */
    size_t nrows;         /* constraints: balances, then tcs */
    const char **rowname; /* "balance of P" / "tc of F" */
    rc_entry *e;          /* nonzeros */
    size_t ne;
    double *c; /* nrows: constant part, sum of a * z */
} rc_problem;

struct jk_mfa_result {
    jk_mfa_estimate *est; /* nvars */
    size_t n;
    char **ids; /* owned id strings */
    double chi2;
    int dof;
    double critical;
    double alpha;
    const char *method; /* "dense" or "sparse" */
    double *cov;        /* n*n or NULL */
};

int rc_dense(const rc_problem *p, const jk_mfa_opts *o, jk_mfa_result *r,
             jk_err *err);
int rc_sparse(const rc_problem *p, const jk_mfa_opts *o, jk_mfa_result *r,
              jk_err *err);
/* Upper alpha quantile of the chi-square distribution with dof degrees. */
double rc_chi2_quantile(double p, int dof);

#endif
