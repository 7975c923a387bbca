//! HTML mode: saved pages. The page is parsed with html5ever (the WHATWG algorithm) into an arena
//! ([`dom`]), cut into visible text blocks ([`extract_blocks`]: one [`HtmlBlock`] per paragraph,
//! heading, list item, cell or `<br>`-separated line, with its tag, link density and the markup
//! evidence around it), and the main content container is chosen the way Readability does:
//! paragraphs score their parent and grandparent, class/id words (`article`, `content` vs
//! `sidebar`, `comment`) weight the candidates, the best one wins together with its qualifying
//! siblings. Blocks are then decided one by one ([`decide_blocks`]): outside the main container,
//! inside navigation/aside/footer markup, captions, link-dense lines and share/related/newsletter
//! widgets go, each with its [`RemovalReason`]. The body's own markup is evidence too: text
//! outside the `<p>` paragraphs it is written in, blocks after the element holding them, and
//! the `<h1>` headline (metadata, as in text mode) leave it. When the result is too short, one
//! rule at a time is relaxed and the best attempt is kept. [`extract_metadata`] reads title,
//! date, site name and author from `<title>`, Open Graph, `<time>`, microdata and JSON-LD.
//!
//! Every walk is iterative (explicit stacks over the arena), so a page nested 100,000 deep
//! neither overflows the stack nor takes quadratic time in our code.
//!
//! ```
//! use article_analyzer::clean::html::extract_blocks;
//!
//! let blocks = extract_blocks("<nav><a href=/>Home</a></nav><article><p>Moscow accused the US on \
//!     Tuesday of reducing air strikes against the group, the ministry said &amp; added more.</p></article>");
//! assert!(blocks.iter().any(|b| b.in_main && b.text.ends_with("said & added more.")));
//! assert!(blocks.iter().any(|b| !b.in_main && b.text == "Home"));
//! ```

mod dom;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use self::dom::{Dom, NodeId, NodeKind, DOCUMENT};
use super::features::{BlockFeatures, BlockInput, HtmlEvidence};
use super::signals::PhraseMatcher;
use super::{Block, CleanConfig, Metadata, ReadDocument, RemovalReason};
use crate::text;

/// Settings of HTML mode. `Default` is the tuned setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HtmlConfig {
    /// Paragraphs shorter than this (in characters) do not vote for a container.
    pub min_paragraph_chars: usize,
    /// How many ancestors above a paragraph receive (a decreasing share of) its score.
    pub score_ancestor_levels: usize,
    /// Weight of one positive or negative class/id hint on a candidate container.
    pub class_weight: f64,
    /// A sibling of the chosen container joins it when its score reaches this share of the best.
    pub sibling_score_ratio: f64,
    /// A block whose link characters exceed this share of its characters is navigation.
    pub max_link_density: f64,
    /// When fewer characters than this are kept, relax one rule and try again.
    pub min_kept_chars: usize,
    /// A relaxed attempt replaces the best one only when it keeps this many times more.
    pub relaxed_gain: f64,
    /// Paragraphs at least this long count as prose when comparing containers.
    pub long_paragraph_chars: usize,
    /// The container climbs to an ancestor holding this much more prose (0.3 = 30% more)...
    pub prose_climb_gain: f64,
    /// ...provided the ancestor's link density stays below this.
    pub max_container_link_density: f64,
    /// Inside the main content, a sub-container with more of its text in links than this goes.
    pub conditional_link_density: f64,
    /// ...or than this, when its class/id says content.
    pub conditional_link_density_weighted: f64,
    /// ...unless its text has at least this many commas (prose).
    pub conditional_min_commas: usize,
    /// How many non-prose blocks (byline, picture credit, share buttons) may separate a
    /// standfirst from the body.
    pub max_lead_gap: usize,
    /// Lines of at most this many words after the last paragraph are labels.
    pub max_label_words: usize,
    /// How many levels above the container to look for prose siblings (standfirsts).
    pub prose_sibling_levels: usize,
    /// How the structural decision and the shared classifier's combine.
    pub combination: HtmlCombination,
    /// How many kept blocks after the last paragraph of prose count as the article's tail.
    pub tail_blocks: usize,
    /// Blocks up to this many words are judged by the text signals even when they end like a
    /// sentence.
    pub max_loose_signal_words: usize,
    /// In the article's tail, a paragraph longer than `max_loose_signal_words` and at most this
    /// many words goes when its head names a newsletter or a footer phrase (0: never).
    /// (Builds without HTML mode, the core wasm module, do not read the two tail-prompt settings
    /// from a config: they never use them, and each named field costs the module bytes.)
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub tail_prompt_words: usize,
    /// In the article's tail, a block of at most `tail_prompt_words` words that links to a
    /// subscription, newsletter, login or app-store page or to a messaging channel goes
    /// ([`prompt_target`]; a link to one of a channel's messages only from a block that is not prose).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub tail_prompt_links: bool,
    /// In the article's tail, a block with at least this share of its words spelt in two
    /// alphabets at once ("Аdvеrtіѕе" with Cyrillic letters among Latin ones) goes as an
    /// advertisement ([`mixed_script_words`]; above 1.0: never).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub tail_mixed_script_share: f64,
    /// ...and at least this many of its words are so spelt (one or two are a typo or a glued
    /// name).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub min_mixed_script_words: usize,
    /// A kept block of at most this many words that holds a paywall or login-gate phrase
    /// ([`PAYWALL_PHRASES`]: "already a subscriber", "Sie sind nicht eingeloggt", "para
    /// seguir leyendo") goes as a call to action, wherever it stands (0: never).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub paywall_notice_words: usize,
    /// A block of at least this many words before the body that the page's own summary
    /// (`<meta name=description>`, `og:description`) repeats is the article's dek, kept whatever
    /// the markup around it says ([`DESCRIBED_DEK_WORDS`]; 0: never).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub described_dek_words: usize,
    /// When at least this share of the kept prose is in `<p>` elements, text held by other boxes
    /// after the first paragraph is a widget's (above 1.0: never).
    pub paragraph_markup_share: f64,
    /// When one element is the parent of at least this share of the kept `<p>` prose, kept
    /// blocks after it are after the article's end (soft; above 1.0: never).
    pub body_parent_share: f64,
    /// Keep the page's `<h1>` headline in the body (by default it goes, as in text mode: the
    /// title is metadata).
    pub headline_in_body: bool,
    /// A kept line of at most this many words ending in a colon ("Further information:",
    /// "Contact:") goes when the block after it was removed; 0 turns the rule off.
    pub max_dangling_label_words: usize,
    /// Captions are the article when they hold this many times the text kept besides them.
    pub caption_story_ratio: f64,
    /// An `<h1>` names the page when this share of the words of the shorter of it and the
    /// title are in both; prose between that headline and the body is lead (above 1.0: never).
    pub headline_title_overlap: f64,
    /// A kept block in the article's tail (see [`HtmlConfig::tail_blocks`]) goes when the
    /// learned content model of text mode, reading the page's blocks as plain text, gives it a
    /// score below this (0: never); list items and table cells are not judged.
    pub tail_content_score: f64,
    /// Remove an author box (see [`is_author_box`]) whatever else says, unless it holds most of
    /// the page's prose (a profile page).
    pub strip_author_boxes: bool,
    /// A comment section (class/id `comment`, `disqus`, `replies`, `remark`) is furniture even
    /// when it holds most of the page's prose, provided the rest of the page holds at least
    /// this many characters of prose: the story it is under.
    pub comment_article_chars: usize,
    /// A heading (not a sentence of prose) with nothing kept after it goes as an
    /// `emptySection`: an article never ends on a heading (trafilatura's last step; the kept
    /// heading is a removed rail's or menu's: "Archive", "Categories", "Stay informed!").
    pub drop_trailing_headings: bool,
    /// A `readmore` / `read-more` box with at least this many characters of link-poor text is
    /// collapsed text the reader expands, not a teaser (`usize::MAX`: every such box goes).
    pub collapsed_text_chars: usize,
    /// A rail of teaser cards goes ([`Page::strip_teaser_cards`]): at least this many sibling
    /// boxes of one tag and class, each a linked headline of at least `card_headline_words`
    /// words over at most `card_teaser_words` words of unlinked text (0: never).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_min_siblings: usize,
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_headline_words: usize,
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_teaser_words: usize,
    /// A teaser card holds at most this many blocks (its headline, a teaser, a date line).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_max_blocks: usize,
    /// Cards holding at least this share of the kept text are the page (an index, a
    /// listicle), not a rail (0: no rail goes).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_max_kept_share: f64,
    /// A card's headline has at least this share of its characters inside a link.
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_headline_link_share: f64,
    /// How many elements above a block its card may be (the card box, a wrapper, the
    /// headline's element).
    #[cfg_attr(not(feature = "html"), serde(skip))]
    pub card_levels: usize,
    /// A paragraph all in emphasis of at most this many words among the last
    /// `voice_note_edge_blocks` kept blocks goes when it holds a prompt phrase in the site's
    /// voice ([`drop_voiced_notes`]; 0: never). (Not in builds without HTML mode: the core
    /// wasm module would carry the fields for nothing.)
    #[cfg(feature = "html")]
    pub voice_note_words: usize,
    /// How many kept blocks at the end of the body a site's note may be among.
    #[cfg(feature = "html")]
    pub voice_note_edge_blocks: usize,
}

/// The prose beside a comment thread that makes it the story's thread, not the page's content:
/// what a short article has (the same floor as [`MIN_KEPT_CHARS`], below which a page counts as
/// too short).
pub const COMMENT_ARTICLE_CHARS: usize = 500;

/// Readability's `MIN_PARAGRAPH_CHARS`-like floor: bylines, labels and buttons are shorter than
/// 25 characters, real sentences rarely are.
pub const MIN_PARAGRAPH_CHARS: usize = 25;
/// Readability propagates to five ancestor levels: deep wrapper divs (`<div><div><div><p>`) are
/// common in CMS templates, and the share shrinks fast (1, 1/2, 1/6, 1/9, 1/12).
pub const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Readability's class weight: one `article`/`sidebar` hint is worth the base scores of about
/// twenty short paragraphs; it decides between similar candidates, not against a long article.
pub const CLASS_WEIGHT: f64 = 25.0;
/// Readability's sibling threshold: a sibling a fifth as good as the best is part of the story
/// (split article bodies around an ad slot).
pub const SIBLING_SCORE_RATIO: f64 = 0.2;
/// Half the characters inside links: "Read also: <a>headline</a>" lines and menus; body
/// paragraphs with a few inline links stay far below.
pub const MAX_LINK_DENSITY: f64 = 0.5;
/// Readability's 500-character threshold: shorter results usually mean the wrong container was
/// picked or a rule removed the body.
pub const MIN_KEPT_CHARS: usize = 500;

/// Half again as long: a strict attempt that found a short article should not lose to a relaxed
/// one that found a cookie notice of similar length.
pub const RELAXED_GAIN: f64 = 1.5;
/// Readability's sibling rule counts paragraphs over 80 characters as prose: longer than any
/// menu item or label, shorter than most body paragraphs.
pub const LONG_PARAGRAPH_CHARS: usize = 80;
/// A quarter of the characters in links: Readability's limit for prose paragraphs.
const PROSE_MAX_LINK_DENSITY: f64 = 0.25;
/// A `readmore` / `read-more` box with at least this many characters of link-poor text is
/// collapsed text, not a teaser (a teaser is a headline and a line: well under this).
pub const COLLAPSED_TEXT_CHARS: usize = 200;
/// 30% more prose: a split article (two sections, or text around a table) gains at least that,
/// a wrapper adding a teaser or two gains less.
pub const PROSE_CLIMB_GAIN: f64 = 0.3;
/// Labels after an article ("Print recipe", "Most read", "Photo: Jane Doe") have three words
/// or fewer; a short closing sentence has more.
pub const MAX_LABEL_WORDS: usize = 3;
/// Readability's `_cleanConditionally` limits: a fifth of the text in links is already a list
/// of links for an unmarked box; a box whose class says content may go to half.
pub const CONDITIONAL_LINK_DENSITY: f64 = 0.2;
pub const CONDITIONAL_LINK_DENSITY_WEIGHTED: f64 = 0.5;
/// Readability keeps any box with ten commas or more: that is prose.
pub const CONDITIONAL_MIN_COMMAS: usize = 10;
/// Sub-containers judged as a whole inside the main content.
const CONDITIONAL_TAGS: &[&str] =
    &["div", "section", "ul", "ol", "dl", "table", "form", "aside", "fieldset", "header", "footer", "nav"];
/// Furniture markup holding more than half of the page's prose is the article in odd markup.
const FURNITURE_MAX_PROSE_SHARE: f64 = 0.5;
/// A byline, a date, a picture credit and a few share buttons: six short blocks.
pub const MAX_LEAD_GAP: usize = 6;
/// Two levels: the body's wrapper and the article element around it; higher up, siblings are
/// page columns.
pub const PROSE_SIBLING_LEVELS: usize = 2;
/// A prose sibling is mostly long paragraphs (a standfirst), not a teaser list with one summary.
const PROSE_SIBLING_SHARE: f64 = 0.6;
/// A container with half its text in links is a page of menus, not an article.
pub const MAX_CONTAINER_LINK_DENSITY: f64 = 0.5;
/// Eight kept blocks: a share bar, a newsletter prompt, a label, a note on the author and a
/// disclaimer end many articles; further up, a short block is more likely the story's own.
pub const TAIL_BLOCKS: usize = 8;
/// Twenty words: the length of a newsletter or app prompt written as a sentence; the text
/// signals' own phrase limit for unterminated lines. Longer body sentences that mention a
/// newsletter are left alone.
pub const MAX_LOOSE_SIGNAL_WORDS: usize = 20;
/// Sixty words: three sentences of a prompt or a licence note ("Wir würden hier gerne eine
/// Newsletter Anmeldung zeigen. Leider ..."). Set above the longest tail prompt of the even dev
/// pages (55 words; the odd pages' longest has 38, and their one labelled case, 38, is caught
/// either way); no body paragraph of the dev pages is lost at any limit up to 1,000 words, but
/// a story's last paragraph that says "newsletter" in its head gets likelier with length.
pub const TAIL_PROMPT_WORDS: usize = 60;
/// A quarter of the words: text whose words mix lookalike letters of two alphabets is written
/// to slip past filters (ads and spam use it; no writer types a word so), while a real text
/// may glue a Latin name or abbreviation to a Cyrillic or Greek word now and then
/// ("COVID-19-пандемия"). On the 941 dev pages two blocks have two or more such words: an
/// advertisement after a story's last paragraph (32 of its 42 words) and a spam comment
/// (2 words, removed already).
pub const TAIL_MIXED_SCRIPT_SHARE: f64 = 0.25;
/// At least three such words: one or two are a typo or a glued name.
pub const MIN_MIXED_SCRIPT_WORDS: usize = 3;
/// Thirty words, the text signals' phrase limit ([`super::signals::MAX_PHRASE_SIGNAL_WORDS`]):
/// a paywall or login notice is a sentence or two ("To view the full story, please subscribe
/// to ... You can choose a $60 annual subscription or a $5 weekly pass": 23 words); a longer
/// paragraph that says "already a subscriber" is more likely a story about a newspaper.
pub const PAYWALL_NOTICE_WORDS: usize = 30;
/// Phrases of paywall and login gates, lower case, matched anywhere in a short block. Each one
/// speaks to the reader about their access to the page, which a story's own sentences do not:
/// on the 941 dev pages 26 blocks of at most 30 words hold one, none of them body (4 kept, the rest removed
/// already as outside the content, link-dense or comment markup). The text signals'
/// call-to-action words ("subscribe", "log in") only judge a block's head or an unterminated
/// line, so a notice written as a sentence ("If you're seeing this message but you're already
/// a subscriber, you can log in ...") passed them.
pub const PAYWALL_PHRASES: &[&str] = &[
    "already a subscriber",
    "already subscribed",
    "to continue reading",
    "subscribe to continue",
    "subscribe to read",
    "to read the full story",
    "to read the full article",
    "to view the full story",
    "to view the full article",
    "subscribers only",
    "exclusive to subscribers",
    "exclusively for subscribers",
    "must be logged in",
    "please log in to",
    "please subscribe",
    "log in to comment",
    "sign in to comment",
    "log in to continue",
    "sign in to continue",
    "bereits abonnent",
    "schon abonnent",
    "sie sind nicht angemeldet",
    "sie sind nicht eingeloggt",
    "sie sind aktuell nicht eingeloggt",
    "du bist nicht angemeldet",
    "du bist nicht eingeloggt",
    "müssen sich einloggen",
    "müssen sich anmelden",
    "müssen angemeldet sein",
    "müssen eingeloggt sein",
    "nur für abonnenten",
    "exklusiv für abonnenten",
    "um weiterzulesen",
    "déjà abonné",
    "réservé aux abonnés",
    "pour lire la suite",
    "pour continuer à lire",
    "connectez-vous pour",
    "ya eres suscriptor",
    "ya soy suscriptor",
    "exclusivo para suscriptores",
    "para seguir leyendo",
    "para continuar leyendo",
    "inicia sesión para",
    "già abbonato",
    "riservato agli abbonati",
    "per continuare a leggere",
    "já é assinante",
    "exclusivo para assinantes",
    "para continuar lendo",
    "al abonnee",
    "alleen voor abonnees",
    "om verder te lezen",
];
/// Ten words: a dek is a sentence (dev pages: the deks the summary repeats have 11 to 42);
/// shorter blocks that the summary repeats are headlines and teaser titles ("Neue Taskforce des
/// Bundeskriminalamtes nimmt die Arbeit auf", 8 words, in a rail), which the headline rule and
/// the title already cover.
pub const DESCRIBED_DEK_WORDS: usize = 10;
/// Four fifths: an article body written in `<p>` elements, with perhaps a `<div>` paragraph or
/// two. Below that the body mixes its markup (a CMS that wraps some paragraphs in `<div>`s) and
/// a `<div>` is no sign of a widget. Dev pages, F1 by halves: on the even ones 0.7-0.9 are within
/// 0.0004 (0.9 best), on the odd ones 0.8 is best (0.938 vs 0.935 at 0.9); without the rule
/// 0.944 / 0.932.
pub const PARAGRAPH_MARKUP_SHARE: f64 = 0.8;
/// Three fifths: one element holds the story's paragraphs, with perhaps a lead or a box of
/// paragraphs elsewhere. Chosen on the odd-numbered dev pages (0.6 / 0.8 / 0.95 / any: F1 0.943 /
/// 0.942 / 0.942 / 0.941, 0.942 without the rule), checked on the even ones (0.949 -> 0.954);
/// chosen on the even pages the rule would apply whatever the share (0.955), and the odd pages
/// stay at 0.941.
pub const BODY_PARENT_SHARE: f64 = 0.6;
/// Captions of a slideshow hold many times the text around them (dev pages: 37 times on a
/// listicle told in `<figcaption>`s); a story with pictures has captions shorter than its text
/// (at most 1.1 times it on the dev pages, on a page of short paragraphs and long legends).
pub const CAPTION_STORY_RATIO: f64 = 3.0;
/// Three items: the shortest ingredient or specification list; two lines are a byline and a
/// date.
const DATA_BOX_MIN_ITEMS: usize = 3;
/// Forty characters on average: an ingredient with its amount, a specification with its value,
/// a feature in a few words; headlines in a teaser list run longer (60-110 characters).
const DATA_ITEM_MAX_MEAN_CHARS: usize = 40;
/// Readability's row count from which a table without header markup holds data.
const DATA_TABLE_ROWS: usize = 10;
/// A label introducing the next block is a short phrase ("Das Thema könnte dich auch
/// interessieren:" has 6 words); a longer line ending in a colon is a sentence leading into a
/// quote or a list that is the article's.
pub const MAX_DANGLING_LABEL_WORDS: usize = 6;
/// Elements that hold the article's own short lines after its last paragraph: a spec sheet's
/// `<p>Voltage: 400 V</p>`, a recipe's `<li>390 kcal</li>`, a signature (`<p>XX, The
/// editors</p>`). Labels of the widgets that follow ("Print recipe", "Contact", "More on this")
/// are bare words, or headings and `<div>` text.
const DATA_TAGS: &[&str] = &["p", "li", "td", "th", "pre", "dd", "dt"];
/// Half the words in common: a headline and its `og:title` share most words even when one adds
/// a kicker or the site's name; a site logo's `<h1>` shares none with an article's title. Dev
/// pages (titles against the last `<h1>` above the body): the lead rule gains 8 body passages
/// and keeps 1 author blurb; without the title check it also took a shop's info box.
pub const HEADLINE_TITLE_OVERLAP: f64 = 0.5;
/// One in twenty: the text model is all but sure the line is not the article's. Read as plain
/// text, the page's blocks after the story's last paragraph that the model scores this low are
/// prompts, forms and rails written without markup of their own ("Fandest du den Artikel
/// hilfreich?", "Tous nos derniers podcasts dans votre boîte mail."). Dev pages, with the model
/// fitted on the other half (`tools/html_tail_scores.py`): the highest threshold that loses no
/// body passage is 0.05 on the even half and 0.03 on the odd one, and both gain on the other
/// half; from 0.07 on the odd half loses body lines.
pub const TAIL_CONTENT_SCORE: f64 = 0.05;
/// A rail repeats its card: three boxes of one shape in a row are a list of stories, two may be
/// a story's pair of figures.
pub const CARD_MIN_SIBLINGS: usize = 3;
/// A card's headline is a link of a few words at least ("More", "Video" are controls).
pub const CARD_HEADLINE_WORDS: usize = 3;
/// A card's teaser is a line or two under its headline; a longer text is an item's
/// description (a listicle, a product list), which the page may be about.
pub const CARD_TEASER_WORDS: usize = 40;
/// A card holds its headline, a teaser and a date or byline line at most.
pub const CARD_MAX_BLOCKS: usize = 4;
/// Cards holding this share of the kept text are the page (an index, a listicle), not a rail.
pub const CARD_MAX_KEPT_SHARE: f64 = 0.5;
/// A card's headline is a link: nearly all of its text is linked.
pub const CARD_HEADLINE_LINK_SHARE: f64 = 0.9;
/// How far above a block its card may be (the card box, a wrapper, the headline's element).
pub const CARD_LEVELS: usize = 3;
/// Sixty words: the tail prompts' length ([`TAIL_PROMPT_WORDS`]); a site's note is a few
/// sentences (a donation appeal with its reasons), a story's paragraph is often longer.
pub const VOICE_NOTE_WORDS: usize = 60;
/// Three blocks: a note closes the story, before or after a share line, a tag list or a
/// second note; further up, an emphasised paragraph is the story's (a question of an
/// interview, a subheading).
pub const VOICE_NOTE_EDGE_BLOCKS: usize = 3;

/// Readability's alternative-candidate rule: the five best candidates, those within 75% of the
/// best, and three of them sharing an ancestor.
const TOP_CANDIDATES: usize = 5;
const ALTERNATIVE_SCORE_RATIO: f64 = 0.75;
const MIN_ALTERNATIVES: usize = 3;

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            min_paragraph_chars: MIN_PARAGRAPH_CHARS,
            score_ancestor_levels: SCORE_ANCESTOR_LEVELS,
            class_weight: CLASS_WEIGHT,
            sibling_score_ratio: SIBLING_SCORE_RATIO,
            max_link_density: MAX_LINK_DENSITY,
            min_kept_chars: MIN_KEPT_CHARS,
            relaxed_gain: RELAXED_GAIN,
            long_paragraph_chars: LONG_PARAGRAPH_CHARS,
            prose_climb_gain: PROSE_CLIMB_GAIN,
            max_container_link_density: MAX_CONTAINER_LINK_DENSITY,
            prose_sibling_levels: PROSE_SIBLING_LEVELS,
            max_label_words: MAX_LABEL_WORDS,
            conditional_link_density: CONDITIONAL_LINK_DENSITY,
            conditional_link_density_weighted: CONDITIONAL_LINK_DENSITY_WEIGHTED,
            conditional_min_commas: CONDITIONAL_MIN_COMMAS,
            max_lead_gap: MAX_LEAD_GAP,
            combination: HtmlCombination::TextSignals,
            tail_blocks: TAIL_BLOCKS,
            max_loose_signal_words: MAX_LOOSE_SIGNAL_WORDS,
            tail_prompt_words: TAIL_PROMPT_WORDS,
            tail_prompt_links: true,
            tail_mixed_script_share: TAIL_MIXED_SCRIPT_SHARE,
            min_mixed_script_words: MIN_MIXED_SCRIPT_WORDS,
            paywall_notice_words: PAYWALL_NOTICE_WORDS,
            described_dek_words: DESCRIBED_DEK_WORDS,
            paragraph_markup_share: PARAGRAPH_MARKUP_SHARE,
            body_parent_share: BODY_PARENT_SHARE,
            headline_in_body: false,
            max_dangling_label_words: MAX_DANGLING_LABEL_WORDS,
            caption_story_ratio: CAPTION_STORY_RATIO,
            headline_title_overlap: HEADLINE_TITLE_OVERLAP,
            tail_content_score: TAIL_CONTENT_SCORE,
            strip_author_boxes: true,
            comment_article_chars: COMMENT_ARTICLE_CHARS,
            drop_trailing_headings: true,
            collapsed_text_chars: COLLAPSED_TEXT_CHARS,
            card_min_siblings: CARD_MIN_SIBLINGS,
            card_headline_words: CARD_HEADLINE_WORDS,
            card_teaser_words: CARD_TEASER_WORDS,
            card_max_blocks: CARD_MAX_BLOCKS,
            card_max_kept_share: CARD_MAX_KEPT_SHARE,
            card_headline_link_share: CARD_HEADLINE_LINK_SHARE,
            card_levels: CARD_LEVELS,
            #[cfg(feature = "html")]
            voice_note_words: VOICE_NOTE_WORDS,
            #[cfg(feature = "html")]
            voice_note_edge_blocks: VOICE_NOTE_EDGE_BLOCKS,
        }
    }
}

/// One visible text block of a page with its markup evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlBlock {
    /// Visible text, whitespace collapsed, entities decoded.
    pub text: String,
    /// The block element that holds the text (`p`, `h2`, `li`, `td`, `div`, ...).
    pub tag: String,
    /// Share of the characters that sit inside `<a>`.
    pub link_density: f64,
    /// Inside the container chosen as the main content (and not removed as markup boilerplate
    /// there).
    pub in_main: bool,
    pub heading: bool,
    pub in_list: bool,
    pub in_figure: bool,
    pub in_table: bool,
    /// Inside `<header>` or `<footer>`.
    pub in_header_footer: bool,
    /// Depth of the owning element in the tree.
    pub depth: usize,
    /// Sum of the class/id weights of the owning element and its ancestors (positive: content
    /// words like `article`; negative: `sidebar`, `comment`).
    pub hint_score: f64,
    /// The markup that marks the block as page furniture, if any: a tag (`nav`, `aside`,
    /// `footer`, ...), `role=navigation`, or a class/id word (`sidebar`, `share`, `related`).
    pub boilerplate_hint: Option<String>,
    /// The block element, for grouping; not part of the wire format.
    #[serde(skip)]
    node: NodeId,
    /// The text with the page's soft hyphens (U+00AD) inside words, when it has any: what a
    /// reader copying from the page gets, and what the body shows. The classifier reads `text`
    /// (soft hyphens out, like every display form), so a hyphenated "News­let­ter" still says
    /// newsletter and word counts do not grow.
    #[serde(skip)]
    hyphenated: Option<String>,
    /// The strongest prompt target the block's text links to ([`prompt_target`]); not part of
    /// the wire format.
    #[serde(skip)]
    prompt_link: PromptLink,
    /// All of the block's text is set in emphasis (`em`, `i`, `strong`, `b`): a note set apart
    /// from the story ([`HtmlConfig::voice_note_words`]); not part of the wire format.
    #[serde(skip)]
    emphasized: bool,
}

/// Metadata read from the page's markup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlMetadata {
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` when the markup gives an ISO date.
    pub date: Option<String>,
    /// The site or publication name.
    pub source: Option<String>,
    pub author: Option<String>,
    /// The page's own summaries (`<meta name=description>`, `og:description`,
    /// `twitter:description`; each distinct text once, in document order, one per line), for
    /// telling its dek ([`HtmlConfig::described_dek_words`]); not part of the wire format. All
    /// of them: a template often fills `<meta name=description>` with the site's tagline and
    /// only `og:description` with the article's summary. (One string, not a list: the core
    /// wasm module carries this struct and must not grow.)
    #[serde(skip)]
    pub description: Option<String>,
}

/// Inline markup that sets text apart in emphasis; a paragraph all in it is a note
/// ([`HtmlConfig::voice_note_words`]).
const EMPHASIS_TAGS: &[&str] = &["em", "i", "strong", "b"];

/// Never visible, never text: dropped with their whole subtree.
const INVISIBLE_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
    "option", "button", "input", "textarea", "video", "audio", "map", "title", "meta", "link",
];

/// Visible page furniture by HTML semantics.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "form", "menu", "dialog"];

/// Furniture hints of layers over the page, never relaxed.
const DIALOG_HINTS: &[&str] = &["dialog", "role=dialog", "role=alertdialog"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "menu",
    "menubar",
    "complementary",
    "contentinfo",
    "banner",
    "alert",
    "alertdialog",
    "dialog",
    "search",
];

/// Elements that end a line of text: their text forms its own block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that hold one paragraph of text, never a set of them.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "summary",
    "legend",
];

/// The unlikely words that mark a comment section (see [`Page::furniture`]).
const COMMENT_WORDS: &[&str] = &["comment", "disqus", "replies", "remark"];

/// Readability's `unlikelyCandidates`: class/id words of page furniture...
const UNLIKELY_WORDS: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];
/// ...unless one of these says it may be the article (`main-header` vs `main`).
const MAYBE_CONTENT_WORDS: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
/// Readability's positive class/id words.
const POSITIVE_WORDS: &[&str] =
    &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story"];
/// Readability's negative class/id words.
const NEGATIVE_WORDS: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
/// Class/id words of widgets that sit *inside* article bodies: share bars, related-story boxes,
/// newsletter prompts, captions, bylines. Checked only below the chosen container.
const INLINE_WIDGET_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscri",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "tags",
    "comment",
    "caption",
    "credit",
    "breadcrumb",
    "recommend",
    "byline",
    "author",
    "paywall",
    "banner",
    "cookie",
    "popup",
    "modal",
    "toolbar",
    "readmore",
    "read-more",
    "more-stories",
    "disclaimer",
    "disclosure",
    // A call to action as a part of a class (`article-cta`, `cta_box`); not as letters inside
    // a word (`selectable`, `spectacular`), nor alone (`cta` is a generic component of some
    // CMSs: on one dev page it held a product's preparation steps).
    "-cta",
    "cta-",
    "_cta",
    "cta_",
    "copyright",
    "instagram",
    "donat",
];

/// Per-element facts computed once per page.
#[derive(Debug, Clone, Default)]
struct ElementFacts {
    /// Pre-order index and the end of the subtree's range: `x` is inside `e` iff
    /// `pre[e] <= pre[x] < end[e]`.
    pre: usize,
    end: usize,
    class_weight: f64,
    /// Visible characters in the subtree, and those inside links.
    chars: usize,
    link_chars: usize,
    /// Commas in the subtree's text: many commas mean prose, whatever the links.
    commas: usize,
    is_element: bool,
}

/// A page parsed and cut into blocks, ready for any number of decision attempts.
struct Page {
    dom: Dom,
    facts: Vec<ElementFacts>,
    blocks: Vec<HtmlBlock>,
    /// Per block: the furniture found by tag/role (`nav`, `role=navigation`), by Readability's
    /// unlikely class/id words, and the nearest inline-widget word with the element carrying it.
    furniture_tag: Vec<Option<(NodeId, String)>>,
    unlikely: Vec<Option<(NodeId, String)>>,
    widget: Vec<Option<(NodeId, String)>>,
    /// Per block: the nearest author box around it ([`is_author_box`]).
    author_box: Vec<Option<NodeId>>,
    /// Pre-order of the visited nodes.
    order: Vec<NodeId>,
    /// Characters of long, link-poor paragraphs per element (whatever the markup says), and
    /// on the whole page.
    raw_prose: Vec<usize>,
    total_prose: usize,
    /// How many blocks each element owns.
    owned_blocks: std::collections::HashMap<NodeId, usize>,
    /// The last block each element owns.
    last_block: std::collections::HashMap<NodeId, usize>,
    /// Pre-order ranges (`pre..end`) of the data tables ([`Page::data_tables`]).
    data_tables: Vec<(usize, usize)>,
    /// The boxes that hold a close control ([`is_close_control`]): pop-ups, modals, cookie and
    /// login layers, slide-out menus.
    dialogs: Vec<NodeId>,
    /// The page's metadata (title, date, site), read once from the markup.
    metadata: HtmlMetadata,
}

/// The visible text blocks of a page, with `in_main` set by the default decision.
pub fn extract_blocks(html: &str) -> Vec<HtmlBlock> {
    decide_blocks(html, &HtmlConfig::default()).0
}

/// The blocks of a page and, per block, `None` (kept) or why it was removed.
pub fn decide_blocks(html: &str, config: &HtmlConfig) -> (Vec<HtmlBlock>, Vec<Option<RemovalReason>>) {
    let page = Page::build(html);
    let decision = page.decide_best(config);
    let mut blocks = page.blocks;
    for (b, d) in blocks.iter_mut().zip(&decision.reasons) {
        b.in_main = !matches!(d, Some(RemovalReason::OutsideMainContent) | Some(RemovalReason::BoilerplateMarkup(_)));
    }
    (blocks, decision.reasons)
}

/// Which rules an attempt applies. Attempts relax them one at a time.
#[derive(Debug, Clone, Copy)]
struct Rules {
    strip_unlikely: bool,
    weight_classes: bool,
    strip_furniture: bool,
    strip_widgets: bool,
    /// A comment section holding most of the page's prose is still furniture when the rest
    /// of the page holds at least this much prose ([`HtmlConfig::comment_article_chars`]).
    comment_article_chars: usize,
}

struct Decision {
    reasons: Vec<Option<RemovalReason>>,
    /// Per block: a linked item the structure keeps as data (see [`PageReading::data_items`]).
    data_items: Vec<bool>,
    kept_chars: usize,
}

/// One step of the iterative walk: entering a node, or leaving an element after its children.
enum Step {
    Enter(NodeId),
    Exit(NodeId),
}

impl From<NodeId> for Step {
    fn from(id: NodeId) -> Step {
        Step::Enter(id)
    }
}

/// Mutable state of the block-cutting walk.
struct Cutter {
    blocks: Vec<HtmlBlock>,
    furniture_tag: Vec<Option<(NodeId, String)>>,
    unlikely: Vec<Option<(NodeId, String)>>,
    widget: Vec<Option<(NodeId, String)>>,
    author_box: Vec<Option<NodeId>>,
    buf: String,
    buf_chars: usize,
    link_chars: usize,
    /// The strongest prompt target a link in the buffer's text leads to.
    prompt_link: PromptLink,
    /// Characters of the buffer inside emphasis markup.
    emphasis_chars: usize,
    /// The buffer ends in a space (or is empty), so the next whitespace run is dropped.
    pending_space: bool,
}

/// Context inherited from ancestors during the walk.
#[derive(Debug, Clone, Default)]
struct Context {
    owner: NodeId,
    owner_tag: String,
    depth: usize,
    link_depth: usize,
    /// The strongest prompt target of the links around this node ([`prompt_target`]).
    prompt_link: PromptLink,
    /// Inside emphasis markup ([`EMPHASIS_TAGS`]).
    emphasis: bool,
    in_list: bool,
    in_figure: bool,
    in_table: bool,
    in_header_footer: bool,
    hint_score: f64,
    furniture_tag: Option<(NodeId, String)>,
    unlikely: Option<(NodeId, String)>,
    widget: Option<(NodeId, String)>,
    author_box: Option<NodeId>,
}

impl Cutter {
    /// Appends a text node's text; `in_link` and `prompt` say what link (if any) it sits in. The
    /// prompt target goes with the text, not with the `<a>` tag: a link wrapped around block
    /// elements (a newsletter card's heading and paragraph) marks the blocks inside it, and never
    /// the text before it.
    fn push_text(&mut self, text: &str, in_link: bool, prompt: PromptLink, emphasis: bool) {
        if prompt > self.prompt_link && !text.trim().is_empty() {
            self.prompt_link = prompt;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.pending_space {
                    self.buf.push(' ');
                    self.pending_space = true;
                }
            } else {
                self.buf.push(c);
                self.pending_space = false;
                self.buf_chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
                if emphasis {
                    self.emphasis_chars += 1;
                }
            }
        }
    }

    /// Ends the current block (if it has text) as a block of `ctx.owner`.
    fn flush(&mut self, ctx: &Context) {
        // The display form text mode uses too (NFC, no zero-width characters), so a page and
        // its copied text give the same blocks to the classifier.
        let normalized = text::normalize_display(self.buf.trim());
        let text = normalized.trim();
        if !text.is_empty() {
            let hyphenated =
                if self.buf.contains(SOFT_HYPHEN) { with_soft_hyphens(self.buf.trim(), text) } else { None };
            let tag = ctx.owner_tag.clone();
            self.blocks.push(HtmlBlock {
                text: text.to_string(),
                heading: matches!(tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                tag,
                link_density: if self.buf_chars == 0 { 0.0 } else { self.link_chars as f64 / self.buf_chars as f64 },
                in_main: false,
                in_list: ctx.in_list,
                in_figure: ctx.in_figure,
                in_table: ctx.in_table,
                in_header_footer: ctx.in_header_footer,
                depth: ctx.depth,
                hint_score: ctx.hint_score,
                boilerplate_hint: ctx.furniture_tag.as_ref().or(ctx.unlikely.as_ref()).map(|(_, h)| h.clone()),
                node: ctx.owner,
                hyphenated,
                prompt_link: self.prompt_link,
                emphasized: self.emphasis_chars == self.buf_chars,
            });
            self.furniture_tag.push(ctx.furniture_tag.clone());
            self.unlikely.push(ctx.unlikely.clone());
            self.widget.push(ctx.widget.clone());
            self.author_box.push(ctx.author_box);
        }
        self.buf.clear();
        self.buf_chars = 0;
        self.link_chars = 0;
        self.emphasis_chars = 0;
        self.prompt_link = PromptLink::None;
        self.pending_space = true;
    }
}

/// The soft hyphen: an invisible hyphenation point that German and Dutch sites put in long
/// words ("Bevöl\u{ad}ke\u{ad}rung"); copying the page keeps it.
const SOFT_HYPHEN: char = '\u{ad}';

/// The display form of `raw` with its soft hyphens between two letters or digits kept (others
/// carry nothing and go, as in [`text::normalize_display`]): each stretch between two such soft
/// hyphens is display-normalised on its own and the stretches are joined by the hyphen. `None`
/// when that is not `plain` (the display form without soft hyphens) with the soft hyphens
/// added, which can only happen when normalisation composes characters across a hyphen.
fn with_soft_hyphens(raw: &str, plain: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inside_word = c == SOFT_HYPHEN
            && prev.is_some_and(char::is_alphanumeric)
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if inside_word {
            out.push_str(&text::normalize_display(raw.get(start..i)?));
            out.push(SOFT_HYPHEN);
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push_str(&text::normalize_display(raw.get(start..)?));
    let hyphenated = out.trim();
    (hyphenated.contains(SOFT_HYPHEN) && hyphenated.chars().filter(|&c| c != SOFT_HYPHEN).eq(plain.chars()))
        .then(|| hyphenated.to_string())
}

/// The lower-cased `class` and `id` of an element, each word between spaces (` a b c `).
/// Whether an ancestor of `id` is an `article`, `main`, `section`, `aside` or `nav` (where a
/// `<header>` is that element's header, not the page's).
fn in_sectioning_element(dom: &Dom, id: NodeId) -> bool {
    let mut at = dom.parent(id);
    while let Some(p) = at {
        if dom.element(p).is_some_and(|e| matches!(e.tag(), "article" | "main" | "section" | "aside" | "nav")) {
            return true;
        }
        at = dom.parent(p);
    }
    false
}

fn class_and_id(e: &dom::Element) -> String {
    let mut s = String::from(" ");
    for name in ["class", "id"] {
        if let Some(v) = e.attr(name) {
            for word in v.split_whitespace() {
                s.push_str(&word.to_lowercase());
                s.push(' ');
            }
        }
    }
    s
}

/// Readability's class weight: +w for a positive word, -w for a negative one, for class and id.
fn class_weight(e: &dom::Element, w: f64) -> f64 {
    let mut score = 0.0;
    for name in ["class", "id"] {
        if let Some(v) = e.attr(name) {
            let v = v.to_lowercase();
            if NEGATIVE_WORDS.iter().any(|n| v.contains(n)) {
                score -= w;
            }
            if POSITIVE_WORDS.iter().any(|p| v.contains(p)) {
                score += w;
            }
        }
    }
    score
}

/// Labels of a close button (`aria-label`, `title`) in the languages of the stopword lists.
const CLOSE_LABELS: &[&str] = &[
    "close",
    "schließen",
    "fermer",
    "cerrar",
    "chiudi",
    "fechar",
    "sluiten",
    "zamknij",
    "kapat",
    "закрыть",
    "إغلاق",
    "×",
    "x",
];

/// A control that closes the box around it: a class/id word `close` or `dismiss` (`btn-close`,
/// `modal__close`), a Bootstrap `data-dismiss`, or a "Close" label. An article never needs one;
/// pop-ups, modals, cookie and login layers and slide-out menus do, so the box holding it is no
/// main content, whatever its text (a shipping-terms modal outweighed a short wine-region
/// article on one dev page).
fn is_close_control(e: &dom::Element) -> bool {
    if e.attr("data-dismiss").is_some() || e.attr("data-bs-dismiss").is_some() {
        return true;
    }
    let labelled = ["aria-label", "title"]
        .iter()
        .any(|a| e.attr(a).is_some_and(|v| CLOSE_LABELS.contains(&v.trim().to_lowercase().as_str())));
    labelled
        || ["class", "id"].iter().any(|a| {
            e.attr(a).is_some_and(|v| {
                v.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("close") || w.eq_ignore_ascii_case("dismiss"))
            })
        })
}

/// True for elements the user cannot see: `hidden`, `aria-hidden`, `display:none`.
fn is_hidden(e: &dom::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The markup hint of an author box, as [`RemovalReason::BoilerplateMarkup`] names it.
const AUTHOR_BOX: &str = "author box";

/// Parts of a class/id word that, next to `author`, name a box about the writer
/// (`author-bio`, `author_info`, `about-author`, `authorCard`, `author-tooltip__bio`).
const AUTHOR_BOX_PARTS: &[&str] = &["bio", "info", "box", "card", "desc", "about", "profile", "tooltip"];

/// A box about the article's writer: a class/id word naming the author together with a bio,
/// info, card... part (not `comment-author-*`, a comment's own class, nor `author_guidelines`),
/// or a schema.org `Person` marked as the `author` on a box element (a bio plugin's wrapper).
/// `hints` is [`class_and_id`] of `e`.
fn is_author_box(e: &dom::Element, hints: &str) -> bool {
    let named = hints
        .split_whitespace()
        .any(|w| w.contains("author") && !w.contains("comment") && AUTHOR_BOX_PARTS.iter().any(|p| w.contains(p)));
    let person = || {
        matches!(e.tag(), "div" | "section" | "aside" | "footer")
            && e.attr("itemprop").is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case("author")))
            && e.attr("itemtype").is_some_and(|v| v.contains("schema.org/Person"))
    };
    named || person()
}

impl Page {
    fn build(html: &str) -> Page {
        let dom = Dom::parse(html);
        let mut facts = vec![ElementFacts::default(); dom.nodes.len()];
        let mut cutter = Cutter {
            blocks: Vec::new(),
            furniture_tag: Vec::new(),
            unlikely: Vec::new(),
            widget: Vec::new(),
            author_box: Vec::new(),
            buf: String::new(),
            buf_chars: 0,
            link_chars: 0,
            prompt_link: PromptLink::None,
            emphasis_chars: 0,
            pending_space: true,
        };
        let mut close_parents: Vec<NodeId> = Vec::new();
        // Pre-order of visited nodes, for the bottom-up sums.
        let mut order: Vec<NodeId> = Vec::with_capacity(dom.nodes.len());
        let mut stack = vec![Step::Enter(DOCUMENT)];
        let mut contexts: Vec<Context> =
            vec![Context { owner: DOCUMENT, owner_tag: "body".into(), ..Default::default() }];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(id) => {
                    let Some(node) = dom.nodes.get(id) else { continue };
                    let parent_ctx = contexts.last().cloned().unwrap_or_default();
                    match &node.kind {
                        NodeKind::Text(t) => {
                            cutter.push_text(t, parent_ctx.link_depth > 0, parent_ctx.prompt_link, parent_ctx.emphasis);
                        }
                        NodeKind::Other => {}
                        NodeKind::Document => {
                            facts[id].pre = order.len();
                            facts[id].is_element = true;
                            order.push(id);
                            stack.push(Step::Exit(id));
                            contexts.push(parent_ctx);
                            push_children(&dom, id, &mut stack);
                        }
                        NodeKind::Element(e) => {
                            let tag = e.tag();
                            if is_close_control(e) {
                                if let Some(p) = dom.parent(id) {
                                    close_parents.push(p);
                                }
                            }
                            if INVISIBLE_TAGS.contains(&tag) || is_hidden(e) {
                                continue;
                            }
                            if tag == "br" || tag == "hr" {
                                cutter.flush(&parent_ctx);
                                continue;
                            }
                            let mut ctx = parent_ctx;
                            ctx.depth += 1;
                            let block = BLOCK_TAGS.contains(&tag);
                            if block {
                                cutter.flush(&ctx);
                                ctx.owner = id;
                                ctx.owner_tag = tag.to_string();
                            }
                            let hints = class_and_id(e);
                            let weight = class_weight(e, CLASS_WEIGHT);
                            ctx.hint_score += weight;
                            match tag {
                                "a" => {
                                    ctx.link_depth += 1;
                                    ctx.prompt_link =
                                        ctx.prompt_link.max(e.attr("href").map_or(PromptLink::None, prompt_target));
                                }
                                t if EMPHASIS_TAGS.contains(&t) => ctx.emphasis = true,
                                "ul" | "ol" | "dl" | "menu" => ctx.in_list = true,
                                "figure" | "figcaption" => ctx.in_figure = true,
                                "table" => ctx.in_table = true,
                                "header" | "footer" => ctx.in_header_footer = true,
                                _ => {}
                            }
                            if ctx.furniture_tag.is_none() {
                                // `<header role=banner>` outside any article or section is the
                                // page's masthead (as ARIA maps a header), not an article's header
                                // with its standfirst; some sites mark their article header so.
                                let banner = tag == "header"
                                    && e.attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("banner"))
                                    && !in_sectioning_element(&dom, id);
                                if banner {
                                    ctx.furniture_tag = Some((id, "role=banner".to_string()));
                                } else if FURNITURE_TAGS.contains(&tag) {
                                    ctx.furniture_tag = Some((id, tag.to_string()));
                                } else if let Some(role) = e.attr("role") {
                                    let role = role.trim().to_ascii_lowercase();
                                    if FURNITURE_ROLES.contains(&role.as_str()) {
                                        ctx.furniture_tag = Some((id, format!("role={role}")));
                                    }
                                }
                            }
                            if ctx.unlikely.is_none() && tag != "body" && tag != "a" && !hints.trim().is_empty() {
                                if let Some(word) = UNLIKELY_WORDS.iter().find(|w| hints.contains(*w)) {
                                    if !MAYBE_CONTENT_WORDS.iter().any(|w| hints.contains(w)) {
                                        ctx.unlikely = Some((id, (*word).to_string()));
                                    }
                                }
                            }
                            if is_author_box(e, &hints) {
                                ctx.author_box = Some(id);
                            }
                            if !hints.trim().is_empty() {
                                if let Some(word) = INLINE_WIDGET_WORDS.iter().find(|w| hints.contains(*w)) {
                                    // The nearest one wins: a share bar inside a related box
                                    // is still reported by its own word.
                                    ctx.widget = Some((id, (*word).to_string()));
                                }
                            }
                            facts[id].pre = order.len();
                            facts[id].is_element = true;
                            facts[id].class_weight = weight;
                            order.push(id);
                            stack.push(Step::Exit(id));
                            contexts.push(ctx);
                            push_children(&dom, id, &mut stack);
                        }
                    }
                }
                Step::Exit(id) => {
                    let ctx = contexts.pop().unwrap_or_default();
                    if ctx.owner == id {
                        cutter.flush(&ctx);
                    }
                    facts[id].end = order.len();
                }
            }
        }
        // Characters per element: each block counts on its owner, then sums flow up (reverse
        // pre-order visits children before parents).
        for b in &cutter.blocks {
            if let Some(f) = facts.get_mut(b.node) {
                let chars = b.text.chars().filter(|c| !c.is_whitespace()).count();
                f.chars += chars;
                f.link_chars += (b.link_density * chars as f64).round() as usize;
                f.commas += count_commas(&b.text);
            }
        }
        for &id in order.iter().rev() {
            if let Some(p) = dom.parent(id) {
                let (c, l, k) = (facts[id].chars, facts[id].link_chars, facts[id].commas);
                if let Some(pf) = facts.get_mut(p) {
                    pf.chars += c;
                    pf.link_chars += l;
                    pf.commas += k;
                }
            }
        }
        let last_block = cutter.blocks.iter().enumerate().map(|(i, b)| (b.node, i)).collect();
        let mut owned_blocks = std::collections::HashMap::new();
        for b in &cutter.blocks {
            *owned_blocks.entry(b.node).or_insert(0) += 1;
        }
        let mut raw_prose = vec![0usize; dom.nodes.len()];
        for b in &cutter.blocks {
            let len = b.text.chars().count();
            if !b.heading && b.link_density < PROSE_MAX_LINK_DENSITY && len >= LONG_PARAGRAPH_CHARS {
                if let Some(p) = raw_prose.get_mut(b.node) {
                    *p += len;
                }
            }
        }
        let total_prose = raw_prose.iter().sum();
        for &id in order.iter().rev() {
            if let Some(p) = dom.parent(id) {
                let c = raw_prose[id];
                if let Some(pp) = raw_prose.get_mut(p) {
                    *pp += c;
                }
            }
        }
        let data_tables = data_tables(&dom, &facts, &order);
        let dialogs = close_parents
            .iter()
            .filter(|&&p| {
                p != DOCUMENT
                    && facts[p].is_element
                    && !matches!(dom.element(p).map(|e| e.tag()), Some("body" | "html"))
            })
            .copied()
            .collect();
        let metadata = metadata_of(&dom);
        Page {
            data_tables,
            dialogs,
            metadata,
            dom,
            facts,
            last_block,
            owned_blocks,
            raw_prose,
            total_prose,
            order,
            blocks: cutter.blocks,
            furniture_tag: cutter.furniture_tag,
            unlikely: cutter.unlikely,
            widget: cutter.widget,
            author_box: cutter.author_box,
        }
    }

    /// Characters of long, link-poor paragraphs (not furniture under `rules`) per element.
    fn prose_chars(&self, config: &HtmlConfig, rules: Rules) -> Vec<usize> {
        let mut prose = vec![0usize; self.dom.nodes.len()];
        for (i, b) in self.blocks.iter().enumerate() {
            if b.heading || b.link_density >= PROSE_MAX_LINK_DENSITY || self.furniture(i, rules).is_some() {
                continue;
            }
            let len = b.text.chars().count();
            if len >= config.long_paragraph_chars {
                if let Some(p) = prose.get_mut(b.node) {
                    *p += len;
                }
            }
        }
        for &id in self.order.iter().rev() {
            if let Some(p) = self.dom.parent(id) {
                let c = prose[id];
                if let Some(pp) = prose.get_mut(p) {
                    *pp += c;
                }
            }
        }
        prose
    }

    /// Block `i` is an item of a list that, as a whole, is not a list of links (ingredients
    /// or parts linked to a shop or glossary among plain items): the list passed Readability's
    /// conditional cleaning, so its linked items are the article's too.
    fn item_of_content_list(&self, i: usize, config: &HtmlConfig) -> bool {
        let Some(b) = self.blocks.get(i) else { return false };
        if b.tag != "li" {
            return false;
        }
        let Some(list) = self.dom.parent(b.node) else { return false };
        matches!(self.tag(list), "ul" | "ol") && self.link_density(list) <= config.conditional_link_density_weighted
    }

    /// The box with a close control that block `i` sits in, if any.
    fn dialog_of(&self, i: usize) -> Option<NodeId> {
        let pre = self.blocks.get(i).map(|b| self.facts[b.node].pre)?;
        self.dialogs.iter().find(|&&d| self.facts[d].pre <= pre && pre < self.facts[d].end).copied()
    }

    fn in_data_table(&self, id: NodeId) -> bool {
        let pre = self.facts[id].pre;
        self.data_tables.iter().any(|&(start, end)| start <= pre && pre < end)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let f = &self.facts[id];
        if f.chars == 0 {
            0.0
        } else {
            f.link_chars as f64 / f.chars as f64
        }
    }

    fn tag(&self, id: NodeId) -> &str {
        self.dom.element(id).map_or("", |e| e.tag())
    }

    fn is_inside(&self, x: NodeId, container: NodeId) -> bool {
        let (fx, fc) = (&self.facts[x], &self.facts[container]);
        fc.pre <= fx.pre && fx.pre < fc.end
    }

    /// Readability's fallback: run with every rule, and while the result is short relax one
    /// rule at a time; return the first long enough result, or the longest. The inline-widget
    /// words go first: they are our own rule, not Readability's, and the one that most often
    /// leaves a page short (a wrapper of the article carries a widget word); relaxing the
    /// unlikely words and class weights with them first handed a short post to its comment
    /// thread (dev pages: 3 body passages gained, 1 boilerplate passage kept).
    fn decide_best(&self, config: &HtmlConfig) -> Decision {
        let mut rules = Rules {
            strip_unlikely: true,
            weight_classes: true,
            strip_furniture: true,
            strip_widgets: true,
            comment_article_chars: config.comment_article_chars,
        };
        let relaxations: [fn(&mut Rules); 4] = [
            |r| r.strip_widgets = false,
            |r| r.strip_unlikely = false,
            |r| r.weight_classes = false,
            |r| r.strip_furniture = false,
        ];
        let mut best = self.decide(config, rules);
        for relax in relaxations {
            if best.kept_chars >= config.min_kept_chars {
                break;
            }
            relax(&mut rules);
            let attempt = self.decide(config, rules);
            // A relaxed rule is less trustworthy than a strict one: its result must be clearly
            // longer to win.
            if attempt.kept_chars as f64 > best.kept_chars as f64 * config.relaxed_gain {
                best = attempt;
            }
        }
        if config.strip_author_boxes {
            self.strip_author_boxes(&mut best.reasons, config);
        }
        if config.card_min_siblings > 0 {
            self.strip_teaser_cards(&mut best.reasons, config);
        }
        best
    }

    /// Whether element `id` is shaped as a teaser card: it holds 1 to
    /// [`HtmlConfig::card_max_blocks`] blocks, one of its first two is a link (at least
    /// [`HtmlConfig::card_headline_link_share`] of its text) of at least
    /// [`HtmlConfig::card_headline_words`] words, and its text outside links is at most
    /// [`HtmlConfig::card_teaser_words`] words. Returns its blocks.
    fn card_blocks(
        &self,
        id: NodeId,
        by_node: &std::collections::HashMap<NodeId, Vec<usize>>,
        config: &HtmlConfig,
    ) -> Option<Vec<usize>> {
        let f = &self.facts[id];
        let mut inside: Vec<usize> = Vec::new();
        for &pos in self.order.iter().skip(f.pre).take(f.end.saturating_sub(f.pre)) {
            if let Some(list) = by_node.get(&pos) {
                inside.extend(list);
                if inside.len() > config.card_max_blocks {
                    return None;
                }
            }
        }
        inside.sort_unstable();
        // Rows of a table and slides of a gallery repeat a linked name over a short text too,
        // and are the page's data or story (dev pages: a wiki's table of uses, a listicle's
        // slides with a linked number and title).
        if inside.iter().filter_map(|&i| self.blocks.get(i)).any(|b| b.in_table || b.in_figure) {
            return None;
        }
        let headline = inside.iter().take(2).any(|&i| {
            self.blocks.get(i).is_some_and(|b| {
                b.link_density >= config.card_headline_link_share
                    && b.text.split_whitespace().count() >= config.card_headline_words
            })
        });
        if !headline {
            return None;
        }
        let unlinked_words: f64 = inside
            .iter()
            .filter_map(|&i| self.blocks.get(i))
            .map(|b| b.text.split_whitespace().count() as f64 * (1.0 - b.link_density))
            .sum();
        (unlinked_words <= config.card_teaser_words as f64).then_some(inside)
    }

    /// A rail of other stories set as cards: [`HtmlConfig::card_min_siblings`] or more sibling
    /// boxes with the same tag and class, each a linked headline over a short teaser
    /// ([`Page::card_blocks`]), inside the chosen container or beside it. The link around the
    /// headline is what tells a card from a story's own repeated boxes (recipe steps, ticker
    /// entries, product facts), and the repetition what tells it from a linked subhead. Rails
    /// holding [`HtmlConfig::card_max_kept_share`] of the kept text are the page. The cards' blocks go as
    /// [`RemovalReason::Teaser`].
    fn strip_teaser_cards(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) {
        let mut by_node: std::collections::HashMap<NodeId, Vec<usize>> = std::collections::HashMap::new();
        for (i, b) in self.blocks.iter().enumerate() {
            by_node.entry(b.node).or_default().push(i);
        }
        let kept_chars: usize = self
            .blocks
            .iter()
            .zip(reasons.iter())
            .filter(|(_, r)| r.is_none())
            .map(|(b, _)| b.text.chars().count())
            .sum();
        let mut done: std::collections::HashSet<NodeId> = std::collections::HashSet::new();
        let mut remove: Vec<usize> = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if reasons.get(i).is_none_or(|r| r.is_some()) {
                continue;
            }
            // The card is the block's element or one of its nearest ancestors.
            let mut node = Some(b.node);
            for _ in 0..config.card_levels {
                let Some(card) = node else { break };
                let Some(parent) = self.dom.parent(card) else { break };
                node = Some(parent);
                // Each group of same-shaped siblings is judged once.
                if !done.insert(card) {
                    continue;
                }
                let Some(e) = self.dom.element(card) else { continue };
                let shape = (e.tag(), e.attr("class").unwrap_or(""));
                let mut cards: Vec<usize> = Vec::new();
                let mut count = 0;
                for sibling in self.dom.children(parent) {
                    let Some(se) = self.dom.element(sibling) else { continue };
                    if (se.tag(), se.attr("class").unwrap_or("")) != shape {
                        continue;
                    }
                    done.insert(sibling);
                    let Some(inside) = self.card_blocks(sibling, &by_node, config) else { continue };
                    count += 1;
                    cards.extend(inside);
                }
                if count < config.card_min_siblings {
                    continue;
                }
                let chars: usize = cards
                    .iter()
                    .filter(|&&c| reasons.get(c).is_some_and(|r| r.is_none()))
                    .filter_map(|&c| self.blocks.get(c))
                    .map(|b| b.text.chars().count())
                    .sum();
                if chars as f64 >= kept_chars as f64 * config.card_max_kept_share {
                    continue;
                }
                remove.extend(cards);
                break;
            }
        }
        for i in remove {
            if let Some(r) = reasons.get_mut(i) {
                if r.is_none() {
                    *r = Some(RemovalReason::Teaser);
                }
            }
        }
    }

    /// An author box goes whatever the attempt and the classifier say: a bio is prose about the
    /// writer, so it scores like the article, survives a relaxed attempt and reads as body to
    /// the text signals (dev pages: 32 passages in such boxes were boilerplate, none body; 6 of
    /// them were kept). A box holding most of the page's prose is the page (a profile).
    fn strip_author_boxes(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) {
        for (i, r) in reasons.iter_mut().enumerate() {
            let (Some(b), Some(Some(node))) = (self.blocks.get(i), self.author_box.get(i)) else { continue };
            let holds_the_article = self
                .raw_prose
                .get(*node)
                .is_some_and(|&p| p as f64 > self.total_prose as f64 * FURNITURE_MAX_PROSE_SHARE);
            if !holds_the_article && r.as_ref().is_none_or(|r| is_soft(r, b, config)) {
                *r = Some(RemovalReason::BoilerplateMarkup(AUTHOR_BOX.to_string()));
            }
        }
    }

    /// Whether block `i` is furniture under these rules, and the hint that says so.
    /// Markup that holds most of the page's prose is not furniture whatever its name says
    /// (`div.above-footer` around the article, an ASP.NET `<form>` around the page).
    fn furniture(&self, i: usize, rules: Rules) -> Option<&str> {
        let holds_the_article = |node: NodeId| {
            self.raw_prose.get(node).is_some_and(|&p| p as f64 > self.total_prose as f64 * FURNITURE_MAX_PROSE_SHARE)
        };
        // An article's own header holds its standfirst: a long, link-poor paragraph (or a dek
        // set as a sub-heading) in a header is the lead, not the masthead.
        let lead = |hint: &str| {
            hint == "header"
                && self.blocks.get(i).is_some_and(|b| {
                    b.tag != "h1"
                        && b.link_density < PROSE_MAX_LINK_DENSITY
                        && b.text.chars().count() >= LONG_PARAGRAPH_CHARS
                })
        };
        if rules.strip_furniture {
            if let Some(Some((node, t))) = self.furniture_tag.get(i) {
                if !holds_the_article(*node) && !lead(t) {
                    return Some(t);
                }
            }
        }
        // A layer over the page (a modal, a cookie, login or alert dialog) is not the article,
        // however short the page: relaxed attempts do not bring it back (on a video page with
        // one paragraph they kept the login layer's forms), unless it holds most of the page's
        // prose (a template that wraps the whole page in a box with a close button).
        if let Some(node) = self.dialog_of(i) {
            if rules.strip_furniture || !holds_the_article(node) {
                return Some("dialog");
            }
        }
        if let Some(Some((node, t))) = self.furniture_tag.get(i) {
            if DIALOG_HINTS.contains(&t.as_str()) && !holds_the_article(*node) {
                return Some(t);
            }
        }
        if rules.strip_unlikely {
            if let Some(Some((node, t))) = self.unlikely.get(i) {
                // A long comment thread under a story holds more prose than the story, but
                // the story beside it is the article; a page that is nothing but a thread (a
                // forum, a live ticker made of "comments") keeps it.
                let thread_beside_an_article = COMMENT_WORDS.contains(&t.as_str())
                    && self
                        .raw_prose
                        .get(*node)
                        .is_some_and(|&p| self.total_prose.saturating_sub(p) >= rules.comment_article_chars);
                if (!holds_the_article(*node) || thread_beside_an_article) && !lead(t) {
                    return Some(t);
                }
            }
        }
        None
    }

    /// Picks the main container(s) and decides every block.
    fn decide(&self, config: &HtmlConfig, rules: Rules) -> Decision {
        let n = self.dom.nodes.len();
        let mut scores: Vec<Option<f64>> = vec![None; n];
        let mut touched: Vec<NodeId> = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if self.furniture(i, rules).is_some() || b.heading {
                continue;
            }
            let len = b.text.chars().count();
            if len < config.min_paragraph_chars {
                continue;
            }
            let commas = count_commas(&b.text);
            let content = 1.0 + commas as f64 + (len / 100).min(3) as f64;
            // A `<div>` holding one run of text plays the part of Readability's `<p>`: it is
            // scored like one, and the voting starts at its parent. A `<div>` holding several
            // (lines split by `<br>`, text between child blocks) is what Readability turns into
            // a container of `<p>`s, so the voting starts at the `<div>` itself.
            let container_of_lines =
                !PARAGRAPH_TAGS.contains(&b.tag.as_str()) && self.owned_blocks.get(&b.node).is_some_and(|&n| n > 1);
            let mut ancestor = if container_of_lines { Some(b.node) } else { self.dom.parent(b.node) };
            for level in 0..config.score_ancestor_levels {
                let Some(a) = ancestor else { break };
                if !self.facts[a].is_element || a == DOCUMENT {
                    break;
                }
                let slot = &mut scores[a];
                if slot.is_none() {
                    *slot = Some(self.initial_score(a, config, rules));
                    touched.push(a);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                if let Some(s) = slot.as_mut() {
                    *s += content / divider;
                }
                ancestor = self.dom.parent(a);
            }
        }
        // Scale by link density: a container made of links is a menu whatever its size.
        let mut best: Option<(NodeId, f64)> = None;
        for &c in &touched {
            if let Some(s) = scores[c].as_mut() {
                *s *= 1.0 - self.link_density(c);
                if best.is_none_or(|(_, bs)| *s > bs) {
                    best = Some((c, *s));
                }
            }
        }
        let mut containers: Vec<NodeId> = Vec::new();
        match best {
            None => {
                // Nothing scored (a page of short lines): the whole body is the candidate.
                containers.push(DOCUMENT);
            }
            Some((mut top, mut top_score)) => {
                // Readability's alternative candidates: when three or more near-best candidates
                // share an ancestor with the best one, the article is split into sections and
                // the ancestor is the container.
                let mut ranked: Vec<(f64, NodeId)> =
                    touched.iter().filter_map(|&c| scores[c].map(|s| (s, c))).collect();
                crate::sort::sort_by(&mut ranked, |a, b| b.0.total_cmp(&a.0));
                let alternatives: Vec<NodeId> = ranked
                    .iter()
                    .filter(|(s, c)| *c != top && top_score > 0.0 && *s / top_score >= ALTERNATIVE_SCORE_RATIO)
                    .take(TOP_CANDIDATES - 1)
                    .map(|&(_, c)| c)
                    .collect();
                if alternatives.len() >= MIN_ALTERNATIVES {
                    let mut parent = self.dom.parent(top);
                    while let Some(p) = parent {
                        if p == DOCUMENT || self.tag(p) == "body" {
                            break;
                        }
                        if alternatives.iter().filter(|&&a| self.is_inside(a, p)).count() >= MIN_ALTERNATIVES {
                            top = p;
                            top_score = scores[p].unwrap_or(top_score);
                            break;
                        }
                        parent = self.dom.parent(p);
                    }
                }
                // Climb while the parent is a better container (Readability: the article was
                // split over several children of one parent).
                let threshold = top_score / 3.0;
                let mut last = top_score;
                let mut parent = self.dom.parent(top);
                while let Some(p) = parent {
                    if p == DOCUMENT || self.tag(p) == "body" {
                        break;
                    }
                    if let Some(ps) = scores[p] {
                        if ps < threshold {
                            break;
                        }
                        if ps > last {
                            top = p;
                            top_score = ps;
                            break;
                        }
                        last = ps;
                    }
                    parent = self.dom.parent(p);
                }
                // Climb to an ancestor that holds clearly more prose: paragraphs with commas
                // in a table of names can outscore the article around them, but they cannot
                // hold more of its long paragraphs.
                let prose = self.prose_chars(config, rules);
                let mut parent = self.dom.parent(top);
                while let Some(p) = parent {
                    if p == DOCUMENT || self.tag(p) == "html" {
                        break;
                    }
                    if prose[p] as f64 >= prose[top] as f64 * (1.0 + config.prose_climb_gain)
                        && self.link_density(p) < config.max_container_link_density
                    {
                        top = p;
                        top_score = scores[p].unwrap_or(top_score);
                    }
                    parent = self.dom.parent(p);
                }
                // A lone child wraps nothing more: its parent is the same content.
                while let Some(p) = self.dom.parent(top) {
                    if p == DOCUMENT || self.tag(p) == "body" {
                        break;
                    }
                    let element_children = self.dom.children(p).filter(|&c| self.facts[c].is_element).count();
                    if element_children != 1 {
                        break;
                    }
                    top = p;
                    top_score = scores[p].unwrap_or(top_score);
                }
                containers.push(top);
                self.add_siblings(top, top_score, &scores, &prose, config, &mut containers);
                self.add_data_boxes(top, config, rules, &mut containers);
            }
        }
        // Inside a box of data that joined the article, the tables and lists of its parts are
        // held to the list limit and its linked items stay: ingredients link to the shop.
        let data_boxes: Vec<NodeId> =
            containers.iter().copied().filter(|&c| self.is_data_box(c, config, rules)).collect();
        let cleaned = self.clean_conditionally(&containers, &data_boxes, config, rules);
        let mut in_main: Vec<bool> =
            self.blocks.iter().map(|b| containers.iter().any(|&c| self.is_inside(b.node, c))).collect();
        self.recover_lead(&mut in_main, config, rules);
        let mut reasons = Vec::with_capacity(self.blocks.len());
        let mut kept_chars = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            let in_main = in_main[i];
            let reason = if !in_main {
                Some(RemovalReason::OutsideMainContent)
            } else if let Some(r) = cleaned.get(b.node).cloned().flatten() {
                Some(r)
            } else if let Some(hint) = self.furniture(i, rules) {
                Some(RemovalReason::BoilerplateMarkup(hint.to_string()))
            } else if b.tag == "figcaption" || b.in_figure {
                Some(RemovalReason::Caption)
            } else if b.link_density > config.max_link_density
                && !self.item_of_content_list(i, config)
                && !self.in_data_table(b.node)
                && !data_boxes.iter().any(|&d| self.is_inside(b.node, d))
            {
                Some(RemovalReason::LinkDense)
            } else if let Some(word) = self.widget_below(i, &containers, config, rules) {
                if word == "caption" || word == "credit" {
                    Some(RemovalReason::Caption)
                } else {
                    Some(RemovalReason::BoilerplateMarkup(word.to_string()))
                }
            } else {
                None
            };
            if reason.is_none() {
                kept_chars += b.text.chars().count();
            }
            reasons.push(reason);
        }
        kept_chars += self.keep_told_in_captions(&mut reasons, kept_chars, config);
        kept_chars = kept_chars.saturating_sub(self.strip_stray_text(&mut reasons, config));
        kept_chars = kept_chars.saturating_sub(self.strip_after_body(&mut reasons, config));
        // After the last paragraph of prose, short label-like lines ("Print recipe", "Most
        // read", "Photo: X", "Category: News") are the article's footer, not its text.
        if let Some(last_prose) = self
            .blocks
            .iter()
            .zip(&reasons)
            .rposition(|(b, r)| r.is_none() && b.text.chars().count() >= config.long_paragraph_chars)
        {
            for (b, reason) in self.blocks.iter().zip(reasons.iter_mut()).skip(last_prose + 1) {
                if reason.is_none()
                    && !(DATA_TAGS.contains(&b.tag.as_str()) && carries_a_value(&b.text))
                    && b.text.split_whitespace().count() <= config.max_label_words
                    && !ends_like_sentence(&b.text)
                {
                    kept_chars = kept_chars.saturating_sub(b.text.chars().count());
                    *reason = Some(RemovalReason::AfterArticleEnd);
                }
            }
        }
        // A heading whose section keeps nothing ("Related stories" over a removed link list,
        // "Share this" over removed buttons) introduces boilerplate: it goes too. Walk backwards
        // so each heading knows whether anything was kept before the next heading of the same
        // or a higher level.
        let mut kept_below = [false; 7];
        for (b, reason) in self.blocks.iter().zip(reasons.iter_mut()).rev() {
            let level = heading_level(&b.tag);
            if level == 0 {
                if reason.is_none() {
                    kept_below = [true; 7];
                }
                continue;
            }
            // A dek set as a heading is a sentence of its own, not a section's title.
            let dek = b.text.chars().count() >= config.long_paragraph_chars && ends_like_sentence(&b.text);
            if reason.is_none() && !kept_below[level] && !dek {
                kept_chars = kept_chars.saturating_sub(b.text.chars().count());
                *reason = Some(RemovalReason::EmptySection);
            }
            // The heading ends the sections of its own and every lower level; a kept heading
            // counts as content for the levels above it.
            let kept = reason.is_none();
            for (l, slot) in kept_below.iter_mut().enumerate() {
                if l >= level {
                    *slot = false;
                } else if kept {
                    *slot = true;
                }
            }
        }
        let data_items = self
            .blocks
            .iter()
            .zip(&reasons)
            .map(|(b, r)| r.is_none() && b.link_density > 0.0 && data_boxes.iter().any(|&d| self.is_inside(b.node, d)))
            .collect();
        Decision { reasons, data_items, kept_chars }
    }

    /// A slideshow or listicle tells its story in the captions: when the captions inside the
    /// main content hold [`HtmlConfig::caption_story_ratio`] times more text than everything
    /// else kept, they are the article, not legends beside it. Returns the characters restored.
    fn keep_told_in_captions(
        &self,
        reasons: &mut [Option<RemovalReason>],
        kept_chars: usize,
        config: &HtmlConfig,
    ) -> usize {
        let captions: usize = self
            .blocks
            .iter()
            .zip(reasons.iter())
            .filter(|(_, r)| matches!(r, Some(RemovalReason::Caption)))
            .map(|(b, _)| b.text.chars().count())
            .sum();
        if captions < config.min_kept_chars || (captions as f64) <= kept_chars as f64 * config.caption_story_ratio {
            return 0;
        }
        for r in reasons.iter_mut() {
            if matches!(r, Some(RemovalReason::Caption)) {
                *r = None;
            }
        }
        captions
    }

    /// Text outside the body's paragraph markup. When the kept prose is written in `<p>`
    /// elements, text held directly by a `<div>` (or another box) after the first of them is
    /// a widget's: a post-meta line, an author box, an inline promo, an image legend. Before the
    /// first paragraph such text is the standfirst (`div.excerpt`) and stays. Returns the
    /// characters removed.
    fn strip_stray_text(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) -> usize {
        let prose = |b: &HtmlBlock| {
            !b.heading
                && b.link_density < PROSE_MAX_LINK_DENSITY
                && b.text.chars().count() >= config.long_paragraph_chars
        };
        let (mut in_p, mut total) = (0usize, 0usize);
        let mut first_p = None;
        for (i, (b, r)) in self.blocks.iter().zip(reasons.iter()).enumerate() {
            if r.is_none() && prose(b) {
                let len = b.text.chars().count();
                total += len;
                if b.tag == "p" {
                    in_p += len;
                    first_p.get_or_insert(i);
                }
            }
        }
        let Some(first_p) = first_p else { return 0 };
        if (in_p as f64) < total as f64 * config.paragraph_markup_share {
            return 0;
        }
        let mut removed = 0;
        for (b, r) in self.blocks.iter().zip(reasons.iter_mut()).skip(first_p + 1) {
            let stray = !b.heading
                && !PARAGRAPH_TAGS.contains(&b.tag.as_str())
                && b.tag != "blockquote"
                && !b.in_list
                && !b.in_table;
            if r.is_none() && stray {
                removed += b.text.chars().count();
                *r = Some(RemovalReason::BoilerplateMarkup(format!("{} text among <p> paragraphs", b.tag)));
            }
        }
        removed
    }

    /// The article ends where its paragraphs' parent ends. When one element holds most of the
    /// kept `<p>` prose ([`HtmlConfig::body_parent_share`]), the kept blocks after it (an
    /// author box, a "more on this" list, a comment prompt, a licence note) are
    /// [`RemovalReason::AfterArticleEnd`], which the classifier may overrule. An article split
    /// over several wrappers (text around an ad slot) has no such parent and is left alone.
    /// Returns the characters removed.
    fn strip_after_body(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) -> usize {
        if config.body_parent_share > 1.0 {
            return 0;
        }
        let mut per_parent: std::collections::HashMap<NodeId, usize> = std::collections::HashMap::new();
        for (b, r) in self.blocks.iter().zip(reasons.iter()) {
            if r.is_none() && b.tag == "p" && b.link_density < PROSE_MAX_LINK_DENSITY {
                let len = b.text.chars().count();
                if len >= config.long_paragraph_chars {
                    if let Some(p) = self.dom.parent(b.node) {
                        *per_parent.entry(p).or_insert(0) += len;
                    }
                }
            }
        }
        // Ties go to the earlier element, so the choice does not depend on hash order.
        let Some((&body, &chars)) = per_parent.iter().max_by_key(|(id, &c)| (c, std::cmp::Reverse(**id))) else {
            return 0;
        };
        let total: usize = per_parent.values().sum();
        if (chars as f64) < total as f64 * config.body_parent_share {
            return 0;
        }
        let end = self.facts[body].end;
        let mut removed = 0;
        for (b, r) in self.blocks.iter().zip(reasons.iter_mut()) {
            if r.is_none() && self.facts[b.node].pre >= end {
                removed += b.text.chars().count();
                *r = Some(RemovalReason::AfterArticleEnd);
            }
        }
        removed
    }

    /// The headline: the first kept `<h1>` before the first kept paragraph of prose. Text mode
    /// takes the headline out of the body into the title; so does HTML mode, whose title comes
    /// from the markup (`og:title`, `<title>`). An `<h1>` further down is a section heading.
    fn mark_headline(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) {
        let first_prose = self
            .blocks
            .iter()
            .zip(reasons.iter())
            .position(|(b, r)| r.is_none() && !b.heading && b.text.chars().count() >= config.long_paragraph_chars)
            .unwrap_or(self.blocks.len());
        let headline =
            self.blocks.iter().zip(reasons.iter()).take(first_prose).position(|(b, r)| r.is_none() && b.tag == "h1");
        if let Some(slot) = headline.and_then(|i| reasons.get_mut(i)) {
            *slot = Some(RemovalReason::Headline);
        }
    }

    /// The dek that the page's own summary repeats: the last block before the first kept one
    /// whose text and the description start alike ([`starts_alike`]), of at least
    /// [`HtmlConfig::described_dek_words`] words, removed only for where it stands (outside the
    /// container, in a link-heavy or furniture box, over an emptied section), is kept. Editors
    /// write the summary for the article, so a block saying it sits where no teaser of another
    /// story does; the walk back from the body ([`Self::recover_lead`]) stops at gaps and
    /// furniture that a dek set in a page header (`h2.article-excerpt` past a share bar, a
    /// picture and an ad slot) meets. When a kept block already starts like the description
    /// (the summary is the first paragraph), the earlier copy is a teaser and stays out.
    /// Each of the page's summaries is tried in turn (a site tagline in `<meta name=description>`
    /// matches nothing); at most one block comes back.
    fn recover_described_dek(&self, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) {
        if config.described_dek_words == 0 {
            return;
        }
        for description in self.metadata.description.as_deref().unwrap_or_default().lines() {
            if description.split_whitespace().count() >= config.described_dek_words
                && self.recover_dek_of(description, reasons, config)
            {
                return;
            }
        }
    }

    /// [`Self::recover_described_dek`] for one summary; whether a block came back.
    fn recover_dek_of(&self, description: &str, reasons: &mut [Option<RemovalReason>], config: &HtmlConfig) -> bool {
        let title = self.metadata.title.as_deref().map(squashed_lower).unwrap_or_default();
        let Some(first) = reasons.iter().position(Option::is_none) else { return false };
        let summary = summary_key(description);
        // Only a block as long as a dek says the summary: a kept subhead or one-word line that
        // opens like it ("Update") does not.
        let kept_says_it = self.blocks.iter().zip(reasons.iter()).any(|(b, r)| {
            r.is_none()
                && b.text.split_whitespace().count() >= config.described_dek_words
                && starts_alike(&b.text, &summary)
        });
        if kept_says_it {
            return false;
        }
        for i in (0..first).rev() {
            let (Some(b), Some(slot)) = (self.blocks.get(i), reasons.get_mut(i)) else { break };
            let placed = matches!(
                slot,
                Some(
                    RemovalReason::OutsideMainContent
                        | RemovalReason::LinkDense
                        | RemovalReason::BoilerplateMarkup(_)
                        | RemovalReason::EmptySection
                )
            );
            if placed
                && b.tag != "h1"
                && b.text.split_whitespace().count() >= config.described_dek_words
                && squashed_lower(&b.text) != title
                && starts_alike(&b.text, &summary)
            {
                *slot = None;
                return true;
            }
        }
        false
    }

    /// The standfirst often sits just before the body container, in markup of its own
    /// (`div.excerpt`, `p.lead` in the title block), separated from it by a picture, a byline or
    /// a share bar. Walking back from the first block of the body, prose blocks outside it join
    /// until a run of more than [`HtmlConfig::max_lead_gap`] other blocks or a link-heavy block.
    fn recover_lead(&self, in_main: &mut [bool], config: &HtmlConfig, rules: Rules) {
        let Some(first) = in_main.iter().position(|&m| m) else { return };
        let mut gap = 0;
        for i in (0..first).rev() {
            let Some(b) = self.blocks.get(i) else { break };
            if self.is_lead_prose(i, config, rules) {
                in_main[i] = true;
                gap = 0;
            } else if b.link_density > config.max_link_density && b.text.chars().count() >= config.long_paragraph_chars
            {
                break;
            } else {
                gap += 1;
                if gap > config.max_lead_gap {
                    break;
                }
            }
        }
        // The headline opens the article: prose between the `<h1>` that names the page (its
        // words are the title's) and the body is the article's dek, standfirst or abstract,
        // however many pictures, bylines, metrics or teaser rails separate them. A site's
        // logo set as `<h1>` does not name the page's title, so it anchors nothing.
        let Some(title) = self.metadata.title.as_deref() else { return };
        let Some(h1) = (0..first).rev().find(|&i| self.blocks.get(i).is_some_and(|b| b.tag == "h1")) else { return };
        if !self.blocks.get(h1).is_some_and(|b| names_title(&b.text, title, config.headline_title_overlap)) {
            return;
        }
        for i in h1 + 1..first {
            if self.is_lead_prose(i, config, rules) {
                if let Some(slot) = in_main.get_mut(i) {
                    *slot = true;
                }
            }
        }
    }

    /// A block that can be an article's lead: a long, link-poor paragraph outside furniture,
    /// or a dek set as a sub-heading (`h2.article-subheadline`, `h2[itemprop=description]`),
    /// a sentence longer than any section heading; the headline (`h1`) is not lead.
    fn is_lead_prose(&self, i: usize, config: &HtmlConfig, rules: Rules) -> bool {
        self.blocks.get(i).is_some_and(|b| {
            (!b.heading || b.tag != "h1")
                && b.link_density < PROSE_MAX_LINK_DENSITY
                && b.text.chars().count() >= config.long_paragraph_chars
                && self.furniture(i, rules).is_none()
        })
    }

    /// Readability's `_cleanConditionally`: inside the chosen containers, a sub-container
    /// (`div`, `section`, `ul`, `table`, ...) made mostly of links goes whole (a related-stories
    /// box whose summaries are not links still has linked headlines), unless it has the commas
    /// of prose. Returns, per node, the reason inherited from the nearest cleaned ancestor.
    fn clean_conditionally(
        &self,
        containers: &[NodeId],
        data_boxes: &[NodeId],
        config: &HtmlConfig,
        rules: Rules,
    ) -> Vec<Option<RemovalReason>> {
        let mut cleaned: Vec<Option<RemovalReason>> = vec![None; self.dom.nodes.len()];
        // The box that holds most of the article's prose is the article body, links or not.
        let main_prose: usize = containers.iter().filter_map(|&c| self.raw_prose.get(c)).sum();
        for &id in &self.order {
            let Some(e) = self.dom.element(id) else { continue };
            if let Some(parent_reason) = self.dom.parent(id).and_then(|p| cleaned.get(p).cloned().flatten()) {
                cleaned[id] = Some(parent_reason);
                continue;
            }
            if !CONDITIONAL_TAGS.contains(&e.tag()) || !containers.iter().any(|&c| c != id && self.is_inside(id, c)) {
                continue;
            }
            if self.in_data_table(id) {
                continue;
            }
            let f = &self.facts[id];
            if f.chars == 0
                || f.commas >= config.conditional_min_commas
                || self.raw_prose.get(id).is_some_and(|&p| p as f64 >= main_prose as f64 * FURNITURE_MAX_PROSE_SHARE)
            {
                continue;
            }
            let weight = if rules.weight_classes { f.class_weight } else { 0.0 };
            let ld = self.link_density(id);
            // Readability exempts lists from the strict limit: ingredient and specification
            // lists link their items to shop or glossary pages and are still the article.
            let list = matches!(e.tag(), "ul" | "ol") || data_boxes.iter().any(|&d| self.is_inside(id, d));
            let limit = if weight >= CLASS_WEIGHT || list {
                config.conditional_link_density_weighted
            } else {
                config.conditional_link_density
            };
            if ld > limit {
                cleaned[id] = Some(RemovalReason::LinkDense);
            }
        }
        cleaned
    }

    /// The inline-widget word of block `i` if the widget element sits strictly inside a chosen
    /// container (a container's own class never condemns its content).
    fn widget_below(&self, i: usize, containers: &[NodeId], config: &HtmlConfig, rules: Rules) -> Option<&str> {
        if !rules.strip_widgets {
            return None;
        }
        let (node, word) = self.widget.get(i)?.as_ref()?;
        // A "read more" box of link-poor prose is collapsed text the reader expands (a
        // holiday home's description), not a teaser of another page, which is a link.
        if (word == "readmore" || word == "read-more")
            && self.facts.get(*node).is_some_and(|f| f.chars >= config.collapsed_text_chars)
            && self.link_density(*node) < PROSE_MAX_LINK_DENSITY
        {
            return None;
        }
        containers.iter().any(|&c| c != *node && self.is_inside(*node, c)).then_some(word.as_str())
    }

    /// Readability's initial score: tag weight plus class weight.
    fn initial_score(&self, id: NodeId, config: &HtmlConfig, rules: Rules) -> f64 {
        let base = match self.tag(id) {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        let class =
            if rules.weight_classes { self.facts[id].class_weight / CLASS_WEIGHT * config.class_weight } else { 0.0 };
        base + class
    }

    /// Readability's sibling rule: siblings that score well, or read like paragraphs, join.
    fn add_siblings(
        &self,
        top: NodeId,
        top_score: f64,
        scores: &[Option<f64>],
        prose: &[usize],
        config: &HtmlConfig,
        containers: &mut Vec<NodeId>,
    ) {
        self.add_score_siblings(top, top_score, scores, config, containers);
        // A standfirst or lead paragraph often sits beside the body container, or beside one of
        // its wrappers (`header > p.lead` next to `div.body > div.text`): siblings up to a few
        // levels up join when they are mostly long, link-poor prose.
        let mut node = top;
        for _ in 0..config.prose_sibling_levels {
            let Some(parent) = self.dom.parent(node) else { break };
            if parent == DOCUMENT || self.tag(parent) == "body" {
                break;
            }
            for sib in self.dom.children(parent) {
                if sib == node || !self.facts[sib].is_element || containers.contains(&sib) {
                    continue;
                }
                let chars = self.facts[sib].chars;
                if prose[sib] >= config.long_paragraph_chars
                    && self.link_density(sib) < PROSE_MAX_LINK_DENSITY
                    && prose[sib] as f64 >= chars as f64 * PROSE_SIBLING_SHARE
                {
                    containers.push(sib);
                }
            }
            node = parent;
        }
    }

    /// The element siblings right before and after the container, or one of its wrappers up
    /// to [`HtmlConfig::prose_sibling_levels`] up, join it when they are boxes of data
    /// ([`Page::is_data_box`]): a recipe's ingredient table or a product's specification list
    /// beside the instructions or description.
    fn add_data_boxes(&self, top: NodeId, config: &HtmlConfig, rules: Rules, containers: &mut Vec<NodeId>) {
        let mut node = top;
        for _ in 0..config.prose_sibling_levels {
            let Some(parent) = self.dom.parent(node) else { break };
            if parent == DOCUMENT || self.tag(parent) == "body" {
                break;
            }
            let siblings: Vec<NodeId> = self.dom.children(parent).filter(|&c| self.facts[c].is_element).collect();
            if let Some(at) = siblings.iter().position(|&c| c == node) {
                let around = [at.checked_sub(1), Some(at + 1)];
                for sib in around.into_iter().flatten().filter_map(|k| siblings.get(k).copied()) {
                    if !containers.contains(&sib) && self.is_data_box(sib, config, rules) {
                        containers.push(sib);
                    }
                }
            }
            node = parent;
        }
    }

    /// A box of data: mostly list items or table cells ([`DATA_BOX_MIN_ITEMS`] at least), short
    /// ones (no paragraph of prose: a comment thread is a list too), not made of links, not
    /// furniture and not marked by its class as anything but content. Readability's scoring
    /// never sees it (its cells are too short to vote), so it is left out beside the
    /// instructions it belongs to.
    fn is_data_box(&self, id: NodeId, config: &HtmlConfig, rules: Rules) -> bool {
        let f = &self.facts[id];
        if f.chars == 0
            || (rules.weight_classes && f.class_weight < 0.0)
            || self.link_density(id) > config.conditional_link_density_weighted
            || self.raw_prose.get(id).is_some_and(|&p| p > 0)
        {
            return false;
        }
        let (mut items, mut blocks, mut headings) = (0usize, 0usize, 0usize);
        for (i, b) in self.blocks.iter().enumerate() {
            if !self.is_inside(b.node, id) {
                continue;
            }
            if self.furniture(i, rules).is_some() || self.widget.get(i).is_some_and(Option::is_some) {
                return false;
            }
            blocks += 1;
            if b.heading {
                headings += 1;
            } else if b.in_list || b.in_table {
                items += 1;
            }
        }
        // Data items are short phrases ("250 g", "Pool heated by salt electrolysis"), grouped
        // under a few headings ("Dough:", "Topping:"); a teaser list has a headline per item.
        items >= DATA_BOX_MIN_ITEMS
            && items * 2 >= blocks
            && headings * 3 <= items
            && f.chars <= blocks * DATA_ITEM_MAX_MEAN_CHARS
    }

    fn add_score_siblings(
        &self,
        top: NodeId,
        top_score: f64,
        scores: &[Option<f64>],
        config: &HtmlConfig,
        containers: &mut Vec<NodeId>,
    ) {
        let Some(parent) = self.dom.parent(top) else { return };
        let threshold = (top_score * config.sibling_score_ratio).max(10.0);
        let top_class = self.dom.element(top).and_then(|e| e.attr("class")).unwrap_or("");
        for sib in self.dom.children(parent) {
            if sib == top || !self.facts[sib].is_element {
                continue;
            }
            let mut bonus = 0.0;
            let class = self.dom.element(sib).and_then(|e| e.attr("class")).unwrap_or("");
            if !top_class.is_empty() && class == top_class {
                bonus += top_score * 0.2;
            }
            let score = scores[sib].unwrap_or(0.0);
            let mut append = score + bonus >= threshold;
            if !append && self.tag(sib) == "p" {
                let chars = self.facts[sib].chars;
                let ld = self.link_density(sib);
                // Readability: long prose paragraphs, or short link-free sentences.
                append = (chars > 80 && ld < 0.25) || (chars > 0 && ld == 0.0 && self.ends_with_sentence(sib));
            }
            if append {
                containers.push(sib);
            }
        }
    }

    fn ends_with_sentence(&self, id: NodeId) -> bool {
        self.last_block
            .get(&id)
            .and_then(|&i| self.blocks.get(i))
            .is_some_and(|b| b.text.ends_with(['.', '!', '?', '。']))
    }
}

/// Readability's `_markDataTables`: a table of data (headers, a caption, column groups, or
/// at least [`DATA_TABLE_ROWS`] rows, and no table nested inside) rather than one laying out the
/// page, and not made mostly of links. Its links (an ingredient linked to a glossary, a model
/// to its page) are data too.
/// Returns their pre-order ranges. Each scan stops at the first nested table, so nested layout
/// tables cost their own subtree once each, not once per enclosing table.
fn data_tables(dom: &Dom, facts: &[ElementFacts], order: &[NodeId]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for &id in order {
        if dom.element(id).is_none_or(|e| e.tag() != "table") {
            continue;
        }
        let (pre, end) = (facts[id].pre, facts[id].end);
        if dom.element(id).and_then(|e| e.attr("role")).is_some_and(|r| r.eq_ignore_ascii_case("presentation")) {
            continue;
        }
        let (mut rows, mut headed, mut nested) = (0usize, false, false);
        for &d in order.get(pre + 1..end).unwrap_or(&[]) {
            match dom.element(d).map(|e| e.tag()) {
                Some("table") => {
                    nested = true;
                    break;
                }
                Some("tr") => rows += 1,
                Some("th" | "thead" | "tfoot" | "caption" | "colgroup" | "col") => headed = true,
                _ => {}
            }
        }
        // A table made of links is a navigation box laid out as a table (a wiki's navbox).
        let f = &facts[id];
        let links = f.chars > 0 && f.link_chars as f64 > f.chars as f64 * MAX_LINK_DENSITY;
        if !nested && !links && (headed || rows >= DATA_TABLE_ROWS) {
            ranges.push((pre, end));
        }
    }
    ranges
}

/// Commas of any script (Readability counts them as a sign of prose).
fn count_commas(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, ',' | '،' | '、' | '，' | '︐' | '︑' | '⹁' | '⸴' | '⸲' | '﹐' | '﹑')).count()
}

/// 1..=6 for `h1`..`h6`, 0 for anything else.
fn heading_level(tag: &str) -> usize {
    match tag {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => 0,
    }
}

fn push_children<T>(dom: &Dom, id: NodeId, stack: &mut Vec<T>)
where
    T: From<NodeId>,
{
    let start = stack.len();
    for c in dom.children(id) {
        stack.push(T::from(c));
    }
    // The stack pops last first: reverse so the first child is visited first.
    stack[start..].reverse();
}

/// Metadata from the page's markup: Open Graph and `article:` meta tags first (the publisher's
/// own statement), then JSON-LD, then `<title>`, `<time datetime>` and `<meta name=author>`.
pub fn extract_metadata(html: &str) -> HtmlMetadata {
    metadata_of(&Dom::parse(html))
}

fn metadata_of(dom: &Dom) -> HtmlMetadata {
    let mut og_title = None;
    let mut title_tag = None;
    let mut meta_date = None;
    let mut time_date = None;
    let mut item_date = None;
    let mut site = None;
    let mut author = None;
    let mut description = None;
    let mut ld = HtmlMetadata::default();
    // Arena order is creation order, which is document order for everything we read here.
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element(e) = &node.kind else { continue };
        match e.tag() {
            "title" if title_tag.is_none() => title_tag = non_empty(&text_of(dom, id)),
            "meta" => {
                let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
                let (Some(key), Some(value)) = (key, e.attr("content")) else { continue };
                let value = non_empty(value);
                match key.trim().to_ascii_lowercase().as_str() {
                    "og:title" | "twitter:title" => og_title = og_title.or(value),
                    "og:site_name" | "application-name" => site = site.or(value),
                    "description" | "og:description" | "twitter:description" => {
                        add_summary(&mut description, value.as_deref())
                    }
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date.issued"
                    | "dc.date"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "publication_date"
                    | "dcterms.date"
                    | "dcterms.created"
                    | "og:article:published_time" => {
                        meta_date = meta_date.or_else(|| value.as_deref().and_then(markup_date))
                    }
                    "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author" => {
                        author = author.or_else(|| value.filter(|v| is_person_name(v)))
                    }
                    _ => {}
                }
            }
            // `<time datetime>` (or its text), and schema.org microdata on any element.
            "time" if time_date.is_none() => {
                time_date = e.attr("datetime").and_then(markup_date).or_else(|| markup_date(&text_of(dom, id)))
            }
            _ if item_date.is_none() && e.attr("itemprop").is_some_and(|p| p.trim() == "datePublished") => {
                item_date = e.attr("content").or_else(|| e.attr("datetime")).and_then(markup_date)
            }
            "script" if e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text_of(dom, id)) {
                    read_json_ld(&value, &mut ld);
                }
            }
            _ => {}
        }
    }
    // A site name that repeats the page's title is a template's mistake, not the site.
    let site = site.filter(|s| og_title.as_ref() != Some(s) && title_tag.as_ref() != Some(s));
    HtmlMetadata {
        title: og_title
            .or(ld.title)
            .map(|t| page_title(&t, site.as_deref().or(ld.source.as_deref()), false))
            .or_else(|| title_tag.map(|t| page_title(&t, site.as_deref().or(ld.source.as_deref()), true))),
        date: meta_date.or(ld.date.as_deref().and_then(markup_date)).or(item_date).or(time_date),
        source: site.or(ld.source),
        author: author.or(ld.author.filter(|a| is_person_name(a))),
        description,
    }
}

/// Adds `summary` (squashed by [`non_empty`], so on one line) as a line of `summaries` unless
/// it is there already.
fn add_summary(summaries: &mut Option<String>, summary: Option<&str>) {
    let Some(summary) = summary else { return };
    match summaries {
        Some(all) if all.lines().any(|l| l == summary) => {}
        Some(all) => {
            all.push('\n');
            all.push_str(summary);
        }
        None => *summaries = Some(summary.to_string()),
    }
}

/// Fills the first `headline`, `datePublished`, `publisher.name` and `author.name` found in a
/// JSON-LD value (objects, arrays and `@graph`), walking with an explicit stack.
fn read_json_ld(value: &serde_json::Value, out: &mut HtmlMetadata) {
    use serde_json::Value;
    let name_of = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => non_empty(s),
            Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(non_empty),
            Value::Array(a) => a.iter().find_map(|x| match x {
                Value::String(s) => non_empty(s),
                Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(non_empty),
                _ => None,
            }),
            _ => None,
        }
    };
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(o) => {
                if out.title.is_none() {
                    out.title = o.get("headline").and_then(Value::as_str).and_then(non_empty);
                }
                if out.date.is_none() {
                    out.date = o.get("datePublished").and_then(Value::as_str).and_then(non_empty);
                }
                if out.source.is_none() {
                    out.source = o.get("publisher").and_then(name_of);
                }
                if out.author.is_none() {
                    out.author = o.get("author").and_then(name_of);
                }
                if let Some(graph) = o.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
}

/// A date as markup writes it, as ISO `YYYY-MM-DD`: ISO 8601 with or without a time
/// (`2017-10-10T08:00:00+00:00`, `2022-5-3T23:57`), Unix seconds or milliseconds (some CMSs put
/// them in `article:published_time`), and the written forms text mode reads (`Wed, 04 May 2022
/// 02:41:00 GMT`, `Di., 25.01.2022`). `None` for anything else: a `<time datetime>` can hold a
/// duration (`PT15M`) or opening hours, which are no publication date.
fn markup_date(value: &str) -> Option<String> {
    let v = value.trim();
    if (v.len() == 10 || v.len() == 13) && v.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = v.get(..10)?.parse().ok()?;
        return Some(civil_day(secs.div_euclid(86_400)));
    }
    let day = v.split(['T', ' ']).next().unwrap_or(v);
    super::metadata::find_date(day).or_else(|| super::metadata::find_date(v))
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian; H. Hinnant's `civil_from_days`).
fn civil_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// An author field that names someone: not a profile URL (`article:author` often holds one),
/// not a placeholder left by a template.
fn is_person_name(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_lowercase();
    !v.is_empty()
        && !lower.starts_with("http")
        && !lower.starts_with("www.")
        && !v.contains('/')
        && !matches!(lower.as_str(), "null" | "undefined" | "none" | "admin" | "author" | "publisher")
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Separators between a page's title and its site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " » ", " :: ", " · ", " / "];
/// A title segment shorter than this many words is a site or section name ("News"), not the
/// article's title.
const MIN_TITLE_WORDS: usize = 2;

/// The article's title without the site's name around it (`Story | Site`, `Site » Blog »
/// Story`): the segments that name the site (`og:site_name`) go; of a `<title>` without a known
/// site name the longest segment stays (site and section names are shorter than headlines).
/// An `og:title` without the site name is the publisher's own statement and stays whole.
fn page_title(title: &str, site: Option<&str>, from_title_tag: bool) -> String {
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(*s)) else { return title.to_string() };
    let segments: Vec<&str> = title.split(sep).map(str::trim).filter(|s| !s.is_empty()).collect();
    if let Some(site) = site.map(str::to_lowercase).filter(|s| !s.is_empty()) {
        let names_site = |seg: &str| {
            let seg = seg.to_lowercase();
            seg == site || (seg.len() >= 3 && site.contains(&seg)) || seg.contains(&site)
        };
        let rest: Vec<&str> = segments.iter().copied().filter(|s| !names_site(s)).collect();
        if !rest.is_empty() && rest.len() < segments.len() {
            return rest.join(sep);
        }
    }
    if !from_title_tag {
        return title.to_string();
    }
    match segments.iter().max_by_key(|s| s.chars().count()) {
        Some(longest) if longest.split_whitespace().count() >= MIN_TITLE_WORDS => longest.to_string(),
        _ => title.to_string(),
    }
}

/// The concatenated text children of an element (for `<title>` and `<script>`).
fn text_of(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for c in dom.children(id) {
        if let Some(NodeKind::Text(t)) = dom.nodes.get(c).map(|n| &n.kind) {
            s.push_str(t);
        }
    }
    s
}

/// What HTML mode reads from a page besides its blocks: the structural decision per block
/// (`None`: inside the main content) and the metadata in the markup.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageReading {
    pub reasons: Vec<Option<RemovalReason>>,
    /// Per block: the structural removal is soft evidence the classifier may overrule.
    pub soft: Vec<bool>,
    /// Per block: a linked item of a box of data that joined the body ([`Page::is_data_box`]):
    /// its links are the shop's or the glossary's, not a related-stories rail's, so the
    /// classifier's `relatedLinks` does not remove it. (Items of content lists and data tables
    /// keep that check: on the dev pages lifting it there kept "Buy Now" and "At Amazon".)
    pub data_items: Vec<bool>,
    /// Blocks whose page text has soft hyphens inside words, with that text: the body shows it
    /// once the decision (made on the text without them) is taken.
    pub hyphenated: Vec<(usize, String)>,
    /// Per block: a list item or a table cell (a row of data, a ranking, a schedule), which the
    /// text model's tail check leaves alone: it reads short runs of them as menus.
    pub list_or_table: Vec<bool>,
    /// Per block: a heading (`h1`-`h6`), which never ends an article ([`trim_tail`]).
    pub heading: Vec<bool>,
    /// Per block: all its text is set in emphasis ([`drop_voiced_notes`]).
    pub emphasized: Vec<bool>,
    /// Per block: the strongest prompt target it links to ([`prompt_target`]), which
    /// [`trim_tail`] reads.
    pub prompt_link: Vec<PromptLink>,
    pub metadata: HtmlMetadata,
}

/// HTML mode of [`super::read_blocks`]: the page's blocks with their [`HtmlEvidence`] for the
/// shared classifier, the structural decision for [`combine`], and the language of the main
/// content (menus and cookie notices would skew detection).
pub(crate) fn read_page(input: &str, config: &CleanConfig) -> ReadDocument {
    let page = Page::build(input);
    let metadata = page.metadata.clone();
    let (mut reasons, data_items) = if config.disabled {
        (vec![None; page.blocks.len()], vec![false; page.blocks.len()])
    } else {
        let d = page.decide_best(&config.html);
        (d.reasons, d.data_items)
    };
    if !config.disabled && !config.html.headline_in_body {
        page.mark_headline(&mut reasons, &config.html);
    }
    if !config.disabled {
        page.recover_described_dek(&mut reasons, &config.html);
    }
    let body_sample: String = page
        .blocks
        .iter()
        .zip(&reasons)
        .filter(|(_, r)| r.is_none())
        .map(|(b, _)| b.text.as_str())
        .take(200)
        .collect::<Vec<_>>()
        .join("\n");
    let language = text::detect_language(&body_sample);
    let blocks = page
        .blocks
        .iter()
        .zip(&reasons)
        .enumerate()
        .map(|(index, (b, reason))| BlockInput {
            text: b.text.clone(),
            // A page has no meaningful source lines: `line` numbers the visible blocks instead.
            line: index + 1,
            html: Some(HtmlEvidence {
                tag: b.tag.clone(),
                link_density: b.link_density,
                in_main: reason.as_ref().is_none_or(|r| is_soft(r, b, &config.html)),
                heading: b.heading,
            }),
        })
        .collect();
    let soft = page
        .blocks
        .iter()
        .zip(&reasons)
        .map(|(b, r)| r.as_ref().is_some_and(|r| is_soft(r, b, &config.html)))
        .collect();
    let hyphenated = page.blocks.iter().enumerate().filter_map(|(i, b)| b.hyphenated.clone().map(|h| (i, h))).collect();
    ReadDocument {
        blocks,
        html: true,
        language,
        page: Some(PageReading {
            reasons,
            soft,
            data_items,
            hyphenated,
            list_or_table: page.blocks.iter().map(|b| b.in_list || b.in_table).collect(),
            heading: page.blocks.iter().map(|b| b.heading).collect(),
            emphasized: page.blocks.iter().map(|b| b.emphasized).collect(),
            prompt_link: page.blocks.iter().map(|b| b.prompt_link).collect(),
            metadata,
        }),
    }
}

/// A structural removal the text classifier may overrule (with its content region and
/// signals): a link-poor block removed only because the box around it is link-heavy (a short
/// post in a wrapper full of meta links, an ingredient list), and the position-based rules
/// (short lines after the last long paragraph, headings over removed sections) and `<header>`
/// markup, which know nothing of what the text says. On the dev pages this gained 0.8 points of recall for 0.6 of
/// precision; losing body text costs more.
fn is_soft(reason: &RemovalReason, b: &HtmlBlock, config: &HtmlConfig) -> bool {
    match reason {
        // Only paragraph markup: a heading or a `<div>`'s text in a link-heavy box is the box's
        // title or blurb ("Categories", "About this blog ..."), never the article's (dev pages:
        // 16 such blocks kept that should have gone, 1 that should have stayed).
        // Inside furniture markup (a `<footer>`, a sidebar, a comment box) a link-heavy box is
        // the furniture's own (dev pages: 3 newsletter and author lines fewer, no body line).
        RemovalReason::LinkDense => {
            b.link_density <= config.max_link_density
                && DATA_TAGS.contains(&b.tag.as_str())
                && b.boilerplate_hint.is_none()
        }
        RemovalReason::AfterArticleEnd | RemovalReason::EmptySection => true,
        // An article's own <header> holds its kicker, dek and dateline next to the masthead;
        // the classifier's signals tell them apart (dev pages: recall 0.949 -> 0.950, same F1).
        RemovalReason::BoilerplateMarkup(hint) => hint == "header",
        _ => false,
    }
}

/// How HTML mode combines the structural decision with the shared classifier's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HtmlCombination {
    /// The structure alone decides (plus repeats).
    Structure,
    /// The structure, then the classifier's text signals (prompts, credits, captions, footers,
    /// bylines...) inside the main content; the classifier's content region is not used.
    TextSignals,
    /// A block goes when either the structure or the classifier removes it.
    Union,
}

/// Whether a classifier reason comes from the block's own text (or its immediate context), not
/// from its position relative to the content region.
fn is_text_signal(reason: &RemovalReason) -> bool {
    use RemovalReason as R;
    matches!(
        reason,
        R::Breadcrumb
            | R::RelatedLinks
            | R::NewsletterPrompt
            | R::CallToAction
            | R::Advertisement
            | R::AuthorBox
            | R::DateLine
            | R::SourceCredit
            | R::Footer
            | R::CommentSection
            | R::RepeatedAcrossDocuments { .. }
    )
}

/// Merges the structural decision of `page` into the classifier's `blocks` (which already carry
/// the HTML evidence), per [`HtmlConfig::combination`]; the structural reason wins when both
/// remove a block, because it names the markup. Repeats are resolved again on the final
/// decision so the kept copy of a paragraph is one that survived both. Returns the headline.
pub(crate) fn combine(
    blocks: &mut [Block],
    headline: Option<usize>,
    page: &PageReading,
    config: &CleanConfig,
    keep: &[usize],
    stopwords: Option<&text::Stopwords>,
) -> Option<usize> {
    if config.disabled {
        return None;
    }
    let mode = config.html.combination;
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for (i, b) in blocks.iter_mut().enumerate() {
        let structural = page.reasons.get(i).cloned().flatten();
        let data_item = page.data_items.get(i).copied().unwrap_or(false);
        let classified = b.reason.take().filter(|r| match r {
            RemovalReason::DuplicateOfBlock(_) => false,
            RemovalReason::RelatedLinks => !data_item,
            _ => true,
        });
        // A soft structural removal leaves the decision to the classifier, which saw the block
        // as main content.
        let soft = structural.is_some() && page.soft.get(i).copied().unwrap_or(false);
        let mut reason = match mode {
            HtmlCombination::Structure => structural,
            // The classifier agrees the block goes: its text signal when it has one, else the
            // markup that said so first.
            HtmlCombination::TextSignals | HtmlCombination::Union if soft => {
                classified.map(|c| if is_text_signal(&c) { c } else { structural.clone().unwrap_or(c) })
            }
            HtmlCombination::TextSignals => structural.or_else(|| {
                // Only what the block's own text (or its immediate context) says; the region
                // is the structure's business.
                let own = super::signals::text_signal(&b.text, &b.features);
                classified.filter(|r| is_text_signal(r) || own.as_ref() == Some(r)).or_else(|| loose_signal(b, config))
            }),
            HtmlCombination::Union => structural.or(classified),
        };
        if reason.is_none() && mode != HtmlCombination::Structure && is_paywall_notice(b, &config.html) {
            reason = Some(RemovalReason::CallToAction);
        }
        if keep.contains(&i) {
            reason = None;
        }
        if reason.is_none() {
            match seen.entry(super::block_key(&b.text)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    reason = Some(RemovalReason::DuplicateOfBlock(*first.get()))
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        b.kept = reason.is_none();
        b.reason = reason;
    }
    if mode != HtmlCombination::Structure {
        trim_tail(blocks, config, keep, stopwords, page);
        #[cfg(feature = "html")]
        drop_voiced_notes(blocks, config, keep, stopwords, page);
    }
    drop_dangling_labels(blocks, config, keep);
    for (i, text) in &page.hyphenated {
        if let Some(b) = blocks.get_mut(*i) {
            b.text.clone_from(text);
        }
    }
    headline.filter(|&h| blocks.get(h).is_some_and(|b| !b.kept))
}

/// A note the site sets apart at the end of the story: a paragraph all in emphasis
/// (`<p><em>...</em></p>`, `<p><strong>...</strong></p>`) among the last kept blocks
/// ([`HtmlConfig::voice_note_edge_blocks`]), of at most [`HtmlConfig::voice_note_words`] words,
/// that holds a prompt phrase in the site's voice ([`super::prompts::prompt_reason`], text
/// mode's tail-prompt test: "Follow The Gazette on Twitter ... or email us at ...", "Get the
/// latest news straight to your phone with our app."). [`trim_tail`] stops at the story's last
/// sentence of prose; such a note is written as one, and the emphasis is the site's own mark
/// that it is not the story's. Only in the languages whose voice is known
/// ([`super::prompts::VOICED_LANGUAGES`]).
///
/// Measured on the dev pages (session 14): 3 boilerplate passages fewer, no body passage lost.
/// Tried and left: the voice alone ([`super::prompts::speaks_as_site`]) at either end took 25
/// body passages (deks and interview questions in bold say "you" and "we") for 6; without the
/// emphasis, 2 more prompts went and 1 body line ("If at any time you would like to ...").
#[cfg(feature = "html")]
fn drop_voiced_notes(
    blocks: &mut [Block],
    config: &CleanConfig,
    keep: &[usize],
    stopwords: Option<&text::Stopwords>,
    page: &PageReading,
) {
    let h = &config.html;
    if h.voice_note_words == 0 || !stopwords.is_some_and(|s| super::prompts::VOICED_LANGUAGES.contains(&s.code)) {
        return;
    }
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| blocks.get(i).is_some_and(|b| b.kept)).collect();
    for (at, &i) in kept.iter().enumerate() {
        let edge = at + h.voice_note_edge_blocks >= kept.len();
        let flag = |v: &Vec<bool>| v.get(i).copied().unwrap_or(false);
        if !edge || keep.contains(&i) || !flag(&page.emphasized) || flag(&page.heading) || flag(&page.list_or_table) {
            continue;
        }
        let Some(b) = blocks.get(i) else { break };
        let named =
            |w: &str| kept[..at].iter().any(|&j| blocks.get(j).is_some_and(|k| super::prompts::holds_word(&k.text, w)));
        let reason = super::prompts::prompt_reason(&b.text, b.features.words, h.voice_note_words, &named, false);
        if let Some(reason) = reason {
            let Some(b) = blocks.get_mut(i) else { break };
            b.kept = false;
            b.reason = Some(reason);
        }
    }
}

/// A label that introduces what follows ("Further information:", "You may also like:",
/// "Contact:") is kept only with what it introduces: when the next block was removed (a link
/// list, an address box), the label goes too. Dev pages: 3 such labels dropped, 2 wanted ones
/// lost ("Find the paper here:" before a removed link).
fn drop_dangling_labels(blocks: &mut [Block], config: &CleanConfig, keep: &[usize]) {
    for i in 0..blocks.len() {
        let next_removed = blocks.get(i + 1).is_some_and(|n| !n.kept);
        let Some(b) = blocks.get_mut(i) else { break };
        if b.kept
            && next_removed
            && !keep.contains(&i)
            && b.features.words <= config.html.max_dangling_label_words
            && b.text.trim_end().ends_with(':')
        {
            b.kept = false;
            b.reason = Some(RemovalReason::EmptySection);
        }
    }
}

/// The text signals with a sentence ending taken as no evidence, for blocks of at most
/// [`HtmlConfig::max_loose_signal_words`] words: inside article markup, prompts are written as
/// sentences ("Subscribe to our newsletter to get the paper every morning.").
fn loose_signal(b: &Block, config: &CleanConfig) -> Option<RemovalReason> {
    if b.features.words > config.html.max_loose_signal_words || !b.features.terminal_punctuation {
        return None;
    }
    let mut loose = b.features.clone();
    loose.terminal_punctuation = false;
    super::signals::text_signal(&b.text, &loose).filter(|r| site_speaks(r, b, config))
}

/// Whether a phrase signal read on a sentence with its ending ignored ([`loose_signal`],
/// [`trim_tail`]) stands: as in text mode ([`super::classify::site_signal`]), a prompt,
/// newsletter, comment or footer phrase in a sentence of
/// [`CleanConfig::voiced_signal_sentence_words`] words or more needs the site's evidence or a
/// link token. "About 2 million people subscribe to the service, the company said." closes a
/// news story; "Subscribe to our newsletter." does not.
fn site_speaks(reason: &RemovalReason, b: &Block, config: &CleanConfig) -> bool {
    super::classify::site_signal(reason, &b.text, &b.features, config)
}

/// The article's tail: the last kept blocks after its last paragraph of prose. Prompts there
/// ("Receive our monthly newsletter.", "If you enjoyed this post, share it.") are written as
/// sentences, which the text signals do not trust on their own (a body sentence may say
/// "subscribe"); at the end of the main content, after the story has ended, they do. A short
/// label ending in a colon with nothing kept after it ("Further information:") introduced
/// something already removed; so did a heading with nothing kept after it (session 8, from
/// trafilatura, which drops trailing headings: dev pages 1 boilerplate passage fewer, 9 pages
/// lose menu and rail headings such as "Categories", "Archive", "Search for:"; a heading that
/// reads as prose, a pull quote, stays).
fn trim_tail(
    blocks: &mut [Block],
    config: &CleanConfig,
    keep: &[usize],
    stopwords: Option<&text::Stopwords>,
    page: &PageReading,
) {
    let list_or_table = &page.list_or_table;
    // The text model's reading of the page, taken once and only when a block in the tail needs
    // it: most articles end on a long paragraph, and the reading costs about as much as
    // cleaning the page's text in text mode.
    let mut scores: Option<Vec<Option<ModelScore>>> = None;
    let mut seen = 0;
    let mut kept_after = false;
    for i in (0..blocks.len()).rev() {
        let Some(b) = blocks.get(i) else { break };
        if !b.kept || keep.contains(&i) {
            kept_after |= b.kept;
            continue;
        }
        seen += 1;
        if seen > config.html.tail_blocks {
            break;
        }
        let mut loose = b.features.clone();
        loose.terminal_punctuation = false;
        let label = b.features.words <= config.html.max_label_words + 1 && b.text.trim_end().ends_with(':');
        let prose = b.features.terminal_punctuation && b.features.words >= config.min_prose_words;
        let removal = if let Some(reason) =
            super::signals::text_signal(&b.text, &loose).filter(|r| site_speaks(r, b, config))
        {
            Some((reason, None))
        } else if let Some(reason) = tail_prompt(b, config, page.prompt_link.get(i).copied().unwrap_or_default(), prose)
        {
            Some((reason, None))
        } else if is_mixed_script(
            &b.text,
            b.features.words,
            config.html.tail_mixed_script_share,
            config.html.min_mixed_script_words,
        ) {
            Some((RemovalReason::Advertisement, None))
        } else if !kept_after
            && (label
                || (config.html.drop_trailing_headings && !prose && page.heading.get(i).copied().unwrap_or(false)))
        {
            Some((RemovalReason::EmptySection, None))
        } else if config.html.tail_content_score > 0.0
            && !(prose && b.features.words >= config.html.max_loose_signal_words)
            && !list_or_table.get(i).copied().unwrap_or(false)
        {
            // What the text model is all but sure is not the article's: short lines only (a
            // story's last paragraph is longer than a prompt written as a sentence), and no
            // item of a list or table (rankings, schedules and data rows read as menus to it).
            let scores = scores.get_or_insert_with(|| text_model_scores(blocks, stopwords, config));
            match scores.get(i) {
                Some(Some((score, evidence))) if *score < config.html.tail_content_score => {
                    Some((RemovalReason::AfterArticleEnd, Some((*score, evidence.clone()))))
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some((reason, model)) = removal {
            let Some(b) = blocks.get_mut(i) else { break };
            b.kept = false;
            b.reason = Some(reason);
            if let Some((score, evidence)) = model {
                b.content_score = Some(score);
                b.content_evidence = evidence;
            }
            continue;
        }
        if prose {
            // The story's last paragraph: the tail ends here.
            break;
        }
        kept_after = true;
    }
}

/// A prompt or a legal note written as a paragraph in the article's tail: a block longer than
/// [`HtmlConfig::max_loose_signal_words`] and at most [`HtmlConfig::tail_prompt_words`] words
/// whose head names a newsletter or a footer phrase (copyright, all rights reserved, cookies),
/// wherever in its first sentences the phrase is. The text signals leave such a block alone (a
/// body paragraph may mention a newsletter), but after the story's last paragraph a paragraph
/// that says newsletter or copyright is the site's ("Then sign up for our email newsletter to
/// get ...", "© 2022, Example News. This article is the copyrighted property of ..."). Calls to
/// act are left out: sites end stories with their own "get in touch", "let us know in the
/// comments", which the dev labels count as body (with them: 3 body passages lost for 1
/// boilerplate one).
///
/// A block that links to a prompt target ([`prompt_target`]) goes too, when it is short enough;
/// a link to one message of a messaging channel only when the block is not a paragraph of prose
/// (`prose`): a story's last paragraph cites a ministry's or a militia's Telegram post as its
/// source.
fn tail_prompt(b: &Block, config: &CleanConfig, link: PromptLink, prose: bool) -> Option<RemovalReason> {
    let words = b.features.words;
    let asks = link == PromptLink::Ask || (link == PromptLink::Channel && !prose);
    if asks && config.html.tail_prompt_links && words <= config.html.tail_prompt_words {
        return Some(RemovalReason::CallToAction);
    }
    if words <= config.html.max_loose_signal_words || words > config.html.tail_prompt_words {
        return None;
    }
    // The phrase anywhere in the head, as for a short line: the length and the sentence ending
    // are not evidence here, and neither are link tokens, separators or dates (an e-mail address
    // or a date in a paragraph says nothing about a prompt).
    let f = BlockFeatures {
        words: PHRASE_ONLY_WORDS,
        terminal_punctuation: false,
        link_tokens: 0,
        separators: 0,
        has_date: false,
        ..b.features.clone()
    };
    match super::signals::text_signal(&b.text, &f) {
        Some(reason @ (RemovalReason::NewsletterPrompt | RemovalReason::Footer)) => Some(reason),
        _ => None,
    }
}

/// `text` with runs of whitespace as one space, trimmed and lower-cased.
fn squashed_lower(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether a block and a page summary say the same from their first word: one starts with the
/// other, compared on their words only ([`summary_key`]: without case, spacing, punctuation or
/// a closing ellipsis; a CMS cuts a long summary at a word and adds "..."; a dek may be the
/// summary's first sentence only; the summary is often typed with straight quotes and hyphens
/// where the page sets curly quotes and dashes, or the other way round).
/// `summary` is the description's [`summary_key`], made once per summary.
fn starts_alike(block: &str, summary: &str) -> bool {
    // Compared as the key is made, up to the first difference: most blocks differ from the
    // summary in their first letters, so neither a key nor a lower-cased copy is made for them.
    let mut block = KeyChars::new(block);
    let mut summary = summary.chars();
    let mut same = 0usize;
    loop {
        match (block.next(), summary.next()) {
            (Some(b), Some(s)) if b == s => same += 1,
            (Some(_), Some(_)) => return false,
            _ => return same > 0,
        }
    }
}

/// The form [`starts_alike`] compares: the text's letters and digits, lower-cased, with every
/// run of anything else (spaces, punctuation, quotes of any shape, dashes, an ellipsis) as one
/// space, trimmed.
fn summary_key(text: &str) -> String {
    KeyChars::new(text).collect()
}

/// The characters of [`summary_key`], made one at a time.
struct KeyChars<'a> {
    chars: std::str::Chars<'a>,
    pending: Option<std::char::ToLowercase>,
    started: bool,
    gap: bool,
}

impl<'a> KeyChars<'a> {
    fn new(text: &'a str) -> Self {
        KeyChars { chars: text.chars(), pending: None, started: false, gap: false }
    }
}

impl Iterator for KeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.pending.as_mut().and_then(Iterator::next) {
                return Some(c);
            }
            self.pending = None;
            let c = self.chars.next()?;
            if !c.is_alphanumeric() {
                self.gap = true;
                continue;
            }
            self.pending = Some(c.to_lowercase());
            let space = self.gap && self.started;
            self.gap = false;
            self.started = true;
            if space {
                return Some(' ');
            }
        }
    }
}

/// Whether block `b` is a paywall or login notice: at most [`HtmlConfig::paywall_notice_words`]
/// words holding one of [`PAYWALL_PHRASES`].
fn is_paywall_notice(b: &Block, config: &HtmlConfig) -> bool {
    if b.features.words == 0 || b.features.words > config.paywall_notice_words {
        return false;
    }
    let lower = super::signals::lowercase(&b.text);
    PAYWALL_MATCHER.get_or_init(|| PhraseMatcher::new(&[PAYWALL_PHRASES])).found_in(&lower, lower.leads) != 0
}

/// [`PAYWALL_PHRASES`] in the text signals' matcher, built on first use: one pass over a block
/// finds any of them, where a search per phrase read every short block 53 times.
static PAYWALL_MATCHER: OnceLock<PhraseMatcher> = OnceLock::new();

/// Whether at least `share` of a block's `words` (and `min_words` of them) are spelt in two
/// alphabets ([`mixed_script_words`]).
fn is_mixed_script(text: &str, words: usize, share: f64, min_words: usize) -> bool {
    if share > 1.0 || words < min_words {
        return false;
    }
    let mixed = mixed_script_words(text);
    mixed >= min_words && mixed as f64 >= words as f64 * share
}

/// How many whitespace-separated words hold both Latin letters and Cyrillic or Greek ones:
/// the lookalike spelling ("Веlіzе", "wіth") that ads and spam use to slip past filters.
fn mixed_script_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let (mut latin, mut other) = (false, false);
            for c in w.chars() {
                match c {
                    'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' if c.is_alphabetic() => latin = true,
                    '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{4ff}' if c.is_alphabetic() => other = true,
                    _ => {}
                }
            }
            latin && other
        })
        .count()
}

/// What a link's target asks of the reader ([`prompt_target`]), weakest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PromptLink {
    #[default]
    None,
    /// One message of a messaging channel: a prompt to join, or a story's source.
    Channel,
    /// An app store, a patronage platform, or a subscription, newsletter or login page.
    Ask,
}

/// Hosts of messaging channels: a link to a channel or an invitation from the end of a story asks
/// the reader to join; a link to one of its messages may be a story's source.
const CHANNEL_HOSTS: &[&str] = &["t.me", "telegram.me"];

/// Hosts whose pages are an app store's or a patronage platform's: a link there from the end of
/// a story asks the reader to install or pay.
const PROMPT_HOSTS: &[&str] = &[
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com",
    "steadyhq.com",
    "patreon.com",
    "ko-fi.com",
    "buymeacoffee.com",
];

/// Words of a link's path naming a subscription, newsletter or login page (a path segment, or a
/// word of a short one between `.` and `-`: `/abo.html`, `/newsletter-signup`). Not donations or
/// memberships: a story about a charity or a club links to its donation or membership page
/// (dev pages: a credit note linking to aid projects' "Spenden" pages went with them).
const PROMPT_PATH_WORDS: &[&str] = &[
    "subscribe",
    "subscription",
    "subscriptions",
    "newsletter",
    "newsletters",
    "signup",
    "login",
    "signin",
    "abo",
    "abonnement",
    "abonnieren",
    "abonnez",
    "suscripcion",
    "suscribete",
    "assinatura",
    "abbonamento",
    "abbonati",
];

/// Words a path segment may have at most for a prompt word in it to name the page: a page's
/// own short name ("newsletter-signup", "abo.html", "login") has one to three; an article's slug
/// ("how-to-subscribe-to-the-new-streaming-service") has more, and is a story.
const MAX_PROMPT_SEGMENT_WORDS: usize = 3;

/// What a link leads to: an app store's or a patronage platform's page ([`PROMPT_HOSTS`]), or a
/// page whose short path segment names a subscription, newsletter or login
/// ([`PROMPT_PATH_WORDS`], [`MAX_PROMPT_SEGMENT_WORDS`]), asks the reader to install, pay or sign
/// up; so does a messaging channel's own page or invitation ([`CHANNEL_HOSTS`]), while a link to
/// one of its messages asks to join or cites a source.
fn prompt_target(href: &str) -> PromptLink {
    let href = href.trim();
    let (host, path) = match href.split_once("//") {
        Some((_, rest)) => rest.split_once('/').unwrap_or((rest, "")),
        None => ("", href),
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let on =
        |hosts: &[&str]| hosts.iter().any(|h| host == *h || host.strip_suffix(h).is_some_and(|sub| sub.ends_with('.')));
    if on(PROMPT_HOSTS) {
        return PromptLink::Ask;
    }
    if on(CHANNEL_HOSTS) {
        // The channel itself ("t.me/examplenews") or an invitation ("t.me/joinchat/…", "t.me/+…")
        // asks the reader to join; a link to one message ("t.me/examplenews/1234") cites it.
        let path = path.trim_matches('/');
        let invitation = path.starts_with("joinchat") || path.starts_with('+') || !path.contains('/');
        return if invitation { PromptLink::Ask } else { PromptLink::Channel };
    }
    let path = path.to_ascii_lowercase();
    let names_prompt = path.split('/').any(|segment| {
        let words = || segment.split(['.', '-']).filter(|w| !w.is_empty());
        words().count() <= MAX_PROMPT_SEGMENT_WORDS && words().any(|w| PROMPT_PATH_WORDS.contains(&w))
    });
    if names_prompt {
        PromptLink::Ask
    } else {
        PromptLink::None
    }
}

/// The length given to [`tail_prompt`]'s block when the text signals read it: short enough for
/// every phrase list to apply (newsletter names apply up to this many words).
const PHRASE_ONLY_WORDS: usize = super::signals::NEWSLETTER_LINE_WORDS;

/// A block's learned content score and the features that pulled it down most.
type ModelScore = (f64, Vec<super::model::Contribution>);

/// The learned content model's score of every block (and the features that pulled it down),
/// reading the page's blocks as text mode reads pasted text: without their markup, one pass.
/// HTML mode's own decision does not use the model (its blocks come with structural evidence the
/// model was not fitted on); the tail check reads its score only where the structure has no
/// say left. Empty when the model is off. (Only HTML builds combine: the core wasm module does
/// not carry this second reading, see `decide_blocks`.)
fn text_model_scores(
    blocks: &[Block],
    stopwords: Option<&text::Stopwords>,
    config: &CleanConfig,
) -> Vec<Option<ModelScore>> {
    if !config.content_model {
        return Vec::new();
    }
    let inputs = blocks.iter().map(|b| BlockInput { text: b.text.clone(), line: b.line, html: None }).collect();
    let (read, _) = super::classify::classify_with_readings(inputs, stopwords, config, &[], &[], Default::default());
    read.into_iter().map(|b| b.content_score.map(|s| (s, b.content_evidence))).collect()
}

/// The markup's metadata wins over what the classifier read from removed lines: `og:title` and
/// `datePublished` are the publisher's own statement.
pub(super) fn fill_metadata(meta: &mut Metadata, html: &HtmlMetadata) {
    if html.title.is_some() {
        meta.title = html.title.clone();
    }
    if html.date.is_some() {
        meta.date = html.date.clone();
    }
    if html.source.is_some() {
        meta.source = html.source.clone();
    }
    meta.author = html.author.clone();
}

/// A short line that carries a value, not a label: a digit, a `key: value` pair, or a list
/// separator ("Voltage: 400 V", "390 kcal", "Jane Doe, The editors").
fn carries_a_value(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    t.chars().any(|c| c.is_numeric()) || t.contains(':') || t.contains(',') || t.contains('，') || t.contains('、')
}

/// Whether a heading names the page's title: at least `min_overlap` of the words of the shorter
/// of the two are in the other (the headline and `og:title` differ by a kicker, a site suffix,
/// or an editor's rewording).
fn names_title(heading: &str, title: &str, min_overlap: f64) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
    };
    let (h, t) = (words(heading), words(title));
    let shorter = h.len().min(t.len());
    shorter > 0 && h.intersection(&t).count() as f64 >= shorter as f64 * min_overlap
}

/// True when a block ends like a sentence, possibly followed by closing quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{clean, InputFormat};

    const PARA_A: &str = "Moscow accused the United States on Tuesday of reducing air strikes against the group, \
        which the ministry said had let fighters regroup near the border.";
    const PARA_B: &str = "Officials in Washington rejected the claim, saying the coalition had carried out more \
        than a hundred strikes in the past week alone, and published the figures.";
    const PARA_C: &str = "The dispute comes as both sides prepare for talks in Geneva next month, where diplomats \
        hope to agree on a ceasefire, a corridor for aid, and a timetable.";

    fn page(body: &str) -> String {
        format!("<!doctype html><html><head><title>T</title></head><body>{body}</body></html>")
    }

    fn kept(html: &str) -> Vec<String> {
        clean(html, InputFormat::Html, &CleanConfig::default()).paragraphs
    }

    #[test]
    fn an_author_box_goes_even_when_it_reads_like_prose() {
        // A bio after a post reads like the article; its markup says it is about the writer:
        // a class naming an author's bio (after a short post, the attempt without the inline
        // widget words keeps it), or a schema.org Person marked as the author. Without the rule
        // both stay. A box holding most of the page's prose (a profile page) is the page.
        let bio = "Jane Doe has covered diplomacy for twenty years, from Moscow, Geneva and Washington, \
            and writes about the talks between the powers.";
        let mut off = CleanConfig::default();
        off.html.strip_author_boxes = false;
        for (body, author_box) in [
            (vec![PARA_A], format!("<div class=\"post-footer about-the-author\"><p>{bio}</p></div>")),
            (
                vec![PARA_A, PARA_B],
                format!("<div itemprop=author itemscope itemtype=\"https://schema.org/Person\"><p>{bio}</p></div>"),
            ),
        ] {
            let paragraphs: String = body.iter().map(|p| format!("<p>{p}</p>")).collect();
            let html = page(&format!("<article>{paragraphs}{author_box}</article>"));
            assert_eq!(kept(&html), body, "{author_box}");
            let all: Vec<&str> = body.iter().copied().chain([bio]).collect();
            assert_eq!(clean(&html, InputFormat::Html, &off).paragraphs, all, "{author_box}");
        }
        let html = page(&format!("<div class=author-profile><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div>"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B, PARA_C]);
    }

    #[test]
    fn a_long_comment_thread_under_a_story_is_not_the_article() {
        // The thread holds more prose than the story, so "markup holding most of the prose is
        // no furniture" would let it compete for the article (on one dev page a relaxed attempt
        // then kept all of it); the story beside it is the article. Without a story beside it
        // (a forum thread) the comments are the page.
        let comment = |n: usize| {
            format!(
                "<li><p>Reader {n} wrote that the talks in Geneva will fail again, as they did \
                 last year, because neither side trusts the other's figures on the strikes.</p></li>"
            )
        };
        let thread: String = (0..16).map(comment).collect();
        let story = format!("<p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{PARA_A} {PARA_B}</p>");
        let rules = |comment_article_chars| Rules {
            strip_unlikely: true,
            weight_classes: true,
            strip_furniture: true,
            strip_widgets: true,
            comment_article_chars,
        };
        let furniture_of_comment = |html: &str, rules: Rules| {
            let page = Page::build(html);
            let i = page.blocks.iter().position(|b| b.text.starts_with("Reader 3")).unwrap_or(usize::MAX);
            page.furniture(i, rules).map(str::to_string)
        };
        let html = page(&format!("<div class=entry>{story}</div><div id=comments><ol>{thread}</ol></div>"));
        assert_eq!(furniture_of_comment(&html, rules(COMMENT_ARTICLE_CHARS)).as_deref(), Some("comment"));
        assert_eq!(furniture_of_comment(&html, rules(usize::MAX)), None);
        let html = page(&format!("<div class=entry><p>{PARA_A}</p></div><div id=comments><ol>{thread}</ol></div>"));
        assert_eq!(furniture_of_comment(&html, rules(COMMENT_ARTICLE_CHARS)), None);
    }

    #[test]
    fn soft_hyphens_inside_words_stay_in_the_body_but_not_in_the_decision() {
        // As copied from the page, the body keeps "Bevöl\u{ad}ke\u{ad}rung"; a soft hyphen at a
        // word's edge carries nothing and goes. The prompt is still read as a prompt.
        let hyphenated = "The Bevöl\u{ad}ke\u{ad}rung of the region grew by a tenth in the decade to 2020, the \u{ad}office said, and the towns grew most of all.";
        let html = page(&format!(
            "<article><p>{PARA_A}</p><p>{hyphenated}</p><p>{PARA_B}</p>\
             <p>Sub\u{ad}scribe to our news\u{ad}letter</p></article>"
        ));
        let paragraphs = kept(&html);
        assert_eq!(paragraphs.get(1).map(String::as_str), Some(hyphenated.replace(" \u{ad}", " ").as_str()));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert_eq!(with_soft_hyphens("a\u{ad} b", "a b"), None);
        assert_eq!(with_soft_hyphens("Kiess\u{ad}ling", "Kiessling").as_deref(), Some("Kiess\u{ad}ling"));
    }

    #[test]
    fn a_box_with_a_close_control_is_a_layer_not_the_article() {
        // A shipping-terms modal beside a short article: its close control says it is a layer over the page, and no relaxed attempt (the article is
        // short) brings it back. A wrapper of the whole article with a close button (a reader
        // view) is still the article.
        let modal = format!("<div id=info><div class=close>Close [X]</div><h3>Shipping</h3><p>{PARA_B}</p></div>");
        let html = page(&format!("<div class=text><div>{PARA_A}</div><div>{PARA_C}</div></div>{modal}"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_C]);
        let html = page(&format!("<div><button aria-label=Close></button><p>{PARA_A}</p><p>{PARA_B}</p></div>"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B]);
    }

    #[test]
    fn a_data_box_beside_the_body_joins_it_and_a_teaser_list_does_not() {
        // The ingredients (short cells, one linked to the shop) sit beside the instructions in
        // boxes of their own; too short to vote, they were left out.
        let ingredients = "<div class=ingredients><h3>Dough:</h3><table><tr><td>250 g</td><td>flour</td></tr>\
            <tr><td>1 packet</td><td><a href=/shop>Dry yeast</a></td></tr><tr><td>50 ml</td><td>milk</td></tr></table></div>";
        let html = page(&format!(
            "<div class=recipe>{ingredients}<div class=steps><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div></div>"
        ));
        let paragraphs = kept(&html);
        for cell in ["250 g", "flour", "milk", "Dry yeast"] {
            assert!(paragraphs.iter().any(|p| p == cell), "{cell} lost: {paragraphs:?}");
        }
        // A list with a headline per item is a teaser list.
        let teasers = "<div><ul><li><h3>Rain expected all week</h3><p>Weather</p></li>\
            <li><h3>Market closes lower</h3><p>Business</p></li><li><h3>Team wins the cup</h3><p>Sport</p></li></ul></div>";
        let html =
            page(&format!("<div class=story><div><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div>{teasers}</div>"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B, PARA_C]);
    }

    #[test]
    fn a_rail_of_teaser_cards_goes_and_a_table_of_the_same_shape_stays() {
        // Three boxes of one shape, each a linked headline over a one-sentence teaser, after the
        // story inside its container: other stories.
        let card = |h: &str, t: &str| format!("<div class=box><h3><a href=/a/{}>{h}</a></h3><p>{t}</p></div>", h.len());
        let rail = [
            card(
                "Rain expected all week long",
                "Forecasters warn of floods in the north as rivers rise, and the agency has asked people living \
                 near the banks to move their cars and valuables to higher ground.",
            ),
            card(
                "Market closes lower on Friday",
                "Shares fell for a third day as oil prices climbed again, with investors selling banks and \
                 airlines ahead of the central bank meeting next week in the capital.",
            ),
            card(
                "Local team wins the cup final",
                "A late goal settled a match that went to extra time, and thousands of fans filled the streets \
                 of the old town to greet the players on their return.",
            ),
        ]
        .concat();
        // The story is longer than the rail: a rail holding half of the kept text is the page.
        const PARA_D: &str = "Aid groups said the fighting had already forced thousands of families from their homes, \
            and that the roads to the camps were closed for most of the week.";
        let html =
            page(&format!("<div class=story><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{PARA_D}</p>{rail}</div>"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B, PARA_C, PARA_D]);
        // Without the rule the teasers stay: the text reads as prose.
        let mut off = CleanConfig::default();
        off.html.card_min_siblings = 0;
        let kept_off = clean(&html, InputFormat::Html, &off).paragraphs;
        assert!(kept_off.iter().any(|p| p.starts_with("Forecasters")), "{kept_off:?}");
        // The same shape in a table (a wiki's rows) is data.
        let rows = "<table><tr><td><a href=/w/a>Fleur Delacour of Beauxbatons</a></td><td>Put out a dragon's flames with it.</td></tr>\
            <tr><td><a href=/w/b>Seamus Finnigan at school</a></td><td>Knocked over his teacher in class.</td></tr>\
            <tr><td><a href=/w/c>Hagrid at his hut</a></td><td>Put out the fire on his hut after the battle.</td></tr></table>";
        let html =
            page(&format!("<div class=story><p>{PARA_A}</p><p>{PARA_B}</p>{rows}<p>{PARA_C}</p><p>{PARA_D}</p></div>"));
        assert!(kept(&html).iter().any(|p| p.starts_with("Knocked over")), "{:?}", kept(&html));
    }

    #[test]
    fn nav_aside_footer_dropped_and_article_kept() {
        let html = page(&format!(
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav>\
             <div class=sidebar><p>Sign up for our newsletter, it is free and arrives every single morning.</p></div>\
             <article><h1>Strikes row</h1><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>\
             <aside><p>Most read: a long teaser sentence that looks like prose but sits in an aside.</p></aside>\
             <footer><p>Copyright 2017 The Daily Example. All rights reserved.</p></footer>"
        ));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B, PARA_C]);
        // The headline is the title's business, as in text mode; on request it stays.
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        let headline = doc.removed.iter().find(|r| r.text == "Strikes row").map(|r| r.reason.clone());
        assert_eq!(headline, Some(RemovalReason::Headline));
        let mut config = CleanConfig::default();
        config.html.headline_in_body = true;
        assert_eq!(clean(&html, InputFormat::Html, &config).paragraphs, vec!["Strikes row", PARA_A, PARA_B, PARA_C]);
    }

    #[test]
    fn main_content_beats_a_longer_link_list() {
        let links: String =
            (0..40).map(|i| format!("<li><a href=/s{i}>Another headline number {i} here</a></li>")).collect();
        let html = page(&format!(
            "<div id=rail><ul>{links}</ul></div><div class=story-body><p>{PARA_A}</p><p>{PARA_B}</p></div>"
        ));
        let blocks = extract_blocks(&html);
        assert!(blocks.iter().filter(|b| b.in_main).all(|b| b.text == PARA_A || b.text == PARA_B));
        assert!(blocks.iter().any(|b| b.in_list && !b.in_main && b.link_density == 1.0));
    }

    #[test]
    fn captions_and_link_dense_lines_removed_with_reasons() {
        let html = page(&format!(
            "<article><p>{PARA_A}</p><figure><img src=x.jpg><figcaption>Troops near the border (AFP)</figcaption></figure>\
             <p>Read also: <a href=/x>Ceasefire talks stall again in Geneva as envoys leave</a></p><p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        let reason_of = |t: &str| doc.blocks.iter().find(|b| b.text.starts_with(t)).and_then(|b| b.reason.clone());
        assert_eq!(reason_of("Troops near"), Some(RemovalReason::Caption));
        assert_eq!(reason_of("Read also"), Some(RemovalReason::LinkDense));
        assert_eq!(doc.paragraphs, vec![PARA_A, PARA_B, PARA_C]);
    }

    #[test]
    fn a_label_goes_with_the_block_it_introduces() {
        let links: String = (0..6).map(|i| format!("<li><a href=/s{i}>Another story number {i}</a></li>")).collect();
        let html = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>Further information:</p><ul>{links}</ul>\
             <p>{PARA_C}</p><p>The talks cover three points:</p><p>{PARA_A} Again.</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        let reason_of = |t: &str| doc.blocks.iter().find(|b| b.text == t).and_then(|b| b.reason.clone());
        assert_eq!(reason_of("Further information:"), Some(RemovalReason::EmptySection));
        // A label whose block stays, stays.
        assert_eq!(reason_of("The talks cover three points:"), None);
        let mut config = CleanConfig::default();
        config.html.max_dangling_label_words = 0;
        let doc = clean(&html, InputFormat::Html, &config);
        assert!(doc.paragraphs.iter().any(|p| p == "Further information:"));
    }

    #[test]
    fn a_banner_header_is_the_masthead_unless_inside_the_article() {
        let notice = "Thank you for visiting our site. You are using a browser version with limited support, so \
                      some of the pages may look different from what we intended.";
        let html = page(&format!(
            "<header role=banner><p>{notice}</p></header><article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert!(!doc.paragraphs.iter().any(|p| p.starts_with("Thank you")), "{:?}", doc.paragraphs);
        // The same markup as an article's own header holds its standfirst.
        let html = page(&format!(
            "<article><header role=banner><p>{notice}</p></header><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert!(doc.paragraphs.iter().any(|p| p.starts_with("Thank you")), "{:?}", doc.paragraphs);
    }

    #[test]
    fn collapsed_text_is_not_a_read_more_teaser() {
        let html = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_C}</p><div class=readmore><p>{PARA_B}</p><p>{PARA_C} Too.</p></div>\
             <p>{PARA_A} Again.</p><p>{PARA_C} Again.</p><div class=read-more><a href=/next>The next story on the site</a> in brief</div>\
             </article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert!(doc.paragraphs.iter().any(|p| p == PARA_B), "{:?}", doc.paragraphs);
        assert!(!doc.paragraphs.iter().any(|p| p.contains("next story")), "{:?}", doc.paragraphs);
        let mut config = CleanConfig::default();
        config.html.collapsed_text_chars = usize::MAX;
        let doc = clean(&html, InputFormat::Html, &config);
        assert!(!doc.paragraphs.iter().any(|p| p == PARA_B));
    }

    #[test]
    fn an_article_does_not_end_on_a_heading() {
        let links: String = (0..6).map(|i| format!("<li><a href=/s{i}>Another story number {i}</a></li>")).collect();
        let html = page(&format!(
            "<article><p>{PARA_A}</p><h2>What comes next</h2><p>{PARA_B}</p><p>{PARA_C}</p>\
             <h2>Stay in the loop!</h2><ul>{links}</ul></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        let reason_of = |t: &str| doc.blocks.iter().find(|b| b.text == t).and_then(|b| b.reason.clone());
        assert_eq!(reason_of("Stay in the loop!"), Some(RemovalReason::EmptySection));
        // A subhead with the story after it stays.
        assert_eq!(reason_of("What comes next"), None);
        let mut config = CleanConfig::default();
        config.html.drop_trailing_headings = false;
        let doc = clean(&html, InputFormat::Html, &config);
        assert!(doc.paragraphs.iter().any(|p| p == "Stay in the loop!"));
    }

    #[test]
    fn a_story_told_in_captions_keeps_them() {
        let slides: String = (0..8)
            .map(|i| {
                format!("<figure><img src=s{i}.jpg><figcaption>Slide {i}: {PARA_A} {PARA_B}</figcaption></figure>")
            })
            .collect();
        let html = page(&format!("<article><p>Eight looks for the autumn.</p>{slides}</article>"));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert_eq!(doc.paragraphs.iter().filter(|p| p.starts_with("Slide ")).count(), 8);
        // One picture's legend in a story stays a caption.
        let html = page(&format!(
            "<article><p>{PARA_A}</p><figure><img src=x.jpg><figcaption>Troops near the border</figcaption>\
             </figure><p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert!(!doc.paragraphs.iter().any(|p| p.starts_with("Troops")));
    }

    #[test]
    fn linked_cells_of_a_data_table_stay() {
        let rows: String = (0..6)
            .map(|i| match i % 3 {
                0 => format!("<tr><td>{i}00 g</td><td><a href=/glossary/{i}>Ingredient number {i}</a></td></tr>"),
                _ => format!("<tr><td>{i}00 g</td><td>Ingredient number {i}</td></tr>"),
            })
            .collect();
        let html = page(&format!(
            "<article><p>{PARA_A}</p><table><thead><tr><th>For the dough:</th></tr></thead>{rows}</table>\
             <p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        // The structure's decision (the text classifier may still call a lone link a related link).
        let reason_of = |html: &str| {
            let (blocks, reasons) = decide_blocks(html, &HtmlConfig::default());
            blocks.iter().zip(reasons).find(|(b, _)| b.text == "Ingredient number 3").and_then(|(_, r)| r)
        };
        assert_eq!(reason_of(&html), None);
        // The same cells in a layout table (no header, few rows) are a link box.
        let html = html.replace("<thead><tr><th>For the dough:</th></tr></thead>", "");
        assert_eq!(reason_of(&html), Some(RemovalReason::LinkDense));
    }

    #[test]
    fn entities_decoded_and_whitespace_collapsed() {
        let blocks = extract_blocks("<p>Tom&nbsp;&amp;\n\n   Jerry&#39;s &eacute;t&eacute; &lt;3 &#x41;</p>");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "Tom & Jerry's été <3 A");
        assert_eq!(blocks[0].tag, "p");
    }

    #[test]
    fn script_style_and_hidden_text_invisible() {
        let blocks = extract_blocks(
            "<p>Visible</p><script>var x = '<p>no</p>';</script><style>p{}</style><noscript>No JS</noscript>\
             <div hidden>hidden</div><div style='display: none'>gone</div><template><p>tpl</p></template>",
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Visible"]);
    }

    #[test]
    fn inline_elements_join_and_br_splits() {
        let blocks = extract_blocks("<div>one <b>two</b><i>three</i><br>four<span> five</span></div>");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["one twothree", "four five"]);
    }

    #[test]
    fn heading_without_kept_section_removed() {
        let html = page(&format!(
            "<article><h2>Background</h2><p>{PARA_A}</p><p>{PARA_B}</p>\
             <h3>Related stories</h3><p><a href=/a>First related headline about something</a></p>\
             <h2>Reaction</h2><p>{PARA_C}</p></article>"
        ));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert!(doc.paragraphs.iter().any(|p| p == "Background"));
        let related = doc.blocks.iter().find(|b| b.text == "Related stories");
        // The structure says "empty section"; the text classifier, which has the last word on
        // this soft rule, names it more precisely.
        let reason = related.and_then(|b| b.reason.clone());
        assert!(matches!(reason, Some(RemovalReason::EmptySection | RemovalReason::RelatedLinks)), "{reason:?}");
    }

    #[test]
    fn lead_between_the_headline_and_a_distant_body_is_kept() {
        // The standfirst sits in the title block, far above the body: a picture credit, a
        // byline, metrics and share buttons (more than `max_lead_gap` blocks) separate them.
        const LEAD: &str = "Talks on a ceasefire resume in Geneva as both sides accuse each other of \
            breaking the last truce, officials said.";
        let furniture: String =
            ["Photo: Agency", "By A. Writer", "12 comments", "1,204 reads", "Share", "Tweet", "Mail", "Print"]
                .iter()
                .map(|t| format!("<div class=meta>{t}</div>"))
                .collect();
        let html = format!(
            "<!doctype html><html><head><title>Ceasefire talks resume in Geneva - Daily</title></head><body>\
             <div class=title><h1>Ceasefire talks resume in Geneva</h1><p class=lead>{LEAD}</p>{furniture}</div>\
             <div class=body><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div></body></html>"
        );
        assert!(kept(&html).iter().any(|p| p == LEAD), "{:?}", kept(&html));
        // An `<h1>` that does not name the page (a site's logo) anchors nothing.
        let logo = html.replace("<h1>Ceasefire talks resume in Geneva</h1>", "<h1>The Daily Courier</h1>");
        assert!(!kept(&logo).iter().any(|p| p == LEAD));
    }

    #[test]
    fn dek_the_page_summary_repeats_is_kept_wherever_it_stands() {
        // The dek sits in the page's header box under a logo set as `<h1>`, separated from the
        // body by a credit, a byline, metrics and share buttons (more than `max_lead_gap`
        // blocks); the page's summary, cut at a word with an ellipsis, repeats it.
        const DEK: &str = "Whether you back the plan or not, there is no denying the minister has become a \
            household name during the crisis.";
        let summary = "Whether you back the plan or not, there is no denying the minister has become a household...";
        // Enough body that the page needs no relaxed attempt.
        const MORE: &str = "Diplomats from both sides met again on Thursday evening, and an aide said the \
            negotiators had agreed on a list of the prisoners to be exchanged first.";
        let furniture: String =
            ["Photo: Agency", "By A. Writer", "12 comments", "1,204 reads", "Share", "Tweet", "Mail", "Print"]
                .iter()
                .map(|t| format!("<div class=meta>{t}</div>"))
                .collect();
        let build = |summary: &str, first: &str| {
            format!(
                "<!doctype html><html><head><title>T</title><meta property=\"og:description\" content=\"{summary}\">\
                 </head><body><div class=site-header><h1>The Daily Courier</h1><h2 class=excerpt>{DEK}</h2></div>\
                 {furniture}<article><p>{first}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{MORE}</p></article></body></html>"
            )
        };
        let html = build(summary, PARA_A);
        assert!(kept(&html).iter().any(|p| p == DEK), "{:?}", kept(&html));
        let mut off = CleanConfig::default();
        off.html.described_dek_words = 0;
        assert!(!clean(&html, InputFormat::Html, &off).paragraphs.iter().any(|p| p == DEK));
        // A summary that is not the block's, or one the body's first paragraph already says
        // (the header copy is then a teaser), keeps nothing.
        assert!(!kept(&build("A summary of another story altogether, told in more than ten words.", PARA_A))
            .iter()
            .any(|p| p == DEK));
        let first = format!("{DEK} {PARA_A}");
        assert!(!kept(&build(summary, &first)).iter().any(|p| p == DEK));
        // The summary typed with straight quotes and a hyphen where the page sets curly quotes
        // and a dash still says the dek.
        const QUOTED: &str = "\u{201c}Whether you back the plan or not\u{201d} \u{2013} there is no denying the \
            minister\u{2019}s name became a household word during the crisis.";
        let straight =
            "'Whether you back the plan or not' - there is no denying the minister's name became a household...";
        let quoted = build(straight, PARA_A).replace(DEK, QUOTED);
        assert!(kept(&quoted).iter().any(|p| p == QUOTED), "{:?}", kept(&quoted));
        // A site tagline in `<meta name=description>` before the article's `og:description`
        // does not hide the latter.
        let tagline = build(summary, PARA_A).replace(
            "<meta property=",
            "<meta name=description content=\"News and views from the valley since 1901, every day of the week\"><meta property=",
        );
        assert!(kept(&tagline).iter().any(|p| p == DEK), "{:?}", kept(&tagline));
        // A short kept line that happens to open like the summary ("Whether") is not the
        // summary said in the body.
        let short = build(summary, PARA_A).replace("<article>", "<article><h3>Whether</h3>");
        assert!(kept(&short).iter().any(|p| p == DEK), "{:?}", kept(&short));
    }

    #[test]
    fn a_dek_set_as_a_heading_is_not_an_empty_section() {
        const DEK: &str = "Officials said the talks would focus on humanitarian corridors and on the \
            exchange of prisoners held since the spring.";
        let html = page(&format!(
            "<article><h3>{DEK}</h3><h2>Reaction</h2><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>"
        ));
        assert!(kept(&html).iter().any(|p| p == DEK), "{:?}", kept(&html));
        // The structure alone keeps it too (the empty-section rule is soft: the classifier
        // could rescue a dek in this small page, not always in a real one).
        let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
        let dek = blocks.iter().position(|b| b.text == DEK);
        assert_eq!(dek.and_then(|i| reasons.get(i).cloned()), Some(None));
    }

    #[test]
    fn short_page_relaxes_rules_instead_of_returning_nothing() {
        // The only prose sits in a container whose class says "comment": the strict attempt
        // finds nothing, the relaxed one keeps it.
        let html = page(&format!("<div class=comment-body><p>{PARA_A}</p><p>{PARA_B}</p></div>"));
        assert_eq!(kept(&html), vec![PARA_A, PARA_B]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_or_stall() {
        // 100,000 levels: parsing, walking and dropping the tree must all be iterative, and the
        // tree builder must not rescan a 100,000-element stack for every tag.
        let depth = 100_000;
        let mut html = String::with_capacity(depth * 12 + 200);
        html.push_str("<html><body>");
        for _ in 0..depth {
            html.push_str("<div>");
        }
        html.push_str(PARA_A);
        for _ in 0..depth {
            html.push_str("</div>");
        }
        let mut inline = String::new();
        for _ in 0..depth {
            inline.push_str("<span><b>");
        }
        inline.push('x');
        let start = std::time::Instant::now();
        let blocks = extract_blocks(&html);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, PARA_A);
        let _ = extract_blocks(&inline);
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert_eq!(doc.paragraphs, vec![PARA_A]);
        // Generous for debug builds on a shared machine; quadratic behaviour takes minutes.
        assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    }

    #[test]
    fn empty_and_garbage_input() {
        assert!(extract_blocks("").is_empty());
        assert!(extract_blocks("<<<>>></p></div><![CDATA[").iter().all(|b| !b.text.is_empty()));
        assert!(kept("").is_empty());
        let doc = clean("\u{0}\u{1}<\u{feff}>&#0;&#xD800;", InputFormat::Html, &CleanConfig::default());
        assert!(doc.html);
        assert_eq!(extract_metadata("not html at all"), HtmlMetadata::default());
    }

    #[test]
    fn metadata_from_open_graph_json_ld_and_time() {
        let html = r#"<html><head><title>Strikes row | Daily Example</title>
            <meta property="og:title" content="Strikes row">
            <meta property="og:site_name" content="Daily Example">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2017-10-10T08:00:00Z",
              "author":[{"@type":"Person","name":"Jane Doe"}],"publisher":{"name":"Example Media"}}]}</script>
            </head><body><time datetime="2017-10-11">Oct 11</time></body></html>"#;
        let m = extract_metadata(html);
        assert_eq!(m.title.as_deref(), Some("Strikes row"));
        assert_eq!(m.date.as_deref(), Some("2017-10-10"));
        assert_eq!(m.source.as_deref(), Some("Daily Example"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        let m = extract_metadata("<title> Only a title </title><time datetime='2017-10-11T10:00'>x</time>");
        assert_eq!(m.title.as_deref(), Some("Only a title"));
        assert_eq!(m.date.as_deref(), Some("2017-10-11"));
    }

    #[test]
    fn dek_set_as_sub_heading_joins_the_lead() {
        // The standfirst is an `h2` in the article header, outside the body container; a section
        // heading is short, a dek is a sentence. The `h1` headline stays out of the body.
        let dek = "Moscow says Washington is only pretending to fight the group while its strikes fall by half";
        let html = page(&format!(
            "<div class=header><h1>Strikes row</h1><h2 class=subheadline>{dek}</h2><span>By Jane Doe</span></div>\
             <div class=story-body><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div>"
        ));
        let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
        let reason_of = |t: &str| blocks.iter().zip(&reasons).find(|(b, _)| b.text == t).map(|(_, r)| r.clone());
        assert_eq!(reason_of(dek), Some(None));
        assert_eq!(reason_of("Strikes row"), Some(Some(RemovalReason::OutsideMainContent)));
    }

    #[test]
    fn text_outside_paragraph_markup_after_the_body_starts_goes() {
        // The body is written in <p>s: the standfirst in a <div> before it stays, a post-meta
        // line and an inline promo box in <div>s after its first paragraph go.
        let lead = "A standfirst in its own box, long enough to read as the lead of the story below it.";
        let html = page(&format!(
            "<article><div class=excerpt>{lead}</div><p>{PARA_A}</p><div class=box>Our podcast: every Friday \
             with the week's news</div><p>{PARA_B}</p><p>{PARA_C}</p><div class=utility>This entry was posted \
             in World</div></article>"
        ));
        let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
        let kept: Vec<&str> =
            blocks.iter().zip(&reasons).filter(|(_, r)| r.is_none()).map(|(b, _)| b.text.as_str()).collect();
        assert_eq!(kept, vec![lead, PARA_A, PARA_B, PARA_C]);
        let reason = reasons.iter().zip(&blocks).find(|(_, b)| b.text.starts_with("This entry")).map(|(r, _)| r);
        assert!(
            matches!(reason, Some(Some(RemovalReason::BoilerplateMarkup(h))) if h.starts_with("div")),
            "{reason:?}"
        );
        // Off: everything stays.
        let config = HtmlConfig { paragraph_markup_share: 2.0, ..HtmlConfig::default() };
        assert!(decide_blocks(&html, &config).1.iter().all(Option::is_none));
    }

    #[test]
    fn metadata_dates_in_any_markup_form_or_none() {
        let date = |head: &str| extract_metadata(&format!("<html><head>{head}</head><body></body></html>")).date;
        // Unix seconds and milliseconds, RFC 2822, day-first, unpadded ISO.
        assert_eq!(
            date(r#"<meta property="article:published_time" content="1651626439">"#).as_deref(),
            Some("2022-05-04")
        );
        assert_eq!(date(r#"<meta name="date" content="1651626439000">"#).as_deref(), Some("2022-05-04"));
        assert_eq!(
            date(r#"<meta name="date" content="Wed, 04 May 2022 02:41:00 GMT">"#).as_deref(),
            Some("2022-05-04")
        );
        assert_eq!(date(r#"<meta name="date" content="Di., 25.01.2022 - 14:45">"#).as_deref(), Some("2022-01-25"));
        assert_eq!(date(r#"<meta name="date" content="2022-5-3T23:57:00">"#).as_deref(), Some("2022-05-03"));
        // A duration or opening hours in <time datetime> are no date; the microdata date is.
        let m = extract_metadata(
            "<time datetime='Mo-Su 08:00-20:00'>Mo-So</time><time datetime='PT15M'>15 min</time>\
             <span itemprop=datePublished content='2019-11-13'>13. November</span>",
        );
        assert_eq!(m.date.as_deref(), Some("2019-11-13"));
        assert_eq!(extract_metadata("<time datetime='PT15M'>15 min</time>").date, None);
        assert_eq!(extract_metadata("<p><time>11.11.2021</time></p>").date.as_deref(), Some("2021-11-11"));
        assert_eq!(civil_day(0), "1970-01-01");
        assert_eq!(civil_day(-1), "1969-12-31");
    }

    #[test]
    fn metadata_title_without_site_name_and_author_without_urls() {
        let m = extract_metadata(
            r#"<meta property="og:title" content="Strikes row | Daily Example"><meta property="og:site_name" content="Daily Example">
               <meta property="article:author" content="https://facebook.com/dailyexample">
               <script type="application/ld+json">{"author":{"name":"Jane Doe"}}</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Strikes row"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        // <title> without a known site: the longest segment, whichever side the site is on.
        let title = |t: &str| extract_metadata(&format!("<title>{t}</title>")).title;
        assert_eq!(
            title("Blog Name » Archive » Interning of small integers").as_deref(),
            Some("Interning of small integers")
        );
        assert_eq!(title("Moscow says US is pretending - Example").as_deref(), Some("Moscow says US is pretending"));
        assert_eq!(title("Covid-19 in Europe").as_deref(), Some("Covid-19 in Europe"));
        // An og:title without the site's name stays whole.
        let m = extract_metadata(r#"<meta property="og:title" content="Paris - Berlin: the night train returns">"#);
        assert_eq!(m.title.as_deref(), Some("Paris - Berlin: the night train returns"));
    }

    #[test]
    fn short_lines_after_the_last_paragraph_stay_in_paragraph_markup() {
        // A spec sheet's <p> lines after the story are the article's; a bare <div> label is the
        // footer's (the classifier has the last word on that soft rule).
        let html = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>Voltage: 400 V</p><ul><li>390 kcal</li></ul>\
             <p>Contact</p><div>Print recipe</div></article>"
        ));
        let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
        let reason_of = |t: &str| blocks.iter().zip(&reasons).find(|(b, _)| b.text == t).map(|(_, r)| r.clone());
        assert_eq!(reason_of("Voltage: 400 V"), Some(None));
        assert_eq!(reason_of("390 kcal"), Some(None));
        assert_eq!(reason_of("Contact"), Some(Some(RemovalReason::AfterArticleEnd)));
        let label = reason_of("Print recipe");
        assert!(
            matches!(label, Some(Some(RemovalReason::BoilerplateMarkup(_) | RemovalReason::AfterArticleEnd))),
            "{label:?}"
        );
    }

    #[test]
    fn link_heavy_box_title_and_blurb_go_its_paragraphs_are_the_classifiers_call() {
        let links: String = (0..8).map(|i| format!("<li><a href=/c{i}>Category {i}</a></li>")).collect();
        let html = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><div class=box><h3>Categories</h3>\
             <ul>{links}</ul><div>About this blog: notes on politics</div><p>A short note in the box.</p></div></article>"
        ));
        let read = read_page(&html, &CleanConfig::default());
        let Some(page) = read.page else { panic!("HTML mode reads a page") };
        let soft_of =
            |t: &str| read.blocks.iter().position(|b| b.text == t).map(|i| (page.reasons[i].clone(), page.soft[i]));
        assert_eq!(soft_of("Categories"), Some((Some(RemovalReason::LinkDense), false)));
        assert_eq!(soft_of("About this blog: notes on politics"), Some((Some(RemovalReason::LinkDense), false)));
        assert_eq!(soft_of("A short note in the box."), Some((Some(RemovalReason::LinkDense), true)));
    }

    #[test]
    fn blocks_after_the_paragraphs_parent_are_after_the_article() {
        // All the story's paragraphs share one parent; the author box after it is soft
        // evidence for the classifier. Split over two wrappers of equal weight, nothing is.
        let bio = "Jane Doe writes about diplomacy and has reported from Moscow, Kyiv and Geneva since 2009.";
        let html = page(&format!(
            "<article><div class=body><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p></div>\
             <div class=bio><p>{bio}</p></div></article>"
        ));
        let (blocks, reasons) = decide_blocks(&html, &HtmlConfig::default());
        let reason_of = |t: &str| blocks.iter().zip(&reasons).find(|(b, _)| b.text == t).map(|(_, r)| r.clone());
        assert_eq!(reason_of(PARA_C), Some(None));
        assert_eq!(reason_of(bio), Some(Some(RemovalReason::AfterArticleEnd)));
        let config = HtmlConfig { body_parent_share: 2.0, ..HtmlConfig::default() };
        assert!(decide_blocks(&html, &config).1.iter().all(Option::is_none));
        let split = page(&format!(
            "<article><div class=a><p>{PARA_A}</p><p>{PARA_B}</p></div><div class=b><p>{PARA_C}</p><p>{bio}</p></div></article>"
        ));
        assert!(decide_blocks(&split, &HtmlConfig::default()).1.iter().all(Option::is_none));
    }

    #[test]
    fn a_link_heavy_box_inside_furniture_markup_is_not_soft() {
        // A box of links with one plain sentence: in the body, the sentence is the classifier's
        // call (it keeps it); inside the article's <footer>, the box is the footer's own.
        let note = "The editors read every letter and answer the best of them each week.";
        let links = "<a href=/1>Home page of the whole site</a> <a href=/2>Archive of earlier letters</a> \
            <a href=/3>About the editors of this page</a>";
        let body = format!("<p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p>");
        let plain = page(&format!("<article>{body}<div><p>{note}</p>{links}</div></article>"));
        assert!(kept(&plain).iter().any(|p| p == note), "{:?}", kept(&plain));
        let footer = page(&format!("<article>{body}<footer><div><p>{note}</p>{links}</div></footer></article>"));
        assert!(kept(&footer).iter().all(|p| p != note), "{:?}", kept(&footer));
    }

    #[test]
    fn the_text_models_score_trims_the_tail_but_not_list_items() {
        // A share prompt after the story's last paragraph, which no phrase list names: the text
        // model reads it as no part of the article (a generous threshold here, so a refit of the
        // model does not flip the test); the same line as a list item, or with the check off,
        // stays.
        let prompt = "Teile diesen Artikel!";
        let story = "<p>Die Gewerkschaft hat am Dienstag zu einem Streik in den Verkehrsbetrieben der Stadt \
            aufgerufen, nachdem die Verhandlungen über die Löhne gescheitert waren.</p><p>Der \
            Arbeitgeberverband wies die Forderungen zurück und erklärte, die Angebote seien angesichts der \
            Lage der Unternehmen bereits sehr großzügig gewesen.</p><p>Am Abend sagte ein Sprecher der Stadt, \
            die Busse und Bahnen würden voraussichtlich bis zum Ende der Woche nur eingeschränkt fahren.</p>";
        let mut config = CleanConfig::default();
        config.html.tail_content_score = 0.5;
        let run = |html: &str, config: &CleanConfig| clean(html, InputFormat::Html, config);
        let doc = run(&page(&format!("<article>{story}<p>{prompt}</p></article>")), &config);
        let last = doc.blocks.last().expect("blocks");
        assert_eq!(last.text, prompt);
        assert_eq!(last.reason, Some(RemovalReason::AfterArticleEnd));
        assert!(last.content_score.is_some_and(|s| s < 0.5), "{last:?}");
        let listed = run(&page(&format!("<article>{story}<ul><li>{prompt}</li></ul></article>")), &config);
        assert!(listed.paragraphs.iter().any(|p| p == prompt));
        config.html.tail_content_score = 0.0;
        let off = run(&page(&format!("<article>{story}<p>{prompt}</p></article>")), &config);
        assert!(off.paragraphs.iter().any(|p| p == prompt));
    }

    #[test]
    fn a_prompt_paragraph_in_the_tail_goes_but_not_one_in_the_story() {
        // Written as prose, longer than the loose signals read: after the story's last paragraph
        // the newsletter and the copyright note go; the same newsletter paragraph between two of
        // the story's paragraphs is the story's (it could be a story about a newsletter).
        let prompt = "Then sign up for our free email newsletter to get the latest updates, event \
            announcements, community discussions and our tutorials straight to your inbox every single week.";
        let note = "Copyright 2022 Example News. This article is the property of Example News, and written \
            permission must be obtained before any reprint in online or print media of any kind.";
        let run = |html: &str, config: &CleanConfig| clean(html, InputFormat::Html, config);
        let config = CleanConfig::default();
        let tail = run(
            &page(&format!(
                "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{prompt}</p><p>{note}</p></article>"
            )),
            &config,
        );
        let reason_of = |doc: &crate::clean::CleanedDocument, t: &str| {
            doc.blocks.iter().find(|b| b.text == t).and_then(|b| b.reason.clone())
        };
        assert_eq!(reason_of(&tail, prompt), Some(RemovalReason::NewsletterPrompt));
        assert_eq!(reason_of(&tail, note), Some(RemovalReason::Footer));
        assert!(tail.paragraphs.iter().any(|p| p == PARA_C));
        let inside = run(
            &page(&format!("<article><p>{PARA_A}</p><p>{prompt}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>")),
            &config,
        );
        assert_eq!(reason_of(&inside, prompt), None);
        let mut off = config.clone();
        off.html.tail_prompt_words = 0;
        let off = run(
            &page(&format!("<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{prompt}</p></article>")),
            &off,
        );
        assert!(off.paragraphs.iter().any(|p| p == prompt));
    }

    #[test]
    fn a_site_note_in_emphasis_at_the_story_end_goes_but_not_a_story_line() {
        // A note written as a sentence after the story's last paragraph: in emphasis and with a
        // prompt in the site's voice it goes; without the emphasis the sentence is left to the
        // other rules, and a story's closing line in emphasis (no prompt, no voice) stays.
        let note = "Follow the Example Gazette on Twitter and Instagram, and send us a message or \
            email us your story ideas at any time.";
        let closing = "About 2 million people subscribe to the service, the company said.";
        let run = |body: &str, config: &CleanConfig| clean(&page(body), InputFormat::Html, config);
        let config = CleanConfig::default();
        let story = format!("<p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p>");
        let reason_of = |doc: &crate::clean::CleanedDocument, t: &str| {
            doc.blocks.iter().find(|b| b.text == t).map(|b| b.reason.clone())
        };
        for markup in ["<p><em>{}</em></p>", "<p><strong>{}</strong></p>", "<p><i><b>{}</b></i></p>"] {
            let doc = run(&format!("<article>{story}{}</article>", markup.replace("{}", note)), &config);
            assert_eq!(reason_of(&doc, note), Some(Some(RemovalReason::CallToAction)), "{markup}");
            assert!(doc.paragraphs.iter().any(|p| p == PARA_C));
        }
        let closing_line = run(&format!("<article>{story}<p><em>{closing}</em></p></article>"), &config);
        assert_eq!(reason_of(&closing_line, closing), Some(None));
        // Only part of the paragraph in emphasis: not a note set apart.
        let part = run(&format!("<article>{story}<p>{note} <em>Thanks.</em></p></article>"), &config);
        assert!(part.blocks.iter().all(|b| b.reason != Some(RemovalReason::CallToAction)));
        // The same note further up, between the story's paragraphs, is the story's.
        let inside = run(
            &format!("<article><p>{PARA_A}</p><p><em>{note}</em></p><p>{PARA_B}</p><p>{PARA_C}</p><p>{PARA_A} {PARA_B}</p></article>"),
            &config,
        );
        assert_eq!(reason_of(&inside, note), Some(None));
        let mut off = config.clone();
        off.html.voice_note_words = 0;
        let off = run(&format!("<article>{story}<p><em>{note}</em></p></article>"), &off);
        assert_eq!(reason_of(&off, note), Some(None));
    }

    #[test]
    fn a_link_to_an_app_store_or_a_subscription_page_in_the_tail_is_a_prompt() {
        for (href, want) in [
            ("https://apps.apple.com/us/app/example-news/id123", true),
            ("https://play.google.com/store/apps/details?id=x", true),
            ("https://t.me/examplenews", true),
            ("https://t.me/+AbCdEf", true),
            ("https://t.me/examplenews/4321", false),
            ("https://example.com/2024/05/how-to-subscribe-to-the-new-service", false),
            ("https://www.example.com/abo.html", true),
            ("/newsletter-signup?src=article", true),
            ("https://example.com/account/login.html", true),
            ("https://example.com/about-us/", false),
            ("https://example.com/public/online_abo/lexikon", false),
            ("https://www.worldvision.de/Spenden/Projektspenden/kenia", false),
            ("https://notapps.apple.com.example.org/", false),
            ("", false),
        ] {
            assert_eq!(prompt_target(href) == PromptLink::Ask, want, "{href}");
        }
        let prompt = "For the latest stories and breaking news updates download our apps for iOS and Android.";
        let tail = |link: &str| {
            page(&format!(
                "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>For the latest stories and breaking \
                 news updates download our <a href=\"{link}\">apps for iOS</a> and Android.</p></article>"
            ))
        };
        let run = |html: &str, config: &CleanConfig| clean(html, InputFormat::Html, config);
        let reason_of = |doc: &crate::clean::CleanedDocument| {
            doc.blocks.iter().find(|b| b.text == prompt).and_then(|b| b.reason.clone())
        };
        let config = CleanConfig::default();
        assert_eq!(
            reason_of(&run(&tail("https://apps.apple.com/app/id1"), &config)),
            Some(RemovalReason::CallToAction)
        );
        // The same sentence linking to a story, or with the rule off, is the story's.
        assert_eq!(reason_of(&run(&tail("https://example.com/2022/05/apps-for-ios"), &config)), None);
        let mut off = config.clone();
        off.html.tail_prompt_links = false;
        assert_eq!(reason_of(&run(&tail("https://apps.apple.com/app/id1"), &off)), None);
        // A link to a channel's message is a prompt in a short line, but a story's paragraph
        // that cites one as its source stays.
        assert_eq!(prompt_target("https://t.me/examplenews/4321"), PromptLink::Channel);
        assert_eq!(
            reason_of(&run(&tail("https://t.me/examplenews/4321"), &config)),
            None,
            "a prose paragraph linking to a channel is the story's"
        );
        let join = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>Breaking updates all day long on our \
             <a href=\"https://t.me/examplenews/4321\">channel</a></p></article>"
        ));
        let doc = run(&join, &config);
        let join_reason = doc
            .blocks
            .iter()
            .find(|b| b.text == "Breaking updates all day long on our channel")
            .and_then(|b| b.reason.clone());
        assert_eq!(join_reason, Some(RemovalReason::CallToAction));
    }

    /// A link wrapped around block elements (an app card) marks the blocks inside it, not the
    /// story's paragraph before it (which the prompt-link rule then removed).
    #[test]
    fn a_card_link_marks_the_blocks_inside_it() {
        let card = page(&format!(
            "<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C} <a href=\"https://apps.apple.com/app/id1\"><div>\
             <h3>Our app</h3><p>Get the news on your phone first.</p></div></a></p></article>"
        ));
        let doc = clean(&card, InputFormat::Html, &CleanConfig::default());
        let reason = |text: &str| doc.blocks.iter().find(|b| b.text == text).and_then(|b| b.reason.clone());
        assert!(reason("Get the news on your phone first.").is_some(), "the card goes");
        assert_eq!(reason(PARA_C), None, "the story's last paragraph stays");
    }

    #[test]
    fn mixed_script_tail_goes() {
        // "Advertise with the most visited news site in Belize" with Cyrillic lookalike letters.
        let ad = "\u{410}dv\u{435}rt\u{456}\u{455}\u{435} w\u{456}th th\u{435} most visited news site in \
                  \u{412}\u{435}l\u{456}z\u{435}, w\u{435} \u{43e}ff\u{435}r great deals today.";
        assert_eq!(mixed_script_words(ad), 6);
        assert_eq!(
            mixed_script_words("COVID-19-\u{43f}\u{430}\u{43d}\u{434}\u{435}\u{43c}\u{438}\u{44f} in Moscow"),
            1
        );
        let html = page(&format!("<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_C}</p><p>{ad}</p></article>"));
        let reason_of = |config: &CleanConfig| {
            let doc = clean(&html, InputFormat::Html, config);
            doc.blocks.iter().find(|b| b.text == ad).and_then(|b| b.reason.clone())
        };
        let config = CleanConfig::default();
        assert_eq!(reason_of(&config), Some(RemovalReason::Advertisement));
        let mut off = config.clone();
        off.html.tail_mixed_script_share = 2.0;
        assert_eq!(reason_of(&off), None);
    }

    #[test]
    fn paywall_notice_goes_wherever_it_stands() {
        // A paywall cut after the lead, written as sentences: the call-to-action words of the
        // text signals ("subscribe", "log in") judge only a block's head or unterminated lines.
        let cut = "To view the full story, please subscribe to The Daily Example. You can choose an annual \
            subscription or a weekly pass.";
        let gate = "If you\u{2019}re seeing this message but you\u{2019}re already a subscriber, you can log in for \
            immediate access to this story.";
        let html =
            page(&format!("<article><p>{PARA_A}</p><p>{cut}</p><p>{PARA_B}</p><p>{gate}</p><p>{PARA_C}</p></article>"));
        let reasons = |config: &CleanConfig| {
            let doc = clean(&html, InputFormat::Html, config);
            [cut, gate, PARA_A, PARA_B, PARA_C]
                .map(|t| doc.blocks.iter().find(|b| b.text == t).and_then(|b| b.reason.clone()))
        };
        let config = CleanConfig::default();
        let cta = Some(RemovalReason::CallToAction);
        assert_eq!(reasons(&config), [cta.clone(), cta, None, None, None]);
        let mut off = config.clone();
        off.html.paywall_notice_words = 0;
        assert_eq!(reasons(&off), [None, None, None, None, None]);
        // A story's long paragraph about subscribers stays.
        let long = format!(
            "{PARA_A} Readers who are already a subscriber of the paper were told on Tuesday that prices rise."
        );
        let html = page(&format!("<article><p>{long}</p><p>{PARA_B}</p><p>{PARA_C}</p></article>"));
        assert!(kept(&html).contains(&long));
    }

    #[test]
    fn paywall_matcher_finds_every_phrase_in_any_case() {
        // The one-pass matcher answers as a search per phrase did: each phrase, capitalised and
        // inside a sentence (non-ASCII ones too: "Déjà abonné", "Müssen sich einloggen"), is
        // found, and a sentence without one is not.
        let block = |text: String| {
            let words = text.split_whitespace().count();
            let features = BlockFeatures { words, ..BlockFeatures::default() };
            Block {
                index: 0,
                line: 1,
                text,
                kept: true,
                reason: None,
                features,
                content_score: None,
                content_evidence: vec![],
            }
        };
        let config = HtmlConfig::default();
        for phrase in PAYWALL_PHRASES {
            let mut chars = phrase.chars();
            let head: String = chars.next().into_iter().flat_map(char::to_uppercase).collect();
            let text = format!("Note \u{201c}{head}{}\u{201d} here.", chars.as_str());
            assert!(is_paywall_notice(&block(text.clone()), &config), "{text}");
        }
        let story = "The subscribers of the paper were told on Tuesday that prices rise.".to_string();
        assert!(!is_paywall_notice(&block(story), &config));
    }

    #[test]
    fn repeated_block_kept_once() {
        let html = page(&format!("<article><p>{PARA_A}</p><p>{PARA_B}</p><p>{PARA_A}</p><p>{PARA_C}</p></article>"));
        let doc = clean(&html, InputFormat::Html, &CleanConfig::default());
        assert_eq!(doc.paragraphs, vec![PARA_A, PARA_B, PARA_C]);
        assert_eq!(doc.removed[0].reason, RemovalReason::DuplicateOfBlock(0));
    }
}
