/*
 * The reference files compiled into the library by cmake/embed.cmake
 * (JK_EMBED_FILES in CMakeLists.txt): a table ended by a NULL name.
 */
#ifndef JK_EMBEDDED_H
#define JK_EMBEDDED_H

#include <stddef.h>

struct jk_embedded_file {
    const char *name; /* file name, e.g. "materials.csv" */
    const char *data; /* its bytes, NUL-terminated */
    size_t len;       /* bytes, without the NUL */
};

extern const struct jk_embedded_file jk_embedded[];

/* The bytes of a bundled file by name (*len its size); NULL when it is
 * not built in. */
const char *jk_embedded_find(const char *name, size_t *len);

#endif
