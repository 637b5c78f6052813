/*
 * The COIN-OR CBC back end of the MILP interface, through CBC's C API
 * (coin/Cbc_C_Interface.h, CBC 2.10). The model goes in column-major
 * form in one call; CBC reads the time limit in seconds ("seconds" is
 * CPU time in CbcMain, so the wall limit is given as "timeMode elapsed").
 */
#include <math.h>
#include <string.h>

#include <coin/Cbc_C_Interface.h>

#include "network/net_int.h"

/* True if x satisfies bounds, rows and integrality (CBC 2.10 may return
 * an infeasible iterate after a time limit). */
static bool feasible(const jk__milp *p, const double *x)
{
    int i, j;
    size_t k;
    for (j = 0; j < p->ncols; j++) {
        double tol = 1e-6 * (1 + fabs(x[j]));
        if (!isfinite(x[j]) || x[j] < p->lb[j] - tol || x[j] > p->ub[j] + tol)
            return false;
        if (p->is_int[j] && fabs(x[j] - floor(x[j] + 0.5)) > 1e-6)
            return false;
    }
    for (i = 0; i < p->nrows; i++) {
        double a = 0, scale = 1;
        for (k = p->rstart[i]; k < p->rstart[i + 1]; k++) {
            a += p->val[k] * x[p->idx[k]];
            scale += fabs(p->val[k] * x[p->idx[k]]);
        }
        if (a < p->rlo[i] - 1e-6 * scale || a > p->rhi[i] + 1e-6 * scale)
            return false;
    }
    return true;
}

static int cbc_solve(const jk__milp *p, const jk__milp_params *par,
                     jk__milp_result *res, jk_err *err)
{
    Cbc_Model *m = NULL;
    CoinBigIndex *start = NULL;
    int *rowix = NULL, *fill = NULL, *sidx = NULL, nint = 0, j, i, rc = JK_OK;
    double *val = NULL, *rlo = NULL, *rhi = NULL, *lb = NULL, *ub = NULL;
    size_t k;
    char buf[64];

    memset(res, 0, sizeof(*res));
    res->obj = res->bound = (double)NAN;
    start = jk_calloc((size_t)p->ncols + 1, sizeof(*start));
    fill = jk_calloc((size_t)p->ncols + 1, sizeof(int));
    rowix = jk_malloc((p->nnz + 1) * sizeof(int));
    val = jk_malloc((p->nnz + 1) * sizeof(double));
    rlo = jk_malloc(((size_t)p->nrows + 1) * sizeof(double));
    rhi = jk_malloc(((size_t)p->nrows + 1) * sizeof(double));
    lb = jk_malloc(((size_t)p->ncols + 1) * sizeof(double));
    ub = jk_malloc(((size_t)p->ncols + 1) * sizeof(double));
    if (!start || !fill || !rowix || !val || !rlo || !rhi || !lb || !ub) {
        rc = JK_ENOMEM;
        goto done;
    }
    for (k = 0; k < p->nnz; k++)
        start[p->idx[k] + 1]++;
    for (j = 0; j < p->ncols; j++)
        start[j + 1] += start[j];
    for (i = 0; i < p->nrows; i++)
        for (k = p->rstart[i]; k < p->rstart[i + 1]; k++) {
            int c = p->idx[k];
            CoinBigIndex at = start[c] + fill[c]++;
            rowix[at] = i;
            val[at] = p->val[k];
        }
    /* CBC's infinity is COIN_DBL_MAX. */
    for (i = 0; i < p->nrows; i++) {
        rlo[i] = isfinite(p->rlo[i]) ? p->rlo[i] : -1.7976931348623157e308;
        rhi[i] = isfinite(p->rhi[i]) ? p->rhi[i] : 1.7976931348623157e308;
    }
    for (j = 0; j < p->ncols; j++) {
        lb[j] = isfinite(p->lb[j]) ? p->lb[j] : -1.7976931348623157e308;
        ub[j] = isfinite(p->ub[j]) ? p->ub[j] : 1.7976931348623157e308;
    }
    m = Cbc_newModel();
    if (!m) {
        rc = JK_ENOMEM;
        goto done;
    }
    Cbc_loadProblem(m, p->ncols, p->nrows, start, rowix, val, lb, ub, p->obj,
                    rlo, rhi);
    for (j = 0; j < p->ncols; j++)
        if (p->is_int[j]) {
            Cbc_setInteger(m, j);
            nint++;
        }
    Cbc_setLogLevel(m, par->log_level);
    if (par->log_level <= 0)
        Cbc_setParameter(m, "slog", "0");
    Cbc_setParameter(m, "threads", "0");
    Cbc_setAllowableFractionGap(m, par->rel_gap > 0 ? par->rel_gap : 1e-9);
    Cbc_setAllowableGap(m, 1e-7);
    if (par->time_limit > 0) {
        Cbc_setParameter(m, "timeMode", "elapsed");
        jk_snprintf(buf, sizeof(buf), "%.3f", par->time_limit);
        Cbc_setParameter(m, "seconds", buf);
        /* CBC 2.10 can crash in CglPreProcess::postProcess, or return
         * an unpolished infeasible iterate, when the clock runs out
         * (coin-or/Cbc#353, PR #794): no preprocessing under a limit. */
        Cbc_setParameter(m, "preprocess", "off");
    }
    if (par->start && nint > 0) {
        sidx = jk_malloc((size_t)p->ncols * sizeof(int));
        if (!sidx) {
            rc = JK_ENOMEM;
            goto done;
        }
        for (j = 0; j < p->ncols; j++)
            sidx[j] = j;
        Cbc_setMIPStartI(m, p->ncols, sidx, par->start);
    }
    Cbc_solve(m);
    if (Cbc_isProvenInfeasible(m) ||
        (nint == 0 && Cbc_isInitialSolveProvenPrimalInfeasible(m))) {
        res->status = JK__MILP_INFEASIBLE;
        goto done;
    }
    if (Cbc_isContinuousUnbounded(m)) {
        res->status = JK__MILP_UNBOUNDED;
        goto done;
    }
    {
        const double *x = nint ? Cbc_bestSolution(m) : Cbc_getColSolution(m);
        if (nint == 0 && !Cbc_isProvenOptimal(m) &&
            !Cbc_isInitialSolveProvenOptimal(m))
            x = NULL;
        if (x && !feasible(p, x))
            x = NULL;
        if (x) {
            res->x = jk_malloc(((size_t)p->ncols + 1) * sizeof(double));
            if (!res->x) {
                rc = JK_ENOMEM;
                goto done;
            }
            memcpy(res->x, x, (size_t)p->ncols * sizeof(double));
            res->obj = Cbc_getObjValue(m) + p->obj_offset;
        }
    }
    res->nodes = Cbc_getNodeCount(m);
    if (Cbc_isProvenOptimal(m) && res->x) {
        res->status = JK__MILP_OPTIMAL;
        res->bound = res->obj;
    } else if (nint == 0 && res->x) {
        res->status = JK__MILP_OPTIMAL;
        res->bound = res->obj;
    } else if (Cbc_isAbandoned(m)) {
        rc = jk_err_set(err, JK_EINTERNAL, "", "CBC abandoned the solve");
    } else {
        res->status = res->x ? JK__MILP_FEASIBLE : JK__MILP_NOSOL;
        res->bound = Cbc_getBestPossibleObjValue(m) + p->obj_offset;
        if (!res->x && !Cbc_isSecondsLimitReached(m) &&
            !Cbc_isNodeLimitReached(m))
            res->status = JK__MILP_INFEASIBLE;
    }
done:
    if (m)
        Cbc_deleteModel(m);
    jk_free(start);
    jk_free(fill);
    jk_free(rowix);
    jk_free(val);
    jk_free(rlo);
    jk_free(rhi);
    jk_free(lb);
    jk_free(ub);
    jk_free(sidx);
    if (rc && res->x) {
        jk_free(res->x);
        res->x = NULL;
    }
    return rc;
}

const jk__milp_solver jk__milp_cbc = {"cbc", cbc_solve};
