/*
 * junkan network: where to open resource-circulation hubs, which
 * sources they serve, at what cost and CO2.
 *
 * Two layers. The capacitated facility location problem (CFLP) itself,
 * with loaders for the literature's benchmark formats (OR-Library cap*,
 * the single-source sets of Holmberg, Delmaire, Yang) and a solver: the
 * strong MILP formulation (x_ij <= y_i) solved by a MILP back end (COIN-OR
 * CBC), warm-started and bounded by a Lagrangian relaxation. On top, the
 * junkan hub model (jk_net_model): sources with supply per material,
 * candidate hubs with size options, destinations with demand, transport
 * modes with cost and CO2 per t-km; it is compiled to the same kind of
 * MILP with the objective cost + CO2 x carbon price.
 *
 * Thread safety: an instance, model or solution belongs to one thread at
 * a time; distinct objects may be used from different threads.
 */
#ifndef JUNKAN_NETWORK_H
#define JUNKAN_NETWORK_H

#include <stdio.h>

#include <junkan/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* CFLP instances                                                      */
/* ------------------------------------------------------------------ */

/**
 * A capacitated facility location instance: m facilities with capacity
 * cap[i] and fixed cost fixed[i]; n customers with demand demand[j];
 * cost[i * n + j] is the cost of serving ALL of customer j from i (the
 * OR-Library convention), so serving a share x_ij costs cost * x_ij.
 */
typedef struct jk_net_cflp {
    char name[64];  /* from the file name ("cap41") */
    int m;          /* facilities */
    int n;          /* customers */
    double *cap;    /* m capacities (same unit as demand) */
    double *fixed;  /* m fixed opening costs */
    double *demand; /* n demands */
    double *cost;   /* m * n, facility-major */
} jk_net_cflp;

/** File layouts of the benchmark sets (all whitespace-token based). */
typedef enum jk_net_format {
    JK_NET_FMT_AUTO = 0,    /* from the path: "delmaire" in it, else by
                               content (OR-Library cap has one line per
                               customer holding its demand and m costs) */
    JK_NET_FMT_ORLIB = 1,   /* m n; m x (cap fixed); n x (d c_1j .. c_mj) */
    JK_NET_FMT_SS = 2,      /* Holmberg, OR-SS, Yang: m n; m x (cap fixed);
                               d_1..d_n; m rows of n costs */
    JK_NET_FMT_DELMAIRE = 3 /* n m; n rows of m costs; d; f; cap */
} jk_net_format;

/** "orlib", "ss", "delmaire" (and "auto"); parse is the inverse. */
JK_API const char *jk_net_format_name(jk_net_format f);
JK_API int jk_net_format_parse(const char *s, jk_net_format *out);

/**
 * Read an instance. capacity replaces every capacity (required for the
 * OR-Library capa/capb/capc templates, whose capacity fields are the
 * word "capacity"; pass a value <= 0 otherwise). Errors are JK_EIO
 * (cannot read), JK_EPARSE ("path: token 17: expected a number, got
 * \"x\""), JK_ERANGE (negative or non-finite numbers, sizes beyond
 * 100,000 facilities or customers).
 */
JK_API int jk_net_cflp_read(const char *path, jk_net_format fmt,
                            double capacity, jk_net_cflp **out, jk_err *err);
/** The same over a buffer; name is used in messages and as the name. */
JK_API int jk_net_cflp_parse(const char *name, const char *data, size_t len,
                             jk_net_format fmt, double capacity,
                             jk_net_cflp **out, jk_err *err);
JK_API void jk_net_cflp_free(jk_net_cflp *p);

/* ------------------------------------------------------------------ */
/* Solving                                                             */
/* ------------------------------------------------------------------ */

typedef struct jk_net_opts {
    bool single_source; /* each customer served by exactly one facility */
    double time_limit;  /* seconds of wall time; <= 0: no limit */
    bool lagrange;      /* Lagrangian bound, variable fixing and a
                           heuristic warm start before the MILP (default) */
    int log_level;      /* solver log to stdout: 0 silent (default) */
    const char *solver; /* MILP back end: "cbc" (default, NULL) */
} jk_net_opts;

/** Defaults: splitting allowed, no time limit, Lagrangian on, silent. */
JK_API void jk_net_opts_init(jk_net_opts *o);

typedef enum jk_net_status {
    JK_NET_OPTIMAL = 1,    /* proven optimal (within 1e-9 relative) */
    JK_NET_FEASIBLE = 2,   /* stopped by the time limit with a solution;
                              gap says how far from proven */
    JK_NET_NO_SOLUTION = 3 /* stopped by the time limit without one */
} jk_net_status;

/** "optimal", "feasible", "no solution". */
JK_API const char *jk_net_status_name(jk_net_status s);

typedef struct jk_net_solution {
    jk_net_status status;
    int m, n;
    double objective; /* best solution's cost (NAN when none) */
    double bound;     /* proven lower bound */
    double gap;       /* (objective - bound) / |objective|, 0 when optimal */
    double lagrange_bound; /* Lagrangian bound (NAN when not run) */
    double heuristic;      /* warm start's cost (NAN when none) */
    int fixed_open;        /* facilities fixed open by reduced costs */
    int fixed_closed;      /* facilities fixed closed */
    double seconds;        /* wall time of the whole solve */
    long nodes;            /* branch-and-bound nodes */
    bool *open;            /* m: facility opened */
    double *x;             /* m * n: share of customer j served by i */
} jk_net_solution;

/**
 * Solve an instance. Infeasible instances are JK_ECONSTRAINT with a
 * message that begins "infeasible: " and names the binding constraint
 * group ("capacity: total demand 120 exceeds total capacity 100",
 * "single-source: customer 3 demands 80, more than any capacity (50)").
 * Other errors: JK_EINVAL (bad options), JK_ENOMEM, JK_EINTERNAL (the
 * back end failed).
 */
JK_API int jk_net_cflp_solve(const jk_net_cflp *p, const jk_net_opts *o,
                             jk_net_solution **out, jk_err *err);
JK_API void jk_net_solution_free(jk_net_solution *s);

/**
 * Write the plain strong formulation (no Lagrangian, no fixing) in CPLEX
 * LP format, as read by `cbc` and `glpsol --lp`: for baselines.
 */
JK_API int jk_net_cflp_write_lp(const jk_net_cflp *p, bool single_source,
                                FILE *out, jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
