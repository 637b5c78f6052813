/*
 * Municipal input tables and the 現状把握 indicators: a municipality
 * worked by hand (tests/data/diagnosis/ok, the same as ok.json), every
 * validation rule with its exact message, and the reference data.
 */
#include <math.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>

#define DATA JK_TEST_DATA "/diagnosis/"
#define REF  JK_SOURCE_DIR "/data/diagnosis"

static jk_dg_ref *ref_load(void)
{
    jk_dg_ref *r = NULL;
    jk_err err;
    if (jk_dg_ref_load(REF, &r, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return r;
}

static jk_dg_data *data_load(const char *path)
{
    jk_dg_data *d = NULL;
    jk_err err;
    if (jk_dg_data_load(path, &d, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return d;
}

#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void check_hand_worked(const char *path)
{
    jk_dg_ref *ref = ref_load();
    jk_dg_data *d = data_load(path);
    const jk_dg_muni *m = jk_dg_data_find(d, "01001");
    double v[JK_DG_NIND];
    jk_dg_totals t;
    jk_err err;

    assert_int_equal(d->n, 2);
    assert_non_null(m);
    assert_ptr_equal(jk_dg_data_find(d, "010014"), m);
    assert_ptr_equal(jk_dg_data_find(d, "010015"), NULL); /* bad check */
    assert_ptr_equal(jk_dg_data_find(d, "012025"), &d->muni[1]);
    assert_int_equal(m->nflows, 8);
    assert_rc(jk_dg_indicators(m, ref, v, &t, &err), JK_OK);
    /* W 34,500 t; G 1,500; T 33,000; R 1,500 + 2,000 + 300 + 450 + 800 =
     * 5,050; L 500 + 200 + 100 = 800; incinerated 28,000; FY2022 has
     * 365 days (February 2023). */
    near(t.W, 34500, 1e-9);
    near(t.G, 1500, 1e-9);
    near(t.T, 33000, 1e-9);
    near(t.R, 5050, 1e-9);
    near(t.L, 800, 1e-9);
    near(t.inc, 28000, 1e-9);
    near(t.residual, 29000, 1e-9); /* 20,000 + 8,000 + 1,000 mixed */
    near(t.days, 365, 0);
    near(v[JK_DG_T1], 34500.0 * 1000 / 365 / 100000, 1e-12); /* 0.9452 */
    near(v[JK_DG_T2], 5050.0 / 34500, 1e-12);
    near(v[JK_DG_T3], 800.0 / 34500, 1e-12);
    /* O&M = 600,000 + 900,000 + 150,000 + 100,000 + 10,000 + 40,000 =
     * 1,800,000 千円 → 18,000 円/人年; T5 = 1,600,000 千円 / 33,700 t. */
    near(v[JK_DG_T4], 18000, 1e-9);
    near(v[JK_DG_T5], 1.6e9 / 33700, 1e-6); /* 47,477.7 */
    near(v[JK_DG_I1], 945.2054794520548, 1e-9);
    near(v[JK_DG_I1H], 26000e6 / 365 / 100000, 1e-9); /* 712.3 */
    near(v[JK_DG_I1B], 8000e6 / 365 / 100000, 1e-9);  /* 219.2 */
    near(v[JK_DG_I2], 14.63768115942029, 1e-9);
    near(v[JK_DG_I7], 84.84848484848484, 1e-9);
    near(v[JK_DG_I8], 300, 1e-9); /* 8,400 MWh / 28,000 t */
    /* 28,000 × 0.55 × 0.25 × 2.75 − 3,000 MWh × 0.45 = 10,587.5 − 1,350 */
    near(v[JK_DG_I9], 9237.5, 1e-9);
    near(v[JK_DG_I9P], 92.375, 1e-9);
    near(v[JK_DG_I10], 25, 1e-9); /* 20,000 m³ / (800 t / 1.0 t/m³) */
    /* Capture: residual 29,000 t × wet share. */
    near(v[JK_DG_CAPTURE0 + JK_DG_PAPER], 3500.0 / 9300 * 100, 1e-9);
    near(v[JK_DG_CAPTURE0 + JK_DG_PET], 500.0 / 1080 * 100, 1e-9);
    near(v[JK_DG_CAPTURE0 + JK_DG_PLASTIC_PACKAGING], 1000.0 / 3900 * 100,
         1e-9);
    near(v[JK_DG_CAPTURE0 + JK_DG_FOOD], 0, 0);
    assert_true(isnan(v[JK_DG_CAPTURE0 + JK_DG_BULKY])); /* a category */
    assert_true(isnan(v[JK_DG_CAPTURE0 + JK_DG_GLASS])); /* no data */
    assert_true(isnan(v[JK_DG_CAPTURE0 + JK_DG_COMBUSTIBLE_MIXED]));
    /* The small town: no costs, no composition. */
    assert_rc(jk_dg_indicators(&d->muni[1], ref, v, NULL, &err), JK_OK);
    near(d->muni[1].pop_collection, 8000, 0); /* defaults to pop_total */
    near(v[JK_DG_I2], 300.0 / 2300 * 100, 1e-9);
    assert_true(isnan(v[JK_DG_T4]));
    assert_true(isnan(v[JK_DG_I8]));
    assert_true(isnan(v[JK_DG_I10]));
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

static void indicators_csv(void **state)
{
    (void)state;
    check_hand_worked(DATA "ok");
}

static void indicators_json(void **state)
{
    (void)state;
    check_hand_worked(DATA "ok.json");
}

static void indicator_metadata(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < JK_DG_NIND; i++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(i);
        assert_non_null(in);
        assert_true(in->formula[0] && in->unit[0] && in->name_ja[0]);
        assert_true(in->better == 1 || in->better == -1);
    }
    assert_string_equal(jk_dg_ind_get(JK_DG_T5)->unit, "円/t");
    assert_string_equal(jk_dg_ind_get(JK_DG_CAPTURE0 + JK_DG_PET)->id, "C.pet");
    assert_null(jk_dg_ind_get(JK_DG_NIND));
}

static void expect_error(const char *file, int code, const char *where,
                         const char *msg)
{
    jk_dg_data *d = NULL;
    jk_err err;
    char path[512];
    snprintf(path, sizeof(path), DATA "%s", file);
    assert_rc(jk_dg_data_load(path, &d, &err), code);
    assert_null(d);
    snprintf(path, sizeof(path), DATA "%s", where);
    assert_string_equal(err.where, path);
    assert_string_equal(err.msg, msg);
}

static void bad_inputs(void **state)
{
    (void)state;
    expect_error("bad_unknown_code.json", JK_ENOTFOUND,
                 "bad_unknown_code.json:$.flows[1]",
                 "muni_code: unknown municipality 09999 (not in profiles)");
    expect_error("bad_shares.json", JK_ERANGE, "bad_shares.json:$.residual[0]",
                 "wet_pct: shares of 01001 sum to 95.0 %, not 100");
    expect_error("bad_negative.json", JK_ERANGE, "bad_negative.json:$.flows[2]",
                 "tonnes: negative tonnes -5; expected 0 or more");
    expect_error("bad_dry_shares.json", JK_ERANGE,
                 "bad_dry_shares.json:$.composition[0]",
                 "paper_cloth_dry_pct: dry shares sum to 98.0 %, not 100");
    expect_error("bad_check_digit.json", JK_EPARSE,
                 "bad_check_digit.json:$.profiles[1]",
                 "muni_code: expected a 5-digit municipality code (or 6 "
                 "digits with check digit), got \"012026\"");
    expect_error("bad_fraction.json", JK_EPARSE, "bad_fraction.json:$.flows[3]",
                 "fraction: unknown fraction \"papr\" (see `junkan help "
                 "diagnose-input`)");
    expect_error("bad_csv_code", JK_ENOTFOUND, "bad_csv_code/flows.csv:3",
                 "muni_code: unknown municipality 01003 (not in profiles)");
    expect_error("bad_csv", JK_ERANGE, "bad_csv/flows.csv:4",
                 "tonnes: negative tonnes -1000; expected 0 or more");
}

/* FY2023 runs to March 2024: 366 days. 6-digit codes are normalised. */
static void leap_fiscal_year(void **state)
{
    jk_dg_data *d = data_load(DATA "leap.json");
    double v[JK_DG_NIND];
    jk_dg_totals t;
    jk_err err;
    (void)state;
    assert_string_equal(d->muni[0].code, "13101");
    assert_rc(jk_dg_indicators(&d->muni[0], NULL, v, &t, &err), JK_OK);
    near(t.days, 366, 0);
    near(v[JK_DG_I1], 1000, 1e-9); /* 366 t / 1,000 people / 366 days */
    near(v[JK_DG_I7], 100, 1e-12);
    jk_dg_data_free(d);
}

/* Every allocation failure on the way (load, national run, measures,
 * report) is JK_ENOMEM and leaks nothing (ASan). */
static void allocation_failures(void **state)
{
    static const char *const inputs[2] = {DATA "ok", DATA "ok.json"};
    long n;
    int k;
    (void)state;
    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */
    for (k = 0; k < 2; k++) {
        for (n = 1; n < 100000; n++) {
            jk_dg_ref *ref = NULL;
            jk_dg_data *d = NULL;
            jk_dg_national *nat = NULL;
            jk_dg_plan *p = NULL;
            jk_err err;
            int rc;
            FILE *fp = tmpfile();
            assert_non_null(fp);
            jk_err_clear(&err);
            jk_alloc_fail_nth(n);
            rc = jk_dg_ref_load(REF, &ref, &err);
            if (!rc)
                rc = jk_dg_data_load(inputs[k], &d, &err);
            if (!rc)
                rc = jk_dg_national_new(d, ref, NULL, &nat, &err);
            if (!rc)
                rc = jk_dg_plan_new(nat, 0, ref, &p, &err);
            if (!rc)
                rc = jk_dg_report_html(nat, 0, p, "ja", fp, &err);
            if (!rc)
                rc = jk_dg_report_json(nat, 0, p, fp, &err);
            fclose(fp);
            jk_dg_plan_free(p);
            jk_dg_national_free(nat);
            jk_dg_data_free(d);
            jk_dg_ref_free(ref);
            if (!jk_alloc_failed()) {
                assert_rc(rc, JK_OK);
                break;
            }
            /* libcsv retries a failed realloc with less: a failure may
             * be recovered from (rc JK_OK); any error is JK_ENOMEM. */
            if (rc != JK_OK && rc != JK_ENOMEM)
                fail_msg("allocation %ld: %s: %s: %s", n, jk_status_name(rc),
                         err.where, err.msg);
        }
        jk_alloc_fail_nth(0);
        print_message("%s: %ld allocations\n", inputs[k], n - 1);
        assert_true(n > 10 && n < 100000);
    }
}

static void reference_data(void **state)
{
    jk_dg_ref *ref = ref_load();
    jk_err err;
    (void)state;
    assert_string_equal(jk_dg_ref_peer_version(ref), "soumu-grid-2024.1");
    near(jk_dg_ref_param(ref, "plastic_ef"), 2.75, 1e-12);
    assert_true(isnan(jk_dg_ref_param(ref, "no_such_key")));
    jk_dg_ref_free(ref);
    ref = NULL;
    assert_rc(jk_dg_ref_load(DATA "bad_ref", &ref, &err), JK_ERANGE);
    assert_null(ref);
    assert_string_equal(err.where, DATA "bad_ref/params.csv:3");
    assert_string_equal(err.msg, "value: landfill_density must be more than "
                                 "0 and at most 100, got 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(indicators_csv),
        cmocka_unit_test(indicators_json),
        cmocka_unit_test(indicator_metadata),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(leap_fiscal_year),
        cmocka_unit_test(allocation_failures),
        cmocka_unit_test(reference_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
