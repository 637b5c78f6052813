/*
 * junkan model: materials, regions, routes, organisations, sites, flows.
 *
 * Records are plain structs of borrowed strings: whoever fills one owns
 * the memory it points to (an arena, a parser buffer, a store row that
 * lives for the duration of a callback).
 */
#ifndef JUNKAN_MODEL_H
#define JUNKAN_MODEL_H

#include <junkan/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A node of the materials taxonomy ("metal.copper.scrap"). */
typedef struct jk_material {
    const char *code;    /* hierarchical code; parent = code up to last '.' */
    const char *name_ja; /* Japanese name */
    const char *name_en; /* English name */
    const char *hs;      /* HS 2022 codes, ';'-separated, "" when none */
    const char *ewc;     /* EU List of Waste codes, ';'-separated, "" */
} jk_material;

/** A country (ISO 3166-1) or a Japanese prefecture (ISO 3166-2:JP). */
typedef struct jk_region {
    const char *code;    /* "JP", "JP-13" */
    const char *kind;    /* "country" or "prefecture" */
    const char *parent;  /* "JP" for prefectures, "" for countries */
    const char *lg_code; /* 全国地方公共団体コード, "130001", or "" */
    const char *iso_alpha3;  /* "JPN" or "" */
    const char *iso_numeric; /* "392" or "" */
    const char *name_ja;     /* 東京都 */
    const char *name_en;     /* Tokyo */
    bool has_coord;          /* lat/lon are set */
    double lat;              /* degrees north (WGS 84) */
    double lon;              /* degrees east */
} jk_region;

/** A treatment or flow route ("recycling", "landfill", ...). */
typedef struct jk_route {
    const char *code;    /* "incineration_power" */
    const char *name_ja; /* 発電焼却 */
    const char *name_en; /* incineration with power generation */
    const char *kind; /* input, output, stock, recovery, disposal, transfer */
} jk_route;

typedef enum jk_org_kind {
    JK_ORG_MUNICIPALITY = 1,
    JK_ORG_COLLECTOR,
    JK_ORG_RECYCLER,
    JK_ORG_MANUFACTURER,
    JK_ORG_HUB_OPERATOR,
    JK_ORG_AUTHORITY,
    JK_ORG_AUDITOR
} jk_org_kind;

/** An organisation taking part in material flows. */
typedef struct jk_org {
    const char *id;               /* slug, "city-yokohama" */
    const char *name;             /* name as registered (usually Japanese) */
    const char *name_en;          /* English name or "" */
    jk_org_kind kind;             /* what it does */
    const char *corporate_number; /* 法人番号 (13 digits) or "" */
    const char *lg_code;          /* municipality code (6 digits) or "" */
    const char *region;           /* region code ("JP-14") or "" */
} jk_org;

typedef enum jk_site_kind {
    JK_SITE_OFFICE = 1,
    JK_SITE_COLLECTION_POINT,
    JK_SITE_SORTING,
    JK_SITE_RECYCLING_PLANT,
    JK_SITE_INCINERATOR,
    JK_SITE_LANDFILL,
    JK_SITE_FACTORY,
    JK_SITE_PORT,
    JK_SITE_YARD
} jk_site_kind;

/** Most capacities one site may list. */
#define JK_SITE_MAX_CAPS 64

/** A yearly capacity of a site for one material. */
typedef struct jk_capacity {
    const char *material; /* material code */
    jk_mass per_year;     /* grams per year */
} jk_capacity;

/** A physical place of an organisation. */
typedef struct jk_site {
    const char *id;                /* slug */
    const char *org;               /* owning organisation id */
    const char *name;              /* name */
    const char *name_en;           /* English name or "" */
    jk_site_kind kind;             /* what happens there */
    bool has_coord;                /* lat/lon are set */
    double lat;                    /* degrees north (WGS 84) */
    double lon;                    /* degrees east */
    const char *region;            /* region code or "" */
    const jk_capacity *capacities; /* n_capacities entries */
    size_t n_capacities;
} jk_site;

/**
 * A flow of one material in one period between two nodes. A node is
 * "site:ID", "org:ID", the name of a process ("economy", "landfill"),
 * or "ext:NAME" for what lies outside the system (nature, the rest of
 * the world), whose balance is never checked.
 */
typedef struct jk_flow {
    const char *from;     /* source node */
    const char *to;       /* destination node */
    const char *material; /* material code */
    jk_mass mass;         /* grams, >= 0 */
    jk_period period;     /* when */
    const char *route;    /* route code or "" */
    const char *label;    /* free text ("輸入資源 imported resources") */
    const char *source;   /* citation of the number, or "" */
} jk_flow;

/** Name of an organisation kind ("municipality"); "?" when invalid. */
JK_API const char *jk_org_kind_name(jk_org_kind k);
/** Parse an organisation kind name; JK_EPARSE when unknown. */
JK_API int jk_org_kind_parse(const char *s, jk_org_kind *out);
/** The accepted organisation kind names, ", "-separated, for messages. */
JK_API const char *jk_org_kind_list(void);

JK_API const char *jk_site_kind_name(jk_site_kind k);
JK_API int jk_site_kind_parse(const char *s, jk_site_kind *out);
JK_API const char *jk_site_kind_list(void);

/** True if code is a well-formed material code: segments of [a-z0-9_]
 *  joined by '.', at most JK_ID_MAX bytes. */
JK_API bool jk_material_code_valid(const char *code);
/**
 * Write the parent of a material code into buf ("metal.copper" for
 * "metal.copper.scrap"); "" for a top-level code. Returns buf.
 */
JK_API const char *jk_material_parent(const char *code, char *buf, size_t cap);

/** Node kinds of flow endpoints. */
typedef enum jk_node_kind {
    JK_NODE_PROCESS = 1, /* a named process, "economy" */
    JK_NODE_SITE,        /* "site:ID" */
    JK_NODE_ORG,         /* "org:ID" */
    JK_NODE_EXTERNAL     /* "ext:NAME": outside the system boundary */
} jk_node_kind;

/**
 * Split a flow endpoint into its kind and id ("site:abc" -> SITE, "abc";
 * "ext:row" -> EXTERNAL, "row"; "economy" -> PROCESS, "economy").
 * Returns JK_EPARSE when the prefix is unknown or the id invalid.
 */
JK_API int jk_node_parse(const char *node, jk_node_kind *kind, const char **id);

/**
 * Parse site capacities "plastic.pp=12000t;metal.iron.scrap=50kt" into
 * caps (allocated from arena a). Empty text gives zero entries; more
 * than JK_SITE_MAX_CAPS entries or a repeated material is an error.
 * Returns JK_OK, JK_EPARSE/JK_ERANGE with err->msg set, or JK_ENOMEM.
 */
JK_API int jk_capacities_parse(const char *text, jk_arena *a,
                               jk_capacity **caps, size_t *n, jk_err *err);

#ifdef __cplusplus
}
#endif
#endif /* JUNKAN_MODEL_H */
