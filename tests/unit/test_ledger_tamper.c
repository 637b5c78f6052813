/*
 * Tamper evidence and durability: a flipped byte, a dropped entry, two
 * entries swapped, a replaced key and a forged checkpoint are each
 * found by verification, which names the first bad entry; export,
 * verification of the copy and replication by import; and a real child
 * process killed with SIGKILL in the middle of its batches leaves a log
 * that verifies and holds a prefix of what it appended.
 *
 * On SQLite by default; on PostgreSQL with JUNKAN_TEST_PG set (the
 * tampering SQL then goes over libpq).
 */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "ledger_fixture.h"

static int setup(void **state)
{
    fx *f = jk_calloc(1, sizeof(*f));
    fx_open(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_close(*state);
    jk_free(*state);
    return 0;
}

/* Run SQL on the store file behind the ledger's back. */
static void sql(fx *f, const char *q)
{
    sqlite3 *db;
    char *msg = NULL;
    jk_ledger_close(f->lg);
    f->lg = NULL;
    jk_store_close(f->s);
    f->s = NULL;
    if (jk_test_pg()) {
        PGconn *c = PQconnectdb(f->path);
        PGresult *r;
        if (PQstatus(c) != CONNECTION_OK)
            fail_msg("%s: %s", f->path, PQerrorMessage(c));
        r = PQexec(c, q);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            fail_msg("%s: %s", q, PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
        assert_rc(jk_store_open(f->path, NULL, &f->s, &f->err), JK_OK);
        return;
    }
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    if (sqlite3_exec(db, q, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", q, msg);
    sqlite3_close(db);
    assert_rc(jk_store_open(f->path, NULL, &f->s, &f->err), JK_OK);
}

static void expect_bad(fx *f, const char *where, const char *msg)
{
    assert_rc(jk_ledger_verify_store(f->s, 2, NULL, &f->err), JK_ECONSTRAINT);
    assert_string_equal(f->err.where, where);
    if (strncmp(f->err.msg, msg, strlen(msg)) != 0)
        fail_msg("message \"%s\", expected \"%s...\"", f->err.msg, msg);
}

static void intact_verifies(void **state)
{
    fx *f = *state;
    jk_ledger_report rep;
    int threads;
    for (threads = 1; threads <= 2; threads++) {
        assert_rc(jk_ledger_verify_store(f->s, threads, &rep, &f->err), JK_OK);
        assert_i64_eq(rep.entries, 12);
        assert_int_equal(rep.threads, threads);
    }
}

static void flipped_byte(void **state)
{
    fx *f = *state;
    sql(f, "UPDATE ledger_entry SET body = replace(body, 'Sorting plant', "
           "'Sorting plank') WHERE seq = 5");
    expect_bad(f, "I6: entry 5: eh",
               "does not match the event's hash: the entry was altered");
}

/* A signature swapped for another entry's. */
static void flipped_signature(void **state)
{
    fx *f = *state;
    sql(f, "UPDATE ledger_entry SET sig = (SELECT sig FROM ledger_entry "
           "WHERE seq = 4) WHERE seq = 6");
    expect_bad(f, "I5: entry 6: sig", "the signature does not verify");
}

static void dropped_entry(void **state)
{
    fx *f = *state;
    sql(f, "DELETE FROM ledger_entry WHERE seq = 7");
    expect_bad(f, "I2: entry 8: seq", "expected entry 7 next");
}

static void reordered_entries(void **state)
{
    fx *f = *state;
    sql(f, "UPDATE ledger_entry SET seq = 1000 WHERE seq = 8;"
           "UPDATE ledger_entry SET seq = 8 WHERE seq = 7;"
           "UPDATE ledger_entry SET seq = 7 WHERE seq = 1000");
    expect_bad(f, "I2: entry 7: seq",
               "the body says another number, its place in the log is 7");
}

/* An attacker swaps the city's registered key for their own: the
 * registry's signature on entry 1 no longer verifies. */
static void replaced_key(void **state)
{
    fx *f = *state;
    char q[512], old[65], evil[65];
    jk_ledger_key k;
    uint8_t seed[32];
    memset(seed, 0xee, sizeof(seed));
    assert_rc(jk_ledger_key_new("op:city", 1, seed, NULL, &k, NULL), JK_OK);
    jk_ledger_key_pubhex(&f->k[K_CITY], old, sizeof(old));
    jk_ledger_key_pubhex(&k, evil, sizeof(evil));
    snprintf(q, sizeof(q),
             "UPDATE ledger_entry SET body = replace(body, '%s', '%s')", old,
             evil);
    sql(f, q);
    expect_bad(f, "I6: entry 1: eh",
               "does not match the event's hash: the entry was altered");
}

static void forged_checkpoint(void **state)
{
    fx *f = *state;
    assert_rc(jk_ledger_checkpoint(f->lg, &f->k[K_REG], NULL, &f->err), JK_OK);
    assert_rc(jk_ledger_verify_store(f->s, 2, NULL, &f->err), JK_OK);
    /* A root one character off. */
    sql(f, "UPDATE ledger_checkpoint SET note = replace(note, "
           "substr(note, 23, 4), 'AAAA')");
    expect_bad(f, "I4: checkpoint 12",
               "the root does not match the log: history differs");
}

static void export_path(fx *f, char *buf, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    (void)f;
    snprintf(buf, cap, "%s/jk-tamper-%ld.export", tmp ? tmp : "/tmp",
             (long)getpid());
}

static void write_export(fx *f, const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_rc(jk_ledger_export(f->lg, fp, &f->err), JK_OK);
    fclose(fp);
}

/* Replace the first occurrence of a by b in a file. */
static void edit_file(const char *path, const char *a, const char *b)
{
    size_t len;
    char *t = jk_test_read_file(path, &len), *p;
    FILE *fp;
    assert_non_null(t);
    p = strstr(t, a);
    assert_non_null(p);
    fp = fopen(path, "w");
    fwrite(t, 1, (size_t)(p - t), fp);
    fputs(b, fp);
    fputs(p + strlen(a), fp);
    fclose(fp);
    jk_free(t);
}

static void export_verify_and_replicate(void **state)
{
    fx *f = *state;
    char path[300], copy[300];
    jk_ledger_report a, b;
    jk_store *s2 = NULL;
    int64_t added = 0, n = -1;

    fx_bales(f, "lot:b1");
    assert_rc(jk_ledger_checkpoint(f->lg, &f->k[K_REG], NULL, &f->err), JK_OK);
    export_path(f, path, sizeof(path));
    write_export(f, path);
    assert_rc(jk_ledger_verify_store(f->s, 2, &a, &f->err), JK_OK);
    assert_rc(jk_ledger_verify_file(path, 2, &b, &f->err), JK_OK);
    assert_i64_eq(b.entries, 15);
    assert_i64_eq(b.checkpoints, 1);
    assert_memory_equal(a.root, b.root, JK_HASH_LEN);

    /* A backup operator imports it into an empty store. */
    jk_test_store_new(copy, sizeof(copy));
    assert_rc(jk_store_open(copy, NULL, &s2, &f->err), JK_OK);
    assert_rc(jk_ledger_import(s2, path, &added, &f->err), JK_OK);
    assert_i64_eq(added, 15);
    assert_rc(jk_ledger_verify_store(s2, 2, &b, &f->err), JK_OK);
    assert_memory_equal(a.root, b.root, JK_HASH_LEN);
    assert_i64_eq(b.checkpoints, 1);
    /* Importing again adds nothing. */
    assert_rc(jk_ledger_import(s2, path, &added, &f->err), JK_OK);
    assert_i64_eq(added, 0);

    /* A rewritten history is refused, and nothing changes. */
    edit_file(path, "Sorting plant", "Sorting plank");
    assert_rc(jk_ledger_verify_file(path, 2, NULL, &f->err), JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I6: entry 5: eh");
    assert_rc(jk_ledger_import(s2, path, &added, &f->err), JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I1: entry 5");
    assert_rc(jk_store_ledger_count(s2, &n, &f->err), JK_OK);
    assert_i64_eq(n, 15);
    jk_store_close(s2);
    jk_test_store_remove(copy);

    /* Into an empty store, a tampered copy lands nothing. */
    jk_test_store_new(copy, sizeof(copy));
    assert_rc(jk_store_open(copy, NULL, &s2, &f->err), JK_OK);
    assert_rc(jk_ledger_import(s2, path, &added, &f->err), JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I6: entry 5: eh");
    assert_rc(jk_store_ledger_count(s2, &n, &f->err), JK_OK);
    assert_i64_eq(n, 0);
    jk_store_close(s2);
    jk_test_store_remove(copy);
    unlink(path);
}

/* A gap in an export file: I2 at the entry after it. */
static void export_with_gap(void **state)
{
    fx *f = *state;
    char path[300];
    size_t len;
    char *t, *p, *q;
    FILE *fp;

    export_path(f, path, sizeof(path));
    write_export(f, path);
    t = jk_test_read_file(path, &len);
    /* drop the fourth line */
    p = t;
    for (int i = 0; i < 3; i++)
        p = strchr(p, '\n') + 1;
    q = strchr(p, '\n') + 1;
    fp = fopen(path, "w");
    fwrite(t, 1, (size_t)(p - t), fp);
    fputs(q, fp);
    fclose(fp);
    jk_free(t);
    assert_rc(jk_ledger_verify_file(path, 1, NULL, &f->err), JK_ECONSTRAINT);
    assert_string_equal(f->err.where, "I2: entry 3: seq");
    unlink(path);
}

/* More entries than one signature batch (4096): failures in the second
 * batch, and in both, are named right. */
static void many_entries(void **state)
{
    fx *f = *state;
    char *buf = jk_malloc(1 << 20);
    int b, e;
    fx_bales(f, "lot:b1");
    for (b = 0; b < 9; b++) {
        size_t o = 0;
        o += (size_t)snprintf(buf + o, (1 << 20) - o, "[");
        for (e = 0; e < 500; e++)
            o += (size_t)snprintf(buf + o, (1 << 20) - o,
                                  "%s{'type':'object.observe','actor':"
                                  "'op:sorter','upi':'lot:b1','n':%d," FX_T "}",
                                  e ? "," : "", b * 500 + e);
        snprintf(buf + o, (1 << 20) - o, "]");
        assert_rc(fx_app(f, buf), JK_OK);
    }
    jk_free(buf);
    assert_rc(jk_ledger_verify_store(f->s, 2, NULL, &f->err), JK_OK);
    sql(f, "UPDATE ledger_entry SET sig = (SELECT sig FROM ledger_entry "
           "WHERE seq = 4400) WHERE seq = 4401");
    expect_bad(f, "I5: entry 4401: sig", "the signature does not verify");
    sql(f, "UPDATE ledger_entry SET sig = (SELECT sig FROM ledger_entry "
           "WHERE seq = 100) WHERE seq = 101");
    expect_bad(f, "I5: entry 101: sig", "the signature does not verify");
}

/* The crash test: a child appends batches of 25 events, one transaction
 * each; it is killed with SIGKILL once the log holds 60 more entries. */
static void kill_mid_batch(void **state)
{
    fx *f = *state;
    int64_t base = jk_ledger_size(f->lg), n = 0, i;
    jk_ledger_report rep;
    pid_t pid;
    int status;

    fx_bales(f, "lot:b1");
    base = jk_ledger_size(f->lg);
    jk_ledger_close(f->lg);
    f->lg = NULL;
    jk_store_close(f->s);
    f->s = NULL;
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        jk_store *s;
        jk_ledger *lg;
        jk_err err;
        char buf[8192];
        int b, e;
        if (jk_store_open(f->path, NULL, &s, &err) ||
            jk_ledger_open(s, &lg, &err))
            _exit(3);
        for (b = 0; b < 100000; b++) {
            size_t o = 0;
            o += (size_t)snprintf(buf + o, sizeof(buf) - o, "[");
            for (e = 0; e < 25; e++)
                o += (size_t)snprintf(
                    buf + o, sizeof(buf) - o,
                    "%s{\"type\":\"object.observe\",\"actor\":\"op:sorter\","
                    "\"upi\":\"lot:b1\",\"n\":%d,"
                    "\"time\":\"2026-01-15T09:00:00+09:00\"}",
                    e ? "," : "", b * 25 + e);
            snprintf(buf + o, sizeof(buf) - o, "]");
            if (jk_ledger_append(lg, f->k, K_N, "crash", buf, strlen(buf),
                                 "2026-01-20T00:00:00Z", NULL, NULL, &err))
                _exit(4);
        }
        _exit(0);
    }
    /* Watch from another connection until 60 more entries landed. */
    for (i = 0; i < 200000 && n < base + 60; i++) {
        jk_store *s = NULL;
        jk_store_opts o;
        jk_err err;
        jk_store_opts_init(&o);
        o.readonly = true;
        if (jk_store_open(f->path, &o, &s, &err) == JK_OK) {
            jk_store_ledger_count(s, &n, &err);
            jk_store_close(s);
        }
        {
            struct timespec ts = {0, 200000};
            nanosleep(&ts, NULL);
        }
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);

    assert_rc(jk_store_open(f->path, NULL, &f->s, &f->err), JK_OK);
    assert_rc(jk_ledger_verify_store(f->s, 2, &rep, &f->err), JK_OK);
    assert_true(rep.entries >= base + 50);
    /* Whole batches only, in order: a prefix. */
    assert_i64_eq((rep.entries - base) % 25, 0);
    assert_rc(jk_ledger_open(f->s, &f->lg, &f->err), JK_OK);
    for (i = base; i < rep.entries; i++) {
        jk_buf b;
        char want[32];
        jk_buf_init(&b, 1 << 20);
        assert_rc(jk_ledger_entry(f->lg, i, &b, &f->err), JK_OK);
        snprintf(want, sizeof(want), "\"n\":%lld,", (long long)(i - base));
        if (!strstr(b.data, want))
            fail_msg("entry %lld: %s lacks %s", (long long)i, b.data, want);
        jk_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(intact_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(flipped_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(flipped_signature, setup, teardown),
        cmocka_unit_test_setup_teardown(dropped_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(reordered_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(replaced_key, setup, teardown),
        cmocka_unit_test_setup_teardown(forged_checkpoint, setup, teardown),
        cmocka_unit_test_setup_teardown(export_verify_and_replicate, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(export_with_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(many_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(kill_mid_batch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
