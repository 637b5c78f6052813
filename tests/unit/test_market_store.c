/*
 * The market in a real SQLite store (migration 3): listings round trip
 * with their properties; a save lands whole or not at all; decisions
 * are remembered and never re-proposed; offtake agreements with
 * deliveries and the shortfall per period.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jk_test.h"

#include <junkan/io.h>
#include <junkan/market.h>

#define DATA JK_TEST_DATA "/market/"

/* A fresh store: a temporary SQLite file, or a new PostgreSQL database
 * when JUNKAN_TEST_PG is set (jk_test.h). */
static jk_store *fresh_store(char *path, size_t cap)
{
    jk_store *s = NULL;
    jk_err err;
    jk_test_store_new(path, cap);
    assert_rc(jk_store_open(path, NULL, &s, &err), JK_OK);
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    return s;
}

static jk_market *from_store(jk_store *s)
{
    jk_market *m = jk_market_new();
    jk_err err;
    if (jk_market_load_store(m, s, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return m;
}

static void round_trip(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    jk_market *m = jk_market_new(), *back;
    jk_err err;
    size_t i, k;
    (void)state;
    assert_rc(jk_market_load(m, DATA "ok_rules.csv", &err), JK_OK);
    assert_rc(jk_market_load(m, DATA "ok_listings.json", &err), JK_OK);
    assert_rc(jk_market_save(m, s, &err), JK_OK);
    back = from_store(s);
    assert_int_equal(jk_market_n_listings(back), jk_market_n_listings(m));
    /* Stored by id: compare by id. */
    for (i = 0; i < jk_market_n_listings(m); i++) {
        const jk_mkt_listing *a = jk_market_listing_at(m, i), *b = NULL;
        for (k = 0; k < jk_market_n_listings(back); k++)
            if (strcmp(jk_market_listing_at(back, k)->id, a->id) == 0)
                b = jk_market_listing_at(back, k);
        assert_non_null(b);
        assert_int_equal(a->side, b->side);
        assert_string_equal(a->material, b->material);
        assert_i64_eq(a->grams, b->grams);
        assert_i64_eq(a->min_lot, b->min_lot);
        assert_true(a->lat == b->lat && a->lon == b->lon);
        assert_true(a->price == b->price);
        assert_string_equal(a->jw, b->jw);
        assert_string_equal(a->fate, b->fate);
        assert_string_equal(a->valid_to, b->valid_to);
        assert_int_equal(a->n_props, b->n_props);
        for (k = 0; k < a->n_props; k++) {
            assert_string_equal(a->props[k].name, b->props[k].name);
            assert_true(a->props[k].lo == b->props[k].lo);
            assert_true(a->props[k].hi == b->props[k].hi);
        }
    }
    /* Saving again: the first id is taken, nothing more lands. */
    assert_rc(jk_market_save(m, s, &err), JK_EEXIST);
    assert_string_equal(err.msg, "listing s1: already in the store");
    jk_market_free(back);
    back = from_store(s);
    assert_int_equal(jk_market_n_listings(back), 8);
    jk_market_free(back);
    jk_market_free(m);
    jk_store_close(s);
    jk_test_store_remove(path);
}

static void agreements_and_shortfall(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    char *out;
    FILE *fp;
    (void)state;
    assert_rc(jk_market_load(m, DATA "ok_pool.csv", &err), JK_OK);
    assert_rc(jk_market_save(m, s, &err), JK_OK);
    jk_market_free(m);
    m = from_store(s);

    /* Bad decisions. */
    assert_rc(jk_market_decide(m, s, "d1", "s1", JK_MKT_CONFIRMED, 1000000, "",
                               "2026-11-28T19:00:00Z", &err),
              JK_EINVAL);
    assert_string_equal(err.msg, "listing is a demand, expected a supply");
    assert_rc(jk_market_decide(m, s, "s9", "d1", JK_MKT_REJECTED, 0, "",
                               "2026-11-28T19:00:00Z", &err),
              JK_ENOTFOUND);
    assert_rc(jk_market_decide(m, s, "s1", "d1", JK_MKT_CONFIRMED, 0, "",
                               "2026-11-28T19:00:00Z", &err),
              JK_ERANGE);
    assert_rc(jk_market_decide(m, s, "s1", "d1", JK_MKT_CONFIRMED, 31000000, "",
                               "2026-11-28T19:00:00Z", &err),
              JK_ERANGE);
    assert_string_equal(err.msg, "more than the supply lists per period");

    /* s1 -> d1 agreed at 20 t; s2 -> d1 rejected. */
    assert_rc(jk_market_decide(m, s, "s1", "d1", JK_MKT_CONFIRMED, 20000000,
                               "first contract", "2026-11-28T19:00:00Z", &err),
              JK_OK);
    assert_rc(jk_market_decide(m, s, "s2", "d1", JK_MKT_REJECTED, 0,
                               "quality doubts", "2026-11-28T19:01:00Z", &err),
              JK_OK);
    assert_rc(jk_market_decide(m, s, "s2", "d1", JK_MKT_CONFIRMED, 1000000, "",
                               "2026-11-28T19:02:00Z", &err),
              JK_EEXIST);
    assert_string_equal(err.msg, "the pair s2 -> d1 was already rejected");

    /* A fresh market from the store remembers both. */
    jk_market_free(m);
    m = from_store(s);
    jk_mkt_opts_init(&o);
    assert_rc(jk_market_match(m, &o, &r, &err), JK_OK);
    assert_int_equal(jk_mkt_n_allocs(r), 0);
    jk_mkt_result_free(r);

    /* Deliveries: 20 t agreed per period (s1 is one-off: per period). */
    assert_rc(jk_market_deliver(m, s, "s2", "d1", "2026-04", 1000000, "", &err),
              JK_ENOTFOUND);
    assert_string_equal(err.msg, "no agreement between s2 and d1");
    assert_rc(jk_market_deliver(m, s, "s1", "d1", "2026年4月", 12000000,
                                "lot-1", &err),
              JK_OK);
    assert_rc(
        jk_market_deliver(m, s, "s1", "d1", "2026-04", 8000000, "lot-2", &err),
        JK_OK);
    assert_rc(jk_market_deliver(m, s, "s1", "d1", "2026-05", 5500000, "", &err),
              JK_OK);
    assert_rc(jk_market_deliver(m, s, "s1", "d1", "2026-13", 1, "", &err),
              JK_EPARSE);
    fp = tmpfile();
    assert_rc(jk_market_write_shortfall(m, s, JK_MKT_CSV, fp, &err), JK_OK);
    out = jk_test_slurp(fp);
    assert_string_equal(out, "supply,demand,period,agreed_t,delivered_t,"
                             "shortfall_t\n"
                             "s1,d1,2026-04,20,20,0\n"
                             "s1,d1,2026-05,20,5.5,14.5\n");
    jk_free(out);
    jk_market_free(m);
    jk_store_close(s);
    jk_test_store_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(agreements_and_shortfall),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
