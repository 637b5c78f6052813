/*
 * Sankey diagrams of an MFA system, written as one standalone SVG 1.1
 * file. Design notes: docs/internals/sankey.md.
 *
 * Only the public accessors of include/junkan/mfa.h are used, so any
 * system (loaded, built or reconciled) can be drawn.
 *
 * Outline:
 *   1. items: one per process (a node), one per boundary flow (a
 *      terminal: the labelled open end of a band); links: one per flow,
 *      one per stock change;
 *   2. back edges: a depth-first search from the processes fed across
 *      the boundary marks the edges that close a cycle (recycling);
 *      they are drawn as loops under the diagram;
 *   3. columns: longest path over the other edges; a terminal sits one
 *      column before (inputs) or after (outputs) its process;
 *   4. order within a column: barycentre sweeps;
 *   5. scale: the tallest column (mass, gaps, label room, loop lanes)
 *      fits the height; vertical positions relaxed towards straight
 *      bands, then separated;
 *   6. labels: fixed ones for nodes and terminals, candidate positions
 *      for the others, the first that overlaps nothing wins;
 *   7. everything is written into a jk_buf and then to the FILE* in one
 *      go, so nothing is written on failure.
 *
 * All arithmetic is in a fixed order and all sorts have a total order,
 * so the same input gives the same bytes.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <junkan/mfa.h>

/* Geometry, px. */
#define MARGIN       12.0
#define TOP          50.0 /* title band */
#define BOTTOM       26.0 /* legend band */
#define NODE_W       14.0
#define GAP          10.0  /* between the items of a column */
#define NODE_LABEL_H 20.0  /* room kept above a node for its label */
#define TERM_MAX_W   190.0 /* terminal labels wrap at this width */
#define LINK_MAX_W   170.0 /* link labels wrap at this width */
#define ARROW        9.0   /* depth of the arrow tip of outputs */
#define TURN_R       8.0   /* inner radius of loops and stock elbows */
#define STEM         14.0  /* straight part of a stock band */
#define LANE_GAP     6.0   /* between loops */
#define FS           11.0  /* small font */
#define FS_NODE      12.0  /* node labels */
#define MAX_LINES    4

#define SVG_MAX ((size_t)1 << 28) /* 256 MiB: more is a runaway */

enum { IT_NODE, IT_SRC, IT_SINK, IT_WAY };
enum { LK_FLOW, LK_STOCK, LK_SEG };
enum { CLS_TEXT, CLS_BOLD, CLS_GREY };

typedef struct span {
    const char *s; /* UTF-8 text, not escaped */
    int cls;       /* CLS_* */
} span;

typedef struct line {
    span sp[3]; /* the pieces, in order */
    int n;      /* pieces used */
    double w;   /* estimated width, px */
} line;

typedef struct label {
    line ln[MAX_LINES]; /* lines, top to bottom */
    int n;              /* lines used; 0 = no label */
    double fs;          /* font size, px */
    char anchor;        /* 'S'tart, 'M'iddle, 'E'nd */
    double x;           /* anchor x */
    double y;           /* top of the box */
    double w, h;        /* box size */
} label;

typedef struct item {
    int kind;       /* IT_* */
    size_t ref;     /* process index, or link index for a terminal or
                       a waypoint */
    long col;       /* column */
    double t;       /* tonnes the item shows */
    double y, h;    /* top and height, px (terminals: with label room) */
    double minh;    /* least height, px */
    double pad_a;   /* room kept above, px */
    double pad_b;   /* room kept below, px */
    size_t pos;     /* index within its column */
    bool bias;      /* keep low in its column (loops leave or enter) */
    const char *fg; /* colour */
    size_t *outs;   /* links leaving on the right, slot order */
    size_t nout;    /* count */
    size_t *ins;    /* links entering on the left, slot order */
    size_t nin;     /* count */
} item;

typedef struct link {
    int kind;        /* LK_* */
    size_t ref;      /* flow or stock index; segments: the parent link */
    long src, dst;   /* items; -1 at the open end of a stock band */
    double t;        /* tonnes; NaN when unknown */
    double w;        /* band width, px (0 for unknown and zero) */
    double ys, yt;   /* band top at src and at dst, px */
    bool back;       /* closes a cycle: drawn as a loop */
    size_t lane;     /* loops: lane index, 0 = highest */
    double turn_s;   /* loops: x where the band turns down */
    double turn_t;   /* loops: x where the band turns up */
    double lane_y;   /* loops: top of the lane */
    const char *fg;  /* colour */
    const char *id;  /* flow id or stock process */
    const char *txt; /* label or id */
    size_t seg0;     /* split links: first of their segments */
    size_t nseg;     /* split links: segments (0: not split) */
} link;

typedef struct sk {
    const jk_mfa_system *sys; /* drawn */
    jk_arena *a;              /* every temporary */
    bool ja;                  /* Japanese labels */
    double W, H;              /* canvas (the viewBox) */
    double out_w, out_h;      /* width and height asked for */
    item *it;                 /* items */
    size_t nit;
    link *lk; /* links */
    size_t nlk;
    long ncols;     /* columns */
    size_t *order;  /* item indices grouped by column, in order */
    size_t *cstart; /* column c is order[cstart[c] .. cstart[c + 1]) */
    double *colx;   /* left edge of each column */
    double step;    /* distance between columns */
    double k;       /* px per tonne */
    double area_top, area_bot; /* where items go */
    double max_t;              /* largest flow, tonnes */
    label *lab;                /* nit item labels, then nlk link labels */
    double (*box)[4];          /* placed boxes: x0 y0 x1 y1 */
    size_t nbox, cbox;
    struct ent **rows;     /* boxes by cell of ROW x ROW px */
    size_t nrows, ncols_g; /* cells down and across */
    unsigned *stamp;       /* last query that met each box */
    unsigned query;        /* current query */
    bool nomem;            /* an allocation failed while placing */
    bool any_unknown;      /* for the legend */
} sk;

/* A box in a strip of the label index. */
typedef struct ent {
    size_t box;       /* index into sk.box */
    struct ent *next; /* next in the strip */
} ent;

#define ROW 48.0 /* side of a cell of the label index, px */

typedef struct svg {
    jk_buf b; /* output */
    int rc;   /* first failure, sticky */
} svg;

static const char *const node_colors[] = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
static const char *const ext_colors[] = {"#8cd17d", "#a0cbe8", "#ffbe7d",
                                         "#d4a6c8", "#f1ce63", "#86bcb6"};

void jk_sankey_opts_init(jk_sankey_opts *o)
{
    if (!o)
        return;
    o->lang = "en";
    o->title = NULL;
    o->width = 1200;
    o->height = 700;
}

/* ------------------------------------------------------------------ */
/* Text: UTF-8, width estimates, numbers                               */
/* ------------------------------------------------------------------ */

/* The code point at s[*i], advancing *i; -1 (one byte consumed) when
 * the bytes there are not valid UTF-8. */
static long utf8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    long cp;
    size_t n, j;

    if (p[0] < 0x80) {
        *i += 1;
        return p[0];
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
        cp = p[0] & 0x1F;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        cp = p[0] & 0x0F;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        cp = p[0] & 0x07;
    } else {
        *i += 1;
        return -1;
    }
    for (j = 1; j < n; j++) {
        if ((p[j] & 0xC0) != 0x80) {
            *i += 1;
            return -1;
        }
        cp = (cp << 6) | (p[j] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return -1;
    }
    *i += n;
    return cp;
}

/* East Asian wide characters: kana, kanji, full-width forms, ... */
static bool is_wide(long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

/* Estimated advance of one code point, in em (Noto Sans CJK metrics,
 * rounded up a little so that boxes are not too small). */
static double cp_em(long cp)
{
    if (cp < 0)
        return 1.0;
    if (cp == ' ')
        return 0.26;
    if (cp >= '0' && cp <= '9')
        return 0.57;
    if (cp >= 'A' && cp <= 'Z')
        return 0.66;
    if (cp == 'i' || cp == 'l' || cp == 'j' || cp == 'f' || cp == 't' ||
        cp == 'r' || cp == '.' || cp == ',' || cp == ':' || cp == '\'' ||
        cp == '(' || cp == ')' || cp == '!' || cp == '|')
        return 0.34;
    if (cp == 'm' || cp == 'w')
        return 0.84;
    if (cp < 0x80)
        return 0.56;
    /* Arrows, the ellipsis and the minus sign are full width in CJK
     * fonts. */
    if (is_wide(cp) || (cp >= 0x2190 && cp <= 0x21FF) || cp == 0x2026 ||
        cp == 0x2212)
        return 1.0;
    return 0.62;
}

static double text_w(const char *s, double fs, bool bold)
{
    double em = 0;
    size_t i = 0;

    while (s[i])
        em += cp_em(utf8_next(s, &i));
    return em * fs * (bold ? 1.06 : 1.0);
}

/* A coordinate: at most two decimals, no trailing zeros, never "-0". */
static const char *fmt_num(double v, char *buf, size_t cap)
{
    char *dot, *end;

    if (!isfinite(v) || fabs(v) < 0.005)
        v = 0;
    jk_snprintf(buf, cap, "%.2f", v);
    dot = strchr(buf, '.');
    if (dot) {
        end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    return buf;
}

/* Insert thousands separators into the integer part of a decimal. */
static void group_thousands(const char *in, char *out, size_t cap)
{
    size_t len = strlen(in), ilen = 0, o = 0, i;

    while (ilen < len && in[ilen] != '.')
        ilen++;
    for (i = 0; i < len && o + 2 < cap; i++) {
        if (i > 0 && i < ilen && (ilen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = in[i];
    }
    out[o] = '\0';
}

/*
 * A mass in a readable unit: "778 Mt", "2.11 Mt", "450 t", three
 * significant figures below 1000, no sign ("?" for NaN).
 */
static const char *fmt_mass(double t, char *buf, size_t cap)
{
    static const char *const unit[] = {"t", "kt", "Mt"};
    static const double per_unit[] = {1.0, 1e3, 1e6};
    double a = fabs(t), v;
    int u = 0, dec;
    char digits[64], grouped[96], *dot, *end;

    if (isnan(t)) {
        jk_strlcpy(buf, "?", cap);
        return buf;
    }
    if (a >= 1e6)
        u = 2;
    else if (a >= 1e3)
        u = 1;
    for (;;) {
        v = a / per_unit[u];
        dec = v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2;
        jk_snprintf(digits, sizeof(digits), "%.*f", dec, v);
        if (u < 2 && strtod(digits, NULL) >= 1000) {
            u++;
            continue;
        }
        break;
    }
    dot = strchr(digits, '.');
    if (dot) {
        end = digits + strlen(digits) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    group_thousands(digits, grouped, sizeof(grouped));
    jk_snprintf(buf, cap, "%s %s", grouped, unit[u]);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void put(svg *s, const char *str)
{
    if (s->rc == JK_OK)
        s->rc = jk_buf_adds(&s->b, str);
}

static void putn(svg *s, const char *str, size_t n)
{
    if (s->rc == JK_OK)
        s->rc = jk_buf_add(&s->b, str, n);
}

static void num(svg *s, double v)
{
    char b[64];
    put(s, fmt_num(v, b, sizeof(b)));
}

/* " C x,y" style path pieces. */
static void pt(svg *s, double x, double y)
{
    num(s, x);
    put(s, ",");
    num(s, y);
}

static void cmd(svg *s, const char *c, double x, double y)
{
    put(s, c);
    pt(s, x, y);
}

static void curve(svg *s, double x1, double y1, double x2, double y2, double x3,
                  double y3)
{
    put(s, " C");
    pt(s, x1, y1);
    put(s, " ");
    pt(s, x2, y2);
    put(s, " ");
    pt(s, x3, y3);
}

/* Circular arc of radius r to (x, y); sweep 1 turns clockwise. */
static void arc(svg *s, double r, int sweep, double x, double y)
{
    put(s, " A");
    num(s, r);
    put(s, ",");
    num(s, r);
    put(s, sweep ? " 0 0 1 " : " 0 0 0 ");
    pt(s, x, y);
}

/* An attribute value: name="number". */
static void attr_num(svg *s, const char *name, double v)
{
    put(s, " ");
    put(s, name);
    put(s, "=\"");
    num(s, v);
    put(s, "\"");
}

/*
 * Text for XML: the five special characters as entities, control
 * characters as spaces, invalid UTF-8 as U+FFFD, so that any input
 * gives a well-formed document.
 */
static void put_esc(svg *s, const char *str)
{
    size_t i = 0, start;
    long cp;

    while (str[i]) {
        start = i;
        cp = utf8_next(str, &i);
        if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF)
            put(s, "�"); /* U+FFFD replacement character */
        else if (cp < 0x20)
            put(s, " ");
        else if (cp == '&')
            put(s, "&amp;");
        else if (cp == '<')
            put(s, "&lt;");
        else if (cp == '>')
            put(s, "&gt;");
        else if (cp == '"')
            put(s, "&quot;");
        else if (cp == '\'')
            put(s, "&#39;");
        else
            putn(s, str + start, i - start);
    }
}

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

static double line_h(double fs)
{
    return floor(fs * 1.2 + 0.5);
}

static void label_fit(label *lb)
{
    int i;

    lb->w = 0;
    for (i = 0; i < lb->n; i++)
        if (lb->ln[i].w > lb->w)
            lb->w = lb->ln[i].w;
    lb->h = lb->n * line_h(lb->fs);
}

/* Append a piece to line li (creating it); false when out of lines. */
static void label_add(label *lb, int li, const char *s, int cls)
{
    line *l;

    if (li >= MAX_LINES)
        li = MAX_LINES - 1;
    while (lb->n <= li)
        lb->ln[lb->n++].n = 0;
    l = &lb->ln[li];
    if (l->n == 0)
        l->w = 0;
    if (l->n >= 3)
        return;
    l->sp[l->n].s = s;
    l->sp[l->n].cls = cls;
    l->n++;
    l->w += text_w(s, lb->fs, cls == CLS_BOLD);
}

/* Characters that may not begin a line (a few of JIS X 4051's). */
static bool no_break_before(long cp)
{
    static const long list[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB,
                                0x30FC, 0xFF09, 0x300D, 0x300F, 0x3011,
                                0xFF1A, 0xFF1B, 0x3005, 0xFF01, 0xFF1F};
    size_t i;

    for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        if (list[i] == cp)
            return true;
    return false;
}

/*
 * Wrap text into at most max_lines lines of at most max_w px, breaking
 * at spaces and between wide characters; the lines are appended to lb
 * as plain pieces. A last line that would not fit is cut with "…".
 * Returns JK_OK or JK_ENOMEM.
 */
static int wrap(sk *k, label *lb, const char *text, double max_w, int max_lines)
{
    size_t i = 0, tok, tok_end, ls = 0, le = 0, peek;
    double lw = 0, tw, sw = text_w(" ", lb->fs, false);
    bool space_before;
    long cp;
    int first = lb->n;
    char *s;

    while (text[i] == ' ')
        i++;
    ls = le = i;
    while (text[i]) {
        space_before = false;
        while (text[i] == ' ') {
            space_before = true;
            i++;
        }
        if (!text[i])
            break;
        /* One token: a wide character (with any closing marks after
         * it) or a run of narrow non-space characters. */
        tok = i;
        cp = utf8_next(text, &i);
        if (cp >= 0 && is_wide(cp)) {
            for (;;) {
                peek = i;
                cp = utf8_next(text, &peek);
                if (!text[i] || !no_break_before(cp))
                    break;
                i = peek;
            }
        } else {
            for (;;) {
                peek = i;
                if (!text[i] || text[i] == ' ')
                    break;
                cp = utf8_next(text, &peek);
                if (cp >= 0 && is_wide(cp) && !no_break_before(cp))
                    break;
                i = peek;
            }
        }
        tok_end = i;
        s = jk_arena_strndup(k->a, text + tok, tok_end - tok);
        if (!s)
            return JK_ENOMEM;
        tw = text_w(s, lb->fs, false);
        if (le > ls && lw + (space_before ? sw : 0) + tw > max_w) {
            if (lb->n - first + 1 >= max_lines) {
                /* Out of lines: cut the rest. */
                s = jk_arena_alloc(k->a, le - ls + 4);
                if (!s)
                    return JK_ENOMEM;
                memcpy(s, text + ls, le - ls);
                memcpy(s + (le - ls), "…", 4);
                label_add(lb, lb->n, s, CLS_TEXT);
                return JK_OK;
            }
            s = jk_arena_strndup(k->a, text + ls, le - ls);
            if (!s)
                return JK_ENOMEM;
            label_add(lb, lb->n, s, CLS_TEXT);
            ls = tok;
            lw = 0;
            space_before = false;
        }
        lw += (space_before ? sw : 0) + tw;
        le = tok_end;
    }
    if (le > ls) {
        s = jk_arena_strndup(k->a, text + ls, le - ls);
        if (!s)
            return JK_ENOMEM;
        label_add(lb, lb->n, s, CLS_TEXT);
    }
    return JK_OK;
}

/*
 * Put value (and an optional grey note) after the last line when it
 * fits within max_w, else on a line of its own.
 */
static int add_value(sk *k, label *lb, const char *value, const char *note,
                     double max_w)
{
    double vw = text_w(value, lb->fs, true) + text_w(" ", lb->fs, false);
    char *v, *nt = NULL;
    int li = lb->n;

    if (note) {
        vw += text_w(note, lb->fs, false);
        nt = jk_arena_strdup(k->a, note);
        if (!nt)
            return JK_ENOMEM;
    }
    if (lb->n > 0 && lb->n - 1 < MAX_LINES && lb->ln[lb->n - 1].n < 2 &&
        lb->ln[lb->n - 1].w + vw <= max_w) {
        li = lb->n - 1;
        v = jk_arena_alloc(k->a, strlen(value) + 2);
        if (!v)
            return JK_ENOMEM;
        v[0] = ' ';
        memcpy(v + 1, value, strlen(value) + 1);
    } else {
        v = jk_arena_strdup(k->a, value);
        if (!v)
            return JK_ENOMEM;
    }
    label_add(lb, li, v, CLS_BOLD);
    if (nt)
        label_add(lb, li < lb->n ? li : lb->n - 1, nt, CLS_GREY);
    return JK_OK;
}

/* ------------------------------------------------------------------ */
/* Building items and links                                            */
/* ------------------------------------------------------------------ */

static bool is_ext(const char *node)
{
    return strncmp(node, "ext:", 4) == 0;
}

typedef struct name_ix {
    const char *id; /* process id */
    size_t i;       /* its index */
} name_ix;

/* Process ids are unique, so comparing ids is a total order. */
static int cmp_name(const void *pa, const void *pb)
{
    const name_ix *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

static long find_proc(const name_ix *ix, size_t n, const char *id)
{
    name_ix key, *hit;

    key.id = id;
    key.i = 0;
    hit = bsearch(&key, ix, n, sizeof(*ix), cmp_name);
    return hit ? (long)hit->i : -1;
}

/* n zeroed elements of size bytes from the arena; NULL on OOM or
 * overflow. */
static void *alloc_n(sk *k, size_t n, size_t size)
{
    void *p;

    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / size)
        return NULL;
    p = jk_arena_alloc(k->a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* Known tonnes of a link, 0 when unknown. */
static double known(const link *l)
{
    return isfinite(l->t) ? fabs(l->t) : 0;
}

/* Colour of an outside node, by order of first appearance. */
static const char *ext_color(const char **seen, size_t *nseen, const char *name)
{
    size_t i;

    for (i = 0; i < *nseen; i++)
        if (strcmp(seen[i], name) == 0)
            break;
    if (i == *nseen)
        seen[(*nseen)++] = name;
    return ext_colors[i % (sizeof(ext_colors) / sizeof(ext_colors[0]))];
}

/*
 * Each item's links, in link order: the lists of links leaving on its
 * right and entering on its left. A split link is replaced by its
 * segments. JK_OK or JK_ENOMEM.
 */
static int index_links(sk *k)
{
    size_t i;

    for (i = 0; i < k->nit; i++)
        k->it[i].nout = k->it[i].nin = 0;
    for (i = 0; i < k->nlk; i++) {
        if (k->lk[i].nseg)
            continue;
        if (k->lk[i].src >= 0)
            k->it[k->lk[i].src].nout++;
        if (k->lk[i].dst >= 0)
            k->it[k->lk[i].dst].nin++;
    }
    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        it->outs = alloc_n(k, it->nout, sizeof(size_t));
        it->ins = alloc_n(k, it->nin, sizeof(size_t));
        if (!it->outs || !it->ins)
            return JK_ENOMEM;
        it->nout = it->nin = 0;
    }
    for (i = 0; i < k->nlk; i++) {
        link *l = &k->lk[i];
        if (l->nseg)
            continue;
        if (l->src >= 0) {
            item *it = &k->it[l->src];
            it->outs[it->nout++] = i;
        }
        if (l->dst >= 0) {
            item *it = &k->it[l->dst];
            it->ins[it->nin++] = i;
        }
    }
    return JK_OK;
}

/*
 * Items (processes, then one terminal per boundary flow) and links
 * (flows in system order, then stock changes), with each item's lists
 * of links in system order. JK_OK or JK_ENOMEM.
 */
static int build(sk *k)
{
    const jk_mfa_system *sys = k->sys;
    size_t np = jk_mfa_n_processes(sys), nf = jk_mfa_n_flows(sys);
    size_t ns = jk_mfa_n_stocks(sys), i, nseen = 0;
    const char **seen;
    name_ix *ix;
    int rc;

    ix = alloc_n(k, np, sizeof(*ix));
    k->it = alloc_n(k, np + nf, sizeof(*k->it));
    k->lk = alloc_n(k, nf + ns, sizeof(*k->lk));
    seen = alloc_n(k, nf, sizeof(*seen));
    if (!ix || !k->it || !k->lk || !seen)
        return JK_ENOMEM;
    for (i = 0; i < np; i++) {
        ix[i].id = jk_mfa_process_at(sys, i)->id;
        ix[i].i = i;
        k->it[i].kind = IT_NODE;
        k->it[i].ref = i;
        k->it[i].fg =
            node_colors[i % (sizeof(node_colors) / sizeof(node_colors[0]))];
    }
    qsort(ix, np, sizeof(*ix), cmp_name);
    k->nit = np;

    for (i = 0; i < nf; i++) {
        const jk_mfa_flow *f = jk_mfa_flow_at(sys, i);
        bool ein = is_ext(f->from), eout = is_ext(f->to);
        long a = ein ? -1 : find_proc(ix, np, f->from);
        long b = eout ? -1 : find_proc(ix, np, f->to);
        link *l = &k->lk[k->nlk];
        item *t;

        if ((!ein && a < 0) || (!eout && b < 0) || (ein && eout))
            continue; /* not in a checked system */
        l->kind = LK_FLOW;
        l->ref = i;
        l->id = f->id;
        l->txt = f->label && *f->label ? f->label : f->id;
        l->t = f->status == JK_MFA_UNKNOWN || !isfinite(f->value) ? (double)NAN
                                                                  : f->value;
        if (ein || eout) {
            t = &k->it[k->nit];
            t->kind = ein ? IT_SRC : IT_SINK;
            t->ref = k->nlk;
            t->fg = ein ? ext_color(seen, &nseen, f->from) : k->it[a].fg;
            l->src = ein ? (long)k->nit : a;
            l->dst = ein ? b : (long)k->nit;
            k->nit++;
        } else {
            l->src = a;
            l->dst = b;
        }
        /* Bands between processes take the colour of where they go;
         * loops keep their source's (set in columns()). */
        l->fg = k->it[ein || eout ? l->src : l->dst].fg;
        k->nlk++;
    }

    for (i = 0; i < ns; i++) {
        const jk_mfa_stock *st = jk_mfa_stock_at(sys, i);
        long p = find_proc(ix, np, st->process);
        link *l = &k->lk[k->nlk];

        if (p < 0)
            continue;
        l->kind = LK_STOCK;
        l->ref = i;
        l->id = k->it[p].kind == IT_NODE ? st->process : "";
        l->txt = k->ja ? "蓄積" : "stock";
        l->t = st->status == JK_MFA_UNKNOWN || !isfinite(st->value)
                   ? (double)NAN
                   : st->value;
        l->src = l->t < 0 ? -1 : p;
        l->dst = l->t < 0 ? p : -1;
        l->fg = k->it[p].fg;
        k->nlk++;
    }

    for (i = 0; i < k->nlk; i++)
        if (known(&k->lk[i]) > k->max_t)
            k->max_t = known(&k->lk[i]);
    if ((rc = index_links(k)))
        return rc;
    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        double in = 0, out = 0;
        size_t j;

        for (j = 0; j < it->nin; j++)
            in += known(&k->lk[it->ins[j]]);
        for (j = 0; j < it->nout; j++)
            out += known(&k->lk[it->outs[j]]);
        it->t = in > out ? in : out;
    }
    return JK_OK;
}

/* A flow between two processes. */
static bool internal(const sk *k, const link *l)
{
    return l->kind == LK_FLOW && l->src >= 0 && l->dst >= 0 &&
           k->it[l->src].kind == IT_NODE && k->it[l->dst].kind == IT_NODE;
}

/* A link that takes part in the layout: not a loop, not a stock. */
static bool forward(const sk *k, const link *l)
{
    (void)k;
    return (l->kind == LK_FLOW || l->kind == LK_SEG) && !l->back;
}

/*
 * A flow that skips columns runs through a waypoint in each column
 * between (Sugiyama's dummy nodes): the waypoints take part in ordering
 * and spacing like items, so that the band goes around the processes
 * in between. The link is drawn as one band through its segments.
 */
static int add_waypoints(sk *k)
{
    size_t i, nway = 0, j, nlk = k->nlk, nit = k->nit;
    item *it;
    link *lk;

    for (i = 0; i < nlk; i++) {
        const link *l = &k->lk[i];
        if (forward(k, l) && l->src >= 0 && l->dst >= 0 &&
            k->it[l->dst].col - k->it[l->src].col > 1)
            nway += (size_t)(k->it[l->dst].col - k->it[l->src].col - 1);
    }
    if (nway == 0)
        return JK_OK;
    it = alloc_n(k, nit + nway, sizeof(*it));
    lk = alloc_n(k, nlk + nway + nlk, sizeof(*lk));
    if (!it || !lk)
        return JK_ENOMEM;
    memcpy(it, k->it, nit * sizeof(*it));
    memcpy(lk, k->lk, nlk * sizeof(*lk));
    k->it = it;
    k->lk = lk;
    for (i = 0; i < nlk; i++) {
        link *l = &k->lk[i];
        long c, c0, c1;
        size_t prev;

        if (!forward(k, l) || l->src < 0 || l->dst < 0)
            continue;
        c0 = k->it[l->src].col;
        c1 = k->it[l->dst].col;
        if (c1 - c0 <= 1)
            continue;
        l->seg0 = k->nlk;
        l->nseg = (size_t)(c1 - c0);
        prev = (size_t)l->src;
        for (c = c0 + 1, j = 0; c <= c1; c++, j++) {
            link *sg = &k->lk[k->nlk++];
            *sg = *l;
            sg->kind = LK_SEG;
            sg->ref = i;
            sg->nseg = 0;
            sg->src = (long)prev;
            if (c < c1) {
                item *w = &k->it[k->nit];
                memset(w, 0, sizeof(*w));
                w->kind = IT_WAY;
                w->ref = i;
                w->col = c;
                w->t = known(l);
                w->fg = l->fg;
                prev = k->nit++;
                sg->dst = (long)prev;
            }
        }
    }
    return index_links(k);
}

/*
 * Back edges and columns. A depth-first search over the flows between
 * processes, started from the processes fed across the boundary, then
 * from those with no input, then from any left; an edge into a process
 * still on the stack closes a cycle. Columns: the longest path over
 * the remaining edges (reverse post-order is a topological order).
 */
static int columns(sk *k)
{
    size_t np = jk_mfa_n_processes(k->sys), i, j, sp, npost = 0;
    size_t *stack, *cur, *post;
    unsigned char *state;
    long *depth, minc = 0, maxc = 0;
    int pass;

    stack = alloc_n(k, np, sizeof(*stack));
    cur = alloc_n(k, np, sizeof(*cur));
    post = alloc_n(k, np, sizeof(*post));
    state = alloc_n(k, np, sizeof(*state));
    depth = alloc_n(k, np, sizeof(*depth));
    if (!stack || !cur || !post || !state || !depth)
        return JK_ENOMEM;

    for (pass = 0; pass < 3; pass++) {
        for (i = 0; i < np; i++) {
            bool ext_in = false, any_in = false;

            if (state[i])
                continue;
            for (j = 0; j < k->it[i].nin; j++) {
                const link *l = &k->lk[k->it[i].ins[j]];
                if (l->kind == LK_FLOW && k->it[l->src].kind == IT_SRC)
                    ext_in = true;
                if (internal(k, l))
                    any_in = true;
            }
            if ((pass == 0 && !ext_in) || (pass == 1 && any_in))
                continue;
            sp = 0;
            stack[sp++] = i;
            state[i] = 1;
            cur[i] = 0;
            while (sp) {
                size_t u = stack[sp - 1];
                if (cur[u] < k->it[u].nout) {
                    link *l = &k->lk[k->it[u].outs[cur[u]++]];
                    size_t v;
                    if (!internal(k, l))
                        continue;
                    v = (size_t)l->dst;
                    if (state[v] == 0) {
                        state[v] = 1;
                        cur[v] = 0;
                        stack[sp++] = v;
                    } else if (state[v] == 1) {
                        l->back = true;
                    }
                } else {
                    state[u] = 2;
                    post[npost++] = u;
                    sp--;
                }
            }
        }
    }
    for (i = npost; i-- > 0;) {
        const item *u = &k->it[post[i]];
        for (j = 0; j < u->nout; j++) {
            const link *l = &k->lk[u->outs[j]];
            if (internal(k, l) && !l->back &&
                depth[l->dst] < depth[post[i]] + 1)
                depth[l->dst] = depth[post[i]] + 1;
        }
    }
    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        const link *l = it->kind == IT_NODE ? NULL : &k->lk[it->ref];
        if (it->kind == IT_NODE)
            it->col = depth[i];
        else if (it->kind == IT_SRC)
            it->col = depth[l->dst] - 1;
        else
            it->col = depth[l->src] + 1;
        if (it->col < minc)
            minc = it->col;
        if (it->col > maxc)
            maxc = it->col;
    }
    for (i = 0; i < k->nit; i++)
        k->it[i].col -= minc;
    k->ncols = maxc - minc + 1;
    for (i = 0; i < k->nlk; i++) {
        link *l = &k->lk[i];
        if (!l->back)
            continue;
        l->fg = k->it[l->src].fg;
        k->it[l->src].bias = true;
        k->it[l->dst].bias = true;
    }
    return JK_OK;
}

/* ------------------------------------------------------------------ */
/* Order within columns                                                */
/* ------------------------------------------------------------------ */

typedef struct ord_key {
    double key;  /* barycentre */
    size_t pos;  /* current position: ties keep their order */
    size_t item; /* the item */
} ord_key;

static int cmp_ord(const void *pa, const void *pb)
{
    const ord_key *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static double weight(const sk *k, const link *l)
{
    return known(l) + k->max_t * 1e-6 + 1e-12;
}

/* Position of an item within its column, 0..1. */
static double npos(const sk *k, size_t i)
{
    const item *it = &k->it[i];
    size_t n = k->cstart[it->col + 1] - k->cstart[it->col];
    return ((double)it->pos + 0.5) / (double)n;
}

/* Sort column c by the barycentre of its neighbours on the left (or on
 * the right); items with loops go to the bottom. */
static void sort_column(sk *k, long c, bool from_left, ord_key *tmp)
{
    size_t lo = k->cstart[c], n = k->cstart[c + 1] - lo, i, j;

    for (i = 0; i < n; i++) {
        size_t id = k->order[lo + i];
        const item *it = &k->it[id];
        double sw = 0, swp = 0;
        size_t m = from_left ? it->nin : it->nout;

        for (j = 0; j < m; j++) {
            const link *l = &k->lk[from_left ? it->ins[j] : it->outs[j]];
            long other = from_left ? l->src : l->dst;
            if (!forward(k, l) || other < 0)
                continue;
            sw += weight(k, l);
            swp += weight(k, l) * npos(k, (size_t)other);
        }
        tmp[i].key = sw > 0 ? swp / sw : npos(k, id);
        if (it->bias)
            tmp[i].key += 2;
        tmp[i].pos = it->pos;
        tmp[i].item = id;
    }
    qsort(tmp, n, sizeof(*tmp), cmp_ord);
    for (i = 0; i < n; i++) {
        k->order[lo + i] = tmp[i].item;
        k->it[tmp[i].item].pos = i;
    }
}

static int order_columns(sk *k)
{
    size_t i, *fill;
    long c;
    int sweep;
    ord_key *tmp;

    k->order = alloc_n(k, k->nit, sizeof(*k->order));
    k->cstart = alloc_n(k, (size_t)k->ncols + 1, sizeof(*k->cstart));
    fill = alloc_n(k, (size_t)k->ncols, sizeof(*fill));
    tmp = alloc_n(k, k->nit, sizeof(*tmp));
    k->colx = alloc_n(k, (size_t)k->ncols, sizeof(*k->colx));
    if (!k->order || !k->cstart || !fill || !tmp || !k->colx)
        return JK_ENOMEM;
    for (i = 0; i < k->nit; i++)
        k->cstart[k->it[i].col + 1]++;
    for (c = 0; c < k->ncols; c++)
        k->cstart[c + 1] += k->cstart[c];
    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        it->pos = fill[it->col]++;
        k->order[k->cstart[it->col] + it->pos] = i;
    }
    for (sweep = 0; sweep < 4; sweep++) {
        for (c = 0; c < k->ncols; c++)
            sort_column(k, c, true, tmp);
        for (c = k->ncols; c-- > 0;)
            sort_column(k, c, false, tmp);
    }
    return JK_OK;
}

/* ------------------------------------------------------------------ */
/* Item labels and horizontal layout                                   */
/* ------------------------------------------------------------------ */

/* Nodes labelled beside themselves: first column without inputs, last
 * column without outputs. Others are labelled above. */
static int node_side(const sk *k, const item *it)
{
    if (it->col == 0 && it->nin == 0)
        return -1;
    if (it->col == k->ncols - 1 && it->nout == 0)
        return 1;
    return 0;
}

static int item_label(sk *k, size_t i, double max_w)
{
    item *it = &k->it[i];
    label *lb = &k->lab[i];
    char v[64];
    int rc;

    memset(lb, 0, sizeof(*lb));
    if (it->kind == IT_WAY)
        return JK_OK;
    if (it->kind == IT_NODE) {
        const jk_mfa_process *p = jk_mfa_process_at(k->sys, it->ref);
        int side = node_side(k, it);

        lb->fs = FS_NODE;
        label_add(lb, 0, k->ja ? p->name_ja : p->name_en, CLS_BOLD);
        rc = add_value(k, lb, fmt_mass(it->t, v, sizeof(v)), NULL, 1e9);
        lb->ln[0].sp[1].cls = CLS_TEXT;
        lb->anchor = side < 0 ? 'E' : side > 0 ? 'S' : 'M';
        it->pad_a = side ? 0 : NODE_LABEL_H;
        label_fit(lb);
        it->minh = side ? lb->h : 2;
        return rc;
    }
    {
        const link *l = &k->lk[it->ref];
        const jk_mfa_flow *f = jk_mfa_flow_at(k->sys, l->ref);
        const char *ext = (it->kind == IT_SRC ? f->from : f->to) + 4;
        char note[JK_ID_MAX + 16];

        lb->fs = FS;
        lb->anchor = it->kind == IT_SRC ? 'E' : 'S';
        if ((rc = wrap(k, lb, l->txt, max_w, 3)))
            return rc;
        jk_snprintf(note, sizeof(note), it->kind == IT_SRC ? " ← %s" : " → %s",
                    ext);
        rc = add_value(k, lb, fmt_mass(l->t, v, sizeof(v)), note, max_w);
        label_fit(lb);
        it->minh = lb->h + 2;
        return rc;
    }
}

/* Room a loop or stock band needs beside an item (right or left). */
static double side_room(const sk *k, const item *it, bool right)
{
    double room = 0;
    size_t j, m = right ? it->nout : it->nin;

    for (j = 0; j < m; j++) {
        const link *l = &k->lk[right ? it->outs[j] : it->ins[j]];
        if (l->back || l->kind == LK_STOCK)
            room += TURN_R + k->k * known(l) + LANE_GAP;
    }
    return room > 0 ? room + 6 : 0;
}

/*
 * Column positions: the first column leaves room for the labels of the
 * inputs (and loops) on its left, the last for the outputs on its
 * right; the others are spread evenly between.
 */
static void layout_x(sk *k)
{
    double x0 = MARGIN, xl = k->W - MARGIN - NODE_W, need;
    size_t i;

    for (i = 0; i < k->nit; i++) {
        const item *it = &k->it[i];
        const label *lb = &k->lab[i];
        if (it->col == 0) {
            need = MARGIN + side_room(k, it, false);
            if (lb->anchor == 'E')
                need += lb->w + 4 - (it->kind == IT_SRC ? NODE_W : 0);
            if (need > x0)
                x0 = need;
        }
        if (it->col == k->ncols - 1) {
            need = k->W - MARGIN - NODE_W - side_room(k, it, true);
            if (it->kind == IT_SINK)
                need = k->W - MARGIN - lb->w - ARROW - 4;
            else if (lb->anchor == 'S')
                need -= lb->w + 4;
            if (need < xl)
                xl = need;
        }
    }
    if (k->ncols < 2) {
        k->colx[0] = (k->W - NODE_W) / 2;
        k->step = k->W;
        return;
    }
    k->step = (xl - x0) / (double)(k->ncols - 1);
    if (k->step < 3 * NODE_W)
        k->step = 3 * NODE_W;
    for (i = 0; i < (size_t)k->ncols; i++)
        k->colx[i] = x0 + (double)i * k->step;
}

/* ------------------------------------------------------------------ */
/* Scale and vertical layout                                           */
/* ------------------------------------------------------------------ */

static double lanes_fixed(const sk *k, double *back_t)
{
    size_t i, nb = 0;

    *back_t = 0;
    for (i = 0; i < k->nlk; i++) {
        if (!k->lk[i].back)
            continue;
        nb++;
        *back_t += known(&k->lk[i]);
    }
    return nb ? 2 * TURN_R + 6 + (double)nb * LANE_GAP : 0;
}

/* Use scale kk: band widths and the area left for the items. */
static void set_scale(sk *k, double kk)
{
    double back_t, fixed_lanes = lanes_fixed(k, &back_t);
    size_t i;

    k->k = kk;
    for (i = 0; i < k->nlk; i++)
        k->lk[i].w = k->k * known(&k->lk[i]);
    k->area_top = TOP;
    k->area_bot = k->H - BOTTOM - fixed_lanes - k->k * back_t;
}

/*
 * The largest scale (px per tonne) at which every column, with its
 * gaps, label room and least heights, and the loop lanes fit between
 * the title and the legend.
 */
static void scale(sk *k)
{
    double back_t, fixed_lanes = lanes_fixed(k, &back_t);
    double avail = k->H - TOP - BOTTOM - fixed_lanes, best = HUGE_VAL;
    long c;
    size_t i;

    for (c = 0; c < k->ncols; c++) {
        size_t lo = k->cstart[c], hi = k->cstart[c + 1];
        double kc = HUGE_VAL;
        int iter;

        for (iter = 0; iter < 64; iter++) {
            double fixed = (double)(hi - lo - 1) * GAP, sum = back_t, nk;
            bool changed = false;
            for (i = lo; i < hi; i++) {
                const item *it = &k->it[k->order[i]];
                fixed += it->pad_a + it->pad_b;
                if (kc * it->t < it->minh)
                    fixed += it->minh;
                else
                    sum += it->t;
            }
            nk = sum > 0 ? (avail - fixed) / sum : HUGE_VAL;
            for (i = lo; i < hi && !changed; i++) {
                const item *it = &k->it[k->order[i]];
                if ((kc * it->t < it->minh) != (nk * it->t < it->minh))
                    changed = true;
            }
            kc = nk;
            if (!changed)
                break;
        }
        if (kc < best)
            best = kc;
    }
    if (!isfinite(best) || best <= 0)
        best = avail * 0.05 / (k->max_t > 0 ? k->max_t : 1);
    set_scale(k, best);
}

/* Tonnes and fixed px of the loops and stock bands beside an item. */
static void side_load(const sk *k, const item *it, bool right, double *t,
                      double *px)
{
    size_t j, m = right ? it->nout : it->nin;

    *t = *px = 0;
    for (j = 0; j < m; j++) {
        const link *l = &k->lk[right ? it->outs[j] : it->ins[j]];
        if (l->back || l->kind == LK_STOCK) {
            *t += known(l);
            *px += TURN_R + LANE_GAP;
        }
    }
    if (*px > 0)
        *px += 6;
}

/*
 * Loops turn and stock bands bend beside their item, as wide as they
 * carry: shrink the scale until they fit between two columns (down to
 * a quarter, past which they may overlap).
 */
static bool fit_sides(sk *k)
{
    double bound = HUGE_VAL, t, px, tr, pr, tl, pl;
    size_t i;
    long c;

    for (c = 0; c + 1 < k->ncols; c++) {
        tr = pr = tl = pl = 0;
        for (i = k->cstart[c]; i < k->cstart[c + 2]; i++) {
            const item *it = &k->it[k->order[i]];
            bool left_col = i < k->cstart[c + 1];
            side_load(k, it, left_col, &t, &px);
            if (left_col) {
                tr = fmax(tr, t);
                pr = fmax(pr, px);
            } else {
                tl = fmax(tl, t);
                pl = fmax(pl, px);
            }
        }
        if (tr + tl > 0)
            bound = fmin(bound, (k->step - NODE_W - 40 - pr - pl) / (tr + tl));
    }
    if (!(bound < k->k))
        return false;
    set_scale(k, fmax(bound, k->k * 0.25));
    return true;
}

/* Drawn height of an item's rectangle or band. */
static double core_h(const sk *k, const item *it)
{
    double h = k->k * it->t;
    if (it->kind == IT_NODE && h < 1.5)
        h = 1.5;
    return h;
}

static double core_y(const sk *k, const item *it)
{
    return it->y + (it->h - core_h(k, it)) / 2;
}

typedef struct slot_key {
    int grp;    /* 0 flows, 1 loops, 2 stock */
    double key; /* position of the other end */
    size_t l;   /* link */
} slot_key;

static int cmp_slot(const void *pa, const void *pb)
{
    const slot_key *a = pa, *b = pb;
    if (a->grp != b->grp)
        return a->grp - b->grp;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->l < b->l ? -1 : a->l > b->l;
}

/*
 * Order the links on each side of each item by the height of their
 * other end (loops, then the stock band, at the bottom) and store each
 * link's offset from the item's top in ys / yt (relative: the item may
 * still move).
 */
static void slots(sk *k, slot_key *tmp)
{
    size_t i, j;
    int side;

    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        for (side = 0; side < 2; side++) {
            size_t *ls = side ? it->ins : it->outs;
            size_t m = side ? it->nin : it->nout;
            double total = 0, y;
            bool low = false;

            for (j = 0; j < m; j++) {
                const link *l = &k->lk[ls[j]];
                long other = side ? l->src : l->dst;
                tmp[j].l = ls[j];
                if (l->kind == LK_STOCK) {
                    tmp[j].grp = 2;
                    tmp[j].key = 0;
                    low = true;
                } else if (l->back) {
                    tmp[j].grp = 1;
                    tmp[j].key = -(double)l->lane;
                    low = true;
                } else {
                    const item *o = &k->it[other];
                    tmp[j].grp = 0;
                    tmp[j].key = o->y + o->h / 2;
                }
                total += l->w;
            }
            qsort(tmp, m, sizeof(*tmp), cmp_slot);
            /* Centred; at the bottom when loops or stock leave there. */
            y = core_y(k, it) - it->y + (core_h(k, it) - total) / (low ? 1 : 2);
            for (j = 0; j < m; j++) {
                link *l = &k->lk[tmp[j].l];
                ls[j] = tmp[j].l;
                if (side)
                    l->yt = y;
                else
                    l->ys = y;
                y += l->w;
            }
        }
    }
}

/* Keep the items of column c apart and inside the area, in order. */
static void resolve(sk *k, long c)
{
    size_t lo = k->cstart[c], hi = k->cstart[c + 1], i;
    double cur = k->area_top, lim;

    for (i = lo; i < hi; i++) {
        item *it = &k->it[k->order[i]];
        if (it->y - it->pad_a < cur)
            it->y = cur + it->pad_a;
        cur = it->y + it->h + it->pad_b + GAP;
    }
    if (cur - GAP <= k->area_bot)
        return;
    lim = k->area_bot;
    for (i = hi; i-- > lo;) {
        item *it = &k->it[k->order[i]];
        if (it->y + it->h + it->pad_b > lim)
            it->y = lim - it->pad_b - it->h;
        lim = it->y - it->pad_a - GAP;
    }
    cur = k->area_top;
    for (i = lo; i < hi; i++) {
        item *it = &k->it[k->order[i]];
        if (it->y - it->pad_a < cur)
            it->y = cur + it->pad_a;
        cur = it->y + it->h + it->pad_b + GAP;
    }
}

/* Move the items of column c towards straight bands to their
 * neighbours on the left (or right), weighted by mass. */
static void relax(sk *k, long c, bool from_left, double beta)
{
    size_t i, j;

    for (i = k->cstart[c]; i < k->cstart[c + 1]; i++) {
        item *it = &k->it[k->order[i]];
        size_t m = from_left ? it->nin : it->nout;
        double sw = 0, sy = 0;

        for (j = 0; j < m; j++) {
            const link *l = &k->lk[from_left ? it->ins[j] : it->outs[j]];
            const item *o;
            if (!forward(k, l))
                continue;
            o = &k->it[from_left ? l->src : l->dst];
            sw += weight(k, l);
            if (from_left)
                sy += weight(k, l) * (o->y + l->ys - l->yt);
            else
                sy += weight(k, l) * (o->y + l->yt - l->ys);
        }
        if (sw > 0)
            it->y += beta * (sy / sw - it->y);
    }
    resolve(k, c);
}

static int layout_y(sk *k)
{
    slot_key *tmp = alloc_n(k, k->nlk, sizeof(*tmp));
    size_t i, j, nb = 0, *lanes;
    long c;
    int iter;

    lanes = alloc_n(k, k->nlk, sizeof(*lanes));
    if (!tmp || !lanes)
        return JK_ENOMEM;

    /* Loops: shorter ones in the upper lanes. */
    for (i = 0; i < k->nlk; i++)
        if (k->lk[i].back)
            lanes[nb++] = i;
    for (i = 1; i < nb; i++) {
        size_t l = lanes[i];
        long len = k->it[k->lk[l].src].col - k->it[k->lk[l].dst].col;
        for (j = i; j > 0; j--) {
            const link *p = &k->lk[lanes[j - 1]];
            if (k->it[p->src].col - k->it[p->dst].col <= len)
                break;
            lanes[j] = lanes[j - 1];
        }
        lanes[j] = l;
    }
    for (i = 0; i < nb; i++)
        k->lk[lanes[i]].lane = i;

    for (i = 0; i < k->nit; i++) {
        item *it = &k->it[i];
        double ch = core_h(k, it);
        it->h = ch > it->minh ? ch : it->minh;
        it->y = k->area_top;
    }
    for (c = 0; c < k->ncols; c++) {
        size_t lo = k->cstart[c], hi = k->cstart[c + 1];
        double used = 0, shift;
        for (i = lo; i < hi; i++) {
            const item *it = &k->it[k->order[i]];
            used += it->pad_a + it->h + it->pad_b + (i > lo ? GAP : 0);
        }
        shift = (k->area_bot - k->area_top - used) / 2;
        if (shift < 0)
            shift = 0;
        used = k->area_top + shift;
        for (i = lo; i < hi; i++) {
            item *it = &k->it[k->order[i]];
            it->y = used + it->pad_a;
            used = it->y + it->h + it->pad_b + GAP;
        }
    }
    for (iter = 0; iter < 12; iter++) {
        double beta = iter < 8 ? 0.85 : 0.5;
        slots(k, tmp);
        for (c = 1; c < k->ncols; c++)
            relax(k, c, true, beta);
        slots(k, tmp);
        for (c = k->ncols - 1; c-- > 0;)
            relax(k, c, false, beta);
    }
    /* Centre the drawing (items, then the loop lanes) vertically. */
    {
        double lo = HUGE_VAL, hi = -HUGE_VAL, back_t, shift;
        double lane_h = lanes_fixed(k, &back_t) + k->k * back_t;
        for (i = 0; i < k->nit; i++) {
            const item *it = &k->it[i];
            lo = fmin(lo, it->y - it->pad_a);
            hi = fmax(hi, it->y + it->h + it->pad_b);
        }
        shift = k->area_top - lo +
                (k->H - BOTTOM - k->area_top - (hi - lo) - lane_h) / 2;
        if (shift > 0)
            for (i = 0; i < k->nit; i++)
                k->it[i].y += shift;
    }
    slots(k, tmp);

    /* Absolute slot positions. */
    for (i = 0; i < k->nlk; i++) {
        link *l = &k->lk[i];
        if (l->src >= 0)
            l->ys += k->it[l->src].y;
        if (l->dst >= 0)
            l->yt += k->it[l->dst].y;
    }

    /* Loops: where they turn, and their lanes below everything. */
    {
        double lane_top = k->area_top, y;
        for (i = 0; i < k->nit; i++) {
            const item *it = &k->it[i];
            if (it->y + it->h + it->pad_b > lane_top)
                lane_top = it->y + it->h + it->pad_b;
        }
        y = lane_top + 2 * TURN_R + 4;
        for (i = 0; i < nb; i++) {
            link *l = &k->lk[lanes[i]];
            l->lane_y = y;
            y += l->w + LANE_GAP;
        }
    }
    for (i = 0; i < k->nit; i++) {
        const item *it = &k->it[i];
        double xs = k->colx[it->col] + NODE_W + 6, xt = k->colx[it->col] - 6;
        for (j = it->nout; j-- > 0;) {
            link *l = &k->lk[it->outs[j]];
            if (l->kind == LK_STOCK) {
                xs += TURN_R + l->w + LANE_GAP;
            } else if (l->back) {
                l->turn_s = xs;
                xs += TURN_R + l->w + LANE_GAP;
            }
        }
        for (j = it->nin; j-- > 0;) {
            link *l = &k->lk[it->ins[j]];
            if (l->kind == LK_STOCK) {
                xt -= TURN_R + l->w + LANE_GAP;
            } else if (l->back) {
                l->turn_t = xt;
                xt -= TURN_R + l->w + LANE_GAP;
            }
        }
    }
    return JK_OK;
}

/* ------------------------------------------------------------------ */
/* Label placement                                                     */
/* ------------------------------------------------------------------ */

static double box_left(const label *lb)
{
    return lb->anchor == 'S'   ? lb->x
           : lb->anchor == 'M' ? lb->x - lb->w / 2
                               : lb->x - lb->w;
}

/* The cells of the label index that a box covers. */
static void cell_range(double v0, double v1, size_t n, size_t *c0, size_t *c1)
{
    double a = floor(fmax(v0, 0) / ROW), b = floor(fmax(v1, 0) / ROW);

    *c0 = a < (double)n ? (size_t)a : n - 1;
    *c1 = b < (double)n ? (size_t)b : n - 1;
}

static void add_box(sk *k, double x0, double y0, double x1, double y1)
{
    size_t r, r0, r1, q, q0, q1;

    if (k->nbox >= k->cbox)
        return;
    k->box[k->nbox][0] = x0;
    k->box[k->nbox][1] = y0;
    k->box[k->nbox][2] = x1;
    k->box[k->nbox][3] = y1;
    cell_range(y0, y1, k->nrows, &r0, &r1);
    cell_range(x0, x1, k->ncols_g, &q0, &q1);
    for (r = r0; r <= r1; r++) {
        for (q = q0; q <= q1; q++) {
            ent *e = jk_arena_alloc(k->a, sizeof(*e));
            if (!e) {
                k->nomem = true;
                return;
            }
            e->box = k->nbox;
            e->next = k->rows[r * k->ncols_g + q];
            k->rows[r * k->ncols_g + q] = e;
        }
    }
    k->nbox++;
}

/* Overlap (px^2) of a label box with what is placed, plus what lies
 * outside the canvas. */
static double overlap(sk *k, const label *lb)
{
    double x0 = box_left(lb) - 1, y0 = lb->y, x1 = x0 + lb->w + 2;
    double y1 = y0 + lb->h, sum = 0, w, h;
    size_t r, r0, r1, q, q0, q1, i;
    const ent *e;

    k->query++;
    cell_range(y0, y1, k->nrows, &r0, &r1);
    cell_range(x0, x1, k->ncols_g, &q0, &q1);
    for (r = r0; r <= r1; r++) {
        for (q = q0; q <= q1; q++) {
            for (e = k->rows[r * k->ncols_g + q]; e; e = e->next) {
                i = e->box;
                if (k->stamp[i] == k->query)
                    continue;
                k->stamp[i] = k->query;
                w = fmin(x1, k->box[i][2]) - fmax(x0, k->box[i][0]);
                h = fmin(y1, k->box[i][3]) - fmax(y0, k->box[i][1]);
                if (w > 0 && h > 0)
                    sum += w * h;
            }
        }
    }
    w = x1 - x0;
    h = y1 - y0;
    sum += (fmax(0, -x0) + fmax(0, x1 - k->W)) * h * 4;
    sum += (fmax(0, k->area_top - 30 - y0) + fmax(0, y1 - k->H)) * w * 4;
    return sum;
}

typedef struct cand {
    char anchor; /* as in label */
    double x, y; /* anchor x, box top */
} cand;

/* Put lb at the first candidate that overlaps nothing, else (unless
 * only_free) at the one that overlaps least, and record its box.
 * Returns whether the label was placed. */
static bool place(sk *k, label *lb, const cand *c, size_t n, bool only_free)
{
    double best = HUGE_VAL, o;
    size_t i, bi = 0;

    for (i = 0; i < n; i++) {
        lb->anchor = c[i].anchor;
        lb->x = c[i].x;
        lb->y = c[i].y;
        o = overlap(k, lb);
        if (o < best - 1e-9) {
            best = o;
            bi = i;
        }
        if (o <= 0)
            break;
    }
    if (n == 0 || (only_free && best > 0))
        return false;
    lb->anchor = c[bi].anchor;
    lb->x = c[bi].x;
    lb->y = c[bi].y;
    add_box(k, box_left(lb) - 1, lb->y, box_left(lb) + lb->w + 1,
            lb->y + lb->h);
    return true;
}

static double bez(double a, double b, double c, double d, double t)
{
    double u = 1 - t;
    return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c +
           t * t * t * d;
}

/* Candidates along a band between two columns: on the band where it is
 * wide and flat enough, else just above or below it. */
static size_t band_cands(const sk *k, const link *l, const label *lb,
                         bool inside_only, cand *c)
{
    static const double ts[] = {0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85};
    double xs = k->colx[k->it[l->src].col] + NODE_W;
    double xt = k->colx[k->it[l->dst].col], xm = (xs + xt) / 2;
    double c0 = l->ys + l->w / 2, c1 = l->yt + l->w / 2, dt;
    size_t i, n = 0, nt = sizeof(ts) / sizeof(ts[0]);

    dt = xt > xs ? (lb->w / 2 + 2) / (xt - xs) : 0.1;
    for (i = 0; i < nt; i++) {
        double x = bez(xs, xm, xm, xt, ts[i]), y = bez(c0, c0, c1, c1, ts[i]);
        double ya = bez(c0, c0, c1, c1, fmax(0, ts[i] - dt));
        double yb = bez(c0, c0, c1, c1, fmin(1, ts[i] + dt));
        double dev = fmax(fabs(ya - y), fabs(yb - y));
        if (l->w >= lb->h + 2 && dev <= (l->w - lb->h) / 2) {
            c[n].anchor = 'M';
            c[n].x = x;
            c[n].y = y - lb->h / 2;
            n++;
        }
    }
    for (i = 0; i < nt && !inside_only; i++) {
        double x = bez(xs, xm, xm, xt, ts[i]);
        double ya = bez(c0, c0, c1, c1, fmax(0, ts[i] - dt));
        double yb = bez(c0, c0, c1, c1, fmin(1, ts[i] + dt));
        c[n].anchor = 'M';
        c[n].x = x;
        c[n].y = fmin(ya, yb) - l->w / 2 - 2 - lb->h;
        n++;
        c[n].anchor = 'M';
        c[n].x = x;
        c[n].y = fmax(ya, yb) + l->w / 2 + 2;
        n++;
    }
    return n;
}

/* Candidates for a link between columns: along its band, or along
 * the middle, first and last of its segments when it is split. */
static size_t link_cands(const sk *k, const link *l, const label *lb,
                         bool inside_only, cand *c)
{
    size_t n = 0, pick[3], np = 0, j, m;

    if (!l->nseg)
        return band_cands(k, l, lb, inside_only, c);
    pick[np++] = l->seg0 + l->nseg / 2;
    if (l->nseg > 1)
        pick[np++] = l->seg0;
    if (l->nseg > 2)
        pick[np++] = l->seg0 + l->nseg - 1;
    /* Inside positions of every segment first, then the others. */
    for (j = 0; j < np; j++)
        n += band_cands(k, &k->lk[pick[j]], lb, true, c + n);
    if (!inside_only)
        for (j = 0; j < np; j++) {
            m = band_cands(k, &k->lk[pick[j]], lb, false, c + n);
            n += m;
        }
    return n;
}

/* Candidates on or beside the lane of a loop. */
static size_t loop_cands(const link *l, const label *lb, bool inside_only,
                         cand *c)
{
    static const double fs[] = {0.5, 0.3, 0.7, 0.15, 0.85};
    double x0 = l->turn_t, x1 = l->turn_s;
    size_t i, n = 0;

    for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
        double x = x0 + (x1 - x0) * fs[i];
        if (l->w >= lb->h + 2 && lb->w < x1 - x0) {
            c[n].anchor = 'M';
            c[n].x = x;
            c[n].y = l->lane_y + (l->w - lb->h) / 2;
            n++;
        }
        if (inside_only)
            continue;
        c[n].anchor = 'M';
        c[n].x = x;
        c[n].y = l->lane_y + l->w + 2;
        n++;
        c[n].anchor = 'M';
        c[n].x = x;
        c[n].y = l->lane_y - lb->h - 2;
        n++;
    }
    return n;
}

/* Geometry of a stock band: x of its near and far edges once it runs
 * vertically, and where it ends. */
static void stock_geom(const sk *k, const link *l, double *xn, double *xf,
                       double *yend)
{
    if (l->src >= 0) {
        double xs = k->colx[k->it[l->src].col] + NODE_W;
        *xn = xs + TURN_R;
        *xf = xs + TURN_R + l->w;
        *yend = l->ys + l->w + TURN_R + STEM;
    } else {
        double xt = k->colx[k->it[l->dst].col];
        *xn = xt - TURN_R;
        *xf = xt - TURN_R - l->w;
        *yend = l->yt + l->w + TURN_R + STEM;
    }
}

static size_t stock_cands(const sk *k, const link *l, const label *lb, cand *c)
{
    double xn, xf, yend, mid, top;
    bool right = l->src >= 0;

    stock_geom(k, l, &xn, &xf, &yend);
    mid = (xn + xf) / 2;
    top = yend + (right ? ARROW : 0) + 2;
    c[0].anchor = 'M';
    c[0].x = mid;
    c[0].y = top;
    c[1].anchor = right ? 'S' : 'E';
    c[1].x = right ? xf + 4 : xf - 4;
    c[1].y = yend - lb->h;
    c[2].anchor = right ? 'S' : 'E';
    c[2].x = right ? xn - 6 : xn + 6;
    c[2].y = top;
    c[3].anchor = right ? 'E' : 'S';
    c[3].x = right ? xf + 6 : xf - 6;
    c[3].y = top;
    return 4;
}

static int cmp_big(const void *pa, const void *pb)
{
    const ord_key *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

/* Labels of the links drawn between nodes, loops and stock bands. */
static int link_label(sk *k, size_t i, double max_w)
{
    const link *l = &k->lk[i];
    label *lb = &k->lab[k->nit + i];
    char v[64], sv[72];
    int rc;

    memset(lb, 0, sizeof(*lb));
    lb->fs = FS;
    if (l->kind == LK_STOCK) {
        fmt_mass(l->t, v, sizeof(v));
        jk_snprintf(sv, sizeof(sv), "%s%s",
                    isnan(l->t) ? ""
                    : l->t < 0  ? "−"
                    : l->t > 0  ? "+"
                                : "",
                    v);
        label_add(lb, 0, l->txt, CLS_TEXT);
        rc = add_value(k, lb, sv, NULL, 1e9);
    } else {
        if ((rc = wrap(k, lb, l->txt, max_w, 2)))
            return rc;
        rc = add_value(k, lb, fmt_mass(l->t, v, sizeof(v)), NULL, max_w);
    }
    label_fit(lb);
    return rc;
}

static int place_labels(sk *k, double title_w)
{
    double ymax = k->H;
    size_t i, n, nc;
    ord_key *byt;
    cand *c;
    int rc;

    k->cbox = 2 * k->nit + k->nlk + 8;
    k->box = alloc_n(k, k->cbox, sizeof(*k->box));
    k->stamp = alloc_n(k, k->cbox, sizeof(*k->stamp));
    for (i = 0; i < k->nit; i++)
        ymax = fmax(ymax, k->it[i].y + k->it[i].h + k->it[i].pad_b);
    for (i = 0; i < k->nlk; i++)
        if (k->lk[i].back)
            ymax = fmax(ymax, k->lk[i].lane_y + k->lk[i].w);
    k->nrows = (size_t)(ymax / ROW) + 4;
    k->ncols_g = (size_t)(k->W / ROW) + 2;
    k->rows = alloc_n(k, k->nrows * k->ncols_g, sizeof(*k->rows));
    byt = alloc_n(k, k->nlk, sizeof(*byt));
    c = alloc_n(k, 80, sizeof(*c));
    if (!k->box || !k->stamp || !k->rows || !byt || !c)
        return JK_ENOMEM;
    add_box(k, MARGIN - 2, 8, MARGIN + title_w + 2, 36);
    add_box(k, MARGIN - 2, k->H - 22, k->W * 0.45, k->H);

    /* Fixed: nodes and their labels, terminal labels. */
    for (i = 0; i < k->nit; i++) {
        const item *it = &k->it[i];
        label *lb = &k->lab[i];
        double x = k->colx[it->col], cy = it->y + it->h / 2;

        if (it->kind == IT_WAY)
            continue;
        if (it->kind == IT_NODE)
            add_box(k, x - 1, core_y(k, it) - 1, x + NODE_W + 1,
                    core_y(k, it) + core_h(k, it) + 1);
        if (lb->anchor == 'M') {
            lb->x = x + NODE_W / 2;
            if (lb->x - lb->w / 2 < 2)
                lb->x = 2 + lb->w / 2;
            if (lb->x + lb->w / 2 > k->W - 2)
                lb->x = k->W - 2 - lb->w / 2;
            lb->y = it->y - it->pad_a + 2;
        } else if (lb->anchor == 'E') {
            lb->x = x + (it->kind == IT_SRC ? NODE_W : 0) - 4;
            lb->y = cy - lb->h / 2;
        } else {
            lb->x = x + (it->kind == IT_SINK ? ARROW : NODE_W) + 4;
            lb->y = cy - lb->h / 2;
        }
        add_box(k, box_left(lb) - 1, lb->y, box_left(lb) + lb->w + 1,
                lb->y + lb->h);
    }

    /* The others, biggest first. */
    for (i = n = 0; i < k->nlk; i++) {
        const link *l = &k->lk[i];
        if (l->kind == LK_SEG)
            continue;
        if (l->kind == LK_FLOW && !l->back &&
            (k->it[l->src].kind != IT_NODE || k->it[l->dst].kind != IT_NODE))
            continue;
        byt[n].key = isnan(l->t) ? -1 : known(l);
        byt[n].pos = 0;
        byt[n].item = i;
        n++;
    }
    qsort(byt, n, sizeof(*byt), cmp_big);
    for (i = 0; i < n; i++) {
        size_t li = byt[i].item;
        const link *l = &k->lk[li];
        label *lb = &k->lab[k->nit + li];
        double room;

        if (l->kind == LK_STOCK) {
            if ((rc = link_label(k, li, LINK_MAX_W)))
                return rc;
            nc = stock_cands(k, l, lb, c);
            place(k, lb, c, nc, false);
            continue;
        }
        /* On one line inside the band if it is long and wide enough,
         * else wrapped, inside or beside. */
        room = l->back ? l->turn_s - l->turn_t - 2 * (TURN_R + l->w)
                       : k->colx[k->it[l->dst].col] -
                             k->colx[k->it[l->src].col] - NODE_W;
        if (room * 0.8 > LINK_MAX_W) {
            if ((rc = link_label(k, li, room * 0.8)))
                return rc;
            nc = l->back ? loop_cands(l, lb, true, c)
                         : link_cands(k, l, lb, true, c);
            if (place(k, lb, c, nc, true))
                continue;
        }
        if ((rc = link_label(k, li, fmin(LINK_MAX_W, k->step * 0.8))))
            return rc;
        nc = l->back ? loop_cands(l, lb, false, c)
                     : link_cands(k, l, lb, false, c);
        place(k, lb, c, nc, false);
    }
    return k->nomem ? JK_ENOMEM : JK_OK;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

static void put_label(svg *s, const label *lb)
{
    double lh = line_h(lb->fs);
    int i, j;

    for (i = 0; i < lb->n; i++) {
        put(s, "<text");
        if (lb->fs != FS)
            put(s, " class=\"nl\"");
        attr_num(s, "x", lb->x);
        attr_num(s, "y", lb->y + lh * (i + 0.5) + lb->fs * 0.36);
        if (lb->anchor != 'S')
            put(s, lb->anchor == 'M' ? " text-anchor=\"middle\""
                                     : " text-anchor=\"end\"");
        put(s, ">");
        for (j = 0; j < lb->ln[i].n; j++) {
            const span *sp = &lb->ln[i].sp[j];
            if (sp->cls != CLS_TEXT)
                put(s, sp->cls == CLS_BOLD ? "<tspan class=\"b\">"
                                           : "<tspan class=\"g\">");
            put_esc(s, sp->s);
            if (sp->cls != CLS_TEXT)
                put(s, "</tspan>");
        }
        put(s, "</text>\n");
    }
}

/* The common start of a link element. */
static void link_open(svg *s, const link *l, const char *cls)
{
    put(s, "<path class=\"");
    put(s, cls);
    put(s, l->kind == LK_STOCK ? "\" data-stock=\"" : "\" data-flow=\"");
    put_esc(s, l->id);
    put(s, "\"");
    if (!isnan(l->t))
        attr_num(s, "data-t", l->t);
    attr_num(s, "data-w", l->w);
    put(s, l->w > 0 || isnan(l->t) ? " fill=\"" : " stroke=\"");
    put(s, isnan(l->t) ? "none" : l->fg);
    put(s, "\" d=\"");
}

static void link_close(svg *s, const link *l)
{
    char v[64];

    put(s, "\"><title>");
    put_esc(s, l->txt);
    put(s, " ");
    put(s, fmt_mass(l->t, v, sizeof(v)));
    put(s, "</title></path>\n");
}

static const char *link_class(const link *l, const char *base)
{
    if (isnan(l->t))
        return "unknown";
    if (l->w <= 0)
        return "zero";
    return base;
}

static void draw_flow(const sk *k, svg *s, const link *l)
{
    const item *a = &k->it[l->src], *b = &k->it[l->dst];
    double xs = k->colx[a->col] + NODE_W, xt = k->colx[b->col];
    double xm = (xs + xt) / 2, w = l->w, tip;
    bool out = b->kind == IT_SINK;

    link_open(s, l,
              link_class(l, a->kind == IT_SRC ? "link in"
                            : out             ? "link out"
                                              : "link"));
    if (w <= 0) {
        cmd(s, "M", xs, l->ys);
        curve(s, xm, l->ys, xm, l->yt, xt, l->yt);
        if (out)
            cmd(s, " L", xt + ARROW / 2, l->yt);
        link_close(s, l);
        return;
    }
    cmd(s, "M", xs, l->ys);
    curve(s, xm, l->ys, xm, l->yt, xt, l->yt);
    if (out) {
        tip = w < ARROW ? (w > 3 ? w : 3) : ARROW;
        cmd(s, " L", xt + tip, l->yt + w / 2);
    }
    cmd(s, " L", xt, l->yt + w);
    curve(s, xm, l->yt + w, xm, l->ys + w, xs, l->ys + w);
    put(s, " Z");
    link_close(s, l);
}

/* A flow that skips columns: one band through its waypoints. */
static void draw_split(const sk *k, svg *s, const link *l)
{
    const link *sg = &k->lk[l->seg0];
    double w = l->w, xs, xt, xm;
    size_t j, n = l->nseg;

    link_open(s, l, link_class(l, "link"));
    cmd(s, "M", k->colx[k->it[sg[0].src].col] + NODE_W, sg[0].ys);
    for (j = 0; j < n; j++) {
        xs = k->colx[k->it[sg[j].src].col] + NODE_W;
        xt = k->colx[k->it[sg[j].dst].col];
        xm = (xs + xt) / 2;
        curve(s, xm, sg[j].ys, xm, sg[j].yt, xt, sg[j].yt);
        if (j + 1 < n)
            cmd(s, " L", xt + NODE_W, sg[j].yt);
    }
    if (w > 0) {
        for (j = n; j-- > 0;) {
            xs = k->colx[k->it[sg[j].src].col] + NODE_W;
            xt = k->colx[k->it[sg[j].dst].col];
            xm = (xs + xt) / 2;
            if (j + 1 == n)
                cmd(s, " L", xt, sg[j].yt + w);
            curve(s, xm, sg[j].yt + w, xm, sg[j].ys + w, xs, sg[j].ys + w);
            if (j > 0)
                cmd(s, " L", xs - NODE_W, sg[j].ys + w);
        }
        put(s, " Z");
    }
    link_close(s, l);
}

/* A loop: right out of its source, down, left along its lane under the
 * diagram, up, and into its target from the left. */
static void draw_loop(const sk *k, svg *s, const link *l)
{
    double xs = k->colx[k->it[l->src].col] + NODE_W;
    double xt = k->colx[k->it[l->dst].col];
    double xa = l->turn_s, xb = l->turn_t, w = l->w, r = TURN_R, R = r + w;
    double ys0 = l->ys, ys1 = l->ys + w, yt0 = l->yt, yt1 = l->yt + w;
    double ly0 = l->lane_y, ly1 = l->lane_y + w;

    link_open(s, l, link_class(l, "link back"));
    cmd(s, "M", xs, ys0);
    cmd(s, " L", xa, ys0);
    arc(s, R, 1, xa + R, ys0 + R);
    cmd(s, " L", xa + R, ly1 - R);
    arc(s, R, 1, xa, ly1);
    cmd(s, " L", xb, ly1);
    arc(s, R, 1, xb - R, ly1 - R);
    cmd(s, " L", xb - R, yt0 + R);
    arc(s, R, 1, xb, yt0);
    cmd(s, " L", xt, yt0);
    if (w > 0) {
        cmd(s, " L", xt, yt1);
        cmd(s, " L", xb, yt1);
        arc(s, r, 0, xb - r, yt1 + r);
        cmd(s, " L", xb - r, ly0 - r);
        arc(s, r, 0, xb, ly0);
        cmd(s, " L", xa, ly0);
        arc(s, r, 0, xa + r, ly0 - r);
        cmd(s, " L", xa + r, ys1 + r);
        arc(s, r, 0, xa, ys1);
        cmd(s, " L", xs, ys1);
        put(s, " Z");
    }
    link_close(s, l);
}

/* A stock change: growth leaves the right side and turns down into an
 * arrow; depletion rises from below into the left side. */
static void draw_stock(const sk *k, svg *s, const link *l)
{
    double xn, xf, yend, w = l->w, r = TURN_R, R = r + w;

    stock_geom(k, l, &xn, &xf, &yend);
    link_open(s, l, link_class(l, "link stock"));
    if (l->src >= 0) {
        double xs = xn - r, y0 = l->ys, y1 = l->ys + w;
        if (w <= 0) {
            cmd(s, "M", xs, y0);
            arc(s, r, 1, xs + r, y0 + r);
            cmd(s, " L", xs + r, yend);
        } else {
            cmd(s, "M", xs, y0);
            arc(s, R, 1, xs + R, y0 + R);
            cmd(s, " L", xs + R, yend);
            cmd(s, " L", xs + r + w / 2, yend + (w < ARROW ? 3 : ARROW));
            cmd(s, " L", xs + r, yend);
            cmd(s, " L", xs + r, y1 + r);
            arc(s, r, 0, xs, y1);
            put(s, " Z");
        }
    } else {
        double xt = xn + r, y0 = l->yt, y1 = l->yt + w;
        cmd(s, "M", xt - R, yend);
        cmd(s, " L", xt - R, y0 + R);
        arc(s, R, 1, xt, y0);
        if (w > 0) {
            cmd(s, " L", xt, y1);
            arc(s, r, 0, xt - r, y1 + r);
            cmd(s, " L", xt - r, yend);
            put(s, " Z");
        }
    }
    link_close(s, l);
}

static const char *const css =
    "text{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\","
    "sans-serif;font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px;stroke-linejoin:round}\n"
    ".title{font-size:18px;font-weight:bold}\n"
    ".nl{font-size:12px}\n"
    ".b{font-weight:bold}\n"
    ".g{fill:#666}\n"
    ".legend{fill:#555}\n"
    ".link{fill-opacity:0.5;stroke:#fff;stroke-width:0.5;stroke-opacity:0.6}\n"
    ".back{fill-opacity:0.55}\n"
    ".link:hover{fill-opacity:0.8}\n"
    ".node{stroke:#333;stroke-width:0.5}\n"
    ".zero{fill:none;stroke-width:0.7}\n"
    ".unknown{fill:none;stroke:#777;stroke-width:1.2;"
    "stroke-dasharray:5 3}\n";

static void title_text(const sk *k, const jk_sankey_opts *o, jk_buf *t, int *rc)
{
    const jk_mfa_info *info = jk_mfa_get_info(k->sys);
    const char *base = o->title && *o->title               ? o->title
                       : info && info->name && *info->name ? info->name
                       : k->ja                             ? "物質フロー"
                                                           : "Material flows";
    const char *period = info && info->period ? info->period : "";
    const char *mat = info && info->material ? info->material : "";
    bool p = *period && !strstr(base, period);
    bool m = *mat && !strstr(base, mat);

    *rc = jk_buf_adds(t, base);
    if (*rc == JK_OK && (p || m))
        *rc = jk_buf_addf(t, " (%s%s%s)", p ? period : "", p && m ? ", " : "",
                          m ? mat : "");
}

static void emit(sk *k, const char *title, svg *s)
{
    char v[64];
    size_t i;

    put(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
    put(s, k->ja ? " xml:lang=\"ja\"" : " xml:lang=\"en\"");
    attr_num(s, "width", k->out_w);
    attr_num(s, "height", k->out_h);
    put(s, " viewBox=\"0 0 ");
    num(s, k->W);
    put(s, " ");
    num(s, k->H);
    put(s, "\" font-family=\"'Noto Sans CJK JP', 'Hiragino Sans', "
           "'Yu Gothic', sans-serif\">\n<title>");
    put_esc(s, title);
    put(s, "</title>\n<style type=\"text/css\">\n");
    put(s, css);
    put(s, "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");

    put(s, "<g id=\"links\">\n");
    for (i = 0; i < k->nlk; i++) {
        const link *l = &k->lk[i];
        if (l->kind == LK_SEG)
            continue;
        if (l->kind == LK_STOCK)
            draw_stock(k, s, l);
        else if (l->nseg)
            draw_split(k, s, l);
        else if (l->back)
            draw_loop(k, s, l);
        else
            draw_flow(k, s, l);
    }
    put(s, "</g>\n<g id=\"nodes\">\n");
    for (i = 0; i < k->nit; i++) {
        const item *it = &k->it[i];
        const jk_mfa_process *p;
        if (it->kind != IT_NODE)
            continue;
        p = jk_mfa_process_at(k->sys, it->ref);
        put(s, "<rect class=\"node\" data-process=\"");
        put_esc(s, p->id);
        put(s, "\"");
        attr_num(s, "x", k->colx[it->col]);
        attr_num(s, "y", core_y(k, it));
        attr_num(s, "width", NODE_W);
        attr_num(s, "height", core_h(k, it));
        put(s, " fill=\"");
        put(s, it->fg);
        put(s, "\"><title>");
        put_esc(s, k->ja ? p->name_ja : p->name_en);
        put(s, " ");
        put(s, fmt_mass(it->t, v, sizeof(v)));
        put(s, "</title></rect>\n");
    }
    put(s, "</g>\n<g id=\"labels\">\n<text class=\"title\"");
    attr_num(s, "x", MARGIN);
    put(s, " y=\"30\">");
    put_esc(s, title);
    put(s, "</text>\n");
    for (i = 0; i < k->nit + k->nlk; i++)
        if (k->lab[i].n > 0)
            put_label(s, &k->lab[i]);
    put(s, "<text class=\"legend\"");
    attr_num(s, "x", MARGIN);
    attr_num(s, "y", k->H - 9);
    put(s, ">");
    put(s, k->ja ? "帯の幅は質量に比例 (1 px = "
                 : "widths proportional to mass (1 px = ");
    put(s, fmt_mass(1 / k->k, v, sizeof(v)));
    put(s, ")");
    if (k->any_unknown)
        put(s, k->ja ? "、破線: 不明" : "; dashed: unknown");
    put(s, "</text>\n</g>\n</svg>\n");
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

/*
 * When labels, gaps and least heights alone would take more than half
 * of a column's height, draw on a larger canvas of the same shape (up
 * to 8 times): the viewBox grows, width and height stay as asked, so
 * the picture is scaled down to fit and can be zoomed.
 */
static void grow_canvas(sk *k)
{
    double back_t, lanes = lanes_fixed(k, &back_t), worst = 0, need;
    long c;
    size_t i;

    for (c = 0; c < k->ncols; c++) {
        double fixed = (double)(k->cstart[c + 1] - k->cstart[c] - 1) * GAP;
        for (i = k->cstart[c]; i < k->cstart[c + 1]; i++) {
            const item *it = &k->it[k->order[i]];
            fixed += it->pad_a + it->pad_b + it->minh;
        }
        if (fixed > worst)
            worst = fixed;
    }
    need = TOP + BOTTOM + lanes + 2 * worst;
    if (need > k->H) {
        double f = fmin(need / k->H, 8);
        k->W *= f;
        k->H *= f;
    }
}

static int layout(sk *k, double title_w)
{
    double margin_w = fmin(TERM_MAX_W, k->W * 0.18);
    size_t i;
    int rc;

    if ((rc = build(k)) || (rc = columns(k)) || (rc = add_waypoints(k)) ||
        (rc = order_columns(k)))
        return rc;
    k->lab = alloc_n(k, k->nit + k->nlk, sizeof(*k->lab));
    if (!k->lab)
        return JK_ENOMEM;
    for (i = 0; i < k->nlk; i++)
        if (isnan(k->lk[i].t))
            k->any_unknown = true;
    for (i = 0; i < k->nit; i++)
        if ((rc = item_label(k, i, margin_w)))
            return rc;
    /* Stock bands need room below their process. */
    for (i = 0; i < k->nlk; i++) {
        const link *l = &k->lk[i];
        if (l->kind == LK_STOCK) {
            item *it = &k->it[l->src >= 0 ? l->src : l->dst];
            double need = TURN_R + STEM + ARROW + 4 + line_h(FS);
            if (it->pad_b < need)
                it->pad_b = need;
        }
    }
    grow_canvas(k);
    layout_x(k);
    /* Terminals between columns wrap to the space there. */
    for (i = 0; i < k->nit; i++) {
        const item *it = &k->it[i];
        if (it->kind != IT_NODE && it->col > 0 && it->col < k->ncols - 1 &&
            (rc = item_label(k, i, fmin(margin_w, k->step * 0.5))))
            return rc;
    }
    scale(k);
    layout_x(k); /* again: loops and stock bands now have a width */
    if (fit_sides(k))
        layout_x(k);
    if ((rc = layout_y(k)))
        return rc;
    return place_labels(k, title_w);
}

int jk_mfa_sankey_svg(const jk_mfa_system *sys, const jk_sankey_opts *o,
                      FILE *out, jk_err *err)
{
    jk_sankey_opts def;
    jk_buf title;
    size_t i, n_pos = 0;
    svg s;
    sk k;
    int rc;

    jk_err_clear(err);
    if (!sys || !out)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "sankey: a system and an output stream are needed");
    if (!o) {
        jk_sankey_opts_init(&def);
        o = &def;
    }
    for (i = 0; i < jk_mfa_n_flows(sys); i++) {
        const jk_mfa_flow *f = jk_mfa_flow_at(sys, i);
        if (f->status != JK_MFA_UNKNOWN && isfinite(f->value) && f->value > 0)
            n_pos++;
    }
    if (n_pos == 0)
        return jk_err_set(err, JK_EINVAL, NULL,
                          "no flow has a positive value: nothing to draw");

    memset(&k, 0, sizeof(k));
    k.sys = sys;
    k.ja = o->lang && strcmp(o->lang, "ja") == 0;
    k.W = o->width > 0 ? o->width : 1200;
    k.H = o->height > 0 ? o->height : 700;
    k.W = k.out_w = fmin(fmax(k.W, 320), 16384);
    k.H = k.out_h = fmin(fmax(k.H, 240), 16384);
    jk_buf_init(&title, 4096);
    jk_buf_init(&s.b, SVG_MAX);
    s.rc = JK_OK;

    k.a = jk_arena_new(1u << 16);
    if (!k.a) {
        rc = JK_ENOMEM;
        goto fail;
    }
    title_text(&k, o, &title, &rc);
    if (rc != JK_OK)
        goto fail;
    if ((rc = layout(&k, text_w(jk_buf_str(&title), 18, true))))
        goto fail;
    emit(&k, jk_buf_str(&title), &s);
    if ((rc = s.rc) != JK_OK)
        goto fail;
    if (fwrite(s.b.data, 1, s.b.len, out) != s.b.len || fflush(out) != 0 ||
        ferror(out)) {
        rc = jk_err_set(err, JK_EIO, NULL, "sankey: writing the SVG failed");
        goto out_free;
    }
    rc = JK_OK;
    goto out_free;

fail:
    if (rc == JK_ELIMIT)
        rc = jk_err_set(err, JK_ENOMEM, NULL,
                        "sankey: the SVG would exceed 256 MiB");
    else
        rc = jk_err_set(err, rc, NULL, "sankey: %s", jk_strerror(rc));
out_free:
    jk_buf_free(&s.b);
    jk_buf_free(&title);
    jk_arena_free(k.a);
    return rc;
}
