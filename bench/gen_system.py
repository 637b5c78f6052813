#!/usr/bin/python3
"""Generate an MFA system for the reconciliation benchmark.

    gen_system.py N SEED [--unknowns] [--span W] [--far F] > sys.json

N flows (N >= 20) between about N/2 processes p0..p{P-1}, as the JSON
document jk_mfa_load reads. Standard library only; deterministic: the
same arguments always give the same bytes.

Network (every flow touches at most two processes):
  * backbone: a random tree, process i (i >= 1) fed by a parent chosen
    among the 3 processes before it, so p0 reaches every process;
  * boundary: about 3% of the flows come from "ext:in" (one of them into
    p0) and about 3% go to "ext:out" (one of them from p{P-1});
  * extra links: every process the tree leaves without an output gets
    one to a later process (so every process reaches ext:out), and the
    rest of the N flows are random links between processes at most W
    apart in index (default W = 50), 70% forward and 30% backward
    (recycling loops). With --far F a share F of them (default 0) join
    two processes chosen anywhere in the network instead.

Values: a consistent flow is built first by pushing random amounts along
walks ext:in -> ... -> ext:out (for each flow a walk through it, for
each process one through it, along breadth-first trees from ext:in and
to ext:out), so every balance holds exactly and every flow is > 0. Each
flow is then measured with sd = 5% of its true value and a value drawn
from N(true, sd), redrawn until > 0.

--unknowns: about 1% of the flows get status "unknown" (no value). They
are picked so that no two share a process, which keeps each of them
observable (the balance of either end determines it) and the remaining
constraints independent.
"""
import argparse
import json
import random
import sys
from collections import deque


def build(n, seed, span, far, unknowns):
    rng = random.Random(seed)
    p = max(2, n // 2)
    procs = ["p%d" % i for i in range(p)]
    IN, OUT = -1, -2  # ext:in, ext:out
    edges = []  # (from, to) as process indices or IN/OUT

    # backbone tree
    nout = [0] * p
    for i in range(1, p):
        par = rng.randint(max(0, i - 3), i - 1)
        edges.append((par, i))
        nout[par] += 1
    # boundary
    n_in = max(1, round(0.03 * n))
    n_out = max(1, round(0.03 * n))
    edges.append((IN, 0))
    for _ in range(n_in - 1):
        edges.append((IN, rng.randrange(p)))
    edges.append((p - 1, OUT))
    nout[p - 1] += 1
    for _ in range(n_out - 1):
        u = rng.randrange(p)
        edges.append((u, OUT))
        nout[u] += 1
    # every process needs an output: leaves link to a later process
    for i in range(p - 1):
        if nout[i] == 0:
            edges.append((i, rng.randint(i + 1, min(p - 1, i + span))))
            nout[i] += 1
    if len(edges) > n:
        sys.exit("gen_system.py: N=%d too small for the backbone (%d flows)"
                 % (n, len(edges)))
    # random extra links
    while len(edges) < n:
        if far > 0 and rng.random() < far:
            u, v = rng.randrange(p), rng.randrange(p)
        else:
            u = rng.randrange(p)
            d = rng.randint(1, span)
            v = u + d if rng.random() < 0.7 else u - d
        if 0 <= v < p and u != v:
            edges.append((u, v))

    # consistent flow: walks ext:in -> tree path -> ... -> tree path -> ext:out
    m = len(edges)
    succ = [[] for _ in range(p)]
    pred = [[] for _ in range(p)]
    for k, (u, v) in enumerate(edges):
        if u >= 0 and v >= 0:
            succ[u].append(k)
            pred[v].append(k)
    # in-tree: for each process the edge by which BFS from ext:in reaches it
    in_edge = [-1] * p
    order_in = []
    q = deque()
    for k, (u, v) in enumerate(edges):
        if u == IN and in_edge[v] < 0:
            in_edge[v] = k
            q.append(v)
    while q:
        x = q.popleft()
        order_in.append(x)
        for k in succ[x]:
            y = edges[k][1]
            if in_edge[y] < 0:
                in_edge[y] = k
                q.append(y)
    # out-tree: for each process the edge by which it leaves towards ext:out
    out_edge = [-1] * p
    order_out = []
    for k, (u, v) in enumerate(edges):
        if v == OUT and out_edge[u] < 0:
            out_edge[u] = k
            q.append(u)
    while q:
        x = q.popleft()
        order_out.append(x)
        for k in pred[x]:
            y = edges[k][0]
            if out_edge[y] < 0:
                out_edge[y] = k
                q.append(y)
    assert len(order_in) == p and len(order_out) == p, "network not connected"

    flow = [0.0] * m
    din = [0.0] * p   # amount to bring from ext:in to each process
    dout = [0.0] * p  # amount to take from each process to ext:out
    for k, (u, v) in enumerate(edges):
        a = rng.uniform(1.0, 10.0)
        flow[k] += a
        if u >= 0:
            din[u] += a
        if v >= 0:
            dout[v] += a
    for x in range(p):
        b = rng.uniform(1.0, 10.0)
        din[x] += b
        dout[x] += b
    # push the demands up the trees, deepest first
    for x in reversed(order_in):
        k = in_edge[x]
        flow[k] += din[x]
        u = edges[k][0]
        if u >= 0:
            din[u] += din[x]
    for x in reversed(order_out):
        k = out_edge[x]
        flow[k] += dout[x]
        v = edges[k][1]
        if v >= 0:
            dout[v] += dout[x]

    # unknowns: ~1%, no two sharing a process
    unknown = set()
    if unknowns:
        want = max(1, round(0.01 * m))
        used = set()
        cand = list(range(m))
        rng.shuffle(cand)
        for k in cand:
            if len(unknown) >= want:
                break
            ends = [e for e in edges[k] if e >= 0]
            if any(e in used for e in ends):
                continue
            unknown.add(k)
            used.update(ends)

    def node(e):
        return "ext:in" if e == IN else "ext:out" if e == OUT else procs[e]

    flows = []
    for k, (u, v) in enumerate(edges):
        f = {"id": "f%d" % k, "from": node(u), "to": node(v)}
        if k in unknown:
            f["status"] = "unknown"
        else:
            sd = 0.05 * flow[k]
            x = rng.gauss(flow[k], sd)
            while x <= 0:
                x = rng.gauss(flow[k], sd)
            f["value"] = x
            f["sd"] = sd
            f["status"] = "measured"
        flows.append(f)
    name = "benchmark network, %d flows, seed %d%s" % (
        n, seed, ", with unknowns" if unknowns else "")
    return {"system": {"name": name},
            "processes": [{"id": x} for x in procs],
            "flows": flows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of flows (>= 20)")
    ap.add_argument("seed", type=int, help="random seed")
    ap.add_argument("--unknowns", action="store_true",
                    help="about 1%% of the flows unknown")
    ap.add_argument("--span", type=int, default=50,
                    help="extra links join processes at most this far "
                         "apart in index (default 50)")
    ap.add_argument("--far", type=float, default=0.0,
                    help="share of extra links between any two processes "
                         "(default 0)")
    a = ap.parse_args()
    if a.n < 20:
        ap.error("N must be at least 20")
    if a.span < 1 or not 0 <= a.far <= 1:
        ap.error("need --span >= 1 and 0 <= --far <= 1")
    doc = build(a.n, a.seed, a.span, a.far, a.unknowns)
    out = sys.stdout
    out.write('{"system": %s,\n "processes": [' % json.dumps(doc["system"]))
    out.write(",".join(json.dumps(x) for x in doc["processes"]))
    out.write('],\n "flows": [\n  ')
    out.write(",\n  ".join(json.dumps(f) for f in doc["flows"]))
    out.write("]}\n")


if __name__ == "__main__":
    main()
