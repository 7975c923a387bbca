//! A small, strict reader of one JSONL record: one JSON object per line whose string fields
//! text, content, html, url, title and date we keep, plus the id as written. It replaces
//! `serde_json::from_str` for this one shape because serde_json's deserializer formats an
//! unexpected float with its float printer when it builds a type error, so merely deserializing
//! the record linked that printer's tables and code into the core wasm module (about 12 KB
//! gzipped). It accepts and rejects what serde_json with `#[derive(Deserialize)]` did (the tests
//! compare the two on generated lines), with two deliberate differences: a lone UTF-16 surrogate
//! escape in a kept string becomes U+FFFD instead of rejecting the line, and a top-level array
//! (which the derive read as the fields in order) is not a record. Unknown fields of any type
//! are skipped without recursion, so a line nested 100,000 deep cannot overflow the stack.

use std::borrow::Cow;
use std::fmt;

/// One record as read: every field absent when missing or `null`.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Record {
    /// A string id's value, or the JSON text of any other id as written (`7`, `[1,"q"]`).
    pub id: Option<String>,
    pub text: Option<String>,
    pub content: Option<String>,
    pub html: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// Why a line is not a record; `at` is a byte offset into the line, shown as a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParseError {
    /// Not JSON, or JSON that is not one object.
    Syntax { what: &'static str, at: usize },
    /// A kept field whose value is neither a string nor null.
    NotString { field: &'static str, kind: &'static str, at: usize },
    /// A kept field given twice (serde's derive refused this too).
    Duplicate { field: &'static str, at: usize },
}

/// A [`ParseError`] with the line it came from, for a message with a column in characters.
pub(crate) struct Located<'a> {
    pub error: ParseError,
    pub line: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let column = |at: usize| self.line.get(..at).map_or(at, |s| s.chars().count()) + 1;
        match self.error {
            ParseError::Syntax { what, at } => write!(f, "not a JSON object ({what} at column {})", column(at)),
            ParseError::NotString { field, kind, at } => {
                write!(f, "the \"{field}\" field is {kind}, not a string (column {})", column(at))
            }
            ParseError::Duplicate { field, at } => {
                write!(f, "the \"{field}\" field is given twice (the second at column {})", column(at))
            }
        }
    }
}

type Parsed<T> = std::result::Result<T, ParseError>;

/// The fields we keep, in the order of the `seen` bits.
const FIELDS: [&str; 7] = ["id", "text", "content", "html", "url", "title", "date"];

/// Reads one line as a record.
pub(crate) fn parse_record(line: &str) -> Parsed<Record> {
    let mut p = Parser { b: line.as_bytes(), s: line, i: 0, scratch: String::new() };
    let mut record = Record::default();
    let mut seen = [false; FIELDS.len()];
    p.ws();
    match p.peek() {
        Some(b'{') => p.i += 1,
        Some(b'[') => return Err(p.syntax("an array, expected an object")),
        Some(_) => return Err(p.syntax("expected `{`")),
        None => return Err(p.syntax("empty line")),
    }
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            if p.peek() != Some(b'"') {
                return Err(p.syntax(if p.peek() == Some(b'}') {
                    "trailing comma"
                } else {
                    "expected a key in quotes"
                }));
            }
            let key_at = p.i;
            let key = p.string()?;
            p.colon()?;
            match FIELDS.iter().position(|f| *f == key) {
                None => p.skip_value()?,
                Some(k) => {
                    let field = FIELDS[k];
                    if std::mem::replace(&mut seen[k], true) {
                        return Err(ParseError::Duplicate { field, at: key_at });
                    }
                    let value = if k == 0 { p.id()? } else { p.optional_string(field)? };
                    let slot = match k {
                        0 => &mut record.id,
                        1 => &mut record.text,
                        2 => &mut record.content,
                        3 => &mut record.html,
                        4 => &mut record.url,
                        5 => &mut record.title,
                        _ => &mut record.date,
                    };
                    *slot = value;
                }
            }
            p.ws();
            match p.peek() {
                Some(b',') => p.i += 1,
                Some(b'}') => {
                    p.i += 1;
                    break;
                }
                Some(_) => return Err(p.syntax("expected `,` or `}`")),
                None => return Err(p.syntax("the line ends inside the object")),
            }
        }
    }
    p.ws();
    if p.i < p.b.len() {
        return Err(p.syntax("trailing characters"));
    }
    Ok(record)
}

struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
    /// Where a string with escapes is unescaped, then copied out at its exact length (a
    /// record's strings are kept for the whole run, so no spare capacity).
    scratch: String,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn syntax(&self, what: &'static str) -> ParseError {
        ParseError::Syntax { what, at: self.i.min(self.b.len()) }
    }

    /// JSON whitespace: space, tab, CR and LF (not form feed or Unicode spaces).
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.peek() {
            self.i += 1;
        }
    }

    fn colon(&mut self) -> Parsed<()> {
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.syntax("expected `:` after a key"));
        }
        self.i += 1;
        self.ws();
        Ok(())
    }

    /// The id: null is absent, a string is its value, anything else its JSON text as written.
    fn id(&mut self) -> Parsed<Option<String>> {
        match self.peek() {
            Some(b'n') => self.literal(b"null").map(|()| None),
            Some(b'"') => self.string().map(|s| Some(s.into_owned())),
            _ => {
                let start = self.i;
                self.skip_value()?;
                Ok(self.s.get(start..self.i).map(str::to_string))
            }
        }
    }

    /// A kept text field: a string, or null for absent; any other value names the field.
    fn optional_string(&mut self, field: &'static str) -> Parsed<Option<String>> {
        let at = self.i;
        let kind = match self.peek() {
            Some(b'"') => return self.string().map(|s| Some(s.into_owned())),
            Some(b'n') => return self.literal(b"null").map(|()| None),
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(b't' | b'f') => "a boolean",
            Some(b'[') => "an array",
            Some(b'{') => "an object",
            Some(_) => return Err(self.syntax("expected a value")),
            None => return Err(self.syntax("the line ends before a value")),
        };
        // Only if the rest of the line is JSON: a broken line is reported as broken.
        self.skip_value()?;
        Err(ParseError::NotString { field, kind, at })
    }

    fn literal(&mut self, word: &'static [u8]) -> Parsed<()> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.syntax("expected `true`, `false` or `null`"))
        }
    }

    /// Skips one value of any type and depth with an explicit stack instead of recursion.
    fn skip_value(&mut self) -> Parsed<()> {
        // One entry per open container: true for an object, false for an array.
        let mut open: Vec<bool> = Vec::new();
        loop {
            self.ws();
            match self.peek() {
                Some(b'{') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                    } else {
                        open.push(true);
                        self.key_and_colon()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => self.skip_string()?,
                Some(b'-' | b'0'..=b'9') => self.skip_number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(_) => return Err(self.syntax("expected a value")),
                None => return Err(self.syntax("the line ends before a value")),
            }
            // After a value: close what it ends, or move to the next element.
            loop {
                let Some(&object) = open.last() else { return Ok(()) };
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if object {
                            self.key_and_colon()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        self.i += 1;
                        open.pop();
                    }
                    Some(b']') if !object => {
                        self.i += 1;
                        open.pop();
                    }
                    Some(_) if object => return Err(self.syntax("expected `,` or `}`")),
                    Some(_) => return Err(self.syntax("expected `,` or `]`")),
                    None => return Err(self.syntax("the line ends inside a value")),
                }
            }
        }
    }

    fn key_and_colon(&mut self) -> Parsed<()> {
        self.ws();
        if self.peek() != Some(b'"') {
            return Err(self.syntax(if self.peek() == Some(b'}') {
                "trailing comma"
            } else {
                "expected a key in quotes"
            }));
        }
        self.skip_string()?;
        self.colon()
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn skip_number(&mut self) -> Parsed<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.syntax("invalid number (a leading zero)"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.syntax("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.syntax("invalid number (no digit after `.`)"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.syntax("invalid number (no digit in the exponent)"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    /// Skips a string at `"`, checking its escapes (any `\uXXXX`, as serde_json did when ignoring).
    fn skip_string(&mut self) -> Parsed<()> {
        self.i += 1;
        loop {
            self.i = special(self.b, self.i);
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            self.i += 1;
                            self.hex4()?;
                        }
                        _ => return Err(self.syntax("invalid escape")),
                    }
                }
                Some(_) => return Err(self.syntax("control character in a string")),
                None => return Err(self.syntax("the line ends inside a string")),
            }
        }
    }

    /// Reads a string at `"`: borrowed when it has no escape, the common case.
    fn string(&mut self) -> Parsed<Cow<'a, str>> {
        self.i += 1;
        let mut escaped = false;
        let mut run = self.i;
        loop {
            self.i = special(self.b, self.i);
            let piece = self.s.get(run..self.i).unwrap_or_default();
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    if !escaped {
                        return Ok(Cow::Borrowed(piece));
                    }
                    self.scratch.push_str(piece);
                    // The buffer itself when the string fills most of it (a body, sized for the
                    // rest of its line): no copy. A short string (an id) is copied, so that it
                    // does not hold a buffer the size of the line for the whole run.
                    if self.scratch.len() * 2 >= self.scratch.capacity() {
                        return Ok(Cow::Owned(std::mem::take(&mut self.scratch)));
                    }
                    return Ok(Cow::Owned(self.scratch.clone()));
                }
                Some(b'\\') => {
                    if !std::mem::replace(&mut escaped, true) {
                        // At most the rest of the line: one allocation, where growing by
                        // doubling copied a 3 KB body about five times.
                        self.scratch.clear();
                        self.scratch.reserve(self.b.len().saturating_sub(run));
                    }
                    self.scratch.push_str(piece);
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode_escape()?;
                            self.scratch.push(c);
                            run = self.i;
                            continue;
                        }
                        _ => return Err(self.syntax("invalid escape")),
                    };
                    self.scratch.push(c);
                    self.i += 1;
                    run = self.i;
                }
                Some(_) => return Err(self.syntax("control character in a string")),
                None => return Err(self.syntax("the line ends inside a string")),
            }
        }
    }

    /// After `\u`: one character, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Parsed<char> {
        let n = u32::from(self.hex4()?);
        if !(0xD800..0xDC00).contains(&n) {
            return Ok(char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        if self.b.get(self.i..self.i + 2) == Some(b"\\u") {
            let save = self.i;
            self.i += 2;
            let low = u32::from(self.hex4()?);
            if (0xDC00..0xE000).contains(&low) {
                let c = 0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            // Not a low surrogate: that escape is a character of its own, read next.
            self.i = save;
        }
        Ok(char::REPLACEMENT_CHARACTER)
    }

    fn hex4(&mut self) -> Parsed<u16> {
        // All four digits at once (the common case, escaped accents in ASCII-only JSON); the
        // loop below finds the bad digit's column otherwise.
        if let Some(&[a, b, c, d]) = self.b.get(self.i..self.i + 4) {
            let [a, b, c, d] = [a, b, c, d].map(|x| HEX_DIGITS[usize::from(x)]);
            if a | b | c | d < 16 {
                self.i += 4;
                return Ok(u16::from(a) << 12 | u16::from(b) << 8 | u16::from(c) << 4 | u16::from(d));
            }
        }
        let mut n = 0u16;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.syntax("invalid \\u escape")),
            };
            n = n << 4 | u16::from(d);
            self.i += 1;
        }
        Ok(n)
    }
}

/// Each byte's value as a hex digit, 0xFF when it is not one.
const HEX_DIGITS: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// The first index from `i` holding `"`, `\` or a control character (or the end): sixteen bytes
/// at a time in SSE2 (every x86-64 processor has it), eight by SWAR elsewhere, since article
/// bodies are long strings with few escapes.
fn special(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    let i = special_sse2(b, i);
    special_swar(b, i)
}

/// [`special`]'s sixteen-byte steps: returns the first special index of the whole blocks from
/// `i`, or where the blocks end (the rest, under sixteen bytes, is for [`special_swar`]). A block
/// takes about ten instructions where the eight-byte test took some thirty for half as many bytes
/// (it was four instructions a byte of the corpus, 2% of a JSONL dedup run).
#[cfg(target_arch = "x86_64")]
fn special_sse2(b: &[u8], i: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let rest = b.get(i..).unwrap_or_default();
    let mut blocks = rest.chunks_exact(16);
    for (k, block) in blocks.by_ref().enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the sixteen bytes of
        // `block` (unaligned).
        let mask = unsafe {
            let x = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
            // A byte below 0x20 is its own minimum with 0x1F (unsigned).
            let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
        };
        if mask != 0 {
            return i + 16 * k + mask.trailing_zeros() as usize;
        }
    }
    i + rest.len() - blocks.remainder().len()
}

/// [`special`] eight bytes at a time.
fn special_swar(b: &[u8], mut i: usize) -> usize {
    use crate::text::swar::{byte_mask, first_flagged, less_mask, word_at};
    while let Some(w) = word_at(b, i) {
        let hits = byte_mask(w, b'"') | byte_mask(w, b'\\') | less_mask(w, 0x20);
        if hits != 0 {
            return i + first_flagged(hits);
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The record as serde_json with the derive read it before (the reference).
    #[derive(serde::Deserialize)]
    struct Reference {
        id: Option<Box<serde_json::value::RawValue>>,
        text: Option<String>,
        content: Option<String>,
        html: Option<String>,
        url: Option<String>,
        title: Option<String>,
        date: Option<String>,
    }

    /// serde_json's verdict as a [`Record`], or None when the reader differs on purpose
    /// (a lone surrogate, a top-level array).
    fn reference(line: &str) -> Option<std::result::Result<Record, String>> {
        if line.trim_start().starts_with('[') {
            return None;
        }
        let r = match serde_json::from_str::<Reference>(line) {
            Err(e) if e.to_string().contains("surrogate") || e.to_string().contains("hex escape") => return None,
            Err(e) => return Some(Err(e.to_string())),
            Ok(r) => r,
        };
        let id = match r.id.as_deref().map(serde_json::value::RawValue::get) {
            None | Some("null") => None,
            Some(raw) if raw.starts_with('"') => Some(serde_json::from_str::<String>(raw).ok()?),
            Some(raw) => Some(raw.to_string()),
        };
        let (text, content, html, url, title, date) = (r.text, r.content, r.html, r.url, r.title, r.date);
        Some(Ok(Record { id, text, content, html, url, title, date }))
    }

    fn agree(line: &str) -> std::result::Result<(), TestCaseError> {
        let Some(want) = reference(line) else { return Ok(()) };
        if std::env::var_os("JSONL_AGREE_LOG").is_some() {
            eprintln!("agree {} {line}", want.is_ok());
        }
        let got = parse_record(line);
        match (&want, &got) {
            (Ok(w), Ok(g)) => prop_assert_eq!(w, g, "line {:?}", line),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "line {:?}: serde_json {:?}, reader {:?}", line, want, got),
        }
        Ok(())
    }

    fn message(line: &str) -> String {
        match parse_record(line) {
            Ok(r) => format!("ok {r:?}"),
            Err(error) => Located { error, line }.to_string(),
        }
    }

    /// A JSON string literal for `s`, each character written raw or escaped at random.
    fn json_string(chars: Vec<(char, u8)>) -> String {
        let mut out = String::from("\"");
        for (c, how) in chars {
            match (c, how % 4) {
                ('"', _) => out.push_str("\\\""),
                ('\\', _) => out.push_str("\\\\"),
                ('\n', 0 | 1) => out.push_str("\\n"),
                ('\t', 0 | 1) => out.push_str("\\t"),
                ('/', 0) => out.push_str("\\/"),
                (c, 3) | (c, _) if (c as u32) < 0x20 => {
                    let mut buf = [0u16; 2];
                    for unit in c.encode_utf16(&mut buf) {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
                (c, 3) => {
                    let mut buf = [0u16; 2];
                    for unit in c.encode_utf16(&mut buf) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                (c, _) => out.push(c),
            }
        }
        out.push('"');
        out
    }

    fn string_strategy() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            4 => proptest::char::range('a', 'z'),
            1 => Just(' '),
            1 => prop::sample::select(vec!['"', '\\', '/', '\n', '\t', '\u{1}', '\u{1f}', '\u{7f}']),
            1 => prop::sample::select(vec!['é', 'ß', '中', '€', '😀', '𝄞', '\u{FEFF}', '\u{2028}']),
        ];
        prop::collection::vec((c, any::<u8>()), 0..12).prop_map(json_string)
    }

    fn ws() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", "", "", " ", "\t", "  ", "\r", " \n "])
    }

    fn value_strategy() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            string_strategy(),
            prop::sample::select(vec![
                "0", "-0", "7", "-12", "3.25", "1e9", "2E-3", "-0.5e+7", "1e999", "true", "false", "null",
            ])
            .prop_map(str::to_string),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                (prop::collection::vec((inner.clone(), ws()), 0..4)).prop_map(|v| format!(
                    "[{}]",
                    v.iter().map(|(x, w)| format!("{w}{x}")).collect::<Vec<_>>().join(",")
                )),
                (prop::collection::vec((string_strategy(), inner, ws()), 0..4)).prop_map(|v| format!(
                    "{{{}}}",
                    v.iter().map(|(k, x, w)| format!("{k}{w}:{w}{x}")).collect::<Vec<_>>().join(",")
                )),
            ]
        })
    }

    /// A random record: kept fields (a string, null, now and then another type or a second
    /// copy) and unknown fields of any type, in any order, with any whitespace.
    fn line_strategy() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "\"id\"",
            "\"text\"",
            "\"content\"",
            "\"html\"",
            "\"url\"",
            "\"title\"",
            "\"date\"",
            "\"te\\u0078t\"",
            "\"extra\"",
            "\"meta\"",
            "\"Text\"",
            "\"\"",
        ]);
        let value = prop_oneof![6 => string_strategy(), 1 => Just("null".to_string()), 2 => value_strategy()];
        prop::collection::vec((key, value, ws(), ws()), 0..7).prop_map(|fields| {
            let body: Vec<String> = fields.iter().map(|(k, v, a, b)| format!("{a}{k}{b}:{a}{v}{b}")).collect();
            format!("{{{}}}", body.join(","))
        })
    }

    /// Breaks a line: deletes, inserts or replaces one byte, or cuts it short.
    fn broken(line: &str, at: usize, how: u8, with: u8) -> String {
        let mut b = line.as_bytes().to_vec();
        let at = at % (b.len() + 1);
        let with = b"{}[],:\"\\ 01-.eEtnu/x\t\x01"[usize::from(with) % 22];
        match how % 4 {
            0 if at < b.len() => drop(b.remove(at)),
            1 => b.insert(at, with),
            2 if at < b.len() => b[at] = with,
            _ => b.truncate(at),
        }
        String::from_utf8_lossy(&b).into_owned()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn agrees_with_serde_json_on_records(line in line_strategy()) {
            agree(&line)?;
        }

        #[test]
        fn agrees_with_serde_json_on_broken_lines(line in line_strategy(), at in any::<usize>(), how in any::<u8>(), with in any::<u8>()) {
            agree(&broken(&line, at, how, with))?;
        }

        #[test]
        fn agrees_on_any_short_text(line in "[{}\\[\\],:\" \\\\a-u0-9.eE+-]{0,24}") {
            agree(&line)?;
        }
    }

    #[test]
    fn reads_the_kept_fields_and_unescapes() {
        let r = parse_record(
            r#" {"text":"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00","url":null,"title":"T","x":[1,{"y":[]}]} "#,
        )
        .unwrap();
        assert_eq!(r.text.as_deref(), Some("a\"b\\c/d\u{8}\u{c}\n\r\té😀"));
        assert_eq!((r.url, r.title.as_deref()), (None, Some("T")));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let r = parse_record(r#"{"text":"a\uD800b\uDC00c\uD800\u0041\uD83D"}"#).unwrap();
        assert_eq!(r.text.as_deref(), Some("a\u{FFFD}b\u{FFFD}c\u{FFFD}A\u{FFFD}"));
    }

    #[test]
    fn ids_are_string_values_or_json_text() {
        let id = |line: &str| parse_record(line).unwrap().id;
        assert_eq!(id(r#"{"id":"a\u0041"}"#).as_deref(), Some("aA"));
        assert_eq!(id(r#"{"id": 1.50e3 }"#).as_deref(), Some("1.50e3"));
        assert_eq!(id(r#"{"id":{ "k" : [1, 2] }}"#).as_deref(), Some(r#"{ "k" : [1, 2] }"#));
        assert_eq!(id(r#"{"id":null}"#), None);
    }

    #[test]
    fn errors_name_what_and_where() {
        assert_eq!(message(r#"{"text": 5}"#), "the \"text\" field is a number, not a string (column 10)");
        assert_eq!(
            message(r#"{"text":"a","text":"b"}"#),
            "the \"text\" field is given twice (the second at column 13)"
        );
        assert_eq!(message(r#"{"text" "a"}"#), "not a JSON object (expected `:` after a key at column 9)");
        assert_eq!(message(r#"{"tïtle":"a",}"#), "not a JSON object (trailing comma at column 14)");
        assert_eq!(message("{\"text\":\"a\u{1}\"}"), "not a JSON object (control character in a string at column 11)");
        assert_eq!(message(r#"{"text":"a"} x"#), "not a JSON object (trailing characters at column 14)");
        assert_eq!(message(r#"["a"]"#), "not a JSON object (an array, expected an object at column 1)");
    }

    #[test]
    fn deep_nesting_in_unknown_fields_does_not_overflow() {
        let depth = 100_000;
        let line = format!(r#"{{"deep":{}1{},"text":"t"}}"#, "[{\"a\":".repeat(depth), "}]".repeat(depth));
        assert_eq!(parse_record(&line).unwrap().text.as_deref(), Some("t"));
        let unclosed = format!(r#"{{"deep":{}"#, "[".repeat(depth));
        assert!(parse_record(&unclosed).is_err());
    }

    #[test]
    fn special_finds_the_first_quote_backslash_or_control_in_long_runs() {
        for len in 0..40 {
            for (c, at) in [(b'"', 0usize), (b'\\', 5), (0x1f, 17), (0x00, 39)] {
                let mut b = vec![b'a'; len];
                b.extend_from_slice("é€".as_bytes());
                let want = if at < b.len() {
                    b[at] = c;
                    at
                } else {
                    b.len()
                };
                assert_eq!(special(&b, 0), want, "len {len} at {at}");
                assert_eq!(special_swar(&b, 0), want, "len {len} at {at}");
            }
        }
    }

    #[test]
    fn special_agrees_with_a_byte_by_byte_search_for_every_byte_value() {
        let naive =
            |b: &[u8], i: usize| (i..b.len()).find(|&j| matches!(b[j], b'"' | b'\\' | 0..=0x1f)).unwrap_or(b.len());
        for byte in 0..=255u8 {
            for at in [0usize, 7, 15, 16, 17, 31, 40] {
                let mut b: Vec<u8> = (0..48).map(|j| [b'a', 0x80, 0xe9, b'~', b' '][j % 5]).collect();
                b[at] = byte;
                for start in [0usize, 1, 9, 20] {
                    assert_eq!(special(&b, start), naive(&b, start), "byte {byte:#x} at {at} from {start}");
                }
            }
        }
    }
}
