//! Which stored document a guide is: a guide is identified by what it is — its title and the
//! programme its cover names, as printed — not by its file name, so the same guide ingested from
//! another file replaces the stored one instead of duplicating its practices.

use oxigraph::model::{NamedOrBlankNodeRef, Term};
use smarty_extract::Extraction;
use smarty_extract::text::fold;
use smarty_rdf::{iri, vocab};

use crate::{KnowledgeGraph, StoreError};

/// What identifies a guide: its folded title and programme name (the cover's first line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GuideIdentity {
    title: String,
    programme: String,
}

impl GuideIdentity {
    /// `None` for a guide that prints no title: its file name is all there is to go by.
    pub fn of(extraction: &Extraction) -> Option<GuideIdentity> {
        let title = fold(&extraction.guide.title.as_ref()?.value);
        let programme = extraction
            .guide
            .cover
            .as_ref()
            .and_then(|c| c.value.lines().next())
            .map(fold)
            .unwrap_or_default();
        Some(GuideIdentity { title, programme })
    }
}

impl KnowledgeGraph {
    /// The stored document that is the same guide as `identity`, if any (its name).
    pub(crate) fn same_guide(
        &self,
        identity: &GuideIdentity,
    ) -> Result<Option<String>, StoreError> {
        let base = iri::guide("");
        for q in self
            .store
            .quads_for_pattern(None, Some(vocab::dcterms::TITLE), None, None)
        {
            let q = q?;
            let NamedOrBlankNodeRef::NamedNode(guide) = q.subject.as_ref() else {
                continue;
            };
            let Some(name) = guide.as_str().strip_prefix(base.as_str()) else {
                continue;
            };
            if name.contains('/') || literal_folded(&q.object).as_deref() != Some(&identity.title) {
                continue;
            }
            if self.programme_of(guide)? == identity.programme {
                return Ok(Some(name.to_owned()));
            }
        }
        Ok(None)
    }

    /// The folded name of the programme a stored guide is about ("" when it names none).
    fn programme_of(&self, guide: oxigraph::model::NamedNodeRef<'_>) -> Result<String, StoreError> {
        for about in
            self.store
                .quads_for_pattern(Some(guide.into()), Some(vocab::schema::ABOUT), None, None)
        {
            let Term::NamedNode(programme) = about?.object else {
                continue;
            };
            for name in self.store.quads_for_pattern(
                Some(programme.as_ref().into()),
                Some(vocab::schema::NAME),
                None,
                None,
            ) {
                if let Some(folded) = literal_folded(&name?.object) {
                    return Ok(folded);
                }
            }
        }
        Ok(String::new())
    }
}

fn literal_folded(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(fold(l.value())),
        _ => None,
    }
}
