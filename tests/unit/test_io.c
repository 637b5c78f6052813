/*
 * Import and export: every bad input under tests/data/io/bad_* must fail
 * with exactly the message in its .err file and leave the store
 * unchanged in content; good inputs land and round-trip; an import under
 * allocation failure at every step fails cleanly or succeeds whole.
 *
 * JK_TEST_BLESS=1 writes missing .err files from the actual output (to
 * be reviewed by hand before committing).
 *
 * With JUNKAN_TEST_PG set (tests/pg/run.sh) every store is a PostgreSQL
 * database of that cluster instead of a SQLite file: the template is a
 * template database, a copy is CREATE DATABASE ... TEMPLATE, and the
 * content dump reads every table over libpq.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "jk_test.h"

#include <junkan/junkan.h>

static char tmpdir[512];
static char template_db[600];

/* ---- helpers ---- */

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = jk_test_read_file(from, &len);
    FILE *fp = fopen(to, "wb");
    assert_non_null(data);
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
    jk_free(data);
}

/* The database name of a store path of this test on PostgreSQL. */
static void pg_name(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "jkt_io_%ld_%s", (long)getpid(), name);
}

/* PostgreSQL: every row of every table as text, sorted. */
static char *dump_pg(const char *uri)
{
    PGconn *c = PQconnectdb(uri);
    PGresult *tables;
    jk_buf b;
    int t;

    jk_buf_init(&b, 1u << 26);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("%s: %s", uri, PQerrorMessage(c));
    tables = PQexec(c, "SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = 'public' AND table_type = "
                       "'BASE TABLE' ORDER BY table_name COLLATE \"C\"");
    if (PQresultStatus(tables) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", uri, PQerrorMessage(c));
    for (t = 0; t < PQntuples(tables); t++) {
        const char *name = PQgetvalue(tables, t, 0);
        char sql[256];
        PGresult *rows;
        int i;
        if (strcmp(name, "import_log") == 0)
            continue; /* only written on success; checked separately */
        snprintf(sql, sizeof(sql),
                 "SELECT x::text FROM %s x ORDER BY x::text COLLATE \"C\"",
                 name);
        rows = PQexec(c, sql);
        if (PQresultStatus(rows) != PGRES_TUPLES_OK)
            fail_msg("%s: %s", sql, PQerrorMessage(c));
        jk_buf_addf(&b, "[%s]\n", name);
        for (i = 0; i < PQntuples(rows); i++)
            jk_buf_addf(&b, "%s\n", PQgetvalue(rows, i, 0));
        PQclear(rows);
    }
    PQclear(tables);
    PQfinish(c);
    return b.data;
}

/* Every row of every table, in a stable order: the store's content. */
static char *dump(const char *db_path)
{
    sqlite3 *db;
    sqlite3_stmt *tables, *rows;
    jk_buf b;

    if (jk_test_pg())
        return dump_pg(db_path);
    jk_buf_init(&b, 1u << 26);
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE "
                                        "type = 'table' ORDER BY name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        int i, n;
        if (strcmp(name, "import_log") == 0)
            continue; /* only written on success; checked separately */
        snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY rowid", name);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL),
                         SQLITE_OK);
        jk_buf_addf(&b, "[%s]\n", name);
        while (sqlite3_step(rows) == SQLITE_ROW) {
            n = sqlite3_column_count(rows);
            for (i = 0; i < n; i++) {
                const unsigned char *v = sqlite3_column_text(rows, i);
                jk_buf_addf(&b, "%s%s", i ? "|" : "",
                            v ? (const char *)v : "NULL");
            }
            jk_buf_add(&b, "\n", 1);
        }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    return b.data;
}

static jk_store *open_store(const char *path)
{
    jk_store *s = NULL;
    jk_err err;
    int rc = jk_store_open(path, NULL, &s, &err);
    if (rc)
        fail_msg("open %s: %s", path, err.msg);
    return s;
}

/* An empty store named name: tmpdir/name.db, or a new database. */
static void fresh_path(const char *name, char *out, size_t cap)
{
    char p[700];
    if (jk_test_pg()) {
        char db[128], sql[300];
        pg_name(name, db, sizeof(db));
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                 db);
        jk_test_pg_admin_(sql);
        snprintf(sql, sizeof(sql), "CREATE DATABASE %s", db);
        jk_test_pg_admin_(sql);
        snprintf(out, cap, "%s/%s", jk_test_pg(), db);
        return;
    }
    snprintf(out, cap, "%s/%s.db", tmpdir, name);
    unlink(out);
    snprintf(p, sizeof(p), "%s-wal", out);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", out);
    unlink(p);
}

static void fresh_copy(const char *name, char *out, size_t cap)
{
    char p[700];
    if (jk_test_pg()) {
        char db[128], tmpl[128], sql[400];
        pg_name(name, db, sizeof(db));
        pg_name("template", tmpl, sizeof(tmpl));
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                 db);
        jk_test_pg_admin_(sql);
        snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE %s", db, tmpl);
        jk_test_pg_admin_(sql);
        snprintf(out, cap, "%s/%s", jk_test_pg(), db);
        return;
    }
    snprintf(out, cap, "%s/%s.db", tmpdir, name);
    unlink(out);
    snprintf(p, sizeof(p), "%s-wal", out);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", out);
    unlink(p);
    copy_file(template_db, out);
}

/* ---- fixtures ---- */

static int setup_all(void **state)
{
    const char *base[] = {"base/organisations.csv", "base/sites.csv",
                          "base/flows.csv"};
    const char *t = getenv("TMPDIR");
    jk_store *s = NULL;
    jk_err err;
    (void)state;

    snprintf(tmpdir, sizeof(tmpdir), "%s/jk-test-io-%ld", t ? t : "/tmp",
             (long)getpid());
    mkdir(tmpdir, 0700);
    if (chdir(JK_TEST_DATA "/io") != 0)
        return -1;
    fresh_path("template", template_db, sizeof(template_db));
    if (jk_store_open(template_db, NULL, &s, &err) ||
        jk_seed_reference(s, &err) ||
        jk_import_files(s, base, 3, NULL, NULL, &err)) {
        fprintf(stderr, "setup: %s: %s\n", err.where, err.msg);
        jk_store_close(s);
        return -1;
    }
    jk_store_close(s); /* checkpoints the WAL into the file */
    return 0;
}

static int teardown_all(void **state)
{
    char cmd[600];
    (void)state;
    if (jk_test_pg()) {
        static const char *const names[] = {"template", "bad",  "ok",
                                            "order",    "rt_a", "rt_b",
                                            "demo",     "oom",  "progress"};
        size_t i;
        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            char db[128], sql[300];
            pg_name(names[i], db, sizeof(db));
            snprintf(sql, sizeof(sql),
                     "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
            jk_test_pg_admin_(sql);
        }
    }
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- bad inputs, data-driven ---- */

static int run_bad_case(const char *file)
{
    char db[700], errpath[300], line[JK_ERR_WHERE + JK_ERR_MSG + 8];
    char want_status[64] = "";
    char *before, *after, *want;
    const char *paths[1] = {file};
    jk_store *s;
    jk_err err;
    size_t n;
    int rc, failed = 0;

    fresh_copy("bad", db, sizeof(db));
    before = dump(db);
    s = open_store(db);
    rc = jk_import_files(s, paths, 1, NULL, NULL, &err);
    jk_store_close(s);
    after = dump(db);
    jk_err_line(&err, line, sizeof(line));

    snprintf(errpath, sizeof(errpath), "%.*s.err",
             (int)(strrchr(file, '.') - file), file);
    want = jk_test_read_file(errpath, &n);
    if (!want && getenv("JK_TEST_BLESS")) {
        FILE *fp = fopen(errpath, "w");
        fprintf(fp, "%s\n%s\n", line, jk_status_name(rc));
        fclose(fp);
        want = jk_test_read_file(errpath, &n);
    }
    if (!want) {
        print_error("%s: no %s (run with JK_TEST_BLESS=1 to create it)\n", file,
                    errpath);
        failed = 1;
    } else {
        char *nl = strchr(want, '\n');
        if (nl) {
            *nl = '\0';
            jk_strlcpy(want_status, nl + 1, sizeof(want_status));
            jk_str_trim(want_status);
        }
        if (rc == JK_OK) {
            print_error("%s: import succeeded, expected failure\n", file);
            failed = 1;
        } else if (strcmp(line, want) != 0) {
            print_error("%s:\n  got:  %s\n  want: %s\n", file, line, want);
            failed = 1;
        } else if (strcmp(jk_status_name(rc), want_status) != 0) {
            print_error("%s: status %s, want %s\n", file, jk_status_name(rc),
                        want_status);
            failed = 1;
        }
    }
    if (strcmp(before, after) != 0) {
        print_error("%s: the failed import changed the store\n", file);
        failed = 1;
    }
    jk_free(want);
    jk_free(before);
    jk_free(after);
    return failed;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void bad_inputs_fail_exactly_and_change_nothing(void **state)
{
    DIR *d = opendir(".");
    struct dirent *e;
    char *names[256];
    size_t n = 0, i;
    int failed = 0;
    (void)state;

    assert_non_null(d);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "bad_", 4) != 0 || len < 5 ||
            strcmp(e->d_name + len - 4, ".err") == 0)
            continue;
        assert_true(n < 256);
        names[n++] = jk_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp_names);
    assert_true(n >= 40);
    for (i = 0; i < n; i++) {
        failed += run_bad_case(names[i]);
        jk_free(names[i]);
    }
    print_message("%zu bad inputs checked, %d mismatches\n", n, failed);
    assert_int_equal(failed, 0);
}

/* ---- good inputs ---- */

static char *export_kind(jk_store *s, jk_kind k, const jk_unit *u)
{
    char path[700];
    jk_export_opts o = {u};
    jk_err err;
    FILE *fp;
    snprintf(path, sizeof(path), "%s/export.out", tmpdir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    if (k == JK_KIND_AUTO)
        assert_rc(
            jk_export_json(s,
                           (1u << JK_KIND_MATERIALS) | (1u << JK_KIND_ORGS) |
                               (1u << JK_KIND_SITES) | (1u << JK_KIND_FLOWS),
                           fp, &o, &err),
            JK_OK);
    else
        assert_rc(jk_export_csv(s, k, fp, &o, &err), JK_OK);
    fclose(fp);
    return jk_test_read_file(path, NULL);
}

/* Units, periods, nodes: the flows land with exact grams. */
static void good_flows_land_exactly(void **state)
{
    const char *paths[1] = {"ok_flows_units.csv"};
    char db[700];
    char *got, *want;
    jk_import_stats st;
    jk_store *s;
    jk_err err;
    (void)state;

    fresh_copy("ok", db, sizeof(db));
    s = open_store(db);
    assert_rc(jk_import_files(s, paths, 1, NULL, &st, &err), JK_OK);
    assert_i64_eq(st.rows[JK_KIND_FLOWS], 12);
    assert_i64_eq(st.processes, 3);
    got = export_kind(s, JK_KIND_FLOWS, jk_unit_find("g"));
    want = jk_test_read_file("ok_flows_units.expected", NULL);
    assert_non_null(want);
    assert_string_equal(got, want);
    jk_free(got);
    jk_free(want);
    jk_store_close(s);
}

/* Files are taken in dependency order whatever order they are given in:
 * flows that name a site imported in the same call land. */
static void dependency_order(void **state)
{
    const char *paths[3] = {"ok_order_flows.csv", "ok_order.json",
                            "ok_order_orgs.csv"};
    char db[700];
    jk_import_stats st;
    jk_store *s;
    jk_err err;
    int64_t n;
    (void)state;

    fresh_copy("order", db, sizeof(db));
    s = open_store(db);
    assert_rc(jk_import_files(s, paths, 3, NULL, &st, &err), JK_OK);
    assert_i64_eq(st.rows[JK_KIND_ORGS], 1);
    assert_i64_eq(st.rows[JK_KIND_SITES], 1);
    assert_i64_eq(st.rows[JK_KIND_FLOWS], 2);
    assert_rc(jk_store_count(s, JK_ENT_FLOW, &n, &err), JK_OK);
    assert_i64_eq(n, 3); /* the base flow and the two new ones */
    jk_store_close(s);
}

/* The tenant: flows imported with an owner carry it (and only those),
 * an owner may come in the same import, an unknown one is refused with
 * nothing landed, and the handle's tenant is as before afterwards. */
static void owner_tenant(void **state)
{
    const char *flows[1] = {"ok_flows_units.csv"};
    const char *order[3] = {"ok_order_flows.csv", "ok_order.json",
                            "ok_order_orgs.csv"};
    char db[700];
    jk_import_opts o;
    jk_import_stats st;
    jk_store *s;
    jk_err err;
    int64_t n, all;
    (void)state;

    fresh_copy("owner", db, sizeof(db));
    s = open_store(db);
    assert_rc(jk_store_count(s, JK_ENT_FLOW, &all, &err), JK_OK);
    jk_import_opts_init(&o);
    o.owner = "nobody";
    assert_rc(jk_import_files(s, flows, 1, &o, &st, &err), JK_ENOTFOUND);
    assert_string_equal(err.where, "--owner");
    assert_string_equal(err.msg, "no organisation \"nobody\" in the store "
                                 "or in the files imported");
    assert_rc(jk_store_count(s, JK_ENT_FLOW, &n, &err), JK_OK);
    assert_i64_eq(n, all);
    assert_string_equal(jk_store_tenant(s), "");

    o.owner = "city-a"; /* in the base store */
    assert_rc(jk_import_files(s, flows, 1, &o, &st, &err), JK_OK);
    assert_rc(jk_store_count_owned(s, "city-a", &n, &err), JK_OK);
    assert_i64_eq(n, 12);
    assert_rc(jk_store_count_owned(s, "", &n, &err), JK_OK);
    assert_i64_eq(n, all);
    assert_string_equal(jk_store_tenant(s), "");

    o.owner = "hub-c"; /* imported in the same call */
    assert_rc(jk_import_files(s, order, 3, &o, &st, &err), JK_OK);
    assert_rc(jk_store_count_owned(s, "hub-c", &n, &err), JK_OK);
    assert_i64_eq(n, 2);
    jk_store_close(s);
}

/* Export every kind as CSV and as JSON, import into a fresh store,
 * export again: identical. */
static void export_round_trips(void **state)
{
    const char *demo[1] = {JK_SOURCE_DIR "/data/demo"};
    static const jk_kind kinds[] = {JK_KIND_MATERIALS, JK_KIND_ORGS,
                                    JK_KIND_SITES, JK_KIND_FLOWS};
    char a[700], b[700], path[700];
    char *first[4], *json1, *json2;
    jk_store *s, *t;
    jk_err err;
    size_t i;
    (void)state;

    fresh_path("rt_a", a, sizeof(a));
    fresh_path("rt_b", b, sizeof(b));
    s = open_store(a);
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(jk_import_files(s, demo, 1, NULL, NULL, &err), JK_OK);
    t = open_store(b);
    assert_rc(jk_seed_reference(t, &err), JK_OK);
    for (i = 0; i < 4; i++) {
        const char *p[1] = {path};
        FILE *fp;
        first[i] = export_kind(s, kinds[i], NULL);
        snprintf(path, sizeof(path), "%s/rt-%s.csv", tmpdir,
                 jk_kind_name(kinds[i]));
        fp = fopen(path, "w");
        fputs(first[i], fp);
        fclose(fp);
        assert_rc(jk_import_files(t, p, 1, NULL, NULL, &err), JK_OK);
    }
    for (i = 0; i < 4; i++) {
        char *again = export_kind(t, kinds[i], NULL);
        assert_string_equal(again, first[i]);
        jk_free(again);
        jk_free(first[i]);
    }
    /* JSON: the whole store as one document, into a third store. */
    json1 = export_kind(s, JK_KIND_AUTO, NULL);
    jk_store_close(t);
    fresh_path("rt_b", b, sizeof(b));
    t = open_store(b);
    assert_rc(jk_seed_reference(t, &err), JK_OK);
    assert_rc(
        jk_import_buffer(t, "rt.json", json1, strlen(json1), NULL, NULL, &err),
        JK_OK);
    json2 = export_kind(t, JK_KIND_AUTO, NULL);
    assert_string_equal(json1, json2);
    jk_free(json1);
    jk_free(json2);
    jk_store_close(s);
    jk_store_close(t);
}

/* The demo data loads with the published totals. */
static int add_total(void *ctx, const jk_flow_total *t)
{
    jk_mass *sum = ctx;
    if (strcmp(t->material, "plastic") == 0 && strcmp(t->period, "2017") == 0)
        sum[0] += t->mass;
    if (strcmp(t->material, "all") == 0 && strcmp(t->route, "import") == 0)
        sum[1] += t->mass;
    return 0;
}

static void demo_matches_published_totals(void **state)
{
    const char *demo[1] = {JK_SOURCE_DIR "/data/demo"};
    char db[700];
    jk_mass sum[2] = {0, 0};
    jk_store *s;
    jk_err err;
    int64_t n;
    (void)state;

    fresh_path("demo", db, sizeof(db));
    s = open_store(db);
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(jk_import_files(s, demo, 1, NULL, NULL, &err), JK_OK);
    assert_rc(jk_store_flow_totals(s, add_total, sum, &err), JK_OK);
    /* PWMI 2017: 903万t of plastic waste in all. */
    assert_i64_eq(sum[0], 903 * JK_MAN_T);
    /* MOE FY2006: imports 756 + 57 = 813 Mt. */
    assert_i64_eq(sum[1], 813 * JK_MT);
    assert_rc(jk_store_count(s, JK_ENT_ORG, &n, &err), JK_OK);
    assert_true(n >= 28);
    jk_store_close(s);
}

/* ---- allocation failure at every step ---- */

static void import_under_allocation_failure(void **state)
{
    const char *paths[2] = {"ok_order_orgs.csv", "ok_flows_units.csv"};
    char db[700];
    char *before, *after, *success = NULL;
    long n, failures = 0;
    (void)state;

    if (!jk_alloc_fail_nth(0))
        skip(); /* a build without fault injection */
    /* On PostgreSQL every step copies a database (CREATE DATABASE ...
     * TEMPLATE, a fraction of a second): fail allocation 1, 2, ..., 8,
     * then every eighth of the way further (about 60 steps), instead of
     * every one as on SQLite. */
    for (n = 1; n < 200000; n += jk_test_pg() ? 1 + n / 8 : 1) {
        jk_store *s;
        jk_err err;
        int rc;
        bool fired;

        fresh_copy("oom", db, sizeof(db));
        before = dump(db);
        s = open_store(db);
        jk_alloc_fail_nth(n);
        rc = jk_import_files(s, paths, 2, NULL, NULL, &err);
        fired = jk_alloc_failed();
        jk_alloc_fail_nth(0);
        jk_store_close(s);
        after = dump(db);
        if (!fired) {
            /* Past the last allocation: the import ran to the end. */
            assert_rc(rc, JK_OK);
            assert_string_not_equal(before, after);
            jk_free(before);
            jk_free(after);
            break;
        }
        if (rc == JK_OK) {
            /* The failure was absorbed (SQLite retries some). The
             * result must then be the whole import. */
            if (!success) {
                success = after;
                after = NULL;
            }
        } else {
            if (rc != JK_ENOMEM)
                fail_msg("allocation %ld: %s (%s: %s), expected JK_ENOMEM", n,
                         jk_status_name(rc), err.where, err.msg);
            assert_string_equal(before, after);
            failures++;
        }
        jk_free(before);
        jk_free(after);
    }
    print_message("import of %ld allocations: %ld failed imports rolled "
                  "back\n",
                  n - 1, failures);
    assert_true(failures > 10);
    jk_free(success);
}

/* ---- progress ---- */

static void on_progress(void *ctx, const char *file, uint64_t done,
                        uint64_t total)
{
    uint64_t *seen = ctx;
    (void)file;
    assert_true(done <= total);
    seen[0]++;
    seen[1] = done;
    seen[2] = total;
}

static void progress_reaches_the_end(void **state)
{
    const char *paths[1] = {"ok_flows_units.csv"};
    uint64_t seen[3] = {0, 0, 0};
    jk_import_opts o;
    char db[700];
    jk_store *s;
    jk_err err;
    struct stat sb;
    (void)state;

    fresh_copy("progress", db, sizeof(db));
    s = open_store(db);
    jk_import_opts_init(&o);
    o.progress = on_progress;
    o.progress_ctx = seen;
    assert_rc(jk_import_files(s, paths, 1, &o, NULL, &err), JK_OK);
    assert_int_equal(stat(paths[0], &sb), 0);
    assert_true(seen[0] >= 1);
    assert_i64_eq(seen[2], sb.st_size);
    jk_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_inputs_fail_exactly_and_change_nothing),
        cmocka_unit_test(good_flows_land_exactly),
        cmocka_unit_test(dependency_order),
        cmocka_unit_test(owner_tenant),
        cmocka_unit_test(export_round_trips),
        cmocka_unit_test(demo_matches_published_totals),
        cmocka_unit_test(import_under_allocation_failure),
        cmocka_unit_test(progress_reaches_the_end),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
