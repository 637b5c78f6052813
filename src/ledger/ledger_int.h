/*
 * The ledger internal header, shared between the files of src/ledger:
 * the in-memory state rebuilt from the log (operators, keys,
 * facilities, classes, lots, passports, accounts, credits), the string
 * map that indexes it, and the helpers shared by the event checks.
 */
#ifndef JK_LEDGER_INT_H
#define JK_LEDGER_INT_H

#include <jansson.h>

#include <junkan/ledger.h>

/* Route jansson's allocations through the jk allocator. */
void lg_json_init(void);
/* json_loadb with duplicate keys rejected; *oom tells an allocation
 * failure from malformed text (jansson reports some of those as syntax
 * errors, so a failed load is tried once more). */
json_t *lg_json_load(const char *text, size_t len, json_error_t *je, bool *oom);
/* Hex of n bytes into out (2n+1 bytes). */
void lg_hex(const uint8_t *b, size_t n, char *out);
/* Parse exactly n bytes of hex; JK_OK or JK_EPARSE. */
int lg_unhex(const char *s, uint8_t *b, size_t n);
/* A piece of a message to hash. */
typedef struct lg_piece {
    const void *p; /* bytes */
    size_t n;      /* their number */
} lg_piece;
/* SHA-256 of the n pieces one after the other (sha256.c: OpenSSL, or
 * libsodium if OpenSSL cannot); never fails. */
void lg_sha256(const lg_piece *pc, int n, uint8_t out[JK_HASH_LEN]);
/* True when OpenSSL's SHA-256 is in use (for the tests). */
bool lg_sha256_fast(void);
/* Standard base64 of n bytes into out. */
void lg_b64(const uint8_t *b, size_t n, char *out, size_t cap);
/* Decode standard base64 to exactly n bytes; JK_OK or JK_EPARSE. */
int lg_unb64(const char *s, uint8_t *b, size_t n);
/* Decode standard base64 of 1 to n bytes; *got gets the length. */
int lg_unb64_upto(const char *s, uint8_t *b, size_t n, size_t *got);

/* ---- time ---- */

/* Parse "YYYY-MM-DDTHH:MM:SS(Z|+HH:MM|-HH:MM)" (offset required) or,
 * with date_ok, "YYYY-MM-DD" (midnight UTC). *t gets Unix seconds. */
int lg_time_parse(const char *s, bool date_ok, int64_t *t);
/* "YYYY-MM-DDTHH:MM:SSZ" of Unix seconds t. */
void lg_time_format(int64_t t, char *buf, size_t cap);

/* ---- a string-keyed hash map (keys are borrowed) ---- */

typedef struct lg_map {
    const char **keys; /* NULL for an empty slot */
    void **vals;       /* values */
    size_t cap;        /* slots, a power of two */
    size_t n;          /* keys stored */
} lg_map;

void *lg_map_get(const lg_map *m, const char *key);
int lg_map_put(lg_map *m, const char *key, void *val);
void lg_map_free(lg_map *m);

/* A set of 32-byte hashes (event hashes). */
typedef struct lg_hset {
    uint8_t (*h)[JK_HASH_LEN]; /* slots; all-zero is empty */
    size_t cap;                /* slots, a power of two */
    size_t n;                  /* hashes stored */
} lg_hset;

bool lg_hset_has(const lg_hset *s, const uint8_t h[JK_HASH_LEN]);
int lg_hset_add(lg_hset *s, const uint8_t h[JK_HASH_LEN]);
void lg_hset_free(lg_hset *s);

/* ---- state ---- */

#define LG_NEVER INT64_MAX

typedef struct lg_key {
    uint32_t id;         /* key id (per operator) */
    uint8_t pk[32];      /* Ed25519 public key */
    int64_t from;        /* valid from (record time) */
    int64_t revoked;     /* revoked at, or LG_NEVER */
    struct lg_key *next; /* next key of the operator */
} lg_key;

typedef struct lg_operator {
    const char *uoi;     /* unique operator identifier */
    const char *name;    /* legal name */
    const char *country; /* ISO 3166 alpha-2 or "" */
    lg_key *keys;        /* registered keys */
} lg_operator;

typedef struct lg_facility {
    const char *ufi;      /* unique facility identifier */
    const char *op;       /* operating uoi */
    const char *name;     /* name */
    const char *country;  /* ISO 3166 or "" */
    const char *category; /* ISIC process category or "" */
} lg_facility;

typedef struct lg_class {
    const char *id;           /* product class id */
    const char *name;         /* name */
    const char *material;     /* material code */
    const char *manufacturer; /* uoi */
    const char *passport;     /* current class passport id or NULL */
} lg_class;

typedef enum lg_lot_state {
    LOT_ACTIVE = 0, /* at a facility */
    LOT_TRANSIT,    /* shipped, not yet received */
    LOT_PACKED,     /* inside an aggregate */
    LOT_CONSUMED,   /* used up by transformations */
    LOT_DESTROYED,  /* destroyed or unpacked */
} lg_lot_state;

typedef struct lg_lot {
    const char *upi;         /* unique product identifier */
    const char *class_id;    /* product class, or "" for aggregates */
    const char *facility;    /* where it is (last facility) */
    const char *responsible; /* responsible operator */
    const char *transit_to;  /* destination while in transit */
    const char *packed_in;   /* parent aggregate while packed */
    const char *delegate;    /* operator with delegated write rights */
    const char *status;      /* original, repurposed, ..., waste */
    const char *passport;    /* current passport id or NULL */
    const char *origin;      /* virgin, pre_consumer, post_consumer, mixed */
    lg_lot_state state;      /* see lg_lot_state */
    jk_mass produced;        /* grams at creation */
    jk_mass remaining;       /* grams not consumed or destroyed */
    jk_mass consumed;        /* grams consumed by transformations */
    jk_mass destroyed;       /* grams destroyed */
    jk_mass rec_pre;         /* pre-consumer recycled grams remaining */
    jk_mass rec_post;        /* post-consumer recycled grams remaining */
    jk_mass rec_pre0;        /* ... at creation */
    jk_mass rec_post0;       /* ... at creation */
    jk_mass mb_claimed;      /* grams claimed by mass-balance debits */
    jk_mass booked;          /* grams booked as book-and-claim credits */
    int64_t seq;             /* creating entry */
    int64_t time;            /* event time of creation */
    bool aggregate;          /* created by aggregation.pack */
} lg_lot;

/* A link for trace: mass that went from one lot into another. */
typedef struct lg_edge {
    const char *from; /* source upi */
    const char *to;   /* product upi */
    jk_mass mass;     /* grams attributed */
    int64_t seq;      /* entry */
    const char *kind; /* "transformation", "aggregation", "association" */
} lg_edge;

typedef struct lg_attr {
    const char *key;      /* namespaced key */
    const char *value;    /* value as text */
    const char *unit;     /* Rec 20 code, "%" or "" */
    jk_ledger_access acc; /* access class */
    const char *ev_url;   /* evidence link or NULL */
    const char *ev_sha;   /* its SHA-256 (hex) or NULL */
    int64_t seq;          /* entry that set it */
    struct lg_attr *next; /* next attribute (insertion order) */
} lg_attr;

typedef struct lg_passport {
    const char *id;         /* passport id */
    const char *upi;        /* the lot, or NULL for a class passport */
    const char *class_id;   /* the product class, or NULL */
    const char *issuer;     /* uoi */
    const char *supersedes; /* previous passport id or NULL */
    uint32_t version;       /* 1, 2, ... */
    bool superseded;        /* a newer version exists */
    int64_t seq;            /* issuing entry */
    lg_attr *attrs;         /* attributes */
    lg_attr *last;          /* last attribute */
} lg_passport;

typedef struct lg_scheme {
    const char *id;         /* scheme id */
    int64_t from;           /* effective from */
    int64_t max_days;       /* longest credit period */
    int64_t tolerance_ppm;  /* physical vs book tolerance at close */
    bool post_only;         /* only post-consumer material earns credit */
    struct lg_scheme *prev; /* the version before */
} lg_scheme;

typedef struct lg_account {
    const char *id;         /* account id */
    const char *facility;   /* ufi */
    const char *charac;     /* characteristic */
    const char *scheme;     /* scheme id */
    const lg_scheme *rules; /* rules in effect at period start */
    int64_t start;          /* period start (inclusive) */
    int64_t end;            /* period end (exclusive) */
    int64_t cf_ppm;         /* conversion factor */
    jk_mass opening;        /* carried in */
    jk_mass credits;        /* credited grams (after conversion) */
    jk_mass debits;         /* debited grams */
    jk_mass physical;       /* physical stock at close */
    bool closed;            /* period closed */
    bool flagged;           /* closed outside the tolerance */
    bool carried;           /* its balance was carried forward */
} lg_account;

typedef struct lg_receipt {
    const char *facility; /* receiving facility */
    jk_mass mass;         /* grams received */
    jk_mass rec_pre;      /* pre-consumer recycled grams received */
    jk_mass rec_post;     /* post-consumer recycled grams received */
    bool credited;        /* backs an mb.credit already */
    const char *sender;   /* operator responsible for the lots when shipped;
                             NULL when the lots came from several */
    const char *material; /* material of the lots' classes; NULL when they
                             differ or a lot has no class (aggregates) */
} lg_receipt;

typedef struct lg_credit {
    const char *id;      /* credit id */
    const char *owner;   /* holder */
    const char *source;  /* source upi */
    const char *against; /* retired against this upi, or NULL */
    jk_mass mass;        /* grams */
    int state;           /* 0 booked, 1 transferred, 2 retired */
} lg_credit;

struct jk_ledger {
    jk_store *store;           /* where entries live (NULL: in memory) */
    jk_arena *arena;           /* owns every state string and record */
    jk_merkle *tree;           /* leaves = entries */
    int64_t n;                 /* entries */
    uint8_t last[JK_HASH_LEN]; /* SHA-256 of the last entry */
    int64_t last_rt;           /* its record time */
    const char *origin;        /* log origin (checkpoint name) */
    const char *op;            /* log operator uoi */
    lg_map operators, facilities, classes, lots, passports, schemes;
    lg_map accounts, receipts, credits;
    lg_hset events; /* event hashes seen */
    lg_edge *edges; /* trace edges */
    size_t n_edges, cap_edges;
    const char **actor_of; /* actor per entry (interned) */
    uint8_t *type_of;      /* type index per entry; bit 7: declared
                              erroneous */
    size_t cap_entries;
    int64_t last_cp; /* size of the last checkpoint, -1 none */
    uint8_t last_cp_root[JK_HASH_LEN]; /* its root */
};

/* Entry types, in a fixed order (stored per entry as an index). */
#define LG_TYPES(X)                                                            \
    X(LOG_INIT, "log.init")                                                    \
    X(OPERATOR_REGISTER, "operator.register")                                  \
    X(KEY_ADD, "key.add")                                                      \
    X(KEY_REVOKE, "key.revoke")                                                \
    X(FACILITY_REGISTER, "facility.register")                                  \
    X(CLASS_REGISTER, "class.register")                                        \
    X(LOT_CREATE, "lot.create")                                                \
    X(OBJECT_OBSERVE, "object.observe")                                        \
    X(OBJECT_DESTROY, "object.destroy")                                        \
    X(AGG_PACK, "aggregation.pack")                                            \
    X(AGG_UNPACK, "aggregation.unpack")                                        \
    X(ASSOCIATION, "association")                                              \
    X(TX_SHIP, "transaction.ship")                                             \
    X(TX_RECEIVE, "transaction.receive")                                       \
    X(TRANSFORMATION, "transformation")                                        \
    X(ERROR_DECLARE, "error.declare")                                          \
    X(STATUS_CHANGE, "status.change")                                          \
    X(LOT_DELEGATE, "lot.delegate")                                            \
    X(PASSPORT_ISSUE, "passport.issue")                                        \
    X(PASSPORT_SET, "passport.set")                                            \
    X(SCHEME_REGISTER, "scheme.register")                                      \
    X(MB_OPEN, "mb.account.open")                                              \
    X(MB_CREDIT, "mb.credit")                                                  \
    X(MB_DEBIT, "mb.debit")                                                    \
    X(MB_CLOSE, "mb.close")                                                    \
    X(BC_BOOK, "bc.book")                                                      \
    X(BC_TRANSFER, "bc.transfer")                                              \
    X(BC_RETIRE, "bc.retire")

typedef enum lg_type {
#define LG_X_ENUM(e, s) LG_##e,
    LG_TYPES(LG_X_ENUM)
#undef LG_X_ENUM
        LG_N_TYPES
} lg_type;

extern const char *const lg_type_names[LG_N_TYPES];
int lg_type_find(const char *name);

/* What one entry carries into the event checks. */
typedef struct lg_ctx {
    jk_ledger *lg;     /* the ledger */
    int64_t seq;       /* entry number */
    int64_t rt;        /* record time */
    int64_t et;        /* event time */
    const char *actor; /* actor uoi (interned when known) */
    uint32_t kid;      /* key id */
    lg_type type;      /* entry type */
    json_t *ev;        /* the event payload */
    jk_err *err;       /* error out */
} lg_ctx;

/* Set err to "<inv>: entry <seq>: <field>: <msg>" and return code. */
int lg_fail(lg_ctx *c, int code, const char *inv, const char *field,
            const char *fmt, ...) JK_PRINTF(5, 6);
/* Check an event's fields and invariants, then change the state.
 * On failure the state is unchanged (apart from JK_ENOMEM). */
int lg_event_apply(lg_ctx *c);
/* Replace each "mass"/"*_mass" (text or {value, uom}) by "..._g"
 * integer grams, recursively; I11 errors name the field. */
int lg_normalize(json_t *ev, const char *label, jk_err *err);
/* Intern a string in the ledger's arena. */
const char *lg_strdup(jk_ledger *lg, const char *s);
/* Record a trace edge. */
int lg_edge_add(jk_ledger *lg, const char *from, const char *to, jk_mass mass,
                int64_t seq, const char *kind);
/* The key of an operator valid at time t, or NULL. */
const lg_key *lg_key_at(const lg_operator *op, uint32_t kid, int64_t t);

/* ---- the log (log.c) ---- */

#define LG_DOMAIN "junkan-ledger-v1\n"

/* Signature work deferred to threads during verification. */
typedef struct lg_sigjob {
    uint8_t pk[32];  /* key to verify under */
    uint8_t sig[64]; /* signature */
    int64_t seq;     /* entry */
} lg_sigjob;

/* What an entry's body yields without the state: parsed, checked for
 * canonical form, hashed. Thread-safe, so verification prepares a
 * batch on several threads before applying it in order. */
typedef struct lg_prep {
    json_t *doc;                  /* parsed body, or NULL */
    int rc;                       /* JK_OK, or JK_ENOMEM, JK_EPARSE */
    char msg[160];                /* jansson's message when malformed */
    bool canonical;               /* dump(doc) == body */
    bool have_eh;                 /* want_eh holds the event hash */
    uint8_t want_eh[JK_HASH_LEN]; /* SHA-256(type || "\n" || ev) */
    bool have_hashes;             /* chain and leaf are set */
    uint8_t chain[JK_HASH_LEN];   /* SHA-256(body || sig) */
    uint8_t leaf[JK_HASH_LEN];    /* SHA-256(0x00 || body || sig) */
} lg_prep;

void lg_prepare(const char *body, const char *sighex, lg_prep *p, jk_arena *a);
/* lg_process with a prepared body (p->doc stays the caller's). */
int lg_process_prepared(jk_ledger *lg, int64_t seq, const char *body,
                        const char *sighex, const lg_prep *p, lg_sigjob *job,
                        jk_err *err);

int lg_state_init(jk_ledger *lg);
void lg_state_free(jk_ledger *lg);
/* Check and apply one entry; with job non-NULL the signature check is
 * left to the caller (job gets its inputs). */
int lg_process(jk_ledger *lg, int64_t seq, const char *body, const char *sighex,
               lg_sigjob *job, jk_err *err);
/* Canonical JSON text (jk_free it). */
char *lg_canon(const json_t *v);
/* canon.c: is text (n bytes, already parsed by jansson) in canonical
 * form? 1 yes, 0 no, -1 cannot tell without serialising (a real, a key
 * with an escape). */
int lg_canon_scan(const char *text, size_t n);
/* Is text, whose parse is doc, exactly lg_canon(doc)? JK_OK yes,
 * JK_EPARSE no, JK_ENOMEM; serialises only when the scan cannot tell. */
int lg_is_canonical(const json_t *doc, const char *text, size_t n);
int lg_sig_verify(const uint8_t sig[64], const char *body, size_t blen,
                  const uint8_t pk[32]);
int lg_sign_body(const char *body, size_t blen, const uint8_t sk[64],
                 uint8_t sig[64]);
void lg_entry_hashes(const char *body, size_t blen, const uint8_t sig[64],
                     uint8_t chain[JK_HASH_LEN], uint8_t leaf[JK_HASH_LEN]);
/* Check a signed checkpoint note against the log (I4) and record it as
 * the latest. */
int lg_checkpoint_add(jk_ledger *lg, const char *note, jk_err *err);

#endif
