/*
 * Internals of the io module: the kind schemas, the row abstraction that
 * CSV and JSON share, the id sets used for reference checks, and the
 * importer state.
 */
#ifndef JK_IO_INT_H
#define JK_IO_INT_H

#include <junkan/io.h>

#define IMP_MAX_FIELDS 12

/* The schema of one kind: its CSV header in order. */
typedef struct imp_schema {
    const char *fields[IMP_MAX_FIELDS]; /* names, NULL-terminated */
    unsigned required;                  /* bit i: field i is required */
} imp_schema;

const imp_schema *imp_schema_of(jk_kind k);
/* Index of a field name in a schema, or -1. */
int imp_field_index(const imp_schema *sc, const char *name);
/* Guess the kind from the set of column names present (bit i = field i
 * of no particular schema: names are passed directly). */
jk_kind imp_detect(const char *const *names, size_t n);

/* One record in the making, whatever the file format. */
typedef struct imp_row {
    const char *v[IMP_MAX_FIELDS]; /* value per field; NULL when absent */
    const char *file;              /* file name for messages */
    long line;                     /* CSV: line of the row; JSON: 0 */
    const int *col;                /* CSV: column per field (1-based) */
    const char *jpath;             /* JSON: "$.flows[3]"; CSV: NULL */
} imp_row;

/* A set of strings: open addressing, strings kept in an arena. */
typedef struct idset {
    const char **slot; /* cap entries, NULL when free */
    size_t cap;        /* power of two */
    size_t n;          /* entries used */
} idset;

void idset_free(idset *s);
bool idset_has(const idset *s, const char *key);
/* Add key (copied into a); JK_OK, or JK_ENOMEM. Adding twice is fine. */
int idset_add(idset *s, jk_arena *a, const char *key);

typedef struct jk_importer {
    jk_store *s;             /* target store, inside a transaction */
    jk_err *err;             /* where errors go */
    jk_import_stats *st;     /* counters */
    jk_arena *arena;         /* id set strings */
    jk_arena *scratch;       /* per-row allocations, reset per row */
    idset ids[JK_ENT_COUNT]; /* known keys per entity */
    idset material_sigs;     /* "code|names|hs|ewc" of known materials */
    bool unchanged;          /* the last record was already there */
    char period_text[32];    /* last period text seen (cache) */
    jk_period period;        /* its parsed value */
    const jk_import_opts *o; /* options */
} jk_importer;

int imp_init(jk_importer *im, jk_store *s, const jk_import_opts *o,
             jk_import_stats *st, jk_err *err);
void imp_free(jk_importer *im);
/* The identity of a material record, to accept an identical re-import. */
int imp_material_sig(const jk_material *m, jk_buf *b);
/* Validate a record of kind k and write it to the store. */
int imp_record(jk_importer *im, jk_kind k, const imp_row *r);
/* Location of field f of row r ("file:line:col" or "file:$.x[3].f"). */
const char *imp_where(const imp_row *r, int f, const imp_schema *sc, char *buf,
                      size_t cap);

/* Format readers: parse a whole file or buffer into records. */
int imp_csv(jk_importer *im, const char *name, FILE *fp, const char *data,
            size_t len, jk_kind kind, jk_kind *seen);
/* JSON: load and check the top level once, then one pass per kind. */
int imp_json_load(jk_importer *im, const char *name, FILE *fp, const char *data,
                  size_t len, jk_kind kind, void **doc);
int imp_json_pass(jk_importer *im, const char *name, void *doc, jk_kind k,
                  jk_kind forced);
void imp_json_free(void *doc);
/* The kind of a CSV file from its first line, or JK_KIND_AUTO. */
jk_kind imp_csv_peek(const char *data, size_t len);

/* Shortest decimal text that reads back as the same double. */
const char *jk_fmt_double(double v, char *buf, size_t cap);

#endif
