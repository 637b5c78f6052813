/*
 * Fuzz target: the diagnosis reference data. The input is cut at lines
 * "=====" into peer_types.csv, ghg_factors.csv, params.csv and
 * measures.csv in a fresh directory; what loads drives a national run,
 * the measures and the HTML report of a small fixed municipality.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <junkan/diagnosis.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char muni[] =
    "{\"profiles\": [{\"fiscal_year\": 2022, \"muni_code\": \"01001\", "
    "\"muni_name\": \"x\", \"city_class\": \"市\", \"pop_total\": 100000, "
    "\"emp_secondary_pct\": 30, \"emp_tertiary_pct\": 60, "
    "\"landfill_remaining_m3\": 9000}],"
    "\"flows\": [{\"muni_code\": \"01001\", \"fraction\": "
    "\"combustible_mixed\", \"source\": \"household_collected\", \"route\": "
    "\"direct_incineration\", \"tonnes\": 30000, \"residue_landfilled_t\": "
    "3000}, {\"muni_code\": \"01001\", \"fraction\": \"pet\", \"source\": "
    "\"household_collected\", \"route\": \"sorting_then_recycling\", "
    "\"tonnes\": 600, \"recycled_output_t\": 500}, {\"muni_code\": "
    "\"01001\", \"fraction\": \"bulky\", \"source\": \"direct_haul\", "
    "\"route\": \"direct_landfill\", \"tonnes\": 100}],"
    "\"composition\": [{\"muni_code\": \"01001\", "
    "\"plastic_rubber_leather_dry_pct\": 100, \"moisture_pct\": 40, "
    "\"power_generated_mwh\": 9000}],"
    "\"residual\": [{\"muni_code\": \"01001\", \"fraction\": \"pet\", "
    "\"wet_pct\": 10}, {\"muni_code\": \"01001\", \"fraction\": \"food\", "
    "\"wet_pct\": 90}],"
    "\"costs\": [{\"muni_code\": \"01001\", \"intermediate_treatment\": 9000, "
    "\"final_disposal\": 100}]}";

static void put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    FILE *fp;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if ((fp = fopen(path, "wb"))) {
        fwrite(p, 1, n, fp);
        fclose(fp);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[4] = {"peer_types.csv", "ghg_factors.csv",
                                         "params.csv", "measures.csv"};
    static const char sep[] = "=====\n";
    char dir[64], path[128];
    const uint8_t *p = data, *end = data + size;
    jk_dg_ref *ref = NULL;
    jk_err err;
    int k;

    snprintf(dir, sizeof(dir), "/tmp/jk-fuzz-dg-ref-%d", (int)getpid());
    mkdir(dir, 0700);
    for (k = 0; k < 4; k++) {
        const uint8_t *q = p;
        while (q < end && (size_t)(end - q) >= sizeof(sep) - 1 &&
               memcmp(q, sep, sizeof(sep) - 1) != 0)
            q++;
        if ((size_t)(end - q) < sizeof(sep) - 1)
            q = end;
        put(dir, names[k], p, (size_t)(q - p));
        p = q < end ? q + sizeof(sep) - 1 : end;
    }
    put(dir, "muni.json", (const uint8_t *)muni, sizeof(muni) - 1);
    if (jk_dg_ref_load(dir, &ref, &err) == JK_OK) {
        jk_dg_data *d = NULL;
        jk_dg_national *n = NULL;
        jk_dg_plan *plan = NULL;
        snprintf(path, sizeof(path), "%s/muni.json", dir);
        if (jk_dg_data_load(path, &d, &err) != JK_OK ||
            jk_dg_national_new(d, ref, NULL, &n, &err) != JK_OK ||
            jk_dg_plan_new(n, 0, ref, &plan, &err) != JK_OK)
            __builtin_trap();
        {
            FILE *fp = fopen("/dev/null", "w");
            if (fp) {
                jk_dg_report_html(n, 0, plan, "en", fp, &err);
                fclose(fp);
            }
        }
        jk_dg_plan_free(plan);
        jk_dg_national_free(n);
        jk_dg_data_free(d);
        jk_dg_ref_free(ref);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    for (k = 0; k < 4; k++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/muni.json", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}
