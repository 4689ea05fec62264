//! Names for people and for machines: wrapping for drawings, IRIs in their short form and back.
//! Folding for comparison and shortening for display are the extractor's, so every crate matches
//! and cuts names alike.

use smarty_extract::text::shorten;

/// Wraps a label at word boundaries into lines of about `width` characters, at most `lines`
/// lines (the last one cut with an ellipsis).
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(shorten(&rest, width));
    }
    out.into_iter()
        .map(|l| {
            if l.chars().count() > width + width / 2 {
                shorten(&l, width + width / 2)
            } else {
                l
            }
        })
        .collect()
}

/// `prefix:local` for an IRI under a predeclared namespace, else the IRI itself.
pub fn compact(iri: &str) -> String {
    smarty_rdf::vocab::compact(iri).unwrap_or_else(|| iri.to_owned())
}

/// The IRI a user wrote, if it is one: `<…>`, an absolute `http(s):`/`urn:`/`mailto:` IRI, or a
/// prefixed name with a predeclared prefix (`practice:access-innovation`).
pub fn expand_iri(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        return Some(inner.to_owned());
    }
    if ["http://", "https://", "urn:", "mailto:"]
        .iter()
        .any(|s| text.starts_with(s))
    {
        return Some(text.to_owned());
    }
    let (prefix, local) = text.split_once(':')?;
    if local.contains(char::is_whitespace) {
        return None;
    }
    smarty_rdf::vocab::namespace(prefix).map(|ns| format!("{ns}{local}"))
}

/// The last segment of an IRI (after `/` or `#`), for labels of last resort.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// The best of several labels: English first, then untagged, then any; the smallest among equals.
pub fn best_label(candidates: &[(String, Option<String>)]) -> Option<String> {
    candidates
        .iter()
        .min_by(|a, b| {
            let rank = |l: &Option<String>| match l.as_deref() {
                Some(l) if l == "en" || l.starts_with("en-") => 0,
                None => 1,
                Some(_) => 2,
            };
            rank(&a.1).cmp(&rank(&b.1)).then_with(|| a.0.cmp(&b.0))
        })
        .map(|(v, _)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_titles() {
        let lines = wrap(
            "The DIH and Competence Centre in Tuscany: a network for deploying I4.0 innovation in the region",
            24,
            3,
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert_eq!(wrap("Skills for Growth", 24, 3), vec!["Skills for Growth"]);
    }

    #[test]
    fn expands_prefixed_names_and_iris() {
        assert_eq!(
            expand_iri("practice:access-innovation").as_deref(),
            Some("https://w3id.org/smarty-kg/id/practice/access-innovation")
        );
        assert_eq!(
            expand_iri("<http://example.org/x>").as_deref(),
            Some("http://example.org/x")
        );
        assert_eq!(expand_iri("Skills for Growth"), None);
        assert_eq!(expand_iri("GATE 4.0: the district"), None);
    }
}
