/*
 * The API's resources: the route table (the single source of the
 * OpenAPI description) and the handlers. Public data: reference tables,
 * the directory of organisations and sites, systems between process
 * nodes (statistics), national indicators. Private: flows touching an
 * organisation's sites, its indicators and reports.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/srv_int.h"

/* ---- health, openapi ---- */

static int h_health(srv_req *r)
{
    jk_store *s = srv_store(r);
    jk_err err;
    int v = 0;
    if (!s)
        return 0;
    if (jk_store_schema_version(s, &v, &err))
        return srv_fail(r, &err);
    r->no_etag = true;
    return srv_json(r, 200,
                    json_pack("{s:s, s:s, s:i, s:s}", "status", "ok", "version",
                              jk_version(), "schema", v, "backend",
                              jk_store_backend(s)));
}

static int h_openapi(srv_req *r)
{
    return srv_json(r, 200, srv_openapi());
}

/* ---- list helpers ---- */

typedef struct list_ctx {
    srv_req *r;
    json_t *items;
    size_t total, limit, offset;
    const char *f1, *f2; /* filters */
    const char *f3;
    int rc;
} list_ctx;

/* Count the item; true when it falls in the page. */
static bool in_page(list_ctx *l)
{
    size_t i = l->total++;
    return i >= l->offset && i < l->offset + l->limit;
}

static int finish_list(srv_req *r, list_ctx *l, int rc, const jk_err *err)
{
    if (rc) {
        json_decref(l->items);
        return l->rc ? 0 : srv_fail(r, err);
    }
    return srv_json(r, 200,
                    srv_page_doc(l->items, l->total, l->limit, l->offset));
}

static int start_list(srv_req *r, list_ctx *l)
{
    memset(l, 0, sizeof(*l));
    l->r = r;
    if (srv_page(r, &l->limit, &l->offset))
        return -1;
    l->items = json_array();
    return l->items ? 0 : -1;
}

static int on_material(void *ctx, const jk_material *m)
{
    list_ctx *l = ctx;
    char parent[JK_ID_MAX + 1];
    jk_material_parent(m->code, parent, sizeof(parent));
    if (l->f1 && strcmp(parent, l->f1) != 0)
        return 0;
    if (in_page(l))
        json_array_append_new(l->items,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
                                        "code", m->code, "parent", parent,
                                        "name_ja", m->name_ja, "name_en",
                                        m->name_en, "hs", m->hs ? m->hs : "",
                                        "ewc", m->ewc ? m->ewc : ""));
    return 0;
}

static int h_materials(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    l.f1 = srv_query(r, "parent");
    return finish_list(r, &l, jk_store_each_material(s, on_material, &l, &err),
                       &err);
}

static int on_region(void *ctx, const jk_region *g)
{
    list_ctx *l = ctx;
    json_t *o;
    if (l->f1 && strcmp(g->kind, l->f1) != 0)
        return 0;
    if (!in_page(l))
        return 0;
    o = json_pack("{s:s, s:s, s:s, s:s}", "code", g->code, "kind", g->kind,
                  "name_ja", g->name_ja, "name_en", g->name_en);
    if (o && g->has_coord) {
        json_object_set_new(o, "lat", json_real(g->lat));
        json_object_set_new(o, "lon", json_real(g->lon));
    }
    json_array_append_new(l->items, o);
    return 0;
}

static int h_regions(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    l.f1 = srv_query(r, "kind");
    return finish_list(r, &l, jk_store_each_region(s, on_region, &l, &err),
                       &err);
}

static int on_route(void *ctx, const jk_route *t)
{
    list_ctx *l = ctx;
    if (in_page(l))
        json_array_append_new(l->items,
                              json_pack("{s:s, s:s, s:s, s:s}", "code", t->code,
                                        "kind", t->kind, "name_ja", t->name_ja,
                                        "name_en", t->name_en));
    return 0;
}

static int h_routes(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    return finish_list(r, &l, jk_store_each_route(s, on_route, &l, &err), &err);
}

static json_t *org_json(const jk_org *o)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", o->id, "name",
                     o->name, "name_en", o->name_en, "kind",
                     jk_org_kind_name(o->kind), "region",
                     o->region ? o->region : "", "corporate_number",
                     o->corporate_number ? o->corporate_number : "");
}

static int on_org(void *ctx, const jk_org *o)
{
    list_ctx *l = ctx;
    if (l->f1 && strcmp(jk_org_kind_name(o->kind), l->f1) != 0)
        return 0;
    if (l->f2 && strcmp(o->region ? o->region : "", l->f2) != 0)
        return 0;
    if (l->f3) { /* one organisation by id */
        if (strcmp(o->id, l->f3) != 0)
            return 0;
        json_array_append_new(l->items, org_json(o));
        l->total++;
        return 0;
    }
    if (in_page(l))
        json_array_append_new(l->items, org_json(o));
    return 0;
}

static int h_orgs(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    l.f1 = srv_query(r, "kind");
    l.f2 = srv_query(r, "region");
    return finish_list(r, &l, jk_store_each_org(s, on_org, &l, &err), &err);
}

static int h_org(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    l.f3 = r->params[0];
    if (jk_store_each_org(s, on_org, &l, &err)) {
        json_decref(l.items);
        return srv_fail(r, &err);
    }
    if (json_array_size(l.items) == 0) {
        json_decref(l.items);
        return srv_error(r, 404, "not_found", "id", "no organisation %s",
                         r->params[0]);
    }
    {
        json_t *o = json_incref(json_array_get(l.items, 0));
        json_decref(l.items);
        return srv_json(r, 200, o);
    }
}

static int on_site(void *ctx, const jk_site *t)
{
    list_ctx *l = ctx;
    json_t *o;
    if (l->f1 && strcmp(t->org, l->f1) != 0)
        return 0;
    if (l->f2 && strcmp(t->region ? t->region : "", l->f2) != 0)
        return 0;
    if (!in_page(l))
        return 0;
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", t->id, "org", t->org,
                  "name", t->name, "name_en", t->name_en, "kind",
                  jk_site_kind_name(t->kind), "region",
                  t->region ? t->region : "");
    if (o && t->has_coord) {
        json_object_set_new(o, "lat", json_real(t->lat));
        json_object_set_new(o, "lon", json_real(t->lon));
    }
    json_array_append_new(l->items, o);
    return 0;
}

static int h_sites(srv_req *r)
{
    list_ctx l;
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s || start_list(r, &l))
        return 0;
    l.f1 = srv_query(r, "org");
    l.f2 = srv_query(r, "region");
    return finish_list(r, &l, jk_store_each_site(s, on_site, &l, &err), &err);
}

/* ---- flows: who owns a node ---- */

typedef struct owner_map {
    char **site; /* "site:ID" */
    char **org;  /* its organisation */
    char **region;
    size_t n, cap;
} owner_map;

static int on_site_owner(void *ctx, const jk_site *t)
{
    owner_map *m = ctx;
    char buf[JK_ID_MAX + 8];
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        char **a = jk_realloc(m->site, cap * sizeof(*a));
        char **b, **c;
        if (!a)
            return JK_ENOMEM;
        m->site = a;
        b = jk_realloc(m->org, cap * sizeof(*b));
        if (!b)
            return JK_ENOMEM;
        m->org = b;
        c = jk_realloc(m->region, cap * sizeof(*c));
        if (!c)
            return JK_ENOMEM;
        m->region = c;
        m->cap = cap;
    }
    jk_snprintf(buf, sizeof(buf), "site:%s", t->id);
    m->site[m->n] = jk_strdup(buf);
    m->org[m->n] = jk_strdup(t->org);
    m->region[m->n] = jk_strdup(t->region ? t->region : "");
    if (!m->site[m->n] || !m->org[m->n] || !m->region[m->n]) {
        jk_free(m->site[m->n]);
        jk_free(m->org[m->n]);
        jk_free(m->region[m->n]);
        return JK_ENOMEM;
    }
    m->n++;
    return 0;
}

static void owner_free(owner_map *m)
{
    size_t i;
    for (i = 0; i < m->n; i++) {
        jk_free(m->site[i]);
        jk_free(m->org[i]);
        jk_free(m->region[i]);
    }
    jk_free(m->site);
    jk_free(m->org);
    jk_free(m->region);
}

/* The organisation owning a node ("" for process and ext: nodes). */
static const char *owner_of(const owner_map *m, const char *node,
                            const char **region)
{
    size_t i;
    if (region)
        *region = "";
    if (strncmp(node, "org:", 4) == 0)
        return node + 4;
    if (strncmp(node, "site:", 5) != 0)
        return "";
    for (i = 0; i < m->n; i++)
        if (strcmp(m->site[i], node) == 0) {
            if (region)
                *region = m->region[i];
            return m->org[i];
        }
    return "";
}

typedef struct flow_ctx {
    list_ctx l;
    owner_map m;
    const char *material, *period, *region, *org;
} flow_ctx;

static int on_flow(void *ctx, const jk_flow *f)
{
    flow_ctx *c = ctx;
    srv_req *r = c->l.r;
    const char *ra, *rb;
    const char *oa = owner_of(&c->m, f->from, &ra);
    const char *ob = owner_of(&c->m, f->to, &rb);
    char period[32], tonnes[48];
    bool pub = !*oa && !*ob;
    json_t *o;

    jk_period_format(&f->period, period, sizeof(period));
    if (c->material && strcmp(f->material, c->material) != 0)
        return 0;
    if (c->period && strcmp(period, c->period) != 0)
        return 0;
    if (c->region && strcmp(ra, c->region) != 0 && strcmp(rb, c->region) != 0)
        return 0;
    if (c->org && strcmp(oa, c->org) != 0 && strcmp(ob, c->org) != 0)
        return 0;
    /* Isolation: a member sees statistics and its own flows only. */
    if (!pub && !(*oa && srv_may_read_org(r, oa)) &&
        !(*ob && srv_may_read_org(r, ob)))
        return 0;
    if (!in_page(&c->l))
        return 0;
    jk_mass_exact(f->mass, jk_unit_find("t"), tonnes, sizeof(tonnes));
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "from", f->from,
                  "to", f->to, "material", f->material, "tonnes", tonnes,
                  "period", period, "route", f->route ? f->route : "", "label",
                  f->label ? f->label : "", "source",
                  f->source ? f->source : "");
    json_array_append_new(c->l.items, o);
    return 0;
}

static int h_flows(srv_req *r)
{
    flow_ctx c;
    jk_store *s = srv_store(r);
    jk_err err;
    int rc;
    memset(&c, 0, sizeof(c));
    if (!s || start_list(r, &c.l))
        return 0;
    c.material = srv_query(r, "material");
    c.period = srv_query(r, "period");
    c.region = srv_query(r, "region");
    c.org = srv_query(r, "org");
    if (c.org && !srv_may_read_org(r, c.org)) {
        json_decref(c.l.items);
        return srv_error(r, 403, "forbidden", "org",
                         "this token may not read %s's flows", c.org);
    }
    rc = jk_store_each_site(s, on_site_owner, &c.m, &err);
    if (rc == JK_ENOMEM)
        rc = jk_err_set(&err, JK_ENOMEM, NULL, "out of memory");
    if (!rc)
        rc = jk_store_each_flow(s, on_flow, &c, &err);
    owner_free(&c.m);
    return finish_list(r, &c.l, rc, &err);
}

/* POST /flows: a JSON import document, in one transaction. A member may
 * import only flows that touch its own nodes and no other
 * organisation's; organisations and sites need an admin token. */
static int h_post_flows(srv_req *r)
{
    jk_store *s = srv_store(r);
    json_error_t je;
    json_t *doc;
    jk_import_stats st;
    jk_import_opts io;
    jk_err err;
    owner_map m;
    size_t i;
    int rc;

    if (!s)
        return 0;
    if (r->g.role == JK_ROLE_AUDITOR)
        return srv_error(r, 403, "forbidden", NULL,
                         "an auditor token reads; it does not write");
    doc = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &je);
    if (!doc)
        return srv_error(r, 400, "bad_json", "body", "line %d column %d: %s",
                         je.line, je.column, je.text);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return srv_error(r, 400, "bad_json", "body",
                         "expected an object with a \"flows\" array");
    }
    memset(&m, 0, sizeof(m));
    if (r->g.role == JK_ROLE_MEMBER) {
        const char *key;
        json_t *v;
        json_object_foreach (doc, key, v) {
            (void)v;
            if (strcmp(key, "flows") != 0) {
                json_decref(doc);
                return srv_error(r, 403, "forbidden", key,
                                 "a member token imports flows only");
            }
        }
        if ((rc = jk_store_each_site(s, on_site_owner, &m, &err))) {
            owner_free(&m);
            json_decref(doc);
            return rc == JK_ENOMEM
                       ? srv_error(r, 500, "internal", NULL, "out of memory")
                       : srv_fail(r, &err);
        }
        for (i = 0; i < json_array_size(json_object_get(doc, "flows")); i++) {
            json_t *f = json_array_get(json_object_get(doc, "flows"), i);
            const char *a = json_string_value(json_object_get(f, "from"));
            const char *b = json_string_value(json_object_get(f, "to"));
            const char *oa = owner_of(&m, a ? a : "", NULL);
            const char *ob = owner_of(&m, b ? b : "", NULL);
            char field[48];
            bool mine = (*oa && strcmp(oa, r->g.org) == 0) ||
                        (*ob && strcmp(ob, r->g.org) == 0);
            bool other = (*oa && strcmp(oa, r->g.org) != 0) ||
                         (*ob && strcmp(ob, r->g.org) != 0);
            if (!mine || other) {
                jk_snprintf(field, sizeof(field), "$.flows[%zu]", i);
                owner_free(&m);
                json_decref(doc);
                return srv_error(r, 403, "forbidden", field,
                                 "a member imports flows of its own sites "
                                 "(and ext: or process nodes) only");
            }
        }
        owner_free(&m);
    }
    json_decref(doc);
    jk_import_opts_init(&io);
    if (r->g.role == JK_ROLE_MEMBER)
        io.owner = r->g.org; /* the tenant of what a member imports */
    rc = jk_import_buffer(s, "body.json", r->body.data ? r->body.data : "",
                          r->body.len, &io, &st, &err);
    if (rc == JK_ENOMEM || rc == JK_ESTORE || rc == JK_EBUSY)
        return srv_fail(r, &err);
    if (rc) /* bad input, references that do not resolve: nothing landed */
        return srv_error(r, 400, "bad_input",
                         strncmp(err.where, "body.json:", 10) == 0
                             ? err.where + 10
                             : err.where,
                         "%s", err.msg);
    r->no_etag = true;
    return srv_json(r, 201,
                    json_pack("{s:I, s:I, s:I}", "organisations",
                              (json_int_t)st.rows[JK_KIND_ORGS], "sites",
                              (json_int_t)st.rows[JK_KIND_SITES], "flows",
                              (json_int_t)st.rows[JK_KIND_FLOWS]));
}

/* ---- systems (statistics between process nodes) ---- */

typedef struct sys_list {
    json_t *seen; /* "material|period" -> true */
    json_t *items;
} sys_list;

static bool is_public_node(const char *n)
{
    return strncmp(n, "site:", 5) != 0 && strncmp(n, "org:", 4) != 0;
}

static int on_sys_flow(void *ctx, const jk_flow *f)
{
    sys_list *l = ctx;
    char period[32], key[160], href[200];
    if (!is_public_node(f->from) || !is_public_node(f->to))
        return 0;
    jk_period_format(&f->period, period, sizeof(period));
    jk_snprintf(key, sizeof(key), "%s|%s", f->material, period);
    if (json_object_get(l->seen, key))
        return 0;
    json_object_set_new(l->seen, key, json_true());
    jk_snprintf(href, sizeof(href), "/api/v1/systems/%s/%s", f->material,
                period);
    json_array_append_new(l->items,
                          json_pack("{s:s, s:s, s:s}", "material", f->material,
                                    "period", period, "href", href));
    return 0;
}

static int h_systems(srv_req *r)
{
    jk_store *s = srv_store(r);
    sys_list l;
    jk_err err;
    int rc;
    if (!s)
        return 0;
    l.seen = json_object();
    l.items = json_array();
    rc = jk_store_each_flow(s, on_sys_flow, &l, &err);
    json_decref(l.seen);
    if (rc) {
        json_decref(l.items);
        return srv_fail(r, &err);
    }
    return srv_json(r, 200, json_pack("{s:o}", "items", l.items));
}

static int load_system(srv_req *r, jk_mfa_system **sys, bool *reconciled)
{
    jk_store *s = srv_store(r);
    const char *rec = srv_query(r, "reconcile");
    jk_err err;
    *reconciled = rec && strcmp(rec, "yes") == 0;
    if (!s)
        return -1;
    if (jk_mfa_from_store(s, r->params[0], r->params[1], 0.02, sys, &err)) {
        srv_fail(r, &err);
        return -1;
    }
    if (*reconciled) {
        jk_mfa_result *res = NULL;
        jk_mfa_system *app;
        if (jk_mfa_reconcile(*sys, NULL, &res, &err)) {
            jk_mfa_free(*sys);
            srv_fail(r, &err);
            return -1;
        }
        app = jk_mfa_apply(*sys, res);
        jk_mfa_result_free(res);
        jk_mfa_free(*sys);
        *sys = app;
        if (!app) {
            srv_error(r, 500, "internal", NULL, "out of memory");
            return -1;
        }
    }
    return 0;
}

static int print_system(void *ctx, FILE *fp, jk_err *err)
{
    return jk_mfa_save_json(ctx, fp, err);
}

static int h_system(srv_req *r)
{
    jk_mfa_system *sys = NULL;
    bool rec;
    int rc;
    if (load_system(r, &sys, &rec))
        return 0;
    rc = srv_capture(r, "application/json", print_system, sys);
    jk_mfa_free(sys);
    return rc;
}

typedef struct sankey_ctx {
    jk_mfa_system *sys;
    const char *lang;
} sankey_ctx;

static int print_sankey(void *ctx, FILE *fp, jk_err *err)
{
    sankey_ctx *c = ctx;
    jk_sankey_opts o;
    jk_sankey_opts_init(&o);
    o.lang = c->lang;
    return jk_mfa_sankey_svg(c->sys, &o, fp, err);
}

static int h_sankey(srv_req *r)
{
    sankey_ctx c;
    const char *lang = srv_query(r, "lang");
    bool rec;
    int rc;
    if (lang && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
        return srv_error(r, 400, "bad_parameter", "lang", "lang is ja or en");
    c.lang = lang ? lang : "en";
    if (load_system(r, &c.sys, &rec))
        return 0;
    rc = srv_capture(r, "image/svg+xml", print_sankey, &c);
    jk_mfa_free(c.sys);
    return rc;
}

/* ---- indicators ---- */

static double num_param(srv_req *r, const char *key)
{
    const char *v = srv_query(r, key);
    double d;
    return v && jk_parse_double(v, &d) == 0 ? d : (double)NAN;
}

static json_t *num_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int on_jp(void *ctx, const jk_jp_indicator *i)
{
    json_t *items = ctx;
    json_array_append_new(
        items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b}",
                         "code", i->code, "name_ja", i->name_ja, "name_en",
                         i->name_en, "unit", i->unit, "formula", i->formula,
                         "value", num_or_null(i->value), "target_fy2025",
                         num_or_null(i->target4), "target_fy2030",
                         num_or_null(i->target5), "higher_is_better",
                         i->higher_is_better));
    return 0;
}

static int h_national(srv_req *r)
{
    jk_store *s = srv_store(r);
    const char *period = srv_query(r, "period");
    const char *material = srv_query(r, "material");
    jk_mfa_system *sys = NULL;
    jk_jp_params p;
    json_t *items;
    jk_err err;
    if (!s)
        return 0;
    if (!period)
        return srv_error(r, 400, "bad_parameter", "period",
                         "period is required (period=FY2006)");
    if (jk_mfa_from_store(s, material ? material : "all", period, 0.02, &sys,
                          &err))
        return srv_fail(r, &err);
    jk_jp_params_init(&p);
    p.gdp_oku_yen = num_param(r, "gdp");
    p.population = num_param(r, "population");
    p.renewable_input_t = num_param(r, "renewable");
    if (isfinite(num_param(r, "gdp_base")))
        p.gdp_base_year = (int)num_param(r, "gdp_base");
    items = json_array();
    if (jk_jp_indicators(sys, &p, on_jp, items, &err)) {
        json_decref(items);
        jk_mfa_free(sys);
        return srv_fail(r, &err);
    }
    jk_mfa_free(sys);
    return srv_json(r, 200,
                    json_pack("{s:s, s:s, s:o}", "period", period, "material",
                              material ? material : "all", "items", items));
}

typedef struct ind_ctx {
    jk_ind_data *d;
    jk_ind_set sets[4];
    size_t n;
    const char *lang;
    bool html;
} ind_ctx;

static int print_ind(void *ctx, FILE *fp, jk_err *err)
{
    ind_ctx *c = ctx;
    const jk_ind_set *p[4];
    size_t i;
    for (i = 0; i < c->n; i++)
        p[i] = &c->sets[i];
    return c->html ? jk_ind_write_html(p, c->n, c->d, c->lang, fp, err)
                   : jk_ind_write_json(p, c->n, c->d, fp, err);
}

/* Compute the frameworks the query asks for (all by default). */
static int ind_answer(srv_req *r, ind_ctx *c)
{
    const char *fw = srv_query(r, "frameworks");
    const char *lfi = srv_query(r, "lfi"), *w = srv_query(r, "weight");
    jk_ind_opts o;
    jk_err err;
    int rc = JK_OK, k;
    jk_ind_opts_init(&o);
    if (lfi && strcmp(lfi, "2m") == 0)
        o.lfi = JK_LFI_2M;
    if (w && strcmp(w, "mass") == 0)
        o.mci_weight = JK_MCI_BY_MASS;
    if (srv_query(r, "esrs_version"))
        o.esrs_version = srv_query(r, "esrs_version");
    c->n = 0;
    for (k = 0; rc == JK_OK && k < 4; k++) {
        static const char *const names[] = {"cti", "mci", "iso59020", "esrs"};
        if (fw && !strstr(fw, names[k]))
            continue;
        rc = k == 0   ? jk_ind_cti(c->d, &o, &c->sets[c->n], &err)
             : k == 1 ? jk_ind_mci(c->d, &o, &c->sets[c->n], &err)
             : k == 2 ? jk_ind_iso59020(c->d, &o, &c->sets[c->n], &err)
                      : jk_ind_esrs(c->d, &o, &c->sets[c->n], &err);
        if (rc == JK_OK)
            c->n++;
    }
    if (rc == JK_OK)
        rc = srv_capture(
            r, c->html ? "text/html; charset=utf-8" : "application/json",
            print_ind, c);
    else
        srv_fail(r, &err);
    for (k = 0; k < (int)c->n; k++)
        jk_ind_set_free(&c->sets[k]);
    return 0;
}

static int h_post_indicators(srv_req *r)
{
    ind_ctx c;
    jk_err err;
    memset(&c, 0, sizeof(c));
    if (jk_ind_load_json("body", r->body.data ? r->body.data : "", r->body.len,
                         &c.d, &err))
        return srv_fail(r, &err);
    r->no_etag = true;
    ind_answer(r, &c);
    jk_ind_data_free(c.d);
    return 0;
}

static int org_indicators(srv_req *r, bool html)
{
    jk_store *s = srv_store(r);
    const char *period = srv_query(r, "period"), *lang = srv_query(r, "lang");
    ind_ctx c;
    jk_err err;
    if (!s)
        return 0;
    if (!srv_may_read_org(r, r->params[0]))
        return srv_error(r, 403, "forbidden", "id",
                         "this token may not read %s's indicators",
                         r->params[0]);
    if (!period)
        return srv_error(r, 400, "bad_parameter", "period",
                         "period is required (period=FY2023)");
    memset(&c, 0, sizeof(c));
    c.html = html;
    c.lang = lang && strcmp(lang, "ja") == 0 ? "ja" : "en";
    if (jk_ind_from_store(s, r->params[0], period, &c.d, &err))
        return srv_fail(r, &err);
    ind_answer(r, &c);
    jk_ind_data_free(c.d);
    return 0;
}

static int h_org_indicators(srv_req *r)
{
    return org_indicators(r, false);
}
static int h_org_report(srv_req *r)
{
    return org_indicators(r, true);
}

/* ---- tokens ---- */

static int on_token(void *ctx, const jk_token_rec *t)
{
    json_array_append_new(
        ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", t->id, "role",
                       t->role, "org", t->org, "label", t->label, "created_at",
                       t->created_at, "revoked_at", t->revoked_at));
    return 0;
}

static int h_tokens(srv_req *r)
{
    jk_store *s = srv_store(r);
    json_t *items = json_array();
    jk_err err;
    if (!s) {
        json_decref(items);
        return 0;
    }
    if (jk_store_each_token(s, on_token, items, &err)) {
        json_decref(items);
        return srv_fail(r, &err);
    }
    r->no_etag = true;
    return srv_json(r, 200, json_pack("{s:o}", "items", items));
}

static int h_post_token(srv_req *r)
{
    static const char *const keys[] = {"role", "org", "label", NULL};
    jk_store *s = srv_store(r);
    json_t *doc;
    const char *role, *org, *label;
    char token[JK_TOKEN_LEN + 1], id[17];
    jk_role ro;
    jk_err err;
    int rc;
    if (!s)
        return 0;
    if (!(doc = srv_body_strings(r, keys,
                                 "expected {\"role\": ..., \"org\": ..., "
                                 "\"label\": ...}")))
        return 0;
    role = json_string_value(json_object_get(doc, "role"));
    org = json_string_value(json_object_get(doc, "org"));
    label = json_string_value(json_object_get(doc, "label"));
    if (!role || jk_role_parse(role, &ro)) {
        json_decref(doc);
        return srv_error(r, 400, "bad_input", "role",
                         "role is admin, member or auditor");
    }
    rc = jk_token_create(s, ro, org ? org : "", label ? label : "", token, id,
                         &err);
    json_decref(doc);
    if (rc)
        return srv_fail(r, &err);
    r->no_etag = true;
    return srv_json(r, 201,
                    json_pack("{s:s, s:s, s:s}", "id", id, "token", token,
                              "note", "shown once; store it now"));
}

static int h_delete_token(srv_req *r)
{
    jk_store *s = srv_store(r);
    jk_err err;
    if (!s)
        return 0;
    if (jk_token_revoke(s, r->params[0], &err))
        return srv_fail(r, &err);
    r->no_etag = true;
    return srv_json(r, 200,
                    json_pack("{s:s, s:b}", "id", r->params[0], "revoked", 1));
}

/* ---- the page ---- */

static int h_passport_page(srv_req *r)
{
    return srv_static(r, "/index.html");
}

#define J  "application/json"
#define PG "limit,offset"

static const srv_route routes[] = {
    {"GET", "/api/v1/health", h_health, JK_ROLE_PUBLIC, "meta",
     "Service status, version and schema", "", J},
    {"GET", "/api/v1/openapi.json", h_openapi, JK_ROLE_PUBLIC, "meta",
     "This API as OpenAPI 3", "", J},
    {"GET", "/api/v1/materials", h_materials, JK_ROLE_PUBLIC, "reference",
     "The materials taxonomy", "parent," PG, J},
    {"GET", "/api/v1/regions", h_regions, JK_ROLE_PUBLIC, "reference",
     "Countries and prefectures", "kind," PG, J},
    {"GET", "/api/v1/routes", h_routes, JK_ROLE_PUBLIC, "reference",
     "Flow routes", PG, J},
    {"GET", "/api/v1/organisations", h_orgs, JK_ROLE_PUBLIC, "directory",
     "Organisations", "kind,region," PG, J},
    {"GET", "/api/v1/organisations/{id}", h_org, JK_ROLE_PUBLIC, "directory",
     "One organisation", "", J},
    {"GET", "/api/v1/sites", h_sites, JK_ROLE_PUBLIC, "directory",
     "Sites with their coordinates", "org,region," PG, J},
    {"GET", "/api/v1/flows", h_flows, JK_ROLE_MEMBER, "flows",
     "Flows: statistics and the caller's own (all for auditors and admins)",
     "material,period,region,org," PG, J},
    {"POST", "/api/v1/flows", h_post_flows, JK_ROLE_MEMBER, "flows",
     "Import a JSON document (flows; organisations and sites for admins) in "
     "one transaction",
     "", J},
    {"GET", "/api/v1/systems", h_systems, JK_ROLE_PUBLIC, "systems",
     "Material systems (material and period) between process nodes", "", J},
    {"GET", "/api/v1/systems/{material}/{period}", h_system, JK_ROLE_PUBLIC,
     "systems", "A system as JSON, measured or reconciled", "reconcile", J},
    {"GET", "/api/v1/systems/{material}/{period}/sankey.svg", h_sankey,
     JK_ROLE_PUBLIC, "systems", "The system's Sankey diagram", "lang,reconcile",
     "image/svg+xml"},
    {"GET", "/api/v1/indicators/national", h_national, JK_ROLE_PUBLIC,
     "indicators", "Japan's Fundamental Plan indicators against the targets",
     "period,material,gdp,gdp_base,population,renewable", J},
    {"POST", "/api/v1/indicators", h_post_indicators, JK_ROLE_PUBLIC,
     "indicators", "CTI, MCI, ISO 59020 and ESRS E5 for a posted data set",
     "frameworks,lfi,weight,esrs_version", J},
    {"GET", "/api/v1/organisations/{id}/indicators", h_org_indicators,
     JK_ROLE_MEMBER, "indicators",
     "An organisation's indicators from its flows in the store",
     "period,frameworks,lfi,weight,esrs_version", J},
    {"GET", "/api/v1/organisations/{id}/report.html", h_org_report,
     JK_ROLE_MEMBER, "reports", "An organisation's indicators report (HTML)",
     "period,lang,frameworks", "text/html"},
    {"GET", "/api/v1/tokens", h_tokens, JK_ROLE_ADMIN, "access",
     "API tokens (never their secrets)", "", J},
    {"POST", "/api/v1/tokens", h_post_token, JK_ROLE_ADMIN, "access",
     "Create a token: {role, org, label}; the secret is shown once", "", J},
    {"DELETE", "/api/v1/tokens/{id}", h_delete_token, JK_ROLE_ADMIN, "access",
     "Revoke a token", "", J},
    {"GET", "/p/{id}", h_passport_page, JK_ROLE_PUBLIC, "page",
     "The page, opened on a passport (QR-code links)", "", "text/html"},
};

const srv_table srv_core_routes = {routes, sizeof(routes) / sizeof(routes[0])};

/* The registry: one line per module with an API. */
static const srv_table *const tables[] = {
    &srv_core_routes,   &srv_network_routes,   &srv_market_routes,
    &srv_ledger_routes, &srv_diagnosis_routes,
};

size_t srv_route_count(void)
{
    size_t i, n = 0;
    for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
        n += tables[i]->n;
    return n;
}

const srv_route *srv_route_at(size_t i)
{
    size_t t;
    for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
        if (i < tables[t]->n)
            return &tables[t]->routes[i];
        i -= tables[t]->n;
    }
    return NULL;
}
