"""The hub plan view in headless Chromium (run by page.py): the plan of
the demo model with its map, then solved again at a carbon price."""


def run(ctx):
    ctx.click("#tab-hubs")
    n = ctx.wait_for("return document.querySelectorAll('#hubs-table tr').length")
    ctx.check("hubs: open hubs listed", n and n >= 2, n)
    svg = ctx.wait_for("const s = document.querySelector('#hubs-map svg');"
                       "return s ? s.outerHTML.length : 0")
    ctx.check("hubs: the map is drawn", svg and svg > 500, svg)
    status = ctx.js("return document.querySelector('#hubs-summary').innerText")
    ctx.check("hubs: the plan is optimal", "optimal" in (status or ""), status)
    ctx.js("document.getElementById('hubs-carbon_price').value = '50000';")
    ctx.click("#hubs-solve")
    ok = ctx.wait_for("return document.querySelector('#hubs-map svg') !== null"
                      " && document.querySelectorAll('#hubs-table tr').length > 1")
    ctx.check("hubs: solved again at a carbon price", ok)
