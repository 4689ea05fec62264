//! A practice's labelled fields (institution, location, contact, website, dates) → its record.

use crate::blocks::{FieldKind, Paragraph};
use crate::date::{DateError, parse_period};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::fields;
use crate::record::PracticeRecord;
use crate::span::Spanned;

/// Reads one field into the record; an empty, repeated or unreadable field is reported.
pub(super) fn read_field(
    record: &mut PracticeRecord,
    kind: FieldKind,
    line: u32,
    value: Option<Paragraph>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(para) = value else {
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::EmptyField,
            format!("'{}:' has no value under it", kind.label()),
        ));
        return;
    };
    let repeated = |diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::RepeatedField,
            format!(
                "'{}:' printed again for one practice; kept the first, ignored \"{}\"",
                kind.label(),
                para.joined()
            ),
        ));
    };
    match kind {
        FieldKind::MainInstitution => record.main_institutions.extend(fields::institutions(&para)),
        FieldKind::Location if record.location.is_some() => repeated(diags),
        FieldKind::Location => record.location = Some(Spanned::new(para.joined(), para.span())),
        FieldKind::Contact => read_contact(record, line, &para, diags),
        FieldKind::Website => read_websites(record, line, &para, diags),
        FieldKind::Dates if record.period.is_some() => repeated(diags),
        FieldKind::Dates => read_period(record, line, &para, diags),
    }
}

fn read_contact(
    record: &mut PracticeRecord,
    line: u32,
    para: &Paragraph,
    diags: &mut Vec<Diagnostic>,
) {
    let contact = fields::contact(para);
    if contact.email.is_none() || contact.name.is_empty() {
        let missing = if contact.name.is_empty() {
            "a name"
        } else {
            "an e-mail address"
        };
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::IncompleteContact,
            format!("contact without {missing}: \"{}\"", para.joined()),
        ));
    }
    record.contacts.push(contact);
}

fn read_websites(
    record: &mut PracticeRecord,
    line: u32,
    para: &Paragraph,
    diags: &mut Vec<Diagnostic>,
) {
    let found = fields::websites(para);
    if found.is_empty() {
        diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::UnplacedText,
            format!("website field without a web address: \"{}\"", para.joined()),
        ));
    }
    for w in found {
        if !record.websites.iter().any(|x| x.value == w.value) {
            record.websites.push(w);
        }
    }
}

fn read_period(
    record: &mut PracticeRecord,
    line: u32,
    para: &Paragraph,
    diags: &mut Vec<Diagnostic>,
) {
    match parse_period(&para.joined(), para.span()) {
        Ok(period) => record.period = Some(period),
        Err(e) => diags.push(Diagnostic::warning(
            line,
            DiagnosticCode::UnreadableDate,
            match e {
                DateError::Unreadable => format!(
                    "expected a start and end such as 'May 2019 - ongoing', found \"{}\"",
                    para.joined()
                ),
                DateError::EndBeforeStart => {
                    format!("the end is before the start in \"{}\"", para.joined())
                }
            },
        )),
    }
}
