//! Several bundle files picked or dropped at once, previewed and imported together: the files
//! are read one by one, combined by the merge rule into one incoming set (the later revision of
//! a record wins), and that set goes through the usual preview. Two files holding the same
//! record at the same revision with different content are refused together: which one is right
//! is the person's call, made by importing them one at a time.

use std::collections::HashSet;

use super::authority::assess;
use super::digest::Integrity;
use super::format::{self, Bundle, FileError, Source};
use super::import::{prepare_bundle, Prepared};
use super::merge::{apply, preview, Choices};
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

/// Why a batch was not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchError {
    /// One file could not be read as a bundle.
    File { name: String, error: FileError },
    /// Two files disagree on a record at the same revision.
    Clash {
        kind: Kind,
        /// The record's title or name (its id when it has neither).
        what: String,
        first: String,
        second: String,
    },
}

impl BatchError {
    /// The file to name in the refusal (both, for a clash).
    pub fn file(&self) -> String {
        match self {
            BatchError::File { name, .. } => name.clone(),
            BatchError::Clash { first, second, .. } => format!("{first}, {second}"),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (BatchError::File { error, .. }, _) => error.message(lang),
            (
                BatchError::Clash {
                    kind,
                    what,
                    first,
                    second,
                },
                Lang::Vi,
            ) => format!(
                "Hai tệp {first} và {second} cùng có {} “{what}” nhưng nội dung khác nhau ở cùng một lần sửa. \
                 Chưa nhập tệp nào: hãy nhập từng tệp một để chọn bản giữ lại.",
                crate::domain::text::lower(kind.label(lang))
            ),
            (
                BatchError::Clash {
                    kind,
                    what,
                    first,
                    second,
                },
                Lang::En,
            ) => format!(
                "The files {first} and {second} both hold the {} “{what}”, with different content at the same revision. \
                 Nothing was imported: import them one at a time to choose which copy to keep.",
                crate::domain::text::lower(kind.label(lang))
            ),
        }
    }
}

/// Read every `(name, text)` file and compare them, together, with `stored`; one file is the
/// plain import (`bundle::import::prepare`) with its one part. The import screen's way in: it
/// also names the units and places the files would add twice.
pub fn prepare_files(files: &[(String, String)], stored: &Dataset) -> Result<Prepared, BatchError> {
    let mut p = prepare_parts(files, stored)?;
    p.warn_duplicates(stored);
    Ok(p)
}

fn prepare_parts(files: &[(String, String)], stored: &Dataset) -> Result<Prepared, BatchError> {
    let mut bundles = Vec::with_capacity(files.len());
    for (name, text) in files {
        let bundle = format::parse(text).map_err(|error| BatchError::File {
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
    let combined = combine(&bundles)?;
    let senders: Vec<(Dataset, String)> = bundles
        .into_iter()
        .filter_map(|(_, b)| Some((b.data, b.source?.unit_id?)))
        .collect();
    let mut p = prepare_bundle(combined, stored);
    // Each file speaks for its own sender: what it changes outside that scope is asked about,
    // as for a file imported alone.
    let kept = keys(&p.data);
    let mut seen: HashSet<(Kind, String)> = p.authority.foreign_keys();
    for (data, sender) in &senders {
        for f in assess(stored, data, Some(sender)).foreign {
            let key = (f.kind, f.id.clone());
            if kept.contains(&key) && seen.insert(key) {
                p.authority.foreign.push(f);
            }
        }
    }
    p.parts = parts;
    Ok(p)
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
/// weakest integrity, the latest export time, and the sender when every file has the same one.
fn combine(bundles: &[(String, Bundle)]) -> Result<Bundle, BatchError> {
    let mut out = Bundle::default();
    for (i, (name, b)) in bundles.iter().enumerate() {
        if let Some(c) = preview(&out.data, &b.data).conflicts.first() {
            let first = bundles[..i]
                .iter()
                .find(|(_, earlier)| keys(&earlier.data).contains(&(c.kind, c.id.clone())))
                .map_or_else(String::new, |(n, _)| n.clone());
            let what = ["title", "name"]
                .iter()
                .find_map(|f| c.incoming.get(f).and_then(|v| v.as_str()))
                .unwrap_or(&c.id)
                .to_string();
            return Err(BatchError::Clash {
                kind: c.kind,
                what,
                first,
                second: name.clone(),
            });
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
    Ok(out)
}

fn keys_of<T: Record>(ds: &Dataset, out: &mut HashSet<(Kind, String)>)
where
    Dataset: Collection<T>,
{
    out.extend(ds.list().iter().map(|r| (T::KIND, r.id().to_string())));
}

/// Every record and deletion `ds` holds, as (kind, id).
fn keys(ds: &Dataset) -> HashSet<(Kind, String)> {
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
