/*
 * The PostgreSQL backend (libpq): the same tables, migrations and
 * semantics as the SQLite backend, on a server.
 *
 * - Migrations come from migrations.c, rewritten at migration time for
 *   the two SQLite-isms they contain (see pg_rewrite below), applied in
 *   order, each in its own transaction under an advisory lock, and
 *   recorded in schema_migrations.
 * - Inserts are server-side prepared statements, prepared on first use
 *   per connection. Inside a transaction each insert runs under a
 *   savepoint (sent in one pipeline: one round trip), so that a failed
 *   insert leaves the transaction usable, as in SQLite.
 * - Keys taken are detected with ON CONFLICT DO NOTHING (no row
 *   inserted -> JK_EEXIST); other constraints map from the SQLSTATE.
 * - A lost connection is reported as JK_ESTORE; the next call outside a
 *   transaction reconnects (PQreset). Inside a transaction every call
 *   fails until the caller rolls back: the server has already dropped
 *   the transaction, and running on in autocommit would half-land it.
 * - Text is compared with COLLATE "C" so that orders match SQLite's
 *   byte order whatever the database's locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

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
    ST_COUNT
};

/* Statements; `dup` says that a conflict (no row inserted) is a taken
 * key (JK_EEXIST), `ignore` that it is not an error at all. */
typedef struct pg_stmt {
    const char *sql;
    int nparams;
    bool dup;
} pg_stmt;

static const pg_stmt stmts[ST_COUNT] = {
    {"INSERT INTO material (code, parent, name_ja, name_en, hs, ewc) "
     "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
     6, true},
    {"INSERT INTO region (code, kind, parent, lg_code, iso_alpha3, "
     "iso_numeric, name_ja, name_en, lat, lon) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
     "ON CONFLICT DO NOTHING",
     10, true},
    {"INSERT INTO route (code, name_ja, name_en, kind) "
     "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
     4, true},
    {"INSERT INTO organisation (id, name, name_en, kind, corporate_number, "
     "lg_code, region) VALUES ($1, $2, $3, $4, $5, $6, $7) "
     "ON CONFLICT DO NOTHING",
     7, true},
    {"INSERT INTO site (id, org, name, name_en, kind, lat, lon, region) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
     8, true},
    {"INSERT INTO site_capacity (site, material, grams_per_year) "
     "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
     3, true},
    {"INSERT INTO process (id) VALUES ($1) ON CONFLICT DO NOTHING", 1, false},
    {"INSERT INTO flow (src, dst, material, grams, period, route, label, "
     "source, owner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     9, false},
    {"INSERT INTO import_log (file, kind, rows, at, owner) "
     "VALUES ($1, $2, $3, $4, $5)",
     5, false},
    {"SELECT material, grams_per_year FROM site_capacity WHERE site = $1 "
     "ORDER BY material COLLATE \"C\"",
     1, false},
    {"INSERT INTO ledger_entry (seq, body, sig) VALUES ($1, $2, $3) "
     "ON CONFLICT DO NOTHING",
     3, true},
    {"INSERT INTO ledger_checkpoint (tree_size, note) VALUES ($1, $2) "
     "ON CONFLICT DO NOTHING",
     2, true},
    {"INSERT INTO market_listing (id, side, org, material, grade, properties, "
     "grams, recurrence, min_lot, site, lat, lon, prefecture, price, "
     "valid_from, valid_to, visibility, evidence, status, ewc, jw, hs, fate, "
     "mode) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
     "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) "
     "ON CONFLICT DO NOTHING",
     24, true},
    {"INSERT INTO market_decision (supply, demand, decision, grams, note, at) "
     "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
     6, true},
    {"INSERT INTO market_delivery (supply, demand, period, grams, ref) "
     "VALUES ($1, $2, $3, $4, $5)",
     5, false},
    {"INSERT INTO api_token (id, hash, role, org, label, created_at) "
     "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
     6, true},
};

#define MAX_PARAMS 24

typedef struct pg_store {
    struct jk_store base;               /* must be first */
    PGconn *conn;                       /* the connection */
    bool prepared[ST_COUNT];            /* prepared on this connection */
    bool lost;                          /* the connection was lost */
    jk_period period;                   /* last period written by put_flow */
    char period_text[32];               /* its canonical text */
    char where[JK_ERR_WHERE];           /* the URI without its password */
    int pending;                        /* rows in the COPY buffer */
    jk_buf copy;                        /* their rows, COPY text format */
    const char *copy_head;              /* the COPY statement they go with */
    const char *copy_what;              /* its table, for messages ("flow") */
    const char *copy_unit;              /* "flows", "rows" */
    char dg_copy[JK_DG_TAB_COUNT][512]; /* COPY of each diagnosis table */
    int cursors;                        /* open iteration cursors */
    int busy_ms;                        /* lock_timeout of the session */
    bool readonly;                      /* the session is read-only */
    bool wrote;  /* the open transaction wrote something */
    jk_buf refs; /* "\n"-joined known material and route
                    codes ("m:CODE", "r:CODE"), for flows */
    bool refs_loaded;
} pg_store;

static int pg_flush(pg_store *s, jk_err *err);
static int pg_session(pg_store *s, jk_err *err);

/* Parameters of one statement, as text. */
typedef struct pg_params {
    int n;
    const char *v[MAX_PARAMS];
    char num[MAX_PARAMS][32]; /* storage for numbers */
} pg_params;

static void par_text(pg_params *p, const char *v, bool null_if_empty)
{
    p->v[p->n++] = !v || (null_if_empty && !*v) ? NULL : v;
}

static void par_i64(pg_params *p, int64_t v)
{
    jk_snprintf(p->num[p->n], sizeof(p->num[0]), "%lld", (long long)v);
    p->v[p->n] = p->num[p->n];
    p->n++;
}

static void par_double(pg_params *p, bool has, double v)
{
    if (!has) {
        p->v[p->n++] = NULL;
        return;
    }
    jk_snprintf(p->num[p->n], sizeof(p->num[0]), "%.17g", v);
    p->v[p->n] = p->num[p->n];
    p->n++;
}

/* ---- errors ---- */

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* libpq messages end with a newline; keep the first line. */
static void first_line(char *dst, size_t cap, const char *msg)
{
    char *nl;
    jk_strlcpy(dst, msg ? msg : "", cap);
    nl = strchr(dst, '\n');
    if (nl)
        *nl = '\0';
}

static int pg_status(const char *state)
{
    if (!state)
        return JK_ESTORE;
    if (strcmp(state, "23505") == 0)
        return JK_EEXIST;
    if (strncmp(state, "23", 2) == 0)
        return JK_ECONSTRAINT;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "55P03") == 0)
        return JK_EBUSY;
    if (strcmp(state, "53200") == 0)
        return JK_ENOMEM;
    if (strcmp(state, "53100") == 0)
        return JK_EIO;
    return JK_ESTORE;
}

static bool state_is_lost(const char *state)
{
    return state &&
           (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
            strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0);
}

/* Report a failed result (res may be NULL), and note a lost connection. */
static int pg_fail(pg_store *s, const PGresult *res, jk_err *err,
                   const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    char msg[JK_ERR_MSG];

    /* A serialisation failure or deadlock: the caller may run the whole
     * transaction again (jk_store_tx_again). */
    if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        s->base.conflict = true;

    if (PQstatus(s->conn) != CONNECTION_OK || state_is_lost(state)) {
        s->lost = true;
        first_line(msg, sizeof(msg), PQerrorMessage(s->conn));
        return jk_err_set(err, JK_ESTORE, s->where,
                          "%s: the connection to PostgreSQL was lost%s%s%s",
                          what, msg[0] ? " (" : "", msg, msg[0] ? ")" : "");
    }
    first_line(msg, sizeof(msg),
               res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                   : PQerrorMessage(s->conn));
    if (!msg[0] && res)
        first_line(msg, sizeof(msg), PQresultErrorMessage(res));
    return jk_err_set(err, pg_status(state), NULL, "%s: %s", what, msg);
}

/* Before each call: a connection lost inside a transaction fails every
 * call until the rollback; outside one, reconnect. */
static int pg_ready(pg_store *s, jk_err *err)
{
    int i;
    if (s->pending) {
        int rc = pg_flush(s, err);
        if (rc)
            return rc;
    }
    if (!s->lost && PQstatus(s->conn) == CONNECTION_OK)
        return JK_OK;
    s->lost = true;
    if (s->base.in_tx)
        return jk_err_set(err, JK_ESTORE, s->where,
                          "the connection to PostgreSQL was lost during the "
                          "transaction; nothing of it was committed");
    PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        char msg[JK_ERR_MSG];
        first_line(msg, sizeof(msg), PQerrorMessage(s->conn));
        return jk_err_set(err, JK_ESTORE, s->where,
                          "cannot reconnect to PostgreSQL: %s", msg);
    }
    for (i = 0; i < ST_COUNT; i++)
        s->prepared[i] = false;
    s->lost = false;
    s->cursors = 0;
    /* A new session: the settings of the old one are gone. */
    return pg_session(s, err);
}

/* Run SQL without parameters (several statements allowed). */
static int pg_exec(pg_store *s, const char *sql, jk_err *err, const char *what)
{
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = JK_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_fail(s, res, err, what);
    PQclear(res);
    return rc;
}

/*
 * The data version (jk_store_data_version; the server's answer cache):
 * the sequence jk_data_version, advanced after every commit that wrote
 * and after every write outside a transaction, by whichever session
 * wrote. A sequence, not a counter row: nextval takes no row lock and
 * is not transactional, so writers neither wait for each other nor
 * collide (a counter row would make every two SERIALIZABLE writers
 * conflict). It is advanced *after* the commit: a reader that reads
 * the version, then the data, can only pair an old version with new
 * data (a needless recomputation later), never new with old.
 */
static void pg_bump(pg_store *s)
{
    /* The commit stands either way; a failed bump (the connection just
     * went) leaves caches stale until the next write. */
    pg_exec(s, "SELECT nextval('jk_data_version')", NULL, "data version");
}

/* A write succeeded: outside a transaction it is committed already. */
static void pg_wrote(pg_store *s)
{
    if (s->base.in_tx)
        s->wrote = true;
    else
        pg_bump(s);
}

/* Session settings, at open and again after a reconnect: UTF-8, the
 * lock timeout, read-only. */
static int pg_session(pg_store *s, jk_err *err)
{
    char sql[96];
    int rc = JK_OK;
    if (PQsetClientEncoding(s->conn, "UTF8") != 0)
        rc = pg_fail(s, NULL, err, "client encoding");
    if (rc == JK_OK && s->busy_ms > 0) {
        jk_snprintf(sql, sizeof(sql), "SET lock_timeout = %d", s->busy_ms);
        rc = pg_exec(s, sql, err, "open");
    }
    if (rc == JK_OK && s->readonly)
        rc = pg_exec(s, "SET default_transaction_read_only = on", err, "open");
    return rc;
}

static int pg_prepare(pg_store *s, int which, jk_err *err)
{
    char name[16];
    PGresult *res;
    int rc = JK_OK;
    if (s->prepared[which])
        return JK_OK;
    jk_snprintf(name, sizeof(name), "jk%d", which);
    res =
        PQprepare(s->conn, name, stmts[which].sql, stmts[which].nparams, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_fail(s, res, err, "prepare");
    else
        s->prepared[which] = true;
    PQclear(res);
    return rc;
}

/* The result of an insert: conflicts (no row) become JK_EEXIST. */
static int insert_result(pg_store *s, int which, PGresult *res, jk_err *err,
                         const char *what)
{
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        return pg_fail(s, res, err, what);
    if (stmts[which].dup && strcmp(PQcmdTuples(res), "0") == 0)
        return jk_err_set(err, JK_EEXIST, NULL, "%s: the key is already taken",
                          what);
    return JK_OK;
}

/*
 * Run a prepared insert. In a transaction, under a savepoint sent in
 * the same pipeline (SAVEPOINT, the insert, RELEASE, sync: one round
 * trip); on failure the savepoint is rolled back so the transaction
 * goes on, as a failed statement leaves a SQLite transaction usable.
 */
static int pg_insert(pg_store *s, int which, const pg_params *p, jk_err *err,
                     const char *what)
{
    char name[16];
    PGresult *res;
    int rc, i;
    bool failed = false;

    rc = pg_ready(s, err);
    if (rc == JK_OK)
        rc = pg_prepare(s, which, err);
    if (rc)
        return rc;
    jk_snprintf(name, sizeof(name), "jk%d", which);
    if (!s->base.in_tx) {
        res = PQexecPrepared(s->conn, name, p->n, p->v, NULL, NULL, 0);
        rc = insert_result(s, which, res, err, what);
        PQclear(res);
        if (rc == JK_OK)
            pg_wrote(s);
        return rc;
    }
    if (!PQenterPipelineMode(s->conn) ||
        !PQsendQueryParams(s->conn, "SAVEPOINT jk_row", 0, NULL, NULL, NULL,
                           NULL, 0) ||
        !PQsendQueryPrepared(s->conn, name, p->n, p->v, NULL, NULL, 0) ||
        !PQsendQueryParams(s->conn, "RELEASE SAVEPOINT jk_row", 0, NULL, NULL,
                           NULL, NULL, 0) ||
        !PQpipelineSync(s->conn)) {
        rc = pg_fail(s, NULL, err, what);
        PQexitPipelineMode(s->conn);
        return rc;
    }
    /* Three queries, each a result then NULL, then the sync. */
    rc = JK_OK;
    for (i = 0; i < 3; i++) {
        int got = 0;
        while ((res = PQgetResult(s->conn)) != NULL) {
            ExecStatusType st = PQresultStatus(res);
            got++;
            if (i == 1 && rc == JK_OK && !failed) {
                rc = insert_result(s, which, res, err, what);
                failed = st != PGRES_COMMAND_OK;
            } else if (st != PGRES_COMMAND_OK && st != PGRES_PIPELINE_ABORTED &&
                       rc == JK_OK) {
                rc = pg_fail(s, res, err, what);
                failed = true;
            }
            PQclear(res);
        }
        if (!got && rc == JK_OK) {
            rc = pg_fail(s, NULL, err, what);
            failed = true;
        }
        if (s->lost)
            break;
    }
    if (!s->lost) {
        res = PQgetResult(s->conn); /* PGRES_PIPELINE_SYNC */
        if (PQresultStatus(res) != PGRES_PIPELINE_SYNC && rc == JK_OK)
            rc = pg_fail(s, res, err, what);
        PQclear(res);
    }
    PQexitPipelineMode(s->conn);
    if (failed && !s->lost) {
        res = PQexec(s->conn, "ROLLBACK TO SAVEPOINT jk_row; "
                              "RELEASE SAVEPOINT jk_row");
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            (void)pg_fail(s, res, NULL, what);
        PQclear(res);
    }
    if (rc == JK_OK)
        s->wrote = true;
    return rc;
}

/*
 * Flows in bulk. Inside a transaction, a flow whose material and route
 * are known to exist and whose mass is not negative cannot fail but for
 * the connection: it is added to a COPY buffer (text format), sent as
 * one `COPY flow ... FROM STDIN` every FLOW_BATCH rows or at the next
 * other call on the store (pg_ready), so the order of ids is the order
 * of the calls. Any other flow takes the savepoint path, which gives
 * the exact error. Should a batch fail anyway, the transaction is
 * aborted and the error names the batch; the commit then fails too.
 */
#define FLOW_BATCH 10000

static int pg_flush(pg_store *s, jk_err *err)
{
    PGresult *res;
    int rc = JK_OK, n = s->pending;
    s->pending = 0;
    res = PQexec(s->conn, s->copy_head);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        rc = pg_fail(s, res, err, s->copy_what);
        PQclear(res);
        jk_buf_reset(&s->copy);
        return rc;
    }
    PQclear(res);
    if (PQputCopyData(s->conn, s->copy.data, (int)s->copy.len) != 1 ||
        PQputCopyEnd(s->conn, NULL) != 1)
        rc = pg_fail(s, NULL, err, s->copy_what);
    jk_buf_reset(&s->copy);
    while ((res = PQgetResult(s->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == JK_OK) {
            rc = pg_fail(s, res, err, s->copy_what);
            if (!s->lost && err)
                jk_snprintf(err->msg + strlen(err->msg),
                            sizeof(err->msg) - strlen(err->msg),
                            " (in the last %d %s)", n, s->copy_unit);
        }
        PQclear(res);
        if (s->lost)
            break;
    }
    return rc;
}

/* One COPY text field: \N for NULL, backslash escapes, then tab or
 * newline. */
static int copy_field(jk_buf *b, const char *v, bool last)
{
    int rc = JK_OK;
    if (!v) {
        rc = jk_buf_adds(b, "\\N");
    } else {
        while (*v && rc == JK_OK) {
            size_t n = strcspn(v, "\\\t\n\r");
            rc = jk_buf_add(b, v, n);
            v += n;
            if (*v && rc == JK_OK) {
                char esc[2] = {'\\', *v == '\t'   ? 't'
                                     : *v == '\n' ? 'n'
                                     : *v == '\r' ? 'r'
                                                  : '\\'};
                rc = jk_buf_add(b, esc, 2);
                v++;
            }
        }
    }
    if (rc == JK_OK)
        rc = jk_buf_add(b, last ? "\n" : "\t", 1);
    return rc;
}

static bool ref_known(const pg_store *s, char kind, const char *code)
{
    const char *p = jk_buf_str(&s->refs);
    size_t n = strlen(code);
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (p[0] == kind && p[1] == ':' && strncmp(p + 2, code, n) == 0 &&
            p[2 + n] == '\n')
            return true;
    }
    return false;
}

static int refs_load(pg_store *s, jk_err *err)
{
    PGresult *res;
    int i, n, rc;
    res = PQexec(s->conn, "SELECT 'm:' || code FROM material UNION ALL "
                          "SELECT 'r:' || code FROM route");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        rc = pg_fail(s, res, err, "flow");
        PQclear(res);
        return rc;
    }
    jk_buf_reset(&s->refs);
    rc = jk_buf_adds(&s->refs, "\n");
    n = PQntuples(res);
    for (i = 0; i < n && rc == JK_OK; i++) {
        rc = jk_buf_adds(&s->refs, PQgetvalue(res, i, 0));
        if (rc == JK_OK)
            rc = jk_buf_adds(&s->refs, "\n");
    }
    PQclear(res);
    s->refs_loaded = rc == JK_OK;
    if (rc)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return JK_OK;
}

/* Whether a flow may take the batched path (loads the codes on a miss). */
static int flow_batchable(pg_store *s, const jk_flow *f, bool *ok, jk_err *err)
{
    int pass, rc;
    *ok = false;
    if (f->mass < 0)
        return JK_OK;
    for (pass = 0; pass < 2; pass++) {
        if (s->refs_loaded && ref_known(s, 'm', f->material) &&
            (!f->route || !*f->route || ref_known(s, 'r', f->route))) {
            *ok = true;
            return JK_OK;
        }
        if (pass == 1)
            break;
        if (s->pending && (rc = pg_flush(s, err)) != JK_OK)
            return rc;
        if ((rc = refs_load(s, err)) != JK_OK)
            return rc;
    }
    return JK_OK;
}

/* Add a row to the COPY buffer of head (flushing rows of another
 * table first). */
static int pg_copy_row(pg_store *s, const char *head, const char *what,
                       const char *unit, const pg_params *p, jk_err *err)
{
    size_t len;
    int i, rc = JK_OK;
    if (s->lost)
        return pg_ready(s, err);
    if (s->pending && s->copy_head != head && (rc = pg_flush(s, err)))
        return rc;
    s->copy_head = head;
    s->copy_what = what;
    s->copy_unit = unit;
    len = s->copy.len;
    for (i = 0; i < p->n && rc == JK_OK; i++)
        rc = copy_field(&s->copy, p->v[i], i == p->n - 1);
    if (rc) {
        s->copy.len = len; /* the row is not half added */
        if (s->copy.data)
            s->copy.data[len] = '\0';
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    s->pending++;
    s->wrote = true;
    if (s->pending >= FLOW_BATCH)
        return pg_flush(s, err);
    return JK_OK;
}

static const char flow_copy[] = "COPY flow (src, dst, material, grams, period, "
                                "route, label, source, owner) FROM STDIN";

static int pg_send_flow(pg_store *s, const pg_params *p, jk_err *err)
{
    return pg_copy_row(s, flow_copy, "flow", "flows", p, err);
}

/* Run a query with text parameters; *out holds the rows. */
static int pg_query(pg_store *s, const char *sql, const pg_params *p,
                    PGresult **out, jk_err *err, const char *what)
{
    PGresult *res;
    int rc = pg_ready(s, err);
    *out = NULL;
    if (rc)
        return rc;
    res = PQexecParams(s->conn, sql, p ? p->n : 0, NULL, p ? p->v : NULL, NULL,
                       NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK &&
        PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = pg_fail(s, res, err, what);
        PQclear(res);
        return rc;
    }
    *out = res;
    return JK_OK;
}

static const char *col_text(const PGresult *r, int row, int col)
{
    return PQgetvalue(r, row, col); /* "" for NULL */
}

static int64_t col_i64(const PGresult *r, int row, int col)
{
    return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

/* A query of one int64 value (a count, a version) into *v. */
static int pg_scalar(pg_store *s, const char *sql, const pg_params *p,
                     int64_t *v, jk_err *err, const char *what)
{
    PGresult *res;
    int rc = pg_query(s, sql, p, &res, err, what);
    if (rc)
        return rc;
    *v = col_i64(res, 0, 0);
    PQclear(res);
    return JK_OK;
}

static double col_double(const PGresult *r, int row, int col)
{
    return strtod(PQgetvalue(r, row, col), NULL);
}

/* ---- migrations ---- */

/*
 * The migrations are written for both engines; two SQLite-isms are
 * rewritten here, outside quoted strings, case-sensitively:
 *   INTEGER PRIMARY KEY -> BIGINT GENERATED BY DEFAULT AS IDENTITY
 *                          PRIMARY KEY  (SQLite's auto-increment rowid)
 *   REAL                -> DOUBLE PRECISION  (SQLite's REAL is 8 bytes,
 *                          PostgreSQL's 4: coordinates would lose digits)
 */
static bool word_at(const char *p, const char *start, const char *w)
{
    size_t n = strlen(w);
    char before = p > start ? p[-1] : ' ';
    if (strncmp(p, w, n) != 0)
        return false;
    if (before == '_' || (before >= 'A' && before <= 'Z') ||
        (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'))
        return false;
    return !(p[n] == '_' || (p[n] >= 'A' && p[n] <= 'Z') ||
             (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9'));
}

int jk_pg_rewrite(const char *sql, jk_buf *out)
{
    const char *p = sql;
    bool quoted = false;
    int rc = JK_OK;
    while (*p && rc == JK_OK) {
        if (*p == '\'') {
            quoted = !quoted;
        } else if (!quoted && word_at(p, sql, "INTEGER PRIMARY KEY")) {
            rc = jk_buf_adds(out, "BIGINT GENERATED BY DEFAULT AS IDENTITY "
                                  "PRIMARY KEY");
            p += strlen("INTEGER PRIMARY KEY");
            continue;
        } else if (!quoted && word_at(p, sql, "REAL")) {
            rc = jk_buf_adds(out, "DOUBLE PRECISION");
            p += 4;
            continue;
        }
        rc = jk_buf_add(out, p, 1);
        p++;
    }
    return rc;
}

static int pg_schema_version(jk_store *base, int *version, jk_err *err)
{
    int64_t v = 0;
    int rc = pg_scalar((pg_store *)base,
                       "SELECT coalesce(max(version), 0) FROM "
                       "schema_migrations",
                       NULL, &v, err, "schema version");
    *version = (int)v;
    return rc;
}

/* Whether schema_migrations exists. */
static int pg_has_schema(pg_store *s, bool *has, jk_err *err)
{
    PGresult *res;
    int rc = pg_query(s, "SELECT to_regclass('schema_migrations') IS NOT NULL",
                      NULL, &res, err, "schema");
    if (rc)
        return rc;
    *has = strcmp(col_text(res, 0, 0), "t") == 0;
    PQclear(res);
    return JK_OK;
}

/* A number every junkan takes its migration lock under. */
#define PG_MIGRATION_LOCK "7491524103"

static int pg_migrate(pg_store *s, jk_err *err)
{
    int have = 0, rc;
    size_t i;
    char sql[512];

    /* Two processes opening a new database at once: the advisory lock
     * serialises them, and each re-reads the version under it. */
    rc = pg_exec(s,
                 "BEGIN; SELECT pg_advisory_xact_lock(" PG_MIGRATION_LOCK ");"
                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL); "
                 "CREATE SEQUENCE IF NOT EXISTS jk_data_version; COMMIT",
                 err, "migrate");
    if (rc) {
        pg_exec(s, "ROLLBACK", NULL, "migrate");
        return rc;
    }
    for (i = 0; i < jk_n_migrations; i++) {
        const jk_migration *m = &jk_migrations[i];
        jk_buf b;
        rc = pg_exec(
            s, "BEGIN; SELECT pg_advisory_xact_lock(" PG_MIGRATION_LOCK ")",
            err, "migrate");
        if (rc == JK_OK)
            rc = pg_schema_version(&s->base, &have, err);
        if (rc == JK_OK && have > jk_store_schema_latest())
            rc = jk_err_set(err, JK_ESCHEMA, NULL,
                            "the store has schema version %d; this junkan "
                            "knows up to %d: upgrade junkan",
                            have, jk_store_schema_latest());
        if (rc == JK_OK && m->version > have) {
            size_t k;
            jk_buf_init(&b, 1 << 20);
            rc = jk_pg_rewrite(m->sql, &b);
            for (k = 0; k < jk_n_migrations_pg && rc == JK_OK; k++)
                if (jk_migrations_pg[k].version == m->version)
                    rc = jk_pg_rewrite(jk_migrations_pg[k].sql, &b);
            if (rc)
                rc = jk_err_set(err, rc, NULL, "out of memory");
            else
                rc = pg_exec(s, jk_buf_str(&b), err, "migrate");
            jk_buf_free(&b);
            if (rc == JK_OK) {
                jk_snprintf(sql, sizeof(sql),
                            "INSERT INTO schema_migrations VALUES (%d, '%s', "
                            "to_char(now() AT TIME ZONE 'UTC', "
                            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                            m->version, m->name);
                rc = pg_exec(s, sql, err, "migrate");
            }
        }
        if (rc == JK_OK)
            rc = pg_exec(s, "COMMIT", err, "migrate");
        if (rc) {
            if (!s->lost)
                pg_exec(s, "ROLLBACK", NULL, "migrate");
            return rc;
        }
    }
    return JK_OK;
}

/* ---- open, close ---- */

static void pg_close(jk_store *base)
{
    pg_store *s = (pg_store *)base;
    if (!s)
        return;
    if (s->conn)
        PQfinish(s->conn);
    jk_buf_free(&s->refs);
    jk_buf_free(&s->copy);
    jk_free(s);
}

/* The URI for messages: the password, if any, replaced by "***". */
static void redact(char *dst, size_t cap, const char *uri)
{
    const char *scheme = strstr(uri, "://");
    const char *at, *colon;
    jk_strlcpy(dst, uri, cap);
    if (!scheme)
        return;
    scheme += 3;
    at = strchr(scheme, '@');
    colon = strchr(scheme, ':');
    if (at && colon && colon < at) {
        size_t keep = (size_t)(colon - uri) + 1;
        if (keep < cap)
            jk_snprintf(dst + keep, cap - keep, "***%s", at);
    }
}

static int pg_open(const char *uri, const jk_store_opts *o, jk_store **out,
                   jk_err *err)
{
    pg_store *s;
    char msg[JK_ERR_MSG];
    bool has = false;
    int rc;

    s = jk_calloc(1, sizeof(*s));
    if (!s)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    s->base.m = &jk_postgres_methods;
    jk_buf_init(&s->refs, 1u << 24);
    jk_buf_init(&s->copy, (size_t)1 << 30);
    redact(s->where, sizeof(s->where), uri);
    s->conn = PQconnectdb(uri);
    if (!s->conn) {
        pg_close(&s->base);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        first_line(msg, sizeof(msg), PQerrorMessage(s->conn));
        rc = jk_err_set(err, JK_ESTORE, s->where,
                        "cannot connect to PostgreSQL: %s", msg);
        pg_close(&s->base);
        return rc;
    }
    PQsetNoticeProcessor(s->conn, quiet_notices, NULL);
    s->busy_ms = o->busy_ms;
    rc = pg_session(s, err); /* read-only comes after the checks below */
    if (rc == JK_OK)
        rc = pg_has_schema(s, &has, err);
    if (rc == JK_OK && !has && (!o->create || o->readonly))
        rc = jk_err_set(err, JK_ENOTFOUND, s->where,
                        "no junkan store in this database; create it with "
                        "`junkan init`");
    if (rc == JK_OK && o->readonly) {
        int have = 0;
        rc = pg_schema_version(&s->base, &have, err);
        if (rc == JK_OK && have > jk_store_schema_latest())
            rc = jk_err_set(err, JK_ESCHEMA, NULL,
                            "the store has schema version %d; this junkan "
                            "knows up to %d: upgrade junkan",
                            have, jk_store_schema_latest());
        else if (rc == JK_OK && have < jk_store_schema_latest())
            rc = jk_err_set(err, JK_ESCHEMA, NULL,
                            "the store needs migration %d; open it "
                            "read-write once",
                            have + 1);
        if (rc == JK_OK) {
            s->readonly = true;
            rc = pg_exec(s, "SET default_transaction_read_only = on", err,
                         "open");
        }
    } else if (rc == JK_OK) {
        rc = pg_migrate(s, err);
    }
    if (rc) {
        if (err && !err->where[0])
            jk_strlcpy(err->where, s->where, sizeof(err->where));
        pg_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return JK_OK;
}

/* ---- transactions ---- */

static int pg_begin(jk_store *base, jk_err *err)
{
    pg_store *s = (pg_store *)base;
    int rc = pg_ready(s, err);
    if (rc)
        return rc;
    s->wrote = false;
    return pg_exec(s, "BEGIN", err, "begin");
}

static int pg_begin_level(jk_store *base, int level, jk_err *err)
{
    pg_store *s = (pg_store *)base;
    int rc = pg_ready(s, err);
    if (rc)
        return rc;
    s->wrote = false;
    return pg_exec(s,
                   level == JK_TX_SERIALIZABLE
                       ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                       : "BEGIN",
                   err, "begin");
}

static int pg_commit(jk_store *base, jk_err *err)
{
    pg_store *s = (pg_store *)base;
    PGresult *res;
    int rc = pg_ready(s, err);
    if (rc)
        return rc;
    res = PQexec(s->conn, "COMMIT");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_fail(s, res, err, "commit");
    else if (strcmp(PQcmdStatus(res), "COMMIT") != 0)
        /* An aborted transaction "commits" as ROLLBACK. */
        rc = jk_err_set(err, JK_ESTORE, NULL,
                        "commit: the transaction had failed and was rolled "
                        "back");
    PQclear(res);
    if (rc && !s->lost) {
        /* COMMIT ends the transaction either way. */
        s->base.in_tx = false;
    }
    if (rc == JK_OK && s->wrote)
        pg_bump(s);
    s->wrote = false;
    return rc;
}

static void pg_rollback(jk_store *base)
{
    pg_store *s = (pg_store *)base;
    /* Flows not sent yet are dropped with the transaction. */
    s->pending = 0;
    jk_buf_reset(&s->copy);
    /* Codes inserted by the transaction are gone with it. */
    s->refs_loaded = false;
    s->wrote = false;
    if (s->lost || PQstatus(s->conn) != CONNECTION_OK) {
        s->lost = true; /* the server dropped the transaction */
        return;
    }
    pg_exec(s, "ROLLBACK", NULL, "rollback");
}

/* ---- inserts ---- */

static int pg_put_material(jk_store *base, const jk_material *m, jk_err *err)
{
    pg_params p;
    char parent[JK_ID_MAX + 1];
    p.n = 0;
    jk_material_parent(m->code, parent, sizeof(parent));
    par_text(&p, m->code, false);
    par_text(&p, parent, true);
    par_text(&p, m->name_ja, false);
    par_text(&p, m->name_en, false);
    par_text(&p, m->hs, false);
    par_text(&p, m->ewc, false);
    return pg_insert((pg_store *)base, ST_MATERIAL, &p, err, "material");
}

static int pg_put_region(jk_store *base, const jk_region *r, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, r->code, false);
    par_text(&p, r->kind, false);
    par_text(&p, r->parent, true);
    par_text(&p, r->lg_code, false);
    par_text(&p, r->iso_alpha3, false);
    par_text(&p, r->iso_numeric, false);
    par_text(&p, r->name_ja, false);
    par_text(&p, r->name_en, false);
    par_double(&p, r->has_coord, r->lat);
    par_double(&p, r->has_coord, r->lon);
    return pg_insert((pg_store *)base, ST_REGION, &p, err, "region");
}

static int pg_put_route(jk_store *base, const jk_route *r, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, r->code, false);
    par_text(&p, r->name_ja, false);
    par_text(&p, r->name_en, false);
    par_text(&p, r->kind, false);
    return pg_insert((pg_store *)base, ST_ROUTE, &p, err, "route");
}

static int pg_put_org(jk_store *base, const jk_org *o, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, o->id, false);
    par_text(&p, o->name, false);
    par_text(&p, o->name_en, false);
    par_text(&p, jk_org_kind_name(o->kind), false);
    par_text(&p, o->corporate_number, false);
    par_text(&p, o->lg_code, false);
    par_text(&p, o->region, true);
    return pg_insert((pg_store *)base, ST_ORG, &p, err, "organisation");
}

static int pg_put_site(jk_store *base, const jk_site *site, jk_err *err)
{
    pg_params p;
    size_t i;
    int rc;
    p.n = 0;
    par_text(&p, site->id, false);
    par_text(&p, site->org, false);
    par_text(&p, site->name, false);
    par_text(&p, site->name_en, false);
    par_text(&p, jk_site_kind_name(site->kind), false);
    par_double(&p, site->has_coord, site->lat);
    par_double(&p, site->has_coord, site->lon);
    par_text(&p, site->region, true);
    rc = pg_insert((pg_store *)base, ST_SITE, &p, err, "site");
    for (i = 0; rc == JK_OK && i < site->n_capacities; i++) {
        p.n = 0;
        par_text(&p, site->id, false);
        par_text(&p, site->capacities[i].material, false);
        par_i64(&p, site->capacities[i].per_year);
        rc = pg_insert((pg_store *)base, ST_CAPACITY, &p, err, "site capacity");
    }
    return rc;
}

static int pg_put_process(jk_store *base, const char *id, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, id, false);
    return pg_insert((pg_store *)base, ST_PROCESS, &p, err, "process");
}

static int pg_put_flow(jk_store *base, const jk_flow *f, jk_err *err)
{
    pg_store *s = (pg_store *)base;
    pg_params p;
    if (memcmp(&f->period, &s->period, sizeof(jk_period)) != 0) {
        jk_period_format(&f->period, s->period_text, sizeof(s->period_text));
        s->period = f->period;
    }
    p.n = 0;
    par_text(&p, f->from, false);
    par_text(&p, f->to, false);
    par_text(&p, f->material, false);
    par_i64(&p, f->mass);
    par_text(&p, s->period_text, false);
    par_text(&p, f->route, true);
    par_text(&p, f->label, false);
    par_text(&p, f->source, false);
    par_text(&p, s->base.tenant, false);
    if (s->base.in_tx && !s->lost) {
        bool batch;
        int rc = flow_batchable(s, f, &batch, err);
        if (rc)
            return rc;
        if (batch)
            return pg_send_flow(s, &p, err);
    }
    return pg_insert(s, ST_FLOW, &p, err, "flow");
}

static int pg_log_import(jk_store *base, const char *file, const char *kind,
                         int64_t rows, jk_err *err)
{
    pg_params p;
    char at[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    p.n = 0;
    par_text(&p, file, false);
    par_text(&p, kind, false);
    par_i64(&p, rows);
    par_text(&p, at, false);
    par_text(&p, base->tenant, false);
    return pg_insert((pg_store *)base, ST_IMPORT, &p, err, "import log");
}

/* ---- queries ---- */

static const char *const count_sql[JK_ENT_COUNT] = {
    "SELECT count(*) FROM material", "SELECT count(*) FROM region",
    "SELECT count(*) FROM route",    "SELECT count(*) FROM organisation",
    "SELECT count(*) FROM site",     "SELECT count(*) FROM process",
    "SELECT count(*) FROM flow",
};

static int pg_count(jk_store *base, jk_entity e, int64_t *n, jk_err *err)
{
    return pg_scalar((pg_store *)base, count_sql[e], NULL, n, err, "count");
}

static int pg_count_owned(jk_store *base, const char *owner, int64_t *n,
                          jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, owner, false);
    return pg_scalar((pg_store *)base,
                     "SELECT count(*) FROM flow WHERE owner = $1", &p, n, err,
                     "count");
}

/*
 * Run a query and hand each row to fill(), which calls the user's
 * callback. A non-zero callback result stops and is returned. The rows
 * are all fetched first, so callbacks may use the store.
 */
typedef void (*any_fn)(void); /* any callback; cast back before the call */
typedef int (*row_fn)(pg_store *s, const PGresult *r, int row, any_fn cb,
                      void *ctx);

static int pg_each(pg_store *s, const char *sql, const pg_params *p,
                   row_fn fill, any_fn cb, void *ctx, jk_err *err)
{
    PGresult *res;
    int rc = pg_query(s, sql, p, &res, err, "query");
    int i, n, out = JK_OK;
    if (rc)
        return rc;
    n = PQntuples(res);
    for (i = 0; i < n && !out; i++)
        out = fill(s, res, i, cb, ctx);
    PQclear(res);
    return out;
}

/*
 * The same for tables that grow without bound (flows, ledger entries):
 * the rows come through a cursor, FETCH_ROWS at a time, so memory stays
 * flat. WITH HOLD lets the cursor outlive a transaction (outside one,
 * the server keeps the result); a callback may use the store between
 * fetches. Cursors are numbered, so iterations may nest.
 */
#define FETCH_ROWS 10000

static int pg_each_cursor(pg_store *s, const char *sql, const pg_params *p,
                          row_fn fill, any_fn cb, void *ctx, jk_err *err)
{
    char decl[1024], fetch[64], name[24];
    PGresult *res;
    int i, n, rc, out = JK_OK;

    jk_snprintf(name, sizeof(name), "jk_cur%d", s->cursors);
    if ((size_t)jk_snprintf(decl, sizeof(decl),
                            "DECLARE %s NO SCROLL CURSOR WITH HOLD FOR %s",
                            name, sql) >= sizeof(decl))
        return pg_each(s, sql, p, fill, cb, ctx, err);
    rc = pg_query(s, decl, p, &res, err, "query");
    if (rc)
        return rc;
    PQclear(res);
    s->cursors++;
    jk_snprintf(fetch, sizeof(fetch), "FETCH %d FROM %s", FETCH_ROWS, name);
    do {
        rc = pg_query(s, fetch, NULL, &res, err, "query");
        if (rc) {
            out = rc;
            break;
        }
        n = PQntuples(res);
        for (i = 0; i < n && !out; i++)
            out = fill(s, res, i, cb, ctx);
        PQclear(res);
    } while (!out && n == FETCH_ROWS);
    s->cursors--;
    if (!s->lost) {
        jk_snprintf(fetch, sizeof(fetch), "CLOSE %s", name);
        res = PQexec(s->conn, fetch);
        PQclear(res);
    }
    return out;
}

static int fill_material(pg_store *s, const PGresult *r, int i, any_fn cb,
                         void *ctx)
{
    jk_material m;
    (void)s;
    m.code = col_text(r, i, 0);
    m.name_ja = col_text(r, i, 1);
    m.name_en = col_text(r, i, 2);
    m.hs = col_text(r, i, 3);
    m.ewc = col_text(r, i, 4);
    return ((jk_material_cb)cb)(ctx, &m);
}

static int pg_each_material(jk_store *base, jk_material_cb cb, void *ctx,
                            jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT code, name_ja, name_en, hs, ewc FROM material "
                   "ORDER BY code COLLATE \"C\"",
                   NULL, fill_material, (any_fn)cb, ctx, err);
}

static int fill_region(pg_store *s, const PGresult *r, int i, any_fn cb,
                       void *ctx)
{
    jk_region g;
    (void)s;
    g.code = col_text(r, i, 0);
    g.kind = col_text(r, i, 1);
    g.parent = col_text(r, i, 2);
    g.lg_code = col_text(r, i, 3);
    g.iso_alpha3 = col_text(r, i, 4);
    g.iso_numeric = col_text(r, i, 5);
    g.name_ja = col_text(r, i, 6);
    g.name_en = col_text(r, i, 7);
    g.has_coord = !PQgetisnull(r, i, 8);
    g.lat = g.has_coord ? col_double(r, i, 8) : 0;
    g.lon = g.has_coord ? col_double(r, i, 9) : 0;
    return ((jk_region_cb)cb)(ctx, &g);
}

static int pg_each_region(jk_store *base, jk_region_cb cb, void *ctx,
                          jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT code, kind, parent, lg_code, iso_alpha3, "
                   "iso_numeric, name_ja, name_en, lat, lon FROM region "
                   "ORDER BY kind COLLATE \"C\", code COLLATE \"C\"",
                   NULL, fill_region, (any_fn)cb, ctx, err);
}

static int fill_route(pg_store *s, const PGresult *r, int i, any_fn cb,
                      void *ctx)
{
    jk_route t;
    (void)s;
    t.code = col_text(r, i, 0);
    t.name_ja = col_text(r, i, 1);
    t.name_en = col_text(r, i, 2);
    t.kind = col_text(r, i, 3);
    return ((jk_route_cb)cb)(ctx, &t);
}

static int pg_each_route(jk_store *base, jk_route_cb cb, void *ctx, jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT code, name_ja, name_en, kind FROM route "
                   "ORDER BY code COLLATE \"C\"",
                   NULL, fill_route, (any_fn)cb, ctx, err);
}

static int fill_org(pg_store *s, const PGresult *r, int i, any_fn cb, void *ctx)
{
    jk_org o;
    (void)s;
    o.id = col_text(r, i, 0);
    o.name = col_text(r, i, 1);
    o.name_en = col_text(r, i, 2);
    if (jk_org_kind_parse(col_text(r, i, 3), &o.kind) != JK_OK)
        o.kind = 0;
    o.corporate_number = col_text(r, i, 4);
    o.lg_code = col_text(r, i, 5);
    o.region = col_text(r, i, 6);
    return ((jk_org_cb)cb)(ctx, &o);
}

static int pg_each_org(jk_store *base, jk_org_cb cb, void *ctx, jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT id, name, name_en, kind, corporate_number, "
                   "lg_code, region FROM organisation ORDER BY id COLLATE "
                   "\"C\"",
                   NULL, fill_org, (any_fn)cb, ctx, err);
}

/* Sites carry their capacities, read with a second statement. */
static int fill_site(pg_store *s, const PGresult *r, int i, any_fn cb,
                     void *ctx)
{
    jk_site site;
    jk_capacity caps[JK_SITE_MAX_CAPS];
    char names[JK_SITE_MAX_CAPS][JK_ID_MAX + 1];
    pg_params p;
    PGresult *cq;
    jk_err e;
    char name[16];
    int n = 0, k, rc;

    site.id = col_text(r, i, 0);
    site.org = col_text(r, i, 1);
    site.name = col_text(r, i, 2);
    site.name_en = col_text(r, i, 3);
    if (jk_site_kind_parse(col_text(r, i, 4), &site.kind) != JK_OK)
        site.kind = 0;
    site.has_coord = !PQgetisnull(r, i, 5);
    site.lat = site.has_coord ? col_double(r, i, 5) : 0;
    site.lon = site.has_coord ? col_double(r, i, 6) : 0;
    site.region = col_text(r, i, 7);
    rc = pg_ready(s, &e);
    if (rc == JK_OK)
        rc = pg_prepare(s, ST_SITE_CAPS, &e);
    if (rc)
        return rc;
    p.n = 0;
    par_text(&p, site.id, false);
    jk_snprintf(name, sizeof(name), "jk%d", ST_SITE_CAPS);
    cq = PQexecPrepared(s->conn, name, p.n, p.v, NULL, NULL, 0);
    if (PQresultStatus(cq) != PGRES_TUPLES_OK) {
        rc = pg_fail(s, cq, NULL, "site capacity");
        PQclear(cq);
        return rc;
    }
    for (k = 0; k < PQntuples(cq) && n < JK_SITE_MAX_CAPS; k++, n++) {
        jk_strlcpy(names[n], col_text(cq, k, 0), sizeof(names[n]));
        caps[n].material = names[n];
        caps[n].per_year = col_i64(cq, k, 1);
    }
    PQclear(cq);
    site.capacities = caps;
    site.n_capacities = (size_t)n;
    return ((jk_site_cb)cb)(ctx, &site);
}

static int pg_each_site(jk_store *base, jk_site_cb cb, void *ctx, jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT id, org, name, name_en, kind, lat, lon, region "
                   "FROM site ORDER BY id COLLATE \"C\"",
                   NULL, fill_site, (any_fn)cb, ctx, err);
}

static int fill_flow(pg_store *s, const PGresult *r, int i, any_fn cb,
                     void *ctx)
{
    jk_flow f;
    jk_err e;
    (void)s;
    f.from = col_text(r, i, 0);
    f.to = col_text(r, i, 1);
    f.material = col_text(r, i, 2);
    f.mass = col_i64(r, i, 3);
    if (jk_period_parse(col_text(r, i, 4), &f.period, &e) != JK_OK)
        return JK_ESTORE;
    f.route = col_text(r, i, 5);
    f.label = col_text(r, i, 6);
    f.source = col_text(r, i, 7);
    return ((jk_flow_cb)cb)(ctx, &f);
}

static int pg_each_flow(jk_store *base, jk_flow_cb cb, void *ctx, jk_err *err)
{
    return pg_each_cursor((pg_store *)base,
                          "SELECT src, dst, material, grams, period, route, "
                          "label, source FROM flow ORDER BY id",
                          NULL, fill_flow, (any_fn)cb, ctx, err);
}

static int fill_id(pg_store *s, const PGresult *r, int i, any_fn cb, void *ctx)
{
    (void)s;
    return ((jk_id_cb)cb)(ctx, col_text(r, i, 0));
}

static int pg_each_id(jk_store *base, jk_entity e, jk_id_cb cb, void *ctx,
                      jk_err *err)
{
    static const char *const sql[JK_ENT_COUNT] = {
        "SELECT code FROM material ORDER BY code COLLATE \"C\"",
        "SELECT code FROM region ORDER BY code COLLATE \"C\"",
        "SELECT code FROM route ORDER BY code COLLATE \"C\"",
        "SELECT id FROM organisation ORDER BY id COLLATE \"C\"",
        "SELECT id FROM site ORDER BY id COLLATE \"C\"",
        "SELECT id FROM process ORDER BY id COLLATE \"C\"",
        NULL,
    };
    return pg_each((pg_store *)base, sql[e], NULL, fill_id, (any_fn)cb, ctx,
                   err);
}

static int fill_total(pg_store *s, const PGresult *r, int i, any_fn cb,
                      void *ctx)
{
    jk_flow_total t;
    (void)s;
    t.material = col_text(r, i, 0);
    t.route = col_text(r, i, 1);
    t.period = col_text(r, i, 2);
    t.flows = col_i64(r, i, 3);
    t.mass = col_i64(r, i, 4);
    return ((jk_flow_total_cb)cb)(ctx, &t);
}

static int pg_flow_totals(jk_store *base, jk_flow_total_cb cb, void *ctx,
                          jk_err *err)
{
    /* sum(bigint) is numeric; the cast back raises "bigint out of range"
     * rather than wrapping, as SQLite's sum() does for exact grams. SQLite
     * sorts NULL (no route) first. */
    return pg_each((pg_store *)base,
                   "SELECT material, coalesce(route, ''), period, count(*), "
                   "sum(grams)::bigint FROM flow "
                   "GROUP BY material, route, period "
                   "ORDER BY material COLLATE \"C\", route COLLATE \"C\" "
                   "NULLS FIRST, period COLLATE \"C\"",
                   NULL, fill_total, (any_fn)cb, ctx, err);
}

static int fill_kind(pg_store *s, const PGresult *r, int i, any_fn cb,
                     void *ctx)
{
    (void)s;
    return ((jk_kind_count_cb)cb)(ctx, col_text(r, i, 0), col_i64(r, i, 1));
}

static int pg_count_by_kind(jk_store *base, jk_entity e, jk_kind_count_cb cb,
                            void *ctx, jk_err *err)
{
    const char *sql =
        e == JK_ENT_ORG
            ? "SELECT kind, count(*) FROM organisation GROUP BY kind "
              "ORDER BY kind COLLATE \"C\""
        : e == JK_ENT_SITE
            ? "SELECT kind, count(*) FROM site GROUP BY kind ORDER BY kind "
              "COLLATE \"C\""
        : e == JK_ENT_ROUTE
            ? "SELECT kind, count(*) FROM route GROUP BY kind ORDER BY kind "
              "COLLATE \"C\""
            : "SELECT kind, count(*) FROM region GROUP BY kind ORDER BY kind "
              "COLLATE \"C\"";
    return pg_each((pg_store *)base, sql, NULL, fill_kind, (any_fn)cb, ctx,
                   err);
}

/* ---- ledger ---- */

static int pg_ledger_put(jk_store *base, int64_t seq, const char *body,
                         const char *sig, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_i64(&p, seq);
    par_text(&p, body, false);
    par_text(&p, sig, false);
    return pg_insert((pg_store *)base, ST_LEDGER_PUT, &p, err, "ledger entry");
}

static int pg_ledger_count(jk_store *base, int64_t *n, jk_err *err)
{
    return pg_scalar((pg_store *)base, "SELECT count(*) FROM ledger_entry",
                     NULL, n, err, "count");
}

static int fill_ledger(pg_store *s, const PGresult *r, int i, any_fn cb,
                       void *ctx)
{
    (void)s;
    return ((jk_ledger_row_cb)cb)(ctx, col_i64(r, i, 0), col_text(r, i, 1),
                                  PQgetisnull(r, i, 2) ? NULL
                                                       : col_text(r, i, 2));
}

static int pg_ledger_each(jk_store *base, int64_t from, jk_ledger_row_cb cb,
                          void *ctx, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_i64(&p, from);
    return pg_each_cursor((pg_store *)base,
                          "SELECT seq, body, sig FROM ledger_entry "
                          "WHERE ledger = '' AND seq >= $1 ORDER BY seq",
                          &p, fill_ledger, (any_fn)cb, ctx, err);
}

static int pg_ledger_put_checkpoint(jk_store *base, int64_t tree_size,
                                    const char *note, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_i64(&p, tree_size);
    par_text(&p, note, false);
    return pg_insert((pg_store *)base, ST_LEDGER_CP, &p, err,
                     "ledger checkpoint");
}

static int pg_ledger_each_checkpoint(jk_store *base, jk_ledger_row_cb cb,
                                     void *ctx, jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT tree_size, note, NULL FROM ledger_checkpoint "
                   "WHERE ledger = '' ORDER BY tree_size",
                   NULL, fill_ledger, (any_fn)cb, ctx, err);
}

/* ---- market ---- */

static int pg_put_listing(jk_store *base, const jk_store_listing *l,
                          jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, l->id, false);
    par_text(&p, l->side, false);
    par_text(&p, l->org, false);
    par_text(&p, l->material, false);
    par_text(&p, l->grade, false);
    par_text(&p, l->properties, false);
    par_i64(&p, l->grams);
    par_text(&p, l->recurrence, false);
    par_i64(&p, l->min_lot);
    par_text(&p, l->site, false);
    par_double(&p, true, l->lat);
    par_double(&p, true, l->lon);
    par_text(&p, l->prefecture, false);
    par_double(&p, true, l->price);
    par_text(&p, l->valid_from, false);
    par_text(&p, l->valid_to, false);
    par_text(&p, l->visibility, false);
    par_text(&p, l->evidence, false);
    par_text(&p, l->status, false);
    par_text(&p, l->ewc, false);
    par_text(&p, l->jw, false);
    par_text(&p, l->hs, false);
    par_text(&p, l->fate, false);
    par_text(&p, l->mode, false);
    return pg_insert((pg_store *)base, ST_LISTING, &p, err, "market listing");
}

static int pg_put_decision(jk_store *base, const jk_store_decision *d,
                           jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, d->supply, false);
    par_text(&p, d->demand, false);
    par_text(&p, d->decision, false);
    par_i64(&p, d->grams);
    par_text(&p, d->note, false);
    par_text(&p, d->at, false);
    return pg_insert((pg_store *)base, ST_DECISION, &p, err, "market decision");
}

static int pg_put_delivery(jk_store *base, const jk_store_delivery *d,
                           jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, d->supply, false);
    par_text(&p, d->demand, false);
    par_text(&p, d->period, false);
    par_i64(&p, d->grams);
    par_text(&p, d->ref, false);
    return pg_insert((pg_store *)base, ST_DELIVERY, &p, err, "market delivery");
}

static int fill_listing(pg_store *s, const PGresult *r, int i, any_fn cb,
                        void *ctx)
{
    jk_store_listing l;
    (void)s;
    l.id = col_text(r, i, 0);
    l.side = col_text(r, i, 1);
    l.org = col_text(r, i, 2);
    l.material = col_text(r, i, 3);
    l.grade = col_text(r, i, 4);
    l.properties = col_text(r, i, 5);
    l.grams = col_i64(r, i, 6);
    l.recurrence = col_text(r, i, 7);
    l.min_lot = col_i64(r, i, 8);
    l.site = col_text(r, i, 9);
    l.lat = col_double(r, i, 10);
    l.lon = col_double(r, i, 11);
    l.prefecture = col_text(r, i, 12);
    l.price = col_double(r, i, 13);
    l.valid_from = col_text(r, i, 14);
    l.valid_to = col_text(r, i, 15);
    l.visibility = col_text(r, i, 16);
    l.evidence = col_text(r, i, 17);
    l.status = col_text(r, i, 18);
    l.ewc = col_text(r, i, 19);
    l.jw = col_text(r, i, 20);
    l.hs = col_text(r, i, 21);
    l.fate = col_text(r, i, 22);
    l.mode = col_text(r, i, 23);
    return ((jk_listing_cb)cb)(ctx, &l);
}

static int pg_each_listing(jk_store *base, jk_listing_cb cb, void *ctx,
                           jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT id, side, org, material, grade, properties, grams, "
                   "recurrence, min_lot, site, lat, lon, prefecture, price, "
                   "valid_from, valid_to, visibility, evidence, status, ewc, "
                   "jw, hs, fate, mode FROM market_listing "
                   "ORDER BY id COLLATE \"C\"",
                   NULL, fill_listing, (any_fn)cb, ctx, err);
}

static int fill_decision(pg_store *s, const PGresult *r, int i, any_fn cb,
                         void *ctx)
{
    jk_store_decision d;
    (void)s;
    d.supply = col_text(r, i, 0);
    d.demand = col_text(r, i, 1);
    d.decision = col_text(r, i, 2);
    d.grams = col_i64(r, i, 3);
    d.note = col_text(r, i, 4);
    d.at = col_text(r, i, 5);
    return ((jk_decision_cb)cb)(ctx, &d);
}

static int pg_each_decision(jk_store *base, jk_decision_cb cb, void *ctx,
                            jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT supply, demand, decision, grams, note, at FROM "
                   "market_decision ORDER BY supply COLLATE \"C\", "
                   "demand COLLATE \"C\"",
                   NULL, fill_decision, (any_fn)cb, ctx, err);
}

static int fill_delivery(pg_store *s, const PGresult *r, int i, any_fn cb,
                         void *ctx)
{
    jk_store_delivery d;
    (void)s;
    d.supply = col_text(r, i, 0);
    d.demand = col_text(r, i, 1);
    d.period = col_text(r, i, 2);
    d.grams = col_i64(r, i, 3);
    d.ref = col_text(r, i, 4);
    return ((jk_delivery_cb)cb)(ctx, &d);
}

static int pg_each_delivery(jk_store *base, jk_delivery_cb cb, void *ctx,
                            jk_err *err)
{
    return pg_each((pg_store *)base,
                   "SELECT supply, demand, period, grams, ref FROM "
                   "market_delivery ORDER BY supply COLLATE \"C\", "
                   "demand COLLATE \"C\", period COLLATE \"C\", id",
                   NULL, fill_delivery, (any_fn)cb, ctx, err);
}

/* ---- API tokens ---- */

static int pg_put_token(jk_store *base, const jk_token_rec *t, jk_err *err)
{
    pg_params p;
    p.n = 0;
    par_text(&p, t->id, false);
    par_text(&p, t->hash, false);
    par_text(&p, t->role, false);
    par_text(&p, t->org, false);
    par_text(&p, t->label, false);
    par_text(&p, t->created_at, false);
    return pg_insert((pg_store *)base, ST_TOKEN, &p, err, "token");
}

static int fill_token(pg_store *s, const PGresult *r, int i, any_fn cb,
                      void *ctx)
{
    jk_token_rec t;
    (void)s;
    t.id = col_text(r, i, 0);
    t.hash = col_text(r, i, 1);
    t.role = col_text(r, i, 2);
    t.org = col_text(r, i, 3);
    t.label = col_text(r, i, 4);
    t.created_at = col_text(r, i, 5);
    t.revoked_at = col_text(r, i, 6);
    return ((jk_token_cb)cb)(ctx, &t);
}

#define TOKEN_COLS                                                             \
    "SELECT id, hash, role, org, label, created_at, revoked_at FROM "          \
    "api_token "

static int pg_get_token(jk_store *base, const char *id, jk_token_cb cb,
                        void *ctx, jk_err *err)
{
    pg_store *s = (pg_store *)base;
    pg_params p;
    PGresult *res;
    int rc;
    p.n = 0;
    par_text(&p, id, false);
    rc = pg_query(s, TOKEN_COLS "WHERE id = $1", &p, &res, err, "token");
    if (rc)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return jk_err_set(err, JK_ENOTFOUND, "token", "no token %s", id);
    }
    rc = fill_token(s, res, 0, (any_fn)cb, ctx);
    PQclear(res);
    return rc;
}

static int pg_revoke_token(jk_store *base, const char *id, const char *at,
                           jk_err *err)
{
    pg_store *s = (pg_store *)base;
    pg_params p;
    PGresult *res;
    int rc;
    p.n = 0;
    par_text(&p, id, false);
    par_text(&p, at, false);
    rc = pg_query(s, "UPDATE api_token SET revoked_at = $2 WHERE id = $1", &p,
                  &res, err, "token");
    if (rc)
        return rc;
    rc = strcmp(PQcmdTuples(res), "0") == 0 ? JK_ENOTFOUND : JK_OK;
    PQclear(res);
    if (rc)
        return jk_err_set(err, JK_ENOTFOUND, "token", "no token %s", id);
    pg_wrote(s);
    return JK_OK;
}

static int pg_each_token(jk_store *base, jk_token_cb cb, void *ctx, jk_err *err)
{
    return pg_each((pg_store *)base,
                   TOKEN_COLS "ORDER BY created_at COLLATE \"C\", id COLLATE "
                              "\"C\"",
                   NULL, fill_token, (any_fn)cb, ctx, err);
}

/* The data version (see pg_bump): 0 before the first write. */
static int pg_data_version(jk_store *base, int64_t *v, jk_err *err)
{
    return pg_scalar((pg_store *)base,
                     "SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                     "FROM jk_data_version",
                     NULL, v, err, "data version");
}

/* ---- diagnosis input (migration 8) ---- */

/* A PostgreSQL array literal of codes: {"a","b"}. */
static int text_array(jk_buf *b, const char *const *v, size_t n)
{
    size_t i;
    int rc = jk_buf_adds(b, "{");
    for (i = 0; i < n && rc == JK_OK; i++) {
        const char *p = v[i];
        rc = jk_buf_adds(b, i ? ",\"" : "\"");
        for (; *p && rc == JK_OK; p++) {
            if (*p == '"' || *p == '\\')
                rc = jk_buf_add(b, "\\", 1);
            if (rc == JK_OK)
                rc = jk_buf_add(b, p, 1);
        }
        if (rc == JK_OK)
            rc = jk_buf_adds(b, "\"");
    }
    return rc ? rc : jk_buf_adds(b, "}");
}

/* One statement per table, the municipalities as one array
 * parameter: five round trips whatever their number. */
static int pg_dg_delete(jk_store *base, const char *const *codes, size_t n,
                        jk_err *err)
{
    pg_store *s = (pg_store *)base;
    pg_params p;
    PGresult *res;
    jk_buf arr;
    char sql[128];
    int t, rc;

    jk_buf_init(&arr, (size_t)1 << 30);
    if (text_array(&arr, codes, n)) {
        jk_buf_free(&arr);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    p.n = 0;
    par_text(&p, jk_buf_str(&arr), false);
    for (t = JK_DG_TAB_COUNT - 1, rc = JK_OK; t >= 0 && rc == JK_OK; t--) {
        jk_snprintf(sql, sizeof(sql),
                    "DELETE FROM %s WHERE muni_code = ANY ($1::text[])",
                    jk_dg_tabs[t].table);
        rc = pg_query(s, sql, &p, &res, err, jk_dg_tabs[t].table);
        PQclear(res);
    }
    jk_buf_free(&arr);
    if (rc == JK_OK)
        pg_wrote(s);
    return rc;
}

/* Inside a transaction the rows go by COPY (the cells are checked by
 * jk_store_dg_put, so only a key or a reference can fail, reported at
 * the flush); outside one, one INSERT each. */
static int pg_dg_put(jk_store *base, jk_dg_tab t, const char *const *cells,
                     jk_err *err)
{
    pg_store *s = (pg_store *)base;
    const jk_dg_desc *d = &jk_dg_tabs[t];
    pg_params p;
    PGresult *res;
    jk_buf sql;
    size_t i;
    int rc;

    p.n = 0;
    for (i = 0; i < d->ncol; i++)
        par_text(&p, cells[i], false);
    if (s->base.in_tx && !s->lost) {
        if (!s->dg_copy[t][0]) {
            jk_buf_init(&sql, sizeof(s->dg_copy[t]) - 1);
            if (jk__dg_sql(t, JK_DG_SQL_COPY, true, &sql)) {
                jk_buf_free(&sql);
                return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            }
            jk_snprintf(s->dg_copy[t], sizeof(s->dg_copy[t]), "%s",
                        jk_buf_str(&sql));
            jk_buf_free(&sql);
        }
        return pg_copy_row(s, s->dg_copy[t], d->table, "rows", &p, err);
    }
    jk_buf_init(&sql, 1 << 16);
    if (jk__dg_sql(t, JK_DG_SQL_INSERT, true, &sql)) {
        jk_buf_free(&sql);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = pg_query(s, jk_buf_str(&sql), &p, &res, err, d->table);
    jk_buf_free(&sql);
    PQclear(res);
    if (rc == JK_OK)
        pg_wrote(s);
    return rc;
}

typedef struct dg_each_ctx {
    const jk_dg_desc *d; /* the table */
    jk_dg_row_cb cb;     /* the caller's callback */
    void *ctx;           /* and its context */
} dg_each_ctx;

/* One row of a diagnosis table as cells for the caller. */
static int fill_dg(pg_store *s, const PGresult *res, int i, any_fn unused,
                   void *vctx)
{
    const dg_each_ctx *x = vctx;
    const jk_dg_desc *d = x->d;
    const char *cell[32];
    char num[32][32];
    size_t c;
    (void)s;
    (void)unused;
    for (c = 0; c < d->ncol && c < 32; c++) {
        if (PQgetisnull(res, i, (int)c)) {
            cell[c] = NULL;
        } else if (d->col[c].type == 'R') {
            /* The engines' texts of one double differ ("0.1" against
             * "0.10000000000000001"): one form. */
            jk_snprintf(num[c], sizeof(num[c]), "%.17g",
                        col_double(res, i, (int)c));
            cell[c] = num[c];
        } else {
            cell[c] = col_text(res, i, (int)c);
        }
    }
    return x->cb(x->ctx, cell, d->ncol);
}

static int pg_dg_each(jk_store *base, jk_dg_tab t, jk_dg_row_cb cb, void *ctx,
                      jk_err *err)
{
    dg_each_ctx x = {&jk_dg_tabs[t], cb, ctx};
    jk_buf sql;
    int rc;

    jk_buf_init(&sql, 1 << 16);
    if (jk__dg_sql(t, JK_DG_SQL_SELECT, true, &sql)) {
        jk_buf_free(&sql);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = pg_each_cursor((pg_store *)base, jk_buf_str(&sql), NULL, fill_dg, NULL,
                        &x, err);
    jk_buf_free(&sql);
    return rc;
}

const jk_store_methods jk_postgres_methods = {
    8,
    "postgres",
    pg_open,
    pg_close,
    pg_schema_version,
    pg_begin,
    pg_commit,
    pg_rollback,
    pg_put_material,
    pg_put_region,
    pg_put_route,
    pg_put_org,
    pg_put_site,
    pg_put_process,
    pg_put_flow,
    pg_log_import,
    pg_count,
    pg_each_material,
    pg_each_region,
    pg_each_route,
    pg_each_org,
    pg_each_site,
    pg_each_flow,
    pg_each_id,
    pg_flow_totals,
    pg_count_by_kind,
    pg_ledger_put,
    pg_ledger_count,
    pg_ledger_each,
    pg_ledger_put_checkpoint,
    pg_ledger_each_checkpoint,
    pg_put_listing,
    pg_put_decision,
    pg_put_delivery,
    pg_each_listing,
    pg_each_decision,
    pg_each_delivery,
    pg_put_token,
    pg_get_token,
    pg_revoke_token,
    pg_each_token,
    pg_data_version,
    pg_begin_level,
    pg_count_owned,
    pg_dg_delete,
    pg_dg_put,
    pg_dg_each,
};
