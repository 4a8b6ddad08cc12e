#!/usr/bin/env python3
"""Peer for the UI benchmark: the same comparison table (one row per run, last value of every
metric, params, tags; escaped with html.escape) rendered by plain Python string building from the
same store. Prints the render time in seconds (store reading excluded, as in the Java figure)."""
import html
import json
import os
import sys
import time

root = sys.argv[1]
runs = []
for d in sorted(os.listdir(os.path.join(root, "runs"))):
    with open(os.path.join(root, "runs", d, "run.json")) as f:
        runs.append(json.load(f))
start = time.perf_counter()
metrics = sorted({k for r in runs for k in r.get("metrics", {})})
params = sorted({k for r in runs for k in r.get("params", {})})
tags = sorted({k for r in runs for k in r.get("tags", {})})
out = ["<table><thead><tr><th>Run</th>"]
out += ["<th>%s</th>" % html.escape(k) for k in metrics + params + tags]
out.append("</tr></thead><tbody>")
for r in runs:
    out.append('<tr data-run="%s"><th>%s</th>' % (html.escape(r["id"]), html.escape(r.get("name") or r["id"])))
    for k in metrics:
        s = r["metrics"].get(k)
        v = s["values"][-1] if s and s["values"] else ""
        lo = min(s["values"]) if s else ""
        hi = max(s["values"]) if s else ""
        out.append('<td data-sort="%s">%s <span>%s &ndash; %s</span></td>' % (v, v, lo, hi))
    for k in params:
        out.append("<td>%s</td>" % html.escape(r.get("params", {}).get(k, "")))
    for k in tags:
        out.append("<td>%s</td>" % html.escape(r.get("tags", {}).get(k, "")))
    out.append("</tr>")
out.append("</tbody></table>")
page = "".join(out)
print("%.4f %d" % (time.perf_counter() - start, len(page)))
