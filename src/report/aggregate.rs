//! Sums of activities by year, unit, district, commune, village, category, funding source and
//! model: money (cash, in kind), households, poor households, people, and quantities per
//! measure. Villages roll up to their commune; a retired place still counts where it was.

use std::collections::{BTreeMap, BTreeSet};

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
            *self.qty.entry(a.measure.clone()).or_default() += a.qty;
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
        self.by_unit.keys().map(String::as_str).collect()
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

pub fn aggregate(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Figures {
    let mut f = Figures::default();
    for a in ds.activities.iter().filter(|a| scope.matches(a, idx)) {
        f.total.add(a);
        if let Some(y) = year_of(&a.date) {
            f.by_year.entry(y).or_default().add(a);
        }
        f.by_category.entry(a.category.clone()).or_default().add(a);
        f.by_unit.entry(a.unit_id.clone()).or_default().add(a);
        let commune = idx.commune_of(&a.location_id);
        let district = idx
            .district_of(&a.location_id)
            .map_or(String::new(), |d| d.id.clone());
        f.by_district.entry(district).or_default().add(a);
        if let Some(c) = commune {
            f.by_commune.entry(c.id.clone()).or_default().add(a);
        }
        if idx
            .get(&a.location_id)
            .is_some_and(|l| l.level == "village")
        {
            f.by_village
                .entry(a.location_id.clone())
                .or_default()
                .add(a);
        }
        if !a.funding.is_empty() {
            f.by_funding.entry(a.funding.clone()).or_default().add(a);
        }
        if let Some(m) = &a.model_id {
            f.by_model.entry(m.clone()).or_default().add(a);
        }
        if !a.measure.is_empty() && a.qty > 0.0 {
            *f.qty_by_category
                .entry(a.category.clone())
                .or_default()
                .entry(a.measure.clone())
                .or_default() += a.qty;
        }
    }
    f
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
