/*
 * Internals of the diagnosis module: a whole-file table reader (CSV or
 * a JSON array of objects) with line numbers, shared by every loader,
 * and the GHG factor function that the effect calculation goes through.
 */
#ifndef JK_DG_INT_H
#define JK_DG_INT_H

#include <junkan/diagnosis.h>

/* One row: its cells and where it came from. */
typedef struct dg_row {
    long line;   /* CSV line (1-based); JSON: index in the array */
    size_t n;    /* cells */
    char **cell; /* n cells, owned by the table's arena */
} dg_row;

typedef struct dg_table {
    const char *file; /* file name for messages */
    bool json;        /* rows from a JSON array: where = file:$.key[i] */
    const char *jkey; /* the JSON key ("flows") */
    size_t ncol;
    char **head; /* ncol header names */
    size_t nrow;
    dg_row *row;
    jk_arena *arena;
} dg_table;

/* Parse a CSV buffer (a UTF-8 BOM is skipped). */
int dg_csv_parse(const char *name, const char *data, size_t len, dg_table **out,
                 jk_err *err);
/* Read and parse a CSV file; JK_ENOTFOUND (no error set) when absent
 * and !required. */
int dg_csv_read(const char *path, bool required, dg_table **out, jk_err *err);
/* A table from a JSON array of flat objects (json_t *), keys as
 * columns in first-seen order. */
int dg_json_table(const char *name, const char *key, void *array,
                  dg_table **out, jk_err *err);
void dg_table_free(dg_table *t);
/* Column index by exact name, or -1. */
int dg_col(const dg_table *t, const char *name);
/* Cell text ("" when the row is short or col < 0). */
const char *dg_cell(const dg_table *t, size_t r, int col);
/* "file:line" (CSV) or "file:$.key[i]" (JSON) of row r. */
const char *dg_where(const dg_table *t, size_t r, char *buf, size_t cap);
/* Set an error "where: field: message". */
int dg_fail(jk_err *err, int code, const dg_table *t, size_t r,
            const char *field, const char *fmt, ...) JK_PRINTF(6, 7);

/* Read a whole file into a jk heap buffer (NUL-terminated). */
int dg_read_file(const char *path, char **data, size_t *len, jk_err *err);

/* ---- reference data ---- */

typedef struct dg_ghg {
    int fraction; /* jk_dg_fraction, or -1 for "*" (any) */
    int route;
    double t_per_t;  /* tCO2e per metric tonne (negative: credit) */
    double lhv_gj_t; /* incineration rows: LHV of the fraction, NaN */
} dg_ghg;

typedef struct dg_param {
    const char *key;
    double value;
} dg_param;

typedef struct dg_peer_rule {
    const char *city_class; /* 市, 町村, 政令市 ... */
    const char *band;       /* I, II, ... or "-" */
    double pop_min, pop_max;
    double cut23, cut3; /* industry cut-offs, NaN: no industry class */
} dg_peer_rule;

typedef struct dg_measure {
    const char *id, *name_ja, *name_en;
    int fraction; /* -1: ash recycling */
    int to_route;
    double fixed_target; /* capture %, NaN: peers' P75 */
    double max_capture;  /* cap on the target, % */
    double cost_yen_t;   /* collection + treatment of the new route, 円/t */
    double revenue_yen_t;
} dg_measure;

struct jk_dg_ref {
    jk_arena *arena;
    const char *peer_version;
    size_t nrules, nghg, nparams, nmeasures;
    dg_peer_rule *rule;
    dg_ghg *ghg;
    dg_param *param;
    dg_measure *measure;
};

/*
 * The one GHG function: tCO2e per tonne of fraction f sent to route r,
 * for incineration with kwh_per_t of the plant and grid_ef (tCO2/MWh).
 * Fed only by ghg_factors.csv (and params.csv for incineration), so it
 * can be switched to the indicators module's shared table later.
 */
double dg_ghg_factor(const jk_dg_ref *ref, int f, int r, double kwh_per_t,
                     double grid_ef);
/* Fossil CO2 of incineration, tCO2/yr: inc_t x (1 - moisture) x
 * plastics dry share x plastic_ef - sold_mwh x grid_ef (spec §6.2 I9). */
double dg_fossil_co2(const jk_dg_ref *ref, double inc_t, double moisture_pct,
                     double plastic_dry_pct, double sold_mwh, double grid_ef);
/* False for NaN and for values outside the indicator's plausible range
 * (left out of peer statistics). */
bool dg_plausible(int ind, double x);
/* The aggregates of a municipality's flows. */
void dg_totals(const jk_dg_muni *m, jk_dg_totals *t);
/* Parameter with a default when absent. */
double dg_param_or(const jk_dg_ref *ref, const char *key, double dflt);

/* Source code ("household_collected"), -1 when unknown. */
int dg_source_parse(const char *s);

/* Days of fiscal year fy (April fy to March fy+1). */
int dg_fy_days(int fy);

/* ---- national run ---- */

struct jk_dg_national {
    const jk_dg_data *d;
    const jk_dg_ref *ref;
    size_t n;
    double *v;         /* n × JK_DG_NIND */
    jk_dg_totals *tot; /* n */
    char (*type)[48];  /* n type names */
    size_t *group;     /* n: index of the peer group */
    size_t ngroups;
    char (*gname)[320]; /* group names */
    jk_dg_stats *stats; /* ngroups × JK_DG_NIND */
    double *sorted;     /* per group and indicator: sorted values */
    size_t *soff;       /* offset of (g, ind) in sorted */
    double *plant_kwh;  /* kWh/t of the survey's plants, sorted */
    size_t nplant_kwh;
    jk_dg_stats plant_stats;
};

#endif
