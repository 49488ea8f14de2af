//! Headline totals over the activities a filter selects.

use std::collections::HashSet;

use crate::domain::dataset::Dataset;
use crate::domain::query::{ActivityFilter, LocationIndex};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub activities: usize,
    pub cash_vnd: i64,
    pub in_kind_vnd: i64,
    pub households: i64,
    pub poor_households: i64,
    pub people: i64,
    /// Distinct units with at least one selected activity.
    pub units: usize,
    /// Distinct communes helped (a village's activity counts for its commune).
    pub communes: usize,
}

impl Totals {
    /// Cash and in-kind together.
    pub fn total_vnd(&self) -> i64 {
        self.cash_vnd.saturating_add(self.in_kind_vnd)
    }
}

pub fn totals(ds: &Dataset, index: &LocationIndex, filter: &ActivityFilter) -> Totals {
    let mut t = Totals::default();
    let mut units = HashSet::new();
    let mut communes = HashSet::new();
    for a in ds.activities.iter().filter(|a| filter.matches(a, index)) {
        t.activities += 1;
        t.cash_vnd = t.cash_vnd.saturating_add(a.cash_vnd);
        t.in_kind_vnd = t.in_kind_vnd.saturating_add(a.in_kind_vnd);
        t.households = t.households.saturating_add(a.households);
        t.poor_households = t.poor_households.saturating_add(a.poor_households);
        t.people = t.people.saturating_add(a.people);
        units.insert(a.unit_id.as_str());
        if let Some(c) = index.commune_of(&a.location_id) {
            communes.insert(c.id.as_str());
        }
    }
    t.units = units.len();
    t.communes = communes.len();
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn sums_the_small_fixture_by_hand() {
        let mut ds = small();
        ds.activities[0].in_kind_vnd = 2_000_000;
        ds.activities[1].households = 2;
        ds.activities[2].people = 40;
        let idx = LocationIndex::new(&ds.locations);
        let all = totals(&ds, &idx, &ActivityFilter::default());
        assert_eq!(
            all,
            Totals {
                activities: 4,
                cash_vnd: 10_000_000 + 50_000_000 + 5_000_000,
                in_kind_vnd: 2_000_000,
                households: 2,
                poor_households: 0,
                people: 40,
                units: 2,
                communes: 2, // Pà Cò (three activities, two in its villages) and Hang Kia
            }
        );
        assert_eq!(all.total_vnd(), 67_000_000);
        let y2024 = totals(
            &ds,
            &idx,
            &ActivityFilter {
                year: Some(2024),
                ..Default::default()
            },
        );
        assert_eq!(
            (
                y2024.activities,
                y2024.cash_vnd,
                y2024.units,
                y2024.communes
            ),
            (1, 5_000_000, 1, 1)
        );
        let ca = totals(
            &ds,
            &idx,
            &ActivityFilter {
                unit_id: Some("u-police".into()),
                ..Default::default()
            },
        );
        assert_eq!((ca.activities, ca.cash_vnd, ca.communes), (1, 0, 1));
    }
}
