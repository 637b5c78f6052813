/*
 * The diagnosis input tables (migration 8): one descriptor of their
 * columns shared by both backends, the SQL built from it, and the
 * public functions, which check the cells before any backend sees them.
 */
#include <string.h>

#include "store/store_int.h"

static const jk_dg_col profile_cols[] = {
    {"muni_code", 'T'},          {"fiscal_year", 'I'},
    {"muni_name", 'T'},          {"pref_name", 'T'},
    {"city_class", 'T'},         {"pop_total", 'R'},
    {"pop_collection", 'R'},     {"households", 'R'},
    {"emp_secondary_pct", 'R'},  {"emp_tertiary_pct", 'R'},
    {"separation_type", 'T'},    {"grid_ef", 'R'},
    {"landfill_volume_m3", 'R'}, {"landfill_remaining_m3", 'R'}};

static const jk_dg_col flow_cols[] = {
    {"muni_code", 'T'},      {"seq", 'I'},          {"fraction", 'T'},
    {"source", 'T'},         {"route", 'T'},        {"grams", 'I'},
    {"recycled_grams", 'I'}, {"residue_grams", 'I'}};

static const jk_dg_col composition_cols[] = {
    {"muni_code", 'T'},
    {"paper_cloth_dry_pct", 'R'},
    {"plastic_rubber_leather_dry_pct", 'R'},
    {"wood_dry_pct", 'R'},
    {"kitchen_dry_pct", 'R'},
    {"incombustible_dry_pct", 'R'},
    {"other_dry_pct", 'R'},
    {"moisture_pct", 'R'},
    {"ash_pct", 'R'},
    {"lhv_kj_per_kg", 'R'},
    {"power_generated_mwh", 'R'},
    {"power_sold_mwh", 'R'}};

static const jk_dg_col residual_cols[] = {
    {"muni_code", 'T'}, {"fraction", 'T'}, {"wet_pct", 'R'}};

static const jk_dg_col cost_cols[] = {{"muni_code", 'T'},
                                      {"collection_transport", 'R'},
                                      {"intermediate_treatment", 'R'},
                                      {"final_disposal", 'R'},
                                      {"outsourcing", 'R'},
                                      {"research_study", 'R'},
                                      {"vehicle_purchase", 'R'},
                                      {"construction_improvement", 'R'},
                                      {"power_sales", 'R'},
                                      {"material_sales", 'R'}};

#define NCOL(a) (sizeof(a) / sizeof(a[0]))

/* Children after their parent (inserts), deleted in reverse. */
const jk_dg_desc jk_dg_tabs[JK_DG_TAB_COUNT] = {
    {"dg_profile", NCOL(profile_cols), 1, profile_cols},
    {"dg_flow", NCOL(flow_cols), 2, flow_cols},
    {"dg_composition", NCOL(composition_cols), 1, composition_cols},
    {"dg_residual", NCOL(residual_cols), 2, residual_cols},
    {"dg_cost", NCOL(cost_cols), 1, cost_cols},
};

static bool tab_ok(jk_dg_tab t)
{
    return (int)t >= 0 && t < JK_DG_TAB_COUNT;
}

const char *jk_store_dg_table(jk_dg_tab t)
{
    return tab_ok(t) ? jk_dg_tabs[t].table : NULL;
}

const char *jk_store_dg_column_name(jk_dg_tab t, size_t i)
{
    if (!tab_ok(t) || i >= jk_dg_tabs[t].ncol)
        return NULL;
    return jk_dg_tabs[t].col[i].name;
}

size_t jk_store_dg_ncolumns(jk_dg_tab t)
{
    return tab_ok(t) ? jk_dg_tabs[t].ncol : 0;
}

int jk__dg_sql(jk_dg_tab t, int kind, bool pg, jk_buf *out)
{
    const jk_dg_desc *d = &jk_dg_tabs[t];
    size_t i;
    int rc = JK_OK;
    char num[16];

    jk_buf_reset(out);
    if (kind == JK_DG_SQL_INSERT || kind == JK_DG_SQL_COPY)
        rc =
            jk_buf_adds(out, kind == JK_DG_SQL_COPY ? "COPY " : "INSERT INTO ");
    else
        rc = jk_buf_adds(out, "SELECT ");
    if (rc == JK_OK && kind != JK_DG_SQL_SELECT) {
        rc = jk_buf_adds(out, d->table);
        if (rc == JK_OK)
            rc = jk_buf_adds(out, " (");
    }
    for (i = 0; i < d->ncol && rc == JK_OK; i++) {
        if (i)
            rc = jk_buf_adds(out, ", ");
        if (rc == JK_OK)
            rc = jk_buf_adds(out, d->col[i].name);
    }
    if (rc)
        return rc;
    if (kind == JK_DG_SQL_COPY)
        return jk_buf_adds(out, ") FROM STDIN");
    if (kind == JK_DG_SQL_INSERT) {
        rc = jk_buf_adds(out, ") VALUES (");
        for (i = 0; i < d->ncol && rc == JK_OK; i++) {
            jk_snprintf(num, sizeof(num), "%s%c%zu", i ? ", " : "",
                        pg ? '$' : '?', i + 1);
            rc = jk_buf_adds(out, num);
        }
        return rc ? rc : jk_buf_adds(out, ")");
    }
    rc = jk_buf_adds(out, " FROM ");
    if (rc == JK_OK)
        rc = jk_buf_adds(out, d->table);
    if (rc == JK_OK)
        rc = jk_buf_adds(out, " ORDER BY ");
    for (i = 0; i < d->nkey && rc == JK_OK; i++) {
        if (i)
            rc = jk_buf_adds(out, ", ");
        if (rc == JK_OK)
            rc = jk_buf_adds(out, d->col[i].name);
        if (rc == JK_OK && pg && d->col[i].type == 'T')
            rc = jk_buf_adds(out, " COLLATE \"C\"");
    }
    return rc;
}

int jk_store_dg_delete(jk_store *s, const char *const *codes, size_t n,
                       jk_err *err)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!codes[i])
            return jk_err_set(err, JK_EINVAL, NULL,
                              "diagnosis delete: code %zu is NULL", i);
    return n ? s->m->dg_delete(s, codes, n, err) : JK_OK;
}

int jk_store_dg_put(jk_store *s, jk_dg_tab t, const char *const *cells,
                    jk_err *err)
{
    const jk_dg_desc *d;
    size_t i;
    if (!tab_ok(t))
        return jk_err_set(err, JK_EINVAL, NULL, "no diagnosis table %d",
                          (int)t);
    d = &jk_dg_tabs[t];
    for (i = 0; i < d->ncol; i++) {
        const char *v = cells[i];
        double x;
        int64_t k;
        if (!v) {
            if (i < d->nkey)
                return jk_err_set(err, JK_EINVAL, d->table,
                                  "%s: required (part of the key)",
                                  d->col[i].name);
            continue;
        }
        if ((d->col[i].type == 'R' &&
             (jk_parse_double(v, &x) != JK_OK || x != x)) ||
            (d->col[i].type == 'I' && jk_parse_i64(v, &k) != JK_OK))
            return jk_err_set(err, JK_EINVAL, d->table,
                              "%s: expected a number, got \"%s\"",
                              d->col[i].name, v);
    }
    return s->m->dg_put(s, t, cells, err);
}

int jk_store_dg_each(jk_store *s, jk_dg_tab t, jk_dg_row_cb cb, void *ctx,
                     jk_err *err)
{
    if (!tab_ok(t))
        return jk_err_set(err, JK_EINVAL, NULL, "no diagnosis table %d",
                          (int)t);
    return s->m->dg_each(s, t, cb, ctx, err);
}
