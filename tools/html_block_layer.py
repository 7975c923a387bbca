#!/usr/bin/env python3
"""Held-out check of a learned correction layer over HTML mode's decisions (session 3, extended in
session 16; not shipped).

    python3 tools/html_block_layer.py [--bin target/fast/article-analyzer] [--shared ../shared]
        [--rows ROWS.jsonl] [--text-scores [--even-bin B_FITTED_ON_ODD --odd-bin B_FITTED_ON_EVEN]]
        [--restore]

Runs `clean --html --format json` on every dev page, labels the blocks a snippet falls in
("with" = keep, "without" = drop), and fits a logistic regression (scikit-learn) on one half of
the pages (even / odd ids) over: the current decision, the structural or classifier reason
(one-hot), the block's text features, the neighbours' decisions and the distance to the nearest
kept paragraph. It then decides every block of the other half with the model and scores it with
the scorer's own matching (whitespace collapsed, substring of the kept blocks), next to the
current decision. Besides the plain decision (probability 0.5) it prints bands: a removed block
comes back only above the band's upper end, a kept one goes only below its lower end, with the
number of blocks each band flips (most blocks carry no label: a flip of an unlabelled block is a
change the scorer cannot see).

Session 16 adds the evidence the brief named for an HTML model:
- `--rows`: the `html_blocks` example's rows (`cargo run --profile fast --example html_blocks --
  --rows <shared>/data/dev/cleaning-snippets/html > ROWS.jsonl`): the block's tag, link density,
  furniture hint, class/id hint score, list / table / figure membership, and whether the
  structure kept it;
- `--text-scores`: text mode's learned model reading the page's blocks as plain text (one pass,
  as `tailContentScore` does, session 7): its log-odds as an input. The shipped model was fitted
  on all dev pages, so its scores are in-sample (an upper bound); `--even-bin` / `--odd-bin`
  take binaries whose model was fitted on the other half (`tools/fit_block_model.py --write
  --fit-half H`, not to be committed) for held-out scores.
- `--restore` (needs `--text-scores`): no layer; a block removed for a structural reason comes
  back when the text model scores it at least T, optionally only between kept blocks (a kept
  block within C blocks on both sides).

Results on the 941 dev pages (session-16 start binary; F1, current even 0.9670 / odd 0.9571):
with `--rows`, no band gains on the even half (0.9595-0.9670) and the odd half's best (0.9579)
brings back 4,496 unlabelled blocks; with `--rows --text-scores` held out (`--even-bin`,
`--odd-bin`) odd 0.9562-0.9578 and even 0.9666-0.9670 outside the 0.5 band (in-sample scores:
odd 0.9575-0.9593, even 0.9680-0.9688, which the held-out run does not confirm); `--restore`
held out: 0.9507-0.9624 against 0.9621 (the best, 58 `boilerplateMarkup` blocks back at 0.95,
brings back a forum thread with comment threads, bios and job ads). docs/cleaning.md, session
16, has the details. Nothing from the pages is
written to the repository.
"""
import argparse, collections, json, math, os, re, subprocess, tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.linear_model import LogisticRegression

from html_tail_scores import text_scores  # the text model's score of each block

KINDS = ["outsideMainContent", "linkDense", "caption", "boilerplateMarkup", "afterArticleEnd", "emptySection",
         "headline", "duplicateOfBlock", "relatedLinks", "callToAction", "dateLine", "other", "stray", "header"]
TAGS = ["p", "div", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "blockquote", "figcaption", "dd",
        "dt", "pre", "article", "section"]
HINTS = ["nav", "aside", "footer", "header", "comment", "social", "sidebar", "form", "figure"]
BANDS = [(0.5, 0.5), (0.3, 0.7), (0.2, 0.8), (0.1, 0.9)]


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


def logit(s):
    s = min(1 - 1e-3, max(1e-3, s))
    return math.log(s / (1 - s))


def features(blocks, rows, scores):
    kept = [i for i, b in enumerate(blocks) if b["kept"] and b["features"]["words"] >= 15]
    out = []
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
        if rows is not None:
            r = rows.get(i, {})
            tag, hint, ld = r.get("tag", ""), r.get("hint") or "", r.get("ld", 0.0)
            x += [float(tag == t) for t in TAGS] + [float(h in hint) for h in HINTS]
            x += [ld, ld * float(b["kept"]), float(r.get("inList", False)), float(r.get("inTable", False)),
                  float(r.get("inFigure", False)), min(r.get("hintScore") or 0.0, 200.0) / 100,
                  float(r.get("structural") is None)]
        if scores is not None:
            s = scores[i]
            x += [logit(s if s is not None else 0.5), logit(s if s is not None else 0.5) * float(b["kept"]),
                  float(s is None)]
        out.append(x)
    return np.array(out) if out else None


def labels(item, blocks):
    y = {}
    for key, v in (("with", 1), ("without", 0)):
        for s in item[key]:
            ss = squash(s)
            for i, b in enumerate(blocks):
                bt = squash(b["text"])
                if bt and (ss in bt or (bt in ss and len(bt) >= 5)):
                    y[i] = max(y.get(i, 0), v)
    return y


def score(pages, decisions):
    tp = fn = fp = 0
    for p, keep in zip(pages, decisions):
        out = squash(" \n ".join(b["text"] for b, k in zip(p["blocks"], keep) if k))
        for s in p["item"]["with"]:
            tp, fn = (tp + 1, fn) if squash(s) in out else (tp, fn + 1)
        fp += sum(squash(s) in out for s in p["item"]["without"])
    pr, r = tp / (tp + fp), tp / (tp + fn)
    return f"{tp} kept / {fn} lost / {fp} boilerplate  F1 {2 * pr * r / (pr + r):.4f}"


def restore(pages, rows_of):
    print("restore: a removed block of the kind comes back at text score >= T (C: kept block within C on both sides)")
    for k in ("linkDense", "outsideMainContent", "boilerplateMarkup", "caption"):
        for c in (0, 1, 2):
            for t in (0.5, 0.7, 0.8, 0.9, 0.95):
                decisions, n = [], 0
                for p in pages:
                    keep = [b["kept"] for b in p["blocks"]]
                    new = list(keep)
                    for i, b in enumerate(p["blocks"]):
                        s = p["scores"][i]
                        if keep[i] or kind(b) != k or s is None or s < t:
                            continue
                        if c and not (any(keep[max(0, i - c):i]) and any(keep[i + 1:i + 1 + c])):
                            continue
                        new[i], n = True, n + 1
                    decisions.append(new)
                print(f"  {k:<19} C {c} T {t:<4} restored {n:>5}: {score(pages, decisions)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/fast/article-analyzer")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--rows", help="JSON lines of `cargo run --example html_blocks -- --rows DIR`")
    ap.add_argument("--text-scores", action="store_true", help="text mode's model score of each block as an input")
    ap.add_argument("--even-bin", help="model fitted on the odd pages: scores the even ones")
    ap.add_argument("--odd-bin", help="model fitted on the even pages: scores the odd ones")
    ap.add_argument("--restore", action="store_true", help="restore removed blocks by text score (no layer)")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]
    rows_of = None
    if a.rows:
        rows_of = collections.defaultdict(dict)
        for line in open(a.rows, encoding="utf-8"):
            r = json.loads(line)
            rows_of[r["page"]][r["index"]] = r
    tmp = tempfile.mkdtemp()

    def run(item):
        out = subprocess.run([a.bin, "clean", "--html", "--format", "json", os.path.join(data, "html", item["id"] + ".html")],
                             capture_output=True).stdout
        blocks = json.loads(out).get("blocks", [])
        scores = text_scores(a, item["id"], blocks, tmp) if a.text_scores and blocks else None
        x = features(blocks, rows_of[item["id"]] if rows_of is not None else None, scores) if blocks else None
        return {"item": item, "blocks": blocks, "scores": scores, "x": x, "y": labels(item, blocks)}

    with ThreadPoolExecutor(a.jobs) as ex:
        pages = list(ex.map(run, items))
    if a.restore:
        return restore(pages, rows_of)
    for half in (0, 1):
        train = [p for p in pages if int(p["item"]["id"]) % 2 == half and p["y"]]
        test = [p for p in pages if int(p["item"]["id"]) % 2 != half]
        xs = np.vstack([p["x"][list(p["y"])] for p in train])
        ys = np.concatenate([[p["y"][i] for i in p["y"]] for p in train])
        name = "odd" if half == 0 else "even"
        current = [[b["kept"] for b in p["blocks"]] for p in test]
        print(f"fit on {'even' if half == 0 else 'odd'}, scored on {name}: current {score(test, current)}")
        for c in (0.03, 0.1, 1.0):
            model = LogisticRegression(C=c, max_iter=5000).fit(xs, ys)
            for lo, hi in BANDS:
                decisions, flips = [], collections.Counter()
                for p in test:
                    if p["x"] is None:
                        decisions.append([])
                        continue
                    pr = model.predict_proba(p["x"])[:, 1]
                    d = [bool(pr[i] > hi) if not b["kept"] else bool(pr[i] >= lo) for i, b in enumerate(p["blocks"])]
                    for i, b in enumerate(p["blocks"]):
                        if d[i] != b["kept"]:
                            flips[("back" if d[i] else "out", {1: "body", 0: "boilerplate"}.get(p["y"].get(i), "unlabelled"))] += 1
                    decisions.append(d)
                f = ", ".join(f"{k[0]} {k[1]} {v}" for k, v in sorted(flips.items()))
                print(f"  C {c:<4} band {lo}-{hi}: {score(test, decisions)}  flips: {f or 'none'}")


if __name__ == "__main__":
    main()
