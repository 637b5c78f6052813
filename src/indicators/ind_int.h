/*
 * Internals of the indicators module: the data set, the reference
 * lookups (materials, routes) and the value-set builder.
 */
#ifndef JK_IND_INT_H
#define JK_IND_INT_H

#include <math.h>

#include <junkan/indicators.h>

/* How a route counts: recovery kind used by CTI, ISO 59020 and ESRS. */
typedef enum ind_fate {
    FATE_NONE = 0,      /* not a treatment route (import, sale, ...) */
    FATE_REUSE,         /* reuse / preparation for reuse */
    FATE_RECYCLE,       /* material and chemical recycling */
    FATE_ORGANIC,       /* composting, anaerobic digestion */
    FATE_ENERGY,        /* incineration or fuel use with energy recovery */
    FATE_INCINERATION,  /* incineration without energy recovery */
    FATE_LANDFILL,      /* final disposal */
    FATE_OTHER_DISPOSAL /* export and other disposal */
} ind_fate;

ind_fate ind_route_fate(const char *route);
/* True when the route recovers material in the CTI sense (reuse,
 * recycling, composting and digestion; not energy recovery). */
bool ind_fate_circular(ind_fate f);


struct jk_ind_data {
    jk_arena *a; /* strings */
    jk_ind_company company;
    bool has_company;
    jk_ind_inflow *in;
    size_t n_in, cap_in;
    jk_ind_outflow *out;
    size_t n_out, cap_out;
    jk_ind_product *prod;
    size_t n_prod, cap_prod;
    jk_ind_bom *bom;
    size_t n_bom, cap_bom;
    jk_ind_target *tg;
    size_t n_tg, cap_tg;
    const char *source; /* where the data came from (path, store) */
    char **materials;   /* known material codes, sorted */
    size_t n_materials;
};

bool ind_material_known(const jk_ind_data *d, const char *code);
const jk_ind_product *ind_product(const jk_ind_data *d, const char *id);

/* Start a value set. */
void ind_set_init(jk_ind_set *s, const char *framework, const char *version,
                  const char *source);
/* Append a value; JK_ENOMEM. */
int ind_put(jk_ind_set *s, const char *id, const char *subject,
            jk_ind_unit unit, double value, const char *en, const char *ja,
            const char *note);

/* grams to tonnes */
static inline double ind_t(jk_mass m)
{
    return (double)m / 1e6;
}

/* a / b, NAN when b is 0 */
static inline double ind_div(double a, double b)
{
    return b != 0 ? a / b : (double)NAN;
}

#endif
