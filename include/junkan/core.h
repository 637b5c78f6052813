/*
 * junkan core: status codes, errors, the allocator seam, arenas, buffers,
 * exact mass, periods and identifiers.
 *
 * Every other public header includes only this one.
 */
#ifndef JUNKAN_CORE_H
#define JUNKAN_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define JK_API          __attribute__((visibility("default")))
#define JK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define JK_API
#define JK_PRINTF(f, a)
#endif

#define JK_VERSION_MAJOR 0
#define JK_VERSION_MINOR 1
#define JK_VERSION_PATCH 0
#define JK_VERSION_NUM                                                         \
    (JK_VERSION_MAJOR * 10000 + JK_VERSION_MINOR * 100 + JK_VERSION_PATCH)

/** The library version as "MAJOR.MINOR.PATCH". Thread-safe. */
JK_API const char *jk_version(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

/*
 * Small positive codes; JK_OK is 0. The X-macro keeps the enum, the
 * names and the messages in one place (libuv's uv-errno table).
 */
#define JK_STATUS_LIST(X)                                                      \
    X(OK, "success")                                                           \
    X(ENOMEM, "out of memory")                                                 \
    X(EINVAL, "invalid argument")                                              \
    X(EPARSE, "malformed input")                                               \
    X(ERANGE, "value out of range")                                            \
    X(ENOTFOUND, "not found")                                                  \
    X(EEXIST, "already exists")                                                \
    X(EIO, "input/output error")                                               \
    X(ESTORE, "store error")                                                   \
    X(EBUSY, "store busy or locked")                                           \
    X(ESCHEMA, "store schema is newer than this program")                      \
    X(ECONSTRAINT, "constraint violated")                                      \
    X(ELIMIT, "size limit exceeded")                                           \
    X(EUNSUPPORTED, "not supported")                                           \
    X(EINTERNAL, "internal error")

typedef enum jk_status {
#define JK_X_ENUM(name, msg) JK_##name,
    JK_STATUS_LIST(JK_X_ENUM)
#undef JK_X_ENUM
        JK_STATUS_COUNT
} jk_status;

/** The message for a status code ("out of memory"); never NULL. */
JK_API const char *jk_strerror(int status);
/** The symbolic name of a status code ("JK_ENOMEM"); never NULL. */
JK_API const char *jk_status_name(int status);

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

#define JK_ERR_WHERE 256
#define JK_ERR_MSG   512

/**
 * A caller-owned error report. `where` locates the fault in the input
 * ("flows.csv:12:4" or "flows.json:$.flows[3].mass"); `msg` says what was
 * expected ("mass: expected a number with a unit, got \"12,5t\"").
 * Nothing inside is heap-allocated.
 */
typedef struct jk_err {
    int code;                 /* JK_* status, JK_OK when clear */
    char where[JK_ERR_WHERE]; /* location, "" when not applicable */
    char msg[JK_ERR_MSG];     /* human-readable message */
} jk_err;

/** Clear an error (code JK_OK, empty strings). err may be NULL. */
JK_API void jk_err_clear(jk_err *err);
/**
 * Record an error and return its code, so that callers can write
 * `return jk_err_set(err, JK_EPARSE, where, "...", ...)`. err may be NULL.
 */
JK_API int jk_err_set(jk_err *err, int code, const char *where, const char *fmt,
                      ...) JK_PRINTF(4, 5);
/** Format "where: msg" (or just msg) into buf; returns buf. */
JK_API const char *jk_err_line(const jk_err *err, char *buf, size_t cap);

/* ------------------------------------------------------------------ */
/* Allocator seam                                                      */
/* ------------------------------------------------------------------ */

/**
 * Every allocation in junkan, and in SQLite, jansson and libcsv when
 * junkan drives them, goes through these. jk_free(NULL) does nothing.
 */
JK_API void *jk_malloc(size_t n);
JK_API void *jk_calloc(size_t count, size_t size);
JK_API void *jk_realloc(void *p, size_t n);
JK_API void jk_free(void *p);
/** A copy of s (or of its first n bytes) on the jk heap; NULL on OOM. */
JK_API char *jk_strdup(const char *s);
JK_API char *jk_strndup(const char *s, size_t n);

/**
 * Fault injection, honoured only in builds with JK_TESTING: make the
 * n-th allocation from now fail (1 = the next one); 0 disarms. The
 * environment variable JK_TEST_FAIL_ALLOC=N arms it at first use.
 * Returns false in builds without fault injection.
 */
JK_API bool jk_alloc_fail_nth(long n);
/** Allocations counted since the last jk_alloc_fail_nth(). */
JK_API long jk_alloc_count(void);
/** True if an injected failure has fired since the last arming. */
JK_API bool jk_alloc_failed(void);

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

/** A bump allocator that owns everything it hands out. */
typedef struct jk_arena jk_arena;

JK_API jk_arena *jk_arena_new(size_t block_size);
/** Free the arena and everything allocated from it. NULL is a no-op. */
JK_API void jk_arena_free(jk_arena *a);
/** Allocate n bytes aligned for any type; NULL on OOM. */
JK_API void *jk_arena_alloc(jk_arena *a, size_t n);
JK_API char *jk_arena_strdup(jk_arena *a, const char *s);
JK_API char *jk_arena_strndup(jk_arena *a, const char *s, size_t n);
/** Forget every allocation but keep the first block for reuse. */
JK_API void jk_arena_reset(jk_arena *a);
/** Whether p points into memory the arena handed out. */
JK_API bool jk_arena_owns(const jk_arena *a, const void *p);

/* ------------------------------------------------------------------ */
/* Buffer: a growable byte string with a hard cap (curl's dynbuf)      */
/* ------------------------------------------------------------------ */

typedef struct jk_buf {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* hard limit on len; appends beyond fail with ELIMIT */
} jk_buf;

/** Initialise an empty buffer that may grow to max bytes. */
JK_API void jk_buf_init(jk_buf *b, size_t max);
JK_API void jk_buf_free(jk_buf *b);
JK_API void jk_buf_reset(jk_buf *b);
/** Append n bytes; JK_ENOMEM or JK_ELIMIT on failure (b unchanged). */
JK_API int jk_buf_add(jk_buf *b, const void *p, size_t n);
JK_API int jk_buf_adds(jk_buf *b, const char *s);
JK_API int jk_buf_addf(jk_buf *b, const char *fmt, ...) JK_PRINTF(2, 3);
/** The contents as a C string ("" when empty); never NULL. */
JK_API const char *jk_buf_str(const jk_buf *b);

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

/** Copy src into dst of size cap, always NUL-terminated; returns the
 *  length src would need (like strlcpy). Cuts on a UTF-8 boundary. */
JK_API size_t jk_strlcpy(char *dst, const char *src, size_t cap);
/** snprintf that never writes past cap and always terminates. */
JK_API int jk_snprintf(char *dst, size_t cap, const char *fmt, ...)
    JK_PRINTF(3, 4);
/** Trim ASCII spaces, tabs, CR and LF, and full-width spaces (U+3000),
 *  in place; returns s. */
JK_API char *jk_str_trim(char *s);
/**
 * Write one CSV field and its separator (',' or, when last, '\n').
 * The field is quoted (RFC 4180, quotes doubled) when it holds a comma,
 * a quote, a line break or a tab, or begins or ends with a space, so
 * that it reads back unchanged through libcsv, which trims unquoted
 * fields.
 */
JK_API void jk_csv_field(FILE *out, const char *v, bool last);

/**
 * Reading CSV input tables: jk_csv_read() calls cb once per data row of
 * a file whose first row is a header (at most 32 columns). In cb,
 * jk_csv_get() gives the value of a named column ("" when the column is
 * absent or the row is short), jk_csv_has() whether the header has it,
 * jk_csv_line() the physical line the row ends on. A non-zero return
 * from cb stops the reading and is returned; a malformed file is
 * JK_EPARSE at "path:line". When !required, a missing file is JK_OK
 * with no rows.
 */
typedef struct jk_csv_row jk_csv_row;
typedef int (*jk_csv_row_cb)(void *ctx, const jk_csv_row *r);
JK_API int jk_csv_read(const char *path, jk_csv_row_cb cb, void *ctx,
                       bool required, jk_err *err);
/** The same over a buffer; name is used in messages. */
JK_API int jk_csv_read_mem(const char *name, const char *data, size_t len,
                           jk_csv_row_cb cb, void *ctx, jk_err *err);
JK_API const char *jk_csv_get(const jk_csv_row *r, const char *name);
JK_API bool jk_csv_has(const jk_csv_row *r, const char *name);
JK_API long jk_csv_line(const jk_csv_row *r);
JK_API int jk_csv_ncols(const jk_csv_row *r);
JK_API const char *jk_csv_colname(const jk_csv_row *r, int i);
/** Write s to out with &, <, >, " and ' escaped for XML and HTML text
 *  and attribute values (SVG, HTML reports). NULL writes nothing. */
JK_API void jk_xml_escape(FILE *out, const char *s);
/** FNV-1a hash of a C string, for the string-keyed hash tables of the
 *  modules. Thread-safe. */
JK_API size_t jk_str_hash(const char *s);
/** True if s is valid UTF-8. */
JK_API bool jk_utf8_valid(const char *s, size_t n);
/** Parse a decimal double ("35.4437", "-1e3"); whole string must match. */
JK_API int jk_parse_double(const char *s, double *out);
/** Parse a decimal int64; whole string must match. */
JK_API int jk_parse_i64(const char *s, int64_t *out);

/* ------------------------------------------------------------------ */
/* Exact mass: int64 grams                                             */
/* ------------------------------------------------------------------ */

typedef int64_t jk_mass; /* grams */

#define JK_G     ((jk_mass)1)
#define JK_KG    ((jk_mass)1000)
#define JK_T     ((jk_mass)1000000)
#define JK_KT    ((jk_mass)1000000000)
#define JK_MAN_T ((jk_mass)10000000000)   /* 万t, 10^4 t */
#define JK_MT    ((jk_mass)1000000000000) /* Mt, 10^6 t */

/** A mass unit: its grams, its symbol, and its UN/ECE Rec 20 code. */
typedef struct jk_unit {
    const char *symbol; /* "t" */
    const char *rec20;  /* "TNE", or NULL when Rec 20 has none */
    jk_mass grams;      /* grams in one unit */
} jk_unit;

/**
 * Look up a unit by symbol or Rec 20 code: g, kg, t, kt, Mt, 万t, 千t,
 * GRM, KGM, TNE, KTN (symbols case-sensitive: "mt" is rejected because
 * it is ambiguous; codes case-insensitive). NULL when unknown.
 */
JK_API const jk_unit *jk_unit_find(const char *name);

/**
 * Parse a mass such as "12.5t", "12.5 t", "1200 KGM", "-3 kg", "903万t".
 * When the text has no unit, default_unit is used; with default_unit
 * NULL a unit is required. The value must be exact in grams (no
 * fraction of a gram) and fit in int64.
 *
 * Returns JK_OK, JK_EPARSE (not a number with a unit; comma decimals
 * and thousands separators are rejected), JK_ERANGE (overflow or a
 * fraction of a gram). err->msg is set; err->where is left alone.
 */
JK_API int jk_mass_parse(const char *text, const jk_unit *default_unit,
                         jk_mass *out, jk_err *err);

/**
 * Format a mass in unit u with exactly `decimals` decimals (rounded
 * half away from zero), e.g. "1,234.5 t" when group is true. With u
 * NULL the unit is chosen automatically (g, kg, t, kt, Mt by size) and
 * trailing zeros are trimmed. Writes at most cap bytes; returns buf.
 */
JK_API const char *jk_mass_format(jk_mass m, const jk_unit *u, int decimals,
                                  bool group, char *buf, size_t cap);
/** Exact decimal text of m in unit u, shortest form ("12.5"), no unit. */
JK_API const char *jk_mass_exact(jk_mass m, const jk_unit *u, char *buf,
                                 size_t cap);

/** Checked addition: JK_ERANGE on overflow, *out untouched then. */
JK_API int jk_mass_add(jk_mass a, jk_mass b, jk_mass *out);

/* ------------------------------------------------------------------ */
/* Periods                                                             */
/* ------------------------------------------------------------------ */

typedef enum jk_period_kind {
    JK_PERIOD_FY = 1,    /* Japanese fiscal year: April year .. March year+1 */
    JK_PERIOD_CY = 2,    /* calendar year */
    JK_PERIOD_MONTH = 3, /* one calendar month */
    JK_PERIOD_FQUARTER = 4 /* a quarter of a fiscal year: Q1 April-June */
} jk_period_kind;

typedef struct jk_period {
    jk_period_kind kind;
    int year;  /* FY2006 -> 2006 (April 2006 to March 2007) */
    int month; /* 1..12 for JK_PERIOD_MONTH, the quarter 1..4 for
                  JK_PERIOD_FQUARTER, else 0 */
} jk_period;

/**
 * Parse a period: "FY2006", "2006年度", "平成18年度", "令和5年度" (fiscal
 * years); "2017", "CY2017", "2017年", "令和5年" (calendar years);
 * "2017-04", "2017年4月" (months); "FY2006Q1", "2006年度第1四半期",
 * "令和5年度第2四半期" (fiscal quarters, Q1 = April-June). Years 1900..2999.
 * Returns JK_OK or JK_EPARSE with err->msg set.
 */
JK_API int jk_period_parse(const char *text, jk_period *out, jk_err *err);
/** Canonical text: "FY2006", "2017", "2017-04", "FY2006Q1". Returns buf. */
JK_API const char *jk_period_format(const jk_period *p, char *buf, size_t cap);
/** First and last month as year*12 + (month-1), inclusive. */
JK_API void jk_period_months(const jk_period *p, int *first, int *last);
/** True if every month of inner lies within outer. */
JK_API bool jk_period_contains(const jk_period *outer, const jk_period *inner);
/** The Japanese fiscal year that a month falls in (2007-03 -> FY2006). */
JK_API int jk_fiscal_year_of(int year, int month);

/* ------------------------------------------------------------------ */
/* Identifiers                                                         */
/* ------------------------------------------------------------------ */

#define JK_ID_MAX 64

/**
 * True if s is a junkan identifier: 1..64 bytes of [a-z0-9._-], starting
 * with a letter or digit, no "..", not ending with '.' (material codes
 * such as "metal.copper.scrap" and slugs such as "yokohama-tsurumi").
 */
JK_API bool jk_id_valid(const char *s);
/**
 * True if s is a valid 6-digit Japanese local government code
 * (全国地方公共団体コード) including its check digit ("131016").
 */
JK_API bool jk_lgcode_valid(const char *s);
/** The check digit of the first five digits of a local government code,
 *  or -1 when they are not five digits. */
JK_API int jk_lgcode_check_digit(const char *five);
/**
 * True if s is a valid 13-digit Japanese corporate number (法人番号),
 * including its leading check digit ("7000012050002").
 */
JK_API bool jk_corpno_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_CORE_H */
