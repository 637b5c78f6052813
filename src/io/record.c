/*
 * Kind schemas and record validation, shared by the CSV and JSON
 * readers: each record is checked field by field, its references are
 * resolved against what the store holds plus what this import added,
 * and only then written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <junkan/model.h>

#include "io/io_int.h"

#define R(i) (1u << (i))

static const imp_schema schemas[JK_KIND_COUNT] = {
    [JK_KIND_REGIONS] = {{"code", "kind", "parent", "lg_code", "iso_alpha3",
                          "iso_numeric", "name_ja", "name_en", "lat", "lon",
                          NULL},
                         R(0) | R(1) | R(6) | R(7)},
    [JK_KIND_ROUTES] = {{"code", "name_ja", "name_en", "kind", NULL},
                        R(0) | R(1) | R(2) | R(3)},
    [JK_KIND_MATERIALS] = {{"code", "name_ja", "name_en", "hs", "ewc", NULL},
                           R(0) | R(1) | R(2)},
    [JK_KIND_ORGS] = {{"id", "name", "name_en", "kind", "corporate_number",
                       "lg_code", "region", NULL},
                      R(0) | R(1) | R(3)},
    [JK_KIND_SITES] = {{"id", "org", "name", "name_en", "kind", "lat", "lon",
                        "region", "capacities", NULL},
                       R(0) | R(1) | R(2) | R(4)},
    [JK_KIND_FLOWS] = {{"from", "to", "material", "mass", "unit", "period",
                        "route", "label", "source", NULL},
                       R(0) | R(1) | R(2) | R(3) | R(5)},
};

static const char *const kind_names[JK_KIND_COUNT] = {
    "auto", "regions", "routes", "materials", "organisations", "sites", "flows",
};

static const char *const kind_headers[JK_KIND_COUNT] = {
    "",
    "code,kind,parent,lg_code,iso_alpha3,iso_numeric,name_ja,name_en,lat,lon",
    "code,name_ja,name_en,kind",
    "code,name_ja,name_en,hs,ewc",
    "id,name,name_en,kind,corporate_number,lg_code,region",
    "id,org,name,name_en,kind,lat,lon,region,capacities",
    "from,to,material,mass,unit,period,route,label,source",
};

const char *jk_kind_name(jk_kind k)
{
    if ((int)k < 0 || k >= JK_KIND_COUNT)
        return "?";
    return kind_names[k];
}

const char *jk_kind_header(jk_kind k)
{
    if ((int)k < 1 || k >= JK_KIND_COUNT)
        return "";
    return kind_headers[k];
}

int jk_kind_parse(const char *s, jk_kind *out)
{
    int k;
    if (strcmp(s, "orgs") == 0 || strcmp(s, "organizations") == 0) {
        *out = JK_KIND_ORGS;
        return JK_OK;
    }
    for (k = 0; k < JK_KIND_COUNT; k++) {
        if (strcmp(kind_names[k], s) == 0) {
            *out = (jk_kind)k;
            return JK_OK;
        }
    }
    return JK_EPARSE;
}

const imp_schema *imp_schema_of(jk_kind k)
{
    return &schemas[k];
}

int imp_field_index(const imp_schema *sc, const char *name)
{
    int i;
    for (i = 0; i < IMP_MAX_FIELDS && sc->fields[i]; i++)
        if (strcmp(sc->fields[i], name) == 0)
            return i;
    return -1;
}

static bool has(const char *const *names, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

jk_kind imp_detect(const char *const *names, size_t n)
{
    if (has(names, n, "from") && has(names, n, "to"))
        return JK_KIND_FLOWS;
    if (has(names, n, "id") && has(names, n, "org"))
        return JK_KIND_SITES;
    if (has(names, n, "id") && has(names, n, "kind"))
        return JK_KIND_ORGS;
    if (has(names, n, "code") && has(names, n, "kind") &&
        (has(names, n, "lg_code") || has(names, n, "iso_alpha3")))
        return JK_KIND_REGIONS;
    if (has(names, n, "code") && has(names, n, "kind"))
        return JK_KIND_ROUTES;
    if (has(names, n, "code"))
        return JK_KIND_MATERIALS;
    return JK_KIND_AUTO;
}

const char *imp_where(const imp_row *r, int f, const imp_schema *sc, char *buf,
                      size_t cap)
{
    if (r->jpath) {
        if (f >= 0)
            jk_snprintf(buf, cap, "%s:%s.%s", r->file, r->jpath, sc->fields[f]);
        else
            jk_snprintf(buf, cap, "%s:%s", r->file, r->jpath);
    } else if (f >= 0 && r->col && r->col[f] > 0) {
        jk_snprintf(buf, cap, "%s:%ld:%d", r->file, r->line, r->col[f]);
    } else {
        jk_snprintf(buf, cap, "%s:%ld", r->file, r->line);
    }
    return buf;
}

/* Report an error on field f ("field: message") and return code. */
static int fail(jk_importer *im, jk_kind k, const imp_row *r, int f, int code,
                const char *fmt, ...) JK_PRINTF(6, 7);

static int fail(jk_importer *im, jk_kind k, const imp_row *r, int f, int code,
                const char *fmt, ...)
{
    const imp_schema *sc = &schemas[k];
    char where[JK_ERR_WHERE], msg[JK_ERR_MSG];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    imp_where(r, f, sc, where, sizeof(where));
    /* CSV names the field in the message; a JSON path already ends in it. */
    if (f >= 0 && !r->jpath)
        return jk_err_set(im->err, code, where, "%s: %s", sc->fields[f], msg);
    return jk_err_set(im->err, code, where, "%s", msg);
}

/* Lift a store error onto the row's location. */
static int store_fail(jk_importer *im, jk_kind k, const imp_row *r, int f,
                      int rc)
{
    char msg[JK_ERR_MSG];
    if (rc == JK_ENOMEM)
        return jk_err_set(im->err, rc, NULL, "out of memory");
    jk_strlcpy(msg, im->err->msg, sizeof(msg));
    return fail(im, k, r, f, rc, "%s", msg);
}

static const char *val(const imp_row *r, int f)
{
    return r->v[f] ? r->v[f] : "";
}

static int parse_coord(jk_importer *im, jk_kind k, const imp_row *r, int flat,
                       int flon, bool *has_coord, double *lat, double *lon)
{
    const char *a = val(r, flat), *b = val(r, flon);
    *has_coord = false;
    *lat = *lon = 0;
    if (!*a && !*b)
        return JK_OK;
    if (!*a)
        return fail(im, k, r, flat, JK_EPARSE,
                    "expected a latitude when a longitude is given");
    if (!*b)
        return fail(im, k, r, flon, JK_EPARSE,
                    "expected a longitude when a latitude is given");
    if (jk_parse_double(a, lat) || *lat < -90 || *lat > 90)
        return fail(im, k, r, flat, JK_EPARSE,
                    "expected a latitude in degrees (-90 to 90), got \"%s\"",
                    a);
    if (jk_parse_double(b, lon) || *lon < -180 || *lon > 180)
        return fail(im, k, r, flon, JK_EPARSE,
                    "expected a longitude in degrees (-180 to 180), got "
                    "\"%s\"",
                    b);
    *has_coord = true;
    return JK_OK;
}

static int check_id(jk_importer *im, jk_kind k, const imp_row *r, int f,
                    jk_entity e, const char *what)
{
    const char *id = val(r, f);
    if (!jk_id_valid(id))
        return fail(im, k, r, f, JK_EPARSE,
                    "expected an identifier of lowercase letters, digits, "
                    "'.', '_' or '-' (at most %d bytes), got \"%s\"",
                    JK_ID_MAX, id);
    if (idset_has(&im->ids[e], id))
        return fail(im, k, r, f, JK_EEXIST, "%s \"%s\" already exists", what,
                    id);
    return JK_OK;
}

static int check_ref(jk_importer *im, jk_kind k, const imp_row *r, int f,
                     jk_entity e, const char *what)
{
    const char *id = val(r, f);
    if (!*id)
        return JK_OK;
    if (!idset_has(&im->ids[e], id))
        return fail(im, k, r, f, JK_ENOTFOUND, "unknown %s \"%s\"", what, id);
    return JK_OK;
}

static int remember(jk_importer *im, jk_entity e, const char *id)
{
    if (idset_add(&im->ids[e], im->arena, id) != JK_OK)
        return jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory");
    return JK_OK;
}

/* Each ';'-separated item must match pred. */
static bool each_item(const char *list, bool (*pred)(const char *, size_t))
{
    const char *p = list;
    if (!*list)
        return true;
    for (;;) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (!pred(p, n))
            return false;
        if (!end)
            return true;
        p = end + 1;
    }
}

static bool is_hs(const char *p, size_t n)
{
    size_t i;
    if (n < 2 || n > 10 || n % 2)
        return false;
    for (i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

/* "20 01 39" or "20 01 35*" */
static bool is_ewc(const char *p, size_t n)
{
    static const char shape[] = "dd dd dd";
    size_t i;
    if (n != 8 && !(n == 9 && p[8] == '*'))
        return false;
    for (i = 0; i < 8; i++) {
        if (shape[i] == 'd' ? (p[i] < '0' || p[i] > '9') : p[i] != ' ')
            return false;
    }
    return true;
}

int imp_material_sig(const jk_material *m, jk_buf *b)
{
    jk_buf_reset(b);
    return jk_buf_addf(b, "%s\x1f%s\x1f%s\x1f%s\x1f%s", m->code, m->name_ja,
                       m->name_en, m->hs, m->ewc);
}

/*
 * Materials: the taxonomy is shared reference data, so importing a
 * material identical to one the store holds is accepted and skipped
 * (an export of a store imports into a fresh one); a different record
 * under the same code is an error.
 */
/* Is m's signature in the set (*found), or add it (found NULL)? */
static int material_sig(jk_importer *im, const jk_material *m, bool *found)
{
    jk_buf sig;
    int rc;

    jk_buf_init(&sig, (size_t)1 << 26);
    rc = imp_material_sig(m, &sig);
    if (rc == JK_OK && found)
        *found = idset_has(&im->material_sigs, jk_buf_str(&sig));
    else if (rc == JK_OK)
        rc = idset_add(&im->material_sigs, im->arena, jk_buf_str(&sig));
    jk_buf_free(&sig);
    if (rc)
        return jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory");
    return JK_OK;
}

static int rec_material(jk_importer *im, const imp_row *r)
{
    const jk_kind k = JK_KIND_MATERIALS;
    char parent[JK_ID_MAX + 1];
    jk_material m;
    int rc;

    m.code = val(r, 0);
    if (!jk_material_code_valid(m.code))
        return fail(im, k, r, 0, JK_EPARSE,
                    "expected a material code such as plastic.pp "
                    "(segments of a-z, 0-9, _ joined by '.'), got \"%s\"",
                    m.code);
    m.name_ja = val(r, 1);
    m.name_en = val(r, 2);
    m.hs = val(r, 3);
    m.ewc = val(r, 4);
    if (idset_has(&im->ids[JK_ENT_MATERIAL], m.code)) {
        bool same = false;
        if ((rc = material_sig(im, &m, &same)))
            return rc;
        if (same) {
            im->unchanged = true;
            return JK_OK;
        }
        return fail(im, k, r, 0, JK_EEXIST,
                    "material \"%s\" already exists with other names or "
                    "codes (see `junkan show materials`)",
                    m.code);
    }
    jk_material_parent(m.code, parent, sizeof(parent));
    if (*parent && !idset_has(&im->ids[JK_ENT_MATERIAL], parent))
        return fail(im, k, r, 0, JK_ENOTFOUND,
                    "parent \"%s\" of \"%s\" does not exist (list parents "
                    "before children)",
                    parent, m.code);
    if (!each_item(m.hs, is_hs))
        return fail(im, k, r, 3, JK_EPARSE,
                    "expected HS codes of 2 to 10 digits separated by ';', "
                    "got \"%s\"",
                    m.hs);
    if (!each_item(m.ewc, is_ewc))
        return fail(im, k, r, 4, JK_EPARSE,
                    "expected EWC codes such as \"20 01 39\" or \"20 01 35*\" "
                    "separated by ';', got \"%s\"",
                    m.ewc);
    rc = jk_store_put_material(im->s, &m, im->err);
    if (rc)
        return store_fail(im, k, r, 0, rc);
    if ((rc = remember(im, JK_ENT_MATERIAL, m.code)))
        return rc;
    return material_sig(im, &m, NULL);
}

static int rec_region(jk_importer *im, const imp_row *r)
{
    const jk_kind k = JK_KIND_REGIONS;
    jk_region g;
    int rc;

    g.code = val(r, 0);
    g.kind = val(r, 1);
    g.parent = val(r, 2);
    g.lg_code = val(r, 3);
    g.iso_alpha3 = val(r, 4);
    g.iso_numeric = val(r, 5);
    g.name_ja = val(r, 6);
    g.name_en = val(r, 7);
    if (!*g.code || strlen(g.code) > 16)
        return fail(im, k, r, 0, JK_EPARSE,
                    "expected a region code, got \"%s\"", g.code);
    if (idset_has(&im->ids[JK_ENT_REGION], g.code))
        return fail(im, k, r, 0, JK_EEXIST, "region \"%s\" already exists",
                    g.code);
    if (strcmp(g.kind, "country") != 0 && strcmp(g.kind, "prefecture") != 0)
        return fail(im, k, r, 1, JK_EPARSE,
                    "expected country or prefecture, got \"%s\"", g.kind);
    if ((rc = check_ref(im, k, r, 2, JK_ENT_REGION, "region")))
        return rc;
    if (*g.lg_code && !jk_lgcode_valid(g.lg_code))
        return fail(im, k, r, 3, JK_EPARSE,
                    "\"%s\" is not a valid 6-digit local government code",
                    g.lg_code);
    if ((rc = parse_coord(im, k, r, 8, 9, &g.has_coord, &g.lat, &g.lon)))
        return rc;
    rc = jk_store_put_region(im->s, &g, im->err);
    if (rc)
        return store_fail(im, k, r, 0, rc);
    return remember(im, JK_ENT_REGION, g.code);
}

static int rec_route(jk_importer *im, const imp_row *r)
{
    static const char *const kinds[] = {"input",    "output",   "stock",
                                        "recovery", "disposal", "transfer"};
    const jk_kind k = JK_KIND_ROUTES;
    jk_route t;
    size_t i;
    int rc;

    t.code = val(r, 0);
    t.name_ja = val(r, 1);
    t.name_en = val(r, 2);
    t.kind = val(r, 3);
    if ((rc = check_id(im, k, r, 0, JK_ENT_ROUTE, "route")))
        return rc;
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(kinds[i], t.kind) == 0)
            break;
    if (i == sizeof(kinds) / sizeof(kinds[0]))
        return fail(im, k, r, 3, JK_EPARSE,
                    "expected input, output, stock, recovery, disposal or "
                    "transfer, got \"%s\"",
                    t.kind);
    rc = jk_store_put_route(im->s, &t, im->err);
    if (rc)
        return store_fail(im, k, r, 0, rc);
    return remember(im, JK_ENT_ROUTE, t.code);
}

static int rec_org(jk_importer *im, const imp_row *r)
{
    const jk_kind k = JK_KIND_ORGS;
    jk_org o;
    int rc;

    o.id = val(r, 0);
    o.name = val(r, 1);
    o.name_en = val(r, 2);
    o.corporate_number = val(r, 4);
    o.lg_code = val(r, 5);
    o.region = val(r, 6);
    if ((rc = check_id(im, k, r, 0, JK_ENT_ORG, "organisation")))
        return rc;
    if (jk_org_kind_parse(val(r, 3), &o.kind) != JK_OK)
        return fail(im, k, r, 3, JK_EPARSE, "expected one of %s, got \"%s\"",
                    jk_org_kind_list(), val(r, 3));
    if (*o.corporate_number && !jk_corpno_valid(o.corporate_number))
        return fail(im, k, r, 4, JK_EPARSE,
                    "\"%s\" is not a valid 13-digit corporate number "
                    "(法人番号; check digit first)",
                    o.corporate_number);
    if (*o.lg_code && !jk_lgcode_valid(o.lg_code))
        return fail(im, k, r, 5, JK_EPARSE,
                    "\"%s\" is not a valid 6-digit local government code "
                    "(全国地方公共団体コード with its check digit)",
                    o.lg_code);
    if ((rc = check_ref(im, k, r, 6, JK_ENT_REGION, "region")))
        return rc;
    if (*o.lg_code && strncmp(o.region, "JP-", 3) == 0 &&
        strncmp(o.region + 3, o.lg_code, 2) != 0)
        return fail(im, k, r, 5, JK_EPARSE,
                    "local government code %s is not in region %s", o.lg_code,
                    o.region);
    rc = jk_store_put_org(im->s, &o, im->err);
    if (rc)
        return store_fail(im, k, r, 0, rc);
    return remember(im, JK_ENT_ORG, o.id);
}

static int rec_site(jk_importer *im, const imp_row *r)
{
    const jk_kind k = JK_KIND_SITES;
    jk_site s;
    jk_capacity *caps;
    size_t i;
    int rc;

    s.id = val(r, 0);
    s.org = val(r, 1);
    s.name = val(r, 2);
    s.name_en = val(r, 3);
    s.region = val(r, 7);
    if ((rc = check_id(im, k, r, 0, JK_ENT_SITE, "site")))
        return rc;
    if ((rc = check_ref(im, k, r, 1, JK_ENT_ORG, "organisation")))
        return rc;
    if (jk_site_kind_parse(val(r, 4), &s.kind) != JK_OK)
        return fail(im, k, r, 4, JK_EPARSE, "expected one of %s, got \"%s\"",
                    jk_site_kind_list(), val(r, 4));
    if ((rc = parse_coord(im, k, r, 5, 6, &s.has_coord, &s.lat, &s.lon)))
        return rc;
    if ((rc = check_ref(im, k, r, 7, JK_ENT_REGION, "region")))
        return rc;
    rc = jk_capacities_parse(val(r, 8), im->scratch, &caps, &s.n_capacities,
                             im->err);
    if (rc == JK_ENOMEM)
        return rc;
    if (rc)
        return store_fail(im, k, r, 8, rc);
    for (i = 0; i < s.n_capacities; i++)
        if (!idset_has(&im->ids[JK_ENT_MATERIAL], caps[i].material))
            return fail(im, k, r, 8, JK_ENOTFOUND, "unknown material \"%s\"",
                        caps[i].material);
    s.capacities = caps;
    rc = jk_store_put_site(im->s, &s, im->err);
    if (rc)
        return store_fail(im, k, r, 0, rc);
    return remember(im, JK_ENT_SITE, s.id);
}

/* A flow endpoint: site:ID and org:ID must exist; a process name or an
 * ext:NAME node is recorded (whole) on first use. */
static int flow_node(jk_importer *im, const imp_row *r, int f)
{
    const jk_kind k = JK_KIND_FLOWS;
    const char *node = val(r, f), *id;
    jk_node_kind nk;
    int rc;

    if (jk_node_parse(node, &nk, &id) != JK_OK)
        return fail(im, k, r, f, JK_EPARSE,
                    "expected site:ID, org:ID, ext:NAME or a process name "
                    "of lowercase letters, digits, '.', '_' or '-', got "
                    "\"%s\"",
                    node);
    if (nk == JK_NODE_SITE && !idset_has(&im->ids[JK_ENT_SITE], id))
        return fail(im, k, r, f, JK_ENOTFOUND, "unknown site \"%s\"", id);
    if (nk == JK_NODE_ORG && !idset_has(&im->ids[JK_ENT_ORG], id))
        return fail(im, k, r, f, JK_ENOTFOUND, "unknown organisation \"%s\"",
                    id);
    if ((nk == JK_NODE_PROCESS || nk == JK_NODE_EXTERNAL) &&
        !idset_has(&im->ids[JK_ENT_PROCESS], node)) {
        rc = jk_store_put_process(im->s, node, im->err);
        if (rc)
            return store_fail(im, k, r, f, rc);
        if ((rc = remember(im, JK_ENT_PROCESS, node)))
            return rc;
        im->st->processes++;
    }
    return JK_OK;
}

static bool ends_with_digit(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9';
}

static int rec_flow(jk_importer *im, const imp_row *r)
{
    const jk_kind k = JK_KIND_FLOWS;
    const jk_unit *unit = NULL;
    const char *mass = val(r, 3), *unit_text = val(r, 4);
    const char *period = val(r, 5);
    jk_flow f;
    int rc;

    f.from = val(r, 0);
    f.to = val(r, 1);
    f.material = val(r, 2);
    f.route = val(r, 6);
    f.label = val(r, 7);
    f.source = val(r, 8);
    if ((rc = flow_node(im, r, 0)) || (rc = flow_node(im, r, 1)))
        return rc;
    if (strcmp(f.from, f.to) == 0)
        return fail(im, k, r, 1, JK_EPARSE,
                    "a flow cannot go from \"%s\" to "
                    "itself",
                    f.to);
    if (!idset_has(&im->ids[JK_ENT_MATERIAL], f.material))
        return fail(im, k, r, 2, JK_ENOTFOUND,
                    "unknown material \"%s\" (see `junkan show materials`)",
                    f.material);
    if (*unit_text) {
        unit = jk_unit_find(unit_text);
        if (!unit)
            return fail(im, k, r, 4, JK_EPARSE,
                        "expected a unit (g, kg, t, kt, Mt, 万t, GRM, KGM, "
                        "TNE, KTN), got \"%s\"",
                        unit_text);
        if (!ends_with_digit(mass))
            return fail(im, k, r, 3, JK_EPARSE,
                        "expected a plain number because the unit column "
                        "says %s, got \"%s\"",
                        unit_text, mass);
    }
    rc = jk_mass_parse(mass, unit, &f.mass, im->err);
    if (rc)
        return store_fail(im, k, r, 3, rc);
    if (f.mass < 0)
        return fail(im, k, r, 3, JK_ERANGE,
                    "expected a mass of zero or more, got \"%s\"", mass);
    if (strcmp(period, im->period_text) != 0) {
        rc = jk_period_parse(period, &im->period, im->err);
        if (rc) {
            im->period_text[0] = '\0';
            return store_fail(im, k, r, 5, rc);
        }
        /* Cache only what fits whole: a truncated text could equal a
         * different, longer one that must be parsed on its own. */
        if (strlen(period) < sizeof(im->period_text))
            jk_strlcpy(im->period_text, period, sizeof(im->period_text));
        else
            im->period_text[0] = '\0';
    }
    f.period = im->period;
    if ((rc = check_ref(im, k, r, 6, JK_ENT_ROUTE, "route")))
        return rc;
    rc = jk_store_put_flow(im->s, &f, im->err);
    if (rc)
        return store_fail(im, k, r, -1, rc);
    return JK_OK;
}

int imp_record(jk_importer *im, jk_kind k, const imp_row *r)
{
    const imp_schema *sc = &schemas[k];
    int f, rc;

    for (f = 0; f < IMP_MAX_FIELDS && sc->fields[f]; f++) {
        if ((sc->required & R(f)) && (!r->v[f] || !*r->v[f]))
            return fail(im, k, r, f, JK_EPARSE, "required, but empty");
        if (r->v[f] && !jk_utf8_valid(r->v[f], strlen(r->v[f])))
            return fail(im, k, r, f, JK_EPARSE, "not valid UTF-8");
    }
    switch (k) {
    case JK_KIND_REGIONS:
        rc = rec_region(im, r);
        break;
    case JK_KIND_ROUTES:
        rc = rec_route(im, r);
        break;
    case JK_KIND_MATERIALS:
        rc = rec_material(im, r);
        break;
    case JK_KIND_ORGS:
        rc = rec_org(im, r);
        break;
    case JK_KIND_SITES:
        rc = rec_site(im, r);
        break;
    case JK_KIND_FLOWS:
        rc = rec_flow(im, r);
        break;
    default:
        return jk_err_set(im->err, JK_EINVAL, NULL, "unknown kind");
    }
    jk_arena_reset(im->scratch);
    if (rc == JK_OK && im->unchanged)
        im->st->unchanged++;
    else if (rc == JK_OK)
        im->st->rows[k]++;
    im->unchanged = false;
    return rc;
}
