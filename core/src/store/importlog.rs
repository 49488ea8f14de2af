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
    pub unchanged: usize,
    pub conflicts: usize,
    pub invalid: usize,
    pub undone: bool,
}

pub fn parse(text: &str) -> Vec<LogEntry> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn to_text(entries: &[LogEntry]) -> String {
    serde_json::to_string(entries).unwrap_or_else(|_| "[]".into())
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
