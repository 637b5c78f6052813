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
