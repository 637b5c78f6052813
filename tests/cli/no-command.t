# junkan without a command: the help on stderr, exit 2 (usage)
### args

### stdout
### stderr
junkan - material flows, circularity and traceability for the circular economy

Usage: junkan [--db PATH] [--format table|csv|json] [--quiet] COMMAND [ARGS]

Commands:
  init       create a store and load the reference tables
  import     import organisations, sites, materials and flows (CSV, JSON)
  export     write what a store holds as CSV or JSON
  show       print a summary or a list (materials, sites, flows, ...)
  check      check the mass balance of every process
  demo       build out/demo.db from the bundled demo data and report
  mfa        material flow accounts: check, reconcile, sankey,
             indicators, system, stock
  indicators circularity indicators (CTI, MCI, ISO 59020, ESRS E5),
             GHG effect of routes, recycled-content rules
  report     an indicators report as XLSX, HTML, JSON or CSV
  serve      the HTTP/JSON API and the web page
  token      API tokens: create, revoke, list
  ledger     the signed traceability log: init, key, append, import,
             verify, proof, checkpoint, trace, show, export
  passport   material passports: create, show --as ROLE, export
  market     secondary-material listings, matching, the gap report,
             offtake agreements and deliveries
  diagnose   municipal circular-economy diagnosis: import, plants,
             prefill, national, peers, run, measures, dematel, ism
  network    resource-circulation hub siting: solve, compare,
             frontier, bench-instance
  help       help on a command or topic (exit-codes, formats)
  version    print the version

Options:
  --db PATH       the store: a SQLite file (default junkan.db, or $JUNKAN_DB)
                  or a PostgreSQL URI, postgres://user@host/db
  --format F      output as an aligned table (default), csv or json
  --quiet, -q     no progress bar or notes on standard error
  --help, -h      this text; `junkan COMMAND --help` for a command

Example:
  junkan --db city.db init
  junkan --db city.db import data/demo/
  junkan --db city.db show summary
### exit
2
