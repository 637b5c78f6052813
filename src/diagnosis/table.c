/*
 * Whole-file tables for the diagnosis loaders: a CSV (libcsv) or a JSON
 * array of flat objects becomes a header and rows of text cells, each
 * row with the line it ends on, so that every loader reports
 * file:line: field: message the same way.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "diagnosis/dg_int.h"

#define DG_MAX_COLS 512
#define DG_MAX_FILE (256u << 20)

typedef struct parse_ctx {
    dg_table *t;
    char **cells; /* the row being read */
    size_t ncell, capcell;
    dg_row *rows;
    size_t nrow, caprow;
    bool header_done;
    long line;
    int rc;
} parse_ctx;

static void on_field(void *s, size_t len, void *data)
{
    parse_ctx *p = data;
    char *v;
    if (p->rc)
        return;
    if (p->ncell >= DG_MAX_COLS) {
        p->rc = JK_ELIMIT;
        return;
    }
    if (p->ncell == p->capcell) {
        size_t cap = p->capcell ? p->capcell * 2 : 32;
        char **nc = jk_realloc(p->cells, cap * sizeof(*nc));
        if (!nc) {
            p->rc = JK_ENOMEM;
            return;
        }
        p->cells = nc;
        p->capcell = cap;
    }
    v = jk_arena_strndup(p->t->arena, s ? (const char *)s : "", s ? len : 0);
    if (!v) {
        p->rc = JK_ENOMEM;
        return;
    }
    p->cells[p->ncell++] = v;
}

static void on_row(int term, void *data)
{
    parse_ctx *p = data;
    char **copy;
    (void)term;
    if (p->rc)
        return;
    copy =
        jk_arena_alloc(p->t->arena, (p->ncell ? p->ncell : 1) * sizeof(*copy));
    if (!copy) {
        p->rc = JK_ENOMEM;
        return;
    }
    if (p->ncell)
        memcpy(copy, p->cells, p->ncell * sizeof(*copy));
    if (!p->header_done) {
        p->t->head = copy;
        p->t->ncol = p->ncell;
        p->header_done = true;
    } else if (!(p->ncell == 1 && copy[0][0] == '\0')) { /* blank line */
        if (p->nrow == p->caprow) {
            size_t cap = p->caprow ? p->caprow * 2 : 64;
            dg_row *nr = jk_realloc(p->rows, cap * sizeof(*nr));
            if (!nr) {
                p->rc = JK_ENOMEM;
                return;
            }
            p->rows = nr;
            p->caprow = cap;
        }
        p->rows[p->nrow].line = p->line;
        p->rows[p->nrow].n = p->ncell;
        p->rows[p->nrow].cell = copy;
        p->nrow++;
    }
    p->ncell = 0;
}

static dg_table *table_new(const char *name)
{
    dg_table *t = jk_calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->arena = jk_arena_new(1 << 16);
    if (!t->arena || !(t->file = jk_arena_strdup(t->arena, name))) {
        dg_table_free(t);
        return NULL;
    }
    return t;
}

int dg_csv_parse(const char *name, const char *data, size_t len, dg_table **out,
                 jk_err *err)
{
    struct csv_parser cp;
    parse_ctx p;
    const char *q = data, *end = data + len;
    long physical = 1;
    char where[JK_ERR_WHERE];

    *out = NULL;
    memset(&p, 0, sizeof(p));
    if (!(p.t = table_new(name)))
        return jk_err_set(err, JK_ENOMEM, name, "out of memory");
    if (len >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0)
        q += 3;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                          CSV_EMPTY_IS_NULL) != 0) {
        dg_table_free(p.t);
        return jk_err_set(err, JK_ENOMEM, name, "out of memory");
    }
    csv_set_realloc_func(&cp, jk_realloc);
    csv_set_free_func(&cp, jk_free);
    while (!p.rc && q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t n = nl ? (size_t)(nl - q) + 1 : (size_t)(end - q);
        p.line = physical;
        if (csv_parse(&cp, q, n, on_field, on_row, &p) != n && !p.rc) {
            if (csv_error(&cp) == CSV_ENOMEM) {
                p.rc = JK_ENOMEM;
            } else {
                jk_snprintf(where, sizeof(where), "%s:%ld", name, physical);
                p.rc = jk_err_set(err, JK_EPARSE, where, "malformed CSV: %s",
                                  csv_strerror(csv_error(&cp)));
            }
        }
        if (nl)
            physical++;
        q += n;
    }
    if (!p.rc && csv_fini(&cp, on_field, on_row, &p) != 0 && !p.rc) {
        jk_snprintf(where, sizeof(where), "%s:%ld", name, p.line);
        p.rc = jk_err_set(err, JK_EPARSE, where, "malformed CSV: %s",
                          csv_strerror(csv_error(&cp)));
    }
    csv_free(&cp);
    jk_free(p.cells);
    p.t->row = p.rows;
    p.t->nrow = p.nrow;
    if (p.rc == JK_ENOMEM) {
        jk_err_set(err, JK_ENOMEM, name, "out of memory");
    } else if (p.rc == JK_ELIMIT) {
        jk_snprintf(where, sizeof(where), "%s:%ld", name, p.line);
        jk_err_set(err, JK_ELIMIT, where, "more than %d columns", DG_MAX_COLS);
    } else if (!p.rc && !p.header_done) {
        p.rc = jk_err_set(err, JK_EPARSE, name,
                          "empty file: expected a "
                          "header row");
    }
    if (p.rc) {
        dg_table_free(p.t);
        return p.rc;
    }
    *out = p.t;
    return JK_OK;
}

int dg_read_file(const char *path, char **data, size_t *len, jk_err *err)
{
    FILE *fp = fopen(path, "rb");
    jk_buf b;
    char chunk[65536];
    size_t n;
    int rc = JK_OK;

    *data = NULL;
    *len = 0;
    if (!fp)
        return jk_err_set(err, errno == ENOENT ? JK_ENOTFOUND : JK_EIO, path,
                          "cannot read: %s", strerror(errno));
    jk_buf_init(&b, DG_MAX_FILE);
    while (!rc && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        rc = jk_buf_add(&b, chunk, n);
    if (!rc && ferror(fp))
        rc = JK_EIO;
    fclose(fp);
    if (!rc && !b.data)
        rc = jk_buf_adds(&b, "");
    if (rc) {
        jk_buf_free(&b);
        return jk_err_set(err, rc, path,
                          rc == JK_ELIMIT ? "file larger than 256 MiB"
                                          : "cannot read: %s",
                          jk_strerror(rc));
    }
    *data = b.data;
    *len = b.len;
    return JK_OK;
}

int dg_csv_read(const char *path, bool required, dg_table **out, jk_err *err)
{
    char *data;
    size_t len;
    int rc;
    jk_err e2;

    *out = NULL;
    rc = dg_read_file(path, &data, &len, required ? err : &e2);
    if (rc == JK_ENOTFOUND && !required)
        return JK_ENOTFOUND;
    if (rc) {
        if (!required)
            *err = e2;
        return rc;
    }
    rc = dg_csv_parse(path, data, len, out, err);
    jk_free(data);
    return rc;
}

static int json_text(jk_arena *a, json_t *v, char **out)
{
    char buf[64];
    if (json_is_string(v)) {
        *out = jk_arena_strdup(a, json_string_value(v));
    } else if (json_is_integer(v)) {
        jk_snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
        *out = jk_arena_strdup(a, buf);
    } else if (json_is_real(v)) {
        jk_snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
        *out = jk_arena_strdup(a, buf);
    } else if (json_is_true(v) || json_is_false(v)) {
        *out = jk_arena_strdup(a, json_is_true(v) ? "true" : "false");
    } else if (json_is_null(v)) {
        *out = jk_arena_strdup(a, "");
    } else {
        return JK_EPARSE;
    }
    return *out ? JK_OK : JK_ENOMEM;
}

int dg_json_table(const char *name, const char *key, void *array,
                  dg_table **out, jk_err *err)
{
    json_t *arr = array, *o, *v;
    dg_table *t;
    const char *k;
    size_t i, j, cap = 0;
    char where[JK_ERR_WHERE];

    *out = NULL;
    if (!(t = table_new(name)))
        return jk_err_set(err, JK_ENOMEM, name, "out of memory");
    t->json = true;
    t->jkey = jk_arena_strdup(t->arena, key);
    if (!json_is_array(arr)) {
        dg_table_free(t);
        jk_snprintf(where, sizeof(where), "%s:$.%s", name, key);
        return jk_err_set(err, JK_EPARSE, where, "expected a list of objects");
    }
    /* Columns: every key seen, in first-seen order. */
    json_array_foreach (arr, i, o) {
        if (!json_is_object(o)) {
            dg_table_free(t);
            jk_snprintf(where, sizeof(where), "%s:$.%s[%zu]", name, key, i);
            return jk_err_set(err, JK_EPARSE, where, "expected an object");
        }
        json_object_foreach (o, k, v) {
            for (j = 0; j < t->ncol; j++)
                if (strcmp(t->head[j], k) == 0)
                    break;
            if (j < t->ncol)
                continue;
            if (t->ncol >= DG_MAX_COLS)
                goto fail_limit;
            if (t->ncol == cap) {
                char **nh;
                cap = cap ? cap * 2 : 16;
                nh = jk_arena_alloc(t->arena, cap * sizeof(*nh));
                if (!nh)
                    goto fail_nomem;
                if (t->ncol)
                    memcpy(nh, t->head, t->ncol * sizeof(*nh));
                t->head = nh;
            }
            if (!(t->head[t->ncol] = jk_arena_strdup(t->arena, k)))
                goto fail_nomem;
            t->ncol++;
        }
    }
    t->nrow = json_array_size(arr);
    t->row = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*t->row));
    if (!t->row)
        goto fail_nomem;
    json_array_foreach (arr, i, o) {
        dg_row *r = &t->row[i];
        r->line = (long)i;
        r->n = t->ncol;
        r->cell = jk_arena_alloc(t->arena,
                                 (t->ncol ? t->ncol : 1) * sizeof(*r->cell));
        if (!r->cell)
            goto fail_nomem;
        for (j = 0; j < t->ncol; j++) {
            v = json_object_get(o, t->head[j]);
            if (!v)
                v = json_null();
            r->cell[j] = NULL;
            if (json_text(t->arena, v, &r->cell[j]) != JK_OK) {
                int rc = json_is_object(v) || json_is_array(v) ? JK_EPARSE
                                                               : JK_ENOMEM;
                jk_snprintf(where, sizeof(where), "%s:$.%s[%zu]", name, key, i);
                jk_err_set(err, rc, where,
                           "%s: expected a string, number or boolean",
                           t->head[j]);
                dg_table_free(t);
                return rc;
            }
        }
    }
    *out = t;
    return JK_OK;
fail_limit:
    dg_table_free(t);
    return jk_err_set(err, JK_ELIMIT, name, "more than %d fields", DG_MAX_COLS);
fail_nomem:
    dg_table_free(t);
    return jk_err_set(err, JK_ENOMEM, name, "out of memory");
}

void dg_table_free(dg_table *t)
{
    if (!t)
        return;
    jk_free(t->row);
    jk_arena_free(t->arena);
    jk_free(t);
}

int dg_col(const dg_table *t, const char *name)
{
    size_t i;
    for (i = 0; i < t->ncol; i++)
        if (strcmp(t->head[i], name) == 0)
            return (int)i;
    return -1;
}

const char *dg_cell(const dg_table *t, size_t r, int col)
{
    const dg_row *row = &t->row[r];
    if (col < 0 || (size_t)col >= row->n || !row->cell[col])
        return "";
    return row->cell[col];
}

const char *dg_where(const dg_table *t, size_t r, char *buf, size_t cap)
{
    if (t->json)
        jk_snprintf(buf, cap, "%s:$.%s[%ld]", t->file, t->jkey, t->row[r].line);
    else
        jk_snprintf(buf, cap, "%s:%ld", t->file, t->row[r].line);
    return buf;
}

int dg_fail(jk_err *err, int code, const dg_table *t, size_t r,
            const char *field, const char *fmt, ...)
{
    char where[JK_ERR_WHERE], msg[JK_ERR_MSG];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return jk_err_set(err, code, dg_where(t, r, where, sizeof(where)), "%s: %s",
                      field, msg);
}
