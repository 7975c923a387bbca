//! What a block's own text gives the classifier (its scan, its word sample, its own signal),
//! kept across the documents of a corpus: a corpus is largely republished copies (the same story
//! on other sites, each site's own footer and prompts), and 39-43% of the block bytes of the
//! dedup corpora are a block seen before (`dedup-1k`, the 3,000 bench articles). The first pass
//! of `classify::prepare` looks each block up here before reading it, and adds what it read.
//!
//! Exact by construction: an entry is found by the block's identity hash and the stopword list,
//! and taken only when its text is byte for byte the block's; the cache belongs to one
//! configuration (a different one empties it). What an entry holds depends on nothing else: the
//! scan reads the text and the stopword list, the own signal the text, its scan and the
//! configuration (the classifier already reuses both for verbatim copies within a document).
//! So the output is the same whatever the order of documents and the thread schedule.
//!
//! Native only: the page cleans one document at a time.

use std::collections::HashMap;

use super::features::Scan;
use super::{CleanConfig, RemovalReason};
use crate::text::Stopwords;

/// Each of a thread's two generations holds up to this many bytes of block text, this many
/// blocks and this many sample hashes: about 700 articles of 3 KB (150 bytes a block in the
/// bench articles), far more than the distance over which a streamed corpus repeats a story's
/// republished copy (the bench's copies are at most 80 documents apart) or, with a few hundred
/// sites, a site's footer (the older generation keeps the one before, and what is in use moves
/// on to the new one). Fixed sizes, allocated once per thread and reused: no reallocation copies
/// the texts and entries as they grow. A thread's cache is about 2 x 5 MB: the 100,000-article
/// bench peaked 52 MB higher with generations twice this size (877 -> 929 MB; the bound is
/// 1 GB), and a smaller one stays warmer in the processor's caches.
pub(crate) const GENERATION_TEXT_BYTES: usize = 2 << 20;
pub(crate) const GENERATION_BLOCKS: usize = 12_000;
/// A block's sample is at most `features::NEIGHBOUR_WORDS` distinct words; most are shorter.
pub(crate) const GENERATION_SAMPLE_HASHES: usize = 16 * GENERATION_BLOCKS;

/// Blocks shorter than this are not kept: their scan costs less than the look-up, and the
/// classifier already takes the short repeats of a page (menu lines) from their first copy.
pub(crate) const MIN_CACHED_BLOCK_BYTES: usize = 16;

/// The cache's bookkeeping (look-up, copy of the text and reading) costs about 4 instructions a
/// byte looked up, and a hit saves the 60-70 of the scan and the phrase tests (callgrind, the
/// 3,000 bench articles with and without repeats): below about 6% of the bytes hit it costs more
/// than it saves. A thread whose hits over the last [`HIT_WINDOW_BYTES`] fall under this share
/// looks up (and keeps) only one block in [`SPARSE_SAMPLE`], chosen by its identity so that the
/// copies of a text are all in the sample or all out, and keeps measuring its hits there: a
/// corpus that starts repeating itself again turns the whole cache back on. (Not a
/// `CleanConfig` field: it changes the speed, never the output.)
pub(crate) const MIN_HIT_PERCENT: usize = 8;
/// Bytes of looked-up blocks over which the hit share is measured: about 80 articles of 3 KB.
pub(crate) const HIT_WINDOW_BYTES: usize = 256 << 10;
/// One block in this many (a power of two) is looked up while the hits are rare.
pub(crate) const SPARSE_SAMPLE: u64 = 16;

/// One block's reading, with the context fields of its features (position, similarity, short
/// run) cleared.
struct Entry {
    /// Where the text is in [`Generation::texts`].
    text: (u32, u32),
    /// The stopword list it was read with (its address: the lists are static).
    language: usize,
    /// Its scan, without the context fields ([`Scan::without_context`]).
    scan: Scan,
    own_signal: Option<RemovalReason>,
    /// Where the distinct hashes of its word sample are in [`Generation::samples`].
    sample: (u32, u32),
}

/// Blocks read, by the slot of their identity and language (an index in `entries`), their texts
/// and samples: all allocated once at their full size.
struct Generation {
    map: HashMap<u64, u32, crate::hashing::PassThroughBuild>,
    entries: Vec<Entry>,
    texts: String,
    samples: Vec<u64>,
}

impl Generation {
    fn new() -> Generation {
        Generation {
            map: HashMap::with_capacity_and_hasher(GENERATION_BLOCKS, Default::default()),
            entries: Vec::with_capacity(GENERATION_BLOCKS),
            texts: String::with_capacity(GENERATION_TEXT_BYTES),
            samples: Vec::with_capacity(GENERATION_SAMPLE_HASHES),
        }
    }

    /// Whether a block of `text` bytes and `hashes` sample hashes still fits.
    fn fits(&self, text: usize, hashes: usize) -> bool {
        self.entries.len() < GENERATION_BLOCKS
            && self.texts.len() + text <= GENERATION_TEXT_BYTES
            && self.samples.len() + hashes <= GENERATION_SAMPLE_HASHES
    }

    fn clear(&mut self) {
        self.map.clear();
        self.entries.clear();
        self.texts.clear();
        self.samples.clear();
    }

    fn find(&self, slot: u64, language: usize, text: &str) -> Option<&Entry> {
        let e = self.entries.get(*self.map.get(&slot)? as usize)?;
        (e.language == language && self.texts.get(e.text.0 as usize..e.text.1 as usize) == Some(text)).then_some(e)
    }

    fn sample(&self, e: &Entry) -> &[u64] {
        self.samples.get(e.sample.0 as usize..e.sample.1 as usize).unwrap_or_default()
    }
}

/// A hit: the block's scan (context fields cleared), own signal and sample.
pub(crate) struct Hit {
    pub scan: Scan,
    pub own_signal: Option<RemovalReason>,
}

/// One thread's cache: two generations, the current one filled until it is full (see
/// [`GENERATION_BLOCKS`]), then kept as the older one while the one before is emptied and filled
/// again; a hit in the older one is copied into the current one, so the blocks in use (a site's
/// footer) stay.
#[derive(Default)]
pub(crate) struct BlockCache {
    config: Option<CleanConfig>,
    /// Allocated at the first block kept.
    generations: Option<Box<[Generation; 2]>>,
    /// Which of `generations` is the current one.
    current: usize,
    /// Hits are rare: only a sample of the blocks is looked up (see [`MIN_HIT_PERCENT`]).
    sparse: bool,
    /// Bytes looked up and bytes found in the current window.
    looked: usize,
    found: usize,
}

thread_local! {
    static CACHE: std::cell::RefCell<BlockCache> = std::cell::RefCell::new(BlockCache::default());
}

/// The map key of a block: its identity (a uniform hash) and its stopword list.
fn slot_of(key: u64, language: usize) -> u64 {
    key ^ (language as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The address identifying a stopword list (0: none).
pub(crate) fn language_of(stopwords: Option<&Stopwords>) -> usize {
    stopwords.map_or(0, |s| s as *const Stopwords as usize)
}

impl BlockCache {
    /// This thread's cache, for `config` (emptied when it was filled under another one). Give it
    /// back with [`BlockCache::restore`].
    pub(crate) fn take(config: &CleanConfig) -> BlockCache {
        let mut cache = CACHE.with(|c| std::mem::take(&mut *c.borrow_mut()));
        if cache.config.as_ref() != Some(config) {
            cache = BlockCache { config: Some(config.clone()), ..BlockCache::default() };
        }
        cache
    }

    pub(crate) fn restore(self) {
        CACHE.with(|c| *c.borrow_mut() = self);
    }

    /// Whether to look up (and keep, when not found) a block of `len` bytes with identity `key`.
    #[inline]
    pub(crate) fn wants(&self, key: u64, len: usize) -> bool {
        len >= MIN_CACHED_BLOCK_BYTES && (!self.sparse || (key >> 32) % SPARSE_SAMPLE == 0)
    }

    /// Counts a look-up of `len` bytes, found or not, and at the end of a window decides whether
    /// the next one looks up every block or a sample.
    fn count(&mut self, len: usize, found: bool) {
        self.looked += len;
        if found {
            self.found += len;
        }
        if self.looked >= HIT_WINDOW_BYTES {
            self.sparse = self.found * 100 < self.looked * MIN_HIT_PERCENT;
            self.looked = 0;
            self.found = 0;
        }
    }

    /// The reading of `text` (identity `key`) under `stopwords`, its sample written to `sample`.
    pub(crate) fn get(
        &mut self,
        key: u64,
        language: usize,
        text: &str,
        sample: &mut super::features::WordSample,
    ) -> Option<Hit> {
        let found = self.find(key, language, text, sample);
        self.count(text.len(), found.is_some());
        found
    }

    fn find(&mut self, key: u64, language: usize, text: &str, sample: &mut super::features::WordSample) -> Option<Hit> {
        let slot = slot_of(key, language);
        let generations = self.generations.as_deref()?;
        let hit = |g: &Generation, e: &Entry, sample: &mut super::features::WordSample| {
            sample.refill(g.sample(e));
            Hit { scan: e.scan.clone(), own_signal: e.own_signal.clone() }
        };
        let current = &generations[self.current];
        if let Some(e) = current.find(slot, language, text) {
            return Some(hit(current, e, sample));
        }
        let older = &generations[1 - self.current];
        let e = older.find(slot, language, text)?;
        let found = hit(older, e, sample);
        let distinct = older.sample(e).to_vec();
        self.insert(key, language, text, &found.scan, found.own_signal.clone(), &distinct);
        Some(found)
    }

    /// Keeps the reading of `text`: its scan (the context fields are cleared here), own signal
    /// and sample.
    pub(crate) fn insert(
        &mut self,
        key: u64,
        language: usize,
        text: &str,
        scan: &Scan,
        own_signal: Option<RemovalReason>,
        distinct: &[u64],
    ) {
        if text.len() > GENERATION_TEXT_BYTES / 4 {
            return;
        }
        let generations = self.generations.get_or_insert_with(|| Box::new([Generation::new(), Generation::new()]));
        if !generations[self.current].fits(text.len(), distinct.len()) {
            self.current = 1 - self.current;
            generations[self.current].clear();
        }
        let g = &mut generations[self.current];
        let start = g.texts.len();
        g.texts.push_str(text);
        let sample_start = g.samples.len();
        g.samples.extend_from_slice(distinct);
        g.map.insert(slot_of(key, language), g.entries.len() as u32);
        g.entries.push(Entry {
            text: (start as u32, g.texts.len() as u32),
            language,
            scan: scan.without_context(),
            own_signal,
            sample: (sample_start as u32, g.samples.len() as u32),
        });
    }
}
