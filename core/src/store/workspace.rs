//! One workspace's data and its stored copy: a manifest naming one chunk per group (see
//! `chunks`, `codec`). A save writes only the groups that changed, under new keys, then
//! switches the manifest: all or nothing, and a full quota loses nothing. Unreadable data is
//! kept (never deleted unasked); changes from other tabs are folded in with the bundle merge
//! rule. Generic over the backend so every rule is tested natively.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use crate::bundle::merge::{apply_decided, converge, Choices, Conflict};
use crate::domain::aliases::Aliases;
use crate::domain::dates::epoch_seconds;
use crate::domain::query::LocationIndex;
use crate::domain::{order, Dataset};

use super::backend::{Backend, WriteError};
use super::chunks::{fingerprints, group_texts_of, written_activities};
use super::codec::{self, fp_text, ChunkRef, Manifest};
use super::importlog::{self, LogEntry};
use super::synced::{self, Synced};

/// Prefix of keys holding data this app could not read.
pub const UNREADABLE_PREFIX: &str = "donghanh.unreadable.";

/// Why nothing is saved after a read failed at opening (shown after "Trình duyệt không cho lưu
/// dữ liệu:").
pub const READ_FAILED: &str = "không đọc được bộ nhớ của trình duyệt lúc mở trang (could not read the browser's storage when the page opened). Hãy tải lại trang (reload the page).";

/// Chunks not named by the manifest are left in place this long: another tab may be mid-save.
const ORPHAN_GRACE_SECONDS: i64 = 120;

/// How many times a save starts again when another tab's save lands in the middle of it.
const SAVE_ATTEMPTS: usize = 3;

/// One try at saving.
enum Attempt {
    Saved(Vec<Conflict>),
    /// Another tab wrote the index meanwhile: what this try wrote is removed (the conflicts
    /// its catching up settled are kept for the page).
    Overtaken(Vec<Conflict>),
}

/// What opening found, for the page to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenNotice {
    /// Stored data could not be read (wholly or partly); it is kept under `key`.
    Unreadable { key: String },
    /// The stored index could not be read and there was no room to copy it aside: it stays
    /// where it is, and nothing is saved until the user downloads and removes it.
    Blocked,
    /// Data written by an interrupted save was found and merged in.
    Recovered { chunks: usize },
    /// Stored by an older app version and migrated.
    Migrated,
    /// The index names data that is not in storage any more (cleared by another program, or
    /// lost): its group is shown as missing until data for it comes back (an import).
    Missing { group: String },
    /// The last import's undo names data that cannot be read: it is not offered (it could
    /// delete records the import did not add), and the page says so now rather than when the
    /// button is pressed. Its label.
    UndoLost { label: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Quota used up: the change is kept in memory, the stored copy is the last good one.
    Full,
    Refused(String),
    /// Unreadable data occupies the workspace key and could not be moved aside.
    Blocked,
    /// Undo cannot read all the data the snapshot names: going back could delete records the
    /// import did not add, so nothing is done.
    SnapshotUnreadable,
    /// Undo would have to put a record above the highest revision a bundle may carry.
    AtCeiling {
        id: String,
    },
}

pub struct Workspace<B: Backend> {
    pub backend: B,
    /// The manifest key; chunk keys are `<key>.<group>.<stamp>`.
    key: String,
    data: Dataset,
    /// The stored manifest as this tab last loaded or wrote it.
    manifest: Manifest,
    /// Its write token.
    seen: Option<String>,
    unsaved: bool,
    /// This tab's id, for the snapshot (see `Snapshot::tab`).
    tab: String,
    blocked: bool,
    /// Chunk keys that could not be read (left in place).
    unreadable_chunks: BTreeSet<String>,
    /// Orphan chunks merged at open, removed after the next good save.
    merged_orphans: Vec<String>,
    /// The location index of `data`, built on first use after each change (`data_mut`).
    places: OnceCell<LocationIndex>,
    /// Counts the changes of `data` (`data_mut`), so the page can tell whether a save merged
    /// another tab's records.
    generation: u64,
    /// Groups the manifest names whose chunk is not in storage: their entry is kept, so a save
    /// does not forget them and every opening says so, until records of the group come back.
    missing: BTreeSet<String>,
    /// Groups stored in an older chunk encoding (no checksum): written again at the next save.
    stale: BTreeSet<String>,
    /// The snapshot names data that cannot be read (`OpenNotice::UndoLost`).
    undo_lost: bool,
    /// A read failed at opening: what is in memory may lack stored data, so nothing is written
    /// until the page is opened again.
    read_failed: bool,
    /// Found while saving, for `take_notices`.
    later_notices: Vec<OpenNotice>,
    superseded: Vec<Conflict>,
    /// The stored copies as this tab knows them (None: nothing changed here since opening), so
    /// another tab's later revision of a record changed here is announced (`synced`).
    synced: Option<Synced>,
}

impl<B: Backend> Workspace<B> {
    /// Open the workspace stored under `donghanh.<name>`.
    pub fn open(backend: B, name: &str, now: &str) -> (Self, Vec<OpenNotice>) {
        let mut ws = Workspace {
            backend,
            key: format!("{}{name}", super::KEY_PREFIX),
            data: Dataset::default(),
            manifest: Manifest {
                schema: crate::bundle::SCHEMA,
                ..Default::default()
            },
            seen: None,
            unsaved: false,
            tab: String::new(),
            blocked: false,
            unreadable_chunks: BTreeSet::new(),
            merged_orphans: Vec::new(),
            places: OnceCell::new(),
            generation: 0,
            missing: BTreeSet::new(),
            stale: BTreeSet::new(),
            undo_lost: false,
            read_failed: false,
            later_notices: Vec::new(),
            superseded: Vec::new(),
            synced: None,
        };
        let mut notices = Vec::new();
        let mut index_lost = false;
        let stored = ws.backend.get(&ws.key);
        let index_read = stored.is_ok();
        ws.read_failed = !index_read;
        // No index beside chunks of data: it was lost (set aside by an opening that could not
        // save, or removed by another program), as when it cannot be read.
        if matches!(stored, Ok(None)) {
            let prefix = format!("{}.", ws.key);
            index_lost = ws.backend.keys().iter().any(|k| k.starts_with(&prefix));
        }
        if let Ok(Some(raw)) = stored {
            match codec::decode_manifest(&raw) {
                Ok(m) => {
                    ws.seen = codec::token(&raw).map(str::to_string);
                    let groups: Vec<(String, ChunkRef)> = m.chunks.clone().into_iter().collect();
                    ws.manifest = m;
                    for (group, chunk) in groups {
                        let head = ws.backend.get_prefix(&chunk.key, 4);
                        if head.is_err() {
                            ws.read_failed = true;
                            continue;
                        }
                        let Ok(Some(head)) = head else {
                            notices.push(OpenNotice::Missing {
                                group: group.clone(),
                            });
                            ws.missing.insert(group);
                            continue;
                        };
                        if !ws.load_chunk(&chunk.key, &mut notices) {
                            if !ws.unreadable_chunks.contains(&chunk.key) {
                                // The read itself failed: nothing is written over it.
                                ws.read_failed = true;
                                continue;
                            }
                            // Rewritten from what could be read at the next save.
                            ws.manifest.chunks.remove(&group);
                            ws.unsaved = true;
                        } else if !codec::is_current_chunk(&head) {
                            ws.stale.insert(group);
                            ws.unsaved = true;
                        }
                    }
                }
                Err(_) => {
                    notices.push(ws.set_aside_manifest(&raw, now));
                    ws.unsaved = true;
                    index_lost = true;
                }
            }
        }
        // Only once the index was read can a chunk be told to be an orphan; the next save
        // reads it again and folds in what it names.
        if index_read {
            ws.merge_orphans(now, &mut notices, index_lost);
        }
        ws.read_through_aliases(None);
        if let Some(snap) = ws.read_snapshot() {
            let readable = |m: &Manifest| ws.read_state(m).is_some();
            if !readable(&snap.manifest) || snap.after.as_ref().is_some_and(|a| !readable(a)) {
                ws.undo_lost = true;
                notices.push(OpenNotice::UndoLost { label: snap.label });
            }
        }
        (ws, notices)
    }

    /// Add a chunk named by the manifest to the data (chunks hold disjoint groups, so this
    /// appends; orphans are merged instead). False when it could not be read (it is kept and
    /// listed).
    fn load_chunk(&mut self, key: &str, notices: &mut Vec<OpenNotice>) -> bool {
        self.read_chunk(key, notices, false)
    }

    fn read_chunk(&mut self, key: &str, notices: &mut Vec<OpenNotice>, merge: bool) -> bool {
        let Ok(Some(text)) = self.backend.get(key) else {
            return false;
        };
        match codec::decode_chunk(&text) {
            Ok(bundle) => {
                if bundle
                    .notices
                    .iter()
                    .any(|n| matches!(n, crate::bundle::format::Notice::Migrated { .. }))
                {
                    notices.push(OpenNotice::Migrated);
                    self.unsaved = true;
                }
                let rejected = !bundle.rejected.is_empty();
                if merge {
                    // What an orphan adds was never stored under the index: a change here.
                    self.changing();
                    let mut orphan = bundle.data;
                    super::fold_aliases::drop_read_copies(&mut orphan, &self.data);
                    // Two copies at one revision: the later edit, as between tabs.
                    let conflicts = converge(self.data_mut(), &orphan);
                    self.superseded.extend(conflicts);
                } else {
                    self.data_mut().absorb(bundle.data);
                }
                if !rejected {
                    true
                } else {
                    self.unreadable_chunks.insert(key.to_string());
                    notices.push(OpenNotice::Unreadable {
                        key: key.to_string(),
                    });
                    false
                }
            }
            Err(_) => {
                self.unreadable_chunks.insert(key.to_string());
                notices.push(OpenNotice::Unreadable {
                    key: key.to_string(),
                });
                false
            }
        }
    }

    /// Chunks under this workspace's prefix that the manifest does not name: left by a save
    /// that was interrupted, or by a corrupt manifest. Their records are merged in (higher rev
    /// wins, so nothing newer is undone); the chunks go after the next good save. When the index
    /// itself was lost, the chunks an undo point names are read too — most of the data was in
    /// them — and left in place for the undo.
    fn merge_orphans(&mut self, now: &str, notices: &mut Vec<OpenNotice>, index_lost: bool) {
        let pinned = self.pinned();
        let mut named: BTreeSet<&str> =
            order::tree(self.manifest.chunks.values().map(|c| c.key.as_str()));
        if !index_lost {
            named.extend(pinned.iter().map(String::as_str));
        }
        let prefix = format!("{}.", self.key);
        let now_s = epoch_seconds(now).unwrap_or(i64::MAX);
        let young = |k: &str| stamp_seconds(k).is_some_and(|t| now_s - t < ORPHAN_GRACE_SECONDS);
        let orphans: Vec<String> = self
            .backend
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(&prefix) && !named.contains(k.as_str()))
            .filter(|k| !self.unreadable_chunks.contains(k))
            .collect();
        let mut merged = 0;
        for key in orphans {
            // A young chunk is read too (it may hold the newest data: a save another tab is
            // finishing, or one whose index another tab wrote over) but left in place: another
            // tab may be about to name it. It is news only if it adds something.
            let before = young(&key).then(|| fingerprints(&self.data));
            let mut ignore = Vec::new();
            let read = self.read_chunk(&key, &mut ignore, true);
            if !read && !self.unreadable_chunks.contains(&key) {
                // The read failed: left as it is, and nothing is written this session.
                self.read_failed = true;
                continue;
            }
            if before.is_some() && !read {
                // Not ours to judge yet (another tab may be writing under that name).
                self.unreadable_chunks.remove(&key);
                continue;
            }
            if before.is_some_and(|fps| fps == fingerprints(&self.data)) {
                continue;
            }
            if read {
                merged += 1;
                if !pinned.contains(&key) && !young(&key) {
                    self.merged_orphans.push(key);
                }
            } else {
                notices.extend(ignore);
            }
        }
        if merged > 0 {
            self.unsaved = true;
            notices.push(OpenNotice::Recovered { chunks: merged });
        }
    }

    /// Copy an unreadable manifest to its own key; it is overwritten only once the copy exists.
    fn set_aside_manifest(&mut self, raw: &str, now: &str) -> OpenNotice {
        let stamp: String = now.chars().filter(char::is_ascii_alphanumeric).collect();
        let key = format!("{UNREADABLE_PREFIX}{stamp}");
        match self.backend.set(&key, raw) {
            Ok(()) => {
                self.backend.remove(&self.key);
                OpenNotice::Unreadable { key }
            }
            Err(_) => {
                self.blocked = true;
                OpenNotice::Blocked
            }
        }
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The places of `data`, indexed once per change of the data (every screen shares it).
    pub fn places(&self) -> &LocationIndex {
        self.places
            .get_or_init(|| LocationIndex::new(&self.data.locations))
    }

    /// The data, to change: the index of places is built again on its next use.
    fn data_mut(&mut self) -> &mut Dataset {
        self.places.take();
        self.generation += 1;
        &mut self.data
    }

    /// Goes up whenever the data may have changed: an edit, an import, an undo, or another
    /// tab's records folded in (also by a save).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// Changes not yet written (a failed save, or an edit before `save`).
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    pub fn blocked(&self) -> bool {
        self.blocked
    }

    /// Groups whose stored data is missing (see `OpenNotice::Missing`).
    pub fn missing_groups(&self) -> Vec<String> {
        self.missing.iter().cloned().collect()
    }

    /// Change the data in memory; `save` writes it.
    pub fn edit<R>(&mut self, f: impl FnOnce(&mut Dataset) -> R) -> R {
        self.changing();
        self.unsaved = true;
        f(self.data_mut())
    }

    /// Read the data here through its aliases and those `with` carries; what changed is written
    /// again at the next save (the fingerprints cannot see a reference read anew).
    fn read_through_aliases(&mut self, with: Option<&Dataset>) {
        let aliases = match with {
            Some(other) => Aliases::of(&[&self.data, other]),
            None => Aliases::of(&[&self.data]),
        };
        if !aliases.is_empty() && aliases.apply(self.data_mut()) > 0 {
            self.rewrite_all();
        }
    }

    /// Every group is written again at the next save.
    fn rewrite_all(&mut self) {
        self.unsaved = true;
        let groups: Vec<String> = fingerprints(&self.data).into_keys().collect();
        self.stale.extend(groups);
    }

    /// About to change the data here: remember what is stored first (see `synced`).
    fn changing(&mut self) {
        if self.synced.is_none() {
            self.synced = Some(Synced::of(&self.data));
        }
    }

    /// Write what changed under a fresh `token`. If another tab wrote since we last looked, its
    /// changes are merged in first (higher rev wins), so no edit is silently overwritten; the
    /// conflicts settled by `updated_at` are returned for the page to report.
    pub fn save(&mut self, token: &str, now: &str) -> Result<Vec<Conflict>, SaveError> {
        let mut conflicts = Vec::new();
        // Browsers do not lock storage between tabs: another tab's whole save can land between
        // our catching up and our writing the index. Then we start again from its index, a few
        // times; past that, the chunks we orphan are read back by the next opening.
        for attempt in 0..SAVE_ATTEMPTS {
            match self.save_once(token, now, attempt + 1 == SAVE_ATTEMPTS)? {
                Attempt::Saved(more) => {
                    conflicts.extend(more);
                    return Ok(conflicts);
                }
                Attempt::Overtaken(more) => conflicts.extend(more),
            }
        }
        Ok(conflicts)
    }

    /// Whether another tab wrote the index since this tab last read or wrote it.
    fn overtaken(&self) -> Result<bool, SaveError> {
        let head = self
            .backend
            .get_prefix(&self.key, 200)
            .map_err(|_| SaveError::Refused(READ_FAILED.into()))?;
        Ok(match head {
            Some(head) => codec::token(&head) != self.seen.as_deref(),
            None => self.seen.is_some(),
        })
    }

    fn save_once(&mut self, token: &str, now: &str, last: bool) -> Result<Attempt, SaveError> {
        let conflicts = self.ready_to_write(now)?;
        let fps = fingerprints(&self.data);
        let dirty: Vec<&str> = fps
            .iter()
            .filter(|(g, fp)| {
                self.missing.contains(*g)
                    || self.stale.contains(*g)
                    || self.manifest.chunks.get(*g).map(|c| c.fp.as_str()) != Some(&fp_text(**fp))
            })
            .map(|(g, _)| g.as_str())
            .collect();
        // A missing group keeps its entry until records of it come back.
        let gone: Vec<String> = self
            .manifest
            .chunks
            .keys()
            .filter(|g| !fps.contains_key(*g) && !self.missing.contains(*g))
            .cloned()
            .collect();
        if dirty.is_empty() && gone.is_empty() && self.seen.is_some() {
            self.unsaved = false;
            self.drop_merged_orphans();
            return Ok(Attempt::Saved(conflicts));
        }

        let stamp: String = now.chars().filter(char::is_ascii_digit).collect();
        let mut next = self.manifest.clone();
        next.schema = crate::bundle::SCHEMA;
        let mut written: Vec<String> = Vec::new();
        let mut replaced: Vec<String> = Vec::new();
        let activities = written_activities(&self.data, &dirty);
        let texts = group_texts_of(&self.data, &dirty, &activities, now);
        for (group, text) in texts {
            let mut key = format!("{}.{group}.{stamp}-{token}", self.key);
            // Never write over a key that exists (a save in the same second with the same
            // token): aborting would then remove a chunk the stored index still names.
            while self.backend.get_prefix(&key, 1).ok().flatten().is_some() {
                key.push('x');
            }
            if let Err(e) = self.backend.set(&key, &codec::encode_chunk(&text)) {
                return Err(self.abort(&written, e));
            }
            written.push(key.clone());
            let fp = fp_text(fps[&group]);
            if let Some(old) = next.chunks.insert(group, ChunkRef { key, fp }) {
                replaced.push(old.key);
            }
        }
        for group in gone {
            if let Some(old) = next.chunks.remove(&group) {
                replaced.push(old.key);
            }
        }
        match self.overtaken() {
            Ok(true) if !last => {
                self.remove_written(&written);
                return Ok(Attempt::Overtaken(conflicts));
            }
            Ok(_) => {}
            Err(e) => {
                self.remove_written(&written);
                return Err(e);
            }
        }
        if let Err(e) = self
            .backend
            .set(&self.key, &codec::encode_manifest(&next, token))
        {
            return Err(self.abort(&written, e));
        }
        let pinned = self.pinned();
        for k in replaced
            .into_iter()
            .filter(|k| !pinned.contains(k) && !self.unreadable_chunks.contains(k))
        {
            self.backend.remove(&k);
        }
        self.manifest = next;
        self.seen = Some(token.to_string());
        self.unsaved = false;
        if let Some(synced) = &mut self.synced {
            let written: Vec<usize> = activities.values().flatten().copied().collect();
            synced.saved(&self.data, &dirty, &written);
        }
        self.missing.retain(|g| !fps.contains_key(g));
        self.stale.clear();
        self.drop_merged_orphans();
        Ok(Attempt::Saved(conflicts))
    }

    /// Whether this tab may write (not blocked, every read at opening done), having folded in
    /// what another tab stored meanwhile: the conflicts that settled.
    fn ready_to_write(&mut self, now: &str) -> Result<Vec<Conflict>, SaveError> {
        if self.blocked {
            return Err(SaveError::Blocked);
        }
        if self.read_failed {
            return Err(SaveError::Refused(READ_FAILED.into()));
        }
        let conflicts = self.catch_up(now)?;
        // Catching up may have found an index it could not copy aside.
        if self.blocked {
            return Err(SaveError::Blocked);
        }
        Ok(conflicts)
    }

    /// Fold in what another tab stored since we last looked (if it did): the stored state this
    /// tab then builds on. An operation that may roll its own change back calls this first, so
    /// the rollback returns to a state that still holds the other tab's edit.
    fn catch_up(&mut self, now: &str) -> Result<Vec<Conflict>, SaveError> {
        let stored = self.backend.get(&self.key).map_err(SaveError::Refused)?;
        match stored {
            Some(raw) if codec::token(&raw) != self.seen.as_deref() => {
                if codec::decode_manifest(&raw).is_err() {
                    // Another tab (a newer app, or damage) left an index we cannot read: it is
                    // copied aside before ours is written in its place, as at opening.
                    let notice = self.set_aside_manifest(&raw, now);
                    self.later_notices.push(notice);
                    self.seen = None;
                    self.manifest.chunks.clear();
                    return Ok(self.recover_lost_index(now));
                }
                self.fold_in(&raw).map_err(SaveError::Refused)
            }
            // The stored index is gone though we had one (cleared by another program, or set
            // aside by another tab's opening because it was damaged): every group is written
            // again, and whatever chunks remain are read back by the merge rule first, as at
            // opening — another tab's last save may be among them.
            None => {
                if self.seen.is_some() {
                    self.seen = None;
                    self.manifest.chunks.clear();
                }
                Ok(self.recover_lost_index(now))
            }
            _ => Ok(Vec::new()),
        }
    }

    /// The stored index is lost: what it named is read back as at opening (the other tab's
    /// last save among it), by the merge rule, before anything is written; the records that
    /// settled are returned for the page to report.
    fn recover_lost_index(&mut self, now: &str) -> Vec<Conflict> {
        let before = self.superseded.len();
        // A change made here that a piece's higher revision beats is said too (rare: a copy
        // of the data is worth it here).
        let mine = self.synced.is_some().then(|| self.data.clone());
        let mut notices = Vec::new();
        self.merge_orphans(now, &mut notices, true);
        self.later_notices.extend(notices);
        let mut said = self.superseded.split_off(before);
        if let Some(mine) = mine {
            for c in synced::beaten_here(self.synced.as_ref(), &mine, &self.data) {
                if !said.iter().any(|s| s.kind == c.kind && s.id == c.id) {
                    said.push(c);
                }
            }
        }
        said
    }

    /// What saving found that the page should say (an index another tab left unreadable, set
    /// aside), and the records another tab's edit superseded, since the last call.
    pub fn take_notices(&mut self) -> (Vec<OpenNotice>, Vec<Conflict>) {
        (
            std::mem::take(&mut self.later_notices),
            std::mem::take(&mut self.superseded),
        )
    }

    /// Undo a save that could not finish: remove the chunks it wrote; the old manifest and its
    /// chunks are untouched, so the stored state is the last good one.
    fn abort(&mut self, written: &[String], e: WriteError) -> SaveError {
        self.remove_written(written);
        match e {
            WriteError::Full => SaveError::Full,
            WriteError::Refused(m) => SaveError::Refused(m),
        }
    }

    /// Remove the chunks a save wrote before it stopped: still unsaved.
    fn remove_written(&mut self, written: &[String]) {
        for k in written {
            self.backend.remove(k);
        }
        self.unsaved = true;
    }

    fn drop_merged_orphans(&mut self) {
        // Never one the stored index or an undo point names (an index read late can name a
        // chunk taken for an orphan).
        let named: BTreeSet<String> =
            order::tree(self.manifest.chunks.values().map(|c| c.key.clone()));
        let pinned = self.pinned();
        for k in std::mem::take(&mut self.merged_orphans) {
            if !named.contains(&k) && !pinned.contains(&k) {
                self.backend.remove(&k);
            }
        }
    }

    /// Merge the chunks another tab wrote (those whose keys differ from ours) and adopt its
    /// manifest as the stored state.
    fn fold_in(&mut self, raw_manifest: &str) -> Result<Vec<Conflict>, String> {
        let Ok(theirs) = codec::decode_manifest(raw_manifest) else {
            return Ok(Vec::new());
        };
        // Every chunk is read before anything changes: a read that fails leaves this tab as it
        // was (adopting the index without its data would let the next save write over it).
        let mut texts = Vec::new();
        for (group, chunk) in &theirs.chunks {
            let ours = self.manifest.chunks.values().any(|c| c.key == chunk.key);
            if ours {
                continue;
            }
            if let Some(text) = self.backend.get(&chunk.key)? {
                texts.push((group, chunk.key.clone(), text));
            }
        }
        let mut incoming = Dataset::default();
        for (group, key, text) in texts {
            match codec::decode_chunk(&text) {
                Ok(bundle) if bundle.rejected.is_empty() => {
                    // Another tab wrote the group again: it is no longer missing here, and
                    // deleting its last record here must drop it from the index.
                    self.missing.remove(group);
                    incoming.absorb(bundle.data)
                }
                // Damaged, or written by a newer app in another tab: kept and listed, and
                // never removed by a save (it is not ours to delete).
                partly => {
                    if let Ok(bundle) = partly {
                        incoming.absorb(bundle.data);
                    }
                    self.unreadable_chunks.insert(key);
                }
            }
        }
        self.manifest = theirs;
        self.seen = codec::token(raw_manifest).map(str::to_string);
        // Both sides read through the aliases of the later copy of each unit and place (no
        // new revision); what this tab read through an alias taken back there is theirs again.
        let known = Aliases::of(&[&self.data]);
        let aliases = super::fold_aliases::after_folding(&self.data, &incoming);
        if aliases != known
            && !known.is_empty()
            && super::fold_aliases::unread(self.data_mut(), &incoming, &known) > 0
        {
            self.rewrite_all();
        }
        if !aliases.is_empty() {
            aliases.apply(&mut incoming);
            if aliases.apply(self.data_mut()) > 0 {
                self.rewrite_all();
            }
        }
        // A copy there that is ours but for the places and units it names, at the same
        // revision and time, was only read through an alias (a late event from before a merge
        // was undone): ours stands.
        super::fold_aliases::drop_read_copies(&mut incoming, &self.data);
        // Changes made here that a later revision there beats (the rule takes theirs), and
        // older copies there that the rule beats: both said, never dropped in silence.
        let mut conflicts = synced::unseen(self.synced.as_ref(), &self.data, &incoming);
        conflicts.extend(converge(self.data_mut(), &incoming));
        if let Some(synced) = &mut self.synced {
            synced.absorb(&incoming);
        }
        // A copy kept here over theirs at the same revision and time has their fingerprint
        // (revision and time, not content): its group must be written again all the same.
        for c in conflicts.iter().filter(|c| !c.incoming_proposed) {
            if let Some(group) = super::chunks::group_of(&self.data, c.kind, &c.id) {
                self.stale.insert(group);
            }
        }
        Ok(conflicts)
    }

    /// Another tab changed `key` (the `storage` event). Folds its changes in and says whether
    /// this tab holds something the stored copy lacks (and so should save).
    pub fn external_change(&mut self, key: &str, new_value: Option<&str>) -> ExternalChange {
        if key != self.key {
            return ExternalChange::default();
        }
        let Some(raw) = new_value else {
            // Removed elsewhere (data deleted in another tab): keep ours, stored on next save.
            self.seen = None;
            self.manifest.chunks.clear();
            return ExternalChange {
                conflicts: vec![],
                needs_save: !self.data.is_empty(),
                changed: false,
            };
        };
        if codec::token(raw).is_some() && codec::token(raw) == self.seen.as_deref() {
            return ExternalChange::default();
        }
        let Ok(mut conflicts) = self.fold_in(raw) else {
            // Read again by the next save (the token still differs).
            return ExternalChange::default();
        };
        // Events arrive late: a later save (this tab's own, even) may have replaced the index
        // the event carries, and its chunks are then named by nobody. What is stored now is
        // what this tab must compare with, or it would think that save's records stored.
        if self.overtaken().unwrap_or(false) {
            if let Ok(Some(current)) = self.backend.get(&self.key) {
                match self.fold_in(&current) {
                    Ok(more) => conflicts.extend(more),
                    Err(_) => return ExternalChange::default(),
                }
            }
        }
        let fps = fingerprints(&self.data);
        let ahead = fps.len() != self.manifest.chunks.len()
            || fps.iter().any(|(g, fp)| {
                self.manifest.chunks.get(g).map(|c| c.fp.as_str()) != Some(&fp_text(*fp))
            });
        ExternalChange {
            conflicts,
            needs_save: ahead || self.unsaved,
            changed: true,
        }
    }

    fn snapshot_key(&self) -> String {
        format!("{}:snapshot", self.key)
    }

    fn log_key(&self) -> String {
        format!("{}:log", self.key)
    }

    fn read_snapshot(&self) -> Option<Snapshot> {
        let text = self.backend.get(&self.snapshot_key()).ok().flatten()?;
        serde_json::from_str(&text).ok()
    }

    /// Chunk keys a snapshot keeps alive.
    fn pinned(&self) -> BTreeSet<String> {
        self.read_snapshot()
            .map(|s| {
                let after = s.after.into_iter().flat_map(|m| m.chunks.into_values());
                order::tree(s.manifest.chunks.into_values().chain(after).map(|c| c.key))
            })
            .unwrap_or_default()
    }

    /// Name this tab (the app gives each tab its own id).
    pub fn set_tab(&mut self, tab: &str) {
        self.tab = tab.to_string();
    }

    fn write_snapshot(&mut self, snap: &Snapshot) -> Result<(), SaveError> {
        let text = serde_json::to_string(snap).unwrap_or_default();
        self.backend
            .set(&self.snapshot_key(), &text)
            .map_err(save_error)?;
        // A new import's snapshot: what it names was just read or written.
        self.undo_lost = false;
        Ok(())
    }

    /// Read every chunk a manifest names; None if one cannot be read.
    fn read_state(&self, manifest: &Manifest) -> Option<Dataset> {
        let mut out = Dataset::default();
        for chunk in manifest.chunks.values() {
            let read = self.backend.get(&chunk.key).ok().flatten();
            match read.as_deref().map(codec::decode_chunk) {
                Some(Ok(bundle)) if bundle.rejected.is_empty() => out.absorb(bundle.data),
                _ => return None,
            }
        }
        Some(out)
    }

    /// Remember the stored state as it is now, to go back to (before an import). It costs no
    /// copy: the snapshot names the current chunks, and saves leave named chunks in place.
    /// Replaces an earlier snapshot.
    pub fn take_snapshot(&mut self, label: &str, token: &str, now: &str) -> Result<(), SaveError> {
        let conflicts = self.save(token, now)?;
        self.superseded.extend(conflicts);
        let old = self.pinned();
        let snap = Snapshot {
            manifest: self.manifest.clone(),
            taken_at: now.to_string(),
            label: label.to_string(),
            after: None,
            tab: self.tab.clone(),
            redo: false,
        };
        self.write_snapshot(&snap)?;
        self.release(old);
        Ok(())
    }

    /// Merge an imported bundle's records and save, all or nothing: if the save fails, the
    /// data in memory goes back to what it was, and storage is untouched.
    pub fn merge_in(
        &mut self,
        incoming: &Dataset,
        choices: &Choices,
        token: &str,
        now: &str,
    ) -> Result<(), SaveError> {
        let conflicts = self.ready_to_write(now)?;
        self.superseded.extend(conflicts);
        self.changing();
        let (before, was_unsaved) = (self.data.clone(), self.unsaved);
        // A file that says two ids are one unit or place: ours are read so too.
        self.read_through_aliases(Some(incoming));
        apply_decided(self.data_mut(), incoming, choices, now);
        self.read_through_aliases(None);
        self.unsaved = true;
        match self.save(token, now) {
            Ok(conflicts) => {
                self.superseded.extend(conflicts);
                self.seal_snapshot();
                Ok(())
            }
            Err(e) => {
                *self.data_mut() = before;
                self.unsaved = was_unsaved;
                // The snapshot taken for this import names nothing to undo.
                if self
                    .read_snapshot()
                    .is_some_and(|s| s.tab == self.tab && s.after.is_none())
                {
                    self.discard_snapshot();
                }
                Err(e)
            }
        }
    }

    /// The label of the snapshot there is to go back to.
    pub fn snapshot_label(&self) -> Option<String> {
        self.undo_state().map(|s| s.label)
    }

    /// What this tab can undo or redo (nothing when another tab made the last import).
    pub fn undo_state(&self) -> Option<UndoState> {
        // A snapshot without `after` belongs to an import that did not finish (or an older
        // version): undoing it could move later edits, so it is not offered.
        if self.undo_lost {
            return None;
        }
        self.read_snapshot()
            .filter(|s| s.tab == self.tab && s.after.is_some())
            .map(|s| UndoState {
                label: s.label,
                redo: s.redo,
            })
    }

    /// Remember the state the import just saved, so undo knows what it changed. If that
    /// cannot be written, no undo is offered rather than one that could touch later edits.
    fn seal_snapshot(&mut self) {
        let Some(mut snap) = self.read_snapshot() else {
            return;
        };
        if snap.after.is_some() || snap.tab != self.tab {
            return;
        }
        snap.after = Some(self.manifest.clone());
        if self.write_snapshot(&snap).is_err() {
            self.discard_snapshot();
        }
    }

    /// Undo the import the snapshot names (or redo it after an undo), as new edits: only the
    /// records the import changed and that are still as it left them move; edits made since,
    /// here or in another tab, stay. The snapshot then offers the opposite. Returns how many
    /// records changed.
    pub fn restore_snapshot(&mut self, token: &str, now: &str) -> Result<usize, SaveError> {
        let Some(snap) = self
            .read_snapshot()
            .filter(|s| s.tab == self.tab && s.after.is_some())
        else {
            return Ok(0);
        };
        // Going back without a group would delete every record of it.
        let to = self
            .read_state(&snap.manifest)
            .ok_or(SaveError::SnapshotUnreadable)?;
        let from = match &snap.after {
            Some(after) => self
                .read_state(after)
                .ok_or(SaveError::SnapshotUnreadable)?,
            None => return Ok(0),
        };
        let conflicts = self.ready_to_write(now)?;
        self.superseded.extend(conflicts);
        self.changing();
        let (before, was_unsaved) = (self.data.clone(), self.unsaved);
        let moved = crate::bundle::undo::swing(self.data_mut(), &from, &to, now)
            .map_err(|(_, id)| SaveError::AtCeiling { id })?;
        // References read anew (an alias taken off or put back) change no fingerprint.
        if Aliases::of(&[&from]) != Aliases::of(&[&to]) {
            self.rewrite_all();
        }
        let changed = moved.0;
        self.unsaved = true;
        match self.save(token, now) {
            Ok(conflicts) => self.superseded.extend(conflicts),
            Err(e) => {
                *self.data_mut() = before;
                self.unsaved = was_unsaved;
                return Err(e);
            }
        }
        match snap.after {
            Some(after) => {
                // The two states swap: a redo moves what is still as the undo left it (the
                // earlier content) back to the import's.
                let old = self.pinned();
                let flipped = Snapshot {
                    after: Some(snap.manifest.clone()),
                    manifest: after,
                    taken_at: now.to_string(),
                    redo: !snap.redo,
                    ..snap
                };
                if self.write_snapshot(&flipped).is_ok() {
                    self.release(old);
                } else {
                    self.discard_snapshot();
                }
            }
            None => self.discard_snapshot(),
        }
        Ok(changed)
    }

    /// Forget the snapshot; its chunks go unless the current state still uses them.
    pub fn discard_snapshot(&mut self) {
        let old = self.pinned();
        self.backend.remove(&self.snapshot_key());
        self.release(old);
    }

    fn release(&mut self, keys: BTreeSet<String>) {
        let named: BTreeSet<&str> =
            order::tree(self.manifest.chunks.values().map(|c| c.key.as_str()));
        let still = self.pinned();
        for k in keys {
            // A chunk that could not be read is set aside, even when only a snapshot named it.
            if !named.contains(k.as_str())
                && !still.contains(&k)
                && !self.unreadable_chunks.contains(&k)
            {
                // Named by nothing but the undo point, it was never read at this opening: one
                // damaged is kept and listed, not deleted with the undo point.
                let damaged = match self.backend.get(&k) {
                    Ok(Some(text)) => {
                        codec::decode_chunk(&text).map_or(true, |b| !b.rejected.is_empty())
                    }
                    Ok(None) => false,
                    Err(_) => true,
                };
                if damaged {
                    self.unreadable_chunks.insert(k);
                } else {
                    self.backend.remove(&k);
                }
            }
        }
    }

    /// The import log, newest first.
    pub fn import_log(&self) -> Vec<LogEntry> {
        self.backend
            .get(&self.log_key())
            .ok()
            .flatten()
            .map(|t| importlog::parse(&t))
            .unwrap_or_default()
    }

    /// Add or update (same id) an entry of the import log. Entries this version cannot read are
    /// written back as they were; a log that is not a list at all is first copied to an
    /// unreadable key (listed in Settings), never written over.
    pub fn record_import(&mut self, entry: LogEntry) -> Result<(), SaveError> {
        let stamp: String = entry
            .at
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let key = self.log_key();
        let reads = |t: &str| importlog::read(t).is_some();
        super::aside::set_aside_unreadable(&mut self.backend, &key, &format!("log.{stamp}"), reads)
            .map_err(save_error)?;
        let stored = self.backend.get(&key).ok().flatten();
        let mut log = stored
            .as_deref()
            .and_then(importlog::read)
            .unwrap_or_default();
        match log.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => *e = entry,
            None => importlog::push(&mut log.entries, entry),
        }
        self.backend
            .set(&self.log_key(), &importlog::log_text(&log))
            .map_err(save_error)
    }

    /// Keys of data that could not be read: chunks left in place, copies set aside, and the
    /// workspace key itself while blocked.
    pub fn unreadable_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.unreadable_chunks.iter().cloned().collect();
        keys.extend(
            self.backend
                .keys()
                .into_iter()
                .filter(|k| k.starts_with(UNREADABLE_PREFIX)),
        );
        if self.blocked {
            keys.insert(0, self.key.clone());
        }
        keys
    }

    /// Delete unreadable data (only ever on the user's request, after a download is offered).
    pub fn discard_unreadable(&mut self, key: &str) {
        if key == self.key && self.blocked {
            self.backend.remove(key);
            self.blocked = false;
            self.seen = None;
            self.unsaved = true;
        } else if self.unreadable_chunks.remove(key) || key.starts_with(UNREADABLE_PREFIX) {
            self.backend.remove(key);
        }
    }
}

fn save_error(e: WriteError) -> SaveError {
    match e {
        WriteError::Full => SaveError::Full,
        WriteError::Refused(m) => SaveError::Refused(m),
    }
}

/// Remove a whole workspace: its index, chunks, snapshot and log (the demo, when it is left).
pub fn discard_workspace<B: Backend>(backend: &mut B, name: &str) {
    let key = format!("{}{name}", super::KEY_PREFIX);
    let prefixes = [format!("{key}."), format!("{key}:")];
    for k in backend.keys() {
        if k == key || prefixes.iter().any(|p| k.starts_with(p.as_str())) {
            backend.remove(&k);
        }
    }
}

/// Seconds since the epoch of a chunk key's stamp (`…<yyyymmddhhmmssmmm>-<token>`).
fn stamp_seconds(key: &str) -> Option<i64> {
    let last = key.rsplit('.').next()?;
    let stamp = last.split('-').next()?;
    if stamp.len() < 14 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[8..10],
        &stamp[10..12],
        &stamp[12..14]
    );
    epoch_seconds(&iso)
}

/// A stored state to go back to: the manifest of that moment (its chunks are kept), and the
/// state the import left (`after`), so that undo moves only what the import changed and is
/// still as it left it. After an undo the two swap places and the snapshot offers a redo.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Snapshot {
    manifest: Manifest,
    taken_at: String,
    label: String,
    #[serde(default)]
    after: Option<Manifest>,
    /// The tab that imported: only it may undo (another tab's undo would undo an import its
    /// person never saw).
    #[serde(default)]
    tab: String,
    #[serde(default)]
    redo: bool,
}

/// What can be undone (or redone) in this tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoState {
    pub label: String,
    pub redo: bool,
}

/// The result of folding in another tab's change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExternalChange {
    pub conflicts: Vec<Conflict>,
    pub needs_save: bool,
    /// The data may have changed (the page should refresh).
    pub changed: bool,
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;
