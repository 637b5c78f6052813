/*
 * junkan ledger and junkan passport: the traceability log from the
 * terminal (keys, appends from JSON files, checkpoints, verification,
 * proofs, trace as a table and an SVG, export and import), material
 * passports as each role sees them, and the ledger part of the demo.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"

/* ---- helpers ---- */

/* A whole file (or stdin for "-") on the jk heap; NULL with a message. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    jk_buf b;
    char chunk[8192];
    size_t n;

    if (!fp) {
        fprintf(stderr, "junkan: %s: cannot read: %s\n", path, strerror(errno));
        return NULL;
    }
    jk_buf_init(&b, 1u << 30);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (jk_buf_add(&b, chunk, n) != JK_OK) {
            fprintf(stderr, "junkan: %s: too large\n", path);
            jk_buf_free(&b);
            if (fp != stdin)
                fclose(fp);
            return NULL;
        }
    if (fp != stdin)
        fclose(fp);
    *len = b.len;
    if (!b.data)
        return jk_strdup("");
    return b.data;
}

static const char *kg_exact(jk_mass g, char *buf, size_t cap)
{
    return jk_mass_exact(g, jk_unit_find("kg"), buf, cap);
}

/* Open the store (it must exist) and its ledger. */
static int open_ledger(cli *c, jk_store **s, jk_ledger **lg)
{
    jk_err err;
    int rc = cli_open(c, false, s);
    if (rc)
        return rc;
    if (jk_ledger_open(*s, lg, &err) != JK_OK) {
        jk_store_close(*s);
        *s = NULL;
        return cli_fail(c, &err);
    }
    return EXIT_OK;
}

static void close_ledger(jk_store *s, jk_ledger *lg)
{
    jk_ledger_close(lg);
    jk_store_close(s);
}

#define MAX_KEYS 16

typedef struct largs {
    const char *pos[4];            /* positional arguments */
    int npos;                      /* how many */
    const char *keyfile[MAX_KEYS]; /* --key FILE */
    int nkeys;                     /* how many */
    const char *at;                /* --at TIME */
    const char *out;               /* --out FILE */
    const char *origin;            /* --origin NAME */
    const char *name;              /* --name TEXT */
    const char *uoi;               /* --uoi UOI */
    const char *as;                /* --as ROLE */
    const char *svg;               /* --svg FILE */
    const char *lot;               /* --lot UPI */
    const char *cls;               /* --class ID */
    const char *id;                /* --id ID */
    const char *attrs;             /* --attrs FILE */
    const char *check;             /* --check FILE */
    long long size;                /* --size N */
    long long c1, c2;              /* --consistency A B */
    int threads;                   /* --threads N */
    bool epcis;                    /* --epcis */
    bool forward;                  /* --forward only */
    bool backward;                 /* --backward only */
} largs;

static int parse(const char *topic, int argc, char **argv, int from, largs *a)
{
    int i;
    memset(a, 0, sizeof(*a));
    a->c1 = a->c2 = -1;
    for (i = from; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (o[0] != '-' || strcmp(o, "-") == 0) {
            if (a->npos == 4)
                return cli_usage(topic, "too many arguments");
            a->pos[a->npos++] = o;
            continue;
        }
        if (strcmp(o, "--epcis") == 0) {
            a->epcis = true;
            continue;
        }
        if (strcmp(o, "--forward") == 0) {
            a->forward = true;
            continue;
        }
        if (strcmp(o, "--backward") == 0) {
            a->backward = true;
            continue;
        }
        if (!v)
            return cli_usage(topic, "%s needs a value", o);
        i++;
        if (strcmp(o, "--key") == 0) {
            if (a->nkeys == MAX_KEYS)
                return cli_usage(topic, "at most %d keys", MAX_KEYS);
            a->keyfile[a->nkeys++] = v;
        } else if (strcmp(o, "--at") == 0) {
            a->at = v;
        } else if (strcmp(o, "--out") == 0) {
            a->out = v;
        } else if (strcmp(o, "--origin") == 0) {
            a->origin = v;
        } else if (strcmp(o, "--name") == 0) {
            a->name = v;
        } else if (strcmp(o, "--uoi") == 0) {
            a->uoi = v;
        } else if (strcmp(o, "--as") == 0) {
            a->as = v;
        } else if (strcmp(o, "--svg") == 0) {
            a->svg = v;
        } else if (strcmp(o, "--lot") == 0) {
            a->lot = v;
        } else if (strcmp(o, "--class") == 0) {
            a->cls = v;
        } else if (strcmp(o, "--id") == 0) {
            a->id = v;
        } else if (strcmp(o, "--attrs") == 0) {
            a->attrs = v;
        } else if (strcmp(o, "--check") == 0) {
            a->check = v;
        } else if (strcmp(o, "--size") == 0 || strcmp(o, "--threads") == 0) {
            int64_t n;
            if (jk_parse_i64(v, &n) != JK_OK || n < 0)
                return cli_usage(topic, "%s takes a whole number, not \"%s\"",
                                 o, v);
            if (strcmp(o, "--size") == 0)
                a->size = n;
            else
                a->threads = (int)n;
        } else if (strcmp(o, "--consistency") == 0) {
            int64_t n1, n2;
            if (i + 1 >= argc || jk_parse_i64(v, &n1) != JK_OK ||
                jk_parse_i64(argv[i + 1], &n2) != JK_OK)
                return cli_usage(topic, "--consistency takes two sizes");
            a->c1 = n1;
            a->c2 = n2;
            i++;
        } else {
            return cli_usage(topic, "unknown option \"%s\"", o);
        }
    }
    return EXIT_OK;
}

static int load_keys(const largs *a, jk_ledger_key *keys)
{
    int i;
    jk_err err;
    for (i = 0; i < a->nkeys; i++)
        if (jk_ledger_key_load(a->keyfile[i], &keys[i], &err) != JK_OK) {
            char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
            while (i-- > 0)
                jk_ledger_key_wipe(&keys[i]);
            fprintf(stderr, "junkan: %s\n",
                    jk_err_line(&err, line, sizeof(line)));
            return cli_exit_code(err.code);
        }
    return EXIT_OK;
}

static void wipe_keys(jk_ledger_key *keys, int n)
{
    int i;
    for (i = 0; i < n; i++)
        jk_ledger_key_wipe(&keys[i]);
}

static FILE *open_out(const char *path)
{
    FILE *fp;
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    fp = fopen(path, "w");
    if (!fp)
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
    return fp;
}

static int close_out(FILE *fp, const char *path)
{
    if (fp == stdout)
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
    if (fclose(fp) != 0) {
        fprintf(stderr, "junkan: %s: write error\n", path);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- ledger key ---- */

static int ledger_key(cli *c, int argc, char **argv)
{
    largs a;
    jk_ledger_key k;
    jk_err err;
    char pub[65];
    int rc;

    if (argc < 3)
        return cli_usage("ledger", "ledger key new|show ...");
    if ((rc = parse("ledger", argc, argv, 3, &a)))
        return rc;
    if (strcmp(argv[2], "new") == 0) {
        int64_t id = 1;
        if (!a.uoi || !a.out)
            return cli_usage("ledger", "ledger key new needs --uoi and --out");
        if (a.id &&
            (jk_parse_i64(a.id, &id) != JK_OK || id < 0 || id > UINT32_MAX))
            return cli_usage("ledger", "--id takes a key number");
        if (jk_ledger_key_new(a.uoi, (uint32_t)id, NULL, a.out, &k, &err))
            return cli_fail(c, &err);
    } else if (strcmp(argv[2], "show") == 0) {
        if (a.npos != 1)
            return cli_usage("ledger", "ledger key show FILE");
        if (jk_ledger_key_load(a.pos[0], &k, &err))
            return cli_fail(c, &err);
    } else {
        return cli_usage("ledger", "ledger key new|show, not \"%s\"", argv[2]);
    }
    /* The public half, as the fields of an operator.register or key.add
     * event. */
    printf("{\"uoi\": \"%s\", \"key_id\": %u, \"pubkey\": \"%s\"}\n", k.uoi,
           (unsigned)k.key_id, jk_ledger_key_pubhex(&k, pub, sizeof(pub)));
    jk_ledger_key_wipe(&k);
    return EXIT_OK;
}

/* ---- init, append, checkpoint ---- */

static int ledger_init(cli *c, int argc, char **argv)
{
    largs a;
    jk_ledger_key k;
    jk_store *s = NULL;
    jk_err err;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (!a.origin || a.nkeys != 1)
        return cli_usage("ledger", "ledger init needs --origin and --key");
    if ((rc = load_keys(&a, &k)))
        return rc;
    rc = cli_open(c, true, &s);
    if (rc == EXIT_OK) {
        if (jk_ledger_create(s, a.origin, a.name, &k, a.at, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else if (!c->quiet)
            fprintf(stderr, "junkan: ledger %s started in %s by %s (key %u)\n",
                    a.origin, c->db, k.uoi, (unsigned)k.key_id);
    }
    jk_store_close(s);
    jk_ledger_key_wipe(&k);
    return rc;
}

static int ledger_append(cli *c, int argc, char **argv)
{
    largs a;
    jk_ledger_key keys[MAX_KEYS];
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_err err;
    int64_t first = 0, count = 0;
    size_t len;
    char *text;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.npos != 1 || a.nkeys < 1)
        return cli_usage("ledger",
                         "ledger append --key FILE [--key FILE...] EVENTS");
    if ((rc = load_keys(&a, keys)))
        return rc;
    text = slurp(a.pos[0], &len);
    if (!text) {
        wipe_keys(keys, a.nkeys);
        return EXIT_FAIL;
    }
    rc = open_ledger(c, &s, &lg);
    if (rc == EXIT_OK) {
        if (jk_ledger_append(lg, keys, (size_t)a.nkeys, a.pos[0], text, len,
                             a.at, &first, &count, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            printf("appended entries %lld..%lld (%lld)\n", (long long)first,
                   (long long)(first + count - 1), (long long)count);
    }
    close_ledger(s, lg);
    jk_free(text);
    wipe_keys(keys, a.nkeys);
    return rc;
}

static int ledger_checkpoint(cli *c, int argc, char **argv)
{
    largs a;
    jk_ledger_key k;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_err err;
    char *note = NULL;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.nkeys != 1)
        return cli_usage("ledger", "ledger checkpoint --key FILE");
    if ((rc = load_keys(&a, &k)))
        return rc;
    rc = open_ledger(c, &s, &lg);
    if (rc == EXIT_OK) {
        if (jk_ledger_checkpoint(lg, &k, &note, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            fputs(note, stdout);
    }
    jk_free(note);
    close_ledger(s, lg);
    jk_ledger_key_wipe(&k);
    return rc;
}

/* ---- verify, proof, export, import ---- */

static int ledger_verify(cli *c, int argc, char **argv)
{
    largs a;
    jk_ledger_report rep;
    jk_store *s = NULL;
    jk_err err;
    char root[65];
    int rc, i;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.npos > 1)
        return cli_usage("ledger", "ledger verify [EXPORT-FILE]");
    if (a.npos == 1) {
        rc = jk_ledger_verify_file(a.pos[0], a.threads, &rep, &err);
    } else {
        if ((rc = cli_open(c, false, &s)))
            return rc;
        rc = jk_ledger_verify_store(s, a.threads, &rep, &err);
        jk_store_close(s);
    }
    if (rc != JK_OK) {
        char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
        fprintf(stderr, "junkan: %s\n", jk_err_line(&err, line, sizeof(line)));
        return rc == JK_ECONSTRAINT || rc == JK_EPARSE ? EXIT_CHECK
                                                       : cli_exit_code(rc);
    }
    for (i = 0; i < JK_HASH_LEN; i++)
        snprintf(root + 2 * i, 3, "%02x", rep.root[i]);
    printf("ok: %lld entries, %lld checkpoints, root %s\n",
           (long long)rep.entries, (long long)rep.checkpoints, root);
    return EXIT_OK;
}

static int ledger_proof(cli *c, int argc, char **argv)
{
    largs a;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_merkle_proof p;
    jk_err err;
    jk_buf b;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.check) {
        size_t len;
        char *text = slurp(a.check, &len);
        if (!text)
            return EXIT_FAIL;
        rc = jk_merkle_proof_parse(a.check, text, len, &p, &err);
        jk_free(text);
        if (rc == JK_OK)
            rc = jk_merkle_verify(&p, &err);
        if (rc != JK_OK) {
            char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
            fprintf(stderr, "junkan: %s\n",
                    jk_err_line(&err, line, sizeof(line)));
            return rc == JK_ECONSTRAINT ? EXIT_CHECK : cli_exit_code(rc);
        }
        printf("ok: %s proof verifies\n",
               p.kind == JK_PROOF_INCLUSION ? "inclusion" : "consistency");
        return EXIT_OK;
    }
    if (a.c1 < 0 && a.npos != 1)
        return cli_usage("ledger", "ledger proof SEQ [--size N], "
                                   "--consistency A B or --check FILE");
    if ((rc = open_ledger(c, &s, &lg)))
        return rc;
    if (a.c1 >= 0) {
        rc = jk_ledger_consistency(lg, a.c1, a.c2, &p, &err);
    } else {
        int64_t seq;
        if (jk_parse_i64(a.pos[0], &seq) != JK_OK) {
            close_ledger(s, lg);
            return cli_usage("ledger", "SEQ is an entry number");
        }
        rc = jk_ledger_inclusion(lg, seq, a.size, &p, &err);
    }
    if (rc == JK_OK) {
        jk_buf_init(&b, 1 << 20);
        if (jk_merkle_proof_format(&p, &b) == JK_OK)
            fputs(b.data, stdout);
        jk_buf_free(&b);
    } else {
        rc = cli_fail(c, &err);
    }
    close_ledger(s, lg);
    return rc;
}

static int ledger_export(cli *c, int argc, char **argv)
{
    largs a;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_err err;
    FILE *fp;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if ((rc = open_ledger(c, &s, &lg)))
        return rc;
    fp = open_out(a.out);
    if (!fp) {
        close_ledger(s, lg);
        return EXIT_FAIL;
    }
    if (a.epcis) {
        jk_buf b;
        jk_buf_init(&b, 1u << 30);
        if (jk_ledger_epcis(lg, a.lot, &b, &err) == JK_OK)
            fputs(b.data, fp);
        else
            rc = cli_fail(c, &err);
        jk_buf_free(&b);
    } else if (jk_ledger_export(lg, fp, &err) != JK_OK) {
        rc = cli_fail(c, &err);
    }
    if (close_out(fp, a.out) && rc == EXIT_OK)
        rc = EXIT_FAIL;
    close_ledger(s, lg);
    return rc;
}

static int ledger_import(cli *c, int argc, char **argv)
{
    largs a;
    jk_store *s = NULL;
    jk_err err;
    int64_t added = 0;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.npos != 1)
        return cli_usage("ledger", "ledger import EXPORT-FILE");
    if ((rc = cli_open(c, true, &s)))
        return rc;
    if (jk_ledger_import(s, a.pos[0], &added, &err) != JK_OK)
        rc = cli_fail(c, &err);
    else
        printf("imported %lld new entries\n", (long long)added);
    jk_store_close(s);
    return rc;
}

/* ---- show ---- */

typedef struct log_ctx {
    table *t;      /* output */
    int64_t limit; /* rows left */
} log_ctx;

/* What an entry is about: its lot(s), account, credit or passport. */
static const char *entry_subject(json_t *ev, char *buf, size_t cap)
{
    static const char *const keys[] = {
        "upi", "parent", "account", "credit", "passport_id", "ufi",
        "uoi", "id",     "scheme",  "origin", NULL};
    json_t *v;
    size_t i;
    buf[0] = '\0';
    if ((v = json_object_get(ev, "lots")) ||
        (v = json_object_get(ev, "outputs"))) {
        json_t *x;
        json_array_foreach (v, i, x) {
            const char *u = json_is_string(x)
                                ? json_string_value(x)
                                : json_string_value(json_object_get(x, "upi"));
            if (u)
                jk_snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s",
                            i ? " " : "", u);
        }
        return buf;
    }
    for (i = 0; keys[i]; i++)
        if ((v = json_object_get(ev, keys[i])) && json_is_string(v)) {
            jk_strlcpy(buf, json_string_value(v), cap);
            return buf;
        }
    return buf;
}

static int log_row(void *ctx, int64_t seq, const char *body, const char *sig)
{
    log_ctx *x = ctx;
    json_t *doc = json_loads(body, 0, NULL);
    char subj[256];
    int rc = 0;
    (void)sig;
    if (x->limit-- <= 0) {
        json_decref(doc);
        return -1; /* stop: enough rows */
    }
    if (!doc)
        return JK_EPARSE;
    if (table_row(x->t) || table_setf(x->t, 0, "%lld", (long long)seq) ||
        table_set(x->t, 1, json_string_value(json_object_get(doc, "rt"))) ||
        table_set(x->t, 2, json_string_value(json_object_get(doc, "type"))) ||
        table_set(x->t, 3, json_string_value(json_object_get(doc, "actor"))) ||
        table_set(
            x->t, 4,
            entry_subject(json_object_get(doc, "ev"), subj, sizeof(subj))))
        rc = JK_ENOMEM;
    json_decref(doc);
    return rc;
}

static int kv(table *t, const char *k, const char *v)
{
    if (table_row(t) || table_set(t, 0, k) || table_set(t, 1, v ? v : ""))
        return JK_ENOMEM;
    return JK_OK;
}

static int ledger_show(cli *c, int argc, char **argv)
{
    largs a;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_err err;
    table *t;
    char buf[64];
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.npos < 1)
        return cli_usage("ledger", "ledger show status|log [FROM]|lot UPI|"
                                   "account ID|entry SEQ");
    if ((rc = open_ledger(c, &s, &lg)))
        return rc;
    t = table_new(NULL);
    if (!t) {
        close_ledger(s, lg);
        return EXIT_FAIL;
    }
    table_col(t, "field", COL_TEXT);
    table_col(t, "value", COL_TEXT);
    if (strcmp(a.pos[0], "status") == 0) {
        jk_merkle_proof p;
        int i;
        kv(t, "origin", jk_ledger_origin(lg));
        jk_snprintf(buf, sizeof(buf), "%lld", (long long)jk_ledger_size(lg));
        kv(t, "entries", buf);
        if (jk_ledger_inclusion(lg, 0, jk_ledger_size(lg), &p, NULL) == JK_OK) {
            char root[65];
            for (i = 0; i < JK_HASH_LEN; i++)
                snprintf(root + 2 * i, 3, "%02x", p.root2[i]);
            kv(t, "root", root);
        }
    } else if (strcmp(a.pos[0], "lot") == 0 && a.npos == 2) {
        jk_ledger_lot l;
        if (jk_ledger_lot_get(lg, a.pos[1], &l, &err) != JK_OK) {
            rc = cli_fail(c, &err);
            goto done;
        }
        kv(t, "upi", l.upi);
        kv(t, "class", l.class_id);
        kv(t, "state", l.state);
        kv(t, "status", l.status);
        kv(t, "facility", l.facility);
        kv(t, "responsible", l.responsible);
        kv(t, "origin", l.origin);
        kv(t, "produced_kg", kg_exact(l.produced, buf, sizeof(buf)));
        kv(t, "remaining_kg", kg_exact(l.remaining, buf, sizeof(buf)));
        kv(t, "consumed_kg", kg_exact(l.consumed, buf, sizeof(buf)));
        kv(t, "destroyed_kg", kg_exact(l.destroyed, buf, sizeof(buf)));
        kv(t, "recycled_pre_kg", kg_exact(l.rec_pre, buf, sizeof(buf)));
        kv(t, "recycled_post_kg", kg_exact(l.rec_post, buf, sizeof(buf)));
        kv(t, "mass_balance_claim_kg",
           kg_exact(l.mb_claimed, buf, sizeof(buf)));
        kv(t, "passport", l.passport);
        jk_snprintf(buf, sizeof(buf), "%lld", (long long)l.seq);
        kv(t, "created_by_entry", buf);
    } else if (strcmp(a.pos[0], "account") == 0 && a.npos == 2) {
        jk_ledger_account ac;
        if (jk_ledger_account_get(lg, a.pos[1], &ac, &err) != JK_OK) {
            rc = cli_fail(c, &err);
            goto done;
        }
        kv(t, "account", ac.id);
        kv(t, "facility", ac.facility);
        kv(t, "characteristic", ac.characteristic);
        kv(t, "scheme", ac.scheme);
        kv(t, "opening_kg", kg_exact(ac.opening, buf, sizeof(buf)));
        kv(t, "credits_kg", kg_exact(ac.credits, buf, sizeof(buf)));
        kv(t, "debits_kg", kg_exact(ac.debits, buf, sizeof(buf)));
        kv(t, "balance_kg", kg_exact(ac.balance, buf, sizeof(buf)));
        kv(t, "closed", ac.closed ? "yes" : "no");
        if (ac.closed) {
            kv(t, "physical_kg", kg_exact(ac.physical, buf, sizeof(buf)));
            kv(t, "within_tolerance", ac.flagged ? "no (I19)" : "yes");
        }
    } else if (strcmp(a.pos[0], "log") == 0) {
        log_ctx x;
        int64_t from = 0;
        table_free(t);
        t = table_new("Log entries");
        if (!t) {
            rc = EXIT_FAIL;
            goto done;
        }
        table_col(t, "seq", COL_NUM);
        table_col(t, "record_time", COL_TEXT);
        table_col(t, "type", COL_TEXT);
        table_col(t, "actor", COL_TEXT);
        table_col(t, "subject", COL_TEXT);
        if (a.npos == 2 && jk_parse_i64(a.pos[1], &from) != JK_OK) {
            rc = cli_usage("ledger", "ledger show log [FROM] [--size N]");
            goto done;
        }
        x.t = t;
        x.limit = a.size ? a.size : INT64_MAX;
        rc = jk_store_ledger_each(s, from, log_row, &x, &err);
        if (rc > 0) {
            if (rc == JK_ENOMEM || rc == JK_EPARSE)
                jk_err_set(&err, rc, "log", "cannot list the entries");
            rc = cli_fail(c, &err);
            goto done;
        }
    } else if (strcmp(a.pos[0], "entry") == 0 && a.npos == 2) {
        int64_t seq;
        jk_buf b;
        if (jk_parse_i64(a.pos[1], &seq) != JK_OK) {
            rc = cli_usage("ledger", "entry takes a number");
            goto done;
        }
        jk_buf_init(&b, 1 << 24);
        if (jk_ledger_entry(lg, seq, &b, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            printf("%s\n", b.data);
        jk_buf_free(&b);
        goto done;
    } else {
        rc = cli_usage("ledger", "ledger show status|log [FROM]|lot UPI|"
                                 "account ID|entry SEQ");
        goto done;
    }
    rc = table_print(t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
done:
    table_free(t);
    close_ledger(s, lg);
    return rc;
}

/* ---- trace ---- */

#define MAX_NODES 512

typedef struct trace_ctx {
    table *t;                    /* the table */
    const char *dir;             /* "back" or "forward" */
    const char *node[MAX_NODES]; /* lots seen, for the SVG */
    int depth[MAX_NODES];        /* signed depth: sources < 0 < products */
    int nnodes;
    jk_ledger_link link[MAX_NODES]; /* links kept for the SVG */
    int nlinks;
    int sign; /* -1 backwards, +1 forwards */
} trace_ctx;

static void add_node(trace_ctx *x, const char *upi, int depth)
{
    int i;
    for (i = 0; i < x->nnodes; i++)
        if (strcmp(x->node[i], upi) == 0)
            return;
    if (x->nnodes < MAX_NODES) {
        x->node[x->nnodes] = upi;
        x->depth[x->nnodes++] = depth;
    }
}

static int trace_row(void *ctx, const jk_ledger_link *l)
{
    trace_ctx *x = ctx;
    char buf[64];
    if (table_row(x->t) || table_set(x->t, 0, x->dir) ||
        table_setf(x->t, 1, "%d", l->depth) || table_set(x->t, 2, l->from) ||
        table_set(x->t, 3, l->to) ||
        table_set(x->t, 4, kg_exact(l->mass, buf, sizeof(buf))) ||
        table_setf(x->t, 5, "%s%s", l->kind,
                   l->erroneous ? " (declared erroneous)" : "") ||
        table_setf(x->t, 6, "%lld", (long long)l->seq))
        return JK_ENOMEM;
    add_node(x, x->sign < 0 ? l->from : l->to, x->sign * l->depth);
    if (x->nlinks < MAX_NODES)
        x->link[x->nlinks++] = *l;
    return 0;
}

/* A layered drawing: sources on the left, products on the right. */
static int trace_svg(const jk_ledger *lg, trace_ctx *x, const char *path)
{
    enum { W = 220, H = 56, GX = 90, GY = 24 };
    int mind = 0, maxd = 0, i, j, rows[64] = {0}, maxrows = 1;
    int px[MAX_NODES], py[MAX_NODES];
    FILE *fp = fopen(path, "w");

    if (!fp) {
        fprintf(stderr, "junkan: %s: cannot write: %s\n", path,
                strerror(errno));
        return EXIT_FAIL;
    }
    for (i = 0; i < x->nnodes; i++) {
        if (x->depth[i] < mind)
            mind = x->depth[i];
        if (x->depth[i] > maxd)
            maxd = x->depth[i];
    }
    if (maxd - mind >= 64)
        maxd = mind + 63;
    for (i = 0; i < x->nnodes; i++) {
        int col = x->depth[i] - mind;
        if (col > 63)
            col = 63;
        px[i] = 20 + col * (W + GX);
        py[i] = 40 + rows[col] * (H + GY);
        if (++rows[col] > maxrows)
            maxrows = rows[col];
    }
    fprintf(fp,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
            "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<text x=\"20\" y=\"24\" font-size=\"15\">Trace of ",
            40 + (maxd - mind + 1) * (W + GX) - GX, 60 + maxrows * (H + GY));
    jk_xml_escape(fp, x->node[0]);
    fputs(" (masses in kg)</text>\n", fp);
    for (j = 0; j < x->nlinks; j++) {
        int a = -1, b = -1;
        char buf[64];
        for (i = 0; i < x->nnodes; i++) {
            if (strcmp(x->node[i], x->link[j].from) == 0)
                a = i;
            if (strcmp(x->node[i], x->link[j].to) == 0)
                b = i;
        }
        if (a < 0 || b < 0)
            continue;
        fprintf(fp,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                "stroke=\"#4a7\" stroke-width=\"2\"/>\n",
                px[a] + W, py[a] + H / 2, px[b], py[b] + H / 2);
        fprintf(fp,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                "fill=\"#274\">%s</text>\n",
                (px[a] + W + px[b]) / 2, (py[a] + py[b] + H) / 2 - 4,
                kg_exact(x->link[j].mass, buf, sizeof(buf)));
    }
    for (i = 0; i < x->nnodes; i++) {
        jk_ledger_lot l;
        char buf[64];
        jk_ledger_lot_get(lg, x->node[i], &l, NULL);
        fprintf(fp,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" "
                "fill=\"%s\" stroke=\"#333\"/>\n",
                px[i], py[i], W, H, i == 0 ? "#fde9a9" : "#eef5ff");
        fprintf(fp, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">", px[i] + 8,
                py[i] + 18);
        jk_xml_escape(fp, x->node[i]);
        fprintf(fp, "</text>\n<text x=\"%d\" y=\"%d\">", px[i] + 8, py[i] + 34);
        jk_xml_escape(fp, l.class_id ? l.class_id : "");
        fprintf(fp, " %s kg</text>\n", kg_exact(l.produced, buf, sizeof(buf)));
        fprintf(fp, "<text x=\"%d\" y=\"%d\" fill=\"#555\">", px[i] + 8,
                py[i] + 49);
        jk_xml_escape(fp, l.facility ? l.facility : "");
        fputs("</text>\n", fp);
    }
    fputs("</svg>\n", fp);
    return close_out(fp, path);
}

static int ledger_trace(cli *c, int argc, char **argv)
{
    largs a;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_err err;
    trace_ctx *x;
    jk_ledger_lot l;
    int rc;

    if ((rc = parse("ledger", argc, argv, 2, &a)))
        return rc;
    if (a.npos != 1)
        return cli_usage("ledger", "ledger trace UPI [--backward|--forward] "
                                   "[--svg FILE]");
    if ((rc = open_ledger(c, &s, &lg)))
        return rc;
    x = jk_calloc(1, sizeof(*x));
    if (!x || !(x->t = table_new("Trace (masses in kg)"))) {
        jk_free(x);
        close_ledger(s, lg);
        return EXIT_FAIL;
    }
    if (jk_ledger_lot_get(lg, a.pos[0], &l, &err) != JK_OK) {
        rc = cli_fail(c, &err);
        goto done;
    }
    table_col(x->t, "direction", COL_TEXT);
    table_col(x->t, "depth", COL_NUM);
    table_col(x->t, "from", COL_TEXT);
    table_col(x->t, "to", COL_TEXT);
    table_col(x->t, "mass_kg", COL_NUM);
    table_col(x->t, "link", COL_TEXT);
    table_col(x->t, "entry", COL_NUM);
    add_node(x, l.upi, 0);
    if (!a.forward) {
        x->dir = "back";
        x->sign = -1;
        if (jk_ledger_trace(lg, l.upi, true, trace_row, x, &err) != JK_OK) {
            rc = cli_fail(c, &err);
            goto done;
        }
    }
    if (!a.backward) {
        x->dir = "forward";
        x->sign = 1;
        if (jk_ledger_trace(lg, l.upi, false, trace_row, x, &err) != JK_OK) {
            rc = cli_fail(c, &err);
            goto done;
        }
    }
    rc = table_print(x->t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
    if (rc == EXIT_OK && a.svg)
        rc = trace_svg(lg, x, a.svg);
done:
    table_free(x->t);
    jk_free(x);
    close_ledger(s, lg);
    return rc;
}

int cmd_ledger(cli *c, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("ledger", "ledger what? (init, key, append, import, "
                                   "verify, proof, checkpoint, trace, show, "
                                   "export)");
    if (strcmp(argv[1], "init") == 0)
        return ledger_init(c, argc, argv);
    if (strcmp(argv[1], "key") == 0)
        return ledger_key(c, argc, argv);
    if (strcmp(argv[1], "append") == 0)
        return ledger_append(c, argc, argv);
    if (strcmp(argv[1], "import") == 0)
        return ledger_import(c, argc, argv);
    if (strcmp(argv[1], "verify") == 0)
        return ledger_verify(c, argc, argv);
    if (strcmp(argv[1], "proof") == 0)
        return ledger_proof(c, argc, argv);
    if (strcmp(argv[1], "checkpoint") == 0)
        return ledger_checkpoint(c, argc, argv);
    if (strcmp(argv[1], "trace") == 0)
        return ledger_trace(c, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return ledger_show(c, argc, argv);
    if (strcmp(argv[1], "export") == 0)
        return ledger_export(c, argc, argv);
    return cli_usage("ledger", "unknown ledger command \"%s\"", argv[1]);
}

/* ---- passports ---- */

static int passport_create(cli *c, const largs *a)
{
    jk_ledger_key k;
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_ledger_lot l;
    jk_ledger_passport old;
    jk_err err;
    jk_buf ev;
    char *attrs = NULL;
    const char *current = NULL;
    size_t len = 2;
    int rc;

    if (!a->lot == !a->cls || !a->id || a->nkeys != 1)
        return cli_usage("passport", "passport create --key FILE "
                                     "--lot UPI|--class ID --id ID "
                                     "[--attrs FILE]");
    if (a->attrs && !(attrs = slurp(a->attrs, &len)))
        return EXIT_FAIL;
    if ((rc = load_keys(a, &k))) {
        jk_free(attrs);
        return rc;
    }
    jk_buf_init(&ev, 1u << 26);
    rc = open_ledger(c, &s, &lg);
    if (rc == EXIT_OK && a->lot) {
        if (jk_ledger_lot_get(lg, a->lot, &l, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            current = l.passport;
    } else if (rc == EXIT_OK) {
        current = jk_ledger_class_passport(lg, a->cls);
    }
    if (rc == EXIT_OK) {
        char t[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
        jk_buf_addf(&ev,
                    "{\"type\": \"passport.issue\", \"passport_id\": "
                    "\"%s\", \"%s\": \"%s\", ",
                    a->id, a->lot ? "upi" : "class", a->lot ? a->lot : a->cls);
        /* A new version supersedes the current passport (I7). */
        if (current && jk_ledger_passport_get(lg, current, &old, NULL) == JK_OK)
            jk_buf_addf(&ev, "\"version\": %u, \"supersedes\": \"%s\", ",
                        old.version + 1, old.id);
        else
            jk_buf_adds(&ev, "\"version\": 1, ");
        jk_buf_addf(&ev, "\"time\": \"%s\", \"attributes\": %s}",
                    a->at ? a->at : t, attrs ? attrs : "[]");
        if (jk_ledger_append(lg, &k, 1, a->attrs ? a->attrs : "passport",
                             jk_buf_str(&ev), ev.len, a->at, NULL, NULL,
                             &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            printf("passport %s issued for %s\n", a->id,
                   a->lot ? a->lot : a->cls);
    }
    jk_buf_free(&ev);
    jk_free(attrs);
    close_ledger(s, lg);
    jk_ledger_key_wipe(&k);
    return rc;
}

typedef struct attr_ctx {
    table *t; /* output */
} attr_ctx;

static int attr_row(void *ctx, const jk_ledger_attr *at)
{
    attr_ctx *x = ctx;
    if (table_row(x->t) || table_set(x->t, 0, at->key) ||
        table_set(x->t, 1, at->value) || table_set(x->t, 2, at->unit) ||
        table_set(x->t, 3, jk_ledger_access_name(at->access)) ||
        table_setf(x->t, 4, "%lld", (long long)at->seq))
        return JK_ENOMEM;
    return 0;
}

static int passport_show(cli *c, const largs *a, bool untp)
{
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_ledger_access role = JK_ACCESS_PUBLIC;
    jk_ledger_passport p;
    jk_err err;
    int rc;

    if (a->npos != 1)
        return cli_usage("passport", "passport %s ID [--as ROLE]",
                         untp ? "export" : "show");
    if (a->as && jk_ledger_role_parse(a->as, &role) != JK_OK)
        return cli_usage("passport",
                         "--as takes public, legit_interest (recycler, "
                         "repairer, remanufacturer, second_life) or "
                         "authority (notified_body, market_surveillance, "
                         "commission), not \"%s\"",
                         a->as);
    if ((rc = open_ledger(c, &s, &lg)))
        return rc;
    if (jk_ledger_passport_get(lg, a->pos[0], &p, &err) != JK_OK) {
        rc = cli_fail(c, &err);
    } else if (untp) {
        jk_buf b;
        FILE *fp = open_out(a->out);
        jk_buf_init(&b, 1u << 30);
        if (!fp)
            rc = EXIT_FAIL;
        else if (jk_ledger_passport_untp(lg, p.id, role, &b, &err) != JK_OK)
            rc = cli_fail(c, &err);
        else
            fputs(b.data, fp);
        if (fp && close_out(fp, a->out) && rc == EXIT_OK)
            rc = EXIT_FAIL;
        jk_buf_free(&b);
    } else {
        attr_ctx x;
        char title[256];
        jk_snprintf(title, sizeof(title),
                    "Passport %s v%u of %s, issued by %s%s (as %s)", p.id,
                    p.version, p.upi ? p.upi : p.class_id, p.issuer,
                    p.superseded ? ", superseded" : "",
                    jk_ledger_access_name(role));
        x.t = table_new(title);
        if (!x.t) {
            close_ledger(s, lg);
            return EXIT_FAIL;
        }
        table_col(x.t, "key", COL_TEXT);
        table_col(x.t, "value", COL_TEXT);
        table_col(x.t, "unit", COL_TEXT);
        table_col(x.t, "access", COL_TEXT);
        table_col(x.t, "entry", COL_NUM);
        if (jk_ledger_passport_attrs(lg, p.id, role, attr_row, &x, &err) !=
            JK_OK)
            rc = cli_fail(c, &err);
        else
            rc = table_print(x.t, c->format, stdout) ? EXIT_FAIL : EXIT_OK;
        table_free(x.t);
    }
    close_ledger(s, lg);
    return rc;
}

int cmd_passport(cli *c, int argc, char **argv)
{
    largs a;
    int rc;
    if (argc < 2)
        return cli_usage("passport", "passport what? (create, show, export)");
    if ((rc = parse("passport", argc, argv, 2, &a)))
        return rc;
    if (strcmp(argv[1], "create") == 0)
        return passport_create(c, &a);
    if (strcmp(argv[1], "show") == 0)
        return passport_show(c, &a, false);
    if (strcmp(argv[1], "export") == 0)
        return passport_show(c, &a, true);
    return cli_usage("passport", "unknown passport command \"%s\"", argv[1]);
}

/* ---- demo ---- */

#define DEMO_RT "2026-06-30T12:00:00Z"

static const char *const demo_ops[4][2] = {
    {"jk:demo-registry", "junkan demo registry"},
    {"jp:city-yokohama", "City of Yokohama, Resources and Waste Recycling"},
    {"jp:sorter-kawasaki", "Kawasaki PET Recycling Co."},
    {"jp:maker-kanagawa", "Kanagawa Bottling Co."},
};

static int demo_append_file(cli *c, jk_ledger *lg, const jk_ledger_key *keys,
                            size_t nkeys, const char *path)
{
    jk_err err;
    size_t len;
    char *text = slurp(path, &len);
    int rc = EXIT_OK;
    if (!text)
        return EXIT_FAIL;
    if (jk_ledger_append(lg, keys, nkeys, path, text, len, DEMO_RT, NULL, NULL,
                         &err) != JK_OK)
        rc = cli_fail(c, &err);
    jk_free(text);
    return rc;
}

/*
 * The ledger part of `junkan demo`: PET bottles collected by a city are
 * sorted into flakes, which a bottle maker blends with virgin resin and
 * claims recycled content for through a mass-balance account; the
 * product gets a passport; the log is checkpointed, exported and
 * verified from scratch. Keys come from fixed seeds so that the demo is
 * reproducible: they are demo keys, never to be used for real data.
 */
int demo_ledger(cli *c, const char *outdir)
{
    char db[4096], keydir[4096], path[4096], svg[4096], pub[4][65];
    jk_ledger_key keys[4];
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_buf ev;
    jk_err err;
    cli dc = *c;
    int i, rc = EXIT_OK;

    jk_snprintf(db, sizeof(db), "%s/ledger.db", outdir);
    jk_snprintf(keydir, sizeof(keydir), "%s/keys", outdir);
    unlink(db);
    jk_snprintf(path, sizeof(path), "%s-wal", db);
    unlink(path);
    jk_snprintf(path, sizeof(path), "%s-shm", db);
    unlink(path);
    if (mkdir(keydir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "junkan: %s: cannot create: %s\n", keydir,
                strerror(errno));
        return EXIT_FAIL;
    }
    for (i = 0; i < 4; i++) {
        uint8_t seed[32];
        memset(seed, 0xd0 + i, sizeof(seed));
        jk_snprintf(path, sizeof(path), "%s/%s.key", keydir,
                    demo_ops[i][0] + 3);
        unlink(path);
        if (jk_ledger_key_new(demo_ops[i][0], 1, seed, path, &keys[i], &err) !=
            JK_OK) {
            wipe_keys(keys, i);
            return cli_fail(c, &err);
        }
        jk_ledger_key_pubhex(&keys[i], pub[i], sizeof(pub[i]));
    }
    dc.db = db;
    printf("\nTraceability ledger: %s (keys in %s/, mode 0600)\n", db, keydir);
    rc = cli_open(&dc, true, &s);
    if (rc) {
        wipe_keys(keys, 4);
        return rc;
    }
    jk_buf_init(&ev, 1 << 20);
    if (jk_ledger_create(s, "demo.junkan.example/ledger", demo_ops[0][1],
                         &keys[0], "2026-04-01T00:00:00Z", &err) != JK_OK ||
        jk_ledger_open(s, &lg, &err) != JK_OK) {
        rc = cli_fail(c, &err);
        goto done;
    }
    jk_buf_adds(&ev, "[");
    for (i = 1; i < 4; i++)
        jk_buf_addf(&ev,
                    "%s{\"type\": \"operator.register\", \"uoi\": \"%s\", "
                    "\"name\": \"%s\", \"country\": \"JP\", \"key_id\": 1, "
                    "\"pubkey\": \"%s\", "
                    "\"time\": \"2026-04-01T09:00:00+09:00\"}",
                    i > 1 ? ", " : "", demo_ops[i][0], demo_ops[i][1], pub[i]);
    jk_buf_adds(&ev, "]");
    if (jk_ledger_append(lg, keys, 1, "operators", jk_buf_str(&ev), ev.len,
                         DEMO_RT, NULL, NULL, &err) != JK_OK) {
        rc = cli_fail(c, &err);
        goto done;
    }
    jk_snprintf(path, sizeof(path), "%s/ledger/demo/master.json",
                JK_DEFAULT_DATA_DIR);
    if ((rc = demo_append_file(c, lg, keys, 4, path)))
        goto done;
    jk_snprintf(path, sizeof(path), "%s/ledger/schemes.json",
                JK_DEFAULT_DATA_DIR);
    if ((rc = demo_append_file(c, lg, keys, 1, path)))
        goto done;
    jk_snprintf(path, sizeof(path), "%s/ledger/demo/chain.json",
                JK_DEFAULT_DATA_DIR);
    if ((rc = demo_append_file(c, lg, keys, 4, path)))
        goto done;
    if (jk_ledger_checkpoint(lg, &keys[0], NULL, &err) != JK_OK) {
        rc = cli_fail(c, &err);
        goto done;
    }
    printf("%lld signed entries, checkpointed\n\n",
           (long long)jk_ledger_size(lg));
    jk_snprintf(path, sizeof(path), "%s/ledger-export.jsonl", outdir);
    {
        FILE *fp = fopen(path, "w");
        if (!fp || jk_ledger_export(lg, fp, &err) != JK_OK) {
            if (fp)
                fclose(fp);
            rc = fp ? cli_fail(c, &err) : EXIT_FAIL;
            goto done;
        }
        fclose(fp);
    }
    jk_ledger_close(lg);
    lg = NULL;
    jk_store_close(s);
    s = NULL;
    {
        char *av[8];
        av[0] = (char *)"ledger";
        av[1] = (char *)"verify";
        printf("Verification of the store from scratch: ");
        fflush(stdout);
        if ((rc = cmd_ledger(&dc, 2, av)))
            goto done;
        printf("Verification of the export (as a backup operator would): ");
        fflush(stdout);
        av[2] = path;
        if ((rc = cmd_ledger(&dc, 3, av)))
            goto done;
        putchar('\n');
        jk_snprintf(svg, sizeof(svg), "%s/trace-bottles.svg", outdir);
        av[1] = (char *)"trace";
        av[2] = (char *)"urn:jk:lot:bottles-0410";
        av[3] = (char *)"--svg";
        av[4] = svg;
        if ((rc = cmd_ledger(&dc, 5, av)))
            goto done;
        putchar('\n');
        av[1] = (char *)"show";
        av[2] = (char *)"account";
        av[3] = (char *)"acc:kanagawa-rpet-2026q2";
        if ((rc = cmd_ledger(&dc, 4, av)))
            goto done;
        putchar('\n');
        av[0] = (char *)"passport";
        av[1] = (char *)"show";
        av[2] = (char *)"urn:jk:dpp:bottles-0410";
        av[3] = (char *)"--as";
        av[4] = (char *)"public";
        if ((rc = cmd_passport(&dc, 5, av)))
            goto done;
        putchar('\n');
        av[4] = (char *)"recycler";
        if ((rc = cmd_passport(&dc, 5, av)))
            goto done;
        jk_snprintf(path, sizeof(path), "%s/passport-bottles.json", outdir);
        av[1] = (char *)"export";
        av[4] = (char *)"public";
        av[5] = (char *)"--out";
        av[6] = path;
        if ((rc = cmd_passport(&dc, 7, av)))
            goto done;
        jk_snprintf(path, sizeof(path), "%s/epcis-bottles.json", outdir);
        av[0] = (char *)"ledger";
        av[1] = (char *)"export";
        av[2] = (char *)"--epcis";
        av[3] = (char *)"--lot";
        av[4] = (char *)"urn:jk:lot:bottles-0410";
        av[5] = (char *)"--out";
        av[6] = path;
        if ((rc = cmd_ledger(&dc, 7, av)))
            goto done;
    }
    putchar('\n');
    if ((rc = demo_market_ledger(&dc)))
        goto done;
    printf("\nLedger outputs in %s/: ledger.db, ledger-export.jsonl, "
           "trace-bottles.svg, passport-bottles.json, epcis-bottles.json, "
           "keys/\n",
           outdir);
done:
    jk_buf_free(&ev);
    jk_ledger_close(lg);
    jk_store_close(s);
    wipe_keys(keys, 4);
    return rc;
}
