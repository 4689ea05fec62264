//! The quads of a tiny guide (three practices in one theme), read by the extractor and resolved
//! against the bundled reference, as N-Quads in the order [`map_guide`] hands them out.

use smarty_reference::Reference;

use super::{GuideInput, SourceHashes, map_guide};
use crate::iri::PersonKey;

/// Three practices: a known institution with a contact shared by two practices, an unknown one
/// with an amount and a funder, a region and a country, dates with and without an end.
const GUIDE: &str = "SMARTY
Interreg Europe

**SMARTY INTERREG
GOOD PRACTICE GUIDE**

Contents

Contents\t2
Introduction\t4
Regional platforms and clusters\t6
Future Industry Platform\t8
Access Innovation\t10
Tiny Makers Lab\t12

Introduction

This guide collects three good practices in one theme:

- » Theme 1: Regional platforms and clusters supporting SMEs to adopt Industry 4.0



Regional platforms and clusters

supporting SMEs to adopt Industry 4.0

Regions help their small firms to modernise.



Future Industry Platform

The platform strengthens the competences of enterprises in Poland.

About this good practice

A foundation that supports digital transformation.

Resources needed

About 30 people.

Evidence of success

A nationwide platform for the exchange of knowledge.

Potential for learning or transfer

A self-assessment tool other regions can use.

Main institution:

Future Industry Platform State Treasury Foundation

Location:

Poland

Contact:

Joanna Labedzka
Future Industry Platform State Treasury Foundation
joanna.labedzka@example.org

Website:

<https://example.org/future-industry-platform>

Start-end date:

February 2019 - ongoing



Access Innovation

A package of support to help businesses access specialist expertise.

About this good practice

Businesses work with universities on innovation projects.

Resources needed

The practice had a budget of EUR 500,000, funded by the European Regional Development Fund.

Evidence of success

Forty businesses supported.

Potential for learning or transfer

Any region with universities.

Main institution:

Leeds City Region LEP

Location:

West Yorkshire, United Kingdom

Contact:

Joanna Labedzka
Future Industry Platform State Treasury Foundation
Joanna.Labedzka@example.org

Start - end date:

2016 - 2019



Tiny Makers Lab

A workshop where small firms try out machines.

About this good practice

Makers and firms share a lab.

Resources needed

A room and two machines.

Evidence of success

Ten prototypes built.

Potential for learning or transfer

Any town with a school.

Main institution:

Tiny Makers Association

Location:

Lombardy, Italy

Contact:

Marco Bianchi
Tiny Makers Association
marco.bianchi@example.org
+39 02 1234 5678

Start - end date:

March 2020 - December 2021
";

/// Maps the guide (extracted, then resolved against the bundled reference, person IRIs under a
/// fixed key) and compares its N-Quads, one a line, with the snapshot `expect`.
fn check(guide: &str, expect: &str) {
    let reference = Reference::bundled().expect("the bundled reference");
    let extraction = smarty_extract::extract(guide);
    let resolved = smarty_reference::resolve(&extraction, &reference);
    let input = GuideInput {
        name: "tiny-guide",
        source: SourceHashes::of(guide.as_bytes(), guide),
        extraction,
        resolved,
    };
    let key = PersonKey::new(b"fixed test key".to_vec());
    let mut lines = String::new();
    let summary = map_guide(input, &reference, &key, &mut |q| {
        lines.push_str(&format!("{q} .\n"));
    });
    assert_eq!(summary.quads, lines.lines().count());
    insta::assert_snapshot!(expect, lines);
}

#[test]
fn three_practices() {
    let extraction = smarty_extract::extract(GUIDE);
    assert_eq!(extraction.practices.len(), 3, "{:#?}", extraction.practices);
    check(GUIDE, "three_practices");
}
