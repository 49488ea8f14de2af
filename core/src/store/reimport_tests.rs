//! A file imported again after its import was undone (issue 29): its copies are older than the
//! deletions the undo made, and they all come back when the person asks for them.

use std::cell::RefCell;
use std::rc::Rc;

use super::backend::Memory;
use super::workspace::Workspace;
use crate::bundle::format::write;
use crate::bundle::import::prepare;
use crate::bundle::merge::Choices;
use crate::domain::testkit::small;

const T: &str = "2026-11-27T08:30:00Z";

#[test]
fn a_file_imported_again_after_its_undo_is_all_older_and_comes_back_whole_when_asked() {
    let store = Rc::new(RefCell::new(Memory::default()));
    let (mut ws, _) = Workspace::open(store, "data", T);
    ws.set_tab("tab");
    let text = write(&small(), T, None);
    let p = prepare(&text, ws.data()).expect("reads");
    ws.take_snapshot("first", "t1", T).expect("snapshot");
    ws.merge_in(&p.data, &Choices::proposed(&p.preview), "t2", T)
        .expect("merges");
    ws.restore_snapshot("t3", "2026-11-27T09:00:00Z")
        .expect("undone");
    assert_eq!(ws.data().record_count(), 0);

    let again = prepare(&text, ws.data()).expect("reads");
    // Every record of the file is named: none left out, none flagged as pointing at nothing.
    assert_eq!(again.invalid_total(), 0, "{:?}", again.problems);
    let t = again.preview.total();
    assert_eq!(
        (t.new, t.updated, t.older),
        (0, 0, small().record_count()),
        "{t:?}"
    );
    // Asked for on purpose ("Áp dụng lại"): everything comes back, units and places included.
    let choices = Choices::proposed(&again.preview).taking_older(&again.preview);
    ws.merge_in(&again.data, &choices, "t4", "2026-11-27T10:00:00Z")
        .expect("merges");
    assert_eq!(ws.data().record_count(), small().record_count());
    assert_eq!(ws.data().units.len(), small().units.len());
}
