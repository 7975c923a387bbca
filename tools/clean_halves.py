#!/usr/bin/env python3
"""Score cleaning on the dev snippet set by halves (even / odd page ids), the way the tuned
constants were chosen: pick on the even half, check on the odd half.

    python3 tools/clean_halves.py [--bin target/fast/article-analyzer] [--shared ../shared] [--mode html] [--one-pass]

Text mode cleans text/<id>.txt, HTML mode html/<id>.html.

Reads the pages from <shared>/data/dev/cleaning-snippets at run time (nothing is copied into the
repository) and matches snippets exactly like eval/clean_snippets_score.py (whitespace collapsed,
a "with" snippet counts when it is a substring of the output, a "without" snippet when it is).
"""
import argparse, json, os, re, subprocess
from concurrent.futures import ThreadPoolExecutor


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/fast/article-analyzer")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--mode", choices=["text", "html"], default="text")
    ap.add_argument("--one-pass", action="store_true", help="text mode: decide once (`clean --one-pass`) instead of settling")
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]

    def run(it):
        path = os.path.join(data, a.mode, it["id"] + (".txt" if a.mode == "text" else ".html"))
        r = subprocess.run([a.bin, "clean", "--" + a.mode] + (["--one-pass"] if a.one_pass else []) + [path], capture_output=True)
        out = squash(r.stdout.decode("utf-8", "replace")) if r.returncode == 0 else ""
        tp = sum(squash(s) in out for s in it["with"])
        fp = sum(squash(s) in out for s in it["without"])
        return int(it["id"]) % 2, tp, len(it["with"]) - tp, fp

    with ThreadPoolExecutor(a.jobs) as ex:
        res = list(ex.map(run, items))

    def score(rows):
        tp = sum(r[1] for r in rows)
        fn = sum(r[2] for r in rows)
        fp = sum(r[3] for r in rows)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (body passages kept {tp}, lost {fn}; boilerplate kept {fp})"

    print("all ", score(res))
    print("even", score([r for r in res if r[0] == 0]))
    print("odd ", score([r for r in res if r[0] == 1]))


if __name__ == "__main__":
    main()
