//! What a report covers: a period (`report::period`), optionally one unit and one place (a
//! district or commune, with everything beneath it), and the map it is drawn on.

use crate::domain::dataset::Dataset;
use crate::domain::query::LocationIndex;
use crate::domain::record::Activity;

/// Whose boundaries a report is drawn by, once communes were merged or units renamed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Boundaries {
    /// As they were when each activity happened: a commune merged in 2025 keeps its own rows.
    #[default]
    Period,
    /// As they are on this ISO date: history rolls into the successors ("xã A (nay là xã B)").
    Today(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// ISO dates, inclusive; None is open.
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit_id: Option<String>,
    pub location_id: Option<String>,
    /// A group of places (communes chosen together since there are no districts), in place of
    /// `location_id`.
    pub group: Vec<String>,
    pub boundaries: Boundaries,
    /// On today's map, the places and units whose history passed into the chosen ones: they
    /// are in scope too (`Scope::on_map`).
    pub also_places: Vec<String>,
    pub also_units: Vec<String>,
    /// The day the report is drawn up (ISO), when known: whether its period is over yet.
    pub today: Option<String>,
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

    /// The day the report is drawn up: a period that ends before it is over.
    pub fn drawn_on(mut self, today: &str) -> Scope {
        self.today = Some(today.to_string()).filter(|t| !t.is_empty());
        self
    }

    /// A group of places in place of one (empty: the chosen place, or everywhere).
    pub fn group(mut self, places: Vec<String>) -> Scope {
        self.group = places;
        self
    }

    /// Draw the report by these boundaries. On today's map a chosen commune or unit takes in
    /// its predecessors, so the scope follows the history rolled into it.
    pub fn on_map(mut self, boundaries: Boundaries, ds: &Dataset, idx: &LocationIndex) -> Scope {
        self.also_places.clear();
        self.also_units.clear();
        if matches!(boundaries, Boundaries::Today(_)) {
            self.also_places = self
                .location_id
                .iter()
                .chain(self.group.iter())
                .flat_map(|l| idx.predecessors(l))
                .map(|p| p.id.clone())
                .collect();
            if let Some(u) = &self.unit_id {
                self.also_units = unit_predecessors(ds, u);
            }
        }
        if let Boundaries::Today(day) = &boundaries {
            self.today.get_or_insert_with(|| day.clone());
        }
        self.boundaries = boundaries;
        self
    }

    /// The date a place or unit is resolved on, for an activity of `date`.
    pub fn map_date<'a>(&'a self, date: &'a str) -> &'a str {
        match &self.boundaries {
            Boundaries::Period => date,
            Boundaries::Today(today) => today,
        }
    }

    /// The day whose map the report is drawn on, for naming the area: today's, or the last
    /// day of the period (None: today's).
    pub fn map_day(&self) -> Option<&str> {
        match &self.boundaries {
            Boundaries::Today(today) => Some(today),
            Boundaries::Period => self.to.as_deref(),
        }
    }

    /// Whether an ISO date falls in the period.
    pub fn covers_date(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|f| date >= f)
            && self.to.as_deref().is_none_or(|t| date <= t)
    }

    pub fn matches(&self, a: &Activity, idx: &LocationIndex) -> bool {
        self.covers_date(&a.date)
            && self.covers_unit(&a.unit_id)
            && self.covers_activity_place(a, idx)
    }

    /// Whether an activity's place is in scope on the report's map. By the period's boundaries
    /// it is where the place stood on the activity's day; by today's, also anywhere that passed
    /// into the chosen place, and an old district still scopes what happened in it.
    fn covers_activity_place(&self, a: &Activity, idx: &LocationIndex) -> bool {
        if self.location_id.is_none() && self.group.is_empty() {
            return true;
        }
        let on = |date: &str| {
            self.location_id
                .iter()
                .chain(self.group.iter())
                .any(|l| idx.within_on(&a.location_id, l, date))
        };
        match &self.boundaries {
            Boundaries::Period if idx.has_history() => on(&a.date),
            Boundaries::Period => self.covers_place(&a.location_id, idx),
            Boundaries::Today(today) => self.covers_place(&a.location_id, idx) || on(today),
        }
    }

    /// Whether records of this unit are in scope (the chosen unit, or one it succeeded).
    pub fn covers_unit(&self, unit: &str) -> bool {
        self.unit_id
            .as_deref()
            .is_none_or(|u| unit == u || self.also_units.iter().any(|a| a == unit))
    }

    /// Whether a place is in scope (within the chosen place, or within one it succeeded).
    pub fn covers_place(&self, place: &str, idx: &LocationIndex) -> bool {
        if self.location_id.is_none() && self.group.is_empty() {
            return true;
        }
        self.location_id
            .iter()
            .chain(self.group.iter())
            .chain(self.also_places.iter())
            .any(|l| idx.within(place, l))
    }
}

/// The unit standing for `id` on `date`: itself while it existed, else its first successor.
pub fn unit_as_of<'a>(ds: &'a Dataset, id: &'a str, date: &str) -> &'a str {
    let mut at = id;
    for _ in 0..16 {
        match ds.units.iter().find(|u| u.id == at) {
            Some(u) if !crate::domain::query::valid_on(u.valid_to.as_deref(), date) => {
                match u.successors.first() {
                    Some(next) => at = next,
                    None => break,
                }
            }
            _ => break,
        }
    }
    at
}

/// The units whose work passed into `id`, directly or through others.
pub fn unit_predecessors(ds: &Dataset, id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut todo = vec![id.to_string()];
    while let Some(next) = todo.pop() {
        for u in ds
            .units
            .iter()
            .filter(|u| u.valid_to.is_some() && u.successors.first() == Some(&next) && u.id != id)
        {
            if out.len() < 256 && !out.contains(&u.id) {
                out.push(u.id.clone());
                todo.push(u.id.clone());
            }
        }
    }
    out
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
