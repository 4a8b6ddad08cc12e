#!/usr/bin/env python3
"""Inputs for the tracking benchmark (plain Python, no packages).

  generate.py points OUT.jsonl N        N metric points, long-form JSON Lines (10 metrics)
  generate.py store DIR RUNS METRICS    a run store with RUNS runs x METRICS metrics (20-point curves)
"""
import json
import math
import os
import random
import sys


def points(out, n):
    metrics = [f"metric_{i}" for i in range(10)]
    with open(out, "w") as f:
        for i in range(n):
            step, m = divmod(i, len(metrics))
            f.write(json.dumps({"step": step, "name": metrics[m], "value": math.exp(-step / 30000) + m / 100}) + "\n")


def store(root, runs, metrics):
    rng = random.Random(7)
    for r in range(runs):
        run_id = f"20261126-{r // 3600:02d}{(r // 60) % 60:02d}{r % 60:02d}-{r:06x}"
        series = {}
        for m in range(metrics):
            values = [rng.random() for _ in range(20)]
            series[f"metric_{m:02d}"] = {"key": f"metric_{m:02d}", "steps": list(range(20)), "values": values,
                                         "timestamps": [1764160000000 + s for s in range(20)]}
        record = {"schemaVersion": 1, "id": run_id, "experiment": "bench", "name": f"run-{r}", "status": "FINISHED",
                  "startTime": f"2026-11-26T00:00:{r % 60:02d}Z", "params": {"C": str(rng.choice([0.1, 1, 10])),
                  "depth": str(rng.randint(2, 12)), "seed": "7"}, "tags": {"team": "bench"}, "metrics": series}
        d = os.path.join(root, "runs", run_id)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "run.json"), "w") as f:
            json.dump(record, f)


if __name__ == "__main__":
    if sys.argv[1] == "points":
        points(sys.argv[2], int(sys.argv[3]))
    else:
        store(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
