/*
 * junkan market: secondary-material listings, optimal matching and the
 * supply-demand gap.
 *
 * A market holds listings (supplies and demands of a material with a
 * grade, measured properties or required ranges, a quantity in grams per
 * period, a site with coordinates, a price) and rules as data: grades
 * (ranges of properties a grade guarantees), permits (which organisation
 * may receive which waste type in which prefecture) and exclusions (a
 * buyer refusing a supplier). Matching is a minimum-cost flow over the
 * compatible candidate pairs (the k nearest, found with a spatial grid),
 * with unmet and unplaced arcs so that it is always feasible; every
 * allocation and every unmatched quantity carries an explanation.
 *
 * Thread safety: a market or result belongs to one thread at a time.
 */
#ifndef JUNKAN_MARKET_H
#define JUNKAN_MARKET_H

#include <stdio.h>

#include <junkan/core.h>
#include <junkan/mcf.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jk_mkt_side {
    JK_MKT_SUPPLY = 1, /* an offer: material available */
    JK_MKT_DEMAND      /* a want: material needed */
} jk_mkt_side;

/** A property: a measured value (lo == hi) or a required range. */
typedef struct jk_mkt_prop {
    const char *name; /* "purity", "mfi", "moisture" ... */
    double lo;        /* lower bound (-HUGE_VAL when open) */
    double hi;        /* upper bound (HUGE_VAL when open) */
} jk_mkt_prop;

/** A listing. Strings are "" when absent, never NULL. */
typedef struct jk_mkt_listing {
    const char *id;           /* unique among listings */
    jk_mkt_side side;         /* supply or demand */
    const char *org;          /* organisation id */
    const char *material;     /* material code (materials.csv) */
    const char *grade;        /* grade name (grades table) or "" */
    const jk_mkt_prop *props; /* measured (supply) or required (demand) */
    size_t n_props;
    jk_mass grams;          /* quantity per period, > 0 */
    const char *recurrence; /* once, monthly, quarterly, yearly */
    jk_mass min_lot;        /* smallest shipment in grams, 0 = none */
    const char *site;       /* site name or id */
    double lat, lon;        /* WGS 84 degrees */
    const char *prefecture; /* ISO 3166-2 code ("JP-13") or "" */
    double price;           /* yen per tonne: ask (supply), bid (demand) */
    const char *valid_from; /* YYYY-MM-DD or "" */
    const char *valid_to;   /* YYYY-MM-DD or "" */
    const char *visibility; /* internal, partners, public */
    const char *evidence;   /* links, ';'-separated */
    const char *status;     /* draft, open, matched, closed */
    const char *ewc;        /* EU waste code or "" */
    const char *jw;   /* Japanese waste type code (産廃の種類) or "" */
    const char *hs;   /* HS code or "" */
    const char *fate; /* supply: where it goes today (incineration,
                         landfill, export, recycling) or "" */
    const char *mode; /* transport mode: truck, rail, ship */
} jk_mkt_listing;

typedef struct jk_market jk_market;

/**
 * A new market that knows the reference materials (the embedded
 * materials.csv); NULL on OOM.
 */
JK_API jk_market *jk_market_new(void);
JK_API void jk_market_free(jk_market *m);

/**
 * Read one file into the market; its kind comes from the header (CSV)
 * or the top-level key (JSON):
 *  - listings: CSV with columns id, side, material, quantity, lat, lon
 *    (required) and any of the optional ones (see docs/internals/
 *    market.md); JSON {"listings": [{...}, ...]} with the same keys;
 *  - grades: material, grade, property, min, max[, premium];
 *  - permits: org, waste_type, prefecture;
 *  - exclusions: buyer, excluded (organisation ids);
 *  - hubs: hub, lat, lon, handling (yen per tonne)[, mode of the
 *    outbound leg].
 * A file lands whole or not at all. Errors name "file:line: field: ..."
 * (CSV) or "file:$.listings[i]: field: ..." (JSON). Returns JK_OK,
 * JK_EIO, JK_EPARSE, JK_ERANGE, JK_EEXIST (duplicate id), JK_ENOMEM.
 */
JK_API int jk_market_load(jk_market *m, const char *path, jk_err *err);
/** The same from a buffer; name is used in messages and for the kind
 * (".json" ends mean JSON). */
JK_API int jk_market_load_buffer(jk_market *m, const char *name,
                                 const char *data, size_t len, jk_err *err);

/** Add one listing (copied) after the same checks as a file row; where
 * prefixes the error location. */
JK_API int jk_market_add_listing(jk_market *m, const jk_mkt_listing *l,
                                 const char *where, jk_err *err);

JK_API size_t jk_market_n_listings(const jk_market *m);
JK_API const jk_mkt_listing *jk_market_listing_at(const jk_market *m, size_t i);

/** A remembered decision on a pair (never re-proposed). */
typedef enum jk_mkt_decision {
    JK_MKT_CONFIRMED = 1, /* became an agreement: its volume is taken */
    JK_MKT_REJECTED       /* refused: the pair is not a candidate */
} jk_mkt_decision;

/** Tell the market about a decision on (supply, demand); grams is the
 * agreed volume per period for a confirmation (0 for a rejection). */
JK_API int jk_market_add_decision(jk_market *m, const char *supply,
                                  const char *demand, jk_mkt_decision d,
                                  jk_mass grams, jk_err *err);

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */

/** Matching options; jk_mkt_opts_init() sets the documented defaults. */
typedef struct jk_mkt_opts {
    int k;                   /* candidate demands kept per supply (50) */
    double max_km;           /* no candidate beyond this road distance
                                (1000 km) */
    double detour;           /* road km per great-circle km (1.3) */
    double rate[3];          /* yen per tonne-km: truck 25, rail 8, ship 4 */
    double co2[3];           /* kg CO2 per tonne-km: truck 0.216, rail
                                0.020, ship 0.043 */
    double carbon_price;     /* yen per tonne CO2 (5000) */
    double unmet_penalty;    /* yen per tonne of demand left unmet (0) */
    double unplaced_penalty; /* yen per tonne of supply left unplaced (0) */
    bool keep_problem;       /* keep the flow problem in the result (for
                                benchmarks and checks; false) */
    double hub_km;           /* a supply may route through its nearest hub
                                within this road distance (150 km) */
    int threads;             /* threads for the nearest-neighbour
                                search; 0: one per core (the result
                                is the same for any number) */
} jk_mkt_opts;

JK_API void jk_mkt_opts_init(jk_mkt_opts *o);

/** One allocation: grams per year from a supply to a demand. */
typedef struct jk_mkt_alloc {
    size_t supply;           /* listing index */
    size_t demand;           /* listing index */
    jk_mass grams;           /* per year */
    double km;               /* road distance */
    double transport;        /* yen per tonne */
    double co2_kg;           /* kg CO2 per tonne moved */
    double co2_cost;         /* yen per tonne */
    double margin;           /* bid - ask, yen per tonne */
    double premium;          /* grade premium, yen per tonne */
    double cost;             /* arc cost, yen per tonne (negative = gain) */
    double next_best;        /* reduced cost of the supply's best unused
                                alternative, yen per tonne (NAN: none) */
    size_t next_best_demand; /* its demand, or SIZE_MAX when unplaced or
                                none */
    const char *why;         /* one-line explanation */
    const char *hub;         /* hub id when routed through a hub, else "" */
} jk_mkt_alloc;

/** What is left of a listing after matching, and why. */
typedef struct jk_mkt_rest {
    size_t listing;          /* index */
    jk_mass grams;           /* unmet (demand) or unplaced (supply), per year */
    const char *reason_code; /* no-candidate, permit, grade, excluded,
                                distance, price, quantity, lot, material */
    const char *why;         /* one-line explanation */
} jk_mkt_rest;

typedef struct jk_mkt_result jk_mkt_result;

/**
 * Match every open listing. Quantities are put on a yearly basis
 * (monthly x12, quarterly x4, once and yearly x1). Returns JK_OK,
 * JK_EINVAL (bad options), JK_ERANGE (quantities or costs too large
 * for exact arithmetic), JK_ENOMEM. Free *out with
 * jk_mkt_result_free().
 */
JK_API int jk_market_match(jk_market *m, const jk_mkt_opts *o,
                           jk_mkt_result **out, jk_err *err);
JK_API void jk_mkt_result_free(jk_mkt_result *r);

JK_API size_t jk_mkt_n_allocs(const jk_mkt_result *r);
JK_API const jk_mkt_alloc *jk_mkt_alloc_at(const jk_mkt_result *r, size_t i);
JK_API size_t jk_mkt_n_rests(const jk_mkt_result *r);
JK_API const jk_mkt_rest *jk_mkt_rest_at(const jk_mkt_result *r, size_t i);
/** Objective in yen per year (transport + CO2 - margins - premiums +
 * penalties). */
JK_API double jk_mkt_total_cost(const jk_mkt_result *r);
/** Candidate arcs considered. */
JK_API size_t jk_mkt_n_candidates(const jk_mkt_result *r);
/** The flow problem solved last (after minimum-lot closures), when the
 * options asked to keep it; else NULL. Owned by the result. */
JK_API const jk_mcf_problem *jk_mkt_problem(const jk_mkt_result *r);

/** Output formats of the writers. */
typedef enum jk_mkt_format {
    JK_MKT_TABLE = 0,
    JK_MKT_CSV,
    JK_MKT_JSON
} jk_mkt_format;

/** The allocations with their explanations (JSON: one object with the
 * total cost, the allocations and what is left). */
JK_API int jk_mkt_write_allocs(const jk_market *m, const jk_mkt_result *r,
                               jk_mkt_format f, FILE *out, jk_err *err);
/** Unmet demand and unplaced supply, with reasons. */
JK_API int jk_mkt_write_rests(const jk_market *m, const jk_mkt_result *r,
                              jk_mkt_format f, FILE *out, jk_err *err);
/**
 * The gap report: per material and grade, supply and demand, matched,
 * unplaced supply by where it goes today, unmet demand, and the most
 * frequent reason on each side.
 */
JK_API int jk_mkt_write_gap(const jk_market *m, const jk_mkt_result *r,
                            jk_mkt_format f, FILE *out, jk_err *err);
/**
 * The gap report, the allocations and what is left as an XLSX workbook
 * at path (sheets "gap", "allocations", "left"; tonnes a year as
 * numbers). Returns JK_EIO when the file cannot be written.
 */
JK_API int jk_mkt_write_xlsx(const jk_market *m, const jk_mkt_result *r,
                             const char *path, jk_err *err);
/** The gap report as a standalone SVG bar chart. */
JK_API int jk_mkt_write_gap_svg(const jk_market *m, const jk_mkt_result *r,
                                FILE *out, jk_err *err);

/* ------------------------------------------------------------------ */
/* Municipality-company matching                                       */
/* ------------------------------------------------------------------ */

/**
 * Weights of the municipality-company score (published: the defaults
 * from jk_mkt_weights_init are material 0.3, process 0.3, capacity 0.2,
 * distance 0.2; they are normalised to sum to 1).
 */
typedef struct jk_mkt_weights {
    double material; /* 1 handles the material or a parent code, 0.5 a
                        finer code only */
    double process;  /* share of the wanted processes offered */
    double capacity; /* min(1, capacity / tonnes wanted) */
    double distance; /* 1 - km / min(radius, area served) */
} jk_mkt_weights;

JK_API void jk_mkt_weights_init(jk_mkt_weights *w);

/**
 * For each challenge loaded (CSV header challenge,municipality,material,
 * tonnes,lat,lon,radius_km[,processes]), the top companies among the
 * capabilities loaded (company,materials,processes,capacity,lat,lon,
 * area_km): a pair is a candidate when the material fits and each is
 * within the other's distance; score = 100 x weighted fits, with why.
 * Returns JK_EINVAL (bad weights or top < 1), JK_EIO, JK_ENOMEM.
 */
JK_API int jk_market_write_ranking(const jk_market *m, const jk_mkt_weights *w,
                                   int top, jk_mkt_format f, FILE *out,
                                   jk_err *err);

/* ------------------------------------------------------------------ */
/* Store                                                               */
/* ------------------------------------------------------------------ */

/** Save every listing of m into the store (one transaction); JK_EEXIST
 * when an id is already stored. */
JK_API int jk_market_save(jk_market *m, jk_store *s, jk_err *err);
/** Load the stored listings and decisions into m. */
JK_API int jk_market_load_store(jk_market *m, jk_store *s, jk_err *err);

/**
 * Record a decision on a pair in the store and in m (loaded from that
 * store): confirmed (an offtake agreement of grams per period of the
 * supply's recurrence) or rejected; never re-proposed by the matching.
 * at is the UTC time ("2026-11-28T19:00:00Z"). Returns JK_ENOTFOUND (no
 * such listing), JK_EINVAL (wrong side), JK_EEXIST (already decided),
 * JK_ERANGE (volume <= 0 or above the supply's quantity), store errors.
 */
JK_API int jk_market_decide(jk_market *m, jk_store *s, const char *supply,
                            const char *demand, jk_mkt_decision d,
                            jk_mass grams, const char *note, const char *at,
                            jk_err *err);
/** Record a delivery of grams in period ("2026-04", "FY2026") against
 * the agreement (supply, demand); ref may name a ledger event. */
JK_API int jk_market_deliver(jk_market *m, jk_store *s, const char *supply,
                             const char *demand, const char *period,
                             jk_mass grams, const char *ref, jk_err *err);
typedef struct jk_ledger jk_ledger; /* junkan/ledger.h */

/** Counts of a jk_market_sync_deliveries run. */
typedef struct jk_mkt_sync_counts {
    size_t recorded; /* deliveries recorded by this run */
    size_t already;  /* receipts recorded by an earlier run (or by hand
                        with their reference) */
    size_t skipped;  /* receipts not recorded, each with its reason */
} jk_mkt_sync_counts;

/**
 * Record the ledger's receipts (transaction.receive events, read from
 * lg, opened on the same store s) as deliveries against agreements, with
 * "ledger:SEQ" (the entry number) as the reference. A receipt goes to
 * the agreement named by one of its business transactions (an id
 * "SUPPLY/DEMAND"), else to the one agreement whose supply's org is the
 * sender, whose demand's org is the receiver (ledger operator uois),
 * whose supply has the receipt's material and whose listings are valid
 * on the event's date. The period is the event's local month (monthly
 * agreements), fiscal quarter (quarterly: "FY2026Q1" is April-June 2026)
 * or fiscal year (yearly and one-off). A receipt already
 * recorded under its reference is not recorded again. Every receipt is
 * written to out (table, CSV or JSON) with its outcome and, when not
 * recorded, the reason. All inserts are one store transaction.
 */
JK_API int jk_market_sync_deliveries(jk_market *m, jk_store *s,
                                     const jk_ledger *lg, jk_mkt_format f,
                                     FILE *out, jk_mkt_sync_counts *counts,
                                     jk_err *err);
/** Per agreement and per period with any delivery recorded, of the
 * agreement's kind (months for monthly agreements, fiscal quarters for
 * quarterly ones, fiscal years for yearly and one-off ones) or with a
 * delivery of its own: agreed, delivered and shortfall (agreed -
 * delivered, at least 0), in t. */
JK_API int jk_market_write_shortfall(jk_market *m, jk_store *s, jk_mkt_format f,
                                     FILE *out, jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
