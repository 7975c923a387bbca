//! Generated news-like text for the cleaning benchmark and its profiling helper
//! (`examples/clean_gen.rs`): the same deterministic input in both, so a profile is of what the
//! benchmark measures.

/// A deterministic pseudo-random generator (xorshift), so every run cleans the same text.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

pub const WORDS: &[&str] = &[
    "the", "council", "voted", "on", "Tuesday", "to", "build", "a", "new", "bridge", "over", "river", "and", "said",
    "it", "would", "cost", "less", "than", "planned", "Moscow", "accused", "“US”", "of", "in", "Iraq", "strikes",
    "against", "group", "claims", "Pentagon", "denied", "from", "with", "by", "for", "was", "were", "Müller", "café",
];
pub const BOILERPLATE: &[&str] = &[
    "Home > News > World",
    "Subscribe to our newsletter!",
    "Read more: Council raises parking fees again",
    "Published in Dawn, October 11th, 2017",
    "(AFP/File)",
    "Follow us on Twitter @news",
    "Most read",
    "Storm closes ferry route for a week",
    "Updated 24 Feb, 2025",
];

pub fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s.push('.');
    s
}

/// A page-like text of about `bytes` bytes: paragraphs of prose with boilerplate lines between.
pub fn document(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        if rng.next() % 4 == 0 {
            out.push_str(rng.pick(BOILERPLATE));
        } else {
            let n = 12 + (rng.next() % 40) as usize;
            out.push_str(&sentence(&mut rng, n));
        }
        out.push_str("\n\n");
    }
    out
}
