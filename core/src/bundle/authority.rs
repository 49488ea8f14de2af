//! Whose records a bundle changes. A unit's file speaks for that unit: its plans, activities,
//! models and reports, and it may add places, units and assignments not known here yet (the
//! map its records stand on). What it would change elsewhere — another unit's records (added,
//! changed or deleted), or existing directory records (changed or deleted) — is "outside the
//! sender's scope": listed apart and applied only if the person accepts it. A file with no source unit
//! (a province-level export) is trusted as a whole. Either way the preview shows, per unit, what
//! the file adds, changes and deletes.

use std::collections::{BTreeMap, HashSet};

use super::merge::{each, Counts, Outcome, Seen};
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Unit};
use crate::domain::Kind;

/// Who a record belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// Places, units and assignments: the province's directory.
    Directory,
    Unit(String),
    /// A deletion of a record that is not here: whose it was cannot be told.
    Unknown,
}

/// Records with an owning unit.
pub trait Owned: Record {
    fn owner(&self) -> Owner;
}

macro_rules! directory {
    ($($t:ty),*) => {$(
        impl Owned for $t {
            fn owner(&self) -> Owner {
                Owner::Directory
            }
        }
    )*};
}
macro_rules! unit_owned {
    ($($t:ty),*) => {$(
        impl Owned for $t {
            fn owner(&self) -> Owner {
                Owner::Unit(self.unit_id.clone())
            }
        }
    )*};
}
directory!(Location, Unit, Assignment);
unit_owned!(Plan, Activity, Model, Report);

/// A change outside the sender's scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Foreign {
    pub kind: Kind,
    pub id: String,
    pub owner: Owner,
    pub outcome: Outcome,
}

/// What a bundle changes, per owner, and what lies outside the sender's scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Authority {
    /// The sending unit, when the file names one (then its scope is checked).
    pub sender: Option<String>,
    pub by_owner: BTreeMap<Owner, Counts>,
    pub foreign: Vec<Foreign>,
    /// Copies older than the ones here that lie outside the scope: they change nothing unless
    /// older copies are taken on purpose, and then only if the person accepts the changes
    /// outside the scope too.
    pub foreign_older: Vec<Foreign>,
    /// Unit names for the owners listed (from the file or from here).
    pub names: BTreeMap<String, String>,
}

impl Authority {
    /// The (kind, id) of every change outside the scope.
    pub fn foreign_keys(&self) -> HashSet<(Kind, String)> {
        self.foreign
            .iter()
            .map(|f| (f.kind, f.id.clone()))
            .collect()
    }

    /// What is refused while the changes outside the scope are not accepted: those changes and
    /// the older copies outside the scope.
    pub fn refused_unless_accepted(&self) -> HashSet<(Kind, String)> {
        self.foreign
            .iter()
            .chain(&self.foreign_older)
            .map(|f| (f.kind, f.id.clone()))
            .collect()
    }
}

/// The owner of the copy here, else of the incoming copy. (A record moved to another unit is
/// outside the scope of a sender that is not both.)
fn owner_of<T: Owned>(seen: &Seen<T>) -> Owner {
    seen.local
        .or(seen.incoming)
        .map_or(Owner::Unknown, Owned::owner)
}

fn assess_kind<T: Owned>(stored: &Dataset, incoming: &Dataset, out: &mut Authority)
where
    Dataset: Collection<T>,
{
    let sender = out.sender.clone();
    let mut foreign = Vec::new();
    let mut older = Vec::new();
    each::<T>(stored, incoming, |seen| {
        let owner = owner_of(&seen);
        out.by_owner
            .entry(owner.clone())
            .or_default()
            .add(seen.outcome);
        let Some(sender) = &sender else {
            return;
        };
        let mine = |o: Owner| o == Owner::Unit(sender.clone());
        // A place or unit not known here yet is the map the sender's records stand on: adding
        // it changes nobody's data. Changing or deleting the directory does.
        let adds_to_directory =
            owner == Owner::Directory && seen.outcome == Outcome::New && seen.incoming.is_some();
        let outside = !adds_to_directory
            && (!mine(owner.clone())
                || seen.incoming.is_some_and(|r| !mine(r.owner()))
                || seen.local.is_some_and(|l| !mine(l.owner())));
        let list = match seen.outcome {
            _ if !outside => return,
            Outcome::Older => &mut older,
            o if o.changes() => &mut foreign,
            _ => return,
        };
        list.push(Foreign {
            kind: T::KIND,
            id: seen.id.to_string(),
            owner,
            outcome: seen.outcome,
        });
    });
    out.foreign.extend(foreign);
    out.foreign_older.extend(older);
}

/// Who `incoming` (already checked against `stored`) would change, for a file from `sender`.
pub fn assess(stored: &Dataset, incoming: &Dataset, sender: Option<&str>) -> Authority {
    let mut out = Authority {
        sender: sender.map(str::to_string),
        ..Authority::default()
    };
    assess_kind::<Location>(stored, incoming, &mut out);
    assess_kind::<Unit>(stored, incoming, &mut out);
    assess_kind::<Assignment>(stored, incoming, &mut out);
    assess_kind::<Plan>(stored, incoming, &mut out);
    assess_kind::<Activity>(stored, incoming, &mut out);
    assess_kind::<Model>(stored, incoming, &mut out);
    assess_kind::<Report>(stored, incoming, &mut out);
    for owner in out.by_owner.keys() {
        if let Owner::Unit(u) = owner {
            let name = incoming.unit_name(u).or_else(|| stored.unit_name(u));
            out.names
                .insert(u.clone(), name.map_or_else(|| u.clone(), str::to_string));
        }
    }
    out
}

#[cfg(test)]
#[path = "authority_tests.rs"]
mod tests;
