/*
 * Mass balance of process nodes: sum the flows into and out of every
 * process per material and period, in exact grams, and compare.
 */
#include <stdlib.h>
#include <string.h>

#include <junkan/check.h>

typedef struct bal_entry {
    char *key;       /* "node\x1fmaterial\x1fperiod" in the arena */
    jk_mass in, out; /* grams */
    bool has_in;     /* some flow comes in */
    bool has_out;    /* some flow goes out */
} bal_entry;

typedef struct bal_map {
    bal_entry *v;  /* entries */
    size_t n, cap; /* used, allocated */
    size_t *slot;  /* hash slots: index + 1, 0 = free */
    size_t nslot;  /* power of two */
    jk_arena *a;   /* key strings */
    int rc;        /* first error */
} bal_map;

static int rehash(bal_map *m)
{
    size_t n = m->nslot ? m->nslot * 2 : 256, i, j;
    size_t *slot = jk_calloc(n, sizeof(*slot));
    if (!slot)
        return JK_ENOMEM;
    for (i = 0; i < m->n; i++) {
        for (j = jk_str_hash(m->v[i].key) & (n - 1); slot[j];
             j = (j + 1) & (n - 1))
            ;
        slot[j] = i + 1;
    }
    jk_free(m->slot);
    m->slot = slot;
    m->nslot = n;
    return JK_OK;
}

static bal_entry *entry(bal_map *m, const char *node, const char *material,
                        const char *period)
{
    char key[256];
    size_t i;

    jk_snprintf(key, sizeof(key), "%s\x1f%s\x1f%s", node, material, period);
    if ((m->n + 1) * 2 > m->nslot && rehash(m))
        return NULL;
    for (i = jk_str_hash(key) & (m->nslot - 1); m->slot[i];
         i = (i + 1) & (m->nslot - 1))
        if (strcmp(m->v[m->slot[i] - 1].key, key) == 0)
            return &m->v[m->slot[i] - 1];
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        bal_entry *v = jk_realloc(m->v, cap * sizeof(*v));
        if (!v)
            return NULL;
        m->v = v;
        m->cap = cap;
    }
    memset(&m->v[m->n], 0, sizeof(bal_entry));
    m->v[m->n].key = jk_arena_strdup(m->a, key);
    if (!m->v[m->n].key)
        return NULL;
    m->slot[i] = ++m->n;
    return &m->v[m->n - 1];
}

/* Only plain process names are balanced: sites and organisations are
 * actors whose books we do not hold, ext: nodes lie outside. */
static bool is_process(const char *node)
{
    return strchr(node, ':') == NULL;
}

static int on_flow(void *ctx, const jk_flow *f)
{
    bal_map *m = ctx;
    char period[32];
    bal_entry *e;

    jk_period_format(&f->period, period, sizeof(period));
    if (is_process(f->from)) {
        if (!(e = entry(m, f->from, f->material, period)))
            return m->rc = JK_ENOMEM;
        if (jk_mass_add(e->out, f->mass, &e->out))
            return m->rc = JK_ERANGE;
        e->has_out = true;
    }
    if (is_process(f->to)) {
        if (!(e = entry(m, f->to, f->material, period)))
            return m->rc = JK_ENOMEM;
        if (jk_mass_add(e->in, f->mass, &e->in))
            return m->rc = JK_ERANGE;
        e->has_in = true;
    }
    return JK_OK;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const bal_entry *)a)->key, ((const bal_entry *)b)->key);
}

const char *jk_balance_status_name(jk_balance_status s)
{
    switch (s) {
    case JK_BAL_OK:
        return "ok";
    case JK_BAL_WITHIN:
        return "within tolerance";
    case JK_BAL_IMBALANCE:
        return "IMBALANCE";
    case JK_BAL_SOURCE:
        return "source";
    case JK_BAL_SINK:
        return "sink";
    }
    return "?";
}

int jk_check_balances(jk_store *s, double rel_tol, jk_balance_cb cb, void *ctx,
                      int64_t *n_bad, jk_err *err)
{
    bal_map m;
    size_t i;
    int rc;

    memset(&m, 0, sizeof(m));
    *n_bad = 0;
    m.a = jk_arena_new(1u << 14);
    if (!m.a)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = jk_store_each_flow(s, on_flow, &m, err);
    if (m.rc)
        rc = m.rc == JK_ENOMEM
                 ? jk_err_set(err, JK_ENOMEM, NULL, "out of memory")
                 : jk_err_set(err, JK_ERANGE, NULL,
                              "a balance exceeds the int64 range of grams");
    if (rc == JK_OK && m.n)
        qsort(m.v, m.n, sizeof(*m.v), cmp_entry);
    for (i = 0; rc == JK_OK && i < m.n; i++) {
        bal_entry *e = &m.v[i];
        jk_balance b;
        char *sep1 = strchr(e->key, '\x1f');
        char *sep2 = strchr(sep1 + 1, '\x1f');
        jk_mass big = e->in > e->out ? e->in : e->out;

        *sep1 = *sep2 = '\0';
        b.node = e->key;
        b.material = sep1 + 1;
        b.period = sep2 + 1;
        b.in = e->in;
        b.out = e->out;
        b.diff = e->in - e->out;
        b.rel =
            big ? (double)(b.diff < 0 ? -b.diff : b.diff) / (double)big : 0.0;
        if (!e->has_in)
            b.status = JK_BAL_SOURCE;
        else if (!e->has_out)
            b.status = JK_BAL_SINK;
        else if (b.diff == 0)
            b.status = JK_BAL_OK;
        else if (b.rel <= rel_tol)
            b.status = JK_BAL_WITHIN;
        else
            b.status = JK_BAL_IMBALANCE;
        if (b.status == JK_BAL_IMBALANCE)
            (*n_bad)++;
        if (cb)
            rc = cb(ctx, &b);
    }
    jk_free(m.v);
    jk_free(m.slot);
    jk_arena_free(m.a);
    return rc;
}
