//! Text normalisation shared by every part of the extractor.
//!
//! Two forms of a line exist: the *printed* form (NFC, spaces normalised, kept for output) and the
//! *folded* form (no diacritics, lower case, punctuation as spaces) used only for matching, so that
//! "Castilla y León", "CASTILLA Y LEON" and "Castilla y León" (decomposed) compare equal.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Splits a document into lines, accepting `\n`, `\r\n` and lone `\r` endings.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                lines.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}

/// The printed form of a line: NFC, every kind of space (tab, no-break, thin, narrow no-break,
/// figure, ideographic, form feed: every Unicode space) as one ASCII space, runs collapsed,
/// trimmed; byte-order mark, zero-width characters and soft hyphens removed. A line of spaces
/// alone is therefore blank, whichever spaces a word processor or PDF converter left in it.
pub fn printed(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.nfc() {
        if is_invisible(c) {
            continue;
        }
        if is_space(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Characters a reader does not see: the byte-order mark, zero-width spaces and joiners, the word
/// joiner, and the soft hyphen a PDF converter leaves where a word was broken.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}'
    )
}

/// Whether a character is a space to a reader: every Unicode white space (no-break U+00A0, thin
/// U+2009, narrow no-break U+202F, figure U+2007, ideographic U+3000…), the Mongolian vowel
/// separator (a space before Unicode 6.3) and control characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{180e}'
}

/// The folded form of a text, for comparisons only: no diacritics, lower case, apostrophes
/// dropped ("Lapland's" and "Lapland’s" fold to "laplands"), every other run of punctuation and
/// spaces one space. Letters that do not decompose into a base letter and a mark (ł, ß, ø, æ, đ…)
/// are transliterated, so "Lodz" and "Łódź" fold alike. Every crate compares names through this
/// one function, so a name typed in the shell matches the same things as on the command line.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_unicode(text)
    }
}

/// Builds a folded text one ASCII byte at a time: the one place that decides spacing.
struct Folder {
    out: String,
    pending_space: bool,
}

impl Folder {
    fn push_ascii(&mut self, b: u8) {
        if b.is_ascii_alphanumeric() {
            if self.pending_space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push(char::from(b.to_ascii_lowercase()));
        } else if b != b'\'' {
            // "Lapland's" folds to "laplands", not "lapland s".
            self.pending_space = true;
        }
    }

    fn push_letter(&mut self, c: char) {
        if self.pending_space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.extend(c.to_lowercase());
    }
}

fn fold_unicode(text: &str) -> String {
    let mut f = Folder {
        out: String::with_capacity(text.len()),
        pending_space: false,
    };
    for c in text.nfkd() {
        if c.is_ascii() {
            f.push_ascii(c as u8);
        } else if is_combining_mark(c) || c == '’' || c == 'ʼ' {
            // Marks left by decomposition, and the typographic and letter apostrophes.
        } else if !c.is_alphanumeric() {
            f.pending_space = true;
        } else if !is_latin(c) {
            // Other scripts keep their letters: "ΑΘΗΝΑ" is no "athena" to a reader of names.
            f.push_letter(c);
        } else {
            match deunicode::deunicode_char(c) {
                Some(latin) if !latin.is_empty() => latin.bytes().for_each(|b| f.push_ascii(b)),
                // No transliteration known: the letter itself, lower-cased.
                _ => f.push_letter(c),
            }
        }
    }
    f.out
}

/// Whether a letter is of the Latin blocks (Latin-1, Extended-A/B, Extended Additional), where
/// transliteration only undoes what a reader sees as an accent or a ligature.
fn is_latin(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// [`fold`] for ASCII text, which NFKD leaves unchanged: the same result without the Unicode
/// tables (most of a guide is ASCII, and folding is on every comparison path).
fn fold_ascii(text: &str) -> String {
    let mut f = Folder {
        out: String::with_capacity(text.len()),
        pending_space: false,
    };
    text.bytes().for_each(|b| f.push_ascii(b));
    f.out
}

/// Letters of every script written in ASCII (`Οδηγός` → `Odegos`, `北京` → `Bei Jing`), for
/// identifiers that must be readable and distinct; names keep their own script everywhere else.
pub fn transliterate(text: &str) -> String {
    deunicode::deunicode(text)
}

/// A text cut to `max` characters for display, ending with an ellipsis when cut; line breaks
/// become spaces so that a value keeps to one line of a table or a drawing.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = || {
        text.chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
    };
    if text.chars().count() <= max {
        return flat().collect();
    }
    let mut out: String = flat().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Removes Markdown-style emphasis markers around a text (`**SMARTY**` → `SMARTY`).
pub fn strip_emphasis(text: &str) -> &str {
    let t = text.trim();
    let t = t.trim_start_matches(['*', '_']);
    t.trim_end_matches(['*', '_']).trim()
}

/// Whether a line is emphasised or part of an emphasised run (`**…` or `…**`).
pub fn has_emphasis(text: &str) -> bool {
    text.starts_with("**") || text.ends_with("**") || text.starts_with("__")
}

/// If the line starts with a bullet ("- » ", "• ", "* ", "– ", "» "), the text after it.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let mut t = text;
    let mut found = false;
    loop {
        let trimmed = t.trim_start();
        let next = [
            "- ", "» ", "• ", "* ", "– ", "— ", "◦ ", "▪ ", "● ", "· ", "‣ ",
        ]
        .iter()
        .find_map(|b| trimmed.strip_prefix(b));
        match next {
            Some(rest) => {
                t = rest;
                found = true;
            }
            None => break,
        }
    }
    found.then(|| t.trim_start())
}

/// Whether a text ends like a sentence rather than a heading.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', ')', '*']);
    t.ends_with(['.', '?', '!', ';', ':'])
}

/// Whether the first letter of a text is lower case (a continuation or a subtitle).
pub fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
}

/// Words of a folded text.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|w| !w.is_empty())
}

/// Whether `prefix` is a whole-word prefix of `text` (both folded).
pub fn is_word_prefix(prefix: &str, text: &str) -> bool {
    !prefix.is_empty()
        && text.starts_with(prefix)
        && (text.len() == prefix.len() || text.as_bytes().get(prefix.len()) == Some(&b' '))
}

/// Share of words two folded texts have in common (Jaccard on word sets).
pub fn word_similarity(a: &str, b: &str) -> f64 {
    let wa: std::collections::BTreeSet<&str> = words(a).collect();
    let wb: std::collections::BTreeSet<&str> = words(b).collect();
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let inter = wa.intersection(&wb).count() as f64;
    let union = wa.union(&wb).count() as f64;
    inter / union
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_accept_every_ending() {
        assert_eq!(split_lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn printed_normalises_spaces_and_composition() {
        assert_eq!(printed("  Contents\t2 "), "Contents 2");
        assert_eq!(printed("Le\u{0301}on\u{00a0}x"), "L\u{e9}on x");
        assert_eq!(printed("\u{feff}Title"), "Title");
        assert_eq!(printed(" \u{0c} "), "");
    }

    #[test]
    fn every_space_is_a_space() {
        let check = |input: &str, expect: &str| assert_eq!(printed(input), expect, "{input:?}");
        for space in [
            '\u{a0}', '\u{2007}', '\u{2009}', '\u{200a}', '\u{202f}', '\u{205f}', '\u{3000}',
            '\u{1680}', '\u{180e}', '\u{2002}', '\u{2003}', '\t',
        ] {
            check(&format!("Jan{space}Kochanowski"), "Jan Kochanowski");
            check(&format!("{space}"), "");
            check(&format!("{space}Org{space}{space}"), "Org");
        }
        check("Organi\u{ad}sation", "Organisation");
        check("Word\u{2060}joiner", "Wordjoiner");
    }

    #[test]
    fn fold() {
        let check = |input: &str, expect: &str| assert_eq!(super::fold(input), expect, "{input}");
        check("Castilla y León", "castilla y leon");
        check("Le\u{0301}on", "leon");
        check("CASTILLA  Y-LEON", "castilla y leon");
        check("Start - end date:", "start end date");
        check("ProACCIÓ 4.0", "proaccio 4 0");
        // Letters that do not decompose.
        check("Łódź", "lodz");
        check("Łukasiewicz – Institute", "lukasiewicz institute");
        check("Großbeeren", "grossbeeren");
        check("Tromsø", "tromso");
        check("Ærø", "aero");
        check("Đakovo", "dakovo");
        check("Œuvre", "oeuvre");
        // Apostrophes, straight, curly and as a letter, join the word.
        check("Lapland's Green Deal", "laplands green deal");
        check("Lapland’s Green Deal", "laplands green deal");
        check("Laplandʼs", "laplands");
        check("‘quoted’ words", "quoted words");
        check("", "");
        // Other scripts are kept as they are, lower-cased.
        check("ΑΘΗΝΑ", "αθηνα");
    }

    #[test]
    fn ascii_spellings_fold_like_printed_ones() {
        for (ascii, printed) in [
            ("Lodz", "Łódź"),
            ("Strasse", "Straße"),
            ("Jozef Stefan", "Jožef Stefan"),
            ("Laplands", "Lapland’s"),
        ] {
            assert_eq!(super::fold(ascii), super::fold(printed));
        }
    }

    #[test]
    fn shorten() {
        let check = |input: &str, max: usize, expect: &str| {
            assert_eq!(super::shorten(input, max), expect, "{input:?} {max}");
        };
        check("abcdef", 4, "abc…");
        check("abcdef", 6, "abcdef");
        check("a\nb", 10, "a b");
        check("ab cdef", 4, "ab…");
        check("Łódź", 3, "Łó…");
        check("", 0, "");
    }

    #[test]
    fn bullets() {
        assert_eq!(strip_bullet("- » digital"), Some("digital"));
        assert_eq!(strip_bullet("• x"), Some("x"));
        assert_eq!(strip_bullet("-x"), None);
        assert_eq!(strip_bullet("plain"), None);
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// 1-based line of the first offending byte.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// Reads a guide's bytes as text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order
/// mark. Anything else is refused with the line of the first bad byte, never guessed at.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    let utf16 = |le: bool, body: &[u8]| -> Result<String, DecodeError> {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| DecodeError {
            line: 1,
            message: "invalid UTF-16 (the file starts with a UTF-16 byte-order mark)".into(),
        })
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(false, rest);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError {
            line: bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1,
            message: "NUL byte: this looks like a binary file, expected a text guide".into(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            Err(DecodeError {
                line: bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1,
                message: format!(
                    "invalid UTF-8 at byte {at} (expected UTF-8 text; convert the file, e.g. with iconv)"
                ),
            })
        }
    }
}

#[cfg(test)]
mod decode_tests {
    use super::decode;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(decode(b"\xFF\xFEa\0b\0").unwrap(), "ab");
        assert_eq!(decode(b"\xFE\xFF\0a\0b").unwrap(), "ab");
        let e = decode(b"ok\nstill ok\nbad \xE9 byte").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("invalid UTF-8"));
        assert_eq!(decode(b"a\n\0").unwrap_err().line, 2);
    }

    proptest::proptest! {
        #[test]
        fn ascii_folding_matches_unicode_folding(text in "[ -~\t]{0,40}") {
            proptest::prop_assert_eq!(crate::text::fold_ascii(&text), crate::text::fold_unicode(&text));
        }
    }
}
