/*
 * Shared by the import fuzz targets: a fresh in-memory store with the
 * reference tables for every input, so that inputs do not interact.
 */
#ifndef JK_FUZZ_COMMON_H
#define JK_FUZZ_COMMON_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <junkan/junkan.h>

static inline void fuzz_import(const char *name, const uint8_t *data,
                               size_t size)
{
    jk_store *s = NULL;
    jk_err err;
    int64_t before = 0, after = 0;

    if (jk_store_open(":memory:", NULL, &s, &err) != JK_OK)
        return;
    if (jk_seed_reference(s, &err) == JK_OK &&
        jk_store_count(s, JK_ENT_MATERIAL, &before, &err) == JK_OK) {
        int rc = jk_import_buffer(s, name, (const char *)data, size, NULL, NULL,
                                  &err);
        /* A failed import must leave nothing behind. */
        if (rc != JK_OK &&
            jk_store_count(s, JK_ENT_MATERIAL, &after, &err) == JK_OK &&
            after != before)
            __builtin_trap();
        if (rc != JK_OK && err.msg[0] == '\0')
            __builtin_trap(); /* every failure explains itself */
    }
    jk_store_close(s);
}

/*
 * What a loaded MFA system must survive: the balances, and both solvers
 * (small systems only, to keep runs fast). Only what cannot be
 * determined may be NaN; every failure explains itself.
 */
static inline void fuzz_mfa_check(jk_mfa_system *sys)
{
    jk_mfa_method m;
    size_t nbad = 0;
    jk_err err;

    jk_mfa_balances(sys, 0.001, NULL, NULL, &nbad, &err);
    if (jk_mfa_n_flows(sys) > 200)
        return;
    for (m = JK_MFA_DENSE; m <= JK_MFA_SPARSE; m++) {
        jk_mfa_opts o;
        jk_mfa_result *r = NULL;
        jk_mfa_opts_init(&o);
        o.method = m;
        if (jk_mfa_reconcile(sys, &o, &r, &err) == JK_OK) {
            size_t i;
            for (i = 0; i < jk_mfa_result_n(r); i++) {
                const jk_mfa_estimate *e = jk_mfa_result_at(r, i);
                if (e->cls != JK_MFA_UNOBSERVABLE && isnan(e->value))
                    __builtin_trap();
            }
        } else if (err.msg[0] == '\0') {
            __builtin_trap();
        }
        jk_mfa_result_free(r);
    }
}

#endif
