#!/usr/bin/python3
"""The numpy baseline of the reconciliation benchmark.

    reconcile_numpy.py SYSTEM.json

The same formulas as junkan's reconciliation for a system of process
balances (no stocks, transfer coefficients or constants), written the
efficient dense way: A is the processes x flows balance matrix (+1 for
an input of the process, -1 for an output) as a dense numpy array, and
the diagonal Q = S^2 (S = diag(sd)) is never formed:

    F = A S                  (columns of A scaled by sd)
    V = F F'  = A Q A'       (syrk)
    V = L L'                 (Cholesky)
    r = A x~,  z = L^-1 r,  chi2 = z'z,  dof = rows of V
    lambda = L'^-1 z = V^-1 r
    x^ = x~ - S^2 A' lambda
    W = L^-1 F               (one triangular solve, all columns at once)
    var(x^_i) = sd_i^2 - sd_i^4 a_i' V^-1 a_i = sd_i^2 - sd_i^2 |W_i|^2

Unknown flows (gen_system.py --unknowns) are handled when no two of them
share a process: an unknown between two processes is eliminated by
adding the two balance rows (its coefficients cancel), one with an
ext: end by dropping its process's row. After reconciliation each
unknown is computed from the balance of one of its processes,
y = g + h' x^, var(y) = |S h|^2 - |W S h|^2.

Timed: everything from the parsed JSON on (building A included). Prints
one line, as bench_reconcile does:

    n_flows numpy seconds chi2 dof maxrss_MB sum_value sum_var n_undet

Uses scipy.linalg.solve_triangular when scipy is installed and falls
back to numpy alone (a slower general solve) when it is not.
"""
import json
import resource
import sys
import time

import numpy as np

try:
    from scipy.linalg import solve_triangular as _st

    def tri_solve(L, B, trans=False):
        return _st(L, B, lower=True, trans=1 if trans else 0,
                   overwrite_b=True, check_finite=False)
    SOLVER = "scipy.linalg.solve_triangular"
except ImportError:  # numpy only
    def tri_solve(L, B, trans=False):
        return np.linalg.solve(L.T if trans else L, B)
    SOLVER = "numpy.linalg.solve"


def reconcile(doc):
    procs = [p["id"] for p in doc["processes"]]
    pix = {pid: i for i, pid in enumerate(procs)}
    flows = doc["flows"]
    nf, npr = len(flows), len(procs)
    if doc.get("stocks") or doc.get("tcs"):
        sys.exit("reconcile_numpy.py: stocks and transfer coefficients "
                 "are not supported")
    # endpoints: row index, or npr for the outside
    to = np.array([pix.get(f["to"], npr) for f in flows], dtype=np.intp)
    fr = np.array([pix.get(f["from"], npr) for f in flows], dtype=np.intp)
    for f in flows:
        if f["status"] not in ("measured", "estimated", "unknown"):
            sys.exit("reconcile_numpy.py: status %s not supported"
                     % f["status"])
    unk = np.array([f["status"] == "unknown" for f in flows])
    yix = np.flatnonzero(unk)
    xix = np.flatnonzero(~unk)

    # Row map: eliminating the unknowns merges rows (disjoint unknowns).
    rowmap = np.arange(npr + 1)
    touched = set()
    for k in yix:
        a, b = int(fr[k]), int(to[k])
        if a in touched or b in touched:
            sys.exit("reconcile_numpy.py: unknowns sharing a process are "
                     "not supported")
        touched.update(e for e in (a, b) if e < npr)
        if a < npr and b < npr:
            rowmap[b] = a           # row a + row b
        else:
            rowmap[a if a < npr else b] = npr   # row dropped
    keep = np.flatnonzero(rowmap[:npr] == np.arange(npr))
    newrow = np.full(npr + 1, -1, dtype=np.intp)
    newrow[keep] = np.arange(len(keep))
    rowof = newrow[rowmap]          # final row of each original row, -1 out
    m = len(keep)

    x = np.array([flows[k]["value"] for k in xix], dtype=float)
    sd = np.array([flows[k]["sd"] for k in xix], dtype=float)
    rt, rf = rowof[to[xix]], rowof[fr[xix]]
    # rows an x column touches (-1 for none); a flow whose two ends merged
    # into one row cancels out of it
    same = rt == rf
    rt = np.where(same, -1, rt)
    rf = np.where(same, -1, rf)
    n = len(xix)
    cols = np.arange(n)

    # F = A S, dense, Fortran order so the triangular solve can work in place
    F = np.zeros((m, n), order="F")
    it, jt = rt >= 0, rf >= 0
    F[rt[it], cols[it]] = sd[it]
    F[rf[jt], cols[jt]] = -sd[jt]

    def A_times(v):   # A v  (m)
        return (np.bincount(rt[it], v[it], minlength=m)
                - np.bincount(rf[jt], v[jt], minlength=m))

    def At_times(lam):   # A' lam  (n)
        lz = np.append(lam, 0.0)
        return lz[rt] - lz[rf]

    V = F @ F.T                      # numpy uses syrk for X @ X.T
    L = np.linalg.cholesky(V)
    del V
    r = A_times(x)
    z = tri_solve(L, r.copy())
    chi2 = float(z @ z)
    lam = tri_solve(L, z, trans=True)
    xhat = x - sd * sd * At_times(lam)
    W = tri_solve(L, F)              # overwrites F
    h = np.einsum("ij,ij->j", W, W)
    var = sd * sd * (1.0 - h)

    values = np.full(nf, np.nan)
    variances = np.full(nf, np.nan)
    values[xix] = xhat
    variances[xix] = var
    if len(yix):
        xcol = np.full(nf, -1, dtype=np.intp)
        xcol[xix] = cols
        # balance of one end: inputs - outputs = 0 (original rows)
        members = {}
        for k in range(nf):
            for e, sgn in ((int(to[k]), 1.0), (int(fr[k]), -1.0)):
                if e < npr:
                    members.setdefault(e, []).append((k, sgn))
        for k in yix:
            e = int(fr[k]) if fr[k] < npr else int(to[k])
            sy = -1.0 if e == fr[k] else 1.0    # y's coefficient in row e
            hk = {}
            for j, sgn in members[e]:
                if j != k:
                    hk[xcol[j]] = hk.get(xcol[j], 0.0) - sgn / sy
            hc = np.array(list(hk.keys()), dtype=np.intp)
            hv = np.array(list(hk.values()))
            values[k] = float(hv @ xhat[hc])
            shv = sd[hc] * hv
            w = W[:, hc] @ shv
            variances[k] = float(shv @ shv - w @ w)
    return chi2, m, values, variances


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reconcile_numpy.py SYSTEM.json")
    with open(sys.argv[1], encoding="utf-8") as fp:
        doc = json.load(fp)
    t0 = time.perf_counter()
    chi2, dof, values, variances = reconcile(doc)
    t1 = time.perf_counter()
    ok = ~np.isnan(values)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    print("%d numpy %.6f %.10g %d %.1f %.17g %.17g %d" % (
        len(doc["flows"]), t1 - t0, chi2, dof, rss, values[ok].sum(),
        variances[ok].sum(), int((~ok).sum())))
    print("reconcile_numpy.py: triangular solves with %s" % SOLVER,
          file=sys.stderr)


if __name__ == "__main__":
    main()
