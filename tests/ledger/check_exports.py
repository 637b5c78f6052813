#!/usr/bin/env python3
"""Validate junkan's ledger exports against the official schemas.

Builds the demo chain (data/ledger) through the junkan CLI in a temporary
directory, exports the bottles' passport (UNTP Digital Product Passport)
and the EPCIS 2.0 document of its lineage, and validates both with
python3-jsonschema against the schemas copied into
tests/data/ledger/schemas (UNTP: Draft 2020-12; EPCIS: Draft 7 with the
GS1 files resolved by their $id). A mutated copy of each must fail, so
that the check cannot pass vacuously.

usage: check_exports.py JUNKAN SOURCE_DIR
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile
import warnings

import jsonschema

warnings.filterwarnings("ignore", category=DeprecationWarning)

junkan, src = sys.argv[1], sys.argv[2]
schemas = os.path.join(src, "tests", "data", "ledger", "schemas")
data = os.path.join(src, "data", "ledger")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + name)
    else:
        failed += 1
        print("FAIL  " + name + (": " + detail if detail else ""))


def run(*args):
    r = subprocess.run([junkan, "--db", db] + list(args), capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("junkan %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


def epcis_validator():
    store = {}
    for f in glob.glob(os.path.join(schemas, "epcis", "*.json")) + glob.glob(
            os.path.join(schemas, "epcis", "schemas", "*.json")):
        with open(f) as fp:
            d = json.load(fp)
        store[d["$id"]] = d
    with open(os.path.join(schemas, "epcis", "EPCIS-JSON-Schema-root.json")) as fp:
        root = json.load(fp)
    res = jsonschema.RefResolver(base_uri=root["$id"], referrer=root, store=store)
    return jsonschema.Draft7Validator(root, resolver=res)


def untp_validator():
    with open(os.path.join(schemas, "untp", "untp-dpp-schema.json")) as fp:
        return jsonschema.Draft202012Validator(json.load(fp))


def errors(v, doc):
    return ["%s: %s" % (list(e.path), e.message[:200]) for e in v.iter_errors(doc)]


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "ledger.db")
    ops = [("jk:demo-registry", "junkan demo registry"),
           ("jp:city-yokohama", "City of Yokohama"),
           ("jp:sorter-kawasaki", "Kawasaki PET Recycling Co."),
           ("jp:maker-kanagawa", "Kanagawa Bottling Co.")]
    keys, pubs = [], []
    for uoi, _ in ops:
        k = os.path.join(tmp, uoi.split(":")[1] + ".key")
        pubs.append(json.loads(run("ledger", "key", "new", "--uoi", uoi,
                                   "--out", k))["pubkey"])
        keys.append(k)
    check("key files have mode 0600",
          all(os.stat(k).st_mode & 0o777 == 0o600 for k in keys))
    at = ["--at", "2026-06-30T12:00:00Z"]
    run("ledger", "init", "--origin", "test.example/ledger", "--key", keys[0],
        "--at", "2026-04-01T00:00:00Z")
    reg = [{"type": "operator.register", "uoi": uoi, "name": name,
            "key_id": 1, "pubkey": pub, "time": "2026-04-01T09:00:00+09:00"}
           for (uoi, name), pub in zip(ops[1:], pubs[1:])]
    with open(os.path.join(tmp, "ops.json"), "w") as fp:
        json.dump(reg, fp)
    allkeys = sum([["--key", k] for k in keys], [])
    run("ledger", "append", "--key", keys[0], *at, os.path.join(tmp, "ops.json"))
    run("ledger", "append", *allkeys, *at, os.path.join(data, "demo", "master.json"))
    run("ledger", "append", "--key", keys[0], *at, os.path.join(data, "schemes.json"))
    run("ledger", "append", *allkeys, *at, os.path.join(data, "demo", "chain.json"))
    run("ledger", "checkpoint", "--key", keys[0])
    check("ledger verifies", run("ledger", "verify").startswith("ok: 27 entries"))

    dpp = json.loads(run("passport", "export", "urn:jk:dpp:bottles-0410",
                         "--as", "recycler"))
    v = untp_validator()
    e = errors(v, dpp["passport"])
    check("UNTP passport is valid", not e, "; ".join(e[:3]))
    bad = copy.deepcopy(dpp["passport"])
    del bad["issuer"]["name"]
    check("UNTP check rejects a passport without issuer name", errors(v, bad))
    keys_seen = [a["key"] for a in
                 dpp["passport"]["credentialSubject"]["product"]
                 ["characteristics"]["attributes"]]
    check("recycler sees legit_interest attributes, not authority ones",
          "recycling.sortingInstructions" in keys_seen
          and "compliance.declarationOfConformity" not in keys_seen)
    check("passport carries an inclusion proof per entry",
          all("inclusion" in x for x in dpp["ledger"]["entries"])
          and len(dpp["ledger"]["entries"]) >= 2)

    epcis = json.loads(run("ledger", "export", "--epcis", "--lot",
                           "urn:jk:lot:bottles-0410"))
    v = epcis_validator()
    e = errors(v, epcis)
    check("EPCIS document is valid", not e, "; ".join(e[:3]))
    check("EPCIS document has the 8 events of the lineage",
          len(epcis["epcisBody"]["eventList"]) == 8)
    bad = copy.deepcopy(epcis)
    bad["epcisBody"]["eventList"][0]["action"] = "CREATE"
    check("EPCIS check rejects a bad action", errors(v, bad))
    bad = copy.deepcopy(epcis)
    del bad["epcisBody"]["eventList"][3]["eventTime"]
    check("EPCIS check rejects an event without eventTime", errors(v, bad))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
