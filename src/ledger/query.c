/*
 * Read access to the state derived from the log: lots and accounts.
 */
#include <string.h>

#include "ledger/ledger_int.h"

static const char *state_text(lg_lot_state s)
{
    static const char *const n[] = {"active", "in transit", "packed",
                                    "consumed", "destroyed"};
    return n[s];
}

int jk_ledger_lot_get(const jk_ledger *lg, const char *upi, jk_ledger_lot *out,
                      jk_err *err)
{
    const lg_lot *l = lg_map_get(&lg->lots, upi);
    memset(out, 0, sizeof(*out));
    if (!l)
        return jk_err_set(err, JK_ENOTFOUND, "upi", "no lot %s in the log",
                          upi);
    out->upi = l->upi;
    out->class_id = l->class_id;
    out->facility = l->facility;
    out->responsible = l->responsible;
    out->state = state_text(l->state);
    out->status = l->status;
    out->origin = l->origin;
    out->passport = l->passport;
    out->produced = l->produced;
    out->remaining = l->remaining;
    out->consumed = l->consumed;
    out->destroyed = l->destroyed;
    out->rec_pre = l->rec_pre0;
    out->rec_post = l->rec_post0;
    out->mb_claimed = l->mb_claimed;
    out->booked = l->booked;
    out->seq = l->seq;
    return JK_OK;
}

int jk_ledger_account_get(const jk_ledger *lg, const char *id,
                          jk_ledger_account *out, jk_err *err)
{
    const lg_account *a = lg_map_get(&lg->accounts, id);
    memset(out, 0, sizeof(*out));
    if (!a)
        return jk_err_set(err, JK_ENOTFOUND, "account", "no account %s", id);
    out->id = a->id;
    out->facility = a->facility;
    out->characteristic = a->charac;
    out->scheme = a->scheme;
    out->opening = a->opening;
    out->credits = a->credits;
    out->debits = a->debits;
    out->balance = a->opening + a->credits - a->debits;
    out->physical = a->physical;
    out->closed = a->closed;
    out->flagged = a->flagged;
    return JK_OK;
}

const char *jk_ledger_class_passport(const jk_ledger *lg, const char *class_id)
{
    const lg_class *k = lg_map_get(&lg->classes, class_id);
    return k ? k->passport : NULL;
}

/* ---- receipts ---- */

typedef struct rcpt_ctx {
    const jk_ledger *lg;
    jk_ledger_receipt_cb cb;
    void *ctx;
    jk_err *err;
    bool past; /* stopped at the end of the replayed log */
} rcpt_ctx;

static int rcpt_row(void *vctx, int64_t seq, const char *body, const char *sig)
{
    rcpt_ctx *c = vctx;
    const lg_receipt *r;
    json_t *doc, *ev, *bt, *v;
    json_error_t je;
    jk_ledger_receipt out;
    const char **biz = NULL;
    char key[24];
    bool oom = false;
    size_t i;
    int rc;

    (void)sig;
    if (seq >= c->lg->n) {
        c->past = true;
        return -1; /* appended by another handle after this one opened */
    }
    if ((c->lg->type_of[seq] & 0x7f) != LG_TX_RECEIVE)
        return JK_OK;
    jk_snprintf(key, sizeof(key), "%lld", (long long)seq);
    r = lg_map_get(&c->lg->receipts, key);
    doc = lg_json_load(body, strlen(body), &je, &oom);
    ev = json_object_get(doc, "ev");
    if (!r || !json_is_object(ev)) {
        json_decref(doc);
        return oom ? jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory")
                   : jk_err_set(c->err, JK_ESTORE, "seq",
                                "entry %lld is not the receipt the log "
                                "replayed",
                                (long long)seq);
    }
    memset(&out, 0, sizeof(out));
    out.seq = seq;
    out.time = json_string_value(json_object_get(ev, "time"));
    out.receiver = json_string_value(json_object_get(doc, "actor"));
    out.sender = r->sender;
    out.facility = r->facility;
    out.material = r->material;
    out.mass = r->mass;
    out.erroneous = (c->lg->type_of[seq] & 0x80) != 0;
    bt = json_object_get(ev, "biz_transactions");
    out.n_biz = json_array_size(bt);
    if (out.n_biz) {
        biz = jk_calloc(2 * out.n_biz, sizeof(*biz));
        if (!biz) {
            json_decref(doc);
            return jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory");
        }
        json_array_foreach (bt, i, v) {
            biz[i] = json_string_value(json_object_get(v, "type"));
            biz[out.n_biz + i] = json_string_value(json_object_get(v, "id"));
        }
        out.biz_type = biz;
        out.biz_id = biz + out.n_biz;
    }
    if (!out.time)
        out.time = "";
    if (!out.receiver)
        out.receiver = "";
    rc = c->cb(c->ctx, &out);
    jk_free(biz);
    json_decref(doc);
    return rc;
}

int jk_ledger_receipts(const jk_ledger *lg, int64_t from,
                       jk_ledger_receipt_cb cb, void *ctx, jk_err *err)
{
    rcpt_ctx c;
    int rc;
    if (!lg->store)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "receipts are read from a ledger's store");
    c.lg = lg;
    c.cb = cb;
    c.ctx = ctx;
    c.err = err;
    c.past = false;
    rc =
        jk_store_ledger_each(lg->store, from < 0 ? 0 : from, rcpt_row, &c, err);
    return rc == -1 && c.past ? JK_OK : rc;
}
