/*
 * Peer types, peer statistics and the comparison: a small known set
 * (tests/data/diagnosis/peers.json, worked by hand below), the merging
 * of small groups, and the real plant distribution of the MOE survey
 * for power per tonne.
 */
#include <math.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>

#define DATA            JK_TEST_DATA "/diagnosis/"
#define REF             JK_SOURCE_DIR "/data/diagnosis"
#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void stats_known_set(void **state)
{
    static const double x[] = {2, 4, (double)NAN, 4, 4, 5, 5, 7, 9};
    jk_dg_stats s;
    (void)state;
    jk_dg_stats_of(x, 9, &s);
    assert_int_equal(s.n, 8);
    near(s.mean, 5, 1e-12);
    near(s.sd, sqrt(32.0 / 7.0), 1e-12); /* sample SD */
    near(s.q1, 4, 1e-12);                /* type 7: h = 1.75 */
    near(s.median, 4.5, 1e-12);
    near(s.q3, 5.5, 1e-12); /* h = 5.25: 5 + 0.25 × 2 */
    near(jk_dg_percentile(x, 9, 4), 100.0 * (1 + 1.5) / 8, 1e-12);
    near(jk_dg_index(120, 100, 1), 120, 1e-12);
    near(jk_dg_index(120, 100, -1), 80, 1e-12);
    near(jk_dg_deviation(60, 50, 5, 1), 70, 1e-12);
    near(jk_dg_deviation(60, 50, 5, -1), 30, 1e-12);
    assert_true(isnan(jk_dg_deviation(60, 50, 0, 1)));
}

static void peers_small_set(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_national_opts o;
    jk_dg_compare c;
    const jk_dg_stats *s;
    jk_err err;
    (void)state;

    assert_rc(jk_dg_ref_load(REF, &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "peers.json", &d, &err), JK_OK);
    jk_dg_national_opts_init(&o);
    o.min_group = 3;
    assert_rc(jk_dg_national_new(d, ref, &o, &n, &err), JK_OK);
    /* Types: 30 + 60 = 90 % < 95 and 60 % >= 55 → industry 1. */
    assert_string_equal(jk_dg_national_type(n, 0), "市-III-1");
    assert_string_equal(jk_dg_national_type(n, 3), "市-IV-1");
    /* 町村: 25 + 50 = 75 % < 80 and 50 % < 55 → industry 0. */
    assert_string_equal(jk_dg_national_type(n, 4), "町村-II-0");
    assert_string_equal(jk_dg_national_type(n, 5), "政令市");
    /* 市-IV-1 has one member (< 3): it joins 市-III-1 (3 members). */
    assert_string_equal(jk_dg_national_group(n, 3), "市-III-1+市-IV-1");
    assert_string_equal(jk_dg_national_group(n, 0), "市-III-1+市-IV-1");
    assert_int_equal(jk_dg_national_ngroups(n), 3);
    /* I2 of A..D: 3/33, 6/36, 10/40, 0/30 → 9.09, 16.67, 25, 0 %. */
    assert_rc(jk_dg_national_compare(n, 1, JK_DG_I2, &c), JK_OK);
    s = c.peers;
    assert_int_equal(s->n, 4);
    near(s->mean, (100.0 / 11 + 50.0 / 3 + 25 + 0) / 4, 1e-9); /* 12.689 */
    near(s->sd, 10.666763515400548, 1e-9);
    near(s->q1, 0.75 * 100.0 / 11, 1e-9);                 /* 6.818 */
    near(s->q3, 50.0 / 3 + 0.25 * (25 - 50.0 / 3), 1e-9); /* 18.75 */
    near(c.value, 50.0 / 3, 1e-9);
    near(c.percentile, 62.5, 1e-9); /* 2 below, itself half */
    near(c.index, 100 * (50.0 / 3) / s->mean, 1e-9);
    near(c.deviation, 50 + 10 * (50.0 / 3 - s->mean) / s->sd, 1e-9);
    /* A: potential = (18.75 − 9.0909) % × 33,000 t = 3,187.5 t. */
    assert_rc(jk_dg_national_compare(n, 0, JK_DG_I2, &c), JK_OK);
    near(c.target, 18.75, 1e-9);
    near(c.potential_t, (18.75 - 100.0 / 11) / 100 * 33000, 1e-6);
    /* C is above the target: no potential. */
    assert_rc(jk_dg_national_compare(n, 2, JK_DG_I2, &c), JK_OK);
    near(c.potential_t, 0, 0);
    /* Lower is better (I7, all 100 % but C/D): percentile flips. */
    assert_rc(jk_dg_national_compare(n, 3, JK_DG_I7, &c), JK_OK);
    near(c.value, 100, 1e-9);
    near(c.percentile, 100 - 87.5, 1e-9);
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

/* A whole class × industry too small (市-III-3: D alone, 20 + 78 = 98 %
 * and 78 % → industry 3) joins the largest group of its class. */
static void small_industry_group_merged(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_national_opts o;
    jk_dg_compare c;
    jk_err err;
    (void)state;
    assert_rc(jk_dg_ref_load(REF, &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "peers2.json", &d, &err), JK_OK);
    jk_dg_national_opts_init(&o);
    o.min_group = 3;
    assert_rc(jk_dg_national_new(d, ref, &o, &n, &err), JK_OK);
    assert_string_equal(jk_dg_national_type(n, 3), "市-III-3");
    assert_int_equal(jk_dg_national_ngroups(n), 1);
    assert_string_equal(jk_dg_national_group(n, 3), "市-III-1+市-III-3");
    assert_rc(jk_dg_national_compare(n, 0, JK_DG_I2, &c), JK_OK);
    assert_int_equal(c.peers->n, 4); /* 10, 18.2, 25, 30.8 % */
    near(c.peers->mean,
         (300.0 / 30 + 600.0 / 33 + 900.0 / 36 + 1200.0 / 39) / 4, 1e-9);
    jk_dg_national_free(n);
    o.min_group = 2; /* 市-III-3 (1) still joins; 市-III-1 (3) stays */
    assert_rc(jk_dg_national_new(d, ref, &o, &n, &err), JK_OK);
    assert_int_equal(jk_dg_national_ngroups(n), 1);
    jk_dg_national_free(n);
    o.min_group = 1; /* nothing is small */
    assert_rc(jk_dg_national_new(d, ref, &o, &n, &err), JK_OK);
    assert_int_equal(jk_dg_national_ngroups(n), 2);
    assert_string_equal(jk_dg_national_group(n, 3), "市-III-3");
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

/* 01104 reports 10,800,000 MWh for 27,000 t (kWh typed as MWh: 400,000
 * kWh/t): flagged, kept in its own results, left out of the peers:
 * 300, 350, 400 kWh/t → mean 350. */
static void implausible_left_out(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_compare c;
    jk_err err;
    char buf[64];
    (void)state;
    assert_rc(jk_dg_ref_load(REF, &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "typo.json", &d, &err), JK_OK);
    assert_rc(jk_dg_national_new(d, ref, NULL, &n, &err), JK_OK);
    assert_string_equal(jk_dg_national_flags(n, 3, buf, sizeof(buf)),
                        "I8>1500");
    assert_string_equal(jk_dg_national_flags(n, 0, buf, sizeof(buf)), "");
    assert_rc(jk_dg_national_compare(n, 3, JK_DG_I8, &c), JK_OK);
    near(c.value, 400000, 1e-6);
    assert_int_equal(c.peers->n, 3);
    near(c.peers->mean, 350, 1e-9);
    near(c.percentile, 100, 1e-9); /* above every peer */
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

/* Power per tonne against the FY2022 plants: every plant with tonnes,
 * non-generating ones at 0 kWh/t. */
static void plants_as_peers(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_moe_plants *p = NULL;
    jk_dg_compare c;
    jk_err err;
    (void)state;
    assert_rc(jk_dg_ref_load(REF, &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "ok", &d, &err), JK_OK);
    assert_rc(jk_moe_load(JK_SOURCE_DIR "/data/moe-incineration/"
                                        "fy2022_incineration_facilities.csv",
                          0, NULL, &p, &err),
              JK_OK);
    assert_rc(jk_dg_national_new(d, ref, NULL, &n, &err), JK_OK);
    assert_rc(jk_dg_national_set_plants(n, p, &err), JK_OK);
    assert_rc(jk_dg_national_compare(n, 0, JK_DG_I8, &c), JK_OK);
    near(c.value, 300, 1e-9);
    /* 1,038 rows; 905 with tonnes treated (Python: rows whose
     * 年間処理量 > 0), none flagged in FY2022. */
    assert_int_equal(c.peers->n, 905);
    assert_true(c.percentile > 50 && c.percentile < 100);
    jk_moe_free(p);
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stats_known_set),
        cmocka_unit_test(peers_small_set),
        cmocka_unit_test(small_industry_group_merged),
        cmocka_unit_test(implausible_left_out),
        cmocka_unit_test(plants_as_peers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
