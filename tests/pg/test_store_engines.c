/*
 * The store's checks run on both engines: SQLite (a temporary file) and
 * PostgreSQL (a fresh database per test in the cluster named by
 * JUNKAN_TEST_PG, which tests/pg/run.sh starts). Without JUNKAN_TEST_PG
 * the test fails: it is never skipped.
 *
 * The same checks as tests/unit/test_store.c (migrations recorded once,
 * newer schema refused, create or not, keys, references and rollback,
 * close rolls back, flow totals and iteration, balances, idempotent
 * seeding), plus what that file leaves to the modules (ledger rows,
 * market rows, tokens), exact doubles, the demo import/export round
 * trip compared across engines, and lost connections on PostgreSQL.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "jk_test.h"
#include "ledger_fixture.h"

#include "store/store_int.h"

#include <junkan/junkan.h>

typedef enum engine { ENG_SQLITE, ENG_PG } engine;

static engine eng;
static const char *pg_base; /* postgres://user@host:port */
static char uri[512];       /* the store of the current test */
static char sq_path[512];

/* ---- one fresh store per test ---- */

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static PGconn *pg_admin(const char *db)
{
    char conninfo[600];
    PGconn *c;
    snprintf(conninfo, sizeof(conninfo), "%s/%s", pg_base, db);
    c = PQconnectdb(conninfo);
    PQsetNoticeProcessor(c, quiet, NULL);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("cannot connect to %s: %s", conninfo, PQerrorMessage(c));
    return c;
}

static void pg_do(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK &&
        PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
}

static int setup(void **state)
{
    (void)state;
    if (eng == ENG_SQLITE) {
        const char *t = getenv("TMPDIR");
        char p[600];
        snprintf(sq_path, sizeof(sq_path), "%s/jk-test-engines-%ld.db",
                 t ? t : "/tmp", (long)getpid());
        unlink(sq_path);
        snprintf(p, sizeof(p), "%s-wal", sq_path);
        unlink(p);
        snprintf(p, sizeof(p), "%s-shm", sq_path);
        unlink(p);
        snprintf(uri, sizeof(uri), "%s", sq_path);
    } else {
        PGconn *c = pg_admin("postgres");
        pg_do(c, "DROP DATABASE IF EXISTS jk_engines WITH (FORCE)");
        pg_do(c, "CREATE DATABASE jk_engines");
        PQfinish(c);
        snprintf(uri, sizeof(uri), "%s/jk_engines", pg_base);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (eng == ENG_SQLITE) {
        char p[600];
        unlink(sq_path);
        snprintf(p, sizeof(p), "%s-wal", sq_path);
        unlink(p);
        snprintf(p, sizeof(p), "%s-shm", sq_path);
        unlink(p);
    }
    return 0;
}

static jk_store *open_new(void)
{
    jk_store *s = NULL;
    jk_err err;
    assert_rc(jk_store_open(uri, NULL, &s, &err), JK_OK);
    assert_non_null(s);
    return s;
}

/* One integer from SQL, over a connection of our own. */
static int64_t sql_int(const char *sql)
{
    int64_t v = -1;
    if (eng == ENG_SQLITE) {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    } else {
        PGconn *c = pg_admin("jk_engines");
        PGresult *r = PQexec(c, sql);
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            fail_msg("%s: %s", sql, PQerrorMessage(c));
        if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
            v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        PQfinish(c);
    }
    return v;
}

static void sql_do(const char *sql)
{
    if (eng == ENG_SQLITE) {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    } else {
        PGconn *c = pg_admin("jk_engines");
        pg_do(c, sql);
        PQfinish(c);
    }
}

/* ---- the checks of test_store.c ---- */

static void migrations_are_recorded(void **state)
{
    jk_store *s = open_new();
    jk_err err;
    int v = 0;
    (void)state;

    assert_rc(jk_store_schema_version(s, &v, &err), JK_OK);
    assert_int_equal(v, jk_store_schema_latest());
    assert_string_equal(jk_store_backend(s),
                        eng == ENG_SQLITE ? "sqlite" : "postgres");
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  (int64_t)jk_n_migrations);
    assert_i64_eq(sql_int("SELECT max(version) FROM schema_migrations"),
                  jk_store_schema_latest());
    /* Reopening applies nothing twice. */
    s = open_new();
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  (int64_t)jk_n_migrations);
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  sql_int("SELECT count(DISTINCT version) FROM "
                          "schema_migrations"));
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations WHERE "
                          "applied_at LIKE '____-__-__T__:__:__Z'"),
                  (int64_t)jk_n_migrations);
}

static void newer_schema_is_refused(void **state)
{
    jk_store *s = open_new();
    jk_err err;
    (void)state;

    jk_store_close(s);
    sql_do("INSERT INTO schema_migrations VALUES (999, 'future', 'now')");
    s = NULL;
    assert_rc(jk_store_open(uri, NULL, &s, &err), JK_ESCHEMA);
    assert_null(s);
    assert_non_null(strstr(err.msg, "schema version 999"));
}

static void missing_store_is_not_created_unless_asked(void **state)
{
    jk_store_opts o;
    jk_store *s = NULL;
    jk_err err;
    (void)state;

    jk_store_opts_init(&o);
    o.create = false;
    assert_rc(jk_store_open(uri, &o, &s, &err), JK_ENOTFOUND);
    assert_null(s);
    if (eng == ENG_SQLITE) {
        assert_int_equal(access(sq_path, F_OK), -1);
    } else {
        /* The database exists but holds no store: nothing is created. */
        assert_non_null(strstr(err.msg, "no junkan store"));
        assert_i64_eq(sql_int("SELECT count(*) FROM pg_tables WHERE "
                              "schemaname = 'public'"),
                      0);
        /* Read-only on a store that is there works, and refuses writes. */
        s = open_new();
        jk_store_close(s);
        o.readonly = true;
        s = NULL;
        assert_rc(jk_store_open(uri, &o, &s, &err), JK_OK);
        {
            jk_material m = {"glass", "ガラス", "glass", "", ""};
            assert_rc(jk_store_put_material(s, &m, &err), JK_ESTORE);
            assert_non_null(strstr(err.msg, "read-only"));
        }
        jk_store_close(s);
        /* No server: a clear error, and the password is not repeated. */
        s = NULL;
        assert_rc(jk_store_open("postgres://junkan:secret@127.0.0.1:1/x", NULL,
                                &s, &err),
                  JK_ESTORE);
        assert_null(s);
        assert_non_null(strstr(err.msg, "cannot connect to PostgreSQL"));
        assert_string_equal(err.where, "postgres://junkan:***@127.0.0.1:1/x");
        assert_null(strstr(err.msg, "secret"));
    }
}

#include "store_checks.h"

/* Many flows in one transaction (PostgreSQL sends them in batches
 * without a savepoint when their references are known): errors still
 * come from the row at fault, a material inserted in the transaction
 * is usable at once, and a rolled-back material is not. */
#define ODD_LABEL "tab\there\\back\nline\rcr \\N 日本"

static jk_store *odd_store; /* the store find_odd also queries */
static int odd_rows;

static int find_odd(void *ctx, const jk_flow *f)
{
    /* Iterations stream (PostgreSQL: a cursor, fetched 10,000 rows at a
     * time); the store stays usable in between. */
    if (++odd_rows % 5000 == 0) {
        int64_t m = 0;
        if (jk_store_count(odd_store, JK_ENT_MATERIAL, &m, NULL) != JK_OK ||
            m != 2)
            return 98;
    }
    if (strcmp(f->label, ODD_LABEL) == 0) {
        ++*(int *)ctx;
        if (f->mass != 7)
            return 99;
    }
    return 0;
}

static void flows_in_bulk(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_material glass = {"glass", "ガラス", "glass", "", ""};
    jk_route r = {"landfill", "埋立", "landfill", "disposal"};
    jk_flow f = {"a",        "b", "plastic", JK_T, {JK_PERIOD_FY, 2023, 0},
                 "landfill", "",  ""};
    totals tt;
    jk_err err;
    int i;
    int64_t n = -1;
    (void)state;

    memset(&tt, 0, sizeof(tt));
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    assert_rc(jk_store_put_route(s, &r, &err), JK_OK);
    assert_rc(jk_store_begin(s, &err), JK_OK);
    for (i = 0; i < 12000; i++) {
        f.mass = (jk_mass)i;
        assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
        if (i == 7) {
            f.label = ODD_LABEL;
            f.source = "";
            assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
            f.label = "";
        }
        if (i == 1200) {
            f.material = "no-such";
            assert_rc(jk_store_put_flow(s, &f, &err), JK_ECONSTRAINT);
            f.material = "plastic";
            f.route = "no-such";
            assert_rc(jk_store_put_flow(s, &f, &err), JK_ECONSTRAINT);
            f.route = "";
            assert_rc(jk_store_put_flow(s, &f, &err), JK_OK); /* no route */
            f.route = "landfill";
            assert_rc(jk_store_put_material(s, &glass, &err), JK_OK);
            f.material = "glass";
            assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
            f.material = "plastic";
        }
    }
    assert_rc(jk_store_count(s, JK_ENT_FLOW, &n, &err), JK_OK);
    assert_i64_eq(n, 12003);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    assert_rc(jk_store_flow_totals(s, on_total, &tt, &err), JK_OK);
    assert_int_equal(tt.n,
                     3); /* glass/landfill, plastic/"", plastic/landfill */
    assert_string_equal(tt.routes[1], "");
    assert_i64_eq(tt.plastic, (int64_t)11999 * 12000 / 2 + 1200 + 7);
    {
        int found = 0;
        odd_store = s;
        odd_rows = 0;
        assert_rc(jk_store_each_flow(s, find_odd, &found, &err), JK_OK);
        assert_int_equal(found, 1);
        assert_int_equal(odd_rows, 12003);
    }

    /* A material of a rolled-back transaction is gone for flows too. */
    assert_rc(jk_store_begin(s, &err), JK_OK);
    m.code = "paper";
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    f.material = "paper";
    assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
    jk_store_rollback(s);
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_put_flow(s, &f, &err), JK_ECONSTRAINT);
    f.material = "plastic";
    assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM flow"), 12004);
}

/* ---- beyond test_store.c: the other tables, on both engines ---- */

typedef struct rows {
    int n;
    int64_t seq[4];
    char body[4][32];
    bool sig_null[4];
} rows;

static int on_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    rows *r = ctx;
    if (r->n < 4) {
        r->seq[r->n] = seq;
        jk_strlcpy(r->body[r->n], body, sizeof(r->body[0]));
        r->sig_null[r->n] = sig == NULL;
    }
    r->n++;
    return 0;
}

static void ledger_rows(void **state)
{
    jk_store *s = open_new();
    jk_err err;
    int64_t n = -1;
    rows r;
    (void)state;

    memset(&r, 0, sizeof(r));
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_ledger_put(s, 0, "{\"a\":0}", "aa", &err), JK_OK);
    assert_rc(jk_store_ledger_put(s, 1, "{\"a\":1}", "bb", &err), JK_OK);
    assert_rc(jk_store_ledger_put(s, 1, "{\"a\":9}", "cc", &err), JK_EEXIST);
    assert_rc(jk_store_ledger_put(s, -1, "{}", "dd", &err), JK_ECONSTRAINT);
    assert_rc(jk_store_ledger_put(s, 2, "{\"a\":2}", "ee", &err), JK_OK);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    assert_rc(jk_store_ledger_count(s, &n, &err), JK_OK);
    assert_i64_eq(n, 3);
    assert_rc(jk_store_ledger_each(s, 1, on_row, &r, &err), JK_OK);
    assert_int_equal(r.n, 2);
    assert_i64_eq(r.seq[0], 1);
    assert_string_equal(r.body[1], "{\"a\":2}");
    assert_false(r.sig_null[0]);
    assert_rc(jk_store_ledger_put_checkpoint(s, 3, "note 3", &err), JK_OK);
    assert_rc(jk_store_ledger_put_checkpoint(s, 3, "again", &err), JK_EEXIST);
    memset(&r, 0, sizeof(r));
    assert_rc(jk_store_ledger_each_checkpoint(s, on_row, &r, &err), JK_OK);
    assert_int_equal(r.n, 1);
    assert_i64_eq(r.seq[0], 3);
    assert_string_equal(r.body[0], "note 3");
    assert_true(r.sig_null[0]);
    jk_store_close(s);
}

/* Two writers on one store, each with its own connection and replayed
 * ledger: the one whose state is behind collides on the entry number
 * and appends again on the new head (jk_ledger_append's retry); an
 * event that the new head makes invalid is refused, not retried. */
static void ledger_two_writers(void **state)
{
    jk_store *s1 = open_new(), *s2 = open_new();
    jk_ledger *lg1 = NULL, *lg2 = NULL;
    jk_ledger_key k;
    jk_ledger_report rep;
    uint8_t seed[32];
    char pub[65], ev[512];
    int64_t first = -1;
    jk_err err;
    (void)state;

    memset(seed, 0x42, sizeof(seed));
    assert_rc(jk_ledger_key_new("op:registry", 1, seed, NULL, &k, NULL), JK_OK);
    jk_ledger_key_pubhex(&k, pub, sizeof(pub));
    assert_rc(jk_ledger_create(s1, "test.junkan/ledger", "Registry", &k,
                               "2026-01-01T00:00:00Z", &err),
              JK_OK);
    assert_rc(jk_ledger_open(s1, &lg1, &err), JK_OK);
    assert_rc(jk_ledger_open(s2, &lg2, &err), JK_OK);
#define REG(uoi)                                                               \
    snprintf(ev, sizeof(ev),                                                   \
             "{\"type\":\"operator.register\",\"uoi\":\"" uoi "\","            \
             "\"name\":\"X\",\"key_id\":1,\"pubkey\":\"%s\","                  \
             "\"time\":\"2026-01-15T09:00:00+09:00\"}",                        \
             pub)
    REG("op:a");
    assert_rc(jk_ledger_append(lg1, &k, 1, "a", ev, strlen(ev),
                               "2026-01-20T00:00:00Z", &first, NULL, &err),
              JK_OK);
    assert_i64_eq(first, 1);
    /* lg2 still thinks the log has 1 entry. */
    assert_i64_eq(jk_ledger_size(lg2), 1);
    REG("op:b");
    if (jk_ledger_append(lg2, &k, 1, "b", ev, strlen(ev),
                         "2026-01-20T00:00:00Z", &first, NULL, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    assert_i64_eq(first, 2);
    assert_i64_eq(jk_ledger_size(lg2), 3);
    /* lg1 is behind now; registering op:b again is invalid on the new
     * head: refused, and the log is unchanged. */
    assert_true(jk_ledger_append(lg1, &k, 1, "b", ev, strlen(ev),
                                 "2026-01-20T00:00:00Z", NULL, NULL,
                                 &err) != JK_OK);
    assert_i64_eq(jk_ledger_size(lg1), 3);
    assert_rc(jk_ledger_verify_store(s1, 1, &rep, &err), JK_OK);
    assert_i64_eq(rep.entries, 3);
    jk_ledger_close(lg1);
    jk_ledger_close(lg2);
    jk_ledger_key_wipe(&k);
    jk_store_close(s1);
    jk_store_close(s2);
}

typedef struct tok_seen {
    int n;
    char role[16];
    char revoked[32];
} tok_seen;

static int on_token(void *ctx, const jk_token_rec *t)
{
    tok_seen *ts = ctx;
    ts->n++;
    jk_strlcpy(ts->role, t->role, sizeof(ts->role));
    jk_strlcpy(ts->revoked, t->revoked_at, sizeof(ts->revoked));
    return 0;
}

static void tokens(void **state)
{
    jk_store *s = open_new();
    jk_token_rec t = {
        "t1", "hash", "member", "org-a", "label", "2026-01-01T00:00:00Z", ""};
    jk_token_rec bad = {"t2", "hash", "root", "", "", "2026", ""};
    tok_seen ts;
    jk_err err;
    (void)state;

    memset(&ts, 0, sizeof(ts));
    assert_rc(jk_store_put_token(s, &t, &err), JK_OK);
    assert_rc(jk_store_put_token(s, &t, &err), JK_EEXIST);
    assert_rc(jk_store_put_token(s, &bad, &err), JK_ECONSTRAINT);
    assert_rc(jk_store_get_token(s, "t1", on_token, &ts, &err), JK_OK);
    assert_string_equal(ts.role, "member");
    assert_string_equal(ts.revoked, "");
    assert_rc(jk_store_get_token(s, "nope", on_token, &ts, &err), JK_ENOTFOUND);
    assert_rc(jk_store_revoke_token(s, "t1", "2026-02-02T00:00:00Z", &err),
              JK_OK);
    assert_rc(jk_store_revoke_token(s, "nope", "x", &err), JK_ENOTFOUND);
    memset(&ts, 0, sizeof(ts));
    assert_rc(jk_store_each_token(s, on_token, &ts, &err), JK_OK);
    assert_int_equal(ts.n, 1);
    assert_string_equal(ts.revoked, "2026-02-02T00:00:00Z");
    jk_store_close(s);
}

typedef struct mkt_seen {
    int listings, decisions, deliveries;
    double lat, price;
    jk_mass grams;
} mkt_seen;

static int on_listing(void *ctx, const jk_store_listing *l)
{
    mkt_seen *m = ctx;
    m->listings++;
    m->lat = l->lat;
    m->price = l->price;
    return 0;
}

static int on_decision(void *ctx, const jk_store_decision *d)
{
    mkt_seen *m = ctx;
    m->decisions++;
    m->grams = d->grams;
    return 0;
}

static int on_delivery(void *ctx, const jk_store_delivery *d)
{
    mkt_seen *m = ctx;
    (void)d;
    m->deliveries++;
    return 0;
}

static void market_rows(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_store_listing l;
    jk_store_decision d = {"s1",     "d1", "confirmed",
                           5 * JK_T, "",   "2026-01-01T00:00:00Z"};
    jk_store_delivery dl = {"s1", "d1", "2026-04", JK_T, ""};
    jk_store_delivery orphan = {"s1", "nope", "2026-04", JK_T, ""};
    mkt_seen ms;
    jk_err err;
    (void)state;

    memset(&ms, 0, sizeof(ms));
    memset(&l, 0, sizeof(l));
    l.id = "s1", l.side = "supply", l.org = "", l.material = "plastic";
    l.grade = "", l.properties = "", l.grams = 10 * JK_T;
    l.recurrence = "monthly", l.site = "", l.prefecture = "";
    l.lat = 35.68123456789012, l.lon = 139.76712345678901;
    l.price = 12345.678901234567, l.valid_from = "", l.valid_to = "";
    l.visibility = "public", l.evidence = "", l.status = "open";
    l.ewc = "", l.jw = "", l.hs = "", l.fate = "", l.mode = "truck";
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    assert_rc(jk_store_put_listing(s, &l, &err), JK_OK);
    assert_rc(jk_store_put_listing(s, &l, &err), JK_EEXIST);
    l.id = "d1", l.side = "demand";
    assert_rc(jk_store_put_listing(s, &l, &err), JK_OK);
    l.id = "x1", l.material = "no-such";
    assert_rc(jk_store_put_listing(s, &l, &err), JK_ECONSTRAINT);
    assert_rc(jk_store_put_decision(s, &d, &err), JK_OK);
    assert_rc(jk_store_put_decision(s, &d, &err), JK_EEXIST);
    assert_rc(jk_store_put_delivery(s, &dl, &err), JK_OK);
    assert_rc(jk_store_put_delivery(s, &dl, &err), JK_OK);
    assert_rc(jk_store_put_delivery(s, &orphan, &err), JK_ECONSTRAINT);
    assert_rc(jk_store_each_listing(s, on_listing, &ms, &err), JK_OK);
    assert_rc(jk_store_each_decision(s, on_decision, &ms, &err), JK_OK);
    assert_rc(jk_store_each_delivery(s, on_delivery, &ms, &err), JK_OK);
    assert_int_equal(ms.listings, 2);
    assert_int_equal(ms.decisions, 1);
    assert_int_equal(ms.deliveries, 2);
    assert_i64_eq(ms.grams, 5 * JK_T);
    /* Doubles come back bit for bit (PostgreSQL: REAL is rewritten to
     * DOUBLE PRECISION). */
    assert_true(ms.lat == 35.68123456789012);
    assert_true(ms.price == 12345.678901234567);
    jk_store_close(s);
}

/* The demo data imported, then exported as JSON: the same bytes on
 * both engines (the SQLite export is written by the first run). */
static char demo_sqlite[512];
#define ALL_KINDS                                                              \
    ((1u << JK_KIND_MATERIALS) | (1u << JK_KIND_ORGS) |                        \
     (1u << JK_KIND_SITES) | (1u << JK_KIND_FLOWS))

static void demo_round_trip(void **state)
{
    jk_store *s = open_new();
    const char *paths[1] = {JK_SOURCE_DIR "/data/demo"};
    jk_import_stats st;
    char out[600], again[640];
    jk_err err;
    FILE *fp;
    char *a, *b;
    size_t na = 0, nb = 0;
    (void)state;

    {
        const char *t = getenv("TMPDIR");
        snprintf(out, sizeof(out), "%s/jk-engines-%ld.%s.json", t ? t : "/tmp",
                 (long)getpid(), eng == ENG_SQLITE ? "sqlite" : "pg");
    }
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(jk_import_files(s, paths, 1, NULL, &st, &err), JK_OK);
    assert_i64_eq(st.rows[JK_KIND_FLOWS], 80);
    fp = fopen(out, "wb");
    assert_non_null(fp);
    assert_rc(jk_export_json(s, ALL_KINDS, fp, NULL, &err), JK_OK);
    fclose(fp);
    /* Imported again into an empty store, the export is the same. */
    jk_store_close(s);
    teardown(state);
    setup(state);
    s = open_new();
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    paths[0] = out;
    assert_rc(jk_import_files(s, paths, 1, NULL, &st, &err), JK_OK);
    snprintf(again, sizeof(again), "%s.again", out);
    fp = fopen(again, "wb");
    assert_non_null(fp);
    assert_rc(jk_export_json(s, ALL_KINDS, fp, NULL, &err), JK_OK);
    fclose(fp);
    jk_store_close(s);
    a = jk_test_read_file(out, &na);
    b = jk_test_read_file(again, &nb);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(na > 1000);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    jk_free(b);
    unlink(again);
    if (eng == ENG_SQLITE) {
        jk_strlcpy(demo_sqlite, out, sizeof(demo_sqlite));
    } else {
        /* Across engines: the PostgreSQL export is SQLite's. */
        assert_true(demo_sqlite[0] != '\0');
        b = jk_test_read_file(demo_sqlite, &nb);
        assert_non_null(b);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
        jk_free(b);
        unlink(demo_sqlite);
        unlink(out);
    }
    jk_free(a);
}

/* ---- PostgreSQL only: a lost connection ---- */

static void kill_backends(void)
{
    PGconn *c = pg_admin("postgres");
    pg_do(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             "WHERE datname = 'jk_engines' AND pid <> pg_backend_pid()");
    PQfinish(c);
}

static void lost_connection_reconnects(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"glass", "ガラス", "glass", "", ""};
    jk_material p = {"paper", "紙", "paper", "", ""};
    jk_err err;
    int64_t n = -1;
    (void)state;

    /* Outside a transaction: the call that meets the loss reports it,
     * the next one reconnects (prepared statements prepared again). */
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    kill_backends();
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_ESTORE);
    assert_non_null(strstr(err.msg, "connection to PostgreSQL was lost"));
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_OK);
    assert_i64_eq(n, 1);
    assert_rc(jk_store_put_material(s, &p, &err), JK_OK);

    /* Inside a transaction: every call fails until the rollback, and
     * nothing of the transaction lands. */
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_put_process(s, "a", &err), JK_OK);
    kill_backends();
    assert_rc(jk_store_put_process(s, "b", &err), JK_ESTORE);
    assert_non_null(strstr(err.msg, "connection to PostgreSQL was lost"));
    assert_rc(jk_store_put_process(s, "c", &err), JK_ESTORE);
    assert_non_null(strstr(err.msg, "nothing of it was committed"));
    assert_rc(jk_store_commit(s, &err), JK_ESTORE);
    jk_store_rollback(s);
    assert_rc(jk_store_count(s, JK_ENT_PROCESS, &n, &err), JK_OK);
    assert_i64_eq(n, 0);
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_OK);
    assert_i64_eq(n, 2);
    jk_store_close(s);

    /* The session is set up again on the new connection: a read-only
     * store stays read-only. */
    {
        jk_store_opts o;
        jk_material g = {"wood", "木", "wood", "", ""};
        jk_store_opts_init(&o);
        o.readonly = true;
        s = NULL;
        assert_rc(jk_store_open(uri, &o, &s, &err), JK_OK);
        kill_backends();
        assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_ESTORE);
        assert_rc(jk_store_put_material(s, &g, &err), JK_ESTORE);
        assert_non_null(strstr(err.msg, "read-only"));
        assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_OK);
        assert_i64_eq(n, 2);
        jk_store_close(s);
    }
}

/* A batched flow that the server refuses after all (here a label that
 * is not UTF-8, which the importer never lets through): the error
 * surfaces at the next call at the latest, the commit fails, and
 * nothing lands. */
static void batched_failure_fails_the_transaction(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_flow f = {"a", "b", "plastic", JK_T, {JK_PERIOD_FY, 2023, 0},
                 "",  "",  ""};
    jk_err err;
    int i, rc = JK_OK;
    (void)state;

    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    assert_rc(jk_store_begin(s, &err), JK_OK);
    for (i = 0; i < 10 && rc == JK_OK; i++)
        rc = jk_store_put_flow(s, &f, &err);
    assert_rc(rc, JK_OK);
    f.label = "\xff\xfe";
    rc = jk_store_put_flow(s, &f, &err);
    f.label = "";
    if (rc == JK_OK)
        rc = jk_store_commit(s, &err);
    else
        assert_rc(jk_store_commit(s, &err), JK_ESTORE);
    assert_rc(rc, JK_ESTORE);
    assert_non_null(strstr(err.msg, "flow"));
    jk_store_rollback(s);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM flow"), 0);
}

static void migration_rewrites_types(void **state)
{
    jk_store *s = open_new();
    (void)state;
    jk_store_close(s);
    /* INTEGER PRIMARY KEY became an identity column, REAL double. */
    assert_i64_eq(sql_int("SELECT count(*) FROM information_schema.columns "
                          "WHERE table_name = 'flow' AND column_name = 'id' "
                          "AND is_identity = 'YES' AND data_type = 'bigint'"),
                  1);
    assert_i64_eq(sql_int("SELECT count(*) FROM information_schema.columns "
                          "WHERE table_schema = 'public' AND "
                          "data_type = 'real'"),
                  0);
    assert_i64_eq(sql_int("SELECT count(*) FROM information_schema.columns "
                          "WHERE table_name = 'site' AND column_name = 'lat' "
                          "AND data_type = 'double precision'"),
                  1);
}

/* ---- migration 7 on a store written at schema 6 ---- */

/* Build a schema-6 store as the previous junkan left it: migrations up
 * to 6 (rewritten on PostgreSQL) and rows in every table migration 7
 * changes. */
static void build_schema_6(void)
{
    size_t i;
    sql_do("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
           "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (i = 0; i < jk_n_migrations && jk_migrations[i].version <= 6; i++) {
        char rec[160];
        jk_buf b;
        jk_buf_init(&b, 1 << 20);
        if (eng == ENG_PG)
            assert_rc(jk_pg_rewrite(jk_migrations[i].sql, &b), JK_OK);
        else
            assert_rc(jk_buf_adds(&b, jk_migrations[i].sql), JK_OK);
        sql_do(jk_buf_str(&b));
        jk_buf_free(&b);
        snprintf(rec, sizeof(rec),
                 "INSERT INTO schema_migrations VALUES (%d, 'm', "
                 "'2026-01-01T00:00:00Z')",
                 jk_migrations[i].version);
        sql_do(rec);
    }
    sql_do("INSERT INTO material (code, name_ja, name_en) VALUES "
           "('plastic', 'プラ', 'plastics')");
    sql_do("INSERT INTO flow (src, dst, material, grams, period, label) "
           "VALUES ('a', 'b', 'plastic', 5, 'FY2023', 'one'), "
           "('b', 'c', 'plastic', 7, 'FY2023', 'two')");
    sql_do("INSERT INTO import_log (file, kind, rows, at) VALUES "
           "('f.csv', 'flows', 2, '2026-01-01T00:00:00Z')");
    sql_do("INSERT INTO ledger_entry (seq, body, sig) VALUES "
           "(0, 'b0', 's0'), (1, 'b1', 's1'), (2, 'b2', 's2')");
    sql_do("INSERT INTO ledger_checkpoint (tree_size, note) VALUES "
           "(3, 'note3')");
}

typedef struct rows_seen {
    int n;
    char text[256];
} rows_seen;

static int on_ledger_row(void *ctx, int64_t seq, const char *body,
                         const char *sig)
{
    rows_seen *r = ctx;
    size_t len = strlen(r->text);
    snprintf(r->text + len, sizeof(r->text) - len, "%lld:%s:%s;",
             (long long)seq, body, sig ? sig : "-");
    r->n++;
    return 0;
}

static int on_flow_row(void *ctx, const jk_flow *f)
{
    rows_seen *r = ctx;
    size_t len = strlen(r->text);
    snprintf(r->text + len, sizeof(r->text) - len, "%s>%s:%lld:%s;", f->from,
             f->to, (long long)f->mass, f->label);
    r->n++;
    return 0;
}

static void migration_7_keeps_rows(void **state)
{
    jk_store *s;
    jk_flow f = {"c",  "d",     "plastic", 9, {JK_PERIOD_FY, 2023, 0},
                 NULL, "three", ""};
    rows_seen r;
    int v = 0;
    int64_t n = -1;
    jk_err err;
    (void)state;

    build_schema_6();
    s = open_new();
    assert_rc(jk_store_schema_version(s, &v, &err), JK_OK);
    assert_int_equal(v, jk_store_schema_latest()); /* 7 and on */
    memset(&r, 0, sizeof(r));
    assert_rc(jk_store_each_flow(s, on_flow_row, &r, &err), JK_OK);
    assert_string_equal(r.text, "a>b:5:one;b>c:7:two;");
    memset(&r, 0, sizeof(r));
    assert_rc(jk_store_ledger_each(s, 1, on_ledger_row, &r, &err), JK_OK);
    assert_string_equal(r.text, "1:b1:s1;2:b2:s2;");
    memset(&r, 0, sizeof(r));
    assert_rc(jk_store_ledger_each_checkpoint(s, on_ledger_row, &r, &err),
              JK_OK);
    assert_string_equal(r.text, "3:note3:-;");
    /* New rows go on after the old ones; taken keys stay taken. */
    assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
    assert_rc(jk_store_log_import(s, "g.csv", "flows", 1, &err), JK_OK);
    assert_rc(jk_store_ledger_put(s, 2, "x", "y", &err), JK_EEXIST);
    assert_rc(jk_store_ledger_put(s, 3, "b3", "s3", &err), JK_OK);
    assert_rc(jk_store_ledger_put_checkpoint(s, 3, "again", &err), JK_EEXIST);
    assert_rc(jk_store_ledger_count(s, &n, &err), JK_OK);
    assert_i64_eq(n, 4);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT max(id) FROM flow"), 3);
    assert_i64_eq(sql_int("SELECT count(*) FROM flow WHERE owner = ''"), 3);
    assert_i64_eq(sql_int("SELECT max(id) FROM import_log"), 2);
    assert_i64_eq(sql_int("SELECT count(*) FROM ledger_entry WHERE ledger = "
                          "''"),
                  4);
    /* The keys: (ledger, seq) on both engines; (owner, id) for flows on
     * PostgreSQL (SQLite keeps its rowid). */
    if (eng == ENG_SQLITE) {
        assert_i64_eq(sql_int("SELECT count(*) FROM "
                              "pragma_table_info('ledger_entry') WHERE pk > 0"),
                      2);
        assert_i64_eq(sql_int("SELECT count(*) FROM "
                              "pragma_table_info('ledger_checkpoint') WHERE "
                              "pk > 0"),
                      2);
    } else {
        static const char *const want[] = {
            "flow:owner,id", "import_log:owner,id", "ledger_entry:ledger,seq",
            "ledger_checkpoint:ledger,"
            "tree_size"};
        size_t i;
        for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
            char q[512];
            const char *colon = strchr(want[i], ':');
            snprintf(q, sizeof(q),
                     "SELECT count(*) FROM (SELECT string_agg(a.attname, ',' "
                     "ORDER BY k.i) AS cols FROM pg_index x "
                     "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY "
                     "AS k(attnum, i) JOIN pg_attribute a ON a.attrelid = "
                     "x.indrelid AND a.attnum = k.attnum WHERE x.indisprimary "
                     "AND x.indrelid = '%.*s'::regclass) p WHERE cols = '%s'",
                     (int)(colon - want[i]), want[i], colon + 1);
            if (sql_int(q) != 1)
                fail_msg("primary key of %s", want[i]);
        }
    }
}

/* ---- the data version (the server's answer cache) ---- */

static int64_t dv(jk_store *s)
{
    int64_t v = -1;
    jk_err err;
    if (jk_store_data_version(s, &v, &err) != JK_OK)
        fail_msg("data version: %s", err.msg);
    return v;
}

/* The version another connection reads changes with every commit that
 * wrote, and only then. */
static void data_version_follows_commits(void **state)
{
    jk_store *r = open_new(), *w = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_route rt = {"landfill", "埋立", "landfill", "disposal"};
    jk_flow f = {"a",        "b", "plastic", JK_T, {JK_PERIOD_FY, 2023, 0},
                 "landfill", "",  ""};
    jk_token_rec t = {"t1", "hash", "member", "", "", "2026-01-01T00:00:00Z",
                      ""};
    int64_t v;
    jk_err err;
    (void)state;

    v = dv(r);
    assert_i64_eq(dv(r), v);
    /* rolled back: no change */
    assert_rc(jk_store_begin(w, &err), JK_OK);
    assert_rc(jk_store_put_material(w, &m, &err), JK_OK);
    jk_store_rollback(w);
    assert_i64_eq(dv(r), v);
    /* committed: a new version */
    assert_rc(jk_store_begin(w, &err), JK_OK);
    assert_rc(jk_store_put_material(w, &m, &err), JK_OK);
    assert_rc(jk_store_put_route(w, &rt, &err), JK_OK);
    assert_rc(jk_store_commit(w, &err), JK_OK);
    assert_true(dv(r) != v);
    v = dv(r);
    /* a write that failed outside a transaction: no change */
    assert_rc(jk_store_put_material(w, &m, &err), JK_EEXIST);
    assert_i64_eq(dv(r), v);
    /* a write outside a transaction */
    assert_rc(jk_store_put_token(w, &t, &err), JK_OK);
    assert_true(dv(r) != v);
    v = dv(r);
    assert_rc(jk_store_revoke_token(w, "t1", "2026-02-01T00:00:00Z", &err),
              JK_OK);
    assert_true(dv(r) != v);
    v = dv(r);
    /* flows (on PostgreSQL the COPY path) */
    assert_rc(jk_store_begin(w, &err), JK_OK);
    assert_rc(jk_store_put_flow(w, &f, &err), JK_OK);
    assert_rc(jk_store_commit(w, &err), JK_OK);
    assert_true(dv(r) != v);
    v = dv(r);
    /* a transaction that only read */
    assert_rc(jk_store_begin(w, &err), JK_OK);
    assert_rc(jk_store_count(w, JK_ENT_FLOW, &v, &err), JK_OK);
    assert_i64_eq(v, 1);
    v = dv(r);
    assert_rc(jk_store_commit(w, &err), JK_OK);
    assert_i64_eq(dv(r), v);
    jk_store_close(w);
    jk_store_close(r);
}

/* ---- transactions: isolation and retry ---- */

typedef struct tx_ctx {
    jk_store *other; /* a second connection that collides */
    int attempts;    /* runs of the body */
    int interfere;   /* the first this many runs collide */
    bool fail;       /* the body fails (not a conflict) */
} tx_ctx;

/* Read the log's size (the snapshot), let the other connection commit
 * that entry number first, then take it too. */
static int tx_body(void *vctx, jk_store *s, jk_err *err)
{
    tx_ctx *c = vctx;
    int64_t n = -1;
    int rc;
    c->attempts++;
    rc = jk_store_ledger_count(s, &n, err);
    if (rc)
        return rc;
    if (c->attempts <= c->interfere) {
        jk_err e2;
        assert_rc(jk_store_ledger_put(c->other, n, "other", "sig", &e2), JK_OK);
    }
    rc = jk_store_ledger_put(s, n, "mine", "sig", err);
    if (rc == JK_OK && c->fail)
        rc = jk_err_set(err, JK_EINVAL, NULL, "the body failed");
    return rc;
}

/* Both engines: run_tx commits, and a failure that is no conflict
 * rolls back at once, without a retry. */
static void run_tx_commits_or_rolls_back(void **state)
{
    jk_store *s = open_new();
    tx_ctx c;
    int64_t n = -1;
    jk_err err;
    (void)state;
    memset(&c, 0, sizeof(c));
    assert_rc(jk_store_run_tx(s, JK_TX_SERIALIZABLE, tx_body, &c, &err), JK_OK);
    assert_int_equal(c.attempts, 1);
    c.attempts = 0;
    c.fail = true;
    assert_rc(jk_store_run_tx(s, JK_TX_SERIALIZABLE, tx_body, &c, &err),
              JK_EINVAL);
    assert_string_equal(err.msg, "the body failed");
    assert_int_equal(c.attempts, 1);
    assert_false(jk_store_tx_conflict(s, JK_EINVAL));
    assert_rc(jk_store_ledger_count(s, &n, &err), JK_OK);
    assert_i64_eq(n, 1);
    assert_i64_eq(jk_store_tx_retries(s), 0);
    assert_rc(jk_store_begin_level(s, (jk_tx_level)7, &err), JK_EINVAL);
    assert_string_equal(err.msg, "unknown isolation level");
    jk_store_close(s);
}

/* PostgreSQL: a serialisable transaction that collides with a commit
 * after its snapshot fails with SQLSTATE 40001 and is run again whole;
 * the second run sees the other row and takes the next number. */
static void conflict_is_retried(void **state)
{
    jk_store *s = open_new(), *o = open_new();
    tx_ctx c;
    int64_t n = -1;
    jk_err err;
    (void)state;
    memset(&c, 0, sizeof(c));
    c.other = o;
    c.interfere = 1;
    if (jk_store_run_tx(s, JK_TX_SERIALIZABLE, tx_body, &c, &err) != JK_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(c.attempts, 2);
    assert_i64_eq(jk_store_tx_retries(s), 1);
    assert_rc(jk_store_ledger_count(s, &n, &err), JK_OK);
    assert_i64_eq(n, 2);
    assert_i64_eq(sql_int("SELECT count(*) FROM ledger_entry WHERE seq = 0 "
                          "AND body = 'other'"),
                  1);
    assert_i64_eq(sql_int("SELECT count(*) FROM ledger_entry WHERE seq = 1 "
                          "AND body = 'mine'"),
                  1);
    /* At the default level the same collision is a taken key, not a
     * conflict: nothing to retry. */
    c.attempts = 0;
    assert_rc(jk_store_run_tx(s, JK_TX_DEFAULT, tx_body, &c, &err), JK_EEXIST);
    assert_int_equal(c.attempts, 1);
    jk_store_close(o);
    jk_store_close(s);
}

/* PostgreSQL: retries are bounded: a transaction that collides every
 * time gives up after JK_STORE_TX_ATTEMPTS runs with a clear error,
 * and none of its runs landed. */
static void retries_are_bounded(void **state)
{
    jk_store *s = open_new(), *o = open_new();
    tx_ctx c;
    int64_t n = -1;
    jk_err err;
    (void)state;
    memset(&c, 0, sizeof(c));
    c.other = o;
    c.interfere = 1000;
    assert_rc(jk_store_run_tx(s, JK_TX_SERIALIZABLE, tx_body, &c, &err),
              JK_EBUSY);
    assert_int_equal(c.attempts, JK_STORE_TX_ATTEMPTS);
    assert_i64_eq(jk_store_tx_retries(s), JK_STORE_TX_ATTEMPTS - 1);
    assert_string_equal(err.msg,
                        "serialisation failure: the transaction conflicted "
                        "with concurrent ones and gave up after 5 attempts; "
                        "try again (last: ledger entry: could not serialize "
                        "access due to concurrent update)");
    assert_true(jk_store_tx_conflict(s, JK_EBUSY));
    assert_rc(jk_store_ledger_count(s, &n, &err), JK_OK);
    assert_i64_eq(n, JK_STORE_TX_ATTEMPTS);
    assert_i64_eq(sql_int("SELECT count(*) FROM ledger_entry WHERE body = "
                          "'mine'"),
                  0);
    jk_store_close(o);
    jk_store_close(s);
}

/* Two writers, each a thread with its own connection and replayed
 * ledger, debit the same lot at the same moment. */
typedef struct debit {
    const char *uri;
    const jk_ledger_key *keys;
    char ev[512];
    int rc;
    int64_t retries;
    jk_err err;
} debit;

static void *debit_run(void *arg)
{
    debit *d = arg;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    d->rc = jk_store_open(d->uri, NULL, &s, &d->err);
    if (d->rc == JK_OK)
        d->rc = jk_ledger_open(s, &lg, &d->err);
    if (d->rc == JK_OK)
        d->rc =
            jk_ledger_append(lg, d->keys, K_N, "t.json", d->ev, strlen(d->ev),
                             "2026-01-20T00:00:00Z", NULL, NULL, &d->err);
    d->retries = jk_store_tx_retries(s);
    jk_ledger_close(lg);
    jk_store_close(s);
    return NULL;
}

/* Both threads' inserts are held by a table lock until both wait on
 * it (their snapshots are taken by then); released together, they
 * collide on the entry number: one commits, the other fails with a
 * serialisation failure, replays and runs again on the new head. */
static void debit_round(fx *f, debit d[2], const char *tag)
{
    pthread_t th[2];
    int i, waited = 0;
    PGconn *c = pg_admin(strrchr(f->path, '/') + 1);
    pg_do(c, "BEGIN");
    pg_do(c, "LOCK TABLE ledger_entry IN EXCLUSIVE MODE");
    for (i = 0; i < 2; i++) {
        memset(&d[i], 0, sizeof(d[i]));
        d[i].uri = f->path;
        d[i].keys = f->k;
        snprintf(d[i].ev, sizeof(d[i].ev),
                 "{\"type\":\"transformation\",\"actor\":\"op:sorter\","
                 "\"facility\":\"fac:sort\",\"inputs\":[{\"upi\":\"lot:b1\","
                 "\"mass\":\"3 t\"}],\"outputs\":[{\"upi\":\"lot:f-%s-%d\","
                 "\"class\":\"cls:flakes\",\"mass\":\"3 t\"}],"
                 "\"time\":\"2026-01-15T09:00:00+09:00\"}",
                 tag, i);
        assert_int_equal(pthread_create(&th[i], NULL, debit_run, &d[i]), 0);
    }
    for (;;) {
        PGresult *r = PQexec(c, "SELECT count(*) FROM pg_locks WHERE "
                                "relation = 'ledger_entry'::regclass "
                                "AND NOT granted");
        long n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        if (n >= 2)
            break;
        if (++waited > 3000)
            fail_msg("the writers did not reach the lock");
        nanosleep(&(struct timespec){0, 1000000L}, NULL);
    }
    pg_do(c, "COMMIT");
    for (i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    PQfinish(c);
}

static void concurrent_debits_of_one_lot(void **state)
{
    fx f;
    debit d[2];
    jk_ledger *lg = NULL;
    jk_ledger_lot lot;
    jk_ledger_report rep;
    int64_t n0;
    int ok;
    (void)state;

    fx_open(&f);
    fx_bales(&f, "lot:b1");
    n0 = jk_ledger_size(f.lg);
    /* 3 t + 3 t of 10 t: both land, one after a retry. */
    debit_round(&f, d, "a");
    if (d[0].rc || d[1].rc)
        fail_msg("%s %s / %s %s", d[0].err.where, d[0].err.msg, d[1].err.where,
                 d[1].err.msg);
    assert_i64_eq(d[0].retries + d[1].retries, 1);
    assert_rc(jk_ledger_open(f.s, &lg, &f.err), JK_OK);
    assert_i64_eq(jk_ledger_size(lg), n0 + 2);
    assert_rc(jk_ledger_lot_get(lg, "lot:b1", &lot, &f.err), JK_OK);
    assert_i64_eq(lot.remaining, 4000000);
    jk_ledger_close(lg);
    /* 3 t + 3 t of the 4 t left: one lands; the other, run again on the
     * new head, is refused by the mass balance. */
    debit_round(&f, d, "b");
    ok = d[0].rc == JK_OK ? 0 : 1;
    assert_rc(d[ok].rc, JK_OK);
    assert_rc(d[1 - ok].rc, JK_ECONSTRAINT);
    assert_string_equal(d[1 - ok].err.msg,
                        "3000000 g of lot lot:b1 used, but only 1000000 g "
                        "remain");
    assert_i64_eq(d[0].retries + d[1].retries, 1);
    assert_rc(jk_ledger_open(f.s, &lg, &f.err), JK_OK);
    assert_i64_eq(jk_ledger_size(lg), n0 + 3);
    assert_rc(jk_ledger_lot_get(lg, "lot:b1", &lot, &f.err), JK_OK);
    assert_i64_eq(lot.remaining, 1000000);
    jk_ledger_close(lg);
    assert_rc(jk_ledger_verify_store(f.s, 1, &rep, &f.err), JK_OK);
    assert_i64_eq(rep.entries, n0 + 3);
    fx_close(&f);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest common[] = {
        T(migrations_are_recorded),
        T(newer_schema_is_refused),
        T(missing_store_is_not_created_unless_asked),
        T(keys_references_and_rollback),
        T(close_rolls_back_an_open_transaction),
        T(flows_totals_and_iteration),
        T(flows_in_bulk),
        T(balances_of_processes),
        T(seeding_is_idempotent),
        T(ledger_rows),
        T(ledger_two_writers),
        T(tokens),
        T(market_rows),
        T(demo_round_trip),
        T(run_tx_commits_or_rolls_back),
        T(data_version_follows_commits),
        T(migration_7_keeps_rows),
    };
    const struct CMUnitTest pg_only[] = {
        T(lost_connection_reconnects), T(batched_failure_fails_the_transaction),
        T(migration_rewrites_types),   T(conflict_is_retried),
        T(retries_are_bounded),        T(concurrent_debits_of_one_lot),
    };
    int fails;

    pg_base = getenv("JUNKAN_TEST_PG");
    if (!pg_base || !*pg_base) {
        fprintf(stderr, "test_store_engines: JUNKAN_TEST_PG is not set; run "
                        "tests/pg/run.sh (it starts a cluster)\n");
        return 1;
    }
    eng = ENG_SQLITE;
    fails = cmocka_run_group_tests_name("sqlite", common, NULL, NULL);
    eng = ENG_PG;
    fails += cmocka_run_group_tests_name("postgres", common, NULL, NULL);
    fails += cmocka_run_group_tests_name("postgres_only", pg_only, NULL, NULL);
    return fails ? 1 : 0;
}
