/*
 * Server internals: API tokens (roles, organisations, forged, revoked,
 * malformed; only a hash stored) on a real store (SQLite, or PostgreSQL
 * when JUNKAN_TEST_PG is set), and the OpenAPI
 * description generated from the route table. The HTTP behaviour is
 * tested end to end by tests/server/e2e.sh and page.py.
 */
#include <stdlib.h>
#include <unistd.h>

#include "jk_test.h"

#include "server/srv_int.h"

static jk_store *store;
static char path[512];

static int setup(void **state)
{
    jk_err err;
    jk_store_opts o;
    jk_org org;
    (void)state;
    /* A SQLite file, or a PostgreSQL database with JUNKAN_TEST_PG. */
    jk_test_store_new(path, sizeof(path));
    jk_store_opts_init(&o);
    o.create = true;
    if (jk_store_open(path, &o, &store, &err) || jk_seed_reference(store, &err))
        return -1;
    memset(&org, 0, sizeof(org));
    org.id = "acme";
    org.name = "Acme";
    org.name_en = "";
    org.kind = JK_ORG_MANUFACTURER;
    org.corporate_number = org.lg_code = org.region = "";
    return jk_store_put_org(store, &org, &err);
}

static int teardown(void **state)
{
    (void)state;
    jk_store_close(store);
    jk_test_store_remove(path);
    return 0;
}

static void tokens_by_role(void **state)
{
    char tok[JK_TOKEN_LEN + 1], id[17];
    jk_grant g;
    jk_err err;
    (void)state;
    assert_rc(
        jk_token_create(store, JK_ROLE_MEMBER, "acme", "ci", tok, id, &err),
        JK_OK);
    assert_int_equal(strlen(tok), JK_TOKEN_LEN);
    assert_memory_equal(tok, "jk_", 3);
    assert_memory_equal(tok + 3, id, 16);
    assert_rc(jk_token_check(store, tok, &g, &err), JK_OK);
    assert_int_equal(g.role, JK_ROLE_MEMBER);
    assert_string_equal(g.org, "acme");
    assert_string_equal(g.token_id, id);
    assert_rc(jk_token_create(store, JK_ROLE_AUDITOR, "", "", tok, id, &err),
              JK_OK);
    assert_rc(jk_token_check(store, tok, &g, &err), JK_OK);
    assert_int_equal(g.role, JK_ROLE_AUDITOR);
    assert_string_equal(g.org, "");
    /* rules on organisations */
    assert_rc(jk_token_create(store, JK_ROLE_MEMBER, "", "", tok, id, &err),
              JK_EINVAL);
    assert_rc(
        jk_token_create(store, JK_ROLE_MEMBER, "nobody", "", tok, id, &err),
        JK_ENOTFOUND);
    assert_rc(jk_token_create(store, JK_ROLE_ADMIN, "acme", "", tok, id, &err),
              JK_EINVAL);
    assert_rc(jk_token_create(store, JK_ROLE_PUBLIC, "", "", tok, id, &err),
              JK_EINVAL);
}

typedef struct seen {
    char secret[65];
    int n, leaked;
} seen;

static int on_token(void *ctx, const jk_token_rec *t)
{
    seen *s = ctx;
    s->n++;
    if (strstr(t->hash, s->secret) || strlen(t->hash) != 64)
        s->leaked++;
    return 0;
}

static void forged_revoked_malformed(void **state)
{
    char tok[JK_TOKEN_LEN + 1], id[17], bad[JK_TOKEN_LEN + 1];
    jk_grant g;
    jk_err err;
    seen s;
    (void)state;
    assert_rc(jk_token_create(store, JK_ROLE_ADMIN, "", "", tok, id, &err),
              JK_OK);
    /* one changed digit of the secret */
    memcpy(bad, tok, sizeof(bad));
    bad[JK_TOKEN_LEN - 1] = bad[JK_TOKEN_LEN - 1] == '0' ? '1' : '0';
    assert_rc(jk_token_check(store, bad, &g, &err), JK_EINVAL);
    assert_non_null(strstr(err.msg, "wrong secret"));
    assert_int_equal(g.role, JK_ROLE_PUBLIC);
    /* an unknown id */
    memcpy(bad, tok, sizeof(bad));
    bad[3] = bad[3] == 'a' ? 'b' : 'a';
    assert_rc(jk_token_check(store, bad, &g, &err), JK_EINVAL);
    /* malformed */
    assert_rc(jk_token_check(store, "jk_short", &g, &err), JK_EINVAL);
    assert_string_equal(err.msg, "malformed token");
    memcpy(bad, tok, sizeof(bad));
    bad[30] = 'Z';
    assert_rc(jk_token_check(store, bad, &g, &err), JK_EINVAL);
    assert_rc(jk_token_check(store, NULL, &g, &err), JK_EINVAL);
    /* the store keeps a hash, never the secret */
    memset(&s, 0, sizeof(s));
    memcpy(s.secret, tok + 20, 64);
    assert_rc(jk_store_each_token(store, on_token, &s, &err), JK_OK);
    assert_true(s.n >= 1);
    assert_int_equal(s.leaked, 0);
    /* revoked */
    assert_rc(jk_token_check(store, tok, &g, &err), JK_OK);
    assert_rc(jk_token_revoke(store, id, &err), JK_OK);
    assert_rc(jk_token_check(store, tok, &g, &err), JK_EINVAL);
    assert_non_null(strstr(err.msg, "revoked"));
    assert_rc(jk_token_revoke(store, "0000000000000000", &err), JK_ENOTFOUND);
}

static void openapi_describes_every_route(void **state)
{
    json_t *doc = srv_openapi(), *paths;
    size_t i;
    (void)state;
    assert_non_null(doc);
    paths = json_object_get(doc, "paths");
    for (i = 0; i < srv_route_count(); i++) {
        const srv_route *rt = srv_route_at(i);
        char m[8];
        size_t k;
        json_t *op, *params;
        for (k = 0; rt->method[k]; k++)
            m[k] = (char)(rt->method[k] + 32);
        m[k] = '\0';
        op = json_object_get(json_object_get(paths, rt->pattern), m);
        if (!op)
            fail_msg("%s %s is not described", rt->method, rt->pattern);
        /* path parameters are declared */
        params = json_object_get(op, "parameters");
        if (strchr(rt->pattern, '{')) {
            assert_true(json_array_size(params) >= 1);
            assert_string_equal(json_string_value(json_object_get(
                                    json_array_get(params, 0), "in")),
                                "path");
        }
        /* protected routes say so */
        assert_int_equal(json_object_get(op, "security") != NULL,
                         rt->min_role > JK_ROLE_PUBLIC);
    }
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")),
                        "3.0.3");
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokens_by_role),
        cmocka_unit_test(forged_revoked_malformed),
        cmocka_unit_test(openapi_describes_every_route),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
