/*
 * The CSV reader: libcsv does the RFC 4180 tokenising; we feed it one
 * physical line at a time so that every record knows its line number,
 * map the header to a kind's fields, and hand each row to imp_record().
 * Memory stays bounded: one row at a time, whatever the file size.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "io/io_int.h"

#define CSV_MAX_COLS 32
#define CSV_MAX_ROW  (1u << 20) /* bytes in one record */
#define CSV_CHUNK    65536

typedef struct csv_state {
    jk_importer *im;
    const char *name;           /* file name for messages */
    jk_kind kind;               /* requested, or detected from the header */
    const imp_schema *sc;       /* schema of kind */
    long line;                  /* line being fed (1-based) */
    long row_line;              /* line where the current row started */
    long row_start;             /* line a record not yet begun starts on */
    long next_row;              /* line after the last complete row */
    bool header_done;           /* the header has been read */
    int ncols;                  /* columns in the header */
    int field_of[CSV_MAX_COLS]; /* header column -> field index */
    int col[IMP_MAX_FIELDS];    /* field index -> column (1-based), 0 absent */
    jk_buf row;                 /* the current row's fields, NUL-separated */
    size_t off[CSV_MAX_COLS];   /* offset of each field in row */
    int nfields;                /* fields seen in the current row */
    int rc;                     /* first error; stops the parse */
    uint64_t done, total;       /* progress, bytes */
    uint64_t next_report;       /* when to call progress again */
} csv_state;

static void on_field(void *s, size_t len, void *data)
{
    csv_state *c = data;
    int rc;
    if (c->rc)
        return;
    if (c->nfields == 0)
        c->row_line = c->row_start;
    if (c->nfields >= CSV_MAX_COLS) {
        c->rc = jk_err_set(c->im->err, JK_ELIMIT, NULL, "more than %d columns",
                           CSV_MAX_COLS);
        jk_snprintf(c->im->err->where, JK_ERR_WHERE, "%s:%ld", c->name,
                    c->row_line);
        return;
    }
    c->off[c->nfields] = c->row.len;
    rc = jk_buf_add(&c->row, s ? s : "", s ? len : 0);
    if (rc == JK_OK)
        rc = jk_buf_add(&c->row, "", 1);
    if (rc == JK_ELIMIT) {
        jk_snprintf(c->im->err->where, JK_ERR_WHERE, "%s:%ld", c->name,
                    c->row_line);
        c->rc = jk_err_set(c->im->err, JK_ELIMIT, c->im->err->where,
                           "record longer than %u bytes", CSV_MAX_ROW);
        return;
    }
    if (rc) {
        c->rc = jk_err_set(c->im->err, JK_ENOMEM, NULL, "out of memory");
        return;
    }
    c->nfields++;
}

static int fail_at(csv_state *c, long line, int col, int code, const char *fmt,
                   ...) JK_PRINTF(5, 6);

static int fail_at(csv_state *c, long line, int col, int code, const char *fmt,
                   ...)
{
    va_list ap;

    if (col > 0)
        jk_snprintf(c->im->err->where, JK_ERR_WHERE, "%s:%ld:%d", c->name, line,
                    col);
    else
        jk_snprintf(c->im->err->where, JK_ERR_WHERE, "%s:%ld", c->name, line);
    c->im->err->code = code;
    va_start(ap, fmt);
    vsnprintf(c->im->err->msg, JK_ERR_MSG, fmt, ap);
    va_end(ap);
    return code;
}

static int header(csv_state *c)
{
    const char *names[CSV_MAX_COLS];
    char list[256];
    int i, f;

    for (i = 0; i < c->nfields; i++) {
        names[i] = c->row.data + c->off[i];
        if (i == 0 && strncmp(names[0], "\xEF\xBB\xBF", 3) == 0)
            names[0] += 3; /* a byte-order mark from spreadsheet exports */
    }
    if (c->kind == JK_KIND_AUTO) {
        c->kind = imp_detect(names, (size_t)c->nfields);
        if (c->kind == JK_KIND_AUTO)
            return fail_at(c, c->row_line, 0, JK_EPARSE,
                           "cannot tell what this file holds from its header; "
                           "expected the columns of materials, organisations, "
                           "sites or flows (see `junkan help formats`)");
    }
    c->sc = imp_schema_of(c->kind);
    memset(c->col, 0, sizeof(c->col));
    for (i = 0; i < c->nfields; i++) {
        f = imp_field_index(c->sc, names[i]);
        if (f < 0) {
            jk_snprintf(list, sizeof(list), "unknown column \"%s\" for %s",
                        names[i], jk_kind_name(c->kind));
            return fail_at(c, c->row_line, i + 1, JK_EPARSE, "%s", list);
        }
        if (c->col[f])
            return fail_at(c, c->row_line, i + 1, JK_EPARSE,
                           "column \"%s\" appears twice", names[i]);
        c->field_of[i] = f;
        c->col[f] = i + 1;
    }
    for (f = 0; f < IMP_MAX_FIELDS && c->sc->fields[f]; f++) {
        if ((c->sc->required & (1u << f)) && !c->col[f]) {
            jk_snprintf(list, sizeof(list),
                        "missing column \"%s\"; %s files have the header %s",
                        c->sc->fields[f], jk_kind_name(c->kind),
                        jk_kind_header(c->kind));
            return fail_at(c, c->row_line, 0, JK_EPARSE, "%s", list);
        }
    }
    c->ncols = c->nfields;
    c->header_done = true;
    return JK_OK;
}

static void on_row(int term, void *data)
{
    csv_state *c = data;
    imp_row r;
    int i;
    char n[32];

    (void)term;
    if (c->rc)
        return;
    if (!c->header_done) {
        c->rc = header(c);
    } else if (c->nfields != c->ncols) {
        jk_snprintf(n, sizeof(n), "%d", c->nfields);
        jk_snprintf(c->im->err->where, JK_ERR_WHERE, "%s:%ld", c->name,
                    c->row_line);
        c->rc = jk_err_set(c->im->err, JK_EPARSE, c->im->err->where,
                           "expected %d fields as in the header, got %s",
                           c->ncols, n);
    } else {
        memset(&r, 0, sizeof(r));
        for (i = 0; i < c->nfields; i++) {
            const char *v = c->row.data + c->off[i];
            r.v[c->field_of[i]] = *v ? v : NULL;
        }
        r.file = c->name;
        r.line = c->row_line;
        r.col = c->col;
        c->rc = imp_record(c->im, c->kind, &r);
    }
    jk_buf_reset(&c->row);
    c->nfields = 0;
    c->next_row = c->line + 1;
}

static void *csv_realloc(void *p, size_t n)
{
    return jk_realloc(p, n);
}

/* Feed len bytes, one line at a time, tracking line numbers. */
static int feed(csv_state *c, struct csv_parser *p, const char *data,
                size_t len)
{
    const char *end = data + len;
    while (data < end && !c->rc) {
        const char *nl = memchr(data, '\n', (size_t)(end - data));
        size_t n = nl ? (size_t)(nl - data) + 1 : (size_t)(end - data);
        /* libcsv's state 0 is "no row begun": a record (or a blank line)
         * starts on this line. A quoted field spanning lines keeps the
         * line where its record began. */
        if (p->pstate == 0 && c->nfields == 0)
            c->row_start = c->line;
        if (csv_parse(p, data, n, on_field, on_row, c) != n && !c->rc) {
            int e = csv_error(p);
            if (e == CSV_ENOMEM)
                return jk_err_set(c->im->err, JK_ENOMEM, NULL, "out of memory");
            return fail_at(c, c->line, 0, JK_EPARSE,
                           "malformed CSV: a quote inside an unquoted field "
                           "or after a closing quote (quote the whole field "
                           "and double the quotes inside: \"a \"\"b\"\"\")");
        }
        if (nl)
            c->line++;
        data += n;
        c->done += n;
    }
    if (c->im->o && c->im->o->progress && c->done >= c->next_report) {
        c->im->o->progress(c->im->o->progress_ctx, c->name, c->done, c->total);
        c->next_report = c->done + (1u << 20);
    }
    return c->rc;
}

int imp_csv(jk_importer *im, const char *name, FILE *fp, const char *data,
            size_t len, jk_kind kind, jk_kind *seen)
{
    struct csv_parser p;
    csv_state c;
    char *chunk = NULL;
    int rc;

    memset(&c, 0, sizeof(c));
    c.im = im;
    c.name = name;
    c.kind = kind;
    c.line = 1;
    c.next_row = 1;
    c.row_start = 1;
    jk_buf_init(&c.row, CSV_MAX_ROW);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory");
    csv_set_realloc_func(&p, csv_realloc);
    csv_set_free_func(&p, jk_free);
    if (fp) {
        long size;
        if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0) {
            c.total = (uint64_t)size;
            rewind(fp);
        }
        chunk = jk_malloc(CSV_CHUNK);
        if (!chunk) {
            rc = jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory");
            goto out;
        }
        for (;;) {
            size_t n = fread(chunk, 1, CSV_CHUNK, fp);
            if (n == 0)
                break;
            /* A line cut by the chunk boundary goes on in the next
             * chunk: libcsv keeps its state, and the line count only
             * moves on a newline. */
            if ((rc = feed(&c, &p, chunk, n)))
                goto out;
        }
        if (ferror(fp)) {
            rc = jk_err_set(im->err, JK_EIO, name, "read error");
            goto out;
        }
    } else {
        c.total = len;
        if ((rc = feed(&c, &p, data, len)))
            goto out;
    }
    if (csv_fini(&p, on_field, on_row, &c) != 0 && !c.rc) {
        c.rc = csv_error(&p) == CSV_ENOMEM
                   ? jk_err_set(im->err, JK_ENOMEM, NULL, "out of memory")
                   : fail_at(&c, c.next_row, 0, JK_EPARSE,
                             "malformed CSV: a quoted field is not closed "
                             "before the end of the file");
    }
    rc = c.rc;
    if (rc == JK_OK && im->o && im->o->progress)
        im->o->progress(im->o->progress_ctx, name, c.done, c.total);
    if (rc == JK_OK && !c.header_done)
        rc = jk_err_set(im->err, JK_EPARSE, name,
                        "empty file: expected a header line");
out:
    if (seen)
        *seen = c.kind;
    csv_free(&p);
    jk_free(chunk);
    jk_buf_free(&c.row);
    return rc;
}
