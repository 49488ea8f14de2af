//! Going back to an earlier state as new edits, so the undo travels like any other change:
//! records that did not exist are deleted (tombstone one revision up), changed records get their
//! earlier content one revision above the current one, and deleted records come back one
//! revision above their tombstone.

use std::collections::HashMap;

use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    next_rev, Activity, Assignment, Location, Model, Plan, Record, Report, Unit,
};
use crate::domain::Kind;

/// Move the records that are still as `from` left them to their copy in `to`, as new edits;
/// a record changed since (here or in another tab) stays as it is. This is undo (`from` the
/// state an import produced, `to` the state before it) and redo (the other way round): it never
/// touches what the import did not change, nor an edit made after it. Refused, changing nothing,
/// when a record would have to go above the highest revision (`validate::MAX_REV`): it could
/// not win over the copy it replaces. Returns how many records moved and how many were kept.
pub fn swing(
    current: &mut Dataset,
    from: &Dataset,
    to: &Dataset,
    now: &str,
) -> Result<(usize, usize), (Kind, String)> {
    let mut out = current.clone();
    let mut n = (0, 0);
    for (moved, kept) in [
        swing_kind::<Location>(&mut out, from, to, now)?,
        swing_kind::<Unit>(&mut out, from, to, now)?,
        swing_kind::<Assignment>(&mut out, from, to, now)?,
        swing_kind::<Plan>(&mut out, from, to, now)?,
        swing_kind::<Activity>(&mut out, from, to, now)?,
        swing_kind::<Model>(&mut out, from, to, now)?,
        swing_kind::<Report>(&mut out, from, to, now)?,
    ] {
        n = (n.0 + moved, n.1 + kept);
    }
    let back = keep_named(&mut out, current);
    *current = out;
    Ok((n.0.saturating_sub(back), n.1 + back))
}

/// Units and places the swing took away that a record it kept still names stay as they were
/// (a record edited after the import keeps the place the import brought, and must not point at
/// nothing). Returns how many stayed.
fn keep_named(out: &mut Dataset, before: &Dataset) -> usize {
    use std::collections::HashSet;
    let kept_places: HashSet<&str> = out.locations.iter().map(|l| l.id.as_str()).collect();
    let kept_units: HashSet<&str> = out.units.iter().map(|u| u.id.as_str()).collect();
    let mut places: Vec<Location> = (before.locations.iter())
        .filter(|l| !kept_places.contains(l.id.as_str()))
        .cloned()
        .collect();
    let mut units: Vec<Unit> = (before.units.iter())
        .filter(|u| !kept_units.contains(u.id.as_str()))
        .cloned()
        .collect();
    if places.is_empty() && units.is_empty() {
        return 0;
    }
    let mut named: HashSet<(Kind, String)> = HashSet::new();
    crate::domain::duplicates::each_reference(out, &|_, _| false, |k, id| {
        named.insert((k, id.to_string()));
    });
    for u in &out.units {
        if let Some(l) = &u.location_id {
            named.insert((Kind::Location, l.clone()));
        }
    }
    let mut back = 0;
    // A place kept names its parent, which then stays too.
    loop {
        let before_round = back;
        let (stay, rest): (Vec<Location>, Vec<Location>) = places
            .into_iter()
            .partition(|l| named.contains(&(Kind::Location, l.id.clone())));
        places = rest;
        for l in stay {
            if let Some(p) = &l.parent_id {
                named.insert((Kind::Location, p.clone()));
            }
            out.tombstones
                .retain(|t| !(t.id == l.id && t.kind == Kind::Location.code()));
            out.put(l);
            back += 1;
        }
        let (stay, rest): (Vec<Unit>, Vec<Unit>) = units
            .into_iter()
            .partition(|u| named.contains(&(Kind::Unit, u.id.clone())));
        units = rest;
        for u in stay {
            if let Some(l) = &u.location_id {
                named.insert((Kind::Location, l.clone()));
            }
            out.tombstones
                .retain(|t| !(t.id == u.id && t.kind == Kind::Unit.code()));
            out.put(u);
            back += 1;
        }
        if back == before_round {
            return back;
        }
    }
}

/// Equal but for revision and time: an undo writes the earlier content at a new revision, and a
/// redo must still see it as untouched.
fn same_content<T: Record>(a: Option<&T>, b: Option<&T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let mut a = a.clone();
            a.stamp(b.rev(), b.updated_at());
            a == *b
        }
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn swing_kind<T: Record>(
    current: &mut Dataset,
    from: &Dataset,
    to: &Dataset,
    now: &str,
) -> Result<(usize, usize), (Kind, String)>
where
    Dataset: Collection<T>,
{
    let f: HashMap<&str, &T> = from.list().iter().map(|r| (r.id(), r)).collect();
    let t: HashMap<&str, &T> = to.list().iter().map(|r| (r.id(), r)).collect();
    let ids: std::collections::BTreeSet<&str> = f.keys().chain(t.keys()).copied().collect();
    let (mut moved, mut kept) = (0, 0);
    for id in ids {
        let (fv, tv) = (f.get(id).copied(), t.get(id).copied());
        if fv == tv {
            continue;
        }
        if !same_content(current.get::<T>(id), fv) {
            kept += 1;
            continue;
        }
        // The same revision on both sides: only read anew through an alias the import brought
        // (`domain::aliases`), never a change of the record: read back as it was, no revision.
        if let (Some(a), Some(b)) = (fv, tv) {
            if a.rev() == b.rev() && a.updated_at() == b.updated_at() {
                if current.get::<T>(id) == Some(a) {
                    current.put(b.clone());
                    moved += 1;
                } else {
                    kept += 1;
                }
                continue;
            }
        }
        let above = current
            .get::<T>(id)
            .map(|r| r.rev())
            .or_else(|| current.tombstone(T::KIND, id).map(|t| t.rev))
            .unwrap_or(0);
        if above >= crate::domain::validate::MAX_REV {
            return Err((T::KIND, id.to_string()));
        }
        restore_one(current, id, tv.cloned(), now);
        moved += 1;
    }
    Ok((moved, kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::merge::{apply, converge, Choices};
    use crate::domain::record::Tombstone;
    use crate::domain::testkit::{activity, small};

    const NOW: &str = "2026-12-01T00:00:00Z";

    #[test]
    fn undoes_an_import_as_new_edits() {
        let before = small();
        let mut incoming = Dataset::default();
        incoming.activities.push(activity(
            "a-new",
            "u-kbnn",
            "c-paco",
            "2024-04-04",
            "health",
            9,
        ));
        let mut changed = before.activities[0].clone();
        changed.rev = 4;
        changed.cash_vnd = 1;
        incoming.activities.push(changed);
        incoming.tombstones.push(Tombstone {
            kind: "activity".into(),
            id: "a-2".into(),
            rev: 2,
            updated_at: NOW.into(),
        });
        let mut now = before.clone();
        apply(&mut now, &incoming, &Choices::default());
        let imported = now.clone();

        let n = swing(&mut now, &imported, &before, NOW).expect("below the ceiling");
        assert_eq!(n, (3, 0));
        assert!(now.get::<Activity>("a-new").is_none());
        assert_eq!(
            now.tombstone(Kind::Activity, "a-new").map(|t| t.rev),
            Some(2)
        );
        let a1 = now.get::<Activity>("a-1").expect("a-1");
        assert_eq!((a1.cash_vnd, a1.rev), (10_000_000, 5));
        let a2 = now.get::<Activity>("a-2").expect("a-2 is back");
        assert_eq!(a2.rev, 3);
        assert!(now.tombstone(Kind::Activity, "a-2").is_none());

        // another copy that still has the imported state takes the undo, not the other way round
        let mut other = imported.clone();
        converge(&mut other, &now);
        assert!(other.get::<Activity>("a-new").is_none());
        assert_eq!(
            other.get::<Activity>("a-1").map(|a| a.cash_vnd),
            Some(10_000_000)
        );
        assert!(other.get::<Activity>("a-2").is_some());
    }

    #[test]
    fn nothing_to_undo_changes_nothing() {
        let mut ds = small();
        assert_eq!(swing(&mut ds, &small(), &small(), NOW), Ok((0, 0)));
        assert_eq!(ds, small());
    }
}

/// Undo one local change of one record: `before` is what it was (None if the change created
/// it). The record goes back one revision above whatever is there now (record or tombstone).
pub fn restore_one<T: Record>(ds: &mut Dataset, id: &str, before: Option<T>, now: &str)
where
    Dataset: Collection<T>,
{
    match before {
        None => {
            ds.delete::<T>(id, now);
        }
        Some(mut old) => {
            let above = ds
                .get::<T>(id)
                .map(|r| r.rev())
                .or_else(|| ds.tombstone(T::KIND, id).map(|t| t.rev))
                .unwrap_or(old.rev());
            old.stamp(next_rev(above), now);
            ds.tombstones
                .retain(|t| !(t.kind == T::KIND.code() && t.id == id));
            ds.put(old);
        }
    }
}

#[cfg(test)]
mod one_tests {
    use super::*;
    use crate::domain::testkit::{activity, small};
    use crate::domain::Kind;

    const NOW: &str = "2026-12-02T00:00:00Z";

    #[test]
    fn undo_a_creation_an_edit_and_a_deletion() {
        let mut ds = small();
        ds.put(activity(
            "a-9",
            "u-kbnn",
            "c-paco",
            "2024-01-01",
            "gifts",
            1,
        ));
        restore_one::<Activity>(&mut ds, "a-9", None, NOW);
        assert!(ds.get::<Activity>("a-9").is_none());
        assert!(ds.tombstone(Kind::Activity, "a-9").is_some());

        let before = ds.get::<Activity>("a-1").cloned();
        let mut edited = before.clone().expect("a-1");
        edited.cash_vnd = 1;
        edited.touch(NOW);
        ds.put(edited);
        restore_one(&mut ds, "a-1", before, NOW);
        let a1 = ds.get::<Activity>("a-1").expect("a-1");
        assert_eq!((a1.cash_vnd, a1.rev), (10_000_000, 3));

        let before = ds.get::<Activity>("a-2").cloned();
        ds.delete::<Activity>("a-2", NOW);
        restore_one(&mut ds, "a-2", before, NOW);
        assert_eq!(ds.get::<Activity>("a-2").map(|a| a.rev), Some(3));
        assert!(ds.tombstone(Kind::Activity, "a-2").is_none());
    }
}
