/*
 * Deliveries from the ledger: each receipt (transaction.receive) mapped
 * to an offtake agreement and recorded once, with "ledger:SEQ" as its
 * reference; every receipt that is not recorded says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <junkan/ledger.h>

#include "market/market_int.h"

enum { OUT_RECORDED, OUT_ALREADY, OUT_SKIPPED };

static const char *const outcome_names[] = {"recorded", "already recorded",
                                            "not recorded"};

/* One receipt and what became of it. */
typedef struct sync_row {
    int64_t seq;
    char ref[32];                /* ledger:SEQ */
    char *time;                  /* event time as written */
    char *sender;                /* "" when several */
    char *receiver;              /* the actor */
    char *material;              /* "" when mixed or unknown */
    jk_mass grams;               /* received */
    const char *supply, *demand; /* the agreement (market strings) or NULL */
    char period[16];             /* "2026-04", "FY2026" or "" */
    int outcome;                 /* OUT_* */
    char reason[512];            /* why not recorded, or a note */
} sync_row;

/* A stored delivery with a reference. */
typedef struct ref_ent {
    char *ref, *supply, *demand, *period;
} ref_ent;

typedef struct sync_ctx {
    jk_market *m;
    ref_ent *refs; /* stored deliveries with a reference, by reference */
    size_t n_refs, cap_refs;
    sync_row *rows;
    size_t n, cap;
    jk_err *err;
} sync_ctx;

static int cmp_ref(const void *a, const void *b)
{
    return strcmp(((const ref_ent *)a)->ref, ((const ref_ent *)b)->ref);
}

static int on_ref(void *vctx, const jk_store_delivery *d)
{
    sync_ctx *c = vctx;
    if (!*d->ref)
        return JK_OK;
    ref_ent *e;
    if (mkt_grow((void **)&c->refs, &c->cap_refs, c->n_refs, sizeof(*e)))
        return JK_ENOMEM;
    e = &c->refs[c->n_refs++];
    e->ref = jk_strdup(d->ref);
    e->supply = jk_strdup(d->supply);
    e->demand = jk_strdup(d->demand);
    e->period = jk_strdup(d->period);
    if (!e->ref || !e->supply || !e->demand || !e->period)
        return JK_ENOMEM;
    return JK_OK;
}

static const ref_ent *find_ref(const sync_ctx *c, const char *ref)
{
    ref_ent key;
    key.ref = (char *)(uintptr_t)ref;
    return c->n_refs ? bsearch(&key, c->refs, c->n_refs, sizeof(key), cmp_ref)
                     : NULL;
}

static const mkt_decision *agreement(const jk_market *m, const char *s,
                                     const char *d)
{
    size_t i;
    for (i = 0; i < m->n_dec; i++)
        if (m->dec[i].d == JK_MKT_CONFIRMED &&
            strcmp(m->dec[i].supply, s) == 0 &&
            strcmp(m->dec[i].demand, d) == 0)
            return &m->dec[i];
    return NULL;
}

static const jk_mkt_listing *listing(const jk_market *m, const char *id)
{
    size_t i = mkt_find(m, id);
    return i == SIZE_MAX ? NULL : &m->l[i];
}

/* Valid on date (YYYY-MM-DD): within the listing's window, if any. */
static bool valid_on(const jk_mkt_listing *l, const char *date)
{
    return (!*l->valid_from || strcmp(date, l->valid_from) >= 0) &&
           (!*l->valid_to || strcmp(date, l->valid_to) <= 0);
}

/* The agreement named by a business transaction id "SUPPLY/DEMAND" of
 * two known listings: 1 and *out (NULL when they have no agreement), or
 * 0 when no id names a pair of listings. */
static int named_pair(const jk_market *m, const jk_ledger_receipt *r,
                      const mkt_decision **out, char *pair, size_t cap)
{
    size_t i;
    for (i = 0; i < r->n_biz; i++) {
        const char *id = r->biz_id[i], *slash;
        char s[JK_ID_MAX + 1];
        size_t n;
        if (!id || !(slash = strchr(id, '/')))
            continue;
        n = (size_t)(slash - id);
        if (n == 0 || n > JK_ID_MAX)
            continue;
        memcpy(s, id, n);
        s[n] = '\0';
        if (!listing(m, s) || !listing(m, slash + 1))
            continue;
        jk_snprintf(pair, cap, "%s", id);
        *out = agreement(m, s, slash + 1);
        return 1;
    }
    return 0;
}

/* Decide the agreement of row x (receipt r); sets x->supply/demand or
 * x->reason. */
static void map_receipt(const jk_market *m, const jk_ledger_receipt *r,
                        const char *date, sync_row *x)
{
    const mkt_decision *d = NULL, *hit = NULL;
    const jk_mkt_listing *ls, *ld;
    char pair[2 * JK_ID_MAX + 2];
    size_t i, n_ops = 0, n_mat = 0, n_hit = 0;

    if (named_pair(m, r, &d, pair, sizeof(pair))) {
        if (!d) {
            jk_snprintf(x->reason, sizeof(x->reason),
                        "names %s, which is not an agreement", pair);
            return;
        }
        ls = listing(m, d->supply);
        ld = listing(m, d->demand);
        if (!r->sender || strcmp(r->sender, ls->org) != 0)
            jk_snprintf(x->reason, sizeof(x->reason),
                        "names %s, but the sender is %s, not the supply's "
                        "org %s",
                        pair, r->sender ? r->sender : "several operators",
                        *ls->org ? ls->org : "(none)");
        else if (strcmp(r->receiver, ld->org) != 0)
            jk_snprintf(x->reason, sizeof(x->reason),
                        "names %s, but the receiver is %s, not the demand's "
                        "org %s",
                        pair, r->receiver, *ld->org ? ld->org : "(none)");
        else if (!r->material || strcmp(r->material, ls->material) != 0)
            jk_snprintf(x->reason, sizeof(x->reason),
                        "names %s, but the lots are %s, not %s", pair,
                        r->material ? r->material : "of several materials",
                        ls->material);
        else
            hit = d;
        if (hit) {
            x->supply = hit->supply;
            x->demand = hit->demand;
        }
        return;
    }
    if (!r->sender) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "the lots came from several senders: name the agreement "
                    "in biz_transactions (SUPPLY/DEMAND)");
        return;
    }
    for (i = 0; i < m->n_dec; i++) {
        d = &m->dec[i];
        if (d->d != JK_MKT_CONFIRMED)
            continue;
        ls = listing(m, d->supply);
        ld = listing(m, d->demand);
        if (strcmp(ls->org, r->sender) != 0 ||
            strcmp(ld->org, r->receiver) != 0)
            continue;
        n_ops++;
        if (!r->material || strcmp(ls->material, r->material) != 0)
            continue;
        n_mat++;
        if (!valid_on(ls, date) || !valid_on(ld, date))
            continue;
        if (n_hit++ == 0)
            hit = d;
    }
    if (n_hit == 1) {
        x->supply = hit->supply;
        x->demand = hit->demand;
    } else if (n_hit > 1) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "%zu agreements from %s to %s for %s: name one in "
                    "biz_transactions (SUPPLY/DEMAND)",
                    n_hit, r->sender, r->receiver, r->material);
    } else if (n_mat) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "%s is outside the validity of the agreement%s from %s "
                    "to %s for %s",
                    date, n_mat > 1 ? "s" : "", r->sender, r->receiver,
                    r->material);
    } else if (n_ops) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "no agreement from %s to %s for %s", r->sender, r->receiver,
                    r->material ? r->material : "lots of several materials");
    } else {
        jk_snprintf(x->reason, sizeof(x->reason), "no agreement from %s to %s",
                    r->sender, r->receiver);
    }
}

/* The delivery period of an event on date for the supply's recurrence:
 * the month (monthly), the fiscal quarter (quarterly), the fiscal year
 * (yearly, once); false with a reason when the date is not one. */
static bool period_of(const jk_mkt_listing *ls, const char *date, sync_row *x)
{
    jk_period p;
    int y, mo;
    if (strlen(date) != 10 || sscanf(date, "%4d-%2d", &y, &mo) != 2 ||
        y < 1900 || y > 2999 || mo < 1 || mo > 12) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "event time \"%s\" has no date", x->time);
        return false;
    }
    mkt_period_of(ls->recurrence, y, mo, &p);
    jk_period_format(&p, x->period, sizeof(x->period));
    return true;
}

static char *dup_or_empty(const char *s)
{
    return jk_strdup(s ? s : "");
}

static int on_receipt(void *vctx, const jk_ledger_receipt *r)
{
    sync_ctx *c = vctx;
    sync_row *x;
    const ref_ent *e;
    char date[16];

    if (mkt_grow((void **)&c->rows, &c->cap, c->n, sizeof(*c->rows)))
        return jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory");
    x = &c->rows[c->n++];
    memset(x, 0, sizeof(*x));
    x->seq = r->seq;
    jk_snprintf(x->ref, sizeof(x->ref), "ledger:%lld", (long long)r->seq);
    x->time = dup_or_empty(r->time);
    x->sender = dup_or_empty(r->sender);
    x->receiver = dup_or_empty(r->receiver);
    x->material = dup_or_empty(r->material);
    if (!x->time || !x->sender || !x->receiver || !x->material)
        return jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory");
    x->grams = r->mass;
    jk_snprintf(date, sizeof(date), "%.10s", r->time);
    if ((e = find_ref(c, x->ref))) {
        x->outcome = OUT_ALREADY;
        x->supply = e->supply;
        x->demand = e->demand;
        jk_snprintf(x->period, sizeof(x->period), "%s", e->period);
        if (r->erroneous)
            jk_snprintf(x->reason, sizeof(x->reason),
                        "declared erroneous after it was recorded: correct "
                        "the delivery");
        return JK_OK;
    }
    x->outcome = OUT_SKIPPED;
    if (r->erroneous) {
        jk_snprintf(x->reason, sizeof(x->reason),
                    "declared erroneous (error.declare)");
        return JK_OK;
    }
    if (r->mass <= 0) {
        jk_snprintf(x->reason, sizeof(x->reason), "no mass received");
        return JK_OK;
    }
    map_receipt(c->m, r, date, x);
    if (!x->supply)
        return JK_OK;
    if (!period_of(listing(c->m, x->supply), date, x))
        return JK_OK;
    x->outcome = OUT_RECORDED;
    return JK_OK;
}

static int write_rows(const sync_ctx *c, jk_mkt_format f, FILE *out,
                      jk_err *err)
{
    const jk_unit *t = jk_unit_find("t");
    json_t *arr = NULL;
    char tb[64], agr[2 * JK_ID_MAX + 2];
    size_t i;

    if (f == JK_MKT_JSON && !(arr = json_array()))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (f == JK_MKT_CSV)
        fputs("entry,ref,time,sender,receiver,material,mass_t,supply,demand,"
              "period,outcome,reason\n",
              out);
    else if (f == JK_MKT_TABLE)
        fprintf(out, "%5s  %-16s %10s  %-8s  %s\n", "entry", "outcome", "t",
                "period", "agreement; reason");
    for (i = 0; i < c->n; i++) {
        const sync_row *x = &c->rows[i];
        const char *s = x->supply ? x->supply : "";
        const char *d = x->demand ? x->demand : "";
        jk_mass_exact(x->grams, t, tb, sizeof(tb));
        if (f == JK_MKT_JSON) {
            json_t *o = json_pack(
                "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
                "entry", (json_int_t)x->seq, "ref", x->ref, "time", x->time,
                "sender", x->sender, "receiver", x->receiver, "material",
                x->material, "mass_t", tb, "supply", s, "demand", d, "period",
                x->period, "outcome", outcome_names[x->outcome], "reason",
                x->reason);
            if (!o || json_array_append_new(arr, o)) {
                json_decref(arr);
                return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            }
        } else if (f == JK_MKT_CSV) {
            fprintf(out, "%lld,", (long long)x->seq);
            jk_csv_field(out, x->ref, false);
            jk_csv_field(out, x->time, false);
            jk_csv_field(out, x->sender, false);
            jk_csv_field(out, x->receiver, false);
            jk_csv_field(out, x->material, false);
            jk_csv_field(out, tb, false);
            jk_csv_field(out, s, false);
            jk_csv_field(out, d, false);
            jk_csv_field(out, x->period, false);
            jk_csv_field(out, outcome_names[x->outcome], false);
            jk_csv_field(out, x->reason, true);
        } else {
            const char *sep = *s && *x->reason ? "; " : "";
            jk_snprintf(agr, sizeof(agr), "%s%s%s", s, *s ? "/" : "", d);
            fprintf(out, "%5lld  %-16s %10s  %-8s  %s%s%s\n", (long long)x->seq,
                    outcome_names[x->outcome], tb, *x->period ? x->period : "-",
                    agr, sep, x->reason);
        }
    }
    if (f == JK_MKT_JSON) {
        int bad =
            json_dumpf(arr, out, JSON_INDENT(2)) || fputc('\n', out) == EOF;
        json_decref(arr);
        if (bad)
            return jk_err_set(err, JK_EIO, NULL, "write failed");
    }
    return ferror(out) ? jk_err_set(err, JK_EIO, NULL, "write failed") : JK_OK;
}

int jk_market_sync_deliveries(jk_market *m, jk_store *s, const jk_ledger *lg,
                              jk_mkt_format f, FILE *out,
                              jk_mkt_sync_counts *counts, jk_err *err)
{
    sync_ctx c;
    size_t i;
    int rc;

    memset(&c, 0, sizeof(c));
    memset(counts, 0, sizeof(*counts));
    c.m = m;
    c.err = err;
    /* One write transaction (BEGIN IMMEDIATE on SQLite) around reading
     * the stored references and inserting: two runs at once record each
     * receipt once. */
    if ((rc = jk_store_begin(s, err)))
        return rc;
    rc = jk_store_each_delivery(s, on_ref, &c, err);
    if (rc == JK_ENOMEM)
        rc = jk_err_set(err, rc, NULL, "out of memory");
    if (!rc) {
        if (c.n_refs)
            qsort(c.refs, c.n_refs, sizeof(*c.refs), cmp_ref);
        rc = jk_ledger_receipts(lg, 0, on_receipt, &c, err);
    }
    for (i = 0; i < c.n && !rc; i++) {
        sync_row *x = &c.rows[i];
        jk_store_delivery d;
        if (x->outcome != OUT_RECORDED)
            continue;
        d.supply = x->supply;
        d.demand = x->demand;
        d.period = x->period;
        d.grams = x->grams;
        d.ref = x->ref;
        rc = jk_store_put_delivery(s, &d, err);
    }
    if (rc)
        jk_store_rollback(s);
    else
        rc = jk_store_commit(s, err);
    if (!rc) {
        for (i = 0; i < c.n; i++)
            if (c.rows[i].outcome == OUT_RECORDED)
                counts->recorded++;
            else if (c.rows[i].outcome == OUT_ALREADY)
                counts->already++;
            else
                counts->skipped++;
        rc = write_rows(&c, f, out, err);
    }
    for (i = 0; i < c.n; i++) {
        jk_free(c.rows[i].time);
        jk_free(c.rows[i].sender);
        jk_free(c.rows[i].receiver);
        jk_free(c.rows[i].material);
    }
    jk_free(c.rows);
    for (i = 0; i < c.n_refs; i++) {
        jk_free(c.refs[i].ref);
        jk_free(c.refs[i].supply);
        jk_free(c.refs[i].demand);
        jk_free(c.refs[i].period);
    }
    jk_free(c.refs);
    return rc;
}
