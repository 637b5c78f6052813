/*
 * Reading and writing MFA systems: a JSON document, a directory of CSV
 * files, or the flows of a store for one material and period.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "mfa/mfa_int.h"

/* "12.5" (tonnes) or "5%" of value; -1 when malformed. */
static double parse_sd(const char *s, double value, bool *ok)
{
    char buf[64];
    size_t n = strlen(s);
    double v;

    *ok = false;
    if (n == 0 || n >= sizeof(buf))
        return 0;
    if (s[n - 1] == '%') {
        memcpy(buf, s, n - 1);
        buf[n - 1] = '\0';
        if (jk_parse_double(buf, &v) || v < 0 || !isfinite(value))
            return 0;
        *ok = true;
        return fabs(value) * v / 100.0;
    }
    if (jk_parse_double(s, &v) || v < 0)
        return 0;
    *ok = true;
    return v;
}

/* Where an error is: "file:line" or "file:$.flows[3]", into err->where
 * in front of what the model functions reported. */
static int relocate(jk_err *err, const char *where)
{
    char msg[JK_ERR_MSG];
    jk_snprintf(msg, sizeof(msg), "%s: %s", err->where, err->msg);
    return jk_err_set(err, err->code, where, "%s", msg);
}

/* ---- JSON ---- */

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

static int jnum(json_t *o, const char *key, double *out, bool *present)
{
    json_t *v = json_object_get(o, key);
    *present = v && !json_is_null(v);
    if (!*present)
        return JK_OK;
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return JK_OK;
    }
    if (json_is_string(v) && jk_parse_double(json_string_value(v), out) == 0)
        return JK_OK;
    return JK_EPARSE;
}

/* Value, sd and status of a flow or stock object. */
static int jvalue(json_t *o, double *value, double *sd, jk_mfa_status *st,
                  const char *where, jk_err *err)
{
    bool has_v, has_sd = false, ok;
    json_t *jsd = json_object_get(o, "sd");
    const char *status = jstr(o, "status");

    *value = (double)NAN;
    if (jnum(o, "value", value, &has_v))
        return jk_err_set(err, JK_EPARSE, where, "value: expected tonnes");
    *sd = 0;
    if (json_is_string(jsd)) {
        *sd = parse_sd(json_string_value(jsd), *value, &ok);
        if (!ok)
            return jk_err_set(err, JK_EPARSE, where,
                              "sd: expected tonnes or a percentage, got "
                              "\"%s\"",
                              json_string_value(jsd));
        has_sd = true;
    } else if (json_is_number(jsd)) {
        *sd = json_number_value(jsd);
        has_sd = true;
    } else if (jsd && !json_is_null(jsd)) {
        return jk_err_set(err, JK_EPARSE, where,
                          "sd: expected tonnes or a percentage");
    }
    if (*status) {
        if (jk_mfa_status_parse(status, st))
            return jk_err_set(err, JK_EPARSE, where,
                              "status: expected measured, estimated, "
                              "unknown or constant, got \"%s\"",
                              status);
    } else {
        *st = !has_v              ? JK_MFA_UNKNOWN
              : has_sd && *sd > 0 ? JK_MFA_MEASURED
                                  : JK_MFA_CONSTANT;
    }
    if (*st != JK_MFA_UNKNOWN && !has_v)
        return jk_err_set(err, JK_EPARSE, where,
                          "value: required unless the status is unknown");
    return JK_OK;
}

/* "concentrations": {"cu": 0.02, "pb": {"value": 0.001, "sd": "20%"}} */
static int jconcs(jk_mfa_system *sys, const char *flow, json_t *obj,
                  const char *where, jk_err *err)
{
    const char *key;
    json_t *v;
    int rc = JK_OK;

    if (!obj)
        return JK_OK;
    if (!json_is_object(obj))
        return jk_err_set(err, JK_EPARSE, where,
                          "concentrations: expected {\"substance\": "
                          "fraction, ...}");
    json_object_foreach (obj, key, v) {
        double c = 0, sd = 0;
        bool ok = true;
        if (json_is_number(v)) {
            c = json_number_value(v);
        } else if (json_is_object(v) &&
                   json_is_number(json_object_get(v, "value"))) {
            json_t *jsd = json_object_get(v, "sd");
            c = json_number_value(json_object_get(v, "value"));
            if (json_is_number(jsd))
                sd = json_number_value(jsd);
            else if (json_is_string(jsd))
                sd = parse_sd(json_string_value(jsd), c, &ok);
        } else {
            ok = false;
        }
        if (!ok)
            return jk_err_set(err, JK_EPARSE, where,
                              "concentrations.%s: expected a mass fraction "
                              "or {\"value\": fraction, \"sd\": ...}",
                              key);
        if ((rc = jk_mfa_add_concentration(sys, flow, key, c, sd, err)))
            return relocate(err, where);
    }
    return rc;
}

static int load_json(const char *path, jk_mfa_system *sys, jk_err *err)
{
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    json_t *arr, *o;
    size_t i;
    char where[JK_ERR_WHERE];
    int rc = JK_OK;

    if (!doc) {
        jk_snprintf(where, sizeof(where), "%s:%d:%d", path, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "malformed JSON: %s", je.text);
    }
    o = json_object_get(doc, "system");
    if (json_is_object(o)) {
        jk_mfa_info info = {jstr(o, "name"), jstr(o, "region"),
                            jstr(o, "period"), jstr(o, "material")};
        rc = jk_mfa_set_info(sys, &info, err);
    }
    arr = json_object_get(doc, "processes");
    json_array_foreach (arr, i, o) {
        jk_mfa_process p = {jstr(o, "id"), jstr(o, "name_ja"),
                            jstr(o, "name_en"),
                            json_is_true(json_object_get(o, "stock"))};
        if (rc)
            break;
        if ((rc = jk_mfa_add_process(sys, &p, err))) {
            jk_snprintf(where, sizeof(where), "%s:$.processes[%zu]", path, i);
            rc = relocate(err, where);
        }
    }
    arr = json_object_get(doc, "flows");
    if (rc == JK_OK && !json_is_array(arr))
        rc = jk_err_set(err, JK_EPARSE, path, "expected a \"flows\" list");
    json_array_foreach (arr, i, o) {
        jk_mfa_flow f;
        if (rc)
            break;
        jk_snprintf(where, sizeof(where), "%s:$.flows[%zu]", path, i);
        memset(&f, 0, sizeof(f));
        f.id = jstr(o, "id");
        f.from = jstr(o, "from");
        f.to = jstr(o, "to");
        f.route = jstr(o, "route");
        f.label = jstr(o, "label");
        f.source = jstr(o, "source");
        rc = jvalue(o, &f.value, &f.sd, &f.status, where, err);
        if (rc == JK_OK && (rc = jk_mfa_add_flow(sys, &f, err)))
            rc = relocate(err, where);
        if (rc == JK_OK)
            rc = jconcs(sys, f.id, json_object_get(o, "concentrations"), where,
                        err);
    }
    arr = json_object_get(doc, "stocks");
    json_array_foreach (arr, i, o) {
        jk_mfa_stock s;
        if (rc)
            break;
        jk_snprintf(where, sizeof(where), "%s:$.stocks[%zu]", path, i);
        s.process = jstr(o, "process");
        rc = jvalue(o, &s.value, &s.sd, &s.status, where, err);
        if (rc == JK_OK && (rc = jk_mfa_add_stock(sys, &s, err)))
            rc = relocate(err, where);
    }
    arr = json_object_get(doc, "tcs");
    json_array_foreach (arr, i, o) {
        jk_mfa_tc t;
        bool has;
        if (rc)
            break;
        jk_snprintf(where, sizeof(where), "%s:$.tcs[%zu]", path, i);
        t.process = jstr(o, "process");
        t.flow = jstr(o, "flow");
        if (jnum(o, "tc", &t.tc, &has) || !has)
            rc = jk_err_set(err, JK_EPARSE, where, "tc: expected a number");
        else if ((rc = jk_mfa_add_tc(sys, &t, err)))
            rc = relocate(err, where);
    }
    json_decref(doc);
    return rc;
}

/* ---- CSV directory ---- */

typedef struct dir_ctx {
    jk_mfa_system *sys;
    const char *file;
    jk_err *err;
} dir_ctx;

static int located(dir_ctx *d, const jk_csv_row *t, int rc)
{
    char where[JK_ERR_WHERE];
    if (rc == JK_OK || rc == JK_ENOMEM)
        return rc;
    jk_snprintf(where, sizeof(where), "%s:%ld", d->file, jk_csv_line(t));
    return relocate(d->err, where);
}

static int row_process(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    const char *st = jk_csv_get(t, "stock");
    jk_mfa_process p = {jk_csv_get(t, "id"), jk_csv_get(t, "name_ja"),
                        jk_csv_get(t, "name_en"),
                        strcmp(st, "true") == 0 || strcmp(st, "yes") == 0 ||
                            strcmp(st, "1") == 0};
    return located(d, t, jk_mfa_add_process(d->sys, &p, d->err));
}

/* value/sd/status columns shared by flows and stocks. */
static int row_value(dir_ctx *d, const jk_csv_row *t, double *value, double *sd,
                     jk_mfa_status *st)
{
    const char *v = jk_csv_get(t, "value"), *s = jk_csv_get(t, "sd"),
               *status = jk_csv_get(t, "status");
    bool ok = true;
    jk_err *err = d->err;

    *value = (double)NAN;
    *sd = 0;
    if (*v && jk_parse_double(v, value))
        return jk_err_set(err, JK_EPARSE, "value",
                          "expected tonnes, got \"%s\"", v);
    if (*s) {
        *sd = parse_sd(s, *value, &ok);
        if (!ok)
            return jk_err_set(err, JK_EPARSE, "sd",
                              "expected tonnes or a percentage, got \"%s\"", s);
    }
    if (*status) {
        if (jk_mfa_status_parse(status, st))
            return jk_err_set(err, JK_EPARSE, "status",
                              "expected measured, estimated, unknown or "
                              "constant, got \"%s\"",
                              status);
    } else {
        *st = !*v       ? JK_MFA_UNKNOWN
              : *sd > 0 ? JK_MFA_MEASURED
                        : JK_MFA_CONSTANT;
    }
    if (*st != JK_MFA_UNKNOWN && !*v)
        return jk_err_set(err, JK_EPARSE, "value",
                          "required unless the status is unknown");
    return JK_OK;
}

static int row_flow(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    jk_mfa_flow f;
    int rc;
    memset(&f, 0, sizeof(f));
    f.id = jk_csv_get(t, "id");
    f.from = jk_csv_get(t, "from");
    f.to = jk_csv_get(t, "to");
    f.route = jk_csv_get(t, "route");
    f.label = jk_csv_get(t, "label");
    f.source = jk_csv_get(t, "source");
    rc = row_value(d, t, &f.value, &f.sd, &f.status);
    if (rc == JK_OK)
        rc = jk_mfa_add_flow(d->sys, &f, d->err);
    return located(d, t, rc);
}

static int row_stock(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    jk_mfa_stock s;
    int rc;
    s.process = jk_csv_get(t, "process");
    rc = row_value(d, t, &s.value, &s.sd, &s.status);
    if (rc == JK_OK)
        rc = jk_mfa_add_stock(d->sys, &s, d->err);
    return located(d, t, rc);
}

static int row_tc(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    jk_mfa_tc c;
    int rc = JK_OK;
    c.process = jk_csv_get(t, "process");
    c.flow = jk_csv_get(t, "flow");
    if (jk_parse_double(jk_csv_get(t, "tc"), &c.tc))
        rc = jk_err_set(d->err, JK_EPARSE, "tc", "expected a number");
    else
        rc = jk_mfa_add_tc(d->sys, &c, d->err);
    return located(d, t, rc);
}

static int row_conc(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    const char *v = jk_csv_get(t, "value"), *s = jk_csv_get(t, "sd");
    double c, sd = 0;
    bool ok = true;
    int rc;
    if (jk_parse_double(v, &c))
        return located(d, t,
                       jk_err_set(d->err, JK_EPARSE, "value",
                                  "expected a mass fraction, got \"%s\"", v));
    if (*s)
        sd = parse_sd(s, c, &ok);
    if (!ok)
        return located(d, t,
                       jk_err_set(d->err, JK_EPARSE, "sd",
                                  "expected a fraction or a percentage, got "
                                  "\"%s\"",
                                  s));
    rc = jk_mfa_add_concentration(d->sys, jk_csv_get(t, "flow"),
                                  jk_csv_get(t, "substance"), c, sd, d->err);
    return located(d, t, rc);
}

/* Without processes.csv, every endpoint that is not ext: is a process. */
static int row_implicit(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    const char *ends[2] = {jk_csv_get(t, "from"), jk_csv_get(t, "to")};
    int i, rc = JK_OK;
    for (i = 0; i < 2 && rc == JK_OK; i++) {
        jk_mfa_process p = {ends[i], "", "", false};
        if (!*ends[i] || mfa_is_ext(ends[i]) ||
            jk_mfa_find_process(d->sys, ends[i]) >= 0)
            continue;
        rc = located(d, t, jk_mfa_add_process(d->sys, &p, d->err));
    }
    return rc;
}

static int row_system(void *ctx, const jk_csv_row *t)
{
    dir_ctx *d = ctx;
    jk_mfa_info info = {jk_csv_get(t, "name"), jk_csv_get(t, "region"),
                        jk_csv_get(t, "period"), jk_csv_get(t, "material")};
    return located(d, t, jk_mfa_set_info(d->sys, &info, d->err));
}

static int load_dir(const char *dir, jk_mfa_system *sys, jk_err *err)
{
    char path[4096];
    dir_ctx d = {sys, path, err};
    struct stat sb;
    int rc;

    jk_snprintf(path, sizeof(path), "%s/system.csv", dir);
    rc = jk_csv_read(path, row_system, &d, false, err);
    if (rc)
        return rc;
    jk_snprintf(path, sizeof(path), "%s/processes.csv", dir);
    if (stat(path, &sb) == 0) {
        rc = jk_csv_read(path, row_process, &d, true, err);
    } else {
        jk_snprintf(path, sizeof(path), "%s/flows.csv", dir);
        rc = jk_csv_read(path, row_implicit, &d, true, err);
    }
    if (rc == JK_OK) {
        jk_snprintf(path, sizeof(path), "%s/flows.csv", dir);
        rc = jk_csv_read(path, row_flow, &d, true, err);
    }
    if (rc == JK_OK) {
        jk_snprintf(path, sizeof(path), "%s/stocks.csv", dir);
        rc = jk_csv_read(path, row_stock, &d, false, err);
    }
    if (rc == JK_OK) {
        jk_snprintf(path, sizeof(path), "%s/tcs.csv", dir);
        rc = jk_csv_read(path, row_tc, &d, false, err);
    }
    if (rc == JK_OK) {
        jk_snprintf(path, sizeof(path), "%s/concentrations.csv", dir);
        rc = jk_csv_read(path, row_conc, &d, false, err);
    }
    return rc;
}

int jk_mfa_load(const char *path, jk_mfa_system **out, jk_err *err)
{
    jk_mfa_system *sys;
    struct stat sb;
    size_t n = strlen(path);
    int rc;

    *out = NULL;
    if (stat(path, &sb) != 0)
        return jk_err_set(err, JK_EIO, path, "cannot read: %s",
                          strerror(errno));
    sys = jk_mfa_new();
    if (!sys)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (S_ISDIR(sb.st_mode))
        rc = load_dir(path, sys, err);
    else if (n > 5 && strcmp(path + n - 5, ".json") == 0)
        rc = load_json(path, sys, err);
    else
        rc = jk_err_set(err, JK_EINVAL, path,
                        "expected a .json system or a directory of CSV "
                        "files (flows.csv, processes.csv, stocks.csv, "
                        "tcs.csv)");
    if (rc) {
        jk_mfa_free(sys);
        return rc;
    }
    *out = sys;
    return JK_OK;
}

/* ---- JSON out ---- */

static int set_num(json_t *o, const char *key, double v)
{
    if (!isfinite(v))
        return JK_OK;
    return json_object_set_new(o, key, json_real(v)) ? JK_ENOMEM : JK_OK;
}

static int set_str(json_t *o, const char *key, const char *v)
{
    if (!v || !*v)
        return JK_OK;
    return json_object_set_new(o, key, json_string(v)) ? JK_ENOMEM : JK_OK;
}

int jk_mfa_save_json(const jk_mfa_system *sys, FILE *out, jk_err *err)
{
    json_t *doc = json_object(), *arr, *o;
    size_t i;
    int rc = doc ? JK_OK : JK_ENOMEM;

    if (rc == JK_OK) {
        o = json_object();
        rc = !o || json_object_set_new(doc, "system", o) ? JK_ENOMEM : JK_OK;
        if (rc == JK_OK)
            rc = set_str(o, "name", sys->info.name) ||
                         set_str(o, "region", sys->info.region) ||
                         set_str(o, "period", sys->info.period) ||
                         set_str(o, "material", sys->info.material)
                     ? JK_ENOMEM
                     : JK_OK;
    }
    arr = json_array();
    if (rc == JK_OK && (!arr || json_object_set_new(doc, "processes", arr)))
        rc = JK_ENOMEM;
    for (i = 0; rc == JK_OK && i < sys->nprocs; i++) {
        const jk_mfa_process *p = &sys->procs[i];
        o = json_object();
        if (!o || json_array_append_new(arr, o) || set_str(o, "id", p->id) ||
            set_str(o, "name_ja", p->name_ja) ||
            set_str(o, "name_en", p->name_en) ||
            (p->stock && json_object_set_new(o, "stock", json_true())))
            rc = JK_ENOMEM;
    }
    arr = json_array();
    if (rc == JK_OK && (!arr || json_object_set_new(doc, "flows", arr)))
        rc = JK_ENOMEM;
    for (i = 0; rc == JK_OK && i < sys->nflows; i++) {
        const jk_mfa_flow *f = &sys->flows[i];
        o = json_object();
        if (!o || json_array_append_new(arr, o) || set_str(o, "id", f->id) ||
            set_str(o, "from", f->from) || set_str(o, "to", f->to) ||
            set_num(o, "value", f->value) ||
            (f->status != JK_MFA_UNKNOWN && f->status != JK_MFA_CONSTANT &&
             set_num(o, "sd", f->sd)) ||
            set_str(o, "status", jk_mfa_status_name(f->status)) ||
            set_str(o, "route", f->route) || set_str(o, "label", f->label) ||
            set_str(o, "source", f->source))
            rc = JK_ENOMEM;
        for (size_t k = 0; rc == JK_OK && k < sys->nconcs; k++) {
            const mfa_conc *cc = &sys->concs[k];
            json_t *all, *one;
            if (cc->flow != i)
                continue;
            all = json_object_get(o, "concentrations");
            if (!all && (!(all = json_object()) ||
                         json_object_set_new(o, "concentrations", all)))
                rc = JK_ENOMEM;
            one = json_object();
            if (rc == JK_OK &&
                (!one || json_object_set_new(all, cc->substance, one) ||
                 set_num(one, "value", cc->fraction) ||
                 set_num(one, "sd", cc->sd)))
                rc = JK_ENOMEM;
        }
    }
    arr = json_array();
    if (rc == JK_OK && (!arr || json_object_set_new(doc, "stocks", arr)))
        rc = JK_ENOMEM;
    for (i = 0; rc == JK_OK && i < sys->nstocks; i++) {
        const jk_mfa_stock *s = &sys->stocks[i];
        o = json_object();
        if (!o || json_array_append_new(arr, o) ||
            set_str(o, "process", s->process) ||
            set_num(o, "value", s->value) ||
            (s->status != JK_MFA_UNKNOWN && s->status != JK_MFA_CONSTANT &&
             set_num(o, "sd", s->sd)) ||
            set_str(o, "status", jk_mfa_status_name(s->status)))
            rc = JK_ENOMEM;
    }
    arr = json_array();
    if (rc == JK_OK && (!arr || json_object_set_new(doc, "tcs", arr)))
        rc = JK_ENOMEM;
    for (i = 0; rc == JK_OK && i < sys->ntcs; i++) {
        o = json_object();
        if (!o || json_array_append_new(arr, o) ||
            set_str(o, "process", sys->tcs[i].process) ||
            set_str(o, "flow", sys->tcs[i].flow) ||
            set_num(o, "tc", sys->tcs[i].tc))
            rc = JK_ENOMEM;
    }
    if (rc == JK_OK && json_dumpf(doc, out,
                                  JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                      JSON_REAL_PRECISION(17)))
        rc = JK_EIO;
    if (rc == JK_OK)
        fputc('\n', out);
    json_decref(doc);
    if (rc)
        return jk_err_set(err, rc, NULL,
                          rc == JK_EIO ? "write failed" : "out of memory");
    return JK_OK;
}

/* ---- CSV out ---- */

static const char *num(double v, char *buf, size_t cap)
{
    if (!isfinite(v))
        buf[0] = '\0';
    else
        jk_snprintf(buf, cap, "%.17g", v);
    return buf;
}

static FILE *csv_open(const char *dir, const char *name, char *path, size_t cap,
                      jk_err *err)
{
    FILE *fp;
    jk_snprintf(path, cap, "%s/%s", dir, name);
    fp = fopen(path, "w");
    if (!fp)
        jk_err_set(err, JK_EIO, path, "cannot write: %s", strerror(errno));
    return fp;
}

static int csv_close(FILE *fp, const char *path, jk_err *err)
{
    if (ferror(fp) | (fclose(fp) != 0))
        return jk_err_set(err, JK_EIO, path, "write failed");
    return JK_OK;
}

int jk_mfa_save_csv_dir(const jk_mfa_system *sys, const char *dir, jk_err *err)
{
    char path[4096], a[40], b[40];
    FILE *fp;
    size_t i;
    int rc;

    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return jk_err_set(err, JK_EIO, dir, "cannot create: %s",
                          strerror(errno));
    if (!(fp = csv_open(dir, "system.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("name,region,period,material\n", fp);
    jk_csv_field(fp, sys->info.name, false);
    jk_csv_field(fp, sys->info.region, false);
    jk_csv_field(fp, sys->info.period, false);
    jk_csv_field(fp, sys->info.material, true);
    if ((rc = csv_close(fp, path, err)))
        return rc;
    if (!(fp = csv_open(dir, "processes.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("id,name_ja,name_en,stock\n", fp);
    for (i = 0; i < sys->nprocs; i++) {
        jk_csv_field(fp, sys->procs[i].id, false);
        jk_csv_field(fp, sys->procs[i].name_ja, false);
        jk_csv_field(fp, sys->procs[i].name_en, false);
        jk_csv_field(fp, sys->procs[i].stock ? "true" : "false", true);
    }
    if ((rc = csv_close(fp, path, err)))
        return rc;
    if (!(fp = csv_open(dir, "flows.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("id,from,to,value,sd,status,route,label,source\n", fp);
    for (i = 0; i < sys->nflows; i++) {
        const jk_mfa_flow *f = &sys->flows[i];
        bool has_sd =
            f->status == JK_MFA_MEASURED || f->status == JK_MFA_ESTIMATED;
        jk_csv_field(fp, f->id, false);
        jk_csv_field(fp, f->from, false);
        jk_csv_field(fp, f->to, false);
        jk_csv_field(fp, num(f->value, a, sizeof(a)), false);
        jk_csv_field(fp, has_sd ? num(f->sd, b, sizeof(b)) : "", false);
        jk_csv_field(fp, jk_mfa_status_name(f->status), false);
        jk_csv_field(fp, f->route, false);
        jk_csv_field(fp, f->label, false);
        jk_csv_field(fp, f->source, true);
    }
    if ((rc = csv_close(fp, path, err)))
        return rc;
    if (!(fp = csv_open(dir, "stocks.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("process,value,sd,status\n", fp);
    for (i = 0; i < sys->nstocks; i++) {
        const jk_mfa_stock *s = &sys->stocks[i];
        bool has_sd =
            s->status == JK_MFA_MEASURED || s->status == JK_MFA_ESTIMATED;
        jk_csv_field(fp, s->process, false);
        jk_csv_field(fp, num(s->value, a, sizeof(a)), false);
        jk_csv_field(fp, has_sd ? num(s->sd, b, sizeof(b)) : "", false);
        jk_csv_field(fp, jk_mfa_status_name(s->status), true);
    }
    if ((rc = csv_close(fp, path, err)))
        return rc;
    if (!(fp = csv_open(dir, "tcs.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("process,flow,tc\n", fp);
    for (i = 0; i < sys->ntcs; i++) {
        jk_csv_field(fp, sys->tcs[i].process, false);
        jk_csv_field(fp, sys->tcs[i].flow, false);
        jk_csv_field(fp, num(sys->tcs[i].tc, a, sizeof(a)), true);
    }
    if ((rc = csv_close(fp, path, err)))
        return rc;
    if (!(fp = csv_open(dir, "concentrations.csv", path, sizeof(path), err)))
        return JK_EIO;
    fputs("flow,substance,value,sd\n", fp);
    for (i = 0; i < sys->nconcs; i++) {
        const mfa_conc *c = &sys->concs[i];
        jk_csv_field(fp, sys->flows[c->flow].id, false);
        jk_csv_field(fp, c->substance, false);
        jk_csv_field(fp, num(c->fraction, a, sizeof(a)), false);
        jk_csv_field(fp, num(c->sd, b, sizeof(b)), true);
    }
    return csv_close(fp, path, err);
}

/* ---- from a store ---- */

typedef struct store_ctx {
    jk_mfa_system *sys;
    const char *material;
    const char *period;
    double rel_sd;
    size_t n;
    jk_err *err;
} store_ctx;

static bool is_process_node(const char *node)
{
    return strchr(node, ':') == NULL;
}

static int on_store_flow(void *ctx, const jk_flow *f)
{
    store_ctx *sc = ctx;
    char period[32], id[64];
    jk_mfa_flow mf;
    size_t i;
    int rc;

    jk_period_format(&f->period, period, sizeof(period));
    if (strcmp(f->material, sc->material) != 0 ||
        strcmp(period, sc->period) != 0)
        return JK_OK;
    /* Sites and organisations are actors, not processes of the system. */
    if (!(is_process_node(f->from) || mfa_is_ext(f->from)) ||
        !(is_process_node(f->to) || mfa_is_ext(f->to)))
        return JK_OK;
    {
        /* Process nodes become processes on first sight. */
        const char *ends[2] = {f->from, f->to};
        for (i = 0; i < 2; i++) {
            jk_mfa_process p = {ends[i], "", "", false};
            if (mfa_is_ext(ends[i]) ||
                jk_mfa_find_process(sc->sys, ends[i]) >= 0)
                continue;
            if ((rc = jk_mfa_add_process(sc->sys, &p, sc->err)))
                return rc;
        }
    }
    /* A readable id: from-to-route, numbered when repeated. */
    {
        char base[JK_ID_MAX + 1];
        const char *a = mfa_is_ext(f->from) ? f->from + 4 : f->from;
        const char *b = mfa_is_ext(f->to) ? f->to + 4 : f->to;
        int k;
        jk_snprintf(base, sizeof(base), "%.20s-%.20s%s%.20s", a, b,
                    *f->route ? "-" : "", f->route);
        jk_strlcpy(id, base, sizeof(id));
        for (k = 2; jk_mfa_find_flow(sc->sys, id) >= 0; k++)
            jk_snprintf(id, sizeof(id), "%s-%d", base, k);
        if (!jk_id_valid(id))
            jk_snprintf(id, sizeof(id), "f%zu", sc->n + 1);
        sc->n++;
    }
    memset(&mf, 0, sizeof(mf));
    mf.id = id;
    mf.from = f->from;
    mf.to = f->to;
    mf.value = (double)f->mass / 1e6; /* grams to tonnes */
    mf.sd = mf.value * sc->rel_sd;
    mf.status = mf.value > 0 ? JK_MFA_MEASURED : JK_MFA_CONSTANT;
    mf.route = f->route;
    mf.label = f->label;
    mf.source = f->source;
    return jk_mfa_add_flow(sc->sys, &mf, sc->err);
}

int jk_mfa_from_store(jk_store *s, const char *material, const char *period,
                      double rel_sd, jk_mfa_system **out, jk_err *err)
{
    store_ctx sc;
    jk_mfa_info info;
    jk_period per;
    char canon[32], name[160];
    size_t i;
    int rc;

    *out = NULL;
    if (!(rel_sd > 0 && rel_sd < 10))
        return jk_err_set(err, JK_EINVAL, NULL,
                          "the relative standard deviation must be above 0");
    if (jk_period_parse(period, &per, err))
        return err->code;
    jk_period_format(&per, canon, sizeof(canon));
    memset(&sc, 0, sizeof(sc));
    sc.sys = jk_mfa_new();
    sc.material = material;
    sc.period = canon;
    sc.rel_sd = rel_sd;
    sc.err = err;
    if (!sc.sys)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    jk_snprintf(name, sizeof(name), "%s %s", material, canon);
    info.name = name;
    info.region = "";
    info.period = canon;
    info.material = material;
    rc = jk_mfa_set_info(sc.sys, &info, err);
    if (rc == JK_OK)
        rc = jk_store_each_flow(s, on_store_flow, &sc, err);
    /* A process that only receives (a landfill, a stock) or only gives
     * (a generation) accumulates or depletes: give it a stock. */
    if (rc == JK_OK) {
        /* counts[2p] inputs, counts[2p + 1] outputs, in one pass */
        size_t *counts = jk_calloc(2 * sc.sys->nprocs + 1, sizeof(*counts));
        if (!counts)
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        for (i = 0; rc == JK_OK && i < sc.sys->nflows; i++) {
            long to = jk_mfa_find_process(sc.sys, sc.sys->flows[i].to);
            long from = jk_mfa_find_process(sc.sys, sc.sys->flows[i].from);
            if (to >= 0)
                counts[2 * (size_t)to]++;
            if (from >= 0)
                counts[2 * (size_t)from + 1]++;
        }
        for (i = 0; rc == JK_OK && i < sc.sys->nprocs; i++)
            if (counts[2 * i] == 0 || counts[2 * i + 1] == 0)
                sc.sys->procs[i].stock = true;
        jk_free(counts);
    }
    if (rc == JK_OK && sc.sys->nflows == 0)
        rc = jk_err_set(err, JK_ENOTFOUND, NULL,
                        "no flows of material %s in period %s between "
                        "process nodes",
                        material, canon);
    if (rc) {
        jk_mfa_free(sc.sys);
        return rc;
    }
    *out = sc.sys;
    return JK_OK;
}
