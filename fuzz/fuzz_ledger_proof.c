/*
 * Fuzz target: the Merkle proof reader (jk_merkle_proof_parse). What
 * parses is verified (which must not crash, whatever the sizes), then
 * formatted and read back to the same proof.
 */
#include <string.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_merkle_proof p, q;
    jk_err err;
    jk_buf b;

    if (jk_merkle_proof_parse("fuzz", (const char *)data, size, &p, &err) !=
        JK_OK) {
        if (err.msg[0] == '\0')
            __builtin_trap(); /* every failure explains itself */
        return 0;
    }
    (void)jk_merkle_verify(&p, &err);
    if (p.root1_len != JK_HASH_LEN || p.root2_len != JK_HASH_LEN)
        return 0; /* short roots are read, never written */
    jk_buf_init(&b, 1 << 20);
    if (jk_merkle_proof_format(&p, &b) == JK_OK) {
        if (jk_merkle_proof_parse("again", b.data, b.len, &q, &err) != JK_OK)
            __builtin_trap();
        if (q.n != p.n || q.size2 != p.size2 ||
            memcmp(q.path, p.path, p.n * JK_HASH_LEN) != 0)
            __builtin_trap();
    }
    jk_buf_free(&b);
    return 0;
}
