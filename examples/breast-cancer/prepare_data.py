#!/usr/bin/python3
"""Splits scikit-learn's bundled breast_cancer data into train / valid / serving CSV files.

Run once; its output under data/ is committed so every machine trains on the same rows.
The target is renamed `label` (1 = benign, 0 = malignant, as scikit-learn encodes it).
"""
import csv
import pathlib

import numpy as np
from sklearn.datasets import load_breast_cancer

HERE = pathlib.Path(__file__).resolve().parent


def main():
    data = load_breast_cancer()
    columns = [name.replace(" ", "_") for name in data.feature_names] + ["label"]
    rows = np.column_stack([data.data, data.target])
    order = np.random.default_rng(20261126).permutation(len(rows))
    train, valid, serving = np.split(rows[order], [341, 455])  # 60% / 20% / 20%
    out = HERE / "data"
    out.mkdir(exist_ok=True)
    for name, part in (("train", train), ("valid", valid), ("serving", serving)):
        with open(out / f"{name}.csv", "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for row in part:
                writer.writerow([repr(float(v)) for v in row[:-1]] + [int(row[-1])])
        print(f"{name}: {len(part)} rows")


if __name__ == "__main__":
    main()
