/*
 * The municipal diagnosis over HTTP (issue 9, "diagnoses"): the
 * national table of municipalities (type, peer group, indicators), peer
 * statistics, one municipality's diagnosis as JSON, its ranked measures
 * and its HTML report.
 *
 * Inputs are files, as for `junkan diagnose`: the municipal tables in
 * DATA/diagnosis (serve --data DATA) and the reference tables in
 * DATA/diagnosis/ref, else DATA/../diagnosis (the repository's layout:
 * data/demo beside data/diagnosis). The national run is computed once
 * per worker thread and kept (a pthread key) until an input or
 * reference file changes (modification time, size or inode of the
 * directories and of every file the loaders read).
 *
 * Access: everything here is public. The inputs are the MOE survey's
 * published tables (一般廃棄物処理実態調査, its 経費 sheet included); raw
 * cost rows are never served, only the tool's indicators T4/T5 and the
 * measures' cost deltas derived from them.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "server/srv_int.h"

/* ---- the per-thread national run ---- */

typedef struct dg_state {
    uint64_t stamp; /* of the files it was computed from */
    char dir[1024], ref[1024];
    jk_dg_ref *refs;
    jk_dg_data *data;
    jk_dg_national *nat;
} dg_state;

static pthread_key_t dg_key;
static pthread_once_t dg_once = PTHREAD_ONCE_INIT;

static void dg_state_clear(dg_state *s)
{
    jk_dg_national_free(s->nat);
    jk_dg_data_free(s->data);
    jk_dg_ref_free(s->refs);
    s->nat = NULL;
    s->data = NULL;
    s->refs = NULL;
    s->stamp = 0;
}

static void dg_state_free(void *p)
{
    if (p) {
        dg_state_clear(p);
        jk_free(p);
    }
}

static void dg_make_key(void)
{
    pthread_key_create(&dg_key, dg_state_free);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* FNV-1a over the stat fields that change when a file is rewritten. */
static uint64_t mix(uint64_t h, const char *path)
{
    struct stat st;
    uint64_t v[4] = {0, 0, 0, 0};
    size_t i;
    if (stat(path, &st) == 0) {
        v[0] = (uint64_t)st.st_mtim.tv_sec;
        v[1] = (uint64_t)st.st_mtim.tv_nsec;
        v[2] = (uint64_t)st.st_size;
        v[3] = (uint64_t)st.st_ino;
    }
    for (i = 0; i < sizeof(v); i++) {
        h ^= ((const unsigned char *)v)[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t stamp_of(const char *dir, const char *ref)
{
    static const char *const in[] = {"profiles.csv", "flows.csv",
                                     "composition.csv", "residual.csv",
                                     "costs.csv"};
    static const char *const rf[] = {"peer_types.csv", "ghg_factors.csv",
                                     "params.csv", "measures.csv"};
    char path[1200];
    uint64_t h = mix(mix(1469598103934665603ull, dir), ref);
    size_t k;
    for (k = 0; k < sizeof(in) / sizeof(in[0]); k++) {
        jk_snprintf(path, sizeof(path), "%s/%s", dir, in[k]);
        h = mix(h, path);
    }
    for (k = 0; k < sizeof(rf) / sizeof(rf[0]); k++) {
        jk_snprintf(path, sizeof(path), "%s/%s", ref, rf[k]);
        h = mix(h, path);
    }
    return h | 1; /* never 0, the empty state's stamp */
}

/* The national run for this request's data directory; NULL after
 * answering (404 not_configured, or the loaders' error). */
static const dg_state *dg_national(srv_req *r)
{
    dg_state *s;
    char dir[1024], ref[1024], path[1100];
    uint64_t stamp;
    jk_err err;
    const char *d = r->o->data_dir;

    if (!d) {
        srv_error(r, 404, "not_configured", NULL,
                  "no diagnosis data: start the server with --data DIR "
                  "(DIR/diagnosis holds the municipal tables)");
        return NULL;
    }
    jk_snprintf(dir, sizeof(dir), "%s/diagnosis", d);
    jk_snprintf(path, sizeof(path), "%s/profiles.csv", dir);
    if (!is_file(path)) {
        srv_error(r, 404, "not_configured", NULL,
                  "no diagnosis data: the data directory has no "
                  "diagnosis/profiles.csv");
        return NULL;
    }
    jk_snprintf(ref, sizeof(ref), "%s/ref", dir);
    if (!is_dir(ref))
        jk_snprintf(ref, sizeof(ref), "%s/../diagnosis", d);
    jk_snprintf(path, sizeof(path), "%s/peer_types.csv", ref);
    if (!is_file(path)) {
        srv_error(r, 404, "not_configured", NULL,
                  "no diagnosis reference tables: put peer_types.csv, "
                  "ghg_factors.csv, params.csv and measures.csv in "
                  "DIR/diagnosis/ref (or DIR/../diagnosis)");
        return NULL;
    }

    pthread_once(&dg_once, dg_make_key);
    s = pthread_getspecific(dg_key);
    if (!s) {
        if (!(s = jk_calloc(1, sizeof(*s)))) {
            srv_error(r, 500, "internal", NULL, "out of memory");
            return NULL;
        }
        pthread_setspecific(dg_key, s);
    }
    stamp = stamp_of(dir, ref);
    if (s->nat && s->stamp == stamp && strcmp(s->dir, dir) == 0 &&
        strcmp(s->ref, ref) == 0)
        return s;
    dg_state_clear(s);
    if (jk_dg_ref_load(ref, &s->refs, &err) ||
        jk_dg_data_load(dir, &s->data, &err) ||
        jk_dg_national_new(s->data, s->refs, NULL, &s->nat, &err)) {
        char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
        dg_state_clear(s);
        jk_err_line(&err, line, sizeof(line));
        /* The server's own files are wrong: not the client's fault. */
        srv_error(r, 500, "internal", NULL, "diagnosis input: %s", line);
        return NULL;
    }
    jk_snprintf(s->dir, sizeof(s->dir), "%s", dir);
    jk_snprintf(s->ref, sizeof(s->ref), "%s", ref);
    s->stamp = stamp;
    return s;
}

/* ---- helpers ---- */

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static int ind_of(const char *id)
{
    int i;
    for (i = 0; i < JK_DG_NIND; i++)
        if (strcmp(jk_dg_ind_get(i)->id, id) == 0)
            return i;
    return -1;
}

/* The municipality of the path's {code}; -1 after answering. */
static long muni_index(srv_req *r, const dg_state *s)
{
    const char *code = r->params[0];
    const jk_dg_muni *m;
    size_t k, n = strlen(code);
    bool digits = n == 5 || n == 6;
    for (k = 0; digits && k < n; k++)
        digits = code[k] >= '0' && code[k] <= '9';
    if (!digits) {
        srv_error(r, 400, "bad_parameter", "code",
                  "a municipality code is 5 digits (or 6 with the check "
                  "digit), not \"%s\"",
                  code);
        return -1;
    }
    if (!(m = jk_dg_data_find(s->data, code))) {
        srv_error(r, 404, "not_found", "code", "no municipality %s", code);
        return -1;
    }
    return (long)(m - s->data->muni);
}

typedef int (*print_fn)(const dg_state *s, size_t i, const jk_dg_plan *p,
                        const char *lang, FILE *fp, jk_err *err);

static int print_json(const dg_state *s, size_t i, const jk_dg_plan *p,
                      const char *lang, FILE *fp, jk_err *err)
{
    (void)lang;
    return jk_dg_report_json(s->nat, i, p, fp, err);
}

static int print_html(const dg_state *s, size_t i, const jk_dg_plan *p,
                      const char *lang, FILE *fp, jk_err *err)
{
    return jk_dg_report_html(s->nat, i, p, lang, fp, err);
}

typedef struct report_ctx {
    const dg_state *s;
    size_t i;
    const jk_dg_plan *p;
    const char *lang;
    print_fn fn;
} report_ctx;

static int print_report(void *ctx, FILE *fp, jk_err *err)
{
    report_ctx *c = ctx;
    return c->fn(c->s, c->i, c->p, c->lang, fp, err);
}

/* Write municipality i's report (with its plan) into out; -1 after
 * answering. */
static int report_into(srv_req *r, const dg_state *s, size_t i, print_fn fn,
                       const char *lang, jk_buf *out)
{
    report_ctx c = {s, i, NULL, lang, fn};
    jk_dg_plan *p = NULL;
    jk_err err;
    int rc;
    if (jk_dg_plan_new(s->nat, i, s->refs, &p, &err)) {
        srv_fail(r, &err);
        return -1;
    }
    c.p = p;
    rc = srv_print_to_buf(print_report, &c, out, &err);
    jk_dg_plan_free(p);
    if (rc) {
        srv_fail(r, &err);
        return -1;
    }
    return 0;
}

/* The JSON report of municipality i, parsed; NULL after answering. */
static json_t *report_doc(srv_req *r, const dg_state *s, size_t i)
{
    jk_buf b;
    json_error_t je;
    json_t *doc = NULL;
    jk_buf_init(&b, (size_t)1 << 26);
    if (report_into(r, s, i, print_json, NULL, &b) == 0) {
        doc = json_loadb(b.data ? b.data : "", b.len, 0, &je);
        if (!doc)
            srv_error(r, 500, "internal", NULL, "report: %s", je.text);
    }
    jk_buf_free(&b);
    return doc;
}

/* ---- the national table ---- */

/* The indicators of the national table (those of `diagnose national`). */
static const int national_cols[] = {JK_DG_T1, JK_DG_T2, JK_DG_T3, JK_DG_T4,
                                    JK_DG_T5, JK_DG_I2, JK_DG_I7, JK_DG_I8,
                                    JK_DG_I9, JK_DG_I10};
#define NCOLS (sizeof(national_cols) / sizeof(national_cols[0]))

static json_t *ind_meta(int ind)
{
    const jk_dg_ind_info *in = jk_dg_ind_get(ind);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", in->id, "name_ja",
                     in->name_ja, "name_en", in->name_en, "unit", in->unit,
                     "formula", in->formula, "better",
                     in->better > 0 ? "higher" : "lower");
}

static int h_list(srv_req *r)
{
    const dg_state *s = dg_national(r);
    const char *type = srv_query(r, "type"), *group = srv_query(r, "group");
    const char *pref = srv_query(r, "prefecture");
    size_t limit, offset, total = 0, i, k;
    json_t *items, *cols, *doc;
    if (!s || srv_page(r, &limit, &offset))
        return 0;
    items = json_array();
    cols = json_array();
    for (k = 0; k < NCOLS; k++)
        json_array_append_new(cols, ind_meta(national_cols[k]));
    for (i = 0; i < s->data->n; i++) {
        const jk_dg_muni *m = &s->data->muni[i];
        const double *v = jk_dg_national_values(s->nat, i);
        char fl[160], href[64];
        json_t *o, *ind;
        if (type && strcmp(jk_dg_national_type(s->nat, i), type) != 0)
            continue;
        if (group && strcmp(jk_dg_national_group(s->nat, i), group) != 0)
            continue;
        if (pref && strcmp(m->pref ? m->pref : "", pref) != 0)
            continue;
        if (total++ < offset || total > offset + limit)
            continue;
        ind = json_object();
        for (k = 0; k < NCOLS; k++)
            json_object_set_new(ind, jk_dg_ind_get(national_cols[k])->id,
                                num(v[national_cols[k]]));
        jk_snprintf(href, sizeof(href), "/api/v1/diagnoses/%s", m->code);
        o = json_pack(
            "{s:s, s:s, s:s, s:i, s:s, s:o, s:s, s:s, s:o, s:s, "
            "s:s}",
            "code", m->code, "name", m->name ? m->name : "", "prefecture",
            m->pref ? m->pref : "", "fiscal_year", m->fiscal_year, "city_class",
            m->city_class ? m->city_class : "", "population", num(m->pop_total),
            "type", jk_dg_national_type(s->nat, i), "group",
            jk_dg_national_group(s->nat, i), "indicators", ind, "implausible",
            jk_dg_national_flags(s->nat, i, fl, sizeof(fl)), "href", href);
        json_array_append_new(items, o);
    }
    doc = srv_page_doc(items, total, limit, offset);
    json_object_set_new(doc, "indicators", cols);
    return srv_json(r, 200, doc);
}

/* ---- peer statistics ---- */

static int h_peers(srv_req *r)
{
    const dg_state *s = dg_national(r);
    const char *id = srv_query(r, "indicator"), *group = srv_query(r, "group");
    size_t limit, offset, total = 0, g, ng;
    int want = -1, ind;
    bool group_found = false;
    json_t *items;
    if (!s || srv_page(r, &limit, &offset))
        return 0;
    if (id && (want = ind_of(id)) < 0)
        return srv_error(r, 400, "bad_parameter", "indicator",
                         "no indicator \"%s\" (T1 … T5, I1, I1h, I1b, I2, "
                         "I7, I8, I9, I9p, I10, C.<fraction>)",
                         id);
    ng = jk_dg_national_ngroups(s->nat);
    items = json_array();
    for (g = 0; g < ng; g++) {
        const char *gname = jk_dg_national_group_name(s->nat, g);
        if (group && strcmp(gname, group) != 0)
            continue;
        group_found = true;
        for (ind = 0; ind < JK_DG_NIND; ind++) {
            const jk_dg_stats *st = jk_dg_national_stats(s->nat, g, ind);
            const jk_dg_ind_info *in = jk_dg_ind_get(ind);
            json_t *o;
            if ((want >= 0 && ind != want) || !st || !st->n)
                continue;
            if (total++ < offset || total > offset + limit)
                continue;
            o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "group", gname,
                          "indicator", in->id, "name_ja", in->name_ja,
                          "name_en", in->name_en, "unit", in->unit, "better",
                          in->better > 0 ? "higher" : "lower", "n",
                          (json_int_t)st->n);
            json_object_set_new(o, "mean", num(st->mean));
            json_object_set_new(o, "sd", num(st->sd));
            json_object_set_new(o, "min", num(st->min));
            json_object_set_new(o, "q1", num(st->q1));
            json_object_set_new(o, "median", num(st->median));
            json_object_set_new(o, "q3", num(st->q3));
            json_object_set_new(o, "max", num(st->max));
            json_array_append_new(items, o);
        }
    }
    if (group && !group_found) {
        json_decref(items);
        return srv_error(r, 404, "not_found", "group", "no peer group \"%s\"",
                         group);
    }
    return srv_json(r, 200, srv_page_doc(items, total, limit, offset));
}

/* ---- one municipality ---- */

static void add_links(json_t *doc, const char *code)
{
    char b[3][96];
    jk_snprintf(b[0], sizeof(b[0]), "/api/v1/diagnoses/%s/report.html?lang=ja",
                code);
    jk_snprintf(b[1], sizeof(b[1]), "/api/v1/diagnoses/%s/report.html?lang=en",
                code);
    jk_snprintf(b[2], sizeof(b[2]), "/api/v1/diagnoses/%s/measures", code);
    json_object_set_new(doc, "links",
                        json_pack("{s:s, s:s, s:s}", "report_ja", b[0],
                                  "report_en", b[1], "measures", b[2]));
}

static int h_one(srv_req *r)
{
    const dg_state *s = dg_national(r);
    const jk_dg_muni *m;
    json_t *doc;
    long i;
    if (!s || (i = muni_index(r, s)) < 0)
        return 0;
    if (!(doc = report_doc(r, s, (size_t)i)))
        return 0;
    m = &s->data->muni[i];
    json_object_set_new(doc, "prefecture", json_string(m->pref ? m->pref : ""));
    json_object_set_new(doc, "population", num(m->pop_total));
    add_links(doc, m->code);
    return srv_json(r, 200, doc);
}

static int h_measures(srv_req *r)
{
    const dg_state *s = dg_national(r);
    size_t limit, offset, total, k;
    json_t *doc, *ms, *items, *out;
    long i;
    if (!s || (i = muni_index(r, s)) < 0 || srv_page(r, &limit, &offset))
        return 0;
    if (!(doc = report_doc(r, s, (size_t)i)))
        return 0;
    ms = json_object_get(doc, "measures");
    total = json_array_size(ms);
    items = json_array();
    for (k = offset; k < total && k < offset + limit; k++) {
        json_t *e = json_array_get(ms, k);
        json_object_set_new(e, "rank", json_integer((json_int_t)k + 1));
        json_array_append(items, e);
    }
    out = srv_page_doc(items, total, limit, offset);
    json_object_set(out, "muni_code", json_object_get(doc, "muni_code"));
    json_object_set(out, "name", json_object_get(doc, "name"));
    json_object_set(out, "combined", json_object_get(doc, "combined"));
    json_object_set_new(out, "ranking",
                        json_string("GHG saved, then tonnes recovered; "
                                    "combined: in rank order, no tonne "
                                    "counted twice"));
    json_decref(doc);
    return srv_json(r, 200, out);
}

static int h_report(srv_req *r)
{
    const dg_state *s = dg_national(r);
    const char *lang = srv_query(r, "lang");
    long i;
    if (lang && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
        return srv_error(r, 400, "bad_parameter", "lang", "lang is ja or en");
    if (!s || (i = muni_index(r, s)) < 0)
        return 0;
    jk_buf_reset(&r->out);
    if (report_into(r, s, (size_t)i, print_html, lang ? lang : "ja", &r->out)) {
        return 0;
    }
    r->status = 200;
    r->ctype = "text/html; charset=utf-8";
    return 0;
}

#define J "application/json"

static const srv_route routes[] = {
    {"GET", "/api/v1/diagnoses", h_list, JK_ROLE_PUBLIC, "diagnosis",
     "Every municipality of the diagnosis input: type, peer group and the "
     "national table's indicators",
     "type,group,prefecture,limit,offset", J},
    /* before {code}: "peers" is not a municipality */
    {"GET", "/api/v1/diagnoses/peers", h_peers, JK_ROLE_PUBLIC, "diagnosis",
     "Peer statistics per group and indicator (n, mean, SD, quartiles)",
     "indicator,group,limit,offset", J},
    {"GET", "/api/v1/diagnoses/{code}", h_one, JK_ROLE_PUBLIC, "diagnosis",
     "A municipality's diagnosis: indicators with formula, unit and peer "
     "comparison, potential, measures and the combined scenario",
     "", J},
    {"GET", "/api/v1/diagnoses/{code}/measures", h_measures, JK_ROLE_PUBLIC,
     "diagnosis", "A municipality's measures ranked, with their effects",
     "limit,offset", J},
    {"GET", "/api/v1/diagnoses/{code}/report.html", h_report, JK_ROLE_PUBLIC,
     "reports", "A municipality's diagnosis report (HTML)", "lang",
     "text/html"},
};

const srv_table srv_diagnosis_routes = {routes,
                                        sizeof(routes) / sizeof(routes[0])};
