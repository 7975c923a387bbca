#!/usr/bin/env python3
"""Front-codes the word lists in src/text/stopword_lists/ and src/text/common_words/ (in place):
words sorted, each line = one digit (characters shared with the previous word, at most 9) and
the rest of the word. `# ...` lines are kept first. Sorted and front-coded, the lists are 30%
smaller in the gzipped wasm module (72 -> 57 KB); src/text/stopwords.rs decodes a list the
first time it is used.

    python3 tools/gen_stopword_lists.py && python3 tools/compact_word_lists.py

Run with --decode to write the plain form (one word per line) back, e.g. to read a diff.

Entries that can never equal a word are dropped: every lookup is of one word (a run of letters
and digits, ' and - inside it kept; the same for cleaning, language detection and keywords), so
a phrase with a space ("cả nhà", 379 of the 645 Vietnamese entries) or a lone punctuation mark
("!", ",": Korean, Persian) only took room in the wasm module. So does a word of two or more
characters with a Han ideograph or a hiragana in it: Unicode word boundaries (the keyword tokens)
put each such character alone, and cleaning and detection do not look unspaced scripts up, so
of the Chinese list only its 174 one-character words could ever match.
"""
import glob
import sys


def encode(words):
    out, prev = [], ""
    for w in words:
        k = 0
        while k < min(len(prev), len(w), 9) and prev[k] == w[k]:
            k += 1
        out.append(f"{k}{w[k:]}")
        prev = w
    return out


def decode(lines):
    out, prev = [], ""
    for line in lines:
        prev = prev[: int(line[0])] + line[1:]
        out.append(prev)
    return out


def alone(c):
    """A character Unicode word boundaries (UAX #29) never join to a neighbour."""
    o = ord(c)
    return (0x3040 <= o <= 0x309F or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF)


def can_be_a_word(w):
    if any(c.isspace() for c in w) or not any(c.isalnum() for c in w):
        return False
    return len(w) == 1 or not any(alone(c) for c in w)


def is_encoded(lines):
    return all(line[:1].isdigit() for line in lines)


def main():
    back = "--decode" in sys.argv
    for path in sorted(glob.glob("src/text/stopword_lists/*.txt") + glob.glob("src/text/common_words/*.txt")):
        lines = open(path, encoding="utf-8").read().split("\n")
        head = [l for l in lines if l.startswith("#")]
        body = [l.strip() for l in lines if l.strip() and not l.startswith("#")]
        words = decode(body) if is_encoded(body) else body
        words = [w for w in words if can_be_a_word(w)]
        body = sorted(set(words)) if back else encode(sorted(set(words)))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(head + body) + "\n")


if __name__ == "__main__":
    main()
