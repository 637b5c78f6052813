/*
 * jansson's allocator for the whole library (json_alloc.c).
 */
#ifndef JK_CORE_JSON_ALLOC_H
#define JK_CORE_JSON_ALLOC_H

#include <junkan/core.h>

/* Route jansson's allocations through jk_malloc (and the arenas below). */
void jk_json_init(void);
/* This thread's parses allocate from a (NULL: from jk_malloc again).
 * What they return must not be freed with jk_free. */
void jk_json_arena(jk_arena *a);
/* Frees on this thread of memory in the n arenas a[] are no-ops (NULL:
 * none); the arenas must outlive the documents freed. */
void jk_json_keep(jk_arena *const *a, int n);

#endif
