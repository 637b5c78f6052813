/*
 * The market's resources: listings, matches (allocations with their
 * explanations), agreements and their shortfall, and the public gap
 * report.
 *
 * Visibility: a listing is published when its visibility is public or
 * partners (the market treats partners as public until a partner
 * registry exists) and it is not a draft. The public sees published
 * listings; a member sees those and every listing of its own
 * organisation; auditors and admins see all. A hidden listing answers
 * 404 like a missing one, so that its existence is not revealed.
 *
 * Matching runs on the market the caller may see (the listings above
 * and the decisions between them, with the rules files of
 * data_dir/market): another organisation's internal listing never
 * enters a member's or the public's numbers, not even aggregated or
 * named in an explanation. Auditors and admins match the whole market.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "server/srv_int.h"

/* ---- visibility ---- */

static bool published(const char *visibility, const char *status)
{
    return (strcmp(visibility, "public") == 0 ||
            strcmp(visibility, "partners") == 0) &&
           strcmp(status, "draft") != 0;
}

static bool may_see(const srv_req *r, const char *org, const char *visibility,
                    const char *status)
{
    if (r->g.role == JK_ROLE_ADMIN || r->g.role == JK_ROLE_AUDITOR)
        return true;
    if (published(visibility, status))
        return true;
    return r->g.role == JK_ROLE_MEMBER && *org && strcmp(org, r->g.org) == 0;
}

/* Does the caller see every listing (auditor, admin)? */
static bool sees_all(const srv_req *r)
{
    return r->g.role == JK_ROLE_ADMIN || r->g.role == JK_ROLE_AUDITOR;
}

/* Is the listing's organisation the caller's (members), or does the
 * caller see everything? Decides whose matches and agreements show. */
static bool involves(const srv_req *r, const char *org)
{
    return sees_all(r) ||
           (r->g.role == JK_ROLE_MEMBER && strcmp(org, r->g.org) == 0);
}

/* material is code or a finer code of it ("plastic" takes plastic.pp). */
static bool material_in(const char *material, const char *code)
{
    size_t n = strlen(code);
    return strncmp(material, code, n) == 0 &&
           (material[n] == '\0' || material[n] == '.');
}

/* region: a prefecture ("JP-14") or a country ("JP"). */
static bool region_in(const char *prefecture, const char *region)
{
    size_t n = strlen(region);
    return strncmp(prefecture, region, n) == 0 &&
           (prefecture[n] == '\0' || (n == 2 && prefecture[n] == '-'));
}

/* ---- helpers ---- */

static const char *grams_t(jk_mass g, char *buf, size_t cap)
{
    char b[64];
    jk_mass_exact(g, jk_unit_find("t"), b, sizeof(b));
    jk_snprintf(buf, cap, "%st", b);
    return buf;
}

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(nearbyint(v * 100) / 100) : json_null();
}

/* An error of the market naming a request field instead of an id. */
static int fail_field(srv_req *r, const jk_err *err, const char *field)
{
    switch (err->code) {
    case JK_EPARSE:
    case JK_ERANGE:
    case JK_EINVAL:
    case JK_ECONSTRAINT:
        return srv_error(r, 400, "bad_input", field, "%s", err->msg);
    case JK_ENOTFOUND:
        return srv_error(r, 404, "not_found", field, "%s", err->msg);
    case JK_EEXIST:
        return srv_error(r, 409, "conflict", field, "%s", err->msg);
    default:
        return srv_fail(r, err);
    }
}

static int oom(srv_req *r)
{
    return srv_error(r, 500, "internal", NULL, "out of memory");
}

/* ---- listings ---- */

static json_t *listing_json(const jk_store_listing *x)
{
    char q[64], lot[64];
    json_t *o, *extra;
    grams_t(x->grams, q, sizeof(q));
    if (x->min_lot > 0)
        grams_t(x->min_lot, lot, sizeof(lot));
    else
        lot[0] = '\0';
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, "
                  "s:f, s:s, s:f, s:s, s:s, s:s, s:s}",
                  "id", x->id, "side", x->side, "org", x->org, "material",
                  x->material, "grade", x->grade, "properties", x->properties,
                  "quantity", q, "recurrence", x->recurrence, "min_lot", lot,
                  "site", x->site, "lat", x->lat, "lon", x->lon, "prefecture",
                  x->prefecture, "price", x->price, "valid_from", x->valid_from,
                  "valid_to", x->valid_to, "visibility", x->visibility,
                  "status", x->status);
    extra = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "evidence", x->evidence,
                      "ewc", x->ewc, "jw", x->jw, "hs", x->hs, "fate", x->fate,
                      "mode", x->mode);
    if (!o || !extra || json_object_update(o, extra)) {
        json_decref(o);
        o = NULL;
    }
    json_decref(extra);
    return o;
}

typedef struct listing_ctx {
    srv_req *r;
    json_t *items;
    size_t total, limit, offset;
    const char *material, *side, *region, *status, *org, *id;
} listing_ctx;

static int on_listing(void *vctx, const jk_store_listing *x)
{
    listing_ctx *c = vctx;
    size_t i;
    json_t *o;
    if (!may_see(c->r, x->org, x->visibility, x->status))
        return 0;
    if (c->id && strcmp(x->id, c->id) != 0)
        return 0;
    if (c->material && !material_in(x->material, c->material))
        return 0;
    if (c->side && strcmp(x->side, c->side) != 0)
        return 0;
    if (c->region && !region_in(x->prefecture, c->region))
        return 0;
    if (c->status && strcmp(x->status, c->status) != 0)
        return 0;
    if (c->org && strcmp(x->org, c->org) != 0)
        return 0;
    i = c->total++;
    if (i < c->offset || i >= c->offset + c->limit)
        return 0;
    if (!(o = listing_json(x)) || json_array_append_new(c->items, o))
        return JK_ENOMEM;
    return 0;
}

static int one_of(srv_req *r, const char *key, const char *const *values)
{
    const char *v = srv_query(r, key);
    size_t i;
    if (!v)
        return 0;
    for (i = 0; values[i]; i++)
        if (strcmp(v, values[i]) == 0)
            return 0;
    srv_error(r, 400, "bad_parameter", key, "%s is not one of the %s values", v,
              key);
    return -1;
}

static const char *const SIDES[] = {"supply", "demand", NULL};
static const char *const STATUSES[] = {"draft", "open", "matched", "closed",
                                       NULL};

static int h_listings(srv_req *r)
{
    jk_store *s = srv_store(r);
    listing_ctx c;
    jk_err err;
    int rc;
    memset(&c, 0, sizeof(c));
    c.r = r;
    if (!s || srv_page(r, &c.limit, &c.offset) || one_of(r, "side", SIDES) ||
        one_of(r, "status", STATUSES))
        return 0;
    c.material = srv_query(r, "material");
    c.side = srv_query(r, "side");
    c.region = srv_query(r, "region");
    c.status = srv_query(r, "status");
    c.org = srv_query(r, "org");
    if (!(c.items = json_array()))
        return oom(r);
    jk_err_clear(&err);
    rc = jk_store_each_listing(s, on_listing, &c, &err);
    if (rc) {
        json_decref(c.items);
        return rc == JK_ENOMEM && !err.code ? oom(r) : srv_fail(r, &err);
    }
    return srv_json(r, 200, srv_page_doc(c.items, c.total, c.limit, c.offset));
}

static int h_listing(srv_req *r)
{
    jk_store *s = srv_store(r);
    listing_ctx c;
    jk_err err;
    int rc;
    memset(&c, 0, sizeof(c));
    c.r = r;
    c.limit = 1;
    c.id = r->params[0];
    if (!s)
        return 0;
    if (!(c.items = json_array()))
        return oom(r);
    jk_err_clear(&err);
    rc = jk_store_each_listing(s, on_listing, &c, &err);
    if (rc) {
        json_decref(c.items);
        return rc == JK_ENOMEM && !err.code ? oom(r) : srv_fail(r, &err);
    }
    if (json_array_size(c.items) == 0) {
        json_decref(c.items);
        /* hidden or missing: the same answer */
        return srv_error(r, 404, "not_found", "id", "no listing %s",
                         r->params[0]);
    }
    {
        json_t *o = json_incref(json_array_get(c.items, 0));
        json_decref(c.items);
        return srv_json(r, 200, o);
    }
}

/* "body.json:$.listings[3]" + "quantity: must be > 0" ->
 * field "$.listings[3].quantity". */
static void body_field(const jk_err *err, char *field, size_t cap)
{
    const char *w = strchr(err->where, ':');
    const char *colon = strstr(err->msg, ": ");
    size_t n = colon ? (size_t)(colon - err->msg) : 0;
    size_t i;
    bool word = n > 0 && n < 40;
    for (i = 0; word && i < n; i++)
        word = (err->msg[i] >= 'a' && err->msg[i] <= 'z') || err->msg[i] == '_';
    w = w ? w + 1 : "body";
    if (strncmp(w, "$", 1) != 0)
        w = "body";
    if (word)
        jk_snprintf(field, cap, "%s.%.*s", w, (int)n, err->msg);
    else
        jk_snprintf(field, cap, "%s", w);
}

/* POST /listings: {"listings": [...]} checked as a market file, then
 * saved in one transaction. Members list for their own organisation. */
static int h_post_listings(srv_req *r)
{
    jk_store *s = srv_store(r);
    jk_market *m;
    jk_err err;
    char field[JK_ERR_WHERE + 64];
    json_t *doc;
    json_error_t je;
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
    if (!json_is_object(doc) ||
        !json_is_array(json_object_get(doc, "listings"))) {
        json_decref(doc);
        return srv_error(r, 400, "bad_json", "body",
                         "expected an object with a \"listings\" array");
    }
    {
        const char *key;
        json_t *v;
        json_object_foreach (doc, key, v) {
            (void)v;
            if (strcmp(key, "listings") != 0) {
                jk_snprintf(field, sizeof(field), "$.%s", key);
                json_decref(doc);
                return srv_error(r, 400, "bad_input", field,
                                 "only \"listings\" may be posted here (the "
                                 "rules are files of the server's data "
                                 "directory)");
            }
        }
    }
    if (json_array_size(json_object_get(doc, "listings")) == 0) {
        json_decref(doc);
        return srv_error(r, 400, "bad_input", "$.listings",
                         "no listings to add");
    }
    json_decref(doc);
    if (!(m = jk_market_new()))
        return oom(r);
    if (jk_market_load_buffer(m, "body.json", r->body.data, r->body.len,
                              &err)) {
        body_field(&err, field, sizeof(field));
        jk_market_free(m);
        return srv_error(r, err.code == JK_EEXIST ? 409 : 400,
                         err.code == JK_EEXIST ? "conflict" : "bad_input",
                         field, "%s", err.msg);
    }
    for (i = 0; i < jk_market_n_listings(m); i++) {
        const jk_mkt_listing *l = jk_market_listing_at(m, i);
        if (!*l->org) {
            jk_snprintf(field, sizeof(field), "$.listings[%zu].org", i);
            jk_market_free(m);
            return srv_error(r, 400, "bad_input", field,
                             "org: the listing's organisation is required");
        }
        if (!srv_may_write_org(r, l->org)) {
            jk_snprintf(field, sizeof(field), "$.listings[%zu].org", i);
            srv_error(r, 403, "forbidden", field,
                      "a member lists for its own organisation (%s), not %s",
                      r->g.org, l->org);
            jk_market_free(m);
            return 0;
        }
    }
    rc = jk_market_save(m, s, &err);
    if (rc) {
        /* err.where is the listing id: name its place in the body */
        for (i = 0; i < jk_market_n_listings(m); i++)
            if (strcmp(jk_market_listing_at(m, i)->id, err.where) == 0)
                break;
        jk_snprintf(field, sizeof(field), "$.listings[%zu].%s", i,
                    rc == JK_EEXIST ? "id" : "material");
        jk_market_free(m);
        return rc == JK_EEXIST || rc == JK_ECONSTRAINT
                   ? fail_field(r, &err, field)
                   : srv_fail(r, &err);
    }
    {
        json_t *ids = json_array();
        for (i = 0; ids && i < jk_market_n_listings(m); i++)
            json_array_append_new(ids,
                                  json_string(jk_market_listing_at(m, i)->id));
        jk_market_free(m);
        if (!ids)
            return oom(r);
        r->no_etag = true;
        return srv_json(r, 201,
                        json_pack("{s:I, s:o}", "added",
                                  (json_int_t)json_array_size(ids), "ids",
                                  ids));
    }
}

/* ---- the caller's market ---- */

static const char *const RULES[] = {"grades.csv", "permits.csv",
                                    "exclusions.csv", "hubs.csv"};

typedef struct view_ctx {
    jk_market *m;
    json_t *ids; /* listing ids in the view */
    jk_err *err;
} view_ctx;

static int on_view_decision(void *vctx, const jk_store_decision *d)
{
    view_ctx *c = vctx;
    if (!json_object_get(c->ids, d->supply) ||
        !json_object_get(c->ids, d->demand))
        return 0;
    return jk_market_add_decision(c->m, d->supply, d->demand,
                                  strcmp(d->decision, "confirmed") == 0
                                      ? JK_MKT_CONFIRMED
                                      : JK_MKT_REJECTED,
                                  d->grams, c->err);
}

/* The market the caller may see, with the rules of data_dir/market;
 * NULL after answering. */
static jk_market *view_market(srv_req *r)
{
    jk_store *s = srv_store(r);
    jk_market *all = NULL, *m = NULL;
    char dir[4096], path[4200];
    struct stat st;
    view_ctx c;
    jk_err err;
    size_t i;
    int rc = JK_OK;

    if (!s)
        return NULL;
    if (!r->o->data_dir) {
        srv_error(r, 404, "not_configured", NULL,
                  "the market's rules are not configured (serve --data DIR "
                  "with DIR/market)");
        return NULL;
    }
    jk_snprintf(dir, sizeof(dir), "%s/market", r->o->data_dir);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        srv_error(r, 404, "not_configured", NULL,
                  "no market directory in the server's data directory");
        return NULL;
    }
    if (!(m = jk_market_new()) || !(all = jk_market_new())) {
        jk_market_free(m);
        oom(r);
        return NULL;
    }
    for (i = 0; !rc && i < sizeof(RULES) / sizeof(RULES[0]); i++) {
        jk_snprintf(path, sizeof(path), "%s/%s", dir, RULES[i]);
        if (stat(path, &st) == 0 && jk_market_load(m, path, &err)) {
            /* the server's configuration, not the request, is wrong */
            const char *w = strstr(err.where, RULES[i]);
            srv_error(r, 500, "internal", NULL,
                      "the market's rules do not load: %s: %s",
                      w ? w : RULES[i], err.msg);
            jk_market_free(m);
            jk_market_free(all);
            return NULL;
        }
    }
    if (!rc)
        rc = jk_market_load_store(all, s, &err);
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.err = &err;
    if (!rc && !(c.ids = json_object()))
        rc = jk_err_set(&err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; !rc && i < jk_market_n_listings(all); i++) {
        const jk_mkt_listing *l = jk_market_listing_at(all, i);
        if (!may_see(r, l->org, l->visibility, l->status))
            continue;
        rc = jk_market_add_listing(m, l, "store", &err);
        if (!rc && json_object_set_new(c.ids, l->id, json_true()))
            rc = jk_err_set(&err, JK_ENOMEM, NULL, "out of memory");
    }
    if (!rc)
        rc = jk_store_each_decision(s, on_view_decision, &c, &err);
    json_decref(c.ids);
    jk_market_free(all);
    if (rc) {
        jk_market_free(m);
        srv_fail(r, &err);
        return NULL;
    }
    return m;
}

/* ---- matches ---- */

static json_t *alloc_json(const jk_market *m, const jk_mkt_alloc *a)
{
    const jk_mkt_listing *s = jk_market_listing_at(m, a->supply);
    const jk_mkt_listing *d = jk_market_listing_at(m, a->demand);
    const char *nb = a->next_best_demand == SIZE_MAX
                         ? (isfinite(a->next_best) ? "unplaced" : "")
                         : jk_market_listing_at(m, a->next_best_demand)->id;
    char t[64];
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "supply", s->id,
        "demand", d->id, "supply_org", s->org, "demand_org", d->org, "material",
        s->material, "tonnes_per_year",
        json_string(jk_mass_exact(a->grams, jk_unit_find("t"), t, sizeof(t))),
        "mode", s->mode, "km", jnum(a->km), "transport_yen_per_t",
        jnum(a->transport), "co2_kg_per_t", jnum(a->co2_kg));
    if (o && (json_object_set_new(o, "co2_yen_per_t", jnum(a->co2_cost)) ||
              json_object_set_new(o, "margin_yen_per_t", jnum(a->margin)) ||
              json_object_set_new(o, "premium_yen_per_t", jnum(a->premium)) ||
              json_object_set_new(o, "cost_yen_per_t", jnum(a->cost)) ||
              json_object_set_new(o, "next_best", json_string(nb)) ||
              json_object_set_new(o, "next_best_extra_yen_per_t",
                                  jnum(a->next_best)) ||
              json_object_set_new(o, "hub", json_string(a->hub)) ||
              json_object_set_new(o, "why", json_string(a->why)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *rest_json(const jk_market *m, const jk_mkt_rest *x)
{
    const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
    char t[64];
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "listing", l->id,
        "side", l->side == JK_MKT_SUPPLY ? "supply" : "demand", "org", l->org,
        "material", l->material, "grade", l->grade, "tonnes_per_year",
        jk_mass_exact(x->grams, jk_unit_find("t"), t, sizeof(t)), "fate",
        l->fate, "reason", x->reason_code, "why", x->why);
}

static bool listing_wanted(const jk_mkt_listing *l, const char *id,
                           const char *material)
{
    return (!id || strcmp(l->id, id) == 0) &&
           (!material || material_in(l->material, material));
}

static int h_matches(srv_req *r)
{
    const char *id = srv_query(r, "listing");
    const char *material = srv_query(r, "material");
    size_t limit, offset, total = 0, i;
    jk_market *m;
    jk_mkt_result *res = NULL;
    jk_mkt_opts o;
    json_t *items, *left, *doc;
    jk_err err;

    if (srv_page(r, &limit, &offset) || !(m = view_market(r)))
        return 0;
    jk_mkt_opts_init(&o);
    if (jk_market_match(m, &o, &res, &err)) {
        jk_market_free(m);
        return srv_fail(r, &err);
    }
    items = json_array();
    left = json_array();
    for (i = 0; items && left && i < jk_mkt_n_allocs(res); i++) {
        const jk_mkt_alloc *a = jk_mkt_alloc_at(res, i);
        const jk_mkt_listing *s = jk_market_listing_at(m, a->supply);
        const jk_mkt_listing *d = jk_market_listing_at(m, a->demand);
        if (!involves(r, s->org) && !involves(r, d->org))
            continue;
        if (!listing_wanted(s, id, material) &&
            !listing_wanted(d, id, material))
            continue;
        if (total++ < offset || total > offset + limit)
            continue;
        if (json_array_append_new(items, alloc_json(m, a))) {
            json_decref(items);
            items = NULL;
        }
    }
    for (i = 0; items && left && i < jk_mkt_n_rests(res); i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(res, i);
        const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
        if (!involves(r, l->org) || !listing_wanted(l, id, material))
            continue;
        if (json_array_append_new(left, rest_json(m, x))) {
            json_decref(left);
            left = NULL;
        }
    }
    jk_mkt_result_free(res);
    jk_market_free(m);
    if (!items || !left) {
        json_decref(items);
        json_decref(left);
        return oom(r);
    }
    doc = srv_page_doc(items, total, limit, offset);
    if (!doc || json_object_set_new(doc, "left", left)) {
        json_decref(doc);
        return oom(r);
    }
    return srv_json(r, 200, doc);
}

/* ---- the gap report ---- */

typedef struct gap_ctx {
    jk_market *m;
    jk_mkt_result *res;
    bool svg;
} gap_ctx;

static int print_gap(void *ctx, FILE *fp, jk_err *err)
{
    gap_ctx *g = ctx;
    return g->svg ? jk_mkt_write_gap_svg(g->m, g->res, fp, err)
                  : jk_mkt_write_gap(g->m, g->res, JK_MKT_JSON, fp, err);
}

static int h_gap(srv_req *r)
{
    const char *format = srv_query(r, "format");
    gap_ctx g;
    jk_mkt_opts o;
    jk_err err;
    int rc;
    if (format && strcmp(format, "json") != 0 && strcmp(format, "svg") != 0)
        return srv_error(r, 400, "bad_parameter", "format",
                         "format is json or svg");
    memset(&g, 0, sizeof(g));
    g.svg = format && strcmp(format, "svg") == 0;
    if (!(g.m = view_market(r)))
        return 0;
    jk_mkt_opts_init(&o);
    if (jk_market_match(g.m, &o, &g.res, &err)) {
        jk_market_free(g.m);
        return srv_fail(r, &err);
    }
    rc = srv_capture(r, g.svg ? "image/svg+xml" : "application/json", print_gap,
                     &g);
    jk_mkt_result_free(g.res);
    jk_market_free(g.m);
    return rc;
}

/* ---- agreements ---- */

/* Owner, visibility and status of every stored listing, by id:
 * {"id": ["org", "visibility", "status", "recurrence"]}. */
static int on_owner(void *vctx, const jk_store_listing *x)
{
    /* org, visibility, status, recurrence, material, grade */
    json_t *v = json_pack("[s, s, s, s, s, s]", x->org, x->visibility,
                          x->status, x->recurrence, x->material, x->grade);
    return v && json_object_set_new(vctx, x->id, v) == 0 ? 0 : JK_ENOMEM;
}

static json_t *owners(srv_req *r, jk_store *s)
{
    json_t *o = json_object();
    jk_err err;
    int rc;
    jk_err_clear(&err);
    if (!o) {
        oom(r);
        return NULL;
    }
    if ((rc = jk_store_each_listing(s, on_owner, o, &err))) {
        json_decref(o);
        if (rc == JK_ENOMEM && !err.code)
            oom(r);
        else
            srv_fail(r, &err);
        return NULL;
    }
    return o;
}

static const char *own_field(json_t *own, const char *id, int k)
{
    const char *v =
        json_string_value(json_array_get(json_object_get(own, id), (size_t)k));
    return v ? v : "";
}

static bool listing_visible(const srv_req *r, json_t *own, const char *id)
{
    return json_object_get(own, id) &&
           may_see(r, own_field(own, id, 0), own_field(own, id, 1),
                   own_field(own, id, 2));
}

/* May the caller see the pair's decision? Members: one of its listings
 * is theirs (and the other one is visible to them). */
static bool pair_visible(const srv_req *r, json_t *own, const char *supply,
                         const char *demand)
{
    if (sees_all(r))
        return true;
    return listing_visible(r, own, supply) && listing_visible(r, own, demand) &&
           (involves(r, own_field(own, supply, 0)) ||
            involves(r, own_field(own, demand, 0)));
}

static json_t *decision_json(json_t *own, const jk_store_decision *d)
{
    char v[64], href[300];
    json_t *o;
    if (d->grams > 0)
        grams_t(d->grams, v, sizeof(v));
    else
        v[0] = '\0';
    jk_snprintf(href, sizeof(href), "/api/v1/agreements/%s/%s/shortfall",
                d->supply, d->demand);
    /* The agreement is the supply's material and grade, volume per
     * period of its recurrence. */
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
                  "supply", d->supply, "demand", d->demand, "supply_org",
                  own_field(own, d->supply, 0), "demand_org",
                  own_field(own, d->demand, 0), "decision", d->decision,
                  "material", own_field(own, d->supply, 4), "grade",
                  own_field(own, d->supply, 5), "volume", v, "per",
                  own_field(own, d->supply, 3), "note", d->note, "at", d->at);
    if (o && strcmp(d->decision, "confirmed") == 0 &&
        json_object_set_new(o, "shortfall", json_string(href))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

typedef struct agr_ctx {
    srv_req *r;
    json_t *own, *items;
    size_t total, limit, offset;
    const char *decision, *listing;
} agr_ctx;

static int on_agreement(void *vctx, const jk_store_decision *d)
{
    agr_ctx *c = vctx;
    size_t i;
    if (!pair_visible(c->r, c->own, d->supply, d->demand))
        return 0;
    if (c->decision && strcmp(d->decision, c->decision) != 0)
        return 0;
    if (c->listing && strcmp(d->supply, c->listing) != 0 &&
        strcmp(d->demand, c->listing) != 0)
        return 0;
    i = c->total++;
    if (i < c->offset || i >= c->offset + c->limit)
        return 0;
    return json_array_append_new(c->items, decision_json(c->own, d)) ? JK_ENOMEM
                                                                     : 0;
}

static const char *const DECISIONS[] = {"confirmed", "rejected", NULL};

static int h_agreements(srv_req *r)
{
    jk_store *s = srv_store(r);
    agr_ctx c;
    jk_err err;
    int rc;
    memset(&c, 0, sizeof(c));
    c.r = r;
    if (!s || srv_page(r, &c.limit, &c.offset) ||
        one_of(r, "decision", DECISIONS))
        return 0;
    c.decision = srv_query(r, "decision");
    c.listing = srv_query(r, "listing");
    if (!(c.own = owners(r, s)))
        return 0;
    if (!(c.items = json_array())) {
        json_decref(c.own);
        return oom(r);
    }
    jk_err_clear(&err);
    rc = jk_store_each_decision(s, on_agreement, &c, &err);
    json_decref(c.own);
    if (rc) {
        json_decref(c.items);
        return rc == JK_ENOMEM && !err.code ? oom(r) : srv_fail(r, &err);
    }
    return srv_json(r, 200, srv_page_doc(c.items, c.total, c.limit, c.offset));
}

static void utc_now(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* POST /agreements: {supply, demand, decision (confirmed), volume (per
 * period of the supply, for a confirmation), note}. */
static int h_post_agreement(srv_req *r)
{
    static const char *const keys[] = {"supply", "demand", "decision",
                                       "volume", "note",   NULL};
    jk_store *s = srv_store(r);
    const char *supply, *demand, *decision, *volume, *note;
    json_t *doc, *own = NULL;
    jk_market *m = NULL;
    jk_mass g = 0;
    jk_err err;
    char at[32];
    int rc;

    if (!s)
        return 0;
    if (r->g.role == JK_ROLE_AUDITOR)
        return srv_error(r, 403, "forbidden", NULL,
                         "an auditor token reads; it does not write");
    if (!(doc = srv_body_strings(
              r, keys, "expected {\"supply\", \"demand\", \"volume\"}")))
        return 0;
    supply = json_string_value(json_object_get(doc, "supply"));
    demand = json_string_value(json_object_get(doc, "demand"));
    decision = json_string_value(json_object_get(doc, "decision"));
    volume = json_string_value(json_object_get(doc, "volume"));
    note = json_string_value(json_object_get(doc, "note"));
    if (!decision)
        decision = "confirmed";
    if (!supply || !demand) {
        rc = srv_error(r, 400, "bad_input", supply ? "demand" : "supply",
                       "the pair needs a supply and a demand listing id");
        goto out;
    }
    if (strcmp(decision, "confirmed") != 0 &&
        strcmp(decision, "rejected") != 0) {
        rc = srv_error(r, 400, "bad_input", "decision",
                       "decision is confirmed or rejected");
        goto out;
    }
    if (strcmp(decision, "confirmed") == 0) {
        if (!volume) {
            rc = srv_error(r, 400, "bad_input", "volume",
                           "an agreement needs a volume per period "
                           "(\"20t\")");
            goto out;
        }
        if (jk_mass_parse(volume, NULL, &g, &err)) {
            rc = srv_error(r, 400, "bad_input", "volume", "%s", err.msg);
            goto out;
        }
    }
    if (!(own = owners(r, s))) {
        rc = 0;
        goto out;
    }
    if (!listing_visible(r, own, supply)) {
        rc = srv_error(r, 404, "not_found", "supply", "no listing %s", supply);
        goto out;
    }
    if (!listing_visible(r, own, demand)) {
        rc = srv_error(r, 404, "not_found", "demand", "no listing %s", demand);
        goto out;
    }
    if (!involves(r, own_field(own, supply, 0)) &&
        !involves(r, own_field(own, demand, 0))) {
        rc = srv_error(r, 403, "forbidden", "supply",
                       "a member decides on pairs involving its own "
                       "listings only");
        goto out;
    }
    if (!(m = jk_market_new())) {
        rc = oom(r);
        goto out;
    }
    if (jk_market_load_store(m, s, &err)) {
        rc = srv_fail(r, &err);
        goto out;
    }
    utc_now(at, sizeof(at));
    if (jk_market_decide(m, s, supply, demand,
                         strcmp(decision, "confirmed") == 0 ? JK_MKT_CONFIRMED
                                                            : JK_MKT_REJECTED,
                         g, note, at, &err)) {
        const char *field = strcmp(err.where, "volume") == 0 ? "volume"
                            : strcmp(err.where, demand) == 0 ? "demand"
                                                             : "supply";
        rc = fail_field(r, &err, field);
        goto out;
    }
    {
        jk_store_decision d;
        d.supply = supply;
        d.demand = demand;
        d.decision = decision;
        d.grams = strcmp(decision, "confirmed") == 0 ? g : 0;
        d.note = note ? note : "";
        d.at = at;
        r->no_etag = true;
        rc = srv_json(r, 201, decision_json(own, &d));
    }
out:
    jk_market_free(m);
    json_decref(own);
    json_decref(doc);
    return rc;
}

/* ---- shortfall ---- */

typedef struct sf_ctx {
    jk_market *m;
    jk_store *s;
} sf_ctx;

static int print_shortfall(void *ctx, FILE *fp, jk_err *err)
{
    sf_ctx *c = ctx;
    return jk_market_write_shortfall(c->m, c->s, JK_MKT_JSON, fp, err);
}

typedef struct find_ctx {
    const char *supply, *demand;
    char volume[64];
    bool found;
} find_ctx;

static int on_find(void *vctx, const jk_store_decision *d)
{
    find_ctx *c = vctx;
    if (strcmp(d->supply, c->supply) == 0 &&
        strcmp(d->demand, c->demand) == 0 &&
        strcmp(d->decision, "confirmed") == 0) {
        c->found = true;
        grams_t(d->grams, c->volume, sizeof(c->volume));
    }
    return 0;
}

static int h_shortfall(srv_req *r)
{
    jk_store *s = srv_store(r);
    const char *supply = r->params[0], *demand = r->params[1];
    json_t *own, *all, *items, *e;
    json_error_t je;
    find_ctx f;
    sf_ctx c;
    jk_buf b;
    jk_err err;
    size_t i;

    if (!s || !(own = owners(r, s)))
        return 0;
    memset(&f, 0, sizeof(f));
    f.supply = supply;
    f.demand = demand;
    if (pair_visible(r, own, supply, demand) &&
        jk_store_each_decision(s, on_find, &f, &err)) {
        json_decref(own);
        return srv_fail(r, &err);
    }
    if (!f.found) {
        json_decref(own);
        return srv_error(r, 404, "not_found", "supply",
                         "no agreement between %s and %s", supply, demand);
    }
    memset(&c, 0, sizeof(c));
    c.s = s;
    if (!(c.m = jk_market_new())) {
        json_decref(own);
        return oom(r);
    }
    jk_buf_init(&b, 64u << 20);
    if (jk_market_load_store(c.m, s, &err) ||
        srv_print_to_buf(print_shortfall, &c, &b, &err)) {
        jk_buf_free(&b);
        jk_market_free(c.m);
        json_decref(own);
        return srv_fail(r, &err);
    }
    jk_market_free(c.m);
    all = json_loadb(b.data ? b.data : "", b.len, 0, &je);
    jk_buf_free(&b);
    items = json_array();
    json_array_foreach (all, i, e) {
        if (strcmp(json_string_value(json_object_get(e, "supply")), supply) ||
            strcmp(json_string_value(json_object_get(e, "demand")), demand))
            continue;
        json_object_del(e, "supply");
        json_object_del(e, "demand");
        json_array_append(items, e);
    }
    json_decref(all);
    {
        json_t *doc = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "supply", supply,
            "demand", demand, "supply_org", own_field(own, supply, 0),
            "demand_org", own_field(own, demand, 0), "material",
            own_field(own, supply, 4), "grade", own_field(own, supply, 5),
            "volume", f.volume, "per", own_field(own, supply, 3), "items",
            items);
        json_decref(own);
        return doc ? srv_json(r, 200, doc) : oom(r);
    }
}

/* POST .../deliveries: {period, mass, ref} against a confirmed
 * agreement; a party of the pair (or an admin) records it. */
static int h_post_delivery(srv_req *r)
{
    static const char *const keys[] = {"period", "mass", "ref", NULL};
    jk_store *s = srv_store(r);
    const char *supply = r->params[0], *demand = r->params[1];
    const char *period, *mass, *ref;
    json_t *doc, *own = NULL;
    jk_market *m = NULL;
    find_ctx f;
    jk_mass g = 0;
    jk_err err;
    char t[64];
    int rc;

    if (!s)
        return 0;
    if (r->g.role == JK_ROLE_AUDITOR)
        return srv_error(r, 403, "forbidden", NULL,
                         "an auditor token reads; it does not write");
    if (!(doc = srv_body_strings(r, keys, "expected {\"period\", \"mass\"}")))
        return 0;
    period = json_string_value(json_object_get(doc, "period"));
    mass = json_string_value(json_object_get(doc, "mass"));
    ref = json_string_value(json_object_get(doc, "ref"));
    if (!period || !mass) {
        rc = srv_error(r, 400, "bad_input", period ? "mass" : "period",
                       "a delivery needs a period (\"2026-04\") and a mass "
                       "(\"17.5t\")");
        goto out;
    }
    if (jk_mass_parse(mass, NULL, &g, &err)) {
        rc = srv_error(r, 400, "bad_input", "mass", "%s", err.msg);
        goto out;
    }
    if (!(own = owners(r, s))) {
        rc = 0;
        goto out;
    }
    memset(&f, 0, sizeof(f));
    f.supply = supply;
    f.demand = demand;
    if (pair_visible(r, own, supply, demand) &&
        jk_store_each_decision(s, on_find, &f, &err)) {
        rc = srv_fail(r, &err);
        goto out;
    }
    if (!f.found) {
        rc = srv_error(r, 404, "not_found", "supply",
                       "no agreement between %s and %s", supply, demand);
        goto out;
    }
    if (!(m = jk_market_new())) {
        rc = oom(r);
        goto out;
    }
    if (jk_market_load_store(m, s, &err)) {
        rc = srv_fail(r, &err);
        goto out;
    }
    if (jk_market_deliver(m, s, supply, demand, period, g, ref, &err)) {
        rc = fail_field(r, &err,
                        strcmp(err.where, "period") == 0 ? "period" : "mass");
        goto out;
    }
    r->no_etag = true;
    rc = srv_json(r, 201,
                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "supply", supply,
                            "demand", demand, "period", period, "mass",
                            grams_t(g, t, sizeof(t)), "ref", ref ? ref : ""));
out:
    jk_market_free(m);
    json_decref(own);
    json_decref(doc);
    return rc;
}

/* ---- deliveries from the ledger ---- */

typedef struct sync_ctx {
    jk_market *m;
    jk_store *s;
    jk_ledger *lg;
    jk_mkt_sync_counts n;
} sync_ctx;

static int print_sync(void *ctx, FILE *fp, jk_err *err)
{
    sync_ctx *c = ctx;
    return jk_market_sync_deliveries(c->m, c->s, c->lg, JK_MKT_JSON, fp, &c->n,
                                     err);
}

/* POST /deliveries/sync: record the ledger's receipts as deliveries
 * (junkan market deliver --from-ledger). Admins only: it writes
 * deliveries for every agreement. */
static int h_post_sync(srv_req *r)
{
    jk_store *s = srv_store(r);
    sync_ctx c;
    json_t *items, *doc;
    json_error_t je;
    jk_buf b;
    jk_err err;

    if (!s)
        return 0;
    memset(&c, 0, sizeof(c));
    c.s = s;
    if (!(c.lg = srv_ledger(r)))
        return 0; /* answered */
    if (!(c.m = jk_market_new()))
        return oom(r);
    jk_buf_init(&b, 256u << 20);
    if (jk_market_load_store(c.m, s, &err) ||
        srv_print_to_buf(print_sync, &c, &b, &err)) {
        jk_buf_free(&b);
        jk_market_free(c.m);
        return srv_fail(r, &err);
    }
    jk_market_free(c.m);
    items = json_loadb(b.data ? b.data : "", b.len, 0, &je);
    jk_buf_free(&b);
    if (!items)
        return oom(r);
    r->no_etag = true;
    doc =
        json_pack("{s:I, s:I, s:I, s:o}", "recorded", (json_int_t)c.n.recorded,
                  "already", (json_int_t)c.n.already, "skipped",
                  (json_int_t)c.n.skipped, "receipts", items);
    return doc ? srv_json(r, 200, doc) : oom(r);
}

#define J  "application/json"
#define PG "limit,offset"

static const srv_route routes[] = {
    {"GET", "/api/v1/listings", h_listings, JK_ROLE_PUBLIC, "market",
     "Market listings: published ones, plus the caller's organisation's own "
     "(all for auditors and admins)",
     "material,side,region,status,org," PG, J},
    {"GET", "/api/v1/listings/{id}", h_listing, JK_ROLE_PUBLIC, "market",
     "One listing (404 when hidden from the caller)", "", J},
    {"POST", "/api/v1/listings", h_post_listings, JK_ROLE_MEMBER, "market",
     "Add listings ({\"listings\": [...]}, the CSV columns as keys) in one "
     "transaction; members for their own organisation",
     "", J},
    {"GET", "/api/v1/matches", h_matches, JK_ROLE_MEMBER, "market",
     "Matching of the listings the caller sees with the rules of the data "
     "directory: allocations involving the caller's listings (all for "
     "auditors and admins) with explanations, and what is left with reasons",
     "listing,material," PG, J},
    {"GET", "/api/v1/agreements", h_agreements, JK_ROLE_MEMBER, "market",
     "Decisions on pairs (confirmed agreements and rejections) involving the "
     "caller's listings (all for auditors and admins)",
     "decision,listing," PG, J},
    {"POST", "/api/v1/agreements", h_post_agreement, JK_ROLE_MEMBER, "market",
     "Confirm or reject a pair involving the caller's listing: {supply, "
     "demand, volume, decision, note}",
     "", J},
    {"GET", "/api/v1/agreements/{supply}/{demand}/shortfall", h_shortfall,
     JK_ROLE_MEMBER, "market",
     "An agreement's agreed, delivered and shortfall per period with "
     "deliveries",
     "", J},
    {"POST", "/api/v1/agreements/{supply}/{demand}/deliveries", h_post_delivery,
     JK_ROLE_MEMBER, "market",
     "Record a delivery against an agreement of the caller's: {period, "
     "mass, ref}",
     "", J},
    {"POST", "/api/v1/deliveries/sync", h_post_sync, JK_ROLE_ADMIN, "market",
     "Record the ledger's receipts (transaction.receive) as deliveries "
     "against agreements, each once (reference ledger:ENTRY); every receipt "
     "with its outcome and, when not recorded, the reason",
     "", J},
    {"GET", "/api/v1/market/gap", h_gap, JK_ROLE_PUBLIC, "market",
     "The gap report per material and grade (no listing identities) from the "
     "listings the caller sees; format=svg for the chart",
     "format", J},
};

const srv_table srv_market_routes = {routes,
                                     sizeof(routes) / sizeof(routes[0])};
