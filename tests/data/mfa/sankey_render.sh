#!/bin/sh
# Render a Sankey SVG with headless Chromium and check the picture.
#
#   sankey_render.sh IN.svg OUT.png [WIDTH HEIGHT]
#
# 1. IN.svg must be well-formed XML (python3's expat, and xmllint where
#    installed) whose root is an SVG 1.1 <svg> with a viewBox, a <title>
#    and a <style>;
# 2. Chromium renders it to OUT.png at WIDTH x HEIGHT (1200 x 700);
# 3. the PNG (decoded with zlib + struct, no third-party module) must be
#    exactly that size, at least 5% of its pixels not white, and show
#    at least 6 distinct colours covering 50 pixels or more each.
#
# Exit 0 when all holds; 1 when a check fails; 2 when a tool is missing
# (chromium and python3 are in scripts/deps-debian.txt).
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 IN.svg OUT.png [WIDTH HEIGHT]" >&2
    exit 2
fi
in=$1
out=$2
width=${3:-1200}
height=${4:-700}
case "$in" in
/*) ;;
*) in="$PWD/$in" ;;
esac
case "$out" in
/*) ;;
*) out="$PWD/$out" ;;
esac

chrome=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        chrome=$(command -v "$c")
        break
    fi
done
if [ -z "$chrome" ]; then
    echo "sankey_render: chromium not found: install it" \
        "(apt-get install chromium; scripts/install-deps.sh does)" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "sankey_render: python3 not found: install it" >&2
    exit 2
fi
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
    echo "sankey_render: warning: no Japanese font installed" \
        "(apt-get install fonts-noto-cjk); Japanese text renders as boxes" >&2
fi

if [ ! -s "$in" ]; then
    echo "sankey_render: $in: missing or empty" >&2
    exit 1
fi

# 1. Well-formed SVG (and valid XML for xmllint, where installed).
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$in" || exit 1
fi
python3 - "$in" <<'EOF' || exit 1
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
path = sys.argv[1]
try:
    root = ET.parse(path).getroot()
except ET.ParseError as e:
    sys.exit("sankey_render: %s: not well-formed XML: %s" % (path, e))
if root.tag != NS + "svg":
    sys.exit("sankey_render: %s: root is %s, not an SVG <svg>" % (path, root.tag))
if root.get("version") != "1.1" or not root.get("viewBox"):
    sys.exit("sankey_render: %s: no version 1.1 or no viewBox" % path)
for tag in ("title", "style"):
    if root.find(NS + tag) is None:
        sys.exit("sankey_render: %s: no <%s>" % (path, tag))
if not root.findall(".//" + NS + "path"):
    sys.exit("sankey_render: %s: no band drawn" % path)
EOF

# 2. Render.
profile=$(mktemp -d "${TMPDIR:-/tmp}/sankey-chrome.XXXXXX") || exit 2
log="$profile.log"
rm -f "$out"
timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$profile" \
    --screenshot="$out" --window-size="$width,$height" \
    "file://$in" >"$log" 2>&1
status=$?
rm -rf "$profile"
if [ $status -ne 0 ] || [ ! -s "$out" ]; then
    echo "sankey_render: chromium failed (exit $status) on $in:" >&2
    tail -n 20 "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"

# 3. Check the picture.
python3 "$(dirname "$0")/../png_check.py" "$out" "$width" "$height" 0.05 6 sankey_render
