/*
 * Fuzz target: the market's file reader (listings, grades, permits,
 * exclusions; CSV, or JSON when the input starts with '{'). What loads is
 * matched and the reports written (gap, allocations, what is left, the
 * municipality-company ranking); allocations must move something.
 */
#include <stdint.h>
#include <stdio.h>

#include <junkan/market.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jk_market *m = jk_market_new();
    jk_mkt_result *r = NULL;
    jk_mkt_opts o;
    jk_err err;
    const char *name = size && data[0] == '{' ? "fuzz.json" : "fuzz.csv";

    if (!m)
        return 0;
    if (jk_market_load_buffer(m, name, (const char *)data, size, &err) !=
        JK_OK) {
        if (err.msg[0] == '\0')
            __builtin_trap();
        jk_market_free(m);
        return 0;
    }
    jk_mkt_opts_init(&o);
    if (jk_market_n_listings(m) <= 200 &&
        jk_market_match(m, &o, &r, &err) == JK_OK) {
        FILE *devnull = fopen("/dev/null", "w");
        for (size_t i = 0; i < jk_mkt_n_allocs(r); i++) {
            const jk_mkt_alloc *a = jk_mkt_alloc_at(r, i);
            if (a->grams <= 0)
                __builtin_trap();
        }
        if (devnull) {
            jk_mkt_write_gap(m, r, JK_MKT_JSON, devnull, &err);
            jk_mkt_write_gap_svg(m, r, devnull, &err);
            jk_mkt_write_allocs(m, r, JK_MKT_CSV, devnull, &err);
            jk_mkt_write_rests(m, r, JK_MKT_TABLE, devnull, &err);
            {
                jk_mkt_weights w;
                jk_mkt_weights_init(&w);
                jk_market_write_ranking(m, &w, 3, JK_MKT_JSON, devnull, &err);
            }
            fclose(devnull);
        }
        jk_mkt_result_free(r);
    }
    jk_market_free(m);
    return 0;
}
