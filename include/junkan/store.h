/*
 * junkan store: persistence behind one interface.
 *
 * A store is opened from a URI: a file path or "sqlite:PATH" selects the
 * embedded SQLite backend (the default); "postgres://..." or
 * "postgresql://..." (a libpq connection URI) selects the PostgreSQL
 * backend, on a database that exists (junkan creates the tables, not the
 * database). Callers use only the functions below;
 * each backend is a table of functions (src/store/store_int.h), after
 * SQLite's VFS.
 *
 * Thread safety: a jk_store belongs to one thread at a time.
 */
#ifndef JUNKAN_STORE_H
#define JUNKAN_STORE_H

#include <junkan/core.h>
#include <junkan/model.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jk_store jk_store;

/** Open options; initialise with jk_store_opts_init(). */
typedef struct jk_store_opts {
    int busy_ms;   /* wait this long for a lock before JK_EBUSY */
    bool create;   /* create the store if it does not exist */
    bool readonly; /* open read-only (no migrations are applied) */
} jk_store_opts;

JK_API void jk_store_opts_init(jk_store_opts *o);

/**
 * Open (and when o->create, create) a store and apply pending schema
 * migrations, each in its own transaction, recorded in the store.
 * Reference tables are loaded by jk_seed_reference() (junkan/io.h).
 *
 * Returns JK_OK, JK_ENOTFOUND (no such store and !create), JK_ESCHEMA
 * (the store was written by a newer junkan), JK_EUNSUPPORTED (unknown
 * URI scheme), JK_ESTORE, JK_EBUSY, JK_ENOMEM. *out is NULL on failure.
 */
JK_API int jk_store_open(const char *uri, const jk_store_opts *o,
                         jk_store **out, jk_err *err);
/** Close a store; an open transaction is rolled back. NULL is a no-op. */
JK_API void jk_store_close(jk_store *s);
/** The backend name ("sqlite" or "postgres"). */
JK_API const char *jk_store_backend(const jk_store *s);
/** The schema version: the highest migration applied. */
JK_API int jk_store_schema_version(jk_store *s, int *version, jk_err *err);
/** The schema version this program writes. */
JK_API int jk_store_schema_latest(void);

/** Transactions. Every import runs inside exactly one. */
JK_API int jk_store_begin(jk_store *s, jk_err *err);
JK_API int jk_store_commit(jk_store *s, jk_err *err);
/** Roll back; safe to call when no transaction is open. */
JK_API void jk_store_rollback(jk_store *s);

/** Isolation of a write transaction. */
typedef enum jk_tx_level {
    JK_TX_DEFAULT = 0,  /* the backend's default (PostgreSQL: READ
                           COMMITTED; SQLite: serialisable anyway) */
    JK_TX_SERIALIZABLE, /* serialisable: concurrent transactions that
                           could not have run one after the other fail
                           with a conflict (jk_store_tx_conflict) */
} jk_tx_level;

/** Begin a transaction at an isolation level. SQLite's write
 *  transactions (BEGIN IMMEDIATE) are serialisable whatever the level;
 *  PostgreSQL runs BEGIN ISOLATION LEVEL SERIALIZABLE. */
JK_API int jk_store_begin_level(jk_store *s, jk_tx_level level, jk_err *err);

/** Attempts of one transaction before jk_store_run_tx gives up. */
#define JK_STORE_TX_ATTEMPTS 5

/** Whether rc (a failure of the current or last transaction) was a
 *  serialisation failure or a deadlock (PostgreSQL SQLSTATE 40001,
 *  40P01; such failures are JK_EBUSY): the whole transaction may be run
 *  again and may then succeed. Never true on SQLite. */
JK_API bool jk_store_tx_conflict(const jk_store *s, int rc);

/**
 * The retry rule, for callers that loop themselves: after a failed and
 * rolled-back transaction whose failure was rc, on the *attempt*-th
 * attempt (1 for the first), true when it should run again: rc was a
 * conflict and fewer than JK_STORE_TX_ATTEMPTS attempts were made; it
 * has then waited a short random backoff (a few ms, doubling). After
 * the last attempt err says that the transaction gave up (JK_EBUSY).
 */
JK_API bool jk_store_tx_again(jk_store *s, int rc, int attempt, jk_err *err);

/** The body of a transaction: it must do all of its work through s and
 *  may be run several times; it returns JK_OK or a status. */
typedef int (*jk_tx_fn)(void *ctx, jk_store *s, jk_err *err);

/**
 * Run fn in one transaction at the given level and commit; on a
 * conflict (jk_store_tx_conflict) roll back and run the whole
 * transaction again, at most JK_STORE_TX_ATTEMPTS times in all, then
 * fail with JK_EBUSY ("serialisation failure: ... gave up after 5
 * attempts"). Any other failure rolls back and is returned at once.
 */
JK_API int jk_store_run_tx(jk_store *s, jk_tx_level level, jk_tx_fn fn,
                           void *ctx, jk_err *err);

/** Transactions run again after a conflict on this handle, since it
 *  was opened (jk_store_tx_again's count). */
JK_API int64_t jk_store_tx_retries(const jk_store *s);

/**
 * Inserts. Each returns JK_OK, JK_EEXIST (the key is taken),
 * JK_ECONSTRAINT (a reference does not resolve), JK_ENOMEM, JK_ESTORE.
 * Callers validate fields first; the store enforces keys and references
 * as a second line of defence.
 */
JK_API int jk_store_put_material(jk_store *s, const jk_material *m,
                                 jk_err *err);
JK_API int jk_store_put_region(jk_store *s, const jk_region *r, jk_err *err);
JK_API int jk_store_put_route(jk_store *s, const jk_route *r, jk_err *err);
JK_API int jk_store_put_org(jk_store *s, const jk_org *o, jk_err *err);
JK_API int jk_store_put_site(jk_store *s, const jk_site *site, jk_err *err);
/** Record a process node ("economy", or "ext:row" outside the system:
 *  a flow endpoint that is not a site or an organisation); inserting an
 *  existing one is not an error. */
JK_API int jk_store_put_process(jk_store *s, const char *id, jk_err *err);
JK_API int jk_store_put_flow(jk_store *s, const jk_flow *f, jk_err *err);
/** Record one import (file, kind, rows) in the store's import log. */
JK_API int jk_store_log_import(jk_store *s, const char *file, const char *kind,
                               int64_t rows, jk_err *err);

/** What a store holds, for counts and existence checks. */
typedef enum jk_entity {
    JK_ENT_MATERIAL = 0,
    JK_ENT_REGION,
    JK_ENT_ROUTE,
    JK_ENT_ORG,
    JK_ENT_SITE,
    JK_ENT_PROCESS,
    JK_ENT_FLOW,
    JK_ENT_COUNT
} jk_entity;

/** Table name of an entity ("material"). */
JK_API const char *jk_entity_name(jk_entity e);
/** Number of records of an entity. */
JK_API int jk_store_count(jk_store *s, jk_entity e, int64_t *n, jk_err *err);

/**
 * Iteration: cb is called once per record, in key order (flows in
 * insertion order); the record and its strings are valid only during
 * the call. A non-zero return from cb stops the iteration and is
 * returned. Store errors return JK_ESTORE.
 */
typedef int (*jk_material_cb)(void *ctx, const jk_material *m);
typedef int (*jk_region_cb)(void *ctx, const jk_region *r);
typedef int (*jk_route_cb)(void *ctx, const jk_route *r);
typedef int (*jk_org_cb)(void *ctx, const jk_org *o);
typedef int (*jk_site_cb)(void *ctx, const jk_site *site);
typedef int (*jk_flow_cb)(void *ctx, const jk_flow *f);
typedef int (*jk_id_cb)(void *ctx, const char *id);

JK_API int jk_store_each_material(jk_store *s, jk_material_cb cb, void *ctx,
                                  jk_err *err);
JK_API int jk_store_each_region(jk_store *s, jk_region_cb cb, void *ctx,
                                jk_err *err);
JK_API int jk_store_each_route(jk_store *s, jk_route_cb cb, void *ctx,
                               jk_err *err);
JK_API int jk_store_each_org(jk_store *s, jk_org_cb cb, void *ctx, jk_err *err);
JK_API int jk_store_each_site(jk_store *s, jk_site_cb cb, void *ctx,
                              jk_err *err);
JK_API int jk_store_each_flow(jk_store *s, jk_flow_cb cb, void *ctx,
                              jk_err *err);
/** Ids of one keyed entity (material, region, route, org, site, process),
 *  used to build in-memory indexes for validation. */
JK_API int jk_store_each_id(jk_store *s, jk_entity e, jk_id_cb cb, void *ctx,
                            jk_err *err);

/** One group of flows: total mass and count per material, route, period. */
typedef struct jk_flow_total {
    const char *material; /* material code */
    const char *route;    /* route code or "" */
    const char *period;   /* canonical period text */
    int64_t flows;        /* number of flows */
    jk_mass mass;         /* total grams */
} jk_flow_total;

typedef int (*jk_flow_total_cb)(void *ctx, const jk_flow_total *t);
/** Flow totals grouped by material, route and period, in that order. */
JK_API int jk_store_flow_totals(jk_store *s, jk_flow_total_cb cb, void *ctx,
                                jk_err *err);

/** A count of records by kind (organisations or sites by kind). */
typedef int (*jk_kind_count_cb)(void *ctx, const char *kind, int64_t n);
JK_API int jk_store_count_by_kind(jk_store *s, jk_entity e, jk_kind_count_cb cb,
                                  void *ctx, jk_err *err);

/* ---- market (junkan/market.h builds on these) ---- */

/** A market listing as stored: the fields of jk_mkt_listing, with the
 *  properties as text ("mfi=4.2;ash<=0.5"). */
typedef struct jk_store_listing {
    const char *id, *side, *org, *material, *grade, *properties;
    jk_mass grams;          /* per period */
    const char *recurrence; /* once, monthly, quarterly, yearly */
    jk_mass min_lot;        /* grams, 0 = none */
    const char *site;
    double lat, lon;
    const char *prefecture;
    double price; /* yen per tonne */
    const char *valid_from, *valid_to, *visibility, *evidence, *status;
    const char *ewc, *jw, *hs, *fate, *mode;
} jk_store_listing;

/** A decision on a (supply, demand) pair; a confirmed one is an
 *  offtake agreement of grams per period of the supply. */
typedef struct jk_store_decision {
    const char *supply, *demand;
    const char *decision; /* confirmed, rejected */
    jk_mass grams;        /* agreed per period (0 when rejected) */
    const char *note;     /* free text */
    const char *at;       /* UTC timestamp, ISO 8601 */
} jk_store_decision;

/** A delivery recorded against an agreement. */
typedef struct jk_store_delivery {
    const char *supply, *demand;
    const char *period; /* canonical period text ("2026-04", "FY2026") */
    jk_mass grams;      /* > 0 */
    const char *ref;    /* e.g. a ledger event id, or "" */
} jk_store_delivery;

typedef int (*jk_listing_cb)(void *ctx, const jk_store_listing *l);
typedef int (*jk_decision_cb)(void *ctx, const jk_store_decision *d);
typedef int (*jk_delivery_cb)(void *ctx, const jk_store_delivery *d);

/** Inserts (JK_EEXIST when the key is taken; JK_ECONSTRAINT when a
 *  reference is missing). A pair is decided once: a second decision on
 *  the same pair is JK_EEXIST. */
JK_API int jk_store_put_listing(jk_store *s, const jk_store_listing *l,
                                jk_err *err);
JK_API int jk_store_put_decision(jk_store *s, const jk_store_decision *d,
                                 jk_err *err);
JK_API int jk_store_put_delivery(jk_store *s, const jk_store_delivery *d,
                                 jk_err *err);
/** Iterations, by id / (supply, demand) / (supply, demand, period). */
JK_API int jk_store_each_listing(jk_store *s, jk_listing_cb cb, void *ctx,
                                 jk_err *err);
JK_API int jk_store_each_decision(jk_store *s, jk_decision_cb cb, void *ctx,
                                  jk_err *err);
JK_API int jk_store_each_delivery(jk_store *s, jk_delivery_cb cb, void *ctx,
                                  jk_err *err);

/* ------------------------------------------------------------------ */
/* Ledger rows (the ledger module's storage; see junkan/ledger.h)     */
/* ------------------------------------------------------------------ */

/** One stored ledger row: an entry (seq, canonical body, hex
 *  signature) or a checkpoint (tree size, signed note; sig NULL). */
typedef int (*jk_ledger_row_cb)(void *ctx, int64_t seq, const char *body,
                                const char *sig);

/** Append entry `seq`. JK_EEXIST when seq is taken (the log is
 *  append-only: rows are never updated or deleted). */
JK_API int jk_store_ledger_put(jk_store *s, int64_t seq, const char *body,
                               const char *sig, jk_err *err);
/** Number of entries. */
JK_API int jk_store_ledger_count(jk_store *s, int64_t *n, jk_err *err);
/** Entries with seq >= from, in seq order. */
JK_API int jk_store_ledger_each(jk_store *s, int64_t from, jk_ledger_row_cb cb,
                                void *ctx, jk_err *err);
/** Record a signed checkpoint note for a tree size. JK_EEXIST when one
 *  is already recorded for that size. */
JK_API int jk_store_ledger_put_checkpoint(jk_store *s, int64_t tree_size,
                                          const char *note, jk_err *err);
/** Checkpoints in tree-size order (body is the note, sig NULL). */
JK_API int jk_store_ledger_each_checkpoint(jk_store *s, jk_ledger_row_cb cb,
                                           void *ctx, jk_err *err);

/**
 * API tokens (the server's access control). Only a hash of the secret
 * is stored. role is "admin", "member" or "auditor"; org is the
 * organisation of a member ("" otherwise); revoked_at is "" while the
 * token is valid.
 */
typedef struct jk_token_rec {
    const char *id;
    const char *hash;
    const char *role;
    const char *org;
    const char *label;
    const char *created_at;
    const char *revoked_at;
} jk_token_rec;
typedef int (*jk_token_cb)(void *ctx, const jk_token_rec *t);

/** Insert a token; JK_EEXIST when the id is taken. */
JK_API int jk_store_put_token(jk_store *s, const jk_token_rec *t, jk_err *err);
/** Call cb with the token of this id; JK_ENOTFOUND when there is none. */
JK_API int jk_store_get_token(jk_store *s, const char *id, jk_token_cb cb,
                              void *ctx, jk_err *err);
/** Mark a token revoked at `at`; JK_ENOTFOUND when there is none. */
JK_API int jk_store_revoke_token(jk_store *s, const char *id, const char *at,
                                 jk_err *err);
/**
 * A number that changes whenever another connection commits to the
 * store (not on this connection's own commits): for caches of derived
 * data. JK_EUNSUPPORTED when the backend cannot tell.
 */
JK_API int jk_store_data_version(jk_store *s, int64_t *v, jk_err *err);

/** Longest tenant id, with its terminating NUL. */
#define JK_TENANT_MAX 128

/**
 * The tenant (docs/scale-out.md): the organisation that owns the flows
 * and import-log rows written from now on through this handle, stored
 * in their `owner` column, the distribution column on Citus. "" (the
 * default) for none. JK_EINVAL when longer than JK_TENANT_MAX - 1.
 */
JK_API int jk_store_set_tenant(jk_store *s, const char *org, jk_err *err);
/** The tenant set on this handle ("" for none). */
JK_API const char *jk_store_tenant(const jk_store *s);
/** Number of flows stored with owner `owner` ("" counts the unowned). */
JK_API int jk_store_count_owned(jk_store *s, const char *owner, int64_t *n,
                                jk_err *err);

/** Every token, by creation time. */
JK_API int jk_store_each_token(jk_store *s, jk_token_cb cb, void *ctx,
                               jk_err *err);

/* ------------------------------------------------------------------ */
/* Diagnosis input tables (junkan/diagnosis.h builds on these)         */
/* ------------------------------------------------------------------ */

/**
 * The municipal diagnosis input as stored: five tables keyed by the
 * municipality code (the distribution column, docs/scale-out.md), the
 * columns those of the CSV files (`junkan help diagnose-input`) but
 * for the flows' masses, exact grams: dg_profile (muni_code,
 * fiscal_year, muni_name, pref_name, city_class, pop_total,
 * pop_collection, households, emp_secondary_pct, emp_tertiary_pct,
 * separation_type, grid_ef, landfill_volume_m3, landfill_remaining_m3),
 * dg_flow (muni_code, seq, fraction, source, route, grams,
 * recycled_grams, residue_grams), dg_composition, dg_residual
 * (muni_code, fraction, wet_pct) and dg_cost. A row is an array of
 * text cells in column order (jk_store_dg_column_name); NULL is a
 * missing value.
 */
typedef enum jk_dg_tab {
    JK_DG_TAB_PROFILES = 0,
    JK_DG_TAB_FLOWS,
    JK_DG_TAB_COMPOSITION,
    JK_DG_TAB_RESIDUAL,
    JK_DG_TAB_COSTS,
    JK_DG_TAB_COUNT
} jk_dg_tab;

/** Table name ("dg_profile"), NULL for an unknown table. */
JK_API const char *jk_store_dg_table(jk_dg_tab t);
/** Number of columns of t, and the name of column i (NULL past it). */
JK_API size_t jk_store_dg_ncolumns(jk_dg_tab t);
JK_API const char *jk_store_dg_column_name(jk_dg_tab t, size_t i);
/** Remove every row of the municipalities codes[n] from all five
 *  tables (children first). */
JK_API int jk_store_dg_delete(jk_store *s, const char *const *codes, size_t n,
                              jk_err *err);
/**
 * Insert one row. JK_EINVAL for a number cell that is not a number or a
 * missing key cell. Inside a transaction, PostgreSQL sends the rows in
 * COPY batches: a key taken or a municipality without a profile is then
 * reported by a later call or the commit (JK_ESTORE naming the table),
 * and the transaction fails whole; SQLite reports it at once
 * (JK_EEXIST, JK_ECONSTRAINT).
 */
JK_API int jk_store_dg_put(jk_store *s, jk_dg_tab t, const char *const *cells,
                           jk_err *err);
/** Rows of t in key order, as text cells: numbers as "%.17g" (they
 *  read back exactly), integers in decimal, NULL for a missing value. */
typedef int (*jk_dg_row_cb)(void *ctx, const char *const *cells, size_t n);
JK_API int jk_store_dg_each(jk_store *s, jk_dg_tab t, jk_dg_row_cb cb,
                            void *ctx, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_STORE_H */
