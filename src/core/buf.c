/*
 * A growable byte string with a hard cap, after curl's dynbuf
 * (docs/internals/DYNBUF.md). Every append either succeeds completely
 * or leaves the buffer exactly as it was: a failed append never
 * truncates, moves or frees the existing contents.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <junkan/core.h>

#define MIN_CAP 32u

/* Initialise an empty buffer that may hold up to max bytes (0 allows
 * only empty appends). Allocates nothing. */
void jk_buf_init(jk_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

/* Release the memory; the buffer is empty and may be reused with the
 * same max. */
void jk_buf_free(jk_buf *b)
{
    if (!b)
        return;
    jk_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Empty the buffer but keep its memory for reuse. */
void jk_buf_reset(jk_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/*
 * Make room for n more bytes plus the NUL. JK_ELIMIT when len + n would
 * pass max, JK_ENOMEM when the memory cannot be had; b is unchanged
 * on failure.
 */
static int reserve(jk_buf *b, size_t n)
{
    size_t need;
    size_t cap;
    char *p;

    if (b->len > b->max || n > b->max - b->len)
        return JK_ELIMIT;
    need = b->len + n + 1; /* cannot overflow: len + n <= max < SIZE_MAX */
    if (b->max == SIZE_MAX && need == 0)
        return JK_ELIMIT;
    if (need <= b->cap)
        return JK_OK;
    cap = b->cap ? b->cap : MIN_CAP;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    /* Never reserve more than the cap can ever use. */
    if (b->max < SIZE_MAX && cap > b->max + 1)
        cap = b->max + 1;
    p = jk_realloc(b->data, cap);
    if (!p)
        return JK_ENOMEM;
    if (!b->data)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return JK_OK;
}

/* Append n bytes from p (p may be NULL when n is 0). */
int jk_buf_add(jk_buf *b, const void *p, size_t n)
{
    int rc = reserve(b, n);

    if (rc != JK_OK)
        return rc;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return JK_OK;
}

/* Append a C string. */
int jk_buf_adds(jk_buf *b, const char *s)
{
    return jk_buf_add(b, s, strlen(s));
}

/*
 * Append printf-formatted text: one vsnprintf to measure, one to write
 * into the reserved space. JK_EINVAL on a format (encoding) error.
 */
int jk_buf_addf(jk_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    int rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return JK_EINVAL;
    rc = reserve(b, (size_t)n);
    if (rc != JK_OK)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return JK_OK;
}

/* The contents as a C string, "" when nothing was ever appended. The
 * pointer is owned by b and valid until the next append or free. */
const char *jk_buf_str(const jk_buf *b)
{
    return b->data ? b->data : "";
}
