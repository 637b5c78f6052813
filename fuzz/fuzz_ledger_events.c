/*
 * Fuzz target: the ledger's readers of untrusted text. The input is
 * appended as events (JSON) to a fresh in-memory ledger whose log
 * operator also holds a registered facility and product class, and it
 * is read as an export file by the verifier. Nothing may crash or leak;
 * a rejected append leaves the log as it was and explains itself.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char setup[] =
    "[{\"type\": \"facility.register\", \"ufi\": \"f:1\", \"name\": \"F\", "
    "\"time\": \"2026-01-01T09:00:00+09:00\"},"
    "{\"type\": \"class.register\", \"id\": \"c:1\", \"name\": \"C\", "
    "\"material\": \"plastic.pet\", \"time\": \"2026-01-01T09:00:00+09:00\"},"
    "{\"type\": \"lot.create\", \"upi\": \"l:1\", \"class\": \"c:1\", "
    "\"facility\": \"f:1\", \"mass\": \"1 t\", \"origin\": "
    "\"post_consumer\", \"time\": \"2026-01-01T09:00:00+09:00\"}]";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_ledger_key k;
    jk_err err;
    uint8_t seed[32];
    char path[64];
    FILE *fp;

    memset(seed, 7, sizeof(seed));
    if (jk_ledger_key_new("op:fuzz", 1, seed, NULL, &k, &err) != JK_OK)
        return 0;
    if (jk_store_open(":memory:", NULL, &s, &err) == JK_OK &&
        jk_ledger_create(s, "fuzz/ledger", "Fuzz", &k, "2026-01-01T00:00:00Z",
                         &err) == JK_OK &&
        jk_ledger_open(s, &lg, &err) == JK_OK &&
        jk_ledger_append(lg, &k, 1, "setup", setup, strlen(setup),
                         "2026-01-02T00:00:00Z", NULL, NULL, &err) == JK_OK) {
        int64_t before = jk_ledger_size(lg);
        if (jk_ledger_append(lg, &k, 1, "fuzz", (const char *)data, size,
                             "2026-01-03T00:00:00Z", NULL, NULL,
                             &err) != JK_OK) {
            if (jk_ledger_size(lg) != before || err.msg[0] == '\0')
                __builtin_trap();
        } else {
            jk_ledger_report rep;
            if (jk_ledger_verify_store(s, 1, &rep, &err) != JK_OK)
                __builtin_trap(); /* what was accepted must verify */
        }
    }
    jk_ledger_close(lg);
    jk_store_close(s);
    jk_ledger_key_wipe(&k);

    snprintf(path, sizeof(path), "/tmp/jk-fuzz-ledger-%d", (int)getpid());
    fp = fopen(path, "wb");
    if (fp) {
        fwrite(data, 1, size, fp);
        fclose(fp);
        if (jk_ledger_verify_file(path, 1, NULL, &err) != JK_OK &&
            err.msg[0] == '\0')
            __builtin_trap();
        unlink(path);
    }
    return 0;
}
