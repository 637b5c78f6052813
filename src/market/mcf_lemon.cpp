/*
 * The minimum-cost-flow solver: LEMON's NetworkSimplex behind the C
 * function jk_mcf_solve() declared in include/junkan/mcf.h. This is the
 * only C++ file of the library; nothing C++ crosses the boundary (every
 * exception is caught here and becomes a status code).
 *
 * The graph LEMON sees is our own static digraph (ArrayDigraph below) on
 * the problem's arrays: nodes and arcs are visited in the same order as
 * in a SmartDigraph built from the arrays (ids from the last down, the
 * arcs into or out of a node from the newest down), so NetworkSimplex
 * makes the same pivots and returns the same flows as when called on a
 * SmartDigraph; but the arcs into a node sit side by side in one array
 * instead of a linked list through the arcs, which is what LEMON's
 * initial pivots walk (a quarter of the solve on a million arcs when
 * each step waits for the previous load), and the arrays are read in
 * place instead of being copied into a graph and maps first.
 */
/* GCC 12 at -O2 reports a false "may be used uninitialized" inside
 * LEMON's headers (a value-initialised struct pushed into a
 * std::vector); the warning is about LEMON, not ours. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <cstdint>
#include <limits>
#include <new>

#include <lemon/bits/graph_extender.h>
#include <lemon/core.h>
#include <lemon/network_simplex.h>

#include <junkan/mcf.h>

namespace
{

/* An owned int32 array from jk_malloc (no exceptions, no C++ allocator). */
struct Ints {
    int32_t *v = nullptr;
    Ints() = default;
    Ints(const Ints &) = delete;
    Ints &operator=(const Ints &) = delete;
    ~Ints()
    {
        jk_free(v);
    }
    void alloc(size_t n)
    {
        v = static_cast<int32_t *>(jk_malloc(sizeof(int32_t) * (n ? n : 1)));
        if (!v)
            throw std::bad_alloc();
    }
};

/*
 * The base of a LEMON digraph (completed by lemon::DigraphExtender, as
 * LEMON's own StaticDigraph is) over borrowed tail/head arrays. An arc
 * iterator carries its place in the incidence array and the end of it,
 * so stepping to the next arc into (or out of) a node is one sequential
 * read. The out-incidence is built on first use (NetworkSimplex uses it
 * only when the supplies sum below zero).
 */
class ArrayDigraphBase
{
  public:
    class Node
    {
        friend class ArrayDigraphBase;

      protected:
        int id;
        explicit Node(int i) : id(i)
        {
        }

      public:
        Node()
        {
        }
        Node(lemon::Invalid) : id(-1)
        {
        }
        bool operator==(const Node &n) const
        {
            return id == n.id;
        }
        bool operator!=(const Node &n) const
        {
            return id != n.id;
        }
        bool operator<(const Node &n) const
        {
            return id < n.id;
        }
    };

    class Arc
    {
        friend class ArrayDigraphBase;

      protected:
        int id;
        int pos = 0, end = 0; /* place in the incidence array, its end */
        explicit Arc(int i) : id(i)
        {
        }

      public:
        Arc()
        {
        }
        Arc(lemon::Invalid) : id(-1)
        {
        }
        bool operator==(const Arc &a) const
        {
            return id == a.id;
        }
        bool operator!=(const Arc &a) const
        {
            return id != a.id;
        }
        bool operator<(const Arc &a) const
        {
            return id < a.id;
        }
    };

    ArrayDigraphBase()
    {
    }
    ArrayDigraphBase(const ArrayDigraphBase &) = delete;
    ArrayDigraphBase &operator=(const ArrayDigraphBase &) = delete;

    /* Nodes 0..n-1; arc a from tail[a] to head[a] (checked in range). */
    void attach(int32_t n, int32_t m, const int32_t *tail, const int32_t *head)
    {
        node_num = n;
        arc_num = m;
        src = tail;
        dst = head;
        index(dst, in_begin, in_arc);
    }

    Node source(const Arc &a) const
    {
        return Node(src[a.id]);
    }
    Node target(const Arc &a) const
    {
        return Node(dst[a.id]);
    }

    void first(Node &v) const
    {
        v.id = node_num - 1;
    }
    static void next(Node &v)
    {
        --v.id;
    }
    void first(Arc &a) const
    {
        a.id = arc_num - 1;
    }
    static void next(Arc &a)
    {
        --a.id;
    }

    void firstIn(Arc &a, const Node &v) const
    {
        start(a, in_begin.v, in_arc.v, v.id);
    }
    void nextIn(Arc &a) const
    {
        step(a, in_arc.v);
    }
    void firstOut(Arc &a, const Node &v) const
    {
        if (!out_arc.v)
            index(src, out_begin, out_arc);
        start(a, out_begin.v, out_arc.v, v.id);
    }
    void nextOut(Arc &a) const
    {
        step(a, out_arc.v);
    }

    static int id(const Node &v)
    {
        return v.id;
    }
    static Node nodeFromId(int i)
    {
        return Node(i);
    }
    int maxNodeId() const
    {
        return node_num - 1;
    }
    static int id(const Arc &a)
    {
        return a.id;
    }
    static Arc arcFromId(int i)
    {
        return Arc(i);
    }
    int maxArcId() const
    {
        return arc_num - 1;
    }

    typedef lemon::True NodeNumTag;
    typedef lemon::True ArcNumTag;
    int nodeNum() const
    {
        return node_num;
    }
    int arcNum() const
    {
        return arc_num;
    }

  private:
    int node_num = 0, arc_num = 0;
    const int32_t *src = nullptr, *dst = nullptr;
    Ints in_begin, in_arc;
    mutable Ints out_begin, out_arc;

    /* A counting sort of the arcs by end[a], each node's arcs from the
     * highest id down (the order of a SmartDigraph's lists). */
    void index(const int32_t *end, Ints &begin, Ints &list) const
    {
        begin.alloc((size_t)node_num + 1);
        list.alloc((size_t)arc_num);
        for (int v = 0; v <= node_num; v++)
            begin.v[v] = 0;
        for (int a = 0; a < arc_num; a++)
            begin.v[end[a] + 1]++;
        for (int v = 0; v < node_num; v++)
            begin.v[v + 1] += begin.v[v];
        /* Fill from each node's end backwards, arcs in rising order. */
        for (int a = 0; a < arc_num; a++)
            list.v[--begin.v[end[a] + 1]] = a;
        /* begin[v + 1] is now the start of v's arcs: shift back. */
        for (int v = 0; v < node_num; v++)
            begin.v[v] = begin.v[v + 1];
        begin.v[node_num] = arc_num;
    }

    static void start(Arc &a, const int32_t *begin, const int32_t *list, int v)
    {
        a.pos = begin[v];
        a.end = begin[v + 1];
        a.id = a.pos < a.end ? list[a.pos] : -1;
    }
    static void step(Arc &a, const int32_t *list)
    {
        a.id = ++a.pos < a.end ? list[a.pos] : -1;
    }
};

typedef lemon::DigraphExtender<ArrayDigraphBase> Graph;
typedef lemon::NetworkSimplex<Graph, int64_t, int64_t> Simplex;

/* LEMON read maps on the problem's arrays. */
template <typename K> struct ArrayMap {
    typedef K Key;
    typedef int64_t Value;
    const int64_t *v;
    explicit ArrayMap(const int64_t *a) : v(a)
    {
    }
    Value operator[](const Key &k) const
    {
        return v[Graph::id(k)];
    }
};

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
    g.attach(p->n_nodes, p->n_arcs, p->tail, p->head);
    Simplex ns(g);
    ns.upperMap(ArrayMap<Graph::Arc>(p->cap))
        .costMap(ArrayMap<Graph::Arc>(p->cost))
        .supplyMap(ArrayMap<Graph::Node>(p->supply));
    /* LEMON has GEQ and LEQ; with supplies summing to zero (checked by
     * the caller for JK_MCF_EQ) both are the equality problem. */
    ns.supplyType(Simplex::GEQ);
    if (p->lower)
        ns.lowerMap(ArrayMap<Graph::Arc>(p->lower));
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
        int64_t f = ns.flow(Graph::arcFromId(a)), term;
        r->flow[a] = f;
        if (__builtin_mul_overflow(f, p->cost[a], &term) ||
            __builtin_add_overflow(total, term, &total))
            overflow = true;
    }
    for (int32_t v = 0; v < p->n_nodes; v++)
        r->potential[v] = ns.potential(Graph::nodeFromId(v));
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
