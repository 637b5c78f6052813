/*
 * The minimum-cost-flow solver: LEMON's NetworkSimplex behind the C
 * function jk_mcf_solve() declared in include/junkan/mcf.h. This is the
 * only C++ file of the library; nothing C++ crosses the boundary (every
 * exception is caught here and becomes a status code).
 *
 * LEMON (Boost licence) is header-only for NetworkSimplex on a
 * SmartDigraph; the graph is built in one pass (reserve, then add), so
 * the cost of the shim over calling LEMON directly is the copy of the
 * arrays into LEMON's maps and of the flows back.
 */
/* GCC 12 at -O2 reports a false "may be used uninitialized" inside
 * LEMON's SmartDigraph::addNode/addArc (a value-initialised struct pushed
 * into a std::vector); the warning is about LEMON's headers, not ours. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <cstdint>
#include <limits>
#include <new>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <junkan/mcf.h>

namespace
{

typedef lemon::SmartDigraph Graph;
typedef lemon::NetworkSimplex<Graph, int64_t, int64_t> Simplex;

/* Check the arrays before LEMON sees them: it asserts nothing. */
int check_problem(const jk_mcf_problem *p, jk_err *err)
{
    if (p->n_nodes < 0 || p->n_arcs < 0)
        return jk_err_set(err, JK_EINVAL, "mcf", "negative size");
    if ((p->n_nodes > 0 && !p->supply) ||
        (p->n_arcs > 0 && (!p->tail || !p->head || !p->cap || !p->cost)))
        return jk_err_set(err, JK_EINVAL, "mcf", "missing array");
    /* LEMON's integer arithmetic stays exact while every potential
     * (a sum of costs along a path, plus an artificial cost of about
     * 2^62) and every node balance fits in 63 bits: bound |cost| times
     * the node count by 2^60, and the supplies and lower bounds by 2^62. */
    const int64_t big = (int64_t)1 << 62;
    int64_t max_cost = (((int64_t)1 << 60) / ((int64_t)p->n_nodes + 1));
    int64_t mass = 0;
    for (int32_t v = 0; v < p->n_nodes; v++) {
        int64_t s = p->supply[v];
        if (s < -big || s > big ||
            __builtin_add_overflow(mass, s < 0 ? -s : s, &mass) || mass > big)
            return jk_err_set(err, JK_ERANGE, "mcf",
                              "supplies too large (over 2^62 in total)");
    }
    for (int32_t a = 0; a < p->n_arcs; a++) {
        int64_t lo = p->lower ? p->lower[a] : 0;
        if (p->cost[a] > max_cost || p->cost[a] < -max_cost)
            return jk_err_set(err, JK_ERANGE, "mcf",
                              "arc %d: |cost| over %lld (2^60 / nodes)", (int)a,
                              (long long)max_cost);
        if (lo > big || (p->cap[a] > big && p->cap[a] != JK_MCF_INF) ||
            __builtin_add_overflow(mass, lo, &mass) || mass > big)
            return jk_err_set(err, JK_ERANGE, "mcf",
                              "arc %d: bounds too large (finite capacity "
                              "and lower bounds up to 2^62)",
                              (int)a);
        if (p->tail[a] < 0 || p->tail[a] >= p->n_nodes || p->head[a] < 0 ||
            p->head[a] >= p->n_nodes)
            return jk_err_set(err, JK_EINVAL, "mcf",
                              "arc %d: endpoint out of range", (int)a);
        if (lo < 0 || p->cap[a] < lo)
            return jk_err_set(err, JK_EINVAL, "mcf",
                              "arc %d: bounds must satisfy 0 <= lower <= cap",
                              (int)a);
    }
    return JK_OK;
}

int solve(const jk_mcf_problem *p, jk_mcf_result *r, jk_err *err)
{
    Graph g;
    g.reserveNode(p->n_nodes);
    g.reserveArc(p->n_arcs);
    for (int32_t v = 0; v < p->n_nodes; v++)
        g.addNode();
    for (int32_t a = 0; a < p->n_arcs; a++)
        g.addArc(g.nodeFromId(p->tail[a]), g.nodeFromId(p->head[a]));

    Graph::ArcMap<int64_t> cap(g), cost(g);
    Graph::NodeMap<int64_t> sup(g);
    for (int32_t a = 0; a < p->n_arcs; a++) {
        Graph::Arc e = g.arcFromId(a);
        cap[e] = p->cap[a];
        cost[e] = p->cost[a];
    }
    for (int32_t v = 0; v < p->n_nodes; v++)
        sup[g.nodeFromId(v)] = p->supply[v];

    Simplex ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(sup);
    /* LEMON has GEQ and LEQ; with supplies summing to zero (checked by
     * the caller for JK_MCF_EQ) both are the equality problem. */
    ns.supplyType(Simplex::GEQ);
    if (p->lower) {
        Graph::ArcMap<int64_t> low(g);
        for (int32_t a = 0; a < p->n_arcs; a++)
            low[g.arcFromId(a)] = p->lower[a];
        ns.lowerMap(low);
    }
    Simplex::ProblemType pt = ns.run();
    if (pt == Simplex::INFEASIBLE) {
        r->status = JK_MCF_INFEASIBLE;
        return JK_OK;
    }
    if (pt == Simplex::UNBOUNDED) {
        r->status = JK_MCF_UNBOUNDED;
        return JK_OK;
    }
    r->flow = static_cast<int64_t *>(
        jk_malloc(sizeof(int64_t) * (size_t)(p->n_arcs ? p->n_arcs : 1)));
    r->potential = static_cast<int64_t *>(
        jk_malloc(sizeof(int64_t) * (size_t)(p->n_nodes ? p->n_nodes : 1)));
    if (!r->flow || !r->potential)
        return jk_err_set(err, JK_ENOMEM, "mcf", "out of memory");
    int64_t total = 0;
    bool overflow = false;
    for (int32_t a = 0; a < p->n_arcs; a++) {
        int64_t f = ns.flow(g.arcFromId(a)), term;
        r->flow[a] = f;
        if (__builtin_mul_overflow(f, p->cost[a], &term) ||
            __builtin_add_overflow(total, term, &total))
            overflow = true;
    }
    for (int32_t v = 0; v < p->n_nodes; v++)
        r->potential[v] = ns.potential(g.nodeFromId(v));
    r->status = JK_MCF_OPTIMAL;
    r->cost = total;
    if (overflow)
        return jk_err_set(err, JK_ERANGE, "mcf",
                          "total cost overflows a 64-bit integer");
    return JK_OK;
}

} // namespace

extern "C" int jk_mcf_solve(const jk_mcf_problem *p, jk_mcf_supply type,
                            jk_mcf_result *r, jk_err *err)
{
    r->status = JK_MCF_INFEASIBLE;
    r->flow = nullptr;
    r->potential = nullptr;
    r->cost = 0;
    r->n_nodes = p->n_nodes;
    r->n_arcs = p->n_arcs;
    int rc = check_problem(p, err);
    if (rc != JK_OK)
        return rc;
    if (type == JK_MCF_EQ) {
        int64_t sum = 0;
        for (int32_t v = 0; v < p->n_nodes; v++)
            if (__builtin_add_overflow(sum, p->supply[v], &sum))
                return jk_err_set(err, JK_ERANGE, "mcf",
                                  "supplies overflow a 64-bit integer");
        if (sum != 0)
            return JK_OK; /* r->status is already infeasible */
    }
    try {
        return solve(p, r, err);
    } catch (const std::bad_alloc &) {
        return jk_err_set(err, JK_ENOMEM, "mcf", "out of memory in LEMON");
    } catch (...) {
        return jk_err_set(err, JK_EINTERNAL, "mcf", "LEMON raised an error");
    }
}
