/*
 * Loaders for capacitated facility location benchmark files: OR-Library
 * cap* (Beasley 1988), and the single-source layouts of Holmberg et al.
 * (1999) / OR-Library-as-SS / Yang et al. (facility-major costs) and of
 * Delmaire et al. (customer-major, header "n m"). All are read as
 * whitespace-separated tokens, ignoring line structure (copies of the
 * same instance wrap lines differently).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "network/net_int.h"

#define MAX_SIDE 100000

const char *jk_net_format_name(jk_net_format f)
{
    switch (f) {
    case JK_NET_FMT_ORLIB:
        return "orlib";
    case JK_NET_FMT_SS:
        return "ss";
    case JK_NET_FMT_DELMAIRE:
        return "delmaire";
    default:
        return "auto";
    }
}

int jk_net_format_parse(const char *s, jk_net_format *out)
{
    static const jk_net_format all[] = {JK_NET_FMT_AUTO, JK_NET_FMT_ORLIB,
                                        JK_NET_FMT_SS, JK_NET_FMT_DELMAIRE};
    size_t i;
    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        if (strcmp(s, jk_net_format_name(all[i])) == 0) {
            *out = all[i];
            return JK_OK;
        }
    return JK_EINVAL;
}

void jk_net_cflp_free(jk_net_cflp *p)
{
    if (!p)
        return;
    jk_free(p->cap);
    jk_free(p->fixed);
    jk_free(p->demand);
    jk_free(p->cost);
    jk_free(p);
}

typedef struct tok {
    const char *name;
    const char *p, *end;
    long ntok; /* tokens read */
    double capacity;
    jk_err *err;
} tok;

/* White space, and NUL: some copies are padded with NUL bytes. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v' || c == '\0';
}

/* Next token into buf; false at the end of the data. */
static bool next_word(tok *t, char *buf, size_t cap)
{
    size_t n = 0;
    while (t->p < t->end && is_space(*t->p))
        t->p++;
    if (t->p >= t->end)
        return false;
    while (t->p < t->end && !is_space(*t->p)) {
        if (n + 1 < cap)
            buf[n++] = *t->p;
        t->p++;
    }
    buf[n] = '\0';
    t->ntok++;
    return true;
}

/* A non-negative finite number; what names the field for messages.
 * allow_cap: the word "capacity" stands for t->capacity. */
static int num(tok *t, const char *what, bool allow_cap, double *out)
{
    char w[64];
    if (!next_word(t, w, sizeof(w)))
        return jk_err_set(t->err, JK_EPARSE, t->name,
                          "token %ld: %s: unexpected end of data", t->ntok + 1,
                          what);
    if (allow_cap && strcmp(w, "capacity") == 0) {
        if (!(t->capacity > 0))
            return jk_err_set(t->err, JK_EINVAL, t->name,
                              "token %ld: %s: the file is a capacity "
                              "template; give the capacity value",
                              t->ntok, what);
        *out = t->capacity;
        return JK_OK;
    }
    if (jk_parse_double(w, out) != JK_OK)
        return jk_err_set(t->err, JK_EPARSE, t->name,
                          "token %ld: %s: expected a number, got \"%s\"",
                          t->ntok, what, w);
    if (!isfinite(*out) || *out < 0)
        return jk_err_set(t->err, JK_ERANGE, t->name,
                          "token %ld: %s: expected a non-negative number, "
                          "got %s",
                          t->ntok, what, w);
    return JK_OK;
}

static int side(tok *t, const char *what, int *out)
{
    double v;
    int rc = num(t, what, false, &v);
    if (rc)
        return rc;
    if (v != floor(v) || v < 1 || v > MAX_SIDE)
        return jk_err_set(t->err, JK_ERANGE, t->name,
                          "token %ld: %s: expected a whole number from 1 to "
                          "%d, got %g",
                          t->ntok, what, MAX_SIDE, v);
    *out = (int)v;
    return JK_OK;
}

static jk_net_format guess(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (strstr(name, "delmaire"))
        return JK_NET_FMT_DELMAIRE;
    if (strncmp(base, "cap", 3) == 0)
        return JK_NET_FMT_ORLIB;
    return JK_NET_FMT_SS;
}

static void set_name(jk_net_cflp *p, const char *path)
{
    const char *base = strrchr(path, '/'), *dot;
    size_t n;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= sizeof(p->name))
        n = sizeof(p->name) - 1;
    memcpy(p->name, base, n);
    p->name[n] = '\0';
}

int jk_net_cflp_parse(const char *name, const char *data, size_t len,
                      jk_net_format fmt, double capacity, jk_net_cflp **out,
                      jk_err *err)
{
    tok t;
    jk_net_cflp *p;
    int m = 0, n = 0, i, j, rc;
    char w[64];

    *out = NULL;
    jk_err_clear(err);
    memset(&t, 0, sizeof(t));
    t.name = name;
    t.p = data;
    t.end = data + len;
    t.capacity = capacity;
    t.err = err;
    if (fmt == JK_NET_FMT_AUTO)
        fmt = guess(name);
    if (fmt == JK_NET_FMT_DELMAIRE) {
        if ((rc = side(&t, "customers", &n)) ||
            (rc = side(&t, "facilities", &m)))
            return rc;
    } else {
        if ((rc = side(&t, "facilities", &m)) ||
            (rc = side(&t, "customers", &n)))
            return rc;
    }
    if ((size_t)m * (size_t)n > (size_t)100000000 ||
        (size_t)m * (size_t)n > len) /* every cost takes >= 2 bytes */
        return jk_err_set(err, JK_EPARSE, name,
                          "%d facilities x %d customers: the data is too "
                          "short for that many costs",
                          m, n);
    p = jk_calloc(1, sizeof(*p));
    if (!p)
        return jk_err_set(err, JK_ENOMEM, name, "out of memory");
    set_name(p, name);
    p->m = m;
    p->n = n;
    p->cap = jk_malloc((size_t)m * sizeof(double));
    p->fixed = jk_malloc((size_t)m * sizeof(double));
    p->demand = jk_malloc((size_t)n * sizeof(double));
    p->cost = jk_malloc((size_t)m * (size_t)n * sizeof(double));
    if (!p->cap || !p->fixed || !p->demand || !p->cost) {
        rc = jk_err_set(err, JK_ENOMEM, name, "out of memory");
        goto fail;
    }
    switch (fmt) {
    case JK_NET_FMT_ORLIB:
        for (i = 0; i < m; i++)
            if ((rc = num(&t, "capacity", true, &p->cap[i])) ||
                (rc = num(&t, "fixed cost", false, &p->fixed[i])))
                goto fail;
        for (j = 0; j < n; j++) {
            if ((rc = num(&t, "demand", false, &p->demand[j])))
                goto fail;
            for (i = 0; i < m; i++)
                if ((rc = num(&t, "cost", false, &p->cost[(size_t)i * n + j])))
                    goto fail;
        }
        break;
    case JK_NET_FMT_SS:
        for (i = 0; i < m; i++)
            if ((rc = num(&t, "capacity", true, &p->cap[i])) ||
                (rc = num(&t, "fixed cost", false, &p->fixed[i])))
                goto fail;
        for (j = 0; j < n; j++)
            if ((rc = num(&t, "demand", false, &p->demand[j])))
                goto fail;
        for (i = 0; i < m; i++)
            for (j = 0; j < n; j++)
                if ((rc = num(&t, "cost", false, &p->cost[(size_t)i * n + j])))
                    goto fail;
        break;
    case JK_NET_FMT_DELMAIRE:
        for (j = 0; j < n; j++)
            for (i = 0; i < m; i++)
                if ((rc = num(&t, "cost", false, &p->cost[(size_t)i * n + j])))
                    goto fail;
        for (j = 0; j < n; j++)
            if ((rc = num(&t, "demand", false, &p->demand[j])))
                goto fail;
        for (i = 0; i < m; i++)
            if ((rc = num(&t, "fixed cost", false, &p->fixed[i])))
                goto fail;
        for (i = 0; i < m; i++)
            if ((rc = num(&t, "capacity", true, &p->cap[i])))
                goto fail;
        break;
    default:
        rc = jk_err_set(err, JK_EINVAL, name, "unknown format");
        goto fail;
    }
    if (next_word(&t, w, sizeof(w))) {
        rc = jk_err_set(err, JK_EPARSE, name,
                        "token %ld: unexpected \"%s\" after the %d x %d %s "
                        "instance",
                        t.ntok, w, m, n, jk_net_format_name(fmt));
        goto fail;
    }
    *out = p;
    return JK_OK;
fail:
    jk_net_cflp_free(p);
    return rc;
}

int jk_net_cflp_read(const char *path, jk_net_format fmt, double capacity,
                     jk_net_cflp **out, jk_err *err)
{
    FILE *fp;
    jk_buf b;
    char chunk[65536];
    size_t n;
    int rc = JK_OK;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp)
        return jk_err_set(err, JK_EIO, path, "cannot open: %s",
                          strerror(errno));
    jk_buf_init(&b, (size_t)1 << 30);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if ((rc = jk_buf_add(&b, chunk, n)) != JK_OK)
            break;
    if (!rc && ferror(fp))
        rc = JK_EIO;
    fclose(fp);
    if (rc) {
        jk_buf_free(&b);
        return jk_err_set(err, rc, path, "cannot read: %s", jk_strerror(rc));
    }
    rc = jk_net_cflp_parse(path, b.data ? b.data : "", b.len, fmt, capacity,
                           out, err);
    jk_buf_free(&b);
    return rc;
}
