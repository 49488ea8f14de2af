//! What this tab last knew to be stored, record by record, so a change made here can be told
//! from one that came from storage. Taken once, at the first change after opening, then kept
//! up to date by each save (the groups it wrote) and each fold of another tab's data. An edit made here and not yet saved cannot be an ancestor
//! of anything another tab stored: when another tab's copy at a *higher* revision arrives, the
//! two edits were made side by side. The rule still takes the higher revision, but the edit
//! it beats is announced (a `Conflict`), never dropped in silence — the case a revision number
//! alone cannot see (a tab whose storage events were late edits a copy another tab had already
//! changed twice).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::chunks::{fnv, record_hash, tombstone_hash};
use crate::bundle::merge::Conflict;
use crate::domain::dataset::Collection;
use crate::domain::record::{json_value, Activity, Assignment, Location, Model, Plan, Record};
use crate::domain::record::{Report, Tombstone, Unit};
use crate::domain::{Dataset, Kind};

/// Key (kind, id, record or deletion) → hash of the stored copy (id, rev, time). The keys are
/// FNV hashes already: hashing them again (std's SipHash) doubled the cost of a save at 100k.
#[derive(Default)]
pub struct Synced(HashMap<u64, u64, BuildHasherDefault<Prehashed>>);

/// A `Hasher` for keys that are hashes already: it keeps the last `u64` written.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used for u64 keys; kept correct for any other.
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn record_key(kind: &str, id: &str) -> u64 {
    fnv(&[b"r", kind.as_bytes(), id.as_bytes()])
}

fn tombstone_key(kind: &str, id: &str) -> u64 {
    fnv(&[b"t", kind.as_bytes(), id.as_bytes()])
}

impl Synced {
    /// `ds` as it is stored (taken just before the first change made here).
    pub fn of(ds: &Dataset) -> Self {
        let mut s = Synced(HashMap::with_capacity_and_hasher(
            ds.record_count() + ds.tombstones.len(),
            BuildHasherDefault::default(),
        ));
        s.absorb(ds);
        s
    }

    /// `stored` was written by another tab: its copies are now the stored ones.
    pub fn absorb(&mut self, stored: &Dataset) {
        fn kind<T: Record>(s: &mut Synced, ds: &Dataset)
        where
            Dataset: Collection<T>,
        {
            for r in ds.list() {
                s.0.insert(record_key(T::KIND.code(), r.id()), record_hash(r));
            }
        }
        kind::<Location>(self, stored);
        kind::<Unit>(self, stored);
        kind::<Assignment>(self, stored);
        kind::<Plan>(self, stored);
        kind::<Activity>(self, stored);
        kind::<Model>(self, stored);
        kind::<Report>(self, stored);
        for t in &stored.tombstones {
            self.0
                .insert(tombstone_key(&t.kind, &t.id), tombstone_hash(t));
        }
    }

    /// A save wrote `groups` from `ds`: their copies are now the stored ones (the other groups
    /// were stored as they are, their fingerprints equal).
    pub fn saved(&mut self, ds: &Dataset, groups: &[&str], activities: &[usize]) {
        use super::chunks::{DIRECTORY, MODELS, PLANS, REPORTS, TOMBSTONES};
        fn kind<T: Record>(s: &mut Synced, ds: &Dataset)
        where
            Dataset: Collection<T>,
        {
            for r in ds.list() {
                s.0.insert(record_key(T::KIND.code(), r.id()), record_hash(r));
            }
        }
        let has = |g: &str| groups.contains(&g);
        if has(DIRECTORY) {
            kind::<Location>(self, ds);
            kind::<Unit>(self, ds);
            kind::<Assignment>(self, ds);
        }
        if has(PLANS) {
            kind::<Plan>(self, ds);
        }
        if has(MODELS) {
            kind::<Model>(self, ds);
        }
        if has(REPORTS) {
            kind::<Report>(self, ds);
        }
        if has(TOMBSTONES) {
            for t in &ds.tombstones {
                self.0
                    .insert(tombstone_key(&t.kind, &t.id), tombstone_hash(t));
            }
        }
        // The activities of the groups written (`chunks::written_activities`): found once per
        // save, not by a second pass over every activity.
        for a in activities.iter().filter_map(|n| ds.activities.get(*n)) {
            self.0
                .insert(record_key(Kind::Activity.code(), &a.id), record_hash(a));
        }
    }

    fn changed_here<T: Record>(&self, r: &T) -> bool {
        self.0.get(&record_key(T::KIND.code(), r.id())) != Some(&record_hash(r))
    }

    fn deleted_here(&self, t: &Tombstone) -> bool {
        self.0.get(&tombstone_key(&t.kind, &t.id)) != Some(&tombstone_hash(t))
    }
}

/// What the rule decides between this tab's copies and another tab's stored ones (`incoming`)
/// without either side having seen the other's, so the page says it:
/// - a change made here (`synced`: None when nothing changed here) that a higher revision
///   there beats — the rule takes theirs;
/// - an older revision there of a copy not changed here: the other tab could not read ours
///   when it wrote (a chunk damaged or lost), so its copy may be an edit built on a stale one
///   — the rule keeps ours.
pub fn unseen(synced: Option<&Synced>, local: &Dataset, incoming: &Dataset) -> Vec<Conflict> {
    said_of(synced, local, incoming, true)
}

/// Only the changes made here (`local`) that a higher revision in `incoming` beats: for pieces
/// read back from storage with no index to date them, where older copies are expected (an undo
/// point's) and say nothing.
pub fn beaten_here(synced: Option<&Synced>, local: &Dataset, incoming: &Dataset) -> Vec<Conflict> {
    said_of(synced, local, incoming, false)
}

fn said_of(
    synced: Option<&Synced>,
    local: &Dataset,
    incoming: &Dataset,
    older_too: bool,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    unseen_of::<Location>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Unit>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Assignment>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Plan>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Activity>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Model>(synced, local, incoming, older_too, &mut out);
    unseen_of::<Report>(synced, local, incoming, older_too, &mut out);
    out
}

fn unseen_of<T: Record>(
    synced: Option<&Synced>,
    local: &Dataset,
    incoming: &Dataset,
    older_too: bool,
    out: &mut Vec<Conflict>,
) where
    Dataset: Collection<T>,
{
    let code = T::KIND.code();
    let theirs_deleted: Vec<&Tombstone> = incoming
        .tombstones
        .iter()
        .filter(|t| t.kind == code)
        .collect();
    if Collection::<T>::list(incoming).is_empty() && theirs_deleted.is_empty() {
        return;
    }
    let changed = |r: &T| synced.is_some_and(|s| s.changed_here(r));
    let deleted = |t: &Tombstone| synced.is_some_and(|s| s.deleted_here(t));
    let here: HashMap<&str, &T> = local.list().iter().map(|r| (r.id(), r)).collect();
    let here_deleted: HashMap<&str, &Tombstone> = local
        .tombstones
        .iter()
        .filter(|t| t.kind == code)
        .map(|t| (t.id.as_str(), t))
        .collect();
    let mut push = |id: &str, local: serde_json::Value, incoming: serde_json::Value, theirs| {
        out.push(Conflict {
            kind: T::KIND,
            id: id.to_string(),
            local,
            incoming,
            incoming_proposed: theirs,
        })
    };
    // (their revision, ours, ours changed here) → who the rule keeps, if the page must say so
    let said = |theirs: i64, ours: i64, here: bool| match () {
        _ if theirs > ours && here => Some(true),
        _ if older_too && theirs < ours && !here => Some(false),
        _ => None,
    };
    for r in Collection::<T>::list(incoming) {
        if let Some(l) = here.get(r.id()) {
            if let Some(theirs) = said(r.rev(), l.rev(), changed(l)) {
                push(r.id(), json_value(*l), json_value(r), theirs);
            }
        } else if let Some(t) = here_deleted.get(r.id()) {
            if let Some(theirs) = said(r.rev(), t.rev, deleted(t)) {
                push(r.id(), json_value(*t), json_value(r), theirs);
            }
        }
    }
    for t in theirs_deleted {
        if let Some(l) = here.get(t.id.as_str()) {
            if let Some(theirs) = said(t.rev, l.rev(), changed(l)) {
                push(&t.id, json_value(*l), json_value(t), theirs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Activity;

    fn activity(id: &str, rev: i64, at: &str) -> Activity {
        let mut a = Activity::with_id(id.to_string());
        a.unit_id = "u-1".into();
        a.stamp(rev, at);
        a
    }

    fn with(records: &[Activity]) -> Dataset {
        let mut ds = Dataset::default();
        for r in records {
            ds.put(r.clone());
        }
        ds
    }

    #[test]
    fn an_edit_here_beaten_by_a_later_revision_there_is_a_conflict() {
        let stored = with(&[activity("a", 1, "t1"), activity("b", 1, "t1")]);
        let synced = Synced::of(&stored);
        // here: a edited (rev 2); b untouched
        let here = with(&[activity("a", 2, "t2"), activity("b", 1, "t1")]);
        // there: both edited twice
        let there = with(&[activity("a", 3, "t3"), activity("b", 3, "t3")]);
        let found = unseen(Some(&synced), &here, &there);
        let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a"]);
        assert!(found[0].incoming_proposed);
    }

    #[test]
    fn a_deletion_there_beating_an_edit_here_and_the_reverse_are_conflicts() {
        let stored = with(&[activity("a", 1, "t1"), activity("b", 1, "t1")]);
        let synced = Synced::of(&stored);
        let mut here = with(&[activity("a", 2, "t2"), activity("b", 1, "t1")]);
        here.delete::<Activity>("b", "t2"); // b deleted here at rev 2
        let mut there = with(&[activity("a", 1, "t1"), activity("b", 4, "t4")]);
        there.delete::<Activity>("a", "t3"); // a deleted there at rev 2... then again higher
        there.tombstones[0].rev = 3;
        let mut ids: Vec<String> = unseen(Some(&synced), &here, &there)
            .into_iter()
            .map(|c| c.id)
            .collect();
        crate::domain::order::sort(&mut ids);
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn an_older_copy_there_is_said_unless_it_is_the_base_of_a_change_here() {
        let stored = with(&[activity("a", 2, "t2"), activity("b", 1, "t1")]);
        let synced = Synced::of(&stored);
        // here: b edited (rev 2); a as stored
        let here = with(&[activity("a", 2, "t2"), activity("b", 2, "t3")]);
        // there: a at an older revision (it could not read ours), b as it was stored
        let there = with(&[activity("a", 1, "t9"), activity("b", 1, "t1")]);
        let found = unseen(Some(&synced), &here, &there);
        let said: Vec<(&str, bool)> = found
            .iter()
            .map(|c| (c.id.as_str(), c.incoming_proposed))
            .collect();
        assert_eq!(said, [("a", false)]);
        // nothing changed here: every older copy there is said
        assert_eq!(unseen(None, &stored, &there).len(), 1);
    }

    #[test]
    fn what_came_from_storage_is_not_a_change_here() {
        let stored = with(&[activity("a", 1, "t1")]);
        let mut synced = Synced::of(&stored);
        let from_other_tab = with(&[activity("a", 2, "t2")]);
        synced.absorb(&from_other_tab);
        let there = with(&[activity("a", 3, "t3")]);
        assert!(unseen(Some(&synced), &from_other_tab, &there).is_empty());
        // the same revision is left to the merge rule (equal revisions are its conflicts)
        let here = with(&[activity("a", 3, "t9")]);
        assert!(unseen(Some(&synced), &here, &there).is_empty());
    }
}
