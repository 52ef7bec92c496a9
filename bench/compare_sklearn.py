#!/usr/bin/env python3
"""Run scikit-learn's KMeans on the matrix written by bench_segmentation, for comparison.

Usage: python3 bench/compare_sklearn.py scores.npy K [seed]
Needs Debian's python3-sklearn (benchmark only, not a BrokerDesk dependency).
Prints the wall time and inertia of KMeans(n_clusters=K, n_init=10), like the C++ bench line.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 1
    x = np.load(sys.argv[1])
    k = int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    t0 = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
    elapsed = time.perf_counter() - t0
    print(f"scikit-learn {sklearn.__version__} kmeans k={k} n_init=10 on {x.shape[0]} x "
          f"{x.shape[1]}: {elapsed:.3f} s inertia={km.inertia_:.6f} n_iter={km.n_iter_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
