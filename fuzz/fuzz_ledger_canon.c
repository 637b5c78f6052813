/*
 * Fuzz target: the ledger's canonical-form scan (src/ledger/canon.c).
 * Whatever jansson parses, the scan must agree with the definition
 * (serialise the parse compactly with sorted keys and compare) whenever
 * it gives an answer.
 */
#include <string.h>

#include "ledger/ledger_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t je;
    json_t *doc;
    char *again;
    int scan, want;

    lg_json_init();
    doc = json_loadb((const char *)data, size,
                     JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!doc)
        return 0;
    again = lg_canon(doc);
    json_decref(doc);
    if (!again)
        return 0;
    want = strlen(again) == size && memcmp(again, data, size) == 0;
    jk_free(again);
    scan = lg_canon_scan((const char *)data, size);
    if (scan != -1 && scan != want)
        __builtin_trap();
    return 0;
}
