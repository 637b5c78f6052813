/*
 * An indicators data set from the flows of a store: what entered and
 * left one organisation's sites in one period.
 */
#include <string.h>

#include "indicators/ind_int.h"

typedef struct from_ctx {
    jk_ind_data *d;
    const char *org;
    char node[80]; /* "org:ID" */
    char **sites;  /* "site:ID" of the organisation */
    size_t n_sites, cap_sites;
    jk_period period;
    jk_err *err;
    int rc;
    jk_ind_company company;
    bool found;
} from_ctx;

static int on_org(void *ctx, const jk_org *o)
{
    from_ctx *f = ctx;
    if (strcmp(o->id, f->org) != 0)
        return 0;
    f->found = true;
    f->company.id = o->id;
    f->company.name = o->name;
    f->rc = jk_ind_set_company(f->d, &f->company, f->err);
    return f->rc ? 1 : 0;
}

static int on_site(void *ctx, const jk_site *s)
{
    from_ctx *f = ctx;
    char buf[80], *c;
    if (strcmp(s->org, f->org) != 0)
        return 0;
    if (f->n_sites == f->cap_sites) {
        size_t cap = f->cap_sites ? f->cap_sites * 2 : 16;
        char **p = jk_realloc(f->sites, cap * sizeof(*p));
        if (!p)
            return JK_ENOMEM;
        f->sites = p;
        f->cap_sites = cap;
    }
    jk_snprintf(buf, sizeof(buf), "site:%s", s->id);
    if (!(c = jk_strdup(buf)))
        return JK_ENOMEM;
    f->sites[f->n_sites++] = c;
    return 0;
}

/* Secondary materials in the taxonomy: scrap, cullet, recycled pellets,
 * black mass, and recovered paper (the "paper" family). */
static bool secondary(const char *code)
{
    static const char *const segs[] = {".scrap", ".cullet", ".pellet",
                                       ".black_mass"};
    size_t i;
    if (strncmp(code, "paper", 5) == 0 && (code[5] == 0 || code[5] == '.'))
        return true;
    for (i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
        const char *p = strstr(code, segs[i]);
        size_t n = strlen(segs[i]);
        if (p && (p[n] == 0 || p[n] == '.'))
            return true;
    }
    return false;
}

static bool ours(const from_ctx *f, const char *node)
{
    size_t i;
    if (strcmp(node, f->node) == 0)
        return true;
    for (i = 0; i < f->n_sites; i++)
        if (strcmp(node, f->sites[i]) == 0)
            return true;
    return false;
}

static int on_flow(void *ctx, const jk_flow *fl)
{
    from_ctx *f = ctx;
    bool in = ours(f, fl->to), out = ours(f, fl->from);
    if (in == out || memcmp(&fl->period, &f->period, sizeof(jk_period)) != 0)
        return 0;
    if (in) {
        jk_ind_inflow x;
        memset(&x, 0, sizeof(x));
        x.material = fl->material;
        x.mass = fl->mass;
        if (strcmp(fl->route, "reuse") == 0)
            x.reused = 1;
        else if (strcmp(fl->route, "recycling") == 0 ||
                 strcmp(fl->route, "chemical_recycling") == 0 ||
                 secondary(fl->material))
            x.recycled = 1;
        f->rc = jk_ind_add_inflow(f->d, &x, f->err);
    } else {
        jk_ind_outflow y;
        ind_fate fate = ind_route_fate(fl->route);
        memset(&y, 0, sizeof(y));
        y.stream = fl->label;
        y.material = fl->material;
        y.mass = fl->mass;
        if (fate == FATE_NONE) {
            y.kind = JK_OUT_PRODUCT;
            y.route = "unknown";
        } else {
            y.kind = JK_OUT_WASTE;
            y.route = fl->route;
            y.recovery_potential = ind_fate_circular(fate) ? 1 : 0;
        }
        y.recyclable = y.recovery_potential;
        f->rc = jk_ind_add_outflow(f->d, &y, f->err);
    }
    return f->rc ? 1 : 0;
}

int jk_ind_from_store(jk_store *s, const char *org, const char *period,
                      jk_ind_data **out, jk_err *err)
{
    from_ctx f;
    size_t i;
    int rc;

    *out = NULL;
    memset(&f, 0, sizeof(f));
    f.org = org;
    f.err = err;
    jk_ind_company_init(&f.company);
    f.company.period = period;
    jk_snprintf(f.node, sizeof(f.node), "org:%s", org);
    if ((rc = jk_period_parse(period, &f.period, err)))
        return jk_err_set(err, rc, "period", "%s", err->msg);
    if (!(f.d = jk_ind_data_new()))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = jk_store_each_org(s, on_org, &f, err);
    if (f.rc)
        rc = f.rc;
    if (rc == JK_OK && !f.found)
        rc = jk_err_set(err, JK_ENOTFOUND, "org",
                        "no organisation \"%s\" in the store", org);
    if (rc == JK_OK) {
        rc = jk_store_each_site(s, on_site, &f, err);
        if (rc == JK_ENOMEM)
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    if (rc == JK_OK) {
        rc = jk_store_each_flow(s, on_flow, &f, err);
        if (f.rc)
            rc = f.rc;
    }
    if (rc == JK_OK) {
        char src[256];
        jk_snprintf(src, sizeof(src), "store: flows of %s in %s", org, period);
        rc = jk_ind_set_source(f.d, src, err);
    }
    for (i = 0; i < f.n_sites; i++)
        jk_free(f.sites[i]);
    jk_free(f.sites);
    if (rc) {
        jk_ind_data_free(f.d);
        return rc;
    }
    *out = f.d;
    return JK_OK;
}
