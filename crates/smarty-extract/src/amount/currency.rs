//! Currencies as printed beside an amount: every ISO 4217 code ("SEK", "Eur"), the symbols of the
//! ISO table ("€", "zł", "Kč", "kr"), and the currencies' names in any case ("euro", "forint",
//! "Swedish kronor"), from the `iso_currency` crate's table. A mark that several currencies share
//! ("kr": SEK, DKK, NOK, ISK) names all of them; the section decides, or nobody guesses. "$" and "£"
//! are read as USD and GBP, the currencies that own them in international use.

use std::collections::HashMap;
use std::sync::OnceLock;

use iso_currency::Currency;

use crate::text::fold;

/// The currencies a printed mark may denote: one, or several that share it.
pub type Candidates = &'static [&'static str];

/// Marks read as one currency although others share them (international use).
const HOME: [(&str, &str); 4] = [
    ("$", "USD"),
    ("£", "GBP"),
    ("dollar", "USD"),
    ("pound", "GBP"),
];

/// Plurals that are not the English "-s": the national forms guides print.
const PLURALS: [(&str, &[&str]); 9] = [
    ("leu", &["lei"]),
    ("lev", &["leva"]),
    ("krona", &["kronor"]),
    ("krone", &["kroner"]),
    ("koruna", &["koruny", "korun"]),
    ("zloty", &["zlote", "zlotych", "zlotys"]),
    ("kuna", &["kune"]),
    ("lek", &["leke"]),
    ("denar", &["denari"]),
];

/// Currency nouns that are also common English words: read after a number only ("5 real" is not
/// "the real 5"), and ISO codes that are English words read in capitals only ("ALL", not "all").
const ENGLISH_HOMOGRAPHS: [&str; 12] = [
    "real", "sum", "won", "mark", "rand", "all", "top", "try", "cup", "pen", "mad", "gel",
];

struct Table {
    /// Every code, sorted.
    codes: Vec<&'static str>,
    /// Symbols by their first character, longest first, matched in their own case. Amounts are
    /// looked for at every character of a section's lines: one bucket is tried, not the table.
    symbols: HashMap<char, Vec<(String, Vec<&'static str>)>>,
    /// Folded names and nouns ("swedish kronor", "euro").
    words: HashMap<String, Vec<&'static str>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// Every currency of the ISO table: each three-letter code is tried once.
fn currencies() -> Vec<Currency> {
    let letters = b'A'..=b'Z';
    letters
        .clone()
        .flat_map(|a| letters.clone().map(move |b| (a, b)))
        .flat_map(|(a, b)| (b'A'..=b'Z').map(move |c| [a, b, c]))
        .filter_map(|code| Currency::from_code(std::str::from_utf8(&code).ok()?))
        .filter(|c| !c.is_fund() && !c.is_special())
        .collect()
}

fn add(list: &mut Vec<(String, Vec<&'static str>)>, key: String, code: &'static str) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, codes)) if !codes.contains(&code) => codes.push(code),
        Some(_) => {}
        None => list.push((key, vec![code])),
    }
}

fn build() -> Table {
    let mut symbols = Vec::new();
    let mut words = Vec::new();
    let all = currencies();
    let mut codes: Vec<&'static str> = all.iter().map(|c| c.code()).collect();
    codes.sort_unstable();
    for c in all {
        let code = c.code();
        let symbol = c.symbol().symbol;
        // A lone Latin letter ("L", "K", "R") is no mark a reader takes for money.
        let lone_letter =
            symbol.chars().count() == 1 && symbol.chars().all(|ch| ch.is_ascii_alphabetic());
        if !symbol.is_empty() && symbol != "¤" && !lone_letter {
            // "лв." is printed with or without its abbreviation dot.
            add(&mut symbols, symbol.clone(), code);
            add(&mut symbols, symbol.trim_end_matches('.').to_owned(), code);
        }
        let name = c.name();
        if name.contains('(') {
            continue;
        }
        for variant in name.split('/') {
            let full = fold(variant);
            let head = full.split(' ').next_back().unwrap_or_default().to_owned();
            let prefix = full[..full.len() - head.len()].to_owned();
            for noun in forms_of(&head) {
                add(&mut words, noun.clone(), code);
                if !prefix.is_empty() {
                    add(&mut words, format!("{prefix}{noun}"), code);
                }
            }
            // "Pound sterling": the first word is the noun.
            if let Some(first) = full.split(' ').next().filter(|f| *f == "pound") {
                forms_of(first)
                    .into_iter()
                    .for_each(|n| add(&mut words, n, code));
            }
        }
    }
    for (mark, code) in HOME {
        let code = Currency::from_code(code).map_or(code, |c| c.code());
        for list in [&mut symbols, &mut words] {
            if let Some((_, codes)) = list.iter_mut().find(|(k, _)| k == mark) {
                *codes = vec![code];
            }
        }
        if let Some((_, codes)) = words.iter_mut().find(|(k, _)| *k == format!("{mark}s")) {
            *codes = vec![code];
        }
    }
    symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut by_first: HashMap<char, Vec<(String, Vec<&'static str>)>> = HashMap::new();
    for (symbol, codes) in symbols {
        if let Some(first) = symbol.chars().next() {
            by_first.entry(first).or_default().push((symbol, codes));
        }
    }
    Table {
        codes,
        symbols: by_first,
        words: words.into_iter().collect(),
    }
}

/// A noun and its plurals.
fn forms_of(noun: &str) -> Vec<String> {
    let mut out = vec![noun.to_owned(), format!("{noun}s")];
    if let Some((_, plurals)) = PLURALS.iter().find(|(n, _)| *n == noun) {
        out.extend(plurals.iter().map(|p| (*p).to_owned()));
    }
    out
}

/// An ISO code at the start of `text` as a whole word, in capitals or (unless an English word)
/// in any case: "SEK", "Eur", "eur".
fn code_at(text: &str) -> Option<(Candidates, usize)> {
    let word: &str = text.get(..3)?;
    if !word.chars().all(|c| c.is_ascii_alphabetic())
        || text[3..].starts_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    if word != upper && ENGLISH_HOMOGRAPHS.contains(&word.to_ascii_lowercase().as_str()) {
        return None;
    }
    let codes = &table().codes;
    let at = codes.binary_search(&upper.as_str()).ok()?;
    Some((std::slice::from_ref(&codes[at]), 3))
}

/// A symbol at the start of `text`; one made of letters ("kr", "zł") must end a word there.
fn symbol_at(text: &str) -> Option<(Candidates, usize)> {
    let bucket = table().symbols.get(&text.chars().next()?)?;
    bucket.iter().find_map(|(symbol, codes)| {
        let after = text.strip_prefix(symbol.as_str())?;
        let lettered = symbol.chars().any(char::is_alphabetic);
        if lettered && after.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        Some((codes.as_slice(), text.len() - after.len()))
    })
}

/// A currency's name at the start of `text` ("euro", "Swedish kronor"), in any case.
fn word_at(text: &str, before_number: bool) -> Option<(Candidates, usize)> {
    // The next three words at most, folded one by one to keep byte offsets.
    let mut ends = Vec::new();
    let mut pos = 0;
    for _ in 0..3 {
        let rest = &text[pos..];
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        pos += len;
        ends.push(pos);
        if !text[pos..].starts_with(' ') {
            break;
        }
        pos += 1;
    }
    let table = table();
    ends.iter().rev().find_map(|&end| {
        let key = fold(&text[..end]);
        if before_number && ENGLISH_HOMOGRAPHS.contains(&key.as_str()) {
            return None;
        }
        let codes = table.words.get(&key)?;
        Some((codes.as_slice(), end))
    })
}

/// The currency printed at the start of `text` (after optional spaces) and the bytes it takes
/// with them. `before_number` is whether a number follows rather than precedes it.
pub fn currency_at(text: &str, before_number: bool) -> Option<(Candidates, usize)> {
    let spaces = text.len() - text.trim_start().len();
    let t = &text[spaces..];
    let (codes, len) = symbol_at(t)
        .or_else(|| code_at(t))
        .or_else(|| word_at(t, before_number))?;
    Some((codes, spaces + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, before_number: bool, expect: &str) {
        let got = match currency_at(input, before_number) {
            Some((codes, len)) => format!("{} {}", codes.join("|"), &input[..len]),
            None => "-".to_owned(),
        };
        assert_eq!(got, expect, "{input:?}");
    }

    #[test]
    fn codes_symbols_and_names() {
        check("SEK", false, "SEK SEK");
        check(" Eur.", false, "EUR  Eur");
        check("eur 12", true, "EUR eur");
        check("BGN", false, "BGN BGN");
        check("€", false, "EUR €");
        check("£", false, "GBP £");
        check("$", false, "USD $");
        check("zł", false, "PLN zł");
        check("Kč", false, "CZK Kč");
        check("Ft", false, "HUF Ft");
        check("лв.", false, "BGN лв.");
        check("euro", false, "EUR euro");
        check("Euros", false, "EUR Euros");
        check("EURO", false, "EUR EURO");
        check("forints", false, "HUF forints");
        check("złotych", false, "PLN złotych");
        check("lei", false, "MDL|RON lei");
        check("Romanian lei", false, "RON Romanian lei");
        check("Swedish kronor", false, "SEK Swedish kronor");
        check("Danish kroner", false, "DKK Danish kroner");
        check("Swiss francs", false, "CHF Swiss francs");
        check("pounds", false, "GBP pounds");
        check("pound sterling", false, "GBP pound sterling");
        // Marks several currencies share name all of them.
        check("kr", false, "DKK|ISK|NOK|SEK kr");
        check("kroner", false, "DKK|NOK kroner");
        // Not currencies.
        check("Europe", false, "-");
        check("all", false, "-");
        check("ALL", false, "ALL ALL");
        check("sum", true, "-");
        check("krill", false, "-");
        check("L", false, "-");
    }
}
