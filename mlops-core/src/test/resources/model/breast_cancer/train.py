#!/usr/bin/python3
"""Trains the breast-cancer models the model-test acceptance tests run against.

  /usr/bin/python3 train.py OUT_DIR [--degraded]

Writes OUT_DIR/model.pkl (served by serve.py) and OUT_DIR/predictions.csv (the held-out test
split: id, label, prediction, score = P(benign), slice column 'size' = small|large by mean radius).
Target: 1 = benign, 0 = malignant (scikit-learn's encoding).

The good model: StandardScaler + LogisticRegression on all 30 features.
The degraded model reproduces a classic pipeline bug: the size features (radius, perimeter, area)
are dropped, and 25% of the training labels are flipped (noisy labelling). It ranks worse, is badly
calibrated, and no longer reacts to tumour size.
"""
import pickle
import sys

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

out = sys.argv[1]
degraded = "--degraded" in sys.argv
data = load_breast_cancer()
names = [n.replace(" ", "_") for n in data.feature_names]
X, y = data.data, data.target
X_train, X_test, y_train, y_test, idx_train, idx_test = train_test_split(
    X, y, np.arange(len(y)), test_size=0.3, random_state=0, stratify=y)
use = list(range(len(names)))
if degraded:
    use = [i for i, n in enumerate(names) if not any(k in n for k in ("radius", "perimeter", "area"))]
    rng = np.random.default_rng(0)
    flip = rng.random(len(y_train)) < 0.25
    y_train = np.where(flip, 1 - y_train, y_train)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, C=1.0))
model.fit(X_train[:, use], y_train)
bundle = {"model": model, "features": names, "use": use, "means": X_train.mean(axis=0).tolist()}
with open(out + "/model.pkl", "wb") as f:
    pickle.dump(bundle, f)
score = model.predict_proba(X_test[:, use])[:, 1]
radius_median = np.median(X[:, names.index("mean_radius")])
with open(out + "/predictions.csv", "w") as f:
    f.write("id,label,prediction,score,size\n")
    for i, row in enumerate(idx_test):
        size = "large" if X_test[i, names.index("mean_radius")] > radius_median else "small"
        f.write("%d,%d,%d,%.17g,%s\n" % (row, y_test[i], int(score[i] >= 0.5), score[i], size))
