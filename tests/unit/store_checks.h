/*
 * Store checks shared by tests/unit/test_store.c (SQLite, in every
 * preset, under ASan too) and tests/pg/test_store_engines.c (SQLite and
 * PostgreSQL): keys, references and rollback, closing with a transaction
 * open, flow totals and iteration, balances, seeding. The including file
 * defines, before including this one:
 *
 *   static jk_store *open_new(void);          a fresh store
 *   static int64_t sql_int(const char *sql);  one integer, over a
 *                                             connection of its own
 */
#ifndef JK_STORE_CHECKS_H
#define JK_STORE_CHECKS_H

static void keys_references_and_rollback(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_material child = {"plastic.pp", "PP", "PP", "391590", ""};
    jk_org o = {"org-a", "A", "", JK_ORG_RECYCLER, "", "", ""};
    jk_site bad_site = {
        "s-1", "no-such-org", "S", "", JK_SITE_YARD, false, 0, 0, "", NULL, 0};
    jk_err err;
    int64_t n = -1;
    (void)state;

    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_begin(s, &err), JK_EINVAL); /* no nesting */
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &child, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &m, &err), JK_EEXIST);
    assert_rc(jk_store_put_org(s, &o, &err), JK_OK);
    assert_rc(jk_store_put_site(s, &bad_site, &err), JK_ECONSTRAINT);
    /* A failed insert leaves the transaction usable, on both engines. */
    assert_rc(jk_store_put_process(s, "economy", &err), JK_OK);
    assert_rc(jk_store_put_process(s, "economy", &err), JK_OK);
    jk_store_rollback(s);
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &n, &err), JK_OK);
    assert_i64_eq(n, 0);
    assert_rc(jk_store_count(s, JK_ENT_PROCESS, &n, &err), JK_OK);
    assert_i64_eq(n, 0);
    /* The same, committed. */
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &child, &err), JK_OK);
    assert_rc(jk_store_put_site(s, &bad_site, &err), JK_ECONSTRAINT);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    assert_rc(jk_store_commit(s, &err), JK_EINVAL);
    /* Outside a transaction, too. */
    assert_rc(jk_store_put_material(s, &m, &err), JK_EEXIST);
    assert_rc(jk_store_put_site(s, &bad_site, &err), JK_ECONSTRAINT);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM material WHERE parent = "
                          "'plastic'"),
                  1);
}

static void close_rolls_back_an_open_transaction(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"glass", "ガラス", "glass", "", ""};
    jk_err err;
    (void)state;
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM material"), 0);
}

typedef struct totals {
    int n;
    jk_mass plastic;
    char routes[4][16];
} totals;

static int on_total(void *ctx, const jk_flow_total *t)
{
    totals *tt = ctx;
    if (tt->n < 4)
        jk_strlcpy(tt->routes[tt->n], t->route, sizeof(tt->routes[0]));
    tt->n++;
    if (strcmp(t->material, "plastic") == 0)
        tt->plastic += t->mass;
    return 0;
}

static int stop_at_first(void *ctx, const jk_flow *f)
{
    (void)f;
    ++*(int *)ctx;
    return 42;
}

static void flows_totals_and_iteration(void **state)
{
    jk_store *s = open_new();
    jk_material m = {"plastic", "プラ", "plastics", "", ""};
    jk_flow f = {"economy", "landfill", "plastic", 0, {JK_PERIOD_FY, 2023, 0},
                 "",        "",         ""};
    totals tt;
    jk_err err;
    int i, calls = 0;
    (void)state;

    memset(&tt, 0, sizeof(tt));
    assert_rc(jk_store_begin(s, &err), JK_OK);
    assert_rc(jk_store_put_material(s, &m, &err), JK_OK);
    for (i = 1; i <= 100; i++) {
        f.mass = (jk_mass)i * JK_T + i; /* exact to the gram */
        assert_rc(jk_store_put_flow(s, &f, &err), JK_OK);
    }
    f.mass = -1;
    assert_rc(jk_store_put_flow(s, &f, &err), JK_ECONSTRAINT);
    assert_rc(jk_store_commit(s, &err), JK_OK);
    assert_rc(jk_store_flow_totals(s, on_total, &tt, &err), JK_OK);
    assert_int_equal(tt.n, 1);
    assert_i64_eq(tt.plastic, 5050 * JK_T + 5050);
    assert_int_equal(jk_store_each_flow(s, stop_at_first, &calls, &err), 42);
    assert_int_equal(calls, 1);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM flow"), 100);
}

typedef struct bal_seen {
    int n;
    jk_balance last[8];
    char nodes[8][32];
} bal_seen;

static int on_balance(void *ctx, const jk_balance *b)
{
    bal_seen *bs = ctx;
    if (bs->n < 8) {
        bs->last[bs->n] = *b;
        jk_strlcpy(bs->nodes[bs->n], b->node, sizeof(bs->nodes[0]));
    }
    bs->n++;
    return 0;
}

static void balances_of_processes(void **state)
{
    static const char csv[] = "from,to,material,mass,period\n"
                              "src,mid,paper,100t,FY2023\n"
                              "mid,sink,paper,99.95t,FY2023\n"
                              "src,mid2,paper,10t,FY2023\n"
                              "mid2,sink,paper,8t,FY2023\n"
                              "ext:row,mid3,paper,5t,FY2023\n"
                              "mid3,ext:row,paper,5t,FY2023\n";
    jk_store *s = open_new();
    bal_seen bs;
    jk_err err;
    int64_t bad = -1;
    (void)state;

    memset(&bs, 0, sizeof(bs));
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(
        jk_import_buffer(s, "b.csv", csv, sizeof(csv) - 1, NULL, NULL, &err),
        JK_OK);
    assert_rc(jk_check_balances(s, 0.001, on_balance, &bs, &bad, &err), JK_OK);
    assert_i64_eq(bad, 1);
    assert_int_equal(bs.n, 5); /* mid, mid2, mid3, sink, src */
    assert_string_equal(bs.nodes[0], "mid");
    assert_int_equal(bs.last[0].status, JK_BAL_WITHIN);
    assert_i64_eq(bs.last[0].diff, 50 * JK_KG);
    assert_string_equal(bs.nodes[1], "mid2");
    assert_int_equal(bs.last[1].status, JK_BAL_IMBALANCE);
    assert_string_equal(bs.nodes[2], "mid3");
    assert_int_equal(bs.last[2].status, JK_BAL_OK);
    assert_int_equal(bs.last[3].status, JK_BAL_SINK);
    assert_int_equal(bs.last[4].status, JK_BAL_SOURCE);
    assert_rc(jk_check_balances(s, 0.25, NULL, NULL, &bad, &err), JK_OK);
    assert_i64_eq(bad, 0);
    jk_store_close(s);
}

static void seeding_is_idempotent(void **state)
{
    jk_store *s = open_new();
    jk_err err;
    int64_t m1 = 0, m2 = 0, r = 0;
    (void)state;
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &m1, &err), JK_OK);
    assert_rc(jk_seed_reference(s, &err), JK_OK);
    assert_rc(jk_store_count(s, JK_ENT_MATERIAL, &m2, &err), JK_OK);
    assert_i64_eq(m1, m2);
    assert_true(m1 >= 80);
    assert_rc(jk_store_count(s, JK_ENT_REGION, &r, &err), JK_OK);
    assert_i64_eq(r, 249 + 47);
    jk_store_close(s);
    assert_i64_eq(sql_int("SELECT count(*) FROM region WHERE kind = "
                          "'prefecture' AND lg_code <> ''"),
                  47);
}

#endif
