/*
 * jansson's allocator, shared by every module that parses JSON: through
 * the jk allocator (so fault injection reaches jansson), or, on a thread
 * that asked for it, from an arena.
 *
 * The arena is for the ledger's verification, which parses a million
 * bodies on worker threads and frees them on the applying thread: one
 * bump allocation per JSON node instead of a malloc, and no free at all
 * (the arena is emptied once the batch is applied). A thread parses
 * into its arena between jk_json_arena(a) and jk_json_arena(NULL); a
 * thread that frees documents parsed into arenas names them with
 * jk_json_keep(), and frees of their memory are then no-ops. Both are
 * thread-local, so other threads' JSON is untouched.
 */
#include <jansson.h>

#include "core/json_alloc.h"

static _Thread_local jk_arena *t_parse;       /* this thread parses here */
static _Thread_local jk_arena *const *t_keep; /* frees into these: no-op */
static _Thread_local int t_nkeep;

static bool in_arenas(const void *p)
{
    int i;
    if (t_parse && jk_arena_owns(t_parse, p))
        return true;
    for (i = 0; i < t_nkeep; i++)
        if (t_keep[i] && jk_arena_owns(t_keep[i], p))
            return true;
    return false;
}

static void *json_alloc(size_t n)
{
    return t_parse ? jk_arena_alloc(t_parse, n) : jk_malloc(n);
}

static void json_free(void *p)
{
    if (p && (t_parse || t_nkeep) && in_arenas(p))
        return;
    jk_free(p);
}

void jk_json_init(void)
{
    json_set_alloc_funcs(json_alloc, json_free);
}

void jk_json_arena(jk_arena *a)
{
    t_parse = a;
}

void jk_json_keep(jk_arena *const *a, int n)
{
    t_keep = a;
    t_nkeep = a ? n : 0;
}
