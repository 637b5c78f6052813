/*
 * junkan io: import and export of materials, organisations, sites and
 * flows as CSV (libcsv) and JSON (jansson), and the bundled reference
 * tables.
 *
 * An import is one transaction: on any error nothing lands, and the
 * error names the file, the line and column (CSV) or the JSON path, the
 * field, and what was expected:
 *   flows.csv:12:4: mass: expected a number with a unit, got "12,5t"
 *
 * Thread safety: functions use only the store handle they are given.
 */
#ifndef JUNKAN_IO_H
#define JUNKAN_IO_H

#include <stdio.h>

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a file holds. Import order follows this enum (references first). */
typedef enum jk_kind {
    JK_KIND_AUTO = 0, /* detect from the CSV header or the JSON keys */
    JK_KIND_REGIONS,
    JK_KIND_ROUTES,
    JK_KIND_MATERIALS,
    JK_KIND_ORGS,
    JK_KIND_SITES,
    JK_KIND_FLOWS,
    JK_KIND_COUNT
} jk_kind;

/** "regions", "routes", "materials", "organisations", "sites", "flows". */
JK_API const char *jk_kind_name(jk_kind k);
/** Parse a kind name (also "orgs"); JK_EPARSE when unknown. */
JK_API int jk_kind_parse(const char *s, jk_kind *out);
/** The CSV header junkan writes and expects for a kind, e.g.
 *  "from,to,material,mass,unit,period,route,label,source". */
JK_API const char *jk_kind_header(jk_kind k);

/** Progress callback: bytes read so far of total bytes (0 if unknown). */
typedef void (*jk_progress_fn)(void *ctx, const char *file, uint64_t done,
                               uint64_t total);

typedef struct jk_import_opts {
    jk_kind kind;            /* JK_KIND_AUTO to detect per file */
    jk_progress_fn progress; /* may be NULL */
    void *progress_ctx;      /* passed to progress */
    const char *owner;       /* the organisation that owns the flows
                                (the tenant, docs/scale-out.md); NULL or
                                "" for none; must exist in the store or
                                in the files imported */
} jk_import_opts;

JK_API void jk_import_opts_init(jk_import_opts *o);

/** Rows imported per kind, and process nodes created by flows. */
typedef struct jk_import_stats {
    int64_t rows[JK_KIND_COUNT]; /* new records, indexed by jk_kind */
    int64_t processes;           /* new process nodes */
    int64_t unchanged;           /* records identical to stored ones
                                    (materials), skipped */
} jk_import_stats;

/**
 * Import files (".json" is JSON, anything else CSV) in one transaction.
 * Files are taken in dependency order (materials, organisations, sites,
 * flows) whatever order they are given in. A path that is a directory
 * stands for its *.csv and *.json files.
 *
 * Returns JK_OK; JK_EPARSE, JK_ERANGE, JK_ENOTFOUND, JK_EEXIST or
 * JK_ELIMIT for bad input (err->where names file:line:col or the JSON
 * path); JK_EIO for unreadable files; JK_ENOMEM; JK_ESTORE. On any
 * error the store is unchanged. stats may be NULL.
 */
JK_API int jk_import_files(jk_store *s, const char *const *paths, size_t n,
                           const jk_import_opts *o, jk_import_stats *stats,
                           jk_err *err);

/**
 * Import one in-memory document named `name` (used in messages; a name
 * ending in ".json" selects JSON) in its own transaction. Same errors
 * as jk_import_files.
 */
JK_API int jk_import_buffer(jk_store *s, const char *name, const char *data,
                            size_t len, const jk_import_opts *o,
                            jk_import_stats *stats, jk_err *err);

/**
 * Load the bundled reference tables (regions, routes, materials) into an
 * empty store, in one transaction. Does nothing when the store already
 * has materials.
 */
JK_API int jk_seed_reference(jk_store *s, jk_err *err);

typedef struct jk_export_opts {
    const jk_unit *unit; /* unit for flow masses; NULL means tonnes */
} jk_export_opts;

/**
 * Write every record of one kind as CSV with the header of
 * jk_kind_header(); the output imports back to the same records.
 * Returns JK_OK, JK_EIO (write failed), JK_ESTORE, JK_ENOMEM.
 */
JK_API int jk_export_csv(jk_store *s, jk_kind kind, FILE *out,
                         const jk_export_opts *o, jk_err *err);

/**
 * Write the kinds in `mask` (bit 1u << kind) as one JSON document
 * {"materials": [...], "organisations": [...], ...} that imports back
 * to the same records.
 */
JK_API int jk_export_json(jk_store *s, unsigned mask, FILE *out,
                          const jk_export_opts *o, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_IO_H */
