#!/usr/bin/python3
"""Baseline for bench/market_bench.sh: NetworkX's network simplex on a
DIMACS "min" file written by bench_market (the same flow problem junkan
solved). Prints "seconds cost" (graph construction + solve, wall time).
Capacities of 2**62 or more are unlimited (no capacity attribute)."""
import sys
import time

import networkx as nx


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    g = nx.DiGraph()
    with open(path) as f:
        for line in f:
            if line[0] == 'n':
                _, v, s = line.split()
                g.add_node(int(v), demand=-int(s))
            elif line[0] == 'a':
                _, t, h, lo, cap, cost = line.split()
                if int(lo) != 0:
                    raise SystemExit("lower bounds are not supported")
                if int(cap) >= 2**62:
                    g.add_edge(int(t), int(h), weight=int(cost))
                else:
                    g.add_edge(int(t), int(h), weight=int(cost),
                               capacity=int(cap))
            elif line[0] == 'p':
                n = int(line.split()[2])
                g.add_nodes_from(range(1, n + 1))
    t1 = time.perf_counter()
    cost, _ = nx.network_simplex(g)
    t2 = time.perf_counter()
    print(f"{t2 - t1:.3f} {t2 - t0:.3f} {cost}")


if __name__ == "__main__":
    main()
