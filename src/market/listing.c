/*
 * Listings and rules: the market object, validation of every field, and
 * the CSV and JSON readers. A file lands whole or not at all: on error
 * the counts are put back to what they were before it.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "core/embedded.h"
#include "market/market_int.h"

#define MAX_FIELDS 40
#define MAX_YEN    1e12 /* yen per tonne: prices, premiums, handling */
#define MAX_PROPS  16

int mkt_grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    size_t c;
    void *q;
    if (n < *cap)
        return JK_OK;
    c = *cap ? *cap * 2 : 16;
    q = jk_realloc(*arr, c * sz);
    if (!q)
        return JK_ENOMEM;
    *arr = q;
    *cap = c;
    return JK_OK;
}

int mkt_per_year(const char *r)
{
    if (strcmp(r, "monthly") == 0)
        return 12;
    if (strcmp(r, "quarterly") == 0)
        return 4;
    return 1;
}

jk_period_kind mkt_period_kind(const char *r)
{
    if (strcmp(r, "monthly") == 0)
        return JK_PERIOD_MONTH;
    if (strcmp(r, "quarterly") == 0)
        return JK_PERIOD_FQUARTER;
    return JK_PERIOD_FY;
}

void mkt_period_of(const char *r, int year, int month, jk_period *p)
{
    memset(p, 0, sizeof(*p));
    p->kind = mkt_period_kind(r);
    switch (p->kind) {
    case JK_PERIOD_MONTH:
        p->year = year;
        p->month = month;
        break;
    case JK_PERIOD_FQUARTER:
        p->year = jk_fiscal_year_of(year, month);
        p->month = (month + 8) % 12 / 3 + 1; /* April-June: 1 */
        break;
    default:
        p->year = jk_fiscal_year_of(year, month);
        break;
    }
}

/* ---- the market ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The material codes of the embedded materials.csv (first column). */
static int load_materials(jk_market *m)
{
    const struct jk_embedded_file *f;
    size_t cap = 0;
    for (f = jk_embedded; f->name; f++) {
        const char *s, *end;
        bool header = true;
        if (strcmp(f->name, "materials.csv") != 0)
            continue;
        for (s = f->data, end = f->data + f->len; s < end;) {
            const char *eol = memchr(s, '\n', (size_t)(end - s));
            const char *comma;
            if (!eol)
                eol = end;
            comma = memchr(s, ',', (size_t)(eol - s));
            if (!header && comma && comma > s) {
                char *code = jk_arena_strndup(m->arena, s, (size_t)(comma - s));
                if (!code || mkt_grow((void **)&m->material, &cap,
                                      m->n_material, sizeof(char *)))
                    return JK_ENOMEM;
                m->material[m->n_material++] = code;
            }
            header = false;
            s = eol + 1;
        }
    }
    if (m->n_material)
        qsort(m->material, m->n_material, sizeof(char *), cmp_str);
    return JK_OK;
}

jk_market *jk_market_new(void)
{
    jk_market *m = jk_calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->arena = jk_arena_new(1 << 16);
    if (!m->arena || load_materials(m) != JK_OK) {
        jk_market_free(m);
        return NULL;
    }
    return m;
}

void jk_market_free(jk_market *m)
{
    if (!m)
        return;
    jk_arena_free(m->arena);
    jk_free(m->l);
    jk_free(m->ids);
    jk_free(m->material);
    jk_free(m->grade);
    jk_free(m->permit);
    jk_free(m->excl);
    jk_free(m->hub);
    jk_free(m->chal);
    jk_free(m->capa);
    jk_free(m->part);
    jk_free(m->dec);
    jk_free(m);
}

size_t jk_market_n_listings(const jk_market *m)
{
    return m->n;
}

const jk_mkt_listing *jk_market_listing_at(const jk_market *m, size_t i)
{
    return i < m->n ? &m->l[i] : NULL;
}

static bool material_known(const jk_market *m, const char *code)
{
    return bsearch(&code, m->material, m->n_material, sizeof(char *),
                   cmp_str) != NULL;
}

/* The id hash: open addressing over listing indices + 1 (0 = empty). */
static int ids_rebuild(jk_market *m, size_t want)
{
    size_t cap = 64, i;
    size_t *t;
    while (cap < want * 2)
        cap *= 2;
    t = jk_calloc(cap, sizeof(size_t));
    if (!t)
        return JK_ENOMEM;
    jk_free(m->ids);
    m->ids = t;
    m->ids_cap = cap;
    for (i = 0; i < m->n; i++) {
        size_t h = jk_str_hash(m->l[i].id) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    return JK_OK;
}

size_t mkt_find(const jk_market *m, const char *id)
{
    size_t h;
    if (!m->ids_cap)
        return SIZE_MAX;
    h = jk_str_hash(id) & (m->ids_cap - 1);
    while (m->ids[h]) {
        if (strcmp(m->l[m->ids[h] - 1].id, id) == 0)
            return m->ids[h] - 1;
        h = (h + 1) & (m->ids_cap - 1);
    }
    return SIZE_MAX;
}

const mkt_grade *mkt_grade_find(const jk_market *m, const char *material,
                                const char *grade)
{
    size_t i;
    for (i = 0; i < m->n_grade; i++)
        if (strcmp(m->grade[i].material, material) == 0 &&
            strcmp(m->grade[i].grade, grade) == 0)
            return &m->grade[i];
    return NULL;
}

/* ---- field checks ---- */

static const char *const RECURRENCES[] = {"once", "monthly", "quarterly",
                                          "yearly", NULL};
static const char *const VISIBILITIES[] = {"internal", "partners", "public",
                                           NULL};
static const char *const STATUSES[] = {"draft", "open", "matched", "closed",
                                       NULL};
static const char *const FATES[] = {"incineration", "landfill", "export",
                                    "recycling", NULL};
static const char *const MODES[] = {"truck", "rail", "ship", NULL};

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static int bad(jk_err *err, int code, const char *where, const char *field,
               const char *fmt, ...) JK_PRINTF(5, 6);

static int bad(jk_err *err, int code, const char *where, const char *field,
               const char *fmt, ...)
{
    char msg[JK_ERR_MSG - 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return jk_err_set(err, code, where, "%s: %s", field, msg);
}

static bool date_valid(const char *s)
{
    int i;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return (s[5] == '0' ? s[6] >= '1' : s[5] == '1' && s[6] <= '2') &&
           (s[8] < '3' ? s[8] > '0' || s[9] >= '1'
                       : s[8] == '3' && s[9] <= '1');
}

/* Digits (and the separators allowed by each code system). */
static bool code_valid(const char *s, const char *extra, size_t maxlen)
{
    size_t n = strlen(s), digits = 0;
    if (n == 0 || n > maxlen)
        return false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr(extra, *s))
            return false;
    }
    return digits > 0;
}

/* "name=1.5;p>=2;q<=3;r=2..8" into props; supplies take only name=v.
 * Repeated names are intersected; an empty intersection is a
 * contradiction. */
int mkt_parse_props(jk_market *m, const char *text, jk_mkt_side side,
                    const char *where, jk_mkt_prop **out, size_t *n_out,
                    jk_err *err)
{
    jk_mkt_prop p[MAX_PROPS];
    size_t n = 0, i;
    char buf[512];
    char *s, *save = NULL;

    *out = NULL;
    *n_out = 0;
    if (!*text)
        return JK_OK;
    if (strlen(text) >= sizeof(buf))
        return bad(err, JK_ELIMIT, where, "properties", "longer than %zu bytes",
                   sizeof(buf) - 1);
    jk_strlcpy(buf, text, sizeof(buf));
    for (s = strtok_r(buf, ";", &save); s; s = strtok_r(NULL, ";", &save)) {
        char *op, *name = jk_str_trim(s), *val, *dots;
        double lo = -HUGE_VAL, hi = HUGE_VAL, v;
        char opc;
        if (!*name)
            continue;
        op = strpbrk(name, "<>=");
        if (!op || op == name)
            return bad(err, JK_EPARSE, where, "properties",
                       "expected name=value, name>=min, name<=max or "
                       "name=min..max, got \"%s\"",
                       name);
        opc = *op;
        val = op + 1;
        if (opc != '=') {
            if (*val != '=')
                return bad(err, JK_EPARSE, where, "properties",
                           "expected >= or <= in \"%s\"", name);
            val++;
        }
        *op = '\0';
        name = jk_str_trim(name);
        val = jk_str_trim(val);
        if (!jk_id_valid(name))
            return bad(err, JK_EPARSE, where, "properties",
                       "bad property name \"%s\"", name);
        dots = strstr(val, "..");
        if (opc == '=' && dots) {
            *dots = '\0';
            if (jk_parse_double(jk_str_trim(val), &lo) ||
                jk_parse_double(jk_str_trim(dots + 2), &hi) || !isfinite(lo) ||
                !isfinite(hi))
                return bad(err, JK_EPARSE, where, "properties",
                           "%s: expected min..max numbers", name);
        } else {
            if (jk_parse_double(val, &v) || !isfinite(v))
                return bad(err, JK_EPARSE, where, "properties",
                           "%s: expected a number, got \"%s\"", name, val);
            if (opc == '=')
                lo = hi = v;
            else if (opc == '>')
                lo = v;
            else
                hi = v;
        }
        if (side == JK_MKT_SUPPLY && lo != hi)
            return bad(err, JK_EPARSE, where, "properties",
                       "%s: a supply states measured values (name=value)",
                       name);
        for (i = 0; i < n; i++)
            if (strcmp(p[i].name, name) == 0)
                break;
        if (i == n) {
            if (n == MAX_PROPS)
                return bad(err, JK_ELIMIT, where, "properties",
                           "more than %d properties", MAX_PROPS);
            p[n].name = jk_arena_strdup(m->arena, name);
            if (!p[n].name)
                return jk_err_set(err, JK_ENOMEM, where, "out of memory");
            p[n].lo = lo;
            p[n].hi = hi;
            n++;
        } else {
            if (lo > p[i].lo)
                p[i].lo = lo;
            if (hi < p[i].hi)
                p[i].hi = hi;
        }
        if (p[i].lo > p[i].hi)
            return bad(err, JK_EPARSE, where, "properties",
                       "contradictory spec for %s: at least %g and at most %g",
                       p[i].name, p[i].lo, p[i].hi);
    }
    if (!n)
        return JK_OK;
    *out = jk_arena_alloc(m->arena, n * sizeof(jk_mkt_prop));
    if (!*out)
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    memcpy(*out, p, n * sizeof(jk_mkt_prop));
    *n_out = n;
    return JK_OK;
}

/* Copy every string of l into the arena and append it. */
static int append_listing(jk_market *m, const jk_mkt_listing *l,
                          const char *where, jk_err *err)
{
    jk_mkt_listing c = *l;
    const char **fields[] = {
        &c.id,       &c.org,        &c.material,   &c.grade,    &c.recurrence,
        &c.site,     &c.prefecture, &c.valid_from, &c.valid_to, &c.visibility,
        &c.evidence, &c.status,     &c.ewc,        &c.jw,       &c.hs,
        &c.fate,     &c.mode};
    size_t i;
    if (mkt_grow((void **)&m->l, &m->cap, m->n, sizeof(*m->l)))
        return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        *fields[i] = jk_arena_strdup(m->arena, *fields[i] ? *fields[i] : "");
        if (!*fields[i])
            return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    }
    if (c.n_props && c.props) {
        jk_mkt_prop *p = jk_arena_alloc(m->arena, c.n_props * sizeof(*p));
        if (!p)
            return jk_err_set(err, JK_ENOMEM, where, "out of memory");
        for (i = 0; i < c.n_props; i++) {
            p[i] = c.props[i];
            p[i].name = jk_arena_strdup(m->arena, c.props[i].name);
            if (!p[i].name)
                return jk_err_set(err, JK_ENOMEM, where, "out of memory");
        }
        c.props = p;
    }
    m->l[m->n++] = c;
    if (m->n * 2 > m->ids_cap) {
        if (ids_rebuild(m, m->n * 2))
            return jk_err_set(err, JK_ENOMEM, where, "out of memory");
    } else {
        size_t h = jk_str_hash(c.id) & (m->ids_cap - 1);
        while (m->ids[h])
            h = (h + 1) & (m->ids_cap - 1);
        m->ids[h] = m->n;
    }
    return JK_OK;
}

/* Checks of a listing's values (everything but property syntax). */
static int check_listing(const jk_market *m, const jk_mkt_listing *l,
                         const char *where, jk_err *err)
{
    if (!jk_id_valid(l->id))
        return bad(err, JK_EPARSE, where, "id",
                   "expected 1-64 of [a-z0-9._-], got \"%s\"", l->id);
    if (mkt_find(m, l->id) != SIZE_MAX)
        return bad(err, JK_EEXIST, where, "id", "listing \"%s\" already exists",
                   l->id);
    if (l->side != JK_MKT_SUPPLY && l->side != JK_MKT_DEMAND)
        return bad(err, JK_EPARSE, where, "side", "expected supply or demand");
    if (!material_known(m, l->material))
        return bad(err, JK_EPARSE, where, "material",
                   "unknown material \"%s\" (see materials.csv)", l->material);
    if (l->grams <= 0)
        return bad(err, JK_ERANGE, where, "quantity", "must be more than 0");
    if (l->min_lot < 0)
        return bad(err, JK_ERANGE, where, "min_lot", "must not be negative");
    if (l->min_lot > l->grams)
        return bad(err, JK_ERANGE, where, "min_lot",
                   "larger than the quantity");
    if (!isfinite(l->lat) || l->lat < -90 || l->lat > 90)
        return bad(err, JK_ERANGE, where, "lat",
                   "latitude must be within -90..90 degrees");
    if (!isfinite(l->lon) || l->lon < -180 || l->lon > 180)
        return bad(err, JK_ERANGE, where, "lon",
                   "longitude must be within -180..180 degrees");
    if (!isfinite(l->price) || l->price < 0 || l->price > MAX_YEN)
        return bad(err, JK_ERANGE, where, "price",
                   "yen per tonne, from 0 to 1e12");
    if (!one_of(l->recurrence, RECURRENCES))
        return bad(err, JK_EPARSE, where, "recurrence",
                   "expected once, monthly, quarterly or yearly, got \"%s\"",
                   l->recurrence);
    if (!one_of(l->visibility, VISIBILITIES))
        return bad(err, JK_EPARSE, where, "visibility",
                   "expected internal, partners or public, got \"%s\"",
                   l->visibility);
    if (!one_of(l->status, STATUSES))
        return bad(err, JK_EPARSE, where, "status",
                   "expected draft, open, matched or closed, got \"%s\"",
                   l->status);
    if (!one_of(l->mode, MODES))
        return bad(err, JK_EPARSE, where, "mode",
                   "expected truck, rail or ship, got \"%s\"", l->mode);
    if (*l->fate && (l->side != JK_MKT_SUPPLY || !one_of(l->fate, FATES)))
        return bad(err, JK_EPARSE, where, "fate",
                   "a supply's fate is incineration, landfill, export or "
                   "recycling, got \"%s\"",
                   l->fate);
    if (*l->valid_from && !date_valid(l->valid_from))
        return bad(err, JK_EPARSE, where, "valid_from",
                   "expected YYYY-MM-DD, got \"%s\"", l->valid_from);
    if (*l->valid_to && !date_valid(l->valid_to))
        return bad(err, JK_EPARSE, where, "valid_to",
                   "expected YYYY-MM-DD, got \"%s\"", l->valid_to);
    if (*l->valid_from && *l->valid_to &&
        strcmp(l->valid_from, l->valid_to) > 0)
        return bad(err, JK_ERANGE, where, "valid_to", "before valid_from");
    if (*l->prefecture &&
        (strlen(l->prefecture) < 4 || strlen(l->prefecture) > 6 ||
         l->prefecture[2] != '-'))
        return bad(err, JK_EPARSE, where, "prefecture",
                   "expected an ISO 3166-2 code such as JP-13, got \"%s\"",
                   l->prefecture);
    if (*l->ewc && !code_valid(l->ewc, " *", 9))
        return bad(err, JK_EPARSE, where, "ewc",
                   "expected an EWC code such as \"20 01 39\", got \"%s\"",
                   l->ewc);
    if (*l->jw && !code_valid(l->jw, "", 8))
        return bad(err, JK_EPARSE, where, "jw",
                   "expected a waste type code of digits, got \"%s\"", l->jw);
    if (*l->hs && !code_valid(l->hs, ".", 12))
        return bad(err, JK_EPARSE, where, "hs",
                   "expected an HS code of digits, got \"%s\"", l->hs);
    return JK_OK;
}

int jk_market_add_listing(jk_market *m, const jk_mkt_listing *l,
                          const char *where, jk_err *err)
{
    size_t i;
    int rc = check_listing(m, l, where, err);
    if (rc)
        return rc;
    for (i = 0; i < l->n_props; i++)
        if (l->props[i].lo > l->props[i].hi)
            return bad(err, JK_EPARSE, where, "properties",
                       "contradictory spec for %s: at least %g and at most %g",
                       l->props[i].name, l->props[i].lo, l->props[i].hi);
    return append_listing(m, l, where, err);
}

int jk_market_add_decision(jk_market *m, const char *supply, const char *demand,
                           jk_mkt_decision d, jk_mass grams, jk_err *err)
{
    mkt_decision *x;
    if (mkt_grow((void **)&m->dec, &m->cap_dec, m->n_dec, sizeof(*m->dec)))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    x = &m->dec[m->n_dec];
    x->supply = jk_arena_strdup(m->arena, supply);
    x->demand = jk_arena_strdup(m->arena, demand);
    if (!x->supply || !x->demand)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    x->d = d;
    x->grams = grams;
    m->n_dec++;
    return JK_OK;
}

/* ---- records: one row (CSV) or object (JSON) as key/value strings ---- */

typedef struct rec {
    const char *key[MAX_FIELDS];
    const char *val[MAX_FIELDS];
    int n;
    char where[JK_ERR_WHERE]; /* "file:line" or "file:$.listings[i]" */
} rec;

static const char *get(const rec *r, const char *key)
{
    int i;
    for (i = 0; i < r->n; i++)
        if (strcmp(r->key[i], key) == 0)
            return r->val[i];
    return "";
}

static const char *or_default(const char *v, const char *def)
{
    return *v ? v : def;
}

static const char *const LISTING_KEYS[] = {
    "id",         "side",     "org",        "material",   "grade",
    "properties", "quantity", "unit",       "recurrence", "min_lot",
    "site",       "lat",      "lon",        "prefecture", "price",
    "valid_from", "valid_to", "visibility", "evidence",   "status",
    "ewc",        "jw",       "hs",         "fate",       "mode",
    NULL};

static int rec_listing(jk_market *m, const rec *r, jk_err *err)
{
    jk_mkt_listing l;
    const jk_unit *unit = NULL;
    const char *side = get(r, "side"), *v;
    jk_mkt_prop *props;
    int rc, i;

    for (i = 0; i < r->n; i++)
        if (!one_of(r->key[i], LISTING_KEYS))
            return bad(err, JK_EPARSE, r->where, r->key[i], "unknown field");
    memset(&l, 0, sizeof(l));
    l.id = get(r, "id");
    if (!*l.id)
        return bad(err, JK_EPARSE, r->where, "id", "missing");
    if (strcmp(side, "supply") == 0)
        l.side = JK_MKT_SUPPLY;
    else if (strcmp(side, "demand") == 0)
        l.side = JK_MKT_DEMAND;
    else
        return bad(err, JK_EPARSE, r->where, "side",
                   "expected supply or demand, got \"%s\"", side);
    l.org = get(r, "org");
    l.material = get(r, "material");
    if (!*l.material)
        return bad(err, JK_EPARSE, r->where, "material", "missing");
    l.grade = get(r, "grade");
    v = get(r, "unit");
    if (*v && !(unit = jk_unit_find(v)))
        return bad(err, JK_EPARSE, r->where, "unit", "unknown unit \"%s\"", v);
    v = get(r, "quantity");
    if (!*v)
        return bad(err, JK_EPARSE, r->where, "quantity", "missing");
    if (*v == '-' || *v == '0') {
        double d;
        char num[64];
        size_t k = strspn(v, "-+0123456789.eE");
        jk_strlcpy(num, v, k + 1 < sizeof(num) ? k + 1 : sizeof(num));
        if (jk_parse_double(num, &d) == JK_OK && d <= 0)
            return bad(err, JK_ERANGE, r->where, "quantity",
                       "must be more than 0, got \"%s\"", v);
    }
    if ((rc = jk_mass_parse(v, unit, &l.grams, err)) != JK_OK)
        return bad(err, rc, r->where, "quantity", "%s", err->msg);
    v = get(r, "min_lot");
    if (*v && (rc = jk_mass_parse(v, unit, &l.min_lot, err)) != JK_OK)
        return bad(err, rc, r->where, "min_lot", "%s", err->msg);
    l.recurrence = or_default(get(r, "recurrence"), "once");
    l.site = get(r, "site");
    v = get(r, "lat");
    if (!*v || jk_parse_double(v, &l.lat))
        return bad(err, JK_EPARSE, r->where, "lat",
                   "expected decimal degrees, got \"%s\"", v);
    v = get(r, "lon");
    if (!*v || jk_parse_double(v, &l.lon))
        return bad(err, JK_EPARSE, r->where, "lon",
                   "expected decimal degrees, got \"%s\"", v);
    l.prefecture = get(r, "prefecture");
    v = get(r, "price");
    if (*v && jk_parse_double(v, &l.price))
        return bad(err, JK_EPARSE, r->where, "price",
                   "expected yen per tonne, got \"%s\"", v);
    l.valid_from = get(r, "valid_from");
    l.valid_to = get(r, "valid_to");
    l.visibility = or_default(get(r, "visibility"), "public");
    l.evidence = get(r, "evidence");
    l.status = or_default(get(r, "status"), "open");
    l.ewc = get(r, "ewc");
    l.jw = get(r, "jw");
    l.hs = get(r, "hs");
    l.fate = get(r, "fate");
    l.mode = or_default(get(r, "mode"), "truck");
    if ((rc = check_listing(m, &l, r->where, err)) != JK_OK)
        return rc;
    rc = mkt_parse_props(m, get(r, "properties"), l.side, r->where, &props,
                         &l.n_props, err);
    if (rc)
        return rc;
    l.props = props;
    return append_listing(m, &l, r->where, err);
}

static int rec_grade(jk_market *m, const rec *r, jk_err *err)
{
    const char *mat = get(r, "material"), *grade = get(r, "grade");
    const char *prop = get(r, "property"), *v;
    double lo = -HUGE_VAL, hi = HUGE_VAL, premium = 0;
    mkt_grade *g = (mkt_grade *)mkt_grade_find(m, mat, grade);
    jk_mkt_prop *p;

    if (!material_known(m, mat))
        return bad(err, JK_EPARSE, r->where, "material",
                   "unknown material \"%s\" (see materials.csv)", mat);
    if (!jk_id_valid(grade))
        return bad(err, JK_EPARSE, r->where, "grade",
                   "expected 1-64 of [a-z0-9._-], got \"%s\"", grade);
    if (*prop && !jk_id_valid(prop))
        return bad(err, JK_EPARSE, r->where, "property",
                   "bad property name \"%s\"", prop);
    v = get(r, "min");
    if (*v && jk_parse_double(v, &lo))
        return bad(err, JK_EPARSE, r->where, "min",
                   "expected a number, got \"%s\"", v);
    v = get(r, "max");
    if (*v && jk_parse_double(v, &hi))
        return bad(err, JK_EPARSE, r->where, "max",
                   "expected a number, got \"%s\"", v);
    if (lo > hi)
        return bad(err, JK_EPARSE, r->where, "max",
                   "contradictory range: min %g above max %g", lo, hi);
    v = get(r, "premium");
    if (*v && (jk_parse_double(v, &premium) || !isfinite(premium) ||
               fabs(premium) > MAX_YEN))
        return bad(err, JK_EPARSE, r->where, "premium",
                   "expected yen per tonne (at most 1e12), got \"%s\"", v);
    if (!g) {
        if (mkt_grow((void **)&m->grade, &m->cap_grade, m->n_grade,
                     sizeof(*m->grade)))
            return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
        g = &m->grade[m->n_grade++];
        memset(g, 0, sizeof(*g));
        g->material = jk_arena_strdup(m->arena, mat);
        g->grade = jk_arena_strdup(m->arena, grade);
        if (!g->material || !g->grade)
            return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    }
    if (*v)
        g->premium = premium;
    if (!*prop)
        return JK_OK;
    /* Arena arrays do not grow: copy into a larger one. */
    p = jk_arena_alloc(m->arena, (g->n_props + 1) * sizeof(*p));
    if (!p)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    if (g->n_props)
        memcpy(p, g->props, g->n_props * sizeof(*p));
    p[g->n_props].name = jk_arena_strdup(m->arena, prop);
    p[g->n_props].lo = lo;
    p[g->n_props].hi = hi;
    if (!p[g->n_props].name)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    g->props = p;
    g->n_props++;
    return JK_OK;
}

static int rec_permit(jk_market *m, const rec *r, jk_err *err)
{
    const char *org = get(r, "org"), *wt = get(r, "waste_type");
    const char *pref = or_default(get(r, "prefecture"), "*");
    mkt_permit *p;
    if (!jk_id_valid(org))
        return bad(err, JK_EPARSE, r->where, "org",
                   "expected an organisation id, got \"%s\"", org);
    if (!code_valid(wt, "", 8))
        return bad(err, JK_EPARSE, r->where, "waste_type",
                   "expected a waste type code of digits, got \"%s\"", wt);
    if (mkt_grow((void **)&m->permit, &m->cap_permit, m->n_permit,
                 sizeof(*m->permit)))
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    p = &m->permit[m->n_permit];
    p->org = jk_arena_strdup(m->arena, org);
    p->waste_type = jk_arena_strdup(m->arena, wt);
    p->prefecture = jk_arena_strdup(m->arena, pref);
    if (!p->org || !p->waste_type || !p->prefecture)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    m->n_permit++;
    return JK_OK;
}

static int rec_excl(jk_market *m, const rec *r, jk_err *err)
{
    const char *buyer = get(r, "buyer"), *ex = get(r, "excluded");
    mkt_excl *x;
    if (!jk_id_valid(buyer))
        return bad(err, JK_EPARSE, r->where, "buyer",
                   "expected an organisation or listing id, got \"%s\"", buyer);
    if (!jk_id_valid(ex))
        return bad(err, JK_EPARSE, r->where, "excluded",
                   "expected an organisation id, got \"%s\"", ex);
    if (mkt_grow((void **)&m->excl, &m->cap_excl, m->n_excl, sizeof(*m->excl)))
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    x = &m->excl[m->n_excl];
    x->buyer = jk_arena_strdup(m->arena, buyer);
    x->excluded = jk_arena_strdup(m->arena, ex);
    if (!x->buyer || !x->excluded)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    m->n_excl++;
    return JK_OK;
}

static int rec_hub(jk_market *m, const rec *r, jk_err *err)
{
    const char *id = get(r, "hub"), *v,
               *mode = or_default(get(r, "mode"), "truck");
    mkt_hub h;
    size_t i;
    if (!jk_id_valid(id))
        return bad(err, JK_EPARSE, r->where, "hub",
                   "expected 1-64 of [a-z0-9._-], got \"%s\"", id);
    for (i = 0; i < m->n_hub; i++)
        if (strcmp(m->hub[i].id, id) == 0)
            return bad(err, JK_EEXIST, r->where, "hub",
                       "hub \"%s\" already exists", id);
    v = get(r, "lat");
    if (!*v || jk_parse_double(v, &h.lat) || !(h.lat >= -90 && h.lat <= 90))
        return bad(err, JK_ERANGE, r->where, "lat",
                   "latitude must be within -90..90 degrees");
    v = get(r, "lon");
    if (!*v || jk_parse_double(v, &h.lon) || !(h.lon >= -180 && h.lon <= 180))
        return bad(err, JK_ERANGE, r->where, "lon",
                   "longitude must be within -180..180 degrees");
    v = get(r, "handling");
    if (!*v || jk_parse_double(v, &h.handling) || !(h.handling >= 0) ||
        !(h.handling <= MAX_YEN))
        return bad(err, JK_ERANGE, r->where, "handling",
                   "yen per tonne, from 0 to 1e12");
    if (!one_of(mode, MODES))
        return bad(err, JK_EPARSE, r->where, "mode",
                   "expected truck, rail or ship, got \"%s\"", mode);
    h.mode = strcmp(mode, "rail") == 0 ? 1 : strcmp(mode, "ship") == 0 ? 2 : 0;
    if (mkt_grow((void **)&m->hub, &m->cap_hub, m->n_hub, sizeof(*m->hub)))
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    h.id = jk_arena_strdup(m->arena, id);
    if (!h.id)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    m->hub[m->n_hub++] = h;
    return JK_OK;
}

static int rec_partner(jk_market *m, const rec *r, jk_err *err)
{
    const char *a = get(r, "org"), *b = get(r, "partner");
    mkt_partner *x;
    if (!jk_id_valid(a))
        return bad(err, JK_EPARSE, r->where, "org",
                   "expected an organisation id, got \"%s\"", a);
    if (!jk_id_valid(b))
        return bad(err, JK_EPARSE, r->where, "partner",
                   "expected an organisation id, got \"%s\"", b);
    if (mkt_grow((void **)&m->part, &m->cap_part, m->n_part, sizeof(*m->part)))
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    x = &m->part[m->n_part];
    x->org = jk_arena_strdup(m->arena, a);
    x->partner = jk_arena_strdup(m->arena, b);
    if (!x->org || !x->partner)
        return jk_err_set(err, JK_ENOMEM, r->where, "out of memory");
    m->n_part++;
    return JK_OK;
}

static const char *get_any(const void *r, const char *key)
{
    return get((const rec *)r, key);
}

static int rec_challenge(jk_market *m, const rec *r, jk_err *err)
{
    return mkt_rec_challenge(m, r, get_any, r->where, err);
}

static int rec_capability(jk_market *m, const rec *r, jk_err *err)
{
    return mkt_rec_capability(m, r, get_any, r->where, err);
}

typedef int (*rec_fn)(jk_market *m, const rec *r, jk_err *err);

/* The kind of a CSV file from its header. */
static rec_fn kind_of_header(const char *const *head, int n)
{
    int i;
    bool has[9] = {false, false, false, false, false,
                   false, false, false, false};
    for (i = 0; i < n; i++) {
        has[0] |= strcmp(head[i], "side") == 0;
        has[1] |= strcmp(head[i], "grade") == 0;
        has[2] |= strcmp(head[i], "property") == 0;
        has[3] |= strcmp(head[i], "waste_type") == 0;
        has[4] |= strcmp(head[i], "excluded") == 0;
        has[5] |= strcmp(head[i], "handling") == 0;
        has[6] |= strcmp(head[i], "challenge") == 0;
        has[7] |= strcmp(head[i], "company") == 0;
        has[8] |= strcmp(head[i], "partner") == 0;
    }
    if (has[0])
        return rec_listing;
    if (has[1] && has[2])
        return rec_grade;
    if (has[3])
        return rec_permit;
    if (has[4])
        return rec_excl;
    if (has[5])
        return rec_hub;
    if (has[6])
        return rec_challenge;
    if (has[7])
        return rec_capability;
    if (has[8])
        return rec_partner;
    return NULL;
}

/* ---- CSV ---- */

typedef struct csv_ctx {
    jk_market *m;
    const char *name;
    char *head[MAX_FIELDS];
    const char *key[MAX_FIELDS]; /* head, trimmed */
    int nhead;
    char *cell[MAX_FIELDS];
    int ncell;
    long line;
    bool header_done;
    rec_fn fn;
    jk_err *err;
    int rc;
} csv_ctx;

static void on_field(void *s, size_t len, void *data)
{
    csv_ctx *c = data;
    char *v;
    if (c->rc)
        return;
    if ((c->header_done ? c->ncell : c->nhead) >= MAX_FIELDS) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:%ld", c->name, c->line);
        c->rc = jk_err_set(c->err, JK_ELIMIT, where, "more than %d columns",
                           MAX_FIELDS);
        return;
    }
    v = jk_strndup(s ? (const char *)s : "", s ? len : 0);
    if (!v) {
        c->rc = jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory");
        return;
    }
    if (!c->header_done)
        c->head[c->nhead++] = v;
    else
        c->cell[c->ncell++] = v;
}

static void on_row(int term, void *data)
{
    csv_ctx *c = data;
    int i;
    (void)term;
    if (c->rc)
        goto out;
    if (!c->header_done) {
        c->header_done = true;
        for (i = 0; i < c->nhead; i++)
            c->key[i] = jk_str_trim(c->head[i]);
        c->fn = kind_of_header(c->key, c->nhead);
        if (!c->fn) {
            char where[JK_ERR_WHERE];
            jk_snprintf(where, sizeof(where), "%s:1", c->name);
            c->rc = jk_err_set(c->err, JK_EPARSE, where,
                               "header: not a listings, grades, permits, "
                               "exclusions, hubs, partners, challenges or "
                               "capabilities file (see docs/internals/"
                               "market.md)");
        }
        return;
    }
    if (c->ncell == 1 && !*c->cell[0])
        goto out; /* a blank line */
    if (c->ncell != c->nhead) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:%ld", c->name, c->line);
        c->rc = jk_err_set(c->err, JK_EPARSE, where,
                           "%d fields, the header has %d", c->ncell, c->nhead);
        goto out;
    }
    {
        rec r;
        r.n = 0;
        for (i = 0; i < c->ncell; i++) {
            if (!*c->key[i])
                continue;
            r.key[r.n] = c->key[i];
            r.val[r.n] = jk_str_trim(c->cell[i]);
            r.n++;
        }
        jk_snprintf(r.where, sizeof(r.where), "%s:%ld", c->name, c->line);
        c->rc = c->fn(c->m, &r, c->err);
    }
out:
    for (i = 0; i < c->ncell; i++)
        jk_free(c->cell[i]);
    c->ncell = 0;
}

static int load_csv(jk_market *m, const char *name, const char *data,
                    size_t len, jk_err *err)
{
    struct csv_parser p;
    csv_ctx c;
    const char *q = data, *end = data + len;
    long physical = 1;
    int i;

    memset(&c, 0, sizeof(c));
    c.m = m;
    c.name = name;
    c.err = err;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    csv_set_realloc_func(&p, jk_realloc);
    csv_set_free_func(&p, jk_free);
    while (!c.rc && q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t n = nl ? (size_t)(nl - q) + 1 : (size_t)(end - q);
        c.line = physical;
        if (csv_parse(&p, q, n, on_field, on_row, &c) != n && !c.rc) {
            char where[JK_ERR_WHERE];
            jk_snprintf(where, sizeof(where), "%s:%ld", name, physical);
            c.rc = jk_err_set(err, JK_EPARSE, where, "malformed CSV: %s",
                              csv_strerror(csv_error(&p)));
        }
        if (nl)
            physical++;
        q += n;
    }
    if (!c.rc)
        csv_fini(&p, on_field, on_row, &c);
    if (!c.rc && !c.header_done)
        c.rc = jk_err_set(err, JK_EPARSE, name, "empty file");
    csv_free(&p);
    for (i = 0; i < c.nhead; i++)
        jk_free(c.head[i]);
    for (i = 0; i < c.ncell; i++)
        jk_free(c.cell[i]);
    return c.rc;
}

/* ---- JSON ---- */

static int load_json(jk_market *m, const char *name, const char *data,
                     size_t len, jk_err *err)
{
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    static const struct {
        const char *key;
        rec_fn fn;
    } kinds[] = {{"listings", rec_listing},
                 {"grades", rec_grade},
                 {"permits", rec_permit},
                 {"exclusions", rec_excl},
                 {"hubs", rec_hub},
                 {"challenges", rec_challenge},
                 {"capabilities", rec_capability},
                 {"partners", rec_partner}};
    char where[JK_ERR_WHERE];
    char num[MAX_FIELDS][40];
    int rc = JK_OK;
    size_t k;

    if (!root) {
        jk_snprintf(where, sizeof(where), "%s:%d:%d", name, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "%s", je.text);
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return jk_err_set(err, JK_EPARSE, name,
                          "$: expected an object with \"listings\", "
                          "\"grades\", \"permits\", \"exclusions\", "
                          "\"hubs\", \"challenges\" or \"capabilities\"");
    }
    {
        const char *key;
        json_t *v;
        json_object_foreach (root, key, v) {
            bool known = false;
            for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
                known |= strcmp(key, kinds[k].key) == 0;
            if (!known) {
                jk_snprintf(where, sizeof(where), "%s:$.%s", name, key);
                json_decref(root); /* owns key */
                return jk_err_set(err, JK_EPARSE, where, "unknown key");
            }
        }
    }
    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && !rc; k++) {
        json_t *arr = json_object_get(root, kinds[k].key), *o;
        size_t i;
        if (!arr)
            continue;
        if (!json_is_array(arr)) {
            jk_snprintf(where, sizeof(where), "%s:$.%s", name, kinds[k].key);
            rc = jk_err_set(err, JK_EPARSE, where, "expected an array");
            break;
        }
        json_array_foreach (arr, i, o) {
            rec r;
            const char *key;
            json_t *v;
            jk_snprintf(r.where, sizeof(r.where), "%s:$.%s[%zu]", name,
                        kinds[k].key, i);
            if (!json_is_object(o)) {
                rc = jk_err_set(err, JK_EPARSE, r.where, "expected an object");
                break;
            }
            r.n = 0;
            json_object_foreach (o, key, v) {
                if (r.n == MAX_FIELDS) {
                    rc = jk_err_set(err, JK_ELIMIT, r.where,
                                    "more than %d fields", MAX_FIELDS);
                    break;
                }
                r.key[r.n] = key;
                if (json_is_string(v)) {
                    r.val[r.n] = json_string_value(v);
                } else if (json_is_integer(v)) {
                    jk_snprintf(num[r.n], sizeof(num[r.n]), "%lld",
                                (long long)json_integer_value(v));
                    r.val[r.n] = num[r.n];
                } else if (json_is_real(v)) {
                    /* 15 digits: 0.1 stays "0.1", not 0.10000000000000001
                     * (which would be a fraction of a gram in tonnes) */
                    jk_snprintf(num[r.n], sizeof(num[r.n]), "%.15g",
                                json_real_value(v));
                    r.val[r.n] = num[r.n];
                } else {
                    rc = bad(err, JK_EPARSE, r.where, key,
                             "expected a string or a number");
                    break;
                }
                r.n++;
            }
            if (rc || (rc = kinds[k].fn(m, &r, err)) != JK_OK)
                break;
        }
    }
    json_decref(root);
    return rc;
}

/* ---- loading, all or nothing ---- */

int jk_market_load_buffer(jk_market *m, const char *name, const char *data,
                          size_t len, jk_err *err)
{
    size_t n = m->n, ng = m->n_grade, np = m->n_permit, ne = m->n_excl;
    size_t nh = m->n_hub, nc = m->n_chal, nk = m->n_capa, npa = m->n_part;
    size_t nl = strlen(name);
    size_t *gprops = NULL, i;
    int rc;

    jk_err_clear(err);
    /* Grades may gain properties: remember their counts. */
    if (ng) {
        gprops = jk_malloc(ng * sizeof(size_t));
        if (!gprops)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        for (i = 0; i < ng; i++)
            gprops[i] = m->grade[i].n_props;
    }
    if (nl > 5 && strcmp(name + nl - 5, ".json") == 0)
        rc = load_json(m, name, data, len, err);
    else
        rc = load_csv(m, name, data, len, err);
    if (rc) {
        m->n = n;
        m->n_grade = ng;
        m->n_permit = np;
        m->n_excl = ne;
        m->n_hub = nh;
        m->n_chal = nc;
        m->n_capa = nk;
        m->n_part = npa;
        for (i = 0; i < ng; i++)
            m->grade[i].n_props = gprops[i];
        if (ids_rebuild(m, m->n * 2 + 1))
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    jk_free(gprops);
    return rc;
}

int jk_market_load(jk_market *m, const char *path, jk_err *err)
{
    FILE *fp = fopen(path, "rb");
    jk_buf b;
    char chunk[65536];
    size_t k;
    int rc;

    if (!fp)
        return jk_err_set(err, JK_EIO, path, "cannot read: %s",
                          strerror(errno));
    jk_buf_init(&b, (size_t)1 << 31);
    while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if ((rc = jk_buf_add(&b, chunk, k)) != JK_OK) {
            fclose(fp);
            jk_buf_free(&b);
            return jk_err_set(err, rc, path, "%s", jk_strerror(rc));
        }
    fclose(fp);
    rc = jk_market_load_buffer(m, path, b.data ? b.data : "", b.len, err);
    jk_buf_free(&b);
    return rc;
}
