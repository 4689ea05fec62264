//! The first pass: lines become *blocks* — template section headings, field labels with their
//! values, and paragraphs of free text. Everything later works on blocks, never on raw lines.

use crate::fields::email_in;
use crate::record::SectionKind;
use crate::span::Span;
use crate::text::{fold, printed, split_lines, strip_emphasis};

/// A labelled field of the practice template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKind {
    MainInstitution,
    Location,
    Contact,
    Website,
    Dates,
}

impl FieldKind {
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::MainInstitution => "Main institution",
            FieldKind::Location => "Location",
            FieldKind::Contact => "Contact",
            FieldKind::Website => "Website",
            FieldKind::Dates => "Start-end date",
        }
    }
}

/// One source line in printed form.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number.
    pub no: u32,
    pub text: String,
    /// The line ends in a word a converter broke with a soft or a hard hyphen (`hyphen.rs`):
    /// its next line continues that word, so the two join without a break.
    pub broken: bool,
}

impl Line {
    /// The lines of `text`, numbered from 1, none broken: what tests start from.
    #[cfg(test)]
    pub(crate) fn numbered(text: &str) -> Vec<Line> {
        (1..)
            .zip(text.lines())
            .map(|(no, t)| Line {
                no,
                text: t.to_owned(),
                broken: false,
            })
            .collect()
    }
}

/// Consecutive non-blank lines.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub lines: Vec<Line>,
}

impl Paragraph {
    pub fn span(&self) -> Span {
        let first = self.lines.first().map_or(0, |l| l.no);
        let last = self.lines.last().map_or(first, |l| l.no);
        Span::new(first, last)
    }

    /// Lines joined with spaces, for one-line values such as titles.
    pub fn joined(&self) -> String {
        self.join(" ")
    }

    /// Lines joined with newlines, as printed.
    pub fn text(&self) -> String {
        self.join("\n")
    }

    /// The lines with `separator` between them, but none after a broken word.
    fn join(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 && !self.lines[i - 1].broken {
                out.push_str(separator);
            }
            out.push_str(&line.text);
        }
        out
    }

    pub fn first_line(&self) -> u32 {
        self.lines.first().map_or(0, |l| l.no)
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A template section heading ("Resources needed").
    Heading {
        kind: SectionKind,
        printed: String,
        line: u32,
    },
    /// A field label and the paragraph under it (or the text after the colon).
    Field {
        kind: FieldKind,
        line: u32,
        value: Option<Paragraph>,
    },
    Text(Paragraph),
}

impl Block {
    pub fn first_line(&self) -> u32 {
        match self {
            Block::Heading { line, .. } | Block::Field { line, .. } => *line,
            Block::Text(p) => p.first_line(),
        }
    }

    pub fn last_line(&self) -> u32 {
        match self {
            Block::Heading { line, .. } => *line,
            Block::Field { line, value, .. } => value.as_ref().map_or(*line, |p| p.span().end),
            Block::Text(p) => p.span().end,
        }
    }

    pub fn as_text(&self) -> Option<&Paragraph> {
        match self {
            Block::Text(p) => Some(p),
            _ => None,
        }
    }
}

/// Splits a document into lines and blocks.
pub fn blocks(text: &str) -> (Vec<Block>, u32) {
    let mut lines: Vec<Line> = split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(i, raw)| Line {
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text: printed(raw),
            broken: raw.trim_end().ends_with('\u{ad}'),
        })
        .collect();
    crate::hyphen::join_broken_words(&mut lines);
    let count = u32::try_from(lines.len()).unwrap_or(u32::MAX);

    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.text.is_empty() {
            i += 1;
            continue;
        }
        if let Some(kind) = section_heading(&line.text) {
            out.push(Block::Heading {
                kind,
                printed: strip_emphasis(&line.text).to_owned(),
                line: line.no,
            });
            i += 1;
            continue;
        }
        if let Some((kind, inline)) = field_label(&line.text) {
            let label_line = line.no;
            i += 1;
            let value = if inline.is_empty() {
                // The value is the next paragraph, unless a heading or another label comes first.
                while i < lines.len() && lines[i].text.is_empty() {
                    i += 1;
                }
                let (para, next) = paragraph(&lines, i);
                i = next;
                para
            } else {
                let mut para = Paragraph {
                    lines: vec![Line {
                        no: label_line,
                        text: inline,
                        broken: line.broken,
                    }],
                };
                let (rest, next) = paragraph(&lines, i);
                i = next;
                if let Some(rest) = rest {
                    para.lines.extend(rest.lines);
                }
                Some(para)
            };
            let value = if kind == FieldKind::Contact {
                let (value, next) = contact_rest(&lines, value, i);
                i = next;
                value
            } else {
                value
            };
            out.push(Block::Field {
                kind,
                line: label_line,
                value,
            });
            continue;
        }
        let (para, next) = paragraph(&lines, i);
        i = next.max(i + 1);
        if let Some(para) = para {
            out.push(Block::Text(para));
        }
    }
    (out, count)
}

/// A contact block split by a line that prints nothing (a line of no-break spaces where the
/// organisation was left blank, a stray empty line): the block goes on into the next paragraph
/// when it has no e-mail address yet and that short paragraph holds one. `at` is the index after
/// the block read so far; returns the block and the index after it.
fn contact_rest(lines: &[Line], value: Option<Paragraph>, at: usize) -> (Option<Paragraph>, usize) {
    let has_email = |p: &Paragraph| p.lines.iter().any(|l| email_in(&l.text).is_some());
    let Some(mut para) = value else {
        return (None, at);
    };
    if has_email(&para) {
        return (Some(para), at);
    }
    let mut j = at;
    while j < lines.len() && lines[j].text.is_empty() {
        j += 1;
    }
    // One blank gap only: two or more blank lines end a block in every guide.
    if j - at != 1 {
        return (Some(para), at);
    }
    match paragraph(lines, j) {
        (Some(rest), next) if rest.lines.len() <= 3 && has_email(&rest) => {
            para.lines.extend(rest.lines);
            (Some(para), next)
        }
        _ => (Some(para), at),
    }
}

/// The paragraph starting at `start`: consecutive non-blank lines that are neither headings nor
/// field labels. Returns the index after it.
fn paragraph(lines: &[Line], start: usize) -> (Option<Paragraph>, usize) {
    let mut end = start;
    while end < lines.len()
        && !lines[end].text.is_empty()
        && section_heading(&lines[end].text).is_none()
        && field_label(&lines[end].text).is_none()
    {
        end += 1;
    }
    if end == start {
        (None, start)
    } else {
        (
            Some(Paragraph {
                lines: lines[start..end].to_vec(),
            }),
            end,
        )
    }
}

/// Recognises a template section heading alone on its line (an optional colon is allowed).
pub fn section_heading(text: &str) -> Option<SectionKind> {
    if text.len() > 60 {
        return None;
    }
    let key = fold(strip_emphasis(text));
    Some(match key.as_str() {
        "about this good practice"
        | "about the good practice"
        | "about this practice"
        | "about the practice" => SectionKind::About,
        "resources needed" | "resources" | "resources required" => SectionKind::ResourcesNeeded,
        "evidence of success" | "evidence of successes" => SectionKind::EvidenceOfSuccess,
        "difficulties encountered"
        | "challenges encountered"
        | "difficulties challenges encountered"
        | "difficulties and challenges encountered"
        | "challenges difficulties encountered" => SectionKind::DifficultiesEncountered,
        "potential for learning or transfer"
        | "potential for learning and transfer"
        | "potential for learning transfer" => SectionKind::PotentialForLearningOrTransfer,
        _ => return None,
    })
}

/// Recognises a field label (`Location:`), returning the text after the colon.
pub fn field_label(text: &str) -> Option<(FieldKind, String)> {
    let t = strip_emphasis(text);
    let (label, rest) = t.split_once(':')?;
    if label.len() > 40 {
        return None;
    }
    let kind = match fold(label).as_str() {
        "main institution" | "main institutions" | "lead institution" | "main organisation"
        | "main organization" => FieldKind::MainInstitution,
        "location" | "region" => FieldKind::Location,
        "contact" | "contacts" | "contact person" => FieldKind::Contact,
        "website" | "websites" | "web site" | "web" => FieldKind::Website,
        "start end date" | "start end dates" | "start and end date" | "dates" => FieldKind::Dates,
        _ => return None,
    };
    let inline = rest.trim();
    Some((kind, inline.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_labels() {
        assert_eq!(
            section_heading("Potential for learning or transfer:"),
            Some(SectionKind::PotentialForLearningOrTransfer)
        );
        assert_eq!(
            section_heading("Challenges Encountered"),
            Some(SectionKind::DifficultiesEncountered)
        );
        assert_eq!(section_heading("Resources needed are not planned."), None);
        assert_eq!(
            field_label("Start - end date:"),
            Some((FieldKind::Dates, String::new()))
        );
        assert_eq!(
            field_label("Location: Poland"),
            Some((FieldKind::Location, "Poland".into()))
        );
        assert_eq!(field_label("Key features:"), None);
        assert_eq!(
            field_label("Timescale: September 2020 – November 2023"),
            None
        );
    }

    /// The contact block read under `Contact:` in `input`, lines joined with " / ", and what is
    /// left as other blocks.
    fn check_contact_block(input: &str, expect: &str) {
        let (b, _) = blocks(input);
        let rendered: Vec<String> = b
            .iter()
            .map(|block| match block {
                Block::Field {
                    value: Some(p),
                    kind,
                    ..
                } => format!("{}: {}", kind.label(), p.text().replace('\n', " / ")),
                Block::Text(p) => format!("text: {}", p.text().replace('\n', " / ")),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(rendered.join("\n"), expect, "input: {input:?}");
    }

    #[test]
    fn a_contact_block_goes_on_past_a_line_of_spaces() {
        check_contact_block(
            "Contact:\nJoanna Labedzka\nJan\u{a0}Kochanowski University\nj@uj.pl",
            "Contact: Joanna Labedzka / Jan Kochanowski University / j@uj.pl",
        );
        check_contact_block(
            "Contact:\nJoanna Labedzka\n\u{a0}\nJan Kochanowski University\nj@uj.pl",
            "Contact: Joanna Labedzka / Jan Kochanowski University / j@uj.pl",
        );
        check_contact_block(
            "Contact:\nJoanna Labedzka\n\u{202f}\u{2009}\nj@uj.pl",
            "Contact: Joanna Labedzka / j@uj.pl",
        );
        // A block with its address, and a paragraph after two blank lines, stay apart.
        check_contact_block(
            "Contact:\nJoanna Labedzka\nj@uj.pl\n\nk@uj.pl",
            "Contact: Joanna Labedzka / j@uj.pl\ntext: k@uj.pl",
        );
        check_contact_block(
            "Contact:\nJoanna Labedzka\n\n\nSome text with k@uj.pl",
            "Contact: Joanna Labedzka\ntext: Some text with k@uj.pl",
        );
    }

    #[test]
    fn field_values_are_the_next_paragraph() {
        let (b, n) = blocks("Contact:\n\n \nBryony Chipp\nWYCA\nb@x.uk\n\nWebsite:\n<https://x>");
        assert_eq!(n, 9);
        match &b[0] {
            Block::Field { kind, value, .. } => {
                assert_eq!(*kind, FieldKind::Contact);
                assert_eq!(value.as_ref().unwrap().text(), "Bryony Chipp\nWYCA\nb@x.uk");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            &b[1],
            Block::Field {
                kind: FieldKind::Website,
                value: Some(_),
                ..
            }
        ));
    }
}
