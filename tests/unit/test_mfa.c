/*
 * MFA systems and reconciliation: the STAN example to 4 decimals; every
 * tests/data/mfa/case_*.json reconciled by the dense and the sparse
 * solver and compared with an independent numpy/scipy computation of
 * the same formulas (tests/data/mfa/reconcile_check.py); a planted
 * gross error is flagged; bad systems give clear errors naming the flow.
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "jk_test.h"

#include <junkan/mfa.h>

#define DATA JK_TEST_DATA "/mfa/"

static jk_mfa_system *load(const char *name)
{
    char path[512];
    jk_mfa_system *sys = NULL;
    jk_err err;
    snprintf(path, sizeof(path), DATA "%s", name);
    if (jk_mfa_load(path, &sys, &err) != JK_OK)
        fail_msg("%s: %s: %s", name, err.where, err.msg);
    return sys;
}

static jk_mfa_result *reconcile(const jk_mfa_system *sys, jk_mfa_method m,
                                bool cov)
{
    jk_mfa_opts o;
    jk_mfa_result *r = NULL;
    jk_err err;
    jk_mfa_opts_init(&o);
    o.method = m;
    o.covariance = cov;
    if (jk_mfa_reconcile(sys, &o, &r, &err) != JK_OK)
        fail_msg("reconcile: %s: %s", err.where, err.msg);
    return r;
}

static void stan_example(void **state)
{
    jk_mfa_system *sys = load("case_stan.json");
    jk_mfa_method m;
    (void)state;
    for (m = JK_MFA_DENSE; m <= JK_MFA_SPARSE; m++) {
        jk_mfa_result *r = reconcile(sys, m, m == JK_MFA_DENSE);
        const jk_mfa_estimate *a = jk_mfa_result_at(r, 0);
        const jk_mfa_estimate *b = jk_mfa_result_at(r, 1);
        assert_float_equal(a->value, 105.0, 1e-4);
        assert_float_equal(b->value, 105.0, 1e-4);
        assert_float_equal(a->sd, 7.0711, 1e-4);
        assert_float_equal(b->sd, 7.0711, 1e-4);
        assert_float_equal(a->z, 0.7071, 1e-4);
        assert_float_equal(jk_mfa_result_chi2(r), 0.5, 1e-9);
        assert_int_equal(jk_mfa_result_dof(r), 1);
        assert_true(jk_mfa_result_passed(r));
        assert_int_equal(a->cls, JK_MFA_REDUNDANT);
        if (m == JK_MFA_DENSE) {
            double c;
            assert_rc(jk_mfa_result_cov(r, 0, 1, &c), JK_OK);
            assert_float_equal(c, 50.0, 1e-6);
        }
        jk_mfa_result_free(r);
    }
    jk_mfa_free(sys);
}

/* Dependent redundant rows: sparse refuses with a pointer to dense,
 * auto falls back to dense, dense reconciles (10 and 9 become 9.5). */
static void closed_loop(void **state)
{
    jk_mfa_system *sys = load("loop_closed.json");
    jk_mfa_result *r = NULL;
    jk_mfa_opts o;
    jk_err err;
    (void)state;
    jk_mfa_opts_init(&o);
    o.method = JK_MFA_SPARSE;
    assert_rc(jk_mfa_reconcile(sys, &o, &r, &err), JK_EUNSUPPORTED);
    assert_non_null(strstr(err.msg, "dense"));
    o.method = JK_MFA_AUTO;
    assert_rc(jk_mfa_reconcile(sys, &o, &r, &err), JK_OK);
    assert_float_equal(jk_mfa_result_at(r, 0)->value, 9.5, 1e-9);
    assert_float_equal(jk_mfa_result_at(r, 1)->value, 9.5, 1e-9);
    assert_int_equal(jk_mfa_result_dof(r), 1);
    jk_mfa_result_free(r);
    jk_mfa_free(sys);
}

/* Compare the C solvers with the numpy/scipy computation. */
static int compare_case(const char *name)
{
    char cmd[1024], line[512];
    jk_mfa_system *sys = load(name);
    jk_mfa_method m;
    int bad = 0;

    for (m = JK_MFA_DENSE; m <= JK_MFA_SPARSE; m++) {
        jk_mfa_result *r = reconcile(sys, m, false);
        FILE *py;
        size_t i = 0;
        snprintf(cmd, sizeof(cmd),
                 "/usr/bin/python3 " DATA "reconcile_check.py " DATA "%s",
                 name);
        py = popen(cmd, "r");
        assert_non_null(py);
        while (fgets(line, sizeof(line), py)) {
            char id[128], cls[64];
            double v, sd;
            if (strncmp(line, "chi2 ", 5) == 0) {
                int dof;
                assert_int_equal(sscanf(line + 5, "%lf %d", &v, &dof), 2);
                if (fabs(jk_mfa_result_chi2(r) - v) > 1e-6 * (1 + v) ||
                    jk_mfa_result_dof(r) != dof) {
                    print_error("%s (%s): chi2 %g dof %d, numpy %g %d\n", name,
                                jk_mfa_result_method(r), jk_mfa_result_chi2(r),
                                jk_mfa_result_dof(r), v, dof);
                    bad++;
                }
                continue;
            }
            assert_int_equal(
                sscanf(line, "%127s %63s %lf %lf", id, cls, &v, &sd), 4);
            {
                const jk_mfa_estimate *e = jk_mfa_result_at(r, i++);
                const char *mine = jk_mfa_class_name(e->cls);
                assert_non_null(e);
                assert_string_equal(e->id, id);
                if (strcmp(cls, "cannot-be-determined") == 0)
                    cls[0] = '\0';
                if ((*cls && strcmp(mine, cls) != 0 &&
                     !(strcmp(cls, "constant") == 0 &&
                       e->cls == JK_MFA_FIXED)) ||
                    (!*cls && e->cls != JK_MFA_UNOBSERVABLE)) {
                    print_error("%s (%s): %s is %s, numpy says %s\n", name,
                                jk_mfa_result_method(r), id, mine,
                                *cls ? cls : "cannot be determined");
                    bad++;
                } else if (isfinite(v) &&
                           (fabs(e->value - v) > 1e-6 * (1 + fabs(v)) ||
                            fabs(e->sd - sd) > 1e-6 * (1 + fabs(sd)))) {
                    print_error("%s (%s): %s = %.9g +- %.9g, numpy %.9g +- "
                                "%.9g\n",
                                name, jk_mfa_result_method(r), id, e->value,
                                e->sd, v, sd);
                    bad++;
                } else if (!isfinite(v) && (isfinite(e->value))) {
                    print_error("%s: %s should be undetermined\n", name, id);
                    bad++;
                }
            }
        }
        if (pclose(py) != 0)
            fail_msg("%s failed: install python3-numpy and python3-scipy", cmd);
        assert_int_equal(i, jk_mfa_result_n(r));
        jk_mfa_result_free(r);
    }
    jk_mfa_free(sys);
    return bad;
}

static void cases_match_numpy(void **state)
{
    DIR *d = opendir(DATA);
    struct dirent *e;
    int bad = 0, n = 0;
    (void)state;
    assert_non_null(d);
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "case_", 5) != 0)
            continue;
        bad += compare_case(e->d_name);
        n++;
    }
    closedir(d);
    print_message("%d systems compared with numpy (dense and sparse)\n", n);
    assert_true(n >= 5);
    assert_int_equal(bad, 0);
}

static void gross_error_is_flagged(void **state)
{
    jk_mfa_system *sys = load("case_network.json");
    jk_mfa_system *bad = jk_mfa_new();
    jk_mfa_result *r;
    size_t i, worst = 0;
    jk_err err;
    (void)state;

    /* Copy with one measurement ten times too large ("one zero too
     * much", STAN's example of a gross error). */
    for (i = 0; i < jk_mfa_n_processes(sys); i++)
        assert_rc(jk_mfa_add_process(bad, jk_mfa_process_at(sys, i), &err),
                  JK_OK);
    for (i = 0; i < jk_mfa_n_flows(sys); i++) {
        jk_mfa_flow f = *jk_mfa_flow_at(sys, i);
        if (strcmp(f.id, "goods") == 0)
            f.value *= 10;
        assert_rc(jk_mfa_add_flow(bad, &f, &err), JK_OK);
    }
    r = reconcile(bad, JK_MFA_DENSE, false);
    assert_false(jk_mfa_result_passed(r));
    for (i = 1; i < jk_mfa_result_n(r); i++)
        if (jk_mfa_result_at(r, i)->z > jk_mfa_result_at(r, worst)->z)
            worst = i;
    assert_string_equal(jk_mfa_result_at(r, worst)->id, "goods");
    assert_true(jk_mfa_result_at(r, worst)->suspect);
    jk_mfa_result_free(r);
    /* The clean system passes and flags nothing. */
    r = reconcile(sys, JK_MFA_DENSE, false);
    assert_true(jk_mfa_result_passed(r));
    for (i = 0; i < jk_mfa_result_n(r); i++)
        assert_false(jk_mfa_result_at(r, i)->suspect);
    jk_mfa_result_free(r);
    jk_mfa_free(bad);
    jk_mfa_free(sys);
}

static void expect_load_error(const char *name, int code, const char *where,
                              const char *msg_part)
{
    char path[512];
    jk_mfa_system *sys = NULL;
    jk_err err;
    snprintf(path, sizeof(path), DATA "%s", name);
    assert_rc(jk_mfa_load(path, &sys, &err), code);
    assert_null(sys);
    if (!strstr(err.where, where) || !strstr(err.msg, msg_part))
        fail_msg("%s: got \"%s: %s\"", name, err.where, err.msg);
}

static void bad_systems(void **state)
{
    jk_mfa_system *sys;
    jk_mfa_result *r = NULL;
    jk_err err;
    (void)state;
    expect_load_error("bad_unknown_process.json", JK_ENOTFOUND, "$.flows[1]",
                      "flow f2: to: unknown process \"b\"");
    expect_load_error("bad_negative.json", JK_ERANGE, "$.flows[0]",
                      "flow f1: negative mass");
    expect_load_error("bad_sd_zero.json", JK_ERANGE, "$.flows[0]",
                      "needs a standard deviation above zero");
    sys = load("bad_tc_sum.json");
    assert_rc(jk_mfa_reconcile(sys, NULL, &r, &err), JK_EINVAL);
    assert_null(r);
    jk_mfa_free(sys);
    sys = load("bad_constants.json");
    assert_rc(jk_mfa_reconcile(sys, NULL, &r, &err), JK_ERANGE);
    assert_non_null(strstr(err.msg, "constants violate a balance"));
    jk_mfa_free(sys);
}

/* Save and load again: the same system. */
static void json_round_trip(void **state)
{
    jk_mfa_system *sys = load("case_tc.json"), *back = NULL;
    char path[512];
    const char *t = getenv("TMPDIR");
    FILE *fp;
    jk_err err;
    size_t i;
    (void)state;
    snprintf(path, sizeof(path), "%s/jk-mfa-rt-%d.json", t ? t : "/tmp",
             (int)getpid());
    fp = fopen(path, "w");
    assert_rc(jk_mfa_save_json(sys, fp, &err), JK_OK);
    fclose(fp);
    assert_rc(jk_mfa_load(path, &back, &err), JK_OK);
    assert_int_equal(jk_mfa_n_flows(back), jk_mfa_n_flows(sys));
    assert_int_equal(jk_mfa_n_tcs(back), 1);
    for (i = 0; i < jk_mfa_n_flows(sys); i++) {
        const jk_mfa_flow *a = jk_mfa_flow_at(sys, i),
                          *b = jk_mfa_flow_at(back, i);
        assert_string_equal(a->id, b->id);
        assert_int_equal(a->status, b->status);
        if (a->status != JK_MFA_UNKNOWN) {
            assert_float_equal(a->value, b->value, 1e-12);
            assert_float_equal(a->sd, b->sd, 1e-12);
        }
    }
    remove(path);
    jk_mfa_free(back);
    jk_mfa_free(sys);
}

/* The substance layer: value x fraction with first-order sd, then the
 * same comparison with numpy on the derived system. */
static void substance_layer(void **state)
{
    jk_mfa_system *goods = load("case_substance.json"), *cu = NULL;
    jk_mfa_result *r;
    char path[512], cmd[700], line[256];
    const char *t = getenv("TMPDIR");
    FILE *fp, *py;
    jk_err err;
    size_t i = 0;
    (void)state;

    assert_rc(jk_mfa_substance(goods, "cu", &cu, &err), JK_OK);
    assert_float_equal(jk_mfa_flow_at(cu, 0)->value, 120.0, 1e-9);
    assert_float_equal(jk_mfa_flow_at(cu, 0)->sd, sqrt(36.0 + 144.0), 1e-9);
    assert_int_equal(jk_mfa_flow_at(cu, 3)->status, JK_MFA_UNKNOWN);
    {
        jk_mfa_system *pb = NULL;
        assert_rc(jk_mfa_substance(goods, "pb", &pb, &err), JK_ENOTFOUND);
        assert_null(pb);
    }
    snprintf(path, sizeof(path), "%s/jk-mfa-cu-%d.json", t ? t : "/tmp",
             (int)getpid());
    fp = fopen(path, "w");
    assert_rc(jk_mfa_save_json(cu, fp, &err), JK_OK);
    fclose(fp);
    r = reconcile(cu, JK_MFA_DENSE, false);
    snprintf(cmd, sizeof(cmd), "/usr/bin/python3 " DATA "reconcile_check.py %s",
             path);
    py = popen(cmd, "r");
    assert_non_null(py);
    while (fgets(line, sizeof(line), py)) {
        char id[64], cls[64];
        double v, sd;
        if (strncmp(line, "chi2", 4) == 0)
            continue;
        assert_int_equal(sscanf(line, "%63s %63s %lf %lf", id, cls, &v, &sd),
                         4);
        assert_float_equal(jk_mfa_result_at(r, i)->value, v, 1e-6);
        assert_float_equal(jk_mfa_result_at(r, i)->sd, sd, 1e-6);
        i++;
    }
    assert_int_equal(pclose(py), 0);
    assert_int_equal(i, 6);
    remove(path);
    jk_mfa_result_free(r);
    jk_mfa_free(cu);
    jk_mfa_free(goods);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stan_example),
        cmocka_unit_test(closed_loop),
        cmocka_unit_test(cases_match_numpy),
        cmocka_unit_test(gross_error_is_flagged),
        cmocka_unit_test(bad_systems),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(substance_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
