/*
 * Reading a CSV file with a header row, one row at a time, through
 * libcsv: the shared reader of the modules' input tables. Each row
 * knows the physical line it ends on, so that messages name it even
 * after blank lines or quoted line breaks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include <junkan/core.h>

#define MAXCOLS 32

struct jk_csv_row {
    char *cell[MAXCOLS]; /* current row */
    char *head[MAXCOLS]; /* header */
    int nhead, ncell;
    long line; /* line of the current row */
    bool header_done;
    jk_csv_row_cb cb;
    void *ctx;
    int rc;
};

const char *jk_csv_get(const jk_csv_row *r, const char *name)
{
    int i;
    for (i = 0; i < r->nhead && i < r->ncell; i++)
        if (strcmp(r->head[i], name) == 0)
            return r->cell[i] ? r->cell[i] : "";
    return "";
}

bool jk_csv_has(const jk_csv_row *r, const char *name)
{
    int i;
    for (i = 0; i < r->nhead; i++)
        if (strcmp(r->head[i], name) == 0)
            return true;
    return false;
}

long jk_csv_line(const jk_csv_row *r)
{
    return r->line;
}

int jk_csv_ncols(const jk_csv_row *r)
{
    return r->nhead;
}

const char *jk_csv_colname(const jk_csv_row *r, int i)
{
    return i >= 0 && i < r->nhead ? r->head[i] : "";
}

static void on_field(void *s, size_t len, void *data)
{
    jk_csv_row *t = data;
    char *v;
    if (t->rc)
        return;
    if ((t->header_done ? t->ncell : t->nhead) >= MAXCOLS) {
        t->rc = JK_ELIMIT; /* reported with its line by jk_csv_read */
        return;
    }
    v = jk_strndup(s ? (const char *)s : "", s ? len : 0);
    if (!v) {
        t->rc = JK_ENOMEM;
        return;
    }
    if (!t->header_done)
        t->head[t->nhead++] = v;
    else
        t->cell[t->ncell++] = v;
}

static void on_row(int term, void *data)
{
    jk_csv_row *t = data;
    int i;
    (void)term;
    if (!t->header_done) {
        t->header_done = true;
    } else {
        if (!t->rc)
            t->rc = t->cb(t->ctx, t);
        for (i = 0; i < t->ncell; i++)
            jk_free(t->cell[i]);
        t->ncell = 0;
    }
}

/* Feed up to each line break, so that a row knows the line it ends on. */
static void feed(struct csv_parser *p, jk_csv_row *t, const char *name,
                 const char *buf, size_t n, long *physical, jk_err *err)
{
    const char *q = buf, *end = buf + n;
    while (!t->rc && q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        size_t len = nl ? (size_t)(nl - q) + 1 : (size_t)(end - q);
        t->line = *physical;
        if (csv_parse(p, q, len, on_field, on_row, t) != len && !t->rc) {
            char where[JK_ERR_WHERE];
            jk_snprintf(where, sizeof(where), "%s:%ld", name, *physical);
            t->rc = jk_err_set(err, JK_EPARSE, where, "malformed CSV: %s",
                               csv_strerror(csv_error(p)));
        }
        if (nl)
            (*physical)++;
        q += len;
    }
}

static int finish(struct csv_parser *p, jk_csv_row *t, const char *name,
                  jk_err *err)
{
    int i;
    if (!t->rc)
        csv_fini(p, on_field, on_row, t);
    csv_free(p);
    for (i = 0; i < t->nhead; i++)
        jk_free(t->head[i]);
    for (i = 0; i < t->ncell; i++)
        jk_free(t->cell[i]);
    if (t->rc == JK_ENOMEM)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    if (t->rc == JK_ELIMIT) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:%ld", name, t->line);
        return jk_err_set(err, JK_ELIMIT, where, "more than %d columns",
                          MAXCOLS);
    }
    return t->rc;
}

static void start(struct csv_parser *p, jk_csv_row *t, jk_csv_row_cb cb,
                  void *ctx)
{
    memset(t, 0, sizeof(*t));
    t->line = 1;
    t->cb = cb;
    t->ctx = ctx;
    csv_init(p, CSV_STRICT | CSV_APPEND_NULL);
}

int jk_csv_read(const char *path, jk_csv_row_cb cb, void *ctx, bool required,
                jk_err *err)
{
    FILE *fp = fopen(path, "rb");
    struct csv_parser p;
    jk_csv_row t;
    char buf[65536];
    size_t n;
    long physical = 1; /* the line being fed */

    if (!fp) {
        if (!required && errno == ENOENT)
            return JK_OK;
        return jk_err_set(err, JK_EIO, path, "cannot read: %s",
                          strerror(errno));
    }
    start(&p, &t, cb, ctx);
    while (!t.rc && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
        feed(&p, &t, path, buf, n, &physical, err);
    fclose(fp);
    return finish(&p, &t, path, err);
}

int jk_csv_read_mem(const char *name, const char *data, size_t len,
                    jk_csv_row_cb cb, void *ctx, jk_err *err)
{
    struct csv_parser p;
    jk_csv_row t;
    long physical = 1;

    start(&p, &t, cb, ctx);
    feed(&p, &t, name, data, len, &physical, err);
    return finish(&p, &t, name, err);
}
