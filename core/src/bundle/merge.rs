//! The merge rule of the bundle contract, the same for import and for two tabs:
//! per (kind, id) the higher `rev` wins; equal `rev` and equal content is a no-op; equal `rev`
//! and different content is a conflict (the later `updated_at` is proposed, the user decides).
//! A tombstone beats a record of lower or equal `rev`.

use std::collections::HashMap;

use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    Activity, Assignment, Location, Model, Plan, Record, Report, Tombstone, Unit,
};
use crate::domain::Kind;

/// What merging one incoming record (or tombstone) would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// Replaces the local copy, or deletes it (incoming tombstone).
    Updated,
    /// Nothing to do: identical, or the local copy is newer.
    Unchanged,
    Conflict,
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
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
}

impl Counts {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }
}

impl Preview {
    pub fn total(&self) -> Counts {
        self.counts.values().fold(Counts::default(), |a, c| Counts {
            new: a.new + c.new,
            updated: a.updated + c.updated,
            unchanged: a.unchanged + c.unchanged,
            conflicts: a.conflicts + c.conflicts,
        })
    }

    /// True when applying would change nothing (and there is nothing to decide).
    pub fn is_noop(&self) -> bool {
        let t = self.total();
        t.new == 0 && t.updated == 0 && t.conflicts == 0
    }
}

/// How to settle conflicts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// (kind, id) of conflicts where the incoming copy is taken; the others keep the local one.
    pub take_incoming: std::collections::HashSet<(Kind, String)>,
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
        }
    }

    pub fn all_incoming(preview: &Preview) -> Choices {
        Choices {
            take_incoming: preview
                .conflicts
                .iter()
                .map(|c| (c.kind, c.id.clone()))
                .collect(),
        }
    }
}

fn outcome<T: Record>(local: Option<&T>, tomb: Option<&Tombstone>, incoming: &T) -> Outcome {
    if let Some(t) = tomb {
        if incoming.rev() <= t.rev && local.is_none() {
            return Outcome::Unchanged;
        }
    }
    match local {
        None => Outcome::New,
        Some(l) if incoming.rev() > l.rev() => Outcome::Updated,
        Some(l) if incoming.rev() < l.rev() => Outcome::Unchanged,
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
        Some(l) if l.rev() <= t.rev => Outcome::Updated,
        Some(_) => Outcome::Unchanged,
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

fn preview_kind<T: Record>(local: &Dataset, incoming: &Dataset, out: &mut Preview)
where
    Dataset: Collection<T>,
{
    let index: HashMap<&str, &T> = local.list().iter().map(|r| (r.id(), r)).collect();
    let tombs = tombstones_of(local, T::KIND);
    let counts = out.counts.entry(T::KIND).or_default();
    for r in incoming.list() {
        let l = index.get(r.id()).copied();
        let o = outcome(l, tombs.get(r.id()).copied(), r);
        counts.add(o);
        if let (Outcome::Conflict, Some(l)) = (o, l) {
            out.conflicts.push(Conflict {
                kind: T::KIND,
                id: r.id().to_string(),
                local: crate::domain::record::json_value(l),
                incoming: crate::domain::record::json_value(r),
                incoming_proposed: r.updated_at() > l.updated_at(),
            });
        }
    }
    let counts = out.counts.entry(T::KIND).or_default();
    for t in incoming
        .tombstones
        .iter()
        .filter(|t| t.kind == T::KIND.code())
    {
        counts.add(tomb_outcome(
            index.get(t.id.as_str()).copied(),
            tombs.get(t.id.as_str()).copied(),
            t,
        ));
    }
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
    for r in incoming.list() {
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
            Outcome::Unchanged => false,
            Outcome::Conflict => choices
                .take_incoming
                .contains(&(T::KIND, r.id().to_string())),
        };
        if !take {
            continue;
        }
        let mut taken = r.clone();
        if let (Outcome::Conflict, Some(now)) = (outcome, decided_at) {
            // The person chose this copy: a new revision, so the choice is saved (its content
            // differs at the same revision) and wins wherever the data travels next.
            taken.stamp(r.rev().saturating_add(1), now);
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
        let pos = index.get(&t.id).copied();
        let l = pos.map(|i| &local.list()[i]);
        let local_tomb = local.tombstone(T::KIND, &t.id).cloned();
        match tomb_outcome(l, local_tomb.as_ref(), t) {
            Outcome::Updated => {
                if let Some(i) = pos {
                    removed.push(i);
                }
                local.set_tombstone(t.clone());
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
    let p = preview(local, other);
    apply(local, other, &Choices::proposed(&p));
    p.conflicts
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
