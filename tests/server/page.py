#!/usr/bin/env python3
"""The web page in headless Chromium, driven through ChromeDriver's
WebDriver protocol (HTTP + JSON, standard library only): a real server
with the demo data, the page loaded, tabs clicked, the language switched,
a system chosen, a passport link opened, a screenshot checked as a
picture, and no console errors. Prints "N passed, M failed".

    page.py JUNKAN SOURCE_DIR
"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

JUNKAN, SRC = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s %s" % (name, detail), file=sys.stderr)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wd(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(DRIVER + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"]
    except urllib.error.HTTPError as e:
        raise RuntimeError("%s %s: %s" % (method, path, e.read()[:300]))


def js(script, *args):
    return wd("POST", "/session/%s/execute/sync" % SID,
              {"script": script, "args": list(args)})


def wait_for(script, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        v = js(script)
        if v:
            return v
        time.sleep(0.2)
    return None


def click(css):
    el = wd("POST", "/session/%s/element" % SID,
            {"using": "css selector", "value": css})
    key = next(iter(el))
    wd("POST", "/session/%s/element/%s/click" % (SID, el[key]), {})


tmp = tempfile.mkdtemp(prefix="junkan-page.")
procs = []
try:
    db = os.path.join(tmp, "page.db")
    subprocess.run([JUNKAN, "-q", "--db", db, "init"], check=True)
    subprocess.run([JUNKAN, "-q", "--db", db, "import",
                    os.path.join(SRC, "data/demo")], check=True,
                   stdout=subprocess.DEVNULL)
    out = open(os.path.join(tmp, "serve.out"), "w")
    procs.append(subprocess.Popen(
        [JUNKAN, "--db", db, "serve", "--port", "0", "--threads", "2",
         "--web", os.path.join(SRC, "web"), "--data", os.path.join(SRC, "data/demo")], stdout=out, stderr=out))
    port = None
    for _ in range(100):
        m = re.search(r"127\.0\.0\.1:(\d+)",
                      open(os.path.join(tmp, "serve.out")).read())
        if m:
            port = m.group(1)
            break
        time.sleep(0.1)
    if not port:
        sys.exit("page: the server did not start")
    base = "http://127.0.0.1:%s" % port

    driver = shutil.which("chromedriver")
    chrome = shutil.which("chromium")
    if not driver or not chrome:
        sys.exit("page: chromedriver or chromium missing (apt-get install "
                 "chromium chromium-driver; scripts/install-deps.sh does)")
    dport = free_port()
    procs.append(subprocess.Popen([driver, "--port=%d" % dport],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL))
    DRIVER = "http://127.0.0.1:%d" % dport
    for _ in range(100):
        try:
            urllib.request.urlopen(DRIVER + "/status", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    profile = os.path.join(tmp, "profile")
    SID = wd("POST", "/session", {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:loggingPrefs": {"browser": "ALL"},
        "goog:chromeOptions": {"binary": chrome, "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000", "--user-data-dir=" + profile]}}}})["sessionId"]

    wd("POST", "/session/%s/url" % SID, {"url": base + "/"})
    svg = wait_for("return document.querySelector('#sankey svg') ? "
                   "document.querySelector('#sankey svg').outerHTML.length : 0")
    check("the Sankey of the first system is drawn", svg and svg > 1000, svg)
    check("the page opens in Japanese",
          js("return document.documentElement.lang") == "ja")
    check("every module served has its tab",
          js("return ['passport', 'market', 'hubs', 'diagnosis'].every("
             "v => !document.getElementById('tab-' + v).hidden)") is True)

    click("#tab-indicators")
    rows = wait_for("return document.querySelectorAll('#national tbody tr').length")
    check("national indicators listed", rows and rows >= 4, rows)
    text = js("return document.querySelector('#national tbody').innerText")
    check("indicators in Japanese", "循環利用率" in (text or ""), text)

    click("#lang")
    check("switched to English",
          js("return document.documentElement.lang") == "en" and
          js("return document.getElementById('tab-dashboard').textContent") == "Material flows")
    rows = wait_for("return document.querySelector('#national tbody').innerText.indexOf('cyclical use') >= 0")
    check("indicators redrawn in English", rows)

    click("#tab-dashboard")
    js("const s = document.getElementById('system'); s.value = 'plastic|2017';"
       "s.dispatchEvent(new Event('change'));")
    ok = wait_for("const t = document.querySelector('#sankey svg title');"
                  "return t && t.textContent.indexOf('plastic') >= 0")
    check("another system chosen and drawn", ok)
    click("#reconciled")
    ok = wait_for("return document.querySelector('#sankey svg') !== null")
    check("reconciled Sankey drawn", ok)

    png = base64.b64decode(wd("GET", "/session/%s/screenshot" % SID))
    shot = os.path.join(tmp, "page.png")
    open(shot, "wb").write(png)
    r = subprocess.run([sys.executable, os.path.join(SRC, "tests/data/png_check.py"),
                        shot, "1280", "1000", "0.03", "4", "page"],
                       capture_output=True, text=True)
    # the window's inner size may differ from the outer window: accept
    # any size, check the ink and colours only
    if "expected" in r.stderr:
        import struct
        w, h = struct.unpack(">II", png[16:24])
        r = subprocess.run([sys.executable, os.path.join(SRC, "tests/data/png_check.py"),
                            shot, str(w), str(h), "0.03", "4", "page"],
                           capture_output=True, text=True)
    check("screenshot shows the page", r.returncode == 0, r.stderr)

    wd("POST", "/session/%s/url" % SID, {"url": base + "/p/LOT-42"})
    ok = wait_for("return !document.getElementById('view-passport').hidden && "
                  "document.getElementById('passport-id').value === 'LOT-42'")
    check("a passport link opens the passport view", ok)

    # the modules' views: tests/server/page_<module>.py, each with
    # run(ctx) using ctx.js, ctx.click, ctx.wait_for, ctx.check, ctx.wd,
    # ctx.base, ctx.sid, ctx.junkan, ctx.src, ctx.tmp
    import glob
    import importlib.util
    import types
    ctx = types.SimpleNamespace(js=js, click=click, wait_for=wait_for,
                                check=check, wd=wd, base=base, sid=SID,
                                junkan=JUNKAN, src=SRC, tmp=tmp, db=db)
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "page_*.py"))):
        spec = importlib.util.spec_from_file_location(
            os.path.basename(path)[:-3], path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.run(ctx)
    try:
        logs = wd("POST", "/session/%s/se/log" % SID, {"type": "browser"})
        errors = [l for l in logs if l.get("level") == "SEVERE"]
        check("no console errors", not errors, errors)
    except RuntimeError as e:
        check("browser log readable", False, str(e))
    wd("DELETE", "/session/%s" % SID)
finally:
    for p in procs:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
    shutil.rmtree(tmp, ignore_errors=True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
