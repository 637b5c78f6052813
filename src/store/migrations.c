/*
 * Schema migrations, numbered and applied in order. A migration is never
 * edited once released: change the schema with a new entry at the end.
 * Statements are plain SQL that SQLite and PostgreSQL both accept.
 */
#include "store/store_int.h"

const jk_migration jk_migrations[] = {
    {1, "materials, regions, routes, organisations, sites, flows",
     "CREATE TABLE material (\n"
     "  code TEXT PRIMARY KEY,\n"
     "  parent TEXT REFERENCES material(code),\n"
     "  name_ja TEXT NOT NULL,\n"
     "  name_en TEXT NOT NULL,\n"
     "  hs TEXT NOT NULL DEFAULT '',\n"
     "  ewc TEXT NOT NULL DEFAULT '');\n"
     "CREATE TABLE region (\n"
     "  code TEXT PRIMARY KEY,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('country', 'prefecture')),\n"
     "  parent TEXT REFERENCES region(code),\n"
     "  lg_code TEXT NOT NULL DEFAULT '',\n"
     "  iso_alpha3 TEXT NOT NULL DEFAULT '',\n"
     "  iso_numeric TEXT NOT NULL DEFAULT '',\n"
     "  name_ja TEXT NOT NULL,\n"
     "  name_en TEXT NOT NULL,\n"
     "  lat REAL,\n"
     "  lon REAL);\n"
     "CREATE TABLE route (\n"
     "  code TEXT PRIMARY KEY,\n"
     "  name_ja TEXT NOT NULL,\n"
     "  name_en TEXT NOT NULL,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('input', 'output', 'stock',\n"
     "    'recovery', 'disposal', 'transfer')));\n"
     "CREATE TABLE organisation (\n"
     "  id TEXT PRIMARY KEY,\n"
     "  name TEXT NOT NULL,\n"
     "  name_en TEXT NOT NULL DEFAULT '',\n"
     "  kind TEXT NOT NULL,\n"
     "  corporate_number TEXT NOT NULL DEFAULT '',\n"
     "  lg_code TEXT NOT NULL DEFAULT '',\n"
     "  region TEXT REFERENCES region(code));\n"
     "CREATE TABLE site (\n"
     "  id TEXT PRIMARY KEY,\n"
     "  org TEXT NOT NULL REFERENCES organisation(id),\n"
     "  name TEXT NOT NULL,\n"
     "  name_en TEXT NOT NULL DEFAULT '',\n"
     "  kind TEXT NOT NULL,\n"
     "  lat REAL,\n"
     "  lon REAL,\n"
     "  region TEXT REFERENCES region(code));\n"
     "CREATE TABLE site_capacity (\n"
     "  site TEXT NOT NULL REFERENCES site(id),\n"
     "  material TEXT NOT NULL REFERENCES material(code),\n"
     "  grams_per_year BIGINT NOT NULL CHECK (grams_per_year >= 0),\n"
     "  PRIMARY KEY (site, material));\n"
     "CREATE TABLE process (\n"
     "  id TEXT PRIMARY KEY);\n"
     "CREATE TABLE import_log (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  file TEXT NOT NULL,\n"
     "  kind TEXT NOT NULL,\n"
     "  rows BIGINT NOT NULL,\n"
     "  at TEXT NOT NULL);\n"
     "CREATE TABLE flow (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  src TEXT NOT NULL,\n"
     "  dst TEXT NOT NULL,\n"
     "  material TEXT NOT NULL REFERENCES material(code),\n"
     "  grams BIGINT NOT NULL CHECK (grams >= 0),\n"
     "  period TEXT NOT NULL,\n"
     "  route TEXT REFERENCES route(code),\n"
     "  label TEXT NOT NULL DEFAULT '',\n"
     "  source TEXT NOT NULL DEFAULT '');\n"},
    {2, "ledger entries and checkpoints",
     "CREATE TABLE ledger_entry (\n"
     "  seq BIGINT PRIMARY KEY CHECK (seq >= 0),\n"
     "  body TEXT NOT NULL,\n"
     "  sig TEXT NOT NULL);\n"
     "CREATE TABLE ledger_checkpoint (\n"
     "  tree_size BIGINT PRIMARY KEY CHECK (tree_size >= 0),\n"
     "  note TEXT NOT NULL);\n"},
    {3, "market listings, decisions (agreements) and deliveries",
     "CREATE TABLE market_listing (\n"
     "  id TEXT PRIMARY KEY,\n"
     "  side TEXT NOT NULL CHECK (side IN ('supply', 'demand')),\n"
     "  org TEXT NOT NULL DEFAULT '',\n"
     "  material TEXT NOT NULL REFERENCES material(code),\n"
     "  grade TEXT NOT NULL DEFAULT '',\n"
     "  properties TEXT NOT NULL DEFAULT '',\n"
     "  grams BIGINT NOT NULL CHECK (grams > 0),\n"
     "  recurrence TEXT NOT NULL,\n"
     "  min_lot BIGINT NOT NULL DEFAULT 0 CHECK (min_lot >= 0),\n"
     "  site TEXT NOT NULL DEFAULT '',\n"
     "  lat REAL NOT NULL,\n"
     "  lon REAL NOT NULL,\n"
     "  prefecture TEXT NOT NULL DEFAULT '',\n"
     "  price REAL NOT NULL DEFAULT 0,\n"
     "  valid_from TEXT NOT NULL DEFAULT '',\n"
     "  valid_to TEXT NOT NULL DEFAULT '',\n"
     "  visibility TEXT NOT NULL,\n"
     "  evidence TEXT NOT NULL DEFAULT '',\n"
     "  status TEXT NOT NULL,\n"
     "  ewc TEXT NOT NULL DEFAULT '',\n"
     "  jw TEXT NOT NULL DEFAULT '',\n"
     "  hs TEXT NOT NULL DEFAULT '',\n"
     "  fate TEXT NOT NULL DEFAULT '',\n"
     "  mode TEXT NOT NULL DEFAULT 'truck');\n"
     "CREATE TABLE market_decision (\n"
     "  supply TEXT NOT NULL REFERENCES market_listing(id),\n"
     "  demand TEXT NOT NULL REFERENCES market_listing(id),\n"
     "  decision TEXT NOT NULL CHECK (decision IN ('confirmed', "
     "'rejected')),\n"
     "  grams BIGINT NOT NULL DEFAULT 0 CHECK (grams >= 0),\n"
     "  note TEXT NOT NULL DEFAULT '',\n"
     "  at TEXT NOT NULL,\n"
     "  PRIMARY KEY (supply, demand));\n"
     "CREATE TABLE market_delivery (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  supply TEXT NOT NULL,\n"
     "  demand TEXT NOT NULL,\n"
     "  period TEXT NOT NULL,\n"
     "  grams BIGINT NOT NULL CHECK (grams > 0),\n"
     "  ref TEXT NOT NULL DEFAULT '',\n"
     "  FOREIGN KEY (supply, demand) REFERENCES market_decision(supply, "
     "demand));\n"},
    {6, "API tokens",
     "CREATE TABLE api_token (\n"
     "  id TEXT PRIMARY KEY,\n"
     "  hash TEXT NOT NULL,\n"
     "  role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'auditor')),\n"
     "  org TEXT NOT NULL DEFAULT '',\n"
     "  label TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL,\n"
     "  revoked_at TEXT NOT NULL DEFAULT '');\n"},
    /* The tenant (Citus distribution column, docs/scale-out.md) of the
     * tables that grow without bound: flows and the import log by
     * `owner`, ledger entries and checkpoints by `ledger`, each in its
     * primary key. Until the callers pass a tenant every row has ''.
     * SQLite keeps flow.id and import_log.id as its rowid (the key of
     * its b-tree, unique alone); PostgreSQL widens those keys in
     * jk_migrations_pg below. The ledger tables are rebuilt (SQLite
     * cannot change a primary key) with their rows. */
    {7, "tenant columns in the keys of flows, imports and the ledger",
     "ALTER TABLE flow ADD COLUMN owner TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE import_log ADD COLUMN owner TEXT NOT NULL DEFAULT '';\n"
     "CREATE TABLE ledger_entry_v7 (\n"
     "  ledger TEXT NOT NULL DEFAULT '',\n"
     "  seq BIGINT NOT NULL CHECK (seq >= 0),\n"
     "  body TEXT NOT NULL,\n"
     "  sig TEXT NOT NULL,\n"
     "  PRIMARY KEY (ledger, seq));\n"
     "INSERT INTO ledger_entry_v7 (ledger, seq, body, sig)\n"
     "  SELECT '', seq, body, sig FROM ledger_entry;\n"
     "DROP TABLE ledger_entry;\n"
     "ALTER TABLE ledger_entry_v7 RENAME TO ledger_entry;\n"
     "CREATE TABLE ledger_checkpoint_v7 (\n"
     "  ledger TEXT NOT NULL DEFAULT '',\n"
     "  tree_size BIGINT NOT NULL CHECK (tree_size >= 0),\n"
     "  note TEXT NOT NULL,\n"
     "  PRIMARY KEY (ledger, tree_size));\n"
     "INSERT INTO ledger_checkpoint_v7 (ledger, tree_size, note)\n"
     "  SELECT '', tree_size, note FROM ledger_checkpoint;\n"
     "DROP TABLE ledger_checkpoint;\n"
     "ALTER TABLE ledger_checkpoint_v7 RENAME TO ledger_checkpoint;\n"},
    /* The municipal diagnosis input (src/store/dg.c describes the
     * columns, junkan/diagnosis.h reads them). Every table is keyed by
     * the municipality code first: the distribution column on Citus,
     * the five tables co-located (docs/scale-out.md). Flow masses are
     * exact grams, like flow.grams. */
    {8,
     "municipal diagnosis input: profiles, flows, composition, "
     "residual, costs",
     "CREATE TABLE dg_profile (\n"
     "  muni_code TEXT NOT NULL,\n"
     "  fiscal_year BIGINT NOT NULL,\n"
     "  muni_name TEXT NOT NULL,\n"
     "  pref_name TEXT NOT NULL DEFAULT '',\n"
     "  city_class TEXT NOT NULL,\n"
     "  pop_total REAL NOT NULL,\n"
     "  pop_collection REAL,\n"
     "  households REAL,\n"
     "  emp_secondary_pct REAL,\n"
     "  emp_tertiary_pct REAL,\n"
     "  separation_type TEXT NOT NULL DEFAULT '',\n"
     "  grid_ef REAL,\n"
     "  landfill_volume_m3 REAL,\n"
     "  landfill_remaining_m3 REAL,\n"
     "  PRIMARY KEY (muni_code));\n"
     "CREATE TABLE dg_flow (\n"
     "  muni_code TEXT NOT NULL REFERENCES dg_profile(muni_code),\n"
     "  seq BIGINT NOT NULL,\n"
     "  fraction TEXT NOT NULL,\n"
     "  source TEXT NOT NULL,\n"
     "  route TEXT NOT NULL,\n"
     "  grams BIGINT NOT NULL CHECK (grams >= 0),\n"
     "  recycled_grams BIGINT CHECK (recycled_grams >= 0),\n"
     "  residue_grams BIGINT CHECK (residue_grams >= 0),\n"
     "  PRIMARY KEY (muni_code, seq));\n"
     "CREATE TABLE dg_composition (\n"
     "  muni_code TEXT NOT NULL REFERENCES dg_profile(muni_code),\n"
     "  paper_cloth_dry_pct REAL,\n"
     "  plastic_rubber_leather_dry_pct REAL,\n"
     "  wood_dry_pct REAL,\n"
     "  kitchen_dry_pct REAL,\n"
     "  incombustible_dry_pct REAL,\n"
     "  other_dry_pct REAL,\n"
     "  moisture_pct REAL,\n"
     "  ash_pct REAL,\n"
     "  lhv_kj_per_kg REAL,\n"
     "  power_generated_mwh REAL,\n"
     "  power_sold_mwh REAL,\n"
     "  PRIMARY KEY (muni_code));\n"
     "CREATE TABLE dg_residual (\n"
     "  muni_code TEXT NOT NULL REFERENCES dg_profile(muni_code),\n"
     "  fraction TEXT NOT NULL,\n"
     "  wet_pct REAL NOT NULL,\n"
     "  PRIMARY KEY (muni_code, fraction));\n"
     "CREATE TABLE dg_cost (\n"
     "  muni_code TEXT NOT NULL REFERENCES dg_profile(muni_code),\n"
     "  collection_transport REAL,\n"
     "  intermediate_treatment REAL,\n"
     "  final_disposal REAL,\n"
     "  outsourcing REAL,\n"
     "  research_study REAL,\n"
     "  vehicle_purchase REAL,\n"
     "  construction_improvement REAL,\n"
     "  power_sales REAL,\n"
     "  material_sales REAL,\n"
     "  PRIMARY KEY (muni_code));\n"},
};

const size_t jk_n_migrations = sizeof(jk_migrations) / sizeof(jk_migrations[0]);

/*
 * Statements that PostgreSQL runs after the common text of a migration,
 * in the same transaction: what SQLite cannot express (changing a
 * primary key in place).
 */
const jk_migration jk_migrations_pg[] = {
    {7, "tenant in the primary keys of flow and import_log",
     "ALTER TABLE flow DROP CONSTRAINT flow_pkey;\n"
     "ALTER TABLE flow ADD PRIMARY KEY (owner, id);\n"
     "CREATE INDEX flow_by_id ON flow (id);\n"
     "ALTER TABLE import_log DROP CONSTRAINT import_log_pkey;\n"
     "ALTER TABLE import_log ADD PRIMARY KEY (owner, id);\n"},
};

const size_t jk_n_migrations_pg =
    sizeof(jk_migrations_pg) / sizeof(jk_migrations_pg[0]);
