/*
 * The allocator seam. The only file allowed to call malloc and free.
 *
 * In JK_TESTING builds an allocation can be made to fail on purpose:
 * jk_alloc_fail_nth(n) arms a counter so that the n-th allocation from
 * then on returns NULL (curl's torture mode, SQLite's fail-after-N).
 */
#include <stdlib.h>
#include <string.h>

#include <junkan/core.h>

#ifdef JK_TESTING
static long fail_at;    /* 0: disarmed; else the allocation number to fail */
static long alloc_seen; /* allocations since arming */
static bool fired;      /* the armed failure has happened */
static bool env_read;   /* JK_TEST_FAIL_ALLOC has been consulted */

static bool should_fail(void)
{
    if (!env_read) {
        const char *e = getenv("JK_TEST_FAIL_ALLOC");
        env_read = true;
        if (e && *e) {
            char *end;
            long n = strtol(e, &end, 10);
            if (*end == '\0' && n > 0)
                fail_at = n;
        }
    }
    alloc_seen++;
    if (fail_at > 0 && alloc_seen == fail_at) {
        fired = true;
        return true;
    }
    return false;
}

bool jk_alloc_fail_nth(long n)
{
    env_read = true;
    fail_at = n > 0 ? n : 0;
    alloc_seen = 0;
    fired = false;
    return true;
}

long jk_alloc_count(void)
{
    return alloc_seen;
}

bool jk_alloc_failed(void)
{
    return fired;
}
#else
static bool should_fail(void)
{
    return false;
}

bool jk_alloc_fail_nth(long n)
{
    (void)n;
    return false;
}

long jk_alloc_count(void)
{
    return 0;
}

bool jk_alloc_failed(void)
{
    return false;
}
#endif

void *jk_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *jk_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *jk_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void jk_free(void *p)
{
    free(p);
}

char *jk_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = jk_malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *jk_strdup(const char *s)
{
    return jk_strndup(s, strlen(s));
}
