//! The guide's own facts: its title and introduction, the programme and its partners, the theme
//! scheme; and what the text says of an organisation, wherever it is printed.

use std::collections::BTreeMap;

use oxrdf::NamedNode;
use oxrdf::vocab::{rdf, rdfs};
use smarty_extract::{Extraction, Span};
use smarty_reference::slug::slug;
use smarty_reference::{OrganisationKind, Reference, ResolvedGuide, ResolvedOrganisation};

use super::emitter::{Emitter, en, string};
use crate::iri;
use crate::vocab::*;

pub(super) fn guide_facts(
    e: &mut Emitter<'_>,
    x: &Extraction,
    r: &ResolvedGuide,
    guide: &NamedNode,
    reference: &Reference,
) {
    if let Some(title) = &x.guide.title {
        e.fact(title.span, guide, dcterms::TITLE, en(&title.value));
    }
    if let Some(intro) = &x.guide.introduction {
        e.fact(intro.span, guide, dcterms::DESCRIPTION, en(&intro.value));
    }
    // The programme is named by the first line of the cover ("SMARTY").
    let programme_name = x
        .guide
        .cover
        .as_ref()
        .and_then(|c| c.value.lines().next().map(|l| (l.to_owned(), c.span)));
    if let Some((name, span)) = programme_name {
        let programme_slug = slug(&name);
        let programme = iri::programme(if programme_slug.is_empty() {
            "programme"
        } else {
            &programme_slug
        });
        let span = Span::line(span.start);
        e.fact(span, &programme, rdf::TYPE, schema::PROJECT.into_owned());
        e.fact(span, &programme, schema::NAME, string(&name));
        e.fact(span, guide, schema::ABOUT, programme.clone());
        for partner in &r.partners {
            let org = iri::organisation(&partner.organisation);
            e.fact(partner.span, &programme, schema::MEMBER, org.clone());
            if let Some(o) = r.organisation(&partner.organisation) {
                organisation_facts(e, partner.span, &org, o, &partner.caption, reference);
            }
        }
    }
}

pub(super) fn themes(e: &mut Emitter<'_>, x: &Extraction, doc: &str) -> BTreeMap<u32, NamedNode> {
    let scheme = iri::theme_scheme(doc);
    let mut out = BTreeMap::new();
    for t in &x.themes {
        let theme_slug = slug(&t.label.value);
        let theme = iri::theme(&if theme_slug.is_empty() {
            format!("theme-{}", t.number)
        } else {
            theme_slug
        });
        let span = t.label.span;
        e.fact(span, &theme, rdf::TYPE, skos::CONCEPT.into_owned());
        e.fact(span, &theme, rdfs::LABEL, en(&t.label.value));
        e.fact(span, &theme, skos::NOTATION, string(&t.number.to_string()));
        e.fact(span, &theme, skos::IN_SCHEME, scheme.clone());
        e.fact(span, &theme, skos::TOP_CONCEPT_OF, scheme.clone());
        e.fact(span, &scheme, rdf::TYPE, skos::CONCEPT_SCHEME.into_owned());
        e.fact(span, &scheme, skos::HAS_TOP_CONCEPT, theme.clone());
        e.fact(
            t.full_label.span,
            &theme,
            skos::PREF_LABEL,
            en(&t.full_label.value),
        );
        if let Some(d) = &t.description {
            e.fact(d.span, &theme, skos::SCOPE_NOTE, en(&d.value));
        }
        out.insert(t.number, theme);
    }
    out
}

/// What the text says of an organisation beyond the curated alias table: for a known one, a
/// spelling the table lacks; for an unknown one, its types and printed name. (Repeating curated
/// facts here would make the union default graph count them twice.)
pub(super) fn organisation_facts(
    e: &mut Emitter<'_>,
    span: Span,
    org: &NamedNode,
    o: &ResolvedOrganisation,
    printed: &str,
    reference: &Reference,
) {
    if o.known {
        let curated = reference
            .organisations()
            .get(&o.id)
            .is_some_and(|c| c.name == printed || c.aliases.iter().any(|a| a == printed));
        if !curated {
            e.fact(span, org, skos::ALT_LABEL, string(printed));
        }
    } else {
        for t in organisation_types(o.kind) {
            e.fact(span, org, rdf::TYPE, t.into_owned());
        }
        e.fact(span, org, skos::PREF_LABEL, string(&o.name));
    }
}

pub(crate) fn organisation_types(kind: OrganisationKind) -> Vec<oxrdf::NamedNodeRef<'static>> {
    match kind {
        OrganisationKind::Fund => vec![schema::FUNDING_SCHEME, schema::ORGANIZATION],
        OrganisationKind::Public => vec![
            org::ORGANIZATION,
            schema::ORGANIZATION,
            cv::PUBLIC_ORGANISATION,
        ],
        OrganisationKind::Organisation | OrganisationKind::Sector => {
            vec![org::ORGANIZATION, schema::ORGANIZATION]
        }
    }
}
