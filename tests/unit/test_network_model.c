/*
 * network: the hub model. A small hand-built model (distances given, no
 * coordinates) whose optimum is worked out by hand in the comments;
 * scenario changes, single-sourcing, size options, the carbon price,
 * infeasible models naming the constraint group, and bad input with
 * file:line: field messages.
 *
 * Base model: sources s1 (100 t plastic), s2 (50 t); hubs h1 (fixed 1000;
 * sizes small 100 t / 0, big 200 t / 500; handling 1 per t) and h2 (fixed
 * 300; small 60 t / 0); destinations d1 in Japan (200 t) and x1 in
 * Vietnam (100 t). Truck 2 per t-km, 0.1 kg CO2 per t-km; rail 3 per
 * t-km, 0.02 kg, only h1-d1. Distances (km): s1-h1 10, s1-h2 50, s2-h1
 * 10, s2-h2 5, h1-d1 10 (truck and rail), h2-d1 10, h1-x1 5.
 *
 * Optimum: h1 small + h2 (hubs 1300); s1 -> h1 100 t (20 + 1 per t =
 * 2100), s2 -> h2 50 t (10 per t = 500), h1 -> x1 100 t (10 per t =
 * 1000), h2 -> d1 50 t (20 per t = 1000): 5900. The alternative h1 big
 * alone: 1500 + 2100 + 50 x 21 + 100 x 10 + 50 x 20 = 6650.
 * CO2: t-km 1000 + 250 + 500 + 500 = 2250, x 0.1 kg = 0.225 t.
 */
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jk_test.h"
#include <junkan/network.h>

typedef struct file {
    const char *name, *text;
} file;

static const file base[] = {
    {"materials.csv", "code,name_ja,name_en\nplastic,廃プラスチック類,"
                      "plastics\nmetal.copper,銅,copper\n"},
    {"modes.csv", "mode,cost_per_tkm,co2_kg_per_tkm,detour\n"
                  "truck,2,0.1,1\nrail,3,0.02,1\n"},
    {"sites.csv", "id,kind,name_ja,name_en,lon,lat,country,modes\n"
                  "s1,source,発生源1,Source 1,,,,truck\n"
                  "s2,source,発生源2,Source 2,,,,truck\n"
                  "h1,hub,拠点1,Hub 1,,,,truck;rail\n"
                  "h2,hub,拠点2,Hub 2,,,,truck\n"
                  "d1,destination,需要先1,Plant 1,,,JP,truck;rail\n"
                  "x1,destination,輸出先,Export,,,VN,truck\n"},
    {"hubs.csv", "hub,fixed_cost,must\nh1,1000,\nh2,300,\n"},
    {"hub_sizes.csv", "hub,size,capacity_t,cost\nh1,small,100,0\n"
                      "h1,big,200,500\nh2,small,60,0\n"},
    {"handling.csv", "hub,material,cost_per_t\nh1,plastic,1\n"},
    {"supply.csv", "source,material,period,tonnes\ns1,plastic,FY2025,100\n"
                   "s2,plastic,FY2025,50\n"},
    {"demand.csv", "destination,material,period,tonnes\n"
                   "d1,plastic,FY2025,200\nx1,plastic,FY2025,100\n"},
    {"distances.csv", "from,to,mode,km\ns1,h1,truck,10\ns1,h2,truck,50\n"
                      "s2,h1,truck,10\ns2,h2,truck,5\nh1,d1,truck,10\n"
                      "h1,d1,rail,10\nh2,d1,truck,10\nh1,x1,truck,5\n"},
};

static char dir[512];

/* Write the base model into a fresh directory, with files replaced by
 * the overrides (text NULL: file removed). */
static const char *model_dir(const file *over, size_t nover)
{
    static int seq;
    size_t i, j;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/jk-net-model-%d-%d", tmp ? tmp : "/tmp",
             (int)getpid(), seq++);
    mkdir(dir, 0700);
    for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
        const char *text = base[i].text;
        char path[700];
        FILE *fp;
        for (j = 0; j < nover; j++)
            if (strcmp(over[j].name, base[i].name) == 0)
                text = over[j].text;
        snprintf(path, sizeof(path), "%s/%s", dir, base[i].name);
        remove(path);
        if (!text)
            continue;
        fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
    }
    for (j = 0; j < nover; j++) { /* files not in the base set */
        bool known = false;
        for (i = 0; i < sizeof(base) / sizeof(base[0]); i++)
            known |= strcmp(over[j].name, base[i].name) == 0;
        if (!known && over[j].text) {
            char path[700];
            FILE *fp;
            snprintf(path, sizeof(path), "%s/%s", dir, over[j].name);
            fp = fopen(path, "w");
            assert_non_null(fp);
            fputs(over[j].text, fp);
            fclose(fp);
        }
    }
    return dir;
}

static jk_net_model *load(const file *over, size_t nover)
{
    jk_net_model *m = NULL;
    jk_err err;
    if (jk_net_model_load(model_dir(over, nover), &m, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    return m;
}

static jk_net_plan *solve(jk_net_model *m)
{
    jk_net_plan *p = NULL;
    jk_err err;
    if (jk_net_model_solve(m, NULL, &p, &err) != JK_OK)
        fail_msg("%s: %s", err.where, err.msg);
    assert_int_equal(p->status, JK_NET_OPTIMAL);
    return p;
}

static const jk_net_hub_plan *hub(const jk_net_plan *p, const char *id)
{
    size_t i;
    for (i = 0; i < p->nhubs; i++)
        if (strcmp(p->hubs[i].id, id) == 0)
            return &p->hubs[i];
    fail_msg("no hub %s", id);
    return NULL;
}

static double tonnes(const jk_net_plan *p, const char *from, const char *to,
                     const char *mode)
{
    size_t i;
    double t = 0;
    for (i = 0; i < p->nflows; i++)
        if (strcmp(p->flows[i].from, from) == 0 &&
            strcmp(p->flows[i].to, to) == 0 &&
            (!mode || strcmp(p->flows[i].mode, mode) == 0))
            t += p->flows[i].tonnes;
    return t;
}

static void near_(double a, double b, const char *what, int line)
{
    if (!(fabs(a - b) < 1e-6 * (1 + fabs(b))))
        fail_msg("line %d: %s = %.9g, expected %.9g", line, what, a, b);
}
#define near(a, b) near_((a), (double)(b), #a, __LINE__)

static void base_optimum(void **state)
{
    jk_net_model *m = load(NULL, 0);
    jk_net_plan *p = solve(m);
    (void)state;
    near(p->objective, 5900);
    near(p->cost_total, 5900);
    near(p->cost_hubs, 1300);
    near(p->cost_handling, 100);
    near(p->cost_transport, 4500);
    near(p->co2_t, 0.225);
    near(p->tonnes_domestic, 50);
    near(p->tonnes_abroad, 100);
    assert_int_equal(p->hubs_open, 2);
    assert_true(hub(p, "h1")->open);
    assert_string_equal(hub(p, "h1")->size, "small");
    near(hub(p, "h1")->throughput, 100);
    near(hub(p, "h2")->capacity, 60);
    near(tonnes(p, "s1", "h1", "truck"), 100);
    near(tonnes(p, "s2", "h2", "truck"), 50);
    near(tonnes(p, "h1", "x1", "truck"), 100);
    near(tonnes(p, "h2", "d1", "truck"), 50);
    assert_int_equal(p->nflows, 4);
    jk_net_plan_free(p);
    jk_net_model_free(m);
}

static void scenarios(void **state)
{
    jk_net_model *m;
    jk_net_plan *p;
    jk_err err;
    (void)state;
    /* One hub: h1 must take the big size (6650, worked out above). */
    m = load(NULL, 0);
    assert_rc(jk_net_model_set(m, "max_hubs", "1", &err), JK_OK);
    p = solve(m);
    near(p->objective, 6650);
    assert_string_equal(hub(p, "h1")->size, "big");
    assert_false(hub(p, "h2")->open);
    jk_net_plan_free(p);
    jk_net_model_free(m);
    /* No plastic abroad: h1 -> d1 instead (20 per t): 6900, all domestic. */
    m = load(NULL, 0);
    assert_rc(jk_net_model_set(m, "export_ban", "plastic", &err), JK_OK);
    p = solve(m);
    near(p->objective, 6900);
    near(p->tonnes_domestic, 150);
    near(p->tonnes_abroad, 0);
    near(tonnes(p, "h1", "d1", "truck"), 100);
    jk_net_plan_free(p);
    /* A carbon price of 20,000 per t: truck h1-d1 costs 20 + 1 kg x 20 =
     * 40 per t, rail 30 + 0.2 kg x 20 = 34: rail. Cost 6900 - 2000
     * (truck) + 3000 (rail) = 7900. CO2: s1-h1 1000 t-km, s2-h2 250,
     * h2-d1 500 by truck (0.175 t) + h1-d1 rail 1000 x 0.02 kg (0.02 t)
     * = 0.195 t -> 3900. (h1 big alone, all by rail, emits 0.18 t but
     * costs 9150: better only above 1250 / 0.015 = 83,333 per t.) */
    assert_rc(jk_net_model_set(m, "carbon_price", "20000", &err), JK_OK);
    p = solve(m);
    near(tonnes(p, "h1", "d1", "rail"), 100);
    near(tonnes(p, "h1", "d1", "truck"), 0);
    near(p->co2_t, 0.195);
    near(p->cost_total, 7900);
    near(p->objective, 7900 + 0.195 * 20000);
    jk_net_plan_free(p);
    /* Demand grows: same plan (demand is only an upper bound). */
    assert_rc(jk_net_model_set(m, "demand_growth", "1.5", &err), JK_OK);
    assert_rc(jk_net_model_set(m, "carbon_price", "0", &err), JK_OK);
    p = solve(m);
    near(p->objective, 6900);
    jk_net_plan_free(p);
    /* h2 closed: h1 big alone with the ban: 1500 + 2100 + 1050 + 3000. */
    assert_rc(jk_net_model_set(m, "close_hub", "h2", &err), JK_OK);
    p = solve(m);
    near(p->objective, 7650);
    jk_net_plan_free(p);
    assert_rc(jk_net_model_set(m, "open_hub", "h9", &err), JK_EINVAL);
    assert_string_equal(err.msg, "open_hub: unknown hub \"h9\"");
    assert_rc(jk_net_model_set(m, "export_ban", "glass", &err), JK_EINVAL);
    assert_string_equal(err.msg, "export_ban: unknown material \"glass\"");
    assert_rc(jk_net_model_set(m, "carbon_price", "-1", &err), JK_EINVAL);
    assert_string_equal(err.msg, "carbon_price: expected a non-negative "
                                 "number, got \"-1\"");
    assert_rc(jk_net_model_set(m, "speed", "1", &err), JK_EINVAL);
    jk_net_model_free(m);
}

/*
 * Single-sourcing: s2 supplies 70 t, h1's small size holds 110 t (no
 * export: the ban). Splitting: h1 small + h2 (1300); s1 -> h1 2100;
 * s2: 60 t -> h2 (600) and 10 t -> h1 (210); out 170 x 20 = 3400: 7610.
 * Single-source: s2 cannot fit h2 (60 < 70), so all of it goes to h1,
 * which then needs the big size: 1500 + 2100 + 70 x 21 + 3400 = 8470.
 */
static void single_source(void **state)
{
    static const file over[] = {
        {"supply.csv", "source,material,period,tonnes\ns1,plastic,FY2025,"
                       "100\ns2,plastic,FY2025,70\n"},
        {"hub_sizes.csv", "hub,size,capacity_t,cost\nh1,small,110,0\n"
                          "h1,big,200,500\nh2,small,60,0\n"},
        {"params.csv", "key,value\nexport_ban,plastic\n"},
    };
    jk_net_model *m = load(over, 3);
    jk_net_plan *p = solve(m);
    jk_err err;
    (void)state;
    near(p->objective, 7610);
    near(tonnes(p, "s2", "h2", NULL), 60);
    near(tonnes(p, "s2", "h1", NULL), 10);
    jk_net_plan_free(p);
    assert_rc(jk_net_model_set(m, "single_source", "1", &err), JK_OK);
    p = solve(m);
    near(p->objective, 8470);
    near(tonnes(p, "s2", "h1", NULL), 70);
    assert_string_equal(hub(p, "h1")->size, "big");
    assert_false(hub(p, "h2")->open);
    jk_net_plan_free(p);
    jk_net_model_free(m);
}

static void expect_infeasible(const file *over, size_t n, const char *key,
                              const char *value, const char *msg)
{
    jk_net_model *m = load(over, n);
    jk_net_plan *p = NULL;
    jk_err err;
    if (key)
        assert_rc(jk_net_model_set(m, key, value, &err), JK_OK);
    assert_rc(jk_net_model_solve(m, NULL, &p, &err), JK_ECONSTRAINT);
    assert_null(p);
    assert_string_equal(err.where, dir);
    if (strcmp(err.msg, msg) != 0)
        fail_msg("got \"%s\", expected \"%s\"", err.msg, msg);
    jk_net_model_free(m);
}

static void infeasible(void **state)
{
    static const file small_demand[] = {
        {"demand.csv", "destination,material,period,tonnes\n"
                       "d1,plastic,FY2025,20\nx1,plastic,FY2025,100\n"}};
    (void)state;
    expect_infeasible(small_demand, 1, NULL, NULL,
                      "infeasible: demand: supply of plastic in FY2025 is "
                      "150 t but the destinations take only 120 t");
}

static void infeasible_groups(void **state)
{
    static const file small_demand[] = {
        {"demand.csv", "destination,material,period,tonnes\n"
                       "d1,plastic,FY2025,60\nx1,plastic,FY2025,100\n"}};
    (void)state;
    expect_infeasible(small_demand, 1, "export_ban", "plastic",
                      "infeasible: export-ban: supply of plastic in FY2025 "
                      "is 150 t but destinations in Japan take only 60 t");
    expect_infeasible(NULL, 0, "close_hub", "h1",
                      "infeasible: capacity: supply in FY2025 is 150 t but "
                      "the hubs not closed hold at most 60 t");
    expect_infeasible(NULL, 0, "budget", "100",
                      "infeasible: budget: no plan satisfies these "
                      "constraints; relaxing them alone makes the model "
                      "feasible");
    expect_infeasible(NULL, 0, "max_hubs", "0",
                      "infeasible: max-hubs: no plan satisfies these "
                      "constraints; relaxing them alone makes the model "
                      "feasible");
    expect_infeasible(NULL, 0, "co2_cap_t", "0.1",
                      "infeasible: co2-cap: no plan satisfies these "
                      "constraints; relaxing them alone makes the model "
                      "feasible");
}

static void expect_bad(const file *over, size_t n, const char *file_line,
                       const char *msg)
{
    jk_net_model *m = (jk_net_model *)&n;
    jk_err err;
    char where[700];
    int rc = jk_net_model_load(model_dir(over, n), &m, &err);
    assert_true(rc != JK_OK);
    assert_null(m);
    snprintf(where, sizeof(where), "%s/%s", dir, file_line);
    if (strcmp(err.where, where) != 0 || strcmp(err.msg, msg) != 0)
        fail_msg("got %s: %s\nexpected %s: %s", err.where, err.msg, where, msg);
}

static void bad_input(void **state)
{
    static const file negcap[] = {{"hub_sizes.csv",
                                   "hub,size,capacity_t,cost\nh1,small,100,0\n"
                                   "h1,big,-5,500\nh2,small,60,0\n"}};
    static const file nocoord[] = {
        {"sites.csv", "id,kind,name_ja,name_en,lon,lat,country,modes\n"
                      "s1,source,,,,,,truck\ns2,source,,,,,,truck\n"
                      "h1,hub,,,,,,truck;rail\nh2,hub,,,,,,truck\n"
                      "d1,destination,,,,,JP,truck;rail\n"
                      "x1,destination,,,,,VN,truck\n"
                      "s3,source,,,,,,truck\n"}};
    static const file halfcoord[] = {
        {"sites.csv", "id,kind,name_ja,name_en,lon,lat,country,modes\n"
                      "s1,source,,,139.7,,,truck\n"}};
    static const file unkmat[] = {
        {"supply.csv", "source,material,period,tonnes\ns1,plastic,FY2025,"
                       "100\ns2,glass,FY2025,50\n"}};
    static const file unkmode[] = {
        {"distances.csv", "from,to,mode,km\ns1,h1,ship,10\n"}};
    static const file badkind[] = {
        {"sites.csv", "id,kind,name_ja,name_en,lon,lat,country,modes\n"
                      "s1,port,,,,,,truck\n"}};
    static const file notsource[] = {
        {"supply.csv", "source,material,period,tonnes\nh1,plastic,FY2025,"
                       "100\n"}};
    static const file nosize[] = {
        {"hub_sizes.csv", "hub,size,capacity_t,cost\nh1,small,100,0\n"}};
    static const file badnum[] = {
        {"supply.csv", "source,material,period,tonnes\ns1,plastic,FY2025,"
                       "lots\n"}};
    static const file badparam[] = {{"params.csv", "key,value\nspeed,3\n"}};
    static const file nomodes[] = {{"modes.csv", NULL}};
    (void)state;
    expect_bad(negcap, 1, "hub_sizes.csv:3",
               "capacity_t: must not be negative, got -5");
    expect_bad(nocoord, 1, "sites.csv:8",
               "lon, lat: site \"s3\" has no coordinates and distances.csv "
               "gives no distance to any hub");
    expect_bad(halfcoord, 1, "sites.csv:2",
               "lat: missing value (give both lon and lat, or neither and "
               "distances.csv)");
    expect_bad(unkmat, 1, "supply.csv:3",
               "material: unknown material \"glass\" (not in "
               "materials.csv)");
    expect_bad(unkmode, 1, "distances.csv:2",
               "mode: unknown mode \"ship\" (not in modes.csv)");
    expect_bad(badkind, 1, "sites.csv:2",
               "kind: expected source, hub or destination, got \"port\"");
    expect_bad(notsource, 1, "supply.csv:2",
               "source: site \"h1\" is a hub, not a source");
    expect_bad(nosize, 1, "sites.csv:5",
               "id: hub \"h2\" has no size in hub_sizes.csv");
    expect_bad(badnum, 1, "supply.csv:2",
               "tonnes: expected a number, got \"lots\"");
    expect_bad(badparam, 1, "params.csv:2",
               "unknown parameter \"speed\" (carbon_price, max_hubs, budget, "
               "co2_cap_t, single_source, demand_growth, supply_growth, "
               "close_hub, open_hub, free_hub, export_ban)");
    {
        jk_net_model *m;
        jk_err err;
        assert_rc(jk_net_model_load(model_dir(nomodes, 1), &m, &err), JK_EIO);
        assert_null(m);
    }
}

/* Coordinates: s at 140E 35N, hub at 140E 36N, destination at 140E 37N:
 * one degree of a meridian is 6371 km x pi / 180 = 111.19492664 km,
 * times the truck's detour 1.25. */
static void great_circle_and_outputs(void **state)
{
    static const file over[] = {
        {"sites.csv", "id,kind,name_ja,name_en,lon,lat,country,modes\n"
                      "s1,source,発生源,Source,140,35,,\n"
                      "s2,source,発生源2,Source 2,140,35,,\n"
                      "h1,hub,拠点1,Hub <1>,140,36,,\n"
                      "h2,hub,拠点2,Hub 2,141,36,,\n"
                      "d1,destination,需要先,Plant,140,37,JP,\n"
                      "x1,destination,輸出先,Export,140,37,VN,\n"},
        {"modes.csv", "mode,cost_per_tkm,co2_kg_per_tkm,detour\n"
                      "truck,2,0.1,1.25\n"},
        {"distances.csv", NULL},
        {"hubs.csv", "hub,fixed_cost,must\nh1,1000,open\nh2,300,closed\n"},
        {"hub_sizes.csv", "hub,size,capacity_t,cost\nh1,big,200,0\n"
                          "h2,small,60,0\n"},
    };
    jk_net_model *m = load(over, 5);
    jk_net_plan *p = solve(m);
    jk_err err;
    double km = 6371.0 * 3.14159265358979323846 / 180 * 1.25;
    size_t i;
    char buf[65536];
    size_t n;
    FILE *fp;
    (void)state;
    for (i = 0; i < p->nflows; i++)
        near(p->flows[i].km, km);
    /* 150 t in and 150 t out, each leg km x 2 per t, + handling 150 +
     * fixed 1000 */
    near(p->objective, 1000 + 150 + 300 * km * 2);
    fp = tmpfile();
    assert_rc(jk_net_plan_write_svg(m, p, "ja", fp, &err), JK_OK);
    rewind(fp);
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_non_null(strstr(buf, "<svg xmlns="));
    assert_non_null(strstr(buf, "資源循環拠点ネットワーク計画"));
    assert_non_null(strstr(buf, ">拠点1</text>"));
    fp = tmpfile();
    assert_rc(jk_net_plan_write_svg(m, p, "en", fp, &err), JK_OK);
    rewind(fp);
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_non_null(strstr(buf, ">Hub &lt;1&gt;</text>"));
    assert_non_null(strstr(buf, "</svg>\n"));
    fp = tmpfile();
    assert_rc(jk_net_plan_write_json(p, fp, &err), JK_OK);
    rewind(fp);
    n = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_non_null(strstr(buf, "\"status\": \"optimal\""));
    assert_non_null(strstr(buf, "\"hubs_open\": 1"));
    jk_net_plan_free(p);
    jk_net_model_free(m);
}

/* The trade-off on the base model with the export ban. Truck plan: cost
 * 6900, CO2 0.275 t. Rail h1-d1 pays from 12,500 per t (20 + P x 1 kg =
 * 30 + P x 0.2 kg): 7900, 0.195 t. h1 big alone with rail: 9150, 0.18 t,
 * pays from 83,333 per t. Weighted sums with price_max 90,000 try 0,
 * 11,250, 22,500, 45,000, 90,000. */
static void frontier(void **state)
{
    static const file over[] = {{"params.csv", "key,value\nexport_ban,"
                                               "plastic\n"}};
    jk_net_model *m = load(over, 1);
    jk_net_point *pt;
    size_t n, i;
    jk_err err;
    (void)state;
    assert_rc(jk_net_model_frontier(m, NULL, JK_NET_WEIGHTED, 5, 90000, &pt, &n,
                                    &err),
              JK_OK);
    assert_int_equal(n, 5);
    near(pt[0].cost, 6900);
    near(pt[0].co2_t, 0.275);
    near(pt[0].weight, 0);
    near(pt[1].weight, 11250);
    near(pt[1].cost, 6900);
    near(pt[2].cost, 7900);
    near(pt[3].co2_t, 0.195);
    assert_string_equal(pt[3].hubs, "h1;h2");
    near(pt[4].weight, 90000);
    near(pt[4].cost, 9150);
    near(pt[4].co2_t, 0.18);
    assert_string_equal(pt[4].hubs, "h1");
    for (i = 1; i < n; i++)
        assert_true(pt[i].co2_t <= pt[i - 1].co2_t + 1e-9);
    jk_free(pt);
    assert_rc(
        jk_net_model_frontier(m, NULL, JK_NET_EPSILON, 3, 0, &pt, &n, &err),
        JK_OK);
    assert_int_equal(n, 3);
    near(pt[0].co2_t, 0.275);
    near(pt[0].cost, 6900);
    /* eps = 0.2275 t: the cheapest saving is rail on h1-d1, 0.8 kg per
     * t for 10 per t; 47.5 kg need 59.375 t on rail: 6900 + 593.75. The
     * least CO2 (0.18 t, at price 100,000) is h1 big alone: 9150. */
    near(pt[1].co2_cap, 0.2275 * (1 + 1e-9));
    near(pt[1].cost, 7493.75);
    near(pt[2].cost, 9150);
    assert_string_equal(pt[2].hubs, "h1");
    jk_free(pt);
    assert_rc(
        jk_net_model_frontier(m, NULL, JK_NET_EPSILON, 1, 0, &pt, &n, &err),
        JK_EINVAL);
    assert_string_equal(err.msg, "points: expected 2 to 50, got 1");
    jk_net_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base_optimum),
        cmocka_unit_test(scenarios),
        cmocka_unit_test(single_source),
        cmocka_unit_test(infeasible),
        cmocka_unit_test(infeasible_groups),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(great_circle_and_outputs),
        cmocka_unit_test(frontier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
