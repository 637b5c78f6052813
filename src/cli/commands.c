/*
 * The junkan commands: init, import, export, show, check, demo.
 * Each parses its arguments, calls the library, and prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef JK_DEFAULT_DATA_DIR
#define JK_DEFAULT_DATA_DIR "data"
#endif

int cmd_init(cli *c, int argc, char **argv)
{
    jk_store *s = NULL;
    int64_t n = 0;
    int rc;
    jk_err err;

    (void)argv;
    if (argc > 1)
        return cli_usage("init", "init takes no arguments");
    rc = cli_open(c, true, &s);
    if (rc)
        return rc;
    jk_store_count(s, JK_ENT_MATERIAL, &n, &err);
    if (!c->quiet)
        fprintf(stderr, "junkan: %s is ready (schema %d, %lld materials)\n",
                c->db, jk_store_schema_latest(), (long long)n);
    jk_store_close(s);
    return EXIT_OK;
}

/* ---- progress bar on a terminal ---- */

typedef struct progress {
    bool on;      /* standard error is a terminal and not --quiet */
    bool drawn;   /* something is on the line */
    time_t start; /* when the import began */
} progress;

static void draw(void *ctx, const char *file, uint64_t done, uint64_t total)
{
    progress *p = ctx;
    char bar[31];
    int fill, i;
    const char *base = strrchr(file, '/');

    if (!p->on || total < (4u << 20))
        return; /* small files finish before a bar helps */
    fill = total ? (int)(done * 30 / total) : 0;
    for (i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : ' ';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %3d%% %.1f/%.1f MB %s", bar,
            total ? (int)(done * 100 / total) : 0, (double)done / 1e6,
            (double)total / 1e6, base ? base + 1 : file);
    p->drawn = true;
}

static void print_stats(const cli *c, const jk_import_stats *st, double secs)
{
    int k;
    bool first = true;
    if (c->quiet)
        return;
    fprintf(stderr, "junkan: imported");
    for (k = JK_KIND_REGIONS; k < JK_KIND_COUNT; k++) {
        if (!st->rows[k])
            continue;
        fprintf(stderr, "%s %lld %s", first ? "" : ",", (long long)st->rows[k],
                jk_kind_name((jk_kind)k));
        first = false;
    }
    if (first)
        fprintf(stderr, " nothing (the files have no rows)");
    if (st->processes)
        fprintf(stderr, " (%lld new process nodes)", (long long)st->processes);
    if (st->unchanged)
        fprintf(stderr, "; %lld identical records were already there",
                (long long)st->unchanged);
    fprintf(stderr, " in %.2f s\n", secs);
}

static double now_secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int import_paths(cli *c, jk_store *s, const char *const *paths, size_t n,
                        jk_kind kind, const char *owner)
{
    jk_import_opts o;
    jk_import_stats st;
    progress p = {false, false, 0};
    jk_err err;
    double t0 = now_secs();
    int rc;

    jk_import_opts_init(&o);
    o.kind = kind;
    o.owner = owner;
    p.on = !c->quiet && isatty(2);
    o.progress = draw;
    o.progress_ctx = &p;
    rc = jk_import_files(s, paths, n, &o, &st, &err);
    if (p.drawn)
        fputc('\n', stderr);
    if (rc) {
        int code = cli_fail(c, &err);
        if (code == EXIT_INPUT && !c->quiet)
            fprintf(stderr, "junkan: nothing was imported\n");
        return code;
    }
    print_stats(c, &st, now_secs() - t0);
    return EXIT_OK;
}

int cmd_import(cli *c, int argc, char **argv)
{
    jk_kind kind = JK_KIND_AUTO;
    const char *owner = NULL;
    const char **paths;
    jk_store *s = NULL;
    size_t n = 0;
    int i, rc;

    paths = jk_calloc((size_t)argc, sizeof(*paths));
    if (!paths)
        return EXIT_FAIL;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--kind") == 0) {
            if (i + 1 >= argc || jk_kind_parse(argv[i + 1], &kind) != JK_OK ||
                kind == JK_KIND_AUTO) {
                jk_free(paths);
                return cli_usage("import",
                                 "--kind needs materials, organisations, "
                                 "sites or flows");
            }
            i++;
        } else if (strcmp(argv[i], "--owner") == 0) {
            if (i + 1 >= argc || !*argv[i + 1]) {
                jk_free(paths);
                return cli_usage("import", "--owner needs an organisation id");
            }
            owner = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            jk_free(paths);
            return cli_usage("import", "unknown option \"%s\"", argv[i]);
        } else {
            paths[n++] = argv[i];
        }
    }
    if (n == 0) {
        jk_free(paths);
        return cli_usage("import", "name the files or directories to import");
    }
    /* Name a missing file before a store is created for nothing. */
    for (i = 0; i < (int)n; i++) {
        if (access(paths[i], R_OK) != 0) {
            fprintf(stderr, "junkan: %s: cannot read: %s\n", paths[i],
                    strerror(errno));
            jk_free(paths);
            return EXIT_FAIL;
        }
    }
    rc = cli_open(c, true, &s);
    if (rc == EXIT_OK)
        rc = import_paths(c, s, paths, n, kind, owner);
    jk_store_close(s);
    jk_free(paths);
    return rc;
}

int cmd_export(cli *c, int argc, char **argv)
{
    const char *out_path = NULL, *what = NULL;
    jk_export_opts eo = {NULL};
    jk_kind kind = JK_KIND_AUTO;
    jk_store *s = NULL;
    FILE *out = stdout;
    jk_err err;
    int i, rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else if (strcmp(argv[i], "--unit") == 0 && i + 1 < argc) {
            eo.unit = jk_unit_find(argv[++i]);
            if (!eo.unit)
                return cli_usage("export",
                                 "unknown unit \"%s\"; use g, kg, t, kt, "
                                 "Mt or 万t",
                                 argv[i]);
        } else if (argv[i][0] == '-') {
            return cli_usage("export", "unknown option or missing value: %s",
                             argv[i]);
        } else if (!what) {
            what = argv[i];
        } else {
            return cli_usage("export", "export one kind at a time");
        }
    }
    if (!what)
        return cli_usage("export", "name what to export (materials, "
                                   "organisations, sites, flows, all)");
    if (strcmp(what, "all") != 0 &&
        (jk_kind_parse(what, &kind) != JK_OK || kind == JK_KIND_AUTO))
        return cli_usage("export",
                         "cannot export \"%s\"; choose materials, "
                         "organisations, sites, flows, routes, regions or all",
                         what);
    rc = cli_open(c, false, &s);
    if (rc)
        return rc;
    if (out_path && !(out = fopen(out_path, "w"))) {
        fprintf(stderr, "junkan: %s: cannot write: %s\n", out_path,
                strerror(errno));
        jk_store_close(s);
        return EXIT_FAIL;
    }
    if (kind == JK_KIND_AUTO || c->format == FMT_JSON)
        rc = jk_export_json(s,
                            kind == JK_KIND_AUTO ? (1u << JK_KIND_MATERIALS) |
                                                       (1u << JK_KIND_ORGS) |
                                                       (1u << JK_KIND_SITES) |
                                                       (1u << JK_KIND_FLOWS)
                                                 : 1u << kind,
                            out, &eo, &err);
    else
        rc = jk_export_csv(s, kind, out, &eo, &err);
    if (out != stdout && fclose(out) != 0 && rc == JK_OK)
        rc = jk_err_set(&err, JK_EIO, out_path, "write failed");
    jk_store_close(s);
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- summary ---- */

typedef struct sum_ctx {
    table *t;
    int c_kind, c_what, c_n;
    const char *what;
} sum_ctx;

static int add_count(table *t, const char *what, const char *kind, int64_t n)
{
    if (table_row(t) || table_set(t, 0, what) || table_set(t, 1, kind) ||
        table_setf(t, 2, "%lld", (long long)n))
        return JK_ENOMEM;
    return JK_OK;
}

static int on_kind(void *ctx, const char *kind, int64_t n)
{
    sum_ctx *sc = ctx;
    return add_count(sc->t, sc->what, kind, n);
}

/* Exact tonnes with thousands grouping: "2,109,000,000", "95.5". */
static const char *tonnes(jk_mass m, char *buf, size_t cap)
{
    char raw[64];
    const char *p = raw, *dot;
    size_t digits, i, o = 0;

    jk_mass_exact(m, jk_unit_find("t"), raw, sizeof(raw));
    if (*p == '-' && o + 1 < cap)
        buf[o++] = *p++;
    dot = strchr(p, '.');
    digits = dot ? (size_t)(dot - p) : strlen(p);
    for (i = 0; i < digits && o + 2 < cap; i++) {
        if (i && (digits - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = p[i];
    }
    buf[o] = '\0';
    if (dot)
        jk_strlcpy(buf + o, dot, cap - o);
    return buf;
}

typedef struct tot_ctx {
    table *t;
    bool exact; /* csv/json: exact tonnes without grouping */
    char material[JK_ID_MAX + 1];
    jk_mass material_total;
    int rc;
} tot_ctx;

static int on_total(void *ctx, const jk_flow_total *ft)
{
    tot_ctx *tc = ctx;
    char mass[64];
    if (tc->exact)
        jk_mass_exact(ft->mass, jk_unit_find("t"), mass, sizeof(mass));
    else
        tonnes(ft->mass, mass, sizeof(mass));
    if (table_row(tc->t) || table_set(tc->t, 0, ft->material) ||
        table_set(tc->t, 1, *ft->route ? ft->route : "-") ||
        table_set(tc->t, 2, ft->period) ||
        table_setf(tc->t, 3, "%lld", (long long)ft->flows) ||
        table_set(tc->t, 4, mass))
        return JK_ENOMEM;
    return JK_OK;
}

/* Recovery against disposal per material and period, from the kinds
 * of the routes (routes.csv): the first reading of how circular a
 * material's end of life is. */
typedef struct treat_row {
    char material[JK_ID_MAX + 1];
    char period[32];
    jk_mass recovered, disposed;
} treat_row;

typedef struct treat_ctx {
    jk_arena *a;
    char (*recovery)[JK_ID_MAX + 1]; /* route codes of kind recovery */
    char (*disposal)[JK_ID_MAX + 1]; /* route codes of kind disposal */
    size_t nrec, ndis;
    treat_row *rows;
    size_t n, cap;
    int rc;
} treat_ctx;

static int on_route_kind(void *ctx, const jk_route *r)
{
    treat_ctx *tc = ctx;
    bool rec = strcmp(r->kind, "recovery") == 0;
    if (!rec && strcmp(r->kind, "disposal") != 0)
        return JK_OK;
    if (rec && tc->nrec < 64)
        jk_strlcpy(tc->recovery[tc->nrec++], r->code, JK_ID_MAX + 1);
    else if (!rec && tc->ndis < 64)
        jk_strlcpy(tc->disposal[tc->ndis++], r->code, JK_ID_MAX + 1);
    return JK_OK;
}

static bool in_list(char (*list)[JK_ID_MAX + 1], size_t n, const char *code)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(list[i], code) == 0)
            return true;
    return false;
}

static int on_treat_total(void *ctx, const jk_flow_total *ft)
{
    treat_ctx *tc = ctx;
    bool rec = in_list(tc->recovery, tc->nrec, ft->route);
    bool dis = in_list(tc->disposal, tc->ndis, ft->route);
    treat_row *r;

    if (!rec && !dis)
        return JK_OK;
    r = tc->n ? &tc->rows[tc->n - 1] : NULL;
    if (!r || strcmp(r->material, ft->material) != 0 ||
        strcmp(r->period, ft->period) != 0) {
        if (tc->n == tc->cap) {
            size_t cap = tc->cap ? tc->cap * 2 : 32;
            treat_row *v = jk_realloc(tc->rows, cap * sizeof(*v));
            if (!v)
                return JK_ENOMEM;
            tc->rows = v;
            tc->cap = cap;
        }
        r = &tc->rows[tc->n++];
        memset(r, 0, sizeof(*r));
        jk_strlcpy(r->material, ft->material, sizeof(r->material));
        jk_strlcpy(r->period, ft->period, sizeof(r->period));
    }
    if (jk_mass_add(rec ? r->recovered : r->disposed, ft->mass,
                    rec ? &r->recovered : &r->disposed))
        return JK_ERANGE;
    return JK_OK;
}

static int treatment_table(jk_store *s, table *t, bool exact, jk_err *err)
{
    treat_ctx tc;
    size_t i;
    int rc;

    memset(&tc, 0, sizeof(tc));
    tc.recovery = jk_calloc(64, JK_ID_MAX + 1);
    tc.disposal = jk_calloc(64, JK_ID_MAX + 1);
    rc = tc.recovery && tc.disposal ? JK_OK : JK_ENOMEM;
    if (rc == JK_OK)
        rc = jk_store_each_route(s, on_route_kind, &tc, err);
    if (rc == JK_OK)
        rc = jk_store_flow_totals(s, on_treat_total, &tc, err);
    for (i = 0; rc == JK_OK && i < tc.n; i++) {
        treat_row *r = &tc.rows[i];
        jk_mass all = r->recovered + r->disposed;
        char a[64], b[64];
        if (exact) {
            jk_mass_exact(r->recovered, jk_unit_find("t"), a, sizeof(a));
            jk_mass_exact(r->disposed, jk_unit_find("t"), b, sizeof(b));
        } else {
            tonnes(r->recovered, a, sizeof(a));
            tonnes(r->disposed, b, sizeof(b));
        }
        if (table_row(t) || table_set(t, 0, r->material) ||
            table_set(t, 1, r->period) || table_set(t, 2, a) ||
            table_set(t, 3, b) ||
            table_setf(t, 4, "%.1f",
                       all ? 100.0 * (double)r->recovered / (double)all : 0.0))
            rc = JK_ENOMEM;
    }
    jk_free(tc.rows);
    jk_free(tc.recovery);
    jk_free(tc.disposal);
    return rc;
}

int cli_summary_tables(jk_store *s, bool exact, table *tabs[3], jk_err *err)
{
    static const jk_entity plain[] = {JK_ENT_MATERIAL, JK_ENT_REGION,
                                      JK_ENT_ROUTE, JK_ENT_PROCESS,
                                      JK_ENT_FLOW};
    table *counts = table_new("Contents");
    table *flows = table_new("Flows by material, route and period");
    table *treat = table_new("End of life: recovered against disposed "
                             "(route kinds recovery and disposal)");
    sum_ctx sc;
    tot_ctx tc;
    size_t i;
    int rc = JK_ENOMEM;

    if (!counts || !flows || !treat)
        goto out;
    table_col(counts, "what", COL_TEXT);
    table_col(counts, "kind", COL_TEXT);
    table_col(counts, "count", COL_NUM);
    memset(&sc, 0, sizeof(sc));
    sc.t = counts;
    for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
        int64_t n = 0;
        if ((rc = jk_store_count(s, plain[i], &n, err)))
            goto out;
        if ((rc = add_count(counts, jk_entity_name(plain[i]), "all", n)))
            goto out;
        if (plain[i] == JK_ENT_MATERIAL) {
            sc.what = "organisation";
            if ((rc = jk_store_count_by_kind(s, JK_ENT_ORG, on_kind, &sc, err)))
                goto out;
            sc.what = "site";
            if ((rc =
                     jk_store_count_by_kind(s, JK_ENT_SITE, on_kind, &sc, err)))
                goto out;
        }
    }
    table_col(flows, "material", COL_TEXT);
    table_col(flows, "route", COL_TEXT);
    table_col(flows, "period", COL_TEXT);
    table_col(flows, "flows", COL_NUM);
    table_col(flows, "mass_t", COL_NUM);
    memset(&tc, 0, sizeof(tc));
    tc.t = flows;
    tc.exact = exact;
    if ((rc = jk_store_flow_totals(s, on_total, &tc, err)))
        goto out;
    table_col(treat, "material", COL_TEXT);
    table_col(treat, "period", COL_TEXT);
    table_col(treat, "recovered_t", COL_NUM);
    table_col(treat, "disposed_t", COL_NUM);
    table_col(treat, "recovered_pct", COL_NUM);
    if ((rc = treatment_table(s, treat, exact, err)))
        goto out;
    rc = JK_OK;
out:
    if (rc == JK_ENOMEM)
        jk_err_set(err, rc, NULL, "out of memory");
    if (rc) {
        table_free(counts);
        table_free(flows);
        table_free(treat);
        counts = flows = treat = NULL;
    }
    tabs[0] = counts;
    tabs[1] = flows;
    tabs[2] = treat;
    return rc;
}

int cli_summary(cli *c, jk_store *s, cli_format f, FILE *out)
{
    static const char *const keys[3] = {"contents", "flows", "end_of_life"};
    table *tabs[3];
    jk_err err;
    int i, rc = cli_summary_tables(s, f != FMT_TABLE, tabs, &err);

    if (rc)
        return cli_fail(c, &err);
    if (f == FMT_JSON)
        fputs("{", out);
    for (i = 0; rc == JK_OK && i < 3; i++) {
        if (f == FMT_JSON)
            fprintf(out, "%s\"%s\": ", i ? ", " : "", keys[i]);
        else if (f == FMT_CSV)
            fprintf(out, "# %s\n", keys[i]);
        else if (i)
            fputc('\n', out);
        rc = table_print(tabs[i], f, out);
    }
    if (f == FMT_JSON)
        fputs("}\n", out);
    for (i = 0; i < 3; i++)
        table_free(tabs[i]);
    if (rc) {
        jk_err_set(&err, rc, NULL, "cannot write the summary");
        return cli_fail(c, &err);
    }
    return EXIT_OK;
}

/* ---- show lists ---- */

static int row_material(void *ctx, const jk_material *m)
{
    table *t = ctx;
    if (table_row(t) || table_set(t, 0, m->code) ||
        table_set(t, 1, m->name_ja) || table_set(t, 2, m->name_en) ||
        table_set(t, 3, m->hs) || table_set(t, 4, m->ewc))
        return JK_ENOMEM;
    return JK_OK;
}

static int row_region(void *ctx, const jk_region *r)
{
    table *t = ctx;
    if (table_row(t) || table_set(t, 0, r->code) || table_set(t, 1, r->kind) ||
        table_set(t, 2, r->lg_code) || table_set(t, 3, r->name_ja) ||
        table_set(t, 4, r->name_en))
        return JK_ENOMEM;
    return JK_OK;
}

static int row_route(void *ctx, const jk_route *r)
{
    table *t = ctx;
    if (table_row(t) || table_set(t, 0, r->code) || table_set(t, 1, r->kind) ||
        table_set(t, 2, r->name_ja) || table_set(t, 3, r->name_en))
        return JK_ENOMEM;
    return JK_OK;
}

static int row_org(void *ctx, const jk_org *o)
{
    table *t = ctx;
    if (table_row(t) || table_set(t, 0, o->id) ||
        table_set(t, 1, jk_org_kind_name(o->kind)) ||
        table_set(t, 2, o->name) || table_set(t, 3, o->name_en) ||
        table_set(t, 4, o->region) || table_set(t, 5, o->lg_code) ||
        table_set(t, 6, o->corporate_number))
        return JK_ENOMEM;
    return JK_OK;
}

static int row_site(void *ctx, const jk_site *s)
{
    table *t = ctx;
    char lat[32] = "", lon[32] = "";
    if (s->has_coord) {
        jk_snprintf(lat, sizeof(lat), "%.4f", s->lat);
        jk_snprintf(lon, sizeof(lon), "%.4f", s->lon);
    }
    if (table_row(t) || table_set(t, 0, s->id) || table_set(t, 1, s->org) ||
        table_set(t, 2, jk_site_kind_name(s->kind)) ||
        table_set(t, 3, s->name) || table_set(t, 4, s->region) ||
        table_set(t, 5, lat) || table_set(t, 6, lon) ||
        table_setf(t, 7, "%zu", s->n_capacities))
        return JK_ENOMEM;
    return JK_OK;
}

static int row_flow(void *ctx, const jk_flow *f)
{
    table *t = ctx;
    char mass[64], period[32];
    jk_mass_exact(f->mass, jk_unit_find("t"), mass, sizeof(mass));
    jk_period_format(&f->period, period, sizeof(period));
    if (table_row(t) || table_set(t, 0, f->from) || table_set(t, 1, f->to) ||
        table_set(t, 2, f->material) || table_set(t, 3, mass) ||
        table_set(t, 4, period) || table_set(t, 5, f->route) ||
        table_set(t, 6, f->label))
        return JK_ENOMEM;
    return JK_OK;
}

static void cols(table *t, const char *const *names, const col_type *types,
                 int n)
{
    int i;
    for (i = 0; i < n; i++)
        table_col(t, names[i], types ? types[i] : COL_TEXT);
}

int cmd_show(cli *c, int argc, char **argv)
{
    jk_store *s = NULL;
    table *t = NULL;
    const char *what;
    jk_err err;
    int rc;

    if (argc != 2)
        return cli_usage("show", argc < 2 ? "show what? (summary, materials, "
                                            "regions, routes, organisations, "
                                            "sites, flows)"
                                          : "show one thing at a time");
    what = argv[1];
    rc = cli_open(c, false, &s);
    if (rc)
        return rc;
    jk_err_clear(&err);
    if (strcmp(what, "summary") == 0) {
        rc = cli_summary(c, s, c->format, stdout);
        jk_store_close(s);
        return rc;
    }
    t = table_new(NULL);
    if (!t) {
        jk_store_close(s);
        return EXIT_FAIL;
    }
    if (strcmp(what, "materials") == 0) {
        static const char *const n[] = {"code", "name_ja", "name_en", "hs",
                                        "ewc"};
        cols(t, n, NULL, 5);
        rc = jk_store_each_material(s, row_material, t, &err);
    } else if (strcmp(what, "regions") == 0) {
        static const char *const n[] = {"code", "kind", "lg_code", "name_ja",
                                        "name_en"};
        cols(t, n, NULL, 5);
        rc = jk_store_each_region(s, row_region, t, &err);
    } else if (strcmp(what, "routes") == 0) {
        static const char *const n[] = {"code", "kind", "name_ja", "name_en"};
        cols(t, n, NULL, 4);
        rc = jk_store_each_route(s, row_route, t, &err);
    } else if (strcmp(what, "organisations") == 0 ||
               strcmp(what, "orgs") == 0) {
        static const char *const n[] = {"id",
                                        "kind",
                                        "name",
                                        "name_en",
                                        "region",
                                        "lg_code",
                                        "corporate_number"};
        cols(t, n, NULL, 7);
        rc = jk_store_each_org(s, row_org, t, &err);
    } else if (strcmp(what, "sites") == 0) {
        static const char *const n[] = {"id",     "org", "kind", "name",
                                        "region", "lat", "lon",  "capacities"};
        static const col_type ty[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
                                      COL_TEXT, COL_NUM,  COL_NUM,  COL_NUM};
        cols(t, n, ty, 8);
        rc = jk_store_each_site(s, row_site, t, &err);
    } else if (strcmp(what, "flows") == 0) {
        static const char *const n[] = {"from",   "to",    "material", "mass_t",
                                        "period", "route", "label"};
        static const col_type ty[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_NUM,
                                      COL_TEXT, COL_TEXT, COL_TEXT};
        cols(t, n, ty, 7);
        rc = jk_store_each_flow(s, row_flow, t, &err);
    } else {
        table_free(t);
        jk_store_close(s);
        return cli_usage("show", "cannot show \"%s\"", what);
    }
    if (rc == JK_ENOMEM)
        jk_err_set(&err, rc, NULL, "out of memory");
    if (rc == JK_OK)
        rc = table_print(t, c->format, stdout);
    table_free(t);
    jk_store_close(s);
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- check ---- */

typedef struct bal_ctx {
    table *t;
    bool exact;
} bal_ctx;

static int row_balance(void *ctx, const jk_balance *b)
{
    bal_ctx *bc = ctx;
    table *t = bc->t;
    char in[64], out[64], diff[64];
    const jk_unit *tu = jk_unit_find("t");

    if (b->status == JK_BAL_SOURCE || b->status == JK_BAL_SINK)
        return JK_OK;
    if (bc->exact) {
        jk_mass_exact(b->in, tu, in, sizeof(in));
        jk_mass_exact(b->out, tu, out, sizeof(out));
        jk_mass_exact(b->diff, tu, diff, sizeof(diff));
    } else {
        tonnes(b->in, in, sizeof(in));
        tonnes(b->out, out, sizeof(out));
        tonnes(b->diff, diff, sizeof(diff));
    }
    if (table_row(t) || table_set(t, 0, b->node) ||
        table_set(t, 1, b->material) || table_set(t, 2, b->period) ||
        table_set(t, 3, in) || table_set(t, 4, out) || table_set(t, 5, diff) ||
        table_setf(t, 6, "%.3f", b->rel * 100.0) ||
        table_set(t, 7, jk_balance_status_name(b->status)))
        return JK_ENOMEM;
    return JK_OK;
}

int cli_balances(cli *c, jk_store *s, double tol, cli_format f, FILE *out,
                 int64_t *n_bad)
{
    static const char *const n[] = {"node",  "material", "period",   "in_t",
                                    "out_t", "diff_t",   "diff_pct", "status"};
    static const col_type ty[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_NUM,
                                  COL_NUM,  COL_NUM,  COL_NUM,  COL_TEXT};
    bal_ctx bc;
    jk_err err;
    int rc;

    bc.t = table_new("Mass balance of processes (in - out)");
    bc.exact = f != FMT_TABLE;
    if (!bc.t)
        return EXIT_FAIL;
    cols(bc.t, n, ty, 8);
    rc = jk_check_balances(s, tol, row_balance, &bc, n_bad, &err);
    if (rc == JK_ENOMEM)
        jk_err_set(&err, rc, NULL, "out of memory");
    if (rc == JK_OK)
        rc = table_print(bc.t, f, out);
    table_free(bc.t);
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int parse_tolerance(const char *s, double *tol)
{
    double pct;
    if (jk_parse_double(s, &pct) != JK_OK || pct < 0 || pct > 100)
        return cli_usage("check",
                         "--tolerance takes a percentage between 0 and 100, "
                         "not \"%s\"",
                         s);
    *tol = pct / 100.0;
    return EXIT_OK;
}

int cmd_check(cli *c, int argc, char **argv)
{
    double tol = 0.001;
    jk_store *s = NULL;
    int64_t bad = 0;
    int i, rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tolerance") == 0) {
            if (i + 1 >= argc)
                return cli_usage("check", "--tolerance needs a percentage");
            if ((rc = parse_tolerance(argv[++i], &tol)))
                return rc;
        } else {
            return cli_usage("check", "unknown argument \"%s\"", argv[i]);
        }
    }
    rc = cli_open(c, false, &s);
    if (rc)
        return rc;
    rc = cli_balances(c, s, tol, c->format, stdout, &bad);
    jk_store_close(s);
    if (rc)
        return rc;
    if (bad) {
        if (!c->quiet)
            fprintf(stderr, "junkan: %lld balance(s) off by more than %.3g%%\n",
                    (long long)bad, tol * 100.0);
        return EXIT_CHECK;
    }
    return EXIT_OK;
}

/* ---- demo: the main job ---- */

static FILE *create_file(const char *dir, const char *name, char *path,
                         size_t cap)
{
    FILE *fp;
    jk_snprintf(path, cap, "%s/%s", dir, name);
    fp = fopen(path, "w");
    if (!fp)
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
    return fp;
}

static int write_outputs(cli *c, jk_store *s, const char *dir)
{
    char path[4096];
    int64_t bad = 0;
    jk_err err;
    FILE *fp;
    int rc;

    {
        static const char *const files[3] = {
            "contents.csv", "flows-by-route.csv", "end-of-life.csv"};
        table *tabs[3];
        int i;
        if ((rc = cli_summary_tables(s, true, tabs, &err)))
            return cli_fail(c, &err);
        for (i = 0; rc == EXIT_OK && i < 3; i++) {
            if (!(fp = create_file(dir, files[i], path, sizeof(path)))) {
                rc = EXIT_FAIL;
                break;
            }
            if (table_print(tabs[i], FMT_CSV, fp) != JK_OK)
                rc = EXIT_FAIL;
            if (fclose(fp) != 0)
                rc = EXIT_FAIL;
        }
        for (i = 0; i < 3; i++)
            table_free(tabs[i]);
    }
    if (rc == EXIT_OK &&
        (fp = create_file(dir, "summary.json", path, sizeof(path)))) {
        rc = cli_summary(c, s, FMT_JSON, fp);
        fclose(fp);
    } else if (rc == EXIT_OK) {
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK &&
        (fp = create_file(dir, "balances.csv", path, sizeof(path)))) {
        rc = cli_balances(c, s, 0.001, FMT_CSV, fp, &bad);
        fclose(fp);
    } else if (rc == EXIT_OK) {
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK &&
        (fp = create_file(dir, "demo-export.json", path, sizeof(path)))) {
        rc = jk_export_json(s,
                            (1u << JK_KIND_ORGS) | (1u << JK_KIND_SITES) |
                                (1u << JK_KIND_FLOWS),
                            fp, NULL, &err);
        fclose(fp);
        if (rc)
            rc = cli_fail(c, &err);
    } else if (rc == EXIT_OK) {
        rc = EXIT_FAIL;
    }
    return rc;
}

/*
 * The MFA part of the demo: reconcile the national flow, report the
 * Fundamental Plan indicators against their targets, and draw both
 * published systems as Sankey diagrams.
 */
static int demo_mfa(cli *c, jk_store *s, const char *outdir)
{
    static const struct {
        const char *material, *period, *file, *lang, *title;
    } sankeys[] = {{"all", "FY2006", "japan-fy2006.svg", "ja",
                    "日本の物質フロー (環境省, FY2006)"},
                   {"plastic", "2017", "plastics-2017.svg", "en",
                    "Treatment of plastic waste in Japan (PWMI, 2017)"}};
    jk_mfa_system *sys = NULL, *rec = NULL;
    jk_mfa_result *r = NULL;
    jk_jp_params jp;
    char path[4096];
    jk_err err;
    size_t i;
    int rc;

    if (jk_mfa_from_store(s, "all", "FY2006", 0.02, &sys, &err) ||
        jk_mfa_reconcile(sys, NULL, &r, &err))
        return cli_fail(c, &err);
    if (c->format == FMT_TABLE)
        printf("\nJapan FY2006, reconciled (measured flows at 2%% sd):\n");
    rc = cli_mfa_report(c, r, c->format, stdout);
    rec = jk_mfa_apply(sys, r);
    if (rc == EXIT_OK && !rec)
        rc = EXIT_FAIL;
    /* The indicators on the published figures, as the ministry computes
     * them (the reconciled flows differ by the 2 Mt rounding gap). */
    jk_jp_params_init(&jp);
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        putchar('\n');
    if (rc == EXIT_OK)
        rc = cli_mfa_indicators(c, sys, &jp, c->format, stdout);
    jk_mfa_result_free(r);
    jk_mfa_free(rec);
    jk_mfa_free(sys);
    for (i = 0; rc == EXIT_OK && i < 2; i++) {
        sys = NULL;
        if (jk_mfa_from_store(s, sankeys[i].material, sankeys[i].period, 0.02,
                              &sys, &err))
            return cli_fail(c, &err);
        jk_snprintf(path, sizeof(path), "%s/%s", outdir, sankeys[i].file);
        {
            jk_mfa_info info = *jk_mfa_get_info(sys);
            info.name = sankeys[i].title; /* names period and material */
            info.material = "";
            info.period = "";
            if (jk_mfa_set_info(sys, &info, &err)) {
                jk_mfa_free(sys);
                return cli_fail(c, &err);
            }
        }
        rc = cli_mfa_sankey(c, sys, sankeys[i].lang, path);
        jk_mfa_free(sys);
    }
    return rc;
}

int cmd_demo(cli *c, int argc, char **argv)
{
    const char *data = JK_DEFAULT_DATA_DIR "/demo", *outdir = "out";
    char db[4096];
    const char *paths[1];
    jk_store *s = NULL;
    int64_t bad = 0;
    cli dc = *c;
    int i, rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            outdir = argv[++i];
        else
            return cli_usage("demo", "unknown argument \"%s\"", argv[i]);
    }
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "junkan: %s: cannot create: %s\n", outdir,
                strerror(errno));
        return EXIT_FAIL;
    }
    jk_snprintf(db, sizeof(db), "%s/demo.db", outdir);
    /* A fresh store each run: the demo is reproducible. */
    unlink(db);
    jk_snprintf(db + strlen(db), sizeof(db) - strlen(db), "-wal");
    unlink(db);
    db[strlen(db) - 4] = '\0';
    jk_snprintf(db + strlen(db), sizeof(db) - strlen(db), "-shm");
    unlink(db);
    db[strlen(db) - 4] = '\0';
    dc.db = db;
    rc = cli_open(&dc, true, &s);
    if (rc)
        return rc;
    paths[0] = data;
    printf("junkan demo: %s from %s\n\n", db, data);
    fflush(stdout);
    rc = import_paths(&dc, s, paths, 1, JK_KIND_AUTO, NULL);
    if (rc == EXIT_OK)
        rc = cli_summary(&dc, s, c->format, stdout);
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        putchar('\n');
    if (rc == EXIT_OK)
        rc = cli_balances(&dc, s, 0.001, c->format, stdout, &bad);
    if (rc == EXIT_OK)
        rc = write_outputs(&dc, s, outdir);
    if (rc == EXIT_OK)
        rc = demo_mfa(&dc, s, outdir);
    if (rc == EXIT_OK)
        rc = demo_indicators(&dc, data, outdir);
    if (rc == EXIT_OK)
        rc = demo_market(&dc, data, outdir);
    rc = rc ? rc : demo_diagnosis(&dc, data, outdir);
    if (rc == EXIT_OK)
        rc = demo_network(&dc, data, outdir);
    jk_store_close(s);
    if (rc == EXIT_OK)
        rc = demo_ledger(c, outdir);
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        printf("\nOutputs in %s/: demo.db, contents.csv, flows-by-route.csv, "
               "end-of-life.csv, summary.json, balances.csv, "
               "demo-export.json, japan-fy2006.svg, plastics-2017.svg, "
               "company-report.xlsx, company-report.html, "
               "company-report.json, network-plan.json, network-map-ja.svg, "
               "network-map-en.svg\n",
               outdir);
    if (rc == EXIT_OK && bad)
        rc = EXIT_CHECK;
    return rc;
}
