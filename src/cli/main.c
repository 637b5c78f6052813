/*
 * junkan: parse the global options, pick the command, map the result
 * to an exit code. Commands live in commands.c; help texts in help.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_exit_code(int status)
{
    switch (status) {
    case JK_OK:
        return EXIT_OK;
    case JK_EPARSE:
    case JK_ERANGE:
    case JK_ENOTFOUND:
    case JK_EEXIST:
    case JK_ECONSTRAINT:
    case JK_ELIMIT:
        return EXIT_INPUT;
    case JK_EINVAL:
        return EXIT_USAGE;
    default:
        return EXIT_FAIL;
    }
}

int cli_fail(const cli *c, const jk_err *err)
{
    char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
    (void)c;
    fprintf(stderr, "junkan: %s\n", jk_err_line(err, line, sizeof(line)));
    return cli_exit_code(err->code);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("junkan: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry `junkan %s%s--help`.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return EXIT_USAGE;
}

int cli_open(const cli *c, bool create, jk_store **s)
{
    jk_store_opts o;
    jk_err err;
    int rc;

    jk_store_opts_init(&o);
    o.create = create;
    rc = jk_store_open(c->db, &o, s, &err);
    if (rc == JK_OK && create)
        rc = jk_seed_reference(*s, &err);
    if (rc) {
        jk_store_close(*s);
        *s = NULL;
        if (rc == JK_ENOTFOUND) {
            fprintf(stderr,
                    "junkan: %s: no such store; create it with "
                    "`junkan --db %s init`\n",
                    c->db, c->db);
            return EXIT_FAIL;
        }
        return cli_fail(c, &err);
    }
    return EXIT_OK;
}

FILE *cli_open_out(const char *path)
{
    FILE *fp;
    if (!path)
        return stdout;
    fp = fopen(path, "w");
    if (!fp)
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
    return fp;
}

int cli_close_out(FILE *fp)
{
    if (fp == stdout)
        return fflush(fp) == 0 ? EXIT_OK : EXIT_FAIL;
    return fclose(fp) == 0 ? EXIT_OK : EXIT_FAIL;
}

typedef struct command {
    const char *name;
    int (*run)(cli *c, int argc, char **argv);
} command;

static const command commands[] = {
    {"init", cmd_init},
    {"import", cmd_import},
    {"export", cmd_export},
    {"show", cmd_show},
    {"check", cmd_check},
    {"demo", cmd_demo},
    {"help", cmd_help},
    {"mfa", cmd_mfa},
    {"indicators", cmd_indicators},
    {"report", cmd_report},
    {"ledger", cmd_ledger},
    {"passport", cmd_passport},
    {"market", cmd_market},
    {"diagnose", cmd_diagnose},
    {"network", cmd_network},
    {"serve", cmd_serve},
    {"token", cmd_token},
};

int main(int argc, char **argv)
{
    cli c;
    char **rest;
    int nrest = 0, i;
    const char *env = getenv("JUNKAN_DB");

    memset(&c, 0, sizeof(c));
    c.db = env && *env ? env : "junkan.db";
    c.prog = argv[0];
    rest = jk_calloc((size_t)argc + 1, sizeof(*rest));
    if (!rest)
        return EXIT_FAIL;
    /* Global options may come anywhere; the rest goes to the command. */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 || strcmp(a, "--format") == 0) {
            if (i + 1 >= argc) {
                jk_free(rest);
                return cli_usage(NULL, "%s needs a value", a);
            }
            if (strcmp(a, "--db") == 0) {
                c.db = argv[++i];
            } else {
                const char *f = argv[++i];
                if (strcmp(f, "table") == 0)
                    c.format = FMT_TABLE;
                else if (strcmp(f, "csv") == 0)
                    c.format = FMT_CSV;
                else if (strcmp(f, "json") == 0)
                    c.format = FMT_JSON;
                else {
                    jk_free(rest);
                    return cli_usage(NULL,
                                     "--format must be table, csv or json, "
                                     "not \"%s\"",
                                     f);
                }
            }
        } else if (strncmp(a, "--db=", 5) == 0) {
            c.db = a + 5;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            c.quiet = true;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    if (nrest == 0) {
        cli_help_topic("junkan", stderr);
        jk_free(rest);
        return EXIT_USAGE;
    }
    if (strcmp(rest[0], "--help") == 0 || strcmp(rest[0], "-h") == 0) {
        cli_help_topic("junkan", stdout);
        jk_free(rest);
        return EXIT_OK;
    }
    if (strcmp(rest[0], "version") == 0 || strcmp(rest[0], "--version") == 0) {
        printf("junkan %s (schema %d)\n", jk_version(),
               jk_store_schema_latest());
        jk_free(rest);
        return EXIT_OK;
    }
    for (i = 0; i < (int)(sizeof(commands) / sizeof(commands[0])); i++) {
        if (strcmp(rest[0], commands[i].name) == 0) {
            int rc;
            int j;
            for (j = 1; j < nrest; j++) {
                if (strcmp(rest[j], "--help") == 0 ||
                    strcmp(rest[j], "-h") == 0) {
                    cli_help_topic(commands[i].name, stdout);
                    jk_free(rest);
                    return EXIT_OK;
                }
            }
            rc = commands[i].run(&c, nrest, rest);
            jk_free(rest);
            return rc;
        }
    }
    i = cli_usage(NULL,
                  rest[0][0] == '-' ? "unknown option \"%s\""
                                    : "unknown command \"%s\"",
                  rest[0]);
    jk_free(rest);
    return i;
}
