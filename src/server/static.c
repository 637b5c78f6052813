/*
 * Static files of the web page: only regular files under the web
 * directory, with a known type; ".." and hidden segments are refused
 * before the file system is asked, and the resolved path must still lie
 * under the directory (symlinks).
 */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/srv_int.h"

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".json", "application/json"},
    {".ico", "image/x-icon"},
};

int srv_static(srv_req *r, const char *rel)
{
    char path[PATH_MAX], real[PATH_MAX], root[PATH_MAX];
    const char *type = NULL, *dot;
    struct stat sb;
    FILE *fp;
    size_t i, n;
    char chunk[8192];

    if (!r->o->web_dir)
        return srv_error(r, 404, "not_found", NULL, "no page is served");
    if (strcmp(rel, "/") == 0)
        rel = "/index.html";
    if (rel[0] != '/' || strstr(rel, "/.") || strstr(rel, "//") ||
        strchr(rel, '\\'))
        return srv_error(r, 404, "not_found", NULL, "no such file");
    dot = strrchr(rel, '.');
    for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(dot, types[i].ext) == 0)
            type = types[i].type;
    if (!type)
        return srv_error(r, 404, "not_found", NULL, "no such file");
    jk_snprintf(path, sizeof(path), "%s%s", r->o->web_dir, rel);
    if (!realpath(r->o->web_dir, root) || !realpath(path, real) ||
        strncmp(real, root, strlen(root)) != 0 || real[strlen(root)] != '/' ||
        stat(real, &sb) != 0 || !S_ISREG(sb.st_mode))
        return srv_error(r, 404, "not_found", NULL, "no such file");
    if (!(fp = fopen(real, "rb")))
        return srv_error(r, 404, "not_found", NULL, "no such file");
    jk_buf_reset(&r->out);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (jk_buf_add(&r->out, chunk, n)) {
            fclose(fp);
            return srv_error(r, 500, "internal", NULL, "file too large");
        }
    fclose(fp);
    r->status = 200;
    r->ctype = type;
    return 0;
}
