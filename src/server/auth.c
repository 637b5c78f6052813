/*
 * API tokens: random ids and secrets from libsodium, the SHA-256 of the
 * secret stored as hex, compared in constant time (sodium_memcmp).
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include <junkan/server.h>

static const char *const role_names[] = {"public", "member", "auditor",
                                         "admin"};

const char *jk_role_name(jk_role r)
{
    return (unsigned)r <= JK_ROLE_ADMIN ? role_names[r] : "?";
}

int jk_role_parse(const char *s, jk_role *out)
{
    int i;
    for (i = 0; i <= JK_ROLE_ADMIN; i++)
        if (strcmp(s, role_names[i]) == 0) {
            *out = (jk_role)i;
            return JK_OK;
        }
    return JK_EPARSE;
}

static int init(jk_err *err)
{
    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium init failed");
    return JK_OK;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static void now_utc(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

typedef struct org_ctx {
    const char *org;
    bool found;
} org_ctx;

static int on_org(void *ctx, const jk_org *o)
{
    org_ctx *c = ctx;
    if (strcmp(o->id, c->org) == 0)
        c->found = true;
    return 0;
}

int jk_token_create(jk_store *s, jk_role role, const char *org,
                    const char *label, char *token, char *id, jk_err *err)
{
    unsigned char rid[8], secret[32], digest[crypto_hash_sha256_BYTES];
    char shex[65], dhex[65], at[32];
    jk_token_rec t;
    int rc;

    if ((rc = init(err)))
        return rc;
    if (role == JK_ROLE_PUBLIC)
        return jk_err_set(err, JK_EINVAL, "role",
                          "public access needs no token");
    if (role == JK_ROLE_MEMBER) {
        org_ctx c = {org, false};
        if (!org || !*org)
            return jk_err_set(err, JK_EINVAL, "org",
                              "a member token names its organisation");
        if ((rc = jk_store_each_org(s, on_org, &c, err)))
            return rc;
        if (!c.found)
            return jk_err_set(err, JK_ENOTFOUND, "org",
                              "no organisation \"%s\" in the store", org);
    } else if (org && *org) {
        return jk_err_set(err, JK_EINVAL, "org",
                          "only member tokens belong to an organisation");
    }
    randombytes_buf(rid, sizeof(rid));
    randombytes_buf(secret, sizeof(secret));
    hex(rid, sizeof(rid), id);
    hex(secret, sizeof(secret), shex);
    crypto_hash_sha256(digest, secret, sizeof(secret));
    hex(digest, sizeof(digest), dhex);
    now_utc(at, sizeof(at));
    t.id = id;
    t.hash = dhex;
    t.role = jk_role_name(role);
    t.org = role == JK_ROLE_MEMBER ? org : "";
    t.label = label ? label : "";
    t.created_at = at;
    t.revoked_at = "";
    rc = jk_store_put_token(s, &t, err);
    sodium_memzero(secret, sizeof(secret));
    if (rc == JK_OK)
        jk_snprintf(token, JK_TOKEN_LEN + 1, "jk_%s_%s", id, shex);
    sodium_memzero(shex, sizeof(shex));
    return rc;
}

int jk_token_revoke(jk_store *s, const char *id, jk_err *err)
{
    char at[32];
    now_utc(at, sizeof(at));
    return jk_store_revoke_token(s, id, at, err);
}

typedef struct check_ctx {
    unsigned char digest[crypto_hash_sha256_BYTES];
    jk_grant *g;
    int rc;
    jk_err *err;
} check_ctx;

static int unhex(const char *s, unsigned char *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int v = 0, k;
        for (k = 0; k < 2; k++) {
            char c = s[2 * i + k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else
                return -1;
        }
        out[i] = (unsigned char)v;
    }
    return 0;
}

static int on_token(void *ctx, const jk_token_rec *t)
{
    check_ctx *c = ctx;
    unsigned char stored[crypto_hash_sha256_BYTES];
    jk_role role;
    if (strlen(t->hash) != 64 || unhex(t->hash, stored, sizeof(stored)) ||
        sodium_memcmp(stored, c->digest, sizeof(stored)) != 0) {
        c->rc = jk_err_set(c->err, JK_EINVAL, "token", "token %s: wrong secret",
                           t->id);
        return 0;
    }
    if (*t->revoked_at) {
        c->rc = jk_err_set(c->err, JK_EINVAL, "token",
                           "token %s was revoked at %s", t->id, t->revoked_at);
        return 0;
    }
    if (jk_role_parse(t->role, &role)) {
        c->rc =
            jk_err_set(c->err, JK_EINVAL, "token", "token %s: bad role", t->id);
        return 0;
    }
    c->g->role = role;
    jk_strlcpy(c->g->token_id, t->id, sizeof(c->g->token_id));
    jk_strlcpy(c->g->org, t->org, sizeof(c->g->org));
    c->rc = JK_OK;
    return 0;
}

int jk_token_check(jk_store *s, const char *token, jk_grant *out, jk_err *err)
{
    unsigned char secret[32];
    char id[17];
    check_ctx c;
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = init(err)))
        return rc;
    if (!token || strlen(token) != JK_TOKEN_LEN || strncmp(token, "jk_", 3) ||
        token[19] != '_' || unhex(token + 20, secret, sizeof(secret)))
        return jk_err_set(err, JK_EINVAL, "token", "malformed token");
    memcpy(id, token + 3, 16);
    id[16] = '\0';
    {
        unsigned char idb[8];
        if (unhex(id, idb, sizeof(idb)))
            return jk_err_set(err, JK_EINVAL, "token", "malformed token");
    }
    memset(&c, 0, sizeof(c));
    crypto_hash_sha256(c.digest, secret, sizeof(secret));
    sodium_memzero(secret, sizeof(secret));
    c.g = out;
    c.rc = JK_EINVAL;
    c.err = err;
    rc = jk_store_get_token(s, id, on_token, &c, err);
    if (rc == JK_ENOTFOUND)
        return jk_err_set(err, JK_EINVAL, "token", "unknown token %s", id);
    if (rc)
        return rc;
    if (c.rc)
        memset(out, 0, sizeof(*out));
    return c.rc;
}
