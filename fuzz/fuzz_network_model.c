/*
 * Fuzz target: the hub model reader. The first byte picks which CSV file
 * of a small valid model is replaced by the rest of the input; what
 * loads is solved.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
    "materials.csv", "modes.csv",    "sites.csv",  "hubs.csv",
    "hub_sizes.csv", "handling.csv", "supply.csv", "demand.csv",
    "distances.csv", "params.csv"};

static const char *const texts[] = {
    "code,name_ja,name_en\nplastic,プラ,plastics\n",
    "mode,cost_per_tkm,co2_kg_per_tkm,detour\ntruck,2,0.1,1.2\n",
    "id,kind,name_ja,name_en,lon,lat,country,modes\n"
    "s1,source,a,A,140,35,,\nh1,hub,b,B,140,36,,\n"
    "d1,destination,c,C,140,37,JP,\n",
    "hub,fixed_cost,must\nh1,100,\n",
    "hub,size,capacity_t,cost\nh1,s,100,0\n",
    "hub,material,cost_per_t\nh1,plastic,1\n",
    "source,material,period,tonnes\ns1,plastic,FY2025,10\n",
    "destination,material,period,tonnes\nd1,plastic,FY2025,20\n",
    "from,to,mode,km\ns1,h1,truck,10\n",
    "key,value\ncarbon_price,10\n"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[64], path[128];
    jk_net_model *m = NULL;
    jk_net_plan *p = NULL;
    jk_err err;
    size_t i, pick;

    if (size < 1)
        return 0;
    pick = data[0] % (sizeof(names) / sizeof(names[0]));
    snprintf(dir, sizeof(dir), "/tmp/jk-fuzz-net-%d", (int)getpid());
    mkdir(dir, 0700);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        FILE *fp;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        fp = fopen(path, "wb");
        if (!fp)
            return 0;
        if (i == pick)
            fwrite(data + 1, 1, size - 1, fp);
        else
            fputs(texts[i], fp);
        fclose(fp);
    }
    if (jk_net_model_load(dir, &m, &err) == JK_OK) {
        int rc = jk_net_model_solve(m, NULL, &p, &err);
        if (rc == JK_OK)
            jk_net_plan_free(p);
        else if (err.msg[0] == '\0')
            __builtin_trap();
        jk_net_model_free(m);
    } else if (err.msg[0] == '\0' || m != NULL) {
        __builtin_trap();
    }
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}
