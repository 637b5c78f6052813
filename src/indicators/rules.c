/*
 * Recycled-content obligations as data (recycled-content-rules.csv):
 * which rules apply to a product's declared recycled content, and the
 * verdict on each.
 */
#include <math.h>
#include <string.h>

#include "core/embedded.h"
#include "indicators/ind_int.h"

const char *jk_rc_status_name(jk_rc_status s)
{
    static const char *const names[] = {"meets", "below", "report", "not_yet",
                                        "proposed"};
    return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

/* Is `item` one of the ';'-separated entries of `list`? */
static bool in_list(const char *list, const char *item)
{
    size_t n = strlen(item);
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, item, n) == 0)
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

/* Rule material "metal" covers claim material "metal.cobalt". */
static bool covers(const char *rule, const char *claim)
{
    size_t n = strlen(rule);
    return strncmp(rule, claim, n) == 0 && (claim[n] == 0 || claim[n] == '.');
}

static bool date_valid(const char *s)
{
    int i;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

typedef struct check_ctx {
    const jk_rc_claim *c;
    jk_rc_cb cb;
    void *ctx;
    int rc;
} check_ctx;

static int on_rule(void *ctx, const jk_csv_row *r)
{
    check_ctx *k = ctx;
    const jk_rc_claim *c = k->c;
    jk_rc_finding f;
    const char *min = jk_csv_get(r, "min_share");
    const char *kind = jk_csv_get(r, "kind");

    if (strcmp(jk_csv_get(r, "jurisdiction"), c->jurisdiction) != 0 ||
        !in_list(jk_csv_get(r, "scope"), c->scope) ||
        !covers(jk_csv_get(r, "material"), c->material))
        return JK_OK;
    memset(&f, 0, sizeof(f));
    f.product = c->product;
    f.rule = jk_csv_get(r, "id");
    f.instrument = jk_csv_get(r, "instrument");
    f.basis = jk_csv_get(r, "basis");
    f.effective = jk_csv_get(r, "effective_from");
    f.required = (double)NAN;
    if (*min && jk_parse_double(min, &f.required))
        f.required = (double)NAN;
    f.actual =
        strcmp(f.basis, "post_consumer") == 0 ? c->post_consumer : c->recycled;
    if (strcmp(jk_csv_get(r, "status"), "adopted") != 0 || !*f.effective)
        f.status = JK_RC_PROPOSED;
    else if (strcmp(c->date, f.effective) < 0)
        f.status = JK_RC_NOT_YET;
    else if (strcmp(kind, "report") == 0 || isnan(f.required))
        f.status = JK_RC_REPORT;
    else
        f.status = f.actual + 1e-12 >= f.required ? JK_RC_MEETS : JK_RC_BELOW;
    return k->cb(k->ctx, &f);
}

int jk_rc_check(const jk_rc_claim *c, jk_rc_cb cb, void *ctx, jk_err *err)
{
    check_ctx k = {c, cb, ctx, JK_OK};
    size_t len = 0;
    const char *csv = jk_embedded_find("recycled-content-rules.csv", &len);
    int rc;

    if (!c->jurisdiction || !*c->jurisdiction)
        return jk_err_set(err, JK_EPARSE, "jurisdiction", "required");
    if (!c->scope || !*c->scope)
        return jk_err_set(err, JK_EPARSE, "scope", "required");
    if (!c->material || !jk_material_code_valid(c->material))
        return jk_err_set(err, JK_EPARSE, "material",
                          "not a material code: \"%s\"",
                          c->material ? c->material : "");
    if (!(c->recycled >= 0 && c->recycled <= 1))
        return jk_err_set(err, JK_EPARSE, "recycled",
                          "must be a fraction between 0 and 1, got %g",
                          c->recycled);
    if (!(c->post_consumer >= 0 && c->post_consumer <= c->recycled + 1e-12))
        return jk_err_set(err, JK_EPARSE, "post_consumer",
                          "must be between 0 and the recycled share %g, got "
                          "%g",
                          c->recycled, c->post_consumer);
    if (!c->date || !date_valid(c->date))
        return jk_err_set(err, JK_EPARSE, "date",
                          "expected YYYY-MM-DD, got \"%s\"",
                          c->date ? c->date : "");
    if (!csv)
        return jk_err_set(err, JK_EINTERNAL, NULL, "rules not bundled");
    rc = jk_csv_read_mem("recycled-content-rules.csv", csv, len, on_rule, &k,
                         err);
    return rc == JK_ENOMEM ? jk_err_set(err, JK_ENOMEM, NULL, "out of memory")
                           : rc;
}

typedef struct file_ctx {
    const char *path;
    jk_rc_cb cb;
    void *ctx;
    jk_err *err;
} file_ctx;

static int on_claim(void *ctx, const jk_csv_row *r)
{
    file_ctx *fc = ctx;
    jk_rc_claim c;
    const char *rec = jk_csv_get(r, "recycled");
    const char *pc = jk_csv_get(r, "post_consumer");
    int rc = JK_OK;

    memset(&c, 0, sizeof(c));
    c.product = jk_csv_get(r, "product");
    c.jurisdiction = jk_csv_get(r, "jurisdiction");
    c.scope = jk_csv_get(r, "scope");
    c.material = jk_csv_get(r, "material");
    c.date = jk_csv_get(r, "date");
    if (jk_parse_double(rec, &c.recycled))
        rc = jk_err_set(fc->err, JK_EPARSE, "recycled",
                        "expected a fraction, got \"%s\"", rec);
    else if (!*pc)
        c.post_consumer = 0;
    else if (jk_parse_double(pc, &c.post_consumer))
        rc = jk_err_set(fc->err, JK_EPARSE, "post_consumer",
                        "expected a fraction, got \"%s\"", pc);
    if (rc == JK_OK)
        rc = jk_rc_check(&c, fc->cb, fc->ctx, fc->err);
    if (rc && rc != JK_ENOMEM) {
        char where[JK_ERR_WHERE], msg[JK_ERR_MSG];
        jk_snprintf(msg, sizeof(msg), "%s: %s", fc->err->where, fc->err->msg);
        jk_snprintf(where, sizeof(where), "%s:%ld", fc->path, jk_csv_line(r));
        rc = jk_err_set(fc->err, rc, where, "%s", msg);
    }
    return rc;
}

int jk_rc_check_file(const char *path, jk_rc_cb cb, void *ctx, jk_err *err)
{
    file_ctx fc = {path, cb, ctx, err};
    int rc = jk_csv_read(path, on_claim, &fc, true, err);
    return rc == JK_ENOMEM ? jk_err_set(err, JK_ENOMEM, NULL, "out of memory")
                           : rc;
}
