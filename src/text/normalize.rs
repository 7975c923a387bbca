//! Two forms of every text. The *display* form is what the person pasted, tidied only where
//! nothing is lost (NFC, no zero-width characters, NBSP as a space, trailing spaces gone). The
//! *matching* form unifies what differs between copies of one story without changing its words:
//! curly and straight quotes, dashes, case. Dedup and keywords compare matching forms; the page
//! shows display forms.
//!
//! NFC natively comes from `unicode-normalization`. The wasm build leaves that crate out (its
//! tables were 57 KB of the 400 KB gzipped budget) and composes through the browser's
//! `String.prototype.normalize`, which `src/wasm.rs` installs with [`set_nfc_hook`]; text that
//! is plainly NFC already (ASCII, Latin, Cyrillic, CJK, common punctuation) never leaves wasm.

use super::swar;
#[cfg(not(target_arch = "wasm32"))]
use unicode_normalization::UnicodeNormalization;

/// Characters that carry no text and only break matching: zero-width space/joiners, BOM,
/// soft hyphen, word joiner.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Spaces other than U+0020 that pasted web text is full of (NBSP, thin, narrow, ideographic...).
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t')
}

/// The display form: NFC, invisible characters removed, odd spaces made plain, line endings
/// unified to `\n`, trailing spaces on each line removed. Words and punctuation are untouched.
pub fn normalize_display(input: &str) -> String {
    // Most pasted text is already NFC; composing it again is the slowest step of text mode.
    if is_nfc_quick_yes(input) {
        return tidy_nfc_str(input);
    }
    #[cfg(not(target_arch = "wasm32"))]
    return tidy(input.nfc());
    #[cfg(target_arch = "wasm32")]
    match NFC_HOOK.get() {
        Some(nfc) => tidy_nfc_str(&nfc(input)),
        // No hook installed (a test of the core alone): the text is taken as it is.
        None => tidy_nfc_str(input),
    }
}

/// How much input [`for_each_display_piece`] tidies at a time: large enough that the call per
/// piece costs nothing, small enough that the piece stays in the CPU cache while the caller reads
/// it (on a 50 MB document the display copy of the whole text was a tenth of text mode).
#[cfg(not(target_arch = "wasm32"))]
const DISPLAY_PIECE_BYTES: usize = 1 << 16;

/// Calls `visit` with consecutive pieces of the display form of `input` (whose concatenation is
/// exactly [`normalize_display`]`(input)`), each but the last ending with a line end. Text that is
/// NFC already (almost all) is tidied a piece of [`DISPLAY_PIECE_BYTES`] at a time into one reused
/// buffer, without a display copy of the whole document; other text is normalised whole and
/// visited as one piece. Tidying restarts cleanly after every `\n` (it only looks back to drop
/// spaces before a line end and ahead past a `\r`), so cutting the input just after one gives the
/// same output. (Native only: the page's pasted articles are small, and its size budget tight.)
#[cfg(not(target_arch = "wasm32"))]
pub fn for_each_display_piece(input: &str, mut visit: impl FnMut(&str)) {
    if !is_nfc_quick_yes(input) {
        visit(&normalize_display(input));
        return;
    }
    let mut buf = String::with_capacity(DISPLAY_PIECE_BYTES.min(input.len()) + 64);
    let mut rest = input;
    while !rest.is_empty() {
        // The piece ends just after the first line end at or past the target size (or at the
        // end): `\n` is ASCII, so the cut is on a character boundary.
        let cut = match rest.as_bytes().get(DISPLAY_PIECE_BYTES..) {
            Some(tail) => tail.iter().position(|&b| b == b'\n').map_or(rest.len(), |p| DISPLAY_PIECE_BYTES + p + 1),
            None => rest.len(),
        };
        let (piece, after) = rest.split_at(cut);
        buf.clear();
        tidy_nfc_into(piece, &mut buf);
        visit(&buf);
        rest = after;
    }
}

/// The host's NFC, for the wasm build (see the module comment).
#[cfg(target_arch = "wasm32")]
static NFC_HOOK: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Installs the host's NFC normalisation for the wasm build, which ships no Unicode
/// composition tables; the first hook installed stays. Natively a no-op (the core composes).
pub fn set_nfc_hook(nfc: fn(&str) -> String) {
    #[cfg(target_arch = "wasm32")]
    let _ = NFC_HOOK.set(nfc);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = nfc;
}

/// Non-ASCII ranges whose every character is NFC quick-check Yes with combining class 0, so
/// any text made of them and ASCII is NFC as it is (a native test checks every character):
/// Latin-1 to spacing modifiers, Greek and Cyrillic letters, general punctuation, currency,
/// kana, CJK ideographs, Hangul syllables. The wasm build only asks the host outside them;
/// natively a run made of them skips the crate's quick check (its table look-ups per character
/// were most of the check on European news text, full of accents and curly quotes).
const NFC_STABLE_RANGES: &[(u32, u32)] = &[
    (0x80, 0x2FF),
    (0x388, 0x3FF),
    (0x400, 0x482),
    (0x48A, 0x52F),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
    (0x3000, 0x3029),
    (0x3041, 0x3096),
    (0x30A1, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
];

/// Whether `c` is in [`NFC_STABLE_RANGES`] (Latin first: the commonest case).
fn is_nfc_stable(c: char) -> bool {
    let c = c as u32;
    c <= 0x2FF || NFC_STABLE_RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// `is_nfc_quick(input.chars()) == Yes`, without decoding ASCII. The quick check resets its state
/// at every ASCII character (a starter that is always allowed), so its answer is Yes exactly when
/// it is Yes on every maximal run of non-ASCII characters, and only those runs are decoded.
/// ASCII is skipped eight bytes at a time.
fn is_nfc_quick_yes(input: &str) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Natively ASCII is skipped 32 bytes a step up to the next other byte (`swar::ascii_end`;
        // on the 3,000 bench articles the word-a-step loop below was 15.8 M instructions).
        #[cfg(not(target_arch = "wasm32"))]
        {
            i = swar::ascii_end(bytes, i);
            if i >= bytes.len() {
                break;
            }
        }
        #[cfg(target_arch = "wasm32")]
        if let Some(w) = swar::word_at(bytes, i) {
            // Eight ASCII bytes are skipped at once, and so are those before the first other one.
            let high = w & swar::HIGH;
            i += if high == 0 { 8 } else { swar::first_flagged(high) };
            if high == 0 {
                continue;
            }
        }
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] >= 0x80 {
            i += 1;
        }
        // Runs start and end next to ASCII bytes (or the ends), so they are char boundaries.
        let run = input.get(start..i).unwrap_or("");
        #[cfg(not(target_arch = "wasm32"))]
        if !run.chars().all(is_nfc_stable) && is_nfc_quick(run.chars()) != IsNormalized::Yes {
            return false;
        }
        // Without the crate's tables, a run is taken as NFC only when every character is in a
        // range known to be stable; anything else goes to the host's NFC.
        #[cfg(target_arch = "wasm32")]
        if !run.chars().all(is_nfc_stable) {
            return false;
        }
    }
    true
}

/// [`tidy`] for a string that is already NFC, with the same output: runs of bytes that need no
/// change (almost all of them) are copied whole, and only characters whose first byte can start
/// one that `tidy` changes (C0 controls and line ends, DEL, and the lead bytes of C1 controls,
/// NBSP, soft hyphen, U+1680, the U+2000 block, U+3000 and the BOM) go through the character
/// path. Spaces before a line end are removed when the line end is reached, as in `tidy`.
fn tidy_nfc_str(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    tidy_nfc_into(input, &mut out);
    out
}

/// [`tidy_nfc_str`], appended to `out` (which must be empty or end with a line end: trailing
/// spaces are dropped back to there).
fn tidy_nfc_into(input: &str, out: &mut String) {
    let bytes = input.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII (no byte below 0x20, no DEL, no high bit) needs no change: natively
        // skipped up to the next other byte, 32 bytes a step with word-wide tests
        // (`swar::printable_end`; see `NATIVE_FAST_PATHS`). Before, eight bytes a step with a
        // ten-operation test took 29.2 M instructions with the copies on the 3,000 bench
        // articles. The byte before the one found is printable ASCII when any was skipped,
        // which the line-end test below looks at.
        #[cfg(not(target_arch = "wasm32"))]
        {
            i = swar::printable_end(bytes, i);
        }
        let Some(&b) = bytes.get(i) else { break };
        // A line end after a byte that cannot have left a space at the end of the output (a
        // printable ASCII byte other than the space) is copied as it is, as `tidy_char` would.
        let plain_line_end = b == b'\n' && i > 0 && matches!(bytes[i - 1], 0x21..=0x7E);
        if plain_line_end || !(b < 0x20 || b == 0x7F || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)) {
            i += 1;
            continue;
        }
        // U+200E..=U+202E (curly quotes, dashes, the ellipsis, marks), which news text is full of,
        // are left as they are: `tidy_char` changes none of them (the spaces and invisible
        // characters of the U+2000 block lie on either side).
        if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2).is_some_and(|c| (0x8E..=0xAE).contains(c)) {
            i += 3;
            continue;
        }
        out.push_str(&input[copied..i]);
        let mut rest = input[i..].chars();
        let Some(c) = rest.next() else { break };
        tidy_char(out, c, rest.next());
        i += c.len_utf8();
        copied = i;
    }
    out.push_str(&input[copied..]);
    while out.ends_with(' ') {
        out.pop();
    }
}

/// The display-form tidying of an NFC character stream.
#[cfg(any(not(target_arch = "wasm32"), test))]
fn tidy(chars: impl Iterator<Item = char>) -> String {
    let (low, _) = chars.size_hint();
    let mut out = String::with_capacity(low);
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        tidy_char(&mut out, c, chars.peek().copied());
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Appends the display form of `c` (followed by `next`) to `out`.
#[inline]
fn tidy_char(out: &mut String, c: char, next: Option<char>) {
    if c == '\r' {
        if next != Some('\n') {
            out.push('\n');
        }
        return;
    }
    if is_invisible(c) {
        return;
    }
    if c == '\n' {
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
        return;
    }
    if is_odd_space(c) {
        out.push(' ');
        return;
    }
    // Other C0/C1 control characters are noise from broken encodings.
    if c.is_control() {
        return;
    }
    out.push(c);
}

/// Maps one character to its matching form: quotes and apostrophes to `'` / `"`, dashes to `-`,
/// ellipsis to `...` handled by the caller. Returns `None` for characters to drop.
fn unify(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// The matching form: the display form with quotes and dashes unified and case folded.
/// Lengths in characters can differ from the display form (case folding of ß etc.), so spans
/// are always computed on the form they refer to.
pub fn matching_form(input: &str) -> String {
    let display = normalize_display(input);
    let mut out = String::with_capacity(display.len());
    for c in display.chars() {
        if c == '\u{2026}' {
            out.push_str("...");
            continue;
        }
        for lower in unify(c).to_lowercase() {
            out.push(lower);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    fn check_pieces(input: &str) {
        let mut joined = String::new();
        let mut pieces = 0;
        for_each_display_piece(input, |piece| {
            joined.push_str(piece);
            pieces += 1;
        });
        assert_eq!(joined, normalize_display(input), "{input:?}");
        assert!(pieces <= 1 + input.len() / DISPLAY_PIECE_BYTES, "{input:?}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_display_form_in_pieces_is_the_display_form() {
        let line = "Moscow  accused\u{a0}the \u{200b}US \t\r\nof reducing ";
        let mut long = String::new();
        while long.len() < 3 * DISPLAY_PIECE_BYTES {
            long.push_str(line);
            long.push_str(" \r \n\n");
        }
        for input in [long.as_str(), line, "", "\n", " \n ", "a\r", "e\u{301} \n x"] {
            check_pieces(input);
        }
        // Cuts that fall just before `\n`, just before `\r\n`, and inside a run of spaces.
        for pad in DISPLAY_PIECE_BYTES - 3..DISPLAY_PIECE_BYTES + 3 {
            let head = "x".repeat(pad);
            for tail in ["  \n  y  \n", "\r\n\r\nz ", " \u{a0}\n", "\n\n\n"] {
                check_pieces(&format!("{head}{tail}{head}"));
            }
        }
    }

    #[test]
    fn display_form_removes_invisible_and_odd_spaces() {
        assert_eq!(normalize_display("In Iraq :\u{a0} Moscow\u{200b} says\r\n"), "In Iraq :  Moscow says\n");
    }

    #[test]
    fn fast_tidy_matches_the_character_path() {
        for text in [
            "plain ascii line  \nnext\r\nthird\rfourth   ",
            "NBSP\u{a0}and\u{2009}thin \u{200b}zero\u{feff}bom \u{ad}soft \u{3000}ideo\u{1680}ogham\t\u{7f}\u{85}",
            "curly \u{2019}quotes\u{201d} \u{2014} dash \u{2028}sep é日本 \u{a0}\n\u{a0}",
            "",
            " \r",
        ] {
            assert_eq!(tidy_nfc_str(text), tidy(text.chars()), "{text:?}");
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn nfc_stable_ranges_need_no_composition() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for &(lo, hi) in NFC_STABLE_RANGES {
            for c in (lo..=hi).filter_map(char::from_u32) {
                assert!(is_nfc_stable(c));
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:X}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "{:X}", c as u32);
            }
        }
        assert!(!is_nfc_stable('\u{301}') && !is_nfc_stable('\u{2126}'));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn fast_nfc_check_matches_the_crate() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for text in
            ["plain ascii", "café", "cafe\u{301}", "a\u{301}\u{316}b", "日本語 text é", "\u{316}\u{301}", "x\u{0344}"]
        {
            assert_eq!(is_nfc_quick_yes(text), is_nfc_quick(text.chars()) == IsNormalized::Yes, "{text:?}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn fast_nfc_check_matches_on_any_string(text in "(\\PC|[\u{300}-\u{36f}\u{1100}-\u{11ff}\u{ac00}-\u{ac10}]){0,40}") {
            use unicode_normalization::{is_nfc_quick, IsNormalized};
            proptest::prop_assert_eq!(is_nfc_quick_yes(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes);
        }

        #[test]
        fn fast_tidy_matches_on_any_string(text in "(\\PC|[\\s\u{a0}\u{ad}\u{200b}\u{2000}-\u{2030}\u{205f}\u{2060}\u{feff}\u{3000}\r\n\t ]){0,60}") {
            proptest::prop_assert_eq!(tidy_nfc_str(&text), tidy(text.chars()));
        }

        #[test]
        fn fast_tidy_matches_on_mostly_ascii_strings(text in "([ -~]{0,12}[\\x00-\\x1f\\x7f \\r\\n\\t\u{a0}\u{ad}\u{200b}\u{3000}é]?){0,20}") {
            proptest::prop_assert_eq!(tidy_nfc_str(&text), tidy(text.chars()));
        }
    }

    #[test]
    fn matching_form_unifies_quotes_dashes_and_case() {
        assert_eq!(matching_form("“That’s absolutely false” – Manning"), "\"that's absolutely false\" - manning");
    }
}
