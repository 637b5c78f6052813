/*
 * Fuzz target: the DIMACS "min" reader. What reads is solved when small
 * (the solver must answer optimal, infeasible or unbounded, and an
 * optimal flow must respect its bounds).
 */
#include <stdint.h>

#include <junkan/mcf.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_mcf_problem p;
    jk_mcf_result r;
    jk_err err;

    if (jk_mcf_read_dimacs((const char *)data, size, "fuzz", &p, &err) !=
        JK_OK) {
        if (err.msg[0] == '\0')
            __builtin_trap();
        return 0;
    }
    if (p.n_nodes <= 1000 && p.n_arcs <= 10000) {
        int rc = jk_mcf_solve(&p, JK_MCF_EQ, &r, &err);
        if (rc == JK_OK && r.status == JK_MCF_OPTIMAL)
            for (int32_t a = 0; a < p.n_arcs; a++)
                if (r.flow[a] < (p.lower ? p.lower[a] : 0) ||
                    r.flow[a] > p.cap[a])
                    __builtin_trap();
        jk_mcf_result_free(&r);
    }
    jk_mcf_problem_free(&p);
    return 0;
}
