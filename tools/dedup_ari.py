#!/usr/bin/env python3
"""ARI of `article-analyzer dedup --jsonl` clusters against a corpus's true stories.

The corpus is JSONL with "id", "text" and the true story in "story" (as
`cargo bench --bench dedup -- --docs N [--hard] --write FILE` writes it); the clusters are the
CLI's output ({"id", "cluster"} per line). Prints the adjusted Rand index, pairwise precision and
recall (pairs of documents put in one cluster), the cluster counts, and the worst false merges
(predicted clusters holding several true stories) so that a drop can be looked into.

With `--pairs-bin BIN` and a hard corpus (`--hard`: its records say each story's "kind",
follow-ups their "original", and every document its "site"), it also scores sampled hard
negative pairs with `BIN similarity --pairs` and prints, per kind, how many score at or above
the clustering threshold: a follow-up against its original's copies, two different stories of
one topic-free sample from the same site, a brief against other stories of its site, and a
round-up (the first paragraph of each of several stories) against the copies of the story it
opens with.

  python3 tools/dedup_ari.py CORPUS.jsonl CLUSTERS.jsonl [--show N]
  python3 tools/dedup_ari.py CORPUS.jsonl --bin BIN   # runs BIN dedup --jsonl CORPUS first
  python3 tools/dedup_ari.py CORPUS.jsonl --bin BIN --pairs-bin BIN --scratch DIR
"""
import argparse
import json
import os
import random
import subprocess
from collections import Counter, defaultdict


def comb2(n):
    return n * (n - 1) // 2


def scores(true, pred):
    """ARI and pairwise precision/recall of two aligned label lists."""
    both = Counter(zip(true, pred))
    tp = sum(comb2(v) for v in both.values())
    true_pairs = sum(comb2(v) for v in Counter(true).values())
    pred_pairs = sum(comb2(v) for v in Counter(pred).values())
    all_pairs = comb2(len(true))
    expected = true_pairs * pred_pairs / all_pairs if all_pairs else 0.0
    top = (true_pairs + pred_pairs) / 2
    ari = (tp - expected) / (top - expected) if top != expected else 1.0
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    return ari, precision, recall, true_pairs, pred_pairs


# The CLI's default clustering threshold (`dedup::THRESHOLD`).
THRESHOLD = 0.3
# Pairs scored per kind of hard negative (one process scores them all).
PAIRS_PER_KIND = 400


def hard_pairs(docs, seed=1):
    """Sampled hard-negative pairs (indexes) by kind, from the hard corpus's labels."""
    rng = random.Random(seed)
    by_story, by_site = {}, {}
    for i, d in enumerate(docs):
        by_story.setdefault(d["story"], []).append(i)
        by_site.setdefault(d.get("site"), []).append(i)
    kinds = {
        "follow-up vs original": [],
        "round-up vs its first story": [],
        "same site, other story": [],
        "brief vs same site": [],
    }
    for i, d in enumerate(docs):
        if d.get("kind") == "followUp" and d.get("original") in by_story:
            kinds["follow-up vs original"] += [(i, j) for j in by_story[d["original"]]]
        if d.get("kind") == "roundUp" and d.get("original") in by_story:
            kinds["round-up vs its first story"] += [(i, j) for j in by_story[d["original"]]]
        same_site = [j for j in by_site.get(d.get("site"), []) if docs[j]["story"] != d["story"]]
        if same_site:
            pair = (i, rng.choice(same_site))
            kinds["brief vs same site" if d.get("kind") == "brief" else "same site, other story"].append(pair)
    return {k: rng.sample(v, min(len(v), PAIRS_PER_KIND)) for k, v in kinds.items()}


def score_pairs(docs, pairs, bin_path, scratch):
    """Scores of index pairs with `BIN similarity --pairs` (texts written under `scratch`)."""
    os.makedirs(scratch, exist_ok=True)
    paths = {}
    for i in {i for p in pairs for i in p}:
        paths[i] = os.path.join(scratch, f"{docs[i]['id']}.txt")
        with open(paths[i], "w", encoding="utf-8") as f:
            f.write(docs[i]["text"])
    tsv = os.path.join(scratch, "pairs.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.writelines(f"{paths[a]}\t{paths[b]}\n" for a, b in pairs)
    out = subprocess.run([bin_path, "similarity", "--pairs", tsv], check=True, capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("clusters", nargs="?")
    ap.add_argument("--bin", help="run BIN dedup --jsonl CORPUS for the clusters")
    ap.add_argument("--show", type=int, default=3, help="false merges to print")
    ap.add_argument("--pairs-bin", help="score sampled hard-negative pairs with BIN similarity --pairs")
    ap.add_argument("--scratch", default="dedup-ari-scratch", help="where --pairs-bin writes the texts")
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    if args.bin:
        out = subprocess.run([args.bin, "dedup", "--jsonl", args.corpus], check=True, capture_output=True, text=True)
        lines = out.stdout.splitlines()
    else:
        lines = open(args.clusters, encoding="utf-8").read().splitlines()
    cluster = {}
    for line in lines:
        if line.strip():
            r = json.loads(line)
            cluster[str(r["id"])] = str(r.get("cluster", r.get("cluster_id")))
    ids = [str(d["id"]) for d in docs]
    true = [d["story"] for d in docs]
    # A document missing from the output is a singleton.
    pred = [cluster.get(i, "missing:" + i) for i in ids]
    ari, p, r, tpairs, ppairs = scores(true, pred)
    print(
        f"{len(docs)} documents: ARI {ari:.4f}, pair precision {p:.4f}, recall {r:.4f} "
        f"({tpairs} true pairs, {ppairs} predicted; {len(set(true))} stories, {len(set(pred))} clusters)"
    )
    stories_of = defaultdict(Counter)
    for t, c in zip(true, pred):
        stories_of[c][t] += 1
    mixed = sorted((c for c in stories_of if len(stories_of[c]) > 1), key=lambda c: -sum(stories_of[c].values()))
    print(f"clusters holding more than one story: {len(mixed)}")
    for c in mixed[: args.show]:
        print(f"  cluster {c}: stories {dict(stories_of[c])}")
    if args.pairs_bin:
        for kind, pairs in hard_pairs(docs).items():
            if not pairs:
                continue
            got = score_pairs(docs, pairs, args.pairs_bin, args.scratch)
            above = sum(x >= THRESHOLD for x in got)
            got.sort()
            print(
                f"{kind}: {len(got)} pairs, {above} at or above {THRESHOLD}; "
                f"median {got[len(got) // 2]:.3f}, 99th percentile {got[int(len(got) * 0.99)]:.3f}, max {got[-1]:.3f}"
            )


if __name__ == "__main__":
    main()
