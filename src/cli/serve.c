/*
 * junkan serve: the HTTP API and the web page; junkan token: API tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <junkan/server.h>

#include "cli/cli.h"

static int int_opt(const char *opt, const char *v, long lo, long hi, long *out)
{
    int64_t x;
    if (jk_parse_i64(v, &x) || x < lo || x > hi)
        return cli_usage("serve",
                         "%s takes an integer from %ld to %ld, not "
                         "\"%s\"",
                         opt, lo, hi, v);
    *out = (long)x;
    return EXIT_OK;
}

int cmd_serve(cli *c, int argc, char **argv)
{
    jk_server_opts o;
    const char *log = NULL;
    FILE *logf = NULL;
    jk_err err;
    int i, rc;
    long v = 0;

    jk_server_opts_init(&o);
    o.db = c->db;
    o.web_dir = JK_DEFAULT_WEB_DIR;
    o.info = stderr;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!val)
            return cli_usage("serve", "%s needs a value", a);
        i++;
        if (strcmp(a, "--host") == 0) {
            o.host = val;
        } else if (strcmp(a, "--port") == 0) {
            if ((rc = int_opt(a, val, 0, 65535, &v)))
                return rc;
            o.port = (int)v;
        } else if (strcmp(a, "--threads") == 0) {
            if ((rc = int_opt(a, val, 1, 256, &v)))
                return rc;
            o.threads = (int)v;
        } else if (strcmp(a, "--max-connections") == 0) {
            if ((rc = int_opt(a, val, 1, 100000, &v)))
                return rc;
            o.max_connections = (int)v;
        } else if (strcmp(a, "--timeout") == 0) {
            if ((rc = int_opt(a, val, 1, 3600, &v)))
                return rc;
            o.timeout_s = (int)v;
        } else if (strcmp(a, "--body-max") == 0) {
            if ((rc = int_opt(a, val, 1, 1L << 30, &v)))
                return rc;
            o.body_max = (size_t)v;
        } else if (strcmp(a, "--web") == 0) {
            o.web_dir = strcmp(val, "none") == 0 ? NULL : val;
        } else if (strcmp(a, "--data") == 0) {
            o.data_dir = val;
        } else if (strcmp(a, "--access-log") == 0) {
            log = val;
        } else {
            return cli_usage("serve", "unknown option %s", a);
        }
    }
    if (log && strcmp(log, "-") == 0) {
        o.access_log = stderr;
    } else if (log) {
        logf = fopen(log, "a");
        if (!logf) {
            fprintf(stderr, "junkan: %s: cannot append\n", log);
            return EXIT_FAIL;
        }
        o.access_log = logf;
    }
    if (c->quiet)
        o.info = NULL;
    rc = jk_serve(&o, &err) ? cli_fail(c, &err) : EXIT_OK;
    if (logf)
        fclose(logf);
    return rc;
}

static int on_token(void *ctx, const jk_token_rec *t)
{
    table *tab = ctx;
    table_row(tab);
    table_set(tab, 0, t->id);
    table_set(tab, 1, t->role);
    table_set(tab, 2, t->org);
    table_set(tab, 3, t->label);
    table_set(tab, 4, t->created_at);
    table_set(tab, 5, *t->revoked_at ? t->revoked_at : "-");
    return 0;
}

int cmd_token(cli *c, int argc, char **argv)
{
    jk_store *s = NULL;
    jk_err err;
    int rc, i;

    if (argc < 2)
        return cli_usage("token", "token what? (create, revoke, list)");
    if (strcmp(argv[1], "create") == 0) {
        const char *role = NULL, *org = "", *label = "";
        char token[JK_TOKEN_LEN + 1], id[17];
        jk_role r;
        for (i = 2; i < argc; i++) {
            const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
            if (!v)
                return cli_usage("token", "%s needs a value", a);
            i++;
            if (strcmp(a, "--role") == 0)
                role = v;
            else if (strcmp(a, "--org") == 0)
                org = v;
            else if (strcmp(a, "--label") == 0)
                label = v;
            else
                return cli_usage("token", "unknown option %s", a);
        }
        if (!role || jk_role_parse(role, &r) || r == JK_ROLE_PUBLIC)
            return cli_usage("token", "--role is admin, member or auditor");
        if ((rc = cli_open(c, false, &s)))
            return rc;
        rc = jk_token_create(s, r, org, label, token, id, &err);
        jk_store_close(s);
        if (rc)
            return cli_fail(c, &err);
        printf("%s\n", token);
        if (!c->quiet)
            fprintf(stderr,
                    "junkan: token %s (%s%s%s) created; the secret is shown "
                    "once: keep it\n",
                    id, role, *org ? " of " : "", org);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "revoke") == 0) {
        if (argc != 3)
            return cli_usage("token", "revoke takes one token id");
        if ((rc = cli_open(c, false, &s)))
            return rc;
        rc = jk_token_revoke(s, argv[2], &err);
        jk_store_close(s);
        if (rc)
            return cli_fail(c, &err);
        if (!c->quiet)
            fprintf(stderr, "junkan: token %s revoked\n", argv[2]);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "list") == 0) {
        table *tab;
        if (argc != 2)
            return cli_usage("token", "list takes no argument");
        if ((rc = cli_open(c, false, &s)))
            return rc;
        tab = table_new(NULL);
        table_col(tab, "id", COL_TEXT);
        table_col(tab, "role", COL_TEXT);
        table_col(tab, "org", COL_TEXT);
        table_col(tab, "label", COL_TEXT);
        table_col(tab, "created", COL_TEXT);
        table_col(tab, "revoked", COL_TEXT);
        rc = jk_store_each_token(s, on_token, tab, &err);
        jk_store_close(s);
        if (rc) {
            table_free(tab);
            return cli_fail(c, &err);
        }
        rc = table_print(tab, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
        table_free(tab);
        return rc;
    }
    return cli_usage("token", "unknown token command \"%s\"", argv[1]);
}
