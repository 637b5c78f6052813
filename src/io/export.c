/*
 * Export to CSV and JSON in the same shapes the importers read, so that
 * an export imports back to the same records.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "io/io_int.h"

typedef struct ex_ctx {
    FILE *out;           /* destination */
    const jk_unit *unit; /* unit for flow masses */
    bool json;           /* JSON items rather than CSV rows */
    size_t n;            /* items written so far (JSON commas) */
    int rc;              /* first error */
} ex_ctx;

/* Emit a record given as n values in schema order. */
static int emit(ex_ctx *c, jk_kind k, const char *const *v, size_t n)
{
    const imp_schema *sc = imp_schema_of(k);
    size_t i;

    if (!c->json) {
        for (i = 0; i < n; i++)
            jk_csv_field(c->out, v[i], i + 1 == n);
    } else {
        json_t *o = json_object();
        char *text;
        if (!o)
            return JK_ENOMEM;
        for (i = 0; i < n; i++) {
            if (!*v[i])
                continue;
            if (json_object_set_new(o, sc->fields[i], json_string(v[i]))) {
                json_decref(o);
                return JK_ENOMEM;
            }
        }
        text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!text)
            return JK_ENOMEM;
        fprintf(c->out, "%s    %s", c->n ? ",\n" : "", text);
        jk_free(text);
    }
    c->n++;
    return ferror(c->out) ? JK_EIO : JK_OK;
}

static int ex_material(void *ctx, const jk_material *m)
{
    const char *v[] = {m->code, m->name_ja, m->name_en, m->hs, m->ewc};
    return emit(ctx, JK_KIND_MATERIALS, v, 5);
}

static int ex_region(void *ctx, const jk_region *r)
{
    char lat[40] = "", lon[40] = "";
    const char *v[] = {
        r->code,        r->kind,    r->parent,  r->lg_code, r->iso_alpha3,
        r->iso_numeric, r->name_ja, r->name_en, lat,        lon};
    if (r->has_coord) {
        jk_fmt_double(r->lat, lat, sizeof(lat));
        jk_fmt_double(r->lon, lon, sizeof(lon));
    }
    return emit(ctx, JK_KIND_REGIONS, v, 10);
}

static int ex_route(void *ctx, const jk_route *r)
{
    const char *v[] = {r->code, r->name_ja, r->name_en, r->kind};
    return emit(ctx, JK_KIND_ROUTES, v, 4);
}

static int ex_org(void *ctx, const jk_org *o)
{
    const char *v[] = {o->id,
                       o->name,
                       o->name_en,
                       jk_org_kind_name(o->kind),
                       o->corporate_number,
                       o->lg_code,
                       o->region};
    return emit(ctx, JK_KIND_ORGS, v, 7);
}

static int ex_site(void *ctx, const jk_site *s)
{
    char lat[40] = "", lon[40] = "";
    jk_buf caps;
    size_t i;
    int rc = JK_OK;

    jk_buf_init(&caps, 1u << 16);
    if (s->has_coord) {
        jk_fmt_double(s->lat, lat, sizeof(lat));
        jk_fmt_double(s->lon, lon, sizeof(lon));
    }
    for (i = 0; rc == JK_OK && i < s->n_capacities; i++) {
        char m[48];
        jk_mass_exact(s->capacities[i].per_year, jk_unit_find("t"), m,
                      sizeof(m));
        rc = jk_buf_addf(&caps, "%s%s=%st", i ? ";" : "",
                         s->capacities[i].material, m);
    }
    if (rc == JK_OK) {
        const char *v[] = {s->id,
                           s->org,
                           s->name,
                           s->name_en,
                           jk_site_kind_name(s->kind),
                           lat,
                           lon,
                           s->region,
                           jk_buf_str(&caps)};
        rc = emit(ctx, JK_KIND_SITES, v, 9);
    }
    jk_buf_free(&caps);
    return rc;
}

static int ex_flow(void *ctx, const jk_flow *f)
{
    ex_ctx *c = ctx;
    char mass[48], period[32];
    const char *v[9];

    jk_mass_exact(f->mass, c->unit, mass, sizeof(mass));
    jk_period_format(&f->period, period, sizeof(period));
    v[0] = f->from;
    v[1] = f->to;
    v[2] = f->material;
    v[3] = mass;
    v[4] = c->unit->symbol;
    v[5] = period;
    v[6] = f->route;
    v[7] = f->label;
    v[8] = f->source;
    return emit(ctx, JK_KIND_FLOWS, v, 9);
}

static int each(jk_store *s, jk_kind k, ex_ctx *c, jk_err *err)
{
    switch (k) {
    case JK_KIND_REGIONS:
        return jk_store_each_region(s, ex_region, c, err);
    case JK_KIND_ROUTES:
        return jk_store_each_route(s, ex_route, c, err);
    case JK_KIND_MATERIALS:
        return jk_store_each_material(s, ex_material, c, err);
    case JK_KIND_ORGS:
        return jk_store_each_org(s, ex_org, c, err);
    case JK_KIND_SITES:
        return jk_store_each_site(s, ex_site, c, err);
    case JK_KIND_FLOWS:
        return jk_store_each_flow(s, ex_flow, c, err);
    default:
        return jk_err_set(err, JK_EINVAL, NULL, "unknown kind");
    }
}

static int finish(int rc, FILE *out, jk_err *err)
{
    if (rc == JK_ENOMEM)
        return jk_err_set(err, rc, NULL, "out of memory");
    if (rc == JK_OK && (fflush(out) != 0 || ferror(out)))
        rc = JK_EIO;
    if (rc == JK_EIO)
        return jk_err_set(err, rc, NULL, "write failed");
    return rc;
}

int jk_export_csv(jk_store *s, jk_kind kind, FILE *out, const jk_export_opts *o,
                  jk_err *err)
{
    ex_ctx c = {out, o && o->unit ? o->unit : jk_unit_find("t"), false, 0,
                JK_OK};
    if ((int)kind <= JK_KIND_AUTO || kind >= JK_KIND_COUNT)
        return jk_err_set(err, JK_EINVAL, NULL, "choose what to export");
    fprintf(out, "%s\n", jk_kind_header(kind));
    return finish(each(s, kind, &c, err), out, err);
}

int jk_export_json(jk_store *s, unsigned mask, FILE *out,
                   const jk_export_opts *o, jk_err *err)
{
    ex_ctx c = {out, o && o->unit ? o->unit : jk_unit_find("t"), true, 0,
                JK_OK};
    int k, rc = JK_OK;
    bool first = true;

    fputs("{", out);
    for (k = JK_KIND_REGIONS; rc == JK_OK && k < JK_KIND_COUNT; k++) {
        if (!(mask & (1u << k)))
            continue;
        fprintf(out, "%s\n  \"%s\": [\n", first ? "" : ",",
                jk_kind_name((jk_kind)k));
        first = false;
        c.n = 0;
        rc = each(s, (jk_kind)k, &c, err);
        fputs(c.n ? "\n  ]" : "  ]", out);
    }
    fputs(first ? "}\n" : "\n}\n", out);
    return finish(rc, out, err);
}
