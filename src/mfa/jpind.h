/*
 * Internal to the mfa module: the published series and targets of
 * Japan's Fundamental Plan indicators (data/reference/
 * jp-plan-indicators.csv, compiled into the library). The CLI needs a
 * public form of jk__mfa_jp_rows (`junkan mfa indicators --series`);
 * see docs/internals/jpind.md for the signature proposed for mfa.h.
 */
#ifndef JK_MFA_JPIND_H
#define JK_MFA_JPIND_H

#include <junkan/mfa.h>

/** One row of jp-plan-indicators.csv. Strings are static. */
typedef struct jk__jp_row {
    const char *code;   /* indicator code ("final_disposal") */
    const char *series; /* "published" or "target" */
    int year;           /* Japanese fiscal year (April..March) */
    double value;       /* in unit */
    const char *unit;   /* the indicator's unit ("万円/t", "%", ...) */
    const char *plan;   /* "1st".."5th" for targets, "" when published */
    const char *source; /* URL of the publication */
} jk__jp_row;

typedef int (*jk__jp_row_cb)(void *ctx, const jk__jp_row *r);

/**
 * Call cb for every row whose code and series match (NULL matches
 * any), in file order: by indicator, published values by year, then
 * targets by plan. Stops at the first non-zero return of cb and
 * returns it. Returns JK_OK, JK_EINVAL (cb NULL) or JK_EINTERNAL (the
 * table is not built in or is malformed; err says where). Thread-safe;
 * the rows are parsed once, on first use, and never allocate.
 */
int jk__mfa_jp_rows(const char *code, const char *series, jk__jp_row_cb cb,
                    void *ctx, jk_err *err);

#endif
