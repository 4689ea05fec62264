//! One practice: its names, theme, sections, institutions, places, period and grants (its contact
//! points are in `persons.rs`).

use std::collections::BTreeMap;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode};
use smarty_extract::{
    AmountRecord, AmountRole, Per, PeriodRecord, PracticeRecord, Qualifier, SectionKind, Span,
};
use smarty_reference::{Reference, ResolvedGuide, ResolvedPractice};

use super::document::organisation_facts;
use super::emitter::{Emitter, boolean, decimal, en, partial_date, string};
use crate::iri::{self, PersonKey};
use crate::vocab::*;

/// What every practice's mapping needs besides the practice itself.
pub(super) struct Context<'a> {
    pub(super) resolved: &'a ResolvedGuide,
    pub(super) reference: &'a Reference,
    pub(super) key: &'a PersonKey,
    pub(super) guide: &'a NamedNode,
    pub(super) themes: &'a BTreeMap<u32, NamedNode>,
}

fn section_property(kind: SectionKind) -> oxrdf::NamedNodeRef<'static> {
    match kind {
        SectionKind::About => schema::DESCRIPTION,
        SectionKind::ResourcesNeeded => smarty::RESOURCES_NEEDED,
        SectionKind::EvidenceOfSuccess => smarty::EVIDENCE_OF_SUCCESS,
        SectionKind::DifficultiesEncountered => smarty::DIFFICULTIES_ENCOUNTERED,
        SectionKind::PotentialForLearningOrTransfer => smarty::POTENTIAL_FOR_LEARNING_OR_TRANSFER,
    }
}

pub(super) fn practice(
    e: &mut Emitter<'_>,
    p: &PracticeRecord,
    rp: &ResolvedPractice,
    cx: &Context<'_>,
) {
    let (r, reference, guide, themes) = (cx.resolved, cx.reference, cx.guide, cx.themes);
    let s = iri::practice(&rp.slug);
    let title = p.title.span;
    e.fact(title, &s, rdf::TYPE, smarty::GOOD_PRACTICE.into_owned());
    e.fact(title, &s, rdf::TYPE, schema::PROJECT.into_owned());
    e.fact(title, &s, schema::NAME, en(&p.title.value));
    e.fact(title, &s, dcterms::IS_PART_OF, guide.clone());
    if let Some(theme) = p.theme.and_then(|t| themes.get(&t)) {
        e.fact(title, &s, dcat::THEME, theme.clone());
    }
    if let Some(page) = p.page {
        e.fact(
            title,
            &s,
            smarty::PAGE,
            Literal::new_typed_literal(page.to_string(), xsd::INTEGER),
        );
    }
    for alt in &p.alternate_titles {
        e.fact(alt.span, &s, schema::ALTERNATE_NAME, string(&alt.text));
    }
    if let Some(summary) = &p.summary {
        e.fact(summary.span, &s, dcterms::ABSTRACT, en(&summary.value));
    }
    for section in &p.sections {
        e.fact(
            section.span,
            &s,
            section_property(section.kind),
            en(&section.text),
        );
    }
    institutions_and_places(e, &s, p, rp, cx);
    if let Some(period) = &p.period {
        period_facts(e, &s, &rp.slug, period);
    }
    grants(e, &s, &rp.slug, p, rp, r, reference);
    super::persons::contact_points(e, &s, p, rp, cx);
}

/// The practice's main institutions, location and websites.
fn institutions_and_places(
    e: &mut Emitter<'_>,
    s: &NamedNode,
    p: &PracticeRecord,
    rp: &ResolvedPractice,
    cx: &Context<'_>,
) {
    let (r, reference) = (cx.resolved, cx.reference);
    for (inst, id) in p.main_institutions.iter().zip(&rp.institutions) {
        let org = iri::organisation(id);
        e.fact(inst.span, s, smarty::MAIN_INSTITUTION, org.clone());
        if let Some(o) = r.organisation(id) {
            organisation_facts(e, inst.span, &org, o, &inst.value, reference);
        }
    }
    // A "Unit, Parent" institution gives more ids than printed names; keep the extra ones.
    for id in rp.institutions.iter().skip(p.main_institutions.len()) {
        if let Some(inst) = p.main_institutions.last() {
            e.fact(
                inst.span,
                s,
                smarty::MAIN_INSTITUTION,
                iri::organisation(id),
            );
        }
    }
    if let (Some(loc), Some(res)) = (&p.location, &rp.location) {
        e.fact(loc.span, s, schema::LOCATION, string(&loc.value));
        for code in &res.nuts {
            e.fact(loc.span, s, dcterms::SPATIAL, iri::nuts(code));
        }
        for c in &res.countries {
            e.fact(loc.span, s, dcterms::SPATIAL, iri::country(c));
        }
    }
    for w in &p.websites {
        if let Ok(url) = NamedNode::new(&w.value) {
            e.fact(w.span, s, schema::URL, url);
        }
    }
}

fn period_facts(e: &mut Emitter<'_>, s: &NamedNode, slug: &str, d: &PeriodRecord) {
    let period = iri::practice_child(slug, "period");
    e.fact(d.span, s, dcterms::TEMPORAL, period.clone());
    e.fact(
        d.span,
        &period,
        rdf::TYPE,
        dcterms::PERIOD_OF_TIME.into_owned(),
    );
    e.fact(d.span, &period, rdfs::LABEL, string(&d.text));
    if let Some(start) = d.start {
        e.fact(d.span, &period, dcat::START_DATE, partial_date(start));
    }
    if let Some(end) = d.end {
        e.fact(d.span, &period, dcat::END_DATE, partial_date(end));
    }
    if d.ongoing {
        e.fact(d.span, &period, smarty::ONGOING, boolean(true));
    }
}

/// One grant per amount; a funder printed on the amount's line funds that grant, a funder printed
/// elsewhere in the section funds every grant of it (or a grant of its own when none has an amount).
fn grants(
    e: &mut Emitter<'_>,
    s: &NamedNode,
    slug: &str,
    p: &PracticeRecord,
    rp: &ResolvedPractice,
    r: &ResolvedGuide,
    reference: &Reference,
) {
    let funder_ids: Vec<(Span, SectionKind, &String)> = p
        .funders
        .iter()
        .zip(&rp.funders_by_mention)
        .flat_map(|(f, ids)| ids.iter().map(move |id| (f.span, f.section, id)))
        .collect();
    for (f, ids) in p.funders.iter().zip(&rp.funders_by_mention) {
        for id in ids {
            if let Some(o) = r.organisation(id) {
                organisation_facts(e, f.span, &iri::organisation(id), o, &f.name, reference);
            }
        }
    }
    // A body another section says funds the practice has a grant of its own: nothing tells which
    // amount of "Resources needed" it gave.
    let (funder_ids, elsewhere): (Vec<_>, Vec<_>) = funder_ids
        .into_iter()
        .partition(|(_, section, _)| *section == SectionKind::ResourcesNeeded);
    let amount_lines: Vec<u32> = p.amounts.iter().map(|a| a.span.start).collect();
    let mut n = 0;
    for a in &p.amounts {
        n += 1;
        let grant = iri::practice_child(slug, &format!("funding/{n}"));
        e.fact(a.span, s, schema::FUNDING, grant.clone());
        e.fact(
            a.span,
            &grant,
            rdf::TYPE,
            schema::MONETARY_GRANT.into_owned(),
        );
        amount_facts(e, &grant, slug, n, a);
        for (span, _, id) in &funder_ids {
            if span.start == a.span.start || !amount_lines.contains(&span.start) {
                e.fact(*span, &grant, schema::FUNDER, iri::organisation(id));
            }
        }
        funding_sources(e, &grant, p, Some(a.span.start), &amount_lines);
    }
    let unfunded = p.amounts.is_empty() && !(funder_ids.is_empty() && p.funding_sources.is_empty());
    if unfunded {
        n += 1;
        let grant = iri::practice_child(slug, &format!("funding/{n}"));
        let span = funder_ids
            .first()
            .map_or_else(|| p.funding_sources[0].span, |f| f.0);
        e.fact(span, s, schema::FUNDING, grant.clone());
        e.fact(span, &grant, rdf::TYPE, schema::MONETARY_GRANT.into_owned());
        for (span, _, id) in &funder_ids {
            e.fact(*span, &grant, schema::FUNDER, iri::organisation(id));
        }
        funding_sources(e, &grant, p, None, &amount_lines);
    }
    for (span, _, id) in &elsewhere {
        n += 1;
        let grant = iri::practice_child(slug, &format!("funding/{n}"));
        e.fact(*span, s, schema::FUNDING, grant.clone());
        e.fact(
            *span,
            &grant,
            rdf::TYPE,
            schema::MONETARY_GRANT.into_owned(),
        );
        e.fact(*span, &grant, schema::FUNDER, iri::organisation(id));
    }
}

/// A source described without a body ("Private Sector match funding") is said on the grants it
/// pays into, as text, by the same rule as a funder: the grant of its line, or every grant.
fn funding_sources(
    e: &mut Emitter<'_>,
    grant: &NamedNode,
    p: &PracticeRecord,
    line: Option<u32>,
    amount_lines: &[u32],
) {
    for source in &p.funding_sources {
        let start = source.span.start;
        if line.is_none_or(|l| l == start) || !amount_lines.contains(&start) {
            e.fact(
                source.span,
                grant,
                smarty::FUNDING_SOURCE,
                string(&source.value),
            );
        }
    }
}

fn amount_facts(e: &mut Emitter<'_>, grant: &NamedNode, slug: &str, n: usize, a: &AmountRecord) {
    let amount = iri::practice_child(slug, &format!("funding/{n}/amount"));
    let span = a.span;
    e.fact(span, grant, schema::AMOUNT, amount.clone());
    e.fact(
        span,
        &amount,
        rdf::TYPE,
        schema::MONETARY_AMOUNT.into_owned(),
    );
    e.fact(span, &amount, rdfs::LABEL, string(&a.text));
    e.fact(span, &amount, schema::CURRENCY, string(&a.currency));
    if let Some(v) = a.value {
        e.fact(span, &amount, schema::VALUE, decimal(v));
    }
    if let Some(v) = a.min {
        e.fact(span, &amount, schema::MIN_VALUE, decimal(v));
    }
    if let Some(v) = a.max {
        e.fact(span, &amount, schema::MAX_VALUE, decimal(v));
    }
    if a.qualifier == Some(Qualifier::About) {
        e.fact(span, &amount, smarty::APPROXIMATE, boolean(true));
    }
    if let Some(per) = a.per {
        let unit = match per {
            Per::Year => "year",
            Per::Project => "project",
        };
        e.fact(span, &amount, smarty::PER, string(unit));
    }
    if a.currency_inferred {
        e.fact(span, &amount, smarty::CURRENCY_INFERRED, boolean(true));
    }
    // The role is said beside the amount, which stays where every amount is (grant → amount).
    if let Some(role) = a.role {
        let role = match role {
            AmountRole::Total => "total",
            AmountRole::Part => "part",
            AmountRole::Equivalent => "equivalent",
            AmountRole::PerYear => "per-year",
            AmountRole::PerUnit => "per-unit",
        };
        e.fact(span, &amount, smarty::AMOUNT_ROLE, string(role));
    }
}
