//! The contents page: where it is, what it lists, and which entries name a heading.

use crate::blocks::Block;
use crate::record::ContentsEntry;
use crate::span::Span;
use crate::text::{fold, is_word_prefix, strip_emphasis, word_similarity};

/// Where the contents page is and what it lists.
#[derive(Debug, Default)]
pub struct Contents {
    /// Block indices `[start, end)` the contents page occupies.
    pub blocks: std::ops::Range<usize>,
    pub entries: Vec<ContentsEntry>,
    index: ContentsIndex,
}

/// Folded contents titles, looked up by their first two words, so matching a heading against a
/// contents page of thousands of entries does not compare it with every entry.
#[derive(Debug, Default)]
struct ContentsIndex {
    folded: Vec<String>,
    /// Folded title → entries.
    exact: std::collections::HashMap<String, Vec<usize>>,
    /// Every word-prefix of a folded title → entries (for "heading is a prefix of the entry").
    prefixes: std::collections::HashMap<String, Vec<usize>>,
    by_start: std::collections::HashMap<String, Vec<usize>>,
}

fn first_two_words(folded: &str) -> String {
    folded.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

impl ContentsIndex {
    fn new(entries: &[ContentsEntry]) -> ContentsIndex {
        let folded: Vec<String> = entries.iter().map(|e| fold(&e.title)).collect();
        let mut index = ContentsIndex::default();
        for (i, f) in folded.iter().enumerate() {
            index
                .by_start
                .entry(first_two_words(f))
                .or_default()
                .push(i);
            index.exact.entry(f.clone()).or_default().push(i);
            for (at, _) in f.match_indices(' ') {
                index
                    .prefixes
                    .entry(f[..at].to_owned())
                    .or_default()
                    .push(i);
            }
        }
        index.folded = folded;
        index
    }
}

impl Contents {
    /// Entries (by index, in order) that name the same thing as a heading: equal once folded, one
    /// a word-prefix of the other, or most words shared. Entries are compared only with headings
    /// that start with the same two words.
    pub fn matching(&self, heading: &str) -> Vec<usize> {
        let h = fold(heading);
        let index = &self.index;
        let mut found: Vec<usize> = index.exact.get(&h).cloned().unwrap_or_default();
        // An entry that is a word-prefix of the heading ("… Made in Italy" for "… Made in Italy - GIOTTO").
        for (at, _) in h.match_indices(' ') {
            if at >= 12
                && let Some(entries) = index.exact.get(&h[..at])
            {
                found.extend(entries);
            }
        }
        // The heading a word-prefix of an entry.
        if h.len() >= 12
            && let Some(entries) = index.prefixes.get(&h)
        {
            found.extend(entries);
        }
        if found.is_empty() {
            // Most words shared: only entries starting like the heading are compared.
            if let Some(bucket) = index.by_start.get(&first_two_words(&h)) {
                found.extend(
                    bucket
                        .iter()
                        .copied()
                        .filter(|&i| folded_titles_match(&index.folded[i], &h)),
                );
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Whether some entry's folded title is exactly this (folded) text.
    pub fn has_folded(&self, folded: &str) -> bool {
        self.index.exact.contains_key(folded)
    }
}

/// The contents page: a paragraph headed "Contents" and the entry lines after it.
pub fn find_contents(blocks: &[Block]) -> Contents {
    for (i, block) in blocks.iter().enumerate() {
        let Some(para) = block.as_text() else {
            continue;
        };
        let first = fold(strip_emphasis(&para.lines[0].text));
        if first != "contents" && first != "table of contents" {
            continue;
        }
        let mut entries = Vec::new();
        // Entries may follow in the same paragraph or in the next ones.
        for line in &para.lines[1..] {
            if let Some(entry) = contents_entry(&line.text, line.no) {
                entries.push(entry);
            }
        }
        let mut end = i + 1;
        while let Some(Block::Text(p)) = blocks.get(end) {
            let parsed: Vec<Option<ContentsEntry>> = p
                .lines
                .iter()
                .map(|l| contents_entry(&l.text, l.no))
                .collect();
            if parsed.iter().any(Option::is_none) {
                break;
            }
            entries.extend(parsed.into_iter().flatten());
            end += 1;
        }
        if !entries.is_empty() {
            return Contents {
                blocks: i..end,
                index: ContentsIndex::new(&entries),
                entries,
            };
        }
    }
    Contents::default()
}

/// "Access Innovation 10", "Introduction ........ 4".
fn contents_entry(text: &str, line: u32) -> Option<ContentsEntry> {
    let (title, page) = text.rsplit_once(' ')?;
    if page.is_empty() || page.len() > 4 || !page.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let title = title.trim_end_matches(['.', '…', ' ']).trim();
    if title.is_empty() {
        return None;
    }
    Some(ContentsEntry {
        title: title.to_owned(),
        page: page.parse().ok(),
        span: Span::line(line),
    })
}

/// Whether a heading and a contents entry name the same thing.
pub fn titles_match(entry: &str, heading: &str) -> bool {
    folded_titles_match(&fold(entry), &fold(heading))
}

fn folded_titles_match(e: &str, h: &str) -> bool {
    e == h
        || (e.len() >= 12 && is_word_prefix(e, h))
        || (h.len() >= 12 && is_word_prefix(h, e))
        || word_similarity(e, h) >= 0.8
}
