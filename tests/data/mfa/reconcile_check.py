#!/usr/bin/python3
"""Independent reconciliation of an MFA system JSON with numpy/scipy,
the same formulas as Cencic (2016) for the linear case, written from the
textbook form (null-space projection, pseudo-inverses), not from the C
code. Prints one line per variable: id class value sd, then chi2 dof."""
import json
import sys

import numpy as np
from scipy.linalg import null_space

doc = json.load(open(sys.argv[1]))
procs = [p["id"] for p in doc.get("processes", [])]
pix = {p: i for i, p in enumerate(procs)}
stockp = [p["id"] for p in doc.get("processes", []) if p.get("stock")]
vars_ = []
for f in doc["flows"]:
    vars_.append((f["id"], f.get("status"), f.get("value"), f.get("sd")))
given = {s["process"]: s for s in doc.get("stocks", [])}
for p in stockp:
    s = given.get(p)
    if s:
        vars_.append(("stock:" + p, s.get("status"), s.get("value"), s.get("sd")))
    else:
        vars_.append(("stock:" + p, "unknown", None, None))
nv = len(vars_)
rows = []
for p in procs:
    r = np.zeros(nv)
    for j, f in enumerate(doc["flows"]):
        if f["to"] == p:
            r[j] += 1
        if f["from"] == p:
            r[j] -= 1
    if p in stockp:
        r[[v[0] for v in vars_].index("stock:" + p)] -= 1
    rows.append(r)
for t in doc.get("tcs", []):
    r = np.zeros(nv)
    r[[f["id"] for f in doc["flows"]].index(t["flow"])] += 1
    for j, f in enumerate(doc["flows"]):
        if f["to"] == t["process"]:
            r[j] -= t["tc"]
    rows.append(r)
A = np.array(rows)
X = [i for i, v in enumerate(vars_) if v[1] in ("measured", "estimated")]
Y = [i for i, v in enumerate(vars_) if v[1] == "unknown"]
Z = [i for i, v in enumerate(vars_) if v[1] == "constant"]
Ax, Ay = A[:, X], A[:, Y]
c = A[:, Z] @ np.array([vars_[i][2] for i in Z], dtype=float) if Z else np.zeros(len(rows))
xt = np.array([vars_[i][2] for i in X], dtype=float)
Q = np.diag(np.array([vars_[i][3] for i in X], dtype=float) ** 2)
P = null_space(Ay.T).T if Y else np.eye(len(rows))
B, d = P @ Ax, P @ c
# Rounding in P leaves ~1e-17 where B is exactly zero; clear it relative
# to the scale of the constraints so it does not pass for redundancy.
if B.size:
    B[np.abs(B) <= 1e-12 * max(np.abs(Ax).max(), 1e-300)] = 0
if d.size and c.size:
    d[np.abs(d) <= 1e-12 * max(np.abs(c).max(), 1e-300)] = 0
V = B @ Q @ B.T
Vp = np.linalg.pinv(V, rcond=1e-10)
r = B @ xt + d
xh = xt - Q @ B.T @ Vp @ r
Qx = Q - Q @ B.T @ Vp @ B @ Q
chi2 = float(r @ Vp @ r)
dof = int(np.linalg.matrix_rank(B @ np.sqrt(Q), tol=1e-9)) if B.size else 0
out = {}
for k, i in enumerate(X):
    red = np.linalg.norm(B[:, k]) > 1e-9 and (Q @ B.T @ Vp @ B @ Q)[k, k] > 1e-12
    out[i] = ("redundant" if red else "non-redundant", xh[k], np.sqrt(max(Qx[k, k], 0)))
if Y:
    N = null_space(Ay)
    M = np.linalg.pinv(Ay, rcond=1e-10)
    y = M @ (-(Ax @ xh + c))
    Qy = (M @ Ax) @ Qx @ (M @ Ax).T
    for k, i in enumerate(Y):
        if N.size and np.linalg.norm(N[k, :]) > 1e-9:
            out[i] = ("cannot-be-determined", float("nan"), float("nan"))
        else:
            out[i] = ("observable", y[k], np.sqrt(max(Qy[k, k], 0)))
for i in Z:
    out[i] = ("constant", vars_[i][2], 0.0)
for i, v in enumerate(vars_):
    cls, val, sd = out[i]
    print(v[0], cls, repr(float(val)), repr(float(sd)))
print("chi2", repr(chi2), dof)
