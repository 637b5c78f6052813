/*
 * The HTTP server: libmicrohttpd with a pool of worker threads, each
 * holding its own store connection (closed when the thread ends), a
 * capped request body, routing with roles, ETags and conditional GET,
 * JSON errors, a JSON-lines access log, and a graceful stop on SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "server/srv_int.h"

static pthread_key_t store_key, cache_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * A per-thread cache of the core GET responses, keyed by path, query,
 * role and organisation, valid while the store's data version (which
 * changes when another connection commits) is the one it was made at;
 * the thread's own writes empty it. Direct-mapped: a colliding key
 * replaces the slot.
 */
#define CACHE_SLOTS 256

typedef struct cache_entry {
    char *key;
    char *body;
    size_t len;
    const char *ctype;
    int64_t version;
    char etag[24];
} cache_entry;

typedef struct srv_cache {
    cache_entry e[CACHE_SLOTS];
} srv_cache;

static uint64_t fnv64(const char *p, size_t n);

static void cache_clear(srv_cache *c)
{
    size_t i;
    for (i = 0; c && i < CACHE_SLOTS; i++) {
        jk_free(c->e[i].key);
        jk_free(c->e[i].body);
        memset(&c->e[i], 0, sizeof(c->e[i]));
    }
}

static void free_cache(void *p)
{
    cache_clear(p);
    jk_free(p);
}

static void close_store(void *p)
{
    jk_store_close(p);
}

static void make_key(void)
{
    pthread_key_create(&store_key, close_store);
    pthread_key_create(&cache_key, free_cache);
}

jk_store *srv_store(srv_req *r)
{
    jk_store *s = pthread_getspecific(store_key);
    jk_store_opts so;
    jk_err err;
    if (s)
        return s;
    jk_store_opts_init(&so);
    so.busy_ms = 5000;
    if (jk_store_open(r->o->db, &so, &s, &err)) {
        srv_fail(r, &err);
        return NULL;
    }
    pthread_setspecific(store_key, s);
    return s;
}

void jk_server_opts_init(jk_server_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->db = "junkan.db";
    o->host = "127.0.0.1";
    o->port = 8080;
    o->threads = 4;
    o->max_connections = 64;
    o->timeout_s = 30;
    o->body_max = 1u << 20;
}

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- responses ---- */

const char *srv_query(srv_req *r, const char *key)
{
    const char *v =
        MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
    return v && *v ? v : NULL;
}

int srv_json(srv_req *r, int status, json_t *doc)
{
    char *text;
    jk_buf_reset(&r->out);
    r->status = status;
    r->ctype = "application/json";
    text = doc ? json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(doc);
    if (!text || jk_buf_adds(&r->out, text) || jk_buf_adds(&r->out, "\n")) {
        jk_free(text);
        jk_buf_reset(&r->out);
        r->status = 500;
        jk_buf_adds(&r->out, "{\"error\":{\"code\":\"internal\",\"message\":"
                             "\"out of memory\"}}\n");
        return 0;
    }
    jk_free(text);
    return 0;
}

int srv_error(srv_req *r, int status, const char *code, const char *field,
              const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    json_t *e, *doc;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    e = json_pack("{s:s, s:s}", "code", code, "message", msg);
    if (e && field && *field)
        json_object_set_new(e, "field", json_string(field));
    doc = json_pack("{s:o}", "error", e ? e : json_object());
    r->no_etag = true;
    return srv_json(r, status, doc);
}

int srv_fail(srv_req *r, const jk_err *err)
{
    char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
    jk_err_line(err, line, sizeof(line));
    switch (err->code) {
    case JK_EPARSE:
    case JK_ERANGE:
    case JK_EINVAL:
    case JK_ECONSTRAINT:
        return srv_error(r, 400, "bad_input", err->where, "%s", line);
    case JK_ENOTFOUND:
        return srv_error(r, 404, "not_found", err->where, "%s", err->msg);
    case JK_EEXIST:
        return srv_error(r, 409, "conflict", err->where, "%s", line);
    case JK_ELIMIT:
        return srv_error(r, 413, "too_large", err->where, "%s", line);
    case JK_EBUSY:
        return srv_error(r, 503, "busy", NULL, "%s", err->msg);
    default:
        return srv_error(r, 500, "internal", NULL, "%s",
                         jk_status_name(err->code));
    }
}

int srv_print_to_buf(srv_print_fn fn, void *ctx, jk_buf *out, jk_err *err)
{
    FILE *fp = tmpfile();
    char chunk[8192];
    size_t n;
    int rc;
    if (!fp)
        return jk_err_set(err, JK_EIO, NULL, "no temporary file");
    rc = fn(ctx, fp, err);
    if (!rc) {
        rewind(fp);
        while (!rc && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
            if (jk_buf_add(out, chunk, n))
                rc = jk_err_set(err, JK_ELIMIT, NULL, "response too large");
    }
    fclose(fp);
    return rc;
}

int srv_capture(srv_req *r, const char *ctype, srv_print_fn fn, void *ctx)
{
    jk_err err;
    jk_buf_reset(&r->out);
    if (srv_print_to_buf(fn, ctx, &r->out, &err))
        return err.code == JK_ELIMIT
                   ? srv_error(r, 500, "internal", NULL, "%s", err.msg)
                   : srv_fail(r, &err);
    r->status = 200;
    r->ctype = ctype;
    return 0;
}

json_t *srv_body_strings(srv_req *r, const char *const *keys,
                         const char *expected)
{
    json_error_t je;
    json_t *doc, *v;
    const char *key;
    doc = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &je);
    if (!doc) {
        srv_error(r, 400, "bad_json", "body", "line %d column %d: %s", je.line,
                  je.column, je.text);
        return NULL;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        srv_error(r, 400, "bad_json", "body", "%s", expected);
        return NULL;
    }
    json_object_foreach (doc, key, v) {
        size_t k;
        bool known = false;
        for (k = 0; keys[k]; k++)
            known |= strcmp(key, keys[k]) == 0;
        if (!known || !json_is_string(v)) {
            srv_error(r, 400, "bad_input", key, "%s",
                      known ? "expected a string" : "unknown key");
            json_decref(doc);
            return NULL;
        }
    }
    return doc;
}

int srv_page(srv_req *r, size_t *limit, size_t *offset)
{
    const char *l = srv_query(r, "limit"), *o = srv_query(r, "offset");
    int64_t v;
    *limit = 100;
    *offset = 0;
    if (l) {
        if (jk_parse_i64(l, &v) || v < 1 || v > 1000) {
            srv_error(r, 400, "bad_parameter", "limit",
                      "limit must be an integer from 1 to 1000");
            return -1;
        }
        *limit = (size_t)v;
    }
    if (o) {
        if (jk_parse_i64(o, &v) || v < 0) {
            srv_error(r, 400, "bad_parameter", "offset",
                      "offset must be an integer >= 0");
            return -1;
        }
        *offset = (size_t)v;
    }
    return 0;
}

json_t *srv_page_doc(json_t *items, size_t total, size_t limit, size_t offset)
{
    return json_pack("{s:o, s:I, s:I, s:I, s:b}", "items", items, "total",
                     (json_int_t)total, "limit", (json_int_t)limit, "offset",
                     (json_int_t)offset, "more", offset + limit < total);
}

bool srv_may_read_org(const srv_req *r, const char *org)
{
    return r->g.role == JK_ROLE_ADMIN || r->g.role == JK_ROLE_AUDITOR ||
           (r->g.role == JK_ROLE_MEMBER && strcmp(r->g.org, org) == 0);
}

bool srv_may_write_org(const srv_req *r, const char *org)
{
    return r->g.role == JK_ROLE_ADMIN ||
           (r->g.role == JK_ROLE_MEMBER && strcmp(r->g.org, org) == 0);
}

/* ---- routing ---- */

/* Match a path against a pattern; {x} segments fill params. */
static bool match(const char *pattern, const char *path, srv_req *r)
{
    int np = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *end = strchr(path, '/');
            size_t n = end ? (size_t)(end - path) : strlen(path);
            if (n == 0 || n >= sizeof(r->param_buf[0]) || np >= SRV_MAX_PARAMS)
                return false;
            memcpy(r->param_buf[np], path, n);
            r->param_buf[np][n] = '\0';
            r->params[np] = r->param_buf[np];
            np++;
            path += n;
            pattern = strchr(pattern, '}') + 1;
            continue;
        }
        if (*pattern != *path)
            return false;
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

static void authenticate(srv_req *r)
{
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_AUTHORIZATION);
    jk_store *s;
    jk_err err;
    memset(&r->g, 0, sizeof(r->g));
    if (!h)
        return;
    if (strncmp(h, "Bearer ", 7) != 0) {
        srv_error(r, 401, "unauthorized", "Authorization",
                  "use Authorization: Bearer TOKEN");
        return;
    }
    if (!(s = srv_store(r)))
        return;
    if (jk_token_check(s, h + 7, &r->g, &err)) {
        /* One answer for malformed, unknown, forged and revoked. */
        memset(&r->g, 0, sizeof(r->g));
        srv_error(r, 401, "unauthorized", "Authorization",
                  "invalid or revoked token");
    }
}

typedef struct qbuf {
    jk_buf *b;
} qbuf;

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind,
                               const char *key, const char *value)
{
    jk_buf *b = cls;
    (void)kind;
    jk_buf_addf(b, "&%s=%s", key, value ? value : "");
    return MHD_YES;
}

/* The cache key of a request, or -1 (then no caching). */
static int cache_key_of(srv_req *r, jk_buf *key)
{
    jk_buf_init(key, 8192);
    if (jk_buf_addf(key, "%s|%s|%s|", r->path, jk_role_name(r->g.role),
                    r->g.org))
        return -1;
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, key);
    return jk_buf_str(key)[0] ? 0 : -1;
}

static srv_cache *cache_get(void)
{
    srv_cache *c = pthread_getspecific(cache_key);
    if (!c && (c = jk_calloc(1, sizeof(*c))) != NULL)
        pthread_setspecific(cache_key, c);
    return c;
}

static size_t slot_of(const char *key)
{
    return jk_str_hash(key) % CACHE_SLOTS;
}

/* Answer from the cache; true on a hit. */
static bool cache_hit(srv_req *r, const char *key, int64_t version)
{
    srv_cache *c = cache_get();
    cache_entry *e;
    if (!c)
        return false;
    e = &c->e[slot_of(key)];
    if (!e->key || e->version != version || strcmp(e->key, key) != 0)
        return false;
    /* Borrowed until respond() copies it into the response, in this
     * same callback: only this thread uses its cache. */
    jk_buf_reset(&r->out);
    r->ref_body = e->body;
    r->ref_len = e->len;
    r->status = 200;
    r->ctype = e->ctype;
    memcpy(r->etag, e->etag, sizeof(r->etag));
    return true;
}

static void cache_put(srv_req *r, const char *key, int64_t version)
{
    srv_cache *c = cache_get();
    cache_entry *e;
    char *k, *b;
    if (!c || r->out.len > (1u << 20))
        return;
    k = jk_strdup(key);
    b = jk_malloc(r->out.len + 1);
    if (!k || !b) {
        jk_free(k);
        jk_free(b);
        return;
    }
    memcpy(b, r->out.data ? r->out.data : "", r->out.len);
    e = &c->e[slot_of(key)];
    jk_free(e->key);
    jk_free(e->body);
    e->key = k;
    e->body = b;
    e->len = r->out.len;
    e->ctype = r->ctype;
    e->version = version;
    jk_snprintf(e->etag, sizeof(e->etag), "\"%016llx\"",
                (unsigned long long)fnv64(b, r->out.len));
}

/* Core GET routes read only the store: their answers may be cached. */
static bool cacheable(const srv_route *rt)
{
    return rt >= srv_core_routes.routes &&
           rt < srv_core_routes.routes + srv_core_routes.n &&
           strcmp(rt->method, "GET") == 0;
}

static void dispatch(srv_req *r)
{
    const srv_route *found = NULL;
    bool path_known = false;
    size_t i;

    if (r->too_large) {
        srv_error(r, 413, "too_large", "body",
                  "the request body is over %zu bytes", r->o->body_max);
        return;
    }
    authenticate(r);
    if (r->status)
        return;
    for (i = 0; i < srv_route_count(); i++) {
        const srv_route *rt = srv_route_at(i);
        memset(r->params, 0, sizeof(r->params));
        if (!match(rt->pattern, r->path, r))
            continue;
        path_known = true;
        if (strcmp(rt->method, r->method) == 0 ||
            (strcmp(r->method, "HEAD") == 0 &&
             strcmp(rt->method, "GET") == 0)) {
            found = rt;
            break;
        }
    }
    if (!found) {
        if (path_known) {
            srv_error(r, 405, "method_not_allowed", NULL,
                      "%s is not allowed on %s", r->method, r->path);
            return;
        }
        if (strncmp(r->path, "/api/", 5) == 0) {
            srv_error(r, 404, "not_found", NULL, "no resource %s", r->path);
            return;
        }
        if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
            srv_error(r, 405, "method_not_allowed", NULL,
                      "%s is not allowed on %s", r->method, r->path);
            return;
        }
        srv_static(r, r->path);
        return;
    }
    if (r->g.role < found->min_role) {
        if (r->g.role == JK_ROLE_PUBLIC)
            srv_error(r, 401, "unauthorized", "Authorization",
                      "this resource needs a token (Authorization: Bearer)");
        else
            srv_error(r, 403, "forbidden", NULL, "a %s token may not use %s %s",
                      jk_role_name(r->g.role), found->method, found->pattern);
        return;
    }
    if (cacheable(found)) {
        jk_buf key;
        jk_store *s = srv_store(r);
        int64_t version = 0;
        jk_err err;
        if (!s)
            return;
        if (cache_key_of(r, &key) == 0 &&
            jk_store_data_version(s, &version, &err) == JK_OK) {
            if (!cache_hit(r, jk_buf_str(&key), version)) {
                found->h(r);
                if (r->status == 200)
                    cache_put(r, jk_buf_str(&key), version);
            }
            jk_buf_free(&key);
            return;
        }
        jk_buf_free(&key);
    }
    found->h(r);
    if (!r->status)
        srv_error(r, 500, "internal", NULL, "the handler gave no answer");
    /* This thread's own writes do not change the data version. */
    if (strcmp(found->method, "GET") != 0 && r->status < 300)
        cache_clear(pthread_getspecific(cache_key));
}

/* ---- libmicrohttpd glue ---- */

static uint64_t fnv64(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static enum MHD_Result respond(srv_req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    char etag[24] = "";
    int status = r->status;
    bool head = strcmp(r->method, "HEAD") == 0;

    if (status == 200 && !r->no_etag && strcmp(r->method, "GET") == 0) {
        const char *inm;
        if (r->etag[0])
            memcpy(etag, r->etag, sizeof(etag));
        else
            jk_snprintf(etag, sizeof(etag), "\"%016llx\"",
                        (unsigned long long)fnv64(
                            r->out.data ? r->out.data : "", r->out.len));
        inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                          MHD_HTTP_HEADER_IF_NONE_MATCH);
        if (inm && strcmp(inm, etag) == 0) {
            status = r->status = 304;
            jk_buf_reset(&r->out);
        }
    }
    if (r->ref_body)
        resp = MHD_create_response_from_buffer(
            head || status == 304 ? 0 : r->ref_len, (void *)r->ref_body,
            MHD_RESPMEM_MUST_COPY);
    else
        resp = MHD_create_response_from_buffer(
            head || status == 304 ? 0 : r->out.len,
            r->out.data ? r->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
    r->ref_body = NULL; /* the cache may change after this callback */
    if (!resp)
        return MHD_NO;
    if (status != 304)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                r->ctype ? r->ctype : "application/json");
    if (*etag)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    ret = MHD_queue_response(r->conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    const jk_server_opts *o = cls;
    srv_req *r = *con_cls;
    (void)version;

    if (!r) {
        r = jk_calloc(1, sizeof(*r));
        if (!r)
            return MHD_NO;
        r->conn = conn;
        r->method = method;
        r->path = url;
        r->o = o;
        r->t0_us = now_us();
        jk_buf_init(&r->body, o->body_max);
        jk_buf_init(&r->out, (size_t)1 << 28);
        *con_cls = r;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_large && jk_buf_add(&r->body, upload, *upload_size))
            r->too_large = true;
        *upload_size = 0;
        return MHD_YES;
    }
    dispatch(r);
    return respond(r);
}

static void log_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    const jk_server_opts *o = cls;
    srv_req *r = *con_cls;
    (void)conn;
    if (!r)
        return;
    if (o->access_log) {
        char ts[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
        pthread_mutex_lock(&log_mu);
        fprintf(o->access_log, "{\"ts\":\"%s\",\"method\":", ts);
        log_json_str(o->access_log, r->method);
        fputs(",\"path\":", o->access_log);
        log_json_str(o->access_log, r->path);
        fprintf(o->access_log,
                ",\"status\":%d,\"bytes\":%zu,\"in\":%zu,\"us\":%lld,"
                "\"role\":\"%s\",\"token\":\"%s\",\"completed\":%s}\n",
                r->status, r->out.len + r->ref_len, r->body.len,
                now_us() - r->t0_us, jk_role_name(r->g.role), r->g.token_id,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "true" : "false");
        fflush(o->access_log);
        pthread_mutex_unlock(&log_mu);
    }
    jk_buf_free(&r->body);
    jk_buf_free(&r->out);
    jk_free(r);
    *con_cls = NULL;
}

int jk_serve(const jk_server_opts *o, jk_err *err)
{
    struct MHD_Daemon *d;
    struct sockaddr_in addr;
    sigset_t set;
    const union MHD_DaemonInfo *info;
    jk_store *probe = NULL;
    jk_store_opts so;
    int sig = 0, rc;

    pthread_once(&key_once, make_key);
    /* Check the store once before serving: a typo fails now, not at the
     * first request. */
    jk_store_opts_init(&so);
    if ((rc = jk_store_open(o->db, &so, &probe, err)))
        return rc;
    jk_store_close(probe);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1)
        return jk_err_set(err, JK_EINVAL, "host", "not an IPv4 address: \"%s\"",
                          o->host);
    /* Worker threads inherit this mask: the signals reach sigwait. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
            MHD_USE_ERROR_LOG,
        0, NULL, NULL, on_request, (void *)o, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(o->threads > 0 ? o->threads : 1),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_done, (void *)o, MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return jk_err_set(err, JK_EIO, NULL, "cannot listen on %s:%d: %s",
                          o->host, o->port, strerror(errno));
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (o->info) {
        fprintf(o->info,
                "junkan serve: listening on http://%s:%u/ (%d "
                "threads, store %s)\n",
                o->host, info ? (unsigned)info->port : (unsigned)o->port,
                o->threads, o->db);
        fflush(o->info);
    }
    sigwait(&set, &sig);
    if (o->info) {
        fprintf(o->info, "junkan serve: %s: finishing requests in flight\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        fflush(o->info);
    }
    MHD_quiesce_daemon(d);
    MHD_stop_daemon(d); /* joins the workers: their stores close */
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    if (o->info) {
        fprintf(o->info, "junkan serve: stopped\n");
        fflush(o->info);
    }
    return JK_OK;
}
