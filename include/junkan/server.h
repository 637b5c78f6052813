/*
 * junkan server: the HTTP/JSON API under /api/v1 and the web page, on
 * libmicrohttpd, with API tokens, roles and per-organisation isolation.
 *
 * Roles: admin (everything), auditor (reads everything, writes
 * nothing), member (reads and writes its own organisation's data),
 * public (no token: published data only: the reference tables, the
 * directory of organisations and sites, national systems and
 * indicators). A token is "jk_" + 16 hex digits of id + "_" + 64 hex
 * digits of secret; the store keeps only the SHA-256 of the secret and
 * compares it in constant time.
 *
 * Thread safety: jk_serve runs a pool of worker threads, each with its
 * own store connection; the token functions use the caller's store.
 */
#ifndef JUNKAN_SERVER_H
#define JUNKAN_SERVER_H

#include <stdio.h>

#include <junkan/core.h>
#include <junkan/store.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jk_role {
    JK_ROLE_PUBLIC = 0,
    JK_ROLE_MEMBER,
    JK_ROLE_AUDITOR,
    JK_ROLE_ADMIN
} jk_role;

/** "public", "member", "auditor", "admin". */
JK_API const char *jk_role_name(jk_role r);
JK_API int jk_role_parse(const char *s, jk_role *out);

/** What a valid token grants. */
typedef struct jk_grant {
    jk_role role;
    char token_id[17]; /* "" for public */
    char org[JK_ID_MAX + 1];
} jk_grant;

#define JK_TOKEN_LEN 84 /* "jk_" + 16 + "_" + 64 */

/**
 * Create a token for a role (member tokens name their organisation,
 * which must exist). Writes the token text, shown once, into token
 * (JK_TOKEN_LEN + 1 bytes) and its id into id (17 bytes).
 */
JK_API int jk_token_create(jk_store *s, jk_role role, const char *org,
                           const char *label, char *token, char *id,
                           jk_err *err);
/** Revoke a token by id; JK_ENOTFOUND when there is none. */
JK_API int jk_token_revoke(jk_store *s, const char *id, jk_err *err);
/**
 * Check a presented token: JK_OK with the grant, or JK_EINVAL for a
 * malformed, unknown, forged or revoked one (the message says which,
 * for the log; clients get one answer for all).
 */
JK_API int jk_token_check(jk_store *s, const char *token, jk_grant *out,
                          jk_err *err);

typedef struct jk_server_opts {
    const char *db;       /* store URI */
    const char *host;     /* "127.0.0.1" */
    int port;             /* 8080; 0 picks a free port */
    int threads;          /* worker threads (each with a store) */
    int max_connections;  /* concurrent connections */
    int timeout_s;        /* idle connection timeout */
    size_t body_max;      /* request body cap in bytes */
    const char *web_dir;  /* static files of the page, or NULL */
    const char *data_dir; /* files of the file-based modules (DIR/market,
                             DIR/diagnosis, DIR/network as in data/demo),
                             or NULL */
    FILE *access_log;     /* one JSON line per request, or NULL */
    FILE *info;           /* "listening on ..." and shutdown notes */
} jk_server_opts;

JK_API void jk_server_opts_init(jk_server_opts *o);

/**
 * Serve until SIGTERM or SIGINT: then stop accepting, let the requests
 * in flight finish, close every store connection and return JK_OK.
 * The caller must not have blocked those signals' default elsewhere.
 */
JK_API int jk_serve(const jk_server_opts *o, jk_err *err);

#ifdef __cplusplus
}
#endif

#endif
