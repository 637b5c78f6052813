/*
 * Status codes, their messages, and the caller-owned error report.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <junkan/core.h>

static const char *const messages[] = {
#define JK_X_MSG(name, msg) msg,
    JK_STATUS_LIST(JK_X_MSG)
#undef JK_X_MSG
};

static const char *const names[] = {
#define JK_X_NAME(name, msg) "JK_" #name,
    JK_STATUS_LIST(JK_X_NAME)
#undef JK_X_NAME
};

const char *jk_version(void)
{
    return "0.1.0";
}

const char *jk_strerror(int status)
{
    if (status < 0 || status >= JK_STATUS_COUNT)
        return "unknown status";
    return messages[status];
}

const char *jk_status_name(int status)
{
    if (status < 0 || status >= JK_STATUS_COUNT)
        return "JK_UNKNOWN";
    return names[status];
}

void jk_err_clear(jk_err *err)
{
    if (!err)
        return;
    err->code = JK_OK;
    err->where[0] = '\0';
    err->msg[0] = '\0';
}

int jk_err_set(jk_err *err, int code, const char *where, const char *fmt, ...)
{
    va_list ap;
    char msg[sizeof(err->msg)];

    if (!err)
        return code;
    err->code = code;
    if (where != err->where)
        jk_strlcpy(err->where, where ? where : "", sizeof(err->where));
    /* Through a copy: an argument may be err->msg itself ("%s", err->msg
     * to keep a lower layer's message under a new `where`). */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    memcpy(err->msg, msg, sizeof(msg));
    return code;
}

const char *jk_err_line(const jk_err *err, char *buf, size_t cap)
{
    const char *msg = err->msg[0] ? err->msg : jk_strerror(err->code);
    if (err->where[0])
        jk_snprintf(buf, cap, "%s: %s", err->where, msg);
    else
        jk_snprintf(buf, cap, "%s", msg);
    return buf;
}
