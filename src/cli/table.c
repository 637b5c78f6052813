/*
 * Output tables: collect rows as strings, then print them aligned for a
 * terminal (East Asian wide characters count as two columns), as CSV,
 * or as a JSON array of objects.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"

#define MAX_COLS 16

struct table {
    const char *title;          /* printed above a terminal table */
    int ncols;                  /* columns */
    const char *name[MAX_COLS]; /* column names */
    col_type type[MAX_COLS];    /* text or number */
    const char **cell;          /* rows * ncols strings */
    size_t nrows, cap;          /* rows used, allocated */
    jk_arena *a;                /* cell strings */
};

table *table_new(const char *title)
{
    table *t = jk_calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->title = title;
    t->a = jk_arena_new(1u << 14);
    if (!t->a) {
        jk_free(t);
        return NULL;
    }
    return t;
}

void table_free(table *t)
{
    if (!t)
        return;
    jk_free((void *)t->cell);
    jk_arena_free(t->a);
    jk_free(t);
}

size_t table_rows(const table *t)
{
    return t->nrows;
}

int table_col(table *t, const char *name, col_type type)
{
    if (t->ncols == MAX_COLS)
        return -1;
    t->name[t->ncols] = name;
    t->type[t->ncols] = type;
    return t->ncols++;
}

int table_row(table *t)
{
    int i;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        const char **cell = jk_realloc(t->cell, cap * MAX_COLS * sizeof(*cell));
        if (!cell)
            return JK_ENOMEM;
        t->cell = cell;
        t->cap = cap;
    }
    for (i = 0; i < MAX_COLS; i++)
        t->cell[t->nrows * MAX_COLS + (size_t)i] = "";
    t->nrows++;
    return JK_OK;
}

int table_set(table *t, int col, const char *value)
{
    char *v = jk_arena_strdup(t->a, value ? value : "");
    char *p;
    if (!v)
        return JK_ENOMEM;
    /* Line breaks and control characters in labels would break the
     * layout of every format: show them as spaces. */
    for (p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    t->cell[(t->nrows - 1) * MAX_COLS + (size_t)col] = v;
    return JK_OK;
}

int table_setf(table *t, int col, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return table_set(t, col, buf);
}

/* Display width of UTF-8 text: wide East Asian characters count 2. */
static size_t width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = *p & 0x1F;
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = *p & 0x0F;
            n = 3;
        } else {
            cp = *p & 0x07;
            n = 4;
        }
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        for (int i = 0; i < n && *p; i++)
            p++;
        if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
            (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
            (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
            (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
            w += 2;
        else
            w += 1;
    }
    return w;
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

static void print_text(const table *t, FILE *out)
{
    size_t w[MAX_COLS], r;
    int c;

    for (c = 0; c < t->ncols; c++)
        w[c] = width(t->name[c]);
    for (r = 0; r < t->nrows; r++)
        for (c = 0; c < t->ncols; c++) {
            size_t x = width(t->cell[r * MAX_COLS + (size_t)c]);
            if (x > w[c])
                w[c] = x;
        }
    if (t->title)
        fprintf(out, "%s\n", t->title);
    for (c = 0; c < t->ncols; c++) {
        size_t x = width(t->name[c]);
        if (t->type[c] == COL_NUM)
            pad(out, w[c] - x);
        fputs(t->name[c], out);
        if (c + 1 < t->ncols) {
            if (t->type[c] != COL_NUM)
                pad(out, w[c] - x);
            fputs("  ", out);
        }
    }
    fputc('\n', out);
    for (c = 0; c < t->ncols; c++) {
        for (size_t i = 0; i < w[c]; i++)
            fputc('-', out);
        if (c + 1 < t->ncols)
            fputs("  ", out);
    }
    fputc('\n', out);
    for (r = 0; r < t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            const char *v = t->cell[r * MAX_COLS + (size_t)c];
            size_t x = width(v);
            if (t->type[c] == COL_NUM)
                pad(out, w[c] - x);
            fputs(v, out);
            if (c + 1 < t->ncols) {
                if (t->type[c] != COL_NUM)
                    pad(out, w[c] - x);
                fputs("  ", out);
            }
        }
        fputc('\n', out);
    }
}

static void print_csv(const table *t, FILE *out)
{
    size_t r;
    int c;
    for (c = 0; c < t->ncols; c++)
        jk_csv_field(out, t->name[c], c + 1 == t->ncols);
    for (r = 0; r < t->nrows; r++)
        for (c = 0; c < t->ncols; c++)
            jk_csv_field(out, t->cell[r * MAX_COLS + (size_t)c],
                         c + 1 == t->ncols);
}

/* A JSON string literal for s (jansson does the escaping). */
static int json_text(FILE *out, const char *s)
{
    json_t *j = json_string(s);
    char *text = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    if (!text)
        return JK_ENOMEM;
    fputs(text, out);
    jk_free(text);
    return JK_OK;
}

/*
 * An array of objects. Number cells are written as their text, so that
 * exact decimals (0.1 t, 9223372036854.775807 t) stay exact instead of
 * going through a double.
 */
static int print_json(const table *t, FILE *out)
{
    size_t r;
    int c;

    fputs("[", out);
    for (r = 0; r < t->nrows; r++) {
        fputs(r ? ",\n  {" : "\n  {", out);
        for (c = 0; c < t->ncols; c++) {
            const char *v = t->cell[r * MAX_COLS + (size_t)c];
            double d;
            fputs(c ? ", " : "", out);
            if (json_text(out, t->name[c]))
                return JK_ENOMEM;
            fputs(": ", out);
            if (t->type[c] == COL_NUM && *v && jk_parse_double(v, &d) == 0)
                fputs(v, out);
            else if (t->type[c] == COL_NUM && !*v)
                fputs("null", out);
            else if (json_text(out, v))
                return JK_ENOMEM;
        }
        fputs("}", out);
    }
    fputs(t->nrows ? "\n]\n" : "]\n", out);
    return ferror(out) ? JK_EIO : JK_OK;
}

int table_print(const table *t, cli_format f, FILE *out)
{
    switch (f) {
    case FMT_CSV:
        print_csv(t, out);
        break;
    case FMT_JSON:
        return print_json(t, out);
    default:
        print_text(t, out);
    }
    return ferror(out) ? JK_EIO : JK_OK;
}
