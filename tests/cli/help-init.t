# junkan init --help, init -h and help init print the same page
### command
"$JUNKAN" init --help > "$T/a" && "$JUNKAN" init -h > "$T/b" && "$JUNKAN" help init > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan [--db PATH] init

Create the store (a SQLite file) if it does not exist, apply the schema
migrations, and load the bundled reference tables: the materials
taxonomy, Japan's 47 prefectures and the ISO 3166 countries, and the
flow routes. Running it again on an existing store is harmless.

Example:
  junkan --db city.db init
### stderr
### exit
0
