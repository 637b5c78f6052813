/*
 * The OpenAPI 3 description, generated from the route table so that it
 * cannot drift from what the server does (a test checks every path).
 */
#include <string.h>

#include "server/srv_int.h"

static json_t *params_of(const srv_route *rt)
{
    json_t *a = json_array();
    const char *p = rt->pattern;
    char name[64];
    /* path parameters */
    while ((p = strchr(p, '{')) != NULL) {
        const char *e = strchr(p, '}');
        jk_snprintf(name, sizeof(name), "%.*s", (int)(e - p - 1), p + 1);
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name",
                                           name, "in", "path", "required", 1,
                                           "schema", "type", "string"));
        p = e;
    }
    /* documented query parameters */
    p = rt->query;
    while (p && *p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        jk_snprintf(name, sizeof(name), "%.*s", (int)n, p);
        json_array_append_new(
            a,
            json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "query",
                      "required", 0, "schema", "type",
                      strcmp(name, "limit") == 0 || strcmp(name, "offset") == 0
                          ? "integer"
                          : "string"));
        p = e ? e + 1 : NULL;
    }
    return a;
}

json_t *srv_openapi(void)
{
    json_t *paths = json_object();
    json_t *doc;
    size_t i;
    for (i = 0; i < srv_route_count(); i++) {
        const srv_route *rt = srv_route_at(i);
        json_t *item = json_object_get(paths, rt->pattern);
        json_t *op, *responses;
        char method[8];
        size_t k;
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        for (k = 0; rt->method[k] && k < sizeof(method) - 1; k++)
            method[k] = (char)(rt->method[k] - 'A' + 'a');
        method[k] = '\0';
        responses = json_pack("{s:{s:s, s:{s:{}}}, s:{s:s}, s:{s:s}}",
                              strcmp(rt->method, "POST") == 0 ? "201" : "200",
                              "description", "success", "content", rt->ctype,
                              "400", "description",
                              "bad input: {error: {code, message, field}}",
                              "404", "description", "not found");
        if (rt->min_role > JK_ROLE_PUBLIC) {
            json_object_set_new(
                responses, "401",
                json_pack("{s:s}", "description", "no or invalid token"));
            json_object_set_new(
                responses, "403",
                json_pack("{s:s}", "description",
                          "the token's role or organisation may not"));
        }
        op =
            json_pack("{s:s, s:[s], s:o, s:o, s:s}", "summary", rt->summary,
                      "tags", rt->tag, "parameters", params_of(rt), "responses",
                      responses, "x-min-role", jk_role_name(rt->min_role));
        if (rt->min_role > JK_ROLE_PUBLIC)
            json_object_set_new(op, "security",
                                json_pack("[{s:[]}]", "bearer"));
        json_object_set_new(item, method, op);
    }
    doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:{s:{s:s, s:s}}}}",
        "openapi", "3.0.3", "info", "title", "junkan API", "version",
        jk_version(), "description",
        "Material flows, circularity indicators and access-controlled data "
        "of the junkan circular-economy platform. Errors are JSON "
        "{error: {code, message, field}}; lists are pages {items, total, "
        "limit, offset, more}; GET responses carry an ETag.",
        "servers", "url", "/", "paths", paths, "components", "securitySchemes",
        "bearer", "type", "http", "scheme", "bearer");
    return doc;
}
