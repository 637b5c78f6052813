/*
 * Reading a hub network model from a directory of CSV files through the
 * shared reader (jk_csv_read), and its parameters and scenario changes.
 * Every error names the file, its line and the field.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <junkan/model.h>

#include "network/model_int.h"

#define EARTH_KM 6371.0
#define PI       3.14159265358979323846

typedef struct ctx {
    jk_net_model *m;
    const char *path; /* for messages */
    char where[JK_ERR_WHERE];
    jk_err *err;
} ctx;

static const char *at(ctx *c, const jk_csv_row *r)
{
    jk_snprintf(c->where, sizeof(c->where), "%s:%ld", c->path, jk_csv_line(r));
    return c->where;
}

static bool grow(jk_net_model *m, void **p, int *cap, int need, size_t sz)
{
    void *q;
    int nc;
    (void)m;
    if (need <= *cap)
        return true;
    nc = *cap ? *cap * 2 : 16;
    while (nc < need)
        nc *= 2;
    q = jk_realloc(*p, (size_t)nc * sz);
    if (!q)
        return false;
    *p = q;
    *cap = nc;
    return true;
}

int net_site_find(const jk_net_model *m, const char *id)
{
    int i;
    for (i = 0; i < m->nsites; i++)
        if (strcmp(m->sites[i].id, id) == 0)
            return i;
    return -1;
}

int net_hub_find(const jk_net_model *m, const char *id)
{
    int i;
    for (i = 0; i < m->nhubs; i++)
        if (strcmp(m->sites[m->hubs[i].site].id, id) == 0)
            return i;
    return -1;
}

int net_mat_find(const jk_net_model *m, const char *code)
{
    int i;
    for (i = 0; i < m->nmat; i++)
        if (strcmp(m->mat[i], code) == 0)
            return i;
    return -1;
}

bool net_abroad(const net_site *s)
{
    return s->country[0] && strcmp(s->country, "JP") != 0;
}

double net_km(const jk_net_model *m, int a, int b, int k)
{
    const net_site *sa = &m->sites[a], *sb = &m->sites[b];
    double d, p1, p2, dp, dl, h;
    if (!(sa->modes & sb->modes & (1u << k)))
        return (double)NAN;
    d = m->dist[((size_t)a * m->nsites + b) * m->nmodes + k];
    if (!isnan(d))
        return d;
    if (isnan(sa->lon) || isnan(sb->lon))
        return (double)NAN;
    /* Great circle (haversine), times the mode's detour factor. */
    p1 = sa->lat * PI / 180;
    p2 = sb->lat * PI / 180;
    dp = p2 - p1;
    dl = (sb->lon - sa->lon) * PI / 180;
    h = sin(dp / 2) * sin(dp / 2) +
        cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * EARTH_KM * asin(sqrt(h < 1 ? h : 1)) * m->modes[k].detour;
}

/* A number in a column: required or optional (NAN), >= 0 when nonneg. */
static int num(ctx *c, const jk_csv_row *r, const char *col, bool required,
               bool nonneg, double *out)
{
    const char *s = jk_csv_get(r, col);
    *out = (double)NAN;
    if (!*s) {
        if (required)
            return jk_err_set(c->err, JK_EPARSE, at(c, r), "%s: missing value",
                              col);
        return JK_OK;
    }
    if (jk_parse_double(s, out) || !isfinite(*out))
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "%s: expected a number, got \"%s\"", col, s);
    if (nonneg && *out < 0)
        return jk_err_set(c->err, JK_ERANGE, at(c, r),
                          "%s: must not be negative, got %s", col, s);
    return JK_OK;
}

static char *dup(ctx *c, const char *s)
{
    return jk_arena_strdup(c->m->a, s);
}

static int need_id(ctx *c, const jk_csv_row *r, const char *col,
                   const char **out)
{
    *out = jk_csv_get(r, col);
    if (!**out)
        return jk_err_set(c->err, JK_EPARSE, at(c, r), "%s: missing value",
                          col);
    return JK_OK;
}

static int row_material(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    const char *code;
    int rc = need_id(c, r, "code", &code);
    if (rc)
        return rc;
    if (!jk_material_code_valid(code))
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "code: \"%s\" is not a material code (segments of "
                          "a-z, 0-9, _ joined by \".\")",
                          code);
    if (net_mat_find(m, code) >= 0)
        return jk_err_set(c->err, JK_EEXIST, at(c, r),
                          "code: material \"%s\" appears twice", code);
    {
        int c1 = m->cmat, c2 = m->cmat, c3 = m->cmat;
        if (!grow(m, (void **)&m->mat, &c1, m->nmat + 1, sizeof(char *)) ||
            !grow(m, (void **)&m->mat_ja, &c2, m->nmat + 1, sizeof(char *)) ||
            !grow(m, (void **)&m->mat_en, &c3, m->nmat + 1, sizeof(char *)))
            return jk_err_set(c->err, JK_ENOMEM, at(c, r), "out of memory");
        m->cmat = c3;
    }
    m->mat[m->nmat] = dup(c, code);
    m->mat_ja[m->nmat] = dup(c, jk_csv_get(r, "name_ja"));
    m->mat_en[m->nmat] = dup(c, jk_csv_get(r, "name_en"));
    if (!m->mat[m->nmat] || !m->mat_ja[m->nmat] || !m->mat_en[m->nmat])
        return jk_err_set(c->err, JK_ENOMEM, at(c, r), "out of memory");
    m->nmat++;
    return JK_OK;
}

static int row_mode(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    net_mode *k;
    const char *id;
    int rc = need_id(c, r, "mode", &id), i;
    if (rc)
        return rc;
    for (i = 0; i < m->nmodes; i++)
        if (strcmp(m->modes[i].id, id) == 0)
            return jk_err_set(c->err, JK_EEXIST, at(c, r),
                              "mode: \"%s\" appears twice", id);
    if (m->nmodes >= NET_MAX_MODES)
        return jk_err_set(c->err, JK_ELIMIT, at(c, r), "mode: at most %d modes",
                          NET_MAX_MODES);
    k = &m->modes[m->nmodes];
    if ((rc = num(c, r, "cost_per_tkm", true, true, &k->cost)) ||
        (rc = num(c, r, "co2_kg_per_tkm", true, true, &k->co2)) ||
        (rc = num(c, r, "detour", false, true, &k->detour)))
        return rc;
    if (isnan(k->detour))
        k->detour = 1;
    if (k->detour < 1)
        return jk_err_set(c->err, JK_ERANGE, at(c, r),
                          "detour: must be at least 1, got %g", k->detour);
    if (!(k->id = dup(c, id)))
        return JK_ENOMEM;
    m->nmodes++;
    return JK_OK;
}

static int row_site(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    net_site *s;
    const char *id, *kind, *modes;
    int rc = need_id(c, r, "id", &id);
    if (rc)
        return rc;
    if (!jk_id_valid(id))
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "id: \"%s\" is not a valid identifier", id);
    if (net_site_find(m, id) >= 0)
        return jk_err_set(c->err, JK_EEXIST, at(c, r),
                          "id: site \"%s\" appears twice", id);
    if (!grow(m, (void **)&m->sites, &m->csites, m->nsites + 1,
              sizeof(net_site)))
        return JK_ENOMEM;
    s = &m->sites[m->nsites];
    memset(s, 0, sizeof(*s));
    kind = jk_csv_get(r, "kind");
    if (strcmp(kind, "source") == 0)
        s->kind = SITE_SOURCE;
    else if (strcmp(kind, "hub") == 0)
        s->kind = SITE_HUB;
    else if (strcmp(kind, "destination") == 0)
        s->kind = SITE_DEST;
    else
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "kind: expected source, hub or destination, got "
                          "\"%s\"",
                          kind);
    if ((rc = num(c, r, "lon", false, false, &s->lon)) ||
        (rc = num(c, r, "lat", false, false, &s->lat)))
        return rc;
    if (isnan(s->lon) != isnan(s->lat))
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "%s: missing value (give both lon and lat, or "
                          "neither and distances.csv)",
                          isnan(s->lon) ? "lon" : "lat");
    if (!isnan(s->lon) && (fabs(s->lon) > 180 || fabs(s->lat) > 90))
        return jk_err_set(c->err, JK_ERANGE, at(c, r),
                          "lon/lat: %g, %g is not on Earth", s->lon, s->lat);
    modes = jk_csv_get(r, "modes");
    s->id = dup(c, id);
    s->name_ja = dup(c, jk_csv_get(r, "name_ja"));
    s->name_en = dup(c, jk_csv_get(r, "name_en"));
    s->country =
        dup(c, *jk_csv_get(r, "country") ? jk_csv_get(r, "country") : "JP");
    s->modes_text = dup(c, modes);
    s->line = jk_csv_line(r);
    if (!s->id || !s->name_ja || !s->name_en || !s->country || !s->modes_text)
        return JK_ENOMEM;
    m->nsites++;
    return JK_OK;
}

/* After modes.csv: each site's allowed modes as bits. */
static int site_modes(ctx *c)
{
    jk_net_model *m = c->m;
    int i, k;
    for (i = 0; i < m->nsites; i++) {
        net_site *s = &m->sites[i];
        char buf[256], *p, *save = NULL;
        if (!*s->modes_text) {
            s->modes = ~0u;
            continue;
        }
        s->modes = 0;
        jk_strlcpy(buf, s->modes_text, sizeof(buf));
        for (p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
            jk_str_trim(p);
            for (k = 0; k < m->nmodes && strcmp(m->modes[k].id, p) != 0; k++)
                ;
            if (k == m->nmodes) {
                jk_snprintf(c->where, sizeof(c->where), "%s:%ld", c->path,
                            s->line);
                return jk_err_set(c->err, JK_EPARSE, c->where,
                                  "modes: unknown mode \"%s\" (not in "
                                  "modes.csv)",
                                  p);
            }
            s->modes |= 1u << k;
        }
    }
    return JK_OK;
}

static int site_of(ctx *c, const jk_csv_row *r, const char *col, int kind,
                   int *out)
{
    static const char *const kinds[] = {"source", "hub", "destination"};
    const char *id;
    int rc = need_id(c, r, col, &id);
    if (rc)
        return rc;
    *out = net_site_find(c->m, id);
    if (*out < 0)
        return jk_err_set(c->err, JK_ENOTFOUND, at(c, r),
                          "%s: unknown site \"%s\" (not in sites.csv)", col,
                          id);
    if (kind >= 0 && c->m->sites[*out].kind != kind)
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "%s: site \"%s\" is a %s, not a %s", col, id,
                          kinds[c->m->sites[*out].kind], kinds[kind]);
    return JK_OK;
}

static int mat_of(ctx *c, const jk_csv_row *r, int *out)
{
    const char *code;
    int rc = need_id(c, r, "material", &code);
    if (rc)
        return rc;
    *out = net_mat_find(c->m, code);
    if (*out < 0)
        return jk_err_set(c->err, JK_ENOTFOUND, at(c, r),
                          "material: unknown material \"%s\" (not in "
                          "materials.csv)",
                          code);
    return JK_OK;
}

static int row_hub(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    net_hub *h;
    const char *must = jk_csv_get(r, "must");
    int s, rc = site_of(c, r, "hub", SITE_HUB, &s), i;
    if (rc)
        return rc;
    i = net_hub_find(m, m->sites[s].id);
    h = &m->hubs[i];
    if (h->declared)
        return jk_err_set(c->err, JK_EEXIST, at(c, r),
                          "hub: \"%s\" appears twice", m->sites[s].id);
    h->declared = true;
    if ((rc = num(c, r, "fixed_cost", true, true, &h->fixed)))
        return rc;
    if (strcmp(must, "open") == 0)
        h->must = 1;
    else if (strcmp(must, "closed") == 0)
        h->must = -1;
    else if (*must)
        return jk_err_set(c->err, JK_EPARSE, at(c, r),
                          "must: expected open, closed or empty, got \"%s\"",
                          must);
    return JK_OK;
}

static int row_size(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    net_hub *h;
    net_size *z;
    const char *name;
    int s, rc = site_of(c, r, "hub", SITE_HUB, &s), i;
    if (rc || (rc = need_id(c, r, "size", &name)))
        return rc;
    h = &m->hubs[net_hub_find(m, m->sites[s].id)];
    for (i = 0; i < h->nsize; i++)
        if (strcmp(h->size[i].name, name) == 0)
            return jk_err_set(c->err, JK_EEXIST, at(c, r),
                              "size: \"%s\" of hub \"%s\" appears twice", name,
                              m->sites[s].id);
    if (h->nsize >= NET_MAX_SIZES)
        return jk_err_set(c->err, JK_ELIMIT, at(c, r),
                          "size: at most %d sizes per hub", NET_MAX_SIZES);
    z = &h->size[h->nsize];
    if ((rc = num(c, r, "capacity_t", true, true, &z->cap)) ||
        (rc = num(c, r, "cost", true, true, &z->cost)))
        return rc;
    if (!(z->name = dup(c, name)))
        return JK_ENOMEM;
    h->nsize++;
    return JK_OK;
}

static int row_handling(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    int s, k, rc;
    double v;
    if ((rc = site_of(c, r, "hub", SITE_HUB, &s)) || (rc = mat_of(c, r, &k)) ||
        (rc = num(c, r, "cost_per_t", true, true, &v)))
        return rc;
    m->handling[(size_t)net_hub_find(m, m->sites[s].id) * m->nmat + k] = v;
    return JK_OK;
}

static int period_of(ctx *c, const jk_csv_row *r, int *out)
{
    jk_net_model *m = c->m;
    const char *p = jk_csv_get(r, "period");
    int i;
    if (!*p)
        p = "-";
    for (i = 0; i < m->nper; i++)
        if (strcmp(m->per[i], p) == 0) {
            *out = i;
            return JK_OK;
        }
    if (!grow(m, (void **)&m->per, &m->cper, m->nper + 1, sizeof(char *)) ||
        !(m->per[m->nper] = dup(c, p)))
        return jk_err_set(c->err, JK_ENOMEM, at(c, r), "out of memory");
    *out = m->nper++;
    return JK_OK;
}

/* supply.csv and demand.csv are read twice: periods, then values. */
typedef struct qctx {
    ctx c;
    bool demand;
    bool pass2;
} qctx;

static int row_qty(void *vc, const jk_csv_row *r)
{
    qctx *q = vc;
    ctx *c = &q->c;
    jk_net_model *m = c->m;
    int s, k, p, rc;
    double v, *arr;
    if (!q->pass2)
        return period_of(c, r, &p);
    if ((rc = site_of(c, r, q->demand ? "destination" : "source",
                      q->demand ? SITE_DEST : SITE_SOURCE, &s)) ||
        (rc = mat_of(c, r, &k)) || (rc = period_of(c, r, &p)) ||
        (rc = num(c, r, "tonnes", true, true, &v)))
        return rc;
    arr = q->demand ? m->demand : m->supply;
    arr[((size_t)s * m->nmat + k) * m->nper + p] += v;
    return JK_OK;
}

static int row_dist(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    jk_net_model *m = c->m;
    const char *mode;
    int a, b, k, rc;
    double km;
    if ((rc = site_of(c, r, "from", -1, &a)) ||
        (rc = site_of(c, r, "to", -1, &b)) ||
        (rc = need_id(c, r, "mode", &mode)) ||
        (rc = num(c, r, "km", true, true, &km)))
        return rc;
    for (k = 0; k < m->nmodes && strcmp(m->modes[k].id, mode) != 0; k++)
        ;
    if (k == m->nmodes)
        return jk_err_set(c->err, JK_ENOTFOUND, at(c, r),
                          "mode: unknown mode \"%s\" (not in modes.csv)", mode);
    m->dist[((size_t)a * m->nsites + b) * m->nmodes + k] = km;
    m->dist[((size_t)b * m->nsites + a) * m->nmodes + k] = km;
    return JK_OK;
}

static int row_param(void *vc, const jk_csv_row *r)
{
    ctx *c = vc;
    const char *key;
    int rc = need_id(c, r, "key", &key);
    if (rc)
        return rc;
    rc = jk_net_model_set(c->m, key, jk_csv_get(r, "value"), c->err);
    if (rc) {
        char msg[JK_ERR_MSG];
        jk_strlcpy(msg, c->err->msg, sizeof(msg));
        return jk_err_set(c->err, rc, at(c, r), "%s", msg);
    }
    return JK_OK;
}

void jk_net_model_free(jk_net_model *m)
{
    if (!m)
        return;
    jk_free(m->sites);
    jk_free(m->mat);
    jk_free(m->mat_ja);
    jk_free(m->mat_en);
    jk_free(m->per);
    jk_free(m->hubs);
    jk_free(m->handling);
    jk_free(m->supply);
    jk_free(m->demand);
    jk_free(m->dist);
    jk_free(m->banned);
    jk_arena_free(m->a);
    jk_free(m);
}

static int read_file(ctx *c, const char *dir, const char *file,
                     jk_csv_row_cb cb, void *arg, bool required)
{
    char path[1024];
    jk_snprintf(path, sizeof(path), "%s/%s", dir, file);
    c->path = path;
    return jk_csv_read(path, cb, arg, required, c->err);
}

/* Consistency checks after loading. */
static int check(ctx *c, const char *dir)
{
    jk_net_model *m = c->m;
    int i, j, k;
    char path[1024];
    for (i = 0; i < m->nhubs; i++) {
        net_hub *h = &m->hubs[i];
        net_site *s = &m->sites[h->site];
        jk_snprintf(path, sizeof(path), "%s/sites.csv:%ld", dir, s->line);
        if (!h->declared)
            return jk_err_set(c->err, JK_EPARSE, path,
                              "id: hub \"%s\" has no row in hubs.csv", s->id);
        if (h->nsize == 0)
            return jk_err_set(c->err, JK_EPARSE, path,
                              "id: hub \"%s\" has no size in hub_sizes.csv",
                              s->id);
    }
    /* Every site that ships or receives must reach some hub. */
    for (i = 0; i < m->nsites; i++) {
        net_site *s = &m->sites[i];
        bool any = false;
        if (s->kind == SITE_HUB)
            continue;
        for (j = 0; j < m->nhubs && !any; j++)
            for (k = 0; k < m->nmodes && !any; k++)
                any = !isnan(net_km(m, i, m->hubs[j].site, k));
        if (!any && m->nhubs > 0) {
            jk_snprintf(path, sizeof(path), "%s/sites.csv:%ld", dir, s->line);
            return jk_err_set(c->err, JK_EPARSE, path,
                              "lon, lat: site \"%s\" has no coordinates and "
                              "distances.csv gives no distance to any hub",
                              s->id);
        }
    }
    if (m->nmodes == 0)
        return jk_err_set(c->err, JK_EPARSE, dir, "modes.csv: no modes");
    return JK_OK;
}

int jk_net_model_load(const char *dir, jk_net_model **out, jk_err *err)
{
    jk_net_model *m;
    ctx c;
    qctx q;
    int rc, i;
    size_t ns, nq;

    *out = NULL;
    jk_err_clear(err);
    m = jk_calloc(1, sizeof(*m));
    if (!m || !(m->a = jk_arena_new(8192))) {
        jk_free(m);
        return jk_err_set(err, JK_ENOMEM, dir, "out of memory");
    }
    m->max_hubs = -1;
    m->budget = m->co2_cap = (double)NAN;
    m->dir = jk_arena_strdup(m->a, dir);
    memset(&c, 0, sizeof(c));
    c.m = m;
    c.err = err;
    if ((rc = read_file(&c, dir, "materials.csv", row_material, &c, true)) ||
        (rc = read_file(&c, dir, "modes.csv", row_mode, &c, true)) ||
        (rc = read_file(&c, dir, "sites.csv", row_site, &c, true)) ||
        (rc = site_modes(&c)))
        goto fail;
    for (i = 0; i < m->nsites; i++)
        if (m->sites[i].kind == SITE_HUB) {
            if (!grow(m, (void **)&m->hubs, &m->chubs, m->nhubs + 1,
                      sizeof(net_hub))) {
                rc = JK_ENOMEM;
                goto fail;
            }
            memset(&m->hubs[m->nhubs], 0, sizeof(net_hub));
            m->hubs[m->nhubs++].site = i;
        }
    memset(&q, 0, sizeof(q));
    q.c = c;
    if ((rc = read_file(&q.c, dir, "supply.csv", row_qty, &q, true)))
        goto fail;
    q.demand = true;
    if ((rc = read_file(&q.c, dir, "demand.csv", row_qty, &q, true)))
        goto fail;
    if (m->nper == 0) {
        rc = jk_err_set(err, JK_EPARSE, dir, "supply.csv: no rows");
        goto fail;
    }
    ns = (size_t)m->nsites;
    nq = ns * (size_t)(m->nmat ? m->nmat : 1) * (size_t)m->nper;
    m->supply = jk_calloc(nq, sizeof(double));
    m->demand = jk_calloc(nq, sizeof(double));
    m->handling = jk_calloc((size_t)(m->nhubs ? m->nhubs : 1) *
                                (size_t)(m->nmat ? m->nmat : 1),
                            sizeof(double));
    m->dist = jk_malloc(ns * ns * (size_t)m->nmodes * sizeof(double) + 1);
    m->banned = jk_calloc((size_t)m->nmat + 1, sizeof(bool));
    if (!m->supply || !m->demand || !m->handling || !m->dist || !m->banned) {
        rc = jk_err_set(err, JK_ENOMEM, dir, "out of memory");
        goto fail;
    }
    for (i = 0; i < (int)(ns * ns * (size_t)m->nmodes); i++)
        m->dist[i] = (double)NAN;
    q.pass2 = true;
    q.demand = false;
    if ((rc = read_file(&q.c, dir, "supply.csv", row_qty, &q, true)))
        goto fail;
    q.demand = true;
    if ((rc = read_file(&q.c, dir, "demand.csv", row_qty, &q, true)) ||
        (rc = read_file(&c, dir, "hubs.csv", row_hub, &c, true)) ||
        (rc = read_file(&c, dir, "hub_sizes.csv", row_size, &c, true)) ||
        (rc = read_file(&c, dir, "handling.csv", row_handling, &c, false)) ||
        (rc = read_file(&c, dir, "distances.csv", row_dist, &c, false)) ||
        (rc = check(&c, dir)) ||
        (rc = read_file(&c, dir, "params.csv", row_param, &c, false)))
        goto fail;
    *out = m;
    return JK_OK;
fail:
    if (err->code == JK_OK)
        jk_err_set(err, rc, dir, "%s", jk_strerror(rc));
    jk_net_model_free(m);
    return rc;
}

static int set_num(const char *key, const char *v, double *out, jk_err *err)
{
    if (jk_parse_double(v, out) || !isfinite(*out) || *out < 0)
        return jk_err_set(err, JK_EINVAL, "",
                          "%s: expected a non-negative number, got \"%s\"", key,
                          v);
    return JK_OK;
}

int jk_net_model_set(jk_net_model *m, const char *key, const char *value,
                     jk_err *err)
{
    double v;
    int i, h, rc;
    if (strcmp(key, "carbon_price") == 0)
        return set_num(key, value, &m->carbon_price, err);
    if (strcmp(key, "budget") == 0)
        return set_num(key, value, &m->budget, err);
    if (strcmp(key, "co2_cap_t") == 0)
        return set_num(key, value, &m->co2_cap, err);
    if (strcmp(key, "max_hubs") == 0) {
        if ((rc = set_num(key, value, &v, err)))
            return rc;
        if (v != floor(v) || v > 1e6)
            return jk_err_set(err, JK_EINVAL, "",
                              "max_hubs: expected a whole number, got \"%s\"",
                              value);
        m->max_hubs = (int)v;
        return JK_OK;
    }
    if (strcmp(key, "single_source") == 0) {
        if (strcmp(value, "1") != 0 && strcmp(value, "0") != 0)
            return jk_err_set(err, JK_EINVAL, "",
                              "single_source: expected 0 or 1, got \"%s\"",
                              value);
        m->single_source = value[0] == '1';
        return JK_OK;
    }
    if (strcmp(key, "demand_growth") == 0 ||
        strcmp(key, "supply_growth") == 0) {
        double *arr = key[0] == 'd' ? m->demand : m->supply;
        size_t n = (size_t)m->nsites * (size_t)m->nmat * (size_t)m->nper, k;
        if ((rc = set_num(key, value, &v, err)))
            return rc;
        for (k = 0; k < n; k++)
            arr[k] *= v;
        return JK_OK;
    }
    if (strcmp(key, "close_hub") == 0 || strcmp(key, "open_hub") == 0 ||
        strcmp(key, "free_hub") == 0) {
        h = net_hub_find(m, value);
        if (h < 0)
            return jk_err_set(err, JK_EINVAL, "", "%s: unknown hub \"%s\"", key,
                              value);
        m->hubs[h].must = key[0] == 'c' ? -1 : key[0] == 'o' ? 1 : 0;
        return JK_OK;
    }
    if (strcmp(key, "export_ban") == 0) {
        i = net_mat_find(m, value);
        if (i < 0)
            return jk_err_set(err, JK_EINVAL, "",
                              "export_ban: unknown material \"%s\"", value);
        m->banned[i] = true;
        return JK_OK;
    }
    return jk_err_set(err, JK_EINVAL, "",
                      "unknown parameter \"%s\" (carbon_price, max_hubs, "
                      "budget, co2_cap_t, single_source, demand_growth, "
                      "supply_growth, close_hub, open_hub, free_hub, "
                      "export_ban)",
                      key);
}
