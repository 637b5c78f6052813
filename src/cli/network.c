/*
 * junkan network: hub siting. solve (a plan as a table, CSV or JSON and
 * an SVG map), compare (scenarios side by side against the baseline),
 * frontier (the cost-CO2 trade-off), bench-instance (a CFLP benchmark
 * file from the literature, or its LP file for other solvers).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <junkan/network.h>

#include "cli/cli.h"

#define MAX_SETS 32

typedef struct net_args {
    const char *input; /* model directory or benchmark file */
    const char *out;   /* table / CSV / JSON output file */
    const char *svg;   /* map */
    const char *lang;  /* ja | en */
    const char *scen;  /* scenarios.csv */
    const char *write_lp;
    const char *sets[MAX_SETS]; /* key=value */
    int nsets;
    jk_net_opts o;
    jk_net_format fmt;
    double capacity;
    jk_net_frontier_method method;
    int points;
    double price_max;
} net_args;

static int num_arg(const char *cmd, const char *o, const char *v, double *out)
{
    if (jk_parse_double(v, out) || !isfinite(*out) || *out < 0)
        return cli_usage(cmd, "%s: expected a non-negative number, got \"%s\"",
                         o, v);
    return EXIT_OK;
}

static int parse(const char *cmd, int argc, char **argv, net_args *a)
{
    int i, rc;
    memset(a, 0, sizeof(*a));
    jk_net_opts_init(&a->o);
    a->lang = "en";
    a->method = JK_NET_WEIGHTED;
    a->points = 6;
    for (i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-') {
            if (a->input)
                return cli_usage(cmd, "one input at a time");
            a->input = o;
            continue;
        }
        if (strcmp(o, "--single-source") == 0) {
            a->o.single_source = true;
            continue;
        }
        if (strcmp(o, "--no-lagrange") == 0) {
            a->o.lagrange = false;
            continue;
        }
        if (!v)
            return cli_usage(cmd, "%s needs a value", o);
        i++;
        if (strcmp(o, "--out") == 0) {
            a->out = v;
        } else if (strcmp(o, "--svg") == 0) {
            a->svg = v;
        } else if (strcmp(o, "--lang") == 0) {
            if (strcmp(v, "ja") != 0 && strcmp(v, "en") != 0)
                return cli_usage(cmd, "--lang is ja or en, not \"%s\"", v);
            a->lang = v;
        } else if (strcmp(o, "--set") == 0) {
            if (!strchr(v, '=') || a->nsets >= MAX_SETS)
                return cli_usage(cmd, "--set takes KEY=VALUE (at most %d)",
                                 MAX_SETS);
            a->sets[a->nsets++] = v;
        } else if (strcmp(o, "--time-limit") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->o.time_limit)))
                return rc;
        } else if (strcmp(o, "--scenarios") == 0) {
            a->scen = v;
        } else if (strcmp(o, "--method") == 0) {
            if (strcmp(v, "weighted") == 0)
                a->method = JK_NET_WEIGHTED;
            else if (strcmp(v, "epsilon") == 0)
                a->method = JK_NET_EPSILON;
            else
                return cli_usage(cmd,
                                 "--method is weighted or epsilon, not "
                                 "\"%s\"",
                                 v);
        } else if (strcmp(o, "--points") == 0) {
            double p;
            if ((rc = num_arg(cmd, o, v, &p)))
                return rc;
            if (p != floor(p) || p < 2 || p > 50)
                return cli_usage(cmd, "--points is 2 to 50, not \"%s\"", v);
            a->points = (int)p;
        } else if (strcmp(o, "--price-max") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->price_max)))
                return rc;
        } else if (strcmp(o, "--format-in") == 0) {
            if (jk_net_format_parse(v, &a->fmt))
                return cli_usage(cmd,
                                 "--format-in is auto, orlib, ss or "
                                 "delmaire, not \"%s\"",
                                 v);
        } else if (strcmp(o, "--capacity") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->capacity)))
                return rc;
        } else if (strcmp(o, "--write-lp") == 0) {
            a->write_lp = v;
        } else {
            return cli_usage(cmd, "unknown option %s", o);
        }
    }
    if (!a->input)
        return cli_usage(cmd, "give a model directory (or, for "
                              "bench-instance, a benchmark file)");
    return EXIT_OK;
}

static int apply_sets(cli *c, jk_net_model *m, const net_args *a)
{
    int i;
    for (i = 0; i < a->nsets; i++) {
        char key[128];
        const char *eq = strchr(a->sets[i], '=');
        jk_err err;
        jk_snprintf(key, sizeof(key), "%.*s", (int)(eq - a->sets[i]),
                    a->sets[i]);
        if (jk_net_model_set(m, key, eq + 1, &err)) {
            jk_strlcpy(err.where, "--set", sizeof(err.where));
            return cli_fail(c, &err);
        }
    }
    return EXIT_OK;
}

static const char *money(double v, char *buf, size_t cap)
{
    jk_snprintf(buf, cap, "%.0f", v);
    return buf;
}

/* The plan: summary, hubs and flows tables (or JSON). */
static int print_plan(cli *c, const jk_net_plan *p, FILE *out)
{
    table *t[3];
    size_t i;
    int k, rc = EXIT_OK;
    char b[64];
    jk_err err;

    if (c->format == FMT_JSON)
        return jk_net_plan_write_json(p, out, &err) ? cli_fail(c, &err)
                                                    : EXIT_OK;
    t[0] = table_new("Hub plan");
    t[1] = table_new("Hubs");
    t[2] = table_new("Flows");
    if (!t[0] || !t[1] || !t[2]) {
        rc = EXIT_FAIL;
        goto done;
    }
    table_col(t[0], "item", COL_TEXT);
    table_col(t[0], "value", COL_NUM);
#define ROW(name, ...)                                                         \
    do {                                                                       \
        table_row(t[0]);                                                       \
        table_set(t[0], 0, name);                                              \
        table_setf(t[0], 1, __VA_ARGS__);                                      \
    } while (0)
    ROW("status", "%s", jk_net_status_name(p->status));
    ROW("objective", "%.2f", p->objective);
    ROW("gap", "%.6f", p->gap);
    ROW("cost_total", "%s", money(p->cost_total, b, sizeof(b)));
    ROW("cost_hubs", "%s", money(p->cost_hubs, b, sizeof(b)));
    ROW("cost_transport", "%s", money(p->cost_transport, b, sizeof(b)));
    ROW("cost_handling", "%s", money(p->cost_handling, b, sizeof(b)));
    ROW("co2_t", "%.3f", p->co2_t);
    ROW("tonnes_domestic", "%.1f", p->tonnes_domestic);
    ROW("tonnes_abroad", "%.1f", p->tonnes_abroad);
    ROW("hubs_open", "%d", p->hubs_open);
#undef ROW
    table_col(t[1], "hub", COL_TEXT);
    table_col(t[1], "open", COL_TEXT);
    table_col(t[1], "size", COL_TEXT);
    table_col(t[1], "capacity_t", COL_NUM);
    table_col(t[1], "throughput_t", COL_NUM);
    table_col(t[1], "cost", COL_NUM);
    for (i = 0; i < p->nhubs; i++) {
        const jk_net_hub_plan *h = &p->hubs[i];
        table_row(t[1]);
        table_set(t[1], 0, h->id);
        table_set(t[1], 1, h->open ? "yes" : "no");
        table_set(t[1], 2, h->size);
        table_setf(t[1], 3, "%.1f", h->capacity);
        table_setf(t[1], 4, "%.1f", h->throughput);
        table_setf(t[1], 5, "%.0f", h->cost);
    }
    table_col(t[2], "from", COL_TEXT);
    table_col(t[2], "to", COL_TEXT);
    table_col(t[2], "material", COL_TEXT);
    table_col(t[2], "period", COL_TEXT);
    table_col(t[2], "mode", COL_TEXT);
    table_col(t[2], "tonnes", COL_NUM);
    table_col(t[2], "km", COL_NUM);
    table_col(t[2], "cost", COL_NUM);
    table_col(t[2], "co2_t", COL_NUM);
    for (i = 0; i < p->nflows; i++) {
        const jk_net_flow *f = &p->flows[i];
        table_row(t[2]);
        table_set(t[2], 0, f->from);
        table_set(t[2], 1, f->to);
        table_set(t[2], 2, f->material);
        table_set(t[2], 3, f->period);
        table_set(t[2], 4, f->mode);
        table_setf(t[2], 5, "%.1f", f->tonnes);
        table_setf(t[2], 6, "%.1f", f->km);
        table_setf(t[2], 7, "%.0f", f->cost);
        table_setf(t[2], 8, "%.4f", f->co2_t);
    }
    for (k = 0; k < 3 && rc == EXIT_OK; k++) {
        if (k && c->format == FMT_TABLE)
            fputc('\n', out);
        if (c->format == FMT_CSV && k)
            break; /* CSV: the flows alone, one table per file */
        rc = table_print(c->format == FMT_CSV ? t[2] : t[k], c->format, out)
                 ? EXIT_FAIL
                 : EXIT_OK;
    }
done:
    for (k = 0; k < 3; k++)
        table_free(t[k]);
    return rc;
}

static int write_svg(cli *c, const jk_net_model *m, const jk_net_plan *p,
                     const char *path, const char *lang)
{
    FILE *fp = cli_open_out(path);
    jk_err err;
    int rc;
    if (!fp)
        return EXIT_FAIL;
    rc = jk_net_plan_write_svg(m, p, lang, fp, &err);
    if (rc) {
        cli_close_out(fp);
        return cli_fail(c, &err);
    }
    return cli_close_out(fp);
}

static int solve_cmd(cli *c, const net_args *a)
{
    jk_net_model *m = NULL;
    jk_net_plan *p = NULL;
    jk_err err;
    FILE *out;
    int rc;

    if (jk_net_model_load(a->input, &m, &err))
        return cli_fail(c, &err);
    if ((rc = apply_sets(c, m, a)))
        goto done;
    if (jk_net_model_solve(m, &a->o, &p, &err)) {
        rc = cli_fail(c, &err);
        goto done;
    }
    out = cli_open_out(a->out);
    if (!out) {
        rc = EXIT_FAIL;
        goto done;
    }
    rc = print_plan(c, p, out);
    if (cli_close_out(out) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    if (rc == EXIT_OK && a->svg)
        rc = write_svg(c, m, p, a->svg, a->lang);
    if (rc == EXIT_OK && p->status != JK_NET_OPTIMAL && !c->quiet)
        fprintf(stderr,
                "junkan: stopped at the time limit: %s, gap %.4f%% "
                "(bound %.2f)\n",
                jk_net_status_name(p->status), p->gap * 100, p->bound);
done:
    jk_net_plan_free(p);
    jk_net_model_free(m);
    return rc;
}

/* Print t in the chosen format to path (stdout when NULL): an exit code. */
static int print_to(const cli *c, const table *t, const char *path)
{
    FILE *out = cli_open_out(path);
    int rc;
    if (!out)
        return EXIT_FAIL;
    rc = table_print(t, c->format, out) ? EXIT_FAIL : EXIT_OK;
    if (cli_close_out(out) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    return rc;
}

/* ---- compare ---- */

typedef struct scen {
    char name[64];
    char keys[16][64];
    char vals[16][128];
    int n;
    long line;
} scen;

typedef struct scen_list {
    scen s[32];
    int n;
    const char *path;
    jk_err *err;
} scen_list;

static int scen_row(void *ctx, const jk_csv_row *r)
{
    scen_list *l = ctx;
    const char *name = jk_csv_get(r, "scenario"), *key = jk_csv_get(r, "key");
    char where[600];
    scen *s = NULL;
    int i;
    jk_snprintf(where, sizeof(where), "%s:%ld", l->path, jk_csv_line(r));
    if (!*name || !*key)
        return jk_err_set(l->err, JK_EPARSE, where, "%s: missing value",
                          *name ? "key" : "scenario");
    for (i = 0; i < l->n; i++)
        if (strcmp(l->s[i].name, name) == 0)
            s = &l->s[i];
    if (!s) {
        if (l->n >= 32)
            return jk_err_set(l->err, JK_ELIMIT, where,
                              "scenario: at most 32 scenarios");
        s = &l->s[l->n++];
        memset(s, 0, sizeof(*s));
        jk_strlcpy(s->name, name, sizeof(s->name));
        s->line = jk_csv_line(r);
    }
    if (s->n >= 16)
        return jk_err_set(l->err, JK_ELIMIT, where,
                          "key: at most 16 changes per scenario");
    jk_strlcpy(s->keys[s->n], key, sizeof(s->keys[0]));
    jk_strlcpy(s->vals[s->n], jk_csv_get(r, "value"), sizeof(s->vals[0]));
    s->n++;
    return JK_OK;
}

/* Differences that round to zero print as +0, not -0. */
static double nz(double v, double half)
{
    return fabs(v) < half ? 0.0 : v;
}

static void hub_names(const jk_net_plan *p, char *buf, size_t cap)
{
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; i < p->nhubs && n < cap; i++)
        if (p->hubs[i].open)
            n += (size_t)jk_snprintf(buf + n, cap - n, "%s%s", n ? ";" : "",
                                     p->hubs[i].id);
}

static int compare_cmd(cli *c, const net_args *a)
{
    scen_list *l = jk_calloc(1, sizeof(*l));
    char path[4096], hubs[512];
    table *t = NULL;
    jk_err err;
    double base_cost = 0, base_co2 = 0;
    int i, k, rc = EXIT_OK;

    if (!l)
        return EXIT_FAIL;
    if (a->scen)
        jk_strlcpy(path, a->scen, sizeof(path));
    else
        jk_snprintf(path, sizeof(path), "%s/scenarios.csv", a->input);
    l->path = path;
    l->err = &err;
    jk_err_clear(&err);
    if (jk_csv_read(path, scen_row, l, true, &err)) {
        rc = cli_fail(c, &err);
        goto done;
    }
    t = table_new("Scenarios");
    table_col(t, "scenario", COL_TEXT);
    table_col(t, "status", COL_TEXT);
    table_col(t, "cost", COL_NUM);
    table_col(t, "co2_t", COL_NUM);
    table_col(t, "tonnes_domestic", COL_NUM);
    table_col(t, "tonnes_abroad", COL_NUM);
    table_col(t, "hubs_open", COL_NUM);
    table_col(t, "d_cost", COL_NUM);
    table_col(t, "d_co2_t", COL_NUM);
    table_col(t, "hubs", COL_TEXT);
    for (i = -1; i < l->n && rc == EXIT_OK; i++) {
        jk_net_model *m = NULL;
        jk_net_plan *p = NULL;
        const char *name = i < 0 ? "baseline" : l->s[i].name;
        if (jk_net_model_load(a->input, &m, &err)) {
            rc = cli_fail(c, &err);
            break;
        }
        rc = apply_sets(c, m, a);
        for (k = 0; i >= 0 && k < l->s[i].n && rc == EXIT_OK; k++)
            if (jk_net_model_set(m, l->s[i].keys[k], l->s[i].vals[k], &err)) {
                char msg[JK_ERR_MSG];
                jk_strlcpy(msg, err.msg, sizeof(msg));
                jk_snprintf(err.where, sizeof(err.where), "%s (scenario %s)",
                            path, name);
                jk_strlcpy(err.msg, msg, sizeof(err.msg));
                rc = cli_fail(c, &err);
            }
        if (rc == EXIT_OK) {
            table_row(t);
            table_set(t, 0, name);
            if (jk_net_model_solve(m, &a->o, &p, &err)) {
                if (err.code != JK_ECONSTRAINT) {
                    rc = cli_fail(c, &err);
                } else {
                    table_set(t, 1, "infeasible");
                    table_set(t, 9, err.msg + strlen("infeasible: "));
                    if (i < 0) {
                        rc = cli_fail(c, &err);
                    }
                }
            } else {
                table_set(t, 1, jk_net_status_name(p->status));
                table_setf(t, 2, "%.0f", p->cost_total);
                table_setf(t, 3, "%.3f", p->co2_t);
                table_setf(t, 4, "%.1f", p->tonnes_domestic);
                table_setf(t, 5, "%.1f", p->tonnes_abroad);
                table_setf(t, 6, "%d", p->hubs_open);
                if (i < 0) {
                    base_cost = p->cost_total;
                    base_co2 = p->co2_t;
                }
                table_setf(t, 7, "%+.0f", nz(p->cost_total - base_cost, 0.5));
                table_setf(t, 8, "%+.3f", nz(p->co2_t - base_co2, 5e-4));
                hub_names(p, hubs, sizeof(hubs));
                table_set(t, 9, hubs);
            }
        }
        jk_net_plan_free(p);
        jk_net_model_free(m);
    }
    if (rc == EXIT_OK)
        rc = print_to(c, t, a->out);
done:
    table_free(t);
    jk_free(l);
    return rc;
}

/* ---- frontier ---- */

static int frontier_cmd(cli *c, const net_args *a)
{
    jk_net_model *m = NULL;
    jk_net_point *pt = NULL;
    size_t n = 0, i;
    table *t = NULL;
    jk_err err;
    int rc;

    if (jk_net_model_load(a->input, &m, &err))
        return cli_fail(c, &err);
    if ((rc = apply_sets(c, m, a)))
        goto done;
    if (jk_net_model_frontier(m, &a->o, a->method, a->points, a->price_max, &pt,
                              &n, &err)) {
        rc = cli_fail(c, &err);
        goto done;
    }
    t = table_new(a->method == JK_NET_WEIGHTED
                      ? "Cost-CO2 trade-off (weighted sums)"
                      : "Cost-CO2 trade-off (epsilon-constraint)");
    table_col(t, "point", COL_NUM);
    table_col(t, a->method == JK_NET_WEIGHTED ? "carbon_price" : "co2_cap_t",
              COL_NUM);
    table_col(t, "cost", COL_NUM);
    table_col(t, "co2_t", COL_NUM);
    table_col(t, "hubs", COL_TEXT);
    for (i = 0; i < n; i++) {
        table_row(t);
        table_setf(t, 0, "%zu", i + 1);
        if (a->method == JK_NET_WEIGHTED)
            table_setf(t, 1, "%.0f", pt[i].weight);
        else
            table_setf(t, 1, "%.3f", pt[i].co2_cap);
        table_setf(t, 2, "%.0f", pt[i].cost);
        table_setf(t, 3, "%.3f", pt[i].co2_t);
        table_set(t, 4, pt[i].hubs);
    }
    rc = print_to(c, t, a->out);
done:
    table_free(t);
    jk_free(pt);
    jk_net_model_free(m);
    return rc;
}

/* ---- bench-instance ---- */

static int bench_cmd(cli *c, const net_args *a)
{
    jk_net_cflp *p = NULL;
    jk_net_solution *s = NULL;
    table *t = NULL;
    jk_err err;
    FILE *out;
    int rc = EXIT_OK;

    if (jk_net_cflp_read(a->input, a->fmt, a->capacity, &p, &err))
        return cli_fail(c, &err);
    if (a->write_lp) {
        out = cli_open_out(a->write_lp);
        if (!out) {
            jk_net_cflp_free(p);
            return EXIT_FAIL;
        }
        if (jk_net_cflp_write_lp(p, a->o.single_source, out, &err))
            rc = cli_fail(c, &err);
        if (cli_close_out(out) && rc == EXIT_OK)
            rc = EXIT_FAIL;
        jk_net_cflp_free(p);
        return rc;
    }
    if (jk_net_cflp_solve(p, &a->o, &s, &err)) {
        rc = cli_fail(c, &err);
        goto done;
    }
    t = table_new("CFLP instance");
    table_col(t, "instance", COL_TEXT);
    table_col(t, "m", COL_NUM);
    table_col(t, "n", COL_NUM);
    table_col(t, "status", COL_TEXT);
    table_col(t, "objective", COL_NUM);
    table_col(t, "bound", COL_NUM);
    table_col(t, "gap", COL_NUM);
    table_col(t, "lagrange_bound", COL_NUM);
    table_col(t, "heuristic", COL_NUM);
    table_col(t, "open", COL_NUM);
    table_col(t, "seconds", COL_NUM);
    table_row(t);
    table_set(t, 0, p->name);
    table_setf(t, 1, "%d", p->m);
    table_setf(t, 2, "%d", p->n);
    table_set(t, 3, jk_net_status_name(s->status));
    table_setf(t, 4, "%.3f", s->objective);
    table_setf(t, 5, "%.3f", s->bound);
    table_setf(t, 6, "%.6f", s->gap);
    table_setf(t, 7, "%.3f", s->lagrange_bound);
    table_setf(t, 8, "%.3f", s->heuristic);
    {
        int i, k = 0;
        for (i = 0; i < p->m; i++)
            k += s->open[i];
        table_setf(t, 9, "%d", k);
    }
    table_setf(t, 10, "%.2f", s->seconds);
    rc = print_to(c, t, a->out);
done:
    table_free(t);
    jk_net_solution_free(s);
    jk_net_cflp_free(p);
    return rc;
}

int cmd_network(cli *c, int argc, char **argv)
{
    net_args a;
    int rc;
    if (argc < 2)
        return cli_usage("network", "network what? (solve, compare, "
                                    "frontier, bench-instance)");
    if (strcmp(argv[1], "solve") != 0 && strcmp(argv[1], "compare") != 0 &&
        strcmp(argv[1], "frontier") != 0 &&
        strcmp(argv[1], "bench-instance") != 0)
        return cli_usage("network", "unknown network command \"%s\"", argv[1]);
    if ((rc = parse("network", argc, argv, &a)))
        return rc;
    if (strcmp(argv[1], "solve") == 0)
        return solve_cmd(c, &a);
    if (strcmp(argv[1], "compare") == 0)
        return compare_cmd(c, &a);
    if (strcmp(argv[1], "frontier") == 0)
        return frontier_cmd(c, &a);
    return bench_cmd(c, &a);
}

/* ---- demo ---- */

int demo_network(cli *c, const char *data, const char *outdir)
{
    char dir[4096], path[4096];
    jk_net_model *m = NULL;
    jk_net_plan *p = NULL;
    jk_err err;
    FILE *fp;
    int rc = EXIT_OK;
    static const char *const langs[] = {"ja", "en"};
    size_t i;

    jk_snprintf(dir, sizeof(dir), "%s/network", data);
    if (jk_net_model_load(dir, &m, &err))
        return cli_fail(c, &err);
    if (jk_net_model_solve(m, NULL, &p, &err)) {
        jk_net_model_free(m);
        return cli_fail(c, &err);
    }
    if (c->format == FMT_TABLE) {
        printf("\nHub network (%s): %d hubs open, cost %.0f, CO2 %.1f t, "
               "%.0f t kept in Japan, %.0f t abroad\n",
               dir, p->hubs_open, p->cost_total, p->co2_t, p->tonnes_domestic,
               p->tonnes_abroad);
        fflush(stdout);
    }
    jk_snprintf(path, sizeof(path), "%s/network-plan.json", outdir);
    fp = cli_open_out(path);
    if (!fp) {
        rc = EXIT_FAIL;
        goto done;
    }
    if (jk_net_plan_write_json(p, fp, &err))
        rc = cli_fail(c, &err);
    if (cli_close_out(fp) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    for (i = 0; i < 2 && rc == EXIT_OK; i++) {
        jk_snprintf(path, sizeof(path), "%s/network-map-%s.svg", outdir,
                    langs[i]);
        rc = write_svg(c, m, p, path, langs[i]);
    }
done:
    jk_net_plan_free(p);
    jk_net_model_free(m);
    return rc;
}
