/*
 * Reference data of the diagnosis (data/diagnosis): peer-type rules,
 * GHG factors, parameters and the measures catalogue, and the one GHG
 * function that the effect calculation goes through.
 */
#include <math.h>
#include <string.h>

#include "diagnosis/dg_int.h"

static const char *const fraction_names[JK_DG_NFRACTION] = {
    "combustible_mixed",
    "incombustible_mixed",
    "bulky",
    "paper",
    "paper_pack",
    "paper_packaging",
    "metal_steel",
    "metal_aluminium",
    "glass",
    "pet",
    "white_tray",
    "plastic_packaging",
    "plastic_other",
    "textile",
    "food",
    "garden",
    "small_appliances",
    "hazardous",
    "other"};

static const char *const fraction_ja[JK_DG_NFRACTION] = {
    "可燃ごみ",     "不燃ごみ",     "粗大ごみ",   "古紙",       "紙パック",
    "紙製容器包装", "スチール缶等", "アルミ缶等", "ガラスびん", "ペットボトル",
    "白色トレイ",   "容器包装プラ", "その他プラ", "布類",       "生ごみ",
    "剪定枝・草",   "小型家電",     "有害ごみ",   "その他"};

static const char *const fraction_en[JK_DG_NFRACTION] = {"Mixed combustible",
                                                         "Mixed incombustible",
                                                         "Bulky",
                                                         "Paper",
                                                         "Paper cartons",
                                                         "Paper packaging",
                                                         "Steel",
                                                         "Aluminium",
                                                         "Glass",
                                                         "PET bottles",
                                                         "White trays",
                                                         "Plastic packaging",
                                                         "Other plastics",
                                                         "Textiles",
                                                         "Food",
                                                         "Garden",
                                                         "Small appliances",
                                                         "Hazardous",
                                                         "Other"};

static const char *const source_names[JK_DG_NSOURCE] = {
    "household_collected", "business_collected", "direct_haul",
    "group_collection"};

static const char *const route_names[JK_DG_NROUTE] = {"direct_incineration",
                                                      "direct_landfill",
                                                      "direct_recycling",
                                                      "sorting_then_recycling",
                                                      "composting",
                                                      "anaerobic_digestion",
                                                      "fuel_rdf",
                                                      "cement",
                                                      "export",
                                                      "other"};

const char *jk_dg_fraction_name(int f)
{
    return f >= 0 && f < JK_DG_NFRACTION ? fraction_names[f] : "ash";
}

const char *jk_dg_fraction_label(int f, const char *lang)
{
    bool ja = lang && strcmp(lang, "ja") == 0;
    if (f < 0 || f >= JK_DG_NFRACTION)
        return ja ? "焼却灰" : "Ash";
    return ja ? fraction_ja[f] : fraction_en[f];
}

const char *jk_dg_source_name(int s)
{
    return s >= 0 && s < JK_DG_NSOURCE ? source_names[s] : "?";
}

const char *jk_dg_route_name(int r)
{
    return r >= 0 && r < JK_DG_NROUTE ? route_names[r] : "?";
}

static int find_name(const char *const *names, int n, const char *s)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

int jk_dg_fraction_parse(const char *s)
{
    return find_name(fraction_names, JK_DG_NFRACTION, s);
}

int jk_dg_route_parse(const char *s)
{
    int r = find_name(route_names, JK_DG_NROUTE, s);
    /* Short forms used in the reference files. */
    if (r < 0 && strcmp(s, "incineration") == 0)
        r = JK_DG_INCINERATION;
    if (r < 0 && strcmp(s, "landfill") == 0)
        r = JK_DG_LANDFILL;
    return r;
}

int dg_source_parse(const char *s)
{
    return find_name(source_names, JK_DG_NSOURCE, s);
}

int dg_fy_days(int fy)
{
    int y = fy + 1; /* February of the fiscal year falls in fy + 1 */
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 366 : 365;
}

/* ---- loading ---- */

static int need_cols(const dg_table *t, const char *const *names, int *col,
                     size_t n, jk_err *err)
{
    size_t i;
    char where[JK_ERR_WHERE];
    for (i = 0; i < n; i++) {
        col[i] = dg_col(t, names[i]);
        if (col[i] < 0) {
            jk_snprintf(where, sizeof(where), "%s:1", t->file);
            return jk_err_set(err, JK_EPARSE, where,
                              "%s: missing column (the header needs %s)",
                              names[i], names[i]);
        }
    }
    return JK_OK;
}

/* A number cell: empty gives dflt when allow_empty, else an error. */
static int num_cell(const dg_table *t, size_t r, int col, const char *field,
                    bool allow_empty, double dflt, double *out, jk_err *err)
{
    const char *s = dg_cell(t, r, col);
    if (s[0] == '\0') {
        if (allow_empty) {
            *out = dflt;
            return JK_OK;
        }
        return dg_fail(err, JK_EPARSE, t, r, field, "expected a number");
    }
    if (jk_parse_double(s, out) != JK_OK || !isfinite(*out))
        return dg_fail(err, JK_EPARSE, t, r, field,
                       "expected a number, got \"%s\"", s);
    return JK_OK;
}

static int load_peer_types(jk_dg_ref *ref, const char *dir, jk_err *err)
{
    static const char *const cols[] = {"version", "city_class", "band",
                                       "pop_min", "pop_max",    "cut23_pct",
                                       "cut3_pct"};
    char path[4096];
    dg_table *t = NULL;
    int c[7] = {0}, rc;
    size_t r;

    jk_snprintf(path, sizeof(path), "%s/peer_types.csv", dir);
    if ((rc = dg_csv_read(path, true, &t, err)) ||
        (rc = need_cols(t, cols, c, 7, err)))
        goto out;
    ref->rule = jk_arena_alloc(ref->arena, (t->nrow + 1) * sizeof(*ref->rule));
    if (!ref->rule) {
        rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
        goto out;
    }
    for (r = 0; r < t->nrow; r++) {
        dg_peer_rule *pr = &ref->rule[r];
        const char *v = dg_cell(t, r, c[0]);
        if (r == 0)
            ref->peer_version = jk_arena_strdup(ref->arena, v);
        else if (strcmp(v, ref->peer_version) != 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "version",
                         "one version per file: \"%s\" after \"%s\"", v,
                         ref->peer_version);
            goto out;
        }
        pr->city_class = jk_arena_strdup(ref->arena, dg_cell(t, r, c[1]));
        pr->band = jk_arena_strdup(ref->arena, dg_cell(t, r, c[2]));
        if (!pr->city_class || !pr->band) {
            rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
            goto out;
        }
        if ((rc =
                 num_cell(t, r, c[3], "pop_min", true, 0, &pr->pop_min, err)) ||
            (rc = num_cell(t, r, c[4], "pop_max", true, (double)INFINITY,
                           &pr->pop_max, err)) ||
            (rc = num_cell(t, r, c[5], "cut23_pct", true, (double)NAN,
                           &pr->cut23, err)) ||
            (rc = num_cell(t, r, c[6], "cut3_pct", true, (double)NAN, &pr->cut3,
                           err)))
            goto out;
    }
    ref->nrules = t->nrow;
    if (!ref->peer_version)
        ref->peer_version = "";
out:
    dg_table_free(t);
    return rc;
}

static int load_ghg(jk_dg_ref *ref, const char *dir, jk_err *err)
{
    static const char *const cols[] = {"fraction", "route", "tco2e_per_t",
                                       "lhv_gj_per_t"};
    char path[4096];
    dg_table *t = NULL;
    int c[4] = {0}, rc;
    size_t r;

    jk_snprintf(path, sizeof(path), "%s/ghg_factors.csv", dir);
    if ((rc = dg_csv_read(path, true, &t, err)) ||
        (rc = need_cols(t, cols, c, 4, err)))
        goto out;
    ref->ghg = jk_arena_alloc(ref->arena, (t->nrow + 1) * sizeof(*ref->ghg));
    if (!ref->ghg) {
        rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
        goto out;
    }
    for (r = 0; r < t->nrow; r++) {
        dg_ghg *g = &ref->ghg[r];
        const char *f = dg_cell(t, r, c[0]), *rt = dg_cell(t, r, c[1]);
        g->fraction = strcmp(f, "ash") == 0 ? -1 : jk_dg_fraction_parse(f);
        if (g->fraction < 0 && strcmp(f, "ash") != 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "fraction",
                         "unknown fraction \"%s\"", f);
            goto out;
        }
        if ((g->route = jk_dg_route_parse(rt)) < 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "route", "unknown route \"%s\"",
                         rt);
            goto out;
        }
        if ((rc = num_cell(t, r, c[2], "tco2e_per_t", false, 0, &g->t_per_t,
                           err)) ||
            (rc = num_cell(t, r, c[3], "lhv_gj_per_t", true, (double)NAN,
                           &g->lhv_gj_t, err)))
            goto out;
    }
    ref->nghg = t->nrow;
out:
    dg_table_free(t);
    return rc;
}

/* Ranges of the parameters the code divides by or scales with. */
static int check_param(const dg_table *t, size_t r, const char *key, double v,
                       jk_err *err)
{
    static const struct {
        const char *key;
        double lo, hi;
        bool lo_open; /* v must be > lo */
    } ranges[] = {
        {"landfill_density", 0, 100, true}, {"mixed_lhv_gj_t", 0, 100, true},
        {"grid_ef", 0, 10, false},          {"plastic_ef", 0, 10, false},
        {"ash_pct", 0, 100, false},         {"residual_cost", 0, 1e7, false},
        {"min_group", 1, 1e6, false},       {"export_quality", 0, 1, false}};
    size_t i;
    for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (strcmp(key, ranges[i].key) == 0 &&
            ((ranges[i].lo_open ? v <= ranges[i].lo : v < ranges[i].lo) ||
             v > ranges[i].hi))
            return dg_fail(err, JK_ERANGE, t, r, "value",
                           "%s must be %s %g and at most %g, got %g", key,
                           ranges[i].lo_open ? "more than" : "at least",
                           ranges[i].lo, ranges[i].hi, v);
    return JK_OK;
}

static int load_params(jk_dg_ref *ref, const char *dir, jk_err *err)
{
    static const char *const cols[] = {"key", "value"};
    char path[4096];
    dg_table *t = NULL;
    int c[2] = {0}, rc;
    size_t r;

    jk_snprintf(path, sizeof(path), "%s/params.csv", dir);
    if ((rc = dg_csv_read(path, true, &t, err)) ||
        (rc = need_cols(t, cols, c, 2, err)))
        goto out;
    ref->param =
        jk_arena_alloc(ref->arena, (t->nrow + 1) * sizeof(*ref->param));
    if (!ref->param) {
        rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
        goto out;
    }
    for (r = 0; r < t->nrow; r++) {
        ref->param[r].key = jk_arena_strdup(ref->arena, dg_cell(t, r, c[0]));
        if (!ref->param[r].key) {
            rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
            goto out;
        }
        if ((rc = num_cell(t, r, c[1], "value", false, 0, &ref->param[r].value,
                           err)))
            goto out;
        if ((rc = check_param(t, r, ref->param[r].key, ref->param[r].value,
                              err)))
            goto out;
    }
    ref->nparams = t->nrow;
out:
    dg_table_free(t);
    return rc;
}

static int load_measures(jk_dg_ref *ref, const char *dir, jk_err *err)
{
    static const char *const cols[] = {"id",
                                       "name_ja",
                                       "name_en",
                                       "fraction",
                                       "to_route",
                                       "target_capture_pct",
                                       "max_capture_pct",
                                       "cost_yen_per_t",
                                       "revenue_yen_per_t"};
    char path[4096];
    dg_table *t = NULL;
    int c[9] = {0}, rc;
    size_t r;

    jk_snprintf(path, sizeof(path), "%s/measures.csv", dir);
    if ((rc = dg_csv_read(path, true, &t, err)) ||
        (rc = need_cols(t, cols, c, 9, err)))
        goto out;
    ref->measure =
        jk_arena_alloc(ref->arena, (t->nrow + 1) * sizeof(*ref->measure));
    if (!ref->measure) {
        rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
        goto out;
    }
    for (r = 0; r < t->nrow; r++) {
        dg_measure *m = &ref->measure[r];
        const char *f = dg_cell(t, r, c[3]), *rt = dg_cell(t, r, c[4]);
        m->id = jk_arena_strdup(ref->arena, dg_cell(t, r, c[0]));
        m->name_ja = jk_arena_strdup(ref->arena, dg_cell(t, r, c[1]));
        m->name_en = jk_arena_strdup(ref->arena, dg_cell(t, r, c[2]));
        if (!m->id || !m->name_ja || !m->name_en) {
            rc = jk_err_set(err, JK_ENOMEM, path, "out of memory");
            goto out;
        }
        m->fraction = strcmp(f, "ash") == 0 ? -1 : jk_dg_fraction_parse(f);
        if (m->fraction < 0 && strcmp(f, "ash") != 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "fraction",
                         "unknown fraction \"%s\"", f);
            goto out;
        }
        if ((m->to_route = jk_dg_route_parse(rt)) < 0) {
            rc = dg_fail(err, JK_EPARSE, t, r, "to_route",
                         "unknown route \"%s\"", rt);
            goto out;
        }
        if ((rc = num_cell(t, r, c[5], "target_capture_pct", true, (double)NAN,
                           &m->fixed_target, err)) ||
            (rc = num_cell(t, r, c[6], "max_capture_pct", true, 100,
                           &m->max_capture, err)) ||
            (rc = num_cell(t, r, c[7], "cost_yen_per_t", false, 0,
                           &m->cost_yen_t, err)) ||
            (rc = num_cell(t, r, c[8], "revenue_yen_per_t", true, 0,
                           &m->revenue_yen_t, err)))
            goto out;
        if (m->fixed_target < 0 || m->fixed_target > 100) {
            rc = dg_fail(err, JK_ERANGE, t, r, "target_capture_pct",
                         "expected a share from 0 to 100, got %g",
                         m->fixed_target);
            goto out;
        }
        if (m->max_capture < 0 || m->max_capture > 100) {
            rc = dg_fail(err, JK_ERANGE, t, r, "max_capture_pct",
                         "expected a share from 0 to 100, got %g",
                         m->max_capture);
            goto out;
        }
    }
    ref->nmeasures = t->nrow;
out:
    dg_table_free(t);
    return rc;
}

int jk_dg_ref_load(const char *dir, jk_dg_ref **out, jk_err *err)
{
    jk_dg_ref *ref = jk_calloc(1, sizeof(*ref));
    int rc;

    *out = NULL;
    if (!ref || !(ref->arena = jk_arena_new(1 << 14))) {
        jk_free(ref);
        return jk_err_set(err, JK_ENOMEM, dir, "out of memory");
    }
    if ((rc = load_peer_types(ref, dir, err)) ||
        (rc = load_ghg(ref, dir, err)) || (rc = load_params(ref, dir, err)) ||
        (rc = load_measures(ref, dir, err))) {
        jk_dg_ref_free(ref);
        return rc;
    }
    *out = ref;
    return JK_OK;
}

void jk_dg_ref_free(jk_dg_ref *r)
{
    if (!r)
        return;
    jk_arena_free(r->arena);
    jk_free(r);
}

const char *jk_dg_ref_peer_version(const jk_dg_ref *r)
{
    return r->peer_version;
}

double jk_dg_ref_param(const jk_dg_ref *r, const char *key)
{
    size_t i;
    for (i = 0; i < r->nparams; i++)
        if (strcmp(r->param[i].key, key) == 0)
            return r->param[i].value;
    return (double)NAN;
}

double dg_param_or(const jk_dg_ref *ref, const char *key, double dflt)
{
    double v = ref ? jk_dg_ref_param(ref, key) : (double)NAN;
    return isnan(v) ? dflt : v;
}

static const dg_ghg *ghg_row(const jk_dg_ref *ref, int f, int r)
{
    size_t i;
    for (i = 0; i < ref->nghg; i++)
        if (ref->ghg[i].fraction == f && ref->ghg[i].route == r)
            return &ref->ghg[i];
    return NULL;
}

/*
 * tCO2e per tonne of fraction f on route r (negative: avoided).
 * Incineration: fossil CO2 of the fraction minus the electricity it
 * would have generated, kwh_per_t of the plant scaled by the fraction's
 * LHV over the mixed-waste LHV, times grid_ef. Export: the recycling
 * credit of direct_recycling times export_quality. Routes without a row:
 * 0 (no factor known), so a measure never claims an unsourced saving.
 */
double dg_ghg_factor(const jk_dg_ref *ref, int f, int r, double kwh_per_t,
                     double grid_ef)
{
    const dg_ghg *g;
    if (r == JK_DG_EXPORT) {
        g = ghg_row(ref, f, JK_DG_RECYCLING);
        if (!g)
            g = ghg_row(ref, f, JK_DG_SORTING);
        return g ? g->t_per_t * dg_param_or(ref, "export_quality", 0.5) : 0;
    }
    if (r == JK_DG_SORTING && !ghg_row(ref, f, r))
        r = JK_DG_RECYCLING;
    else if (r == JK_DG_RECYCLING && !ghg_row(ref, f, r))
        r = JK_DG_SORTING;
    g = ghg_row(ref, f, r);
    if (!g)
        return 0;
    if (r == JK_DG_INCINERATION) {
        double lhv_mixed = dg_param_or(ref, "mixed_lhv_gj_t", 9.78);
        double credit = 0;
        if (!isnan(g->lhv_gj_t) && kwh_per_t > 0 && lhv_mixed > 0)
            credit = kwh_per_t / 1000.0 * (g->lhv_gj_t / lhv_mixed) * grid_ef;
        return g->t_per_t - credit;
    }
    return g->t_per_t;
}

double dg_fossil_co2(const jk_dg_ref *ref, double inc_t, double moisture_pct,
                     double plastic_dry_pct, double sold_mwh, double grid_ef)
{
    double ef = dg_param_or(ref, "plastic_ef", 2.75);
    return inc_t * (1.0 - moisture_pct / 100.0) * plastic_dry_pct / 100.0 * ef -
           sold_mwh * grid_ef;
}
