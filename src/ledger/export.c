/*
 * Trace (breadth-first over the links made by transformations,
 * aggregations and associations), passports as each role may read
 * them, and exports: UNTP Digital Product Passports with inclusion
 * proofs, and EPCIS 2.0 documents.
 */
#include <string.h>

#include <sodium.h>

#include "ledger/ledger_int.h"

/* ---- trace ---- */

int jk_ledger_trace(const jk_ledger *lg, const char *upi, bool backward,
                    jk_ledger_link_cb cb, void *ctx, jk_err *err)
{
    const lg_lot *start = lg_map_get(&lg->lots, upi);
    const char **queue = NULL;
    int *depth = NULL;
    size_t head = 0, tail = 0, cap = 0, i;
    lg_map seen;
    char *used = NULL;
    int rc = JK_OK;

    if (!start)
        return jk_err_set(err, JK_ENOTFOUND, "upi", "no lot %s in the log",
                          upi);
    memset(&seen, 0, sizeof(seen));
    used = lg->n_edges ? jk_calloc(lg->n_edges, 1) : NULL;
    cap = 64;
    queue = jk_malloc(cap * sizeof(*queue));
    depth = jk_malloc(cap * sizeof(*depth));
    if ((lg->n_edges && !used) || !queue || !depth ||
        lg_map_put(&seen, start->upi, (void *)start)) {
        rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        goto done;
    }
    queue[tail] = start->upi;
    depth[tail++] = 0;
    while (head < tail && rc == JK_OK) {
        const char *cur = queue[head];
        int d = depth[head++];
        for (i = 0; i < lg->n_edges && rc == JK_OK; i++) {
            const lg_edge *e = &lg->edges[i];
            const char *next;
            jk_ledger_link l;
            if (used[i] || (backward ? e->to : e->from) != cur)
                continue;
            used[i] = 1;
            next = backward ? e->from : e->to;
            l.from = e->from;
            l.to = e->to;
            l.mass = e->mass;
            l.seq = e->seq;
            l.kind = e->kind;
            l.depth = d + 1;
            l.erroneous = (lg->type_of[e->seq] & 0x80) != 0;
            rc = cb(ctx, &l);
            if (rc || lg_map_get(&seen, next))
                continue;
            if (tail == cap) {
                const char **q2;
                int *d2;
                cap *= 2;
                q2 = jk_realloc(queue, cap * sizeof(*queue));
                if (q2)
                    queue = q2;
                d2 = jk_realloc(depth, cap * sizeof(*depth));
                if (d2)
                    depth = d2;
                if (!q2 || !d2) {
                    rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                    break;
                }
            }
            if (lg_map_put(&seen, next, (void *)next)) {
                rc = jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
                break;
            }
            queue[tail] = next;
            depth[tail++] = d + 1;
        }
    }
done:
    lg_map_free(&seen);
    jk_free(used);
    jk_free(queue);
    jk_free(depth);
    return rc;
}

/* ---- passports ---- */

int jk_ledger_role_parse(const char *s, jk_ledger_access *out)
{
    static const char *const legit[] = {"legit_interest", "recycler",
                                        "repairer",       "remanufacturer",
                                        "second_life",    NULL};
    static const char *const auth[] = {"authority", "notified_body",
                                       "market_surveillance", "commission",
                                       NULL};
    size_t i;
    if (strcmp(s, "public") == 0) {
        *out = JK_ACCESS_PUBLIC;
        return JK_OK;
    }
    for (i = 0; legit[i]; i++)
        if (strcmp(s, legit[i]) == 0) {
            *out = JK_ACCESS_LEGIT_INTEREST;
            return JK_OK;
        }
    for (i = 0; auth[i]; i++)
        if (strcmp(s, auth[i]) == 0) {
            *out = JK_ACCESS_AUTHORITY;
            return JK_OK;
        }
    return JK_EINVAL;
}

int jk_ledger_passport_get(const jk_ledger *lg, const char *id,
                           jk_ledger_passport *out, jk_err *err)
{
    const lg_passport *p = lg_map_get(&lg->passports, id);
    memset(out, 0, sizeof(*out));
    if (!p)
        return jk_err_set(err, JK_ENOTFOUND, "passport", "no passport %s", id);
    out->id = p->id;
    out->upi = p->upi;
    out->class_id = p->class_id;
    out->issuer = p->issuer;
    out->supersedes = p->supersedes;
    out->version = p->version;
    out->superseded = p->superseded;
    out->seq = p->seq;
    return JK_OK;
}

int jk_ledger_passport_attrs(const jk_ledger *lg, const char *id,
                             jk_ledger_access role, jk_ledger_attr_cb cb,
                             void *ctx, jk_err *err)
{
    const lg_passport *p = lg_map_get(&lg->passports, id);
    const lg_attr *a, *b;
    int rc;

    if (!p)
        return jk_err_set(err, JK_ENOTFOUND, "passport", "no passport %s", id);
    for (a = p->attrs; a; a = a->next) {
        const lg_attr *latest = a;
        bool first = true;
        jk_ledger_attr out;
        for (b = p->attrs; b != a; b = b->next)
            if (strcmp(b->key, a->key) == 0)
                first = false;
        if (!first)
            continue;
        for (b = a->next; b; b = b->next)
            if (strcmp(b->key, a->key) == 0)
                latest = b;
        if (latest->acc > role)
            continue; /* I20: not for this role */
        out.key = latest->key;
        out.value = latest->value;
        out.unit = latest->unit;
        out.access = latest->acc;
        out.seq = latest->seq;
        out.evidence = latest->ev_url;
        out.evidence_sha256 = latest->ev_sha;
        if ((rc = cb(ctx, &out)) != 0)
            return rc;
    }
    return JK_OK;
}

/* ---- entries for exports ---- */

typedef struct row {
    int64_t seq; /* entry */
    json_t *doc; /* parsed body */
    char *sig;   /* hex signature */
} row;

typedef struct rows {
    row *r;     /* entries */
    size_t n;   /* used */
    size_t cap; /* allocated */
} rows;

static int keep_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    rows *rs = ctx;
    json_error_t je;
    if (rs->n == rs->cap) {
        size_t ncap = rs->cap ? rs->cap * 2 : 256;
        row *p = jk_realloc(rs->r, ncap * sizeof(*p));
        if (!p)
            return JK_ENOMEM;
        rs->r = p;
        rs->cap = ncap;
    }
    rs->r[rs->n].seq = seq;
    rs->r[rs->n].doc = json_loads(body, 0, &je);
    rs->r[rs->n].sig = jk_strdup(sig);
    if (!rs->r[rs->n].doc || !rs->r[rs->n].sig) {
        json_decref(rs->r[rs->n].doc);
        jk_free(rs->r[rs->n].sig);
        return JK_ENOMEM;
    }
    rs->n++;
    return JK_OK;
}

static void rows_free(rows *rs)
{
    size_t i;
    for (i = 0; i < rs->n; i++) {
        json_decref(rs->r[i].doc);
        jk_free(rs->r[i].sig);
    }
    jk_free(rs->r);
}

static int load_rows(jk_ledger *lg, rows *rs, jk_err *err)
{
    int rc;
    memset(rs, 0, sizeof(*rs));
    lg_json_init();
    rc = jk_store_ledger_each(lg->store, 0, keep_row, rs, err);
    if (rc == JK_ENOMEM)
        rc = jk_err_set(err, rc, NULL, "out of memory");
    return rc;
}

typedef struct set_ctx {
    lg_map *set; /* upis */
    int rc;      /* JK_ENOMEM on failure */
} set_ctx;

static int add_from(void *ctx, const jk_ledger_link *l)
{
    set_ctx *s = ctx;
    if (lg_map_put(s->set, l->from, (void *)l->from))
        return JK_ENOMEM;
    return 0;
}

/* upi and every lot it came from. */
static int lineage(const jk_ledger *lg, const char *upi, lg_map *set,
                   jk_err *err)
{
    set_ctx s = {set, 0};
    const lg_lot *l = lg_map_get(&lg->lots, upi);
    if (!l)
        return jk_err_set(err, JK_ENOTFOUND, "upi", "no lot %s in the log",
                          upi);
    if (lg_map_put(set, l->upi, (void *)l->upi))
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    return jk_ledger_trace(lg, upi, true, add_from, &s, err);
}

/* Does the event name a lot of the set? */
static bool touches(json_t *ev, const lg_map *set)
{
    static const char *const one[] = {"upi", "parent", NULL};
    static const char *const many[] = {"lots", "children", NULL};
    static const char *const objs[] = {"inputs", "outputs", NULL};
    size_t i, j;
    json_t *v;
    if (!set)
        return true;
    for (i = 0; one[i]; i++)
        if (json_string_value(json_object_get(ev, one[i])) &&
            lg_map_get(set, json_string_value(json_object_get(ev, one[i]))))
            return true;
    for (i = 0; many[i]; i++)
        json_array_foreach (json_object_get(ev, many[i]), j, v)
            if (json_string_value(v) && lg_map_get(set, json_string_value(v)))
                return true;
    for (i = 0; objs[i]; i++)
        json_array_foreach (json_object_get(ev, objs[i]), j, v) {
            const char *u = json_string_value(json_object_get(v, "upi"));
            if (u && lg_map_get(set, u))
                return true;
        }
    return false;
}

/* ---- EPCIS 2.0 ---- */

static json_t *kg(json_int_t g)
{
    return json_real((double)g / 1000.0);
}

static const char *tz_of(const char *t)
{
    size_t n = strlen(t);
    if (n && t[n - 1] == 'Z')
        return "+00:00";
    return n >= 6 ? t + n - 6 : "+00:00";
}

static json_t *epc_list(json_t *arr, const char *key)
{
    json_t *out = json_array(), *v;
    size_t i;
    json_array_foreach (arr, i, v) {
        const char *u = key ? json_string_value(json_object_get(v, key))
                            : json_string_value(v);
        if (u)
            json_array_append_new(out, json_string(u));
    }
    return out;
}

static json_t *qty_list(const jk_ledger *lg, json_t *arr)
{
    json_t *out = json_array(), *v;
    size_t i;
    json_array_foreach (arr, i, v) {
        const char *u = json_string_value(json_object_get(v, "upi"));
        const char *cls = json_string_value(json_object_get(v, "class"));
        const lg_lot *l = u ? lg_map_get(&lg->lots, u) : NULL;
        if (!cls && l)
            cls = l->class_id;
        if (!cls || !*cls)
            continue;
        json_array_append_new(
            out, json_pack("{s:s, s:o, s:s}", "epcClass", cls, "quantity",
                           kg(json_integer_value(json_object_get(v, "mass_g"))),
                           "uom", "KGM"));
    }
    return out;
}

/* One log entry as an EPCIS event, or NULL for entries EPCIS has no
 * event for (master data, passports, accounts). */
static json_t *epcis_event(const jk_ledger *lg, json_t *doc)
{
    const char *type = json_string_value(json_object_get(doc, "type"));
    json_t *ev = json_object_get(doc, "ev"), *e;
    const char *t = json_string_value(json_object_get(ev, "time"));
    const char *loc = json_string_value(json_object_get(ev, "facility"));
    char id[128];

    jk_snprintf(id, sizeof(id), "ni:///sha-256;%s?ver=CBV2.0",
                json_string_value(json_object_get(doc, "eh")));
    e = json_pack("{s:s, s:s, s:s}", "eventID", id, "eventTime", t,
                  "eventTimeZoneOffset", tz_of(t));
    if (!e)
        return NULL;
    if (strcmp(type, "lot.create") == 0) {
        json_t *q = json_array();
        json_object_set_new(e, "type", json_string("ObjectEvent"));
        json_object_set_new(e, "action", json_string("ADD"));
        json_object_set_new(
            e, "epcList",
            json_pack("[s]", json_string_value(json_object_get(ev, "upi"))));
        json_array_append_new(
            q, json_pack("{s:s, s:o, s:s}", "epcClass",
                         json_string_value(json_object_get(ev, "class")),
                         "quantity",
                         kg(json_integer_value(json_object_get(ev, "mass_g"))),
                         "uom", "KGM"));
        json_object_set_new(e, "quantityList", q);
        json_object_set_new(e, "bizStep", json_string("commissioning"));
    } else if (strcmp(type, "object.observe") == 0 ||
               strcmp(type, "object.destroy") == 0) {
        bool d = strcmp(type, "object.destroy") == 0;
        json_object_set_new(e, "type", json_string("ObjectEvent"));
        json_object_set_new(e, "action", json_string(d ? "DELETE" : "OBSERVE"));
        json_object_set_new(
            e, "epcList",
            json_pack("[s]", json_string_value(json_object_get(ev, "upi"))));
        json_object_set_new(e, "bizStep",
                            json_string(d ? "destroying" : "inspecting"));
    } else if (strcmp(type, "transaction.receive") == 0) {
        json_object_set_new(e, "type", json_string("ObjectEvent"));
        json_object_set_new(e, "action", json_string("OBSERVE"));
        json_object_set_new(e, "epcList",
                            epc_list(json_object_get(ev, "lots"), NULL));
        json_object_set_new(e, "bizStep", json_string("receiving"));
    } else if (strcmp(type, "transaction.ship") == 0) {
        json_t *bt = json_array(), *v;
        size_t i;
        json_array_foreach (json_object_get(ev, "biz_transactions"), i, v)
            json_array_append_new(
                bt, json_pack("{s:s, s:s}", "type",
                              json_string_value(json_object_get(v, "type")),
                              "bizTransaction",
                              json_string_value(json_object_get(v, "id"))));
        json_object_set_new(e, "type", json_string("TransactionEvent"));
        json_object_set_new(e, "action", json_string("ADD"));
        json_object_set_new(e, "bizTransactionList", bt);
        json_object_set_new(e, "epcList",
                            epc_list(json_object_get(ev, "lots"), NULL));
        json_object_set_new(e, "bizStep", json_string("shipping"));
        json_object_set_new(
            e, "destinationList",
            json_pack("[{s:s, s:s}]", "type", "owning_party", "destination",
                      json_string_value(json_object_get(ev, "destination"))));
    } else if (strcmp(type, "aggregation.pack") == 0 ||
               strcmp(type, "aggregation.unpack") == 0) {
        bool pack = strcmp(type, "aggregation.pack") == 0;
        json_object_set_new(e, "type", json_string("AggregationEvent"));
        json_object_set_new(e, "action", json_string(pack ? "ADD" : "DELETE"));
        json_object_set_new(
            e, "parentID",
            json_string(json_string_value(json_object_get(ev, "parent"))));
        if (pack)
            json_object_set_new(
                e, "childEPCs",
                epc_list(json_object_get(ev, "children"), NULL));
        json_object_set_new(e, "bizStep",
                            json_string(pack ? "packing" : "unpacking"));
    } else if (strcmp(type, "association") == 0) {
        const char *a = json_string_value(json_object_get(ev, "action"));
        json_object_set_new(e, "type", json_string("AssociationEvent"));
        json_object_set_new(
            e, "action",
            json_string(a && strcmp(a, "delete") == 0 ? "DELETE" : "ADD"));
        json_object_set_new(
            e, "parentID",
            json_string(json_string_value(json_object_get(ev, "parent"))));
        json_object_set_new(e, "childEPCs",
                            epc_list(json_object_get(ev, "children"), NULL));
        json_object_set_new(e, "bizStep", json_string("assembling"));
    } else if (strcmp(type, "transformation") == 0) {
        json_object_set_new(e, "type", json_string("TransformationEvent"));
        json_object_set_new(e, "inputEPCList",
                            epc_list(json_object_get(ev, "inputs"), "upi"));
        json_object_set_new(e, "inputQuantityList",
                            qty_list(lg, json_object_get(ev, "inputs")));
        json_object_set_new(e, "outputEPCList",
                            epc_list(json_object_get(ev, "outputs"), "upi"));
        json_object_set_new(e, "outputQuantityList",
                            qty_list(lg, json_object_get(ev, "outputs")));
        json_object_set_new(e, "bizStep", json_string("transforming"));
    } else {
        json_decref(e);
        return NULL;
    }
    if (loc)
        json_object_set_new(e, "bizLocation", json_pack("{s:s}", "id", loc));
    return e;
}

static int dump_into(json_t *doc, jk_buf *out, jk_err *err)
{
    char *t = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                  JSON_REAL_PRECISION(12));
    int rc;
    if (!t)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    rc = jk_buf_adds(out, t);
    if (rc == JK_OK)
        rc = jk_buf_adds(out, "\n");
    jk_free(t);
    return rc ? jk_err_set(err, rc, NULL, "output too large") : JK_OK;
}

static json_t *epcis_doc(const jk_ledger *lg, const rows *rs, const lg_map *set)
{
    json_t *list = json_array(), *doc;
    char now[32];
    size_t i;
    for (i = 0; i < rs->n; i++) {
        json_t *d = rs->r[i].doc, *e;
        if (!touches(json_object_get(d, "ev"), set))
            continue;
        e = epcis_event(lg, d);
        if (e)
            json_array_append_new(list, e);
    }
    lg_time_format(lg->last_rt, now, sizeof(now));
    doc = json_pack(
        "{s:[s], s:s, s:s, s:s, s:{s:o}}", "@context",
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        "type", "EPCISDocument", "schemaVersion", "2.0", "creationDate", now,
        "epcisBody", "eventList", list);
    return doc;
}

int jk_ledger_epcis(jk_ledger *lg, const char *upi, jk_buf *out, jk_err *err)
{
    rows rs;
    lg_map set;
    json_t *doc;
    int rc;

    memset(&set, 0, sizeof(set));
    if (upi && (rc = lineage(lg, upi, &set, err)) != JK_OK) {
        lg_map_free(&set);
        return rc;
    }
    rc = load_rows(lg, &rs, err);
    if (rc == JK_OK) {
        doc = epcis_doc(lg, &rs, upi ? &set : NULL);
        rc = doc ? dump_into(doc, out, err)
                 : jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        json_decref(doc);
    }
    rows_free(&rs);
    lg_map_free(&set);
    return rc;
}

/* ---- UNTP Digital Product Passport ---- */

static json_t *proof_json(const jk_merkle_proof *p)
{
    jk_buf b;
    json_t *j = NULL;
    jk_buf_init(&b, 1 << 16);
    if (jk_merkle_proof_format(p, &b) == JK_OK)
        j = json_loads(b.data, 0, NULL);
    jk_buf_free(&b);
    return j;
}

static int add_attr(void *ctx, const jk_ledger_attr *a)
{
    json_t *arr = ctx;
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s}", "key", a->key, "value", a->value,
                  "unit", a->unit, "access", jk_ledger_access_name(a->access));
    return o ? json_array_append_new(arr, o) : JK_ENOMEM;
}

/* May role read every attribute an entry carries? */
static bool readable(json_t *ev, jk_ledger_access role)
{
    json_t *a;
    size_t i;
    json_array_foreach (json_object_get(ev, "attributes"), i, a) {
        const char *acc = json_string_value(json_object_get(a, "access"));
        jk_ledger_access x = JK_ACCESS_AUTHORITY;
        if (acc && strcmp(acc, "public") == 0)
            x = JK_ACCESS_PUBLIC;
        else if (acc && strcmp(acc, "legit_interest") == 0)
            x = JK_ACCESS_LEGIT_INTEREST;
        if (x > role)
            return false;
    }
    return true;
}

typedef struct cp_find {
    int64_t size; /* wanted tree size */
    char *note;   /* its note, or NULL */
} cp_find;

static int find_cp(void *ctx, int64_t size, const char *note, const char *sig)
{
    cp_find *f = ctx;
    (void)sig;
    if (size == f->size && !f->note)
        f->note = jk_strdup(note);
    return 0;
}

int jk_ledger_passport_untp(jk_ledger *lg, const char *id,
                            jk_ledger_access role, jk_buf *out, jk_err *err)
{
    const lg_passport *p = lg_map_get(&lg->passports, id);
    const lg_lot *l;
    const lg_class *k;
    const lg_operator *iss, *prod;
    const lg_facility *fac;
    lg_map set;
    rows rs;
    json_t *vc = NULL, *subject, *product, *links, *entries, *env = NULL;
    json_t *attrs, *materials;
    int64_t size;
    char rt[32], root[65], when[32];
    uint8_t r[JK_HASH_LEN];
    size_t i;
    int rc;

    if (!p)
        return jk_err_set(err, JK_ENOTFOUND, "passport", "no passport %s", id);
    l = p->upi ? lg_map_get(&lg->lots, p->upi) : NULL;
    k = lg_map_get(&lg->classes, l ? l->class_id : p->class_id);
    iss = lg_map_get(&lg->operators, p->issuer);
    prod = lg_map_get(&lg->operators, l ? l->responsible : k->manufacturer);
    fac = l ? lg_map_get(&lg->facilities, l->facility) : NULL;
    memset(&set, 0, sizeof(set));
    if (l && (rc = lineage(lg, p->upi, &set, err)) != JK_OK) {
        lg_map_free(&set);
        return rc;
    }
    if ((rc = load_rows(lg, &rs, err)) != JK_OK) {
        lg_map_free(&set);
        return rc;
    }
    size = lg->last_cp > p->seq ? lg->last_cp : lg->n;
    jk_merkle_root(lg->tree, (uint64_t)size, r, NULL);
    lg_hex(r, JK_HASH_LEN, root);
    lg_time_format(lg->last_rt, rt, sizeof(rt));
    /* validFrom: the record time of the issuing entry */
    jk_strlcpy(when, json_string_value(json_object_get(rs.r[p->seq].doc, "rt")),
               sizeof(when));

    links = json_array();
    entries = json_array();
    attrs = json_array();
    materials = json_array();
    for (i = 0; i < rs.n; i++) {
        json_t *d = rs.r[i].doc, *ev = json_object_get(d, "ev");
        const char *type = json_string_value(json_object_get(d, "type"));
        bool issuing = rs.r[i].seq == p->seq;
        bool trace = false;
        jk_merkle_proof pr;
        uint8_t sig[64], chain[JK_HASH_LEN], leaf[JK_HASH_LEN];
        char *body;
        char h[65], url[600];
        if (!issuing && l && touches(ev, &set)) {
            json_t *tmp = epcis_event(lg, d);
            trace = tmp != NULL;
            json_decref(tmp);
        }
        if (!issuing && !trace)
            continue;
        body = lg_canon(d);
        lg_unhex(rs.r[i].sig, sig, 64);
        lg_entry_hashes(body, strlen(body), sig, chain, leaf);
        jk_free(body);
        lg_hex(chain, JK_HASH_LEN, h);
        jk_snprintf(url, sizeof(url), "urn:junkan:ledger:%s:entry:%lld",
                    lg->origin, (long long)rs.r[i].seq);
        if (trace)
            json_array_append_new(
                links,
                json_pack("{s:[s,s], s:s, s:s, s:s, s:s, s:s}", "type",
                          "SecureLink", "Link", "linkURL", url, "linkName",
                          type, "linkType", "https://ref.gs1.org/epcis",
                          "hashDigest", h, "hashMethod", "SHA-256"));
        if (jk_merkle_inclusion(lg->tree, (uint64_t)rs.r[i].seq, (uint64_t)size,
                                &pr, NULL) != JK_OK)
            continue;
        if (issuing && !readable(ev, role)) {
            /* I20: the entry holds attributes this role may not read:
             * only its leaf hash, which the proof covers. */
            char lh[65];
            lg_hex(leaf, JK_HASH_LEN, lh);
            json_array_append_new(entries,
                                  json_pack("{s:I, s:b, s:s, s:o}", "seq",
                                            (json_int_t)rs.r[i].seq, "redacted",
                                            1, "leaf_sha256", lh, "inclusion",
                                            proof_json(&pr)));
        } else {
            json_array_append_new(
                entries, json_pack("{s:I, s:O, s:s, s:o}", "seq",
                                   (json_int_t)rs.r[i].seq, "entry", d, "sig",
                                   rs.r[i].sig, "inclusion", proof_json(&pr)));
        }
    }
    jk_ledger_passport_attrs(lg, id, role, add_attr, attrs, NULL);
    if (k)
        json_array_append_new(
            materials,
            json_pack("{s:[s], s:s, s:f, s:f}", "type", "Material", "name",
                      k->material, "massFraction", 1.0, "recycledMassFraction",
                      l && l->produced ? (double)(l->rec_pre0 + l->rec_post0) /
                                             (double)l->produced
                                       : 0.0));
    product = json_pack("{s:[s], s:s, s:s, s:{s:s, s:s}, s:{s:[s], s:o}}",
                        "type", "Product", "id", l ? l->upi : k->id, "name",
                        k ? k->name : "aggregate", "producedByParty", "id",
                        prod->uoi, "name", prod->name, "characteristics",
                        "type", "Characteristics", "attributes", attrs);
    if (product && l)
        json_object_set_new(product, "batchNumber", json_string(l->upi));
    if (product && fac)
        json_object_set_new(
            product, "producedAtFacility",
            json_pack("{s:s, s:s}", "id", fac->ufi, "name", fac->name));
    subject = json_pack(
        "{s:[s], s:s, s:o, s:s, s:[{s:[s], s:s, s:o}], s:o}", "type",
        "ProductPassport", "id", p->id, "product", product, "granularityLevel",
        l ? "batch" : "model", "traceabilityInformation", "type",
        "TraceabilityPerformance", "valueChainProcess", "junkan ledger",
        "traceabilityEvent", links, "materialsProvenance", materials);
    /* One chain-of-custody model per claim: a mass-balance claim when the
     * lot carries one, else the segregated recycled share (the two would
     * count the same receipt twice). */
    if (subject && l && l->produced)
        json_object_set_new(
            subject, "circularityScorecard",
            json_pack("{s:[s], s:f}", "type", "CircularityPerformance",
                      "recycledContent",
                      (double)(l->mb_claimed ? l->mb_claimed
                                             : l->rec_pre0 + l->rec_post0) /
                          (double)l->produced));
    vc = json_pack("{s:[s,s], s:[s,s], s:s, s:{s:[s], s:s, s:s}, s:s, s:o}",
                   "type", "DigitalProductPassport", "VerifiableCredential",
                   "@context", "https://www.w3.org/ns/credentials/v2",
                   "https://test.uncefact.org/vocabulary/untp/dpp/working/",
                   "id", p->id, "issuer", "type", "CredentialIssuer", "id",
                   iss->uoi, "name", iss->name, "validFrom", when,
                   "credentialSubject", subject);
    if (vc) {
        cp_find f = {size, NULL};
        json_t *ledger;
        jk_store_ledger_each_checkpoint(lg->store, find_cp, &f, NULL);
        ledger =
            json_pack("{s:s, s:I, s:s, s:s, s:s, s:s?, s:o}", "origin",
                      lg->origin, "tree_size", (json_int_t)size, "root_sha256",
                      root, "as_of", rt, "role", jk_ledger_access_name(role),
                      "checkpoint", f.note, "entries", entries);
        jk_free(f.note);
        env = ledger ? json_pack("{s:o, s:o}", "passport", vc, "ledger", ledger)
                     : NULL;
    }
    rc = env ? dump_into(env, out, err)
             : jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    json_decref(env);
    rows_free(&rs);
    lg_map_free(&set);
    return rc;
}
