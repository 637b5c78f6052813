/*
 * Ledger benchmark: each rate against raw libsodium Ed25519 verification
 * measured in the same run.
 *
 *   1. raw: crypto_sign_verify_detached on entry-sized messages, one
 *      thread and two threads;
 *   2. append, bulk: signed events appended in batches of B (one store
 *      transaction per batch, each entry signed, verified, checked
 *      against the invariants and chained);
 *   3. append, single: one transaction per event;
 *   4. full verification from scratch of an N-entry log (default
 *      1,000,000) on two threads, against two threads' raw rate;
 *   5. opening the log (replay without signatures), and inclusion proofs
 *      for random entries of the N-entry log.
 *
 * usage: bench_ledger [N] [DIR]   (DIR: where the store file goes, or
 *                                 a postgres:// URI of an empty database)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include <junkan/junkan.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { RAW_N = 20000, MSG = 360 };

typedef struct raw_job {
    const uint8_t *msgs; /* RAW_N messages of MSG bytes */
    const uint8_t *sigs; /* their signatures */
    const uint8_t *pk;   /* public key */
    int from, to;        /* range */
    int bad;             /* failures (must stay 0) */
} raw_job;

static void *raw_worker(void *arg)
{
    raw_job *j = arg;
    int i;
    for (i = j->from; i < j->to; i++)
        if (crypto_sign_verify_detached(j->sigs + (size_t)i * 64,
                                        j->msgs + (size_t)i * MSG, MSG,
                                        j->pk) != 0)
            j->bad++;
    return NULL;
}

/* Verifications per second with `threads` threads. */
static double raw_rate(int threads)
{
    uint8_t pk[32], sk[64];
    uint8_t *msgs = malloc((size_t)RAW_N * MSG);
    uint8_t *sigs = malloc((size_t)RAW_N * 64);
    raw_job j[2];
    pthread_t th[2];
    double t0, t;
    int i;

    crypto_sign_keypair(pk, sk);
    randombytes_buf(msgs, (size_t)RAW_N * MSG);
    for (i = 0; i < RAW_N; i++)
        crypto_sign_detached(sigs + (size_t)i * 64, NULL,
                             msgs + (size_t)i * MSG, MSG, sk);
    t0 = now();
    for (i = 0; i < threads; i++) {
        j[i].msgs = msgs;
        j[i].sigs = sigs;
        j[i].pk = pk;
        j[i].from = RAW_N * i / threads;
        j[i].to = RAW_N * (i + 1) / threads;
        j[i].bad = 0;
        pthread_create(&th[i], NULL, raw_worker, &j[i]);
    }
    for (i = 0; i < threads; i++)
        pthread_join(th[i], NULL);
    t = now() - t0;
    for (i = 0; i < threads; i++)
        if (j[i].bad) {
            fprintf(stderr, "raw verification failed\n");
            exit(1);
        }
    free(msgs);
    free(sigs);
    return RAW_N / t;
}

static char *batch_text(long first, long n)
{
    size_t cap = (size_t)n * 160 + 16, o = 0;
    char *b = malloc(cap);
    long i;
    o += (size_t)snprintf(b + o, cap - o, "[");
    for (i = 0; i < n; i++)
        o += (size_t)snprintf(
            b + o, cap - o,
            "%s{\"type\":\"object.observe\",\"upi\":\"urn:jk:lot:bench\","
            "\"n\":%ld,\"time\":\"2026-01-15T09:00:00+09:00\"}",
            i ? "," : "", first + i);
    snprintf(b + o, cap - o, "]");
    return b;
}

static void die(const char *what, const jk_err *err)
{
    char line[JK_ERR_WHERE + JK_ERR_MSG + 8];
    fprintf(stderr, "bench_ledger: %s: %s\n", what,
            jk_err_line(err, line, sizeof(line)));
    exit(1);
}

static const char setup[] =
    "[{\"type\":\"facility.register\",\"ufi\":\"urn:jk:fac:bench\","
    "\"name\":\"Bench\",\"time\":\"2026-01-15T09:00:00+09:00\"},"
    "{\"type\":\"class.register\",\"id\":\"urn:jk:class:bench\",\"name\":"
    "\"Bench\",\"material\":\"plastic.pet\",\"time\":"
    "\"2026-01-15T09:00:00+09:00\"},"
    "{\"type\":\"lot.create\",\"upi\":\"urn:jk:lot:bench\",\"class\":"
    "\"urn:jk:class:bench\",\"facility\":\"urn:jk:fac:bench\",\"mass\":"
    "\"10 t\",\"time\":\"2026-01-15T09:00:00+09:00\"}]";

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    const char *rt = "2026-01-20T00:00:00Z";
    char path[512], tmp[600];
    jk_store *s = NULL;
    jk_ledger *lg = NULL;
    jk_ledger_key k;
    jk_ledger_report rep;
    jk_merkle_proof p;
    jk_err err;
    double raw1, raw2, t0, t, bulk, single, ver, open_s, proof_us;
    long i, batch = 1000, singles = 300, done;
    uint8_t seed[32];

    if (sodium_init() < 0)
        return 1;
    raw1 = raw_rate(1);
    raw2 = raw_rate(2);
    printf("raw Ed25519 verification (%d-byte messages): %.0f/s on one "
           "thread, %.0f/s on two\n",
           MSG, raw1, raw2);

    if (strncmp(dir, "postgres", 8) == 0) /* an empty PostgreSQL database */
        snprintf(path, sizeof(path), "%s", dir);
    else
        snprintf(path, sizeof(path), "%s/bench-ledger-%d.db", dir,
                 (int)getpid());
    memset(seed, 0x42, sizeof(seed));
    if (jk_ledger_key_new("urn:jk:op:bench", 1, seed, NULL, &k, &err) ||
        jk_store_open(path, NULL, &s, &err) ||
        jk_ledger_create(s, "bench/ledger", "Bench", &k, "2026-01-01T00:00:00Z",
                         &err) ||
        jk_ledger_open(s, &lg, &err) ||
        jk_ledger_append(lg, &k, 1, "setup", setup, strlen(setup), rt, NULL,
                         NULL, &err))
        die("setup", &err);

    /* bulk appends, batches of 1000, one transaction each */
    t0 = now();
    for (done = 0; done < 20000; done += batch) {
        char *b = batch_text(done, batch);
        if (jk_ledger_append(lg, &k, 1, "bench", b, strlen(b), rt, NULL, NULL,
                             &err))
            die("append", &err);
        free(b);
    }
    bulk = done / (now() - t0);
    /* single appends: one transaction per event */
    t0 = now();
    for (i = 0; i < singles; i++) {
        char *b = batch_text(done + i, 1);
        if (jk_ledger_append(lg, &k, 1, "bench", b, strlen(b), rt, NULL, NULL,
                             &err))
            die("append", &err);
        free(b);
    }
    single = singles / (now() - t0);
    done += singles;
    printf("append, batches of %ld: %.0f entries/s = %.0f%% of one "
           "thread's raw verification rate\n",
           batch, bulk, 100.0 * bulk / raw1);
    printf("append, one transaction each: %.0f entries/s (%.0f%%)\n", single,
           100.0 * single / raw1);

    /* grow the log to n entries */
    fprintf(stderr, "building a log of %ld entries...\n", n);
    t0 = now();
    while (jk_ledger_size(lg) < n) {
        long want = n - jk_ledger_size(lg);
        char *b = batch_text(done, want < 10000 ? want : 10000);
        if (jk_ledger_append(lg, &k, 1, "bench", b, strlen(b), rt, NULL, NULL,
                             &err))
            die("append", &err);
        done += want < 10000 ? want : 10000;
        free(b);
    }
    t = now() - t0;
    fprintf(stderr, "built in %.1f s\n", t);
    if (jk_ledger_checkpoint(lg, &k, NULL, &err))
        die("checkpoint", &err);
    jk_ledger_close(lg);
    lg = NULL;

    /* full verification from scratch, two threads */
    raw2 = raw_rate(2);
    t0 = now();
    if (jk_ledger_verify_store(s, 2, &rep, &err))
        die("verify", &err);
    t = now() - t0;
    ver = (double)rep.entries / t;
    printf("full verification of %lld entries on 2 threads: %.1f s, "
           "%.0f entries/s = %.0f%% of two threads' raw rate (%.0f/s)\n",
           (long long)rep.entries, t, ver, 100.0 * ver / raw2, raw2);

    /* open (replay) and inclusion proofs */
    t0 = now();
    if (jk_ledger_open(s, &lg, &err))
        die("open", &err);
    open_s = now() - t0;
    t0 = now();
    for (i = 0; i < 10000; i++) {
        int64_t seq = (int64_t)(randombytes_uniform((uint32_t)n));
        if (jk_ledger_inclusion(lg, seq, 0, &p, &err) ||
            jk_merkle_verify(&p, &err))
            die("proof", &err);
    }
    proof_us = (now() - t0) / 10000 * 1e6;
    printf("open (replay without signatures): %.1f s; inclusion proof "
           "(build and verify) for a random entry: %.1f us\n",
           open_s, proof_us);
    jk_ledger_close(lg);
    jk_store_close(s);
    jk_ledger_key_wipe(&k);
    if (getenv("JK_BENCH_KEEP")) { /* keep the log for profiling */
        fprintf(stderr, "kept %s\n", path);
        return 0;
    }
    unlink(path);
    snprintf(tmp, sizeof(tmp), "%s-wal", path);
    unlink(tmp);
    snprintf(tmp, sizeof(tmp), "%s-shm", path);
    unlink(tmp);
    return 0;
}
