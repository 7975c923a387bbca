//! Corpus-aware cleaning. With many documents loaded, one more piece of evidence exists: a block
//! repeated verbatim in documents that tell *different* stories is the site's boilerplate (a
//! footer, a newsletter prompt, an "Opinion / Editorial" rail), while a passage shared by
//! documents that also share their surrounding text is the same story syndicated, and stays.
//!
//! "Same story" is decided per pair of documents from the word 4-gram shingles of their content
//! blocks (blocks of at least [`CleanConfig::corpus_content_words`] words): two documents sharing
//! at least [`CleanConfig::same_story_overlap`] of the smaller one's shingles are one story. A
//! block is boilerplate in a document when other documents repeat it and none of them tells that
//! document's story (so another story's first sentence shown as a teaser in a rail goes from the
//! rail and stays in that story's copies). The decision depends only on the *set* of documents,
//! never on their order.

use std::collections::{BTreeMap, HashMap};

use super::{block_key, clean_blocks, read_blocks, CleanConfig, CleanOverrides, CleanedDocument, InputFormat};

/// One document of a corpus to clean.
#[derive(Debug, Clone, Copy)]
pub struct CorpusInput<'a> {
    pub text: &'a str,
    pub format: InputFormat,
    /// The page's "keep this line" choices for this document.
    pub overrides: Option<&'a CleanOverrides>,
}

impl<'a> CorpusInput<'a> {
    pub fn new(text: &'a str, format: InputFormat) -> Self {
        CorpusInput { text, format, overrides: None }
    }
}

/// Cleans every document, using repeats across documents as evidence. With one document this is
/// [`super::clean_with_overrides`].
pub fn clean_corpus(docs: &[CorpusInput<'_>], config: &CleanConfig) -> Vec<CleanedDocument> {
    let empty = CleanOverrides::default();
    let read: Vec<_> = docs.iter().map(|d| read_blocks(d.text, d.format, config)).collect();
    let keys: Vec<Vec<u64>> = read.iter().map(|r| r.blocks.iter().map(|b| block_key(&b.text)).collect()).collect();

    // Word 4-gram shingles of each document's content blocks (sorted, distinct), for the
    // same-story test: copies of a story keep most of them through a site's house edits
    // (synonyms, merged paragraphs), different stories share almost none.
    let shingles: Vec<Vec<u64>> = read
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            for b in &r.blocks {
                let mut hashes = Vec::new();
                super::features::for_each_word(&b.text, |w| hashes.push(super::features::word_hash(w)));
                if hashes.len() < config.corpus_content_words {
                    continue;
                }
                out.extend(hashes.windows(SHINGLE_WORDS).map(|w| w.iter().fold(0u64, |acc, h| acc.rotate_left(17) ^ h)));
            }
            out.sort_unstable();
            out.dedup();
            out
        })
        .collect();

    // Which documents hold each block (BTreeMap: deterministic iteration).
    let mut holders: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (d, k) in keys.iter().enumerate() {
        let mut distinct = k.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for key in distinct {
            holders.entry(key).or_default().push(d);
        }
    }

    // A block is the site's boilerplate in document `d` when other documents repeat it and none
    // of them tells d's story; where another holder is a copy of d's story, the block is part of
    // that story (a syndicated passage) and stays.
    let mut same_story: HashMap<(usize, usize), bool> = HashMap::new();
    let mut boilerplate: HashMap<(usize, u64), usize> = HashMap::new();
    if !config.disabled {
        for (key, docs_with) in holders.iter().filter(|(_, d)| d.len() >= 2) {
            for &d in docs_with {
                let shares = docs_with.iter().filter(|&&o| o != d).any(|&o| {
                    let pair = (d.min(o), d.max(o));
                    *same_story.entry(pair).or_insert_with(|| shares_story(&shingles[pair.0], &shingles[pair.1], config.same_story_overlap))
                });
                if !shares {
                    boilerplate.insert((d, *key), docs_with.len());
                }
            }
        }
    }

    read.into_iter()
        .zip(&keys)
        .zip(docs)
        .enumerate()
        .map(|(index, ((r, k), d))| {
            let repeats: Vec<Option<usize>> = k.iter().map(|key| boilerplate.get(&(index, *key)).copied()).collect();
            clean_blocks(r, config, d.overrides.unwrap_or(&empty), &repeats)
        })
        .collect()
}

/// Shingles of four words: long enough that different stories on one topic rarely share them.
const SHINGLE_WORDS: usize = 4;

/// True when two sorted, distinct shingle lists share at least `overlap` of the smaller.
fn shares_story(a: &[u64], b: &[u64], overlap: f64) -> bool {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return false;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 >= overlap * smaller as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::RemovalReason;

    const HOUSING: &str = "The council voted on Tuesday to expand the housing programme across the whole region.\n\n\
        Officials said the plan would cost less than the previous one and reach more families.\n\n\
        Critics argued that the budget had not been debated in public before the vote.\n";
    const TRANSPORT: &str = "A new tram line will link the airport with the old town from next spring, the operator said.\n\n\
        Trains will run every ten minutes during the day and every half hour at night.\n\n\
        Tickets bought for the bus network will also be valid on the new line, which cost two hundred million.\n";
    const SITE_ONE_PROMPT: &str = "Sign up for our daily briefing and get the news that matters to you every morning.\n";
    const SITE_TWO_PROMPT: &str = "Our reporters cover the region every day, and your support keeps local journalism alive.\n";

    #[test]
    fn site_prompt_is_boilerplate_but_syndicated_story_stays() {
        // One site publishes two stories with its prompt; another site syndicates the first story.
        let a = format!("{HOUSING}\n{SITE_ONE_PROMPT}");
        let b = format!("{TRANSPORT}\n{SITE_ONE_PROMPT}");
        let c = format!("{HOUSING}\n{SITE_TWO_PROMPT}");
        let docs = [CorpusInput::new(&a, InputFormat::Text), CorpusInput::new(&b, InputFormat::Text), CorpusInput::new(&c, InputFormat::Text)];
        let out = clean_corpus(&docs, &CleanConfig::default());
        for doc in &out[..2] {
            assert_eq!(doc.paragraphs.len(), 3, "{:?}", doc.removed);
            assert!(matches!(doc.removed.last().map(|r| &r.reason), Some(RemovalReason::RepeatedAcrossDocuments { count: 2 })));
        }
        // The shared story stays whole in both copies; the second site's prompt is seen once.
        assert_eq!(out[0].paragraphs, out[2].paragraphs[..3].to_vec());
        // Order does not matter.
        let reversed = [docs[2], docs[1], docs[0]];
        let back = clean_corpus(&reversed, &CleanConfig::default());
        assert_eq!(back[0], out[2]);
        assert_eq!(back[2], out[0]);
    }
}
