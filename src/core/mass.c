/*
 * Exact mass: int64 grams, the unit table, and exact decimal parsing
 * and formatting.
 *
 * Masses never pass through double: "0.1 t" is 100000 g exactly, and a
 * sum of a million flows is exact. The range is symmetric,
 * -9223372036854775807 .. 9223372036854775807 g (about +-9.2 Mt x 10^6),
 * so negating a mass never overflows; INT64_MIN is never produced.
 *
 * Source text is UTF-8.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <junkan/core.h>

/*
 * Symbols first (case-sensitive), then the same units by Rec 20 code
 * (case-insensitive). 千t is the kilotonne again under its Japanese
 * name, so that values written in 千t format back as 千t. Mt and 万t
 * have no Rec 20 code. The first five rows are the automatic units.
 */
static const jk_unit units[] = {
    {"g", "GRM", JK_G},      /* gram */
    {"kg", "KGM", JK_KG},    /* kilogram */
    {"t", "TNE", JK_T},      /* tonne (metric ton) */
    {"kt", "KTN", JK_KT},    /* kilotonne */
    {"Mt", NULL, JK_MT},     /* megatonne */
    {"万t", NULL, JK_MAN_T}, /* man-ton, 10^4 t */
    {"千t", "KTN", JK_KT},   /* sen-ton, 10^3 t */
};

#define N_UNITS   (sizeof(units) / sizeof(units[0]))
#define N_AUTO    5
#define QUOTE_MAX 200 /* bytes of the input quoted in a message */
#define UNIT_MAX  32  /* bytes of a unit name we look at */
#define FRAC_MAX  18  /* significant fraction digits that can matter */
#define GRAMS_MAX 1000000000000000000LL /* largest unit we format in */

static bool ascii_caseeq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a;
        unsigned char y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
        if (x == '\0')
            return true;
    }
}

/* Look up a unit by symbol (exact) or Rec 20 code (any case). */
const jk_unit *jk_unit_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < N_UNITS; i++) {
        if (strcmp(units[i].symbol, name) == 0)
            return &units[i];
    }
    for (size_t i = 0; i < N_UNITS; i++) {
        if (units[i].rec20 && ascii_caseeq(units[i].rec20, name))
            return &units[i];
    }
    return NULL;
}

/* Set err->code and err->msg (never err->where); return code. */
static int fail(jk_err *err, int code, const char *fmt, ...) JK_PRINTF(3, 4);

static int fail(jk_err *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

/* The input as quoted in messages: at most QUOTE_MAX bytes, cut on a
 * character boundary and marked with "..." when cut. */
static const char *quote(const char *text, char *buf, size_t cap)
{
    if (jk_strlcpy(buf, text, cap) >= cap) {
        size_t n = strlen(buf);
        n = n > 3 ? n - 3 : 0;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
            n--;
        memcpy(buf + n, "...", 4);
    }
    return buf;
}

/* Length of a blank at s: ASCII space or tab, or U+3000. */
static size_t blank_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (*u == ' ' || *u == '\t')
        return 1;
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    return 0;
}

static const char *skip_blanks(const char *s)
{
    size_t k;

    while ((k = blank_len(s)) > 0)
        s += k;
    return s;
}

/* The digit at *p (ASCII or full-width U+FF10..U+FF19), advancing *p;
 * -1 (and *p unchanged) when there is none. */
static int take_digit(const char **p)
{
    const unsigned char *u = (const unsigned char *)*p;

    if (*u >= '0' && *u <= '9') {
        *p += 1;
        return *u - '0';
    }
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
        *p += 3;
        return u[2] - 0x90;
    }
    return -1;
}

static bool is_digit_at(const char *p)
{
    return take_digit(&p) >= 0;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/*
 * Parse "[blanks] [+|-] digits [. digits] [blanks] [unit] [blanks]".
 * Blanks are ASCII spaces, tabs and U+3000; digits may be full-width.
 * The value is computed exactly: integer part times the unit's grams,
 * plus the fraction times the grams, which must come out whole.
 */
int jk_mass_parse(const char *text, const jk_unit *default_unit, jk_mass *out,
                  jk_err *err)
{
    char q[QUOTE_MAX + 1];
    char uname[UNIT_MAX + 1];
    const char *p;
    const char *ustart;
    const char *uend;
    const jk_unit *u;
    bool neg = false;
    bool int_overflow = false;
    bool frac_too_fine = false;
    uint64_t ip = 0;
    uint64_t frac = 0;
    int nfrac = 0; /* fraction digits kept in frac */
    int nint = 0;  /* integer digits seen */
    int d;
    uint64_t grams;
    uint64_t mag;
    uint64_t limit = (uint64_t)INT64_MAX;

    if (!out)
        return fail(err, JK_EINVAL, "no place to store the mass");
    *out = 0;
    if (!text)
        return fail(err, JK_EINVAL, "no mass given");
    quote(text, q, sizeof(q));

    /* Decimal commas and thousands separators are never guessed at. */
    if (strchr(text, ',') || strstr(text, "，"))
        goto malformed;

    p = skip_blanks(text);
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    while ((d = take_digit(&p)) >= 0) {
        nint++;
        if (ip > (UINT64_MAX - (uint64_t)d) / 10)
            int_overflow = true;
        else
            ip = ip * 10 + (uint64_t)d;
    }
    if (nint == 0)
        goto malformed;
    if (*p == '.') {
        int seen = 0;
        int last_nonzero = 0; /* 1-based position of the last non-zero */
        uint64_t kept = 0;
        p++;
        while ((d = take_digit(&p)) >= 0) {
            seen++;
            if (seen <= FRAC_MAX)
                kept = kept * 10 + (uint64_t)d;
            if (d != 0)
                last_nonzero = seen;
        }
        if (seen == 0)
            goto malformed;
        if (last_nonzero > FRAC_MAX) {
            frac_too_fine = true;
        } else {
            /* drop the zeros after the last significant digit */
            nfrac = last_nonzero;
            for (int i = seen < FRAC_MAX ? seen : FRAC_MAX; i > nfrac; i--)
                kept /= 10;
            frac = kept;
        }
    }
    if ((*p == 'e' || *p == 'E') &&
        (is_digit_at(p + 1) ||
         ((p[1] == '+' || p[1] == '-') && is_digit_at(p + 2))))
        goto malformed; /* no exponents */

    /* The unit: everything after the blanks, minus trailing blanks. */
    ustart = skip_blanks(p);
    uend = ustart + strlen(ustart);
    for (;;) {
        if (uend > ustart && (uend[-1] == ' ' || uend[-1] == '\t'))
            uend--;
        else if (uend - ustart >= 3 && blank_len(uend - 3) == 3)
            uend -= 3;
        else
            break;
    }
    if (uend == ustart) {
        if (!default_unit)
            goto malformed;
        u = default_unit;
    } else {
        size_t ulen = (size_t)(uend - ustart);
        if (*ustart == '.' || *ustart == '+' || *ustart == '-' ||
            is_digit_at(ustart))
            goto malformed; /* "1 000 t", "1. 5 t", "12 -t" */
        if (ulen > UNIT_MAX) {
            size_t n = UNIT_MAX - 3;
            while (n > 0 && ((unsigned char)ustart[n] & 0xC0) == 0x80)
                n--;
            memcpy(uname, ustart, n);
            memcpy(uname + n, "...", 4);
            return fail(err, JK_EPARSE, "unknown unit \"%s\" in \"%s\"", uname,
                        q);
        }
        memcpy(uname, ustart, ulen);
        uname[ulen] = '\0';
        if (ascii_caseeq(uname, "mt") && strcmp(uname, "Mt") != 0)
            return fail(err, JK_EPARSE,
                        "ambiguous unit \"%s\" in \"%s\": write t, kt or Mt",
                        uname, q);
        u = jk_unit_find(uname);
        if (!u)
            return fail(err, JK_EPARSE, "unknown unit \"%s\" in \"%s\"", uname,
                        q);
    }
    if (u->grams <= 0)
        return fail(err, JK_EINVAL, "unit \"%s\" has no positive size",
                    u->symbol ? u->symbol : "");
    grams = (uint64_t)u->grams;

    if (int_overflow || (ip != 0 && ip > limit / grams))
        goto too_big;
    mag = ip * grams;
    if (frac_too_fine)
        goto fraction;
    if (nfrac > 0) {
        uint64_t pow10 = 1;
        uint64_t g;
        uint64_t fgrams;
        for (int i = 0; i < nfrac; i++)
            pow10 *= 10;
        /* frac/pow10 * grams is whole iff pow10/g divides frac, where
         * g = gcd(grams, pow10); then frac/(pow10/g) < g, so the product
         * with grams/g stays below grams and cannot overflow. */
        g = gcd_u64(grams, pow10);
        if (frac % (pow10 / g) != 0)
            goto fraction;
        fgrams = frac / (pow10 / g) * (grams / g);
        if (fgrams > limit - mag)
            goto too_big;
        mag += fgrams;
    }
    *out = neg ? -(jk_mass)mag : (jk_mass)mag;
    return JK_OK;

malformed:
    if (default_unit)
        return fail(err, JK_EPARSE, "expected a number, got \"%s\"", q);
    return fail(err, JK_EPARSE, "expected a number with a unit, got \"%s\"", q);
fraction:
    return fail(err, JK_ERANGE, "\"%s\" is not a whole number of grams", q);
too_big:
    if (neg)
        return fail(err, JK_ERANGE,
                    "\"%s\" is too small (at least -9223372036854775807 g)", q);
    return fail(err, JK_ERANGE,
                "\"%s\" is too large (at most 9223372036854775807 g)", q);
}

/* |m| without overflow, even for INT64_MIN. */
static uint64_t magnitude(jk_mass m)
{
    return m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
}

/*
 * mag/grams rounded half away from zero to `decimals` digits: the
 * integer part in *whole, the fraction digits in frac (not terminated).
 * grams must be 1..10^18 so that r * 10 cannot overflow.
 */
static void divide(uint64_t mag, uint64_t grams, int decimals, uint64_t *whole,
                   char *frac)
{
    uint64_t q = mag / grams;
    uint64_t r = mag % grams;
    int i;

    for (i = 0; i < decimals; i++) {
        r *= 10;
        frac[i] = (char)('0' + r / grams);
        r %= grams;
    }
    if (r >= grams - r) { /* 2r >= grams, without overflow */
        for (i = decimals - 1; i >= 0 && frac[i] == '9'; i--)
            frac[i] = '0';
        if (i >= 0)
            frac[i]++;
        else
            q++;
    }
    *whole = q;
}

/* Write v in decimal into out (NUL-terminated), with ',' every three
 * digits when group is true. Returns the length. */
static size_t put_u64(char *out, uint64_t v, bool group)
{
    char rev[32];
    size_t n = 0;
    size_t len = 0;

    do {
        if (group && n > 0 && n % 3 == 0)
            rev[len++] = ',';
        rev[len++] = (char)('0' + v % 10);
        v /= 10;
        n++;
    } while (v != 0);
    for (size_t i = 0; i < len; i++)
        out[i] = rev[len - 1 - i];
    out[len] = '\0';
    return len;
}

static bool unit_ok(const jk_unit *u)
{
    return u->grams >= 1 && u->grams <= GRAMS_MAX;
}

/*
 * Format m in unit u with `decimals` decimals (0..18; rounded half away
 * from zero), grouping thousands with ',' when asked, then a space and
 * the unit's symbol. With u NULL the unit is the largest of g, kg, t,
 * kt, Mt in which the value is at least 1 (after rounding), shown with
 * up to 3 decimals and no trailing zeros; `decimals` is then ignored.
 * A value that rounds to zero has no minus sign. Units larger than
 * 10^18 g are not supported and give "". Returns buf.
 */
const char *jk_mass_format(jk_mass m, const jk_unit *u, int decimals,
                           bool group, char *buf, size_t cap)
{
    char frac[FRAC_MAX];
    char text[96];
    uint64_t mag = magnitude(m);
    uint64_t whole;
    bool trim = false;
    bool zero;
    size_t len = 0;

    if (!u) {
        size_t i = 0;
        uint64_t step = 1000;
        while (i + 1 < N_AUTO && mag >= step) {
            i++;
            step *= 1000;
        }
        decimals = 3;
        trim = true;
        divide(mag, (uint64_t)units[i].grams, decimals, &whole, frac);
        if (whole >= 1000 && i + 1 < N_AUTO) {
            i++; /* 999999 g -> "1000 kg" becomes "1 t" */
            divide(mag, (uint64_t)units[i].grams, decimals, &whole, frac);
        }
        u = &units[i];
    } else {
        if (!unit_ok(u)) {
            jk_strlcpy(buf, "", cap);
            return buf;
        }
        if (decimals < 0)
            decimals = 0;
        if (decimals > FRAC_MAX)
            decimals = FRAC_MAX;
        divide(mag, (uint64_t)u->grams, decimals, &whole, frac);
    }
    if (trim) {
        while (decimals > 0 && frac[decimals - 1] == '0')
            decimals--;
    }
    zero = whole == 0;
    for (int i = 0; i < decimals; i++)
        zero = zero && frac[i] == '0';
    if (m < 0 && !zero)
        text[len++] = '-';
    len += put_u64(text + len, whole, group);
    if (decimals > 0) {
        text[len++] = '.';
        memcpy(text + len, frac, (size_t)decimals);
        len += (size_t)decimals;
    }
    text[len] = '\0';
    jk_snprintf(buf, cap, "%s %s", text, u->symbol);
    return buf;
}

/*
 * The exact value of m in unit u (grams when u is NULL), as the
 * shortest decimal: no trailing zeros, no '.' for whole values, no
 * grouping, no unit ("12.5", "-0.001", "903"). Exact for every unit in
 * the table; for a custom unit whose size is not 2^a * 5^b grams the
 * digits stop after 64 decimals. Returns buf.
 */
const char *jk_mass_exact(jk_mass m, const jk_unit *u, char *buf, size_t cap)
{
    char text[96];
    uint64_t mag = magnitude(m);
    uint64_t grams = u ? (uint64_t)u->grams : 1;
    uint64_t r;
    size_t len = 0;

    if (u && !unit_ok(u)) {
        jk_strlcpy(buf, "", cap);
        return buf;
    }
    if (m < 0)
        text[len++] = '-';
    len += put_u64(text + len, mag / grams, false);
    r = mag % grams;
    if (r != 0) {
        text[len++] = '.';
        for (int i = 0; i < 64 && r != 0; i++) {
            r *= 10;
            text[len++] = (char)('0' + r / grams);
            r %= grams;
        }
    }
    text[len] = '\0';
    jk_strlcpy(buf, text, cap);
    return buf;
}

/*
 * a + b, or JK_ERANGE (and *out untouched) when the sum leaves the mass
 * range +-9223372036854775807 g.
 */
int jk_mass_add(jk_mass a, jk_mass b, jk_mass *out)
{
    jk_mass s;

    if (__builtin_add_overflow(a, b, &s) || s == INT64_MIN)
        return JK_ERANGE;
    *out = s;
    return JK_OK;
}
