/*
 * The hub network over HTTP: the plan of the model in DATA/network
 * (serve --data DATA), with scenario changes from the query (the keys of
 * jk_net_model_set), as JSON or as the SVG map, and the cost-CO2
 * trade-off. Public: the model is a planning data set, not a company's
 * records. Each request loads and solves the model (a few milliseconds
 * for a regional model) under a time limit.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <junkan/network.h>

#include "server/srv_int.h"

static const char *const set_keys[] = {
    "carbon_price",  "max_hubs",      "budget",        "co2_cap_t",
    "single_source", "demand_growth", "supply_growth", "close_hub",
    "open_hub",      "free_hub",      "export_ban"};

/* Load DATA/network and apply the query's scenario keys; NULL after
 * answering. */
static jk_net_model *model_of(srv_req *r)
{
    char dir[4096];
    jk_net_model *m = NULL;
    jk_err err;
    size_t i;

    if (!r->o->data_dir) {
        srv_error(r, 404, "not_configured", NULL,
                  "no hub model: start the server with --data DIR "
                  "(DIR/network)");
        return NULL;
    }
    jk_snprintf(dir, sizeof(dir), "%s/network", r->o->data_dir);
    if (jk_net_model_load(dir, &m, &err)) {
        if (err.code == JK_EIO)
            srv_error(r, 404, "not_configured", NULL,
                      "no hub model in the data directory");
        else /* the server's files, not the client's fault */
            srv_error(r, 500, "internal", NULL, "hub model: %s", err.msg);
        return NULL;
    }
    for (i = 0; i < sizeof(set_keys) / sizeof(set_keys[0]); i++) {
        const char *v = srv_query(r, set_keys[i]);
        if (v && jk_net_model_set(m, set_keys[i], v, &err)) {
            srv_error(r, 400, "bad_parameter", set_keys[i], "%s", err.msg);
            jk_net_model_free(m);
            return NULL;
        }
    }
    return m;
}

typedef struct plan_ctx {
    jk_net_model *m;
    jk_net_plan *p;
    const char *lang;
    bool svg;
} plan_ctx;

static int print_plan(void *ctx, FILE *fp, jk_err *err)
{
    plan_ctx *c = ctx;
    return c->svg ? jk_net_plan_write_svg(c->m, c->p, c->lang, fp, err)
                  : jk_net_plan_write_json(c->p, fp, err);
}

static int h_plan(srv_req *r)
{
    const char *format = srv_query(r, "format"), *lang = srv_query(r, "lang");
    plan_ctx c;
    jk_net_opts o;
    jk_err err;

    if (format && strcmp(format, "json") != 0 && strcmp(format, "svg") != 0)
        return srv_error(r, 400, "bad_parameter", "format",
                         "format is json or svg");
    if (lang && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
        return srv_error(r, 400, "bad_parameter", "lang", "lang is ja or en");
    memset(&c, 0, sizeof(c));
    c.svg = format && strcmp(format, "svg") == 0;
    c.lang = lang ? lang : "en";
    if (!(c.m = model_of(r)))
        return 0;
    jk_net_opts_init(&o);
    o.time_limit = 20;
    if (jk_net_model_solve(c.m, &o, &c.p, &err)) {
        jk_net_model_free(c.m);
        if (err.code == JK_ECONSTRAINT) /* infeasible under the scenario */
            return srv_error(r, 422, "infeasible", NULL, "%s", err.msg);
        return srv_fail(r, &err);
    }
    srv_capture(r, c.svg ? "image/svg+xml" : "application/json", print_plan,
                &c);
    jk_net_plan_free(c.p);
    jk_net_model_free(c.m);
    return 0;
}

static int h_frontier(srv_req *r)
{
    const char *method = srv_query(r, "method"), *pts = srv_query(r, "points");
    jk_net_frontier_method fm = JK_NET_WEIGHTED;
    jk_net_model *m;
    jk_net_point *p = NULL;
    jk_net_opts o;
    int64_t np = 5;
    size_t n = 0, i;
    json_t *items;
    jk_err err;

    if (method && strcmp(method, "epsilon") == 0)
        fm = JK_NET_EPSILON;
    else if (method && strcmp(method, "weighted") != 0)
        return srv_error(r, 400, "bad_parameter", "method",
                         "method is weighted or epsilon");
    if (pts && (jk_parse_i64(pts, &np) || np < 2 || np > 20))
        return srv_error(r, 400, "bad_parameter", "points",
                         "points is an integer from 2 to 20");
    if (!(m = model_of(r)))
        return 0;
    jk_net_opts_init(&o);
    o.time_limit = 20;
    if (jk_net_model_frontier(m, &o, fm, (int)np, 0, &p, &n, &err)) {
        jk_net_model_free(m);
        return srv_fail(r, &err);
    }
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            items,
            json_pack(
                "{s:o, s:o, s:f, s:f, s:s}", "carbon_price",
                isfinite(p[i].weight) ? json_real(p[i].weight) : json_null(),
                "co2_cap_t",
                isfinite(p[i].co2_cap) ? json_real(p[i].co2_cap) : json_null(),
                "cost", p[i].cost, "co2_t", p[i].co2_t, "hubs", p[i].hubs));
    jk_free(p);
    jk_net_model_free(m);
    return srv_json(r, 200,
                    json_pack("{s:s, s:o}", "method",
                              fm == JK_NET_EPSILON ? "epsilon" : "weighted",
                              "items", items));
}

#define SET_KEYS                                                               \
    "carbon_price,max_hubs,budget,co2_cap_t,single_source,demand_growth,"      \
    "supply_growth,close_hub,open_hub,free_hub,export_ban"

static const srv_route routes[] = {
    {"GET", "/api/v1/network/plans", h_plan, JK_ROLE_PUBLIC, "network",
     "The hub plan of the served model (DATA/network) under the query's "
     "scenario, as JSON or the SVG map",
     "format,lang," SET_KEYS, "application/json"},
    {"GET", "/api/v1/network/frontier", h_frontier, JK_ROLE_PUBLIC, "network",
     "The cost-CO2 trade-off of the served model", "method,points," SET_KEYS,
     "application/json"},
};

const srv_table srv_network_routes = {routes,
                                      sizeof(routes) / sizeof(routes[0])};
