/*
 * The ledger's API: the log's state and checkpoint, its entries with
 * their signatures (auditors and admins), RFC 6962 inclusion and
 * consistency proofs (public: hashes only), lots with their trace and
 * EPCIS events (auditors and admins), and passports with the attributes
 * the caller's role may read, also as a UNTP passport with proofs.
 *
 * Appends stay on the command line: they are signed with the actors'
 * private keys, which the server never holds. Each worker thread keeps
 * the ledger replayed from its own store connection and replays it
 * again when the log in the store has grown or got a new checkpoint.
 */
#include <pthread.h>
#include <string.h>

#include "server/srv_int.h"

/* ---- the per-thread ledger ---- */

typedef struct lg_cache {
    jk_store *s;   /* the store it was replayed from */
    jk_ledger *lg; /* the replayed ledger */
    int64_t n;     /* entries in the store when replayed */
    int64_t cp;    /* size of the last checkpoint then (-1: none) */
} lg_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void free_cache(void *p)
{
    lg_cache *c = p;
    if (!c)
        return;
    jk_ledger_close(c->lg); /* does not touch the store */
    jk_free(c);
}

static void make_cache_key(void)
{
    pthread_key_create(&cache_key, free_cache);
}

/* The last checkpoint of the store: its tree size (-1: none) and, when
 * note is non-NULL, its signed note. */
typedef struct cp_last {
    int64_t size;
    jk_buf *note;
    int rc;
} cp_last;

static int on_checkpoint(void *ctx, int64_t size, const char *note,
                         const char *sig)
{
    cp_last *c = ctx;
    (void)sig;
    c->size = size;
    if (c->note) {
        jk_buf_reset(c->note);
        if (jk_buf_adds(c->note, note))
            return c->rc = JK_ENOMEM;
    }
    return 0;
}

static int last_checkpoint(jk_store *s, cp_last *c, jk_err *err)
{
    int rc;
    c->size = -1;
    c->rc = 0;
    rc = jk_store_ledger_each_checkpoint(s, on_checkpoint, c, err);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, rc, NULL, "out of memory");
    return rc;
}

static int no_ledger(srv_req *r)
{
    return srv_error(r, 404, "not_configured", NULL,
                     "this store holds no ledger (junkan ledger init)");
}

/* The entries in the store; 0 and an answer (404) when there is no
 * log, -1 and an answer on errors. */
static int64_t store_size(srv_req *r, jk_store *s)
{
    int64_t n = 0;
    jk_err err;
    if (jk_store_ledger_count(s, &n, &err)) {
        srv_fail(r, &err);
        return -1;
    }
    if (n == 0)
        no_ledger(r);
    return n;
}

/* This thread's ledger, replayed again when the store's log changed;
 * NULL after answering. */
jk_ledger *srv_ledger(srv_req *r)
{
    jk_store *s = srv_store(r);
    lg_cache *c;
    cp_last cp = {-1, NULL, 0};
    jk_ledger *lg = NULL;
    jk_err err;
    int64_t n;

    if (!s || (n = store_size(r, s)) <= 0)
        return NULL;
    if (last_checkpoint(s, &cp, &err)) {
        srv_fail(r, &err);
        return NULL;
    }
    pthread_once(&cache_once, make_cache_key);
    c = pthread_getspecific(cache_key);
    if (c && c->s == s && c->n == n && c->cp == cp.size)
        return c->lg;
    if (!c) {
        if (!(c = jk_calloc(1, sizeof(*c)))) {
            srv_error(r, 500, "internal", NULL, "out of memory");
            return NULL;
        }
        pthread_setspecific(cache_key, c);
    }
    jk_ledger_close(c->lg);
    c->lg = NULL;
    c->n = -1; /* nothing cached until a replay succeeds */
    if (jk_ledger_open(s, &lg, &err)) {
        if (err.code == JK_ENOTFOUND)
            no_ledger(r);
        else
            srv_fail(r, &err);
        return NULL;
    }
    c->s = s;
    c->lg = lg;
    /* What the replay saw: a later append or checkpoint triggers
     * another one on the next request. */
    c->n = jk_ledger_size(lg);
    c->cp = cp.size;
    return lg;
}

/* ---- helpers ---- */

static void hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

static int unhex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A non-negative integer parameter (path or query); -1 after answering
 * 400 naming the field. */
static int int_param(srv_req *r, const char *field, const char *text,
                     int64_t *out)
{
    if (!text || jk_parse_i64(text, out) || *out < 0) {
        srv_error(r, 400, "bad_parameter", field, "%s must be an integer >= 0",
                  field);
        return -1;
    }
    return 0;
}

/* Answer with JSON text made elsewhere (a proof, a UNTP or EPCIS
 * document). */
static int json_text(srv_req *r, const char *text, size_t len)
{
    jk_buf_reset(&r->out);
    if (jk_buf_add(&r->out, text, len))
        return srv_error(r, 500, "internal", NULL, "response too large");
    r->status = 200;
    r->ctype = "application/json";
    return 0;
}

/* The attribute classes a server role may read (Battery Regulation
 * Art. 77 classes, docs/internals/server.md): the public sees public
 * attributes; auditors and admins act as authorities; a member sees
 * everything of its own organisation's passports (the issuer or the
 * lot's responsible operator is "CC:ORG", e.g. jp:city-yokohama for the
 * organisation city-yokohama), legitimate-interest attributes of others'
 * passports when its organisation is a recycler or a collector, and the
 * public ones otherwise. access_of() is the role's floor; passport_access()
 * applies the organisation rules. */
static jk_ledger_access access_of(jk_role role)
{
    switch (role) {
    case JK_ROLE_AUDITOR:
    case JK_ROLE_ADMIN:
        return JK_ACCESS_AUTHORITY;
    default:
        return JK_ACCESS_PUBLIC;
    }
}

/* Does operator uoi "CC:ID" stand for the organisation org? */
static bool operator_is_org(const char *uoi, const char *org)
{
    const char *colon = uoi ? strchr(uoi, ':') : NULL;
    return colon && *org && strcmp(colon + 1, org) == 0;
}

typedef struct kind_ctx {
    const char *org;
    jk_org_kind kind;
} kind_ctx;

static int on_org_kind(void *ctx, const jk_org *o)
{
    kind_ctx *k = ctx;
    if (strcmp(o->id, k->org) == 0) {
        k->kind = o->kind;
        return 1;
    }
    return 0;
}

static jk_ledger_access passport_access(srv_req *r, const jk_ledger *lg,
                                        const jk_ledger_passport *p)
{
    jk_ledger_lot lot;
    kind_ctx k = {r->g.org, (jk_org_kind)0};
    jk_store *s;
    jk_err err;
    if (r->g.role != JK_ROLE_MEMBER)
        return access_of(r->g.role);
    if (operator_is_org(p->issuer, r->g.org) ||
        (jk_ledger_lot_get(lg, p->upi, &lot, &err) == JK_OK &&
         operator_is_org(lot.responsible, r->g.org)))
        return JK_ACCESS_AUTHORITY;
    if ((s = srv_store(r)) != NULL)
        jk_store_each_org(s, on_org_kind, &k, &err);
    if (k.kind == JK_ORG_RECYCLER || k.kind == JK_ORG_COLLECTOR)
        return JK_ACCESS_LEGIT_INTEREST;
    return JK_ACCESS_PUBLIC;
}

/* ---- GET /ledger ---- */

static int h_ledger(srv_req *r)
{
    jk_ledger *lg = srv_ledger(r);
    jk_buf note;
    cp_last cp;
    uint8_t root[JK_HASH_LEN];
    char rh[2 * JK_HASH_LEN + 1];
    json_t *doc, *ck = NULL;
    jk_err err;
    int64_t n;

    if (!lg)
        return 0;
    n = jk_ledger_size(lg);
    jk_buf_init(&note, 1u << 16);
    cp.note = &note;
    if (last_checkpoint(srv_store(r), &cp, &err)) {
        jk_buf_free(&note);
        return srv_fail(r, &err);
    }
    /* The checkpoint read may be newer than this thread's replay: its
     * root comes from the note's tree size, which the replay holds
     * unless an append landed in between. */
    if (cp.size >= 0) {
        ck = json_pack("{s:I, s:s}", "tree_size", (json_int_t)cp.size, "note",
                       jk_buf_str(&note));
        {
            jk_merkle_proof p;
            if (cp.size > 0 &&
                jk_ledger_inclusion(lg, 0, cp.size, &p, NULL) == JK_OK) {
                hex(p.root2, JK_HASH_LEN, rh);
                json_object_set_new(ck, "root_sha256", json_string(rh));
            }
        }
    }
    jk_buf_free(&note);
    {
        jk_merkle_proof p;
        if (jk_ledger_inclusion(lg, 0, n, &p, &err))
            return srv_fail(r, &err);
        memcpy(root, p.root2, JK_HASH_LEN);
    }
    hex(root, JK_HASH_LEN, rh);
    doc = json_pack("{s:s, s:I, s:s, s:o}", "origin", jk_ledger_origin(lg),
                    "size", (json_int_t)n, "root_sha256", rh, "checkpoint",
                    ck ? ck : json_null());
    return srv_json(r, 200, doc);
}

/* ---- entries ---- */

#define STOP (-1) /* ends a walk over the rows early */

typedef struct entry_ctx {
    json_t *items;
    size_t want; /* rows to take */
    int rc;
} entry_ctx;

/* One entry: its canonical body (the signed bytes), the parsed entry
 * for reading, the signature and the Merkle leaf hash. */
static json_t *entry_json(int64_t seq, const char *body, const char *sig)
{
    size_t blen = strlen(body), slen = strlen(sig), i;
    uint8_t leaf[JK_HASH_LEN];
    char lh[2 * JK_HASH_LEN + 1];
    unsigned char *buf;
    json_t *parsed, *o;

    buf = jk_malloc(blen + slen / 2 + 1);
    if (!buf)
        return NULL;
    memcpy(buf, body, blen);
    for (i = 0; i + 1 < slen; i += 2) {
        int hi = unhex_digit(sig[i]), lo = unhex_digit(sig[i + 1]);
        buf[blen + i / 2] =
            (unsigned char)((hi < 0 ? 0 : hi) << 4 | (lo < 0 ? 0 : lo));
    }
    /* leaf = SHA-256(0x00 || body || sig) */
    jk_merkle_leaf(buf, blen + slen / 2, leaf);
    jk_free(buf);
    hex(leaf, JK_HASH_LEN, lh);
    parsed = json_loads(body, 0, NULL);
    o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "seq",
                  (json_int_t)seq, "type",
                  json_string_value(json_object_get(parsed, "type"))
                      ? json_string_value(json_object_get(parsed, "type"))
                      : "",
                  "actor",
                  json_string_value(json_object_get(parsed, "actor"))
                      ? json_string_value(json_object_get(parsed, "actor"))
                      : "",
                  "rt",
                  json_string_value(json_object_get(parsed, "rt"))
                      ? json_string_value(json_object_get(parsed, "rt"))
                      : "",
                  "body", body, "sig", sig, "leaf_sha256", lh, "entry",
                  parsed ? json_incref(parsed) : json_null());
    json_decref(parsed);
    return o;
}

static int on_entry(void *ctx, int64_t seq, const char *body, const char *sig)
{
    entry_ctx *e = ctx;
    json_t *o;
    if (e->want == 0)
        return STOP;
    o = entry_json(seq, body, sig);
    if (!o)
        return e->rc = JK_ENOMEM;
    json_array_append_new(e->items, o);
    e->want--;
    return 0;
}

static int h_entries(srv_req *r)
{
    jk_store *s = srv_store(r);
    entry_ctx e;
    size_t limit, offset;
    jk_err err;
    int64_t n;
    int rc = 0;

    if (!s || srv_page(r, &limit, &offset) || (n = store_size(r, s)) <= 0)
        return 0;
    e.items = json_array();
    e.want = limit;
    e.rc = 0;
    if ((int64_t)offset < n)
        rc = jk_store_ledger_each(s, (int64_t)offset, on_entry, &e, &err);
    if (e.rc || (rc && rc != STOP)) {
        json_decref(e.items);
        return e.rc ? srv_error(r, 500, "internal", NULL, "out of memory")
                    : srv_fail(r, &err);
    }
    return srv_json(r, 200, srv_page_doc(e.items, (size_t)n, limit, offset));
}

static int h_entry(srv_req *r)
{
    jk_store *s = srv_store(r);
    entry_ctx e;
    jk_err err;
    int64_t seq, n;
    int rc;

    if (!s || int_param(r, "seq", r->params[0], &seq) ||
        (n = store_size(r, s)) <= 0)
        return 0;
    if (seq >= n)
        return srv_error(r, 404, "not_found", "seq",
                         "no entry %lld (the log has %lld)", (long long)seq,
                         (long long)n);
    e.items = json_array();
    e.want = 1;
    e.rc = 0;
    rc = jk_store_ledger_each(s, seq, on_entry, &e, &err);
    if (e.rc || (rc && rc != STOP) || json_array_size(e.items) != 1) {
        json_decref(e.items);
        return rc && rc != STOP
                   ? srv_fail(r, &err)
                   : srv_error(r, 500, "internal", NULL,
                               "entry %lld unreadable", (long long)seq);
    }
    {
        json_t *o = json_incref(json_array_get(e.items, 0));
        json_decref(e.items);
        return srv_json(r, 200, o);
    }
}

/* ---- proofs ---- */

static int proof_answer(srv_req *r, const jk_merkle_proof *p)
{
    jk_buf b;
    int rc;
    jk_buf_init(&b, 1u << 20);
    if (jk_merkle_proof_format(p, &b)) {
        jk_buf_free(&b);
        return srv_error(r, 500, "internal", NULL, "proof too large");
    }
    rc = json_text(r, jk_buf_str(&b), b.len);
    jk_buf_free(&b);
    return rc;
}

static int h_proof(srv_req *r)
{
    jk_ledger *lg;
    const char *sz = srv_query(r, "size");
    jk_merkle_proof p;
    jk_err err;
    int64_t seq, size = 0, n;

    if (int_param(r, "seq", r->params[0], &seq) ||
        (sz && int_param(r, "size", sz, &size)) || !(lg = srv_ledger(r)))
        return 0;
    n = jk_ledger_size(lg);
    if (seq >= n)
        return srv_error(r, 404, "not_found", "seq",
                         "no entry %lld (the log has %lld)", (long long)seq,
                         (long long)n);
    if (sz && (size <= seq || size > n))
        return srv_error(r, 400, "bad_parameter", "size",
                         "size must be a tree size from %lld to %lld",
                         (long long)seq + 1, (long long)n);
    if (jk_ledger_inclusion(lg, seq, size, &p, &err))
        return srv_fail(r, &err);
    return proof_answer(r, &p);
}

static int h_consistency(srv_req *r)
{
    jk_ledger *lg;
    const char *f = srv_query(r, "from"), *t = srv_query(r, "to");
    jk_merkle_proof p;
    jk_err err;
    int64_t from, to = 0, n;

    if (!f)
        return srv_error(r, 400, "bad_parameter", "from",
                         "from is required (an older tree size)");
    if (int_param(r, "from", f, &from) || (t && int_param(r, "to", t, &to)) ||
        !(lg = srv_ledger(r)))
        return 0;
    n = jk_ledger_size(lg);
    if (!t)
        to = n;
    if (to < 1 || to > n)
        return srv_error(r, 400, "bad_parameter", "to",
                         "to must be a tree size from 1 to %lld", (long long)n);
    if (from < 1 || from > to)
        return srv_error(r, 400, "bad_parameter", "from",
                         "from must be a tree size from 1 to %lld",
                         (long long)to);
    if (jk_ledger_consistency(lg, from, to, &p, &err))
        return srv_fail(r, &err);
    return proof_answer(r, &p);
}

/* ---- lots ---- */

static int h_lot(srv_req *r)
{
    jk_ledger *lg = srv_ledger(r);
    jk_ledger_lot l;
    jk_err err;
    json_t *o;
    if (!lg)
        return 0;
    if (jk_ledger_lot_get(lg, r->params[0], &l, &err))
        return srv_fail(r, &err);
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:I, "
                  "s:I, s:I, s:I, s:I, s:I, s:I}",
                  "upi", l.upi, "class", l.class_id, "facility", l.facility,
                  "responsible", l.responsible, "state", l.state, "status",
                  l.status, "origin", l.origin, "passport",
                  l.passport ? json_string(l.passport) : json_null(),
                  "produced_g", (json_int_t)l.produced, "remaining_g",
                  (json_int_t)l.remaining, "consumed_g", (json_int_t)l.consumed,
                  "destroyed_g", (json_int_t)l.destroyed, "recycled_pre_g",
                  (json_int_t)l.rec_pre, "recycled_post_g",
                  (json_int_t)l.rec_post, "mass_balance_claim_g",
                  (json_int_t)l.mb_claimed, "booked_g", (json_int_t)l.booked,
                  "created_by_entry", (json_int_t)l.seq);
    return srv_json(r, 200, o);
}

typedef struct trace_ctx {
    json_t *items;
    const char *dir;
    size_t total, limit, offset;
} trace_ctx;

static int on_link(void *ctx, const jk_ledger_link *k)
{
    trace_ctx *t = ctx;
    size_t i = t->total++;
    if (i < t->offset || i >= t->offset + t->limit)
        return 0;
    json_array_append_new(
        t->items, json_pack("{s:s, s:i, s:s, s:s, s:I, s:s, s:I}", "direction",
                            t->dir, "depth", k->depth, "from", k->from, "to",
                            k->to, "mass_g", (json_int_t)k->mass, "kind",
                            k->kind, "entry", (json_int_t)k->seq));
    return 0;
}

static int h_trace(srv_req *r)
{
    jk_ledger *lg;
    const char *d = srv_query(r, "direction");
    bool back = true, fwd = true;
    trace_ctx t;
    jk_err err;

    if (d) {
        back = strcmp(d, "backward") == 0 || strcmp(d, "both") == 0;
        fwd = strcmp(d, "forward") == 0 || strcmp(d, "both") == 0;
        if (!back && !fwd)
            return srv_error(r, 400, "bad_parameter", "direction",
                             "direction is backward, forward or both");
    }
    memset(&t, 0, sizeof(t));
    if (srv_page(r, &t.limit, &t.offset) || !(lg = srv_ledger(r)))
        return 0;
    t.items = json_array();
    t.dir = "backward";
    if (back && jk_ledger_trace(lg, r->params[0], true, on_link, &t, &err)) {
        json_decref(t.items);
        return srv_fail(r, &err);
    }
    t.dir = "forward";
    if (fwd && jk_ledger_trace(lg, r->params[0], false, on_link, &t, &err)) {
        json_decref(t.items);
        return srv_fail(r, &err);
    }
    return srv_json(r, 200, srv_page_doc(t.items, t.total, t.limit, t.offset));
}

static int h_epcis(srv_req *r)
{
    jk_ledger *lg = srv_ledger(r);
    jk_ledger_lot l;
    jk_buf b;
    jk_err err;
    int rc;
    if (!lg)
        return 0;
    if (jk_ledger_lot_get(lg, r->params[0], &l, &err))
        return srv_fail(r, &err);
    jk_buf_init(&b, 1u << 30);
    if (jk_ledger_epcis(lg, l.upi, &b, &err)) {
        jk_buf_free(&b);
        return srv_fail(r, &err);
    }
    rc = json_text(r, jk_buf_str(&b), b.len);
    jk_buf_free(&b);
    return rc;
}

/* ---- passports ---- */

typedef struct attr_ctx {
    json_t *items;
    jk_ledger_access role;
    int withheld[3]; /* attributes above the role, per class */
} attr_ctx;

static int on_attr(void *ctx, const jk_ledger_attr *a)
{
    attr_ctx *x = ctx;
    if (a->access > x->role) {
        x->withheld[a->access]++;
        return 0;
    }
    json_array_append_new(
        x->items, json_pack("{s:s, s:s, s:s, s:s, s:I}", "key", a->key, "value",
                            a->value, "unit", a->unit ? a->unit : "", "access",
                            jk_ledger_access_name(a->access), "entry",
                            (json_int_t)a->seq));
    return 0;
}

static int h_passport(srv_req *r)
{
    jk_ledger *lg = srv_ledger(r);
    jk_ledger_passport p;
    attr_ctx x;
    jk_err err;
    json_t *o;

    if (!lg)
        return 0;
    if (jk_ledger_passport_get(lg, r->params[0], &p, &err))
        return srv_fail(r, &err);
    memset(&x, 0, sizeof(x));
    x.role = passport_access(r, lg, &p);
    x.items = json_array();
    /* Walk every attribute as an authority and keep what the role may
     * read; of the rest only the number per class is told. */
    if (jk_ledger_passport_attrs(lg, p.id, JK_ACCESS_AUTHORITY, on_attr, &x,
                                 &err)) {
        json_decref(x.items);
        return srv_fail(r, &err);
    }
    o = json_pack(
        "{s:s, s:s, s:i, s:s, s:o, s:b, s:I, s:{s:s, s:s}, s:o, s:{s:i, "
        "s:i}, s:s, s:s}",
        "id", p.id, "upi", p.upi, "version", (int)p.version, "issuer", p.issuer,
        "supersedes", p.supersedes ? json_string(p.supersedes) : json_null(),
        "superseded", p.superseded, "issued_by_entry", (json_int_t)p.seq,
        "viewer", "role", jk_role_name(r->g.role), "access",
        jk_ledger_access_name(x.role), "attributes", x.items, "withheld",
        "legit_interest", x.withheld[JK_ACCESS_LEGIT_INTEREST], "authority",
        x.withheld[JK_ACCESS_AUTHORITY], "untp", "", "link", "");
    if (o) {
        char href[300];
        jk_snprintf(href, sizeof(href), "/api/v1/passports/%s/untp", p.id);
        json_object_set_new(o, "untp", json_string(href));
        jk_snprintf(href, sizeof(href), "/p/%s", p.id);
        json_object_set_new(o, "link", json_string(href));
    }
    return srv_json(r, 200, o);
}

static int h_passport_untp(srv_req *r)
{
    jk_ledger *lg = srv_ledger(r);
    jk_ledger_passport p;
    jk_buf b;
    jk_err err;
    int rc;
    if (!lg)
        return 0;
    if (jk_ledger_passport_get(lg, r->params[0], &p, &err))
        return srv_fail(r, &err);
    jk_buf_init(&b, 1u << 30);
    if (jk_ledger_passport_untp(lg, p.id, passport_access(r, lg, &p), &b,
                                &err)) {
        jk_buf_free(&b);
        return srv_fail(r, &err);
    }
    rc = json_text(r, jk_buf_str(&b), b.len);
    jk_buf_free(&b);
    return rc;
}

#define J  "application/json"
#define PG "limit,offset"

static const srv_route routes[] = {
    {"GET", "/api/v1/ledger", h_ledger, JK_ROLE_PUBLIC, "ledger",
     "The traceability log: origin, size, root and latest signed checkpoint",
     "", J},
    {"GET", "/api/v1/ledger/entries", h_entries, JK_ROLE_AUDITOR, "ledger",
     "Entries: canonical bodies with their signatures and leaf hashes", PG, J},
    {"GET", "/api/v1/ledger/entries/{seq}", h_entry, JK_ROLE_AUDITOR, "ledger",
     "One entry with its signature and leaf hash", "", J},
    {"GET", "/api/v1/ledger/entries/{seq}/proof", h_proof, JK_ROLE_PUBLIC,
     "ledger",
     "RFC 6962 inclusion proof of an entry (hashes only; size: tree size, "
     "default the last checkpoint's)",
     "size", J},
    {"GET", "/api/v1/ledger/consistency", h_consistency, JK_ROLE_PUBLIC,
     "ledger", "RFC 6962 consistency proof between two tree sizes", "from,to",
     J},
    {"GET", "/api/v1/lots/{upi}", h_lot, JK_ROLE_AUDITOR, "ledger",
     "A lot as the log made it (masses in grams)", "", J},
    {"GET", "/api/v1/lots/{upi}/trace", h_trace, JK_ROLE_AUDITOR, "ledger",
     "The lots a lot came from (backward) or went into (forward)",
     "direction," PG, J},
    {"GET", "/api/v1/lots/{upi}/epcis", h_epcis, JK_ROLE_AUDITOR, "ledger",
     "EPCIS 2.0 events of a lot and every lot it came from", "", J},
    {"GET", "/api/v1/passports/{id}", h_passport, JK_ROLE_PUBLIC, "passports",
     "A passport with the attributes the caller's role may read", "", J},
    {"GET", "/api/v1/passports/{id}/untp", h_passport_untp, JK_ROLE_PUBLIC,
     "passports",
     "A passport as a UNTP Digital Product Passport with inclusion proofs", "",
     J},
};

const srv_table srv_ledger_routes = {routes,
                                     sizeof(routes) / sizeof(routes[0])};
