/*
 * ESRS E5-4 and E5-5 datapoints (Commission Delegated Regulation (EU)
 * 2023/2772), keyed by paragraph. Labels and the list of datapoints of
 * each version are data (data/reference/esrs-e5.csv); the values are
 * computed here from the inflows, outflows and products.
 */
#include <math.h>
#include <string.h>

#include "core/embedded.h"
#include "indicators/ind_int.h"

typedef struct dp {
    char id[24];
    char unit[8];
    char en[112];
    char ja[112];
} dp;

typedef struct dp_list {
    const char *version;
    dp *v;
    size_t n, cap;
    char versions[128]; /* every version seen, ", "-separated */
} dp_list;

static int on_dp(void *ctx, const jk_csv_row *r)
{
    dp_list *l = ctx;
    const char *ver = jk_csv_get(r, "version");
    dp *p;
    if (!strstr(l->versions, ver)) {
        size_t n = strlen(l->versions);
        jk_snprintf(l->versions + n, sizeof(l->versions) - n, "%s%s",
                    n ? ", " : "", ver);
    }
    if (!l->version || strcmp(ver, l->version) != 0)
        return JK_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        dp *q = jk_realloc(l->v, cap * sizeof(*q));
        if (!q)
            return JK_ENOMEM;
        l->v = q;
        l->cap = cap;
    }
    p = &l->v[l->n++];
    jk_strlcpy(p->id, jk_csv_get(r, "id"), sizeof(p->id));
    jk_strlcpy(p->unit, jk_csv_get(r, "unit"), sizeof(p->unit));
    jk_strlcpy(p->en, jk_csv_get(r, "label_en"), sizeof(p->en));
    jk_strlcpy(p->ja, jk_csv_get(r, "label_ja"), sizeof(p->ja));
    return JK_OK;
}

static int load_dps(dp_list *l, jk_err *err)
{
    size_t len = 0;
    const char *csv = jk_embedded_find("esrs-e5.csv", &len);
    int rc;
    if (!csv)
        return jk_err_set(err, JK_EINTERNAL, NULL, "esrs-e5.csv not bundled");
    rc = jk_csv_read_mem("esrs-e5.csv", csv, len, on_dp, l, err);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return rc;
}

const char *jk_ind_esrs_versions(void)
{
    static char versions[128];
    dp_list l;
    memset(&l, 0, sizeof(l));
    if (load_dps(&l, NULL) == JK_OK)
        jk_strlcpy(versions, l.versions, sizeof(versions));
    jk_free(l.v);
    return versions;
}

/* Waste masses by ESRS category, in grams. */
typedef struct waste {
    jk_mass a, haz, radio;
    jk_mass b[3][2]; /* (i) reuse, (ii) recycling, (iii) other; [haz] */
    jk_mass c[3][2]; /* (i) incineration, (ii) landfill, (iii) other */
} waste;

static int sum_waste(const jk_ind_data *d, const jk_ind_opts *o, waste *w,
                     jk_err *err)
{
    size_t i;
    memset(w, 0, sizeof(*w));
    for (i = 0; i < d->n_out; i++) {
        const jk_ind_outflow *y = &d->out[i];
        jk_mass *slot;
        int h = y->hazardous ? 1 : 0;
        if (y->kind != JK_OUT_WASTE)
            continue;
        switch (ind_route_fate(y->route)) {
        case FATE_REUSE:
            slot = &w->b[0][h];
            break;
        case FATE_RECYCLE:
        case FATE_ORGANIC:
            slot = &w->b[1][h];
            break;
        case FATE_ENERGY:
            slot = o->energy_recovery == JK_ER_RECOVERY ? &w->b[2][h]
                                                        : &w->c[0][h];
            break;
        case FATE_INCINERATION:
            slot = &w->c[0][h];
            break;
        case FATE_LANDFILL:
            slot = &w->c[1][h];
            break;
        default:
            slot = &w->c[2][h];
            break;
        }
        if (jk_mass_add(*slot, y->mass, slot) ||
            jk_mass_add(w->a, y->mass, &w->a) ||
            (y->hazardous && jk_mass_add(w->haz, y->mass, &w->haz)) ||
            (y->radioactive && jk_mass_add(w->radio, y->mass, &w->radio)))
            return jk_err_set(err, JK_ERANGE, "mass", "waste total overflows");
    }
    return JK_OK;
}

static jk_mass sum2(const jk_mass v[2])
{
    return v[0] + v[1];
}

/* The computed value of a datapoint (or of one subject of it). */
typedef struct calc {
    const jk_ind_data *d;
    const jk_ind_opts *o;
    waste w;
    double in, in_secondary, bio, bio_sust;
    double prod, prod_recyclable, pack, pack_recyclable;
} calc;

static int put(jk_ind_set *out, const dp *p, const char *subject,
               jk_ind_unit unit, double v, const char *note)
{
    return ind_put(out, p->id, subject, unit, v, p->en, p->ja, note);
}

static int datapoint(calc *k, const dp *p, jk_ind_set *out)
{
    const waste *w = &k->w;
    jk_mass div = sum2(w->b[0]) + sum2(w->b[1]) + sum2(w->b[2]);
    jk_mass dis = sum2(w->c[0]) + sum2(w->c[1]) + sum2(w->c[2]);
    const char *id = p->id;
    size_t i;

    if (strcmp(id, "31a") == 0)
        return put(out, p, "", JK_IU_TONNES, k->in, "");
    if (strcmp(id, "31b") == 0)
        return put(out, p, "", JK_IU_SHARE, ind_div(k->bio_sust, k->bio),
                   k->bio > 0 ? "" : "no biological inflows");
    if (strcmp(id, "31c_t") == 0)
        return put(out, p, "", JK_IU_TONNES, k->in_secondary, "");
    if (strcmp(id, "31c_pct") == 0)
        return put(out, p, "", JK_IU_SHARE, ind_div(k->in_secondary, k->in),
                   k->in > 0 ? "" : "no inflows");
    if (strcmp(id, "36a") == 0 || strcmp(id, "36b") == 0) {
        for (i = 0; i < k->d->n_prod; i++) {
            const jk_ind_product *pr = &k->d->prod[i];
            int rc;
            if (id[2] == 'a')
                rc = put(out, p, pr->id, JK_IU_RATIO,
                         isnan(pr->lifetime)
                             ? (double)NAN
                             : pr->lifetime / pr->industry_lifetime,
                         isnan(pr->lifetime) ? "lifetime not given" : "");
            else
                rc = put(out, p, pr->id, JK_IU_SCORE, pr->reparability,
                         isnan(pr->reparability) ? "not given" : "");
            if (rc)
                return rc;
        }
        return JK_OK;
    }
    if (strcmp(id, "36c_products") == 0)
        return put(out, p, "", JK_IU_SHARE,
                   ind_div(k->prod_recyclable, k->prod),
                   k->prod > 0 ? "" : "no product outflows");
    if (strcmp(id, "36c_packaging") == 0)
        return put(out, p, "", JK_IU_SHARE,
                   ind_div(k->pack_recyclable, k->pack),
                   k->pack > 0 ? "" : "no packaging outflows");
    if (strcmp(id, "37a") == 0)
        return put(out, p, "", JK_IU_TONNES, ind_t(w->a), "");
    if (strcmp(id, "37b") == 0)
        return put(out, p, "", JK_IU_TONNES, ind_t(div), "");
    if (strcmp(id, "37b_haz") == 0 || strcmp(id, "37b_nonhaz") == 0) {
        int h = id[4] == 'h';
        return put(out, p, "", JK_IU_TONNES,
                   ind_t(w->b[0][h] + w->b[1][h] + w->b[2][h]), "");
    }
    if (strncmp(id, "37b_i", 5) == 0 || strncmp(id, "37c_i", 5) == 0) {
        /* 37b_i, 37b_ii, 37b_iii and the same for c */
        int n = (int)strlen(id + 4);
        const jk_mass(*arr)[2] = id[2] == 'b' ? w->b : w->c;
        if (n < 1 || n > 3)
            return JK_OK;
        if (put(out, p, "", JK_IU_TONNES, ind_t(sum2(arr[n - 1])), ""))
            return JK_ENOMEM;
        if (put(out, p, "hazardous", JK_IU_TONNES, ind_t(arr[n - 1][1]), ""))
            return JK_ENOMEM;
        return put(out, p, "non-hazardous", JK_IU_TONNES, ind_t(arr[n - 1][0]),
                   "");
    }
    if (strcmp(id, "37c") == 0)
        return put(out, p, "", JK_IU_TONNES, ind_t(dis),
                   k->o->energy_recovery == JK_ER_DISPOSAL
                       ? "incineration with energy recovery counted as "
                         "disposal"
                       : "");
    if (strcmp(id, "37c_haz") == 0 || strcmp(id, "37c_nonhaz") == 0) {
        int h = id[4] == 'h';
        return put(out, p, "", JK_IU_TONNES,
                   ind_t(w->c[0][h] + w->c[1][h] + w->c[2][h]), "");
    }
    if (strcmp(id, "37d_t") == 0 || strcmp(id, "37d_pct") == 0) {
        jk_mass nr = k->o->non_recycled == JK_NR_DISPOSAL
                         ? dis
                         : w->a - sum2(w->b[0]) - sum2(w->b[1]);
        const char *note = k->o->non_recycled == JK_NR_DISPOSAL
                               ? "read as waste directed to disposal"
                               : "read as generated minus prepared for "
                                 "reuse and recycled";
        if (id[4] == 't')
            return put(out, p, "", JK_IU_TONNES, ind_t(nr), note);
        return put(out, p, "", JK_IU_SHARE, ind_div(ind_t(nr), ind_t(w->a)),
                   w->a > 0 ? note : "no waste");
    }
    if (strcmp(id, "37_identity") == 0) {
        char note[160] = "";
        bool ok = w->a == div + dis;
        if (!ok)
            jk_snprintf(note, sizeof(note),
                        "generated %.6f t != diverted %.6f t + disposal %.6f t",
                        ind_t(w->a), ind_t(div), ind_t(dis));
        else if (k->d->company.waste_reported >= 0 &&
                 k->d->company.waste_reported != w->a) {
            ok = false;
            jk_snprintf(note, sizeof(note),
                        "reported total %.6f t != %.6f t in the waste rows",
                        ind_t(k->d->company.waste_reported), ind_t(w->a));
        }
        return put(out, p, "", JK_IU_RATIO, ok ? 1 : 0, note);
    }
    if (strcmp(id, "38") == 0) {
        /* waste by top-level material, in order of first appearance */
        for (i = 0; i < k->d->n_out; i++) {
            const jk_ind_outflow *y = &k->d->out[i];
            char top[48];
            const char *dot;
            double m = 0;
            size_t j;
            if (y->kind != JK_OUT_WASTE)
                continue;
            dot = strchr(y->material, '.');
            jk_snprintf(
                top, sizeof(top), "%.*s",
                (int)(dot ? (size_t)(dot - y->material) : strlen(y->material)),
                y->material);
            if (jk_ind_set_get(out, "38", top))
                continue;
            for (j = 0; j < k->d->n_out; j++) {
                const jk_ind_outflow *z = &k->d->out[j];
                size_t n = strlen(top);
                if (z->kind == JK_OUT_WASTE &&
                    strncmp(z->material, top, n) == 0 &&
                    (z->material[n] == 0 || z->material[n] == '.'))
                    m += ind_t(z->mass);
            }
            if (put(out, p, top, JK_IU_TONNES, m, ""))
                return JK_ENOMEM;
        }
        return JK_OK;
    }
    if (strcmp(id, "39_hazardous") == 0)
        return put(out, p, "", JK_IU_TONNES, ind_t(w->haz), "");
    if (strcmp(id, "39_radioactive") == 0)
        return put(out, p, "", JK_IU_TONNES, ind_t(w->radio), "");
    return put(out, p, "", JK_IU_RATIO, (double)NAN,
               "not computed by this version of junkan");
}

int jk_ind_esrs(const jk_ind_data *d, const jk_ind_opts *o, jk_ind_set *out,
                jk_err *err)
{
    dp_list l;
    calc k;
    size_t i;
    int rc;

    memset(&l, 0, sizeof(l));
    memset(&k, 0, sizeof(k));
    l.version = o->esrs_version ? o->esrs_version : "ESRS_2023_2772";
    if ((rc = load_dps(&l, err))) {
        jk_free(l.v);
        return rc;
    }
    if (l.n == 0) {
        rc = jk_err_set(err, JK_EINVAL, "version",
                        "unknown ESRS version \"%s\"; bundled: %s", l.version,
                        l.versions);
        jk_free(l.v);
        return rc;
    }
    k.d = d;
    k.o = o;
    if ((rc = sum_waste(d, o, &k.w, err))) {
        jk_free(l.v);
        return rc;
    }
    for (i = 0; i < d->n_in; i++) {
        const jk_ind_inflow *x = &d->in[i];
        double m = ind_t(x->mass);
        k.in += m;
        k.in_secondary += m * (x->reused + x->recycled);
        k.bio += m * x->biological;
        k.bio_sust += m * x->bio_sustainable;
    }
    for (i = 0; i < d->n_out; i++) {
        const jk_ind_outflow *y = &d->out[i];
        double m = ind_t(y->mass);
        if (y->kind == JK_OUT_PRODUCT) {
            k.prod += m;
            k.prod_recyclable += m * y->recyclable;
        } else if (y->kind == JK_OUT_PACKAGING) {
            k.pack += m;
            k.pack_recyclable += m * y->recyclable;
        }
    }
    ind_set_init(out, "ESRS-E5", l.version,
                 "Commission Delegated Regulation (EU) 2023/2772, ESRS E5 "
                 "Resource use and circular economy, E5-4 and E5-5");
    jk_snprintf(out->options, sizeof(out->options),
                "energy_recovery=%s; non_recycled=%s",
                o->energy_recovery == JK_ER_RECOVERY ? "recovery" : "disposal",
                o->non_recycled == JK_NR_DISPOSAL ? "disposal"
                                                  : "not_recycled");
    for (i = 0; i < l.n; i++)
        if (datapoint(&k, &l.v[i], out)) {
            jk_free(l.v);
            jk_ind_set_free(out);
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        }
    jk_free(l.v);
    return JK_OK;
}
