/*
 * Ledger helpers: ISO-8601 times, the string map and the hash set that
 * index the state, and key files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "ledger/ledger_int.h"

/* ---- time ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits(const char *s, int n, int *out)
{
    int i, v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int month_days(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : md[m - 1];
}

int lg_time_parse(const char *s, bool date_ok, int64_t *t)
{
    int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 1;
    size_t len;

    if (!s)
        return JK_EPARSE;
    len = strlen(s);
    if (len < 10 || !digits(s, 4, &y) || s[4] != '-' ||
        !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d))
        return JK_EPARSE;
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 ||
        d > month_days(y, mo))
        return JK_EPARSE;
    if (len == 10) {
        if (!date_ok)
            return JK_EPARSE;
    } else {
        const char *z = s + 19;
        if (len < 20 || s[10] != 'T' || !digits(s + 11, 2, &h) ||
            s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
            !digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 59)
            return JK_EPARSE;
        if (strcmp(z, "Z") == 0) {
            /* UTC */
        } else if (strlen(z) == 6 && (z[0] == '+' || z[0] == '-') &&
                   digits(z + 1, 2, &oh) && z[3] == ':' &&
                   digits(z + 4, 2, &om) && oh <= 14 && om <= 59) {
            sign = z[0] == '-' ? -1 : 1;
        } else {
            return JK_EPARSE;
        }
    }
    *t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
         sign * (oh * 3600 + om * 60);
    return JK_OK;
}

void lg_time_format(int64_t t, char *buf, size_t cap)
{
    int64_t z = (t >= 0 ? t : t - 86399) / 86400, secs = t - z * 86400;
    int64_t era, doe, yoe, y, doy, mp, d, m;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    jk_snprintf(buf, cap, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                (long long)y, (long long)m, (long long)d,
                (long long)(secs / 3600), (long long)(secs / 60 % 60),
                (long long)(secs % 60));
}

/* ---- string map: open addressing, linear probing ---- */

void *lg_map_get(const lg_map *m, const char *key)
{
    size_t i;
    if (!m->cap)
        return NULL;
    for (i = jk_str_hash(key) & (m->cap - 1); m->keys[i];
         i = (i + 1) & (m->cap - 1))
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    return NULL;
}

static int map_grow(lg_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64, i;
    const char **keys = jk_calloc(ncap, sizeof(*keys));
    void **vals = jk_calloc(ncap, sizeof(*vals));

    if (!keys || !vals) {
        jk_free(keys);
        jk_free(vals);
        return JK_ENOMEM;
    }
    for (i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->keys[i])
            continue;
        for (j = jk_str_hash(m->keys[i]) & (ncap - 1); keys[j];
             j = (j + 1) & (ncap - 1))
            ;
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    jk_free(m->keys);
    jk_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return JK_OK;
}

int lg_map_put(lg_map *m, const char *key, void *val)
{
    size_t i;
    if ((m->n + 1) * 2 > m->cap && map_grow(m))
        return JK_ENOMEM;
    for (i = jk_str_hash(key) & (m->cap - 1); m->keys[i];
         i = (i + 1) & (m->cap - 1))
        if (strcmp(m->keys[i], key) == 0) {
            m->vals[i] = val;
            return JK_OK;
        }
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return JK_OK;
}

void lg_map_free(lg_map *m)
{
    jk_free(m->keys);
    jk_free(m->vals);
    memset(m, 0, sizeof(*m));
}

/* ---- hash set of SHA-256 values (uniformly distributed already) ---- */

static size_t hslot(const uint8_t h[JK_HASH_LEN], size_t cap)
{
    uint64_t v;
    memcpy(&v, h, sizeof(v));
    return (size_t)v & (cap - 1);
}

static bool is_zero(const uint8_t h[JK_HASH_LEN])
{
    static const uint8_t z[JK_HASH_LEN];
    return memcmp(h, z, JK_HASH_LEN) == 0;
}

bool lg_hset_has(const lg_hset *s, const uint8_t h[JK_HASH_LEN])
{
    size_t i;
    if (!s->cap)
        return false;
    for (i = hslot(h, s->cap); !is_zero(s->h[i]); i = (i + 1) & (s->cap - 1))
        if (memcmp(s->h[i], h, JK_HASH_LEN) == 0)
            return true;
    return false;
}

int lg_hset_add(lg_hset *s, const uint8_t h[JK_HASH_LEN])
{
    size_t i;
    if ((s->n + 1) * 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 1024, j;
        uint8_t(*nh)[JK_HASH_LEN] = jk_calloc(ncap, JK_HASH_LEN);
        if (!nh)
            return JK_ENOMEM;
        for (j = 0; j < s->cap; j++) {
            size_t k;
            if (is_zero(s->h[j]))
                continue;
            for (k = hslot(s->h[j], ncap); !is_zero(nh[k]);
                 k = (k + 1) & (ncap - 1))
                ;
            memcpy(nh[k], s->h[j], JK_HASH_LEN);
        }
        jk_free(s->h);
        s->h = nh;
        s->cap = ncap;
    }
    for (i = hslot(h, s->cap); !is_zero(s->h[i]); i = (i + 1) & (s->cap - 1))
        if (memcmp(s->h[i], h, JK_HASH_LEN) == 0)
            return JK_OK;
    memcpy(s->h[i], h, JK_HASH_LEN);
    s->n++;
    return JK_OK;
}

void lg_hset_free(lg_hset *s)
{
    jk_free(s->h);
    memset(s, 0, sizeof(*s));
}

/* ---- keys ---- */

void jk_ledger_key_wipe(jk_ledger_key *k)
{
    sodium_memzero(k->sk, sizeof(k->sk));
}

const char *jk_ledger_key_pubhex(const jk_ledger_key *k, char *buf, size_t cap)
{
    if (cap < 65) {
        if (cap)
            buf[0] = '\0';
        return buf;
    }
    lg_hex(k->pk, 32, buf);
    return buf;
}

static bool uoi_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0, i;
    if (n == 0 || n > 512)
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == '"' || s[i] == '\\')
            return false;
    return true;
}

int jk_ledger_key_new(const char *uoi, uint32_t key_id, const uint8_t *seed,
                      const char *path, jk_ledger_key *out, jk_err *err)
{
    uint8_t sd[32];
    char hex[65], text[700];
    int fd, len;
    ssize_t w;

    memset(out, 0, sizeof(*out));
    if (!uoi_ok(uoi))
        return jk_err_set(err, JK_EINVAL, "uoi",
                          "expected an identifier of 1 to 512 bytes without "
                          "spaces or quotes");
    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium: init failed");
    if (seed)
        memcpy(sd, seed, 32);
    else
        randombytes_buf(sd, sizeof(sd));
    crypto_sign_seed_keypair(out->pk, out->sk, sd);
    jk_strlcpy(out->uoi, uoi, sizeof(out->uoi));
    out->key_id = key_id;
    if (!path) {
        sodium_memzero(sd, sizeof(sd));
        return JK_OK;
    }
    lg_hex(sd, 32, hex);
    sodium_memzero(sd, sizeof(sd));
    len = jk_snprintf(text, sizeof(text),
                      "{\"uoi\": \"%s\", \"key_id\": %u, \"seed\": \"%s\"}\n",
                      uoi, (unsigned)key_id, hex);
    sodium_memzero(hex, sizeof(hex));
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        int e = errno;
        sodium_memzero(text, sizeof(text));
        jk_ledger_key_wipe(out);
        return jk_err_set(err, e == EEXIST ? JK_EEXIST : JK_EIO, path,
                          "cannot create key file: %s", strerror(e));
    }
    fchmod(fd, 0600); /* whatever the umask */
    w = write(fd, text, (size_t)len);
    sodium_memzero(text, sizeof(text));
    if (close(fd) != 0 || w != len) {
        jk_ledger_key_wipe(out);
        unlink(path);
        return jk_err_set(err, JK_EIO, path, "cannot write key file");
    }
    return JK_OK;
}

/* The secret seed's 64 hex digits, decoded in constant time. */
static bool unhex_secret(const char *s, uint8_t sd[32])
{
    size_t got = 0;
    const char *end = NULL;
    return strlen(s) == 64 &&
           sodium_hex2bin(sd, 32, s, 64, NULL, &got, &end) == 0 && got == 32 &&
           *end == '\0';
}

int jk_ledger_key_load(const char *path, jk_ledger_key *out, jk_err *err)
{
    struct stat sb;
    json_t *doc, *v;
    json_error_t je;
    uint8_t sd[32];
    int rc = JK_OK;

    memset(out, 0, sizeof(*out));
    if (stat(path, &sb) != 0)
        return jk_err_set(err, JK_EIO, path, "cannot read key file: %s",
                          strerror(errno));
    if (sb.st_mode & 077)
        return jk_err_set(err, JK_EINVAL, path,
                          "key file is readable by others (mode %04o); "
                          "chmod 600 it",
                          (unsigned)(sb.st_mode & 07777));
    if (sodium_init() < 0)
        return jk_err_set(err, JK_EINTERNAL, NULL, "libsodium: init failed");
    lg_json_init();
    doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!doc)
        return jk_err_set(err, JK_EPARSE, path, "malformed key file: %s",
                          je.text);
    v = json_object_get(doc, "uoi");
    if (!json_is_string(v) || !uoi_ok(json_string_value(v))) {
        rc = jk_err_set(err, JK_EPARSE, path, "uoi: expected a string");
        goto done;
    }
    jk_strlcpy(out->uoi, json_string_value(v), sizeof(out->uoi));
    v = json_object_get(doc, "key_id");
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > UINT32_MAX) {
        rc = jk_err_set(err, JK_EPARSE, path,
                        "key_id: expected an integer 0..4294967295");
        goto done;
    }
    out->key_id = (uint32_t)json_integer_value(v);
    v = json_object_get(doc, "seed");
    if (!json_is_string(v) || !unhex_secret(json_string_value(v), sd)) {
        rc = jk_err_set(err, JK_EPARSE, path,
                        "seed: expected 64 hexadecimal digits");
        goto done;
    }
    crypto_sign_seed_keypair(out->pk, out->sk, sd);
    sodium_memzero(sd, sizeof(sd));
done:
    json_decref(doc);
    if (rc)
        jk_ledger_key_wipe(out);
    return rc;
}
