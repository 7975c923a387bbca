//! The generated corpus of republished news that `benches/dedup.rs` measures and
//! `tests/dedup_hard_negatives.rs` checks clusters on (included by path by both).
//!
//! The generator makes stories (about 3 KB of prose each) and publishes each one on several
//! sites: every site wraps its copies in its own boilerplate (navigation, dateline, "Related"
//! rail of other stories' teasers, newsletter prompt, copyright footer) and makes house edits (a
//! synonym list of its own, dropped or cut paragraphs, an agency dateline). Nothing is
//! downloaded; the same seed gives the same corpus.
//!
//! [`Corpus::with_hard_negatives`] adds the hard negatives issue 4 names, none of them fitted to
//! the dev set: stories come in topics that share named entities, stock phrases and stock
//! background sentences (same-topic stories); a quarter of stories are follow-ups of an earlier
//! story of their topic that reuse one to three of its background paragraphs word for word; some
//! stories are short briefs, where boilerplate weighs most; a few are round-ups ("morning
//! briefing") made of the first paragraph of each of 3-6 earlier stories, so a round-up opens
//! with another story's opening without being that story; and every site adds boilerplate inside
//! the body that a cleaner may keep (a byline of its staff, a "read more" prompt between
//! paragraphs, a closing tagline), the same in all its stories. Without it the corpus is the one
//! every earlier benchmark figure was measured on.

// Each crate that includes this uses only some of it.
#![allow(dead_code)]

/// splitmix64: a tiny seeded generator, enough for text synthesis.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Words: a vocabulary of pronounceable pseudo-words drawn with a Zipf-like skew, so function
/// words repeat as in English and content words are rare.
struct Vocabulary {
    words: Vec<String>,
}

impl Vocabulary {
    fn new(size: usize, seed: u64) -> Vocabulary {
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl",
            "gr", "ch", "sh",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
        let mut rng = Rng(seed);
        let mut words: Vec<String> = [
            "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "on", "with", "as", "said", "by",
            "at", "from", "his", "it",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        while words.len() < size {
            let syllables = 1 + rng.below(3);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
            }
            if rng.chance(0.3) {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
            }
            words.push(w);
        }
        Vocabulary { words }
    }

    /// A word with rank drawn from roughly 1/rank.
    fn word(&self, rng: &mut Rng) -> &str {
        let n = self.words.len() as f64;
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = (n.powf(u) - 1.0) as usize;
        &self.words[rank.min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let n = 12 + rng.below(18);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word(rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
            }
            if i > 2 && i + 2 < n && rng.chance(0.06) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }
}

/// A story: title and paragraphs of sentences.
struct Story {
    title: String,
    paragraphs: Vec<Vec<String>>,
}

fn story(vocab: &Vocabulary, seed: u64) -> Story {
    let mut rng = Rng(seed);
    let title: String = (0..6).map(|_| vocab.word(&mut rng)).collect::<Vec<_>>().join(" ");
    // About 3 KB: 7 paragraphs of 3 sentences of about 20 words.
    let paragraphs =
        (0..6 + rng.below(3)).map(|_| (0..2 + rng.below(3)).map(|_| vocab.sentence(&mut rng)).collect()).collect();
    Story { title, paragraphs }
}

/// A story's title and first sentence (its teaser), drawn exactly as [`story`] draws them.
fn story_head(vocab: &Vocabulary, seed: u64) -> (String, String) {
    let mut rng = Rng(seed);
    let title: String = (0..6).map(|_| vocab.word(&mut rng)).collect::<Vec<_>>().join(" ");
    let _paragraphs = rng.below(3);
    let _sentences = rng.below(3);
    (title, vocab.sentence(&mut rng))
}

/// A site's look: name, navigation, footer lines, and its house synonyms.
struct Site {
    name: String,
    nav: String,
    footer: Vec<String>,
    synonyms: Vec<(String, String)>,
    /// In-body boilerplate of the hard corpus, which a cleaner may keep: the site's staff
    /// (bylines), a "read more" prompt between paragraphs and a closing tagline.
    staff: Vec<String>,
    prompt: String,
    tagline: String,
}

fn site(vocab: &Vocabulary, i: usize) -> Site {
    let mut rng = Rng(0x517e ^ (i as u64) << 16);
    let name = format!("{}{}.com", vocab.word(&mut rng), i);
    let nav = (0..8).map(|_| vocab.word(&mut rng).to_string()).collect::<Vec<_>>().join(" | ");
    let footer = vec![
        format!("Copyright © {name}. All rights reserved."),
        format!("Subscribe to the {name} newsletter for the latest headlines every morning!"),
        "Comments are moderated and will appear after approval. Please keep it civil.".to_string(),
        format!("Follow {name} on Twitter, Facebook and Instagram."),
    ];
    // House style swaps mid-frequency words (rank 100-3000), as "jihadists" → "militants" does.
    let mid = |rng: &mut Rng| vocab.words[100 + rng.below(2900)].clone();
    let synonyms = (0..30).map(|_| (mid(&mut rng), mid(&mut rng))).collect();
    // Drawn after everything else, so the plain corpus is what it was before they existed.
    let staff = (0..4)
        .map(|_| format!("{} {}", capitalised(vocab.word(&mut rng)), capitalised(vocab.word(&mut rng))))
        .collect();
    let prompt = format!(
        "READ MORE: Sign up for the {name} morning briefing and get the {} stories that matter delivered to your inbox.",
        vocab.word(&mut rng)
    );
    let tagline = format!(
        "{name} is an independent {} newsroom. Our journalism is supported by readers like you: become a member today.",
        vocab.word(&mut rng)
    );
    Site { name, nav, footer, synonyms, staff, prompt, tagline }
}

/// The generated corpus: document `i` is a copy of story `story_of(i)` on site `i % sites`.
pub struct Corpus {
    vocab: Vocabulary,
    sites: Vec<Site>,
    docs: usize,
    seed: u64,
    /// The hard negatives (see [`Corpus::with_hard_negatives`]), when set.
    hard: Option<Hard>,
}

impl Corpus {
    pub fn new(docs: usize, seed: u64) -> Corpus {
        let vocab = Vocabulary::new(20_000, seed);
        let sites = (0..200).map(|i| site(&vocab, i)).collect();
        Corpus { vocab, sites, docs, seed, hard: None }
    }

    /// Stories have 1 to 8 copies: a third of documents are unique, the rest are copies.
    pub fn story_of(&self, i: usize) -> usize {
        let mut rng = Rng(self.seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        if rng.chance(0.35) {
            return i;
        }
        // Copies point at a story "nearby" in the stream, as republished news arrives in bursts.
        let back = 1 + rng.below(40);
        let j = i.saturating_sub(back);
        // Follow one step so chains collapse to an original.
        let mut r2 = Rng(self.seed ^ (j as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        if r2.chance(0.35) {
            j
        } else {
            j.saturating_sub(1 + r2.below(40))
        }
    }

    /// Document `i`'s text and its true story.
    pub fn document(&self, i: usize) -> (String, usize) {
        let sid = self.story_of(i);
        let st = match &self.hard {
            Some(hard) => hard.story(self, sid),
            None => story(&self.vocab, self.seed ^ (sid as u64) << 20),
        };
        let site = &self.sites[self.site_of(i)];
        let mut rng = Rng(self.seed ^ 0xd0c ^ (i as u64) << 8);
        // The hard corpus's own draws, apart, so that the plain corpus's stay as they were.
        let mut hard_rng = Rng(self.seed ^ 0xb0e ^ (i as u64) << 8);
        let mut out = String::with_capacity(4096);
        out.push_str(&site.nav);
        out.push_str("\n\n");
        out.push_str(&format!("{} | {}\n\n", st.title, site.name));
        out.push_str(&format!(
            "{} {}, 20{:02}\n\n",
            1 + rng.below(28),
            ["March", "June", "October"][rng.below(3)],
            10 + rng.below(15)
        ));
        if self.hard.is_some() {
            let author = &site.staff[hard_rng.below(site.staff.len())];
            out.push_str(&format!("By {author}, {} staff\n\n", site.name));
        }
        let keep = if rng.chance(0.25) {
            2 + rng.below(st.paragraphs.len().saturating_sub(2).max(1))
        } else {
            st.paragraphs.len()
        };
        for (p, para) in st.paragraphs.iter().take(keep).enumerate() {
            if p > 0 && rng.chance(0.08) {
                continue; // house edit: a dropped paragraph
            }
            let mut text = para.join(" ");
            if p == 0 && rng.chance(0.5) {
                text = format!("LONDON (AFP) - {text}");
            }
            for (from, to) in &site.synonyms {
                if rng.chance(0.5) {
                    text = text.replace(&format!(" {from} "), &format!(" {to} "));
                }
            }
            out.push_str(&text);
            out.push_str("\n\n");
            if self.hard.is_some() && p == 1 && hard_rng.chance(0.5) {
                out.push_str(&site.prompt);
                out.push_str("\n\n");
            }
        }
        if self.hard.is_some() && hard_rng.chance(0.7) {
            out.push_str(&site.tagline);
            out.push_str("\n\n");
        }
        // The "Related" rail: headlines and teasers (openings) of other stories.
        out.push_str("Related Articles\n\n");
        for _ in 0..6 {
            let other = rng.below(self.docs);
            let (title, teaser) = match &self.hard {
                Some(hard) => hard.head(self, other),
                None => story_head(&self.vocab, self.seed ^ (other as u64) << 20),
            };
            out.push_str(&title);
            out.push_str("\n\n");
            if rng.chance(0.5) {
                out.push_str(&teaser);
                out.push_str("\n\n");
            }
        }
        for line in &site.footer {
            out.push_str(line);
            out.push_str("\n\n");
        }
        (out, sid)
    }
}

/// Number of topics of the hard corpus: about 160 stories per topic in 10,000 documents, 16 in
/// 1,000.
const TOPICS: usize = 40;
/// Share of a same-topic sentence's words drawn from its topic's words.
const TOPIC_WORD_SHARE: f64 = 0.25;
/// Chance that a sentence names one of its topic's entities (a stock phrase of 2-4 words).
const ENTITY_CHANCE: f64 = 0.5;
/// Chance that a paragraph ends with one of its topic's stock background sentences.
const STOCK_SENTENCE_CHANCE: f64 = 0.2;
/// Share of stories that are follow-ups of an earlier story of their topic.
const FOLLOW_UP_SHARE: f64 = 0.25;
/// How far back (in stories) a follow-up's original may lie.
const FOLLOW_UP_REACH: usize = 300;
/// Share of (other) stories that are briefs of one or two paragraphs.
const BRIEF_SHARE: f64 = 0.08;
/// Share of (other) stories that are round-ups ("morning briefing"): the first paragraph of
/// each of a few earlier stories, one after the other. A round-up opens with its first
/// story's opening but is not that story.
const ROUND_UP_SHARE: f64 = 0.03;
/// Stories a round-up quotes the opening paragraph of: 3 to this many.
const ROUND_UP_MAX_STORIES: usize = 6;
/// How far back (in stories) a round-up's stories may lie.
const ROUND_UP_REACH: usize = 100;

/// A word with its first letter upper-cased.
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The words, entities and stock sentences one topic's stories share.
struct Topic {
    words: Vec<String>,
    entities: Vec<String>,
    stock: Vec<String>,
}

/// What kind of story a story id is in the hard corpus.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Full,
    Brief,
    /// A follow-up of the given earlier story (never itself a follow-up).
    FollowUp(usize),
    /// A round-up opening with the given earlier story's first paragraph (then other stories').
    RoundUp(usize),
}

/// The hard corpus's stories: topics, follow-ups, briefs.
pub struct Hard {
    topics: Vec<Topic>,
}

impl Corpus {
    /// The same corpus with the hard negatives (see the module's doc).
    pub fn with_hard_negatives(mut self) -> Corpus {
        let mut rng = Rng(self.seed ^ 0x70_91c5);
        let vocab = &self.vocab;
        // Topic words are mid-frequency words (rank 100-5000): names, places, subject terms.
        let mid = |rng: &mut Rng| vocab.words[100 + rng.below(4900)].clone();
        let topics = (0..TOPICS)
            .map(|_| {
                let words: Vec<String> = (0..40).map(|_| mid(&mut rng)).collect();
                let entities = (0..10)
                    .map(|_| (0..2 + rng.below(3)).map(|_| capitalised(&mid(&mut rng))).collect::<Vec<_>>().join(" "))
                    .collect();
                let mut topic = Topic { words, entities, stock: Vec::new() };
                topic.stock = (0..6).map(|_| topic_sentence(vocab, &topic, &mut rng)).collect();
                topic
            })
            .collect();
        self.hard = Some(Hard { topics });
        self
    }

    /// What story `sid` is in the hard corpus: "full", "brief" or "followUp" with its original;
    /// `None` for the plain corpus.
    pub fn story_kind(&self, sid: usize) -> Option<(&'static str, Option<usize>)> {
        Some(match self.hard.as_ref()?.kind(self, sid) {
            Kind::Full => ("full", None),
            Kind::Brief => ("brief", None),
            Kind::FollowUp(j) => ("followUp", Some(j)),
            Kind::RoundUp(j) => ("roundUp", Some(j)),
        })
    }

    /// The site that publishes document `i`.
    pub fn site_of(&self, i: usize) -> usize {
        i % self.sites.len()
    }

    /// True when story `sid` appears in the corpus (some document is its first copy).
    fn is_story(&self, sid: usize) -> bool {
        sid < self.docs && self.story_of(sid) == sid
    }
}

/// A sentence of a topic: a quarter of its words and often an entity from the topic.
fn topic_sentence(vocab: &Vocabulary, topic: &Topic, rng: &mut Rng) -> String {
    let n = 12 + rng.below(18);
    let mut words: Vec<&str> = (0..n)
        .map(|_| {
            if rng.chance(TOPIC_WORD_SHARE) {
                topic.words[rng.below(topic.words.len())].as_str()
            } else {
                vocab.word(rng)
            }
        })
        .collect();
    if rng.chance(ENTITY_CHANCE) {
        let at = rng.below(n);
        words.insert(at, topic.entities[rng.below(topic.entities.len())].as_str());
    }
    let mut s = capitalised(words[0]);
    for (i, w) in words.iter().enumerate().skip(1) {
        s.push(' ');
        s.push_str(w);
        if i > 2 && i + 2 < words.len() && rng.chance(0.06) {
            s.push(',');
        }
    }
    s.push('.');
    s
}

impl Hard {
    fn kind(&self, corpus: &Corpus, sid: usize) -> Kind {
        let mut rng = Rng(corpus.seed ^ 0x4b1d ^ (sid as u64).wrapping_mul(0x9e37_79b9));
        if sid > 0 && rng.chance(FOLLOW_UP_SHARE) {
            // The original: an earlier story of the corpus that is not itself a follow-up.
            let mut j = sid.saturating_sub(1 + rng.below(FOLLOW_UP_REACH));
            loop {
                if corpus.is_story(j) && !matches!(self.kind(corpus, j), Kind::FollowUp(_)) {
                    return Kind::FollowUp(j);
                }
                if j == 0 {
                    break;
                }
                j -= 1;
            }
        }
        // Drawn apart, so that which stories are briefs does not change with round-ups.
        if let Some(first) = self.round_up_stories(corpus, sid).first() {
            return Kind::RoundUp(*first);
        }
        if rng.chance(BRIEF_SHARE) {
            Kind::Brief
        } else {
            Kind::Full
        }
    }

    /// The stories a round-up `sid` quotes (empty when `sid` is not one): earlier stories of the
    /// corpus that are neither follow-ups, briefs nor round-ups (told from their draws alone,
    /// so that no story's kind needs another's).
    fn round_up_stories(&self, corpus: &Corpus, sid: usize) -> Vec<usize> {
        let mut rng = Rng(corpus.seed ^ 0x50d ^ (sid as u64).wrapping_mul(0x9e37_79b9));
        if sid == 0 || !rng.chance(ROUND_UP_SHARE) || Self::drew_follow_up(corpus, sid) {
            return Vec::new();
        }
        let want = 3 + rng.below(ROUND_UP_MAX_STORIES - 2);
        let mut out = Vec::new();
        for _ in 0..want * 8 {
            let j = sid.saturating_sub(1 + rng.below(ROUND_UP_REACH));
            if corpus.is_story(j)
                && !out.contains(&j)
                && !Self::drew_follow_up(corpus, j)
                && !Self::drew_round_up(corpus, j)
                && !Self::drew_brief(corpus, j)
            {
                out.push(j);
                if out.len() == want {
                    break;
                }
            }
        }
        // A round-up of fewer than three stories is not one.
        if out.len() < 3 {
            out.clear();
        }
        out
    }

    /// True when story `sid` drew the follow-up chance (the first draw of [`Hard::kind`]).
    fn drew_follow_up(corpus: &Corpus, sid: usize) -> bool {
        sid > 0 && Rng(corpus.seed ^ 0x4b1d ^ (sid as u64).wrapping_mul(0x9e37_79b9)).chance(FOLLOW_UP_SHARE)
    }

    /// True when story `sid` (not a follow-up) drew the brief chance (the second draw of
    /// [`Hard::kind`], the first for story 0). A brief is all opening: a round-up quoting it
    /// would hold the whole story.
    fn drew_brief(corpus: &Corpus, sid: usize) -> bool {
        let mut rng = Rng(corpus.seed ^ 0x4b1d ^ (sid as u64).wrapping_mul(0x9e37_79b9));
        if sid > 0 {
            rng.chance(FOLLOW_UP_SHARE);
        }
        rng.chance(BRIEF_SHARE)
    }

    /// True when story `sid` drew the round-up chance.
    fn drew_round_up(corpus: &Corpus, sid: usize) -> bool {
        sid > 0 && Rng(corpus.seed ^ 0x50d ^ (sid as u64).wrapping_mul(0x9e37_79b9)).chance(ROUND_UP_SHARE)
    }

    /// A story's topic: its original's for a follow-up.
    fn topic(&self, corpus: &Corpus, sid: usize) -> &Topic {
        let root = match self.kind(corpus, sid) {
            Kind::FollowUp(j) => j,
            _ => sid,
        };
        &self.topics[(Rng(corpus.seed ^ 0x7091c ^ (root as u64) << 12).next() as usize) % self.topics.len()]
    }

    /// Story `sid`: title and paragraphs.
    fn story(&self, corpus: &Corpus, sid: usize) -> Story {
        let kind = self.kind(corpus, sid);
        let topic = self.topic(corpus, sid);
        let vocab = &corpus.vocab;
        let mut rng = Rng(corpus.seed ^ 0x5709 ^ (sid as u64) << 20);
        let title = (0..6)
            .map(|k| {
                if k % 3 == 1 {
                    topic.words[rng.below(topic.words.len())].clone()
                } else {
                    vocab.word(&mut rng).to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let paragraph = |rng: &mut Rng| {
            let mut p: Vec<String> = (0..2 + rng.below(3)).map(|_| topic_sentence(vocab, topic, rng)).collect();
            if rng.chance(STOCK_SENTENCE_CHANCE) {
                p.push(topic.stock[rng.below(topic.stock.len())].clone());
            }
            p
        };
        if let Kind::RoundUp(_) = kind {
            // Each quoted story's first paragraph, as its copies print it before house edits.
            let paragraphs = self
                .round_up_stories(corpus, sid)
                .into_iter()
                .filter_map(|j| self.story(corpus, j).paragraphs.into_iter().next())
                .collect();
            return Story { title, paragraphs };
        }
        let count = match kind {
            Kind::Brief => 1 + rng.below(2),
            Kind::FollowUp(_) => 3 + rng.below(3),
            Kind::Full | Kind::RoundUp(_) => 6 + rng.below(3),
        };
        let mut paragraphs: Vec<Vec<String>> = (0..count).map(|_| paragraph(&mut rng)).collect();
        if let Kind::FollowUp(original) = kind {
            // Background: one to three of the original's paragraphs after its lede, word for
            // word, after the follow-up's own first two paragraphs.
            let earlier = self.story(corpus, original).paragraphs;
            let reused = 1 + rng.below(3);
            let from = 1 + rng.below(earlier.len().saturating_sub(1).max(1));
            let background: Vec<Vec<String>> = earlier.into_iter().skip(from).take(reused).collect();
            let at = 2.min(paragraphs.len());
            paragraphs.splice(at..at, background);
        }
        Story { title, paragraphs }
    }

    /// Story `sid`'s title and first sentence (its teaser).
    fn head(&self, corpus: &Corpus, sid: usize) -> (String, String) {
        let st = self.story(corpus, sid);
        let first = st.paragraphs.first().and_then(|p| p.first()).cloned().unwrap_or_default();
        (st.title, first)
    }
}
