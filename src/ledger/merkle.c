/*
 * RFC 6962 / RFC 9162 Merkle trees: leaf and node hashing, an
 * append-only tree that keeps every complete subtree hash (so that a
 * proof for any leaf of a large tree takes O(log^2 n) hash operations),
 * inclusion and consistency proofs, and their verification.
 *
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 || d0)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])),
 *                  k the largest power of two smaller than n.
 */
#include <string.h>

#include <sodium.h>

#include "ledger/ledger_int.h"

void jk_merkle_leaf(const void *data, size_t n, uint8_t out[JK_HASH_LEN])
{
    const uint8_t zero = 0x00;
    const lg_piece pc[2] = {{&zero, 1}, {data, n}};

    lg_sha256(pc, 2, out);
}

void jk_merkle_node(const uint8_t l[JK_HASH_LEN], const uint8_t r[JK_HASH_LEN],
                    uint8_t out[JK_HASH_LEN])
{
    const uint8_t one = 0x01;
    const lg_piece pc[3] = {{&one, 1}, {l, JK_HASH_LEN}, {r, JK_HASH_LEN}};

    lg_sha256(pc, 3, out);
}

/* levels[k] holds the hashes of the complete subtrees of 2^k leaves,
 * left to right; level 0 holds the leaf hashes. */
#define MAX_LEVELS 64

struct jk_merkle {
    uint8_t (*level[MAX_LEVELS])[JK_HASH_LEN]; /* hashes per level */
    uint64_t len[MAX_LEVELS];                  /* hashes used per level */
    uint64_t cap[MAX_LEVELS];                  /* hashes allocated */
    int nlevels;                               /* levels in use */
};

jk_merkle *jk_merkle_new(void)
{
    return jk_calloc(1, sizeof(jk_merkle));
}

void jk_merkle_free(jk_merkle *t)
{
    int k;

    if (!t)
        return;
    for (k = 0; k < MAX_LEVELS; k++)
        jk_free(t->level[k]);
    jk_free(t);
}

int jk_merkle_leaf_at(const jk_merkle *t, uint64_t i, uint8_t out[JK_HASH_LEN])
{
    if (i >= t->len[0])
        return JK_ERANGE;
    memcpy(out, t->level[0][i], JK_HASH_LEN);
    return JK_OK;
}

uint64_t jk_merkle_size(const jk_merkle *t)
{
    return t->len[0];
}

static int level_push(jk_merkle *t, int k, const uint8_t h[JK_HASH_LEN])
{
    if (t->len[k] == t->cap[k]) {
        uint64_t ncap = t->cap[k] ? t->cap[k] * 2 : 64;
        void *p = jk_realloc(t->level[k], (size_t)ncap * JK_HASH_LEN);
        if (!p)
            return JK_ENOMEM;
        t->level[k] = p;
        t->cap[k] = ncap;
    }
    memcpy(t->level[k][t->len[k]], h, JK_HASH_LEN);
    t->len[k]++;
    if (k + 1 > t->nlevels)
        t->nlevels = k + 1;
    return JK_OK;
}

/*
 * Append one leaf hash and every complete subtree it closes. On
 * JK_ENOMEM the tree may hold the leaf without its parents; callers
 * then discard the tree (the ledger rebuilds it from the store).
 */
int jk_merkle_push(jk_merkle *t, const uint8_t leaf[JK_HASH_LEN])
{
    int k = 0;
    int rc = level_push(t, 0, leaf);

    while (rc == JK_OK && (t->len[k] & 1) == 0 && k + 1 < MAX_LEVELS) {
        uint8_t h[JK_HASH_LEN];
        jk_merkle_node(t->level[k][t->len[k] - 2], t->level[k][t->len[k] - 1],
                       h);
        rc = level_push(t, k + 1, h);
        k++;
    }
    return rc;
}

/* Largest power of two strictly smaller than n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
    uint64_t k = 1;
    while (k << 1 < n)
        k <<= 1;
    return k;
}

/* MTH(D[a:b]) for 0 <= a < b <= size, from the cached complete
 * subtrees: aligned power-of-two ranges are one lookup. */
static void subtree_hash(const jk_merkle *t, uint64_t a, uint64_t b,
                         uint8_t out[JK_HASH_LEN])
{
    uint64_t n = b - a;
    uint8_t l[JK_HASH_LEN], r[JK_HASH_LEN];
    uint64_t k;

    if ((n & (n - 1)) == 0 && a % n == 0) {
        int lv = 0;
        while (((uint64_t)1 << lv) < n)
            lv++;
        memcpy(out, t->level[lv][a >> lv], JK_HASH_LEN);
        return;
    }
    k = split_point(n);
    subtree_hash(t, a, a + k, l);
    subtree_hash(t, a + k, b, r);
    jk_merkle_node(l, r, out);
}

int jk_merkle_root(const jk_merkle *t, uint64_t size, uint8_t out[JK_HASH_LEN],
                   jk_err *err)
{
    if (size > t->len[0])
        return jk_err_set(err, JK_ERANGE, "tree_size",
                          "tree size %llu is larger than the log (%llu)",
                          (unsigned long long)size,
                          (unsigned long long)t->len[0]);
    if (size == 0) {
        crypto_hash_sha256(out, NULL, 0);
        return JK_OK;
    }
    subtree_hash(t, 0, size, out);
    return JK_OK;
}

static int proof_add(jk_merkle_proof *p, const uint8_t h[JK_HASH_LEN])
{
    if (p->n >= JK_MERKLE_MAX_PROOF)
        return JK_ELIMIT;
    memcpy(p->path[p->n++], h, JK_HASH_LEN);
    return JK_OK;
}

/* RFC 6962 2.1.1 PATH(m, D[a:b]), appended to p. */
static int path(const jk_merkle *t, uint64_t m, uint64_t a, uint64_t b,
                jk_merkle_proof *p)
{
    uint64_t n = b - a, k;
    uint8_t h[JK_HASH_LEN];
    int rc;

    if (n <= 1)
        return JK_OK;
    k = split_point(n);
    if (m < k) {
        rc = path(t, m, a, a + k, p);
        subtree_hash(t, a + k, b, h);
    } else {
        rc = path(t, m - k, a + k, b, p);
        subtree_hash(t, a, a + k, h);
    }
    return rc ? rc : proof_add(p, h);
}

/* RFC 6962 2.1.2 SUBPROOF(m, D[a:b], b_flag), appended to p. */
static int subproof(const jk_merkle *t, uint64_t m, uint64_t a, uint64_t b,
                    bool complete, jk_merkle_proof *p)
{
    uint64_t n = b - a, k;
    uint8_t h[JK_HASH_LEN];
    int rc;

    if (m == n) {
        if (complete)
            return JK_OK;
        subtree_hash(t, a, b, h);
        return proof_add(p, h);
    }
    k = split_point(n);
    if (m <= k) {
        rc = subproof(t, m, a, a + k, complete, p);
        subtree_hash(t, a + k, b, h);
    } else {
        rc = subproof(t, m - k, a + k, b, false, p);
        subtree_hash(t, a, a + k, h);
    }
    return rc ? rc : proof_add(p, h);
}

int jk_merkle_inclusion(const jk_merkle *t, uint64_t index, uint64_t size,
                        jk_merkle_proof *out, jk_err *err)
{
    memset(out, 0, sizeof(*out));
    out->kind = JK_PROOF_INCLUSION;
    out->want_err = -1;
    if (size > t->len[0] || index >= size)
        return jk_err_set(err, JK_ERANGE, "index",
                          "no leaf %llu in a tree of %llu (the log holds "
                          "%llu)",
                          (unsigned long long)index, (unsigned long long)size,
                          (unsigned long long)t->len[0]);
    out->index = index;
    out->size2 = size;
    out->root2_len = JK_HASH_LEN;
    memcpy(out->leaf, t->level[0][index], JK_HASH_LEN);
    subtree_hash(t, 0, size, out->root2);
    if (path(t, index, 0, size, out))
        return jk_err_set(err, JK_ELIMIT, "proof", "proof too long");
    return JK_OK;
}

int jk_merkle_consistency(const jk_merkle *t, uint64_t size1, uint64_t size2,
                          jk_merkle_proof *out, jk_err *err)
{
    memset(out, 0, sizeof(*out));
    out->kind = JK_PROOF_CONSISTENCY;
    out->want_err = -1;
    if (size2 > t->len[0] || size1 > size2)
        return jk_err_set(err, JK_ERANGE, "size1",
                          "no consistency proof from %llu to %llu (the log "
                          "holds %llu)",
                          (unsigned long long)size1, (unsigned long long)size2,
                          (unsigned long long)t->len[0]);
    out->size1 = size1;
    out->size2 = size2;
    out->root1_len = out->root2_len = JK_HASH_LEN;
    jk_merkle_root(t, size1, out->root1, NULL);
    jk_merkle_root(t, size2, out->root2, NULL);
    if (size1 == 0 || size1 == size2)
        return JK_OK;
    if (subproof(t, size1, 0, size2, true, out))
        return jk_err_set(err, JK_ELIMIT, "proof", "proof too long");
    return JK_OK;
}

static bool hash_eq(const uint8_t *a, const uint8_t *b)
{
    return sodium_memcmp(a, b, JK_HASH_LEN) == 0;
}

/* A root as given (possibly not 32 bytes) equals a computed hash. */
static bool root_eq(const uint8_t *root, size_t len, const uint8_t *h)
{
    return len == JK_HASH_LEN && hash_eq(root, h);
}

/* RFC 9162 2.1.3.2: verify an inclusion proof. */
static int verify_inclusion(const jk_merkle_proof *p, jk_err *err)
{
    uint64_t fn = p->index, sn;
    uint8_t r[JK_HASH_LEN];
    size_t i;

    if (p->index >= p->size2)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: leaf_index",
                          "leaf index %llu is not below tree size %llu",
                          (unsigned long long)p->index,
                          (unsigned long long)p->size2);
    sn = p->size2 - 1;
    memcpy(r, p->leaf, JK_HASH_LEN);
    for (i = 0; i < p->n; i++) {
        if (sn == 0)
            return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                              "proof has %zu hashes, more than the tree "
                              "needs",
                              p->n);
        if ((fn & 1) || fn == sn) {
            jk_merkle_node(p->path[i], r, r);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            jk_merkle_node(r, p->path[i], r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                          "proof has %zu hashes, fewer than the tree needs",
                          p->n);
    if (!root_eq(p->root2, p->root2_len, r))
        return jk_err_set(err, JK_ECONSTRAINT, "I3: root",
                          "the proof does not lead to the root");
    return JK_OK;
}

/* RFC 9162 2.1.4.2: verify a consistency proof. */
static int verify_consistency(const jk_merkle_proof *p, jk_err *err)
{
    uint64_t fn, sn;
    uint8_t fr[JK_HASH_LEN], sr[JK_HASH_LEN];
    const uint8_t(*c)[JK_HASH_LEN] = p->path;
    size_t n = p->n, i;

    if (p->size1 > p->size2)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: size1",
                          "size1 %llu is larger than size2 %llu",
                          (unsigned long long)p->size1,
                          (unsigned long long)p->size2);
    if (p->size1 == 0)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: size1",
                          "a consistency proof from the empty tree proves "
                          "nothing");
    if (p->size1 == p->size2) {
        if (n != 0)
            return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                              "equal sizes need an empty proof");
        if (p->root1_len != p->root2_len ||
            sodium_memcmp(p->root1, p->root2, p->root1_len) != 0)
            return jk_err_set(err, JK_ECONSTRAINT, "I3: root2",
                              "equal sizes with different roots");
        return JK_OK;
    }
    if (n == 0)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                          "empty proof between different sizes");
    fn = p->size1 - 1;
    sn = p->size2 - 1;
    /* size1 a power of two: the first hash is root1 itself. */
    if ((p->size1 & (p->size1 - 1)) == 0) {
        if (p->root1_len != JK_HASH_LEN)
            return jk_err_set(err, JK_ECONSTRAINT, "I3: root1",
                              "root1 is not 32 bytes");
        memcpy(fr, p->root1, JK_HASH_LEN);
        i = 0;
    } else {
        memcpy(fr, c[0], JK_HASH_LEN);
        i = 1;
    }
    memcpy(sr, fr, JK_HASH_LEN);
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    for (; i < n; i++) {
        if (sn == 0)
            return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                              "proof has more hashes than the trees need");
        if ((fn & 1) || fn == sn) {
            jk_merkle_node(c[i], fr, fr);
            jk_merkle_node(c[i], sr, sr);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            jk_merkle_node(sr, c[i], sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return jk_err_set(err, JK_ECONSTRAINT, "I3: proof",
                          "proof has fewer hashes than the trees need");
    if (!root_eq(p->root1, p->root1_len, fr))
        return jk_err_set(err, JK_ECONSTRAINT, "I3: root1",
                          "the proof does not lead to the first root");
    if (!root_eq(p->root2, p->root2_len, sr))
        return jk_err_set(err, JK_ECONSTRAINT, "I3: root2",
                          "the proof does not lead to the second root");
    return JK_OK;
}

int jk_merkle_verify(const jk_merkle_proof *p, jk_err *err)
{
    if (p->kind == JK_PROOF_INCLUSION)
        return verify_inclusion(p, err);
    if (p->kind == JK_PROOF_CONSISTENCY)
        return verify_consistency(p, err);
    return jk_err_set(err, JK_EINVAL, NULL, "unknown proof kind");
}
