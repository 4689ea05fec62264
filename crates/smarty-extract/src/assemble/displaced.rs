//! Sections printed outside their practice (after one practice's fields, before the next title).

use super::draft::{Displaced, PracticeDraft};
use crate::blocks::{Block, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::layout::PracticeHead;

/// One note per practice and side: the headings attached to it.
struct Note {
    practice: usize,
    line: u32,
    headings: Vec<String>,
    /// Printed before the practice's title (given to the next practice) or after its fields.
    before_title: bool,
}

/// Gives each displaced section to the next practice if it lacks that section, else to the
/// previous one; says so in a note.
pub(super) fn place_displaced(
    displaced: Vec<Displaced>,
    heads: &[PracticeHead],
    blocks: &[Block],
    drafts: &mut [PracticeDraft],
    diags: &mut Vec<Diagnostic>,
) {
    let mut notes: Vec<Note> = Vec::new();
    for d in displaced {
        let Some((p, before_title)) = target(heads, drafts, &d) else {
            diags.push(Diagnostic::warning(
                d.draft.line,
                DiagnosticCode::UnplacedText,
                format!("'{}' section outside any practice", d.draft.heading),
            ));
            continue;
        };
        let heading = d.draft.heading.clone();
        match notes
            .iter_mut()
            .find(|n| n.practice == p && n.before_title == before_title)
        {
            Some(n) => n.headings.push(heading),
            None => notes.push(Note {
                practice: p,
                line: d.draft.line,
                headings: vec![heading],
                before_title,
            }),
        }
        drafts[p].add_section(d.draft, diags);
    }
    for note in notes {
        diags.push(note.diagnostic(heads, blocks));
    }
}

/// The practice a displaced section goes to, and whether that practice comes after it.
fn target(
    heads: &[PracticeHead],
    drafts: &[PracticeDraft],
    d: &Displaced,
) -> Option<(usize, bool)> {
    // Heads are in block order.
    let after = heads.partition_point(|h| h.first_block() <= d.block);
    let next = (after < heads.len()).then_some(after);
    let prev = heads[..after]
        .iter()
        .rposition(|h| h.first_block() < d.block);
    match (next, prev) {
        (Some(n), _) if !drafts[n].has(d.draft.kind) => Some((n, true)),
        (_, Some(p)) if !drafts[p].has(d.draft.kind) => Some((p, false)),
        (Some(n), _) => Some((n, true)),
        (None, Some(p)) => Some((p, false)),
        (None, None) => None,
    }
}

impl Note {
    fn diagnostic(&self, heads: &[PracticeHead], blocks: &[Block]) -> Diagnostic {
        let title = heads[self.practice]
            .title_block
            .and_then(|b| blocks[b].as_text())
            .map(Paragraph::joined)
            .unwrap_or_default();
        let list = self
            .headings
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let place = if self.before_title {
            "before the title of"
        } else {
            "after the fields of"
        };
        Diagnostic::note(
            self.line,
            DiagnosticCode::DisplacedSections,
            format!("{list} printed {place} '{title}'; attached to that practice"),
        )
    }
}
