//! Words and their boxes out of a PDF, through poppler's `pdftotext -bbox-layout`.
//!
//! poppler finds words and lines well, but neither its blocks nor its order of them always follow
//! the columns, so only the words and lines are taken from it: [`crate::layout`] decides the order.

use std::path::Path;
use std::process::Command;

use quick_xml::events::{BytesStart, Event};

use crate::SourceError;

/// A word and its box, in points from the page's top-left corner (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// Words of a line set at (x, y), `width` points per character and 2 pt apart, 7 pt high: the
/// boxes the layout tests are written in.
#[cfg(test)]
pub(crate) fn set_in_boxes(x: f64, y: f64, text: &str, width: f64) -> Vec<Word> {
    let mut at = x;
    text.split(' ')
        .map(|t| {
            let w = width * t.chars().count() as f64;
            let word = Word {
                x0: at,
                y0: y,
                x1: at + w,
                y1: y + 7.0,
                text: t.to_owned(),
            };
            at += w + 2.0;
            word
        })
        .collect()
}

/// Words poppler set on one line. Its blocks are not used: where a long word overflows its
/// column, poppler may put the lines of two columns into one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segment {
    pub words: Vec<Word>,
}

impl Segment {
    pub fn x0(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x0)
            .fold(f64::INFINITY, f64::min)
    }
    pub fn x1(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x1)
            .fold(f64::NEG_INFINITY, f64::max)
    }
    pub fn y0(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.y0)
            .fold(f64::INFINITY, f64::min)
    }
    pub fn y1(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.y1)
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

/// One page's lines, in poppler's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub segments: Vec<Segment>,
}

/// Runs pdftotext on a file and reads its word boxes, page by page.
pub fn pages(path: &Path) -> Result<Vec<Page>, SourceError> {
    // A path starting with '-' would be read as an option.
    let arg = if path.as_os_str().to_string_lossy().starts_with('-') {
        Path::new(".").join(path)
    } else {
        path.to_owned()
    };
    let output = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-bbox-layout"])
        .arg(&arg)
        .arg("-")
        .output()
        .map_err(|e| SourceError::Pdf {
            path: path.to_owned(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "reading a PDF needs poppler's pdftotext (Debian package poppler-utils; scripts/setup.sh installs it)".to_owned()
            } else {
                format!("cannot run pdftotext: {e}")
            },
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(SourceError::Pdf {
            path: path.to_owned(),
            message: format!(
                "not a readable PDF (pdftotext exited with {}{}{})",
                output.status,
                if stderr.trim().is_empty() { "" } else { ": " },
                stderr.trim()
            ),
        });
    }
    let xml = String::from_utf8_lossy(&output.stdout);
    parse(&xml).map_err(|message| SourceError::Pdf {
        path: path.to_owned(),
        message: format!("cannot read pdftotext's output: {message}"),
    })
}

/// Reads the `page`, `line` and `word` elements of pdftotext's XHTML.
pub fn parse(xml: &str) -> Result<Vec<Page>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"page" => pages.push(Page::default()),
                b"line" => {
                    if let Some(page) = pages.last_mut() {
                        page.segments.push(Segment::default());
                    }
                }
                b"word" => word = Some(word_box(&e)?),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.unescape().map_err(|e| e.to_string())?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"word" => {
                let segment = pages.last_mut().and_then(|p| p.segments.last_mut());
                if let (Some(w), Some(segment)) = (word.take(), segment)
                    && !w.text.trim().is_empty()
                {
                    segment.words.push(w);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for page in &mut pages {
        page.segments.retain(|b| !b.words.is_empty());
    }
    Ok(pages)
}

fn word_box(e: &BytesStart<'_>) -> Result<Word, String> {
    let number = |name: &str| -> Result<f64, String> {
        let attribute = e
            .try_get_attribute(name)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("a word without {name}"))?;
        let value = attribute.unescape_value().map_err(|e| e.to_string())?;
        value
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("{name}=\"{value}\" is not a number"))
    };
    Ok(Word {
        x0: number("xMin")?,
        y0: number("yMin")?,
        x1: number("xMax")?,
        y1: number("yMax")?,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_segments_and_words_with_entities() {
        let xml = r#"<html><body><doc><page width="595" height="842"><flow>
            <block xMin="1" yMin="2" xMax="3" yMax="4"><line>
            <word xMin="10" yMin="20" xMax="30" yMax="27">R&amp;D</word>
            <word xMin="32" yMin="20" xMax="50" yMax="27">Łódź</word></line></block>
            </flow></page><page width="595" height="842"></page></doc></body></html>"#;
        let pages = parse(xml).unwrap();
        assert_eq!(pages.len(), 2);
        let words: Vec<&str> = pages[0].segments[0]
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(words, ["R&D", "Łódź"]);
        assert_eq!(pages[0].segments[0].x0(), 10.0);
        assert!(pages[1].segments.is_empty());
    }

    #[test]
    fn a_word_without_its_box_is_an_error() {
        let xml = r#"<page><line><word xMin="1">x</word></line></page>"#;
        assert!(parse(xml).unwrap_err().contains("yMin"));
    }
}
