//! The merge rule of the bundle contract, the same for import and for two tabs:
//! per (kind, id) the higher `rev` wins; equal `rev` and equal content is a no-op; equal `rev`
//! and different content is a conflict (the later `updated_at` is proposed, the user decides).
//! A tombstone beats a record of lower or equal `rev`.

use std::collections::HashMap;

use serde_json::Value;

use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    next_rev, Activity, Assignment, Location, Model, Plan, Record, Report, Tombstone, Unit,
};
use crate::domain::Kind;

/// What merging one incoming record (or tombstone) would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// Replaces the local copy.
    Updated,
    /// An incoming tombstone removes the local copy.
    Deleted,
    /// Nothing to do: identical.
    Unchanged,
    /// Nothing to do: the copy here is a later revision (edited since, or an undo went above
    /// it). Said apart from `Unchanged`: the file's copy is not the same as the one here.
    Older,
    Conflict,
}

impl Outcome {
    /// Whether taking it changes the data here.
    pub fn changes(self) -> bool {
        !matches!(self, Outcome::Unchanged | Outcome::Older)
    }
}

/// A conflict: same kind, id and rev, different content.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub kind: Kind,
    pub id: String,
    /// JSON of both sides, for the side-by-side view.
    pub local: serde_json::Value,
    pub incoming: serde_json::Value,
    /// True when the incoming copy is the later one (`updated_at`) and so is proposed.
    pub incoming_proposed: bool,
}

impl Conflict {
    /// Top-level fields whose values differ, in a stable order.
    pub fn differing_fields(&self) -> Vec<String> {
        let empty = serde_json::Map::new();
        let a = self.local.as_object().unwrap_or(&empty);
        let b = self.incoming.as_object().unwrap_or(&empty);
        let mut keys: Vec<&String> = a
            .keys()
            .chain(b.keys().filter(|k| !a.contains_key(*k)))
            .collect();
        crate::domain::order::sort(&mut keys);
        keys.into_iter()
            .filter(|k| a.get(*k) != b.get(*k))
            .cloned()
            .collect()
    }
}

/// Counts per kind, and the conflicts to decide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    pub counts: HashMap<Kind, Counts>,
    pub conflicts: Vec<Conflict>,
    /// The records and deletions the file holds older than the copy here, each with the
    /// revision here it was shown against (`None`: deleted here): what "Áp dụng lại" may take.
    pub older: HashMap<(Kind, String), Option<i64>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    pub older: usize,
    pub conflicts: usize,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Deleted => self.deleted += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Older => self.older += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }

    pub fn plus(self, c: Counts) -> Counts {
        Counts {
            new: self.new + c.new,
            updated: self.updated + c.updated,
            deleted: self.deleted + c.deleted,
            unchanged: self.unchanged + c.unchanged,
            older: self.older + c.older,
            conflicts: self.conflicts + c.conflicts,
        }
    }

    /// New, updated, deleted or in conflict.
    pub fn changes(&self) -> usize {
        self.new + self.updated + self.deleted + self.conflicts
    }
}

impl Preview {
    pub fn total(&self) -> Counts {
        self.counts
            .values()
            .fold(Counts::default(), |a, c| a.plus(*c))
    }

    /// True when applying would change nothing (and there is nothing to decide).
    pub fn is_noop(&self) -> bool {
        self.total().changes() == 0
    }
}

/// How to settle conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// (kind, id) of conflicts where the incoming copy is taken; the others keep the local one.
    pub take_incoming: std::collections::HashSet<(Kind, String)>,
    /// (kind, id) of incoming records and tombstones not taken at all (changes outside the
    /// sending unit's scope that the person did not accept).
    pub refused: std::collections::HashSet<(Kind, String)>,
    /// Take incoming copies older than the ones here too, on purpose (importing a file again
    /// after undoing it): each becomes a new revision above the copy here.
    pub take_older: bool,
    /// The older copies the preview showed, with the revision here each was shown against
    /// (`Preview::older`): only those are taken, and only while the copy here is still that one
    /// (another tab's edit since then is never undone by a tick given before it).
    pub older: HashMap<(Kind, String), Option<i64>>,
}

impl Choices {
    /// Take, for every conflict, the side the rule proposes (the later `updated_at`).
    pub fn proposed(preview: &Preview) -> Choices {
        Choices {
            take_incoming: preview
                .conflicts
                .iter()
                .filter(|c| c.incoming_proposed)
                .map(|c| (c.kind, c.id.clone()))
                .collect(),
            ..Choices::default()
        }
    }

    /// These choices, taking again the older copies `preview` showed ("Áp dụng lại").
    pub fn taking_older(mut self, preview: &Preview) -> Choices {
        self.take_older = true;
        self.older = preview.older.clone();
        self
    }

    /// Whether the older copy of `key` is taken over the copy here at revision `here`.
    pub fn takes_older(&self, key: &(Kind, String), here: Option<i64>) -> bool {
        self.take_older && self.older.get(key) == Some(&here)
    }

    pub fn all_incoming(preview: &Preview) -> Choices {
        Choices {
            take_incoming: preview
                .conflicts
                .iter()
                .map(|c| (c.kind, c.id.clone()))
                .collect(),
            ..Choices::default()
        }
    }
}

fn outcome<T: Record>(local: Option<&T>, tomb: Option<&Tombstone>, incoming: &T) -> Outcome {
    if let Some(t) = tomb {
        if incoming.rev() <= t.rev && local.is_none() {
            // Deleted here at a later revision: the file's copy is older than the deletion.
            return Outcome::Older;
        }
    }
    match local {
        None => Outcome::New,
        Some(l) if incoming.rev() > l.rev() => Outcome::Updated,
        Some(l) if incoming.rev() < l.rev() => Outcome::Older,
        Some(l) if l == incoming => Outcome::Unchanged,
        Some(_) => Outcome::Conflict,
    }
}

fn tomb_outcome<T: Record>(
    local: Option<&T>,
    local_tomb: Option<&Tombstone>,
    t: &Tombstone,
) -> Outcome {
    match local {
        Some(l) if l.rev() <= t.rev => Outcome::Deleted,
        Some(_) => Outcome::Older,
        None if local_tomb.is_some_and(|lt| lt.rev >= t.rev) => Outcome::Unchanged,
        None => Outcome::New,
    }
}

fn tombstones_of(ds: &Dataset, kind: Kind) -> HashMap<&str, &Tombstone> {
    ds.tombstones
        .iter()
        .filter(|t| t.kind == kind.code())
        .map(|t| (t.id.as_str(), t))
        .collect()
}

/// One incoming record or tombstone, as the merge rule sees it.
pub struct Seen<'a, T> {
    pub id: &'a str,
    /// The copy here, if any.
    pub local: Option<&'a T>,
    /// The incoming record (None: a tombstone).
    pub incoming: Option<&'a T>,
    pub outcome: Outcome,
}

/// Call `f` for every incoming record and tombstone of kind `T`, with what merging it would do.
pub fn each<'a, T: Record + 'a>(
    local: &'a Dataset,
    incoming: &'a Dataset,
    mut f: impl FnMut(Seen<'a, T>),
) where
    Dataset: Collection<T>,
{
    let index: HashMap<&str, &T> = local.list().iter().map(|r| (r.id(), r)).collect();
    let tombs = tombstones_of(local, T::KIND);
    for r in incoming.list() {
        let l = index.get(r.id()).copied();
        f(Seen {
            id: r.id(),
            local: l,
            incoming: Some(r),
            outcome: outcome(l, tombs.get(r.id()).copied(), r),
        });
    }
    for t in incoming
        .tombstones
        .iter()
        .filter(|t| t.kind == T::KIND.code())
    {
        let l = index.get(t.id.as_str()).copied();
        f(Seen {
            id: &t.id,
            local: l,
            incoming: None,
            outcome: tomb_outcome(l, tombs.get(t.id.as_str()).copied(), t),
        });
    }
}

fn preview_kind<T: Record>(local: &Dataset, incoming: &Dataset, out: &mut Preview)
where
    Dataset: Collection<T>,
{
    let mut counts = Counts::default();
    each::<T>(local, incoming, |seen| {
        counts.add(seen.outcome);
        if seen.outcome == Outcome::Older {
            let key = (T::KIND, seen.id.to_string());
            out.older.insert(key, seen.local.map(Record::rev));
        }
        if let (Outcome::Conflict, Some(l), Some(r)) = (seen.outcome, seen.local, seen.incoming) {
            out.conflicts.push(Conflict {
                kind: T::KIND,
                id: r.id().to_string(),
                local: crate::domain::record::json_value(l),
                incoming: crate::domain::record::json_value(r),
                incoming_proposed: r.updated_at() > l.updated_at(),
            });
        }
    });
    *out.counts.entry(T::KIND).or_default() = counts;
}

/// What merging `incoming` into `local` would do, without changing anything.
pub fn preview(local: &Dataset, incoming: &Dataset) -> Preview {
    let mut p = Preview::default();
    preview_kind::<Location>(local, incoming, &mut p);
    preview_kind::<Unit>(local, incoming, &mut p);
    preview_kind::<Assignment>(local, incoming, &mut p);
    preview_kind::<Plan>(local, incoming, &mut p);
    preview_kind::<Activity>(local, incoming, &mut p);
    preview_kind::<Model>(local, incoming, &mut p);
    preview_kind::<Report>(local, incoming, &mut p);
    p
}

fn apply_kind<T: Record>(
    local: &mut Dataset,
    incoming: &Dataset,
    choices: &Choices,
    decided_at: Option<&str>,
) where
    Dataset: Collection<T>,
{
    let mut index: HashMap<String, usize> = local
        .list()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id().to_string(), i))
        .collect();
    let tombs: HashMap<String, i64> = tombstones_of(local, T::KIND)
        .into_iter()
        .map(|(id, t)| (id.to_string(), t.rev))
        .collect();
    let mut removed = Vec::new();
    let refused = |id: &str| {
        !choices.refused.is_empty() && choices.refused.contains(&(T::KIND, id.to_string()))
    };
    for r in incoming.list() {
        if refused(r.id()) {
            continue;
        }
        let pos = index.get(r.id()).copied();
        let l = pos.map(|i| &local.list()[i]);
        let tomb = tombs.get(r.id()).map(|rev| Tombstone {
            kind: T::KIND.code().into(),
            id: r.id().into(),
            rev: *rev,
            updated_at: String::new(),
        });
        let outcome = outcome(l, tomb.as_ref(), r);
        let take = match outcome {
            Outcome::New | Outcome::Updated => true,
            Outcome::Older => {
                let key = (T::KIND, r.id().to_string());
                decided_at.is_some() && choices.takes_older(&key, l.map(Record::rev))
            }
            Outcome::Deleted | Outcome::Unchanged => false,
            Outcome::Conflict => choices
                .take_incoming
                .contains(&(T::KIND, r.id().to_string())),
        };
        if !take {
            continue;
        }
        let mut taken = r.clone();
        let here = l.map(Record::rev).or(tomb.as_ref().map(|t| t.rev));
        if let (Outcome::Conflict | Outcome::Older, Some(now), Some(here)) =
            (outcome, decided_at, here)
        {
            // The person chose this copy: a new revision above the one here (or its deletion),
            // so the choice is saved and wins wherever the data travels next.
            taken.stamp(next_rev(here.max(r.rev())), now);
        }
        match pos {
            Some(i) => local.list_mut()[i] = taken,
            None => {
                index.insert(r.id().to_string(), local.list().len());
                local.list_mut().push(taken);
            }
        }
        // A record that beats a tombstone revives it: the tombstone goes.
        if tomb.is_some() {
            local
                .tombstones
                .retain(|t| !(t.kind == T::KIND.code() && t.id == r.id()));
        }
    }
    for t in incoming
        .tombstones
        .iter()
        .filter(|t| t.kind == T::KIND.code())
    {
        if refused(&t.id) {
            continue;
        }
        let pos = index.get(&t.id).copied();
        let l = pos.map(|i| &local.list()[i]);
        let local_tomb = local.tombstone(T::KIND, &t.id).cloned();
        match tomb_outcome(l, local_tomb.as_ref(), t) {
            Outcome::Deleted => {
                if let Some(i) = pos {
                    removed.push(i);
                }
                local.set_tombstone(t.clone());
            }
            Outcome::Older if choices.takes_older(&(T::KIND, t.id.clone()), l.map(Record::rev)) => {
                if let (Some(i), Some(now)) = (pos, decided_at) {
                    let rev = next_rev(local.list()[i].rev());
                    removed.push(i);
                    local.set_tombstone(Tombstone {
                        rev,
                        updated_at: now.to_string(),
                        ..t.clone()
                    });
                }
            }
            Outcome::New => local.set_tombstone(t.clone()),
            _ => {}
        }
    }
    crate::domain::order::sort(&mut removed);
    for i in removed.into_iter().rev() {
        local.list_mut().remove(i);
    }
}

/// Merge `incoming` into `local`, settling conflicts by `choices`. Applying the same bundle
/// twice changes nothing the second time.
pub fn apply(local: &mut Dataset, incoming: &Dataset, choices: &Choices) {
    apply_at(local, incoming, choices, None);
}

/// `apply` for an import the person confirmed at `now`: a conflict settled for the incoming
/// copy becomes a new revision of it (see `apply_kind`).
pub fn apply_decided(local: &mut Dataset, incoming: &Dataset, choices: &Choices, now: &str) {
    apply_at(local, incoming, choices, Some(now));
}

fn apply_at(local: &mut Dataset, incoming: &Dataset, choices: &Choices, now: Option<&str>) {
    apply_kind::<Location>(local, incoming, choices, now);
    apply_kind::<Unit>(local, incoming, choices, now);
    apply_kind::<Assignment>(local, incoming, choices, now);
    apply_kind::<Plan>(local, incoming, choices, now);
    apply_kind::<Activity>(local, incoming, choices, now);
    apply_kind::<Model>(local, incoming, choices, now);
    apply_kind::<Report>(local, incoming, choices, now);
}

/// Merge of two copies of the same workspace (this tab and what another tab stored): conflicts
/// go to the later `updated_at`, so both tabs reach the same state. Returns the conflicts, so
/// the page can say which edits were superseded.
pub fn converge(local: &mut Dataset, other: &Dataset) -> Vec<Conflict> {
    let mut p = preview(local, other);
    for c in &mut p.conflicts {
        if !c.incoming_proposed && c.local.get("updated_at") == c.incoming.get("updated_at") {
            // Edited in the same second on both sides: both tabs must keep the same copy, so
            // the content decides (the same way from either side).
            let (theirs, ours) = (c.incoming.to_string(), c.local.to_string());
            c.incoming_proposed = theirs > ours;
        }
    }
    let mut conflicts = p.conflicts.clone();
    deletions_against_edits::<Location>(local, other, &mut conflicts);
    deletions_against_edits::<Unit>(local, other, &mut conflicts);
    deletions_against_edits::<Assignment>(local, other, &mut conflicts);
    deletions_against_edits::<Plan>(local, other, &mut conflicts);
    deletions_against_edits::<Activity>(local, other, &mut conflicts);
    deletions_against_edits::<Model>(local, other, &mut conflicts);
    deletions_against_edits::<Report>(local, other, &mut conflicts);
    apply(local, other, &Choices::proposed(&p));
    conflicts
}

/// A deletion and an edit made from the same revision in two places (the record and its
/// tombstone at one `rev`): the deletion wins by the rule, and the edit it beats is said, not
/// dropped in silence.
fn deletions_against_edits<T: Record>(local: &Dataset, other: &Dataset, out: &mut Vec<Conflict>)
where
    Dataset: Collection<T>,
{
    use crate::domain::record::json_value as json;
    let mut push = |id: &str, local: Value, incoming: Value, incoming_proposed: bool| {
        out.push(Conflict {
            kind: T::KIND,
            id: id.to_string(),
            local,
            incoming,
            incoming_proposed,
        })
    };
    let tombs = tombstones_of(local, T::KIND);
    if !tombs.is_empty() {
        for r in other.list() {
            if let Some(t) = tombs.get(r.id()).filter(|t| t.rev == r.rev()) {
                push(r.id(), json(*t), json(r), false);
            }
        }
    }
    let theirs: Vec<&Tombstone> = other
        .tombstones
        .iter()
        .filter(|t| t.kind == T::KIND.code())
        .collect();
    if theirs.is_empty() {
        return;
    }
    let here: HashMap<&str, &T> = local.list().iter().map(|r| (r.id(), r)).collect();
    for t in theirs {
        if let Some(l) = here.get(t.id.as_str()).filter(|l| l.rev() == t.rev) {
            push(&t.id, json(*l), json(t), true);
        }
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
