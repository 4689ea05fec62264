//! The organisation alias table (`data/organisations.toml`): one canonical entry per body and
//! every spelling met in guides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use smarty_extract::text::fold;

use crate::error::ReferenceError;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    #[default]
    Organisation,
    /// A public authority (cv:PublicOrganisation).
    Public,
    /// A funding programme (schema:FundingScheme).
    Fund,
    /// A class of funders ("private sector match funding").
    Sector,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: OrganisationKind,
    pub country: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub unit_of: Option<String>,
    pub sub_organization_of: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    organisation: Vec<Organisation>,
}

#[derive(Debug)]
pub struct OrganisationTable {
    entries: Vec<Organisation>,
    /// Folded spelling → index into `entries`.
    index: BTreeMap<String, usize>,
}

impl OrganisationTable {
    pub fn from_toml(path: &str, text: &str) -> Result<Self, ReferenceError> {
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            ReferenceError::Toml {
                file: path.to_owned(),
                line,
                message: e.message().to_owned(),
            }
        })?;
        let mut index = BTreeMap::new();
        for (i, org) in file.organisation.iter().enumerate() {
            if org.id.is_empty()
                || !org
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(ReferenceError::Invalid {
                    file: path.to_owned(),
                    message: format!(
                        "organisation id '{}' must be lower-case letters, digits and hyphens",
                        org.id
                    ),
                });
            }
            for spelling in std::iter::once(&org.name).chain(&org.aliases) {
                let key = fold(spelling);
                if let Some(&other) = index.get(&key)
                    && other != i
                {
                    let other: &Organisation = &file.organisation[other];
                    return Err(ReferenceError::Invalid {
                        file: path.to_owned(),
                        message: format!("'{spelling}' names both '{}' and '{}'", other.id, org.id),
                    });
                }
                index.insert(key, i);
            }
        }
        let ids: Vec<&str> = file.organisation.iter().map(|o| o.id.as_str()).collect();
        for org in &file.organisation {
            if ids.iter().filter(|id| **id == org.id).count() > 1 {
                return Err(ReferenceError::Invalid {
                    file: path.to_owned(),
                    message: format!("organisation id '{}' is used twice", org.id),
                });
            }
            for parent in [&org.unit_of, &org.sub_organization_of]
                .into_iter()
                .flatten()
            {
                if !ids.contains(&parent.as_str()) {
                    return Err(ReferenceError::Invalid {
                        file: path.to_owned(),
                        message: format!("'{}' refers to unknown organisation '{parent}'", org.id),
                    });
                }
            }
        }
        Ok(OrganisationTable {
            entries: file.organisation,
            index,
        })
    }

    /// The organisation a printed name denotes, ignoring case, diacritics, punctuation and a
    /// leading article.
    pub fn lookup(&self, printed: &str) -> Option<&Organisation> {
        let key = fold(printed);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        self.index.get(key).map(|&i| &self.entries[i])
    }

    pub fn get(&self, id: &str) -> Option<&Organisation> {
        self.entries.iter().find(|o| o.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Organisation> {
        self.entries.iter()
    }
}
