/*
 * The event checks: every entry type's fields and the invariants of
 * docs/internals/ledger.md (I5-I21), each named in its error. A handler
 * checks everything first and only then changes the state, so that a
 * rejected entry leaves the state as it was.
 */
#include <string.h>

#include "ledger/ledger_int.h"

__extension__ typedef __int128 i128;

#define PPM 1000000

/* ---- field access ---- */

static bool id_ok(const char *s)
{
    size_t n = strlen(s), i;
    if (n == 0 || n > 512 || !jk_utf8_valid(s, n))
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < ' ' || s[i] == ' ')
            return false;
    return true;
}

/* A required string (an id when id is true: no spaces, <= 512 bytes). */
static int str_req(lg_ctx *c, json_t *o, const char *key, const char *path,
                   bool id, const char **out)
{
    json_t *v = json_object_get(o, key);
    const char *s = json_string_value(v);
    *out = NULL;
    if (!v)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path, "missing");
    if (!s || !*s || (id && !id_ok(s)) || strlen(s) > 4096)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       id ? "expected an identifier (1 to 512 bytes, no "
                            "spaces)"
                          : "expected a non-empty string");
    *out = s;
    return JK_OK;
}

/* An optional string: NULL when absent. */
static int str_opt(lg_ctx *c, json_t *o, const char *key, const char *path,
                   bool id, const char **out)
{
    *out = NULL;
    if (!json_object_get(o, key))
        return JK_OK;
    return str_req(c, o, key, path, id, out);
}

/* Integer grams from "<key>_g" (normalised at input from "<key>"). */
static int mass_req(lg_ctx *c, json_t *o, const char *key, const char *path,
                    bool positive, jk_mass *out)
{
    char gkey[64];
    json_t *v;
    jk_snprintf(gkey, sizeof(gkey), "%s_g", key);
    v = json_object_get(o, gkey);
    if (!v)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path, "missing");
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        (positive && json_integer_value(v) == 0))
        return lg_fail(c, JK_ECONSTRAINT, "I10", path,
                       "expected %s integer grams",
                       positive ? "positive" : "non-negative");
    *out = (jk_mass)json_integer_value(v);
    return JK_OK;
}

static int int_req(lg_ctx *c, json_t *o, const char *key, const char *path,
                   int64_t lo, int64_t hi, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path, "missing");
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       "expected an integer %lld..%lld", (long long)lo,
                       (long long)hi);
    *out = json_integer_value(v);
    return JK_OK;
}

static int arr_req(lg_ctx *c, json_t *o, const char *key, const char *path,
                   bool nonempty, json_t **out)
{
    json_t *v = json_object_get(o, key);
    *out = v;
    if (!v && !nonempty) {
        *out = NULL;
        return JK_OK;
    }
    if (!json_is_array(v))
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       v ? "expected an array" : "missing");
    if (nonempty && json_array_size(v) == 0)
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       "needs at least one item");
    return JK_OK;
}

static int one_of(lg_ctx *c, const char *v, const char *const *set,
                  const char *inv, const char *path)
{
    size_t i;
    char list[256] = "";
    for (i = 0; set[i]; i++) {
        if (strcmp(v, set[i]) == 0)
            return JK_OK;
        jk_snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
                    i ? ", " : "", set[i]);
    }
    return lg_fail(c, JK_ECONSTRAINT, inv, path, "expected one of %s, got %s",
                   list, v);
}

/* ---- lookups and rights ---- */

static lg_operator *op_req(lg_ctx *c, const char *uoi, const char *path)
{
    lg_operator *op = lg_map_get(&c->lg->operators, uoi);
    if (!op)
        lg_fail(c, JK_ECONSTRAINT, "I9", path, "unknown operator %s", uoi);
    return op;
}

static lg_lot *lot_req(lg_ctx *c, const char *upi, const char *path)
{
    lg_lot *l = lg_map_get(&c->lg->lots, upi);
    if (!l)
        lg_fail(c, JK_ECONSTRAINT, "I9", path, "unknown lot %s", upi);
    return l;
}

static bool is_actor(lg_ctx *c, const char *uoi)
{
    return uoi && strcmp(c->actor, uoi) == 0;
}

static bool is_log_op(lg_ctx *c)
{
    return is_actor(c, c->lg->op);
}

/* I21: only the responsible operator or its delegate writes for a lot. */
static int lot_writable(lg_ctx *c, const lg_lot *l, const char *path)
{
    if (is_actor(c, l->responsible) || is_actor(c, l->delegate))
        return JK_OK;
    return lg_fail(c, JK_ECONSTRAINT, "I21", path,
                   "%s is not responsible for lot %s (%s is)", c->actor, l->upi,
                   l->responsible);
}

static const char *state_name(lg_lot_state s)
{
    static const char *const n[] = {"active", "in transit", "packed",
                                    "consumed", "destroyed"};
    return n[s];
}

/* I9: a lot can be used only while it is at a facility, whole. */
static int lot_usable(lg_ctx *c, const lg_lot *l, const char *path)
{
    if (l->state == LOT_ACTIVE)
        return JK_OK;
    return lg_fail(c, JK_ECONSTRAINT, "I9", path, "lot %s is %s", l->upi,
                   state_name(l->state));
}

/* The facility, which the actor must operate (I5 write rights). */
static lg_facility *fac_own(lg_ctx *c, const char *ufi, const char *path)
{
    lg_facility *f = lg_map_get(&c->lg->facilities, ufi);
    if (!f) {
        lg_fail(c, JK_ECONSTRAINT, "I9", path, "unknown facility %s", ufi);
        return NULL;
    }
    if (!is_actor(c, f->op)) {
        lg_fail(c, JK_ECONSTRAINT, "I5", path,
                "%s does not operate facility %s (%s does)", c->actor, ufi,
                f->op);
        return NULL;
    }
    return f;
}

static void *arena_new(lg_ctx *c, size_t n)
{
    void *p = jk_arena_alloc(c->lg->arena, n);
    if (p)
        memset(p, 0, n);
    return p;
}

static int oom(lg_ctx *c)
{
    return jk_err_set(c->err, JK_ENOMEM, NULL, "out of memory");
}

static int key_from(lg_ctx *c, lg_operator *op, json_t *ev, uint32_t *kid,
                    uint8_t pk[32])
{
    int64_t id;
    const char *hex;
    const lg_key *k;
    int rc;
    if ((rc = int_req(c, ev, "key_id", "key_id", 0, UINT32_MAX, &id)) ||
        (rc = str_req(c, ev, "pubkey", "pubkey", true, &hex)))
        return rc;
    if (lg_unhex(hex, pk, 32))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "pubkey",
                       "expected 64 hexadecimal digits");
    for (k = op ? op->keys : NULL; k; k = k->next)
        if (k->id == (uint32_t)id)
            return lg_fail(c, JK_ECONSTRAINT, "I6", "key_id",
                           "key %lld of %s exists already (key ids are "
                           "never reused)",
                           (long long)id, op->uoi);
    *kid = (uint32_t)id;
    return JK_OK;
}

static int add_key(lg_ctx *c, lg_operator *op, uint32_t kid,
                   const uint8_t pk[32])
{
    lg_key *k = arena_new(c, sizeof(*k)), **tail;
    if (!k)
        return oom(c);
    k->id = kid;
    memcpy(k->pk, pk, 32);
    k->from = c->rt;
    k->revoked = LG_NEVER;
    for (tail = &op->keys; *tail; tail = &(*tail)->next)
        ;
    *tail = k;
    return JK_OK;
}

static lg_operator *new_operator(lg_ctx *c, const char *uoi, const char *name,
                                 const char *country)
{
    lg_operator *op = arena_new(c, sizeof(*op));
    if (!op)
        return NULL;
    op->uoi = lg_strdup(c->lg, uoi);
    op->name = lg_strdup(c->lg, name);
    op->country = lg_strdup(c->lg, country);
    if (!op->uoi || !op->name || !op->country ||
        lg_map_put(&c->lg->operators, op->uoi, op))
        return NULL;
    return op;
}

/* ---- master data ---- */

static int ev_log_init(lg_ctx *c)
{
    const char *origin, *uoi, *name;
    uint8_t pk[32];
    uint32_t kid;
    lg_operator *op;
    int rc;

    if ((rc = str_req(c, c->ev, "origin", "origin", true, &origin)) ||
        (rc = str_req(c, c->ev, "uoi", "uoi", true, &uoi)) ||
        (rc = str_req(c, c->ev, "name", "name", false, &name)) ||
        (rc = key_from(c, NULL, c->ev, &kid, pk)))
        return rc;
    if (!is_actor(c, uoi) || kid != c->kid)
        return lg_fail(c, JK_ECONSTRAINT, "I5", "uoi",
                       "log.init is signed by the key it introduces");
    op = new_operator(c, uoi, name, "");
    if (!op || add_key(c, op, kid, pk))
        return oom(c);
    c->lg->origin = lg_strdup(c->lg, origin);
    c->lg->op = op->uoi;
    return c->lg->origin ? JK_OK : oom(c);
}

static int ev_operator_register(lg_ctx *c)
{
    const char *uoi, *name, *country;
    uint8_t pk[32];
    uint32_t kid;
    lg_operator *op;
    int rc;

    if ((rc = str_req(c, c->ev, "uoi", "uoi", true, &uoi)) ||
        (rc = str_req(c, c->ev, "name", "name", false, &name)) ||
        (rc = str_opt(c, c->ev, "country", "country", true, &country)) ||
        (rc = key_from(c, NULL, c->ev, &kid, pk)))
        return rc;
    if (!is_log_op(c))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "actor",
                       "only the log operator (%s) registers operators",
                       c->lg->op);
    if (lg_map_get(&c->lg->operators, uoi))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "uoi",
                       "operator %s is registered already", uoi);
    op = new_operator(c, uoi, name, country);
    if (!op || add_key(c, op, kid, pk))
        return oom(c);
    return JK_OK;
}

static int ev_key_add(lg_ctx *c)
{
    const char *uoi;
    lg_operator *op;
    uint8_t pk[32];
    uint32_t kid;
    int rc;

    if ((rc = str_req(c, c->ev, "uoi", "uoi", true, &uoi)))
        return rc;
    if (!(op = op_req(c, uoi, "uoi")))
        return JK_ECONSTRAINT;
    if ((rc = key_from(c, op, c->ev, &kid, pk)))
        return rc;
    if (!is_actor(c, uoi) && !is_log_op(c))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "actor",
                       "only %s or the log operator adds its keys", uoi);
    return add_key(c, op, kid, pk);
}

static int ev_key_revoke(lg_ctx *c)
{
    const char *uoi;
    lg_operator *op;
    lg_key *k;
    int64_t id;
    int rc;

    if ((rc = str_req(c, c->ev, "uoi", "uoi", true, &uoi)) ||
        (rc = int_req(c, c->ev, "key_id", "key_id", 0, UINT32_MAX, &id)))
        return rc;
    if (!(op = op_req(c, uoi, "uoi")))
        return JK_ECONSTRAINT;
    if (!is_actor(c, uoi) && !is_log_op(c))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "actor",
                       "only %s or the log operator revokes its keys", uoi);
    for (k = op->keys; k; k = k->next)
        if (k->id == (uint32_t)id)
            break;
    if (!k || k->revoked != LG_NEVER)
        return lg_fail(c, JK_ECONSTRAINT, "I5", "key_id",
                       "key %lld of %s is %s", (long long)id, uoi,
                       k ? "revoked already" : "unknown");
    k->revoked = c->rt;
    return JK_OK;
}

static int ev_facility_register(lg_ctx *c)
{
    const char *ufi, *opu, *name, *country, *cat;
    lg_facility *f;
    int rc;

    if ((rc = str_req(c, c->ev, "ufi", "ufi", true, &ufi)) ||
        (rc = str_req(c, c->ev, "name", "name", false, &name)) ||
        (rc = str_opt(c, c->ev, "operator", "operator", true, &opu)) ||
        (rc = str_opt(c, c->ev, "country", "country", true, &country)) ||
        (rc = str_opt(c, c->ev, "process_category", "process_category", false,
                      &cat)))
        return rc;
    if (!opu)
        opu = c->actor;
    if (!op_req(c, opu, "operator"))
        return JK_ECONSTRAINT;
    if (!is_actor(c, opu))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "operator",
                       "only %s registers its facilities", opu);
    if (lg_map_get(&c->lg->facilities, ufi))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "ufi",
                       "facility %s is registered already", ufi);
    if (!(f = arena_new(c, sizeof(*f))))
        return oom(c);
    f->ufi = lg_strdup(c->lg, ufi);
    f->op = ((lg_operator *)lg_map_get(&c->lg->operators, opu))->uoi;
    f->name = lg_strdup(c->lg, name);
    f->country = lg_strdup(c->lg, country);
    f->category = lg_strdup(c->lg, cat);
    if (!f->ufi || lg_map_put(&c->lg->facilities, f->ufi, f))
        return oom(c);
    return JK_OK;
}

static int ev_class_register(lg_ctx *c)
{
    const char *id, *name, *mat, *man;
    lg_class *k;
    int rc;

    if ((rc = str_req(c, c->ev, "id", "id", true, &id)) ||
        (rc = str_req(c, c->ev, "name", "name", false, &name)) ||
        (rc = str_req(c, c->ev, "material", "material", true, &mat)) ||
        (rc = str_opt(c, c->ev, "manufacturer", "manufacturer", true, &man)))
        return rc;
    if (!man)
        man = c->actor;
    if (!jk_id_valid(mat))
        return lg_fail(c, JK_ECONSTRAINT, "I9", "material",
                       "expected a material code (plastic.pet), got %s", mat);
    if (!is_actor(c, man))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "manufacturer",
                       "only %s registers its product classes", man);
    if (lg_map_get(&c->lg->classes, id))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "id",
                       "product class %s is registered already", id);
    if (!(k = arena_new(c, sizeof(*k))))
        return oom(c);
    k->id = lg_strdup(c->lg, id);
    k->name = lg_strdup(c->lg, name);
    k->material = lg_strdup(c->lg, mat);
    k->manufacturer = c->actor;
    if (!k->id || lg_map_put(&c->lg->classes, k->id, k))
        return oom(c);
    return JK_OK;
}

/* ---- lots and object events ---- */

static const char *const origins[] = {"virgin", "pre_consumer", "post_consumer",
                                      NULL};

/* I12: a complete composition sums to 10^6 ppm, shares within 0..10^6. */
static int check_composition(lg_ctx *c, json_t *comp)
{
    json_t *m;
    size_t i;
    int64_t sum = 0;
    char path[96];
    int rc;

    json_array_foreach (comp, i, m) {
        int64_t f, pre = 0, post = 0;
        const char *mat;
        jk_snprintf(path, sizeof(path), "composition[%zu]", i);
        if (!json_is_object(m))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path, "expected an object");
        jk_snprintf(path, sizeof(path), "composition[%zu].material", i);
        if ((rc = str_req(c, m, "material", path, true, &mat)))
            return rc;
        jk_snprintf(path, sizeof(path), "composition[%zu].fraction_ppm", i);
        if (!json_is_integer(json_object_get(m, "fraction_ppm")) ||
            (f = json_integer_value(json_object_get(m, "fraction_ppm"))) < 0 ||
            f > PPM)
            return lg_fail(c, JK_ECONSTRAINT, "I12", path,
                           "expected an integer 0..1000000 (ppm)");
        if (json_object_get(m, "pre_ppm"))
            pre = json_integer_value(json_object_get(m, "pre_ppm"));
        if (json_object_get(m, "post_ppm"))
            post = json_integer_value(json_object_get(m, "post_ppm"));
        jk_snprintf(path, sizeof(path), "composition[%zu].post_ppm", i);
        if (pre < 0 || post < 0 || pre + post > PPM)
            return lg_fail(c, JK_ECONSTRAINT, "I12", path,
                           "recycled shares pre %lld + post %lld ppm must "
                           "lie within 0..1000000",
                           (long long)pre, (long long)post);
        sum += f;
    }
    if (sum != PPM)
        return lg_fail(c, JK_ECONSTRAINT, "I12", "composition",
                       "mass fractions sum to %lld ppm, not 1000000",
                       (long long)sum);
    return JK_OK;
}

static lg_lot *new_lot(lg_ctx *c, const char *upi, const char *cls,
                       const lg_facility *f, jk_mass mass)
{
    lg_lot *l = arena_new(c, sizeof(*l));
    if (!l)
        return NULL;
    l->upi = lg_strdup(c->lg, upi);
    l->class_id = lg_strdup(c->lg, cls);
    l->facility = f->ufi;
    l->responsible = c->actor;
    l->status = "original";
    l->origin = "virgin";
    l->produced = l->remaining = mass;
    l->seq = c->seq;
    l->time = c->et;
    if (!l->upi || !l->class_id || lg_map_put(&c->lg->lots, l->upi, l))
        return NULL;
    return l;
}

static int ev_lot_create(lg_ctx *c)
{
    const char *upi, *cls, *ufi, *origin;
    lg_facility *f;
    json_t *comp;
    jk_mass mass;
    lg_lot *l;
    int rc;

    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)) ||
        (rc = str_req(c, c->ev, "class", "class", true, &cls)) ||
        (rc = str_req(c, c->ev, "facility", "facility", true, &ufi)) ||
        (rc = mass_req(c, c->ev, "mass", "mass", true, &mass)) ||
        (rc = str_opt(c, c->ev, "origin", "origin", true, &origin)) ||
        (rc = arr_req(c, c->ev, "composition", "composition", false, &comp)))
        return rc;
    if (origin && (rc = one_of(c, origin, origins, "I9", "origin")))
        return rc;
    if (!(f = fac_own(c, ufi, "facility")))
        return JK_ECONSTRAINT;
    if (!lg_map_get(&c->lg->classes, cls))
        return lg_fail(c, JK_ECONSTRAINT, "I9", "class",
                       "unknown product class %s", cls);
    if (lg_map_get(&c->lg->lots, upi))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "upi",
                       "lot %s exists already (identifiers are never "
                       "reassigned)",
                       upi);
    if (comp && (rc = check_composition(c, comp)))
        return rc;
    if (!(l = new_lot(c, upi, cls, f, mass)))
        return oom(c);
    if (origin) {
        l->origin = strcmp(origin, "post_consumer") == 0  ? "post_consumer"
                    : strcmp(origin, "pre_consumer") == 0 ? "pre_consumer"
                                                          : "virgin";
        if (strcmp(origin, "post_consumer") == 0)
            l->rec_post = l->rec_post0 = mass;
        else if (strcmp(origin, "pre_consumer") == 0)
            l->rec_pre = l->rec_pre0 = mass;
    }
    return JK_OK;
}

static int ev_object_observe(lg_ctx *c)
{
    const char *upi;
    lg_lot *l;
    int rc;
    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)))
        return rc;
    if (!(l = lot_req(c, upi, "upi")))
        return JK_ECONSTRAINT;
    if (l->state == LOT_CONSUMED || l->state == LOT_DESTROYED)
        return lot_usable(c, l, "upi");
    return lot_writable(c, l, "upi");
}

static int ev_object_destroy(lg_ctx *c)
{
    const char *upi;
    lg_lot *l;
    int rc;
    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)))
        return rc;
    if (!(l = lot_req(c, upi, "upi")))
        return JK_ECONSTRAINT;
    if ((rc = lot_usable(c, l, "upi")) || (rc = lot_writable(c, l, "upi")))
        return rc;
    l->destroyed += l->remaining;
    l->remaining = 0;
    l->rec_pre = l->rec_post = 0;
    l->state = LOT_DESTROYED;
    return JK_OK;
}

static int ev_agg_pack(lg_ctx *c)
{
    const char *parent, *upi;
    json_t *children, *v;
    jk_mass mass, pack = 0, sum = 0, pre = 0, post = 0;
    const char *fac = NULL;
    lg_facility *f;
    lg_lot *l, *p;
    size_t i;
    char path[64];
    int rc;

    if ((rc = str_req(c, c->ev, "parent", "parent", true, &parent)) ||
        (rc = arr_req(c, c->ev, "children", "children", true, &children)) ||
        (rc = mass_req(c, c->ev, "mass", "mass", true, &mass)))
        return rc;
    if (json_object_get(c->ev, "packaging_mass_g") &&
        (rc = mass_req(c, c->ev, "packaging_mass", "packaging_mass", false,
                       &pack)))
        return rc;
    if (lg_map_get(&c->lg->lots, parent))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "parent",
                       "lot %s exists already", parent);
    json_array_foreach (children, i, v) {
        size_t j;
        jk_snprintf(path, sizeof(path), "children[%zu]", i);
        if (!(upi = json_string_value(v)))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path, "expected a lot id");
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(children, j)), upi) ==
                0)
                return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                               "lot %s is listed twice", upi);
        if (!(l = lot_req(c, upi, path)))
            return JK_ECONSTRAINT;
        if ((rc = lot_usable(c, l, path)) || (rc = lot_writable(c, l, path)))
            return rc;
        if (fac && strcmp(fac, l->facility) != 0)
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "lot %s is at %s, not at %s with the others", upi,
                           l->facility, fac);
        fac = l->facility;
        sum += l->remaining;
        pre += l->rec_pre;
        post += l->rec_post;
    }
    if (sum + pack != mass)
        return lg_fail(c, JK_ECONSTRAINT, "I10", "mass",
                       "the parent's %lld g must equal the children's "
                       "%lld g plus packaging %lld g",
                       (long long)mass, (long long)sum, (long long)pack);
    f = lg_map_get(&c->lg->facilities, fac);
    if (!(p = new_lot(c, parent, "", f, mass)))
        return oom(c);
    p->aggregate = true;
    p->rec_pre = p->rec_pre0 = pre;
    p->rec_post = p->rec_post0 = post;
    p->origin = "mixed";
    json_array_foreach (children, i, v) {
        l = lg_map_get(&c->lg->lots, json_string_value(v));
        l->state = LOT_PACKED;
        l->packed_in = p->upi;
        if (lg_edge_add(c->lg, l->upi, p->upi, l->remaining, c->seq,
                        "aggregation"))
            return oom(c);
    }
    return JK_OK;
}

static int ev_agg_unpack(lg_ctx *c)
{
    const char *parent;
    lg_lot *p;
    lg_map *lots = &c->lg->lots;
    size_t i;
    int rc;

    if ((rc = str_req(c, c->ev, "parent", "parent", true, &parent)))
        return rc;
    if (!(p = lot_req(c, parent, "parent")))
        return JK_ECONSTRAINT;
    if (!p->aggregate)
        return lg_fail(c, JK_ECONSTRAINT, "I9", "parent",
                       "lot %s is not an aggregate", parent);
    if ((rc = lot_usable(c, p, "parent")) ||
        (rc = lot_writable(c, p, "parent")))
        return rc;
    for (i = 0; i < lots->cap; i++) {
        lg_lot *l = lots->keys[i] ? lots->vals[i] : NULL;
        if (l && l->packed_in == p->upi && l->state == LOT_PACKED) {
            l->state = LOT_ACTIVE;
            l->packed_in = NULL;
            l->facility = p->facility;
            l->responsible = p->responsible;
        }
    }
    p->destroyed += p->remaining;
    p->remaining = 0;
    p->rec_pre = p->rec_post = 0;
    p->state = LOT_DESTROYED;
    return JK_OK;
}

static int ev_association(lg_ctx *c)
{
    const char *parent, *action;
    static const char *const actions[] = {"add", "delete", NULL};
    json_t *children, *v;
    lg_lot *p;
    size_t i;
    char path[64];
    int rc;

    if ((rc = str_req(c, c->ev, "parent", "parent", true, &parent)) ||
        (rc = arr_req(c, c->ev, "children", "children", true, &children)) ||
        (rc = str_opt(c, c->ev, "action", "action", true, &action)))
        return rc;
    if (action && (rc = one_of(c, action, actions, "I9", "action")))
        return rc;
    if (!(p = lot_req(c, parent, "parent")))
        return JK_ECONSTRAINT;
    if ((rc = lot_writable(c, p, "parent")))
        return rc;
    json_array_foreach (children, i, v) {
        jk_snprintf(path, sizeof(path), "children[%zu]", i);
        if (!json_string_value(v) || !lot_req(c, json_string_value(v), path))
            return JK_ECONSTRAINT;
    }
    json_array_foreach (children, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots, json_string_value(v));
        if (lg_edge_add(c->lg, l->upi, p->upi, 0, c->seq, "association"))
            return oom(c);
    }
    return JK_OK;
}

/* The lots of a transaction: distinct, each passing check(). */
static int tx_lots(lg_ctx *c, json_t **lots)
{
    json_t *v;
    size_t i, j;
    char path[64];
    int rc;

    if ((rc = arr_req(c, c->ev, "lots", "lots", true, lots)))
        return rc;
    json_array_foreach (*lots, i, v) {
        jk_snprintf(path, sizeof(path), "lots[%zu]", i);
        if (!json_string_value(v))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path, "expected a lot id");
        if (!lot_req(c, json_string_value(v), path))
            return JK_ECONSTRAINT;
        for (j = 0; j < i; j++)
            if (json_equal(json_array_get(*lots, j), v))
                return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                               "lot %s is listed twice", json_string_value(v));
    }
    return JK_OK;
}

static int biz_transactions(lg_ctx *c, bool required)
{
    json_t *bt, *v;
    size_t i;
    char path[64];
    const char *s;
    int rc;
    if ((rc = arr_req(c, c->ev, "biz_transactions", "biz_transactions",
                      required, &bt)))
        return rc;
    json_array_foreach (bt, i, v) {
        jk_snprintf(path, sizeof(path), "biz_transactions[%zu].type", i);
        if (!json_is_object(v))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "expected {type, id}");
        if ((rc = str_req(c, v, "type", path, true, &s)))
            return rc;
        jk_snprintf(path, sizeof(path), "biz_transactions[%zu].id", i);
        if ((rc = str_req(c, v, "id", path, true, &s)))
            return rc;
    }
    return JK_OK;
}

static int ev_tx_ship(lg_ctx *c)
{
    const char *dest;
    json_t *lots, *v;
    lg_operator *d;
    size_t i;
    char path[64];
    int rc;

    if ((rc = biz_transactions(c, true)) || (rc = tx_lots(c, &lots)) ||
        (rc = str_req(c, c->ev, "destination", "destination", true, &dest)))
        return rc;
    if (!(d = op_req(c, dest, "destination")))
        return JK_ECONSTRAINT;
    if (is_actor(c, dest))
        return lg_fail(c, JK_ECONSTRAINT, "I9", "destination",
                       "a shipment goes to another operator");
    json_array_foreach (lots, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots, json_string_value(v));
        jk_snprintf(path, sizeof(path), "lots[%zu]", i);
        if ((rc = lot_usable(c, l, path)) || (rc = lot_writable(c, l, path)))
            return rc;
        if (l->remaining == 0)
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "lot %s has no mass left", l->upi);
    }
    json_array_foreach (lots, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots, json_string_value(v));
        l->state = LOT_TRANSIT;
        l->transit_to = d->uoi;
    }
    return JK_OK;
}

static int ev_tx_receive(lg_ctx *c)
{
    const char *ufi;
    json_t *lots, *v;
    lg_facility *f;
    lg_receipt *r;
    char path[64], key[24];
    size_t i;
    int rc;

    if ((rc = biz_transactions(c, false)) || (rc = tx_lots(c, &lots)) ||
        (rc = str_req(c, c->ev, "facility", "facility", true, &ufi)))
        return rc;
    if (!(f = fac_own(c, ufi, "facility")))
        return JK_ECONSTRAINT;
    json_array_foreach (lots, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots, json_string_value(v));
        jk_snprintf(path, sizeof(path), "lots[%zu]", i);
        if (l->state != LOT_TRANSIT || !is_actor(c, l->transit_to))
            return lg_fail(c, JK_ECONSTRAINT, "I21", path,
                           "lot %s is not in transit to %s", l->upi, c->actor);
    }
    if (!(r = arena_new(c, sizeof(*r))))
        return oom(c);
    r->facility = f->ufi;
    json_array_foreach (lots, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots, json_string_value(v));
        const lg_class *k = lg_map_get(&c->lg->classes, l->class_id);
        const char *mat = k ? k->material : NULL;
        if (i == 0) {
            r->sender = l->responsible;
            r->material = mat;
        }
        if (r->sender && strcmp(r->sender, l->responsible) != 0)
            r->sender = NULL;
        if (r->material && (!mat || strcmp(r->material, mat) != 0))
            r->material = NULL;
        l->state = LOT_ACTIVE;
        l->transit_to = NULL;
        l->responsible = c->actor;
        l->delegate = NULL;
        l->facility = f->ufi;
        r->mass += l->remaining;
        r->rec_pre += l->rec_pre;
        r->rec_post += l->rec_post;
    }
    jk_snprintf(key, sizeof(key), "%lld", (long long)c->seq);
    if (lg_map_put(&c->lg->receipts, lg_strdup(c->lg, key), r))
        return oom(c);
    return JK_OK;
}

static const char *const loss_kinds[] = {
    "process_loss", "moisture", "to_fuel", "to_energy", "to_disposal", NULL};

/* Split total over parts by weight, exactly (largest remainders): the
 * floors, then one gram each to the parts with the largest remainders
 * (ties to the earlier part). JK_ENOMEM possible. */
static int split_exact(jk_mass total, const jk_mass *w, size_t n, jk_mass wsum,
                       jk_mass *out)
{
    jk_mass given = 0;
    i128 *rem;
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = 0;
    if (wsum <= 0 || n == 0)
        return JK_OK;
    rem = jk_calloc(n, sizeof(*rem));
    if (!rem)
        return JK_ENOMEM;
    for (i = 0; i < n; i++) {
        out[i] = (jk_mass)((i128)total * w[i] / wsum);
        rem[i] = (i128)total * w[i] % wsum;
        given += out[i];
    }
    while (given < total) {
        size_t best = 0;
        for (i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1;
        given++;
    }
    jk_free(rem);
    return JK_OK;
}

static int ev_transformation(lg_ctx *c)
{
    const char *ufi, *s;
    json_t *ins, *outs, *losses = NULL, *v;
    lg_facility *f;
    size_t ni, no, nl, i, j;
    jk_mass sin = 0, sout = 0, sloss = 0, pre = 0, post = 0;
    jk_mass *w = NULL, *spre = NULL, *spost = NULL, *min = NULL;
    char path[96];
    int rc;

    if ((rc = str_req(c, c->ev, "facility", "facility", true, &ufi)) ||
        (rc = arr_req(c, c->ev, "inputs", "inputs", true, &ins)) ||
        (rc = arr_req(c, c->ev, "outputs", "outputs", true, &outs)) ||
        (rc = arr_req(c, c->ev, "losses", "losses", false, &losses)))
        return rc;
    if (!(f = fac_own(c, ufi, "facility")))
        return JK_ECONSTRAINT;
    ni = json_array_size(ins);
    no = json_array_size(outs);
    nl = losses ? json_array_size(losses) : 0;
    json_array_foreach (ins, i, v) {
        lg_lot *l;
        jk_mass m;
        jk_snprintf(path, sizeof(path), "inputs[%zu].upi", i);
        if (!json_is_object(v))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "expected {upi, mass}");
        if ((rc = str_req(c, v, "upi", path, true, &s)))
            return rc;
        if (!(l = lot_req(c, s, path)))
            return JK_ECONSTRAINT;
        for (j = 0; j < i; j++)
            if (json_equal(json_object_get(json_array_get(ins, j), "upi"),
                           json_object_get(v, "upi")))
                return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                               "lot %s is an input twice", s);
        if ((rc = lot_usable(c, l, path)) || (rc = lot_writable(c, l, path)))
            return rc;
        if (strcmp(l->facility, f->ufi) != 0)
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "lot %s is at %s, not at %s", s, l->facility,
                           f->ufi);
        jk_snprintf(path, sizeof(path), "inputs[%zu].mass", i);
        if ((rc = mass_req(c, v, "mass", path, true, &m)))
            return rc;
        if (m > l->remaining)
            return lg_fail(c, JK_ECONSTRAINT, "I10", path,
                           "%lld g of lot %s used, but only %lld g remain",
                           (long long)m, s, (long long)l->remaining);
        if (jk_mass_add(sin, m, &sin))
            return lg_fail(c, JK_ECONSTRAINT, "I10", path, "overflow");
    }
    json_array_foreach (outs, i, v) {
        jk_mass m;
        jk_snprintf(path, sizeof(path), "outputs[%zu].upi", i);
        if (!json_is_object(v))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "expected {upi, class, mass}");
        if ((rc = str_req(c, v, "upi", path, true, &s)))
            return rc;
        if (lg_map_get(&c->lg->lots, s))
            return lg_fail(c, JK_ECONSTRAINT, "I6", path,
                           "lot %s exists already", s);
        for (j = 0; j < i; j++)
            if (json_equal(json_object_get(json_array_get(outs, j), "upi"),
                           json_object_get(v, "upi")))
                return lg_fail(c, JK_ECONSTRAINT, "I6", path,
                               "lot %s is an output twice", s);
        jk_snprintf(path, sizeof(path), "outputs[%zu].class", i);
        if ((rc = str_req(c, v, "class", path, true, &s)))
            return rc;
        if (!lg_map_get(&c->lg->classes, s))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "unknown product class %s", s);
        jk_snprintf(path, sizeof(path), "outputs[%zu].mass", i);
        if ((rc = mass_req(c, v, "mass", path, true, &m)))
            return rc;
        if (jk_mass_add(sout, m, &sout))
            return lg_fail(c, JK_ECONSTRAINT, "I10", path, "overflow");
    }
    for (i = 0; i < nl; i++) {
        jk_mass m;
        v = json_array_get(losses, i);
        jk_snprintf(path, sizeof(path), "losses[%zu].kind", i);
        if (!json_is_object(v))
            return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                           "expected {kind, mass}");
        if ((rc = str_req(c, v, "kind", path, true, &s)) ||
            (rc = one_of(c, s, loss_kinds, "I9", path)))
            return rc;
        jk_snprintf(path, sizeof(path), "losses[%zu].mass", i);
        if ((rc = mass_req(c, v, "mass", path, false, &m)))
            return rc;
        if (jk_mass_add(sloss, m, &sloss))
            return lg_fail(c, JK_ECONSTRAINT, "I10", path, "overflow");
    }
    if (sin != sout + sloss)
        return lg_fail(c, JK_ECONSTRAINT, "I10", "outputs",
                       "inputs %lld g != outputs %lld g + losses %lld g "
                       "(difference %lld g)",
                       (long long)sin, (long long)sout, (long long)sloss,
                       (long long)(sin - sout - sloss));
    /* Apply: consume inputs with their recycled shares, create outputs
     * with theirs (segregated: exact propagation). */
    w = jk_calloc(no + nl + ni + 1, sizeof(*w));
    spre = jk_calloc(no + nl + 1, sizeof(*spre));
    spost = jk_calloc(no + nl + 1, sizeof(*spost));
    min = jk_calloc(ni + 1, sizeof(*min));
    if (!w || !spre || !spost || !min) {
        rc = oom(c);
        goto done;
    }
    json_array_foreach (ins, i, v) {
        lg_lot *l = lg_map_get(&c->lg->lots,
                               json_string_value(json_object_get(v, "upi")));
        jk_mass m = (jk_mass)json_integer_value(json_object_get(v, "mass_g"));
        jk_mass tp = m == l->remaining
                         ? l->rec_pre
                         : (jk_mass)((i128)l->rec_pre * m / l->remaining);
        jk_mass to = m == l->remaining
                         ? l->rec_post
                         : (jk_mass)((i128)l->rec_post * m / l->remaining);
        pre += tp;
        post += to;
        min[i] = m;
        l->rec_pre -= tp;
        l->rec_post -= to;
        l->remaining -= m;
        l->consumed += m;
        if (l->remaining == 0)
            l->state = LOT_CONSUMED;
    }
    for (i = 0; i < no; i++)
        w[i] = (jk_mass)json_integer_value(
            json_object_get(json_array_get(outs, i), "mass_g"));
    for (i = 0; i < nl; i++)
        w[no + i] = (jk_mass)json_integer_value(
            json_object_get(json_array_get(losses, i), "mass_g"));
    if (split_exact(pre, w, no + nl, sin, spre) ||
        split_exact(post, w, no + nl, sin, spost)) {
        rc = oom(c);
        goto done;
    }
    for (i = 0; i < no; i++) {
        json_t *o = json_array_get(outs, i);
        lg_lot *l =
            new_lot(c, json_string_value(json_object_get(o, "upi")),
                    json_string_value(json_object_get(o, "class")), f, w[i]);
        if (!l) {
            rc = oom(c);
            goto done;
        }
        l->rec_pre = l->rec_pre0 = spre[i];
        l->rec_post = l->rec_post0 = spost[i];
        l->origin = "mixed";
        for (j = 0; j < ni; j++) {
            const char *from = json_string_value(
                json_object_get(json_array_get(ins, j), "upi"));
            lg_lot *src = lg_map_get(&c->lg->lots, from);
            if (lg_edge_add(c->lg, src->upi, l->upi,
                            (jk_mass)((i128)min[j] * w[i] / sin), c->seq,
                            "transformation")) {
                rc = oom(c);
                goto done;
            }
        }
    }
done:
    jk_free(w);
    jk_free(spre);
    jk_free(spost);
    jk_free(min);
    return rc;
}

static int ev_error_declare(lg_ctx *c)
{
    static const char *const reasons[] = {"did_not_occur", "incorrect_data",
                                          NULL};
    const char *reason;
    int64_t target;
    json_t *corr, *v;
    size_t i;
    char path[64];
    int rc;

    if ((rc = int_req(c, c->ev, "target", "target", 0, INT64_MAX, &target)) ||
        (rc = str_req(c, c->ev, "reason", "reason", true, &reason)) ||
        (rc = one_of(c, reason, reasons, "I1", "reason")) ||
        (rc = arr_req(c, c->ev, "corrective", "corrective", false, &corr)))
        return rc;
    if (target >= c->seq || target == 0)
        return lg_fail(c, JK_ECONSTRAINT, "I1", "target",
                       "entry %lld cannot be declared erroneous here",
                       (long long)target);
    if (c->lg->type_of[target] & 0x80)
        return lg_fail(c, JK_ECONSTRAINT, "I1", "target",
                       "entry %lld is declared erroneous already",
                       (long long)target);
    if (!is_actor(c, c->lg->actor_of[target]) && !is_log_op(c))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "actor",
                       "only %s (who wrote entry %lld) or the log operator "
                       "declares it erroneous",
                       c->lg->actor_of[target], (long long)target);
    json_array_foreach (corr, i, v) {
        jk_snprintf(path, sizeof(path), "corrective[%zu]", i);
        if (!json_is_integer(v) || json_integer_value(v) <= target ||
            json_integer_value(v) >= c->seq)
            return lg_fail(c, JK_ECONSTRAINT, "I1", path,
                           "expected an entry after the target, before "
                           "this one");
    }
    c->lg->type_of[target] |= 0x80;
    return JK_OK;
}

static int ev_status_change(lg_ctx *c)
{
    static const char *const statuses[] = {
        "original", "repurposed", "reused", "remanufactured", "waste", NULL};
    const char *upi, *to, *resp;
    lg_operator *op = NULL;
    lg_lot *l;
    int rc;

    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)) ||
        (rc = str_req(c, c->ev, "to", "to", true, &to)) ||
        (rc = one_of(c, to, statuses, "I7", "to")) ||
        (rc = str_opt(c, c->ev, "responsible", "responsible", true, &resp)))
        return rc;
    if (!(l = lot_req(c, upi, "upi")))
        return JK_ECONSTRAINT;
    if ((rc = lot_writable(c, l, "upi")))
        return rc;
    if (resp && !(op = op_req(c, resp, "responsible")))
        return JK_ECONSTRAINT;
    l->status = strcmp(to, "original") == 0         ? "original"
                : strcmp(to, "repurposed") == 0     ? "repurposed"
                : strcmp(to, "reused") == 0         ? "reused"
                : strcmp(to, "remanufactured") == 0 ? "remanufactured"
                                                    : "waste";
    if (op && op->uoi != l->responsible) {
        l->responsible = op->uoi;
        l->delegate = NULL;
    }
    return JK_OK;
}

static int ev_lot_delegate(lg_ctx *c)
{
    const char *upi, *to;
    lg_operator *op;
    lg_lot *l;
    int rc;

    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)) ||
        (rc = str_req(c, c->ev, "to", "to", true, &to)))
        return rc;
    if (!(l = lot_req(c, upi, "upi")) || !(op = op_req(c, to, "to")))
        return JK_ECONSTRAINT;
    if (!is_actor(c, l->responsible))
        return lg_fail(c, JK_ECONSTRAINT, "I21", "upi",
                       "only the responsible operator %s delegates",
                       l->responsible);
    l->delegate = op->uoi;
    return JK_OK;
}

/* ---- passports ---- */

/* I22: attribute keys that would hold personal data. */
static bool personal_key(const char *k)
{
    static const char *const bad[] = {"customer", "email", "phone",
                                      "person",   "birth", "owner_name",
                                      "address",  NULL};
    size_t i;
    for (i = 0; bad[i]; i++)
        if (strstr(k, bad[i]))
            return true;
    return false;
}

static int access_parse(const char *s, jk_ledger_access *out)
{
    if (strcmp(s, "public") == 0)
        *out = JK_ACCESS_PUBLIC;
    else if (strcmp(s, "legit_interest") == 0)
        *out = JK_ACCESS_LEGIT_INTEREST;
    else if (strcmp(s, "authority") == 0)
        *out = JK_ACCESS_AUTHORITY;
    else
        return JK_EPARSE;
    return JK_OK;
}

/* Check one attribute object {key, value, unit?, access}. */
static int attr_check(lg_ctx *c, json_t *a, const char *base)
{
    const char *key, *acc, *unit;
    json_t *v, *ev;
    jk_ledger_access ac;
    char path[96];
    int rc;

    jk_snprintf(path, sizeof(path), "%skey", base);
    if (!json_is_object(a))
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       "expected {key, value, unit, access}");
    if ((rc = str_req(c, a, "key", path, true, &key)))
        return rc;
    if (personal_key(key))
        return lg_fail(c, JK_ECONSTRAINT, "I22", path,
                       "%s looks like personal data, which passports never "
                       "hold",
                       key);
    jk_snprintf(path, sizeof(path), "%svalue", base);
    v = json_object_get(a, "value");
    if (!json_is_string(v) && !json_is_integer(v))
        return lg_fail(c, JK_ECONSTRAINT, "I9", path,
                       "expected a string or an integer");
    jk_snprintf(path, sizeof(path), "%sunit", base);
    if ((rc = str_opt(c, a, "unit", path, true, &unit)))
        return rc;
    jk_snprintf(path, sizeof(path), "%saccess", base);
    if ((rc = str_req(c, a, "access", path, true, &acc)))
        return rc;
    if (access_parse(acc, &ac))
        return lg_fail(c, JK_ECONSTRAINT, "I20", path,
                       "expected public, legit_interest or authority, got "
                       "%s",
                       acc);
    /* I24: evidence is a link with the SHA-256 of what it points to. */
    ev = json_object_get(a, "evidence");
    if (ev) {
        const char *url, *sha;
        uint8_t h[32];
        jk_snprintf(path, sizeof(path), "%sevidence.url", base);
        if (!json_is_object(ev))
            return lg_fail(c, JK_ECONSTRAINT, "I24", path,
                           "expected {url, sha256}");
        if ((rc = str_req(c, ev, "url", path, true, &url)))
            return rc;
        jk_snprintf(path, sizeof(path), "%sevidence.sha256", base);
        sha = json_string_value(json_object_get(ev, "sha256"));
        if (!sha || lg_unhex(sha, h, 32))
            return lg_fail(c, JK_ECONSTRAINT, "I24", path,
                           "expected the SHA-256 of the linked document "
                           "(64 hexadecimal digits)");
    }
    return JK_OK;
}

static int attr_add(lg_ctx *c, lg_passport *p, json_t *a)
{
    lg_attr *at = arena_new(c, sizeof(*at));
    json_t *v = json_object_get(a, "value");
    char num[32];
    if (!at)
        return oom(c);
    at->key = lg_strdup(c->lg, json_string_value(json_object_get(a, "key")));
    if (json_is_integer(v)) {
        jk_snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
        at->value = lg_strdup(c->lg, num);
    } else {
        at->value = lg_strdup(c->lg, json_string_value(v));
    }
    at->unit = lg_strdup(c->lg, json_string_value(json_object_get(a, "unit")));
    access_parse(json_string_value(json_object_get(a, "access")), &at->acc);
    at->seq = c->seq;
    v = json_object_get(a, "evidence");
    if (v) {
        at->ev_url =
            lg_strdup(c->lg, json_string_value(json_object_get(v, "url")));
        at->ev_sha =
            lg_strdup(c->lg, json_string_value(json_object_get(v, "sha256")));
        if (!at->ev_url || !at->ev_sha)
            return oom(c);
    }
    if (!at->key || !at->value || !at->unit)
        return oom(c);
    if (p->last)
        p->last->next = at;
    else
        p->attrs = at;
    p->last = at;
    return JK_OK;
}

/* The passport's subject: a lot (its responsible operator or delegate
 * writes, I21) or a product class (its manufacturer writes). *cur is
 * where the subject keeps its current passport id. */
static int subject_writable(lg_ctx *c, lg_lot *l, lg_class *k,
                            const char *field)
{
    if (l)
        return lot_writable(c, l, field);
    if (is_actor(c, k->manufacturer))
        return JK_OK;
    return lg_fail(c, JK_ECONSTRAINT, "I21", field,
                   "%s is not the manufacturer of product class %s (%s is)",
                   c->actor, k->id, k->manufacturer);
}

static int ev_passport_issue(lg_ctx *c)
{
    const char *id, *upi, *cls, *sup, *subj, **cur;
    int64_t version;
    json_t *attrs, *a;
    lg_passport *p, *old = NULL;
    lg_lot *l = NULL;
    lg_class *k = NULL;
    size_t i;
    char base[64];
    int rc;

    if ((rc = str_req(c, c->ev, "passport_id", "passport_id", true, &id)) ||
        (rc = str_opt(c, c->ev, "upi", "upi", true, &upi)) ||
        (rc = str_opt(c, c->ev, "class", "class", true, &cls)) ||
        (rc = int_req(c, c->ev, "version", "version", 1, UINT32_MAX,
                      &version)) ||
        (rc = str_opt(c, c->ev, "supersedes", "supersedes", true, &sup)) ||
        (rc = arr_req(c, c->ev, "attributes", "attributes", false, &attrs)))
        return rc;
    if (!upi == !cls)
        return lg_fail(c, JK_ECONSTRAINT, "I9", "upi",
                       "a passport is for a lot (upi) or a product class "
                       "(class), one of them");
    if (upi) {
        if (!(l = lot_req(c, upi, "upi")))
            return JK_ECONSTRAINT;
        cur = &l->passport;
        subj = l->upi;
    } else {
        if (!(k = lg_map_get(&c->lg->classes, cls)))
            return lg_fail(c, JK_ECONSTRAINT, "I9", "class",
                           "unknown product class %s", cls);
        cur = &k->passport;
        subj = k->id;
    }
    if ((rc = subject_writable(c, l, k, upi ? "upi" : "class")))
        return rc;
    if (lg_map_get(&c->lg->passports, id))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "passport_id",
                       "passport %s exists already", id);
    if (*cur) {
        old = lg_map_get(&c->lg->passports, *cur);
        if (!sup || strcmp(sup, old->id) != 0)
            return lg_fail(c, JK_ECONSTRAINT, "I7", "supersedes",
                           "%s %s has passport %s: a new one must "
                           "supersede it",
                           l ? "lot" : "class", subj, old->id);
        if ((uint32_t)version != old->version + 1)
            return lg_fail(c, JK_ECONSTRAINT, "I7", "version",
                           "expected version %u", old->version + 1);
    } else if (sup || version != 1) {
        return lg_fail(c, JK_ECONSTRAINT, "I7", sup ? "supersedes" : "version",
                       "%s %s has no passport yet: version 1, superseding "
                       "nothing",
                       l ? "lot" : "class", subj);
    }
    json_array_foreach (attrs, i, a) {
        jk_snprintf(base, sizeof(base), "attributes[%zu].", i);
        if ((rc = attr_check(c, a, base)))
            return rc;
    }
    if (!(p = arena_new(c, sizeof(*p))))
        return oom(c);
    p->id = lg_strdup(c->lg, id);
    p->upi = l ? l->upi : NULL;
    p->class_id = k ? k->id : NULL;
    p->issuer = c->actor;
    p->supersedes = old ? old->id : NULL;
    p->version = (uint32_t)version;
    p->seq = c->seq;
    if (!p->id || lg_map_put(&c->lg->passports, p->id, p))
        return oom(c);
    json_array_foreach (attrs, i, a)
        if (attr_add(c, p, a))
            return oom(c);
    if (old)
        old->superseded = true;
    *cur = p->id;
    return JK_OK;
}

static int ev_passport_set(lg_ctx *c)
{
    const char *id;
    lg_passport *p;
    int rc;

    if ((rc = str_req(c, c->ev, "passport_id", "passport_id", true, &id)))
        return rc;
    p = lg_map_get(&c->lg->passports, id);
    if (!p)
        return lg_fail(c, JK_ECONSTRAINT, "I9", "passport_id",
                       "unknown passport %s", id);
    if (p->superseded)
        return lg_fail(c, JK_ECONSTRAINT, "I7", "passport_id",
                       "passport %s is superseded; update the current one", id);
    if ((rc = subject_writable(
             c, p->upi ? lg_map_get(&c->lg->lots, p->upi) : NULL,
             p->upi ? NULL : lg_map_get(&c->lg->classes, p->class_id),
             "passport_id")) ||
        (rc = attr_check(c, c->ev, "")))
        return rc;
    return attr_add(c, p, c->ev);
}

/* ---- chain of custody: schemes, mass balance, book and claim ---- */

static const lg_scheme *rules_at(jk_ledger *lg, const char *scheme, int64_t t)
{
    const lg_scheme *s = lg_map_get(&lg->schemes, scheme);
    while (s && s->from > t)
        s = s->prev;
    return s;
}

static int ev_scheme_register(lg_ctx *c)
{
    const char *id, *from;
    int64_t t, days, tol;
    json_t *po;
    lg_scheme *s, *prev;
    int rc;

    if ((rc = str_req(c, c->ev, "scheme", "scheme", true, &id)) ||
        (rc = str_req(c, c->ev, "effective_from", "effective_from", true,
                      &from)) ||
        (rc = int_req(c, c->ev, "max_period_days", "max_period_days", 1, 3660,
                      &days)) ||
        (rc =
             int_req(c, c->ev, "tolerance_ppm", "tolerance_ppm", 0, PPM, &tol)))
        return rc;
    if (lg_time_parse(from, true, &t))
        return lg_fail(c, JK_ECONSTRAINT, "I9", "effective_from",
                       "expected a date YYYY-MM-DD");
    po = json_object_get(c->ev, "post_consumer_only");
    if (po && !json_is_boolean(po))
        return lg_fail(c, JK_ECONSTRAINT, "I9", "post_consumer_only",
                       "expected true or false");
    if (!is_log_op(c))
        return lg_fail(c, JK_ECONSTRAINT, "I5", "actor",
                       "only the log operator (%s) records scheme rules",
                       c->lg->op);
    prev = lg_map_get(&c->lg->schemes, id);
    if (prev && prev->from >= t)
        return lg_fail(c, JK_ECONSTRAINT, "I9", "effective_from",
                       "a newer version of %s must take effect after the "
                       "last one",
                       id);
    if (!(s = arena_new(c, sizeof(*s))))
        return oom(c);
    s->id = prev ? prev->id : lg_strdup(c->lg, id);
    s->from = t;
    s->max_days = days;
    s->tolerance_ppm = tol;
    s->post_only = json_is_true(po);
    s->prev = prev;
    if (!s->id || lg_map_put(&c->lg->schemes, s->id, s))
        return oom(c);
    return JK_OK;
}

static jk_mass acct_balance(const lg_account *a)
{
    return a->opening + a->credits - a->debits;
}

static int ev_mb_open(lg_ctx *c)
{
    const char *id, *ufi, *ch, *scheme, *ps, *pe, *carry;
    int64_t cf, start, end;
    const lg_scheme *rules;
    lg_account *a, *from = NULL;
    lg_map *am = &c->lg->accounts;
    lg_facility *f;
    size_t i;
    int rc;

    if ((rc = str_req(c, c->ev, "account", "account", true, &id)) ||
        (rc = str_req(c, c->ev, "facility", "facility", true, &ufi)) ||
        (rc = str_req(c, c->ev, "characteristic", "characteristic", false,
                      &ch)) ||
        (rc = str_req(c, c->ev, "scheme", "scheme", true, &scheme)) ||
        (rc = int_req(c, c->ev, "conversion_factor_ppm",
                      "conversion_factor_ppm", 1, PPM, &cf)) ||
        (rc = str_req(c, c->ev, "period_start", "period_start", true, &ps)) ||
        (rc = str_req(c, c->ev, "period_end", "period_end", true, &pe)) ||
        (rc = str_opt(c, c->ev, "carry_from", "carry_from", true, &carry)))
        return rc;
    if (lg_time_parse(ps, true, &start))
        return lg_fail(c, JK_ECONSTRAINT, "I15", "period_start",
                       "expected a date YYYY-MM-DD");
    if (lg_time_parse(pe, true, &end) || end <= start)
        return lg_fail(c, JK_ECONSTRAINT, "I15", "period_end",
                       "expected a date after period_start");
    if (!(f = fac_own(c, ufi, "facility")))
        return JK_ECONSTRAINT;
    if (lg_map_get(am, id))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "account",
                       "account %s exists already", id);
    if (!(rules = rules_at(c->lg, scheme, start)))
        return lg_fail(c, JK_ECONSTRAINT, "I15", "scheme",
                       "no rules of scheme %s in effect on %s", scheme, ps);
    if ((end - start) / 86400 > rules->max_days)
        return lg_fail(c, JK_ECONSTRAINT, "I15", "period_end",
                       "a credit period of %lld days is longer than the "
                       "%lld days %s allows",
                       (long long)((end - start) / 86400),
                       (long long)rules->max_days, scheme);
    for (i = 0; i < am->cap; i++) {
        lg_account *o = am->keys[i] ? am->vals[i] : NULL;
        if (o && o->facility == f->ufi && strcmp(o->charac, ch) == 0 &&
            strcmp(o->scheme, scheme) == 0 && start < o->end && o->start < end)
            return lg_fail(c, JK_ECONSTRAINT, "I15", "period_start",
                           "account %s already covers %s at %s in an "
                           "overlapping period",
                           o->id, ch, ufi);
    }
    if (carry) {
        from = lg_map_get(am, carry);
        if (!from || from->facility != f->ufi ||
            strcmp(from->charac, ch) != 0 || strcmp(from->scheme, scheme) != 0)
            return lg_fail(c, JK_ECONSTRAINT, "I15", "carry_from",
                           "%s is not an account of the same facility, "
                           "characteristic and scheme",
                           carry);
        if (!from->closed || from->carried)
            return lg_fail(
                c, JK_ECONSTRAINT, "I14", "carry_from", "account %s is %s",
                carry, from->closed ? "carried forward already" : "not closed");
        if (from->flagged)
            return lg_fail(c, JK_ECONSTRAINT, "I19", "carry_from",
                           "account %s closed outside the stock tolerance "
                           "and cannot back claims",
                           carry);
        if (from->cf_ppm != cf)
            return lg_fail(c, JK_ECONSTRAINT, "I15", "conversion_factor_ppm",
                           "credits move only between identical conversion "
                           "factors (%lld ppm there)",
                           (long long)from->cf_ppm);
    }
    if (!(a = arena_new(c, sizeof(*a))))
        return oom(c);
    a->id = lg_strdup(c->lg, id);
    a->facility = f->ufi;
    a->charac = lg_strdup(c->lg, ch);
    a->scheme = rules->id;
    a->rules = rules;
    a->start = start;
    a->end = end;
    a->cf_ppm = cf;
    if (!a->id || !a->charac || lg_map_put(am, a->id, a))
        return oom(c);
    if (from) {
        a->opening = acct_balance(from);
        from->carried = true;
    }
    return JK_OK;
}

/* The account, operated by the actor, open, with the event in period. */
static lg_account *acct_req(lg_ctx *c)
{
    const char *id;
    lg_account *a;
    if (str_req(c, c->ev, "account", "account", true, &id))
        return NULL;
    if (!(a = lg_map_get(&c->lg->accounts, id))) {
        lg_fail(c, JK_ECONSTRAINT, "I9", "account", "unknown account %s", id);
        return NULL;
    }
    if (!fac_own(c, a->facility, "account"))
        return NULL;
    if (a->flagged) {
        lg_fail(c, JK_ECONSTRAINT, "I19", "account",
                "account %s closed outside the stock tolerance and cannot "
                "back claims",
                id);
        return NULL;
    }
    if (a->closed) {
        lg_fail(c, JK_ECONSTRAINT, "I15", "account",
                "the period of account %s is closed", id);
        return NULL;
    }
    if (c->et < a->start || c->et >= a->end) {
        lg_fail(c, JK_ECONSTRAINT, "I15", "time",
                "the event lies outside the period of account %s", id);
        return NULL;
    }
    return a;
}

static int ev_mb_credit(lg_ctx *c)
{
    lg_account *a;
    lg_receipt *r;
    int64_t src;
    jk_mass mass, qual;
    char key[24];
    int rc;

    if (!(a = acct_req(c)))
        return JK_ECONSTRAINT;
    if ((rc = int_req(c, c->ev, "source", "source", 0, INT64_MAX, &src)) ||
        (rc = mass_req(c, c->ev, "mass", "mass", true, &mass)))
        return rc;
    jk_snprintf(key, sizeof(key), "%lld", (long long)src);
    r = lg_map_get(&c->lg->receipts, key);
    if (!r)
        return lg_fail(c, JK_ECONSTRAINT, "I15", "source",
                       "entry %lld is not a receipt (transaction.receive)",
                       (long long)src);
    if (r->facility != a->facility)
        return lg_fail(c, JK_ECONSTRAINT, "I15", "source",
                       "the receipt in entry %lld was at %s, not at the "
                       "account's facility %s",
                       (long long)src, r->facility, a->facility);
    if (r->credited)
        return lg_fail(c, JK_ECONSTRAINT, "I16", "source",
                       "the receipt in entry %lld backs a credit already",
                       (long long)src);
    qual = a->rules->post_only ? r->rec_post : r->rec_pre + r->rec_post;
    if (mass > qual)
        return lg_fail(c, JK_ECONSTRAINT, "I18", "mass",
                       "%lld g credited, but the receipt holds %lld g of "
                       "%srecycled material",
                       (long long)mass, (long long)qual,
                       a->rules->post_only ? "post-consumer " : "");
    a->credits += (jk_mass)((i128)mass * a->cf_ppm / PPM);
    r->credited = true;
    return JK_OK;
}

static int ev_mb_debit(lg_ctx *c)
{
    lg_account *a;
    const char *upi;
    jk_mass mass;
    lg_lot *l;
    int rc;

    if (!(a = acct_req(c)))
        return JK_ECONSTRAINT;
    if ((rc = str_req(c, c->ev, "upi", "upi", true, &upi)) ||
        (rc = mass_req(c, c->ev, "mass", "mass", true, &mass)))
        return rc;
    if (!(l = lot_req(c, upi, "upi")))
        return JK_ECONSTRAINT;
    if (l->facility != a->facility || (rc = lot_writable(c, l, "upi")))
        return rc ? rc
                  : lg_fail(c, JK_ECONSTRAINT, "I15", "upi",
                            "lot %s is at %s, not at the account's facility",
                            upi, l->facility);
    if (mass > acct_balance(a))
        return lg_fail(c, JK_ECONSTRAINT, "I14", "mass",
                       "%lld g claimed, but account %s holds %lld g",
                       (long long)mass, a->id, (long long)acct_balance(a));
    if (l->mb_claimed + mass > l->produced)
        return lg_fail(c, JK_ECONSTRAINT, "I16", "mass",
                       "lot %s would carry %lld g of claims for %lld g of "
                       "mass",
                       upi, (long long)(l->mb_claimed + mass),
                       (long long)l->produced);
    a->debits += mass;
    l->mb_claimed += mass;
    return JK_OK;
}

static int ev_mb_close(lg_ctx *c)
{
    lg_account *a;
    jk_mass phys, book, diff;
    int rc;

    if (!(a = acct_req(c)))
        return JK_ECONSTRAINT;
    if ((rc = mass_req(c, c->ev, "physical_mass", "physical_mass", false,
                       &phys)))
        return rc;
    book = acct_balance(a);
    diff = phys > book ? phys - book : book - phys;
    a->physical = phys;
    a->closed = true;
    a->flagged = (i128)diff * PPM > (i128)a->rules->tolerance_ppm * book;
    return JK_OK;
}

static int ev_bc_book(lg_ctx *c)
{
    const char *id, *src;
    jk_mass mass;
    lg_credit *k;
    lg_lot *l;
    int rc;

    if ((rc = str_req(c, c->ev, "credit", "credit", true, &id)) ||
        (rc = str_req(c, c->ev, "source", "source", true, &src)) ||
        (rc = mass_req(c, c->ev, "mass", "mass", true, &mass)))
        return rc;
    if (lg_map_get(&c->lg->credits, id))
        return lg_fail(c, JK_ECONSTRAINT, "I6", "credit",
                       "credit %s exists already", id);
    if (!(l = lot_req(c, src, "source")))
        return JK_ECONSTRAINT;
    if ((rc = lot_writable(c, l, "source")))
        return rc;
    if (l->booked + mass > l->rec_pre0 + l->rec_post0)
        return lg_fail(c, JK_ECONSTRAINT, "I17", "mass",
                       "booking %lld g would exceed the %lld g of recycled "
                       "material of lot %s (%lld g booked)",
                       (long long)mass, (long long)(l->rec_pre0 + l->rec_post0),
                       src, (long long)l->booked);
    if (!(k = arena_new(c, sizeof(*k))))
        return oom(c);
    k->id = lg_strdup(c->lg, id);
    k->owner = c->actor;
    k->source = l->upi;
    k->mass = mass;
    if (!k->id || lg_map_put(&c->lg->credits, k->id, k))
        return oom(c);
    l->booked += mass;
    return JK_OK;
}

static lg_credit *credit_held(lg_ctx *c)
{
    const char *id;
    lg_credit *k;
    if (str_req(c, c->ev, "credit", "credit", true, &id))
        return NULL;
    if (!(k = lg_map_get(&c->lg->credits, id))) {
        lg_fail(c, JK_ECONSTRAINT, "I17", "credit", "unknown credit %s", id);
        return NULL;
    }
    if (k->state == 2) {
        lg_fail(c, JK_ECONSTRAINT, "I17", "credit",
                "credit %s is retired (retirement is final)", id);
        return NULL;
    }
    if (!is_actor(c, k->owner)) {
        lg_fail(c, JK_ECONSTRAINT, "I17", "credit",
                "credit %s is held by %s, not %s", id, k->owner, c->actor);
        return NULL;
    }
    return k;
}

static int ev_bc_transfer(lg_ctx *c)
{
    lg_credit *k;
    lg_operator *op;
    const char *to;
    int rc;
    if (!(k = credit_held(c)))
        return JK_ECONSTRAINT;
    if ((rc = str_req(c, c->ev, "to", "to", true, &to)))
        return rc;
    if (!(op = op_req(c, to, "to")))
        return JK_ECONSTRAINT;
    if (is_actor(c, to))
        return lg_fail(c, JK_ECONSTRAINT, "I17", "to",
                       "a transfer goes to another operator");
    k->owner = op->uoi;
    k->state = 1;
    return JK_OK;
}

static int ev_bc_retire(lg_ctx *c)
{
    lg_credit *k;
    const char *against;
    lg_lot *l = NULL;
    int rc;
    if (!(k = credit_held(c)))
        return JK_ECONSTRAINT;
    if ((rc = str_opt(c, c->ev, "against", "against", true, &against)))
        return rc;
    if (against && !(l = lot_req(c, against, "against")))
        return JK_ECONSTRAINT;
    k->state = 2;
    k->against = l ? l->upi : NULL;
    return JK_OK;
}

/* ---- dispatch ---- */

int lg_event_apply(lg_ctx *c)
{
    typedef int (*handler)(lg_ctx * c);
    static const handler h[LG_N_TYPES] = {
        ev_log_init,       ev_operator_register, ev_key_add,
        ev_key_revoke,     ev_facility_register, ev_class_register,
        ev_lot_create,     ev_object_observe,    ev_object_destroy,
        ev_agg_pack,       ev_agg_unpack,        ev_association,
        ev_tx_ship,        ev_tx_receive,        ev_transformation,
        ev_error_declare,  ev_status_change,     ev_lot_delegate,
        ev_passport_issue, ev_passport_set,      ev_scheme_register,
        ev_mb_open,        ev_mb_credit,         ev_mb_debit,
        ev_mb_close,       ev_bc_book,           ev_bc_transfer,
        ev_bc_retire,
    };
    return h[c->type](c);
}

/* ---- input normalisation: masses to grams, once (I11) ---- */

static bool rec20_code(const char *s)
{
    size_t n = strlen(s), i;
    if (n < 2 || n > 3)
        return false;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

static bool is_mass_key(const char *k)
{
    size_t n = strlen(k);
    return strcmp(k, "mass") == 0 || (n > 5 && strcmp(k + n - 5, "_mass") == 0);
}

typedef struct norm_ctx {
    const char *label; /* "entry 12 (t.json:$[0])" */
    jk_err *err;       /* error out */
} norm_ctx;

static int nfail(norm_ctx *n, const char *path, const char *msg)
{
    char where[JK_ERR_WHERE];
    jk_snprintf(where, sizeof(where), "I11: %s: %s", n->label,
                path[0] == '.' ? path + 1 : path);
    return jk_err_set(n->err, JK_ECONSTRAINT, where, "%s", msg);
}

static int to_grams(json_t *v, norm_ctx *n, const char *path, jk_mass *g)
{
    jk_err e2;
    if (json_is_string(v)) {
        if (jk_mass_parse(json_string_value(v), NULL, g, &e2))
            return nfail(n, path, e2.msg);
        return JK_OK;
    }
    if (json_is_object(v)) {
        json_t *val = json_object_get(v, "value");
        const char *uom = json_string_value(json_object_get(v, "uom"));
        json_t *gpu = json_object_get(v, "g_per_unit");
        const jk_unit *u;
        char text[64];
        if (!uom || !rec20_code(uom))
            return nfail(n, path,
                         "uom: expected a UN/ECE Rec 20 code (KGM, TNE)");
        if (json_is_integer(val))
            jk_snprintf(text, sizeof(text), "%lld",
                        (long long)json_integer_value(val));
        else if (json_is_string(val))
            jk_strlcpy(text, json_string_value(val), sizeof(text));
        else
            return nfail(n, path,
                         "value: expected a number as text or an integer");
        u = jk_unit_find(uom);
        if (u && u->rec20) {
            if (jk_mass_parse(text, u, g, &e2))
                return nfail(n, path, e2.msg);
            return JK_OK;
        }
        {
            int64_t cnt;
            char msg[160];
            if (!json_is_integer(gpu) || json_integer_value(gpu) <= 0) {
                jk_snprintf(msg, sizeof(msg),
                            "%s is not a mass unit; give g_per_unit, the "
                            "grams in one %s",
                            uom, uom);
                return nfail(n, path, msg);
            }
            if (jk_parse_i64(text, &cnt) || cnt < 0 ||
                cnt > INT64_MAX / json_integer_value(gpu)) {
                jk_snprintf(msg, sizeof(msg),
                            "value: expected a whole count of %s", uom);
                return nfail(n, path, msg);
            }
            *g = cnt * json_integer_value(gpu);
            return JK_OK;
        }
    }
    return nfail(n, path,
                 "expected a mass with its unit (\"12.5 t\" or "
                 "{\"value\": \"12.5\", \"uom\": \"TNE\"})");
}

static int normalize(json_t *v, char *path, size_t plen, size_t cap,
                     norm_ctx *n)
{
    int rc = JK_OK;
    if (json_is_object(v)) {
        const char *key;
        json_t *x;
        void *tmp;
        json_object_foreach_safe(v, tmp, key, x)
        {
            jk_snprintf(path + plen, cap - plen, ".%s", key);
            if (is_mass_key(key)) {
                char gkey[128];
                jk_mass g;
                if ((rc = to_grams(x, n, path, &g)))
                    return rc;
                jk_snprintf(gkey, sizeof(gkey), "%s_g", key);
                if (json_object_get(v, gkey))
                    return nfail(n, path,
                                 "give the mass once, with a unit "
                                 "or in grams, not both");
                if (json_object_set_new(v, gkey, json_integer(g)))
                    return jk_err_set(n->err, JK_ENOMEM, NULL, "out of memory");
                json_object_del(v, key);
            } else if ((rc = normalize(x, path, strlen(path), cap, n))) {
                return rc;
            }
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x) {
            jk_snprintf(path + plen, cap - plen, "[%zu]", i);
            if ((rc = normalize(x, path, strlen(path), cap, n)))
                return rc;
        }
    } else if (json_is_real(v)) {
        return nfail(n, path,
                     "decimal numbers are not stored: give masses with a "
                     "unit and ratios as integers (ppm)");
    }
    return rc;
}

int lg_normalize(json_t *ev, const char *label, jk_err *err)
{
    char path[JK_ERR_WHERE] = "";
    norm_ctx n;
    n.label = label;
    n.err = err;
    return normalize(ev, path, 0, sizeof(path), &n);
}
