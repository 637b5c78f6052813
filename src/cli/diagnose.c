/*
 * junkan diagnose: the municipal circular-economy diagnosis from the
 * terminal. Input tables come from a directory of CSV files or a JSON
 * document (profiles, flows, composition, residual, costs); reference
 * data (peer types, GHG factors, parameters, measures) from
 * data/diagnosis or --ref DIR.
 *   plants FILE...   the MOE per-plant survey: totals per year, flagged
 *                    rows, peer distributions by capacity band
 *   prefill FILE [DATA]  composition.csv rows from the survey
 *   import DATA      the input tables into the store (--db), one
 *                    transaction
 *   national [DATA]  every municipality: type, peer group, indicators
 *   peers [DATA]     peer statistics per group and indicator
 *   run [DATA]       one municipality: indicators against its peers,
 *                    and the HTML report (--html)
 *   measures [DATA]  one municipality: measures, effects, combined
 * (without DATA, national, peers, run and measures read the input
 * tables from the store)
 *   dematel MATRIX   DEMATEL (and --svg impact diagram)
 *   ism MATRIX       ISM levels
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

#define MAX_PATHS 32

typedef struct dg_args {
    const char *path[MAX_PATHS]; /* positional */
    int npath;
    const char *ref;    /* reference directory */
    const char *muni;   /* municipality code */
    const char *html;   /* report file */
    const char *json;   /* JSON report file */
    const char *xlsx;   /* XLSX report file */
    const char *lang;   /* ja | en */
    const char *svg;    /* DEMATEL diagram */
    const char *plants; /* MOE file: plant peers for I8 */
    const char *ind;    /* indicator id filter */
    double threshold;   /* DEMATEL / ISM */
    bool flagged, bands;
} dg_args;

/* The subcommands that read the input tables from the store when no
 * DATA is named. */
static bool from_store_ok(const char *cmd)
{
    static const char *const cmds[] = {"diagnose national", "diagnose peers",
                                       "diagnose run", "diagnose measures"};
    size_t i;
    for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (strcmp(cmd, cmds[i]) == 0)
            return true;
    return false;
}

static int parse(const char *cmd, int argc, char **argv, dg_args *a)
{
    int i;
    memset(a, 0, sizeof(*a));
    a->ref = JK_DEFAULT_DATA_DIR "/diagnosis";
    a->lang = "ja";
    a->threshold = (double)NAN;
    for (i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-' || o[1] == '\0') {
            if (a->npath == MAX_PATHS)
                return cli_usage(cmd, "at most %d files", MAX_PATHS);
            a->path[a->npath++] = o;
            continue;
        }
        if (strcmp(o, "--flagged") == 0) {
            a->flagged = true;
            continue;
        }
        if (strcmp(o, "--bands") == 0) {
            a->bands = true;
            continue;
        }
        if (!v)
            return cli_usage(cmd, "%s needs a value", o);
        i++;
        if (strcmp(o, "--ref") == 0)
            a->ref = v;
        else if (strcmp(o, "--muni") == 0)
            a->muni = v;
        else if (strcmp(o, "--html") == 0)
            a->html = v;
        else if (strcmp(o, "--json") == 0)
            a->json = v;
        else if (strcmp(o, "--xlsx") == 0)
            a->xlsx = v;
        else if (strcmp(o, "--svg") == 0)
            a->svg = v;
        else if (strcmp(o, "--plants") == 0)
            a->plants = v;
        else if (strcmp(o, "--indicator") == 0)
            a->ind = v;
        else if (strcmp(o, "--lang") == 0) {
            if (strcmp(v, "ja") && strcmp(v, "en"))
                return cli_usage(cmd, "--lang takes ja or en, not \"%s\"", v);
            a->lang = v;
        } else if (strcmp(o, "--threshold") == 0) {
            if (jk_parse_double(v, &a->threshold) != JK_OK)
                return cli_usage(cmd, "--threshold takes a number, not \"%s\"",
                                 v);
        } else {
            return cli_usage(cmd, "unknown option \"%s\"", o);
        }
    }
    if (a->npath == 0 && !from_store_ok(cmd))
        return cli_usage(cmd, "name the input (see `junkan help diagnose`)");
    return EXIT_OK;
}

static const char *fmt(double v, int dec, char *buf, size_t cap)
{
    if (!isfinite(v)) {
        jk_snprintf(buf, cap, "-");
        return buf;
    }
    if (fabs(v) < 0.5 * pow(10, -dec))
        v = 0; /* no "-0" */
    jk_snprintf(buf, cap, "%.*f", dec, v);
    return buf;
}

/* ---- the national run every municipal subcommand starts from ---- */

typedef struct run {
    jk_dg_ref *ref;
    jk_dg_data *data;
    jk_dg_national *nat;
    jk_moe_plants *plants;
    size_t idx; /* --muni */
} run;

static void run_free(run *r)
{
    jk_dg_national_free(r->nat);
    jk_dg_data_free(r->data);
    jk_dg_ref_free(r->ref);
    jk_moe_free(r->plants);
}

/* The input tables from the store (--db): no DATA named. */
static int load_store(cli *c, run *r, jk_err *err)
{
    jk_store *s = NULL;
    int rc = cli_open(c, false, &s);
    if (rc)
        return -rc; /* reported; the negated exit code */
    rc = jk_dg_data_load_store(s, &r->data, err);
    jk_store_close(s);
    if (rc == JK_OK && r->data->n == 0) {
        /* Not the URI: a PostgreSQL one may hold a password. */
        fprintf(stderr, "junkan: no diagnosis input in the store; import "
                        "it with `junkan diagnose import DIR`\n");
        return -EXIT_INPUT;
    }
    return rc;
}

static int run_load(cli *c, const char *cmd, const dg_args *a, bool need_muni,
                    run *r)
{
    jk_err err;
    int rc;
    memset(r, 0, sizeof(*r));
    if (need_muni && !a->muni)
        return cli_usage(cmd, "which municipality? --muni CODE");
    if (jk_dg_ref_load(a->ref, &r->ref, &err)) {
        rc = cli_fail(c, &err);
        run_free(r);
        return rc;
    }
    if (a->npath == 0) {
        rc = load_store(c, r, &err);
        if (rc < 0) {
            run_free(r);
            return -rc;
        }
    } else {
        rc = jk_dg_data_load(a->path[0], &r->data, &err);
    }
    if (rc || jk_dg_national_new(r->data, r->ref, NULL, &r->nat, &err) ||
        (a->plants && (jk_moe_load(a->plants, 0, NULL, &r->plants, &err) ||
                       jk_dg_national_set_plants(r->nat, r->plants, &err)))) {
        rc = cli_fail(c, &err);
        run_free(r);
        return rc;
    }
    if (need_muni) {
        const jk_dg_muni *m = jk_dg_data_find(r->data, a->muni);
        if (!m) {
            fprintf(stderr,
                    "junkan: %s: --muni: no municipality %s in the input\n",
                    a->npath ? a->path[0] : "store", a->muni);
            run_free(r);
            return EXIT_INPUT;
        }
        r->idx = (size_t)(m - r->data->muni);
    }
    return EXIT_OK;
}

static int ind_decimals(int ind)
{
    const char *u = jk_dg_ind_get(ind)->unit;
    if (strcmp(u, "t/t") == 0 || strcmp(u, "kg/人日") == 0)
        return 3;
    if (strcmp(u, "円/人年") == 0 || strcmp(u, "円/t") == 0 ||
        strcmp(u, "tCO2/年") == 0)
        return 0;
    return 1;
}

static FILE *open_file(const char *path)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
    return fp;
}

/* ---- plants ---- */

static int dg_plants(cli *c, int argc, char **argv)
{
    dg_args a;
    table *t = table_new("MOE per-plant incineration survey (施設整備状況・"
                         "焼却施設): totals per year");
    int i, rc;
    jk_err err;

    if (!t)
        return EXIT_FAIL;
    if ((rc = parse("diagnose plants", argc, argv, &a))) {
        table_free(t);
        return rc;
    }
    if (a.flagged) {
        table_free(t);
        t = table_new("Suspicious rows (flags: gen = generation above 1.5 "
                      "MWh/t, comp = dry composition not 100 %, num = "
                      "text in a number, no_t = no tonnes)");
        if (!t)
            return EXIT_FAIL;
        table_col(t, "fiscal_year", COL_NUM);
        table_col(t, "line", COL_NUM);
        table_col(t, "body_code", COL_TEXT);
        table_col(t, "facility", COL_TEXT);
        table_col(t, "throughput_t", COL_NUM);
        table_col(t, "gen_mwh", COL_NUM);
        table_col(t, "flags", COL_TEXT);
    } else if (a.bands) {
        table_col(t, "fiscal_year", COL_NUM);
        table_col(t, "capacity_tpd", COL_TEXT);
        table_col(t, "plants_gen", COL_NUM);
        table_col(t, "kwh_t_p25", COL_NUM);
        table_col(t, "kwh_t_median", COL_NUM);
        table_col(t, "kwh_t_p75", COL_NUM);
        table_col(t, "plants_comp", COL_NUM);
        table_col(t, "plastic_dry_pct_median", COL_NUM);
        table_col(t, "fossil_kgco2_t_p25", COL_NUM);
        table_col(t, "fossil_kgco2_t_median", COL_NUM);
        table_col(t, "fossil_kgco2_t_p75", COL_NUM);
    } else {
        table_col(t, "fiscal_year", COL_NUM);
        table_col(t, "rows", COL_NUM);
        table_col(t, "flagged", COL_NUM);
        table_col(t, "gen_flagged", COL_NUM);
        table_col(t, "with_gen", COL_NUM);
        table_col(t, "throughput_t", COL_NUM);
        table_col(t, "gen_mwh", COL_NUM);
        table_col(t, "gen_mwh_clean", COL_NUM);
        table_col(t, "plastic_dry_pct", COL_NUM);
        table_col(t, "moisture_pct", COL_NUM);
        table_col(t, "kwh_t_median", COL_NUM);
    }
    for (i = 0; i < a.npath; i++) {
        jk_moe_plants *p = NULL;
        jk_moe_summary s;
        char b[10][48];
        size_t k;
        if (jk_moe_load(a.path[i], 0, NULL, &p, &err)) {
            table_free(t);
            return cli_fail(c, &err);
        }
        if (a.flagged) {
            for (k = 0; k < p->n; k++) {
                const jk_moe_plant *pl = &p->plant[k];
                if (!(pl->flags & ~(unsigned)JK_MOE_FLAG_NO_THROUGHPUT))
                    continue;
                jk_snprintf(b[0], sizeof(b[0]), "%s%s%s%s",
                            pl->flags & JK_MOE_FLAG_GEN_PER_T ? "gen " : "",
                            pl->flags & JK_MOE_FLAG_COMPOSITION ? "comp " : "",
                            pl->flags & JK_MOE_FLAG_BAD_NUMBER ? "num " : "",
                            pl->flags & JK_MOE_FLAG_NO_THROUGHPUT ? "no_t"
                                                                  : "");
                table_row(t);
                table_setf(t, 0, "%d", p->fiscal_year);
                table_setf(t, 1, "%ld", pl->line);
                table_set(t, 2, pl->body_code);
                table_set(t, 3, pl->name);
                table_set(t, 4, fmt(pl->throughput_t, 0, b[1], 48));
                table_set(t, 5, fmt(pl->gen_mwh, 0, b[2], 48));
                table_set(t, 6, jk_str_trim(b[0]));
            }
        } else if (a.bands) {
            jk_moe_band bd[JK_MOE_NBANDS];
            jk_dg_ref *ref = NULL;
            double ef = (double)NAN;
            if (jk_dg_ref_load(a.ref, &ref, &err) == JK_OK)
                ef = jk_dg_ref_param(ref, "plastic_ef");
            jk_dg_ref_free(ref);
            if (jk_moe_bands(p, ef, bd, &err)) {
                jk_moe_free(p);
                table_free(t);
                return cli_fail(c, &err);
            }
            for (k = 0; k < JK_MOE_NBANDS; k++) {
                table_row(t);
                table_setf(t, 0, "%d", p->fiscal_year);
                table_set(t, 1, bd[k].band);
                table_setf(t, 2, "%zu", bd[k].kwh_per_t.n);
                table_set(t, 3, fmt(bd[k].kwh_per_t.q1, 0, b[0], 48));
                table_set(t, 4, fmt(bd[k].kwh_per_t.median, 0, b[1], 48));
                table_set(t, 5, fmt(bd[k].kwh_per_t.q3, 0, b[2], 48));
                table_setf(t, 6, "%zu", bd[k].plastic_dry_pct.n);
                table_set(t, 7, fmt(bd[k].plastic_dry_pct.median, 1, b[3], 48));
                table_set(t, 8, fmt(bd[k].fossil_kg_per_t.q1, 0, b[4], 48));
                table_set(t, 9, fmt(bd[k].fossil_kg_per_t.median, 0, b[5], 48));
                table_set(t, 10, fmt(bd[k].fossil_kg_per_t.q3, 0, b[6], 48));
            }
        } else {
            jk_moe_summarise(p, &s);
            table_row(t);
            table_setf(t, 0, "%d", p->fiscal_year);
            table_setf(t, 1, "%zu", s.rows);
            table_setf(t, 2, "%zu", s.flagged);
            table_setf(t, 3, "%zu", s.flagged_gen);
            table_setf(t, 4, "%zu", s.with_gen);
            table_set(t, 5, fmt(s.throughput_t, 0, b[0], 48));
            table_set(t, 6, fmt(s.gen_mwh, 0, b[1], 48));
            table_set(t, 7, fmt(s.gen_mwh_clean, 0, b[2], 48));
            table_set(t, 8, fmt(s.plastic_dry_pct_w, 2, b[3], 48));
            table_set(t, 9, fmt(s.moisture_pct_w, 2, b[4], 48));
            table_set(t, 10, fmt(s.kwh_per_t_p50, 1, b[5], 48));
        }
        jk_moe_free(p);
    }
    rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    return rc;
}

/* ---- prefill: composition.csv from the survey ---- */

static int dg_prefill(cli *c, int argc, char **argv)
{
    dg_args a;
    jk_moe_plants *p = NULL;
    jk_dg_data *only = NULL;
    jk_err err;
    int rc;
    if ((rc = parse("diagnose prefill", argc, argv, &a)))
        return rc;
    if (jk_moe_load(a.path[0], 0, NULL, &p, &err) ||
        (a.npath > 1 && jk_dg_data_load(a.path[1], &only, &err)))
        rc = cli_fail(c, &err);
    else if (jk_moe_prefill(p, only, stdout, &err))
        rc = cli_fail(c, &err);
    jk_dg_data_free(only);
    jk_moe_free(p);
    return rc;
}

/* ---- national ---- */

static const int national_cols[] = {JK_DG_T1, JK_DG_T2, JK_DG_T3, JK_DG_T4,
                                    JK_DG_T5, JK_DG_I2, JK_DG_I7, JK_DG_I8,
                                    JK_DG_I9, JK_DG_I10};

int cli_diagnose_national(cli *c, const jk_dg_national *n, const jk_dg_data *d,
                          cli_format f, FILE *out)
{
    table *t = table_new("Municipal diagnosis: every municipality "
                         "(indicators: junkan help diagnose)");
    size_t i, k, nc = sizeof(national_cols) / sizeof(national_cols[0]);
    int rc;
    (void)c;
    if (!t)
        return EXIT_FAIL;
    table_col(t, "muni_code", COL_TEXT);
    table_col(t, "name", COL_TEXT);
    table_col(t, "type", COL_TEXT);
    table_col(t, "group", COL_TEXT);
    for (k = 0; k < nc; k++)
        table_col(t, jk_dg_ind_get(national_cols[k])->id, COL_NUM);
    table_col(t, "implausible", COL_TEXT);
    for (i = 0; i < d->n; i++) {
        const double *v = jk_dg_national_values(n, i);
        char b[48], fl[128];
        if (table_row(t) || table_set(t, 0, d->muni[i].code) ||
            table_set(t, 1, d->muni[i].name) ||
            table_set(t, 2, jk_dg_national_type(n, i)) ||
            table_set(t, 3, jk_dg_national_group(n, i))) {
            table_free(t);
            return EXIT_FAIL;
        }
        for (k = 0; k < nc; k++)
            table_set(t, 4 + (int)k,
                      fmt(v[national_cols[k]], ind_decimals(national_cols[k]),
                          b, sizeof(b)));
        table_set(t, 4 + (int)nc, jk_dg_national_flags(n, i, fl, sizeof(fl)));
    }
    rc = table_print(t, f, out) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    return rc;
}

static int dg_national(cli *c, int argc, char **argv)
{
    dg_args a;
    run r;
    int rc;
    if ((rc = parse("diagnose national", argc, argv, &a)) ||
        (rc = run_load(c, "diagnose national", &a, false, &r)))
        return rc;
    rc = cli_diagnose_national(c, r.nat, r.data, c->format, stdout);
    run_free(&r);
    return rc;
}

/* ---- peers ---- */

static int dg_peers(cli *c, int argc, char **argv)
{
    dg_args a;
    run r;
    table *t;
    size_t g;
    int rc, ind;
    if ((rc = parse("diagnose peers", argc, argv, &a)) ||
        (rc = run_load(c, "diagnose peers", &a, false, &r)))
        return rc;
    t = table_new("Peer statistics per group (types merged below the "
                  "minimum group size)");
    if (!t) {
        run_free(&r);
        return EXIT_FAIL;
    }
    table_col(t, "group", COL_TEXT);
    table_col(t, "indicator", COL_TEXT);
    table_col(t, "unit", COL_TEXT);
    table_col(t, "n", COL_NUM);
    table_col(t, "mean", COL_NUM);
    table_col(t, "sd", COL_NUM);
    table_col(t, "q1", COL_NUM);
    table_col(t, "median", COL_NUM);
    table_col(t, "q3", COL_NUM);
    for (g = 0; g < jk_dg_national_ngroups(r.nat); g++)
        for (ind = 0; ind < JK_DG_NIND; ind++) {
            const jk_dg_stats *s = jk_dg_national_stats(r.nat, g, ind);
            const jk_dg_ind_info *in = jk_dg_ind_get(ind);
            int dec = ind_decimals(ind);
            char b[5][48];
            if (!s->n || (a.ind && strcmp(a.ind, in->id) != 0))
                continue;
            table_row(t);
            table_set(t, 0, jk_dg_national_group_name(r.nat, g));
            table_set(t, 1, in->id);
            table_set(t, 2, in->unit);
            table_setf(t, 3, "%zu", s->n);
            table_set(t, 4, fmt(s->mean, dec, b[0], 48));
            table_set(t, 5, fmt(s->sd, dec, b[1], 48));
            table_set(t, 6, fmt(s->q1, dec, b[2], 48));
            table_set(t, 7, fmt(s->median, dec, b[3], 48));
            table_set(t, 8, fmt(s->q3, dec, b[4], 48));
        }
    rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    run_free(&r);
    return rc;
}

/* ---- run: one municipality ---- */

int cli_diagnose_indicators(const jk_dg_national *n, size_t i, cli_format f,
                            FILE *out)
{
    table *t = table_new("現状把握: indicators against the peer group "
                         "(deviation: higher is better; potential: gap to "
                         "the top quartile, t/yr)");
    int ind, rc;
    bool wide = f != FMT_TABLE;
    if (!t)
        return EXIT_FAIL;
    table_col(t, "id", COL_TEXT);
    table_col(t, wide ? "name_ja" : "indicator", COL_TEXT);
    if (wide)
        table_col(t, "name_en", COL_TEXT);
    table_col(t, "value", COL_NUM);
    table_col(t, "unit", COL_TEXT);
    table_col(t, "peers", COL_NUM);
    table_col(t, "mean", COL_NUM);
    table_col(t, "p25", COL_NUM);
    table_col(t, "p75", COL_NUM);
    table_col(t, "index", COL_NUM);
    table_col(t, "deviation", COL_NUM);
    table_col(t, "percentile", COL_NUM);
    table_col(t, "potential_t", COL_NUM);
    if (wide)
        table_col(t, "formula", COL_TEXT);
    for (ind = 0; ind < JK_DG_NIND; ind++) {
        const jk_dg_ind_info *in = jk_dg_ind_get(ind);
        jk_dg_compare cmp;
        int dec = ind_decimals(ind), k = 0;
        char b[9][48];
        if (jk_dg_national_compare(n, i, ind, &cmp) || isnan(cmp.value))
            continue;
        table_row(t);
        table_set(t, k++, in->id);
        table_set(t, k++, in->name_ja);
        if (wide)
            table_set(t, k++, in->name_en);
        table_set(t, k++, fmt(cmp.value, dec, b[0], 48));
        table_set(t, k++, in->unit);
        table_setf(t, k++, "%zu", cmp.peers->n);
        table_set(t, k++, fmt(cmp.peers->mean, dec, b[1], 48));
        table_set(t, k++, fmt(cmp.peers->q1, dec, b[2], 48));
        table_set(t, k++, fmt(cmp.peers->q3, dec, b[3], 48));
        table_set(t, k++, fmt(cmp.index, 1, b[4], 48));
        table_set(t, k++, fmt(cmp.deviation, 1, b[5], 48));
        table_set(t, k++, fmt(cmp.percentile, 0, b[6], 48));
        table_set(t, k++, fmt(cmp.potential_t, 0, b[7], 48));
        if (wide)
            table_set(t, k++, in->formula);
    }
    rc = table_print(t, f, out) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    return rc;
}

int cli_diagnose_measures(const jk_dg_plan *p, cli_format f, FILE *out)
{
    table *t = table_new("改善提案・効果算定: measures ranked by GHG saved, "
                         "and combined (negative = saving)");
    size_t k;
    int rc;
    if (!t)
        return EXIT_FAIL;
    table_col(t, "id", COL_TEXT);
    table_col(t, "measure", COL_TEXT);
    table_col(t, "fraction", COL_TEXT);
    table_col(t, "target_pct", COL_NUM);
    table_col(t, "recovered_t", COL_NUM);
    table_col(t, "ghg_tco2e", COL_NUM);
    table_col(t, "final_disposal_t", COL_NUM);
    table_col(t, "final_disposal_m3", COL_NUM);
    table_col(t, "landfill_life_yr", COL_NUM);
    table_col(t, "cost_kyen", COL_NUM);
    table_col(t, "yen_per_t", COL_NUM);
    table_col(t, "yen_per_tco2e", COL_NUM);
    for (k = 0; k <= p->n; k++) {
        const jk_dg_effect *e = k < p->n ? &p->m[k] : &p->combined;
        char b[10][48];
        table_row(t);
        table_set(t, 0, e->id);
        table_set(t, 1, e->name_ja);
        table_set(t, 2,
                  e->fraction >= -1 ? jk_dg_fraction_name(e->fraction) : "");
        table_set(t, 3, fmt(e->target_capture, 1, b[0], 48));
        table_set(t, 4, fmt(e->moved_t, 0, b[1], 48));
        table_set(t, 5, fmt(e->ghg_t, 0, b[2], 48));
        table_set(t, 6, fmt(e->fd_t, 0, b[3], 48));
        table_set(t, 7, fmt(e->fd_m3, 0, b[4], 48));
        table_set(t, 8, fmt(e->life_gain_yr, 2, b[5], 48));
        table_set(t, 9, fmt(e->cost_kyen, 0, b[6], 48));
        table_set(t, 10, fmt(e->yen_per_t, 0, b[7], 48));
        table_set(t, 11, fmt(e->yen_per_tco2, 0, b[8], 48));
    }
    rc = table_print(t, f, out) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    return rc;
}

/* Write the HTML (lang "ja"/"en") or, with lang NULL, the JSON report
 * of municipality i of r to path. */
static int write_html(cli *c, run *r, size_t i, const char *lang,
                      const char *path)
{
    jk_dg_plan *p = NULL;
    jk_err err;
    FILE *fp;
    int rc = EXIT_OK;
    if (jk_dg_plan_new(r->nat, i, r->ref, &p, &err))
        return cli_fail(c, &err);
    if (!(fp = open_file(path))) {
        jk_dg_plan_free(p);
        return EXIT_FAIL;
    }
    if (lang ? jk_dg_report_html(r->nat, i, p, lang, fp, &err)
             : jk_dg_report_json(r->nat, i, p, fp, &err))
        rc = cli_fail(c, &err);
    if (fclose(fp) != 0 && rc == EXIT_OK)
        rc = EXIT_FAIL;
    jk_dg_plan_free(p);
    return rc;
}

static int dg_run(cli *c, int argc, char **argv)
{
    dg_args a;
    run r;
    int rc;
    if ((rc = parse("diagnose run", argc, argv, &a)) ||
        (rc = run_load(c, "diagnose run", &a, true, &r)))
        return rc;
    if (c->format == FMT_TABLE) {
        const jk_dg_muni *m = &r.data->muni[r.idx];
        printf("%s (%s) FY%d: type %s, peer group %s (%zu municipalities "
               "loaded)\n\n",
               m->name, m->code, m->fiscal_year,
               jk_dg_national_type(r.nat, r.idx),
               jk_dg_national_group(r.nat, r.idx), r.data->n);
    }
    rc = cli_diagnose_indicators(r.nat, r.idx, c->format, stdout);
    if (rc == EXIT_OK && a.xlsx) {
        jk_dg_plan *p = NULL;
        jk_err err;
        if (jk_dg_plan_new(r.nat, r.idx, r.ref, &p, &err) ||
            jk_dg_report_xlsx(r.nat, r.idx, p, a.lang, a.xlsx, &err))
            rc = cli_fail(c, &err);
        jk_dg_plan_free(p);
    }
    if (rc == EXIT_OK && a.html)
        rc = write_html(c, &r, r.idx, a.lang, a.html);
    if (rc == EXIT_OK && a.json)
        rc = write_html(c, &r, r.idx, NULL, a.json);
    run_free(&r);
    return rc;
}

static int dg_measures(cli *c, int argc, char **argv)
{
    dg_args a;
    run r;
    jk_dg_plan *p = NULL;
    jk_err err;
    int rc;
    if ((rc = parse("diagnose measures", argc, argv, &a)) ||
        (rc = run_load(c, "diagnose measures", &a, true, &r)))
        return rc;
    if (jk_dg_plan_new(r.nat, r.idx, r.ref, &p, &err))
        rc = cli_fail(c, &err);
    else
        rc = cli_diagnose_measures(p, c->format, stdout);
    jk_dg_plan_free(p);
    run_free(&r);
    return rc;
}

/* ---- structural analysis ---- */

int cli_diagnose_dematel(cli *c, const char *path, double threshold,
                         const char *svg, cli_format f, FILE *out)
{
    jk_dg_matrix *m = NULL;
    jk_dg_dematel *d = NULL;
    table *t;
    jk_err err;
    size_t i;
    int rc = EXIT_OK;

    if (jk_dg_matrix_load(path, &m, &err) ||
        jk_dg_dematel_run(m, threshold, &d, &err)) {
        jk_dg_matrix_free(m);
        return cli_fail(c, &err);
    }
    t = table_new("DEMATEL: D = influence given, R = received; D+R "
                  "prominence (中心度), D−R relation (原因度)");
    if (!t)
        rc = EXIT_FAIL;
    if (t) {
        table_col(t, "factor", COL_TEXT);
        table_col(t, "D", COL_NUM);
        table_col(t, "R", COL_NUM);
        table_col(t, "D_plus_R", COL_NUM);
        table_col(t, "D_minus_R", COL_NUM);
        table_col(t, "group", COL_TEXT);
        for (i = 0; i < m->n; i++) {
            table_row(t);
            table_set(t, 0, m->name[i]);
            table_setf(t, 1, "%.4f", d->d[i]);
            table_setf(t, 2, "%.4f", d->r[i]);
            table_setf(t, 3, "%.4f", d->d[i] + d->r[i]);
            table_setf(t, 4, "%.4f", d->d[i] - d->r[i]);
            table_set(t, 5, d->d[i] - d->r[i] > 0 ? "cause" : "effect");
        }
        if (table_print(t, f, out))
            rc = EXIT_FAIL;
        if (rc == EXIT_OK && f == FMT_TABLE)
            fprintf(out, "(arcs in the impact diagram: t_ij > %.4f)\n",
                    d->threshold);
        table_free(t);
    }
    if (rc == EXIT_OK && svg) {
        FILE *fp = open_file(svg);
        if (!fp)
            rc = EXIT_FAIL;
        else {
            if (jk_dg_dematel_svg(m, d, fp, &err))
                rc = cli_fail(c, &err);
            if (fclose(fp) != 0 && rc == EXIT_OK)
                rc = EXIT_FAIL;
        }
    }
    jk_dg_dematel_free(d);
    jk_dg_matrix_free(m);
    return rc;
}

static int dg_dematel(cli *c, int argc, char **argv)
{
    dg_args a;
    int rc;
    if ((rc = parse("diagnose dematel", argc, argv, &a)))
        return rc;
    return cli_diagnose_dematel(c, a.path[0], a.threshold, a.svg, c->format,
                                stdout);
}

static int dg_ism(cli *c, int argc, char **argv)
{
    dg_args a;
    jk_dg_matrix *m = NULL;
    jk_err err;
    table *t;
    int *level, nl = 0, rc;
    size_t i;
    if ((rc = parse("diagnose ism", argc, argv, &a)))
        return rc;
    if (jk_dg_matrix_load(a.path[0], &m, &err))
        return cli_fail(c, &err);
    level = jk_calloc(m->n + 1, sizeof(*level));
    t = table_new("ISM levels (1 = top: the outcomes; the highest level "
                  "holds the root causes)");
    if (!level || !t) {
        jk_free(level);
        table_free(t);
        jk_dg_matrix_free(m);
        return EXIT_FAIL;
    }
    if (jk_dg_ism(m, isnan(a.threshold) ? 0 : a.threshold, level, &nl, NULL,
                  &err)) {
        rc = cli_fail(c, &err);
    } else {
        table_col(t, "factor", COL_TEXT);
        table_col(t, "level", COL_NUM);
        for (i = 0; i < m->n; i++) {
            table_row(t);
            table_set(t, 0, m->name[i]);
            table_setf(t, 1, "%d", level[i]);
        }
        rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    }
    jk_free(level);
    table_free(t);
    jk_dg_matrix_free(m);
    return rc;
}

/* ---- import ---- */

static int dg_import(cli *c, int argc, char **argv)
{
    dg_args a;
    jk_dg_data *d = NULL;
    jk_store *s = NULL;
    int64_t rows = 0;
    jk_err err;
    int rc;
    if ((rc = parse("diagnose import", argc, argv, &a)))
        return rc;
    if (a.npath != 1)
        return cli_usage("diagnose import", "import one directory (or JSON "
                                            "document) at a time");
    /* Check every file before a store is created for nothing. */
    if (jk_dg_data_load(a.path[0], &d, &err))
        return cli_fail(c, &err);
    if ((rc = cli_open(c, true, &s))) {
        jk_dg_data_free(d);
        return rc;
    }
    if (jk_store_begin(s, &err) || jk_dg_data_save(s, d, &rows, &err) ||
        jk_store_log_import(s, a.path[0], "diagnosis", rows, &err) ||
        jk_store_commit(s, &err)) {
        jk_store_rollback(s);
        rc = cli_fail(c, &err);
    } else if (!c->quiet) {
        fprintf(stderr,
                "junkan: imported the diagnosis input of %zu "
                "municipalities (%lld rows)\n",
                d->n, (long long)rows);
    }
    jk_store_close(s);
    jk_dg_data_free(d);
    return rc;
}

int cmd_diagnose(cli *c, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(cli *, int, char **);
    } sub[] = {{"import", dg_import},
               {"plants", dg_plants},
               {"prefill", dg_prefill},
               {"national", dg_national},
               {"peers", dg_peers},
               {"run", dg_run},
               {"measures", dg_measures},
               {"dematel", dg_dematel},
               {"ism", dg_ism}};
    size_t i;
    if (argc < 2)
        return cli_usage("diagnose",
                         "diagnose what? (import, plants, prefill, national, "
                         "peers, run, measures, dematel, ism)");
    for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
        if (strcmp(argv[1], sub[i].name) == 0)
            return sub[i].fn(c, argc, argv);
    return cli_usage("diagnose", "unknown diagnose command \"%s\"", argv[1]);
}

/* ---- demo ---- */

/*
 * The diagnosis part of `junkan demo`: the two demo municipalities of
 * DATA/diagnosis (with synthetic peers) into OUT: a national table,
 * each municipality's indicators, measures and HTML report (ja, en),
 * and the DEMATEL of the demo issues.
 */
int demo_diagnosis(cli *c, const char *data, const char *outdir)
{
    static const char *const demo[] = {"90001", "90002"};
    char dir[4096], path[4096];
    dg_args a;
    run r;
    size_t k;
    int rc;
    FILE *fp;

    memset(&a, 0, sizeof(a));
    jk_snprintf(dir, sizeof(dir), "%s/diagnosis", data);
    a.path[0] = dir;
    a.npath = 1;
    a.ref = JK_DEFAULT_DATA_DIR "/diagnosis";
    if ((rc = run_load(c, "demo", &a, false, &r)))
        return rc;
    jk_snprintf(path, sizeof(path), "%s/diagnosis-national.csv", outdir);
    if (!(fp = open_file(path))) {
        run_free(&r);
        return EXIT_FAIL;
    }
    rc = cli_diagnose_national(c, r.nat, r.data, FMT_CSV, fp);
    if (fclose(fp) != 0 && rc == EXIT_OK)
        rc = EXIT_FAIL;
    if (c->format == FMT_TABLE && rc == EXIT_OK)
        printf("\nMunicipal diagnosis (%zu municipalities: two demo cities "
               "and synthetic peers):\n",
               r.data->n);
    for (k = 0; rc == EXIT_OK && k < 2; k++) {
        const jk_dg_muni *m = jk_dg_data_find(r.data, demo[k]);
        size_t i;
        jk_dg_plan *p = NULL;
        jk_err err;
        if (!m) {
            fprintf(stderr, "junkan: %s: no demo municipality %s\n", dir,
                    demo[k]);
            rc = EXIT_INPUT;
            break;
        }
        i = (size_t)(m - r.data->muni);
        if (jk_dg_plan_new(r.nat, i, r.ref, &p, &err)) {
            rc = cli_fail(c, &err);
            break;
        }
        if (c->format == FMT_TABLE) {
            jk_dg_compare cmp;
            jk_dg_national_compare(r.nat, i, JK_DG_I2, &cmp);
            printf("  %s (%s): type %s, recycling rate %.1f %% (偏差値 "
                   "%.1f), all measures: %.0f t recovered, %.0f tCO2e/yr, "
                   "%.0f 千円/yr\n",
                   m->name, m->code, jk_dg_national_type(r.nat, i), cmp.value,
                   cmp.deviation, p->combined.moved_t, p->combined.ghg_t,
                   p->combined.cost_kyen);
        }
        jk_snprintf(path, sizeof(path), "%s/diagnosis-%s-measures.csv", outdir,
                    m->code);
        if ((fp = open_file(path))) {
            rc = cli_diagnose_measures(p, FMT_CSV, fp);
            if (fclose(fp) != 0 && rc == EXIT_OK)
                rc = EXIT_FAIL;
        } else {
            rc = EXIT_FAIL;
        }
        jk_snprintf(path, sizeof(path), "%s/diagnosis-%s.xlsx", outdir,
                    m->code);
        if (rc == EXIT_OK && jk_dg_report_xlsx(r.nat, i, p, "ja", path, &err))
            rc = cli_fail(c, &err);
        jk_dg_plan_free(p);
        jk_snprintf(path, sizeof(path), "%s/diagnosis-%s.json", outdir,
                    m->code);
        if (rc == EXIT_OK)
            rc = write_html(c, &r, i, NULL, path);
        jk_snprintf(path, sizeof(path), "%s/diagnosis-%s-ja.html", outdir,
                    m->code);
        if (rc == EXIT_OK)
            rc = write_html(c, &r, i, "ja", path);
        jk_snprintf(path, sizeof(path), "%s/diagnosis-%s-en.html", outdir,
                    m->code);
        if (rc == EXIT_OK)
            rc = write_html(c, &r, i, "en", path);
    }
    run_free(&r);
    if (rc == EXIT_OK) {
        jk_snprintf(path, sizeof(path), "%s/diagnosis/issues.csv", data);
        jk_snprintf(dir, sizeof(dir), "%s/diagnosis-dematel.svg", outdir);
        fp = fopen("/dev/null", "w");
        rc = cli_diagnose_dematel(c, path, (double)NAN, dir, FMT_CSV,
                                  fp ? fp : stdout);
        if (fp)
            fclose(fp);
    }
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        printf("  reports: diagnosis-national.csv, diagnosis-CODE.json, "
               "diagnosis-CODE.xlsx, diagnosis-CODE-measures.csv, "
               "diagnosis-CODE-ja.html, "
               "diagnosis-CODE-en.html, diagnosis-dematel.svg\n");
    return rc;
}
