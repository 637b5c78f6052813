/*
 * junkan mfa stock: dynamic stock models from the terminal. Reads a CSV
 * of year,inflow (inflow-driven) or year,stock (stock-driven) and prints
 * year, inflow, stock and outflow.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int parse_lifetime(const char *s, jk_lifetime *lt)
{
    char kind[16];
    const char *colon = strchr(s, ':');
    double a = 0, b = 0;
    char rest[64], *comma;

    memset(lt, 0, sizeof(*lt));
    if (!colon || (size_t)(colon - s) >= sizeof(kind))
        return JK_EPARSE;
    memcpy(kind, s, (size_t)(colon - s));
    kind[colon - s] = '\0';
    jk_strlcpy(rest, colon + 1, sizeof(rest));
    comma = strchr(rest, ',');
    if (comma)
        *comma = '\0';
    if (jk_parse_double(rest, &a))
        return JK_EPARSE;
    if (comma && jk_parse_double(comma + 1, &b))
        return JK_EPARSE;
    if (strcmp(kind, "fixed") == 0 && !comma) {
        lt->kind = JK_LT_FIXED;
        lt->mean = a;
    } else if (strcmp(kind, "normal") == 0 && comma) {
        lt->kind = JK_LT_NORMAL;
        lt->mean = a;
        lt->sd = b;
    } else if (strcmp(kind, "lognormal") == 0 && comma) {
        lt->kind = JK_LT_LOGNORMAL;
        lt->mean = a;
        lt->sd = b;
    } else if (strcmp(kind, "weibull") == 0 && comma) {
        lt->kind = JK_LT_WEIBULL;
        lt->shape = a;
        lt->scale = b;
    } else {
        return JK_EPARSE;
    }
    return JK_OK;
}

/* Read "year,value" lines (a header line is skipped). */
static int read_series(const char *path, int *years, double *v, int max, int *n)
{
    FILE *fp = fopen(path, "r");
    char line[256];
    long lineno = 0;

    *n = 0;
    if (!fp) {
        fprintf(stderr, "junkan: %s: cannot read: %s\n", path, strerror(errno));
        return EXIT_FAIL;
    }
    while (fgets(line, sizeof(line), fp)) {
        char *comma = strchr(line, ',');
        double y;
        lineno++;
        jk_str_trim(line);
        if (!*line)
            continue;
        if (!comma) {
            fprintf(stderr, "junkan: %s:%ld: expected year,value\n", path,
                    lineno);
            fclose(fp);
            return EXIT_INPUT;
        }
        *comma = '\0';
        if (jk_parse_double(line, &y) != JK_OK) {
            if (lineno == 1)
                continue; /* header */
            fprintf(stderr, "junkan: %s:%ld:1: year: expected a year\n", path,
                    lineno);
            fclose(fp);
            return EXIT_INPUT;
        }
        if (*n >= max || jk_parse_double(jk_str_trim(comma + 1), &v[*n]) ||
            v[*n] < 0) {
            fprintf(stderr,
                    "junkan: %s:%ld:2: expected a value of zero or more "
                    "(at most %d years)\n",
                    path, lineno, max);
            fclose(fp);
            return EXIT_INPUT;
        }
        if (y != floor(y) || y < 1 || y > 9999 ||
            (*n > 0 && (int)y != years[*n - 1] + 1)) {
            fprintf(stderr, "junkan: %s:%ld:1: year: expected %s, got %g\n",
                    path, lineno,
                    *n > 0 ? "the year after the previous row"
                           : "a year between 1 and 9999",
                    y);
            fclose(fp);
            return EXIT_INPUT;
        }
        years[*n] = (int)y;
        (*n)++;
    }
    fclose(fp);
    if (*n == 0) {
        fprintf(stderr, "junkan: %s: no years\n", path);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

#define MAX_YEARS 500

int cmd_mfa_stock(cli *c, int argc, char **argv)
{
    const char *lifetime = NULL, *inflow = NULL, *stock = NULL;
    static int years[MAX_YEARS];
    static double in[MAX_YEARS], st[MAX_YEARS], out[MAX_YEARS];
    jk_lifetime lt;
    table *t;
    jk_err err;
    int i, n = 0, rc, clipped = 0;

    for (i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--lifetime") == 0)
            lifetime = argv[i + 1];
        else if (strcmp(argv[i], "--inflow") == 0)
            inflow = argv[i + 1];
        else if (strcmp(argv[i], "--stock") == 0)
            stock = argv[i + 1];
        else
            return cli_usage("mfa", "unknown option \"%s\"", argv[i]);
    }
    if (i < argc)
        return cli_usage("mfa", "%s needs a value", argv[i]);
    if (!lifetime || (!inflow == !stock))
        return cli_usage("mfa", "mfa stock needs --lifetime and one of "
                                "--inflow or --stock");
    if (parse_lifetime(lifetime, &lt))
        return cli_usage("mfa",
                         "--lifetime is fixed:MEAN, normal:MEAN,SD, "
                         "lognormal:MEAN,SD or weibull:SHAPE,SCALE (years)");
    rc = read_series(inflow ? inflow : stock, years, inflow ? in : st,
                     MAX_YEARS, &n);
    if (rc)
        return rc;
    if (inflow)
        rc = jk_dsm_inflow_driven(&lt, in, n, st, out, &err);
    else
        rc = jk_dsm_stock_driven(&lt, st, n, in, out, &clipped, &err);
    if (rc)
        return cli_fail(c, &err);
    t = table_new(inflow ? "Inflow-driven stock model (t)"
                         : "Stock-driven stock model (t)");
    if (!t)
        return EXIT_FAIL;
    table_col(t, "year", COL_NUM);
    table_col(t, "inflow", COL_NUM);
    table_col(t, "stock", COL_NUM);
    table_col(t, "outflow", COL_NUM);
    for (i = 0; i < n; i++)
        if (table_row(t) || table_setf(t, 0, "%d", years[i]) ||
            table_setf(t, 1, "%.6g", in[i]) ||
            table_setf(t, 2, "%.6g", st[i]) ||
            table_setf(t, 3, "%.6g", out[i])) {
            table_free(t);
            return EXIT_FAIL;
        }
    table_print(t, c->format, stdout);
    table_free(t);
    if (clipped && !c->quiet)
        fprintf(stderr,
                "junkan: in %d year(s) the stock fell faster than items "
                "leave: the inflow was clipped at zero\n",
                clipped);
    return EXIT_OK;
}
