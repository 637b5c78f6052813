/*
 * The hub model's storage, shared by the loader (model.c), the MILP
 * (model_solve.c) and the outputs (plan_out.c).
 */
#ifndef JK_NET_MODEL_INT_H
#define JK_NET_MODEL_INT_H

#include "network/net_int.h"

#define NET_MAX_MODES 8
#define NET_MAX_SIZES 8

enum { SITE_SOURCE = 0, SITE_HUB = 1, SITE_DEST = 2 };

typedef struct net_site {
    char *id, *name_ja, *name_en, *country;
    int kind;
    double lon, lat; /* NAN when absent */
    unsigned modes;  /* bit per mode index; all ones = any */
    char *modes_text;
    long line;
} net_site;

typedef struct net_size {
    char *name;
    double cap, cost;
} net_size;

typedef struct net_hub {
    int site;
    double fixed;
    int must; /* 1 open, -1 closed, 0 free */
    int nsize;
    net_size size[NET_MAX_SIZES];
    bool declared; /* in hubs.csv */
} net_hub;

typedef struct net_mode {
    char *id;
    double cost, co2, detour; /* per t-km; kg CO2 per t-km; factor */
} net_mode;

struct jk_net_model {
    jk_arena *a;
    char *dir;
    net_site *sites;
    int nsites, csites;
    char **mat, **mat_ja, **mat_en;
    int nmat, cmat;
    char **per;
    int nper, cper;
    net_hub *hubs;
    int nhubs, chubs;
    net_mode modes[NET_MAX_MODES];
    int nmodes;
    double *handling; /* nhubs * nmat */
    double *supply;   /* nsites * nmat * nper */
    double *demand;   /* nsites * nmat * nper */
    double *dist;     /* nsites * nsites * nmodes, NAN = not given */
    bool *banned;     /* nmat: may not leave Japan */
    /* parameters */
    double carbon_price, budget, co2_cap;
    int max_hubs; /* < 0 none */
    bool single_source;
};

/* Index helpers. */
int net_site_find(const jk_net_model *m, const char *id);
int net_hub_find(const jk_net_model *m, const char *id);
int net_mat_find(const jk_net_model *m, const char *code);
/* Leg length in km by mode k (NAN when unknown or mode not allowed). */
double net_km(const jk_net_model *m, int a, int b, int k);
bool net_abroad(const net_site *s);

#endif
