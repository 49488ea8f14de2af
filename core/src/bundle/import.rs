//! The import pipeline up to the preview, pure: parse → migrate → validate against what is
//! stored → leave out invalid records → compare with the stored data. Nothing is written here.

use std::collections::{HashMap, HashSet};

use super::authority::{assess, Authority};
use super::digest::Integrity;
use super::format::{self, FileError, Notice, Source};
use super::merge::{preview, Preview};
use crate::domain::aliases::Aliases;
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Unit};
use crate::domain::validate::check_dataset;
use crate::domain::{Kind, Problem};

/// A bundle ready to merge: the valid records, what was left out and why, and the preview.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub exported_at: Option<String>,
    pub app: Option<String>,
    pub source: Option<Source>,
    /// The records that would be merged.
    pub data: Dataset,
    /// Every problem of the records left out.
    pub problems: Vec<Problem>,
    /// Records taken in spite of an optional link that does not hold (an activity's plan item
    /// or model unknown here): the link is kept as it is, and flagged.
    pub broken_links: Vec<Problem>,
    /// Records left out, by kind.
    pub invalid: HashMap<Kind, usize>,
    pub preview: Preview,
    /// Per unit, what the file changes; and what lies outside its sender's scope.
    pub authority: Authority,
    /// What the file's `digest` says.
    pub integrity: Integrity,
    pub notices: Vec<Notice>,
    /// The files read, when several were imported together (one for a single file).
    pub parts: Vec<super::batch::Part>,
    /// Units and places of the file taken for ones here under another id: (kind, name in the
    /// file, name here). Filled by `warn_duplicates` (the import screen's, not every merge's).
    pub duplicates: Vec<(Kind, String, String)>,
    /// A unit's file arriving where there is no directory yet: the province's directory
    /// bundle should come first, or each unit's file brings its own copy of the map.
    pub directory_missing: bool,
    /// In a batch, for a record whose latest copy lies outside its file's scope: the latest copy
    /// from within a scope, taken instead when that change is refused (a unit's own edit is
    /// never lost to another unit's refused one).
    pub fallback: Dataset,
    /// In a batch, the records two files hold at one revision with different content, and the
    /// copy taken of each (`bundle::clash`).
    pub clashes: Vec<super::clash::Clash>,
    /// Merges made here before aliases that this file met again: the kept record is to name
    /// the merged-away one as an alias when the import is saved (`with_learned`).
    pub learned: super::references::Learned,
}

impl Prepared {
    /// Note what the file would add twice, and whether the directory should have come first.
    pub fn warn_duplicates(&mut self, stored: &Dataset) {
        self.duplicates = crate::domain::duplicates::incoming(stored, &self.data);
        self.directory_missing = stored.units.is_empty()
            && stored.locations.is_empty()
            && self.source.as_ref().is_some_and(|s| s.unit_id.is_some());
    }

    pub fn invalid_total(&self) -> usize {
        self.invalid.values().sum()
    }

    /// What the save merges: `to_merge`, the aliases this file taught (`with_learned`), and
    /// the aliases here kept on the copies it brings (`aliases_kept`).
    pub fn to_save(
        &self,
        choices: &super::merge::Choices,
        stored: &Dataset,
        now: &str,
    ) -> (std::borrow::Cow<'_, Dataset>, super::merge::Choices) {
        let (data, choices) = self.to_merge(choices);
        let merges_here = super::aliases_kept::any_here(stored);
        if self.learned.is_empty() && !merges_here {
            return (data, choices);
        }
        let mut data = data.into_owned();
        with_learned(&mut data, stored, &self.learned, now);
        if merges_here {
            super::aliases_kept::keep(&mut data, stored, &choices, now);
        }
        (std::borrow::Cow::Owned(data), choices)
    }

    /// The records to merge and the choices to merge them with: a refused change whose record
    /// has a copy from within a scope (`fallback`) takes that copy instead.
    pub fn to_merge(
        &self,
        choices: &super::merge::Choices,
    ) -> (std::borrow::Cow<'_, Dataset>, super::merge::Choices) {
        let mut choices = choices.clone();
        let fallback = super::batch::keys(&self.fallback);
        let instead: HashSet<(Kind, String)> = choices
            .refused
            .iter()
            .filter(|k| fallback.contains(*k))
            .cloned()
            .collect();
        if instead.is_empty() {
            return (std::borrow::Cow::Borrowed(&self.data), choices);
        }
        let mut data = self.data.clone();
        remove(&mut data, &instead);
        data.tombstones.retain(|t| {
            Kind::from_code(&t.kind).is_none_or(|k| !instead.contains(&(k, t.id.clone())))
        });
        let mut alt = self.fallback.clone();
        let others: HashSet<(Kind, String)> = fallback.difference(&instead).cloned().collect();
        remove(&mut alt, &others);
        alt.tombstones.retain(|t| {
            Kind::from_code(&t.kind).is_some_and(|k| instead.contains(&(k, t.id.clone())))
        });
        data.absorb(alt);
        choices.refused.retain(|k| !instead.contains(k));
        (std::borrow::Cow::Owned(data), choices)
    }
}

/// `incoming` with the aliases `learned` names added to their kept records (a merge made here
/// before aliases, recorded as one): the later of the stored and incoming copy, one revision
/// up. Part of the import's save, so undone with it.
pub fn with_learned(
    incoming: &mut Dataset,
    stored: &Dataset,
    learned: &super::references::Learned,
    now: &str,
) {
    for (kind, kept, alias) in learned {
        let newer = |a: Option<i64>, b: Option<i64>| a.unwrap_or(i64::MIN) >= b.unwrap_or(i64::MIN);
        match kind {
            Kind::Unit => {
                let here = stored.get::<Unit>(kept);
                let there = incoming.get::<Unit>(kept);
                let base = if newer(there.map(|u| u.rev), here.map(|u| u.rev)) {
                    there
                } else {
                    here
                };
                if let Some(u) = base.cloned() {
                    incoming.put(u);
                }
            }
            Kind::Location => {
                let here = stored.get::<Location>(kept);
                let there = incoming.get::<Location>(kept);
                let base = if newer(there.map(|l| l.rev), here.map(|l| l.rev)) {
                    there
                } else {
                    here
                };
                if let Some(l) = base.cloned() {
                    incoming.put(l);
                }
            }
            _ => continue,
        }
        let _ = crate::domain::aliases::add(incoming, *kind, kept, alias, now);
    }
}

/// Read a bundle's text and compare it with `stored`.
pub fn prepare(text: &str, stored: &Dataset) -> Result<Prepared, FileError> {
    let bundle = format::parse(text)?;
    Ok(prepare_bundle(bundle, stored))
}

pub fn prepare_bundle(bundle: format::Bundle, stored: &Dataset) -> Prepared {
    let mut data = bundle.data;
    let mut problems = bundle.rejected;
    let mut invalid = bundle.rejected_count;
    let mut notices = bundle.notices;
    let (followed, learned) = super::references::follow_merges(&mut data, stored);
    notices.extend(followed);
    // The file read through the aliases here and its own; the stored data too when the file
    // brings new ones (a copy, compared with, never changed here).
    let here = Aliases::of(&[stored]);
    let aliases = Aliases::of(&[stored, &data]);
    let read = aliases.apply(&mut data);
    if read > 0 {
        notices.push(Notice::ReadThroughAliases { records: read });
    }
    let normalized;
    let stored = if aliases.beyond(&here).is_empty() {
        stored
    } else {
        let mut copy = stored.clone();
        aliases.apply(&mut copy);
        normalized = copy;
        &normalized
    };
    // Leaving a record out can leave others pointing at nothing (a location's villages): repeat
    // until what remains is consistent. Each round removes at least one record. A broken
    // optional link leaves nothing out (`Problem::is_optional_link`).
    let broken_links = loop {
        let (links, found): (Vec<Problem>, Vec<Problem>) = check_dataset(&data, Some(stored))
            .into_iter()
            .partition(Problem::is_optional_link);
        if found.is_empty() {
            break links;
        }
        let bad: HashSet<(Kind, String)> = found
            .iter()
            .map(|p| (p.kind, p.id.clone().unwrap_or_default()))
            .collect();
        let removed = remove(&mut data, &bad);
        for (kind, n) in removed {
            *invalid.entry(kind).or_default() += n;
        }
        problems.extend(found);
    };
    for p in super::references::refuse_dangling_deletions(&mut data, stored) {
        *invalid.entry(p.kind).or_default() += 1;
        problems.push(p);
    }
    let preview = preview(stored, &data);

    // A unit known here by another id writes as that one (an old merge this file taught too).
    let sender: Option<String> = bundle
        .source
        .as_ref()
        .and_then(|s| s.unit_id.as_deref())
        .map(|s| {
            let learned_as = learned
                .iter()
                .find(|(kind, _, alias)| *kind == Kind::Unit && alias == s);
            learned_as.map_or_else(|| aliases.unit(s).to_string(), |(_, kept, _)| kept.clone())
        });
    let authority = assess(stored, &data, sender.as_deref());
    Prepared {
        authority,
        integrity: bundle.integrity,
        exported_at: bundle.exported_at,
        app: bundle.app,
        source: bundle.source,
        data,
        problems,
        broken_links,
        invalid,
        preview,
        notices,
        parts: Vec::new(),
        duplicates: Vec::new(),
        directory_missing: false,
        fallback: Dataset::default(),
        clashes: Vec::new(),
        learned,
    }
}

fn remove_kind<T: Record>(
    ds: &mut Dataset,
    bad: &HashSet<(Kind, String)>,
    out: &mut HashMap<Kind, usize>,
) where
    Dataset: Collection<T>,
{
    let list = ds.list_mut();
    let before = list.len();
    list.retain(|r| !bad.contains(&(T::KIND, r.id().to_string())));
    let n = before - list.len();
    if n > 0 {
        *out.entry(T::KIND).or_default() += n;
    }
}

pub(super) fn remove(ds: &mut Dataset, bad: &HashSet<(Kind, String)>) -> HashMap<Kind, usize> {
    let mut out = HashMap::new();
    remove_kind::<Location>(ds, bad, &mut out);
    remove_kind::<Unit>(ds, bad, &mut out);
    remove_kind::<Assignment>(ds, bad, &mut out);
    remove_kind::<Plan>(ds, bad, &mut out);
    remove_kind::<Activity>(ds, bad, &mut out);
    remove_kind::<Model>(ds, bad, &mut out);
    remove_kind::<Report>(ds, bad, &mut out);
    out
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
