//! Boilerplate signals: what one block's own text says about it, before any context. Each
//! signal names a [`RemovalReason`]; the classifier (`classify.rs`) weighs them with position
//! and neighbours. The phrase lists cover the languages the product supports (en, de, fr, es,
//! it, pt, nl, ru, pl, tr, ar); they only fire on short blocks or at the start of a block, so a
//! body sentence that mentions a newsletter is not a newsletter prompt.

use std::sync::OnceLock;

use super::features::{BlockFeatures, CreditMarks};
use super::RemovalReason;

/// Blocks longer than this are never judged by phrases alone: a real paragraph may quote
/// "subscribe" or "all rights reserved"; prompts and footers are short.
pub const MAX_PHRASE_SIGNAL_WORDS: usize = 30;

/// Labels that introduce a link to another article inside or after the body.
const RELATED_LABELS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "see also",
    "related",
    "related articles",
    "related stories",
    "related news",
    "more on this",
    "more from",
    "recommended",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "trending",
    "top stories",
    "watch:",
    "listen:",
    "latest news",
    "more stories",
    "lea también",
    "lea más",
    "lea:",
    "lee también",
    "leer más",
    "te puede interesar",
    "noticias relacionadas",
    "lo más leído",
    "más noticias",
    "otras noticias",
    "artículos relacionados",
    "noticias relacionadas",
    "contexto de la noticia",
    "das könnte dich auch interessieren",
    "diese beiträge",
    "weitere beiträge",
    "ähnliche beiträge",
    "ähnliche artikel",
    "verwandte artikel",
    "vorschau auf",
    "nächster artikel",
    "vorheriger artikel",
    "mehr aus",
    "mehr zu",
    "dans la même rubrique",
    "sur le même thème",
    "articles similaires",
    "audios et vidéos",
    "articoli correlati",
    "artigos relacionados",
    "gerelateerde artikelen",
    "powiązane artykuły",
    "benzer haberler",
    "next article",
    "previous article",
    "next post",
    "previous post",
    "related posts",
    "similar posts",
    "read further",
    "more in",
    "more like this",
    "don't miss",
    "also on",
    "weiterlesen",
    "explore further",
    "pour approfondir",
    "meistgelesen",
    "meistgelesene",
    "meistdiskutierte",
    "mehr themen",
    "entdecke",
    "editor's picks",
    "popular posts",
    "热门推荐",
    "推荐阅读",
    "相关阅读",
    "le puede interesar",
    "te podría interesar",
    "beliebte beiträge",
    "interessantes aus",
    "mehr lesen über",
    "you might be interested",
    "vous aimerez aussi",
    "vous pourriez aimer",
    "ti potrebbe interessare",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "auch interessant",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire la suite",
    "voir aussi",
    "sur le même sujet",
    "leggi anche",
    "leggi di più",
    "potrebbe interessarti",
    "leia também",
    "leia mais",
    "veja também",
    "saiba mais",
    "lees ook",
    "lees meer",
    "meer over",
    "читайте также",
    "читать далее",
    "по теме",
    "czytaj także",
    "czytaj też",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "ayrıca bakınız",
    "ilgili haberler",
    "devamını oku",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "مواضيع ذات صلة",
    "関連記事",
    "関連ニュース",
    "相关新闻",
    "相关文章",
    "관련기사",
    "관련 기사",
    // "See also" and "Watch:" in the languages the list lacked them in (session 11).
    "vea también",
    "ver también",
    "véase también",
    "mira:",
    "assista:",
    "vedi anche",
    "guarda:",
    "zie ook",
    "bekijk:",
    "siehe auch",
    "regardez:",
    "смотрите также",
    "izle:",
];

/// Newsletter, subscription, sharing and other calls to act.
const CALL_TO_ACTION: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "signup",
    "log in",
    "login",
    "sign in",
    "register now",
    "follow us",
    "share this",
    "share on",
    "click here",
    "tap here",
    "download the app",
    "get the app",
    "join us on",
    "submit your",
    "send us your",
    "have a story",
    "send your",
    "get in touch",
    "contact us",
    "donate",
    "support our journalism",
    "schreibe einen kommentar",
    "hinterlasse eine antwort",
    "hinterlasse einen kommentar",
    "your email address will not be published",
    "e-mail-adresse wird nicht veröffentlicht",
    "angemeldet bleiben",
    "remember me",
    "stay logged in",
    "support us",
    "become a member",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add comment",
    "write a comment",
    "comments",
    "like us on",
    "whatsapp",
    "telegram channel",
    "free trial",
    "abonnieren",
    "anmelden",
    "registrieren",
    "jetzt lesen",
    "folgen sie uns",
    "teilen",
    "kommentar schreiben",
    "s'abonner",
    "abonnez-vous",
    "inscrivez-vous",
    "partager",
    "suivez-nous",
    "suscríbete",
    "suscribirse",
    "regístrate",
    "síguenos",
    "compartir",
    "dona aquí",
    "iscriviti",
    "abbonati",
    "seguici",
    "condividi",
    "assine",
    "inscreva-se",
    "siga-nos",
    "compartilhe",
    "abonneer",
    "schrijf je in",
    "volg ons",
    "delen",
    "подписаться",
    "подпишитесь",
    "подписывайтесь",
    "поделиться",
    "subskrybuj",
    "zapisz się",
    "obserwuj nas",
    "udostępnij",
    "abone ol",
    "paylaş",
    "takip edin",
    "اشترك",
    "تابعونا",
    "شارك",
];

/// Comment sections: headers of one comment and the controls around them.
const COMMENT_MARKERS: &[&str] = &[
    "comment by",
    "comments",
    "kommentare",
    "kommentar von",
    "commentaires",
    "comentarios",
    "commenti",
    "comentários",
    "reacties",
    "komentarze",
    "yorumlar",
    "комментари",
    "تعليقات",
    "pingback",
    "trackback",
];
/// Whole-line comment controls.
const COMMENT_CONTROLS: &[&str] = &[
    "reply",
    "antworten",
    "répondre",
    "responder",
    "rispondi",
    "reageer",
    "odpowiedz",
    "yanıtla",
    "ответить",
    "رد",
    "report",
    "melden",
    "like",
    "gefällt mir",
];

/// Labels of tag and category lists.
const TAG_LABELS: &[&str] = &[
    "tags",
    "tagged",
    "tagged with",
    "etiquetas",
    "schlagwörter",
    "schlagworte",
    "stichwörter",
    "kategorie",
    "kategorien",
    "category",
    "categories",
    "filed under",
    "themen",
    "mots-clés",
    "mots clés",
    "catégories",
    "categorías",
    "categorie",
    "parole chiave",
    "tag",
    "trefwoorden",
    "tagi",
    "etiketler",
    "теги",
    "метки",
    "рубрики",
];
/// Whole-line sharing controls.
const SHARE_CONTROLS: &[&str] = &[
    "share",
    "share this",
    "teilen",
    "partager",
    "compartir",
    "condividi",
    "compartilhar",
    "delen",
    "udostępnij",
    "paylaş",
    "поделиться",
    "tweet",
    "pin",
    "print",
    "drucken",
    "imprimer",
    "imprimir",
    "stampa",
];

/// Newsletter names.
const NEWSLETTER: &[&str] =
    &["newsletter", "lettre d'information", "boletín", "nieuwsbrief", "рассылк", "biuletyn", "bülten", "النشرة"];

/// Footer and legal lines.
const FOOTER: &[&str] = &[
    "all rights reserved",
    "copyright",
    "©",
    "privacy policy",
    "terms of use",
    "terms of service",
    "cookie",
    "alle rechte vorbehalten",
    "datenschutz",
    "impressum",
    "tous droits réservés",
    "mentions légales",
    "todos los derechos reservados",
    "aviso legal",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "все права защищены",
    "wszelkie prawa zastrzeżone",
    "tüm hakları saklıdır",
    "جميع الحقوق محفوظة",
    "powered by",
    "designed by",
    "externer inhalt",
    "empfohlener redaktioneller inhalt",
    "disclaimer",
];

/// Advertising labels.
const ADVERTISEMENT: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "advertentie",
    "реклама",
    "reklama",
];

/// Photo and caption credits.
const CAPTION_MARKERS: &[&str] = &[
    "photo:",
    "photo by",
    "(photo",
    "photos:",
    "image:",
    "image by",
    "(image",
    "picture:",
    "foto:",
    "fotos:",
    "(foto",
    "bild:",
    "credit:",
    "(credit",
    "getty images",
    "/afp",
    "/ afp",
    "afp/",
    "reuters/",
    "/reuters",
    "/ap",
    "ap photo",
    "shutterstock",
    "istock",
    "epa/",
    "/epa",
    "dpa/",
    "/dpa",
    "©",
    "(file)",
    "/file)",
    "file photo",
    "imagen:",
    "crédit",
    "légende",
    "фото:",
    "fot.",
    "photograph by",
    "photograph:",
    "quelle:",
    "bild anzeigen",
    "bild schließen",
    "fotografía:",
    "foto de",
    "(foto:",
];

/// Labels that open an author box.
const AUTHOR_LABELS: &[&str] = &[
    "author",
    "about the author",
    "authors",
    "autor",
    "autorin",
    "l'auteur",
    "auteur",
    "autore",
    "sobre o autor",
    "sobre el autor",
    "автор",
    "yazar",
    "the author",
];

/// Labels of a publication date line with no date (or a date) after them.
const DATE_LABELS: &[&str] = &[
    "published",
    "updated",
    "refreshed",
    "posted",
    "last updated",
    "first published",
    "veröffentlicht",
    "aktualisiert",
    "zuletzt bearbeitet",
    "stand",
    "publié",
    "mis à jour",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "atualizado",
    "gepubliceerd",
    "bijgewerkt",
    "опубликовано",
    "обновлено",
    "opublikowano",
    "aktualizacja",
    "yayınlanma",
    "güncelleme",
];

/// The lower-cased head of a block that phrase signals look at.
const HEAD_BYTES: usize = 240;

fn starts_with_any(text: &str, list: &[&str]) -> bool {
    // Comparing the first two bytes inline skips the call into memcmp for almost every phrase
    // (in a group of phrases with one first byte, [`ByFirstByte`], the first says nothing).
    let Some(&first) = text.as_bytes().first() else { return false };
    let second = text.as_bytes().get(1);
    list.iter().any(|p| {
        p.as_bytes().first() == Some(&first)
            && p.as_bytes().get(1).is_none_or(|b| second == Some(b))
            && text.starts_with(p)
            && text[p.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A long phrase list grouped by first byte: [`starts_with_any`] over the group of the text's
/// first byte gives the same answer as over the whole list (a phrase with another first byte,
/// or an empty one, never matches), and the related-links labels (130 phrases) were checked
/// against every short line, one phrase at a time. Each group also has the set of its phrases'
/// second bytes: most short lines start with a first byte some label has ("the", "a", "in") but
/// a pair none has, and are answered by one bit instead of a walk over the group.
struct ByFirstByte {
    list: &'static [&'static str],
    groups: OnceLock<Vec<(SecondBytes, Vec<&'static str>)>>,
}

/// A set of bytes, one bit each.
type SecondBytes = [u64; 4];

impl ByFirstByte {
    const fn new(list: &'static [&'static str]) -> Self {
        ByFirstByte { list, groups: OnceLock::new() }
    }

    fn starts_any(&self, text: &str) -> bool {
        let Some(&first) = text.as_bytes().first() else { return false };
        let groups = self.groups.get_or_init(|| {
            let mut groups = vec![([0u64; 4], Vec::new()); 256];
            for &p in self.list {
                let Some((seconds, group)) = p.as_bytes().first().and_then(|&b| groups.get_mut(usize::from(b))) else {
                    continue;
                };
                match p.as_bytes().get(1) {
                    Some(&b) => seconds[usize::from(b >> 6)] |= 1 << (b & 63),
                    // A one-byte phrase matches whatever follows (up to the word test).
                    None => *seconds = [u64::MAX; 4],
                }
                group.push(p);
            }
            groups
        });
        let Some((seconds, group)) = groups.get(usize::from(first)) else { return false };
        // A text of one byte has no second byte: only a one-byte phrase (all bits set) can match.
        let second = text.as_bytes().get(1).copied().unwrap_or(0);
        seconds[usize::from(second >> 6)] >> (second & 63) & 1 != 0 && starts_with_any(text, group)
    }
}

static RELATED_BY_FIRST: ByFirstByte = ByFirstByte::new(RELATED_LABELS);
static DATE_LABELS_BY_FIRST: ByFirstByte = ByFirstByte::new(DATE_LABELS);
static COMMENT_MARKERS_BY_FIRST: ByFirstByte = ByFirstByte::new(COMMENT_MARKERS);

/// The phrase lists [`text_signal`] searches whole lines for, in the order of their bits in
/// [`PhraseLists::found_in`]'s answer.
const SEARCHED_LISTS: [&[&str]; 8] = [
    COMMENT_MARKERS,
    FOOTER,
    NEWSLETTER,
    CALL_TO_ACTION,
    CAPTION_MARKERS,
    DISCLOSURE_PHRASES,
    DISCLOSURE_LABELS,
    NOTICE_COUNTS,
];
const COMMENT_PHRASES: u8 = 1 << 0;
const FOOTER_PHRASES: u8 = 1 << 1;
const NEWSLETTER_PHRASES: u8 = 1 << 2;
const CALL_TO_ACTION_PHRASES: u8 = 1 << 3;
const CAPTION_PHRASES: u8 = 1 << 4;
const DISCLOSURE: u8 = 1 << 5;
const DISCLOSURE_LABEL: u8 = 1 << 6;
/// [`METER_PHRASES`] and [`READ_TIME_PHRASES`]: both need a number beside them.
const NOTICE_COUNT: u8 = 1 << 7;

/// Every list of [`SEARCHED_LISTS`] in one matcher: a short line used to be searched up to four
/// times (footer, newsletter, call to action, caption), and most lines hold no phrase, so every
/// search read the whole line. One pass reporting every occurrence (overlapping) tells which
/// lists occur at all, the same answers as a search per list.
///
/// Hand-written instead of the aho-corasick crate (62 KB of the wasm module for 182 phrases):
/// the phrases are grouped by their first two bytes, and a table with one entry per possible
/// pair of bytes says which group, if any, starts there. Lines are at most [`HEAD_BYTES`] long,
/// so one table look-up per byte, as with the automaton, and a comparison only where a phrase's
/// first two bytes occur.
struct PhraseLists {
    matcher: OnceLock<PhraseMatcher>,
}

/// The groups of phrases sharing their first two bytes, and for every pair of bytes the number
/// of its group plus one (0: no phrase starts with that pair).
pub(crate) struct PhraseMatcher {
    group_of_pair: Vec<u8>,
    groups: Vec<Vec<Phrase>>,
    /// A bit per hashed triple of bytes ([`triple_bit`]) that some phrase starts with (every
    /// third byte for a two-byte phrase): 4 KB that stay in the first-level cache, where the
    /// 64 KB pair table does not. The pairs phrases start with ("co", "su", "re", "to") are
    /// everywhere in prose; their triples ("com", "sub") much less so.
    triples: Box<[u64; TRIPLE_WORDS]>,
    /// [`Self::triples`] for the search of ASCII text at every second byte
    /// ([`Self::found_halved`]): the bit of each ASCII phrase's triple at its first byte and
    /// at its second (every third byte for a three-byte phrase), so that a phrase starting at
    /// an odd byte is seen at the even byte after it. Phrases with other bytes cannot occur in
    /// ASCII text and are left out (the two-byte "©", which the halving needs, is one).
    ascii_pairs_of_triples: Box<[u64; TRIPLE_WORDS]>,
    /// [`Self::ascii_pairs_of_triples`] for text with other bytes: the bits of every phrase of
    /// three bytes or more, for the same search at every second byte of a line with curly quotes
    /// or accents (most lines of news), which the byte-by-byte search read at every byte.
    pairs_of_triples: Box<[u64; TRIPLE_WORDS]>,
    /// The first bytes of the two-byte phrases ("©"), which the search at every second byte
    /// cannot see when they start at an odd byte: a text holding one is searched at every byte.
    short_leads: Vec<u8>,
}

/// Words of [`PhraseMatcher::triples`].
const TRIPLE_WORDS: usize = (1 << TRIPLE_BITS) / 64;

/// Bits in [`PhraseMatcher::triples`].
const TRIPLE_BITS: u32 = 15;

/// The bit of the triple `a b c` (`c` is 0 past the end of the text).
#[inline]
fn triple_bit(a: u8, b: u8, c: u8) -> usize {
    triple_key_bit(u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c))
}

/// [`triple_bit`] of the triple packed as `a << 16 | b << 8 | c`.
#[inline]
fn triple_key_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - TRIPLE_BITS)) as usize
}

/// Whether the bit of the triple packed in `key` is set in `set` (a filter of triples).
#[inline]
fn has_triple(set: &[u64; TRIPLE_WORDS], key: u32) -> bool {
    let bit = triple_key_bit(key);
    set[bit >> 6 & (TRIPLE_WORDS - 1)] >> (bit & 63) & 1 != 0
}

/// One searched phrase with its first eight bytes as a masked word: most places where a group's
/// first two bytes occur ("th", "yo", "co") are told apart from its phrases by one comparison
/// of words, without a call into `memcmp` per phrase (a fifth of the phrase search on short
/// lines of prose).
struct Phrase {
    /// The phrase's first (up to) eight bytes, little-endian, zero-padded.
    head: u64,
    /// Ones over the bytes of `head` that belong to the phrase.
    mask: u64,
    bytes: &'static [u8],
    bit: u8,
}

impl Phrase {
    fn new(bytes: &'static [u8], bit: u8) -> Phrase {
        let mut head = [0u8; 8];
        let n = bytes.len().min(8);
        head[..n].copy_from_slice(&bytes[..n]);
        let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        Phrase { head: u64::from_le_bytes(head), mask, bytes, bit }
    }

    /// Whether `rest` starts with the phrase; `word` is `rest`'s first eight bytes, zero-padded
    /// (no phrase holds a zero byte, so padding never matches).
    #[inline]
    fn starts(&self, rest: &[u8], word: u64) -> bool {
        word & self.mask == self.head
            && self.bytes.get(8..).is_none_or(|tail| rest.get(8..).is_some_and(|r| r.starts_with(tail)))
    }
}

impl PhraseMatcher {
    /// A matcher of up to eight phrase lists (each phrase lower case, two bytes at least); list
    /// `i` answers as bit `1 << i` of [`Self::found_in`].
    pub(crate) fn new(lists: &[&[&'static str]]) -> PhraseMatcher {
        let mut group_of_pair = vec![0u8; 1 << 16];
        let mut groups: Vec<Vec<Phrase>> = Vec::new();
        let mut triples = Box::new([0u64; TRIPLE_WORDS]);
        let mut ascii_pairs_of_triples = Box::new([0u64; TRIPLE_WORDS]);
        let mut pairs_of_triples = Box::new([0u64; TRIPLE_WORDS]);
        let mut short_leads = Vec::new();
        let mark = |set: &mut [u64; TRIPLE_WORDS], a: u8, b: u8, c: Option<&u8>| {
            let mut set_bit = |c: u8| {
                let bit = triple_bit(a, b, c);
                if let Some(word) = set.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
            };
            match c {
                Some(&c) => set_bit(c),
                None => (0..=u8::MAX).for_each(set_bit),
            }
        };
        for (i, list) in lists.iter().enumerate() {
            for phrase in list.iter() {
                // Every phrase has two bytes at least ("©" is two in UTF-8); a shorter one
                // could not be found by pair and is left out (none is).
                let &[a, b, ref more @ ..] = phrase.as_bytes() else { continue };
                mark(&mut triples, a, b, more.first());
                match more.first() {
                    Some(&c) => {
                        if phrase.is_ascii() {
                            mark(&mut ascii_pairs_of_triples, a, b, Some(&c));
                            mark(&mut ascii_pairs_of_triples, b, c, more.get(1));
                        }
                        mark(&mut pairs_of_triples, a, b, Some(&c));
                        mark(&mut pairs_of_triples, b, c, more.get(1));
                    }
                    None if !short_leads.contains(&a) => short_leads.push(a),
                    None => {}
                }
                let pair = usize::from(a) << 8 | usize::from(b);
                let Some(slot) = group_of_pair.get_mut(pair) else { continue };
                if *slot == 0 {
                    groups.push(Vec::new());
                    // Fewer than 255 groups: there are fewer phrases than that.
                    *slot = u8::try_from(groups.len()).unwrap_or(u8::MAX);
                }
                if let Some(group) = groups.get_mut(usize::from(*slot) - 1) {
                    group.push(Phrase::new(phrase.as_bytes(), 1u8 << i));
                }
            }
        }
        PhraseMatcher { group_of_pair, groups, triples, ascii_pairs_of_triples, pairs_of_triples, short_leads }
    }

    /// The bits of the lists with a phrase anywhere in `text`. `leads` ([`lead_bit`]) holds the
    /// lead byte of every non-ASCII character of `text` (more may be set): a short phrase's lead
    /// that is not there needs no search for it.
    pub(crate) fn found_in(&self, text: &str, leads: u64) -> u8 {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return self.found_halved(bytes, &self.ascii_pairs_of_triples);
        }
        if !self.short_leads.iter().any(|&lead| leads & lead_bit(lead) != 0 && bytes.contains(&lead)) {
            return self.found_halved(bytes, &self.pairs_of_triples);
        }
        // The triple at each byte (the byte and the next two, 0 past the end) rolls by as one
        // shift and one load a byte, with no bounds test (this loop runs over every short line;
        // indexing by position with its tests was a third of it).
        let [a, b, tail @ ..] = bytes else { return 0 };
        let mut key = u32::from(*a) << 8 | u32::from(*b);
        let mut found = 0;
        for (at, &c) in tail.iter().enumerate() {
            key = (key << 8 | u32::from(c)) & 0xFF_FFFF;
            if self.may_start(key) {
                found |= self.found_at(bytes, at, key);
            }
        }
        key = (key << 8) & 0xFF_FFFF;
        if self.may_start(key) {
            found |= self.found_at(bytes, tail.len(), key);
        }
        found
    }

    /// [`Self::found_in`] for text in which every phrase that can occur is three bytes long at
    /// least (ASCII text, or text without a two-byte phrase's first byte), testing the triple at
    /// every second byte only (half the filter's work on every short line): a phrase starting
    /// at byte `s` has its first triple at `s` and its second at `s + 1`, and one of the two is
    /// at an even byte; `pairs` ([`Self::ascii_pairs_of_triples`] or
    /// [`Self::pairs_of_triples`]) holds both, and a hit at an even byte `j` checks for phrases
    /// starting at `j` and at `j - 1`.
    fn found_halved(&self, bytes: &[u8], pairs: &[u64; TRIPLE_WORDS]) -> u8 {
        let mut found = 0;
        let mut check = |j: usize, key: u32| {
            if has_triple(pairs, key) {
                // Each start is checked against the first triples alone first: a hit here is
                // often a phrase's second triple, which tells nothing about `j` itself.
                if self.may_start(key) {
                    found |= self.found_at(bytes, j, key);
                }
                if let Some(before) = j.checked_sub(1) {
                    let key = u32::from(bytes.get(before).copied().unwrap_or_default()) << 16 | key >> 8;
                    if self.may_start(key) {
                        found |= self.found_at(bytes, before, key);
                    }
                }
            }
        };
        // Eight bytes a load hold the triples at three even bytes (`j`, `j + 2`, `j + 4`): one
        // load and a shift each, where a window of three bytes a test was a third of the search.
        let mut j = 0;
        while let Some(&word) = bytes.get(j..).and_then(<[u8]>::first_chunk::<8>) {
            // Big-endian: byte `j` on top, so that each triple is `a << 16 | b << 8 | c` as is.
            let w = u64::from_be_bytes(word);
            check(j, (w >> 40) as u32);
            check(j + 2, (w >> 24) as u32 & 0xFF_FFFF);
            check(j + 4, (w >> 8) as u32 & 0xFF_FFFF);
            j += 6;
        }
        for w in bytes.get(j..).unwrap_or_default().windows(3).step_by(2) {
            let &[a, b, c] = w else { break };
            check(j, u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c));
            j += 2;
        }
        // The last even byte with a byte after it and none after that (a text of even length).
        if let [.., a, b] = bytes {
            if bytes.len() % 2 == 0 {
                check(bytes.len() - 2, u32::from(*a) << 16 | u32::from(*b) << 8);
            }
        }
        found
    }

    /// Whether some phrase may start with the triple `key` (its bit is set).
    #[inline]
    fn may_start(&self, key: u32) -> bool {
        has_triple(&self.triples, key)
    }

    /// The bits of the lists with a phrase starting at byte `at` of `bytes`, whose triple there
    /// is `key`.
    fn found_at(&self, bytes: &[u8], at: usize, key: u32) -> u8 {
        let slot = self.group_of_pair.get((key >> 8) as usize);
        let Some(group) = slot.and_then(|&g| usize::from(g).checked_sub(1)).and_then(|g| self.groups.get(g)) else {
            return 0;
        };
        let rest = bytes.get(at..).unwrap_or_default();
        let word = crate::text::swar::load_padded(rest);
        let mut found = 0;
        for phrase in group {
            if phrase.starts(rest, word) {
                found |= phrase.bit;
            }
        }
        found
    }
}

impl PhraseLists {
    /// The bits of the lists with a phrase in `text`.
    #[cfg(test)]
    fn found_in(&self, text: &str) -> u8 {
        self.found_with_leads(text, u64::MAX)
    }

    /// [`Self::found_in`], told the lead bytes of `text`'s non-ASCII characters
    /// ([`PhraseMatcher::found_in`]).
    fn found_with_leads(&self, text: &str, leads: u64) -> u8 {
        self.matcher.get_or_init(|| PhraseMatcher::new(&SEARCHED_LISTS)).found_in(text, leads)
    }
}

static SEARCHED_PHRASES: PhraseLists = PhraseLists { matcher: OnceLock::new() };

/// The lists found in one line, searched on first use.
struct Found<'a> {
    text: &'a str,
    /// [`Lowered::leads`] of the text `text` was trimmed from.
    leads: u64,
    bits: Option<u8>,
}

impl Found<'_> {
    fn has(&mut self, list: u8) -> bool {
        let text = self.text;
        let leads = self.leads;
        *self.bits.get_or_insert_with(|| SEARCHED_PHRASES.found_with_leads(text, leads)) & list != 0
    }
}

/// The label of a "Label: text" block, lower-cased, when the label is short; `colon` is
/// `lower.find(':')` (the caller asks whether there is one too: one search for both).
fn label_of(lower: &str, colon: Option<usize>) -> Option<&str> {
    let colon = colon?;
    let label = lower[..colon].trim();
    (label.split_whitespace().count() <= 4 && !label.is_empty()).then_some(label)
}

/// `text.to_lowercase()`, with ASCII characters lowered without the Unicode tables (a line with
/// one curly quote otherwise lowers every later character through them). Σ, whose lower case
/// depends on its neighbours, leaves the whole text to `str::to_lowercase`: the walk meets every
/// non-ASCII character anyway, so it starts over when it meets one (a search for Σ before the
/// walk read every line once more).
pub(crate) fn lowercase(text: &str) -> Lowered {
    let mut out = SPARE_LOWERED.try_with(|spare| spare.take()).unwrap_or_default();
    out.clear();
    // ASCII runs are found eight bytes a step, and copied and lowered a run at a time
    // (vectorised), not a character at a time.
    out.reserve(text.len());
    let mut leads = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let (run, tail) = rest.split_at(ascii_prefix_len(rest.as_bytes()));
        let start = out.len();
        out.push_str(run);
        out[start..].make_ascii_lowercase();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            if c == 'Σ' {
                out.clear();
                out.push_str(&text.to_lowercase());
                return Lowered { text: out, leads: u64::MAX };
            }
            match crate::text::language::latin1_lower(c) {
                Some(lower) => {
                    leads |= char_lead_bit(lower);
                    out.push(lower);
                }
                None => c.to_lowercase().for_each(|lower| {
                    leads |= char_lead_bit(lower);
                    out.push(lower);
                }),
            }
        }
        rest = chars.as_str();
    }
    Lowered { text: out, leads }
}

/// The bit of a UTF-8 lead byte (0xC0 and up) in a set of them; every other byte has every bit
/// (a set tells for sure only which lead bytes are absent).
#[inline]
fn lead_bit(b: u8) -> u64 {
    if b >= 0xC0 {
        1 << (b - 0xC0)
    } else {
        u64::MAX
    }
}

/// [`lead_bit`] of the first byte of `c`'s UTF-8 (nothing for an ASCII character).
#[inline]
fn char_lead_bit(c: char) -> u64 {
    let cp = c as u32;
    let lead = match cp {
        0..=0x7F => return 0,
        0x80..=0x7FF => 0xC0 | cp >> 6,
        0x800..=0xFFFF => 0xE0 | cp >> 12,
        _ => 0xF0 | cp >> 18,
    };
    lead_bit(lead as u8)
}

/// The length of the run of ASCII bytes `bytes` starts with, eight bytes a step.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    use crate::text::swar::{first_flagged, word_at, HIGH};
    let mut i = 0;
    while let Some(w) = word_at(bytes, i) {
        if w & HIGH != 0 {
            return i + first_flagged(w & HIGH);
        }
        i += 8;
    }
    let tail = bytes.get(i..).unwrap_or_default();
    i + tail.iter().position(|&b| b >= 0x80).unwrap_or(tail.len())
}

thread_local! {
    /// The buffer of the last [`Lowered`] dropped on this thread, reused by the next: a String
    /// allocated and freed for every short line was a measurable share of text mode.
    static SPARE_LOWERED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// A lower-cased text from [`lowercase`], with the [`lead_bit`]s of its non-ASCII characters'
/// first bytes (every bit when not known); its buffer goes back to [`SPARE_LOWERED`] when dropped.
pub(crate) struct Lowered {
    text: String,
    pub(crate) leads: u64,
}

impl std::ops::Deref for Lowered {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl Drop for Lowered {
    fn drop(&mut self) {
        let buffer = std::mem::take(&mut self.text);
        // A thread being torn down has no spare to keep: the buffer is simply freed.
        let _ = SPARE_LOWERED.try_with(|spare| spare.set(buffer));
    }
}

/// Words up to which a line naming a newsletter is a prompt whatever its ending ("Sign up for
/// our morning newsletter."); a longer sentence that mentions one may be the story's.
pub(crate) const NEWSLETTER_LINE_WORDS: usize = 12;

/// What a block's own text says, or `None` when it says nothing for sure.
pub fn text_signal(text: &str, f: &BlockFeatures) -> Option<RemovalReason> {
    text_signal_marked(text, f, CreditMarks::UNKNOWN)
}

/// [`text_signal`] of a text whose scan gave `marks`: a text without `:` (most) is not searched
/// for one, twice on each short block (1% of the 100,000 bench lines' cleaning).
// Not inlined into `text_signal`: the wasm module keeps one copy.
#[inline(never)]
pub(crate) fn text_signal_marked(text: &str, f: &BlockFeatures, marks: CreditMarks) -> Option<RemovalReason> {
    if super::metadata::source_credit(text).is_some() {
        return Some(RemovalReason::SourceCredit);
    }
    let short = f.words <= MAX_PHRASE_SIGNAL_WORDS;
    let head = crate::text::language::prefix_at_char_boundary(text, HEAD_BYTES);
    // No lower case of another character is `:`: a text without the byte has none lowered.
    let may_have_colon = marks.label();
    if !(short || may_have_colon && head.contains(':')) {
        // Long prose: no phrase signal applies, and lower-casing it would be wasted work.
        return None;
    }
    let lowered = lowercase(head);
    let lower = lowered.trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '©' | '(' | '@' | '#'));
    let mut found = Found { text: lower, leads: lowered.leads, bits: None };
    // Asked for twice below: found once.
    let colon = if may_have_colon { lower.find(':') } else { None };
    let label = label_of(lower, colon);

    // Breadcrumbs: words joined by > » › |, usually starting at "Home".
    if f.separators >= 2 && f.words <= 20 && !f.terminal_punctuation
        || (lower.starts_with("home >")
            || lower.starts_with("home »")
            || lower.starts_with("home /")
            || lower.starts_with("home ›"))
    {
        return Some(RemovalReason::Breadcrumb);
    }
    if label.is_some_and(|l| RELATED_LABELS.contains(&l)) || short && RELATED_BY_FIRST.starts_any(lower) {
        return Some(RemovalReason::RelatedLinks);
    }
    if !short {
        return None;
    }
    // Each check below tests its length condition first: most body sentences fail it, and the
    // phrase scans are the expensive part.
    if f.link_tokens >= 2 || f.link_tokens >= 1 && f.words <= 12 {
        return Some(RemovalReason::CallToAction);
    }
    if f.words <= 3 && COMMENT_CONTROLS.contains(&lower.trim_end_matches(['.', ':', '!'])) {
        return Some(RemovalReason::CommentSection);
    }
    if f.words <= 3 && found.has(COMMENT_PHRASES)
        || f.words <= 12
            && !f.terminal_punctuation
            && (COMMENT_MARKERS_BY_FIRST.starts_any(lower)
                || lower.ends_with(" says:")
                || lower.ends_with(" sagt:")
                || lower.ends_with(" dit :"))
    {
        return Some(RemovalReason::CommentSection);
    }
    if f.words <= 3 && SHARE_CONTROLS.contains(&lower.trim_end_matches(['.', ':', '!'])) {
        return Some(RemovalReason::CallToAction);
    }
    if label.is_some_and(|l| TAG_LABELS.contains(&l)) && f.words <= 25 {
        return Some(RemovalReason::NavigationList);
    }
    if f.words <= 3 && starts_with_any(lower, ADVERTISEMENT) {
        return Some(RemovalReason::Advertisement);
    }
    if (f.words <= 20 || !f.terminal_punctuation) && found.has(FOOTER_PHRASES) {
        return Some(RemovalReason::Footer);
    }
    if (f.words <= NEWSLETTER_LINE_WORDS || f.words <= 20 && !f.terminal_punctuation) && found.has(NEWSLETTER_PHRASES) {
        return Some(RemovalReason::NewsletterPrompt);
    }
    if f.words <= 15 && !(f.terminal_punctuation && f.words >= 10) && found.has(CALL_TO_ACTION_PHRASES) {
        return Some(RemovalReason::CallToAction);
    }
    if f.words <= 20 && !f.terminal_punctuation && found.has(CAPTION_PHRASES)
        || f.words <= 25
            && colon.is_some()
            && starts_with_any(lower, &["photo", "photos", "foto", "image", "picture", "bild"])
    {
        return Some(RemovalReason::Caption);
    }
    if f.words <= 12 && !f.terminal_punctuation && super::metadata::agency_credit(text).is_some() {
        return Some(RemovalReason::SourceCredit);
    }
    if f.words <= 4
        && (AUTHOR_LABELS.contains(&lower.trim_end_matches(':'))
            || lower.starts_with("by ") && f.title_case_ratio >= 0.6)
    {
        return Some(RemovalReason::AuthorBox);
    }
    if f.words <= 10
        && !f.terminal_punctuation
        && (DATE_LABELS_BY_FIRST.starts_any(lower) || f.has_date && date_dominated(text))
    {
        return Some(RemovalReason::DateLine);
    }
    site_notice(lower, f, &mut found)
}

/// A caption is a sentence or two describing a photo; longer blocks are never judged a
/// credited caption (a body paragraph may end on an agency's name: "..., Reuters reported.").
/// 40 words hold the longest captions of the dev pages (a minister "(right)" and an officer
/// "(left)" with their titles, 34 words) and few body paragraphs.
pub const MAX_CREDITED_CAPTION_WORDS: usize = 40;

/// Words a credit may have after its label or after the caption's last sentence ("Foto:
/// Archivo El País.", "Mike Blake/Reuters files", "Natacha Pisarenko/Pool via REUTERS"): a
/// photographer, an agency, a pool, a place in the archive. More is a sentence of the body
/// that happens to follow one of the labels.
pub const MAX_CREDIT_TAIL_WORDS: usize = 8;

/// Labels a photo credit opens with after the photo's description, lower-cased: "... in die
/// Enge. Bild: Gregory Batardon", "(Foto: Natacha Pisarenko/Pool via REUTERS)", "/ (C) Kab
/// Niang". Only counted after a sentence end, an opening parenthesis or a slash or bar, so a
/// sentence about a photo ("Das Foto: ein Dokument") does not count.
const CREDIT_LABELS: &[&str] = &[
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "bilder:",
    "image:",
    "images:",
    "imagen:",
    "imágenes:",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "crédit:",
    "crédits:",
    "crédit photo:",
    "crédito:",
    "photo credit:",
    "fotografía:",
    "foto von ",
    "fotos von ",
    "photo by ",
    "photos by ",
    "picture by ",
    "(c) ",
    "©",
];

/// What a parenthesis closing a caption says when it names the kind of picture rather than its
/// author: "(Symbolbild).", "(file photo)", "(foto de archivo)", "(photo d'illustration)".
const STILL_LABELS: &[&str] = &[
    "symbolbild",
    "symbolfoto",
    "archivbild",
    "archivfoto",
    "archiv",
    "file",
    "file photo",
    "file picture",
    "archive photo",
    "stock photo",
    "illustrative photo",
    "illustrative image",
    "photo illustration",
    "photo d'archive",
    "photo d’archive",
    "image d'archive",
    "image d’archive",
    "photo d'illustration",
    "photo d’illustration",
    "image d'illustration",
    "image d’illustration",
    "illustration",
    "archives",
    "archivo",
    "foto de archivo",
    "imagen de archivo",
    "foto ilustrativa",
    "imagen ilustrativa",
    "imagen de referencia",
];

/// Where people stand in a photo: a caption's words, which a story's sentences do not use
/// ("Marcell Jansen (l.) und Piotr Trochowski", "Aubyn Hill (right), looks on as ...").
const POSITION_MARKS: &[&str] = &[
    "(l.)",
    "(r.)",
    "(m.)",
    "(li.)",
    "(re.)",
    "(v.l.)",
    "(v. l.)",
    "(v.l.n.r.)",
    "(v. l. n. r.)",
    "(links)",
    "(rechts)",
    "(mitte)",
    "(left)",
    "(right)",
    "(center)",
    "(centre)",
    "(from left)",
    "(l-r)",
    "(l to r)",
    "(à gauche)",
    "(à droite)",
    "(au centre)",
    "(de g. à d.)",
    "(g.)",
    "(d.)",
    "(izq.)",
    "(der.)",
    "(izquierda)",
    "(derecha)",
    "(centro)",
    "(de izq. a der.)",
];

/// A photo's caption that carries its credit or says what the picture is, read from the end of
/// the block: a credit label after the description ("... pasado. Foto: EFE", "(Foto: Name/Pool
/// via REUTERS)", "/ (C) Name"), a photographer and agency pair or an agency alone after the
/// last sentence ("... supply chain. Mike Blake/Reuters files", "... 11 de febrero pasado.
/// EFE"), a closing parenthesis naming the kind of picture ("(Symbolbild).") or the
/// photographer after a sentence ("... Mujeres Populares. (Teresa Canino Rivera)"), or where
/// people stand in it ("(l.)", "(right)"). `None` for every longer block, and for a body
/// sentence that mentions an agency ("..., Reuters reported.", "PARIS (AFP) - ...") or a photo.
#[inline(never)]
pub(crate) fn caption_credit(
    text: &str,
    f: &BlockFeatures,
    marks: CreditMarks,
    max_words: usize,
    max_tail_words: usize,
) -> Option<RemovalReason> {
    if f.words > max_words || f.words < 2 {
        return None;
    }
    let core = text.trim_end();
    // Most blocks (body sentences, headlines, menu labels) have no parenthesis and none of the
    // label bytes anywhere (the scan's `marks` say so without a search; else four word-at-a-time
    // byte searches): then only an agency alone after the last sentence ("... pasado. EFE") can
    // make a caption, and a block that ends as a sentence or whose last word does not follow a
    // full stop is answered without a walk. (`marks` are of `text`, whose trimmed end holds
    // none of these bytes.)
    let bytes = core.as_bytes();
    if !marks.any()
        || !bytes.contains(&b'(') && !bytes.contains(&b':') && !bytes.contains(&b'/') && !bytes.contains(&0xC2)
    {
        let after_full_stop = core.trim_end_matches(|c: char| !c.is_whitespace()).trim_end().ends_with('.');
        if f.terminal_punctuation || !after_full_stop {
            return None;
        }
    }
    // A credit is within the last words (its label, at most `max_tail_words` words, and the
    // sentence end before it): only they are searched for labels and agencies. This runs on
    // most blocks of every document, and a search of the whole block cost 2% of corpus
    // cleaning.
    let (tail, label_bytes) = last_words(core, max_tail_words + 3);
    let parenthesis = marks.parenthesis() && core.as_bytes().contains(&b'(');
    // Every case below needs a parenthesis or one of the label bytes, or ends on an agency's
    // name: most short lines (headlines, menu labels) have none and are answered at once.
    let marked = parenthesis || label_bytes;
    // The parenthesis, labels and marks are compared case-insensitively in place
    // ([`strip_prefix_lowered`]): a lower-cased copy of every block with a parenthesis was most
    // of this signal's cost.
    if parenthesis && (position_mark_after_name(core) || closing_parenthesis_credit(core)) {
        return Some(RemovalReason::Caption);
    }
    if marked && labelled_credit_tail(tail, max_tail_words) {
        return Some(RemovalReason::Caption);
    }
    (!f.terminal_punctuation && agency_after_sentence(tail, max_tail_words)).then_some(RemovalReason::Caption)
}

/// `text` after its first characters if their lower case is `lower` (a lower-case phrase of
/// ASCII and Latin-1 letters and marks), compared byte by byte instead of on a lower-cased copy
/// of `text`: ASCII capitals and the Latin-1 ones ("É", bytes C3 89) lowered as
/// [`lowercase`] lowers them; any other character must equal the phrase's own.
fn strip_prefix_lowered<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let want = lower.as_bytes();
    if bytes.len() < want.len() {
        return None;
    }
    let mut prev = 0u8;
    for (&b, &w) in bytes.iter().zip(want) {
        // A Latin-1 capital (U+00C0 to U+00DE but ×) is C3 80 to C3 9E; its lower case is 0x20 on.
        let lowered =
            if prev == 0xC3 && (0x80..=0x9E).contains(&b) && b != 0x97 { b + 0x20 } else { b.to_ascii_lowercase() };
        if lowered != w {
            return None;
        }
        prev = b;
    }
    text.get(want.len()..)
}

/// The number of words (separated by white space) of `text`: one copy of the walk for the
/// signals of captions, not one inlined at each count.
#[inline(never)]
fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The end of `text` from the start of its last `n` words (separated by white space), and
/// whether it holds one of the bytes a credit's label needs (`:`, `/`, or 0xC2, the first byte
/// of "©"): one walk of the tail for both, which runs on most blocks.
fn last_words(text: &str, n: usize) -> (&str, bool) {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut marked = false;
    for (i, &b) in bytes.iter().enumerate().rev() {
        let space = b.is_ascii_whitespace();
        if space && in_word {
            words += 1;
            if words == n {
                return (&text[i + 1..], marked);
            }
        }
        marked |= matches!(b, b':' | b'/' | 0xC2);
        in_word = !space;
    }
    (text, marked)
}

/// A mark of where someone stands in the photo ([`POSITION_MARKS`]): an abbreviation ("(l.)",
/// "(izq.)") anywhere, a whole word ("(right)", "(à gauche)") right after a capitalised word,
/// a name: "Aubyn Hill (right), looks on". A how-to's "click the button (right)" follows a
/// lower-case word and stays.
#[inline(never)]
fn position_mark_after_name(core: &str) -> bool {
    // Only where a parenthesis opens: a few places per line, each compared with the marks.
    core.bytes().enumerate().filter(|&(_, b)| b == b'(').any(|(at, _)| {
        let rest = &core[at..];
        POSITION_MARKS.iter().filter(|mark| strip_prefix_lowered(rest, mark).is_some()).any(|mark| {
            let abbreviated = mark.bytes().any(|b| b == b'.');
            if abbreviated {
                return true;
            }
            let before = &core[..at];
            // The first character of the last word before the mark.
            let word = before.trim_end();
            let start =
                word.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
            before.ends_with(' ') && word[start..].chars().next().is_some_and(char::is_uppercase)
        })
    })
}

/// A credit label after the description, followed by at most `max_tail_words` words to the
/// end: "Bild: Gregory Batardon/Theater St . Gallen", "(Foto: Natacha Pisarenko/Pool via
/// REUTERS).", "/ (C) Kab Niang".
#[inline(never)]
fn labelled_credit_tail(tail: &str, max_tail_words: usize) -> bool {
    // A walk over the places a credit may start (after a sentence end, also one closed by a
    // quotation mark, then a space; an opening parenthesis; a slash or bar and a space), each
    // compared with the labels: a line has few such places, and searching it once per label
    // cost more than the rest of the signals.
    let mut last: Option<char> = None;
    let mut spaced = false;
    for (at, c) in tail.char_indices() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let boundary = match last {
            Some('(') => true,
            Some('.' | '!' | '?' | '/' | '|' | '"' | '”' | '»' | '“') => spaced,
            _ => false,
        };
        if boundary {
            let rest = &tail[at..];
            let credited = CREDIT_LABELS.iter().any(|label| {
                strip_prefix_lowered(rest, label).is_some_and(|tail| (1..=max_tail_words).contains(&word_count(tail)))
            });
            if credited {
                return true;
            }
        }
        last = Some(c);
        spaced = false;
    }
    false
}

/// A closing parenthesis (a full stop after it allowed) that names the kind of picture
/// ("(Symbolbild)") anywhere, or after a sentence two to four capitalised words without digits:
/// the photographer ("... Populares. (Teresa Canino Rivera)"). An agency alone in it is left to
/// the body ("... the ministry said. (Reuters)" closes news stories).
#[inline(never)]
fn closing_parenthesis_credit(core: &str) -> bool {
    let inner_end = core.trim_end_matches('.').trim_end();
    let Some(inner_end) = inner_end.strip_suffix(')') else { return false };
    let Some(open) = inner_end.as_bytes().iter().rposition(|&b| b == b'(') else { return false };
    let inner = inner_end[open + 1..].trim();
    // The labels are ASCII but for the apostrophe ’, which has no case.
    if STILL_LABELS.iter().any(|label| inner.eq_ignore_ascii_case(label)) {
        return true;
    }
    // The parenthesis without its marks (all ASCII: cut as bytes).
    let mut name = &core.as_bytes()[open..];
    while let [b'(', rest @ ..] = name {
        name = rest;
    }
    while let [rest @ .., b'.' | b' '] = name {
        name = rest;
    }
    while let [rest @ .., b')'] = name {
        name = rest;
    }
    let Ok(original_inner) = std::str::from_utf8(name) else { return false };
    let before = &core[..open];
    let mut names = 0;
    for w in original_inner.split_whitespace() {
        if !w.chars().next().is_some_and(char::is_uppercase) || w.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        names += 1;
    }
    (2..=4).contains(&names)
        && super::metadata::agency_credit(original_inner).is_none()
        && matches!(before.trim_end().chars().next_back(), Some('.' | '!' | '?'))
}

/// After the block's last sentence, at most `max_tail_words` words naming an agency: alone
/// ("... pasado. EFE") or with a photographer ("Mike Blake/Reuters files"). The line does not
/// end as a sentence (the caller checks), so "..., Reuters reported." never gets here.
fn agency_after_sentence(core: &str, max_tail_words: usize) -> bool {
    // The last ". " by bytes (a `&str` pattern builds a searcher per call).
    let bytes = core.as_bytes();
    let Some(end) = (1..bytes.len()).rev().find(|&i| bytes[i] == b' ' && bytes[i - 1] == b'.') else { return false };
    let tail = core[end + 1..].trim();
    let n = word_count(tail);
    // "... declined to comment. (Reuters)" closes news stories: a credit after a caption is
    // not in parentheses (those are read by `closing_parenthesis_credit`).
    if n == 0 || n > max_tail_words || !tail.starts_with(char::is_alphanumeric) {
        return false;
    }
    super::metadata::agency_credit(tail).is_some() && (n == 1 || tail.bytes().any(|b| b == b'/'))
}

/// Phrases of a site telling its reader that it is paid for links or that a post advertises,
/// lower-cased, each naming the site or the post itself (our, this post, dieser Seite, ce
/// contenu, nuestros): a story about affiliate marketing says "the site earns a commission"
/// or "Amazon pays a commission" and keeps its sentences.
const DISCLOSURE_PHRASES: &[&str] = &[
    "one or more of our advertisers",
    "advertisers do not influence our",
    "we may receive compensation",
    "we may receive a commission",
    "we may earn a commission",
    "we may earn money",
    "we earn a commission",
    "we receive a commission",
    "this post contains affiliate",
    "this post contains references to products",
    "this article contains affiliate",
    "this post may contain affiliate",
    "this page contains affiliate",
    "this post is sponsored",
    "auf dieser seite erhält",
    "dieser beitrag enthält werbung",
    "dieser artikel enthält werbung",
    "dieser artikel enthält affiliate",
    "dieser beitrag enthält affiliate",
    "erhalten wir eine provision",
    "erhalten wir eine kleine provision",
    "nous pouvons percevoir une commission",
    "nous percevons une commission",
    "cet article contient des liens",
    "ce contenu est sponsorisé",
    "podemos recibir una comisión",
    "recibimos una comisión",
    "este artículo contiene enlaces",
];

/// The labels such notes are reduced to ("Affiliatelink", "*unbezahlte Werbung", "Bei den
/// Verlinkungen handelt es sich um Affiliate Links / Bilder von der ... API"), counted only in
/// a line that is not a sentence: a story's sentence names them in the third person ("... made
/// through their affiliate links, the company said.").
const DISCLOSURE_LABELS: &[&str] = &[
    "affiliate links",
    "affiliate link",
    "affiliatelink",
    "affiliate-link",
    "enthält werbung",
    "unbezahlte werbung",
    "partnerlinks",
    "provisionslinks",
    "liens affiliés",
    "lien affilié",
    "liens d'affiliation",
    "liens d’affiliation",
    "enlaces de afiliados",
    "enlaces de afiliado",
    "enlace de afiliado",
];

/// How a metered paywall tells its reader how many free articles are left: "Vous avez lu 1 des
/// 4 articles gratuits ce mois-ci", "You have read 3 of 5 free stories". Counted only with a
/// digit in the line: the reader is addressed and counted, which a story does not do. Only
/// forms that cannot be a third person ("Sie haben bereits 12 Tore", "le quedan 3 años" are).
const METER_PHRASES: &[&str] = NOTICE_COUNTS.split_at(METER_PHRASE_COUNT).0;

/// [`METER_PHRASES`] and then [`READ_TIME_PHRASES`] in one list, for the phrase table (each kept
/// once: the two lists are its two parts).
const NOTICE_COUNTS: &[&str] = &[
    "you have read",
    "you've read",
    "you have reached your",
    "you've reached your",
    "free articles remaining",
    "free articles left",
    "vous avez lu",
    "vous avez consulté",
    "il vous reste",
    "du hast bereits",
    "has leído",
    "te quedan",
    // Reading times from here on (METER_PHRASE_COUNT).
    "min read",
    "minute read",
    "mins read",
    "min. read",
    "min lesezeit",
    "min. lesezeit",
    "minuten lesezeit",
    "min de lecture",
    "minutes de lecture",
    "min. de lecture",
    "min de lectura",
    "minutos de lectura",
    "min. de lectura",
];

/// How many of [`NOTICE_COUNTS`] are meter phrases (the rest are reading times).
const METER_PHRASE_COUNT: usize = 12;

/// A byline's reading time, after a number: "By A B Feb 8, 2020 5 min read", "3 Min. Lesezeit",
/// "4 min de lecture", "5 minutos de lectura".
const READ_TIME_PHRASES: &[&str] = NOTICE_COUNTS.split_at(METER_PHRASE_COUNT).1;

/// Words a byline with a reading time may have ("By Amelie Marie Nishizawa Feb 8, 2020 5 min
/// read": 10); a longer line that ends so is a teaser with its reading time. Like
/// [`NEWSLETTER_LINE_WORDS`] a constant of [`text_signal`], which reads no configuration (its
/// answer is cached per distinct text).
pub const MAX_READ_TIME_LINE_WORDS: usize = 16;

/// What a site tells its reader about the page rather than the story, wherever it stands: an
/// advertiser or affiliate disclosure ([`DISCLOSURE_PHRASES`], `advertisement`), a paywall's
/// meter ([`METER_PHRASES`] with a number, `callToAction`), a byline or date line with its
/// reading time ([`READ_TIME_PHRASES`] after a number, no sentence end: `authorBox`). The tail prompts
/// (`prompts.rs`) find such notes after the body only; these stand above it or inside it.
fn site_notice(lower: &str, f: &BlockFeatures, found: &mut Found) -> Option<RemovalReason> {
    if found.has(DISCLOSURE) && contains_at_word_start(lower, DISCLOSURE_PHRASES)
        || !f.terminal_punctuation && found.has(DISCLOSURE_LABEL) && contains_at_word_start(lower, DISCLOSURE_LABELS)
    {
        return Some(RemovalReason::Advertisement);
    }
    if f.digit_ratio == 0.0 || !found.has(NOTICE_COUNT) {
        return None;
    }
    if counted_meter(lower) {
        return Some(RemovalReason::CallToAction);
    }
    // A reading time alone ("2 min read") is a teaser's label in a rail of other stories, which
    // the rules and the model already read as a rail; with a date or a byline it is the story's.
    let byline = ["by ", "von ", "par ", "por "].iter().any(|p| lower.starts_with(p));
    if f.words <= MAX_READ_TIME_LINE_WORDS && !f.terminal_punctuation && (f.has_date || byline) {
        let after_number = any_phrase_where(lower, READ_TIME_PHRASES, true);
        if after_number {
            return Some(RemovalReason::AuthorBox);
        }
    }
    None
}

/// Words on either side of a meter's phrase that must hold its count: a meter puts the number
/// right beside the phrase ("Vous avez lu 1 des 4 articles", "You have 2 free articles
/// remaining"); a sentence that only has a number somewhere else ("You have read the plan, and
/// now you have 3 weeks to comment, the council told residents.") is not one.
const METER_COUNT_WORDS: usize = 4;

/// A paywall meter: one of [`METER_PHRASES`] at a word's start with a number within
/// [`METER_COUNT_WORDS`] words before or after it.
#[inline(never)]
fn counted_meter(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    METER_PHRASES.iter().any(|p| {
        // Byte walks rather than `match_indices` and `split_whitespace`, whose code is its own
        // in the wasm module (+490 bytes gzipped).
        (0..bytes.len()).filter(|&at| bytes[at..].starts_with(p.as_bytes())).any(|at| {
            lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && (digit_within_words(bytes[at + p.len()..].iter()) || digit_within_words(bytes[..at].iter().rev()))
        })
    })
}

/// Whether one of the first [`METER_COUNT_WORDS`] words of `walk` (bytes, in either direction,
/// words split at ASCII white space) holds a digit.
fn digit_within_words<'a>(walk: impl Iterator<Item = &'a u8>) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in walk {
        if b.is_ascii_whitespace() {
            if in_word {
                words += 1;
                if words == METER_COUNT_WORDS {
                    return false;
                }
            }
            in_word = false;
        } else {
            if b.is_ascii_digit() {
                return true;
            }
            in_word = true;
        }
    }
    false
}

/// Whether one of `phrases` occurs in `lower` at the start of a word.
fn contains_at_word_start(lower: &str, phrases: &[&str]) -> bool {
    any_phrase_where(lower, phrases, false)
}

/// Whether one of `phrases` occurs in `text` (its occurrences taken left to right without
/// overlaps, as `match_indices` does) after a number (`after_number`: a digit before it, white
/// space between allowed) or else at the start of a word. A plain
/// walk of bytes, not `str::match_indices`: the lines are short, this runs only on lines the
/// phrase table found one of the phrases in, and the two-way searcher inlined at each call
/// cost the wasm module more than the lists.
#[inline(never)]
fn any_phrase_where(text: &str, phrases: &[&str], after_number: bool) -> bool {
    let bytes = text.as_bytes();
    phrases.iter().any(|p| {
        let mut at = 0;
        while at + p.len() <= bytes.len() {
            if bytes[at..].starts_with(p.as_bytes()) {
                // A match of a whole phrase (valid UTF-8) in valid UTF-8 starts at a character.
                let before = &text[..at];
                let found = if after_number {
                    before.trim_end().ends_with(|c: char| c.is_ascii_digit())
                } else {
                    before.chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                };
                if found {
                    return true;
                }
                at += p.len();
            } else {
                at += 1;
            }
        }
        false
    })
}

/// A block made mostly of date and time tokens (at most three other words).
fn date_dominated(text: &str) -> bool {
    let other = text
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphabetic))
        .filter(|t| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            !matches!(
                t.as_str(),
                "am" | "pm"
                    | "a.m"
                    | "p.m"
                    | "uhr"
                    | "utc"
                    | "gmt"
                    | "h"
                    | "de"
                    | "on"
                    | "at"
                    | "updated"
                    | "published"
            ) && super::metadata::month_number(&t).is_none()
        })
        .count();
    other <= 3
}

/// True for a label block that opens an author box ("Author", "About the author").
pub fn is_author_label(text: &str) -> bool {
    let lower = text.trim().trim_end_matches(':').to_lowercase();
    AUTHOR_LABELS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn notice_counts_split_into_meters_and_reading_times() {
        assert_eq!(METER_PHRASES.len() + READ_TIME_PHRASES.len(), NOTICE_COUNTS.len());
        assert!(READ_TIME_PHRASES.iter().all(|p| p.starts_with("min")));
        assert!(METER_PHRASES.iter().all(|p| !p.starts_with("min")));
    }

    use super::super::features::{scan, Scan};
    use super::*;

    fn signal(text: &str) -> Option<RemovalReason> {
        let en = crate::text::Stopwords::for_language("en");
        text_signal(text, &scan(text, en).features)
    }

    #[test]
    fn each_signal_fires_on_its_shape() {
        use RemovalReason::*;
        for (text, want) in [
            (" date 2017-10-10 Home > News > World >", Breadcrumb),
            ("Published in Dawn, October 11th, 2017", SourceCredit),
            ("Lea también: Impiden ingreso a Nicaragua a reportero", RelatedLinks),
            ("Read more: Moscow says US 'pretending' to fight IS", RelatedLinks),
            ("VEA TAMBIÉN: Estudiantes vuelven a las aulas en Panamá Oeste", RelatedLinks),
            ("Mira: Madre termina detenida tras visitar a su hijo", RelatedLinks),
            ("24/7 Live - Subscribe to the Pulse Newsletter!", NewsletterPrompt),
            ("Submit your stories, pictures and videos to us now via WhatsApp: +2349055172167, Social Media @pulsenigeria247", CallToAction),
            ("(AFP/File)", Caption),
            ("(Credit: Clayton Aldern / Grist)", Caption),
            ("Advertisement:", Advertisement),
            ("Copyright © 2019 Salon.com, LLC.", Footer),
            ("Author", AuthorBox),
            ("• Published: , Refreshed:", DateLine),
            ("Updated 24 Feb, 2025", DateLine),
            ("January 10, 2020 9:00AM (UTC)", DateLine),
        ] {
            assert_eq!(signal(text), Some(want), "{text}");
        }
    }

    /// The fixture of `tests/head_lines.rs`: captions with credits and the site's notes go,
    /// body sentences that name agencies, photographers, photos, commissions and free articles
    /// stay, block by block.
    #[test]
    fn credited_captions_notices_and_body_lines_in_the_fixture() {
        let lines = |text: &'static str| {
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect::<Vec<_>>()
        };
        let credit = |line: &str| {
            let en = crate::text::Stopwords::for_language("en");
            let Scan { features: f, marks, .. } = scan(line, en);
            caption_credit(line, &f, marks, MAX_CREDITED_CAPTION_WORDS, MAX_CREDIT_TAIL_WORDS)
                .or_else(|| text_signal(line, &f))
        };
        let keep = lines(include_str!("../../tests/data/head-lines/keep.txt"));
        let drop = lines(include_str!("../../tests/data/head-lines/drop.txt"));
        assert!(keep.len() >= 30 && drop.len() >= 20);
        let taken: Vec<_> = keep.iter().filter(|l| credit(l).is_some()).collect();
        assert!(taken.is_empty(), "body lines taken for captions: {taken:#?}");
        let missed: Vec<_> = drop.iter().filter(|l| credit(l).is_none()).collect();
        assert!(missed.is_empty(), "captions missed: {missed:#?}");
        // A longer block is never a credited caption, whatever it ends with.
        let long = format!("{} Mike Blake/Reuters", "The council met on Tuesday to discuss the bridge.".repeat(6));
        assert_eq!(credit(&long), None);
    }

    #[test]
    fn one_search_finds_the_lists_a_search_per_list_finds() {
        for text in [
            "subscribe to the newsletter © 2024 all rights reserved",
            "comments (3)",
            "photo: afp / getty images",
            "the council voted on tuesday",
            "newsletter",
            "",
            "©",
            "x",
        ]
        .into_iter()
        .map(String::from)
        // Every phrase alone and inside other text, where it overlaps others.
        .chain(SEARCHED_LISTS.iter().flat_map(|list| {
            list.iter().flat_map(|p| {
                [
                    p.to_string(),
                    format!("ab{p}©{p}c"),
                    format!("ab{p}x{p}c"),
                    format!("a{p}"),
                    format!("{p}z"),
                    // Text with other bytes but no two-byte phrase (the search at every second
                    // byte), the phrase at an even and at an odd byte.
                    format!("é{p}’c"),
                    format!("aé{p}"),
                    format!("“{p}”"),
                    format!("x“{p}é{p}"),
                ]
            })
        }))
        // Every phrase cut short by its last character, at the end of the text and inside it
        // (the word-wide comparison must not read past either).
        .chain(SEARCHED_LISTS.iter().flat_map(|list| {
            list.iter().flat_map(|p| {
                let cut = &p[..p.char_indices().last().map_or(0, |(i, _)| i)];
                [format!("x{cut}"), format!("{cut} {cut}!"), cut.to_string(), format!("xy{cut}")]
            })
        })) {
            let text = text.as_str();
            let want = SEARCHED_LISTS
                .iter()
                .enumerate()
                .filter(|(_, list)| list.iter().any(|p| text.contains(p)))
                .fold(0u8, |found, (i, _)| found | 1 << i);
            assert_eq!(SEARCHED_PHRASES.found_in(text), want, "{text}");
        }
    }

    #[test]
    fn grouped_lists_answer_as_the_whole_lists() {
        for (grouped, list) in [
            (&RELATED_BY_FIRST, RELATED_LABELS),
            (&DATE_LABELS_BY_FIRST, DATE_LABELS),
            (&COMMENT_MARKERS_BY_FIRST, COMMENT_MARKERS),
        ] {
            let mut texts: Vec<String> =
                ["", "a", "t", "the council said", "x: y", "\u{e9}t\u{e9}"].map(String::from).to_vec();
            for p in list {
                texts.push(p.to_string());
                texts.push(format!("{p} and more"));
                texts.push(format!("{p}x"));
                texts.push(p.chars().take(1).collect());
                texts.push(p.chars().take(2).collect());
            }
            for text in &texts {
                assert_eq!(grouped.starts_any(text), starts_with_any(text, list), "{text:?}");
            }
        }
    }

    #[test]
    fn fast_lowercase_is_str_lowercase() {
        for text in [
            "“That’s” MÜLLER Café İstanbul ΣΑΣ ΟΔΥΣΣΕΥΣ",
            "ASCII ONLY",
            "",
            "ǅ ẞ Ω",
            "A LONGER ASCII RUN THAN EIGHT BYTES, then “QUOTES” and MÜLLER",
            "Ü",
            "ABCDEFGHÜ",
            "ABCDEFGHIJKLMNOP",
            "Café, MÜLLER and then a late ΟΔΥΣΣΕΥΣ",
            "ends in Σ",
            "Café © 2024 Müller GmbH. All rights reserved",
            "“Photo” ©AFP",
            "Ü©",
        ] {
            let lowered = lowercase(text);
            assert_eq!(&*lowered, text.to_lowercase(), "{text}");
            for c in lowered.chars() {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(c.is_ascii() || lowered.leads & lead_bit(lead) != 0, "{text} {c}");
                assert_eq!(char_lead_bit(c), if c.is_ascii() { 0 } else { lead_bit(lead) }, "{c}");
            }
            assert_eq!(SEARCHED_PHRASES.found_with_leads(&lowered, lowered.leads), SEARCHED_PHRASES.found_in(&lowered));
        }
        for n in 0..20 {
            for text in
                [format!("{}É{}", "X".repeat(n), "Y".repeat(n)), format!("Σ{}ÉΣ{}", "X".repeat(n), "Y".repeat(n))]
            {
                assert_eq!(&*lowercase(&text), text.to_lowercase(), "{text}");
            }
            let text = format!("{}É{}", "X".repeat(n), "Y".repeat(n));
            assert_eq!(ascii_prefix_len(text.as_bytes()), n, "{text}");
            assert_eq!(ascii_prefix_len("X".repeat(n).as_bytes()), n);
        }
    }

    #[test]
    fn body_sentences_carry_no_signal() {
        for text in [
            "Moscow accused the US on Tuesday of reducing air strikes against the Islamic State group in Iraq.",
            "\"That's absolutely false,\" Manning said.",
            "Manning also urged \"all forces\" to focus their efforts on beating IS.",
            "The paper said its newsletter had reached a million readers, and that subscriptions doubled since 2015 when the site launched.",
        ] {
            assert_eq!(signal(text), None, "{text}");
        }
    }
}
