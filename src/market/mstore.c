/*
 * The market in the store: saving and loading listings, decisions
 * (a confirmed pair is an offtake agreement), deliveries against
 * agreements and the shortfall per period.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "market/market_int.h"

/* Properties back to text: "name=v", "name>=a", "name<=b", "a..b". */
static int props_text(const jk_mkt_listing *l, jk_buf *b)
{
    size_t i;
    int rc = JK_OK;
    for (i = 0; i < l->n_props && !rc; i++) {
        const jk_mkt_prop *p = &l->props[i];
        if (i)
            rc = jk_buf_adds(b, ";");
        if (rc)
            break;
        if (p->lo == p->hi)
            rc = jk_buf_addf(b, "%s=%.17g", p->name, p->lo);
        else if (isinf(p->lo))
            rc = jk_buf_addf(b, "%s<=%.17g", p->name, p->hi);
        else if (isinf(p->hi))
            rc = jk_buf_addf(b, "%s>=%.17g", p->name, p->lo);
        else
            rc = jk_buf_addf(b, "%s=%.17g..%.17g", p->name, p->lo, p->hi);
    }
    if (!rc)
        rc = jk_buf_add(b, "", 1);
    return rc;
}

int jk_market_save(jk_market *m, jk_store *s, jk_err *err)
{
    size_t i;
    int rc;
    jk_buf b;

    jk_buf_init(&b, 1 << 16);
    if ((rc = jk_store_begin(s, err)))
        return rc;
    for (i = 0; i < m->n && !rc; i++) {
        const jk_mkt_listing *l = &m->l[i];
        jk_store_listing x;
        jk_buf_reset(&b);
        if ((rc = props_text(l, &b))) {
            rc = jk_err_set(err, rc, NULL, "out of memory");
            break;
        }
        x.id = l->id;
        x.side = l->side == JK_MKT_SUPPLY ? "supply" : "demand";
        x.org = l->org;
        x.material = l->material;
        x.grade = l->grade;
        x.properties = b.data ? b.data : "";
        x.grams = l->grams;
        x.recurrence = l->recurrence;
        x.min_lot = l->min_lot;
        x.site = l->site;
        x.lat = l->lat;
        x.lon = l->lon;
        x.prefecture = l->prefecture;
        x.price = l->price;
        x.valid_from = l->valid_from;
        x.valid_to = l->valid_to;
        x.visibility = l->visibility;
        x.evidence = l->evidence;
        x.status = l->status;
        x.ewc = l->ewc;
        x.jw = l->jw;
        x.hs = l->hs;
        x.fate = l->fate;
        x.mode = l->mode;
        rc = jk_store_put_listing(s, &x, err);
        if (rc == JK_EEXIST || rc == JK_ECONSTRAINT)
            jk_err_set(err, rc, l->id, "listing %s: %s", l->id,
                       rc == JK_EEXIST ? "already in the store"
                                       : "material not in the store (run "
                                         "junkan init)");
    }
    jk_buf_free(&b);
    if (rc) {
        jk_store_rollback(s);
        return rc;
    }
    return jk_store_commit(s, err);
}

typedef struct load_ctx {
    jk_market *m;
    jk_err *err;
} load_ctx;

static int on_listing(void *vctx, const jk_store_listing *x)
{
    load_ctx *c = vctx;
    jk_mkt_listing l;
    jk_mkt_prop *props = NULL;
    char where[JK_ERR_WHERE];
    int rc;

    jk_snprintf(where, sizeof(where), "store:listing %s", x->id);
    memset(&l, 0, sizeof(l));
    l.side = strcmp(x->side, "supply") == 0 ? JK_MKT_SUPPLY : JK_MKT_DEMAND;
    rc = mkt_parse_props(c->m, x->properties, l.side, where, &props, &l.n_props,
                         c->err);
    if (rc)
        return rc;
    l.props = props;
    l.id = x->id;
    l.org = x->org;
    l.material = x->material;
    l.grade = x->grade;
    l.grams = x->grams;
    l.recurrence = x->recurrence;
    l.min_lot = x->min_lot;
    l.site = x->site;
    l.lat = x->lat;
    l.lon = x->lon;
    l.prefecture = x->prefecture;
    l.price = x->price;
    l.valid_from = x->valid_from;
    l.valid_to = x->valid_to;
    l.visibility = x->visibility;
    l.evidence = x->evidence;
    l.status = x->status;
    l.ewc = x->ewc;
    l.jw = x->jw;
    l.hs = x->hs;
    l.fate = x->fate;
    l.mode = x->mode;
    return jk_market_add_listing(c->m, &l, where, c->err);
}

static int on_decision(void *vctx, const jk_store_decision *d)
{
    load_ctx *c = vctx;
    return jk_market_add_decision(c->m, d->supply, d->demand,
                                  strcmp(d->decision, "confirmed") == 0
                                      ? JK_MKT_CONFIRMED
                                      : JK_MKT_REJECTED,
                                  d->grams, c->err);
}

int jk_market_load_store(jk_market *m, jk_store *s, jk_err *err)
{
    load_ctx c;
    int rc;
    c.m = m;
    c.err = err;
    rc = jk_store_each_listing(s, on_listing, &c, err);
    if (!rc)
        rc = jk_store_each_decision(s, on_decision, &c, err);
    return rc;
}

/* ---- decisions, deliveries, shortfall ---- */

/* The listing id as a supply (want_supply) or a demand, or an error. */
static int side_check(const jk_market *m, const char *id, bool want_supply,
                      jk_err *err)
{
    size_t i = mkt_find(m, id);
    if (i == SIZE_MAX)
        return jk_err_set(err, JK_ENOTFOUND, id, "no such listing");
    if ((m->l[i].side == JK_MKT_SUPPLY) != want_supply)
        return jk_err_set(err, JK_EINVAL, id, "listing is a %s, expected a %s",
                          want_supply ? "demand" : "supply",
                          want_supply ? "supply" : "demand");
    return JK_OK;
}

static const mkt_decision *decision_of(const jk_market *m, const char *s,
                                       const char *d)
{
    size_t i;
    for (i = 0; i < m->n_dec; i++)
        if (strcmp(m->dec[i].supply, s) == 0 &&
            strcmp(m->dec[i].demand, d) == 0)
            return &m->dec[i];
    return NULL;
}

int jk_market_decide(jk_market *m, jk_store *s, const char *supply,
                     const char *demand, jk_mkt_decision d, jk_mass grams,
                     const char *note, const char *at, jk_err *err)
{
    jk_store_decision x;
    const mkt_decision *old;
    int rc;
    if ((rc = side_check(m, supply, true, err)) ||
        (rc = side_check(m, demand, false, err)))
        return rc;
    if ((old = decision_of(m, supply, demand)))
        return jk_err_set(
            err, JK_EEXIST, supply, "the pair %s -> %s was already %s", supply,
            demand, old->d == JK_MKT_CONFIRMED ? "confirmed" : "rejected");
    if (d == JK_MKT_CONFIRMED && grams <= 0)
        return jk_err_set(err, JK_ERANGE, "volume",
                          "an agreement needs a volume of more than 0");
    if (d == JK_MKT_CONFIRMED) {
        const jk_mkt_listing *ls = &m->l[mkt_find(m, supply)];
        if (grams > ls->grams)
            return jk_err_set(err, JK_ERANGE, "volume",
                              "more than the supply lists per period");
    }
    x.supply = supply;
    x.demand = demand;
    x.decision = d == JK_MKT_CONFIRMED ? "confirmed" : "rejected";
    x.grams = d == JK_MKT_CONFIRMED ? grams : 0;
    x.note = note ? note : "";
    x.at = at;
    if ((rc = jk_store_begin(s, err)))
        return rc;
    if ((rc = jk_store_put_decision(s, &x, err))) {
        jk_store_rollback(s);
        return rc;
    }
    if ((rc = jk_store_commit(s, err)))
        return rc;
    return jk_market_add_decision(m, supply, demand, d, x.grams, err);
}

int jk_market_deliver(jk_market *m, jk_store *s, const char *supply,
                      const char *demand, const char *period, jk_mass grams,
                      const char *ref, jk_err *err)
{
    const mkt_decision *dec = decision_of(m, supply, demand);
    jk_store_delivery x;
    jk_period p;
    char canon[32];
    int rc;
    if (!dec || dec->d != JK_MKT_CONFIRMED)
        return jk_err_set(err, JK_ENOTFOUND, supply,
                          "no agreement between %s and %s", supply, demand);
    if ((rc = jk_period_parse(period, &p, err)))
        return jk_err_set(err, rc, "period", "%s", err->msg);
    if (grams <= 0)
        return jk_err_set(err, JK_ERANGE, "mass", "a delivery is more than 0");
    jk_period_format(&p, canon, sizeof(canon));
    x.supply = supply;
    x.demand = demand;
    x.period = canon;
    x.grams = grams;
    x.ref = ref ? ref : "";
    if ((rc = jk_store_begin(s, err)))
        return rc;
    if ((rc = jk_store_put_delivery(s, &x, err))) {
        jk_store_rollback(s);
        return rc;
    }
    return jk_store_commit(s, err);
}

/* Deliveries collected in memory. */
typedef struct dl {
    char *supply, *demand, *period;
    jk_mass grams;
} dl;

typedef struct dl_ctx {
    dl *v;
    size_t n, cap;
} dl_ctx;

static int on_delivery(void *vctx, const jk_store_delivery *d)
{
    dl_ctx *c = vctx;
    dl *x;
    if (mkt_grow((void **)&c->v, &c->cap, c->n, sizeof(*c->v)))
        return JK_ENOMEM;
    x = &c->v[c->n];
    x->supply = jk_strdup(d->supply);
    x->demand = jk_strdup(d->demand);
    x->period = jk_strdup(d->period);
    x->grams = d->grams;
    c->n++;
    if (!x->supply || !x->demand || !x->period)
        return JK_ENOMEM;
    return JK_OK;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int jk_market_write_shortfall(jk_market *m, jk_store *s, jk_mkt_format f,
                              FILE *out, jk_err *err)
{
    dl_ctx c;
    char **periods = NULL;
    jk_period_kind *kinds = NULL; /* per period */
    size_t np = 0, i, j, k, ws = 12, wd = 12;
    int rc;
    json_t *arr = NULL;
    char b[3][64];
    const jk_unit *t = jk_unit_find("t");

    memset(&c, 0, sizeof(c));
    rc = jk_store_each_delivery(s, on_delivery, &c, err);
    if (rc == JK_ENOMEM)
        rc = jk_err_set(err, rc, NULL, "out of memory");
    if (rc)
        goto out;
    periods = jk_malloc((c.n + 1) * sizeof(char *));
    if (!periods || (f == JK_MKT_JSON && !(arr = json_array()))) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (i = 0; i < c.n; i++)
        periods[np++] = c.v[i].period;
    qsort(periods, np, sizeof(char *), cmp_cstr);
    for (i = 0, j = 0; i < np; i++)
        if (j == 0 || strcmp(periods[j - 1], periods[i]) != 0)
            periods[j++] = periods[i];
    np = j;
    /* each period's kind, once (0: not a period) */
    kinds = jk_malloc((np + 1) * sizeof(*kinds));
    if (!kinds) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (i = 0; i < np; i++) {
        jk_period pp;
        kinds[i] = jk_period_parse(periods[i], &pp, NULL) == JK_OK
                       ? pp.kind
                       : (jk_period_kind)0;
    }
    if (f == JK_MKT_CSV)
        fputs("supply,demand,period,agreed_t,delivered_t,shortfall_t\n", out);
    else if (f == JK_MKT_TABLE) {
        /* columns as wide as the longest listing id */
        for (k = 0; k < m->n_dec; k++) {
            if (m->dec[k].d != JK_MKT_CONFIRMED)
                continue;
            if (strlen(m->dec[k].supply) > ws)
                ws = strlen(m->dec[k].supply);
            if (strlen(m->dec[k].demand) > wd)
                wd = strlen(m->dec[k].demand);
        }
        fprintf(out, "%-*s %-*s %-8s %10s %10s %10s\n", (int)ws, "supply",
                (int)wd, "demand", "period", "agreed t", "delivered",
                "shortfall");
    }
    for (k = 0; k < m->n_dec; k++) {
        const mkt_decision *d = &m->dec[k];
        size_t sl;
        jk_period_kind kind;
        if (d->d != JK_MKT_CONFIRMED)
            continue;
        sl = mkt_find(m, d->supply);
        kind = mkt_period_kind(sl == SIZE_MAX ? "" : m->l[sl].recurrence);
        for (i = 0; i < np; i++) {
            jk_mass got = 0, short_;
            bool some = false;
            for (j = 0; j < c.n; j++)
                if (strcmp(c.v[j].supply, d->supply) == 0 &&
                    strcmp(c.v[j].demand, d->demand) == 0 &&
                    strcmp(c.v[j].period, periods[i]) == 0) {
                    got += c.v[j].grams;
                    some = true;
                }
            /* The periods the agreement's volume is per (months of a
             * monthly one, ...) in which anything was delivered, and any
             * period it had deliveries in itself. */
            if (!some && kinds[i] != kind)
                continue;
            short_ = got < d->grams ? d->grams - got : 0;
            jk_mass_exact(d->grams, t, b[0], sizeof(b[0]));
            jk_mass_exact(got, t, b[1], sizeof(b[1]));
            jk_mass_exact(short_, t, b[2], sizeof(b[2]));
            if (f == JK_MKT_JSON) {
                json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
                                      "supply", d->supply, "demand", d->demand,
                                      "period", periods[i], "agreed_t", b[0],
                                      "delivered_t", b[1], "shortfall_t", b[2]);
                if (!o || json_array_append_new(arr, o)) {
                    rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                    goto out;
                }
            } else if (f == JK_MKT_CSV) {
                jk_csv_field(out, d->supply, false);
                jk_csv_field(out, d->demand, false);
                jk_csv_field(out, periods[i], false);
                jk_csv_field(out, b[0], false);
                jk_csv_field(out, b[1], false);
                jk_csv_field(out, b[2], true);
            } else {
                fprintf(out, "%-*s %-*s %-8s %10s %10s %10s\n", (int)ws,
                        d->supply, (int)wd, d->demand, periods[i], b[0], b[1],
                        b[2]);
            }
        }
    }
    if (f == JK_MKT_JSON) {
        rc = json_dumpf(arr, out, JSON_INDENT(2)) || fputc('\n', out) == EOF
                 ? jk_err_set(err, JK_EIO, NULL, "write failed")
                 : JK_OK;
    } else if (ferror(out)) {
        rc = jk_err_set(err, JK_EIO, NULL, "write failed");
    }
out:
    json_decref(arr);
    for (i = 0; i < c.n; i++) {
        jk_free(c.v[i].supply);
        jk_free(c.v[i].demand);
        jk_free(c.v[i].period);
    }
    jk_free(c.v);
    jk_free(periods);
    jk_free(kinds);
    return rc;
}
