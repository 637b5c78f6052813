/*
 * ポテンシャル by type (類型別): the peer type of each municipality from
 * the versioned rules (city class × population band × industrial
 * class), peer groups with small types merged with the neighbouring
 * population band, statistics per group and indicator, and the
 * comparison of one municipality (index, 偏差値, percentile, potential as
 * the gap to the peers' top quartile).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagnosis/dg_int.h"

/* Industrial class: 3, 2, 1, 0, 'x' unknown, '-' none. */
static char industry_of(const dg_peer_rule *r, const jk_dg_muni *m)
{
    double s23, s3;
    if (isnan(r->cut23) || isnan(r->cut3))
        return '-';
    if (isnan(m->emp_secondary_pct) || isnan(m->emp_tertiary_pct))
        return 'x';
    s23 = m->emp_secondary_pct + m->emp_tertiary_pct;
    s3 = m->emp_tertiary_pct;
    if (s23 >= r->cut23)
        return s3 >= r->cut3 ? '3' : '2';
    return s3 >= r->cut3 ? '1' : '0';
}

/* The rule that applies to m, or -1. */
static int rule_of(const jk_dg_ref *ref, const jk_dg_muni *m)
{
    size_t i;
    for (i = 0; i < ref->nrules; i++) {
        const dg_peer_rule *r = &ref->rule[i];
        if (strcmp(r->city_class, m->city_class) == 0 &&
            m->pop_total >= r->pop_min && m->pop_total < r->pop_max)
            return (int)i;
    }
    return -1;
}

static void type_name(const dg_peer_rule *r, char ind, char *buf, size_t cap)
{
    if (strcmp(r->band, "-") == 0)
        jk_snprintf(buf, cap, "%s", r->city_class);
    else if (ind == '-')
        jk_snprintf(buf, cap, "%s-%s", r->city_class, r->band);
    else
        jk_snprintf(buf, cap, "%s-%s-%c", r->city_class, r->band, ind);
}

const char *jk_dg_peer_type(const jk_dg_ref *ref, const jk_dg_muni *m,
                            char *buf, size_t cap)
{
    int r = rule_of(ref, m);
    if (r < 0)
        jk_snprintf(buf, cap, "%s-?", m->city_class);
    else
        type_name(&ref->rule[r], industry_of(&ref->rule[r], m), buf, cap);
    return buf;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *x, size_t n, double q)
{
    double h, lo;
    size_t i;
    if (n == 0)
        return (double)NAN;
    h = (double)(n - 1) * q;
    lo = floor(h);
    i = (size_t)lo;
    if (i + 1 >= n)
        return x[n - 1];
    return x[i] + (h - lo) * (x[i + 1] - x[i]);
}

/* Statistics of sorted, NaN-free x. */
static void stats_sorted(const double *x, size_t n, jk_dg_stats *s)
{
    double sum = 0, ss = 0;
    size_t i;
    memset(s, 0, sizeof(*s));
    s->n = n;
    if (n == 0) {
        s->mean = s->sd = s->q1 = s->median = s->q3 = s->min = s->max =
            (double)NAN;
        return;
    }
    for (i = 0; i < n; i++)
        sum += x[i];
    s->mean = sum / (double)n;
    for (i = 0; i < n; i++)
        ss += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : (double)NAN;
    s->q1 = quantile(x, n, 0.25);
    s->median = quantile(x, n, 0.5);
    s->q3 = quantile(x, n, 0.75);
    s->min = x[0];
    s->max = x[n - 1];
}

void jk_dg_stats_of(const double *x, size_t n, jk_dg_stats *out)
{
    double *y = jk_malloc((n ? n : 1) * sizeof(*y));
    size_t i, k = 0;
    if (!y) {
        stats_sorted(NULL, 0, out);
        return;
    }
    for (i = 0; i < n; i++)
        if (!isnan(x[i]))
            y[k++] = x[i];
    qsort(y, k, sizeof(*y), cmp_double);
    stats_sorted(y, k, out);
    jk_free(y);
}

/* Percentile rank in sorted values: below + half the ties, in %. */
static double prank_sorted(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n, below, eq;
    if (n == 0 || isnan(x))
        return (double)NAN;
    while (lo < hi) { /* first >= x */
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    below = lo;
    for (eq = 0; below + eq < n && v[below + eq] == x; eq++)
        ;
    return 100.0 * ((double)below + 0.5 * (double)eq) / (double)n;
}

double jk_dg_percentile(const double *vals, size_t n, double x)
{
    double *y = jk_malloc((n ? n : 1) * sizeof(*y));
    size_t i, k = 0;
    double p;
    if (!y)
        return (double)NAN;
    for (i = 0; i < n; i++)
        if (!isnan(vals[i]))
            y[k++] = vals[i];
    qsort(y, k, sizeof(*y), cmp_double);
    p = prank_sorted(y, k, x);
    jk_free(y);
    return p;
}

double jk_dg_index(double x, double mean, int better)
{
    if (isnan(x) || !(mean != 0) || isnan(mean))
        return (double)NAN;
    return better > 0 ? 100.0 * x / mean : 100.0 * (2.0 - x / mean);
}

double jk_dg_deviation(double x, double mean, double sd, int better)
{
    if (isnan(x) || isnan(mean) || !(sd > 0))
        return (double)NAN;
    return 50.0 + (better > 0 ? 10.0 : -10.0) * (x - mean) / sd;
}

void jk_dg_national_opts_init(jk_dg_national_opts *o)
{
    o->min_group = 20;
}

void jk_dg_national_free(jk_dg_national *n)
{
    if (!n)
        return;
    jk_free(n->v);
    jk_free(n->tot);
    jk_free(n->type);
    jk_free(n->group);
    jk_free(n->gname);
    jk_free(n->stats);
    jk_free(n->sorted);
    jk_free(n->soff);
    jk_free(n->plant_kwh);
    jk_free(n);
}

#define NIND_CLASS 6 /* '0'..'3', 'x', '-' */

static int ind_slot(char c)
{
    return c >= '0' && c <= '3' ? c - '0' : c == 'x' ? 4 : 5;
}

static const char ind_chars[NIND_CLASS] = {'0', '1', '2', '3', 'x', '-'};

/*
 * Groups: for each city class and industrial class, walk the population
 * bands in rule order and close a group once it holds min_group
 * municipalities; a short remainder joins the previous group.
 */
static int make_groups(jk_dg_national *n, const int *rule, const char *ind,
                       size_t min_group, jk_err *err)
{
    const jk_dg_ref *ref = n->ref;
    size_t nr = ref->nrules + 1; /* last: no rule */
    size_t *count = jk_calloc(nr * NIND_CLASS, sizeof(*count));
    long *gid = jk_malloc(nr * NIND_CLASS * sizeof(*gid));
    size_t i, k, j;
    int rc = JK_OK;

    if (!count || !gid) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (i = 0; i < nr * NIND_CLASS; i++)
        gid[i] = -1;
    for (i = 0; i < n->n; i++)
        count[(size_t)(rule[i] < 0 ? (int)ref->nrules : rule[i]) * NIND_CLASS +
              (size_t)ind_slot(ind[i])]++;
    n->gname = jk_calloc(nr * NIND_CLASS, sizeof(*n->gname));
    if (!n->gname) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (i = 0; i < nr; i++) {
        for (k = 0; k < NIND_CLASS; k++) {
            long cur = -1, prev = -1;
            size_t have = 0;
            if (gid[i * NIND_CLASS + k] >= 0 || !count[i * NIND_CLASS + k])
                continue;
            if (i == ref->nrules) { /* no rule: one group per class */
                gid[i * NIND_CLASS + k] = (long)n->ngroups;
                jk_snprintf(n->gname[n->ngroups], sizeof(n->gname[0]),
                            "unassigned");
                n->ngroups++;
                continue;
            }
            /* Rules of the same class, from rule i on, in order. */
            for (j = i; j < ref->nrules; j++) {
                size_t c;
                char tn[48];
                if (strcmp(ref->rule[j].city_class, ref->rule[i].city_class))
                    continue;
                c = count[j * NIND_CLASS + k];
                if (!c)
                    continue;
                if (cur < 0) {
                    cur = (long)n->ngroups++;
                    have = 0;
                }
                gid[j * NIND_CLASS + k] = cur;
                type_name(&ref->rule[j], ind_chars[k], tn, sizeof(tn));
                if (n->gname[cur][0])
                    jk_strlcpy(n->gname[cur] + strlen(n->gname[cur]), "+",
                               sizeof(n->gname[0]) - strlen(n->gname[cur]));
                jk_strlcpy(n->gname[cur] + strlen(n->gname[cur]), tn,
                           sizeof(n->gname[0]) - strlen(n->gname[cur]));
                have += c;
                if (have >= min_group) {
                    prev = cur;
                    cur = -1;
                }
            }
            /* A short remainder joins the previous group. */
            if (cur >= 0 && prev >= 0) {
                for (j = i; j < ref->nrules; j++)
                    if (gid[j * NIND_CLASS + k] == cur)
                        gid[j * NIND_CLASS + k] = prev;
                jk_strlcpy(n->gname[prev] + strlen(n->gname[prev]), "+",
                           sizeof(n->gname[0]) - strlen(n->gname[prev]));
                jk_strlcpy(n->gname[prev] + strlen(n->gname[prev]),
                           n->gname[cur],
                           sizeof(n->gname[0]) - strlen(n->gname[prev]));
                n->gname[cur][0] = '\0';
                n->ngroups--; /* cur was the last one made */
            }
        }
    }
    for (i = 0; i < n->n; i++)
        n->group[i] =
            (size_t)gid[(size_t)(rule[i] < 0 ? (int)ref->nrules : rule[i]) *
                            NIND_CLASS +
                        (size_t)ind_slot(ind[i])];
out:
    jk_free(count);
    jk_free(gid);
    return rc;
}

/*
 * Second pass: a group still under min_group once its bands are merged
 * (a whole class × industry is small) joins the largest group of the
 * same city class; groups are then renumbered without gaps.
 */
static int merge_small(jk_dg_national *n, size_t min_group, jk_err *err)
{
    size_t G = n->ngroups, i, g, h, k = 0;
    size_t *size = jk_calloc(G + 1, sizeof(*size));
    size_t *map = jk_calloc(G + 1, sizeof(*map));
    const char **cls = jk_calloc(G + 1, sizeof(*cls));

    if (!size || !map || !cls) {
        jk_free(size);
        jk_free(map);
        jk_free(cls);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    for (i = 0; i < n->n; i++) {
        size[n->group[i]]++;
        cls[n->group[i]] = n->d->muni[i].city_class;
    }
    for (g = 0; g < G; g++) {
        size_t best = G;
        if (!size[g] || size[g] >= min_group)
            continue;
        for (h = 0; h < G; h++)
            if (h != g && size[h] && strcmp(cls[h], cls[g]) == 0 &&
                (best == G || size[h] > size[best]))
                best = h;
        if (best == G)
            continue;
        for (i = 0; i < n->n; i++)
            if (n->group[i] == g)
                n->group[i] = best;
        size[best] += size[g];
        size[g] = 0;
        jk_strlcpy(n->gname[best] + strlen(n->gname[best]), "+",
                   sizeof(n->gname[0]) - strlen(n->gname[best]));
        jk_strlcpy(n->gname[best] + strlen(n->gname[best]), n->gname[g],
                   sizeof(n->gname[0]) - strlen(n->gname[best]));
    }
    for (g = 0; g < G; g++)
        if (size[g]) {
            map[g] = k;
            if (k != g)
                memcpy(n->gname[k], n->gname[g], sizeof(n->gname[0]));
            k++;
        }
    for (i = 0; i < n->n; i++)
        n->group[i] = map[n->group[i]];
    n->ngroups = k;
    jk_free(size);
    jk_free(map);
    jk_free(cls);
    return JK_OK;
}

/*
 * Plausible ranges: values outside are data errors (the survey's
 * kWh-typed-as-MWh rows give 10⁴ kWh/t; a tonnage typed in kg gives
 * 10⁵ g/人日), kept in the municipality's own results but left out of
 * the peer statistics (spec §6.3 step 5).
 */
static const struct {
    int ind;
    double lo, hi;
} plausible[] = {
    {JK_DG_T1, 0, 5},     {JK_DG_I1, 0, 5000}, {JK_DG_I1H, 0, 5000},
    {JK_DG_I1B, 0, 5000}, {JK_DG_T2, 0, 1},    {JK_DG_T3, 0, 1},
    {JK_DG_I2, 0, 100},   {JK_DG_I7, 0, 100},  {JK_DG_I8, 0, 1500}};

bool dg_plausible(int ind, double x)
{
    size_t k;
    if (isnan(x))
        return false;
    for (k = 0; k < sizeof(plausible) / sizeof(plausible[0]); k++)
        if (plausible[k].ind == ind)
            return x >= plausible[k].lo && x <= plausible[k].hi;
    return true;
}

const char *jk_dg_national_flags(const jk_dg_national *n, size_t i, char *buf,
                                 size_t cap)
{
    size_t k, len = 0;
    buf[0] = '\0';
    for (k = 0; k < sizeof(plausible) / sizeof(plausible[0]); k++) {
        double x = n->v[i * JK_DG_NIND + (size_t)plausible[k].ind];
        if (isnan(x) || dg_plausible(plausible[k].ind, x))
            continue;
        jk_snprintf(buf + len, cap - len, "%s%s>%g", len ? " " : "",
                    jk_dg_ind_get(plausible[k].ind)->id, plausible[k].hi);
        len = strlen(buf);
    }
    return buf;
}

static int make_stats(jk_dg_national *n, jk_err *err)
{
    size_t G = n->ngroups, i, g, k, *fill;
    int ind;

    n->stats = jk_calloc(G * JK_DG_NIND + 1, sizeof(*n->stats));
    n->soff = jk_calloc(G * JK_DG_NIND + 1, sizeof(*n->soff));
    n->sorted = jk_malloc((n->n * JK_DG_NIND + 1) * sizeof(*n->sorted));
    fill = jk_calloc(G * JK_DG_NIND + 1, sizeof(*fill));
    if (!n->stats || !n->soff || !n->sorted || !fill) {
        jk_free(fill);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    /* Count non-NaN values per (group, indicator), then offsets. */
    for (i = 0; i < n->n; i++)
        for (ind = 0; ind < JK_DG_NIND; ind++)
            if (dg_plausible(ind, n->v[i * JK_DG_NIND + (size_t)ind]))
                fill[n->group[i] * JK_DG_NIND + (size_t)ind]++;
    for (k = 0, g = 0; g < G * JK_DG_NIND; g++) {
        n->soff[g] = k;
        k += fill[g];
        n->stats[g].n = fill[g];
        fill[g] = 0;
    }
    n->soff[G * JK_DG_NIND] = k;
    for (i = 0; i < n->n; i++)
        for (ind = 0; ind < JK_DG_NIND; ind++) {
            double x = n->v[i * JK_DG_NIND + (size_t)ind];
            size_t s = n->group[i] * JK_DG_NIND + (size_t)ind;
            if (dg_plausible(ind, x))
                n->sorted[n->soff[s] + fill[s]++] = x;
        }
    for (g = 0; g < G * JK_DG_NIND; g++) {
        double *x = n->sorted + n->soff[g];
        size_t c = n->soff[g + 1] - n->soff[g];
        qsort(x, c, sizeof(*x), cmp_double);
        stats_sorted(x, c, &n->stats[g]);
    }
    jk_free(fill);
    return JK_OK;
}

int jk_dg_national_new(const jk_dg_data *d, const jk_dg_ref *ref,
                       const jk_dg_national_opts *o, jk_dg_national **out,
                       jk_err *err)
{
    jk_dg_national_opts dflt;
    jk_dg_national *n = jk_calloc(1, sizeof(*n));
    int *rule = NULL;
    char *ind = NULL;
    size_t i;
    int rc;

    *out = NULL;
    if (!o) {
        jk_dg_national_opts_init(&dflt);
        dflt.min_group = (size_t)dg_param_or(ref, "min_group", 20);
        o = &dflt;
    }
    if (!n)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    n->d = d;
    n->ref = ref;
    n->n = d->n;
    n->v = jk_malloc((d->n * JK_DG_NIND + 1) * sizeof(*n->v));
    n->tot = jk_calloc(d->n + 1, sizeof(*n->tot));
    n->type = jk_calloc(d->n + 1, sizeof(*n->type));
    n->group = jk_calloc(d->n + 1, sizeof(*n->group));
    rule = jk_malloc((d->n + 1) * sizeof(*rule));
    ind = jk_malloc(d->n + 1);
    if (!n->v || !n->tot || !n->type || !n->group || !rule || !ind) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto fail;
    }
    for (i = 0; i < d->n; i++) {
        const jk_dg_muni *m = &d->muni[i];
        if ((rc = jk_dg_indicators(m, ref, n->v + i * JK_DG_NIND, &n->tot[i],
                                   err)))
            goto fail;
        rule[i] = rule_of(ref, m);
        ind[i] = rule[i] < 0 ? '-' : industry_of(&ref->rule[rule[i]], m);
        jk_dg_peer_type(ref, m, n->type[i], sizeof(n->type[i]));
    }
    if ((rc = make_groups(n, rule, ind, o->min_group, err)) ||
        (rc = merge_small(n, o->min_group, err)) || (rc = make_stats(n, err)))
        goto fail;
    jk_free(rule);
    jk_free(ind);
    *out = n;
    return JK_OK;
fail:
    jk_free(rule);
    jk_free(ind);
    jk_dg_national_free(n);
    return rc;
}

const double *jk_dg_national_values(const jk_dg_national *n, size_t i)
{
    return n->v + i * JK_DG_NIND;
}

const jk_dg_totals *jk_dg_national_totals(const jk_dg_national *n, size_t i)
{
    return &n->tot[i];
}

const char *jk_dg_national_type(const jk_dg_national *n, size_t i)
{
    return n->type[i];
}

const char *jk_dg_national_group(const jk_dg_national *n, size_t i)
{
    return n->gname[n->group[i]];
}

size_t jk_dg_national_ngroups(const jk_dg_national *n)
{
    return n->ngroups;
}

const char *jk_dg_national_group_name(const jk_dg_national *n, size_t g)
{
    return g < n->ngroups ? n->gname[g] : "";
}

const jk_dg_stats *jk_dg_national_stats(const jk_dg_national *n, size_t g,
                                        int ind)
{
    if (g >= n->ngroups || ind < 0 || ind >= JK_DG_NIND)
        return NULL;
    return &n->stats[g * JK_DG_NIND + (size_t)ind];
}

/* The gap to the target converted to tonnes of waste a year (I9: tCO2). */
static double potential(const jk_dg_national *n, size_t i, int ind, double x,
                        double target)
{
    const jk_dg_muni *m = &n->d->muni[i];
    const jk_dg_totals *t = &n->tot[i];
    int better = jk_dg_ind_get(ind)->better;
    double gap = better > 0 ? target - x : x - target;
    if (isnan(gap))
        return (double)NAN;
    if (gap < 0)
        gap = 0;
    switch (ind) {
    case JK_DG_T1:
        return gap * m->pop_collection * t->days / 1000.0;
    case JK_DG_I1:
    case JK_DG_I1H:
    case JK_DG_I1B:
        return gap * m->pop_total * t->days / 1e6;
    case JK_DG_T2:
    case JK_DG_T3:
        return gap * t->W;
    case JK_DG_I2:
        return gap / 100.0 * t->W;
    case JK_DG_I7:
        return gap / 100.0 * t->T;
    case JK_DG_I9:
        return gap;
    default:
        if (ind >= JK_DG_CAPTURE0) {
            int f = ind - JK_DG_CAPTURE0;
            double resid = t->residual * m->residual_pct[f] / 100.0;
            return gap / 100.0 * (t->sep[f] + resid);
        }
        return (double)NAN;
    }
}

int jk_dg_national_compare(const jk_dg_national *n, size_t i, int ind,
                           jk_dg_compare *out)
{
    const jk_dg_ind_info *in = jk_dg_ind_get(ind);
    const jk_dg_stats *s;
    const double *vals;
    size_t nv;

    if (i >= n->n || !in)
        return JK_EINVAL;
    memset(out, 0, sizeof(*out));
    out->value = n->v[i * JK_DG_NIND + (size_t)ind];
    if (ind == JK_DG_I8 && n->plant_kwh) {
        s = &n->plant_stats;
        vals = n->plant_kwh;
        nv = n->nplant_kwh;
    } else {
        size_t g = n->group[i] * JK_DG_NIND + (size_t)ind;
        s = &n->stats[g];
        vals = n->sorted + n->soff[g];
        nv = n->soff[g + 1] - n->soff[g];
    }
    out->peers = s;
    out->index = jk_dg_index(out->value, s->mean, in->better);
    out->deviation = jk_dg_deviation(out->value, s->mean, s->sd, in->better);
    out->percentile = prank_sorted(vals, nv, out->value);
    if (in->better < 0 && !isnan(out->percentile))
        out->percentile = 100.0 - out->percentile;
    out->target = in->better > 0 ? s->q3 : s->q1;
    out->potential_t = potential(n, i, ind, out->value, out->target);
    return JK_OK;
}

int jk_dg_national_set_plants(jk_dg_national *n, const jk_moe_plants *p,
                              jk_err *err)
{
    size_t i, k = 0;
    jk_free(n->plant_kwh);
    n->plant_kwh = jk_malloc((p->n ? p->n : 1) * sizeof(*n->plant_kwh));
    if (!n->plant_kwh)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; i < p->n; i++) {
        const jk_moe_plant *pl = &p->plant[i];
        if (!(pl->throughput_t > 0) || (pl->flags & JK_MOE_FLAG_GEN_PER_T))
            continue;
        n->plant_kwh[k++] =
            pl->gen_mwh > 0 ? pl->gen_mwh * 1000.0 / pl->throughput_t : 0;
    }
    qsort(n->plant_kwh, k, sizeof(*n->plant_kwh), cmp_double);
    n->nplant_kwh = k;
    stats_sorted(n->plant_kwh, k, &n->plant_stats);
    return JK_OK;
}
