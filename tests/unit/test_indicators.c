/*
 * Indicators: each framework on hand-worked cases written from the
 * definitions (docs/internals/indicators.md), every validation rule with
 * its failing case and message, the loaders (CSV directory and JSON),
 * emission factors and route shifts, recycled-content rules, and the
 * reports (JSON parsed back; XLSX and HTML checked by the CLI cases).
 */
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jk_test.h"

#include <jansson.h>
#include <junkan/indicators.h>

#define T(x) ((jk_mass)((x) * 1e6)) /* tonnes to grams */

static void assert_near(double got, double want, const char *what)
{
    if (!(fabs(got - want) <= 1e-9 * (1 + fabs(want))))
        fail_msg("%s = %.12g, expected %.12g", what, got, want);
}

static double val(const jk_ind_set *s, const char *id, const char *subject)
{
    const jk_ind_value *v = jk_ind_set_get(s, id, subject);
    if (!v)
        fail_msg("no value %s/%s in %s", id, subject, s->framework);
    return v->value;
}

static jk_ind_data *with_company(void)
{
    jk_ind_data *d = jk_ind_data_new();
    jk_ind_company c;
    jk_err err;
    assert_non_null(d);
    jk_ind_company_init(&c);
    c.id = "acme";
    c.name = "Acme";
    c.period = "FY2024";
    c.revenue = 1000;
    c.energy_mwh = 120;
    c.renewable_mwh = 30;
    c.water_in_m3 = 400;
    c.water_in_circ_m3 = 40;
    c.water_out_m3 = 350;
    c.water_out_circ_m3 = 300;
    assert_rc(jk_ind_set_company(d, &c, &err), JK_OK);
    return d;
}

static void add_in(jk_ind_data *d, const char *mat, double t, double rec,
                   double ren, bool critical)
{
    jk_ind_inflow x;
    jk_err err;
    memset(&x, 0, sizeof(x));
    x.material = mat;
    x.mass = T(t);
    x.recycled = rec;
    x.renewable = ren;
    x.critical = critical;
    assert_rc(jk_ind_add_inflow(d, &x, &err), JK_OK);
}

static void add_out(jk_ind_data *d, jk_ind_outkind kind, const char *mat,
                    double t, const char *route, double rp, bool haz)
{
    jk_ind_outflow y;
    jk_err err;
    memset(&y, 0, sizeof(y));
    y.stream = "s";
    y.kind = kind;
    y.material = mat;
    y.mass = T(t);
    y.route = route;
    y.recovery_potential = rp;
    y.recyclable = rp;
    y.hazardous = haz;
    if (jk_ind_add_outflow(d, &y, &err))
        fail_msg("%s: %s", err.where, err.msg);
}

/* ---- CTI ---- */

/* Inflows 100 t at 50 % recycled and 300 t with 20 % renewable; outflows
 * 100 t recycled and 100 t landfilled, both fully recoverable by design.
 * CI = (50 + 60) / 400 = 0.275; CO = 100 / 200 = 0.5; mass-weighted
 * circularity (400 x 0.275 + 200 x 0.5) / 600 = 0.35, while the simple
 * average is 0.3875. */
static void cti_mass_weighted_differs_from_simple(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    add_in(d, "plastic.pp", 100, 0.5, 0, false);
    add_in(d, "metal.copper", 300, 0, 0.2, true);
    add_out(d, JK_OUT_WASTE, "plastic", 100, "recycling", 1, false);
    add_out(d, JK_OUT_WASTE, "plastic", 100, "landfill", 1, false);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_cti(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "circular_inflow", ""), 0.275, "CI");
    assert_near(val(&s, "circular_outflow", ""), 0.5, "CO");
    assert_near(val(&s, "circularity", ""), 0.35, "circularity");
    assert_near(val(&s, "circularity_simple", ""), 0.3875, "simple");
    assert_near(val(&s, "renewable_energy", ""), 0.25, "RE");
    assert_near(val(&s, "critical_inflow", ""), 0.75, "critical");
    assert_near(val(&s, "linear_inflow", ""), 290, "linear");
    assert_near(val(&s, "material_productivity", ""), 1000.0 / 290,
                "productivity");
    assert_near(val(&s, "water_circularity", ""), 340.0 / 750, "water");
    assert_near(val(&s, "recovery_type", "recycling"), 1, "recovery type");
    assert_string_equal(s.version, "4.0");
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

/* Circular outflow multiplies potential by actual recovery: 100 t
 * recycled with a recovery potential of 0.4 counts 40 t; energy
 * recovery is not circular. */
static void cti_potential_times_actual(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    add_out(d, JK_OUT_PRODUCT, "plastic", 100, "recycling", 0.4, false);
    add_out(d, JK_OUT_WASTE, "plastic", 60, "reuse", 1, false);
    add_out(d, JK_OUT_WASTE, "plastic", 40, "incineration_power", 1, false);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_cti(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "circular_outflow", ""), 100.0 / 200, "CO");
    assert_near(val(&s, "recovery_type", "recycling"), 100.0 / 160, "rec");
    assert_near(val(&s, "recovery_type", "reuse"), 60.0 / 160, "reuse");
    /* no inflows: NAN with a reason */
    assert_true(isnan(val(&s, "circular_inflow", "")));
    assert_string_equal(jk_ind_set_get(&s, "circular_inflow", "")->note,
                        "no inflows");
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

/* ---- MCI ---- */

static void add_product(jk_ind_data *d, const char *id, double units,
                        double revenue, double life, double life_av)
{
    jk_ind_product p;
    jk_err err;
    memset(&p, 0, sizeof(p));
    p.id = id;
    p.name = id;
    p.units = units;
    p.revenue = revenue;
    p.lifetime = life;
    p.industry_lifetime = life_av;
    p.intensity = p.industry_intensity = p.reparability = (double)NAN;
    assert_rc(jk_ind_add_product(d, &p, &err), JK_OK);
}

static void add_bom(jk_ind_data *d, const char *product, const char *mat,
                    double kg, double fr, double ef, double cr, double ec)
{
    jk_ind_bom b;
    jk_err err;
    memset(&b, 0, sizeof(b));
    b.product = product;
    b.material = mat;
    b.mass = (jk_mass)(kg * 1000);
    b.fr = fr;
    b.ef = ef;
    b.cr = cr;
    b.ec = ec;
    if (jk_ind_add_bom(d, &b, &err))
        fail_msg("%s: %s", err.where, err.msg);
}

/* All virgin, all landfilled, average utility: LFI 1, MCI 0.1. */
static void mci_fully_linear(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_mci_parts p;
    jk_err err;
    (void)state;
    add_product(d, "lin", 10, 100, 10, 10);
    add_bom(d, "lin", "metal.iron", 10, 0, (double)NAN, 0, (double)NAN);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_mci_product(d, "lin", &o, &p, &err), JK_OK);
    assert_near(p.lfi, 1, "LFI");
    assert_near(p.mci, 0.1, "MCI");
    o.lfi = JK_LFI_2M;
    assert_rc(jk_ind_mci_product(d, "lin", &o, &p, &err), JK_OK);
    assert_near(p.mci, 0.1, "MCI 2M");
    jk_ind_data_free(d);
}

/* Utility 0.5 (half the industry lifetime): F(X) = 1.8, 1 - 1.8 < 0,
 * clipped at 0 with a note. */
static void mci_utility_below_one_clips(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    add_product(d, "short", 10, 100, 5, 10);
    add_bom(d, "short", "metal.iron", 10, 0, (double)NAN, 0, (double)NAN);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_mci(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "utility", "short"), 0.5, "X");
    assert_near(val(&s, "mci", "short"), 0, "MCI");
    assert_non_null(strstr(jk_ind_set_get(&s, "mci", "short")->note,
                           "clipped at 0 (1 - LFI x F(X) = -0.800)"));
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

/* Two materials, worked by hand (kg per unit):
 *   iron 6 kg: F_R 0.5 (E_F 0.8), C_R 0.5 (E_C 0.9)
 *   PP   4 kg: F_R 0,             C_R 0.25 (E_C 1)
 *   V  = 6 x 0.5 + 4 x 1              = 7
 *   W0 = 6 x 0.5 + 4 x 0.75           = 6
 *   WF = 6 x 0.2 x 0.5 / 0.8          = 0.75
 *   WC = 6 x 0.1 x 0.5 + 4 x 0 x 0.25 = 0.3
 *   W  = 6 + (0.75 + 0.3) / 2         = 6.525
 *   LFI(2015) = 13.525 / (20 + 0.225) ; LFI(2M) = 13.525 / 20 */
static void mci_multi_material_both_forms(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_mci_parts p;
    jk_err err;
    (void)state;
    add_product(d, "p", 10, 300, (double)NAN, (double)NAN);
    add_bom(d, "p", "metal.iron", 6, 0.5, 0.8, 0.5, 0.9);
    add_bom(d, "p", "plastic.pp", 4, 0, (double)NAN, 0.25, 1);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_mci_product(d, "p", &o, &p, &err), JK_OK);
    assert_near(p.v, 7, "V");
    assert_near(p.w0, 6, "W0");
    assert_near(p.wf, 0.75, "WF");
    assert_near(p.wc, 0.3, "WC");
    assert_near(p.w, 6.525, "W");
    assert_near(p.lfi, 13.525 / 20.225, "LFI 2015");
    assert_near(p.mci, 1 - 0.9 * 13.525 / 20.225, "MCI 2015");
    o.lfi = JK_LFI_2M;
    assert_rc(jk_ind_mci_product(d, "p", &o, &p, &err), JK_OK);
    assert_near(p.lfi, 13.525 / 20, "LFI 2M");
    assert_near(p.mci, 1 - 0.9 * 13.525 / 20, "MCI 2M");
    jk_ind_data_free(d);
}

/* Company MCI: p (MCI a, revenue 300, 10 units of 10 kg) and a fully
 * linear q (MCI 0.1, revenue 100, 100 units of 10 kg). */
static void mci_company_by_revenue_and_mass(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    double a = 1 - 0.9 * 13.525 / 20.225;
    (void)state;
    add_product(d, "p", 10, 300, (double)NAN, (double)NAN);
    add_bom(d, "p", "metal.iron", 6, 0.5, 0.8, 0.5, 0.9);
    add_bom(d, "p", "plastic.pp", 4, 0, (double)NAN, 0.25, 1);
    add_product(d, "q", 100, 100, (double)NAN, (double)NAN);
    add_bom(d, "q", "metal.iron", 10, 0, (double)NAN, 0, (double)NAN);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_mci(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "mci", "p"), a, "MCI p");
    assert_near(val(&s, "mci_company", ""), (300 * a + 100 * 0.1) / 400,
                "by revenue");
    jk_ind_set_free(&s);
    o.mci_weight = JK_MCI_BY_MASS;
    assert_rc(jk_ind_mci(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "mci_company", ""), (0.1 * a + 1.0 * 0.1) / 1.1,
                "by mass");
    assert_non_null(strstr(s.options, "company weight=mass"));
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

/* ---- ISO 59020 and ESRS ---- */

static jk_ind_data *waste_case(void)
{
    jk_ind_data *d = with_company();
    jk_ind_inflow x;
    jk_err err;
    memset(&x, 0, sizeof(x));
    x.material = "paper.cardboard";
    x.mass = T(200);
    x.recycled = 0.5;
    x.reused = 0.1;
    x.renewable = 0.4;
    x.biological = 1;
    x.bio_sustainable = 0.75;
    assert_rc(jk_ind_add_inflow(d, &x, &err), JK_OK);
    add_in(d, "metal.iron", 800, 0.25, 0, false);
    add_out(d, JK_OUT_WASTE, "wood.pallet", 100, "reuse", 1, false);
    add_out(d, JK_OUT_WASTE, "metal.iron.scrap", 200, "recycling", 1, true);
    add_out(d, JK_OUT_WASTE, "plastic", 50, "incineration_power", 0, false);
    add_out(d, JK_OUT_WASTE, "plastic", 30, "landfill", 0, false);
    add_out(d, JK_OUT_WASTE, "ash", 20, "export", 0, false);
    add_out(d, JK_OUT_PRODUCT, "metal.iron", 500, "unknown", 0.8, false);
    add_out(d, JK_OUT_PACKAGING, "paper.cardboard", 100, "recycling", 1,
            false);
    return d;
}

static void iso59020_core_set(void **state)
{
    jk_ind_data *d = waste_case();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_iso59020(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "inflow_reused", ""), 20.0 / 1000, "reused");
    assert_near(val(&s, "inflow_recycled", ""), 300.0 / 1000, "recycled");
    assert_near(val(&s, "inflow_renewable", ""), 80.0 / 1000, "renewable");
    assert_near(val(&s, "outflow_reused", ""), 100.0 / 1000, "out reused");
    assert_near(val(&s, "outflow_recycled", ""), 300.0 / 1000, "out rec");
    assert_near(val(&s, "outflow_potential", ""), (300 + 400 + 100) / 1000.0,
                "potential");
    assert_string_equal(s.version, "2024");
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

/* Waste 400 t: 100 reuse, 200 recycling (hazardous), 50 incineration
 * with energy recovery, 30 landfill, 20 export (other disposal). */
static void esrs_waste_datapoints_and_readings(void **state)
{
    jk_ind_data *d = waste_case();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_esrs(d, &o, &s, &err), JK_OK);
    assert_string_equal(s.version, "ESRS_2023_2772");
    assert_near(val(&s, "31a", ""), 1000, "31a");
    assert_near(val(&s, "31b", ""), 0.75, "31b");
    assert_near(val(&s, "31c_t", ""), 320, "31c t");
    assert_near(val(&s, "31c_pct", ""), 0.32, "31c pct");
    assert_near(val(&s, "36c_products", ""), 0.8, "36c products");
    assert_near(val(&s, "36c_packaging", ""), 1, "36c packaging");
    assert_near(val(&s, "37a", ""), 400, "37a");
    assert_near(val(&s, "37b", ""), 300, "37b");
    assert_near(val(&s, "37b_haz", ""), 200, "37b haz");
    assert_near(val(&s, "37b_i", ""), 100, "37b i");
    assert_near(val(&s, "37b_ii", "hazardous"), 200, "37b ii haz");
    assert_near(val(&s, "37b_iii", ""), 0, "37b iii");
    assert_near(val(&s, "37c", ""), 100, "37c");
    assert_near(val(&s, "37c_i", ""), 50, "37c i");
    assert_near(val(&s, "37c_ii", ""), 30, "37c ii");
    assert_near(val(&s, "37c_iii", ""), 20, "37c iii");
    assert_near(val(&s, "37d_t", ""), 100, "37d");
    assert_near(val(&s, "37d_pct", ""), 0.25, "37d pct");
    assert_near(val(&s, "37_identity", ""), 1, "identity");
    assert_near(val(&s, "38", "metal"), 200, "38 metal");
    assert_near(val(&s, "38", "plastic"), 80, "38 plastic");
    assert_near(val(&s, "39_hazardous", ""), 200, "39");
    jk_ind_set_free(&s);

    /* Energy recovery as other recovery: the two readings of 37(d)
     * differ (generated - reused - recycled = 100; disposal = 50). */
    o.energy_recovery = JK_ER_RECOVERY;
    assert_rc(jk_ind_esrs(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "37b_iii", ""), 50, "37b iii");
    assert_near(val(&s, "37c", ""), 50, "37c");
    assert_near(val(&s, "37d_t", ""), 100, "37d not recycled");
    jk_ind_set_free(&s);
    o.non_recycled = JK_NR_DISPOSAL;
    assert_rc(jk_ind_esrs(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "37d_t", ""), 50, "37d disposal");
    assert_near(val(&s, "37d_pct", ""), 0.125, "37d pct disposal");
    assert_non_null(strstr(s.options, "non_recycled=disposal"));
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

static void esrs_identity_against_reported_total(void **state)
{
    jk_ind_data *d = jk_ind_data_new();
    jk_ind_company c;
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    jk_ind_company_init(&c);
    c.id = "acme";
    c.waste_reported = T(401);
    assert_rc(jk_ind_set_company(d, &c, &err), JK_OK);
    add_out(d, JK_OUT_WASTE, "plastic", 400, "landfill", 0, false);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_esrs(d, &o, &s, &err), JK_OK);
    assert_near(val(&s, "37_identity", ""), 0, "identity");
    assert_string_equal(jk_ind_set_get(&s, "37_identity", "")->note,
                        "reported total 401.000000 t != 400.000000 t in the "
                        "waste rows");
    jk_ind_set_free(&s);
    jk_ind_data_free(d);
}

static void esrs_unknown_version(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_opts o;
    jk_ind_set s;
    jk_err err;
    (void)state;
    jk_ind_opts_init(&o);
    o.esrs_version = "ESRS_2026_draft";
    assert_rc(jk_ind_esrs(d, &o, &s, &err), JK_EINVAL);
    assert_string_equal(err.msg, "unknown ESRS version \"ESRS_2026_draft\"; "
                                 "bundled: ESRS_2023_2772");
    assert_string_equal(jk_ind_esrs_versions(), "ESRS_2023_2772");
    jk_ind_data_free(d);
}

/* ---- validation ---- */

typedef struct bad_case {
    const char *table;   /* file in the data set */
    const char *content; /* its CSV */
    const char *want;    /* "where: msg" */
} bad_case;

static const char company_csv[] = "id,name,period\nacme,Acme,FY2024\n";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void bad_input_messages(void **state)
{
    static const bad_case cases[] = {
        {"inflows.csv", "material,mass,recycled\nplastic,10 t,1.2\n",
         "inflows.csv:2: recycled: must be a fraction between 0 and 1, got "
         "1.2"},
        {"inflows.csv", "material,mass\nplastic,-3 t\n",
         "inflows.csv:2: mass: must not be negative"},
        {"inflows.csv", "material,mass\nunobtainium,3 t\n",
         "inflows.csv:2: material: unknown material code \"unobtainium\" "
         "(see `junkan show materials`)"},
        {"inflows.csv",
         "material,mass,recycled,renewable\nplastic,1 t,0.6,0.5\n",
         "inflows.csv:2: renewable: reused + recycled + renewable = 1.1 "
         "exceeds 1 (renewable counts the virgin part only)"},
        {"inflows.csv",
         "material,mass,biological,bio_sustainable\nwood,1 t,0.5,0.7\n",
         "inflows.csv:2: bio_sustainable: 0.7 exceeds the biological share "
         "0.5"},
        {"inflows.csv", "material,mass,recyled\nplastic,1 t,0.5\n",
         "inflows.csv:2: recyled: unknown column"},
        {"inflows.csv", "material,mass,critical\nplastic,1 t,maybe\n",
         "inflows.csv:2: critical: expected yes or no, got \"maybe\""},
        {"inflows.csv", "material,mass\nplastic\n",
         "inflows.csv:2: mass: required"},
        {"inflows.csv", "material,mass,recycled\nplastic,1 t,\"0,5\"\n",
         "inflows.csv:2: recycled: expected a fraction (0.25) or a "
         "percentage (25%), got \"0,5\""},
        {"outflows.csv", "stream,kind,material,mass,route\nx,waste,plastic,1 "
                         "t,sale\n",
         "outflows.csv:2: route: \"sale\" is not a treatment route; use one "
         "of reuse, recycling, chemical_recycling, composting, biogas, "
         "solid_fuel, incineration_power, incineration_heat, incineration, "
         "reduction, landfill, export, dissipative, return, unknown"},
        {"outflows.csv", "stream,kind,material,mass,route\nx,scrap,plastic,1 "
                         "t,landfill\n",
         "outflows.csv:2: kind: expected product, packaging, byproduct or "
         "waste, got \"scrap\""},
        {"outflows.csv",
         "stream,kind,material,mass,route,recovery_potential\nx,waste,"
         "plastic,1 t,landfill,150%\n",
         "outflows.csv:2: recovery_potential: must be a fraction between 0 "
         "and 1, got 1.5"},
        {"products.csv", "product,lifetime\np,10\n",
         "products.csv:2: industry_lifetime: give lifetime and "
         "industry_lifetime together"},
        {"products.csv", "product,lifetime,industry_lifetime\np,0,5\n",
         "products.csv:2: lifetime: must be > 0"},
        {"bom.csv", "product,material,mass\nghost,plastic,1 kg\n",
         "bom.csv:2: product: unknown product \"ghost\" (not in products)"},
        {"products.csv", "product\np\n",
         "DIR: bom: product \"p\" has no material rows"},
        {"targets.csv", "indicator,value\ncircular_inflow,0.3\n",
         "targets.csv:2: indicator: expected framework.id "
         "(\"cti.circular_inflow\"), got \"circular_inflow\""},
        {"company.csv", "id,name\n,Acme\n", "company.csv:2: id: required"},
        {"company.csv", "id,energy_mwh,renewable_mwh\nacme,10,20\n",
         "company.csv:2: renewable_mwh: 20 exceeds the total energy_mwh 10"},
    };
    char dir[512], path[600], want[1024], line[1024];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        jk_ind_data *d = NULL;
        jk_err err;
        int rc;
        const char *w;
        jk_snprintf(dir, sizeof(dir), "%s/jk-ind-bad-%zu-%d",
                    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", i,
                    (int)getpid());
        mkdir(dir, 0755);
        jk_snprintf(path, sizeof(path), "%s/company.csv", dir);
        write_file(path, company_csv);
        jk_snprintf(path, sizeof(path), "%s/%s", dir, cases[i].table);
        write_file(path, cases[i].content);
        if (strcmp(cases[i].table, "bom.csv") == 0) {
            jk_snprintf(path, sizeof(path), "%s/products.csv", dir);
            write_file(path, "product\np\n");
        }
        rc = jk_ind_load(dir, &d, &err);
        if (rc == JK_OK)
            fail_msg("case %zu (%s) loaded", i, cases[i].table);
        assert_null(d);
        /* messages name the file by its path in the data set */
        if (strncmp(cases[i].want, "DIR", 3) == 0)
            jk_snprintf(want, sizeof(want), "%s%s", dir, cases[i].want + 3);
        else
            jk_snprintf(want, sizeof(want), "%s/%s", dir, cases[i].want);
        w = jk_err_line(&err, line, sizeof(line));
        if (strcmp(w, want) != 0)
            fail_msg("case %zu:\n got  %s\n want %s", i, w, want);
        assert_int_equal(rc, JK_EPARSE);
    }
}

static void bom_efficiency_rules(void **state)
{
    jk_ind_data *d = with_company();
    jk_ind_bom b;
    jk_err err;
    (void)state;
    add_product(d, "p", 1, 1, (double)NAN, (double)NAN);
    memset(&b, 0, sizeof(b));
    b.product = "p";
    b.material = "plastic";
    b.mass = 1000;
    b.fr = 0.5;
    b.ef = (double)NAN;
    b.ec = (double)NAN;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_EPARSE);
    assert_string_equal(err.where, "ef");
    b.ef = 0;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_EPARSE);
    b.ef = 0.9;
    b.cr = 0.5;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_EPARSE);
    assert_string_equal(err.where, "ec");
    b.ec = 0.8;
    b.cu = 0.6;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_EPARSE);
    assert_string_equal(err.msg, "cr + cu + cc + ce = 1.1 exceeds 1");
    b.cu = 0;
    b.fu = 0.3;
    b.fs = 0.3;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_EPARSE);
    assert_string_equal(err.msg, "fr + fu + fs = 1.1 exceeds 1");
    b.fs = 0;
    assert_rc(jk_ind_add_bom(d, &b, &err), JK_OK);
    jk_ind_data_free(d);
}

/* ---- loaders: the demo company as CSV and the same as JSON ---- */

static void demo_csv_and_json_agree(void **state)
{
    char dir[512], json[512];
    jk_ind_data *a = NULL, *b = NULL;
    jk_ind_opts o;
    jk_ind_set sa, sb;
    jk_err err;
    size_t i;
    (void)state;
    jk_snprintf(dir, sizeof(dir), "%s/data/demo/company", JK_SOURCE_DIR);
    jk_test_path("indicators/demo-company.json", json, sizeof(json));
    if (jk_ind_load(dir, &a, &err))
        fail_msg("%s: %s", err.where, err.msg);
    if (jk_ind_load(json, &b, &err))
        fail_msg("%s: %s", err.where, err.msg);
    assert_int_equal(jk_ind_n_inflows(a), 7);
    assert_int_equal(jk_ind_n_outflows(a), 11);
    assert_int_equal(jk_ind_n_products(a), 2);
    assert_int_equal(jk_ind_n_inflows(b), jk_ind_n_inflows(a));
    assert_int_equal(jk_ind_n_outflows(b), jk_ind_n_outflows(a));
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_esrs(a, &o, &sa, &err), JK_OK);
    assert_rc(jk_ind_esrs(b, &o, &sb, &err), JK_OK);
    assert_int_equal(sa.n, sb.n);
    for (i = 0; i < sa.n; i++)
        if (!(isnan(sa.v[i].value) && isnan(sb.v[i].value)))
            assert_near(sb.v[i].value, sa.v[i].value, sa.v[i].id);
    /* the reported total matches the waste rows */
    assert_near(val(&sa, "37_identity", ""), 1, "identity");
    assert_near(val(&sa, "37a", ""), 1490, "37a");
    jk_ind_set_free(&sa);
    jk_ind_set_free(&sb);
    jk_ind_data_free(a);
    jk_ind_data_free(b);
}

static void json_errors_name_the_path(void **state)
{
    char path[512], line[1024];
    jk_ind_data *d = NULL;
    jk_err err;
    (void)state;
    jk_snprintf(path, sizeof(path), "%s/jk-ind-%d.json",
                getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    write_file(path, "{\"company\": {\"id\": \"a\"}, \"inflows\": [{\"material\":"
                     " \"plastic\", \"mass\": \"1 t\"}, {\"material\": "
                     "\"plastic\", \"mass\": \"1 t\", \"recycled\": 2}]}");
    assert_rc(jk_ind_load(path, &d, &err), JK_EPARSE);
    assert_non_null(strstr(jk_err_line(&err, line, sizeof(line)),
                           ".json:$.inflows[1]: recycled: must be a fraction "
                           "between 0 and 1, got 2"));
    write_file(path, "{\"company\": {\"id\": \"a\"}, \"outflow\": []}");
    assert_rc(jk_ind_load(path, &d, &err), JK_EPARSE);
    assert_non_null(strstr(err.msg, "unknown key"));
    write_file(path, "{\"inflows\": []}");
    assert_rc(jk_ind_load(path, &d, &err), JK_EPARSE);
    assert_non_null(strstr(err.msg, "company: missing"));
    write_file(path, "{\"company\": ");
    assert_rc(jk_ind_load(path, &d, &err), JK_EPARSE);
    unlink(path);
}

/* ---- GHG ---- */

static void ghg_factors_and_shift(void **state)
{
    jk_ghg_table *t = NULL;
    jk_ghg_factor f;
    jk_ghg_shift sh;
    jk_err err;
    char path[512];
    (void)state;
    assert_rc(jk_ghg_bundled(&t, &err), JK_OK);
    /* published Japanese factor through the parent */
    assert_rc(jk_ghg_factor_for(t, "plastic.pet", "incineration", "JP", &f,
                                &err),
              JK_OK);
    assert_near(f.kg_per_t, 2770, "JP plastics");
    assert_false(f.derived);
    assert_string_equal(f.region, "JP");
    /* elsewhere: derived from the carbon content of PET: 0.625 x 44/12 */
    assert_rc(jk_ghg_factor_for(t, "plastic.pet", "incineration", "EU", &f,
                                &err),
              JK_OK);
    assert_near(f.kg_per_t, 1000 * 0.625 * 44 / 12, "PET derived");
    assert_true(f.derived);
    /* landfill of food: DOC 0.15 x 0.5 x 1 x 0.5 x 16/12 x 0.9 x 28 */
    assert_rc(jk_ghg_factor_for(t, "food.household", "landfill", "JP", &f,
                                &err),
              JK_OK);
    assert_near(f.kg_per_t, 1000 * 0.15 * 0.5 * 0.5 * 16 / 12 * 0.9 * 28,
                "food landfill");
    /* moving 400 t of food waste from landfill to composting */
    assert_rc(jk_ghg_shift_effect(t, "food", T(400), "landfill", "composting",
                                  "JP", &sh, &err),
              JK_OK);
    assert_near(sh.delta_t, 400 * (191.5 - 1260.0) / 1000, "shift");
    /* no factor: a clear error */
    assert_rc(jk_ghg_factor_for(t, "plastic", "recycling", "JP", &f, &err),
              JK_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no emission factor for plastic by "
                                    "recycling; give one with --factors"));
    /* a user file replaces the bundled factor; a bad one loads nothing */
    jk_test_path("indicators/factors-user.csv", path, sizeof(path));
    assert_rc(jk_ghg_load(t, path, &err), JK_OK);
    assert_rc(jk_ghg_factor_for(t, "plastic", "incineration", "JP", &f,
                                &err),
              JK_OK);
    assert_near(f.kg_per_t, 2500, "user factor");
    assert_rc(jk_ghg_factor_for(t, "plastic", "recycling", "JP", &f, &err),
              JK_OK);
    jk_test_path("indicators/factors-bad.csv", path, sizeof(path));
    assert_rc(jk_ghg_load(t, path, &err), JK_EPARSE);
    assert_non_null(strstr(err.where, "factors-bad.csv:3"));
    assert_string_equal(err.msg, "kg_co2e_per_t: expected a number, got "
                                 "\"2,5\"");
    assert_rc(jk_ghg_shift_effect(t, "plastic", -1, "landfill", "recycling",
                                  "JP", &sh, &err),
              JK_EPARSE);
    jk_ghg_free(t);
}

/* ---- recycled-content rules ---- */

typedef struct found {
    char rule[8][32];
    jk_rc_status st[8];
    int n;
} found;

static int on_finding(void *ctx, const jk_rc_finding *f)
{
    found *x = ctx;
    if (x->n < 8) {
        jk_strlcpy(x->rule[x->n], f->rule, sizeof(x->rule[0]));
        x->st[x->n++] = f->status;
    }
    return 0;
}

static void rules_verdicts(void **state)
{
    jk_rc_claim c;
    found x;
    jk_err err;
    (void)state;
    memset(&c, 0, sizeof(c));
    c.product = "pack";
    c.jurisdiction = "EU";
    c.scope = "battery.ev";
    c.material = "metal.cobalt";
    c.recycled = 0.12;
    c.post_consumer = 0.05;
    c.date = "2031-09-01";
    memset(&x, 0, sizeof(x));
    assert_rc(jk_rc_check(&c, on_finding, &x, &err), JK_OK);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.rule[0], "eu-bat-doc-2028");
    assert_int_equal(x.st[0], JK_RC_REPORT);
    assert_string_equal(x.rule[1], "eu-bat-co-2031");
    assert_int_equal(x.st[1], JK_RC_BELOW);
    assert_string_equal(x.rule[2], "eu-bat-co-2036");
    assert_int_equal(x.st[2], JK_RC_NOT_YET);
    c.recycled = 0.16;
    memset(&x, 0, sizeof(x));
    assert_rc(jk_rc_check(&c, on_finding, &x, &err), JK_OK);
    assert_int_equal(x.st[1], JK_RC_MEETS);
    /* post-consumer basis (PPWR) and a proposal (ELV) */
    c.scope = "vehicle";
    c.material = "plastic.pp";
    memset(&x, 0, sizeof(x));
    assert_rc(jk_rc_check(&c, on_finding, &x, &err), JK_OK);
    assert_int_equal(x.n, 1);
    assert_int_equal(x.st[0], JK_RC_PROPOSED);
    /* validation */
    c.date = "2031-9-1";
    assert_rc(jk_rc_check(&c, on_finding, &x, &err), JK_EPARSE);
    assert_string_equal(err.msg, "expected YYYY-MM-DD, got \"2031-9-1\"");
    c.date = "2031-09-01";
    c.post_consumer = 0.5;
    assert_rc(jk_rc_check(&c, on_finding, &x, &err), JK_EPARSE);
    assert_string_equal(err.where, "post_consumer");
}

/* ---- reports ---- */

static void json_report_round_trip(void **state)
{
    char dir[512], path[512];
    jk_ind_data *d = NULL;
    jk_ind_opts o;
    jk_ind_set s[2];
    const jk_ind_set *p[2] = {&s[0], &s[1]};
    json_t *doc, *fw, *v = NULL;
    json_error_t je;
    jk_err err;
    FILE *fp;
    size_t i;
    (void)state;
    jk_snprintf(dir, sizeof(dir), "%s/data/demo/company", JK_SOURCE_DIR);
    assert_rc(jk_ind_load(dir, &d, &err), JK_OK);
    jk_ind_opts_init(&o);
    assert_rc(jk_ind_cti(d, &o, &s[0], &err), JK_OK);
    assert_rc(jk_ind_mci(d, &o, &s[1], &err), JK_OK);
    jk_snprintf(path, sizeof(path), "%s/jk-ind-report-%d.json",
                getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    fp = fopen(path, "w");
    assert_non_null(fp);
    assert_rc(jk_ind_write_json(p, 2, d, fp, &err), JK_OK);
    fclose(fp);
    doc = json_load_file(path, 0, &je);
    assert_non_null(doc);
    assert_string_equal(
        json_string_value(json_object_get(doc, "data_source")), dir);
    fw = json_array_get(json_object_get(doc, "frameworks"), 0);
    assert_string_equal(json_string_value(json_object_get(fw, "framework")),
                        "CTI");
    assert_string_equal(json_string_value(json_object_get(fw, "version")),
                        "4.0");
    for (i = 0; i < json_array_size(json_object_get(fw, "values")); i++) {
        v = json_array_get(json_object_get(fw, "values"), i);
        if (strcmp(json_string_value(json_object_get(v, "id")),
                   "circular_inflow") == 0)
            break;
    }
    assert_near(json_real_value(json_object_get(v, "value")),
                val(&s[0], "circular_inflow", ""), "JSON CI");
    assert_near(json_real_value(json_object_get(v, "target")), 0.35,
                "JSON target");
    assert_string_equal(json_string_value(json_object_get(v, "unit")),
                        "share");
    json_decref(doc);
    unlink(path);
    jk_ind_set_free(&s[0]);
    jk_ind_set_free(&s[1]);
    jk_ind_data_free(d);
}

/* Every allocation of a load and the four frameworks may fail: the
 * result is JK_ENOMEM and nothing leaks (ASan checks the leaks). */
static void allocation_failures(void **state)
{
    char dir[512];
    long n;
    (void)state;
    jk_snprintf(dir, sizeof(dir), "%s/data/demo/company", JK_SOURCE_DIR);
    for (n = 1; n < 2000; n++) {
        jk_ind_data *d = NULL;
        jk_ind_opts o;
        jk_ind_set s;
        jk_err err;
        int rc;
        jk_ind_opts_init(&o);
        jk_alloc_fail_nth(n);
        rc = jk_ind_load(dir, &d, &err);
        if (rc == JK_OK) {
            rc = jk_ind_cti(d, &o, &s, &err);
            if (!rc) {
                jk_ind_set_free(&s);
                rc = jk_ind_mci(d, &o, &s, &err);
            }
            if (!rc) {
                jk_ind_set_free(&s);
                rc = jk_ind_esrs(d, &o, &s, &err);
            }
            if (!rc)
                jk_ind_set_free(&s);
            jk_ind_data_free(d);
        }
        if (!jk_alloc_failed()) {
            jk_alloc_fail_nth(0);
            assert_rc(rc, JK_OK);
            break;
        }
        jk_alloc_fail_nth(0);
        if (rc != JK_ENOMEM)
            fail_msg("allocation %ld failed: got %s (%s: %s)", n,
                     jk_status_name(rc), err.where, err.msg);
    }
    assert_true(n > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cti_mass_weighted_differs_from_simple),
        cmocka_unit_test(cti_potential_times_actual),
        cmocka_unit_test(mci_fully_linear),
        cmocka_unit_test(mci_utility_below_one_clips),
        cmocka_unit_test(mci_multi_material_both_forms),
        cmocka_unit_test(mci_company_by_revenue_and_mass),
        cmocka_unit_test(iso59020_core_set),
        cmocka_unit_test(esrs_waste_datapoints_and_readings),
        cmocka_unit_test(esrs_identity_against_reported_total),
        cmocka_unit_test(esrs_unknown_version),
        cmocka_unit_test(bad_input_messages),
        cmocka_unit_test(bom_efficiency_rules),
        cmocka_unit_test(demo_csv_and_json_agree),
        cmocka_unit_test(json_errors_name_the_path),
        cmocka_unit_test(ghg_factors_and_shift),
        cmocka_unit_test(rules_verdicts),
        cmocka_unit_test(json_report_round_trip),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
