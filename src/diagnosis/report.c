/*
 * The diagnosis report of one municipality as one self-contained HTML
 * page (no external file: styles inline, charts as inline SVG), in
 * Japanese or English: 現状把握 with the peer comparison, the 偏差値
 * chart, and the measures with their effect and the combined scenario;
 * and the same content as one JSON document.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "diagnosis/dg_int.h"

static void num(FILE *out, double v, int dec)
{
    if (!isfinite(v))
        fputs("<td class=n>–</td>", out);
    else
        fprintf(out, "<td class=n>%.*f</td>", dec,
                fabs(v) < 0.5 * pow(10, -dec) ? 0.0 : v);
}

/* Decimals for an indicator's unit. */
static int decimals(const jk_dg_ind_info *in)
{
    if (strcmp(in->unit, "t/t") == 0 || strcmp(in->unit, "kg/人日") == 0)
        return 3;
    if (strcmp(in->unit, "円/人年") == 0 || strcmp(in->unit, "円/t") == 0 ||
        strcmp(in->unit, "tCO2/年") == 0)
        return 0;
    return 1;
}

/* Horizontal bars of 偏差値 around 50 (higher is always better). */
static void deviation_chart(FILE *out, const jk_dg_national *n, size_t i,
                            bool ja)
{
    const double W = 640, row = 22, L = 260, R = 40;
    int ind, rows = 0;
    jk_dg_compare c;
    double x50 = L + (W - L - R) / 2, scale = (W - L - R) / 60.0;

    for (ind = 0; ind < JK_DG_NIND; ind++)
        if (jk_dg_national_compare(n, i, ind, &c) == JK_OK &&
            isfinite(c.deviation))
            rows++;
    if (!rows)
        return;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
            "height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
            W, row * (rows + 1) + 10);
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" "
            "stroke=\"#333\"/>\n<text x=\"%.1f\" y=\"%.0f\" "
            "text-anchor=\"middle\">50</text>\n",
            x50, x50, row * rows + 4, x50, row * rows + 18);
    rows = 0;
    for (ind = 0; ind < JK_DG_NIND; ind++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(ind);
        double dv, x0, w;
        if (jk_dg_national_compare(n, i, ind, &c) != JK_OK ||
            !isfinite(c.deviation))
            continue;
        dv = fmax(20, fmin(80, c.deviation));
        x0 = dv >= 50 ? x50 : x50 - (50 - dv) * scale;
        w = fabs(dv - 50) * scale;
        fprintf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", L - 6,
                row * rows + 15);
        jk_xml_escape(out, ja ? in->name_ja : in->name_en);
        fprintf(out,
                "</text>\n<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
                "height=\"14\" fill=\"%s\"><title>%.1f</title></rect>\n",
                x0, row * rows + 4, w, dv >= 50 ? "#2e86c1" : "#cb4335",
                c.deviation);
        rows++;
    }
    fputs("</svg>\n", out);
}

/* Bars of GHG saved per measure. */
static void ghg_chart(FILE *out, const jk_dg_plan *p, bool ja)
{
    const double W = 640, row = 22, L = 260, R = 80;
    double max = 0;
    size_t k;
    for (k = 0; k < p->n; k++)
        max = fmax(max, -p->m[k].ghg_t);
    if (!(max > 0))
        return;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
            "height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
            W, row * (double)p->n + 10);
    for (k = 0; k < p->n; k++) {
        const jk_dg_effect *e = &p->m[k];
        double w = fmax(0, -e->ghg_t) / max * (W - L - R);
        fprintf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", L - 6,
                row * (double)k + 15);
        jk_xml_escape(out, ja ? e->name_ja : e->name_en);
        fprintf(out,
                "</text>\n<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" "
                "height=\"14\" fill=\"#239b56\"/>\n<text x=\"%.1f\" "
                "y=\"%.0f\">%.0f</text>\n",
                L, row * (double)k + 4, w, L + w + 4, row * (double)k + 15,
                fmax(0.0, -e->ghg_t));
    }
    fputs("</svg>\n", out);
}

static void effect_row(FILE *out, const jk_dg_effect *e, bool ja, bool bold)
{
    fputs(bold ? "<tr class=b><td>" : "<tr><td>", out);
    jk_xml_escape(out, ja ? e->name_ja : e->name_en);
    fputs("</td>", out);
    num(out, e->target_capture, 1);
    num(out, e->moved_t, 0);
    num(out, e->ghg_t, 0);
    num(out, e->fd_t, 0);
    num(out, e->fd_m3, 0);
    num(out, e->life_gain_yr, 2);
    num(out, e->cost_kyen, 0);
    num(out, e->yen_per_t, 0);
    num(out, e->yen_per_tco2, 0);
    fputs("</tr>\n", out);
}

int jk_dg_report_html(const jk_dg_national *n, size_t i, const jk_dg_plan *plan,
                      const char *lang, FILE *out, jk_err *err)
{
    bool ja = lang && strcmp(lang, "ja") == 0;
    const jk_dg_muni *m;
    int ind;
    jk_dg_compare c;

    if (i >= n->n)
        return jk_err_set(err, JK_EINVAL, NULL, "no municipality %zu", i);
    m = &n->d->muni[i];
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
            "charset=\"utf-8\"><title>",
            ja ? "ja" : "en");
    jk_xml_escape(out, ja ? "自治体CE診断: " : "Circular-economy diagnosis: ");
    jk_xml_escape(out, m->name);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em;"
          "max-width:70em}table{border-collapse:collapse;margin:1em 0}"
          "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
          "td.n{text-align:right}tr.b{font-weight:bold}"
          "small{color:#555}</style></head><body>\n",
          out);
    fputs("<h1>", out);
    jk_xml_escape(out, m->name);
    fprintf(out, " (%s) FY%d</h1>\n<p>", m->code, m->fiscal_year);
    jk_xml_escape(out, ja ? "類型: " : "Peer type: ");
    jk_xml_escape(out, n->type[i]);
    jk_xml_escape(out, ja ? " — 比較グループ: " : " — peer group: ");
    jk_xml_escape(out, n->gname[n->group[i]]);
    fprintf(out, " (%s %s)</p>\n", ja ? "類型ルール" : "rules",
            n->ref->peer_version);

    fprintf(out, "<h2>%s</h2>\n<table><tr>",
            ja ? "1. 現状把握と類型別比較" : "1. Current state and peers");
    fprintf(out, "%s",
            ja ? "<th>指標</th><th>値</th><th>単位</th><th>類似平均</th>"
                 "<th>P25</th><th>P75</th><th>指数</th><th>偏差値</th>"
                 "<th>順位 %</th><th>目標</th><th>ポテンシャル</th>"
                 "<th>算定式</th>"
               : "<th>Indicator</th><th>Value</th><th>Unit</th><th>Peer "
                 "mean</th><th>P25</th><th>P75</th><th>Index</th>"
                 "<th>Deviation</th><th>Percentile</th><th>Target</th>"
                 "<th>Potential</th><th>Formula</th>");
    fputs("</tr>\n", out);
    for (ind = 0; ind < JK_DG_NIND; ind++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(ind);
        int dec = decimals(in);
        if (jk_dg_national_compare(n, i, ind, &c) != JK_OK || isnan(c.value))
            continue;
        fputs("<tr><td>", out);
        jk_xml_escape(out, ja ? in->name_ja : in->name_en);
        fprintf(out, " <small>%s</small></td>", in->id);
        num(out, c.value, dec);
        fputs("<td>", out);
        jk_xml_escape(out, in->unit);
        fputs("</td>", out);
        num(out, c.peers->mean, dec);
        num(out, c.peers->q1, dec);
        num(out, c.peers->q3, dec);
        num(out, c.index, 1);
        num(out, c.deviation, 1);
        num(out, c.percentile, 0);
        num(out, c.target, dec);
        num(out, c.potential_t, 0);
        fputs("<td><small>", out);
        jk_xml_escape(out, in->formula);
        fputs("</small></td></tr>\n", out);
    }
    fprintf(out, "</table>\n<p><small>%s</small></p>\n",
            ja ? "指数: 類似平均=100（低い方が良い指標は 2−x/μ）。偏差値: "
                 "高いほど良い。ポテンシャル: 類似団体の上位四分位との差"
                 "（t/年、I9 は tCO2/年）。"
               : "Index: peer mean = 100 (2 − x/μ when lower is better). "
                 "Deviation: higher is better. Potential: gap to the peers' "
                 "top quartile in t/yr (I9: tCO2/yr).");
    deviation_chart(out, n, i, ja);
    if (plan) {
        size_t k;
        fprintf(out, "<h2>%s</h2>\n<table><tr>",
                ja ? "2. 改善提案と効果算定" : "2. Measures and their effect");
        fprintf(out, "%s",
                ja ? "<th>施策</th><th>目標回収率 %</th><th>資源化 t/年</th>"
                     "<th>GHG tCO2e/年</th><th>最終処分 t/年</th>"
                     "<th>最終処分 m³/年</th><th>延命 年</th>"
                     "<th>費用 千円/年</th><th>円/t</th><th>円/tCO2e</th>"
                   : "<th>Measure</th><th>Target capture %</th>"
                     "<th>Recovered t/yr</th><th>GHG tCO2e/yr</th>"
                     "<th>Final disposal t/yr</th><th>m³/yr</th>"
                     "<th>Landfill life +yr</th><th>Cost kJPY/yr</th>"
                     "<th>JPY/t</th><th>JPY/tCO2e</th>");
        fputs("</tr>\n", out);
        for (k = 0; k < plan->n; k++)
            effect_row(out, &plan->m[k], ja, false);
        effect_row(out, &plan->combined, ja, true);
        fprintf(out, "</table>\n<p><small>%s</small></p>\n",
                ja ? "組合せ: 順位順に適用し、同じ品目の回収率は一度だけ"
                     "引き上げ、焼却灰は残る焼却量に対して算定（二重計上な"
                     "し）。負の値は削減。"
                   : "Combined: applied in rank order; a fraction's capture "
                     "is raised once, ash acts on the incineration left (no "
                     "double counting). Negative values are savings.");
        ghg_chart(out, plan, ja);
    }
    fprintf(out, "<p><small>%s</small></p>\n</body></html>\n",
            ja ? "出典: 環境省 一般廃棄物処理実態調査; US EPA WARM v16; "
                 "係数と前提は data/diagnosis/ に出典・年とともに記載。"
               : "Sources: MOE municipal waste survey; US EPA WARM v16; "
                 "factors and assumptions with source and year in "
                 "data/diagnosis/.");
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}

/* ---- JSON report ---- */

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *effect_json(const jk_dg_effect *e)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_string(e->id));
    json_object_set_new(o, "name_ja", json_string(e->name_ja));
    json_object_set_new(o, "name_en", json_string(e->name_en));
    if (e->fraction >= -1)
        json_object_set_new(o, "fraction",
                            json_string(jk_dg_fraction_name(e->fraction)));
    if (e->to_route >= 0)
        json_object_set_new(o, "to_route",
                            json_string(jk_dg_route_name(e->to_route)));
    json_object_set_new(o, "target_capture_pct", jnum(e->target_capture));
    json_object_set_new(o, "recovered_t", jnum(e->moved_t));
    json_object_set_new(o, "ghg_tco2e", jnum(e->ghg_t));
    json_object_set_new(o, "final_disposal_t", jnum(e->fd_t));
    json_object_set_new(o, "final_disposal_m3", jnum(e->fd_m3));
    json_object_set_new(o, "landfill_life_gain_yr", jnum(e->life_gain_yr));
    json_object_set_new(o, "cost_kyen", jnum(e->cost_kyen));
    json_object_set_new(o, "yen_per_t", jnum(e->yen_per_t));
    json_object_set_new(o, "yen_per_tco2e", jnum(e->yen_per_tco2));
    return o;
}

int jk_dg_report_json(const jk_dg_national *n, size_t i, const jk_dg_plan *plan,
                      FILE *out, jk_err *err)
{
    const jk_dg_muni *m;
    const jk_dg_totals *t;
    json_t *doc, *inds, *tot;
    jk_dg_compare c;
    int ind, rc;

    if (i >= n->n)
        return jk_err_set(err, JK_EINVAL, NULL, "no municipality %zu", i);
    m = &n->d->muni[i];
    t = &n->tot[i];
    doc = json_object();
    inds = json_array();
    tot = json_object();
    if (!doc || !inds || !tot) {
        json_decref(doc);
        json_decref(inds);
        json_decref(tot);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    json_object_set_new(doc, "muni_code", json_string(m->code));
    json_object_set_new(doc, "name", json_string(m->name));
    json_object_set_new(doc, "fiscal_year", json_integer(m->fiscal_year));
    json_object_set_new(doc, "city_class", json_string(m->city_class));
    json_object_set_new(doc, "peer_type", json_string(n->type[i]));
    json_object_set_new(doc, "peer_group", json_string(n->gname[n->group[i]]));
    json_object_set_new(doc, "peer_rules", json_string(n->ref->peer_version));
    json_object_set_new(tot, "W_t", jnum(t->W));
    json_object_set_new(tot, "group_collection_t", jnum(t->G));
    json_object_set_new(tot, "T_t", jnum(t->T));
    json_object_set_new(tot, "R_t", jnum(t->R));
    json_object_set_new(tot, "L_t", jnum(t->L));
    json_object_set_new(tot, "incinerated_t", jnum(t->inc));
    json_object_set_new(tot, "residual_t", jnum(t->residual));
    json_object_set_new(doc, "totals", tot);
    for (ind = 0; ind < JK_DG_NIND; ind++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(ind);
        json_t *o;
        if (jk_dg_national_compare(n, i, ind, &c) != JK_OK || isnan(c.value))
            continue;
        if (!(o = json_object()))
            continue;
        json_object_set_new(o, "id", json_string(in->id));
        json_object_set_new(o, "name_ja", json_string(in->name_ja));
        json_object_set_new(o, "name_en", json_string(in->name_en));
        json_object_set_new(o, "formula", json_string(in->formula));
        json_object_set_new(o, "unit", json_string(in->unit));
        json_object_set_new(o, "better",
                            json_string(in->better > 0 ? "higher" : "lower"));
        json_object_set_new(o, "value", jnum(c.value));
        json_object_set_new(o, "peers_n", json_integer((json_int_t)c.peers->n));
        json_object_set_new(o, "peer_mean", jnum(c.peers->mean));
        json_object_set_new(o, "peer_sd", jnum(c.peers->sd));
        json_object_set_new(o, "peer_q1", jnum(c.peers->q1));
        json_object_set_new(o, "peer_median", jnum(c.peers->median));
        json_object_set_new(o, "peer_q3", jnum(c.peers->q3));
        json_object_set_new(o, "index", jnum(c.index));
        json_object_set_new(o, "deviation", jnum(c.deviation));
        json_object_set_new(o, "percentile", jnum(c.percentile));
        json_object_set_new(o, "target", jnum(c.target));
        json_object_set_new(o, "potential", jnum(c.potential_t));
        json_array_append_new(inds, o);
    }
    json_object_set_new(doc, "indicators", inds);
    if (plan) {
        json_t *ms = json_array();
        size_t k;
        for (k = 0; ms && k < plan->n; k++)
            json_array_append_new(ms, effect_json(&plan->m[k]));
        json_object_set_new(doc, "measures", ms);
        json_object_set_new(doc, "combined", effect_json(&plan->combined));
    }
    rc = json_dumpf(doc, out, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF || ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}

/* ---- XLSX ---- */

static void xl_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
                   lxw_format *f)
{
    if (isfinite(v))
        worksheet_write_number(ws, r, c, v, f);
    else
        worksheet_write_string(ws, r, c, "-", NULL);
}

int jk_dg_report_xlsx(const jk_dg_national *n, size_t i, const jk_dg_plan *plan,
                      const char *lang, const char *path, jk_err *err)
{
    static const char *const ind_en[] = {
        "ID",     "Indicator",  "Formula", "Unit",
        "Value",  "Peers",      "Mean",    "SD",
        "Q1",     "Median",     "Q3",      "Index",
        "偏差値", "Percentile", "Target",  "Potential (t/yr)"};
    static const char *const ind_ja[] = {"ID",
                                         "指標",
                                         "算定式",
                                         "単位",
                                         "値",
                                         "類型団体数",
                                         "平均",
                                         "標準偏差",
                                         "第1四分位",
                                         "中央値",
                                         "第3四分位",
                                         "指数",
                                         "偏差値",
                                         "パーセンタイル",
                                         "目標（上位四分位）",
                                         "ポテンシャル（t/年）"};
    static const char *const ms_en[] = {"ID",
                                        "Measure",
                                        "Target capture (%)",
                                        "Recovered (t/yr)",
                                        "GHG (tCO2e/yr)",
                                        "Final disposal (t/yr)",
                                        "Final disposal (m3/yr)",
                                        "Landfill life gain (yr)",
                                        "Cost (thousand yen/yr)",
                                        "Yen per t",
                                        "Yen per tCO2e"};
    static const char *const ms_ja[] = {"ID",
                                        "施策",
                                        "目標回収率（%）",
                                        "資源化量（t/年）",
                                        "温室効果ガス（tCO2e/年）",
                                        "最終処分量（t/年）",
                                        "最終処分量（m3/年）",
                                        "埋立地延命（年）",
                                        "費用（千円/年）",
                                        "円/t",
                                        "円/tCO2e"};
    bool ja = lang && strcmp(lang, "ja") == 0;
    const char *const *ih = ja ? ind_ja : ind_en;
    const char *const *mh = ja ? ms_ja : ms_en;
    const jk_dg_muni *m;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *num;
    lxw_error e;
    lxw_row_t r;
    jk_dg_compare c;
    size_t k;
    int ind, col;

    if (i >= n->n)
        return jk_err_set(err, JK_EINVAL, NULL, "no municipality %zu", i);
    m = &n->d->muni[i];
    if (!(wb = workbook_new(path)))
        return jk_err_set(err, JK_EIO, path, "cannot create the workbook");
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0.00");

    ws = workbook_add_worksheet(wb, ja ? "概要" : "Summary");
    worksheet_set_column(ws, 0, 0, 28, NULL);
    worksheet_set_column(ws, 1, 1, 40, NULL);
    worksheet_write_string(ws, 0, 0, ja ? "団体コード" : "Code", bold);
    worksheet_write_string(ws, 0, 1, m->code, NULL);
    worksheet_write_string(ws, 1, 0, ja ? "団体名" : "Name", bold);
    worksheet_write_string(ws, 1, 1, m->name, NULL);
    worksheet_write_string(ws, 2, 0, ja ? "年度" : "Fiscal year", bold);
    worksheet_write_number(ws, 2, 1, m->fiscal_year, NULL);
    worksheet_write_string(ws, 3, 0, ja ? "類型" : "Peer type", bold);
    worksheet_write_string(ws, 3, 1, n->type[i], NULL);
    worksheet_write_string(ws, 4, 0, ja ? "比較グループ" : "Peer group", bold);
    worksheet_write_string(ws, 4, 1, n->gname[n->group[i]], NULL);
    worksheet_write_string(ws, 5, 0, ja ? "類型規則の版" : "Peer rules", bold);
    worksheet_write_string(ws, 5, 1, n->ref->peer_version, NULL);
    worksheet_write_string(ws, 6, 0, ja ? "作成" : "Generated by", bold);
    worksheet_write_string(ws, 6, 1, "junkan diagnose", NULL);

    ws = workbook_add_worksheet(wb, ja ? "指標" : "Indicators");
    worksheet_set_column(ws, 1, 2, 36, NULL);
    worksheet_set_column(ws, 3, 15, 13, NULL);
    for (col = 0; col < 16; col++)
        worksheet_write_string(ws, 0, (lxw_col_t)col, ih[col], bold);
    r = 1;
    for (ind = 0; ind < JK_DG_NIND; ind++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(ind);
        if (jk_dg_national_compare(n, i, ind, &c) != JK_OK || isnan(c.value))
            continue;
        worksheet_write_string(ws, r, 0, in->id, NULL);
        worksheet_write_string(ws, r, 1, ja ? in->name_ja : in->name_en, NULL);
        worksheet_write_string(ws, r, 2, in->formula, NULL);
        worksheet_write_string(ws, r, 3, in->unit, NULL);
        xl_num(ws, r, 4, c.value, num);
        worksheet_write_number(ws, r, 5, (double)c.peers->n, NULL);
        xl_num(ws, r, 6, c.peers->mean, num);
        xl_num(ws, r, 7, c.peers->sd, num);
        xl_num(ws, r, 8, c.peers->q1, num);
        xl_num(ws, r, 9, c.peers->median, num);
        xl_num(ws, r, 10, c.peers->q3, num);
        xl_num(ws, r, 11, c.index, num);
        xl_num(ws, r, 12, c.deviation, num);
        xl_num(ws, r, 13, c.percentile, num);
        xl_num(ws, r, 14, c.target, num);
        xl_num(ws, r, 15, c.potential_t, num);
        r++;
    }
    worksheet_freeze_panes(ws, 1, 0);

    if (plan) {
        ws = workbook_add_worksheet(wb, ja ? "施策" : "Measures");
        worksheet_set_column(ws, 1, 1, 36, NULL);
        worksheet_set_column(ws, 2, 10, 16, NULL);
        for (col = 0; col < 11; col++)
            worksheet_write_string(ws, 0, (lxw_col_t)col, mh[col], bold);
        for (k = 0; k <= plan->n; k++) {
            const jk_dg_effect *x = k < plan->n ? &plan->m[k] : &plan->combined;
            r = (lxw_row_t)(k + 1);
            worksheet_write_string(ws, r, 0, k < plan->n ? x->id : "combined",
                                   NULL);
            worksheet_write_string(
                ws, r, 1,
                k < plan->n ? (ja ? x->name_ja : x->name_en)
                            : (ja ? "全施策の組合せ（重複なし）"
                                  : "all measures combined (no double "
                                    "counting)"),
                k < plan->n ? NULL : bold);
            xl_num(ws, r, 2, x->target_capture, num);
            xl_num(ws, r, 3, x->moved_t, num);
            xl_num(ws, r, 4, x->ghg_t, num);
            xl_num(ws, r, 5, x->fd_t, num);
            xl_num(ws, r, 6, x->fd_m3, num);
            xl_num(ws, r, 7, x->life_gain_yr, num);
            xl_num(ws, r, 8, x->cost_kyen, num);
            xl_num(ws, r, 9, x->yen_per_t, num);
            xl_num(ws, r, 10, x->yen_per_tco2, num);
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
        return jk_err_set(err, JK_EIO, path, "cannot write the workbook: %s",
                          lxw_strerror(e));
    return JK_OK;
}
