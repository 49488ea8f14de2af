//! The import log: when, which file, from which unit, what it did, and whether it was undone.

use serde::{Deserialize, Serialize};

/// How many entries are kept (the oldest go first).
pub const KEEP: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogEntry {
    pub id: String,
    /// RFC 3339.
    pub at: String,
    pub file: String,
    pub source_unit: Option<String>,
    pub source_label: Option<String>,
    pub exported_at: Option<String>,
    pub new: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    /// Copies in the file older than the ones here (applied again only if `older_applied`).
    pub older: usize,
    pub older_applied: bool,
    pub conflicts: usize,
    pub invalid: usize,
    /// Changes outside the sending unit's scope: applied (the person accepted them) or refused.
    pub foreign_applied: usize,
    pub foreign_refused: usize,
    /// The file's digest did not match and the person imported it anyway.
    pub altered: bool,
    pub undone: bool,
}

impl LogEntry {
    /// An entry for `prepared` imported as `file` with the boxes as ticked.
    pub fn of(
        prepared: &crate::bundle::import::Prepared,
        choices: &crate::bundle::merge::Choices,
        file: &str,
    ) -> LogEntry {
        let t = prepared.preview.total();
        let foreign = prepared.authority.foreign.len();
        LogEntry {
            file: file.to_string(),
            source_unit: prepared.source.as_ref().and_then(|s| s.unit_id.clone()),
            source_label: prepared.source.as_ref().and_then(|s| s.label.clone()),
            exported_at: prepared.exported_at.clone(),
            new: t.new,
            updated: t.updated,
            deleted: t.deleted,
            unchanged: t.unchanged,
            older: t.older,
            older_applied: choices.take_older && t.older > 0,
            conflicts: t.conflicts,
            invalid: prepared.invalid_total(),
            foreign_applied: foreign - choices.refused.len().min(foreign),
            foreign_refused: choices.refused.len().min(foreign),
            altered: prepared.integrity == crate::bundle::digest::Integrity::Differs,
            ..LogEntry::default()
        }
    }
}

/// A stored log: the entries this version reads, and those it cannot (a field of another type,
/// written by a newer app or damaged), kept as they were and written back after the others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Log {
    pub entries: Vec<LogEntry>,
    /// Their JSON text as stored.
    pub unreadable: Vec<String>,
}

/// The log in `text`, entry by entry; `None` when the text is not a list at all (then it must be
/// set aside before a new log is written over it). Read through raw JSON rather than a
/// `serde_json::Value`, whose reader would add to the first load.
pub fn read(text: &str) -> Option<Log> {
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).ok()?;
    let mut log = Log::default();
    for item in items {
        match serde_json::from_str::<LogEntry>(item.get()) {
            Ok(e) => log.entries.push(e),
            Err(_) => log.unreadable.push(item.get().to_string()),
        }
    }
    Some(log)
}

/// The entries this version reads (none when the text is not a log).
pub fn parse(text: &str) -> Vec<LogEntry> {
    read(text).map(|l| l.entries).unwrap_or_default()
}

pub fn to_text(entries: &[LogEntry]) -> String {
    serde_json::to_string(entries).unwrap_or_else(|_| "[]".into())
}

/// The log as stored: readable entries, then the unreadable ones unchanged.
pub fn log_text(log: &Log) -> String {
    let items: Vec<String> = log
        .entries
        .iter()
        .filter_map(|e| serde_json::to_string(e).ok())
        .chain(log.unreadable.iter().cloned())
        .collect();
    format!("[{}]", items.join(","))
}

/// Newest first, at most `KEEP`.
pub fn push(entries: &mut Vec<LogEntry>, entry: LogEntry) {
    entries.insert(0, entry);
    entries.truncate(KEEP);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest() {
        let mut log = Vec::new();
        for i in 0..(KEEP + 5) {
            push(
                &mut log,
                LogEntry {
                    id: i.to_string(),
                    ..Default::default()
                },
            );
        }
        assert_eq!(log.len(), KEEP);
        assert_eq!(log[0].id, (KEEP + 4).to_string());
        assert_eq!(parse(&to_text(&log)), log);
        assert!(parse("garbage").is_empty());
    }
}
