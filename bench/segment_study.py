#!/usr/bin/env python3
"""The plain analyst's segmentation that BrokerDesk's is measured against (issue #23).

Usage: /usr/bin/python3 bench/segment_study.py ROWS.csv [seed]
ROWS.csv is written by `segment_study BOOK ARCHETYPES.csv B ROWS.csv`: per client its planted
archetype, BrokerDesk's segment and seven raw features. The pipeline: log(1 + x) of AUM, trades
and commission of 12 months, recency (days since the last trade; never traded: the longest
recency seen plus one), tenure, contacts and service cost of 12 months; standard scaling;
k-means++ with n_init=10 for k in 2..10, k chosen by the silhouette on a 5,000-client sample.
Prints one line of key=value pairs: the k, and the adjusted Rand index and adjusted mutual
information against the archetypes (and, for reference, BrokerDesk's from the same file).
Needs Debian's python3-sklearn (scripts/deps --bench; benchmark only).
"""
import csv
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

FEATURES = ["aum", "trades_12m", "commission_12m", "days_since_trade", "tenure_days",
            "contacts_12m", "service_cost_12m"]


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 1
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    truth = [r["archetype"] for r in rows]
    ours = [int(r["segment"]) for r in rows]
    x = np.array([[float(r[c]) if r[c] != "" else np.nan for c in FEATURES] for r in rows])
    recency = FEATURES.index("days_since_trade")
    never = np.isnan(x[:, recency])
    x[never, recency] = np.nanmax(x[:, recency]) + 1 if (~never).any() else 0
    x = np.nan_to_num(x, nan=0.0)
    x = StandardScaler().fit_transform(np.log1p(np.maximum(x, 0)))
    rng = np.random.default_rng(seed)
    sample = rng.choice(len(x), size=min(5000, len(x)), replace=False)
    best = None
    for k in range(2, 11):
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
        score = silhouette_score(x[sample], labels[sample])
        if best is None or score > best[0]:
            best = (score, k, labels)
    _, k, labels = best
    print(f"sklearn_k={k} sklearn_ari={adjusted_rand_score(truth, labels):.3f} "
          f"sklearn_ami={adjusted_mutual_info_score(truth, labels):.3f} "
          f"ours_ari={adjusted_rand_score(truth, ours):.3f} "
          f"ours_ami={adjusted_mutual_info_score(truth, ours):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
