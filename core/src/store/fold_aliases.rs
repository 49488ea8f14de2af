//! Aliases when another tab's data is folded in. A tab reads its records through the aliases it
//! knows, in memory and without a new revision; when the other tab took a merge back ("Hoàn
//! tác" of "Gộp"), its kept record comes at a later revision without the alias, and the
//! records it had read through it come back as they were, at their own revision. Here they
//! would then look like this tab's own changes at one revision and be written back over the
//! undo. So the aliases in force are those of the later copy of each unit and place, and a
//! record here that only differs from theirs by that reading is taken back as theirs.

use crate::domain::aliases::Aliases;
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Unit};

/// The aliases once `theirs` is folded into `ours`: each unit and place as its later copy
/// lists them (both copies' on a tie, as the merge keeps either).
pub fn after_folding(ours: &Dataset, theirs: &Dataset) -> Aliases {
    let mut dir = Dataset {
        units: ours.units.clone(),
        locations: ours.locations.clone(),
        ..Dataset::default()
    };
    later::<Unit>(&mut dir, &theirs.units, |u| &mut u.aliases.0);
    later::<Location>(&mut dir, &theirs.locations, |l| &mut l.aliases.0);
    Aliases::of(&[&dir])
}

fn later<T: Record + Clone>(
    dir: &mut Dataset,
    theirs: &[T],
    aliases: fn(&mut T) -> &mut Vec<String>,
) where
    Dataset: Collection<T>,
{
    for t in theirs {
        match dir.get::<T>(t.id()) {
            Some(h) if h.rev() > t.rev() => {}
            Some(h) if h.rev() == t.rev() => {
                let mut both = h.clone();
                let mut theirs = t.clone();
                let list = aliases(&mut both);
                for a in aliases(&mut theirs).iter() {
                    if !list.contains(a) {
                        list.push(a.clone());
                    }
                }
                dir.put(both);
            }
            _ => dir.put(t.clone()),
        }
    }
}

/// Records of `ours` that are `theirs`' copy read through `read` (the aliases this tab knew),
/// at the same revision, put back as `theirs` holds them: they were read here, never changed.
/// Returns how many.
pub fn unread(ours: &mut Dataset, theirs: &Dataset, read: &Aliases) -> usize {
    let mut seen = theirs.clone();
    read.apply(&mut seen);
    back::<Activity>(ours, theirs, &seen)
        + back::<Plan>(ours, theirs, &seen)
        + back::<Model>(ours, theirs, &seen)
        + back::<Report>(ours, theirs, &seen)
        + back::<Assignment>(ours, theirs, &seen)
        + back::<Unit>(ours, theirs, &seen)
        + back::<Location>(ours, theirs, &seen)
}

fn back<T: Record + Clone + PartialEq>(
    ours: &mut Dataset,
    theirs: &Dataset,
    seen: &Dataset,
) -> usize
where
    Dataset: Collection<T>,
{
    let changed: Vec<(&T, &T)> = (theirs.list().iter().zip(seen.list()))
        .filter(|(raw, read)| raw != read)
        .collect();
    if changed.is_empty() {
        return 0;
    }
    let here = by_id::<T>(ours);
    let mut taken = Vec::new();
    for (raw, read) in changed {
        if here.get(read.id()) == Some(&read) {
            taken.push(raw.clone());
        }
    }
    let n = taken.len();
    for r in taken {
        ours.put(r);
    }
    n
}

/// Leave out of `theirs` every copy that is ours at the same revision and time but for the
/// units and places it names: an edit moves both, so such a copy was only read through an alias
/// (a killed save's piece written before a merge was undone, say), and ours stands.
/// Returns how many were left out.
pub fn drop_read_copies(theirs: &mut Dataset, ours: &Dataset) -> usize {
    fn refs<T: Record + Clone + PartialEq>(
        list: &mut Vec<T>,
        ours: &Dataset,
        align: fn(&mut T, &T),
    ) -> usize
    where
        Dataset: Collection<T>,
    {
        if list.is_empty() {
            return 0;
        }
        let here = by_id::<T>(ours);
        let before = list.len();
        list.retain(|t| {
            let Some(&o) = here.get(t.id()) else {
                return true;
            };
            if o.rev() != t.rev() || o.updated_at() != t.updated_at() || o == t {
                return true;
            }
            let mut aligned = t.clone();
            align(&mut aligned, o);
            aligned != *o
        });
        before - list.len()
    }
    refs::<Activity>(&mut theirs.activities, ours, |t, o| {
        t.unit_id.clone_from(&o.unit_id);
        t.location_id.clone_from(&o.location_id);
    }) + refs::<Plan>(&mut theirs.plans, ours, |t, o| {
        t.unit_id.clone_from(&o.unit_id);
        t.location_id.clone_from(&o.location_id);
    }) + refs::<Model>(&mut theirs.models, ours, |t, o| {
        t.unit_id.clone_from(&o.unit_id);
        t.location_id.clone_from(&o.location_id);
    }) + refs::<Assignment>(&mut theirs.assignments, ours, |t, o| {
        t.unit_id.clone_from(&o.unit_id);
        t.location_id.clone_from(&o.location_id);
    }) + refs::<Report>(&mut theirs.reports, ours, |t, o| {
        t.unit_id.clone_from(&o.unit_id)
    }) + refs::<Location>(&mut theirs.locations, ours, |t, o| {
        t.parent_id.clone_from(&o.parent_id);
    }) + refs::<Unit>(&mut theirs.units, ours, |t, o| {
        t.location_id.clone_from(&o.location_id);
    })
}

/// `ds`'s records of one kind by id: one pass, so a fold of thousands of records is not a
/// scan of every record per record.
fn by_id<T: Record>(ds: &Dataset) -> std::collections::HashMap<&str, &T>
where
    Dataset: Collection<T>,
{
    ds.list().iter().map(|r| (r.id(), r)).collect()
}
