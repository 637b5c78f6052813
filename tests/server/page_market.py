"""The market's tab (web/market.js) in headless Chromium, run by page.py:
the demo listings imported into the served store, the tab shown (the
server has --data data/demo), the gap table and the SVG chart drawn, in
English and in Japanese, and no listing named."""
import os
import subprocess


def run(ctx):
    subprocess.run([ctx.junkan, "-q", "--db", ctx.db, "market", "import",
                    os.path.join(ctx.src, "data/demo/market/listings.csv")],
                   check=True)
    ctx.check("the market tab is offered",
              ctx.js("return document.getElementById('tab-market').hidden") is False)
    lang = ctx.js("return document.documentElement.lang")
    if lang != "en":
        ctx.click("#lang")
    ctx.click("#tab-market")
    rows = ctx.wait_for("return document.querySelectorAll('#market-gap tbody tr').length")
    ctx.check("the gap table has a row per material and grade", rows and rows >= 8, rows)
    text = ctx.js("return document.getElementById('market-out').innerText") or ""
    ctx.check("gap in English", "Unplaced" in text and "polypropylene (PP)" in text, text[:300])
    ctx.check("where unplaced supply goes today", "incineration" in text, text[:300])
    ctx.check("unmatched with reasons", "grade" in text and "quantity" in text, text[:300])
    ctx.check("no listing named", "s-kawasaki-pp" not in text and "d-gunma-auto" not in text)
    svg = ctx.wait_for("const s = document.querySelector('#market-chart svg');"
                       "return s ? s.outerHTML.length : 0")
    ctx.check("the gap chart is drawn", svg and svg > 500, svg)
    # a row: polypropylene grade a, 936 t supplied a year
    row = ctx.js("for (const tr of document.querySelectorAll('#market-gap tbody tr'))"
                 "  if (tr.cells[0].title === 'plastic.pp' && tr.cells[1].textContent === 'a')"
                 "    return Array.from(tr.cells).map(c => c.textContent);"
                 "return null;")
    ctx.check("PP grade a supply", row and row[2] == "936", row)

    ctx.click("#lang")
    ok = ctx.wait_for("const t = document.getElementById('market-out').innerText;"
                      "return t.indexOf('行き先なし') >= 0 && t.indexOf('ポリプロピレン') >= 0 && "
                      "t.indexOf('焼却') >= 0")
    ctx.check("gap in Japanese", ok,
              (ctx.js("return document.getElementById('market-out').innerText") or "")[:300])
    if lang == "en":
        ctx.click("#lang")
