/*
 * The SQLite backend: one database file, WAL mode, foreign keys on,
 * schema migrations numbered and recorded in schema_migrations.
 *
 * SQLite's own allocations go through the jk allocator, so that the
 * allocation-failure tests reach inside SQLite too.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "store/store_int.h"

enum {
    ST_MATERIAL,
    ST_REGION,
    ST_ROUTE,
    ST_ORG,
    ST_SITE,
    ST_CAPACITY,
    ST_PROCESS,
    ST_FLOW,
    ST_IMPORT,
    ST_SITE_CAPS,
    ST_LEDGER_PUT,
    ST_LEDGER_CP,
    ST_LISTING,
    ST_DECISION,
    ST_DELIVERY,
    ST_TOKEN,
    ST_DATA_VERSION,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    "INSERT INTO material (code, parent, name_ja, name_en, hs, ewc) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO region (code, kind, parent, lg_code, iso_alpha3, "
    "iso_numeric, name_ja, name_en, lat, lon) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "INSERT INTO route (code, name_ja, name_en, kind) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO organisation (id, name, name_en, kind, corporate_number, "
    "lg_code, region) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO site (id, org, name, name_en, kind, lat, lon, region) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO site_capacity (site, material, grams_per_year) "
    "VALUES (?1, ?2, ?3)",
    "INSERT OR IGNORE INTO process (id) VALUES (?1)",
    "INSERT INTO flow (src, dst, material, grams, period, route, label, "
    "source, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO import_log (file, kind, rows, at, owner) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
    "SELECT material, grams_per_year FROM site_capacity WHERE site = ?1 "
    "ORDER BY material",
    "INSERT INTO ledger_entry (seq, body, sig) VALUES (?1, ?2, ?3)",
    "INSERT INTO ledger_checkpoint (tree_size, note) VALUES (?1, ?2)",
    "INSERT INTO market_listing (id, side, org, material, grade, properties, "
    "grams, recurrence, min_lot, site, lat, lon, prefecture, price, "
    "valid_from, valid_to, visibility, evidence, status, ewc, jw, hs, fate, "
    "mode) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    "INSERT INTO market_decision (supply, demand, decision, grams, note, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO market_delivery (supply, demand, period, grams, ref) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO api_token (id, hash, role, org, label, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "PRAGMA data_version",
};

typedef struct sq_store {
    struct jk_store base;                  /* must be first */
    sqlite3 *db;                           /* the connection */
    sqlite3_stmt *stmt[ST_COUNT];          /* prepared lazily */
    jk_period period;                      /* last period written by put_flow */
    char period_text[32];                  /* its canonical text */
    sqlite3_stmt *dg_ins[JK_DG_TAB_COUNT]; /* diagnosis inserts */
    sqlite3_stmt *dg_del[JK_DG_TAB_COUNT]; /* and deletes by muni_code */
} sq_store;

/* ---- allocator adapter: SQLite needs the size of each block ---- */

typedef union sq_head {
    size_t n;
    max_align_t align;
} sq_head;

static void *sq_malloc(int n)
{
    sq_head *h = jk_malloc(sizeof(sq_head) + (size_t)n);
    if (!h)
        return NULL;
    h->n = (size_t)n;
    return h + 1;
}

static void sq_free(void *p)
{
    if (p)
        jk_free((sq_head *)p - 1);
}

static void *sq_realloc(void *p, int n)
{
    sq_head *h;
    if (!p)
        return sq_malloc(n);
    h = jk_realloc((sq_head *)p - 1, sizeof(sq_head) + (size_t)n);
    if (!h)
        return NULL;
    h->n = (size_t)n;
    return h + 1;
}

static int sq_size(void *p)
{
    return p ? (int)((sq_head *)p - 1)->n : 0;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *unused)
{
    (void)unused;
    return SQLITE_OK;
}

static void sq_shutdown(void *unused)
{
    (void)unused;
}

static const sqlite3_mem_methods sq_mem = {
    sq_malloc,  sq_free, sq_realloc,  sq_size,
    sq_roundup, sq_init, sq_shutdown, NULL,
};

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static int sq_init_rc;

static void sq_global_init(void)
{
    sqlite3_config(SQLITE_CONFIG_MALLOC, &sq_mem);
    /* Lookaside would hide allocation failures from the tests and is a
     * small win for our statement shapes. */
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
    sq_init_rc = sqlite3_initialize();
}

/* ---- errors ---- */

static int sq_status(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return JK_OK;
    case SQLITE_NOMEM:
        return JK_ENOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return JK_EBUSY;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
            rc == SQLITE_CONSTRAINT_UNIQUE)
            return JK_EEXIST;
        return JK_ECONSTRAINT;
    case SQLITE_CANTOPEN:
        return JK_EIO;
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
        return JK_EIO;
    default:
        return JK_ESTORE;
    }
}

static int sq_fail(sq_store *s, int rc, jk_err *err, const char *what)
{
    int code = sq_status(rc);
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    if (code == JK_ENOMEM)
        return jk_err_set(err, code, NULL, "out of memory");
    return jk_err_set(err, code, NULL, "%s: %s", what, msg);
}

static int sq_exec(sq_store *s, const char *sql, jk_err *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "sqlite");
    return JK_OK;
}

static int sq_prepare(sq_store *s, int which, sqlite3_stmt **out, jk_err *err)
{
    int rc;
    *out = NULL;
    if (!s->stmt[which]) {
        rc = sqlite3_prepare_v3(s->db, stmt_sql[which], -1,
                                SQLITE_PREPARE_PERSISTENT, &s->stmt[which],
                                NULL);
        if (rc != SQLITE_OK)
            return sq_fail(s, rc, err, "prepare");
    }
    /* sq_run resets after each step, and every insert binds all its
     * parameters, so the statement is ready as it is. */
    *out = s->stmt[which];
    return JK_OK;
}

/* Bind a string; "" binds NULL when null_if_empty (optional references). */
static int bind_text(sqlite3_stmt *st, int i, const char *v, bool null_if_empty)
{
    if (!v || (null_if_empty && !*v))
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int bind_coord(sqlite3_stmt *st, int i, bool has, double v)
{
    return has ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

/* Step an INSERT to completion. b is the OR of the bind results: a
 * failed bind (out of memory) must not run as a NULL. */
static int sq_run(sq_store *s, sqlite3_stmt *st, int b, jk_err *err,
                  const char *what)
{
    int rc;
    if (b != SQLITE_OK) {
        sqlite3_reset(st);
        return sq_fail(s, SQLITE_NOMEM, err, what);
    }
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, sqlite3_extended_errcode(s->db), err, what);
    return JK_OK;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* ---- open, migrate, close ---- */

static int sq_schema_version(jk_store *base, int *version, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT coalesce(max(version), 0) FROM schema_migrations", -1,
        &st, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "schema version");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "schema version");
    return JK_OK;
}

static int sq_migrate(sq_store *s, bool readonly, jk_err *err)
{
    int have = 0, rc;
    size_t i;
    char sql[256];

    if (!readonly) {
        rc = sq_exec(s,
                     "CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TEXT NOT NULL)",
                     err);
        if (rc)
            return rc;
    }
    rc = sq_schema_version(&s->base, &have, err);
    if (rc)
        return rc;
    if (have > jk_store_schema_latest())
        return jk_err_set(err, JK_ESCHEMA, NULL,
                          "the store has schema version %d; this junkan "
                          "knows up to %d: upgrade junkan",
                          have, jk_store_schema_latest());
    for (i = 0; i < jk_n_migrations; i++) {
        const jk_migration *m = &jk_migrations[i];
        if (m->version <= have)
            continue;
        if (readonly)
            return jk_err_set(err, JK_ESCHEMA, NULL,
                              "the store needs migration %d; open it "
                              "read-write once",
                              m->version);
        rc = sq_exec(s, "BEGIN IMMEDIATE", err);
        if (rc)
            return rc;
        rc = sq_exec(s, m->sql, err);
        if (rc == JK_OK) {
            jk_snprintf(sql, sizeof(sql),
                        "INSERT INTO schema_migrations VALUES (%d, '%s', "
                        "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'))",
                        m->version, m->name);
            rc = sq_exec(s, sql, err);
        }
        if (rc == JK_OK)
            rc = sq_exec(s, "COMMIT", err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    return JK_OK;
}

static void sq_close(jk_store *base)
{
    sq_store *s = (sq_store *)base;
    int i;
    if (!s)
        return;
    for (i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    for (i = 0; i < JK_DG_TAB_COUNT; i++) {
        sqlite3_finalize(s->dg_ins[i]);
        sqlite3_finalize(s->dg_del[i]);
    }
    sqlite3_close_v2(s->db);
    jk_free(s);
}

static int sq_open(const char *path, const jk_store_opts *o, jk_store **out,
                   jk_err *err)
{
    sq_store *s;
    struct stat sb;
    int flags, rc;

    pthread_once(&sq_once, sq_global_init);
    if (sq_init_rc != SQLITE_OK)
        return jk_err_set(err, sq_status(sq_init_rc), NULL,
                          "cannot initialise SQLite: %s",
                          sqlite3_errstr(sq_init_rc));
    if (strcmp(path, ":memory:") != 0 && stat(path, &sb) != 0 && !o->create)
        return jk_err_set(err, JK_ENOTFOUND, path,
                          "no such store; create it with `junkan init`");
    s = jk_calloc(1, sizeof(*s));
    if (!s)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    s->base.m = &jk_sqlite_methods;
    flags = o->readonly
                ? SQLITE_OPEN_READONLY
                : SQLITE_OPEN_READWRITE | (o->create ? SQLITE_OPEN_CREATE : 0);
    rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (s->db)
            rc = jk_err_set(err, sq_status(rc), path, "cannot open: %s",
                            sqlite3_errmsg(s->db));
        else
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        sq_close(&s->base);
        return rc;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, o->busy_ms);
    rc = sq_exec(s, "PRAGMA foreign_keys = ON", err);
    if (rc == JK_OK && !o->readonly)
        rc = sq_exec(s,
                     "PRAGMA journal_mode = WAL; "
                     "PRAGMA synchronous = NORMAL",
                     err);
    if (rc == JK_OK)
        rc = sq_migrate(s, o->readonly, err);
    if (rc) {
        if (err && !err->where[0])
            jk_strlcpy(err->where, path, sizeof(err->where));
        sq_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return JK_OK;
}

/* ---- transactions ---- */

static int sq_begin(jk_store *base, jk_err *err)
{
    return sq_exec((sq_store *)base, "BEGIN IMMEDIATE", err);
}

/* BEGIN IMMEDIATE takes the write lock at once: SQLite's write
 * transactions run one after the other, serialisable at any level. */
static int sq_begin_level(jk_store *base, int level, jk_err *err)
{
    (void)level;
    return sq_begin(base, err);
}

static int sq_commit(jk_store *base, jk_err *err)
{
    return sq_exec((sq_store *)base, "COMMIT", err);
}

static void sq_rollback(jk_store *base)
{
    sq_store *s = (sq_store *)base;
    int i;
    for (i = 0; i < ST_COUNT; i++)
        if (s->stmt[i])
            sqlite3_reset(s->stmt[i]);
    for (i = 0; i < JK_DG_TAB_COUNT; i++) {
        if (s->dg_ins[i])
            sqlite3_reset(s->dg_ins[i]);
        if (s->dg_del[i])
            sqlite3_reset(s->dg_del[i]);
    }
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- inserts ---- */

static int sq_put_material(jk_store *base, const jk_material *m, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    char parent[JK_ID_MAX + 1];
    int rc = sq_prepare(s, ST_MATERIAL, &st, err);
    if (rc)
        return rc;
    jk_material_parent(m->code, parent, sizeof(parent));
    b |= bind_text(st, 1, m->code, false);
    b |= bind_text(st, 2, parent, true);
    b |= bind_text(st, 3, m->name_ja, false);
    b |= bind_text(st, 4, m->name_en, false);
    b |= bind_text(st, 5, m->hs, false);
    b |= bind_text(st, 6, m->ewc, false);
    return sq_run(s, st, b, err, "material");
}

static int sq_put_region(jk_store *base, const jk_region *r, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_REGION, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, r->code, false);
    b |= bind_text(st, 2, r->kind, false);
    b |= bind_text(st, 3, r->parent, true);
    b |= bind_text(st, 4, r->lg_code, false);
    b |= bind_text(st, 5, r->iso_alpha3, false);
    b |= bind_text(st, 6, r->iso_numeric, false);
    b |= bind_text(st, 7, r->name_ja, false);
    b |= bind_text(st, 8, r->name_en, false);
    b |= bind_coord(st, 9, r->has_coord, r->lat);
    b |= bind_coord(st, 10, r->has_coord, r->lon);
    return sq_run(s, st, b, err, "region");
}

static int sq_put_route(jk_store *base, const jk_route *r, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_ROUTE, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, r->code, false);
    b |= bind_text(st, 2, r->name_ja, false);
    b |= bind_text(st, 3, r->name_en, false);
    b |= bind_text(st, 4, r->kind, false);
    return sq_run(s, st, b, err, "route");
}

static int sq_put_org(jk_store *base, const jk_org *o, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_ORG, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, o->id, false);
    b |= bind_text(st, 2, o->name, false);
    b |= bind_text(st, 3, o->name_en, false);
    b |= bind_text(st, 4, jk_org_kind_name(o->kind), false);
    b |= bind_text(st, 5, o->corporate_number, false);
    b |= bind_text(st, 6, o->lg_code, false);
    b |= bind_text(st, 7, o->region, true);
    return sq_run(s, st, b, err, "organisation");
}

static int sq_put_site(jk_store *base, const jk_site *site, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    size_t i;
    int rc = sq_prepare(s, ST_SITE, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, site->id, false);
    b |= bind_text(st, 2, site->org, false);
    b |= bind_text(st, 3, site->name, false);
    b |= bind_text(st, 4, site->name_en, false);
    b |= bind_text(st, 5, jk_site_kind_name(site->kind), false);
    b |= bind_coord(st, 6, site->has_coord, site->lat);
    b |= bind_coord(st, 7, site->has_coord, site->lon);
    b |= bind_text(st, 8, site->region, true);
    rc = sq_run(s, st, b, err, "site");
    for (i = 0; rc == JK_OK && i < site->n_capacities; i++) {
        rc = sq_prepare(s, ST_CAPACITY, &st, err);
        if (rc)
            break;
        b |= bind_text(st, 1, site->id, false);
        b |= bind_text(st, 2, site->capacities[i].material, false);
        b |= sqlite3_bind_int64(st, 3, site->capacities[i].per_year);
        rc = sq_run(s, st, b, err, "site capacity");
    }
    return rc;
}

static int sq_put_process(jk_store *base, const char *id, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_PROCESS, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, id, false);
    return sq_run(s, st, b, err, "process");
}

static int sq_put_flow(jk_store *base, const jk_flow *f, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_FLOW, &st, err);
    if (rc)
        return rc;
    if (memcmp(&f->period, &s->period, sizeof(jk_period)) != 0) {
        jk_period_format(&f->period, s->period_text, sizeof(s->period_text));
        s->period = f->period;
    }
    b |= bind_text(st, 1, f->from, false);
    b |= bind_text(st, 2, f->to, false);
    b |= bind_text(st, 3, f->material, false);
    b |= sqlite3_bind_int64(st, 4, f->mass);
    b |= sqlite3_bind_text(st, 5, s->period_text, -1, SQLITE_STATIC);
    b |= bind_text(st, 6, f->route, true);
    b |= bind_text(st, 7, f->label, false);
    b |= bind_text(st, 8, f->source, false);
    b |= sqlite3_bind_text(st, 9, base->tenant, -1, SQLITE_STATIC);
    return sq_run(s, st, b, err, "flow");
}

static int sq_log_import(jk_store *base, const char *file, const char *kind,
                         int64_t rows, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    char at[32];
    time_t now = time(NULL);
    struct tm tm;
    int rc = sq_prepare(s, ST_IMPORT, &st, err);
    if (rc)
        return rc;
    gmtime_r(&now, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    b |= bind_text(st, 1, file, false);
    b |= bind_text(st, 2, kind, false);
    b |= sqlite3_bind_int64(st, 3, rows);
    b |= sqlite3_bind_text(st, 4, at, -1, SQLITE_TRANSIENT);
    b |= sqlite3_bind_text(st, 5, base->tenant, -1, SQLITE_STATIC);
    return sq_run(s, st, b, err, "import log");
}

/* ---- queries ---- */

static const char *const count_sql[JK_ENT_COUNT] = {
    "SELECT count(*) FROM material", "SELECT count(*) FROM region",
    "SELECT count(*) FROM route",    "SELECT count(*) FROM organisation",
    "SELECT count(*) FROM site",     "SELECT count(*) FROM process",
    "SELECT count(*) FROM flow",
};

/* A count: sql with at most one text parameter (arg, NULL for none). */
static int sq_count_sql(sq_store *s, const char *sql, const char *arg,
                        int64_t *n, jk_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "count");
    if (arg && sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC) != SQLITE_OK) {
        sqlite3_finalize(st);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return sq_fail(s, rc, err, "count");
    return JK_OK;
}

static int sq_count(jk_store *base, jk_entity e, int64_t *n, jk_err *err)
{
    return sq_count_sql((sq_store *)base, count_sql[e], NULL, n, err);
}

static int sq_count_owned(jk_store *base, const char *owner, int64_t *n,
                          jk_err *err)
{
    return sq_count_sql((sq_store *)base,
                        "SELECT count(*) FROM flow WHERE owner = ?1", owner, n,
                        err);
}

/*
 * Run a query and hand each row to fill(), which calls the user's
 * callback. A non-zero callback result stops and is returned.
 */
typedef void (*any_fn)(void); /* any callback; cast back before the call */
typedef int (*row_fn)(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx);

static int sq_each(sq_store *s, const char *sql, row_fn fill, any_fn cb,
                   void *ctx, jk_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    int out = JK_OK;
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "query");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = fill(s, st, cb, ctx);
        if (out)
            break;
    }
    if (!out && rc != SQLITE_DONE)
        out = sq_fail(s, rc, err, "query");
    sqlite3_finalize(st);
    return out;
}

static int fill_material(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_material m;
    (void)s;
    m.code = col_text(st, 0);
    m.name_ja = col_text(st, 1);
    m.name_en = col_text(st, 2);
    m.hs = col_text(st, 3);
    m.ewc = col_text(st, 4);
    return ((jk_material_cb)cb)(ctx, &m);
}

static int sq_each_material(jk_store *base, jk_material_cb cb, void *ctx,
                            jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT code, name_ja, name_en, hs, ewc FROM material "
                   "ORDER BY code",
                   fill_material, (any_fn)cb, ctx, err);
}

static int fill_region(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_region r;
    (void)s;
    r.code = col_text(st, 0);
    r.kind = col_text(st, 1);
    r.parent = col_text(st, 2);
    r.lg_code = col_text(st, 3);
    r.iso_alpha3 = col_text(st, 4);
    r.iso_numeric = col_text(st, 5);
    r.name_ja = col_text(st, 6);
    r.name_en = col_text(st, 7);
    r.has_coord = sqlite3_column_type(st, 8) != SQLITE_NULL;
    r.lat = sqlite3_column_double(st, 8);
    r.lon = sqlite3_column_double(st, 9);
    return ((jk_region_cb)cb)(ctx, &r);
}

static int sq_each_region(jk_store *base, jk_region_cb cb, void *ctx,
                          jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT code, kind, parent, lg_code, iso_alpha3, "
                   "iso_numeric, name_ja, name_en, lat, lon FROM region "
                   "ORDER BY kind, code",
                   fill_region, (any_fn)cb, ctx, err);
}

static int fill_route(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_route r;
    (void)s;
    r.code = col_text(st, 0);
    r.name_ja = col_text(st, 1);
    r.name_en = col_text(st, 2);
    r.kind = col_text(st, 3);
    return ((jk_route_cb)cb)(ctx, &r);
}

static int sq_each_route(jk_store *base, jk_route_cb cb, void *ctx, jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT code, name_ja, name_en, kind FROM route "
                   "ORDER BY code",
                   fill_route, (any_fn)cb, ctx, err);
}

static int fill_org(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_org o;
    (void)s;
    o.id = col_text(st, 0);
    o.name = col_text(st, 1);
    o.name_en = col_text(st, 2);
    if (jk_org_kind_parse(col_text(st, 3), &o.kind) != JK_OK)
        o.kind = 0;
    o.corporate_number = col_text(st, 4);
    o.lg_code = col_text(st, 5);
    o.region = col_text(st, 6);
    return ((jk_org_cb)cb)(ctx, &o);
}

static int sq_each_org(jk_store *base, jk_org_cb cb, void *ctx, jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT id, name, name_en, kind, corporate_number, "
                   "lg_code, region FROM organisation ORDER BY id",
                   fill_org, (any_fn)cb, ctx, err);
}

/* Sites carry their capacities: read them with a second statement into
 * a buffer that lives for the duration of the callback. */
static int fill_site(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_site site;
    jk_capacity caps[JK_SITE_MAX_CAPS];
    char names[JK_SITE_MAX_CAPS][JK_ID_MAX + 1];
    sqlite3_stmt *cq;
    jk_err e;
    size_t n = 0;
    int rc;

    site.id = col_text(st, 0);
    site.org = col_text(st, 1);
    site.name = col_text(st, 2);
    site.name_en = col_text(st, 3);
    if (jk_site_kind_parse(col_text(st, 4), &site.kind) != JK_OK)
        site.kind = 0;
    site.has_coord = sqlite3_column_type(st, 5) != SQLITE_NULL;
    site.lat = sqlite3_column_double(st, 5);
    site.lon = sqlite3_column_double(st, 6);
    site.region = col_text(st, 7);
    rc = sq_prepare(s, ST_SITE_CAPS, &cq, &e);
    if (rc)
        return rc;
    if (sqlite3_bind_text(cq, 1, site.id, -1, SQLITE_STATIC) != SQLITE_OK)
        return JK_ENOMEM;
    while (n < JK_SITE_MAX_CAPS && (rc = sqlite3_step(cq)) == SQLITE_ROW) {
        jk_strlcpy(names[n], col_text(cq, 0), sizeof(names[n]));
        caps[n].material = names[n];
        caps[n].per_year = sqlite3_column_int64(cq, 1);
        n++;
    }
    sqlite3_reset(cq);
    site.capacities = caps;
    site.n_capacities = n;
    return ((jk_site_cb)cb)(ctx, &site);
}

static int sq_each_site(jk_store *base, jk_site_cb cb, void *ctx, jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT id, org, name, name_en, kind, lat, lon, region "
                   "FROM site ORDER BY id",
                   fill_site, (any_fn)cb, ctx, err);
}

static int fill_flow(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_flow f;
    jk_err e;
    (void)s;
    f.from = col_text(st, 0);
    f.to = col_text(st, 1);
    f.material = col_text(st, 2);
    f.mass = sqlite3_column_int64(st, 3);
    if (jk_period_parse(col_text(st, 4), &f.period, &e) != JK_OK)
        return JK_ESTORE;
    f.route = col_text(st, 5);
    f.label = col_text(st, 6);
    f.source = col_text(st, 7);
    return ((jk_flow_cb)cb)(ctx, &f);
}

static int sq_each_flow(jk_store *base, jk_flow_cb cb, void *ctx, jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT src, dst, material, grams, period, route, label, "
                   "source FROM flow ORDER BY id",
                   fill_flow, (any_fn)cb, ctx, err);
}

static int fill_id(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    (void)s;
    return ((jk_id_cb)cb)(ctx, col_text(st, 0));
}

static int sq_each_id(jk_store *base, jk_entity e, jk_id_cb cb, void *ctx,
                      jk_err *err)
{
    static const char *const sql[JK_ENT_COUNT] = {
        "SELECT code FROM material ORDER BY code",
        "SELECT code FROM region ORDER BY code",
        "SELECT code FROM route ORDER BY code",
        "SELECT id FROM organisation ORDER BY id",
        "SELECT id FROM site ORDER BY id",
        "SELECT id FROM process ORDER BY id",
        NULL,
    };
    return sq_each((sq_store *)base, sql[e], fill_id, (any_fn)cb, ctx, err);
}

static int fill_total(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_flow_total t;
    (void)s;
    t.material = col_text(st, 0);
    t.route = col_text(st, 1);
    t.period = col_text(st, 2);
    t.flows = sqlite3_column_int64(st, 3);
    t.mass = sqlite3_column_int64(st, 4);
    return ((jk_flow_total_cb)cb)(ctx, &t);
}

static int sq_flow_totals(jk_store *base, jk_flow_total_cb cb, void *ctx,
                          jk_err *err)
{
    /* sum() of integers in SQLite raises "integer overflow" rather than
     * wrapping, which is what we want for exact grams. */
    return sq_each((sq_store *)base,
                   "SELECT material, coalesce(route, ''), period, count(*), "
                   "sum(grams) FROM flow GROUP BY material, route, period "
                   "ORDER BY material, route, period",
                   fill_total, (any_fn)cb, ctx, err);
}

static int fill_kind(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    (void)s;
    return ((jk_kind_count_cb)cb)(ctx, col_text(st, 0),
                                  sqlite3_column_int64(st, 1));
}

static int sq_count_by_kind(jk_store *base, jk_entity e, jk_kind_count_cb cb,
                            void *ctx, jk_err *err)
{
    const char *sql =
        e == JK_ENT_ORG
            ? "SELECT kind, count(*) FROM organisation GROUP BY kind "
              "ORDER BY kind"
        : e == JK_ENT_SITE
            ? "SELECT kind, count(*) FROM site GROUP BY kind ORDER BY kind"
        : e == JK_ENT_ROUTE
            ? "SELECT kind, count(*) FROM route GROUP BY kind ORDER BY kind"
            : "SELECT kind, count(*) FROM region GROUP BY kind ORDER BY kind";
    return sq_each((sq_store *)base, sql, fill_kind, (any_fn)cb, ctx, err);
}

/* ---- ledger ---- */

static int sq_ledger_put(jk_store *base, int64_t seq, const char *body,
                         const char *sig, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_LEDGER_PUT, &st, err);
    if (rc)
        return rc;
    b |= sqlite3_bind_int64(st, 1, seq);
    b |= sqlite3_bind_text(st, 2, body, -1, SQLITE_STATIC);
    b |= sqlite3_bind_text(st, 3, sig, -1, SQLITE_STATIC);
    return sq_run(s, st, b, err, "ledger entry");
}

static int sq_ledger_count(jk_store *base, int64_t *n, jk_err *err)
{
    return sq_count_sql((sq_store *)base, "SELECT count(*) FROM ledger_entry",
                        NULL, n, err);
}

static int sq_ledger_rows(sq_store *s, const char *sql, int64_t from,
                          jk_ledger_row_cb cb, void *ctx, jk_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    int out = JK_OK;
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "query");
    if (sqlite3_bind_int64(st, 1, from) != SQLITE_OK) {
        sqlite3_finalize(st);
        return sq_fail(s, SQLITE_NOMEM, err, "query");
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = cb(ctx, sqlite3_column_int64(st, 0), col_text(st, 1),
                 sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL
                                                           : col_text(st, 2));
        if (out)
            break;
    }
    if (!out && rc != SQLITE_DONE)
        out = sq_fail(s, rc, err, "query");
    sqlite3_finalize(st);
    return out;
}

static int sq_ledger_each(jk_store *base, int64_t from, jk_ledger_row_cb cb,
                          void *ctx, jk_err *err)
{
    return sq_ledger_rows((sq_store *)base,
                          "SELECT seq, body, sig FROM ledger_entry "
                          "WHERE ledger = '' AND seq >= ?1 ORDER BY seq",
                          from, cb, ctx, err);
}

static int sq_ledger_put_checkpoint(jk_store *base, int64_t tree_size,
                                    const char *note, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_LEDGER_CP, &st, err);
    if (rc)
        return rc;
    b |= sqlite3_bind_int64(st, 1, tree_size);
    b |= sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
    return sq_run(s, st, b, err, "ledger checkpoint");
}

static int sq_ledger_each_checkpoint(jk_store *base, jk_ledger_row_cb cb,
                                     void *ctx, jk_err *err)
{
    return sq_ledger_rows(
        (sq_store *)base,
        "SELECT tree_size, note, NULL FROM "
        "ledger_checkpoint WHERE ledger = '' AND tree_size >= ?1 "
        "ORDER BY tree_size",
        0, cb, ctx, err);
}

/* ---- market ---- */

static int sq_put_listing(jk_store *base, const jk_store_listing *l,
                          jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_LISTING, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, l->id, false);
    b |= bind_text(st, 2, l->side, false);
    b |= bind_text(st, 3, l->org, false);
    b |= bind_text(st, 4, l->material, false);
    b |= bind_text(st, 5, l->grade, false);
    b |= bind_text(st, 6, l->properties, false);
    b |= sqlite3_bind_int64(st, 7, l->grams);
    b |= bind_text(st, 8, l->recurrence, false);
    b |= sqlite3_bind_int64(st, 9, l->min_lot);
    b |= bind_text(st, 10, l->site, false);
    b |= sqlite3_bind_double(st, 11, l->lat);
    b |= sqlite3_bind_double(st, 12, l->lon);
    b |= bind_text(st, 13, l->prefecture, false);
    b |= sqlite3_bind_double(st, 14, l->price);
    b |= bind_text(st, 15, l->valid_from, false);
    b |= bind_text(st, 16, l->valid_to, false);
    b |= bind_text(st, 17, l->visibility, false);
    b |= bind_text(st, 18, l->evidence, false);
    b |= bind_text(st, 19, l->status, false);
    b |= bind_text(st, 20, l->ewc, false);
    b |= bind_text(st, 21, l->jw, false);
    b |= bind_text(st, 22, l->hs, false);
    b |= bind_text(st, 23, l->fate, false);
    b |= bind_text(st, 24, l->mode, false);
    return sq_run(s, st, b, err, "market listing");
}

static int sq_put_decision(jk_store *base, const jk_store_decision *d,
                           jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_DECISION, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, d->supply, false);
    b |= bind_text(st, 2, d->demand, false);
    b |= bind_text(st, 3, d->decision, false);
    b |= sqlite3_bind_int64(st, 4, d->grams);
    b |= bind_text(st, 5, d->note, false);
    b |= bind_text(st, 6, d->at, false);
    return sq_run(s, st, b, err, "market decision");
}

static int sq_put_delivery(jk_store *base, const jk_store_delivery *d,
                           jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_DELIVERY, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, d->supply, false);
    b |= bind_text(st, 2, d->demand, false);
    b |= bind_text(st, 3, d->period, false);
    b |= sqlite3_bind_int64(st, 4, d->grams);
    b |= bind_text(st, 5, d->ref, false);
    return sq_run(s, st, b, err, "market delivery");
}

static int fill_listing(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_store_listing l;
    (void)s;
    l.id = col_text(st, 0);
    l.side = col_text(st, 1);
    l.org = col_text(st, 2);
    l.material = col_text(st, 3);
    l.grade = col_text(st, 4);
    l.properties = col_text(st, 5);
    l.grams = sqlite3_column_int64(st, 6);
    l.recurrence = col_text(st, 7);
    l.min_lot = sqlite3_column_int64(st, 8);
    l.site = col_text(st, 9);
    l.lat = sqlite3_column_double(st, 10);
    l.lon = sqlite3_column_double(st, 11);
    l.prefecture = col_text(st, 12);
    l.price = sqlite3_column_double(st, 13);
    l.valid_from = col_text(st, 14);
    l.valid_to = col_text(st, 15);
    l.visibility = col_text(st, 16);
    l.evidence = col_text(st, 17);
    l.status = col_text(st, 18);
    l.ewc = col_text(st, 19);
    l.jw = col_text(st, 20);
    l.hs = col_text(st, 21);
    l.fate = col_text(st, 22);
    l.mode = col_text(st, 23);
    return ((jk_listing_cb)cb)(ctx, &l);
}

static int sq_each_listing(jk_store *base, jk_listing_cb cb, void *ctx,
                           jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT id, side, org, material, grade, properties, grams, "
                   "recurrence, min_lot, site, lat, lon, prefecture, price, "
                   "valid_from, valid_to, visibility, evidence, status, ewc, "
                   "jw, hs, fate, mode FROM market_listing ORDER BY id",
                   fill_listing, (any_fn)cb, ctx, err);
}

static int fill_decision(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_store_decision d;
    (void)s;
    d.supply = col_text(st, 0);
    d.demand = col_text(st, 1);
    d.decision = col_text(st, 2);
    d.grams = sqlite3_column_int64(st, 3);
    d.note = col_text(st, 4);
    d.at = col_text(st, 5);
    return ((jk_decision_cb)cb)(ctx, &d);
}

static int sq_each_decision(jk_store *base, jk_decision_cb cb, void *ctx,
                            jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT supply, demand, decision, grams, note, at FROM "
                   "market_decision ORDER BY supply, demand",
                   fill_decision, (any_fn)cb, ctx, err);
}

static int fill_delivery(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_store_delivery d;
    (void)s;
    d.supply = col_text(st, 0);
    d.demand = col_text(st, 1);
    d.period = col_text(st, 2);
    d.grams = sqlite3_column_int64(st, 3);
    d.ref = col_text(st, 4);
    return ((jk_delivery_cb)cb)(ctx, &d);
}

static int sq_each_delivery(jk_store *base, jk_delivery_cb cb, void *ctx,
                            jk_err *err)
{
    return sq_each((sq_store *)base,
                   "SELECT supply, demand, period, grams, ref FROM "
                   "market_delivery ORDER BY supply, demand, period, id",
                   fill_delivery, (any_fn)cb, ctx, err);
}

/* ---- API tokens ---- */

static int sq_put_token(jk_store *base, const jk_token_rec *t, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int b = 0;
    int rc = sq_prepare(s, ST_TOKEN, &st, err);
    if (rc)
        return rc;
    b |= bind_text(st, 1, t->id, false);
    b |= bind_text(st, 2, t->hash, false);
    b |= bind_text(st, 3, t->role, false);
    b |= bind_text(st, 4, t->org, false);
    b |= bind_text(st, 5, t->label, false);
    b |= bind_text(st, 6, t->created_at, false);
    return sq_run(s, st, b, err, "token");
}

static int fill_token(sq_store *s, sqlite3_stmt *st, any_fn cb, void *ctx)
{
    jk_token_rec t;
    (void)s;
    t.id = col_text(st, 0);
    t.hash = col_text(st, 1);
    t.role = col_text(st, 2);
    t.org = col_text(st, 3);
    t.label = col_text(st, 4);
    t.created_at = col_text(st, 5);
    t.revoked_at = col_text(st, 6);
    return ((jk_token_cb)cb)(ctx, &t);
}

#define TOKEN_COLS                                                             \
    "SELECT id, hash, role, org, label, created_at, revoked_at FROM "          \
    "api_token "

static int sq_get_token(jk_store *base, const char *id, jk_token_cb cb,
                        void *ctx, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    int rc =
        sqlite3_prepare_v2(s->db, TOKEN_COLS "WHERE id = ?1", -1, &st, NULL);
    int out = JK_ENOTFOUND;
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "token");
    if (sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK) {
        sqlite3_finalize(st);
        return sq_fail(s, SQLITE_NOMEM, err, "token");
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        out = fill_token(s, st, (any_fn)cb, ctx);
    else if (rc != SQLITE_DONE)
        out = sq_fail(s, rc, err, "token");
    sqlite3_finalize(st);
    if (out == JK_ENOTFOUND)
        return jk_err_set(err, JK_ENOTFOUND, "token", "no token %s", id);
    return out;
}

static int sq_revoke_token(jk_store *base, const char *id, const char *at,
                           jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db, "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1", -1, &st,
        NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, "token");
    if (sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC) != SQLITE_OK) {
        sqlite3_finalize(st);
        return sq_fail(s, SQLITE_NOMEM, err, "token");
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, rc, err, "token");
    if (sqlite3_changes(s->db) == 0)
        return jk_err_set(err, JK_ENOTFOUND, "token", "no token %s", id);
    return JK_OK;
}

static int sq_each_token(jk_store *base, jk_token_cb cb, void *ctx, jk_err *err)
{
    return sq_each((sq_store *)base, TOKEN_COLS "ORDER BY created_at, id",
                   fill_token, (any_fn)cb, ctx, err);
}

/* PRAGMA data_version: changes when another connection commits. */
static int sq_data_version(jk_store *base, int64_t *v, jk_err *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    int rc = sq_prepare(s, ST_DATA_VERSION, &st, err);
    if (rc)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? JK_OK : sq_fail(s, rc, err, "data_version");
}

/* ---- diagnosis input (migration 8) ---- */

static int dg_prepare(sq_store *s, sqlite3_stmt **st, const char *sql,
                      jk_err *err)
{
    int rc;
    if (*st)
        return JK_OK;
    rc =
        sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    return rc == SQLITE_OK ? JK_OK : sq_fail(s, rc, err, "prepare");
}

static int sq_dg_delete(jk_store *base, const char *const *codes, size_t n,
                        jk_err *err)
{
    sq_store *s = (sq_store *)base;
    char sql[96];
    int t, rc;
    size_t i;
    /* Children first: dg_profile (0) is their parent. */
    for (t = JK_DG_TAB_COUNT - 1; t >= 0; t--) {
        jk_snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE muni_code = ?1",
                    jk_dg_tabs[t].table);
        if ((rc = dg_prepare(s, &s->dg_del[t], sql, err)))
            return rc;
        for (i = 0; i < n; i++) {
            rc = sq_run(s, s->dg_del[t],
                        bind_text(s->dg_del[t], 1, codes[i], false), err,
                        jk_dg_tabs[t].table);
            if (rc)
                return rc;
        }
    }
    return JK_OK;
}

static int sq_dg_put(jk_store *base, jk_dg_tab t, const char *const *cells,
                     jk_err *err)
{
    sq_store *s = (sq_store *)base;
    const jk_dg_desc *d = &jk_dg_tabs[t];
    sqlite3_stmt *st;
    size_t i;
    int b = SQLITE_OK, rc;

    if (!s->dg_ins[t]) {
        jk_buf sql;
        jk_buf_init(&sql, 1 << 16);
        rc = jk__dg_sql(t, JK_DG_SQL_INSERT, false, &sql);
        if (rc == JK_OK)
            rc = dg_prepare(s, &s->dg_ins[t], jk_buf_str(&sql), err);
        else
            rc = jk_err_set(err, rc, NULL, "out of memory");
        jk_buf_free(&sql);
        if (rc)
            return rc;
    }
    st = s->dg_ins[t];
    for (i = 0; i < d->ncol; i++) {
        const char *v = cells[i];
        int k = (int)i + 1;
        double x;
        int64_t n;
        if (!v)
            b |= sqlite3_bind_null(st, k);
        else if (d->col[i].type == 'R' && jk_parse_double(v, &x) == JK_OK)
            b |= sqlite3_bind_double(st, k, x);
        else if (d->col[i].type == 'I' && jk_parse_i64(v, &n) == JK_OK)
            b |= sqlite3_bind_int64(st, k, n);
        else
            b |= sqlite3_bind_text(st, k, v, -1, SQLITE_STATIC);
    }
    return sq_run(s, st, b, err, d->table);
}

static int sq_dg_each(jk_store *base, jk_dg_tab t, jk_dg_row_cb cb, void *ctx,
                      jk_err *err)
{
    sq_store *s = (sq_store *)base;
    const jk_dg_desc *d = &jk_dg_tabs[t];
    sqlite3_stmt *st = NULL;
    const char *cell[32];
    char num[32][32];
    jk_buf sql;
    size_t i;
    int rc, out = JK_OK;

    jk_buf_init(&sql, 1 << 16);
    if (jk__dg_sql(t, JK_DG_SQL_SELECT, false, &sql)) {
        jk_buf_free(&sql);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = sqlite3_prepare_v2(s->db, jk_buf_str(&sql), -1, &st, NULL);
    jk_buf_free(&sql);
    if (rc != SQLITE_OK)
        return sq_fail(s, rc, err, d->table);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < d->ncol && i < 32; i++) {
            int ty = sqlite3_column_type(st, (int)i);
            if (ty == SQLITE_NULL) {
                cell[i] = NULL;
            } else if (d->col[i].type == 'R') {
                jk_snprintf(num[i], sizeof(num[i]), "%.17g",
                            sqlite3_column_double(st, (int)i));
                cell[i] = num[i];
            } else if (d->col[i].type == 'I') {
                jk_snprintf(num[i], sizeof(num[i]), "%lld",
                            (long long)sqlite3_column_int64(st, (int)i));
                cell[i] = num[i];
            } else {
                cell[i] = col_text(st, (int)i);
            }
        }
        if ((out = cb(ctx, cell, d->ncol)) != 0)
            break;
    }
    if (!out && rc != SQLITE_DONE)
        out = sq_fail(s, rc, err, d->table);
    sqlite3_finalize(st);
    return out;
}

const jk_store_methods jk_sqlite_methods = {
    8,
    "sqlite",
    sq_open,
    sq_close,
    sq_schema_version,
    sq_begin,
    sq_commit,
    sq_rollback,
    sq_put_material,
    sq_put_region,
    sq_put_route,
    sq_put_org,
    sq_put_site,
    sq_put_process,
    sq_put_flow,
    sq_log_import,
    sq_count,
    sq_each_material,
    sq_each_region,
    sq_each_route,
    sq_each_org,
    sq_each_site,
    sq_each_flow,
    sq_each_id,
    sq_flow_totals,
    sq_count_by_kind,
    sq_ledger_put,
    sq_ledger_count,
    sq_ledger_each,
    sq_ledger_put_checkpoint,
    sq_ledger_each_checkpoint,
    sq_put_listing,
    sq_put_decision,
    sq_put_delivery,
    sq_each_listing,
    sq_each_decision,
    sq_each_delivery,
    sq_put_token,
    sq_get_token,
    sq_revoke_token,
    sq_each_token,
    sq_data_version,
    sq_begin_level,
    sq_count_owned,
    sq_dg_delete,
    sq_dg_put,
    sq_dg_each,
};
