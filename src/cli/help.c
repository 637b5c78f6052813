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
     "  indicators circularity indicators (CTI, MCI, ISO 59020, ESRS E5),\n"
     "             GHG effect of routes, recycled-content rules\n"
     "  report     an indicators report as XLSX, HTML, JSON or CSV\n"
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
    {"indicators",
     "Usage: junkan indicators COMMAND [DATA | --org ID --period P] "
     "[options]\n"
     "\n"
     "Circularity indicators and disclosure datapoints of a company from one\n"
     "data set: DATA is a directory of CSV files or a .json file with the\n"
     "same tables (company, inflows, outflows, products, bom, targets; see\n"
     "README.md and data/demo/company/), or the store's flows into and out\n"
     "of one organisation's sites in a period (--org ID --period P).\n"
     "Shares are fractions (0.25) or percentages (25%); masses carry a unit\n"
     "(12 t) or take the unit column (default t).\n"
     "\n"
     "Commands:\n"
     "  cti       WBCSD Circular Transition Indicators v4.0\n"
     "  mci       Ellen MacArthur Foundation MCI per product and company\n"
     "  iso59020  ISO 59020:2024 core circularity indicators\n"
     "  esrs      ESRS E5-4 / E5-5 datapoints with the waste identity check\n"
     "  all       all four\n"
     "  ghg       the GHG effect of moving a mass between routes:\n"
     "            --material M --mass 100t --from ROUTE --to ROUTE\n"
     "            [--region JP] [--factors FILE.csv]\n"
     "  rules     check recycled-content claims (CSV: product,jurisdiction,\n"
     "            scope,material,recycled,post_consumer,date) against the\n"
     "            bundled obligations; exit 4 when one is not met\n"
     "\n"
     "Options:\n"
     "  --lfi emf2015|2m        MCI Linear Flow Index denominator:\n"
     "                          2M + (WF-WC)/2 (default) or 2M\n"
     "  --weight revenue|mass   company MCI weights (default revenue)\n"
     "  --energy-recovery disposal|recovery\n"
     "                          ESRS 37: incineration with energy recovery\n"
     "                          as disposal (default) or other recovery\n"
     "  --non-recycled not-recycled|disposal\n"
     "                          ESRS 37(d): generated minus reused and\n"
     "                          recycled (default), or directed to disposal\n"
     "  --esrs-version V        datapoint set (default ESRS_2023_2772)\n"
     "  --lang ja|en            labels (default en)\n"
     "\n"
     "Example:\n"
     "  junkan indicators all data/demo/company\n"
     "  junkan indicators ghg --material plastic --mass 400t \\\n"
     "      --from incineration_power --to composting\n"
     "  junkan indicators rules data/demo/company/claims.csv\n"},
    {"report",
     "Usage: junkan report [DATA | --org ID --period P] --out FILE "
     "[options]\n"
     "\n"
     "Write the indicators of a data set as one report: FILE.xlsx (a sheet\n"
     "per framework and a sheet of sources and options), FILE.html (a\n"
     "single self-contained page with tables, targets and inline SVG\n"
     "charts), FILE.json or FILE.csv. Each states the framework, its\n"
     "version, the options chosen and the sources. Targets come from the\n"
     "data set's targets table (indicator ids such as cti.circular_inflow).\n"
     "\n"
     "Options:\n"
     "  --frameworks LIST   cti,mci,iso59020,esrs (default all)\n"
     "  --lang ja|en        labels (default en)\n"
     "  and the options of `junkan indicators` (--lfi, --weight,\n"
     "  --energy-recovery, --non-recycled, --esrs-version)\n"
     "\n"
     "Example:\n"
     "  junkan report data/demo/company --out out/company-report.xlsx\n"
     "  junkan report data/demo/company --lang ja --out out/report-ja.html\n"},
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
            "no help on \"%s\"; try init, import, export, show, mfa, "
            "check, demo, exit-codes or formats",
            argv[1]);
    return EXIT_OK;
}
