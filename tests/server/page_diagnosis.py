"""The diagnosis tab (web/diagnosis.js), run by page.py with its server
started on the demo data (--data data/demo): the tab shows, a
municipality is chosen from the national list, its indicators appear
with their 偏差値 and percentiles against the peers, its measures ranked
with the combined row, the report link points at its HTML report; the
search narrows the list; the view is redrawn in the other language."""
import json
import urllib.request


def run(ctx):
    check, js, wait_for = ctx.check, ctx.js, ctx.wait_for
    start = js("return document.documentElement.lang")
    other = "en" if start == "ja" else "ja"
    with urllib.request.urlopen(ctx.base + "/api/v1/diagnoses/90001") as r:
        doc = json.loads(r.read())
    i2 = [i for i in doc["indicators"] if i["id"] == "I2"][0]

    check("diagnosis tab offered",
          js("return document.getElementById('tab-diagnosis').hidden") is False)
    ctx.click("#tab-diagnosis")
    n = wait_for("const s = document.getElementById('dg-muni');"
                 "return s && s.options.length")
    check("the national list fills the select", n == 252, n)
    js("const s = document.getElementById('dg-muni'); s.value = '90001';"
       "s.dispatchEvent(new Event('change'));")
    ok = wait_for("const h = document.querySelector('#dg-out h3');"
                  "return h && h.textContent.indexOf('90001') >= 0 && "
                  "document.querySelectorAll('#dg-indicators tbody tr').length")
    check("the city's indicators are shown", ok == len(doc["indicators"]), ok)
    text = js("return document.getElementById('dg-out').innerText") or ""
    name = i2["name_ja"] if start == "ja" else i2["name_en"]
    check("indicator names in the page's language", name in text, name)
    check("peer type shown", doc["peer_type"] in text)
    row = js("const r = [...document.querySelectorAll('#dg-indicators tbody tr')]"
             ".find(r => r.cells[0].textContent === arguments[0]);"
             "return r ? [...r.cells].map(c => c.textContent) : null", name)
    check("I2 row: value, 偏差値 and percentile as the API",
          row and row[1].replace(",", "") == "%.1f" % i2["value"] and
          row[5] == "%.1f" % i2["deviation"] and
          row[6].endswith("%.0f" % i2["percentile"]), row)
    m = js("return document.querySelectorAll('#dg-measures tbody tr').length")
    check("measures ranked with the combined row",
          m == len(doc["measures"]) + 1, m)
    first = js("return document.querySelector('#dg-measures tbody tr').cells[1].textContent")
    want = doc["measures"][0]["name_ja" if start == "ja" else "name_en"]
    check("first measure is the API's first", first == want, first)
    href = js("return document.getElementById('dg-report').getAttribute('href')")
    check("report link", href == "/api/v1/diagnoses/90001/report.html?lang=" + start, href)

    js("const i = document.getElementById('dg-search'); i.value = 'やまさと';"
       "i.dispatchEvent(new Event('input'));")
    ok = wait_for("const s = document.getElementById('dg-muni');"
                  "const h = document.querySelector('#dg-out h3');"
                  "return s.options.length === 1 && s.value === '90002' && "
                  "h && h.textContent.indexOf('90002') >= 0")
    check("search narrows the list and shows the match", ok)

    ctx.click("#lang")
    heads = wait_for("const h = document.querySelector('#dg-indicators thead');"
                     "return document.documentElement.lang === '%s' && h && h.innerText" % other)
    check("redrawn in the other language",
          heads and ("Deviation score" if other == "en" else "偏差値") in heads, heads)
    href = js("return document.getElementById('dg-report').getAttribute('href')")
    check("report link follows the language",
          href == "/api/v1/diagnoses/90002/report.html?lang=" + other, href)
    ctx.click("#lang")  # back as it was for the next view's checks
    js("const i = document.getElementById('dg-search'); i.value = '';"
       "i.dispatchEvent(new Event('input'));")
