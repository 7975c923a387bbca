#!/usr/bin/env python3
"""Regenerates src/keywords/word_frequency/<code>.txt: how common each frequent word of a language
is in general text, the background prior of key-phrase scoring (src/keywords/frequency.rs).

Source: wordfreq 3.1.1 (PyPI; code Apache-2.0, word lists CC BY-SA 4.0, (c) Robyn Speer and
contributors; built from Wikipedia, subtitles, news, books, web text, Reddit and Twitter). The
files shipped are derived from those lists and are therefore CC BY-SA 4.0 too, with that
attribution in their first line.

What is kept: the TOP_N most frequent words of each language, minus the words our stopword and
common-word lists already hold (src/text/stopword_lists, src/text/common_words: keyword scoring
treats those as frequent already) and minus anything that is not all letters. Each word's Zipf
value (log10 of its frequency per billion words) is quantised to quarters. Two lines after the
comment: the levels, one character per word ('0' + 4 x zipf), then the words, sorted and
space-separated, so the runtime reads the table in order with no sort (a sort instantiation
costs the wasm module more than the lookup needs). ~600 words per language, ~2.2 KB gzipped
each: a word outside the table is simply rarer than all of them.

Usage: pip install wordfreq==3.1.1 && python3 tools/keywords_word_frequency.py
"""
import os

from wordfreq import top_n_list, zipf_frequency

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
OUT = os.path.join(ROOT, "src", "keywords", "word_frequency")
# The languages of the news sets the project is judged on (en, fr, pt) and the two other
# largest European ones; each more costs ~2.3 KB of the gzipped wasm module (it, nl: add here
# and in src/keywords/background.rs).
LANGUAGES = ["en", "fr", "pt", "es", "de"]
# The top thousand words: down to Zipf ~5 (one in 100,000 words). Measured on the dev sets, the
# top 1,000 gave the same ranking gain as the full list (tens of thousands of words), and
# 7 languages fit the ~15 KB gzipped the wasm module can spare.
TOP_N = 1000


def word_list(path):
    try:
        with open(path, encoding="utf-8") as f:
            return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}
    except FileNotFoundError:
        return set()


def main():
    os.makedirs(OUT, exist_ok=True)
    for code in LANGUAGES:
        known = word_list(os.path.join(ROOT, "src", "text", "stopword_lists", code + ".txt"))
        known |= word_list(os.path.join(ROOT, "src", "text", "common_words", code + ".txt"))
        words = {}
        for w in top_n_list(code, TOP_N):
            if w in known or not w.isalpha() or " " in w:
                continue
            words[w] = round(zipf_frequency(w, code) * 4)
        # Sorted by UTF-8 bytes, the order Rust's str comparison uses.
        order = sorted(words, key=lambda w: w.encode("utf-8"))
        lines = [f"# wordfreq 3.1.1 top {TOP_N} ({code}) minus stopwords and common words; "
                 "CC BY-SA 4.0, (c) Robyn Speer; tools/keywords_word_frequency.py",
                 "".join(chr(ord("0") + words[w]) for w in order),
                 " ".join(order)]
        with open(os.path.join(OUT, code + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(code, len(order), "words")


if __name__ == "__main__":
    main()
