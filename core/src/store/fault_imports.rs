//! The fault model's imports as the import screen makes them: files written as text that name
//! their sending unit (or none: the province's, trusted whole), read one by one or as a batch,
//! each sender's scope checked, the changes outside it refused unless accepted, older copies
//! applied again on request; and "Gộp" of two places taken for one. Beside "nothing lost", the
//! oracle here holds the exchange's own promises: no record changes that no file within its
//! scope brought, and no newer copy a file within its scope brought is dropped.

use std::collections::{BTreeMap, BTreeSet};

use super::{all_ids, changed_ids, copy, Copy, Spec, World, UNITS};
use crate::bundle::batch::prepare_files;
use crate::bundle::format::{self, Source};
use crate::bundle::merge::Choices;
use crate::domain::aliases::Aliases;
use crate::domain::duplicates::{alias_change, pairs};
use crate::domain::record::{Activity, Record};
use crate::domain::testkit::{activity, loc};
use crate::domain::Dataset;

/// How the person answers the preview.
#[derive(Clone, Copy, Debug)]
pub(super) struct Answer {
    /// Every conflict settled for the file's copy (else as proposed: the later edit).
    pub incoming: bool,
    /// "Chấp nhận cả các thay đổi ngoài phạm vi".
    pub accept: bool,
    /// "Áp dụng lại cả các bản cũ hơn này".
    pub older: bool,
}

/// One file of the import: its sender (None: a province-level file) and its records.
struct Sent {
    sender: Option<&'static str>,
    data: Dataset,
}

/// Who owns a record: its unit, or "" for the directory.
fn owner(c: &Copy) -> String {
    match c {
        Copy::Activity(a) => a.unit_id.clone(),
        Copy::Other(_, v) => v["unit_id"].as_str().unwrap_or("").to_string(),
    }
}

/// The revision of any record or of its deletion (0 when neither is here).
fn revision(ds: &Dataset, id: &str) -> i64 {
    copy(ds, id)
        .map(|c| c.brief().0)
        .or_else(|| ds.tombstones.iter().find(|t| t.id == id).map(|t| t.rev))
        .unwrap_or(0)
}

impl Sent {
    /// Whether this file may change record `id`, as it is `here`: a file with no sender may
    /// change anything; a unit's file its own records, and it may add to the directory.
    fn speaks_for(&self, here: &Dataset, id: &str) -> bool {
        let theirs = copy(&self.data, id);
        let deletes = self.data.tombstones.iter().any(|t| t.id == id);
        if theirs.is_none() && !deletes {
            return false;
        }
        let Some(sender) = self.sender else {
            return true;
        };
        match (copy(here, id), theirs) {
            // A deletion, or a change of a record here: only the sender's own.
            (Some(h), Some(t)) => owner(&h) == sender && owner(&t) == sender,
            (Some(h), None) => owner(&h) == sender,
            // New: the sender's own, or a place, unit or assignment not known here yet.
            (None, Some(t)) => owner(&t) == sender || owner(&t).is_empty(),
            (None, None) => false,
        }
    }
}

impl World {
    /// Files from units through the import screen's pipeline, saved as the screen saves them.
    pub(super) fn import_from_units(
        &mut self,
        tab: usize,
        files: &[(usize, Spec)],
        dup: bool,
        answer: Answer,
        before: &BTreeMap<String, String>,
    ) {
        let (token, at) = (format!("t{}", self.step), super::clock(tab, self.step));
        let mut texts = Vec::new();
        let mut sent = Vec::new();
        for (i, (who, spec)) in files.iter().enumerate() {
            let sender = [None, Some(UNITS[0]), Some(UNITS[1])][who % 3];
            let mut data = self.bundle(tab, spec, &at);
            if dup && i == 0 {
                self.duplicate_place(&mut data, sender.unwrap_or(UNITS[0]), &at);
            }
            let source = sender.map(|u| Source {
                unit_id: Some(u.to_string()),
                label: None,
            });
            texts.push((
                format!("tep-{i}.json"),
                format::write(&data, &at, source.as_ref()),
            ));
            sent.push(Sent { sender, data });
        }
        let here = self.tabs[tab].data().clone();
        let prepared = match prepare_files(&texts, &here) {
            Ok(p) => p,
            Err(e) => {
                self.broken = Some(format!("a file the app wrote does not read: {e:?}"));
                return;
            }
        };
        let mut choices = if answer.incoming {
            Choices::all_incoming(&prepared.preview)
        } else {
            Choices::proposed(&prepared.preview)
        };
        if !answer.accept {
            choices.refused = prepared.authority.refused_unless_accepted();
        }
        if answer.older {
            choices = choices.taking_older(&prepared.preview);
        }
        let (data, choices) = prepared.to_save(&choices, &here, &at);
        let data = data.into_owned();
        let carried: BTreeSet<String> = sent
            .iter()
            .flat_map(|s| all_ids(&s.data).into_iter().chain(tombstoned(&s.data)))
            .collect();
        let ok = self.saved_import(tab, &data, &choices, &token, &at);
        if ok {
            let after = self.tabs[tab].data().clone();
            if !answer.accept {
                self.within_scope(&here, &after, &sent);
            }
            self.nothing_dropped(&here, &after, &sent);
        }
        self.settle_import(tab, &here, carried, ok, before);
    }

    /// "Gộp": the first two units or places taken for one are merged as the page merges them
    /// (the kept record names the other as an alias), logged and undone like an import.
    pub(super) fn merge_duplicates(&mut self, tab: usize, before: &BTreeMap<String, String>) {
        let (token, at) = (format!("t{}", self.step), super::clock(tab, self.step));
        let here = self.tabs[tab].data().clone();
        let Some(pair) = pairs(&here).into_iter().next() else {
            return;
        };
        let Some(change) = alias_change(&here, &pair, &at) else {
            return;
        };
        let ok = self.saved_import(tab, &change, &Choices::default(), &token, &at);
        if ok {
            self.merged.absorb(change);
        }
        self.settle_import(tab, &here, BTreeSet::from([pair.keep]), ok, before);
    }

    /// Snapshot (for undo), merge and save, all or nothing, as `Data::merge_logged` does.
    fn saved_import(
        &mut self,
        tab: usize,
        data: &Dataset,
        choices: &Choices,
        token: &str,
        at: &str,
    ) -> bool {
        let ws = &mut self.tabs[tab];
        ws.take_snapshot(token, token, at)
            .and_then(|()| ws.merge_in(data, choices, token, at))
            .is_ok()
    }

    /// After an import: what it moved is what the person saw saved (as for `Op::Import`).
    fn settle_import(
        &mut self,
        tab: usize,
        here: &Dataset,
        carried: BTreeSet<String>,
        ok: bool,
        before: &BTreeMap<String, String>,
    ) {
        let changed: Vec<String> = if ok {
            changed_ids(here, self.tabs[tab].data())
                .into_iter()
                .filter(|id| carried.contains(id))
                .collect()
        } else {
            Vec::new()
        };
        if ok {
            self.imported[tab] = carried;
        }
        self.explicit(tab, changed, true);
        let wrote = self.store.borrow().items != *before;
        let stored = ok || (wrote && !self.tabs[tab].unsaved());
        self.after_save(tab, stored);
        self.superseded(tab);
    }

    /// No record changed that no file within its scope brought (the person did not accept
    /// the changes outside it). A copy another tab had stored, folded in on the way, is not
    /// the import's.
    fn within_scope(&mut self, here: &Dataset, after: &Dataset, sent: &[Sent]) {
        let aliases = Aliases::of(&[here, after]);
        for id in changed_ids(here, after) {
            let brought = sent
                .iter()
                .any(|s| copy(&s.data, &id).is_some() || tombstoned(&s.data).any(|t| t == id));
            if !brought || sent.iter().any(|s| s.speaks_for(here, &id)) {
                continue;
            }
            let now = copy(after, &id);
            // Another tab's stored copy (saved, or left by a killed save) folded in first.
            let folded =
                self.either.contains_key(&id) || self.loose.iter().any(|l| l.contains(&id));
            if folded || self.as_saved(&id, now.as_ref(), &aliases) {
                continue;
            }
            self.broken = Some(format!(
                "{id} changed from {:?} to {:?}: outside every sender's scope, not accepted",
                copy(here, &id).map(|c| c.brief()),
                now.map(|c| c.brief())
            ));
            return;
        }
    }

    /// A newer copy (or deletion) brought by a file within its scope is what the tab holds
    /// after, or a later one: a unit's own change is never dropped for another file's refused
    /// or clashing copy.
    fn nothing_dropped(&mut self, here: &Dataset, after: &Dataset, sent: &[Sent]) {
        let ids: BTreeSet<String> = sent
            .iter()
            .flat_map(|s| activity_ids(&s.data).chain(tombstoned(&s.data)))
            .collect();
        for id in ids {
            let best = sent
                .iter()
                .filter(|s| s.speaks_for(here, &id))
                .map(|s| revision(&s.data, &id))
                .max()
                .unwrap_or(0);
            let (was, is) = (revision(here, &id), revision(after, &id));
            if best > was && is < best {
                self.broken = Some(format!(
                    "{id}: a file within its scope brought revision {best} over {was}; the tab \
                     holds {is}"
                ));
                return;
            }
        }
    }

    /// A village the file names under another id with a name already here (the same one
    /// typed twice), and an activity of `unit` at it: what "Gộp" is for.
    fn duplicate_place(&self, data: &mut Dataset, unit: &str, at: &str) {
        let place = format!("v-dup-{}", self.step);
        let mut village = loc(&place, "village", Some("c-paco"), "Pà Cò 1");
        village.touch(at);
        data.put(village);
        let mut a = activity(
            &format!("d-{}", self.step),
            unit,
            &place,
            "2024-06-01",
            "gifts",
            3,
        );
        a.touch(at);
        data.put(a);
    }
}

fn activity_ids(ds: &Dataset) -> impl Iterator<Item = String> + '_ {
    ds.activities.iter().map(|a: &Activity| a.id.clone())
}

fn tombstoned(ds: &Dataset) -> impl Iterator<Item = String> + '_ {
    ds.tombstones.iter().map(|t| t.id.clone())
}
