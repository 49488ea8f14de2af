use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::domain::record::{Activity, Location, Record, Unit};
use crate::domain::testkit::{activity, small};
use crate::store::backend::Memory;
use crate::store::chunks::activity_group;

const T: &str = "2026-11-27T08:30:00Z";
const LATER: &str = "2026-11-27T09:30:00Z";
const DATA: &str = "donghanh.data";

type Shared = Rc<RefCell<Memory>>;

fn shared(m: Memory) -> Shared {
    Rc::new(RefCell::new(m))
}

fn snapshot(store: &Shared) -> BTreeMap<String, String> {
    store.borrow().items.clone()
}

fn cash(ws: &Workspace<impl Backend>, id: &str) -> Option<i64> {
    ws.data().get::<Activity>(id).map(|a| a.cash_vnd)
}

fn sorted(mut ds: Dataset) -> Dataset {
    ds.sort_activities();
    ds
}

fn edit_cash(ws: &mut Workspace<impl Backend>, id: &str, cash: i64, at: &str) -> i64 {
    ws.edit(|d| {
        let mut x = d.get::<Activity>(id).cloned().expect("activity");
        x.cash_vnd = cash;
        x.touch(at);
        let rev = x.rev;
        d.put(x);
        rev
    })
}

fn seeded() -> Shared {
    let store = shared(Memory::default());
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.edit(|d| *d = small());
    ws.save("t0", T).expect("saves");
    store
}

#[test]
fn data_survives_reopening() {
    let store = shared(Memory::default());
    let (mut ws, notices) = Workspace::open(store.clone(), "data", T);
    assert!(notices.is_empty());
    assert!(ws.data().is_empty());
    ws.edit(|d| *d = small());
    assert!(ws.unsaved());
    assert_eq!(ws.save("t1", T), Ok(vec![]));
    assert!(!ws.unsaved());
    let (again, notices) = Workspace::open(store.clone(), "data", T);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(sorted(again.data().clone()), sorted(small()));
    // a manifest and one chunk per group, all under the workspace key
    let keys = store.borrow().keys();
    assert_eq!(keys.len(), 7, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with(DATA)));
}

#[test]
fn an_edit_rewrites_only_its_group() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    let before = snapshot(&store);
    edit_cash(&mut ws, "a-4", 1, LATER);
    ws.save("t2", LATER).expect("saves");
    let after = snapshot(&store);
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    assert_eq!(added.len(), 1);
    assert!(added[0].starts_with(&format!("{DATA}.{}.", activity_group("u-police"))));
    assert_eq!(removed.len(), 1);
    // saving again with no change writes nothing
    let settled = snapshot(&store);
    ws.save("t3", LATER).expect("saves");
    assert_eq!(snapshot(&store), settled);
}

#[test]
fn a_full_quota_keeps_the_last_good_state_and_loses_nothing() {
    let store = shared(Memory::with_quota(2_000_000));
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.edit(|d| *d = small());
    ws.save("t1", T).expect("first save fits");
    let good = snapshot(&store);
    let used = store.borrow().used();
    store
        .borrow_mut()
        .set("filler", &"x".repeat(2_000_000 - used - 10))
        .expect("filler fits");
    let with_filler = snapshot(&store);
    ws.edit(|d| {
        d.put(activity(
            "a-big",
            "u-kbnn",
            "c-paco",
            "2023-09-09",
            "housing",
            7,
        ))
    });
    assert_eq!(ws.save("t2", T), Err(SaveError::Full));
    assert!(ws.unsaved());
    assert_eq!(cash(&ws, "a-big"), Some(7), "the edit is kept in memory");
    assert_eq!(snapshot(&store), with_filler, "storage byte-identical");
    let (reopened, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(
        sorted(reopened.data().clone()),
        sorted(small()),
        "last good state readable"
    );
    store.borrow_mut().remove("filler");
    assert_eq!(snapshot(&store), good);
    assert_eq!(ws.save("t3", T), Ok(vec![]));
    let (reopened, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(cash(&reopened, "a-big"), Some(7));
}

#[test]
fn an_unreadable_index_is_set_aside_never_deleted() {
    let store = shared(Memory::default());
    store
        .borrow_mut()
        .set(DATA, "this is not what we wrote")
        .expect("set");
    let (ws, notices) = Workspace::open(store.clone(), "data", T);
    let key = format!("{UNREADABLE_PREFIX}20261127T083000Z");
    assert_eq!(notices, vec![OpenNotice::Unreadable { key: key.clone() }]);
    assert!(ws.data().is_empty());
    assert_eq!(
        store.borrow().get(&key).expect("reads").as_deref(),
        Some("this is not what we wrote")
    );
    assert_eq!(store.borrow().get(DATA).expect("reads"), None);
    assert_eq!(ws.unreadable_keys(), vec![key.clone()]);
    let mut ws = ws;
    ws.discard_unreadable(&key);
    assert!(ws.unreadable_keys().is_empty());
    assert_eq!(store.borrow().get(&key).expect("reads"), None);
}

#[test]
fn an_unreadable_index_with_no_room_blocks_saving_until_removed() {
    let store = shared(Memory::with_quota(100));
    store.borrow_mut().set(DATA, &"?".repeat(80)).expect("set");
    let (mut ws, notices) = Workspace::open(store.clone(), "data", T);
    assert_eq!(notices, vec![OpenNotice::Blocked]);
    ws.edit(|d| d.put(crate::domain::testkit::unit("u-1", "A")));
    assert_eq!(ws.save("t", T), Err(SaveError::Blocked));
    assert_eq!(
        store.borrow().get(DATA).expect("reads"),
        Some("?".repeat(80))
    );
    assert_eq!(ws.unreadable_keys(), vec![DATA.to_string()]);
    ws.discard_unreadable(DATA);
    store.borrow_mut().quota = None;
    assert_eq!(ws.save("t", T), Ok(vec![]));
    assert!(ws.data().get::<Unit>("u-1").is_some());
}

#[test]
fn a_damaged_chunk_is_kept_in_place_and_the_rest_still_reads() {
    let store = seeded();
    let group = activity_group("u-police");
    let damaged = store
        .borrow()
        .keys()
        .into_iter()
        .find(|k| k.contains(&group))
        .expect("chunk");
    store
        .borrow_mut()
        .set(&damaged, "DC1|garbage")
        .expect("set");
    let (mut ws, notices) = Workspace::open(store.clone(), "data", T);
    assert_eq!(
        notices,
        vec![OpenNotice::Unreadable {
            key: damaged.clone()
        }]
    );
    assert_eq!(
        ws.data().activities.len(),
        3,
        "the other units' activities are there"
    );
    assert!(ws.unsaved());
    ws.save("t1", LATER).expect("saves");
    assert_eq!(
        store.borrow().get(&damaged).expect("reads").as_deref(),
        Some("DC1|garbage")
    );
    assert_eq!(ws.unreadable_keys(), vec![damaged.clone()]);
    // still listed after reopening (it is not named by the manifest, and cannot be read)
    let (ws2, _) = Workspace::open(store.clone(), "data", LATER);
    assert_eq!(ws2.unreadable_keys(), vec![damaged.clone()]);
    ws.discard_unreadable(&damaged);
    assert_eq!(store.borrow().get(&damaged).expect("reads"), None);
}

#[test]
fn an_interrupted_save_is_recovered_at_the_next_open() {
    let store = seeded();
    // a save that wrote its chunk but never switched the manifest, long ago
    let (mut other, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut other, "a-4", 444, T);
    let texts = crate::store::chunks::group_texts(other.data(), &[&activity_group("u-police")], T);
    let orphan = format!("{DATA}.{}.20261127083000000-zz", activity_group("u-police"));
    let text = texts.values().next().expect("text");
    store
        .borrow_mut()
        .set(&orphan, &crate::store::codec::encode_chunk(text))
        .expect("set");
    let (mut ws, notices) = Workspace::open(store.clone(), "data", LATER);
    assert_eq!(notices, vec![OpenNotice::Recovered { chunks: 1 }]);
    assert_eq!(cash(&ws, "a-4"), Some(444));
    ws.save("t1", LATER).expect("saves");
    assert_eq!(
        store.borrow().get(&orphan).expect("reads"),
        None,
        "merged, then tidied"
    );
    let (again, _) = Workspace::open(store.clone(), "data", LATER);
    assert_eq!(cash(&again, "a-4"), Some(444));
}

#[test]
fn a_fresh_unnamed_chunk_is_left_alone() {
    let store = seeded();
    let orphan = format!("{DATA}.{}.20261127093000000-zz", activity_group("u-police"));
    store
        .borrow_mut()
        .set(&orphan, "DC1|another tab is writing this")
        .expect("set");
    let (_, notices) = Workspace::open(store.clone(), "data", "2026-11-27T09:30:30Z");
    assert!(notices.is_empty(), "{notices:?}");
    assert!(store.borrow().get(&orphan).expect("reads").is_some());
}

#[test]
fn two_tabs_editing_different_records_both_survive() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut a, "a-1", 111, "2026-11-27T09:00:00Z");
    a.save("ta", T).expect("saves");
    edit_cash(&mut b, "a-2", 222, "2026-11-27T09:01:00Z");
    // b has not seen a's write yet: saving folds it in rather than overwriting it
    assert_eq!(b.save("tb", T), Ok(vec![]));
    assert_eq!((cash(&b, "a-1"), cash(&b, "a-2")), (Some(111), Some(222)));
    // and a picks up b's change from the storage event
    let raw = store.borrow().get(DATA).expect("reads");
    let change = a.external_change(DATA, raw.as_deref());
    assert!(change.changed && !change.needs_save);
    assert_eq!((cash(&a, "a-1"), cash(&a, "a-2")), (Some(111), Some(222)));
    let (fresh, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(
        (cash(&fresh, "a-1"), cash(&fresh, "a-2")),
        (Some(111), Some(222))
    );
    // events for other keys are ignored
    assert_eq!(
        a.external_change("donghanh.settings", Some("{}")),
        ExternalChange::default()
    );
}

#[test]
fn the_same_record_in_two_tabs_goes_to_the_higher_rev() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut a, "a-1", 4, "2026-11-27T10:00:00Z");
    edit_cash(&mut a, "a-1", 5, "2026-11-27T10:00:01Z"); // rev 3
    a.save("ta", T).expect("saves");
    edit_cash(&mut b, "a-1", 7, "2026-11-27T10:05:00Z"); // rev 2, made later
                                                         // b's edit was built on revision 1, which a had already moved past: the rule keeps a's
                                                         // revision 3, and b is told its edit was beaten.
    let beaten = b.save("tb", T).expect("saves");
    assert_eq!(beaten.len(), 1, "{beaten:?}");
    assert_eq!(
        (beaten[0].id.as_str(), beaten[0].incoming_proposed),
        ("a-1", true)
    );
    assert_eq!(beaten[0].local["rev"], 2);
    assert_eq!(cash(&b, "a-1"), Some(5), "the higher rev wins in b");
    let raw = store.borrow().get(DATA).expect("reads");
    a.external_change(DATA, raw.as_deref());
    assert_eq!(cash(&a, "a-1"), Some(5));
    // an equal-rev edit is a conflict, settled for the later edit and reported
    let (mut c, _) = Workspace::open(store.clone(), "data", T);
    let (mut d, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut c, "a-1", 8, "2026-11-27T11:00:00Z");
    c.save("tc", T).expect("saves");
    edit_cash(&mut d, "a-1", 9, "2026-11-27T12:00:00Z");
    let conflicts = d.save("td", T).expect("saves");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(cash(&d, "a-1"), Some(9));
    let (e, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(cash(&e, "a-1"), Some(9));
}

#[test]
fn an_event_for_our_own_write_is_ignored() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut ws, "a-1", 1, LATER);
    ws.save("t1", T).expect("saves");
    let raw = store.borrow().get(DATA).expect("reads");
    assert_eq!(
        ws.external_change(DATA, raw.as_deref()),
        ExternalChange::default()
    );
}

#[test]
fn deletions_travel_between_tabs() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    a.edit(|d| d.delete::<Activity>("a-3", LATER));
    a.save("ta", LATER).expect("saves");
    let raw = store.borrow().get(DATA).expect("reads");
    b.external_change(DATA, raw.as_deref());
    assert!(b.data().get::<Activity>("a-3").is_none());
    let (c, _) = Workspace::open(store.clone(), "data", T);
    assert!(c.data().get::<Activity>("a-3").is_none());
    assert!(c
        .data()
        .tombstone(crate::domain::Kind::Activity, "a-3")
        .is_some());
}

#[test]
fn a_snapshot_costs_no_copy_and_brings_the_data_back() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    let keys_before = store.borrow().keys().len();
    ws.take_snapshot("import x", "s1", T).expect("snapshot");
    assert_eq!(
        store.borrow().keys().len(),
        keys_before + 1,
        "only the snapshot index is added"
    );
    assert_eq!(
        ws.snapshot_label(),
        None,
        "offered once the import is saved"
    );
    // "import": change one activity, add one, delete one
    let mut incoming = Dataset::default();
    let mut a = ws.data().get::<Activity>("a-1").cloned().expect("a-1");
    a.cash_vnd = 5;
    a.stamp(7, LATER);
    incoming.activities.push(a);
    incoming.activities.push(activity(
        "a-new",
        "u-kbnn",
        "c-paco",
        "2025-02-02",
        "health",
        3,
    ));
    incoming.tombstones.push(crate::domain::record::Tombstone {
        kind: "activity".into(),
        id: "a-4".into(),
        rev: 5,
        updated_at: LATER.into(),
    });
    ws.merge_in(&incoming, &Default::default(), "t1", LATER)
        .expect("imports");
    assert_eq!(ws.snapshot_label().as_deref(), Some("import x"));
    // An edit made after the import, to a record it did not touch, is not undone.
    ws.edit(|d| {
        let mut a = d.get::<Activity>("a-2").cloned().expect("a-2");
        a.cash_vnd = 2;
        a.touch(LATER);
        d.put(a);
    });
    ws.save("t1b", LATER).expect("saves");
    // the snapshot's chunks outlive the save and a reopen (they are not orphans)
    let (reopened, notices) = Workspace::open(store.clone(), "data", "2026-11-28T00:00:00Z");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(cash(&reopened, "a-1"), Some(5));
    drop(reopened);
    let changed = ws
        .restore_snapshot("t2", "2026-11-28T00:00:00Z")
        .expect("restores");
    assert_eq!(changed, 3);
    assert_eq!(cash(&ws, "a-1"), Some(10_000_000));
    assert!(ws.data().get::<Activity>("a-new").is_none());
    assert!(ws.data().get::<Activity>("a-4").is_some());
    assert_eq!(cash(&ws, "a-2"), Some(2), "the later edit stays");
    assert_eq!(
        ws.undo_state(),
        Some(UndoState {
            label: "import x".into(),
            redo: true
        })
    );
    // Another tab sees nothing to undo: it did not import.
    let (mut other, _) = Workspace::open(store.clone(), "data", LATER);
    other.set_tab("another");
    assert_eq!(other.undo_state(), None);
    assert_eq!(other.restore_snapshot("t9", LATER), Ok(0));
    // Redo brings the import back, still keeping the later edit; then undo again.
    assert_eq!(ws.restore_snapshot("t3", "2026-11-28T00:00:01Z"), Ok(3));
    assert_eq!(cash(&ws, "a-1"), Some(5));
    assert!(ws.data().get::<Activity>("a-new").is_some());
    assert!(ws.data().get::<Activity>("a-4").is_none());
    assert_eq!(cash(&ws, "a-2"), Some(2));
    assert_eq!(ws.undo_state().map(|s| s.redo), Some(false));
    assert_eq!(ws.restore_snapshot("t4", "2026-11-28T00:00:02Z"), Ok(3));
    assert_eq!(cash(&ws, "a-1"), Some(10_000_000));
    ws.discard_snapshot();
    let (again, _) = Workspace::open(store.clone(), "data", "2026-11-28T00:00:00Z");
    assert_eq!(cash(&again, "a-1"), Some(10_000_000));
    assert!(again.data().get::<Activity>("a-4").is_some());
    // nothing pinned is left behind: one chunk per group again
    let chunks = store
        .borrow()
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("donghanh.data."))
        .count();
    assert_eq!(
        chunks,
        crate::store::chunks::fingerprints(again.data()).len()
    );
}

#[test]
fn the_import_log_keeps_entries_and_updates_them() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    assert!(ws.import_log().is_empty());
    let entry = crate::store::importlog::LogEntry {
        id: "i1".into(),
        file: "a.json".into(),
        new: 3,
        ..Default::default()
    };
    ws.record_import(entry.clone()).expect("logs");
    ws.record_import(crate::store::importlog::LogEntry {
        id: "i2".into(),
        ..Default::default()
    })
    .expect("logs");
    ws.record_import(crate::store::importlog::LogEntry {
        undone: true,
        ..entry
    })
    .expect("logs");
    let log = ws.import_log();
    assert_eq!(
        log.iter()
            .map(|e| (e.id.as_str(), e.undone))
            .collect::<Vec<_>>(),
        [("i2", false), ("i1", true)]
    );
}

#[test]
fn discarding_a_workspace_leaves_the_others() {
    let store = seeded();
    let (mut demo, _) = Workspace::open(store.clone(), "demo", T);
    demo.edit(|d| *d = small());
    demo.save("d1", T).expect("saves");
    demo.take_snapshot("x", "d2", T).expect("snapshot");
    let real = snapshot(&store)
        .into_iter()
        .filter(|(k, _)| k.starts_with("donghanh.data"))
        .collect::<BTreeMap<_, _>>();
    discard_workspace(&mut store.clone(), "demo");
    assert_eq!(snapshot(&store), real);
}

#[test]
fn the_index_of_places_follows_every_change_of_the_data() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(ws.places().name("c-paco"), "Xã Pà Cò");
    // An edit in this tab.
    ws.edit(|d| {
        let mut l = d.get::<Location>("c-paco").cloned().expect("commune");
        l.name = "Pà Cò Mới".into();
        l.touch(LATER);
        d.put(l);
    });
    assert_eq!(ws.places().name("c-paco"), "Xã Pà Cò Mới");
    ws.save("t1", LATER).expect("saves");
    // A change from another tab, folded in through the `storage` event.
    let (mut other, _) = Workspace::open(store.clone(), "data", LATER);
    other.edit(|d| {
        let mut l = d.get::<Location>("c-hangkia").cloned().expect("commune");
        l.name = "Hang Kia Mới".into();
        l.touch("2026-11-27T10:30:00Z");
        d.put(l);
    });
    other.save("t2", "2026-11-27T10:30:00Z").expect("saves");
    let raw = store.borrow().items.get(DATA).cloned();
    assert!(ws.external_change(DATA, raw.as_deref()).changed);
    assert_eq!(ws.places().name("c-hangkia"), "Xã Hang Kia Mới");
    // A failed merge puts the data back, and the index with it.
    let mut bigger = small();
    bigger.locations[1].name = "Không lưu được".into();
    bigger.locations[1].rev += 10;
    let used = store.borrow().used();
    store.borrow_mut().quota = Some(used);
    assert!(ws
        .merge_in(&bigger, &Choices::default(), "t3", "2026-11-27T11:30:00Z")
        .is_err());
    assert!(!ws
        .places()
        .name(&bigger.locations[1].id)
        .contains("Không lưu được"));
}

#[test]
fn a_save_that_folds_in_another_tab_says_so_through_the_generation() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut b, "a-2", 7_000_000, LATER);
    b.save("tb", LATER).expect("saves");
    // Tab a has not seen the storage event yet; its own save merges b's change.
    let quiet = a.generation();
    a.save("ta0", LATER).expect("saves");
    assert_ne!(a.generation(), quiet, "the save changed the data");
    assert_eq!(cash(&a, "a-2"), Some(7_000_000));
    // A save with nothing from elsewhere leaves it alone.
    let quiet = a.generation();
    a.save("ta1", LATER).expect("saves");
    assert_eq!(a.generation(), quiet);
}

#[test]
fn a_conflict_settled_for_a_hand_corrected_copy_is_saved_and_survives_reopening() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    // The same record, same rev and same updated_at, its title corrected by hand in the file.
    let mut theirs = ws.data().clone();
    let mut a = theirs.get::<Activity>("a-1").cloned().expect("activity");
    a.title = "Tặng quà Tết (sửa tay)".into();
    theirs.put(a.clone());
    let p = crate::bundle::merge::preview(ws.data(), &theirs);
    assert_eq!(p.conflicts.len(), 1);
    ws.merge_in(&theirs, &Choices::all_incoming(&p), "t1", LATER)
        .expect("merged");
    let (again, _) = Workspace::open(store.clone(), "data", LATER);
    let kept = again.data().get::<Activity>("a-1").expect("activity");
    assert_eq!(
        kept.title, "Tặng quà Tết (sửa tay)",
        "the choice reached storage"
    );
    assert_eq!(kept.rev, a.rev + 1, "a decision is a new revision");
    // The same file again: the decision stands, nothing to decide twice.
    let p = crate::bundle::merge::preview(again.data(), &theirs);
    assert!(p.conflicts.is_empty());
}

#[test]
fn undo_refuses_when_it_cannot_read_what_the_snapshot_names_and_changes_nothing() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.take_snapshot("import x", "s1", T).expect("snapshot");
    // The import adds an activity and renames a commune: the directory gets a new chunk.
    let mut incoming = Dataset::default();
    incoming.activities.push(activity(
        "a-new",
        "u-kbnn",
        "c-paco",
        "2025-02-02",
        "health",
        3,
    ));
    let mut l = ws
        .data()
        .get::<Location>("c-paco")
        .cloned()
        .expect("commune");
    l.name = "Pà Cò mới".into();
    l.touch(LATER);
    incoming.locations.push(l);
    ws.merge_in(&incoming, &Default::default(), "t1", LATER)
        .expect("imports");
    // The directory's chunk from before the import is damaged (or gone) after a reload.
    let snap: serde_json::Value =
        serde_json::from_str(&store.borrow().items["donghanh.data:snapshot"])
            .expect("snapshot json");
    let dir_key = snap["manifest"]["chunks"]["dir"]["key"]
        .as_str()
        .expect("dir chunk")
        .to_string();
    for damage in [Some("DC1|garbage"), None] {
        let mut s = store.borrow_mut();
        match damage {
            Some(text) => s.items.insert(dir_key.clone(), text.into()),
            None => s.items.remove(&dir_key),
        };
        drop(s);
        let (mut reopened, notices) = Workspace::open(store.clone(), "data", LATER);
        // Said at opening, not when the button is pressed; the button is not offered.
        assert!(
            notices.contains(&OpenNotice::UndoLost {
                label: "import x".into()
            }),
            "{notices:?}"
        );
        assert_eq!(reopened.undo_state(), None);
        let before = snapshot(&store);
        let records = reopened.data().clone();
        assert_eq!(
            reopened.restore_snapshot("t2", "2026-11-28T00:00:00Z"),
            Err(SaveError::SnapshotUnreadable)
        );
        assert_eq!(reopened.data(), &records, "nothing changed in memory");
        assert_eq!(snapshot(&store), before, "nothing changed in storage");
        assert!(
            !reopened.data().locations.is_empty(),
            "the directory is still there"
        );
        assert!(
            store.borrow().items.contains_key("donghanh.data:snapshot"),
            "the snapshot is kept"
        );
    }
}

#[test]
fn a_save_never_deletes_another_tabs_chunk_it_could_not_read() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    edit_cash(&mut b, "a-2", 7_000_000, LATER);
    b.save("tb", LATER).expect("saves");
    // B's new chunk for that unit's activities cannot be read here (damage, or a newer app).
    let group = activity_group("u-kbnn");
    let manifest = store.borrow().items[DATA].clone();
    let theirs = codec::decode_manifest(&manifest).expect("manifest");
    let key = theirs.chunks[&group].key.clone();
    store
        .borrow_mut()
        .items
        .insert(key.clone(), "DC1|written by a newer app".into());
    // A edits the same group and saves, folding in B's manifest first.
    edit_cash(&mut a, "a-1", 11_000_000, "2026-11-27T10:30:00Z");
    a.save("ta", "2026-11-27T10:30:00Z").expect("saves");
    assert_eq!(
        store.borrow().items.get(&key).map(String::as_str),
        Some("DC1|written by a newer app"),
        "set aside, not deleted"
    );
    assert!(
        a.unreadable_keys().contains(&key),
        "{:?}",
        a.unreadable_keys()
    );
    assert_eq!(cash(&a, "a-1"), Some(11_000_000));
}

#[test]
fn a_chunk_that_is_gone_is_announced_and_its_group_is_not_forgotten() {
    let store = seeded();
    let group = activity_group("u-kbnn");
    let manifest = codec::decode_manifest(&store.borrow().items[DATA]).expect("manifest");
    let key = manifest.chunks[&group].key.clone();
    let lost: Vec<Activity> = small()
        .activities
        .into_iter()
        .filter(|a| a.unit_id == "u-kbnn")
        .collect();
    store.borrow_mut().items.remove(&key);
    let (mut ws, notices) = Workspace::open(store.clone(), "data", LATER);
    assert!(
        notices.contains(&OpenNotice::Missing {
            group: group.clone()
        }),
        "{notices:?}"
    );
    assert_eq!(ws.missing_groups(), vec![group.clone()]);
    // An edit elsewhere and a save keep the group's entry: reopening says so again.
    edit_cash(&mut ws, "a-4", 3_000_000, LATER);
    ws.save("t1", LATER).expect("saves");
    let (_, notices) = Workspace::open(store.clone(), "data", LATER);
    assert!(notices.contains(&OpenNotice::Missing {
        group: group.clone()
    }));
    // The records come back (a bundle exported before): the same revisions are written again.
    let back = Dataset {
        activities: lost.clone(),
        ..Default::default()
    };
    let p = crate::bundle::merge::preview(ws.data(), &back);
    ws.merge_in(&back, &Choices::proposed(&p), "t2", LATER)
        .expect("merged");
    assert!(ws.missing_groups().is_empty());
    let (again, notices) = Workspace::open(store.clone(), "data", LATER);
    assert!(notices.is_empty(), "{notices:?}");
    for a in &lost {
        assert!(again.data().get::<Activity>(&a.id).is_some(), "{}", a.id);
    }
}

#[test]
fn chunks_of_the_first_encoding_are_read_and_written_again_with_a_checksum() {
    let store = seeded();
    // Store every chunk as the first version wrote it (no checksum).
    let keys: Vec<String> = store
        .borrow()
        .items
        .keys()
        .filter(|k| k.starts_with("donghanh.data."))
        .cloned()
        .collect();
    for k in &keys {
        let text = store.borrow().items[k].clone();
        let b = codec::decode_chunk(&text).expect("chunk");
        let json = crate::bundle::format::write(&b.data, T, None);
        let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
        let v1 = format!("DC1|{}", crate::store::pack::pack(&deflated));
        store.borrow_mut().items.insert(k.clone(), v1);
    }
    let (mut ws, notices) = Workspace::open(store.clone(), "data", LATER);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(sorted(ws.data().clone()), sorted(small()));
    assert!(ws.unsaved());
    ws.save("t1", LATER).expect("saves");
    let items = store.borrow().items.clone();
    let chunks: Vec<&String> = items
        .iter()
        .filter(|(k, _)| k.starts_with("donghanh.data."))
        .map(|(_, v)| v)
        .collect();
    assert!(!chunks.is_empty());
    assert!(
        chunks.iter().all(|v| v.starts_with("DC2|")),
        "all written again"
    );
}
