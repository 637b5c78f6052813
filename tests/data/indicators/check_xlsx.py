#!/usr/bin/env python3
"""Read an indicators XLSX report with the standard library (zipfile +
ElementTree) and print what a reader sees: the sheet names, each sheet's
header row and the rows whose first cell (ID) is given.

    check_xlsx.py REPORT.xlsx ID...

Exit 1 when the file is not a readable workbook.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def main():
    path, ids = sys.argv[1], set(sys.argv[2:])
    z = zipfile.ZipFile(path)
    bad = z.testzip()
    if bad:
        sys.exit("check_xlsx: %s: corrupt member %s" % (path, bad))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    for sheet in wb.find("m:sheets", NS):
        name = sheet.get("name")
        rid = sheet.get("{%s}id" % NS["r"])
        xml = ET.fromstring(z.read("xl/" + target[rid]))
        rows = []
        for row in xml.iter("{%s}row" % NS["m"]):
            cells = []
            for c in row.findall("m:c", NS):
                col = 0
                for ch in c.get("r"):
                    if ch.isalpha():
                        col = col * 26 + ord(ch) - 64
                while len(cells) < col - 1:
                    cells.append("")
                v = c.find("m:v", NS)
                if v is None:
                    cells.append("")
                elif c.get("t") == "s":
                    cells.append(shared[int(v.text)])
                else:
                    cells.append("%.4f" % float(v.text))
            rows.append(cells)
        print("sheet %s: %d rows" % (name, len(rows)))
        print("  " + " | ".join(rows[0]))
        for r in rows[1:]:
            if r and r[0] in ids:
                print("  " + " | ".join(r[:6]))


main()
