#!/usr/bin/env python3
"""Check a PNG screenshot: its size, how much of it is drawn and how many
colours it shows. Standard library only (zlib + struct).

    png_check.py OUT.png WIDTH HEIGHT MIN_SHARE MIN_COLOURS TAG

Exit 0 when the picture is WIDTH x HEIGHT, at least MIN_SHARE of its
pixels are not white and at least MIN_COLOURS colours cover 50 pixels or
more each; otherwise a message prefixed with TAG and exit 1.
"""
import struct
import sys
import zlib

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
min_share, min_colours = float(sys.argv[4]), int(sys.argv[5])
tag = sys.argv[6]
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(tag + ": %s: not a PNG" % path)
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
    sys.exit(tag + ": %s is %dx%d, expected %dx%d" % (path, w, h, want_w, want_h))
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
if depth != 8 or channels is None or interlace:
    sys.exit(tag + ": %s: unsupported PNG (depth %d, colour type %d)" % (path, depth, ctype))
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
        sys.exit(tag + ": %s: bad PNG filter %d" % (path, f))
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
if share < min_share:
    sys.exit(tag + ": %s: only %.1f%% of the pixels are drawn" % (path, 100 * share))
if distinct < min_colours:
    sys.exit(tag + ": %s: only %d distinct colours" % (path, distinct))
print(tag + ": %s: %dx%d, %.1f%% drawn, %d colours" % (path, w, h, 100 * share, distinct))
