#!/usr/bin/env python3
"""Wrap every story of a keyphrase set in web-page boilerplate, to check that key phrases do not
change when a page keeps its menus, rails and footer.

    python3 tools/keywords_boilerplate.py --set ../shared/data/dev/keywords-kpcrowd-dev --out /tmp/kp-wrapped
    python3 ../shared/eval/keywords_score.py --set /tmp/kp-wrapped --cmd 'BIN keywords {in} --top {k} --format json'

Writes <out>/docs/<id>.txt, a copy of gold.jsonl and meta.json (with "wrapped": the template
names), so the set scores with the unchanged scorer. Nothing of the dev texts is stored in the
repository: the wrapped copies are written at run time wherever --out points.

Each story gets one of several synthetic site templates (chosen by a stable hash of its id, so
runs are reproducible): a site name and navigation menu, a breadcrumb, a dateline and byline,
a share bar, a newsletter prompt, a "related" or "most read" rail, a cookie notice and a
copyright footer, in the order and wording of that site. The rails list the headlines (first
lines) of other stories of the same set, as real rails do: those are the hard case, because
they look like news and name other stories' entities. Every page of a site carries the same
furniture, as on the web; a set of several sites is what a corpus-aware cleaner sees.
"""
import argparse, hashlib, json, os, random

SECTIONS = ["World", "Politics", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Opinion"]

# Per-site furniture. Words chosen to be what such pages say; {sec}, {date}, {site} filled in.
SITES = [
    {
        "name": "The Daily Courier",
        "head": ["The Daily Courier", "Home | News | World | Business | Sport | Culture | Opinion | Video",
                 "Subscribe  Sign in", "Home > News > {sec}"],
        "byline": "By Staff Reporter | Published {date} | Updated {date}",
        "after_title": ["Share on Facebook  Share on Twitter  Email  Print"],
        "rail_title": "Related stories",
        "tail": ["Sign up for our morning newsletter and get the day's top stories in your inbox.",
                 "Email address  Subscribe", "Most read", "{rail}",
                 "About us | Contact | Advertise | Terms of use | Privacy policy | Cookie settings",
                 "© 2024 The Daily Courier. All rights reserved."],
    },
    {
        "name": "NEWSWIRE 24",
        "head": ["NEWSWIRE 24 — breaking news, live", "LIVE TV  |  Latest  |  {sec}  |  Markets  |  Weather",
                 "You are here: Home / {sec}"],
        "byline": "{date} · 4 min read",
        "after_title": ["Facebook Twitter WhatsApp LinkedIn Copy link", "Advertisement"],
        "rail_title": "Read more",
        "tail": ["Advertisement", "Read more", "{rail}",
                 "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Accept",
                 "Follow us on Facebook, Twitter and Instagram",
                 "Copyright NEWSWIRE 24 2024. This material may not be published, broadcast, rewritten or redistributed."],
    },
    {
        "name": "metro-times.net",
        "head": ["Skip to main content", "metro-times.net", "Menu  Search", "News  {sec}  Local  Entertainment  Lifestyle  Jobs"],
        "byline": "Updated {date}",
        "after_title": ["Comments (0)", "Tweet Share Pin"],
        "rail_title": "You may also like",
        "tail": ["Do you have a story for us? Email news@metro-times.net or message us on WhatsApp.",
                 "You may also like", "{rail}", "Trending now", "{rail2}",
                 "Terms & Conditions  Privacy  Contact us  Sitemap", "metro-times.net © 2024"],
    },
    {
        "name": "Globe Herald",
        "head": ["Globe Herald", "Today's paper | Podcasts | Newsletters | Log in", "{sec}"],
        "byline": "Globe Herald staff and agencies  {date}",
        "after_title": ["Listen to this article", "Gift this article"],
        "rail_title": "More from {sec}",
        "tail": ["Topics", "{sec}  News  World", "More from {sec}", "{rail}",
                 "Support independent journalism. Become a member today.",
                 "Back to top", "Globe Herald Media Group. Registered in England. All rights reserved."],
    },
]

DATES = ["12 March 2011", "April 3, 2011 10:42 AM", "2011-02-17 08:15", "Tuesday 8 March 2011"]


def first_line(text):
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line
    return ""


# Rail headlines are short: a story whose first line is prose (a transcript) lends its first
# words, cut at a word boundary, as a site's teaser would.
HEADLINE_WORDS = 12


def headline(text):
    words = first_line(text).split()
    return " ".join(words[:HEADLINE_WORDS])


def stable(s):
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:8], 16)


def wrap(doc_id, text, headlines, sites):
    h = stable(doc_id)
    site = sites[h % len(sites)]
    rng = random.Random(h)
    sec = SECTIONS[h % len(SECTIONS)]
    date = DATES[h % len(DATES)]
    others = [x for x in headlines if x and x != headline(text)]
    rail = "\n".join(rng.sample(others, min(4, len(others))))
    rail2 = "\n".join(rng.sample(others, min(3, len(others))))

    def fill(s):
        return s.replace("{sec}", sec).replace("{date}", date).replace("{rail2}", rail2).replace("{rail}", rail)

    lines = [fill(s) for s in site["head"]]
    # A first line short enough to be a headline goes above the byline, as on a page; a story
    # without one (a transcript) starts right after the share bar.
    body = text.strip("\n")
    title, _, rest = body.partition("\n")
    if len(title.split()) > 2 * HEADLINE_WORDS:
        title, rest = "", body
    lines += ([title] if title else []) + [fill(site["byline"])] + [fill(s) for s in site["after_title"]]
    lines += [rest.strip("\n")] if rest.strip() else []
    lines += [fill(s) for s in site["tail"]]
    return "\n\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, help="a set directory (docs/, gold.jsonl, meta.json)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sites", type=int, default=len(SITES), help="how many site templates to use (1..%d)" % len(SITES))
    a = ap.parse_args()
    sites = SITES[: max(1, min(a.sites, len(SITES)))]
    gold = [json.loads(l) for l in open(os.path.join(a.set, "gold.jsonl"), encoding="utf-8")]
    texts = {g["id"]: open(os.path.join(a.set, "docs", g["id"] + ".txt"), encoding="utf-8").read() for g in gold}
    headlines = [headline(texts[g["id"]]) for g in gold]
    os.makedirs(os.path.join(a.out, "docs"), exist_ok=True)
    for g in gold:
        with open(os.path.join(a.out, "docs", g["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(wrap(g["id"], texts[g["id"]], headlines, sites))
    with open(os.path.join(a.out, "gold.jsonl"), "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    meta_path = os.path.join(a.set, "meta.json")
    meta = json.load(open(meta_path, encoding="utf-8")) if os.path.exists(meta_path) else {}
    meta["name"] = meta.get("name", os.path.basename(os.path.normpath(a.set))) + "-wrapped"
    meta["wrapped"] = [s["name"] for s in sites]
    with open(os.path.join(a.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
    print(f"{len(gold)} stories wrapped in {len(sites)} site templates -> {a.out}")


if __name__ == "__main__":
    main()
