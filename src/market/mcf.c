/*
 * Minimum-cost flow problems as arrays: building them, freeing results,
 * reduced costs and the DIMACS "min" reader. The solve itself is in
 * mcf_lemon.cpp.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <junkan/mcf.h>

const char *jk_mcf_status_name(jk_mcf_status s)
{
    switch (s) {
    case JK_MCF_OPTIMAL:
        return "optimal";
    case JK_MCF_INFEASIBLE:
        return "infeasible";
    case JK_MCF_UNBOUNDED:
        return "unbounded";
    }
    return "?";
}

void jk_mcf_problem_init(jk_mcf_problem *p)
{
    memset(p, 0, sizeof(*p));
}

void jk_mcf_problem_free(jk_mcf_problem *p)
{
    if (!p)
        return;
    jk_free(p->supply);
    jk_free(p->tail);
    jk_free(p->head);
    jk_free(p->lower);
    jk_free(p->cap);
    jk_free(p->cost);
    jk_mcf_problem_init(p);
}

void jk_mcf_result_free(jk_mcf_result *r)
{
    if (!r)
        return;
    jk_free(r->flow);
    jk_free(r->potential);
    r->flow = NULL;
    r->potential = NULL;
}

/* Grow *arr (element size sz) from old to cap elements. */
static int grow(void **arr, size_t sz, int32_t cap)
{
    void *q = jk_realloc(*arr, sz * (size_t)cap);
    if (!q)
        return JK_ENOMEM;
    *arr = q;
    return JK_OK;
}

int jk_mcf_reserve(jk_mcf_problem *p, int32_t n, int32_t m, jk_err *err)
{
    if (n < 0 || m < 0 || p->n_nodes > INT32_MAX - n ||
        p->n_arcs > INT32_MAX - m)
        return jk_err_set(err, JK_ELIMIT, "mcf", "too many nodes or arcs");
    if (p->n_nodes + n > p->node_cap) {
        int32_t c = p->n_nodes + n;
        if (grow((void **)&p->supply, sizeof(int64_t), c))
            return jk_err_set(err, JK_ENOMEM, "mcf", "out of memory");
        p->node_cap = c;
    }
    if (p->n_arcs + m > p->arc_cap) {
        int32_t c = p->n_arcs + m;
        if (grow((void **)&p->tail, sizeof(int32_t), c) ||
            grow((void **)&p->head, sizeof(int32_t), c) ||
            grow((void **)&p->cap, sizeof(int64_t), c) ||
            grow((void **)&p->cost, sizeof(int64_t), c) ||
            (p->lower && grow((void **)&p->lower, sizeof(int64_t), c)))
            return jk_err_set(err, JK_ENOMEM, "mcf", "out of memory");
        p->arc_cap = c;
    }
    return JK_OK;
}

/* Room for one more: double the capacity (at least 16). */
static int room(jk_mcf_problem *p, int nodes, jk_err *err)
{
    int32_t have = nodes ? p->node_cap - p->n_nodes : p->arc_cap - p->n_arcs;
    int32_t cur = nodes ? p->node_cap : p->arc_cap;
    int32_t more;

    if (have > 0)
        return JK_OK;
    more = cur < 16 ? 16 : (cur > INT32_MAX / 2 ? INT32_MAX - cur : cur);
    if (more <= 0)
        return jk_err_set(err, JK_ELIMIT, "mcf", "too many nodes or arcs");
    return nodes ? jk_mcf_reserve(p, more, 0, err)
                 : jk_mcf_reserve(p, 0, more, err);
}

int jk_mcf_add_node(jk_mcf_problem *p, int64_t supply, int32_t *id, jk_err *err)
{
    int rc = room(p, 1, err);
    if (rc)
        return rc;
    p->supply[p->n_nodes] = supply;
    if (id)
        *id = p->n_nodes;
    p->n_nodes++;
    return JK_OK;
}

int jk_mcf_add_arc(jk_mcf_problem *p, int32_t tail, int32_t head, int64_t lower,
                   int64_t cap, int64_t cost, int32_t *id, jk_err *err)
{
    int rc;
    int32_t a;

    if (tail < 0 || tail >= p->n_nodes || head < 0 || head >= p->n_nodes)
        return jk_err_set(err, JK_EINVAL, "mcf", "arc endpoint out of range");
    if (lower < 0 || cap < lower)
        return jk_err_set(err, JK_EINVAL, "mcf",
                          "bounds must satisfy 0 <= lower <= cap");
    rc = room(p, 0, err);
    if (rc)
        return rc;
    a = p->n_arcs;
    if (lower != 0 && !p->lower) {
        p->lower = jk_calloc((size_t)p->arc_cap, sizeof(int64_t));
        if (!p->lower)
            return jk_err_set(err, JK_ENOMEM, "mcf", "out of memory");
    }
    p->tail[a] = tail;
    p->head[a] = head;
    p->cap[a] = cap;
    p->cost[a] = cost;
    if (p->lower)
        p->lower[a] = lower;
    if (id)
        *id = a;
    p->n_arcs++;
    return JK_OK;
}

int64_t jk_mcf_reduced_cost(const jk_mcf_problem *p, const jk_mcf_result *r,
                            int32_t a)
{
    return p->cost[a] + r->potential[p->tail[a]] - r->potential[p->head[a]];
}

/* ---- DIMACS "min" reader ---- */

/* Limits of what the reader accepts (a header cannot make it allocate
 * more than about 130 MB of nodes up front). */
#define DIMACS_MAX_NODES (1 << 24)
#define DIMACS_MAX_ARCS  (1 << 28)

/* Next whitespace-separated integer on a line; false when absent or not
 * an integer in range. */
static bool next_i64(const char **s, const char *end, int64_t *out)
{
    const char *q = *s;
    char buf[32];
    size_t n = 0;

    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
    while (q < end && *q != ' ' && *q != '\t' && *q != '\r') {
        if (n + 1 >= sizeof(buf))
            return false;
        buf[n++] = *q++;
    }
    buf[n] = '\0';
    *s = q;
    return n > 0 && jk_parse_i64(buf, out) == JK_OK;
}

/* Nothing but blanks left on the line. */
static bool at_end(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    return s == end;
}

int jk_mcf_read_dimacs(const char *text, size_t len, const char *name,
                       jk_mcf_problem *p, jk_err *err)
{
    const char *s = text, *end = text + len;
    long line = 0;
    int64_t n_nodes = -1, n_arcs = 0;
    char where[JK_ERR_WHERE];
    int rc = JK_OK;

    jk_mcf_problem_init(p);
#define FAIL(field, ...)                                                       \
    do {                                                                       \
        jk_snprintf(where, sizeof(where), "%s:%ld", name, line);               \
        rc = jk_err_set(err, JK_EPARSE, where, field ": " __VA_ARGS__);        \
        goto out;                                                              \
    } while (0)
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        const char *q;
        if (!eol)
            eol = end;
        line++;
        q = s + 1;
        switch (s == eol ? '\0' : *s) {
        case '\0':
        case '\r':
        case 'c':
            break;
        case 'p': {
            const char *t = q;
            int64_t nn, mm;
            while (t < eol && *t == ' ')
                t++;
            if (n_nodes >= 0)
                FAIL("p", "more than one problem line");
            if (eol - t < 4 || memcmp(t, "min", 3) != 0 ||
                (t[3] != ' ' && t[3] != '\t'))
                FAIL("p", "expected \"p min NODES ARCS\"");
            t += 3;
            if (!next_i64(&t, eol, &nn) || nn < 0 || nn > DIMACS_MAX_NODES)
                FAIL("nodes", "expected a count from 0 to %d",
                     DIMACS_MAX_NODES);
            if (!next_i64(&t, eol, &mm) || mm < 0 || mm > DIMACS_MAX_ARCS)
                FAIL("arcs", "expected a count from 0 to %d", DIMACS_MAX_ARCS);
            if (!at_end(t, eol))
                FAIL("p", "unexpected text after the arc count");
            /* Reserve lazily: a header may announce more than it has. */
            n_nodes = nn;
            n_arcs = mm;
            if (jk_mcf_reserve(p, (int32_t)(nn < 1000000 ? nn : 1000000), 0,
                               err)) {
                rc = JK_ENOMEM;
                goto out;
            }
            for (int64_t i = 0; i < nn; i++)
                if ((rc = jk_mcf_add_node(p, 0, NULL, err)) != JK_OK)
                    goto out;
            break;
        }
        case 'n': {
            int64_t id, sup;
            if (n_nodes < 0)
                FAIL("n", "node line before the problem line");
            if (!next_i64(&q, eol, &id) || id < 1 || id > n_nodes)
                FAIL("node", "expected a node number from 1 to %lld",
                     (long long)n_nodes);
            if (!next_i64(&q, eol, &sup))
                FAIL("supply", "expected an integer");
            if (!at_end(q, eol))
                FAIL("n", "unexpected text after the supply");
            p->supply[id - 1] = sup;
            break;
        }
        case 'a': {
            int64_t t, h, lo, cap, cost;
            if (n_nodes < 0)
                FAIL("a", "arc line before the problem line");
            if (p->n_arcs >= n_arcs)
                FAIL("a", "more arcs than the %lld announced",
                     (long long)n_arcs);
            if (!next_i64(&q, eol, &t) || t < 1 || t > n_nodes)
                FAIL("tail", "expected a node number from 1 to %lld",
                     (long long)n_nodes);
            if (!next_i64(&q, eol, &h) || h < 1 || h > n_nodes)
                FAIL("head", "expected a node number from 1 to %lld",
                     (long long)n_nodes);
            if (!next_i64(&q, eol, &lo) || lo < 0)
                FAIL("low", "expected an integer >= 0");
            if (!next_i64(&q, eol, &cap) || cap < lo)
                FAIL("cap", "expected an integer >= the lower bound");
            if (!next_i64(&q, eol, &cost))
                FAIL("cost", "expected an integer");
            if (!at_end(q, eol))
                FAIL("a", "unexpected text after the cost");
            rc = jk_mcf_add_arc(p, (int32_t)(t - 1), (int32_t)(h - 1), lo, cap,
                                cost, NULL, err);
            if (rc)
                goto out;
            break;
        }
        default:
            FAIL("line", "expected a line starting with c, p, n or a");
        }
        s = eol < end ? eol + 1 : end;
    }
    line++;
    if (n_nodes < 0)
        FAIL("p", "no problem line");
    if (p->n_arcs != n_arcs)
        FAIL("a", "%d arcs, but the problem line announced %lld",
             (int)p->n_arcs, (long long)n_arcs);
#undef FAIL
out:
    if (rc)
        jk_mcf_problem_free(p);
    return rc;
}

int jk_mcf_write_dimacs(const jk_mcf_problem *p, FILE *out, jk_err *err)
{
    int32_t i;
    fprintf(out, "c written by junkan\np min %d %d\n", (int)p->n_nodes,
            (int)p->n_arcs);
    for (i = 0; i < p->n_nodes; i++)
        if (p->supply[i])
            fprintf(out, "n %d %lld\n", (int)i + 1, (long long)p->supply[i]);
    for (i = 0; i < p->n_arcs; i++)
        fprintf(out, "a %d %d %lld %lld %lld\n", (int)p->tail[i] + 1,
                (int)p->head[i] + 1, (long long)(p->lower ? p->lower[i] : 0),
                (long long)p->cap[i], (long long)p->cost[i]);
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}
