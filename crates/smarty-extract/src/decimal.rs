//! Exact decimal numbers for money. Amounts are never floating point: "9.397.732,50 EUR" must come
//! out as exactly 9397732.5, and sums of budgets must not drift.

use std::fmt;

use serde::Serialize;

/// `units × 10^-scale`, kept in canonical form (no trailing fractional zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

impl Decimal {
    pub fn new(units: i128, scale: u32) -> Decimal {
        let mut d = Decimal { units, scale };
        while d.scale > 0 && d.units % 10 == 0 {
            d.units /= 10;
            d.scale -= 1;
        }
        d
    }

    pub fn from_integer(units: i128) -> Decimal {
        Decimal { units, scale: 0 }
    }

    /// Multiplies by `10^exp`; `None` on overflow.
    pub fn shift(self, exp: u32) -> Option<Decimal> {
        let mut units = self.units;
        let mut scale = self.scale;
        let mut exp = exp;
        while exp > 0 && scale > 0 {
            scale -= 1;
            exp -= 1;
        }
        units = units.checked_mul(10i128.checked_pow(exp)?)?;
        Some(Decimal::new(units, scale))
    }

    /// Reads a plain decimal (`123`, `-4.50`); no grouping separators.
    pub fn parse_plain(text: &str) -> Option<Decimal> {
        let (neg, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut units: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            units = units.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        let scale = u32::try_from(frac.len()).ok()?;
        Some(Decimal::new(if neg { -units } else { units }, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self
            .units
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .units
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some(Decimal::new(a.checked_add(b)?, scale))
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        let widen = |d: &Decimal| {
            10i128
                .checked_pow(scale - d.scale)
                .and_then(|m| d.units.checked_mul(m))
        };
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only reachable for values near i128::MAX; fall back to comparing integer parts.
            _ => {
                (self.units / 10i128.pow(self.scale)).cmp(&(other.units / 10i128.pow(other.scale)))
            }
        }
    }
}

impl fmt::Display for Decimal {
    /// The canonical `xsd:decimal` lexical form: `9397732.5`, `1300000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let sign = if self.units < 0 { "-" } else { "" };
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            write!(f, "{sign}{int}.{frac}")
        } else {
            write!(f, "{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

impl Serialize for Decimal {
    /// Serialised as a string so JSON consumers never see a rounded float.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form() {
        assert_eq!(Decimal::new(939773250, 2).to_string(), "9397732.5");
        assert_eq!(Decimal::new(13, 1).shift(6).unwrap().to_string(), "1300000");
        assert_eq!(Decimal::new(5, 3).to_string(), "0.005");
        assert_eq!(Decimal::parse_plain("-4.50").unwrap().to_string(), "-4.5");
        assert_eq!(Decimal::parse_plain("x"), None);
    }

    #[test]
    fn arithmetic_and_order() {
        let a = Decimal::parse_plain("1.25").unwrap();
        let b = Decimal::parse_plain("2").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "3.25");
        assert!(a < b);
        assert_eq!(Decimal::from_integer(i128::MAX).shift(1), None);
    }
}
