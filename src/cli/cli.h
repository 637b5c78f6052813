/*
 * The junkan command: shared state of one invocation and the output
 * table used by every subcommand.
 */
#ifndef JK_CLI_H
#define JK_CLI_H

#include <stdio.h>

#include <junkan/junkan.h>

/* Exit codes, documented in `junkan help exit-codes`. */
enum {
    EXIT_OK = 0,    /* success */
    EXIT_FAIL = 1,  /* I/O, store, memory or internal failure */
    EXIT_USAGE = 2, /* bad command line */
    EXIT_INPUT = 3, /* bad input data; nothing was imported */
    EXIT_CHECK = 4  /* a check found a problem */
};

typedef enum { FMT_TABLE, FMT_CSV, FMT_JSON } cli_format;

typedef struct cli {
    const char *db;    /* store path or URI */
    cli_format format; /* output format */
    bool quiet;        /* no progress, no notes on stderr */
    const char *prog;  /* argv[0] for messages */
} cli;

/* Map a status to an exit code. */
int cli_exit_code(int status);
/* Print "junkan: where: msg" to stderr and return the exit code. */
int cli_fail(const cli *c, const jk_err *err);
/* Print a usage error and return EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) JK_PRINTF(2, 3);
/* An output file, or stdout when path is NULL (a message on failure);
 * cli_close_out flushes or closes it and returns an exit code. */
FILE *cli_open_out(const char *path);
int cli_close_out(FILE *fp);
/* Open the store (creating it when create) and seed reference data. */
int cli_open(const cli *c, bool create, jk_store **s);

/* ---- tables ---- */

typedef enum { COL_TEXT, COL_NUM } col_type;

typedef struct table table;

table *table_new(const char *title);
void table_free(table *t);
/* Add a column; returns its index. */
int table_col(table *t, const char *name, col_type type);
/* Start a row; then set each column with table_set. */
int table_row(table *t);
int table_set(table *t, int col, const char *value);
int table_setf(table *t, int col, const char *fmt, ...) JK_PRINTF(3, 4);
/* Print in the chosen format. */
int table_print(const table *t, cli_format f, FILE *out);
size_t table_rows(const table *t);

/* ---- commands ---- */

int cmd_init(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_show(cli *c, int argc, char **argv);
int cmd_check(cli *c, int argc, char **argv);
int cmd_demo(cli *c, int argc, char **argv);
int cmd_help(cli *c, int argc, char **argv);
int cmd_mfa(cli *c, int argc, char **argv);
int cmd_mfa_stock(cli *c, int argc, char **argv);
int cmd_indicators(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_token(cli *c, int argc, char **argv);
/* demo: the demo manufacturer's CTI, MCI and ESRS E5 (DATA/company)
 * as a short table and out/company-report.{xlsx,html,json}. */
int demo_indicators(cli *c, const char *data, const char *outdir);
int cmd_ledger(cli *c, int argc, char **argv);
int cmd_passport(cli *c, int argc, char **argv);
/* The ledger part of `junkan demo`: a traced PET chain into OUT. */
int demo_ledger(cli *c, const char *outdir);
int cmd_market(cli *c, int argc, char **argv);
/* The demo's market run: data/demo/market into outdir (src/cli/market.c). */
int demo_market(cli *c, const char *datadir, const char *outdir);
/* The demo's offtake agreement on the ledger store c->db, with its
 * deliveries read from the ledger's receipts and the shortfall. */
int demo_market_ledger(cli *c);
int cmd_diagnose(cli *c, int argc, char **argv);

/* diagnose outputs, shared with demo (src/cli/diagnose.c). */
int cli_diagnose_national(cli *c, const jk_dg_national *n, const jk_dg_data *d,
                          cli_format f, FILE *out);
int cli_diagnose_indicators(const jk_dg_national *n, size_t i, cli_format f,
                            FILE *out);
int cli_diagnose_measures(const jk_dg_plan *p, cli_format f, FILE *out);
int cli_diagnose_dematel(cli *c, const char *path, double threshold,
                         const char *svg, cli_format f, FILE *out);
/* The diagnosis part of `junkan demo`: DATA/diagnosis into OUT. */
int demo_diagnosis(cli *c, const char *data, const char *outdir);
int cmd_network(cli *c, int argc, char **argv);
/* demo: the demo manufacturer's CTI, MCI and ESRS E5 (DATA/company)
 * as a short table and out/company-report.{xlsx,html,json}. */
int demo_indicators(cli *c, const char *data, const char *outdir);
/* demo: the hub plan for DATA/network as a line of text and
 * out/network-plan.json, out/network-map-{ja,en}.svg. */
int demo_network(cli *c, const char *data, const char *outdir);

/* mfa outputs, shared with demo. */
int cli_mfa_report(cli *c, const jk_mfa_result *r, cli_format f, FILE *out);
int cli_mfa_sankey(cli *c, jk_mfa_system *sys, const char *lang,
                   const char *path);
int cli_mfa_indicators(cli *c, const jk_mfa_system *sys, const jk_jp_params *p,
                       cli_format f, FILE *out);

/* Shared by show and demo. The summary's three tables (contents, flows
 * by route, end of life); exact: plain exact tonnes for CSV/JSON. */
int cli_summary_tables(jk_store *s, bool exact, table *tabs[3], jk_err *err);
int cli_summary(cli *c, jk_store *s, cli_format f, FILE *out);
int cli_balances(cli *c, jk_store *s, double tol, cli_format f, FILE *out,
                 int64_t *n_bad);
/* Print a help text by topic; false when unknown. */
bool cli_help_topic(const char *topic, FILE *out);

#endif
