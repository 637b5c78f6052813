/*
 * Dynamic stock models after ODYM's dynamic_stock_model.py (Pauliuk and
 * Heeren; read from IndEcol/ODYM, odym/modules/dynamic_stock_model.py,
 * methods compute_sf, compute_s_c_inflow_driven, compute_o_c_from_s_c
 * and compute_stock_driven_model). docs/internals/dsm.md has the notes.
 *
 * Every cohort shares one lifetime, so the survival table is one curve
 * f[age], age = t - c = 0, 1, ..., n - 1, with sf[t, c] = f[t - c] for
 * t >= c and 0 above the diagonal. As in ODYM, f is the scipy.stats
 * survival function evaluated at the integer ages np.arange(0, n):
 *
 *   fixed      f = 1 if age < mean, else 0 (a 3-year item is in use at
 *              ages 0, 1, 2 and leaves in year c + 3; mean 3.5 keeps it
 *              through age 3). ODYM's convention, no scipy call.
 *   normal     norm.sf(age, loc=mean, scale=sd)
 *              = erfc((age - mean) / (sd * sqrt 2)) / 2. Not truncated:
 *              the mass at negative ages leaves in the year of inflow,
 *              as in ODYM. sd must be > 0 (scipy and so ODYM give NaN
 *              for sd = 0; use JK_LT_FIXED for a sharp lifetime).
 *   lognormal  lognorm.sf(age, s=sigma, scale=exp(mu)) with mu, sigma
 *              of the underlying normal chosen so that the lifetime has
 *              the given mean and sd (as mfa.h documents):
 *              sigma^2 = log(1 + sd^2 / mean^2), mu = log(mean) -
 *              sigma^2 / 2. f(0) = 1. ODYM writes mean^2 / sd^2 where
 *              sd^2 / mean^2 belongs, which keeps the mean but gives
 *              the lifetime an sd of mean^2 / sd; the two agree only
 *              for sd == mean.
 *   weibull    weibull_min.sf(age, c=shape, scale=scale)
 *              = exp(-(age / scale)^shape).
 *
 * ODYM's "lifetime 0 gives sf 0" special cases are unreachable because
 * mean, shape and scale must be > 0; FoldedNormal has no jk kind.
 *
 * Inflow-driven: s_c[t, c] = i[c] * f[t - c], stock[t] = sum_c s_c[t, c],
 * outflow[t] = sum_{c<t} (s_c[t-1, c] - s_c[t, c]) + (i[t] - s_c[t, t]).
 *
 * Stock-driven, year by year as ODYM without NegativeInflowCorrect:
 * i[t] = (S[t] - sum_{c<t} s_c[t, c]) / f(0). ODYM lets i[t] go
 * negative; here a negative i[t] is set to 0 and the year counted in
 * *clipped, unless the gap is rounding noise (above -1e-12 of the
 * stock), which is zeroed silently. The surplus stays in the cohorts
 * (the stock in use is then above S[t]), so feeding the returned inflow
 * to jk_dsm_inflow_driven gives the stock actually in use. f(0) == 0
 * (impossible for valid parameters: f(0) >= 1/2) gives i[t] = 0, as in
 * ODYM, counted as clipped when the gap is positive.
 *
 * All functions are reentrant and thread-safe.
 */
#include <math.h>
#include <stdint.h>

#include <junkan/mfa.h>

#define INV_SQRT2 0.70710678118654752440 /* 1 / sqrt(2) */
#define CLIP_EPS  1e-12 /* negative gaps smaller than this share are noise */

/* The parameters of the curve, derived once from a validated lifetime. */
typedef struct curve {
    jk_lifetime_kind kind; /* which formula */
    double a;              /* fixed, normal: mean; lognormal: mu;
                              weibull: shape */
    double b;              /* normal: sd; lognormal: sigma; weibull: scale */
} curve;

static bool is_pos(double x)
{
    return isfinite(x) && x > 0.0;
}

/*
 * Check a lifetime and derive its curve parameters. JK_EINVAL with the
 * offending field named in err on bad input. Fields a kind does not use
 * are ignored.
 */
static int lifetime_curve(const jk_lifetime *lt, curve *cv, jk_err *err)
{
    double r;

    if (!lt)
        return jk_err_set(err, JK_EINVAL, "lt", "lifetime is NULL");
    cv->kind = lt->kind;
    cv->a = cv->b = 0.0;
    switch (lt->kind) {
    case JK_LT_FIXED:
    case JK_LT_NORMAL:
    case JK_LT_LOGNORMAL:
        if (!is_pos(lt->mean))
            return jk_err_set(err, JK_EINVAL, "lt.mean",
                              "lifetime mean must be a finite number > 0 "
                              "years, got %g",
                              lt->mean);
        if (lt->kind == JK_LT_FIXED) {
            cv->a = lt->mean;
            return JK_OK;
        }
        if (!is_pos(lt->sd))
            return jk_err_set(err, JK_EINVAL, "lt.sd",
                              "lifetime sd must be a finite number > 0 "
                              "years for a %s lifetime, got %g (use "
                              "JK_LT_FIXED for a sharp lifetime)",
                              lt->kind == JK_LT_NORMAL ? "normal" : "lognormal",
                              lt->sd);
        if (lt->kind == JK_LT_NORMAL) {
            cv->a = lt->mean;
            cv->b = lt->sd;
            return JK_OK;
        }
        r = lt->sd / lt->mean;
        cv->b = sqrt(log1p(r * r));
        cv->a = log(lt->mean) - 0.5 * cv->b * cv->b;
        if (!is_pos(cv->b) || !isfinite(cv->a))
            return jk_err_set(err, JK_EINVAL, "lt.sd",
                              "lognormal lifetime: sd %g and mean %g "
                              "give no usable distribution",
                              lt->sd, lt->mean);
        return JK_OK;
    case JK_LT_WEIBULL:
        if (!is_pos(lt->shape))
            return jk_err_set(err, JK_EINVAL, "lt.shape",
                              "Weibull shape must be a finite number > 0, "
                              "got %g",
                              lt->shape);
        if (!is_pos(lt->scale))
            return jk_err_set(err, JK_EINVAL, "lt.scale",
                              "Weibull scale must be a finite number > 0 "
                              "years, got %g",
                              lt->scale);
        cv->a = lt->shape;
        cv->b = lt->scale;
        return JK_OK;
    }
    return jk_err_set(err, JK_EINVAL, "lt.kind",
                      "lifetime kind %d is not a jk_lifetime_kind",
                      (int)lt->kind);
}

/* The share of a cohort still in use at the given age (>= 0). */
static double survival_at(const curve *cv, int age)
{
    double x = (double)age;

    switch (cv->kind) {
    case JK_LT_FIXED:
        return x < cv->a ? 1.0 : 0.0;
    case JK_LT_NORMAL:
        return 0.5 * erfc((x - cv->a) / cv->b * INV_SQRT2);
    case JK_LT_LOGNORMAL:
        if (age == 0)
            return 1.0;
        return 0.5 * erfc((log(x) - cv->a) / cv->b * INV_SQRT2);
    case JK_LT_WEIBULL:
        return exp(-pow(x / cv->b, cv->a));
    }
    return 0.0; /* not reached: lifetime_curve checked the kind */
}

/* Check n and the presence of the arrays a model needs. */
static int check_args(int n, const void *in, const char *in_name,
                      const void *out1, const char *out1_name, const void *out2,
                      const char *out2_name, jk_err *err)
{
    if (n < 1)
        return jk_err_set(err, JK_EINVAL, "n",
                          "number of years n must be >= 1, got %d", n);
    if ((size_t)n > SIZE_MAX / sizeof(double))
        return jk_err_set(err, JK_ELIMIT, "n", "n = %d years is too many", n);
    if (!in)
        return jk_err_set(err, JK_EINVAL, in_name, "%s is NULL", in_name);
    if (!out1)
        return jk_err_set(err, JK_EINVAL, out1_name, "%s is NULL", out1_name);
    if (!out2)
        return jk_err_set(err, JK_EINVAL, out2_name, "%s is NULL", out2_name);
    if (out1 == out2 || out1 == in || out2 == in)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "%s, %s and %s must be distinct arrays", in_name,
                          out1_name, out2_name);
    return JK_OK;
}

/* JK_EINVAL naming the first element of v[0..n) that is NaN or infinite. */
static int check_finite(const double *v, int n, const char *name, jk_err *err)
{
    char where[32];

    for (int k = 0; k < n; k++) {
        if (!isfinite(v[k])) {
            jk_snprintf(where, sizeof(where), "%s[%d]", name, k);
            return jk_err_set(err, JK_EINVAL, where,
                              "%s[%d] must be a finite number, got %g", name, k,
                              v[k]);
        }
    }
    return JK_OK;
}

/*
 * The survival curve f[0..n) for a checked lifetime, on the jk heap
 * (free with jk_free). NULL and JK_ENOMEM in err when out of memory.
 */
static double *curve_new(const curve *cv, int n, jk_err *err)
{
    double *f = jk_malloc((size_t)n * sizeof(*f));

    if (!f) {
        jk_err_set(err, JK_ENOMEM, NULL,
                   "out of memory for a %d-year survival curve", n);
        return NULL;
    }
    for (int age = 0; age < n; age++)
        f[age] = survival_at(cv, age);
    return f;
}

/*
 * Fill the n x n survival table sf[t * n + c] (0 for t < c). Checks
 * everything before writing: on failure sf is untouched. No allocation.
 */
int jk_dsm_survival(const jk_lifetime *lt, int n, double *sf, jk_err *err)
{
    curve cv;
    size_t un;
    int rc;

    jk_err_clear(err);
    if ((rc = lifetime_curve(lt, &cv, err)) != JK_OK)
        return rc;
    if (n < 1)
        return jk_err_set(err, JK_EINVAL, "n",
                          "number of years n must be >= 1, got %d", n);
    un = (size_t)n;
    if (un > SIZE_MAX / sizeof(double) / un)
        return jk_err_set(err, JK_ELIMIT, "n",
                          "an %d x %d survival table is too large", n, n);
    if (!sf)
        return jk_err_set(err, JK_EINVAL, "sf", "sf is NULL");

    /* Column 0 holds the curve itself; the other columns shift it. */
    for (size_t t = 0; t < un; t++)
        sf[t * un] = survival_at(&cv, (int)t);
    for (size_t t = 0; t < un; t++)
        for (size_t c = 1; c < un; c++)
            sf[t * un + c] = c <= t ? sf[(t - c) * un] : 0.0;
    return JK_OK;
}

/*
 * Inflow-driven model (ODYM compute_s_c_inflow_driven,
 * compute_o_c_from_s_c). inflow must be finite; negative values are
 * carried through linearly. Outputs must not overlap the input. On
 * failure (JK_EINVAL, JK_ELIMIT, JK_ENOMEM) stock and outflow are
 * untouched.
 */
int jk_dsm_inflow_driven(const jk_lifetime *lt, const double *inflow, int n,
                         double *stock, double *outflow, jk_err *err)
{
    curve cv;
    double *f;
    int rc;

    jk_err_clear(err);
    if ((rc = lifetime_curve(lt, &cv, err)) != JK_OK)
        return rc;
    rc = check_args(n, inflow, "inflow", stock, "stock", outflow, "outflow",
                    err);
    if (rc != JK_OK)
        return rc;
    if ((rc = check_finite(inflow, n, "inflow", err)) != JK_OK)
        return rc;
    if (!(f = curve_new(&cv, n, err)))
        return JK_ENOMEM;

    for (int t = 0; t < n; t++) {
        double s = 0.0, o = 0.0;
        for (int c = 0; c < t; c++) {
            double now = inflow[c] * f[t - c];
            s += now;
            o += inflow[c] * f[t - 1 - c] - now;
        }
        s += inflow[t] * f[0];
        o += inflow[t] - inflow[t] * f[0];
        stock[t] = s;
        outflow[t] = o;
    }
    jk_free(f);
    return JK_OK;
}

/*
 * Stock-driven model (ODYM compute_stock_driven_model without
 * NegativeInflowCorrect, plus the clip at 0 described at the top).
 * stock must be finite. *clipped (when not NULL) gets the number of
 * clipped years, 0 on failure. Outputs must not overlap the input. On
 * failure (JK_EINVAL, JK_ELIMIT, JK_ENOMEM) inflow and outflow are
 * untouched.
 */
int jk_dsm_stock_driven(const jk_lifetime *lt, const double *stock, int n,
                        double *inflow, double *outflow, int *clipped,
                        jk_err *err)
{
    curve cv;
    double *f;
    int rc, nclip = 0;

    jk_err_clear(err);
    if (clipped)
        *clipped = 0;
    if ((rc = lifetime_curve(lt, &cv, err)) != JK_OK)
        return rc;
    rc = check_args(n, stock, "stock", inflow, "inflow", outflow, "outflow",
                    err);
    if (rc != JK_OK)
        return rc;
    if ((rc = check_finite(stock, n, "stock", err)) != JK_OK)
        return rc;
    if (!(f = curve_new(&cv, n, err)))
        return JK_ENOMEM;

    for (int t = 0; t < n; t++) {
        double s = 0.0, o = 0.0, gap, in = 0.0;
        for (int c = 0; c < t; c++) {
            double now = inflow[c] * f[t - c];
            s += now;
            o += inflow[c] * f[t - 1 - c] - now;
        }
        gap = stock[t] - s;
        if (f[0] != 0.0) {
            in = gap / f[0];
            if (in < 0.0) {
                if (gap < -CLIP_EPS * fmax(fabs(stock[t]), s))
                    nclip++;
                in = 0.0;
            }
        } else if (gap > 0.0) {
            nclip++;
        }
        inflow[t] = in;
        outflow[t] = o + in * (1.0 - f[0]);
    }
    jk_free(f);
    if (clipped)
        *clipped = nclip;
    return JK_OK;
}
