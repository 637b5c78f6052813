/*
 * The MOE per-plant incineration survey (一般廃棄物処理実態調査,
 * 施設整備状況・焼却施設), one CSV per fiscal year. Columns are found by
 * name: each field has patterns (every substring must occur in the
 * header), because the header text changes between years (FY2014
 * "処理能力 (t/日)" vs later "施設全体の処理能力 (t/日)"; full-width vs
 * half-width kana in the plastics class; 乾ベース in the composition
 * block from FY2016; no 売電量 before FY2018). Rows are kept as they are and
 * flagged.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagnosis/dg_int.h"

enum {
    F_PREF,
    F_CODE,
    F_BODY,
    F_FCODE,
    F_NAME,
    F_THROUGHPUT,
    F_CAPACITY,
    F_START,
    F_GEN,
    F_SOLD,
    F_COMP0, /* JK_MOE_NCOMP composition columns */
    F_MOISTURE = F_COMP0 + JK_MOE_NCOMP,
    F_ASH,
    F_LHV,
    F_LHV_MEASURED,
    F_COUNT
};

typedef struct field_spec {
    const char *label; /* for messages */
    bool required;
    const char *pat[3][3]; /* alternatives × substrings (NULL-ended) */
} field_spec;

/* The composition block is "ごみ組成分析結果" (FY2014) or
 * "ごみ組成分析結果（乾ベース）" (later); both contain the first. */
static const field_spec specs[F_COUNT] = {
    [F_PREF] = {"都道府県名", false, {{"都道府県名"}}},
    [F_CODE] = {"地方公共団体コード", true, {{"地方公共団体コード"}}},
    [F_BODY] = {"地方公共団体名", true, {{"地方公共団体名"}}},
    [F_FCODE] = {"施設コード", false, {{"施設コード"}}},
    [F_NAME] = {"施設名称", true, {{"施設名称"}}},
    [F_THROUGHPUT] = {"年間処理量", true, {{"年間処理量"}}},
    [F_CAPACITY] = {"処理能力 (t/日)", false, {{"処理能力", "t/日"}}},
    [F_START] = {"使用開始年度", false, {{"使用開始年度"}}},
    [F_GEN] = {"総発電量（実績値）", true, {{"総発電量"}}},
    [F_SOLD] = {"売電量", false, {{"売電量"}}},
    [F_COMP0 + JK_MOE_PAPER_CLOTH] = {"紙・布類",
                                      true,
                                      {{"ごみ組成分析結果", "紙・布類"}}},
    [F_COMP0 + JK_MOE_PLASTIC] = {"ビニール、合成樹脂、ゴム、皮革類",
                                  true,
                                  {{"ごみ組成分析結果", "合成樹脂"}}},
    [F_COMP0 + JK_MOE_WOOD] = {"木、竹、わら類",
                               true,
                               {{"ごみ組成分析結果", "木、竹、わら類"}}},
    [F_COMP0 + JK_MOE_KITCHEN] = {"ちゅう芥類",
                                  true,
                                  {{"ごみ組成分析結果", "ちゅう芥類"}}},
    [F_COMP0 + JK_MOE_INCOMBUSTIBLE] = {"不燃物類",
                                        true,
                                        {{"ごみ組成分析結果", "不燃物類"}}},
    [F_COMP0 +
        JK_MOE_OTHER] = {"その他", false, {{"ごみ組成分析結果", "|その他"}}},
    [F_MOISTURE] = {"三成分|水分", true, {{"三成分", "水分"}}},
    [F_ASH] = {"三成分|灰分", false, {{"三成分", "灰分"}}},
    [F_LHV] = {"低位発熱量 計算値", false, {{"低位発熱量", "計算値"}}},
    [F_LHV_MEASURED] = {"低位発熱量 実測値", false, {{"低位発熱量", "実測値"}}},
};

static bool header_matches(const char *h, const char *const pat[3])
{
    int k;
    if (!pat[0])
        return false;
    for (k = 0; k < 3 && pat[k]; k++)
        if (!strstr(h, pat[k]))
            return false;
    return true;
}

/* A numeric cell: NaN for the survey's blanks; *bad when other text. */
static double moe_num(const char *s, bool *bad)
{
    char buf[128];
    double v;
    jk_strlcpy(buf, s, sizeof(buf));
    jk_str_trim(buf);
    if (buf[0] == '\0' || strcmp(buf, "-") == 0 || strcmp(buf, "－") == 0 ||
        strcmp(buf, "―") == 0 || strcmp(buf, "不明") == 0 ||
        strcmp(buf, "未実施") == 0)
        return (double)NAN;
    if (jk_parse_double(buf, &v) == JK_OK && isfinite(v))
        return v;
    *bad = true;
    return (double)NAN;
}

void jk_moe_opts_init(jk_moe_opts *o)
{
    o->max_mwh_per_t = 1.5;
}

typedef struct moe_priv {
    dg_table *t;
} moe_priv;

void jk_moe_free(jk_moe_plants *p)
{
    if (!p)
        return;
    if (p->priv) {
        dg_table_free(((moe_priv *)p->priv)->t);
        jk_free(p->priv);
    }
    jk_free(p->plant);
    jk_free(p);
}

static int year_from_name(const char *name)
{
    const char *s = strstr(name, "fy");
    int y = 0, i;
    if (!s)
        return 0;
    for (i = 2; i < 6; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y;
}

static void flag_row(jk_moe_plant *pl, double max_mwh_per_t)
{
    double sum = 0;
    int k, present = 0;
    if (!(pl->throughput_t > 0))
        pl->flags |= JK_MOE_FLAG_NO_THROUGHPUT;
    if (pl->gen_mwh > 0 && (!(pl->throughput_t > 0) ||
                            pl->gen_mwh / pl->throughput_t > max_mwh_per_t))
        pl->flags |= JK_MOE_FLAG_GEN_PER_T;
    for (k = 0; k < JK_MOE_NCOMP; k++)
        if (!isnan(pl->comp_dry_pct[k])) {
            sum += pl->comp_dry_pct[k];
            present++;
        }
    /* All blank or all zero: not reported, not suspicious. */
    if (present > 0 && sum > 0 && fabs(sum - 100.0) > 2.0)
        pl->flags |= JK_MOE_FLAG_COMPOSITION;
}

int jk_moe_load_buffer(const char *name, const char *data, size_t len,
                       int fiscal_year, const jk_moe_opts *o,
                       jk_moe_plants **out, jk_err *err)
{
    jk_moe_opts dflt;
    jk_moe_plants *p = NULL;
    moe_priv *priv = NULL;
    dg_table *t = NULL;
    int col[F_COUNT];
    size_t i, r;
    int f, a, rc;

    *out = NULL;
    if (!o) {
        jk_moe_opts_init(&dflt);
        o = &dflt;
    }
    if ((rc = dg_csv_parse(name, data, len, &t, err)))
        return rc;
    for (f = 0; f < F_COUNT; f++) {
        col[f] = -1;
        for (a = 0; a < 3 && col[f] < 0; a++)
            for (i = 0; i < t->ncol; i++)
                if (header_matches(t->head[i], specs[f].pat[a])) {
                    col[f] = (int)i;
                    break;
                }
        if (col[f] < 0 && specs[f].required) {
            char where[JK_ERR_WHERE];
            jk_snprintf(where, sizeof(where), "%s:1", name);
            rc = jk_err_set(err, JK_EPARSE, where,
                            "%s: no column with this name in the header",
                            specs[f].label);
            goto fail;
        }
    }
    p = jk_calloc(1, sizeof(*p));
    priv = jk_calloc(1, sizeof(*priv));
    if (!p || !priv ||
        !(p->plant = jk_calloc(t->nrow ? t->nrow : 1, sizeof(*p->plant)))) {
        rc = jk_err_set(err, JK_ENOMEM, name, "out of memory");
        goto fail;
    }
    priv->t = t;
    p->priv = priv;
    p->file = t->file;
    p->fiscal_year = fiscal_year ? fiscal_year : year_from_name(name);
    p->n = t->nrow;
    for (r = 0; r < t->nrow; r++) {
        jk_moe_plant *pl = &p->plant[r];
        bool bad = false;
        int k;
        pl->line = t->row[r].line;
        pl->pref = dg_cell(t, r, col[F_PREF]);
        pl->body_code = dg_cell(t, r, col[F_CODE]);
        pl->body_name = dg_cell(t, r, col[F_BODY]);
        pl->facility_code = dg_cell(t, r, col[F_FCODE]);
        pl->name = dg_cell(t, r, col[F_NAME]);
        pl->throughput_t = moe_num(dg_cell(t, r, col[F_THROUGHPUT]), &bad);
        pl->capacity_tpd = moe_num(dg_cell(t, r, col[F_CAPACITY]), &bad);
        pl->start_year = moe_num(dg_cell(t, r, col[F_START]), &bad);
        pl->gen_mwh = moe_num(dg_cell(t, r, col[F_GEN]), &bad);
        pl->sold_mwh = col[F_SOLD] < 0
                           ? (double)NAN
                           : moe_num(dg_cell(t, r, col[F_SOLD]), &bad);
        for (k = 0; k < JK_MOE_NCOMP; k++)
            pl->comp_dry_pct[k] =
                col[F_COMP0 + k] < 0
                    ? (double)NAN
                    : moe_num(dg_cell(t, r, col[F_COMP0 + k]), &bad);
        pl->moisture_pct = moe_num(dg_cell(t, r, col[F_MOISTURE]), &bad);
        pl->ash_pct = moe_num(dg_cell(t, r, col[F_ASH]), &bad);
        /* The measured LHV when reported (> 0), else the calculated. */
        pl->lhv_kj_kg = moe_num(dg_cell(t, r, col[F_LHV_MEASURED]), &bad);
        if (!(pl->lhv_kj_kg > 0))
            pl->lhv_kj_kg = moe_num(dg_cell(t, r, col[F_LHV]), &bad);
        if (!(pl->lhv_kj_kg > 0))
            pl->lhv_kj_kg = (double)NAN;
        if (bad)
            pl->flags |= JK_MOE_FLAG_BAD_NUMBER;
        flag_row(pl, o->max_mwh_per_t);
    }
    *out = p;
    return JK_OK;
fail:
    if (p)
        p->priv = NULL;
    jk_moe_free(p);
    jk_free(priv);
    dg_table_free(t);
    return rc;
}

int jk_moe_load(const char *path, int fiscal_year, const jk_moe_opts *o,
                jk_moe_plants **out, jk_err *err)
{
    char *data;
    size_t len;
    int rc;
    const char *base = strrchr(path, '/');

    *out = NULL;
    if ((rc = dg_read_file(path, &data, &len, err)))
        return rc;
    rc = jk_moe_load_buffer(path, data, len,
                            fiscal_year ? fiscal_year
                                        : year_from_name(base ? base : path),
                            o, out, err);
    jk_free(data);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Type-7 quantile of sorted x[0..n-1]. */
static double quantile(const double *x, size_t n, double q)
{
    double h, lo;
    size_t i;
    if (n == 0)
        return (double)NAN;
    h = (double)(n - 1) * q;
    lo = floor(h);
    i = (size_t)lo;
    if (i + 1 >= n)
        return x[n - 1];
    return x[i] + (h - lo) * (x[i + 1] - x[i]);
}

void jk_moe_summarise(const jk_moe_plants *p, jk_moe_summary *s)
{
    double wpl = 0, wmo = 0, *kwh;
    size_t i, nk = 0;

    memset(s, 0, sizeof(*s));
    s->rows = p->n;
    kwh = jk_malloc((p->n ? p->n : 1) * sizeof(*kwh));
    for (i = 0; i < p->n; i++) {
        const jk_moe_plant *pl = &p->plant[i];
        double t = pl->throughput_t > 0 ? pl->throughput_t : 0;
        if (pl->flags)
            s->flagged++;
        if (pl->flags & JK_MOE_FLAG_GEN_PER_T)
            s->flagged_gen++;
        s->throughput_t += t;
        if (pl->gen_mwh > 0) {
            s->with_gen++;
            s->gen_mwh += pl->gen_mwh;
            if (!(pl->flags & JK_MOE_FLAG_GEN_PER_T)) {
                s->gen_mwh_clean += pl->gen_mwh;
                if (kwh)
                    kwh[nk++] = pl->gen_mwh * 1000.0 / pl->throughput_t;
            }
        }
        if (t > 0 && !isnan(pl->comp_dry_pct[JK_MOE_PLASTIC])) {
            s->plastic_dry_pct_w += t * pl->comp_dry_pct[JK_MOE_PLASTIC];
            wpl += t;
        }
        if (t > 0 && !isnan(pl->moisture_pct)) {
            s->moisture_pct_w += t * pl->moisture_pct;
            wmo += t;
        }
    }
    s->plastic_dry_pct_w = wpl > 0 ? s->plastic_dry_pct_w / wpl : (double)NAN;
    s->moisture_pct_w = wmo > 0 ? s->moisture_pct_w / wmo : (double)NAN;
    if (kwh) {
        qsort(kwh, nk, sizeof(*kwh), cmp_double);
        s->kwh_per_t_p25 = quantile(kwh, nk, 0.25);
        s->kwh_per_t_p50 = quantile(kwh, nk, 0.5);
        s->kwh_per_t_p75 = quantile(kwh, nk, 0.75);
        jk_free(kwh);
    } else {
        s->kwh_per_t_p25 = s->kwh_per_t_p50 = s->kwh_per_t_p75 = (double)NAN;
    }
}

int jk_moe_bands(const jk_moe_plants *p, double plastic_ef, jk_moe_band *out,
                 jk_err *err)
{
    static const char *const names[JK_MOE_NBANDS] = {"<100", "100-300",
                                                     "300-600", ">=600", "all"};
    static const double lo[JK_MOE_NBANDS] = {0, 100, 300, 600, 0};
    static const double hi[JK_MOE_NBANDS] = {100, 300, 600, 1e300, 1e300};
    double *kwh = jk_malloc((p->n + 1) * sizeof(double));
    double *pl = jk_malloc((p->n + 1) * sizeof(double));
    double *fo = jk_malloc((p->n + 1) * sizeof(double));
    size_t b, i;

    if (isnan(plastic_ef))
        plastic_ef = 2.75;
    if (!kwh || !pl || !fo) {
        jk_free(kwh);
        jk_free(pl);
        jk_free(fo);
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    }
    for (b = 0; b < JK_MOE_NBANDS; b++) {
        size_t nk = 0, np = 0, nf = 0;
        for (i = 0; i < p->n; i++) {
            const jk_moe_plant *x = &p->plant[i];
            double cap = x->capacity_tpd, plastic;
            if (!(x->throughput_t > 0) || (x->flags & JK_MOE_FLAG_GEN_PER_T))
                continue;
            if (b < JK_MOE_NBANDS - 1 && !(cap >= lo[b] && cap < hi[b]))
                continue;
            if (x->gen_mwh > 0)
                kwh[nk++] = x->gen_mwh * 1000.0 / x->throughput_t;
            plastic = x->comp_dry_pct[JK_MOE_PLASTIC];
            if (!isnan(plastic) && plastic >= 0 && plastic <= 100) {
                pl[np++] = plastic;
                if (!isnan(x->moisture_pct) && x->moisture_pct >= 0 &&
                    x->moisture_pct <= 100)
                    fo[nf++] = (1.0 - x->moisture_pct / 100.0) * plastic /
                               100.0 * plastic_ef * 1000.0;
            }
        }
        out[b].band = names[b];
        jk_dg_stats_of(kwh, nk, &out[b].kwh_per_t);
        jk_dg_stats_of(pl, np, &out[b].plastic_dry_pct);
        jk_dg_stats_of(fo, nf, &out[b].fossil_kg_per_t);
    }
    jk_free(kwh);
    jk_free(pl);
    jk_free(fo);
    return JK_OK;
}

static int cmp_body(const void *a, const void *b)
{
    const jk_moe_plant *x = *(const jk_moe_plant *const *)a;
    const jk_moe_plant *y = *(const jk_moe_plant *const *)b;
    int c = strcmp(x->body_code, y->body_code);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

static void put_num(FILE *out, double v, bool last)
{
    if (isnan(v))
        fputs(last ? "\n" : ",", out);
    else
        fprintf(out, last ? "%.10g\n" : "%.10g,", v);
}

int jk_moe_prefill(const jk_moe_plants *p, const jk_dg_data *only, FILE *out,
                   jk_err *err)
{
    const jk_moe_plant **idx = jk_malloc((p->n + 1) * sizeof(*idx));
    size_t i, j, k;

    if (!idx)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (i = 0; i < p->n; i++)
        idx[i] = &p->plant[i];
    qsort(idx, p->n, sizeof(*idx), cmp_body);
    fputs("muni_code,paper_cloth_dry_pct,plastic_rubber_leather_dry_pct,"
          "wood_dry_pct,kitchen_dry_pct,incombustible_dry_pct,other_dry_pct,"
          "moisture_pct,ash_pct,lhv_kj_per_kg,power_generated_mwh,"
          "power_sold_mwh\n",
          out);
    for (i = 0; i < p->n; i = j) {
        const char *code = idx[i]->body_code;
        double wc = 0, comp[JK_MOE_NCOMP] = {0}, wm = 0, mo = 0, wa = 0,
               ash = 0, wl = 0, lhv = 0, gen = 0, sold = 0;
        bool any_sold = false;
        for (j = i; j < p->n && strcmp(idx[j]->body_code, code) == 0; j++) {
            const jk_moe_plant *pl = idx[j];
            double t = pl->throughput_t;
            bool comp_ok = true;
            if (pl->gen_mwh > 0 && !(pl->flags & JK_MOE_FLAG_GEN_PER_T)) {
                gen += pl->gen_mwh;
                if (pl->sold_mwh > 0)
                    sold += pl->sold_mwh;
                any_sold = any_sold || !isnan(pl->sold_mwh);
            }
            if (!(t > 0))
                continue;
            for (k = 0; k < JK_MOE_OTHER; k++) /* the five always asked */
                if (isnan(pl->comp_dry_pct[k]))
                    comp_ok = false;
            if (comp_ok && !(pl->flags & JK_MOE_FLAG_COMPOSITION)) {
                for (k = 0; k < JK_MOE_NCOMP; k++)
                    comp[k] +=
                        t *
                        (isnan(pl->comp_dry_pct[k]) ? 0 : pl->comp_dry_pct[k]);
                wc += t;
            }
            if (!isnan(pl->moisture_pct)) {
                mo += t * pl->moisture_pct;
                wm += t;
            }
            if (!isnan(pl->ash_pct)) {
                ash += t * pl->ash_pct;
                wa += t;
            }
            if (!isnan(pl->lhv_kj_kg)) {
                lhv += t * pl->lhv_kj_kg;
                wl += t;
            }
        }
        if (strlen(code) != 5 || (only && !jk_dg_data_find(only, code)))
            continue;
        fprintf(out, "%s,", code);
        if (wc > 0) {
            /* Rescale to exactly 100 so that the loader's check passes. */
            double sum = 0;
            for (k = 0; k < JK_MOE_NCOMP; k++)
                sum += comp[k];
            for (k = 0; k < JK_MOE_NCOMP; k++)
                put_num(out, comp[k] / sum * 100.0, false);
        } else {
            fputs(",,,,,,", out);
        }
        put_num(out, wm > 0 ? mo / wm : (double)NAN, false);
        put_num(out, wa > 0 ? ash / wa : (double)NAN, false);
        put_num(out, wl > 0 ? lhv / wl : (double)NAN, false);
        put_num(out, gen, false);
        put_num(out, any_sold ? sold : (double)NAN, true);
    }
    jk_free(idx);
    if (ferror(out))
        return jk_err_set(err, JK_EIO, NULL, "write failed");
    return JK_OK;
}
