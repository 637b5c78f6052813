/*
 * Import orchestration: expand directories, tell each file's kind, open
 * one transaction, import kinds in dependency order, log each file, and
 * commit, or roll everything back on the first error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/embedded.h"
#include "io/io_int.h"

void jk_import_opts_init(jk_import_opts *o)
{
    memset(o, 0, sizeof(*o));
}

static int load_id(void *ctx, const char *id)
{
    void **pair = ctx;
    return idset_add(pair[0], pair[1], id);
}

static int load_material_sig(void *ctx, const jk_material *m)
{
    jk_importer *im = ctx;
    jk_buf sig;
    int rc;

    jk_buf_init(&sig, (size_t)1 << 26);
    rc = imp_material_sig(m, &sig);
    if (rc == JK_OK)
        rc = idset_add(&im->material_sigs, im->arena, jk_buf_str(&sig));
    jk_buf_free(&sig);
    return rc;
}

int imp_init(jk_importer *im, jk_store *s, const jk_import_opts *o,
             jk_import_stats *st, jk_err *err)
{
    int e, rc;

    memset(im, 0, sizeof(*im));
    im->s = s;
    im->err = err;
    im->st = st;
    im->o = o;
    im->arena = jk_arena_new(1u << 16);
    im->scratch = jk_arena_new(4096);
    if (!im->arena || !im->scratch)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (e = 0; e < JK_ENT_COUNT; e++) {
        void *pair[2];
        if (e == JK_ENT_FLOW)
            continue;
        pair[0] = &im->ids[e];
        pair[1] = im->arena;
        rc = jk_store_each_id(s, (jk_entity)e, load_id, pair, err);
        if (rc == JK_ENOMEM)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        if (rc)
            return rc;
    }
    rc = jk_store_each_material(s, load_material_sig, im, err);
    if (rc == JK_ENOMEM)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return rc;
}

void imp_free(jk_importer *im)
{
    int e;
    for (e = 0; e < JK_ENT_COUNT; e++)
        idset_free(&im->ids[e]);
    idset_free(&im->material_sigs);
    jk_arena_free(im->arena);
    jk_arena_free(im->scratch);
}

static bool is_json(const char *name)
{
    size_t n = strlen(name);
    return n >= 5 && strcasecmp(name + n - 5, ".json") == 0;
}

jk_kind imp_csv_peek(const char *data, size_t len)
{
    const char *names[32];
    char buf[1024];
    size_t n = 0, i = 0, k = 0;
    char *p;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    while (i < len && i < sizeof(buf) - 1 && data[i] != '\n') {
        /* As libcsv trims unquoted fields: spaces and tabs. */
        if (data[i] != '"' && data[i] != '\r' && data[i] != ' ' &&
            data[i] != '\t')
            buf[k++] = data[i];
        i++;
    }
    buf[k] = '\0';
    for (p = buf; n < 32;) {
        char *comma = strchr(p, ',');
        names[n++] = p;
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return imp_detect(names, n);
}

/* One input: a file on disk or a buffer, with what we know of it. */
typedef struct input {
    char *name;       /* path or buffer name (owned) */
    const char *data; /* buffer, or NULL for a file */
    size_t len;       /* buffer length */
    bool json;        /* JSON rather than CSV */
    jk_kind kind;     /* CSV: the kind of its rows */
    void *doc;        /* JSON: the loaded document */
    int64_t rows;     /* rows imported from it */
} input;

typedef struct inputs {
    input *v;
    size_t n, cap;
} inputs;

static int push(inputs *in, const char *name, jk_err *err)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 8;
        input *v = jk_realloc(in->v, cap * sizeof(*v));
        if (!v)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        in->v = v;
        in->cap = cap;
    }
    memset(&in->v[in->n], 0, sizeof(input));
    in->v[in->n].name = jk_strdup(name);
    if (!in->v[in->n].name)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    in->v[in->n].json = is_json(name);
    in->n++;
    return JK_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory stands for its *.csv and *.json files, in name order. */
static int expand_dir(inputs *in, const char *dir, jk_err *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = JK_OK;

    if (!d)
        return jk_err_set(err, JK_EIO, dir, "cannot open directory: %s",
                          strerror(errno));
    while (rc == JK_OK && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char path[4096];
        if (!(len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) &&
            !is_json(e->d_name))
            continue;
        if (n == cap) {
            char **v;
            cap = cap ? cap * 2 : 16;
            v = jk_realloc(names, cap * sizeof(*v));
            if (!v) {
                rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                break;
            }
            names = v;
        }
        jk_snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        names[n] = jk_strdup(path);
        if (!names[n])
            rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        else
            n++;
    }
    closedir(d);
    if (rc == JK_OK && n == 0)
        rc = jk_err_set(err, JK_ENOTFOUND, dir,
                        "no .csv or .json files in this directory");
    if (n)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        if (rc == JK_OK)
            rc = push(in, names[i], err);
        jk_free(names[i]);
    }
    jk_free(names);
    return rc;
}

static void inputs_free(inputs *in)
{
    size_t i;
    for (i = 0; i < in->n; i++) {
        jk_free(in->v[i].name);
        if (in->v[i].doc)
            imp_json_free(in->v[i].doc);
    }
    jk_free(in->v);
}

/* Open a file for reading with a clear error. */
static FILE *open_input(const char *path, jk_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        jk_err_set(err, JK_EIO, path, "cannot read: %s", strerror(errno));
    return fp;
}

/* Learn each input's kind (CSV) or load its document (JSON). */
static int prepare(jk_importer *im, input *x, jk_kind forced)
{
    FILE *fp = NULL;
    bool empty;
    int rc;

    if (x->json) {
        if (!x->data && !(fp = open_input(x->name, im->err)))
            return JK_EIO;
        rc = imp_json_load(im, x->name, fp, x->data, x->len, forced, &x->doc);
        if (fp)
            fclose(fp);
        return rc;
    }
    if (forced != JK_KIND_AUTO) {
        x->kind = forced;
        return JK_OK;
    }
    if (x->data) {
        x->kind = imp_csv_peek(x->data, x->len);
        empty = x->len == 0;
    } else {
        char head[1024];
        size_t n;
        if (!(fp = open_input(x->name, im->err)))
            return JK_EIO;
        n = fread(head, 1, sizeof(head), fp);
        fclose(fp);
        x->kind = imp_csv_peek(head, n);
        empty = n == 0;
    }
    if (empty)
        return jk_err_set(im->err, JK_EPARSE, x->name,
                          "empty file: expected a header line");
    if (x->kind == JK_KIND_AUTO) {
        char where[JK_ERR_WHERE];
        jk_snprintf(where, sizeof(where), "%s:1", x->name);
        return jk_err_set(im->err, JK_EPARSE, where,
                          "cannot tell what this file holds from its header; "
                          "expected the columns of materials, organisations, "
                          "sites or flows (see `junkan help formats`)");
    }
    return JK_OK;
}

static int64_t total_rows(const jk_import_stats *st)
{
    int64_t n = 0;
    int k;
    for (k = 0; k < JK_KIND_COUNT; k++)
        n += st->rows[k];
    return n;
}

static int run(jk_store *s, inputs *in, const jk_import_opts *o,
               jk_import_stats *st, jk_err *err)
{
    jk_importer im;
    jk_import_opts defaults;
    jk_kind forced;
    char tenant[JK_TENANT_MAX];
    size_t i;
    int k, rc;

    if (!o) {
        jk_import_opts_init(&defaults);
        o = &defaults;
    }
    forced = o->kind;
    memset(st, 0, sizeof(*st));
    jk_strlcpy(tenant, jk_store_tenant(s), sizeof(tenant));
    rc = jk_store_set_tenant(s, o->owner, err);
    if (rc)
        return rc;
    rc = jk_store_begin(s, err);
    if (rc) {
        jk_store_set_tenant(s, tenant, NULL);
        return rc;
    }
    rc = imp_init(&im, s, o, st, err);
    for (i = 0; rc == JK_OK && i < in->n; i++)
        rc = prepare(&im, &in->v[i], forced);
    for (k = JK_KIND_REGIONS; rc == JK_OK && k < JK_KIND_COUNT; k++) {
        for (i = 0; rc == JK_OK && i < in->n; i++) {
            input *x = &in->v[i];
            int64_t before = total_rows(st);
            if (x->json) {
                rc = imp_json_pass(&im, x->name, x->doc, (jk_kind)k, forced);
            } else if (x->kind == (jk_kind)k) {
                FILE *fp = NULL;
                jk_kind seen = JK_KIND_AUTO;
                if (!x->data && !(fp = open_input(x->name, err))) {
                    rc = JK_EIO;
                    break;
                }
                /* The kind decided before the passes: each file is read
                 * exactly once, in its own pass. */
                rc = imp_csv(&im, x->name, fp, x->data, x->len, x->kind, &seen);
                if (fp)
                    fclose(fp);
            }
            x->rows += total_rows(st) - before;
        }
    }
    if (rc == JK_OK && o->owner && *o->owner &&
        !idset_has(&im.ids[JK_ENT_ORG], o->owner))
        rc = jk_err_set(err, JK_ENOTFOUND, "--owner",
                        "no organisation \"%s\" in the store or in the "
                        "files imported",
                        o->owner);
    for (i = 0; rc == JK_OK && i < in->n; i++)
        rc = jk_store_log_import(s, in->v[i].name,
                                 in->v[i].json ? "json"
                                               : jk_kind_name(in->v[i].kind),
                                 in->v[i].rows, err);
    if (rc == JK_OK)
        rc = jk_store_commit(s, err);
    if (rc) {
        jk_store_rollback(s);
        memset(st, 0, sizeof(*st));
    }
    imp_free(&im);
    jk_store_set_tenant(s, tenant, NULL);
    return rc;
}

int jk_import_files(jk_store *s, const char *const *paths, size_t n,
                    const jk_import_opts *o, jk_import_stats *stats,
                    jk_err *err)
{
    inputs in = {0};
    jk_import_stats local;
    size_t i;
    int rc = JK_OK;

    jk_err_clear(err);
    for (i = 0; rc == JK_OK && i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            rc = jk_err_set(err, JK_EIO, paths[i], "cannot read: %s",
                            strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            rc = expand_dir(&in, paths[i], err);
        else
            rc = push(&in, paths[i], err);
    }
    if (rc == JK_OK && in.n == 0)
        rc = jk_err_set(err, JK_EINVAL, NULL, "no files to import");
    /* The same file twice (a directory and a file in it) would land its
     * flows twice: flows have no natural key to catch that later. */
    for (i = 0; rc == JK_OK && i < in.n; i++) {
        struct stat a, b;
        size_t j;
        if (stat(in.v[i].name, &a) != 0)
            continue;
        for (j = i + 1; rc == JK_OK && j < in.n; j++)
            if (stat(in.v[j].name, &b) == 0 && a.st_dev == b.st_dev &&
                a.st_ino == b.st_ino)
                rc = jk_err_set(err, JK_EINVAL, in.v[j].name,
                                "the same file as %s: import each file once",
                                in.v[i].name);
    }
    if (rc == JK_OK)
        rc = run(s, &in, o, stats ? stats : &local, err);
    inputs_free(&in);
    return rc;
}

int jk_import_buffer(jk_store *s, const char *name, const char *data,
                     size_t len, const jk_import_opts *o,
                     jk_import_stats *stats, jk_err *err)
{
    inputs in = {0};
    jk_import_stats local;
    int rc;

    jk_err_clear(err);
    rc = push(&in, name, err);
    if (rc == JK_OK) {
        in.v[0].data = data;
        in.v[0].len = len;
        rc = run(s, &in, o, stats ? stats : &local, err);
    }
    inputs_free(&in);
    return rc;
}

int jk_seed_reference(jk_store *s, jk_err *err)
{
    static const char *const order[] = {"regions.csv", "routes.csv",
                                        "materials.csv"};
    inputs in = {0};
    jk_import_stats st;
    int64_t n = 0;
    size_t i;
    int rc;

    jk_err_clear(err);
    rc = jk_store_count(s, JK_ENT_MATERIAL, &n, err);
    if (rc || n > 0)
        return rc;
    for (i = 0; rc == JK_OK && i < 3; i++) {
        size_t len = 0;
        const char *data = jk_embedded_find(order[i], &len);
        if (!data)
            return jk_err_set(err, JK_EINTERNAL, order[i],
                              "reference table not built in");
        rc = push(&in, order[i], err);
        if (rc == JK_OK) {
            in.v[in.n - 1].data = data;
            in.v[in.n - 1].len = len;
        }
    }
    if (rc == JK_OK)
        rc = run(s, &in, NULL, &st, err);
    inputs_free(&in);
    return rc;
}
