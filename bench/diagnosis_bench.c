/*
 * Benchmark: a national diagnosis run (load the input tables and the
 * reference data, every indicator of every municipality, peer types,
 * groups and statistics, and the measures with the combined scenario
 * for every municipality) against a plain pass over the same files in
 * the same process (read every line of every CSV and parse its numbers
 * with strtod, no validation): the floor any loader has to pay.
 *
 *   bench_diagnosis DATA_DIR REF_DIR [REPS]
 *
 * Prints one markdown table row per step with the median wall time of
 * REPS runs (default 5), and the ratio of the whole run to the plain
 * pass.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <junkan/diagnosis.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof(*x), cmp);
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* Plain pass: every field of every line of the five tables through
 * strtod; returns a checksum so that the work is not optimised away. */
static double plain_pass(const char *dir)
{
    static const char *const files[] = {"profiles.csv", "flows.csv",
                                        "composition.csv", "residual.csv",
                                        "costs.csv"};
    char path[4096], line[4096];
    double sum = 0;
    size_t i;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        FILE *fp;
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        if (!(fp = fopen(path, "r")))
            continue;
        while (fgets(line, sizeof(line), fp)) {
            char *p = line;
            while (*p) {
                char *end;
                double v = strtod(p, &end);
                if (end != p && isfinite(v))
                    sum += v;
                p = strchr(end, ',');
                if (!p)
                    break;
                p++;
            }
        }
        fclose(fp);
    }
    return sum;
}

int main(int argc, char **argv)
{
    enum { S_PLAIN, S_LOAD, S_NATIONAL, S_PLANS, S_TOTAL, S_N };
    static const char *const names[S_N] = {
        "plain pass (baseline)", "load tables + reference",
        "indicators + peers (national)", "measures + combined, all",
        "junkan total"};
    double t[S_N][64], checksum = 0;
    int reps = argc > 3 ? atoi(argv[3]) : 5, r, s;
    size_t nm = 0, ng = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s DATA_DIR REF_DIR [REPS]\n", argv[0]);
        return 2;
    }
    if (reps < 1 || reps > 64)
        reps = 5;
    for (r = 0; r < reps; r++) {
        jk_dg_ref *ref = NULL;
        jk_dg_data *d = NULL;
        jk_dg_national *n = NULL;
        jk_err err;
        double t0, t1, t2, t3;
        size_t i;

        t0 = now();
        checksum += plain_pass(argv[1]);
        t[S_PLAIN][r] = now() - t0;

        t0 = now();
        if (jk_dg_ref_load(argv[2], &ref, &err) ||
            jk_dg_data_load(argv[1], &d, &err)) {
            fprintf(stderr, "%s: %s\n", err.where, err.msg);
            return 1;
        }
        t1 = now();
        if (jk_dg_national_new(d, ref, NULL, &n, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        t2 = now();
        for (i = 0; i < d->n; i++) {
            jk_dg_plan *p = NULL;
            if (jk_dg_plan_new(n, i, ref, &p, &err)) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            checksum += p->combined.ghg_t;
            jk_dg_plan_free(p);
        }
        t3 = now();
        t[S_LOAD][r] = t1 - t0;
        t[S_NATIONAL][r] = t2 - t1;
        t[S_PLANS][r] = t3 - t2;
        t[S_TOTAL][r] = t3 - t0;
        nm = d->n;
        ng = jk_dg_national_ngroups(n);
        jk_dg_national_free(n);
        jk_dg_data_free(d);
        jk_dg_ref_free(ref);
    }
    printf("municipalities: %zu, peer groups: %zu, repetitions: %d "
           "(checksum %.6g)\n\n",
           nm, ng, reps, checksum);
    printf("| step | median s |\n| --- | ---: |\n");
    {
        double med[S_N];
        for (s = 0; s < S_N; s++) {
            med[s] = median(t[s], reps);
            printf("| %s | %.4f |\n", names[s], med[s]);
        }
        printf("\nratio junkan total / plain pass: %.2f; goal: total "
               "under 2 s: %s\n",
               med[S_TOTAL] / med[S_PLAIN],
               med[S_TOTAL] < 2.0 ? "met" : "MISSED");
    }
    return 0;
}
