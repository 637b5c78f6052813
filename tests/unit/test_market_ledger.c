/*
 * Deliveries from the ledger: receipts (transaction.receive) appended
 * through the ledger API into a real SQLite store, mapped to offtake
 * agreements and recorded once each; every receipt that is not recorded
 * says why; the shortfall counts what was recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_fixture.h"

#include <junkan/io.h>
#include <junkan/market.h>

#define DATA JK_TEST_DATA "/market/"

/* A lot of `mass` of class cls made at facility `from` by operator
 * `op`, shipped to `to` and received at facility `at` with the extra
 * receive fields `extra` (e.g. biz_transactions). The receipt's entry. */
static int64_t ship(fx *f, const char *upi, const char *op, const char *cls,
                    const char *from, const char *mass, const char *to,
                    const char *at, const char *extra)
{
    char buf[2048];
    snprintf(buf, sizeof(buf),
             "[{'type':'lot.create','actor':'%s','upi':'%s','class':'%s',"
             "'facility':'%s','mass':'%s','origin':'post_consumer'," FX_T "},"
             "{'type':'transaction.ship','actor':'%s','lots':['%s'],"
             "'destination':'%s','biz_transactions':[{'type':'desadv',"
             "'id':'D-%s'}]," FX_T "},"
             "{'type':'transaction.receive','actor':'%s','lots':['%s'],"
             "'facility':'%s'%s," FX_T "}]",
             op, upi, cls, from, mass, op, upi, to, upi, to, upi, at, extra);
    if (fx_app(f, buf) != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    return jk_ledger_size(f->lg) - 1;
}

/* Bales from the city to the sorter. */
static int64_t bales(fx *f, const char *upi, const char *extra)
{
    return ship(f, upi, "op:city", "cls:bales", "fac:depot", "10 t",
                "op:sorter", "fac:sort", extra);
}

/* Run a sync; the CSV report, counts checked. Free with jk_free. */
static char *sync_csv(fx *f, jk_market *m, size_t rec, size_t already,
                      size_t skipped)
{
    jk_mkt_sync_counts n;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    if (jk_market_sync_deliveries(m, f->s, f->lg, JK_MKT_CSV, fp, &n,
                                  &f->err) != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    assert_int_equal(n.recorded, rec);
    assert_int_equal(n.already, already);
    assert_int_equal(n.skipped, skipped);
    return jk_test_slurp(fp);
}

/* The report's line of entry seq must be `want`. */
static void row_is(const char *csv, int64_t seq, const char *want)
{
    char key[32];
    const char *p = csv;
    size_t n;
    snprintf(key, sizeof(key), "\n%lld,", (long long)seq);
    p = strstr(csv, key);
    if (!p)
        fail_msg("no row for entry %lld in\n%s", (long long)seq, csv);
    p++;
    n = strcspn(p, "\n");
    if (strlen(want) != n || strncmp(p, want, n) != 0)
        fail_msg("row\n%.*s\nexpected\n%s", (int)n, p, want);
}

static void agree(fx *f, jk_market *m, const char *s, const char *d, jk_mass g)
{
    if (jk_market_decide(m, f->s, s, d, JK_MKT_CONFIRMED, g, "",
                         "2026-01-01T00:00:00Z", &f->err) != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
}

static jk_market *setup(fx *f)
{
    jk_market *m = jk_market_new(), *back = jk_market_new();
    fx_open(f);
    assert_rc(jk_seed_reference(f->s, &f->err), JK_OK);
    assert_rc(jk_market_load(m, DATA "ok_ledger_listings.csv", &f->err), JK_OK);
    assert_rc(jk_market_save(m, f->s, &f->err), JK_OK);
    jk_market_free(m);
    assert_rc(jk_market_load_store(back, f->s, &f->err), JK_OK);
    return back;
}

#define HEAD                                                                   \
    "entry,ref,time,sender,receiver,material,mass_t,supply,demand,"            \
    "period,outcome,reason\n"

/* Matching by operators, material and validity; idempotence. */
static void by_operators(void **state)
{
    fx f;
    jk_market *m = setup(&f);
    int64_t b1, b2;
    char *out, want[512];
    (void)state;

    /* No receipt yet: an empty report. */
    out = sync_csv(&f, m, 0, 0, 0);
    assert_string_equal(out, HEAD);
    jk_free(out);

    b1 = fx_bales(&f, "lot:b1");
    out = sync_csv(&f, m, 0, 0, 1);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,no agreement from op:city to "
             "op:sorter",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    jk_free(out);

    /* An agreement between them, for another material. */
    agree(&f, m, "s-pp", "d-pp", 20000000);
    out = sync_csv(&f, m, 0, 0, 1);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,no agreement from op:city to "
             "op:sorter for plastic.pet",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    jk_free(out);

    /* For PET, but the supply expired in 2025. */
    agree(&f, m, "s-old", "d-pet", 20000000);
    out = sync_csv(&f, m, 0, 0, 1);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,2026-01-15 is outside the "
             "validity of the agreement from op:city to op:sorter for "
             "plastic.pet",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    jk_free(out);

    /* The one agreement that fits: recorded in the event's month. */
    agree(&f, m, "s-pet", "d-pet", 20000000);
    out = sync_csv(&f, m, 1, 0, 0);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,s-pet,d-pet,2026-01,recorded,",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    jk_free(out);

    /* Again: nothing new. */
    out = sync_csv(&f, m, 0, 1, 0);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,s-pet,d-pet,2026-01,already recorded,",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    jk_free(out);

    /* A delivery recorded by hand with the receipt's reference counts as
     * recorded. */
    b2 = fx_bales(&f, "lot:b2");
    snprintf(want, sizeof(want), "ledger:%lld", (long long)b2);
    assert_rc(jk_market_deliver(m, f.s, "s-pet", "d-pet", "2026-01", 9000000,
                                want, &f.err),
              JK_OK);
    out = sync_csv(&f, m, 0, 2, 0);
    jk_free(out);

    /* The shortfall counts the recorded deliveries: 10 t from the ledger
     * and 9 t by hand against 20 t. */
    {
        FILE *fp = tmpfile();
        assert_rc(jk_market_write_shortfall(m, f.s, JK_MKT_CSV, fp, &f.err),
                  JK_OK);
        out = jk_test_slurp(fp);
        assert_non_null(strstr(out, "\ns-pet,d-pet,2026-01,20,19,1\n"));
        assert_non_null(strstr(out, "\ns-pp,d-pp,2026-01,20,0,20\n"));
        jk_free(out);
    }
    jk_market_free(m);
    fx_close(&f);
}

/* Named agreements, ambiguity, mismatches, erroneous entries, periods. */
static void reasons(void **state)
{
    fx f;
    jk_market *m = setup(&f);
    int64_t b1, b2, b3, b4, b5, fl;
    char *out, want[512];
    (void)state;

    agree(&f, m, "s-pet", "d-pet", 20000000);
    agree(&f, m, "s-pet2", "d-pet", 30000000);
    agree(&f, m, "s-q", "d-q", 5000000);
    b1 = fx_bales(&f, "lot:b1");
    b2 = bales(&f, "lot:b2",
               ",'biz_transactions':[{'type':'po','id':'s-pet2/d-pet'}]");
    b3 = bales(&f, "lot:b3",
               ",'biz_transactions':[{'type':'po','id':'s-pet/d-maker'}]");
    b4 = bales(&f, "lot:b4",
               ",'biz_transactions':[{'type':'po','id':'P/2026/7'},"
               "{'type':'po','id':'s-q/d-q'}]");
    b5 = fx_bales(&f, "lot:b5");
    {
        char ev[256];
        snprintf(ev, sizeof(ev),
                 "{'type':'error.declare','actor':'op:sorter','target':%lld,"
                 "'reason':'did_not_occur'," FX_T "}",
                 (long long)b5);
        assert_rc(fx_app(&f, ev), JK_OK);
    }
    fl = ship(&f, "lot:f1", "op:sorter", "cls:flakes", "fac:sort", "4 t",
              "op:maker", "fac:plant", "");

    out = sync_csv(&f, m, 2, 0, 4);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,2 agreements from op:city to "
             "op:sorter for plastic.pet: name one in biz_transactions "
             "(SUPPLY/DEMAND)",
             (long long)b1, (long long)b1);
    row_is(out, b1, want);
    /* Named: a yearly agreement, so the fiscal year (January 2026 is in
     * FY2025). */
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,s-pet2,d-pet,FY2025,recorded,",
             (long long)b2, (long long)b2);
    row_is(out, b2, want);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,\"names s-pet/d-maker, which is "
             "not an agreement\"",
             (long long)b3, (long long)b3);
    row_is(out, b3, want);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,\"names s-q/d-q, but the sender "
             "is op:city, not the supply's org op:sorter\"",
             (long long)b4, (long long)b4);
    row_is(out, b4, want);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,,,,not recorded,declared erroneous "
             "(error.declare)",
             (long long)b5, (long long)b5);
    row_is(out, b5, want);
    /* A quarterly agreement: the fiscal quarter (January 2026 is in the
     * fourth quarter of FY2025). */
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:sorter,op:maker,"
             "plastic.pet,4,s-q,d-q,FY2025Q4,recorded,",
             (long long)fl, (long long)fl);
    row_is(out, fl, want);
    jk_free(out);
    /* The shortfall per period of each agreement's own kind: 4 of the 5 t
     * a quarter; the yearly agreement gets its fiscal year, not the
     * quarter; the monthly s-pet/d-pet neither (no month had a
     * delivery). */
    {
        FILE *fp = tmpfile();
        assert_rc(jk_market_write_shortfall(m, f.s, JK_MKT_CSV, fp, &f.err),
                  JK_OK);
        out = jk_test_slurp(fp);
        assert_string_equal(out, "supply,demand,period,agreed_t,delivered_t,"
                                 "shortfall_t\n"
                                 "s-pet2,d-pet,FY2025,30,10,20\n"
                                 "s-q,d-q,FY2025Q4,5,4,1\n");
        jk_free(out);
    }

    /* Declared erroneous after it was recorded: reported. */
    {
        char ev[256];
        snprintf(ev, sizeof(ev),
                 "{'type':'error.declare','actor':'op:sorter','target':%lld,"
                 "'reason':'incorrect_data'," FX_T "}",
                 (long long)b2);
        assert_rc(fx_app(&f, ev), JK_OK);
    }
    out = sync_csv(&f, m, 0, 2, 4);
    snprintf(want, sizeof(want),
             "%lld,ledger:%lld,2026-01-15T09:00:00+09:00,op:city,op:sorter,"
             "plastic.pet,10,s-pet2,d-pet,FY2025,already recorded,declared "
             "erroneous after it "
             "was recorded: correct the delivery",
             (long long)b2, (long long)b2);
    row_is(out, b2, want);
    jk_free(out);
    jk_market_free(m);
    fx_close(&f);
}

/* The receipts query itself: mass, sender, material, business ids; a
 * receipt of lots from two senders and of two materials has neither. */
typedef struct got {
    jk_ledger_receipt r[4];
    char biz[4][64];
    char sender[4][32];
    char material[4][32];
    size_t n;
} got;

static int on_r(void *ctx, const jk_ledger_receipt *r)
{
    got *g = ctx;
    assert_true(g->n < 4);
    g->r[g->n] = *r;
    snprintf(g->biz[g->n], sizeof(g->biz[0]), "%s=%s",
             r->n_biz ? r->biz_type[0] : "", r->n_biz ? r->biz_id[0] : "");
    snprintf(g->sender[g->n], sizeof(g->sender[0]), "%s",
             r->sender ? r->sender : "(null)");
    snprintf(g->material[g->n], sizeof(g->material[0]), "%s",
             r->material ? r->material : "(null)");
    g->n++;
    return 0;
}

static void receipts_query(void **state)
{
    fx f;
    jk_market *m = setup(&f);
    int64_t b1, mix;
    got g;
    jk_mkt_sync_counts n;
    FILE *fp;
    char *out, want[512];
    (void)state;

    b1 = bales(&f, "lot:b1",
               ",'biz_transactions':[{'type':'recadv','id':'R-1'}]");
    assert_rc(
        fx_app(
            &f,
            "[{'type':'class.register','actor':'op:city','id':'cls:pp',"
            "'name':'PP bales','material':'plastic.pp'," FX_T "},"
            "{'type':'lot.create','actor':'op:city','upi':'lot:a',"
            "'class':'cls:bales','facility':'fac:depot','mass':'2 t'," FX_T "},"
            "{'type':'lot.create','actor':'op:city','upi':'lot:c',"
            "'class':'cls:pp','facility':'fac:depot','mass':'1500 kg'," FX_T
            "},"
            "{'type':'lot.create','actor':'op:sorter','upi':'lot:s',"
            "'class':'cls:flakes','facility':'fac:sort','mass':'3 t'," FX_T "},"
            "{'type':'transaction.ship','actor':'op:city','lots':['lot:a',"
            "'lot:c'],'destination':'op:maker','biz_transactions':[{"
            "'type':'desadv','id':'D-1'}]," FX_T "},"
            "{'type':'transaction.ship','actor':'op:sorter','lots':"
            "['lot:s'],'destination':'op:maker','biz_transactions':[{"
            "'type':'desadv','id':'D-2'}]," FX_T "},"
            "{'type':'transaction.receive','actor':'op:maker','lots':"
            "['lot:a','lot:s','lot:c'],'facility':'fac:plant'," FX_T "}]"),
        JK_OK);
    mix = jk_ledger_size(f.lg) - 1;
    memset(&g, 0, sizeof(g));
    assert_rc(jk_ledger_receipts(f.lg, 0, on_r, &g, &f.err), JK_OK);
    assert_int_equal(g.n, 2);
    assert_i64_eq(g.r[0].seq, b1);
    assert_i64_eq(g.r[0].mass, 10000000);
    assert_string_equal(g.sender[0], "op:city");
    assert_string_equal(g.material[0], "plastic.pet");
    assert_int_equal(g.r[0].n_biz, 1);
    assert_string_equal(g.biz[0], "recadv=R-1");
    assert_false(g.r[0].erroneous);
    assert_i64_eq(g.r[1].seq, mix);
    assert_i64_eq(g.r[1].mass, 6500000);
    assert_string_equal(g.sender[1], "(null)");
    assert_string_equal(g.material[1], "(null)");
    assert_int_equal(g.r[1].n_biz, 0);
    /* From an entry on: only the later receipt. */
    memset(&g, 0, sizeof(g));
    assert_rc(jk_ledger_receipts(f.lg, b1 + 1, on_r, &g, &f.err), JK_OK);
    assert_int_equal(g.n, 1);
    assert_i64_eq(g.r[0].seq, mix);

    /* The mixed receipt is reported, in JSON too. */
    fp = tmpfile();
    assert_rc(
        jk_market_sync_deliveries(m, f.s, f.lg, JK_MKT_JSON, fp, &n, &f.err),
        JK_OK);
    out = jk_test_slurp(fp);
    assert_int_equal(n.skipped, 2);
    assert_non_null(strstr(out, "\"reason\": \"the lots came from several "
                                "senders: name the agreement in "
                                "biz_transactions (SUPPLY/DEMAND)\""));
    snprintf(want, sizeof(want), "\"ref\": \"ledger:%lld\"", (long long)mix);
    assert_non_null(strstr(out, want));
    jk_free(out);
    jk_market_free(m);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(by_operators),
        cmocka_unit_test(reasons),
        cmocka_unit_test(receipts_query),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
