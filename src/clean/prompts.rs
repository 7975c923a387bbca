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

/// What a phrase says the block is; it becomes the removal's reason. A phrase names a topic
/// (subscriptions, newsletters, comments, cookies, copyright, an author) that closing lines of
/// news stories report on as well ("Comments on the proposal are open until March.", "The band
/// has sued the label for copyright infringement."), so most kinds also want the site's voice in
/// the block ([`site_voice`]); the kinds whose phrases only sites write do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Subscribe, follow, download the app, donate, sign in: [`RemovalReason::CallToAction`].
    /// Wants the site's voice.
    Appeal,
    /// A newsletter or e-mail sign-up: [`RemovalReason::NewsletterPrompt`]. Wants the site's
    /// voice.
    Newsletter,
    /// Comment rules ("comments are moderated"): [`RemovalReason::CommentSection`]. Wants the
    /// site's voice.
    Comments,
    /// The wording of comment software and policies ("Akismet", "Netiquette", "11 responses to
    /// “...”"): [`RemovalReason::CommentSection`], no voice needed.
    CommentSoftware,
    /// Rights and consent notices ("all rights reserved", "Copyright 2024", "affiliate links"):
    /// [`RemovalReason::Footer`], no voice needed.
    Notice,
    /// A notice's topic, which news reports on too ("copyright", "cookies", "privacy policy"):
    /// [`RemovalReason::Footer`] with the site's voice ("We use cookies", "this site").
    NoticeTopic,
    /// The author's or the blog's own blurb ("about the author", "my blog"):
    /// [`RemovalReason::AuthorBox`] with the site's or the author's voice, or the phrase opening
    /// the block ("About the author: ...").
    Author,
    /// The blog naming itself as the block's first words ("This blog is about ...", "Dieses
    /// Blog gibt ..."): [`RemovalReason::AuthorBox`]. Inside a sentence closing news lines use
    /// the words too ("The company later deleted this blog post"), so only at the block's start.
    Opening,
    /// A pager's label opening the block, glued to the other story's headline it links to
    /// ("Previous articleTransforming Mount Trashmore: ...", "Article suivant Après une ..."):
    /// [`RemovalReason::RelatedLinks`]. Only as the block's first words; no story's sentence
    /// opens so (session 17).
    Pager,
    /// Blog software's filing lines ("This entry was posted in ...", "Bookmark the
    /// permalink"): [`RemovalReason::AuthorBox`], no voice needed.
    BlogSoftware,
    /// A statement of someone's trade ("... is a reporter ...", "... ist Redakteurin ..."): the
    /// author's blurb, [`RemovalReason::AuthorBox`], when its subject is a name (the capitalised
    /// word right before the phrase; not a pronoun: "She writes about climate for the Gazette."
    /// is said of someone in the story) that the article does not name before it. A story may
    /// end on what its subject does ("Gershkovich is a journalist who has covered Russia for six
    /// years."); an author's name is rarely in the story they wrote.
    Role,
}

impl Kind {
    /// Whether a phrase of this kind needs more evidence than itself ([`site_voice`], or for
    /// [`Kind::Role`] a subject that is a name): the kinds whose phrases only sites write do not.
    fn wants_voice(self) -> bool {
        !matches!(self, CommentSoftware | Notice | BlogSoftware)
    }
}

use Kind::{
    Appeal, Author, BlogSoftware, CommentSoftware, Comments, Newsletter, Notice, NoticeTopic, Opening, Pager, Role,
};

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
    ("comment policy", CommentSoftware),
    ("moderated", Comments),
    ("log in", Appeal),
    ("sign in", Appeal),
    ("full story", Appeal),
    ("full article", Appeal),
    ("click here", Appeal),
    ("all rights reserved", Notice),
    ("copyright 19", Notice),
    ("copyright 20", Notice),
    ("copyright", NoticeTopic),
    ("written permission", NoticeTopic),
    ("cookies", NoticeTopic),
    ("privacy policy", NoticeTopic),
    ("terms of use", NoticeTopic),
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
    // A blurb that introduces its writer by a greeting or by name in the first person (session
    // 15): "Hi, I'm Jane and I write about ...", "My name is ...".
    ("hi, i'm", Author),
    ("hi, i’m", Author),
    ("hi, i am", Author),
    ("hello, i'm", Author),
    ("hello, i’m", Author),
    ("hello, i am", Author),
    ("my name is", Author),
    // The site or blog describing itself ("This blog is about ...") and asking for support
    // without a paywall, and the comment policy's welcome ("We welcome reader comments ...").
    ("this blog", Opening),
    ("paywall", Appeal),
    ("reader comments", Comments),
    // A label that opens a notice ("Disclaimer: The views expressed ..."); the colon makes it a
    // label: a news sentence names a disclaimer without one ("The ads now carry a disclaimer.").
    ("disclaimer:", Notice),
    ("disclaimer (", Notice),
    // The post's filing and comment lines of blog software (WordPress's own wording in each
    // language: "This entry was posted in ...", "11 responses to “...”", the spam-filter notice).
    ("this entry was posted", BlogSoftware),
    ("bookmark the permalink", BlogSoftware),
    ("responses to “", CommentSoftware),
    ("responses to \"", CommentSoftware),
    ("akismet", CommentSoftware),
    ("letters to the editor", Appeal),
    // A pager's labels before the next or previous story's headline (session 17), in en, de,
    // fr, es.
    ("previous article", Pager),
    ("next article", Pager),
    ("previous post", Pager),
    ("next post", Pager),
    ("vorheriger artikel", Pager),
    ("nächster artikel", Pager),
    ("vorheriger beitrag", Pager),
    ("nächster beitrag", Pager),
    ("article suivant", Pager),
    ("article précédent", Pager),
    ("artículo anterior", Pager),
    ("artículo siguiente", Pager),
    ("siguiente artículo", Pager),
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
    ("netiquette", CommentSoftware),
    ("registrieren sie", Appeal),
    ("melden sie sich", Appeal),
    ("datenschutzerklärung", NoticeTopic),
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
    ("dieser beitrag wurde veröffentlicht", BlogSoftware),
    ("dieser eintrag wurde veröffentlicht", BlogSoftware),
    ("verschlagwortet", BlogSoftware),
    ("getaggt mit", BlogSoftware),
    ("abgelegt unter", BlogSoftware),
    ("permanentlink", BlogSoftware),
    ("antworten zu “", CommentSoftware),
    ("antworten zu „", CommentSoftware),
    ("kommentardaten", CommentSoftware),
    ("hallo, ich bin", Author),
    ("hallo ich bin", Author),
    ("hi, ich bin", Author),
    ("mein name ist", Author),
    ("dieses blog", Opening),
    ("dieser blog", Opening),
    ("bezahlschranke", Appeal),
    ("haftungshinweis", Notice),
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
    ("cette entrée a été publiée", BlogSoftware),
    ("n'engagent que", Notice),
    ("bonjour, je suis", Author),
    ("je m'appelle", Author),
    ("je m’appelle", Author),
    ("ce blog", Opening),
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
    ("esta entrada fue publicada", BlogSoftware),
    ("hola, soy", Author),
    ("me llamo", Author),
    ("este blog", Opening),
    // it
    ("iscriviti", Appeal),
    ("abbonati", Appeal),
    ("abbonamento", Appeal),
    ("seguici", Appeal),
    ("sostienici", Appeal),
    ("tutti i diritti riservati", Notice),
    ("sull'autore", Author),
    ("il mio blog", Author),
    ("questa voce è stata pubblicata", BlogSoftware),
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
    ("esta entrada foi publicada", BlogSoftware),
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
const REPORTING_WORDS: &str =
    "said|says|told|according to|sagte|sagt|erklärte|laut|zufolge|selon|a déclaré|a dit|dijo|\
    afirmó|según|declaró|ha detto|ha dichiarato|secondo|disse|afirmou|segundo|declarou|zei|\
    zegt|volgens|aldus|заявил|сказал|сообщил|по словам|powiedział|według|dedi|göre|قال|بحسب";

/// Words by which a site speaks to its reader, lower case, matched as whole words outside
/// quotation marks (a quoted "we" or "you" is someone else's): the second person ("you", "du",
/// "vous", "tu", "usted", "você", "uw", ...), the site's first person plural ("we", "our",
/// "wir", "unser", "nous", "notre", "nuestro", ...) and "please" in each language. A site's
/// prompt addresses the reader or speaks as the site ("Sign up for our newsletter"); a closing
/// news line reports on subscriptions, newsletters or comments in the third person
/// ("Comments on the proposal are open until March."). Left out as ambiguous: "u" and "je"
/// (Dutch "you", but "U.S." and French "I"), Spanish "su" (also "his", "their"), Italian "ma".
/// An all-capitals word ("US") is not read as one of these.
#[rustfmt::skip]
const VOICE_WORDS: &str = concat!(
    // en
    "you your yours yourself we our ours us please ",
    // de (the formal "Sie", "Ihr" are matched by case, see `FORMAL_ADDRESS`)
    "du dich dir dein deine deinen deinem deiner euch euer eure wir uns unser unsere unseren ",
    "unserem unserer unseres bitte ",
    // fr
    "vous votre vos tu toi ton ta tes nous notre nos ",
    // es
    "usted ustedes tus te ti vosotros vuestro vuestra nosotros nuestro nuestra nuestros ",
    "nuestras ",
    // it
    "voi tuo tuoi vostro vostra noi nostro nostra nostri ",
    // pt
    "você vocês teu tua nosso nossa nossos nossas ",
    // nl
    "uw jij jouw jullie wij ons onze ",
    // ru, pl
    "вы вас вам ваш ваша ваши мы нас наш наша twój wasz nasz nasza ",
    // the second person of the modal verbs a prompt asks with ("Para comentar debes
    // registrarte", "Du kannst ...")
    "debes puedes tienes quieres necesitas kannst musst willst möchtest",
);

/// The languages whose voice [`VOICE_WORDS`], [`IMPERATIVES`] and [`SITE_NOUNS`] cover well
/// enough that a phrase signal on a sentence may ask for it (`classify.rs`, see
/// [`super::VOICED_SIGNAL_SENTENCE_WORDS`]). On a Polish dev page a newsletter's boast in the
/// third person ("Odbiorcy newslettera przyrządzili już ponad 260 000 potraw!") lost its signal
/// without this, and the page's rail of recipes came back.
pub(crate) const VOICED_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl"];

/// The formal German (and Dutch "U") address, which is written with a capital inside a
/// sentence: "Abonnieren Sie unseren Newsletter". At a sentence's start "Sie" is also "she" or
/// "they", so there it does not count.
const FORMAL_ADDRESS: &str = "Sie Ihr Ihre Ihnen Ihren Ihrem Ihrer Ihres U Uw";

/// Imperatives a prompt opens a sentence with, lower case: "Subscribe to ...", "Sign up ...",
/// "Download the app ..." (de, fr, es, it, pt forms carry the pronoun or are not news words).
/// Only at a sentence's start: "About 2 million people subscribe to the service" is not one;
/// and not as the first part of a hyphenated noun ("Follow-up meetings are planned ...").
/// Words that open news sentences as nouns ("Support", "Share", "Watch") are left out.
const IMPERATIVES: &str = "subscribe sign follow download donate join click register log enter become visit reach \
    contact send bookmark abonniere melde registriere unterstütze spende abonnez inscrivez \
    suivez soutenez faites cliquez téléchargez rejoignez suscríbete suscríbase síguenos únete \
    apóyanos regístrate regístrese descarga haz iscriviti abbonati seguici sostienici \
    registrati scarica assine inscreva siga apoie baixe cadastre abonneer volg steun \
    подпишитесь подписывайтесь поддержите";

/// Nouns by which a site names itself or the page, as word pairs, lower case: "this article",
/// "comments section", "diese Website", "cet article", "este artículo". A news line names
/// the report, the service or the website of someone it reports on ("the ministry's website").
const SITE_NOUNS: &str = "this article|this story|this post|this page|this site|this website|comments section|\
    comment section|diesen artikel|dieser artikel|diesem artikel|diese seite|diese website|\
    dieser website|cet article|ce site|cette page|este artículo|este sitio|esta página|\
    esta nota";

/// First-person singular words, lower case: an author's own blurb speaks so ("Welcome to my
/// blog"), and a consent line in the reader's words ("Mit der Anmeldung stimme ich ... zu",
/// "I agree to the privacy policy"); they count as voice for [`Kind::Author`] and
/// [`Kind::NoticeTopic`] and for a signal's sentence (`speaks_as_site`), not for an appeal,
/// since columns say "I" too.
const FIRST_PERSON: &str = concat!(
    "i my me ich mein meine meinem meinen mich mir j mon ma mes moi yo mi mis io mio mia eu meu ",
    "minha ik mijn",
);

/// Capitalised pronouns and articles, which can open a statement of someone's trade without
/// being a name: "She writes about climate", "Er ist Redakteur", "Elle est journaliste", "Él es
/// periodista", "The woman is a journalist", "Her mother is a journalist". (Space-separated,
/// as the blurb's word lists are: asked only once a trade statement's shape is found.)
const NOT_NAMES: &str = "The A An This That Der Die Das Ein Eine Le La Les Un Une El Los Las Una His Her Their Its \
    Sein Seine Ihr Ihre Son Sa Ses Leur Su Sus He She They It We I You Er Sie Es Il Elle Ils \
    Elles On Él Ella Ellos Ellas Usted Lui Lei Ele Ela Hij Zij Ze Он Она Они";

/// Quotation marks: the words between two of them are someone's quoted words, not the site's.
const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»'];

/// What a sentence's start is after: the block's start or one of these.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', ':', ';', '|', '•', '–', '—'];

/// The words of `text` (its runs of alphanumeric characters), each with the byte offset it
/// starts at: the one walk over words that the site's voice, the attribution, the phrase search
/// and the trade statement's subject share.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.run_end(self.at, false);
        if start >= self.text.len() {
            self.at = start;
            return None;
        }
        let end = self.run_end(start, true);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

impl Words<'_> {
    /// The first byte at or after `at` (a character boundary) whose character is not
    /// alphanumeric when `word` is true, or is alphanumeric when it is false; the text's length
    /// when there is none. ASCII bytes are told without decoding (most text of the heads).
    fn run_end(&self, mut at: usize, word: bool) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() != word {
                    return at;
                }
                at += 1;
            } else {
                let Some(c) = self.text.get(at..).and_then(|rest| rest.chars().next()) else { return bytes.len() };
                if c.is_alphanumeric() != word {
                    return at;
                }
                at += c.len_utf8();
            }
        }
        bytes.len()
    }
}

/// Whether `text` holds `word` as a whole word (a trade statement's subject "Marsh" is not
/// named by "Marshall").
pub(crate) fn holds_word(text: &str, word: &str) -> bool {
    text.contains(word) && words(text).any(|(_, w)| w == word)
}

/// `word` in lower case, borrowed when it has no capital (most words of prose).
fn lowered(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Whether `head` speaks as the site to its reader: outside quotation marks it holds one of the
/// [`VOICE_WORDS`], a [`FORMAL_ADDRESS`] word inside a sentence, one of the [`IMPERATIVES`] at a
/// sentence's start, or one of the [`SITE_NOUNS`]; with `first_person` also one of the
/// [`FIRST_PERSON`] words.
fn site_voice(head: &str, first_person: bool) -> bool {
    let mut quoted = false;
    let mut sentence_start = true;
    let mut previous = std::borrow::Cow::Borrowed("");
    let mut gap_from = 0;
    for (from, word) in words(head) {
        // The marks between the previous word and this one: quotes, sentence ends and dashes.
        let mut last_space = false;
        for c in head[gap_from..from].chars() {
            if QUOTES.contains(&c) {
                quoted = !quoted;
            } else if SENTENCE_ENDS.contains(&c) || c == '-' && last_space {
                // A hyphen after a space is a dash: "24/7 Live - Subscribe to the Newsletter!".
                sentence_start = true;
            }
            last_space = c.is_whitespace();
        }
        let to = from + word.len();
        gap_from = to;
        if !quoted {
            let lower = lowered(word);
            let l = lower.as_ref();
            let acronym = word.chars().nth(1).is_some() && !word.chars().any(char::is_lowercase);
            let hyphenated = head[to..].starts_with('-');
            let found = (!acronym && listed(VOICE_WORDS, l))
                || (!sentence_start && listed(FORMAL_ADDRESS, word))
                || (sentence_start && !hyphenated && listed(IMPERATIVES, l))
                || listed_after(SITE_NOUNS, &previous, l)
                || (first_person && !acronym && listed(FIRST_PERSON, l));
            if found {
                return true;
            }
            previous = lower;
        }
        sentence_start = false;
    }
    false
}

/// The bits of a [`WordFilter`].
const WORD_FILTER_BITS: usize = 4096;

/// A one-hash filter over a word list's words, by a word's length and first three bytes (ASCII
/// letters in either case; a word opening on another byte always passes): it tells most words of
/// a block apart before the list is searched. `listed_after` settles a word the list does not
/// hold with one substring search, but short words ("a", "to", "de", "la") are parts of its
/// entries and went on to the walk over them: the reporting words' test ([`attributed`]) cost
/// 4.5 M instructions on the 1,000 dev news copies (callgrind, session 17).
type WordFilter = [u64; WORD_FILTER_BITS / 64];

/// The bit of `word` in a [`WordFilter`].
fn filter_key(word: &[u8]) -> usize {
    let byte = |i: usize| usize::from(word.get(i).copied().unwrap_or(0).to_ascii_lowercase());
    (((byte(0) * 31 + byte(1)) * 31 + byte(2)) * 31 + word.len()) % WORD_FILTER_BITS
}

/// Whether `word` may be the last word of one of the [`REPORTING_WORDS`] ([`WordFilter`]).
fn may_report(word: &str) -> bool {
    static FILTER: std::sync::OnceLock<WordFilter> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let mut bits = [0u64; WORD_FILTER_BITS / 64];
        for entry in REPORTING_WORDS.split('|') {
            let k = filter_key(entry.rsplit(' ').next().unwrap_or(entry).as_bytes());
            bits[k / 64] |= 1 << (k % 64);
        }
        bits
    });
    let w = word.as_bytes();
    let k = filter_key(w);
    !w.first().is_some_and(u8::is_ascii) || filter[k / 64] >> (k % 64) & 1 == 1
}

/// Whether `lower` (lower case) holds one of the [`REPORTING_WORDS`] as whole words.
fn attributed(lower: &str) -> bool {
    let mut previous = "";
    words(lower).any(|(_, w)| {
        let found = may_report(w) && listed_after(REPORTING_WORDS, previous, w);
        previous = w;
        found
    })
}

/// The reason for a block of at most `max_words` words (of `words`) whose first bytes hold a
/// prompt phrase at the start of a word: the kind of the first phrase of the list found. `None`
/// when there is none (or the block is longer), for a block that attributes what it says to
/// someone ([`REPORTING_WORDS`]; rights and privacy notices excepted), and for a statement of someone's trade
/// ([`Kind::Role`]) whose subject (the last capitalised word before the phrase) `named` says the
/// article names before the block, or that has no such subject. With `writer_only`, only
/// whether the block is an author's blurb that introduces its writer by name
/// ([`introduced_by_name`]): the one tail test asked of the body's last sure paragraphs too
/// (`classify::apply_model`), since it gives up at the block's first words (the whole phrase
/// search there cost 19 M instructions on 3,000 bench articles).
pub(crate) fn prompt_reason(
    text: &str,
    words: usize,
    max_words: usize,
    named: &dyn Fn(&str) -> bool,
    writer_only: bool,
) -> Option<RemovalReason> {
    if words > max_words || words == 0 {
        return None;
    }
    let head = crate::text::language::prefix_at_char_boundary(text, PROMPT_HEAD_BYTES);
    let by_name = || introduced_by_name(head, named).then_some(RemovalReason::AuthorBox);
    if writer_only {
        return by_name();
    }
    // "©" is a rights notice in every language.
    if head.contains('©') {
        return Some(RemovalReason::Footer);
    }
    // `str::to_lowercase`, not the signals' `lowercase`: the same text, and on these heads
    // (mostly ASCII) the standard one measured 10 M fewer instructions on 3,000 bench articles.
    let lower = head.to_lowercase();
    let decide = |(k, at): (usize, usize)| phrase_reason(head, &lower, k, at, named);
    let by_phrase = first_phrase_at_word_start(&lower, |_| true).and_then(|first| {
        decide(first).or_else(|| {
            // The list's first phrase wanted evidence the block lacks ("I consent to receiving the
            // newsletter at my e-mail address"): a phrase only sites write may still be there (a
            // second walk, only for such blocks; most tail blocks hold no phrase at all).
            let wanted_voice = PROMPT_PHRASES.get(first.0).is_some_and(|(_, kind)| kind.wants_voice());
            if !wanted_voice {
                return None;
            }
            first_phrase_at_word_start(&lower, |kind| !kind.wants_voice()).and_then(decide)
        })
    });
    by_phrase.or_else(by_name)
}

/// `text.trim_start()`, without its call for a text that opens on a printable ASCII byte (as
/// most blocks and words do): the call cost 1.6 M instructions on 3,000 bench articles.
fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => text,
        _ => text.trim_start(),
    }
}

/// The copulas by which a blurb goes on from the name it opens with ("Jane Doe is a professor
/// at ...", "Anna Beispiel ist Head of ...", "Paul Exemple est chercheur ..."): after one, a
/// trade follows ([`TRADE_OPENERS`]). Lower case, one word after another: these word lists are
/// strings split at spaces, not tables of `&str`, which cost the wasm module 8 bytes a word.
const COPULAS: &str = "is ist est es é è";

/// The other verbs by which a blurb goes on from its name: "writes" or "works" ("Evan Halper
/// writes about ...", "... schreibt für ...", "... trabaja como ..."), lower case.
const BIO_VERBS: &str = "writes schreibt écrit escribe scrive escreve works arbeitet travaille trabaja lavora \
    trabalha";

/// Words a statement of someone's trade goes on with after the copula, lower case: an
/// indefinite article ("is a professor", "ist eine ...", "est une ...", "es una ...") or a
/// trade's first word without one, as French, Spanish and German write it ("est chercheuse",
/// "es profesora", "ist freie Journalistin"). A capitalised word counts too (a German noun, an
/// English title: "ist Head of Social", "is Professor of Law").
const TRADE_OPENERS: &str = "a an ein eine un une una um uma een professor professeur professeure profesor profesora \
    professore professoressa chercheur chercheuse investigador investigadora journaliste \
    periodista giornalista jornalista rédacteur rédactrice redactor redactora auteur auteure \
    autrice autor autora écrivain écrivaine escritor escritora docteur doctorant doctorante \
    doctor doctora freier freie freelance senior associate assistant editor editora directeur \
    directrice director directora";

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    // Most words are in no list: one substring search (SIMD where the target has it) settles
    // them before the walk over the entries (the walk alone cost 35 M instructions on the
    // 1,000 dev news copies, session 16).
    list.contains(word) && list.as_bytes().split(|&b| b == b' ').any(|w| w == word.as_bytes())
}

/// Whether `word`, after `previous`, is an entry of the '|'-separated `list`: a single word or a
/// pair of words ("according to"), lower case.
fn listed_after(list: &str, previous: &str, word: &str) -> bool {
    // As in `listed`: a word the list does not hold at all ends the test in one search.
    list.contains(word)
        && list.split('|').any(|entry| match entry.split_once(' ') {
            Some((a, b)) => a == previous && b == word,
            None => entry == word,
        })
}

/// The most capitalised words a name is read from: a first, middle and last name and a
/// particle or title ("Maria de la Cruz" has lower-case words and ends the run early: its
/// blurb is not found so, and stays).
const MAX_NAME_WORDS: usize = 4;

/// An author's blurb that introduces its writer by name (session 15): the block opens with a
/// name, two to [`MAX_NAME_WORDS`] capitalised words (no pronoun or article of [`NOT_NAMES`], no
/// acronym), followed straight by a copula ([`COPULAS`]) and a trade ([`TRADE_OPENERS`]) or
/// by one of the [`BIO_VERBS`]: "Ganesh Sitaraman is a professor at Vanderbilt Law School ...",
/// "Inga Buller ist Head of Social & Community bei ...". Like [`Kind::Role`] it needs a name the
/// article has not `named` before (its last word): a profile or an obituary that ends on what
/// its subject does has named them ("Gershkovich is a journalist who ..."); one name, such as
/// a company's, is not enough ("Apple is a ..."); a block that attributes what it says
/// ([`REPORTING_WORDS`]) stays. It is asked only where [`prompt_reason`] is: after the body's
/// last sure paragraph, for blocks the model is not sure of.
fn introduced_by_name(head: &str, named: &dyn Fn(&str) -> bool) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Most blocks give up here, before the word walk: a name's second word is capitalised.
    // (Words apart by other spaces than ' ' are not read as a name.)
    if !head.split_once(' ').is_some_and(|(_, rest)| capitalised(trim_start(rest))) {
        return false;
    }
    // The name's words, in a fixed array (no allocation).
    let mut run = [""; MAX_NAME_WORDS];
    let mut len = 0;
    let mut end = 0;
    let mut walk = words(head);
    let copula = loop {
        let Some((from, word)) = walk.next() else { return false };
        let gap = &head[end..from];
        end = from + word.len();
        let spaced = trim_start(gap).is_empty();
        if !capitalised(word) {
            // The verb, straight after a name of two words or more.
            let copula = listed(COPULAS, word);
            if len < 2 || !spaced || !copula && !listed(BIO_VERBS, word) {
                return false;
            }
            break copula;
        }
        // Between a name's words only spaces, a hyphen ("Anna-Lena") or an initial's full stop
        // ("J. R. Doe"); before the first, nothing but spaces (a quoted name is someone's words).
        let joined = spaced || len > 0 && (gap == "-" || gap.trim() == "." && run[len - 1].chars().nth(1).is_none());
        let Some(slot) = run.get_mut(len).filter(|_| joined) else { return false };
        *slot = word;
        len += 1;
    };
    // After a copula, a trade.
    if copula {
        let Some((from, next)) = walk.next() else { return false };
        if !trim_start(&head[end..from]).is_empty() || !(capitalised(next) || listed(TRADE_OPENERS, next)) {
            return false;
        }
    }
    // Checked once the shape is there (most blocks give up at their second word): a pronoun or
    // an article is not part of a name, nor is an acronym ("NASA").
    let run = &run[..len];
    let acronym = |w: &str| w.chars().nth(1).is_some() && !w.bytes().any(|b| b.is_ascii_lowercase());
    !run.iter().any(|w| acronym(w) || listed(NOT_NAMES, w)) && !named(run[len - 1]) && !attributed(&head.to_lowercase())
}

/// The reason phrase `k`, found at byte `at` of `lower` (the lower-cased `head`), gives the block,
/// when the block has the evidence its [`Kind`] wants.
fn phrase_reason(head: &str, lower: &str, k: usize, at: usize, named: &dyn Fn(&str) -> bool) -> Option<RemovalReason> {
    let (_, kind) = PROMPT_PHRASES.get(k)?;
    if !matches!(kind, Notice | NoticeTopic) && attributed(lower) {
        return None;
    }
    let voiced = || site_voice(head, false);
    Some(match kind {
        Appeal if voiced() => RemovalReason::CallToAction,
        Newsletter if voiced() => RemovalReason::NewsletterPrompt,
        Comments if voiced() => RemovalReason::CommentSection,
        CommentSoftware => RemovalReason::CommentSection,
        Notice => RemovalReason::Footer,
        // A consent line speaks in the reader's first person ("I agree to the privacy policy").
        NoticeTopic if site_voice(head, true) => RemovalReason::Footer,
        // The phrase opening the block is the blurb's heading ("About the author: ...").
        Author if lower[..at].trim().is_empty() || site_voice(head, true) => RemovalReason::AuthorBox,
        Opening if lower[..at].trim().is_empty() => RemovalReason::AuthorBox,
        Pager if lower[..at].trim().is_empty() => RemovalReason::RelatedLinks,
        BlogSoftware => RemovalReason::AuthorBox,
        Role => {
            // Lowering kept every offset when it kept the length (as it does for all but a few
            // letters); otherwise the subject is not known and the block stays.
            let before = if lower.len() == head.len() { head.get(..at)? } else { return None };
            // The subject is the last word of the capitalised run that opens the phrase's
            // sentence (numbers and punctuation aside: "Evan Marsh, 32, is a journalist",
            // "Anna Beispiel ist Redakteurin ... und schreibt seit ..."); without such a run
            // ("Her mother is a journalist" has one, "Her", a pronoun) there is no name.
            let sentence = before.rfind(SENTENCE_ENDS).map_or(before, |end| &before[end..]);
            let subject = words(sentence)
                .map(|(_, w)| w)
                .filter(|w| w.chars().any(char::is_alphabetic))
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .last()?;
            if listed(NOT_NAMES, subject) || named(subject) {
                return None;
            }
            RemovalReason::AuthorBox
        }
        _ => return None,
    })
}

/// Whether a sentence that a phrase signal (`signals.rs`: a prompt, a newsletter, a comment
/// line, a footer) fired on shows that the site wrote it: "©", the site's voice
/// ([`site_voice`], the first person singular included), or a phrase only sites write (a rights notice, comment or blog software's
/// wording). A sentence without any ("Comments on the proposal are open until March.", "The band
/// has sued the label for copyright infringement.") reports news.
pub(crate) fn speaks_as_site(text: &str) -> bool {
    let head = crate::text::language::prefix_at_char_boundary(text, PROMPT_HEAD_BYTES);
    head.contains('©')
        || site_voice(head, true)
        || first_phrase_at_word_start(&head.to_lowercase(), |kind| !kind.wants_voice()).is_some()
}

/// The index in [`PROMPT_PHRASES`] of the first phrase of the list that occurs in `text` at the
/// start of a word, and the byte offset where it occurs. One walk over the text's word starts, each tried only against the phrases
/// that begin with its first two bytes: searching the text once per phrase (about 130 searches of
/// 600 bytes) doubled the cleaning time of news articles, whose tails have several blocks to ask.
fn first_phrase_at_word_start(text: &str, accept: impl Fn(Kind) -> bool) -> Option<(usize, usize)> {
    let by_start = phrases_by_start();
    let mut best: Option<(usize, usize)> = None;
    for (at, _) in words(text) {
        let rest = &text.as_bytes()[at..];
        let Some((&first, after)) = rest.split_first() else { continue };
        let candidates = &by_start[start_bucket(first, after.first().copied().unwrap_or(0))];
        if candidates.is_empty() {
            continue;
        }
        let next = next_bytes(after);
        for &(k, phrase_first, key, mask) in candidates {
            // The next bytes first, in one compare: many word starts share their first two
            // bytes with a phrase ("this" and "this blog"), and a call to compare the whole
            // phrase cost 7 M instructions on 3,000 bench articles (session 16). A phrase of
            // at most 9 bytes is matched by that compare and its first byte's (the bucket
            // keeps five bits of it: '0' and 'p' share one).
            if next & mask == key
                && first == phrase_first
                && best.is_none_or(|(b, _)| k < b)
                && (PROMPT_PHRASES[k].0.len() <= 9 || rest.starts_with(PROMPT_PHRASES[k].0.as_bytes()))
                && accept(PROMPT_PHRASES[k].1)
            {
                best = Some((k, at));
            }
        }
    }
    best
}

/// For each [`start_bucket`] of a word's first two bytes, the indices of the [`PROMPT_PHRASES`]
/// that begin so, each with the phrase's first byte, its bytes after the first (up to 8) as
/// [`next_bytes`] reads them and the mask that keeps only those.
type PhrasesByStart = Vec<Vec<(usize, u8, u64, u64)>>;

/// The buckets of [`PhrasesByStart`]: a phrase's first two bytes pick one. By the first byte
/// alone, every word of "the", "he", "der" shared a bucket with several phrases (session 16: the
/// greetings and "this blog" added 5 M instructions on 3,000 bench articles); by two, most words
/// find theirs empty.
const START_BUCKETS: usize = 32 * 32;

/// The [`PhrasesByStart`] bucket of a text starting with bytes `first` and `second` (a letter's
/// five low bits each, so the 26 lower-case letters keep apart: 32 × 32 buckets).
fn start_bucket(first: u8, second: u8) -> usize {
    usize::from(first & 31) << 5 | usize::from(second & 31)
}

/// The first 8 bytes of `bytes` as one number (little-endian; zeros past the end: no phrase
/// holds a zero byte).
fn next_bytes(bytes: &[u8]) -> u64 {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    bytes.iter().rev().fold(0, |n, &b| n << 8 | u64::from(b))
}

/// The [`PhrasesByStart`] table, built once.
fn phrases_by_start() -> &'static PhrasesByStart {
    static TABLE: std::sync::OnceLock<PhrasesByStart> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: PhrasesByStart = vec![Vec::new(); START_BUCKETS];
        for (k, (phrase, _)) in PROMPT_PHRASES.iter().enumerate() {
            if let Some((&first, after)) = phrase.as_bytes().split_first() {
                let len = after.len().min(8);
                let mask = if len == 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
                table[start_bucket(first, after.first().copied().unwrap_or(0))].push((
                    k,
                    first,
                    next_bytes(&after[..len]),
                    mask,
                ));
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(t: &str) -> Option<RemovalReason> {
        prompt_reason(t, t.split_whitespace().count(), MAX_PROMPT_WORDS, &|_| false, false)
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
        assert_eq!(prompt_reason(line, words, MAX_PROMPT_WORDS, &|_| false, false), Some(RemovalReason::AuthorBox));
        assert_eq!(prompt_reason(line, words, MAX_PROMPT_WORDS, &|w| w == "Marsh", false), None);
        let asked = std::cell::RefCell::new(Vec::new());
        prompt_reason(
            line,
            words,
            MAX_PROMPT_WORDS,
            &|w| {
                asked.borrow_mut().push(w.to_string());
                false
            },
            false,
        );
        assert_eq!(asked.into_inner(), ["Marsh"]);
        let german = "Anna Beispiel ist Redakteurin im Ressort Wirtschaft.";
        assert_eq!(prompt_reason(german, 7, MAX_PROMPT_WORDS, &|w| w == "Beispiel", false), None);
        assert_eq!(reason("who is a journalist, too."), None);
        // Other kinds do not ask.
        assert_eq!(
            prompt_reason("Marsh: please subscribe to our newsletter.", 6, MAX_PROMPT_WORDS, &|_| true, false),
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

    /// The cases of a fixture file: its lines, without blank lines and '#' comments.
    pub(crate) fn fixture_lines(text: &str) -> impl Iterator<Item = &str> {
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    pub(crate) const KEEP_LINES: &str = include_str!("../../tests/data/prompt-lines/keep.txt");
    pub(crate) const DROP_LINES: &str = include_str!("../../tests/data/prompt-lines/drop.txt");

    /// Session 12: closing lines of news stories (written for the test) that hold a prompt
    /// phrase's words but report news in the third person are not prompts; the site's prompts,
    /// blurbs and notices (its voice, its software's wording, a rights notice) are.
    #[test]
    fn closing_news_lines_stay_and_site_prompts_go() {
        let kept: Vec<_> = fixture_lines(KEEP_LINES).filter(|l| reason(l).is_some()).collect();
        assert!(kept.is_empty(), "news lines taken as prompts: {kept:#?}");
        let missed: Vec<_> = fixture_lines(DROP_LINES).filter(|l| reason(l).is_none()).collect();
        assert!(missed.is_empty(), "prompts not found: {missed:#?}");
        assert!(fixture_lines(KEEP_LINES).count() >= 40 && fixture_lines(DROP_LINES).count() >= 25);
    }

    /// The groups of lines of a fixture of tests/data/tail-blurbs (a blank line ends one;
    /// '#' lines are comments and headings).
    fn blurb_groups(text: &str) -> Vec<Vec<&str>> {
        let mut out = vec![Vec::new()];
        for line in text.lines().map(str::trim) {
            if line.is_empty() {
                out.push(Vec::new());
            } else if !line.starts_with('#') {
                out.last_mut().into_iter().for_each(|g| g.push(line));
            }
        }
        out.retain(|g| !g.is_empty());
        out
    }

    /// Session 15, at block level: a blurb that introduces its writer by a name (or a greeting)
    /// is one; a closing paragraph about someone the lines before it name, or a title, a place
    /// or a pronoun, is not (tests/data/tail-blurbs, which tests/tail_blurbs.rs runs through
    /// `clean`).
    #[test]
    fn blurbs_that_introduce_their_writer_are_found() {
        let reason_after = |group: &[&str], k: usize| {
            let line = group[k];
            let named = |w: &str| group[..k].iter().any(|l| holds_word(l, w));
            prompt_reason(line, line.split_whitespace().count(), MAX_PROMPT_WORDS, &named, false)
        };
        let drop = blurb_groups(include_str!("../../tests/data/tail-blurbs/drop.txt"));
        let missed: Vec<_> =
            drop.iter().flat_map(|g| (0..g.len()).filter(|&k| reason_after(g, k).is_none()).map(|k| g[k])).collect();
        assert!(missed.is_empty(), "blurbs not found: {missed:#?}");
        let keep = blurb_groups(include_str!("../../tests/data/tail-blurbs/keep.txt"));
        let taken: Vec<_> =
            keep.iter().flat_map(|g| (0..g.len()).filter(|&k| reason_after(g, k).is_some()).map(|k| g[k])).collect();
        assert!(taken.is_empty(), "closing paragraphs taken as blurbs: {taken:#?}");
        // The name opens the block and goes straight on to what its bearer is or does.
        assert_eq!(reason("Anna-Lena Beispiel ist freie Journalistin in Köln."), Some(RemovalReason::AuthorBox));
        assert_eq!(reason("J. R. Doe is an editor at large."), Some(RemovalReason::AuthorBox));
        assert_eq!(reason("Jane Doe, 32, is expected back in court."), None);
        assert_eq!(reason("Jane Doe is expected back in court in May."), None);
        assert_eq!(reason("Apple is a company that sells phones."), None);
        assert_eq!(reason("NASA Administrator Doe is a former astronaut."), None);
        assert_eq!(reason("“Jane Doe is a hero,” the crowd chanted."), None);
    }

    /// The site's voice: outside quotes, not an acronym, imperatives only at a sentence's start,
    /// the formal "Sie" only inside a sentence.
    #[test]
    fn the_site_voice_is_read_where_it_speaks() {
        assert!(site_voice("Sign up for our newsletter.", false));
        assert!(!site_voice("The US government declined.", false));
        assert!(!site_voice("He said: \u{201c}We will subscribe.\u{201d}", false));
        assert!(!site_voice("\u{201c}We love our readers\u{201d}, the editor wrote.", false));
        assert!(!site_voice("About 2 million people subscribe to the service.", false));
        assert!(site_voice("Want more? Subscribe today.", false));
        assert!(site_voice("24/7 Live - Subscribe to the Pulse Newsletter!", false));
        assert!(!site_voice("A follow-up subscribe button.", false));
        assert!(site_voice("Abonnieren Sie den Newsletter.", false));
        assert!(!site_voice("Sie schreibt über Klima.", false));
        assert!(site_voice("Diese Website verwendet Cookies.", false));
        assert!(!site_voice("Welcome to my blog.", false));
        assert!(site_voice("Welcome to my blog.", true));
    }

    /// Words are the runs of alphanumeric characters, in every script; a trade statement's
    /// subject is named only by the same whole word ("Marsh" is not in "Marshall").
    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<_> = words("«Über» 24/7 Anna-Lena, ça; подпишитесь!").collect();
        assert_eq!(
            found,
            [(2, "Über"), (10, "24"), (13, "7"), (15, "Anna"), (20, "Lena"), (26, "ça"), (31, "подпишитесь")]
        );
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,; ").count(), 0);
        assert!(holds_word("Field Marshal Marsh, 32.", "Marsh"));
        assert!(!holds_word("He met Field Marshall Gomm.", "Marsh"));
        let line = "Evan Marsh is a journalist who has covered the region for six years.";
        let story = ["The general, Field Marshall Gomm, founded the depot in 1841.".to_string()];
        let named = |w: &str| story.iter().any(|t| holds_word(t, w));
        assert_eq!(prompt_reason(line, 13, MAX_PROMPT_WORDS, &named, false), Some(RemovalReason::AuthorBox));
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
            // A digit shares its five low bits with a letter ('0' and 'p'): the bucket alone
            // does not tell them apart.
            "0aywall 3ubscribe 4his blog",
        ] {
            assert_eq!(first_phrase_at_word_start(text, |_| true).map(|(k, _)| k), naive(text), "{text}");
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

    #[test]
    fn the_reporting_filter_lets_every_entry_through() {
        // The filter holds an entry's last word (`listed_after` matches a pair's first word
        // against the word before).
        for entry in REPORTING_WORDS.split('|') {
            assert!(may_report(entry.rsplit(' ').next().unwrap_or(entry)), "{entry}");
        }
        assert!(attributed("the company said on friday"));
        assert!(attributed("según el gobierno regional"));
        assert!(!attributed("the council voted on tuesday to rebuild the bridge"));
    }

    #[test]
    fn a_pager_label_opening_a_block_is_a_related_link() {
        for line in [
            "Previous articleCouncil approves new parking rules for the old town",
            "Nächster Artikel Stadtrat beschließt neue Parkregeln",
            "Article suivant Le conseil municipal adopte de nouvelles règles",
            "Artículo anterior El ayuntamiento aprueba nuevas normas",
        ] {
            assert_eq!(reason(line), Some(RemovalReason::RelatedLinks), "{line}");
        }
        // Inside a sentence the words are the story's.
        assert_eq!(reason("The council discussed the previous article of the statute on Tuesday."), None);
    }
}
