/*
 * junkan mfa: material flow accounts from the terminal. A system comes
 * from a file (a .json document or a directory of CSV files) or from
 * the store's flows of one material and period.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

typedef struct mfa_args {
    const char *path;      /* system file or directory, or NULL */
    const char *material;  /* from the store */
    const char *period;    /* from the store */
    double rel_sd;         /* from the store: default sd */
    const char *out;       /* output file */
    const char *substance; /* substance layer instead of goods */
    const char *lang;      /* sankey labels */
    jk_mfa_method method;  /* reconciliation */
    double alpha;          /* significance */
    bool reconcile;        /* sankey/indicators on reconciled values */
    bool cov;              /* full covariance */
    double gdp, population, renewable; /* indicator inputs (NaN unset) */
    int gdp_base;
} mfa_args;

static int num_arg(const char *cmd, const char *opt, const char *v, double *out)
{
    if (jk_parse_double(v, out) != JK_OK)
        return cli_usage(cmd, "%s takes a number, not \"%s\"", opt, v);
    return EXIT_OK;
}

/* Parse the options every mfa subcommand shares. */
static int parse(const char *cmd, int argc, char **argv, mfa_args *a)
{
    int i, rc;
    memset(a, 0, sizeof(*a));
    a->rel_sd = 0.05;
    a->lang = "en";
    a->alpha = 0.05;
    a->gdp = a->population = a->renewable = (double)NAN;
    for (i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-') {
            if (a->path)
                return cli_usage(cmd, "one system at a time");
            a->path = o;
            continue;
        }
        if (!v)
            return cli_usage(cmd, "%s needs a value", o);
        i++;
        if (strcmp(o, "--material") == 0) {
            a->material = v;
        } else if (strcmp(o, "--period") == 0) {
            a->period = v;
        } else if (strcmp(o, "--sd") == 0) {
            char buf[32];
            size_t n = strlen(v);
            double pct;
            jk_strlcpy(buf, v, sizeof(buf));
            if (n && buf[n - 1] == '%')
                buf[n - 1] = '\0';
            if (jk_parse_double(buf, &pct) || !(pct > 0))
                return cli_usage(cmd, "--sd takes a percentage such as 5%%");
            a->rel_sd = pct / 100.0;
        } else if (strcmp(o, "--out") == 0) {
            a->out = v;
        } else if (strcmp(o, "--substance") == 0) {
            a->substance = v;
        } else if (strcmp(o, "--lang") == 0) {
            if (strcmp(v, "ja") != 0 && strcmp(v, "en") != 0)
                return cli_usage(cmd, "--lang is ja or en");
            a->lang = v;
        } else if (strcmp(o, "--method") == 0) {
            if (strcmp(v, "dense") == 0)
                a->method = JK_MFA_DENSE;
            else if (strcmp(v, "sparse") == 0)
                a->method = JK_MFA_SPARSE;
            else if (strcmp(v, "auto") == 0)
                a->method = JK_MFA_AUTO;
            else
                return cli_usage(cmd, "--method is auto, dense or sparse");
        } else if (strcmp(o, "--alpha") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->alpha)))
                return rc;
        } else if (strcmp(o, "--reconciled") == 0) {
            a->reconcile = strcmp(v, "yes") == 0 || strcmp(v, "true") == 0;
        } else if (strcmp(o, "--covariance") == 0) {
            a->cov = strcmp(v, "yes") == 0 || strcmp(v, "true") == 0;
        } else if (strcmp(o, "--gdp") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->gdp)))
                return rc;
        } else if (strcmp(o, "--gdp-base") == 0) {
            double b;
            if ((rc = num_arg(cmd, o, v, &b)))
                return rc;
            a->gdp_base = (int)b;
        } else if (strcmp(o, "--population") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->population)))
                return rc;
        } else if (strcmp(o, "--renewable") == 0) {
            if ((rc = num_arg(cmd, o, v, &a->renewable)))
                return rc;
        } else {
            return cli_usage(cmd, "unknown option \"%s\"", o);
        }
    }
    if (!a->path && !(a->material && a->period))
        return cli_usage(cmd, "name a system file or directory, or give "
                              "--material and --period to build one from "
                              "the store");
    return EXIT_OK;
}

static int load(cli *c, const mfa_args *a, jk_mfa_system **sys)
{
    jk_err err;
    int rc;
    if (a->path) {
        rc = jk_mfa_load(a->path, sys, &err);
    } else {
        jk_store *s = NULL;
        if ((rc = cli_open(c, false, &s)))
            return rc;
        rc = jk_mfa_from_store(s, a->material, a->period, a->rel_sd, sys, &err);
        jk_store_close(s);
    }
    if (rc == JK_OK && a->substance) {
        jk_mfa_system *sub = NULL;
        rc = jk_mfa_substance(*sys, a->substance, &sub, &err);
        jk_mfa_free(*sys);
        *sys = sub;
    }
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* Tonnes with up to 3 significant decimals, or "-" for NaN. */
static const char *t_fmt(double v, char *buf, size_t cap)
{
    if (!isfinite(v))
        jk_snprintf(buf, cap, "-");
    else
        jk_snprintf(buf, cap, "%.6g", v);
    return buf;
}

/* ---- check ---- */

typedef struct check_ctx {
    table *t;
} check_ctx;

static int on_issue(void *ctx, const jk_mfa_issue *is)
{
    table *t = ctx;
    if (table_row(t) ||
        table_set(t, 0, is->severity == JK_MFA_ERROR ? "error" : "warning") ||
        table_set(t, 1, is->subject) || table_set(t, 2, is->msg))
        return JK_ENOMEM;
    return JK_OK;
}

static int on_bal(void *ctx, const jk_mfa_balance *b)
{
    table *t = ctx;
    char in[40], out[40], st[40], res[40];
    if (table_row(t) || table_set(t, 0, b->process) ||
        table_set(t, 1, t_fmt(b->in, in, sizeof(in))) ||
        table_set(t, 2, t_fmt(b->out, out, sizeof(out))) ||
        table_set(t, 3, t_fmt(b->stock, st, sizeof(st))) ||
        table_set(t, 4, t_fmt(b->residual, res, sizeof(res))) ||
        table_setf(t, 5, "%.3f", b->rel * 100) ||
        table_set(t, 6,
                  !b->complete ? "has unknowns"
                  : b->ok      ? "ok"
                               : "IMBALANCE"))
        return JK_ENOMEM;
    return JK_OK;
}

static int mfa_check(cli *c, int argc, char **argv)
{
    mfa_args a;
    jk_mfa_system *sys = NULL;
    table *issues = table_new("Plausibility"),
          *bal = table_new("Balance of processes "
                           "(in - out - stock "
                           "change)");
    size_t nerr = 0, nbad = 0;
    jk_err err;
    int rc;

    if (!issues || !bal)
        return EXIT_FAIL;
    if ((rc = parse("mfa check", argc, argv, &a)) || (rc = load(c, &a, &sys)))
        goto out;
    table_col(issues, "severity", COL_TEXT);
    table_col(issues, "subject", COL_TEXT);
    table_col(issues, "message", COL_TEXT);
    table_col(bal, "process", COL_TEXT);
    table_col(bal, "in_t", COL_NUM);
    table_col(bal, "out_t", COL_NUM);
    table_col(bal, "stock_t", COL_NUM);
    table_col(bal, "residual_t", COL_NUM);
    table_col(bal, "residual_pct", COL_NUM);
    table_col(bal, "status", COL_TEXT);
    if (jk_mfa_plausibility(sys, on_issue, issues, &nerr, &err) ||
        jk_mfa_balances(sys, 0.001, on_bal, bal, &nbad, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    if (table_rows(issues))
        table_print(issues, c->format, stdout);
    else if (c->format == FMT_TABLE)
        printf("Plausibility: no issues\n");
    if (c->format == FMT_TABLE)
        putchar('\n');
    table_print(bal, c->format, stdout);
    rc = nerr || nbad ? EXIT_CHECK : EXIT_OK;
out:
    table_free(issues);
    table_free(bal);
    jk_mfa_free(sys);
    return rc;
}

/* ---- reconcile ---- */

/* A unit for a table of tonnes: t, kt or Mt by the largest value. */
static double pick_unit(const jk_mfa_result *r, const char **unit)
{
    double big = 0;
    size_t i;
    for (i = 0; i < jk_mfa_result_n(r); i++) {
        const jk_mfa_estimate *e = jk_mfa_result_at(r, i);
        if (isfinite(e->measured) && fabs(e->measured) > big)
            big = fabs(e->measured);
        if (isfinite(e->value) && fabs(e->value) > big)
            big = fabs(e->value);
    }
    *unit = big >= 1e7 ? "Mt" : big >= 1e4 ? "kt" : "t";
    return big >= 1e7 ? 1e6 : big >= 1e4 ? 1e3 : 1;
}

static const char *u_fmt(double v, double div, char *buf, size_t cap)
{
    if (!isfinite(v))
        return jk_snprintf(buf, cap, "-"), buf;
    jk_snprintf(buf, cap, "%.4f", v / div);
    return buf;
}

int cli_mfa_report(cli *c, const jk_mfa_result *r, cli_format f, FILE *out)
{
    const char *unit = "t";
    double div = f == FMT_TABLE ? pick_unit(r, &unit) : 1;
    char title[64], h[6][24];
    table *t;
    size_t i, nsus = 0;
    char b1[40], b2[40], b3[40], b4[40], b5[40];

    (void)c;
    jk_snprintf(title, sizeof(title), "Reconciled values (%s)", unit);
    t = table_new(title);
    if (!t)
        return EXIT_FAIL;
    jk_snprintf(h[0], sizeof(h[0]), "measured_%s", unit);
    jk_snprintf(h[1], sizeof(h[1]), "measured_sd_%s", unit);
    jk_snprintf(h[2], sizeof(h[2]), "reconciled_%s", unit);
    jk_snprintf(h[3], sizeof(h[3]), "sd_%s", unit);
    jk_snprintf(h[4], sizeof(h[4]), "adjustment_%s", unit);
    table_col(t, "variable", COL_TEXT);
    table_col(t, "class", COL_TEXT);
    table_col(t, h[0], COL_NUM);
    table_col(t, h[1], COL_NUM);
    table_col(t, h[2], COL_NUM);
    table_col(t, h[3], COL_NUM);
    table_col(t, h[4], COL_NUM);
    table_col(t, "z", COL_NUM);
    table_col(t, "flag", COL_TEXT);
    for (i = 0; i < jk_mfa_result_n(r); i++) {
        const jk_mfa_estimate *e = jk_mfa_result_at(r, i);
        nsus += e->suspect;
        if (table_row(t) || table_set(t, 0, e->id) ||
            table_set(t, 1, jk_mfa_class_name(e->cls)) ||
            table_set(t, 2, u_fmt(e->measured, div, b1, sizeof(b1))) ||
            table_set(t, 3, u_fmt(e->measured_sd, div, b2, sizeof(b2))) ||
            table_set(t, 4, u_fmt(e->value, div, b3, sizeof(b3))) ||
            table_set(t, 5, u_fmt(e->sd, div, b4, sizeof(b4))) ||
            table_set(t, 6, u_fmt(e->adjustment, div, b5, sizeof(b5))) ||
            table_setf(t, 7, "%.3f", e->z) ||
            table_set(t, 8, e->suspect ? "GROSS ERROR?" : "")) {
            table_free(t);
            return EXIT_FAIL;
        }
    }
    table_print(t, f, out);
    table_free(t);
    if (f == FMT_TABLE)
        fprintf(out,
                "\nGlobal test (%s): chi2 = %.4f with %d degree(s) of "
                "freedom, critical value %.4f: %s\n",
                jk_mfa_result_method(r), jk_mfa_result_chi2(r),
                jk_mfa_result_dof(r), jk_mfa_result_chi2_critical(r),
                jk_mfa_result_passed(r) ? "passed"
                                        : "FAILED (a gross error is likely)");
    if (f == FMT_TABLE && nsus)
        fprintf(out, "%zu measurement(s) flagged as possible gross errors\n",
                nsus);
    return EXIT_OK;
}

static int mfa_reconcile(cli *c, int argc, char **argv)
{
    mfa_args a;
    jk_mfa_system *sys = NULL, *rec = NULL;
    jk_mfa_result *r = NULL;
    jk_mfa_opts o;
    jk_err err;
    int rc;

    if ((rc = parse("mfa reconcile", argc, argv, &a)) ||
        (rc = load(c, &a, &sys)))
        return rc;
    jk_mfa_opts_init(&o);
    o.method = a.method;
    o.alpha = a.alpha;
    o.covariance = a.cov;
    if (jk_mfa_reconcile(sys, &o, &r, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    rc = cli_mfa_report(c, r, c->format, stdout);
    if (rc == EXIT_OK && a.out) {
        FILE *fp = cli_open_out(a.out);
        rec = jk_mfa_apply(sys, r);
        if (!fp || !rec)
            rc = EXIT_FAIL;
        else if (jk_mfa_save_json(rec, fp, &err))
            rc = cli_fail(c, &err);
        if (fp && cli_close_out(fp) && rc == EXIT_OK)
            rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && !jk_mfa_result_passed(r))
        rc = EXIT_CHECK;
out:
    jk_mfa_result_free(r);
    jk_mfa_free(rec);
    jk_mfa_free(sys);
    return rc;
}

/* ---- sankey ---- */

/* The system to draw or measure: reconciled when asked and possible. */
static int maybe_reconciled(cli *c, jk_mfa_system **sys, bool want)
{
    jk_mfa_result *r = NULL;
    jk_mfa_system *rec;
    jk_err err;
    if (!want)
        return EXIT_OK;
    if (jk_mfa_reconcile(*sys, NULL, &r, &err))
        return cli_fail(c, &err);
    rec = jk_mfa_apply(*sys, r);
    jk_mfa_result_free(r);
    if (!rec)
        return EXIT_FAIL;
    jk_mfa_free(*sys);
    *sys = rec;
    return EXIT_OK;
}

int cli_mfa_sankey(cli *c, jk_mfa_system *sys, const char *lang,
                   const char *path)
{
    jk_sankey_opts so;
    jk_err err;
    FILE *fp = cli_open_out(path);
    int rc = EXIT_OK;
    if (!fp)
        return EXIT_FAIL;
    jk_sankey_opts_init(&so);
    so.lang = lang;
    if (jk_mfa_sankey_svg(sys, &so, fp, &err))
        rc = cli_fail(c, &err);
    if (cli_close_out(fp) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    return rc;
}

static int mfa_sankey(cli *c, int argc, char **argv)
{
    mfa_args a;
    jk_mfa_system *sys = NULL;
    int rc;
    if ((rc = parse("mfa sankey", argc, argv, &a)) || (rc = load(c, &a, &sys)))
        return rc;
    rc = maybe_reconciled(c, &sys, a.reconcile);
    if (rc == EXIT_OK)
        rc = cli_mfa_sankey(c, sys, a.lang, a.out);
    jk_mfa_free(sys);
    return rc;
}

/* ---- indicators ---- */

typedef struct ind_ctx {
    table *t;
    bool wide; /* csv/json: code and formula too */
} ind_ctx;

static int on_ind(void *ctx, const jk_jp_indicator *ind)
{
    ind_ctx *ic = ctx;
    table *t = ic->t;
    char v[40], t4[40], t5[40], g[40];
    int k = 0;
    if (table_row(t) || (ic->wide && table_set(t, k++, ind->code)) ||
        table_set(t, k++, ind->name_ja) || table_set(t, k++, ind->name_en) ||
        table_set(t, k++, t_fmt(ind->value, v, sizeof(v))) ||
        table_set(t, k++, ind->unit) ||
        table_set(t, k++, t_fmt(ind->target4, t4, sizeof(t4))) ||
        table_set(t, k++, t_fmt(ind->target5, t5, sizeof(t5))) ||
        table_set(t, k++, t_fmt(ind->gap5, g, sizeof(g))) ||
        (ic->wide && table_set(t, k++, ind->formula)))
        return JK_ENOMEM;
    return JK_OK;
}

int cli_mfa_indicators(cli *c, const jk_mfa_system *sys, const jk_jp_params *p,
                       cli_format f, FILE *out)
{
    ind_ctx ic;
    jk_err err;
    int rc = EXIT_OK;

    ic.wide = f != FMT_TABLE;
    ic.t = table_new("Fundamental Plan indicators (循環型社会形成推進基本計画)"
                     " against the 4th (FY2025) and 5th (FY2030) plan "
                     "targets");
    if (!ic.t)
        return EXIT_FAIL;
    if (ic.wide)
        table_col(ic.t, "code", COL_TEXT);
    table_col(ic.t, "name_ja", COL_TEXT);
    table_col(ic.t, "name_en", COL_TEXT);
    table_col(ic.t, "value", COL_NUM);
    table_col(ic.t, "unit", COL_TEXT);
    table_col(ic.t, "target_4th", COL_NUM);
    table_col(ic.t, "target_5th", COL_NUM);
    table_col(ic.t, "gap_to_5th", COL_NUM);
    if (ic.wide)
        table_col(ic.t, "formula", COL_TEXT);
    if (jk_jp_indicators(sys, p, on_ind, &ic, &err))
        rc = cli_fail(c, &err);
    else
        table_print(ic.t, f, out);
    if (rc == EXIT_OK && f == FMT_TABLE)
        fprintf(out, "(- : needs an input: --gdp, --population, "
                     "--renewable; formulas with --format csv)\n");
    table_free(ic.t);
    return rc;
}

static int mfa_indicators(cli *c, int argc, char **argv)
{
    mfa_args a;
    jk_mfa_system *sys = NULL;
    jk_jp_params p;
    int rc;
    if ((rc = parse("mfa indicators", argc, argv, &a)) ||
        (rc = load(c, &a, &sys)))
        return rc;
    jk_jp_params_init(&p);
    p.gdp_oku_yen = a.gdp;
    p.gdp_base_year = a.gdp_base;
    p.population = a.population;
    p.renewable_input_t = a.renewable;
    rc = maybe_reconciled(c, &sys, a.reconcile);
    if (rc == EXIT_OK)
        rc = cli_mfa_indicators(c, sys, &p, c->format, stdout);
    jk_mfa_free(sys);
    return rc;
}

/* ---- system: write a system as JSON ---- */

/* Write SYSTEM as JSON (a file or standard output), or as a directory
 * of CSV files when --out ends with '/' or names a directory. */
static int mfa_system(cli *c, int argc, char **argv)
{
    mfa_args a;
    jk_mfa_system *sys = NULL;
    jk_err err;
    FILE *fp;
    struct stat sb;
    int rc;
    if ((rc = parse("mfa system", argc, argv, &a)) || (rc = load(c, &a, &sys)))
        return rc;
    if (a.out && ((strlen(a.out) && a.out[strlen(a.out) - 1] == '/') ||
                  (stat(a.out, &sb) == 0 && S_ISDIR(sb.st_mode)))) {
        if (jk_mfa_save_csv_dir(sys, a.out, &err))
            rc = cli_fail(c, &err);
        jk_mfa_free(sys);
        return rc;
    }
    fp = cli_open_out(a.out);
    if (!fp)
        rc = EXIT_FAIL;
    else if (jk_mfa_save_json(sys, fp, &err))
        rc = cli_fail(c, &err);
    if (fp && cli_close_out(fp) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    jk_mfa_free(sys);
    return rc;
}

int cmd_mfa(cli *c, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("mfa", "mfa what? (check, reconcile, sankey, "
                                "indicators, system, stock)");
    if (strcmp(argv[1], "check") == 0)
        return mfa_check(c, argc, argv);
    if (strcmp(argv[1], "reconcile") == 0)
        return mfa_reconcile(c, argc, argv);
    if (strcmp(argv[1], "sankey") == 0)
        return mfa_sankey(c, argc, argv);
    if (strcmp(argv[1], "indicators") == 0)
        return mfa_indicators(c, argc, argv);
    if (strcmp(argv[1], "system") == 0)
        return mfa_system(c, argc, argv);
    if (strcmp(argv[1], "stock") == 0)
        return cmd_mfa_stock(c, argc, argv);
    return cli_usage("mfa", "unknown mfa command \"%s\"", argv[1]);
}
