/*
 * Fuzz target: the MOE per-plant loader (columns by name, numbers with
 * the survey's blanks, row flags) and the year summary on what loads.
 */
#include <stdint.h>
#include <stdlib.h>

#include <junkan/diagnosis.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_moe_plants *p = NULL;
    jk_moe_summary s;
    jk_err err;

    if (jk_moe_load_buffer("fuzz.csv", (const char *)data, size, 2022, NULL, &p,
                           &err) == JK_OK) {
        jk_moe_summarise(p, &s);
        if (s.rows != p->n || s.flagged > s.rows)
            __builtin_trap();
        jk_moe_free(p);
    } else if (err.msg[0] == '\0' || p != NULL) {
        __builtin_trap();
    }
    return 0;
}
