//! Sums of activities by year, unit, district, commune, village, category, funding source and
//! model: money (cash, in kind), households, poor households, people, and quantities per
//! measure. Villages roll up to their commune; a retired place still counts where it was.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::scope::Scope;
use crate::domain::dataset::Dataset;
use crate::domain::dates::year_of;
use crate::domain::query::LocationIndex;
use crate::domain::record::Activity;

/// The sums of a group of activities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sums {
    pub activities: usize,
    pub cash_vnd: i64,
    pub in_kind_vnd: i64,
    pub households: i64,
    pub poor_households: i64,
    pub people: i64,
    /// Quantity by measure code.
    pub qty: BTreeMap<String, f64>,
}

impl Sums {
    pub fn add(&mut self, a: &Activity) {
        self.activities += 1;
        self.cash_vnd = self.cash_vnd.saturating_add(a.cash_vnd);
        self.in_kind_vnd = self.in_kind_vnd.saturating_add(a.in_kind_vnd);
        self.households = self.households.saturating_add(a.households);
        self.poor_households = self.poor_households.saturating_add(a.poor_households);
        self.people = self.people.saturating_add(a.people);
        if !a.measure.is_empty() && a.qty > 0.0 {
            add_qty(&mut self.qty, &a.measure, a.qty);
        }
    }

    pub fn total_vnd(&self) -> i64 {
        self.cash_vnd.saturating_add(self.in_kind_vnd)
    }

    pub fn qty_of(&self, measure: &str) -> f64 {
        self.qty.get(measure).copied().unwrap_or(0.0)
    }
}

/// Every grouping of the activities a scope selects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub total: Sums,
    pub by_year: BTreeMap<i32, Sums>,
    pub by_category: BTreeMap<String, Sums>,
    pub by_unit: BTreeMap<String, Sums>,
    /// District id ("" when the commune has no district).
    pub by_district: BTreeMap<String, Sums>,
    pub by_commune: BTreeMap<String, Sums>,
    pub by_village: BTreeMap<String, Sums>,
    pub by_funding: BTreeMap<String, Sums>,
    pub by_model: BTreeMap<String, Sums>,
    /// Category → measure → quantity (houses of `housing`, heads of `seeds_livestock`…).
    pub qty_by_category: BTreeMap<String, BTreeMap<String, f64>>,
}

impl Figures {
    pub fn units(&self) -> BTreeSet<&str> {
        crate::domain::order::tree(self.by_unit.keys().map(String::as_str))
    }

    /// Quantity of a measure within a category.
    pub fn qty(&self, category: &str, measure: &str) -> f64 {
        self.qty_by_category
            .get(category)
            .and_then(|m| m.get(measure))
            .copied()
            .unwrap_or(0.0)
    }

    pub fn category(&self, category: &str) -> Sums {
        self.by_category.get(category).cloned().unwrap_or_default()
    }
}

/// Add to a keyed quantity, allocating the key only the first time it is seen.
fn add_qty(map: &mut BTreeMap<String, f64>, key: &str, qty: f64) {
    match map.get_mut(key) {
        Some(q) => *q += qty,
        None => {
            map.insert(key.to_owned(), qty);
        }
    }
}

/// Add an activity to its group, allocating the key only for a new group: the overview
/// recomputes this over every activity on each change, so per-activity allocations count.
fn add_to(map: &mut BTreeMap<String, Sums>, key: &str, a: &Activity) {
    match map.get_mut(key) {
        Some(s) => s.add(a),
        None => {
            let mut s = Sums::default();
            s.add(a);
            map.insert(key.to_owned(), s);
        }
    }
}

/// Where a location rolls up: (district id, commune id, is a village).
type Place<'a> = (&'a str, Option<&'a str>, bool);

impl Figures {
    /// Count one activity, rolled up to its place.
    fn add(&mut self, a: &Activity, year: Option<i32>, place: Place) {
        let (district, commune, village) = place;
        self.total.add(a);
        if let Some(y) = year {
            self.by_year.entry(y).or_default().add(a);
        }
        add_to(&mut self.by_category, &a.category, a);
        add_to(&mut self.by_unit, &a.unit_id, a);
        add_to(&mut self.by_district, district, a);
        if let Some(c) = commune {
            add_to(&mut self.by_commune, c, a);
        }
        if village {
            add_to(&mut self.by_village, &a.location_id, a);
        }
        if !a.funding.is_empty() {
            add_to(&mut self.by_funding, &a.funding, a);
        }
        if let Some(m) = &a.model_id {
            add_to(&mut self.by_model, m, a);
        }
        if !a.measure.is_empty() && a.qty > 0.0 {
            if !self.qty_by_category.contains_key(&a.category) {
                self.qty_by_category
                    .insert(a.category.clone(), BTreeMap::new());
            }
            if let Some(m) = self.qty_by_category.get_mut(&a.category) {
                add_qty(m, &a.measure, a.qty);
            }
        }
    }
}

/// Where activities' places roll up; activities share a few thousand places, so each place's
/// ancestors are walked once.
struct Places<'a> {
    idx: &'a LocationIndex,
    seen: HashMap<&'a str, Place<'a>>,
}

impl<'a> Places<'a> {
    fn new(idx: &'a LocationIndex) -> Self {
        Places {
            idx,
            seen: HashMap::new(),
        }
    }

    fn of(&mut self, id: &'a str) -> Place<'a> {
        let idx = self.idx;
        *self.seen.entry(id).or_insert_with(|| {
            (
                idx.district_of(id).map_or("", |d| d.id.as_str()),
                idx.commune_of(id).map(|c| c.id.as_str()),
                idx.get(id).is_some_and(|l| l.level == "village"),
            )
        })
    }
}

pub fn aggregate(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Figures {
    let mut f = Figures::default();
    let mut places = Places::new(idx);
    for a in ds.activities.iter().filter(|a| scope.matches(a, idx)) {
        f.add(a, year_of(&a.date), places.of(&a.location_id));
    }
    f
}

/// The figures of every activity and, in the same pass, of each year: switching the overview
/// between years is then a lookup, not a pass over a province's activities.
pub fn aggregate_by_year(ds: &Dataset, idx: &LocationIndex) -> (Figures, BTreeMap<i32, Figures>) {
    let mut all = Figures::default();
    let mut years: BTreeMap<i32, Figures> = BTreeMap::new();
    let mut places = Places::new(idx);
    for a in &ds.activities {
        let year = year_of(&a.date);
        let place = places.of(&a.location_id);
        all.add(a, year, place);
        if let Some(y) = year {
            years.entry(y).or_default().add(a, year, place);
        }
    }
    (all, years)
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
