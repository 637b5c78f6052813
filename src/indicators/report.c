/*
 * Indicator reports: JSON (jansson), XLSX (libxlsxwriter) and a
 * self-contained HTML page with inline SVG bars. Every report states
 * each framework's version, the options chosen and the sources.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <xlsxwriter.h>

#include "indicators/ind_int.h"

static const char *unit_code(jk_ind_unit u)
{
    static const char *const codes[] = {"share", "t",     "ratio", "years",
                                        "per_t", "score", "tCO2e"};
    return (unsigned)u < sizeof(codes) / sizeof(codes[0]) ? codes[u] : "?";
}

/* The target for a value ("cti.circular_inflow"), NAN when none. */
static double target_of(const jk_ind_data *d, const jk_ind_set *s,
                        const jk_ind_value *v, const char **year)
{
    char key[80], *p;
    size_t i;
    if (!d || *v->subject)
        return (double)NAN;
    jk_snprintf(key, sizeof(key), "%s.%s", s->framework, v->id);
    for (p = key; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    for (i = 0; i < d->n_tg; i++)
        if (strcmp(d->tg[i].indicator, key) == 0) {
            if (year)
                *year = d->tg[i].year;
            return d->tg[i].value;
        }
    return (double)NAN;
}

/* ---- JSON ---- */

static json_t *num_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

int jk_ind_write_json(const jk_ind_set *const *sets, size_t n,
                      const jk_ind_data *d, FILE *out, jk_err *err)
{
    json_t *root = json_object(), *fws = json_array();
    size_t i, j;
    int rc = JK_OK;

    if (!root || !fws) {
        json_decref(root);
        json_decref(fws);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (d) {
        const jk_ind_company *c = &d->company;
        json_t *co = json_object();
        json_object_set_new(co, "id", json_string(c->id));
        json_object_set_new(co, "name", json_string(c->name));
        json_object_set_new(co, "period", json_string(c->period));
        json_object_set_new(co, "currency", json_string(c->currency));
        json_object_set_new(root, "company", co);
        json_object_set_new(root, "data_source",
                            json_string(jk_ind_get_source(d)));
    }
    json_object_set_new(root, "generator",
                        json_sprintf("junkan %s", jk_version()));
    for (i = 0; i < n; i++) {
        const jk_ind_set *s = sets[i];
        json_t *fw = json_object(), *vals = json_array();
        json_object_set_new(fw, "framework", json_string(s->framework));
        json_object_set_new(fw, "version", json_string(s->version));
        json_object_set_new(fw, "options", json_string(s->options));
        json_object_set_new(fw, "source", json_string(s->source));
        for (j = 0; j < s->n; j++) {
            const jk_ind_value *v = &s->v[j];
            json_t *o = json_object();
            double tg = target_of(d, s, v, NULL);
            json_object_set_new(o, "id", json_string(v->id));
            if (*v->subject)
                json_object_set_new(o, "subject", json_string(v->subject));
            json_object_set_new(o, "label_en", json_string(v->label_en));
            json_object_set_new(o, "label_ja", json_string(v->label_ja));
            json_object_set_new(o, "unit", json_string(unit_code(v->unit)));
            json_object_set_new(o, "value", num_or_null(v->value));
            if (isfinite(tg))
                json_object_set_new(o, "target", json_real(tg));
            if (*v->note)
                json_object_set_new(o, "note", json_string(v->note));
            json_array_append_new(vals, o);
        }
        json_object_set_new(fw, "values", vals);
        json_array_append_new(fws, fw);
    }
    json_object_set_new(root, "frameworks", fws);
    if (json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) ||
        fputc('\n', out) == EOF)
        rc = jk_err_set(err, JK_EIO, NULL, "cannot write the JSON report");
    json_decref(root);
    return rc;
}

/* ---- XLSX ---- */

static const char *label(const jk_ind_value *v, const char *lang)
{
    return lang && strcmp(lang, "ja") == 0 && *v->label_ja ? v->label_ja
                                                           : v->label_en;
}

static bool ja(const char *lang)
{
    return lang && strcmp(lang, "ja") == 0;
}

int jk_ind_write_xlsx(const jk_ind_set *const *sets, size_t n,
                      const jk_ind_data *d, const char *lang, const char *path,
                      jk_err *err)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_format *bold, *pct, *num;
    lxw_worksheet *ws;
    lxw_error e;
    size_t i, j;
    static const char *const head_en[] = {
        "ID", "Subject", "Indicator", "Value", "Unit", "Target", "Note"};
    static const char *const head_ja[] = {"ID",   "対象", "指標", "値",
                                          "単位", "目標", "注記"};
    const char *const *head = ja(lang) ? head_ja : head_en;

    if (!wb)
        return jk_err_set(err, JK_EIO, path, "cannot create the workbook");
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0.000");
    for (i = 0; i < n; i++) {
        const jk_ind_set *s = sets[i];
        lxw_row_t r = 0;
        int c;
        ws = workbook_add_worksheet(wb, s->framework);
        worksheet_set_column(ws, 0, 1, 16, NULL);
        worksheet_set_column(ws, 2, 2, 60, NULL);
        worksheet_set_column(ws, 3, 5, 14, NULL);
        worksheet_set_column(ws, 6, 6, 50, NULL);
        for (c = 0; c < 7; c++)
            worksheet_write_string(ws, r, (lxw_col_t)c, head[c], bold);
        for (j = 0; j < s->n; j++) {
            const jk_ind_value *v = &s->v[j];
            bool share = v->unit == JK_IU_SHARE;
            double tg = target_of(d, s, v, NULL);
            r++;
            worksheet_write_string(ws, r, 0, v->id, NULL);
            worksheet_write_string(ws, r, 1, v->subject, NULL);
            worksheet_write_string(ws, r, 2, label(v, lang), NULL);
            if (isfinite(v->value))
                worksheet_write_number(ws, r, 3, v->value, share ? pct : num);
            else
                worksheet_write_string(ws, r, 3, "n/a", NULL);
            if (v->unit == JK_IU_PER_TONNE && d && *d->company.currency) {
                char u[24];
                jk_snprintf(u, sizeof(u), "%s/t", d->company.currency);
                worksheet_write_string(ws, r, 4, u, NULL);
            } else {
                worksheet_write_string(ws, r, 4, jk_ind_unit_name(v->unit),
                                       NULL);
            }
            if (isfinite(tg))
                worksheet_write_number(ws, r, 5, tg, share ? pct : num);
            worksheet_write_string(ws, r, 6, v->note, NULL);
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    ws = workbook_add_worksheet(wb, ja(lang) ? "出典と設定" : "Sources");
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 14, NULL);
    worksheet_set_column(ws, 2, 3, 70, NULL);
    worksheet_write_string(ws, 0, 0, ja(lang) ? "枠組み" : "Framework", bold);
    worksheet_write_string(ws, 0, 1, ja(lang) ? "版" : "Version", bold);
    worksheet_write_string(ws, 0, 2, ja(lang) ? "設定" : "Options", bold);
    worksheet_write_string(ws, 0, 3, ja(lang) ? "出典" : "Source", bold);
    for (i = 0; i < n; i++) {
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, sets[i]->framework,
                               NULL);
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, sets[i]->version,
                               NULL);
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 2, sets[i]->options,
                               NULL);
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 3, sets[i]->source,
                               NULL);
    }
    if (d) {
        lxw_row_t r = (lxw_row_t)(n + 2);
        worksheet_write_string(ws, r, 0, ja(lang) ? "企業" : "Company", bold);
        worksheet_write_string(ws, r, 2, d->company.name, NULL);
        worksheet_write_string(ws, r + 1, 0, ja(lang) ? "期間" : "Period",
                               bold);
        worksheet_write_string(ws, r + 1, 2, d->company.period, NULL);
        worksheet_write_string(ws, r + 2, 0, ja(lang) ? "作成" : "Generated by",
                               bold);
        worksheet_write_string(ws, r + 2, 2, "junkan", NULL);
    }
    e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
        return jk_err_set(err, JK_EIO, path, "cannot write the workbook: %s",
                          lxw_strerror(e));
    return JK_OK;
}

/* ---- HTML ---- */

static void fmt_value(FILE *out, const jk_ind_value *v, double x,
                      const char *currency)
{
    if (!isfinite(x)) {
        fputs("–", out);
        return;
    }
    switch (v->unit) {
    case JK_IU_SHARE:
        fprintf(out, "%.1f %%", x * 100);
        break;
    case JK_IU_TONNES:
    case JK_IU_TCO2E:
        fprintf(out, "%.3f %s", x, jk_ind_unit_name(v->unit));
        break;
    case JK_IU_PER_TONNE:
        fprintf(out, "%.0f %s/t", x, currency && *currency ? currency : "per");
        break;
    default:
        fprintf(out, "%.3f", x);
    }
}

/* Bars of the shares and ratios in [0,1] of a set, with target marks. */
static void svg_bars(FILE *out, const jk_ind_set *s, const jk_ind_data *d,
                     const char *lang)
{
    size_t j, k = 0;
    const int w = 640, lw = 300, bh = 18, gap = 6;
    for (j = 0; j < s->n; j++)
        if ((s->v[j].unit == JK_IU_SHARE || strcmp(s->v[j].id, "mci") == 0 ||
             strcmp(s->v[j].id, "mci_company") == 0) &&
            isfinite(s->v[j].value))
            k++;
    if (k == 0)
        return;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
            "height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
            w, (int)k * (bh + gap) + gap, s->framework);
    k = 0;
    for (j = 0; j < s->n; j++) {
        const jk_ind_value *v = &s->v[j];
        double tg = target_of(d, s, v, NULL), x = v->value;
        int y;
        if (!((v->unit == JK_IU_SHARE || strcmp(v->id, "mci") == 0 ||
               strcmp(v->id, "mci_company") == 0) &&
              isfinite(x)))
            continue;
        y = gap + (int)k++ * (bh + gap);
        if (x < 0)
            x = 0;
        if (x > 1)
            x = 1;
        fprintf(out, "<text x=\"0\" y=\"%d\" font-size=\"12\">", y + 13);
        jk_xml_escape(out, label(v, lang));
        if (*v->subject) {
            fputs(" — ", out);
            jk_xml_escape(out, v->subject);
        }
        fputs("</text>\n", out);
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                "fill=\"#e6ece8\"/>"
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                "fill=\"#2f7d5b\"/>\n",
                lw, y, w - lw - 60, bh, lw, y, x * (w - lw - 60), bh);
        if (isfinite(tg))
            fprintf(out,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                    "stroke=\"#c0392b\" stroke-width=\"2\"/>\n",
                    lw + (tg < 0   ? 0
                          : tg > 1 ? 1
                                   : tg) *
                             (w - lw - 60),
                    lw + (tg < 0   ? 0
                          : tg > 1 ? 1
                                   : tg) *
                             (w - lw - 60),
                    y - 2, y + bh + 2);
        fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">", w - 55,
                y + 13);
        fmt_value(out, v, v->value, d ? d->company.currency : "");
        fputs("</text>\n", out);
    }
    fputs("</svg>\n", out);
}

int jk_ind_write_html(const jk_ind_set *const *sets, size_t n,
                      const jk_ind_data *d, const char *lang, FILE *out,
                      jk_err *err)
{
    bool j = ja(lang);
    size_t i, k;

    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
            "charset=\"utf-8\">\n<title>",
            j ? "ja" : "en");
    jk_xml_escape(out, j ? "循環性指標レポート" : "Circularity report");
    if (d && *d->company.name) {
        fputs(" — ", out);
        jk_xml_escape(out, d->company.name);
    }
    fputs("</title>\n<style>\n"
          "body{font-family:'Noto Sans CJK JP','Noto Sans',sans-serif;"
          "margin:2em auto;max-width:60em;color:#1b2a22}\n"
          "table{border-collapse:collapse;margin:1em 0;width:100%}\n"
          "th,td{border-bottom:1px solid #ccd;padding:.3em .5em;"
          "text-align:left;vertical-align:top}\n"
          "td.n{text-align:right;white-space:nowrap}\n"
          "h2{border-bottom:2px solid #2f7d5b}\n.meta{color:#555}\n"
          "</style>\n</head>\n<body>\n<h1>",
          out);
    jk_xml_escape(out, j ? "循環性指標レポート" : "Circularity report");
    fputs("</h1>\n", out);
    if (d) {
        fputs("<p class=\"meta\">", out);
        jk_xml_escape(out, d->company.name);
        fputs(" · ", out);
        jk_xml_escape(out, d->company.period);
        fputs("<br>", out);
        jk_xml_escape(out, j ? "データの出所: " : "Data source: ");
        jk_xml_escape(out, jk_ind_get_source(d));
        fputs("</p>\n", out);
    }
    for (i = 0; i < n; i++) {
        const jk_ind_set *s = sets[i];
        fprintf(out, "<section id=\"%s\">\n<h2>", s->framework);
        jk_xml_escape(out, s->framework);
        fputs(" ", out);
        jk_xml_escape(out, s->version);
        fputs("</h2>\n<p class=\"meta\">", out);
        jk_xml_escape(out, j ? "出典: " : "Source: ");
        jk_xml_escape(out, s->source);
        fputs("<br>", out);
        jk_xml_escape(out, j ? "設定: " : "Options: ");
        jk_xml_escape(out, s->options);
        fputs("</p>\n", out);
        svg_bars(out, s, d, lang);
        fprintf(out,
                "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr>\n",
                j ? "指標" : "Indicator", j ? "対象" : "Subject",
                j ? "値" : "Value", j ? "目標" : "Target", j ? "注記" : "Note");
        for (k = 0; k < s->n; k++) {
            const jk_ind_value *v = &s->v[k];
            const char *year = "";
            double tg = target_of(d, s, v, &year);
            fputs("<tr><td>", out);
            jk_xml_escape(out, label(v, lang));
            fputs("</td><td>", out);
            jk_xml_escape(out, v->subject);
            fputs("</td><td class=\"n\">", out);
            fmt_value(out, v, v->value, d ? d->company.currency : "");
            fputs("</td><td class=\"n\">", out);
            if (isfinite(tg)) {
                fmt_value(out, v, tg, d ? d->company.currency : "");
                if (*year) {
                    fputs(" (", out);
                    jk_xml_escape(out, year);
                    fputs(")", out);
                }
            }
            fputs("</td><td>", out);
            jk_xml_escape(out, v->note);
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n</section>\n", out);
    }
    fprintf(out,
            "<footer class=\"meta\">junkan %s</footer>\n</body>\n</html>\n",
            jk_version());
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "cannot write the HTML report");
    return JK_OK;
}
