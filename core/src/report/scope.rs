//! What a report covers: a period (`report::period`), and optionally one unit and
//! one place (a district or commune, with everything beneath it).

use crate::domain::query::LocationIndex;
use crate::domain::record::Activity;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// ISO dates, inclusive; None is open.
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit_id: Option<String>,
    pub location_id: Option<String>,
}

/// First and last day of a period (`report::period` names every kind).
pub fn period_bounds(period: &str) -> Option<(String, String)> {
    super::period::Period::parse(period).map(|p| p.bounds())
}

impl Scope {
    pub fn for_period(period: &str) -> Scope {
        let (from, to) = period_bounds(period).map_or((None, None), |(a, b)| (Some(a), Some(b)));
        Scope {
            from,
            to,
            ..Default::default()
        }
    }

    pub fn unit(mut self, unit: Option<&str>) -> Scope {
        self.unit_id = unit.filter(|u| !u.is_empty()).map(str::to_string);
        self
    }

    pub fn place(mut self, location: Option<&str>) -> Scope {
        self.location_id = location.filter(|l| !l.is_empty()).map(str::to_string);
        self
    }

    /// Whether an ISO date falls in the period.
    pub fn covers_date(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|f| date >= f)
            && self.to.as_deref().is_none_or(|t| date <= t)
    }

    pub fn matches(&self, a: &Activity, idx: &LocationIndex) -> bool {
        self.covers_date(&a.date)
            && self.unit_id.as_deref().is_none_or(|u| a.unit_id == u)
            && self
                .location_id
                .as_deref()
                .is_none_or(|l| idx.within(&a.location_id, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(
            period_bounds("2023"),
            Some(("2023-01-01".into(), "2023-12-31".into()))
        );
        assert_eq!(
            period_bounds("2023-H1"),
            Some(("2023-01-01".into(), "2023-06-30".into()))
        );
        assert_eq!(
            period_bounds("2023-H2"),
            Some(("2023-07-01".into(), "2023-12-31".into()))
        );
        assert_eq!(
            period_bounds("2021-2025"),
            Some(("2021-01-01".into(), "2025-12-31".into()))
        );
        assert_eq!(period_bounds("2025-2021"), None);
        assert_eq!(period_bounds("x"), None);
        let s = Scope::for_period("2023-H1");
        assert!(s.covers_date("2023-06-30") && !s.covers_date("2023-07-01"));
        assert!(Scope::default().covers_date("1999-01-01"));
    }
}
