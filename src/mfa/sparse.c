/*
 * The sparse solver (SuiteSparse CHOLMOD), for systems too large for
 * dense algebra. Each flow touches at most two balances (and the
 * transfer coefficients of its process), so the constraint matrix is
 * very sparse.
 *
 * 1. Unknowns are eliminated by sparse Gaussian elimination on the
 *    constraint rows (fewest-occurrence unknown first, shortest pivot
 *    row); an unknown left in no row cannot be determined, and neither
 *    can one whose pivot row needs such an unknown.
 * 2. The remaining rows B x + d = 0 hold measurements only. With
 *    F = B S (S = diag(sd)) CHOLMOD factors P F F' P' = L L', and
 *        lambda = (F F')^-1 r,  r = B x~ + d,  chi2 = r' lambda,
 *        x^ = x~ - S F' lambda,
 *        var(a_i) = sd_i^2 |L^-1 P f_i|^2,  var(x^_i) = sd_i^2 - var(a_i).
 * 3. Observable unknowns by back substitution, each an affine function
 *    y = g + h' x^, with var(y) = |S h|^2 - |L^-1 P F S h|^2.
 *
 * Only variances are produced (no full covariance); dependent redundant
 * constraints (F F' singular) are reported with a pointer to the dense
 * method.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cholmod.h>

#include "mfa/reconcile_int.h"

typedef struct sp_ent {
    size_t var; /* variable index */
    double a;   /* coefficient */
} sp_ent;

typedef struct sp_row {
    sp_ent *e; /* sorted by var */
    size_t n, cap;
    double c;    /* constant part */
    bool active; /* still a constraint */
} sp_row;

typedef struct sp_elim {
    size_t var; /* the unknown */
    size_t row; /* its pivot row (kept, inactive) */
} sp_elim;

static int row_push(sp_row *r, size_t var, double a)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4;
        sp_ent *e = jk_realloc(r->e, cap * sizeof(*e));
        if (!e)
            return JK_ENOMEM;
        r->e = e;
        r->cap = cap;
    }
    r->e[r->n].var = var;
    r->e[r->n].a = a;
    r->n++;
    return JK_OK;
}

static int cmp_ent(const void *a, const void *b)
{
    size_t x = ((const sp_ent *)a)->var, y = ((const sp_ent *)b)->var;
    return x < y ? -1 : x > y;
}

/* Sort and merge duplicate variables, dropping tiny coefficients. */
static void row_norm(sp_row *r)
{
    size_t i, o = 0;
    if (r->n > 1)
        qsort(r->e, r->n, sizeof(*r->e), cmp_ent);
    for (i = 0; i < r->n; i++) {
        if (o > 0 && r->e[o - 1].var == r->e[i].var)
            r->e[o - 1].a += r->e[i].a;
        else
            r->e[o++] = r->e[i];
    }
    r->n = o;
    for (i = o = 0; i < r->n; i++)
        if (fabs(r->e[i].a) > 1e-12)
            r->e[o++] = r->e[i];
    r->n = o;
}

static double row_coef(const sp_row *r, size_t var)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->e[mid].var < var)
            lo = mid + 1;
        else if (r->e[mid].var > var)
            hi = mid;
        else
            return r->e[mid].a;
    }
    return 0;
}

/* dst -= f * src (both sorted); the result is sorted. */
static int row_axpy(sp_row *dst, const sp_row *src, double f)
{
    sp_row out = {NULL, 0, 0, dst->c - f * src->c, true};
    size_t i = 0, j = 0;
    int rc = JK_OK;
    while (rc == JK_OK && (i < dst->n || j < src->n)) {
        if (j >= src->n || (i < dst->n && dst->e[i].var < src->e[j].var)) {
            rc = row_push(&out, dst->e[i].var, dst->e[i].a);
            i++;
        } else if (i >= dst->n || src->e[j].var < dst->e[i].var) {
            rc = row_push(&out, src->e[j].var, -f * src->e[j].a);
            j++;
        } else {
            double a = dst->e[i].a - f * src->e[j].a;
            if (fabs(a) > 1e-12)
                rc = row_push(&out, dst->e[i].var, a);
            i++;
            j++;
        }
    }
    if (rc) {
        jk_free(out.e);
        return rc;
    }
    jk_free(dst->e);
    *dst = out;
    return JK_OK;
}

typedef struct occ {
    size_t var; /* unknown variable */
    size_t n;   /* rows it appears in initially */
} occ;

static int cmp_occ(const void *a, const void *b)
{
    const occ *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->var < y->var ? -1 : x->var > y->var;
}

int rc_sparse(const rc_problem *p, const jk_mfa_opts *o, jk_mfa_result *res,
              jk_err *err)
{
    size_t k = p->nrows, nv = p->nvars, n = p->nx, i, j, nelim = 0;
    sp_row *rows = NULL;
    sp_elim *elim = NULL;
    occ *order = NULL;
    double *val = NULL, *sd = NULL, *xt = NULL;
    char *state = NULL; /* per unknown: 0 pending, 1 free, 2 eliminated */
    size_t *active = NULL, nact = 0;
    cholmod_common cc;
    cholmod_triplet *T = NULL;
    cholmod_sparse *F = NULL, *PF = NULL, *Y = NULL;
    cholmod_factor *L = NULL;
    cholmod_dense *rd = NULL, *lam = NULL;
    int rc = JK_ENOMEM;
    bool started = false;
    double cscale = 0; /* largest constant term, for rounding tests */

    (void)o;
    res->method = "sparse";
    rows = jk_calloc(k + 1, sizeof(*rows));
    elim = jk_calloc(p->ny + 1, sizeof(*elim));
    order = jk_calloc(p->ny + 1, sizeof(*order));
    val = jk_calloc(nv + 1, sizeof(double));
    sd = jk_calloc(nv + 1, sizeof(double));
    state = jk_calloc(nv + 1, 1);
    active = jk_calloc(k + 1, sizeof(*active));
    if (!rows || !elim || !order || !val || !sd || !state || !active)
        goto out;
    for (i = 0; i < k; i++) {
        rows[i].c = p->c[i];
        rows[i].active = true;
    }
    for (i = 0; i < p->ne; i++) {
        const rc_entry *e = &p->e[i];
        if (p->vars[e->var].status == JK_MFA_CONSTANT)
            continue;
        if (row_push(&rows[e->row], e->var, e->a))
            goto out;
    }
    for (i = 0; i < k; i++)
        row_norm(&rows[i]);
    for (i = 0; i < nv; i++) {
        val[i] = p->vars[i].value;
        sd[i] = p->vars[i].sd;
    }
    for (i = 0; i < p->ne; i++)
        if (p->vars[p->e[i].var].status == JK_MFA_CONSTANT)
            cscale = fmax(cscale, fabs(p->e[i].a * p->vars[p->e[i].var].value));

    /* 1. Eliminate the unknowns, rarest first. */
    for (j = 0; j < p->ny; j++) {
        order[j].var = p->yvar[j];
        order[j].n = 0;
    }
    for (i = 0; i < p->ne; i++)
        if (p->vars[p->e[i].var].status == JK_MFA_UNKNOWN)
            order[p->vars[p->e[i].var].col].n++;
    if (p->ny > 1)
        qsort(order, p->ny, sizeof(*order), cmp_occ);
    for (j = 0; j < p->ny; j++) {
        size_t y = order[j].var, piv = k, r2;
        for (r2 = 0; r2 < k; r2++) {
            if (!rows[r2].active || row_coef(&rows[r2], y) == 0)
                continue;
            if (piv == k || rows[r2].n < rows[piv].n)
                piv = r2;
        }
        if (piv == k) {
            state[y] = 1; /* in no constraint: cannot be determined */
            continue;
        }
        rows[piv].active = false;
        elim[nelim].var = y;
        elim[nelim].row = piv;
        nelim++;
        state[y] = 2;
        for (r2 = 0; r2 < k; r2++) {
            double a;
            if (!rows[r2].active || (a = row_coef(&rows[r2], y)) == 0)
                continue;
            if (row_axpy(&rows[r2], &rows[piv], a / row_coef(&rows[piv], y)))
                goto out;
        }
    }

    /* 2. Weighted least squares on the rows left. */
    for (i = 0; i < k; i++) {
        if (!rows[i].active)
            continue;
        if (rows[i].n == 0) {
            if (fabs(rows[i].c) > 1e-9 * (1 + cscale)) {
                rc = jk_err_set(err, JK_ERANGE, p->rowname[i],
                                "constants violate a balance that no "
                                "measured flow can correct (off by %g t)",
                                rows[i].c);
                goto out;
            }
            continue;
        }
        active[nact++] = i;
    }
    cholmod_start(&cc);
    started = true;
    cc.final_ll = 1;
    cc.print = 0;
    res->dof = 0;
    res->chi2 = 0;
    if (nact > 0 && n > 0) {
        size_t nnz = 0, a, t;
        double *tx;
        int *ti, *tj;
        for (a = 0; a < nact; a++)
            nnz += rows[active[a]].n;
        T = cholmod_allocate_triplet(nact, n, nnz, 0, CHOLMOD_REAL, &cc);
        if (!T)
            goto out;
        ti = T->i;
        tj = T->j;
        tx = T->x;
        for (a = 0, t = 0; a < nact; a++) {
            const sp_row *r = &rows[active[a]];
            for (j = 0; j < r->n; j++, t++) {
                size_t v = r->e[j].var;
                ti[t] = (int)a;
                tj[t] = (int)p->vars[v].col;
                tx[t] = r->e[j].a * sd[v];
            }
        }
        T->nnz = t;
        F = cholmod_triplet_to_sparse(T, nnz, &cc);
        rd = cholmod_zeros(nact, 1, CHOLMOD_REAL, &cc);
        if (!F || !rd)
            goto out;
        for (a = 0; a < nact; a++) {
            const sp_row *r = &rows[active[a]];
            double s = r->c;
            for (j = 0; j < r->n; j++)
                s += r->e[j].a * val[r->e[j].var];
            ((double *)rd->x)[a] = s;
        }
        L = cholmod_analyze(F, &cc);
        if (!L || !cholmod_factorize(F, L, &cc))
            goto out;
        /* A zero or tiny pivot: dependent rows (cholmod_rcond is a cheap
         * estimate from the factor's diagonal). */
        if (cc.status == CHOLMOD_NOT_POSDEF || L->minor < L->n ||
            cholmod_rcond(L, &cc) < 1e-12) {
            rc = jk_err_set(err, JK_EUNSUPPORTED, NULL,
                            "the redundant constraints are linearly "
                            "dependent; use the dense method (--method "
                            "dense), which handles that");
            goto out;
        }
        lam = cholmod_solve(CHOLMOD_A, L, rd, &cc);
        if (!lam)
            goto out;
        for (a = 0; a < nact; a++)
            res->chi2 += ((double *)rd->x)[a] * ((double *)lam->x)[a];
        res->dof = (int)nact;
        /* x^ = x~ - S F' lambda; var(a_i) = sd_i^2 |L^-1 P f_i|^2, each
         * column solved on its own reach only (cholmod_solve2 with Bset
         * on a simplicial LL' factor): forming all of L^-1 P F would
         * cost O(columns x nnz(L)). */
        if (!cholmod_change_factor(CHOLMOD_REAL, 1, 0, 1, 1, L, &cc))
            goto out;
        {
            int *Fp = F->p, *Fi = F->i, *perm = L->Perm, *bsi, *bsp;
            double *Fx = F->x, *lx = lam->x, *bx;
            cholmod_dense *B = cholmod_zeros(nact, 1, CHOLMOD_REAL, &cc);
            cholmod_sparse *Bset = cholmod_allocate_sparse(
                nact, 1, nact, 1, 1, 0, CHOLMOD_PATTERN, &cc);
            cholmod_dense *X = NULL, *Wy = NULL, *We = NULL;
            cholmod_sparse *Xset = NULL;
            int *pinv = jk_malloc((nact + 1) * sizeof(int));
            bool ok = B && Bset && pinv;

            for (j = 0; ok && j < nact; j++)
                pinv[perm[j]] = (int)j;
            bx = B ? B->x : NULL;
            bsi = Bset ? Bset->i : NULL;
            bsp = Bset ? Bset->p : NULL;
            for (j = 0; ok && j < n; j++) {
                size_t v = p->xvar[j];
                jk_mfa_estimate *e = &res->est[v];
                double ftl = 0, h = 0, adj;
                int q, nb = 0, *xi, *xp;
                double *xx;
                if (Fp[j] == Fp[j + 1])
                    continue; /* non-redundant */
                for (q = Fp[j]; q < Fp[j + 1]; q++) {
                    ftl += Fx[q] * lx[Fi[q]];
                    bx[pinv[Fi[q]]] = Fx[q];
                    bsi[nb++] = pinv[Fi[q]];
                }
                bsp[0] = 0;
                bsp[1] = nb;
                if (!cholmod_solve2(CHOLMOD_L, L, B, Bset, &X, &Xset, &Wy, &We,
                                    &cc)) {
                    ok = false;
                    break;
                }
                xi = Xset->i;
                xp = Xset->p;
                xx = X->x;
                for (q = xp[0]; q < xp[1]; q++)
                    h += xx[xi[q]] * xx[xi[q]];
                for (q = 0; q < nb; q++)
                    bx[bsi[q]] = 0;
                adj = -sd[v] * ftl;
                val[v] += adj;
                e->cls = JK_MFA_REDUNDANT;
                e->value = val[v];
                e->adjustment = adj;
                e->sd = sd[v] * sqrt(h < 1 ? 1 - h : 0);
                e->z = h > 0 ? fabs(adj) / (sd[v] * sqrt(h)) : 0;
            }
            jk_free(pinv);
            cholmod_free_dense(&B, &cc);
            cholmod_free_sparse(&Bset, &cc);
            cholmod_free_dense(&X, &cc);
            cholmod_free_sparse(&Xset, &cc);
            cholmod_free_dense(&Wy, &cc);
            cholmod_free_dense(&We, &cc);
            if (!ok)
                goto out;
        }
    }

    /* 3. Back substitution, last eliminated first. */
    xt = jk_calloc(nact + 1, sizeof(double));
    if (!xt)
        goto out;
    {
        /* Each eliminated unknown is an affine function of the
         * measurements (h) and of the unknowns left in no row (the free
         * ones, coefficients fc). It is determined iff every fc
         * coefficient vanishes: dependencies on a free unknown may
         * cancel through a chain. Free unknowns count as 0 in val/h. */
        double **h = jk_calloc(nv + 1, sizeof(*h));
        double **fc = jk_calloc(nv + 1, sizeof(*fc));
        long *fidx = jk_malloc((nv + 1) * sizeof(*fidx));
        size_t nfree = 0;
        bool ok = h && fc && fidx;
        size_t q;
        for (i = 0; ok && i < nv; i++)
            fidx[i] = p->vars[i].status == JK_MFA_UNKNOWN && state[i] == 1
                          ? (long)nfree++
                          : -1;
        for (q = nelim; ok && q-- > 0;) {
            size_t y = elim[q].var;
            const sp_row *r = &rows[elim[q].row];
            double ay = row_coef(r, y), yv = -r->c, var = 0, fmax_ = 0;
            double cmax = 0;
            bool det = true;
            h[y] = jk_calloc(n + 1, sizeof(double));
            fc[y] = jk_calloc(nfree + 1, sizeof(double));
            if (!h[y] || !fc[y]) {
                ok = false;
                break;
            }
            for (j = 0; j < r->n; j++) {
                size_t v = r->e[j].var;
                double f = -r->e[j].a / ay;
                if (v == y)
                    continue;
                cmax = fmax(cmax, fabs(f));
                if (p->vars[v].status == JK_MFA_UNKNOWN) {
                    size_t k2;
                    if (fidx[v] >= 0) {
                        fc[y][fidx[v]] += f;
                        continue;
                    }
                    yv += -r->e[j].a * val[v];
                    for (i = 0; i < n; i++)
                        h[y][i] += f * h[v][i];
                    for (k2 = 0; k2 < nfree; k2++)
                        fc[y][k2] += f * fc[v][k2];
                } else {
                    yv += -r->e[j].a * val[v];
                    h[y][p->vars[v].col] += f;
                }
            }
            val[y] = yv / ay;
            for (i = 0; i < nfree; i++)
                fmax_ = fmax(fmax_, fabs(fc[y][i]));
            det = fmax_ <= 1e-9 * (1 + cmax);
            if (!det) {
                state[y] = 3; /* depends on a free unknown */
                continue;
            }
            for (i = 0; i < n; i++)
                var += h[y][i] * h[y][i] * sd[p->xvar[i]] * sd[p->xvar[i]];
            if (L && nact > 0) {
                cholmod_dense *tb = cholmod_zeros(nact, 1, CHOLMOD_REAL, &cc);
                cholmod_dense *pw = NULL, *w = NULL;
                if (!tb) {
                    ok = false;
                    break;
                }
                /* t = F (S h) */
                {
                    int *Fp = F->p, *Fi = F->i;
                    double *Fx = F->x, *tx = tb->x;
                    for (i = 0; i < n; i++) {
                        double shi = sd[p->xvar[i]] * h[y][i];
                        int qq;
                        if (shi == 0)
                            continue;
                        for (qq = Fp[i]; qq < Fp[i + 1]; qq++)
                            tx[Fi[qq]] += Fx[qq] * shi;
                    }
                }
                pw = cholmod_solve(CHOLMOD_P, L, tb, &cc);
                w = pw ? cholmod_solve(CHOLMOD_L, L, pw, &cc) : NULL;
                if (!w)
                    ok = false;
                else
                    for (i = 0; i < nact; i++)
                        var -= ((double *)w->x)[i] * ((double *)w->x)[i];
                cholmod_free_dense(&tb, &cc);
                cholmod_free_dense(&pw, &cc);
                cholmod_free_dense(&w, &cc);
                if (!ok)
                    break;
            }
            res->est[y].cls = JK_MFA_OBSERVABLE;
            res->est[y].value = val[y];
            res->est[y].sd = sqrt(var > 0 ? var : 0);
        }
        for (i = 0; h && i < nv; i++)
            jk_free(h[i]);
        for (i = 0; fc && i < nv; i++)
            jk_free(fc[i]);
        jk_free(h);
        jk_free(fc);
        jk_free(fidx);
        if (!ok)
            goto out;
        for (j = 0; j < p->ny; j++) {
            size_t y = p->yvar[j];
            if (state[y] != 2 || res->est[y].cls != JK_MFA_OBSERVABLE) {
                res->est[y].cls = JK_MFA_UNOBSERVABLE;
                res->est[y].value = res->est[y].sd = (double)NAN;
            }
        }
    }
    rc = JK_OK;
out:
    if (rc == JK_ENOMEM)
        jk_err_set(err, rc, NULL, "out of memory");
    if (started) {
        cholmod_free_triplet(&T, &cc);
        cholmod_free_sparse(&F, &cc);
        cholmod_free_sparse(&PF, &cc);
        cholmod_free_sparse(&Y, &cc);
        cholmod_free_factor(&L, &cc);
        cholmod_free_dense(&rd, &cc);
        cholmod_free_dense(&lam, &cc);
        cholmod_finish(&cc);
    }
    for (i = 0; rows && i < k; i++)
        jk_free(rows[i].e);
    jk_free(rows);
    jk_free(elim);
    jk_free(order);
    jk_free(val);
    jk_free(sd);
    jk_free(state);
    jk_free(active);
    jk_free(xt);
    return rc;
}
