/*
 * The log: entry envelopes (canonical JSON, Ed25519, hash chain, Merkle
 * leaves), append in one store transaction, replay, checkpoints, export,
 * import and verification from scratch.
 *
 * An entry body is the canonical JSON (sorted keys, no spaces, integers
 * only) of
 *   {"actor", "eh", "ev", "kid", "prev", "rt", "seq", "type"}
 * with eh = SHA-256(type || "\n" || canonical(ev)), prev the SHA-256 of
 * the previous entry (body || sig), 64 zero hex digits for entry 0. The
 * signature is Ed25519 over "junkan-ledger-v1\n" || body; the Merkle
 * leaf is SHA-256(0x00 || body || sig).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/json_alloc.h"
#include "ledger/ledger_int.h"

#define LG_SKEW       300 /* event time may lead record time by 5 min */
#define LG_BODY_MAX   (1u << 20)
#define LG_FLAG_ERROR 0x80

const char *const lg_type_names[LG_N_TYPES] = {
#define LG_X_NAME(e, s) s,
    LG_TYPES(LG_X_NAME)
#undef LG_X_NAME
};

int lg_type_find(const char *name)
{
    int i;
    for (i = 0; i < LG_N_TYPES; i++)
        if (strcmp(lg_type_names[i], name) == 0)
            return i;
    return -1;
}

const char *jk_ledger_access_name(jk_ledger_access a)
{
    switch (a) {
    case JK_ACCESS_PUBLIC:
        return "public";
    case JK_ACCESS_LEGIT_INTEREST:
        return "legit_interest";
    case JK_ACCESS_AUTHORITY:
        return "authority";
    }
    return "?";
}

int lg_fail(lg_ctx *c, int code, const char *inv, const char *field,
            const char *fmt, ...)
{
    va_list ap;
    char where[JK_ERR_WHERE];
    char msg[JK_ERR_MSG];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    jk_snprintf(where, sizeof(where), "%s%sentry %lld%s%s", inv ? inv : "",
                inv ? ": " : "", (long long)c->seq, field ? ": " : "",
                field ? field : "");
    return jk_err_set(c->err, code, where, "%s", msg);
}

const char *lg_strdup(jk_ledger *lg, const char *s)
{
    return jk_arena_strdup(lg->arena, s ? s : "");
}

int lg_edge_add(jk_ledger *lg, const char *from, const char *to, jk_mass mass,
                int64_t seq, const char *kind)
{
    if (lg->n_edges == lg->cap_edges) {
        size_t ncap = lg->cap_edges ? lg->cap_edges * 2 : 64;
        lg_edge *e = jk_realloc(lg->edges, ncap * sizeof(*e));
        if (!e)
            return JK_ENOMEM;
        lg->edges = e;
        lg->cap_edges = ncap;
    }
    lg->edges[lg->n_edges].from = from;
    lg->edges[lg->n_edges].to = to;
    lg->edges[lg->n_edges].mass = mass;
    lg->edges[lg->n_edges].seq = seq;
    lg->edges[lg->n_edges].kind = kind;
    lg->n_edges++;
    return JK_OK;
}

const lg_key *lg_key_at(const lg_operator *op, uint32_t kid, int64_t t)
{
    const lg_key *k;
    for (k = op->keys; k; k = k->next)
        if (k->id == kid)
            return k->from <= t && t < k->revoked ? k : NULL;
    return NULL;
}

/* ---- state ---- */

void lg_state_free(jk_ledger *lg)
{
    lg_map *maps[] = {&lg->operators, &lg->facilities, &lg->classes,
                      &lg->lots,      &lg->passports,  &lg->schemes,
                      &lg->accounts,  &lg->receipts,   &lg->credits};
    size_t i;
    for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
        lg_map_free(maps[i]);
    lg_hset_free(&lg->events);
    jk_free(lg->edges);
    jk_free(lg->actor_of);
    jk_free(lg->type_of);
    jk_merkle_free(lg->tree);
    jk_arena_free(lg->arena);
}

int lg_state_init(jk_ledger *lg)
{
    jk_store *s = lg->store;
    memset(lg, 0, sizeof(*lg));
    lg->store = s;
    lg->last_cp = -1;
    lg->arena = jk_arena_new(1 << 16);
    lg->tree = jk_merkle_new();
    if (!lg->arena || !lg->tree)
        return JK_ENOMEM;
    return JK_OK;
}

/* ---- envelope ---- */

/* json_dumps in canonical form; free with jk_free. */
char *lg_canon(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

static void event_hash_n(const char *type, const char *evtext, size_t n,
                         uint8_t out[JK_HASH_LEN])
{
    const lg_piece pc[3] = {{type, strlen(type)}, {"\n", 1}, {evtext, n}};
    lg_sha256(pc, 3, out);
}

static void event_hash(const char *type, const char *evtext,
                       uint8_t out[JK_HASH_LEN])
{
    event_hash_n(type, evtext, strlen(evtext), out);
}

/*
 * The canonical text of "ev" inside a body known to be canonical: the
 * keys come sorted (actor, eh, ev, kid, ...), so ev starts after the
 * actor string and the 64-digit eh, and ends at the last ",\"kid\":"
 * (everything after ev is the fixed top-level fields). Saves
 * serialising the event again; false sends the caller to do that.
 */
static bool ev_slice(const char *body, size_t blen, const char **out, size_t *n)
{
    const char *p = body, *end;
    static const char kid[] = ",\"kid\":";
    if (strncmp(p, "{\"actor\":\"", 10) != 0)
        return false;
    for (p += 10; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
            p++;
    if (*p != '"' || strncmp(p + 1, ",\"eh\":\"", 7) != 0)
        return false;
    p += 1 + 7 + 64;
    if (p >= body + blen || strncmp(p, "\",\"ev\":", 7) != 0)
        return false;
    p += 7;
    for (end = body + blen - (sizeof(kid) - 1); end > p; end--)
        if (memcmp(end, kid, sizeof(kid) - 1) == 0)
            break;
    if (end <= p || *p != '{' || end[-1] != '}')
        return false;
    *out = p;
    *n = (size_t)(end - p);
    return true;
}

void lg_entry_hashes(const char *body, size_t blen, const uint8_t sig[64],
                     uint8_t chain[JK_HASH_LEN], uint8_t leaf[JK_HASH_LEN])
{
    const uint8_t zero = 0;
    const lg_piece pc[3] = {{&zero, 1}, {body, blen}, {sig, 64}};

    lg_sha256(pc + 1, 2, chain);
    lg_sha256(pc, 3, leaf);
}

/* Ed25519 over the domain-separated body. */
int lg_sig_verify(const uint8_t sig[64], const char *body, size_t blen,
                  const uint8_t pk[32])
{
    uint8_t stackbuf[2048];
    uint8_t *m = stackbuf;
    size_t n = sizeof(LG_DOMAIN) - 1 + blen;
    int ok;

    if (n > sizeof(stackbuf) && !(m = jk_malloc(n)))
        return JK_ENOMEM;
    memcpy(m, LG_DOMAIN, sizeof(LG_DOMAIN) - 1);
    memcpy(m + sizeof(LG_DOMAIN) - 1, body, blen);
    ok = crypto_sign_verify_detached(sig, m, n, pk) == 0;
    if (m != stackbuf)
        jk_free(m);
    return ok ? JK_OK : JK_ECONSTRAINT;
}

int lg_sign_body(const char *body, size_t blen, const uint8_t sk[64],
                 uint8_t sig[64])
{
    size_t n = sizeof(LG_DOMAIN) - 1 + blen;
    uint8_t *m = jk_malloc(n);
    if (!m)
        return JK_ENOMEM;
    memcpy(m, LG_DOMAIN, sizeof(LG_DOMAIN) - 1);
    memcpy(m + sizeof(LG_DOMAIN) - 1, body, blen);
    crypto_sign_detached(sig, NULL, m, n, sk);
    jk_free(m);
    return JK_OK;
}

static int grow_entries(jk_ledger *lg)
{
    if ((size_t)lg->n < lg->cap_entries)
        return JK_OK;
    {
        size_t ncap = lg->cap_entries ? lg->cap_entries * 2 : 256;
        const char **a = jk_realloc(lg->actor_of, ncap * sizeof(*a));
        uint8_t *t;
        if (!a)
            return JK_ENOMEM;
        lg->actor_of = a;
        t = jk_realloc(lg->type_of, ncap);
        if (!t)
            return JK_ENOMEM;
        lg->type_of = t;
        lg->cap_entries = ncap;
    }
    return JK_OK;
}

/*
 * Check one entry against the state and apply it: the envelope (seq,
 * chain, canonical form, event hash, time, key and signature), then the
 * event. With job non-NULL the signature is not checked here but its
 * inputs are written to *job for a verifier thread. On failure the state
 * is unchanged unless the code is JK_ENOMEM.
 */
static int process_doc(jk_ledger *lg, int64_t seq, const char *body,
                       json_t *doc, const char *sighex, lg_sigjob *job,
                       bool trusted, const lg_prep *pre, jk_err *err);

int lg_process(jk_ledger *lg, int64_t seq, const char *body, const char *sighex,
               lg_sigjob *job, jk_err *err)
{
    json_error_t je;
    json_t *doc;
    bool oom;
    lg_ctx c;
    int rc;

    memset(&c, 0, sizeof(c));
    c.seq = seq;
    c.err = err;
    if (strlen(body) > LG_BODY_MAX)
        return lg_fail(&c, JK_ELIMIT, NULL, "body", "longer than %u bytes",
                       LG_BODY_MAX);
    doc = lg_json_load(body, strlen(body), &je, &oom);
    if (!doc) {
        if (oom)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        return lg_fail(&c, JK_EPARSE, NULL, "body", "malformed JSON: %s",
                       je.text);
    }
    rc = process_doc(lg, seq, body, doc, sighex, job, false, NULL, err);
    json_decref(doc);
    return rc;
}

void lg_prepare(const char *body, const char *sighex, lg_prep *p, jk_arena *a)
{
    size_t blen = strlen(body);
    json_error_t je;
    bool oom;
    uint8_t sig[64];
    const char *type, *evs;
    size_t evn;
    int rc;

    memset(p, 0, sizeof(*p));
    if (blen > LG_BODY_MAX) {
        p->rc = JK_ELIMIT;
        return;
    }
    jk_json_arena(a); /* only the parse: nothing else may use a */
    p->doc = lg_json_load(body, blen, &je, &oom);
    jk_json_arena(NULL);
    if (!p->doc) {
        p->rc = oom ? JK_ENOMEM : JK_EPARSE;
        jk_strlcpy(p->msg, je.text, sizeof(p->msg));
        return;
    }
    rc = lg_is_canonical(p->doc, body, blen);
    if (rc == JK_ENOMEM) {
        json_decref(p->doc);
        p->doc = NULL;
        p->rc = JK_ENOMEM;
        return;
    }
    p->canonical = rc == JK_OK;
    type = json_string_value(json_object_get(p->doc, "type"));
    if (p->canonical && type && ev_slice(body, blen, &evs, &evn)) {
        event_hash_n(type, evs, evn, p->want_eh);
        p->have_eh = true;
    }
    if (sighex && lg_unhex(sighex, sig, 64) == JK_OK) {
        lg_entry_hashes(body, blen, sig, p->chain, p->leaf);
        p->have_hashes = true;
    }
}

int lg_process_prepared(jk_ledger *lg, int64_t seq, const char *body,
                        const char *sighex, const lg_prep *p, lg_sigjob *job,
                        jk_err *err)
{
    lg_ctx c;
    if (p->rc == JK_OK)
        return process_doc(lg, seq, body, p->doc, sighex, job, false, p, err);
    memset(&c, 0, sizeof(c));
    c.seq = seq;
    c.err = err;
    if (p->rc == JK_ENOMEM)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (p->rc == JK_ELIMIT)
        return lg_fail(&c, JK_ELIMIT, NULL, "body", "longer than %u bytes",
                       LG_BODY_MAX);
    return lg_fail(&c, JK_EPARSE, NULL, "body", "malformed JSON: %s", p->msg);
}

/* lg_process on a parsed body (doc stays the caller's). trusted: the
 * caller serialised doc into body itself (append), so a body or event
 * hash that does not match can only come from a failed allocation in
 * jansson's serialiser, which reports some as success. */
static int process_doc(jk_ledger *lg, int64_t seq, const char *body,
                       json_t *doc, const char *sighex, lg_sigjob *job,
                       bool trusted, const lg_prep *pre, jk_err *err)
{
    lg_ctx c;
    json_t *v;
    size_t blen = strlen(body);
    uint8_t sig[64], eh[JK_HASH_LEN], want[JK_HASH_LEN], prev[JK_HASH_LEN];
    uint8_t chain[JK_HASH_LEN], leaf[JK_HASH_LEN];
    const uint8_t *pk = NULL;
    uint8_t initpk[32];
    char *text = NULL;
    const char *type, *ts;
    lg_operator *op = NULL;
    bool canonical;
    int rc, t;

    memset(&c, 0, sizeof(c));
    c.lg = lg;
    c.seq = seq;
    c.err = err;
    if (seq != lg->n)
        return lg_fail(&c, JK_ECONSTRAINT, "I2", "seq",
                       "expected entry %lld next (no gaps, no rewrites)",
                       (long long)lg->n);
    if (!sighex || lg_unhex(sighex, sig, 64))
        return lg_fail(&c, JK_ECONSTRAINT, "I5", "sig",
                       "expected 128 hexadecimal digits");
    rc = JK_ECONSTRAINT;
    if (!json_is_object(doc) || json_object_size(doc) != 8) {
        lg_fail(&c, JK_EPARSE, NULL, "body",
                "expected an object of actor, eh, ev, kid, prev, rt, seq, "
                "type");
        goto done;
    }
    if (pre) {
        canonical = pre->canonical;
    } else if (trusted) {
        /* Compare with a second serialisation: the scan would not see
         * a value that jansson's serialiser lost to a failed
         * allocation. */
        text = lg_canon(doc);
        if (!text) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto done;
        }
        canonical = strcmp(text, body) == 0;
    } else {
        int crc = lg_is_canonical(doc, body, blen);
        if (crc == JK_ENOMEM) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto done;
        }
        canonical = crc == JK_OK;
    }
    if (!canonical) {
        if (trusted) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto done;
        }
        lg_fail(&c, JK_ECONSTRAINT, "I2", "body", "not in canonical form");
        goto done;
    }
    jk_free(text);
    text = NULL;
    v = json_object_get(doc, "seq");
    if (!json_is_integer(v) || json_integer_value(v) != seq) {
        lg_fail(&c, JK_ECONSTRAINT, "I2", "seq",
                "the body says %s, its place in the log is %lld",
                json_is_integer(v) ? "another number" : "no number",
                (long long)seq);
        goto done;
    }
    v = json_object_get(doc, "prev");
    if (!json_is_string(v) || lg_unhex(json_string_value(v), prev, 32) ||
        memcmp(prev, lg->last, JK_HASH_LEN) != 0) {
        lg_fail(&c, JK_ECONSTRAINT, "I2", "prev",
                "does not match the hash of entry %lld", (long long)seq - 1);
        goto done;
    }
    v = json_object_get(doc, "type");
    type = json_string_value(v);
    t = type ? lg_type_find(type) : -1;
    if (t < 0) {
        lg_fail(&c, JK_ECONSTRAINT, "I9", "type", "unknown entry type \"%s\"",
                type ? type : "");
        goto done;
    }
    c.type = (lg_type)t;
    c.ev = json_object_get(doc, "ev");
    if (!json_is_object(c.ev)) {
        lg_fail(&c, JK_ECONSTRAINT, "I9", "ev", "expected an object");
        goto done;
    }
    {
        const char *evs;
        size_t evn;
        if (pre && pre->have_eh) {
            memcpy(want, pre->want_eh, JK_HASH_LEN);
        } else if (ev_slice(body, blen, &evs, &evn)) {
            event_hash_n(type, evs, evn, want);
        } else {
            text = lg_canon(c.ev);
            if (!text) {
                rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                goto done;
            }
            event_hash(type, text, want);
            jk_free(text);
            text = NULL;
        }
    }
    v = json_object_get(doc, "eh");
    if (!json_is_string(v) || lg_unhex(json_string_value(v), eh, 32) ||
        memcmp(eh, want, JK_HASH_LEN) != 0) {
        if (trusted) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto done;
        }
        lg_fail(&c, JK_ECONSTRAINT, "I6", "eh",
                "does not match the event's hash: the entry was altered");
        goto done;
    }
    if (lg_hset_has(&lg->events, eh)) {
        lg_fail(&c, JK_ECONSTRAINT, "I6", "eh",
                "the same event is already in the log");
        goto done;
    }
    ts = json_string_value(json_object_get(doc, "rt"));
    if (!ts || lg_time_parse(ts, false, &c.rt) || ts[strlen(ts) - 1] != 'Z') {
        lg_fail(&c, JK_ECONSTRAINT, "I8", "rt",
                "expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
        goto done;
    }
    if (seq > 0 && c.rt < lg->last_rt) {
        lg_fail(&c, JK_ECONSTRAINT, "I8", "rt",
                "record time %s is before the previous entry's", ts);
        goto done;
    }
    ts = json_string_value(json_object_get(c.ev, "time"));
    if (!ts || lg_time_parse(ts, false, &c.et)) {
        lg_fail(&c, JK_ECONSTRAINT, "I8", "time",
                "expected the event time with its offset "
                "(2026-01-15T10:00:00+09:00)");
        goto done;
    }
    if (c.et > c.rt + LG_SKEW) {
        lg_fail(&c, JK_ECONSTRAINT, "I8", "time",
                "event time %s is after the record time", ts);
        goto done;
    }
    c.actor = json_string_value(json_object_get(doc, "actor"));
    v = json_object_get(doc, "kid");
    if (!c.actor || !json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > UINT32_MAX) {
        lg_fail(&c, JK_ECONSTRAINT, "I5", "actor",
                "expected an actor and a key id");
        goto done;
    }
    c.kid = (uint32_t)json_integer_value(v);
    /* The key: for log.init the one it introduces (self-signed). */
    if (seq == 0 || c.type == LG_LOG_INIT) {
        const char *h = json_string_value(json_object_get(c.ev, "pubkey"));
        if (seq != 0 || c.type != LG_LOG_INIT) {
            lg_fail(&c, JK_ECONSTRAINT, "I5", "type",
                    "the log starts with log.init, and only there");
            goto done;
        }
        if (!h || lg_unhex(h, initpk, 32)) {
            lg_fail(&c, JK_ECONSTRAINT, "I5", "pubkey",
                    "expected 64 hexadecimal digits");
            goto done;
        }
        pk = initpk;
    } else {
        const lg_key *k;
        op = lg_map_get(&lg->operators, c.actor);
        if (!op) {
            lg_fail(&c, JK_ECONSTRAINT, "I5", "actor",
                    "unknown operator \"%s\"", c.actor);
            goto done;
        }
        c.actor = op->uoi;
        k = lg_key_at(op, c.kid, c.rt);
        if (!k) {
            lg_fail(&c, JK_ECONSTRAINT, "I5", "kid",
                    "key %u of %s is not valid at %s (unknown, not yet "
                    "registered or revoked)",
                    (unsigned)c.kid, c.actor,
                    json_string_value(json_object_get(doc, "rt")));
            goto done;
        }
        pk = k->pk;
    }
    if (job) {
        memcpy(job->pk, pk, 32);
        memcpy(job->sig, sig, 64);
        job->seq = seq;
    } else if ((rc = lg_sig_verify(sig, body, blen, pk)) != JK_OK) {
        if (rc == JK_ENOMEM)
            jk_err_set(err, rc, NULL, "out of memory");
        else
            lg_fail(&c, JK_ECONSTRAINT, "I5", "sig",
                    "the signature does not verify under key %u of %s",
                    (unsigned)c.kid, c.actor);
        goto done;
    }
    rc = grow_entries(lg);
    if (rc == JK_OK)
        rc = lg_event_apply(&c);
    if (rc)
        goto done;
    /* From here on only memory can fail; the caller then reloads. */
    if (seq == 0)
        c.actor = lg->op;
    if (pre && pre->have_hashes) {
        memcpy(chain, pre->chain, JK_HASH_LEN);
        memcpy(leaf, pre->leaf, JK_HASH_LEN);
    } else {
        lg_entry_hashes(body, blen, sig, chain, leaf);
    }
    if ((rc = jk_merkle_push(lg->tree, leaf)) ||
        (rc = lg_hset_add(&lg->events, eh))) {
        jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto done;
    }
    lg->actor_of[seq] = c.actor;
    lg->type_of[seq] = (uint8_t)c.type;
    memcpy(lg->last, chain, JK_HASH_LEN);
    lg->last_rt = c.rt;
    lg->n++;
done:
    jk_free(text);
    return rc;
}

/* ---- open, replay ---- */

typedef struct replay_ctx {
    jk_ledger *lg; /* the state being rebuilt */
    jk_err *err;   /* error out */
} replay_ctx;

static int replay_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    replay_ctx *r = ctx;
    lg_sigjob job; /* signatures were checked when appended */
    return lg_process(r->lg, seq, body, sig, &job, r->err);
}

static int cp_row(void *ctx, int64_t size, const char *note, const char *sig)
{
    replay_ctx *r = ctx;
    (void)size;
    (void)sig;
    return lg_checkpoint_add(r->lg, note, r->err);
}

/* Rebuild the state from the store. */
static int reload(jk_ledger *lg, jk_err *err)
{
    replay_ctx r;
    int rc;

    lg_state_free(lg);
    rc = lg_state_init(lg);
    if (rc)
        return jk_err_set(err, rc, NULL, "out of memory");
    r.lg = lg;
    r.err = err;
    rc = jk_store_ledger_each(lg->store, 0, replay_row, &r, err);
    if (rc == JK_OK)
        rc = jk_store_ledger_each_checkpoint(lg->store, cp_row, &r, err);
    return rc;
}

int jk_ledger_open(jk_store *s, jk_ledger **out, jk_err *err)
{
    jk_ledger *lg;
    int64_t n = 0;
    int rc;

    *out = NULL;
    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium: init failed");
    lg_json_init();
    rc = jk_store_ledger_count(s, &n, err);
    if (rc)
        return rc;
    if (n == 0)
        return jk_err_set(err, JK_ENOTFOUND, NULL,
                          "the store holds no ledger; create one with "
                          "`junkan ledger init`");
    lg = jk_calloc(1, sizeof(*lg));
    if (!lg)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    lg->store = s;
    rc = reload(lg, err);
    if (rc) {
        jk_ledger_close(lg);
        return rc;
    }
    *out = lg;
    return JK_OK;
}

void jk_ledger_close(jk_ledger *lg)
{
    if (!lg)
        return;
    lg_state_free(lg);
    jk_free(lg);
}

int64_t jk_ledger_size(const jk_ledger *lg)
{
    return lg->n;
}

const char *jk_ledger_origin(const jk_ledger *lg)
{
    return lg->origin ? lg->origin : "";
}

/* ---- append ---- */

static void now_utc(char *buf, size_t cap)
{
    lg_time_format((int64_t)time(NULL), buf, cap);
}

/* Build, sign, check and store one event. */
static int append_one(jk_ledger *lg, const jk_ledger_key *k, const char *type,
                      json_t *ev, const char *rt, jk_err *err)
{
    json_t *body = NULL;
    char *evtext = NULL, *btext = NULL;
    uint8_t eh[JK_HASH_LEN], sig[64];
    char ehhex[65], prevhex[65], sighex[129];
    int rc = JK_ENOMEM;

    evtext = lg_canon(ev);
    if (!evtext)
        goto oom;
    event_hash(type, evtext, eh);
    lg_hex(eh, 32, ehhex);
    lg_hex(lg->last, 32, prevhex);
    body = json_object();
    if (!body || json_object_set_new(body, "actor", json_string(k->uoi)) ||
        json_object_set_new(body, "eh", json_string(ehhex)) ||
        json_object_set(body, "ev", ev) ||
        json_object_set_new(body, "kid", json_integer(k->key_id)) ||
        json_object_set_new(body, "prev", json_string(prevhex)) ||
        json_object_set_new(body, "rt", json_string(rt)) ||
        json_object_set_new(body, "seq", json_integer(lg->n)) ||
        json_object_set_new(body, "type", json_string(type)))
        goto oom;
    btext = lg_canon(body);
    if (!btext || lg_sign_body(btext, strlen(btext), k->sk, sig))
        goto oom;
    lg_hex(sig, 64, sighex);
    rc = process_doc(lg, lg->n, btext, body, sighex, NULL, true, NULL, err);
    if (rc == JK_OK)
        rc = jk_store_ledger_put(lg->store, lg->n - 1, btext, sighex, err);
    goto done;
oom:
    rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
done:
    jk_free(evtext);
    jk_free(btext);
    json_decref(body);
    return rc;
}

static const jk_ledger_key *key_for(const jk_ledger_key *keys, size_t nkeys,
                                    const char *actor)
{
    size_t i;
    if (!actor)
        return nkeys ? &keys[0] : NULL;
    for (i = 0; i < nkeys; i++)
        if (strcmp(keys[i].uoi, actor) == 0)
            return &keys[i];
    return NULL;
}

static int append_once(jk_ledger *lg, const jk_ledger_key *keys, size_t nkeys,
                       const char *name, const char *json, size_t len,
                       const char *record_time, int64_t *first, int64_t *count,
                       jk_err *err)
{
    json_t *doc, *item;
    json_error_t je;
    char rt[32], where[JK_ERR_WHERE];
    int64_t t, start = lg->n;
    bool oom;
    size_t i, n;
    int rc = JK_OK;

    if (first)
        *first = lg->n;
    if (count)
        *count = 0;
    if (lg->n < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL,
                          "the ledger could not be reloaded after an error; "
                          "open it again");
    if (!name)
        name = "events";
    if (record_time) {
        if (lg_time_parse(record_time, false, &t))
            return jk_err_set(err, JK_EINVAL, "record time",
                              "expected YYYY-MM-DDTHH:MM:SSZ, got \"%s\"",
                              record_time);
    } else {
        now_utc(rt, sizeof(rt));
        lg_time_parse(rt, false, &t);
        if (t < lg->last_rt)
            t = lg->last_rt;
    }
    lg_time_format(t, rt, sizeof(rt));
    lg_json_init();
    doc = lg_json_load(json, len, &je, &oom);
    if (!doc) {
        if (oom)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        jk_snprintf(where, sizeof(where), "%s:%d:%d", name, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "malformed JSON: %s", je.text);
    }
    n = json_is_array(doc) ? json_array_size(doc) : 1;
    rc = jk_store_begin_level(lg->store, JK_TX_SERIALIZABLE, err);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    for (i = 0; i < n && rc == JK_OK; i++) {
        json_t *ev;
        const char *type, *actor;
        const jk_ledger_key *k;
        char label[JK_ERR_WHERE / 2], elabel[JK_ERR_WHERE];

        item = json_is_array(doc) ? json_array_get(doc, i) : doc;
        if (json_is_array(doc))
            jk_snprintf(label, sizeof(label), "%s:$[%zu]", name, i);
        else
            jk_snprintf(label, sizeof(label), "%s:$", name);
        jk_snprintf(elabel, sizeof(elabel), "entry %lld (%s)", (long long)lg->n,
                    label);
        if (!json_is_object(item)) {
            rc = jk_err_set(err, JK_EPARSE, label, "expected an object");
            break;
        }
        type = json_string_value(json_object_get(item, "type"));
        if (!type || lg_type_find(type) < 0) {
            jk_snprintf(where, sizeof(where), "%s.type", label);
            rc = jk_err_set(err, JK_EPARSE, where,
                            "expected an entry type (lot.create, "
                            "transformation, ...), got %s",
                            type ? type : "none");
            break;
        }
        actor = json_string_value(json_object_get(item, "actor"));
        k = key_for(keys, nkeys, actor);
        if (!k) {
            jk_snprintf(where, sizeof(where), "%s.actor", label);
            rc = jk_err_set(err, JK_EINVAL, where, "no key given for actor %s",
                            actor ? actor : "");
            break;
        }
        ev = json_deep_copy(item);
        if (!ev) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            break;
        }
        json_object_del(ev, "type");
        json_object_del(ev, "actor");
        rc = lg_normalize(ev, elabel, err);
        if (rc == JK_OK)
            rc = append_one(lg, k, type, ev, rt, err);
        json_decref(ev);
    }
    json_decref(doc);
    if (rc == JK_OK)
        rc = jk_store_commit(lg->store, err);
    if (rc) {
        jk_err keep = *err;
        jk_store_rollback(lg->store);
        if (lg->n != start || rc == JK_ENOMEM) {
            jk_err e2;
            if (reload(lg, &e2))
                lg->n = -1; /* unusable; every call fails */
        }
        *err = keep;
        return rc;
    }
    if (count)
        *count = lg->n - start;
    return JK_OK;
}

/*
 * Several writers on one store (server workers, processes on one
 * PostgreSQL database): each holds the state it replayed, and the entry
 * number is the primary key, so a writer whose state is behind collides
 * on `seq` (JK_EEXIST) instead of forking the chain. append_once has
 * then rolled back and replayed the log; if the log grew meanwhile, the
 * events are checked, signed and chained again on the new head. The
 * transaction is serialisable: on PostgreSQL a writer that collides
 * with one not yet committed fails with a serialisation failure, and
 * the whole transaction is run again the same way, at most
 * JK_STORE_TX_ATTEMPTS times, after a short backoff (jk_store_tx_again).
 */
#define LG_RETRIES 8

int jk_ledger_append(jk_ledger *lg, const jk_ledger_key *keys, size_t nkeys,
                     const char *name, const char *json, size_t len,
                     const char *record_time, int64_t *first, int64_t *count,
                     jk_err *err)
{
    int attempt, conflicts = 0, rc;
    for (attempt = 0;; attempt++) {
        int64_t before = lg->n;
        rc = append_once(lg, keys, nkeys, name, json, len, record_time, first,
                         count, err);
        if (rc == JK_EEXIST && attempt < LG_RETRIES && lg->n > before)
            continue;
        if (jk_store_tx_again(lg->store, rc, ++conflicts, err) && lg->n >= 0)
            continue;
        return rc;
    }
}

int jk_ledger_create(jk_store *s, const char *origin, const char *name,
                     const jk_ledger_key *op, const char *record_time,
                     jk_err *err)
{
    jk_ledger *lg;
    json_t *ev;
    char *text;
    char pub[65], rt[32];
    int64_t n = 0;
    int rc;

    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium: init failed");
    lg_json_init();
    rc = jk_store_ledger_count(s, &n, err);
    if (rc)
        return rc;
    if (n > 0)
        return jk_err_set(err, JK_EEXIST, NULL,
                          "the store already holds a ledger");
    if (!origin || !*origin || strchr(origin, '\n') || strchr(origin, ' '))
        return jk_err_set(err, JK_EINVAL, "origin",
                          "expected a log name without spaces "
                          "(example.org/ledger)");
    lg = jk_calloc(1, sizeof(*lg));
    if (!lg || lg_state_init(lg)) {
        jk_ledger_close(lg);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    lg->store = s;
    if (!record_time) {
        now_utc(rt, sizeof(rt));
        record_time = rt;
    }
    jk_ledger_key_pubhex(op, pub, sizeof(pub));
    ev = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "type", "log.init",
                   "origin", origin, "uoi", op->uoi, "name",
                   name ? name : op->uoi, "key_id", (json_int_t)op->key_id,
                   "pubkey", pub, "time", record_time);
    text = ev ? lg_canon(ev) : NULL;
    json_decref(ev);
    if (!text) {
        jk_ledger_close(lg);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = jk_ledger_append(lg, op, 1, "log.init", text, strlen(text),
                          record_time, NULL, NULL, err);
    jk_free(text);
    jk_ledger_close(lg);
    return rc;
}
