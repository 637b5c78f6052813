/*
 * bench_reconcile SYSTEM.json dense|sparse
 *
 * Loads an MFA system (untimed), times jk_mfa_reconcile alone with
 * CLOCK_MONOTONIC and prints one line on stdout:
 *
 *   n_flows method seconds chi2 dof maxrss_MB sum_value sum_var n_undet
 *
 * sum_value and sum_var are a checksum for comparison with
 * bench/reconcile_numpy.py: the sum of the reconciled (or computed)
 * values and the sum of their variances (sd^2) over every variable that
 * can be determined; n_undet counts those that cannot (NaN). maxrss_MB
 * is the process's peak RSS (getrusage ru_maxrss, KiB) in 10^6 bytes,
 * loading included. Exit status 0 on success, 1 on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <sys/resource.h>

#include <junkan/mfa.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    jk_mfa_system *sys = NULL;
    jk_mfa_result *res = NULL;
    jk_mfa_opts opts;
    jk_err err;
    struct rusage ru;
    double t0, t1, sum_value = 0, sum_var = 0;
    size_t i, n, n_undet = 0;
    char line[1024];
    int rc;

    if (argc != 3 ||
        (strcmp(argv[2], "dense") != 0 && strcmp(argv[2], "sparse") != 0)) {
        fprintf(stderr, "usage: %s SYSTEM.json dense|sparse\n", argv[0]);
        return 1;
    }
    jk_err_clear(&err);
    rc = jk_mfa_load(argv[1], &sys, &err);
    if (rc != JK_OK) {
        fprintf(stderr, "bench_reconcile: load: %s\n",
                jk_err_line(&err, line, sizeof(line)));
        return 1;
    }
    jk_mfa_opts_init(&opts);
    opts.method = strcmp(argv[2], "dense") == 0 ? JK_MFA_DENSE : JK_MFA_SPARSE;

    t0 = now();
    rc = jk_mfa_reconcile(sys, &opts, &res, &err);
    t1 = now();
    if (rc != JK_OK) {
        fprintf(stderr, "bench_reconcile: reconcile (%s): %s\n", argv[2],
                jk_err_line(&err, line, sizeof(line)));
        jk_mfa_free(sys);
        return 1;
    }
    n = jk_mfa_result_n(res);
    for (i = 0; i < n; i++) {
        const jk_mfa_estimate *e = jk_mfa_result_at(res, i);
        if (isnan(e->value) || isnan(e->sd)) {
            n_undet++;
            continue;
        }
        sum_value += e->value;
        sum_var += e->sd * e->sd;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu %s %.6f %.10g %d %.1f %.17g %.17g %zu\n", jk_mfa_n_flows(sys),
           argv[2], t1 - t0, jk_mfa_result_chi2(res), jk_mfa_result_dof(res),
           (double)ru.ru_maxrss * 1024.0 / 1e6, sum_value, sum_var, n_undet);
    jk_mfa_result_free(res);
    jk_mfa_free(sys);
    return 0;
}
