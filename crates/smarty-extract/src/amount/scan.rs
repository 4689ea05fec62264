//! One section's amounts, line by line: currencies carried over to bare amounts, ranges closed,
//! shared currency marks decided by the section, the role of each amount (see `role`).

use super::money::Money;
use super::qualifier::{
    ends_with_word, per_unit, qualifier_before, qualifier_start, sentence_around,
};
use super::role::{on_top, part_of_total, stated_role};
use super::{
    AmountIssue, AmountRecord, AmountRole, Convention, IssueKind, Per, Qualifier, Reading,
    scan_line,
};
use crate::decimal::Decimal;
use crate::span::Span;

/// What a section's amounts have given so far: a bare amount takes the currency of the one before.
pub(super) struct Scan {
    pub found: Vec<AmountRecord>,
    pub issues: Vec<AmountIssue>,
    last_currency: Option<&'static str>,
    /// Currencies the section prints unambiguously.
    known: Vec<&'static str>,
}

impl Scan {
    pub fn new(known: Vec<&'static str>) -> Scan {
        Scan {
            found: Vec::new(),
            issues: Vec::new(),
            last_currency: None,
            known,
        }
    }

    /// The one currency a mark denotes, or the one of its candidates the section prints.
    fn decide(&self, candidates: &'static [&'static str]) -> Option<&'static str> {
        match candidates {
            [one] => Some(one),
            _ => {
                let mut printed = candidates.iter().filter(|c| self.known.contains(c));
                match (printed.next(), printed.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            }
        }
    }

    /// "PLN 2,000,000 (€460,000)": an amount in brackets right after another amount of the line
    /// is that amount in another currency, or a part of it in the same one.
    fn bracket_role(
        &self,
        line: &str,
        start: usize,
        currency: &str,
        line_no: u32,
    ) -> Option<AmountRole> {
        let open = line[..start].rfind('(')?;
        let inside = &line[open + 1..start];
        if inside.contains(')') || inside.split_whitespace().count() > 2 {
            return None;
        }
        let previous = self
            .found
            .iter()
            .rev()
            .find(|a| a.span.start == line_no && line[..open].contains(a.text.as_str()))?;
        Some(if previous.currency == currency {
            AmountRole::Part
        } else {
            AmountRole::Equivalent
        })
    }

    /// A bracketed share makes the whole before it a total: the last amount of the line that is
    /// not itself a share or an equivalent ("73,46 million euro: 65% (47,5 million) …; 35% (25,5
    /// million)").
    fn mark_whole(&mut self, line_no: u32) {
        let whole = self.found.iter_mut().rev().find(|a| {
            a.span.start == line_no
                && !matches!(a.role, Some(AmountRole::Part | AmountRole::Equivalent))
        });
        if let Some(whole) = whole {
            whole.role = Some(AmountRole::Total);
        }
    }

    /// A single amount with its role: the bracket it is printed in decides first, then a total
    /// printed before it, then its own words.
    fn push_single(&mut self, amount: &Amount<'_>, line_no: u32) {
        let mut single = amount.single();
        let m = amount.money;
        match self.bracket_role(amount.line, m.start, amount.currency, line_no) {
            Some(role) => {
                if role == AmountRole::Part {
                    self.mark_whole(line_no);
                }
                single.role = Some(role);
            }
            None => {
                if part_of_total(&self.found, &single, on_top(amount.sentence_before())) {
                    single.role = Some(AmountRole::Part);
                }
            }
        }
        self.found.push(single);
    }

    pub fn line(&mut self, line_no: u32, line: &str, convention: &Convention) {
        let monies = scan_line(line, convention);
        let mut i = 0;
        while i < monies.len() {
            let m = &monies[i];
            i += 1;
            let issue = |kind| AmountIssue {
                text: line[m.start..m.end].to_owned(),
                line: line_no,
                kind,
            };
            let printed = match m.currency {
                Some(candidates) => match self.decide(candidates) {
                    Some(c) => Some(c),
                    None => {
                        self.issues
                            .push(issue(IssueKind::AmbiguousCurrency(candidates)));
                        continue;
                    }
                },
                None => None,
            };
            let currency = printed.or(self.last_currency);
            let value = match m.reading {
                Reading::Value(v) => v,
                Reading::Unreadable | Reading::Ambiguous(_) => {
                    self.issues.push(issue(match m.reading {
                        Reading::Ambiguous(sep) => IssueKind::AmbiguousSeparator(sep),
                        _ => IssueKind::Unreadable,
                    }));
                    // The printed text stays, with its currency, and no value.
                    if let Some(c) = currency {
                        self.found
                            .push(unread(line, m, c, printed.is_none(), line_no));
                    }
                    continue;
                }
            };
            if let (Some(evidence), Some((mark, _))) = (m.by_convention, convention.decimal_mark())
            {
                self.issues
                    .push(issue(IssueKind::ByConvention { mark, evidence }));
            }
            let (currency, inferred) = match (printed, self.last_currency) {
                (Some(c), _) => (c, false),
                (None, Some(c)) => (c, true),
                (None, None) => continue,
            };
            self.last_currency = Some(currency);
            let amount = Amount {
                line,
                after: if i >= 2 { monies[i - 2].end } else { 0 },
                money: m,
                value,
                currency,
                inferred,
                span: Span::line(line_no),
            };
            match monies.get(i).and_then(|next| amount.range_to(next)) {
                Some(mut range) => {
                    let next = monies[i].currency.and_then(|c| self.decide(c));
                    self.last_currency = next.or(self.last_currency);
                    // "between £71,000 and £18,000": which bound is misprinted is not for the
                    // reader to guess, so the range keeps its text and no bounds.
                    if let (Some(lo), Some(hi)) = (range.min, range.max)
                        && lo > hi
                    {
                        self.issues.push(AmountIssue {
                            text: range.text.clone(),
                            line: line_no,
                            kind: IssueKind::Unreadable,
                        });
                        (range.min, range.max) = (None, None);
                    }
                    self.found.push(range);
                    i += 1;
                }
                None => self.push_single(&amount, line_no),
            }
        }
    }
}

/// An amount whose number cannot be read: its text and currency, no value.
fn unread(line: &str, m: &Money, currency: &str, inferred: bool, line_no: u32) -> AmountRecord {
    AmountRecord {
        text: line[m.start..m.end].trim().to_owned(),
        value: None,
        min: None,
        max: None,
        currency: currency.to_owned(),
        currency_inferred: inferred,
        qualifier: None,
        per: None,
        role: None,
        span: Span::line(line_no),
    }
}

/// One readable amount with its currency, in its line.
struct Amount<'a> {
    line: &'a str,
    /// Where the amount's own words may start: the end of the amount before it on the line.
    after: usize,
    money: &'a Money,
    value: Decimal,
    currency: &'static str,
    inferred: bool,
    span: Span,
}

impl Amount<'_> {
    fn before(&self) -> &str {
        &self.line[..self.money.start]
    }

    fn per(&self) -> Option<Per> {
        let sentence = sentence_around(self.line, self.money.start, self.money.end);
        per_unit(sentence, self.before())
    }

    /// The amount's own words before it: its sentence, from the amount before it on the line.
    fn sentence_before(&self) -> &str {
        let before = &self.line[self.after.min(self.money.start)..self.money.start];
        let from = before.rfind(". ").map_or(0, |i| i + 2);
        &before[from..]
    }

    /// What the amount's own words say it is: per year, per unit, a total ("Total budget: €1M",
    /// "about 2M€ in total").
    fn stated_role(&self) -> Option<AmountRole> {
        let after = self.line[self.money.end..].trim_start().to_lowercase();
        let words = format!(
            "{} {}",
            self.sentence_before(),
            if after.starts_with("in total") {
                "total"
            } else {
                ""
            }
        );
        stated_role(&words, self.per())
    }

    /// "between X and Y" / "X to Y": the next amount closes the range.
    fn range_to(&self, next: &Money) -> Option<AmountRecord> {
        let (m, line) = (self.money, self.line);
        let gap = line[m.end..next.start].trim().to_lowercase();
        let opened_by_between = ends_with_word(self.before().to_lowercase().trim_end(), "between");
        let closes = (gap == "and" && opened_by_between) || gap == "to" || gap == "-" || gap == "–";
        let Reading::Value(hi) = next.reading else {
            return None;
        };
        let hi = Some(hi).filter(|_| closes)?;
        let start = qualifier_start(line, m.start).unwrap_or(m.start);
        Some(AmountRecord {
            text: line[start..next.end].trim().to_owned(),
            value: None,
            min: Some(self.value),
            max: Some(hi),
            currency: self.currency.to_owned(),
            currency_inferred: self.inferred && next.currency.is_none(),
            qualifier: Some(Qualifier::Between),
            per: self.per(),
            role: self.stated_role(),
            span: self.span,
        })
    }

    /// A single amount, maybe qualified ("over 12.5 M€", "up to £3m").
    fn single(&self) -> AmountRecord {
        let (m, line) = (self.money, self.line);
        let qualifier = qualifier_before(self.before());
        let start = match qualifier {
            Some(_) => qualifier_start(line, m.start).unwrap_or(m.start),
            None => m.start,
        };
        let (value, min, max) = match qualifier {
            Some(Qualifier::Over) => (None, Some(self.value), None),
            Some(Qualifier::UpTo) => (None, None, Some(self.value)),
            _ => (Some(self.value), None, None),
        };
        AmountRecord {
            text: line[start..m.end].trim().to_owned(),
            value,
            min,
            max,
            currency: self.currency.to_owned(),
            currency_inferred: self.inferred,
            qualifier,
            per: self.per(),
            role: self.stated_role(),
            span: self.span,
        }
    }
}
