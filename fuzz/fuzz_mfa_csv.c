/*
 * Fuzz target: the MFA reader for a directory of CSV files. The input is
 * written as flows.csv (processes implicit) and loaded; what loads is
 * checked and reconciled like fuzz_mfa_system.c does for JSON.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <junkan/junkan.h>

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
        size_t nbad = 0;
        jk_mfa_result *r = NULL;
        jk_mfa_balances(sys, 0.001, NULL, NULL, &nbad, &err);
        if (jk_mfa_n_flows(sys) <= 200 &&
            jk_mfa_reconcile(sys, NULL, &r, &err) == JK_OK) {
            size_t i;
            for (i = 0; i < jk_mfa_result_n(r); i++) {
                const jk_mfa_estimate *e = jk_mfa_result_at(r, i);
                if (e->cls != JK_MFA_UNOBSERVABLE && isnan(e->value))
                    __builtin_trap();
            }
        }
        jk_mfa_result_free(r);
        jk_mfa_free(sys);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    unlink(path);
    rmdir(dir);
    return 0;
}
