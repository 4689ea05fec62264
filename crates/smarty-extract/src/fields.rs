//! Reading the values of the template's fields: institutions, contact blocks, websites.

use crate::blocks::Paragraph;
use crate::record::ContactRecord;
use crate::span::{Span, Spanned};
use crate::text::strip_emphasis;

/// "Confindustria Toscana / and Scuola Superiore Sant'Anna" names two institutions; a line that
/// ends with a comma continues the previous one ("Ministry of Economic Development, / Italian
/// government" is one).
pub fn institutions(para: &Paragraph) -> Vec<Spanned<String>> {
    let mut out: Vec<Spanned<String>> = Vec::new();
    let mut continues = false;
    for line in &para.lines {
        let text = strip_emphasis(&line.text);
        let (starts_new, body) = match text
            .strip_prefix("and ")
            .or_else(|| text.strip_prefix("& "))
            .or_else(|| text.strip_prefix("And "))
        {
            Some(rest) => (true, rest.trim()),
            None => (!continues && out.is_empty(), text),
        };
        match out.last_mut() {
            Some(last) if !starts_new => {
                last.value.push(' ');
                last.value.push_str(body);
                last.span = last.span.cover(Span::line(line.no));
            }
            _ => out.push(Spanned::new(body.to_owned(), Span::line(line.no))),
        }
        continues = body.ends_with(',');
    }
    for inst in &mut out {
        let trimmed = inst
            .value
            .trim_end_matches([',', ';', '.'])
            .trim()
            .to_owned();
        inst.value = trimmed;
    }
    out.retain(|i| !i.value.is_empty());
    out
}

/// Role nouns that end a job title ("Financial Coordinator", "Project Manager").
const ROLE_HEADS: &[&str] = &[
    "coordinator",
    "co-ordinator",
    "manager",
    "director",
    "officer",
    "head",
    "adviser",
    "advisor",
    "consultant",
    "specialist",
    "expert",
    "leader",
    "lead",
    "president",
    "secretary",
    "analyst",
    "researcher",
    "professor",
    "ceo",
    "cto",
    "assistant",
    "administrator",
    "representative",
];

/// Words that belong to an organisation's name, never to a role.
const ORG_WORDS: &[&str] = &[
    "university",
    "foundation",
    "institute",
    "authority",
    "council",
    "government",
    "municipality",
    "ministry",
    "agency",
    "centre",
    "center",
    "chamber",
    "office",
    "cluster",
    "partnership",
];

/// A contact block: name on the first line, e-mail on the line with `@`, organisation (one or
/// more lines) in between; a job title is split off an organisation line when it ends with one.
pub fn contact(para: &Paragraph) -> ContactRecord {
    let lines: Vec<(&str, u32)> = para
        .lines
        .iter()
        .map(|l| (strip_emphasis(&l.text), l.no))
        .collect();
    let mut email = None;
    let mut phone = None;
    let mut rest: Vec<&str> = Vec::new();
    for (text, _) in &lines {
        if let Some(address) = email_in(text) {
            email.get_or_insert(address);
        } else if is_phone(text) {
            phone.get_or_insert_with(|| phone_value(text));
        } else {
            rest.push(text);
        }
    }
    let name = rest.first().map(|s| (*s).to_owned()).unwrap_or_default();
    let mut org_lines: Vec<String> = rest.iter().skip(1).map(|s| (*s).to_owned()).collect();
    let mut role = None;
    if let Some(first) = org_lines.first().cloned()
        && let Some((org, r)) = split_role(&first)
    {
        role = Some(r);
        if org.is_empty() {
            org_lines.remove(0);
        } else {
            org_lines[0] = org;
        }
    }
    let organisation = if org_lines.is_empty() {
        None
    } else {
        Some(
            org_lines
                .join(" ")
                .trim_end_matches([',', ';'])
                .trim()
                .to_owned(),
        )
    };
    ContactRecord {
        name,
        organisation,
        email,
        role,
        phone,
        span: para.span(),
    }
}

/// `("ICAMCYL", "Financial Coordinator")` from "ICAMCYL Financial Coordinator";
/// `("TECOS", "Project Manager")` from "Project Manager, TECOS" or "Project Manager at TECOS".
fn split_role(line: &str) -> Option<(String, String)> {
    for sep in [", ", " at ", " - ", " – "] {
        if let Some((a, b)) = line.split_once(sep) {
            if is_role(a) {
                return Some((b.trim().to_owned(), a.trim().to_owned()));
            }
            if is_role(b) {
                return Some((a.trim().to_owned(), b.trim().to_owned()));
            }
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    if !ROLE_HEADS.contains(&last.as_str()) {
        return None;
    }
    // The role is the trailing run of capitalised words that are not organisation words and not
    // acronyms (an all-capitals word is the organisation: "ICAMCYL Financial Coordinator").
    let mut start = words.len() - 1;
    while start > 0 {
        let w = words[start - 1];
        let lower = w.to_lowercase();
        let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        if acronym || ORG_WORDS.contains(&lower.as_str()) || lower == "of" {
            break;
        }
        start -= 1;
    }
    let org = words[..start].join(" ");
    let role = words[start..].join(" ");
    Some((org, role))
}

fn is_role(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.len() <= 4
        && words
            .last()
            .is_some_and(|w| ROLE_HEADS.contains(&w.as_str()))
        && !words.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
}

/// The e-mail address in a line (`<a@b.c>`, `mailto:a@b.c`, `E-mail: a@b.c`).
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';'))
        .map(|w| w.trim_start_matches("mailto:").trim_end_matches('.'))
        .find(|w| {
            let mut parts = w.split('@');
            matches!(
                (parts.next(), parts.next(), parts.next()),
                (Some(local), Some(domain), None)
                    if !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
            )
        })
        .map(str::to_owned)
}

fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let other = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ' ' | '+' | '(' | ')' | '-' | '.' | '/'))
        .count();
    let labelled = ["tel", "phone", "telephone", "mobile"]
        .iter()
        .any(|l| text.to_lowercase().starts_with(l));
    digits >= 7 && (other == 0 || labelled)
}

fn phone_value(text: &str) -> String {
    match text.split_once(':') {
        Some((_, v)) => v.trim().to_owned(),
        None => text.trim().to_owned(),
    }
}

/// Every web address in a website field: `<https://…>`, bare `https://…`, `www.…`, several lines,
/// "X and Y" on one line.
pub fn websites(para: &Paragraph) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    for line in &para.lines {
        for word in line
            .text
            .split(|c: char| c.is_whitespace() || c == '<' || c == '>')
        {
            let w = word
                .trim_end_matches([',', ';', ')'])
                .trim_start_matches('(');
            let url = if w.starts_with("http://") || w.starts_with("https://") {
                Some(w.to_owned())
            } else if w.starts_with("www.") && w.len() > 4 {
                Some(format!("https://{w}"))
            } else {
                None
            };
            if let Some(url) = url
                && !out.iter().any(|s: &Spanned<String>| s.value == url)
            {
                out.push(Spanned::new(url, Span::line(line.no)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Line;

    fn para(text: &str) -> Paragraph {
        Paragraph {
            lines: Line::numbered(text),
        }
    }

    fn check_contact(input: &str, expect: &str) {
        let c = contact(&para(input));
        let got = format!(
            "{} | {} | {} | {}",
            c.name,
            c.organisation.as_deref().unwrap_or("-"),
            c.email.as_deref().unwrap_or("-"),
            c.role.as_deref().unwrap_or("-")
        );
        assert_eq!(got, expect);
    }

    #[test]
    fn contacts() {
        check_contact(
            "Bryony Chipp\nWest Yorkshire Combined Authority\nBryony.Chipp@westyorks-ca.gov.uk",
            "Bryony Chipp | West Yorkshire Combined Authority | Bryony.Chipp@westyorks-ca.gov.uk | -",
        );
        check_contact(
            "Sandra Perez\nACCIÓ - Catalonia Trade and Investment,\nRegional Government of Catalonia\nsperezmartinez@gencat.cat",
            "Sandra Perez | ACCIÓ - Catalonia Trade and Investment, Regional Government of Catalonia | sperezmartinez@gencat.cat | -",
        );
        check_contact(
            "Antía Fernández Bautista\nICAMCYL Financial Coordinator\na.fernandez@icamcyl.com",
            "Antía Fernández Bautista | ICAMCYL | a.fernandez@icamcyl.com | Financial Coordinator",
        );
        check_contact(
            "Jane Doe\nProject Manager, TECOS\n<jane@tecos.si>",
            "Jane Doe | TECOS | jane@tecos.si | Project Manager",
        );
        check_contact(
            "Jane Doe\nChamber of commerce and industry of Slovenia\nmailto:jane@gzs.si",
            "Jane Doe | Chamber of commerce and industry of Slovenia | jane@gzs.si | -",
        );
    }

    #[test]
    fn institutions_split_on_leading_and() {
        let got: Vec<String> = institutions(&para(
            "Confindustria Toscana\nand Scuola Superiore Sant'Anna",
        ))
        .into_iter()
        .map(|s| s.value)
        .collect();
        assert_eq!(got, ["Confindustria Toscana", "Scuola Superiore Sant'Anna"]);
        let got: Vec<String> = institutions(&para(
            "Ministry of Economic Development,\nItalian government",
        ))
        .into_iter()
        .map(|s| s.value)
        .collect();
        assert_eq!(
            got,
            ["Ministry of Economic Development, Italian government"]
        );
    }

    #[test]
    fn website_forms() {
        let got: Vec<String> = websites(&para(
            "<https://www.confindustria.toscana.it/digital-innovation-hub-toscana/>\nand <https://www.artes4.it/>",
        ))
        .into_iter()
        .map(|s| s.value)
        .collect();
        assert_eq!(
            got,
            [
                "https://www.confindustria.toscana.it/digital-innovation-hub-toscana/",
                "https://www.artes4.it/"
            ]
        );
        let got: Vec<String> = websites(&para("https://a.example/x and www.b.example"))
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(got, ["https://a.example/x", "https://www.b.example"]);
    }
}
