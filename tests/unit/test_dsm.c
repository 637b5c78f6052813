/*
 * Unit tests for src/mfa/dsm.c, the ODYM-style dynamic stock models:
 * hand-checkable cases, round trips between the inflow- and the
 * stock-driven model, parameter errors, allocation failures, and an
 * independent check against numpy/scipy.stats through
 * tests/data/mfa/dsm_check.py (which needs /usr/bin/python3 with
 * python3-numpy and python3-scipy; the test fails without them).
 */
#include "jk_test.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <junkan/mfa.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NY           30 /* years in the scipy comparison */
#define REL_TOL      1e-9
#define D_NAN        ((double)NAN) /* NAN and INFINITY are floats */
#define D_INF        ((double)INFINITY)

#define PYTHON   "/usr/bin/python3"
#define CHECK_PY JK_SOURCE_DIR "/tests/data/mfa/dsm_check.py"
#define SCIPY_FIX                                                              \
    "install python3-numpy and python3-scipy "                                 \
    "(apt-get install python3-scipy)"

static jk_lifetime fixed_lt(double mean)
{
    jk_lifetime lt = {JK_LT_FIXED, mean, 0.0, 0.0, 0.0};
    return lt;
}

static jk_lifetime normal_lt(double mean, double sd)
{
    jk_lifetime lt = {JK_LT_NORMAL, mean, sd, 0.0, 0.0};
    return lt;
}

static jk_lifetime lognormal_lt(double mean, double sd)
{
    jk_lifetime lt = {JK_LT_LOGNORMAL, mean, sd, 0.0, 0.0};
    return lt;
}

static jk_lifetime weibull_lt(double shape, double scale)
{
    jk_lifetime lt = {JK_LT_WEIBULL, 0.0, 0.0, shape, scale};
    return lt;
}

/* |got - want| <= tol * max(|want|, 1): relative above 1, absolute below. */
static void assert_close(double got, double want, double tol, const char *what,
                         int k)
{
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    if (!(fabs(got - want) <= tol * scale))
        fail_msg("%s[%d] = %.17g, expected %.17g (diff %.3g, tol %.3g)", what,
                 k, got, want, fabs(got - want), tol * scale);
}

static void assert_series(const double *got, const double *want, int n,
                          double tol, const char *what)
{
    for (int k = 0; k < n; k++)
        assert_close(got[k], want[k], tol, what, k);
}

/* ------------------------------------------------------------------ */
/* Hand-checkable cases                                                */
/* ------------------------------------------------------------------ */

static void test_fixed_survival_table(void **state)
{
    double sf[5 * 5];
    jk_lifetime lt = fixed_lt(3.0);
    jk_err err;
    (void)state;

    assert_rc(jk_dsm_survival(&lt, 5, sf, &err), JK_OK);
    for (int t = 0; t < 5; t++)
        for (int c = 0; c < 5; c++) {
            double want = (c <= t && t - c < 3) ? 1.0 : 0.0;
            assert_close(sf[t * 5 + c], want, 0.0, "sf", t * 5 + c);
        }

    /* ODYM: a 3.5-year item is still in use at age 3, gone at age 4. */
    lt.mean = 3.5;
    assert_rc(jk_dsm_survival(&lt, 5, sf, &err), JK_OK);
    for (int t = 0; t < 5; t++)
        assert_close(sf[t * 5], t <= 3 ? 1.0 : 0.0, 0.0, "sf", t * 5);

    /* n = 1: one cell, a fresh cohort. */
    assert_rc(jk_dsm_survival(&lt, 1, sf, &err), JK_OK);
    assert_close(sf[0], 1.0, 0.0, "sf", 0);
}

static void test_fixed_inflow_driven(void **state)
{
    const double inflow[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const double want_stock[8] = {1, 2, 3, 3, 3, 3, 3, 3};
    const double want_out[8] = {0, 0, 0, 1, 1, 1, 1, 1};
    double stock[8], outflow[8];
    jk_lifetime lt = fixed_lt(3.0);
    jk_err err;
    (void)state;

    assert_rc(jk_dsm_inflow_driven(&lt, inflow, 8, stock, outflow, &err),
              JK_OK);
    assert_int_equal(err.code, JK_OK);
    assert_series(stock, want_stock, 8, 0.0, "stock");
    assert_series(outflow, want_out, 8, 0.0, "outflow");
}

static void test_fixed_stock_driven(void **state)
{
    const double stock[8] = {1, 2, 3, 3, 3, 3, 3, 3};
    const double want_in[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const double want_out[8] = {0, 0, 0, 1, 1, 1, 1, 1};
    double inflow[8], outflow[8];
    jk_lifetime lt = fixed_lt(3.0);
    int clipped = -1;
    (void)state;

    assert_rc(
        jk_dsm_stock_driven(&lt, stock, 8, inflow, outflow, &clipped, NULL),
        JK_OK);
    assert_int_equal(clipped, 0);
    assert_series(inflow, want_in, 8, 0.0, "inflow");
    assert_series(outflow, want_out, 8, 0.0, "outflow");
}

/*
 * A stock that falls faster than its items reach end of life: year 3
 * asks for 1 but cohorts 1 and 2 are still in use, so the inflow is
 * clipped at 0 and the stock in use stays at 2. Year 4 needs exactly
 * what is left (no clip), year 5 needs one new item.
 */
static void test_stock_driven_clip(void **state)
{
    const double stock[6] = {1, 2, 3, 1, 1, 1};
    const double want_in[6] = {1, 1, 1, 0, 0, 1};
    const double want_out[6] = {0, 0, 0, 1, 1, 1};
    const double in_use[6] = {1, 2, 3, 2, 1, 1};
    double inflow[6], outflow[6], s[6], o[6];
    jk_lifetime lt = fixed_lt(3.0);
    int clipped = -1;
    (void)state;

    assert_rc(
        jk_dsm_stock_driven(&lt, stock, 6, inflow, outflow, &clipped, NULL),
        JK_OK);
    assert_int_equal(clipped, 1);
    assert_series(inflow, want_in, 6, 0.0, "inflow");
    assert_series(outflow, want_out, 6, 0.0, "outflow");

    /* The returned inflow reproduces the stock actually in use. */
    assert_rc(jk_dsm_inflow_driven(&lt, inflow, 6, s, o, NULL), JK_OK);
    assert_series(s, in_use, 6, 0.0, "stock in use");
    assert_series(o, want_out, 6, 0.0, "outflow");

    /* clipped may be NULL. */
    assert_rc(jk_dsm_stock_driven(&lt, stock, 6, inflow, outflow, NULL, NULL),
              JK_OK);
    assert_series(inflow, want_in, 6, 0.0, "inflow");
}

/* Closed forms of the survival curve at a few ages. */
static void test_curve_values(void **state)
{
    double sf[12 * 12];
    jk_lifetime lt;
    (void)state;

    /* Normal: half of a cohort is left at age == mean. */
    lt = normal_lt(6.0, 2.0);
    assert_rc(jk_dsm_survival(&lt, 12, sf, NULL), JK_OK);
    assert_close(sf[6 * 12], 0.5, 0.0, "normal sf", 6);
    assert_close(sf[11 * 12 + 5], 0.5, 0.0, "normal sf", 11 * 12 + 5);
    /* age mean - sd: 1 - Phi(-1) = 0.841344746068542948... */
    assert_close(sf[4 * 12], 0.84134474606854293, 1e-15, "normal sf", 4);
    assert_close(sf[0 * 12 + 1], 0.0, 0.0, "above diagonal", 1);

    /* Weibull shape 1 is exponential: exp(-age / scale). */
    lt = weibull_lt(1.0, 4.0);
    assert_rc(jk_dsm_survival(&lt, 12, sf, NULL), JK_OK);
    for (int age = 0; age < 12; age++)
        assert_close(sf[age * 12], exp(-age / 4.0), 1e-15, "weibull sf", age);

    /* Lognormal: f(0) = 1, and the median exp(mu) = mean / sqrt(1 + cv^2)
       is 8 / sqrt(1.5625) = 6.4 for mean 8, sd 6; sf(6) > 0.5 > sf(7). */
    lt = lognormal_lt(8.0, 6.0);
    assert_rc(jk_dsm_survival(&lt, 12, sf, NULL), JK_OK);
    assert_close(sf[0], 1.0, 0.0, "lognormal sf", 0);
    assert_true(sf[6 * 12] > 0.5);
    assert_true(sf[7 * 12] < 0.5);
    for (int age = 1; age < 12; age++)
        assert_true(sf[age * 12] < sf[(age - 1) * 12]);
}

/*
 * The lifetime has the mean and sd asked for (mfa.h): E[L] = integral
 * of sf, E[L^2] = integral of 2 a sf(a), by the trapezoid rule over a
 * long horizon. ODYM's lognormal conversion would give sd = mean^2/sd
 * = 36 here instead of 4.
 */
static void lifetime_moments(const jk_lifetime *lt, double *mean, double *sd)
{
    enum { N = 200 };
    static double sf[N * N];
    double m1 = 0.0, m2 = 0.0;

    assert_rc(jk_dsm_survival(lt, N, sf, NULL), JK_OK);
    for (int a = 0; a < N; a++) {
        double w = a == 0 ? 0.5 : 1.0;
        m1 += w * sf[a * N];
        m2 += w * 2.0 * a * sf[a * N];
    }
    *mean = m1;
    *sd = sqrt(m2 - m1 * m1);
}

static void test_lifetime_moments(void **state)
{
    jk_lifetime lt;
    double mean, sd, k = 2.5, lambda = 15.0;
    (void)state;

    lt = lognormal_lt(12.0, 4.0);
    lifetime_moments(&lt, &mean, &sd);
    assert_close(mean, 12.0, 1e-3, "lognormal mean", 0);
    assert_close(sd, 4.0, 1e-2, "lognormal sd", 0);

    lt = normal_lt(12.0, 4.0);
    lifetime_moments(&lt, &mean, &sd);
    assert_close(mean, 12.0, 1e-3, "normal mean", 0);
    assert_close(sd, 4.0, 1e-2, "normal sd", 0);

    lt = weibull_lt(k, lambda);
    lifetime_moments(&lt, &mean, &sd);
    assert_close(mean, lambda * tgamma(1.0 + 1.0 / k), 1e-3, "weibull mean", 0);
    assert_close(
        sd,
        lambda * sqrt(tgamma(1.0 + 2.0 / k) - pow(tgamma(1.0 + 1.0 / k), 2.0)),
        1e-2, "weibull sd", 0);
}

/* ------------------------------------------------------------------ */
/* Round trips and mass balance                                        */
/* ------------------------------------------------------------------ */

static void make_inflow(double *v, int n)
{
    for (int t = 0; t < n; t++)
        v[t] = 10.0 + 0.8 * t + 4.0 * sin(0.7 * t);
    v[5] = 0.0; /* a year without inflow */
    v[17] = 0.0;
}

static void test_round_trip(void **state)
{
    const jk_lifetime lts[] = {
        fixed_lt(7.0),         fixed_lt(2.5),           normal_lt(12.0, 4.0),
        normal_lt(2.0, 3.0),   lognormal_lt(12.0, 4.0), lognormal_lt(5.0, 9.0),
        weibull_lt(2.5, 15.0), weibull_lt(0.8, 6.0),
    };
    double inflow[NY], stock[NY], outflow[NY], in2[NY], out2[NY];
    (void)state;

    make_inflow(inflow, NY);
    for (size_t k = 0; k < ARRAY_LEN(lts); k++) {
        int clipped = -1;
        jk_err err;

        assert_rc(
            jk_dsm_inflow_driven(&lts[k], inflow, NY, stock, outflow, &err),
            JK_OK);
        /* inflow - outflow = stock change, every year */
        for (int t = 0; t < NY; t++)
            assert_close(inflow[t] - outflow[t],
                         stock[t] - (t ? stock[t - 1] : 0.0), 1e-12, "balance",
                         t);
        assert_rc(
            jk_dsm_stock_driven(&lts[k], stock, NY, in2, out2, &clipped, &err),
            JK_OK);
        if (clipped != 0)
            fail_msg("lifetime %zu: %d clipped years in a round trip", k,
                     clipped);
        assert_series(in2, inflow, NY, REL_TOL, "inflow");
        assert_series(out2, outflow, NY, REL_TOL, "outflow");
    }
}

/* ------------------------------------------------------------------ */
/* Parameter errors                                                    */
/* ------------------------------------------------------------------ */

static void assert_err(const jk_err *err, const char *where, const char *msg)
{
    assert_int_equal(err->code, JK_EINVAL);
    assert_string_equal(err->where, where);
    if (!strstr(err->msg, msg))
        fail_msg("message \"%s\" does not mention \"%s\"", err->msg, msg);
}

static void test_lifetime_errors(void **state)
{
    static const struct {
        jk_lifetime lt;
        const char *where;
        const char *msg;
    } bad[] = {
        {{JK_LT_FIXED, 0.0, 0.0, 0.0, 0.0}, "lt.mean", "mean must be"},
        {{JK_LT_FIXED, -3.0, 0.0, 0.0, 0.0}, "lt.mean", "got -3"},
        {{JK_LT_FIXED, D_NAN, 0.0, 0.0, 0.0}, "lt.mean", "finite"},
        {{JK_LT_NORMAL, D_INF, 1.0, 0.0, 0.0}, "lt.mean", "finite"},
        {{JK_LT_NORMAL, 10.0, 0.0, 0.0, 0.0}, "lt.sd", "normal lifetime"},
        {{JK_LT_NORMAL, 10.0, -1.0, 0.0, 0.0}, "lt.sd", "got -1"},
        {{JK_LT_LOGNORMAL, 0.0, 1.0, 0.0, 0.0}, "lt.mean", "mean must be"},
        {{JK_LT_LOGNORMAL, 10.0, 0.0, 0.0, 0.0}, "lt.sd", "lognormal"},
        {{JK_LT_LOGNORMAL, 10.0, D_NAN, 0.0, 0.0}, "lt.sd", "finite"},
        {{JK_LT_WEIBULL, 0.0, 0.0, 0.0, 10.0}, "lt.shape", "shape must be"},
        {{JK_LT_WEIBULL, 0.0, 0.0, -2.0, 10.0}, "lt.shape", "got -2"},
        {{JK_LT_WEIBULL, 0.0, 0.0, 2.0, 0.0}, "lt.scale", "scale must be"},
        {{JK_LT_WEIBULL, 0.0, 0.0, 2.0, D_INF}, "lt.scale", "finite"},
        {{(jk_lifetime_kind)0, 10.0, 1.0, 1.0, 1.0}, "lt.kind", "kind 0"},
        {{(jk_lifetime_kind)99, 10.0, 1.0, 1.0, 1.0}, "lt.kind", "kind 99"},
    };
    double in[4] = {1, 1, 1, 1}, a[4] = {7, 7, 7, 7}, b[4] = {7, 7, 7, 7};
    double sf[16] = {7};
    (void)state;

    for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
        jk_err err;
        int clipped = -1;

        assert_rc(jk_dsm_survival(&bad[k].lt, 4, sf, &err), JK_EINVAL);
        assert_err(&err, bad[k].where, bad[k].msg);
        assert_rc(jk_dsm_inflow_driven(&bad[k].lt, in, 4, a, b, &err),
                  JK_EINVAL);
        assert_err(&err, bad[k].where, bad[k].msg);
        assert_rc(jk_dsm_stock_driven(&bad[k].lt, in, 4, a, b, &clipped, &err),
                  JK_EINVAL);
        assert_err(&err, bad[k].where, bad[k].msg);
        assert_int_equal(clipped, 0);
        /* err may be NULL */
        assert_rc(jk_dsm_survival(&bad[k].lt, 4, sf, NULL), JK_EINVAL);
    }
    /* nothing was written */
    assert_close(sf[0], 7.0, 0.0, "sf", 0);
    for (int k = 0; k < 4; k++) {
        assert_close(a[k], 7.0, 0.0, "untouched", k);
        assert_close(b[k], 7.0, 0.0, "untouched", k);
    }
}

static void test_argument_errors(void **state)
{
    jk_lifetime lt = normal_lt(10.0, 3.0);
    double in[4] = {1, 1, 1, 1}, a[4], b[4], sf[16];
    jk_err err;
    int clipped = -1;
    (void)state;

    assert_rc(jk_dsm_survival(NULL, 4, sf, &err), JK_EINVAL);
    assert_err(&err, "lt", "NULL");
    assert_rc(jk_dsm_survival(&lt, 0, sf, &err), JK_EINVAL);
    assert_err(&err, "n", "n must be >= 1, got 0");
    assert_rc(jk_dsm_survival(&lt, -5, sf, &err), JK_EINVAL);
    assert_err(&err, "n", "got -5");
    assert_rc(jk_dsm_survival(&lt, 4, NULL, &err), JK_EINVAL);
    assert_err(&err, "sf", "NULL");

    assert_rc(jk_dsm_inflow_driven(NULL, in, 4, a, b, &err), JK_EINVAL);
    assert_err(&err, "lt", "NULL");
    assert_rc(jk_dsm_inflow_driven(&lt, NULL, 4, a, b, &err), JK_EINVAL);
    assert_err(&err, "inflow", "inflow is NULL");
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, NULL, b, &err), JK_EINVAL);
    assert_err(&err, "stock", "stock is NULL");
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, a, NULL, &err), JK_EINVAL);
    assert_err(&err, "outflow", "outflow is NULL");
    assert_rc(jk_dsm_inflow_driven(&lt, in, 0, a, b, &err), JK_EINVAL);
    assert_err(&err, "n", "n must be >= 1");
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, a, a, &err), JK_EINVAL);
    assert_err(&err, "", "distinct");
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, in, b, &err), JK_EINVAL);
    assert_err(&err, "", "distinct");

    assert_rc(jk_dsm_stock_driven(NULL, in, 4, a, b, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "lt", "NULL");
    assert_rc(jk_dsm_stock_driven(&lt, NULL, 4, a, b, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "stock", "stock is NULL");
    assert_rc(jk_dsm_stock_driven(&lt, in, 4, NULL, b, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "inflow", "inflow is NULL");
    assert_rc(jk_dsm_stock_driven(&lt, in, 4, a, NULL, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "outflow", "outflow is NULL");
    assert_rc(jk_dsm_stock_driven(&lt, in, -1, a, b, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "n", "got -1");
    assert_rc(jk_dsm_stock_driven(&lt, in, 4, a, in, &clipped, &err),
              JK_EINVAL);
    assert_err(&err, "", "distinct");

    /* Non-finite series values are named by index. */
    in[2] = D_NAN;
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, a, b, &err), JK_EINVAL);
    assert_err(&err, "inflow[2]", "finite");
    in[2] = 1.0;
    in[3] = -D_INF;
    assert_rc(jk_dsm_stock_driven(&lt, in, 4, a, b, &clipped, &err), JK_EINVAL);
    assert_err(&err, "stock[3]", "finite");
    assert_int_equal(clipped, 0);

    /* A later success clears err. */
    in[3] = 1.0;
    assert_rc(jk_dsm_inflow_driven(&lt, in, 4, a, b, &err), JK_OK);
    assert_int_equal(err.code, JK_OK);
    assert_string_equal(err.where, "");
}

static void test_alloc_failures(void **state)
{
    jk_lifetime lt = weibull_lt(2.0, 8.0);
    double in[6] = {1, 2, 3, 4, 5, 6}, a[6], b[6];
    jk_err err;
    int clipped = -1;
    (void)state;

    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */

    for (int k = 0; k < 6; k++)
        a[k] = b[k] = 7.0;
    jk_alloc_fail_nth(1);
    assert_rc(jk_dsm_inflow_driven(&lt, in, 6, a, b, &err), JK_ENOMEM);
    assert_true(jk_alloc_failed());
    jk_alloc_fail_nth(1);
    assert_rc(jk_dsm_stock_driven(&lt, in, 6, a, b, &clipped, &err), JK_ENOMEM);
    assert_true(jk_alloc_failed());
    assert_int_equal(clipped, 0);
    jk_alloc_fail_nth(0);
    for (int k = 0; k < 6; k++) {
        assert_close(a[k], 7.0, 0.0, "untouched", k);
        assert_close(b[k], 7.0, 0.0, "untouched", k);
    }
    /* One allocation each, and none for the survival table. */
    jk_alloc_fail_nth(2);
    assert_rc(jk_dsm_inflow_driven(&lt, in, 6, a, b, &err), JK_OK);
    assert_rc(jk_dsm_survival(&lt, 2, a, &err), JK_OK);
    assert_false(jk_alloc_failed());
    jk_alloc_fail_nth(0);
}

/* ------------------------------------------------------------------ */
/* Independent check against numpy/scipy.stats (dsm_check.py)          */
/* ------------------------------------------------------------------ */

typedef enum mode { M_SURVIVAL, M_INFLOW, M_STOCK } mode;

typedef struct scipy_case {
    const char *name;   /* case name, also in the Python output */
    const char *pykind; /* lifetime kind as dsm_check.py spells it */
    jk_lifetime lt;     /* the same lifetime for the C code */
    mode mode;          /* what to compute */
    int series;         /* input series: 0 inflow, 1 growth, 2 boom/bust */
} scipy_case;

/* clang-format off */
/* Lifetimes in the case table. */
#define NORM(m, s) {JK_LT_NORMAL, m, s, 0, 0}
#define LOGN(m, s) {JK_LT_LOGNORMAL, m, s, 0, 0}
#define WEIB(k, l) {JK_LT_WEIBULL, 0, 0, k, l}
#define FIX(m)     {JK_LT_FIXED, m, 0, 0, 0}

static const scipy_case SCIPY_CASES[] = {
    {"normal_sf",      "normal",         NORM(12, 4),   M_SURVIVAL, 0},
    {"normal_in",      "normal",         NORM(12, 4),   M_INFLOW,   0},
    {"normal_st",      "normal",         NORM(12, 4),   M_STOCK,    1},
    {"normal_wide_in", "normal",         NORM(2, 3),    M_INFLOW,   0},
    {"normal_clip",    "normal",         NORM(8, 2),    M_STOCK,    2},
    {"logn_sf",        "lognormal",      LOGN(12, 4),   M_SURVIVAL, 0},
    {"logn_in",        "lognormal",      LOGN(12, 4),   M_INFLOW,   0},
    {"logn_st",        "lognormal",      LOGN(12, 4),   M_STOCK,    1},
    {"logn_wide_in",   "lognormal",      LOGN(5, 9),    M_INFLOW,   0},
    {"logn_clip",      "lognormal",      LOGN(8, 3),    M_STOCK,    2},
    /* sd == mean: ODYM's literal conversion agrees, so this is ODYM. */
    {"odym_logn_sf",   "lognormal_odym", LOGN(10, 10),  M_SURVIVAL, 0},
    {"odym_logn_in",   "lognormal_odym", LOGN(10, 10),  M_INFLOW,   0},
    {"odym_logn_st",   "lognormal_odym", LOGN(10, 10),  M_STOCK,    1},
    {"weib_sf",        "weibull",        WEIB(2.5, 15), M_SURVIVAL, 0},
    {"weib_in",        "weibull",        WEIB(2.5, 15), M_INFLOW,   0},
    {"weib_st",        "weibull",        WEIB(2.5, 15), M_STOCK,    1},
    {"weib_early_in",  "weibull",        WEIB(0.8, 6),  M_INFLOW,   0},
    {"weib_clip",      "weibull",        WEIB(3, 10),   M_STOCK,    2},
    {"fixed_in",       "fixed",          FIX(7),        M_INFLOW,   0},
    {"fixed_clip",     "fixed",          FIX(6.5),      M_STOCK,    2},
};
/* clang-format on */

/* Input series: 0 the inflow above, 1 a logistic stock, 2 a stock that
   rises, crashes and recovers (the crash forces clipped inflows). */
static void make_series(int which, double *v)
{
    make_inflow(v, NY);
    for (int t = 0; t < NY; t++) {
        if (which == 1)
            v[t] = 1000.0 / (1.0 + exp(-(t - 12.0) / 4.0));
        else if (which == 2 && t < 12)
            v[t] = 50.0 * t;
        else if (which == 2 && t < 16)
            v[t] = 550.0 - 120.0 * (t - 11);
        else if (which == 2)
            v[t] = 70.0 + 5.0 * t;
    }
}

/* Write every case to f in dsm_check.py's input format. */
static void write_cases(FILE *f)
{
    for (size_t k = 0; k < ARRAY_LEN(SCIPY_CASES); k++) {
        const scipy_case *sc = &SCIPY_CASES[k];
        static const char *const modes[] = {"survival", "inflow", "stock"};
        double p1 = sc->lt.mean, p2 = sc->lt.sd, v[NY];

        if (sc->lt.kind == JK_LT_WEIBULL) {
            p1 = sc->lt.shape;
            p2 = sc->lt.scale;
        }
        fprintf(f, "%s %s %.17g %.17g %s %d", sc->name, sc->pykind, p1, p2,
                modes[sc->mode], NY);
        make_series(sc->series, v);
        for (int t = 0; sc->mode != M_SURVIVAL && t < NY; t++)
            fprintf(f, " %.17g", v[t]);
        fputc('\n', f);
    }
}

/* The next blank-separated token of *p, NUL-terminated in place. */
static char *next_token(char **p)
{
    char *s = *p, *tok;

    while (*s == ' ')
        s++;
    if (*s == '\0' || *s == '\n')
        return NULL;
    tok = s;
    while (*s && *s != ' ' && *s != '\n')
        s++;
    if (*s)
        *s++ = '\0';
    *p = s;
    return tok;
}

/* Compare the numbers in the rest of a line with got[0..n). */
static void compare_line(char *rest, const double *got, int n, const char *name,
                         const char *what)
{
    char label[96];
    char *tok;
    int k = 0;

    jk_snprintf(label, sizeof(label), "%s %s", name, what);
    while ((tok = next_token(&rest)) != NULL) {
        double want;
        if (k >= n) {
            fail_msg("%s: more than %d values from dsm_check.py", label, n);
            return;
        }
        if (jk_parse_double(tok, &want) != JK_OK) {
            fail_msg("%s: bad number \"%s\" from dsm_check.py", label, tok);
            return;
        }
        assert_close(got[k], want, REL_TOL, label, k);
        k++;
    }
    if (k != n)
        fail_msg("%s: %d values from dsm_check.py, expected %d", label, k, n);
}

/* Compute case sc in C and compare it with one output line of Python. */
static void check_line(const scipy_case *sc, const char *what, char *rest)
{
    static double sf[NY * NY];
    double v[NY], a[NY], b[NY];
    int clipped = -1;
    jk_err err;

    make_series(sc->series, v);
    switch (sc->mode) {
    case M_SURVIVAL:
        assert_rc(jk_dsm_survival(&sc->lt, NY, sf, &err), JK_OK);
        if (strcmp(what, "sf") == 0) {
            compare_line(rest, sf, NY * NY, sc->name, what);
            return;
        }
        break;
    case M_INFLOW:
        assert_rc(jk_dsm_inflow_driven(&sc->lt, v, NY, a, b, &err), JK_OK);
        if (strcmp(what, "stock") == 0) {
            compare_line(rest, a, NY, sc->name, what);
            return;
        }
        if (strcmp(what, "outflow") == 0) {
            compare_line(rest, b, NY, sc->name, what);
            return;
        }
        break;
    case M_STOCK:
        assert_rc(jk_dsm_stock_driven(&sc->lt, v, NY, a, b, &clipped, &err),
                  JK_OK);
        if (strcmp(what, "inflow") == 0) {
            compare_line(rest, a, NY, sc->name, what);
            return;
        }
        if (strcmp(what, "outflow") == 0) {
            compare_line(rest, b, NY, sc->name, what);
            return;
        }
        if (strcmp(what, "clipped") == 0) {
            double want = -1.0;
            char *tok = next_token(&rest);
            if (!tok || jk_parse_double(tok, &want) != JK_OK) {
                fail_msg("%s clipped: no count from dsm_check.py", sc->name);
                return;
            }
            /* the "clip" cases must exercise the clip */
            if (strstr(sc->name, "clip") && want < 1.0)
                fail_msg("%s: no clipped year, change the series", sc->name);
            assert_int_equal(clipped, (int)want);
            return;
        }
        break;
    }
    fail_msg("%s: unexpected quantity \"%s\" from dsm_check.py", sc->name,
             what);
}

/*
 * Run dsm_check.py on the cases and return its whole output in out
 * (free with jk_buf_free). Fails the test, with the fix to apply, when
 * python3, numpy or scipy is missing or the script fails.
 */
static void run_check(jk_buf *out)
{
    char path[512], cmd[1200], chunk[4096], first[200] = "";
    const char *tmp = getenv("TMPDIR");
    int fd, status;
    size_t got;
    FILE *f, *p;

    if (access(PYTHON, X_OK) != 0)
        fail_msg(PYTHON " not found: the DSM check needs python3 with "
                        "numpy and scipy; " SCIPY_FIX);
    jk_snprintf(path, sizeof(path), "%s/jk_dsm_XXXXXX",
                tmp && *tmp ? tmp : "/tmp");
    if (strchr(path, '\'') || strchr(CHECK_PY, '\''))
        fail_msg("quote in a path: %s or %s", path, CHECK_PY);
    fd = mkstemp(path);
    if (fd < 0)
        fail_msg("cannot create a temporary file %s", path);
    if (!(f = fdopen(fd, "w"))) {
        close(fd);
        unlink(path);
        fail_msg("cannot write the temporary file %s", path);
    }
    write_cases(f);
    if (fclose(f) != 0) {
        unlink(path);
        fail_msg("cannot write the temporary file %s", path);
    }

    jk_snprintf(cmd, sizeof(cmd), PYTHON " '%s' '%s'", CHECK_PY, path);
    jk_buf_init(out, (size_t)8 << 20);
    if (!(p = popen(cmd, "r"))) {
        unlink(path);
        fail_msg("cannot run %s", cmd);
    }
    while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
        if (jk_buf_add(out, chunk, got) != JK_OK)
            break;
    status = pclose(p);
    unlink(path);
    jk_strlcpy(first, jk_buf_str(out), sizeof(first));
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("%s failed (exit %d): %s%s", cmd,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1, first,
                 WIFEXITED(status) && WEXITSTATUS(status) == 3
                     ? ""
                     : " (if numpy or scipy is missing: " SCIPY_FIX ")");
    if (got > 0)
        fail_msg("dsm_check.py: output longer than %zu bytes", out->max);
}

static void test_against_scipy(void **state)
{
    jk_buf out;
    char *line, *next;
    int lines = 0, seen[ARRAY_LEN(SCIPY_CASES)] = {0};
    (void)state;

    run_check(&out);
    for (line = out.data; line && *line; line = next) {
        char *rest = line, *name, *what;
        size_t k;

        lines++;
        if (!(next = strchr(line, '\n'))) {
            fail_msg("dsm_check.py: line %d does not end", lines);
            break;
        }
        *next++ = '\0';
        name = next_token(&rest);
        what = next_token(&rest);
        if (!name || !what) {
            fail_msg("dsm_check.py: line %d has no case name", lines);
            break;
        }
        for (k = 0; k < ARRAY_LEN(SCIPY_CASES); k++)
            if (strcmp(SCIPY_CASES[k].name, name) == 0)
                break;
        if (k == ARRAY_LEN(SCIPY_CASES)) {
            fail_msg("dsm_check.py: unknown case \"%s\"", name);
            break;
        }
        check_line(&SCIPY_CASES[k], what, rest);
        seen[k]++;
    }
    jk_buf_free(&out);
    for (size_t k = 0; k < ARRAY_LEN(SCIPY_CASES); k++) {
        int want = SCIPY_CASES[k].mode == M_SURVIVAL ? 1
                   : SCIPY_CASES[k].mode == M_INFLOW ? 2
                                                     : 3;
        if (seen[k] != want)
            fail_msg("%s: %d lines from dsm_check.py, expected %d",
                     SCIPY_CASES[k].name, seen[k], want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_survival_table),
        cmocka_unit_test(test_fixed_inflow_driven),
        cmocka_unit_test(test_fixed_stock_driven),
        cmocka_unit_test(test_stock_driven_clip),
        cmocka_unit_test(test_curve_values),
        cmocka_unit_test(test_lifetime_moments),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_lifetime_errors),
        cmocka_unit_test(test_argument_errors),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_against_scipy),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
