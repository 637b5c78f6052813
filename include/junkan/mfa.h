/*
 * junkan mfa: material flow accounts.
 *
 * A system is a set of processes (with or without stock) and flows
 * between them and across the system boundary, for one region, period
 * and material (the goods layer). Flows are in tonnes (double) with a
 * standard deviation and a status. Transfer coefficients tie an output
 * flow to the total input of its process. On a system: balance checks,
 * a plausibility report, data reconciliation (weighted least squares
 * under the balance and transfer-coefficient constraints, Cencic 2016),
 * Sankey diagrams, Japan's Fundamental Plan indicators, and dynamic
 * stock models.
 *
 * Thread safety: a system or result belongs to one thread at a time;
 * distinct objects may be used from different threads.
 */
#ifndef JUNKAN_MFA_H
#define JUNKAN_MFA_H

#include <stdio.h>

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Systems                                                             */
/* ------------------------------------------------------------------ */

typedef enum jk_mfa_status {
    JK_MFA_MEASURED = 1, /* a measurement with its standard deviation */
    JK_MFA_ESTIMATED,    /* an estimate: reconciled like a measurement */
    JK_MFA_UNKNOWN,      /* to be computed from the constraints */
    JK_MFA_CONSTANT      /* known exactly (sd 0): never adjusted */
} jk_mfa_status;

/** "measured", "estimated", "unknown", "constant". */
JK_API const char *jk_mfa_status_name(jk_mfa_status s);
JK_API int jk_mfa_status_parse(const char *s, jk_mfa_status *out);

/** What the system describes. */
typedef struct jk_mfa_info {
    const char *name;     /* "Japan FY2006" */
    const char *region;   /* region code ("JP", "JP-14") or "" */
    const char *period;   /* canonical period ("FY2006") or "" */
    const char *material; /* material code ("all", "plastic") or "" */
} jk_mfa_info;

typedef struct jk_mfa_process {
    const char *id;      /* identifier (jk_id_valid) */
    const char *name_ja; /* label in Japanese ("" = id) */
    const char *name_en; /* label in English ("" = id) */
    bool stock;          /* has a stock whose change is a variable */
} jk_mfa_process;

typedef struct jk_mfa_flow {
    const char *id;       /* unique within the system */
    const char *from;     /* process id, or "ext:NAME" outside the system */
    const char *to;       /* process id, or "ext:NAME" */
    double value;         /* tonnes; ignored (NaN) when unknown */
    double sd;            /* standard deviation, tonnes; 0 for constants */
    jk_mfa_status status; /* how value is known */
    const char *route;    /* route code (routes.csv) or "" */
    const char *label;    /* free text, may be "" */
    const char *source;   /* citation, may be "" */
} jk_mfa_flow;

/** The change of a process's stock in the period (positive: growth). */
typedef struct jk_mfa_stock {
    const char *process;  /* a process declared with stock = true */
    double value;         /* tonnes */
    double sd;            /* tonnes */
    jk_mfa_status status; /* as for flows */
} jk_mfa_stock;

/** Transfer coefficient: flow = tc * (total input of process). */
typedef struct jk_mfa_tc {
    const char *process; /* the process */
    const char *flow;    /* an output flow of that process */
    double tc;           /* 0..1 */
} jk_mfa_tc;

typedef struct jk_mfa_system jk_mfa_system;

/** A new, empty system; NULL on OOM. */
JK_API jk_mfa_system *jk_mfa_new(void);
/** Free a system and everything it holds. NULL is a no-op. */
JK_API void jk_mfa_free(jk_mfa_system *sys);

/** Set the description (strings are copied). */
JK_API int jk_mfa_set_info(jk_mfa_system *sys, const jk_mfa_info *info,
                           jk_err *err);
JK_API const jk_mfa_info *jk_mfa_get_info(const jk_mfa_system *sys);

/**
 * Add a process, flow, stock change or transfer coefficient (strings
 * are copied). Each is checked: ids valid and unique, endpoints declared
 * processes or ext: nodes, values finite and >= 0 (stock changes may be
 * negative), sd > 0 for measured and estimated values, tc in [0, 1].
 * Returns JK_OK, JK_EPARSE, JK_ERANGE, JK_EEXIST, JK_ENOTFOUND or
 * JK_ENOMEM, with err->where naming the flow or process.
 */
JK_API int jk_mfa_add_process(jk_mfa_system *sys, const jk_mfa_process *p,
                              jk_err *err);
JK_API int jk_mfa_add_flow(jk_mfa_system *sys, const jk_mfa_flow *f,
                           jk_err *err);
JK_API int jk_mfa_add_stock(jk_mfa_system *sys, const jk_mfa_stock *s,
                            jk_err *err);
JK_API int jk_mfa_add_tc(jk_mfa_system *sys, const jk_mfa_tc *t, jk_err *err);

JK_API size_t jk_mfa_n_processes(const jk_mfa_system *sys);
JK_API const jk_mfa_process *jk_mfa_process_at(const jk_mfa_system *sys,
                                               size_t i);
JK_API size_t jk_mfa_n_flows(const jk_mfa_system *sys);
JK_API const jk_mfa_flow *jk_mfa_flow_at(const jk_mfa_system *sys, size_t i);
JK_API size_t jk_mfa_n_stocks(const jk_mfa_system *sys);
JK_API const jk_mfa_stock *jk_mfa_stock_at(const jk_mfa_system *sys, size_t i);
JK_API size_t jk_mfa_n_tcs(const jk_mfa_system *sys);
JK_API const jk_mfa_tc *jk_mfa_tc_at(const jk_mfa_system *sys, size_t i);
/** Index of a process or flow by id, or -1. */
JK_API long jk_mfa_find_process(const jk_mfa_system *sys, const char *id);
JK_API long jk_mfa_find_flow(const jk_mfa_system *sys, const char *id);

/**
 * Load a system: a ".json" file ({"system": {...}, "processes": [...],
 * "flows": [...], "stocks": [...], "tcs": [...]}) or a directory of CSV
 * files (flows.csv required; processes.csv, stocks.csv, tcs.csv
 * optional; without processes.csv every non-ext endpoint is a process).
 * Flow sd may be absolute tonnes ("12.5") or relative ("5%").
 * Errors name the file and line or JSON path.
 */
JK_API int jk_mfa_load(const char *path, jk_mfa_system **out, jk_err *err);
/** Write a system as the JSON document jk_mfa_load reads. */
JK_API int jk_mfa_save_json(const jk_mfa_system *sys, FILE *out, jk_err *err);
/**
 * Write a system as the directory of CSV files jk_mfa_load reads
 * (processes.csv, flows.csv, stocks.csv, tcs.csv, concentrations.csv),
 * creating the directory if needed. JK_EIO names the file that failed.
 */
JK_API int jk_mfa_save_csv_dir(const jk_mfa_system *sys, const char *dir,
                               jk_err *err);

/**
 * Build a system from the flows in a store for one material and period:
 * process nodes become processes, ext: nodes the boundary, sites and
 * organisations are left out (their flows are not part of a process
 * system). Every flow is measured with sd = rel_sd * value (rel_sd > 0,
 * e.g. 0.05), except zero flows, which are constants.
 */
JK_API int jk_mfa_from_store(jk_store *s, const char *material,
                             const char *period, double rel_sd,
                             jk_mfa_system **out, jk_err *err);

/**
 * The substance layer: the mass fraction of a substance in a flow
 * ("cu" at 0.02 +- 0.002 in e-scrap). Several substances per flow.
 * JK_ENOTFOUND for an unknown flow, JK_ERANGE for a fraction outside
 * [0, 1] or a negative sd, JK_EEXIST when given twice.
 */
JK_API int jk_mfa_add_concentration(jk_mfa_system *sys, const char *flow,
                                    const char *substance, double fraction,
                                    double sd, jk_err *err);

/**
 * Build the substance layer of a goods system: every flow whose
 * concentration of `substance` is known carries value x fraction, with
 * the first-order standard deviation sqrt((c sd_g)^2 + (g sd_c)^2); a
 * flow without that concentration, and every stock change, is unknown
 * in the new system. Transfer coefficients are not carried over (they
 * differ between goods and substances). JK_ENOTFOUND when no flow has
 * the substance.
 */
JK_API int jk_mfa_substance(const jk_mfa_system *goods, const char *substance,
                            jk_mfa_system **out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Balance and plausibility                                            */
/* ------------------------------------------------------------------ */

typedef struct jk_mfa_balance {
    const char *process; /* process id */
    double in;           /* sum of known input flows, t */
    double out;          /* sum of known output flows, t */
    double stock;        /* known stock change, t (0 without stock) */
    double residual;     /* in - out - stock */
    double rel;          /* |residual| / max(in, out + stock) */
    bool complete;       /* no unknown flow or stock touches it */
    bool ok;             /* complete and rel <= tolerance, or incomplete */
} jk_mfa_balance;

typedef int (*jk_mfa_balance_cb)(void *ctx, const jk_mfa_balance *b);
/** Balance of every process, in declaration order. *n_bad counts the
 *  complete balances beyond rel_tol. */
JK_API int jk_mfa_balances(const jk_mfa_system *sys, double rel_tol,
                           jk_mfa_balance_cb cb, void *ctx, size_t *n_bad,
                           jk_err *err);

typedef enum jk_mfa_severity {
    JK_MFA_WARNING = 1,
    JK_MFA_ERROR
} jk_mfa_severity;

typedef struct jk_mfa_issue {
    jk_mfa_severity severity; /* an error prevents reconciliation */
    const char *subject;      /* flow or process id */
    const char *msg;          /* what is wrong */
} jk_mfa_issue;

typedef int (*jk_mfa_issue_cb)(void *ctx, const jk_mfa_issue *i);
/**
 * The plausibility report, before any calculation: processes with no
 * flow, processes with only inputs or only outputs and no stock,
 * transfer coefficients of one process summing above 1, a flow whose
 * sd exceeds its value, a system without flows. *n_errors counts
 * errors.
 */
JK_API int jk_mfa_plausibility(const jk_mfa_system *sys, jk_mfa_issue_cb cb,
                               void *ctx, size_t *n_errors, jk_err *err);

/* ------------------------------------------------------------------ */
/* Reconciliation                                                      */
/* ------------------------------------------------------------------ */

typedef enum jk_mfa_class {
    JK_MFA_REDUNDANT = 1, /* measured, adjusted by the constraints */
    JK_MFA_NONREDUNDANT,  /* measured, no redundant constraint: unchanged */
    JK_MFA_OBSERVABLE,    /* unknown, computed from the constraints */
    JK_MFA_UNOBSERVABLE,  /* unknown, cannot be determined */
    JK_MFA_FIXED          /* constant */
} jk_mfa_class;

/** "redundant", "non-redundant", "observable", "cannot be determined",
 *  "constant". */
JK_API const char *jk_mfa_class_name(jk_mfa_class c);

typedef enum jk_mfa_method {
    JK_MFA_AUTO = 0, /* dense below a size, sparse above */
    JK_MFA_DENSE,    /* LAPACKE; full covariance available */
    JK_MFA_SPARSE    /* CHOLMOD; variances only */
} jk_mfa_method;

typedef struct jk_mfa_opts {
    jk_mfa_method method; /* how to solve */
    double alpha;         /* significance of the tests (0.05) */
    bool covariance;      /* keep the full covariance (dense only) */
} jk_mfa_opts;

JK_API void jk_mfa_opts_init(jk_mfa_opts *o);

/** One variable after reconciliation: a flow, or a stock change whose
 *  id is "stock:PROCESS". */
typedef struct jk_mfa_estimate {
    const char *id;     /* flow id or "stock:PROCESS" */
    jk_mfa_class cls;   /* what the constraints say about it */
    double measured;    /* input value (NaN when unknown) */
    double measured_sd; /* input sd (NaN when unknown) */
    double value;       /* reconciled or computed value (NaN when
                           it cannot be determined) */
    double sd;          /* its standard deviation (NaN likewise) */
    double adjustment;  /* value - measured (0 unless redundant) */
    double z;           /* |adjustment| / sd(adjustment); 0 if none */
    bool suspect;       /* z above the critical value: a gross error? */
} jk_mfa_estimate;

typedef struct jk_mfa_result jk_mfa_result;

/**
 * Reconcile: minimise sum(((x - measured) / sd)^2) over measured and
 * estimated variables subject to every process balance and transfer
 * coefficient, with constants substituted; compute observable unknowns;
 * classify every variable; run the global chi-square test and the
 * per-measurement test.
 *
 * Returns JK_OK (a system of constants only gives dof 0); JK_EINVAL
 * when the plausibility report has errors or the system has no flows; JK_ERANGE when constants violate a
 * balance no measurement can correct; JK_EUNSUPPORTED when the sparse
 * method meets linearly dependent redundant constraints (auto then
 * falls back to dense); JK_ENOMEM. A system with no redundancy
 * is not an error: every measurement is non-redundant, chi2 is 0.
 */
JK_API int jk_mfa_reconcile(const jk_mfa_system *sys, const jk_mfa_opts *o,
                            jk_mfa_result **out, jk_err *err);
JK_API void jk_mfa_result_free(jk_mfa_result *r);

/** Variables: the flows in system order, then the stock changes. */
JK_API size_t jk_mfa_result_n(const jk_mfa_result *r);
JK_API const jk_mfa_estimate *jk_mfa_result_at(const jk_mfa_result *r,
                                               size_t i);
/** Global test: chi2 = r' V^-1 r with dof = number of independent
 *  redundant constraints; passed when chi2 <= the (1 - alpha) quantile. */
JK_API double jk_mfa_result_chi2(const jk_mfa_result *r);
JK_API int jk_mfa_result_dof(const jk_mfa_result *r);
JK_API double jk_mfa_result_chi2_critical(const jk_mfa_result *r);
JK_API bool jk_mfa_result_passed(const jk_mfa_result *r);
/** "dense" or "sparse". */
JK_API const char *jk_mfa_result_method(const jk_mfa_result *r);
/** Covariance of variables i and j (dense with o->covariance only);
 *  JK_EUNSUPPORTED otherwise. */
JK_API int jk_mfa_result_cov(const jk_mfa_result *r, size_t i, size_t j,
                             double *out);

/**
 * A copy of sys whose flow values and stock changes are the reconciled
 * ones (undeterminable unknowns stay unknown), for diagrams and
 * indicators. NULL on OOM.
 */
JK_API jk_mfa_system *jk_mfa_apply(const jk_mfa_system *sys,
                                   const jk_mfa_result *r);

/* ------------------------------------------------------------------ */
/* Sankey diagrams                                                     */
/* ------------------------------------------------------------------ */

typedef struct jk_sankey_opts {
    const char *lang;  /* "ja" or "en" (default "en") */
    const char *title; /* heading; NULL = the system's name */
    int width;         /* SVG width in px (default 1200) */
    int height;        /* SVG height in px (default 700) */
} jk_sankey_opts;

JK_API void jk_sankey_opts_init(jk_sankey_opts *o);

/**
 * Write a standalone SVG Sankey diagram: processes as nodes laid out
 * left to right by depth, flow widths proportional to mass, boundary
 * flows entering and leaving at the sides, stock changes visible, labels
 * with values. Unknown flows without a value are drawn as thin dashed
 * links. Returns JK_OK, JK_EINVAL (no flow with a value), JK_EIO,
 * JK_ENOMEM.
 */
JK_API int jk_mfa_sankey_svg(const jk_mfa_system *sys, const jk_sankey_opts *o,
                             FILE *out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Japan's Fundamental Plan indicators                                 */
/* ------------------------------------------------------------------ */

/** Inputs the flows do not carry. NaN leaves the indicator out. */
typedef struct jk_jp_params {
    double gdp_oku_yen;       /* real GDP, 億円 (10^8 yen) */
    int gdp_base_year;        /* base year of the GDP series (2015) */
    double population;        /* persons */
    double renewable_input_t; /* 再生可能資源 input, t (for the 5th plan) */
} jk_jp_params;

JK_API void jk_jp_params_init(jk_jp_params *p);

/** One indicator with its published targets. */
typedef struct jk_jp_indicator {
    const char *code;      /* "resource_productivity", ... */
    const char *name_ja;   /* 資源生産性 */
    const char *name_en;   /* resource productivity */
    const char *formula;   /* in words, with units */
    const char *unit;      /* "万円/t", "%", "Mt", "t/person" */
    double value;          /* NaN when an input is missing */
    double target4;        /* 4th plan target (FY2025), NaN if none */
    double target5;        /* 5th plan target (FY2030), NaN if none */
    bool higher_is_better; /* direction of the target */
    double gap5;           /* target5 - value (signed), NaN if n/a */
} jk_jp_indicator;

typedef int (*jk_jp_indicator_cb)(void *ctx, const jk_jp_indicator *i);

/**
 * Compute the Fundamental Plan indicators from a national or regional
 * system whose flows carry route codes: natural resource input =
 * extraction + import; cyclical use = recycling flows into the
 * economy; waste generation = waste; final disposal = landfill;
 * export = export. Calls cb once per indicator in a fixed order.
 */
JK_API int jk_jp_indicators(const jk_mfa_system *sys, const jk_jp_params *p,
                            jk_jp_indicator_cb cb, void *ctx, jk_err *err);

/* ------------------------------------------------------------------ */
/* Dynamic stock models (ODYM-style)                                   */
/* ------------------------------------------------------------------ */

typedef enum jk_lifetime_kind {
    JK_LT_FIXED = 1, /* every item leaves after exactly `mean` years */
    JK_LT_NORMAL,    /* mean, sd */
    JK_LT_LOGNORMAL, /* mean, sd of the lifetime itself (not of its log;
                        ODYM's conversion differs, see docs/internals/dsm.md) */
    JK_LT_WEIBULL    /* shape, scale */
} jk_lifetime_kind;

typedef struct jk_lifetime {
    jk_lifetime_kind kind;
    double mean;  /* years (fixed, normal, lognormal) */
    double sd;    /* years (normal, lognormal) */
    double shape; /* Weibull k */
    double scale; /* Weibull lambda, years */
} jk_lifetime;

/**
 * Survival table sf[t * n + c]: the share of the inflow of year c still
 * in use in year t (0 for t < c), for n years. JK_EINVAL on bad
 * parameters.
 */
JK_API int jk_dsm_survival(const jk_lifetime *lt, int n, double *sf,
                           jk_err *err);

/**
 * Inflow-driven model: from inflow[0..n), the stock[t] in use and the
 * outflow[t] (end-of-life flow) of each year. stock and outflow may not
 * be NULL.
 */
JK_API int jk_dsm_inflow_driven(const jk_lifetime *lt, const double *inflow,
                                int n, double *stock, double *outflow,
                                jk_err *err);

/**
 * Stock-driven model: from the stock[0..n) in use each year, the inflow
 * needed and the outflow. Where the stock falls faster than items leave,
 * the inflow that would be needed is negative: it is clipped at 0 and
 * the year counted in *clipped (may be NULL); the stock then in use is
 * above the target (feed the inflow to jk_dsm_inflow_driven to see it).
 * On error the outputs are left as they were and *clipped is 0.
 */
JK_API int jk_dsm_stock_driven(const jk_lifetime *lt, const double *stock,
                               int n, double *inflow, double *outflow,
                               int *clipped, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_MFA_H */
