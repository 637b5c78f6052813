/*
 * Passports and trace: what each role may read (I20), superseding
 * versions, the roles' names; trace backwards and forwards with the
 * masses of each link, hand-worked.
 */
#include "ledger_fixture.h"

static int setup(void **state)
{
    fx *f = jk_calloc(1, sizeof(*f));
    fx_open(f);
    fx_bales(f, "lot:b1");
    if (fx_app(f,
               "[{'type':'transformation','actor':'op:sorter','facility':"
               "'fac:sort','inputs':[{'upi':'lot:b1','mass':'10 t'}],"
               "'outputs':[{'upi':'lot:f1','class':'cls:flakes','mass':"
               "'6 t'},{'upi':'lot:f2','class':'cls:flakes','mass':'3 t'}],"
               "'losses':[{'kind':'process_loss','mass':'1 t'}]," FX_T "},"
               "{'type':'lot.create','actor':'op:sorter','upi':'lot:v',"
               "'class':'cls:flakes','facility':'fac:sort','mass':'4 t'," FX_T
               "},"
               "{'type':'transformation','actor':'op:sorter','facility':"
               "'fac:sort','inputs':[{'upi':'lot:f1','mass':'6 t'},{'upi':"
               "'lot:v','mass':'4 t'}],'outputs':[{'upi':'lot:p','class':"
               "'cls:flakes','mass':'10 t'}]," FX_T "},"
               "{'type':'passport.issue','actor':'op:sorter','passport_id':"
               "'pp:1','upi':'lot:p','version':1,'attributes':["
               "{'key':'name','value':'Blend','access':'public'},"
               "{'key':'recycling.instructions','value':'wash','access':"
               "'legit_interest'},"
               "{'key':'conformity','value':'doc-1','access':'authority'},"
               "{'key':'recycled.share','value':600000,'unit':'ppm',"
               "'access':'public'}]," FX_T "},"
               "{'type':'passport.set','actor':'op:sorter','passport_id':"
               "'pp:1','key':'name','value':'Blend B','access':'public'," FX_T
               "}]") != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_close(*state);
    jk_free(*state);
    return 0;
}

typedef struct seen {
    char keys[8][64];
    char vals[8][64];
    int n;
} seen;

static int collect(void *ctx, const jk_ledger_attr *a)
{
    seen *s = ctx;
    snprintf(s->keys[s->n], 64, "%s", a->key);
    snprintf(s->vals[s->n], 64, "%s", a->value);
    s->n++;
    return 0;
}

static void i20_read_access_by_role(void **state)
{
    fx *f = *state;
    seen s;
    jk_ledger_access r;

    memset(&s, 0, sizeof(s));
    assert_rc(jk_ledger_passport_attrs(f->lg, "pp:1", JK_ACCESS_PUBLIC, collect,
                                       &s, NULL),
              JK_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.keys[0], "name");
    assert_string_equal(s.vals[0], "Blend B"); /* the latest value */
    assert_string_equal(s.keys[1], "recycled.share");
    assert_string_equal(s.vals[1], "600000");

    memset(&s, 0, sizeof(s));
    assert_rc(jk_ledger_role_parse("recycler", &r), JK_OK);
    assert_int_equal(r, JK_ACCESS_LEGIT_INTEREST);
    assert_rc(jk_ledger_passport_attrs(f->lg, "pp:1", r, collect, &s, NULL),
              JK_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.keys[1], "recycling.instructions");

    memset(&s, 0, sizeof(s));
    assert_rc(jk_ledger_role_parse("market_surveillance", &r), JK_OK);
    assert_rc(jk_ledger_passport_attrs(f->lg, "pp:1", r, collect, &s, NULL),
              JK_OK);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.keys[2], "conformity");

    assert_rc(jk_ledger_role_parse("customer", &r), JK_EINVAL);
    assert_rc(jk_ledger_passport_attrs(f->lg, "pp:9", r, collect, &s, &f->err),
              JK_ENOTFOUND);
    /* An unknown access class cannot be written. */
    fx_reject(f,
              "{'type':'passport.set','actor':'op:sorter','passport_id':"
              "'pp:1','key':'x','value':'1','access':'everyone'," FX_T "}",
              "I20: entry 20: access",
              "expected public, legit_interest or authority, got everyone");
}

typedef struct links {
    jk_ledger_link l[16];
    int n;
} links;

static int keep(void *ctx, const jk_ledger_link *l)
{
    links *x = ctx;
    x->l[x->n++] = *l;
    return 0;
}

static void trace_both_ways(void **state)
{
    fx *f = *state;
    links x;
    jk_ledger_lot l;

    memset(&x, 0, sizeof(x));
    assert_rc(jk_ledger_trace(f->lg, "lot:p", true, keep, &x, NULL), JK_OK);
    assert_int_equal(x.n, 3);
    /* p (10 t) came from 6 t of f1 and 4 t of v; f1 from 6 t of b1. */
    assert_string_equal(x.l[0].from, "lot:f1");
    assert_i64_eq(x.l[0].mass, 6000000);
    assert_int_equal(x.l[0].depth, 1);
    assert_string_equal(x.l[1].from, "lot:v");
    assert_i64_eq(x.l[1].mass, 4000000);
    assert_string_equal(x.l[2].from, "lot:b1");
    assert_string_equal(x.l[2].to, "lot:f1");
    assert_i64_eq(x.l[2].mass, 6000000);
    assert_int_equal(x.l[2].depth, 2);

    memset(&x, 0, sizeof(x));
    assert_rc(jk_ledger_trace(f->lg, "lot:b1", false, keep, &x, NULL), JK_OK);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.l[0].to, "lot:f1");
    assert_string_equal(x.l[1].to, "lot:f2");
    assert_i64_eq(x.l[1].mass, 3000000);
    assert_string_equal(x.l[2].to, "lot:p");
    assert_int_equal(x.l[2].depth, 2);

    /* The sorter declares its first transformation erroneous: the link
     * stays (history is never rewritten) and says so. */
    assert_false(x.l[0].erroneous);
    assert_rc(fx_app(f, "{'type':'error.declare','actor':'op:sorter',"
                        "'target':15,'reason':'incorrect_data'," FX_T "}"),
              JK_OK);
    memset(&x, 0, sizeof(x));
    assert_rc(jk_ledger_trace(f->lg, "lot:b1", false, keep, &x, NULL), JK_OK);
    assert_int_equal(x.n, 3);
    assert_true(x.l[0].erroneous);
    assert_string_equal(x.l[0].to, "lot:f1");
    assert_false(x.l[2].erroneous); /* f1 -> p, entry 17 */

    /* Segregated shares: 6 t post-consumer of the 10 t blend. */
    assert_rc(jk_ledger_lot_get(f->lg, "lot:p", &l, NULL), JK_OK);
    assert_i64_eq(l.rec_post, 6000000);
    assert_string_equal(l.passport, "pp:1");
    assert_rc(jk_ledger_trace(f->lg, "lot:none", true, keep, &x, &f->err),
              JK_ENOTFOUND);
}

static void untp_and_epcis(void **state)
{
    fx *f = *state;
    jk_buf b;
    jk_buf_init(&b, 1 << 24);
    assert_rc(
        jk_ledger_passport_untp(f->lg, "pp:1", JK_ACCESS_PUBLIC, &b, &f->err),
        JK_OK);
    assert_non_null(strstr(b.data, "\"DigitalProductPassport\""));
    assert_non_null(strstr(b.data, "\"Blend B\""));
    assert_null(strstr(b.data, "recycling.instructions"));
    assert_non_null(strstr(b.data, "\"recycledContent\": 0.6"));
    assert_non_null(strstr(b.data, "\"inclusion\""));
    assert_non_null(strstr(b.data, "\"redacted\": true"));
    jk_buf_reset(&b);
    assert_rc(jk_ledger_passport_untp(f->lg, "pp:1", JK_ACCESS_AUTHORITY, &b,
                                      &f->err),
              JK_OK);
    assert_non_null(strstr(b.data, "\"conformity\""));
    assert_null(strstr(b.data, "\"redacted\""));
    jk_buf_reset(&b);
    assert_rc(jk_ledger_epcis(f->lg, "lot:f2", &b, &f->err), JK_OK);
    /* f2's lineage: b1 created, shipped, received, transformed. */
    assert_non_null(strstr(b.data, "\"TransformationEvent\""));
    assert_null(strstr(b.data, "lot:v\""));
    jk_buf_free(&b);
}

/* A passport for a product class: written by its manufacturer only,
 * superseded like a lot's, exported at model granularity. */
static void class_passport(void **state)
{
    fx *f = *state;
    jk_ledger_passport p;
    jk_buf b;

    fx_reject(f,
              "{'type':'passport.issue','actor':'op:city','passport_id':"
              "'pp:cls','class':'cls:flakes','version':1," FX_T "}",
              "I21: entry 20: class",
              "op:city is not the manufacturer of product class cls:flakes "
              "(op:sorter is)");
    fx_reject(f,
              "{'type':'passport.issue','actor':'op:sorter','passport_id':"
              "'pp:cls','class':'cls:flakes','upi':'lot:p','version':1," FX_T
              "}",
              "I9: entry 20: upi", "a passport is for a lot (upi) or");
    assert_rc(fx_app(f, "{'type':'passport.issue','actor':'op:sorter',"
                        "'passport_id':'pp:cls','class':'cls:flakes',"
                        "'version':1,'attributes':[{'key':'spec','value':"
                        "'food grade','access':'public'}]," FX_T "}"),
              JK_OK);
    assert_string_equal(jk_ledger_class_passport(f->lg, "cls:flakes"),
                        "pp:cls");
    assert_rc(jk_ledger_passport_get(f->lg, "pp:cls", &p, NULL), JK_OK);
    assert_null(p.upi);
    assert_string_equal(p.class_id, "cls:flakes");
    fx_reject(f,
              "{'type':'passport.issue','actor':'op:sorter','passport_id':"
              "'pp:cls2','class':'cls:flakes','version':1," FX_T "}",
              "I7: entry 21: supersedes",
              "class cls:flakes has passport pp:cls: a new one must "
              "supersede it");
    jk_buf_init(&b, 1 << 24);
    assert_rc(
        jk_ledger_passport_untp(f->lg, "pp:cls", JK_ACCESS_PUBLIC, &b, &f->err),
        JK_OK);
    assert_non_null(strstr(b.data, "\"granularityLevel\": \"model\""));
    assert_non_null(strstr(b.data, "\"food grade\""));
    jk_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(i20_read_access_by_role, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(trace_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(untp_and_epcis, setup, teardown),
        cmocka_unit_test_setup_teardown(class_passport, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
