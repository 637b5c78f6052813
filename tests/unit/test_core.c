/*
 * Unit tests for src/core: strings, arena, buffer, exact mass, periods
 * and identifiers, with allocation fault injection for the arena and
 * the buffer. Source text is UTF-8.
 */
#include "jk_test.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const UNIT_NAMES[] = {"g",  "kg",  "t",  "kt",
                                         "Mt", "万t", "千t"};

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

static void test_strlcpy_utf8(void **state)
{
    char buf[16];
    (void)state;

    /* "日本" is 6 bytes: 3 + 3. */
    assert_int_equal(jk_strlcpy(buf, "日本", 7), 6);
    assert_string_equal(buf, "日本");
    assert_int_equal(jk_strlcpy(buf, "日本", 6), 6);
    assert_string_equal(buf, "日");
    assert_int_equal(jk_strlcpy(buf, "日本", 5), 6);
    assert_string_equal(buf, "日");
    assert_int_equal(jk_strlcpy(buf, "日本", 4), 6);
    assert_string_equal(buf, "日");
    assert_int_equal(jk_strlcpy(buf, "日本", 3), 6);
    assert_string_equal(buf, "");
    assert_int_equal(jk_strlcpy(buf, "a日", 3), 4);
    assert_string_equal(buf, "a");
    assert_int_equal(jk_strlcpy(buf, "abcdef", 4), 6);
    assert_string_equal(buf, "abc");
    /* a 2-byte and a 4-byte character */
    assert_int_equal(jk_strlcpy(buf, "é", 2), 2);
    assert_string_equal(buf, "");
    assert_int_equal(jk_strlcpy(buf, "x😀", 5), 5);
    assert_string_equal(buf, "x");
    assert_int_equal(jk_strlcpy(buf, "x😀", 6), 5);
    assert_string_equal(buf, "x😀");
    buf[0] = 'Z';
    assert_int_equal(jk_strlcpy(buf, "abc", 0), 3);
    assert_int_equal(buf[0], 'Z');
    assert_int_equal(jk_strlcpy(buf, "", 1), 0);
    assert_string_equal(buf, "");
}

static void test_snprintf(void **state)
{
    char buf[8];
    (void)state;

    assert_int_equal(jk_snprintf(buf, sizeof(buf), "%d-%s", 12, "ab"), 5);
    assert_string_equal(buf, "12-ab");
    assert_int_equal(jk_snprintf(buf, sizeof(buf), "%s", "abcdefghij"), 10);
    assert_string_equal(buf, "abcdefg");
    /* truncation never leaves half a character */
    assert_int_equal(jk_snprintf(buf, 6, "a%s", "日本"), 7);
    assert_string_equal(buf, "a日");
    buf[0] = 'Z';
    assert_int_equal(jk_snprintf(buf, 0, "%s", "xy"), 2);
    assert_int_equal(buf[0], 'Z');
}

/* A message kept under a new `where` by formatting err->msg into itself
 * (jk_err_set(err, rc, "period", "%s", err->msg)) survives whole. */
static void test_err_rewrap(void **state)
{
    jk_err err;
    char line[600];
    (void)state;
    jk_err_clear(&err);
    assert_int_equal(jk_err_set(&err, JK_EPARSE, "x", "inner %d", 7),
                     JK_EPARSE);
    assert_int_equal(jk_err_set(&err, JK_EPARSE, "period", "%s", err.msg),
                     JK_EPARSE);
    assert_string_equal(err.where, "period");
    assert_string_equal(err.msg, "inner 7");
    assert_int_equal(
        jk_err_set(&err, JK_ERANGE, "mass", "%s (%s)", err.msg, err.where),
        JK_ERANGE);
    assert_string_equal(err.msg, "inner 7 (mass)");
    assert_string_equal(jk_err_line(&err, line, sizeof(line)),
                        "mass: inner 7 (mass)");
}

static void test_trim(void **state)
{
    char a[] = "\t 　abc　 \r\n";
    char b[] = "　　";
    char c[] = "a　b";
    char d[] = "";
    char e[] = "  x";
    char f[] = "日本　";
    (void)state;

    assert_string_equal(jk_str_trim(a), "abc");
    assert_string_equal(jk_str_trim(b), "");
    assert_string_equal(jk_str_trim(c), "a　b");
    assert_string_equal(jk_str_trim(d), "");
    assert_string_equal(jk_str_trim(e), "x");
    assert_string_equal(jk_str_trim(f), "日本");
    assert_null(jk_str_trim(NULL));
}

static bool valid(const char *s)
{
    return jk_utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
    (void)state;

    assert_true(valid(""));
    assert_true(valid("plain ascii"));
    assert_true(valid("日本語 ＦＹ２００６"));
    assert_true(valid("\xC2\x80"));         /* U+0080 */
    assert_true(valid("\xDF\xBF"));         /* U+07FF */
    assert_true(valid("\xE0\xA0\x80"));     /* U+0800 */
    assert_true(valid("\xED\x9F\xBF"));     /* U+D7FF */
    assert_true(valid("\xEE\x80\x80"));     /* U+E000 */
    assert_true(valid("\xEF\xBF\xBF"));     /* U+FFFF */
    assert_true(valid("\xF0\x90\x80\x80")); /* U+10000 */
    assert_true(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
    assert_true(jk_utf8_valid("a\0b", 3));  /* NUL is a character */
    assert_true(jk_utf8_valid(NULL, 0));

    assert_false(valid("\xC0\x80"));         /* overlong NUL */
    assert_false(valid("\xC1\xBF"));         /* overlong */
    assert_false(valid("\xE0\x80\x80"));     /* overlong */
    assert_false(valid("\xE0\x9F\xBF"));     /* overlong U+07FF */
    assert_false(valid("\xF0\x80\x80\x80")); /* overlong */
    assert_false(valid("\xF0\x8F\xBF\xBF")); /* overlong U+FFFF */
    assert_false(valid("\xED\xA0\x80"));     /* U+D800 */
    assert_false(valid("\xED\xBF\xBF"));     /* U+DFFF */
    assert_false(valid("\xF4\x90\x80\x80")); /* U+110000 */
    assert_false(valid("\xF5\x80\x80\x80"));
    assert_false(valid("\xFE"));
    assert_false(valid("\xFF"));
    assert_false(valid("\x80")); /* stray continuation */
    assert_false(valid("a\xBF"));
    assert_false(valid("\xE6\x97")); /* truncated 日 */
    assert_false(valid("\xE6\x97x"));
    assert_false(jk_utf8_valid("\xE6\x97\xA5", 2));
    assert_false(valid("\xF0\x9F\x98")); /* truncated emoji */
    assert_false(jk_utf8_valid(NULL, 1));
}

static void test_parse_double(void **state)
{
    double v = 1.0;
    (void)state;

    assert_rc(jk_parse_double("35.4437", &v), JK_OK);
    assert_true(v > 35.44369 && v < 35.44371);
    assert_rc(jk_parse_double("-1e3", &v), JK_OK);
    assert_true(v == -1000.0);
    assert_rc(jk_parse_double("0", &v), JK_OK);
    assert_true(v == 0.0);
    assert_rc(jk_parse_double("+2.5", &v), JK_OK);
    assert_true(v == 2.5);
    assert_rc(jk_parse_double("1e-400", &v), JK_OK); /* underflow is fine */

    v = 7.0;
    assert_rc(jk_parse_double("", &v), JK_EPARSE);
    assert_true(v == 0.0);
    assert_rc(jk_parse_double(" 1", &v), JK_EPARSE);
    assert_rc(jk_parse_double("\t1", &v), JK_EPARSE);
    assert_rc(jk_parse_double("1 ", &v), JK_EPARSE);
    assert_rc(jk_parse_double("1.5x", &v), JK_EPARSE);
    assert_rc(jk_parse_double("abc", &v), JK_EPARSE);
    assert_rc(jk_parse_double("inf", &v), JK_EPARSE);
    assert_rc(jk_parse_double("-Infinity", &v), JK_EPARSE);
    assert_rc(jk_parse_double("nan", &v), JK_EPARSE);
    assert_rc(jk_parse_double("0x10", &v), JK_EPARSE);
    assert_rc(jk_parse_double("1,5", &v), JK_EPARSE);
    assert_rc(jk_parse_double("1e999", &v), JK_ERANGE);
    assert_rc(jk_parse_double("-1e999", &v), JK_ERANGE);
    assert_rc(jk_parse_double(NULL, &v), JK_EINVAL);
    assert_rc(jk_parse_double("1", NULL), JK_EINVAL);
}

static void test_parse_i64(void **state)
{
    int64_t v = 0;
    (void)state;

    assert_rc(jk_parse_i64("42", &v), JK_OK);
    assert_i64_eq(v, 42);
    assert_rc(jk_parse_i64("-42", &v), JK_OK);
    assert_i64_eq(v, -42);
    assert_rc(jk_parse_i64("+7", &v), JK_OK);
    assert_i64_eq(v, 7);
    assert_rc(jk_parse_i64("9223372036854775807", &v), JK_OK);
    assert_i64_eq(v, INT64_MAX);
    assert_rc(jk_parse_i64("-9223372036854775808", &v), JK_OK);
    assert_i64_eq(v, INT64_MIN);

    assert_rc(jk_parse_i64("9223372036854775808", &v), JK_ERANGE);
    assert_i64_eq(v, 0);
    assert_rc(jk_parse_i64("-9223372036854775809", &v), JK_ERANGE);
    assert_rc(jk_parse_i64("", &v), JK_EPARSE);
    assert_rc(jk_parse_i64(" 1", &v), JK_EPARSE);
    assert_rc(jk_parse_i64("1 ", &v), JK_EPARSE);
    assert_rc(jk_parse_i64("1x", &v), JK_EPARSE);
    assert_rc(jk_parse_i64("1.0", &v), JK_EPARSE);
    assert_rc(jk_parse_i64("0x10", &v), JK_EPARSE);
    assert_rc(jk_parse_i64("-", &v), JK_EPARSE);
    assert_rc(jk_parse_i64(NULL, &v), JK_EINVAL);
}

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

static void test_arena_many(void **state)
{
    jk_arena *a = jk_arena_new(256);
    unsigned char *ptrs[2000];
    size_t sizes[2000];
    (void)state;

    assert_non_null(a);
    for (size_t i = 0; i < ARRAY_LEN(ptrs); i++) {
        sizes[i] = (i * 7) % 61;
        ptrs[i] = jk_arena_alloc(a, sizes[i]);
        assert_non_null(ptrs[i]);
        assert_int_equal((uintptr_t)ptrs[i] % alignof(max_align_t), 0);
        memset(ptrs[i], (int)(i & 0xFF), sizes[i]);
    }
    /* nothing overlapped */
    for (size_t i = 0; i < ARRAY_LEN(ptrs); i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            assert_int_equal(ptrs[i][k], i & 0xFF);
    }
    jk_arena_free(a);
    jk_arena_free(NULL);
}

static void test_arena_big_and_reset(void **state)
{
    jk_arena *a = jk_arena_new(128);
    char *small1;
    char *big;
    char *small2;
    char *s;
    (void)state;

    assert_non_null(a);
    small1 = jk_arena_alloc(a, 16);
    assert_non_null(small1);
    big = jk_arena_alloc(a, 100000);
    assert_non_null(big);
    assert_int_equal((uintptr_t)big % alignof(max_align_t), 0);
    memset(big, 'x', 100000);
    /* the space left in the current block is still used */
    small2 = jk_arena_alloc(a, 16);
    assert_non_null(small2);
    assert_ptr_equal(small2, small1 + 16);

    s = jk_arena_strdup(a, "metal.copper.scrap");
    assert_string_equal(s, "metal.copper.scrap");
    s = jk_arena_strndup(a, "yokohama-tsurumi", 8);
    assert_string_equal(s, "yokohama");
    s = jk_arena_strndup(a, "ab", 10);
    assert_string_equal(s, "ab");
    assert_null(jk_arena_strdup(a, NULL));
    assert_non_null(jk_arena_alloc(a, 0));

    /* After a reset the first block is reused without allocating. */
    jk_arena_reset(a);
    jk_alloc_fail_nth(1);
    s = jk_arena_alloc(a, 16);
    assert_ptr_equal(s, small1);
    assert_false(jk_alloc_failed());
    jk_alloc_fail_nth(0);
    for (int i = 0; i < 100; i++)
        assert_non_null(jk_arena_alloc(a, 50));
    assert_non_null(jk_arena_alloc(a, 1u << 20));
    jk_arena_reset(a);
    jk_arena_reset(a);
    assert_ptr_equal(jk_arena_alloc(a, 8), small1);
    jk_arena_free(a);

    /* default block size */
    a = jk_arena_new(0);
    assert_non_null(a);
    assert_non_null(jk_arena_alloc(a, 4000));
    jk_arena_free(a);
}

/* One run of an arena workload; true if it completed. */
static bool arena_workload(void)
{
    jk_arena *a = jk_arena_new(64);
    bool ok = true;

    if (!a)
        return false;
    for (int i = 0; i < 40 && ok; i++) {
        char *p = jk_arena_alloc(a, (size_t)(i % 5 == 0 ? 500 : 24));
        if (!p) {
            ok = false;
            break;
        }
        memset(p, 1, 24);
        if (i == 20) {
            jk_arena_reset(a);
        }
        if (!jk_arena_strdup(a, "aggregate.concrete"))
            ok = false;
    }
    jk_arena_free(a);
    return ok;
}

static void test_arena_alloc_failures(void **state)
{
    long n;
    (void)state;

    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */

    for (n = 1; n < 10000; n++) {
        bool ok;
        jk_alloc_fail_nth(n);
        ok = arena_workload();
        if (!jk_alloc_failed()) {
            assert_true(ok);
            break;
        }
        assert_false(ok);
    }
    jk_alloc_fail_nth(0);
    assert_true(n > 3);
    assert_true(n < 10000);
}

/* ------------------------------------------------------------------ */
/* Buffer                                                              */
/* ------------------------------------------------------------------ */

static void test_buf_basic(void **state)
{
    jk_buf b;
    (void)state;

    jk_buf_init(&b, 1000);
    assert_string_equal(jk_buf_str(&b), "");
    assert_rc(jk_buf_adds(&b, "mass="), JK_OK);
    assert_rc(jk_buf_addf(&b, "%d %s", 12, "t"), JK_OK);
    assert_rc(jk_buf_add(&b, "\0z", 2), JK_OK);
    assert_int_equal(b.len, 11);
    assert_memory_equal(b.data, "mass=12 t\0z", 12);
    assert_rc(jk_buf_add(&b, NULL, 0), JK_OK);
    jk_buf_reset(&b);
    assert_string_equal(jk_buf_str(&b), "");
    assert_int_equal(b.len, 0);
    for (int i = 0; i < 100; i++)
        assert_rc(jk_buf_addf(&b, "%02d", i), JK_OK);
    assert_int_equal(b.len, 200);
    assert_memory_equal(b.data + 196, "9899", 5);
    jk_buf_free(&b);
    assert_null(b.data);
    assert_string_equal(jk_buf_str(&b), "");
    jk_buf_free(&b);

    /* an empty append still gives a terminated string */
    jk_buf_init(&b, 10);
    assert_rc(jk_buf_adds(&b, ""), JK_OK);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    jk_buf_free(&b);
}

static void test_buf_limit(void **state)
{
    jk_buf b;
    (void)state;

    jk_buf_init(&b, 10);
    assert_rc(jk_buf_adds(&b, "0123456"), JK_OK);
    assert_rc(jk_buf_adds(&b, "7890"), JK_ELIMIT);
    assert_string_equal(jk_buf_str(&b), "0123456");
    assert_int_equal(b.len, 7);
    assert_rc(jk_buf_addf(&b, "%s", "abcd"), JK_ELIMIT);
    assert_string_equal(jk_buf_str(&b), "0123456");
    assert_rc(jk_buf_adds(&b, "789"), JK_OK); /* exactly max */
    assert_string_equal(jk_buf_str(&b), "0123456789");
    assert_true(b.cap <= 11);
    assert_rc(jk_buf_add(&b, "x", 1), JK_ELIMIT);
    assert_rc(jk_buf_add(&b, "", 0), JK_OK);
    assert_string_equal(jk_buf_str(&b), "0123456789");
    jk_buf_free(&b);

    jk_buf_init(&b, 0);
    assert_rc(jk_buf_adds(&b, "a"), JK_ELIMIT);
    assert_string_equal(jk_buf_str(&b), "");
    jk_buf_free(&b);
}

static void test_buf_alloc_failures(void **state)
{
    long n;
    (void)state;

    if (!jk_alloc_fail_nth(0))
        skip(); /* built without JK_TESTING */

    for (n = 1; n < 10000; n++) {
        jk_buf b;
        int rc = JK_OK;
        jk_buf_init(&b, 1u << 20);
        jk_alloc_fail_nth(n);
        for (int i = 0; i < 200 && rc == JK_OK; i++) {
            size_t len = b.len;
            char before[4096];
            jk_strlcpy(before, jk_buf_str(&b), sizeof(before));
            rc = (i % 2) ? jk_buf_addf(&b, "[%d:%s]", i, "abcdefgh")
                         : jk_buf_adds(&b, "0123456789");
            if (rc != JK_OK) {
                /* unchanged on failure */
                assert_rc(rc, JK_ENOMEM);
                assert_int_equal(b.len, len);
                assert_string_equal(jk_buf_str(&b), before);
            }
        }
        jk_buf_free(&b);
        if (!jk_alloc_failed()) {
            assert_rc(rc, JK_OK);
            break;
        }
        assert_rc(rc, JK_ENOMEM);
    }
    jk_alloc_fail_nth(0);
    assert_true(n > 2);
    assert_true(n < 10000);
}

/* ------------------------------------------------------------------ */
/* Mass                                                                */
/* ------------------------------------------------------------------ */

static void test_unit_find(void **state)
{
    static const struct {
        const char *name;
        const char *symbol;
        jk_mass grams;
    } cases[] = {
        {"g", "g", JK_G},      {"kg", "kg", JK_KG},  {"t", "t", JK_T},
        {"kt", "kt", JK_KT},   {"Mt", "Mt", JK_MT},  {"万t", "万t", JK_MAN_T},
        {"千t", "千t", JK_KT}, {"GRM", "g", JK_G},   {"grm", "g", JK_G},
        {"KGM", "kg", JK_KG},  {"kgm", "kg", JK_KG}, {"Kgm", "kg", JK_KG},
        {"TNE", "t", JK_T},    {"tne", "t", JK_T},   {"KTN", "kt", JK_KT},
        {"ktn", "kt", JK_KT},
    };
    static const char *const unknown[] = {
        "mt", "MT", "mT", "G",   "KG",    "Kg",  "T",  "KT",  "kT",   "mt ",
        " t", "",   "万", "万T", "tonne", "ton", "lb", "MTN", "GRMS",
    };
    (void)state;

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const jk_unit *u = jk_unit_find(cases[i].name);
        assert_non_null(u);
        assert_string_equal(u->symbol, cases[i].symbol);
        assert_i64_eq(u->grams, cases[i].grams);
    }
    for (size_t i = 0; i < ARRAY_LEN(unknown); i++) {
        if (jk_unit_find(unknown[i]))
            fail_msg("unit \"%s\" should be unknown", unknown[i]);
    }
    assert_null(jk_unit_find(NULL));
    assert_string_equal(jk_unit_find("t")->rec20, "TNE");
    assert_null(jk_unit_find("Mt")->rec20);
    assert_null(jk_unit_find("万t")->rec20);
    assert_i64_eq(JK_MAN_T, 10000 * JK_T);
    assert_i64_eq(JK_MT, 1000000 * JK_T);
}

static jk_mass parse_ok(const char *text, const jk_unit *def)
{
    jk_err err;
    jk_mass m = -1;
    int rc;

    jk_err_clear(&err);
    rc = jk_mass_parse(text, def, &m, &err);
    if (rc != JK_OK)
        fail_msg("jk_mass_parse(\"%s\") returned %s: %s", text,
                 jk_status_name(rc), err.msg);
    return m;
}

/* Parse must fail with code and exactly msg. */
static void parse_fails(const char *text, const jk_unit *def, int code,
                        const char *msg)
{
    jk_err err;
    jk_mass m = 42;
    int rc;

    jk_err_clear(&err);
    rc = jk_mass_parse(text, def, &m, &err);
    if (rc != code)
        fail_msg("jk_mass_parse(\"%s\") returned %s, expected %s (%s)", text,
                 jk_status_name(rc), jk_status_name(code), err.msg);
    assert_int_equal(err.code, code);
    assert_i64_eq(m, 0);
    if (msg)
        assert_string_equal(err.msg, msg);
}

static void test_mass_parse(void **state)
{
    const jk_unit *t = jk_unit_find("t");
    const jk_unit *kg = jk_unit_find("kg");
    (void)state;

    assert_i64_eq(parse_ok("12.5t", NULL), 12500000);
    assert_i64_eq(parse_ok("12.5 t", NULL), 12500000);
    assert_i64_eq(parse_ok("12.5  t", NULL), 12500000);
    assert_i64_eq(parse_ok("1200 KGM", NULL), 1200000);
    assert_i64_eq(parse_ok("1200 kgm", NULL), 1200000);
    assert_i64_eq(parse_ok("-3 kg", NULL), -3000);
    assert_i64_eq(parse_ok("+3 kg", NULL), 3000);
    assert_i64_eq(parse_ok("903万t", NULL), 9030000000000);
    assert_i64_eq(parse_ok("903 万t", NULL), 9030000000000);
    assert_i64_eq(parse_ok("0.5万t", NULL), 5000000000);
    assert_i64_eq(parse_ok("1.5千t", NULL), 1500000000);
    assert_i64_eq(parse_ok("2 Mt", NULL), 2000000000000);
    assert_i64_eq(parse_ok("0.000001 Mt", NULL), 1000000);
    assert_i64_eq(parse_ok("7 g", NULL), 7);
    assert_i64_eq(parse_ok("7 GRM", NULL), 7);
    assert_i64_eq(parse_ok("0.001 kg", NULL), 1);
    assert_i64_eq(parse_ok("1.000000000000000000000000 g", NULL), 1);
    assert_i64_eq(parse_ok("000012 t", NULL), 12000000);
    assert_i64_eq(parse_ok("0 g", NULL), 0);
    assert_i64_eq(parse_ok("-0 t", NULL), 0);
    assert_i64_eq(parse_ok("3 TNE", NULL), 3000000);
    assert_i64_eq(parse_ok("3 ktn", NULL), 3000000000);

    /* blanks: ASCII, tab and U+3000, around the number and the unit */
    assert_i64_eq(parse_ok("12.5　t", NULL), 12500000);
    assert_i64_eq(parse_ok("12.5\tt", NULL), 12500000);
    assert_i64_eq(parse_ok(" 12.5 t ", NULL), 12500000);
    assert_i64_eq(parse_ok("　12.5　t　", NULL), 12500000);
    /* full-width digits */
    assert_i64_eq(parse_ok("１２.５ t", NULL), 12500000);
    assert_i64_eq(parse_ok("９０３万t", NULL), 9030000000000);

    /* default unit */
    assert_i64_eq(parse_ok("12.5", t), 12500000);
    assert_i64_eq(parse_ok(" 12.5 ", t), 12500000);
    assert_i64_eq(parse_ok("12.5 kg", t), 12500);
    assert_i64_eq(parse_ok("-4", kg), -4000);
}

static void test_mass_parse_errors(void **state)
{
    const jk_unit *t = jk_unit_find("t");
    jk_err err;
    char line[1024];
    jk_mass m;
    (void)state;

    parse_fails("12,5t", NULL, JK_EPARSE,
                "expected a number with a unit, got \"12,5t\"");
    parse_fails("1,234 t", NULL, JK_EPARSE,
                "expected a number with a unit, got \"1,234 t\"");
    parse_fails("12，5t", NULL, JK_EPARSE,
                "expected a number with a unit, got \"12，5t\"");
    parse_fails("12,5", t, JK_EPARSE, "expected a number, got \"12,5\"");
    parse_fails("12.5 t,", NULL, JK_EPARSE, NULL);
    parse_fails("12.5", NULL, JK_EPARSE,
                "expected a number with a unit, got \"12.5\"");
    parse_fails("", NULL, JK_EPARSE, "expected a number with a unit, got \"\"");
    parse_fails("", t, JK_EPARSE, "expected a number, got \"\"");
    parse_fails("   ", NULL, JK_EPARSE, NULL);
    parse_fails("t", NULL, JK_EPARSE,
                "expected a number with a unit, got \"t\"");
    parse_fails("t", t, JK_EPARSE, "expected a number, got \"t\"");
    parse_fails("12. t", NULL, JK_EPARSE, NULL);
    parse_fails(".5 t", NULL, JK_EPARSE, NULL);
    parse_fails("1e3 t", NULL, JK_EPARSE,
                "expected a number with a unit, got \"1e3 t\"");
    parse_fails("1E-3 t", NULL, JK_EPARSE, NULL);
    parse_fails("1 000 t", NULL, JK_EPARSE, NULL);
    parse_fails("--5 t", NULL, JK_EPARSE, NULL);
    parse_fails("+-5 t", NULL, JK_EPARSE, NULL);
    parse_fails("－3 t", NULL, JK_EPARSE, NULL);   /* full-width minus */
    parse_fails("12．5 t", NULL, JK_EPARSE, NULL); /* full-width point */
    parse_fails("5 -t", NULL, JK_EPARSE, NULL);
    parse_fails("1.2.3 t", NULL, JK_EPARSE, NULL);
    parse_fails("0x10 t", NULL, JK_EPARSE, NULL);
    parse_fails("5 xyz", NULL, JK_EPARSE, "unknown unit \"xyz\" in \"5 xyz\"");
    parse_fails("5 t t", NULL, JK_EPARSE, "unknown unit \"t t\" in \"5 t t\"");
    parse_fails("5 tonnes", t, JK_EPARSE,
                "unknown unit \"tonnes\" in \"5 tonnes\"");
    parse_fails("5 KG", NULL, JK_EPARSE, "unknown unit \"KG\" in \"5 KG\"");
    parse_fails("5 mt", NULL, JK_EPARSE,
                "ambiguous unit \"mt\" in \"5 mt\": write t, kt or Mt");
    parse_fails("5 MT", NULL, JK_EPARSE,
                "ambiguous unit \"MT\" in \"5 MT\": write t, kt or Mt");
    parse_fails("5mT", NULL, JK_EPARSE, NULL);
    parse_fails("5 abcdefghijklmnopqrstuvwxyzabcdefghij", NULL, JK_EPARSE,
                "unknown unit \"abcdefghijklmnopqrstuvwxyzabc...\" in "
                "\"5 abcdefghijklmnopqrstuvwxyzabcdefghij\"");

    /* long input is quoted in part, cut on a character boundary */
    {
        char longtext[400];
        size_t n;
        memset(longtext, 'x', 150);
        jk_strlcpy(longtext + 150, "日本日本日本日本日本日本日本日本日本日本 t",
                   sizeof(longtext) - 150);
        jk_err_clear(&err);
        assert_rc(jk_mass_parse(longtext, NULL, &m, &err), JK_EPARSE);
        n = strlen(err.msg);
        assert_true(n < 260);
        assert_string_equal(err.msg + n - 4, "...\"");
        assert_true(jk_utf8_valid(err.msg, n));
    }

    /* err->where is the caller's and is left alone */
    jk_err_clear(&err);
    jk_strlcpy(err.where, "flows.csv:12:4", sizeof(err.where));
    assert_rc(jk_mass_parse("12,5t", NULL, &m, &err), JK_EPARSE);
    assert_string_equal(err.where, "flows.csv:12:4");
    assert_string_equal(jk_err_line(&err, line, sizeof(line)),
                        "flows.csv:12:4: expected a number with a unit, "
                        "got \"12,5t\"");

    /* NULL arguments; err may be NULL */
    assert_rc(jk_mass_parse(NULL, NULL, &m, &err), JK_EINVAL);
    assert_rc(jk_mass_parse("1 t", NULL, NULL, &err), JK_EINVAL);
    assert_rc(jk_mass_parse("1 x", NULL, &m, NULL), JK_EPARSE);
    assert_rc(jk_mass_parse("1 t", NULL, &m, NULL), JK_OK);
    assert_i64_eq(m, JK_T);
}

static void test_mass_range(void **state)
{
    (void)state;

    assert_i64_eq(parse_ok("9223372036854775807 g", NULL), INT64_MAX);
    assert_i64_eq(parse_ok("-9223372036854775807 g", NULL), -INT64_MAX);
    assert_i64_eq(parse_ok("9223372.036854775807 Mt", NULL), INT64_MAX);
    assert_i64_eq(parse_ok("9223372 Mt", NULL), 9223372 * JK_MT);
    assert_i64_eq(parse_ok("922337203.6854775807 万t", NULL), INT64_MAX);
    parse_fails("9223372036854775808 g", NULL, JK_ERANGE,
                "\"9223372036854775808 g\" is too large "
                "(at most 9223372036854775807 g)");
    parse_fails("9223373 Mt", NULL, JK_ERANGE,
                "\"9223373 Mt\" is too large (at most 9223372036854775807 g)");
    parse_fails("9223372.036854775808 Mt", NULL, JK_ERANGE, NULL);
    parse_fails("9223372036854776 kg", NULL, JK_ERANGE, NULL);
    parse_fails("99999999999999999999999999 g", NULL, JK_ERANGE, NULL);
    parse_fails("-9223372036854775808 g", NULL, JK_ERANGE,
                "\"-9223372036854775808 g\" is too small "
                "(at least -9223372036854775807 g)");
    parse_fails("-9223373 Mt", NULL, JK_ERANGE, NULL);

    parse_fails("0.5 g", NULL, JK_ERANGE,
                "\"0.5 g\" is not a whole number of grams");
    parse_fails("1.0001 kg", NULL, JK_ERANGE,
                "\"1.0001 kg\" is not a whole number of grams");
    parse_fails("-0.0000001 t", NULL, JK_ERANGE, NULL);
    parse_fails("0.0000000000000000000001 Mt", NULL, JK_ERANGE, NULL);
    parse_fails("1.0000000000000000000000000001 t", NULL, JK_ERANGE, NULL);
    parse_fails("0.00000000001 万t", NULL, JK_ERANGE, NULL);
    assert_i64_eq(parse_ok("0.0000000001 万t", NULL), 1);
}

static void test_mass_format(void **state)
{
    const jk_unit *g = jk_unit_find("g");
    const jk_unit *kg = jk_unit_find("kg");
    const jk_unit *t = jk_unit_find("t");
    const jk_unit *mt = jk_unit_find("Mt");
    const jk_unit *man = jk_unit_find("万t");
    const jk_unit *sen = jk_unit_find("千t");
    char buf[64];
    char tiny[6];
    (void)state;

    assert_string_equal(jk_mass_format(1234500000, t, 1, true, buf, 64),
                        "1,234.5 t");
    assert_string_equal(jk_mass_format(1234500000, t, 1, false, buf, 64),
                        "1234.5 t");
    assert_string_equal(jk_mass_format(1234500000, t, 3, true, buf, 64),
                        "1,234.500 t");
    assert_string_equal(jk_mass_format(1234500000, t, 0, true, buf, 64),
                        "1,235 t"); /* half away from zero */
    assert_string_equal(jk_mass_format(-1234500000, t, 0, true, buf, 64),
                        "-1,235 t");
    assert_string_equal(jk_mass_format(2499999, t, 0, false, buf, 64), "2 t");
    assert_string_equal(jk_mass_format(-2500000, t, 0, false, buf, 64), "-3 t");
    assert_string_equal(jk_mass_format(-400000, t, 0, false, buf, 64),
                        "0 t"); /* no "-0" */
    assert_string_equal(jk_mass_format(-5, kg, 2, false, buf, 64), "-0.01 kg");
    assert_string_equal(jk_mass_format(-4, kg, 2, false, buf, 64), "0.00 kg");
    assert_string_equal(jk_mass_format(999999, t, 2, false, buf, 64), "1.00 t");
    assert_string_equal(jk_mass_format(12, g, 2, true, buf, 64), "12.00 g");
    assert_string_equal(jk_mass_format(1234567, g, 0, true, buf, 64),
                        "1,234,567 g");
    assert_string_equal(jk_mass_format(100, g, 0, true, buf, 64), "100 g");
    assert_string_equal(jk_mass_format(0, t, 0, true, buf, 64), "0 t");
    assert_string_equal(jk_mass_format(9030000000000, man, 0, true, buf, 64),
                        "903 万t");
    assert_string_equal(jk_mass_format(1500000000, sen, 1, true, buf, 64),
                        "1.5 千t");
    assert_string_equal(jk_mass_format(INT64_MAX, mt, 3, true, buf, 64),
                        "9,223,372.037 Mt");
    assert_string_equal(jk_mass_format(INT64_MIN, mt, 3, true, buf, 64),
                        "-9,223,372.037 Mt");
    assert_string_equal(jk_mass_format(INT64_MAX, g, 0, true, buf, 64),
                        "9,223,372,036,854,775,807 g");
    assert_string_equal(jk_mass_format(1, t, 30, false, buf, 64),
                        "0.000001000000000000 t"); /* 18 decimals at most */
    assert_string_equal(jk_mass_format(1, t, -2, false, buf, 64), "0 t");

    /* automatic unit: up to 3 decimals, trailing zeros trimmed */
    assert_string_equal(jk_mass_format(0, NULL, 0, true, buf, 64), "0 g");
    assert_string_equal(jk_mass_format(999, NULL, 0, true, buf, 64), "999 g");
    assert_string_equal(jk_mass_format(1000, NULL, 0, true, buf, 64), "1 kg");
    assert_string_equal(jk_mass_format(1500, NULL, 0, true, buf, 64), "1.5 kg");
    assert_string_equal(jk_mass_format(-1500, NULL, 0, true, buf, 64),
                        "-1.5 kg");
    assert_string_equal(jk_mass_format(999999, NULL, 0, true, buf, 64),
                        "999.999 kg");
    assert_string_equal(jk_mass_format(12500000, NULL, 0, true, buf, 64),
                        "12.5 t");
    assert_string_equal(jk_mass_format(999999999, NULL, 0, true, buf, 64),
                        "1 kt"); /* rounds up into the next unit */
    assert_string_equal(jk_mass_format(12345678901, NULL, 0, true, buf, 64),
                        "12.346 kt");
    assert_string_equal(jk_mass_format(2000000000000, NULL, 0, true, buf, 64),
                        "2 Mt");
    assert_string_equal(jk_mass_format(INT64_MAX, NULL, 0, true, buf, 64),
                        "9,223,372.037 Mt");
    assert_string_equal(jk_mass_format(INT64_MAX, NULL, 0, false, buf, 64),
                        "9223372.037 Mt");

    /* truncation: terminated, never past cap */
    memset(tiny, 'X', sizeof(tiny));
    jk_mass_format(1234500000, t, 1, true, tiny, 4);
    assert_string_equal(tiny, "1,2");
    assert_int_equal(tiny[4], 'X');
    jk_mass_format(9030000000000, man, 0, false, tiny, 6);
    assert_string_equal(tiny, "903 "); /* 万 is not split */
}

static void test_mass_exact(void **state)
{
    const jk_unit *g = jk_unit_find("g");
    const jk_unit *kg = jk_unit_find("kg");
    const jk_unit *t = jk_unit_find("t");
    const jk_unit *mt = jk_unit_find("Mt");
    const jk_unit *man = jk_unit_find("万t");
    char buf[64];
    (void)state;

    assert_string_equal(jk_mass_exact(12500000, t, buf, 64), "12.5");
    assert_string_equal(jk_mass_exact(-1, kg, buf, 64), "-0.001");
    assert_string_equal(jk_mass_exact(9030000000000, man, buf, 64), "903");
    assert_string_equal(jk_mass_exact(0, t, buf, 64), "0");
    assert_string_equal(jk_mass_exact(1234567, g, buf, 64), "1234567");
    assert_string_equal(jk_mass_exact(1234567, NULL, buf, 64), "1234567");
    assert_string_equal(jk_mass_exact(1, mt, buf, 64), "0.000000000001");
    assert_string_equal(jk_mass_exact(INT64_MAX, mt, buf, 64),
                        "9223372.036854775807");
    assert_string_equal(jk_mass_exact(INT64_MIN, g, buf, 64),
                        "-9223372036854775808");
    assert_string_equal(jk_mass_exact(1000, t, buf, 64), "0.001");
}

static void roundtrip(jk_mass m, const jk_unit *u)
{
    char num[64];
    char text[96];
    jk_err err;
    jk_mass back = 0;

    jk_mass_exact(m, u, num, sizeof(num));
    jk_snprintf(text, sizeof(text), "%s%s", num, u->symbol);
    jk_err_clear(&err);
    if (jk_mass_parse(text, NULL, &back, &err) != JK_OK || back != m)
        fail_msg("\"%s\" parsed to %lld (%s), expected %lld", text,
                 (long long)back, err.msg, (long long)m);
    jk_snprintf(text, sizeof(text), "%s　%s", num, u->symbol);
    assert_i64_eq(parse_ok(text, NULL), m);
    if (u->rec20) {
        jk_snprintf(text, sizeof(text), "%s %s", num, u->rec20);
        assert_i64_eq(parse_ok(text, NULL), m);
    }
    /* without a unit, through the default */
    assert_i64_eq(parse_ok(num, u), m);
}

static void test_mass_roundtrip(void **state)
{
    static const jk_mass fixed[] = {
        0,
        1,
        -1,
        7,
        999,
        1000,
        1001,
        -1000,
        12500000,
        9030000000000,
        999999999,
        1000000000,
        123456789012345,
        INT64_MAX,
        -INT64_MAX,
        INT64_MAX - 1,
        1000000000000000000,
        5000000000000000000,
    };
    uint64_t x = 0x9E3779B97F4A7C15u;
    (void)state;

    for (size_t k = 0; k < ARRAY_LEN(UNIT_NAMES); k++) {
        const jk_unit *u = jk_unit_find(UNIT_NAMES[k]);
        assert_non_null(u);
        for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
            roundtrip(fixed[i], u);
        for (jk_mass p = 1; p <= INT64_MAX / 10; p *= 10) {
            roundtrip(p, u);
            roundtrip(-p, u);
            roundtrip(p * 10 - 1, u);
        }
        for (int i = 0; i < 2000; i++) {
            jk_mass m;
            /* xorshift64, then a random number of significant bits */
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            m = (jk_mass)((x >> 1) >> (x % 63));
            roundtrip((x & 1) ? -m : m, u);
        }
    }
}

static void test_mass_format_parse(void **state)
{
    uint64_t x = 88172645463325252u;
    char buf[64];
    (void)state;

    /* Formatting with enough decimals is exact and parses back. */
    for (size_t k = 0; k < ARRAY_LEN(UNIT_NAMES); k++) {
        const jk_unit *u = jk_unit_find(UNIT_NAMES[k]);
        int dec = 0;
        for (jk_mass g = u->grams; g > 1; g /= 10)
            dec++;
        for (int i = 0; i < 500; i++) {
            jk_mass m;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            m = (jk_mass)((x >> 1) >> (x % 63));
            if (x & 2)
                m = -m;
            jk_mass_format(m, u, dec, false, buf, sizeof(buf));
            assert_i64_eq(parse_ok(buf, NULL), m);
        }
    }
}

static void test_mass_add(void **state)
{
    jk_mass s = 5;
    (void)state;

    assert_rc(jk_mass_add(2, 3, &s), JK_OK);
    assert_i64_eq(s, 5);
    assert_rc(jk_mass_add(-2, -3, &s), JK_OK);
    assert_i64_eq(s, -5);
    assert_rc(jk_mass_add(INT64_MAX, 0, &s), JK_OK);
    assert_i64_eq(s, INT64_MAX);
    assert_rc(jk_mass_add(INT64_MAX, -INT64_MAX, &s), JK_OK);
    assert_i64_eq(s, 0);
    s = 77;
    assert_rc(jk_mass_add(INT64_MAX, 1, &s), JK_ERANGE);
    assert_i64_eq(s, 77);
    assert_rc(jk_mass_add(-INT64_MAX, -2, &s), JK_ERANGE);
    assert_rc(jk_mass_add(-INT64_MAX, -1, &s), JK_ERANGE); /* INT64_MIN */
    assert_i64_eq(s, 77);
}

/* ------------------------------------------------------------------ */
/* Periods                                                             */
/* ------------------------------------------------------------------ */

static void test_period_parse(void **state)
{
    static const struct {
        const char *text;
        jk_period_kind kind;
        int year;
        int month;
        const char *canon;
    } ok[] = {
        {"FY2006", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"fy2006", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"Fy2006", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"2006年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"平成18年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"平成元年度", JK_PERIOD_FY, 1989, 0, "FY1989"},
        {"平成1年度", JK_PERIOD_FY, 1989, 0, "FY1989"},
        {"平成30年度", JK_PERIOD_FY, 2018, 0, "FY2018"},
        {"平成31年度", JK_PERIOD_FY, 2019, 0, "FY2019"},
        {"令和5年度", JK_PERIOD_FY, 2023, 0, "FY2023"},
        {"令和元年度", JK_PERIOD_FY, 2019, 0, "FY2019"},
        {"昭和63年度", JK_PERIOD_FY, 1988, 0, "FY1988"},
        {"昭和元年", JK_PERIOD_CY, 1926, 0, "1926"},
        {"H18年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"h18年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"R5年度", JK_PERIOD_FY, 2023, 0, "FY2023"},
        {"R元年度", JK_PERIOD_FY, 2019, 0, "FY2019"},
        {"S64年", JK_PERIOD_CY, 1989, 0, "1989"},
        {"2017", JK_PERIOD_CY, 2017, 0, "2017"},
        {"CY2017", JK_PERIOD_CY, 2017, 0, "2017"},
        {"cy2017", JK_PERIOD_CY, 2017, 0, "2017"},
        {"2017年", JK_PERIOD_CY, 2017, 0, "2017"},
        {"令和5年", JK_PERIOD_CY, 2023, 0, "2023"},
        {"2017-04", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"2017-4", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"2017/04", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"2017-12", JK_PERIOD_MONTH, 2017, 12, "2017-12"},
        {"2017年4月", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"2017年04月", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"2017年12月", JK_PERIOD_MONTH, 2017, 12, "2017-12"},
        {"令和5年4月", JK_PERIOD_MONTH, 2023, 4, "2023-04"},
        {"平成31年4月", JK_PERIOD_MONTH, 2019, 4, "2019-04"},
        {"1900", JK_PERIOD_CY, 1900, 0, "1900"},
        {"2999年度", JK_PERIOD_FY, 2999, 0, "FY2999"},
        /* full-width characters and blanks */
        {"２００６年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"ＦＹ２００６", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"ｆｙ2006", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"平成１８年度", JK_PERIOD_FY, 2006, 0, "FY2006"},
        {"２０１７－０４", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {"２０１７年４月", JK_PERIOD_MONTH, 2017, 4, "2017-04"},
        {" FY2006 ", JK_PERIOD_FY, 2006, 0, "FY2006"},
        /* fiscal quarters */
        {"FY2006Q1", JK_PERIOD_FQUARTER, 2006, 1, "FY2006Q1"},
        {"fy2006q4", JK_PERIOD_FQUARTER, 2006, 4, "FY2006Q4"},
        {"FY2006-Q2", JK_PERIOD_FQUARTER, 2006, 2, "FY2006Q2"},
        {"2006年度第3四半期", JK_PERIOD_FQUARTER, 2006, 3, "FY2006Q3"},
        {"令和5年度第2四半期", JK_PERIOD_FQUARTER, 2023, 2, "FY2023Q2"},
        {"R5年度Q4", JK_PERIOD_FQUARTER, 2023, 4, "FY2023Q4"},
        {"２０２３年度第１四半期", JK_PERIOD_FQUARTER, 2023, 1, "FY2023Q1"},
        {"ＦＹ２０２３Ｑ３", JK_PERIOD_FQUARTER, 2023, 3, "FY2023Q3"},
        {"　2017年　", JK_PERIOD_CY, 2017, 0, "2017"},
    };
    static const char *const bad[] = {
        "",
        " ",
        "FY",
        "FY06",
        "FY 2006",
        "FY20060",
        "FY2006年度",
        "CY2017-04",
        "06",
        "20170",
        "2017-",
        "2017-13",
        "2017-0",
        "2017-00",
        "2017-123",
        "2017年13月",
        "2017年0月",
        "2017年4",
        "2017年4日",
        "2017年度4月",
        "1899",
        "3000",
        "1899年度",
        "平成18",
        "平成0年度",
        "平成32年度",
        "昭和65年",
        "令和0年度",
        "令和年度",
        "平成18年度x",
        "H18",
        "R",
        "2017-04-01",
        "2017.04",
        "２０１７．０４",
        "FY2O06",
        "Q1 2017",
        "2017 年",
        "平成元",
        "大正5年",
        "令和982年度",
        "FY2006Q0",
        "FY2006Q5",
        "FY2006Q12",
        "FY2006Q",
        "FY2006 Q1",
        "FY2006第1四半期",
        "2006年度第5四半期",
        "2006年度第1四半",
        "2006年度-Q1",
        "2006Q1",
        "2006-Q1",
        "CY2006Q1",
        "2006年第1四半期",
        "FY2006Q1x",
    };
    jk_err err;
    jk_period p;
    char buf[32];
    (void)state;

    for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
        jk_err_clear(&err);
        int rc = jk_period_parse(ok[i].text, &p, &err);
        if (rc != JK_OK)
            fail_msg("\"%s\": %s", ok[i].text, err.msg);
        assert_int_equal(p.kind, ok[i].kind);
        assert_int_equal(p.year, ok[i].year);
        assert_int_equal(p.month, ok[i].month);
        assert_string_equal(jk_period_format(&p, buf, sizeof(buf)),
                            ok[i].canon);
        /* the canonical form parses back to the same period */
        assert_rc(jk_period_parse(buf, &p, NULL), JK_OK);
        assert_int_equal(p.kind, ok[i].kind);
        assert_int_equal(p.year, ok[i].year);
        assert_int_equal(p.month, ok[i].month);
    }
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        char want[JK_ERR_MSG];
        jk_err_clear(&err);
        p.kind = JK_PERIOD_CY;
        if (jk_period_parse(bad[i], &p, &err) != JK_EPARSE)
            fail_msg("\"%s\" should not parse", bad[i]);
        assert_int_equal(err.code, JK_EPARSE);
        assert_int_equal(p.kind, 0);
        jk_snprintf(
            want, sizeof(want),
            "expected a period such as FY2023, 2023, 2023-04 or FY2023Q1, "
            "got \"%s\"",
            bad[i]);
        assert_string_equal(err.msg, want);
    }
    jk_err_clear(&err);
    jk_strlcpy(err.where, "flows.csv:3:2", sizeof(err.where));
    assert_rc(jk_period_parse("2023-13", &p, &err), JK_EPARSE);
    assert_string_equal(err.where, "flows.csv:3:2");
    assert_string_equal(
        err.msg, "expected a period such as FY2023, 2023, 2023-04 or FY2023Q1, "
                 "got \"2023-13\"");
    assert_rc(jk_period_parse(NULL, &p, &err), JK_EINVAL);
    assert_rc(jk_period_parse("2017", NULL, NULL), JK_EINVAL);
}

static jk_period period(const char *text)
{
    jk_period p;
    jk_err err;

    jk_err_clear(&err);
    if (jk_period_parse(text, &p, &err) != JK_OK)
        fail_msg("\"%s\": %s", text, err.msg);
    return p;
}

static void test_period_months(void **state)
{
    jk_period fy = period("FY2006");
    jk_period cy = period("2006");
    jk_period m;
    jk_period bogus = {0, 2006, 0};
    int first;
    int last;
    char buf[16];
    (void)state;

    jk_period_months(&fy, &first, &last);
    assert_int_equal(first, 2006 * 12 + 3); /* 2006-04 */
    assert_int_equal(last, 2007 * 12 + 2);  /* 2007-03 */
    jk_period_months(&cy, &first, &last);
    assert_int_equal(first, 2006 * 12);
    assert_int_equal(last, 2006 * 12 + 11);
    m = period("2007-03");
    jk_period_months(&m, &first, &last);
    assert_int_equal(first, 2007 * 12 + 2);
    assert_int_equal(last, first);
    jk_period_months(&bogus, &first, &last);
    assert_true(first > last);
    assert_string_equal(jk_period_format(&bogus, buf, sizeof(buf)), "");

    /* FY2006 holds 2006-04 .. 2007-03 */
    assert_true(jk_period_contains(&fy, &fy));
    for (int month = 1; month <= 12; month++) {
        jk_period in06 = {JK_PERIOD_MONTH, 2006, month};
        jk_period in07 = {JK_PERIOD_MONTH, 2007, month};
        assert_int_equal(jk_period_contains(&fy, &in06), month >= 4);
        assert_int_equal(jk_period_contains(&fy, &in07), month <= 3);
        assert_true(jk_period_contains(&cy, &in06));
        assert_false(jk_period_contains(&cy, &in07));
        assert_true(jk_period_contains(&in06, &in06));
        assert_false(jk_period_contains(&in06, &fy));
    }
    assert_false(jk_period_contains(&fy, &cy));
    assert_false(jk_period_contains(&cy, &fy));
    m = period("平成18年度");
    assert_true(jk_period_contains(&fy, &m));
    /* The quarters of FY2006: Q1 April-June 2006 .. Q4 January-March 2007,
     * each three months inside the year, together all of it. */
    for (int q = 1; q <= 4; q++) {
        jk_period fq = {JK_PERIOD_FQUARTER, 2006, q};
        jk_period_months(&fq, &first, &last);
        assert_int_equal(first, 2006 * 12 + 3 + 3 * (q - 1));
        assert_int_equal(last, first + 2);
        assert_true(jk_period_contains(&fy, &fq));
        assert_false(jk_period_contains(&fq, &fy));
        for (int month = 1; month <= 12; month++) {
            jk_period in06 = {JK_PERIOD_MONTH, 2006, month};
            jk_period in07 = {JK_PERIOD_MONTH, 2007, month};
            int fm06 = month - 4, fm07 = month + 8; /* months into FY2006 */
            assert_int_equal(jk_period_contains(&fq, &in06),
                             fm06 >= 0 && fm06 / 3 + 1 == q);
            assert_int_equal(jk_period_contains(&fq, &in07),
                             fm07 < 12 && fm07 / 3 + 1 == q);
        }
    }
    m = period("FY2006Q4");
    jk_period_months(&m, &first, &last);
    assert_int_equal(first, 2007 * 12); /* 2007-01 */
    assert_int_equal(last, 2007 * 12 + 2);
    assert_false(jk_period_contains(&fy, &bogus));
    assert_false(jk_period_contains(&bogus, &fy));
}

static void test_fiscal_year_of(void **state)
{
    (void)state;

    assert_int_equal(jk_fiscal_year_of(2007, 3), 2006);
    assert_int_equal(jk_fiscal_year_of(2007, 1), 2006);
    assert_int_equal(jk_fiscal_year_of(2007, 4), 2007);
    assert_int_equal(jk_fiscal_year_of(2007, 12), 2007);
    for (int y = 1990; y < 2040; y++) {
        jk_period fy = {JK_PERIOD_FY, y, 0};
        for (int month = 1; month <= 12; month++) {
            jk_period m = {JK_PERIOD_MONTH, y, month};
            assert_int_equal(jk_period_contains(&fy, &m),
                             jk_fiscal_year_of(y, month) == y);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Identifiers                                                         */
/* ------------------------------------------------------------------ */

static void test_id_valid(void **state)
{
    static const char *const good[] = {
        "a",
        "0",
        "metal.copper.scrap",
        "yokohama-tsurumi",
        "a_b",
        "a-",
        "a_",
        "9x",
        "plastic.pet.bottle-2023",
        "a.b.c.d",
        /* 64 bytes */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    };
    static const char *const bad[] = {
        "",
        ".a",
        "-a",
        "_a",
        "a.",
        "a..b",
        "A",
        "metal.Copper",
        "a b",
        "a/b",
        "日本",
        "a\tb",
        "é",
        /* 65 bytes */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    };
    (void)state;

    assert_int_equal(strlen(good[ARRAY_LEN(good) - 1]), JK_ID_MAX);
    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        if (!jk_id_valid(good[i]))
            fail_msg("\"%s\" should be a valid id", good[i]);
    }
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        if (jk_id_valid(bad[i]))
            fail_msg("\"%s\" should be an invalid id", bad[i]);
    }
    assert_false(jk_id_valid(NULL));
}

static void test_lgcode(void **state)
{
    static const char *const good[] = {
        "130001", /* Tokyo-to */
        "010006", /* Hokkaido */
        "141003", /* Yokohama-shi */
        "011002", /* Sapporo-shi */
        "270008", /* Osaka-fu */
        "131016", /* Chiyoda-ku */
        "471003", /* pref 47 */
    };
    static const char *const bad[] = {
        "130002", "131017", "010007", "13000",  "1300011",      "13000a",
        "",       "000001", "480002", "99999x", "１３０００１",
    };
    (void)state;

    assert_int_equal(jk_lgcode_check_digit("13000"), 1);
    assert_int_equal(jk_lgcode_check_digit("01000"), 6);
    assert_int_equal(jk_lgcode_check_digit("14100"), 3);
    assert_int_equal(jk_lgcode_check_digit("01100"), 2);
    assert_int_equal(jk_lgcode_check_digit("27000"), 8);
    assert_int_equal(jk_lgcode_check_digit("13101"), 6);
    assert_int_equal(jk_lgcode_check_digit("131016"), 6); /* first five */
    assert_int_equal(jk_lgcode_check_digit("00000"), 1);  /* r = 0 */
    assert_int_equal(jk_lgcode_check_digit("00006"), 0);  /* r = 1 */
    assert_int_equal(jk_lgcode_check_digit("00005"), 1);  /* r = 10 */
    assert_int_equal(jk_lgcode_check_digit("1300"), -1);
    assert_int_equal(jk_lgcode_check_digit("13a00"), -1);
    assert_int_equal(jk_lgcode_check_digit(""), -1);
    assert_int_equal(jk_lgcode_check_digit(NULL), -1);

    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        if (!jk_lgcode_valid(good[i]))
            fail_msg("\"%s\" should be a valid code", good[i]);
    }
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        if (jk_lgcode_valid(bad[i]))
            fail_msg("\"%s\" should be an invalid code", bad[i]);
    }
    assert_false(jk_lgcode_valid(NULL));

    /* exactly one check digit fits each code */
    for (int pref = 1; pref <= 47; pref++) {
        char code[7];
        int hits = 0;
        for (int d = 0; d <= 9; d++) {
            jk_snprintf(code, sizeof(code), "%02d100%d", pref, d);
            hits += jk_lgcode_valid(code);
        }
        assert_int_equal(hits, 1);
    }
}

static void test_corpno(void **state)
{
    static const char *const good[] = {
        "7000012050002", /* National Tax Agency */
        "3010001088782", "1010001143390",
        "7123456789012", /* constructed: sum 74, 74 mod 9 = 2 */
        "9000000000000", /* sum 0 */
        "9999999999999", /* sum 162 */
    };
    static const char *const bad[] = {
        "6000012050002", "8000012050002",
        "0000012050002", "7000012050003",
        "700001205000",  "70000120500021",
        "700001205000a", "",
        "7000012 50002", "１０１０００１１４３３９０",
    };
    (void)state;

    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        if (!jk_corpno_valid(good[i]))
            fail_msg("\"%s\" should be a valid corporate number", good[i]);
    }
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        if (jk_corpno_valid(bad[i]))
            fail_msg("\"%s\" should be invalid", bad[i]);
    }
    assert_false(jk_corpno_valid(NULL));

    /* exactly one leading digit fits each base */
    for (int i = 0; i < 9; i++) {
        static const char *const bases[] = {
            "000012050002", "010001088782", "123456789012",
            "999999999999", "000000000001", "100000000000",
            "555555555555", "010203040506", "987654321098",
        };
        char num[14];
        int hits = 0;
        for (int d = 0; d <= 9; d++) {
            jk_snprintf(num, sizeof(num), "%d%s", d, bases[i]);
            hits += jk_corpno_valid(num);
        }
        assert_int_equal(hits, 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strlcpy_utf8),
        cmocka_unit_test(test_snprintf),
        cmocka_unit_test(test_err_rewrap),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_parse_double),
        cmocka_unit_test(test_parse_i64),
        cmocka_unit_test(test_arena_many),
        cmocka_unit_test(test_arena_big_and_reset),
        cmocka_unit_test(test_arena_alloc_failures),
        cmocka_unit_test(test_buf_basic),
        cmocka_unit_test(test_buf_limit),
        cmocka_unit_test(test_buf_alloc_failures),
        cmocka_unit_test(test_unit_find),
        cmocka_unit_test(test_mass_parse),
        cmocka_unit_test(test_mass_parse_errors),
        cmocka_unit_test(test_mass_range),
        cmocka_unit_test(test_mass_format),
        cmocka_unit_test(test_mass_exact),
        cmocka_unit_test(test_mass_roundtrip),
        cmocka_unit_test(test_mass_format_parse),
        cmocka_unit_test(test_mass_add),
        cmocka_unit_test(test_period_parse),
        cmocka_unit_test(test_period_months),
        cmocka_unit_test(test_fiscal_year_of),
        cmocka_unit_test(test_id_valid),
        cmocka_unit_test(test_lgcode),
        cmocka_unit_test(test_corpno),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
