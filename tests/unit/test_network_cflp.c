/*
 * network: the CFLP loaders and solver. Every OR-Library cap41..cap134
 * instance to its published optimum, a sample of the single-source sets,
 * small random instances against brute force, hand-built cases of
 * single-sourcing against splitting, infeasible instances and bad files.
 */
#include <math.h>
#include <stdlib.h>

#include "jk_test.h"
#include <junkan/network.h>

#include "network/net_int.h"

static double rel(double a, double b)
{
    return fabs(a - b) / fmax(1.0, fabs(b));
}

/* Solve and check the solution is consistent: every customer fully
 * served, capacities respected, only open facilities used, and the
 * objective equal to the cost of the solution. */
static jk_net_solution *solve_checked(const jk_net_cflp *p, bool ss)
{
    jk_net_opts o;
    jk_net_solution *s = NULL;
    jk_err err;
    int i, j;
    double cost = 0;

    jk_net_opts_init(&o);
    o.single_source = ss;
    if (jk_net_cflp_solve(p, &o, &s, &err) != JK_OK)
        fail_msg("%s: %s: %s", p->name, err.where, err.msg);
    assert_int_equal(s->status, JK_NET_OPTIMAL);
    for (j = 0; j < p->n; j++) {
        double t = 0;
        for (i = 0; i < p->m; i++) {
            double x = s->x[(size_t)i * p->n + j];
            assert_true(x >= -1e-9 && x <= 1 + 1e-9);
            if (x > 1e-9)
                assert_true(s->open[i]);
            if (ss)
                assert_true(x < 1e-6 || x > 1 - 1e-6);
            t += x;
            cost += x * p->cost[(size_t)i * p->n + j];
        }
        assert_true(fabs(t - 1) < 1e-6);
    }
    for (i = 0; i < p->m; i++) {
        double load = 0;
        for (j = 0; j < p->n; j++)
            load += p->demand[j] * s->x[(size_t)i * p->n + j];
        assert_true(load <= p->cap[i] * (1 + 1e-7) + 1e-7);
        if (s->open[i])
            cost += p->fixed[i];
    }
    if (rel(cost, s->objective) > 1e-7)
        fail_msg("%s: objective %.6f but the solution costs %.6f", p->name,
                 s->objective, cost);
    assert_true(s->gap == 0);
    assert_true(s->bound == s->objective);
    return s;
}

static void orlib_all_to_optimum(void **state)
{
    char path[512], name[64], line[256];
    FILE *fp;
    int count = 0, branched = 0;
    double opt;
    (void)state;
    fp = fopen(jk_test_path("network/orlib/capopt.txt", path, sizeof(path)),
               "r");
    assert_non_null(fp);
    while (fgets(line, sizeof(line), fp)) {
        jk_net_cflp *p;
        jk_net_solution *s;
        jk_err err;
        char rp[160];
        if (sscanf(line, "cap%60s %lf", name + 3, &opt) != 2 ||
            !(name[3] >= '0' && name[3] <= '9'))
            continue;
        memcpy(name, "cap", 3);
        snprintf(rp, sizeof(rp), "network/orlib/%s.txt", name);
        if (jk_net_cflp_read(jk_test_path(rp, path, sizeof(path)),
                             JK_NET_FMT_AUTO, 0, &p, &err))
            fail_msg("%s: %s", err.where, err.msg);
        assert_string_equal(p->name, name);
        s = solve_checked(p, false);
        if (rel(s->objective, opt) >= 1e-6)
            fail_msg("%s: %.6f, published optimum %.6f", name, s->objective,
                     opt);
        assert_true(s->lagrange_bound <= opt * (1 + 1e-9));
        if (s->nodes > 1)
            branched++;
        jk_net_solution_free(s);
        jk_net_cflp_free(p);
        count++;
    }
    fclose(fp);
    assert_int_equal(count, 37);
    /* equal capacities: the Lagrangian branch-and-bound, which branches
     * on 19 of them (up to 61 nodes on cap113) */
    assert_true(branched >= 15);
}

static double os_line(const char *dir, int k)
{
    char path[512], rp[128], line[128];
    FILE *fp;
    int i = 0;
    snprintf(rp, sizeof(rp), "network/sscflp/%s/os", dir);
    fp = fopen(jk_test_path(rp, path, sizeof(path)), "r");
    assert_non_null(fp);
    while (fgets(line, sizeof(line), fp))
        if (++i == k) {
            fclose(fp);
            return strtod(line, NULL);
        }
    fclose(fp);
    fail_msg("%s/os has no line %d", dir, k);
    return 0;
}

static void single_source_sample(void **state)
{
    static const struct {
        const char *dir;
        int k;
        int m, n;
    } cases[] = {
        {"holmberg", 1, 10, 50},       {"holmberg", 2, 10, 50},
        {"holmberg", 25, 30, 150},     {"delmaire", 1, 10, 20},
        {"delmaire", 57, 30, 90},      {"orlib_ss_small", 1, 16, 50},
        {"orlib_ss_small", 3, 16, 50},
    };
    size_t c;
    (void)state;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        char path[512], rp[128];
        jk_net_cflp *p;
        jk_net_solution *s;
        jk_err err;
        double opt = os_line(cases[c].dir, cases[c].k);
        snprintf(rp, sizeof(rp), "network/sscflp/%s/p%d", cases[c].dir,
                 cases[c].k);
        if (jk_net_cflp_read(jk_test_path(rp, path, sizeof(path)),
                             JK_NET_FMT_AUTO, 0, &p, &err))
            fail_msg("%s: %s", err.where, err.msg);
        assert_int_equal(p->m, cases[c].m);
        assert_int_equal(p->n, cases[c].n);
        s = solve_checked(p, true);
        if (rel(s->objective, opt) >= 1e-6)
            fail_msg("%s: %.6f, published optimum %.6f", rp, s->objective, opt);
        jk_net_solution_free(s);
        jk_net_cflp_free(p);
    }
}

/* orlib_ss_small p3 holds cap63's data: splitting reaches 1014062.05,
 * single-sourcing only 1014099.6125 (both published). */
static void ss_costs_more_than_splitting_on_cap63(void **state)
{
    char path[512];
    jk_net_cflp *p;
    jk_net_solution *s;
    jk_err err;
    (void)state;
    assert_rc(jk_net_cflp_read(jk_test_path("network/sscflp/orlib_ss_small/p3",
                                            path, sizeof(path)),
                               JK_NET_FMT_SS, 0, &p, &err),
              JK_OK);
    s = solve_checked(p, false);
    assert_true(rel(s->objective, 1014062.05) < 1e-6);
    jk_net_solution_free(s);
    s = solve_checked(p, true);
    assert_true(rel(s->objective, 1014099.6125) < 1e-6);
    jk_net_solution_free(s);
    jk_net_cflp_free(p);
}

/* ---- brute force ---------------------------------------------------- */

static unsigned long lcg_state;

static int rnd(int lo, int hi)
{
    lcg_state = lcg_state * 6364136223846793005UL + 1442695040888963407UL;
    return lo + (int)((lcg_state >> 33) % (unsigned long)(hi - lo + 1));
}

typedef struct brute {
    const jk_net_cflp *p;
    double used[8];
    double best;
} brute;

static double open_cost(const brute *b)
{
    double f = 0;
    int i;
    for (i = 0; i < b->p->m; i++)
        if (b->used[i] > 0)
            f += b->p->fixed[i];
    return f;
}

/* Splitting: integer data have an integral optimal allocation in units,
 * so enumerate every split of each customer's units. */
static void brute_split(brute *b, int j, int left, int i, double cost)
{
    const jk_net_cflp *p = b->p;
    int a;
    if (j == p->n) {
        double t = cost + open_cost(b);
        if (t < b->best)
            b->best = t;
        return;
    }
    if (i == p->m - 1) {
        if (b->used[i] + left > p->cap[i])
            return;
        b->used[i] += left;
        brute_split(b, j + 1, j + 1 < p->n ? (int)p->demand[j + 1] : 0, 0,
                    cost + left / p->demand[j] * p->cost[(size_t)i * p->n + j]);
        b->used[i] -= left;
        return;
    }
    for (a = 0; a <= left; a++) {
        if (b->used[i] + a > p->cap[i])
            break;
        b->used[i] += a;
        brute_split(b, j, left - a, i + 1,
                    cost + a / p->demand[j] * p->cost[(size_t)i * p->n + j]);
        b->used[i] -= a;
    }
}

static void brute_single(brute *b, int j, double cost)
{
    const jk_net_cflp *p = b->p;
    int i;
    if (j == p->n) {
        double t = cost + open_cost(b);
        if (t < b->best)
            b->best = t;
        return;
    }
    for (i = 0; i < p->m; i++)
        if (b->used[i] + p->demand[j] <= p->cap[i]) {
            b->used[i] += p->demand[j];
            brute_single(b, j + 1, cost + p->cost[(size_t)i * p->n + j]);
            b->used[i] -= p->demand[j];
        }
}

static void small_instances_match_brute_force(void **state)
{
    int t, checked_ss = 0;
    (void)state;
    lcg_state = 42;
    for (t = 0; t < 40; t++) {
        char text[2048];
        size_t len = 0;
        int m = rnd(2, 4), n = rnd(3, 5), i, j;
        jk_net_cflp *p;
        jk_net_solution *s = NULL;
        jk_net_opts o;
        jk_err err;
        brute b;
        int dem[8], tot = 0, rc;

        for (j = 0; j < n; j++)
            tot += dem[j] = rnd(1, 3);
        len +=
            (size_t)snprintf(text + len, sizeof(text) - len, "%d %d\n", m, n);
        for (i = 0; i < m; i++)
            len += (size_t)snprintf(text + len, sizeof(text) - len, "%d. %d.\n",
                                    rnd(tot / m + 1, tot), rnd(0, 60));
        for (j = 0; j < n; j++) {
            len +=
                (size_t)snprintf(text + len, sizeof(text) - len, "%d", dem[j]);
            for (i = 0; i < m; i++)
                len += (size_t)snprintf(text + len, sizeof(text) - len, " %d",
                                        rnd(0, 90));
            len += (size_t)snprintf(text + len, sizeof(text) - len, "\n");
        }
        assert_rc(
            jk_net_cflp_parse("rand", text, len, JK_NET_FMT_ORLIB, 0, &p, &err),
            JK_OK);
        memset(&b, 0, sizeof(b));
        b.p = p;
        b.best = HUGE_VAL;
        brute_split(&b, 0, dem[0], 0, 0);
        assert_true(isfinite(b.best));
        s = solve_checked(p, false);
        if (rel(s->objective, b.best) > 1e-9)
            fail_msg("instance %d: %.6f, brute force %.6f\n%s", t, s->objective,
                     b.best, text);
        jk_net_solution_free(s);
        /* single-sourcing */
        b.best = HUGE_VAL;
        brute_single(&b, 0, 0);
        jk_net_opts_init(&o);
        o.single_source = true;
        rc = jk_net_cflp_solve(p, &o, &s, &err);
        if (isfinite(b.best)) {
            assert_rc(rc, JK_OK);
            if (rel(s->objective, b.best) > 1e-9)
                fail_msg("instance %d single-source: %.6f, brute force %.6f", t,
                         s->objective, b.best);
            jk_net_solution_free(s);
            checked_ss++;
        } else {
            assert_rc(rc, JK_ECONSTRAINT);
            assert_true(strncmp(err.msg, "infeasible: single-source:", 26) ==
                        0);
        }
        jk_net_cflp_free(p);
    }
    assert_true(checked_ss >= 20);
}

/* Equal capacities go through the Lagrangian branch-and-bound: random
 * instances against brute force and against CBC on the strong
 * formulation (lagrange off). Fixed costs are large enough that the
 * choice of facilities matters and some instances need branching. The
 * best solution is never worse than the heuristic's start. */
static void equal_capacities_match_brute_force(void **state)
{
    int t, branched = 0;
    (void)state;
    lcg_state = 7;
    for (t = 0; t < 40; t++) {
        char text[2048];
        size_t len = 0;
        int m = rnd(3, 5), n = rnd(3, 4), i, j, capv;
        jk_net_cflp *p;
        jk_net_solution *s = NULL, *s2 = NULL;
        jk_net_opts o;
        jk_err err;
        brute b;
        int dem[8], tot = 0;

        for (j = 0; j < n; j++)
            tot += dem[j] = rnd(1, 3);
        capv = rnd(tot / m + 1, tot);
        len +=
            (size_t)snprintf(text + len, sizeof(text) - len, "%d %d\n", m, n);
        for (i = 0; i < m; i++)
            len += (size_t)snprintf(text + len, sizeof(text) - len, "%d. %d.\n",
                                    capv, rnd(60, 400));
        for (j = 0; j < n; j++) {
            len +=
                (size_t)snprintf(text + len, sizeof(text) - len, "%d", dem[j]);
            for (i = 0; i < m; i++)
                len += (size_t)snprintf(text + len, sizeof(text) - len, " %d",
                                        rnd(0, 90));
            len += (size_t)snprintf(text + len, sizeof(text) - len, "\n");
        }
        assert_rc(
            jk_net_cflp_parse("rand", text, len, JK_NET_FMT_ORLIB, 0, &p, &err),
            JK_OK);
        memset(&b, 0, sizeof(b));
        b.p = p;
        b.best = HUGE_VAL;
        brute_split(&b, 0, dem[0], 0, 0);
        assert_true(isfinite(b.best));
        s = solve_checked(p, false);
        if (rel(s->objective, b.best) > 1e-9)
            fail_msg("instance %d: %.6f, brute force %.6f\n%s", t, s->objective,
                     b.best, text);
        assert_true(s->bound == s->objective);
        assert_true(s->lagrange_bound <= b.best * (1 + 1e-9));
        assert_true(s->objective <= s->heuristic * (1 + 1e-12));
        if (s->nodes > 1)
            branched++;
        jk_net_opts_init(&o);
        o.lagrange = false;
        assert_rc(jk_net_cflp_solve(p, &o, &s2, &err), JK_OK);
        assert_int_equal(s2->status, JK_NET_OPTIMAL);
        if (rel(s2->objective, b.best) > 1e-9)
            fail_msg("instance %d: CBC %.6f, brute force %.6f", t,
                     s2->objective, b.best);
        jk_net_solution_free(s);
        jk_net_solution_free(s2);
        jk_net_cflp_free(p);
    }
    assert_true(branched >= 1);
}

/* The branch-and-bound stopped by the time limit reports its best
 * solution, the least bound of the open nodes and a consistent gap
 * (cap131, equal capacities, optimum 793439.562). */
static void bb_time_limit_reports_gap(void **state)
{
    char path[512];
    jk_net_cflp *p;
    jk_net_solution *s;
    jk_net_opts o;
    jk_err err;
    (void)state;
    assert_rc(jk_net_cflp_read(
                  jk_test_path("network/orlib/cap131.txt", path, sizeof(path)),
                  JK_NET_FMT_AUTO, 0, &p, &err),
              JK_OK);
    jk_net_opts_init(&o);
    o.time_limit = 1e-4;
    assert_rc(jk_net_cflp_solve(p, &o, &s, &err), JK_OK);
    assert_true(s->bound <= 793439.562 * (1 + 1e-9));
    assert_true(s->objective >= 793439.562 * (1 - 1e-9));
    if (s->status == JK_NET_FEASIBLE) {
        assert_true(s->gap > 0);
        assert_true(s->bound >= s->lagrange_bound);
        assert_true(rel(s->gap, (s->objective - s->bound) / s->objective) <
                    1e-12);
    } else {
        assert_int_equal(s->status, JK_NET_OPTIMAL);
        assert_true(rel(s->objective, 793439.562) < 1e-9);
    }
    jk_net_solution_free(s);
    jk_net_cflp_free(p);
}

/* ---- hand-built ------------------------------------------------------ */

/*
 * Facilities A (cap 11, fixed 0), B (cap 11, fixed 0), C (cap 20, fixed
 * 50); customers of 6, 6 and 8 t. Costs of serving a whole customer:
 * A 0 for all; B 90, 90, 100; C 200 each.
 * Splitting: A and B hold 22 >= 20; B must carry 9 t; per tonne B costs
 * 15, 15, 12.5, so B takes customer 3 whole (8 t, 100) and 1 t of
 * customer 1 (90/6 = 15): 115. Opening C costs at least 50 + 200/8*...
 * more. Single-sourcing: A holds one customer (6 + 6 > 11), B one
 * customer, so C must open for the third: cheapest A {8}, B {6} (90),
 * C {6} (50 + 200) = 340.
 */
static const char hand[] = "3 3\n11. 0.\n11. 0.\n20. 50.\n"
                           "6 0 90 200\n6 0 90 200\n8 0 100 200\n";

static void single_source_vs_splitting(void **state)
{
    jk_net_cflp *p;
    jk_net_solution *s;
    jk_err err;
    (void)state;
    assert_rc(jk_net_cflp_parse("hand", hand, sizeof(hand) - 1,
                                JK_NET_FMT_ORLIB, 0, &p, &err),
              JK_OK);
    s = solve_checked(p, false);
    assert_true(rel(s->objective, 115) < 1e-9);
    assert_true(s->open[0] && s->open[1] && !s->open[2]);
    assert_true(fabs(s->x[1 * 3 + 2] - 1) < 1e-9); /* B: customer 3 */
    assert_true(fabs(s->x[1 * 3 + 0] + s->x[1 * 3 + 1] - 1.0 / 6) < 1e-9);
    jk_net_solution_free(s);
    s = solve_checked(p, true);
    assert_true(rel(s->objective, 340) < 1e-9);
    assert_true(s->open[0] && s->open[1] && s->open[2]);
    assert_true(s->x[0 * 3 + 2] > 0.5); /* A: customer 3 */
    jk_net_solution_free(s);
    jk_net_cflp_free(p);
}

static void infeasible_names_the_group(void **state)
{
    static const char cap[] = "2 2\n5 1\n4 1\n5 1 1\n5 1 1\n";
    static const char big[] = "2 2\n8 1\n8 1\n9 1 1\n1 1 1\n";
    static const char pack[] = "2 3\n11 0\n11 0\n6 0 90\n6 0 90\n8 0 100\n";
    jk_net_cflp *p;
    jk_net_solution *s = NULL;
    jk_net_opts o;
    jk_err err;
    (void)state;
    jk_net_opts_init(&o);
    assert_rc(jk_net_cflp_parse("cap", cap, sizeof(cap) - 1, JK_NET_FMT_ORLIB,
                                0, &p, &err),
              JK_OK);
    assert_rc(jk_net_cflp_solve(p, &o, &s, &err), JK_ECONSTRAINT);
    assert_null(s);
    assert_string_equal(err.where, "cap");
    assert_string_equal(err.msg, "infeasible: capacity: total demand 10 "
                                 "exceeds total capacity 9");
    jk_net_cflp_free(p);

    assert_rc(jk_net_cflp_parse("big", big, sizeof(big) - 1, JK_NET_FMT_ORLIB,
                                0, &p, &err),
              JK_OK);
    s = solve_checked(p, false); /* 9 t split over two facilities */
    assert_true(rel(s->objective, 4) < 1e-9); /* 1 + 1 + 1 + 1 */
    jk_net_solution_free(s);
    s = NULL;
    o.single_source = true;
    assert_rc(jk_net_cflp_solve(p, &o, &s, &err), JK_ECONSTRAINT);
    assert_string_equal(err.msg, "infeasible: single-source: customer 1 "
                                 "demands 9, more than any capacity (8)");
    jk_net_cflp_free(p);

    assert_rc(jk_net_cflp_parse("pack", pack, sizeof(pack) - 1,
                                JK_NET_FMT_ORLIB, 0, &p, &err),
              JK_OK);
    s = solve_checked(p, false);
    assert_true(rel(s->objective, 115) < 1e-9);
    jk_net_solution_free(s);
    s = NULL;
    assert_rc(jk_net_cflp_solve(p, &o, &s, &err), JK_ECONSTRAINT);
    assert_string_equal(err.msg, "infeasible: single-source: the demands "
                                 "cannot be packed into the capacities "
                                 "without splitting");
    jk_net_cflp_free(p);
}

static void bad_files(void **state)
{
    static const struct {
        jk_net_format fmt;
        double capacity;
        const char *text;
        int rc;
        const char *msg;
    } cases[] = {
        {JK_NET_FMT_ORLIB, 0, "1 1\nabc 3\n2 5\n", JK_EPARSE,
         "token 3: capacity: expected a number, got \"abc\""},
        {JK_NET_FMT_ORLIB, 0, "1 1\n4 -3\n2 5\n", JK_ERANGE,
         "token 4: fixed cost: expected a non-negative number, got -3"},
        {JK_NET_FMT_ORLIB, 0, "1 1\n4 nan\n2 5\n", JK_EPARSE,
         "token 4: fixed cost: expected a number, got \"nan\""},
        {JK_NET_FMT_ORLIB, 0, "2 1\n4 3\n4 3\n2 5\n", JK_EPARSE,
         "token 9: cost: unexpected end of data"},
        {JK_NET_FMT_ORLIB, 0, "1 1\n4 3\n2 5 7\n", JK_EPARSE,
         "token 7: unexpected \"7\" after the 1 x 1 orlib instance"},
        {JK_NET_FMT_ORLIB, 0, "0 1\n", JK_ERANGE,
         "token 1: facilities: expected a whole number from 1 to 100000, "
         "got 0"},
        {JK_NET_FMT_ORLIB, 0, "1 2.5\n", JK_ERANGE,
         "token 2: customers: expected a whole number from 1 to 100000, "
         "got 2.5"},
        {JK_NET_FMT_ORLIB, 0, "1 1\ncapacity 3\n2 5\n", JK_EINVAL,
         "token 3: capacity: the file is a capacity template; give the "
         "capacity value"},
        {JK_NET_FMT_SS, 0, "2 2\n5 1\n5 1\n1 x\n", JK_EPARSE,
         "token 8: demand: expected a number, got \"x\""},
        {JK_NET_FMT_DELMAIRE, 0, "1 2\n3 4\n1\n5 6\n", JK_EPARSE,
         "token 8: capacity: unexpected end of data"},
        {JK_NET_FMT_ORLIB, 0, "", JK_EPARSE,
         "token 1: facilities: unexpected end of data"},
        {JK_NET_FMT_ORLIB, 0, "60000 60000\n", JK_EPARSE,
         "60000 facilities x 60000 customers: the data is too short for "
         "that many costs"},
    };
    size_t c;
    (void)state;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        jk_net_cflp *p = (jk_net_cflp *)&c;
        jk_err err;
        int rc =
            jk_net_cflp_parse("bad.txt", cases[c].text, strlen(cases[c].text),
                              cases[c].fmt, cases[c].capacity, &p, &err);
        if (rc != cases[c].rc || strcmp(err.msg, cases[c].msg) != 0)
            fail_msg("case %zu: %s %s, expected %s %s", c, jk_status_name(rc),
                     err.msg, jk_status_name(cases[c].rc), cases[c].msg);
        assert_string_equal(err.where, "bad.txt");
        assert_null(p);
    }
}

static void formats_agree(void **state)
{
    /* The same 2 x 3 instance in the three layouts. */
    static const char orlib[] = "2 3\n10 5\n12 7\n3 1 4\n4 2 5\n5 3 6\n";
    static const char ss[] = "2 3\n10 5\n12 7\n3 4 5\n1 2 3\n4 5 6\n";
    static const char del[] = "3 2\n1 4\n2 5\n3 6\n3 4 5\n5 7\n10 12\n";
    jk_net_cflp *a, *b, *d;
    jk_net_format f;
    jk_err err;
    int k;
    (void)state;
    assert_rc(jk_net_cflp_parse("a", orlib, sizeof(orlib) - 1, JK_NET_FMT_ORLIB,
                                0, &a, &err),
              JK_OK);
    assert_rc(
        jk_net_cflp_parse("b", ss, sizeof(ss) - 1, JK_NET_FMT_SS, 0, &b, &err),
        JK_OK);
    assert_rc(jk_net_cflp_parse("x/delmaire/p1", del, sizeof(del) - 1,
                                JK_NET_FMT_AUTO, 0, &d, &err),
              JK_OK);
    assert_string_equal(d->name, "p1");
    assert_int_equal(a->m, 2);
    assert_int_equal(a->n, 3);
    for (k = 0; k < 6; k++) {
        assert_true(a->cost[k] == b->cost[k] && a->cost[k] == d->cost[k]);
        assert_true(a->cost[k] == (double)(k + 1));
    }
    for (k = 0; k < 3; k++)
        assert_true(a->demand[k] == b->demand[k] &&
                    a->demand[k] == d->demand[k]);
    for (k = 0; k < 2; k++)
        assert_true(a->cap[k] == d->cap[k] && a->fixed[k] == d->fixed[k]);
    jk_net_cflp_free(a);
    jk_net_cflp_free(b);
    jk_net_cflp_free(d);
    /* capacity templates */
    assert_rc(jk_net_cflp_parse("capa", "1 1\ncapacity 3\n2 5\n", 19,
                                JK_NET_FMT_AUTO, 8000, &a, &err),
              JK_OK);
    assert_true(a->cap[0] == 8000);
    jk_net_cflp_free(a);
    assert_rc(jk_net_format_parse("delmaire", &f), JK_OK);
    assert_int_equal(f, JK_NET_FMT_DELMAIRE);
    assert_string_equal(jk_net_format_name(JK_NET_FMT_SS), "ss");
    assert_rc(jk_net_format_parse("csv", &f), JK_EINVAL);
    assert_rc(
        jk_net_cflp_read("/nonexistent/cap1.txt", JK_NET_FMT_AUTO, 0, &a, &err),
        JK_EIO);
}

static void lp_file(void **state)
{
    static const char tiny[] = "2 1\n5 3\n5 4\n2 10 20\n";
    jk_net_cflp *p;
    jk_err err;
    char buf[4096];
    size_t n;
    FILE *fp = tmpfile();
    (void)state;
    assert_non_null(fp);
    assert_rc(jk_net_cflp_parse("tiny", tiny, sizeof(tiny) - 1,
                                JK_NET_FMT_ORLIB, 0, &p, &err),
              JK_OK);
    assert_rc(jk_net_cflp_write_lp(p, false, fp, &err), JK_OK);
    rewind(fp);
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_string_equal(buf, "\\ junkan network: strong CFLP formulation\n"
                             "Minimize\n obj: 3 x0 + 4 x1 + 10 x2 + 20 x3\n"
                             "Subject To\n"
                             " r0: 1 x2 + 1 x3 = 1\n"
                             " r1: 2 x2 - 5 x0 <= 0\n"
                             " r2: 2 x3 - 5 x1 <= 0\n"
                             " r3: 1 x2 - 1 x0 <= 0\n"
                             " r4: 1 x3 - 1 x1 <= 0\n"
                             "Bounds\n 0 <= x2 <= 1\n 0 <= x3 <= 1\n"
                             "Binaries\n x0\n x1\n"
                             "End\n");
    jk_net_cflp_free(p);
}

static void time_limit_reports_gap(void **state)
{
    char path[512];
    jk_net_cflp *p;
    jk_net_solution *s;
    jk_net_opts o;
    jk_err err;
    (void)state;
    assert_rc(jk_net_cflp_read(jk_test_path("network/sscflp/delmaire/p1", path,
                                            sizeof(path)),
                               JK_NET_FMT_AUTO, 0, &p, &err),
              JK_OK);
    jk_net_opts_init(&o);
    o.single_source = true;
    o.time_limit = 0.05;
    assert_rc(jk_net_cflp_solve(p, &o, &s, &err), JK_OK);
    /* Stopped early (this instance needs ~1 s): a solution with its
     * gap, or proven optimal on a much faster machine. */
    if (s->status == JK_NET_FEASIBLE) {
        assert_true(s->bound <= 2014 + 1e-6 && s->objective >= 2014 - 1e-6);
        assert_true(s->gap > 0);
        assert_true(rel(s->gap, (s->objective - s->bound) / s->objective) <
                    1e-12);
    } else {
        assert_int_equal(s->status, JK_NET_OPTIMAL);
        assert_true(rel(s->objective, 2014) < 1e-9);
    }
    assert_true(s->seconds < 5);
    jk_net_solution_free(s);
    jk_net_cflp_free(p);
}

/* The allocation with fixed hubs goes through the market's min-cost
 * flow (LEMON) when the data are whole numbers: on random instances it
 * costs what the LP through CBC/CLP costs, every customer is served in
 * full and no capacity is exceeded. Closed facilities (cap < 0) take
 * nothing. */
static void allocation_by_mcf_matches_the_lp(void **state)
{
    const jk__milp_solver *s = jk__milp_solver_find(NULL);
    int trial;
    (void)state;
    lcg_state = 12345;
    for (trial = 0; trial < 40; trial++) {
        int m = rnd(2, 7), n = rnd(3, 15), i, j;
        double cap[7], d[15], c[7 * 15], x1[7 * 15], x2[7 * 15];
        double c1 = 0, c2 = 0, totd = 0, totc = 0;
        jk_err err;
        int r1, r2;
        for (j = 0; j < n; j++)
            totd += d[j] = rnd(0, 40);
        for (i = 0; i < m; i++) {
            cap[i] = rnd(0, 4) == 0 ? -1 : rnd(10, 120);
            if (cap[i] > 0)
                totc += cap[i];
            for (j = 0; j < n; j++)
                c[i * n + j] = rnd(1, 5000) / 7.0;
        }
        r1 = jk__net_allocate(s, m, n, cap, d, c, x1, &c1, &err);
        r2 = jk__net_allocate_lp(s, m, n, cap, d, c, x2, &c2, &err);
        if (totc < totd) {
            assert_int_equal(r1, JK_ECONSTRAINT);
            continue;
        }
        assert_int_equal(r1, r2);
        if (r1 != JK_OK)
            continue;
        if (fabs(c1 - c2) > 1e-6 * (1 + fabs(c2)))
            fail_msg("trial %d: min-cost flow %.9f, LP %.9f", trial, c1, c2);
        for (j = 0; j < n; j++) {
            double share = 0;
            for (i = 0; i < m; i++)
                share += x1[i * n + j];
            assert_true(fabs(share - 1) < 1e-9);
        }
        for (i = 0; i < m; i++) {
            double load = 0;
            for (j = 0; j < n; j++)
                load += d[j] * x1[i * n + j];
            if (cap[i] < 0)
                assert_true(load == 0);
            else
                assert_true(load <= cap[i] + 1e-9);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orlib_all_to_optimum),
        cmocka_unit_test(single_source_sample),
        cmocka_unit_test(ss_costs_more_than_splitting_on_cap63),
        cmocka_unit_test(small_instances_match_brute_force),
        cmocka_unit_test(equal_capacities_match_brute_force),
        cmocka_unit_test(bb_time_limit_reports_gap),
        cmocka_unit_test(single_source_vs_splitting),
        cmocka_unit_test(infeasible_names_the_group),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(formats_agree),
        cmocka_unit_test(lp_file),
        cmocka_unit_test(time_limit_reports_gap),
        cmocka_unit_test(allocation_by_mcf_matches_the_lp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
