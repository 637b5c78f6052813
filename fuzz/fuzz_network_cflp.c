/*
 * Fuzz target: the CFLP benchmark loaders (OR-Library, single-source,
 * Delmaire layouts). The first byte picks the layout and whether the
 * "capacity" template word is allowed; the rest is the file. Tiny
 * instances that load are also solved, splitting and single-source.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_net_cflp *p = NULL;
    jk_err err;
    jk_net_format fmt;
    int rc;

    if (size < 1)
        return 0;
    fmt = (jk_net_format)(data[0] % 4);
    rc = jk_net_cflp_parse("fuzz", (const char *)data + 1, size - 1, fmt,
                           (data[0] & 4) ? 100.0 : 0.0, &p, &err);
    if (rc != JK_OK) {
        if (err.msg[0] == '\0' || p != NULL)
            __builtin_trap();
        return 0;
    }
    if (p->m * p->n <= 24) {
        jk_net_opts o;
        jk_net_solution *s = NULL;
        int ss;
        for (ss = 0; ss < 2; ss++) {
            jk_net_opts_init(&o);
            o.single_source = ss;
            rc = jk_net_cflp_solve(p, &o, &s, &err);
            if (rc == JK_OK) {
                if (s->status != JK_NET_OPTIMAL || !isfinite(s->objective))
                    __builtin_trap();
                jk_net_solution_free(s);
            } else if (rc != JK_ECONSTRAINT || err.msg[0] == '\0') {
                __builtin_trap();
            }
        }
    }
    jk_net_cflp_free(p);
    return 0;
}
