/*
 * Checkpoints (C2SP tlog-checkpoint signed notes), proofs against the
 * log, export, import, and verification from scratch with the
 * signatures checked on several threads.
 *
 * A checkpoint note is
 *   <origin>\n<tree size>\n<base64 root>\n\n— <origin> <base64 sig>\n
 * where the signature line carries the 4-byte key hash
 * SHA-256(origin || "\n" || 0x01 || pubkey)[:4] followed by the Ed25519
 * signature of the first three lines (C2SP signed-note).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/json_alloc.h"
#include "ledger/ledger_int.h"

#define EM_DASH "\xe2\x80\x94"

static void key_hash(const char *name, const uint8_t pk[32], uint8_t out[4])
{
    uint8_t h[32];
    const uint8_t nl = '\n', alg = 0x01;
    const lg_piece pc[4] = {
        {name, strlen(name)}, {&nl, 1}, {&alg, 1}, {pk, 32}};
    lg_sha256(pc, 4, h);
    memcpy(out, h, 4);
}

static int cp_fail(jk_err *err, int64_t size, const char *msg)
{
    char where[64];
    jk_snprintf(where, sizeof(where), "I4: checkpoint %lld", (long long)size);
    return jk_err_set(err, JK_ECONSTRAINT, where, "%s", msg);
}

int lg_checkpoint_add(jk_ledger *lg, const char *note, jk_err *err)
{
    char origin[600], roottxt[64], sigtxt[200], name[600];
    const char *p = note, *nl, *body_end;
    long long size = -1;
    uint8_t root[JK_HASH_LEN], want[JK_HASH_LEN], blob[4 + 64], kh[4];
    const lg_operator *op;
    const lg_key *k;
    size_t got;
    bool ok = false;

    /* line 1: origin */
    nl = strchr(p, '\n');
    if (!nl || (size_t)(nl - p) >= sizeof(origin))
        return cp_fail(err, -1, "malformed note");
    memcpy(origin, p, (size_t)(nl - p));
    origin[nl - p] = '\0';
    p = nl + 1;
    if (sscanf(p, "%lld\n", &size) != 1 || size < 0)
        return cp_fail(err, -1, "malformed tree size");
    p = strchr(p, '\n') + 1;
    nl = strchr(p, '\n');
    if (!nl || (size_t)(nl - p) >= sizeof(roottxt))
        return cp_fail(err, size, "malformed root");
    memcpy(roottxt, p, (size_t)(nl - p));
    roottxt[nl - p] = '\0';
    body_end = nl + 1;
    if (lg_unb64(roottxt, root, JK_HASH_LEN))
        return cp_fail(err, size, "malformed root");
    if (*body_end != '\n')
        return cp_fail(err, size, "no blank line before signatures");
    if (!lg->origin || strcmp(origin, lg->origin) != 0)
        return cp_fail(err, size, "the origin is not this log's");
    if (size > lg->n)
        return cp_fail(err, size, "the checkpoint is larger than the log");
    if (size <= lg->last_cp)
        return cp_fail(err, size, "checkpoint sizes must increase");
    jk_merkle_root(lg->tree, (uint64_t)size, want, NULL);
    if (sodium_memcmp(want, root, JK_HASH_LEN) != 0)
        return cp_fail(err, size,
                       "the root does not match the log: history differs");
    /* I4: consistent with the previous checkpoint. */
    if (lg->last_cp > 0) {
        jk_merkle_proof pr;
        jk_err e2;
        if (jk_merkle_consistency(lg->tree, (uint64_t)lg->last_cp,
                                  (uint64_t)size, &pr, &e2) ||
            sodium_memcmp(pr.root1, lg->last_cp_root, JK_HASH_LEN) != 0 ||
            jk_merkle_verify(&pr, &e2))
            return cp_fail(err, size,
                           "not consistent with the previous checkpoint");
    }
    op = lg_map_get(&lg->operators, lg->op);
    for (p = body_end + 1; *p;) {
        nl = strchr(p, '\n');
        if (!nl)
            break;
        if (strncmp(p, EM_DASH " ", 4) == 0 &&
            sscanf(p + 4, "%599s %199s", name, sigtxt) == 2 &&
            strcmp(name, lg->origin) == 0 &&
            lg_unb64_upto(sigtxt, blob, sizeof(blob), &got) == JK_OK &&
            got == sizeof(blob)) {
            for (k = op ? op->keys : NULL; k; k = k->next) {
                key_hash(lg->origin, k->pk, kh);
                if (memcmp(kh, blob, 4) == 0 &&
                    crypto_sign_verify_detached(blob + 4, (const uint8_t *)note,
                                                (size_t)(body_end - note),
                                                k->pk) == 0)
                    ok = true;
            }
        }
        p = nl + 1;
    }
    if (!ok)
        return cp_fail(err, size, "no valid signature of the log operator");
    lg->last_cp = size;
    memcpy(lg->last_cp_root, root, JK_HASH_LEN);
    return JK_OK;
}

int jk_ledger_checkpoint(jk_ledger *lg, const jk_ledger_key *k, char **note,
                         jk_err *err)
{
    const lg_operator *op;
    uint8_t root[JK_HASH_LEN], blob[4 + 64];
    char r64[64], s64[128];
    jk_buf b;
    int rc;

    if (note)
        *note = NULL;
    if (lg->n < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "ledger unusable");
    op = lg_map_get(&lg->operators, lg->op);
    if (strcmp(k->uoi, lg->op) != 0 || !lg_key_at(op, k->key_id, lg->last_rt))
        return jk_err_set(err, JK_ECONSTRAINT, "I5: checkpoint",
                          "only the log operator (%s) signs checkpoints, "
                          "with a valid key",
                          lg->op);
    {
        const lg_key *lk = lg_key_at(op, k->key_id, lg->last_rt);
        if (memcmp(lk->pk, k->pk, 32) != 0)
            return jk_err_set(err, JK_ECONSTRAINT, "I5: checkpoint",
                              "the key file does not hold key %u of %s",
                              (unsigned)k->key_id, k->uoi);
    }
    if (lg->n == lg->last_cp)
        return jk_err_set(err, JK_EEXIST, "checkpoint",
                          "the log has a checkpoint at size %lld already",
                          (long long)lg->n);
    jk_merkle_root(lg->tree, (uint64_t)lg->n, root, NULL);
    lg_b64(root, JK_HASH_LEN, r64, sizeof(r64));
    jk_buf_init(&b, 1 << 16);
    rc = jk_buf_addf(&b, "%s\n%lld\n%s\n", lg->origin, (long long)lg->n, r64);
    if (rc == JK_OK) {
        key_hash(lg->origin, k->pk, blob);
        crypto_sign_detached(blob + 4, NULL, (const uint8_t *)b.data, b.len,
                             k->sk);
        lg_b64(blob, sizeof(blob), s64, sizeof(s64));
        rc = jk_buf_addf(&b, "\n" EM_DASH " %s %s\n", lg->origin, s64);
    }
    if (rc) {
        jk_buf_free(&b);
        return jk_err_set(err, rc, NULL, "out of memory");
    }
    rc = lg_checkpoint_add(lg, b.data, err);
    if (rc == JK_OK)
        rc = jk_store_ledger_put_checkpoint(lg->store, lg->n, b.data, err);
    if (rc == JK_OK && note) {
        *note = b.data;
        return JK_OK;
    }
    jk_buf_free(&b);
    return rc;
}

/* ---- proofs ---- */

int jk_ledger_inclusion(const jk_ledger *lg, int64_t seq, int64_t size,
                        jk_merkle_proof *out, jk_err *err)
{
    if (size <= 0)
        size = lg->last_cp > seq ? lg->last_cp : lg->n;
    if (seq < 0)
        return jk_err_set(err, JK_ERANGE, "seq", "no entry %lld",
                          (long long)seq);
    return jk_merkle_inclusion(lg->tree, (uint64_t)seq, (uint64_t)size, out,
                               err);
}

int jk_ledger_consistency(const jk_ledger *lg, int64_t size1, int64_t size2,
                          jk_merkle_proof *out, jk_err *err)
{
    if (size1 < 0 || size2 < 0)
        return jk_err_set(err, JK_ERANGE, "size", "negative tree size");
    return jk_merkle_consistency(lg->tree, (uint64_t)size1, (uint64_t)size2,
                                 out, err);
}

typedef struct one_ctx {
    jk_buf *out; /* body copy */
    bool found;  /* row seen */
} one_ctx;

static int one_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    one_ctx *o = ctx;
    (void)seq;
    (void)sig;
    o->found = true;
    jk_buf_reset(o->out);
    if (jk_buf_adds(o->out, body))
        return JK_ENOMEM;
    return -1; /* stop after one */
}

int jk_ledger_entry(const jk_ledger *lg, int64_t seq, jk_buf *body, jk_err *err)
{
    one_ctx o = {body, false};
    int rc;
    if (seq < 0 || seq >= lg->n)
        return jk_err_set(err, JK_ENOTFOUND, "seq", "no entry %lld",
                          (long long)seq);
    rc = jk_store_ledger_each(lg->store, seq, one_row, &o, err);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, rc, NULL, "out of memory");
    return o.found ? JK_OK
                   : jk_err_set(err, JK_ENOTFOUND, "seq", "no entry %lld",
                                (long long)seq);
}

/* ---- verification with threads ---- */

#define BATCH 4096
/* A first block that holds a slice's parsed bodies (about 2 KB each). */
#define PREP_ARENA  (8u << 20)
#define LG_LINE_MAX (1u << 21)

/* One batch of signature checks, verified by worker threads while the
 * main thread parses and checks the next batch. Workers take chunks of
 * SIG_CHUNK jobs from a shared counter, and the main thread joins in
 * when it has to wait for the batch, so no core idles while one slice
 * lags behind another. */
#define SIG_CHUNK 32

typedef struct sig_batch sig_batch;

typedef struct sig_worker_arg {
    sig_batch *b; /* the batch */
    int64_t bad;  /* first failure this thread saw, or -1 */
} sig_worker_arg;

struct sig_batch {
    lg_sigjob *jobs;       /* signature checks */
    char **bodies;         /* their bodies */
    size_t n;              /* jobs */
    atomic_size_t next;    /* the next job to take */
    sig_worker_arg wa[17]; /* one per thread, the last for the caller */
    pthread_t th[16];      /* the threads */
    bool started[16];      /* thread t runs */
    int nt;                /* threads */
    bool running;          /* started, not yet joined */
};

typedef struct verifier {
    jk_ledger lg;     /* fresh state */
    sig_batch b[2];   /* double buffer */
    int cur;          /* the batch being filled */
    int64_t *rseq;    /* rows read, not yet applied: entry numbers */
    char **rbody;     /* their bodies */
    char **rsig;      /* their signatures (hex) */
    lg_prep *prep;    /* what lg_prepare made of them */
    jk_arena *pa[16]; /* their parses, one arena per preparing thread */
    size_t nraw;      /* rows waiting */
    int threads;      /* signature threads */
    char **notes;     /* checkpoint notes (file verification) */
    size_t nnotes, capnotes;
    jk_err *err; /* error out */
} verifier;

static void *sig_worker(void *arg)
{
    sig_worker_arg *w = arg;
    sig_batch *b = w->b;
    size_t i, from, to;
    for (;;) {
        from = atomic_fetch_add(&b->next, SIG_CHUNK);
        if (from >= b->n)
            break;
        to = from + SIG_CHUNK < b->n ? from + SIG_CHUNK : b->n;
        for (i = from; i < to; i++) {
            const lg_sigjob *j = &b->jobs[i];
            const char *body = b->bodies[i];
            if ((w->bad < 0 || j->seq < w->bad) &&
                lg_sig_verify(j->sig, body, strlen(body), j->pk) != JK_OK)
                w->bad = j->seq;
        }
    }
    return NULL;
}

static void batch_start(verifier *v, sig_batch *b)
{
    int t, nt = v->threads > 16 ? 16 : v->threads;
    if ((size_t)nt > b->n)
        nt = 1;
    b->nt = nt;
    atomic_store(&b->next, 0);
    for (t = 0; t <= nt; t++) {
        b->wa[t].b = b;
        b->wa[t].bad = -1;
    }
    for (t = 0; t < nt; t++) {
        b->started[t] =
            pthread_create(&b->th[t], NULL, sig_worker, &b->wa[t]) == 0;
        if (!b->started[t])
            sig_worker(&b->wa[t]);
    }
    b->running = true;
}

/* Join a batch; on a failure name its first bad entry. */
static int batch_wait(verifier *v, sig_batch *b)
{
    int64_t bad = -1;
    size_t i;
    int t;
    if (!b->running)
        return JK_OK;
    sig_worker(&b->wa[b->nt]); /* help rather than wait */
    for (t = 0; t <= b->nt; t++) {
        if (t < b->nt && b->started[t])
            pthread_join(b->th[t], NULL);
        if (b->wa[t].bad >= 0 && (bad < 0 || b->wa[t].bad < bad))
            bad = b->wa[t].bad;
    }
    for (i = 0; i < b->n; i++)
        jk_free(b->bodies[i]);
    b->n = 0;
    b->running = false;
    if (bad >= 0) {
        char where[64];
        jk_snprintf(where, sizeof(where), "I5: entry %lld: sig",
                    (long long)bad);
        return jk_err_set(v->err, JK_ECONSTRAINT, where,
                          "the signature does not verify under the actor's "
                          "key");
    }
    return JK_OK;
}

/* Verify everything pending, the older batch first. */
static int flush_sigs(verifier *v)
{
    sig_batch *older = &v->b[v->cur ^ 1], *cur = &v->b[v->cur];
    int rc = batch_wait(v, older);
    if (cur->n) {
        int rc2;
        batch_start(v, cur);
        rc2 = batch_wait(v, cur);
        if (rc == JK_OK)
            rc = rc2;
    }
    return rc;
}

typedef struct prep_slice {
    verifier *v; /* shared */
    size_t from; /* first row */
    size_t to;   /* past the last */
    jk_arena *a; /* where this slice's parses go */
} prep_slice;

static void *prep_worker(void *arg)
{
    prep_slice *ps = arg;
    size_t i;
    for (i = ps->from; i < ps->to; i++)
        lg_prepare(ps->v->rbody[i], ps->v->rsig[i], &ps->v->prep[i], ps->a);
    return NULL;
}

/* Apply the waiting rows in order, their bodies prepared on threads
 * first; each row's signature goes to the signature batches. */
static int apply_raw(verifier *v)
{
    prep_slice ps[16];
    pthread_t th[16];
    bool started[16];
    int t, nt = v->threads > 16 ? 16 : v->threads;
    size_t i, per;
    int rc = JK_OK;

    if (v->nraw == 0)
        return JK_OK;
    if ((size_t)nt > v->nraw)
        nt = 1;
    per = (v->nraw + (size_t)nt - 1) / (size_t)nt;
    for (t = 0; t < nt; t++) {
        ps[t].v = v;
        ps[t].from = (size_t)t * per;
        ps[t].to = ps[t].from + per > v->nraw ? v->nraw : ps[t].from + per;
        ps[t].a = v->pa[t];
        /* the calling thread takes the first slice itself */
        started[t] =
            t > 0 && pthread_create(&th[t], NULL, prep_worker, &ps[t]) == 0;
        if (t > 0 && !started[t])
            prep_worker(&ps[t]);
    }
    prep_worker(&ps[0]);
    for (t = 1; t < nt; t++)
        if (started[t])
            pthread_join(th[t], NULL);
    jk_json_keep(v->pa, nt);
    for (i = 0; i < v->nraw; i++) {
        sig_batch *b = &v->b[v->cur];
        if (rc == JK_OK) {
            rc =
                lg_process_prepared(&v->lg, v->rseq[i], v->rbody[i], v->rsig[i],
                                    &v->prep[i], &b->jobs[b->n], v->err);
            if (rc) {
                /* An earlier signature failure comes first. */
                jk_err keep = *v->err;
                if (flush_sigs(v) == JK_OK)
                    *v->err = keep;
            } else {
                b->bodies[b->n++] = v->rbody[i];
                v->rbody[i] = NULL;
                if (b->n == BATCH) {
                    rc = batch_wait(v, &v->b[v->cur ^ 1]);
                    if (rc == JK_OK) {
                        batch_start(v, b);
                        v->cur ^= 1;
                    }
                }
            }
        }
        json_decref(v->prep[i].doc);
        v->prep[i].doc = NULL;
        jk_free(v->rbody[i]);
        jk_free(v->rsig[i]);
        v->rbody[i] = v->rsig[i] = NULL;
    }
    jk_json_keep(NULL, 0);
    for (t = 0; t < nt; t++)
        jk_arena_reset(v->pa[t]);
    v->nraw = 0;
    return rc;
}

static int verify_entry(verifier *v, int64_t seq, const char *body,
                        const char *sig)
{
    if (v->threads <= 1)
        return lg_process(&v->lg, seq, body, sig, NULL, v->err);
    v->rseq[v->nraw] = seq;
    v->rbody[v->nraw] = jk_strdup(body);
    v->rsig[v->nraw] = sig ? jk_strdup(sig) : NULL;
    if (!v->rbody[v->nraw] || (sig && !v->rsig[v->nraw])) {
        jk_free(v->rbody[v->nraw]);
        jk_free(v->rsig[v->nraw]);
        return jk_err_set(v->err, JK_ENOMEM, NULL, "out of memory");
    }
    v->nraw++;
    if (v->nraw == BATCH)
        return apply_raw(v);
    return JK_OK;
}

static int verifier_init(verifier *v, int threads, jk_err *err)
{
    int i;
    memset(v, 0, sizeof(*v));
    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium: init failed");
    lg_json_init();
    if (threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (int)n : 1;
    }
    v->threads = threads;
    v->err = err;
    for (i = 0; i < 2; i++) {
        v->b[i].jobs = jk_calloc(BATCH, sizeof(*v->b[i].jobs));
        v->b[i].bodies = jk_calloc(BATCH, sizeof(*v->b[i].bodies));
        if (!v->b[i].jobs || !v->b[i].bodies)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    v->rseq = jk_calloc(BATCH, sizeof(*v->rseq));
    v->rbody = jk_calloc(BATCH, sizeof(*v->rbody));
    v->rsig = jk_calloc(BATCH, sizeof(*v->rsig));
    v->prep = jk_calloc(BATCH, sizeof(*v->prep));
    if (!v->rseq || !v->rbody || !v->rsig || !v->prep || lg_state_init(&v->lg))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; i < (threads > 16 ? 16 : threads); i++)
        if (!(v->pa[i] = jk_arena_new(PREP_ARENA)))
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return JK_OK;
}

static void verifier_free(verifier *v)
{
    size_t i;
    int k;
    for (k = 0; k < 2; k++) {
        jk_err e2;
        jk_err *keep = v->err;
        v->err = &e2;
        batch_wait(v, &v->b[k]);
        v->err = keep;
        for (i = 0; i < v->b[k].n; i++)
            jk_free(v->b[k].bodies[i]);
        jk_free(v->b[k].jobs);
        jk_free(v->b[k].bodies);
    }
    jk_json_keep(v->pa, 16);
    for (i = 0; i < v->nraw; i++) {
        jk_free(v->rbody[i]);
        jk_free(v->rsig[i]);
        json_decref(v->prep[i].doc);
    }
    jk_json_keep(NULL, 0);
    for (k = 0; k < 16; k++)
        jk_arena_free(v->pa[k]);
    jk_free(v->rseq);
    jk_free(v->rbody);
    jk_free(v->rsig);
    jk_free(v->prep);
    for (i = 0; i < v->nnotes; i++)
        jk_free(v->notes[i]);
    jk_free(v->notes);
    lg_state_free(&v->lg);
}

static int verify_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    verifier *v = ctx;
    return verify_entry(v, seq, body, sig);
}

static int verify_cp(void *ctx, int64_t size, const char *note, const char *sig)
{
    verifier *v = ctx;
    (void)size;
    (void)sig;
    return lg_checkpoint_add(&v->lg, note, v->err);
}

static void report(verifier *v, jk_ledger_report *rep, int64_t ncp)
{
    if (!rep)
        return;
    memset(rep, 0, sizeof(*rep));
    rep->entries = v->lg.n;
    rep->checkpoints = ncp;
    rep->threads = v->threads;
    jk_merkle_root(v->lg.tree, (uint64_t)v->lg.n, rep->root, NULL);
}

typedef struct cp_count {
    verifier *v; /* verifier */
    int64_t n;   /* checkpoints seen */
} cp_count;

static int count_cp(void *ctx, int64_t size, const char *note, const char *sig)
{
    cp_count *c = ctx;
    int rc = verify_cp(c->v, size, note, sig);
    if (rc == JK_OK)
        c->n++;
    return rc;
}

int jk_ledger_verify_store(jk_store *s, int threads, jk_ledger_report *rep,
                           jk_err *err)
{
    verifier v;
    cp_count cc;
    int rc = verifier_init(&v, threads, err);

    if (rc == JK_OK)
        rc = jk_store_ledger_each(s, 0, verify_row, &v, err);
    if (rc == JK_OK)
        rc = apply_raw(&v);
    if (rc == JK_OK)
        rc = flush_sigs(&v);
    if (rc == JK_OK && v.lg.n == 0)
        rc = jk_err_set(err, JK_ENOTFOUND, NULL, "the store holds no ledger");
    cc.v = &v;
    cc.n = 0;
    if (rc == JK_OK)
        rc = jk_store_ledger_each_checkpoint(s, count_cp, &cc, err);
    if (rc == JK_OK)
        report(&v, rep, cc.n);
    verifier_free(&v);
    return rc;
}

/* ---- export files ---- */

typedef int (*line_fn)(void *ctx, int64_t seq, const char *body,
                       const char *sig);

/* One line into b (without the newline); false at the end of file. */
static bool read_line(FILE *fp, jk_buf *b, int *rc)
{
    char chunk[4096];
    bool any = false;
    jk_buf_reset(b);
    while (fgets(chunk, sizeof(chunk), fp)) {
        size_t n = strlen(chunk);
        any = true;
        if ((*rc = jk_buf_add(b, chunk, n)) != JK_OK)
            return false;
        if (n && chunk[n - 1] == '\n')
            break;
    }
    return any;
}

/* Read an export file: entries in order to fn, checkpoint notes to cp.
 * Errors name the file and line. */
static int read_export(const char *path, line_fn fn, line_fn cp, void *ctx,
                       jk_err *err)
{
    FILE *fp = fopen(path, "rb");
    jk_buf line;
    int lrc = JK_OK;
    long lineno = 0;
    int64_t seq = 0;
    int rc = JK_OK;

    if (!fp)
        return jk_err_set(err, JK_EIO, path, "cannot read");
    lg_json_init();
    jk_buf_init(&line, LG_LINE_MAX);
    while (rc == JK_OK && read_line(fp, &line, &lrc)) {
        json_t *doc, *e, *s, *n;
        json_error_t je;
        char where[JK_ERR_WHERE];
        bool oom;
        lineno++;
        jk_snprintf(where, sizeof(where), "%s:%ld", path, lineno);
        doc = lg_json_load(line.data, line.len, &je, &oom);
        if (!doc) {
            rc = oom ? jk_err_set(err, JK_ENOMEM, NULL, "out of memory")
                     : jk_err_set(err, JK_EPARSE, where, "malformed JSON: %s",
                                  je.text);
            break;
        }
        e = json_object_get(doc, "entry");
        s = json_object_get(doc, "sig");
        n = json_object_get(doc, "checkpoint");
        if (json_is_object(e) && json_is_string(s)) {
            char *body = lg_canon(e);
            if (!body)
                rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            else
                rc = fn(ctx, seq++, body, json_string_value(s));
            jk_free(body);
        } else if (json_is_string(n)) {
            rc = cp(ctx, -1, json_string_value(n), NULL);
        } else {
            rc = jk_err_set(err, JK_EPARSE, where,
                            "expected {\"entry\": {...}, \"sig\": \"...\"} "
                            "or {\"checkpoint\": \"...\"}");
        }
        json_decref(doc);
    }
    jk_buf_free(&line);
    fclose(fp);
    if (rc == JK_OK && lrc != JK_OK)
        rc = jk_err_set(err, lrc, path, "line %ld: too long", lineno + 1);
    return rc;
}

static int keep_note(void *ctx, int64_t size, const char *note, const char *sig)
{
    verifier *v = ctx;
    (void)size;
    (void)sig;
    if (v->nnotes == v->capnotes) {
        size_t ncap = v->capnotes ? v->capnotes * 2 : 8;
        char **p = jk_realloc(v->notes, ncap * sizeof(*p));
        if (!p)
            return jk_err_set(v->err, JK_ENOMEM, NULL, "out of memory");
        v->notes = p;
        v->capnotes = ncap;
    }
    if (!(v->notes[v->nnotes] = jk_strdup(note)))
        return jk_err_set(v->err, JK_ENOMEM, NULL, "out of memory");
    v->nnotes++;
    return JK_OK;
}

int jk_ledger_verify_file(const char *path, int threads, jk_ledger_report *rep,
                          jk_err *err)
{
    verifier v;
    size_t i;
    int rc = verifier_init(&v, threads, err);

    if (rc == JK_OK)
        rc = read_export(path, verify_row, keep_note, &v, err);
    if (rc == JK_OK)
        rc = apply_raw(&v);
    if (rc == JK_OK)
        rc = flush_sigs(&v);
    if (rc == JK_OK && v.lg.n == 0)
        rc = jk_err_set(err, JK_ENOTFOUND, path, "no ledger entries");
    for (i = 0; rc == JK_OK && i < v.nnotes; i++)
        rc = lg_checkpoint_add(&v.lg, v.notes[i], err);
    if (rc == JK_OK)
        report(&v, rep, (int64_t)v.nnotes);
    verifier_free(&v);
    return rc;
}

typedef struct export_ctx {
    FILE *out; /* destination */
} export_ctx;

static int export_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    export_ctx *x = ctx;
    (void)seq;
    fprintf(x->out, "{\"entry\":%s,\"sig\":\"%s\"}\n", body, sig);
    return JK_OK;
}

static int export_cp(void *ctx, int64_t size, const char *note, const char *sig)
{
    export_ctx *x = ctx;
    json_t *s = json_string(note);
    char *t = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    (void)size;
    (void)sig;
    json_decref(s);
    if (!t)
        return JK_ENOMEM;
    fprintf(x->out, "{\"checkpoint\":%s}\n", t);
    jk_free(t);
    return JK_OK;
}

int jk_ledger_export(jk_ledger *lg, FILE *out, jk_err *err)
{
    export_ctx x = {out};
    int rc;
    lg_json_init();
    rc = jk_store_ledger_each(lg->store, 0, export_row, &x, err);
    if (rc == JK_OK)
        rc = jk_store_ledger_each_checkpoint(lg->store, export_cp, &x, err);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, rc, NULL, "out of memory");
    if (rc == JK_OK && (fflush(out) != 0 || ferror(out)))
        return jk_err_set(err, JK_EIO, NULL, "write error");
    return rc;
}

/* ---- import (replication) ---- */

typedef struct import_ctx {
    jk_ledger *lg; /* target */
    int64_t added; /* entries appended */
    jk_err *err;   /* error out */
} import_ctx;

static int import_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    import_ctx *im = ctx;
    jk_ledger *lg = im->lg;
    int rc;
    if (seq < lg->n) {
        uint8_t s[64], chain[JK_HASH_LEN], leaf[JK_HASH_LEN], have[JK_HASH_LEN];
        char where[64];
        jk_snprintf(where, sizeof(where), "I1: entry %lld", (long long)seq);
        if (lg_unhex(sig, s, 64))
            return jk_err_set(im->err, JK_ECONSTRAINT, where,
                              "malformed signature");
        lg_entry_hashes(body, strlen(body), s, chain, leaf);
        jk_merkle_leaf_at(lg->tree, (uint64_t)seq, have);
        if (memcmp(leaf, have, JK_HASH_LEN) != 0)
            return jk_err_set(im->err, JK_ECONSTRAINT, where,
                              "differs from the stored entry: history "
                              "cannot be rewritten");
        return JK_OK;
    }
    rc = lg_process(lg, seq, body, sig, NULL, im->err);
    if (rc == JK_OK)
        rc = jk_store_ledger_put(lg->store, seq, body, sig, im->err);
    if (rc == JK_OK)
        im->added++;
    return rc;
}

static int import_cp(void *ctx, int64_t size, const char *note, const char *sig)
{
    import_ctx *im = ctx;
    long long n = -1;
    const char *nl = strchr(note, '\n');
    int rc;
    (void)size;
    (void)sig;
    if (nl)
        sscanf(nl + 1, "%lld", &n);
    if (n <= im->lg->last_cp)
        return JK_OK; /* one we hold */
    rc = lg_checkpoint_add(im->lg, note, im->err);
    if (rc == JK_OK)
        rc = jk_store_ledger_put_checkpoint(im->lg->store, n, note, im->err);
    return rc;
}

int jk_ledger_import(jk_store *s, const char *path, int64_t *added, jk_err *err)
{
    jk_ledger *lg = NULL;
    import_ctx im;
    int64_t n = 0;
    int rc;

    if (added)
        *added = 0;
    rc = jk_store_ledger_count(s, &n, err);
    if (rc)
        return rc;
    if (n > 0) {
        rc = jk_ledger_open(s, &lg, err);
        if (rc)
            return rc;
    } else {
        if (sodium_init() < 0)
            return jk_err_set(err, JK_EINTERNAL, NULL,
                              "libsodium: init failed");
        lg_json_init();
        lg = jk_calloc(1, sizeof(*lg));
        if (!lg || lg_state_init(lg)) {
            jk_ledger_close(lg);
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        }
        lg->store = s;
    }
    im.lg = lg;
    im.added = 0;
    im.err = err;
    /* Serialisable like an append; a conflict is reported (JK_EBUSY),
     * not retried: the import starts again from its file. */
    rc = jk_store_begin_level(s, JK_TX_SERIALIZABLE, err);
    if (rc == JK_OK) {
        rc = read_export(path, import_row, import_cp, &im, err);
        if (rc == JK_OK && lg->n == 0)
            rc = jk_err_set(err, JK_ENOTFOUND, path, "no ledger entries");
        if (rc == JK_OK)
            rc = jk_store_commit(s, err);
        if (rc)
            jk_store_rollback(s);
    }
    jk_ledger_close(lg);
    if (rc == JK_OK && added)
        *added = im.added;
    return rc;
}
