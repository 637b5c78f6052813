/*
 * Fuzz target: the MFA system reader (JSON) and, for what loads, the
 * plausibility report, the balances and both reconciliation solvers.
 * No input may crash, leak, or produce a NaN where a value was promised.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <junkan/junkan.h>

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
        jk_mfa_method m;
        size_t nbad = 0;
        if (jk_mfa_n_flows(sys) <= 200)
            jk_mfa_balances(sys, 0.001, NULL, NULL, &nbad, &err);
        for (m = JK_MFA_DENSE; m <= JK_MFA_SPARSE; m++) {
            jk_mfa_opts o;
            jk_mfa_result *r = NULL;
            jk_mfa_opts_init(&o);
            o.method = m;
            if (jk_mfa_n_flows(sys) > 200)
                break;
            if (jk_mfa_reconcile(sys, &o, &r, &err) == JK_OK) {
                size_t i;
                for (i = 0; i < jk_mfa_result_n(r); i++) {
                    const jk_mfa_estimate *e = jk_mfa_result_at(r, i);
                    /* Only what cannot be determined may be NaN. */
                    if (e->cls != JK_MFA_UNOBSERVABLE && isnan(e->value))
                        __builtin_trap();
                }
            } else if (err.msg[0] == '\0') {
                __builtin_trap();
            }
            jk_mfa_result_free(r);
        }
        jk_mfa_free(sys);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    unlink(path);
    return 0;
}
