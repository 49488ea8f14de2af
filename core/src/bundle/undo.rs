//! Going back to an earlier state as new edits, so the undo travels like any other change:
//! records that did not exist are deleted (tombstone one revision up), changed records get their
//! earlier content one revision above the current one, and deleted records come back one
//! revision above their tombstone.

use std::collections::HashMap;

use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    Activity, Assignment, Location, Model, Plan, Record, Report, Tombstone, Unit,
};

/// Bring `current` back to the content of `earlier`; returns how many records changed.
pub fn revert_to(current: &mut Dataset, earlier: &Dataset, now: &str) -> usize {
    revert_kind::<Location>(current, earlier, now)
        + revert_kind::<Unit>(current, earlier, now)
        + revert_kind::<Assignment>(current, earlier, now)
        + revert_kind::<Plan>(current, earlier, now)
        + revert_kind::<Activity>(current, earlier, now)
        + revert_kind::<Model>(current, earlier, now)
        + revert_kind::<Report>(current, earlier, now)
}

fn revert_kind<T: Record>(current: &mut Dataset, earlier: &Dataset, now: &str) -> usize
where
    Dataset: Collection<T>,
{
    let before: HashMap<&str, &T> = earlier.list().iter().map(|r| (r.id(), r)).collect();
    let mut changed = 0;
    // Records that are new or different now.
    let mut delete = Vec::new();
    let mut restore = Vec::new();
    for r in current.list() {
        match before.get(r.id()) {
            None => delete.push(r.id().to_string()),
            Some(old) if *old != r => {
                let mut back = (*old).clone();
                back.stamp(r.rev().saturating_add(1), now);
                restore.push(back);
            }
            Some(_) => {}
        }
    }
    for id in delete {
        current.delete::<T>(&id, now);
        changed += 1;
    }
    for r in restore {
        current.put(r);
        changed += 1;
    }
    // Records that existed before and were deleted since.
    let present: std::collections::HashSet<String> =
        current.list().iter().map(|r| r.id().to_string()).collect();
    for (id, old) in before {
        if present.contains(id) {
            continue;
        }
        let above = current.tombstone(T::KIND, id).map_or(old.rev(), |t| t.rev);
        let mut back = old.clone();
        back.stamp(above.saturating_add(1), now);
        current
            .tombstones
            .retain(|t: &Tombstone| !(t.kind == T::KIND.code() && t.id == id));
        current.put(back);
        changed += 1;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::merge::{apply, converge, Choices};
    use crate::domain::testkit::{activity, small};
    use crate::domain::Kind;

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

        let n = revert_to(&mut now, &before, NOW);
        assert_eq!(n, 3);
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
        assert_eq!(revert_to(&mut ds, &small(), NOW), 0);
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
            old.stamp(above.saturating_add(1), now);
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
