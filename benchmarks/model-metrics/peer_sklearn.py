#!/usr/bin/python3
"""Peer: scikit-learn computing the same metrics on the same files, and a paired Poisson bootstrap
of roc_auc_score (sample_weight = Poisson(1) multiplicities). Bootstrap resamples are timed for
PEER_RESAMPLES and extrapolated linearly to the requested count (1000 would take minutes).
PEER_RESAMPLES 0: reading and metrics only (PEER_READ_SECONDS, PEER_METRICS_SECONDS)."""
import sys
import time

import numpy as np
import pandas as pd
from sklearn import metrics as skm

cand_file, base_file, resamples, measured = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t0 = time.process_time()
w0 = time.perf_counter()
c = pd.read_csv(cand_file)
b = pd.read_csv(base_file)
t1, w1 = time.process_time(), time.perf_counter()
for df in (c, b):
    y, p, s = df["label"].to_numpy(), df["prediction"].to_numpy(), df["score"].to_numpy()
    skm.accuracy_score(y, p)
    for avg in ("binary", "micro", "macro", "weighted"):
        skm.precision_recall_fscore_support(y, p, average=avg, zero_division=0)
    skm.precision_recall_fscore_support(y, p, average=None, zero_division=0)
    skm.roc_auc_score(y, s)
    skm.average_precision_score(y, s)
    skm.log_loss(y, s)
    skm.confusion_matrix(y, p)
t2, w2 = time.process_time(), time.perf_counter()
print("PEER_READ_SECONDS=%.3f" % (w1 - w0))
print("PEER_METRICS_SECONDS=%.3f" % (w2 - w1))
if measured == 0:
    sys.exit(0)
rng = np.random.default_rng(42)
y = c["label"].to_numpy()
sc, sb = c["score"].to_numpy(), b["score"].to_numpy()
diffs = []
for _ in range(measured):
    w = rng.poisson(1.0, len(y))
    diffs.append(skm.roc_auc_score(y, sc, sample_weight=w) - skm.roc_auc_score(y, sb, sample_weight=w))
t3, w3 = time.process_time(), time.perf_counter()
boot_cpu = (t3 - t2) / measured * resamples
boot_wall = (w3 - w2) / measured * resamples
print("read CSV (pandas)   wall %6.2f s   cpu %6.2f s" % (w1 - w0, t1 - t0))
print("all metrics (2x)    wall %6.2f s   cpu %6.2f s" % (w2 - w1, t2 - t1))
print("bootstrap           wall %6.2f s   cpu %6.2f s  (%d paired resamples of roc_auc, extrapolated from %d)"
      % (boot_wall, boot_cpu, resamples, measured))
print("PEER_WALL_SECONDS=%.3f" % ((w2 - w1) + boot_wall))
print("PEER_CPU_SECONDS=%.3f" % ((t2 - t1) + boot_cpu))
