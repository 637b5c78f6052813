/*
 * A small traceability chain for the ledger tests: a registry (the log
 * operator), a city that collects PET bottles, a sorter that makes
 * flakes and a bottle maker, each with a key derived from a fixed seed,
 * their facilities and product classes, and two scheme rule sets.
 * Event texts use ' for " so that they read well in C.
 */
#ifndef LEDGER_FIXTURE_H
#define LEDGER_FIXTURE_H

#include <stdlib.h>
#include <unistd.h>

#include "jk_test.h"

#include <junkan/ledger.h>
#include <junkan/store.h>

enum { K_REG, K_CITY, K_SORTER, K_MAKER, K_N };

static const char *const fx_uoi[K_N] = {"op:registry", "op:city", "op:sorter",
                                        "op:maker"};

typedef struct fx {
    char path[256];       /* the store file */
    jk_store *s;          /* the store */
    jk_ledger *lg;        /* its ledger */
    jk_ledger_key k[K_N]; /* every operator's key */
    jk_err err;           /* last error */
} fx;

static void fx_key(int i, jk_ledger_key *k)
{
    uint8_t seed[32];
    memset(seed, 0x11 * (i + 1), sizeof(seed));
    assert_rc(jk_ledger_key_new(fx_uoi[i], 1, seed, NULL, k, NULL), JK_OK);
}

/* Append events written with ' for ", at record time rt (NULL: a fixed
 * time in January 2026). */
static int fx_app_at(fx *f, const char *text, const char *rt)
{
    char *t = jk_strdup(text), *p;
    int rc;
    assert_non_null(t);
    for (p = t; *p; p++)
        if (*p == '\'')
            *p = '"';
    rc =
        jk_ledger_append(f->lg, f->k, K_N, "t.json", t, strlen(t),
                         rt ? rt : "2026-01-20T00:00:00Z", NULL, NULL, &f->err);
    jk_free(t);
    return rc;
}

static int fx_app(fx *f, const char *text)
{
    return fx_app_at(f, text, NULL);
}

#define FX_T "'time':'2026-01-15T09:00:00+09:00'"

static void fx_open(fx *f)
{
    char buf[4096], pub[K_N][65];
    int i;

    memset(f, 0, sizeof(*f));
    /* A temporary SQLite file, or a fresh PostgreSQL database when
     * JUNKAN_TEST_PG is set (jk_test.h). */
    jk_test_store_new(f->path, sizeof(f->path));
    assert_rc(jk_store_open(f->path, NULL, &f->s, &f->err), JK_OK);
    for (i = 0; i < K_N; i++) {
        fx_key(i, &f->k[i]);
        jk_ledger_key_pubhex(&f->k[i], pub[i], sizeof(pub[i]));
    }
    assert_rc(jk_ledger_create(f->s, "test.junkan/ledger", "Registry",
                               &f->k[K_REG], "2026-01-01T00:00:00Z", &f->err),
              JK_OK);
    assert_rc(jk_ledger_open(f->s, &f->lg, &f->err), JK_OK);
    snprintf(
        buf, sizeof(buf),
        "[{'type':'operator.register','actor':'op:registry',"
        "'uoi':'op:city','name':'City','country':'JP','key_id':1,"
        "'pubkey':'%s'," FX_T "},"
        "{'type':'operator.register','actor':'op:registry',"
        "'uoi':'op:sorter','name':'Sorter','key_id':1,'pubkey':'%s'," FX_T "},"
        "{'type':'operator.register','actor':'op:registry',"
        "'uoi':'op:maker','name':'Maker','key_id':1,'pubkey':'%s'," FX_T "},"
        "{'type':'facility.register','actor':'op:city',"
        "'ufi':'fac:depot','name':'Depot'," FX_T "},"
        "{'type':'facility.register','actor':'op:sorter',"
        "'ufi':'fac:sort','name':'Sorting plant'," FX_T "},"
        "{'type':'facility.register','actor':'op:maker',"
        "'ufi':'fac:plant','name':'Bottle plant'," FX_T "},"
        "{'type':'class.register','actor':'op:city','id':'cls:bales',"
        "'name':'PET bottle bales','material':'plastic.pet'," FX_T "},"
        "{'type':'class.register','actor':'op:sorter',"
        "'id':'cls:flakes','name':'PET flakes',"
        "'material':'plastic.pet'," FX_T "},"
        "{'type':'class.register','actor':'op:maker',"
        "'id':'cls:bottle','name':'Bottle','material':'plastic.pet'," FX_T "},"
        "{'type':'scheme.register','actor':'op:registry',"
        "'scheme':'iscc-plus','effective_from':'2025-01-01',"
        "'max_period_days':92,'tolerance_ppm':5000," FX_T "},"
        "{'type':'scheme.register','actor':'op:registry',"
        "'scheme':'elv','effective_from':'2025-01-01',"
        "'max_period_days':92,'tolerance_ppm':5000,"
        "'post_consumer_only':true," FX_T "}]",
        pub[K_CITY], pub[K_SORTER], pub[K_MAKER]);
    if (fx_app_at(f, buf, "2026-01-15T00:00:00Z") != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
}

/* A lot of 10 t of post-consumer bottles at the depot, shipped to the
 * sorter and received: returns the receipt's entry number. */
static int64_t fx_bales(fx *f, const char *upi)
{
    char buf[1024];
    int64_t seq;
    snprintf(buf, sizeof(buf),
             "[{'type':'lot.create','actor':'op:city','upi':'%s',"
             "'class':'cls:bales','facility':'fac:depot','mass':'10 t',"
             "'origin':'post_consumer'," FX_T "},"
             "{'type':'transaction.ship','actor':'op:city','lots':['%s'],"
             "'destination':'op:sorter','biz_transactions':[{'type':'desadv',"
             "'id':'D-%s'}]," FX_T "},"
             "{'type':'transaction.receive','actor':'op:sorter',"
             "'lots':['%s'],'facility':'fac:sort'," FX_T "}]",
             upi, upi, upi, upi);
    if (fx_app(f, buf) != JK_OK)
        fail_msg("%s: %s", f->err.where, f->err.msg);
    seq = jk_ledger_size(f->lg) - 1;
    return seq;
}

static void fx_close(fx *f)
{
    int i;
    jk_ledger_close(f->lg);
    jk_store_close(f->s);
    for (i = 0; i < K_N; i++)
        jk_ledger_key_wipe(&f->k[i]);
    jk_test_store_remove(f->path);
}

/* Expect a rejection with this where and message start, and no change
 * to the log. */
#define fx_reject(f, text, want_where, want_msg)                               \
    do {                                                                       \
        int64_t n0_ = jk_ledger_size((f)->lg);                                 \
        uint8_t r0_[JK_HASH_LEN], r1_[JK_HASH_LEN];                            \
        jk_merkle_proof p_;                                                    \
        assert_rc(jk_ledger_inclusion((f)->lg, 0, n0_, &p_, NULL), JK_OK);     \
        memcpy(r0_, p_.root2, JK_HASH_LEN);                                    \
        assert_rc(fx_app((f), (text)), JK_ECONSTRAINT);                        \
        assert_string_equal((f)->err.where, (want_where));                     \
        if (strncmp((f)->err.msg, (want_msg), strlen(want_msg)) != 0)          \
            fail_msg("message \"%s\", expected \"%s...\"", (f)->err.msg,       \
                     (want_msg));                                              \
        assert_i64_eq(jk_ledger_size((f)->lg), n0_);                           \
        assert_rc(jk_ledger_inclusion((f)->lg, 0, n0_, &p_, NULL), JK_OK);     \
        memcpy(r1_, p_.root2, JK_HASH_LEN);                                    \
        assert_memory_equal(r0_, r1_, JK_HASH_LEN);                            \
    } while (0)

#endif
