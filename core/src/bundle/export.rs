//! Which records an export holds: everything, or one unit's plans, activities, models and
//! reports for a year or phase, with the directory records they refer to.

use std::collections::HashSet;

use crate::domain::dataset::Dataset;
use crate::domain::dates::year_of;

/// The period an export covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Period {
    #[default]
    All,
    Year(i32),
    /// e.g. "2021-2025": the phase plans and everything dated within it.
    Phase(String),
}

impl Period {
    /// The export a unit's report of `period` ("2024", "2024-H1", "2021-2025") is sent with:
    /// its year, or its phase.
    pub fn for_report(period: &str) -> Period {
        match period.split_once('-') {
            None => period.parse().map_or(Period::All, Period::Year),
            Some((y, "H1" | "H2")) => y.parse().map_or(Period::All, Period::Year),
            Some(_) => Period::Phase(period.to_string()),
        }
    }

    fn years(&self) -> Option<(i32, i32)> {
        match self {
            Period::All => None,
            Period::Year(y) => Some((*y, *y)),
            Period::Phase(p) => {
                let (a, b) = p.split_once('-')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            }
        }
    }

    fn covers_year(&self, year: Option<i32>) -> bool {
        match (self.years(), year) {
            (None, _) => true,
            (Some((a, b)), Some(y)) => (a..=b).contains(&y),
            (Some(_), None) => false,
        }
    }

    /// A report period ("2023", "2023-H1", "2021-2025") within this period.
    fn covers_period(&self, period: &str) -> bool {
        let Some((a, b)) = self.years() else {
            return true;
        };
        let first = period.get(..4).and_then(|y| y.parse::<i32>().ok());
        let last = period
            .rsplit('-')
            .next()
            .and_then(|y| y.parse::<i32>().ok())
            .or(first);
        matches!((first, last), (Some(f), Some(l)) if f >= a && l <= b)
            || matches!(self, Period::Phase(p) if p == period)
    }
}

/// The records of an export. `unit` None means the whole workspace (tombstones included, so
/// deletions travel); a unit export carries that unit's records in the period, the directory
/// records they need (its unit, their locations with ancestors, its assignments), and all
/// tombstones.
pub fn select(ds: &Dataset, unit: Option<&str>, period: &Period) -> Dataset {
    if unit.is_none() && *period == Period::All {
        return ds.clone();
    }
    let mine = |u: &str| unit.is_none_or(|x| x == u);
    let mut out = Dataset {
        plans: ds
            .plans
            .iter()
            .filter(|p| mine(&p.unit_id))
            .filter(|p| match (&p.year, period) {
                (None, Period::Phase(ph)) => p.phase == *ph,
                (None, Period::Year(y)) => {
                    period_years_of(&p.phase).is_some_and(|(a, b)| (a..=b).contains(y))
                }
                (y, _) => period.covers_year(*y),
            })
            .cloned()
            .collect(),
        activities: ds
            .activities
            .iter()
            .filter(|a| mine(&a.unit_id) && period.covers_year(year_of(&a.date)))
            .cloned()
            .collect(),
        models: ds
            .models
            .iter()
            .filter(|m| mine(&m.unit_id))
            .filter(|m| {
                m.started_on.as_deref().is_none_or(|d| {
                    period
                        .years()
                        .is_none_or(|(_, b)| year_of(d).is_some_and(|y| y <= b))
                })
            })
            .cloned()
            .collect(),
        reports: ds
            .reports
            .iter()
            .filter(|r| mine(&r.unit_id) && period.covers_period(&r.period))
            .cloned()
            .collect(),
        assignments: ds
            .assignments
            .iter()
            .filter(|a| mine(&a.unit_id))
            .cloned()
            .collect(),
        tombstones: ds.tombstones.clone(),
        ..Default::default()
    };
    // Directory records referred to: units, and locations with their ancestors.
    let mut unit_ids: HashSet<&str> = HashSet::new();
    let mut location_ids: HashSet<&str> = HashSet::new();
    for a in &out.assignments {
        unit_ids.insert(&a.unit_id);
        location_ids.insert(&a.location_id);
    }
    for p in &out.plans {
        unit_ids.insert(&p.unit_id);
        location_ids.insert(&p.location_id);
    }
    for a in &out.activities {
        unit_ids.insert(&a.unit_id);
        location_ids.insert(&a.location_id);
    }
    for m in &out.models {
        unit_ids.insert(&m.unit_id);
        location_ids.insert(&m.location_id);
    }
    for r in &out.reports {
        unit_ids.insert(&r.unit_id);
    }
    if let Some(u) = unit {
        unit_ids.insert(u);
    }
    let units: Vec<_> = ds
        .units
        .iter()
        .filter(|u| unit_ids.contains(u.id.as_str()))
        .cloned()
        .collect();
    for u in &units {
        if let Some(l) = u.location_id.as_deref() {
            location_ids.insert(l);
        }
    }
    // ancestors
    let by_id: std::collections::HashMap<&str, &crate::domain::record::Location> =
        ds.locations.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut queue: Vec<&str> = location_ids.iter().copied().collect();
    while let Some(id) = queue.pop() {
        if let Some(parent) = by_id.get(id).and_then(|l| l.parent_id.as_deref()) {
            if location_ids.insert(parent) {
                queue.push(parent);
            }
        }
    }
    out.locations = ds
        .locations
        .iter()
        .filter(|l| location_ids.contains(l.id.as_str()))
        .cloned()
        .collect();
    out.units = units;
    out
}

fn period_years_of(phase: &str) -> Option<(i32, i32)> {
    Period::Phase(phase.to_string()).years()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;
    use crate::domain::validate::check_dataset;

    #[test]
    fn whole_workspace_is_everything() {
        assert_eq!(select(&small(), None, &Period::All), small());
    }

    #[test]
    fn a_unit_export_is_self_contained() {
        let ds = small();
        let out = select(&ds, Some("u-police"), &Period::All);
        assert_eq!(
            out.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["u-police"]
        );
        assert_eq!(
            out.activities
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["a-4"]
        );
        assert!(out.plans.is_empty() && out.models.is_empty() && out.reports.is_empty());
        let locs: Vec<_> = out.locations.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(locs, ["p", "d-mc", "c-hangkia"]);
        assert!(
            check_dataset(&out, None).is_empty(),
            "re-imports on its own"
        );
    }

    #[test]
    fn a_year_export_keeps_that_year() {
        let ds = small();
        let out = select(&ds, Some("u-kbnn"), &Period::Year(2024));
        assert_eq!(
            out.activities
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["a-3"]
        );
        assert!(out.plans.is_empty(), "the 2023 plan is not in 2024");
        assert!(out.reports.is_empty());
        let out = select(&ds, Some("u-kbnn"), &Period::Year(2023));
        assert_eq!(out.plans.len(), 1);
        assert_eq!(out.reports.len(), 1);
        assert!(check_dataset(&out, None).is_empty());
        let phase = select(&ds, None, &Period::Phase("2021-2025".into()));
        assert_eq!(phase.activities.len(), 4);
    }

    #[test]
    fn a_report_is_sent_with_its_year_or_phase() {
        assert_eq!(Period::for_report("2024"), Period::Year(2024));
        assert_eq!(Period::for_report("2024-H2"), Period::Year(2024));
        assert_eq!(
            Period::for_report("2021-2025"),
            Period::Phase("2021-2025".into())
        );
        assert_eq!(Period::for_report("x"), Period::All);
        // The report travels with the records it speaks of.
        let out = select(&small(), Some("u-kbnn"), &Period::for_report("2023"));
        assert_eq!(out.reports.len(), 1);
        assert!(!out.activities.is_empty());
    }
}
