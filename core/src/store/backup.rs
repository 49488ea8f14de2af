//! When to offer a backup: the data changed since the last export, and no export was made for
//! 14 days (counted from the first change when there never was one). The shell offers "Sao lưu
//! ngay"; dismissed, the offer rests for a day. Kept in storage beside the data, so every tab of
//! the browser agrees.

use serde::{Deserialize, Serialize};

use super::backend::{Backend, WriteError};
use super::KEY_PREFIX;
use crate::domain::dates::epoch_seconds;

/// Days without an export before the offer.
pub const DAYS: i64 = 14;
const DAY: i64 = 24 * 3600;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Backup {
    /// The last export of the data (any export: the whole province or one unit).
    pub last_export: Option<String>,
    /// The first change saved after that export (None: nothing changed since).
    pub changed_since: Option<String>,
    /// The offer was dismissed until then.
    pub snoozed_until: Option<String>,
}

impl Backup {
    /// A change of the data was saved at `now`.
    pub fn changed(&mut self, now: &str) {
        if self.changed_since.is_none() {
            self.changed_since = Some(now.to_string());
        }
    }

    pub fn exported(&mut self, now: &str) {
        self.last_export = Some(now.to_string());
        self.changed_since = None;
        self.snoozed_until = None;
    }

    /// Not now: ask again in a day.
    pub fn snooze(&mut self, now: &str) {
        self.snoozed_until = epoch_seconds(now).map(|s| iso(s + DAY));
    }

    /// Whether to offer a backup at `now`.
    pub fn due(&self, now: &str) -> bool {
        let (Some(changed), Some(now)) = (&self.changed_since, epoch_seconds(now)) else {
            return false;
        };
        let since = self.last_export.as_ref().unwrap_or(changed);
        let snoozed = self
            .snoozed_until
            .as_deref()
            .and_then(epoch_seconds)
            .is_some_and(|until| now < until);
        epoch_seconds(since).is_some_and(|s| now - s >= DAYS * DAY) && !snoozed
    }

    /// Whole days since the last export (None: never exported).
    pub fn days_since_export(&self, now: &str) -> Option<i64> {
        let last = epoch_seconds(self.last_export.as_deref()?)?;
        Some((epoch_seconds(now)? - last) / DAY)
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970.
fn iso(secs: i64) -> String {
    let rest = secs.rem_euclid(DAY);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::domain::dates::iso_of_days(secs.div_euclid(DAY)),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The storage key (one per browser: the real workspace's).
pub fn key() -> String {
    format!("{KEY_PREFIX}backup")
}

pub fn load(store: &impl Backend) -> Backup {
    store
        .get(&key())
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save(store: &mut impl Backend, b: &Backup) -> Result<(), WriteError> {
    store.set(&key(), &serde_json::to_string(b).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backend::Memory;

    #[test]
    fn offered_after_fourteen_days_without_an_export_once_data_changed() {
        let mut b = Backup::default();
        assert!(!b.due("2026-12-30T00:00:00Z"), "nothing changed");
        b.changed("2026-11-01T08:00:00Z");
        assert!(!b.due("2026-11-14T08:00:00Z"));
        assert!(
            b.due("2026-11-15T08:00:00Z"),
            "14 days after the first change"
        );
        b.exported("2026-11-15T09:00:00Z");
        assert!(
            !b.due("2026-12-20T00:00:00Z"),
            "exported, nothing changed since"
        );
        b.changed("2026-12-20T00:00:00Z");
        assert!(
            b.due("2026-12-20T00:00:01Z"),
            "34 whole days since the export"
        );
        assert_eq!(b.days_since_export("2026-12-20T00:00:01Z"), Some(34));
        b.changed("2026-12-21T00:00:00Z");
        assert_eq!(b.changed_since.as_deref(), Some("2026-12-20T00:00:00Z"));
        // Dismissed: a day of rest, then again.
        b.snooze("2026-12-20T10:00:00Z");
        assert_eq!(b.snoozed_until.as_deref(), Some("2026-12-21T10:00:00Z"));
        assert!(!b.due("2026-12-21T09:59:59Z"));
        assert!(b.due("2026-12-21T10:00:00Z"));
        assert_eq!(iso(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn kept_in_storage_and_unreadable_text_is_a_fresh_start() {
        let mut store = Memory::default();
        let mut b = Backup::default();
        b.changed("2026-11-01T08:00:00Z");
        save(&mut store, &b).expect("saved");
        assert_eq!(load(&store), b);
        store.set(&key(), "{garbage").expect("set");
        assert_eq!(load(&store), Backup::default());
    }
}
