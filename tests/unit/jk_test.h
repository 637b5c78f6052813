/*
 * Project helpers on top of cmocka: status and signed-integer asserts
 * that print readable values, and paths to test data.
 */
#ifndef JK_TEST_H
#define JK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

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

/* All that was written to fp (a tmpfile()), which is closed; free with
 * jk_free. */
static inline char *jk_test_slurp(FILE *fp)
{
    long n;
    char *buf;
    fflush(fp);
    n = ftell(fp);
    assert_true(n >= 0);
    rewind(fp);
    buf = jk_malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/*
 * A fresh, empty store for one test, on either engine: with
 * $JUNKAN_TEST_PG set (postgres://user@host:port, as tests/pg/run.sh
 * sets it for its cluster) a new database in that cluster, else a new
 * temporary SQLite file under $TMPDIR. uri gets what jk_store_open
 * takes; jk_test_store_remove() drops or deletes it.
 */
static inline const char *jk_test_pg(void)
{
    const char *pg = getenv("JUNKAN_TEST_PG");
    return pg && *pg ? pg : NULL;
}

static inline void jk_test_quiet_(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

/* Run one statement on the cluster's maintenance database. */
static inline void jk_test_pg_admin_(const char *sql)
{
    char conninfo[600];
    PGconn *c;
    PGresult *r;
    snprintf(conninfo, sizeof(conninfo), "%s/postgres", jk_test_pg());
    c = PQconnectdb(conninfo);
    PQsetNoticeProcessor(c, jk_test_quiet_, NULL);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("cannot connect to %s: %s", conninfo, PQerrorMessage(c));
    r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

static inline void jk_test_store_new(char *uri, size_t cap)
{
    static int n;
    const char *pg = jk_test_pg();
    if (pg) {
        char sql[128];
        snprintf(sql, sizeof(sql), "CREATE DATABASE jkt_%ld_%d", (long)getpid(),
                 ++n);
        jk_test_pg_admin_(sql);
        snprintf(uri, cap, "%s/jkt_%ld_%d", pg, (long)getpid(), n);
    } else {
        const char *tmp = getenv("TMPDIR");
        int fd;
        snprintf(uri, cap, "%s/jkt-%ld-XXXXXX", tmp ? tmp : "/tmp",
                 (long)getpid());
        fd = mkstemp(uri);
        if (fd < 0)
            fail_msg("mkstemp %s failed", uri);
        close(fd);
        unlink(uri);
    }
}

static inline void jk_test_store_remove(const char *uri)
{
    char p[700];
    if (strncmp(uri, "postgres://", 11) == 0) {
        const char *db = strrchr(uri, '/');
        snprintf(p, sizeof(p), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                 db + 1);
        jk_test_pg_admin_(p);
        return;
    }
    unlink(uri);
    snprintf(p, sizeof(p), "%s-wal", uri);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", uri);
    unlink(p);
    snprintf(p, sizeof(p), "%s-journal", uri);
    unlink(p);
}

#endif
