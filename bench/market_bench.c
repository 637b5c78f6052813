/*
 * bench_market N_SUPPLIES N_DEMANDS K REPS [DIMACS_OUT]
 *
 * A generated market (one material, supplies and demands spread over
 * Japan's latitude and longitude box, quantities 1-100 t, prices such
 * that most pairs within a few hundred km are worth trading), built in
 * memory (untimed). Then, REPS times each, in the same process:
 *
 *   e2e  jk_market_match: candidate generation on the spatial grid
 *        (K nearest compatible demands per supply), the flow problem,
 *        LEMON through the shim, minimum-lot check, explanations of
 *        every allocation and every unmatched quantity;
 *   raw  LEMON's NetworkSimplex on the same problem arrays (graph
 *        construction + solve), bench/lemon_raw.cpp.
 *
 * Prints one line: n_supplies n_demands arcs e2e_s raw_s ratio cost_ok
 * cost e2e_cpu_s raw_cpu_s (medians of wall and of CPU time; cost_ok 1
 * when both optima are equal and, solved once more untimed, the shim's
 * flow on every arc is raw LEMON's). With DIMACS_OUT, the
 * problem is written there for bench/market_networkx.py.
 * BENCH_THREADS=N sets jk_mkt_opts.threads (default: every core).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <junkan/market.h>

int64_t bench_lemon_raw(const jk_mcf_problem *p, int64_t *flow);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this (single-threaded) process: what the other jobs on a
 * shared machine disturb least. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 12345;
static double urand(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    long ns, nd, k, reps, i, rep;
    jk_market *m;
    jk_mkt_opts o;
    jk_err err;
    double *te, *tr, *ce, *cr;
    int64_t cost_e2e = 0, cost_raw = 0;
    int same_flows = 1;
    size_t arcs = 0;

    if (argc < 5) {
        fprintf(stderr, "usage: bench_market NS ND K REPS [DIMACS]\n");
        return 1;
    }
    ns = strtol(argv[1], NULL, 10);
    nd = strtol(argv[2], NULL, 10);
    k = strtol(argv[3], NULL, 10);
    reps = strtol(argv[4], NULL, 10);
    m = jk_market_new();
    te = calloc((size_t)reps, sizeof(double));
    tr = calloc((size_t)reps, sizeof(double));
    ce = calloc((size_t)reps, sizeof(double));
    cr = calloc((size_t)reps, sizeof(double));
    if (!m || !te || !tr || !ce || !cr || reps < 1)
        return 1;
    for (i = 0; i < ns + nd; i++) {
        jk_mkt_listing l;
        char id[32];
        memset(&l, 0, sizeof(l));
        snprintf(id, sizeof(id), "%c%ld", i < ns ? 's' : 'd', i);
        l.id = id;
        l.side = i < ns ? JK_MKT_SUPPLY : JK_MKT_DEMAND;
        l.org = "";
        l.material = "plastic.pp";
        l.grade = "";
        l.grams = (jk_mass)(1 + urand() * 99) * 1000000;
        l.recurrence = "once";
        l.site = "";
        l.lat = 31 + urand() * 12;
        l.lon = 130 + urand() * 15;
        l.prefecture = "";
        l.price = i < ns ? 40000 + urand() * 20000 : 60000 + urand() * 30000;
        l.valid_from = l.valid_to = "";
        l.visibility = "public";
        l.evidence = "";
        l.status = "open";
        l.ewc = l.jw = l.hs = l.fate = "";
        l.mode = "truck";
        if (jk_market_add_listing(m, &l, "bench", &err) != JK_OK) {
            fprintf(stderr, "%s: %s\n", err.where, err.msg);
            return 1;
        }
    }
    jk_mkt_opts_init(&o);
    o.k = (int)k;
    o.max_km = 3000;
    o.keep_problem = true;
    if (getenv("BENCH_THREADS")) /* jk_mkt_opts.threads; default all cores */
        o.threads = atoi(getenv("BENCH_THREADS"));
    for (rep = 0; rep < reps; rep++) {
        jk_mkt_result *r = NULL;
        const jk_mcf_problem *p;
        double t0 = now(), t1, c0 = cpu();
        if (jk_market_match(m, &o, &r, &err) != JK_OK) {
            fprintf(stderr, "%s: %s\n", err.where, err.msg);
            return 1;
        }
        t1 = now();
        te[rep] = t1 - t0;
        ce[rep] = cpu() - c0;
        p = jk_mkt_problem(r);
        arcs = jk_mkt_n_candidates(r);
        cost_e2e = (int64_t)(jk_mkt_total_cost(r) * 1e6 +
                             (jk_mkt_total_cost(r) < 0 ? -0.5 : 0.5));
        t0 = now();
        c0 = cpu();
        cost_raw = bench_lemon_raw(p, NULL);
        tr[rep] = now() - t0;
        cr[rep] = cpu() - c0;
        if (rep == 0) { /* untimed: the shim's flows are raw LEMON's */
            jk_mcf_result sol;
            int64_t *flow = calloc((size_t)p->n_arcs + 1, sizeof(int64_t));
            int32_t a;
            if (!flow || bench_lemon_raw(p, flow) != cost_raw ||
                jk_mcf_solve(p, JK_MCF_EQ, &sol, &err) != JK_OK ||
                sol.status != JK_MCF_OPTIMAL)
                return 1;
            for (a = 0; a < p->n_arcs; a++)
                if (sol.flow[a] != flow[a])
                    same_flows = 0;
            jk_mcf_result_free(&sol);
            free(flow);
        }
        if (rep == 0 && argc > 5) {
            FILE *fp = fopen(argv[5], "w");
            if (!fp || jk_mcf_write_dimacs(p, fp, &err) != JK_OK ||
                fclose(fp) != 0)
                return 1;
        }
        fprintf(stderr,
                "bench_market: run %ld: e2e %.3f s (CPU %.3f), raw LEMON "
                "%.3f s (CPU %.3f)\n",
                rep + 1, te[rep], ce[rep], tr[rep], cr[rep]);
        jk_mkt_result_free(r);
    }
    qsort(te, (size_t)reps, sizeof(double), cmp_d);
    qsort(tr, (size_t)reps, sizeof(double), cmp_d);
    qsort(ce, (size_t)reps, sizeof(double), cmp_d);
    qsort(cr, (size_t)reps, sizeof(double), cmp_d);
    printf("%ld %ld %zu %.3f %.3f %.2f %d %lld %.3f %.3f\n", ns, nd, arcs,
           te[reps / 2], tr[reps / 2], te[reps / 2] / tr[reps / 2],
           cost_e2e == cost_raw && same_flows, (long long)cost_raw,
           ce[reps / 2], cr[reps / 2]);
    free(te);
    free(tr);
    free(ce);
    free(cr);
    jk_market_free(m);
    return 0;
}
