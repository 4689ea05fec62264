//! What the walk collects for each practice before it becomes a record.

use crate::blocks::{FieldKind, Paragraph};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::record::SectionKind;
use crate::span::Span;

/// A section being collected.
#[derive(Debug, Clone)]
pub(super) struct SectionDraft {
    pub kind: SectionKind,
    pub heading: String,
    pub line: u32,
    pub paras: Vec<Paragraph>,
}

impl SectionDraft {
    pub fn span(&self) -> Span {
        let end = self.paras.last().map_or(self.line, |p| p.span().end);
        Span::new(self.line, end)
    }

    pub fn lines(&self) -> impl Iterator<Item = (u32, &str)> {
        self.paras
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| (l.no, l.text.as_str())))
    }

    pub fn text(&self) -> String {
        let parts: Vec<String> = self.paras.iter().map(Paragraph::text).collect();
        parts.join("\n\n")
    }
}

#[derive(Debug, Default)]
pub(super) struct PracticeDraft {
    pub sections: Vec<SectionDraft>,
    /// Each field: its kind, the line of its label and the paragraph under it.
    pub fields: Vec<(FieldKind, u32, Option<Paragraph>)>,
    pub span: Option<Span>,
}

impl PracticeDraft {
    pub fn touch(&mut self, span: Span) {
        self.span = Some(self.span.map_or(span, |s| s.cover(span)));
    }

    pub fn has(&self, kind: SectionKind) -> bool {
        self.sections.iter().any(|s| s.kind == kind)
    }

    pub fn add_section(&mut self, draft: SectionDraft, diags: &mut Vec<Diagnostic>) {
        match self.sections.iter_mut().find(|s| s.kind == draft.kind) {
            Some(existing) => {
                diags.push(Diagnostic::warning(
                    draft.line,
                    DiagnosticCode::RepeatedSection,
                    format!(
                        "'{}' printed a second time for one practice; its text is appended to the first",
                        draft.heading
                    ),
                ));
                existing.paras.extend(draft.paras);
            }
            None => self.sections.push(draft),
        }
    }
}

/// A section printed outside its practice (after one practice's fields, before the next title).
pub(super) struct Displaced {
    pub block: usize,
    pub draft: SectionDraft,
}
