/*
 * Shared by the import fuzz targets: a fresh in-memory store with the
 * reference tables for every input, so that inputs do not interact.
 */
#ifndef JK_FUZZ_COMMON_H
#define JK_FUZZ_COMMON_H

#include <stdint.h>
#include <string.h>

#include <junkan/junkan.h>

static void fuzz_import(const char *name, const uint8_t *data, size_t size)
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

#endif
