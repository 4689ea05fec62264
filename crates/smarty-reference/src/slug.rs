//! Readable identifiers for IRIs: `Jožef Stefan Institute` → `jozef-stefan-institute`.

use smarty_extract::text::{fold, transliterate};

/// Lower-case ASCII words joined by hyphens; letters with diacritics lose them and other scripts
/// are transliterated (`Οδηγός` → `odegos`), so two names in another script stay two slugs.
/// Empty only for a text without letters or digits.
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let folded = if folded.is_ascii() {
        folded
    } else {
        fold(&transliterate(&folded))
    };
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ') {
        let ascii: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if ascii.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&ascii);
    }
    out
}

/// `base`, or `base-2`, `base-3`… if taken.
pub fn unique_slug(base: &str, taken: &std::collections::HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Jožef Stefan Institute"), "jozef-stefan-institute");
        assert_eq!(
            slug("Centr@tec Programme 2nd edition"),
            "centr-tec-programme-2nd-edition"
        );
        assert_eq!(slug("Lapland's Green Deal"), "laplands-green-deal");
        assert_eq!(slug("ΑΘΗΝΑ"), "athena");
        assert_eq!(slug("Путеводитель 2024"), "putevoditel-2024");
        assert_ne!(slug("Οδηγός"), slug("Путеводитель"));
        assert_eq!(slug("✓ — ✓"), "");
        let taken = ["a".to_owned(), "a-2".to_owned()].into_iter().collect();
        assert_eq!(unique_slug("a", &taken), "a-3");
    }
}
