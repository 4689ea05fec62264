//! One ingested guide → quads.
//!
//! Each fact goes into the named graph of the source lines it was read from
//! (`…/graph/doc/{doc}/{version}/L{a}-{b}`); facts about persons go into a parallel `personal/`
//! graph for the same lines. A provenance graph states, for every such graph, the source lines it
//! was derived from (RFC 5147 fragment), the extraction activity, and — for personal graphs — the
//! categories of personal data it holds. No blank nodes: grants, amounts and periods get child IRIs.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode, Quad, Term};
use rustc_hash::FxHashSet;
use smarty_extract::{
    AmountRecord, Extraction, Per, PeriodRecord, PracticeRecord, Qualifier, SectionKind, Span,
};
use smarty_reference::slug::slug;
use smarty_reference::{OrganisationKind, Reference, ResolvedGuide, ResolvedOrganisation};
use xxhash_rust::xxh3::Xxh3;

use crate::iri::{self, PersonKey};
use crate::vocab::*;

/// A guide ready to be mapped: its name, bytes (for the version hash) and what was read from it.
pub struct GuideInput<'a> {
    /// A slug naming the document across versions (the file stem: `smarty-good-practice-guide`).
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub extraction: &'a Extraction,
    pub resolved: &'a ResolvedGuide,
}

/// The quads of one document version and what its graphs are.
#[derive(Debug, Default)]
pub struct GuideQuads {
    pub quads: Vec<Quad>,
    pub version: String,
    pub sha256: String,
    /// Every graph written, including the provenance graph.
    pub graphs: Vec<NamedNode>,
    pub personal_graphs: Vec<NamedNode>,
}

/// What [`map_guide`] wrote, without the quads themselves.
#[derive(Debug, Clone, Default)]
pub struct GuideSummary {
    pub version: String,
    pub sha256: String,
    pub quads: usize,
    /// Graphs written, the provenance graph included.
    pub graphs: usize,
    pub personal_graphs: usize,
}

struct Emitter<'a> {
    name: &'a str,
    version: String,
    source: NamedNode,
    activity: NamedNode,
    sink: &'a mut dyn FnMut(Quad),
    emitted: usize,
    /// Fingerprints of the triples already written: a triple read from several places is stored
    /// once, in the graph of its first source lines, because oxigraph's union default graph counts
    /// a triple once per graph that holds it. 128-bit hashes rather than the triples themselves
    /// keep this set small next to the store (an accidental collision is about as likely as
    /// 2^-100 for a guide of a million practices).
    written: FxHashSet<u128>,
    /// (first line, last line, personal) → graph
    graphs: BTreeMap<(u32, u32, bool), NamedNode>,
    /// Personal graph → the categories of personal data it holds.
    categories: BTreeMap<NamedNode, Vec<oxrdf::NamedNodeRef<'static>>>,
}

/// A 128-bit fingerprint of a triple: its terms in N-Triples-like form, separated by bytes that
/// cannot occur in IRIs or in the kind tags.
fn fingerprint(s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: &Term) -> u128 {
    let mut h = Xxh3::new();
    h.update(s.as_str().as_bytes());
    h.update(b"\0");
    h.update(p.as_str().as_bytes());
    h.update(b"\0");
    match o {
        Term::NamedNode(n) => {
            h.update(b"I");
            h.update(n.as_str().as_bytes());
        }
        Term::BlankNode(b) => {
            h.update(b"B");
            h.update(b.as_str().as_bytes());
        }
        Term::Literal(l) => {
            h.update(b"L");
            h.update(&(l.value().len() as u64).to_le_bytes());
            h.update(l.value().as_bytes());
            match l.language() {
                Some(lang) => {
                    h.update(b"@");
                    h.update(lang.as_bytes());
                }
                None => {
                    h.update(b"^");
                    h.update(l.datatype().as_str().as_bytes());
                }
            }
        }
        #[allow(unreachable_patterns)]
        _ => h.update(o.to_string().as_bytes()),
    }
    h.digest128()
}

/// The DPV personal-data category a person's property carries.
fn personal_category(p: oxrdf::NamedNodeRef<'_>) -> Option<oxrdf::NamedNodeRef<'static>> {
    if p == vcard::FN {
        Some(pd::NAME)
    } else if p == vcard::HAS_EMAIL || p == smarty::PRINTED_EMAIL {
        Some(pd::EMAIL_ADDRESS)
    } else if p == vcard::HAS_TELEPHONE {
        Some(pd::TELEPHONE_NUMBER)
    } else if p == vcard::TITLE {
        Some(pd::PROFESSIONAL_TITLE)
    } else if p == org::MEMBER_OF {
        Some(pd::EMPLOYER)
    } else if p == dcat::CONTACT_POINT || p == rdf::TYPE {
        // The person's (pseudonymous) identifier, tied to a practice or a class.
        Some(pd::IDENTIFIER)
    } else {
        None
    }
}

impl Emitter<'_> {
    fn graph(&mut self, span: Span, personal: bool) -> NamedNode {
        let key = (span.start, span.end, personal);
        let (name, version) = (self.name, self.version.clone());
        self.graphs
            .entry(key)
            .or_insert_with(|| iri::fact_graph(name, &version, span.start, span.end, personal))
            .clone()
    }

    fn emit(
        &mut self,
        span: Span,
        personal: bool,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: Term,
    ) {
        if !self.written.insert(fingerprint(s, p, &o)) {
            return;
        }
        let g = self.graph(span, personal);
        if personal {
            let categories = self.categories.entry(g.clone()).or_default();
            if let Some(c) = personal_category(p)
                && !categories.contains(&c)
            {
                categories.push(c);
            }
        }
        self.send(Quad::new(s.clone(), p, o, g));
    }

    fn send(&mut self, quad: Quad) {
        self.emitted += 1;
        (self.sink)(quad);
    }

    fn fact(&mut self, span: Span, s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: impl Into<Term>) {
        self.emit(span, false, s, p, o.into());
    }

    fn personal(
        &mut self,
        span: Span,
        s: &NamedNode,
        p: oxrdf::NamedNodeRef<'_>,
        o: impl Into<Term>,
    ) {
        self.emit(span, true, s, p, o.into());
    }
}

fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn string(text: &str) -> Literal {
    Literal::new_simple_literal(text)
}

fn decimal(value: impl ToString) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::DECIMAL)
}

fn boolean(value: bool) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::BOOLEAN)
}

/// `xsd:gYear` or `xsd:gYearMonth` as the precision requires.
fn partial_date(d: smarty_extract::PartialDate) -> Literal {
    let datatype = if d.month.is_some() {
        NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#gYearMonth")
    } else {
        NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#gYear")
    };
    Literal::new_typed_literal(d.to_string(), datatype)
}

/// Maps a guide to quads, collected. See [`map_guide`] to stream them instead.
pub fn guide_quads(input: &GuideInput<'_>, reference: &Reference, key: &PersonKey) -> GuideQuads {
    let mut quads = Vec::new();
    let summary = map_guide(input, reference, key, &mut |q| quads.push(q));
    let mut graphs: Vec<NamedNode> = Vec::new();
    let mut personal_graphs: BTreeSet<NamedNode> = BTreeSet::new();
    let mut seen: HashSet<NamedNode> = HashSet::new();
    for q in &quads {
        if let oxrdf::GraphName::NamedNode(g) = &q.graph_name
            && seen.insert(g.clone())
        {
            graphs.push(g.clone());
        }
        if q.predicate.as_ref() == dpv::HAS_PERSONAL_DATA
            && let oxrdf::NamedOrBlankNode::NamedNode(g) = &q.subject
        {
            personal_graphs.insert(g.clone());
        }
    }
    GuideQuads {
        quads,
        version: summary.version,
        sha256: summary.sha256,
        graphs,
        personal_graphs: personal_graphs.into_iter().collect(),
    }
}

/// Maps a guide to quads, handing each to `sink` as it is made (a store can take them without
/// the whole guide's quads being held in memory). The provenance graph comes last.
pub fn map_guide(
    input: &GuideInput<'_>,
    reference: &Reference,
    key: &PersonKey,
    sink: &mut dyn FnMut(Quad),
) -> GuideSummary {
    let version = iri::version_of(input.bytes);
    let sha256 = iri::sha256_hex(input.bytes);
    let mut e = Emitter {
        name: input.name,
        source: iri::source(input.name, &version, "txt"),
        activity: iri::extraction_activity(input.name, &version),
        version: version.clone(),
        sink,
        emitted: 0,
        written: FxHashSet::default(),
        graphs: BTreeMap::new(),
        categories: BTreeMap::new(),
    };
    let x = input.extraction;
    let r = input.resolved;
    let guide = iri::guide(input.name);

    guide_facts(&mut e, x, r, &guide, reference);
    let theme_iris = themes(&mut e, x, input.name);
    let cx = Context {
        resolved: r,
        reference,
        key,
        guide: &guide,
        themes: &theme_iris,
    };
    for (p, rp) in x.practices.iter().zip(&r.practices) {
        practice(&mut e, p, rp, &cx);
    }
    persons(&mut e, x, r, key);
    // The set is no longer needed; free it before the provenance graph is written.
    e.written = FxHashSet::default();

    // Provenance of every graph.
    let prov_graph = iri::provenance_graph(input.name, &version);
    let mut summary = GuideSummary {
        version,
        sha256: sha256.clone(),
        graphs: e.graphs.len() + 1,
        ..GuideSummary::default()
    };
    let graphs = std::mem::take(&mut e.graphs);
    let categories = std::mem::take(&mut e.categories);
    let pq = |s: &NamedNode, p: oxrdf::NamedNodeRef<'_>, o: Term| {
        Quad::new(s.clone(), p, o, prov_graph.clone())
    };
    for ((first, last, personal), g) in &graphs {
        e.send(pq(
            g,
            prov::WAS_DERIVED_FROM,
            iri::source_lines(&e.source, *first, *last).into(),
        ));
        e.send(pq(g, prov::WAS_GENERATED_BY, e.activity.clone().into()));
        if *personal {
            // Every personal graph is flagged, with the categories of what it holds (a graph that
            // only links a practice to a person still identifies that person).
            let held = categories.get(g).map(Vec::as_slice).unwrap_or_default();
            let held = if held.is_empty() {
                &[pd::IDENTIFIER][..]
            } else {
                held
            };
            for c in held {
                e.send(pq(g, dpv::HAS_PERSONAL_DATA, c.into_owned().into()));
            }
            summary.personal_graphs += 1;
        }
    }
    let agent = iri::software_agent();
    let activity = e.activity.clone();
    let source = e.source.clone();
    for q in [
        pq(&activity, rdf::TYPE, prov::ACTIVITY.into_owned().into()),
        pq(&activity, prov::USED, source.clone().into()),
        pq(&activity, prov::WAS_ASSOCIATED_WITH, agent.clone().into()),
        pq(&agent, rdf::TYPE, prov::SOFTWARE_AGENT.into_owned().into()),
        pq(&agent, rdfs::LABEL, string("smarty-kg").into()),
        pq(&source, rdf::TYPE, foaf::DOCUMENT.into_owned().into()),
        pq(&source, rdf::TYPE, prov::ENTITY.into_owned().into()),
        pq(
            &source,
            dcterms::IDENTIFIER,
            string(&format!("sha256:{sha256}")).into(),
        ),
        pq(&source, dcterms::IS_VERSION_OF, guide.clone().into()),
        pq(&guide, dcterms::HAS_VERSION, source.clone().into()),
        pq(&guide, rdf::TYPE, foaf::DOCUMENT.into_owned().into()),
    ] {
        e.send(q);
    }
    summary.quads = e.emitted;
    summary
}

fn guide_facts(
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

fn themes(e: &mut Emitter<'_>, x: &Extraction, doc: &str) -> BTreeMap<u32, NamedNode> {
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
fn organisation_facts(
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

fn section_property(kind: SectionKind) -> oxrdf::NamedNodeRef<'static> {
    match kind {
        SectionKind::About => schema::DESCRIPTION,
        SectionKind::ResourcesNeeded => smarty::RESOURCES_NEEDED,
        SectionKind::EvidenceOfSuccess => smarty::EVIDENCE_OF_SUCCESS,
        SectionKind::DifficultiesEncountered => smarty::DIFFICULTIES_ENCOUNTERED,
        SectionKind::PotentialForLearningOrTransfer => smarty::POTENTIAL_FOR_LEARNING_OR_TRANSFER,
    }
}

/// What every practice's mapping needs besides the practice itself.
struct Context<'a> {
    resolved: &'a ResolvedGuide,
    reference: &'a Reference,
    key: &'a PersonKey,
    guide: &'a NamedNode,
    themes: &'a BTreeMap<u32, NamedNode>,
}

fn practice(
    e: &mut Emitter<'_>,
    p: &PracticeRecord,
    rp: &smarty_reference::ResolvedPractice,
    cx: &Context<'_>,
) {
    let (r, reference, key, guide, themes) =
        (cx.resolved, cx.reference, cx.key, cx.guide, cx.themes);
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
    for (inst, id) in p.main_institutions.iter().zip(&rp.institutions) {
        let org = iri::organisation(id);
        e.fact(inst.span, &s, smarty::MAIN_INSTITUTION, org.clone());
        if let Some(o) = r.organisation(id) {
            organisation_facts(e, inst.span, &org, o, &inst.value, reference);
        }
    }
    // A "Unit, Parent" institution gives more ids than printed names; keep the extra ones.
    for id in rp.institutions.iter().skip(p.main_institutions.len()) {
        if let Some(inst) = p.main_institutions.last() {
            e.fact(
                inst.span,
                &s,
                smarty::MAIN_INSTITUTION,
                iri::organisation(id),
            );
        }
    }
    if let (Some(loc), Some(res)) = (&p.location, &rp.location) {
        e.fact(loc.span, &s, schema::LOCATION, string(&loc.value));
        for code in &res.nuts {
            e.fact(loc.span, &s, dcterms::SPATIAL, iri::nuts(code));
        }
        for c in &res.countries {
            e.fact(loc.span, &s, dcterms::SPATIAL, iri::country(c));
        }
    }
    for w in &p.websites {
        if let Ok(url) = NamedNode::new(&w.value) {
            e.fact(w.span, &s, schema::URL, url);
        }
    }
    if let Some(period) = &p.period {
        period_facts(e, &s, &rp.slug, period);
    }
    grants(e, &s, &rp.slug, p, rp, r, reference);
    for (contact, rc) in p.contacts.iter().zip(&rp.contacts) {
        let person = key.person(&rc.person);
        e.personal(contact.span, &s, dcat::CONTACT_POINT, person);
        for id in &rc.organisations {
            let org = iri::organisation(id);
            e.fact(contact.span, &s, smarty::CONTACT_ORGANISATION, org.clone());
            if let Some(o) = r.organisation(id) {
                let printed = contact.organisation.as_deref().unwrap_or(&o.name);
                let printed = if rc.organisations.len() > 1 {
                    o.name.as_str()
                } else {
                    printed
                };
                organisation_facts(e, contact.span, &org, o, printed, reference);
            }
        }
        // "ACCIÓ - …, Regional Government of Catalonia": the text says the first is part of the second.
        for pair in rc.organisations.windows(2) {
            let curated = reference
                .organisations()
                .get(&pair[0])
                .is_some_and(|o| o.unit_of.as_deref() == Some(pair[1].as_str()));
            if curated {
                continue;
            }
            e.fact(
                contact.span,
                &iri::organisation(&pair[0]),
                org::UNIT_OF,
                iri::organisation(&pair[1]),
            );
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
    rp: &smarty_reference::ResolvedPractice,
    r: &ResolvedGuide,
    reference: &Reference,
) {
    let funder_ids: Vec<(Span, &String)> = p
        .funders
        .iter()
        .zip(&rp.funders_by_mention)
        .flat_map(|(f, ids)| ids.iter().map(move |id| (f.span, id)))
        .collect();
    for (f, ids) in p.funders.iter().zip(&rp.funders_by_mention) {
        for id in ids {
            if let Some(o) = r.organisation(id) {
                organisation_facts(e, f.span, &iri::organisation(id), o, &f.name, reference);
            }
        }
    }
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
        for (span, id) in &funder_ids {
            if span.start == a.span.start || !amount_lines.contains(&span.start) {
                e.fact(*span, &grant, schema::FUNDER, iri::organisation(id));
            }
        }
    }
    if p.amounts.is_empty() && !funder_ids.is_empty() {
        let grant = iri::practice_child(slug, "funding/1");
        let span = funder_ids[0].0;
        e.fact(span, s, schema::FUNDING, grant.clone());
        e.fact(span, &grant, rdf::TYPE, schema::MONETARY_GRANT.into_owned());
        for (span, id) in &funder_ids {
            e.fact(*span, &grant, schema::FUNDER, iri::organisation(id));
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
}

/// Everything about a person, in personal graphs, at the lines of each contact block.
fn persons(e: &mut Emitter<'_>, x: &Extraction, r: &ResolvedGuide, key: &PersonKey) {
    for (p, rp) in x.practices.iter().zip(&r.practices) {
        for (contact, rc) in p.contacts.iter().zip(&rp.contacts) {
            let person = key.person(&rc.person);
            let span = contact.span;
            e.personal(span, &person, rdf::TYPE, foaf::PERSON.into_owned());
            e.personal(span, &person, rdf::TYPE, vcard::INDIVIDUAL.into_owned());
            if !contact.name.is_empty() {
                e.personal(span, &person, vcard::FN, string(&contact.name));
            }
            if let Some(email) = &contact.email
                && let Ok(mailto) = NamedNode::new(format!("mailto:{}", email.to_lowercase()))
            {
                e.personal(span, &person, vcard::HAS_EMAIL, mailto);
                // As printed, so that "the same address in another case" can be shown later.
                e.personal(span, &person, smarty::PRINTED_EMAIL, string(email));
            }
            if let Some(role) = &contact.role {
                e.personal(span, &person, vcard::TITLE, string(role));
            }
            if let Some(phone) = &contact.phone {
                let digits: String = phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                if let Ok(tel) = NamedNode::new(format!("tel:{digits}")) {
                    e.personal(span, &person, vcard::HAS_TELEPHONE, tel);
                }
            }
            if let Some(first) = rc.organisations.first() {
                e.personal(span, &person, org::MEMBER_OF, iri::organisation(first));
            }
        }
    }
}
