//! Defects an adversarial review found in the storage rules (issue 28), each as the sequence
//! that showed it: another tab's edit must survive a failed save, damaged logs and settings are
//! set aside rather than overwritten, and a lost undo is said at opening.

use std::cell::RefCell;
use std::rc::Rc;

use super::backend::{Backend, Memory};
use super::importlog::LogEntry;
use super::settings::{self, Settings};
use super::workspace::{OpenNotice, SaveError, Workspace, UNREADABLE_PREFIX};
use crate::domain::record::{Activity, Record};
use crate::domain::testkit::{activity, small};
use crate::domain::Dataset;

const T: &str = "2026-11-27T08:30:00Z";
const DATA: &str = "donghanh.data";

type Shared = Rc<RefCell<Memory>>;

fn seeded() -> Shared {
    let store = Rc::new(RefCell::new(Memory::default()));
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.edit(|d| *d = small());
    ws.save("t0", T).expect("saves");
    store
}

fn cash(ws: &Workspace<impl Backend>, id: &str) -> Option<i64> {
    ws.data().get::<Activity>(id).map(|a| a.cash_vnd)
}

fn set_cash(ws: &mut Workspace<impl Backend>, id: &str, cash: i64, at: &str) {
    ws.edit(|d| {
        let mut x = d.get::<Activity>(id).cloned().expect("activity");
        x.cash_vnd = cash;
        x.touch(at);
        d.put(x);
    });
}

fn one_new_activity() -> Dataset {
    let mut ds = Dataset::default();
    ds.activities.push(activity(
        "a-new",
        "u-kbnn",
        "c-paco",
        "2025-02-02",
        "health",
        3,
    ));
    ds
}

/// Tab A gets ready (`first`); tab B edits and saves; A's import or undo (`failing`) then finds
/// storage full; then B's late event and A's next save. B's edit must be in A, in storage and in
/// a fresh tab.
fn another_tabs_edit_survives(
    first: impl Fn(&mut Workspace<Shared>),
    failing: impl Fn(&mut Workspace<Shared>) -> Result<(), SaveError>,
) {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    a.set_tab("A");
    first(&mut a);
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    set_cash(&mut b, "a-2", 222, "2026-11-27T09:00:00Z");
    b.save("tb", T).expect("b saves");
    store.borrow_mut().fail_after = Some(0);
    assert_eq!(failing(&mut a), Err(SaveError::Full));
    store.borrow_mut().fail_after = None;
    assert_eq!(
        cash(&a, "a-2"),
        Some(222),
        "A holds B's edit after the failed write"
    );
    // B's storage event arrives late (its token is the one A adopted), then A saves.
    let raw = store.borrow().get(DATA).expect("reads");
    a.external_change(DATA, raw.as_deref());
    set_cash(&mut a, "a-1", 111, "2026-11-27T09:10:00Z");
    a.save("ta", T).expect("a saves");
    let (fresh, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(
        (cash(&fresh, "a-1"), cash(&fresh, "a-2")),
        (Some(111), Some(222)),
        "both tabs' edits are stored"
    );
}

#[test]
fn another_tabs_edit_survives_an_import_whose_write_fails() {
    another_tabs_edit_survives(
        |a| a.take_snapshot("import", "s", T).expect("snapshot"),
        |a| a.merge_in(&one_new_activity(), &Default::default(), "t1", T),
    );
}

#[test]
fn another_tabs_edit_survives_an_undo_whose_write_fails() {
    another_tabs_edit_survives(
        |a| {
            a.take_snapshot("import", "s", T).expect("snapshot");
            a.merge_in(&one_new_activity(), &Default::default(), "t1", T)
                .expect("imports");
        },
        |a| a.restore_snapshot("t2", "2026-11-27T09:05:00Z").map(|_| ()),
    );
}

#[test]
fn an_unreadable_import_log_is_set_aside_and_its_unreadable_entries_kept() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    let entry = |id: &str| LogEntry {
        id: id.into(),
        at: T.into(),
        file: format!("{id}.json"),
        ..LogEntry::default()
    };
    // One entry of another shape (a newer app's, or damaged) among readable ones.
    let log_key = "donghanh.data:log";
    store.borrow_mut().items.insert(
        log_key.into(),
        r#"[{"id":"old","file":"a.json","new":"many"},{"id":"ok","file":"b.json"}]"#.into(),
    );
    assert_eq!(ws.import_log().len(), 1, "the readable entry is shown");
    ws.record_import(entry("n1")).expect("logs");
    let text = store.borrow().items[log_key].clone();
    assert!(
        text.contains(r#""new":"many""#),
        "the unreadable entry is kept: {text}"
    );
    assert_eq!(
        ws.import_log()
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["n1", "ok"]
    );
    // A log that is not a list at all is copied aside before a new one is written.
    store
        .borrow_mut()
        .items
        .insert(log_key.into(), "{garbage".into());
    ws.record_import(entry("n2")).expect("logs");
    let aside: Vec<(String, String)> = store
        .borrow()
        .items
        .iter()
        .filter(|(k, _)| k.starts_with(UNREADABLE_PREFIX))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(aside[0].1, "{garbage");
    assert!(
        ws.unreadable_keys().contains(&aside[0].0),
        "listed in Settings"
    );
}

#[test]
fn unreadable_settings_keep_what_reads_and_are_set_aside_before_a_save() {
    let mut store = Memory::default();
    let key = "donghanh.settings";
    // One field of the wrong type must not cost the others.
    store
        .set(
            key,
            r#"{"unit_id":"u-kbnn","unit_label":"Kho bạc","welcomed":"yes"}"#,
        )
        .expect("set");
    let s = settings::load(&store);
    assert_eq!(
        (s.unit_id.as_str(), s.unit_label.as_str()),
        ("u-kbnn", "Kho bạc")
    );
    settings::save(&mut store, &s).expect("saves");
    let aside: Vec<&String> = store
        .items
        .keys()
        .filter(|k| k.starts_with(UNREADABLE_PREFIX))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", store.items);
    assert!(store.items[aside[0]].contains(r#""welcomed":"yes""#));
    assert_eq!(settings::load(&store), s);
    // Settings that read whole are simply written over.
    settings::save(&mut store, &Settings::default()).expect("saves");
    assert_eq!(
        store
            .items
            .keys()
            .filter(|k| k.starts_with(UNREADABLE_PREFIX))
            .count(),
        1
    );
}

#[test]
fn a_lost_undo_is_said_at_opening() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.set_tab("A");
    ws.take_snapshot("import x", "s", T).expect("snapshot");
    ws.merge_in(&one_new_activity(), &Default::default(), "t1", T)
        .expect("imports");
    assert!(ws.undo_state().is_some());
    // Damage a chunk only the snapshot names (the activity group the import replaced).
    let snap: serde_json::Value =
        serde_json::from_str(&store.borrow().items["donghanh.data:snapshot"]).expect("json");
    let named: Vec<String> = snap["manifest"]["chunks"]
        .as_object()
        .expect("chunks")
        .values()
        .filter_map(|c| c["key"].as_str().map(str::to_string))
        .collect();
    assert!(
        named
            .iter()
            .all(|k| ws.backend.borrow().items.contains_key(k)),
        "the snapshot's chunks are kept"
    );
    let only_snapshot = named
        .iter()
        .find(|k| {
            let m: serde_json::Value =
                serde_json::from_str(&store.borrow().items[DATA][..]).unwrap_or_default();
            !m.to_string().contains(k.as_str())
        })
        .cloned()
        .expect("a chunk only the snapshot names");
    store
        .borrow_mut()
        .items
        .insert(only_snapshot, "DC1|garbage".into());
    let (mut reopened, notices) = Workspace::open(store.clone(), "data", T);
    reopened.set_tab("A");
    assert!(
        notices.contains(&OpenNotice::UndoLost {
            label: "import x".into()
        }),
        "{notices:?}"
    );
    assert_eq!(reopened.undo_state(), None, "no button that can only fail");
    assert_eq!(cash(&reopened, "a-new"), Some(3), "the data is untouched");
}

#[test]
fn a_lost_index_with_an_undo_point_still_opens_every_record() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.set_tab("A");
    ws.take_snapshot("import x", "s", T).expect("snapshot");
    ws.merge_in(&one_new_activity(), &Default::default(), "t1", T)
        .expect("imports");
    let all = ws.data().clone();
    // The index is damaged; most chunks are named by the undo point too.
    store
        .borrow_mut()
        .items
        .insert(DATA.into(), "{damaged".into());
    let later = "2026-11-27T10:00:00Z";
    let (mut reopened, _) = Workspace::open(store.clone(), "data", later);
    let count = |d: &Dataset| {
        (
            d.activities.len(),
            d.locations.len(),
            d.units.len(),
            d.plans.len(),
        )
    };
    assert_eq!(count(reopened.data()), count(&all), "every record opens");
    // The next import replaces the undo point: nothing is lost with it.
    reopened.save("t2", later).expect("saves");
    reopened
        .take_snapshot("import y", "s2", later)
        .expect("snapshot");
    reopened
        .merge_in(&Dataset::default(), &Default::default(), "t3", later)
        .expect("imports");
    let (fresh, _) = Workspace::open(store.clone(), "data", later);
    assert_eq!(count(fresh.data()), count(&all));
}

#[test]
fn storage_cleared_behind_an_open_tab_is_written_again_whole() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    // Another program clears the site's storage; no event reaches this tab.
    store.borrow_mut().items.clear();
    set_cash(&mut ws, "a-1", 5, "2026-11-27T09:00:00Z");
    ws.save("t1", T).expect("saves");
    let (fresh, notices) = Workspace::open(store.clone(), "data", T);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(fresh.data().activities.len(), small().activities.len());
    assert_eq!(fresh.data().locations.len(), small().locations.len());
    assert_eq!(cash(&fresh, "a-1"), Some(5));
}

#[test]
fn an_index_another_tab_left_unreadable_is_set_aside_not_written_over() {
    let store = seeded();
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    store
        .borrow_mut()
        .items
        .insert(DATA.into(), "{\"written by\":\"a newer app\"".into());
    set_cash(&mut ws, "a-1", 5, "2026-11-27T09:00:00Z");
    ws.save("t1", "2026-11-27T09:00:00Z").expect("saves");
    let (notices, _) = ws.take_notices();
    // Set aside, and the chunks it named read back (as at opening).
    assert!(
        matches!(
            notices.as_slice(),
            [OpenNotice::Unreadable { .. }, OpenNotice::Recovered { .. }]
        ),
        "{notices:?}"
    );
    let kept: Vec<String> = store
        .borrow()
        .items
        .iter()
        .filter(|(k, _)| k.starts_with(UNREADABLE_PREFIX))
        .map(|(_, v)| v.clone())
        .collect();
    assert_eq!(kept, ["{\"written by\":\"a newer app\""]);
    let (fresh, _) = Workspace::open(store.clone(), "data", T);
    assert_eq!(cash(&fresh, "a-1"), Some(5));
}

#[test]
fn a_record_another_tab_superseded_during_an_import_is_reported() {
    let store = seeded();
    let (mut a, _) = Workspace::open(store.clone(), "data", T);
    a.set_tab("A");
    let (mut b, _) = Workspace::open(store.clone(), "data", T);
    // The same record edited in both tabs at the same revision; B's edit is the later one.
    set_cash(&mut a, "a-1", 1, "2026-11-27T09:00:00Z");
    set_cash(&mut b, "a-1", 2, "2026-11-27T09:05:00Z");
    b.save("tb", T).expect("b saves");
    a.take_snapshot("import", "s", T).expect("snapshot");
    a.merge_in(&one_new_activity(), &Default::default(), "t1", T)
        .expect("imports");
    let (_, superseded) = a.take_notices();
    assert_eq!(superseded.len(), 1, "A's own edit gave way, and A is told");
    assert_eq!(cash(&a, "a-1"), Some(2));
}
