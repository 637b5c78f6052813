/*
 * The canonical-form scan (src/ledger/canon.c) against its definition:
 * a text is canonical when jansson's compact sorted serialisation of its
 * parse gives the text back. Checked on hand-picked texts and on
 * thousands of generated ones (canonical serialisations of random
 * documents and their mutations), wherever the scan gives an answer.
 */
#include <stdlib.h>

#include "jk_test.h"

#include "ledger/ledger_int.h"

/* The definition: parse, serialise, compare. -2 when it does not parse. */
static int by_definition(const char *text)
{
    json_error_t je;
    json_t *doc =
        json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    char *again;
    int r;
    if (!doc)
        return -2;
    again = lg_canon(doc);
    assert_non_null(again);
    r = strcmp(again, text) == 0;
    jk_free(again);
    json_decref(doc);
    return r;
}

/* The scan, checked against the definition where it answers. Returns
 * the scan's answer. */
static int check(const char *text)
{
    int want = by_definition(text);
    int got;
    if (want == -2)
        return -2; /* the scan is only asked about parsed texts */
    got = lg_canon_scan(text, strlen(text));
    if (got != -1 && got != want)
        fail_msg("%s: the scan says %d, the definition %d", text, got, want);
    return got;
}

static void hand_picked(void **state)
{
    static const struct {
        const char *text;
        int want; /* 1 canonical, 0 not, -1 no answer */
    } cases[] = {
        {"{}", 1},
        {"[]", 1},
        {"{\"a\":1,\"b\":[true,false,null,\"x\"]}", 1},
        {"{\"b\":1,\"a\":2}", 0},  /* keys out of order */
        {"{\"a\":1,\"ab\":2}", 1}, /* prefix first */
        {"{\"ab\":1,\"a\":2}", 0}, /* longer first */
        {"{\"a\": 1}", 0},         /* white space */
        {"{\"a\":1} ", 0},         /* trailing white space */
        {" {\"a\":1}", 0},         /* leading white space */
        {"[1,-2,0,9007199254740993]", 1},
        {"[-0]", 0},   /* prints as 0 */
        {"[1.5]", -1}, /* a real: no answer */
        {"[-0.0]", -1},
        {"[1e3]", -1},
        {"[\"a\\/b\"]", 0},   /* needless escape of / */
        {"[\"\\u0041\"]", 0}, /* needless \u escape */
        {"[\"\\u001f\"]", 0}, /* lower-case hex */
        {"[\"\\u001F\"]", 1},
        {"[\"\\u000a\"]", 0}, /* has a short form */
        {"[\"\\u000A\"]", 0},
        {"[\"\\n\\t\\r\\b\\f\\\"\\\\\"]", 1},
        {"[\"\\u007F\"]", 0}, /* DEL is written raw */
        {"[\"\x7f\"]", 1},
        {"[\"\xe5\x86\x86\"]", 1},           /* raw UTF-8 */
        {"[\"\\u5186\"]", 0},                /* the same, escaped */
        {"{\"\\n\":1}", -1},                 /* a key with an escape */
        {"{\"\xe5\x86\x86\":1,\"a\":2}", 0}, /* byte order, not code points */
        {"{\"a\":2,\"\xe5\x86\x86\":1}", 1},
        {"{\"a\":{\"d\":1,\"c\":2}}", 0}, /* nested order */
        {"[[],{},[[]]]", 1},
        {"[true ]", 0},
    };
    size_t i;
    (void)state;
    lg_json_init();
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = check(cases[i].text);
        if (got != cases[i].want)
            fail_msg("%s: the scan says %d, expected %d", cases[i].text, got,
                     cases[i].want);
    }
}

/* ---- generated documents ---- */

static unsigned rnd(unsigned *seed, unsigned n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) % n;
}

static json_t *gen(unsigned *seed, int depth)
{
    static const char *const strs[] = {
        "",
        "a",
        "b",
        "ab",
        "lot:1",
        "q\"uote",
        "back\\slash",
        "sl/ash",
        "tab\there",
        "nl\n",
        "ctl\x01\x1f",
        "del\x7f",
        "\xe5\x86\x86",
        "\xf0\x9f\x98\x80",
        "kg",
        "Z",
    };
    unsigned k = rnd(seed, depth > 3 ? 5 : 7);
    switch (k) {
    case 0:
        return json_string(strs[rnd(seed, 16)]);
    case 1:
        return json_integer((json_int_t)rnd(seed, 2000000) - 1000000);
    case 2:
        return rnd(seed, 8) == 0 ? json_real(rnd(seed, 100) / 8.0)
                                 : json_boolean(rnd(seed, 2));
    case 3:
        return json_null();
    case 4:
        return json_integer(0);
    case 5: {
        json_t *a = json_array();
        unsigned n = rnd(seed, 4), i;
        for (i = 0; i < n; i++)
            json_array_append_new(a, gen(seed, depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        unsigned n = rnd(seed, 5), i;
        for (i = 0; i < n; i++)
            json_object_set_new(o, strs[rnd(seed, 16)], gen(seed, depth + 1));
        return o;
    }
    }
}

/* A small change to a canonical text: swap two bytes, insert a space,
 * rewrite an escape, drop a byte. */
static void mutate(unsigned *seed, char *t)
{
    size_t n = strlen(t), i;
    char *p;
    if (n < 2)
        return;
    i = rnd(seed, (unsigned)n - 1);
    switch (rnd(seed, 5)) {
    case 0: {
        char c = t[i];
        t[i] = t[i + 1];
        t[i + 1] = c;
        break;
    }
    case 1:
        memmove(t + i + 1, t + i, n - i + 1);
        t[i] = ' ';
        break;
    case 2:
        if ((p = strstr(t, "\\u00")) != NULL)
            p[5] = (char)(p[5] >= 'A' ? p[5] + 32 : p[5]);
        else if ((p = strchr(t, '/')) != NULL) {
            memmove(p + 1, p, strlen(p) + 1);
            *p = '\\';
        }
        break;
    case 3:
        memmove(t + i, t + i + 1, n - i);
        break;
    default:
        if ((p = strstr(t, ":0")) != NULL) {
            memmove(p + 2, p + 1, strlen(p + 1) + 1);
            p[1] = '-';
        }
        break;
    }
}

static void generated(void **state)
{
    unsigned seed = 20261128u;
    int i, answered = 0, yes = 0, no = 0;
    (void)state;
    lg_json_init();
    for (i = 0; i < 20000; i++) {
        json_t *doc = gen(&seed, 0);
        char *text = lg_canon(doc);
        char buf[8192];
        int r;
        assert_non_null(text);
        if (strlen(text) + 64 < sizeof(buf)) {
            r = check(text);
            if (r != -1)
                assert_int_equal(r, 1); /* a serialisation is canonical */
            answered += r != -1;
            yes += r == 1;
            memcpy(buf, text, strlen(text) + 1);
            mutate(&seed, buf);
            r = check(buf);
            no += r == 0;
        }
        jk_free(text);
        json_decref(doc);
    }
    print_message("answered %d, canonical %d, mutations caught %d\n", answered,
                  yes, no);
    /* the scan answers most of the time, both ways */
    assert_true(answered > 15000);
    assert_true(yes > 15000);
    assert_true(no > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_picked),
        cmocka_unit_test(generated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
