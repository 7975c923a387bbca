#!/usr/bin/env python3
"""Choose HTML mode's `tailContentScore` held out: how the kept blocks after the story's last
paragraph fare when text mode's learned model, reading all of the page's blocks as plain text,
scores them below a threshold (session 7; src/clean/html.rs `TAIL_CONTENT_SCORE`).

    python3 tools/html_tail_scores.py --bin BIN_WITHOUT_THE_CHECK \\
        [--even-bin B_FITTED_ON_ODD --odd-bin B_FITTED_ON_EVEN] [--shared ../shared]

BIN_WITHOUT_THE_CHECK is an HTML build whose output is the decision before the check (session 5
code, or any build run with the check off). It dumps `clean --html --format json` of every dev
page, writes each page's blocks as lines of a text file (in a temporary directory) and runs
`clean --one-pass --format json` on it to read every block's `contentScore`. For held-out
figures, pass binaries whose model was fitted on the other half: build one after
`python3 tools/fit_block_model.py --write --fit-half odd` (its scores are used on the even
pages) and one after `--fit-half even` (used on the odd pages); do not commit those weights.
Without them the given binary's model scores every page (fitted on all pages: not held out).

Prints, per threshold, the snippets kept/lost with the scorer's own matching (whitespace
collapsed, substring of the kept blocks) for all / even / odd pages, for the tail only and for
every kept block; list items and table cells are never judged (`--rows` from the html_blocks
example tells them apart; without it every block is judged). Nothing from the pages is written
to the repository.
"""
import argparse, json, os, re, subprocess, tempfile
from concurrent.futures import ThreadPoolExecutor


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def text_scores(a, pid, blocks, tmp):
    """Text mode's contentScore of each block, the page's blocks read as plain text (by the
    binary fitted on the other half when `a.even_bin` / `a.odd_bin` are given)."""
    path = os.path.join(tmp, pid + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(b["text"].replace("\n", " ") for b in blocks) + "\n")
    scorer = (a.even_bin if int(pid) % 2 == 0 else a.odd_bin) or a.bin
    t = subprocess.run([scorer, "clean", "--one-pass", "--format", "json", path], capture_output=True)
    by_line = {(b["line"] - 1) // 2: b.get("contentScore") for b in json.loads(t.stdout).get("blocks", [])} \
        if t.returncode == 0 else {}
    return [by_line.get(k) for k in range(len(blocks))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--even-bin", help="model fitted on the odd pages: scores the even ones")
    ap.add_argument("--odd-bin", help="model fitted on the even pages: scores the odd ones")
    ap.add_argument("--rows", help="JSON lines of `cargo run --example html_blocks -- --rows DIR` (inList, inTable)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]
    data_rows = {}
    if a.rows:
        for line in open(a.rows, encoding="utf-8"):
            r = json.loads(line)
            data_rows[(r["page"], r["index"])] = r["inList"] or r["inTable"]
    tmp = tempfile.mkdtemp()

    def run(it):
        pid = it["id"]
        r = subprocess.run([a.bin, "clean", "--html", "--format", "json", os.path.join(data, "html", pid + ".html")],
                           capture_output=True)
        blocks = json.loads(r.stdout).get("blocks", []) if r.returncode == 0 else []
        scores = text_scores(a, pid, blocks, tmp)
        rows = []
        for k, b in enumerate(blocks):
            f = b["features"]
            rows.append((b["text"], b["kept"], f["words"] >= 15 and f["terminalPunctuation"], scores[k],
                         data_rows.get((pid, k), False)))
        return it, rows

    with ThreadPoolExecutor(a.jobs) as ex:
        pages = list(ex.map(run, items))

    def score(sel, th, tail_only):
        tp = fn = fp = 0
        for it, rows in sel:
            last = max([k for k, r in enumerate(rows) if r[1] and r[2]], default=-1)
            out = squash(" \n ".join(
                r[0] for k, r in enumerate(rows)
                if r[1] and not ((k > last or not tail_only) and r[3] is not None and r[3] < th and not r[4])))
            tp += sum(squash(s) in out for s in it["with"])
            fn += sum(squash(s) not in out for s in it["with"])
            fp += sum(squash(s) in out for s in it["without"])
        p, r = tp / (tp + fp), tp / (tp + fn)
        return f"{tp} kept / {fn} lost / {fp} boilerplate  F1 {2 * p * r / (p + r):.4f}"

    even = [x for x in pages if int(x[0]["id"]) % 2 == 0]
    odd = [x for x in pages if int(x[0]["id"]) % 2 == 1]
    for tail_only in (True, False):
        for th in (0.0, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2):
            print(f"{'tail' if tail_only else 'all '} <{th:<5} all {score(pages, th, tail_only)} | "
                  f"even {score(even, th, tail_only)[-6:]}  odd {score(odd, th, tail_only)[-6:]}")


if __name__ == "__main__":
    main()
