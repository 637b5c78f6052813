/*
 * Merkle proofs as JSON, in the shape of the transparency-dev test
 * vectors (hashes in standard base64), and the small encoders shared
 * by the ledger (hex, base64).
 */
#include <string.h>

#include <sodium.h>

#include "core/json_alloc.h"
#include "ledger/ledger_int.h"

void lg_json_init(void)
{
    jk_json_init();
}

json_t *lg_json_load(const char *text, size_t len, json_error_t *je, bool *oom)
{
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, je);
    *oom = false;
    if (doc)
        return doc;
    if (json_error_code(je) == json_error_out_of_memory ||
        (je->line < 0 && je->text[0] == '\0')) {
        *oom = true;
        return NULL;
    }
    /* jansson reports a failed string allocation as a syntax error: a
     * text that parses the second time was not malformed. */
    {
        json_error_t again;
        json_t *d2 = json_loadb(text, len, JSON_REJECT_DUPLICATES, &again);
        if (d2) {
            json_decref(d2);
            *oom = true;
        }
    }
    return NULL;
}

void lg_hex(const uint8_t *b, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, b, n);
}

/* Hex digit values plus one; 0 for anything else. */
static const unsigned char hexval[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,
    ['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12,
    ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12,
    ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* Not constant-time (sodium_hex2bin is, and costs a tenth of a replay):
 * what is decoded here is public (hashes, signatures, public keys), and
 * secret seeds are read once per key file. */
int lg_unhex(const char *s, uint8_t *b, size_t n)
{
    size_t i;

    if (!s || strlen(s) != 2 * n)
        return JK_EPARSE;
    for (i = 0; i < n; i++) {
        unsigned hi = hexval[(unsigned char)s[2 * i]];
        unsigned lo = hexval[(unsigned char)s[2 * i + 1]];
        if (!hi || !lo)
            return JK_EPARSE;
        b[i] = (uint8_t)((hi - 1) << 4 | (lo - 1));
    }
    return JK_OK;
}

void lg_b64(const uint8_t *b, size_t n, char *out, size_t cap)
{
    sodium_bin2base64(out, cap, b, n, sodium_base64_VARIANT_ORIGINAL);
}

int lg_unb64(const char *s, uint8_t *b, size_t n)
{
    size_t got = 0;
    if (lg_unb64_upto(s, b, n, &got) || got != n)
        return JK_EPARSE;
    return JK_OK;
}

int lg_unb64_upto(const char *s, uint8_t *b, size_t n, size_t *got)
{
    size_t len;
    const char *end = NULL;

    *got = 0;
    if (!s)
        return JK_EPARSE;
    len = strlen(s);
    if (sodium_base642bin(b, n, s, len, NULL, got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        *got == 0 || end != s + len)
        return JK_EPARSE;
    return JK_OK;
}

static int get_u64(const char *name, json_t *doc, const char *key,
                   uint64_t *out, jk_err *err)
{
    json_t *v = json_object_get(doc, key);
    char where[JK_ERR_WHERE];

    jk_snprintf(where, sizeof(where), "%s:$.%s", name, key);
    if (!v)
        return jk_err_set(err, JK_EPARSE, where, "missing");
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return jk_err_set(err, JK_EPARSE, where,
                          "expected a non-negative integer");
    *out = (uint64_t)json_integer_value(v);
    return JK_OK;
}

/* A hash: 32 bytes, or with len non-NULL (roots), 1 to 32 bytes. */
static int get_hash(const char *name, json_t *doc, const char *key,
                    uint8_t out[JK_HASH_LEN], size_t *len, jk_err *err)
{
    size_t got = 0;
    json_t *v = json_object_get(doc, key);
    char where[JK_ERR_WHERE];

    jk_snprintf(where, sizeof(where), "%s:$.%s", name, key);
    if (!v)
        return jk_err_set(err, JK_EPARSE, where, "missing");
    if (!json_is_string(v) ||
        lg_unb64_upto(json_string_value(v), out, JK_HASH_LEN, &got) ||
        (!len && got != JK_HASH_LEN))
        return jk_err_set(err, JK_EPARSE, where, "expected 32 bytes in base64");
    if (len)
        *len = got;
    return JK_OK;
}

int jk_merkle_proof_parse(const char *name, const char *json, size_t len,
                          jk_merkle_proof *out, jk_err *err)
{
    static const char *const incl_keys[] = {"leafIdx", "treeSize", "root",
                                            "leafHash"};
    static const char *const cons_keys[] = {"size1", "size2", "root1", "root2"};
    json_error_t je;
    json_t *doc, *v, *proof;
    const char *key;
    char where[JK_ERR_WHERE];
    int rc = JK_OK;
    bool oom;
    size_t i;

    memset(out, 0, sizeof(*out));
    out->want_err = -1;
    lg_json_init();
    doc = lg_json_load(json, len, &je, &oom);
    if (!doc) {
        if (oom)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        jk_snprintf(where, sizeof(where), "%s:%d:%d", name, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "malformed JSON: %s", je.text);
    }
    if (!json_is_object(doc)) {
        jk_snprintf(where, sizeof(where), "%s:$", name);
        rc = jk_err_set(err, JK_EPARSE, where, "expected an object");
        goto done;
    }
    out->kind = json_object_get(doc, "leafIdx") ? JK_PROOF_INCLUSION
                                                : JK_PROOF_CONSISTENCY;
    json_object_foreach (doc, key, v) {
        const char *const *keys =
            out->kind == JK_PROOF_INCLUSION ? incl_keys : cons_keys;
        bool known = strcmp(key, "proof") == 0 || strcmp(key, "desc") == 0 ||
                     strcmp(key, "wantErr") == 0;
        for (i = 0; i < 4 && !known; i++)
            known = strcmp(key, keys[i]) == 0;
        if (!known) {
            jk_snprintf(where, sizeof(where), "%s:$.%s", name, key);
            rc = jk_err_set(err, JK_EPARSE, where, "unknown field");
            goto done;
        }
    }
    if (out->kind == JK_PROOF_INCLUSION) {
        if ((rc = get_u64(name, doc, "leafIdx", &out->index, err)) ||
            (rc = get_u64(name, doc, "treeSize", &out->size2, err)) ||
            (rc = get_hash(name, doc, "root", out->root2, &out->root2_len,
                           err)) ||
            (rc = get_hash(name, doc, "leafHash", out->leaf, NULL, err)))
            goto done;
    } else {
        if ((rc = get_u64(name, doc, "size1", &out->size1, err)) ||
            (rc = get_u64(name, doc, "size2", &out->size2, err)) ||
            (rc = get_hash(name, doc, "root1", out->root1, &out->root1_len,
                           err)) ||
            (rc = get_hash(name, doc, "root2", out->root2, &out->root2_len,
                           err)))
            goto done;
    }
    if ((v = json_object_get(doc, "wantErr")) != NULL) {
        if (!json_is_boolean(v)) {
            jk_snprintf(where, sizeof(where), "%s:$.wantErr", name);
            rc = jk_err_set(err, JK_EPARSE, where, "expected true or false");
            goto done;
        }
        out->want_err = json_is_true(v) ? 1 : 0;
    }
    proof = json_object_get(doc, "proof");
    if (proof && !json_is_null(proof) && !json_is_array(proof)) {
        jk_snprintf(where, sizeof(where), "%s:$.proof", name);
        rc = jk_err_set(err, JK_EPARSE, where, "expected an array");
        goto done;
    }
    if (proof && json_array_size(proof) > JK_MERKLE_MAX_PROOF) {
        jk_snprintf(where, sizeof(where), "%s:$.proof", name);
        rc = jk_err_set(err, JK_ELIMIT, where, "more than %d hashes",
                        JK_MERKLE_MAX_PROOF);
        goto done;
    }
    json_array_foreach (proof, i, v) {
        if (!json_is_string(v) ||
            lg_unb64(json_string_value(v), out->path[i], JK_HASH_LEN)) {
            jk_snprintf(where, sizeof(where), "%s:$.proof[%zu]", name, i);
            rc = jk_err_set(err, JK_EPARSE, where,
                            "expected 32 bytes in base64");
            goto done;
        }
        out->n = i + 1;
    }
done:
    json_decref(doc);
    return rc;
}

int jk_merkle_proof_format(const jk_merkle_proof *p, jk_buf *out)
{
    char a[64], b[64];
    size_t i;
    int rc;

    if (p->kind == JK_PROOF_INCLUSION) {
        lg_b64(p->root2, JK_HASH_LEN, a, sizeof(a));
        lg_b64(p->leaf, JK_HASH_LEN, b, sizeof(b));
        rc = jk_buf_addf(out,
                         "{\n  \"leafIdx\": %llu,\n  \"treeSize\": %llu,\n"
                         "  \"root\": \"%s\",\n  \"leafHash\": \"%s\",\n"
                         "  \"proof\": [",
                         (unsigned long long)p->index,
                         (unsigned long long)p->size2, a, b);
    } else {
        lg_b64(p->root1, JK_HASH_LEN, a, sizeof(a));
        lg_b64(p->root2, JK_HASH_LEN, b, sizeof(b));
        rc = jk_buf_addf(out,
                         "{\n  \"size1\": %llu,\n  \"size2\": %llu,\n"
                         "  \"root1\": \"%s\",\n  \"root2\": \"%s\",\n"
                         "  \"proof\": [",
                         (unsigned long long)p->size1,
                         (unsigned long long)p->size2, a, b);
    }
    for (i = 0; rc == JK_OK && i < p->n; i++) {
        lg_b64(p->path[i], JK_HASH_LEN, a, sizeof(a));
        rc = jk_buf_addf(out, "%s\n    \"%s\"", i ? "," : "", a);
    }
    if (rc == JK_OK)
        rc = jk_buf_adds(out, p->n ? "\n  ]\n}\n" : "]\n}\n");
    return rc;
}
