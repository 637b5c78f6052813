/*
 * Outputs of a hub plan: JSON (through jansson) and a map-like SVG
 * drawing of hubs and flows on longitude/latitude.
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "network/model_int.h"

static json_t *num(double v)
{
    /* Rounded to 1e-6 so that LP noise does not show. */
    if (!isfinite(v))
        return json_null();
    return json_real(round(v * 1e6) / 1e6);
}

int jk_net_plan_write_json(const jk_net_plan *p, FILE *out, jk_err *err)
{
    json_t *doc = json_object(), *s = json_object(), *hubs = json_array(),
           *flows = json_array();
    size_t i;
    int rc = JK_OK;

    if (!doc || !s || !hubs || !flows) {
        rc = JK_ENOMEM;
        goto done;
    }
    json_object_set_new(s, "status",
                        json_string(jk_net_status_name(p->status)));
    json_object_set_new(s, "objective", num(p->objective));
    json_object_set_new(s, "bound", num(p->bound));
    json_object_set_new(s, "gap", num(p->gap));
    json_object_set_new(s, "cost_total", num(p->cost_total));
    json_object_set_new(s, "cost_hubs", num(p->cost_hubs));
    json_object_set_new(s, "cost_transport", num(p->cost_transport));
    json_object_set_new(s, "cost_handling", num(p->cost_handling));
    json_object_set_new(s, "co2_t", num(p->co2_t));
    json_object_set_new(s, "tonnes_domestic", num(p->tonnes_domestic));
    json_object_set_new(s, "tonnes_abroad", num(p->tonnes_abroad));
    json_object_set_new(s, "hubs_open", json_integer(p->hubs_open));
    for (i = 0; i < p->nhubs; i++) {
        const jk_net_hub_plan *h = &p->hubs[i];
        json_t *o = json_object();
        if (!o) {
            rc = JK_ENOMEM;
            goto done;
        }
        json_object_set_new(o, "id", json_string(h->id));
        json_object_set_new(o, "open", json_boolean(h->open));
        json_object_set_new(o, "size", json_string(h->size));
        json_object_set_new(o, "capacity_t", num(h->capacity));
        json_object_set_new(o, "throughput_t", num(h->throughput));
        json_object_set_new(o, "cost", num(h->cost));
        json_array_append_new(hubs, o);
    }
    for (i = 0; i < p->nflows; i++) {
        const jk_net_flow *f = &p->flows[i];
        json_t *o = json_object();
        if (!o) {
            rc = JK_ENOMEM;
            goto done;
        }
        json_object_set_new(o, "from", json_string(f->from));
        json_object_set_new(o, "to", json_string(f->to));
        json_object_set_new(o, "material", json_string(f->material));
        json_object_set_new(o, "period", json_string(f->period));
        json_object_set_new(o, "mode", json_string(f->mode));
        json_object_set_new(o, "tonnes", num(f->tonnes));
        json_object_set_new(o, "km", num(f->km));
        json_object_set_new(o, "cost", num(f->cost));
        json_object_set_new(o, "co2_t", num(f->co2_t));
        json_array_append_new(flows, o);
    }
    json_object_set_new(doc, "summary", s);
    s = NULL;
    json_object_set_new(doc, "hubs", hubs);
    hubs = NULL;
    json_object_set_new(doc, "flows", flows);
    flows = NULL;
    if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
        fputc('\n', out) == EOF)
        rc = JK_EIO;
done:
    json_decref(doc);
    json_decref(s);
    json_decref(hubs);
    json_decref(flows);
    if (rc)
        return jk_err_set(err, rc, "", "cannot write the plan: %s",
                          jk_strerror(rc));
    return JK_OK;
}

static void esc(FILE *out, const char *s)
{
    if (!jk_utf8_valid(s, strlen(s)))
        s = "?";
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        default:
            fputc((unsigned char)*s < 0x20 ? ' ' : *s, out);
        }
    }
}

static const char *label(const net_site *s, bool ja)
{
    const char *l = ja ? s->name_ja : s->name_en;
    if (!*l)
        l = ja ? s->name_en : s->name_ja;
    return *l ? l : s->id;
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

#define W   900.0
#define H   760.0
#define PAD 60.0

int jk_net_plan_write_svg(const jk_net_model *m, const jk_net_plan *p,
                          const char *lang, FILE *out, jk_err *err)
{
    double lon0 = HUGE_VAL, lon1 = -HUGE_VAL, lat0 = HUGE_VAL, lat1 = -HUGE_VAL,
           kx, sc, maxt = 0, ww, hh;
    bool ja = lang && strcmp(lang, "ja") == 0;
    int i, home = 0;
    size_t q;
    static const char *const colour[] = {"#1b9e77", "#d95f02", "#7570b3",
                                         "#e7298a", "#66a61e", "#e6ab02",
                                         "#a6761d", "#666666"};

    /* The frame fits the sites in Japan when there are any; sites
     * abroad are drawn at the edge of the frame, in their direction. */
    for (i = 0; i < m->nsites; i++)
        if (!isnan(m->sites[i].lon) && !net_abroad(&m->sites[i]))
            home++;
    for (i = 0; i < m->nsites; i++) {
        const net_site *s = &m->sites[i];
        if (isnan(s->lon) || (home > 0 && net_abroad(s)))
            continue;
        lon0 = fmin(lon0, s->lon);
        lon1 = fmax(lon1, s->lon);
        lat0 = fmin(lat0, s->lat);
        lat1 = fmax(lat1, s->lat);
    }
    if (!isfinite(lon0))
        return jk_err_set(err, JK_EINVAL, m->dir,
                          "map: no site has coordinates");
    kx = cos((lat0 + lat1) / 2 * 3.14159265358979323846 / 180);
    ww = fmax((lon1 - lon0) * kx, 1e-6);
    hh = fmax(lat1 - lat0, 1e-6);
    sc = fmin((W - 2 * PAD) / ww, (H - 2 * PAD) / hh);
    for (q = 0; q < p->nflows; q++)
        maxt = fmax(maxt, p->flows[q].tonnes);
#define X(s) clampd(PAD + ((s)->lon - lon0) * kx * sc, 12, W - 12)
#define Y(s) clampd(H - PAD - ((s)->lat - lat0) * sc, 56, H - 30)
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"'Noto Sans CJK JP', sans-serif\" "
            "font-size=\"11\">\n",
            W, H, W, H);
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#f4f8fb\"/>\n");
    fprintf(out, "<text x=\"%.0f\" y=\"24\" font-size=\"16\">%s</text>\n", PAD,
            ja ? "資源循環拠点ネットワーク計画"
               : "Resource-circulation hub plan");
    fprintf(out,
            "<text x=\"%.0f\" y=\"42\">%s %.0f, CO2 %.1f t, %s %d</text>\n",
            PAD, ja ? "総費用" : "total cost", p->cost_total, p->co2_t,
            ja ? "開設拠点" : "hubs open", p->hubs_open);
    /* Flows: width by tonnes (1..12 px), colour by mode. */
    for (q = 0; q < p->nflows; q++) {
        const jk_net_flow *f = &p->flows[q];
        int a = net_site_find(m, f->from), b = net_site_find(m, f->to), k;
        const net_site *sa, *sb;
        if (a < 0 || b < 0)
            continue;
        sa = &m->sites[a];
        sb = &m->sites[b];
        if (isnan(sa->lon) || isnan(sb->lon))
            continue;
        for (k = 0; k < m->nmodes && strcmp(m->modes[k].id, f->mode); k++)
            ;
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"%s\" stroke-opacity=\"0.7\" stroke-width=\"%.2f\" "
                "stroke-linecap=\"round\"><title>",
                X(sa), Y(sa), X(sb), Y(sb), colour[k % 8],
                1 + 11 * sqrt(f->tonnes / (maxt > 0 ? maxt : 1)));
        esc(out, f->from);
        fputs(" → ", out);
        esc(out, f->to);
        fprintf(out, ": %.1f t ", f->tonnes);
        esc(out, f->material);
        fputs(" (", out);
        esc(out, f->mode);
        fputs(")</title></line>\n", out);
    }
    /* Sites: sources circles, destinations triangles, hubs squares. */
    for (i = 0; i < m->nsites; i++) {
        const net_site *s = &m->sites[i];
        bool open = false;
        int h;
        if (isnan(s->lon))
            continue;
        if (s->kind == SITE_HUB) {
            h = net_hub_find(m, s->id);
            open = h >= 0 && (size_t)h < p->nhubs && p->hubs[h].open;
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" "
                    "fill=\"%s\" stroke=\"#333\"/>\n",
                    X(s) - 5, Y(s) - 5, open ? "#c0392b" : "#ffffff");
        } else if (s->kind == SITE_SOURCE) {
            fprintf(out,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                    "fill=\"#2c7fb8\"/>\n",
                    X(s), Y(s));
        } else {
            fprintf(out,
                    "<path d=\"M%.1f %.1f l5 8 h-10 z\" fill=\"#31a354\"/>\n",
                    X(s), Y(s) - 5);
        }
        if (s->kind != SITE_SOURCE || m->nsites <= 12 || net_abroad(s)) {
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"%s>", X(s) + 7, Y(s) + 4,
                    open ? " font-weight=\"bold\"" : "");
            esc(out, label(s, ja));
            fputs("</text>\n", out);
        }
    }
    /* Legend. */
    for (i = 0; i < m->nmodes; i++) {
        fprintf(out,
                "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
                "stroke=\"%s\" stroke-width=\"4\"/><text x=\"%.0f\" "
                "y=\"%.0f\">",
                W - 170, H - 80 + 16.0 * i, W - 140, H - 80 + 16.0 * i,
                colour[i % 8], W - 132, H - 76 + 16.0 * i);
        esc(out, m->modes[i].id);
        fputs("</text>\n", out);
    }
    fprintf(out, "<text x=\"%.0f\" y=\"%.0f\">%s</text>\n</svg>\n", PAD, H - 16,
            ja ? "■ 開設拠点 □ 候補拠点 ● 発生源 ▲ 需要先（線幅は輸送量）"
               : "■ open hub □ candidate ● source ▲ destination (line width: "
                 "tonnes)");
#undef X
#undef Y
    if (ferror(out))
        return jk_err_set(err, JK_EIO, "", "cannot write the map");
    return JK_OK;
}
