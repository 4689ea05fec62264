//! Synthetic guides extract exactly: every practice, no diagnostic, the shared contacts the
//! generator put in.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use smarty_reference::Reference;

#[test]
fn a_thousand_practices_extract_with_zero_diagnostics_and_the_known_shared_contacts() {
    let reference = Reference::bundled().unwrap();
    let guide = smarty_synth::generate(1_000, 7, &reference);
    let x = smarty_extract::extract(&guide.text);
    assert_eq!(x.diagnostics, vec![], "diagnostics on a synthetic guide");
    assert_eq!(x.practices.len(), guide.expected.practices);
    assert_eq!(x.themes.len(), guide.expected.themes);
    let persons = smarty_extract::persons(&x.practices);
    assert_eq!(persons.len(), guide.expected.persons);
    let shared: BTreeMap<String, usize> = persons
        .iter()
        .filter(|p| p.practices().len() > 1)
        .map(|p| (p.key.clone(), p.practices().len()))
        .collect();
    assert_eq!(shared, guide.expected.shared_contacts);
    // Every practice has its fields.
    for p in &x.practices {
        assert!(p.period.is_some(), "{} has no dates", p.title.value);
        assert!(!p.amounts.is_empty(), "{} has no amount", p.title.value);
        assert!(p.location.is_some() && !p.main_institutions.is_empty() && p.contacts.len() == 1);
    }
    // Locations resolve to NUTS regions.
    let resolved = smarty_reference::resolve(&x, &reference);
    let unresolved: Vec<_> = resolved
        .notes
        .iter()
        .filter(|n| n.message.starts_with("location part"))
        .collect();
    assert!(unresolved.is_empty(), "{unresolved:?}");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let reference = Reference::bundled().unwrap();
    let a = smarty_synth::generate(200, 42, &reference);
    let b = smarty_synth::generate(200, 42, &reference);
    let c = smarty_synth::generate(200, 43, &reference);
    assert_eq!(a.text, b.text);
    assert_ne!(a.text, c.text);
}

/// One practice's values as text, from the extraction and from the generator's truth alike, so a
/// difference shows as one line.
fn extracted(p: &smarty_extract::PracticeRecord) -> String {
    let show = |d: Option<smarty_extract::Decimal>| d.map(|d| d.to_string());
    let contact = p.contacts.first().map(|c| {
        (
            c.name.clone(),
            c.organisation.clone().unwrap_or_default(),
            c.email.clone().unwrap_or_default(),
        )
    });
    let amounts: Vec<_> = p
        .amounts
        .iter()
        .map(|a| {
            let role = a.role.map(|r| format!("{r:?}"));
            (
                show(a.value),
                show(a.min),
                show(a.max),
                a.currency.clone(),
                role,
            )
        })
        .collect();
    let period = p.period.as_ref().map(|d| {
        let end = match (d.end, d.ongoing) {
            (Some(e), _) => Some(e.to_string()),
            (None, true) => Some("ongoing".to_owned()),
            (None, false) => None,
        };
        (d.start.map(|s| s.to_string()).unwrap_or_default(), end)
    });
    let funders: Vec<&str> = p.funders.iter().map(|f| f.name.as_str()).collect();
    format!(
        "{} theme {:?} {contact:?} {amounts:?} {period:?} funders {funders:?}",
        p.title.value, p.theme
    )
}

fn truth(t: &smarty_synth::PracticeTruth) -> String {
    let amounts: Vec<_> = t
        .amounts
        .iter()
        .map(|a| {
            (
                a.value.clone(),
                a.min.clone(),
                a.max.clone(),
                a.currency.to_owned(),
                a.role.map(str::to_owned),
            )
        })
        .collect();
    let period = Some((t.period.start.clone(), t.period.end.clone()));
    format!(
        "{} theme {:?} {:?} {amounts:?} {period:?} funders {:?}",
        t.title,
        Some(t.theme),
        Some(t.contact.clone()),
        t.funders
    )
}

/// Whether a resolved location is the place meant: the same regions, or for each the region
/// below it that is the same territory (the same name one level down, or its only subregion).
fn same_place(reference: &Reference, got: &[String], want: &[String]) -> bool {
    let gazetteer = reference.gazetteer();
    let names = |code: &str| -> Vec<String> {
        let mut n: Vec<String> = gazetteer.other_names(code).to_vec();
        n.extend(gazetteer.region(code).map(|r| r.name.clone()));
        n
    };
    let same = |g: &String, w: &String| {
        let children = gazetteer
            .regions()
            .filter(|r| r.code.len() == w.len() + 1 && r.code.starts_with(w.as_str()))
            .count();
        g == w
            || (g.starts_with(w.as_str())
                && g.len() == w.len() + 1
                && (children == 1 || names(g).iter().any(|n| names(w).contains(n))))
    };
    got.len() == want.len() && got.iter().zip(want).all(|(g, w)| same(g, w))
}

#[test]
fn every_printed_form_extracts_with_zero_wrong_values() {
    let reference = Reference::bundled().unwrap();
    let guide = smarty_synth::generate(600, 3, &reference);
    let x = smarty_extract::extract(&guide.text);
    assert_eq!(x.practices.len(), guide.expected.records.len());
    let wrong: Vec<(String, String)> = x
        .practices
        .iter()
        .zip(&guide.expected.records)
        .map(|(p, t)| (extracted(p), truth(t)))
        .filter(|(got, want)| got != want)
        .collect();
    let resolved = smarty_reference::resolve(&x, &reference);
    let misplaced: Vec<(String, Vec<String>, Vec<String>)> = x
        .practices
        .iter()
        .zip(&resolved.practices)
        .zip(&guide.expected.records)
        .filter_map(|((p, r), t)| {
            let got = r
                .location
                .as_ref()
                .map(|l| l.nuts.clone())
                .unwrap_or_default();
            let printed = p
                .location
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default();
            (!same_place(&reference, &got, &t.place)).then(|| (printed, got, t.place.clone()))
        })
        .collect();
    assert!(
        misplaced.is_empty(),
        "{} places wrong: {misplaced:#?}",
        misplaced.len()
    );
    assert!(
        wrong.is_empty(),
        "{} wrong of {}: {:#?}",
        wrong.len(),
        x.practices.len(),
        &wrong[..wrong.len().min(5)]
    );
}
