/*
 * A string set for reference checks during import: open addressing
 * with linear probing, FNV-1a hashing, strings stored in an arena.
 */
#include <string.h>

#include "io/io_int.h"

void idset_free(idset *s)
{
    jk_free(s->slot);
    memset(s, 0, sizeof(*s));
}

bool idset_has(const idset *s, const char *key)
{
    size_t i;
    if (!s->cap)
        return false;
    for (i = jk_str_hash(key) & (s->cap - 1); s->slot[i];
         i = (i + 1) & (s->cap - 1))
        if (strcmp(s->slot[i], key) == 0)
            return true;
    return false;
}

static int grow(idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64, i, j;
    const char **slot = jk_calloc(cap, sizeof(*slot));
    if (!slot)
        return JK_ENOMEM;
    for (i = 0; i < s->cap; i++) {
        if (!s->slot[i])
            continue;
        for (j = jk_str_hash(s->slot[i]) & (cap - 1); slot[j];
             j = (j + 1) & (cap - 1))
            ;
        slot[j] = s->slot[i];
    }
    jk_free(s->slot);
    s->slot = slot;
    s->cap = cap;
    return JK_OK;
}

int idset_add(idset *s, jk_arena *a, const char *key)
{
    size_t i;
    const char *copy;
    if (idset_has(s, key))
        return JK_OK;
    if ((s->n + 1) * 2 > s->cap && grow(s) != JK_OK)
        return JK_ENOMEM;
    copy = jk_arena_strdup(a, key);
    if (!copy)
        return JK_ENOMEM;
    for (i = jk_str_hash(key) & (s->cap - 1); s->slot[i];
         i = (i + 1) & (s->cap - 1))
        ;
    s->slot[i] = copy;
    s->n++;
    return JK_OK;
}
