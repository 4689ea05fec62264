//! What changed between two extractions of a guide (two editions, or a guide and an edited copy):
//! practices added, removed and changed, field by field, with the source lines on both sides.
//!
//! A practice keeps its identity across editions by its title (folded); one whose title changed
//! is still the same practice when it has the same contact persons and main institutions and a
//! similar title (half of the title's words shared). Fields are compared as the records' JSON
//! without their line spans; the position in the guide (number, page, lines) is not a change, as
//! an added practice shifts every later one.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::text::fold;
use crate::{Extraction, PracticeRecord};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideDiff {
    pub added: Vec<PracticeRef>,
    pub removed: Vec<PracticeRef>,
    pub changed: Vec<PracticeChange>,
}

impl GuideDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A practice, as a reader finds it in its guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeRef {
    pub number: u32,
    pub title: String,
    /// First and last line (1-based).
    pub lines: (u32, u32),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeChange {
    pub old: PracticeRef,
    pub new: PracticeRef,
    /// How the two were matched: "title", or "contact, institution and similar title".
    pub matched_by: &'static str,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The record's field name (`summary`, `amounts`, `contacts`…).
    pub field: String,
    pub old: Value,
    pub new: Value,
    /// Where the field is printed on each side (first line), when printed.
    pub old_line: Option<u32>,
    pub new_line: Option<u32>,
}

/// Fields that say where a practice is, not what it says.
const POSITION: [&str; 3] = ["number", "page", "span"];

pub fn diff(old: &Extraction, new: &Extraction) -> GuideDiff {
    let pairs = match_practices(&old.practices, &new.practices);
    let mut changed = Vec::new();
    for (o, n, matched_by) in &pairs {
        let fields = field_changes(o, n);
        if !fields.is_empty() {
            changed.push(PracticeChange {
                old: reference(o),
                new: reference(n),
                matched_by,
                fields,
            });
        }
    }
    let unmatched = |practices: &[PracticeRecord], side: fn(&Pair<'_>) -> u32| {
        let taken: BTreeSet<u32> = pairs.iter().map(side).collect();
        practices
            .iter()
            .filter(|p| !taken.contains(&p.number))
            .map(reference)
            .collect()
    };
    GuideDiff {
        added: unmatched(&new.practices, |p| p.1.number),
        removed: unmatched(&old.practices, |p| p.0.number),
        changed,
    }
}

type Pair<'a> = (&'a PracticeRecord, &'a PracticeRecord, &'static str);

/// Pairs by title first, then what is left by contact, institution and a similar title.
fn match_practices<'a>(old: &'a [PracticeRecord], new: &'a [PracticeRecord]) -> Vec<Pair<'a>> {
    let mut pairs: Vec<Pair<'a>> = Vec::new();
    let mut used_new = BTreeSet::new();
    for o in old {
        if let Some(n) = new
            .iter()
            .find(|n| !used_new.contains(&n.number) && fold(&n.title.value) == fold(&o.title.value))
        {
            used_new.insert(n.number);
            pairs.push((o, n, "title"));
        }
    }
    let used_old: BTreeSet<u32> = pairs.iter().map(|p| p.0.number).collect();
    for o in old.iter().filter(|o| !used_old.contains(&o.number)) {
        let same = new.iter().find(|n| {
            !used_new.contains(&n.number)
                && !o.contacts.is_empty()
                && people(o) == people(n)
                && institutions(o) == institutions(n)
                && similar(&o.title.value, &n.title.value)
        });
        if let Some(n) = same {
            used_new.insert(n.number);
            pairs.push((o, n, "contact, institution and similar title"));
        }
    }
    pairs.sort_by_key(|p| p.0.number);
    pairs
}

fn people(p: &PracticeRecord) -> BTreeSet<String> {
    p.contacts
        .iter()
        .map(|c| fold(c.email.as_deref().unwrap_or(&c.name)))
        .collect()
}

fn institutions(p: &PracticeRecord) -> BTreeSet<String> {
    p.main_institutions.iter().map(|i| fold(&i.value)).collect()
}

/// At least half of the longer title's words are in the other.
fn similar(a: &str, b: &str) -> bool {
    let words = |t: &str| -> BTreeSet<String> {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    shared * 2 >= a.len().max(b.len()) && shared > 0
}

fn reference(p: &PracticeRecord) -> PracticeRef {
    PracticeRef {
        number: p.number,
        title: p.title.value.clone(),
        lines: (p.span.start, p.span.end),
    }
}

fn field_changes(old: &PracticeRecord, new: &PracticeRecord) -> Vec<FieldChange> {
    let (Ok(Value::Object(o)), Ok(Value::Object(n))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        if POSITION.contains(&key.as_str()) {
            continue;
        }
        let (ov, nv) = (
            o.get(key).unwrap_or(&Value::Null),
            n.get(key).unwrap_or(&Value::Null),
        );
        changes(key, (ov, nv), (first_line(ov), first_line(nv)), &mut out);
    }
    out
}

/// The changes between two values, as deep as they keep their shape: objects key by key, lists
/// of the same length item by item (named by their `kind` where they have one, as sections do),
/// so a reader sees `sections[about].text` or `amounts[0].value`, each with the lines it is on.
fn changes(
    path: &str,
    (old, new): (&Value, &Value),
    lines: (Option<u32>, Option<u32>),
    out: &mut Vec<FieldChange>,
) {
    let (old_value, new_value) = (without_spans(old), without_spans(new));
    if old_value == new_value {
        return;
    }
    let lines = (first_line(old).or(lines.0), first_line(new).or(lines.1));
    match (old, new) {
        (Value::Object(o), Value::Object(n)) if !old_value.is_string() => {
            let keys: BTreeSet<&String> =
                o.keys().chain(n.keys()).filter(|k| *k != "span").collect();
            for key in keys {
                let pair = (
                    o.get(key).unwrap_or(&Value::Null),
                    n.get(key).unwrap_or(&Value::Null),
                );
                changes(&format!("{path}.{key}"), pair, lines, out);
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, pair) in o.iter().zip(n).enumerate() {
                let name = match pair.0.get("kind").and_then(Value::as_str) {
                    Some(kind) => kind.to_owned(),
                    None => i.to_string(),
                };
                changes(&format!("{path}[{name}]"), pair, lines, out);
            }
        }
        _ => out.push(FieldChange {
            field: path.to_owned(),
            old: old_value,
            new: new_value,
            old_line: lines.0,
            new_line: lines.1,
        }),
    }
}

/// The value with every `span` left out (and `{value, span}` pairs reduced to the value).
fn without_spans(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let kept: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| k.as_str() != "span")
                .map(|(k, v)| (k.clone(), without_spans(v)))
                .collect();
            match kept.get("value") {
                Some(v) if kept.len() == 1 => v.clone(),
                _ => Value::Object(kept),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(without_spans).collect()),
        other => other.clone(),
    }
}

/// The first line any span in the value starts at.
fn first_line(value: &Value) -> Option<u32> {
    match value {
        Value::Object(map) => map
            .get("span")
            .and_then(|s| s.get("start"))
            .and_then(Value::as_u64)
            .map(|l| l as u32)
            .or_else(|| map.values().find_map(first_line)),
        Value::Array(items) => items.iter().find_map(first_line),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/smarty-good-practice-guide.txt"
        ))
        .expect("the bundled guide")
    }

    fn check(
        edit: impl Fn(String) -> String,
        expect: &[(&str, &[&str])],
        added: usize,
        removed: usize,
    ) {
        let text = guide();
        let d = diff(&crate::extract(&text), &crate::extract(&edit(text.clone())));
        let got: Vec<(String, Vec<String>)> = d
            .changed
            .iter()
            .map(|c| {
                (
                    c.old.title.clone(),
                    c.fields.iter().map(|f| f.field.clone()).collect(),
                )
            })
            .collect();
        let want: Vec<(String, Vec<String>)> = expect
            .iter()
            .map(|(t, f)| ((*t).to_owned(), f.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
        assert_eq!(got, want);
        assert_eq!((d.added.len(), d.removed.len()), (added, removed));
    }

    /// The text with one line (1-based) replaced.
    fn edit_line(text: &str, line: usize, with: &str) -> String {
        text.lines()
            .enumerate()
            .map(|(i, l)| if i + 1 == line { with } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_guide_against_itself_has_no_changes() {
        check(|t| t, &[], 0, 0);
    }

    #[test]
    fn a_renamed_practice_keeps_its_identity_by_contact_and_institution() {
        check(
            // The heading and its contents-page entry, as a new edition would print them.
            |t| {
                let t = edit_line(&t, 48, "Skills for Regional Growth\t52");
                edit_line(&t, 1295, "Skills for Regional Growth")
            },
            &[("Skills for Growth", &["title"])],
            0,
            0,
        );
    }
}
