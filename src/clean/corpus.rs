//! Corpus-aware cleaning. With many documents loaded, one more piece of evidence exists: a block
//! repeated verbatim in documents that tell *different* stories is the site's boilerplate (a
//! footer, a newsletter prompt, an "Opinion / Editorial" rail), while a passage shared by
//! documents that also share their surrounding text is the same story syndicated, and stays.
//!
//! "Different stories" is decided per pair of documents from their content blocks (blocks of at
//! least [`CleanConfig::corpus_content_words`] words): two documents sharing at least
//! [`CleanConfig::same_story_overlap`] of the smaller one's content blocks are one story. A block
//! is boilerplate when some pair of the documents containing it are different stories. The
//! decision depends only on the *set* of documents, never on their order.

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
    let read: Vec<_> = docs.iter().map(|d| read_blocks(d.text, d.format)).collect();
    let keys: Vec<Vec<u64>> = read.iter().map(|r| r.blocks.iter().map(|b| block_key(&b.text)).collect()).collect();

    // Content blocks per document (sorted, distinct), for the same-story test.
    let content: Vec<Vec<u64>> = read
        .iter()
        .zip(&keys)
        .map(|(r, k)| {
            let mut c: Vec<u64> = r
                .blocks
                .iter()
                .zip(k)
                .filter(|(b, _)| super::features::words(&b.text).0.len() >= config.corpus_content_words)
                .map(|(_, &key)| key)
                .collect();
            c.sort_unstable();
            c.dedup();
            c
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

    let mut same_story: HashMap<(usize, usize), bool> = HashMap::new();
    let mut boilerplate: HashMap<u64, usize> = HashMap::new();
    if !config.disabled {
        for (key, docs_with) in holders.iter().filter(|(_, d)| d.len() >= 2) {
            let differs = docs_with.iter().enumerate().any(|(x, &a)| {
                docs_with[x + 1..].iter().any(|&b| {
                    !*same_story.entry((a, b)).or_insert_with(|| shares_story(&content[a], &content[b], config.same_story_overlap))
                })
            });
            if differs {
                boilerplate.insert(*key, docs_with.len());
            }
        }
    }

    read.into_iter()
        .zip(&keys)
        .zip(docs)
        .map(|((r, k), d)| {
            let repeats: Vec<Option<usize>> = k.iter().map(|key| boilerplate.get(key).copied()).collect();
            clean_blocks(r, config, d.overrides.unwrap_or(&empty), &repeats)
        })
        .collect()
}

/// True when two sorted, distinct content-block lists share at least `overlap` of the smaller.
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

    fn story(topic: &str) -> String {
        format!(
            "The council voted on Tuesday to expand the {topic} programme across the whole region.\n\n\
             Officials said the {topic} plan would cost less than the previous one and reach more people.\n\n\
             Critics argued that the {topic} budget had not been debated in public before the vote.\n\n\
             Sign up for our daily briefing and get the news that matters to you every morning.\n"
        )
    }

    #[test]
    fn site_prompt_is_boilerplate_but_syndicated_story_stays() {
        let a = story("housing");
        let b = story("transport");
        let c = story("housing");
        let docs = [CorpusInput::new(&a, InputFormat::Text), CorpusInput::new(&b, InputFormat::Text), CorpusInput::new(&c, InputFormat::Text)];
        let out = clean_corpus(&docs, &CleanConfig::default());
        for doc in &out {
            assert_eq!(doc.paragraphs.len(), 3, "{:?}", doc.removed);
            assert!(matches!(doc.removed.last().map(|r| &r.reason), Some(RemovalReason::RepeatedAcrossDocuments { count: 3 })));
        }
        // Order does not matter.
        let reversed = [docs[2], docs[1], docs[0]];
        let back = clean_corpus(&reversed, &CleanConfig::default());
        assert_eq!(back[0], out[2]);
        assert_eq!(back[2], out[0]);
    }
}
