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
