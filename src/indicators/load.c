/*
 * Loading an indicators data set: a directory of CSV files or one JSON
 * document with the same tables. Both go through one row reader, so
 * that the checks and messages are the same: "file:line: field: msg"
 * or "file:$.inflows[3]: field: msg".
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "indicators/ind_int.h"

/* One record, from a CSV row or a JSON object. */
typedef struct row {
    const jk_csv_row *csv;
    json_t *obj;
    char num[16][40]; /* JSON numbers as text */
    int nnum;
} row;

static const char *get(row *r, const char *name)
{
    json_t *v;
    if (r->csv)
        return jk_csv_get(r->csv, name);
    v = json_object_get(r->obj, name);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_true(v))
        return "yes";
    if (json_is_false(v))
        return "no";
    if (json_is_number(v) && r->nnum < 16) {
        char *b = r->num[r->nnum++];
        if (json_is_integer(v))
            jk_snprintf(b, 40, "%lld", (long long)json_integer_value(v));
        else
            jk_snprintf(b, 40, "%.17g", json_real_value(v));
        return b;
    }
    return "";
}

/* Refuse columns the table does not know (a misspelt "recyled"). */
static int known_columns(row *r, const char *const *cols, jk_err *err)
{
    int i, j;
    if (r->csv) {
        for (i = 0; i < jk_csv_ncols(r->csv); i++) {
            const char *c = jk_csv_colname(r->csv, i);
            for (j = 0; cols[j] && strcmp(cols[j], c) != 0; j++)
                ;
            if (!cols[j])
                return jk_err_set(err, JK_EPARSE, c, "unknown column");
        }
    } else {
        const char *key;
        json_t *v;
        json_object_foreach (r->obj, key, v) {
            (void)v;
            for (j = 0; cols[j] && strcmp(cols[j], key) != 0; j++)
                ;
            if (!cols[j])
                return jk_err_set(err, JK_EPARSE, key, "unknown field");
        }
    }
    return JK_OK;
}

static int num_opt(row *r, const char *name, double *out, jk_err *err)
{
    const char *s = get(r, name);
    *out = (double)NAN;
    if (!*s)
        return JK_OK;
    if (jk_parse_double(s, out) || !isfinite(*out))
        return jk_err_set(err, JK_EPARSE, name, "expected a number, got \"%s\"",
                          s);
    return JK_OK;
}

/* A fraction: "0.25" or "25%"; absent is 0 (or NAN when opt). */
static int frac_col(row *r, const char *name, bool opt, double *out,
                    jk_err *err)
{
    const char *s = get(r, name);
    char buf[64];
    size_t n = strlen(s);
    bool pct = n > 0 && s[n - 1] == '%';
    *out = opt ? (double)NAN : 0;
    if (!*s)
        return JK_OK;
    jk_snprintf(buf, sizeof(buf), "%.*s", (int)(pct ? n - 1 : n), s);
    if (jk_parse_double(buf, out) || !isfinite(*out))
        return jk_err_set(err, JK_EPARSE, name,
                          "expected a fraction (0.25) or a percentage "
                          "(25%%), got \"%s\"",
                          s);
    if (pct)
        *out /= 100;
    return JK_OK;
}

static int bool_col(row *r, const char *name, bool *out, jk_err *err)
{
    const char *s = get(r, name);
    *out = false;
    if (!*s || strcmp(s, "no") == 0 || strcmp(s, "false") == 0 ||
        strcmp(s, "0") == 0)
        return JK_OK;
    if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 ||
        strcmp(s, "1") == 0) {
        *out = true;
        return JK_OK;
    }
    return jk_err_set(err, JK_EPARSE, name, "expected yes or no, got \"%s\"",
                      s);
}

/* "12.5 t", or a number in the unit column (default t). */
static int mass_col(row *r, const char *name, bool required, jk_mass *out,
                    jk_err *err)
{
    const char *s = get(r, name), *u = get(r, "unit");
    const jk_unit *unit = jk_unit_find(*u ? u : "t");
    jk_err e;
    *out = -1;
    if (!*s) {
        if (required)
            return jk_err_set(err, JK_EPARSE, name, "required");
        return JK_OK;
    }
    if (!unit)
        return jk_err_set(err, JK_EPARSE, "unit", "unknown unit \"%s\"", u);
    if (jk_mass_parse(s, unit, out, &e))
        return jk_err_set(err, JK_EPARSE, name, "%s", e.msg);
    return JK_OK;
}

/* ---- tables ---- */

static const char *const company_cols[] = {"id",
                                           "name",
                                           "period",
                                           "currency",
                                           "revenue",
                                           "energy_mwh",
                                           "renewable_mwh",
                                           "water_in_m3",
                                           "water_in_circular_m3",
                                           "water_out_m3",
                                           "water_out_circular_m3",
                                           "waste_reported",
                                           "unit",
                                           NULL};
static const char *const inflow_cols[] = {
    "material", "mass",      "unit",       "reused",
    "recycled", "renewable", "biological", "bio_sustainable",
    "critical", "packaging", "note",       NULL};
static const char *const outflow_cols[] = {"stream",
                                           "kind",
                                           "material",
                                           "mass",
                                           "unit",
                                           "route",
                                           "recovery_potential",
                                           "recyclable",
                                           "hazardous",
                                           "radioactive",
                                           "note",
                                           NULL};
static const char *const product_cols[] = {"product",
                                           "name",
                                           "units",
                                           "revenue",
                                           "lifetime",
                                           "industry_lifetime",
                                           "intensity",
                                           "industry_intensity",
                                           "reparability",
                                           "note",
                                           NULL};
static const char *const bom_cols[] = {
    "product", "material", "mass", "unit", "fr", "fu",   "fs", "cr",
    "cu",      "cc",       "ce",   "ef",   "ec", "note", NULL};
static const char *const target_cols[] = {"indicator", "value", "year", "note",
                                          NULL};

static int rd_company(jk_ind_data *d, row *r, jk_err *err)
{
    jk_ind_company c;
    int rc;
    jk_ind_company_init(&c);
    if ((rc = known_columns(r, company_cols, err)))
        return rc;
    c.id = get(r, "id");
    c.name = get(r, "name");
    c.period = get(r, "period");
    c.currency = get(r, "currency");
    if ((rc = num_opt(r, "revenue", &c.revenue, err)) ||
        (rc = num_opt(r, "energy_mwh", &c.energy_mwh, err)) ||
        (rc = num_opt(r, "renewable_mwh", &c.renewable_mwh, err)) ||
        (rc = num_opt(r, "water_in_m3", &c.water_in_m3, err)) ||
        (rc = num_opt(r, "water_in_circular_m3", &c.water_in_circ_m3, err)) ||
        (rc = num_opt(r, "water_out_m3", &c.water_out_m3, err)) ||
        (rc = num_opt(r, "water_out_circular_m3", &c.water_out_circ_m3, err)) ||
        (rc = mass_col(r, "waste_reported", false, &c.waste_reported, err)))
        return rc;
    return jk_ind_set_company(d, &c, err);
}

static int rd_inflow(jk_ind_data *d, row *r, jk_err *err)
{
    jk_ind_inflow x;
    int rc;
    memset(&x, 0, sizeof(x));
    if ((rc = known_columns(r, inflow_cols, err)))
        return rc;
    x.material = get(r, "material");
    if ((rc = mass_col(r, "mass", true, &x.mass, err)) ||
        (rc = frac_col(r, "reused", false, &x.reused, err)) ||
        (rc = frac_col(r, "recycled", false, &x.recycled, err)) ||
        (rc = frac_col(r, "renewable", false, &x.renewable, err)) ||
        (rc = frac_col(r, "biological", false, &x.biological, err)) ||
        (rc = frac_col(r, "bio_sustainable", false, &x.bio_sustainable, err)) ||
        (rc = bool_col(r, "critical", &x.critical, err)) ||
        (rc = bool_col(r, "packaging", &x.packaging, err)))
        return rc;
    return jk_ind_add_inflow(d, &x, err);
}

static int rd_outflow(jk_ind_data *d, row *r, jk_err *err)
{
    static const char *const kinds[] = {"product", "packaging", "byproduct",
                                        "waste"};
    jk_ind_outflow y;
    const char *kind;
    double rec;
    int rc, k;
    memset(&y, 0, sizeof(y));
    if ((rc = known_columns(r, outflow_cols, err)))
        return rc;
    y.stream = get(r, "stream");
    y.material = get(r, "material");
    y.route = get(r, "route");
    kind = get(r, "kind");
    for (k = 0; k < 4 && strcmp(kinds[k], kind) != 0; k++)
        ;
    if (k == 4)
        return jk_err_set(err, JK_EPARSE, "kind",
                          "expected product, packaging, byproduct or waste, "
                          "got \"%s\"",
                          kind);
    y.kind = (jk_ind_outkind)k;
    if ((rc = mass_col(r, "mass", true, &y.mass, err)) ||
        (rc = frac_col(r, "recovery_potential", false, &y.recovery_potential,
                       err)) ||
        (rc = frac_col(r, "recyclable", true, &rec, err)) ||
        (rc = bool_col(r, "hazardous", &y.hazardous, err)) ||
        (rc = bool_col(r, "radioactive", &y.radioactive, err)))
        return rc;
    /* Recyclable content defaults to the recovery potential. */
    y.recyclable = isnan(rec) ? y.recovery_potential : rec;
    return jk_ind_add_outflow(d, &y, err);
}

static int rd_product(jk_ind_data *d, row *r, jk_err *err)
{
    jk_ind_product p;
    int rc;
    memset(&p, 0, sizeof(p));
    if ((rc = known_columns(r, product_cols, err)))
        return rc;
    p.id = get(r, "product");
    p.name = get(r, "name");
    if ((rc = num_opt(r, "units", &p.units, err)) ||
        (rc = num_opt(r, "revenue", &p.revenue, err)) ||
        (rc = num_opt(r, "lifetime", &p.lifetime, err)) ||
        (rc = num_opt(r, "industry_lifetime", &p.industry_lifetime, err)) ||
        (rc = num_opt(r, "intensity", &p.intensity, err)) ||
        (rc = num_opt(r, "industry_intensity", &p.industry_intensity, err)) ||
        (rc = num_opt(r, "reparability", &p.reparability, err)))
        return rc;
    return jk_ind_add_product(d, &p, err);
}

static int rd_bom(jk_ind_data *d, row *r, jk_err *err)
{
    jk_ind_bom b;
    int rc;
    memset(&b, 0, sizeof(b));
    if ((rc = known_columns(r, bom_cols, err)))
        return rc;
    b.product = get(r, "product");
    b.material = get(r, "material");
    if ((rc = mass_col(r, "mass", true, &b.mass, err)) ||
        (rc = frac_col(r, "fr", false, &b.fr, err)) ||
        (rc = frac_col(r, "fu", false, &b.fu, err)) ||
        (rc = frac_col(r, "fs", false, &b.fs, err)) ||
        (rc = frac_col(r, "cr", false, &b.cr, err)) ||
        (rc = frac_col(r, "cu", false, &b.cu, err)) ||
        (rc = frac_col(r, "cc", false, &b.cc, err)) ||
        (rc = frac_col(r, "ce", false, &b.ce, err)) ||
        (rc = frac_col(r, "ef", true, &b.ef, err)) ||
        (rc = frac_col(r, "ec", true, &b.ec, err)))
        return rc;
    return jk_ind_add_bom(d, &b, err);
}

static int rd_target(jk_ind_data *d, row *r, jk_err *err)
{
    jk_ind_target t;
    int rc;
    if ((rc = known_columns(r, target_cols, err)))
        return rc;
    t.indicator = get(r, "indicator");
    t.year = get(r, "year");
    if ((rc = frac_col(r, "value", false, &t.value, err)))
        return rc;
    return jk_ind_add_target(d, &t, err);
}

typedef int (*reader)(jk_ind_data *d, row *r, jk_err *err);

static const struct table {
    const char *name; /* JSON key; CSV file is name.csv */
    reader rd;
    bool object; /* JSON: one object, not an array */
} tables[] = {
    {"company", rd_company, true},   {"inflows", rd_inflow, false},
    {"outflows", rd_outflow, false}, {"products", rd_product, false},
    {"bom", rd_bom, false},          {"targets", rd_target, false},
};

/* "where: field: msg" from the record's location and what it reported. */
static int relocate(jk_err *err, const char *where)
{
    char msg[JK_ERR_MSG];
    if (*err->where)
        jk_snprintf(msg, sizeof(msg), "%s: %s", err->where, err->msg);
    else
        jk_strlcpy(msg, err->msg, sizeof(msg));
    return jk_err_set(err, err->code, where, "%s", msg);
}

typedef struct csv_ctx {
    jk_ind_data *d;
    reader rd;
    const char *file;
    jk_err *err;
} csv_ctx;

static int on_row(void *ctx, const jk_csv_row *cr)
{
    csv_ctx *c = ctx;
    row r;
    int rc;
    memset(&r, 0, sizeof(r));
    r.csv = cr;
    rc = c->rd(c->d, &r, c->err);
    if (rc && rc != JK_ENOMEM) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:%ld", c->file, jk_csv_line(cr));
        return relocate(c->err, where);
    }
    return rc;
}

static int load_dir(const char *dir, jk_ind_data *d, jk_err *err)
{
    char path[4096];
    csv_ctx c = {d, NULL, path, err};
    size_t i;
    int rc;
    for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        jk_snprintf(path, sizeof(path), "%s/%s.csv", dir, tables[i].name);
        c.rd = tables[i].rd;
        rc = jk_csv_read(path, on_row, &c, i == 0, err);
        if (rc == JK_ENOMEM)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        if (rc)
            return rc;
    }
    return JK_OK;
}

static int load_json(const char *path, const char *data, size_t len,
                     jk_ind_data *d, jk_err *err)
{
    json_error_t je;
    json_t *doc =
        data ? json_loadb(data, len, 0, &je) : json_load_file(path, 0, &je);
    const char *key;
    json_t *v;
    size_t i, j;
    int rc = JK_OK;

    if (!doc) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:%d:%d", path, je.line, je.column);
        return jk_err_set(err, JK_EPARSE, where, "%s", je.text);
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        return jk_err_set(err, JK_EPARSE, path, "expected a JSON object");
    }
    json_object_foreach (doc, key, v) {
        for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
            if (strcmp(tables[i].name, key) == 0)
                break;
        if (i == sizeof(tables) / sizeof(tables[0])) {
            char where[JK_ERR_WHERE];
            jk_snprintf(where, sizeof(where), "%s:$.%s", path, key);
            json_decref(doc);
            return jk_err_set(err, JK_EPARSE, where,
                              "unknown key; expected company, inflows, "
                              "outflows, products, bom or targets");
        }
    }
    for (i = 0; rc == JK_OK && i < sizeof(tables) / sizeof(tables[0]); i++) {
        json_t *t = json_object_get(doc, tables[i].name);
        char where[JK_ERR_WHERE];
        row r;
        if (!t) {
            if (i == 0)
                rc = jk_err_set(err, JK_EPARSE, path,
                                "company: missing: the data set names no "
                                "company");
            continue;
        }
        if (tables[i].object) {
            jk_snprintf(where, sizeof(where), "%s:$.%s", path, tables[i].name);
            if (!json_is_object(t)) {
                rc = jk_err_set(err, JK_EPARSE, where, "expected an object");
                break;
            }
            memset(&r, 0, sizeof(r));
            r.obj = t;
            if ((rc = tables[i].rd(d, &r, err)) && rc != JK_ENOMEM)
                rc = relocate(err, where);
            continue;
        }
        if (!json_is_array(t)) {
            jk_snprintf(where, sizeof(where), "%s:$.%s", path, tables[i].name);
            rc = jk_err_set(err, JK_EPARSE, where, "expected an array");
            break;
        }
        for (j = 0; rc == JK_OK && j < json_array_size(t); j++) {
            jk_snprintf(where, sizeof(where), "%s:$.%s[%zu]", path,
                        tables[i].name, j);
            memset(&r, 0, sizeof(r));
            r.obj = json_array_get(t, j);
            if (!json_is_object(r.obj))
                rc = jk_err_set(err, JK_EPARSE, where, "expected an object");
            else if ((rc = tables[i].rd(d, &r, err)) && rc != JK_ENOMEM)
                rc = relocate(err, where);
        }
    }
    json_decref(doc);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return rc;
}

int jk_ind_load(const char *path, jk_ind_data **out, jk_err *err)
{
    jk_ind_data *d;
    struct stat sb;
    int rc;

    *out = NULL;
    if (stat(path, &sb) != 0)
        return jk_err_set(err, JK_EIO, path, "cannot read: %s",
                          strerror(errno));
    d = jk_ind_data_new();
    if (!d)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (S_ISDIR(sb.st_mode))
        rc = load_dir(path, d, err);
    else
        rc = load_json(path, NULL, 0, d, err);
    if (rc == JK_OK && (rc = jk_ind_data_check(d, err)) != JK_OK)
        rc = relocate(err, path);
    if (rc == JK_OK)
        rc = jk_ind_set_source(d, path, err);
    if (rc) {
        jk_ind_data_free(d);
        return rc;
    }
    *out = d;
    return JK_OK;
}

int jk_ind_load_json(const char *name, const char *data, size_t len,
                     jk_ind_data **out, jk_err *err)
{
    jk_ind_data *d = jk_ind_data_new();
    int rc;
    *out = NULL;
    if (!d)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = load_json(name, data, len, d, err);
    if (rc == JK_OK && (rc = jk_ind_data_check(d, err)) != JK_OK)
        rc = relocate(err, name);
    if (rc == JK_OK)
        rc = jk_ind_set_source(d, name, err);
    if (rc) {
        jk_ind_data_free(d);
        return rc;
    }
    *out = d;
    return JK_OK;
}
