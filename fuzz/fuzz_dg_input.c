/*
 * Fuzz target: the municipal input tables as one JSON document
 * (profiles, flows, composition, residual, costs; the same validators
 * as the CSV directory), then every indicator of what loads.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <junkan/diagnosis.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[96];
    jk_dg_data *d = NULL;
    double v[JK_DG_NIND];
    jk_err err;
    size_t i;
    FILE *fp;

    snprintf(path, sizeof(path), "/tmp/jk-fuzz-dg-%d.json", (int)getpid());
    if (!(fp = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    if (jk_dg_data_load(path, &d, &err) == JK_OK) {
        for (i = 0; i < d->n; i++)
            if (jk_dg_indicators(&d->muni[i], NULL, v, NULL, &err) != JK_OK)
                __builtin_trap();
        jk_dg_data_free(d);
    } else if (err.msg[0] == '\0' || d != NULL) {
        __builtin_trap();
    }
    unlink(path);
    return 0;
}
