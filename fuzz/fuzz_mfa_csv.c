/*
 * Fuzz target: the MFA reader for a directory of CSV files. The input is
 * written as flows.csv (processes implicit) and loaded; what loads is
 * checked and reconciled by fuzz_mfa_check (fuzz_common.h).
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[64], path[96];
    jk_mfa_system *sys = NULL;
    jk_err err;
    FILE *fp;

    snprintf(dir, sizeof(dir), "/tmp/jk-fuzz-mfa-csv-%d", (int)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/flows.csv", dir);
    fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    if (jk_mfa_load(dir, &sys, &err) == JK_OK) {
        fuzz_mfa_check(sys);
        jk_mfa_free(sys);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    unlink(path);
    rmdir(dir);
    return 0;
}
