/*
 * RFC 6962 Merkle trees: every transparency-dev vector (accepted exactly
 * when it has wantErr false), the reference tree of eight leaves, and
 * generated proofs for every index and size pair of small trees.
 */
#include <dirent.h>
#include <stdlib.h>

#include "jk_test.h"

#include <junkan/ledger.h>
#include <sodium.h>

#include "ledger/ledger_int.h"

/* The eight leaves of the RFC 6962 reference tests (hex). */
static const char *const ref_leaves[8] = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

static size_t unhex(const char *s, uint8_t *out)
{
    size_t n = strlen(s) / 2, i;
    for (i = 0; i < n; i++) {
        unsigned v;
        sscanf(s + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void hex(const uint8_t *h, char *out)
{
    int i;
    for (i = 0; i < JK_HASH_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static jk_merkle *ref_tree(size_t n)
{
    jk_merkle *t = jk_merkle_new();
    size_t i;
    assert_non_null(t);
    for (i = 0; i < n; i++) {
        uint8_t d[32], h[JK_HASH_LEN];
        size_t len = unhex(ref_leaves[i % 8], d);
        d[0] ^= (uint8_t)(i / 8); /* distinct leaves beyond the eight */
        jk_merkle_leaf(d, len, h);
        assert_rc(jk_merkle_push(t, h), JK_OK);
    }
    return t;
}

/* Naive MTH from the definition, for comparison. */
static void naive_root(uint8_t (*leaves)[JK_HASH_LEN], size_t n,
                       uint8_t out[JK_HASH_LEN])
{
    size_t k = 1;
    uint8_t l[JK_HASH_LEN], r[JK_HASH_LEN];
    if (n == 1) {
        memcpy(out, leaves[0], JK_HASH_LEN);
        return;
    }
    while (k * 2 < n)
        k *= 2;
    naive_root(leaves, k, l);
    naive_root(leaves + k, n - k, r);
    jk_merkle_node(l, r, out);
}

static void empty_and_reference_roots(void **state)
{
    jk_merkle *t = ref_tree(8);
    uint8_t h[JK_HASH_LEN];
    char x[65];
    (void)state;
    assert_rc(jk_merkle_root(t, 0, h, NULL), JK_OK);
    hex(h, x);
    assert_string_equal(
        x, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_rc(jk_merkle_root(t, 1, h, NULL), JK_OK);
    hex(h, x);
    assert_string_equal(
        x, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    assert_rc(jk_merkle_root(t, 8, h, NULL), JK_OK);
    hex(h, x);
    assert_string_equal(
        x, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    assert_rc(jk_merkle_root(t, 9, h, NULL), JK_ERANGE);
    jk_merkle_free(t);
}

static int n_accepted, n_rejected;

static void check_vector(const char *path)
{
    size_t len;
    char *text = jk_test_read_file(path, &len);
    jk_merkle_proof p;
    jk_err err;
    int rc;

    assert_non_null(text);
    rc = jk_merkle_proof_parse(path, text, len, &p, &err);
    if (rc == JK_OK) {
        assert_true(p.want_err == 0 || p.want_err == 1);
        rc = jk_merkle_verify(&p, &err);
        if (p.want_err == 0 && rc != JK_OK)
            fail_msg("%s: rejected: %s: %s", path, err.where, err.msg);
        if (p.want_err == 1 && rc == JK_OK)
            fail_msg("%s: accepted, but it has wantErr true", path);
    } else {
        /* A vector that does not even parse must be a wantErr one. */
        if (!strstr(text, "\"wantErr\": true"))
            fail_msg("%s: %s: %s", path, err.where, err.msg);
    }
    if (rc == JK_OK)
        n_accepted++;
    else
        n_rejected++;
    jk_free(text);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0)
            check_vector(path);
        else
            walk(path);
    }
    closedir(d);
}

static void rfc6962_vectors(void **state)
{
    char dir[512];
    (void)state;
    walk(jk_test_path("ledger/rfc6962/inclusion", dir, sizeof(dir)));
    walk(jk_test_path("ledger/rfc6962/consistency", dir, sizeof(dir)));
    /* 196 files, 12 of them with wantErr false. */
    assert_int_equal(n_accepted, 12);
    assert_int_equal(n_rejected, 184);
}

/* Our generated proofs for the reference tree equal the vectors'. */
static void generated_equals_vector(void **state)
{
    jk_merkle *t = ref_tree(8);
    jk_merkle_proof want, got;
    char path[512];
    size_t len;
    char *text;
    (void)state;

    text = jk_test_read_file(
        jk_test_path("ledger/rfc6962/inclusion/2/happy-path.json", path,
                     sizeof(path)),
        &len);
    assert_rc(jk_merkle_proof_parse("v", text, len, &want, NULL), JK_OK);
    jk_free(text);
    assert_rc(jk_merkle_inclusion(t, 5, 8, &got, NULL), JK_OK);
    assert_int_equal(got.n, want.n);
    assert_memory_equal(got.path, want.path, got.n * JK_HASH_LEN);
    assert_memory_equal(got.leaf, want.leaf, JK_HASH_LEN);
    assert_memory_equal(got.root2, want.root2, JK_HASH_LEN);

    text = jk_test_read_file(
        jk_test_path("ledger/rfc6962/consistency/2/happy-path.json", path,
                     sizeof(path)),
        &len);
    assert_rc(jk_merkle_proof_parse("v", text, len, &want, NULL), JK_OK);
    jk_free(text);
    assert_rc(jk_merkle_consistency(t, 6, 8, &got, NULL), JK_OK);
    assert_int_equal(got.n, want.n);
    assert_memory_equal(got.path, want.path, got.n * JK_HASH_LEN);
    assert_memory_equal(got.root1, want.root1, JK_HASH_LEN);
    jk_merkle_free(t);
}

/* Every inclusion and consistency proof of trees up to 40 leaves
 * verifies, its roots equal the naive MTH, and a flipped bit in any
 * proof hash is rejected. */
static void all_proofs_small_trees(void **state)
{
    enum { N = 40 };
    jk_merkle *t = ref_tree(N);
    jk_merkle_proof p;
    uint8_t leaves[N][JK_HASH_LEN], h[JK_HASH_LEN];
    uint64_t i, n, m;
    (void)state;

    for (i = 0; i < N; i++) {
        assert_rc(jk_merkle_inclusion(t, i, N, &p, NULL), JK_OK);
        memcpy(leaves[i], p.leaf, JK_HASH_LEN);
    }
    for (n = 1; n <= N; n++) {
        naive_root(leaves, n, h);
        assert_rc(jk_merkle_inclusion(t, 0, n, &p, NULL), JK_OK);
        assert_memory_equal(p.root2, h, JK_HASH_LEN);
        for (i = 0; i < n; i++) {
            size_t k;
            assert_rc(jk_merkle_inclusion(t, i, n, &p, NULL), JK_OK);
            assert_rc(jk_merkle_verify(&p, NULL), JK_OK);
            for (k = 0; k < p.n; k++) {
                p.path[k][k % JK_HASH_LEN] ^= 1;
                assert_rc(jk_merkle_verify(&p, NULL), JK_ECONSTRAINT);
                p.path[k][k % JK_HASH_LEN] ^= 1;
            }
            p.index = (i + 1) % n;
            if (n > 1)
                assert_rc(jk_merkle_verify(&p, NULL), JK_ECONSTRAINT);
        }
        for (m = 1; m <= n; m++) {
            size_t k;
            jk_err err;
            assert_rc(jk_merkle_consistency(t, m, n, &p, &err), JK_OK);
            assert_rc(jk_merkle_verify(&p, &err), JK_OK);
            for (k = 0; k < p.n; k++) {
                p.path[k][0] ^= 0x80;
                assert_rc(jk_merkle_verify(&p, NULL), JK_ECONSTRAINT);
                p.path[k][0] ^= 0x80;
            }
        }
    }
    assert_rc(jk_merkle_consistency(t, 0, 4, &p, NULL), JK_OK);
    assert_rc(jk_merkle_verify(&p, NULL), JK_ECONSTRAINT);
    assert_rc(jk_merkle_consistency(t, 5, 4, &p, NULL), JK_ERANGE);
    assert_rc(jk_merkle_inclusion(t, 40, 40, &p, NULL), JK_ERANGE);
    jk_merkle_free(t);
}

/* A formatted proof reads back to the same proof. */
static void format_roundtrip(void **state)
{
    jk_merkle *t = ref_tree(13);
    jk_merkle_proof p, q;
    jk_buf b;
    (void)state;

    jk_buf_init(&b, 1 << 20);
    assert_rc(jk_merkle_inclusion(t, 6, 13, &p, NULL), JK_OK);
    assert_rc(jk_merkle_proof_format(&p, &b), JK_OK);
    assert_rc(jk_merkle_proof_parse("p", b.data, b.len, &q, NULL), JK_OK);
    assert_int_equal(q.kind, JK_PROOF_INCLUSION);
    assert_int_equal(q.n, p.n);
    assert_memory_equal(q.path, p.path, p.n * JK_HASH_LEN);
    assert_rc(jk_merkle_verify(&q, NULL), JK_OK);
    jk_buf_reset(&b);
    assert_rc(jk_merkle_consistency(t, 7, 13, &p, NULL), JK_OK);
    assert_rc(jk_merkle_proof_format(&p, &b), JK_OK);
    assert_rc(jk_merkle_proof_parse("p", b.data, b.len, &q, NULL), JK_OK);
    assert_int_equal(q.kind, JK_PROOF_CONSISTENCY);
    assert_rc(jk_merkle_verify(&q, NULL), JK_OK);
    jk_buf_free(&b);
    jk_merkle_free(t);
}

static void parse_errors(void **state)
{
    jk_merkle_proof p;
    jk_err err;
    const char *bad_hash = "{\"size1\":1,\"size2\":2,\"root1\":\"A!\","
                           "\"root2\":\"AAAA\",\"proof\":[\"AAAA\"]}";
    const char *bad_path = "{\"size1\":1,\"size2\":2,\"root1\":\"AAAA\","
                           "\"root2\":\"AAAA\",\"proof\":[\"AAAA\"]}";
    const char *unknown = "{\"leafIdx\":1,\"treeSize\":2,\"x\":1}";
    const char *neg = "{\"leafIdx\":-1}";
    (void)state;

    assert_rc(
        jk_merkle_proof_parse("p.json", bad_hash, strlen(bad_hash), &p, &err),
        JK_EPARSE);
    assert_string_equal(err.where, "p.json:$.root1");
    assert_string_equal(err.msg, "expected 32 bytes in base64");
    assert_rc(
        jk_merkle_proof_parse("p.json", bad_path, strlen(bad_path), &p, &err),
        JK_EPARSE);
    assert_string_equal(err.where, "p.json:$.proof[0]");
    assert_rc(
        jk_merkle_proof_parse("p.json", unknown, strlen(unknown), &p, &err),
        JK_EPARSE);
    assert_string_equal(err.where, "p.json:$.x");
    assert_string_equal(err.msg, "unknown field");
    assert_rc(jk_merkle_proof_parse("p.json", neg, strlen(neg), &p, &err),
              JK_EPARSE);
    assert_string_equal(err.where, "p.json:$.leafIdx");
    assert_rc(jk_merkle_proof_parse("p.json", "{", 1, &p, &err), JK_EPARSE);
    assert_string_equal(err.where, "p.json:1:1");
}

/* The ledger hashes with OpenSSL (sha256.c): the same digests as
 * libsodium's SHA-256 for every length around the block boundaries and
 * for the message cut into pieces anywhere, and the FIPS 180-2 value of
 * "abc". */
static void sha256_matches_libsodium(void **state)
{
    uint8_t msg[300], want[32], got[32];
    char h[2 * JK_HASH_LEN + 1];
    size_t n, cut;
    const lg_piece abc = {"abc", 3};
    (void)state;
    assert_true(sodium_init() >= 0);
    assert_true(lg_sha256_fast());
    lg_sha256(&abc, 1, got);
    hex(got, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
                           "b00361a396177a9cb410ff61f20015ad");
    randombytes_buf(msg, sizeof(msg));
    for (n = 0; n <= sizeof(msg); n++) {
        crypto_hash_sha256(want, msg, n);
        for (cut = 0; cut <= n; cut += n / 7 + 1) {
            const lg_piece pc[3] = {{msg, cut / 2},
                                    {msg + cut / 2, cut - cut / 2},
                                    {msg + cut, n - cut}};
            lg_sha256(pc, 3, got);
            assert_memory_equal(got, want, 32);
        }
    }
}

/* lg_unhex: exactly 2n digits of either case, nothing else. */
static void unhex_strict(void **state)
{
    uint8_t b[4];
    (void)state;
    assert_rc(lg_unhex("00fFa9B0", b, 4), JK_OK);
    assert_int_equal(b[0], 0x00);
    assert_int_equal(b[1], 0xff);
    assert_int_equal(b[2], 0xa9);
    assert_int_equal(b[3], 0xb0);
    assert_rc(lg_unhex("00ffa9b", b, 4), JK_EPARSE);   /* short */
    assert_rc(lg_unhex("00ffa9b0c", b, 4), JK_EPARSE); /* long */
    assert_rc(lg_unhex("00ffa9bg", b, 4), JK_EPARSE);  /* g */
    assert_rc(lg_unhex("00ff a9b", b, 4), JK_EPARSE);  /* space */
    assert_rc(lg_unhex("\xff"
                       "0ffa9b0",
                       b, 4),
              JK_EPARSE);
    assert_rc(lg_unhex(NULL, b, 4), JK_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_and_reference_roots),
        cmocka_unit_test(rfc6962_vectors),
        cmocka_unit_test(generated_equals_vector),
        cmocka_unit_test(all_proofs_small_trees),
        cmocka_unit_test(format_roundtrip),
        cmocka_unit_test(parse_errors),
        cmocka_unit_test(sha256_matches_libsodium),
        cmocka_unit_test(unhex_strict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
