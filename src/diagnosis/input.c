/*
 * The municipal input tables (spec §6.1): profiles, flows by fraction ×
 * source × route, the residual-waste composition (the survey's six dry
 * classes, and the wet shares by fraction) and costs; from a directory
 * of CSV files or one JSON document with the same field names.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include <junkan/store.h>

#include "diagnosis/dg_int.h"

typedef struct data_priv {
    jk_arena *arena;
    size_t *slot; /* hash of codes: index + 1, 0 = free */
    size_t cap;
    jk_dg_flow *flows;
} data_priv;

static size_t slot_of(const data_priv *p, const char *code)
{
    size_t h = jk_str_hash(code) & (p->cap - 1);
    return h;
}

const jk_dg_muni *jk_dg_data_find(const jk_dg_data *d, const char *code)
{
    const data_priv *p = d->priv;
    char five[8];
    size_t h, len = strlen(code);

    if (len == 6 && jk_lgcode_valid(code)) {
        memcpy(five, code, 5);
        five[5] = '\0';
        code = five;
    } else if (len != 5) {
        return NULL;
    }
    for (h = slot_of(p, code); p->slot[h]; h = (h + 1) & (p->cap - 1))
        if (strcmp(d->muni[p->slot[h] - 1].code, code) == 0)
            return &d->muni[p->slot[h] - 1];
    return NULL;
}

void jk_dg_data_free(jk_dg_data *d)
{
    data_priv *p;
    if (!d)
        return;
    p = d->priv;
    if (p) {
        jk_arena_free(p->arena);
        jk_free(p->slot);
        jk_free(p->flows);
        jk_free(p);
    }
    jk_free(d->muni);
    jk_free(d);
}

/* "13101" or "131016" (check digit verified) into five[6]. */
static bool norm_code(const char *s, char five[8])
{
    size_t i, len = strlen(s);
    if (len != 5 && len != 6)
        return false;
    for (i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    if (len == 6 && !jk_lgcode_valid(s))
        return false;
    memcpy(five, s, 5);
    five[5] = '\0';
    return true;
}

static int opt_num(const dg_table *t, size_t r, int col, const char *field,
                   double *out, jk_err *err)
{
    const char *s = dg_cell(t, r, col);
    *out = (double)NAN;
    if (s[0] == '\0')
        return JK_OK;
    if (jk_parse_double(s, out) != JK_OK || !isfinite(*out))
        return dg_fail(err, JK_EPARSE, t, r, field,
                       "expected a number, got \"%s\"", s);
    if (*out < 0)
        return dg_fail(err, JK_ERANGE, t, r, field,
                       "negative value %s; expected 0 or more", s);
    if (*out == 0)
        *out = 0; /* "-0" is 0: a store may not keep the sign of a zero */
    return JK_OK;
}

static int req_num(const dg_table *t, size_t r, int col, const char *field,
                   double *out, jk_err *err)
{
    int rc = opt_num(t, r, col, field, out, err);
    if (rc == JK_OK && isnan(*out))
        return dg_fail(err, JK_EPARSE, t, r, field, "required");
    return rc;
}

static int tonnes(const dg_table *t, size_t r, int col, const char *field,
                  bool required, jk_mass *out, jk_err *err)
{
    static const jk_unit *tu;
    const char *s = dg_cell(t, r, col);
    jk_err e;
    *out = 0;
    if (!tu)
        tu = jk_unit_find("t");
    if (s[0] == '\0')
        return required ? dg_fail(err, JK_EPARSE, t, r, field, "required")
                        : JK_OK;
    if (jk_mass_parse(s, tu, out, &e) != JK_OK)
        return dg_fail(err, e.code, t, r, field, "%s", e.msg);
    if (*out < 0)
        return dg_fail(err, JK_ERANGE, t, r, field,
                       "negative tonnes %s; expected 0 or more", s);
    return JK_OK;
}

static int need(const dg_table *t, const char *name, int *col, jk_err *err)
{
    char where[JK_ERR_WHERE];
    *col = dg_col(t, name);
    if (*col >= 0)
        return JK_OK;
    if (t->json)
        jk_snprintf(where, sizeof(where), "%s:$.%s", t->file, t->jkey);
    else
        jk_snprintf(where, sizeof(where), "%s:1", t->file);
    return jk_err_set(err, JK_EPARSE, where, "%s: missing column", name);
}

/* The municipality a row of another table refers to. */
static int muni_of(jk_dg_data *d, const dg_table *t, size_t r, int col,
                   jk_dg_muni **out, jk_err *err)
{
    const char *s = dg_cell(t, r, col);
    char five[8];
    if (!norm_code(s, five))
        return dg_fail(err, JK_EPARSE, t, r, "muni_code",
                       "expected a 5-digit municipality code (or 6 digits "
                       "with check digit), got \"%s\"",
                       s);
    *out = (jk_dg_muni *)jk_dg_data_find(d, five);
    if (!*out)
        return dg_fail(err, JK_ENOTFOUND, t, r, "muni_code",
                       "unknown municipality %s (not in profiles)", five);
    return JK_OK;
}

static const char *const city_classes[] = {"政令市", "中核市", "特例市",
                                           "特別区", "市",     "町村"};

static int load_profiles(jk_dg_data *d, data_priv *p, const dg_table *t,
                         jk_err *err)
{
    enum {
        C_FY,
        C_CODE,
        C_NAME,
        C_PREF,
        C_CLASS,
        C_POP,
        C_POPC,
        C_HH,
        C_E2,
        C_E3,
        C_SEP,
        C_GRID,
        C_LFV,
        C_LFR,
        C_N
    };
    static const char *const names[C_N] = {
        "fiscal_year",        "muni_code",
        "muni_name",          "pref_name",
        "city_class",         "pop_total",
        "pop_collection",     "households",
        "emp_secondary_pct",  "emp_tertiary_pct",
        "separation_type",    "grid_ef",
        "landfill_volume_m3", "landfill_remaining_m3"};
    int c[C_N], rc, i;
    size_t r;

    for (i = 0; i < C_N; i++) {
        c[i] = dg_col(t, names[i]);
        if (c[i] < 0 &&
            (i == C_FY || i == C_CODE || i == C_NAME || i == C_CLASS ||
             i == C_POP) &&
            (rc = need(t, names[i], &c[i], err)))
            return rc;
    }
    d->muni = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*d->muni));
    for (p->cap = 16; p->cap < t->nrow * 2; p->cap *= 2)
        ;
    p->slot = jk_calloc(p->cap, sizeof(*p->slot));
    if (!d->muni || !p->slot)
        return jk_err_set(err, JK_ENOMEM, t->file, "out of memory");
    for (r = 0; r < t->nrow; r++) {
        jk_dg_muni *m = &d->muni[r];
        const char *code = dg_cell(t, r, c[C_CODE]);
        const char *cls = dg_cell(t, r, c[C_CLASS]);
        double fy;
        size_t h, k;

        memset(m, 0, sizeof(*m));
        if (!norm_code(code, m->code))
            return dg_fail(err, JK_EPARSE, t, r, "muni_code",
                           "expected a 5-digit municipality code (or 6 "
                           "digits with check digit), got \"%s\"",
                           code);
        if (jk_dg_data_find(d, m->code))
            return dg_fail(err, JK_EEXIST, t, r, "muni_code",
                           "municipality %s listed twice", m->code);
        if ((rc = req_num(t, r, c[C_FY], "fiscal_year", &fy, err)))
            return rc;
        if (fy < 1900 || fy > 2999 || fy != floor(fy))
            return dg_fail(err, JK_ERANGE, t, r, "fiscal_year",
                           "expected a year such as 2022, got \"%s\"",
                           dg_cell(t, r, c[C_FY]));
        m->fiscal_year = (int)fy;
        for (k = 0; k < sizeof(city_classes) / sizeof(city_classes[0]); k++)
            if (strcmp(cls, city_classes[k]) == 0)
                break;
        if (k == sizeof(city_classes) / sizeof(city_classes[0]))
            return dg_fail(err, JK_EPARSE, t, r, "city_class",
                           "expected 政令市, 中核市, 特例市, 特別区, 市 or "
                           "町村, got \"%s\"",
                           cls);
        m->city_class = city_classes[k];
        m->name = jk_arena_strdup(p->arena, dg_cell(t, r, c[C_NAME]));
        m->pref = jk_arena_strdup(p->arena, dg_cell(t, r, c[C_PREF]));
        m->separation_type = jk_arena_strdup(p->arena, dg_cell(t, r, c[C_SEP]));
        if (!m->name || !m->pref || !m->separation_type)
            return jk_err_set(err, JK_ENOMEM, t->file, "out of memory");
        if ((rc = req_num(t, r, c[C_POP], "pop_total", &m->pop_total, err)) ||
            (rc = opt_num(t, r, c[C_POPC], "pop_collection", &m->pop_collection,
                          err)) ||
            (rc = opt_num(t, r, c[C_HH], "households", &m->households, err)) ||
            (rc = opt_num(t, r, c[C_E2], "emp_secondary_pct",
                          &m->emp_secondary_pct, err)) ||
            (rc = opt_num(t, r, c[C_E3], "emp_tertiary_pct",
                          &m->emp_tertiary_pct, err)) ||
            (rc = opt_num(t, r, c[C_GRID], "grid_ef", &m->grid_ef, err)) ||
            (rc = opt_num(t, r, c[C_LFV], "landfill_volume_m3",
                          &m->landfill_volume_m3, err)) ||
            (rc = opt_num(t, r, c[C_LFR], "landfill_remaining_m3",
                          &m->landfill_remaining_m3, err)))
            return rc;
        if (!(m->pop_total > 0))
            return dg_fail(err, JK_ERANGE, t, r, "pop_total",
                           "expected more than 0 people");
        if (isnan(m->pop_collection))
            m->pop_collection = m->pop_total;
        if (m->emp_secondary_pct + m->emp_tertiary_pct > 100.0 + 1e-9)
            return dg_fail(err, JK_ERANGE, t, r, "emp_tertiary_pct",
                           "secondary + tertiary shares exceed 100 %%");
        m->has_comp = m->has_residual = m->has_costs = false;
        m->power_generated_mwh = m->power_sold_mwh = (double)NAN;
        m->moisture_pct = m->ash_pct = m->lhv_kj_kg = (double)NAN;
        for (k = 0; k < JK_MOE_NCOMP; k++)
            m->comp_dry_pct[k] = (double)NAN;
        for (k = 0; k < JK_DG_NCOST; k++)
            m->cost[k] = (double)NAN;
        d->n = r + 1;
        for (h = slot_of(p, m->code); p->slot[h]; h = (h + 1) & (p->cap - 1))
            ;
        p->slot[h] = r + 1;
    }
    return JK_OK;
}

static int load_flows(jk_dg_data *d, data_priv *p, const dg_table *t,
                      jk_err *err)
{
    int cc, cf, cs, cr, ct, crec, cres, rc;
    size_t r, *count, total = 0, i;
    int *owner;

    if ((rc = need(t, "muni_code", &cc, err)) ||
        (rc = need(t, "fraction", &cf, err)) ||
        (rc = need(t, "source", &cs, err)) ||
        (rc = need(t, "route", &cr, err)) || (rc = need(t, "tonnes", &ct, err)))
        return rc;
    crec = dg_col(t, "recycled_output_t");
    cres = dg_col(t, "residue_landfilled_t");
    p->flows = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*p->flows));
    owner = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*owner));
    count = jk_calloc(d->n + 1, sizeof(*count));
    if (!p->flows || !owner || !count) {
        jk_free(owner);
        jk_free(count);
        return jk_err_set(err, JK_ENOMEM, t->file, "out of memory");
    }
    /* First pass: validate and count per municipality. */
    for (r = 0; r < t->nrow; r++) {
        jk_dg_muni *m;
        jk_dg_flow f;
        const char *s;
        if ((rc = muni_of(d, t, r, cc, &m, err)))
            goto out;
        s = dg_cell(t, r, cf);
        if ((f.fraction = jk_dg_fraction_parse(s)) < 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "fraction",
                         "unknown fraction \"%s\" (see `junkan help "
                         "diagnose-input`)",
                         s);
            goto out;
        }
        s = dg_cell(t, r, cs);
        if ((f.source = dg_source_parse(s)) < 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "source",
                         "expected household_collected, business_collected, "
                         "direct_haul or group_collection, got \"%s\"",
                         s);
            goto out;
        }
        s = dg_cell(t, r, cr);
        if ((f.route = jk_dg_route_parse(s)) < 0 ||
            strcmp(s, "incineration") == 0 || strcmp(s, "landfill") == 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "route",
                         "unknown route \"%s\" (see `junkan help "
                         "diagnose-input`)",
                         s);
            goto out;
        }
        if ((rc = tonnes(t, r, ct, "tonnes", true, &f.mass, err)) ||
            (rc = tonnes(t, r, crec, "recycled_output_t", false, &f.recycled,
                         err)) ||
            (rc = tonnes(t, r, cres, "residue_landfilled_t", false,
                         &f.residue_fill, err)))
            goto out;
        if (f.recycled + f.residue_fill > f.mass) {
            rc = dg_fail(err, JK_ERANGE, t, r, "recycled_output_t",
                         "recycled output and landfilled residue exceed "
                         "the tonnes treated");
            goto out;
        }
        owner[r] = (int)(m - d->muni);
        count[owner[r]]++;
        p->flows[r] = f;
    }
    /* Second pass: group by municipality (stable). */
    {
        jk_dg_flow *sorted = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*sorted));
        size_t *pos = jk_calloc(d->n + 1, sizeof(*pos));
        if (!sorted || !pos) {
            jk_free(sorted);
            jk_free(pos);
            rc = jk_err_set(err, JK_ENOMEM, t->file, "out of memory");
            goto out;
        }
        for (i = 0; i < d->n; i++) {
            pos[i] = total;
            d->muni[i].flows = sorted + total;
            d->muni[i].nflows = count[i];
            total += count[i];
        }
        for (r = 0; r < t->nrow; r++)
            sorted[pos[owner[r]]++] = p->flows[r];
        jk_free(p->flows);
        p->flows = sorted;
        jk_free(pos);
    }
out:
    jk_free(owner);
    jk_free(count);
    return rc;
}

static int load_composition(jk_dg_data *d, const dg_table *t, jk_err *err)
{
    static const char *const dry[JK_MOE_NCOMP] = {
        "paper_cloth_dry_pct",   "plastic_rubber_leather_dry_pct",
        "wood_dry_pct",          "kitchen_dry_pct",
        "incombustible_dry_pct", "other_dry_pct"};
    int cc, c[JK_MOE_NCOMP], cm, ca, cl, cg, cs, rc, k;
    size_t r;

    if ((rc = need(t, "muni_code", &cc, err)))
        return rc;
    for (k = 0; k < JK_MOE_NCOMP; k++)
        c[k] = dg_col(t, dry[k]);
    cm = dg_col(t, "moisture_pct");
    ca = dg_col(t, "ash_pct");
    cl = dg_col(t, "lhv_kj_per_kg");
    cg = dg_col(t, "power_generated_mwh");
    cs = dg_col(t, "power_sold_mwh");
    for (r = 0; r < t->nrow; r++) {
        jk_dg_muni *m;
        double sum = 0;
        int present = 0;
        if ((rc = muni_of(d, t, r, cc, &m, err)))
            return rc;
        if (m->has_comp)
            return dg_fail(err, JK_EEXIST, t, r, "muni_code",
                           "composition of %s given twice", m->code);
        m->has_comp = true;
        for (k = 0; k < JK_MOE_NCOMP; k++) {
            if ((rc = opt_num(t, r, c[k], dry[k], &m->comp_dry_pct[k], err)))
                return rc;
            if (!isnan(m->comp_dry_pct[k])) {
                sum += m->comp_dry_pct[k];
                present++;
            }
        }
        if (present && fabs(sum - 100.0) > 0.5)
            return dg_fail(err, JK_ERANGE, t, r, dry[0],
                           "dry shares sum to %.1f %%, not 100", sum);
        if ((rc = opt_num(t, r, cm, "moisture_pct", &m->moisture_pct, err)) ||
            (rc = opt_num(t, r, ca, "ash_pct", &m->ash_pct, err)) ||
            (rc = opt_num(t, r, cl, "lhv_kj_per_kg", &m->lhv_kj_kg, err)) ||
            (rc = opt_num(t, r, cg, "power_generated_mwh",
                          &m->power_generated_mwh, err)) ||
            (rc = opt_num(t, r, cs, "power_sold_mwh", &m->power_sold_mwh, err)))
            return rc;
        if (m->moisture_pct > 100)
            return dg_fail(err, JK_ERANGE, t, r, "moisture_pct",
                           "more than 100 %%");
    }
    return JK_OK;
}

static int load_residual(jk_dg_data *d, const dg_table *t, jk_err *err)
{
    int cc, cf, cp, rc;
    size_t r, i;
    size_t *first;

    if ((rc = need(t, "muni_code", &cc, err)) ||
        (rc = need(t, "fraction", &cf, err)) ||
        (rc = need(t, "wet_pct", &cp, err)))
        return rc;
    first = jk_calloc(d->n + 1, sizeof(*first));
    if (!first)
        return jk_err_set(err, JK_ENOMEM, t->file, "out of memory");
    for (r = 0; r < t->nrow; r++) {
        jk_dg_muni *m;
        const char *s = dg_cell(t, r, cf);
        int f;
        double v;
        if ((rc = muni_of(d, t, r, cc, &m, err)))
            goto out;
        if ((f = jk_dg_fraction_parse(s)) < 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "fraction",
                         "unknown fraction \"%s\"", s);
            goto out;
        }
        if ((rc = req_num(t, r, cp, "wet_pct", &v, err)))
            goto out;
        if (!m->has_residual) {
            m->has_residual = true;
            first[m - d->muni] = r + 1;
        }
        m->residual_pct[f] += v;
    }
    for (i = 0; i < d->n; i++) {
        double sum = 0;
        int f;
        if (!d->muni[i].has_residual)
            continue;
        for (f = 0; f < JK_DG_NFRACTION; f++)
            sum += d->muni[i].residual_pct[f];
        if (fabs(sum - 100.0) > 0.5) {
            rc = dg_fail(err, JK_ERANGE, t, first[i] - 1, "wet_pct",
                         "shares of %s sum to %.1f %%, not 100",
                         d->muni[i].code, sum);
            goto out;
        }
    }
out:
    jk_free(first);
    return rc;
}

static int load_costs(jk_dg_data *d, const dg_table *t, jk_err *err)
{
    static const char *const names[JK_DG_NCOST] = {"collection_transport",
                                                   "intermediate_treatment",
                                                   "final_disposal",
                                                   "outsourcing",
                                                   "research_study",
                                                   "vehicle_purchase",
                                                   "construction_improvement",
                                                   "power_sales",
                                                   "material_sales"};
    int cc, c[JK_DG_NCOST], rc, k;
    size_t r;

    if ((rc = need(t, "muni_code", &cc, err)))
        return rc;
    for (k = 0; k < JK_DG_NCOST; k++)
        c[k] = dg_col(t, names[k]);
    for (r = 0; r < t->nrow; r++) {
        jk_dg_muni *m;
        if ((rc = muni_of(d, t, r, cc, &m, err)))
            return rc;
        if (m->has_costs)
            return dg_fail(err, JK_EEXIST, t, r, "muni_code",
                           "costs of %s given twice", m->code);
        m->has_costs = true;
        for (k = 0; k < JK_DG_NCOST; k++) {
            if ((rc = opt_num(t, r, c[k], names[k], &m->cost[k], err)))
                return rc;
            if (isnan(m->cost[k]))
                m->cost[k] = 0;
        }
    }
    return JK_OK;
}

typedef int (*table_fn)(jk_dg_data *, const dg_table *, jk_err *);

static const struct {
    const char *key;
    table_fn fn;
} optional_tables[] = {{"composition", load_composition},
                       {"residual", load_residual},
                       {"costs", load_costs}};

/* Where the tables come from: fetch sets *t, or returns JK_ENOTFOUND
 * (no error set) for an absent optional table. */
typedef int (*fetch_fn)(void *ctx, const char *key, bool required, dg_table **t,
                        jk_err *err);

static int load_tables(fetch_fn fetch, void *ctx, jk_dg_data *d, data_priv *p,
                       jk_err *err)
{
    dg_table *t = NULL;
    size_t i;
    int rc;

    if ((rc = fetch(ctx, "profiles", true, &t, err)))
        return rc;
    rc = load_profiles(d, p, t, err);
    dg_table_free(t);
    if (rc)
        return rc;
    rc = fetch(ctx, "flows", false, &t, err);
    if (rc == JK_OK) {
        rc = load_flows(d, p, t, err);
        dg_table_free(t);
        if (rc) /* JK_ENOTFOUND here is an unknown municipality */
            return rc;
    } else if (rc != JK_ENOTFOUND) {
        return rc;
    }
    for (i = 0; i < sizeof(optional_tables) / sizeof(optional_tables[0]); i++) {
        rc = fetch(ctx, optional_tables[i].key, false, &t, err);
        if (rc == JK_ENOTFOUND)
            continue;
        if (rc == JK_OK) {
            rc = optional_tables[i].fn(d, t, err);
            dg_table_free(t);
        }
        if (rc)
            return rc;
    }
    return JK_OK;
}

static int fetch_csv(void *ctx, const char *key, bool required, dg_table **t,
                     jk_err *err)
{
    char path[4096];
    jk_snprintf(path, sizeof(path), "%s/%s.csv", (const char *)ctx, key);
    return dg_csv_read(path, required, t, err);
}

static int load_dir(const char *dir, jk_dg_data *d, data_priv *p, jk_err *err)
{
    return load_tables(fetch_csv, (void *)dir, d, p, err);
}

/* ---- the same tables in a store (migration 8) ---- */

static const struct {
    const char *key;
    jk_dg_tab tab;
} store_tabs[] = {{"profiles", JK_DG_TAB_PROFILES},
                  {"flows", JK_DG_TAB_FLOWS},
                  {"composition", JK_DG_TAB_COMPOSITION},
                  {"residual", JK_DG_TAB_RESIDUAL},
                  {"costs", JK_DG_TAB_COSTS}};

/* The CSV header of a store column: the flows' grams are tonnes. */
static const char *csv_name(const char *col, bool *grams)
{
    *grams = true;
    if (strcmp(col, "grams") == 0)
        return "tonnes";
    if (strcmp(col, "recycled_grams") == 0)
        return "recycled_output_t";
    if (strcmp(col, "residue_grams") == 0)
        return "residue_landfilled_t";
    *grams = false;
    return col;
}

#define DG_STORE_MAX ((size_t)256 << 20) /* as a CSV file (table.c) */

typedef struct csv_out {
    jk_buf b;
    bool grams[32];
    size_t rows;
    bool oom; /* the buffer could not grow */
} csv_out;

static int csv_cell(jk_buf *b, const char *v, bool last)
{
    int rc = jk_buf_adds(b, "\"");
    while (rc == JK_OK && *v) {
        size_t n = strcspn(v, "\"");
        rc = jk_buf_add(b, v, n);
        v += n;
        if (rc == JK_OK && *v == '"') {
            rc = jk_buf_adds(b, "\"\"");
            v++;
        }
    }
    if (rc == JK_OK)
        rc = jk_buf_adds(b, last ? "\"\n" : "\",");
    return rc;
}

/* One stored row as a CSV line: the text the loaders parse from files. */
static int row_to_csv(void *ctx, const char *const *cells, size_t n)
{
    csv_out *o = ctx;
    char num[40];
    size_t i;
    int rc = JK_OK;
    for (i = 0; i < n && rc == JK_OK; i++) {
        const char *v = cells[i] ? cells[i] : "";
        int64_t g;
        if (o->grams[i] && cells[i] && jk_parse_i64(v, &g) == JK_OK && g >= 0) {
            jk_snprintf(num, sizeof(num), "%lld.%06lld",
                        (long long)(g / 1000000), (long long)(g % 1000000));
            v = num;
        }
        rc = csv_cell(&o->b, v, i == n - 1);
    }
    o->rows++;
    if (rc)
        o->oom = true;
    return rc;
}

static int fetch_store(void *ctx, const char *key, bool required, dg_table **t,
                       jk_err *err)
{
    jk_store *s = ctx;
    csv_out o;
    jk_dg_tab tab = JK_DG_TAB_PROFILES;
    char name[64];
    size_t i, n;
    int rc = JK_OK;

    for (i = 0; i < sizeof(store_tabs) / sizeof(store_tabs[0]); i++)
        if (strcmp(store_tabs[i].key, key) == 0)
            tab = store_tabs[i].tab;
    n = jk_store_dg_ncolumns(tab);
    memset(&o, 0, sizeof(o));
    jk_buf_init(&o.b, DG_STORE_MAX);
    for (i = 0; i < n && i < 32 && rc == JK_OK; i++) {
        const char *h = csv_name(jk_store_dg_column_name(tab, i), &o.grams[i]);
        rc = jk_buf_adds(&o.b, h);
        if (rc == JK_OK)
            rc = jk_buf_adds(&o.b, i == n - 1 ? "\n" : ",");
    }
    if (rc) {
        jk_buf_free(&o.b);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    rc = jk_store_dg_each(s, tab, row_to_csv, &o, err);
    if (rc && o.oom)
        rc = jk_err_set(err, JK_ENOMEM, jk_store_dg_table(tab),
                        "out of memory (or more than %zu MB as CSV)",
                        DG_STORE_MAX >> 20);
    if (rc == JK_OK && o.rows == 0 && !required)
        rc = JK_ENOTFOUND;
    jk_snprintf(name, sizeof(name), "store:%s", jk_store_dg_table(tab));
    if (rc == JK_OK)
        rc = dg_csv_parse(name, jk_buf_str(&o.b), o.b.len, t, err);
    jk_buf_free(&o.b);
    return rc;
}

int jk_dg_data_load_store(jk_store *s, jk_dg_data **out, jk_err *err)
{
    jk_dg_data *d = jk_calloc(1, sizeof(*d));
    data_priv *p = jk_calloc(1, sizeof(*p));
    int rc;

    *out = NULL;
    if (!d || !p || !(p->arena = jk_arena_new(1 << 16))) {
        jk_free(d);
        jk_free(p);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    d->priv = p;
    if ((rc = load_tables(fetch_store, s, d, p, err))) {
        jk_dg_data_free(d);
        return rc;
    }
    *out = d;
    return JK_OK;
}

/* A number cell: NULL for NaN. */
static const char *num_cell(char *buf, size_t cap, double v)
{
    if (isnan(v))
        return NULL;
    jk_snprintf(buf, cap, "%.17g", v);
    return buf;
}

static const char *mass_cell(char *buf, size_t cap, jk_mass g)
{
    jk_snprintf(buf, cap, "%lld", (long long)g);
    return buf;
}

int jk_dg_data_save(jk_store *s, const jk_dg_data *d, int64_t *rows,
                    jk_err *err)
{
    const char **codes = jk_calloc(d->n ? d->n : 1, sizeof(*codes));
    char num[16][40];
    const char *c[16];
    size_t i, j;
    int64_t n = 0;
    int rc;

    if (!codes)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; i < d->n; i++)
        codes[i] = d->muni[i].code;
    rc = jk_store_dg_delete(s, codes, d->n, err);
    jk_free(codes);
    for (i = 0; i < d->n && rc == JK_OK; i++) {
        const jk_dg_muni *m = &d->muni[i];
        int k;
        c[0] = m->code;
        jk_snprintf(num[1], sizeof(num[1]), "%d", m->fiscal_year);
        c[1] = num[1];
        c[2] = m->name;
        c[3] = m->pref;
        c[4] = m->city_class;
        c[5] = num_cell(num[5], sizeof(num[5]), m->pop_total);
        c[6] = num_cell(num[6], sizeof(num[6]), m->pop_collection);
        c[7] = num_cell(num[7], sizeof(num[7]), m->households);
        c[8] = num_cell(num[8], sizeof(num[8]), m->emp_secondary_pct);
        c[9] = num_cell(num[9], sizeof(num[9]), m->emp_tertiary_pct);
        c[10] = m->separation_type;
        c[11] = num_cell(num[11], sizeof(num[11]), m->grid_ef);
        c[12] = num_cell(num[12], sizeof(num[12]), m->landfill_volume_m3);
        c[13] = num_cell(num[13], sizeof(num[13]), m->landfill_remaining_m3);
        rc = jk_store_dg_put(s, JK_DG_TAB_PROFILES, c, err);
        n++;
        for (j = 0; j < m->nflows && rc == JK_OK; j++) {
            const jk_dg_flow *f = &m->flows[j];
            c[0] = m->code;
            jk_snprintf(num[1], sizeof(num[1]), "%zu", j + 1);
            c[1] = num[1];
            c[2] = jk_dg_fraction_name(f->fraction);
            c[3] = jk_dg_source_name(f->source);
            c[4] = jk_dg_route_name(f->route);
            c[5] = mass_cell(num[5], sizeof(num[5]), f->mass);
            c[6] = mass_cell(num[6], sizeof(num[6]), f->recycled);
            c[7] = mass_cell(num[7], sizeof(num[7]), f->residue_fill);
            rc = jk_store_dg_put(s, JK_DG_TAB_FLOWS, c, err);
            n++;
        }
        if (rc == JK_OK && m->has_comp) {
            c[0] = m->code;
            for (k = 0; k < JK_MOE_NCOMP; k++)
                c[1 + k] =
                    num_cell(num[1 + k], sizeof(num[0]), m->comp_dry_pct[k]);
            c[7] = num_cell(num[7], sizeof(num[7]), m->moisture_pct);
            c[8] = num_cell(num[8], sizeof(num[8]), m->ash_pct);
            c[9] = num_cell(num[9], sizeof(num[9]), m->lhv_kj_kg);
            c[10] = num_cell(num[10], sizeof(num[10]), m->power_generated_mwh);
            c[11] = num_cell(num[11], sizeof(num[11]), m->power_sold_mwh);
            rc = jk_store_dg_put(s, JK_DG_TAB_COMPOSITION, c, err);
            n++;
        }
        for (k = 0; m->has_residual && k < JK_DG_NFRACTION && rc == JK_OK;
             k++) {
            if (m->residual_pct[k] == 0)
                continue;
            c[0] = m->code;
            c[1] = jk_dg_fraction_name(k);
            c[2] = num_cell(num[2], sizeof(num[2]), m->residual_pct[k]);
            rc = jk_store_dg_put(s, JK_DG_TAB_RESIDUAL, c, err);
            n++;
        }
        if (rc == JK_OK && m->has_costs) {
            c[0] = m->code;
            for (k = 0; k < JK_DG_NCOST; k++)
                c[1 + k] = num_cell(num[1 + k], sizeof(num[0]), m->cost[k]);
            rc = jk_store_dg_put(s, JK_DG_TAB_COSTS, c, err);
            n++;
        }
    }
    if (rows)
        *rows = n;
    return rc;
}

static int load_json(const char *path, jk_dg_data *d, data_priv *p, jk_err *err)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    json_t *arr;
    dg_table *t = NULL;
    char where[JK_ERR_WHERE];
    size_t i;
    int rc;

    if (!doc) {
        jk_snprintf(where, sizeof(where), "%s:%d:%d", path, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "malformed JSON: %s", je.text);
    }
    if (!json_is_object(doc) ||
        !json_is_array(json_object_get(doc, "profiles"))) {
        json_decref(doc);
        return jk_err_set(err, JK_EPARSE, path,
                          "expected an object with a \"profiles\" list");
    }
    rc = dg_json_table(path, "profiles", json_object_get(doc, "profiles"), &t,
                       err);
    if (!rc)
        rc = load_profiles(d, p, t, err);
    dg_table_free(t);
    t = NULL;
    if (!rc && (arr = json_object_get(doc, "flows")) != NULL) {
        if (!(rc = dg_json_table(path, "flows", arr, &t, err)))
            rc = load_flows(d, p, t, err);
        dg_table_free(t);
        t = NULL;
    }
    for (i = 0; !rc && i < sizeof(optional_tables) / sizeof(optional_tables[0]);
         i++) {
        arr = json_object_get(doc, optional_tables[i].key);
        if (!arr)
            continue;
        if (!(rc = dg_json_table(path, optional_tables[i].key, arr, &t, err)))
            rc = optional_tables[i].fn(d, t, err);
        dg_table_free(t);
        t = NULL;
    }
    json_decref(doc);
    return rc;
}

int jk_dg_data_load(const char *path, jk_dg_data **out, jk_err *err)
{
    jk_dg_data *d = jk_calloc(1, sizeof(*d));
    data_priv *p = jk_calloc(1, sizeof(*p));
    size_t len = strlen(path);
    int rc;

    *out = NULL;
    if (!d || !p || !(p->arena = jk_arena_new(1 << 16))) {
        jk_free(d);
        jk_free(p);
        return jk_err_set(err, JK_ENOMEM, path, "out of memory");
    }
    d->priv = p;
    if (len > 5 && strcmp(path + len - 5, ".json") == 0)
        rc = load_json(path, d, p, err);
    else
        rc = load_dir(path, d, p, err);
    if (rc) {
        jk_dg_data_free(d);
        return rc;
    }
    *out = d;
    return JK_OK;
}
