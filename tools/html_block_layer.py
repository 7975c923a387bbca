#!/usr/bin/env python3
"""Held-out check of a learned correction layer over HTML mode's decisions (session 3; not shipped).

    python3 tools/html_block_layer.py [--bin target/fast/article-analyzer] [--shared ../shared]

Runs `clean --html --format json` on every dev page, labels the blocks a snippet falls in
("with" = keep, "without" = drop), and fits a logistic regression (scikit-learn) on one half of
the pages (even / odd ids) over: the current decision, the structural or classifier reason
(one-hot), the block's text features, the neighbours' decisions and the distance to the nearest
kept paragraph. It then decides every block of the other half with the model and scores it with
the scorer's own matching (whitespace collapsed, substring of the kept blocks), next to the
current decision. Session 3 (final rules): odd 0.9432 vs 0.9435, even 0.9559 vs 0.9561 — no gain, so HTML mode
keeps its rules. Nothing from the pages is written to the repository.
"""
import argparse, json, math, os, re, subprocess
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.linear_model import LogisticRegression

KINDS = ["outsideMainContent", "linkDense", "caption", "boilerplateMarkup", "afterArticleEnd", "emptySection",
         "headline", "duplicateOfBlock", "relatedLinks", "callToAction", "dateLine", "other", "stray", "header"]


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def kind(b):
    r = b.get("reason")
    if not r:
        return None
    k = r["kind"]
    if k == "boilerplateMarkup":
        v = ",".join(str(x) for kk, x in r.items() if kk != "kind")
        return "stray" if " text among" in v else ("header" if v == "header" else k)
    return k if k in KINDS else "other"


def features(blocks):
    kept = [i for i, b in enumerate(blocks) if b["kept"] and b["features"]["words"] >= 15]
    rows = []
    for i, b in enumerate(blocks):
        f, k = b["features"], kind(b)
        x = [float(b["kept"])] + [float(k == kk) for kk in KINDS]
        x += [math.log1p(f["words"]), float(f["terminalPunctuation"]), f["stopwordRatio"] or 0.0,
              f["titleCaseRatio"], f["digitRatio"], float(f["allCaps"]), float(f["hasDate"]),
              min(f["linkTokens"], 3), min(f["inShortRun"], 10) / 10, f["position"]]
        pk = float(i > 0 and blocks[i - 1]["kept"])
        nk = float(i + 1 < len(blocks) and blocks[i + 1]["kept"])
        d = min([abs(i - j) for j in kept], default=50)
        x += [pk, nk, pk * nk, math.log1p(d), float(bool(kept) and i < kept[0]), float(bool(kept) and i > kept[-1])]
        rows.append(x)
    return np.array(rows) if rows else np.zeros((0, 30))


def labels(item, blocks):
    y = {}
    for key, v in (("with", 1), ("without", 0)):
        for s in item[key]:
            ss = squash(s)
            for i, b in enumerate(blocks):
                bt = squash(b["text"])
                if bt and (ss in bt or (bt in ss and len(bt) >= 5)):
                    y[i] = v
    return y


def score(pages, decisions):
    tp = fn = fp = 0
    for (item, blocks, _, _), keep in zip(pages, decisions):
        out = squash(" \n ".join(b["text"] for b, k in zip(blocks, keep) if k))
        for s in item["with"]:
            tp, fn = (tp + 1, fn) if squash(s) in out else (tp, fn + 1)
        fp += sum(squash(s) in out for s in item["without"])
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/fast/article-analyzer")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]

    def run(item):
        out = subprocess.run([a.bin, "clean", "--html", "--format", "json", os.path.join(data, "html", item["id"] + ".html")],
                             capture_output=True).stdout
        blocks = json.loads(out)["blocks"]
        return item, blocks, features(blocks), labels(item, blocks)

    with ThreadPoolExecutor(2) as ex:
        pages = list(ex.map(run, items))
    for half in (0, 1):
        train = [p for p in pages if int(p[0]["id"]) % 2 == half and p[3]]
        test = [p for p in pages if int(p[0]["id"]) % 2 != half]
        xs = np.vstack([p[2][list(p[3])] for p in train])
        ys = np.concatenate([[p[3][i] for i in p[3]] for p in train])
        model = LogisticRegression(C=0.1, max_iter=2000).fit(xs, ys)
        current = [[b["kept"] for b in p[1]] for p in test]
        learned = [list(model.predict_proba(p[2])[:, 1] > 0.5) if len(p[1]) else [] for p in test]
        name = "odd" if half == 0 else "even"
        print(f"fit on {'even' if half == 0 else 'odd'}, scored on {name}: current F1 {score(test, current):.4f}, "
              f"learned F1 {score(test, learned):.4f}")


if __name__ == "__main__":
    main()
