//! Reference data and name resolution.
//!
//! The tables live in the repository's `data/` directory and are compiled into the binary, so a
//! copied `smarty-kg` executable resolves names without its source tree:
//! - `data/nuts/nuts.csv`, `countries.csv`, `names-en.csv`: Eurostat NUTS 2021 (UK: NUTS 2016),
//!   ISO 3166 country codes, and other (mostly English) names of regions;
//! - `data/organisations.toml`: canonical organisations and funds with every known spelling.

mod error;
pub mod gazetteer;
pub mod organisations;
pub mod resolve;
pub mod slug;

pub use error::ReferenceError;
pub use gazetteer::{Country, Gazetteer, LocationResolution, NutsRegion};
pub use organisations::{Organisation, OrganisationKind, OrganisationTable};
pub use resolve::{
    ResolutionNote, ResolvedContact, ResolvedGuide, ResolvedOrganisation, ResolvedPartner,
    ResolvedPerson, ResolvedPractice, resolve,
};

/// One reference-data file compiled into the binary: its path in the repository and its text.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    pub path: &'static str,
    pub text: &'static str,
}

pub const NUTS_CSV: DataFile = DataFile {
    path: "data/nuts/nuts.csv",
    text: include_str!("../../../data/nuts/nuts.csv"),
};
pub const COUNTRIES_CSV: DataFile = DataFile {
    path: "data/nuts/countries.csv",
    text: include_str!("../../../data/nuts/countries.csv"),
};
pub const NAMES_CSV: DataFile = DataFile {
    path: "data/nuts/names-en.csv",
    text: include_str!("../../../data/nuts/names-en.csv"),
};
pub const ORGANISATIONS_TOML: DataFile = DataFile {
    path: "data/organisations.toml",
    text: include_str!("../../../data/organisations.toml"),
};

/// The bundled guide, for demos and tests.
pub const BUNDLED_GUIDE: DataFile = DataFile {
    path: "data/smarty-good-practice-guide.txt",
    text: include_str!("../../../data/smarty-good-practice-guide.txt"),
};

#[derive(Debug)]
pub struct Reference {
    gazetteer: Gazetteer,
    organisations: OrganisationTable,
}

impl Reference {
    /// The tables compiled into the binary.
    pub fn bundled() -> Result<Reference, ReferenceError> {
        Ok(Reference {
            gazetteer: Gazetteer::from_csv(NUTS_CSV.text, COUNTRIES_CSV.text, NAMES_CSV.text)?,
            organisations: OrganisationTable::from_toml(
                ORGANISATIONS_TOML.path,
                ORGANISATIONS_TOML.text,
            )?,
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn organisations(&self) -> &OrganisationTable {
        &self.organisations
    }

    /// The files the curated facts come from, for provenance.
    pub fn sources() -> [DataFile; 4] {
        [NUTS_CSV, COUNTRIES_CSV, NAMES_CSV, ORGANISATIONS_TOML]
    }
}

/// Reads a CSV file with a header row into records; errors name the file and line.
pub(crate) fn read_csv<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
) -> Result<Vec<T>, ReferenceError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.deserialize() {
        out.push(record.map_err(|e| ReferenceError::Csv {
            file: path.to_owned(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_load() {
        let r = Reference::bundled().unwrap();
        assert!(r.gazetteer().regions().count() > 1900);
        assert_eq!(
            r.organisations()
                .lookup("Junta de Castilla y León")
                .map(|o| o.id.as_str()),
            r.organisations()
                .lookup("Regional Government of Castile and León")
                .map(|o| o.id.as_str()),
        );
    }

    #[test]
    fn broken_tables_are_reported_with_file_and_line() {
        let err = Gazetteer::from_csv(
            "code,level,name,classification\nITI1,x,Toscana,NUTS 2021\n",
            "",
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("data/nuts/nuts.csv:2:"), "{err}");
        let err =
            OrganisationTable::from_toml("orgs.toml", "[[organisation]]\nid = \"a\"\nname = 1\n")
                .unwrap_err()
                .to_string();
        assert!(err.starts_with("orgs.toml:3:"), "{err}");
        let err = OrganisationTable::from_toml(
            "orgs.toml",
            "[[organisation]]\nid = \"a\"\nname = \"X\"\n[[organisation]]\nid = \"b\"\nname = \"Y\"\naliases = [\"x\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("'x' names both 'a' and 'b'"), "{err}");
    }
}
