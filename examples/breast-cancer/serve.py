#!/usr/bin/python3
"""A small, real model server for the breast-cancer model.

    /usr/bin/python3 serve.py --model-dir runs/a/model --port 8501 [--host 127.0.0.1]

Endpoints:
  GET  /healthz    200 once the model is loaded
  POST /predict    {"instances": [[30 floats], ...]} or {"instances": [{"mean_radius": ..., ...}]}
                   -> {"predictions": [0|1, ...], "scores": [p(benign), ...], "model_version": ...}
  GET  /metrics    Prometheus metrics: requests by status, latency histogram, labelled with the
                   MODEL_VERSION environment variable (so a canary and stable are told apart)

Serving log (--log FILE or SERVING_LOG): one JSON line per prediction, as docs/schemas/serving-log.schema.json
describes (request id, time, model version, input features, prediction and score, latency), read by
`mlops monitor`. A request may name its id in the X-Request-Id header; else one is made up.

Fault knobs (environment), used by tests and the demo to make a deliberately bad server:
  FAULT_ERROR_RATE    fraction of /predict answered with HTTP 500 (default 0)
  FAULT_LATENCY_MS    extra milliseconds added to every /predict (default 0)
  FAULT_FLIP          "1" inverts every prediction (a wrong model that still answers)
  FAULT_CRASH_AT_START  "1" exits with status 3 right after loading the model (a server that dies)
  FAULT_NEVER_READY   "1" serves, but /healthz answers 503 forever (a server that never gets ready)
  FAULT_ALLOCATE_MB   allocates (and touches) this many MiB at start (a memory hog)
  FAULT_CONNECT_TO    HOST:PORT to open a TCP connection to at start (an egress attempt); the
                      outcome is written to stderr and answered at GET /egress-probe as
                      {"target": ..., "connected": true|false, "error": ...}
"""
import argparse
import json
import os
import pathlib
import pickle
import random
import socket
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

VERSION = os.environ.get("MODEL_VERSION", "unknown")
REQUESTS = Counter("model_requests_total", "Prediction requests by HTTP status", ["version", "status"])
LATENCY = Histogram("model_request_duration_seconds", "Prediction latency", ["version"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
PREDICTED = Counter("model_predictions_total", "Predictions by class", ["version", "predicted"])


class Model:
    def __init__(self, model_dir):
        with open(pathlib.Path(model_dir) / "model.pkl", "rb") as f:
            bundle = pickle.load(f)
        self.scaler, self.model, self.features = bundle["scaler"], bundle["model"], bundle["features"]

    def predict(self, instances):
        rows = self.rows(instances)
        scores = self.model.predict_proba(self.scaler.transform(np.array(rows)))[:, 1]
        return [int(s >= 0.5) for s in scores], [float(s) for s in scores]

    def rows(self, instances):
        rows = []
        for instance in instances:
            if isinstance(instance, dict):
                instance = [instance[name] for name in self.features]
            if len(instance) != len(self.features):
                raise ValueError(f"expected {len(self.features)} features, got {len(instance)}")
            rows.append([float(v) for v in instance])
        return rows


class ServingLog:
    """Appends one JSON line per prediction; a lock keeps lines whole across handler threads."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8", buffering=1) if path else None
        self.lock = threading.Lock()

    def write(self, request_id, features, names, predictions, scores, latency_ms):
        if self.file is None:
            return
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        lines = []
        for i, (row, p, s) in enumerate(zip(features, predictions, scores)):
            rid = request_id if len(predictions) == 1 else f"{request_id}-{i}"
            lines.append(json.dumps({"request_id": rid, "time": now, "model_version": VERSION,
                                     "features": dict(zip(names, row)), "prediction": p, "score": s,
                                     "latency_ms": round(latency_ms, 3)}, separators=(",", ":")))
        with self.lock:
            self.file.write("\n".join(lines) + "\n")


def try_egress(target):
    """Tries one TCP connection to HOST:PORT and says what happened (a sandbox must make it fail)."""
    host, _, port = target.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            pass
        outcome = {"target": target, "connected": True, "error": None}
    except OSError as e:
        outcome = {"target": target, "connected": False, "error": str(e)}
    verdict = "SUCCEEDED" if outcome["connected"] else "FAILED: " + outcome["error"]
    print(f"egress attempt to {target} {verdict}", file=sys.stderr, flush=True)
    return outcome


def handler_for(model, egress=None, serving_log=None):
    never_ready = os.environ.get("FAULT_NEVER_READY") == "1"
    error_rate = float(os.environ.get("FAULT_ERROR_RATE", "0"))
    latency = float(os.environ.get("FAULT_LATENCY_MS", "0")) / 1000.0
    flip = os.environ.get("FAULT_FLIP") == "1"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # keep stderr for real problems
            pass

        def reply(self, status, body, content_type="application/json", headers=None):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/healthz":
                if never_ready:
                    self.reply(503, {"status": "loading", "model_version": VERSION})
                else:
                    self.reply(200, {"status": "ok", "model_version": VERSION})
            elif self.path == "/egress-probe":
                self.reply(200, egress or {"target": None, "connected": False, "error": "no attempt made"})
            elif self.path == "/metrics":
                self.reply(200, generate_latest(), CONTENT_TYPE_LATEST)
            else:
                self.reply(404, {"error": "not found"})

        def do_POST(self):
            if self.path != "/predict":
                self.reply(404, {"error": "not found"})
                return
            start = time.perf_counter()
            status = 200
            try:
                length = int(self.headers.get("Content-Length", "0"))
                request = json.loads(self.rfile.read(length) or b"{}")
                if latency:
                    time.sleep(latency)
                if error_rate and random.random() < error_rate:
                    status = 500
                    self.reply(500, {"error": "injected fault"})
                    return
                predictions, scores = model.predict(request["instances"])
                if flip:
                    predictions = [1 - p for p in predictions]
                    scores = [1 - s for s in scores]
                if serving_log is not None:
                    serving_log.write(self.headers.get("X-Request-Id") or uuid.uuid4().hex,
                                      model.rows(request["instances"]), model.features, predictions, scores,
                                      (time.perf_counter() - start) * 1000)
                for p in predictions:
                    PREDICTED.labels(VERSION, str(p)).inc()
                # the predictions in a header too, so a router's access log can pair a mirrored request's
                # answer with the stable one's (shadow disagreement, docs/rollout.md)
                self.reply(200, {"predictions": predictions, "scores": scores, "model_version": VERSION},
                           headers={"X-Model-Version": VERSION,
                                    "X-Model-Predictions": ",".join(str(p) for p in predictions)})
            except (KeyError, ValueError, TypeError) as e:
                status = 400
                self.reply(400, {"error": str(e)})
            finally:
                REQUESTS.labels(VERSION, str(status)).inc()
                LATENCY.labels(VERSION).observe(time.perf_counter() - start)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", default=os.environ.get("MODEL_DIR", "/model"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8501")))
    parser.add_argument("--log", default=os.environ.get("SERVING_LOG"),
                        help="append one JSON line per prediction here (docs/schemas/serving-log.schema.json)")
    args = parser.parse_args()
    model = Model(args.model_dir)
    if os.environ.get("FAULT_CRASH_AT_START") == "1":
        print("FAULT_CRASH_AT_START: exiting with status 3 before serving", file=sys.stderr, flush=True)
        sys.exit(3)
    hog = None
    allocate_mb = int(os.environ.get("FAULT_ALLOCATE_MB", "0"))
    if allocate_mb:
        print(f"FAULT_ALLOCATE_MB: allocating {allocate_mb} MiB", file=sys.stderr, flush=True)
        hog = bytearray(allocate_mb * 1024 * 1024)
        for i in range(0, len(hog), 4096):  # touch every page so it is really resident
            hog[i] = 1
        print(f"FAULT_ALLOCATE_MB: holding {allocate_mb} MiB", file=sys.stderr, flush=True)
    egress = try_egress(os.environ["FAULT_CONNECT_TO"]) if os.environ.get("FAULT_CONNECT_TO") else None
    server = ThreadingHTTPServer((args.host, args.port), handler_for(model, egress, ServingLog(args.log)))
    server.daemon_threads = True
    print(f"serving {args.model_dir} (version {VERSION}) on {args.host}:{args.port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
