/*
 * Emission factors per material and route, and the GHG effect of moving
 * tonnes between routes. Published factors come first (through the
 * material's parents); where none is bundled, incineration factors are
 * derived from the carbon content (IPCC 2006 Vol. 5 Eq. 5.2) and
 * landfill factors from the degradable organic carbon (IPCC 2006 Vol. 5
 * Ch. 3 defaults, lifetime CH4, no gas recovery).
 */
#include <math.h>
#include <string.h>

#include "core/embedded.h"
#include "indicators/ind_int.h"

typedef struct carbon {
    const char *material;
    double dm, cf, fcf, doc; /* doc NAN when not given */
    const char *source;
} carbon;

struct jk_ghg_table {
    jk_arena *a;
    jk_ghg_factor *f;
    size_t n, cap;
    carbon *c;
    size_t nc, capc;
};

/* IPCC 2006 Vol. 5 Ch. 3 defaults for the landfill derivation. */
#define DOCF    0.5  /* fraction of DOC that decomposes */
#define MCF     1.0  /* managed anaerobic site */
#define F_CH4   0.5  /* CH4 share of landfill gas */
#define OX      0.1  /* oxidation in the cover of a managed site */
#define GWP_CH4 28.0 /* IPCC AR5 GWP100 */

typedef struct load_ctx {
    jk_ghg_table *t;
    const char *file;
    jk_err *err;
} load_ctx;

static int located(load_ctx *l, const jk_csv_row *r, int rc)
{
    char where[JK_ERR_WHERE], msg[JK_ERR_MSG];
    if (rc == JK_OK || rc == JK_ENOMEM)
        return rc;
    jk_snprintf(msg, sizeof(msg), "%s: %s", l->err->where, l->err->msg);
    jk_snprintf(where, sizeof(where), "%s:%ld", l->file, jk_csv_line(r));
    return jk_err_set(l->err, rc, where, "%s", msg);
}

static const char *keep(jk_ghg_table *t, const char *s, bool *oom)
{
    char *c = jk_arena_strdup(t->a, s);
    if (!c)
        *oom = true;
    return c ? c : "";
}

static int on_factor(void *ctx, const jk_csv_row *r)
{
    load_ctx *l = ctx;
    jk_ghg_table *t = l->t;
    jk_ghg_factor f;
    const char *v = jk_csv_get(r, "kg_co2e_per_t");
    const char *der = jk_csv_get(r, "derived");
    bool oom = false;

    memset(&f, 0, sizeof(f));
    if (!jk_material_code_valid(jk_csv_get(r, "material")))
        return located(l, r,
                       jk_err_set(l->err, JK_EPARSE, "material",
                                  "not a material code: \"%s\"",
                                  jk_csv_get(r, "material")));
    if (ind_route_fate(jk_csv_get(r, "route")) == FATE_NONE)
        return located(l, r,
                       jk_err_set(l->err, JK_EPARSE, "route",
                                  "\"%s\" is not a treatment route",
                                  jk_csv_get(r, "route")));
    if (jk_parse_double(v, &f.kg_per_t) || !isfinite(f.kg_per_t))
        return located(l, r,
                       jk_err_set(l->err, JK_EPARSE, "kg_co2e_per_t",
                                  "expected a number, got \"%s\"", v));
    if (!*jk_csv_get(r, "source"))
        return located(l, r,
                       jk_err_set(l->err, JK_EPARSE, "source",
                                  "required: cite where the number comes "
                                  "from"));
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        jk_ghg_factor *p = jk_realloc(t->f, cap * sizeof(*p));
        if (!p)
            return JK_ENOMEM;
        t->f = p;
        t->cap = cap;
    }
    f.material = keep(t, jk_csv_get(r, "material"), &oom);
    f.route = keep(t, jk_csv_get(r, "route"), &oom);
    f.region = keep(t, jk_csv_get(r, "region"), &oom);
    f.year = keep(t, jk_csv_get(r, "year"), &oom);
    f.source = keep(t, jk_csv_get(r, "source"), &oom);
    f.basis = keep(t, jk_csv_get(r, "basis"), &oom);
    f.derived = strcmp(der, "yes") == 0 || strcmp(der, "true") == 0;
    if (oom)
        return JK_ENOMEM;
    t->f[t->n++] = f;
    return JK_OK;
}

static double opt_num(const char *s)
{
    double v;
    return *s && jk_parse_double(s, &v) == 0 ? v : (double)NAN;
}

static int on_carbon(void *ctx, const jk_csv_row *r)
{
    load_ctx *l = ctx;
    jk_ghg_table *t = l->t;
    carbon c;
    bool oom = false;
    if (t->nc == t->capc) {
        size_t cap = t->capc ? t->capc * 2 : 32;
        carbon *p = jk_realloc(t->c, cap * sizeof(*p));
        if (!p)
            return JK_ENOMEM;
        t->c = p;
        t->capc = cap;
    }
    c.material = keep(t, jk_csv_get(r, "material"), &oom);
    c.source = keep(t, jk_csv_get(r, "source"), &oom);
    c.dm = opt_num(jk_csv_get(r, "dry_matter"));
    c.cf = opt_num(jk_csv_get(r, "carbon_of_dry"));
    c.fcf = opt_num(jk_csv_get(r, "fossil_of_carbon"));
    c.doc = opt_num(jk_csv_get(r, "doc_wet"));
    if (oom)
        return JK_ENOMEM;
    t->c[t->nc++] = c;
    return JK_OK;
}

static int read_bundled(jk_ghg_table *t, const char *name, jk_csv_row_cb cb,
                        jk_err *err)
{
    load_ctx l = {t, name, err};
    size_t len = 0;
    const char *csv = jk_embedded_find(name, &len);
    int rc;
    if (!csv)
        return jk_err_set(err, JK_EINTERNAL, NULL, "%s not bundled", name);
    rc = jk_csv_read_mem(name, csv, len, cb, &l, err);
    return rc == JK_ENOMEM ? jk_err_set(err, JK_ENOMEM, NULL, "out of memory")
                           : rc;
}

int jk_ghg_bundled(jk_ghg_table **out, jk_err *err)
{
    jk_ghg_table *t = jk_calloc(1, sizeof(*t));
    int rc;
    *out = NULL;
    if (!t || !(t->a = jk_arena_new(8192))) {
        jk_free(t);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if ((rc = read_bundled(t, "emission-factors.csv", on_factor, err)) ||
        (rc = read_bundled(t, "carbon-content.csv", on_carbon, err))) {
        jk_ghg_free(t);
        return rc;
    }
    *out = t;
    return JK_OK;
}

int jk_ghg_load(jk_ghg_table *t, const char *path, jk_err *err)
{
    load_ctx l = {t, path, err};
    size_t before = t->n;
    int rc = jk_csv_read(path, on_factor, &l, true, err);
    if (rc == JK_ENOMEM)
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (rc)
        t->n = before; /* nothing half-loaded */
    return rc;
}

void jk_ghg_free(jk_ghg_table *t)
{
    if (!t)
        return;
    jk_free(t->f);
    jk_free(t->c);
    jk_arena_free(t->a);
    jk_free(t);
}

static bool incineration_route(const char *route)
{
    ind_fate f = ind_route_fate(route);
    return f == FATE_ENERGY || f == FATE_INCINERATION;
}

/* Published factor for exactly this material: the region asked for (or
 * a global one) when !foreign, else one of another region; later rows
 * (user files) win. */
static const jk_ghg_factor *published(const jk_ghg_table *t, const char *mat,
                                      const char *route, const char *region,
                                      bool foreign)
{
    const jk_ghg_factor *global = NULL;
    size_t i = t->n;
    while (i-- > 0) {
        const jk_ghg_factor *f = &t->f[i];
        bool same = region && *region && strcmp(f->region, region) == 0;
        if (strcmp(f->material, mat) != 0 || strcmp(f->route, route) != 0)
            continue;
        if (foreign)
            return f;
        if (same)
            return f;
        if (!*f->region && !global)
            global = f;
    }
    return global;
}

static const carbon *carbon_of(const jk_ghg_table *t, const char *mat)
{
    size_t i;
    for (i = 0; i < t->nc; i++)
        if (strcmp(t->c[i].material, mat) == 0)
            return &t->c[i];
    return NULL;
}

int jk_ghg_factor_for(const jk_ghg_table *t, const char *material,
                      const char *route, const char *region, jk_ghg_factor *out,
                      jk_err *err)
{
    char code[JK_ID_MAX + 1], parent[JK_ID_MAX + 1];
    int pass;

    memset(out, 0, sizeof(*out));
    /* Published for the region (or global), then derived from carbon,
     * then published for another region, each through the parents. */
    for (pass = 0; pass < 3; pass++) {
        jk_strlcpy(code, material, sizeof(code));
        while (*code) {
            if (pass != 1) {
                const jk_ghg_factor *f =
                    published(t, code, route, region, pass == 2);
                if (f) {
                    *out = *f;
                    return JK_OK;
                }
            } else {
                const carbon *c = carbon_of(t, code);
                if (c && incineration_route(route) && !isnan(c->cf)) {
                    out->kg_per_t =
                        1000.0 * c->dm * c->cf * c->fcf * 44.0 / 12.0;
                    out->basis = "fossil CO2 = dry matter x carbon of dry "
                                 "matter x fossil share x 44/12, oxidation 1 "
                                 "(IPCC 2006 Vol. 5 Eq. 5.2)";
                } else if (c && strcmp(route, "landfill") == 0 &&
                           !isnan(c->doc)) {
                    out->kg_per_t = 1000.0 * c->doc * DOCF * MCF * F_CH4 *
                                    16.0 / 12.0 * (1 - OX) * GWP_CH4;
                    out->basis = "lifetime CH4 = DOC x DOCf 0.5 x MCF 1 x F "
                                 "0.5 x 16/12 x (1 - OX 0.1), no gas "
                                 "recovery, GWP100 28 (IPCC 2006 Vol. 5 "
                                 "Ch. 3; AR5)";
                } else {
                    c = NULL;
                }
                if (c) {
                    out->material = c->material;
                    out->route = route;
                    out->region = "";
                    out->year = "2006";
                    out->source = c->source;
                    out->derived = true;
                    return JK_OK;
                }
            }
            jk_material_parent(code, parent, sizeof(parent));
            jk_strlcpy(code, parent, sizeof(code));
        }
    }
    return jk_err_set(err, JK_ENOTFOUND, "factor",
                      "no emission factor for %s by %s; give one with "
                      "--factors FILE (columns material, route, "
                      "kg_co2e_per_t, region, year, source, basis)",
                      material, route);
}

int jk_ghg_shift_effect(const jk_ghg_table *t, const char *material,
                        jk_mass mass, const char *from_route,
                        const char *to_route, const char *region,
                        jk_ghg_shift *out, jk_err *err)
{
    int rc;
    memset(out, 0, sizeof(*out));
    if (mass < 0)
        return jk_err_set(err, JK_EPARSE, "mass", "must not be negative");
    if ((rc = jk_ghg_factor_for(t, material, from_route, region, &out->from,
                                err)) ||
        (rc = jk_ghg_factor_for(t, material, to_route, region, &out->to, err)))
        return rc;
    out->tonnes = ind_t(mass);
    out->delta_t = out->tonnes * (out->to.kg_per_t - out->from.kg_per_t) / 1000;
    return JK_OK;
}
