//! The contents page against the practices found: each entry's page, and its title as another
//! name of the practice where it differs.

use crate::blocks::{Block, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::{Contents, ThemeHeading, is_front_matter_heading, titles_match};
use crate::record::{AlternateTitle, AlternateTitleKind, PracticeRecord};
use crate::text::fold;

/// Which contents entry each practice got.
struct Alignment {
    /// The entries that can name a practice (not front matter, not a theme), in order.
    candidates: Vec<usize>,
    /// Per practice: its entry.
    assigned: Vec<Option<usize>>,
    /// Per entry: taken by a practice.
    used: Vec<bool>,
    /// Per practice: matched by position only.
    by_position: Vec<bool>,
}

/// Matches contents entries to practices (by title, then by position for the rest) and records
/// the contents title as another name where it differs.
pub(super) fn align_contents(
    contents: &Contents,
    theme_heads: &[ThemeHeading],
    blocks: &[Block],
    practices: &mut [PracticeRecord],
    diags: &mut Vec<Diagnostic>,
) {
    let mut a = Alignment::by_title(contents, theme_heads, blocks, practices);
    a.by_position();
    for (p, practice) in practices.iter_mut().enumerate() {
        if let Some(e) = a.assigned[p] {
            a.record(contents, e, a.by_position[p], practice, diags);
        }
    }
    if let Some(missing) = a.trailing_unused() {
        let first = &contents.entries[missing[0]];
        diags.push(Diagnostic::warning(
            first.span.start,
            DiagnosticCode::EndsEarly,
            format!(
                "the text ends before the last {} entries of its contents page, from '{}': \
                 the file may be cut short",
                missing.len(),
                first.title
            ),
        ));
    }
    for &e in &a.candidates {
        if !a.used[e] {
            let entry = &contents.entries[e];
            diags.push(Diagnostic::warning(
                entry.span.start,
                DiagnosticCode::UnmatchedContentsEntry,
                format!("contents entry '{}' matches no heading", entry.title),
            ));
        }
    }
}

impl Alignment {
    /// The candidate entries after the last one a practice took, when there are any: what a
    /// guide cut short lacks (an unmatched entry amid matched ones is a title printed otherwise).
    fn trailing_unused(&self) -> Option<Vec<usize>> {
        let last_used = self.candidates.iter().rposition(|&e| self.used[e])?;
        let trailing = self.candidates[last_used + 1..].to_vec();
        (!trailing.is_empty()).then_some(trailing)
    }

    /// Each practice takes the first unused candidate entry whose title matches its own.
    fn by_title(
        contents: &Contents,
        theme_heads: &[ThemeHeading],
        blocks: &[Block],
        practices: &[PracticeRecord],
    ) -> Alignment {
        let theme_titles: Vec<String> = theme_heads
            .iter()
            .filter_map(|h| blocks[h.block].as_text().map(Paragraph::joined))
            .collect();
        let candidates: Vec<usize> = contents
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                !is_front_matter_heading(&fold(&e.title))
                    && !theme_titles.iter().any(|t| titles_match(&e.title, t))
            })
            .map(|(i, _)| i)
            .collect();
        let mut is_candidate = vec![false; contents.entries.len()];
        for &e in &candidates {
            is_candidate[e] = true;
        }
        let mut assigned: Vec<Option<usize>> = vec![None; practices.len()];
        let mut used = vec![false; contents.entries.len()];
        for (p, practice) in practices.iter().enumerate() {
            if let Some(e) = contents
                .matching(&practice.title.value)
                .into_iter()
                .find(|&e| is_candidate[e] && !used[e])
            {
                assigned[p] = Some(e);
                used[e] = true;
            }
        }
        Alignment {
            candidates,
            by_position: vec![false; assigned.len()],
            assigned,
            used,
        }
    }

    /// A single unmatched practice between two matched ones takes the one unused entry between
    /// theirs.
    fn by_position(&mut self) {
        let n = self.assigned.len();
        // Per practice: the nearest matched practice before it and after it.
        let mut previous: Vec<Option<usize>> = vec![None; n];
        let mut last = None;
        for (p, slot) in previous.iter_mut().enumerate() {
            *slot = last;
            if self.assigned[p].is_some() {
                last = Some(p);
            }
        }
        let mut following: Vec<Option<usize>> = vec![None; n];
        let mut next = None;
        for (p, slot) in following.iter_mut().enumerate().rev() {
            *slot = next;
            if self.assigned[p].is_some() {
                next = Some(p);
            }
        }
        for p in 0..n {
            if self.assigned[p].is_some() {
                continue;
            }
            let (before, after) = (previous[p], following[p]);
            // The stretch of unmatched practices between the matched neighbours is just this one.
            let alone = before.map_or(0, |b| b + 1) == p && after.unwrap_or(n) == p + 1;
            if alone {
                self.take_between(p, before, after);
            }
        }
    }

    fn take_between(&mut self, p: usize, before: Option<usize>, after: Option<usize>) {
        let lo = before.and_then(|b| self.assigned[b]);
        let hi = after.and_then(|a| self.assigned[a]);
        let from = self
            .candidates
            .partition_point(|&e| lo.is_some_and(|l| e <= l));
        let to = self
            .candidates
            .partition_point(|&e| hi.is_none_or(|h| e < h));
        let window: Vec<usize> = self.candidates[from..to.max(from)]
            .iter()
            .copied()
            .filter(|&e| !self.used[e])
            .collect();
        if let [e] = window[..] {
            self.assigned[p] = Some(e);
            self.used[e] = true;
            self.by_position[p] = true;
        }
    }

    /// The entry's page, and its title as the first other name when it differs.
    fn record(
        &self,
        contents: &Contents,
        e: usize,
        by_position: bool,
        practice: &mut PracticeRecord,
        diags: &mut Vec<Diagnostic>,
    ) {
        let entry = &contents.entries[e];
        practice.page = entry.page;
        if fold(&entry.title) == fold(&practice.title.value) {
            return;
        }
        practice
            .alternate_titles
            .retain(|a| fold(&a.text) != fold(&entry.title));
        practice.alternate_titles.insert(
            0,
            AlternateTitle {
                text: entry.title.clone(),
                kind: AlternateTitleKind::ContentsEntry,
                span: entry.span,
            },
        );
        if by_position {
            diags.push(Diagnostic::note(
                entry.span.start,
                DiagnosticCode::ContentsTitleDiffers,
                format!(
                    "the contents page lists '{}' where the heading (line {}) reads '{}'; both kept as titles",
                    entry.title, practice.title.span.start, practice.title.value
                ),
            ));
        }
    }
}
