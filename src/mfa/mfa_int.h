/*
 * Internals of the mfa module: the system's storage. Other files of the
 * module use these; everything else goes through include/junkan/mfa.h.
 */
#ifndef JK_MFA_INT_H
#define JK_MFA_INT_H

#include <junkan/mfa.h>

/* A string -> index map (open addressing), keys owned elsewhere. */
typedef struct mfa_index {
    const char **key; /* cap slots, NULL when free */
    size_t *val;      /* index per slot */
    size_t cap;       /* power of two */
    size_t n;         /* used */
} mfa_index;

struct jk_mfa_system {
    jk_arena *a;           /* every string */
    jk_mfa_info info;      /* description */
    jk_mfa_process *procs; /* processes */
    size_t nprocs, cprocs;
    jk_mfa_flow *flows; /* flows */
    size_t nflows, cflows;
    jk_mfa_stock *stocks; /* stock changes */
    size_t nstocks, cstocks;
    jk_mfa_tc *tcs; /* transfer coefficients */
    size_t ntcs, ctcs;
    struct mfa_conc *concs; /* concentrations */
    size_t nconcs, cconcs;
    mfa_index proc_ix; /* process id -> index */
    mfa_index flow_ix; /* flow id -> index */
};

/* A substance's mass fraction in a flow. */
typedef struct mfa_conc {
    size_t flow;           /* flow index */
    const char *substance; /* in the arena */
    double fraction;       /* 0..1 */
    double sd;             /* >= 0 */
} mfa_conc;

long mfa_index_get(const mfa_index *ix, const char *key);
int mfa_index_put(mfa_index *ix, const char *key, size_t val);
void mfa_index_free(mfa_index *ix);

/* True if node names the outside of the system ("ext:..."). */
bool mfa_is_ext(const char *node);

#endif
