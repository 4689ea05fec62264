//! The vocabularies smarty-kg speaks, and the prefixes every output and query predeclares.
//!
//! Note `schema:` is `http://schema.org/`: mixing it with `https://schema.org/` splits the graph.

use oxrdf::NamedNodeRef;

/// `(prefix, namespace)` pairs, in the order they are printed.
pub const PREFIXES: &[(&str, &str)] = &[
    ("smarty", "https://w3id.org/smarty-kg/def#"),
    ("practice", "https://w3id.org/smarty-kg/id/practice/"),
    ("organisation", "https://w3id.org/smarty-kg/id/org/"),
    ("person", "https://w3id.org/smarty-kg/id/person/"),
    ("theme", "https://w3id.org/smarty-kg/id/theme/"),
    ("id", "https://w3id.org/smarty-kg/id/"),
    ("schema", "http://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("cv", "http://data.europa.eu/m8g/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("eurio", "http://data.europa.eu/s66#"),
    ("dpv", "https://w3id.org/dpv#"),
    ("pd", "https://w3id.org/dpv/pd#"),
    ("nuts", "http://data.europa.eu/nuts/code/"),
    (
        "country",
        "http://publications.europa.eu/resource/authority/country/",
    ),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("sh", "http://www.w3.org/ns/shacl#"),
    ("shape", "https://w3id.org/smarty-kg/shapes#"),
];

/// The namespace of a predeclared prefix.
pub fn namespace(prefix: &str) -> Option<&'static str> {
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| *ns)
}

/// `prefix:local` for an IRI under a known namespace (the longest namespace wins), if the local
/// part is a valid prefixed-name local part.
pub fn compact(iri: &str) -> Option<String> {
    PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())
        .and_then(|(p, ns)| {
            let local = &iri[ns.len()..];
            let ok = local
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                && !local.ends_with('.')
                && !local.starts_with(['-', '.']);
            ok.then(|| format!("{p}:{local}"))
        })
}

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

pub mod smarty {
    use super::NamedNodeRef;
    pub const NS: &str = "https://w3id.org/smarty-kg/def#";
    terms!("https://w3id.org/smarty-kg/def#";
        GOOD_PRACTICE = "GoodPractice",
        RESOURCES_NEEDED = "resourcesNeeded",
        EVIDENCE_OF_SUCCESS = "evidenceOfSuccess",
        DIFFICULTIES_ENCOUNTERED = "difficultiesEncountered",
        POTENTIAL_FOR_LEARNING_OR_TRANSFER = "potentialForLearningOrTransfer",
        MAIN_INSTITUTION = "mainInstitution",
        CONTACT_ORGANISATION = "contactOrganisation",
        ONGOING = "ongoing",
        APPROXIMATE = "approximate",
        PER = "per",
        CURRENCY_INFERRED = "currencyInferred",
        AMOUNT_ROLE = "amountRole",
        FUNDING_SOURCE = "fundingSource",
        PAGE = "page",
        PRINTED_EMAIL = "printedEmail",
    );
}

pub mod schema {
    use super::NamedNodeRef;
    terms!("http://schema.org/";
        PROJECT = "Project",
        ORGANIZATION = "Organization",
        FUNDING_SCHEME = "FundingScheme",
        MONETARY_GRANT = "MonetaryGrant",
        MONETARY_AMOUNT = "MonetaryAmount",
        NAME = "name",
        ALTERNATE_NAME = "alternateName",
        DESCRIPTION = "description",
        LOCATION = "location",
        URL = "url",
        FUNDING = "funding",
        FUNDER = "funder",
        AMOUNT = "amount",
        VALUE = "value",
        MIN_VALUE = "minValue",
        MAX_VALUE = "maxValue",
        CURRENCY = "currency",
        MEMBER = "member",
        ABOUT = "about",
    );
}

pub mod org {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/org#";
        ORGANIZATION = "Organization",
        UNIT_OF = "unitOf",
        SUB_ORGANIZATION_OF = "subOrganizationOf",
        MEMBER_OF = "memberOf",
    );
}

pub mod cv {
    use super::NamedNodeRef;
    terms!("http://data.europa.eu/m8g/"; PUBLIC_ORGANISATION = "PublicOrganisation");
}

pub mod foaf {
    use super::NamedNodeRef;
    terms!("http://xmlns.com/foaf/0.1/"; PERSON = "Person", DOCUMENT = "Document");
}

pub mod vcard {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2006/vcard/ns#";
        INDIVIDUAL = "Individual",
        FN = "fn",
        HAS_EMAIL = "hasEmail",
        HAS_TELEPHONE = "hasTelephone",
        TITLE = "title",
    );
}

pub mod skos {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept",
        CONCEPT_SCHEME = "ConceptScheme",
        PREF_LABEL = "prefLabel",
        ALT_LABEL = "altLabel",
        NOTATION = "notation",
        IN_SCHEME = "inScheme",
        HAS_TOP_CONCEPT = "hasTopConcept",
        TOP_CONCEPT_OF = "topConceptOf",
        BROADER = "broader",
        SCOPE_NOTE = "scopeNote",
    );
}

pub mod dcterms {
    use super::NamedNodeRef;
    terms!("http://purl.org/dc/terms/";
        TITLE = "title",
        ABSTRACT = "abstract",
        DESCRIPTION = "description",
        SOURCE = "source",
        SPATIAL = "spatial",
        TEMPORAL = "temporal",
        PERIOD_OF_TIME = "PeriodOfTime",
        LOCATION = "Location",
        IDENTIFIER = "identifier",
        FORMAT = "format",
        IS_PART_OF = "isPartOf",
        IS_VERSION_OF = "isVersionOf",
        HAS_VERSION = "hasVersion",
        HAS_PART = "hasPart",
        CREATOR = "creator",
    );
}

pub mod dcat {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/dcat#";
        THEME = "theme",
        CONTACT_POINT = "contactPoint",
        START_DATE = "startDate",
        END_DATE = "endDate",
    );
}

pub mod prov {
    use super::NamedNodeRef;
    terms!("http://www.w3.org/ns/prov#";
        ENTITY = "Entity",
        ACTIVITY = "Activity",
        SOFTWARE_AGENT = "SoftwareAgent",
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_GENERATED_BY = "wasGeneratedBy",
        WAS_ASSOCIATED_WITH = "wasAssociatedWith",
        USED = "used",
    );
}

pub mod dpv {
    use super::NamedNodeRef;
    terms!("https://w3id.org/dpv#"; HAS_PERSONAL_DATA = "hasPersonalData");
}

pub mod pd {
    use super::NamedNodeRef;
    terms!("https://w3id.org/dpv/pd#";
        NAME = "Name",
        EMAIL_ADDRESS = "EmailAddress",
        TELEPHONE_NUMBER = "TelephoneNumber",
        PROFESSIONAL_TITLE = "ProfessionalTitle",
        IDENTIFIER = "Identifier",
        EMPLOYER = "Employer",
    );
}

pub const NUTS: &str = "http://data.europa.eu/nuts/code/";
pub const COUNTRY: &str = "http://publications.europa.eu/resource/authority/country/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_with_the_longest_namespace() {
        assert_eq!(
            compact("https://w3id.org/smarty-kg/id/practice/x").as_deref(),
            Some("practice:x")
        );
        // A slash is not allowed in a prefixed name's local part.
        assert_eq!(
            compact("https://w3id.org/smarty-kg/id/practice/x/period"),
            None
        );
        assert_eq!(
            compact("http://schema.org/name").as_deref(),
            Some("schema:name")
        );
        assert_eq!(
            compact("https://w3id.org/dpv/pd#Name").as_deref(),
            Some("pd:Name")
        );
        assert_eq!(compact("http://example.org/x"), None);
    }
}
