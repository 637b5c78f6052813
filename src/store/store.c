/*
 * The public store API: choose a backend from the URI, then forward
 * every call through the backend's table of functions.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static const char *const entity_names[JK_ENT_COUNT] = {
    "material", "region", "route", "organisation", "site", "process", "flow",
};

const char *jk_entity_name(jk_entity e)
{
    if ((int)e < 0 || e >= JK_ENT_COUNT)
        return "?";
    return entity_names[e];
}

void jk_store_opts_init(jk_store_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->busy_ms = 5000;
    o->create = true;
}

int jk_store_schema_latest(void)
{
    return jk_migrations[jk_n_migrations - 1].version;
}

int jk_store_open(const char *uri, const jk_store_opts *o, jk_store **out,
                  jk_err *err)
{
    jk_store_opts defaults;

    *out = NULL;
    if (!o) {
        jk_store_opts_init(&defaults);
        o = &defaults;
    }
    if (!uri || !*uri)
        return jk_err_set(err, JK_EINVAL, NULL, "no store given");
    if (strncmp(uri, "postgres://", 11) == 0 ||
        strncmp(uri, "postgresql://", 13) == 0)
        return jk_postgres_methods.open(uri, o, out, err);
    if (strncmp(uri, "sqlite:", 7) == 0)
        uri += 7;
    return jk_sqlite_methods.open(uri, o, out, err);
}

void jk_store_close(jk_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        s->m->rollback(s);
    s->m->close(s);
}

int jk_store_set_tenant(jk_store *s, const char *org, jk_err *err)
{
    if (!org)
        org = "";
    if (strlen(org) >= JK_TENANT_MAX)
        return jk_err_set(err, JK_EINVAL, "tenant", "longer than %d bytes",
                          JK_TENANT_MAX - 1);
    jk_strlcpy(s->tenant, org, sizeof(s->tenant));
    return JK_OK;
}

const char *jk_store_tenant(const jk_store *s)
{
    return s->tenant;
}

int jk_store_count_owned(jk_store *s, const char *owner, int64_t *n,
                         jk_err *err)
{
    return s->m->count_owned(s, owner ? owner : "", n, err);
}

const char *jk_store_backend(const jk_store *s)
{
    return s->m->name;
}

int jk_store_schema_version(jk_store *s, int *version, jk_err *err)
{
    return s->m->schema_version(s, version, err);
}

int jk_store_begin(jk_store *s, jk_err *err)
{
    int rc;
    if (s->in_tx)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "a transaction is already open");
    s->conflict = false;
    rc = s->m->begin(s, err);
    if (rc == JK_OK)
        s->in_tx = true;
    return rc;
}

int jk_store_commit(jk_store *s, jk_err *err)
{
    int rc;
    if (!s->in_tx)
        return jk_err_set(err, JK_EINVAL, NULL, "no transaction is open");
    rc = s->m->commit(s, err);
    if (rc == JK_OK)
        s->in_tx = false;
    return rc;
}

void jk_store_rollback(jk_store *s)
{
    if (!s || !s->in_tx)
        return;
    s->m->rollback(s);
    s->in_tx = false;
}

int jk_store_begin_level(jk_store *s, jk_tx_level level, jk_err *err)
{
    int rc;
    if (level != JK_TX_DEFAULT && level != JK_TX_SERIALIZABLE)
        return jk_err_set(err, JK_EINVAL, NULL, "unknown isolation level");
    if (s->in_tx)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "a transaction is already open");
    s->conflict = false;
    rc = s->m->begin_level ? s->m->begin_level(s, (int)level, err)
                           : s->m->begin(s, err);
    if (rc == JK_OK)
        s->in_tx = true;
    return rc;
}

bool jk_store_tx_conflict(const jk_store *s, int rc)
{
    return s && rc == JK_EBUSY && s->conflict;
}

/* A few milliseconds, doubling per attempt, with jitter so that two
 * writers that collided do not collide again in step. */
static void backoff(int attempt)
{
    struct timespec now, ts;
    long base_us = 2000L << (attempt < 6 ? attempt : 6);
    clock_gettime(CLOCK_MONOTONIC, &now);
    base_us +=
        (long)((unsigned long)now.tv_nsec / 1000ul % (unsigned long)base_us);
    ts.tv_sec = base_us / 1000000L;
    ts.tv_nsec = (base_us % 1000000L) * 1000L;
    nanosleep(&ts, NULL);
}

bool jk_store_tx_again(jk_store *s, int rc, int attempt, jk_err *err)
{
    if (!jk_store_tx_conflict(s, rc))
        return false;
    if (attempt >= JK_STORE_TX_ATTEMPTS) {
        char last[JK_ERR_MSG];
        jk_strlcpy(last, err ? err->msg : "", sizeof(last));
        jk_err_set(err, JK_EBUSY, NULL,
                   "serialisation failure: the transaction conflicted with "
                   "concurrent ones and gave up after %d attempts; try "
                   "again (last: %s)",
                   attempt, last);
        return false;
    }
    s->retries++;
    backoff(attempt);
    return true;
}

int jk_store_run_tx(jk_store *s, jk_tx_level level, jk_tx_fn fn, void *ctx,
                    jk_err *err)
{
    int attempt, rc;
    for (attempt = 1;; attempt++) {
        rc = jk_store_begin_level(s, level, err);
        if (rc == JK_OK)
            rc = fn(ctx, s, err);
        if (rc == JK_OK)
            rc = jk_store_commit(s, err);
        if (rc == JK_OK)
            return JK_OK;
        jk_store_rollback(s);
        if (!jk_store_tx_again(s, rc, attempt, err))
            return rc;
    }
}

int64_t jk_store_tx_retries(const jk_store *s)
{
    return s ? s->retries : 0;
}

int jk_store_put_material(jk_store *s, const jk_material *m, jk_err *err)
{
    return s->m->put_material(s, m, err);
}

int jk_store_put_region(jk_store *s, const jk_region *r, jk_err *err)
{
    return s->m->put_region(s, r, err);
}

int jk_store_put_route(jk_store *s, const jk_route *r, jk_err *err)
{
    return s->m->put_route(s, r, err);
}

int jk_store_put_org(jk_store *s, const jk_org *o, jk_err *err)
{
    return s->m->put_org(s, o, err);
}

int jk_store_put_site(jk_store *s, const jk_site *site, jk_err *err)
{
    return s->m->put_site(s, site, err);
}

int jk_store_put_process(jk_store *s, const char *id, jk_err *err)
{
    return s->m->put_process(s, id, err);
}

int jk_store_put_flow(jk_store *s, const jk_flow *f, jk_err *err)
{
    return s->m->put_flow(s, f, err);
}

int jk_store_log_import(jk_store *s, const char *file, const char *kind,
                        int64_t rows, jk_err *err)
{
    return s->m->log_import(s, file, kind, rows, err);
}

int jk_store_count(jk_store *s, jk_entity e, int64_t *n, jk_err *err)
{
    if ((int)e < 0 || e >= JK_ENT_COUNT)
        return jk_err_set(err, JK_EINVAL, NULL, "unknown entity");
    return s->m->count(s, e, n, err);
}

int jk_store_each_material(jk_store *s, jk_material_cb cb, void *ctx,
                           jk_err *err)
{
    return s->m->each_material(s, cb, ctx, err);
}

int jk_store_each_region(jk_store *s, jk_region_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_region(s, cb, ctx, err);
}

int jk_store_each_route(jk_store *s, jk_route_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_route(s, cb, ctx, err);
}

int jk_store_each_org(jk_store *s, jk_org_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_org(s, cb, ctx, err);
}

int jk_store_each_site(jk_store *s, jk_site_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_site(s, cb, ctx, err);
}

int jk_store_each_flow(jk_store *s, jk_flow_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_flow(s, cb, ctx, err);
}

int jk_store_each_id(jk_store *s, jk_entity e, jk_id_cb cb, void *ctx,
                     jk_err *err)
{
    if ((int)e < 0 || e >= JK_ENT_COUNT || e == JK_ENT_FLOW)
        return jk_err_set(err, JK_EINVAL, NULL, "entity has no id");
    return s->m->each_id(s, e, cb, ctx, err);
}

int jk_store_flow_totals(jk_store *s, jk_flow_total_cb cb, void *ctx,
                         jk_err *err)
{
    return s->m->flow_totals(s, cb, ctx, err);
}

int jk_store_count_by_kind(jk_store *s, jk_entity e, jk_kind_count_cb cb,
                           void *ctx, jk_err *err)
{
    if (e != JK_ENT_ORG && e != JK_ENT_SITE && e != JK_ENT_ROUTE &&
        e != JK_ENT_REGION)
        return jk_err_set(err, JK_EINVAL, NULL, "entity has no kind");
    return s->m->count_by_kind(s, e, cb, ctx, err);
}

int jk_store_ledger_put(jk_store *s, int64_t seq, const char *body,
                        const char *sig, jk_err *err)
{
    return s->m->ledger_put(s, seq, body, sig, err);
}

int jk_store_ledger_count(jk_store *s, int64_t *n, jk_err *err)
{
    return s->m->ledger_count(s, n, err);
}

int jk_store_ledger_each(jk_store *s, int64_t from, jk_ledger_row_cb cb,
                         void *ctx, jk_err *err)
{
    return s->m->ledger_each(s, from, cb, ctx, err);
}

int jk_store_ledger_put_checkpoint(jk_store *s, int64_t tree_size,
                                   const char *note, jk_err *err)
{
    return s->m->ledger_put_checkpoint(s, tree_size, note, err);
}

int jk_store_ledger_each_checkpoint(jk_store *s, jk_ledger_row_cb cb, void *ctx,
                                    jk_err *err)
{
    return s->m->ledger_each_checkpoint(s, cb, ctx, err);
}

int jk_store_put_token(jk_store *s, const jk_token_rec *t, jk_err *err)
{
    return s->m->put_token(s, t, err);
}

int jk_store_get_token(jk_store *s, const char *id, jk_token_cb cb, void *ctx,
                       jk_err *err)
{
    return s->m->get_token(s, id, cb, ctx, err);
}

int jk_store_revoke_token(jk_store *s, const char *id, const char *at,
                          jk_err *err)
{
    return s->m->revoke_token(s, id, at, err);
}

int jk_store_each_token(jk_store *s, jk_token_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_token(s, cb, ctx, err);
}
int jk_store_put_listing(jk_store *s, const jk_store_listing *l, jk_err *err)
{
    return s->m->put_listing(s, l, err);
}

int jk_store_put_decision(jk_store *s, const jk_store_decision *d, jk_err *err)
{
    return s->m->put_decision(s, d, err);
}

int jk_store_put_delivery(jk_store *s, const jk_store_delivery *d, jk_err *err)
{
    return s->m->put_delivery(s, d, err);
}

int jk_store_each_listing(jk_store *s, jk_listing_cb cb, void *ctx, jk_err *err)
{
    return s->m->each_listing(s, cb, ctx, err);
}

int jk_store_each_decision(jk_store *s, jk_decision_cb cb, void *ctx,
                           jk_err *err)
{
    return s->m->each_decision(s, cb, ctx, err);
}

int jk_store_each_delivery(jk_store *s, jk_delivery_cb cb, void *ctx,
                           jk_err *err)
{
    return s->m->each_delivery(s, cb, ctx, err);
}

int jk_store_data_version(jk_store *s, int64_t *v, jk_err *err)
{
    if (!s->m->data_version)
        return jk_err_set(err, JK_EUNSUPPORTED, NULL,
                          "the %s backend has no data version", s->m->name);
    return s->m->data_version(s, v, err);
}
