//! References that would point at nothing once a file is merged, settled before the preview:
//!
//! - A file still naming a unit or place that was merged away here ("Gộp" deleted the
//!   duplicate, an older copy of which the file carries): its records follow the merge to the
//!   record kept — found by the same rule that paired the two — each as a new revision, and the
//!   preview says so; with no such record, the stale copy is left out and its records are
//!   flagged as pointing at nothing.
//! - A file deleting a unit or place that records here (or in the file) still point at: the
//!   deletion is refused and named, so totals by place always add up.

use std::collections::{HashMap, HashSet};

use super::format::Notice;
use crate::domain::dataset::Dataset;
use crate::domain::duplicates::{each_reference, existing_place, existing_unit};
use crate::domain::problem::{Problem, Reason};
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, Report, Unit};
use crate::domain::validate::MAX_REV;
use crate::domain::Kind;

/// Deletions here of units and places, by (kind, id): their revision.
fn deletions_here(stored: &Dataset) -> HashMap<(&str, &str), i64> {
    stored
        .tombstones
        .iter()
        .filter(|t| t.kind == Kind::Unit.code() || t.kind == Kind::Location.code())
        .map(|t| ((t.kind.as_str(), t.id.as_str()), t.rev))
        .collect()
}

/// Point `field` at `to` when it names `from`; true when it did.
fn repoint(field: &mut String, from: &str, to: &str) -> bool {
    let hit = field == from;
    if hit {
        *field = to.to_string();
    }
    hit
}

fn repoint_opt(field: &mut Option<String>, from: &str, to: &str) -> bool {
    match field {
        Some(f) => repoint(f, from, to),
        None => false,
    }
}

/// One revision up, so the moved copy outranks the sender's unmoved one everywhere it goes.
fn bump(rev: &mut i64) {
    *rev = (*rev + 1).min(MAX_REV);
}

/// Move the file's references from `from` to `to` (a unit or a place); how many records moved.
/// A record older than its copy here changes nothing and is left as it is.
fn follow(data: &mut Dataset, stored: &Dataset, kind: Kind, from: &str, to: &str) -> usize {
    let mut n = 0;
    macro_rules! each {
        ($list:expr, $t:ty, |$r:ident| $hit:expr) => {
            for $r in $list.iter_mut() {
                let older = stored
                    .get::<$t>(&$r.id)
                    .is_some_and(|here| here.rev > $r.rev);
                if !older && $hit {
                    bump(&mut $r.rev);
                    n += 1;
                }
            }
        };
    }
    match kind {
        Kind::Unit => {
            each!(data.activities, Activity, |r| repoint(
                &mut r.unit_id,
                from,
                to
            ));
            each!(data.plans, Plan, |r| repoint(&mut r.unit_id, from, to));
            each!(data.models, Model, |r| repoint(&mut r.unit_id, from, to));
            each!(data.reports, Report, |r| repoint(&mut r.unit_id, from, to));
            each!(data.assignments, Assignment, |r| repoint(
                &mut r.unit_id,
                from,
                to
            ));
        }
        _ => {
            each!(data.activities, Activity, |r| repoint(
                &mut r.location_id,
                from,
                to
            ));
            each!(data.plans, Plan, |r| repoint(&mut r.location_id, from, to));
            each!(data.models, Model, |r| repoint(
                &mut r.location_id,
                from,
                to
            ));
            each!(data.assignments, Assignment, |r| repoint(
                &mut r.location_id,
                from,
                to
            ));
            each!(data.units, Unit, |r| repoint_opt(
                &mut r.location_id,
                from,
                to
            ));
            each!(data.locations, Location, |r| repoint_opt(
                &mut r.parent_id,
                from,
                to
            ));
        }
    }
    n
}

/// Revisions of every record and deletion in `ds`, by kind and id.
fn revisions(ds: &Dataset) -> HashMap<(Kind, &str), i64> {
    fn add<'a, T: crate::domain::record::Record + 'a>(
        ds: &'a Dataset,
        out: &mut HashMap<(Kind, &'a str), i64>,
    ) where
        Dataset: crate::domain::dataset::Collection<T>,
    {
        use crate::domain::dataset::Collection;
        for r in Collection::<T>::list(ds) {
            out.insert((T::KIND, r.id()), r.rev());
        }
    }
    let mut out = HashMap::new();
    for t in &ds.tombstones {
        if let Some(k) = Kind::from_code(&t.kind) {
            out.insert((k, t.id.as_str()), t.rev);
        }
    }
    add::<Location>(ds, &mut out);
    add::<Unit>(ds, &mut out);
    add::<Assignment>(ds, &mut out);
    add::<Plan>(ds, &mut out);
    add::<Activity>(ds, &mut out);
    add::<Model>(ds, &mut out);
    add::<Report>(ds, &mut out);
    out
}

/// Of `among`, the units and places named by a record of the file that the merge would apply
/// by default (not older than its copy or deletion here).
fn named_by_what_applies(
    data: &Dataset,
    stored: &Dataset,
    among: &HashSet<(Kind, String)>,
) -> HashSet<(Kind, String)> {
    let (here, theirs) = (revisions(stored), revisions(data));
    let older = |k: Kind, id: &str| {
        let rev = theirs.get(&(k, id)).copied().unwrap_or(0);
        here.get(&(k, id)).is_some_and(|h| *h >= rev)
    };
    let mut named = HashSet::new();
    each_reference(data, &older, |k, id| {
        if among.contains(&(k, id.to_string())) {
            named.insert((k, id.to_string()));
        }
    });
    named
}

/// A merge made here before aliases, to record as one: (kind, kept id, merged-away id).
pub type Learned = Vec<(Kind, String, String)>;

/// Settle the file's references to units and places merged away here. Returns the notices to
/// show, and the merges made before aliases that the kept record does not name yet.
pub fn follow_merges(data: &mut Dataset, stored: &Dataset) -> (Vec<Notice>, Learned) {
    let mut notices = Vec::new();
    let mut learned = Learned::new();
    let deleted = deletions_here(stored);
    if deleted.is_empty() {
        return (notices, learned);
    }
    // A deletion here that the incoming copy does not outrank: the record stays deleted.
    let gone =
        |kind: Kind, id: &str, rev: i64| deleted.get(&(kind.code(), id)).is_some_and(|r| *r >= rev);
    let gone_units: Vec<Unit> = data
        .units
        .iter()
        .filter(|u| gone(Kind::Unit, &u.id, u.rev))
        .cloned()
        .collect();
    let gone_places: Vec<Location> = data
        .locations
        .iter()
        .filter(|l| gone(Kind::Location, &l.id, l.rev))
        .cloned()
        .collect();
    // The stale copies change nothing here (a deletion outranks them): out of the file, so that
    // a reference left to them is seen for what it is — unless nothing the file would apply
    // names them (a file imported again after its import was undone): then they stay, as
    // copies older than here, and "Áp dụng lại" brings them back with their records.
    let orphaned: HashSet<(Kind, String)> = gone_units
        .iter()
        .filter(|u| existing_unit(stored, &u.name, &u.level, Some(&u.id)).is_none())
        .map(|u| (Kind::Unit, u.id.clone()))
        .chain(
            gone_places
                .iter()
                .filter(|l| existing_place(stored, l, Some(&l.id)).is_none())
                .map(|l| (Kind::Location, l.id.clone())),
        )
        .collect();
    let keep = if orphaned.is_empty() {
        HashSet::new()
    } else {
        let named = named_by_what_applies(data, stored, &orphaned);
        orphaned.difference(&named).cloned().collect()
    };
    data.units.retain(|u| {
        keep.contains(&(Kind::Unit, u.id.clone())) || !gone_units.iter().any(|g| g.id == u.id)
    });
    data.locations.retain(|l| {
        keep.contains(&(Kind::Location, l.id.clone())) || !gone_places.iter().any(|g| g.id == l.id)
    });
    for u in &gone_units {
        if let Some(kept) = existing_unit(stored, &u.name, &u.level, Some(&u.id)) {
            if !kept.aliases.contains(&u.id) {
                learned.push((Kind::Unit, kept.id.clone(), u.id.clone()));
                notices.push(Notice::LearnedAlias {
                    kind: Kind::Unit,
                    from: u.name.clone(),
                    to: kept.name.clone(),
                });
            }
            let moved = follow(data, stored, Kind::Unit, &u.id, &kept.id);
            if moved > 0 {
                notices.push(Notice::FollowedMerge {
                    kind: Kind::Unit,
                    from: u.name.clone(),
                    to: kept.name.clone(),
                    records: moved,
                });
            }
        }
    }
    for l in &gone_places {
        if let Some(kept) = existing_place(stored, l, Some(&l.id)) {
            if !kept.aliases.contains(&l.id) {
                learned.push((Kind::Location, kept.id.clone(), l.id.clone()));
                notices.push(Notice::LearnedAlias {
                    kind: Kind::Location,
                    from: format!("{} {}", l.label, l.name).trim().to_string(),
                    to: format!("{} {}", kept.label, kept.name).trim().to_string(),
                });
            }
            let moved = follow(data, stored, Kind::Location, &l.id, &kept.id);
            if moved > 0 {
                notices.push(Notice::FollowedMerge {
                    kind: Kind::Location,
                    from: format!("{} {}", l.label, l.name).trim().to_string(),
                    to: format!("{} {}", kept.label, kept.name).trim().to_string(),
                    records: moved,
                });
            }
        }
    }
    (notices, learned)
}

/// Refuse the file's deletions of units and places that records would still point at after the
/// merge. Returns the problems, one per refused deletion, and removes those deletions.
pub fn refuse_dangling_deletions(data: &mut Dataset, stored: &Dataset) -> Vec<Problem> {
    let directory = |k: &str| k == Kind::Unit.code() || k == Kind::Location.code();
    let doomed: HashSet<(Kind, &str)> = data
        .tombstones
        .iter()
        .filter(|t| directory(&t.kind))
        .filter_map(|t| Some((Kind::from_code(&t.kind)?, t.id.as_str())))
        .collect();
    if doomed.is_empty() {
        return Vec::new();
    }
    // After the merge a stored record still stands unless the file holds it (a copy or a
    // deletion); the file's own records stand too. Counted without building the merged data.
    let in_file = super::batch::keys(data);
    let mut refs: HashMap<(Kind, String), usize> = HashMap::new();
    let mut note = |kind: Kind, id: &str| {
        if doomed.contains(&(kind, id)) {
            *refs.entry((kind, id.to_string())).or_default() += 1;
        }
    };
    each_reference(
        stored,
        &|k, id| in_file.contains(&(k, id.to_string())),
        &mut note,
    );
    each_reference(data, &|_, _| false, &mut note);
    data.tombstones.retain(|t| {
        Kind::from_code(&t.kind).is_none_or(|k| !refs.contains_key(&(k, t.id.clone())))
    });
    let mut problems: Vec<Problem> = refs
        .into_iter()
        .map(|((kind, id), count)| {
            Problem::new(kind, Some(&id), "", Reason::StillReferenced { count })
        })
        .collect();
    crate::domain::order::sort_by(&mut problems, |a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    problems
}

#[cfg(test)]
#[path = "references_tests.rs"]
mod tests;
