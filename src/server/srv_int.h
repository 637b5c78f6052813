/*
 * Internals of the server: one request, the route table (which also
 * writes the OpenAPI description), and the helpers handlers share.
 */
#ifndef JK_SRV_INT_H
#define JK_SRV_INT_H

#include <stdarg.h>

#include <jansson.h>
#include <microhttpd.h>

#include <junkan/junkan.h>
#include <junkan/server.h>

#define SRV_MAX_PARAMS 4

typedef struct srv_req {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const jk_server_opts *o;
    jk_buf body;    /* request body (capped) */
    bool too_large; /* the body went over the cap */
    jk_grant g;     /* who is asking */
    const char *params[SRV_MAX_PARAMS];
    char param_buf[SRV_MAX_PARAMS][128];
    /* the response */
    int status;
    jk_buf out;
    const char *ctype;
    bool no_etag;         /* do not compute an ETag (errors, writes) */
    char etag[24];        /* the ETag when already known (cache) */
    const char *ref_body; /* the answer, borrowed from the cache */
    size_t ref_len;
    long long t0_us; /* start, for the access log */
} srv_req;

typedef int (*srv_handler)(srv_req *r);

typedef struct srv_route {
    const char *method;  /* "GET", "POST", "DELETE" */
    const char *pattern; /* "/api/v1/organisations/{id}" */
    srv_handler h;
    jk_role min_role; /* lowest role allowed */
    const char *tag;  /* OpenAPI tag */
    const char *summary;
    const char *query; /* documented query parameters, ","-separated */
    const char *ctype; /* response type ("application/json") */
} srv_route;

/* A module's routes: each module's API file defines one table and the
 * registry in routes.c lists the tables (one line per module). */
typedef struct srv_table {
    const srv_route *routes;
    size_t n;
} srv_table;

/* Every route, across the modules' tables. */
size_t srv_route_count(void);
const srv_route *srv_route_at(size_t i);

/* The modules' tables (routes.c, api_*.c). */
extern const srv_table srv_core_routes;
extern const srv_table srv_network_routes;
extern const srv_table srv_market_routes;
extern const srv_table srv_ledger_routes;
extern const srv_table srv_diagnosis_routes;

/* The per-thread store; NULL (and an error set) when it cannot open. */
jk_store *srv_store(srv_req *r);

/* A query parameter or NULL. */
const char *srv_query(srv_req *r, const char *key);
/* Responses. Each returns 0. */
int srv_error(srv_req *r, int status, const char *code, const char *field,
              const char *fmt, ...) JK_PRINTF(5, 6);
int srv_json(srv_req *r, int status, json_t *doc); /* steals doc */
int srv_fail(srv_req *r, const jk_err *err);       /* status from the code */
/* Pagination: limit (default 100, max 1000) and offset from the query;
 * -1 after answering 400. */
int srv_page(srv_req *r, size_t *limit, size_t *offset);
json_t *srv_page_doc(json_t *items, size_t total, size_t limit, size_t offset);
/* What a writer prints to a FILE (reports, SVG, JSON made by a module),
 * appended to out; srv_capture answers with it (200, ctype). */
typedef int (*srv_print_fn)(void *ctx, FILE *fp, jk_err *err);
int srv_print_to_buf(srv_print_fn fn, void *ctx, jk_buf *out, jk_err *err);
/* The store's ledger, replayed (and kept for this thread) when the log
 * changed; NULL after answering (404 when the store holds none). */
jk_ledger *srv_ledger(srv_req *r);
int srv_capture(srv_req *r, const char *ctype, srv_print_fn fn, void *ctx);

/* The request body as a JSON object whose keys are all in keys (NULL-
 * terminated) with string values; NULL after answering 400 (bad_json
 * with `expected`, or bad_input naming the key). */
json_t *srv_body_strings(srv_req *r, const char *const *keys,
                         const char *expected);
/* May the grant see an organisation's private data? */
bool srv_may_read_org(const srv_req *r, const char *org);
bool srv_may_write_org(const srv_req *r, const char *org);

/* The OpenAPI 3 description generated from the route table. */
json_t *srv_openapi(void);

/* Static files under the web directory; 0 after answering. */
int srv_static(srv_req *r, const char *rel);

#endif
