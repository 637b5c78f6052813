/*
 * The JSON reader: a document {"materials": [...], "organisations":
 * [...], "sites": [...], "flows": [...]} whose items carry the same
 * fields as the CSV columns. Syntax errors are reported at line and
 * column (jansson); everything after that at its JSON path
 * ("flows.json:$.flows[3].mass").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json_alloc.h"
#include "io/io_int.h"

const char *jk_fmt_double(double v, char *buf, size_t cap)
{
    int prec;
    for (prec = 15; prec <= 17; prec++) {
        double back;
        jk_snprintf(buf, cap, "%.*g", prec, v);
        if (jk_parse_double(buf, &back) == JK_OK && back == v)
            break;
    }
    return buf;
}

/* The shortest text of v as a plain decimal ("1e+20" becomes
 * "100000000000000000000", "1.5e-07" becomes "0.00000015"), so that the
 * exact mass parser, which takes no exponent, sees what JSON meant. */
static const char *plain_decimal(double v, char *buf, size_t cap)
{
    char tmp[48], digits[48], *e, *p;
    size_t nd = 0, o = 0;
    long exp10, point, i;

    jk_fmt_double(v, tmp, sizeof(tmp));
    e = strpbrk(tmp, "eE");
    if (!e) {
        jk_strlcpy(buf, tmp, cap);
        return buf;
    }
    *e = '\0';
    exp10 = strtol(e + 1, NULL, 10);
    p = tmp;
    if (*p == '-' && o + 1 < cap)
        buf[o++] = *p++;
    point = (long)strcspn(p, ".");
    for (; *p; p++)
        if (*p != '.')
            digits[nd++] = *p;
    digits[nd] = '\0';
    point += exp10; /* digits before the decimal point */
    if (point <= 0) {
        if (o + 2 < cap) {
            buf[o++] = '0';
            buf[o++] = '.';
        }
        for (i = 0; i < -point && o + 1 < cap; i++)
            buf[o++] = '0';
        for (i = 0; i < (long)nd && o + 1 < cap; i++)
            buf[o++] = digits[i];
    } else {
        for (i = 0; i < point && o + 1 < cap; i++)
            buf[o++] = i < (long)nd ? digits[i] : '0';
        if ((long)nd > point && o + 1 < cap) {
            buf[o++] = '.';
            for (i = point; i < (long)nd && o + 1 < cap; i++)
                buf[o++] = digits[i];
        }
    }
    buf[o] = '\0';
    return buf;
}

static int jfail(jk_importer *im, const char *file, const char *path, int code,
                 const char *msg)
{
    char where[JK_ERR_WHERE];
    jk_snprintf(where, sizeof(where), "%s:%s", file, path);
    return jk_err_set(im->err, code, where, "%s", msg);
}

/* Turn "capacities": {"plastic.pp": "12000t"} into "plastic.pp=12000t".
 * A key or value holding the text form's separators is refused rather
 * than read as several entries. */
static int caps_text(json_t *obj, jk_buf *b)
{
    const char *key;
    json_t *v;
    json_object_foreach (obj, key, v) {
        const char *text;
        if (!json_is_string(v))
            return JK_EPARSE;
        text = json_string_value(v);
        if (strpbrk(key, ";=") || strpbrk(text, ";="))
            return JK_EPARSE;
        if (b->len && jk_buf_add(b, ";", 1))
            return JK_ENOMEM;
        if (jk_buf_addf(b, "%s=%s", key, text))
            return JK_ENOMEM;
    }
    return JK_OK;
}

static int item(jk_importer *im, const char *file, jk_kind k, size_t index,
                json_t *obj)
{
    const imp_schema *sc = imp_schema_of(k);
    char path[96], fpath[160], nums[IMP_MAX_FIELDS][400];
    jk_buf caps;
    imp_row r;
    const char *key;
    json_t *v;
    int f, rc = JK_OK;

    jk_snprintf(path, sizeof(path), "$.%s[%zu]", jk_kind_name(k), index);
    if (!json_is_object(obj))
        return jfail(im, file, path, JK_EPARSE,
                     "expected an object with the fields of the CSV header");
    memset(&r, 0, sizeof(r));
    r.file = file;
    r.jpath = path;
    jk_buf_init(&caps, 1u << 16);
    json_object_foreach (obj, key, v) {
        f = imp_field_index(sc, key);
        jk_snprintf(fpath, sizeof(fpath), "%s.%s", path, key);
        if (f < 0) {
            char msg[200];
            jk_snprintf(msg, sizeof(msg), "unknown field for %s; expected %s",
                        jk_kind_name(k), jk_kind_header(k));
            rc = jfail(im, file, fpath, JK_EPARSE, msg);
            break;
        }
        if (json_is_string(v)) {
            r.v[f] = json_string_value(v);
        } else if (json_is_integer(v)) {
            jk_snprintf(nums[f], sizeof(nums[f]), "%lld",
                        (long long)json_integer_value(v));
            r.v[f] = nums[f];
        } else if (json_is_real(v)) {
            r.v[f] =
                plain_decimal(json_real_value(v), nums[f], sizeof(nums[f]));
        } else if (json_is_null(v)) {
            r.v[f] = NULL;
        } else if (json_is_object(v) && strcmp(key, "capacities") == 0) {
            rc = caps_text(v, &caps);
            if (rc == JK_ENOMEM) {
                rc = jk_err_set(im->err, rc, NULL, "out of memory");
                break;
            }
            if (rc) {
                rc = jfail(im, file, fpath, JK_EPARSE,
                           "expected {\"material\": \"mass with unit\", ...}");
                break;
            }
            r.v[f] = jk_buf_str(&caps);
        } else {
            rc = jfail(im, file, fpath, JK_EPARSE,
                       "expected a string or a number");
            break;
        }
    }
    if (rc == JK_OK)
        rc = imp_record(im, k, &r);
    jk_buf_free(&caps);
    return rc;
}

int imp_json_load(jk_importer *im, const char *name, FILE *fp, const char *data,
                  size_t len, jk_kind kind, void **out)
{
    json_error_t je;
    json_t *doc, *v;
    const char *key;
    size_t flags = JSON_REJECT_DUPLICATES;
    int rc = JK_OK;

    *out = NULL;
    jk_json_init();
    doc = fp ? json_loadf(fp, flags, &je) : json_loadb(data, len, flags, &je);
    if (!doc) {
        char where[JK_ERR_WHERE];
        if (json_error_code(&je) == json_error_out_of_memory)
            return jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory");
        jk_snprintf(where, sizeof(where), "%s:%d:%d", name, je.line, je.column);
        return jk_err_set(im->err, JK_EPARSE, where, "malformed JSON: %s",
                          je.text);
    }
    if (json_is_array(doc) && kind != JK_KIND_AUTO) {
        *out = doc; /* a bare array of one kind, as with --kind */
        return JK_OK;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        return jfail(im, name, "$", JK_EPARSE,
                     "expected an object such as {\"flows\": [...]}");
    }
    json_object_foreach (doc, key, v) {
        jk_kind kk;
        char path[96];
        jk_snprintf(path, sizeof(path), "$.%s", key);
        if (jk_kind_parse(key, &kk) != JK_OK || kk == JK_KIND_AUTO) {
            rc = jfail(im, name, path, JK_EPARSE,
                       "unknown key; expected materials, organisations, "
                       "sites or flows");
            break;
        }
        if (!json_is_array(v)) {
            rc = jfail(im, name, path, JK_EPARSE, "expected an array");
            break;
        }
    }
    if (rc) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return JK_OK;
}

void imp_json_free(void *doc)
{
    json_decref(doc);
}

int imp_json_pass(jk_importer *im, const char *name, void *docp, jk_kind k,
                  jk_kind forced)
{
    json_t *doc = docp, *arr = NULL, *v;
    const char *key;
    size_t i;
    int rc = JK_OK;

    if (json_is_array(doc)) {
        if (k != forced)
            return JK_OK;
        arr = doc;
    } else {
        json_object_foreach (doc, key, v) {
            jk_kind kk;
            if (jk_kind_parse(key, &kk) == JK_OK && kk == k) {
                if (arr) {
                    char path[96];
                    jk_snprintf(path, sizeof(path), "$.%s", key);
                    return jfail(im, name, path, JK_EPARSE,
                                 "a second list of the same kind");
                }
                arr = v;
            }
        }
        if (!arr || (forced != JK_KIND_AUTO && k != forced))
            return JK_OK;
    }
    json_array_foreach (arr, i, v) {
        if ((rc = item(im, name, k, i, v)))
            break;
    }
    return rc;
}
