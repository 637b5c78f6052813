/*
 * The baseline of bench/market_bench, and the reference of
 * tests/unit/test_market_mcf.c: LEMON's NetworkSimplex called directly
 * on a problem's arrays, the graph built as a SmartDigraph as a LEMON
 * user would, without junkan's shim. Returns the optimal cost, or -1
 * when not optimal; with flow non-NULL, also the flow of every arc.
 */
/* GCC 12 at -O2 reports a false "may be used uninitialized" inside
 * LEMON's SmartDigraph::addNode/addArc (a value-initialised struct pushed
 * into a std::vector); the warning is about LEMON's headers, not ours. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <cstdint>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <junkan/mcf.h>

extern "C" int64_t bench_lemon_raw(const jk_mcf_problem *p, int64_t *flow);

extern "C" int64_t bench_lemon_raw(const jk_mcf_problem *p, int64_t *flow)
{
    typedef lemon::SmartDigraph G;
    typedef lemon::NetworkSimplex<G, int64_t, int64_t> NS;
    G g;
    g.reserveNode(p->n_nodes);
    g.reserveArc(p->n_arcs);
    for (int32_t v = 0; v < p->n_nodes; v++)
        g.addNode();
    G::ArcMap<int64_t> cap(g), cost(g);
    G::NodeMap<int64_t> sup(g);
    for (int32_t a = 0; a < p->n_arcs; a++) {
        G::Arc e = g.addArc(g.nodeFromId(p->tail[a]), g.nodeFromId(p->head[a]));
        cap[e] = p->cap[a];
        cost[e] = p->cost[a];
    }
    for (int32_t v = 0; v < p->n_nodes; v++)
        sup[g.nodeFromId(v)] = p->supply[v];
    NS ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(sup);
    if (p->lower) {
        G::ArcMap<int64_t> low(g);
        for (int32_t a = 0; a < p->n_arcs; a++)
            low[g.arcFromId(a)] = p->lower[a];
        ns.lowerMap(low);
    }
    if (ns.run() != NS::OPTIMAL)
        return -1;
    for (int32_t a = 0; flow && a < p->n_arcs; a++)
        flow[a] = ns.flow(g.arcFromId(a));
    return ns.totalCost<int64_t>();
}
