# junkan check --help, check -h and help check print the same page
### command
"$JUNKAN" check --help > "$T/a" && "$JUNKAN" check -h > "$T/b" && "$JUNKAN" help check > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan [--db PATH] check [--tolerance PCT]

For every process node (a flow endpoint that is not site:ID or org:ID),
per material and period, compare what flows in with what flows out.
A difference within the tolerance (default 0.1%, which absorbs the
rounding of published figures) is reported but accepted; a larger one
makes the command exit with code 4. Nodes with only outputs are
sources, with only inputs sinks (the system boundary, or a stock).

Example:
  junkan --db out/demo.db check --tolerance 0.5
### stderr
### exit
0
