/*
 * Lookup of the reference files compiled into the library.
 */
#include <string.h>

#include "core/embedded.h"

const char *jk_embedded_find(const char *name, size_t *len)
{
    size_t i;
    for (i = 0; jk_embedded[i].name; i++)
        if (strcmp(jk_embedded[i].name, name) == 0) {
            *len = jk_embedded[i].len;
            return jk_embedded[i].data;
        }
    return NULL;
}
