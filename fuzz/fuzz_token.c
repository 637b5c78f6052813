/*
 * Fuzz target: the token parser of the server's access control. The
 * input is presented as a bearer token to a store holding one real
 * token; nothing but that token may ever be accepted, and every refusal
 * explains itself.
 */
#include <stdio.h>
#include <string.h>

#include <junkan/junkan.h>
#include <junkan/server.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static jk_store *s;
    static char real[JK_TOKEN_LEN + 1];
    char text[256], id[17];
    jk_grant g;
    jk_err err;

    if (!s) {
        jk_store_opts o;
        jk_store_opts_init(&o);
        o.create = true;
        if (jk_store_open(":memory:", &o, &s, &err) ||
            jk_token_create(s, JK_ROLE_ADMIN, "", "fuzz", real, id, &err))
            __builtin_trap();
    }
    if (size >= sizeof(text))
        size = sizeof(text) - 1;
    memcpy(text, data, size);
    text[size] = '\0';
    if (jk_token_check(s, text, &g, &err) == JK_OK) {
        if (strcmp(text, real) != 0 || g.role != JK_ROLE_ADMIN)
            __builtin_trap();
    } else if (err.msg[0] == '\0' || g.role != JK_ROLE_PUBLIC) {
        __builtin_trap();
    }
    return 0;
}
