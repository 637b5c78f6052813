/*
 * The dense solver (LAPACKE). With A = [Ax Ay] the constraint matrix on
 * measured and unknown variables and c the constant part:
 *
 * 1. SVD of Ay = U S V'. Rank r. The rows of P = U(:, r:)' span the
 *    left null space of Ay: P Ay = 0, so B = P Ax, d = P c are the
 *    redundant constraints on the measurements alone (Cencic 2016).
 *    An unknown j is observable iff row j of V(:, r:) is zero.
 * 2. With Q = diag(sd^2) = S^2, the SVD of F = B S = U2 S2 V2' (rank r2)
 *    gives independent constraints whose covariance is diagonal, so
 *    in standardised units u = S^-1 x~:
 *        t   = V2r' u + S2r^-1 U2r' d        (standardised residuals)
 *        chi2 = t't,  dof = r2
 *        x^  = x~ - S V2r t
 *        var(x^_i) = sd_i^2 (1 - h_i),  var(a_i) = sd_i^2 h_i,
 *        h_i = sum_j V2r(i, j)^2   (h_i = 0: non-redundant)
 * 3. Observable unknowns: y = -Ay+ (Ax x^ + c), var(y) = diag(M Q^ M')
 *    with M = Ay+ Ax and Q^ = S (I - V2r V2r') S.
 */
#include <math.h>
#include <string.h>

#include <lapacke.h>

#include "mfa/reconcile_int.h"

#define EPS 1e-10

/* SVD of the m x n row-major matrix a (destroyed): thin (u m x k,
 * vt k x n, k = min(m, n)) or full (u m x m, vt n x n). Returns the
 * numerical rank; *info is LAPACK's, or -1000 when out of memory. */
static long svd(double *a, size_t m, size_t n, bool full, double *u, double *s,
                double *vt, int *info)
{
    size_t k = m < n ? m : n, i;
    double *superb, tol;
    long rank = 0;

    *info = 0;
    if (k == 0)
        return 0;
    superb = jk_malloc(k * sizeof(*superb));
    if (!superb) {
        *info = -1000;
        return 0;
    }
    *info =
        LAPACKE_dgesvd(LAPACK_ROW_MAJOR, full ? 'A' : 'S', full ? 'A' : 'S',
                       (lapack_int)m, (lapack_int)n, a, (lapack_int)n, s, u,
                       (lapack_int)(full ? m : k), vt, (lapack_int)n, superb);
    jk_free(superb);
    if (*info != 0)
        return 0;
    tol = (double)(m > n ? m : n) * 2.2e-16 * s[0];
    if (tol < 1e-12 * s[0])
        tol = 1e-12 * s[0];
    for (i = 0; i < k; i++)
        if (s[i] > tol && s[i] > 1e-300)
            rank++;
    return rank;
}

int rc_dense(const rc_problem *p, const jk_mfa_opts *o, jk_mfa_result *res,
             jk_err *err)
{
    size_t k = p->nrows, n = p->nx, m = p->ny, i, j, l, kk;
    double *ax = NULL, *ay = NULL, *uy = NULL, *sy = NULL, *vty = NULL;
    double *b = NULL, *d = NULL, *f = NULL, *u2 = NULL, *s2 = NULL;
    double *vt2 = NULL, *t = NULL, *xhat = NULL, *ms = NULL, *msv = NULL;
    double *sd = NULL, *ua = NULL, cscale = 0;
    long r = 0, r2 = 0;
    int info = 0, rc = JK_ENOMEM;

    res->method = "dense";
    ax = jk_calloc(k * n + 1, sizeof(double));
    ay = jk_calloc(k * m + 1, sizeof(double));
    sd = jk_calloc(n + 1, sizeof(double));
    if (!ax || !ay || !sd)
        goto out;
    for (i = 0; i < p->ne; i++) {
        const rc_entry *e = &p->e[i];
        const rc_var *v = &p->vars[e->var];
        if (v->status == JK_MFA_UNKNOWN)
            ay[e->row * m + (size_t)v->col] += e->a;
        else if (v->status != JK_MFA_CONSTANT)
            ax[e->row * n + (size_t)v->col] += e->a;
    }
    for (i = 0; i < n; i++)
        sd[i] = p->vars[p->xvar[i]].sd;
    /* The scale of the constants, for telling a violated balance from
     * rounding. */
    for (i = 0; i < p->ne; i++)
        if (p->vars[p->e[i].var].status == JK_MFA_CONSTANT)
            cscale = fmax(cscale, fabs(p->e[i].a * p->vars[p->e[i].var].value));

    /* 1. Project the unknowns out. */
    kk = k;
    if (m > 0) {
        double *acopy = jk_malloc(k * m * sizeof(double));
        uy = jk_malloc(k * k * sizeof(double));
        sy = jk_calloc((k < m ? k : m) + 1, sizeof(double));
        vty = jk_malloc(m * m * sizeof(double));
        if (!acopy || !uy || !sy || !vty) {
            jk_free(acopy);
            goto out;
        }
        memcpy(acopy, ay, k * m * sizeof(double));
        r = svd(acopy, k, m, true, uy, sy, vty, &info);
        jk_free(acopy);
        if (info) {
            rc = info == -1000 ? JK_ENOMEM : JK_ERANGE;
            if (rc == JK_ERANGE)
                jk_err_set(err, rc, NULL,
                           "the SVD of the unknowns' constraints did not "
                           "converge");
            goto out;
        }
        kk = k - (size_t)r;
    }
    b = jk_calloc(kk * n + 1, sizeof(double));
    d = jk_calloc(kk + 1, sizeof(double));
    if (!b || !d)
        goto out;
    for (l = 0; l < kk; l++) {
        /* Row l of P: column r + l of U (or e_l without unknowns). */
        for (i = 0; i < k; i++) {
            double pli = m > 0 ? uy[i * k + (size_t)r + l] : (i == l);
            if (pli == 0)
                continue;
            for (j = 0; j < n; j++)
                b[l * n + j] += pli * ax[i * n + j];
            d[l] += pli * p->c[i];
        }
    }

    /* Rounding in P leaves ~1e-17 where B and d are exactly zero: clear
     * it relative to the scale of the constraints, or it would pass for
     * a redundant constraint. */
    {
        double amax = 0, cmax = 0;
        for (i = 0; i < k * n; i++)
            amax = fmax(amax, fabs(ax[i]));
        for (i = 0; i < k; i++)
            cmax = fmax(cmax, fabs(p->c[i]));
        for (i = 0; i < kk * n; i++)
            if (fabs(b[i]) <= 1e-12 * amax)
                b[i] = 0;
        for (l = 0; l < kk; l++)
            if (fabs(d[l]) <= 1e-12 * cmax)
                d[l] = 0;
    }

    /* 2. Reconcile under B x + d = 0. */
    xhat = jk_malloc((n + 1) * sizeof(double));
    if (!xhat)
        goto out;
    for (j = 0; j < n; j++)
        xhat[j] = p->vars[p->xvar[j]].value;
    res->dof = 0;
    res->chi2 = 0;
    if (kk > 0 && n == 0) {
        for (l = 0; l < kk; l++) {
            if (fabs(d[l]) > 1e-9 * (1 + cscale)) {
                rc = jk_err_set(err, JK_ERANGE, NULL,
                                "constants violate a balance that no "
                                "measured flow can correct (check the "
                                "constant flows)");
                goto out;
            }
        }
    }
    if (kk > 0 && n > 0) {
        size_t q = kk < n ? kk : n;
        double dnorm = 0, dres = 0;
        f = jk_malloc(kk * n * sizeof(double));
        u2 = jk_malloc(kk * q * sizeof(double));
        s2 = jk_calloc(q + 1, sizeof(double));
        vt2 = jk_malloc(q * n * sizeof(double));
        t = jk_calloc(q + 1, sizeof(double));
        if (!f || !u2 || !s2 || !vt2 || !t)
            goto out;
        for (l = 0; l < kk; l++)
            for (j = 0; j < n; j++)
                f[l * n + j] = b[l * n + j] * sd[j];
        r2 = svd(f, kk, n, false, u2, s2, vt2, &info);
        if (info) {
            rc = info == -1000 ? JK_ENOMEM : JK_ERANGE;
            if (rc == JK_ERANGE)
                jk_err_set(err, rc, NULL, "the SVD did not converge");
            goto out;
        }
        /* Constants alone must satisfy what the measurements cannot. */
        for (l = 0; l < kk; l++)
            dnorm += d[l] * d[l];
        {
            /* |d - U2r U2r' d|: the part of d no measurement reaches. */
            double *c2 = jk_calloc((size_t)r2 + 1, sizeof(double));
            if (!c2)
                goto out;
            for (j = 0; j < (size_t)r2; j++)
                for (l = 0; l < kk; l++)
                    c2[j] += u2[l * q + j] * d[l];
            for (l = 0; l < kk; l++) {
                double proj = 0;
                for (j = 0; j < (size_t)r2; j++)
                    proj += u2[l * q + j] * c2[j];
                dres += (d[l] - proj) * (d[l] - proj);
            }
            jk_free(c2);
        }
        if (dres > 1e-18 * (dnorm + 1) && sqrt(dres) > 1e-9 * (1 + cscale)) {
            rc = jk_err_set(err, JK_ERANGE, NULL,
                            "constants violate a balance that no measured "
                            "flow can correct (check the constant flows)");
            goto out;
        }
        for (j = 0; j < (size_t)r2; j++) {
            double v2u = 0, u2d = 0;
            for (i = 0; i < n; i++)
                v2u += vt2[j * n + i] * (xhat[i] / sd[i]);
            for (l = 0; l < kk; l++)
                u2d += u2[l * q + j] * d[l];
            t[j] = v2u + u2d / s2[j];
            res->chi2 += t[j] * t[j];
        }
        res->dof = (int)r2;
        for (i = 0; i < n; i++) {
            double h = 0, a = 0;
            jk_mfa_estimate *e = &res->est[p->xvar[i]];
            for (j = 0; j < (size_t)r2; j++) {
                h += vt2[j * n + i] * vt2[j * n + i];
                a += vt2[j * n + i] * t[j];
            }
            a *= -sd[i];
            if (h > EPS) {
                xhat[i] += a;
                e->cls = JK_MFA_REDUNDANT;
                e->value = xhat[i];
                e->adjustment = a;
                e->sd = sd[i] * sqrt(h < 1 ? 1 - h : 0);
                e->z = fabs(a) / (sd[i] * sqrt(h));
            }
        }
    }

    /* 3. Unknowns from the adjusted measurements. */
    if (m > 0) {
        size_t q = k < m ? k : m;
        double *rhs = jk_calloc(k + 1, sizeof(double));
        double *w = jk_calloc(q + 1, sizeof(double));
        if (!rhs || !w) {
            jk_free(rhs);
            jk_free(w);
            goto out;
        }
        for (i = 0; i < k; i++) {
            rhs[i] = -p->c[i];
            for (j = 0; j < n; j++)
                rhs[i] -= ax[i * n + j] * xhat[j];
        }
        /* Ay+ = V_r S_r^-1 U_r'; M = Ay+ Ax; MS = M S. */
        ms = jk_calloc(m * n + 1, sizeof(double));
        msv = jk_calloc(m * ((size_t)r2 + 1) + 1, sizeof(double));
        if (!ms || !msv) {
            jk_free(rhs);
            jk_free(w);
            goto out;
        }
        ua = jk_calloc((size_t)r * n + 1, sizeof(double));
        if (!ua) {
            jk_free(rhs);
            jk_free(w);
            goto out;
        }
        for (l = 0; l < (size_t)r; l++) {
            double wl = 0;
            for (i = 0; i < k; i++) {
                double uil = uy[i * k + l];
                wl += uil * rhs[i];
                if (uil != 0)
                    for (j = 0; j < n; j++)
                        ua[l * n + j] += uil * ax[i * n + j];
            }
            w[l] = wl / sy[l];
        }
        for (j = 0; j < m; j++) {
            jk_mfa_estimate *e = &res->est[p->yvar[j]];
            double null = 0, y = 0, var = 0;
            for (l = (size_t)r; l < m; l++)
                null += vty[l * m + j] * vty[l * m + j];
            if (null > EPS) {
                e->cls = JK_MFA_UNOBSERVABLE;
                e->value = e->sd = (double)NAN;
                continue;
            }
            for (l = 0; l < (size_t)r; l++)
                y += vty[l * m + j] * w[l];
            /* Row j of M S, from UA = U_r' Ax. */
            for (i = 0; i < n; i++) {
                double mji = 0;
                for (l = 0; l < (size_t)r; l++)
                    mji += vty[l * m + j] / sy[l] * ua[l * n + i];
                ms[j * n + i] = mji * sd[i];
                var += ms[j * n + i] * ms[j * n + i];
            }
            if (vt2) {
                for (l = 0; l < (size_t)r2; l++) {
                    double c2 = 0;
                    for (i = 0; i < n; i++)
                        c2 += ms[j * n + i] * vt2[l * n + i];
                    msv[j * ((size_t)r2 + 1) + l] = c2;
                    var -= c2 * c2;
                }
            }
            e->cls = JK_MFA_OBSERVABLE;
            e->value = y;
            e->sd = sqrt(var > 0 ? var : 0);
        }
        jk_free(rhs);
        jk_free(w);
    }

    /* Full covariance on request. */
    if (o->covariance) {
        size_t nv = p->nvars, a2, b2;
        res->cov = jk_calloc(nv * nv + 1, sizeof(double));
        if (!res->cov)
            goto out;
        for (a2 = 0; a2 < nv; a2++) {
            for (b2 = 0; b2 < nv; b2++) {
                const rc_var *va = &p->vars[a2], *vb = &p->vars[b2];
                double v = 0;
                const double *ra, *rb;
                double ia[1], ib[1];
                size_t lim = r2 > 0 ? (size_t)r2 : 0;
                bool xa = va->col >= 0 && va->status != JK_MFA_UNKNOWN;
                bool xb = vb->col >= 0 && vb->status != JK_MFA_UNKNOWN;
                bool ya = va->status == JK_MFA_UNKNOWN;
                bool yb = vb->status == JK_MFA_UNKNOWN;
                if ((ya && res->est[a2].cls == JK_MFA_UNOBSERVABLE) ||
                    (yb && res->est[b2].cls == JK_MFA_UNOBSERVABLE)) {
                    res->cov[a2 * nv + b2] = (double)NAN;
                    continue;
                }
                if ((!xa && !ya) || (!xb && !yb))
                    continue; /* constants */
                (void)ia;
                (void)ib;
                /* Cov = G_a (I - V2r V2r') G_b' with G = S (x) or MS (y)
                 * in standardised coordinates; cov(x, y) takes the sign
                 * of y = -M x. */
                ra = xa ? NULL : &ms[(size_t)va->col * n];
                rb = xb ? NULL : &ms[(size_t)vb->col * n];
                for (i = 0; i < n; i++) {
                    double ga = xa ? ((size_t)va->col == i ? sd[i] : 0) : ra[i];
                    double gb = xb ? ((size_t)vb->col == i ? sd[i] : 0) : rb[i];
                    v += ga * gb;
                }
                for (l = 0; l < lim; l++) {
                    double pa = 0, pb = 0;
                    for (i = 0; i < n; i++) {
                        double ga =
                            xa ? ((size_t)va->col == i ? sd[i] : 0) : ra[i];
                        double gb =
                            xb ? ((size_t)vb->col == i ? sd[i] : 0) : rb[i];
                        pa += ga * vt2[l * n + i];
                        pb += gb * vt2[l * n + i];
                    }
                    v -= pa * pb;
                }
                if (xa != xb)
                    v = -v;
                res->cov[a2 * nv + b2] = v;
            }
        }
    }
    rc = JK_OK;
out:
    if (rc == JK_ENOMEM)
        jk_err_set(err, rc, NULL, "out of memory");
    jk_free(ax);
    jk_free(ay);
    jk_free(uy);
    jk_free(sy);
    jk_free(vty);
    jk_free(b);
    jk_free(d);
    jk_free(f);
    jk_free(u2);
    jk_free(s2);
    jk_free(vt2);
    jk_free(t);
    jk_free(xhat);
    jk_free(ms);
    jk_free(msv);
    jk_free(sd);
    jk_free(ua);
    return rc;
}
