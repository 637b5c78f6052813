/*
 * junkan indicators / junkan report: circularity indicators and
 * disclosure datapoints of a company, the GHG effect of route changes,
 * recycled-content obligations, and reports as XLSX, HTML, JSON, CSV.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <junkan/indicators.h>

#include "cli/cli.h"

enum { FW_CTI = 1, FW_MCI = 2, FW_ISO = 4, FW_ESRS = 8, FW_ALL = 15 };

typedef struct ind_args {
    const char *data;   /* CSV directory or JSON file */
    const char *org;    /* from the store */
    const char *period; /* from the store */
    const char *out;    /* report file */
    const char *lang;   /* ja | en */
    unsigned fw;        /* frameworks */
    jk_ind_opts o;
} ind_args;

static int fw_parse(const char *cmd, const char *v, unsigned *fw)
{
    char buf[128], *p, *save = NULL;
    *fw = 0;
    jk_strlcpy(buf, v, sizeof(buf));
    for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (strcmp(p, "cti") == 0)
            *fw |= FW_CTI;
        else if (strcmp(p, "mci") == 0)
            *fw |= FW_MCI;
        else if (strcmp(p, "iso59020") == 0)
            *fw |= FW_ISO;
        else if (strcmp(p, "esrs") == 0)
            *fw |= FW_ESRS;
        else if (strcmp(p, "all") == 0)
            *fw |= FW_ALL;
        else
            return cli_usage(cmd,
                             "unknown framework \"%s\" (cti, mci, iso59020, "
                             "esrs, all)",
                             p);
    }
    return EXIT_OK;
}

static int parse(const char *cmd, int argc, char **argv, int first, ind_args *a)
{
    int i;
    memset(a, 0, sizeof(*a));
    jk_ind_opts_init(&a->o);
    a->lang = "en";
    for (i = first; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-') {
            if (a->data)
                return cli_usage(cmd, "one data set at a time");
            a->data = o;
            continue;
        }
        if (!v)
            return cli_usage(cmd, "%s needs a value", o);
        i++;
        if (strcmp(o, "--org") == 0) {
            a->org = v;
        } else if (strcmp(o, "--period") == 0) {
            a->period = v;
        } else if (strcmp(o, "--out") == 0) {
            a->out = v;
        } else if (strcmp(o, "--lang") == 0) {
            if (strcmp(v, "ja") != 0 && strcmp(v, "en") != 0)
                return cli_usage(cmd, "--lang is ja or en, not \"%s\"", v);
            a->lang = v;
        } else if (strcmp(o, "--frameworks") == 0) {
            int rc = fw_parse(cmd, v, &a->fw);
            if (rc)
                return rc;
        } else if (strcmp(o, "--lfi") == 0) {
            if (strcmp(v, "emf2015") == 0)
                a->o.lfi = JK_LFI_EMF2015;
            else if (strcmp(v, "2m") == 0)
                a->o.lfi = JK_LFI_2M;
            else
                return cli_usage(cmd, "--lfi is emf2015 or 2m, not \"%s\"", v);
        } else if (strcmp(o, "--weight") == 0) {
            if (strcmp(v, "revenue") == 0)
                a->o.mci_weight = JK_MCI_BY_REVENUE;
            else if (strcmp(v, "mass") == 0)
                a->o.mci_weight = JK_MCI_BY_MASS;
            else
                return cli_usage(cmd,
                                 "--weight is revenue or mass, not "
                                 "\"%s\"",
                                 v);
        } else if (strcmp(o, "--energy-recovery") == 0) {
            if (strcmp(v, "disposal") == 0)
                a->o.energy_recovery = JK_ER_DISPOSAL;
            else if (strcmp(v, "recovery") == 0)
                a->o.energy_recovery = JK_ER_RECOVERY;
            else
                return cli_usage(cmd,
                                 "--energy-recovery is disposal or recovery, "
                                 "not \"%s\"",
                                 v);
        } else if (strcmp(o, "--non-recycled") == 0) {
            if (strcmp(v, "not-recycled") == 0)
                a->o.non_recycled = JK_NR_NOT_RECYCLED;
            else if (strcmp(v, "disposal") == 0)
                a->o.non_recycled = JK_NR_DISPOSAL;
            else
                return cli_usage(cmd,
                                 "--non-recycled is not-recycled or "
                                 "disposal, not \"%s\"",
                                 v);
        } else if (strcmp(o, "--esrs-version") == 0) {
            a->o.esrs_version = v;
        } else {
            return cli_usage(cmd, "unknown option %s", o);
        }
    }
    if (!a->data && !(a->org && a->period))
        return cli_usage(cmd, "give a data set (a directory of CSV files or "
                              "a .json file) or --org ID --period P");
    if (a->data && (a->org || a->period))
        return cli_usage(cmd, "a data set or --org/--period, not both");
    return EXIT_OK;
}

static int load(cli *c, const ind_args *a, jk_ind_data **d)
{
    jk_err err;
    jk_store *s = NULL;
    int rc;
    if (a->data) {
        if (jk_ind_load(a->data, d, &err))
            return cli_fail(c, &err);
        return EXIT_OK;
    }
    if ((rc = cli_open(c, false, &s)))
        return rc;
    rc = jk_ind_from_store(s, a->org, a->period, d, &err) ? cli_fail(c, &err)
                                                          : EXIT_OK;
    jk_store_close(s);
    return rc;
}

/* Compute the chosen frameworks into sets[]; returns how many. */
static int compute(cli *c, const jk_ind_data *d, const ind_args *a,
                   jk_ind_set sets[4], size_t *n)
{
    jk_err err;
    int rc = JK_OK;
    *n = 0;
    if (a->fw & FW_CTI && !(rc = jk_ind_cti(d, &a->o, &sets[*n], &err)))
        (*n)++;
    if (!rc && a->fw & FW_MCI && !(rc = jk_ind_mci(d, &a->o, &sets[*n], &err)))
        (*n)++;
    if (!rc && a->fw & FW_ISO &&
        !(rc = jk_ind_iso59020(d, &a->o, &sets[*n], &err)))
        (*n)++;
    if (!rc && a->fw & FW_ESRS &&
        !(rc = jk_ind_esrs(d, &a->o, &sets[*n], &err)))
        (*n)++;
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

static void free_sets(jk_ind_set *sets, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        jk_ind_set_free(&sets[i]);
}

/* The unit of a value: "JPY/t" for productivity when the company names
 * its currency. */
static const char *unit_text(const jk_ind_value *v, const jk_ind_data *d,
                             bool tab, char *buf, size_t cap)
{
    const char *cur = d ? jk_ind_get_company(d)->currency : "";
    if (v->unit == JK_IU_SHARE && !tab)
        return "fraction";
    if (v->unit == JK_IU_PER_TONNE && cur && *cur) {
        jk_snprintf(buf, cap, "%s/t", cur);
        return buf;
    }
    return jk_ind_unit_name(v->unit);
}

/* A value for the table: percent for shares in the table format,
 * plain numbers in CSV. */
static void value_text(const jk_ind_value *v, bool tab, char *buf, size_t cap)
{
    if (!isfinite(v->value))
        jk_snprintf(buf, cap, "-");
    else if (tab && v->unit == JK_IU_SHARE)
        jk_snprintf(buf, cap, "%.1f", v->value * 100);
    else if (tab && fabs(v->value) >= 1000)
        jk_snprintf(buf, cap, "%.0f", v->value);
    else if (tab)
        jk_snprintf(buf, cap, "%.4g", v->value);
    else
        jk_snprintf(buf, cap, "%.10g", v->value);
}

static int print_sets(cli *c, const jk_ind_set *sets, size_t n,
                      const jk_ind_data *d, const char *lang, cli_format f,
                      FILE *out)
{
    const jk_ind_set *ptrs[4];
    table *t;
    size_t i, j;
    jk_err err;
    bool tab = f == FMT_TABLE;
    int rc;

    for (i = 0; i < n; i++)
        ptrs[i] = &sets[i];
    if (f == FMT_JSON) {
        if (jk_ind_write_json(ptrs, n, d, out, &err))
            return cli_fail(c, &err);
        return EXIT_OK;
    }
    t = table_new(NULL);
    if (!t)
        return EXIT_FAIL;
    table_col(t, "framework", COL_TEXT);
    table_col(t, "id", COL_TEXT);
    table_col(t, "subject", COL_TEXT);
    table_col(t, "indicator", COL_TEXT);
    table_col(t, "value", COL_NUM);
    table_col(t, "unit", COL_TEXT);
    table_col(t, "note", COL_TEXT);
    for (i = 0; i < n; i++)
        for (j = 0; j < sets[i].n; j++) {
            const jk_ind_value *v = &sets[i].v[j];
            char val[48], unit[24];
            value_text(v, tab, val, sizeof(val));
            table_row(t);
            table_set(t, 0, v->framework);
            table_set(t, 1, v->id);
            table_set(t, 2, v->subject);
            table_set(t, 3,
                      strcmp(lang, "ja") == 0 ? v->label_ja : v->label_en);
            table_set(t, 4, val);
            table_set(t, 5, unit_text(v, d, tab, unit, sizeof(unit)));
            table_set(t, 6, v->note);
        }
    rc = table_print(t, f, out);
    table_free(t);
    if (rc)
        return EXIT_FAIL;
    if (tab && !c->quiet)
        for (i = 0; i < n; i++)
            fprintf(stderr, "junkan: %s %s: %s\n", sets[i].framework,
                    sets[i].version, sets[i].options);
    return EXIT_OK;
}

static int ind_frameworks(cli *c, int argc, char **argv, unsigned fw)
{
    ind_args a;
    jk_ind_data *d = NULL;
    jk_ind_set sets[4];
    size_t n = 0;
    int rc;
    if ((rc = parse("indicators", argc, argv, 2, &a)) || (rc = load(c, &a, &d)))
        return rc;
    a.fw = fw;
    rc = compute(c, d, &a, sets, &n);
    if (rc == EXIT_OK)
        rc = print_sets(c, sets, n, d, a.lang, c->format, stdout);
    free_sets(sets, n);
    jk_ind_data_free(d);
    return rc;
}

/* ---- ghg ---- */

static int ind_ghg(cli *c, int argc, char **argv)
{
    const char *material = NULL, *mass = NULL, *from = NULL, *to = NULL;
    const char *region = "JP", *factors = NULL;
    jk_ghg_table *t = NULL;
    jk_ghg_shift sh;
    jk_err err;
    jk_mass m;
    table *tab;
    int i, rc;

    for (i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return cli_usage("indicators", "%s needs a value", o);
        i++;
        if (strcmp(o, "--material") == 0)
            material = v;
        else if (strcmp(o, "--mass") == 0)
            mass = v;
        else if (strcmp(o, "--from") == 0)
            from = v;
        else if (strcmp(o, "--to") == 0)
            to = v;
        else if (strcmp(o, "--region") == 0)
            region = v;
        else if (strcmp(o, "--factors") == 0)
            factors = v;
        else
            return cli_usage("indicators", "unknown option %s", o);
    }
    if (!material || !mass || !from || !to)
        return cli_usage("indicators", "ghg needs --material M --mass MASS "
                                       "--from ROUTE --to ROUTE");
    if (jk_mass_parse(mass, jk_unit_find("t"), &m, &err)) {
        jk_err_set(&err, err.code, "--mass", "%s", err.msg);
        return cli_fail(c, &err);
    }
    if (jk_ghg_bundled(&t, &err) ||
        (factors && jk_ghg_load(t, factors, &err)) ||
        jk_ghg_shift_effect(t, material, m, from, to, region, &sh, &err)) {
        jk_ghg_free(t);
        return cli_fail(c, &err);
    }
    tab = table_new(NULL);
    table_col(tab, "route", COL_TEXT);
    table_col(tab, "kg_co2e_per_t", COL_NUM);
    table_col(tab, "t_co2e", COL_NUM);
    table_col(tab, "factor_for", COL_TEXT);
    table_col(tab, "region", COL_TEXT);
    table_col(tab, "derived", COL_TEXT);
    table_col(tab, "source", COL_TEXT);
    for (i = 0; i < 2; i++) {
        const jk_ghg_factor *f = i == 0 ? &sh.from : &sh.to;
        table_row(tab);
        table_setf(tab, 0, "%s%s", i == 0 ? "from " : "to ", f->route);
        table_setf(tab, 1, "%.1f", f->kg_per_t);
        table_setf(tab, 2, "%.3f", sh.tonnes * f->kg_per_t / 1000);
        table_set(tab, 3, f->material);
        table_set(tab, 4, f->region);
        table_set(tab, 5, f->derived ? "yes" : "no");
        table_set(tab, 6, f->source);
    }
    table_row(tab);
    table_set(tab, 0, "change");
    table_setf(tab, 1, "%.1f", sh.to.kg_per_t - sh.from.kg_per_t);
    table_setf(tab, 2, "%.3f", sh.delta_t);
    rc = table_print(tab, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(tab);
    if (!c->quiet && c->format == FMT_TABLE)
        fprintf(stderr,
                "junkan: moving %.3f t of %s from %s to %s changes emissions "
                "by %+.3f t CO2e\n",
                sh.tonnes, material, from, to, sh.delta_t);
    jk_ghg_free(t);
    return rc;
}

/* ---- rules ---- */

typedef struct rules_ctx {
    table *t;
    int below;
} rules_ctx;

static int on_finding(void *ctx, const jk_rc_finding *f)
{
    rules_ctx *r = ctx;
    table_row(r->t);
    table_set(r->t, 0, f->product);
    table_set(r->t, 1, f->rule);
    table_set(r->t, 2, f->basis);
    if (isfinite(f->required))
        table_setf(r->t, 3, "%.3g", f->required);
    else
        table_set(r->t, 3, "-");
    table_setf(r->t, 4, "%.3g", f->actual);
    table_set(r->t, 5, f->effective);
    table_set(r->t, 6, jk_rc_status_name(f->status));
    table_set(r->t, 7, f->instrument);
    if (f->status == JK_RC_BELOW)
        r->below++;
    return 0;
}

static int ind_rules(cli *c, int argc, char **argv)
{
    rules_ctx r = {NULL, 0};
    jk_err err;
    int rc;
    if (argc != 3)
        return cli_usage("indicators", "rules takes one file of claims "
                                       "(product,jurisdiction,scope,material,"
                                       "recycled,post_consumer,date)");
    r.t = table_new(NULL);
    if (!r.t)
        return EXIT_FAIL;
    table_col(r.t, "product", COL_TEXT);
    table_col(r.t, "rule", COL_TEXT);
    table_col(r.t, "basis", COL_TEXT);
    table_col(r.t, "required", COL_NUM);
    table_col(r.t, "actual", COL_NUM);
    table_col(r.t, "effective", COL_TEXT);
    table_col(r.t, "status", COL_TEXT);
    table_col(r.t, "instrument", COL_TEXT);
    if (jk_rc_check_file(argv[2], on_finding, &r, &err)) {
        table_free(r.t);
        return cli_fail(c, &err);
    }
    rc = table_print(r.t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(r.t);
    if (rc == EXIT_OK && r.below) {
        if (!c->quiet)
            fprintf(stderr, "junkan: %d obligation%s not met\n", r.below,
                    r.below == 1 ? "" : "s");
        rc = EXIT_CHECK;
    }
    return rc;
}

int cmd_indicators(cli *c, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("indicators", "indicators what? (cti, mci, "
                                       "iso59020, esrs, all, ghg, rules)");
    if (strcmp(argv[1], "cti") == 0)
        return ind_frameworks(c, argc, argv, FW_CTI);
    if (strcmp(argv[1], "mci") == 0)
        return ind_frameworks(c, argc, argv, FW_MCI);
    if (strcmp(argv[1], "iso59020") == 0)
        return ind_frameworks(c, argc, argv, FW_ISO);
    if (strcmp(argv[1], "esrs") == 0)
        return ind_frameworks(c, argc, argv, FW_ESRS);
    if (strcmp(argv[1], "all") == 0)
        return ind_frameworks(c, argc, argv, FW_ALL);
    if (strcmp(argv[1], "ghg") == 0)
        return ind_ghg(c, argc, argv);
    if (strcmp(argv[1], "rules") == 0)
        return ind_rules(c, argc, argv);
    return cli_usage("indicators", "unknown indicators command \"%s\"",
                     argv[1]);
}

/* ---- report ---- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int cmd_report(cli *c, int argc, char **argv)
{
    ind_args a;
    jk_ind_data *d = NULL;
    jk_ind_set sets[4];
    const jk_ind_set *ptrs[4];
    size_t n = 0, i;
    jk_err err;
    int rc;

    if ((rc = parse("report", argc, argv, 1, &a)))
        return rc;
    if (!a.out)
        return cli_usage("report", "--out FILE is required (.xlsx, .html, "
                                   ".json or .csv)");
    if (!ends_with(a.out, ".xlsx") && !ends_with(a.out, ".html") &&
        !ends_with(a.out, ".json") && !ends_with(a.out, ".csv"))
        return cli_usage("report", "--out must end in .xlsx, .html, .json or "
                                   ".csv");
    if (!a.fw)
        a.fw = FW_ALL;
    if ((rc = load(c, &a, &d)))
        return rc;
    rc = compute(c, d, &a, sets, &n);
    for (i = 0; i < n; i++)
        ptrs[i] = &sets[i];
    if (rc == EXIT_OK && ends_with(a.out, ".xlsx")) {
        if (jk_ind_write_xlsx(ptrs, n, d, a.lang, a.out, &err))
            rc = cli_fail(c, &err);
    } else if (rc == EXIT_OK) {
        FILE *fp = cli_open_out(a.out);
        if (!fp) {
            rc = EXIT_FAIL;
        } else {
            if (ends_with(a.out, ".html")) {
                if (jk_ind_write_html(ptrs, n, d, a.lang, fp, &err))
                    rc = cli_fail(c, &err);
            } else if (ends_with(a.out, ".json")) {
                if (jk_ind_write_json(ptrs, n, d, fp, &err))
                    rc = cli_fail(c, &err);
            } else {
                rc = print_sets(c, sets, n, d, a.lang, FMT_CSV, fp);
            }
            if (cli_close_out(fp) && rc == EXIT_OK)
                rc = EXIT_FAIL;
        }
    }
    if (rc == EXIT_OK && !c->quiet)
        fprintf(stderr, "junkan: wrote %s (%zu framework%s)\n", a.out, n,
                n == 1 ? "" : "s");
    free_sets(sets, n);
    jk_ind_data_free(d);
    return rc;
}

/* ---- demo ---- */

int demo_indicators(cli *c, const char *data, const char *outdir)
{
    static const struct {
        int set;
        const char *id;
    } keys[] = {{0, "circular_inflow"}, {0, "circular_outflow"},
                {0, "circularity"},     {1, "mci_company"},
                {2, "31c_pct"},         {2, "37d_pct"}};
    char dir[4096], path[4096];
    ind_args a;
    jk_ind_data *d = NULL;
    jk_ind_set sets[4];
    const jk_ind_set *ptrs[4];
    size_t n = 0, i;
    table *t;
    jk_err err;
    int rc;
    const char *outs[] = {"company-report.xlsx", "company-report.html",
                          "company-report.json"};

    jk_snprintf(dir, sizeof(dir), "%s/company", data);
    memset(&a, 0, sizeof(a));
    jk_ind_opts_init(&a.o);
    a.fw = FW_CTI | FW_MCI | FW_ESRS;
    if (jk_ind_load(dir, &d, &err))
        return cli_fail(c, &err);
    if ((rc = compute(c, d, &a, sets, &n))) {
        jk_ind_data_free(d);
        return rc;
    }
    for (i = 0; i < n; i++)
        ptrs[i] = &sets[i];
    t = table_new(NULL);
    table_col(t, "framework", COL_TEXT);
    table_col(t, "indicator", COL_TEXT);
    table_col(t, "value", COL_NUM);
    table_col(t, "unit", COL_TEXT);
    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const jk_ind_value *v =
            jk_ind_set_get(&sets[keys[i].set], keys[i].id, "");
        char val[48];
        if (!v)
            continue;
        value_text(v, c->format == FMT_TABLE, val, sizeof(val));
        table_row(t);
        table_set(t, 0, v->framework);
        table_set(t, 1, v->label_en);
        table_set(t, 2, val);
        table_set(t, 3,
                  v->unit == JK_IU_SHARE && c->format != FMT_TABLE
                      ? "fraction"
                      : jk_ind_unit_name(v->unit));
    }
    if (c->format == FMT_TABLE)
        printf("\nCircularity of the demo manufacturer (%s, %s):\n",
               jk_ind_get_company(d)->name, jk_ind_get_company(d)->period);
    rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    jk_snprintf(path, sizeof(path), "%s/%s", outdir, outs[0]);
    if (rc == EXIT_OK && jk_ind_write_xlsx(ptrs, n, d, "en", path, &err))
        rc = cli_fail(c, &err);
    for (i = 1; rc == EXIT_OK && i < 3; i++) {
        FILE *fp;
        jk_snprintf(path, sizeof(path), "%s/%s", outdir, outs[i]);
        if (!(fp = cli_open_out(path))) {
            rc = EXIT_FAIL;
            break;
        }
        if (i == 1 ? jk_ind_write_html(ptrs, n, d, "ja", fp, &err)
                   : jk_ind_write_json(ptrs, n, d, fp, &err))
            rc = cli_fail(c, &err);
        if (cli_close_out(fp) && rc == EXIT_OK)
            rc = EXIT_FAIL;
    }
    free_sets(sets, n);
    jk_ind_data_free(d);
    return rc;
}
