/*
 * Matching: compatibility rules, candidate generation with a spatial
 * grid (the k nearest compatible demands of each supply), the
 * minimum-cost flow, minimum lots, and the explanations.
 *
 * Network (quantities in grams per year, costs in yen per tonne, which
 * is micro-yen per gram, so that cost x flow is exact in int64):
 *   supply s (+q_s) --c_sd--> demand d (-q_d)     candidate pairs
 *   supply s --unplaced_penalty--> P (-sum q_s)     supply left unplaced
 *   U (+sum q_d) --unmet_penalty--> demand d        demand left unmet
 *   U --0--> P                                     balances the two
 * c_sd = transport + CO2 x carbon price - (bid - ask) - grade premium.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "market/market_int.h"

#define EARTH_KM       6371.0088
#define PI             3.14159265358979323846
#define MAX_LOT_ROUNDS 10

void jk_mkt_opts_init(jk_mkt_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->k = 50;
    o->max_km = 1000;
    o->detour = 1.3;
    o->rate[0] = 25;   /* truck, yen per tonne-km */
    o->rate[1] = 8;    /* rail */
    o->rate[2] = 4;    /* ship */
    o->co2[0] = 0.216; /* kg CO2 per tonne-km (MLIT, commercial truck) */
    o->co2[1] = 0.020; /* rail */
    o->co2[2] = 0.043; /* domestic shipping */
    o->carbon_price = 5000;
    o->unmet_penalty = 0;
    o->unplaced_penalty = 0;
    o->hub_km = 150;
}

/* ---- result ---- */

/* Why a pair was refused, kept per listing for the nearest refusal. */
typedef struct refusal {
    size_t other; /* the other listing, SIZE_MAX = none */
    double km;    /* its distance */
    const char *code;
    char *msg; /* arena */
} refusal;

struct jk_mkt_result {
    jk_arena *arena;
    jk_arena *more[7]; /* the texts of the other explaining threads */
    jk_mkt_alloc *alloc;
    size_t n_alloc, cap_alloc;
    jk_mkt_rest *rest;
    size_t n_rest, cap_rest;
    double total;        /* yen per year */
    size_t n_candidates; /* candidate arcs */
    /* for the gap report: per listing, grams per year */
    size_t n_listings;
    jk_mass *qty;           /* quantity put on a yearly basis (0: not open) */
    jk_mass *matched;       /* allocated */
    const char **reason;    /* reason code of the rest, or NULL */
    jk_mcf_problem problem; /* kept when opts.keep_problem */
};

void jk_mkt_result_free(jk_mkt_result *r)
{
    if (!r)
        return;
    jk_arena_free(r->arena);
    for (size_t t = 0; t < sizeof(r->more) / sizeof(r->more[0]); t++)
        jk_arena_free(r->more[t]);
    jk_free(r->alloc);
    jk_free(r->rest);
    jk_free(r->qty);
    jk_free(r->matched);
    jk_free(r->reason);
    jk_mcf_problem_free(&r->problem);
    jk_free(r);
}

const jk_mcf_problem *jk_mkt_problem(const jk_mkt_result *r)
{
    return r->problem.n_nodes ? &r->problem : NULL;
}

size_t jk_mkt_n_allocs(const jk_mkt_result *r)
{
    return r->n_alloc;
}
const jk_mkt_alloc *jk_mkt_alloc_at(const jk_mkt_result *r, size_t i)
{
    return i < r->n_alloc ? &r->alloc[i] : NULL;
}
size_t jk_mkt_n_rests(const jk_mkt_result *r)
{
    return r->n_rest;
}
const jk_mkt_rest *jk_mkt_rest_at(const jk_mkt_result *r, size_t i)
{
    return i < r->n_rest ? &r->rest[i] : NULL;
}
double jk_mkt_total_cost(const jk_mkt_result *r)
{
    return r->total;
}
size_t jk_mkt_n_candidates(const jk_mkt_result *r)
{
    return r->n_candidates;
}

jk_mass mkt_result_qty(const jk_mkt_result *r, size_t i)
{
    return i < r->n_listings ? r->qty[i] : 0;
}
jk_mass mkt_result_matched(const jk_mkt_result *r, size_t i)
{
    return i < r->n_listings ? r->matched[i] : 0;
}
const char *mkt_result_reason(const jk_mkt_result *r, size_t i)
{
    return i < r->n_listings ? r->reason[i] : NULL;
}

/* ---- geometry ---- */

typedef struct pt {
    double x, y, z; /* unit sphere */
} pt;

static pt to_pt(double lat, double lon)
{
    double la = lat * PI / 180, lo = lon * PI / 180;
    pt p;
    p.x = cos(la) * cos(lo);
    p.y = cos(la) * sin(lo);
    p.z = sin(la);
    return p;
}

static double chord2(pt a, pt b)
{
    double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
}

/* Great-circle km from a squared chord on the unit sphere. */
static double chord2_km(double c2)
{
    double c = sqrt(c2);
    if (c > 2)
        c = 2;
    return 2 * asin(c / 2) * EARTH_KM;
}

/* ---- a uniform 3-D grid over points on the unit sphere ---- */

typedef struct grid {
    double h;       /* cell side */
    size_t *order;  /* point indices sorted by cell */
    pt *sp;         /* the points in that order (locality) */
    int64_t *key;   /* cell key of each sorted point */
    size_t n;       /* points */
    int64_t *hkey;  /* hash: cell key */
    size_t *hstart; /* hash: first position in order */
    size_t *hend;   /* hash: one past the last */
    size_t hcap;    /* slots, power of two */
    const pt *p;    /* the points (by listing index) */
} grid;

static int64_t cell_of(double v, double h)
{
    return (int64_t)floor((v + 1.0) / h);
}

static int64_t pack(int64_t i, int64_t j, int64_t k)
{
    return (i << 42) | (j << 21) | k;
}

static size_t hslot(const grid *g, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 20) & (g->hcap - 1);
}

static const grid *sort_grid; /* qsort has no context argument */
static int cmp_cell(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    const pt *p = &sort_grid->p[*x], *q = &sort_grid->p[*y];
    double h = sort_grid->h;
    int64_t ka = pack(cell_of(p->x, h), cell_of(p->y, h), cell_of(p->z, h));
    int64_t kb = pack(cell_of(q->x, h), cell_of(q->y, h), cell_of(q->z, h));
    if (ka != kb)
        return ka < kb ? -1 : 1;
    return *x < *y ? -1 : *x > *y;
}

static void grid_free(grid *g)
{
    jk_free(g->order);
    jk_free(g->sp);
    jk_free(g->key);
    jk_free(g->hkey);
    jk_free(g->hstart);
    jk_free(g->hend);
    memset(g, 0, sizeof(*g));
}

/* Build a grid over points idx[0..n) of p, cell side h. */
static int grid_build(grid *g, const pt *p, const size_t *idx, size_t n,
                      double h)
{
    size_t i;
    memset(g, 0, sizeof(*g));
    g->p = p;
    g->h = h;
    g->n = n;
    g->hcap = 16;
    while (g->hcap < n * 2)
        g->hcap *= 2;
    g->order = jk_malloc((n ? n : 1) * sizeof(size_t));
    g->sp = jk_malloc((n ? n : 1) * sizeof(pt));
    g->key = jk_malloc((n ? n : 1) * sizeof(int64_t));
    g->hkey = jk_malloc(g->hcap * sizeof(int64_t));
    g->hstart = jk_malloc(g->hcap * sizeof(size_t));
    g->hend = jk_malloc(g->hcap * sizeof(size_t));
    if (!g->order || !g->sp || !g->key || !g->hkey || !g->hstart || !g->hend) {
        grid_free(g);
        return JK_ENOMEM;
    }
    if (n)
        memcpy(g->order, idx, n * sizeof(size_t));
    sort_grid = g;
    qsort(g->order, n, sizeof(size_t), cmp_cell);
    for (i = 0; i < g->hcap; i++)
        g->hend[i] = 0, g->hstart[i] = 0, g->hkey[i] = -1;
    for (i = 0; i < n; i++) {
        const pt *q = &p[g->order[i]];
        int64_t k = pack(cell_of(q->x, h), cell_of(q->y, h), cell_of(q->z, h));
        size_t s = hslot(g, k);
        g->sp[i] = *q;
        g->key[i] = k;
        while (g->hkey[s] != -1 && g->hkey[s] != k)
            s = (s + 1) & (g->hcap - 1);
        if (g->hkey[s] == -1) {
            g->hkey[s] = k;
            g->hstart[s] = i;
        }
        g->hend[s] = i + 1;
    }
    return JK_OK;
}

/* Positions [*b, *e) in order of cell (i, j, k); false when empty. */
static bool grid_cell(const grid *g, int64_t i, int64_t j, int64_t k, size_t *b,
                      size_t *e)
{
    int64_t key;
    size_t s;
    if (i < 0 || j < 0 || k < 0 || i >= (1 << 21) || j >= (1 << 21) ||
        k >= (1 << 21))
        return false;
    key = pack(i, j, k);
    s = hslot(g, key);
    while (g->hkey[s] != -1) {
        if (g->hkey[s] == key) {
            *b = g->hstart[s];
            *e = g->hend[s];
            return true;
        }
        s = (s + 1) & (g->hcap - 1);
    }
    return false;
}

/* ---- compatibility ---- */

typedef struct ctx {
    jk_market *m;
    const jk_mkt_opts *o;
    jk_mkt_result *r;
    pt *p;        /* per listing */
    jk_mass *q;   /* per listing, grams per year still free */
    refusal *ref; /* per listing: nearest refusal */
    bool *simple; /* per listing: no rule can refuse it (fast path) */
    jk_err *err;
} ctx;

static bool in_list_dec(const jk_market *m, const char *s, const char *d,
                        jk_mkt_decision *out)
{
    size_t i;
    for (i = 0; i < m->n_dec; i++)
        if (strcmp(m->dec[i].supply, s) == 0 &&
            strcmp(m->dec[i].demand, d) == 0) {
            *out = m->dec[i].d;
            return true;
        }
    return false;
}

/* The range of property name a supply guarantees: measured, or from its
 * grade; false when unknown. */
static bool supply_range(const jk_market *m, const jk_mkt_listing *s,
                         const char *name, double *lo, double *hi)
{
    size_t i;
    const mkt_grade *g;
    for (i = 0; i < s->n_props; i++)
        if (strcmp(s->props[i].name, name) == 0) {
            *lo = s->props[i].lo;
            *hi = s->props[i].hi;
            return true;
        }
    if (*s->grade && (g = mkt_grade_find(m, s->material, s->grade)))
        for (i = 0; i < g->n_props; i++)
            if (strcmp(g->props[i].name, name) == 0) {
                *lo = g->props[i].lo;
                *hi = g->props[i].hi;
                return true;
            }
    return false;
}

static void fmt_range(char *buf, size_t cap, double lo, double hi)
{
    if (lo == hi)
        jk_snprintf(buf, cap, "%g", lo);
    else if (isinf(lo))
        jk_snprintf(buf, cap, "<= %g", hi);
    else if (isinf(hi))
        jk_snprintf(buf, cap, ">= %g", lo);
    else
        jk_snprintf(buf, cap, "%g..%g", lo, hi);
}

/* Check one requirement (name, lo, hi) of a demand against a supply. */
static const char *check_req(const jk_market *m, const jk_mkt_listing *s,
                             const jk_mkt_prop *req, char *msg, size_t cap,
                             double *slack)
{
    double a, b;
    char need[64], have[64];
    if (!supply_range(m, s, req->name, &a, &b)) {
        jk_snprintf(msg, cap,
                    "%s not stated by the supply (measured or by "
                    "grade)",
                    req->name);
        return "grade";
    }
    fmt_range(need, sizeof(need), req->lo, req->hi);
    fmt_range(have, sizeof(have), a, b);
    if (a < req->lo || b > req->hi) {
        jk_snprintf(msg, cap, "%s %s outside %s", req->name, have, need);
        return "grade";
    }
    if (slack) {
        double w = req->hi - req->lo, sl = fmin(a - req->lo, req->hi - b);
        double rel = isfinite(w) && w > 0 ? sl / w : HUGE_VAL;
        if (rel < *slack) {
            *slack = rel;
            jk_snprintf(msg, cap, "%s %s within %s", req->name, have, need);
        }
    }
    return NULL;
}

/*
 * Whether supply s may go to demand d. Returns NULL when compatible,
 * else a reason code with msg filled. With tight non-NULL, a compatible
 * pair's tightest property margin is described in tight.
 */
static const char *compat(const jk_market *m, const jk_mkt_listing *s,
                          const jk_mkt_listing *d, char *msg, size_t cap,
                          char *tight, size_t tcap, bool material_ok)
{
    size_t i, j;
    const mkt_grade *g = NULL;
    jk_mkt_decision dec;
    double slack = HUGE_VAL;
    const char *code;

    if (!material_ok && strcmp(s->material, d->material) != 0 &&
        !(strncmp(s->material, d->material, strlen(d->material)) == 0 &&
          s->material[strlen(d->material)] == '.')) {
        jk_snprintf(msg, cap, "material %s is not %s", s->material,
                    d->material);
        return "material";
    }
    if ((s->visibility[0] == 'i' || d->visibility[0] == 'i') &&
        strcmp(s->org, d->org) != 0) {
        jk_snprintf(msg, cap, "internal listing, other organisation");
        return "visibility";
    }
    if ((s->visibility[0] == 'p' && s->visibility[1] == 'a') ||
        (d->visibility[0] == 'p' && d->visibility[1] == 'a')) {
        bool ok = strcmp(s->org, d->org) == 0;
        for (i = 0; i < m->n_part && !ok; i++)
            ok = (strcmp(m->part[i].org, s->org) == 0 &&
                  strcmp(m->part[i].partner, d->org) == 0) ||
                 (strcmp(m->part[i].org, d->org) == 0 &&
                  strcmp(m->part[i].partner, s->org) == 0);
        if (!ok) {
            jk_snprintf(msg, cap,
                        "partners-only listing: %s and %s are not "
                        "partners",
                        *s->org ? s->org : "(no organisation)",
                        *d->org ? d->org : "(no organisation)");
            return "visibility";
        }
    }
    if ((*s->valid_to && *d->valid_from &&
         strcmp(s->valid_to, d->valid_from) < 0) ||
        (*d->valid_to && *s->valid_from &&
         strcmp(d->valid_to, s->valid_from) < 0)) {
        jk_snprintf(msg, cap, "validity windows do not overlap");
        return "validity";
    }
    if (m->n_dec && in_list_dec(m, s->id, d->id, &dec)) {
        jk_snprintf(msg, cap,
                    dec == JK_MKT_REJECTED ? "pair rejected before"
                                           : "pair already under an agreement");
        return dec == JK_MKT_REJECTED ? "rejected" : "agreed";
    }
    for (i = 0; i < m->n_excl; i++)
        if ((strcmp(m->excl[i].buyer, d->org) == 0 ||
             strcmp(m->excl[i].buyer, d->id) == 0) &&
            strcmp(m->excl[i].excluded, s->org) == 0) {
            jk_snprintf(msg, cap, "buyer %s excludes supplier %s",
                        m->excl[i].buyer, s->org);
            return "excluded";
        }
    if (*s->jw) {
        bool ok = false;
        for (i = 0; i < m->n_permit && !ok; i++)
            ok = strcmp(m->permit[i].org, d->org) == 0 &&
                 strcmp(m->permit[i].waste_type, s->jw) == 0 &&
                 (strcmp(m->permit[i].prefecture, "*") == 0 ||
                  strcmp(m->permit[i].prefecture, d->prefecture) == 0);
        if (!ok) {
            jk_snprintf(msg, cap,
                        "buyer %s holds no permit for waste type %s in %s",
                        *d->org ? d->org : "(none)", s->jw,
                        *d->prefecture ? d->prefecture : "(no prefecture)");
            return "permit";
        }
    }
    if (*d->grade) {
        g = mkt_grade_find(m, d->material, d->grade);
        if (!g && strcmp(s->grade, d->grade) != 0) {
            jk_snprintf(msg, cap, "grade %s wanted, supply is %s", d->grade,
                        *s->grade ? s->grade : "ungraded");
            return "grade";
        }
    }
    if (tight && tcap)
        tight[0] = '\0';
    for (j = 0; g && j < g->n_props; j++) {
        /* A demand's own range on the same property overrides. */
        bool own = false;
        for (i = 0; i < d->n_props; i++)
            own |= strcmp(d->props[i].name, g->props[j].name) == 0;
        if (own)
            continue;
        if ((code = check_req(m, s, &g->props[j], msg, cap, NULL)))
            return code;
        if (tight)
            check_req(m, s, &g->props[j], tight, tcap, &slack);
    }
    for (i = 0; i < d->n_props; i++) {
        if ((code = check_req(m, s, &d->props[i], msg, cap, NULL)))
            return code;
        if (tight)
            check_req(m, s, &d->props[i], tight, tcap, &slack);
    }
    return NULL;
}

static int mode_of(const char *mode)
{
    return strcmp(mode, "rail") == 0 ? 1 : strcmp(mode, "ship") == 0 ? 2 : 0;
}

static double grade_premium(const jk_market *m, const jk_mkt_listing *s)
{
    const mkt_grade *g;
    if (!*s->grade || !(g = mkt_grade_find(m, s->material, s->grade)))
        return 0;
    return g->premium;
}

/* Cost parts of moving a tonne from s to d over km. */
static void arc_cost(const ctx *c, const jk_mkt_listing *s,
                     const jk_mkt_listing *d, double km, jk_mkt_alloc *a)
{
    int mo = mode_of(s->mode);
    a->km = km;
    a->transport = km * c->o->rate[mo];
    a->co2_kg = km * c->o->co2[mo];
    a->co2_cost = a->co2_kg / 1000.0 * c->o->carbon_price;
    a->margin = d->price - s->price;
    a->premium = grade_premium(c->m, s);
    a->cost = a->transport + a->co2_cost - a->margin - a->premium;
}

/* Cost parts of moving a tonne from s through hub h to d: the first leg
 * on the supply's mode, the second on the hub's, plus handling (counted
 * in transport). */
static void hub_cost(const ctx *c, const jk_mkt_listing *s,
                     const jk_mkt_listing *d, const mkt_hub *h, double km1,
                     double km2, jk_mkt_alloc *a)
{
    int mo = mode_of(s->mode);
    a->km = km1 + km2;
    a->transport =
        km1 * c->o->rate[mo] + km2 * c->o->rate[h->mode] + h->handling;
    a->co2_kg = km1 * c->o->co2[mo] + km2 * c->o->co2[h->mode];
    a->co2_cost = a->co2_kg / 1000.0 * c->o->carbon_price;
    a->margin = d->price - s->price;
    a->premium = grade_premium(c->m, s);
    a->cost = a->transport + a->co2_cost - a->margin - a->premium;
}

static const char *const MODE_NAMES[3] = {"truck", "rail", "ship"};

/* The cost parts of candidate pair (si, di), direct or through hub. */
static void pair_cost(const ctx *c, size_t si, size_t di, int32_t hub,
                      jk_mkt_alloc *x)
{
    const jk_mkt_listing *s = &c->m->l[si], *d = &c->m->l[di];
    if (hub < 0) {
        arc_cost(c, s, d, chord2_km(chord2(c->p[si], c->p[di])) * c->o->detour,
                 x);
        x->hub = "";
    } else {
        const mkt_hub *h = &c->m->hub[hub];
        pt hp = to_pt(h->lat, h->lon);
        hub_cost(c, s, d, h, chord2_km(chord2(c->p[si], hp)) * c->o->detour,
                 chord2_km(chord2(hp, c->p[di])) * c->o->detour, x);
        x->hub = h->id;
    }
}

static void note_refusal(ctx *c, size_t who, size_t other, double km,
                         const char *code, const char *msg)
{
    refusal *f = &c->ref[who];
    if (f->other != SIZE_MAX && f->km <= km)
        return;
    f->other = other;
    f->km = km;
    f->code = code;
    f->msg = jk_arena_strdup(c->r->arena, msg);
}

/* A cost in yen per tonne as the solver's integer; false when it is not
 * finite or beyond 1e15 (options are checked, listings bounded to 1e12
 * yen/t, so only absurd rates or distances get here). */
static bool to_cost(double v, int64_t *out)
{
    double r = nearbyint(v);
    if (!(r >= -1e15 && r <= 1e15))
        return false;
    *out = (int64_t)r;
    return true;
}

/* ---- candidates ---- */

typedef struct cand {
    size_t d;  /* demand listing */
    double c2; /* squared chord */
} cand;

/* Keep the k best (smallest c2) in a max-heap of at most k. */
static void heap_push(cand *h, size_t *n, size_t k, cand x)
{
    size_t i;
    if (*n < k) {
        i = (*n)++;
        while (i > 0 && h[(i - 1) / 2].c2 < x.c2) {
            h[i] = h[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h[i] = x;
        return;
    }
    if (x.c2 >= h[0].c2)
        return;
    i = 0;
    for (;;) {
        size_t l = 2 * i + 1, big = l;
        if (l >= *n)
            break;
        /* the larger child, without a branch to mispredict */
        if (l + 1 < *n)
            big += h[l + 1].c2 > h[l].c2;
        if (h[big].c2 <= x.c2)
            break;
        h[i] = h[big];
        i = big;
    }
    h[i] = x;
}

/* Which demands a supply's material may go to: the grids of the
 * material and of each of its parents. */
typedef struct mat_grid {
    const char *material;
    grid g;
} mat_grid;

/* Distance from v to cell c's extent [c h - 1, (c + 1) h - 1] on one
 * axis (0 inside), widened by 1e-12 against rounding in cell_of(): a
 * lower bound of how far any point of the cell is along that axis. */
static double box_gap(double v, int64_t c, double h)
{
    double lo = (double)c * h - 1.0 - 1e-12;
    double hi = (double)(c + 1) * h - 1.0 + 1e-12;
    return v < lo ? lo - v : v > hi ? v - hi : 0.0;
}

/* Search grid g for the k nearest compatible demands of supply si,
 * within radius c2max (squared chord). Cells are visited shell by
 * shell, each shell in (i, j, k) order; a point enters when it is
 * within c2max and, once k are kept, nearer than the farthest kept. */
/* Refusals found while searching on a worker thread, replayed in
 * supply order afterwards (note_refusal keeps the first nearest). */
typedef struct rlog_item {
    size_t order; /* the supply's place in the search order */
    size_t who, other;
    double km;
    const char *code;
    char *msg; /* jk_strdup'd */
} rlog_item;

typedef struct rlog {
    rlog_item *v;
    size_t n, cap;
    bool oom;
} rlog;

static void log_refusal(rlog *lg, size_t order, size_t who, size_t other,
                        double km, const char *code, const char *msg)
{
    rlog_item *x;
    if (lg->oom)
        return;
    if (lg->n == lg->cap) {
        size_t ncap = lg->cap ? 2 * lg->cap : 256;
        rlog_item *v = jk_realloc(lg->v, ncap * sizeof(*v));
        if (!v) {
            lg->oom = true;
            return;
        }
        lg->v = v;
        lg->cap = ncap;
    }
    x = &lg->v[lg->n];
    x->order = order;
    x->who = who;
    x->other = other;
    x->km = km;
    x->code = code;
    if (!(x->msg = jk_strdup(msg))) {
        lg->oom = true;
        return;
    }
    lg->n++;
}

static void knn(ctx *c, const grid *g, size_t si, double c2max, cand *heap,
                size_t *nh, size_t k, rlog *lg, size_t order)
{
    const jk_mkt_listing *s = &c->m->l[si];
    const bool s_simple = c->simple[si];
    pt p = c->p[si];
    double h = g->h;
    int64_t ci = cell_of(p.x, h), cj = cell_of(p.y, h), ck = cell_of(p.z, h);
    int64_t r, rmax = (int64_t)ceil(sqrt(c2max) / h) + 1;
    /* half the extent of a cell along p */
    double half = h / 2 * (fabs(p.x) + fabs(p.y) + fabs(p.z));
    size_t n = *nh;
    /* the farthest kept once k are kept, else nothing bounds */
    double top = n == k ? heap[0].c2 : HUGE_VAL;
    char msg[256];

    for (r = 0; r <= rmax; r++) {
        int64_t i, j, kk;
        /* Everything unvisited lies outside the cube of shells 0..r-1:
         * at least as far as the nearest face of that cube. */
        double reach = HUGE_VAL;
        if (r > 0) {
            double v3[3] = {p.x, p.y, p.z};
            int64_t c3[3] = {ci, cj, ck};
            int ax;
            for (ax = 0; ax < 3; ax++) {
                double lo = (double)(c3[ax] - (r - 1)) * h - 1.0;
                double hi = (double)(c3[ax] + r) * h - 1.0;
                reach = fmin(reach, fmin(v3[ax] - lo, hi - v3[ax]));
            }
        }
        if (r > 0 && n == k && reach > 0 && reach * reach >= top)
            break;
        if (r > 0 && reach > 0 && reach * reach > c2max)
            break;
        for (i = ci - r; i <= ci + r; i++) {
            bool bi = i == ci - r || i == ci + r;
            for (j = cj - r; j <= cj + r; j++) {
                /* Inside the shell's faces only the two ends of a row
                 * are new (the rest was visited in an earlier shell). */
                bool bj = bi || j == cj - r || j == cj + r;
                int64_t step = bj ? 1 : 2 * r;
                double oxy = p.x * (((double)i + 0.5) * h - 1.0 - p.x) +
                             p.y * (((double)j + 0.5) * h - 1.0 - p.y);
                double dx = box_gap(p.x, i, h), dy = box_gap(p.y, j, h);
                double bxy = dx * dx + dy * dy;
                for (kk = ck - r; kk <= ck + r; kk += step) {
                    size_t b, e, t;
                    /* Points q of the unit sphere within chord R of p lie
                     * in the slab -R^2/2 <= p.(q - p) <= 0: skip cells
                     * that miss it (most of a cube around a surface). */
                    {
                        double off =
                            oxy + p.z * (((double)kk + 0.5) * h - 1.0 - p.z);
                        double r2 = fmin(top, c2max), dz, b2;
                        if (off - half > 0 || off + half < -r2 / 2)
                            continue;
                        /* Every point of the cell is at least as far as
                         * the cell's box: skip a cell whose points would
                         * all be turned away below. */
                        dz = box_gap(p.z, kk, h);
                        b2 = bxy + dz * dz;
                        if (b2 > c2max || b2 >= top)
                            continue;
                    }
                    if (!grid_cell(g, i, j, kk, &b, &e))
                        continue;
                    for (t = b; t < e; t++) {
                        size_t di;
                        double c2 = chord2(p, g->sp[t]);
                        if (c2 > c2max || c2 >= top)
                            continue;
                        di = g->order[t];
                        /* Two plain listings of compatible materials with
                         * no decisions or exclusions in the market: no
                         * rule can refuse the pair. */
                        if (!(s_simple && c->simple[di])) {
                            const jk_mkt_listing *d = &c->m->l[di];
                            const char *code = compat(
                                c->m, s, d, msg, sizeof(msg), NULL, 0, true);
                            if (code) {
                                double km = chord2_km(c2) * c->o->detour;
                                if (lg) {
                                    log_refusal(lg, order, si, di, km, code,
                                                msg);
                                    log_refusal(lg, order, di, si, km, code,
                                                msg);
                                } else {
                                    note_refusal(c, si, di, km, code, msg);
                                    note_refusal(c, di, si, km, code, msg);
                                }
                                continue;
                            }
                        }
                        {
                            cand x;
                            x.d = di;
                            x.c2 = c2;
                            heap_push(heap, &n, k, x);
                            if (n == k)
                                top = heap[0].c2;
                        }
                    }
                }
            }
        }
    }
    *nh = n;
}

/* ---- explanations ---- */

static const char *fmt_t(jk_mass g, char *buf, size_t cap)
{
    return jk_mass_format(g, jk_unit_find("t"), 1, true, buf, cap);
}

static char *arena_fmt(jk_arena *a, const char *fmt, ...) JK_PRINTF(2, 3);
static char *arena_fmt(jk_arena *a, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return jk_arena_strdup(a, buf);
}

static int add_rest(jk_mkt_result *r, size_t listing, jk_mass grams,
                    const char *code, char *why)
{
    jk_mkt_rest *x;
    if (!why ||
        mkt_grow((void **)&r->rest, &r->cap_rest, r->n_rest, sizeof(*r->rest)))
        return JK_ENOMEM;
    x = &r->rest[r->n_rest++];
    x->listing = listing;
    x->grams = grams;
    x->reason_code = code;
    x->why = why;
    r->reason[listing] = code;
    return JK_OK;
}

/* ---- work on all cores ---- */

/* Threads for n items: jk_mkt_opts.threads when set (up to 8), else one
 * per core, but one when there are fewer than `least` items. */
static int par_threads(int threads, size_t n, size_t least)
{
    long ncpu = threads > 0 ? threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads <= 0 && n < least)
        return 1; /* not worth a thread */
    return ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
}

/* fn on nt argument blocks args[0..nt) of `size` bytes: this thread runs
 * the first; a thread that does not start leaves its share to the others
 * (the workers take their work from a shared counter). */
static void par_run(int nt, void *(*fn)(void *), void *args, size_t size)
{
    pthread_t th[8];
    bool started[8] = {false};
    int t;
    for (t = 1; t < nt && t < 8; t++)
        started[t] = pthread_create(&th[t], NULL, fn,
                                    (char *)args + (size_t)t * size) == 0;
    fn(args);
    for (t = 1; t < nt && t < 8; t++)
        if (started[t])
            pthread_join(th[t], NULL);
}

/* The explanations of the allocations (arcs with flow), on all cores:
 * each allocation's text depends only on the solution, so the arcs are
 * split in chunks from a shared counter and each explanation is written
 * to its own slot of r->alloc (the order of the arcs). */
typedef struct expl_pass {
    ctx *c;
    const jk_mcf_problem *p;
    const jk_mcf_result *sol;
    int32_t first_cand;
    const uint32_t *arc_s, *arc_d;
    const int32_t *arc_h;
    const size_t *cb, *ce;
    const int32_t *arc_un;
    int32_t *n_in;      /* per listing: its allocations */
    int32_t *used;      /* the candidate arcs with flow, in order */
    size_t n;           /* how many */
    atomic_size_t next; /* the next chunk */
} expl_pass;

typedef struct expl_worker {
    expl_pass *ep;
    jk_arena *arena; /* the texts (r->arena for this thread) */
    bool oom;
} expl_worker;

#define EXPL_CHUNK 32

/* Allocation number u: cost parts, the supply's cheapest unused
 * alternative by reduced cost, tightest spec, pooling, the text. */
static void explain_alloc(expl_worker *w, size_t u)
{
    const expl_pass *ep = w->ep;
    const ctx *c = ep->c;
    const jk_market *m = c->m;
    const jk_mcf_problem *p = ep->p;
    const jk_mcf_result *sol = ep->sol;
    size_t j = (size_t)ep->used[u];
    int32_t a = ep->first_cand + (int32_t)j, b;
    size_t si = ep->arc_s[j], di = ep->arc_d[j];
    const jk_mkt_listing *s = &m->l[si], *d = &m->l[di];
    jk_mkt_alloc *x = &c->r->alloc[u];
    char tight[256], msg[256], nb[160], pool[96], route[160];

    pair_cost(c, si, di, ep->arc_h ? ep->arc_h[j] : -1, x);
    x->supply = si;
    x->demand = di;
    x->grams = sol->flow[a];
    x->next_best = (double)NAN;
    x->next_best_demand = SIZE_MAX;
    for (b = ep->first_cand + (int32_t)ep->cb[si];
         b < ep->first_cand + (int32_t)ep->ce[si]; b++) {
        int64_t rcst;
        if (b == a || sol->flow[b] > 0 || p->cap[b] == 0)
            continue;
        rcst = jk_mcf_reduced_cost(p, sol, b);
        if (isnan(x->next_best) || (double)rcst < x->next_best) {
            x->next_best = (double)rcst;
            x->next_best_demand = ep->arc_d[b - ep->first_cand];
        }
    }
    if (sol->flow[ep->arc_un[si]] == 0) {
        int64_t rcst = jk_mcf_reduced_cost(p, sol, ep->arc_un[si]);
        if (isnan(x->next_best) || (double)rcst < x->next_best) {
            x->next_best = (double)rcst;
            x->next_best_demand = SIZE_MAX;
        }
    }
    /* A plain pair has no requirement to be tightest. */
    if (c->simple[si] && c->simple[di])
        tight[0] = '\0';
    else
        compat(m, s, d, msg, sizeof(msg), tight, sizeof(tight), true);
    if (isnan(x->next_best))
        jk_snprintf(nb, sizeof(nb), "no alternative");
    else if (x->next_best_demand == SIZE_MAX)
        jk_snprintf(nb, sizeof(nb),
                    "next best: leave it unplaced (+%.0f yen/t)", x->next_best);
    else
        jk_snprintf(nb, sizeof(nb), "next best: %s (+%.0f yen/t)",
                    m->l[x->next_best_demand].id, x->next_best);
    jk_snprintf(pool, sizeof(pool), "%s%s%s",
                ep->n_in[di] > 1 ? "; pooled with other supplies" : "",
                ep->n_in[si] > 1 ? "; supply split over demands" : "",
                c->r->matched[si] < c->q[si] ? "; supply partly placed" : "");
    if (ep->arc_h && ep->arc_h[j] >= 0)
        jk_snprintf(route, sizeof(route),
                    "%.0f km by %s via hub %s (then %s, handling %.0f yen/t)",
                    x->km, s->mode, x->hub,
                    MODE_NAMES[m->hub[ep->arc_h[j]].mode],
                    m->hub[ep->arc_h[j]].handling);
    else
        jk_snprintf(route, sizeof(route), "%.0f km by %s", x->km, s->mode);
    x->why = arena_fmt(w->arena,
                       "%s: transport %.0f + CO2 %.0f yen/t "
                       "(%.1f kg/t), margin %.0f, premium %.0f%s%s%s; %s",
                       route, x->transport, x->co2_cost, x->co2_kg, x->margin,
                       x->premium, *tight ? "; tightest spec: " : "", tight,
                       pool, nb);
    if (!x->why)
        w->oom = true;
}

static void *expl_run(void *arg)
{
    expl_worker *w = arg;
    expl_pass *ep = w->ep;
    for (;;) {
        size_t from = atomic_fetch_add(&ep->next, EXPL_CHUNK), u;
        if (from >= ep->n)
            break;
        for (u = from; u < from + EXPL_CHUNK && u < ep->n && !w->oom; u++)
            explain_alloc(w, u);
    }
    return NULL;
}

/* Explain every allocation on up to 8 threads; each other thread's texts
 * go to an arena the result keeps. */
static int expl_all(expl_pass *ep, int threads)
{
    expl_worker w[8];
    int t, nt = par_threads(threads, ep->n, 8 * EXPL_CHUNK);
    jk_mkt_result *r = ep->c->r;
    int rc = JK_OK;

    atomic_store(&ep->next, 0);
    memset(w, 0, sizeof(w));
    for (t = 0; t < nt; t++) {
        w[t].ep = ep;
        w[t].arena =
            t == 0 ? r->arena : (r->more[t - 1] = jk_arena_new(1 << 16));
        if (!w[t].arena)
            nt = t; /* run on the threads that have one */
    }
    par_run(nt, expl_run, w, sizeof(w[0]));
    for (t = 0; t < nt; t++)
        if (w[t].oom)
            rc = JK_ENOMEM;
    return rc;
}

/* ---- the match ---- */

/* The nearest-neighbour search of every supply, on all cores: each
 * supply's k nearest compatible demands go to its own slots of `all`
 * (count in cnt), which is what the sequential search would find, as
 * a supply's search depends only on the supply. Refusals are logged per
 * thread and replayed in supply order by the caller. */
typedef struct knn_pass {
    ctx *c;
    const mat_grid *mg;
    size_t n_mg;
    const size_t *sidx;
    size_t n_s, k;
    double c2max;
    cand *all;
    size_t *cnt;
    const double *price; /* per listing */
    int64_t *cost;       /* per slot of all: the arc's cost (ARC_FAR when
                            out of range) */
    int threads;         /* jk_mkt_opts.threads */
    atomic_size_t next;  /* the next chunk of supplies */
} knn_pass;

typedef struct knn_worker {
    knn_pass *kp;
    rlog log;
} knn_worker;

#define KNN_CHUNK 64
#define ARC_FAR   INT64_MIN /* a candidate whose cost is out of range */

/* The direct arcs' costs of supply si's candidates kn[0..nh), per
 * tonne: the mode's rate and CO2 factor and the grade premium once per
 * supply, then per arc the same sum as arc_cost(), term by term. */
static void knn_costs(const knn_pass *kp, size_t si, const cand *kn, size_t nh,
                      int64_t *cost)
{
    const ctx *c = kp->c;
    const jk_mkt_opts *o = c->o;
    const jk_mkt_listing *s = &c->m->l[si];
    int mo = mode_of(s->mode);
    double s_rate = o->rate[mo], s_co2 = o->co2[mo];
    double s_premium = grade_premium(c->m, s), s_price = s->price;
    size_t h;
    for (h = 0; h < nh; h++) {
        double km = chord2_km(kn[h].c2) * o->detour;
        double v = km * s_rate + km * s_co2 / 1000.0 * o->carbon_price -
                   (kp->price[kn[h].d] - s_price) - s_premium;
        if (!to_cost(v, &cost[h]))
            cost[h] = ARC_FAR;
    }
}

static void *knn_run(void *arg)
{
    knn_worker *w = arg;
    knn_pass *kp = w->kp;
    for (;;) {
        size_t from = atomic_fetch_add(&kp->next, KNN_CHUNK), i, j;
        if (from >= kp->n_s)
            break;
        for (i = from; i < from + KNN_CHUNK && i < kp->n_s; i++) {
            size_t si = kp->sidx[i], nh = 0;
            char mat[128];
            kp->cnt[i] = 0;
            if (!kp->c->q[si])
                continue;
            jk_strlcpy(mat, kp->c->m->l[si].material, sizeof(mat));
            for (;;) { /* the material and each parent */
                char *dot;
                for (j = 0; j < kp->n_mg; j++)
                    if (strcmp(kp->mg[j].material, mat) == 0)
                        knn(kp->c, &kp->mg[j].g, si, kp->c2max,
                            kp->all + i * kp->k, &nh, kp->k, &w->log, i);
                if (!(dot = strrchr(mat, '.')))
                    break;
                *dot = '\0';
            }
            kp->cnt[i] = nh;
            knn_costs(kp, si, kp->all + i * kp->k, nh, kp->cost + i * kp->k);
        }
    }
    return NULL;
}

static int by_order(const void *a, const void *b)
{
    const rlog_item *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Run the search on up to 8 threads, then replay the refusals. */
static int knn_all(knn_pass *kp, jk_err *err)
{
    knn_worker w[8];
    int t, nt = par_threads(kp->threads, kp->n_s, 4 * KNN_CHUNK);
    size_t total = 0, i, at;
    rlog all;
    int rc = JK_OK;

    atomic_store(&kp->next, 0);
    memset(w, 0, sizeof(w));
    for (t = 0; t < nt; t++)
        w[t].kp = kp;
    par_run(nt, knn_run, w, sizeof(w[0]));
    /* Chunks are taken in order and searched in order, so each thread's
     * log is sorted by supply; a stable merge by supply replays them as
     * the sequential search would have noted them. */
    for (t = 0; t < nt; t++) {
        if (w[t].log.oom)
            rc = JK_ENOMEM;
        total += w[t].log.n;
    }
    memset(&all, 0, sizeof(all));
    if (rc == JK_OK && total) {
        all.v = jk_malloc(total * sizeof(*all.v));
        if (!all.v)
            rc = JK_ENOMEM;
    }
    if (rc == JK_OK && total) {
        rlog_item *tmp = jk_malloc(total * sizeof(*tmp));
        for (t = 0, at = 0; t < nt; t++) {
            memcpy(all.v + at, w[t].log.v, w[t].log.n * sizeof(*all.v));
            at += w[t].log.n;
        }
        if (!tmp) {
            rc = JK_ENOMEM;
        } else {
            /* A stable merge sort by supply: one supply's items come from
             * one thread, in the order it found them. */
            size_t width, lo;
            for (width = 1; width < total; width *= 2) {
                for (lo = 0; lo < total; lo += 2 * width) {
                    size_t mid = lo + width < total ? lo + width : total;
                    size_t hi = lo + 2 * width < total ? lo + 2 * width : total;
                    size_t a = lo, b = mid, x = lo;
                    while (a < mid && b < hi)
                        tmp[x++] = by_order(&all.v[b], &all.v[a]) < 0
                                       ? all.v[b++]
                                       : all.v[a++];
                    while (a < mid)
                        tmp[x++] = all.v[a++];
                    while (b < hi)
                        tmp[x++] = all.v[b++];
                }
                memcpy(all.v, tmp, total * sizeof(*tmp));
            }
            for (i = 0; i < total; i++)
                note_refusal(kp->c, all.v[i].who, all.v[i].other, all.v[i].km,
                             all.v[i].code, all.v[i].msg);
        }
        jk_free(tmp);
    }
    for (t = 0; t < nt; t++) {
        for (i = 0; i < w[t].log.n; i++)
            jk_free(w[t].log.v[i].msg);
        jk_free(w[t].log.v);
    }
    jk_free(all.v);
    if (rc)
        return jk_err_set(err, rc, NULL, "out of memory");
    return JK_OK;
}

int jk_market_match(jk_market *m, const jk_mkt_opts *o, jk_mkt_result **out,
                    jk_err *err)
{
    ctx c;
    jk_mkt_result *r;
    size_t i, j, n = m->n, n_s = 0, n_d = 0, n_mg = 0;
    size_t *sidx = NULL, *didx = NULL;
    mat_grid *mg = NULL;
    knn_pass kp = {0};
    jk_mcf_problem p;
    jk_mcf_result sol;
    int32_t *node = NULL, nodeU, nodeP;
    int32_t *arc_un = NULL; /* per listing: its unplaced/unmet arc */
    int32_t n_cand_arcs = 0, first_cand;
    uint32_t *arc_s = NULL, *arc_d = NULL; /* per candidate arc */
    int32_t *arc_h = NULL; /* its hub, or -1 when direct (NULL: no hubs) */
    size_t hd_cap = 0, n_hd = 0;   /* (hub, demand) nodes */
    int64_t *hd_key = NULL;        /* hash: hub * (n + 1) + demand */
    int32_t *hd_node = NULL;       /* hash: its node */
    int32_t *hd_list = NULL;       /* the hash slots in use */
    size_t *cb = NULL, *ce = NULL; /* per supply: its arcs */
    int32_t *d_best = NULL;        /* per demand left short */
    double *price = NULL;          /* per listing, packed (the arc loop) */
    int64_t *d_best_rc = NULL;     /* its reduced cost */
    jk_mass tot_s = 0, tot_d = 0;
    double c2max, km_max;
    int rc = JK_OK, round;
    char buf[4][64];

    *out = NULL;
    jk_err_clear(err);
    if (o->k < 1 || !(o->max_km > 0 && o->max_km <= 40000) ||
        !(o->detour >= 1 && o->detour <= 10) ||
        !(o->carbon_price >= 0 && o->carbon_price <= 1e9) ||
        !(fabs(o->unmet_penalty) <= 1e12) ||
        !(fabs(o->unplaced_penalty) <= 1e12) ||
        !(o->hub_km >= 0 && o->hub_km <= 40000))
        return jk_err_set(err, JK_EINVAL, "match",
                          "options: k >= 1, max_km and hub_km up to 40000, "
                          "detour 1..10, carbon price 0..1e9, penalties up "
                          "to 1e12");
    for (i = 0; i < 3; i++)
        if (!(o->rate[i] >= 0 && o->rate[i] <= 1e9) ||
            !(o->co2[i] >= 0 && o->co2[i] <= 1e3))
            return jk_err_set(err, JK_EINVAL, "match",
                              "options: rates 0..1e9 yen/t-km, CO2 factors "
                              "0..1000 kg/t-km");
    if (n >= UINT32_MAX)
        return jk_err_set(err, JK_ELIMIT, "match", "too many listings");
    memset(&c, 0, sizeof(c));
    jk_mcf_problem_init(&p);
    memset(&sol, 0, sizeof(sol));
    r = jk_calloc(1, sizeof(*r));
    if (!r)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    r->arena = jk_arena_new(1 << 16);
    r->n_listings = n;
    r->qty = jk_calloc(n + 1, sizeof(jk_mass));
    r->matched = jk_calloc(n + 1, sizeof(jk_mass));
    r->reason = jk_calloc(n + 1, sizeof(char *));
    c.m = m;
    c.o = o;
    c.r = r;
    c.err = err;
    c.p = jk_malloc((n + 1) * sizeof(pt));
    c.q = jk_calloc(n + 1, sizeof(jk_mass));
    c.ref = jk_malloc((n + 1) * sizeof(refusal));
    c.simple = jk_calloc(n + 1, sizeof(bool));
    price = jk_malloc((n + 1) * sizeof(double));
    sidx = jk_malloc((n + 1) * sizeof(size_t));
    didx = jk_malloc((n + 1) * sizeof(size_t));
    node = jk_malloc((n + 1) * sizeof(int32_t));
    arc_un = jk_malloc((n + 1) * sizeof(int32_t));
    if (!r->arena || !r->qty || !r->matched || !r->reason || !c.p || !c.q ||
        !c.ref || !c.simple || !price || !sidx || !didx || !node || !arc_un) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }

    /* Open listings on a yearly basis, less what agreements take. */
    for (i = 0; i < n; i++) {
        const jk_mkt_listing *l = &m->l[i];
        int f = mkt_per_year(l->recurrence);
        c.ref[i].other = SIZE_MAX;
        node[i] = -1;
        arc_un[i] = -1;
        if (strcmp(l->status, "open") != 0)
            continue;
        if (l->grams > INT64_MAX / 16 / f) {
            rc = jk_err_set(err, JK_ERANGE, l->id, "quantity too large");
            goto out;
        }
        c.q[i] = l->grams * f;
        r->qty[i] = c.q[i];
        c.simple[i] = !m->n_dec && !m->n_excl &&
                      strcmp(l->visibility, "public") == 0 && !*l->valid_from &&
                      !*l->valid_to && !*l->jw &&
                      (l->side == JK_MKT_SUPPLY || (!*l->grade && !l->n_props));
        c.p[i] = to_pt(l->lat, l->lon);
        price[i] = l->price;
        if (l->side == JK_MKT_SUPPLY)
            sidx[n_s++] = i;
        else
            didx[n_d++] = i;
    }
    for (i = 0; i < m->n_dec; i++) {
        size_t a = mkt_find(m, m->dec[i].supply);
        size_t b = mkt_find(m, m->dec[i].demand);
        jk_mass g;
        if (m->dec[i].d != JK_MKT_CONFIRMED || a == SIZE_MAX || b == SIZE_MAX)
            continue;
        g = m->dec[i].grams * mkt_per_year(m->l[a].recurrence);
        c.q[a] = c.q[a] > g ? c.q[a] - g : 0;
        c.q[b] = c.q[b] > g ? c.q[b] - g : 0;
    }

    /* One grid per demand material. */
    mg = jk_calloc(n_d + 1, sizeof(mat_grid));
    if (!mg) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    {
        /* group demand indices by material (stable order of first use) */
        size_t *tmp = jk_malloc((n_d + 1) * sizeof(size_t));
        double h;
        if (!tmp) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto out;
        }
        for (i = 0; i < n_d; i++) {
            const char *mat = m->l[didx[i]].material;
            for (j = 0; j < n_mg; j++)
                if (strcmp(mg[j].material, mat) == 0)
                    break;
            if (j == n_mg)
                mg[n_mg++].material = mat;
        }
        for (j = 0; j < n_mg; j++) {
            size_t cnt = 0;
            for (i = 0; i < n_d; i++)
                if (strcmp(m->l[didx[i]].material, mg[j].material) == 0)
                    tmp[cnt++] = didx[i];
            /* About k points per 3x3 block of cells on a country-sized
             * patch (~2000 km = 0.3 on the unit sphere). */
            h = 0.3 * sqrt((double)o->k / 4.0 / (double)(cnt ? cnt : 1));
            if (h < 1e-4)
                h = 1e-4;
            if (h > 0.5)
                h = 0.5;
            if (grid_build(&mg[j].g, c.p, tmp, cnt, h)) {
                jk_free(tmp);
                rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                goto out;
            }
        }
        jk_free(tmp);
    }

    /* Nodes. */
    if ((rc = jk_mcf_reserve(&p, (int32_t)(n_s + n_d + 2),
                             (int32_t)(n_s * (size_t)o->k + n_s + n_d + 1),
                             err)))
        goto out;
    for (i = 0; i < n_s; i++) {
        if ((rc = jk_mcf_add_node(&p, c.q[sidx[i]], &node[sidx[i]], err)))
            goto out;
        if (jk_mass_add(tot_s, c.q[sidx[i]], &tot_s)) {
            rc = jk_err_set(err, JK_ERANGE, "match",
                            "total supply overflows 64-bit grams");
            goto out;
        }
    }
    for (i = 0; i < n_d; i++) {
        if ((rc = jk_mcf_add_node(&p, -c.q[didx[i]], &node[didx[i]], err)))
            goto out;
        if (jk_mass_add(tot_d, c.q[didx[i]], &tot_d)) {
            rc = jk_err_set(err, JK_ERANGE, "match",
                            "total demand overflows 64-bit grams");
            goto out;
        }
    }
    if ((rc = jk_mcf_add_node(&p, tot_d, &nodeU, err)) ||
        (rc = jk_mcf_add_node(&p, -tot_s, &nodeP, err)))
        goto out;

    /* Candidate arcs: the k nearest compatible demands of each supply. */
    km_max = o->max_km / o->detour;
    c2max = 2 * sin(fmin(km_max / EARTH_KM, PI) / 2);
    c2max *= c2max;
    first_cand = p.n_arcs;
    {
        size_t most = n_s * (size_t)o->k * (m->n_hub ? 2 : 1) + 1;
        arc_s = jk_malloc(most * sizeof(uint32_t));
        arc_d = jk_malloc(most * sizeof(uint32_t));
        if (m->n_hub) {
            arc_h = jk_malloc(most * sizeof(int32_t));
            hd_cap = 16;
            while (hd_cap < n_s * (size_t)o->k * 2)
                hd_cap *= 2;
            hd_key = jk_malloc(hd_cap * sizeof(int64_t));
            hd_node = jk_malloc(hd_cap * sizeof(int32_t));
            hd_list = jk_malloc(hd_cap * sizeof(int32_t));
            if (hd_key)
                for (j = 0; j < hd_cap; j++)
                    hd_key[j] = -1;
        }
    }
    if (!arc_s || !arc_d ||
        (m->n_hub && (!arc_h || !hd_key || !hd_node || !hd_list))) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    cb = jk_calloc(n + 1, sizeof(size_t));
    ce = jk_calloc(n + 1, sizeof(size_t));
    if (!cb || !ce) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    /* The nearest-neighbour search of every supply first, on all cores. */
    kp.c = &c;
    kp.mg = mg;
    kp.n_mg = n_mg;
    kp.sidx = sidx;
    kp.n_s = n_s;
    kp.k = (size_t)o->k;
    kp.c2max = c2max;
    kp.threads = o->threads;
    kp.price = price;
    kp.all = jk_malloc((n_s ? n_s : 1) * (size_t)o->k * sizeof(cand));
    kp.cost = jk_malloc((n_s ? n_s : 1) * (size_t)o->k * sizeof(int64_t));
    kp.cnt = jk_malloc((n_s + 1) * sizeof(size_t));
    if (!kp.all || !kp.cost || !kp.cnt) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    if ((rc = knn_all(&kp, err)))
        goto out;
    for (i = 0; i < n_s; i++) {
        size_t si = sidx[i], nh = kp.cnt[i], h;
        const cand *kn = kp.all + i * (size_t)o->k;     /* its candidates */
        const int64_t *kc = kp.cost + i * (size_t)o->k; /* their costs */
        cb[si] = ce[si] = (size_t)n_cand_arcs;
        if (!c.q[si])
            continue;
        for (h = 0; h < nh; h++) {
            size_t di = kn[h].d;
            int64_t cost = kc[h];
            if (!c.q[di])
                continue;
            if (cost == ARC_FAR) {
                rc = jk_err_set(err, JK_ERANGE, m->l[si].id,
                                "cost to %s out of range", m->l[di].id);
                goto out;
            }
            arc_s[n_cand_arcs] = (uint32_t)si;
            arc_d[n_cand_arcs] = (uint32_t)di;
            if (arc_h)
                arc_h[n_cand_arcs] = -1;
            /* Room was reserved for k arcs per supply: write the arc in
             * place (the helper when hub arcs used the room up). */
            if (p.n_arcs < p.arc_cap && !p.lower) {
                p.tail[p.n_arcs] = node[si];
                p.head[p.n_arcs] = node[di];
                p.cap[p.n_arcs] = JK_MCF_INF;
                p.cost[p.n_arcs] = cost;
                p.n_arcs++;
            } else if ((rc = jk_mcf_add_arc(&p, node[si], node[di], 0,
                                            JK_MCF_INF, cost, NULL, err))) {
                goto out;
            }
            n_cand_arcs++;
        }
        /* The same demands through the nearest hub within hub_km: the
         * supply -> (hub, demand) arc carries the first leg and the
         * margins; (hub, demand) -> demand, added below, the second leg
         * and the handling. One node per (hub, demand) keeps each
         * demand's compatibility rules. */
        if (m->n_hub && nh) {
            int32_t best_h = -1;
            double best_c2 = 0, km1;
            size_t hh;
            for (hh = 0; hh < m->n_hub; hh++) {
                double c2 =
                    chord2(c.p[si], to_pt(m->hub[hh].lat, m->hub[hh].lon));
                if (best_h < 0 || c2 < best_c2) {
                    best_h = (int32_t)hh;
                    best_c2 = c2;
                }
            }
            km1 = chord2_km(best_c2) * o->detour;
            for (h = 0; km1 <= o->hub_km && h < nh; h++) {
                size_t di = kn[h].d, slot;
                int64_t key = (int64_t)best_h * (int64_t)(n + 1) + (int64_t)di;
                jk_mkt_alloc a;
                int mo = mode_of(m->l[si].mode);
                if (!c.q[di])
                    continue;
                slot = (size_t)((uint64_t)key * 0x9E3779B97F4A7C15ULL >> 20) &
                       (hd_cap - 1);
                while (hd_key[slot] != -1 && hd_key[slot] != key)
                    slot = (slot + 1) & (hd_cap - 1);
                if (hd_key[slot] == -1) {
                    hd_key[slot] = key;
                    if ((rc = jk_mcf_add_node(&p, 0, &hd_node[slot], err)))
                        goto out;
                    hd_list[n_hd++] = (int32_t)slot;
                }
                arc_cost(&c, &m->l[si], &m->l[di], km1, &a);
                a.transport = km1 * o->rate[mo];
                a.co2_cost = km1 * o->co2[mo] / 1000.0 * o->carbon_price;
                arc_s[n_cand_arcs] = (uint32_t)si;
                arc_d[n_cand_arcs] = (uint32_t)di;
                arc_h[n_cand_arcs] = best_h;
                {
                    int64_t cost;
                    if (!to_cost(a.transport + a.co2_cost - a.margin -
                                     a.premium,
                                 &cost)) {
                        rc = jk_err_set(err, JK_ERANGE, m->l[si].id,
                                        "cost to %s out of range", m->l[di].id);
                        goto out;
                    }
                    if ((rc = jk_mcf_add_arc(&p, node[si], hd_node[slot], 0,
                                             JK_MCF_INF, cost, NULL, err)))
                        goto out;
                }
                n_cand_arcs++;
            }
        }
        ce[si] = (size_t)n_cand_arcs;
    }
    r->n_candidates = (size_t)n_cand_arcs;
    /* Second legs: (hub, demand) -> demand. */
    for (j = 0; j < n_hd; j++) {
        size_t slot = (size_t)hd_list[j];
        size_t hh = (size_t)(hd_key[slot] / (int64_t)(n + 1));
        size_t di = (size_t)(hd_key[slot] % (int64_t)(n + 1));
        const mkt_hub *hb = &m->hub[hh];
        double km2 =
            chord2_km(chord2(to_pt(hb->lat, hb->lon), c.p[di])) * o->detour;
        double cost = km2 * o->rate[hb->mode] +
                      km2 * o->co2[hb->mode] / 1000.0 * o->carbon_price +
                      hb->handling;
        int64_t icost;
        if (!to_cost(cost, &icost)) {
            rc = jk_err_set(err, JK_ERANGE, hb->id, "cost to %s out of range",
                            m->l[di].id);
            goto out;
        }
        if ((rc = jk_mcf_add_arc(&p, hd_node[slot], node[di], 0, JK_MCF_INF,
                                 icost, NULL, err)))
            goto out;
    }
    for (i = 0; i < n_s; i++)
        if ((rc = jk_mcf_add_arc(&p, node[sidx[i]], nodeP, 0, JK_MCF_INF,
                                 (int64_t)nearbyint(o->unplaced_penalty),
                                 &arc_un[sidx[i]], err)))
            goto out;
    for (i = 0; i < n_d; i++)
        if ((rc = jk_mcf_add_arc(&p, nodeU, node[didx[i]], 0, JK_MCF_INF,
                                 (int64_t)nearbyint(o->unmet_penalty),
                                 &arc_un[didx[i]], err)))
            goto out;
    if ((rc = jk_mcf_add_arc(&p, nodeU, nodeP, 0, JK_MCF_INF, 0, NULL, err)))
        goto out;

    /* Minimum lots: a pair that cannot reach its lot at all is closed
     * before solving; then, while some arc carries less than its lot,
     * close at each demand its smallest such arc and solve again (all
     * of them after MAX_LOT_ROUNDS). A heuristic: the exact rule is a
     * MILP (docs/internals/market.md). */
    for (j = 0; j < (size_t)n_cand_arcs; j++) {
        const jk_mkt_listing *s = &m->l[arc_s[j]], *d = &m->l[arc_d[j]];
        jk_mass lot = s->min_lot > d->min_lot ? s->min_lot : d->min_lot;
        jk_mass most =
            c.q[arc_s[j]] < c.q[arc_d[j]] ? c.q[arc_s[j]] : c.q[arc_d[j]];
        if (lot > most) {
            char msg[256];
            p.cap[first_cand + (int32_t)j] = 0;
            jk_snprintf(msg, sizeof(msg),
                        "at most %s t/yr possible, below the minimum lot of "
                        "%s t",
                        fmt_t(most, buf[0], sizeof(buf[0])),
                        fmt_t(lot, buf[1], sizeof(buf[1])));
            note_refusal(&c, arc_s[j], arc_d[j], -1, "lot", msg);
            note_refusal(&c, arc_d[j], arc_s[j], -1, "lot", msg);
        }
    }
    {
        size_t *worst = jk_malloc((n + 1) * sizeof(size_t));
        if (!worst) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto out;
        }
        for (round = 0;; round++) {
            int closed = 0;
            jk_mcf_result_free(&sol);
            if ((rc = jk_mcf_solve(&p, JK_MCF_EQ, &sol, err)) ||
                sol.status != JK_MCF_OPTIMAL) {
                if (!rc)
                    rc = jk_err_set(err, JK_EINTERNAL, "match",
                                    "the flow problem is %s",
                                    jk_mcf_status_name(sol.status));
                jk_free(worst);
                goto out;
            }
            for (i = 0; i < n; i++)
                worst[i] = SIZE_MAX;
            for (j = 0; j < (size_t)n_cand_arcs; j++) {
                int32_t a = first_cand + (int32_t)j;
                const jk_mkt_listing *s = &m->l[arc_s[j]], *d = &m->l[arc_d[j]];
                jk_mass lot = s->min_lot > d->min_lot ? s->min_lot : d->min_lot;
                jk_mass f = sol.flow[a];
                size_t *w = &worst[arc_d[j]];
                if (f <= 0 || f >= lot)
                    continue;
                if (round >= MAX_LOT_ROUNDS) {
                    *w = j; /* close every violator */
                } else if (*w != SIZE_MAX &&
                           sol.flow[first_cand + (int32_t)*w] <= f) {
                    continue;
                }
                if (round >= MAX_LOT_ROUNDS || *w == SIZE_MAX ||
                    sol.flow[first_cand + (int32_t)*w] > f)
                    *w = j;
                if (round >= MAX_LOT_ROUNDS) {
                    char msg[256];
                    p.cap[a] = 0;
                    closed++;
                    jk_snprintf(msg, sizeof(msg),
                                "%s t/yr would be below the minimum lot of "
                                "%s t",
                                fmt_t(f, buf[0], sizeof(buf[0])),
                                fmt_t(lot, buf[1], sizeof(buf[1])));
                    note_refusal(&c, arc_s[j], arc_d[j], -1, "lot", msg);
                    note_refusal(&c, arc_d[j], arc_s[j], -1, "lot", msg);
                    *w = SIZE_MAX;
                }
            }
            for (i = 0; round < MAX_LOT_ROUNDS && i < n; i++) {
                size_t jj = worst[i];
                int32_t a;
                char msg[256];
                jk_mass lot;
                if (jj == SIZE_MAX)
                    continue;
                a = first_cand + (int32_t)jj;
                lot = m->l[arc_s[jj]].min_lot > m->l[arc_d[jj]].min_lot
                          ? m->l[arc_s[jj]].min_lot
                          : m->l[arc_d[jj]].min_lot;
                jk_snprintf(msg, sizeof(msg),
                            "%s t/yr would be below the minimum lot of %s t",
                            fmt_t(sol.flow[a], buf[0], sizeof(buf[0])),
                            fmt_t(lot, buf[1], sizeof(buf[1])));
                p.cap[a] = 0;
                closed++;
                note_refusal(&c, arc_s[jj], arc_d[jj], -1, "lot", msg);
                note_refusal(&c, arc_d[jj], arc_s[jj], -1, "lot", msg);
            }
            if (!closed)
                break;
        }
        jk_free(worst);
    }
    r->total = (double)sol.cost / 1e6;

    /* Allocations with their explanations, on all cores. */
    {
        expl_pass ep;
        memset(&ep, 0, sizeof(ep));
        ep.c = &c;
        ep.p = &p;
        ep.sol = &sol;
        ep.first_cand = first_cand;
        ep.arc_s = arc_s;
        ep.arc_d = arc_d;
        ep.arc_h = arc_h;
        ep.cb = cb;
        ep.ce = ce;
        ep.arc_un = arc_un;
        ep.n_in = jk_calloc(n + 1, sizeof(int32_t)); /* per listing */
        ep.used = jk_malloc(((size_t)n_cand_arcs + 1) * sizeof(int32_t));
        if (!ep.n_in || !ep.used) {
            jk_free(ep.n_in);
            jk_free(ep.used);
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto out;
        }
        for (j = 0; j < (size_t)n_cand_arcs; j++)
            if (sol.flow[first_cand + (int32_t)j] > 0) {
                ep.n_in[arc_s[j]]++;
                ep.n_in[arc_d[j]]++;
                r->matched[arc_s[j]] += sol.flow[first_cand + (int32_t)j];
                r->matched[arc_d[j]] += sol.flow[first_cand + (int32_t)j];
                ep.used[ep.n++] = (int32_t)j;
            }
        r->alloc = jk_calloc(ep.n + 1, sizeof(*r->alloc));
        if (r->alloc) {
            r->cap_alloc = ep.n + 1;
            r->n_alloc = ep.n;
            rc = expl_all(&ep, o->threads);
        }
        jk_free(ep.n_in);
        jk_free(ep.used);
        if (!r->alloc || rc) {
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
            goto out;
        }
    }

    /* Each demand left short: its cheapest open candidate arc by
     * reduced cost (the first in arc order among equals), in one pass
     * over the arcs. */
    d_best = jk_malloc((n + 1) * sizeof(int32_t));
    d_best_rc = jk_malloc((n + 1) * sizeof(int64_t));
    if (!d_best || !d_best_rc) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++)
        d_best[i] = -2; /* not wanted */
    for (i = 0; i < n_d; i++) {
        size_t di = didx[i];
        if (c.q[di] && sol.flow[arc_un[di]] > 0)
            d_best[di] = -1;
    }
    for (j = 0; j < (size_t)n_cand_arcs; j++) {
        size_t di = arc_d[j];
        int32_t a = first_cand + (int32_t)j;
        int64_t rcst;
        if (d_best[di] == -2 || p.cap[a] == 0)
            continue;
        rcst = jk_mcf_reduced_cost(&p, &sol, a);
        if (d_best[di] < 0 || rcst < d_best_rc[di]) {
            d_best[di] = (int32_t)j;
            d_best_rc[di] = rcst;
        }
    }

    /* What is left, and why. */
    for (i = 0; i < n; i++) {
        const jk_mkt_listing *l = &m->l[i];
        jk_mass left;
        int32_t best = -1;
        int64_t best_rc = 0;
        bool is_s = l->side == JK_MKT_SUPPLY;
        const char *code;
        char *why;
        if (node[i] < 0 || !c.q[i])
            continue;
        left = sol.flow[arc_un[i]];
        if (left <= 0)
            continue;
        if (is_s) {
            for (j = cb[i]; j < ce[i]; j++) {
                int32_t a = first_cand + (int32_t)j;
                int64_t rcst;
                if (p.cap[a] == 0)
                    continue;
                rcst = jk_mcf_reduced_cost(&p, &sol, a);
                if (best < 0 || rcst < best_rc) {
                    best = (int32_t)j;
                    best_rc = rcst;
                }
            }
        } else {
            best = d_best[i];
            best_rc = d_best_rc[i];
        }
        if (best >= 0) {
            size_t other = is_s ? arc_d[best] : arc_s[best];
            const jk_mkt_listing *ol = &m->l[other];
            jk_mass other_left = sol.flow[arc_un[other]];
            if (other_left > 0) {
                jk_mkt_alloc x;
                pair_cost(&c, is_s ? i : other, is_s ? other : i,
                          arc_h ? arc_h[best] : -1, &x);
                code = "price";
                why = arena_fmt(
                    r->arena,
                    "best candidate %s (%.0f km) costs %.0f yen/t more than "
                    "no trade: transport %.0f + CO2 %.0f against a margin "
                    "of %.0f and a premium of %.0f yen/t",
                    ol->id, x.km, (double)best_rc, x.transport, x.co2_cost,
                    x.margin, x.premium);
            } else {
                code = "quantity";
                if (best_rc > 0)
                    why = arena_fmt(r->arena,
                                    "quantity short: the compatible %s "
                                    "within reach are %s by cheaper matches "
                                    "(best: %s, +%lld yen/t)",
                                    is_s ? "demands" : "supplies",
                                    is_s ? "met" : "placed", ol->id,
                                    (long long)best_rc);
                else
                    why = arena_fmt(r->arena,
                                    "quantity short: %s, the best compatible "
                                    "%s within reach, is fully %s",
                                    ol->id, is_s ? "demand" : "supply",
                                    is_s ? "met" : "placed");
            }
        } else if (c.ref[i].other != SIZE_MAX) {
            code = c.ref[i].code;
            if (c.ref[i].km >= 0)
                why = arena_fmt(r->arena,
                                "no compatible %s within reach; nearest %s "
                                "(%.0f km) refused: %s",
                                is_s ? "demand" : "supply",
                                m->l[c.ref[i].other].id, c.ref[i].km,
                                c.ref[i].msg ? c.ref[i].msg : "");
            else
                why = arena_fmt(r->arena, "%s with %s: %s",
                                "minimum lot not met", m->l[c.ref[i].other].id,
                                c.ref[i].msg ? c.ref[i].msg : "");
        } else {
            code = "no-candidate";
            why = arena_fmt(r->arena,
                            is_s ? "no open demand for %s (or a parent "
                                   "material) within %.0f km"
                                 : "no open supply of %s (or a finer "
                                   "material) within %.0f km among the %d "
                                   "nearest of each supply",
                            l->material, o->max_km, o->k);
        }
        if ((rc = add_rest(r, i, left, code, why)) != JK_OK) {
            rc = jk_err_set(err, rc, NULL, "out of memory");
            goto out;
        }
    }
    if (o->keep_problem) {
        r->problem = p;
        jk_mcf_problem_init(&p);
    }
    *out = r;
    r = NULL;
out:
    for (j = 0; mg && j < n_mg; j++)
        grid_free(&mg[j].g);
    jk_free(mg);
    jk_mcf_result_free(&sol);
    jk_mcf_problem_free(&p);
    jk_free(c.p);
    jk_free(c.q);
    jk_free(c.ref);
    jk_free(c.simple);
    jk_free(sidx);
    jk_free(didx);
    jk_free(node);
    jk_free(arc_un);
    jk_free(arc_s);
    jk_free(arc_d);
    jk_free(arc_h);
    jk_free(hd_key);
    jk_free(hd_node);
    jk_free(hd_list);
    jk_free(cb);
    jk_free(ce);
    jk_free(d_best);
    jk_free(price);
    jk_free(d_best_rc);
    jk_free(kp.all);
    jk_free(kp.cost);
    jk_free(kp.cnt);
    jk_mkt_result_free(r);
    return rc;
}
