/*
 * The Ellen MacArthur Foundation Material Circularity Indicator, for a
 * product from its bill of materials and for the company.
 */
#include <math.h>
#include <string.h>

#include "indicators/ind_int.h"

int jk_ind_mci_product(const jk_ind_data *d, const char *product,
                       const jk_ind_opts *o, jk_mci_parts *out, jk_err *err)
{
    const jk_ind_product *p = ind_product(d, product);
    double m = 0, v = 0, w0 = 0, wf = 0, wc = 0, den, x = 1;
    size_t i;

    memset(out, 0, sizeof(*out));
    if (!p)
        return jk_err_set(err, JK_ENOTFOUND, "product", "no product \"%s\"",
                          product);
    /* Sum V, W0, WF, WC and M over the BOM; compute LFI once. */
    for (i = 0; i < d->n_bom; i++) {
        const jk_ind_bom *b = &d->bom[i];
        double mk;
        if (strcmp(b->product, product) != 0)
            continue;
        mk = (double)b->mass / 1000.0; /* kg */
        m += mk;
        v += mk * (1 - b->fr - b->fu - b->fs);
        w0 += mk * (1 - b->cr - b->cu - b->cc - b->ce);
        if (b->fr > 0)
            wf += mk * (1 - b->ef) * b->fr / b->ef;
        if (b->cr > 0)
            wc += mk * (1 - b->ec) * b->cr;
    }
    if (!(m > 0))
        return jk_err_set(err, JK_EPARSE, "bom",
                          "product \"%s\" has no mass in its bill of "
                          "materials",
                          product);
    out->m = m;
    out->v = v;
    out->w0 = w0;
    out->wf = wf;
    out->wc = wc;
    out->w = w0 + (wf + wc) / 2;
    den = o->lfi == JK_LFI_2M ? 2 * m : 2 * m + (wf - wc) / 2;
    out->lfi = (v + out->w) / den;
    if (!isnan(p->lifetime))
        x *= p->lifetime / p->industry_lifetime;
    if (!isnan(p->intensity))
        x *= p->intensity / p->industry_intensity;
    out->x = x;
    out->fx = 0.9 / x;
    out->mci = 1 - out->lfi * out->fx;
    if (out->mci < 0)
        out->mci = 0;
    return JK_OK;
}

int jk_ind_mci(const jk_ind_data *d, const jk_ind_opts *o, jk_ind_set *out,
               jk_err *err)
{
    double sw = 0, swm = 0;
    size_t i, j;
    int rc;

    ind_set_init(out, "MCI", o->lfi == JK_LFI_2M ? "EMF 2019" : "EMF 2015",
                 "Ellen MacArthur Foundation & Granta Design, Circularity "
                 "Indicators: Methodology (2015; 2019 revision)");
    jk_snprintf(out->options, sizeof(out->options), "lfi=%s; company weight=%s",
                o->lfi == JK_LFI_2M ? "2m (V+W)/2M"
                                    : "emf2015 (V+W)/(2M+(WF-WC)/2)",
                o->mci_weight == JK_MCI_BY_MASS ? "mass" : "revenue");
    for (i = 0; i < d->n_prod; i++) {
        const jk_ind_product *p = &d->prod[i];
        jk_mci_parts parts;
        double w;
        char note[96] = "";
        if ((rc = jk_ind_mci_product(d, p->id, o, &parts, err))) {
            jk_ind_set_free(out);
            return rc;
        }
        if (1 - parts.lfi * parts.fx < 0)
            jk_snprintf(note, sizeof(note),
                        "clipped at 0 (1 - LFI x F(X) = %.3f)",
                        1 - parts.lfi * parts.fx);
        if (ind_put(out, "lfi", p->id, JK_IU_RATIO, parts.lfi,
                    "Linear Flow Index", "線形フロー指数", "") ||
            ind_put(out, "utility", p->id, JK_IU_RATIO, parts.x,
                    "Utility X = (L/Lav)(U/Uav)", "効用 X", "") ||
            ind_put(out, "mci", p->id, JK_IU_RATIO, parts.mci,
                    "Material Circularity Indicator", "物質循環性指標 (MCI)",
                    note))
            goto oom;
        if (o->mci_weight == JK_MCI_BY_MASS) {
            w = 0;
            for (j = 0; j < d->n_bom; j++)
                if (strcmp(d->bom[j].product, p->id) == 0)
                    w += ind_t(d->bom[j].mass);
            w *= isnan(p->units) ? 0 : p->units;
        } else {
            w = isnan(p->revenue) ? 0 : p->revenue;
        }
        sw += w;
        swm += w * parts.mci;
    }
    if (ind_put(out, "mci_company", "", JK_IU_RATIO, ind_div(swm, sw),
                "Company MCI (weighted)", "企業 MCI（加重平均）",
                d->n_prod == 0                    ? "no products"
                : sw > 0                          ? ""
                : o->mci_weight == JK_MCI_BY_MASS ? "no product has units"
                                                  : "no product has revenue"))
        goto oom;
    return JK_OK;
oom:
    jk_ind_set_free(out);
    return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
}
