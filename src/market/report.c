/*
 * Writers of a matching result: allocations, what is left, and the gap
 * report (table, CSV, JSON, SVG). Masses are written in tonnes per year,
 * exactly (jk_mass_exact); money in yen.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "market/market_int.h"

static const char *t_exact(jk_mass g, char *buf, size_t cap)
{
    return jk_mass_exact(g, jk_unit_find("t"), buf, cap);
}

static const char *t_fmt(jk_mass g, char *buf, size_t cap)
{
    return jk_mass_format(g, jk_unit_find("t"), 1, true, buf, cap);
}

static int dump(json_t *root, FILE *out, jk_err *err)
{
    int rc;
    if (!root)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = json_dumpf(root, out,
                    JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                        JSON_REAL_PRECISION(12));
    json_decref(root);
    if (rc || fputc('\n', out) == EOF)
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}

static int done(FILE *out, jk_err *err)
{
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}

/* A JSON number rounded to cents (NAN becomes null). */
static json_t *jmoney(double v)
{
    if (!isfinite(v))
        return json_null();
    return json_real(nearbyint(v * 100) / 100);
}

static void csv_num(FILE *out, double v, bool last)
{
    char b[64];
    if (isfinite(v))
        jk_snprintf(b, sizeof(b), "%.2f", v);
    else
        b[0] = '\0';
    jk_csv_field(out, b, last);
}

/* What is left, as a JSON array; NULL on OOM. */
static json_t *rests_json(const jk_market *m, const jk_mkt_result *r)
{
    size_t i, n = jk_mkt_n_rests(r);
    char b1[64];
    json_t *arr = json_array();
    for (i = 0; arr && i < n; i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(r, i);
        const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
        json_t *o = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "listing", l->id,
            "side", l->side == JK_MKT_SUPPLY ? "supply" : "demand", "material",
            l->material, "grade", l->grade, "tonnes_per_year",
            t_exact(x->grams, b1, sizeof(b1)), "fate", l->fate, "reason",
            x->reason_code, "why", x->why);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

int jk_mkt_write_allocs(const jk_market *m, const jk_mkt_result *r,
                        jk_mkt_format f, FILE *out, jk_err *err)
{
    size_t i, n = jk_mkt_n_allocs(r);
    char b1[64];
    json_t *arr = NULL;

    if (f == JK_MKT_JSON && !(arr = json_array()))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (f == JK_MKT_CSV)
        fputs("supply,demand,material,tonnes_per_year,km,mode,"
              "transport_yen_per_t,co2_kg_per_t,co2_yen_per_t,"
              "margin_yen_per_t,premium_yen_per_t,cost_yen_per_t,"
              "next_best,next_best_extra_yen_per_t,hub,why\n",
              out);
    else if (f == JK_MKT_TABLE)
        fprintf(out, "%-16s %-16s %-18s %11s %5s %8s  %s\n", "supply", "demand",
                "material", "t/yr", "km", "yen/t", "why");
    for (i = 0; i < n; i++) {
        const jk_mkt_alloc *a = jk_mkt_alloc_at(r, i);
        const jk_mkt_listing *s = jk_market_listing_at(m, a->supply);
        const jk_mkt_listing *d = jk_market_listing_at(m, a->demand);
        const char *nb = a->next_best_demand == SIZE_MAX
                             ? (isfinite(a->next_best) ? "unplaced" : "")
                             : jk_market_listing_at(m, a->next_best_demand)->id;
        if (f == JK_MKT_JSON) {
            json_t *o = json_pack(
                "{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, "
                "s:o, s:s, s:o, s:s, s:s}",
                "supply", s->id, "demand", d->id, "material", s->material,
                "tonnes_per_year", t_exact(a->grams, b1, sizeof(b1)), "km",
                jmoney(a->km), "mode", s->mode, "transport_yen_per_t",
                jmoney(a->transport), "co2_kg_per_t", jmoney(a->co2_kg),
                "co2_yen_per_t", jmoney(a->co2_cost), "margin_yen_per_t",
                jmoney(a->margin), "premium_yen_per_t", jmoney(a->premium),
                "cost_yen_per_t", jmoney(a->cost), "next_best", nb,
                "next_best_extra_yen_per_t", jmoney(a->next_best), "hub",
                a->hub, "why", a->why);
            if (!o || json_array_append_new(arr, o)) {
                json_decref(arr);
                return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            }
        } else if (f == JK_MKT_CSV) {
            jk_csv_field(out, s->id, false);
            jk_csv_field(out, d->id, false);
            jk_csv_field(out, s->material, false);
            jk_csv_field(out, t_exact(a->grams, b1, sizeof(b1)), false);
            csv_num(out, a->km, false);
            jk_csv_field(out, s->mode, false);
            csv_num(out, a->transport, false);
            csv_num(out, a->co2_kg, false);
            csv_num(out, a->co2_cost, false);
            csv_num(out, a->margin, false);
            csv_num(out, a->premium, false);
            csv_num(out, a->cost, false);
            jk_csv_field(out, nb, false);
            csv_num(out, a->next_best, false);
            jk_csv_field(out, a->hub, false);
            jk_csv_field(out, a->why, true);
        } else {
            fprintf(out, "%-16s %-16s %-18s %11s %5.0f %8.0f  %s\n", s->id,
                    d->id, s->material, t_fmt(a->grams, b1, sizeof(b1)), a->km,
                    a->cost, a->why);
        }
    }
    if (f == JK_MKT_JSON) {
        json_t *left = rests_json(m, r);
        if (!left) {
            json_decref(arr);
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        }
        return dump(json_pack("{s:o, s:o, s:o}", "total_cost_yen_per_year",
                              jmoney(jk_mkt_total_cost(r)), "allocations", arr,
                              "left", left),
                    out, err);
    }
    return done(out, err);
}

int jk_mkt_write_rests(const jk_market *m, const jk_mkt_result *r,
                       jk_mkt_format f, FILE *out, jk_err *err)
{
    size_t i, n = jk_mkt_n_rests(r);
    char b1[64];
    json_t *arr = NULL;

    if (f == JK_MKT_JSON) {
        arr = rests_json(m, r);
        if (!arr)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        return dump(json_pack("{s:o}", "left", arr), out, err);
    }
    if (f == JK_MKT_CSV)
        fputs("listing,side,material,grade,tonnes_per_year,fate,reason,why\n",
              out);
    else if (f == JK_MKT_TABLE)
        fprintf(out, "%-16s %-7s %-18s %11s %-9s %s\n", "listing", "side",
                "material", "t/yr left", "reason", "why");
    for (i = 0; i < n; i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(r, i);
        const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
        const char *side = l->side == JK_MKT_SUPPLY ? "supply" : "demand";
        if (f == JK_MKT_CSV) {
            jk_csv_field(out, l->id, false);
            jk_csv_field(out, side, false);
            jk_csv_field(out, l->material, false);
            jk_csv_field(out, l->grade, false);
            jk_csv_field(out, t_exact(x->grams, b1, sizeof(b1)), false);
            jk_csv_field(out, l->fate, false);
            jk_csv_field(out, x->reason_code, false);
            jk_csv_field(out, x->why, true);
        } else {
            fprintf(out, "%-16s %-7s %-18s %11s %-9s %s\n", l->id, side,
                    l->material, t_fmt(x->grams, b1, sizeof(b1)),
                    x->reason_code, x->why);
        }
    }
    return done(out, err);
}

/* ---- the gap report ---- */

#define N_FATE 5
static const char *const FATE_NAMES[N_FATE] = {
    "incineration", "landfill", "export", "recycling", "unknown"};
#define N_REASON 13
static const char *const REASONS[N_REASON] = {
    "no-candidate", "material", "grade",    "permit", "excluded",
    "visibility",   "validity", "rejected", "agreed", "price",
    "quantity",     "lot",      "distance"};

typedef struct gap_row {
    const char *material;
    const char *grade;
    jk_mass supply, matched_s, demand, matched_d;
    jk_mass fate[N_FATE];    /* unplaced supply by where it goes today */
    jk_mass why_s[N_REASON]; /* unplaced supply by reason */
    jk_mass why_d[N_REASON]; /* unmet demand by reason */
} gap_row;

static int reason_index(const char *code)
{
    int i;
    for (i = 0; code && i < N_REASON; i++)
        if (strcmp(code, REASONS[i]) == 0)
            return i;
    return 0;
}

static const char *top_reason(const jk_mass *w)
{
    int i, best = -1;
    for (i = 0; i < N_REASON; i++)
        if (w[i] > 0 && (best < 0 || w[i] > w[best]))
            best = i;
    return best < 0 ? "" : REASONS[best];
}

/* One row per (material, grade) of the open listings, in first-seen
 * order. *out is jk_malloc'ed. */
static int gap_rows(const jk_market *m, const jk_mkt_result *r, gap_row **out,
                    size_t *n_out)
{
    size_t n = jk_market_n_listings(m), i, k, nr = 0, cap = 0;
    gap_row *rows = NULL;

    for (i = 0; i < n; i++) {
        const jk_mkt_listing *l = jk_market_listing_at(m, i);
        jk_mass q = mkt_result_qty(r, i), left;
        gap_row *g;
        int fi;
        if (!q)
            continue;
        for (k = 0; k < nr; k++)
            if (strcmp(rows[k].material, l->material) == 0 &&
                strcmp(rows[k].grade, l->grade) == 0)
                break;
        if (k == nr) {
            if (mkt_grow((void **)&rows, &cap, nr, sizeof(*rows))) {
                jk_free(rows);
                return JK_ENOMEM;
            }
            memset(&rows[nr], 0, sizeof(*rows));
            rows[nr].material = l->material;
            rows[nr].grade = l->grade;
            nr++;
        }
        g = &rows[k];
        left = q - mkt_result_matched(r, i);
        if (l->side == JK_MKT_SUPPLY) {
            g->supply += q;
            g->matched_s += mkt_result_matched(r, i);
            for (fi = 0; fi < N_FATE - 1; fi++)
                if (strcmp(l->fate, FATE_NAMES[fi]) == 0)
                    break;
            g->fate[fi] += left;
            if (left > 0)
                g->why_s[reason_index(mkt_result_reason(r, i))] += left;
        } else {
            g->demand += q;
            g->matched_d += mkt_result_matched(r, i);
            if (left > 0)
                g->why_d[reason_index(mkt_result_reason(r, i))] += left;
        }
    }
    *out = rows;
    *n_out = nr;
    return JK_OK;
}

int jk_mkt_write_gap(const jk_market *m, const jk_mkt_result *r,
                     jk_mkt_format f, FILE *out, jk_err *err)
{
    gap_row *rows;
    size_t nr, k;
    int i;
    char b[8][64];
    json_t *arr = NULL;

    if (gap_rows(m, r, &rows, &nr))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (f == JK_MKT_JSON && !(arr = json_array())) {
        jk_free(rows);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (f == JK_MKT_CSV)
        fputs("material,grade,supply_t,matched_supply_t,unplaced_t,"
              "unplaced_incineration_t,unplaced_landfill_t,unplaced_export_t,"
              "unplaced_recycling_t,unplaced_unknown_t,demand_t,met_t,"
              "unmet_t,unplaced_reason,unmet_reason\n",
              out);
    else if (f == JK_MKT_TABLE)
        fprintf(out, "%-26s %-6s %11s %11s %11s %11s %11s %11s  %-12s %s\n",
                "material", "grade", "supply t", "matched", "unplaced",
                "demand t", "met", "unmet", "unplaced why", "unmet why");
    for (k = 0; k < nr; k++) {
        gap_row *g = &rows[k];
        jk_mass unplaced = g->supply - g->matched_s;
        jk_mass unmet = g->demand - g->matched_d;
        if (f == JK_MKT_JSON) {
            json_t *fate = json_object(), *o;
            for (i = 0; i < N_FATE; i++)
                json_object_set_new(
                    fate, FATE_NAMES[i],
                    json_string(t_exact(g->fate[i], b[0], sizeof(b[0]))));
            o = json_pack(
                "{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, "
                "s:s, s:s}",
                "material", g->material, "grade", g->grade, "supply_t",
                t_exact(g->supply, b[1], sizeof(b[1])), "matched_supply_t",
                t_exact(g->matched_s, b[2], sizeof(b[2])), "unplaced_t",
                t_exact(unplaced, b[3], sizeof(b[3])), "unplaced_goes_to", fate,
                "demand_t", t_exact(g->demand, b[4], sizeof(b[4])), "met_t",
                t_exact(g->matched_d, b[5], sizeof(b[5])), "unmet_t",
                t_exact(unmet, b[6], sizeof(b[6])), "unplaced_reason",
                top_reason(g->why_s), "unmet_reason", top_reason(g->why_d));
            if (!o || json_array_append_new(arr, o)) {
                json_decref(arr);
                jk_free(rows);
                return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            }
        } else if (f == JK_MKT_CSV) {
            jk_csv_field(out, g->material, false);
            jk_csv_field(out, g->grade, false);
            jk_csv_field(out, t_exact(g->supply, b[0], sizeof(b[0])), false);
            jk_csv_field(out, t_exact(g->matched_s, b[0], sizeof(b[0])), false);
            jk_csv_field(out, t_exact(unplaced, b[0], sizeof(b[0])), false);
            for (i = 0; i < N_FATE; i++)
                jk_csv_field(out, t_exact(g->fate[i], b[0], sizeof(b[0])),
                             false);
            jk_csv_field(out, t_exact(g->demand, b[0], sizeof(b[0])), false);
            jk_csv_field(out, t_exact(g->matched_d, b[0], sizeof(b[0])), false);
            jk_csv_field(out, t_exact(unmet, b[0], sizeof(b[0])), false);
            jk_csv_field(out, top_reason(g->why_s), false);
            jk_csv_field(out, top_reason(g->why_d), true);
        } else {
            fprintf(out, "%-26s %-6s %11s %11s %11s %11s %11s %11s  %-12s %s\n",
                    g->material, *g->grade ? g->grade : "-",
                    t_fmt(g->supply, b[0], sizeof(b[0])),
                    t_fmt(g->matched_s, b[1], sizeof(b[1])),
                    t_fmt(unplaced, b[2], sizeof(b[2])),
                    t_fmt(g->demand, b[3], sizeof(b[3])),
                    t_fmt(g->matched_d, b[4], sizeof(b[4])),
                    t_fmt(unmet, b[5], sizeof(b[5])),
                    *top_reason(g->why_s) ? top_reason(g->why_s) : "-",
                    *top_reason(g->why_d) ? top_reason(g->why_d) : "-");
            for (i = 0; i < N_FATE; i++)
                if (g->fate[i] > 0 && unplaced > 0)
                    fprintf(out,
                            "%-26s %-6s   unplaced supply goes today to "
                            "%s: %s\n",
                            "", "", FATE_NAMES[i],
                            t_fmt(g->fate[i], b[6], sizeof(b[6])));
        }
    }
    jk_free(rows);
    if (f == JK_MKT_JSON)
        return dump(json_pack("{s:s, s:o}", "unit", "t per year", "gap", arr),
                    out, err);
    return done(out, err);
}

/* Tonnes as a number for a spreadsheet. */
static double tonnes(jk_mass g)
{
    return (double)g / 1e6;
}

int jk_mkt_write_xlsx(const jk_market *m, const jk_mkt_result *r,
                      const char *path, jk_err *err)
{
    static const char *const gap_head[] = {"material",
                                           "grade",
                                           "supply t/yr",
                                           "matched supply t/yr",
                                           "unplaced t/yr",
                                           "unplaced: incineration",
                                           "unplaced: landfill",
                                           "unplaced: export",
                                           "unplaced: recycling",
                                           "unplaced: unknown",
                                           "demand t/yr",
                                           "met t/yr",
                                           "unmet t/yr",
                                           "unplaced reason",
                                           "unmet reason"};
    static const char *const alloc_head[] = {"supply",
                                             "demand",
                                             "material",
                                             "t/yr",
                                             "km",
                                             "mode",
                                             "hub",
                                             "transport yen/t",
                                             "CO2 kg/t",
                                             "CO2 yen/t",
                                             "margin yen/t",
                                             "premium yen/t",
                                             "cost yen/t",
                                             "next best",
                                             "next best +yen/t",
                                             "why"};
    static const char *const left_head[] = {"listing", "side", "material",
                                            "grade",   "t/yr", "fate",
                                            "reason",  "why"};
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    gap_row *rows = NULL;
    size_t nr = 0, k, i;
    int c;
    FILE *probe = fopen(path, "wb");

    /* Say why the file cannot be written ourselves: libxlsxwriter only
     * finds out at the end, and says it on standard error. */
    if (!probe)
        return jk_err_set(err, JK_EIO, path, "cannot write: %s",
                          strerror(errno));
    fclose(probe);
    wb = workbook_new(path);
    if (!wb)
        return jk_err_set(err, JK_EIO, path, "cannot create the workbook");
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    if (gap_rows(m, r, &rows, &nr)) {
        workbook_close(wb);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    ws = workbook_add_worksheet(wb, "gap");
    for (c = 0; c < 15; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, gap_head[c], bold);
    for (k = 0; k < nr; k++) {
        const gap_row *g = &rows[k];
        lxw_row_t y = (lxw_row_t)(k + 1);
        worksheet_write_string(ws, y, 0, g->material, NULL);
        worksheet_write_string(ws, y, 1, g->grade, NULL);
        worksheet_write_number(ws, y, 2, tonnes(g->supply), NULL);
        worksheet_write_number(ws, y, 3, tonnes(g->matched_s), NULL);
        worksheet_write_number(ws, y, 4, tonnes(g->supply - g->matched_s),
                               NULL);
        for (c = 0; c < N_FATE; c++)
            worksheet_write_number(ws, y, (lxw_col_t)(5 + c),
                                   tonnes(g->fate[c]), NULL);
        worksheet_write_number(ws, y, 10, tonnes(g->demand), NULL);
        worksheet_write_number(ws, y, 11, tonnes(g->matched_d), NULL);
        worksheet_write_number(ws, y, 12, tonnes(g->demand - g->matched_d),
                               NULL);
        worksheet_write_string(ws, y, 13, top_reason(g->why_s), NULL);
        worksheet_write_string(ws, y, 14, top_reason(g->why_d), NULL);
    }
    jk_free(rows);
    ws = workbook_add_worksheet(wb, "allocations");
    for (c = 0; c < 16; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, alloc_head[c], bold);
    for (i = 0; i < jk_mkt_n_allocs(r); i++) {
        const jk_mkt_alloc *a = jk_mkt_alloc_at(r, i);
        const jk_mkt_listing *s = jk_market_listing_at(m, a->supply);
        lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, y, 0, s->id, NULL);
        worksheet_write_string(ws, y, 1, jk_market_listing_at(m, a->demand)->id,
                               NULL);
        worksheet_write_string(ws, y, 2, s->material, NULL);
        worksheet_write_number(ws, y, 3, tonnes(a->grams), NULL);
        worksheet_write_number(ws, y, 4, a->km, NULL);
        worksheet_write_string(ws, y, 5, s->mode, NULL);
        worksheet_write_string(ws, y, 6, a->hub, NULL);
        worksheet_write_number(ws, y, 7, a->transport, NULL);
        worksheet_write_number(ws, y, 8, a->co2_kg, NULL);
        worksheet_write_number(ws, y, 9, a->co2_cost, NULL);
        worksheet_write_number(ws, y, 10, a->margin, NULL);
        worksheet_write_number(ws, y, 11, a->premium, NULL);
        worksheet_write_number(ws, y, 12, a->cost, NULL);
        worksheet_write_string(
            ws, y, 13,
            a->next_best_demand == SIZE_MAX
                ? (isfinite(a->next_best) ? "unplaced" : "")
                : jk_market_listing_at(m, a->next_best_demand)->id,
            NULL);
        if (isfinite(a->next_best))
            worksheet_write_number(ws, y, 14, a->next_best, NULL);
        worksheet_write_string(ws, y, 15, a->why, NULL);
    }
    ws = workbook_add_worksheet(wb, "left");
    for (c = 0; c < 8; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, left_head[c], bold);
    for (i = 0; i < jk_mkt_n_rests(r); i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(r, i);
        const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
        lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, y, 0, l->id, NULL);
        worksheet_write_string(
            ws, y, 1, l->side == JK_MKT_SUPPLY ? "supply" : "demand", NULL);
        worksheet_write_string(ws, y, 2, l->material, NULL);
        worksheet_write_string(ws, y, 3, l->grade, NULL);
        worksheet_write_number(ws, y, 4, tonnes(x->grams), NULL);
        worksheet_write_string(ws, y, 5, l->fate, NULL);
        worksheet_write_string(ws, y, 6, x->reason_code, NULL);
        worksheet_write_string(ws, y, 7, x->why, NULL);
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        return jk_err_set(err, JK_EIO, path, "cannot write the workbook");
    return JK_OK;
}

int jk_mkt_write_gap_svg(const jk_market *m, const jk_mkt_result *r, FILE *out,
                         jk_err *err)
{
    gap_row *rows;
    size_t nr, k;
    jk_mass max = 1;
    const double left = 220, width = 520, bar = 14, row_h = 46, top = 50;
    double h;
    char b[2][64];

    if (gap_rows(m, r, &rows, &nr))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (k = 0; k < nr; k++) {
        if (rows[k].supply > max)
            max = rows[k].supply;
        if (rows[k].demand > max)
            max = rows[k].demand;
    }
    h = top + row_h * (double)nr + 40;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
            "height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
            left + width + 120, h);
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(out, "<text x=\"10\" y=\"20\" font-size=\"15\">Supply and demand "
                 "gap by material and grade (t per year)</text>\n");
    fprintf(out,
            "<g font-size=\"11\"><rect x=\"10\" y=\"30\" width=\"10\" "
            "height=\"10\" fill=\"#2a9d55\"/><text x=\"24\" y=\"39\">supply "
            "matched</text><rect x=\"120\" y=\"30\" width=\"10\" height=\"10\" "
            "fill=\"#d1495b\"/><text x=\"134\" y=\"39\">supply unplaced</text>"
            "<rect x=\"240\" y=\"30\" width=\"10\" height=\"10\" "
            "fill=\"#2e6fba\"/><text x=\"254\" y=\"39\">demand met</text>"
            "<rect x=\"340\" y=\"30\" width=\"10\" height=\"10\" "
            "fill=\"#edae49\"/><text x=\"354\" y=\"39\">demand unmet</text>"
            "</g>\n");
    for (k = 0; k < nr; k++) {
        const gap_row *g = &rows[k];
        double y = top + row_h * (double)k;
        double ws = width * (double)g->supply / (double)max;
        double wm = width * (double)g->matched_s / (double)max;
        double wd = width * (double)g->demand / (double)max;
        double wmd = width * (double)g->matched_d / (double)max;
        fprintf(out, "<text x=\"10\" y=\"%.1f\">", y + bar + 4);
        jk_xml_escape(out, g->material);
        if (*g->grade) {
            fputs(" / ", out);
            jk_xml_escape(out, g->grade);
        }
        fputs("</text>\n", out);
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" "
                "fill=\"#2a9d55\"/><rect x=\"%.1f\" y=\"%.1f\" "
                "width=\"%.1f\" height=\"%.0f\" fill=\"#d1495b\"/>\n",
                left, y, wm, bar, left + wm, y, ws - wm, bar);
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" "
                "fill=\"#2e6fba\"/><rect x=\"%.1f\" y=\"%.1f\" "
                "width=\"%.1f\" height=\"%.0f\" fill=\"#edae49\"/>\n",
                left, y + bar + 2, wmd, bar, left + wmd, y + bar + 2, wd - wmd,
                bar);
        fprintf(out,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>"
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>\n",
                left + ws + 4, y + bar - 3,
                t_fmt(g->supply, b[0], sizeof(b[0])), left + wd + 4,
                y + 2 * bar - 1, t_fmt(g->demand, b[1], sizeof(b[1])));
    }
    fputs("</svg>\n", out);
    jk_free(rows);
    return done(out, err);
}
