/*
 * junkan diagnosis: the municipal circular-economy diagnosis
 * (自治体CE診断): 現状把握 (indicators), ポテンシャル (peers of the same
 * type), 改善提案 and 効果算定 (measures and their effect), and 構造分析
 * (DEMATEL and ISM over issues and needs).
 *
 * Inputs are files: the MOE per-plant incineration survey (one CSV per
 * fiscal year, columns found by name), the municipal input tables
 * (profiles, flows, composition, costs; CSV or JSON) and reference data
 * (peer-type rules, GHG factors, parameters, the measures catalogue;
 * CSV under data/diagnosis/). Bad input errors name file:line: field.
 *
 * Ownership: every object returned by a _load/_new function is freed by
 * its _free (NULL is a no-op); strings inside it are owned by it.
 * Thread safety: objects belong to one thread at a time.
 */
#ifndef JUNKAN_DIAGNOSIS_H
#define JUNKAN_DIAGNOSIS_H

#include <stdio.h>

#include <junkan/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Statistics of one set of values (NaN ignored). */
typedef struct jk_dg_stats {
    size_t n;
    double mean, sd, q1, median, q3, min, max;
} jk_dg_stats;

/* ------------------------------------------------------------------ */
/* MOE per-plant incineration survey (施設整備状況・焼却施設)             */
/* ------------------------------------------------------------------ */

/* The six dry-basis composition classes of the survey. */
enum {
    JK_MOE_PAPER_CLOTH = 0, /* 紙・布類 */
    JK_MOE_PLASTIC,       /* ビニール、合成樹脂、ゴム、皮革類 */
    JK_MOE_WOOD,          /* 木、竹、わら類 */
    JK_MOE_KITCHEN,       /* ちゅう芥類 */
    JK_MOE_INCOMBUSTIBLE, /* 不燃物類 */
    JK_MOE_OTHER,         /* その他 (an optional column) */
    JK_MOE_NCOMP
};

/* Row flags: why a row is suspicious. */
#define JK_MOE_FLAG_GEN_PER_T     1u /* generation > limit MWh per t */
#define JK_MOE_FLAG_COMPOSITION   2u /* dry composition not ~100 % */
#define JK_MOE_FLAG_BAD_NUMBER    4u /* a numeric cell held other text */
#define JK_MOE_FLAG_NO_THROUGHPUT 8u /* no tonnes treated (planned/closed) */

/** One incineration facility in one fiscal year. Missing numbers are
 *  NaN ("", "-", "不明", "未実施" in the source). */
typedef struct jk_moe_plant {
    long line;                 /* line in the source file */
    const char *pref;          /* 都道府県名 */
    const char *body_code;     /* 地方公共団体コード (5 digits) */
    const char *body_name;     /* 地方公共団体名 */
    const char *facility_code; /* 施設コード */
    const char *name;          /* 施設名称 */
    double throughput_t;       /* 年間処理量 t/年度 */
    double capacity_tpd;       /* 処理能力 t/日 */
    double start_year;         /* 使用開始年度 */
    double gen_mwh;            /* 総発電量（実績値） MWh */
    double sold_mwh;           /* 売電量 MWh (FY2018 on; NaN before) */
    double comp_dry_pct[JK_MOE_NCOMP]; /* dry-basis composition % */
    double moisture_pct;               /* 三成分 水分 % (wet) */
    double ash_pct;                    /* 三成分 灰分 % (wet) */
    double lhv_kj_kg; /* 低位発熱量 kJ/kg: 実測値, else 計算値 */
    unsigned flags;   /* JK_MOE_FLAG_* */
} jk_moe_plant;

typedef struct jk_moe_plants {
    int fiscal_year;     /* data (実績) fiscal year */
    const char *file;    /* the file name given */
    size_t n;            /* rows */
    jk_moe_plant *plant; /* n rows, in file order */
    void *priv;          /* owned memory */
} jk_moe_plants;

/** Loader options: the generation limit that flags a row. */
typedef struct jk_moe_opts {
    double max_mwh_per_t; /* default 1.5 */
} jk_moe_opts;

JK_API void jk_moe_opts_init(jk_moe_opts *o);

/**
 * Load one year's per-plant file (UTF-8 CSV, one header row). Columns
 * are found by their header name whatever their position; a missing
 * required column (code, name, throughput, generation, composition,
 * moisture) is JK_EPARSE naming the column. Numbers that are not
 * numbers become NaN and flag the row; rows are never dropped.
 * fiscal_year is stored as given (0 = take it from a "fyYYYY" file
 * name). o may be NULL.
 */
JK_API int jk_moe_load(const char *path, int fiscal_year, const jk_moe_opts *o,
                       jk_moe_plants **out, jk_err *err);
/** The same from memory; name is used in messages. */
JK_API int jk_moe_load_buffer(const char *name, const char *data, size_t len,
                              int fiscal_year, const jk_moe_opts *o,
                              jk_moe_plants **out, jk_err *err);
JK_API void jk_moe_free(jk_moe_plants *p);

/** Totals of one year. Generation totals exclude nothing; _clean
 *  excludes rows flagged JK_MOE_FLAG_GEN_PER_T. */
typedef struct jk_moe_summary {
    size_t rows, flagged, flagged_gen, with_gen;
    double throughput_t;      /* Σ年間処理量 */
    double gen_mwh;           /* Σ総発電量, as reported */
    double gen_mwh_clean;     /* Σ総発電量 without flagged rows */
    double plastic_dry_pct_w; /* throughput-weighted plastic dry % */
    double moisture_pct_w;    /* throughput-weighted moisture % */
    double kwh_per_t_p25, kwh_per_t_p50, kwh_per_t_p75; /* generating
                                                          plants */
} jk_moe_summary;

JK_API void jk_moe_summarise(const jk_moe_plants *p, jk_moe_summary *out);

/**
 * Pre-fill the composition table from the survey: one row per operating
 * body (地方公共団体コード) in the columns of composition.csv
 * (muni_code, the six dry classes, moisture_pct, ash_pct,
 * lhv_kj_per_kg, power_generated_mwh, power_sold_mwh), averages
 * weighted by tonnes treated, power summed; rows flagged for
 * generation count no power. When only is not NULL, only bodies found
 * in it are written (a 一部事務組合 runs plants for its members and has
 * its own code: its rows are written only without a filter).
 */
typedef struct jk_dg_data jk_dg_data;
JK_API int jk_moe_prefill(const jk_moe_plants *p, const jk_dg_data *only,
                          FILE *out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Reference data: peer-type rules, GHG factors, parameters, measures  */
/* ------------------------------------------------------------------ */

typedef struct jk_dg_ref jk_dg_ref;

/**
 * Load the reference directory (data/diagnosis): peer_types.csv,
 * ghg_factors.csv, params.csv, measures.csv. Every number carries its
 * source and year in the files.
 */
JK_API int jk_dg_ref_load(const char *dir, jk_dg_ref **out, jk_err *err);
JK_API void jk_dg_ref_free(jk_dg_ref *r);
/** The peer-type rule version ("soumu-2023.1"). */
JK_API const char *jk_dg_ref_peer_version(const jk_dg_ref *r);
/** A parameter by key, NaN when absent. */
JK_API double jk_dg_ref_param(const jk_dg_ref *r, const char *key);

/** Real peer distributions of the incineration indicators, by plant
 *  capacity band (t/日): "<100", "100-300", "300-600", ">=600", "all".
 *  Rows flagged for generation or without tonnes are left out. */
#define JK_MOE_NBANDS 5

typedef struct jk_moe_band {
    const char *band;
    jk_dg_stats kwh_per_t;       /* generating plants: MWh x 1000 / t */
    jk_dg_stats plastic_dry_pct; /* plastics, dry basis % */
    jk_dg_stats fossil_kg_per_t; /* (1 - moisture) x plastics x EF x 1000 */
} jk_moe_band;

/** Fill out[JK_MOE_NBANDS]; plastic_ef in tCO2/t (NaN: 2.75). */
JK_API int jk_moe_bands(const jk_moe_plants *p, double plastic_ef,
                        jk_moe_band *out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Municipal input tables                                              */
/* ------------------------------------------------------------------ */

/* Waste fractions (spec §6.1 B). */
typedef enum jk_dg_fraction {
    JK_DG_COMBUSTIBLE_MIXED = 0,
    JK_DG_INCOMBUSTIBLE_MIXED,
    JK_DG_BULKY,
    JK_DG_PAPER,
    JK_DG_PAPER_PACK,
    JK_DG_PAPER_PACKAGING,
    JK_DG_METAL_STEEL,
    JK_DG_METAL_ALUMINIUM,
    JK_DG_GLASS,
    JK_DG_PET,
    JK_DG_WHITE_TRAY,
    JK_DG_PLASTIC_PACKAGING,
    JK_DG_PLASTIC_OTHER,
    JK_DG_TEXTILE,
    JK_DG_FOOD,
    JK_DG_GARDEN,
    JK_DG_SMALL_APPLIANCES,
    JK_DG_HAZARDOUS,
    JK_DG_OTHER,
    JK_DG_NFRACTION
} jk_dg_fraction;

typedef enum jk_dg_source {
    JK_DG_HOUSEHOLD = 0, /* household_collected */
    JK_DG_BUSINESS,      /* business_collected */
    JK_DG_DIRECT_HAUL,   /* direct_haul */
    JK_DG_GROUP,         /* group_collection (集団回収) */
    JK_DG_NSOURCE
} jk_dg_source;

typedef enum jk_dg_route {
    JK_DG_INCINERATION = 0, /* direct_incineration */
    JK_DG_LANDFILL,         /* direct_landfill */
    JK_DG_RECYCLING,        /* direct_recycling */
    JK_DG_SORTING,          /* sorting_then_recycling */
    JK_DG_COMPOSTING,
    JK_DG_DIGESTION, /* anaerobic_digestion */
    JK_DG_RDF,       /* fuel_rdf */
    JK_DG_CEMENT,
    JK_DG_EXPORT,
    JK_DG_ROUTE_OTHER,
    JK_DG_NROUTE
} jk_dg_route;

JK_API const char *jk_dg_fraction_name(int f);
JK_API const char *jk_dg_fraction_label(int f, const char *lang);
JK_API const char *jk_dg_source_name(int s);
JK_API const char *jk_dg_route_name(int r);
/** Parse a code; -1 when unknown. */
JK_API int jk_dg_fraction_parse(const char *s);
JK_API int jk_dg_route_parse(const char *s);

typedef struct jk_dg_flow {
    int fraction, source, route;
    jk_mass mass;         /* tonnes, exact */
    jk_mass recycled;     /* recycled_output_t (optional, 0) */
    jk_mass residue_fill; /* residue_landfilled_t (optional, 0) */
} jk_dg_flow;

/* Costs (千円/yr), spec §6.1 D. */
enum {
    JK_DG_COST_COLLECTION = 0,
    JK_DG_COST_INTERMEDIATE,
    JK_DG_COST_FINAL,
    JK_DG_COST_OUTSOURCING,
    JK_DG_COST_RESEARCH,
    JK_DG_COST_VEHICLE,
    JK_DG_COST_CONSTRUCTION,
    JK_DG_REV_POWER,
    JK_DG_REV_MATERIAL,
    JK_DG_NCOST
};

typedef struct jk_dg_muni {
    char code[8]; /* 5-digit 団体コード */
    const char *name, *pref;
    int fiscal_year;
    const char *city_class; /* 政令市, 中核市, 特例市, 特別区, 市, 町村 */
    double pop_total, pop_collection, households;
    double emp_secondary_pct, emp_tertiary_pct; /* NaN: unknown */
    const char *separation_type;
    double grid_ef; /* tCO2/MWh; NaN: default parameter */
    size_t nflows;
    jk_dg_flow *flows;
    bool has_comp; /* composition.csv row */
    double comp_dry_pct[JK_MOE_NCOMP], moisture_pct, ash_pct, lhv_kj_kg;
    double power_generated_mwh, power_sold_mwh;
    bool has_residual;                    /* residual.csv rows */
    double residual_pct[JK_DG_NFRACTION]; /* wet %, sums to 100 */
    bool has_costs;
    double cost[JK_DG_NCOST];     /* 千円/yr */
    double landfill_volume_m3;    /* annual final disposal volume, NaN */
    double landfill_remaining_m3; /* NaN when unknown */
} jk_dg_muni;

struct jk_dg_data {
    size_t n;
    jk_dg_muni *muni; /* in profile order */
    void *priv;
};

/**
 * Load the input tables from a directory (profiles.csv required;
 * flows.csv, composition.csv, residual.csv, costs.csv optional) or from
 * one JSON document {"profiles": [...], "flows": [...], ...} with the
 * same field names. Errors: unknown municipality code in a table,
 * malformed code, unknown enum, negative tonnes, shares that do not sum
 * to 100 (±0.5), all as file:line: field: message.
 */
JK_API int jk_dg_data_load(const char *path, jk_dg_data **out, jk_err *err);
JK_API void jk_dg_data_free(jk_dg_data *d);

typedef struct jk_store jk_store; /* junkan/store.h */

/**
 * Write loaded input tables into a store (its diagnosis tables,
 * migration 8): every row of d's municipalities already there is
 * replaced, others are left alone. Call it inside a transaction
 * (jk_store_begin ... jk_store_commit): a failure leaves the
 * transaction to roll back. rows (may be NULL) gets the rows written.
 */
JK_API int jk_dg_data_save(jk_store *s, const jk_dg_data *d, int64_t *rows,
                           jk_err *err);
/**
 * Read the input tables from a store, municipalities in code order,
 * through the same checks as jk_dg_data_load (errors name
 * store:TABLE:ROW+1: field). The values are those saved, exactly: a
 * national run gives the same results as from the saved files when
 * their profiles are in code order. JK_ENOTFOUND-free: an empty store
 * is an empty profiles table (JK_OK, n = 0).
 */
JK_API int jk_dg_data_load_store(jk_store *s, jk_dg_data **out, jk_err *err);
/** The municipality with this code (5 digits, or 6 with check digit),
 *  or NULL. */
JK_API const jk_dg_muni *jk_dg_data_find(const jk_dg_data *d, const char *code);

/* ------------------------------------------------------------------ */
/* Indicators (現状把握)                                                 */
/* ------------------------------------------------------------------ */

typedef enum jk_dg_ind {
    JK_DG_T1 = 0,   /* tool: kg/人日 on 計画収集人口 */
    JK_DG_T2,       /* tool: 資源回収率 (RDF excluded), t/t */
    JK_DG_T3,       /* tool: 最終処分割合, t/t */
    JK_DG_T4,       /* tool: 年間処理経費, 円/人年 */
    JK_DG_T5,       /* tool: 最終処分減量に要する費用, 円/t */
    JK_DG_I1,       /* g/人日 on 総人口 (MOE) */
    JK_DG_I1H,      /* 生活系 g/人日 */
    JK_DG_I1B,      /* 事業系 g/人日 */
    JK_DG_I2,       /* リサイクル率 % */
    JK_DG_I7,       /* 焼却依存度 % */
    JK_DG_I8,       /* kWh per t incinerated */
    JK_DG_I9,       /* fossil CO2 of incineration, tCO2/yr */
    JK_DG_I9P,      /* the same per person, kg/人年 */
    JK_DG_I10,      /* landfill life, yr */
    JK_DG_CAPTURE0, /* capture rate of fraction (i - CAPTURE0), % */
    JK_DG_NIND = JK_DG_CAPTURE0 + JK_DG_NFRACTION
} jk_dg_ind;

typedef struct jk_dg_ind_info {
    const char *id;      /* "T1", "I8", "C.paper" */
    const char *name_ja; /* 人口一人一日当たりごみ総排出量 */
    const char *name_en;
    const char *formula; /* in words and symbols */
    const char *unit;
    int better; /* +1 higher is better, -1 lower is better */
} jk_dg_ind_info;

/** Metadata of indicator i (for capture rates, of the fraction). */
JK_API const jk_dg_ind_info *jk_dg_ind_get(int i);

/** The aggregates the indicators use (tonnes), for reports. */
typedef struct jk_dg_totals {
    double W;                    /* ごみ総排出量 */
    double G;                    /* 集団回収量 */
    double T;                    /* ごみ処理量 = W - G */
    double R;                    /* 資源化量 */
    double R_rdf;                /* of which RDF */
    double L;                    /* 最終処分量 */
    double inc;                  /* 直接焼却量 */
    double residual;             /* mixed (residual) waste collected */
    double sep[JK_DG_NFRACTION]; /* separately collected, by fraction */
    double days;                 /* days of the fiscal year */
} jk_dg_totals;

/**
 * Compute every indicator of municipality m into v[JK_DG_NIND] (NaN
 * when its inputs are absent) and the aggregates into tot (may be
 * NULL). ref supplies the plastics factor and default parameters.
 */
JK_API int jk_dg_indicators(const jk_dg_muni *m, const jk_dg_ref *ref,
                            double *v, jk_dg_totals *tot, jk_err *err);

/* ------------------------------------------------------------------ */
/* Peers (類型別ポテンシャル)                                            */
/* ------------------------------------------------------------------ */

/** The peer type of m by the rules of ref: "市-III-1"; into buf. */
JK_API const char *jk_dg_peer_type(const jk_dg_ref *ref, const jk_dg_muni *m,
                                   char *buf, size_t cap);

/** Mean, sample SD and quartiles (linear interpolation, type 7) of the
 *  non-NaN values of x. */
JK_API void jk_dg_stats_of(const double *x, size_t n, jk_dg_stats *out);
/** Percentile rank of x among the values (share of values below x plus
 *  half the ties), in %. */
JK_API double jk_dg_percentile(const double *vals, size_t n, double x);

/** The tool's index (100·x/μ, or 100·(2 − x/μ) when lower is better),
 *  偏差値 50 + 10·(x − μ)/σ (negated when lower is better, so that
 *  higher is always better). */
JK_API double jk_dg_index(double x, double mean, int better);
JK_API double jk_dg_deviation(double x, double mean, double sd, int better);

/** A national run: indicators, peer types and peer statistics. */
typedef struct jk_dg_national jk_dg_national;

typedef struct jk_dg_national_opts {
    size_t min_group; /* merge groups smaller than this; default 20 */
} jk_dg_national_opts;

JK_API void jk_dg_national_opts_init(jk_dg_national_opts *o);
JK_API int jk_dg_national_new(const jk_dg_data *d, const jk_dg_ref *ref,
                              const jk_dg_national_opts *o,
                              jk_dg_national **out, jk_err *err);
JK_API void jk_dg_national_free(jk_dg_national *n);
/** Indicator values of municipality i (JK_DG_NIND doubles). */
JK_API const double *jk_dg_national_values(const jk_dg_national *n, size_t i);
JK_API const jk_dg_totals *jk_dg_national_totals(const jk_dg_national *n,
                                                 size_t i);
/** The type of municipality i and the peer group it is compared in
 *  (types merged when small: "市-I-1+市-II-1"). */
JK_API const char *jk_dg_national_type(const jk_dg_national *n, size_t i);
JK_API const char *jk_dg_national_group(const jk_dg_national *n, size_t i);
/** Number of peer groups, and group g's name. */
JK_API size_t jk_dg_national_ngroups(const jk_dg_national *n);
JK_API const char *jk_dg_national_group_name(const jk_dg_national *n, size_t g);
/** Statistics of indicator ind in group g. */
JK_API const jk_dg_stats *jk_dg_national_stats(const jk_dg_national *n,
                                               size_t g, int ind);

/**
 * Compare power per tonne (I8) with the real plants of the MOE survey
 * (every plant with tonnes treated and no generation flag; plants
 * without generation count as 0 kWh/t) instead of the municipal peers.
 */
JK_API int jk_dg_national_set_plants(jk_dg_national *n, const jk_moe_plants *p,
                                     jk_err *err);

/**
 * Implausible values of municipality i ("I8>1500 I1>5000"; "" when
 * none), into buf. Such values stay in its results but are left out of
 * every peer statistic (data errors such as kWh typed as MWh).
 */
JK_API const char *jk_dg_national_flags(const jk_dg_national *n, size_t i,
                                        char *buf, size_t cap);

/** Comparison of one municipality on one indicator. */
typedef struct jk_dg_compare {
    double value, index, deviation;
    double percentile;  /* share of peers doing worse, % (100 = best) */
    double target;      /* peer top quartile (P75 or P25) */
    double potential_t; /* gap to the target in tonnes/yr; NaN if none */
    const jk_dg_stats *peers;
} jk_dg_compare;

JK_API int jk_dg_national_compare(const jk_dg_national *n, size_t i, int ind,
                                  jk_dg_compare *out);

/* ------------------------------------------------------------------ */
/* Measures and their effect (改善提案・効果算定)                          */
/* ------------------------------------------------------------------ */

typedef struct jk_dg_effect {
    const char *id, *name_ja, *name_en;
    int fraction; /* -1 for ash */
    int to_route;
    double target_capture; /* % */
    double moved_t;        /* Δtonnes recovered (moved off residual) */
    double ghg_t;          /* ΔGHG tCO2e/yr (negative = avoided) */
    double fd_t;           /* Δfinal disposal t/yr (negative = saved) */
    double fd_m3;          /* Δfinal disposal m³/yr */
    double life_gain_yr;   /* landfill-life gain, yr (NaN if unknown) */
    double cost_kyen;      /* Δcost 千円/yr */
    double yen_per_t;      /* Δcost / Δt */
    double yen_per_tco2;   /* Δcost / −ΔGHG (NaN if no GHG saving) */
} jk_dg_effect;

typedef struct jk_dg_plan {
    size_t n;
    jk_dg_effect *m;       /* each measure alone, ranked */
    jk_dg_effect combined; /* all together, tonnes not double counted */
    void *priv;
} jk_dg_plan;

/**
 * The catalogue's measures for municipality i of a national run: each
 * moves tonnes of its fraction from the residual routes to its route,
 * up to the peers' top-quartile capture (or the catalogue's fixed
 * target); ranked by GHG saved (then cost per tonne). The combined
 * scenario applies them in rank order on the remaining residual
 * tonnes.
 */
JK_API int jk_dg_plan_new(const jk_dg_national *n, size_t i,
                          const jk_dg_ref *ref, jk_dg_plan **out, jk_err *err);
JK_API void jk_dg_plan_free(jk_dg_plan *p);

/* ------------------------------------------------------------------ */
/* Structural analysis (構造分析): DEMATEL and ISM                        */
/* ------------------------------------------------------------------ */

typedef struct jk_dg_matrix {
    size_t n;
    char **name; /* n factor names */
    double *a;   /* n×n, row-major: influence of row on column */
    void *priv;
} jk_dg_matrix;

/**
 * Read a square influence matrix from CSV: a header row ",A,B,C" and
 * one row per factor "A,0,3,1" in the same order. Errors: not square,
 * names that differ between row and column, a non-zero diagonal,
 * negative or non-numeric cells (file:line: field: message).
 */
JK_API int jk_dg_matrix_load(const char *path, jk_dg_matrix **out, jk_err *err);
JK_API int jk_dg_matrix_load_buffer(const char *name, const char *data,
                                    size_t len, jk_dg_matrix **out,
                                    jk_err *err);
JK_API void jk_dg_matrix_free(jk_dg_matrix *m);

typedef struct jk_dg_dematel {
    size_t n;
    double s;         /* normaliser: max of row and column sums */
    double *t;        /* total relation T = N (I − N)^−1, n×n */
    double *d;        /* row sums of T (given) */
    double *r;        /* column sums of T (received) */
    double threshold; /* arcs drawn for t_ij > threshold */
} jk_dg_dematel;

/** DEMATEL of m; threshold NaN = mean of T. Free with
 *  jk_dg_dematel_free. JK_ERANGE when I − N is singular. */
JK_API int jk_dg_dematel_run(const jk_dg_matrix *m, double threshold,
                             jk_dg_dematel **out, jk_err *err);
JK_API void jk_dg_dematel_free(jk_dg_dematel *d);
/** The impact diagram (x = D+R, y = D−R, arcs above threshold). */
JK_API int jk_dg_dematel_svg(const jk_dg_matrix *m, const jk_dg_dematel *d,
                             FILE *out, jk_err *err);

/**
 * ISM levels: the reachability matrix is the transitive closure of
 * (a_ij > threshold) plus the identity; level[i] is 1 for the top
 * (effects) down to the roots. nlevels gets the number of levels.
 * reach (may be NULL) receives the n×n reachability matrix.
 */
JK_API int jk_dg_ism(const jk_dg_matrix *m, double threshold, int *level,
                     int *nlevels, unsigned char *reach, jk_err *err);

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

/** A self-contained HTML diagnosis of municipality i (inline SVG,
 *  lang "ja" or "en"). plan may be NULL. */
JK_API int jk_dg_report_html(const jk_dg_national *n, size_t i,
                             const jk_dg_plan *plan, const char *lang,
                             FILE *out, jk_err *err);

/** The same content as one JSON document: the municipality, its type
 *  and group, totals, every indicator with formula, unit and peer
 *  comparison, the measures and the combined scenario (plan may be
 *  NULL). NaN is written as null. */
JK_API int jk_dg_report_json(const jk_dg_national *n, size_t i,
                             const jk_dg_plan *plan, FILE *out, jk_err *err);

/** The same as an XLSX workbook (libxlsxwriter): a summary sheet, the
 *  indicators with their formulas and peer comparison, and the measures
 *  with the combined scenario; labels in lang "ja" or "en". */
JK_API int jk_dg_report_xlsx(const jk_dg_national *n, size_t i,
                             const jk_dg_plan *plan, const char *lang,
                             const char *path, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_DIAGNOSIS_H */
