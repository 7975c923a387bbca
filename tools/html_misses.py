#!/usr/bin/env python3
"""HTML mode's misses on the dev snippet set with the markup around each one, so errors can be
grouped by what the page's markup says (comment sections, author boxes, itemprop, role, hidden).

    python3 tools/clean_misses.py --bin BIN --mode html --out DIR      # caches clean JSON per page
    python3 tools/html_misses.py --out DIR [--kind kept|lost] [--grep comment]

For every "without" snippet kept (or with --all every snippet) (kind `kept`) and every "with" snippet lost (kind `lost`) it finds
the innermost element of the page (lxml) whose text holds the snippet's first words and prints its
ancestor chain as `tag.class#id[role,itemprop,aria-hidden,hidden]`, innermost last, next to the
page id, its half (even/odd) and the snippet. Reads the pages from <shared> at run time; nothing
from them is written to the repository.
"""
import argparse, json, os, re

import lxml.html


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def label(e):
    tag = e.tag if isinstance(e.tag, str) else "?"
    out = tag
    cls = squash(e.get("class") or "")
    if cls:
        out += "." + ".".join(cls.split()[:3])
    if e.get("id"):
        out += "#" + e.get("id")
    extra = [f"{k}={e.get(k)}" for k in ("role", "itemprop", "itemtype", "aria-hidden", "hidden") if e.get(k) is not None]
    if extra:
        out += "[" + ",".join(x[:40] for x in extra) + "]"
    return out


def innermost(root, snippet):
    probe = squash(snippet)[:40]
    best = None
    for e in root.iter():
        if not isinstance(e.tag, str) or e.tag in ("script", "style"):
            continue
        if probe in squash(e.text_content()):
            best = e  # iter() is pre-order: later matches are deeper inside earlier ones
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    ap.add_argument("--kind", choices=["kept", "lost"])
    ap.add_argument("--all", action="store_true", help="every snippet, misses or not (kind `with`/`without` when right)")
    ap.add_argument("--grep", help="only chains containing this (case-insensitive)")
    ap.add_argument("--depth", type=int, default=8, help="ancestors shown")
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    for line in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8"):
        it = json.loads(line)
        try:
            doc = json.load(open(os.path.join(a.out, it["id"] + ".json"), encoding="utf-8"))
        except (OSError, ValueError):
            doc = {}
        body = squash(doc.get("body", ""))
        root = None
        for kind, snippets in (("lost", it["with"]), ("kept", it["without"])):
            if a.kind and a.kind != kind:
                continue
            for s in snippets:
                miss = (squash(s) in body) == (kind == "kept")
                if miss or a.all:
                    if root is None:
                        raw = open(os.path.join(data, "html", it["id"] + ".html"), "rb").read()
                        root = lxml.html.document_fromstring(raw)
                    e = innermost(root, s)
                    chain = []
                    while e is not None and len(chain) < a.depth:
                        chain.append(label(e))
                        e = e.getparent()
                    text = " > ".join(reversed(chain))
                    if a.grep and a.grep.lower() not in text.lower():
                        continue
                    half = "odd" if int(it["id"]) % 2 else "even"
                    shown = kind if miss else ("with" if kind == "lost" else "without")
                    print(f"{it['id']} {half} {shown} | {squash(s)[:80]}\n    {text}")


if __name__ == "__main__":
    main()
