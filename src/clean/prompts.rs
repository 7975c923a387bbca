//! Prompts written as prose: a site's appeal to subscribe, follow, download its app, donate,
//! register to comment, or its legal notice, in full sentences ("To read the full story, please
//! subscribe to ...", "Comments are moderated ...", "Unterstützen Sie uns mit einer Spende").
//! The phrase signals (`signals.rs`) only fire on short blocks, since a body paragraph may quote
//! such words; these sentences are longer, read as prose to every shape input, and were most of
//! the boilerplate the learned decision kept (session 8). Here the phrases are one more input
//! of the block model (`promptPhrases`), weighed with the block's place and length rather than
//! deciding alone. The lists cover the product's languages (en, de, fr, es, it, pt, nl, ru, pl,
//! tr, ar) and name what sites say in general, not any site's own text.

/// Blocks longer than this are not searched: a prompt is a sentence or two, and a long paragraph
/// that mentions a subscription is the article's (it also bounds the cost of the search).
pub const MAX_PROMPT_WORDS: usize = 80;

/// Only the block's first bytes are searched (a prompt says what it wants early); a multiple of
/// nothing in particular, about 100 words.
const PROMPT_HEAD_BYTES: usize = 600;

/// Phrases of site prompts, lower case, matched at the start of a word.
const PROMPT_PHRASES: &[&str] = &[
    // en
    "subscribe",
    "subscription",
    "subscriber",
    "unsubscribe",
    "newsletter",
    "sign up",
    "follow us",
    "like us on",
    "on twitter",
    "on facebook",
    "on instagram",
    "download the",
    "our app",
    "get the latest",
    "stay up to date",
    "support our",
    "support us",
    "supporting our",
    "donate",
    "make a donation",
    "become a member",
    "your email",
    "email address",
    "e-mail address",
    "your inbox",
    "comments are",
    "comment policy",
    "moderated",
    "log in",
    "sign in",
    "full story",
    "full article",
    "click here",
    "all rights reserved",
    "copyright",
    "written permission",
    "cookies",
    "privacy policy",
    "terms of use",
    "i consent",
    "writes about",
    "is a reporter",
    "is a staff writer",
    "is a freelance",
    "reach him at",
    "reach her at",
    "letters to the editor",
    // de
    "abonnieren",
    "abonniere",
    "abonnement",
    "folgen sie uns",
    "folge uns",
    "unterstützen sie uns",
    "unterstütze uns",
    "jetzt spenden",
    "ihre spende",
    "eine spende",
    "netiquette",
    "registrieren sie",
    "melden sie sich",
    "datenschutzerklärung",
    "alle rechte vorbehalten",
    "e-mail-adresse",
    "ihre e-mail",
    "app herunterladen",
    // fr
    "abonnez-vous",
    "s'abonner",
    "inscrivez-vous",
    "suivez-nous",
    "soutenez-nous",
    "faire un don",
    "faites un don",
    "adresse e-mail",
    "adresse électronique",
    "tous droits réservés",
    "lettre d'information",
    // es
    "suscríbete",
    "suscribirse",
    "suscripción",
    "síguenos",
    "únete",
    "apóyanos",
    "haz una donación",
    "para comentar",
    "regístrate",
    "derechos reservados",
    "correo electrónico",
    "boletín",
    "canal de telegram",
    "canal de youtube",
    "descarga la app",
    // it
    "iscriviti",
    "abbonati",
    "abbonamento",
    "seguici",
    "sostienici",
    "tutti i diritti riservati",
    // pt
    "assine",
    "assinante",
    "inscreva-se",
    "siga-nos",
    "apoie",
    "direitos reservados",
    "baixe o app",
    // nl
    "abonneer",
    "volg ons",
    "steun ons",
    "nieuwsbrief",
    "alle rechten voorbehouden",
    // ru
    "подпиш",
    "подписывайтесь",
    "поддержите",
    "все права защищены",
    "рассылк",
    // pl
    "subskrybuj",
    "zapisz się",
    "obserwuj nas",
    "wesprzyj",
    "wszelkie prawa",
    // tr
    "abone ol",
    "bizi takip",
    "tüm hakları",
    "destek ol",
    // ar
    "اشترك",
    "تابعونا",
    "جميع الحقوق",
];

/// How many different prompt phrases start a word in the block's first bytes (0 for a block of
/// more than `max_words` words).
pub fn prompt_phrases(text: &str, words: usize, max_words: usize) -> usize {
    if words > max_words || words == 0 {
        return 0;
    }
    let head = crate::text::language::prefix_at_char_boundary(text, PROMPT_HEAD_BYTES);
    let lower = head.to_lowercase();
    PROMPT_PHRASES.iter().filter(|p| starts_a_word(&lower, p)).count()
}

/// True when `phrase` occurs in `text` at the start of a word.
fn starts_a_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        text.get(..at).and_then(|before| before.chars().next_back()).is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_in_prose_are_found_in_several_languages() {
        let n = |t: &str| prompt_phrases(t, t.split_whitespace().count(), MAX_PROMPT_WORDS);
        assert_eq!(n("To read the full story, please subscribe to The Valley Times."), 2);
        assert_eq!(n("Unterstützen Sie uns mit einer Spende, damit wir weiter berichten können."), 1);
        assert_eq!(n("Suivez-nous sur les réseaux sociaux et abonnez-vous à notre lettre d'information."), 3);
        assert_eq!(n("Подпишитесь на наш канал, чтобы не пропустить новости."), 1);
    }

    #[test]
    fn body_sentences_and_long_paragraphs_are_not_prompts() {
        let n = |t: &str| prompt_phrases(t, t.split_whitespace().count(), MAX_PROMPT_WORDS);
        // Words that only contain a phrase ("Madonna", "Bloglogin") do not count.
        assert_eq!(n("A woman, perhaps the Madonna, walks along the river at dawn."), 0);
        assert_eq!(n("The council voted on Tuesday to build a new bridge over the river."), 0);
        let long = "The paper said readers could subscribe to its newsletter. ".repeat(20);
        assert_eq!(n(&long), 0);
    }
}
