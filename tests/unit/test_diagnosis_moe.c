/*
 * The MOE per-plant loader on the real files (data/moe-incineration/):
 * row counts and totals per year against an independent Python count
 * (tests/data/diagnosis/moe_expected.py -> moe_expected.csv); the known
 * FY2019 kWh-as-MWh rows flagged; columns found by name whatever their
 * order; a missing required column named in the error.
 */
#include <math.h>
#include <stdlib.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>

#define MOE JK_SOURCE_DIR "/data/moe-incineration/"

static jk_moe_plants *load_year(int fy)
{
    char path[512];
    jk_moe_plants *p = NULL;
    jk_err err;
    snprintf(path, sizeof(path), MOE "fy%d_incineration_facilities.csv", fy);
    if (jk_moe_load(path, 0, NULL, &p, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    assert_int_equal(p->fiscal_year, fy);
    return p;
}

static void totals_match_independent_count(void **state)
{
    size_t len = 0;
    char *text =
        jk_test_read_file(JK_TEST_DATA "/diagnosis/moe_expected.csv", &len);
    char *line, *save = NULL;
    int years = 0;
    (void)state;
    assert_non_null(text);
    line = strtok_r(text, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        int fy;
        unsigned long rows, with_gen, flagged;
        double thr, gen, clean, pl, p50;
        jk_moe_plants *p;
        jk_moe_summary s;
        assert_int_equal(sscanf(line, "%d,%lu,%lu,%lu,%lf,%lf,%lf,%lf,%lf", &fy,
                                &rows, &with_gen, &flagged, &thr, &gen, &clean,
                                &pl, &p50),
                         9);
        p = load_year(fy);
        jk_moe_summarise(p, &s);
        assert_int_equal(s.rows, rows);
        assert_int_equal(s.with_gen, with_gen);
        assert_int_equal(s.flagged_gen, flagged);
        assert_true(fabs(s.throughput_t - thr) < 0.01);
        assert_true(fabs(s.gen_mwh - gen) < 0.01);
        assert_true(fabs(s.gen_mwh_clean - clean) < 0.01);
        assert_true(fabs(s.plastic_dry_pct_w - pl) < 0.0001);
        assert_true(fabs(s.kwh_per_t_p50 - p50) < 0.0001);
        jk_moe_free(p);
        years++;
    }
    assert_int_equal(years, 10);
    jk_free(text);
}

/* MOE FY2022 press release: 10,331 GWh generated; the files sum to
 * 10,368 GWh (README of data/moe-incineration). */
static void fy2022_generation_near_press_release(void **state)
{
    jk_moe_plants *p = load_year(2022);
    jk_moe_summary s;
    (void)state;
    jk_moe_summarise(p, &s);
    assert_true(fabs(s.gen_mwh / 1e6 - 10.331) < 0.05);
    jk_moe_free(p);
}

/* Peer distributions by capacity band: the "all" band is the same set
 * as the summary's median (generating, unflagged plants). */
static void bands_fy2022(void **state)
{
    jk_moe_plants *p = load_year(2022);
    jk_moe_band b[JK_MOE_NBANDS];
    jk_err err;
    size_t k, sum = 0;
    (void)state;
    assert_rc(jk_moe_bands(p, (double)NAN, b, &err), JK_OK);
    assert_string_equal(b[4].band, "all");
    assert_int_equal(b[4].kwh_per_t.n, 396);
    assert_true(fabs(b[4].kwh_per_t.median - 379.0594) < 1e-4);
    for (k = 0; k < 4; k++)
        sum += b[k].kwh_per_t.n;
    assert_true(sum <= 396 && sum > 390);
    /* Larger plants generate more per tonne. */
    assert_true(b[3].kwh_per_t.median > b[1].kwh_per_t.median);
    assert_true(b[4].fossil_kg_per_t.median > 200 &&
                b[4].fossil_kg_per_t.median < 500);
    jk_moe_free(p);
}

static void fy2019_kwh_typos_flagged(void **state)
{
    jk_moe_plants *p = load_year(2019);
    size_t i;
    int found = 0;
    (void)state;
    for (i = 0; i < p->n; i++) {
        const jk_moe_plant *pl = &p->plant[i];
        if (strcmp(pl->name, "今泉工場") == 0) {
            assert_true(pl->flags & JK_MOE_FLAG_GEN_PER_T);
            assert_true(fabs(pl->gen_mwh - 16154490.0) < 0.5);
            assert_true(fabs(pl->throughput_t - 78666.0) < 0.5);
            assert_string_equal(pl->body_name, "仙台市");
            found++;
        }
    }
    assert_int_equal(found, 1);
    jk_moe_free(p);
}

static void first_row_fields(void **state)
{
    jk_moe_plants *p = load_year(2024);
    const jk_moe_plant *pl = &p->plant[0];
    (void)state;
    /* 北海道,01100,0110001,札幌市,札幌市駒岡清掃工場,...,115761,...
     * 600 t/日, 1985, 22007 MWh, 8715 MWh sold, 61.2/20.1/4.9/12.6/0.5
     * dry, moisture 49.9, ash 2.4, LHV 8546 */
    assert_int_equal(pl->line, 2);
    assert_string_equal(pl->body_code, "01100");
    assert_string_equal(pl->name, "札幌市駒岡清掃工場");
    assert_true(pl->throughput_t == 115761.0);
    assert_true(pl->capacity_tpd == 600.0);
    assert_true(pl->start_year == 1985.0);
    assert_true(pl->gen_mwh == 22007.0);
    assert_true(pl->sold_mwh == 8715.0);
    assert_true(fabs(pl->comp_dry_pct[JK_MOE_PLASTIC] - 20.1) < 1e-9);
    assert_true(fabs(pl->comp_dry_pct[JK_MOE_OTHER] - 0.7) < 1e-9);
    assert_true(fabs(pl->moisture_pct - 49.9) < 1e-9);
    assert_true(fabs(pl->ash_pct - 2.4) < 1e-9);
    assert_true(pl->lhv_kj_kg == 8546.0);
    assert_int_equal(pl->flags, 0);
    jk_moe_free(p);
}

/* FY2014 has no 売電量 column and its plastics header is full-width. */
static void fy2014_differences(void **state)
{
    jk_moe_plants *p = load_year(2014);
    (void)state;
    assert_true(isnan(p->plant[0].sold_mwh));
    assert_false(isnan(p->plant[0].comp_dry_pct[JK_MOE_PLASTIC]));
    jk_moe_free(p);
}

static void columns_by_name_not_position(void **state)
{
    static const char csv[] =
        "施設名称,三成分|水分 （％）,年間処理量 （t/年度）,地方公共団体名,"
        "発電能力|総発電量（実績値） (MWh),地方公共団体コード,"
        "ごみ組成分析結果|ちゅう芥類 （％）,ごみ組成分析結果|不燃物類 （％）,"
        "ごみ組成分析結果|紙・布類 （％）,ごみ組成分析結果|木、竹、わら類 "
        "（％）,"
        "ごみ組成分析結果|ﾋﾞﾆｰﾙ、合成樹脂、ｺﾞﾑ、皮革類 （％）\n"
        "A工場,45,1000,A市,300,01234,10,5,50,10,25\n"
        "B工場,不明,2000,B市,4000,01235,-,,未実施,,ｘ\n";
    jk_moe_plants *p = NULL;
    jk_err err;
    (void)state;
    assert_rc(
        jk_moe_load_buffer("t.csv", csv, sizeof(csv) - 1, 2022, NULL, &p, &err),
        JK_OK);
    assert_int_equal(p->n, 2);
    assert_true(p->plant[0].throughput_t == 1000.0);
    assert_true(p->plant[0].gen_mwh == 300.0);
    assert_true(p->plant[0].comp_dry_pct[JK_MOE_PLASTIC] == 25.0);
    assert_true(p->plant[0].moisture_pct == 45.0);
    assert_int_equal(p->plant[0].flags, 0);
    assert_true(isnan(p->plant[1].moisture_pct));
    assert_int_equal(p->plant[1].flags,
                     JK_MOE_FLAG_GEN_PER_T | JK_MOE_FLAG_BAD_NUMBER);
    assert_int_equal(p->plant[1].line, 3);
    jk_moe_free(p);
}

static void missing_column_named(void **state)
{
    static const char csv[] = "施設名称,地方公共団体コード,地方公共団体名,"
                              "年間処理量 （t/年度）\nA,01234,A市,1\n";
    jk_moe_plants *p = NULL;
    jk_err err;
    (void)state;
    assert_rc(
        jk_moe_load_buffer("t.csv", csv, sizeof(csv) - 1, 2022, NULL, &p, &err),
        JK_EPARSE);
    assert_null(p);
    assert_string_equal(err.where, "t.csv:1");
    assert_string_equal(err.msg,
                        "総発電量（実績値）: no column with this name in the "
                        "header");
}

static void malformed_csv_line(void **state)
{
    static const char csv[] = "a,b\n1,\"x\n";
    jk_moe_plants *p = NULL;
    jk_err err;
    (void)state;
    assert_rc(
        jk_moe_load_buffer("t.csv", csv, sizeof(csv) - 1, 2022, NULL, &p, &err),
        JK_EPARSE);
    assert_string_equal(err.where, "t.csv:2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(totals_match_independent_count),
        cmocka_unit_test(fy2022_generation_near_press_release),
        cmocka_unit_test(fy2019_kwh_typos_flagged),
        cmocka_unit_test(bands_fy2022),
        cmocka_unit_test(first_row_fields),
        cmocka_unit_test(fy2014_differences),
        cmocka_unit_test(columns_by_name_not_position),
        cmocka_unit_test(missing_column_named),
        cmocka_unit_test(malformed_csv_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
