#!/usr/bin/python3
"""Reference values for tests/unit/test_dsm.c, computed with numpy and
scipy.stats the way ODYM's dynamic_stock_model.py does it (IndEcol/ODYM,
odym/modules/dynamic_stock_model.py: compute_sf, compute_s_c_inflow_driven,
compute_o_c_from_s_c, compute_stock_driven_model).

Usage: dsm_check.py CASES_FILE

Each line of CASES_FILE is one case, fields separated by blanks:

    name kind p1 p2 mode n v0 v1 ... v(n-1)

kind is fixed (p1 = mean), normal or lognormal (p1 = mean, p2 = sd of
the lifetime itself), lognormal_odym (ODYM's literal parameter
conversion, equal to lognormal only when sd == mean) or weibull
(p1 = shape, p2 = scale). mode is survival (no values needed), inflow
(values = inflow) or stock (values = stock).

Output, one line per quantity, floats in repr() form:

    name sf v...             survival: the n x n table, row-major sf[t, c]
    name stock v...          inflow:   total stock
    name outflow v...        inflow and stock: total outflow
    name inflow v...         stock:    inflow
    name clipped k           stock:    number of clipped years

On a problem the script prints one line starting with "error:" and
exits with status 2 (3 when numpy or scipy is missing).
"""

import sys

try:
    import numpy as np
    import scipy.stats
except ImportError as exc:  # CI installs python3-numpy and python3-scipy
    print("error: %s: install python3-numpy and python3-scipy "
          "(apt-get install python3-scipy)" % exc)
    sys.exit(3)

# A negative gap smaller than this share of the stock is rounding noise:
# the inflow is zeroed but the year is not counted (as src/mfa/dsm.c).
CLIP_EPS = 1e-12


def lognormal_params(mean, sd, odym_literal):
    """mu and sigma of the underlying normal distribution."""
    if odym_literal:  # ODYM's code, verbatim
        lt_ln = np.log(mean / np.sqrt(1 + mean * mean / (sd * sd)))
        sg_ln = np.sqrt(np.log(1 + mean * mean / (sd * sd)))
        return lt_ln, sg_ln
    sg_ln = np.sqrt(np.log(1 + sd * sd / (mean * mean)))
    lt_ln = np.log(mean) - sg_ln * sg_ln / 2
    # The lifetime has the requested mean and sd.
    dist = scipy.stats.lognorm(s=sg_ln, loc=0, scale=np.exp(lt_ln))
    assert abs(dist.mean() - mean) <= 1e-12 * mean, "lognormal mean"
    assert abs(dist.std() - sd) <= 1e-9 * sd, "lognormal sd"
    return lt_ln, sg_ln


def survival_table(kind, p1, p2, n):
    """ODYM compute_sf: sf[t, c] for one lifetime shared by all cohorts."""
    sf = np.zeros((n, n))
    for m in range(0, n):  # cohort index
        ages = np.arange(0, n - m)
        if kind == "fixed":
            sf[m::, m] = np.multiply(1, (ages < p1))
        elif kind == "normal":
            sf[m::, m] = scipy.stats.norm.sf(ages, loc=p1, scale=p2)
        elif kind in ("lognormal", "lognormal_odym"):
            lt_ln, sg_ln = lognormal_params(p1, p2, kind == "lognormal_odym")
            sf[m::, m] = scipy.stats.lognorm.sf(ages, s=sg_ln, loc=0,
                                                scale=np.exp(lt_ln))
        elif kind == "weibull":
            sf[m::, m] = scipy.stats.weibull_min.sf(ages, c=p1, loc=0,
                                                    scale=p2)
        else:
            raise ValueError("unknown lifetime kind %r" % kind)
    return sf


def inflow_driven(sf, i):
    """ODYM compute_s_c_inflow_driven + compute_o_c_from_s_c."""
    n = len(i)
    s_c = np.einsum("c,tc->tc", i, sf)
    o_c = np.zeros(s_c.shape)
    o_c[1::, :] = -1 * np.diff(s_c, n=1, axis=0)
    o_c[np.diag_indices(n)] = i - np.diag(s_c)
    return s_c.sum(axis=1), o_c.sum(axis=1)


def stock_driven(sf, s):
    """ODYM compute_stock_driven_model (NegativeInflowCorrect=False), with
    negative inflows clipped at 0 and counted."""
    n = len(s)
    s_c = np.zeros((n, n))
    o_c = np.zeros((n, n))
    i = np.zeros(n)
    clipped = 0
    for m in range(0, n):
        if m > 0:
            o_c[m, 0:m] = s_c[m - 1, 0:m] - s_c[m, 0:m]
        rest = s_c[m, :].sum()
        gap = s[m] - rest
        if sf[m, m] != 0:
            i[m] = gap / sf[m, m]
            if i[m] < 0:
                if gap < -CLIP_EPS * max(abs(s[m]), rest):
                    clipped += 1
                i[m] = 0
        elif gap > 0:
            clipped += 1
        s_c[m::, m] = i[m] * sf[m::, m]
        o_c[m, m] = i[m] * (1 - sf[m, m])
    return i, o_c.sum(axis=1), clipped


def emit(name, what, values):
    print(name, what, " ".join(repr(float(v)) for v in values))


def run_case(fields):
    name, kind, p1, p2, mode, n = fields[:6]
    p1, p2, n = float(p1), float(p2), int(n)
    values = np.array([float(v) for v in fields[6:]])
    if mode != "survival" and len(values) != n:
        raise ValueError("%s: %d values for n = %d" % (name, len(values), n))
    sf = survival_table(kind, p1, p2, n)
    if mode == "survival":
        emit(name, "sf", sf.reshape(-1))
    elif mode == "inflow":
        stock, outflow = inflow_driven(sf, values)
        emit(name, "stock", stock)
        emit(name, "outflow", outflow)
    elif mode == "stock":
        inflow, outflow, clipped = stock_driven(sf, values)
        emit(name, "inflow", inflow)
        emit(name, "outflow", outflow)
        print(name, "clipped", clipped)
    else:
        raise ValueError("%s: unknown mode %r" % (name, mode))


def main(argv):
    if len(argv) != 2:
        print("error: usage: dsm_check.py CASES_FILE")
        return 2
    try:
        with open(argv[1], encoding="ascii") as f:
            for line in f:
                fields = line.split()
                if fields:
                    run_case(fields)
    except (OSError, ValueError, AssertionError) as exc:
        print("error: %s" % exc)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
