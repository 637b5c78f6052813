/* Fuzz target: the CSV importer (header detection, fields, values). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import("fuzz.csv", data, size);
    return 0;
}
