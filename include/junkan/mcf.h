/*
 * junkan mcf: minimum-cost flow, the solver shared by the market
 * (matching) and the network (allocation to hubs) modules.
 *
 * A problem is a directed graph held as arrays: nodes 0..n_nodes-1 with
 * a supply each (positive: the node sends that much; negative: it
 * receives), arcs with a tail, a head, a lower bound, a capacity and an
 * integer cost per unit of flow. The solver is LEMON's NetworkSimplex
 * (src/market/mcf_lemon.cpp); all quantities are int64 so that flows in
 * grams and costs in yen per tonne (= micro-yen per gram) stay exact.
 *
 * Thread safety: distinct problems may be solved from different threads.
 */
#ifndef JUNKAN_MCF_H
#define JUNKAN_MCF_H

#include <junkan/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An unlimited capacity. */
#define JK_MCF_INF INT64_MAX

/** Outcome of a solve. */
typedef enum jk_mcf_status {
    JK_MCF_OPTIMAL = 1, /* an optimal flow was found */
    JK_MCF_INFEASIBLE,  /* no flow meets the supplies and bounds */
    JK_MCF_UNBOUNDED    /* a negative-cost cycle of unlimited capacity */
} jk_mcf_status;

/** "optimal", "infeasible", "unbounded" (or "?"). */
JK_API const char *jk_mcf_status_name(jk_mcf_status s);

/** How supplies bind (LEMON's SupplyType). */
typedef enum jk_mcf_supply {
    /* out - in == supply at every node; supplies must sum to 0 */
    JK_MCF_EQ = 0,
    /* out - in >= supply at every node (supplies sum to <= 0): every
     * supply is shipped, demands are upper limits on what arrives */
    JK_MCF_GEQ
} jk_mcf_supply;

/**
 * A problem, as arrays the caller may fill directly or through
 * jk_mcf_add_node()/jk_mcf_add_arc() (which grow them). lower may be
 * NULL (all zero) when no arc has a lower bound; the helpers keep it
 * NULL until a non-zero bound is added.
 */
typedef struct jk_mcf_problem {
    int32_t n_nodes;  /* nodes 0..n_nodes-1 */
    int64_t *supply;  /* [n_nodes] */
    int32_t n_arcs;   /* arcs 0..n_arcs-1 */
    int32_t *tail;    /* [n_arcs] */
    int32_t *head;    /* [n_arcs] */
    int64_t *lower;   /* [n_arcs] or NULL */
    int64_t *cap;     /* [n_arcs], JK_MCF_INF for unlimited */
    int64_t *cost;    /* [n_arcs] per unit of flow */
    int32_t node_cap; /* allocated node slots (helpers only) */
    int32_t arc_cap;  /* allocated arc slots (helpers only) */
} jk_mcf_problem;

/** An empty problem (no allocation). */
JK_API void jk_mcf_problem_init(jk_mcf_problem *p);
/** Free the arrays (allocated by the helpers or with jk_malloc). */
JK_API void jk_mcf_problem_free(jk_mcf_problem *p);
/** Reserve room for n more nodes and m more arcs; JK_ENOMEM. */
JK_API int jk_mcf_reserve(jk_mcf_problem *p, int32_t n, int32_t m, jk_err *err);
/** Add a node with its supply; its index in *id (may be NULL). */
JK_API int jk_mcf_add_node(jk_mcf_problem *p, int64_t supply, int32_t *id,
                           jk_err *err);
/**
 * Add an arc; its index in *id (may be NULL). Checks the endpoints
 * exist, 0 <= lower <= cap, and returns JK_EINVAL otherwise.
 */
JK_API int jk_mcf_add_arc(jk_mcf_problem *p, int32_t tail, int32_t head,
                          int64_t lower, int64_t cap, int64_t cost, int32_t *id,
                          jk_err *err);

/** The result of a solve; arrays owned by the result. */
typedef struct jk_mcf_result {
    jk_mcf_status status; /* optimal, infeasible or unbounded */
    int64_t *flow;        /* [n_arcs] when optimal, else NULL */
    int64_t *potential;   /* [n_nodes] dual values when optimal */
    int64_t cost;         /* sum of cost * flow when optimal */
    int32_t n_nodes;      /* sizes, copied from the problem */
    int32_t n_arcs;
} jk_mcf_result;

/** Free a result's arrays; NULL is a no-op. */
JK_API void jk_mcf_result_free(jk_mcf_result *r);

/**
 * Solve p with LEMON's NetworkSimplex (block-search pivot). On JK_OK,
 * r->status says whether the problem was optimal, infeasible or
 * unbounded; only an optimal result carries flows and potentials.
 * Potentials follow LEMON: the reduced cost of arc a is
 * cost[a] + potential[tail] - potential[head]; it is >= 0 on arcs below
 * capacity and <= 0 on arcs above their lower bound.
 * Returns JK_EINVAL (bad arc or node index, lower > cap, negative
 * capacity), JK_ERANGE (the objective overflows int64) or JK_ENOMEM.
 * The caller frees r with jk_mcf_result_free() in every case.
 */
JK_API int jk_mcf_solve(const jk_mcf_problem *p, jk_mcf_supply type,
                        jk_mcf_result *r, jk_err *err);

/** Reduced cost of arc a in an optimal result (see jk_mcf_solve). */
JK_API int64_t jk_mcf_reduced_cost(const jk_mcf_problem *p,
                                   const jk_mcf_result *r, int32_t a);

/**
 * Read a DIMACS "min" problem (c, p min N M, n ID SUPPLY,
 * a TAIL HEAD LOW CAP COST) from text of length len; nodes are 1-based
 * in the file and 0-based in p. name is used in error locations
 * ("name:LINE: field: message"). Returns JK_EPARSE with err set, or
 * JK_ENOMEM; on error p is left empty.
 */
JK_API int jk_mcf_read_dimacs(const char *text, size_t len, const char *name,
                              jk_mcf_problem *p, jk_err *err);

/** Write p in DIMACS "min" format (1-based nodes; unlimited capacities
 * written as 9223372036854775807). Returns JK_EIO on a write error. */
JK_API int jk_mcf_write_dimacs(const jk_mcf_problem *p, FILE *out,
                               jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
