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

/* ------------------------------------------------------------------ */
/* The hub model                                                       */
/* ------------------------------------------------------------------ */

/**
 * A hub network model, read from a directory of CSV files (each with a
 * header row; see docs/internals/network.md and README.md):
 *
 *   materials.csv  code,name_ja,name_en
 *   sites.csv      id,kind,name_ja,name_en,lon,lat,country,modes
 *                  (kind source|hub|destination; modes "truck;rail;ship",
 *                  empty = every mode; country ISO 3166, empty = JP)
 *   hubs.csv       hub,fixed_cost,must            (must: open|closed|"")
 *   hub_sizes.csv  hub,size,capacity_t,cost       (one row per option)
 *   handling.csv   hub,material,cost_per_t        (optional)
 *   supply.csv     source,material,period,tonnes
 *   demand.csv     destination,material,period,tonnes
 *   modes.csv      mode,cost_per_tkm,co2_kg_per_tkm,detour
 *   distances.csv  from,to,mode,km                (optional, symmetric;
 *                  overrides great-circle x detour)
 *   params.csv     key,value                      (optional; the keys of
 *                  jk_net_model_set)
 *
 * Every supplied tonne is collected through one hub; destinations take
 * at most their demand; hub throughput per period is at most the chosen
 * size's capacity. Costs of hubs are per period. Errors name the file,
 * line and field: "hubs.csv:4" with "capacity_t: must not be negative,
 * got -5".
 */
typedef struct jk_net_model jk_net_model;

JK_API int jk_net_model_load(const char *dir, jk_net_model **out, jk_err *err);
JK_API void jk_net_model_free(jk_net_model *m);

/**
 * Set a parameter or apply a scenario change (also the keys of
 * params.csv and scenarios.csv):
 *   carbon_price   money per t CO2 in the objective (default 0)
 *   max_hubs       at most this many open hubs (default: no limit)
 *   budget         hub costs per period at most this (default: none)
 *   co2_cap_t      total CO2 at most this, in t (default: none)
 *   single_source  1: every source ships to one hub only (default 0)
 *   demand_growth  multiply every demand by this factor
 *   supply_growth  multiply every supply by this factor
 *   close_hub      hub id that must stay closed
 *   open_hub       hub id that must be open
 *   free_hub       hub id free to open or not (e.g. a new port)
 *   export_ban     material code that may not go to a destination
 *                  outside Japan
 * JK_EINVAL with a message for unknown keys, hubs, materials or bad
 * numbers.
 */
JK_API int jk_net_model_set(jk_net_model *m, const char *key, const char *value,
                            jk_err *err);

/** One flow of a plan (a leg source -> hub or hub -> destination). */
typedef struct jk_net_flow {
    const char *from, *to; /* site ids */
    const char *material;  /* material code */
    const char *period;    /* period as written in the input */
    const char *mode;      /* mode id */
    double tonnes;
    double km;    /* leg length by this mode */
    double cost;  /* transport + handling at the hub (inbound legs) */
    double co2_t; /* t CO2 */
} jk_net_flow;

typedef struct jk_net_hub_plan {
    const char *id;
    bool open;
    const char *size;  /* chosen option, "" when closed */
    double capacity;   /* t per period, 0 when closed */
    double throughput; /* t in the busiest period */
    double cost;       /* fixed + size cost, per period */
} jk_net_hub_plan;

typedef struct jk_net_plan {
    jk_net_status status;
    double objective, bound, gap; /* cost + CO2 x carbon price */
    double cost_hubs;             /* fixed and size costs over all periods */
    double cost_transport;        /* over all legs */
    double cost_handling;
    double cost_total;      /* the three above */
    double co2_t;           /* t CO2 of transport */
    double tonnes_domestic; /* delivered to destinations in Japan */
    double tonnes_abroad;   /* delivered to destinations abroad */
    int hubs_open;
    double seconds;
    size_t nflows;
    jk_net_flow *flows;
    size_t nhubs;
    jk_net_hub_plan *hubs;
} jk_net_plan;

/**
 * Solve the model (opts: single_source there is ORed with the model's;
 * time_limit and solver are honoured). An infeasible model is
 * JK_ECONSTRAINT with "infeasible: GROUP: ..." naming the constraint
 * group whose relaxation alone makes it feasible (supply, demand,
 * capacity, max-hubs, budget, co2-cap, must-open, must-close,
 * single-source, export-ban).
 */
JK_API int jk_net_model_solve(const jk_net_model *m, const jk_net_opts *o,
                              jk_net_plan **out, jk_err *err);
JK_API void jk_net_plan_free(jk_net_plan *p);

/** The plan as JSON (summary, hubs, flows). */
JK_API int jk_net_plan_write_json(const jk_net_plan *p, FILE *out, jk_err *err);
/**
 * A map-like SVG drawing: sites at their longitude/latitude
 * (equirectangular, scaled by cos of the mean latitude), open hubs as
 * squares, flows as lines whose width grows with tonnes; labels in
 * lang "ja" or "en".
 */
JK_API int jk_net_plan_write_svg(const jk_net_model *m, const jk_net_plan *p,
                                 const char *lang, FILE *out, jk_err *err);

/** A point of the cost-CO2 trade-off. */
typedef struct jk_net_point {
    double weight;  /* carbon price used (weighted sums), or NAN */
    double co2_cap; /* CO2 cap used (epsilon-constraint), or NAN */
    double cost;    /* cost_total */
    double co2_t;
    char hubs[256]; /* open hubs, ";"-separated */
} jk_net_point;

typedef enum jk_net_frontier_method {
    JK_NET_WEIGHTED = 1, /* carbon price 0, then doubling from price_max/2^k */
    JK_NET_EPSILON = 2   /* min cost subject to CO2 <= eps, eps evenly
                            spaced from the min-cost plan's CO2 down to
                            the least CO2 */
} jk_net_frontier_method;

/**
 * The cost-CO2 trade-off in npoints points (2..50). price_max bounds the
 * carbon prices tried by weighted sums (<= 0: 100,000 per t). *out is an
 * array of *n points (jk_free); infeasible points are skipped.
 */
JK_API int jk_net_model_frontier(const jk_net_model *m, const jk_net_opts *o,
                                 jk_net_frontier_method method, int npoints,
                                 double price_max, jk_net_point **out,
                                 size_t *n, jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
