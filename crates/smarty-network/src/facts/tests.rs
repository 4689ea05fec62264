//! Facts read from a store holding a handful of statements: the index scans read what the SPARQL
//! reading (`facts_sparql.rs`) reads, and both are the facts written out below, one line each.

use std::fmt::Write;

use smarty_store::{KnowledgeGraph, QueryOptions};

use super::{Facts, Source};
use crate::names::compact;

fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| compact(i.as_ref())).collect();
    format!("[{}]", items.join(" "))
}

/// One line per fact, IRIs in prefixed form.
fn written(f: &Facts) -> String {
    let mut out = String::new();
    for p in f.practices.values() {
        let orgs = p.organisations.iter().map(|(org, roles)| {
            let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            format!("{}({})", compact(org), roles.join(", "))
        });
        let _ = writeln!(
            out,
            "practice {} {:?} names={:?} themes={} places={} contacts={} organisations=[{}]",
            compact(&p.iri),
            p.title,
            p.names,
            list(&p.themes),
            list(&p.places),
            list(&p.contacts),
            orgs.collect::<Vec<_>>().join(" "),
        );
    }
    for p in f.persons.values() {
        let _ = writeln!(
            out,
            "person {} names={:?} emails={:?} printed={:?} member_of={}",
            compact(&p.iri),
            p.names,
            p.emails,
            p.printed_emails,
            list(&p.member_of),
        );
    }
    for o in f.organisations.values() {
        let (iri, label) = (compact(&o.iri), &o.label);
        let countries = list(&o.countries);
        let _ = writeln!(
            out,
            "organisation {iri} {label:?} names={:?} countries={countries}",
            o.names
        );
    }
    for t in &f.themes {
        let (iri, label, notation, colour) = (compact(&t.iri), &t.label, &t.notation, &t.colour);
        let _ = writeln!(out, "theme {iri} {label:?} notation={notation:?} {colour}");
    }
    for (iri, p) in &f.places {
        let _ = writeln!(
            out,
            "place {} {:?} code={:?} names={:?} broader={} part_of={}",
            compact(iri),
            p.label,
            p.code,
            p.names,
            list(&p.broader),
            list(&p.part_of),
        );
    }
    for (org, programmes) in &f.partners {
        let _ = writeln!(out, "partner {} of {}", compact(org), list(programmes));
    }
    out
}

/// Loads the statements (Turtle-like, with the predeclared prefixes) into one graph of an empty
/// store, reads the facts both ways and compares them with the expected lines.
fn check(statements: &str, expect: &str) {
    let kg = KnowledgeGraph::in_memory().expect("in-memory store");
    let options = QueryOptions::default();
    let update = format!("INSERT DATA {{ GRAPH <urn:test:graph> {{ {statements} }} }}");
    kg.update(&update, &options).expect("insert");
    let source = Source(&kg, &options);
    let scanned = written(&Facts::load(source).expect("scan"));
    let queried = written(
        &crate::facts_sparql::load(crate::facts_sparql::Sparql(&kg, &options)).expect("sparql"),
    );
    assert_eq!(scanned, queried, "the scans and the SPARQL reading differ");
    let expected: String = expect
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(scanned, expected, "facts read:\n{scanned}");
}

#[test]
fn an_empty_store_has_no_facts() {
    check("", "");
}

#[test]
fn a_practice_with_its_theme_place_contact_and_institution() {
    check(
        r#"
        practice:a a smarty:GoodPractice ; schema:name "Access"@en ;
            schema:alternateName "ACC" ; dcat:theme theme:t1 ;
            dcterms:spatial nuts:ITC4 ; dcat:contactPoint person:x ;
            smarty:mainInstitution organisation:uni .
        theme:t1 rdfs:label "Clusters"@en ; skos:notation "1" .
        nuts:ITC4 skos:prefLabel "Lombardia" ; skos:notation "ITC4" ;
            skos:broader nuts:ITC ; dcterms:isPartOf country:ITA .
        nuts:ITC skos:prefLabel "Nord-Ovest" .
        country:ITA skos:prefLabel "Italy"@en .
        person:x vcard:fn "Ada Rossi" ; vcard:hasEmail <mailto:ada@uni.it> ;
            smarty:printedEmail "Ada@uni.it" ; org:memberOf organisation:uni .
        organisation:uni skos:prefLabel "University" ; skos:altLabel "Uni" ;
            dcterms:spatial country:ITA .
        "#,
        r#"
        practice practice:a "Access" names=["ACC", "Access"] themes=[theme:t1] places=[nuts:ITC4] contacts=[person:x] organisations=[organisation:uni(main institution)]
        person person:x names=["Ada Rossi"] emails=["ada@uni.it"] printed=["Ada@uni.it"] member_of=[organisation:uni]
        organisation organisation:uni "University" names=["Uni", "University"] countries=[country:ITA]
        theme theme:t1 "Clusters" notation=Some("1") #9ecae9
        place nuts:ITC "Nord-Ovest" code=None names=["Nord-Ovest"] broader=[] part_of=[]
        place nuts:ITC4 "Lombardia" code=Some("ITC4") names=["ITC4", "Lombardia"] broader=[nuts:ITC] part_of=[country:ITA]
        place country:ITA "Italy" code=None names=["Italy"] broader=[] part_of=[]
        "#,
    );
}

#[test]
fn funders_partners_and_subjects_named_only_by_iri() {
    check(
        r#"
        practice:b a smarty:GoodPractice ; dcat:contactPoint person:nobody ;
            smarty:contactOrganisation organisation:agency ;
            schema:funding practice:b-grant .
        practice:b-grant schema:funder organisation:fund .
        organisation:fund schema:name "The Fund" .
        id:programme a schema:Project ; schema:member organisation:agency .
        practice:untyped schema:name "Not a practice" ; dcat:contactPoint person:y .
        "#,
        r#"
        practice practice:b "b" names=[] themes=[] places=[] contacts=[person:nobody] organisations=[organisation:agency(contact organisation) organisation:fund(funder)]
        person person:nobody names=[] emails=[] printed=[] member_of=[]
        organisation organisation:agency "agency" names=[] countries=[]
        organisation organisation:fund "The Fund" names=["The Fund"] countries=[]
        partner organisation:agency of [id:programme]
        "#,
    );
}

/// A first ingest into an empty store derives the facts from the statements it streams to the
/// loader; they are the facts read back from the store, for the bundled guide and a synthetic
/// one (funders, partners, shared contacts across countries).
#[test]
fn facts_derived_from_a_first_ingest_are_those_read_back() {
    let reference = smarty_reference::Reference::bundled().expect("bundled reference");
    let synthetic = smarty_synth::generate(200, 3, &reference).text;
    for (name, text) in [
        (
            "smarty-good-practice-guide",
            smarty_reference::BUNDLED_GUIDE.text,
        ),
        ("synthetic", synthetic.as_str()),
    ] {
        let dir = tempfile::tempdir().expect("temporary directory");
        let kg = KnowledgeGraph::open(dir.path()).expect("store");
        // The deriver, noting that it was handed the statements.
        let handed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (inner, seen) = (crate::deriver(), handed.clone());
        kg.derive_after_writes(smarty_store::Deriver {
            wants: inner.wants,
            derive: Box::new(move |kg, written| {
                let everything = matches!(written, smarty_store::Written::Everything(_));
                seen.store(everything, std::sync::atomic::Ordering::SeqCst);
                (inner.derive)(kg, written)
            }),
        });
        kg.ingest_text(name, text, &reference).expect("ingest");
        assert!(handed.load(std::sync::atomic::Ordering::SeqCst), "{name}");
        let derived =
            Facts::read_kept(&kg, super::NETWORK_FACTS).expect("facts kept by the ingest");
        let options = QueryOptions::default();
        let read = Facts::load(Source(&kg, &options)).expect("scan");
        assert!(read.practices.len() >= 26, "{name}");
        assert_eq!(written(&derived), written(&read), "{name}");
    }
}
