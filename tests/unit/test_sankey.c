/*
 * Sankey diagrams (jk_mfa_sankey_svg): Japan's FY2006 material flow and
 * the 2017 plastic waste flow from data/demo, drawn in Japanese and in
 * English, then rendered by headless Chromium and checked as pictures
 * (tests/data/mfa/sankey_render.sh). In C: band widths proportional to
 * mass, labels in the chosen language, the title escaped, stock bands,
 * unknown and zero flows, determinism, and the error codes (EINVAL,
 * EIO, ENOMEM at every allocation).
 *
 * The SVG files and PNG pictures stay in $TMPDIR/junkan-sankey for
 * inspection.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jk_test.h"

#include <junkan/mfa.h>

static char tmpdir[512];

/* ---- helpers ---- */

static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    jk_snprintf(buf, cap, "%s/%s", tmpdir, name);
    return buf;
}

/* Draw sys into path; returns the status. */
static int render(const jk_mfa_system *sys, const char *lang, const char *title,
                  const char *path, jk_err *err)
{
    jk_sankey_opts o;
    FILE *fp = fopen(path, "wb");
    int rc;

    assert_non_null(fp);
    jk_sankey_opts_init(&o);
    o.lang = lang;
    o.title = title;
    rc = jk_mfa_sankey_svg(sys, &o, fp, err);
    assert_int_equal(fclose(fp), 0);
    return rc;
}

/* Draw and read back. */
static char *render_read(const jk_mfa_system *sys, const char *lang,
                         const char *title, const char *name)
{
    char path[700];
    jk_err err;
    char *svg;

    tmp_path(name, path, sizeof(path));
    assert_rc(render(sys, lang, title, path, &err), JK_OK);
    svg = jk_test_read_file(path, NULL);
    assert_non_null(svg);
    return svg;
}

static void assert_has(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("the SVG lacks \"%s\"", needle);
}

static void assert_lacks(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("the SVG has \"%s\"", needle);
}

/*
 * The band of a flow: its data-w attribute, and its width measured on
 * its path, from the first point ("M x,y0") to the last ("x,y1 Z").
 */
static void band_width(const char *svg, const char *flow, double *attr,
                       double *geom)
{
    char key[128];
    const char *p, *d, *end, *q;
    double y0, y1;

    jk_snprintf(key, sizeof(key), "data-flow=\"%s\"", flow);
    p = strstr(svg, key);
    if (!p)
        fail_msg("no band for flow %s", flow);
    q = strstr(p, "data-w=\"");
    assert_non_null(q);
    *attr = strtod(q + 8, NULL);
    d = strstr(p, " d=\"M");
    assert_non_null(d);
    q = strchr(d + 5, ',');
    assert_non_null(q);
    y0 = strtod(q + 1, NULL);
    end = strchr(d + 5, '"');
    assert_non_null(end);
    assert_true(end - d > 8 && memcmp(end - 2, " Z", 2) == 0);
    for (q = end - 3; q > d && *q != ','; q--)
        ;
    y1 = strtod(q + 1, NULL);
    *geom = y1 - y0;
}

/* ---- building the demo systems from data/demo ---- */

typedef struct proc_def {
    const char *id; /* process id */
    const char *ja; /* Japanese name */
    const char *en; /* English name */
} proc_def;

static const proc_def fy2006_procs[] = {
    {"economy", "経済活動", "economy"},
    {"waste_mgmt", "廃棄物等の処理", "waste management"},
    {"stock", "蓄積", "stock"},
    {"landfill", "最終処分場", "landfill"},
    {NULL, NULL, NULL}};

static const proc_def plastic_procs[] = {
    {"plastic_waste", "廃プラスチック", "plastic waste"},
    {"material_recycling", "マテリアルリサイクル", "material recycling"},
    {"chemical_recycling", "ケミカルリサイクル", "chemical recycling"},
    {"solid_fuel", "固形燃料等", "solid fuel"},
    {"incineration", "焼却", "incineration"},
    {"landfill", "埋立", "landfill"},
    {NULL, NULL, NULL}};

/* English labels of the plastic routes, whose CSV labels are Japanese
 * only (data/demo/README.md). */
static const char *const plastic_en[][2] = {
    {"recycling", "material recycling"},
    {"chemical_recycling",
     "chemical recycling (blast furnace, coke oven, gasification, "
     "liquefaction)"},
    {"solid_fuel", "solid fuel, cement raw material and fuel"},
    {"incineration_power", "incineration with power generation"},
    {"incineration_heat", "incineration with heat recovery"},
    {"incineration", "incineration without recovery"},
    {"landfill", "landfill"},
    {NULL, NULL}};

/* Split "国内資源 domestic resources" into its Japanese and English
 * parts: the English part starts at the first space before an ASCII
 * letter. */
static void split_label(const char *label, char *ja, char *en, size_t cap)
{
    const char *p = label;

    while ((p = strchr(p, ' ')) != NULL) {
        if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))
            break;
        p++;
    }
    if (!p) {
        jk_strlcpy(ja, label, cap);
        en[0] = '\0';
        return;
    }
    jk_strlcpy(ja, label,
               (size_t)(p - label) + 1 < cap ? (size_t)(p - label) + 1 : cap);
    jk_strlcpy(en, p + 1, cap);
}

/* Split a CSV line without quotes into at most max fields, in place. */
static int split_csv(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;

    assert_null(strchr(line, '"'));
    line[strcspn(line, "\r\n")] = '\0';
    field[n++] = p;
    while (n < max && (p = strchr(p, ',')) != NULL) {
        *p++ = '\0';
        field[n++] = p;
    }
    return n;
}

/*
 * A system from a demo flow file: the processes given, every flow
 * measured (sd 5%) in tonnes, ids from the route (made unique), labels
 * in lang.
 */
static jk_mfa_system *load_demo(const char *file, const proc_def *procs,
                                const char *lang, const char *name)
{
    char path[700], line[2048], ja[512], en[512], id[JK_ID_MAX + 1];
    char *field[9];
    jk_mfa_system *sys = jk_mfa_new();
    jk_mfa_info info;
    jk_err err;
    FILE *fp;
    int lineno = 0, i;
    bool en_lang = strcmp(lang, "en") == 0;
    const char *period = "", *material = "";
    char period_buf[32] = "", material_buf[64] = "";

    assert_non_null(sys);
    for (i = 0; procs[i].id; i++) {
        jk_mfa_process p = {procs[i].id, procs[i].ja, procs[i].en, false};
        assert_rc(jk_mfa_add_process(sys, &p, &err), JK_OK);
    }
    jk_snprintf(path, sizeof(path), "%s/data/demo/%s", JK_SOURCE_DIR, file);
    fp = fopen(path, "r");
    assert_non_null(fp);
    while (fgets(line, sizeof(line), fp)) {
        jk_mfa_flow f;
        const jk_unit *u;
        double mass;
        int j;

        if (lineno++ == 0)
            continue;
        assert_int_equal(split_csv(line, field, 9), 9);
        u = jk_unit_find(field[4]);
        assert_non_null(u);
        assert_rc(jk_parse_double(field[3], &mass), JK_OK);
        jk_strlcpy(period_buf, field[5], sizeof(period_buf));
        jk_strlcpy(material_buf, field[2], sizeof(material_buf));
        jk_strlcpy(id, field[6], sizeof(id));
        for (j = 2; jk_mfa_find_flow(sys, id) >= 0; j++)
            jk_snprintf(id, sizeof(id), "%s-%d", field[6], j);
        split_label(field[7], ja, en, sizeof(ja));
        if (en_lang && !en[0]) {
            for (j = 0; plastic_en[j][0]; j++)
                if (strcmp(plastic_en[j][0], field[6]) == 0)
                    jk_strlcpy(en, plastic_en[j][1], sizeof(en));
        }
        memset(&f, 0, sizeof(f));
        f.id = id;
        f.from = field[0];
        f.to = field[1];
        f.value = mass * (double)u->grams / 1e6;
        f.sd = f.value * 0.05;
        f.status = JK_MFA_MEASURED;
        f.route = field[6];
        f.label = en_lang && en[0] ? en : ja;
        f.source = field[8];
        assert_rc(jk_mfa_add_flow(sys, &f, &err), JK_OK);
    }
    fclose(fp);
    period = period_buf;
    material = material_buf;
    info.name = name;
    info.region = "JP";
    info.period = period;
    info.material = material;
    assert_rc(jk_mfa_set_info(sys, &info, &err), JK_OK);
    return sys;
}

static jk_mfa_system *fy2006(const char *lang)
{
    return load_demo("flows-national-fy2006.csv", fy2006_procs, lang,
                     strcmp(lang, "ja") == 0 ? "日本の物質フロー"
                                             : "Material flow of Japan");
}

static jk_mfa_system *plastic(const char *lang)
{
    return load_demo("flows-plastic-2017.csv", plastic_procs, lang,
                     strcmp(lang, "ja") == 0
                         ? "廃プラスチックの処理"
                         : "Treatment of plastic waste in Japan");
}

/* A small system with a stock growth, a stock depletion, an unknown
 * and a zero flow. */
static jk_mfa_system *small_system(void)
{
    static const jk_mfa_process procs[] = {
        {"production", "生産", "production", false},
        {"use", "使用", "use", true},
        {"collection", "回収", "collection", true},
    };
    static const struct {
        const char *id, *from, *to, *label;
        double value;
        jk_mfa_status st;
    } flows[] = {
        {"raw", "ext:nature", "production", "raw material", 1000,
         JK_MFA_MEASURED},
        {"goods", "production", "use", "goods", 800, JK_MFA_MEASURED},
        {"scrap", "production", "ext:row", "scrap export", 200,
         JK_MFA_MEASURED},
        {"eol", "use", "collection", "end of life", 0, JK_MFA_UNKNOWN},
        {"residue", "collection", "ext:landfill", "", 0, JK_MFA_CONSTANT},
        {"secondary", "collection", "ext:market", "secondary material", 250,
         JK_MFA_MEASURED},
    };
    jk_mfa_system *sys = jk_mfa_new();
    jk_mfa_stock st;
    jk_err err;
    size_t i;

    assert_non_null(sys);
    for (i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
        assert_rc(jk_mfa_add_process(sys, &procs[i], &err), JK_OK);
    for (i = 0; i < sizeof(flows) / sizeof(flows[0]); i++) {
        jk_mfa_flow f;
        memset(&f, 0, sizeof(f));
        f.id = flows[i].id;
        f.from = flows[i].from;
        f.to = flows[i].to;
        f.label = flows[i].label;
        f.value = flows[i].value;
        f.sd = flows[i].st == JK_MFA_MEASURED ? flows[i].value * 0.05 : 0;
        f.status = flows[i].st;
        assert_rc(jk_mfa_add_flow(sys, &f, &err), JK_OK);
    }
    st.process = "use";
    st.value = 300;
    st.sd = 15;
    st.status = JK_MFA_MEASURED;
    assert_rc(jk_mfa_add_stock(sys, &st, &err), JK_OK);
    st.process = "collection";
    st.value = -50;
    st.sd = 5;
    assert_rc(jk_mfa_add_stock(sys, &st, &err), JK_OK);
    return sys;
}

/* The next number in 0..m-1 of a fixed pseudo-random sequence. */
static int rnd(unsigned long *seed, int m)
{
    *seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
    return (int)((*seed >> 33) % (unsigned long)m);
}

/*
 * A tangled system from a fixed pseudo-random sequence: stages of
 * processes, flows that skip stages, recycling loops back, boundary
 * inputs into late stages, outputs from any, unknown and zero flows,
 * stock growth and depletion.
 */
static jk_mfa_system *tangled_system(unsigned long seed, int stages,
                                     int per_stage)
{
    static const char *const ext_in[] = {"ext:nature", "ext:row"};
    static const char *const ext_out[] = {"ext:air", "ext:row", "ext:water"};
    jk_mfa_system *sys = jk_mfa_new();
    char id[32], from[32], to[32], name[64], label[64];
    int n = stages * per_stage, i, nf = 0;
    jk_err err;

    assert_non_null(sys);
    for (i = 0; i < n; i++) {
        jk_mfa_process p;
        jk_snprintf(id, sizeof(id), "p%02d", i);
        jk_snprintf(name, sizeof(name), "process %d <%d>", i, i / per_stage);
        p.id = id;
        p.name_ja = "工程";
        p.name_en = name;
        p.stock = i % 5 == 2;
        assert_rc(jk_mfa_add_process(sys, &p, &err), JK_OK);
    }
    for (i = 0; i < n * 3; i++) {
        jk_mfa_flow f;
        int a = rnd(&seed, n), stage = a / per_stage, kind = rnd(&seed, 10), b;

        memset(&f, 0, sizeof(f));
        jk_snprintf(from, sizeof(from), "p%02d", a);
        if (kind < 5 && stage + 1 < stages) {
            b = (stage + 1 +
                 rnd(&seed, stages - stage - 1 < 3 ? stages - stage - 1 : 3)) *
                    per_stage +
                rnd(&seed, per_stage);
            jk_snprintf(to, sizeof(to), "p%02d", b);
        } else if (kind < 6 && stage > 0) {
            b = rnd(&seed, stage) * per_stage + rnd(&seed, per_stage);
            jk_snprintf(to, sizeof(to), "p%02d", b);
        } else if (kind < 8) {
            jk_strlcpy(to, from, sizeof(to));
            jk_strlcpy(from, ext_in[rnd(&seed, 2)], sizeof(from));
        } else {
            jk_strlcpy(to, ext_out[rnd(&seed, 3)], sizeof(to));
        }
        if (strcmp(from, to) == 0)
            continue;
        jk_snprintf(id, sizeof(id), "f%03d", nf++);
        jk_snprintf(label, sizeof(label), "flow %d & more", nf);
        f.id = id;
        f.from = from;
        f.to = to;
        f.label = rnd(&seed, 4) ? label : "";
        f.value = (double)(1 + rnd(&seed, 1000));
        f.value *= rnd(&seed, 3) ? 1000 : 10;
        f.status = JK_MFA_MEASURED;
        if (rnd(&seed, 12) == 0) {
            f.status = JK_MFA_UNKNOWN;
        } else if (rnd(&seed, 15) == 0) {
            f.value = 0;
            f.status = JK_MFA_CONSTANT;
        }
        f.sd = f.status == JK_MFA_MEASURED ? f.value * 0.1 : 0;
        assert_rc(jk_mfa_add_flow(sys, &f, &err), JK_OK);
    }
    for (i = 2; i < n; i += 5) {
        jk_mfa_stock st;
        jk_snprintf(id, sizeof(id), "p%02d", i);
        st.process = id;
        st.value = (double)(rnd(&seed, 400) - 150) * 1000;
        st.sd = 100;
        st.status = rnd(&seed, 6) ? JK_MFA_MEASURED : JK_MFA_UNKNOWN;
        assert_rc(jk_mfa_add_stock(sys, &st, &err), JK_OK);
    }
    return sys;
}

/* Render an SVG with Chromium and check the picture; fail with the
 * script's message. */
static void check_picture(const char *svg_name, const char *png_name)
{
    char svg[700], png[700], cmd[2400];
    int rc;

    tmp_path(svg_name, svg, sizeof(svg));
    tmp_path(png_name, png, sizeof(png));
    jk_snprintf(cmd, sizeof(cmd),
                "sh '%s/mfa/sankey_render.sh' '%s' '%s' 1200 700 1>&2",
                JK_TEST_DATA, svg, png);
    rc = system(cmd);
    if (rc == -1 || !WIFEXITED(rc))
        fail_msg("could not run %s", cmd);
    if (WEXITSTATUS(rc) == 2)
        fail_msg("sankey_render.sh could not run: install chromium and "
                 "python3 (apt-get install chromium python3)");
    if (WEXITSTATUS(rc) != 0)
        fail_msg("%s: the rendered picture failed its checks", svg_name);
}

/* ---- tests ---- */

static void fy2006_in_both_languages(void **state)
{
    jk_mfa_system *ja = fy2006("ja"), *en = fy2006("en");
    char *sj, *se;
    double a1, g1, a2, g2;

    (void)state;
    sj = render_read(ja, "ja", NULL, "fy2006-ja.svg");
    se = render_read(en, "en", NULL, "fy2006-en.svg");

    assert_true(strncmp(sj, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) ==
                0);
    assert_has(sj, "xmlns=\"http://www.w3.org/2000/svg\"");
    assert_has(sj, "viewBox=\"0 0 1200 700\"");
    assert_has(sj, "<title>日本の物質フロー (FY2006, all)</title>");
    assert_has(sj, "<style");
    assert_has(sj, "Noto Sans CJK JP");

    /* Names in the chosen language, values in readable units. */
    assert_has(sj, "経済活動");
    assert_has(sj, "廃棄物等の処理");
    assert_has(sj, "国内資源");
    assert_has(sj, "778 Mt");
    assert_has(sj, "2,109 Mt");
    assert_has(sj, "帯の幅は質量に比例");
    assert_has(se, ">economy<");
    assert_has(se, "domestic resources");
    assert_has(se, "widths proportional to mass (1 px = ");
    assert_lacks(se, "経済");
    assert_lacks(se, "国内資源");

    /* Boundary outputs are named by their outside node. */
    assert_has(se, "→ environment");
    assert_has(se, "← nature");

    /* The recycling flow closes a cycle: drawn as a loop. */
    assert_has(se, "class=\"link back\" data-flow=\"recycling\"");

    /* Widths proportional to mass: 778 Mt vs 756 Mt, attribute and
     * geometry. */
    band_width(se, "extraction", &a1, &g1);
    band_width(se, "import", &a2, &g2);
    assert_true(a1 > 10 && a2 > 10);
    assert_true(fabs(a1 - g1) < 0.02 && fabs(a2 - g2) < 0.02);
    if (fabs(a1 / a2 / (778.0 / 756.0) - 1) > 0.01)
        fail_msg("widths %g and %g are not as 778 to 756", a1, a2);
    /* The loop is on the same scale. */
    band_width(se, "recycling", &a2, &g2);
    if (fabs(a1 / a2 / (778.0 / 228.0) - 1) > 0.01)
        fail_msg("widths %g and %g are not as 778 to 228", a1, a2);

    jk_free(sj);
    jk_free(se);
    jk_mfa_free(ja);
    jk_mfa_free(en);
}

static void plastic_in_both_languages(void **state)
{
    jk_mfa_system *ja = plastic("ja"), *en = plastic("en");
    char *sj, *se;
    double a1, g1, a2, g2;

    (void)state;
    sj = render_read(ja, "ja", NULL, "plastic-ja.svg");
    se = render_read(en, "en", NULL, "plastic-en.svg");
    assert_has(sj, "廃プラスチック");
    assert_has(sj, "発電焼却");
    assert_has(sj, "2.11 Mt");
    assert_has(sj, "400 kt");
    assert_has(sj, "9.03 Mt");
    assert_has(se, "plastic waste");
    assert_has(se, "incineration with power generation");
    assert_has(se, "<title>Treatment of plastic waste in Japan (2017)</title>");
    assert_lacks(se, "焼却");
    band_width(se, "recycling", &a1, &g1);
    band_width(se, "landfill", &a2, &g2);
    if (fabs(a1 / a2 / (211.0 / 52.0) - 1) > 0.01)
        fail_msg("widths %g and %g are not as 211 to 52", a1, a2);
    jk_free(sj);
    jk_free(se);
    jk_mfa_free(ja);
    jk_mfa_free(en);
}

static void same_input_same_bytes(void **state)
{
    jk_mfa_system *sys = fy2006("ja");
    char *a, *b;
    size_t la = 0, lb = 0;
    char p1[700], p2[700];
    jk_err err;

    (void)state;
    tmp_path("det-1.svg", p1, sizeof(p1));
    tmp_path("det-2.svg", p2, sizeof(p2));
    assert_rc(render(sys, "ja", NULL, p1, &err), JK_OK);
    assert_rc(render(sys, "ja", NULL, p2, &err), JK_OK);
    a = jk_test_read_file(p1, &la);
    b = jk_test_read_file(p2, &lb);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(la > 1000);
    assert_true(la == lb && memcmp(a, b, la) == 0);
    jk_free(a);
    jk_free(b);
    jk_mfa_free(sys);
}

static void title_and_text_are_escaped(void **state)
{
    jk_mfa_system *sys = plastic("en");
    char *s;

    (void)state;
    s = render_read(sys, "en", "Flows <&> \"quoted\" 'too'", "title.svg");
    assert_has(s,
               "<title>Flows &lt;&amp;&gt; &quot;quoted&quot; &#39;too&#39;");
    assert_has(s, ">Flows &lt;&amp;&gt;");
    assert_lacks(s, "<&>");
    jk_free(s);
    jk_mfa_free(sys);
}

static void stock_unknown_and_zero_flows(void **state)
{
    jk_mfa_system *sys = small_system();
    char *sj, *se;

    (void)state;
    sj = render_read(sys, "ja", NULL, "small-ja.svg");
    se = render_read(sys, "en", NULL, "small-en.svg");
    /* Stock bands: growth from use, depletion into collection. */
    assert_has(se, "class=\"link stock\" data-stock=\"use\"");
    assert_has(se, "class=\"link stock\" data-stock=\"collection\"");
    assert_has(se, "stock<tspan class=\"b\"> +300 t</tspan>");
    assert_has(se, "stock<tspan class=\"b\"> −50 t</tspan>");
    assert_has(sj, "蓄積<tspan class=\"b\"> +300 t</tspan>");
    /* Unknown: dashed and "?"; zero: a hairline. */
    assert_has(se, "class=\"unknown\" data-flow=\"eol\"");
    assert_has(se, "<tspan class=\"b\"> ?</tspan>");
    assert_has(se, "class=\"zero\" data-flow=\"residue\"");
    assert_has(se, "; dashed: unknown");
    assert_has(se, "→ landfill");
    jk_free(sj);
    jk_free(se);
    jk_mfa_free(sys);
}

static void nothing_to_draw_is_einval(void **state)
{
    jk_mfa_system *sys = jk_mfa_new();
    jk_mfa_process p = {"a", "", "", false};
    jk_mfa_flow f;
    char path[700];
    jk_err err;
    char *s;

    (void)state;
    assert_non_null(sys);
    assert_rc(jk_mfa_add_process(sys, &p, &err), JK_OK);
    memset(&f, 0, sizeof(f));
    f.id = "zero";
    f.from = "ext:nature";
    f.to = "a";
    f.status = JK_MFA_CONSTANT;
    assert_rc(jk_mfa_add_flow(sys, &f, &err), JK_OK);
    f.id = "unknown";
    f.status = JK_MFA_UNKNOWN;
    assert_rc(jk_mfa_add_flow(sys, &f, &err), JK_OK);
    tmp_path("empty.svg", path, sizeof(path));
    assert_rc(render(sys, "en", NULL, path, &err), JK_EINVAL);
    assert_int_equal(err.code, JK_EINVAL);
    assert_true(strlen(err.msg) > 0);
    s = jk_test_read_file(path, NULL);
    assert_string_equal(s, "");
    jk_free(s);
    assert_rc(jk_mfa_sankey_svg(NULL, NULL, stdout, &err), JK_EINVAL);
    jk_mfa_free(sys);
}

static void write_failure_is_eio(void **state)
{
    jk_mfa_system *sys = plastic("en");
    char path[700];
    FILE *fp;
    jk_err err;

    (void)state;
    tmp_path("readonly.svg", path, sizeof(path));
    fp = fopen(path, "w");
    assert_non_null(fp);
    fclose(fp);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_rc(jk_mfa_sankey_svg(sys, NULL, fp, &err), JK_EIO);
    fclose(fp);
    jk_mfa_free(sys);
}

/* Every allocation in turn fails: JK_ENOMEM and nothing written, until
 * the run that succeeds. */
static void enomem_at_every_allocation(void **state)
{
    jk_mfa_system *sys = fy2006("ja");
    char path[700];
    jk_err err;
    long n;
    int rc;

    (void)state;
    tmp_path("enomem.svg", path, sizeof(path));
    for (n = 1; n < 100000; n++) {
        struct stat st;
        jk_alloc_fail_nth(n);
        rc = render(sys, "ja", NULL, path, &err);
        if (!jk_alloc_failed()) {
            jk_alloc_fail_nth(0);
            assert_rc(rc, JK_OK);
            break;
        }
        jk_alloc_fail_nth(0);
        assert_rc(rc, JK_ENOMEM);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_size, 0);
    }
    assert_true(n > 5);
    jk_mfa_free(sys);
}

/* The pictures: Chromium renders each diagram; the script checks it. */
static void pictures_render(void **state)
{
    static const char *const langs[] = {"ja", "en"};
    char svg[64], png[64];
    size_t i;

    (void)state;
    for (i = 0; i < 2; i++) {
        jk_mfa_system *sys[3];
        static const char *const names[] = {"fy2006", "plastic", "small"};
        size_t j;
        char *s;

        sys[0] = fy2006(langs[i]);
        sys[1] = plastic(langs[i]);
        sys[2] = small_system();
        for (j = 0; j < 3; j++) {
            jk_snprintf(svg, sizeof(svg), "pic-%s-%s.svg", names[j], langs[i]);
            jk_snprintf(png, sizeof(png), "pic-%s-%s.png", names[j], langs[i]);
            s = render_read(sys[j], langs[i], NULL, svg);
            jk_free(s);
            check_picture(svg, png);
            jk_mfa_free(sys[j]);
        }
    }
}

static void tangled_systems_draw(void **state)
{
    static const int shape[][2] = {{3, 2}, {4, 3}, {6, 4}, {8, 6}};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(shape) / sizeof(shape[0]); i++) {
        jk_mfa_system *sys = tangled_system(7 + i, shape[i][0], shape[i][1]);
        char name[64], png[64];
        char *s;

        jk_snprintf(name, sizeof(name), "tangled-%zu.svg", i);
        s = render_read(sys, "en", NULL, name);
        assert_lacks(s, "nan");
        assert_lacks(s, "inf");
        assert_has(s, "class=\"link back\"");
        assert_has(s, "&amp; more");
        assert_has(s, "process 1 &lt;0&gt;");
        jk_free(s);
        jk_snprintf(png, sizeof(png), "tangled-%zu.png", i);
        if (i % 2 == 0)
            check_picture(name, png);
        jk_mfa_free(sys);
    }
}

static int setup(void **state)
{
    const char *base = getenv("TMPDIR");

    (void)state;
    jk_snprintf(tmpdir, sizeof(tmpdir), "%s/junkan-sankey",
                base && *base ? base : "/tmp");
    if (mkdir(tmpdir, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fy2006_in_both_languages),
        cmocka_unit_test(plastic_in_both_languages),
        cmocka_unit_test(same_input_same_bytes),
        cmocka_unit_test(title_and_text_are_escaped),
        cmocka_unit_test(stock_unknown_and_zero_flows),
        cmocka_unit_test(nothing_to_draw_is_einval),
        cmocka_unit_test(write_failure_is_eio),
        cmocka_unit_test(enomem_at_every_allocation),
        cmocka_unit_test(pictures_render),
        cmocka_unit_test(tangled_systems_draw),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
