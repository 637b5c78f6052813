/*
 * The diagnosis input in a store (migration 8): tables saved from the
 * CSV loader read back to the same data, and the national run on them
 * is identical to the run on the files, value for value; a re-import
 * replaces the municipalities it names and leaves the others; a failed
 * import leaves the store as it was; bad cells and bad stored rows are
 * named. On SQLite, and on PostgreSQL under tests/pg/run.sh.
 */
#include <math.h>
#include <string.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>
#include <junkan/store.h>

#define DEMO JK_SOURCE_DIR "/data/demo/diagnosis"
#define OK   JK_TEST_DATA "/diagnosis/ok"
#define REF  JK_SOURCE_DIR "/data/diagnosis"

static jk_store *fresh_store(char *path, size_t cap)
{
    jk_store *s = NULL;
    jk_err err;
    jk_test_store_new(path, cap);
    assert_rc(jk_store_open(path, NULL, &s, &err), JK_OK);
    return s;
}

static jk_dg_data *load_dir(const char *dir)
{
    jk_dg_data *d = NULL;
    jk_err err;
    if (jk_dg_data_load(dir, &d, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return d;
}

static jk_dg_data *load_store(jk_store *s)
{
    jk_dg_data *d = NULL;
    jk_err err;
    if (jk_dg_data_load_store(s, &d, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return d;
}

/* Save d in one transaction. */
static void save(jk_store *s, const jk_dg_data *d)
{
    jk_err err;
    int64_t rows = -1;
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_dg_data_save(s, d, &rows, &err), JK_OK);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    assert_true(rows > (int64_t)d->n);
}

/* Equal doubles, NaN equal to NaN, bit for bit otherwise. */
static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof(a)) == 0;
}

static void same_muni(const jk_dg_muni *a, const jk_dg_muni *b)
{
    size_t j;
    int k;
    assert_string_equal(a->code, b->code);
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->pref, b->pref);
    assert_string_equal(a->city_class, b->city_class);
    assert_string_equal(a->separation_type, b->separation_type);
    assert_int_equal(a->fiscal_year, b->fiscal_year);
    assert_true(same(a->pop_total, b->pop_total));
    assert_true(same(a->pop_collection, b->pop_collection));
    assert_true(same(a->households, b->households));
    assert_true(same(a->emp_secondary_pct, b->emp_secondary_pct));
    assert_true(same(a->emp_tertiary_pct, b->emp_tertiary_pct));
    assert_true(same(a->grid_ef, b->grid_ef));
    assert_true(same(a->landfill_volume_m3, b->landfill_volume_m3));
    assert_true(same(a->landfill_remaining_m3, b->landfill_remaining_m3));
    assert_int_equal(a->nflows, b->nflows);
    for (j = 0; j < a->nflows; j++) { /* field by field: padding */
        const jk_dg_flow *x = &a->flows[j], *y = &b->flows[j];
        assert_int_equal(x->fraction, y->fraction);
        assert_int_equal(x->source, y->source);
        assert_int_equal(x->route, y->route);
        assert_i64_eq(x->mass, y->mass);
        assert_i64_eq(x->recycled, y->recycled);
        assert_i64_eq(x->residue_fill, y->residue_fill);
    }
    assert_int_equal(a->has_comp, b->has_comp);
    for (k = 0; k < JK_MOE_NCOMP; k++)
        assert_true(same(a->comp_dry_pct[k], b->comp_dry_pct[k]));
    assert_true(same(a->moisture_pct, b->moisture_pct));
    assert_true(same(a->ash_pct, b->ash_pct));
    assert_true(same(a->lhv_kj_kg, b->lhv_kj_kg));
    assert_true(same(a->power_generated_mwh, b->power_generated_mwh));
    assert_true(same(a->power_sold_mwh, b->power_sold_mwh));
    assert_int_equal(a->has_residual, b->has_residual);
    for (k = 0; k < JK_DG_NFRACTION; k++)
        assert_true(same(a->residual_pct[k], b->residual_pct[k]));
    assert_int_equal(a->has_costs, b->has_costs);
    for (k = 0; k < JK_DG_NCOST; k++)
        assert_true(same(a->cost[k], b->cost[k]));
}

/* The national tables of a and b: every value, type, group, statistic. */
static void same_national(const jk_dg_data *a, const jk_dg_data *b)
{
    jk_dg_ref *ref = NULL;
    jk_dg_national *na = NULL, *nb = NULL;
    jk_err err;
    size_t i, g;
    int k;

    assert_rc(jk_dg_ref_load(REF, &ref, &err), JK_OK);
    assert_rc(jk_dg_national_new(a, ref, NULL, &na, &err), JK_OK);
    assert_rc(jk_dg_national_new(b, ref, NULL, &nb, &err), JK_OK);
    for (i = 0; i < a->n; i++) {
        const double *va = jk_dg_national_values(na, i);
        const double *vb = jk_dg_national_values(nb, i);
        for (k = 0; k < JK_DG_NIND; k++)
            assert_true(same(va[k], vb[k]));
        assert_memory_equal(jk_dg_national_totals(na, i),
                            jk_dg_national_totals(nb, i), sizeof(jk_dg_totals));
        assert_string_equal(jk_dg_national_type(na, i),
                            jk_dg_national_type(nb, i));
        assert_string_equal(jk_dg_national_group(na, i),
                            jk_dg_national_group(nb, i));
    }
    assert_int_equal(jk_dg_national_ngroups(na), jk_dg_national_ngroups(nb));
    for (g = 0; g < jk_dg_national_ngroups(na); g++)
        for (k = 0; k < JK_DG_NIND; k++) {
            const jk_dg_stats *x = jk_dg_national_stats(na, g, k);
            const jk_dg_stats *y = jk_dg_national_stats(nb, g, k);
            assert_int_equal(x->n, y->n);
            assert_true(same(x->mean, y->mean) && same(x->sd, y->sd) &&
                        same(x->q1, y->q1) && same(x->median, y->median) &&
                        same(x->q3, y->q3));
        }
    jk_dg_national_free(na);
    jk_dg_national_free(nb);
    jk_dg_ref_free(ref);
}

static void check_round_trip(const char *dir)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    jk_dg_data *a = load_dir(dir), *b;
    size_t i;

    save(s, a);
    b = load_store(s);
    assert_int_equal(a->n, b->n);
    for (i = 0; i < a->n; i++)
        same_muni(&a->muni[i], &b->muni[i]);
    same_national(a, b);
    jk_dg_data_free(a);
    jk_dg_data_free(b);
    jk_store_close(s);
    jk_test_store_remove(path);
}

/* 252 demo municipalities (profiles in code order, as the store reads
 * them): the national table is the same from the store as from CSV. */
static void national_same_both_ways(void **state)
{
    (void)state;
    check_round_trip(DEMO);
}

/* The hand-worked set: a 6-digit code, missing optional numbers (NULL
 * in the store), LHV, grid factor, costs with revenue. */
static void hand_worked_round_trip(void **state)
{
    (void)state;
    check_round_trip(OK);
}

static int count_rows(void *ctx, const char *const *cells, size_t n)
{
    (void)cells;
    (void)n;
    ++*(size_t *)ctx;
    return 0;
}

static size_t rows_of(jk_store *s, jk_dg_tab t)
{
    size_t n = 0;
    jk_err err;
    assert_rc(jk_store_dg_each(s, t, count_rows, &n, &err), JK_OK);
    return n;
}

/* Importing the same municipalities again replaces them; another set
 * is added beside them. */
static void import_replaces(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    jk_dg_data *demo = load_dir(DEMO), *ok = load_dir(OK), *back;
    size_t n[JK_DG_TAB_COUNT], t;
    (void)state;

    save(s, demo);
    for (t = 0; t < JK_DG_TAB_COUNT; t++)
        n[t] = rows_of(s, (jk_dg_tab)t);
    assert_int_equal(n[JK_DG_TAB_PROFILES], 252);
    save(s, demo);
    for (t = 0; t < JK_DG_TAB_COUNT; t++)
        assert_int_equal(rows_of(s, (jk_dg_tab)t), n[t]);
    save(s, ok);
    back = load_store(s);
    assert_int_equal(back->n, 252 + ok->n);
    /* Code order: 01001 and 01202 come before the demo's 10001. */
    assert_string_equal(back->muni[0].code, "01001");
    assert_string_equal(back->muni[1].code, "01202");
    assert_string_equal(back->muni[2].code, "10001");
    same_muni(&back->muni[0], &ok->muni[0]);
    jk_dg_data_free(back);
    jk_dg_data_free(demo);
    jk_dg_data_free(ok);
    jk_store_close(s);
    jk_test_store_remove(path);
}

/* A transaction that fails half-way (a row for a municipality without
 * a profile: at once on SQLite, at the commit on PostgreSQL, where the
 * rows go by COPY) leaves the store as it was. */
static void failed_import_leaves_store(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    jk_dg_data *ok = load_dir(OK), *demo = load_dir(DEMO), *back;
    const char *bad[] = {
        "99999", "1",  "paper", "household_collected", "direct_recycling",
        "5",     NULL, NULL};
    jk_err err;
    int rc;
    (void)state;

    save(s, ok);
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_dg_data_save(s, demo, NULL, &err), JK_OK);
    rc = jk_store_dg_put(s, JK_DG_TAB_FLOWS, bad, &err);
    if (rc == JK_OK)
        rc = jk_store_commit(s, &err);
    assert_int_not_equal(rc, JK_OK);
    assert_non_null(strstr(err.msg, "dg_flow"));
    jk_store_rollback(s);
    back = load_store(s);
    assert_int_equal(back->n, ok->n);
    same_muni(&back->muni[0], &ok->muni[0]);
    same_muni(&back->muni[1], &ok->muni[1]);
    jk_dg_data_free(back);
    jk_dg_data_free(ok);
    jk_dg_data_free(demo);
    jk_store_close(s);
    jk_test_store_remove(path);
}

/* jk_store_dg_put checks the cells before any backend sees them. */
static void put_checks_cells(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    const char *prof[] = {"01001", "2022", "A市", "", "市", "abc", NULL,
                          NULL,    NULL,   NULL,  "", NULL, NULL,  NULL};
    jk_err err;
    (void)state;

    assert_rc(jk_store_dg_put(s, JK_DG_TAB_PROFILES, prof, &err), JK_EINVAL);
    assert_string_equal(err.where, "dg_profile");
    assert_string_equal(err.msg, "pop_total: expected a number, got \"abc\"");
    prof[5] = "100";
    prof[1] = "2022.5";
    assert_rc(jk_store_dg_put(s, JK_DG_TAB_PROFILES, prof, &err), JK_EINVAL);
    assert_string_equal(err.msg,
                        "fiscal_year: expected a number, got \"2022.5\"");
    prof[1] = "2022";
    prof[0] = NULL;
    assert_rc(jk_store_dg_put(s, JK_DG_TAB_PROFILES, prof, &err), JK_EINVAL);
    assert_string_equal(err.msg, "muni_code: required (part of the key)");
    assert_rc(jk_store_dg_put(s, JK_DG_TAB_COUNT, prof, &err), JK_EINVAL);
    assert_string_equal(err.msg, "no diagnosis table 5");
    assert_null(jk_store_dg_table(JK_DG_TAB_COUNT));
    assert_string_equal(jk_store_dg_table(JK_DG_TAB_RESIDUAL), "dg_residual");
    assert_int_equal(jk_store_dg_ncolumns(JK_DG_TAB_FLOWS), 8);
    assert_string_equal(jk_store_dg_column_name(JK_DG_TAB_FLOWS, 5), "grams");
    assert_null(jk_store_dg_column_name(JK_DG_TAB_FLOWS, 8));
    jk_store_close(s);
    jk_test_store_remove(path);
}

/* Rows written past the loader are checked on the way back, by the
 * loader's rules, and named store:TABLE:LINE (the row + 1). An empty
 * store is an empty table. */
static void stored_rows_checked(void **state)
{
    char path[512];
    jk_store *s = fresh_store(path, sizeof(path));
    const char *prof[] = {"01001", "2022", "A市", "", "市", "100", NULL,
                          NULL,    NULL,   NULL,  "", NULL, NULL,  NULL};
    const char *flow[] = {
        "01001",   "1",  "paperr", "household_collected", "direct_recycling",
        "5000000", NULL, NULL};
    jk_dg_data *d = NULL;
    jk_err err;
    (void)state;

    d = load_store(s);
    assert_int_equal(d->n, 0);
    jk_dg_data_free(d);
    d = NULL;
    assert_rc(jk_store_dg_put(s, JK_DG_TAB_PROFILES, prof, &err), JK_OK);
    d = load_store(s);
    assert_int_equal(d->n, 1);
    assert_int_equal(d->muni[0].nflows, 0);
    assert_true(same(d->muni[0].pop_collection, 100)); /* the default */
    jk_dg_data_free(d);
    d = NULL;
    assert_rc(jk_store_dg_put(s, JK_DG_TAB_FLOWS, flow, &err), JK_OK);
    assert_rc(jk_dg_data_load_store(s, &d, &err), JK_EPARSE);
    assert_null(d);
    assert_string_equal(err.where, "store:dg_flow:2");
    assert_string_equal(err.msg, "fraction: unknown fraction \"paperr\" (see "
                                 "`junkan help diagnose-input`)");
    jk_store_close(s);
    jk_test_store_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(national_same_both_ways),
        cmocka_unit_test(hand_worked_round_trip),
        cmocka_unit_test(import_replaces),
        cmocka_unit_test(failed_import_leaves_store),
        cmocka_unit_test(put_checks_cells),
        cmocka_unit_test(stored_rows_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
