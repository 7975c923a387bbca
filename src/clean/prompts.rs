//! Site text written as prose at the end of the article: a site's appeal to subscribe, follow,
//! download its app, donate, or register to comment ("To read the full story, please subscribe
//! to ...", "Unterstützen Sie uns mit einer Spende"), its comment policy ("Comments are
//! moderated ..."), its rights notice ("© 2022 ... Written permission ...") and the author's
//! blurb ("... writes about ...", "... is a reporter ..."). The phrase signals (`signals.rs`)
//! only fire on short blocks, since a body paragraph may quote such words; these sentences are
//! longer and read as prose to every shape input of the block model, and they were most of the
//! boilerplate the learned decision kept (sessions 8-9).
//!
//! Session 9 made the phrases a model input (`promptPhrases`), searched in every block: +0.001
//! held-out F1 for +23.6% instructions. Here they are read only where their place says most:
//! after the body's last sure paragraph (`classify::apply_model`), a block with a phrase needs
//! [`super::PROMPT_TAIL_CONTENT_THRESHOLD`] to stay. Only the kept blocks of that tail are
//! searched (news articles have several such blocks: the search is one walk over the block's word
//! starts, `first_phrase_at_word_start`). The lists cover the product's languages (en,
//! de, fr, es, it, pt, nl, ru, pl, tr, ar) and name what sites say in general, not any site's
//! own text.

use super::RemovalReason;

/// Blocks longer than this are not searched: a prompt is a sentence or two, and a long paragraph
/// that mentions a subscription is the article's (it also bounds the cost of the search).
pub const MAX_PROMPT_WORDS: usize = 80;

/// Only the block's first bytes are searched (a prompt says what it wants early): about 100
/// words.
const PROMPT_HEAD_BYTES: usize = 600;

/// What a phrase says the block is; it becomes the removal's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Subscribe, follow, download the app, donate, sign in: [`RemovalReason::CallToAction`].
    Appeal,
    /// A newsletter or e-mail sign-up: [`RemovalReason::NewsletterPrompt`].
    Newsletter,
    /// Comment rules: [`RemovalReason::CommentSection`].
    Comments,
    /// Rights, privacy and cookie notices: [`RemovalReason::Footer`].
    Notice,
    /// The author's blurb: [`RemovalReason::AuthorBox`].
    Author,
    /// A statement of someone's trade ("... is a reporter ...", "... ist Redakteurin ..."): the
    /// author's blurb, [`RemovalReason::AuthorBox`], unless the one it is said of is named in
    /// the article before it. A story may end on what its subject does ("Gershkovich is a
    /// journalist who has covered Russia for six years."); an author's name is rarely in the
    /// story they wrote.
    Role,
}

use Kind::{Appeal, Author, Comments, Newsletter, Notice, Role};

/// Phrases of site prompts, lower case, matched at the start of a word (so "subscri" would match
/// "subscribers" too; the phrases are whole words or stems that no common word starts with).
const PROMPT_PHRASES: &[(&str, Kind)] = &[
    // en
    ("subscribe", Appeal),
    ("subscription", Appeal),
    ("subscriber", Appeal),
    ("unsubscribe", Newsletter),
    ("newsletter", Newsletter),
    ("sign up", Newsletter),
    ("follow us", Appeal),
    ("like us on", Appeal),
    ("on twitter", Appeal),
    ("on facebook", Appeal),
    ("on instagram", Appeal),
    ("download the", Appeal),
    ("our app", Appeal),
    ("get the latest", Newsletter),
    ("stay up to date", Newsletter),
    ("support our", Appeal),
    ("support us", Appeal),
    ("supporting our", Appeal),
    ("donate", Appeal),
    ("make a donation", Appeal),
    ("become a member", Appeal),
    ("your email", Newsletter),
    ("email address", Newsletter),
    ("e-mail address", Newsletter),
    ("your inbox", Newsletter),
    ("comments are", Comments),
    ("comment policy", Comments),
    ("moderated", Comments),
    ("log in", Appeal),
    ("sign in", Appeal),
    ("full story", Appeal),
    ("full article", Appeal),
    ("click here", Appeal),
    ("all rights reserved", Notice),
    ("copyright", Notice),
    ("written permission", Notice),
    ("cookies", Notice),
    ("privacy policy", Notice),
    ("terms of use", Notice),
    ("i consent", Notice),
    ("writes about", Role),
    ("is a reporter", Role),
    ("is a staff writer", Role),
    ("is a freelance", Role),
    ("reach him at", Author),
    ("reach her at", Author),
    // The author's or the blog's own blurb, and consent and affiliate notes (session 11).
    ("about the author", Author),
    ("my blog", Author),
    ("is a senior writer", Role),
    ("is a senior editor", Role),
    ("is a senior reporter", Role),
    ("is a senior correspondent", Role),
    ("is a contributing", Role),
    ("is a writer", Role),
    ("is the author of", Role),
    ("is a journalist", Role),
    ("is a correspondent", Role),
    ("affiliate link", Notice),
    ("affiliate-link", Notice),
    ("advertising disclosure", Notice),
    ("advertiser disclosure", Notice),
    ("if you enjoyed", Appeal),
    // The post's filing and comment lines of blog software (WordPress's own wording in each
    // language: "This entry was posted in ...", "11 responses to “...”", the spam-filter notice).
    ("this entry was posted", Author),
    ("bookmark the permalink", Author),
    ("responses to “", Comments),
    ("responses to \"", Comments),
    ("akismet", Comments),
    ("letters to the editor", Appeal),
    // de
    ("abonnieren", Appeal),
    ("abonniere", Appeal),
    ("abonnement", Appeal),
    ("folgen sie uns", Appeal),
    ("folge uns", Appeal),
    ("unterstützen sie uns", Appeal),
    ("unterstütze uns", Appeal),
    ("jetzt spenden", Appeal),
    ("ihre spende", Appeal),
    ("eine spende", Appeal),
    ("netiquette", Comments),
    ("registrieren sie", Appeal),
    ("melden sie sich", Appeal),
    ("datenschutzerklärung", Notice),
    ("alle rechte vorbehalten", Notice),
    ("e-mail-adresse", Newsletter),
    ("ihre e-mail", Newsletter),
    ("app herunterladen", Appeal),
    ("über den autor", Author),
    ("über die autorin", Author),
    ("mein blog", Author),
    ("meinem blog", Author),
    ("ein blog über", Author),
    ("schreibt seit", Role),
    ("ist redakteur", Role),
    ("ist journalist", Role),
    ("ist autor ", Role),
    ("ist autorin", Role),
    ("haftungsausschluss", Notice),
    ("ihre einwilligung", Notice),
    ("einwilligung kann", Notice),
    ("willige ich", Notice),
    ("ich willige", Notice),
    ("dieser beitrag wurde veröffentlicht", Author),
    ("dieser eintrag wurde veröffentlicht", Author),
    ("verschlagwortet", Author),
    ("getaggt mit", Author),
    ("abgelegt unter", Author),
    ("permanentlink", Author),
    ("antworten zu “", Comments),
    ("antworten zu „", Comments),
    ("kommentardaten", Comments),
    // fr
    ("abonnez-vous", Appeal),
    ("s'abonner", Appeal),
    ("inscrivez-vous", Newsletter),
    ("suivez-nous", Appeal),
    ("soutenez-nous", Appeal),
    ("faire un don", Appeal),
    ("faites un don", Appeal),
    ("adresse e-mail", Newsletter),
    ("adresse électronique", Newsletter),
    ("tous droits réservés", Notice),
    ("lettre d'information", Newsletter),
    ("à propos de l'auteur", Author),
    ("est journaliste", Role),
    ("mon blog", Author),
    ("cette entrée a été publiée", Author),
    ("n'engagent que", Notice),
    // es
    ("suscríbete", Appeal),
    ("suscribirse", Appeal),
    ("suscripción", Appeal),
    ("síguenos", Appeal),
    ("únete", Appeal),
    ("apóyanos", Appeal),
    ("haz una donación", Appeal),
    ("para comentar", Comments),
    ("regístrate", Appeal),
    ("derechos reservados", Notice),
    ("correo electrónico", Newsletter),
    ("boletín", Newsletter),
    ("canal de telegram", Appeal),
    ("canal de youtube", Appeal),
    ("descarga la app", Appeal),
    ("sobre el autor", Author),
    ("es periodista", Role),
    ("mi blog", Author),
    ("esta entrada fue publicada", Author),
    // it
    ("iscriviti", Appeal),
    ("abbonati", Appeal),
    ("abbonamento", Appeal),
    ("seguici", Appeal),
    ("sostienici", Appeal),
    ("tutti i diritti riservati", Notice),
    ("sull'autore", Author),
    ("il mio blog", Author),
    ("questa voce è stata pubblicata", Author),
    // pt
    ("assine", Appeal),
    ("assinante", Appeal),
    ("inscreva-se", Appeal),
    ("siga-nos", Appeal),
    ("apoie", Appeal),
    ("direitos reservados", Notice),
    ("baixe o app", Appeal),
    ("sobre o autor", Author),
    ("é jornalista", Role),
    ("meu blog", Author),
    ("esta entrada foi publicada", Author),
    // nl
    ("abonneer", Appeal),
    ("volg ons", Appeal),
    ("steun ons", Appeal),
    ("nieuwsbrief", Newsletter),
    ("alle rechten voorbehouden", Notice),
    ("over de auteur", Author),
    ("mijn blog", Author),
    // ru
    ("подпиш", Appeal),
    ("подписывайтесь", Appeal),
    ("поддержите", Appeal),
    ("все права защищены", Notice),
    ("рассылк", Newsletter),
    ("об авторе", Author),
    // pl
    ("subskrybuj", Appeal),
    ("zapisz się", Newsletter),
    ("obserwuj nas", Appeal),
    ("wesprzyj", Appeal),
    ("wszelkie prawa", Notice),
    ("o autorze", Author),
    // tr
    ("abone ol", Appeal),
    ("bizi takip", Appeal),
    ("tüm hakları", Notice),
    ("destek ol", Appeal),
    ("yazar hakkında", Author),
    // ar
    ("اشترك", Appeal),
    ("تابعونا", Appeal),
    ("جميع الحقوق", Notice),
    ("عن الكاتب", Author),
];

/// Words that attribute what a sentence says to someone (a news sentence's mark), lower case,
/// matched as whole words, one or two words long: a block that holds one reports what someone
/// said or did ("About 2 million people subscribe to the service, the company said."), while a
/// site's prompt speaks for the site. Found at the session-11 merge on stories of our own, whose
/// closing lines of that kind the phrases had taken. Rights and privacy notices ("according to
/// our privacy policy") are not asked.
const REPORTING_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "according to",
    "sagte",
    "sagt",
    "erklärte",
    "laut",
    "zufolge",
    "selon",
    "a déclaré",
    "a dit",
    "dijo",
    "afirmó",
    "según",
    "declaró",
    "ha detto",
    "ha dichiarato",
    "secondo",
    "disse",
    "afirmou",
    "segundo",
    "declarou",
    "zei",
    "zegt",
    "volgens",
    "aldus",
    "заявил",
    "сказал",
    "сообщил",
    "по словам",
    "powiedział",
    "według",
    "dedi",
    "göre",
    "قال",
    "بحسب",
];

/// Whether `lower` (lower case) holds one of the [`REPORTING_WORDS`] as whole words.
fn attributed(lower: &str) -> bool {
    let mut words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let mut previous = "";
    words.any(|w| {
        let found = REPORTING_WORDS.iter().any(|r| match r.split_once(' ') {
            Some((a, b)) => a == previous && b == w,
            None => *r == w,
        });
        previous = w;
        found
    })
}

/// The reason for a block of at most `max_words` words (of `words`) whose first bytes hold a
/// prompt phrase at the start of a word: the kind of the first phrase of the list found. `None`
/// when there is none (or the block is longer), for a block that attributes what it says to
/// someone ([`REPORTING_WORDS`]; rights and privacy notices excepted), and for a statement of someone's trade
/// ([`Kind::Role`]) whose subject (the last capitalised word before the phrase) `named` says the
/// article names before the block, or that has no such subject.
pub(crate) fn prompt_reason(
    text: &str,
    words: usize,
    max_words: usize,
    named: impl Fn(&str) -> bool,
) -> Option<RemovalReason> {
    if words > max_words || words == 0 {
        return None;
    }
    let head = crate::text::language::prefix_at_char_boundary(text, PROMPT_HEAD_BYTES);
    // "©" is a rights notice in every language.
    if head.contains('©') {
        return Some(RemovalReason::Footer);
    }
    // `str::to_lowercase`, not the signals' `lowercase`: the same text, and on these heads
    // (mostly ASCII) the standard one measured 10 M fewer instructions on 3,000 bench articles.
    let lower = head.to_lowercase();
    let (k, at) = first_phrase_at_word_start(&lower)?;
    let (_, kind) = PROMPT_PHRASES.get(k)?;
    if *kind != Notice && attributed(&lower) {
        return None;
    }
    Some(match kind {
        Appeal => RemovalReason::CallToAction,
        Newsletter => RemovalReason::NewsletterPrompt,
        Comments => RemovalReason::CommentSection,
        Notice => RemovalReason::Footer,
        Author => RemovalReason::AuthorBox,
        Role => {
            // Lowering kept every offset when it kept the length (as it does for all but a few
            // letters); otherwise the subject is not known and the block stays.
            let before = if lower.len() == head.len() { head.get(..at)? } else { return None };
            let subject = before
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| w.chars().next().is_some_and(char::is_uppercase))?;
            if named(subject) {
                return None;
            }
            RemovalReason::AuthorBox
        }
    })
}

/// The index in [`PROMPT_PHRASES`] of the first phrase of the list that occurs in `text` at the
/// start of a word, and the byte offset where it occurs. One walk over the text's word starts, each tried only against the phrases
/// that begin with its first byte: searching the text once per phrase (about 130 searches of
/// 600 bytes) doubled the cleaning time of news articles, whose tails have several blocks to ask.
fn first_phrase_at_word_start(text: &str) -> Option<(usize, usize)> {
    let by_first_byte = phrases_by_first_byte();
    let mut best: Option<(usize, usize)> = None;
    let mut after_word = false;
    for (at, c) in text.char_indices() {
        let in_word = c.is_alphanumeric();
        if in_word && !after_word {
            let rest = &text[at..];
            let second = rest.as_bytes().get(1).copied();
            for &(k, phrase_second) in &by_first_byte[usize::from(rest.as_bytes()[0])] {
                // The second byte first: most word starts share only their first byte with a
                // phrase, and a byte compare is cheaper than a call to compare the whole phrase.
                if phrase_second == second && best.is_none_or(|(b, _)| k < b) && rest.starts_with(PROMPT_PHRASES[k].0) {
                    best = Some((k, at));
                }
            }
        }
        after_word = in_word;
    }
    best
}

/// For each first byte, the indices of the [`PROMPT_PHRASES`] that begin with it, each with the
/// phrase's second byte (every phrase has two).
type PhrasesByFirstByte = [Vec<(usize, Option<u8>)>; 256];

/// The [`PhrasesByFirstByte`] table, built once.
fn phrases_by_first_byte() -> &'static PhrasesByFirstByte {
    static TABLE: std::sync::OnceLock<PhrasesByFirstByte> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: PhrasesByFirstByte = std::array::from_fn(|_| Vec::new());
        for (k, (phrase, _)) in PROMPT_PHRASES.iter().enumerate() {
            if let Some(&first) = phrase.as_bytes().first() {
                table[usize::from(first)].push((k, phrase.as_bytes().get(1).copied()));
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(t: &str) -> Option<RemovalReason> {
        prompt_reason(t, t.split_whitespace().count(), MAX_PROMPT_WORDS, |_| false)
    }

    #[test]
    fn prompts_in_prose_are_found_in_several_languages() {
        assert_eq!(
            reason("To read the full story, please subscribe to The Valley Times."),
            Some(RemovalReason::CallToAction)
        );
        assert_eq!(
            reason("Unterstützen Sie uns mit einer Spende, damit wir weiter berichten können."),
            Some(RemovalReason::CallToAction)
        );
        assert_eq!(
            reason("Recevez notre lettre d'information chaque matin dans votre boîte."),
            Some(RemovalReason::NewsletterPrompt)
        );
        assert_eq!(reason("Подпишитесь на наш канал, чтобы не пропустить новости."), Some(RemovalReason::CallToAction));
        assert_eq!(
            reason("Please understand that comments are moderated and not all can be published."),
            Some(RemovalReason::CommentSection)
        );
        assert_eq!(
            reason("© 2022 The Valley Times. Reproduction without permission is prohibited."),
            Some(RemovalReason::Footer)
        );
        assert_eq!(reason("Jane Doe writes about health policy from Washington."), Some(RemovalReason::AuthorBox));
    }

    /// Session 11: the author's or the blog's own blurb and consent notes in several languages.
    #[test]
    fn author_blurbs_and_consent_notes_are_found() {
        assert_eq!(
            reason("Anna Beispiel ist Redakteurin im Ressort Wirtschaft und schreibt seit 2015 über Energie."),
            Some(RemovalReason::AuthorBox)
        );
        assert_eq!(
            reason("My blog is full of recipes, travel notes and tips for busy parents."),
            Some(RemovalReason::AuthorBox)
        );
        assert_eq!(reason("Paul Exemple est journaliste indépendant et vit à Lyon."), Some(RemovalReason::AuthorBox));
        assert_eq!(
            reason("Ja, ich möchte den Newsletter erhalten. Ihre Einwilligung können Sie jederzeit widerrufen."),
            Some(RemovalReason::NewsletterPrompt)
        );
        assert_eq!(reason("Die Einwilligung kann jederzeit widerrufen werden."), Some(RemovalReason::Footer));
        assert_eq!(
            reason("This entry was posted in Travel and tagged Lisbon. Bookmark the permalink."),
            Some(RemovalReason::AuthorBox)
        );
        assert_eq!(
            reason("Dieser Beitrag wurde veröffentlicht in Allgemein und verschlagwortet mit Reisen."),
            Some(RemovalReason::AuthorBox)
        );
        assert_eq!(reason("11 responses to “A walk along the river”"), Some(RemovalReason::CommentSection));
        assert_eq!(
            reason("Diese Website verwendet Akismet, um Spam zu reduzieren."),
            Some(RemovalReason::CommentSection)
        );
        // A phrase is a word start, not a word: "ist autoritär" is not "ist Autor".
        assert_eq!(reason("Das Regime ist autoritär und die Wahlen waren nicht frei."), None);
    }

    /// The first phrase of the list at a word start, searched phrase by phrase.
    fn naive(text: &str) -> Option<usize> {
        PROMPT_PHRASES.iter().position(|(p, _)| {
            text.match_indices(p).any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        })
    }

    /// A statement of someone's trade is the author's blurb only when the article has not named
    /// the one it is said of; without a capitalised subject it stays.
    #[test]
    fn a_trade_statement_about_someone_the_story_names_stays() {
        let line = "Evan Marsh, 32, is a journalist who has covered the region for six years.";
        let words = line.split_whitespace().count();
        assert_eq!(prompt_reason(line, words, MAX_PROMPT_WORDS, |_| false), Some(RemovalReason::AuthorBox));
        assert_eq!(prompt_reason(line, words, MAX_PROMPT_WORDS, |w| w == "Marsh"), None);
        let asked = std::cell::RefCell::new(Vec::new());
        prompt_reason(line, words, MAX_PROMPT_WORDS, |w| {
            asked.borrow_mut().push(w.to_string());
            false
        });
        assert_eq!(asked.into_inner(), ["Marsh"]);
        let german = "Anna Beispiel ist Redakteurin im Ressort Wirtschaft.";
        assert_eq!(prompt_reason(german, 7, MAX_PROMPT_WORDS, |w| w == "Beispiel"), None);
        assert_eq!(reason("who is a journalist, too."), None);
        // Other kinds do not ask.
        assert_eq!(
            prompt_reason("Marsh: please subscribe to our newsletter.", 6, MAX_PROMPT_WORDS, |_| true),
            Some(RemovalReason::CallToAction)
        );
    }

    /// A closing news sentence that reports what someone said or did is not a prompt, whatever
    /// words it shares with one; a rights notice is one whatever it cites.
    #[test]
    fn attributed_sentences_are_not_prompts() {
        assert_eq!(reason("About 2 million people subscribe to the service, the company said."), None);
        assert_eq!(reason("The ministry says it will publish the report on Facebook."), None);
        assert_eq!(reason("Laut dem Ministerium soll der Newsletter eingestellt werden."), None);
        assert_eq!(reason("Please subscribe to our newsletter."), Some(RemovalReason::CallToAction));
        // Whole words: "saidia" is not "said".
        assert_eq!(reason("Subscribe to Saidia News today."), Some(RemovalReason::CallToAction));
        assert_eq!(reason("Cookies are used according to our privacy policy."), Some(RemovalReason::Footer));
    }

    /// The walk compares a phrase's second byte before the phrase: every phrase has one.
    #[test]
    fn every_phrase_has_two_bytes() {
        assert!(PROMPT_PHRASES.iter().all(|(p, _)| p.len() >= 2));
    }

    #[test]
    fn the_word_start_walk_finds_what_a_search_per_phrase_finds() {
        for text in [
            "to read the full story, please subscribe to the times. copyright 2020",
            "jane doe writes about health; follow us on twitter and sign up for our newsletter",
            "bloglogin madonna unsubscribed resubscribe",
            "(donate) «abonnez-vous» —síguenos— подпишитесь; اشترك الآن",
            "",
            "the council voted on tuesday",
        ] {
            assert_eq!(first_phrase_at_word_start(text).map(|(k, _)| k), naive(text), "{text}");
        }
    }

    #[test]
    fn body_sentences_and_long_paragraphs_are_not_prompts() {
        // Words that only contain a phrase ("Madonna", "Bloglogin") do not count.
        assert_eq!(reason("A woman, perhaps the Madonna, walks along the river at dawn."), None);
        assert_eq!(reason("The council voted on Tuesday to build a new bridge over the river."), None);
        let long = "The paper said readers could subscribe to its newsletter. ".repeat(20);
        assert_eq!(reason(&long), None);
    }
}
