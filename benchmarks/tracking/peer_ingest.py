#!/usr/bin/env python3
"""The peer for ingest: plain Python reading the same JSON Lines points into per-metric lists and
writing one JSON record, the shape of work a Python tracking client does (no packages needed)."""
import json
import sys
import time

start = time.perf_counter()
series = {}
with open(sys.argv[1]) as f:
    for line in f:
        p = json.loads(line)
        s = series.setdefault(p["name"], {"steps": [], "values": []})
        s["steps"].append(p["step"])
        s["values"].append(p["value"])
with open(sys.argv[2], "w") as out:
    json.dump({"metrics": series}, out)
print(f"{time.perf_counter() - start:.3f}")
