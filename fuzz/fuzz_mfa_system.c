/*
 * Fuzz target: the MFA system reader (JSON) and, for what loads, the
 * balances and both reconciliation solvers (fuzz_mfa_check). No input
 * may crash, leak, or produce a NaN where a value was promised.
 */
#include <stdio.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    jk_mfa_system *sys = NULL;
    jk_err err;
    FILE *fp;

    /* One file per process: the loader reads paths, not buffers. */
    snprintf(path, sizeof(path), "/tmp/jk-fuzz-mfa-%d.json", (int)getpid());
    fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    if (jk_mfa_load(path, &sys, &err) == JK_OK) {
        fuzz_mfa_check(sys);
        jk_mfa_free(sys);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    unlink(path);
    return 0;
}
