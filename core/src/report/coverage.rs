//! Who is behind: of the units assigned for a phase, which have no plan for a year, no activity
//! in that year, or no submitted report for it.

use crate::domain::dataset::Dataset;
use crate::domain::dates::year_of;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitStanding {
    pub unit_id: String,
    pub name: String,
    /// A yearly plan for the year (or a phase plan).
    pub has_plan: bool,
    pub activities: usize,
    /// A report for the year with status `submitted`.
    pub reported: bool,
}

impl UnitStanding {
    pub fn behind(&self) -> bool {
        !self.has_plan || self.activities == 0 || !self.reported
    }
}

/// Standing of every unit assigned in `phase`, for `year`, sorted by name; units behind first.
pub fn standing(ds: &Dataset, phase: &str, year: i32) -> Vec<UnitStanding> {
    let mut units: Vec<&str> = ds
        .assignments
        .iter()
        .filter(|a| a.phase == phase)
        .map(|a| a.unit_id.as_str())
        .collect();
    crate::domain::order::sort(&mut units);
    units.dedup();
    // One pass over the activities, not one per unit.
    let mut acted: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // Dates are ISO text: the year is the first four characters of a valid one.
    let prefix = format!("{year:04}-");
    for a in &ds.activities {
        if a.date.starts_with(&prefix) && year_of(&a.date) == Some(year) {
            *acted.entry(a.unit_id.as_str()).or_default() += 1;
        }
    }
    let period = year.to_string();
    let mut out: Vec<UnitStanding> = units
        .into_iter()
        .map(|u| UnitStanding {
            unit_id: u.to_string(),
            name: ds.unit_name(u).unwrap_or(u).to_string(),
            has_plan: ds.plans.iter().any(|p| {
                p.unit_id == u && (p.year == Some(year) || (p.year.is_none() && p.phase == phase))
            }),
            activities: acted.get(u).copied().unwrap_or(0),
            reported: ds
                .reports
                .iter()
                .any(|r| r.unit_id == u && r.period == period && r.status == "submitted"),
        })
        .collect();
    crate::domain::order::sort_by_cached_key(&mut out, |s| {
        (!s.behind(), crate::domain::collate::key(&s.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn who_has_not_planned_acted_or_reported() {
        let mut ds = small();
        let s = standing(&ds, "2021-2025", 2023);
        assert_eq!(s.len(), 2);
        // Công an tỉnh: no plan, an activity in 2023, no report → behind, listed first
        assert_eq!(
            (
                s[0].unit_id.as_str(),
                s[0].has_plan,
                s[0].activities,
                s[0].reported
            ),
            ("u-police", false, 1, false)
        );
        // Kho bạc: a 2023 plan, two activities, a draft report → still behind (not submitted)
        assert_eq!(
            (s[1].has_plan, s[1].activities, s[1].reported),
            (true, 2, false)
        );
        ds.reports[0].status = "submitted".into();
        let s = standing(&ds, "2021-2025", 2023);
        let kbnn = s.iter().find(|x| x.unit_id == "u-kbnn").expect("kbnn");
        assert!(!kbnn.behind());
        assert_eq!(s.last().map(|x| x.unit_id.as_str()), Some("u-kbnn"));
        assert!(standing(&ds, "2016-2020", 2023).is_empty());
    }
}
