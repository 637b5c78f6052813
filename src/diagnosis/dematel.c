/*
 * 構造分析: DEMATEL (Gabus & Fontela 1972) and ISM (Warfield 1974) over
 * a square matrix of direct influences between issues and needs.
 *
 * DEMATEL: N = A / s with s the largest row or column sum; total
 * relation T = N (I − N)^−1; D = row sums of T (influence given),
 * R = column sums (received); prominence D + R, relation D − R (> 0:
 * cause group, < 0: effect group).
 * ISM: the reachability matrix is the transitive closure (Warshall) of
 * (a_ij > threshold) with the identity; a factor belongs to the current
 * level when its reachable set within the remaining factors is a subset
 * of its antecedent set; levels are peeled from the top (1) down.
 */
#include <math.h>
#include <string.h>

#include "diagnosis/dg_int.h"

#define DG_MAX_FACTORS 200

void jk_dg_matrix_free(jk_dg_matrix *m)
{
    if (!m)
        return;
    dg_table_free(m->priv);
    jk_free(m->name);
    jk_free(m->a);
    jk_free(m);
}

int jk_dg_matrix_load_buffer(const char *name, const char *data, size_t len,
                             jk_dg_matrix **out, jk_err *err)
{
    dg_table *t = NULL;
    jk_dg_matrix *m = NULL;
    char where[JK_ERR_WHERE];
    size_t n, i, j;
    int rc;

    *out = NULL;
    if ((rc = dg_csv_parse(name, data, len, &t, err)))
        return rc;
    jk_snprintf(where, sizeof(where), "%s:1", name);
    if (t->ncol < 2) {
        rc = jk_err_set(err, JK_EPARSE, where,
                        "header: expected \",A,B,...\": an empty corner "
                        "cell and the factor names");
        goto fail;
    }
    n = t->ncol - 1;
    if (n > DG_MAX_FACTORS) {
        rc = jk_err_set(err, JK_ELIMIT, where, "more than %d factors",
                        DG_MAX_FACTORS);
        goto fail;
    }
    for (i = 1; i <= n; i++)
        if (t->head[i][0] == '\0') {
            rc = jk_err_set(err, JK_EPARSE, where,
                            "header: factor %zu has no name", i);
            goto fail;
        }
    if (t->nrow != n) {
        jk_snprintf(where, sizeof(where), "%s:%ld", name,
                    t->nrow ? t->row[t->nrow - 1].line : 1L);
        rc = jk_err_set(err, JK_EPARSE, where,
                        "matrix: not square: %zu factors in the header but "
                        "%zu rows",
                        n, t->nrow);
        goto fail;
    }
    m = jk_calloc(1, sizeof(*m));
    if (!m || !(m->name = jk_calloc(n, sizeof(*m->name))) ||
        !(m->a = jk_calloc(n * n, sizeof(*m->a)))) {
        rc = jk_err_set(err, JK_ENOMEM, name, "out of memory");
        goto fail;
    }
    m->n = n;
    for (i = 0; i < n; i++)
        m->name[i] = t->head[i + 1];
    for (i = 0; i < n; i++) {
        const char *rn = dg_cell(t, i, 0);
        if (t->row[i].n != n + 1) {
            rc = dg_fail(err, JK_EPARSE, t, i, "matrix",
                         "not square: row \"%s\" has %zu values, expected "
                         "%zu",
                         rn, t->row[i].n ? t->row[i].n - 1 : 0, n);
            goto fail;
        }
        if (strcmp(rn, m->name[i]) != 0) {
            rc = dg_fail(err, JK_EPARSE, t, i, "factor",
                         "row %zu is \"%s\" but column %zu is \"%s\"; rows "
                         "and columns must list the factors in the same "
                         "order",
                         i + 1, rn, i + 1, m->name[i]);
            goto fail;
        }
        for (j = 0; j < n; j++) {
            const char *s = dg_cell(t, i, (int)j + 1);
            double v = 0;
            if (s[0] != '\0' &&
                (jk_parse_double(s, &v) != JK_OK || !isfinite(v) || v < 0)) {
                rc = dg_fail(err, JK_EPARSE, t, i, m->name[j],
                             "expected a number 0 or more, got \"%s\"", s);
                goto fail;
            }
            if (i == j && v != 0) {
                rc = dg_fail(err, JK_EPARSE, t, i, m->name[j],
                             "the diagonal must be 0 (a factor does not "
                             "influence itself), got %s",
                             s);
                goto fail;
            }
            m->a[i * n + j] = v;
        }
    }
    m->priv = t;
    *out = m;
    return JK_OK;
fail:
    if (m)
        m->priv = NULL;
    jk_dg_matrix_free(m);
    dg_table_free(t);
    return rc;
}

int jk_dg_matrix_load(const char *path, jk_dg_matrix **out, jk_err *err)
{
    char *data;
    size_t len;
    int rc;
    *out = NULL;
    if ((rc = dg_read_file(path, &data, &len, err)))
        return rc;
    rc = jk_dg_matrix_load_buffer(path, data, len, out, err);
    jk_free(data);
    return rc;
}

void jk_dg_dematel_free(jk_dg_dematel *d)
{
    if (!d)
        return;
    jk_free(d->t);
    jk_free(d->d);
    jk_free(d->r);
    jk_free(d);
}

/* Invert the n×n matrix a in place into inv (Gauss-Jordan, partial
 * pivoting); false when singular. a is destroyed. */
static bool invert(double *a, double *inv, size_t n)
{
    size_t i, j, k;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            inv[i * n + j] = i == j ? 1.0 : 0.0;
    for (k = 0; k < n; k++) {
        size_t p = k;
        double piv;
        for (i = k + 1; i < n; i++)
            if (fabs(a[i * n + k]) > fabs(a[p * n + k]))
                p = i;
        if (fabs(a[p * n + k]) < 1e-12)
            return false;
        if (p != k)
            for (j = 0; j < n; j++) {
                double x = a[k * n + j];
                a[k * n + j] = a[p * n + j];
                a[p * n + j] = x;
                x = inv[k * n + j];
                inv[k * n + j] = inv[p * n + j];
                inv[p * n + j] = x;
            }
        piv = a[k * n + k];
        for (j = 0; j < n; j++) {
            a[k * n + j] /= piv;
            inv[k * n + j] /= piv;
        }
        for (i = 0; i < n; i++) {
            double f = a[i * n + k];
            if (i == k || f == 0)
                continue;
            for (j = 0; j < n; j++) {
                a[i * n + j] -= f * a[k * n + j];
                inv[i * n + j] -= f * inv[k * n + j];
            }
        }
    }
    return true;
}

int jk_dg_dematel_run(const jk_dg_matrix *m, double threshold,
                      jk_dg_dematel **out, jk_err *err)
{
    size_t n = m->n, i, j, k;
    jk_dg_dematel *d = jk_calloc(1, sizeof(*d));
    double *nn = NULL, *ia = NULL, *inv = NULL, s = 0, sum = 0;
    int rc = JK_OK;

    *out = NULL;
    if (!d || !(d->t = jk_calloc(n * n + 1, sizeof(double))) ||
        !(d->d = jk_calloc(n + 1, sizeof(double))) ||
        !(d->r = jk_calloc(n + 1, sizeof(double))) ||
        !(nn = jk_calloc(n * n + 1, sizeof(double))) ||
        !(ia = jk_calloc(n * n + 1, sizeof(double))) ||
        !(inv = jk_calloc(n * n + 1, sizeof(double)))) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    d->n = n;
    for (i = 0; i < n; i++) {
        double rs = 0, cs = 0;
        for (j = 0; j < n; j++) {
            rs += m->a[i * n + j];
            cs += m->a[j * n + i];
        }
        s = fmax(s, fmax(rs, cs));
    }
    if (!(s > 0)) {
        rc = jk_err_set(err, JK_ERANGE, NULL,
                        "matrix: every influence is 0; nothing to analyse");
        goto out;
    }
    d->s = s;
    for (i = 0; i < n * n; i++)
        nn[i] = m->a[i] / s;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            ia[i * n + j] = (i == j ? 1.0 : 0.0) - nn[i * n + j];
    if (!invert(ia, inv, n)) {
        rc = jk_err_set(err, JK_ERANGE, NULL,
                        "matrix: I - N is singular (a closed loop of "
                        "maximal influence); DEMATEL is not defined");
        goto out;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            double x = 0;
            for (k = 0; k < n; k++)
                x += nn[i * n + k] * inv[k * n + j];
            d->t[i * n + j] = x;
            d->d[i] += x;
            d->r[j] += x;
            sum += x;
        }
    d->threshold = isnan(threshold) ? sum / (double)(n * n) : threshold;
out:
    jk_free(nn);
    jk_free(ia);
    jk_free(inv);
    if (rc) {
        jk_dg_dematel_free(d);
        return rc;
    }
    *out = d;
    return JK_OK;
}

int jk_dg_dematel_svg(const jk_dg_matrix *m, const jk_dg_dematel *d, FILE *out,
                      jk_err *err)
{
    const double W = 640, H = 480, L = 70, R = 30, T = 30, B = 60;
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    double *px, *py;
    size_t n = d->n, i, j;

    px = jk_calloc(n + 1, sizeof(double));
    py = jk_calloc(n + 1, sizeof(double));
    if (!px || !py) {
        jk_free(px);
        jk_free(py);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    for (i = 0; i < n; i++) {
        double x = d->d[i] + d->r[i], y = d->d[i] - d->r[i];
        xmin = fmin(xmin, x);
        xmax = fmax(xmax, x);
        ymin = fmin(ymin, y);
        ymax = fmax(ymax, y);
    }
    ymax = fmax(fabs(ymin), fabs(ymax));
    if (!(ymax > 0))
        ymax = 1;
    ymin = -ymax;
    if (!(xmax > xmin)) {
        xmin -= 1;
        xmax += 1;
    }
    for (i = 0; i < n; i++) {
        px[i] = L + (d->d[i] + d->r[i] - xmin) / (xmax - xmin) * (W - L - R);
        py[i] = T + (ymax - (d->d[i] - d->r[i])) / (ymax - ymin) * (H - T - B);
    }
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n",
            W, H, W, H);
    fputs("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"10\" "
          "refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
          "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#888\"/>"
          "</marker></defs>\n",
          out);
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#444\"/>\n",
            L, T + (H - T - B) / 2, W - R, T + (H - T - B) / 2);
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#444\"/>\n",
            L, T, L, H - B);
    fprintf(out,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">D+R "
            "(prominence / 中心度)</text>\n",
            (L + W - R) / 2, H - 20);
    fprintf(out,
            "<text x=\"15\" y=\"%.1f\" transform=\"rotate(-90 15 %.1f)\" "
            "text-anchor=\"middle\">D−R (relation / 原因度)</text>\n",
            (T + H - B) / 2, (T + H - B) / 2);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">cause / 原因群</text>\n", L + 5,
            T + 12);
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">effect / 結果群</text>\n", L + 5,
            H - B - 5);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            double t = d->t[i * n + j];
            if (i == j || !(t > d->threshold))
                continue;
            fprintf(out,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    "stroke=\"#888\" stroke-width=\"1.2\" "
                    "marker-end=\"url(#arr)\"><title>%.4f</title></line>\n",
                    px[i], py[i], px[j], py[j], t);
        }
    for (i = 0; i < n; i++) {
        bool cause = d->d[i] - d->r[i] > 0;
        fprintf(out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>\n"
                "<text x=\"%.1f\" y=\"%.1f\">",
                px[i], py[i], cause ? "#c0392b" : "#2471a3", px[i] + 8,
                py[i] - 8);
        jk_xml_escape(out, m->name[i]);
        fputs("</text>\n", out);
    }
    fputs("</svg>\n", out);
    jk_free(px);
    jk_free(py);
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}

int jk_dg_ism(const jk_dg_matrix *m, double threshold, int *level, int *nlevels,
              unsigned char *reach, jk_err *err)
{
    size_t n = m->n, i, j, k;
    unsigned char *r = jk_calloc(n * n + 1, 1);
    bool *done = jk_calloc(n + 1, sizeof(bool));
    int lv = 0;
    size_t left = n;

    if (!r || !done) {
        jk_free(r);
        jk_free(done);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (isnan(threshold))
        threshold = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            r[i * n + j] = i == j || m->a[i * n + j] > threshold;
    for (k = 0; k < n; k++) /* Warshall */
        for (i = 0; i < n; i++)
            if (r[i * n + k])
                for (j = 0; j < n; j++)
                    if (r[k * n + j])
                        r[i * n + j] = 1;
    while (left > 0) {
        size_t found = 0;
        bool *now = jk_calloc(n + 1, sizeof(bool));
        if (!now) {
            jk_free(r);
            jk_free(done);
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        }
        lv++;
        for (i = 0; i < n; i++) {
            bool ok = !done[i];
            for (j = 0; ok && j < n; j++)
                /* j reachable from i (and left) must also reach i */
                if (!done[j] && r[i * n + j] && !r[j * n + i])
                    ok = false;
            if (ok) {
                now[i] = true;
                found++;
            }
        }
        for (i = 0; i < n; i++)
            if (now[i]) {
                done[i] = true;
                level[i] = lv;
            }
        jk_free(now);
        left -= found;
        if (!found) /* cannot happen: a closure has a top */
            break;
    }
    if (reach)
        memcpy(reach, r, n * n);
    *nlevels = lv;
    jk_free(r);
    jk_free(done);
    return JK_OK;
}
