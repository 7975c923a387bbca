#!/usr/bin/env python3
"""What the core wasm module is made of, in gzipped KB: code by crate (twiggy) and data by
compilation unit (one data segment per symbol).

    CARGO_TARGET_DIR=/tmp/wasm-size RUSTFLAGS="-C link-arg=--no-merge-data-segments" \
      cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features
    python3 tools/wasm_size.py /tmp/wasm-size/wasm32-unknown-unknown/wasm/article_analyzer.wasm

Needs `twiggy` (cargo install twiggy). Data segments are named after their compilation unit's
hash, not their crate, so each group is printed with a sample of its bytes to recognise it
(stopword lists read as text, whatlang's trigram profiles as UTF-32 letters, ...). Sizes are
each group gzipped alone, so they add up to a little more than the whole.
"""
import collections
import csv
import gzip
import io
import re
import subprocess
import sys


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = leb(b, i + 1)
        yield sid, b[i : i + n]
        i += n


def data_segments(b):
    for sid, s in sections(b):
        if sid != 11:
            continue
        count, i = leb(s, 0)
        out = []
        for _ in range(count):
            flag, i = leb(s, i)
            if flag == 0:
                _, i = leb(s, i + 1)  # i32.const offset
                i += 1  # end
            elif flag == 2:
                _, i = leb(s, i)
                _, i = leb(s, i + 1)
                i += 1
            n, i = leb(s, i)
            out.append(s[i : i + n])
            i += n
        return out
    return []


def data_names(b):
    names = {}
    for sid, s in sections(b):
        if sid != 0:
            continue
        n, i = leb(s, 0)
        if s[i : i + n] != b"name":
            continue
        i += n
        while i < len(s):
            sub = s[i]
            size, i = leb(s, i + 1)
            body = s[i : i + size]
            i += size
            if sub == 9:
                count, j = leb(body, 0)
                for _ in range(count):
                    idx, j = leb(body, j)
                    length, j = leb(body, j)
                    names[idx] = body[j : j + length].decode()
                    j += length
    return names


def gz(x):
    return len(gzip.compress(x, 9))


CRATES = ["rust_stemmers", "whatlang", "unicode_normalization", "unicode_segmentation", "serde_json", "csv",
          "serde_wasm_bindgen", "wasm_bindgen", "js_sys", "aho_corasick", "xxhash", "html5ever", "markup5ever",
          "hashbrown", "core::slice::sort", "flt2dec", "dlmalloc", "article_analyzer::clean",
          "article_analyzer::keywords", "article_analyzer::dedup", "article_analyzer::corpus",
          "article_analyzer::text", "article_analyzer::report", "article_analyzer::wasm", "article_analyzer",
          "serde"]


def main(path):
    b = open(path, "rb").read()
    top = subprocess.run(["twiggy", "top", "-n", "1000000", "-f", "csv", path], capture_output=True, text=True,
                         check=True).stdout
    code = collections.Counter()
    for row in csv.DictReader(io.StringIO(top)):
        name = row["Name"]
        if name.startswith("data segment") or "custom section" in name or "subsection" in name:
            continue
        crate = next((c for c in CRATES if c in name), "other (std, generic glue)")
        code[crate] += int(row["ShallowSize"])
    total = sum(code.values())
    print(f"code: {total} B raw; by crate (raw B, and an estimate at the module's code gzip ratio):")
    print("  (run on the optimised module for the real total)")
    for crate, size in code.most_common():
        print(f"  {size:9d}  {crate}")
    segs = data_segments(b)
    names = data_names(b)
    groups = collections.defaultdict(list)
    for k, d in enumerate(segs):
        name = names.get(k, "?")
        m = re.search(r"Lanon\.([0-9a-f]{8})", name)
        groups[m.group(1) if m else name] .append(d)
    print(f"data: {sum(map(len, segs))} B raw, {gz(b''.join(segs))} B gzipped; by unit (raw, gzipped, sample):")
    rows = sorted(((sum(map(len, v)), gz(b"".join(v)), k, v) for k, v in groups.items()), reverse=True)
    for raw, g, key, v in rows[:15]:
        sample = max(v, key=len)[:48]
        print(f"  {raw:8d} {g:8d}  {key[:24]:24s} {sample!r}")


if __name__ == "__main__":
    main(sys.argv[1])
