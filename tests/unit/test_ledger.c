/*
 * The ledger log: a chain appended, reopened and verified; exact mass
 * through transformations with the segregated recycled shares; one
 * rejecting case per invariant (the log unchanged each time).
 */
#include <jansson.h>

#include "ledger_fixture.h"

static int setup(void **state)
{
    fx *f = jk_calloc(1, sizeof(*f));
    fx_open(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_close(*state);
    jk_free(*state);
    return 0;
}

static void chain_and_reopen(void **state)
{
    fx *f = *state;
    jk_ledger_lot l;
    jk_ledger_report rep;
    jk_merkle_proof p;
    jk_ledger *again = NULL;

    fx_bales(f, "lot:b1");
    if (fx_app(f, "{'type':'transformation','actor':'op:sorter',"
                  "'facility':'fac:sort','inputs':[{'upi':'lot:b1',"
                  "'mass':'10 t'}],'outputs':[{'upi':'lot:f1','class':"
                  "'cls:flakes','mass':'7.5 t'},{'upi':'lot:f2','class':"
                  "'cls:flakes','mass':{'value':'1500','uom':'KGM'}}],"
                  "'losses':[{'kind':'process_loss','mass':'1 t'}]," FX_T
                  "}") != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:b1", &l, NULL), JK_OK);
    assert_string_equal(l.state, "consumed");
    assert_i64_eq(l.remaining, 0);
    assert_i64_eq(l.consumed, 10000000);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:f1", &l, NULL), JK_OK);
    assert_i64_eq(l.produced, 7500000);
    /* Segregated: 10 t post-consumer in, 7.5 t of it in f1. */
    assert_i64_eq(l.rec_post, 7500000);
    assert_string_equal(l.responsible, "op:sorter");
    assert_rc(jk_ledger_lot_get(f->lg, "lot:f2", &l, NULL), JK_OK);
    assert_i64_eq(l.rec_post, 1500000);
    assert_i64_eq(jk_ledger_size(f->lg), 16);
    assert_rc(jk_ledger_inclusion(f->lg, 15, 0, &p, NULL), JK_OK);
    assert_rc(jk_merkle_verify(&p, NULL), JK_OK);

    /* Reopened from the store: same state, same tree. */
    assert_rc(jk_ledger_open(f->s, &again, &f->err), JK_OK);
    assert_i64_eq(jk_ledger_size(again), 16);
    assert_rc(jk_ledger_lot_get(again, "lot:f2", &l, NULL), JK_OK);
    assert_i64_eq(l.produced, 1500000);
    {
        jk_merkle_proof q;
        assert_rc(jk_ledger_inclusion(again, 15, 0, &q, NULL), JK_OK);
        assert_memory_equal(q.root2, p.root2, JK_HASH_LEN);
    }
    jk_ledger_close(again);
    assert_rc(jk_ledger_verify_store(f->s, 2, &rep, &f->err), JK_OK);
    assert_i64_eq(rep.entries, 16);
    assert_memory_equal(rep.root, p.root2, JK_HASH_LEN);
}

/* Three unequal outputs share 1000 g of recycled material exactly. */
static void exact_split_of_recycled_shares(void **state)
{
    fx *f = *state;
    jk_ledger_lot a, b, c;
    fx_bales(f, "lot:b1");
    if (fx_app(f, "{'type':'transformation','actor':'op:sorter',"
                  "'facility':'fac:sort','inputs':[{'upi':'lot:b1',"
                  "'mass':'1 kg'}],'outputs':[{'upi':'lot:a','class':"
                  "'cls:flakes','mass':'333 g'},{'upi':'lot:b','class':"
                  "'cls:flakes','mass':'333 g'},{'upi':'lot:c','class':"
                  "'cls:flakes','mass':'334 g'}]," FX_T "}") != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:a", &a, NULL), JK_OK);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:b", &b, NULL), JK_OK);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:c", &c, NULL), JK_OK);
    assert_i64_eq(a.rec_post + b.rec_post + c.rec_post, 1000);
    assert_i64_eq(c.rec_post, 334);
    assert_rc(jk_ledger_lot_get(f->lg, "lot:b1", &a, NULL), JK_OK);
    assert_i64_eq(a.remaining, 9999000);
}

/* Entries 15-21: sorter makes 8 t of flakes, ships them to the maker,
 * who opens a mass-balance account, credits the receipt (entry 17),
 * makes 7.9 t of bottles and claims 5 t of recycled content. */
static void mb_chain(fx *f)
{
    fx_bales(f, "lot:b1");
    if (fx_app(
            f,
            "[{'type':'transformation','actor':'op:sorter','facility':"
            "'fac:sort','inputs':[{'upi':'lot:b1','mass':'10 t'}],"
            "'outputs':[{'upi':'lot:f1','class':'cls:flakes','mass':"
            "'8 t'}],'losses':[{'kind':'process_loss','mass':'2 t'}]," FX_T "},"
            "{'type':'transaction.ship','actor':'op:sorter','lots':"
            "['lot:f1'],'destination':'op:maker','biz_transactions':"
            "[{'type':'inv','id':'I-1'}]," FX_T "},"
            "{'type':'transaction.receive','actor':'op:maker','lots':"
            "['lot:f1'],'facility':'fac:plant'," FX_T "},"
            "{'type':'mb.account.open','actor':'op:maker','account':"
            "'acc:1','facility':'fac:plant','characteristic':'rPET',"
            "'scheme':'iscc-plus','conversion_factor_ppm':1000000,"
            "'period_start':'2026-01-01','period_end':'2026-03-31'," FX_T "},"
            "{'type':'mb.credit','actor':'op:maker','account':'acc:1',"
            "'source':17,'mass':'8 t'," FX_T "},"
            "{'type':'transformation','actor':'op:maker','facility':"
            "'fac:plant','inputs':[{'upi':'lot:f1','mass':'8 t'}],"
            "'outputs':[{'upi':'lot:p1','class':'cls:bottle','mass':"
            "'7.9 t'}],'losses':[{'kind':'moisture','mass':'100 kg'}]," FX_T
            "},"
            "{'type':'mb.debit','actor':'op:maker','account':'acc:1',"
            "'upi':'lot:p1','mass':'5 t'," FX_T "}]") != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    assert_i64_eq(jk_ledger_size(f->lg), 22);
}

static void i1_append_only(void **state)
{
    fx *f = *state;
    fx_reject(f,
              "{'type':'error.declare','actor':'op:city','target':999,"
              "'reason':'incorrect_data'," FX_T "}",
              "I1: entry 12: target",
              "entry 999 cannot be declared erroneous here");
    assert_rc(fx_app(f, "{'type':'error.declare','actor':'op:registry',"
                        "'target':3,'reason':'incorrect_data'," FX_T "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'error.declare','actor':'op:registry','target':3,"
              "'reason':'did_not_occur'," FX_T "}",
              "I1: entry 13: target", "entry 3 is declared erroneous already");
}

static void i3_merkle(void **state)
{
    fx *f = *state;
    jk_merkle_proof p;
    jk_err err;
    assert_rc(jk_ledger_inclusion(f->lg, 4, 0, &p, NULL), JK_OK);
    assert_rc(jk_merkle_verify(&p, NULL), JK_OK);
    p.leaf[0] ^= 1; /* another entry */
    assert_rc(jk_merkle_verify(&p, &err), JK_ECONSTRAINT);
    assert_string_equal(err.where, "I3: root");
    assert_rc(jk_ledger_consistency(f->lg, 5, 12, &p, NULL), JK_OK);
    assert_rc(jk_merkle_verify(&p, NULL), JK_OK);
    p.root1[3] ^= 1;
    assert_rc(jk_merkle_verify(&p, &err), JK_ECONSTRAINT);
    assert_string_equal(err.where, "I3: root1");
}

static void i4_checkpoints(void **state)
{
    fx *f = *state;
    char *note = NULL;
    assert_rc(jk_ledger_checkpoint(f->lg, &f->k[K_CITY], NULL, &f->err),
              JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I5: checkpoint");
    assert_rc(jk_ledger_checkpoint(f->lg, &f->k[K_REG], &note, &f->err), JK_OK);
    assert_true(strncmp(note, "test.junkan/ledger\n12\n", 22) == 0);
    assert_non_null(strstr(note, "\n\n\xe2\x80\x94 test.junkan/ledger "));
    jk_free(note);
    assert_rc(jk_ledger_checkpoint(f->lg, &f->k[K_REG], NULL, &f->err),
              JK_EEXIST);
}

static void i5_signature_rights(void **state)
{
    fx *f = *state;
    fx_reject(
        f,
        "{'type':'operator.register','actor':'op:city','uoi':'op:x',"
        "'name':'X','key_id':1,'pubkey':'"
        "0000000000000000000000000000000000000000000000000000000000000000'"
        "," FX_T "}",
        "I5: entry 12: actor",
        "only the log operator (op:registry) registers operators");
    assert_rc(fx_app(f, "{'type':'key.revoke','actor':'op:registry','uoi':"
                        "'op:city','key_id':1," FX_T "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'lot.create','actor':'op:city','upi':'lot:x','class':"
              "'cls:bales','facility':'fac:depot','mass':'1 t'," FX_T "}",
              "I5: entry 13: kid",
              "key 1 of op:city is not valid at 2026-01-20T00:00:00Z");
    fx_reject(f,
              "{'type':'lot.create','actor':'op:sorter','upi':'lot:x',"
              "'class':'cls:bales','facility':'fac:depot','mass':'1 t'," FX_T
              "}",
              "I5: entry 13: facility",
              "op:sorter does not operate facility fac:depot (op:city does)");
}

static void i6_unique(void **state)
{
    fx *f = *state;
    const char *obs = "{'type':'object.observe','actor':'op:sorter','upi':"
                      "'lot:b1'," FX_T "}";
    fx_bales(f, "lot:b1");
    fx_reject(f,
              "{'type':'lot.create','actor':'op:sorter','upi':'lot:b1',"
              "'class':'cls:flakes','facility':'fac:sort','mass':'1 t'," FX_T
              "}",
              "I6: entry 15: upi",
              "lot lot:b1 exists already (identifiers are never reassigned)");
    assert_rc(fx_app(f, obs), JK_OK);
    fx_reject(f, obs, "I6: entry 16: eh",
              "the same event is already in the log");
}

static void i7_passport_identity(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    assert_rc(fx_app(f, "{'type':'passport.issue','actor':'op:sorter',"
                        "'passport_id':'pp:1','upi':'lot:b1','version':1," FX_T
                        "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'passport.issue','actor':'op:sorter','passport_id':"
              "'pp:2','upi':'lot:b1','version':2," FX_T "}",
              "I7: entry 16: supersedes",
              "lot lot:b1 has passport pp:1: a new one must supersede it");
    assert_rc(fx_app(f, "{'type':'passport.issue','actor':'op:sorter',"
                        "'passport_id':'pp:2','upi':'lot:b1','version':2,"
                        "'supersedes':'pp:1'," FX_T "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'passport.set','actor':'op:sorter','passport_id':"
              "'pp:1','key':'x','value':'1','access':'public'," FX_T "}",
              "I7: entry 17: passport_id",
              "passport pp:1 is superseded; update the current one");
}

static void i8_time(void **state)
{
    fx *f = *state;
    fx_reject(f, "{'type':'object.observe','actor':'op:city','upi':'lot:b1'}",
              "I8: entry 12: time", "expected the event time with its offset");
    assert_rc(fx_app_at(f,
                        "{'type':'object.observe','actor':'op:city','upi':"
                        "'lot:b1','time':'2026-01-20T10:00:00+09:00'}",
                        "2026-01-20T00:00:00Z"),
              JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I8: entry 12: time");
    assert_rc(fx_app_at(f,
                        "{'type':'object.observe','actor':'op:city','upi':"
                        "'lot:b1','time':'2026-01-01T10:00:00+09:00'}",
                        "2026-01-10T00:00:00Z"),
              JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I8: entry 12: rt");
    assert_string_equal(f->err.msg, "record time 2026-01-10T00:00:00Z is "
                                    "before the previous entry's");
}

static void i9_well_formed(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    fx_reject(f,
              "{'type':'transformation','actor':'op:sorter','facility':"
              "'fac:sort','inputs':[{'upi':'lot:b1','mass':'1 t'}],"
              "'outputs':[]," FX_T "}",
              "I9: entry 15: outputs", "needs at least one item");
    fx_reject(f,
              "{'type':'transaction.ship','actor':'op:sorter','lots':"
              "['lot:b1'],'destination':'op:maker'," FX_T "}",
              "I9: entry 15: biz_transactions", "missing");
    fx_reject(f,
              "{'type':'association','actor':'op:sorter','children':"
              "['lot:b1']," FX_T "}",
              "I9: entry 15: parent", "missing");
    assert_rc(fx_app(f, "{'type':'object.destroy','actor':'op:sorter',"
                        "'upi':'lot:b1'," FX_T "}"),
              JK_OK);
    fx_reject(
        f,
        "{'type':'transformation','actor':'op:sorter','facility':"
        "'fac:sort','inputs':[{'upi':'lot:b1','mass':'1 t'}],"
        "'outputs':[{'upi':'lot:f','class':'cls:flakes','mass':'1 t'}]," FX_T
        "}",
        "I9: entry 16: inputs[0].upi", "lot lot:b1 is destroyed");
}

static void i10_mass_conservation(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    fx_reject(f,
              "{'type':'transformation','actor':'op:sorter','facility':"
              "'fac:sort','inputs':[{'upi':'lot:b1','mass':'10 t'}],"
              "'outputs':[{'upi':'lot:f','class':'cls:flakes','mass':'9 t'}],"
              "'losses':[{'kind':'to_fuel','mass':'500 kg'}]," FX_T "}",
              "I10: entry 15: outputs",
              "inputs 10000000 g != outputs 9000000 g + losses 500000 g "
              "(difference 500000 g)");
    fx_reject(f,
              "{'type':'transformation','actor':'op:sorter','facility':"
              "'fac:sort','inputs':[{'upi':'lot:b1','mass':'11 t'}],"
              "'outputs':[{'upi':'lot:f','class':'cls:flakes','mass':"
              "'11 t'}]," FX_T "}",
              "I10: entry 15: inputs[0].mass",
              "11000000 g of lot lot:b1 used, but only 10000000 g remain");
    fx_reject(f,
              "{'type':'aggregation.pack','actor':'op:sorter','parent':"
              "'pal:1','children':['lot:b1'],'mass':'10.5 t',"
              "'packaging_mass':'20 kg'," FX_T "}",
              "I10: entry 15: mass",
              "the parent's 10500000 g must equal the children's 10000000 g "
              "plus packaging 20000 g");
}

static void i11_units_once(void **state)
{
    fx *f = *state;
    fx_reject(f,
              "{'type':'lot.create','actor':'op:city','upi':'lot:x','class':"
              "'cls:bales','facility':'fac:depot','mass':{'value':'40',"
              "'uom':'EA'}," FX_T "}",
              "I11: entry 12 (t.json:$): mass",
              "EA is not a mass unit; give g_per_unit, the grams in one EA");
    fx_reject(f,
              "{'type':'lot.create','actor':'op:city','upi':'lot:x','class':"
              "'cls:bales','facility':'fac:depot','mass':{'value':'40',"
              "'uom':'kilo'}," FX_T "}",
              "I11: entry 12 (t.json:$): mass",
              "uom: expected a UN/ECE Rec 20 code (KGM, TNE)");
    assert_rc(fx_app(f, "{'type':'lot.create','actor':'op:city','upi':"
                        "'lot:x','class':'cls:bales','facility':'fac:depot',"
                        "'mass':{'value':40,'uom':'EA','g_per_unit':25}," FX_T
                        "}"),
              JK_OK);
    {
        jk_ledger_lot l;
        assert_rc(jk_ledger_lot_get(f->lg, "lot:x", &l, NULL), JK_OK);
        assert_i64_eq(l.produced, 1000);
    }
}

static void i12_composition(void **state)
{
    fx *f = *state;
    fx_reject(f,
              "{'type':'lot.create','actor':'op:city','upi':'lot:x','class':"
              "'cls:bales','facility':'fac:depot','mass':'1 t',"
              "'composition':[{'material':'plastic.pet','fraction_ppm':"
              "900000}]," FX_T "}",
              "I12: entry 12: composition",
              "mass fractions sum to 900000 ppm, not 1000000");
    fx_reject(f,
              "{'type':'lot.create','actor':'op:city','upi':'lot:x','class':"
              "'cls:bales','facility':'fac:depot','mass':'1 t',"
              "'composition':[{'material':'plastic.pet','fraction_ppm':"
              "1000000,'pre_ppm':600000,'post_ppm':500000}]," FX_T "}",
              "I12: entry 12: composition[0].post_ppm",
              "recycled shares pre 600000 + post 500000 ppm must lie within");
}

static void i14_no_over_allocation(void **state)
{
    fx *f = *state;
    jk_ledger_account a;
    mb_chain(f);
    assert_rc(jk_ledger_account_get(f->lg, "acc:1", &a, NULL), JK_OK);
    assert_i64_eq(a.credits, 8000000);
    assert_i64_eq(a.balance, 3000000);
    fx_reject(f,
              "{'type':'mb.debit','actor':'op:maker','account':'acc:1',"
              "'upi':'lot:p1','mass':'4 t'," FX_T "}",
              "I14: entry 22: mass",
              "4000000 g claimed, but account acc:1 holds 3000000 g");
}

static void i15_account_scoping(void **state)
{
    fx *f = *state;
    mb_chain(f);
    fx_reject(f,
              "{'type':'mb.account.open','actor':'op:maker','account':"
              "'acc:2','facility':'fac:plant','characteristic':'rPET-long',"
              "'scheme':'iscc-plus','conversion_factor_ppm':1000000,"
              "'period_start':'2026-01-01','period_end':'2026-06-30'," FX_T "}",
              "I15: entry 22: period_end",
              "a credit period of 180 days is longer than the 92 days "
              "iscc-plus allows");
    fx_reject(f,
              "{'type':'mb.credit','actor':'op:maker','account':'acc:1',"
              "'source':14,'mass':'1 t'," FX_T "}",
              "I15: entry 22: source",
              "the receipt in entry 14 was at fac:sort, not at the account's "
              "facility fac:plant");
    fx_reject(f,
              "{'type':'mb.account.open','actor':'op:maker','account':"
              "'acc:3','facility':'fac:plant','characteristic':'rPET',"
              "'scheme':'iscc-plus','conversion_factor_ppm':1000000,"
              "'period_start':'2026-02-01','period_end':'2026-03-01'," FX_T "}",
              "I15: entry 22: period_start",
              "account acc:1 already covers rPET at fac:plant");
}

/* Scheme rules are data with effective dates: a new version applies to
 * periods that start after it takes effect. */
static void scheme_rules_by_date(void **state)
{
    fx *f = *state;
    mb_chain(f);
    assert_rc(fx_app(f, "{'type':'scheme.register','actor':'op:registry',"
                        "'scheme':'iscc-plus','effective_from':'2026-04-01',"
                        "'max_period_days':31,'tolerance_ppm':5000," FX_T "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'mb.account.open','actor':'op:maker','account':"
              "'acc:q2','facility':'fac:plant','characteristic':'rPET',"
              "'scheme':'iscc-plus','conversion_factor_ppm':1000000,"
              "'period_start':'2026-04-01','period_end':'2026-06-30'," FX_T "}",
              "I15: entry 23: period_end",
              "a credit period of 90 days is longer than the 31 days");
    fx_reject(f,
              "{'type':'scheme.register','actor':'op:registry','scheme':"
              "'iscc-plus','effective_from':'2026-03-01','max_period_days':"
              "60,'tolerance_ppm':5000," FX_T "}",
              "I9: entry 23: effective_from",
              "a newer version of iscc-plus must take effect after");
}

/* Under a post-consumer-only scheme (ELV), pre-consumer material earns
 * no credit. */
static void i18_post_consumer_only(void **state)
{
    fx *f = *state;
    assert_rc(
        fx_app(f, "[{'type':'lot.create','actor':'op:city','upi':"
                  "'lot:pre','class':'cls:bales','facility':"
                  "'fac:depot','mass':'2 t','origin':'pre_consumer'," FX_T "},"
                  "{'type':'transaction.ship','actor':'op:city',"
                  "'lots':['lot:pre'],'destination':'op:maker',"
                  "'biz_transactions':[{'type':'inv','id':'9'}]," FX_T "},"
                  "{'type':'transaction.receive','actor':'op:maker',"
                  "'lots':['lot:pre'],'facility':'fac:plant'," FX_T "},"
                  "{'type':'mb.account.open','actor':'op:maker',"
                  "'account':'acc:elv','facility':'fac:plant',"
                  "'characteristic':'post-consumer plastic','scheme':"
                  "'elv','conversion_factor_ppm':1000000,"
                  "'period_start':'2026-01-01','period_end':"
                  "'2026-03-31'," FX_T "}]"),
        JK_OK);
    fx_reject(f,
              "{'type':'mb.credit','actor':'op:maker','account':'acc:elv',"
              "'source':14,'mass':'1 t'," FX_T "}",
              "I18: entry 16: mass",
              "1000000 g credited, but the receipt holds 0 g of "
              "post-consumer recycled material");
}

static void i16_single_use(void **state)
{
    fx *f = *state;
    mb_chain(f);
    fx_reject(f,
              "{'type':'mb.credit','actor':'op:maker','account':'acc:1',"
              "'source':17,'mass':'1 t'," FX_T "}",
              "I16: entry 22: source",
              "the receipt in entry 17 backs a credit already");
}

static void i17_book_and_claim(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    fx_reject(f,
              "{'type':'bc.book','actor':'op:sorter','credit':'c:1',"
              "'source':'lot:b1','mass':'11 t'," FX_T "}",
              "I17: entry 15: mass",
              "booking 11000000 g would exceed the 10000000 g of recycled");
    assert_rc(fx_app(f, "[{'type':'bc.book','actor':'op:sorter','credit':"
                        "'c:1','source':'lot:b1','mass':'4 t'," FX_T "},"
                        "{'type':'bc.transfer','actor':'op:sorter','credit':"
                        "'c:1','to':'op:maker'," FX_T "}]"),
              JK_OK);
    fx_reject(f,
              "{'type':'bc.transfer','actor':'op:sorter','credit':'c:1',"
              "'to':'op:city'," FX_T "}",
              "I17: entry 17: credit",
              "credit c:1 is held by op:maker, not op:sorter");
    assert_rc(fx_app(f, "{'type':'bc.retire','actor':'op:maker','credit':"
                        "'c:1','against':'lot:b1'," FX_T "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'bc.retire','actor':'op:maker','credit':'c:1',"
              "'against':'lot:b1','note':'again'," FX_T "}",
              "I17: entry 18: credit",
              "credit c:1 is retired (retirement is final)");
}

static void i19_reconciliation(void **state)
{
    fx *f = *state;
    jk_ledger_account a;
    mb_chain(f);
    /* Book 3 t; 3.1 t counted is 3.3 % off, beyond 0.5 %. */
    assert_rc(fx_app(f, "{'type':'mb.close','actor':'op:maker','account':"
                        "'acc:1','physical_mass':'3.1 t'," FX_T "}"),
              JK_OK);
    assert_rc(jk_ledger_account_get(f->lg, "acc:1", &a, NULL), JK_OK);
    assert_true(a.closed);
    assert_true(a.flagged);
    fx_reject(f,
              "{'type':'mb.account.open','actor':'op:maker','account':"
              "'acc:2','facility':'fac:plant','characteristic':'rPET',"
              "'scheme':'iscc-plus','conversion_factor_ppm':1000000,"
              "'period_start':'2026-04-01','period_end':'2026-06-30',"
              "'carry_from':'acc:1'," FX_T "}",
              "I19: entry 23: carry_from",
              "account acc:1 closed outside the stock tolerance");
    fx_reject(f,
              "{'type':'mb.debit','actor':'op:maker','account':'acc:1',"
              "'upi':'lot:p1','mass':'1 t'," FX_T "}",
              "I19: entry 23: account",
              "account acc:1 closed outside the stock tolerance");
}

/* Within 0.5 %: the balance carries into the next period. */
static void i19_within_tolerance_carries(void **state)
{
    fx *f = *state;
    jk_ledger_account a;
    mb_chain(f);
    assert_rc(fx_app(f, "[{'type':'mb.close','actor':'op:maker','account':"
                        "'acc:1','physical_mass':'3.015 t'," FX_T "},"
                        "{'type':'mb.account.open','actor':'op:maker',"
                        "'account':'acc:2','facility':'fac:plant',"
                        "'characteristic':'rPET','scheme':'iscc-plus',"
                        "'conversion_factor_ppm':1000000,'period_start':"
                        "'2026-04-01','period_end':'2026-06-30','carry_from':"
                        "'acc:1'," FX_T "}]"),
              JK_OK);
    assert_rc(jk_ledger_account_get(f->lg, "acc:2", &a, NULL), JK_OK);
    assert_i64_eq(a.opening, 3000000);
}

static void i21_write_access(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    assert_rc(fx_app(f, "{'type':'passport.issue','actor':'op:sorter',"
                        "'passport_id':'pp:1','upi':'lot:b1','version':1," FX_T
                        "}"),
              JK_OK);
    fx_reject(f,
              "{'type':'passport.set','actor':'op:maker','passport_id':"
              "'pp:1','key':'x','value':'1','access':'public'," FX_T "}",
              "I21: entry 16: passport_id",
              "op:maker is not responsible for lot lot:b1 (op:sorter is)");
    fx_reject(f,
              "{'type':'transaction.ship','actor':'op:city','lots':"
              "['lot:b1'],'destination':'op:maker','biz_transactions':"
              "[{'type':'inv','id':'1'}]," FX_T "}",
              "I21: entry 16: lots[0]",
              "op:city is not responsible for lot lot:b1 (op:sorter is)");
    /* A delegate (a recycler, a repairer) may write. */
    assert_rc(fx_app(f, "[{'type':'lot.delegate','actor':'op:sorter','upi':"
                        "'lot:b1','to':'op:maker'," FX_T "},"
                        "{'type':'passport.set','actor':'op:maker',"
                        "'passport_id':'pp:1','key':'x','value':'1',"
                        "'access':'public'," FX_T "}]"),
              JK_OK);
}

static void i22_no_personal_data(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    fx_reject(
        f,
        "{'type':'passport.issue','actor':'op:sorter','passport_id':"
        "'pp:1','upi':'lot:b1','version':1,'attributes':[{'key':"
        "'sale.customer_email','value':'a@b.c','access':'authority'}]," FX_T
        "}",
        "I22: entry 15: attributes[0].key",
        "sale.customer_email looks like personal data");
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *t = jk_test_read_file(from, &len);
    FILE *fp = fopen(to, "wb");
    assert_non_null(t);
    assert_non_null(fp);
    assert_int_equal(fwrite(t, 1, len, fp), len);
    fclose(fp);
    jk_free(t);
}

/* Every allocation of an append fails in turn, each time on a fresh
 * copy of the store: JK_ENOMEM with the log, the state and the store
 * unchanged, or success when SQLite could do without (its page cache
 * tolerates some failures). */
static void alloc_failures_on_append(void **state)
{
    fx *f = *state;
    const char *ev =
        "[{\"type\":\"transformation\",\"actor\":\"op:sorter\","
        "\"facility\":\"fac:sort\",\"inputs\":[{\"upi\":\"lot:b1\","
        "\"mass\":\"10 t\"}],\"outputs\":[{\"upi\":\"lot:f1\",\"class\":"
        "\"cls:flakes\",\"mass\":\"9 t\"}],\"losses\":[{\"kind\":"
        "\"moisture\",\"mass\":\"1 t\"}],"
        "\"time\":\"2026-01-15T09:00:00+09:00\"},"
        "{\"type\":\"passport.issue\",\"actor\":\"op:sorter\","
        "\"passport_id\":\"pp:1\",\"upi\":\"lot:f1\",\"version\":1,"
        "\"attributes\":[{\"key\":\"a\",\"value\":\"b\",\"access\":"
        "\"public\"}],\"time\":\"2026-01-15T09:00:00+09:00\"}]";
    char work[300];
    long n, parse, nomem = 0, benign = 0;
    int rc = JK_OK;
    json_error_t je;
    json_t *doc;
    const bool pg = jk_test_pg() != NULL;

    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */
    fx_bales(f, "lot:b1");
    jk_ledger_close(f->lg);
    f->lg = NULL;
    jk_store_close(f->s); /* checkpoints the WAL into the file */
    f->s = NULL;
    snprintf(work, sizeof(work), "%s%s", f->path, pg ? "_w" : ".work");
    /* jansson 2.14 asserts (load.c, lex_scan_string) when an allocation
     * fails inside its lexer: start after the input's parse, which
     * allocates the same way every time (the ledger parses nothing
     * else while appending). */
    jk_alloc_fail_nth(0);
    doc = json_loadb(ev, strlen(ev), JSON_REJECT_DUPLICATES, &je);
    parse = jk_alloc_count();
    json_decref(doc);
    assert_true(parse > 10);
    /* On PostgreSQL each step copies a database (CREATE DATABASE ...
     * TEMPLATE, a fraction of a second): the first 8 allocations after
     * the parse, then every eighth of the way further, instead of every
     * one as on SQLite. */
    for (n = parse + 1; n < 100000; n += pg ? 1 + (n - parse) / 8 : 1) {
        jk_store *s = NULL;
        jk_ledger *lg = NULL;
        jk_ledger_lot l;
        int64_t count = 0;
        bool failed;

        if (pg) {
            char sql[700];
            snprintf(sql, sizeof(sql),
                     "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                     strrchr(work, '/') + 1);
            jk_test_pg_admin_(sql);
            snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE %s",
                     strrchr(work, '/') + 1, strrchr(f->path, '/') + 1);
            jk_test_pg_admin_(sql);
        } else {
            copy_file(f->path, work);
        }
        assert_rc(jk_store_open(work, NULL, &s, &f->err), JK_OK);
        assert_rc(jk_ledger_open(s, &lg, &f->err), JK_OK);
        jk_alloc_fail_nth(n);
        rc = jk_ledger_append(lg, f->k, K_N, "t.json", ev, strlen(ev),
                              "2026-01-20T00:00:00Z", NULL, NULL, &f->err);
        failed = jk_alloc_failed();
        jk_alloc_fail_nth(0);
        if (rc == JK_OK) {
            assert_i64_eq(jk_ledger_size(lg), 17);
            assert_rc(jk_ledger_lot_get(lg, "lot:f1", &l, NULL), JK_OK);
            benign += failed;
        } else {
            if (rc != JK_ENOMEM)
                fail_msg("allocation %ld: %s (%s: %s)", n, jk_status_name(rc),
                         f->err.where, f->err.msg);
            nomem++;
            assert_i64_eq(jk_ledger_size(lg), 15);
            assert_rc(jk_ledger_lot_get(lg, "lot:b1", &l, NULL), JK_OK);
            assert_i64_eq(l.remaining, 10000000);
            assert_rc(jk_ledger_lot_get(lg, "lot:f1", &l, NULL), JK_ENOTFOUND);
            assert_rc(jk_store_ledger_count(s, &count, &f->err), JK_OK);
            assert_i64_eq(count, 15);
        }
        assert_rc(jk_ledger_verify_store(s, 1, NULL, &f->err), JK_OK);
        jk_ledger_close(lg);
        jk_store_close(s);
        jk_test_store_remove(work);
        if (!failed)
            break;
    }
    assert_rc(rc, JK_OK);
    print_message("%ld appends failed with JK_ENOMEM and left the log as "
                  "it was\n",
                  nomem);
    assert_true(nomem > (pg ? 20 : 100));
    (void)benign;
    assert_rc(jk_store_open(f->path, NULL, &f->s, &f->err), JK_OK);
}

static void i24_evidence_integrity(void **state)
{
    fx *f = *state;
    fx_bales(f, "lot:b1");
    fx_reject(f,
              "{'type':'passport.issue','actor':'op:sorter','passport_id':"
              "'pp:1','upi':'lot:b1','version':1,'attributes':[{'key':"
              "'doc','value':'DoC','access':'authority','evidence':{'url':"
              "'https://example.org/doc.pdf','sha256':'abc'}}]," FX_T "}",
              "I24: entry 15: attributes[0].evidence.sha256",
              "expected the SHA-256 of the linked document");
    assert_rc(fx_app(f, "{'type':'passport.issue','actor':'op:sorter',"
                        "'passport_id':'pp:1','upi':'lot:b1','version':1,"
                        "'attributes':[{'key':'doc','value':'DoC','access':"
                        "'authority','evidence':{'url':"
                        "'https://example.org/doc.pdf','sha256':"
                        "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4"
                        "95991b7852b855'}}]," FX_T "}"),
              JK_OK);
}

/* A batch with a bad event in the middle lands nothing. */
static void batch_is_atomic(void **state)
{
    fx *f = *state;
    fx_reject(f,
              "[{'type':'lot.create','actor':'op:city','upi':'lot:a','class':"
              "'cls:bales','facility':'fac:depot','mass':'1 t'," FX_T "},"
              "{'type':'lot.create','actor':'op:city','upi':'lot:a','class':"
              "'cls:bales','facility':'fac:depot','mass':'2 t'," FX_T "}]",
              "I6: entry 13: upi", "lot lot:a exists already");
    {
        jk_ledger_lot l;
        assert_rc(jk_ledger_lot_get(f->lg, "lot:a", &l, NULL), JK_ENOTFOUND);
    }
    assert_rc(fx_app(f, "{'type':'lot.create','actor':'op:city','upi':"
                        "'lot:a','class':'cls:bales','facility':'fac:depot',"
                        "'mass':'1 t'," FX_T "}"),
              JK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(chain_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(exact_split_of_recycled_shares, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(i1_append_only, setup, teardown),
        cmocka_unit_test_setup_teardown(i3_merkle, setup, teardown),
        cmocka_unit_test_setup_teardown(i4_checkpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(i5_signature_rights, setup, teardown),
        cmocka_unit_test_setup_teardown(i6_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(i7_passport_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(i8_time, setup, teardown),
        cmocka_unit_test_setup_teardown(i9_well_formed, setup, teardown),
        cmocka_unit_test_setup_teardown(i10_mass_conservation, setup, teardown),
        cmocka_unit_test_setup_teardown(i11_units_once, setup, teardown),
        cmocka_unit_test_setup_teardown(i12_composition, setup, teardown),
        cmocka_unit_test_setup_teardown(i14_no_over_allocation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(i15_account_scoping, setup, teardown),
        cmocka_unit_test_setup_teardown(i16_single_use, setup, teardown),
        cmocka_unit_test_setup_teardown(i17_book_and_claim, setup, teardown),
        cmocka_unit_test_setup_teardown(i19_reconciliation, setup, teardown),
        cmocka_unit_test_setup_teardown(i19_within_tolerance_carries, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(i21_write_access, setup, teardown),
        cmocka_unit_test_setup_teardown(i22_no_personal_data, setup, teardown),
        cmocka_unit_test_setup_teardown(i24_evidence_integrity, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(scheme_rules_by_date, setup, teardown),
        cmocka_unit_test_setup_teardown(i18_post_consumer_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(batch_is_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(alloc_failures_on_append, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
