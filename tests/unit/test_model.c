/*
 * The model vocabulary: kinds, material codes and parents, flow
 * endpoints, site capacities.
 */
#include "jk_test.h"

#include <junkan/model.h>

static void kinds_round_trip(void **state)
{
    int k;
    (void)state;
    for (k = JK_ORG_MUNICIPALITY; k <= JK_ORG_AUDITOR; k++) {
        jk_org_kind back;
        assert_rc(jk_org_kind_parse(jk_org_kind_name((jk_org_kind)k), &back),
                  JK_OK);
        assert_int_equal(back, k);
        assert_non_null(
            strstr(jk_org_kind_list(), jk_org_kind_name((jk_org_kind)k)));
    }
    for (k = JK_SITE_OFFICE; k <= JK_SITE_YARD; k++) {
        jk_site_kind back;
        assert_rc(jk_site_kind_parse(jk_site_kind_name((jk_site_kind)k), &back),
                  JK_OK);
        assert_int_equal(back, k);
        assert_non_null(
            strstr(jk_site_kind_list(), jk_site_kind_name((jk_site_kind)k)));
    }
    {
        jk_org_kind ok;
        jk_site_kind sk;
        assert_rc(jk_org_kind_parse("Recycler", &ok), JK_EPARSE);
        assert_rc(jk_site_kind_parse("", &sk), JK_EPARSE);
    }
    assert_string_equal(jk_org_kind_name((jk_org_kind)0), "?");
    assert_string_equal(jk_site_kind_name((jk_site_kind)99), "?");
}

static void material_codes(void **state)
{
    static const char *const good[] = {"plastic", "plastic.pp",
                                       "metal.copper.scrap", "msw.food_waste",
                                       "a1.b2_c3"};
    static const char *const bad[] = {
        "",        ".plastic",   "plastic.",   "plastic..pp",
        "Plastic", "plastic-pp", "plastic pp", "プラ"};
    char buf[80];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(jk_material_code_valid(good[i]));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (jk_material_code_valid(bad[i]))
            fail_msg("\"%s\" accepted", bad[i]);
    memset(buf, 'a', 65);
    buf[65] = '\0';
    assert_false(jk_material_code_valid(buf));
    assert_string_equal(jk_material_parent("metal.copper.scrap", buf, 80),
                        "metal.copper");
    assert_string_equal(jk_material_parent("metal", buf, 80), "");
    assert_string_equal(jk_material_parent("metal.copper", buf, 4), "met");
}

static void flow_nodes(void **state)
{
    jk_node_kind k;
    const char *id;
    (void)state;
    assert_rc(jk_node_parse("site:yokohama-tsurumi", &k, &id), JK_OK);
    assert_int_equal(k, JK_NODE_SITE);
    assert_string_equal(id, "yokohama-tsurumi");
    assert_rc(jk_node_parse("org:city-a", &k, &id), JK_OK);
    assert_int_equal(k, JK_NODE_ORG);
    assert_rc(jk_node_parse("ext:row", &k, &id), JK_OK);
    assert_int_equal(k, JK_NODE_EXTERNAL);
    assert_string_equal(id, "row");
    assert_rc(jk_node_parse("economy", &k, &id), JK_OK);
    assert_int_equal(k, JK_NODE_PROCESS);
    assert_rc(jk_node_parse("plant:x", &k, &id), JK_EPARSE);
    assert_rc(jk_node_parse("site:", &k, &id), JK_EPARSE);
    assert_rc(jk_node_parse("site:X", &k, &id), JK_EPARSE);
    assert_rc(jk_node_parse("", &k, &id), JK_EPARSE);
}

static void capacities(void **state)
{
    jk_arena *a = jk_arena_new(1024);
    jk_capacity *caps;
    jk_buf many;
    size_t n, i;
    jk_err err;
    (void)state;

    jk_err_clear(&err);
    assert_rc(jk_capacities_parse("", a, &caps, &n, &err), JK_OK);
    assert_int_equal(n, 0);
    assert_rc(jk_capacities_parse(" plastic.pp = 12000t ;metal.iron.scrap=50kt",
                                  a, &caps, &n, &err),
              JK_OK);
    assert_int_equal(n, 2);
    assert_string_equal(caps[0].material, "plastic.pp");
    assert_i64_eq(caps[0].per_year, 12000 * JK_T);
    assert_i64_eq(caps[1].per_year, 50 * JK_KT);
    assert_rc(jk_capacities_parse("plastic", a, &caps, &n, &err), JK_EPARSE);
    assert_string_equal(err.msg, "expected material=mass, got \"plastic\"");
    assert_rc(jk_capacities_parse("plastic=-1t", a, &caps, &n, &err),
              JK_ERANGE);
    assert_rc(jk_capacities_parse("plastic=12", a, &caps, &n, &err), JK_EPARSE);
    assert_rc(jk_capacities_parse("Plastic=1t", a, &caps, &n, &err), JK_EPARSE);
    jk_buf_init(&many, 1 << 16);
    for (i = 0; i <= JK_SITE_MAX_CAPS; i++)
        jk_buf_addf(&many, "%sm%zu=1t", i ? ";" : "", i);
    assert_rc(jk_capacities_parse(jk_buf_str(&many), a, &caps, &n, &err),
              JK_ELIMIT);
    jk_buf_free(&many);
    jk_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_round_trip),
        cmocka_unit_test(material_codes),
        cmocka_unit_test(flow_nodes),
        cmocka_unit_test(capacities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
