/*
 * String helpers: bounded copy and formatting that never split a UTF-8
 * character, trimming, UTF-8 validation and strict number parsing.
 *
 * The number parsers use strtod/strtoll, which follow the C locale; the
 * library never calls setlocale(), so '.' is always the decimal point.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <junkan/core.h>

/*
 * The longest prefix of s[0..n) that does not end inside a multi-byte
 * UTF-8 sequence. Bytes that are not valid UTF-8 are left alone: the
 * function only drops an incomplete trailing sequence.
 */
static size_t utf8_whole_prefix(const char *s, size_t n)
{
    size_t i = n;
    size_t back = 0;
    unsigned char lead;
    size_t need;

    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0)
        return n;
    lead = (unsigned char)s[i - 1];
    if (lead < 0x80)
        return n;
    if ((lead & 0xE0) == 0xC0)
        need = 2;
    else if ((lead & 0xF0) == 0xE0)
        need = 3;
    else if ((lead & 0xF8) == 0xF0)
        need = 4;
    else
        return n;
    if (n - (i - 1) < need)
        return i - 1;
    return n;
}

/*
 * Copy src into dst (cap bytes), always NUL-terminated when cap > 0.
 * When src does not fit, the copy is cut before any UTF-8 character
 * that would be split. Returns strlen(src), so truncation is detected
 * by a result >= cap.
 */
size_t jk_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t len = strlen(src);
    size_t n;

    if (cap == 0)
        return len;
    n = len < cap - 1 ? len : cap - 1;
    if (n < len)
        n = utf8_whole_prefix(src, n);
    memcpy(dst, src, n);
    dst[n] = '\0';
    return len;
}

/*
 * vsnprintf that always terminates and, when it truncates, does not
 * leave half a UTF-8 character at the end. Returns what vsnprintf
 * returns (the untruncated length, or negative on a format error, in
 * which case dst is "").
 */
int jk_snprintf(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(cap ? dst : NULL, cap, fmt, ap);
    va_end(ap);
    if (cap == 0)
        return r;
    if (r < 0) {
        dst[0] = '\0';
    } else if ((size_t)r >= cap) {
        dst[utf8_whole_prefix(dst, cap - 1)] = '\0';
    }
    return r;
}

/* Length of the blank at s (0 if none): ASCII space/tab/CR/LF or
 * U+3000 IDEOGRAPHIC SPACE (E3 80 80). */
static size_t blank_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n')
        return 1;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    return 0;
}

/* Trim blanks at both ends of s, in place. Returns s (NULL for NULL). */
char *jk_str_trim(char *s)
{
    size_t start = 0;
    size_t len;
    size_t k;

    if (!s)
        return NULL;
    while ((k = blank_len(s + start)) > 0)
        start += k;
    len = strlen(s + start);
    if (start > 0)
        memmove(s, s + start, len + 1);
    for (;;) {
        unsigned char c = len > 0 ? (unsigned char)s[len - 1] : 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            len--;
        } else if (len >= 3 && blank_len(s + len - 3) == 3) {
            len -= 3;
        } else {
            break;
        }
    }
    s[len] = '\0';
    return s;
}

/*
 * True if s[0..n) is well-formed UTF-8 (RFC 3629): no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no stray or
 * missing continuation bytes. NUL bytes count as valid characters.
 */
bool jk_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    if (!s)
        return n == 0;
    while (i < n) {
        unsigned char c = u[i];
        size_t need;
        uint32_t cp;
        uint32_t min;

        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1Fu;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2;
            cp = c & 0x0Fu;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07u;
            min = 0x10000;
        } else {
            return false; /* continuation byte, C0/C1 or F5..FF */
        }
        if (n - i - 1 < need)
            return false;
        for (size_t k = 1; k <= need; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (u[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

/* Leading characters strtod/strtoll would skip or that we refuse. */
static bool bad_start(const char *s)
{
    return *s == '\0' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
           *s == '\f' || *s == '\v';
}

/*
 * Parse a finite decimal double; the whole of s must be the number.
 * Rejects empty text, leading blanks, hexadecimal forms, "inf" and
 * "nan" (JK_EPARSE) and values that overflow (JK_ERANGE). Underflow
 * to a tiny or zero value is accepted. *out is 0 on failure.
 */
int jk_parse_double(const char *s, double *out)
{
    char *end;
    double v;

    if (!s || !out)
        return JK_EINVAL;
    *out = 0.0;
    if (bad_start(s) || strpbrk(s, "xX"))
        return JK_EPARSE;
    errno = 0;
    v = strtod(s, &end);
    if (end == s || *end != '\0')
        return JK_EPARSE;
    if (errno == ERANGE && (v > 1.0 || v < -1.0))
        return JK_ERANGE;
    if (!isfinite(v))
        return JK_EPARSE;
    *out = v;
    return JK_OK;
}

/*
 * Parse a decimal int64 ("-42", "+7"); the whole of s must be the
 * number. JK_EPARSE for empty text, leading blanks or trailing junk,
 * JK_ERANGE outside int64. *out is 0 on failure.
 */
int jk_parse_i64(const char *s, int64_t *out)
{
    char *end;
    long long v;

    if (!s || !out)
        return JK_EINVAL;
    *out = 0;
    if (bad_start(s))
        return JK_EPARSE;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || *end != '\0')
        return JK_EPARSE;
    if (errno == ERANGE)
        return JK_ERANGE;
#if LLONG_MAX > INT64_MAX
    if (v > INT64_MAX || v < INT64_MIN)
        return JK_ERANGE;
#endif
    *out = (int64_t)v;
    return JK_OK;
}

size_t jk_str_hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

void jk_csv_field(FILE *out, const char *v, bool last)
{
    size_t n = strlen(v);
    bool quote = (n && (v[0] == ' ' || v[n - 1] == ' ')) ||
                 strpbrk(v, ",\"\r\n\t") != NULL;
    if (quote) {
        fputc('"', out);
        for (; *v; v++) {
            if (*v == '"')
                fputc('"', out);
            fputc(*v, out);
        }
        fputc('"', out);
    } else {
        fputs(v, out);
    }
    fputc(last ? '\n' : ',', out);
}

void jk_xml_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}
