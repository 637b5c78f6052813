#!/usr/bin/env bash
# House-style checks that a compiler does not make (STYLE.md 4.7):
# banned functions, raw allocation outside the allocator seam, printf in
# library code, tabs and trailing whitespace.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
files=$(git ls-files 'src/*.c' 'src/*.h' 'include/*.h' 'tests/*.c' 'tests/*.h' 'fuzz/*.c' 'fuzz/*.h' 2>/dev/null)
[ -z "$files" ] && files=$(find src include tests fuzz -name '*.[ch]')
report() { echo "checksrc: $1"; fail=1; }
for f in $files; do
  # Strip string literals and comments roughly before matching calls.
  code=$(sed -E 's/"([^"\\]|\\.)*"/""/g; s#/\*.*\*/##g; s#//.*##' "$f")
  if echo "$code" | grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strncpy|strtok|gets|atoi|atol|atof)\s*\(' >/dev/null; then
    report "$f: banned function: $(echo "$code" | grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strncpy|strtok|gets|atoi|atol|atof)\s*\(' | head -1)"
  fi
  if [ "$f" != "src/core/alloc.c" ] && echo "$code" | grep -nE '(^|[^_a-z])(malloc|calloc|realloc|free|strdup)\s*\(' >/dev/null; then
    report "$f: raw allocation outside src/core/alloc.c: $(echo "$code" | grep -nE '(^|[^_a-z])(malloc|calloc|realloc|free|strdup)\s*\(' | head -1)"
  fi
  case "$f" in
    src/cli/*|tests/*|fuzz/*) ;;
    src/*) if echo "$code" | grep -nE '\bprintf\s*\(' >/dev/null; then report "$f: printf in library code"; fi ;;
  esac
  if grep -nP '\t' "$f" >/dev/null; then report "$f: tab character"; fi
  if grep -nE ' +$' "$f" >/dev/null; then report "$f: trailing whitespace"; fi
done
if [ $fail -ne 0 ]; then
  echo "checksrc: FAILED"
  exit 1
fi
echo "checksrc: ok ($(echo "$files" | wc -w) files)"
