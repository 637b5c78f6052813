/*
 * The minimum-cost-flow shim (LEMON NetworkSimplex): a hand-worked
 * transportation problem; the NETGEN instances with verified optima in
 * tests/data/market/netgen; random instances against CLP's LP optimum
 * (same arcs, bounds and supplies, solved as an LP); infeasible and
 * unbounded problems; optimality conditions (conservation, bounds,
 * complementary slackness of the potentials); the DIMACS reader's
 * errors; the shim's own graph gives the flows LEMON gives on a
 * SmartDigraph (bench/lemon_raw.cpp), arc for arc, ties included.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <coin/Clp_C_Interface.h>

#include "jk_test.h"

#include <junkan/mcf.h>

#define DATA JK_TEST_DATA "/market/netgen/"

/* Flow conservation, bounds and complementary slackness. */
static void check_optimal(const jk_mcf_problem *p, const jk_mcf_result *r,
                          jk_mcf_supply type)
{
    int64_t *net = jk_calloc((size_t)p->n_nodes + 1, sizeof(int64_t));
    assert_non_null(net);
    assert_int_equal(r->status, JK_MCF_OPTIMAL);
    for (int32_t a = 0; a < p->n_arcs; a++) {
        int64_t lo = p->lower ? p->lower[a] : 0, f = r->flow[a];
        int64_t rc = jk_mcf_reduced_cost(p, r, a);
        assert_true(f >= lo && f <= p->cap[a]);
        if (f < p->cap[a] && rc < 0)
            fail_msg("arc %d below capacity with reduced cost %lld", a,
                     (long long)rc);
        if (f > lo && rc > 0)
            fail_msg("arc %d above its lower bound with reduced cost %lld", a,
                     (long long)rc);
        net[p->tail[a]] += f;
        net[p->head[a]] -= f;
    }
    for (int32_t v = 0; v < p->n_nodes; v++) {
        if (type == JK_MCF_EQ)
            assert_i64_eq(net[v], p->supply[v]);
        else
            assert_true(net[v] >= p->supply[v]);
    }
    jk_free(net);
}

static jk_mcf_problem load(const char *name)
{
    char path[512];
    size_t len = 0;
    char *text;
    jk_mcf_problem p;
    jk_err err;

    snprintf(path, sizeof(path), DATA "%s.min", name);
    text = jk_test_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s", path);
    if (jk_mcf_read_dimacs(text, len, name, &p, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    jk_free(text);
    return p;
}

/*
 * Two sources (A: 30, B: 20), two sinks (X: 25, Y: 25). Costs A-X 4,
 * A-Y 6, B-X 5, B-Y 3. By hand: B sends its 20 to Y (the cheapest arc),
 * A fills X (25) and the 5 left of Y: 25*4 + 5*6 + 20*3 = 190. Any
 * other plan moves t units from A-X/B-Y to A-Y/B-X at +6+5-4-3 = +4 per
 * unit, so 190 is the unique optimum.
 */
static void hand_worked_transport(void **state)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;
    int32_t ax, ay, bx, by;
    (void)state;

    jk_mcf_problem_init(&p);
    assert_rc(jk_mcf_add_node(&p, 30, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, 20, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, -25, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, -25, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 2, 0, JK_MCF_INF, 4, &ax, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 3, 0, JK_MCF_INF, 6, &ay, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 1, 2, 0, JK_MCF_INF, 5, &bx, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 1, 3, 0, JK_MCF_INF, 3, &by, &err), JK_OK);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    assert_string_equal(jk_mcf_status_name(r.status), "optimal");
    assert_i64_eq(r.cost, 190);
    assert_i64_eq(r.flow[ax], 25);
    assert_i64_eq(r.flow[ay], 5);
    assert_i64_eq(r.flow[bx], 0);
    assert_i64_eq(r.flow[by], 20);
    /* The unused arc B-X costs 4 more per unit than the plan: its
     * reduced cost is exactly that cycle's cost. */
    assert_i64_eq(jk_mcf_reduced_cost(&p, &r, bx), 4);
    check_optimal(&p, &r, JK_MCF_EQ);
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
}

/* Lower bounds: force 10 units on the dear arc A-Y. */
static void lower_bounds(void **state)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;
    (void)state;

    jk_mcf_problem_init(&p);
    assert_rc(jk_mcf_add_node(&p, 30, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, 20, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, -25, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, -25, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 2, 0, JK_MCF_INF, 4, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 3, 10, 100, 6, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 1, 2, 0, JK_MCF_INF, 5, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 1, 3, 0, JK_MCF_INF, 3, NULL, &err), JK_OK);
    assert_non_null(p.lower);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    /* 5 more units on A-Y than the free optimum, +4 each: 190 + 20. */
    assert_i64_eq(r.cost, 210);
    assert_i64_eq(r.flow[1], 10);
    check_optimal(&p, &r, JK_MCF_EQ);
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
}

static void infeasible_and_unbounded(void **state)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;
    (void)state;

    /* 5 units over an arc of capacity 3. */
    jk_mcf_problem_init(&p);
    assert_rc(jk_mcf_add_node(&p, 5, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_node(&p, -5, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 1, 0, 3, 1, NULL, &err), JK_OK);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    assert_int_equal(r.status, JK_MCF_INFEASIBLE);
    assert_null(r.flow);
    jk_mcf_result_free(&r);
    /* Supplies that do not sum to zero under EQ. */
    p.supply[1] = -2;
    p.cap[0] = 10;
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    assert_string_equal(jk_mcf_status_name(r.status), "infeasible");
    jk_mcf_result_free(&r);
    /* Under GEQ the same supplies are infeasible too (5 must leave, only
     * 2 may arrive), and feasible once the sink may take 5. */
    assert_rc(jk_mcf_solve(&p, JK_MCF_GEQ, &r, &err), JK_OK);
    assert_int_equal(r.status, JK_MCF_INFEASIBLE);
    jk_mcf_result_free(&r);
    p.supply[0] = 2;
    p.supply[1] = -5;
    assert_rc(jk_mcf_solve(&p, JK_MCF_GEQ, &r, &err), JK_OK);
    assert_int_equal(r.status, JK_MCF_OPTIMAL);
    assert_i64_eq(r.flow[0], 2);
    check_optimal(&p, &r, JK_MCF_GEQ);
    jk_mcf_result_free(&r);
    /* A negative cycle of unlimited capacity. */
    assert_rc(jk_mcf_add_arc(&p, 1, 0, 0, JK_MCF_INF, -3, NULL, &err), JK_OK);
    p.cap[0] = JK_MCF_INF;
    p.supply[0] = 5;
    p.supply[1] = -5;
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    assert_string_equal(jk_mcf_status_name(r.status), "unbounded");
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
}

static void bad_arguments(void **state)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;
    (void)state;

    jk_mcf_problem_init(&p);
    assert_rc(jk_mcf_add_node(&p, 0, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 1, 0, 1, 1, NULL, &err), JK_EINVAL);
    assert_string_equal(err.msg, "arc endpoint out of range");
    assert_rc(jk_mcf_add_arc(&p, 0, 0, 5, 4, 1, NULL, &err), JK_EINVAL);
    assert_string_equal(err.msg, "bounds must satisfy 0 <= lower <= cap");
    assert_rc(jk_mcf_add_node(&p, 0, NULL, &err), JK_OK);
    assert_rc(jk_mcf_add_arc(&p, 0, 1, 0, 1, 1, NULL, &err), JK_OK);
    /* Arrays filled by hand are checked by the solver as well. */
    p.head[0] = 7;
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_EINVAL);
    assert_string_equal(err.msg, "arc 0: endpoint out of range");
    jk_mcf_result_free(&r);
    p.head[0] = 1;
    p.cap[0] = -1;
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_EINVAL);
    assert_string_equal(err.msg,
                        "arc 0: bounds must satisfy 0 <= lower <= cap");
    jk_mcf_result_free(&r);
    /* Costs beyond what LEMON computes exactly are refused. */
    p.cap[0] = JK_MCF_INF;
    p.cost[0] = INT64_MAX / 2;
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_ERANGE);
    assert_string_equal(err.msg,
                        "arc 0: |cost| over 384307168202282325 (2^60 / nodes)");
    jk_mcf_result_free(&r);
    p.cost[0] = 1;
    p.supply[0] = INT64_MAX / 2;
    p.supply[1] = -(INT64_MAX / 2);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_ERANGE);
    assert_string_equal(err.msg, "supplies too large (over 2^62 in total)");
    jk_mcf_result_free(&r);
    /* An objective past int64 is reported, not wrapped. */
    p.cost[0] = (int64_t)1 << 58;
    p.supply[0] = 1 << 10;
    p.supply[1] = -(1 << 10);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_ERANGE);
    assert_string_equal(err.msg, "total cost overflows a 64-bit integer");
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
}

/* Every instance in optima.tsv: the verified optimal cost, and the
 * optimality conditions on the flow and potentials. */
static void netgen_optima(void **state)
{
    char *tsv = jk_test_read_file(DATA "optima.tsv", NULL);
    char *line, *save = NULL;
    int n = 0;
    (void)state;

    assert_non_null(tsv);
    for (line = strtok_r(tsv, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char name[64];
        long nodes, arcs;
        long long opt;
        jk_mcf_problem p;
        jk_mcf_result r;
        jk_err err;
        if (sscanf(line, "%63s %ld %ld %lld", name, &nodes, &arcs, &opt) != 4)
            continue;
        p = load(name);
        assert_int_equal(p.n_nodes, nodes);
        assert_int_equal(p.n_arcs, arcs);
        assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
        if (r.cost != opt)
            fail_msg("%s: cost %lld, verified optimum %lld", name,
                     (long long)r.cost, opt);
        check_optimal(&p, &r, JK_MCF_EQ);
        jk_mcf_result_free(&r);
        jk_mcf_problem_free(&p);
        n++;
    }
    assert_int_equal(n, 8);
    jk_free(tsv);
}

/* The same problem as an LP for CLP: one column per arc, one equality
 * row per node. Returns CLP's status (0 optimal, 1 infeasible, 2 dual
 * infeasible = unbounded) and its objective in *obj. */
static int clp_solve(const jk_mcf_problem *p, double *obj)
{
    Clp_Simplex *m = Clp_newModel();
    CoinBigIndex *start = jk_malloc(sizeof(*start) * ((size_t)p->n_arcs + 1));
    int *index = jk_malloc(sizeof(int) * 2 * (size_t)p->n_arcs);
    double *value = jk_malloc(sizeof(double) * 2 * (size_t)p->n_arcs);
    double *lb = jk_malloc(sizeof(double) * (size_t)p->n_arcs);
    double *ub = jk_malloc(sizeof(double) * (size_t)p->n_arcs);
    double *c = jk_malloc(sizeof(double) * (size_t)p->n_arcs);
    double *rhs = jk_malloc(sizeof(double) * (size_t)p->n_nodes);
    int st;

    for (int32_t a = 0; a < p->n_arcs; a++) {
        start[a] = 2 * a;
        index[2 * a] = p->tail[a];
        value[2 * a] = 1.0;
        index[2 * a + 1] = p->head[a];
        value[2 * a + 1] = -1.0;
        lb[a] = p->lower ? (double)p->lower[a] : 0.0;
        ub[a] = p->cap[a] == JK_MCF_INF ? 1e30 : (double)p->cap[a];
        c[a] = (double)p->cost[a];
    }
    start[p->n_arcs] = 2 * p->n_arcs;
    for (int32_t v = 0; v < p->n_nodes; v++)
        rhs[v] = (double)p->supply[v];
    Clp_setLogLevel(m, 0);
    Clp_loadProblem(m, p->n_arcs, p->n_nodes, start, index, value, lb, ub, c,
                    rhs, rhs);
    Clp_dual(m, 0); /* no presolve: CoinUtils' presolve leaks (LSan) */
    st = Clp_status(m);
    *obj = Clp_objectiveValue(m);
    Clp_deleteModel(m);
    jk_free(start);
    jk_free(index);
    jk_free(value);
    jk_free(lb);
    jk_free(ub);
    jk_free(c);
    jk_free(rhs);
    return st;
}

/* Deterministic pseudo-random numbers (a 64-bit LCG). */
static uint64_t rng_state = 42;
static int64_t rnd(int64_t lo, int64_t hi)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (int64_t)((rng_state >> 33) % (uint64_t)(hi - lo + 1));
}

/*
 * 200 random problems of 2..12 nodes and n..4n arcs, with capacities,
 * some lower bounds and some negative costs; balanced supplies. LEMON's
 * status must agree with CLP's, and on optimal ones the costs must be
 * equal (CLP's LP optimum is integral on a network matrix).
 */
static void random_against_clp(void **state)
{
    int counts[4] = {0, 0, 0, 0};
    (void)state;

    for (int k = 0; k < 200; k++) {
        jk_mcf_problem p;
        jk_mcf_result r;
        jk_err err;
        int32_t n = (int32_t)rnd(2, 12);
        int32_t m = (int32_t)rnd(n, 4 * n);
        int64_t total = 0;
        double obj;
        int st;

        jk_mcf_problem_init(&p);
        for (int32_t v = 0; v < n; v++) {
            int64_t s = v == n - 1 ? -total : rnd(-20, 20);
            total += s;
            assert_rc(jk_mcf_add_node(&p, s, NULL, &err), JK_OK);
        }
        /* Two cases in three get a dear two-way backbone, which makes
         * them feasible whatever the other arcs. */
        for (int32_t v = 0; k % 3 && v + 1 < n; v++) {
            assert_rc(
                jk_mcf_add_arc(&p, v, v + 1, 0, JK_MCF_INF, 60, NULL, &err),
                JK_OK);
            assert_rc(
                jk_mcf_add_arc(&p, v + 1, v, 0, JK_MCF_INF, 60, NULL, &err),
                JK_OK);
        }
        for (int32_t a = 0; a < m; a++) {
            int32_t t = (int32_t)rnd(0, n - 1), h = (int32_t)rnd(0, n - 1);
            int64_t lo = rnd(0, 4) == 0 ? rnd(0, 5) : 0;
            int64_t cap = rnd(0, 1) == 0 ? JK_MCF_INF : lo + rnd(0, 30);
            int64_t cost = rnd(-15, 40);
            if (t == h)
                continue;
            assert_rc(jk_mcf_add_arc(&p, t, h, lo, cap, cost, NULL, &err),
                      JK_OK);
        }
        assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
        st = clp_solve(&p, &obj);
        switch (r.status) {
        case JK_MCF_OPTIMAL:
            if (st != 0)
                fail_msg("case %d: LEMON optimal, CLP status %d", k, st);
            /* CLP's optimum is integral up to its tolerances. */
            if (fabs((double)r.cost - obj) > 1e-7 * fmax(1.0, fabs(obj)))
                fail_msg("case %d: LEMON %lld, CLP %.3f", k, (long long)r.cost,
                         obj);
            check_optimal(&p, &r, JK_MCF_EQ);
            break;
        case JK_MCF_INFEASIBLE:
        case JK_MCF_UNBOUNDED:
            if (st == (r.status == JK_MCF_INFEASIBLE ? 1 : 2))
                break;
            /* A problem both infeasible and with a negative cycle may be
             * reported either way: then it must be infeasible with zero
             * costs, for both solvers. */
            if (st != 1 && st != 2)
                fail_msg("case %d: LEMON %s, CLP status %d", k,
                         jk_mcf_status_name(r.status), st);
            for (int32_t a = 0; a < p.n_arcs; a++)
                p.cost[a] = 0;
            jk_mcf_result_free(&r);
            assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
            assert_int_equal(r.status, JK_MCF_INFEASIBLE);
            assert_int_equal(clp_solve(&p, &obj), 1);
            break;
        }
        counts[r.status]++;
        jk_mcf_result_free(&r);
        jk_mcf_problem_free(&p);
    }
    print_message("optimal %d, infeasible %d, unbounded %d\n",
                  counts[JK_MCF_OPTIMAL], counts[JK_MCF_INFEASIBLE],
                  counts[JK_MCF_UNBOUNDED]);
    /* The generator reaches every outcome. */
    assert_true(counts[JK_MCF_OPTIMAL] >= 20);
    assert_true(counts[JK_MCF_INFEASIBLE] >= 5);
    assert_true(counts[JK_MCF_UNBOUNDED] >= 5);
}

/* LEMON on a SmartDigraph built from the arrays (bench/lemon_raw.cpp). */
int64_t bench_lemon_raw(const jk_mcf_problem *p, int64_t *flow);

/*
 * The shim runs NetworkSimplex on its own graph type; it must visit
 * nodes, arcs and each node's in- and out-arcs in a SmartDigraph's
 * order, so that LEMON makes the same pivots and breaks ties the same
 * way. 300 random problems with costs 0..3 (ties everywhere), of four
 * kinds that take different paths through LEMON's start: balanced
 * (cheapest arc into each demand), supplies summing below zero under
 * GEQ (cheapest arc out of each supply), one supply and one demand
 * (search back from the demand), and lower bounds. Every flow must be
 * equal, not just the cost.
 */
static void same_flows_as_smartdigraph(void **state)
{
    int kinds[4] = {0, 0, 0, 0}, differ = 0;
    (void)state;

    for (int k = 0; k < 300; k++) {
        jk_mcf_problem p;
        jk_mcf_result r;
        jk_err err;
        int kind = k % 4;
        int32_t n = (int32_t)rnd(3, 40);
        int32_t m = (int32_t)rnd(2 * n, 6 * n);
        int64_t total = 0, *flow;
        jk_mcf_supply type = kind == 1 ? JK_MCF_GEQ : JK_MCF_EQ;

        jk_mcf_problem_init(&p);
        for (int32_t v = 0; v < n; v++) {
            int64_t s;
            if (kind == 2)
                s = v == 0 ? 25 : v == n - 1 ? -25 : 0;
            else if (v == n - 1)
                s = kind == 1 ? -total - rnd(1, 20) : -total;
            else
                s = rnd(-10, 10);
            total += s;
            assert_rc(jk_mcf_add_node(&p, s, NULL, &err), JK_OK);
        }
        /* A two-way backbone keeps every case feasible. */
        for (int32_t v = 0; v + 1 < n; v++) {
            assert_rc(
                jk_mcf_add_arc(&p, v, v + 1, 0, JK_MCF_INF, 4, NULL, &err),
                JK_OK);
            assert_rc(
                jk_mcf_add_arc(&p, v + 1, v, 0, JK_MCF_INF, 4, NULL, &err),
                JK_OK);
        }
        for (int32_t a = 0; a < m; a++) {
            int32_t t = (int32_t)rnd(0, n - 1), h = (int32_t)rnd(0, n - 1);
            int64_t lo = kind == 3 && rnd(0, 3) == 0 ? rnd(0, 3) : 0;
            int64_t cap = rnd(0, 1) ? JK_MCF_INF : lo + rnd(0, 15);
            if (t == h)
                continue;
            assert_rc(jk_mcf_add_arc(&p, t, h, lo, cap, rnd(0, 3), NULL, &err),
                      JK_OK);
        }
        assert_rc(jk_mcf_solve(&p, type, &r, &err), JK_OK);
        flow = jk_calloc((size_t)p.n_arcs, sizeof(int64_t));
        assert_non_null(flow);
        if (r.status != JK_MCF_OPTIMAL) {
            /* Lower bounds can still make a case infeasible. */
            assert_int_equal(bench_lemon_raw(&p, flow), -1);
        } else {
            assert_int_equal(bench_lemon_raw(&p, flow), r.cost);
            for (int32_t a = 0; a < p.n_arcs; a++)
                if (flow[a] != r.flow[a]) {
                    differ++;
                    print_error("case %d (kind %d), arc %d: shim %lld, "
                                "SmartDigraph %lld\n",
                                k, kind, (int)a, (long long)r.flow[a],
                                (long long)flow[a]);
                    break;
                }
            kinds[kind]++;
            check_optimal(&p, &r, type);
        }
        jk_free(flow);
        jk_mcf_result_free(&r);
        jk_mcf_problem_free(&p);
    }
    print_message("optimal by kind: %d %d %d %d\n", kinds[0], kinds[1],
                  kinds[2], kinds[3]);
    assert_int_equal(differ, 0);
    for (int i = 0; i < 4; i++)
        assert_true(kinds[i] >= 40);
}

static void dimacs_errors(void **state)
{
    static const struct {
        const char *text;
        const char *where;
        const char *msg;
    } cases[] = {
        {"c x\n", "t:2", "p: no problem line"},
        {"p max 2 1\n", "t:1", "p: expected \"p min NODES ARCS\""},
        {"p min 2\n", "t:1", "arcs: expected a count from 0 to 268435456"},
        {"p min -1 0\n", "t:1", "nodes: expected a count from 0 to 16777216"},
        {"p min 2 0 9\n", "t:1", "p: unexpected text after the arc count"},
        {"p min 2 0\np min 2 0\n", "t:2", "p: more than one problem line"},
        {"n 1 5\n", "t:1", "n: node line before the problem line"},
        {"p min 2 1\nn 3 5\n", "t:2",
         "node: expected a node number from 1 to 2"},
        {"p min 2 1\nn 1 x\n", "t:2", "supply: expected an integer"},
        {"p min 2 1\na 1 2 0 5\n", "t:2", "cost: expected an integer"},
        {"p min 2 1\na 1 2 6 5 1\n", "t:2",
         "cap: expected an integer >= the lower bound"},
        {"p min 2 1\na 0 2 0 5 1\n", "t:2",
         "tail: expected a node number from 1 to 2"},
        {"p min 2 1\na 1 2 -1 5 1\n", "t:2", "low: expected an integer >= 0"},
        {"p min 2 1\na 1 2 0 5 1\na 1 2 0 5 1\n", "t:3",
         "a: more arcs than the 1 announced"},
        {"p min 2 2\na 1 2 0 5 1\n", "t:3",
         "a: 1 arcs, but the problem line announced 2"},
        {"p min 2 1\nx\n", "t:2",
         "line: expected a line starting with c, p, n or a"},
        {"p min 2 1\na 1 2 0 5 1 7\n", "t:2",
         "a: unexpected text after the cost"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        jk_mcf_problem p;
        jk_err err;
        char line[JK_ERR_WHERE + JK_ERR_MSG + 4];
        assert_rc(jk_mcf_read_dimacs(cases[i].text, strlen(cases[i].text), "t",
                                     &p, &err),
                  JK_EPARSE);
        if (strcmp(err.where, cases[i].where) || strcmp(err.msg, cases[i].msg))
            fail_msg("case %zu: got %s", i,
                     jk_err_line(&err, line, sizeof(line)));
        assert_null(p.supply);
    }
}

/* A good file with comments, blank lines and CRLF ends. */
static void dimacs_ok(void **state)
{
    const char *text = "c demo\r\np min 3 2\r\n\r\nn 1 4\nn 3 -4\n"
                       "a 1 2 0 10 2\na 2 3 1 10 3\nc end";
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;
    (void)state;
    assert_rc(jk_mcf_read_dimacs(text, strlen(text), "t", &p, &err), JK_OK);
    assert_int_equal(p.n_nodes, 3);
    assert_int_equal(p.n_arcs, 2);
    assert_i64_eq(p.supply[0], 4);
    assert_i64_eq(p.supply[2], -4);
    assert_i64_eq(p.lower[1], 1);
    assert_rc(jk_mcf_solve(&p, JK_MCF_EQ, &r, &err), JK_OK);
    assert_i64_eq(r.cost, 20);
    jk_mcf_result_free(&r);
    jk_mcf_problem_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_worked_transport),
        cmocka_unit_test(lower_bounds),
        cmocka_unit_test(infeasible_and_unbounded),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(netgen_optima),
        cmocka_unit_test(random_against_clp),
        cmocka_unit_test(same_flows_as_smartdigraph),
        cmocka_unit_test(dimacs_errors),
        cmocka_unit_test(dimacs_ok),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
