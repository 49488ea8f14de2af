//! The open workspace, shared by every page: the data (read through `with`), a version signal
//! that pages track, and the storage status the banners show. Every change is saved at once.

use leptos::prelude::*;

use crate::bundle::import::Prepared;
use crate::bundle::merge::{Choices, Conflict};
use crate::domain::dataset::Collection;
use crate::domain::duplicates::{alias_change, Pair};
use crate::domain::query::LocationIndex;
use crate::domain::record::Record;
use crate::domain::validate::Refs;
use crate::domain::{Dataset, Problem};
use crate::store::backup::{self, Backup};
use crate::store::importlog::LogEntry;
use crate::store::local::{self, LocalStorage};
use crate::store::persist;
use crate::store::workspace::{OpenNotice, SaveError, UndoState, Workspace};
use crate::view::options::{places_during, units_during, Options};

use super::browser::{now_iso, token};

/// What the storage banners show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoreStatus {
    /// The last save failed because storage is full; changes are only in memory.
    pub full: bool,
    /// Storage refused the write for another reason.
    pub refused: Option<String>,
    /// Unreadable data occupies the data key; nothing can be saved until it is removed.
    pub blocked: bool,
    /// Keys of data set aside as unreadable, to download (and then delete).
    pub unreadable: Vec<String>,
    /// Records edited in another tab at the same revision; the later edit was kept.
    pub conflicts: Vec<Conflict>,
    /// Groups of stored data that are gone (see `OpenNotice::Missing`).
    pub missing: Vec<String>,
    pub migrated: bool,
    /// The last import can no longer be undone (`OpenNotice::UndoLost`): its label.
    pub undo_lost: Option<String>,
    /// Pieces of an interrupted save merged in at opening (`OpenNotice::Recovered`).
    pub recovered: usize,
}

#[derive(Clone, Copy)]
pub struct Data {
    ws: StoredValue<Workspace<LocalStorage>, leptos::prelude::LocalStorage>,
    /// Bumped on every change of the data; pages read data inside `with`, which tracks it.
    pub version: RwSignal<u64>,
    pub status: RwSignal<StoreStatus>,
    /// Bumped when the import log or the undo snapshot changes.
    pub log_version: RwSignal<u64>,
    /// When the data last changed and was last exported, for the backup offer (the real
    /// workspace only: the demo needs no backup).
    pub backup: RwSignal<Backup>,
    keeps_backup: bool,
    /// The workspace's name (`data`, or `demo`), which drafts are kept beside.
    pub name: &'static str,
}

impl Data {
    /// Open the workspace stored under `donghanh.<name>` and follow other tabs' changes.
    pub fn open(name: &'static str) -> Data {
        let (mut ws, notices) = Workspace::open(LocalStorage, name, &now_iso());
        // Each tab its own id: only the tab that imported may undo it.
        ws.set_tab(&local::tab_id(token));
        let mut status = StoreStatus {
            blocked: ws.blocked(),
            unreadable: ws.unreadable_keys(),
            missing: ws.missing_groups(),
            ..Default::default()
        };
        status.migrated = notices.contains(&OpenNotice::Migrated);
        status.recovered = notices
            .iter()
            .map(|n| match n {
                OpenNotice::Recovered { chunks } => *chunks,
                _ => 0,
            })
            .sum();
        // The snapshot's label is its import's log id: named by the file and the day it came.
        status.undo_lost = notices.iter().find_map(|n| match n {
            OpenNotice::UndoLost { label } => Some(
                ws.import_log()
                    .into_iter()
                    .find(|e| &e.id == label)
                    .map_or_else(
                        || label.clone(),
                        |e| {
                            format!(
                                "{} ({})",
                                e.file,
                                crate::domain::format::date(e.at.get(..10).unwrap_or(""))
                            )
                        },
                    ),
            ),
            _ => None,
        });
        let needs_save = ws.unsaved();
        let data = Data {
            ws: StoredValue::new_local(ws),
            version: RwSignal::new(0),
            status: RwSignal::new(status),
            log_version: RwSignal::new(0),
            backup: RwSignal::new(backup::load(&LocalStorage)),
            keeps_backup: name == "data",
            name,
        };
        if needs_save {
            data.save();
        }
        // Data worth keeping: ask the browser not to clear it when the disk runs low.
        if data.keeps_backup && !data.with_untracked(Dataset::is_empty) {
            leptos::task::spawn_local(async {
                let _ = persist::request().await;
            });
        }
        local::on_external_change(move |changed, new_value| {
            let Some(changed) = changed else { return };
            if changed == backup::key() {
                data.backup.set(backup::load(&LocalStorage));
                return;
            }
            let change = data
                .ws
                .try_update_value(|ws| ws.external_change(&changed, new_value.as_deref()));
            if let Some(change) = change.filter(|c| c.changed) {
                if !change.conflicts.is_empty() {
                    data.status.update(|s| s.conflicts.extend(change.conflicts));
                }
                data.version.update(|v| *v += 1);
                if change.needs_save {
                    data.save();
                }
            }
        });
        data
    }

    /// Read the data (tracks `version`).
    pub fn with<R>(&self, f: impl FnOnce(&Dataset) -> R) -> R {
        self.version.track();
        self.ws.with_value(|ws| f(ws.data()))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Dataset) -> R) -> R {
        self.ws.with_value(|ws| f(ws.data()))
    }

    /// Read the data with its index of places, built once per change of the data and shared
    /// by every screen (tracks `version`).
    pub fn with_places<R>(&self, f: impl FnOnce(&Dataset, &LocationIndex) -> R) -> R {
        self.version.track();
        self.ws.with_value(|ws| f(ws.data(), ws.places()))
    }

    pub fn with_places_untracked<R>(&self, f: impl FnOnce(&Dataset, &LocationIndex) -> R) -> R {
        self.ws.with_value(|ws| f(ws.data(), ws.places()))
    }

    /// Change the data and save at once.
    pub fn edit<R>(&self, f: impl FnOnce(&mut Dataset) -> R) -> R {
        let r = self.ws.try_update_value(|ws| ws.edit(f));
        self.version.update(|v| *v += 1);
        self.save();
        r.expect("the workspace lives as long as the app")
    }

    /// A change of the data was saved: remember it for the backup offer (kept in storage, so
    /// every tab agrees), and ask the browser to keep the data for good.
    fn note_change(&self) {
        // The signal follows storage (this tab's writes and other tabs' events): once a change
        // is noted, later saves cost no read or write.
        if !self.keeps_backup || self.backup.with_untracked(|b| b.changed_since.is_some()) {
            return;
        }
        let mut b = backup::load(&LocalStorage);
        b.changed(&now_iso());
        let _ = backup::save(&mut LocalStorage, &b);
        leptos::task::spawn_local(async {
            let _ = persist::request().await;
        });
        self.backup.set(b);
    }

    /// The data was exported (downloaded): the backup offer rests until the next change.
    pub fn note_export(&self) {
        if !self.keeps_backup {
            return;
        }
        let mut b = backup::load(&LocalStorage);
        b.exported(&now_iso());
        let _ = backup::save(&mut LocalStorage, &b);
        self.backup.set(b);
    }

    /// "Not now" on the backup offer.
    pub fn snooze_backup(&self) {
        let mut b = backup::load(&LocalStorage);
        b.snooze(&now_iso());
        let _ = backup::save(&mut LocalStorage, &b);
        self.backup.set(b);
    }

    /// Write to localStorage, folding in other tabs' changes; the banners follow the result.
    pub fn save(&self) {
        let Some((result, merged, changed)) = self.ws.try_update_value(|ws| {
            let before = ws.generation();
            let changed = ws.unsaved();
            let result = ws.save(&token(), &now_iso());
            (result, ws.generation() != before, changed)
        }) else {
            return;
        };
        if changed && result.is_ok() {
            self.note_change();
        }
        let unreadable = self.ws.with_value(|ws| ws.unreadable_keys());
        let blocked = self.ws.with_value(|ws| ws.blocked());
        let missing = self.ws.with_value(|ws| ws.missing_groups());
        self.status.update(|s| {
            s.missing = missing;
            s.full = matches!(result, Err(SaveError::Full));
            s.refused = match &result {
                Err(SaveError::Refused(m)) => Some(m.clone()),
                _ => None,
            };
            s.blocked = blocked;
            s.unreadable = unreadable;
            if let Ok(conflicts) = &result {
                s.conflicts.extend(conflicts.iter().cloned());
            }
        });
        self.take_notices();
        // Another tab's records folded in by the save: the pages show them.
        if merged {
            self.version.update(|v| *v += 1);
        }
    }

    /// What saving, an import or an undo found for the banners: an index another tab left
    /// unreadable (set aside), records another tab's edit superseded.
    fn take_notices(&self) {
        let Some((notices, superseded)) = self.ws.try_update_value(|ws| ws.take_notices()) else {
            return;
        };
        if notices.is_empty() && superseded.is_empty() {
            return;
        }
        let unreadable = self.ws.with_value(|ws| ws.unreadable_keys());
        let blocked = self.ws.with_value(|ws| ws.blocked());
        self.status.update(|s| {
            s.unreadable = unreadable;
            s.blocked = blocked;
            s.conflicts.extend(superseded);
        });
    }

    /// Merge a previewed bundle: snapshot first (for undo), then merge and save, all or
    /// nothing; then log it. Returns the log entry.
    pub fn import(
        &self,
        prepared: &Prepared,
        choices: &Choices,
        file: &str,
    ) -> Result<LogEntry, SaveError> {
        // A refused change from beyond its file's scope gives way to a copy from within.
        let entry = LogEntry::of(prepared, choices, file);
        let (incoming, choices) =
            self.with_untracked(|ds| prepared.to_save(choices, ds, &now_iso()));
        self.merge_logged(&incoming, &choices, entry)
    }

    /// Two units or places taken for one: the kept record names the other as an alias. Made,
    /// logged and undone like an import ("Hoàn tác" on the import screen or beside the notice).
    pub fn merge_duplicate(&self, pair: &Pair, label: String) -> Result<LogEntry, SaveError> {
        let now = now_iso();
        let Some(change) = self.with_untracked(|ds| alias_change(ds, pair, &now)) else {
            return Err(SaveError::Refused(label));
        };
        let entry = LogEntry {
            file: label,
            updated: 1,
            ..LogEntry::default()
        };
        self.merge_logged(&change, &Choices::default(), entry)
    }

    /// Snapshot (for undo), merge and save, all or nothing; then log it.
    fn merge_logged(
        &self,
        incoming: &Dataset,
        choices: &Choices,
        entry: LogEntry,
    ) -> Result<LogEntry, SaveError> {
        let now = now_iso();
        let entry = LogEntry {
            id: token(),
            at: now.clone(),
            ..entry
        };
        let result = self
            .ws
            .try_update_value(|ws| {
                ws.take_snapshot(&entry.id, &token(), &now)?;
                ws.merge_in(incoming, choices, &token(), &now)?;
                // The log is a record of what happened; failing to write it loses no data.
                let _ = ws.record_import(entry.clone());
                Ok(entry)
            })
            .unwrap_or(Err(SaveError::Refused("workspace closed".into())));
        if result.is_ok() {
            self.note_change();
        }
        self.version.update(|v| *v += 1);
        self.log_version.update(|v| *v += 1);
        let missing = self.ws.with_value(|ws| ws.missing_groups());
        self.status.update(|s| {
            s.full = matches!(result, Err(SaveError::Full));
            s.missing = missing;
            if result.is_ok() {
                s.undo_lost = None;
            }
        });
        self.take_notices();
        result
    }

    /// Whether this tab's last import can be undone, or redone after an undo.
    pub fn undoable(&self) -> Option<UndoState> {
        self.log_version.track();
        self.ws.with_value(|ws| ws.undo_state())
    }

    /// Go back to the state before the last import. Returns how many records changed.
    pub fn undo_import(&self) -> Result<usize, SaveError> {
        let result = self
            .ws
            .try_update_value(|ws| {
                let state = ws.undo_state();
                let changed = ws.restore_snapshot(&token(), &now_iso())?;
                if let Some(state) = state {
                    let log = ws.import_log();
                    if let Some(mut e) = log.into_iter().find(|e| e.id == state.label) {
                        e.undone = !state.redo;
                        let _ = ws.record_import(e);
                    }
                }
                Ok(changed)
            })
            .unwrap_or(Ok(0));
        if matches!(result, Ok(n) if n > 0) {
            self.note_change();
        }
        self.version.update(|v| *v += 1);
        self.log_version.update(|v| *v += 1);
        self.take_notices();
        result
    }

    pub fn import_log(&self) -> Vec<LogEntry> {
        self.log_version.track();
        self.ws.with_value(|ws| ws.import_log())
    }

    /// Check a record against the workspace (its references, codes, dates, money) and, if it
    /// passes, store it as a local edit. The problems are returned for the form to show.
    pub fn save_record<T: Record>(
        &self,
        record: T,
        check: fn(&T, &Refs, &mut Vec<Problem>),
    ) -> Result<(), Vec<Problem>>
    where
        Dataset: Collection<T>,
    {
        let problems = self.with_untracked(|ds| {
            let refs = Refs::of(&[ds]);
            let mut out = Vec::new();
            check(&record, &refs, &mut out);
            out
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        self.edit(|ds| ds.put(record));
        Ok(())
    }

    /// The record a form edits (by id), or a new one with a fresh id.
    pub fn editing_or_new<T: Record>(&self, editing: Option<String>) -> T
    where
        Dataset: Collection<T>,
    {
        editing
            .and_then(|id| self.with_untracked(|ds| ds.get::<T>(&id).cloned()))
            .unwrap_or_else(|| T::with_id(super::browser::new_id()))
    }

    /// Units, and current communes and villages, for a form's selects (they follow the data).
    /// Units and places for a record of `span` (first and last ISO day; today's when None):
    /// what existed at some time of it, so a late entry for 2023 can name a merged commune.
    pub fn unit_and_place_choices(
        self,
        span: Memo<Option<(String, String)>>,
    ) -> (Memo<Options>, Memo<Options>) {
        let units = Memo::new(move |_| {
            let span = span.get();
            let span = span.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
            self.with(|ds| units_during(ds, span))
        });
        let places = Memo::new(move |_| {
            let span = span.get();
            let span = span.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
            self.with_places(|ds, idx| places_during(ds, idx, &["commune", "village"], span))
        });
        (units, places)
    }

    pub fn unsaved(&self) -> bool {
        self.ws.with_value(|ws| ws.unsaved())
    }

    /// Raw text of data set aside, for download.
    pub fn unreadable_text(&self, key: &str) -> Option<String> {
        local::get(key).ok().flatten()
    }

    pub fn discard_unreadable(&self, key: &str) {
        self.ws.update_value(|ws| ws.discard_unreadable(key));
        let keys = self.ws.with_value(|ws| ws.unreadable_keys());
        let blocked = self.ws.with_value(|ws| ws.blocked());
        self.status.update(|s| {
            s.unreadable = keys;
            s.blocked = blocked;
        });
        if self.unsaved() {
            self.save();
        }
    }
}
