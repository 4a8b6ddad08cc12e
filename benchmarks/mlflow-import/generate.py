#!/usr/bin/env python3
"""Writes an MLflow 2.x file store (mlruns/) as MLflow's FileStore lays it out: RUNS runs of one
experiment, each with meta.yaml, 3 params, 3 tags and one metric of POINTS lines
'timestamp value step' (value as Python's repr, the way MLflow writes it). No packages needed."""
import os
import random
import sys

root, runs, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
exp = os.path.join(root, "1")
os.makedirs(exp, exist_ok=True)
with open(os.path.join(exp, "meta.yaml"), "w") as f:
    f.write("artifact_location: file:///tmp/mlruns/1\ncreation_time: 1700000000000\nexperiment_id: '1'\n"
            "last_update_time: 1700000000000\nlifecycle_stage: active\nname: benchmark\n")
for r in range(runs):
    run_id = "%032x" % rng.getrandbits(128)
    d = os.path.join(exp, run_id)
    for sub in ("metrics", "params", "tags"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    start = 1700000000000 + r * 60000
    with open(os.path.join(d, "meta.yaml"), "w") as f:
        f.write(f"artifact_uri: file:///tmp/mlruns/1/{run_id}/artifacts\nend_time: {start + 59000}\n"
                f"entry_point_name: ''\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: {run_id}\n"
                f"run_name: run-{r}\nrun_uuid: {run_id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
                f"start_time: {start}\nstatus: 3\ntags: []\nuser_id: bench\n")
    for key, value in (("lr", repr(rng.random() / 10)), ("depth", str(rng.randint(2, 12))), ("optimizer", "adam")):
        with open(os.path.join(d, "params", key), "w") as f:
            f.write(value)
    for key, value in (("mlflow.runName", f"run-{r}"), ("mlflow.user", "bench"), ("mlflow.source.name", "train.py")):
        with open(os.path.join(d, "tags", key), "w") as f:
            f.write(value)
    loss = 1.0
    with open(os.path.join(d, "metrics", "loss"), "w") as f:
        f.write("".join(f"{start + i * 50} {(loss := loss * (0.99 + rng.random() * 0.01))!r} {i}\n"
                        for i in range(points)))
