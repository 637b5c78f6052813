"""The passport view (web/ledger.js) in headless Chromium, run by page.py:
the demo chain is written into the served store with the CLI (the server
replays the log when it changes), /p/<passport id> opens the view, the
attribute table shows the public attributes only and says how many are
withheld; with a recycler member's token the legitimate-interest attributes
appear; an ID typed in and Enter looks another passport up.

Unknown passports answer 404, which Chromium logs as a console error:
page.py's /p/LOT-42 and the unknown ID typed here. Those two are taken
out of the browser log (reading it empties it) and any other error is
left for page.py's final "no console errors" check to see.
"""
import glob
import os
import shutil
import subprocess

PASS = "urn:jk:dpp:bottles-0410"


def drain_log(ctx, name):
    """Read (and so empty) the browser log; fail on SEVERE entries
    other than the 404 of an unknown passport."""
    logs = ctx.wd("POST", "/session/%s/se/log" % ctx.sid, {"type": "browser"})
    other = [l for l in logs if l.get("level") == "SEVERE" and not (
        "/api/v1/passports/" in l.get("message", "") and
        "404" in l.get("message", ""))]
    ctx.check(name, not other, other)


def build_ledger(ctx):
    keys = os.path.join(ctx.tmp, "ledger-keys")
    os.makedirs(keys, exist_ok=True)
    for k in glob.glob(os.path.join(ctx.src, "tests/data/ledger/cli/*.key")):
        dst = os.path.join(keys, os.path.basename(k))
        shutil.copy(k, dst)
        os.chmod(dst, 0o600)
    key = lambda n: ["--key", os.path.join(keys, n + ".key")]
    every = (key("demo-registry") + key("city-yokohama") +
             key("sorter-kawasaki") + key("maker-kanagawa"))
    at = ["--at", "2026-06-30T12:00:00Z"]
    d = os.path.join(ctx.src, "data/ledger")
    run = lambda *a: subprocess.run([ctx.junkan, "-q", "--db", ctx.db] +
                                    list(a), check=True,
                                    stdout=subprocess.DEVNULL)
    run("ledger", "init", "--origin", "page.example/ledger",
        *key("demo-registry"), "--at", "2026-04-01T00:00:00Z")
    run("ledger", "append", *key("demo-registry"), *at,
        os.path.join(ctx.src, "tests/data/ledger/cli/operators.json"))
    run("ledger", "append", *every, *at, os.path.join(d, "demo/master.json"))
    run("ledger", "append", *key("demo-registry"), *at,
        os.path.join(d, "schemes.json"))
    run("ledger", "append", *every, *at, os.path.join(d, "demo/chain.json"))
    run("ledger", "checkpoint", *key("demo-registry"))


ROWS = ("return Array.from(document.querySelectorAll('#passport-attrs tbody tr'))"
        ".map(r => r.dataset.access + ' ' + r.cells[0].textContent)")


def run(ctx):
    drain_log(ctx, "passport: only unknown passports' 404s before the view")
    build_ledger(ctx)

    ctx.wd("POST", "/session/%s/url" % ctx.sid, {"url": ctx.base + "/p/" + PASS})
    n = ctx.wait_for("return document.querySelectorAll('#passport-attrs tbody tr').length === 4")
    ctx.check("passport: /p/ID shows the public attributes", n)
    ctx.check("passport: the view is shown with its tab",
              ctx.js("return !document.getElementById('view-passport').hidden && "
                     "!document.getElementById('tab-passport').hidden"))
    rows = ctx.js(ROWS) or []
    ctx.check("passport: public attributes only",
              rows and all(r.startswith("public ") for r in rows), rows)
    ctx.check("passport: the product name row",
              "public untp:product.name" in rows, rows)
    cells = ctx.js("const r = document.querySelectorAll('#passport-attrs tbody tr')[1];"
                   "return Array.from(r.cells).map(c => c.textContent).join('|')")
    ctx.check("passport: key, value, unit and access class",
              cells in ("circularity.recycledContent.massBalance|338983|ppm|public",
                        "circularity.recycledContent.massBalance|338983|ppm|公開"), cells)
    text = ctx.js("return document.getElementById('passport-out').innerText")
    ctx.check("passport: a legit-interest attribute is not shown to the public",
              "recycling.sortingInstructions" not in text and
              "NIR sortable" not in text, text)
    note = ctx.js("return document.getElementById('passport-withheld').textContent")
    ctx.check("passport: a note of what the viewer may not see",
              note and note.startswith("2") and ("1 attribute" in note or "1件" in note), note)
    ctx.check("passport: the UNTP link",
              (ctx.js("return document.getElementById('passport-untp').getAttribute('href')") or "")
              .endswith("/untp"))

    # a member's token: legitimate-interest attributes appear
    tok = subprocess.run([ctx.junkan, "-q", "--db", ctx.db, "token", "create",
                          "--role", "member", "--org", "rec-wangan-plastic"],
                         check=True, capture_output=True, text=True).stdout.strip()
    ctx.js("sessionStorage.setItem('junkan.token', arguments[0]);"
           "const i = document.getElementById('passport-id');"
           "i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));", tok)
    n = ctx.wait_for("return document.querySelectorAll('#passport-attrs tbody tr').length === 6")
    ctx.check("passport: a member sees the legit-interest attributes", n)
    rows = ctx.js(ROWS) or []
    ctx.check("passport: the sorting instructions for a member",
              "legit_interest recycling.sortingInstructions" in rows, rows)
    ctx.check("passport: the authority attribute still withheld",
              not any("compliance" in r for r in rows) and
              ctx.js("return document.getElementById('passport-withheld').textContent")
              .startswith("1"))
    ctx.js("sessionStorage.removeItem('junkan.token')")

    # an unknown ID typed in: the status says so, the table goes
    ctx.js("const i = document.getElementById('passport-id'); i.value = 'urn:jk:dpp:nothing';"
           "i.dispatchEvent(new Event('change'));")
    ok = ctx.wait_for("return document.getElementById('status').textContent.indexOf('no passport') >= 0 && "
                      "!document.getElementById('passport-attrs')")
    ctx.check("passport: an unknown ID is reported", ok)
    # and a known one with Enter, as the public again
    ctx.js("const i = document.getElementById('passport-id'); i.value = arguments[0];"
           "i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));", PASS)
    n = ctx.wait_for("return document.querySelectorAll('#passport-attrs tbody tr').length === 4")
    ctx.check("passport: looked up with Enter, public again", n)
    drain_log(ctx, "passport: no console errors but the unknown passport's 404")
