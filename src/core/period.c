/*
 * Reporting periods: Japanese fiscal years (April to March), their
 * quarters, calendar years and single months, written in Western or
 * Japanese style.
 *
 * Parsing first folds full-width ASCII (U+FF01..U+FF5E, so "２００６",
 * "ＦＹ" and "－") to ASCII and U+3000 to a space, then matches a small
 * grammar. Era years (和暦) map to Western years by a fixed offset.
 *
 * Source text is UTF-8.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <junkan/core.h>

#define NORM_MAX  64  /* longer input cannot be a period */
#define QUOTE_MAX 200 /* bytes of the input quoted in a message */
#define YEAR_MIN  1900
#define YEAR_MAX  2999

/* An era: year 1 (元年) is offset + 1. max_year 0 = open-ended. */
struct era {
    const char *name; /* "平成" */
    char letter;      /* 'H', as in "H18年度" */
    int offset;       /* Western year of era year 0 */
    int max_year;     /* last era year in use */
};

static const struct era eras[] = {
    {"昭和", 'S', 1925, 64}, /* Showa: 1926-12-25 .. 1989-01-07 */
    {"平成", 'H', 1988, 31}, /* Heisei: 1989-01-08 .. 2019-04-30 */
    {"令和", 'R', 2018, 0},  /* Reiwa: from 2019-05-01 */
};

#define N_ERAS (sizeof(eras) / sizeof(eras[0]))

/* Copy text into out, folding full-width ASCII and U+3000, trimming
 * blanks at both ends. False when it does not fit. */
static bool normalise(const char *text, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0;
    size_t start = 0;

    while (*s) {
        unsigned char c = *s;
        if (n + 1 >= cap)
            return false;
        if (c == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
            out[n++] = ' ';
            s += 3;
        } else if (c == 0xEF && (s[1] == 0xBC || s[1] == 0xBD) &&
                   s[2] >= 0x80 && s[2] <= 0xBF) {
            unsigned cp = 0xF000u | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out[n++] = (char)(cp - 0xFEE0);
                s += 3;
            } else {
                out[n++] = (char)*s++;
            }
        } else {
            out[n++] = (char)*s++;
        }
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
    while (out[start] == ' ' || out[start] == '\t')
        start++;
    memmove(out, out + start, n - start + 1);
    return true;
}

/* Advance *p past s if it starts there. */
static bool take(const char **p, const char *s)
{
    size_t n = strlen(s);

    if (strncmp(*p, s, n) != 0)
        return false;
    *p += n;
    return true;
}

/* Advance *p past the two ASCII letters s, in any case. */
static bool take_ci2(const char **p, const char *s)
{
    for (int i = 0; i < 2; i++) {
        char c = (*p)[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != s[i])
            return false;
    }
    *p += 2;
    return true;
}

/* Read min..max ASCII digits (and no more) as a number; -1 if not. */
static int number(const char **p, int min, int max)
{
    const char *s = *p;
    int v = 0;
    int n = 0;

    while (*s >= '0' && *s <= '9') {
        if (n == max)
            return -1;
        v = v * 10 + (*s - '0');
        s++;
        n++;
    }
    if (n < min)
        return -1;
    *p = s;
    return v;
}

/* True if s starts with era e's letter followed by a digit or 元. */
static bool era_letter_at(const char *s, const struct era *e)
{
    char c = *s;

    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    return c == e->letter &&
           ((s[1] >= '0' && s[1] <= '9') || strncmp(s + 1, "元", 3) == 0);
}

/* The era at s (by name or letter), or NULL. */
static const struct era *era_at(const char *s)
{
    for (size_t i = 0; i < N_ERAS; i++) {
        if (strncmp(s, eras[i].name, strlen(eras[i].name)) == 0 ||
            era_letter_at(s, &eras[i]))
            return &eras[i];
    }
    return NULL;
}

/* Read an era prefix and year ("平成18", "令和元", "H18") at *p; the
 * Western year, or -1 when the era year is out of range. */
static int era_year(const char **p, const struct era *e)
{
    int y;

    if (!take(p, e->name))
        *p += 1; /* the letter */
    if (take(p, "元"))
        y = 1;
    else
        y = number(p, 1, 2);
    if (y < 1 || (e->max_year && y > e->max_year))
        return -1;
    return e->offset + y;
}

/* An optional fiscal quarter after a fiscal year: "Q1", "-Q1" (after
 * FY2006 only: dash) or "第1四半期" (after 年度 only). 0 when there is
 * none, -1 when malformed, else the quarter. */
static int quarter(const char **p, bool kanji)
{
    int q;
    if (**p == '\0')
        return 0;
    if (kanji && take(p, "第")) {
        q = number(p, 1, 1);
        if (!take(p, "四半期"))
            return -1;
    } else {
        if (!kanji)
            (void)take(p, "-");
        if (**p != 'Q' && **p != 'q')
            return -1;
        (*p)++;
        q = number(p, 1, 1);
    }
    return q >= 1 && q <= 4 ? q : -1;
}

/* Match the grammar on normalised text. */
static bool parse(const char *s, jk_period *out)
{
    const struct era *era;
    int year;
    int month = 0;
    jk_period_kind kind;

    if (take_ci2(&s, "FY")) {
        year = number(&s, 4, 4);
        kind = JK_PERIOD_FY;
        if (year >= 0 && (month = quarter(&s, false)) != 0) {
            if (month < 0)
                return false;
            kind = JK_PERIOD_FQUARTER;
        }
        if (*s != '\0')
            return false;
    } else if (take_ci2(&s, "CY")) {
        year = number(&s, 4, 4);
        kind = JK_PERIOD_CY;
        if (*s != '\0')
            return false;
    } else {
        era = era_at(s);
        if (era) {
            year = era_year(&s, era);
        } else {
            year = number(&s, 4, 4);
        }
        if (year < 0)
            return false;
        if (*s == '\0' && !era) {
            kind = JK_PERIOD_CY;
        } else if (take(&s, "年度")) {
            kind = JK_PERIOD_FY;
            if ((month = quarter(&s, true)) != 0) {
                if (month < 0)
                    return false;
                kind = JK_PERIOD_FQUARTER;
            }
        } else if (take(&s, "年")) {
            kind = JK_PERIOD_CY;
            if (*s != '\0') {
                month = number(&s, 1, 2);
                if (month < 0 || !take(&s, "月"))
                    return false;
                kind = JK_PERIOD_MONTH;
            }
        } else if (!era && (take(&s, "-") || take(&s, "/"))) {
            month = number(&s, 1, 2);
            kind = JK_PERIOD_MONTH;
        } else {
            return false;
        }
        if (*s != '\0')
            return false;
    }
    if (year < YEAR_MIN || year > YEAR_MAX)
        return false;
    if (kind == JK_PERIOD_MONTH && (month < 1 || month > 12))
        return false;
    out->kind = kind;
    out->year = year;
    out->month = month;
    return true;
}

/*
 * Parse a period. Accepted forms, with ASCII or full-width characters
 * and blanks allowed around the whole text:
 *   fiscal year   FY2006 (any case), 2006年度, 平成18年度, H18年度, 令和元年度
 *   calendar year 2017, CY2017, 2017年, 令和5年, R5年
 *   month         2017-04, 2017-4, 2017/04, 2017年4月, 令和5年4月
 *   fiscal quarter FY2006Q1, FY2006-Q1, 2006年度第1四半期, 令和5年度第2四半期,
 *                 2006年度Q1 (Q1 = April-June, Q4 = January-March)
 * Eras: 昭和/S (1926 = 元年), 平成/H (1989), 令和/R (2019). Years
 * 1900..2999. JK_EPARSE otherwise, with err->code and err->msg set
 * (err->where untouched); *out is zeroed on failure.
 */
int jk_period_parse(const char *text, jk_period *out, jk_err *err)
{
    char norm[NORM_MAX];
    char q[QUOTE_MAX + 1];

    if (!out || !text) {
        if (err) {
            err->code = JK_EINVAL;
            jk_strlcpy(err->msg, "no period given", sizeof(err->msg));
        }
        if (out)
            memset(out, 0, sizeof(*out));
        return JK_EINVAL;
    }
    memset(out, 0, sizeof(*out));
    if (normalise(text, norm, sizeof(norm)) && parse(norm, out))
        return JK_OK;
    memset(out, 0, sizeof(*out));
    if (err) {
        if (jk_strlcpy(q, text, sizeof(q)) >= sizeof(q)) {
            size_t n = strlen(q);
            n = n > 3 ? n - 3 : 0;
            while (n > 0 && ((unsigned char)q[n] & 0xC0) == 0x80)
                n--;
            memcpy(q + n, "...", 4);
        }
        err->code = JK_EPARSE;
        jk_snprintf(err->msg, sizeof(err->msg),
                    "expected a period such as FY2023, 2023, 2023-04 or "
                    "FY2023Q1, got \"%s\"",
                    q);
    }
    return JK_EPARSE;
}

/* "FY2006", "2017", "2017-04" or "FY2006Q1"; "" for an invalid period. */
const char *jk_period_format(const jk_period *p, char *buf, size_t cap)
{
    switch (p->kind) {
    case JK_PERIOD_FY:
        jk_snprintf(buf, cap, "FY%04d", p->year);
        break;
    case JK_PERIOD_CY:
        jk_snprintf(buf, cap, "%04d", p->year);
        break;
    case JK_PERIOD_MONTH:
        jk_snprintf(buf, cap, "%04d-%02d", p->year, p->month);
        break;
    case JK_PERIOD_FQUARTER:
        jk_snprintf(buf, cap, "FY%04dQ%d", p->year, p->month);
        break;
    default:
        jk_strlcpy(buf, "", cap);
        break;
    }
    return buf;
}

/*
 * The months of p as year*12 + (month-1), inclusive. A fiscal year
 * runs from April of its year to March of the next; its first quarter
 * is April to June, its fourth January to March of the next year. An invalid
 * period gives the empty range first = 0, last = -1.
 */
void jk_period_months(const jk_period *p, int *first, int *last)
{
    switch (p->kind) {
    case JK_PERIOD_FY:
        *first = p->year * 12 + 3;
        *last = (p->year + 1) * 12 + 2;
        break;
    case JK_PERIOD_CY:
        *first = p->year * 12;
        *last = p->year * 12 + 11;
        break;
    case JK_PERIOD_MONTH:
        *first = p->year * 12 + p->month - 1;
        *last = *first;
        break;
    case JK_PERIOD_FQUARTER:
        *first = p->year * 12 + 3 + (p->month - 1) * 3;
        *last = *first + 2;
        break;
    default:
        *first = 0;
        *last = -1;
        break;
    }
}

/* True if every month of inner lies in outer (false if either is
 * invalid). */
bool jk_period_contains(const jk_period *outer, const jk_period *inner)
{
    int of, ol, inf, inl;

    jk_period_months(outer, &of, &ol);
    jk_period_months(inner, &inf, &inl);
    if (of > ol || inf > inl)
        return false;
    return of <= inf && inl <= ol;
}

/* January to March belong to the fiscal year that began the April
 * before: 2007-03 -> 2006, 2007-04 -> 2007. */
int jk_fiscal_year_of(int year, int month)
{
    return month < 4 ? year - 1 : year;
}
