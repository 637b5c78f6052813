/*
 * Municipality-company matching (自治体と企業・スタートアップのマッチング):
 * municipalities post challenges (material, tonnes a year, processes
 * wanted, how far they look), companies post capabilities (materials,
 * processes, capacity, area served). Each (challenge, company) pair in
 * reach gets a score from 0 to 100 with published weights, and the
 * ranking says why.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "market/market_int.h"

#define EARTH_KM 6371.0088
#define PI       3.14159265358979323846

void jk_mkt_weights_init(jk_mkt_weights *w)
{
    w->material = 0.3;
    w->process = 0.3;
    w->capacity = 0.2;
    w->distance = 0.2;
}

static int field_err(jk_err *err, int code, const char *where,
                     const char *field, const char *msg, const char *v)
{
    return jk_err_set(err, code, where, "%s: %s%s%s%s", field, msg,
                      v ? ", got \"" : "", v ? v : "", v ? "\"" : "");
}

/* lat, lon, a distance and a mass, common to both kinds of row. */
static int common(const void *r, mkt_get_fn get, const char *where,
                  const char *qty_field, const char *km_field, double *lat,
                  double *lon, double *km, jk_mass *grams, jk_err *err)
{
    const char *v;
    int rc;
    v = get(r, "lat");
    if (!*v || jk_parse_double(v, lat) || !(*lat >= -90 && *lat <= 90))
        return field_err(err, JK_ERANGE, where, "lat",
                         "latitude must be within -90..90 degrees", NULL);
    v = get(r, "lon");
    if (!*v || jk_parse_double(v, lon) || !(*lon >= -180 && *lon <= 180))
        return field_err(err, JK_ERANGE, where, "lon",
                         "longitude must be within -180..180 degrees", NULL);
    v = get(r, km_field);
    if (!*v || jk_parse_double(v, km) || !(*km > 0 && *km <= 40000))
        return field_err(err, JK_ERANGE, where, km_field, "km, more than 0",
                         *v ? v : NULL);
    v = get(r, qty_field);
    if (!*v)
        return field_err(err, JK_EPARSE, where, qty_field, "missing", NULL);
    if ((rc = jk_mass_parse(v, jk_unit_find("t"), grams, err)) != JK_OK)
        return jk_err_set(err, rc, where, "%s: %s", qty_field, err->msg);
    if (*grams <= 0)
        return field_err(err, JK_ERANGE, where, qty_field,
                         "must be more than 0", v);
    return JK_OK;
}

int mkt_rec_challenge(jk_market *m, const void *r, mkt_get_fn get,
                      const char *where, jk_err *err)
{
    mkt_challenge c;
    int rc;
    memset(&c, 0, sizeof(c));
    c.id = get(r, "challenge");
    c.municipality = get(r, "municipality");
    c.material = get(r, "material");
    c.processes = get(r, "processes");
    if (!jk_id_valid(c.id))
        return field_err(err, JK_EPARSE, where, "challenge",
                         "expected 1-64 of [a-z0-9._-]", c.id);
    if (!jk_material_code_valid(c.material))
        return field_err(err, JK_EPARSE, where, "material",
                         "expected a material code", c.material);
    if ((rc = common(r, get, where, "tonnes", "radius_km", &c.lat, &c.lon,
                     &c.radius_km, &c.grams, err)))
        return rc;
    if (mkt_grow((void **)&m->chal, &m->cap_chal, m->n_chal, sizeof(*m->chal)))
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    c.id = jk_arena_strdup(m->arena, c.id);
    c.municipality = jk_arena_strdup(m->arena, c.municipality);
    c.material = jk_arena_strdup(m->arena, c.material);
    c.processes = jk_arena_strdup(m->arena, c.processes);
    if (!c.id || !c.municipality || !c.material || !c.processes)
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    m->chal[m->n_chal++] = c;
    return JK_OK;
}

int mkt_rec_capability(jk_market *m, const void *r, mkt_get_fn get,
                       const char *where, jk_err *err)
{
    mkt_capability c;
    int rc;
    memset(&c, 0, sizeof(c));
    c.company = get(r, "company");
    c.materials = get(r, "materials");
    c.processes = get(r, "processes");
    if (!jk_id_valid(c.company))
        return field_err(err, JK_EPARSE, where, "company",
                         "expected 1-64 of [a-z0-9._-]", c.company);
    if (!*c.materials)
        return field_err(err, JK_EPARSE, where, "materials",
                         "at least one material code", NULL);
    if ((rc = common(r, get, where, "capacity", "area_km", &c.lat, &c.lon,
                     &c.area_km, &c.grams, err)))
        return rc;
    if (mkt_grow((void **)&m->capa, &m->cap_capa, m->n_capa, sizeof(*m->capa)))
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    c.company = jk_arena_strdup(m->arena, c.company);
    c.materials = jk_arena_strdup(m->arena, c.materials);
    c.processes = jk_arena_strdup(m->arena, c.processes);
    if (!c.company || !c.materials || !c.processes)
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    m->capa[m->n_capa++] = c;
    return JK_OK;
}

/* Is a the same code as b or one of its parents? */
static bool covers(const char *a, size_t na, const char *b)
{
    return strncmp(a, b, na) == 0 && (b[na] == '\0' || b[na] == '.');
}

/* Material fit: 1 when the company handles the material or a parent of
 * it, 0.5 when it handles only a finer code, 0 otherwise. *which gets
 * the company's code that fits best (length in *wn). */
static double material_fit(const char *mats, const char *want,
                           const char **which, size_t *wn)
{
    const char *s = mats;
    double best = 0;
    *which = "";
    *wn = 0;
    while (*s) {
        size_t n = strcspn(s, ";");
        const char *t = s;
        while (n && *t == ' ')
            t++, n--;
        while (n && t[n - 1] == ' ')
            n--;
        if (n && covers(t, n, want) && best < 1) {
            best = 1;
            *which = t;
            *wn = n;
        } else if (n && best < 0.5 && strlen(want) < n &&
                   covers(want, strlen(want), t) && t[strlen(want)] == '.') {
            best = 0.5;
            *which = t;
            *wn = n;
        }
        s += strcspn(s, ";");
        if (*s == ';')
            s++;
    }
    return best;
}

/* Share of the wanted processes the company offers (1 when none wanted);
 * the first missing one in missing. */
static double process_fit(const char *want, const char *offer, char *missing,
                          size_t cap)
{
    const char *s = want;
    int n_want = 0, n_have = 0;
    missing[0] = '\0';
    while (*s) {
        size_t n = strcspn(s, ";");
        if (n) {
            const char *o = offer;
            bool have = false;
            while (*o && !have) {
                size_t k = strcspn(o, ";");
                have = k == n && strncmp(o, s, n) == 0;
                o += k;
                if (*o == ';')
                    o++;
            }
            n_want++;
            n_have += have;
            if (!have && !missing[0])
                jk_snprintf(missing, cap, "%.*s", (int)n, s);
        }
        s += n;
        if (*s == ';')
            s++;
    }
    return n_want ? (double)n_have / n_want : 1.0;
}

static double km_between(double la1, double lo1, double la2, double lo2)
{
    double r = PI / 180, dla = (la2 - la1) * r, dlo = (lo2 - lo1) * r;
    double a = sin(dla / 2) * sin(dla / 2) +
               cos(la1 * r) * cos(la2 * r) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * EARTH_KM * asin(fmin(1.0, sqrt(a)));
}

typedef struct rank_row {
    size_t capa;
    double score, fm, fp, fc, fd, km;
    char why[320];
} rank_row;

static int cmp_row(const void *a, const void *b)
{
    const rank_row *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->km < y->km ? -1 : x->km > y->km;
}

int jk_market_write_ranking(const jk_market *m, const jk_mkt_weights *w,
                            int top, jk_mkt_format f, FILE *out, jk_err *err)
{
    rank_row *rows;
    size_t i, k, n;
    json_t *arr = NULL;
    double wsum;
    char b[2][64];

    if (!(w->material >= 0 && w->process >= 0 && w->capacity >= 0 &&
          w->distance >= 0) ||
        !((wsum = w->material + w->process + w->capacity + w->distance) > 0) ||
        top < 1)
        return jk_err_set(err, JK_EINVAL, "ranking",
                          "weights must be >= 0 with a positive sum, top >= 1");
    rows = jk_malloc((m->n_capa + 1) * sizeof(*rows));
    if (!rows || (f == JK_MKT_JSON && !(arr = json_array()))) {
        jk_free(rows);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (f == JK_MKT_CSV)
        fputs("challenge,municipality,rank,company,score,material_fit,"
              "process_fit,capacity_fit,distance_fit,km,why\n",
              out);
    else if (f == JK_MKT_TABLE)
        fprintf(out,
                "Weights: material %.2f, process %.2f, capacity %.2f, "
                "distance %.2f\n",
                w->material / wsum, w->process / wsum, w->capacity / wsum,
                w->distance / wsum);
    for (i = 0; i < m->n_chal; i++) {
        const mkt_challenge *c = &m->chal[i];
        n = 0;
        for (k = 0; k < m->n_capa; k++) {
            const mkt_capability *p = &m->capa[k];
            rank_row *x = &rows[n];
            const char *which;
            size_t wn;
            char missing[64];
            double reach = fmin(c->radius_km, p->area_km);
            x->km = km_between(c->lat, c->lon, p->lat, p->lon);
            x->fm = material_fit(p->materials, c->material, &which, &wn);
            if (x->fm == 0 || x->km > reach)
                continue; /* not a candidate */
            x->fp = process_fit(c->processes, p->processes, missing,
                                sizeof(missing));
            x->fc = fmin(1.0, (double)p->grams / (double)c->grams);
            x->fd = 1 - x->km / reach;
            x->capa = k;
            x->score = 100 *
                       (w->material * x->fm + w->process * x->fp +
                        w->capacity * x->fc + w->distance * x->fd) /
                       wsum;
            jk_snprintf(
                x->why, sizeof(x->why),
                "material %.*s %s %s; processes %.0f%%%s%s; capacity %s of "
                "%s a year; %.0f km within %.0f km",
                (int)wn, which, x->fm == 1 ? "covers" : "is part of",
                c->material, 100 * x->fp, missing[0] ? ", missing " : "",
                missing,
                jk_mass_format(p->grams, jk_unit_find("t"), 0, true, b[0],
                               sizeof(b[0])),
                jk_mass_format(c->grams, jk_unit_find("t"), 0, true, b[1],
                               sizeof(b[1])),
                x->km, reach);
            n++;
        }
        qsort(rows, n, sizeof(*rows), cmp_row);
        if (f == JK_MKT_TABLE)
            fprintf(out, "\n%s (%s): %s, %s a year\n", c->id, c->municipality,
                    c->material,
                    jk_mass_format(c->grams, jk_unit_find("t"), 0, true, b[0],
                                   sizeof(b[0])));
        if (f == JK_MKT_TABLE && n == 0)
            fprintf(out, "  no company handles it within %.0f km\n",
                    c->radius_km);
        for (k = 0; k < n && k < (size_t)top; k++) {
            const rank_row *x = &rows[k];
            const char *co = m->capa[x->capa].company;
            if (f == JK_MKT_JSON) {
                json_t *o = json_pack(
                    "{s:s, s:s, s:i, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:s}",
                    "challenge", c->id, "municipality", c->municipality, "rank",
                    (int)k + 1, "company", co, "score",
                    nearbyint(x->score * 10) / 10, "material_fit", x->fm,
                    "process_fit", nearbyint(x->fp * 1000) / 1000,
                    "capacity_fit", nearbyint(x->fc * 1000) / 1000,
                    "distance_fit", nearbyint(x->fd * 1000) / 1000, "km",
                    nearbyint(x->km * 10) / 10, "why", x->why);
                if (!o || json_array_append_new(arr, o)) {
                    json_decref(arr);
                    jk_free(rows);
                    return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                }
            } else if (f == JK_MKT_CSV) {
                char num[32];
                jk_csv_field(out, c->id, false);
                jk_csv_field(out, c->municipality, false);
                jk_snprintf(num, sizeof(num), "%d", (int)k + 1);
                jk_csv_field(out, num, false);
                jk_csv_field(out, co, false);
                jk_snprintf(num, sizeof(num), "%.1f", x->score);
                jk_csv_field(out, num, false);
                jk_snprintf(num, sizeof(num), "%.3f", x->fm);
                jk_csv_field(out, num, false);
                jk_snprintf(num, sizeof(num), "%.3f", x->fp);
                jk_csv_field(out, num, false);
                jk_snprintf(num, sizeof(num), "%.3f", x->fc);
                jk_csv_field(out, num, false);
                jk_snprintf(num, sizeof(num), "%.3f", x->fd);
                jk_csv_field(out, num, false);
                jk_snprintf(num, sizeof(num), "%.1f", x->km);
                jk_csv_field(out, num, false);
                jk_csv_field(out, x->why, true);
            } else {
                fprintf(out, "  %d. %-20s %5.1f  %s\n", (int)k + 1, co,
                        x->score, x->why);
            }
        }
    }
    jk_free(rows);
    if (f == JK_MKT_JSON) {
        json_t *root = json_pack(
            "{s:{s:f, s:f, s:f, s:f}, s:o}", "weights", "material",
            w->material / wsum, "process", w->process / wsum, "capacity",
            w->capacity / wsum, "distance", w->distance / wsum, "ranking", arr);
        int rc;
        if (!root)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        rc = json_dumpf(root, out,
                        JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                            JSON_REAL_PRECISION(12));
        json_decref(root);
        if (rc || fputc('\n', out) == EOF)
            return jk_err_set(err, JK_EIO, NULL, "write failed");
    }
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}
