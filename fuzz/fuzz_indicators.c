/*
 * Fuzz target: the indicators loader. The first byte picks the table the
 * rest of the input becomes (0 inflows.csv, 1 outflows.csv, 2 bom.csv
 * beside a one-product products.csv, 3 a JSON document); a fixed
 * company.csv completes the data set. What loads goes through every
 * framework, whose shares must lie in [0, 1] (or be NaN with a note),
 * and every failure must explain itself.
 */
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <junkan/junkan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(const char *path, const void *p, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return;
    fwrite(p, 1, n, fp);
    fclose(fp);
}

static void check(const jk_ind_set *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        const jk_ind_value *v = &s->v[i];
        if (isnan(v->value)) {
            if (v->note[0] == '\0' && v->unit != JK_IU_SCORE &&
                v->unit != JK_IU_RATIO)
                __builtin_trap();
            continue;
        }
        if (v->unit == JK_IU_SHARE &&
            (v->value < -1e-9 || v->value > 1 + 1e-9))
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"inflows.csv", "outflows.csv",
                                        "bom.csv", "data.json"};
    char dir[64], path[128], load[128];
    jk_ind_data *d = NULL;
    jk_err err;
    int sel, k;

    if (size < 1)
        return 0;
    sel = data[0] % 4;
    snprintf(dir, sizeof(dir), "/tmp/jk-fuzz-ind-%d", (int)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/company.csv", dir);
    put(path, "id,revenue\nacme,100\n", 20);
    snprintf(path, sizeof(path), "%s/products.csv", dir);
    if (sel == 2)
        put(path, "product\np\n", 10);
    else
        unlink(path);
    snprintf(path, sizeof(path), "%s/%s", dir, names[sel]);
    put(path, data + 1, size - 1);
    snprintf(load, sizeof(load), "%s", sel == 3 ? path : dir);
    if (jk_ind_load(load, &d, &err) == JK_OK) {
        jk_ind_opts o;
        jk_ind_opts_init(&o);
        for (k = 0; k < 4; k++) {
            jk_ind_set s;
            int rc = k == 0   ? jk_ind_cti(d, &o, &s, &err)
                     : k == 1 ? jk_ind_mci(d, &o, &s, &err)
                     : k == 2 ? jk_ind_iso59020(d, &o, &s, &err)
                              : jk_ind_esrs(d, &o, &s, &err);
            if (rc == JK_OK) {
                check(&s);
                jk_ind_set_free(&s);
            } else if (err.msg[0] == '\0') {
                __builtin_trap();
            }
        }
        jk_ind_data_free(d);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    unlink(path);
    snprintf(path, sizeof(path), "%s/company.csv", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/products.csv", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}
