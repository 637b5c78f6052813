/*
 * Help texts: one per command and topic, each with an example. The
 * single source for `junkan help ...`, `junkan CMD --help` and the
 * command reference in docs/cli.md.
 */
#include <string.h>

#include "cli/cli.h"

typedef struct help_page {
    const char *topic;
    const char *text;
} help_page;

static const help_page pages[] = {
    {"junkan",
     "junkan - material flows, circularity and traceability for the "
     "circular economy\n"
     "\n"
     "Usage: junkan [--db PATH] [--format table|csv|json] [--quiet] COMMAND "
     "[ARGS]\n"
     "\n"
     "Commands:\n"
     "  init       create a store and load the reference tables\n"
     "  import     import organisations, sites, materials and flows (CSV, "
     "JSON)\n"
     "  export     write what a store holds as CSV or JSON\n"
     "  show       print a summary or a list (materials, sites, flows, ...)\n"
     "  check      check the mass balance of every process\n"
     "  demo       build out/demo.db from the bundled demo data and report\n"
     "  mfa        material flow accounts: check, reconcile, sankey,\n"
     "             indicators, system, stock\n"
     "  market     secondary-material listings, matching, the gap report,\n"
     "             offtake agreements and deliveries\n"
     "  help       help on a command or topic (exit-codes, formats)\n"
     "  version    print the version\n"
     "\n"
     "Options:\n"
     "  --db PATH       the store: a SQLite file (default junkan.db, or "
     "$JUNKAN_DB)\n"
     "  --format F      output as an aligned table (default), csv or json\n"
     "  --quiet, -q     no progress bar or notes on standard error\n"
     "  --help, -h      this text; `junkan COMMAND --help` for a command\n"
     "\n"
     "Example:\n"
     "  junkan --db city.db init\n"
     "  junkan --db city.db import data/demo/\n"
     "  junkan --db city.db show summary\n"},
    {"init",
     "Usage: junkan [--db PATH] init\n"
     "\n"
     "Create the store (a SQLite file) if it does not exist, apply the "
     "schema\n"
     "migrations, and load the bundled reference tables: the materials\n"
     "taxonomy, Japan's 47 prefectures and the ISO 3166 countries, and the\n"
     "flow routes. Running it again on an existing store is harmless.\n"
     "\n"
     "Example:\n"
     "  junkan --db city.db init\n"},
    {"import",
     "Usage: junkan [--db PATH] import [--kind KIND] FILE|DIR...\n"
     "\n"
     "Import CSV and JSON files in ONE transaction: if any row of any file "
     "is\n"
     "wrong, nothing is imported and the error names the file, line and\n"
     "column (or JSON path), the field and what was expected:\n"
     "  flows.csv:12:4: mass: expected a number with a unit, got \"12,5t\"\n"
     "\n"
     "Each CSV file holds one kind, told by its header; a JSON file may "
     "hold\n"
     "several ({\"organisations\": [...], \"flows\": [...]}). Files are "
     "taken in\n"
     "dependency order (materials, organisations, sites, flows), and a\n"
     "directory stands for its *.csv and *.json files. The store is "
     "created\n"
     "if needed. See `junkan help formats` for the columns.\n"
     "\n"
     "Options:\n"
     "  --kind KIND   treat every file as KIND (materials, organisations,\n"
     "                sites, flows), for headers that cannot tell\n"
     "\n"
     "Example:\n"
     "  junkan --db city.db import organisations.csv sites.csv flows.csv\n"},
    {"export",
     "Usage: junkan [--db PATH] export [--out FILE] [--unit UNIT] KIND|all\n"
     "\n"
     "Write every record of KIND (materials, organisations, sites, flows,\n"
     "routes, regions) as CSV, or with --format json (or KIND all) as one\n"
     "JSON document. Exported materials, organisations, sites and flows\n"
     "import back to the same records (routes and regions are reference\n"
     "tables every store already has).\n"
     "Masses are exact: flows are written in tonnes with as many decimals\n"
     "as needed, or in --unit (g, kg, t, kt, Mt, 万t).\n"
     "\n"
     "Example:\n"
     "  junkan --db city.db export flows --out flows.csv\n"
     "  junkan --db city.db export all --out city.json\n"},
    {"show",
     "Usage: junkan [--db PATH] [--format F] show WHAT\n"
     "\n"
     "WHAT is one of:\n"
     "  summary        counts of everything, and flows by material and route\n"
     "  materials      the materials taxonomy with HS and EWC codes\n"
     "  regions        countries and prefectures\n"
     "  routes         the flow routes (recycling, incineration, ...)\n"
     "  organisations  organisations\n"
     "  sites          sites with coordinates and capacities\n"
     "  flows          every flow\n"
     "\n"
     "Example:\n"
     "  junkan --db city.db --format csv show flows > flows.csv\n"},
    {"check",
     "Usage: junkan [--db PATH] check [--tolerance PCT]\n"
     "\n"
     "For every process node (a flow endpoint that is not site:ID or "
     "org:ID),\n"
     "per material and period, compare what flows in with what flows out.\n"
     "A difference within the tolerance (default 0.1%, which absorbs the\n"
     "rounding of published figures) is reported but accepted; a larger "
     "one\n"
     "makes the command exit with code 4. Nodes with only outputs are\n"
     "sources, with only inputs sinks (the system boundary, or a stock).\n"
     "\n"
     "Example:\n"
     "  junkan --db out/demo.db check --tolerance 0.5\n"},
    {"demo",
     "Usage: junkan demo [--data DIR] [--out DIR]\n"
     "\n"
     "The main job on the bundled demo data: create OUT/demo.db afresh\n"
     "(SQLite), load the reference tables, import DIR (default: the\n"
     "bundled data/demo), check the balances, print a summary, and write\n"
     "in OUT: contents.csv, flows-by-route.csv, end-of-life.csv,\n"
     "summary.json, balances.csv and demo-export.json. Then it reconciles\n"
     "Japan's FY2006 material flow, prints the Fundamental Plan indicators\n"
     "against their targets, and draws OUT/japan-fy2006.svg and\n"
     "OUT/plastics-2017.svg. OUT defaults to out.\n"
     "\n"
     "Example:\n"
     "  junkan demo --out out\n"},
    {"mfa",
     "Usage: junkan mfa COMMAND SYSTEM [options]\n"
     "\n"
     "Material flow accounts. SYSTEM is a .json file, a directory of CSV\n"
     "files (flows.csv with id,from,to,value,sd,status,route,label,source;\n"
     "optional processes.csv id,name_ja,name_en,stock; stocks.csv\n"
     "process,value,sd,status; tcs.csv process,flow,tc), or the store's\n"
     "flows: --material M --period P [--sd 5%] (with --db). Values are\n"
     "tonnes; sd is tonnes or a percentage; status is measured, estimated,\n"
     "unknown or constant. Endpoints named ext:NAME lie outside the system.\n"
     "Flows may carry substance concentrations (JSON \"concentrations\":\n"
     "{\"cu\": 0.02}, or concentrations.csv flow,substance,value,sd);\n"
     "--substance NAME works on that substance layer instead of the goods.\n"
     "\n"
     "Commands:\n"
     "  check       plausibility report and the balance of every process\n"
     "              (exit 4 on an error or an imbalance above 0.1%)\n"
     "  reconcile   weighted least squares under the balances and transfer\n"
     "              coefficients (Cencic 2016): reconciled values and sd,\n"
     "              unknowns computed or 'cannot be determined', the global\n"
     "              chi-square test and the per-measurement test (exit 4\n"
     "              when the global test fails). --method auto|dense|sparse,\n"
     "              --alpha 0.05, --covariance yes, --out FILE.json writes\n"
     "              the reconciled system\n"
     "  sankey      an SVG Sankey diagram: --out FILE.svg --lang ja|en\n"
     "              [--reconciled yes]\n"
     "  indicators  Japan's Fundamental Plan indicators against the 4th and\n"
     "              5th plan targets: --gdp OKU_YEN --gdp-base YEAR\n"
     "              --population N --renewable T [--reconciled yes]\n"
     "  system      write SYSTEM as JSON (--out FILE.json) or as a directory\n"
     "              of CSV files (--out DIR/)\n"
     "  stock       dynamic stock model: --lifetime fixed:L |\n"
     "              normal:MEAN,SD | lognormal:MEAN,SD | weibull:K,LAMBDA\n"
     "              and --inflow FILE (year,inflow) or --stock FILE\n"
     "              (year,stock); prints inflow, stock and outflow per year\n"
     "\n"
     "Example:\n"
     "  junkan --db out/demo.db mfa reconcile --material all --period "
     "FY2006\n"
     "  junkan --db out/demo.db mfa sankey --material plastic --period 2017 "
     "\\\n"
     "         --lang ja --out plastics.svg\n"
     "  junkan mfa stock --lifetime weibull:2.5,12 --inflow sales.csv\n"},
    {"market",
     "Usage: junkan market COMMAND [FILE...] [options]\n"
     "\n"
     "Supplies and demands of secondary materials, matched at least cost\n"
     "(transport + CO2 x carbon price - price margin - grade premium) by a\n"
     "minimum-cost flow over the k nearest compatible pairs. FILEs are\n"
     "listings (id,side,material,quantity,lat,lon + optional org, grade,\n"
     "properties, recurrence, min_lot, site, prefecture, price, valid_from,\n"
     "valid_to, visibility, evidence, status, ewc, jw, hs, fate, mode; CSV\n"
     "or JSON {\"listings\": [...]}), grades (material,grade,property,min,\n"
     "max[,premium]), permits (org,waste_type,prefecture), exclusions\n"
     "(buyer,excluded), hubs (hub,lat,lon,handling[,mode]) and partners\n"
     "(org,partner), told apart by their header. Without a listings\n"
     "file the listings and decisions come from the store (--db).\n"
     "Quantities are per period (recurrence) and matched per year; prices\n"
     "and costs are yen per tonne.\n"
     "\n"
     "Commands:\n"
     "  import FILE...        store the listings (one transaction; rules\n"
     "                        files are read at match time, not stored)\n"
     "  list [--side S]       the listings\n"
     "  match                 allocations with why and the next best\n"
     "                        alternative, then what is left and why;\n"
     "                        --out DIR writes CSV, JSON, SVG and XLSX\n"
     "  explain ID            why listing ID got what it got\n"
     "  gap [--svg FILE] [--xlsx FILE]\n"
     "                        per material and grade: supply, demand,\n"
     "                        matched, unmatched with reasons, and where\n"
     "                        unplaced supply goes today\n"
     "  agree SUPPLY DEMAND --volume MASS [--note TEXT]\n"
     "                        an offtake agreement of MASS per period;\n"
     "                        the pair is not proposed again\n"
     "  reject SUPPLY DEMAND [--note TEXT]\n"
     "                        the pair is never proposed again\n"
     "  deliver SUPPLY DEMAND --mass MASS --period P [--ref ID]\n"
     "  shortfall             agreed, delivered and short per period\n"
     "  rank FILE...          municipality-company matching: challenges\n"
     "                        (challenge,municipality,material,tonnes,lat,\n"
     "                        lon,radius_km[,processes]) against\n"
     "                        capabilities (company,materials,processes,\n"
     "                        capacity,lat,lon,area_km); --top 5,\n"
     "                        --weights 0.3,0.3,0.2,0.2 (material, process,\n"
     "                        capacity, distance; published defaults)\n"
     "\n"
     "Matching options: --k 50 (candidates per supply), --max-km 1000,\n"
     "--detour 1.3 (road km per straight km), --carbon-price 5000 (yen per\n"
     "t CO2), --unmet-penalty 0, --unplaced-penalty 0 (yen per t),\n"
     "--hub-km 150 (a supply may ship through its nearest hub this close).\n"
     "\n"
     "Example:\n"
     "  junkan market match data/demo/market/*.csv --out out\n"
     "  junkan --db m.db market import listings.csv\n"
     "  junkan --db m.db market gap grades.csv permits.csv --svg gap.svg\n"
     "  junkan --db m.db market agree s-yokohama-pp d-kobe-pp --volume 40t\n"},
    {"exit-codes",
     "Exit codes of junkan:\n"
     "  0  success\n"
     "  1  failure: input/output, the store, memory, or an internal error\n"
     "  2  usage: an unknown command or option, or a missing argument\n"
     "  3  bad input data: a file has an error; nothing was imported\n"
     "  4  a check found a problem (a mass balance beyond its tolerance)\n"},
    {"formats",
     "File formats (CSV: UTF-8, a header line, RFC 4180 quoting; JSON: an\n"
     "object whose keys are the kinds, each a list of objects with the "
     "same\n"
     "fields as the CSV columns). Columns in [brackets] are optional.\n"
     "\n"
     "materials:      code,name_ja,name_en,[hs],[ewc]\n"
     "    code is hierarchical (metal.copper.scrap); parents come first.\n"
     "    hs: HS codes (digits) separated by ';'; ewc: \"20 01 39\" codes.\n"
     "organisations:  id,name,[name_en],kind,[corporate_number],[lg_code],"
     "[region]\n"
     "    kind: municipality, collector, recycler, manufacturer, "
     "hub_operator,\n"
     "    authority, auditor. corporate_number: 法人番号 (13 digits).\n"
     "    lg_code: 全国地方公共団体コード (6 digits). region: JP-13, JP, ...\n"
     "sites:          id,org,name,[name_en],kind,[lat],[lon],[region],"
     "[capacities]\n"
     "    kind: office, collection_point, sorting, recycling_plant,\n"
     "    incinerator, landfill, factory, port, yard.\n"
     "    capacities per year: plastic.pp=12000t;metal.iron.scrap=50kt\n"
     "flows:          from,to,material,mass,[unit],period,[route],[label],"
     "[source]\n"
     "    from/to: site:ID, org:ID, or a process name (economy, landfill).\n"
     "    mass: 12.5t, 903万t, 1200 KGM; or a plain number with unit set.\n"
     "    Units: g, kg, t, kt, Mt, 万t, 千t, GRM, KGM, TNE, KTN. No commas.\n"
     "    period: FY2023 (April-March), 2023年度, 令和5年度, 2023, "
     "2023-04.\n"
     "    route: see `junkan show routes`.\n"
     "\n"
     "Example flows.csv:\n"
     "  from,to,material,mass,unit,period,route,label,source\n"
     "  site:city-plant,site:recycler-a,plastic.pp,1250.5,t,FY2023,"
     "recycling,,weighbridge\n"},
};

bool cli_help_topic(const char *topic, FILE *out)
{
    size_t i;
    for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        if (strcmp(pages[i].topic, topic) == 0) {
            fputs(pages[i].text, out);
            return true;
        }
    }
    return false;
}

int cmd_help(cli *c, int argc, char **argv)
{
    (void)c;
    if (argc < 2) {
        cli_help_topic("junkan", stdout);
        return EXIT_OK;
    }
    if (!cli_help_topic(argv[1], stdout))
        return cli_usage(
            "help",
            "no help on \"%s\"; try init, import, export, show, mfa, market, "
            "check, demo, exit-codes or formats",
            argv[1]);
    return EXIT_OK;
}
