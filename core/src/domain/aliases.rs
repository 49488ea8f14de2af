//! "This unit / this place is that one", said once by the province instead of rewriting other
//! units' records. The record kept lists the other ids (`aliases` on a unit or a place); every
//! record naming one of them is read as naming the kept one. It is applied where records come
//! in — a file read (`bundle::import`), an import merged, another tab's data folded in, a merge
//! made here — to references only, without a new revision: the unit's own copies and ours then
//! stay equal, so its next file lands as ordinary updates, and nobody's record is rewritten by
//! someone else. The alias travels in bundles with the kept record, and comes undone with it.

use std::collections::HashMap;

use super::dataset::Dataset;
use super::record::{Location, Unit};
use super::Kind;

/// Longest chain followed (an alias of a record that is itself an alias of another).
const MAX_HOPS: usize = 8;

/// Alias id → kept id, for units and for places.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases {
    units: HashMap<String, String>,
    places: HashMap<String, String>,
}

/// Claim `alias` for `kept`: when two records claim one id, the smaller id keeps it, so every
/// browser settles alike whatever the order it read them in.
fn claim(map: &mut HashMap<String, String>, alias: &str, kept: &str) {
    if alias == kept {
        return;
    }
    match map.get(alias) {
        Some(other) if other.as_str() <= kept => {}
        _ => {
            map.insert(alias.to_string(), kept.to_string());
        }
    }
}

fn resolve<'a>(map: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    let mut at = id;
    for _ in 0..MAX_HOPS {
        match map.get(at) {
            Some(next) if next != id => at = next,
            // Back where it started: a cycle, read as no alias at all.
            Some(_) => return id,
            None => return at,
        }
    }
    at
}

impl Aliases {
    /// The aliases the units and places of `sets` carry (a file and what is stored here).
    pub fn of(sets: &[&Dataset]) -> Self {
        let mut out = Aliases::default();
        for ds in sets {
            for u in ds.units.iter().filter(|u| !u.aliases.is_empty()) {
                for a in u.aliases.iter() {
                    claim(&mut out.units, a, &u.id);
                }
            }
            for l in ds.locations.iter().filter(|l| !l.aliases.is_empty()) {
                for a in l.aliases.iter() {
                    claim(&mut out.places, a, &l.id);
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.places.is_empty()
    }

    /// The unit `id` is read as.
    pub fn unit<'a>(&'a self, id: &'a str) -> &'a str {
        resolve(&self.units, id)
    }

    /// The place `id` is read as.
    pub fn place<'a>(&'a self, id: &'a str) -> &'a str {
        resolve(&self.places, id)
    }

    /// Whether `id` is another name of a record kept under another id (hidden from lists).
    pub fn hides(&self, kind: Kind, id: &str) -> bool {
        match kind {
            Kind::Unit => self.unit(id) != id,
            Kind::Location => self.place(id) != id,
            _ => false,
        }
    }

    /// Aliases of `theirs` that `ours` lacks (or reads otherwise): what a file would change here.
    pub fn beyond(&self, ours: &Aliases) -> Aliases {
        let new = |mine: &HashMap<String, String>, other: &HashMap<String, String>| {
            mine.iter()
                .filter(|(k, v)| other.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        Aliases {
            units: new(&self.units, &ours.units),
            places: new(&self.places, &ours.places),
        }
    }

    /// Read every reference of `ds` through the aliases (no new revision). Returns how many
    /// records changed.
    pub fn apply(&self, ds: &mut Dataset) -> usize {
        if self.is_empty() {
            return 0;
        }
        let unit = |f: &mut String| set(f, self.unit(f).to_string());
        let place = |f: &mut String| set(f, self.place(f).to_string());
        let mut n = 0;
        for r in &mut ds.activities {
            n += usize::from(unit(&mut r.unit_id) | place(&mut r.location_id));
        }
        for r in &mut ds.plans {
            n += usize::from(unit(&mut r.unit_id) | place(&mut r.location_id));
        }
        for r in &mut ds.models {
            n += usize::from(unit(&mut r.unit_id) | place(&mut r.location_id));
        }
        for r in &mut ds.assignments {
            n += usize::from(unit(&mut r.unit_id) | place(&mut r.location_id));
        }
        for r in &mut ds.reports {
            n += usize::from(unit(&mut r.unit_id));
        }
        for u in &mut ds.units {
            let mut hit = u.location_id.as_mut().is_some_and(place);
            for s in u.successors.0.iter_mut() {
                hit |= unit(s);
            }
            n += usize::from(hit);
        }
        for l in &mut ds.locations {
            let mut hit = l.parent_id.as_mut().is_some_and(place);
            for s in l.successors.0.iter_mut() {
                hit |= place(s);
            }
            n += usize::from(hit);
        }
        n
    }
}

fn set(field: &mut String, to: String) -> bool {
    let changed = *field != to;
    if changed {
        *field = to;
    }
    changed
}

/// Read `ds` through its own aliases and those `with` carries (a file, another tab's data).
/// Returns how many records changed (their stored copies must be written again).
pub fn settle(ds: &mut Dataset, with: Option<&Dataset>) -> usize {
    let aliases = match with {
        Some(other) => Aliases::of(&[ds, other]),
        None => Aliases::of(&[ds]),
    };
    aliases.apply(ds)
}

/// Say that `alias` is another id of the unit or place `kept`: the kept record, one revision up,
/// lists it (an alias it already lists changes nothing). `None` when `kept` is not here.
pub fn add(ds: &mut Dataset, kind: Kind, kept: &str, alias: &str, now: &str) -> Option<bool> {
    use super::record::Record;
    fn push(list: &mut super::record::IdList, alias: &str) -> bool {
        let new = !list.0.iter().any(|a| a == alias);
        if new {
            list.0.push(alias.to_string());
        }
        new
    }
    let changed = match kind {
        Kind::Unit => {
            let mut u = ds.get::<Unit>(kept)?.clone();
            let new = push(&mut u.aliases, alias);
            if new {
                u.touch(now);
                ds.put(u);
            }
            new
        }
        Kind::Location => {
            let mut l = ds.get::<Location>(kept)?.clone();
            let new = push(&mut l.aliases, alias);
            if new {
                l.touch(now);
                ds.put(l);
            }
            new
        }
        _ => return None,
    };
    Some(changed)
}

#[cfg(test)]
#[path = "aliases_tests.rs"]
mod tests;
