//! Several bundle files picked or dropped at once, previewed and imported together: the files
//! are read one by one, combined by the merge rule into one incoming set (the later revision of
//! a record wins), and that set goes through the usual preview. Two files holding the same
//! record at the same revision with different content do not stop the rest: that record is
//! asked about (`clash`), and the copy the person picks is the one combined.

use std::collections::{HashMap, HashSet};

use super::authority::{assess, Authority};
use super::clash::{Clash, Key, Picks};
use super::digest::Integrity;
use super::format::{self, Bundle, FileError, Source};
use super::import::{prepare_bundle, Prepared};
use super::merge::{apply, each, preview, Choices, Outcome};
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Unit};
use crate::domain::{Kind, Lang};

/// One file of a batch, as the preview lists it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Part {
    pub name: String,
    pub source: Option<Source>,
    pub exported_at: Option<String>,
    pub integrity: Integrity,
    /// Records and deletions the file holds (those that could be read).
    pub records: usize,
}

/// Why a batch was not taken: one file could not be read as a bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchError {
    pub name: String,
    pub error: FileError,
}

impl BatchError {
    /// The file to name in the refusal.
    pub fn file(&self) -> String {
        self.name.clone()
    }

    pub fn message(&self, lang: Lang) -> String {
        self.error.message(lang)
    }
}

/// Read every `(name, text)` file and compare them, together, with `stored`; one file is the
/// plain import (`bundle::import::prepare`) with its one part. The import screen's way in: it
/// also names the units and places the files would add twice.
pub fn prepare_files(files: &[(String, String)], stored: &Dataset) -> Result<Prepared, BatchError> {
    prepare_picked(files, stored, &Picks::new())
}

/// `prepare_files`, with the person's picks for the records the files disagree on.
pub fn prepare_picked(
    files: &[(String, String)],
    stored: &Dataset,
    picks: &Picks,
) -> Result<Prepared, BatchError> {
    prepare_summed(files, stored, picks, &[])
}

/// `prepare_picked`, given for each file (by its index) the SHA-256 of its `digest::claim`
/// when the browser computed it (missing or None: hashed here).
pub fn prepare_summed(
    files: &[(String, String)],
    stored: &Dataset,
    picks: &Picks,
    sums: &[Option<String>],
) -> Result<Prepared, BatchError> {
    let mut p = prepare_parts(files, stored, picks, sums)?;
    p.warn_duplicates(stored);
    Ok(p)
}

fn prepare_parts(
    files: &[(String, String)],
    stored: &Dataset,
    picks: &Picks,
    sums: &[Option<String>],
) -> Result<Prepared, BatchError> {
    let mut bundles = Vec::with_capacity(files.len());
    for (i, (name, text)) in files.iter().enumerate() {
        let sum = sums.get(i).and_then(Option::as_deref);
        let bundle = format::parse_summed(text, sum).map_err(|error| BatchError {
            name: name.clone(),
            error,
        })?;
        bundles.push((name.clone(), bundle));
    }
    if bundles.len() == 1 {
        let (name, bundle) = bundles.remove(0);
        let part = part_of(&name, &bundle);
        let mut p = prepare_bundle(bundle, stored);
        p.parts = vec![part];
        return Ok(p);
    }
    let parts: Vec<Part> = bundles.iter().map(|(n, b)| part_of(n, b)).collect();
    // Each file speaks for its own sender: what it holds outside that scope is asked about, as
    // for a file imported alone, and never hides another file's copy from within a scope.
    let outside: Vec<Authority> = bundles
        .iter()
        .map(
            |(_, b)| match b.source.as_ref().and_then(|s| s.unit_id.as_deref()) {
                Some(sender) => assess(stored, &b.data, Some(sender)),
                None => Authority::default(),
            },
        )
        .collect();
    let beyond_scope: Vec<HashSet<Key>> = outside
        .iter()
        .map(Authority::refused_unless_accepted)
        .collect();
    // Copies left out because, taken, they were invalid: the next copy of the record is tried.
    let mut invalid: Vec<HashSet<Key>> = vec![HashSet::new(); bundles.len()];
    // Their problems, still named in the preview.
    let mut left_out: Vec<crate::domain::Problem> = Vec::new();
    let mut left_out_kinds: Vec<Kind> = Vec::new();
    // The records the files disagree on, and per file the copies they leave out.
    let mut clashes: Vec<Clash> = Vec::new();
    let mut asked: HashSet<Key> = HashSet::new();
    let mut unpicked: Vec<HashSet<Key>> = vec![HashSet::new(); bundles.len()];
    loop {
        let mut within = Vec::with_capacity(bundles.len() * 2);
        let mut beyond = Vec::with_capacity(bundles.len());
        for (i, (name, b)) in bundles.iter().enumerate() {
            let out = &beyond_scope[i];
            let (mut inner, mut outer) = (b.clone(), b.clone());
            // What the file could not read is counted once, with its copies from within.
            outer.rejected.clear();
            outer.rejected_count.clear();
            outer.notices.clear();
            let gone = |k: &Key| invalid[i].contains(k) || unpicked[i].contains(k);
            drop_keys(&mut inner.data, |k| out.contains(k) || gone(k));
            drop_keys(&mut outer.data, |k| !out.contains(k) || gone(k));
            within.push((name.clone(), inner));
            beyond.push((name.clone(), outer));
        }
        let n = within.len();
        let (in_scope, _, mut clashing) = combine(&within);
        within.extend(beyond);
        let (all, picked, beyond_clashing) = combine(&within);
        clashing.extend(beyond_clashing);
        // A record the files disagree on: asked about, and combined again with the copy picked.
        let mut new: Vec<(Key, i64)> = Vec::new();
        for (key, rev) in clashing {
            if asked.insert(key.clone()) {
                new.push((key, rev));
            }
        }
        if !new.is_empty() {
            clashes.extend(super::clash::clashes(
                &bundles,
                stored,
                &new,
                picks,
                &beyond_scope,
            ));
            unpicked = super::clash::left_out(&clashes, bundles.len());
            continue;
        }
        let mut p = prepare_bundle(all.clone(), stored);
        let kept = keys(&p.data);
        let dropped: Vec<Key> = keys(&all.data).difference(&kept).cloned().collect();
        let mut again = false;
        for key in dropped {
            let Some(&j) = picked.get(&key) else { continue };
            let file = j % n;
            let elsewhere = (0..n).any(|f| {
                f != file
                    && !invalid[f].contains(&key)
                    && !unpicked[f].contains(&key)
                    && keys(&bundles[f].1.data).contains(&key)
            });
            if elsewhere && invalid[file].insert(key.clone()) {
                left_out_kinds.push(key.0);
                left_out.extend(
                    (p.problems.iter())
                        .filter(|q| q.kind == key.0 && q.id.as_deref() == Some(key.1.as_str()))
                        .cloned(),
                );
                again = true;
            }
        }
        if again {
            continue;
        }
        for kind in left_out_kinds {
            *p.invalid.entry(kind).or_default() += 1;
        }
        p.problems.extend(left_out);
        // The records whose copy came from beyond a scope: asked about, with the copy from
        // within a scope to fall back on.
        let mut seen: HashSet<Key> = p.authority.refused_unless_accepted();
        let mut instead: HashSet<Key> = HashSet::new();
        for (key, &j) in &picked {
            if j < n || !kept.contains(key) {
                continue;
            }
            let a = &outside[j - n];
            if let Some(f) = a.foreign.iter().find(|f| (f.kind, f.id.clone()) == *key) {
                if seen.insert(key.clone()) {
                    p.authority.foreign.push(f.clone());
                }
            } else if let Some(f) = a
                .foreign_older
                .iter()
                .find(|f| (f.kind, f.id.clone()) == *key)
            {
                if seen.insert(key.clone()) {
                    p.authority.foreign_older.push(f.clone());
                }
            }
            instead.insert(key.clone());
        }
        let mut fallback = in_scope.data;
        drop_keys(&mut fallback, |k| !instead.contains(k));
        p.fallback = fallback;
        let by_key = |a: &super::authority::Foreign, b: &super::authority::Foreign| {
            (a.kind, &a.id).cmp(&(b.kind, &b.id))
        };
        crate::domain::order::sort_by(&mut p.authority.foreign, by_key);
        crate::domain::order::sort_by(&mut p.authority.foreign_older, by_key);
        p.parts = parts;
        crate::domain::order::sort_by(&mut clashes, |a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        p.clashes = clashes;
        return Ok(p);
    }
}

/// `ds` without the records and deletions whose key `drop` picks.
fn drop_keys(ds: &mut Dataset, drop: impl Fn(&Key) -> bool) {
    let bad: HashSet<Key> = keys(ds).into_iter().filter(|k| drop(k)).collect();
    if bad.is_empty() {
        return;
    }
    super::import::remove(ds, &bad);
    ds.tombstones
        .retain(|t| Kind::from_code(&t.kind).is_none_or(|k| !bad.contains(&(k, t.id.clone()))));
}

fn part_of(name: &str, b: &Bundle) -> Part {
    Part {
        name: name.to_string(),
        source: b.source.clone(),
        exported_at: b.exported_at.clone(),
        integrity: b.integrity,
        records: b.data.record_count() + b.data.tombstones.len(),
    }
}

/// The files as one bundle: records by the merge rule, problems and notices together, the
/// weakest integrity, the latest export time, and the sender when every file has the same one;
/// and, per record, the file (by its index) whose copy was taken. Two copies of a record at the
/// same revision with different content clash only when no later revision settles them, so the
/// order the files were picked in never matters: the clashing records and their revision are
/// the third part of the answer.
fn combine(bundles: &[(String, Bundle)]) -> (Bundle, HashMap<Key, usize>, Vec<(Key, i64)>) {
    let mut out = Bundle::default();
    let mut picked: HashMap<Key, usize> = HashMap::new();
    let mut clashes: Vec<(Key, i64)> = Vec::new();
    for (i, (_, b)) in bundles.iter().enumerate() {
        for c in preview(&out.data, &b.data).conflicts {
            let rev = c
                .incoming
                .get("rev")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            clashes.push(((c.kind, c.id.clone()), rev));
        }
        for (key, outcome) in outcomes(&out.data, &b.data) {
            if outcome.changes() && outcome != Outcome::Conflict {
                picked.insert(key, i);
            } else {
                picked.entry(key).or_insert(i);
            }
        }
        apply(&mut out.data, &b.data, &Choices::default());
        out.rejected.extend(b.rejected.iter().cloned());
        for (k, n) in &b.rejected_count {
            *out.rejected_count.entry(*k).or_default() += n;
        }
        for n in &b.notices {
            if !out.notices.contains(n) {
                out.notices.push(n.clone());
            }
        }
        out.exported_at = out.exported_at.max(b.exported_at.clone());
        out.app = out.app.or_else(|| b.app.clone());
        out.integrity = match (i, out.integrity, b.integrity) {
            (0, _, x) => x,
            (_, Integrity::Differs, _) | (_, _, Integrity::Differs) => Integrity::Differs,
            (_, Integrity::Matches, Integrity::Matches) => Integrity::Matches,
            _ => Integrity::Absent,
        };
    }
    let final_rev = |key: &Key| rev_of(&out.data, key);
    clashes.retain(|(key, rev)| final_rev(key) == Some(*rev));
    let senders: HashSet<Option<&str>> = bundles
        .iter()
        .map(|(_, b)| b.source.as_ref().and_then(|s| s.unit_id.as_deref()))
        .collect();
    let labels: Vec<&str> = bundles
        .iter()
        .filter_map(|(_, b)| b.source.as_ref().and_then(|s| s.label.as_deref()))
        .collect();
    let mut unique: Vec<&str> = Vec::new();
    for l in labels {
        if !unique.contains(&l) {
            unique.push(l);
        }
    }
    let unit_id = match senders.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(one)] => Some(one.to_string()),
        _ => None,
    };
    out.source = (unit_id.is_some() || !unique.is_empty()).then(|| Source {
        unit_id,
        label: (!unique.is_empty()).then(|| unique.join("; ")),
    });
    (out, picked, clashes)
}

fn outcomes_of<T: Record>(local: &Dataset, incoming: &Dataset, out: &mut Vec<(Key, Outcome)>)
where
    Dataset: Collection<T>,
{
    each::<T>(local, incoming, |seen| {
        out.push(((T::KIND, seen.id.to_string()), seen.outcome));
    });
}

/// What merging each incoming record and deletion into `local` would do.
fn outcomes(local: &Dataset, incoming: &Dataset) -> Vec<(Key, Outcome)> {
    let mut out = Vec::new();
    outcomes_of::<Location>(local, incoming, &mut out);
    outcomes_of::<Unit>(local, incoming, &mut out);
    outcomes_of::<Assignment>(local, incoming, &mut out);
    outcomes_of::<Plan>(local, incoming, &mut out);
    outcomes_of::<Activity>(local, incoming, &mut out);
    outcomes_of::<Model>(local, incoming, &mut out);
    outcomes_of::<Report>(local, incoming, &mut out);
    out
}

fn rev_in<T: Record>(ds: &Dataset, id: &str) -> Option<i64>
where
    Dataset: Collection<T>,
{
    ds.list().iter().find(|r| r.id() == id).map(|r| r.rev())
}

/// The revision of the record (or deletion) `key` holds in `ds`.
fn rev_of(ds: &Dataset, (kind, id): &Key) -> Option<i64> {
    let record = match kind {
        Kind::Location => rev_in::<Location>(ds, id),
        Kind::Unit => rev_in::<Unit>(ds, id),
        Kind::Assignment => rev_in::<Assignment>(ds, id),
        Kind::Plan => rev_in::<Plan>(ds, id),
        Kind::Activity => rev_in::<Activity>(ds, id),
        Kind::Model => rev_in::<Model>(ds, id),
        Kind::Report => rev_in::<Report>(ds, id),
    };
    record.or_else(|| {
        ds.tombstones
            .iter()
            .find(|t| t.kind == kind.code() && &t.id == id)
            .map(|t| t.rev)
    })
}

fn keys_of<T: Record>(ds: &Dataset, out: &mut HashSet<(Kind, String)>)
where
    Dataset: Collection<T>,
{
    out.extend(ds.list().iter().map(|r| (T::KIND, r.id().to_string())));
}

/// Every record and deletion `ds` holds, as (kind, id).
pub(super) fn keys(ds: &Dataset) -> HashSet<(Kind, String)> {
    let mut out = HashSet::new();
    keys_of::<Location>(ds, &mut out);
    keys_of::<Unit>(ds, &mut out);
    keys_of::<Assignment>(ds, &mut out);
    keys_of::<Plan>(ds, &mut out);
    keys_of::<Activity>(ds, &mut out);
    keys_of::<Model>(ds, &mut out);
    keys_of::<Report>(ds, &mut out);
    out.extend(
        ds.tombstones
            .iter()
            .filter_map(|t| Some((Kind::from_code(&t.kind)?, t.id.clone()))),
    );
    out
}

#[cfg(test)]
#[path = "batch_tests.rs"]
mod tests;
