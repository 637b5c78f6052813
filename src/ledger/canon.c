/*
 * Is a JSON text in the ledger's canonical form, i.e. exactly what
 * lg_canon (jansson's json_dumps with JSON_COMPACT | JSON_SORT_KEYS)
 * makes of it once parsed? Answered by one pass over the text, without
 * serialising it again: verification of a long log spends a third of
 * its non-signature time in that second serialisation otherwise.
 *
 * jansson's compact sorted output, which the scan checks:
 *   - no white space outside strings; ":" and "," alone;
 *   - object keys in strictly increasing byte order (memcmp, then the
 *     shorter first), which the parser's duplicate check makes strict;
 *   - strings: raw UTF-8, except '"' and '\\' as \" and \\, the control
 *     characters 08, 09, 0A, 0C, 0D as \b \t \n \f \r, the other ones
 *     below 0x20 as \u00XX in upper-case hex; any other escape (\/,
 *     \u0041, lower-case hex) is not canonical;
 *   - integers as printed by "%lld": no plus, no leading zero, no "-0";
 *   - true, false, null.
 * Two things the scan does not decide and leaves to the full
 * comparison (-1): reals (jansson's "%.17g" formatting rules) and keys
 * that contain an escape (their order is by the decoded bytes).
 *
 * The text must already have been parsed by jansson (valid JSON, valid
 * UTF-8, no duplicate keys); the scan only judges the form.
 */
#include <string.h>

#include "ledger/ledger_int.h"

typedef struct scan {
    const char *p;   /* next byte */
    const char *end; /* past the last */
} scan;

static int value(scan *s, int depth);

static int hexdigit_upper(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A string at s->p ('"'); *esc tells whether it holds an escape. */
static int string(scan *s, bool *esc)
{
    const char *p = s->p + 1;
    *esc = false;
    while (p < s->end) {
        char c = *p;
        if (c == '"') {
            s->p = p + 1;
            return 1;
        }
        if (c != '\\') {
            p++;
            continue;
        }
        *esc = true;
        if (p + 1 >= s->end)
            return 0;
        c = p[1];
        if (c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' ||
            c == 'r' || c == 't') {
            p += 2;
        } else if (c == 'u' && p + 5 < s->end && p[2] == '0' && p[3] == '0' &&
                   (p[4] == '0' || p[4] == '1') && hexdigit_upper(p[5]) >= 0) {
            int v = (p[4] - '0') * 16 + hexdigit_upper(p[5]);
            if (v == 8 || v == 9 || v == 10 || v == 12 || v == 13)
                return 0; /* has a short escape */
            p += 6;
        } else {
            return 0;
        }
    }
    return 0;
}

static int number(scan *s)
{
    const char *p = s->p, *digits;
    bool neg = *p == '-';
    if (neg)
        p++;
    digits = p;
    while (p < s->end && *p >= '0' && *p <= '9')
        p++;
    if (p == digits || (p < s->end && (*p == '.' || *p == 'e' || *p == 'E')))
        return -1; /* a real: left to the full comparison */
    if (*digits == '0' && (neg || p - digits > 1))
        return 0; /* "-0" */
    s->p = p;
    return 1;
}

static int literal(scan *s, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return 0;
    s->p += n;
    return 1;
}

static int object(scan *s, int depth)
{
    const char *prev = NULL;
    size_t prevn = 0;
    s->p++;
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        return 1;
    }
    for (;;) {
        const char *k;
        size_t kn, m;
        bool esc;
        int r, c;
        if (s->p >= s->end || *s->p != '"')
            return 0;
        k = s->p + 1;
        if ((r = string(s, &esc)) != 1)
            return r;
        if (esc)
            return -1;
        kn = (size_t)(s->p - 1 - k);
        if (prev) {
            m = prevn < kn ? prevn : kn;
            c = memcmp(prev, k, m);
            if (c > 0 || (c == 0 && prevn >= kn))
                return 0;
        }
        prev = k;
        prevn = kn;
        if (s->p >= s->end || *s->p != ':')
            return 0;
        s->p++;
        if ((r = value(s, depth + 1)) != 1)
            return r;
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == '}') {
            s->p++;
            return 1;
        }
        return 0;
    }
}

static int array(scan *s, int depth)
{
    s->p++;
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        return 1;
    }
    for (;;) {
        int r = value(s, depth + 1);
        if (r != 1)
            return r;
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == ']') {
            s->p++;
            return 1;
        }
        return 0;
    }
}

static int value(scan *s, int depth)
{
    bool esc;
    if (depth > 4096) /* beyond jansson's own limit: cannot happen */
        return -1;
    if (s->p >= s->end)
        return 0;
    switch (*s->p) {
    case '{':
        return object(s, depth);
    case '[':
        return array(s, depth);
    case '"':
        return string(s, &esc);
    case 't':
        return literal(s, "true");
    case 'f':
        return literal(s, "false");
    case 'n':
        return literal(s, "null");
    default:
        if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
            return number(s);
        return 0; /* white space */
    }
}

int lg_canon_scan(const char *text, size_t n)
{
    scan s = {text, text + n};
    int r = value(&s, 0);
    if (r == 1 && s.p != s.end)
        return 0; /* trailing white space */
    return r;
}

int lg_is_canonical(const json_t *doc, const char *text, size_t n)
{
    int r = lg_canon_scan(text, n);
    char *again;
    if (r >= 0)
        return r == 1 ? JK_OK : JK_EPARSE;
    again = lg_canon(doc);
    if (!again)
        return JK_ENOMEM;
    r = strlen(again) == n && memcmp(again, text, n) == 0;
    jk_free(again);
    return r ? JK_OK : JK_EPARSE;
}
