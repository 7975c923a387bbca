#!/usr/bin/env python3
"""Writes src/text/trigram_profiles.txt: the character-trigram profiles the language detector
falls back on when the stopword profile cannot decide (src/text/language.rs).

The profiles are whatlang's (crate whatlang 0.18.0, src/trigrams/profiles.rs, MIT licence,
(c) Sergey Potapov): for each language of the Latin, Cyrillic, Arabic, Devanagari and Hebrew
scripts, its most frequent trigrams, most frequent first. Only the first TOP of each are kept
(whatlang keeps 300): the detector is a fallback for text the stopword lists leave open, and
the full table was 40 KB of the gzipped wasm module (200 is 21 KB; on the dev pages' snippets,
labelled with their page's language, 300 trigrams kept 82.6% right, 200 81.6%, 150 79.6%,
whatlang itself 83.7%: examples/detect_languages.rs).

    python3 tools/gen_trigram_profiles.py ~/.cargo/registry/src/*/whatlang-0.18.0 [TOP]

Output: one line per language, `<script> <code> <trigrams>`, the trigrams written back to back
(three characters each, spaces included), lowercase.
"""
import re
import sys

# whatlang's ISO 639-3 codes -> the ISO 639-1 codes the crate uses (src/text/language.rs);
# languages without one keep their 639-3 code.
ISO1 = {
    "eng": "en", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
    "rus": "ru", "pol": "pl", "tur": "tr", "ara": "ar", "swe": "sv", "dan": "da", "nob": "no",
    "fin": "fi", "hun": "hu", "ces": "cs", "slk": "sk", "ron": "ro", "bul": "bg", "ukr": "uk",
    "heb": "he", "hin": "hi", "ind": "id", "vie": "vi", "pes": "fa", "hrv": "hr", "srp": "sr",
    "slv": "sl", "lit": "lt", "lav": "lv", "est": "et", "cat": "ca", "urd": "ur", "mar": "mr",
    "tgl": "tl", "afr": "af", "epo": "eo", "bel": "be", "aze": "az",
}
SCRIPTS = {"LATIN": "latin", "CYRILLIC": "cyrillic", "ARABIC": "arabic", "DEVANAGARI": "devanagari",
           "HEBREW": "hebrew"}


def main():
    root = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    src = open(f"{root}/src/trigrams/profiles.rs", encoding="utf-8").read()
    out = []
    for m in re.finditer(r"pub static (\w+)_LANGS: LangProfileList = &\[(.*?)\n\];", src, re.S):
        script = SCRIPTS[m.group(1)]
        for lang, body in re.findall(r"Lang::(\w+),\s*&\[(.*?)\]", m.group(2), re.S):
            tris = re.findall(r"Trigram\('(\\?.)', '(\\?.)', '(\\?.)'\)", body)
            chars = "".join(a + b + c for a, b, c in tris[:top]).replace("\\'", "'")
            assert len(chars) % 3 == 0 and "\n" not in chars, lang
            code = ISO1.get(lang.lower(), lang.lower())
            out.append(f"{script} {code} {chars}")
    with open("src/text/trigram_profiles.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} languages, {top} trigrams each", file=sys.stderr)


if __name__ == "__main__":
    main()
