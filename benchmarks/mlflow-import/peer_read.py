#!/usr/bin/env python3
"""The peer: plain Python reading the same MLflow store the way MLflow's FileStore does, one run at
a time: walk the experiment folders, read each meta.yaml's lines, params and tags, and parse every
metric line into (timestamp, float value, step). Keeps only counts (it writes nothing, so it does
less than the import, which also writes a record per run). Prints seconds and runs/points read."""
import os
import sys
import time

start = time.perf_counter()
root = sys.argv[1]
runs = points = 0
for exp in sorted(os.listdir(root)):
    exp_dir = os.path.join(root, exp)
    if exp in (".trash", "models") or not os.path.isfile(os.path.join(exp_dir, "meta.yaml")):
        continue
    for run_id in sorted(os.listdir(exp_dir)):
        d = os.path.join(exp_dir, run_id)
        if not os.path.isfile(os.path.join(d, "meta.yaml")):
            continue
        with open(os.path.join(d, "meta.yaml"), encoding="utf-8") as f:
            meta = dict(line.rstrip("\n").split(": ", 1) for line in f if ": " in line)
        values = {}
        for sub in ("params", "tags"):
            folder = os.path.join(d, sub)
            for dirpath, _, files in os.walk(folder):
                for name in files:
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        values[(sub, os.path.relpath(os.path.join(dirpath, name), folder))] = f.read()
        metrics = {}
        folder = os.path.join(d, "metrics")
        for dirpath, _, files in os.walk(folder):
            for name in files:
                series = []
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    for line in f:
                        parts = line.strip().split(" ")
                        series.append((int(parts[0]), float(parts[1]), int(parts[2]) if len(parts) > 2 else 0))
                metrics[os.path.relpath(os.path.join(dirpath, name), folder)] = series
                points += len(series)
        runs += 1
print(f"{time.perf_counter() - start:.3f} {runs} {points}")
