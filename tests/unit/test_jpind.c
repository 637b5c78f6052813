/*
 * Unit tests for src/mfa/jpind.c: Japan's Fundamental Plan indicators
 * on the FY2006 national material flow (環境省『日本の物質フロー 2006』),
 * the targets read from the embedded jp-plan-indicators.csv, and the
 * edge cases (missing parameters, unknown flows, absent classes,
 * division by zero). Source text is UTF-8.
 */
#include "jk_test.h"

#include <math.h>
#include <stdbool.h>

#include <junkan/mfa.h>

#include "mfa/jpind.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MT           1e6           /* tonnes in one Mt */
#define EPS4         5e-5          /* "equal to 4 decimals" */
#define UNKNOWN      ((double)NAN) /* a flow without a value */

#define assert_near(a, b, eps)                                                 \
    do {                                                                       \
        double jk_a_ = (a);                                                    \
        double jk_b_ = (b);                                                    \
        if (!(fabs(jk_a_ - jk_b_) <= (eps)))                                   \
            fail_msg("%s == %.10g, expected %.10g", #a, jk_a_, jk_b_);         \
    } while (0)

#define assert_nan(a)                                                          \
    do {                                                                       \
        double jk_a_ = (a);                                                    \
        if (!isnan(jk_a_))                                                     \
            fail_msg("%s == %.10g, expected NaN", #a, jk_a_);                  \
    } while (0)

enum { RP, IN, OUT, FD, PC, RS, NIND };

static const char *const CODES[NIND] = {
    "resource_productivity",
    "cyclical_use_rate_input",
    "cyclical_use_rate_output",
    "final_disposal",
    "natural_resource_consumption_per_capita",
    "renewable_and_cyclical_input_share"};

/* ------------------------------------------------------------------ */
/* Systems                                                             */
/* ------------------------------------------------------------------ */

typedef struct flow_spec {
    const char *from;  /* process or ext: node */
    const char *to;    /* process or ext: node */
    double mt;         /* Mt; NaN = unknown */
    const char *route; /* route code */
} flow_spec;

/* The 14 flows of data/demo/flows-national-fy2006.csv. */
static const flow_spec FY2006[] = {
    {"ext:nature", "economy", 778, "extraction"},
    {"ext:row", "economy", 756, "import"},
    {"ext:row", "economy", 57, "import"},
    {"ext:nature", "economy", 290, "water"},
    {"waste_mgmt", "economy", 228, "recycling"},
    {"economy", "ext:row", 170, "export"},
    {"economy", "stock", 754, "stock"},
    {"economy", "ext:environment", 494, "emission"},
    {"economy", "ext:environment", 91, "consumption"},
    {"economy", "ext:environment", 15, "dissipative"},
    {"economy", "waste_mgmt", 583, "waste"},
    {"waste_mgmt", "ext:environment", 241, "reduction"},
    {"waste_mgmt", "ext:nature", 85, "return"},
    {"waste_mgmt", "landfill", 29, "landfill"},
};

static void add_process(jk_mfa_system *sys, const char *id)
{
    jk_mfa_process p = {id, "", "", false};
    if (jk_mfa_find_process(sys, id) < 0)
        assert_rc(jk_mfa_add_process(sys, &p, NULL), JK_OK);
}

/* Add a flow of mt Mt (NaN: unknown) as a constant. */
static void add_flow(jk_mfa_system *sys, const char *from, const char *to,
                     double mt, const char *route)
{
    char id[32];
    jk_mfa_flow f;
    jk_err err;

    if (strncmp(from, "ext:", 4) != 0)
        add_process(sys, from);
    if (strncmp(to, "ext:", 4) != 0)
        add_process(sys, to);
    snprintf(id, sizeof(id), "f%zu", jk_mfa_n_flows(sys) + 1);
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.from = from;
    f.to = to;
    f.value = isnan(mt) ? 0 : mt * MT;
    f.sd = 0;
    f.status = isnan(mt) ? JK_MFA_UNKNOWN : JK_MFA_CONSTANT;
    f.route = route;
    if (jk_mfa_add_flow(sys, &f, &err) != JK_OK)
        fail_msg("add flow %s: %s: %s", id, err.where, err.msg);
}

static jk_mfa_system *build(const flow_spec *fs, size_t n)
{
    jk_mfa_system *sys = jk_mfa_new();
    size_t i;
    assert_non_null(sys);
    for (i = 0; i < n; i++)
        add_flow(sys, fs[i].from, fs[i].to, fs[i].mt, fs[i].route);
    return sys;
}

static jk_mfa_system *fy2006(void)
{
    return build(FY2006, ARRAY_LEN(FY2006));
}

/* ------------------------------------------------------------------ */
/* Collecting the callbacks                                            */
/* ------------------------------------------------------------------ */

typedef struct got {
    jk_jp_indicator v[NIND]; /* copies; strings are static */
    int n;                   /* calls */
    int stop_at;             /* return 7 on this call (1-based), 0 never */
} got;

static int collect(void *ctx, const jk_jp_indicator *i)
{
    got *g = ctx;
    if (g->n < NIND)
        g->v[g->n] = *i;
    g->n++;
    return g->stop_at == g->n ? 7 : 0;
}

static void run(const jk_mfa_system *sys, const jk_jp_params *p, got *g)
{
    jk_err err;
    int i;

    memset(g, 0, sizeof(*g));
    if (jk_jp_indicators(sys, p, collect, g, &err) != JK_OK)
        fail_msg("jk_jp_indicators: %s: %s", err.where, err.msg);
    assert_int_equal(g->n, NIND);
    for (i = 0; i < NIND; i++) {
        assert_string_equal(g->v[i].code, CODES[i]);
        if (isinf(g->v[i].value) || isinf(g->v[i].gap5))
            fail_msg("%s is infinite", CODES[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void test_params_init(void **state)
{
    jk_jp_params p;
    (void)state;

    memset(&p, 0x5a, sizeof(p));
    jk_jp_params_init(&p);
    assert_nan(p.gdp_oku_yen);
    assert_int_equal(p.gdp_base_year, 0);
    assert_nan(p.population);
    assert_nan(p.renewable_input_t);
    jk_jp_params_init(NULL); /* no-op */
}

/* The numbers of the spec: 12.53 %, 39.1 %, 29 Mt; the rest need
 * parameters and are NaN without them. */
static void test_fy2006_without_params(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    run(sys, &p, &g);
    assert_near(g.v[IN].value, 12.5344, EPS4);
    assert_near(g.v[IN].value, 228.0 / (1591 + 228) * 100, 1e-9);
    assert_near(g.v[OUT].value, 39.1081, EPS4);
    assert_near(g.v[OUT].value, 228.0 / 583 * 100, 1e-9);
    assert_near(g.v[FD].value, 29.0000, EPS4);
    assert_nan(g.v[RP].value);
    assert_nan(g.v[PC].value);
    assert_nan(g.v[RS].value);
    assert_nan(g.v[RP].gap5);
    assert_nan(g.v[PC].gap5);
    assert_nan(g.v[RS].gap5);

    assert_string_equal(g.v[RP].name_ja, "資源生産性");
    assert_string_equal(g.v[IN].name_ja, "入口側循環利用率");
    assert_string_equal(g.v[OUT].name_ja, "出口側循環利用率");
    assert_string_equal(g.v[FD].name_ja, "最終処分量");
    assert_string_equal(g.v[PC].name_ja, "一人当たり天然資源消費量");
    assert_string_equal(g.v[RS].name_ja, "再生可能資源及び循環資源の投入割合");
    assert_string_equal(g.v[RP].unit, "万円/t");
    assert_string_equal(g.v[IN].unit, "%");
    assert_string_equal(g.v[OUT].unit, "%");
    assert_string_equal(g.v[FD].unit, "Mt");
    assert_string_equal(g.v[PC].unit, "t/person");
    assert_string_equal(g.v[RS].unit, "%");
    assert_true(g.v[RP].higher_is_better);
    assert_true(g.v[IN].higher_is_better);
    assert_true(g.v[OUT].higher_is_better);
    assert_false(g.v[FD].higher_is_better);
    assert_false(g.v[PC].higher_is_better);
    assert_true(g.v[RS].higher_is_better);
    /* the per-capita formula is flagged as the spec's memory */
    assert_non_null(strstr(g.v[PC].formula, "[memory]"));
    assert_non_null(strstr(g.v[RP].formula, "億円"));

    /* p NULL is the same as no parameters */
    memset(&g, 0, sizeof(g));
    assert_rc(jk_jp_indicators(sys, NULL, collect, &g, NULL), JK_OK);
    assert_int_equal(g.n, NIND);
    assert_near(g.v[IN].value, 12.5344, EPS4);
    assert_nan(g.v[RP].value);
    jk_mfa_free(sys);
}

/* The demo file itself gives the same numbers. */
static void test_fy2006_demo_file(void **state)
{
    char path[512], line[1024];
    jk_mfa_system *sys;
    FILE *fp;
    got g;
    int n = 0;
    (void)state;

    snprintf(path, sizeof(path), "%s/data/demo/flows-national-fy2006.csv",
             JK_SOURCE_DIR);
    fp = fopen(path, "r");
    assert_non_null(fp);
    sys = jk_mfa_new();
    assert_non_null(sys);
    assert_non_null(fgets(line, sizeof(line), fp)); /* header */
    assert_string_equal(line, "from,to,material,mass,unit,period,route,"
                              "label,source\n");
    while (fgets(line, sizeof(line), fp)) {
        char *f[9];
        char *s = line;
        double mass;
        int k = 0;

        assert_null(strchr(line, '"'));
        line[strcspn(line, "\r\n")] = '\0';
        f[k++] = s;
        for (; *s && k < 9; s++)
            if (*s == ',') {
                *s = '\0';
                f[k++] = s + 1;
            }
        assert_int_equal(k, 9);
        assert_rc(jk_parse_double(f[3], &mass), JK_OK);
        assert_string_equal(f[4], "Mt");
        add_flow(sys, f[0], f[1], mass, f[6]);
        n++;
    }
    fclose(fp);
    assert_int_equal(n, 14);
    run(sys, NULL, &g);
    assert_near(g.v[IN].value, 12.5344, EPS4);
    assert_near(g.v[OUT].value, 39.1081, EPS4);
    assert_near(g.v[FD].value, 29.0000, EPS4);
    jk_mfa_free(sys);
}

/* GDP 5,568,500 億円 = 5.5685e10 万円 over 1,591e6 t: exactly 35 万円/t. */
static void test_resource_productivity(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.gdp_oku_yen = 5568500;
    p.gdp_base_year = 2015;
    run(sys, &p, &g);
    assert_near(g.v[RP].value, 35.0, 1e-9);
    assert_near(g.v[RP].target4, 49, 0);
    assert_near(g.v[RP].target5, 60, 0);
    assert_near(g.v[RP].gap5, 25.0, 1e-9);
    /* the other parameters still missing */
    assert_nan(g.v[PC].value);
    assert_nan(g.v[RS].value);
    jk_mfa_free(sys);
}

/* (1,591 - 170) Mt / 127,770,000 persons = 11.1215 t/person. */
static void test_per_capita(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.population = 127770000;
    run(sys, &p, &g);
    assert_near(g.v[PC].value, 11.1215, EPS4);
    assert_near(g.v[PC].value, 1421e6 / 127770000, 1e-12);
    assert_nan(g.v[PC].target4);
    assert_near(g.v[PC].target5, 11, 0);
    /* above the target and lower is better: a negative gap */
    assert_near(g.v[PC].gap5, 11 - 1421e6 / 127770000, 1e-12);
    assert_true(g.v[PC].gap5 < 0);
    assert_nan(g.v[RP].value);
    jk_mfa_free(sys);
}

/* (200 + 228) / (1,591 + 228) = 23.5294 %. */
static void test_renewable_share(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.renewable_input_t = 200 * MT;
    run(sys, &p, &g);
    assert_near(g.v[RS].value, 23.5294, EPS4);
    assert_near(g.v[RS].value, 428.0 / 1819 * 100, 1e-9);
    assert_nan(g.v[RS].target4);
    assert_near(g.v[RS].target5, 34, 0);
    assert_near(g.v[RS].gap5, 34 - 428.0 / 1819 * 100, 1e-9);
    jk_mfa_free(sys);
}

/* Targets as published for the 4th (FY2025) and 5th (FY2030) plans. */
static void test_targets(void **state)
{
    static const double t4[NIND] = {49, 18, 47, 13, UNKNOWN, UNKNOWN};
    static const double t5[NIND] = {60, 19, 44, 11, 11, 34};
    jk_mfa_system *sys = fy2006();
    got g;
    int i;
    (void)state;

    run(sys, NULL, &g);
    for (i = 0; i < NIND; i++) {
        if (isnan(t4[i]))
            assert_nan(g.v[i].target4);
        else
            assert_near(g.v[i].target4, t4[i], 0);
        assert_near(g.v[i].target5, t5[i], 0);
    }
    jk_mfa_free(sys);
}

/* Below a higher-is-better target: positive gap; above a lower-is-better
 * one: negative gap. */
static void test_gap5_sign(void **state)
{
    jk_mfa_system *sys = fy2006();
    got g;
    (void)state;

    run(sys, NULL, &g);
    assert_near(g.v[IN].gap5, 19 - 228.0 / 1819 * 100, 1e-9);
    assert_true(g.v[IN].gap5 > 0);
    assert_near(g.v[OUT].gap5, 44 - 228.0 / 583 * 100, 1e-9);
    assert_true(g.v[OUT].gap5 > 0);
    assert_near(g.v[FD].gap5, -18, 1e-9);
    assert_true(g.v[FD].gap5 < 0);
    jk_mfa_free(sys);
}

/* Zero flows and a zero population: NaN, never inf. */
static void test_division_by_zero(void **state)
{
    static const flow_spec zero[] = {
        {"ext:nature", "economy", 0, "extraction"},
        {"waste_mgmt", "economy", 0, "recycling"},
        {"economy", "waste_mgmt", 0, "waste"},
        {"waste_mgmt", "landfill", 0, "landfill"},
        {"economy", "ext:row", 0, "export"},
    };
    jk_mfa_system *sys = build(zero, ARRAY_LEN(zero));
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.gdp_oku_yen = 5568500;
    p.population = 0;
    p.renewable_input_t = 0;
    run(sys, &p, &g); /* run() also rejects any inf */
    assert_nan(g.v[RP].value);
    assert_nan(g.v[IN].value);
    assert_nan(g.v[OUT].value);
    assert_near(g.v[FD].value, 0, 0);
    assert_near(g.v[FD].gap5, 11, 0);
    assert_nan(g.v[PC].value);
    assert_nan(g.v[RS].value);
    jk_mfa_free(sys);

    /* a real input over a zero population */
    sys = fy2006();
    run(sys, &p, &g);
    assert_nan(g.v[PC].value);
    assert_nan(g.v[PC].gap5);
    assert_near(g.v[RS].value, 228.0 / 1819 * 100, 1e-9);
    jk_mfa_free(sys);
}

/* An unknown flow of a class makes the indicators that need it NaN. */
static void test_unknown_flow(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.gdp_oku_yen = 5568500;
    p.population = 127770000;
    p.renewable_input_t = 200 * MT;
    add_flow(sys, "waste_mgmt", "economy", UNKNOWN, "recycling");
    run(sys, &p, &g);
    assert_nan(g.v[IN].value);
    assert_nan(g.v[OUT].value);
    assert_nan(g.v[RS].value);
    assert_nan(g.v[IN].gap5);
    /* those that do not need cyclical use are unchanged */
    assert_near(g.v[RP].value, 35.0, 1e-9);
    assert_near(g.v[FD].value, 29, 1e-9);
    assert_near(g.v[PC].value, 11.1215, EPS4);
    assert_near(g.v[IN].target5, 19, 0); /* targets still there */

    /* an unknown landfill flow */
    add_flow(sys, "waste_mgmt", "landfill", UNKNOWN, "landfill");
    run(sys, &p, &g);
    assert_nan(g.v[FD].value);
    assert_nan(g.v[FD].gap5);
    jk_mfa_free(sys);

    /* an unknown export: per capita only */
    sys = fy2006();
    add_flow(sys, "economy", "ext:row", UNKNOWN, "export");
    run(sys, &p, &g);
    assert_nan(g.v[PC].value);
    assert_near(g.v[IN].value, 12.5344, EPS4);
    jk_mfa_free(sys);
}

/*
 * A class without any flow is not modelled, not zero: on a plastics
 * system (no extraction or import) the input-side rate is NaN rather
 * than a meaningless 100 %. A recycling flow that leaves the system
 * (to ext:) is not cyclical use.
 */
static void test_absent_class(void **state)
{
    static const flow_spec plastic[] = {
        {"ext:households", "plastic_waste", 8.99, "waste"},
        {"plastic_waste", "material_recycling", 2.11, "recycling"},
        {"plastic_waste", "ext:row", 1.29, "recycling"},
        {"plastic_waste", "landfill", 0.52, "landfill"},
    };
    jk_mfa_system *sys = build(plastic, ARRAY_LEN(plastic));
    jk_jp_params p;
    got g;
    (void)state;

    jk_jp_params_init(&p);
    p.gdp_oku_yen = 5568500;
    p.population = 127770000;
    p.renewable_input_t = 0;
    run(sys, &p, &g);
    assert_nan(g.v[RP].value);
    assert_nan(g.v[IN].value);
    assert_near(g.v[OUT].value, 2.11 / 8.99 * 100, 1e-9);
    assert_near(g.v[FD].value, 0.52, 1e-12);
    assert_nan(g.v[PC].value);
    assert_nan(g.v[RS].value);
    jk_mfa_free(sys);

    /* an empty system */
    sys = jk_mfa_new();
    assert_non_null(sys);
    run(sys, &p, &g);
    assert_nan(g.v[FD].value);
    assert_nan(g.v[OUT].value);
    jk_mfa_free(sys);
}

static void test_callback_stops(void **state)
{
    jk_mfa_system *sys = fy2006();
    got g;
    (void)state;

    memset(&g, 0, sizeof(g));
    g.stop_at = 2;
    assert_int_equal(jk_jp_indicators(sys, NULL, collect, &g, NULL), 7);
    assert_int_equal(g.n, 2);
    jk_mfa_free(sys);
}

static void test_bad_args(void **state)
{
    jk_mfa_system *sys = fy2006();
    jk_jp_params p;
    jk_err err;
    got g;
    (void)state;

    assert_rc(jk_jp_indicators(NULL, NULL, collect, &g, &err), JK_EINVAL);
    assert_rc(jk_jp_indicators(sys, NULL, NULL, &g, &err), JK_EINVAL);

    memset(&g, 0, sizeof(g));
    jk_jp_params_init(&p);
    p.population = -1;
    assert_rc(jk_jp_indicators(sys, &p, collect, &g, &err), JK_EINVAL);
    assert_string_equal(err.where, "population");
    assert_int_equal(g.n, 0); /* nothing reported before the error */

    jk_jp_params_init(&p);
    p.gdp_oku_yen = (double)INFINITY;
    assert_rc(jk_jp_indicators(sys, &p, collect, &g, &err), JK_EINVAL);
    assert_string_equal(err.where, "gdp_oku_yen");

    jk_jp_params_init(&p);
    p.renewable_input_t = -5;
    assert_rc(jk_jp_indicators(sys, &p, collect, &g, &err), JK_EINVAL);
    assert_string_equal(err.where, "renewable_input_t");
    assert_int_equal(g.n, 0);
    jk_mfa_free(sys);
}

/* Computing the indicators allocates nothing. */
static void test_no_allocation(void **state)
{
    jk_mfa_system *sys = fy2006();
    got g;
    (void)state;

    if (!jk_alloc_fail_nth(1)) {
        jk_mfa_free(sys);
        skip();
    }
    memset(&g, 0, sizeof(g));
    assert_rc(jk_jp_indicators(sys, NULL, collect, &g, NULL), JK_OK);
    assert_false(jk_alloc_failed());
    jk_alloc_fail_nth(0);
    assert_int_equal(g.n, NIND);
    jk_mfa_free(sys);
}

/* ------------------------------------------------------------------ */
/* The embedded table                                                  */
/* ------------------------------------------------------------------ */

#include "core/embedded.h"

static const struct jk_embedded_file *embedded(void)
{
    const struct jk_embedded_file *e;
    for (e = jk_embedded; e->name; e++)
        if (strcmp(e->name, "jp-plan-indicators.csv") == 0)
            return e;
    fail_msg("jp-plan-indicators.csv is not in JK_EMBED_FILES");
    return NULL;
}

/*
 * The loader cuts fields at every comma and rejects quotes: keep the
 * file free of quoted fields. Also: the built-in copy is the file in
 * data/reference (a stale build would fail here), 7 fields a line.
 */
static void test_embedded_csv(void **state)
{
    const struct jk_embedded_file *e = embedded();
    char path[512];
    char *disk;
    size_t i, commas = 0, lines = 0;
    long len;
    FILE *fp;
    (void)state;

    assert_null(memchr(e->data, '"', e->len));
    assert_true(e->len > 0 && e->data[e->len - 1] == '\n');
    for (i = 0; i < e->len; i++) {
        if (e->data[i] == ',')
            commas++;
        else if (e->data[i] == '\n') {
            if (commas != 6)
                fail_msg("line %zu has %zu commas, expected 6", lines + 1,
                         commas);
            commas = 0;
            lines++;
        }
    }
    assert_true(lines > 30);
    assert_int_equal(strncmp(e->data,
                             "code,series,year,value,unit,plan,"
                             "source\n",
                             40),
                     0);

    snprintf(path, sizeof(path), "%s/data/reference/jp-plan-indicators.csv",
             JK_SOURCE_DIR);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    len = ftell(fp);
    rewind(fp);
    assert_true(len >= 0 && (size_t)len == e->len);
    disk = jk_malloc((size_t)len + 1);
    assert_non_null(disk);
    assert_int_equal(fread(disk, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    assert_memory_equal(disk, e->data, e->len);
    jk_free(disk);
}

typedef struct rows {
    jk__jp_row v[64]; /* copies */
    size_t n;         /* rows seen */
} rows;

static int collect_row(void *ctx, const jk__jp_row *r)
{
    rows *rs = ctx;
    if (rs->n < ARRAY_LEN(rs->v))
        rs->v[rs->n] = *r;
    rs->n++;
    return 0;
}

static int stop_row(void *ctx, const jk__jp_row *r)
{
    (void)r;
    ++*(int *)ctx;
    return 9;
}

static const jk__jp_row *find_row(const rows *rs, const char *code, int year,
                                  const char *plan)
{
    size_t i;
    for (i = 0; i < rs->n && i < ARRAY_LEN(rs->v); i++)
        if (strcmp(rs->v[i].code, code) == 0 && rs->v[i].year == year &&
            strcmp(rs->v[i].plan, plan) == 0)
            return &rs->v[i];
    fail_msg("no row %s %d %s", code, year, plan);
    return NULL;
}

/* The published series (table 1.2 of the indicators spec). */
static void test_published_series(void **state)
{
    rows rs;
    size_t i;
    int calls = 0;
    jk_err err;
    (void)state;

    memset(&rs, 0, sizeof(rs));
    assert_rc(jk__mfa_jp_rows(NULL, "published", collect_row, &rs, &err),
              JK_OK);
    assert_int_equal(rs.n, 23);
    for (i = 0; i < rs.n; i++) {
        assert_string_equal(rs.v[i].series, "published");
        assert_string_equal(rs.v[i].plan, "");
        assert_true(strncmp(rs.v[i].source, "http", 4) == 0);
    }
    assert_near(find_row(&rs, CODES[RP], 2000, "")->value, 24.8, 0);
    assert_near(find_row(&rs, CODES[RP], 2019, "")->value, 43.6, 0);
    assert_near(find_row(&rs, CODES[IN], 2019, "")->value, 15.7, 0);
    assert_near(find_row(&rs, CODES[OUT], 2019, "")->value, 43.0, 0);
    assert_near(find_row(&rs, CODES[FD], 2019, "")->value, 13.04, 0);
    assert_near(find_row(&rs, CODES[IN], 2020, "")->value, 16, 0);
    assert_near(find_row(&rs, CODES[PC], 2020, "")->value, 11.5, 0);
    assert_string_equal(find_row(&rs, CODES[FD], 2019, "")->unit, "Mt");
    assert_string_equal(find_row(&rs, CODES[FD], 2019, "")->source,
                        "https://econews.jp/news/domestic/8318");

    /* one indicator's targets, every plan */
    memset(&rs, 0, sizeof(rs));
    assert_rc(jk__mfa_jp_rows(CODES[IN], "target", collect_row, &rs, &err),
              JK_OK);
    assert_int_equal(rs.n, 4);
    assert_near(find_row(&rs, CODES[IN], 2010, "1st")->value, 14, 0);
    assert_near(find_row(&rs, CODES[IN], 2020, "3rd")->value, 17, 0);
    assert_near(find_row(&rs, CODES[IN], 2025, "4th")->value, 18, 0);
    assert_near(find_row(&rs, CODES[IN], 2030, "5th")->value, 19, 0);

    memset(&rs, 0, sizeof(rs));
    assert_rc(jk__mfa_jp_rows(NULL, NULL, collect_row, &rs, NULL), JK_OK);
    assert_int_equal(rs.n, 39);

    assert_int_equal(jk__mfa_jp_rows(NULL, NULL, stop_row, &calls, NULL), 9);
    assert_int_equal(calls, 1);
    assert_rc(jk__mfa_jp_rows(NULL, NULL, NULL, NULL, &err), JK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params_init),
        cmocka_unit_test(test_fy2006_without_params),
        cmocka_unit_test(test_fy2006_demo_file),
        cmocka_unit_test(test_resource_productivity),
        cmocka_unit_test(test_per_capita),
        cmocka_unit_test(test_renewable_share),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_gap5_sign),
        cmocka_unit_test(test_division_by_zero),
        cmocka_unit_test(test_unknown_flow),
        cmocka_unit_test(test_absent_class),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_no_allocation),
        cmocka_unit_test(test_embedded_csv),
        cmocka_unit_test(test_published_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
