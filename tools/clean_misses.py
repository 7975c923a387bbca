#!/usr/bin/env python3
"""List the misses of cleaning on the dev snippet set, with the decision of the block that held
each snippet, so errors can be grouped by cause (reason kind, tag) rather than read page by page.

    python3 tools/clean_misses.py --bin BIN --mode html --out /tmp/run-a   # runs and caches JSON
    python3 tools/clean_misses.py --out /tmp/run-a --summary               # counts by cause only
    python3 tools/clean_misses.py --out /tmp/run-a --diff /tmp/run-b       # snippets that changed
    python3 tools/clean_misses.py --bin BIN --mode text --out /tmp/t --where   # kept boilerplate by place

Reads the pages from <shared>/data/dev/cleaning-snippets at run time (nothing is copied into the
repository); a "with" snippet is lost when its whitespace-collapsed text is not a substring of the
body, a "without" snippet is kept when it is (like eval/clean_snippets_score.py). Each miss prints
the page id, the half (even/odd), the snippet's first characters, and the kept flag and reason of
the block(s) whose text overlaps it the most.

--where groups the kept "without" snippets by where their block lies against the labelled body
(before the first block holding a "with" snippet, inside, after the last one) and by length
(short < 10 words, mid < 25, long), then lists them with the block's content score (text mode)
and its distance in blocks from the body's last labelled block.
"""
import argparse, collections, json, os, re, subprocess
from concurrent.futures import ThreadPoolExecutor


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def run_all(a, items, data):
    os.makedirs(a.out, exist_ok=True)

    def run(it):
        path = os.path.join(data, a.mode, it["id"] + (".txt" if a.mode == "text" else ".html"))
        args = [a.bin, "clean", "--format", "json"] + (["--html"] if a.mode == "html" else [])
        args += (["--one-pass"] if a.one_pass else []) + [path]
        r = subprocess.run(args, capture_output=True)
        with open(os.path.join(a.out, it["id"] + ".json"), "wb") as f:
            f.write(r.stdout if r.returncode == 0 else b"{}")

    with ThreadPoolExecutor(a.jobs) as ex:
        list(ex.map(run, items))


def load(out, pid):
    try:
        with open(os.path.join(out, pid + ".json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def block_of(doc, snippet):
    """The block whose text holds the snippet, or the one sharing most of its words."""
    s = squash(snippet)
    best, score = None, 0
    words = set(s.lower().split())
    for b in doc.get("blocks", []):
        t = squash(b["text"])
        if s in t or (t and t in s and len(t) > 20):
            return b
        w = set(t.lower().split())
        o = len(words & w) / (len(words) or 1)
        if o > score:
            best, score = b, o
    return best if score >= 0.5 else None


def misses(out, items):
    rows = []
    for it in items:
        doc = load(out, it["id"])
        body = squash(doc.get("body", ""))
        for kind, snippets in (("lost", it["with"]), ("kept", it["without"])):
            for s in snippets:
                inside = squash(s) in body
                if (kind == "lost") == inside:
                    continue
                b = block_of(doc, s)
                reason = (b.get("reason") or {}).get("kind", "kept") if b else "noblock"
                rows.append((it["id"], kind, reason, s, b))
    return rows


def by_place(out, items, width):
    """Kept boilerplate by place against the labelled body and by length."""
    rows = []
    for it in items:
        doc = load(out, it["id"])
        blocks = doc.get("blocks", [])
        body = squash(doc.get("body", ""))
        held = [i for i, b in enumerate(blocks) if any(squash(s) in squash(b["text"]) for s in it["with"])]
        for s in it["without"]:
            b = block_of(doc, s) if squash(s) in body else None
            if not b:
                continue
            i = b["index"]
            place = "nobody" if not held else "before" if i < min(held) else "after" if i > max(held) else "inside"
            words = b["features"]["words"]
            size = "short" if words < 10 else "mid" if words < 25 else "long"
            rows.append((place, size, it["id"], b.get("contentScore"), i - (max(held) if held else 0), squash(b["text"])))
    for key, n in collections.Counter((r[0], r[1]) for r in rows).most_common():
        print(f"{n:4d} {key[0]} {key[1]}")
    for place, size, pid, score, dist, text in sorted(rows, key=lambda r: r[:3]):
        print(f"{place:6s} {size:5s} {pid} score {score} at {dist:+d}: {text[:width]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin")
    ap.add_argument("--out", required=True)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--mode", choices=["text", "html"], default="html")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--one-pass", action="store_true", help="text mode: decide once instead of settling")
    ap.add_argument("--diff")
    ap.add_argument("--where", action="store_true", help="kept boilerplate by place against the body")
    ap.add_argument("--width", type=int, default=110)
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]
    if a.bin:
        run_all(a, items, data)
    if a.where:
        by_place(a.out, items, a.width)
        return
    rows = misses(a.out, items)
    if a.diff:
        other = {(r[0], r[1], r[3]) for r in misses(a.diff, items)}
        mine = {(r[0], r[1], r[3]) for r in rows}
        for pid, kind, s in sorted(mine - other):
            print(f"only in {a.out}: {pid} {kind} {squash(s)[:a.width]}")
        for pid, kind, s in sorted(other - mine):
            print(f"only in {a.diff}: {pid} {kind} {squash(s)[:a.width]}")
        return
    counts = collections.Counter((r[1], r[2], int(r[0]) % 2) for r in rows)
    for (kind, reason, half), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{n:4d} {kind} {reason} {'odd' if half else 'even'}")
    if a.summary:
        return
    for pid, kind, reason, s, b in rows:
        idx = b["index"] if b else -1
        print(f"{pid} {kind:4s} {reason:22s} #{idx:<4} {squash(s)[:a.width]}")


if __name__ == "__main__":
    main()
