//! Reading and writing the bundle file (docs/bundle-format.md). Reading never panics and never
//! gives up on the whole file because of one record: a file is refused only when it is not a
//! bundle at all; bad records are listed with their problems and left out.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::digest::{self, Integrity};
use super::migrate::{migrate, MigrateError, MIGRATIONS};
use super::{FORMAT, SCHEMA};
use crate::domain::dataset::{canonical_order, Collection, Dataset};
use crate::domain::dates::is_timestamp;
use crate::domain::problem::{Problem, Reason};
use crate::domain::record::{
    Activity, Assignment, Checked, Location, Model, Plan, Record, Report, Tombstone, Unit,
};
use crate::domain::Kind;

/// Larger files are refused before they are read. A province of 100,000 activities exports at
/// about 53 MB: its own bundle must come back in.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Who exported a bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A bundle as read: the records that could be read, and what was wrong with the others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bundle {
    pub exported_at: Option<String>,
    pub app: Option<String>,
    pub source: Option<Source>,
    pub data: Dataset,
    /// One entry per problem of records that could not be read (and are left out).
    pub rejected: Vec<Problem>,
    /// How many records (and tombstones) of each kind could not be read.
    pub rejected_count: HashMap<Kind, usize>,
    pub notices: Vec<Notice>,
    /// What the `digest` says: the data as exported, changed since, or no digest.
    pub integrity: Integrity,
}

/// Things worth telling the user that do not stop the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The file started with a byte-order mark (Notepad does this); it was ignored.
    ByteOrderMark,
    /// The bundle was written with an older schema and was migrated.
    Migrated { from: u32 },
    /// A list under `records` this app does not know; it was ignored.
    UnknownList { name: String },
    /// A tombstone whose kind this app does not know; it was ignored.
    UnknownTombstone { index: usize },
    /// The file's records named a unit or place merged away here ("Gộp"): they were moved to
    /// the record kept (`records` of them, each a new revision).
    FollowedMerge {
        kind: Kind,
        from: String,
        to: String,
        records: usize,
    },
    /// A merge made here before aliases ("Gộp" used to delete the duplicate and move its
    /// records), met again in this file: the record kept will name the duplicate as an alias,
    /// so that it travels in the bundles written here (`Prepared::learned`).
    LearnedAlias {
        kind: Kind,
        from: String,
        to: String,
    },
    /// The file's records named units or places known here by another id (an alias the
    /// province recorded, `domain::aliases`): `records` of them are read as naming those.
    ReadThroughAliases { records: usize },
}

/// Why a whole file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    TooLarge { bytes: usize },
    NotJson { line: usize, column: usize },
    Truncated,
    TooDeep,
    NotAnObject,
    WrongFormat { found: Option<String> },
    MissingSchema,
    BadSchema,
    FutureSchema { found: u64 },
    OldSchema { found: u64 },
    RecordsNotAnObject,
    NotAList { field: String },
}

pub(super) fn json_error(e: &serde_json::Error) -> FileError {
    if e.to_string().contains("recursion limit") {
        return FileError::TooDeep;
    }
    match e.classify() {
        serde_json::error::Category::Eof => FileError::Truncated,
        serde_json::error::Category::Data => FileError::NotAnObject,
        _ => FileError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    }
}

/// Read a bundle from its text (a file the user gave: at most `MAX_BYTES`).
pub fn parse(text: &str) -> Result<Bundle, FileError> {
    parse_summed(text, None)
}

/// `parse`, given the SHA-256 (hex) of the file's `digest::claim` when the browser computed it.
pub fn parse_summed(text: &str, sum: Option<&str>) -> Result<Bundle, FileError> {
    if text.len() > MAX_BYTES {
        return Err(FileError::TooLarge { bytes: text.len() });
    }
    read(text, sum)
}

/// Read a bundle of any size (the app's own stored data, which can outgrow a file).
pub fn parse_any_size(text: &str) -> Result<Bundle, FileError> {
    read(text, None)
}

fn read(text: &str, sum: Option<&str>) -> Result<Bundle, FileError> {
    let mut notices = Vec::new();
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            notices.push(Notice::ByteOrderMark);
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if !text.trim_start().starts_with('{') {
        // Valid JSON of another shape, or not JSON at all.
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => FileError::NotAnObject,
            Err(e) => json_error(&e),
        });
    }
    // Records of a current bundle are read on the way; kept aside until the head is checked.
    let mut early = Bundle::default();
    let head = super::lists::read_head(text, &mut early)?;
    let integrity = head
        .digest
        .map_or(Integrity::Absent, |d| digest::check_with(text, d, sum));
    match head.format.map(|r| serde_json::from_str::<Value>(r.get())) {
        Some(Ok(Value::String(f))) if f == FORMAT => {}
        Some(Ok(Value::String(f))) => return Err(FileError::WrongFormat { found: Some(f) }),
        _ => return Err(FileError::WrongFormat { found: None }),
    }
    let schema = match head.schema.map(|r| serde_json::from_str::<Value>(r.get())) {
        None | Some(Ok(Value::Null)) => return Err(FileError::MissingSchema),
        Some(Ok(Value::Number(n))) => n.as_u64().ok_or(FileError::BadSchema)?,
        Some(_) => return Err(FileError::BadSchema),
    };
    if schema > u64::from(SCHEMA) {
        return Err(FileError::FutureSchema { found: schema });
    }
    if schema < u64::from(SCHEMA) {
        // The digest is of the file as written, before any migration.
        let mut bundle = parse_migrated(text, schema as u32, notices)?;
        bundle.integrity = integrity;
        return Ok(bundle);
    }

    let text_of =
        |r: Option<&RawValue>| r.and_then(|r| serde_json::from_str::<Value>(r.get()).ok());
    let mut bundle = Bundle {
        exported_at: text_of(head.exported_at).and_then(|v| v.as_str().map(str::to_string)),
        app: text_of(head.app).and_then(|v| v.as_str().map(str::to_string)),
        source: head.source.and_then(|r| serde_json::from_str(r.get()).ok()),
        notices,
        integrity,
        ..Default::default()
    };
    if head.records_read {
        bundle.data = early.data;
        bundle.rejected = early.rejected;
        bundle.rejected_count = early.rejected_count;
        bundle.notices.append(&mut early.notices);
    } else if let Some(records) = head.records {
        let raw = records.get().trim_start();
        if raw.starts_with('{') {
            super::lists::read_records(&mut bundle, raw)?;
        } else if raw != "null" {
            return Err(FileError::RecordsNotAnObject);
        }
    }
    if let Some(raw) = head.tombstones {
        read_tombstones(&mut bundle, raw.get())?;
    }
    Ok(bundle)
}

/// An older schema: read the whole document, run the migrations, then read it as current.
fn parse_migrated(text: &str, from: u32, mut notices: Vec<Notice>) -> Result<Bundle, FileError> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    migrate(&mut doc, from, SCHEMA, MIGRATIONS).map_err(|e| match e {
        MigrateError::Newer { found, .. } => FileError::FutureSchema {
            found: u64::from(found),
        },
        MigrateError::NoPath { found } => FileError::OldSchema {
            found: u64::from(found),
        },
    })?;
    let mut bundle = parse_any_size(&doc.to_string())?;
    notices.push(Notice::Migrated { from });
    notices.append(&mut bundle.notices);
    bundle.notices = notices;
    Ok(bundle)
}

/// Keep a record that was read, or count it out with its problems.
pub(super) fn accept<T: Record>(bundle: &mut Bundle, item: Checked<T>)
where
    Dataset: Collection<T>,
{
    match item.0 {
        Ok(r) => bundle.data.list_mut().push(r),
        Err(rejected) => {
            *bundle.rejected_count.entry(T::KIND).or_default() += 1;
            let id = rejected.id;
            for (field, reason) in rejected.problems {
                bundle.rejected.push(Problem {
                    kind: T::KIND,
                    id: id.clone(),
                    field,
                    reason,
                });
            }
        }
    }
}

fn read_tombstones(bundle: &mut Bundle, raw: &str) -> Result<(), FileError> {
    let list = match serde_json::from_str::<Value>(raw).map_err(|e| json_error(&e))? {
        Value::Array(list) => list,
        Value::Null => return Ok(()),
        _ => {
            return Err(FileError::NotAList {
                field: "tombstones".into(),
            })
        }
    };
    for (index, v) in list.into_iter().enumerate() {
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .and_then(Kind::from_code);
        let Some(kind) = kind else {
            bundle.notices.push(Notice::UnknownTombstone { index });
            continue;
        };
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty());
        let rev = v.get("rev").and_then(Value::as_i64).filter(|r| *r >= 1);
        let too_high = rev.is_some_and(|r| r > crate::domain::validate::MAX_REV);
        let at = v
            .get("updated_at")
            .and_then(Value::as_str)
            .filter(|s| is_timestamp(s));
        let problem = |field: &'static str, reason| {
            Problem::new(kind, id, format!("tombstones[{index}].{field}"), reason)
        };
        let reason = match (id, rev, at) {
            // A tombstone above the highest revision would make its record undeletable and
            // unrestorable for good.
            (Some(_), Some(_), Some(_)) if too_high => Some(("rev", Reason::TooLarge)),
            (Some(id), Some(rev), Some(at)) => {
                bundle.data.tombstones.push(Tombstone {
                    kind: kind.code().into(),
                    id: id.into(),
                    rev,
                    updated_at: at.into(),
                });
                None
            }
            (None, ..) => Some(("id", Reason::Missing)),
            (_, None, _) => Some(("rev", Reason::BadRev)),
            (_, _, None) => Some(("updated_at", Reason::BadTimestamp)),
        };
        // A deletion left out counts with the records left out of its kind.
        if let Some((field, reason)) = reason {
            bundle.rejected.push(problem(field, reason));
            *bundle.rejected_count.entry(kind).or_default() += 1;
        }
    }
    Ok(())
}

/// References to the records to write, list by list (a whole dataset, or a slice of it).
#[derive(Default)]
pub struct Parts<'a> {
    pub locations: Vec<&'a Location>,
    pub units: Vec<&'a Unit>,
    pub assignments: Vec<&'a Assignment>,
    pub plans: Vec<&'a Plan>,
    pub activities: Vec<&'a Activity>,
    pub models: Vec<&'a Model>,
    pub reports: Vec<&'a Report>,
    pub tombstones: Vec<&'a Tombstone>,
}

impl<'a> Parts<'a> {
    /// Everything in `data`, activities in canonical order (by unit, place, date): a stable
    /// order diffs well between exports and keeps repeated references close for compression.
    pub fn of(data: &'a Dataset) -> Parts<'a> {
        let mut activities: Vec<&Activity> = data.activities.iter().collect();
        crate::domain::order::sort_by(&mut activities, |a, b| canonical_order(a, b));
        Parts {
            locations: data.locations.iter().collect(),
            units: data.units.iter().collect(),
            assignments: data.assignments.iter().collect(),
            plans: data.plans.iter().collect(),
            activities,
            models: data.models.iter().collect(),
            reports: data.reports.iter().collect(),
            tombstones: data.tombstones.iter().collect(),
        }
    }
}

/// Write a bundle for export: one record per line, so two exports diff line by line, and its
/// `digest` last.
pub fn write(data: &Dataset, exported_at: &str, source: Option<&Source>) -> String {
    write_unsigned(data, exported_at, source).sign(None)
}

/// A bundle written but not signed yet: `claim` is what its digest covers (for the browser's
/// SHA-256, native and off the page's thread), `sign` adds the digest.
pub struct Unsigned {
    text: String,
    records: std::ops::Range<usize>,
    tombstones: std::ops::Range<usize>,
    source: Option<String>,
}

/// `write` up to the digest.
pub fn write_unsigned(data: &Dataset, exported_at: &str, source: Option<&Source>) -> Unsigned {
    let mut text = String::new();
    let (records, tombstones) = write_into(&mut text, &Parts::of(data), exported_at, source);
    Unsigned {
        text,
        records,
        tombstones,
        source: source.map(|s| serde_json::to_string(s).unwrap_or_default()),
    }
}

impl Unsigned {
    /// The bytes the digest is the SHA-256 of.
    pub fn claim(&self) -> Vec<u8> {
        digest::file_bytes(
            self.source.as_deref(),
            Some(&self.text[self.records.clone()]),
            Some(&self.text[self.tombstones.clone()]),
        )
    }

    /// The file, with `sum` (64 hex digits, the SHA-256 of `claim`) as its digest; hashed here
    /// when there is none.
    pub fn sign(mut self, sum: Option<&str>) -> String {
        let sum = match sum {
            Some(s) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => s.to_string(),
            _ => digest::of_file(
                self.source.as_deref(),
                Some(&self.text[self.records.clone()]),
                Some(&self.text[self.tombstones.clone()]),
            ),
        };
        // The text ends "]\n}\n": the digest goes after the tombstones.
        self.text.truncate(self.text.len() - 3);
        self.text
            .push_str(&format!(",\n  \"digest\": \"{sum}\"\n}}\n"));
        self.text
    }
}

/// Write a bundle of the given records, without a digest (the app's own stored chunks, which
/// carry a checksum of their own).
pub fn write_parts(parts: &Parts, exported_at: &str, source: Option<&Source>) -> String {
    let mut out = String::new();
    write_into(&mut out, parts, exported_at, source);
    out
}

/// Write into `out`; answers where the `records` and `tombstones` values are in it.
fn write_into(
    out: &mut String,
    parts: &Parts,
    exported_at: &str,
    source: Option<&Source>,
) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    out.reserve(256 + parts.activities.len() * 600);
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    out.push_str("{\n");
    out.push_str(&format!("  \"format\": {},\n", q(FORMAT)));
    out.push_str(&format!("  \"schema\": {SCHEMA},\n"));
    out.push_str(&format!("  \"exported_at\": {},\n", q(exported_at)));
    out.push_str(&format!("  \"app\": {},\n", q(crate::APP_VERSION)));
    if let Some(s) = source {
        out.push_str(&format!(
            "  \"source\": {},\n",
            serde_json::to_string(s).unwrap_or_default()
        ));
    }
    out.push_str("  \"records\": ");
    let records = out.len();
    out.push_str("{\n");
    write_list(out, "locations", &parts.locations, false);
    write_list(out, "units", &parts.units, false);
    write_list(out, "assignments", &parts.assignments, false);
    write_list(out, "plans", &parts.plans, false);
    write_list(out, "activities", &parts.activities, false);
    write_list(out, "models", &parts.models, false);
    write_list(out, "reports", &parts.reports, true);
    out.push_str("  }");
    let records = records..out.len();
    out.push_str(",\n  \"tombstones\": ");
    let tombstones = out.len();
    out.push('[');
    write_items(out, &parts.tombstones, "    ");
    out.push(']');
    let tombstones = tombstones..out.len();
    out.push_str("\n}\n");
    (records, tombstones)
}

fn write_list<T: Serialize>(out: &mut String, name: &str, items: &[T], last: bool) {
    out.push_str(&format!("    \"{name}\": ["));
    write_items(out, items, "      ");
    out.push(']');
    out.push_str(if last { "\n" } else { ",\n" });
}

fn write_items<T: Serialize>(out: &mut String, items: &[T], indent: &str) {
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(indent);
        // Records serialise to JSON without fail: strings, integers, finite floats, JSON values.
        out.push_str(&serde_json::to_string(item).unwrap_or_else(|_| "null".into()));
    }
    if !items.is_empty() {
        out.push('\n');
        out.push_str(&indent[2..]);
    }
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;

/// `donghanh-<unit short name or "toan-tinh">[-<period>]-<yyyy-mm-dd>.json`: who sent it and
/// which year or phase it holds, read at a glance in a mail or a folder (`donghanh-KBNN-2024-…`).
/// The short name keeps its capitals, without diacritics.
pub fn file_name(unit_short_name: Option<&str>, period: Option<&str>, date: &str) -> String {
    let who = unit_short_name
        .map(crate::domain::text::slug_keeping_case)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "toan-tinh".to_string());
    match period
        .map(crate::domain::text::slug_keeping_case)
        .filter(|p| !p.is_empty())
    {
        Some(p) => format!("donghanh-{who}-{p}-{date}.json"),
        None => format!("donghanh-{who}-{date}.json"),
    }
}
