//! What an amount is to the others of its section, as the text says: a total ("Total budget of the
//! project: €770.000", or an amount its bracketed shares follow), a part of a total printed before
//! it, an amount per year or per unit. Sums count each grant once by these roles: parts,
//! equivalents and per-year or per-unit amounts are never added to totals.

use super::{AmountRecord, AmountRole, Per};
use crate::decimal::Decimal;

/// Words saying an amount comes on top of the ones before it, never out of them.
const ON_TOP: &[&str] = &[
    "additional",
    "further",
    "another",
    "extra",
    "plus",
    "addition",
];

/// The role the amount's own words give it: per year or per unit when it says so, total when
/// they speak of a total.
pub(super) fn stated_role(words: &str, per: Option<Per>) -> Option<AmountRole> {
    match per {
        Some(Per::Year) => Some(AmountRole::PerYear),
        Some(Per::Project) => Some(AmountRole::PerUnit),
        None => has_word(&words.to_lowercase(), &["total"]).then_some(AmountRole::Total),
    }
}

/// Whether `before` (the text of the amount's sentence before it) says it is on top of others.
pub(super) fn on_top(before: &str) -> bool {
    has_word(&before.to_lowercase(), ON_TOP)
}

fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| words.contains(&w))
}

/// The size an amount is compared by: its value, or its upper or lower bound.
fn size(a: &AmountRecord) -> Option<Decimal> {
    a.value.or(a.max).or(a.min)
}

/// "Total budget: €770.000 / Total grant requested: €350.000": an amount after a total of the
/// section, in its currency and smaller than it, is a share of it unless the text adds it on top.
pub(super) fn part_of_total(found: &[AmountRecord], amount: &AmountRecord, on_top: bool) -> bool {
    if on_top || !matches!(amount.role, None | Some(AmountRole::Total)) {
        return false;
    }
    let Some(total) = found
        .iter()
        .rev()
        .find(|a| a.role == Some(AmountRole::Total) && a.currency == amount.currency)
    else {
        return false;
    };
    matches!((size(amount), size(total)), (Some(s), Some(t)) if s < t)
}
