#!/usr/bin/env python3
"""Score key phrases on a keyphrase set by halves (even / odd story number in gold.jsonl), the
way keyword constants are chosen: pick on one half, report the other.

    python3 tools/keywords_halves.py --set keywords-kpcrowd-dev \
        --cmd 'target/fast/article-analyzer keywords {in} --top {k} --format json' [--jobs 2]
    python3 tools/keywords_halves.py --set /tmp/kp-wrapped --cmd ...   # a wrapped copy (keywords_boilerplate.py)

Matching and F1@k are those of <shared>/eval/keywords_score.py, imported from there (exact match
after Snowball/Porter stemming, macro-averaged); the placeholders are the same ({in}, {k},
{lang}, {set_dir}). Prints all / even / odd F1@5 and F1@10; --save writes the predictions.
"""
import argparse, json, os, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--save", help="write {id, pred} lines here")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.shared, "eval"))
    import keywords_score as ks  # the official matching

    set_dir, docs = ks.load_set(a.set)
    lang = docs[0].get("lang", "en") if docs else "en"

    def run(d):
        # Placeholders are replaced, not str.format-ted, so a --config '{"json": ...}' passes through.
        cmd = a.cmd
        for name, value in (("{in}", shlex.quote(os.path.join(set_dir, "docs", d["id"] + ".txt"))), ("{k}", str(a.k)),
                            ("{lang}", lang), ("{set_dir}", shlex.quote(set_dir))):
            cmd = cmd.replace(name, value)
        r = subprocess.run(cmd, shell=True, capture_output=True)
        return ks.parse_output(r.stdout.decode("utf-8", "replace")) if r.returncode == 0 else []

    with ThreadPoolExecutor(a.jobs) as ex:
        preds = list(ex.map(run, docs))
    if a.save:
        with open(a.save, "w", encoding="utf-8") as f:
            for d, p in zip(docs, preds):
                f.write(json.dumps({"id": d["id"], "pred": p}, ensure_ascii=False) + "\n")
    rows = []
    for i, (d, p) in enumerate(zip(docs, preds)):
        gold = ks.dedup_norm(d["gold"], lang)
        pred = ks.dedup_norm(p, lang)
        rows.append((i % 2, ks.prf(pred, gold, 5)[2], ks.prf(pred, gold, a.k)[2]))

    def mean(xs):
        return 100.0 * sum(xs) / len(xs) if xs else 0.0

    for label, sel in (("all ", rows), ("even", [r for r in rows if r[0] == 0]), ("odd ", [r for r in rows if r[0] == 1])):
        print(f"{label} F1@5 {mean([r[1] for r in sel]):6.2f}  F1@{a.k} {mean([r[2] for r in sel]):6.2f}  ({len(sel)} docs)")


if __name__ == "__main__":
    main()
