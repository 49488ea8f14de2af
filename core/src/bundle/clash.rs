//! Files of one batch that disagree: two or more hold the same record at its latest revision
//! with different content. The rest of the batch imports as usual; for each such record the
//! person picks whose copy is taken, or none (the record stays as it is here). The copy with
//! the later `updated_at` is proposed, as for a conflict with the data here — but a copy from
//! within its file's scope before one from beyond it (that one is refused unless accepted, and
//! proposing it would leave the record as it is).

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
    /// The file whose copy is proposed: within its file's scope first, then the later
    /// `updated_at`; the first file on a tie.
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

/// A copy of a record: revision, JSON and `updated_at`.
type Found = (i64, Value, String);

fn found<T: Record>(
    ds: &Dataset,
    wanted: &HashMap<Kind, HashMap<&str, i64>>,
    out: &mut HashMap<Key, Found>,
) where
    Dataset: Collection<T>,
{
    let Some(ids) = wanted.get(&T::KIND) else {
        return;
    };
    for r in ds.list() {
        if ids.contains_key(r.id()) {
            let copy = (r.rev(), json_value(r), r.updated_at().to_string());
            out.insert((T::KIND, r.id().to_string()), copy);
        }
    }
}

/// The records of `ds` among `wanted`, each read once: one pass over the lists, not one per
/// record (a batch may disagree on thousands).
fn copies_in(ds: &Dataset, wanted: &HashMap<Kind, HashMap<&str, i64>>) -> HashMap<Key, Found> {
    let mut out = HashMap::new();
    found::<Location>(ds, wanted, &mut out);
    found::<Unit>(ds, wanted, &mut out);
    found::<Assignment>(ds, wanted, &mut out);
    found::<Plan>(ds, wanted, &mut out);
    found::<Activity>(ds, wanted, &mut out);
    found::<Model>(ds, wanted, &mut out);
    found::<Report>(ds, wanted, &mut out);
    out
}

/// The clashes on `keys` (each at its revision) among `bundles`, with the person's picks;
/// `beyond[f]`: what file `f` holds outside its sender's scope.
pub fn clashes(
    bundles: &[(String, Bundle)],
    stored: &Dataset,
    keys: &[(Key, i64)],
    picks: &Picks,
    beyond: &[HashSet<Key>],
) -> Vec<Clash> {
    let mut wanted: HashMap<Kind, HashMap<&str, i64>> = HashMap::new();
    for ((kind, id), rev) in keys {
        wanted.entry(*kind).or_default().insert(id.as_str(), *rev);
    }
    let per_file: Vec<HashMap<Key, Found>> = bundles
        .iter()
        .map(|(_, b)| copies_in(&b.data, &wanted))
        .collect();
    let mut here = copies_in(stored, &wanted);
    keys.iter()
        .map(|(key, rev)| {
            let within: Vec<bool> = (0..bundles.len())
                .map(|f| beyond.get(f).is_none_or(|b| !b.contains(key)))
                .collect();
            clash(&per_file, &within, here.remove(key), (key, *rev), picks)
        })
        .collect()
}

/// The clash on `key` at `rev`, from each file's copy of it (`within[f]`: file `f`'s copy
/// lies within its sender's scope).
fn clash(
    per_file: &[HashMap<Key, Found>],
    within: &[bool],
    here: Option<Found>,
    (key, rev): (&Key, i64),
    picks: &Picks,
) -> Clash {
    let mut copies: Vec<Version> = Vec::new();
    let mut proposed: Option<(usize, (bool, &str))> = None;
    let mut times: Vec<&str> = Vec::new();
    for (f, file) in per_file.iter().enumerate() {
        let Some((r, value, at)) = file.get(key) else {
            continue;
        };
        if *r != rev {
            continue;
        }
        let rank = (within.get(f).copied().unwrap_or(true), at.as_str());
        if proposed.is_none_or(|(_, best)| rank > best) {
            proposed = Some((f, rank));
        }
        times.push(at);
        match copies.iter_mut().find(|c| c.value == *value) {
            Some(c) => c.files.push(f),
            None => copies.push(Version {
                files: vec![f],
                value: value.clone(),
            }),
        }
    }
    // Later only if later than every other copy, whichever scope that one lies in.
    let proposed_later =
        proposed.is_some_and(|(_, (_, best))| times.iter().filter(|t| **t >= best).count() == 1);
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
        local: here.map(|(_, v, _)| v),
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
