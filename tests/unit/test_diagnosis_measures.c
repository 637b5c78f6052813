/*
 * Measures and their effect, worked by hand on tests/data/diagnosis/
 * measures.json with the test factors of tests/data/diagnosis/ref/:
 * 30,000 t incinerated at 300 kWh/t (9,000 MWh), residues 3,000 t (ash
 * ratio 0.1), L = 4,000 t = 4,000 m³/yr, 50,000 m³ left (12.5 years);
 * avoided residual cost 900,000 千円 / 30,000 t = 30,000 円/t; final
 * disposal 100,000 千円 / 4,000 t = 25,000 円/t; grid 0.45.
 * EF(PET, incineration) = 2.29 − 0.3 MWh/t × 23/10 × 0.45 = 1.9795;
 * EF(plastics, incineration) = 2.75 − 0.3 × 30/10 × 0.45 = 2.345.
 */
#include <math.h>

#include <jansson.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>

#define DATA            JK_TEST_DATA "/diagnosis/"
#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static const jk_dg_effect *find(const jk_dg_plan *p, const char *id)
{
    size_t i;
    for (i = 0; i < p->n; i++)
        if (strcmp(p->m[i].id, id) == 0)
            return &p->m[i];
    fail_msg("no measure %s", id);
    return NULL;
}

static void effects_hand_worked(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_plan *p = NULL;
    const jk_dg_effect *e;
    jk_err err;
    (void)state;

    assert_rc(jk_dg_ref_load(DATA "ref", &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "measures.json", &d, &err), JK_OK);
    assert_rc(jk_dg_national_new(d, ref, NULL, &n, &err), JK_OK);
    assert_rc(jk_dg_plan_new(n, 0, ref, &p, &err), JK_OK);
    assert_int_equal(p->n, 5);
    /* Ranked by GHG saved. */
    assert_string_equal(p->m[0].id, "plastics2");
    assert_string_equal(p->m[1].id, "plastics");
    assert_string_equal(p->m[2].id, "pet_b2b");
    assert_string_equal(p->m[3].id, "ash"); /* GHG 0: more tonnes first */
    assert_string_equal(p->m[4].id, "bulky");

    /* PET: 600 t separate, 600 t in residual (2 % of 30,000): capture
     * 50 % → 80 %: 0.8 × 1,200 − 600 = 360 t. */
    e = find(p, "pet_b2b");
    near(e->moved_t, 360, 1e-9);
    near(e->ghg_t, 360 * (-1.15 - 1.9795), 1e-9); /* −1,126.62 */
    near(e->fd_t, -36, 1e-9);                     /* 360 × 0.1 */
    near(e->fd_m3, -36, 1e-9);
    near(e->life_gain_yr, 50000.0 / (4000 - 36) - 12.5, 1e-9);
    near(e->cost_kyen, 360 * (40000 - 30000 - 30000) / 1000.0, 1e-9);
    near(e->yen_per_t, -20000, 1e-9);
    near(e->yen_per_tco2, -7200000 / (360 * 3.1295), 1e-6);

    /* Plastics: 1,000 separate, 3,000 in residual: 25 % → 50 %. */
    e = find(p, "plastics");
    near(e->moved_t, 1000, 1e-9);
    near(e->ghg_t, 1000 * (-0.87 - 2.345), 1e-9); /* −3,215 */
    near(e->cost_kyen, 1000 * (90000 - 30000) / 1000.0, 1e-9);
    near(e->yen_per_tco2, 60000000.0 / 3215, 1e-6);
    e = find(p, "plastics2"); /* to 60 %: 1,400 t */
    near(e->moved_t, 1400, 1e-9);
    near(e->ghg_t, -4501, 1e-9);

    /* Ash: half of 3,000 t to cement; 30,000 − 25,000 円/t. */
    e = find(p, "ash");
    near(e->moved_t, 1500, 1e-9);
    near(e->ghg_t, 0, 0);
    near(e->fd_t, -1500, 1e-9);
    near(e->cost_kyen, 7500, 1e-9);
    assert_true(isnan(e->yen_per_tco2));

    /* Bulky reuse: 10 % of the 1,000 t of bulky waste, all of which is
     * landfilled now; no GHG factor for the route: 0. */
    e = find(p, "bulky");
    near(e->moved_t, 100, 1e-9);
    near(e->ghg_t, 0, 0);
    near(e->fd_t, -100, 1e-9);
    near(e->cost_kyen, 100 * (10000 - 2000 - 30000) / 1000.0, 1e-9);

    /* Combined: plastics2 first (1,400 t, capture 60 %), then plastics
     * adds nothing (its 50 % is reached), PET 360 t, then the ash
     * measure on the incineration left: 3,000 × 28,240 / 30,000 = 2,824
     * t of residues, half of it 1,412 t. */
    near(p->combined.moved_t, 1400 + 360 + 1412 + 100, 1e-9);
    near(p->combined.ghg_t, -4501 - 360 * 3.1295, 1e-9);
    near(p->combined.fd_t, -140 - 36 - 1412 - 100, 1e-9);
    near(p->combined.cost_kyen, 84000 - 7200 + 1412 * 5 - 2200, 1e-9);
    near(p->combined.life_gain_yr, 50000.0 / (4000 - 1688) - 12.5, 1e-9);
    jk_dg_plan_free(p);
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

/* Without a residual composition only the ash measure applies. */
static void no_composition(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_plan *p = NULL;
    jk_err err;
    (void)state;
    assert_rc(jk_dg_ref_load(DATA "ref", &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "peers.json", &d, &err), JK_OK);
    assert_rc(jk_dg_national_new(d, ref, NULL, &n, &err), JK_OK);
    assert_rc(jk_dg_plan_new(n, 0, ref, &p, &err), JK_OK);
    near(find(p, "pet_b2b")->moved_t, 0, 0);
    near(find(p, "bulky")->moved_t, 0, 0); /* no bulky waste there */
    /* 30,000 t incinerated × 10 % (ash_pct default) × 50 %. */
    near(find(p, "ash")->moved_t, 1500, 1e-9);
    near(p->combined.moved_t, 1500, 1e-9);
    jk_dg_plan_free(p);
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

/* The report: one page, no external resource, both languages. */
static void report_html(void **state)
{
    jk_dg_ref *ref = NULL;
    jk_dg_data *d = NULL;
    jk_dg_national *n = NULL;
    jk_dg_plan *p = NULL;
    jk_err err;
    char buf[65536];
    size_t len;
    FILE *fp;
    int k;
    (void)state;
    assert_rc(jk_dg_ref_load(DATA "ref", &ref, &err), JK_OK);
    assert_rc(jk_dg_data_load(DATA "measures.json", &d, &err), JK_OK);
    assert_rc(jk_dg_national_new(d, ref, NULL, &n, &err), JK_OK);
    assert_rc(jk_dg_plan_new(n, 0, ref, &p, &err), JK_OK);
    for (k = 0; k < 2; k++) {
        fp = tmpfile();
        assert_non_null(fp);
        assert_rc(jk_dg_report_html(n, 0, p, k ? "en" : "ja", fp, &err), JK_OK);
        rewind(fp);
        len = fread(buf, 1, sizeof(buf) - 1, fp);
        buf[len] = '\0';
        fclose(fp);
        assert_true(len < sizeof(buf) - 1);
        assert_non_null(strstr(buf, "<!DOCTYPE html>"));
        assert_non_null(strstr(buf, "効果市 (02001) FY2022"));
        assert_non_null(strstr(buf, k ? "Measures and their effect"
                                      : "改善提案と効果算定"));
        assert_non_null(strstr(buf, k ? "PET b2b" : "PET水平"));
        assert_non_null(strstr(buf, "<svg"));
        assert_null(strstr(buf, "src="));
        assert_null(strstr(buf, "href="));
        assert_non_null(strstr(buf, "</html>"));
    }
    /* JSON: reads back with the same numbers. */
    {
        json_t *doc, *m0, *ind;
        json_error_t je;
        size_t k2;
        bool seen_i8 = false;
        fp = tmpfile();
        assert_non_null(fp);
        assert_rc(jk_dg_report_json(n, 0, p, fp, &err), JK_OK);
        rewind(fp);
        doc = json_loadf(fp, 0, &je);
        fclose(fp);
        assert_non_null(doc);
        assert_string_equal(
            json_string_value(json_object_get(doc, "muni_code")), "02001");
        m0 = json_array_get(json_object_get(doc, "measures"), 0);
        assert_string_equal(json_string_value(json_object_get(m0, "id")),
                            "plastics2");
        near(json_number_value(json_object_get(m0, "ghg_tco2e")), -4501, 1e-6);
        near(json_number_value(json_object_get(json_object_get(doc, "combined"),
                                               "recovered_t")),
             3272, 1e-6);
        json_array_foreach (json_object_get(doc, "indicators"), k2, ind)
            if (strcmp(json_string_value(json_object_get(ind, "id")), "I8") ==
                0) {
                near(json_number_value(json_object_get(ind, "value")), 300,
                     1e-9);
                assert_string_equal(
                    json_string_value(json_object_get(ind, "unit")), "kWh/t");
                seen_i8 = true;
            }
        assert_true(seen_i8);
        json_decref(doc);
    }
    jk_dg_plan_free(p);
    jk_dg_national_free(n);
    jk_dg_data_free(d);
    jk_dg_ref_free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(effects_hand_worked),
        cmocka_unit_test(no_composition),
        cmocka_unit_test(report_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
