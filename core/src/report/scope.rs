//! What a report covers: a period (a year, a half-year or a phase), and optionally one unit and
//! one place (a district or commune, with everything beneath it).

use crate::domain::dates::parse_date;
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

/// First and last day of a period: `2023`, `2023-H1`, `2023-H2`, `2021-2025`.
pub fn period_bounds(period: &str) -> Option<(String, String)> {
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y));
    match period.split_once('-') {
        None => year(period).map(|y| (format!("{y}-01-01"), format!("{y}-12-31"))),
        Some((y, "H1")) => year(y).map(|y| (format!("{y}-01-01"), format!("{y}-06-30"))),
        Some((y, "H2")) => year(y).map(|y| (format!("{y}-07-01"), format!("{y}-12-31"))),
        Some((a, b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) if a <= b => Some((format!("{a}-01-01"), format!("{b}-12-31"))),
            _ => None,
        },
    }
}

/// Years a period spans (`2021-2025` → 5).
pub fn period_years(period: &str) -> usize {
    period_bounds(period)
        .and_then(|(a, b)| Some((parse_date(&b)?.0 - parse_date(&a)?.0 + 1) as usize))
        .unwrap_or(0)
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
        assert_eq!(period_years("2021-2025"), 5);
        assert_eq!(period_years("2023-H1"), 1);
        let s = Scope::for_period("2023-H1");
        assert!(s.covers_date("2023-06-30") && !s.covers_date("2023-07-01"));
        assert!(Scope::default().covers_date("1999-01-01"));
    }
}
