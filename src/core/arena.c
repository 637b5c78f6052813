/*
 * A bump allocator. Memory comes from jk_malloc in blocks; each request
 * is rounded up to the alignment of max_align_t and carved from the
 * current block. A request too big for a normal block gets a block of
 * its own, linked behind the current block so that the space left in
 * the current block is not wasted. Nothing is freed until
 * jk_arena_reset() or jk_arena_free().
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <junkan/core.h>

#define ALIGN         (alignof(max_align_t))
#define DEFAULT_BLOCK 8192u
#define MIN_BLOCK     64u

struct block {
    struct block *next; /* older block, or NULL */
    size_t size;        /* usable bytes in data */
    size_t used;        /* bytes handed out from data */
    max_align_t data[]; /* the memory, aligned for any type */
};

struct jk_arena {
    struct block *head;  /* current block: small requests bump here */
    struct block *first; /* the block made by jk_arena_new, kept on reset */
    size_t block_size;   /* usable bytes in a normal block */
};

/* Round n up to a multiple of ALIGN; 0 when that would overflow. */
static size_t align_up(size_t n)
{
    if (n > SIZE_MAX - (ALIGN - 1))
        return 0;
    return (n + (ALIGN - 1)) & ~(ALIGN - 1);
}

/* A new empty block with room for size bytes; NULL on OOM. */
static struct block *block_new(size_t size)
{
    struct block *b;

    if (size > SIZE_MAX - sizeof(*b))
        return NULL;
    b = jk_malloc(sizeof(*b) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

/*
 * Create an arena whose normal blocks hold block_size bytes (0 picks a
 * default of 8 KiB). The first block is allocated at once. NULL on OOM.
 */
jk_arena *jk_arena_new(size_t block_size)
{
    jk_arena *a;

    if (block_size == 0)
        block_size = DEFAULT_BLOCK;
    if (block_size < MIN_BLOCK)
        block_size = MIN_BLOCK;
    block_size = align_up(block_size);
    if (block_size == 0)
        return NULL;
    a = jk_malloc(sizeof(*a));
    if (!a)
        return NULL;
    a->block_size = block_size;
    a->first = block_new(block_size);
    if (!a->first) {
        jk_free(a);
        return NULL;
    }
    a->head = a->first;
    return a;
}

/* Free the arena and every block. NULL is a no-op. */
void jk_arena_free(jk_arena *a)
{
    struct block *b;

    if (!a)
        return;
    b = a->head;
    while (b) {
        struct block *next = b->next;
        jk_free(b);
        b = next;
    }
    jk_free(a);
}

/*
 * n bytes aligned for any type, valid until reset or free. n == 0 gets
 * a distinct minimal allocation. NULL on OOM (the arena is unchanged).
 */
void *jk_arena_alloc(jk_arena *a, size_t n)
{
    struct block *b;
    size_t need;

    if (!a)
        return NULL;
    need = align_up(n ? n : 1);
    if (need == 0)
        return NULL;
    b = a->head;
    if (b->size - b->used >= need) {
        void *p = (char *)b->data + b->used;
        b->used += need;
        return p;
    }
    if (need > a->block_size / 2) {
        /* Big request: its own block, behind the current one. */
        b = block_new(need);
        if (!b)
            return NULL;
        b->used = need;
        b->next = a->head->next;
        a->head->next = b;
        return b->data;
    }
    b = block_new(a->block_size);
    if (!b)
        return NULL;
    b->used = need;
    b->next = a->head;
    a->head = b;
    return b->data;
}

/* Whether p points into memory a handed out (any block). */
bool jk_arena_owns(const jk_arena *a, const void *p)
{
    const struct block *b;
    const char *c = p;
    for (b = a->head; b; b = b->next)
        if (c >= (const char *)b->data && c < (const char *)b->data + b->size)
            return true;
    return false;
}

/* A copy of s in the arena; NULL if s is NULL or on OOM. */
char *jk_arena_strdup(jk_arena *a, const char *s)
{
    if (!s)
        return NULL;
    return jk_arena_strndup(a, s, strlen(s));
}

/* A NUL-terminated copy of at most n bytes of s (stopping at a NUL). */
char *jk_arena_strndup(jk_arena *a, const char *s, size_t n)
{
    size_t len;
    char *d;

    if (!s)
        return NULL;
    len = strnlen(s, n);
    if (len == SIZE_MAX)
        return NULL;
    d = jk_arena_alloc(a, len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

/*
 * Forget every allocation. Every block but the first is freed; the
 * first is emptied for reuse, so a reset arena allocates nothing until
 * it outgrows one block again. Pointers handed out become invalid.
 */
void jk_arena_reset(jk_arena *a)
{
    struct block *b;

    if (!a)
        return;
    b = a->head;
    while (b) {
        struct block *next = b->next;
        if (b != a->first)
            jk_free(b);
        b = next;
    }
    a->first->next = NULL;
    a->first->used = 0;
    a->head = a->first;
}
