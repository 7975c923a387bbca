#!/usr/bin/env python3
"""Regenerates src/text/stopword_lists/<code>.txt, one word per line.

Source: the `stop-words` crate 0.10.1 as published on crates.io (NLTK lists, BSD-style NLTK data
licence, where NLTK has the language; else stopwords-iso, MIT licence, (c) Gene Diaz). We ship the
lists as plain text rather than depending on the crate, because the crate stores ~60 languages as
arrays of string slices, which cost ~400 KB of the wasm module; one text blob per language
compresses well and is parsed once, lazily.

Usage: python3 tools/gen_stopword_lists.py [PATH_TO_stop-words-0.10.1]
(default: the copy in ~/.cargo/registry; `cargo fetch` it with stop-words = "=0.10.1" first).
"""
import glob
import json
import os
import sys

# Every language the detector can report (src/text/language.rs) plus NLTK's languages.
CODES = """en de fr es it pt nl ru pl tr ar zh ja ko sv da no fi hu cs sk ro bg uk el he hi id vi th fa
hr sr sl lt lv et ca bn ur ta mr tl af eo be ka az hy sq eu kk ne tg uz""".split()
NLTK = {"sq": "albanian", "ar": "arabic", "az": "azerbaijani", "eu": "basque", "be": "belarusian",
        "bn": "bengali", "ca": "catalan", "zh": "chinese", "da": "danish", "nl": "dutch", "en": "english",
        "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "he": "hebrew", "hu": "hungarian",
        "id": "indonesian", "it": "italian", "kk": "kazakh", "ne": "nepali", "no": "norwegian",
        "pt": "portuguese", "ro": "romanian", "ru": "russian", "sl": "slovenian", "es": "spanish",
        "sv": "swedish", "tg": "tajik", "ta": "tamil", "tr": "turkish", "uz": "uzbek"}

def main():
    if len(sys.argv) > 1:
        crate = sys.argv[1]
    else:
        found = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/stop-words-0.10.1"))
        if not found:
            sys.exit("stop-words-0.10.1 not found in ~/.cargo/registry; pass its path")
        crate = found[0]
    iso = json.load(open(os.path.join(crate, "src/iso/stopwords-iso.json"), encoding="utf-8"))
    out_dir = os.path.join(os.path.dirname(__file__), "..", "src", "text", "stopword_lists")
    os.makedirs(out_dir, exist_ok=True)
    for code in CODES:
        if code in NLTK:
            words = open(os.path.join(crate, "src/nltk", NLTK[code]), encoding="utf-8").read().split("\n")
            source = "nltk"
        elif code in iso:
            words, source = iso[code], "stopwords-iso"
        else:
            continue
        seen, kept = set(), []
        for w in words:
            w = w.strip().lower()
            if w and w not in seen:
                seen.add(w)
                kept.append(w)
        with open(os.path.join(out_dir, f"{code}.txt"), "w", encoding="utf-8") as f:
            f.write(f"# source: {source}\n" + "\n".join(kept) + "\n")
        print(code, source, len(kept))

if __name__ == "__main__":
    main()
