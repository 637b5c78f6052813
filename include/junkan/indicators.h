/*
 * junkan indicators: circularity indicators and disclosure datapoints of
 * a company and its products, the GHG effect of moving waste between
 * routes, and recycled-content obligations.
 *
 * One data set feeds every framework: the company (revenue, energy,
 * water), its material inflows (with reused, recycled and renewable
 * shares), its outflows (products, packaging, by-products and waste,
 * each with a route and a recovery potential), its products and their
 * bills of materials. From it: WBCSD CTI v4.0, the Ellen MacArthur
 * Foundation MCI (product and company), the ISO 59020:2024 core set and
 * the ESRS E5-4 / E5-5 datapoints. Each result is a list of values
 * keyed by a stable id, tagged with the framework and its version, so
 * that one renderer writes them as a table, CSV, JSON, XLSX or HTML.
 *
 * Formulas and their sources: docs/internals/indicators.md.
 *
 * Thread safety: a data set or result set belongs to one thread at a
 * time; the bundled tables are read-only and shared.
 */
#ifndef JUNKAN_INDICATORS_H
#define JUNKAN_INDICATORS_H

#include <stdio.h>

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Input data                                                          */
/* ------------------------------------------------------------------ */

/** The company and its period; NAN where not given. */
typedef struct jk_ind_company {
    const char *id;           /* identifier */
    const char *name;         /* display name */
    const char *period;       /* "FY2024" */
    const char *currency;     /* "JPY" */
    double revenue;           /* in currency units */
    double energy_mwh;        /* total energy consumed */
    double renewable_mwh;     /* of which renewable */
    double water_in_m3;       /* water withdrawn */
    double water_in_circ_m3;  /* of which from circular sources */
    double water_out_m3;      /* water discharged */
    double water_out_circ_m3; /* of which returned at source quality */
    jk_mass waste_reported;   /* total waste the company reports, -1 */
} jk_ind_company;

/** One material inflow. Shares are fractions of the mass. */
typedef struct jk_ind_inflow {
    const char *material;   /* material code */
    jk_mass mass;           /* grams */
    double reused;          /* reused content */
    double recycled;        /* recycled content */
    double renewable;       /* virgin renewable, sustainably sourced */
    double biological;      /* biological materials */
    double bio_sustainable; /* of the mass: biological and certified */
    bool critical;          /* on the critical raw materials list */
    bool packaging;         /* packaging material */
} jk_ind_inflow;

typedef enum jk_ind_outkind {
    JK_OUT_PRODUCT = 0,
    JK_OUT_PACKAGING,
    JK_OUT_BYPRODUCT,
    JK_OUT_WASTE
} jk_ind_outkind;

/** One outflow stream (split a stream by route into several rows). */
typedef struct jk_ind_outflow {
    const char *stream;        /* name of the stream */
    jk_ind_outkind kind;       /* product, packaging, by-product, waste */
    const char *material;      /* material code */
    jk_mass mass;              /* grams */
    const char *route;         /* where it goes: routes.csv code */
    double recovery_potential; /* designed for recovery, fraction */
    double recyclable;         /* recyclable content, fraction */
    bool hazardous;
    bool radioactive;
} jk_ind_outflow;

/** A product (group); lifetime and intensity in any consistent unit. */
typedef struct jk_ind_product {
    const char *id;
    const char *name;
    double units;              /* units sold in the period */
    double revenue;            /* revenue of the product in the period */
    double lifetime;           /* L: actual average lifetime */
    double industry_lifetime;  /* L_av */
    double intensity;          /* U: functional units per year of use */
    double industry_intensity; /* U_av */
    double reparability;       /* score on the scale used, NAN if none */
} jk_ind_product;

/** One line of a product's bill of materials, per unit of product. */
typedef struct jk_ind_bom {
    const char *product;   /* product id */
    const char *material;  /* material code */
    jk_mass mass;          /* grams per unit */
    double fr, fu, fs;     /* feedstock: recycled, reused, sustained bio */
    double cr, cu, cc, ce; /* end of use: recycling, reuse, compost, energy */
    double ef, ec;         /* recycling efficiencies: feedstock, end of use;
                              NAN when not given */
} jk_ind_bom;

/** A target for an indicator id ("cti.circular_inflow"). */
typedef struct jk_ind_target {
    const char *indicator;
    double value; /* in the indicator's unit (fractions for shares) */
    const char *year;
} jk_ind_target;

typedef struct jk_ind_data jk_ind_data;

JK_API jk_ind_data *jk_ind_data_new(void);
JK_API void jk_ind_data_free(jk_ind_data *d);

/**
 * Add records. Each validates its record (material codes, routes,
 * fractions in [0,1] and their sums, masses >= 0, references to
 * products) and copies it; errors are JK_EINVAL with err->where the
 * field and err->msg what is wrong. The loader prefixes file and line.
 */
JK_API int jk_ind_set_company(jk_ind_data *d, const jk_ind_company *c,
                              jk_err *err);
JK_API int jk_ind_add_inflow(jk_ind_data *d, const jk_ind_inflow *in,
                             jk_err *err);
JK_API int jk_ind_add_outflow(jk_ind_data *d, const jk_ind_outflow *out,
                              jk_err *err);
JK_API int jk_ind_add_product(jk_ind_data *d, const jk_ind_product *p,
                              jk_err *err);
JK_API int jk_ind_add_bom(jk_ind_data *d, const jk_ind_bom *b, jk_err *err);
JK_API int jk_ind_add_target(jk_ind_data *d, const jk_ind_target *t,
                             jk_err *err);
/** Checks across records (every product has a bill of materials);
 *  called by the loader after the last record. */
JK_API int jk_ind_data_check(const jk_ind_data *d, jk_err *err);

/** Initialise a company record with every number NAN. */
JK_API void jk_ind_company_init(jk_ind_company *c);

/**
 * Load a data set from a directory of CSV files (company.csv,
 * inflows.csv, outflows.csv, products.csv, bom.csv, targets.csv; all
 * optional but company.csv) or from one JSON document with the same
 * tables as arrays of objects ("company" an object). Errors name the
 * file, line (or JSON path) and field.
 */
JK_API int jk_ind_load(const char *path, jk_ind_data **out, jk_err *err);
/** The same from a JSON document in memory; name is used in messages. */
JK_API int jk_ind_load_json(const char *name, const char *data, size_t len,
                            jk_ind_data **out, jk_err *err);

/**
 * Build a data set from the flows of a store: inflows are the flows of
 * `period` into the organisation's sites (or org:ID), outflows the flows
 * out of them. An inflow is reused when its route is reuse, recycled when
 * its route is recycling or its material is secondary (scrap, cullet,
 * pellets, black mass, recovered paper); outflows with a treatment route
 * are waste, others products; recovery potential is 1 for waste sent to
 * a recovery route and 0 otherwise (the store holds no design data).
 */
JK_API int jk_ind_from_store(jk_store *s, const char *org, const char *period,
                             jk_ind_data **out, jk_err *err);

JK_API const jk_ind_company *jk_ind_get_company(const jk_ind_data *d);
/** Where the data came from, stated in every report: the loaded path,
 *  "store ORG PERIOD", or what jk_ind_set_source() recorded. */
JK_API const char *jk_ind_get_source(const jk_ind_data *d);
JK_API int jk_ind_set_source(jk_ind_data *d, const char *source, jk_err *err);
JK_API size_t jk_ind_n_inflows(const jk_ind_data *d);
JK_API size_t jk_ind_n_outflows(const jk_ind_data *d);
JK_API size_t jk_ind_n_products(const jk_ind_data *d);

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

typedef enum jk_ind_unit {
    JK_IU_SHARE = 0, /* fraction; shown as a percentage */
    JK_IU_TONNES,    /* t */
    JK_IU_RATIO,     /* dimensionless (MCI, lifetime ratio, utility) */
    JK_IU_YEARS,     /* the lifetime unit of the input */
    JK_IU_PER_TONNE, /* currency per t */
    JK_IU_SCORE,     /* reparability score */
    JK_IU_TCO2E      /* t CO2e */
} jk_ind_unit;

/** Unit label: "%", "t", "", ... */
JK_API const char *jk_ind_unit_name(jk_ind_unit u);

/** One computed value. */
typedef struct jk_ind_value {
    char framework[16]; /* "CTI", "MCI", "ISO59020", "ESRS-E5" */
    char id[48];        /* stable id within the framework: "circular_inflow",
                           "37b_ii_haz" */
    char subject[48];   /* product id, material, or "" for the company */
    char label_en[112];
    char label_ja[112];
    jk_ind_unit unit;
    double value; /* NAN when not computable; note says why */
    char note[160];
} jk_ind_value;

/** The values of one framework, with its version and options. */
typedef struct jk_ind_set {
    char framework[16];
    char version[32];  /* "4.0", "EMF 2019", "2024", "ESRS_2023_2772" */
    char options[160]; /* "lfi=emf2015; weight=revenue" */
    char source[200];  /* citation of the definitions */
    jk_ind_value *v;
    size_t n, cap;
} jk_ind_set;

JK_API void jk_ind_set_free(jk_ind_set *s);
/** The value with this id and subject ("" for the company), or NULL. */
JK_API const jk_ind_value *jk_ind_set_get(const jk_ind_set *s, const char *id,
                                          const char *subject);

typedef enum jk_lfi_form {
    JK_LFI_EMF2015 = 0, /* LFI = (V + W) / (2M + (W_F - W_C)/2) */
    JK_LFI_2M           /* LFI = (V + W) / 2M */
} jk_lfi_form;

typedef enum jk_mci_weight {
    JK_MCI_BY_REVENUE = 0,
    JK_MCI_BY_MASS
} jk_mci_weight;

/** Where ESRS §37 puts incineration and fuel use with energy recovery. */
typedef enum jk_energy_recovery {
    JK_ER_DISPOSAL = 0, /* directed to disposal: incineration (GRI 306) */
    JK_ER_RECOVERY      /* diverted: other recovery operations (WFD R1) */
} jk_energy_recovery;

/** §37(d) "non-recycled waste". */
typedef enum jk_nonrecycled {
    JK_NR_NOT_RECYCLED = 0, /* generated - (prepared for reuse + recycled) */
    JK_NR_DISPOSAL          /* directed to disposal */
} jk_nonrecycled;

typedef struct jk_ind_opts {
    jk_lfi_form lfi;
    jk_mci_weight mci_weight;
    jk_energy_recovery energy_recovery;
    jk_nonrecycled non_recycled;
    const char *esrs_version; /* NULL or "ESRS_2023_2772" */
} jk_ind_opts;

JK_API void jk_ind_opts_init(jk_ind_opts *o);

/** WBCSD Circular Transition Indicators v4.0. */
JK_API int jk_ind_cti(const jk_ind_data *d, const jk_ind_opts *o,
                      jk_ind_set *out, jk_err *err);
/** Material Circularity Indicator per product and for the company. */
JK_API int jk_ind_mci(const jk_ind_data *d, const jk_ind_opts *o,
                      jk_ind_set *out, jk_err *err);
/** ISO 59020:2024 core circularity indicators. */
JK_API int jk_ind_iso59020(const jk_ind_data *d, const jk_ind_opts *o,
                           jk_ind_set *out, jk_err *err);
/** ESRS E5-4 / E5-5 datapoints (§31, §36-§39) of the chosen version;
 *  JK_EINVAL for an unknown version. Includes the waste identity check
 *  ("37_identity": 1 when generated = diverted + directed to disposal,
 *  and, when the company reports a total, that it matches). */
JK_API int jk_ind_esrs(const jk_ind_data *d, const jk_ind_opts *o,
                       jk_ind_set *out, jk_err *err);

/** The ESRS versions bundled, ", "-separated. */
JK_API const char *jk_ind_esrs_versions(void);

/** One product's MCI pieces, for tests and explanations. */
typedef struct jk_mci_parts {
    double m, v, w0, wf, wc, w, lfi, x, fx, mci;
} jk_mci_parts;
JK_API int jk_ind_mci_product(const jk_ind_data *d, const char *product,
                              const jk_ind_opts *o, jk_mci_parts *out,
                              jk_err *err);

/* ------------------------------------------------------------------ */
/* GHG effect of routes                                                */
/* ------------------------------------------------------------------ */

/** An emission factor: kg CO2e per tonne of material sent to a route. */
typedef struct jk_ghg_factor {
    const char *material;
    const char *route;
    double kg_per_t;
    const char *region; /* "JP", "US", "EU" */
    const char *source; /* citation */
    const char *year;
    const char *basis; /* what it counts */
    bool derived;      /* computed from carbon content, not published */
} jk_ghg_factor;

typedef struct jk_ghg_table jk_ghg_table;

/** The bundled factors (data/reference/emission-factors.csv and the
 *  carbon contents in carbon-content.csv). */
JK_API int jk_ghg_bundled(jk_ghg_table **out, jk_err *err);
/** Factors from a CSV file with the same columns, over the bundled ones
 *  (a user factor for a material and route replaces the bundled one). */
JK_API int jk_ghg_load(jk_ghg_table *t, const char *path, jk_err *err);
JK_API void jk_ghg_free(jk_ghg_table *t);

/**
 * The factor for a material and route, preferring region: exact
 * material, then its parents ("plastic.pet" -> "plastic"); for the
 * incineration routes without a published factor, one derived from the
 * carbon content (fossil C x 44/12). JK_ENOTFOUND when none applies.
 * The returned strings belong to the table.
 */
JK_API int jk_ghg_factor_for(const jk_ghg_table *t, const char *material,
                             const char *route, const char *region,
                             jk_ghg_factor *out, jk_err *err);

/** The effect of moving `mass` of a material from one route to another:
 *  t x (EF_to - EF_from) in t CO2e (negative: a saving). */
typedef struct jk_ghg_shift {
    double tonnes;
    double delta_t;
    jk_ghg_factor from, to;
} jk_ghg_shift;
JK_API int jk_ghg_shift_effect(const jk_ghg_table *t, const char *material,
                               jk_mass mass, const char *from_route,
                               const char *to_route, const char *region,
                               jk_ghg_shift *out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Recycled-content obligations                                        */
/* ------------------------------------------------------------------ */

/** A product's declared recycled content, to check against the rules. */
typedef struct jk_rc_claim {
    const char *product;      /* product id */
    const char *jurisdiction; /* "EU", "JP" */
    const char *scope;        /* rule scope ("ev_battery", "pet_bottle") */
    const char *material;     /* "metal.cobalt", "plastic" */
    double recycled;          /* recycled share of the material */
    double post_consumer;     /* post-consumer share of the material */
    const char *date;         /* placed on the market, YYYY-MM-DD */
} jk_rc_claim;

typedef enum jk_rc_status {
    JK_RC_MEETS = 0, /* at or above the minimum */
    JK_RC_BELOW,     /* below the minimum in force */
    JK_RC_REPORT,    /* a reporting or plan obligation applies */
    JK_RC_NOT_YET,   /* the rule applies from a later date */
    JK_RC_PROPOSED   /* the rule is not adopted yet */
} jk_rc_status;

JK_API const char *jk_rc_status_name(jk_rc_status s);

/** One rule that applies to a claim, and the verdict. */
typedef struct jk_rc_finding {
    const char *product;
    const char *rule;       /* rule id */
    const char *instrument; /* the legal act */
    const char *basis;      /* "recycled", "post_consumer" */
    double required;        /* minimum share, NAN for report-only */
    double actual;
    const char *effective; /* YYYY-MM-DD */
    jk_rc_status status;
} jk_rc_finding;

typedef int (*jk_rc_cb)(void *ctx, const jk_rc_finding *f);

/** Check claims (a CSV file of jk_rc_claim columns) against the bundled
 *  rules; cb once per applicable rule. JK_OK with no call when no rule
 *  applies. */
JK_API int jk_rc_check_file(const char *path, jk_rc_cb cb, void *ctx,
                            jk_err *err);
JK_API int jk_rc_check(const jk_rc_claim *c, jk_rc_cb cb, void *ctx,
                       jk_err *err);

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

/** Write value sets as JSON (one object with a "frameworks" array). */
JK_API int jk_ind_write_json(const jk_ind_set *const *sets, size_t n,
                             const jk_ind_data *d, FILE *out, jk_err *err);
/** XLSX: one sheet per framework, units in the headers, a sheet of
 *  sources and options. */
JK_API int jk_ind_write_xlsx(const jk_ind_set *const *sets, size_t n,
                             const jk_ind_data *d, const char *lang,
                             const char *path, jk_err *err);
/** A self-contained HTML page with tables, targets and inline SVG
 *  charts; lang "ja" or "en". */
JK_API int jk_ind_write_html(const jk_ind_set *const *sets, size_t n,
                             const jk_ind_data *d, const char *lang, FILE *out,
                             jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
