# Regression (a bug these tests found): a material that is already in
# the store may be imported again only if identical; the comparison used
# a signature cut at 1024 bytes, so a record whose English name differs
# only after 1100 bytes was taken as identical and skipped. It must be
# refused like any other changed material.
### setup
L=$(head -c 1100 /dev/zero | tr '\0' x)
printf 'code,name_ja,name_en\nplastic.long,長い名前,%sA\n' "$L" > first.csv
printf 'code,name_ja,name_en\nplastic.long,長い名前,%sB\n' "$L" > second.csv
"$JUNKAN" -q --db x.db import first.csv
### command
cd "$T" && "$JUNKAN" --db x.db import second.csv
### stdout
### stderr
junkan: second.csv:2:1: code: material "plastic.long" already exists with other names or codes (see `junkan show materials`)
junkan: nothing was imported
### exit
3
