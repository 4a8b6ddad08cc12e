#!/usr/bin/python3
"""Trains a breast-cancer classifier and writes what the pipeline tracks and checks.

    /usr/bin/python3 train.py --alpha 0.0001 --epochs 30 --out runs/a

writes into --out:
  model/model.pkl        the fitted scaler + SGD logistic regression (pickle)
  model/MLmodel.json     what the model server needs to know (feature names, version info)
  metrics.json           final validation metrics (flat JSON; valid_auc is history's last point)
  history.jsonl          one line per epoch: train_loss, valid_loss, valid_auc (a curve)
  predictions.csv        per-example validation predictions: id,label,prediction,score,size
                         (size: "small"/"large" tumour by mean radius, a slice for model tests)
  params.json            the hyperparameters used
"""
import argparse
import json
import pathlib
import pickle

import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

HERE = pathlib.Path(__file__).resolve().parent


def load(name):
    path = HERE / "data" / f"{name}.csv"
    with open(path) as f:
        header = f.readline().strip().split(",")
    values = np.loadtxt(path, delimiter=",", skiprows=1)
    return header[:-1], values[:, :-1], values[:, -1].astype(int)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alpha", type=float, default=1e-4, help="L2 regularization strength")
    parser.add_argument("--epochs", type=int, default=30, help="passes over the training data")
    parser.add_argument("--learning-rate", type=float, default=0.01, help="constant learning rate eta0")
    parser.add_argument("--label-noise", type=float, default=0.0,
                        help="fraction of training labels flipped (to make a deliberately worse model)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output directory")
    args = parser.parse_args()

    out = pathlib.Path(args.out)
    (out / "model").mkdir(parents=True, exist_ok=True)
    features, x_train, y_train = load("train")
    _, x_valid, y_valid = load("valid")
    rng = np.random.default_rng(args.seed)
    if args.label_noise > 0:
        flip = rng.random(len(y_train)) < args.label_noise
        y_train = np.where(flip, 1 - y_train, y_train)

    scaler = StandardScaler().fit(x_train)
    xt, xv = scaler.transform(x_train), scaler.transform(x_valid)
    model = SGDClassifier(loss="log_loss", alpha=args.alpha, learning_rate="constant", eta0=args.learning_rate,
                          random_state=args.seed)
    classes = np.array([0, 1])
    with open(out / "history.jsonl", "w") as history:
        for epoch in range(1, args.epochs + 1):
            model.partial_fit(xt, y_train, classes=classes)
            p_train = model.predict_proba(xt)[:, 1]
            p_valid = model.predict_proba(xv)[:, 1]
            history.write(json.dumps({"step": epoch, "train_loss": log_loss(y_train, p_train, labels=classes),
                                      "valid_loss": log_loss(y_valid, p_valid, labels=classes),
                                      "valid_auc": roc_auc_score(y_valid, p_valid)}) + "\n")

    scores = model.predict_proba(xv)[:, 1]
    predicted = (scores >= 0.5).astype(int)
    # valid_auc is the last point of history.jsonl's curve, so it is not repeated here
    metrics = {"valid_accuracy": accuracy_score(y_valid, predicted),
               "valid_f1": f1_score(y_valid, predicted), "valid_log_loss": log_loss(y_valid, scores, labels=classes)}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (out / "params.json").write_text(json.dumps({"alpha": args.alpha, "epochs": args.epochs,
                                                  "learning_rate": args.learning_rate,
                                                  "label_noise": args.label_noise, "seed": args.seed}, indent=2) + "\n")
    radius = x_valid[:, features.index("mean_radius")]
    with open(out / "predictions.csv", "w") as f:
        f.write("id,label,prediction,score,size\n")
        for i, (label, pred, score, r) in enumerate(zip(y_valid, predicted, scores, radius)):
            f.write(f"{i},{label},{pred},{float(score)!r},{'large' if r >= 15 else 'small'}\n")
    with open(out / "model" / "model.pkl", "wb") as f:
        pickle.dump({"scaler": scaler, "model": model, "features": features}, f)
    (out / "model" / "MLmodel.json").write_text(json.dumps({"flavor": "sklearn-pickle", "features": features,
                                                            "classes": [0, 1]}, indent=2) + "\n")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
