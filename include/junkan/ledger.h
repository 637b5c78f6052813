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
/** The hash of leaf i. JK_ERANGE past the end. */
JK_API int jk_merkle_leaf_at(const jk_merkle *t, uint64_t i,
                             uint8_t out[JK_HASH_LEN]);
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

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

/**
 * An Ed25519 signing key of one operator. The secret half lives only in
 * a key file with mode 0600 ({"uoi", "key_id", "seed"}), never in the
 * log; the log holds the public half (operator.register, key.add).
 * Wipe with jk_ledger_key_wipe() when done.
 */
typedef struct jk_ledger_key {
    char uoi[513];   /* operator identifier (URI) */
    uint32_t key_id; /* key id, unique per operator */
    uint8_t pk[32];  /* public key */
    uint8_t sk[64];  /* secret key (libsodium layout: seed || pk) */
} jk_ledger_key;

/**
 * Generate a key and write it to a new file `path` with mode 0600
 * (O_EXCL: an existing file is never overwritten). With seed non-NULL
 * (32 bytes) the key is derived from it (tests, reproducible demos).
 * JK_OK, JK_EEXIST, JK_EIO, JK_EINVAL.
 */
JK_API int jk_ledger_key_new(const char *uoi, uint32_t key_id,
                             const uint8_t *seed, const char *path,
                             jk_ledger_key *out, jk_err *err);
/** Read a key file; refuses files that group or others may read
 *  (JK_EINVAL naming the mode). JK_OK, JK_EIO, JK_EPARSE, JK_EINVAL. */
JK_API int jk_ledger_key_load(const char *path, jk_ledger_key *out,
                              jk_err *err);
/** Overwrite the secret key in memory. */
JK_API void jk_ledger_key_wipe(jk_ledger_key *k);
/** Lower-case hex of the public key (65 bytes with the NUL). */
JK_API const char *jk_ledger_key_pubhex(const jk_ledger_key *k, char *buf,
                                        size_t cap);

/* ------------------------------------------------------------------ */
/* The log                                                             */
/* ------------------------------------------------------------------ */

/**
 * A ledger: the append-only log in a store, and the state derived from
 * it (operators, keys, facilities, lots with their masses, passports,
 * mass-balance accounts, credits), rebuilt by replaying the log when
 * opened. Every entry is canonical JSON signed by its actor (Ed25519),
 * chained to the previous entry by SHA-256 and a leaf of an RFC 6962
 * Merkle tree; the log operator signs checkpoints (C2SP signed notes).
 * See docs/internals/ledger.md for the entry format and the invariants.
 */
typedef struct jk_ledger jk_ledger;

/** Access classes of passport attributes (Battery Regulation Art. 77). */
typedef enum jk_ledger_access {
    JK_ACCESS_PUBLIC = 0,     /* anyone */
    JK_ACCESS_LEGIT_INTEREST, /* repairers, recyclers, ... and above */
    JK_ACCESS_AUTHORITY       /* notified bodies, market surveillance */
} jk_ledger_access;

/** "public", "legit_interest", "authority". */
JK_API const char *jk_ledger_access_name(jk_ledger_access a);

/**
 * Create a ledger in a store that has none: entry 0 is log.init, which
 * names the log (origin, used in checkpoints) and the log operator with
 * its first key, and is signed by that key. record_time NULL: now.
 * JK_EEXIST when the store already holds a log.
 */
JK_API int jk_ledger_create(jk_store *s, const char *origin, const char *name,
                            const jk_ledger_key *op, const char *record_time,
                            jk_err *err);

/**
 * Open the ledger of a store, replaying its log into memory (the
 * signatures were checked on append; jk_ledger_verify_store re-checks
 * everything). JK_ENOTFOUND when the store has no log.
 */
JK_API int jk_ledger_open(jk_store *s, jk_ledger **out, jk_err *err);
/** NULL is a no-op. The store stays open. */
JK_API void jk_ledger_close(jk_ledger *lg);
/** Number of entries. */
JK_API int64_t jk_ledger_size(const jk_ledger *lg);
/** The log origin and the log operator's uoi. */
JK_API const char *jk_ledger_origin(const jk_ledger *lg);

/**
 * Append events: `json` is one event object or an array of them, each
 * {"type": "...", "actor"?: uoi, "time": ISO-8601 with offset, ...}
 * (docs/internals/ledger.md lists the types and their fields). Masses
 * are converted to integer grams once, here. Each event is signed with
 * the key in keys[] whose uoi is its actor (default: keys[0]), checked
 * against every invariant, and stored; the whole array is ONE store
 * transaction: on any error nothing is appended and err names the
 * invariant, the entry and the field ("I10: entry 7: outputs").
 * record_time NULL: now (never before the last entry's). name labels
 * input errors. *first and *count (may be NULL) get the appended range.
 * JK_OK, JK_EPARSE, JK_ECONSTRAINT, JK_ENOMEM, JK_ESTORE, JK_EBUSY.
 */
JK_API int jk_ledger_append(jk_ledger *lg, const jk_ledger_key *keys,
                            size_t nkeys, const char *name, const char *json,
                            size_t len, const char *record_time, int64_t *first,
                            int64_t *count, jk_err *err);

/**
 * Sign a checkpoint of the whole log with the log operator's key and
 * record it (a C2SP tlog-checkpoint signed note). A checkpoint is only
 * signed when a consistency proof from the previous one verifies (I4).
 * note (may be NULL) gets a copy to free with jk_free.
 */
JK_API int jk_ledger_checkpoint(jk_ledger *lg, const jk_ledger_key *op,
                                char **note, jk_err *err);

/** Inclusion proof of entry seq in the tree of `size` entries (0: the
 *  last checkpoint's size, or the whole log without checkpoints). */
JK_API int jk_ledger_inclusion(const jk_ledger *lg, int64_t seq, int64_t size,
                               jk_merkle_proof *out, jk_err *err);
/** Consistency proof between two tree sizes. */
JK_API int jk_ledger_consistency(const jk_ledger *lg, int64_t size1,
                                 int64_t size2, jk_merkle_proof *out,
                                 jk_err *err);
/** The canonical body of entry seq (borrowed until the next call) via
 *  the store; JK_ENOTFOUND past the end. buf receives a copy. */
JK_API int jk_ledger_entry(const jk_ledger *lg, int64_t seq, jk_buf *body,
                           jk_err *err);

/** A lot as the log has made it (strings borrowed from the ledger). */
typedef struct jk_ledger_lot {
    const char *upi;         /* unique product identifier */
    const char *class_id;    /* product class ("" for aggregates) */
    const char *facility;    /* where it is (or was last) */
    const char *responsible; /* responsible operator */
    const char *state;       /* active, in transit, packed, consumed,
                                destroyed */
    const char *status;      /* original, repurposed, reused, ... waste */
    const char *origin;      /* virgin, pre_consumer, post_consumer, mixed */
    const char *passport;    /* current passport id or NULL */
    jk_mass produced;        /* grams at creation */
    jk_mass remaining;       /* grams not consumed or destroyed */
    jk_mass consumed;        /* grams consumed by transformations */
    jk_mass destroyed;       /* grams destroyed or unpacked */
    jk_mass rec_pre;         /* pre-consumer recycled grams at creation
                                (segregated: exact from the inputs) */
    jk_mass rec_post;        /* post-consumer recycled grams at creation */
    jk_mass mb_claimed;      /* grams claimed by mass-balance debits */
    jk_mass booked;          /* grams booked as book-and-claim credits */
    int64_t seq;             /* the entry that created it */
} jk_ledger_lot;

/** Look a lot up. JK_ENOTFOUND when the log has no such lot. */
JK_API int jk_ledger_lot_get(const jk_ledger *lg, const char *upi,
                             jk_ledger_lot *out, jk_err *err);

/** The current passport of a product class, or NULL. */
JK_API const char *jk_ledger_class_passport(const jk_ledger *lg,
                                            const char *class_id);

/** A mass-balance account at a moment. */
typedef struct jk_ledger_account {
    const char *id;             /* account id */
    const char *facility;       /* ufi */
    const char *characteristic; /* e.g. "post-consumer recycled plastic.pet" */
    const char *scheme;         /* scheme id */
    jk_mass opening;            /* carried in */
    jk_mass credits;            /* credited grams (after conversion) */
    jk_mass debits;             /* claimed grams */
    jk_mass balance;            /* opening + credits - debits */
    jk_mass physical;           /* physical stock declared at close */
    bool closed;                /* period closed */
    bool flagged;               /* closed outside the tolerance (I19) */
} jk_ledger_account;

/** Look an account up. JK_ENOTFOUND when unknown. */
JK_API int jk_ledger_account_get(const jk_ledger *lg, const char *id,
                                 jk_ledger_account *out, jk_err *err);

/** A receipt (transaction.receive) as the log has it. Strings are
 *  borrowed until the callback returns. */
typedef struct jk_ledger_receipt {
    int64_t seq;          /* its entry number */
    const char *time;     /* event time as written (ISO-8601 with offset) */
    const char *receiver; /* the receiving operator (the entry's actor) */
    const char *sender;   /* the operator responsible for the lots when
                             they were shipped; NULL when several */
    const char *facility; /* the receiving facility */
    const char *material; /* the material of the lots' product classes;
                             NULL when they differ or a lot has none */
    jk_mass mass;         /* grams received */
    size_t n_biz;         /* business transactions named by the event */
    const char *const *biz_type; /* their types ("po", "desadv", ...) */
    const char *const *biz_id;   /* their ids */
    bool erroneous;              /* declared erroneous (error.declare) */
} jk_ledger_receipt;

typedef int (*jk_ledger_receipt_cb)(void *ctx, const jk_ledger_receipt *r);

/**
 * Every receipt from entry `from` on, in log order, read from the store
 * the ledger was opened on (read only). A non-zero return from cb stops
 * the walk and is returned. JK_EINVAL for a ledger without a store;
 * JK_ENOMEM, JK_ESTORE.
 */
JK_API int jk_ledger_receipts(const jk_ledger *lg, int64_t from,
                              jk_ledger_receipt_cb cb, void *ctx, jk_err *err);

/* ------------------------------------------------------------------ */
/* Trace, passports, exports                                           */
/* ------------------------------------------------------------------ */

/** One link of a trace: mass that went from one lot into another. */
typedef struct jk_ledger_link {
    const char *from; /* source lot */
    const char *to;   /* product lot */
    jk_mass mass;     /* grams of `from` attributed to `to` */
    int64_t seq;      /* the entry that made the link */
    const char *kind; /* transformation, aggregation, association */
    int depth;        /* 1 = directly linked to the traced lot */
    bool erroneous;   /* its entry was declared erroneous (error.declare);
                         corrections are later entries */
} jk_ledger_link;

typedef int (*jk_ledger_link_cb)(void *ctx, const jk_ledger_link *l);

/**
 * Walk from a lot backwards (to every source lot) or forwards (to every
 * product), breadth first; each link once. A non-zero return from cb
 * stops the walk and is returned. JK_ENOTFOUND for an unknown lot.
 */
JK_API int jk_ledger_trace(const jk_ledger *lg, const char *upi, bool backward,
                           jk_ledger_link_cb cb, void *ctx, jk_err *err);

/** Parse an access role: public; legit_interest (or recycler, repairer,
 *  remanufacturer, second_life); authority (or notified_body,
 *  market_surveillance, commission). JK_EINVAL when unknown. */
JK_API int jk_ledger_role_parse(const char *s, jk_ledger_access *out);

/** A passport (strings borrowed from the ledger). */
typedef struct jk_ledger_passport {
    const char *id;         /* passport id */
    const char *upi;        /* the lot, or NULL for a class passport */
    const char *class_id;   /* the product class, or NULL */
    const char *issuer;     /* uoi */
    const char *supersedes; /* previous passport or NULL */
    uint32_t version;       /* 1, 2, ... */
    bool superseded;        /* a newer version exists */
    int64_t seq;            /* issuing entry */
} jk_ledger_passport;

JK_API int jk_ledger_passport_get(const jk_ledger *lg, const char *id,
                                  jk_ledger_passport *out, jk_err *err);

/** One attribute as a role sees it. */
typedef struct jk_ledger_attr {
    const char *key;             /* namespaced key */
    const char *value;           /* value as text */
    const char *unit;            /* unit or "" */
    jk_ledger_access access;     /* its access class */
    int64_t seq;                 /* entry that set this value */
    const char *evidence;        /* evidence URL or NULL */
    const char *evidence_sha256; /* SHA-256 of the evidence (hex) or NULL */
} jk_ledger_attr;

typedef int (*jk_ledger_attr_cb)(void *ctx, const jk_ledger_attr *a);

/**
 * The attributes of a passport that `role` may read (I20: public ones to
 * everyone, legitimate-interest ones to that group and authorities,
 * authority ones to authorities only), each with its latest value, in
 * the order first set.
 */
JK_API int jk_ledger_passport_attrs(const jk_ledger *lg, const char *id,
                                    jk_ledger_access role, jk_ledger_attr_cb cb,
                                    void *ctx, jk_err *err);

/**
 * A passport as a UNTP Digital Product Passport (W3C VC shape) inside an
 * envelope {"passport": DPP, "ledger": {origin, tree_size, root,
 * checkpoint, entries: [{seq, entry, sig, inclusion}]}}: the issuing
 * entry and the traceability events of the lot and its sources, each
 * with an inclusion proof. Only the attributes `role` may read: an
 * issuing entry that holds others is given as its leaf hash only
 * ("redacted": true), which its inclusion proof still covers.
 */
JK_API int jk_ledger_passport_untp(jk_ledger *lg, const char *id,
                                   jk_ledger_access role, jk_buf *out,
                                   jk_err *err);

/** Traceability events as an EPCIS 2.0 JSON document: all of them, or
 *  (upi non-NULL) those of a lot and every lot it came from. */
JK_API int jk_ledger_epcis(jk_ledger *lg, const char *upi, jk_buf *out,
                           jk_err *err);

/** What a verification saw. */
typedef struct jk_ledger_report {
    int64_t entries;           /* entries verified */
    int64_t checkpoints;       /* checkpoints verified */
    uint8_t root[JK_HASH_LEN]; /* root of the whole log */
    int threads;               /* signature threads used */
} jk_ledger_report;

/**
 * Re-check a store's log from scratch, trusting nothing derived:
 * canonical bodies, sequence and chain (I1, I2), event hashes (I6),
 * every signature under a key valid at its record time (I5), every
 * event invariant (replayed in a fresh state), the Merkle tree and every
 * checkpoint's root and signature (I3, I4). threads: signature threads
 * (0: one per core). The first bad entry is named in err ("entry 12:
 * ..."); JK_ECONSTRAINT or JK_EPARSE then.
 */
JK_API int jk_ledger_verify_store(jk_store *s, int threads,
                                  jk_ledger_report *rep, jk_err *err);
/** The same on an export file (jk_ledger_export), e.g. at a backup
 *  operator that does not trust the origin. */
JK_API int jk_ledger_verify_file(const char *path, int threads,
                                 jk_ledger_report *rep, jk_err *err);
/** Write the log and its checkpoints as JSON Lines:
 *  {"entry": BODY, "sig": HEX} per entry, then {"checkpoint": NOTE}. */
JK_API int jk_ledger_export(jk_ledger *lg, FILE *out, jk_err *err);
/**
 * Import an export file into a store (replication to a backup
 * operator; the store may hold no ledger yet): entries already present
 * must be byte-identical (else I1: history rewritten), the rest are
 * appended after every check a verification makes, in one transaction,
 * with the checkpoints (I4: each must match the tree). On error the
 * store is unchanged.
 */
JK_API int jk_ledger_import(jk_store *s, const char *path, int64_t *added,
                            jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_LEDGER_H */
