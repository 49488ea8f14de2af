//! Sums of activities by year, unit, district, commune, village, category, funding source and
//! model: money (cash, in kind), households, poor households, people, and quantities per
//! measure. Villages roll up to their commune. A merged place or renamed unit counts where it
//! was on the period's map, or in its successor on today's map (`scope::Boundaries`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::scope::Scope;
use crate::domain::dataset::Dataset;
use crate::domain::dates::year_of;
use crate::domain::query::{place_name, place_name_inline, LocationIndex};
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
    /// Preferential loans helped to (not support: never in `total_vnd`).
    pub loan_vnd: i64,
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
        self.loan_vnd = self.loan_vnd.saturating_add(a.loan_vnd.unwrap_or(0));
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
    /// Communes and villages whose activities were counted in a successor: successor → the
    /// places as recorded ("xã A (nay là xã B)").
    pub places_formerly: BTreeMap<String, BTreeSet<String>>,
    /// The same for units renamed or merged.
    pub units_formerly: BTreeMap<String, BTreeSet<String>>,
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

    /// A commune's or village's name in a report: "Xã A, xã C (nay là xã B)" when the map
    /// counted the records of merged places in it.
    pub fn place_label(&self, idx: &LocationIndex, id: &str) -> String {
        let (now, display) = idx.get(id).map_or_else(
            || (id.to_owned(), id.to_owned()),
            |l| (place_name_inline(l), place_name(l)),
        );
        let was = self
            .places_formerly
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|w| idx.get(w).map(place_name_inline))
            .collect();
        formerly(was, now, display)
    }

    /// A unit's name in a report: "Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)".
    pub fn unit_label(&self, ds: &Dataset, id: &str) -> String {
        let now = ds.unit_name(id).unwrap_or(id).to_owned();
        let was = self
            .units_formerly
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|w| ds.unit_name(w).map(str::to_owned))
            .collect();
        formerly(was, now.clone(), now)
    }

    pub fn category(&self, category: &str) -> Sums {
        self.by_category.get(category).cloned().unwrap_or_default()
    }
}

/// "Xã A, xã C (nay là xã B)": the names as recorded, then the name today (`now` as it reads
/// inside a phrase); `display` alone when nothing was moved.
fn formerly(mut was: Vec<String>, now: String, display: String) -> String {
    // "Xã Thạch Yên (nay là xã Thạch Yên)" says nothing: a place continued by a namesake alone
    // reads as the name. With others merged in, every predecessor is named, the namesake too
    // ("Xã Hang Kia, xã Pà Cò (nay là xã Pà Cò)").
    if was.iter().all(|w| *w == now) {
        return display;
    }
    crate::domain::collate::sort_by_text(&mut was, String::as_str);
    was.dedup();
    let head = crate::domain::text::capitalise(&was.join(", "));
    format!("{head} (nay là {now})")
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

/// Where a location rolls up on a map: (district id, commune id, village id), and the commune
/// and village as recorded when the map moved them to a successor.
#[derive(Clone, Copy)]
struct Place<'a> {
    district: &'a str,
    commune: Option<&'a str>,
    village: Option<&'a str>,
    moved: Option<(&'a str, &'a str)>,
}

impl Figures {
    /// Count one activity, rolled up to its place and unit.
    fn add(&mut self, a: &Activity, year: Option<i32>, place: Place, unit: &str) {
        self.total.add(a);
        if let Some(y) = year {
            self.by_year.entry(y).or_default().add(a);
        }
        add_to(&mut self.by_category, &a.category, a);
        add_to(&mut self.by_unit, unit, a);
        if unit != a.unit_id {
            note(&mut self.units_formerly, unit, &a.unit_id);
        }
        add_to(&mut self.by_district, place.district, a);
        if let Some(c) = place.commune {
            add_to(&mut self.by_commune, c, a);
        }
        if let Some(v) = place.village {
            add_to(&mut self.by_village, v, a);
        }
        if let Some((now, was)) = place.moved {
            note(&mut self.places_formerly, now, was);
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

fn note(map: &mut BTreeMap<String, BTreeSet<String>>, now: &str, was: &str) {
    if !map.get(now).is_some_and(|s| s.contains(was)) {
        map.entry(now.to_owned())
            .or_default()
            .insert(was.to_owned());
    }
}

/// Where activities' places and units roll up on a map; activities share a few thousand
/// places, so a place whose history never moved is walked once.
struct Places<'a> {
    idx: &'a LocationIndex,
    ds: &'a Dataset,
    seen: HashMap<&'a str, Place<'a>>,
    units: HashMap<&'a str, &'a str>,
    unit_history: bool,
}

impl<'a> Places<'a> {
    fn new(ds: &'a Dataset, idx: &'a LocationIndex) -> Self {
        Places {
            idx,
            ds,
            seen: HashMap::new(),
            units: HashMap::new(),
            unit_history: ds
                .units
                .iter()
                .any(|u| u.valid_to.is_some() && !u.successors.is_empty()),
        }
    }

    /// The place of `id` on the map of `date` (the activity's date, or today's).
    fn of(&mut self, id: &'a str, date: &str) -> Place<'a> {
        if let Some(p) = self.seen.get(id) {
            return *p;
        }
        let idx = self.idx;
        let place = if idx.has_history() {
            let at = idx.as_of(id, date);
            let recorded = idx.commune_of(id).map(|c| c.id.as_str());
            let commune = idx.commune_of(at).map(|c| idx.as_of(&c.id, date));
            let district = commune
                .and_then(|c| idx.district_of(c))
                .filter(|d| crate::domain::query::valid_on(d.valid_to.as_deref(), date));
            Place {
                district: district.map_or("", |d| d.id.as_str()),
                commune,
                village: idx
                    .get(at)
                    .filter(|l| l.level == "village")
                    .map(|l| l.id.as_str()),
                moved: commune.zip(recorded).filter(|(now, was)| now != was),
            }
        } else {
            Place {
                district: idx.district_of(id).map_or("", |d| d.id.as_str()),
                commune: idx.commune_of(id).map(|c| c.id.as_str()),
                village: idx
                    .get(id)
                    .filter(|l| l.level == "village")
                    .map(|l| l.id.as_str()),
                moved: None,
            }
        };
        // A place whose line never ended rolls up the same whatever the date.
        if !idx.ancestors_or_self(id).any(|l| l.valid_to.is_some()) {
            self.seen.insert(id, place);
        }
        place
    }

    fn unit(&mut self, id: &'a str, date: &str) -> &'a str {
        if !self.unit_history {
            return id;
        }
        if let Some(u) = self.units.get(id) {
            return u;
        }
        let ended = self
            .ds
            .units
            .iter()
            .any(|u| u.id == id && u.valid_to.is_some());
        let at = super::scope::unit_as_of(self.ds, id, date);
        if !ended {
            self.units.insert(id, at);
        }
        at
    }
}

pub fn aggregate(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Figures {
    let mut f = Figures::default();
    let mut places = Places::new(ds, idx);
    for a in ds.activities.iter().filter(|a| scope.matches(a, idx)) {
        let on = scope.map_date(&a.date);
        let place = places.of(&a.location_id, on);
        let unit = places.unit(&a.unit_id, on);
        f.add(a, year_of(&a.date), place, unit);
    }
    f
}

/// The figures of every activity and, in the same pass, of each year: switching the overview
/// between years is then a lookup, not a pass over a province's activities.
pub fn aggregate_by_year(ds: &Dataset, idx: &LocationIndex) -> (Figures, BTreeMap<i32, Figures>) {
    let mut all = Figures::default();
    let mut years: BTreeMap<i32, Figures> = BTreeMap::new();
    let mut places = Places::new(ds, idx);
    for a in &ds.activities {
        let year = year_of(&a.date);
        let place = places.of(&a.location_id, &a.date);
        let unit = places.unit(&a.unit_id, &a.date);
        all.add(a, year, place, unit);
        if let Some(y) = year {
            years.entry(y).or_default().add(a, year, place, unit);
        }
    }
    (all, years)
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "history_tests.rs"]
mod history_tests;
