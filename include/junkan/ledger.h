/*
 * junkan ledger: a signed, append-only traceability log with exact mass.
 *
 * Merkle trees (RFC 6962 / RFC 9162): SHA-256 with the 0x00 leaf and
 * 0x01 node prefixes; inclusion and consistency proofs and their
 * verification, as JSON in the transparency-dev test-vector shape.
 *
 * Thread safety: a tree, a ledger or a passport belongs to one thread
 * at a time; distinct objects may be used from different threads. The
 * free functions without a handle are thread-safe.
 */
#ifndef JUNKAN_LEDGER_H
#define JUNKAN_LEDGER_H

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Merkle trees                                                        */
/* ------------------------------------------------------------------ */

#define JK_HASH_LEN         32  /* SHA-256 */
#define JK_MERKLE_MAX_PROOF 130 /* hashes in a proof we accept */

/** SHA-256(0x00 || data): the hash of one leaf. */
JK_API void jk_merkle_leaf(const void *data, size_t n,
                           uint8_t out[JK_HASH_LEN]);
/** SHA-256(0x01 || l || r): the hash of an inner node. */
JK_API void jk_merkle_node(const uint8_t l[JK_HASH_LEN],
                           const uint8_t r[JK_HASH_LEN],
                           uint8_t out[JK_HASH_LEN]);

/** An append-only Merkle tree over leaf hashes (all subtrees cached). */
typedef struct jk_merkle jk_merkle;

JK_API jk_merkle *jk_merkle_new(void);
/** NULL is a no-op. */
JK_API void jk_merkle_free(jk_merkle *t);
/** Append a leaf hash. JK_OK or JK_ENOMEM. */
JK_API int jk_merkle_push(jk_merkle *t, const uint8_t leaf[JK_HASH_LEN]);
/** Number of leaves. */
JK_API uint64_t jk_merkle_size(const jk_merkle *t);
/** Root of the first `size` leaves (SHA-256("") for 0). JK_ERANGE if the
 *  tree is smaller. */
JK_API int jk_merkle_root(const jk_merkle *t, uint64_t size,
                          uint8_t out[JK_HASH_LEN], jk_err *err);

typedef enum jk_proof_kind {
    JK_PROOF_INCLUSION = 1, /* leaf `index` is in the tree of size2 */
    JK_PROOF_CONSISTENCY    /* the tree of size1 is a prefix of size2 */
} jk_proof_kind;

/** A proof with everything needed to verify it. */
typedef struct jk_merkle_proof {
    jk_proof_kind kind;         /* inclusion or consistency */
    uint64_t index;             /* inclusion: the leaf index */
    uint64_t size1;             /* consistency: the older size */
    uint64_t size2;             /* tree size (inclusion), newer size */
    uint8_t leaf[JK_HASH_LEN];  /* inclusion: the leaf hash */
    uint8_t root1[JK_HASH_LEN]; /* consistency: the older root */
    uint8_t root2[JK_HASH_LEN]; /* the (newer) root */
    size_t root1_len;           /* bytes of root1 (32; vectors may
                                   carry other lengths) */
    size_t root2_len;           /* bytes of root2 */
    size_t n;                   /* hashes in path */
    uint8_t path[JK_MERKLE_MAX_PROOF][JK_HASH_LEN]; /* the audit path */
    int want_err; /* test vectors: 1, 0; else -1 */
} jk_merkle_proof;

/** Build an inclusion proof for leaf `index` in the tree of `size`
 *  leaves. JK_ERANGE when index >= size or size > the tree. */
JK_API int jk_merkle_inclusion(const jk_merkle *t, uint64_t index,
                               uint64_t size, jk_merkle_proof *out,
                               jk_err *err);
/** Build a consistency proof from size1 to size2. JK_ERANGE when
 *  size1 > size2 or size2 > the tree. */
JK_API int jk_merkle_consistency(const jk_merkle *t, uint64_t size1,
                                 uint64_t size2, jk_merkle_proof *out,
                                 jk_err *err);
/** Verify a proof (RFC 9162 2.1.3.2 and 2.1.4.2). JK_OK, or
 *  JK_ECONSTRAINT with err->where "I3: <field>" naming what failed. */
JK_API int jk_merkle_verify(const jk_merkle_proof *p, jk_err *err);

/**
 * Read a proof from JSON: {"leafIdx", "treeSize", "root", "leafHash",
 * "proof"} (inclusion) or {"size1", "size2", "root1", "root2", "proof"}
 * (consistency), hashes in standard base64, optional "desc" and
 * "wantErr" (the transparency-dev vectors). name labels errors
 * ("p.json:$.proof[2]: expected 32 bytes of base64").
 * JK_OK, JK_EPARSE, JK_ELIMIT, JK_ENOMEM.
 */
JK_API int jk_merkle_proof_parse(const char *name, const char *json, size_t len,
                                 jk_merkle_proof *out, jk_err *err);
/** Write a proof as JSON (the shape jk_merkle_proof_parse reads), with
 *  a trailing newline. JK_OK, JK_ENOMEM, JK_ELIMIT. */
JK_API int jk_merkle_proof_format(const jk_merkle_proof *p, jk_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_LEDGER_H */
