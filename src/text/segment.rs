//! Segmentation: paragraphs (blank-line separated), sentences (terminal punctuation that is not
//! part of a known abbreviation, initial or number), and words (Unicode UAX #29 word
//! boundaries). Every segment keeps its byte span in the text it came from, so the page can
//! highlight it and alignments can point back into the original.

use unicode_segmentation::UnicodeSegmentation;

/// A piece of text with its byte span `[start, end)` in the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Paragraphs: maximal runs of non-blank lines. Leading and trailing whitespace of each
/// paragraph is excluded from its span.
pub fn paragraphs(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                push_trimmed(text, s, last_end, &mut out);
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            last_end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        push_trimmed(text, s, last_end, &mut out);
    }
    out
}

fn push_trimmed<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Span<'a>>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push(Span { text: &text[s..e], start: s, end: e });
    }
}

/// Abbreviations that end in a period without ending a sentence: English news usage (titles,
/// ranks, months, US states as AP writes them, leaving out those that are also words such as
/// "Ill." or "Wash."), common Latin forms, and the titles and forms of
/// the other languages news is most pasted in (de, fr, es, it, pt, nl). Compared
/// case-insensitively without the final period. "No"/"Nr" count only before a number (see
/// [`NUMBER_ABBREVIATIONS`]), because "no." also ends sentences.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "brig", "cpl", "pvt", "gov", "sen", "rep", "pres", "rev", "hon", "supt", "insp", "det", "atty", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "inc", "ltd", "co", "corp",
    "bros", "dept", "est", "fig", "approx", "ave", "blvd", "rd", "ariz", "calif", "colo", "conn", "fla", "kan", "ky",
    "md", "mich", "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "va", "vt", "wis", "wyo", "u.s", "u.k", "u.n",
    "e.g", "i.e", "a.m", "p.m", "d.c", "ph.d", "cf", "al", "ibid", "bzw", "usw", "z.b", "ca", "hrn", "mme", "mlle",
    "sra", "srta", "dra", "avda", "pág", "dott", "avv", "sig.ra", "dhr", "mevr", "jhr",
];

/// Abbreviations that precede a number ("No. 10", "Nr. 5", "pp. 12").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nr", "nos", "pp", "p", "vol", "art", "n", "núm", "nº"];

/// Sentences of `text`: split after `.`, `!`, `?` (and their CJK forms), optionally followed
/// by closing quotes or brackets, when the next non-space character starts a new sentence and
/// the word before the period is not an abbreviation, a single initial or a number.
pub fn sentences(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let terminal = matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…');
        if !terminal && c != '\n' {
            continue;
        }
        // Consume runs of terminal punctuation and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '。') {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if c == '\n' {
            // A line break ends a sentence only when a blank line (a paragraph break) follows.
            let rest = &text[end..];
            if !rest.trim_start_matches([' ', '\t']).starts_with('\n') {
                continue;
            }
        } else if matches!(c, '。' | '！' | '？') {
            // CJK terminal punctuation needs no following space.
        } else {
            let next = text[end..].chars().next();
            match next {
                None => {}
                Some(n) if n.is_whitespace() => {
                    let after = text[end..].trim_start().chars().next();
                    if let Some(a) = after {
                        if a.is_lowercase() || a.is_ascii_digit() && c == '.' {
                            continue;
                        }
                    }
                }
                Some(_) => continue,
            }
            if c == '.' && is_abbreviation_before(&text[start..i], &text[end..]) {
                continue;
            }
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    if start < text.len() {
        push_trimmed(text, start, text.len(), &mut out);
    }
    out
}

/// True when the word right before a period is an abbreviation, an initial ("J.") or a number.
/// `after` is the text after the period, for abbreviations that only precede numbers.
fn is_abbreviation_before(before: &str, after: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    if NUMBER_ABBREVIATIONS.contains(&lower.as_str()) && after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let mut chars = word.chars();
    let single_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_initial || word.contains('.') && word.len() <= 6
}

/// Words: UAX #29 words (letters, digits, apostrophes inside words), with their spans.
pub fn words(text: &str) -> Vec<Span<'_>> {
    text.unicode_word_indices().map(|(start, w)| Span { text: w, start, end: start + w.len() }).collect()
}

/// Counts words without allocating spans.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let p = paragraphs("One\ntwo\n\n  \nThree\n");
        let t: Vec<_> = p.iter().map(|s| s.text).collect();
        assert_eq!(t, vec!["One\ntwo", "Three"]);
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let s = sentences("Col. Rob Manning spoke in the U.S. capital. \"That's false,\" he said. It ended.");
        let t: Vec<_> = s.iter().map(|s| s.text).collect();
        assert_eq!(t, vec!["Col. Rob Manning spoke in the U.S. capital.", "\"That's false,\" he said.", "It ended."]);
    }

    #[test]
    fn sentences_know_titles_months_and_number_abbreviations() {
        let s = sentences("Dr. Ann Lee met Gen. Smith on Jan. 5. She said no. Room No. 10 was empty.");
        let t: Vec<_> = s.iter().map(|s| s.text).collect();
        assert_eq!(t, vec!["Dr. Ann Lee met Gen. Smith on Jan. 5.", "She said no.", "Room No. 10 was empty."]);
    }

    #[test]
    fn words_have_spans() {
        let w = words("The US-led coalition");
        assert_eq!(w.iter().map(|s| s.text).collect::<Vec<_>>(), vec!["The", "US", "led", "coalition"]);
        assert_eq!(w[1].start, 4);
    }
}
