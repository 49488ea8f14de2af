//! Units and places entered twice — typically an officer's own "Kho bạc Nhà nước tỉnh" arriving
//! beside the province's, or a commune typed without its district. Two records are taken for
//! one when their names share a key (no diacritics, case or "xã"/"bản" prefix: `text::name_key`),
//! they are of the same level, and, for places, their parents have the same name or one has
//! none. Merging ("gộp") records the other id as an alias of the record kept (`aliases`): records
//! naming it are read as naming the kept one, and nobody's record is rewritten. A merge made the
//! old way (every reference moved and the duplicate deleted) is still followed by files that
//! name the duplicate (`bundle::references`).

use std::collections::HashMap;

use super::aliases::Aliases;
use super::dataset::Dataset;
use super::record::{Location, Unit};
use super::text::name_key;
use super::Kind;

/// Two records taken for one: `dup` is merged into `keep`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub kind: Kind,
    pub keep: String,
    pub dup: String,
}

fn unit_key(u: &Unit) -> (String, String) {
    (name_key(&u.name), u.level.clone())
}

/// Finds a place by id (here, or in a file and then here).
type Find<'a> = &'a dyn Fn(&str) -> Option<&'a Location>;

/// A place's parent name key, or `None` when it has no parent or its parent is the province
/// (a commune typed without its district).
fn parent_key(find: Find, l: &Location) -> Option<String> {
    let parent = find(l.parent_id.as_deref()?)?;
    (parent.level != "province").then(|| name_key(&parent.name))
}

/// Same level and name key (the caller has checked), and parents that agree.
fn same_parent(find: Find, a: &Location, b: &Location) -> bool {
    match (parent_key(find, a), parent_key(find, b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn same_place(find: Find, a: &Location, b: &Location) -> bool {
    a.level == b.level && name_key(&a.name) == name_key(&b.name) && same_parent(find, a, b)
}

/// A place's level and name key.
type PlaceKey = (String, String);

/// Today's places by level and name key (and the keys in first-seen order): only places in
/// one bucket can be duplicates, so a province of thousands is checked without comparing every
/// pair.
struct Buckets<'a> {
    order: Vec<PlaceKey>,
    map: HashMap<PlaceKey, Vec<&'a Location>>,
}

fn buckets<'a>(places: impl Iterator<Item = &'a Location>) -> Buckets<'a> {
    let mut b = Buckets {
        order: Vec::new(),
        map: HashMap::new(),
    };
    for l in places.filter(|l| l.valid_to.is_none()) {
        let key = (l.level.clone(), name_key(&l.name));
        if !b.map.contains_key(&key) {
            b.order.push(key.clone());
        }
        b.map.entry(key).or_default().push(l);
    }
    b
}

/// Every unit or place a record points at, as (kind, id), for the records `skip` lets through
/// (its kind and id): one pass, the one list of which fields are references.
pub fn each_reference(
    ds: &Dataset,
    skip: &dyn Fn(Kind, &str) -> bool,
    mut f: impl FnMut(Kind, &str),
) {
    let mut both = |kind: Kind, id: &str, unit: &str, place: &str| {
        if !skip(kind, id) {
            f(Kind::Unit, unit);
            f(Kind::Location, place);
        }
    };
    for r in &ds.activities {
        both(Kind::Activity, &r.id, &r.unit_id, &r.location_id);
    }
    for r in &ds.plans {
        both(Kind::Plan, &r.id, &r.unit_id, &r.location_id);
    }
    for r in &ds.models {
        both(Kind::Model, &r.id, &r.unit_id, &r.location_id);
    }
    for r in &ds.assignments {
        both(Kind::Assignment, &r.id, &r.unit_id, &r.location_id);
    }
    for r in ds.reports.iter().filter(|r| !skip(Kind::Report, &r.id)) {
        f(Kind::Unit, &r.unit_id);
    }
    for r in ds.locations.iter().filter(|r| !skip(Kind::Location, &r.id)) {
        if let Some(p) = &r.parent_id {
            f(Kind::Location, p);
        }
    }
}

/// How many records point at unit or place `id`.
pub fn references(ds: &Dataset, kind: Kind, id: &str) -> usize {
    let mut n = 0;
    each_reference(ds, &|_, _| false, |k, x| {
        if k == kind && x == id {
            n += 1;
        }
    });
    n
}

/// How fully the directory places a unit or place: a place by how many levels stand above it
/// (a commune under its province beats one typed without), a unit by the fields filled.
fn fullness(ds: &Dataset, kind: Kind, id: &str) -> usize {
    match kind {
        Kind::Location => {
            let mut depth = 0;
            let mut at = ds.get::<Location>(id).and_then(|l| l.parent_id.as_deref());
            while let Some(p) = at.filter(|_| depth < 8) {
                depth += 1;
                at = ds.get::<Location>(p).and_then(|l| l.parent_id.as_deref());
            }
            depth
        }
        _ => ds.get::<Unit>(id).map_or(0, |u| {
            [
                u.location_id.is_some(),
                !u.superior.is_empty(),
                !u.short_name.is_empty(),
                !u.bloc.is_empty(),
            ]
            .iter()
            .filter(|b| **b)
            .count()
        }),
    }
}

/// Of two records taken for one, which to keep: the one the directory places more fully, then
/// the one more records point at, else the one entered first.
fn keep_first(ds: &Dataset, kind: Kind, a: (&str, &str), b: (&str, &str)) -> bool {
    let (fa, fb) = (fullness(ds, kind, a.0), fullness(ds, kind, b.0));
    if fa != fb {
        return fa > fb;
    }
    let (ra, rb) = (references(ds, kind, a.0), references(ds, kind, b.0));
    ra > rb || (ra == rb && (a.1, a.0) <= (b.1, b.0))
}

/// Every duplicate among today's units and places (those not ended), each merged into the
/// record kept for its group.
pub fn pairs(ds: &Dataset) -> Vec<Pair> {
    let mut out = Vec::new();
    // Another id of a record kept (an alias): already one.
    let aliases = Aliases::of(&[ds]);
    let mut groups: HashMap<(String, String), Vec<&Unit>> = HashMap::new();
    let mut order = Vec::new();
    for u in ds
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() && !aliases.hides(Kind::Unit, &u.id))
    {
        let key = unit_key(u);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(u);
    }
    for key in order {
        let group = &groups[&key];
        if let Some(keep) = pick(
            ds,
            Kind::Unit,
            group.iter().map(|u| (u.id.as_str(), u.updated_at.as_str())),
        ) {
            for u in group.iter().filter(|u| u.id != keep) {
                out.push(Pair {
                    kind: Kind::Unit,
                    keep: keep.clone(),
                    dup: u.id.clone(),
                });
            }
        }
    }
    let find = |id: &str| ds.get::<Location>(id);
    let Buckets { order, map } = buckets(
        ds.locations
            .iter()
            .filter(|l| !aliases.hides(Kind::Location, &l.id)),
    );
    for key in order {
        let live = &map[&key];
        if live.len() < 2 {
            continue;
        }
        let mut taken = vec![false; live.len()];
        for i in 0..live.len() {
            if taken[i] {
                continue;
            }
            let group: Vec<usize> = (i..live.len())
                .filter(|j| !taken[*j] && same_parent(&find, live[i], live[*j]))
                .collect();
            if group.len() < 2 {
                continue;
            }
            for j in &group {
                taken[*j] = true;
            }
            let ids = group
                .iter()
                .map(|j| (live[*j].id.as_str(), live[*j].updated_at.as_str()));
            if let Some(keep) = pick(ds, Kind::Location, ids) {
                for j in group.iter().filter(|j| live[**j].id != keep) {
                    out.push(Pair {
                        kind: Kind::Location,
                        keep: keep.clone(),
                        dup: live[*j].id.clone(),
                    });
                }
            }
        }
    }
    out
}

fn pick<'a>(
    ds: &Dataset,
    kind: Kind,
    ids: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let ids: Vec<(&str, &str)> = ids.collect();
    if ids.len() < 2 {
        return None;
    }
    let mut best = ids[0];
    for c in &ids[1..] {
        if !keep_first(ds, kind, best, *c) {
            best = *c;
        }
    }
    Some(best.0.to_string())
}

/// Units and places of `incoming` not stored here under their id but taken for one that is:
/// (kind, incoming name, stored name).
pub fn incoming(stored: &Dataset, incoming: &Dataset) -> Vec<(Kind, String, String)> {
    let mut out = Vec::new();
    // Known here by another id (an alias): not a duplicate.
    let aliases = Aliases::of(&[stored, incoming]);
    for u in &incoming.units {
        if stored.get::<Unit>(&u.id).is_some()
            || u.valid_to.is_some()
            || aliases.hides(Kind::Unit, &u.id)
        {
            continue;
        }
        if let Some(here) = stored
            .units
            .iter()
            .find(|s| s.valid_to.is_none() && unit_key(s) == unit_key(u))
        {
            out.push((Kind::Unit, u.name.clone(), here.name.clone()));
        }
    }
    let known: std::collections::HashSet<&str> =
        stored.locations.iter().map(|l| l.id.as_str()).collect();
    let new: Vec<&Location> = incoming
        .locations
        .iter()
        .filter(|l| !known.contains(l.id.as_str()) && l.valid_to.is_none())
        .filter(|l| !aliases.hides(Kind::Location, &l.id))
        .collect();
    if new.is_empty() {
        return out;
    }
    // Parents resolve here, then in the file.
    let find = |id: &str| {
        stored
            .get::<Location>(id)
            .or_else(|| incoming.get::<Location>(id))
    };
    let here = buckets(stored.locations.iter()).map;
    for l in new {
        let key = (l.level.clone(), name_key(&l.name));
        let twin = here
            .get(&key)
            .and_then(|c| c.iter().find(|s| same_parent(&find, s, l)));
        if let Some(twin) = twin {
            out.push((Kind::Location, l.name.clone(), twin.name.clone()));
        }
    }
    out
}

/// The name of a unit or place like `name`, other than `except`, that it would duplicate
/// (for the entry forms' warning).
pub fn existing_unit<'a>(
    ds: &'a Dataset,
    name: &str,
    level: &str,
    except: Option<&str>,
) -> Option<&'a Unit> {
    let key = (name_key(name), level.to_string());
    ds.units.iter().find(|u| {
        Some(u.id.as_str()) != except
            && u.valid_to.is_none()
            && !key.0.is_empty()
            && unit_key(u) == key
    })
}

pub fn existing_place<'a>(
    ds: &'a Dataset,
    probe: &Location,
    except: Option<&str>,
) -> Option<&'a Location> {
    if name_key(&probe.name).is_empty() {
        return None;
    }
    let find = |id: &str| ds.get::<Location>(id);
    ds.locations.iter().find(|l| {
        Some(l.id.as_str()) != except && l.valid_to.is_none() && same_place(&find, l, probe)
    })
}

#[cfg(test)]
fn repoint(field: &mut String, dup: &str, keep: &str) -> bool {
    if field == dup {
        *field = keep.to_string();
        true
    } else {
        false
    }
}

#[cfg(test)]
fn repoint_opt(field: &mut Option<String>, dup: &str, keep: &str) -> bool {
    match field {
        Some(f) if f == dup => {
            *f = keep.to_string();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
fn repoint_list(list: &mut super::record::IdList, dup: &str, keep: &str) -> bool {
    let mut changed = false;
    for id in list.0.iter_mut() {
        changed |= repoint(id, dup, keep);
    }
    changed
}

/// Touch each record `f` changes.
#[cfg(test)]
fn each<T: super::record::Record>(
    list: &mut [T],
    now: &str,
    mut f: impl FnMut(&mut T) -> bool,
) -> usize {
    let mut n = 0;
    for r in list.iter_mut() {
        if f(r) {
            r.touch(now);
            n += 1;
        }
    }
    n
}

/// What merging `pair` changes, as a file would bring it: the kept record, one revision up,
/// naming the duplicate among its aliases (the records of both stay as they are, read through
/// the alias). `None` when the kept record is not here or already names it.
pub fn alias_change(ds: &Dataset, pair: &Pair, now: &str) -> Option<Dataset> {
    let mut out = Dataset::default();
    match pair.kind {
        Kind::Unit => out.put(ds.get::<Unit>(&pair.keep)?.clone()),
        Kind::Location => out.put(ds.get::<Location>(&pair.keep)?.clone()),
        _ => return None,
    }
    super::aliases::add(&mut out, pair.kind, &pair.keep, &pair.dup, now)
        .filter(|added| *added)
        .map(|_| out)
}

/// Merge `pair.dup` into `pair.keep` the way merges were made before aliases (kept to build
/// such data in tests of how files still follow it): every reference moved (each a new revision), an
/// assignment made twice by the move deleted, and the duplicate deleted. Returns how many
/// records now point at the kept one instead; `None` when either record is not here.
#[cfg(test)]
pub fn merge(ds: &mut Dataset, pair: &Pair, now: &str) -> Option<usize> {
    let (keep, dup) = (pair.keep.as_str(), pair.dup.as_str());
    let n = match pair.kind {
        Kind::Unit => {
            ds.get::<Unit>(keep)?;
            ds.get::<Unit>(dup)?;
            each(&mut ds.activities, now, |a| {
                repoint(&mut a.unit_id, dup, keep)
            }) + each(&mut ds.plans, now, |p| repoint(&mut p.unit_id, dup, keep))
                + each(&mut ds.models, now, |m| repoint(&mut m.unit_id, dup, keep))
                + each(&mut ds.reports, now, |r| repoint(&mut r.unit_id, dup, keep))
                + each(&mut ds.assignments, now, |a| {
                    repoint(&mut a.unit_id, dup, keep)
                })
                + each(&mut ds.units, now, |u| {
                    repoint_list(&mut u.successors, dup, keep)
                })
        }
        Kind::Location => {
            ds.get::<Location>(keep)?;
            ds.get::<Location>(dup)?;
            each(&mut ds.activities, now, |a| {
                repoint(&mut a.location_id, dup, keep)
            }) + each(&mut ds.plans, now, |p| {
                repoint(&mut p.location_id, dup, keep)
            }) + each(&mut ds.models, now, |m| {
                repoint(&mut m.location_id, dup, keep)
            }) + each(&mut ds.assignments, now, |a| {
                repoint(&mut a.location_id, dup, keep)
            }) + each(&mut ds.units, now, |u| {
                repoint_opt(&mut u.location_id, dup, keep)
            }) + each(&mut ds.locations, now, |l| {
                repoint_opt(&mut l.parent_id, dup, keep)
                    | repoint_list(&mut l.successors, dup, keep)
            })
        }
        _ => return None,
    };
    // The same unit on the same place for the same phase twice: one assignment is enough.
    let mut seen = Vec::new();
    let mut twice = Vec::new();
    for a in &ds.assignments {
        let key = (a.unit_id.clone(), a.location_id.clone(), a.phase.clone());
        if seen.contains(&key) {
            twice.push(a.id.clone());
        } else {
            seen.push(key);
        }
    }
    for id in twice {
        ds.delete::<super::record::Assignment>(&id, now);
    }
    match pair.kind {
        Kind::Unit => ds.delete::<Unit>(dup, now).map(|_| ()),
        _ => ds.delete::<Location>(dup, now).map(|_| ()),
    }?;
    Some(n)
}

#[cfg(test)]
#[path = "duplicates_tests.rs"]
mod tests;
