/*
 * The store: migrations numbered and recorded, reopening, schema
 * newer than the program, transactions, keys and references, queries,
 * and the balance check over stored flows.
 */
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "jk_test.h"

#include "store/store_int.h"

#include <junkan/junkan.h>

static char path[512];

static int setup(void **state)
{
    const char *t = getenv("TMPDIR");
    char p[600];
    (void)state;
    snprintf(path, sizeof(path), "%s/jk-test-store-%ld.db", t ? t : "/tmp",
             (long)getpid());
    unlink(path);
    snprintf(p, sizeof(p), "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", path);
    unlink(p);
    return 0;
}

static int teardown(void **state)
{
    return setup(state);
}

static jk_store *open_new(void)
{
    jk_store *s = NULL;
    jk_err err;
    assert_rc(jk_store_open(path, NULL, &s, &err), JK_OK);
    assert_non_null(s);
    return s;
}

static int64_t sql_int(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void migrations_are_recorded(void **state)
{
    jk_store *s = open_new();
    jk_err err;
    int v = 0;
    (void)state;

    assert_rc(jk_store_schema_version(s, &v, &err), JK_OK);
    assert_int_equal(v, jk_store_schema_latest());
    assert_string_equal(jk_store_backend(s), "sqlite");
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  (int64_t)jk_n_migrations);
    /* Every migration recorded once; numbers may have gaps on a branch
     * (each module takes the number it was given). */
    assert_i64_eq(sql_int("SELECT max(version) FROM schema_migrations"),
                  jk_store_schema_latest());
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  sql_int("SELECT count(DISTINCT version) FROM "
                          "schema_migrations"));
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
        assert_int_equal(
            sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL),
            SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    /* Reopening applies nothing twice. */
    s = open_new();
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  (int64_t)jk_n_migrations);
    /* Every migration recorded once; numbers may have gaps on a branch
     * (each module takes the number it was given). */
    assert_i64_eq(sql_int("SELECT max(version) FROM schema_migrations"),
                  jk_store_schema_latest());
    assert_i64_eq(sql_int("SELECT count(*) FROM schema_migrations"),
                  sql_int("SELECT count(DISTINCT version) FROM "
                          "schema_migrations"));
}

static void newer_schema_is_refused(void **state)
{
    jk_store *s = open_new();
    sqlite3 *db;
    jk_err err;
    (void)state;

    jk_store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO schema_migrations VALUES "
                                  "(999, 'future', 'now')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    assert_rc(jk_store_open(path, NULL, &s, &err), JK_ESCHEMA);
    assert_null(s);
    assert_non_null(strstr(err.msg, "schema version 999"));
}

static void missing_store_is_not_created_unless_asked(void **state)
{
    jk_store_opts o;
    jk_store *s = NULL;
    jk_err err;
    (void)state;

    jk_store_opts_init(&o);
    o.create = false;
    assert_rc(jk_store_open(path, &o, &s, &err), JK_ENOTFOUND);
    assert_null(s);
    assert_int_equal(access(path, F_OK), -1);
    /* postgres:// selects the PostgreSQL backend (tests/pg): with no
     * server there, a clear store error. */
    assert_rc(jk_store_open("postgres://junkan@127.0.0.1:1/x", &o, &s, &err),
              JK_ESTORE);
    assert_null(s);
    assert_non_null(strstr(err.msg, "cannot connect to PostgreSQL"));
}

#include "store_checks.h"

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrations_are_recorded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            missing_store_is_not_created_unless_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(keys_references_and_rollback, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(close_rolls_back_an_open_transaction,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(flows_totals_and_iteration, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(balances_of_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(seeding_is_idempotent, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
