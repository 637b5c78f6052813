/*
 * MFA systems: processes, flows, stock changes and transfer
 * coefficients, each checked as it is added, strings copied into the
 * system's arena.
 */
#include <math.h>
#include <string.h>

#include "mfa/mfa_int.h"

static const char *const status_names[] = {NULL, "measured", "estimated",
                                           "unknown", "constant"};

const char *jk_mfa_status_name(jk_mfa_status s)
{
    if ((int)s < 1 || (int)s > 4)
        return "?";
    return status_names[s];
}

int jk_mfa_status_parse(const char *s, jk_mfa_status *out)
{
    int i;
    for (i = 1; i <= 4; i++) {
        if (strcmp(s, status_names[i]) == 0) {
            *out = (jk_mfa_status)i;
            return JK_OK;
        }
    }
    return JK_EPARSE;
}

bool mfa_is_ext(const char *node)
{
    return strncmp(node, "ext:", 4) == 0;
}

/* ---- index ---- */

long mfa_index_get(const mfa_index *ix, const char *key)
{
    size_t i;
    if (!ix->cap)
        return -1;
    for (i = jk_str_hash(key) & (ix->cap - 1); ix->key[i];
         i = (i + 1) & (ix->cap - 1))
        if (strcmp(ix->key[i], key) == 0)
            return (long)ix->val[i];
    return -1;
}

static int index_grow(mfa_index *ix)
{
    size_t cap = ix->cap ? ix->cap * 2 : 64, i, j;
    const char **key = jk_calloc(cap, sizeof(*key));
    size_t *val = jk_calloc(cap, sizeof(*val));
    if (!key || !val) {
        jk_free(key);
        jk_free(val);
        return JK_ENOMEM;
    }
    for (i = 0; i < ix->cap; i++) {
        if (!ix->key[i])
            continue;
        for (j = jk_str_hash(ix->key[i]) & (cap - 1); key[j];
             j = (j + 1) & (cap - 1))
            ;
        key[j] = ix->key[i];
        val[j] = ix->val[i];
    }
    jk_free(ix->key);
    jk_free(ix->val);
    ix->key = key;
    ix->val = val;
    ix->cap = cap;
    return JK_OK;
}

int mfa_index_put(mfa_index *ix, const char *key, size_t val)
{
    size_t i;
    if ((ix->n + 1) * 2 > ix->cap && index_grow(ix))
        return JK_ENOMEM;
    for (i = jk_str_hash(key) & (ix->cap - 1); ix->key[i];
         i = (i + 1) & (ix->cap - 1))
        ;
    ix->key[i] = key;
    ix->val[i] = val;
    ix->n++;
    return JK_OK;
}

void mfa_index_free(mfa_index *ix)
{
    jk_free(ix->key);
    jk_free(ix->val);
    memset(ix, 0, sizeof(*ix));
}

/* ---- system ---- */

jk_mfa_system *jk_mfa_new(void)
{
    jk_mfa_system *sys = jk_calloc(1, sizeof(*sys));
    if (!sys)
        return NULL;
    sys->a = jk_arena_new(1u << 14);
    if (!sys->a) {
        jk_free(sys);
        return NULL;
    }
    sys->info.name = sys->info.region = sys->info.period = "";
    sys->info.material = "";
    return sys;
}

void jk_mfa_free(jk_mfa_system *sys)
{
    if (!sys)
        return;
    jk_free(sys->procs);
    jk_free(sys->flows);
    jk_free(sys->stocks);
    jk_free(sys->tcs);
    jk_free(sys->concs);
    mfa_index_free(&sys->proc_ix);
    mfa_index_free(&sys->flow_ix);
    jk_arena_free(sys->a);
    jk_free(sys);
}

/* Copy a string into the arena ("" for NULL). */
static const char *dup(jk_mfa_system *sys, const char *s)
{
    return jk_arena_strdup(sys->a, s ? s : "");
}

/* Make room for one more element of size sz in *v. */
static int reserve(void **v, size_t n, size_t *cap, size_t sz)
{
    void *nv;
    size_t c;
    if (n < *cap)
        return JK_OK;
    c = *cap ? *cap * 2 : 16;
    nv = jk_realloc(*v, c * sz);
    if (!nv)
        return JK_ENOMEM;
    *v = nv;
    *cap = c;
    return JK_OK;
}

static int oom(jk_err *err)
{
    return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
}

int jk_mfa_set_info(jk_mfa_system *sys, const jk_mfa_info *info, jk_err *err)
{
    jk_mfa_info c;
    c.name = dup(sys, info->name);
    c.region = dup(sys, info->region);
    c.period = dup(sys, info->period);
    c.material = dup(sys, info->material);
    if (!c.name || !c.region || !c.period || !c.material)
        return oom(err);
    sys->info = c;
    return JK_OK;
}

const jk_mfa_info *jk_mfa_get_info(const jk_mfa_system *sys)
{
    return &sys->info;
}

int jk_mfa_add_process(jk_mfa_system *sys, const jk_mfa_process *p, jk_err *err)
{
    jk_mfa_process c;
    char where[96];

    jk_snprintf(where, sizeof(where), "process %s", p->id ? p->id : "?");
    if (!p->id || !jk_id_valid(p->id) || mfa_is_ext(p->id))
        return jk_err_set(err, JK_EPARSE, where,
                          "expected an identifier of lowercase letters, "
                          "digits, '.', '_' or '-'");
    if (mfa_index_get(&sys->proc_ix, p->id) >= 0)
        return jk_err_set(err, JK_EEXIST, where, "declared twice");
    if (reserve((void **)&sys->procs, sys->nprocs, &sys->cprocs,
                sizeof(*sys->procs)))
        return oom(err);
    c.id = dup(sys, p->id);
    c.name_ja = dup(sys, p->name_ja && *p->name_ja ? p->name_ja : p->id);
    c.name_en = dup(sys, p->name_en && *p->name_en ? p->name_en : p->id);
    c.stock = p->stock;
    if (!c.id || !c.name_ja || !c.name_en ||
        mfa_index_put(&sys->proc_ix, c.id, sys->nprocs))
        return oom(err);
    sys->procs[sys->nprocs++] = c;
    return JK_OK;
}

/* Value and sd of a measured, estimated or constant quantity. */
static int check_value(double value, double sd, jk_mfa_status st,
                       bool may_be_negative, const char *where, jk_err *err)
{
    if (st == JK_MFA_UNKNOWN)
        return JK_OK;
    if (!isfinite(value))
        return jk_err_set(err, JK_ERANGE, where, "value is not a number");
    if (!may_be_negative && value < 0)
        return jk_err_set(err, JK_ERANGE, where,
                          "negative mass %g t: a flow carries zero or more",
                          value);
    if (!isfinite(sd) || sd < 0)
        return jk_err_set(err, JK_ERANGE, where,
                          "standard deviation must be zero or more");
    if ((st == JK_MFA_MEASURED || st == JK_MFA_ESTIMATED) && sd == 0)
        return jk_err_set(err, JK_ERANGE, where,
                          "a %s value needs a standard deviation above "
                          "zero (or status constant)",
                          jk_mfa_status_name(st));
    return JK_OK;
}

static int check_node(jk_mfa_system *sys, const char *node, const char *what,
                      const char *where, jk_err *err)
{
    if (!node || !*node)
        return jk_err_set(err, JK_EPARSE, where, "%s is empty", what);
    if (mfa_is_ext(node)) {
        if (!jk_id_valid(node + 4))
            return jk_err_set(err, JK_EPARSE, where,
                              "%s: \"%s\" is not ext:NAME", what, node);
        return JK_OK;
    }
    if (mfa_index_get(&sys->proc_ix, node) < 0)
        return jk_err_set(err, JK_ENOTFOUND, where,
                          "%s: unknown process \"%s\"", what, node);
    return JK_OK;
}

int jk_mfa_add_flow(jk_mfa_system *sys, const jk_mfa_flow *f, jk_err *err)
{
    jk_mfa_flow c;
    char where[96];
    int rc;

    jk_snprintf(where, sizeof(where), "flow %s", f->id ? f->id : "?");
    if (!f->id || !jk_id_valid(f->id))
        return jk_err_set(err, JK_EPARSE, where,
                          "expected an identifier of lowercase letters, "
                          "digits, '.', '_' or '-'");
    if (mfa_index_get(&sys->flow_ix, f->id) >= 0)
        return jk_err_set(err, JK_EEXIST, where, "declared twice");
    if ((rc = check_node(sys, f->from, "from", where, err)) ||
        (rc = check_node(sys, f->to, "to", where, err)))
        return rc;
    if (strcmp(f->from, f->to) == 0)
        return jk_err_set(err, JK_EPARSE, where,
                          "a flow cannot go from \"%s\" to itself", f->to);
    if (mfa_is_ext(f->from) && mfa_is_ext(f->to))
        return jk_err_set(err, JK_EPARSE, where,
                          "both ends are outside the system");
    if ((int)f->status < 1 || (int)f->status > 4)
        return jk_err_set(err, JK_EPARSE, where, "unknown status");
    if ((rc = check_value(f->value, f->sd, f->status, false, where, err)))
        return rc;
    if (reserve((void **)&sys->flows, sys->nflows, &sys->cflows,
                sizeof(*sys->flows)))
        return oom(err);
    c = *f;
    c.id = dup(sys, f->id);
    c.from = dup(sys, f->from);
    c.to = dup(sys, f->to);
    c.route = dup(sys, f->route);
    c.label = dup(sys, f->label);
    c.source = dup(sys, f->source);
    if (f->status == JK_MFA_UNKNOWN) {
        c.value = (double)NAN;
        c.sd = (double)NAN;
    } else if (f->status == JK_MFA_CONSTANT) {
        c.sd = 0;
    }
    if (!c.id || !c.from || !c.to || !c.route || !c.label || !c.source ||
        mfa_index_put(&sys->flow_ix, c.id, sys->nflows))
        return oom(err);
    sys->flows[sys->nflows++] = c;
    return JK_OK;
}

int jk_mfa_add_stock(jk_mfa_system *sys, const jk_mfa_stock *s, jk_err *err)
{
    jk_mfa_stock c;
    char where[96];
    long p;
    size_t i;
    int rc;

    jk_snprintf(where, sizeof(where), "stock %s",
                s->process ? s->process : "?");
    p = s->process ? mfa_index_get(&sys->proc_ix, s->process) : -1;
    if (p < 0)
        return jk_err_set(err, JK_ENOTFOUND, where, "unknown process");
    if (!sys->procs[p].stock)
        return jk_err_set(err, JK_EINVAL, where,
                          "the process is not declared with a stock");
    for (i = 0; i < sys->nstocks; i++)
        if (strcmp(sys->stocks[i].process, s->process) == 0)
            return jk_err_set(err, JK_EEXIST, where, "given twice");
    if ((int)s->status < 1 || (int)s->status > 4)
        return jk_err_set(err, JK_EPARSE, where, "unknown status");
    if ((rc = check_value(s->value, s->sd, s->status, true, where, err)))
        return rc;
    if (reserve((void **)&sys->stocks, sys->nstocks, &sys->cstocks,
                sizeof(*sys->stocks)))
        return oom(err);
    c = *s;
    c.process = sys->procs[p].id;
    if (s->status == JK_MFA_UNKNOWN)
        c.value = c.sd = (double)NAN;
    else if (s->status == JK_MFA_CONSTANT)
        c.sd = 0;
    sys->stocks[sys->nstocks++] = c;
    return JK_OK;
}

int jk_mfa_add_tc(jk_mfa_system *sys, const jk_mfa_tc *t, jk_err *err)
{
    jk_mfa_tc c;
    char where[128];
    long p, f;
    size_t i;

    jk_snprintf(where, sizeof(where), "tc %s/%s", t->process ? t->process : "?",
                t->flow ? t->flow : "?");
    p = t->process ? mfa_index_get(&sys->proc_ix, t->process) : -1;
    f = t->flow ? mfa_index_get(&sys->flow_ix, t->flow) : -1;
    if (p < 0)
        return jk_err_set(err, JK_ENOTFOUND, where, "unknown process");
    if (f < 0)
        return jk_err_set(err, JK_ENOTFOUND, where, "unknown flow");
    if (strcmp(sys->flows[f].from, t->process) != 0)
        return jk_err_set(err, JK_EINVAL, where,
                          "flow %s is not an output of process %s", t->flow,
                          t->process);
    if (!isfinite(t->tc) || t->tc < 0 || t->tc > 1)
        return jk_err_set(err, JK_ERANGE, where,
                          "a transfer coefficient lies between 0 and 1");
    for (i = 0; i < sys->ntcs; i++)
        if (strcmp(sys->tcs[i].flow, t->flow) == 0)
            return jk_err_set(err, JK_EEXIST, where, "given twice");
    if (reserve((void **)&sys->tcs, sys->ntcs, &sys->ctcs, sizeof(*sys->tcs)))
        return oom(err);
    c.process = sys->procs[p].id;
    c.flow = sys->flows[f].id;
    c.tc = t->tc;
    sys->tcs[sys->ntcs++] = c;
    return JK_OK;
}

size_t jk_mfa_n_processes(const jk_mfa_system *sys)
{
    return sys->nprocs;
}

const jk_mfa_process *jk_mfa_process_at(const jk_mfa_system *sys, size_t i)
{
    return i < sys->nprocs ? &sys->procs[i] : NULL;
}

size_t jk_mfa_n_flows(const jk_mfa_system *sys)
{
    return sys->nflows;
}

const jk_mfa_flow *jk_mfa_flow_at(const jk_mfa_system *sys, size_t i)
{
    return i < sys->nflows ? &sys->flows[i] : NULL;
}

size_t jk_mfa_n_stocks(const jk_mfa_system *sys)
{
    return sys->nstocks;
}

const jk_mfa_stock *jk_mfa_stock_at(const jk_mfa_system *sys, size_t i)
{
    return i < sys->nstocks ? &sys->stocks[i] : NULL;
}

size_t jk_mfa_n_tcs(const jk_mfa_system *sys)
{
    return sys->ntcs;
}

const jk_mfa_tc *jk_mfa_tc_at(const jk_mfa_system *sys, size_t i)
{
    return i < sys->ntcs ? &sys->tcs[i] : NULL;
}

long jk_mfa_find_process(const jk_mfa_system *sys, const char *id)
{
    return mfa_index_get(&sys->proc_ix, id);
}

long jk_mfa_find_flow(const jk_mfa_system *sys, const char *id)
{
    return mfa_index_get(&sys->flow_ix, id);
}

int jk_mfa_add_concentration(jk_mfa_system *sys, const char *flow,
                             const char *substance, double fraction, double sd,
                             jk_err *err)
{
    char where[128];
    long f;
    size_t i;
    mfa_conc c;

    jk_snprintf(where, sizeof(where), "concentration %s/%s", flow ? flow : "?",
                substance ? substance : "?");
    f = flow ? mfa_index_get(&sys->flow_ix, flow) : -1;
    if (f < 0)
        return jk_err_set(err, JK_ENOTFOUND, where, "unknown flow");
    if (!substance || !jk_id_valid(substance))
        return jk_err_set(err, JK_EPARSE, where,
                          "expected a substance name such as cu or pb");
    if (!isfinite(fraction) || fraction < 0 || fraction > 1)
        return jk_err_set(err, JK_ERANGE, where,
                          "a mass fraction lies between 0 and 1, got %g",
                          fraction);
    if (!isfinite(sd) || sd < 0)
        return jk_err_set(err, JK_ERANGE, where,
                          "standard deviation must be zero or more");
    for (i = 0; i < sys->nconcs; i++)
        if (sys->concs[i].flow == (size_t)f &&
            strcmp(sys->concs[i].substance, substance) == 0)
            return jk_err_set(err, JK_EEXIST, where, "given twice");
    if (reserve((void **)&sys->concs, sys->nconcs, &sys->cconcs,
                sizeof(*sys->concs)))
        return oom(err);
    c.flow = (size_t)f;
    c.substance = dup(sys, substance);
    c.fraction = fraction;
    c.sd = sd;
    if (!c.substance)
        return oom(err);
    sys->concs[sys->nconcs++] = c;
    return JK_OK;
}

int jk_mfa_substance(const jk_mfa_system *goods, const char *substance,
                     jk_mfa_system **out, jk_err *err)
{
    jk_mfa_system *s = jk_mfa_new();
    jk_mfa_info info = goods->info;
    char name[256];
    size_t i, j, found = 0;
    int rc = JK_OK;

    *out = NULL;
    if (!s)
        return oom(err);
    jk_snprintf(name, sizeof(name), "%s: %s", goods->info.name, substance);
    info.name = name;
    info.material = substance;
    rc = jk_mfa_set_info(s, &info, err);
    for (i = 0; rc == JK_OK && i < goods->nprocs; i++)
        rc = jk_mfa_add_process(s, &goods->procs[i], err);
    for (i = 0; rc == JK_OK && i < goods->nflows; i++) {
        jk_mfa_flow f = goods->flows[i];
        const mfa_conc *c = NULL;
        for (j = 0; j < goods->nconcs; j++)
            if (goods->concs[j].flow == i &&
                strcmp(goods->concs[j].substance, substance) == 0)
                c = &goods->concs[j];
        if (!c || f.status == JK_MFA_UNKNOWN) {
            f.status = JK_MFA_UNKNOWN;
        } else {
            double g = f.value, sg = f.sd;
            found += 1;
            f.value = g * c->fraction;
            f.sd = sqrt(c->fraction * c->fraction * sg * sg +
                        g * g * c->sd * c->sd);
            if (f.status == JK_MFA_CONSTANT && c->sd > 0)
                f.status = JK_MFA_ESTIMATED;
            if (f.status != JK_MFA_CONSTANT && !(f.sd > 0))
                f.status = JK_MFA_CONSTANT;
        }
        rc = jk_mfa_add_flow(s, &f, err);
    }
    if (rc == JK_OK && found == 0)
        rc = jk_err_set(err, JK_ENOTFOUND, substance,
                        "no flow has a concentration of this substance");
    if (rc) {
        jk_mfa_free(s);
        return rc;
    }
    *out = s;
    return JK_OK;
}
