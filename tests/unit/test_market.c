/*
 * The market: listings from CSV and JSON with every validation rule
 * failing on its own file (tests/data/market/bad/NAME.{csv,json} with
 * the expected "where: message" in NAME.err) and nothing landing from a
 * bad file; hand-worked pooling and splitting; rules (grades, permits,
 * exclusions) refusing pairs with their reasons kept; explanations
 * consistent with reduced costs; minimum lots; decisions; random
 * markets against CLP's LP optimum over all compatible pairs.
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <coin/Clp_C_Interface.h>

#include "jk_test.h"

#include <junkan/market.h>

#define DATA JK_TEST_DATA "/market/"

static void load(jk_market *m, const char *name)
{
    jk_err err;
    char path[512];
    snprintf(path, sizeof(path), DATA "%s", name);
    if (jk_market_load(m, path, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
}

static jk_mkt_result *match(jk_market *m, const jk_mkt_opts *o)
{
    jk_mkt_result *r = NULL;
    jk_err err;
    if (jk_market_match(m, o, &r, &err) != JK_OK)
        fail_msg("match: %s: %s", err.where, err.msg);
    return r;
}

/* Simple options: 10 yen per tonne-km by truck, no CO2 price, no
 * detour, so that costs are easy to work by hand. */
static void simple_opts(jk_mkt_opts *o)
{
    jk_mkt_opts_init(o);
    o->detour = 1.0;
    o->rate[0] = 10;
    o->carbon_price = 0;
}

static const jk_mkt_alloc *find_alloc(const jk_market *m,
                                      const jk_mkt_result *r, const char *s,
                                      const char *d)
{
    size_t i;
    for (i = 0; i < jk_mkt_n_allocs(r); i++) {
        const jk_mkt_alloc *a = jk_mkt_alloc_at(r, i);
        if (strcmp(jk_market_listing_at(m, a->supply)->id, s) == 0 &&
            strcmp(jk_market_listing_at(m, a->demand)->id, d) == 0)
            return a;
    }
    return NULL;
}

static const jk_mkt_rest *find_rest(const jk_market *m, const jk_mkt_result *r,
                                    const char *id)
{
    size_t i;
    for (i = 0; i < jk_mkt_n_rests(r); i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(r, i);
        if (strcmp(jk_market_listing_at(m, x->listing)->id, id) == 0)
            return x;
    }
    return NULL;
}

static void listings_load(void **state)
{
    jk_market *m = jk_market_new();
    const jk_mkt_listing *l;
    (void)state;
    assert_non_null(m);
    load(m, "ok_pool.csv");
    load(m, "ok_listings.json");
    assert_int_equal(jk_market_n_listings(m), 6);
    /* A JSON number of tonnes: 0.1 t is exactly 100 kg. */
    assert_i64_eq(jk_market_listing_at(m, 5)->grams, 100000);
    l = jk_market_listing_at(m, 3);
    assert_string_equal(l->id, "j1");
    assert_int_equal(l->side, JK_MKT_SUPPLY);
    assert_i64_eq(l->grams, 12500000);
    assert_i64_eq(l->min_lot, 2000000);
    assert_string_equal(l->recurrence, "monthly");
    assert_string_equal(l->ewc, "17 04 11");
    assert_string_equal(l->hs, "7404");
    assert_string_equal(l->fate, "export");
    assert_string_equal(l->evidence, "https://example.org/report-17.pdf");
    assert_int_equal(l->n_props, 1);
    assert_string_equal(l->props[0].name, "cu");
    assert_true(l->props[0].lo == 62 && l->props[0].hi == 62);
    l = jk_market_listing_at(m, 4);
    assert_i64_eq(l->grams, 100000000);
    assert_true(l->props[0].lo == 55 && isinf(l->props[0].hi));
    /* Defaults. */
    l = jk_market_listing_at(m, 0);
    assert_string_equal(l->recurrence, "once");
    assert_string_equal(l->status, "open");
    assert_string_equal(l->visibility, "public");
    assert_string_equal(l->mode, "truck");
    jk_market_free(m);
}

/* Every bad file fails with its expected message, and lands nothing. */
static void bad_files(void **state)
{
    DIR *dir = opendir(DATA "bad");
    struct dirent *e;
    int n = 0;
    (void)state;
    assert_non_null(dir);
    while ((e = readdir(dir))) {
        char path[512], errpath[512], line[JK_ERR_WHERE + JK_ERR_MSG + 4];
        char *data, *want, *dot;
        size_t len = 0;
        jk_market *m;
        jk_err err;
        const char *name = e->d_name;
        size_t nl = strlen(name);
        if (!(nl > 4 && strcmp(name + nl - 4, ".csv") == 0) &&
            !(nl > 5 && strcmp(name + nl - 5, ".json") == 0))
            continue;
        snprintf(path, sizeof(path), DATA "bad/%s", name);
        snprintf(errpath, sizeof(errpath), "%s", path);
        dot = strrchr(errpath, '.');
        memcpy(dot, ".err", 5);
        data = jk_test_read_file(path, &len);
        want = jk_test_read_file(errpath, NULL);
        if (!data || !want)
            fail_msg("%s: missing file or .err", name);
        want[strcspn(want, "\n")] = '\0';
        m = jk_market_new();
        load(m, "ok_pool.csv");
        if (jk_market_load_buffer(m, name, data, len, &err) == JK_OK)
            fail_msg("%s: loaded without error", name);
        jk_err_line(&err, line, sizeof(line));
        if (strcmp(line, want) != 0)
            fail_msg("%s:\n   got: %s\nwanted: %s", name, line, want);
        assert_int_equal(jk_market_n_listings(m), 3);
        /* The ids of the good file are still found after the rollback. */
        assert_rc(jk_market_load_buffer(m, "dup.csv",
                                        "id,side,material,quantity,lat,lon\n"
                                        "s1,supply,plastic.pp,1t,0,0\n",
                                        strlen("id,side,material,quantity,"
                                               "lat,lon\ns1,supply,plastic."
                                               "pp,1t,0,0\n"),
                                        &err),
                  JK_EEXIST);
        jk_market_free(m);
        jk_free(data);
        jk_free(want);
        n++;
    }
    closedir(dir);
    assert_true(n >= 25);
}

/*
 * Pooling by hand (equator, 1 degree = 111.19508 km, 10 yen/t-km):
 * s1 is 0.5 deg from d1: transport 555.98 yen/t, margin 5000 - 1000,
 * arc cost -3444.02, rounded -3444; s2 is 0.7 deg away: 778.37 ->
 * -3221.63, rounded -3222. d1 wants 50 t: s1's 30 t and 20 t of s2
 * (pooling; s2 is split between d1 and unplaced). Total -30 x 3444 -
 * 20 x 3222 = -167,760 yen. Potentials: pi(s2) = pi(P) (s2 -> P basic),
 * pi(d1) = pi(s2) - 3222, pi(s1) = pi(d1) + 3444 = pi(P) + 222: leaving
 * s1 unplaced would cost 222 yen/t more.
 */
static void pooling_by_hand(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    const jk_mkt_alloc *a;
    const jk_mkt_rest *x;
    (void)state;
    load(m, "ok_pool.csv");
    simple_opts(&o);
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 2);
    a = find_alloc(m, r, "s1", "d1");
    assert_non_null(a);
    assert_i64_eq(a->grams, 30000000);
    assert_float_equal(a->km, 55.5975, 1e-3);
    assert_float_equal(a->transport, 555.975, 1e-2);
    assert_float_equal(a->margin, 4000, 1e-9);
    assert_float_equal(a->next_best, 222, 1e-9);
    assert_true(a->next_best_demand == SIZE_MAX);
    assert_non_null(strstr(a->why, "pooled with other supplies"));
    assert_non_null(strstr(a->why, "leave it unplaced (+222 yen/t)"));
    a = find_alloc(m, r, "s2", "d1");
    assert_non_null(a);
    assert_i64_eq(a->grams, 20000000);
    assert_non_null(strstr(a->why, "supply partly placed"));
    assert_float_equal(jk_mkt_total_cost(r), -167760, 1e-6);
    assert_int_equal(jk_mkt_n_rests(r), 1);
    x = find_rest(m, r, "s2");
    assert_non_null(x);
    assert_i64_eq(x->grams, 10000000);
    assert_string_equal(x->reason_code, "quantity");
    jk_mkt_result_free(r);

    /* A higher ask on s1 than d1's bid leaves only s2 in the money:
     * recurring monthly demand of 50 t is 600 t a year. */
    jk_market_free(m);
    m = jk_market_new();
    {
        /* s1 asks 4800: margin 200 < transport 556 */
        const char *csv = "id,side,org,material,quantity,lat,lon,price\n"
                          "s1,supply,rec-a,plastic.pp,30t,0,0,4800\n"
                          "s2,supply,rec-b,plastic.pp,30t,0,1.2,1000\n"
                          "d1,demand,maker,plastic.pp,50t,0,0.5,5000\n";
        jk_err err;
        assert_rc(jk_market_load_buffer(m, "p.csv", csv, strlen(csv), &err),
                  JK_OK);
    }
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 1);
    x = find_rest(m, r, "s1");
    assert_non_null(x);
    assert_string_equal(x->reason_code, "price");
    assert_non_null(strstr(x->why, "best candidate d1 (56 km) costs 356 yen/t "
                                   "more than no trade"));
    x = find_rest(m, r, "d1");
    assert_i64_eq(x->grams, 20000000);
    jk_mkt_result_free(r);
    jk_market_free(m);
}

static void rules_refuse_with_reasons(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    const jk_mkt_alloc *a;
    const jk_mkt_rest *x;
    (void)state;
    load(m, "ok_rules.csv");
    load(m, "ok_grades.csv");
    load(m, "ok_permits.csv");
    load(m, "ok_exclusions.csv");
    simple_opts(&o);
    r = match(m, &o);
    /* Only s1 (grade a: mfi 2..6 within the wanted 2..8; premium 500)
     * is compatible: s1 -> d1 at 0.1 deg. */
    assert_int_equal(jk_mkt_n_allocs(r), 1);
    a = find_alloc(m, r, "s1", "d1");
    assert_non_null(a);
    assert_i64_eq(a->grams, 10000000);
    assert_float_equal(a->premium, 500, 1e-9);
    assert_non_null(strstr(a->why, "tightest spec: mfi 2..6 within 2..8"));
    x = find_rest(m, r, "s2");
    assert_string_equal(x->reason_code, "grade");
    assert_string_equal(x->why, "no compatible demand within reach; nearest "
                                "d1 (44 km) refused: mfi 12 outside 2..8");
    x = find_rest(m, r, "s3");
    assert_string_equal(x->reason_code, "permit");
    assert_non_null(strstr(x->why, "buyer maker holds no permit for waste "
                                   "type 0600 in JP-14"));
    x = find_rest(m, r, "s4");
    assert_string_equal(x->reason_code, "excluded");
    assert_non_null(strstr(x->why, "buyer maker excludes supplier bad-co"));
    x = find_rest(m, r, "d1");
    assert_i64_eq(x->grams, 90000000);
    assert_string_equal(x->reason_code, "quantity");
    jk_mkt_result_free(r);

    /* With a permit for JP-14 the waste plastics of s3 may go. */
    load(m, "ok_permits.csv");
    {
        jk_err err;
        assert_rc(jk_market_load_buffer(m, "p.csv",
                                        "org,waste_type,prefecture\n"
                                        "maker,0600,JP-14\n",
                                        strlen("org,waste_type,prefecture\n"
                                               "maker,0600,JP-14\n"),
                                        &err),
                  JK_OK);
    }
    r = match(m, &o);
    assert_non_null(find_alloc(m, r, "s3", "d1"));
    jk_mkt_result_free(r);
    jk_market_free(m);
}

/* A rejected pair is never proposed again; a confirmed one takes its
 * volume from both listings. */
static void decisions(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    (void)state;
    load(m, "ok_pool.csv");
    simple_opts(&o);
    assert_rc(jk_market_add_decision(m, "s1", "d1", JK_MKT_REJECTED, 0, &err),
              JK_OK);
    r = match(m, &o);
    assert_null(find_alloc(m, r, "s1", "d1"));
    assert_string_equal(find_rest(m, r, "s1")->reason_code, "rejected");
    assert_i64_eq(find_alloc(m, r, "s2", "d1")->grams, 30000000);
    jk_mkt_result_free(r);
    jk_market_free(m);

    m = jk_market_new();
    load(m, "ok_pool.csv");
    assert_rc(
        jk_market_add_decision(m, "s1", "d1", JK_MKT_CONFIRMED, 25000000, &err),
        JK_OK);
    r = match(m, &o);
    /* 5 t of s1 left, not proposed to d1 again; d1 needs 25 t more,
     * from s2. */
    assert_null(find_alloc(m, r, "s1", "d1"));
    assert_i64_eq(find_alloc(m, r, "s2", "d1")->grams, 25000000);
    assert_string_equal(find_rest(m, r, "s1")->reason_code, "agreed");
    assert_i64_eq(find_rest(m, r, "s1")->grams, 5000000);
    jk_mkt_result_free(r);
    jk_market_free(m);
}

/* Visibility: an internal listing matches only its own organisation, a
 * partners listing only its organisation's partners. */
static void visibility(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    const char *csv = "id,side,org,material,quantity,lat,lon,price,"
                      "visibility\n"
                      "a,supply,rec-a,plastic.pp,10t,0,0,0,partners\n"
                      "b,supply,rec-b,plastic.pp,10t,0,0.1,0,internal\n"
                      "d,demand,maker,plastic.pp,30t,0,0.2,5000,public\n";
    const char *part = "org,partner\nmaker,rec-a\n";
    (void)state;
    assert_rc(jk_market_load_buffer(m, "v.csv", csv, strlen(csv), &err), JK_OK);
    simple_opts(&o);
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 0);
    assert_string_equal(find_rest(m, r, "a")->reason_code, "visibility");
    assert_non_null(strstr(find_rest(m, r, "a")->why,
                           "partners-only listing: rec-a and maker are not "
                           "partners"));
    assert_non_null(strstr(find_rest(m, r, "b")->why,
                           "internal listing, other organisation"));
    jk_mkt_result_free(r);
    assert_rc(jk_market_load_buffer(m, "p.csv", part, strlen(part), &err),
              JK_OK);
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 1);
    assert_non_null(find_alloc(m, r, "a", "d"));
    jk_mkt_result_free(r);
    jk_market_free(m);
}

/* s1 may ship 30 t but d1 takes nothing under 40 t a lot: the pair is
 * closed and s2 (30 t) plus nothing else cannot reach the lot either. */
static void minimum_lot(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    const char *csv = "id,side,material,quantity,min_lot,lat,lon,price\n"
                      "a,supply,plastic.pp,30t,,0,0,0\n"
                      "b,supply,plastic.pp,60t,,0,2,0\n"
                      "d,demand,plastic.pp,50t,40t,0,0.5,5000\n";
    (void)state;
    assert_rc(jk_market_load_buffer(m, "lot.csv", csv, strlen(csv), &err),
              JK_OK);
    simple_opts(&o);
    r = match(m, &o);
    /* Without lots: a 30 t + b 20 t. With a 40 t lot: b alone ships 50
     * t (>= 40), a's 30 t pair is closed. */
    assert_int_equal(jk_mkt_n_allocs(r), 1);
    assert_i64_eq(find_alloc(m, r, "b", "d")->grams, 50000000);
    assert_string_equal(find_rest(m, r, "a")->reason_code, "lot");
    jk_mkt_result_free(r);
    jk_market_free(m);
}

/*
 * A hub by hand (equator, 1 degree = 111.19508 km; truck 10 and ship 2
 * yen/t-km, no detour, no CO2 price): s -> d directly is 556 km by
 * truck, 5559.75 yen/t against a margin of 4000: no trade (+1560 after
 * rounding). Through the port 0.1 deg from s: 11.12 km by truck
 * (111.20) + 544.86 km by ship (1089.71) + handling 500 = 1700.91, so
 * -2299.09 yen/t: 10 t go through the hub; arcs rounded -3889 and +1590,
 * total -22,990 yen.
 */
static void hub_by_hand(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    const jk_mkt_alloc *a;
    const char *csv = "id,side,material,quantity,lat,lon,price\n"
                      "s,supply,plastic.pp,10t,0,0,1000\n"
                      "d,demand,plastic.pp,10t,0,5,5000\n";
    const char *hubs = "hub,lat,lon,handling,mode\nport,0,0.1,500,ship\n";
    (void)state;
    assert_rc(jk_market_load_buffer(m, "l.csv", csv, strlen(csv), &err), JK_OK);
    assert_rc(jk_market_load_buffer(m, "h.csv", hubs, strlen(hubs), &err),
              JK_OK);
    simple_opts(&o);
    o.rate[2] = 2;
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 1);
    a = jk_mkt_alloc_at(r, 0);
    assert_string_equal(a->hub, "port");
    assert_i64_eq(a->grams, 10000000);
    assert_float_equal(a->km, 555.975, 1e-2);
    assert_float_equal(a->transport, 1700.907, 1e-2);
    assert_float_equal(a->cost, -2299.09, 1e-2);
    assert_float_equal(jk_mkt_total_cost(r), -22990, 1e-6);
    assert_non_null(strstr(a->why, "via hub port (then ship, handling 500"));
    jk_mkt_result_free(r);
    /* Out of the hub's reach: no trade, and the price says why. */
    o.hub_km = 5;
    r = match(m, &o);
    assert_int_equal(jk_mkt_n_allocs(r), 0);
    assert_string_equal(find_rest(m, r, "s")->reason_code, "price");
    assert_non_null(strstr(find_rest(m, r, "s")->why,
                           "best candidate d (556 km) costs 1560 yen/t"));
    jk_mkt_result_free(r);
    /* A bad hub row. */
    assert_rc(
        jk_market_load_buffer(m, "h2.csv", "hub,lat,lon,handling\nx,0,0,-1\n",
                              strlen("hub,lat,lon,handling\nx,0,0,-1\n"), &err),
        JK_ERANGE);
    assert_string_equal(err.msg, "handling: yen per tonne, from 0 to 1e12");
    jk_market_free(m);
}

/*
 * Allocation failures (JK_TEST_FAIL_ALLOC style): fail the n-th
 * allocation for n = 1, 2, ... until the path succeeds; each failure
 * must be JK_ENOMEM with nothing half-done (no listing from a failed
 * load, no result from a failed match; ASan checks for leaks). LEMON's
 * own allocations (C++ new) are outside the seam.
 */
static void allocation_failures(void **state)
{
    char *csv = jk_test_read_file(DATA "ok_rules.csv", NULL);
    char *grades = jk_test_read_file(DATA "ok_grades.csv", NULL);
    long n;
    (void)state;
    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */
    assert_non_null(csv);
    assert_non_null(grades);
    for (n = 1; n < 100000; n++) {
        jk_market *m;
        jk_err err;
        int rc;
        jk_alloc_fail_nth(n);
        m = jk_market_new();
        if (!m) {
            assert_true(jk_alloc_failed());
            continue;
        }
        rc = jk_market_load_buffer(m, "ok_rules.csv", csv, strlen(csv), &err);
        if (rc == JK_OK)
            rc = jk_market_load_buffer(m, "ok_grades.csv", grades,
                                       strlen(grades), &err);
        if (!jk_alloc_failed()) {
            assert_rc(rc, JK_OK);
            jk_alloc_fail_nth(0);
            jk_market_free(m);
            break;
        }
        /* libcsv retries a failed buffer growth with a smaller size, so
         * a failure may be absorbed: then the load must be complete. */
        if (rc == JK_OK)
            assert_int_equal(jk_market_n_listings(m), 5);
        else if (rc != JK_ENOMEM)
            fail_msg("n=%ld: rc %d %s: %s", n, rc, err.where, err.msg);
        else
            assert_true(jk_market_n_listings(m) == 0 ||
                        jk_market_n_listings(m) == 5);
        jk_market_free(m);
    }
    jk_alloc_fail_nth(0);
    assert_true(n > 5 && n < 100000);
    for (n = 1; n < 100000; n++) {
        jk_market *m = jk_market_new();
        jk_mkt_opts o;
        jk_mkt_result *r = NULL;
        jk_err err;
        int rc;
        assert_rc(
            jk_market_load_buffer(m, "ok_rules.csv", csv, strlen(csv), &err),
            JK_OK);
        assert_rc(jk_market_load_buffer(m, "ok_grades.csv", grades,
                                        strlen(grades), &err),
                  JK_OK);
        simple_opts(&o);
        jk_alloc_fail_nth(n);
        rc = jk_market_match(m, &o, &r, &err);
        if (!jk_alloc_failed()) {
            jk_alloc_fail_nth(0);
            assert_rc(rc, JK_OK);
            assert_int_equal(jk_mkt_n_allocs(r),
                             2); /* s1 and s4 (no exclusions here) */
            jk_mkt_result_free(r);
            jk_market_free(m);
            break;
        }
        jk_alloc_fail_nth(0);
        if (rc != JK_ENOMEM)
            fail_msg("match n=%ld: %s: %s", n, err.where, err.msg);
        assert_null(r);
        jk_market_free(m);
    }
    assert_true(n > 5 && n < 100000);
    jk_free(csv);
    jk_free(grades);
}

/* Read a temporary file back as a string (jk heap). */

/*
 * Municipality-company ranking by hand (default weights 0.3 material,
 * 0.3 process, 0.2 capacity, 0.2 distance). Challenge c1: plastic,
 * 1,000 t, sorting + recycling, within 100 km.
 *   a-recycle: plastic, both processes, 2,000 t, 0 km: 100.
 *   b-pp: only a finer code (0.5), recycling only (0.5), 500 t (0.5),
 *         0 km (1): 30 x (0.5 + 0.5) + 20 x (0.5 + 1) = 60.
 *   d-rpf: plastic (1), no process (0), 1,000 t (1), 55.6 km of a 100
 *          km reach (0.444): 30 + 20 + 8.88 = 58.9.
 *   c-metals (metal) and e-far (222 km) are not candidates.
 * c2 (copper): c-metals covers metal.copper but is 1,000 km away.
 */
static void municipality_ranking(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_weights w;
    jk_err err;
    FILE *fp;
    char *buf;
    (void)state;
    load(m, "ok_challenges.csv");
    load(m, "ok_capabilities.csv");
    jk_mkt_weights_init(&w);
    fp = tmpfile();
    assert_rc(jk_market_write_ranking(m, &w, 5, JK_MKT_CSV, fp, &err), JK_OK);
    buf = jk_test_slurp(fp);
    assert_string_equal(
        buf,
        "challenge,municipality,rank,company,score,material_fit,process_fit,"
        "capacity_fit,distance_fit,km,why\n"
        "c1,yokohama,1,a-recycle,100.0,1.000,1.000,1.000,1.000,0.0,"
        "\"material plastic covers plastic; processes 100%; capacity 2,000 t "
        "of 1,000 t a year; 0 km within 50 km\"\n"
        "c1,yokohama,2,b-pp,60.0,0.500,0.500,0.500,1.000,0.0,"
        "\"material plastic.pp is part of plastic; processes 50%, missing "
        "sorting; capacity 500 t of 1,000 t a year; 0 km within 100 km\"\n"
        "c1,yokohama,3,d-rpf,58.9,1.000,0.000,1.000,0.444,55.6,"
        "\"material plastic covers plastic; processes 0%, missing sorting; "
        "capacity 1,000 t of 1,000 t a year; 56 km within 100 km\"\n");
    jk_free(buf);
    /* Other weights change the order: distance only. */
    w.material = w.process = w.capacity = 0;
    w.distance = 1;
    fp = tmpfile();
    assert_rc(jk_market_write_ranking(m, &w, 1, JK_MKT_CSV, fp, &err), JK_OK);
    buf = jk_test_slurp(fp);
    assert_non_null(strstr(buf, "c1,yokohama,1,a-recycle,100.0"));
    assert_null(strstr(buf, "d-rpf"));
    jk_free(buf);
    w.distance = -1;
    assert_rc(jk_market_write_ranking(m, &w, 1, JK_MKT_CSV, stdout, &err),
              JK_EINVAL);
    /* A bad row. */
    assert_rc(jk_market_load_buffer(m, "k.csv",
                                    "company,materials,processes,capacity,"
                                    "lat,lon,area_km\nx,plastic,,0t,35,"
                                    "139,10\n",
                                    strlen("company,materials,processes,"
                                           "capacity,lat,lon,area_km\nx,"
                                           "plastic,,0t,35,139,10\n"),
                                    &err),
              JK_ERANGE);
    assert_string_equal(err.where, "k.csv:2");
    assert_string_equal(err.msg, "capacity: must be more than 0, got \"0t\"");
    jk_market_free(m);
}

/* Writers: the gap report adds up. */
static void gap_report(void **state)
{
    jk_market *m = jk_market_new();
    jk_mkt_opts o;
    jk_mkt_result *r;
    jk_err err;
    char *buf;
    FILE *fp;
    (void)state;
    load(m, "ok_rules.csv");
    load(m, "ok_grades.csv");
    load(m, "ok_permits.csv");
    load(m, "ok_exclusions.csv");
    simple_opts(&o);
    r = match(m, &o);
    fp = tmpfile();
    assert_rc(jk_mkt_write_gap(m, r, JK_MKT_CSV, fp, &err), JK_OK);
    buf = jk_test_slurp(fp);
    assert_string_equal(
        buf, "material,grade,supply_t,matched_supply_t,unplaced_t,"
             "unplaced_incineration_t,unplaced_landfill_t,unplaced_export_t,"
             "unplaced_recycling_t,unplaced_unknown_t,demand_t,met_t,unmet_t,"
             "unplaced_reason,unmet_reason\n"
             "plastic.pp,a,10,10,0,0,0,0,0,0,0,0,0,,\n"
             "plastic.pp,,60,0,60,20,0,40,0,0,0,0,0,excluded,\n"
             "plastic.pe,,30,0,30,0,30,0,0,0,0,0,0,permit,\n"
             "plastic,,0,0,0,0,0,0,0,0,100,10,90,,quantity\n");
    jk_free(buf);
    fp = tmpfile();
    assert_rc(jk_mkt_write_gap_svg(m, r, fp, &err), JK_OK);
    buf = jk_test_slurp(fp);
    assert_non_null(strstr(buf, "<svg"));
    assert_non_null(strstr(buf, "plastic.pp / a"));
    jk_free(buf);
    fp = tmpfile();
    assert_rc(jk_mkt_write_allocs(m, r, JK_MKT_JSON, fp, &err), JK_OK);
    assert_rc(jk_mkt_write_rests(m, r, JK_MKT_CSV, fp, &err), JK_OK);
    buf = jk_test_slurp(fp);
    assert_non_null(strstr(buf, "\"supply\": \"s1\""));
    assert_non_null(strstr(buf, "s3,supply,plastic.pe,,30,landfill,permit,"));
    jk_free(buf);
    /* The workbook: a zip (XLSX) with the three sheets. */
    {
        char path[512];
        const char *t = getenv("TMPDIR");
        size_t len = 0;
        snprintf(path, sizeof(path), "%s/jk-market-gap-%d.xlsx", t ? t : "/tmp",
                 (int)getpid());
        assert_rc(jk_mkt_write_xlsx(m, r, path, &err), JK_OK);
        buf = jk_test_read_file(path, &len);
        assert_non_null(buf);
        assert_true(len > 1000 && memcmp(buf, "PK\003\004", 4) == 0);
        {
            /* zip entry names are stored as they are */
            const char *needle = "xl/worksheets/sheet3.xml";
            size_t nl = strlen(needle), at;
            bool found = false;
            for (at = 0; at + nl <= len && !found; at++)
                found = memcmp(buf + at, needle, nl) == 0;
            assert_true(found);
        }
        jk_free(buf);
        unlink(path);
        assert_rc(jk_mkt_write_xlsx(m, r, "/nonexistent-dir/x.xlsx", &err),
                  JK_EIO);
    }
    jk_mkt_result_free(r);
    jk_market_free(m);
}

/* ---- random markets against CLP ---- */

static double hav_km(double la1, double lo1, double la2, double lo2);
static double urand(void);

/*
 * The spatial search is exact: on 400 supplies and 150 demands spread
 * over Japan, and over the whole globe, each supply's candidate arcs
 * (kept problem: supplies are nodes 0.., demands follow) go to exactly
 * its k nearest demands by great-circle distance (brute force).
 */
static void candidates_are_nearest(void **state)
{
    (void)state;
    for (int world = 0; world < 2; world++) {
        const int ns = 400, nd = 150, k = 7;
        jk_market *m = jk_market_new();
        jk_mkt_opts o;
        jk_mkt_result *r;
        const jk_mcf_problem *p;
        jk_err err;
        int bad = 0;
        for (int i = 0; i < ns + nd; i++) {
            char line[256];
            double la = world ? -80 + urand() * 160 : 31 + urand() * 12;
            double lo = world ? -180 + urand() * 360 : 130 + urand() * 15;
            snprintf(line, sizeof(line),
                     "id,side,material,quantity,lat,lon,price\n"
                     "l%d,%s,plastic.pp,1t,%.6f,%.6f,1\n",
                     i, i < ns ? "supply" : "demand", la, lo);
            assert_rc(
                jk_market_load_buffer(m, "r.csv", line, strlen(line), &err),
                JK_OK);
        }
        jk_mkt_opts_init(&o);
        o.k = k;
        o.max_km = 20000;
        o.keep_problem = true;
        r = match(m, &o);
        p = jk_mkt_problem(r);
        assert_non_null(p);
        for (int s = 0; s < ns; s++) {
            const jk_mkt_listing *ls = jk_market_listing_at(m, (size_t)s);
            double dist[150], kth;
            int got = 0;
            for (int d = 0; d < nd; d++) {
                const jk_mkt_listing *ld =
                    jk_market_listing_at(m, (size_t)(ns + d));
                dist[d] = hav_km(ls->lat, ls->lon, ld->lat, ld->lon);
            }
            /* the k-th smallest distance */
            {
                double tmp[150];
                memcpy(tmp, dist, sizeof(tmp));
                for (int a = 0; a < k; a++)
                    for (int b = a + 1; b < nd; b++)
                        if (tmp[b] < tmp[a]) {
                            double t = tmp[a];
                            tmp[a] = tmp[b];
                            tmp[b] = t;
                        }
                kth = tmp[k - 1];
            }
            for (int32_t a = 0; a < p->n_arcs; a++) {
                int d = p->head[a] - ns;
                if (p->tail[a] != s || d < 0 || d >= nd)
                    continue;
                got++;
                if (dist[d] > kth * (1 + 1e-9))
                    bad++;
            }
            if (got != k)
                fail_msg("world %d supply %d: %d candidates", world, s, got);
        }
        assert_int_equal(bad, 0);
        jk_mkt_result_free(r);
        jk_market_free(m);
    }
}

static uint64_t rng = 7;
static double urand(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static double hav_km(double la1, double lo1, double la2, double lo2)
{
    const double rad = 3.14159265358979323846 / 180;
    double dla = (la2 - la1) * rad, dlo = (lo2 - lo1) * rad;
    double a = sin(dla / 2) * sin(dla / 2) +
               cos(la1 * rad) * cos(la2 * rad) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * 6371.0088 * asin(sqrt(a));
}

/*
 * 30 random markets of up to 8 supplies and 6 demands around Tokyo,
 * one material, all pairs within reach (k and max_km large): the
 * market's objective must equal CLP's LP optimum of the transportation
 * problem built here independently (haversine km x detour x rate + CO2
 * x carbon price - margin, rounded to the yen per tonne as the market
 * does), with unmet and unplaced penalties.
 */
static void random_against_clp(void **state)
{
    (void)state;
    for (int t = 0; t < 30; t++) {
        int ns = 1 + (int)(urand() * 8), nd = 1 + (int)(urand() * 6);
        jk_market *m = jk_market_new();
        jk_mkt_opts o;
        jk_mkt_result *r;
        jk_err err;
        double la[14], lo[14], price[14];
        int64_t q[14];
        int ncol = ns * nd + ns + nd, nrow = ns + nd, col = 0;
        CoinBigIndex *start =
            jk_malloc(sizeof(CoinBigIndex) * (size_t)(ncol + 1));
        int *index = jk_malloc(sizeof(int) * 2 * (size_t)ncol);
        double *value = jk_malloc(sizeof(double) * 2 * (size_t)ncol);
        double *lb = jk_malloc(sizeof(double) * (size_t)ncol);
        double *ub = jk_malloc(sizeof(double) * (size_t)ncol);
        double *c = jk_malloc(sizeof(double) * (size_t)ncol);
        double *rhs = jk_malloc(sizeof(double) * (size_t)nrow);
        Clp_Simplex *lp;
        int nz = 0;

        jk_mkt_opts_init(&o);
        o.k = 100;
        o.max_km = 20000;
        o.unmet_penalty = 300;
        o.unplaced_penalty = 150;
        for (int i = 0; i < ns + nd; i++) {
            char line[256];
            la[i] = 35 + urand() * 2;
            lo[i] = 139 + urand() * 2;
            price[i] = i < ns ? urand() * 3000 : 2000 + urand() * 5000;
            q[i] = 1000000 * (1 + (int64_t)(urand() * 50));
            snprintf(line, sizeof(line),
                     "id,side,material,quantity,lat,lon,price\n"
                     "l%d,%s,plastic.pp,%lldg,%.6f,%.6f,%.2f\n",
                     i, i < ns ? "supply" : "demand", (long long)q[i], la[i],
                     lo[i], price[i]);
            assert_rc(
                jk_market_load_buffer(m, "r.csv", line, strlen(line), &err),
                JK_OK);
            /* read back what the market parsed (2-decimal price text) */
            price[i] = jk_market_listing_at(m, (size_t)i)->price;
            la[i] = jk_market_listing_at(m, (size_t)i)->lat;
            lo[i] = jk_market_listing_at(m, (size_t)i)->lon;
        }
        for (int s = 0; s < ns; s++)
            for (int d = 0; d < nd; d++) {
                double km =
                    hav_km(la[s], lo[s], la[ns + d], lo[ns + d]) * o.detour;
                double cost = km * o.rate[0] +
                              km * o.co2[0] / 1000 * o.carbon_price -
                              (price[ns + d] - price[s]);
                start[col] = nz;
                index[nz] = s;
                value[nz++] = 1;
                index[nz] = ns + d;
                value[nz++] = 1;
                lb[col] = 0;
                ub[col] = 1e30;
                c[col++] = nearbyint(cost);
            }
        for (int s = 0; s < ns; s++) { /* unplaced */
            start[col] = nz;
            index[nz] = s;
            value[nz++] = 1;
            lb[col] = 0;
            ub[col] = 1e30;
            c[col++] = o.unplaced_penalty;
        }
        for (int d = 0; d < nd; d++) { /* unmet */
            start[col] = nz;
            index[nz] = ns + d;
            value[nz++] = 1;
            lb[col] = 0;
            ub[col] = 1e30;
            c[col++] = o.unmet_penalty;
        }
        start[col] = nz;
        for (int i = 0; i < nrow; i++)
            rhs[i] = (double)q[i] / 1e6; /* tonnes */
        lp = Clp_newModel();
        Clp_setLogLevel(lp, 0);
        Clp_loadProblem(lp, ncol, nrow, start, index, value, lb, ub, c, rhs,
                        rhs);
        Clp_dual(lp, 0); /* no presolve: CoinUtils' presolve leaks */
        assert_int_equal(Clp_status(lp), 0);
        r = match(m, &o);
        /* Optimality seen from the explanations: no unused alternative
         * is cheaper (reduced costs >= 0), and allocations add up. */
        {
            jk_mass moved = 0, left = 0, total = 0;
            for (size_t a = 0; a < jk_mkt_n_allocs(r); a++) {
                const jk_mkt_alloc *x = jk_mkt_alloc_at(r, a);
                assert_true(isnan(x->next_best) || x->next_best >= 0);
                moved += x->grams;
            }
            for (size_t a = 0; a < jk_mkt_n_rests(r); a++)
                if (jk_market_listing_at(m, jk_mkt_rest_at(r, a)->listing)
                        ->side == JK_MKT_SUPPLY)
                    left += jk_mkt_rest_at(r, a)->grams;
            for (int i = 0; i < ns; i++)
                total += q[i];
            assert_i64_eq(moved + left, total);
        }
        if (fabs(jk_mkt_total_cost(r) - Clp_objectiveValue(lp)) >
            1e-9 * fmax(1.0, fabs(Clp_objectiveValue(lp))))
            fail_msg("case %d: market %.6f, CLP %.6f", t, jk_mkt_total_cost(r),
                     Clp_objectiveValue(lp));
        Clp_deleteModel(lp);
        jk_mkt_result_free(r);
        jk_market_free(m);
        jk_free(start);
        jk_free(index);
        jk_free(value);
        jk_free(lb);
        jk_free(ub);
        jk_free(c);
        jk_free(rhs);
    }
}

/* The nearest-neighbour search and the explanations of the allocations
 * run on several threads: the result, to every explanation and refusal
 * reason, is the same as on one. 600
 * supplies of two organisations, 150 demands, a third of them internal
 * to one organisation, and an island where every pair is refused (so
 * the refusal reasons, replayed in supply order, show). */
static char *match_text(jk_market *m, int threads)
{
    jk_mkt_opts o;
    jk_mkt_result *r = NULL;
    jk_err err;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    jk_mkt_opts_init(&o);
    o.k = 10;
    o.max_km = 400;
    o.threads = threads;
    assert_rc(jk_market_match(m, &o, &r, &err), JK_OK);
    assert_rc(jk_mkt_write_allocs(m, r, JK_MKT_JSON, fp, &err), JK_OK);
    assert_rc(jk_mkt_write_rests(m, r, JK_MKT_CSV, fp, &err), JK_OK);
    jk_mkt_result_free(r);
    return jk_test_slurp(fp);
}

static void threads_same_result(void **state)
{
    jk_market *m = jk_market_new();
    unsigned seed = 7;
    char *one, *three;
    int i;
    (void)state;
    assert_non_null(m);
    for (i = 0; i < 750; i++) {
        jk_mkt_listing l;
        char id[32];
        memset(&l, 0, sizeof(l));
        snprintf(id, sizeof(id), "%c%d", i < 600 ? 's' : 'd', i);
        seed = seed * 1103515245u + 12345u;
        l.id = id;
        l.side = i < 600 ? JK_MKT_SUPPLY : JK_MKT_DEMAND;
        l.org = i % 2 ? "org-a" : "org-b";
        l.material = "plastic.pp";
        l.grade = "";
        l.grams = (jk_mass)(1 + (seed >> 8) % 50) * 1000000;
        l.recurrence = "once";
        l.site = "";
        l.lat = 33 + (double)((seed >> 4) % 1000) / 200.0;
        l.lon = 132 + (double)((seed >> 14) % 1000) / 150.0;
        l.prefecture = "";
        l.price =
            i < 600 ? 40000 + (seed >> 9) % 20000 : 60000 + (seed >> 9) % 30000;
        l.valid_from = l.valid_to = "";
        l.visibility = i >= 600 && i % 3 == 0 ? "internal" : "public";
        if ((i >= 570 && i < 600) || i >= 735) {
            /* an island: org-b's supplies, org-a's internal demands */
            l.lat = 43 + (double)((seed >> 4) % 100) / 200.0;
            l.lon = 141 + (double)((seed >> 14) % 100) / 150.0;
            l.org = i < 600 ? "org-b" : "org-a";
            l.visibility = i < 600 ? "public" : "internal";
        }
        l.evidence = "";
        l.status = "open";
        l.ewc = l.jw = l.hs = l.fate = "";
        l.mode = "truck";
        assert_rc(jk_market_add_listing(m, &l, "threads", NULL), JK_OK);
    }
    one = match_text(m, 1);
    three = match_text(m, 3);
    assert_non_null(strstr(one, "visibility")); /* refusals were noted */
    assert_non_null(strstr(one, "pooled with other supplies"));
    assert_string_equal(one, three);
    jk_free(one);
    jk_free(three);
    jk_market_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(listings_load),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(pooling_by_hand),
        cmocka_unit_test(rules_refuse_with_reasons),
        cmocka_unit_test(decisions),
        cmocka_unit_test(minimum_lot),
        cmocka_unit_test(visibility),
        cmocka_unit_test(gap_report),
        cmocka_unit_test(hub_by_hand),
        cmocka_unit_test(allocation_failures),
        cmocka_unit_test(municipality_ranking),
        cmocka_unit_test(random_against_clp),
        cmocka_unit_test(candidates_are_nearest),
        cmocka_unit_test(threads_same_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
