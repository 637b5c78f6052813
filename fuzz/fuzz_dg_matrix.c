/*
 * Fuzz target: the DEMATEL/ISM matrix reader, then DEMATEL, its SVG and
 * the ISM levels on whatever loads.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include <junkan/diagnosis.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_dg_matrix *m = NULL;
    jk_dg_dematel *d = NULL;
    jk_err err;
    int *level, nl = 0;

    if (jk_dg_matrix_load_buffer("fuzz.csv", (const char *)data, size, &m,
                                 &err) != JK_OK) {
        if (err.msg[0] == '\0' || m)
            __builtin_trap();
        return 0;
    }
    if (jk_dg_dematel_run(m, (double)NAN, &d, &err) == JK_OK) {
        FILE *fp = fopen("/dev/null", "w");
        if (fp) {
            jk_dg_dematel_svg(m, d, fp, &err);
            fclose(fp);
        }
        jk_dg_dematel_free(d);
    }
    level = jk_calloc(m->n + 1, sizeof(*level));
    if (level && jk_dg_ism(m, 0, level, &nl, NULL, &err) == JK_OK &&
        (nl < 1 || (size_t)nl > m->n))
        __builtin_trap();
    jk_free(level);
    jk_dg_matrix_free(m);
    return 0;
}
