/*
 * Fuzz target: the period parser (fiscal and calendar years, months,
 * fiscal quarters; Western, era and full-width forms). A period that
 * parses has a canonical text that parses back to the same period, a
 * non-empty range of months and contains itself; one that does not parse
 * says why and is zeroed.
 */
#include <stdint.h>
#include <string.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[128], canon[32];
    jk_period p, q;
    jk_err err;
    int first, last;

    if (size >= sizeof(text))
        size = sizeof(text) - 1;
    if (size) /* the replay passes NULL for an empty file */
        memcpy(text, data, size);
    text[size] = '\0';
    jk_err_clear(&err);
    if (jk_period_parse(text, &p, &err) != JK_OK) {
        if (err.msg[0] == '\0' || p.kind != 0 || p.year != 0 || p.month != 0)
            __builtin_trap();
        return 0;
    }
    jk_period_format(&p, canon, sizeof(canon));
    if (canon[0] == '\0' || jk_period_parse(canon, &q, NULL) != JK_OK ||
        q.kind != p.kind || q.year != p.year || q.month != p.month)
        __builtin_trap();
    jk_period_months(&p, &first, &last);
    if (first > last || last - first > 11 || !jk_period_contains(&p, &p))
        __builtin_trap();
    return 0;
}
