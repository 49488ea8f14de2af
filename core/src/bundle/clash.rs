//! Files of one batch that disagree: two or more hold the same record at its latest revision
//! with different content. The rest of the batch imports as usual; for each such record the
//! person picks whose copy is taken, or none (the record stays as it is here). The copy with
//! the later `updated_at` is proposed, as for a conflict with the data here.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::format::Bundle;
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    json_value, Activity, Assignment, Location, Model, Plan, Record, Report, Unit,
};
use crate::domain::Kind;

/// A record or deletion: its kind and id.
pub type Key = (Kind, String);

/// The person's picks, by record: the file (its index in the batch) whose copy is taken, or
/// `None` for no file's copy.
pub type Picks = HashMap<Key, Option<usize>>;

/// One record the files disagree on.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    pub kind: Kind,
    pub id: String,
    /// The revision they disagree at.
    pub rev: i64,
    /// Each different copy, with the files (by index) that hold it, in file order.
    pub copies: Vec<Version>,
    /// The copy here, if any, to compare with.
    pub local: Option<Value>,
    /// The file whose copy is taken; `None`: none is, the record stays as here.
    pub pick: Option<usize>,
    /// The file whose copy is proposed (the later `updated_at`; the first file on a tie).
    pub proposed: usize,
    /// Whether the proposed copy was edited strictly later than every other (else it is only
    /// the first file's, and not said to be later).
    pub proposed_later: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub files: Vec<usize>,
    pub value: Value,
}

impl Clash {
    /// Whether file `f`'s copy is left out: it holds the record at this revision and is not the
    /// copy picked (a file holding the same content as the pick is left out too; the pick
    /// speaks for it).
    pub fn leaves_out(&self, f: usize) -> bool {
        self.copies.iter().any(|c| c.files.contains(&f)) && self.pick != Some(f)
    }

    /// Top-level fields whose values differ between any two copies (or the copy here), in a
    /// stable order.
    pub fn differing_fields(&self) -> Vec<String> {
        let empty = serde_json::Map::new();
        let objects: Vec<&serde_json::Map<String, Value>> = (self.local.iter())
            .chain(self.copies.iter().map(|c| &c.value))
            .map(|v| v.as_object().unwrap_or(&empty))
            .collect();
        let mut keys: Vec<&String> = Vec::new();
        for o in &objects {
            for k in o.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        crate::domain::order::sort(&mut keys);
        keys.into_iter()
            .filter(|k| objects.windows(2).any(|w| w[0].get(*k) != w[1].get(*k)))
            .cloned()
            .collect()
    }

    /// The record's title or name, as the first copy holding one has it (else its id).
    pub fn what(&self) -> String {
        self.copies
            .iter()
            .find_map(|c| {
                ["title", "name"]
                    .iter()
                    .find_map(|f| c.value.get(f).and_then(Value::as_str))
            })
            .unwrap_or(&self.id)
            .to_string()
    }
}

fn found<T: Record>(ds: &Dataset, id: &str) -> Option<(i64, Value, String)>
where
    Dataset: Collection<T>,
{
    ds.list()
        .iter()
        .find(|r| r.id() == id)
        .map(|r| (r.rev(), json_value(r), r.updated_at().to_string()))
}

/// The record `key` as `ds` holds it: revision, JSON and `updated_at`.
fn copy_in(ds: &Dataset, (kind, id): &Key) -> Option<(i64, Value, String)> {
    match kind {
        Kind::Location => found::<Location>(ds, id),
        Kind::Unit => found::<Unit>(ds, id),
        Kind::Assignment => found::<Assignment>(ds, id),
        Kind::Plan => found::<Plan>(ds, id),
        Kind::Activity => found::<Activity>(ds, id),
        Kind::Model => found::<Model>(ds, id),
        Kind::Report => found::<Report>(ds, id),
    }
}

/// The clash on `key` at `rev` among `bundles`, with the person's pick if there is one.
pub fn clash(
    bundles: &[(String, Bundle)],
    stored: &Dataset,
    (key, rev): (&Key, i64),
    picks: &Picks,
) -> Clash {
    let mut copies: Vec<Version> = Vec::new();
    let mut proposed: Option<(usize, String)> = None;
    let mut times: Vec<String> = Vec::new();
    for (f, (_, b)) in bundles.iter().enumerate() {
        let Some((r, value, at)) = copy_in(&b.data, key) else {
            continue;
        };
        if r != rev {
            continue;
        }
        if proposed.as_ref().is_none_or(|(_, best)| at > *best) {
            proposed = Some((f, at.clone()));
        }
        times.push(at);
        match copies.iter_mut().find(|c| c.value == value) {
            Some(c) => c.files.push(f),
            None => copies.push(Version {
                files: vec![f],
                value,
            }),
        }
    }
    let proposed_later = proposed
        .as_ref()
        .is_some_and(|(_, best)| times.iter().filter(|t| *t == best).count() == 1);
    let proposed = proposed.map_or(0, |(f, _)| f);
    let pick = match picks.get(key) {
        // A pick names a file that holds a copy (or none); anything else is the proposal.
        Some(Some(f)) if copies.iter().any(|c| c.files.contains(f)) => Some(*f),
        Some(None) => None,
        _ => Some(proposed),
    };
    Clash {
        kind: key.0,
        id: key.1.clone(),
        rev,
        copies,
        local: copy_in(stored, key).map(|(_, v, _)| v),
        pick,
        proposed,
        proposed_later,
    }
}

/// Per file, the keys whose copy the clashes leave out.
pub fn left_out(clashes: &[Clash], files: usize) -> Vec<HashSet<Key>> {
    let mut out = vec![HashSet::new(); files];
    for c in clashes {
        for (f, set) in out.iter_mut().enumerate() {
            if c.leaves_out(f) {
                set.insert((c.kind, c.id.clone()));
            }
        }
    }
    out
}
