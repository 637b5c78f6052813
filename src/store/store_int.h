/*
 * The store backend interface (SQLite's VFS is the model): a table of
 * functions with a version, and the common head of every store handle.
 */
#ifndef JK_STORE_INT_H
#define JK_STORE_INT_H

#include <junkan/store.h>

typedef struct jk_store_methods {
    int version;      /* 8; new members only at the end, bump version */
    const char *name; /* "sqlite" */
    int (*open)(const char *uri, const jk_store_opts *o, jk_store **out,
                jk_err *err);
    void (*close)(jk_store *s);
    int (*schema_version)(jk_store *s, int *version, jk_err *err);
    int (*begin)(jk_store *s, jk_err *err);
    int (*commit)(jk_store *s, jk_err *err);
    void (*rollback)(jk_store *s);
    int (*put_material)(jk_store *s, const jk_material *m, jk_err *err);
    int (*put_region)(jk_store *s, const jk_region *r, jk_err *err);
    int (*put_route)(jk_store *s, const jk_route *r, jk_err *err);
    int (*put_org)(jk_store *s, const jk_org *o, jk_err *err);
    int (*put_site)(jk_store *s, const jk_site *site, jk_err *err);
    int (*put_process)(jk_store *s, const char *id, jk_err *err);
    int (*put_flow)(jk_store *s, const jk_flow *f, jk_err *err);
    int (*log_import)(jk_store *s, const char *file, const char *kind,
                      int64_t rows, jk_err *err);
    int (*count)(jk_store *s, jk_entity e, int64_t *n, jk_err *err);
    int (*each_material)(jk_store *s, jk_material_cb cb, void *ctx,
                         jk_err *err);
    int (*each_region)(jk_store *s, jk_region_cb cb, void *ctx, jk_err *err);
    int (*each_route)(jk_store *s, jk_route_cb cb, void *ctx, jk_err *err);
    int (*each_org)(jk_store *s, jk_org_cb cb, void *ctx, jk_err *err);
    int (*each_site)(jk_store *s, jk_site_cb cb, void *ctx, jk_err *err);
    int (*each_flow)(jk_store *s, jk_flow_cb cb, void *ctx, jk_err *err);
    int (*each_id)(jk_store *s, jk_entity e, jk_id_cb cb, void *ctx,
                   jk_err *err);
    int (*flow_totals)(jk_store *s, jk_flow_total_cb cb, void *ctx,
                       jk_err *err);
    int (*count_by_kind)(jk_store *s, jk_entity e, jk_kind_count_cb cb,
                         void *ctx, jk_err *err);
    /* ledger (migration 2) */
    int (*ledger_put)(jk_store *s, int64_t seq, const char *body,
                      const char *sig, jk_err *err);
    int (*ledger_count)(jk_store *s, int64_t *n, jk_err *err);
    int (*ledger_each)(jk_store *s, int64_t from, jk_ledger_row_cb cb,
                       void *ctx, jk_err *err);
    int (*ledger_put_checkpoint)(jk_store *s, int64_t tree_size,
                                 const char *note, jk_err *err);
    int (*ledger_each_checkpoint)(jk_store *s, jk_ledger_row_cb cb, void *ctx,
                                  jk_err *err);
    /* market (migration 3) */
    int (*put_listing)(jk_store *s, const jk_store_listing *l, jk_err *err);
    int (*put_decision)(jk_store *s, const jk_store_decision *d, jk_err *err);
    int (*put_delivery)(jk_store *s, const jk_store_delivery *d, jk_err *err);
    int (*each_listing)(jk_store *s, jk_listing_cb cb, void *ctx, jk_err *err);
    int (*each_decision)(jk_store *s, jk_decision_cb cb, void *ctx,
                         jk_err *err);
    int (*each_delivery)(jk_store *s, jk_delivery_cb cb, void *ctx,
                         jk_err *err);
    /* API tokens (migration 6) */
    int (*put_token)(jk_store *s, const jk_token_rec *t, jk_err *err);
    int (*get_token)(jk_store *s, const char *id, jk_token_cb cb, void *ctx,
                     jk_err *err);
    int (*revoke_token)(jk_store *s, const char *id, const char *at,
                        jk_err *err);
    int (*each_token)(jk_store *s, jk_token_cb cb, void *ctx, jk_err *err);
    /* version 5: a number that changes when another connection commits
     * (caches); NULL when the backend cannot tell */
    int (*data_version)(jk_store *s, int64_t *v, jk_err *err);
    /* version 6: begin at an isolation level (jk_tx_level); a backend
     * that fails with a serialisation failure or deadlock sets
     * jk_store.conflict */
    int (*begin_level)(jk_store *s, int level, jk_err *err);
    /* version 7: flows stored with this owner (tenant) */
    int (*count_owned)(jk_store *s, const char *owner, int64_t *n, jk_err *err);
    /* version 8: the diagnosis input tables (migration 8, src/store/dg.c;
     * the cells are checked against jk_dg_tabs before these run) */
    int (*dg_delete)(jk_store *s, const char *const *codes, size_t n,
                     jk_err *err);
    int (*dg_put)(jk_store *s, jk_dg_tab t, const char *const *cells,
                  jk_err *err);
    int (*dg_each)(jk_store *s, jk_dg_tab t, jk_dg_row_cb cb, void *ctx,
                   jk_err *err);
} jk_store_methods;

/* Every backend's handle starts with this. */
struct jk_store {
    const jk_store_methods *m;  /* the backend */
    bool in_tx;                 /* a transaction is open */
    bool conflict;              /* the last failure was a serialisation
                                   failure or a deadlock (set by the
                                   backend, cleared at begin) */
    int64_t retries;            /* transactions run again (conflicts) */
    char tenant[JK_TENANT_MAX]; /* owner of the flows and imports written
                                   (Citus distribution column), or "" */
};

extern const jk_store_methods jk_sqlite_methods;
extern const jk_store_methods jk_postgres_methods;

/* The diagnosis input tables: columns in order, the key first. Types:
 * 'T' text, 'R' double (REAL), 'I' int64 (BIGINT). */
typedef struct jk_dg_col {
    const char *name;
    char type;
} jk_dg_col;

typedef struct jk_dg_desc {
    const char *table; /* "dg_profile" */
    size_t ncol;
    size_t nkey; /* the first nkey columns are the primary key */
    const jk_dg_col *col;
} jk_dg_desc;

extern const jk_dg_desc jk_dg_tabs[JK_DG_TAB_COUNT];

enum { JK_DG_SQL_INSERT, JK_DG_SQL_COPY, JK_DG_SQL_SELECT };
/* The INSERT (placeholders ?N, or $N when pg), COPY ... FROM STDIN or
 * SELECT ... ORDER BY key (COLLATE "C" on PostgreSQL) of table t. */
int jk__dg_sql(jk_dg_tab t, int kind, bool pg, jk_buf *out);

/* One schema migration: applied in order, recorded by number. */
typedef struct jk_migration {
    int version;      /* 1, 2, ... */
    const char *name; /* short description */
    const char *sql;  /* statements, run in one transaction */
} jk_migration;

extern const jk_migration jk_migrations[];
extern const size_t jk_n_migrations;
/* PostgreSQL-only statements run after the migration of that number. */
extern const jk_migration jk_migrations_pg[];
extern const size_t jk_n_migrations_pg;

/* A migration's text as PostgreSQL runs it (postgres.c; for tests that
 * build an old schema by hand). */
int jk_pg_rewrite(const char *sql, jk_buf *out);

#endif
