#!/usr/bin/python3
"""Sends the rows of a CSV split to a model server, one request per row, as production traffic would.

    /usr/bin/python3 send_traffic.py --url http://127.0.0.1:8501/predict --data data/valid.csv \
        [--prefix r] [--scale 1.0] [--labels-out labels.csv --label-share 0.3]

Each request carries X-Request-Id PREFIX-N, so a server started with --log writes it into its serving
log (docs/monitoring.md). --scale multiplies every feature (a shifted world: the drift mlops monitor
catches). --labels-out writes the ground truth of the first --label-share of the rows, request_id,label,
as labels that arrived later would be.
"""
import argparse
import csv
import json
import urllib.request


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--prefix", default="r")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--labels-out")
    parser.add_argument("--label-share", type=float, default=1.0)
    args = parser.parse_args()
    with open(args.data, newline="") as f:
        rows = list(csv.DictReader(f))
    labelled = round(len(rows) * args.label_share)
    labels = []
    for i, row in enumerate(rows, start=1):
        label = row.pop("label", None)
        instance = {name: float(value) * args.scale for name, value in row.items()}
        request = urllib.request.Request(args.url, data=json.dumps({"instances": [instance]}).encode(),
                                         headers={"Content-Type": "application/json",
                                                  "X-Request-Id": f"{args.prefix}-{i}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
        if label is not None and i <= labelled:
            labels.append((f"{args.prefix}-{i}", label))
    if args.labels_out:
        with open(args.labels_out, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["request_id", "label"])
            writer.writerows(labels)
    print(f"sent {len(rows)} requests to {args.url}" + (f", {len(labels)} labels to {args.labels_out}" if args.labels_out else ""))


if __name__ == "__main__":
    main()
