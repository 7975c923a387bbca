//! Tells a site's menu from a list the article opens with, by the lines themselves. Both are runs
//! of short unterminated lines, and above the body the learned decision brings such a run back
//! only at the menu threshold (`MENU_RESTORE_THRESHOLD`). Once a settling pass has removed a
//! page's real menu, what is left above the body is often a specification sheet, an agenda or a
//! list of ingredients that now reads as "a menu at the top" (session 8: most of the body
//! passages settling loses). A menu's items are uniform labels of one to three words ("News",
//! "Local Sport", "Contact us") with no punctuation inside; a content list's items are longer
//! and varied, and carry colons, commas and figures ("Weight: 1.2 kg", "09:00 Registration",
//! "Red berries, citrus, sweet").

use super::features::BlockFeatures;
use super::CleanConfig;

/// A line is a menu label when it has at most this many words: menus name sections in one to
/// three words; a content list's items ("keine besondere Winterpflege nötig") run longer.
pub const MAX_MENU_LABEL_WORDS: usize = 3;

/// A line with at least this share of digits among its characters is a figure (a price, a
/// time, a measurement), not a label; "Section 3" (one digit in nine) still is a label.
pub const MAX_MENU_LABEL_DIGIT_RATIO: f64 = 0.2;

/// A run of short lines right above the body is a menu when at least this share of its lines
/// are labels: one varied item may slip into a menu ("Subscribe for 1 €"), but a list with
/// several punctuated or longer items is content.
pub const MIN_MENU_LABEL_SHARE: f64 = 0.8;

/// True when a line reads as a menu label: at most [`MAX_MENU_LABEL_WORDS`] words, no colon,
/// comma or semicolon inside, few digits, and not starting with a lower-case letter (menus name
/// sections as titles; a list item that starts lower case continues a sentence).
pub fn is_menu_label(text: &str, f: &BlockFeatures, config: &CleanConfig) -> bool {
    let text = text.trim();
    f.words <= config.max_menu_label_words
        && f.digit_ratio < config.max_menu_label_digit_ratio
        && !text.contains([':', ',', ';', '，', '：', '、'])
        && !text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
}

/// True when a run of short lines (text and features of each) reads as a menu: at least
/// [`MIN_MENU_LABEL_SHARE`] of its lines are labels ([`is_menu_label`]). An empty run is not a
/// menu.
pub fn reads_as_menu<'a>(lines: impl Iterator<Item = (&'a str, &'a BlockFeatures)>, config: &CleanConfig) -> bool {
    let (mut labels, mut total) = (0usize, 0usize);
    for (text, f) in lines {
        total += 1;
        labels += usize::from(is_menu_label(text, f, config));
    }
    total > 0 && labels as f64 >= config.min_menu_label_share * total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lines: &[&str]) -> bool {
        let config = CleanConfig::default();
        let scans: Vec<_> = lines.iter().map(|t| super::super::features::scan(t, None)).collect();
        reads_as_menu(lines.iter().copied().zip(scans.iter().map(|s| &s.features)), &config)
    }

    #[test]
    fn uniform_short_labels_are_a_menu() {
        assert!(check(&["News", "Local Sport", "Weather", "Contact Us", "Section 3"]));
        assert!(check(&["Politik", "Wirtschaft", "Kultur", "Sport"]));
    }

    #[test]
    fn specification_lines_and_agendas_are_not_a_menu() {
        assert!(!check(&["Weight: 1.2 kg", "Battery: 4000 mAh", "Screen: 6.1 inches", "Colour black"]));
        assert!(!check(&["09:00 Registration", "09:30 Welcome and opening", "10:00 Keynote", "11:00 Coffee"]));
        assert!(!check(&["Red berries, citrus, sweet", "Hand picked, washed, sun dried", "keeps well in winter"]));
        assert!(!check(&[]));
    }
}
