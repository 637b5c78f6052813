/*
 * junkan market: secondary-material listings, matching, explanations,
 * the gap report, offtake agreements and deliveries, from the terminal.
 *
 * Listings come from the files named on the command line (listings,
 * grades, permits and exclusions files, told apart by their header), or,
 * when no listings file is named, from the store (with the decisions
 * recorded there). Rules files are never stored: they are data the
 * matching reads each time.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"

typedef struct mkt_args {
    const char *files[64]; /* positional files */
    int n_files;
    const char *pos[2]; /* positional ids (agree, reject, deliver, explain) */
    int n_pos;
    jk_mkt_opts o;
    const char *svg;    /* gap: chart file */
    const char *xlsx;   /* gap: workbook file */
    const char *outdir; /* match: write every report here */
    const char *volume; /* agree: grams per period */
    const char *mass;   /* deliver */
    const char *period; /* deliver */
    const char *note;   /* agree, reject */
    const char *ref;    /* deliver */
    const char *side;   /* list */
    jk_mkt_weights w;   /* rank */
    int top;            /* rank */
} mkt_args;

static jk_mkt_format fmt(cli_format f)
{
    return f == FMT_CSV    ? JK_MKT_CSV
           : f == FMT_JSON ? JK_MKT_JSON
                           : JK_MKT_TABLE;
}

static int num(const char *cmd, const char *opt, const char *v, double *out)
{
    if (jk_parse_double(v, out) != JK_OK || !isfinite(*out))
        return cli_usage(cmd, "%s takes a number, not \"%s\"", opt, v);
    return EXIT_OK;
}

/* Options of every market subcommand; ids says how many positional ids
 * the subcommand takes before its files. */
static int parse(const char *cmd, int argc, char **argv, int ids, mkt_args *a)
{
    int i, rc;
    double v;
    memset(a, 0, sizeof(*a));
    jk_mkt_opts_init(&a->o);
    jk_mkt_weights_init(&a->w);
    a->top = 5;
    for (i = 2; i < argc; i++) {
        const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-') {
            if (a->n_pos < ids) {
                a->pos[a->n_pos++] = o;
            } else {
                if (a->n_files == 64)
                    return cli_usage(cmd, "at most 64 files");
                a->files[a->n_files++] = o;
            }
            continue;
        }
        if (!val)
            return cli_usage(cmd, "%s needs a value", o);
        i++;
        if (strcmp(o, "--k") == 0) {
            if ((rc = num(cmd, o, val, &v)))
                return rc;
            if (v < 1 || v > 10000)
                return cli_usage(cmd, "--k is from 1 to 10000");
            a->o.k = (int)v;
        } else if (strcmp(o, "--max-km") == 0) {
            if ((rc = num(cmd, o, val, &a->o.max_km)))
                return rc;
        } else if (strcmp(o, "--carbon-price") == 0) {
            if ((rc = num(cmd, o, val, &a->o.carbon_price)))
                return rc;
        } else if (strcmp(o, "--unmet-penalty") == 0) {
            if ((rc = num(cmd, o, val, &a->o.unmet_penalty)))
                return rc;
        } else if (strcmp(o, "--unplaced-penalty") == 0) {
            if ((rc = num(cmd, o, val, &a->o.unplaced_penalty)))
                return rc;
        } else if (strcmp(o, "--hub-km") == 0) {
            if ((rc = num(cmd, o, val, &a->o.hub_km)))
                return rc;
        } else if (strcmp(o, "--detour") == 0) {
            if ((rc = num(cmd, o, val, &a->o.detour)))
                return rc;
        } else if (strcmp(o, "--svg") == 0) {
            a->svg = val;
        } else if (strcmp(o, "--xlsx") == 0) {
            a->xlsx = val;
        } else if (strcmp(o, "--out") == 0) {
            a->outdir = val;
        } else if (strcmp(o, "--volume") == 0) {
            a->volume = val;
        } else if (strcmp(o, "--mass") == 0) {
            a->mass = val;
        } else if (strcmp(o, "--period") == 0) {
            a->period = val;
        } else if (strcmp(o, "--note") == 0) {
            a->note = val;
        } else if (strcmp(o, "--ref") == 0) {
            a->ref = val;
        } else if (strcmp(o, "--top") == 0) {
            if ((rc = num(cmd, o, val, &v)))
                return rc;
            if (v < 1 || v > 1000)
                return cli_usage(cmd, "--top is from 1 to 1000");
            a->top = (int)v;
        } else if (strcmp(o, "--weights") == 0) {
            double x[4];
            char buf[128], *p = buf, *e;
            int k;
            jk_strlcpy(buf, val, sizeof(buf));
            for (k = 0; k < 4; k++) {
                e = strchr(p, ',');
                if (e)
                    *e = '\0';
                if ((k < 3 && !e) || jk_parse_double(p, &x[k]) || x[k] < 0)
                    return cli_usage(cmd, "--weights takes four numbers >= 0: "
                                          "material,process,capacity,"
                                          "distance");
                p = e ? e + 1 : p;
            }
            a->w.material = x[0];
            a->w.process = x[1];
            a->w.capacity = x[2];
            a->w.distance = x[3];
        } else if (strcmp(o, "--side") == 0) {
            if (strcmp(val, "supply") != 0 && strcmp(val, "demand") != 0)
                return cli_usage(cmd, "--side is supply or demand");
            a->side = val;
        } else {
            return cli_usage(cmd, "unknown option \"%s\"", o);
        }
    }
    if (a->n_pos < ids)
        return cli_usage(cmd, "needs %s",
                         ids == 1 ? "a listing id"
                                  : "a supply and a demand "
                                    "listing id");
    return EXIT_OK;
}

/* The market from the files, or from the store when no file had a
 * listing. *s is left open when from_store (NULL otherwise). */
static int load(cli *c, const mkt_args *a, bool need_store, jk_market **out,
                jk_store **s)
{
    jk_market *m = jk_market_new();
    jk_err err;
    int i, rc;

    *out = NULL;
    if (s)
        *s = NULL;
    if (!m) {
        fprintf(stderr, "junkan: out of memory\n");
        return EXIT_FAIL;
    }
    for (i = 0; i < a->n_files; i++)
        if (jk_market_load(m, a->files[i], &err) != JK_OK) {
            jk_market_free(m);
            return cli_fail(c, &err);
        }
    if (need_store || jk_market_n_listings(m) == 0) {
        jk_store *st = NULL;
        if ((rc = cli_open(c, false, &st))) {
            jk_market_free(m);
            return rc;
        }
        if (jk_market_load_store(m, st, &err) != JK_OK) {
            jk_store_close(st);
            jk_market_free(m);
            return cli_fail(c, &err);
        }
        if (s)
            *s = st;
        else
            jk_store_close(st);
    }
    *out = m;
    return EXIT_OK;
}

static int do_match(cli *c, const mkt_args *a, jk_market **m, jk_mkt_result **r)
{
    jk_err err;
    int rc = load(c, a, false, m, NULL);
    if (rc)
        return rc;
    if (jk_market_match(*m, &a->o, r, &err) != JK_OK) {
        jk_market_free(*m);
        *m = NULL;
        return cli_fail(c, &err);
    }
    return EXIT_OK;
}

static int market_import(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    jk_store *s = NULL;
    jk_err err;
    int rc = parse("market", argc, argv, 0, &a);
    if (rc)
        return rc;
    if (!a.n_files)
        return cli_usage("market", "import needs listings files");
    if ((rc = load(c, &a, false, &m, NULL)))
        return rc;
    if ((rc = cli_open(c, true, &s)) == EXIT_OK) {
        if (jk_market_save(m, s, &err) != JK_OK) {
            rc = cli_fail(c, &err);
            fprintf(stderr, "junkan: nothing was imported\n");
        } else if (!c->quiet) {
            fprintf(stderr, "junkan: %zu listings imported into %s\n",
                    jk_market_n_listings(m), c->db);
        }
        jk_store_close(s);
    }
    jk_market_free(m);
    return rc;
}

static int market_list(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    table *t;
    size_t i;
    char b[64];
    int rc = parse("market", argc, argv, 0, &a);
    if (rc)
        return rc;
    if ((rc = load(c, &a, false, &m, NULL)))
        return rc;
    t = table_new("Market listings");
    table_col(t, "id", COL_TEXT);
    table_col(t, "side", COL_TEXT);
    table_col(t, "org", COL_TEXT);
    table_col(t, "material", COL_TEXT);
    table_col(t, "grade", COL_TEXT);
    table_col(t, "t", COL_NUM);
    table_col(t, "per", COL_TEXT);
    table_col(t, "yen/t", COL_NUM);
    table_col(t, "lat", COL_NUM);
    table_col(t, "lon", COL_NUM);
    table_col(t, "status", COL_TEXT);
    for (i = 0; i < jk_market_n_listings(m); i++) {
        const jk_mkt_listing *l = jk_market_listing_at(m, i);
        const char *side = l->side == JK_MKT_SUPPLY ? "supply" : "demand";
        if (a.side && strcmp(a.side, side) != 0)
            continue;
        table_row(t);
        table_set(t, 0, l->id);
        table_set(t, 1, side);
        table_set(t, 2, l->org);
        table_set(t, 3, l->material);
        table_set(t, 4, l->grade);
        table_set(t, 5,
                  jk_mass_exact(l->grams, jk_unit_find("t"), b, sizeof(b)));
        table_set(t, 6, l->recurrence);
        table_setf(t, 7, "%.0f", l->price);
        table_setf(t, 8, "%.4f", l->lat);
        table_setf(t, 9, "%.4f", l->lon);
        table_set(t, 10, l->status);
    }
    rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    table_free(t);
    jk_market_free(m);
    return rc;
}

/* Write one report to dir/name. */
static int write_file(cli *c, const char *dir, const char *name,
                      const jk_market *m, const jk_mkt_result *r, int which,
                      jk_mkt_format f)
{
    char path[4096];
    FILE *fp;
    jk_err err;
    int rc;
    jk_snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!(fp = fopen(path, "w"))) {
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
        return EXIT_FAIL;
    }
    rc = which == 0   ? jk_mkt_write_allocs(m, r, f, fp, &err)
         : which == 1 ? jk_mkt_write_rests(m, r, f, fp, &err)
         : which == 2 ? jk_mkt_write_gap(m, r, f, fp, &err)
                      : jk_mkt_write_gap_svg(m, r, fp, &err);
    if (fclose(fp) != 0 && rc == JK_OK)
        rc = jk_err_set(&err, JK_EIO, path, "write failed");
    return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* Every report of a result into dir (used by match --out and the demo). */
static int write_reports(cli *c, const char *dir, const jk_market *m,
                         const jk_mkt_result *r)
{
    int rc;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "junkan: %s: cannot create: %s\n", dir,
                strerror(errno));
        return EXIT_FAIL;
    }
    if ((rc = write_file(c, dir, "market-allocations.csv", m, r, 0,
                         JK_MKT_CSV)) ||
        (rc = write_file(c, dir, "market-left.csv", m, r, 1, JK_MKT_CSV)) ||
        (rc = write_file(c, dir, "market-gap.csv", m, r, 2, JK_MKT_CSV)) ||
        (rc = write_file(c, dir, "market-gap.json", m, r, 2, JK_MKT_JSON)) ||
        (rc = write_file(c, dir, "market-gap.svg", m, r, 3, JK_MKT_TABLE)))
        return rc;
    {
        char path[4096];
        jk_err err;
        jk_snprintf(path, sizeof(path), "%s/market-gap.xlsx", dir);
        if (jk_mkt_write_xlsx(m, r, path, &err))
            return cli_fail(c, &err);
    }
    return EXIT_OK;
}

static void summary(const jk_market *m, const jk_mkt_result *r, FILE *out)
{
    jk_mass moved = 0;
    size_t i;
    char b[64];
    for (i = 0; i < jk_mkt_n_allocs(r); i++)
        moved += jk_mkt_alloc_at(r, i)->grams;
    fprintf(out,
            "%zu listings, %zu candidate pairs, %zu allocations moving %s "
            "a year; objective %.0f yen a year\n",
            jk_market_n_listings(m), jk_mkt_n_candidates(r), jk_mkt_n_allocs(r),
            jk_mass_format(moved, jk_unit_find("t"), 1, true, b, sizeof(b)),
            jk_mkt_total_cost(r));
}

static int market_match(cli *c, int argc, char **argv, bool gap)
{
    mkt_args a;
    jk_market *m;
    jk_mkt_result *r;
    jk_err err;
    int rc = parse("market", argc, argv, 0, &a);
    if (rc)
        return rc;
    if ((rc = do_match(c, &a, &m, &r)))
        return rc;
    if (gap) {
        rc = jk_mkt_write_gap(m, r, fmt(c->format), stdout, &err);
        if (rc == JK_OK && a.svg) {
            FILE *fp = fopen(a.svg, "w");
            if (!fp)
                rc = jk_err_set(&err, JK_EIO, a.svg, "cannot write: %s",
                                strerror(errno));
            else {
                rc = jk_mkt_write_gap_svg(m, r, fp, &err);
                if (fclose(fp) != 0 && !rc)
                    rc = jk_err_set(&err, JK_EIO, a.svg, "write failed");
            }
        }
        if (rc == JK_OK && a.xlsx)
            rc = jk_mkt_write_xlsx(m, r, a.xlsx, &err);
        rc = rc ? cli_fail(c, &err) : EXIT_OK;
    } else {
        if (c->format == FMT_TABLE)
            summary(m, r, stdout);
        if (c->format == FMT_TABLE)
            printf("\nAllocations (t a year; yen per tonne, negative = "
                   "gain):\n");
        rc = jk_mkt_write_allocs(m, r, fmt(c->format), stdout, &err);
        if (rc == JK_OK && c->format == FMT_TABLE) {
            printf("\nLeft unmatched:\n");
            rc = jk_mkt_write_rests(m, r, fmt(c->format), stdout, &err);
        }
        rc = rc ? cli_fail(c, &err) : EXIT_OK;
        if (rc == EXIT_OK && a.outdir)
            rc = write_reports(c, a.outdir, m, r);
    }
    jk_mkt_result_free(r);
    jk_market_free(m);
    return rc;
}

/* Why one listing got what it got. */
static int market_explain(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    jk_mkt_result *r;
    size_t i, n = 0;
    char b[64];
    int rc = parse("market", argc, argv, 1, &a);
    if (rc)
        return rc;
    if ((rc = do_match(c, &a, &m, &r)))
        return rc;
    for (i = 0; i < jk_mkt_n_allocs(r); i++) {
        const jk_mkt_alloc *x = jk_mkt_alloc_at(r, i);
        const char *s = jk_market_listing_at(m, x->supply)->id;
        const char *d = jk_market_listing_at(m, x->demand)->id;
        if (strcmp(s, a.pos[0]) && strcmp(d, a.pos[0]))
            continue;
        printf(
            "%s -> %s: %s a year, %.0f yen/t: %s\n", s, d,
            jk_mass_format(x->grams, jk_unit_find("t"), 1, true, b, sizeof(b)),
            x->cost, x->why);
        n++;
    }
    for (i = 0; i < jk_mkt_n_rests(r); i++) {
        const jk_mkt_rest *x = jk_mkt_rest_at(r, i);
        const jk_mkt_listing *l = jk_market_listing_at(m, x->listing);
        if (strcmp(l->id, a.pos[0]))
            continue;
        printf(
            "%s: %s a year %s (%s): %s\n", l->id,
            jk_mass_format(x->grams, jk_unit_find("t"), 1, true, b, sizeof(b)),
            l->side == JK_MKT_SUPPLY ? "unplaced" : "unmet", x->reason_code,
            x->why);
        n++;
    }
    if (!n) {
        size_t k;
        bool known = false;
        for (k = 0; k < jk_market_n_listings(m); k++)
            known |= strcmp(jk_market_listing_at(m, k)->id, a.pos[0]) == 0;
        if (!known) {
            fprintf(stderr, "junkan: %s: no such listing\n", a.pos[0]);
            rc = EXIT_INPUT;
        } else {
            printf("%s: not open, nothing to match\n", a.pos[0]);
        }
    }
    jk_mkt_result_free(r);
    jk_market_free(m);
    return rc;
}

static void utc_now(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int market_decide(cli *c, int argc, char **argv, jk_mkt_decision d)
{
    mkt_args a;
    jk_market *m;
    jk_store *s;
    jk_err err;
    jk_mass g = 0;
    char at[32];
    int rc = parse("market", argc, argv, 2, &a);
    if (rc)
        return rc;
    if (d == JK_MKT_CONFIRMED) {
        if (!a.volume)
            return cli_usage("market", "agree needs --volume (mass per "
                                       "period, e.g. 20t)");
        if (jk_mass_parse(a.volume, NULL, &g, &err) != JK_OK) {
            jk_snprintf(err.where, sizeof(err.where), "--volume");
            return cli_fail(c, &err);
        }
    }
    if ((rc = load(c, &a, true, &m, &s)))
        return rc;
    utc_now(at, sizeof(at));
    if (jk_market_decide(m, s, a.pos[0], a.pos[1], d, g, a.note, at, &err))
        rc = cli_fail(c, &err);
    else if (!c->quiet)
        fprintf(stderr, "junkan: %s -> %s %s\n", a.pos[0], a.pos[1],
                d == JK_MKT_CONFIRMED ? "agreed" : "rejected");
    jk_store_close(s);
    jk_market_free(m);
    return rc;
}

static int market_deliver(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    jk_store *s;
    jk_err err;
    jk_mass g = 0;
    int rc = parse("market", argc, argv, 2, &a);
    if (rc)
        return rc;
    if (!a.mass || !a.period)
        return cli_usage("market", "deliver needs --mass and --period");
    if (jk_mass_parse(a.mass, NULL, &g, &err) != JK_OK) {
        jk_snprintf(err.where, sizeof(err.where), "--mass");
        return cli_fail(c, &err);
    }
    if ((rc = load(c, &a, true, &m, &s)))
        return rc;
    if (jk_market_deliver(m, s, a.pos[0], a.pos[1], a.period, g, a.ref, &err))
        rc = cli_fail(c, &err);
    jk_store_close(s);
    jk_market_free(m);
    return rc;
}

/* deliver --from-ledger: the ledger's receipts as deliveries. */
static int market_deliver_ledger(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    jk_store *s;
    jk_ledger *lg = NULL;
    jk_mkt_sync_counts n;
    jk_err err;
    char *args[64];
    int i, k = 0, rc;

    for (i = 0; i < argc && k < 64; i++)
        if (strcmp(argv[i], "--from-ledger") != 0)
            args[k++] = argv[i];
    if (i < argc)
        return cli_usage("market", "too many arguments");
    if ((rc = parse("market", k, args, 0, &a)))
        return rc;
    if (a.n_files || a.mass || a.period || a.ref)
        return cli_usage("market", "deliver --from-ledger takes no ids, "
                                   "files, --mass, --period or --ref");
    if ((rc = load(c, &a, true, &m, &s)))
        return rc;
    if (jk_ledger_open(s, &lg, &err) != JK_OK ||
        jk_market_sync_deliveries(m, s, lg, fmt(c->format), stdout, &n, &err) !=
            JK_OK)
        rc = cli_fail(c, &err);
    else if (!c->quiet)
        fprintf(stderr,
                "junkan: deliveries from the ledger: %zu recorded, %zu "
                "recorded before; %zu receipts not recorded\n",
                n.recorded, n.already, n.skipped);
    jk_ledger_close(lg);
    jk_store_close(s);
    jk_market_free(m);
    return rc;
}

static int market_shortfall(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m;
    jk_store *s;
    jk_err err;
    int rc = parse("market", argc, argv, 0, &a);
    if (rc)
        return rc;
    if ((rc = load(c, &a, true, &m, &s)))
        return rc;
    if (jk_market_write_shortfall(m, s, fmt(c->format), stdout, &err))
        rc = cli_fail(c, &err);
    jk_store_close(s);
    jk_market_free(m);
    return rc;
}

/* Municipality-company ranking from challenge and capability files. */
static int market_rank(cli *c, int argc, char **argv)
{
    mkt_args a;
    jk_market *m = jk_market_new();
    jk_err err;
    int i, rc = parse("market", argc, argv, 0, &a);
    if (rc || !m) {
        jk_market_free(m);
        return rc ? rc : EXIT_FAIL;
    }
    if (!a.n_files) {
        jk_market_free(m);
        return cli_usage("market", "rank needs challenges and capabilities "
                                   "files");
    }
    for (i = 0; i < a.n_files && rc == EXIT_OK; i++)
        if (jk_market_load(m, a.files[i], &err) != JK_OK)
            rc = cli_fail(c, &err);
    if (rc == EXIT_OK &&
        jk_market_write_ranking(m, &a.w, a.top, fmt(c->format), stdout, &err))
        rc = cli_fail(c, &err);
    jk_market_free(m);
    return rc;
}

int cmd_market(cli *c, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("market", "market what? (import, list, match, "
                                   "explain, gap, agree, reject, deliver, "
                                   "shortfall, rank)");
    if (strcmp(argv[1], "import") == 0)
        return market_import(c, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return market_list(c, argc, argv);
    if (strcmp(argv[1], "match") == 0)
        return market_match(c, argc, argv, false);
    if (strcmp(argv[1], "gap") == 0)
        return market_match(c, argc, argv, true);
    if (strcmp(argv[1], "explain") == 0)
        return market_explain(c, argc, argv);
    if (strcmp(argv[1], "agree") == 0)
        return market_decide(c, argc, argv, JK_MKT_CONFIRMED);
    if (strcmp(argv[1], "reject") == 0)
        return market_decide(c, argc, argv, JK_MKT_REJECTED);
    if (strcmp(argv[1], "deliver") == 0) {
        int i;
        for (i = 2; i < argc; i++)
            if (strcmp(argv[i], "--from-ledger") == 0)
                return market_deliver_ledger(c, argc, argv);
        return market_deliver(c, argc, argv);
    }
    if (strcmp(argv[1], "shortfall") == 0)
        return market_shortfall(c, argc, argv);
    if (strcmp(argv[1], "rank") == 0)
        return market_rank(c, argc, argv);
    return cli_usage("market", "unknown market command \"%s\"", argv[1]);
}

/*
 * The demo's market part: match the demo listings with their rules and
 * write the reports into outdir. Called from cmd_demo.
 */
/* The demo's municipality-company ranking: to stdout (top 2) and, all of
 * it, to outdir/market-rank.csv. */
static int demo_rank(cli *c, const char *datadir, const char *outdir)
{
    static const char *const files[] = {"challenges.csv", "capabilities.csv"};
    jk_market *m = jk_market_new();
    jk_mkt_weights w;
    jk_err err;
    char path[4096];
    FILE *fp;
    size_t i;
    int rc = EXIT_OK;

    if (!m)
        return EXIT_FAIL;
    jk_mkt_weights_init(&w);
    for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == EXIT_OK; i++) {
        jk_snprintf(path, sizeof(path), "%s/collab/%s", datadir, files[i]);
        if (jk_market_load(m, path, &err) != JK_OK)
            rc = cli_fail(c, &err);
    }
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        printf("\nMunicipality-company matching (data/demo/collab):\n");
    if (rc == EXIT_OK &&
        jk_market_write_ranking(m, &w, 2, fmt(c->format), stdout, &err))
        rc = cli_fail(c, &err);
    jk_snprintf(path, sizeof(path), "%s/market-rank.csv", outdir);
    if (rc == EXIT_OK && !(fp = fopen(path, "w"))) {
        fprintf(stderr, "junkan: %s: cannot create: %s\n", path,
                strerror(errno));
        rc = EXIT_FAIL;
    } else if (rc == EXIT_OK) {
        if (jk_market_write_ranking(m, &w, INT_MAX, JK_MKT_CSV, fp, &err))
            rc = cli_fail(c, &err);
        if (fclose(fp) != 0 && rc == EXIT_OK) {
            fprintf(stderr, "junkan: %s: write failed\n", path);
            rc = EXIT_FAIL;
        }
    }
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        printf("Ranking in %s/market-rank.csv\n", outdir);
    jk_market_free(m);
    return rc;
}

int demo_market(cli *c, const char *datadir, const char *outdir)
{
    static const char *const files[] = {"listings.csv", "grades.csv",
                                        "permits.csv", "exclusions.csv",
                                        "hubs.csv"};
    jk_market *m = jk_market_new();
    jk_mkt_result *r = NULL;
    jk_mkt_opts o;
    jk_err err;
    char path[4096];
    size_t i;
    int rc;

    if (!m)
        return EXIT_FAIL;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        jk_snprintf(path, sizeof(path), "%s/market/%s", datadir, files[i]);
        if (jk_market_load(m, path, &err) != JK_OK) {
            jk_market_free(m);
            return cli_fail(c, &err);
        }
    }
    jk_mkt_opts_init(&o);
    if (jk_market_match(m, &o, &r, &err) != JK_OK) {
        jk_market_free(m);
        return cli_fail(c, &err);
    }
    if (c->format == FMT_TABLE) {
        printf("\nSecondary-material market (data/demo/market): ");
        summary(m, r, stdout);
        printf("Gap by material and grade (t a year):\n");
    }
    rc = jk_mkt_write_gap(m, r, fmt(c->format), stdout, &err)
             ? cli_fail(c, &err)
             : EXIT_OK;
    if (rc == EXIT_OK)
        rc = write_reports(c, outdir, m, r);
    if (rc == EXIT_OK && c->format == FMT_TABLE)
        printf("Market reports in %s/: market-allocations.csv, "
               "market-left.csv, market-gap.csv, market-gap.json, "
               "market-gap.svg, market-gap.xlsx\n",
               outdir);
    jk_mkt_result_free(r);
    jk_market_free(m);
    if (rc == EXIT_OK)
        rc = demo_rank(c, datadir, outdir);
    return rc;
}

int demo_market_ledger(cli *c)
{
    jk_market *m = jk_market_new();
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_mkt_sync_counts n;
    jk_err err;
    char path[4096];
    int rc;

    if (!m)
        return EXIT_FAIL;
    jk_snprintf(path, sizeof(path), "%s/ledger/demo/market-listings.csv",
                JK_DEFAULT_DATA_DIR);
    if ((rc = cli_open(c, false, &s))) {
        jk_market_free(m);
        return rc;
    }
    printf("Offtake agreement s-kawasaki-pet-flakes -> d-kanagawa-pet-flakes "
           "(12 t a month), deliveries from the ledger's receipts:\n");
    if (jk_market_load(m, path, &err) || jk_market_save(m, s, &err) ||
        jk_market_decide(m, s, "s-kawasaki-pet-flakes", "d-kanagawa-pet-flakes",
                         JK_MKT_CONFIRMED, 12000000, "demo",
                         "2026-04-01T00:00:00Z", &err) ||
        jk_ledger_open(s, &lg, &err) ||
        jk_market_sync_deliveries(m, s, lg, fmt(c->format), stdout, &n, &err) ||
        jk_market_write_shortfall(m, s, fmt(c->format), stdout, &err))
        rc = cli_fail(c, &err);
    jk_ledger_close(lg);
    jk_store_close(s);
    jk_market_free(m);
    return rc;
}
