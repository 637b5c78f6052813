/*
 * 構造分析: DEMATEL on a 2×2 matrix worked by hand, the identity
 * T = N + N·T on a 4×4 matrix, ISM levels of a 3-factor chain with a
 * cycle, and the errors for matrices that are not square, rows and
 * columns out of order, and a non-zero diagonal.
 */
#include <math.h>
#include <stdio.h>

#include "jk_test.h"

#include <junkan/diagnosis.h>

#define DATA            JK_TEST_DATA "/diagnosis/"
#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static jk_dg_matrix *load(const char *name)
{
    jk_dg_matrix *m = NULL;
    jk_err err;
    char path[512];
    snprintf(path, sizeof(path), DATA "%s", name);
    if (jk_dg_matrix_load(path, &m, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return m;
}

/* A = [[0,2],[1,0]]: s = 2, N = [[0,1],[.5,0]], (I − N)^−1 =
 * [[2,2],[1,2]], T = N (I − N)^−1 = [[1,2],[1,1]]; D = (3,2),
 * R = (2,3): D+R = (5,5), D−R = (1,−1); threshold = mean(T) = 1.25. */
static void dematel_2x2(void **state)
{
    jk_dg_matrix *m = load("dematel2.csv");
    jk_dg_dematel *d = NULL;
    jk_err err;
    (void)state;
    assert_int_equal(m->n, 2);
    assert_string_equal(m->name[1], "B");
    assert_rc(jk_dg_dematel_run(m, (double)NAN, &d, &err), JK_OK);
    near(d->s, 2, 0);
    near(d->t[0], 1, 1e-12);
    near(d->t[1], 2, 1e-12);
    near(d->t[2], 1, 1e-12);
    near(d->t[3], 1, 1e-12);
    near(d->d[0], 3, 1e-12);
    near(d->d[1], 2, 1e-12);
    near(d->r[0], 2, 1e-12);
    near(d->r[1], 3, 1e-12);
    near(d->threshold, 1.25, 1e-12);
    jk_dg_dematel_free(d);
    jk_dg_matrix_free(m);
}

static void dematel_identity_and_svg(void **state)
{
    jk_dg_matrix *m = load("issues4.csv");
    jk_dg_dematel *d = NULL;
    jk_err err;
    size_t n, i, j, k;
    char svg[16384];
    size_t len;
    FILE *fp;
    (void)state;
    assert_rc(jk_dg_dematel_run(m, (double)NAN, &d, &err), JK_OK);
    n = m->n;
    near(d->s, 9, 0); /* column 分別率: 2 + 3 + 4 = 9 > row 費用 6 */
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            double nt = 0;
            for (k = 0; k < n; k++)
                nt += m->a[i * n + k] / d->s * d->t[k * n + j];
            near(d->t[i * n + j], m->a[i * n + j] / d->s + nt, 1e-12);
        }
    fp = tmpfile();
    assert_non_null(fp);
    assert_rc(jk_dg_dematel_svg(m, d, fp, &err), JK_OK);
    rewind(fp);
    len = fread(svg, 1, sizeof(svg) - 1, fp);
    svg[len] = '\0';
    fclose(fp);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, ">住民理解</text>"));
    assert_non_null(strstr(svg, "marker-end"));
    jk_dg_dematel_free(d);
    jk_dg_matrix_free(m);
}

/* P → Q → R → Q: R(P) = {P,Q,R}, R(Q) = R(R) = {Q,R}; A(Q) = A(R) =
 * {P,Q,R}. Level 1: Q and R (R ∩ A = R); level 2: P. */
static void ism_levels(void **state)
{
    jk_dg_matrix *m = load("ism3.csv");
    int level[3], nl = 0;
    unsigned char reach[9];
    jk_err err;
    (void)state;
    assert_rc(jk_dg_ism(m, 0, level, &nl, reach, &err), JK_OK);
    assert_int_equal(nl, 2);
    assert_int_equal(level[0], 2);
    assert_int_equal(level[1], 1);
    assert_int_equal(level[2], 1);
    assert_memory_equal(reach, "\1\1\1\0\1\1\0\1\1", 9);
    jk_dg_matrix_free(m);
}

static void expect_error(const char *csv, int code, const char *where,
                         const char *msg)
{
    jk_dg_matrix *m = NULL;
    jk_err err;
    assert_rc(jk_dg_matrix_load_buffer("m.csv", csv, strlen(csv), &m, &err),
              code);
    assert_null(m);
    assert_string_equal(err.where, where);
    assert_string_equal(err.msg, msg);
}

static void bad_matrices(void **state)
{
    (void)state;
    expect_error(",A,B,C\nA,0,1,1\nB,1,0,1\n", JK_EPARSE, "m.csv:3",
                 "matrix: not square: 3 factors in the header but 2 rows");
    expect_error(",A,B\nA,0,1\nB,1\n", JK_EPARSE, "m.csv:3",
                 "matrix: not square: row \"B\" has 1 values, expected 2");
    expect_error(",A,B\nB,0,1\nA,1,0\n", JK_EPARSE, "m.csv:2",
                 "factor: row 1 is \"B\" but column 1 is \"A\"; rows and "
                 "columns must list the factors in the same order");
    expect_error(",A,B\nA,0,1\nB,1,2\n", JK_EPARSE, "m.csv:3",
                 "B: the diagonal must be 0 (a factor does not influence "
                 "itself), got 2");
    expect_error(",A,B\nA,0,-1\nB,1,0\n", JK_EPARSE, "m.csv:2",
                 "B: expected a number 0 or more, got \"-1\"");
    expect_error("x\n", JK_EPARSE, "m.csv:1",
                 "header: expected \",A,B,...\": an empty corner cell and "
                 "the factor names");
}

static void all_zero(void **state)
{
    static const char csv[] = ",A,B\nA,0,0\nB,0,0\n";
    jk_dg_matrix *m = NULL;
    jk_dg_dematel *d = NULL;
    jk_err err;
    (void)state;
    assert_rc(jk_dg_matrix_load_buffer("m.csv", csv, strlen(csv), &m, &err),
              JK_OK);
    assert_rc(jk_dg_dematel_run(m, (double)NAN, &d, &err), JK_ERANGE);
    assert_null(d);
    assert_string_equal(err.msg,
                        "matrix: every influence is 0; nothing to analyse");
    jk_dg_matrix_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dematel_2x2),
        cmocka_unit_test(dematel_identity_and_svg),
        cmocka_unit_test(ism_levels),
        cmocka_unit_test(bad_matrices),
        cmocka_unit_test(all_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
