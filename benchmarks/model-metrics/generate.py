#!/usr/bin/python3
"""Writes candidate.csv and baseline.csv: N binary predictions of two correlated models on the same examples."""
import sys

import numpy as np

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
out = sys.argv[1]
rng = np.random.default_rng(7)
y = (rng.random(n) < 0.4).astype(int)
shared = rng.normal(0, 1, n)
for name, sep in (("candidate", 1.3), ("baseline", 1.1)):
    raw = y * sep - sep / 2 + 0.6 * shared + 0.8 * rng.normal(0, 1, n)
    p = np.round(1 / (1 + np.exp(-raw)), 4)  # 4 decimals: many tied scores, as real models emit
    pred = (p >= 0.5).astype(int)
    with open("%s/%s.csv" % (out, name), "w") as f:
        f.write("id,label,prediction,score\n")
        ids = np.arange(n)
        np.savetxt(f, np.column_stack([ids, y, pred, p]), fmt=["%d", "%d", "%d", "%.4f"], delimiter=",")
