#!/usr/bin/python3
"""Generates metrics-fixtures.json: metric values computed by scikit-learn on generated cases.

Run with Debian's Python (it has scikit-learn):  /usr/bin/python3 generate_fixtures.py
The Java test ModelMetricsFixtureTest reads the cases, feeds each to the engine as a predictions
CSV and compares every value to 1e-9. Deterministic (fixed seeds); commit the output.

ECE is not in scikit-learn; it is computed here by the formula documented in docs/model-tests.md:
confidence = max class probability, predicted class = argmax (first on ties), 10 equal-width bins
b = min(floor(confidence * 10), 9), ECE = sum_b W_b / W * |acc_b - conf_b| (W = sample weights).
"""
import json
import sys

import numpy as np
import sklearn
from sklearn import metrics as skm
from sklearn.preprocessing import label_binarize


def ece(y_idx, proba, w, bins=10):
    conf = proba.max(axis=1)
    pred = proba.argmax(axis=1)
    correct = (pred == y_idx).astype(float)
    b = np.minimum(np.floor(conf * bins).astype(int), bins - 1)
    total = w.sum()
    e = 0.0
    for k in range(bins):
        m = b == k
        wk = w[m].sum()
        if wk > 0:
            e += wk / total * abs(np.average(correct[m], weights=w[m]) - np.average(conf[m], weights=w[m]))
    return float(e)


def try_metric(out, undefined, name, fn):
    try:
        value = float(fn())
        if np.isnan(value):
            undefined.append(name)
        else:
            out[name] = value
    except ValueError:
        undefined.append(name)


def classification_case(name, y, pred, classes, score=None, proba=None, w=None, positive=None):
    """y, pred: label values (int or str); classes: sorted class list; score: binary positive score."""
    y = np.asarray(y)
    pred = np.asarray(pred)
    n = len(y)
    sw = None if w is None else np.asarray(w, dtype=float)
    wv = np.ones(n) if sw is None else sw
    out, undefined = {}, []
    out["accuracy"] = float(skm.accuracy_score(y, pred, sample_weight=sw))
    labels = sorted(set(y.tolist()) | set(pred.tolist()), key=lambda v: v)
    for avg in ("micro", "macro", "weighted"):
        p, r, f, _ = skm.precision_recall_fscore_support(y, pred, average=avg, sample_weight=sw, zero_division=0)
        out["precision_" + avg] = float(p)
        out["recall_" + avg] = float(r)
        out["f1_" + avg] = float(f)
    p, r, f, s = skm.precision_recall_fscore_support(y, pred, labels=labels, average=None, sample_weight=sw,
                                                     zero_division=0)
    for i, c in enumerate(labels):
        out["precision[%s]" % c] = float(p[i])
        out["recall[%s]" % c] = float(r[i])
        out["f1[%s]" % c] = float(f[i])
    binary = len(classes) == 2
    if binary:
        pos = classes[1] if positive is None else positive
        out["precision"] = float(skm.precision_score(y, pred, pos_label=pos, sample_weight=sw, zero_division=0))
        out["recall"] = float(skm.recall_score(y, pred, pos_label=pos, sample_weight=sw, zero_division=0))
        out["f1"] = float(skm.f1_score(y, pred, pos_label=pos, sample_weight=sw, zero_division=0))
        s1 = np.asarray(score if score is not None else proba[:, classes.index(pos)], dtype=float)
        yb = (y == pos).astype(int)
        if len(set(y.tolist())) < 2:
            undefined += ["roc_auc", "average_precision", "log_loss"]
        else:
            try_metric(out, undefined, "roc_auc", lambda: skm.roc_auc_score(yb, s1, sample_weight=sw))
            try_metric(out, undefined, "average_precision",
                       lambda: skm.average_precision_score(yb, s1, sample_weight=sw))
            try_metric(out, undefined, "log_loss", lambda: skm.log_loss(yb, s1, sample_weight=sw))
        full = np.column_stack([1 - s1, s1]) if score is not None else proba
    else:
        full = proba
        yb = label_binarize(y, classes=classes)
        present = set(y.tolist())
        if len(present) < len(classes):
            undefined += ["roc_auc", "roc_auc_weighted", "average_precision"]
            try_metric(out, undefined, "log_loss",
                       lambda: skm.log_loss(y, proba, sample_weight=sw, labels=classes))
            for c in classes:
                if c not in present:
                    undefined += ["roc_auc[%s]" % c, "average_precision[%s]" % c]
        else:
            try_metric(out, undefined, "roc_auc",
                       lambda: skm.roc_auc_score(y, proba, multi_class="ovr", average="macro", sample_weight=sw,
                                                 labels=classes))
            try_metric(out, undefined, "roc_auc_weighted",
                       lambda: skm.roc_auc_score(y, proba, multi_class="ovr", average="weighted",
                                                 sample_weight=sw, labels=classes))
            try_metric(out, undefined, "average_precision",
                       lambda: skm.average_precision_score(yb, proba, average="macro", sample_weight=sw))
            try_metric(out, undefined, "log_loss",
                       lambda: skm.log_loss(y, proba, sample_weight=sw, labels=classes))
        for i, c in enumerate(classes):
            if c in present:
                try_metric(out, undefined, "roc_auc[%s]" % c,
                           lambda: skm.roc_auc_score(yb[:, i], proba[:, i], sample_weight=sw))
                try_metric(out, undefined, "average_precision[%s]" % c,
                           lambda: skm.average_precision_score(yb[:, i], proba[:, i], sample_weight=sw))
    y_idx = np.array([classes.index(v) for v in y.tolist()])
    out["ece"] = ece(y_idx, np.asarray(full, dtype=float), wv)
    cm = skm.confusion_matrix(y, pred, labels=labels, sample_weight=sw)
    case = {"name": name, "task": "classification", "classes": [str(c) for c in classes],
            "positiveLabel": None if not binary else str(classes[1] if positive is None else positive),
            "label": [str(v) for v in y.tolist()], "prediction": [str(v) for v in pred.tolist()],
            "weight": None if sw is None else sw.tolist(),
            "expected": out, "undefined": sorted(set(undefined)),
            "confusionLabels": [str(c) for c in labels], "confusion": np.asarray(cm, dtype=float).tolist()}
    if score is not None:
        case["score"] = np.asarray(score, dtype=float).tolist()
    else:
        case["proba"] = {str(c): np.asarray(proba[:, i], dtype=float).tolist() for i, c in enumerate(classes)}
    return case


def regression_case(name, y, pred, w=None):
    y = np.asarray(y, dtype=float)
    pred = np.asarray(pred, dtype=float)
    sw = None if w is None else np.asarray(w, dtype=float)
    out = {
        "mse": float(skm.mean_squared_error(y, pred, sample_weight=sw)),
        "rmse": float(np.sqrt(skm.mean_squared_error(y, pred, sample_weight=sw))),
        "mae": float(skm.mean_absolute_error(y, pred, sample_weight=sw)),
        "r2": float(skm.r2_score(y, pred, sample_weight=sw)),
        "mape": float(skm.mean_absolute_percentage_error(y, pred, sample_weight=sw)),
    }
    return {"name": name, "task": "regression", "label": y.tolist(), "prediction": pred.tolist(),
            "weight": None if sw is None else sw.tolist(), "expected": out, "undefined": []}


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def binary_data(rng, n, pos_rate=0.5, signal=1.0, decimals=None):
    y = (rng.random(n) < pos_rate).astype(int)
    s = 1 / (1 + np.exp(-(signal * (2 * y - 1) + rng.normal(0, 1.2, n))))
    if decimals is not None:
        s = np.round(s, decimals)
    pred = (s >= 0.5).astype(int)
    return y, pred, s


def multiclass_data(rng, n, k, decimals=None):
    y = rng.integers(0, k, n)
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), y] += 1.5
    p = softmax(z)
    if decimals is not None:
        p = np.round(p, decimals)
        p = p / p.sum(axis=1, keepdims=True)
    pred = p.argmax(axis=1)
    return y, pred, p


def main(path):
    rng = np.random.default_rng(20261126)
    cases = []
    y, pred, s = binary_data(rng, 200)
    cases.append(classification_case("binary_no_ties", y, pred, [0, 1], score=s))
    y, pred, s = binary_data(rng, 300, decimals=1)
    cases.append(classification_case("binary_heavy_ties", y, pred, [0, 1], score=s))
    y, _, _ = binary_data(rng, 50)
    s = np.full(50, 0.5)
    cases.append(classification_case("binary_all_scores_tied", y, (s >= 0.5).astype(int), [0, 1], score=s))
    y, pred, s = binary_data(rng, 250, decimals=2)
    cases.append(classification_case("binary_sample_weights_ties", y, pred, [0, 1], score=s,
                                     w=rng.uniform(0.1, 3.0, 250).round(3)))
    y, pred, s = binary_data(rng, 400, pos_rate=0.05)
    cases.append(classification_case("binary_imbalanced", y, pred, [0, 1], score=s))
    y, pred, s = binary_data(rng, 120, decimals=2)
    names = np.array(["cat", "dog"])
    cases.append(classification_case("binary_string_labels", names[y], names[pred], ["cat", "dog"], score=s))
    y = np.array([0] * 20 + [1] * 20)
    s = np.concatenate([rng.uniform(0, 0.4, 20), rng.uniform(0.6, 1, 20)])
    cases.append(classification_case("binary_perfect_separation", y, (s >= 0.5).astype(int), [0, 1], score=s))
    y, pred, s = binary_data(rng, 100)
    s[:10] = 0.0
    s[10:20] = 1.0
    cases.append(classification_case("binary_extreme_scores_log_loss_clipping", y, pred, [0, 1], score=s))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1])
    s = np.array([0.1, 0.4, 0.35, 0.8, 0.9, 0.2, 0.55, 0.7, 0.3, 0.6])
    cases.append(classification_case("binary_small_handmade", y, (s >= 0.5).astype(int), [0, 1], score=s))
    y, pred, s = binary_data(rng, 1000, decimals=2)
    cases.append(classification_case("binary_1000_ties_weights", y, pred, [0, 1], score=s,
                                     w=rng.integers(1, 5, 1000).astype(float)))
    y, _, s = binary_data(rng, 150)
    pred = (s >= 0.7).astype(int)
    cases.append(classification_case("binary_predictions_not_from_0_5", y, pred, [0, 1], score=s))
    y, pred, p = multiclass_data(rng, 300, 3)
    cases.append(classification_case("multiclass_3", y, pred, [0, 1, 2], proba=p))
    y, pred, p = multiclass_data(rng, 400, 5, decimals=1)
    cases.append(classification_case("multiclass_5_ties", y, pred, [0, 1, 2, 3, 4], proba=p))
    y, pred, p = multiclass_data(rng, 300, 4)
    cases.append(classification_case("multiclass_4_weighted", y, pred, [0, 1, 2, 3], proba=p,
                                     w=rng.uniform(0.5, 2.0, 300).round(2)))
    y, _, p = multiclass_data(rng, 200, 3)
    pred = np.where(p[:, 2] > 0.5, 2, 0)
    cases.append(classification_case("multiclass_class_never_predicted", y, pred, [0, 1, 2], proba=p))
    y, pred, p = multiclass_data(rng, 240, 4, decimals=2)
    names = np.array(["bird", "cat", "dog", "fish"])
    cases.append(classification_case("multiclass_string_labels", names[y], names[pred], list(names), proba=p))
    y, pred, p = multiclass_data(rng, 150, 3)
    y = np.where(y == 1, 0, y)
    cases.append(classification_case("multiclass_class_absent_from_labels", y, pred, [0, 1, 2], proba=p))
    y = np.ones(30, dtype=int)
    s = rng.uniform(0, 1, 30)
    cases.append(classification_case("binary_single_class_labels", y, (s >= 0.5).astype(int), [0, 1], score=s))

    y = rng.normal(10, 3, 300)
    cases.append(regression_case("regression_random", y, y + rng.normal(0, 1, 300)))
    y = rng.normal(0, 2, 200)
    y[:15] = 0.0
    cases.append(regression_case("regression_zeros_in_labels_mape_eps", y, y + rng.normal(0, 0.5, 200)))
    y = rng.uniform(1, 100, 250)
    cases.append(regression_case("regression_weighted", y, y * rng.uniform(0.8, 1.2, 250),
                                 w=rng.uniform(0.1, 5, 250).round(2)))
    y = np.full(40, 3.5)
    cases.append(regression_case("regression_constant_labels", y, y + rng.normal(0, 0.1, 40)))
    y = rng.normal(5, 1, 60)
    cases.append(regression_case("regression_perfect", y, y.copy()))
    y = rng.uniform(1e5, 1e6, 300)
    cases.append(regression_case("regression_large_values", y, y + rng.normal(0, 1e4, 300)))
    y = rng.normal(0, 1, 100)
    cases.append(regression_case("regression_worse_than_mean", y, -y))

    doc = {"generator": "mlops-core/src/test/resources/model/generate_fixtures.py",
           "sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), path))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "metrics-fixtures.json")
