#!/bin/sh
# Check an indicators HTML report and render it with headless Chromium.
#
#   html_render.sh IN.html OUT.png
#
# 1. IN.html parses (python3's html.parser, every element closed) and
#    every inline <svg> is well-formed XML;
# 2. Chromium loads it (--dump-dom shows the report's sections) and
#    takes a 1000 x 1400 screenshot;
# 3. the picture (tests/data/png_check.py) has at least 3 % ink and
#    3 colours (text, bars, target marks).
# Exit 0 when all holds; 1 when a check fails; 2 when a tool is missing.
set -u
[ $# -eq 2 ] || { echo "usage: $0 IN.html OUT.png" >&2; exit 2; }
in=$1
out=$2
case "$in" in /*) ;; *) in="$PWD/$in" ;; esac
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || { echo "html_render: chromium not found" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "html_render: no python3" >&2; exit 2; }

python3 - "$in" <<'EOF' || exit 1
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line", "path"}
path = sys.argv[1]
text = open(path, encoding="utf-8").read()

class Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            sys.exit("html_render: %s: </%s> closes <%s>" % (path, tag, self.stack[-1] if self.stack else "nothing"))
        self.stack.pop()

c = Check()
c.feed(text)
if c.stack:
    sys.exit("html_render: %s: unclosed %s" % (path, c.stack))
start = 0
n = 0
while True:
    i = text.find("<svg", start)
    if i < 0:
        break
    j = text.index("</svg>", i) + 6
    try:
        ET.fromstring(text[i:j])
    except ET.ParseError as e:
        sys.exit("html_render: %s: inline SVG %d not well-formed: %s" % (path, n, e))
    n += 1
    start = j
if n == 0:
    sys.exit("html_render: %s: no inline SVG chart" % path)
EOF

profile=$(mktemp -d "${TMPDIR:-/tmp}/html-chrome.XXXXXX") || exit 2
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync \
--hide-scrollbars --force-device-scale-factor=1 --user-data-dir=$profile"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --dump-dom "file://$in" >"$profile.dom" 2>/dev/null
if ! grep -q '<section id="CTI">' "$profile.dom"; then
    echo "html_render: chromium did not load the report sections" >&2
    rm -rf "$profile" "$profile.dom"
    exit 1
fi
rm -f "$out"
# shellcheck disable=SC2086
timeout 120 "$chrome" $flags --screenshot="$out" --window-size=1000,1400 \
    "file://$in" >"$profile.log" 2>&1
status=$?
if [ $status -ne 0 ] || [ ! -s "$out" ]; then
    echo "html_render: chromium failed (exit $status):" >&2
    tail -n 20 "$profile.log" >&2
    rm -rf "$profile" "$profile.log" "$profile.dom"
    exit 1
fi
rm -rf "$profile" "$profile.log" "$profile.dom"
python3 "$here/../png_check.py" "$out" 1000 1400 0.03 3 html_render
