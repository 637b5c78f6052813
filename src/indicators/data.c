/*
 * The indicators data set: records, their validation, and the value
 * sets the frameworks fill.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "indicators/ind_int.h"

/* ---- routes ---- */

static const struct {
    const char *route;
    ind_fate fate;
} fates[] = {
    {"reuse", FATE_REUSE},
    {"recycling", FATE_RECYCLE},
    {"chemical_recycling", FATE_RECYCLE},
    {"composting", FATE_ORGANIC},
    {"biogas", FATE_ORGANIC},
    {"solid_fuel", FATE_ENERGY},
    {"incineration_power", FATE_ENERGY},
    {"incineration_heat", FATE_ENERGY},
    {"incineration", FATE_INCINERATION},
    {"reduction", FATE_INCINERATION},
    {"landfill", FATE_LANDFILL},
    {"export", FATE_OTHER_DISPOSAL},
    {"dissipative", FATE_OTHER_DISPOSAL},
    {"return", FATE_OTHER_DISPOSAL},
    {"unknown", FATE_OTHER_DISPOSAL}, /* end of life not known */
};

ind_fate ind_route_fate(const char *route)
{
    size_t i;
    for (i = 0; i < sizeof(fates) / sizeof(fates[0]); i++)
        if (strcmp(fates[i].route, route) == 0)
            return fates[i].fate;
    return FATE_NONE;
}

bool ind_fate_circular(ind_fate f)
{
    return f == FATE_REUSE || f == FATE_RECYCLE || f == FATE_ORGANIC;
}

static const char *route_list(void)
{
    return "reuse, recycling, chemical_recycling, composting, biogas, "
           "solid_fuel, incineration_power, incineration_heat, "
           "incineration, reduction, landfill, export, dissipative, return, "
           "unknown";
}

/* ---- the data set ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct mat_ctx {
    jk_ind_data *d;
    size_t cap;
} mat_ctx;

static int on_material(void *ctx, const jk_csv_row *r)
{
    mat_ctx *m = ctx;
    jk_ind_data *d = m->d;
    char *code;
    if (d->n_materials == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        char **p = jk_realloc(d->materials, cap * sizeof(*p));
        if (!p)
            return JK_ENOMEM;
        d->materials = p;
        m->cap = cap;
    }
    code = jk_arena_strdup(d->a, jk_csv_get(r, "code"));
    if (!code)
        return JK_ENOMEM;
    d->materials[d->n_materials++] = code;
    return JK_OK;
}

jk_ind_data *jk_ind_data_new(void)
{
    jk_ind_data *d = jk_calloc(1, sizeof(*d));
    mat_ctx m;
    const char *csv;
    size_t len = 0;

    if (!d)
        return NULL;
    d->a = jk_arena_new(16384);
    if (!d->a) {
        jk_free(d);
        return NULL;
    }
    jk_ind_company_init(&d->company);
    m.d = d;
    m.cap = 0;
    csv = jk_embedded_find("materials.csv", &len);
    if (!csv || jk_csv_read_mem("materials.csv", csv, len, on_material, &m,
                                NULL) != JK_OK) {
        jk_ind_data_free(d);
        return NULL;
    }
    qsort(d->materials, d->n_materials, sizeof(char *), cmp_str);
    return d;
}

void jk_ind_data_free(jk_ind_data *d)
{
    if (!d)
        return;
    jk_free(d->in);
    jk_free(d->out);
    jk_free(d->prod);
    jk_free(d->bom);
    jk_free(d->tg);
    jk_free(d->materials);
    jk_arena_free(d->a);
    jk_free(d);
}

void jk_ind_company_init(jk_ind_company *c)
{
    memset(c, 0, sizeof(*c));
    c->id = c->name = c->period = c->currency = "";
    c->revenue = c->energy_mwh = c->renewable_mwh = (double)NAN;
    c->water_in_m3 = c->water_in_circ_m3 = (double)NAN;
    c->water_out_m3 = c->water_out_circ_m3 = (double)NAN;
    c->waste_reported = -1;
}

bool ind_material_known(const jk_ind_data *d, const char *code)
{
    return bsearch(&code, d->materials, d->n_materials, sizeof(char *),
                   cmp_str) != NULL;
}

const jk_ind_product *ind_product(const jk_ind_data *d, const char *id)
{
    size_t i;
    for (i = 0; i < d->n_prod; i++)
        if (strcmp(d->prod[i].id, id) == 0)
            return &d->prod[i];
    return NULL;
}

/* Grow an array of n elements of size sz to hold one more. */
static int grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    void *p;
    size_t c;
    if (n < *cap)
        return JK_OK;
    c = *cap ? *cap * 2 : 16;
    p = jk_realloc(*arr, c * sz);
    if (!p)
        return JK_ENOMEM;
    *arr = p;
    *cap = c;
    return JK_OK;
}

static const char *dup(jk_ind_data *d, const char *s, bool *oom)
{
    char *c = jk_arena_strdup(d->a, s ? s : "");
    if (!c)
        *oom = true;
    return c ? c : "";
}

#define SUM_EPS 1e-9

static int frac(const char *field, double v, jk_err *err)
{
    if (!(v >= 0 && v <= 1))
        return jk_err_set(err, JK_EPARSE, field,
                          "must be a fraction between 0 and 1, got %g", v);
    return JK_OK;
}

/* A fraction that may be absent (NAN). */
static int frac_opt(const char *field, double v, jk_err *err)
{
    return isnan(v) ? JK_OK : frac(field, v, err);
}

static int nonneg(const char *field, double v, jk_err *err)
{
    if (!isnan(v) && !(v >= 0 && isfinite(v)))
        return jk_err_set(err, JK_EPARSE, field,
                          "must be a number >= 0, got %g", v);
    return JK_OK;
}

static int material(const jk_ind_data *d, const char *code, jk_err *err)
{
    if (!code || !*code)
        return jk_err_set(err, JK_EPARSE, "material", "required");
    if (!ind_material_known(d, code))
        return jk_err_set(err, JK_EPARSE, "material",
                          "unknown material code \"%s\" (see `junkan show "
                          "materials`)",
                          code);
    return JK_OK;
}

static int mass(const char *field, jk_mass m, jk_err *err)
{
    if (m < 0)
        return jk_err_set(err, JK_EPARSE, field, "must not be negative");
    return JK_OK;
}

int jk_ind_set_company(jk_ind_data *d, const jk_ind_company *c, jk_err *err)
{
    bool oom = false;
    int rc;
    if (d->has_company)
        return jk_err_set(err, JK_EPARSE, "company",
                          "given twice: one company per data set");
    if (!c->id || !*c->id)
        return jk_err_set(err, JK_EPARSE, "id", "required");
    if ((rc = nonneg("revenue", c->revenue, err)) ||
        (rc = nonneg("energy_mwh", c->energy_mwh, err)) ||
        (rc = nonneg("renewable_mwh", c->renewable_mwh, err)) ||
        (rc = nonneg("water_in_m3", c->water_in_m3, err)) ||
        (rc = nonneg("water_in_circular_m3", c->water_in_circ_m3, err)) ||
        (rc = nonneg("water_out_m3", c->water_out_m3, err)) ||
        (rc = nonneg("water_out_circular_m3", c->water_out_circ_m3, err)))
        return rc;
    if (c->renewable_mwh > c->energy_mwh)
        return jk_err_set(err, JK_EPARSE, "renewable_mwh",
                          "%g exceeds the total energy_mwh %g",
                          c->renewable_mwh, c->energy_mwh);
    if (c->water_in_circ_m3 > c->water_in_m3)
        return jk_err_set(err, JK_EPARSE, "water_in_circular_m3",
                          "exceeds water_in_m3");
    if (c->water_out_circ_m3 > c->water_out_m3)
        return jk_err_set(err, JK_EPARSE, "water_out_circular_m3",
                          "exceeds water_out_m3");
    d->company = *c;
    d->company.id = dup(d, c->id, &oom);
    d->company.name = dup(d, c->name, &oom);
    d->company.period = dup(d, c->period, &oom);
    d->company.currency = dup(d, c->currency, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->has_company = true;
    return JK_OK;
}

int jk_ind_add_inflow(jk_ind_data *d, const jk_ind_inflow *in, jk_err *err)
{
    jk_ind_inflow *p;
    bool oom = false;
    double sum;
    int rc;

    if ((rc = material(d, in->material, err)) ||
        (rc = mass("mass", in->mass, err)) ||
        (rc = frac("reused", in->reused, err)) ||
        (rc = frac("recycled", in->recycled, err)) ||
        (rc = frac("renewable", in->renewable, err)) ||
        (rc = frac("biological", in->biological, err)) ||
        (rc = frac("bio_sustainable", in->bio_sustainable, err)))
        return rc;
    sum = in->reused + in->recycled + in->renewable;
    if (sum > 1 + SUM_EPS)
        return jk_err_set(err, JK_EPARSE, "renewable",
                          "reused + recycled + renewable = %g exceeds 1 "
                          "(renewable counts the virgin part only)",
                          sum);
    if (in->bio_sustainable > in->biological + SUM_EPS)
        return jk_err_set(err, JK_EPARSE, "bio_sustainable",
                          "%g exceeds the biological share %g",
                          in->bio_sustainable, in->biological);
    if (grow((void **)&d->in, &d->cap_in, d->n_in, sizeof(*d->in)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    p = &d->in[d->n_in];
    *p = *in;
    p->material = dup(d, in->material, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->n_in++;
    return JK_OK;
}

int jk_ind_add_outflow(jk_ind_data *d, const jk_ind_outflow *o, jk_err *err)
{
    jk_ind_outflow *p;
    bool oom = false;
    int rc;

    if ((rc = material(d, o->material, err)) ||
        (rc = mass("mass", o->mass, err)) ||
        (rc = frac("recovery_potential", o->recovery_potential, err)) ||
        (rc = frac("recyclable", o->recyclable, err)))
        return rc;
    if ((unsigned)o->kind > JK_OUT_WASTE)
        return jk_err_set(err, JK_EPARSE, "kind", "invalid outflow kind");
    if (!o->route || !*o->route)
        return jk_err_set(err, JK_EPARSE, "route",
                          "required: where the stream goes (%s)", route_list());
    if (ind_route_fate(o->route) == FATE_NONE)
        return jk_err_set(err, JK_EPARSE, "route",
                          "\"%s\" is not a treatment route; use one of %s",
                          o->route, route_list());
    if (grow((void **)&d->out, &d->cap_out, d->n_out, sizeof(*d->out)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    p = &d->out[d->n_out];
    *p = *o;
    p->stream = dup(d, o->stream, &oom);
    p->material = dup(d, o->material, &oom);
    p->route = dup(d, o->route, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->n_out++;
    return JK_OK;
}

int jk_ind_add_product(jk_ind_data *d, const jk_ind_product *pr, jk_err *err)
{
    jk_ind_product *p;
    bool oom = false;
    int rc;

    if (!pr->id || !*pr->id)
        return jk_err_set(err, JK_EPARSE, "product", "required");
    if (ind_product(d, pr->id))
        return jk_err_set(err, JK_EPARSE, "product", "\"%s\" is given twice",
                          pr->id);
    if ((rc = nonneg("units", pr->units, err)) ||
        (rc = nonneg("revenue", pr->revenue, err)) ||
        (rc = nonneg("reparability", pr->reparability, err)))
        return rc;
    if (!isnan(pr->lifetime) && !(pr->lifetime > 0))
        return jk_err_set(err, JK_EPARSE, "lifetime", "must be > 0");
    if (!isnan(pr->industry_lifetime) && !(pr->industry_lifetime > 0))
        return jk_err_set(err, JK_EPARSE, "industry_lifetime", "must be > 0");
    if (!isnan(pr->intensity) && !(pr->intensity > 0))
        return jk_err_set(err, JK_EPARSE, "intensity", "must be > 0");
    if (!isnan(pr->industry_intensity) && !(pr->industry_intensity > 0))
        return jk_err_set(err, JK_EPARSE, "industry_intensity", "must be > 0");
    if (isnan(pr->lifetime) != isnan(pr->industry_lifetime))
        return jk_err_set(err, JK_EPARSE,
                          isnan(pr->lifetime) ? "lifetime"
                                              : "industry_lifetime",
                          "give lifetime and industry_lifetime together");
    if (isnan(pr->intensity) != isnan(pr->industry_intensity))
        return jk_err_set(err, JK_EPARSE,
                          isnan(pr->intensity) ? "intensity"
                                               : "industry_intensity",
                          "give intensity and industry_intensity together");
    if (grow((void **)&d->prod, &d->cap_prod, d->n_prod, sizeof(*d->prod)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    p = &d->prod[d->n_prod];
    *p = *pr;
    p->id = dup(d, pr->id, &oom);
    p->name = dup(d, pr->name, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->n_prod++;
    return JK_OK;
}

int jk_ind_add_bom(jk_ind_data *d, const jk_ind_bom *b, jk_err *err)
{
    jk_ind_bom *p;
    bool oom = false;
    double s;
    int rc;

    if (!b->product || !ind_product(d, b->product))
        return jk_err_set(err, JK_EPARSE, "product",
                          "unknown product \"%s\" (not in products)",
                          b->product ? b->product : "");
    if ((rc = material(d, b->material, err)) ||
        (rc = mass("mass", b->mass, err)) || (rc = frac("fr", b->fr, err)) ||
        (rc = frac("fu", b->fu, err)) || (rc = frac("fs", b->fs, err)) ||
        (rc = frac("cr", b->cr, err)) || (rc = frac("cu", b->cu, err)) ||
        (rc = frac("cc", b->cc, err)) || (rc = frac("ce", b->ce, err)) ||
        (rc = frac_opt("ef", b->ef, err)) || (rc = frac_opt("ec", b->ec, err)))
        return rc;
    if ((s = b->fr + b->fu + b->fs) > 1 + SUM_EPS)
        return jk_err_set(err, JK_EPARSE, "fs", "fr + fu + fs = %g exceeds 1",
                          s);
    if ((s = b->cr + b->cu + b->cc + b->ce) > 1 + SUM_EPS)
        return jk_err_set(err, JK_EPARSE, "ce",
                          "cr + cu + cc + ce = %g exceeds 1", s);
    if (b->fr > 0 && !(b->ef > 0))
        return jk_err_set(err, JK_EPARSE, "ef",
                          "the recycling efficiency of the feedstock must be "
                          "> 0 when fr > 0");
    if (b->cr > 0 && !(b->ec > 0))
        return jk_err_set(err, JK_EPARSE, "ec",
                          "the end-of-use recycling efficiency must be > 0 "
                          "when cr > 0");
    if (grow((void **)&d->bom, &d->cap_bom, d->n_bom, sizeof(*d->bom)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    p = &d->bom[d->n_bom];
    *p = *b;
    p->product = dup(d, b->product, &oom);
    p->material = dup(d, b->material, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->n_bom++;
    return JK_OK;
}

int jk_ind_add_target(jk_ind_data *d, const jk_ind_target *t, jk_err *err)
{
    jk_ind_target *p;
    bool oom = false;
    if (!t->indicator || !strchr(t->indicator, '.'))
        return jk_err_set(err, JK_EPARSE, "indicator",
                          "expected framework.id (\"cti.circular_inflow\"), "
                          "got \"%s\"",
                          t->indicator ? t->indicator : "");
    if (!isfinite(t->value))
        return jk_err_set(err, JK_EPARSE, "value", "expected a number");
    if (grow((void **)&d->tg, &d->cap_tg, d->n_tg, sizeof(*d->tg)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    p = &d->tg[d->n_tg];
    *p = *t;
    p->indicator = dup(d, t->indicator, &oom);
    p->year = dup(d, t->year, &oom);
    if (oom)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->n_tg++;
    return JK_OK;
}

int jk_ind_data_check(const jk_ind_data *d, jk_err *err)
{
    size_t i, j;
    if (!d->has_company)
        return jk_err_set(err, JK_EPARSE, "company",
                          "missing: the data set names no company");
    for (i = 0; i < d->n_prod; i++) {
        for (j = 0; j < d->n_bom; j++)
            if (strcmp(d->bom[j].product, d->prod[i].id) == 0)
                break;
        if (j == d->n_bom)
            return jk_err_set(err, JK_EPARSE, "bom",
                              "product \"%s\" has no material rows",
                              d->prod[i].id);
    }
    return JK_OK;
}

const jk_ind_company *jk_ind_get_company(const jk_ind_data *d)
{
    return &d->company;
}
size_t jk_ind_n_inflows(const jk_ind_data *d)
{
    return d->n_in;
}
size_t jk_ind_n_outflows(const jk_ind_data *d)
{
    return d->n_out;
}
size_t jk_ind_n_products(const jk_ind_data *d)
{
    return d->n_prod;
}

/* ---- value sets ---- */

void ind_set_init(jk_ind_set *s, const char *framework, const char *version,
                  const char *source)
{
    memset(s, 0, sizeof(*s));
    jk_strlcpy(s->framework, framework, sizeof(s->framework));
    jk_strlcpy(s->version, version, sizeof(s->version));
    jk_strlcpy(s->source, source, sizeof(s->source));
}

int ind_put(jk_ind_set *s, const char *id, const char *subject,
            jk_ind_unit unit, double value, const char *en, const char *ja,
            const char *note)
{
    jk_ind_value *v;
    if (grow((void **)&s->v, &s->cap, s->n, sizeof(*s->v)))
        return JK_ENOMEM;
    v = &s->v[s->n++];
    memset(v, 0, sizeof(*v));
    jk_strlcpy(v->framework, s->framework, sizeof(v->framework));
    jk_strlcpy(v->id, id, sizeof(v->id));
    jk_strlcpy(v->subject, subject ? subject : "", sizeof(v->subject));
    jk_strlcpy(v->label_en, en, sizeof(v->label_en));
    jk_strlcpy(v->label_ja, ja, sizeof(v->label_ja));
    jk_strlcpy(v->note, note ? note : "", sizeof(v->note));
    v->unit = unit;
    v->value = value;
    return JK_OK;
}

void jk_ind_set_free(jk_ind_set *s)
{
    if (!s)
        return;
    jk_free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

const jk_ind_value *jk_ind_set_get(const jk_ind_set *s, const char *id,
                                   const char *subject)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0 &&
            strcmp(s->v[i].subject, subject ? subject : "") == 0)
            return &s->v[i];
    return NULL;
}

const char *jk_ind_unit_name(jk_ind_unit u)
{
    static const char *const names[] = {"%",     "t",     "",      "years",
                                        "per t", "score", "t CO2e"};
    return (unsigned)u < sizeof(names) / sizeof(names[0]) ? names[u] : "?";
}

void jk_ind_opts_init(jk_ind_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->lfi = JK_LFI_EMF2015;
    o->mci_weight = JK_MCI_BY_REVENUE;
    o->energy_recovery = JK_ER_DISPOSAL;
    o->non_recycled = JK_NR_NOT_RECYCLED;
    o->esrs_version = "ESRS_2023_2772";
}

const char *jk_ind_get_source(const jk_ind_data *d)
{
    return d->source ? d->source : "";
}

int jk_ind_set_source(jk_ind_data *d, const char *source, jk_err *err)
{
    char *c = jk_arena_strdup(d->a, source ? source : "");
    if (!c)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    d->source = c;
    return JK_OK;
}
