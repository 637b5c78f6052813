/*
 * junkan check: consistency checks over what a store holds. For now the
 * mass balance of every process node per material and period (inputs
 * minus outputs), the first thing to look at after an import.
 */
#ifndef JUNKAN_CHECK_H
#define JUNKAN_CHECK_H

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jk_balance_status {
    JK_BAL_OK = 0,    /* inputs equal outputs exactly */
    JK_BAL_WITHIN,    /* differ, but within the tolerance */
    JK_BAL_IMBALANCE, /* differ by more than the tolerance */
    JK_BAL_SOURCE,    /* only outputs: a boundary source */
    JK_BAL_SINK       /* only inputs: a boundary sink or a stock */
} jk_balance_status;

/** "ok", "within tolerance", "IMBALANCE", "source", "sink". */
JK_API const char *jk_balance_status_name(jk_balance_status s);

/** The balance of one process node for one material and period. */
typedef struct jk_balance {
    const char *node;     /* process name */
    const char *material; /* material code */
    const char *period;   /* canonical period */
    jk_mass in;           /* grams flowing in */
    jk_mass out;          /* grams flowing out */
    jk_mass diff;         /* in - out */
    double rel;           /* |diff| / max(in, out); 0 when both are 0 */
    jk_balance_status status;
} jk_balance;

typedef int (*jk_balance_cb)(void *ctx, const jk_balance *b);

/**
 * Compute the balance of every process node (not sites or
 * organisations) per material and period, in node, material, period
 * order. rel_tol is the relative tolerance (0.001 = 0.1%, which absorbs
 * the rounding of published figures). *n_bad receives the number of
 * balances beyond the tolerance. cb may be NULL.
 * Returns JK_OK, JK_ERANGE (a sum overflows int64 grams), JK_ENOMEM,
 * JK_ESTORE.
 */
JK_API int jk_check_balances(jk_store *s, double rel_tol, jk_balance_cb cb,
                             void *ctx, int64_t *n_bad, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif
