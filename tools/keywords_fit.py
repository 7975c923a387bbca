#!/usr/bin/env python3
"""Choose the key-phrase scoring weights (KeywordConfig) by coordinate search on one half of the
dev keyphrase sets and report them on the other half.

    python3 tools/keywords_fit.py --bin target/fast/article-analyzer --fit even   # fit even, report odd
    python3 tools/keywords_fit.py --bin target/fast/article-analyzer --fit odd

The objective is the mean F1@10 over both sets (English KPCrowd news and Portuguese broadcast
news), so a weight has to help two languages and two annotation styles at once, not one set's
habits. Halves are even / odd story numbers in each gold.jsonl. Matching is the official
scorer's (<shared>/eval/keywords_score.py, imported). Each candidate setting runs the CLI with
--config JSON over the half; starting point: the shipped defaults (an empty --config).
Prints every improvement and, at the end, the chosen settings with both halves' figures.
"""
import argparse, json, os, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = ["keywords-kpcrowd-dev", "keywords-pt-bn-kp"]

# The searched fields and the values tried for each (the shipped default is always tried too).
GRID = {
    "frequencyExponent": [0.5, 0.7, 0.85, 1.0, 1.2, 1.5],
    "spreadExponent": [0.0, 0.5, 1.0, 2.0],
    "leadWeight": [0.0, 0.25, 0.5, 1.0, 2.0],
    "positionWeight": [0.0, 0.5, 1.0, 2.0, 4.0],
    "casingWeight": [0.0, 0.25, 0.5, 1.0, 1.5],
    "boundaryWeight": [0.0, 0.5, 1.0, 2.0],
    "commonWordWeight": [0.1, 0.2, 0.3, 0.5, 0.8],
    "phraseWordsExponent": [0.0, 0.25, 0.5, 1.0],
    "nameWordsExponent": [0.0, 0.5, 1.0, 1.5],
    "maxWordChars": [8, 10, 12, 14, 16],
    "minPhraseCount": [1, 2, 3],
    "backgroundExponent": [0.0, 0.2, 0.35, 0.5, 0.75],
    "singleMentionWeight": [0.3, 0.45, 0.6, 0.8, 1.0],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/fast/article-analyzer")
    ap.add_argument("--fit", choices=["even", "odd"], default="even")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="comma-separated subset of the grid's fields")
    ap.add_argument("--start", default="{}", help="JSON settings to start from")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.shared, "eval"))
    import keywords_score as ks

    fit_parity = 0 if a.fit == "even" else 1
    sets = []
    for name in SETS:
        set_dir, docs = ks.load_set(name)
        lang = docs[0].get("lang", "en")
        items = [(i % 2, os.path.join(set_dir, "docs", d["id"] + ".txt"), ks.dedup_norm(d["gold"], lang), lang)
                 for i, d in enumerate(docs)]
        sets.append(items)

    def f1(item, config):
        _, path, gold, lang = item
        cmd = [a.bin, "keywords", path, "--top", "10", "--format", "json", "--config", json.dumps(config)]
        r = subprocess.run(cmd, capture_output=True)
        pred = ks.dedup_norm(ks.parse_output(r.stdout.decode("utf-8", "replace")), lang) if r.returncode == 0 else []
        return ks.prf(pred, gold, 10)[2]

    cache = {}

    def evaluate(config, parity):
        key = (json.dumps(config, sort_keys=True), parity)
        if key not in cache:
            per_set = []
            with ThreadPoolExecutor(a.jobs) as ex:
                for items in sets:
                    half = [it for it in items if it[0] == parity]
                    per_set.append(100.0 * sum(ex.map(lambda it: f1(it, config), half)) / len(half))
            cache[key] = (sum(per_set) / len(per_set), per_set)
        return cache[key]

    fields = a.only.split(",") if a.only else list(GRID)
    best = json.loads(a.start)
    best_score, per = evaluate(best, fit_parity)
    print(f"start {json.dumps(best)}: {best_score:.2f} {['%.2f' % x for x in per]}", flush=True)
    for _ in range(a.rounds):
        improved = False
        for field in fields:
            for value in GRID[field]:
                trial = dict(best, **{field: value})
                score, per = evaluate(trial, fit_parity)
                if score > best_score + 0.05:
                    best, best_score, improved = trial, score, True
                    print(f"  {field}={value}: {score:.2f} {['%.2f' % x for x in per]}", flush=True)
        if not improved:
            break
    other = 1 - fit_parity
    for label, parity in ((a.fit, fit_parity), ("held-out " + ("odd" if other else "even"), other)):
        s0, p0 = evaluate({}, parity)
        s1, p1 = evaluate(best, parity)
        print(f"{label}: defaults {s0:.2f} {['%.2f' % x for x in p0]} -> fitted {s1:.2f} {['%.2f' % x for x in p1]}")
    print("fitted:", json.dumps(best))


if __name__ == "__main__":
    main()
