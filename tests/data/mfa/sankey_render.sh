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
python3 - "$out" "$width" "$height" <<'EOF'
import struct
import sys
import zlib

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("sankey_render: %s: not a PNG" % path)
pos, idat, ihdr = 8, [], None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    elif kind == b"IEND":
        break
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = ihdr
if (w, h) != (want_w, want_h):
    sys.exit("sankey_render: %s is %dx%d, expected %dx%d" % (path, w, h, want_w, want_h))
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
if depth != 8 or channels is None or interlace:
    sys.exit("sankey_render: %s: unsupported PNG (depth %d, colour type %d)" % (path, depth, ctype))
raw = zlib.decompress(b"".join(idat))
stride = w * channels
prev = bytearray(stride)
rows = []
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(channels, stride):
            line[i] = (line[i] + line[i - channels]) & 255
    elif f == 2:
        for i in range(stride):
            line[i] = (line[i] + prev[i]) & 255
    elif f == 3:
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pr) & 255
    elif f != 0:
        sys.exit("sankey_render: %s: bad PNG filter %d" % (path, f))
    rows.append(bytes(line))
    prev = line
colours = {}
ink = 0
for line in rows:
    for x in range(0, stride, channels):
        px = line[x:x + min(channels, 3)]
        if min(px) < 240:
            ink += 1
        key = bytes(v >> 4 for v in px)
        colours[key] = colours.get(key, 0) + 1
share = ink / float(w * h)
distinct = sum(1 for n in colours.values() if n >= 50)
if share < 0.05:
    sys.exit("sankey_render: %s: only %.1f%% of the pixels are drawn" % (path, 100 * share))
if distinct < 6:
    sys.exit("sankey_render: %s: only %d distinct colours" % (path, distinct))
print("sankey_render: %s: %dx%d, %.1f%% drawn, %d colours" % (path, w, h, 100 * share, distinct))
EOF
