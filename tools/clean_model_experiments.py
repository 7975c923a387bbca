#!/usr/bin/env python3
"""Held-out comparison of text-mode block learners on the dev snippet pages: which model, which
labels, which extra inputs rank blocks better than the shipped logistic regression. Nothing is
written into the repository; the figures are for docs/cleaning.md ("What did not help").

    cargo build --profile fast --example clean_model_rows && cargo build --profile fast
    python3 tools/clean_model_experiments.py [--rows-bin ...] [--bin ...] [--shared ../shared]
                                             [--learners lr,trees] [--labels snippets,html,both]
                                             [--stack] [--overlap]

For every (learner, labels) pair: fit on the even-numbered pages, score the odd ones, and the
reverse (the lexical input out of fold, as tools/fit_block_model.py does), then sweep one
threshold over the pooled held-out scores ("keep a block the model may decide when its score
reaches t; locked blocks keep the rules' call") and print the best F1 with recall >= --min-recall.
That threshold is picked on held-out pages, so the figure compares how well learners *rank*
blocks; it is not a figure to ship (tools/fit_block_model.py picks its threshold in fold).

Labels:
- snippets: a block holding a "with" snippet is content, one holding only "without" snippets is
  boilerplate (about 4,300 labelled blocks).
- html: the HTML cleaner's decisions mapped onto the text blocks (a block is content when its
  text is in `clean --html` of the same page: about 100,000 labelled blocks, which agree with the
  snippet labels on 93% of the blocks both label).
- both: snippet labels where there are any (weight 3), HTML labels elsewhere.

--stack adds a second stage: a logistic regression over each block's held-out first-stage score
and its neighbours' (previous, next, window maximum / mean), its place relative to the first and
last paragraphs the model is sure of. --overlap adds two inputs: the share of a block's words
(4+ letters) found in the rest of the rules' prose body (a teaser of another story shares few).

Needs numpy and scikit-learn.
"""
import argparse, collections, os, re, subprocess, sys, warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fit_block_model as F  # noqa: E402  (the rows, labels and scorer-exact counts)

ROOT = os.path.dirname(HERE)
WORD = re.compile(r"\w+")


def html_labels(pages, binary, data, jobs):
    """Each block's label from the HTML cleaner's output of the same page (-1: empty block)."""
    def run(p):
        path = os.path.join(data, "html", f"{p['id']:04d}.html")
        r = subprocess.run([binary, "clean", "--html", path], capture_output=True)
        return " " + F.squash(r.stdout.decode("utf-8", "replace")) + " "

    with ThreadPoolExecutor(jobs) as ex:
        outs = list(ex.map(run, pages))
    for p, out in zip(pages, outs):
        # Short blocks ("Home", "Share") must match as whole words, not inside other words.
        p["yh"] = np.array([(-1 if not t else int((f" {t} " if len(t) < 12 else t) in out)) for t in p["texts"]])


def add_overlap(names, pages):
    long_prose = names.index("longProse")
    for p in pages:
        body = p["rules"] & (p["X"][:, long_prose] > 0)
        words = [{w for w in WORD.findall(t.lower()) if len(w) >= 4 and not w.isdigit()} for t in p["texts"]]
        counts = collections.Counter()
        for i in np.nonzero(body)[0]:
            counts.update(words[i])
        share = np.zeros(len(words))
        shared_log = np.zeros(len(words))
        for i, ws in enumerate(words):
            if ws:
                n = sum(1 for w in ws if counts[w] - int(body[i]) > 0)
                share[i], shared_log[i] = n / len(ws), np.log1p(n) / 3
        p["X"] = np.column_stack([p["X"], share, shared_log])
    return names + ["bodyOverlap", "bodySharedLog"]


def training_rows(pages, labels):
    xs, ys, ws = [], [], []
    for p in pages:
        free = ~p["locked"]
        if labels == "snippets":
            sel, y, w = free & (p["y"] >= 0), p["y"], np.ones(len(p["y"]))
        elif labels == "html":
            sel, y, w = free & (p["yh"] >= 0), p["yh"], np.ones(len(p["y"]))
        else:
            sel = free & ((p["y"] >= 0) | (p["yh"] >= 0))
            y, w = np.where(p["y"] >= 0, p["y"], p["yh"]), np.where(p["y"] >= 0, 3.0, 1.0)
        xs.append(p[("X")][sel])
        ys.append(y[sel])
        ws.append(w[sel])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


# Tree settings (--trees, --tree-depth; depth 0: up to TREE_LEAVES leaves, any depth).
TREES = [150, 0]
TREE_LEAVES = 15


def learner(kind):
    if kind == "lr":
        return LogisticRegression(C=1.0, max_iter=5000)
    count, depth = TREES
    return HistGradientBoostingClassifier(max_iter=count, learning_rate=0.1, max_depth=depth or None,
                                          max_leaf_nodes=2 ** depth if depth else TREE_LEAVES, min_samples_leaf=40,
                                          l2_regularization=1.0)


def held_out_scores(halves, names, kind, labels, key):
    lex = names.index("lexicalScore")
    for k in (0, 1):
        train, test = halves[k], halves[1 - k]
        F.out_of_fold_lexical(train, lex, 5, 30.0)
        F.set_lexical(test, F.fit_lexicon(train, 5, 30.0), lex)
        X, y, w = training_rows(train, labels)
        model = learner(kind).fit(X, y, sample_weight=w)
        for p in test:
            p[key] = model.predict_proba(p["X"])[:, 1]


def stack_inputs(names, p, key):
    s = np.clip(p[key], 1e-4, 1 - 1e-4)
    z = np.log(s / (1 - s))
    n = len(z)
    words_log = p["X"][:, names.index("wordsLog")]
    sure = ~p["locked"] & (s >= 0.8) & (np.expm1(words_log * 5.0) >= 20)
    idx = np.nonzero(sure)[0]
    first, last = (idx.min(), idx.max()) if len(idx) else (n, -1)
    at = np.arange(n)
    pad = np.r_[[-9.0] * 3, z, [-9.0] * 3]
    window = np.stack([pad[i:i + n] for i in range(7) if i != 3])
    return np.column_stack([z, np.r_[0, z[:-1]], np.r_[z[1:], 0], window.max(0), window.mean(0), at > last, at < first,
                            np.log1p(np.maximum(at - last, 0)), np.log1p(np.maximum(first - at, 0)), words_log,
                            p["rules"].astype(float)])


def stacked_scores(halves, names, key):
    for p in halves[0] + halves[1]:
        p["S"] = stack_inputs(names, p, key)
    for k in (0, 1):
        train, test = halves[k], halves[1 - k]
        sel = [(p["y"] >= 0) & ~p["locked"] for p in train]
        X = np.vstack([p["S"][m] for p, m in zip(train, sel)])
        y = np.concatenate([p["y"][m] for p, m in zip(train, sel)])
        model = LogisticRegression(C=1.0, max_iter=5000).fit(X, y)
        for p in test:
            p[key + "+stack"] = model.predict_proba(p["S"])[:, 1]


def best_at_recall(pages, key, min_recall):
    best = None
    for t in np.arange(0.025, 0.951, 0.025):
        P, R, F1 = F.prf(F.counts(pages, lambda p: np.where(p["locked"], p["rules"], p[key] >= t)))
        if R >= min_recall and (best is None or F1 > best[0]):
            best = (F1, P, R, t)
    return "no threshold reaches the recall" if best is None else "F1 %.3f (P %.3f R %.3f at t %.3f)" % best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    ap.add_argument("--rows-bin", default=os.path.join(target, "fast", "examples", "clean_model_rows"))
    ap.add_argument("--bin", default=os.path.join(target, "fast", "article-analyzer"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--learners", default="lr,trees")
    ap.add_argument("--labels", default="snippets,html,both")
    ap.add_argument("--stack", action="store_true")
    ap.add_argument("--overlap", action="store_true")
    ap.add_argument("--min-recall", type=float, default=0.955)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--tree-depth", type=int, default=0, help="0: up to 15 leaves per tree, any depth")
    a = ap.parse_args()
    TREES[:] = [a.trees, a.tree_depth]
    warnings.filterwarnings("ignore")
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    names, pages = F.load(a.rows_bin, data)
    labels = a.labels.split(",")
    if any(lab != "snippets" for lab in labels):
        html_labels(pages, a.bin, data, a.jobs)
    if a.overlap:
        names = add_overlap(names, pages)
    halves = [[p for p in pages if p["id"] % 2 == k] for k in (0, 1)]
    print("rules alone:", F.fmt(F.counts(pages, lambda p: p["rules"])))
    for kind in a.learners.split(","):
        for lab in labels:
            key = f"{kind}/{lab}"
            held_out_scores(halves, names, kind, lab, key)
            print(f"{key:16s} held-out, best at recall >= {a.min_recall}: {best_at_recall(pages, key, a.min_recall)}",
                  flush=True)
            if a.stack:
                stacked_scores(halves, names, key)
                print(f"{key + '+stack':16s} held-out, best at recall >= {a.min_recall}: "
                      f"{best_at_recall(pages, key + '+stack', a.min_recall)}", flush=True)


if __name__ == "__main__":
    main()
