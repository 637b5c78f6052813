/*
 * Internals of the network module: a small MILP model builder and the
 * interface a MILP back end implements (CBC in milp_cbc.c; another
 * solver is one more file with one more jk__milp_solver), and the
 * allocation of demand to fixed hubs.
 */
#ifndef JK_NET_INT_H
#define JK_NET_INT_H

#include <junkan/network.h>

/* A MILP in row form: min obj.x, rlo <= A x <= rhi, lb <= x <= ub. */
typedef struct jk__milp {
    int ncols, nrows;
    int ccols, crows;      /* allocated */
    double *lb, *ub, *obj; /* per column */
    unsigned char *is_int; /* per column */
    double *rlo, *rhi;     /* per row */
    int *rgroup;           /* per row: caller's constraint group */
    size_t *rstart;        /* nrows + 1 */
    int *idx;              /* nnz column indices */
    double *val;           /* nnz values */
    size_t nnz, cnnz;
    double obj_offset; /* constant added to the objective */
} jk__milp;

void jk__milp_init(jk__milp *p);
void jk__milp_release(jk__milp *p);
/* Add a column; returns its index or -1 on OOM. */
int jk__milp_col(jk__milp *p, double lb, double ub, double obj, bool integer);
/* Add a row sum val[k] x[idx[k]] in [lo, hi]; returns JK_OK/JK_ENOMEM. */
int jk__milp_row(jk__milp *p, int group, double lo, double hi, int nz,
                 const int *idx, const double *val);
/* CPLEX LP format. */
int jk__milp_write_lp(const jk__milp *p, FILE *out);

typedef enum {
    JK__MILP_OPTIMAL = 1,
    JK__MILP_FEASIBLE,   /* limit reached with a solution */
    JK__MILP_NOSOL,      /* limit reached without one */
    JK__MILP_INFEASIBLE, /* proven infeasible */
    JK__MILP_UNBOUNDED
} jk__milp_status;

typedef struct jk__milp_params {
    double time_limit;   /* seconds; <= 0 none */
    int log_level;       /* 0 silent */
    const double *start; /* ncols values of a feasible solution, or NULL */
    double rel_gap;      /* stop when the relative gap is below; 0 = 1e-9 */
} jk__milp_params;

typedef struct jk__milp_result {
    jk__milp_status status;
    double obj;   /* incl. obj_offset */
    double bound; /* incl. obj_offset */
    double *x;    /* ncols (jk_malloc), NULL without solution */
    long nodes;
} jk__milp_result;

typedef struct jk__milp_solver {
    const char *name;
    int (*solve)(const jk__milp *p, const jk__milp_params *par,
                 jk__milp_result *res, jk_err *err);
} jk__milp_solver;

extern const jk__milp_solver jk__milp_cbc;

/* The back end by name (NULL: the default); NULL when unknown. */
const jk__milp_solver *jk__milp_solver_find(const char *name);

/*
 * Allocation with the hubs fixed: m facilities with residual capacity
 * cap[i] (< 0 = closed), n customers with demand d[j], cost c[i*n+j]
 * per unit share. Finds x (m*n shares) minimising sum c x subject to
 * sum_i x_ij = 1 and sum_j d_j x_ij <= cap_i. This is a transportation
 * problem, i.e. a minimum-cost flow, solved by the market module's
 * min-cost-flow solver (LEMON's network simplex, junkan/mcf.h) when the
 * demands and capacities are whole numbers, else as an LP through the
 * MILP back end. *cost gets the allocation cost; JK_ECONSTRAINT when the
 * open capacity cannot hold the demand.
 */
int jk__net_allocate(const jk__milp_solver *s, int m, int n, const double *cap,
                     const double *d, const double *c, double *x, double *cost,
                     jk_err *err);
/* The same as an LP through the MILP back end (the fallback when the
 * data are not whole numbers; tests compare the two). */
int jk__net_allocate_lp(const jk__milp_solver *s, int m, int n,
                        const double *cap, const double *d, const double *c,
                        double *x, double *cost, jk_err *err);

/* Monotonic wall clock in seconds. */
double jk__net_now(void);

#endif
