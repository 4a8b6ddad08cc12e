#!/usr/bin/python3
"""A scikit-learn model server (Flask) for the behavioural tests.

  /usr/bin/python3 serve.py MODEL_PKL PORT

POST /predict {"instances": [{"mean_radius": 14.1, ...}, ...]}
  -> {"predictions": [{"label": 1, "score": 0.97}, ...]}   score = P(benign)
Fields an instance omits take the training mean (so a test input names only what it is about).
GET /health -> 200 once the model is loaded. Listens on 127.0.0.1 only.
"""
import pickle
import sys

import numpy as np
from flask import Flask, jsonify, request

with open(sys.argv[1], "rb") as f:
    bundle = pickle.load(f)
model, names, use, means = bundle["model"], bundle["features"], bundle["use"], bundle["means"]
app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/predict")
def predict():
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("instances"), list):
        return jsonify(error="expected {\"instances\": [ {feature: value} ]}"), 400
    rows = []
    for inst in body["instances"]:
        unknown = [k for k in inst if k not in names]
        if unknown:
            return jsonify(error="unknown features %s" % unknown), 400
        rows.append([float(inst.get(n, means[i])) for i, n in enumerate(names)])
    X = np.array(rows)[:, use]
    p = model.predict_proba(X)[:, 1]
    return jsonify(predictions=[{"label": int(v >= 0.5), "score": float(v)} for v in p])


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[2]), threaded=True)
