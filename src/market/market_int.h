/*
 * Internals of the market module, shared by its .c files.
 */
#ifndef JK_MARKET_INT_H
#define JK_MARKET_INT_H

#include <junkan/market.h>
#include <junkan/mcf.h>

/* A grade: the ranges of properties it guarantees, and its premium. */
typedef struct mkt_grade {
    const char *material; /* material code */
    const char *grade;    /* grade name */
    jk_mkt_prop *props;   /* ranges (arena) */
    size_t n_props;
    double premium; /* yen per tonne over the base grade */
} mkt_grade;

typedef struct mkt_permit {
    const char *org;        /* holder */
    const char *waste_type; /* Japanese waste type code */
    const char *prefecture; /* ISO 3166-2 code, or "*" for all */
} mkt_permit;

typedef struct mkt_excl {
    const char *buyer;    /* organisation (or demand listing id) */
    const char *excluded; /* supplier organisation */
} mkt_excl;

/* A hub (port, consolidation yard): supplies near it may ship through
 * it, paying its handling cost, on its outbound mode. */
typedef struct mkt_hub {
    const char *id;  /* identifier */
    double lat, lon; /* degrees */
    double handling; /* yen per tonne */
    int mode;        /* outbound leg: 0 truck, 1 rail, 2 ship */
} mkt_hub;

/* A municipality's challenge (自治体の課題) and a company's capability,
 * for the scored municipality-company ranking (collab.c). */
typedef struct mkt_challenge {
    const char *id, *municipality, *material;
    const char *processes; /* required, ';'-separated, or "" */
    jk_mass grams;         /* per year */
    double lat, lon;
    double radius_km; /* how far the municipality will look */
} mkt_challenge;

typedef struct mkt_capability {
    const char *company, *materials; /* materials ';'-separated */
    const char *processes;           /* offered, ';'-separated */
    jk_mass grams;                   /* capacity per year */
    double lat, lon;
    double area_km; /* area served */
} mkt_capability;

/* A partnership: listings with visibility "partners" match only within
 * their organisation and its partners (both directions). */
typedef struct mkt_partner {
    const char *org, *partner;
} mkt_partner;

typedef struct mkt_decision {
    const char *supply; /* listing id */
    const char *demand; /* listing id */
    jk_mkt_decision d;  /* confirmed or rejected */
    jk_mass grams;      /* agreed volume per period (confirmed) */
} mkt_decision;

struct jk_market {
    jk_arena *arena;       /* every string and property array */
    jk_mkt_listing *l;     /* listings */
    size_t n, cap;         /* count and slots */
    size_t *ids;           /* open-addressing hash of listing ids */
    size_t ids_cap;        /* slots (power of two), 0 = none */
    const char **material; /* known material codes, sorted */
    size_t n_material;
    mkt_grade *grade;
    size_t n_grade, cap_grade;
    mkt_permit *permit;
    size_t n_permit, cap_permit;
    mkt_excl *excl;
    size_t n_excl, cap_excl;
    mkt_hub *hub;
    size_t n_hub, cap_hub;
    mkt_challenge *chal;
    size_t n_chal, cap_chal;
    mkt_capability *capa;
    size_t n_capa, cap_capa;
    mkt_partner *part;
    size_t n_part, cap_part;
    mkt_decision *dec;
    size_t n_dec, cap_dec;
};

/* Index of listing id, or SIZE_MAX. */
size_t mkt_find(const jk_market *m, const char *id);
/* The grade entry for (material, grade), or NULL. */
const mkt_grade *mkt_grade_find(const jk_market *m, const char *material,
                                const char *grade);
/* Grow *arr (element size sz) to hold one more than *n; JK_ENOMEM. */
int mkt_grow(void **arr, size_t *cap, size_t n, size_t sz);
/* Parse "name=v;p>=a;q<=b;r=a..b" (supplies: name=v only) into an
 * arena array; errors name where and the field "properties". */
int mkt_parse_props(jk_market *m, const char *text, jk_mkt_side side,
                    const char *where, jk_mkt_prop **out, size_t *n_out,
                    jk_err *err);
/* Read a challenge or capability row (collab.c); field getter given. */
typedef const char *(*mkt_get_fn)(const void *rec, const char *key);
int mkt_rec_challenge(jk_market *m, const void *r, mkt_get_fn get,
                      const char *where, jk_err *err);
int mkt_rec_capability(jk_market *m, const void *r, mkt_get_fn get,
                       const char *where, jk_err *err);
/* Yearly factor of a recurrence (12, 4, 1). */
int mkt_per_year(const char *recurrence);
/* The period an agreement's volume is per: a month (monthly), a fiscal
 * quarter (quarterly), a fiscal year (yearly and once). */
jk_period_kind mkt_period_kind(const char *recurrence);
/* That period of a recurrence containing month `month` of `year`. */
void mkt_period_of(const char *recurrence, int year, int month, jk_period *p);

/* Per listing in a result (grams per year): the open quantity, what
 * was matched, and the reason code of what is left (or NULL). */
jk_mass mkt_result_qty(const jk_mkt_result *r, size_t i);
jk_mass mkt_result_matched(const jk_mkt_result *r, size_t i);
const char *mkt_result_reason(const jk_mkt_result *r, size_t i);

#endif
