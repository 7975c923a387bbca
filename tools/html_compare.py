#!/usr/bin/env python3
"""Compare HTML mode with trafilatura and readability-lxml page by page on the dev snippet set.

    python3 -m venv V && V/bin/pip install trafilatura readability-lxml
    V/bin/python tools/html_compare.py --bin BIN --out DIR            # runs all three, caches text
    V/bin/python tools/html_compare.py --out DIR --show traf --min 2  # pages trafilatura wins by >= 2

Each tool's text for page <id> is cached as DIR/<tool>/<id>.txt (`ours` = `BIN clean --html`,
`traf` = trafilatura.extract with its defaults (comments included, as shipped) under its metadata
title, `trafc` = the same without comments, `read` = readability-lxml's summary as text with one
line per block element under its short title); --rerun TOOL recomputes one. The competitors' titles
are left out of the score unless --titles (`clean --html` prints the body only, and neither
trafilatura's text nor Readability's summary holds the title). Scoring is
eval/clean_snippets_score.py's: whitespace squashed on both sides, a "with" snippet is kept when it
is a substring of the output, a "without" snippet likewise. It prints P/R/F1 per tool on all pages
and on the even/odd halves (tools/clean_halves.py's split), then per competitor how many pages it
scores better / worse than ours (errors = with lost + without kept), and with --show the pages a
competitor wins by at least --min errors with the snippets that differ. Nothing from the pages is
written to the repository; the product does not depend on this script.
"""
import argparse, json, os, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
         "blockquote", "pre", "section", "article", "figure", "figcaption", "br", "dd", "dt", "dl", "header",
         "footer", "aside", "main", "nav", "form", "hr"}


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def run_ours(binary, path):
    r = subprocess.run([binary, "clean", "--html", path], capture_output=True, timeout=60)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""


def run_traf(html, comments):
    import trafilatura
    text = trafilatura.extract(html, include_comments=comments) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else ""
    return title + "\n" + text


def run_read(html):
    import lxml.html
    from readability import Document
    doc = Document(html)
    root = lxml.html.fromstring(doc.summary())
    for e in root.iter():
        if isinstance(e.tag, str) and e.tag in BLOCK:
            e.tail = "\n" + (e.tail or "")
            e.text = "\n" + (e.text or "")
    return doc.short_title() + "\n" + root.text_content()


def produce(tool, binary, path):
    if tool == "ours":
        return run_ours(binary, path)
    html = open(path, "rb").read().decode("utf-8", "replace")
    try:
        if tool == "traf":
            return run_traf(html, True)
        if tool == "trafc":
            return run_traf(html, False)
        return run_read(html)
    except Exception as e:  # a tool failing on a page loses that page's body, as the scorer counts it
        print(f"{tool} failed on {path}: {e}", file=sys.stderr)
        return ""


def score(rows):
    tp = sum(r[0] for r in rows); fn = sum(r[1] for r in rows); fp = sum(r[2] for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return f"P {p:.3f} R {rc:.3f} F1 {f:.4f} (lost {fn}, kept {fp})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--bin")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--tools", default="ours,traf,trafc,read")
    ap.add_argument("--rerun", default="", help="comma-separated tools whose cache is ignored")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", help="competitor whose wins to list")
    ap.add_argument("--losses", action="store_true", help="with --show: list its losses instead")
    ap.add_argument("--min", type=int, default=1)
    ap.add_argument("--titles", action="store_true", help="score the competitors' titles too (ours prints none)")
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "dev", "cleaning-snippets")
    items = [json.loads(l) for l in open(os.path.join(data, "snippets.jsonl"), encoding="utf-8")]
    tools = a.tools.split(",")
    rerun = set(filter(None, a.rerun.split(",")))
    for tool in tools:
        d = os.path.join(a.out, tool)
        os.makedirs(d, exist_ok=True)
        todo = [it for it in items if tool in rerun or not os.path.exists(os.path.join(d, it["id"] + ".txt"))]
        if todo and tool == "ours" and not a.bin:
            sys.exit("--bin is needed to run ours")

        def one(it, tool=tool, d=d):
            text = produce(tool, a.bin, os.path.join(data, "html", it["id"] + ".html"))
            with open(os.path.join(d, it["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)

        if tool == "ours":
            with ThreadPoolExecutor(a.jobs) as ex:
                list(ex.map(one, todo))
        else:
            for it in todo:
                one(it)
    per = {}  # tool -> id -> (tp, fn, fp, lost, kept)
    for tool in tools:
        per[tool] = {}
        for it in items:
            out = open(os.path.join(a.out, tool, it["id"] + ".txt"), encoding="utf-8").read()
            if tool in ("traf", "trafc", "read") and not a.titles:
                out = out.split("\n", 1)[-1]  # the cached first line is the title
            out = squash(out)
            lost = [s for s in it["with"] if squash(s) not in out]
            kept = [s for s in it["without"] if squash(s) in out]
            per[tool][it["id"]] = (len(it["with"]) - len(lost), len(lost), len(kept), lost, kept)
    for tool in tools:
        rows = per[tool]
        print(f"{tool:6} all  {score(rows.values())}")
        for half, name in ((0, "even"), (1, "odd ")):
            print(f"{tool:6} {name} {score([v for k, v in rows.items() if int(k) % 2 == half])}")
    if "ours" in per:
        for tool in tools:
            if tool == "ours":
                continue
            win = loss = 0
            for k, v in per[tool].items():
                o = per["ours"][k]
                d = (v[1] + v[2]) - (o[1] + o[2])
                win += d < 0
                loss += d > 0
            print(f"{tool:6} vs ours: better on {win} pages, worse on {loss}, same on {len(items) - win - loss}")
    if a.show:
        url = {it["id"]: it["url"] for it in items}
        for k, v in sorted(per[a.show].items()):
            o = per["ours"][k]
            d = (o[1] + o[2]) - (v[1] + v[2])
            if (-d if a.losses else d) < a.min:
                continue
            print(f"--- {k} {url[k]} ours lost {o[1]} kept {o[2]} | {a.show} lost {v[1]} kept {v[2]}")
            for s in o[3]:
                if s not in v[3]:
                    print("  ours lost:", squash(s)[:150])
            for s in o[4]:
                if s not in v[4]:
                    print("  ours kept:", squash(s)[:150])
            for s in v[3]:
                if s not in o[3]:
                    print(f"  {a.show} lost:", squash(s)[:150])
            for s in v[4]:
                if s not in o[4]:
                    print(f"  {a.show} kept:", squash(s)[:150])


if __name__ == "__main__":
    main()
