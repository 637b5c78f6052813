/*
 * Model vocabulary: organisation and site kinds, material codes, flow
 * endpoints and site capacities.
 */
#include <string.h>

#include <junkan/model.h>

static const char *const org_kinds[] = {
    NULL,           "municipality", "collector", "recycler",
    "manufacturer", "hub_operator", "authority", "auditor",
};
#define N_ORG_KINDS (sizeof(org_kinds) / sizeof(org_kinds[0]))

static const char *const site_kinds[] = {
    NULL,          "office",   "collection_point", "sorting", "recycling_plant",
    "incinerator", "landfill", "factory",          "port",    "yard",
};
#define N_SITE_KINDS (sizeof(site_kinds) / sizeof(site_kinds[0]))

static int kind_parse(const char *const *names, size_t n, const char *s,
                      int *out)
{
    size_t i;
    for (i = 1; i < n; i++) {
        if (strcmp(names[i], s) == 0) {
            *out = (int)i;
            return JK_OK;
        }
    }
    return JK_EPARSE;
}

const char *jk_org_kind_name(jk_org_kind k)
{
    if ((size_t)k < 1 || (size_t)k >= N_ORG_KINDS)
        return "?";
    return org_kinds[k];
}

int jk_org_kind_parse(const char *s, jk_org_kind *out)
{
    int k = 0;
    int rc = kind_parse(org_kinds, N_ORG_KINDS, s, &k);
    *out = (jk_org_kind)k;
    return rc;
}

const char *jk_org_kind_list(void)
{
    return "municipality, collector, recycler, manufacturer, hub_operator, "
           "authority, auditor";
}

const char *jk_site_kind_name(jk_site_kind k)
{
    if ((size_t)k < 1 || (size_t)k >= N_SITE_KINDS)
        return "?";
    return site_kinds[k];
}

int jk_site_kind_parse(const char *s, jk_site_kind *out)
{
    int k = 0;
    int rc = kind_parse(site_kinds, N_SITE_KINDS, s, &k);
    *out = (jk_site_kind)k;
    return rc;
}

const char *jk_site_kind_list(void)
{
    return "office, collection_point, sorting, recycling_plant, incinerator, "
           "landfill, factory, port, yard";
}

bool jk_material_code_valid(const char *code)
{
    size_t n = 0, seg = 0;
    const char *p;

    for (p = code; *p; p++, n++) {
        char c = *p;
        if (c == '.') {
            if (seg == 0)
                return false;
            seg = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
        seg++;
    }
    return n > 0 && n <= JK_ID_MAX && seg > 0;
}

const char *jk_material_parent(const char *code, char *buf, size_t cap)
{
    const char *dot = strrchr(code, '.');
    size_t n = dot ? (size_t)(dot - code) : 0;
    if (cap == 0)
        return buf;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, code, n);
    buf[n] = '\0';
    return buf;
}

int jk_node_parse(const char *node, jk_node_kind *kind, const char **id)
{
    const char *colon = strchr(node, ':');

    if (!colon) {
        *kind = JK_NODE_PROCESS;
        *id = node;
    } else if (colon - node == 4 && strncmp(node, "site", 4) == 0) {
        *kind = JK_NODE_SITE;
        *id = colon + 1;
    } else if (colon - node == 3 && strncmp(node, "org", 3) == 0) {
        *kind = JK_NODE_ORG;
        *id = colon + 1;
    } else if (colon - node == 3 && strncmp(node, "ext", 3) == 0) {
        *kind = JK_NODE_EXTERNAL;
        *id = colon + 1;
    } else {
        return JK_EPARSE;
    }
    return jk_id_valid(*id) ? JK_OK : JK_EPARSE;
}

int jk_capacities_parse(const char *text, jk_arena *a, jk_capacity **caps,
                        size_t *n, jk_err *err)
{
    jk_capacity *out;
    const char *p = text;
    size_t count = 1, k = 0, i;
    char item[128];

    *caps = NULL;
    *n = 0;
    if (!*text)
        return JK_OK;
    for (p = text; *p; p++)
        count += *p == ';';
    if (count > JK_SITE_MAX_CAPS)
        return jk_err_set(err, JK_ELIMIT, err ? err->where : NULL,
                          "at most %d capacities per site, got %zu",
                          JK_SITE_MAX_CAPS, count);
    out = jk_arena_alloc(a, count * sizeof(*out));
    if (!out)
        return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
    for (p = text; k < count; k++) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *eq, *mat, *mass;
        int rc;

        if (len >= sizeof(item))
            return jk_err_set(err, JK_EPARSE, err ? err->where : NULL,
                              "capacity entry too long");
        memcpy(item, p, len);
        item[len] = '\0';
        eq = strchr(item, '=');
        if (!eq)
            return jk_err_set(err, JK_EPARSE, err ? err->where : NULL,
                              "expected material=mass, got \"%s\"", item);
        *eq = '\0';
        mat = jk_str_trim(item);
        mass = jk_str_trim(eq + 1);
        if (!jk_material_code_valid(mat))
            return jk_err_set(err, JK_EPARSE, err ? err->where : NULL,
                              "\"%s\" is not a material code", mat);
        for (i = 0; i < k; i++)
            if (strcmp(out[i].material, mat) == 0)
                return jk_err_set(err, JK_EPARSE, err ? err->where : NULL,
                                  "material \"%s\" listed twice", mat);
        out[k].material = jk_arena_strdup(a, mat);
        if (!out[k].material)
            return jk_err_set(err, JK_ENOMEM, NULL, "out of memory");
        rc = jk_mass_parse(mass, NULL, &out[k].per_year, err);
        if (rc)
            return rc;
        if (out[k].per_year < 0)
            return jk_err_set(err, JK_ERANGE, err ? err->where : NULL,
                              "capacity of %s must not be negative", mat);
        p = end ? end + 1 : p + len;
    }
    *caps = out;
    *n = count;
    return JK_OK;
}
