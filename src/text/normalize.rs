//! Two forms of every text. The *display* form is what the person pasted, tidied only where
//! nothing is lost (NFC, no zero-width characters, NBSP as a space, trailing spaces gone). The
//! *matching* form unifies what differs between copies of one story without changing its words:
//! curly and straight quotes, dashes, case. Dedup and keywords compare matching forms; the page
//! shows display forms.

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
    if unicode_normalization::is_nfc_quick(input.chars()) == unicode_normalization::IsNormalized::Yes {
        return tidy(input.chars());
    }
    tidy(input.nfc())
}

/// The display-form tidying of an NFC character stream.
fn tidy(chars: impl Iterator<Item = char>) -> String {
    let (low, _) = chars.size_hint();
    let mut out = String::with_capacity(low);
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if c == '\n' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
            continue;
        }
        if is_odd_space(c) {
            out.push(' ');
            continue;
        }
        // Other C0/C1 control characters are noise from broken encodings.
        if c.is_control() {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
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

    #[test]
    fn display_form_removes_invisible_and_odd_spaces() {
        assert_eq!(normalize_display("In Iraq :\u{a0} Moscow\u{200b} says\r\n"), "In Iraq :  Moscow says\n");
    }

    #[test]
    fn matching_form_unifies_quotes_dashes_and_case() {
        assert_eq!(matching_form("“That’s absolutely false” – Manning"), "\"that's absolutely false\" - manning");
    }
}
