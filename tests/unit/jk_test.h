/*
 * Project helpers on top of cmocka: status and signed-integer asserts
 * that print readable values, and paths to test data.
 */
#ifndef JK_TEST_H
#define JK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <junkan/core.h>

#define assert_rc(expr, want)                                                  \
    do {                                                                       \
        int jk_rc_ = (expr);                                                   \
        int jk_want_ = (want);                                                 \
        if (jk_rc_ != jk_want_)                                                \
            fail_msg("%s returned %s (%s), expected %s", #expr,                \
                     jk_status_name(jk_rc_), jk_strerror(jk_rc_),              \
                     jk_status_name(jk_want_));                                \
    } while (0)

#define assert_i64_eq(a, b)                                                    \
    do {                                                                       \
        int64_t jk_a_ = (int64_t)(a);                                          \
        int64_t jk_b_ = (int64_t)(b);                                          \
        if (jk_a_ != jk_b_)                                                    \
            fail_msg("%s == %lld, expected %lld", #a, (long long)jk_a_,        \
                     (long long)jk_b_);                                        \
    } while (0)

/* Path of a file under tests/data. */
static inline const char *jk_test_path(const char *rel, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", JK_TEST_DATA, rel);
    return buf;
}

/* A whole file on the jk heap (free with jk_free), NUL-terminated;
 * NULL when it cannot be opened. *len (may be NULL) gets its size. */
static inline char *jk_test_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    jk_buf b;
    char chunk[4096];
    size_t n;

    if (len)
        *len = 0;
    if (!fp)
        return NULL;
    jk_buf_init(&b, 1u << 26);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        assert_int_equal(jk_buf_add(&b, chunk, n), JK_OK);
    fclose(fp);
    if (len)
        *len = b.len;
    if (!b.data)
        return jk_strdup("");
    return b.data;
}

#endif
