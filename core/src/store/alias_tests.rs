//! The second round of files after a merge (issue 29): the province says once that an officer's
//! own unit and commune are its own, and the officer's next file lands as ordinary updates.

use std::cell::RefCell;
use std::rc::Rc;

use super::backend::Memory;
use super::workspace::Workspace;
use crate::bundle::format::{write, Source};
use crate::bundle::import::prepare;
use crate::bundle::merge::Choices;
use crate::domain::duplicates::{alias_change, pairs};
use crate::domain::record::{Activity, Location, Record, Unit};
use crate::domain::testkit::{activity, loc, small, unit};
use crate::domain::{Dataset, Kind};

const T: &str = "2026-11-27T08:30:00Z";

/// The officer's own data, made before she had the province's directory.
fn officer(correction: Option<i64>) -> Dataset {
    let mut ds = Dataset::default();
    ds.put(loc("p", "province", None, "Hòa Bình"));
    ds.put(loc("c-lan", "commune", Some("p"), "Xã Pà Cò"));
    let mut u = unit("u-lan", "KHO BẠC NHÀ NƯỚC TỈNH");
    u.short_name.clear();
    ds.put(u);
    ds.put(activity(
        "a-lan-1",
        "u-lan",
        "c-lan",
        "2026-03-01",
        "gifts",
        3_000_000,
    ));
    let mut second = activity(
        "a-lan-2",
        "u-lan",
        "c-lan",
        "2026-04-01",
        "gifts",
        2_000_000,
    );
    if let Some(cash) = correction {
        second.cash_vnd = cash;
        second.touch("2026-12-01T08:00:00Z");
    }
    ds.put(second);
    ds
}

fn file(ds: &Dataset) -> String {
    let source = Source {
        unit_id: Some("u-lan".into()),
        label: Some("Kho bạc (máy chị Lan)".into()),
    };
    write(ds, "2026-12-01T09:00:00Z", Some(&source))
}

fn cash_of(ds: &Dataset, unit: &str) -> i64 {
    ds.activities
        .iter()
        .filter(|a| a.unit_id == unit)
        .map(|a| a.cash_vnd)
        .sum()
}

#[test]
fn after_the_province_matches_duplicates_the_units_corrected_file_lands_as_updates() {
    let store = Rc::new(RefCell::new(Memory::default()));
    let (mut ws, _) = Workspace::open(store.clone(), "data", T);
    ws.edit(|d| *d = small());
    ws.save("t0", T).expect("saves");
    let before = cash_of(ws.data(), "u-kbnn");

    // First round: her file arrives, with her own treasury and Pà Cò.
    let p = prepare(&file(&officer(None)), ws.data()).expect("reads");
    ws.merge_in(&p.data, &Choices::proposed(&p.preview), "t1", T)
        .expect("merges");

    // The province matches them: the fuller records are proposed as the ones kept.
    let found = pairs(ws.data());
    let kept: Vec<(Kind, &str, &str)> = found
        .iter()
        .map(|p| (p.kind, p.keep.as_str(), p.dup.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (Kind::Unit, "u-kbnn", "u-lan"),
            (Kind::Location, "c-paco", "c-lan")
        ]
    );
    for pair in &found {
        let change = alias_change(ws.data(), pair, "2026-12-01T10:00:00Z").expect("a change");
        ws.merge_in(&change, &Choices::default(), "t2", "2026-12-01T10:00:00Z")
            .expect("merges");
    }
    assert!(pairs(ws.data()).is_empty(), "matched once, remembered");
    assert_eq!(cash_of(ws.data(), "u-kbnn"), before + 5_000_000);
    // Her records are read as the province's unit and commune, never rewritten: same revision.
    let mine = ws.data().get::<Activity>("a-lan-1").expect("a-lan-1");
    assert_eq!(
        (mine.unit_id.as_str(), mine.location_id.as_str(), mine.rev),
        ("u-kbnn", "c-paco", 1)
    );
    assert!(ws.data().get::<Unit>("u-lan").is_some_and(|u| u.rev == 1));
    assert!(ws
        .data()
        .get::<Location>("c-lan")
        .is_some_and(|l| l.rev == 1));

    // Second round: one amount corrected, 2,000,000 → 2,500,000.
    let mut p = prepare(&file(&officer(Some(2_500_000))), ws.data()).expect("reads");
    p.warn_duplicates(ws.data());
    let t = p.preview.total();
    assert_eq!(
        (t.updated, t.older, t.conflicts, t.new),
        (1, 0, 0, 0),
        "{t:?}"
    );
    assert!(p.authority.foreign.is_empty(), "{:?}", p.authority.foreign);
    assert!(p.duplicates.is_empty(), "{:?}", p.duplicates);
    ws.merge_in(&p.data, &Choices::proposed(&p.preview), "t3", T)
        .expect("merges");
    assert_eq!(cash_of(ws.data(), "u-kbnn"), before + 5_500_000);
    let corrected = ws.data().get::<Activity>("a-lan-2").expect("a-lan-2");
    assert_eq!(
        (corrected.rev, corrected.unit_id.as_str()),
        (2, "u-kbnn"),
        "her revision, read as ours"
    );

    // Stored so, and read so after a reload.
    let (again, _) = Workspace::open(store, "data", T);
    assert_eq!(cash_of(again.data(), "u-kbnn"), before + 5_500_000);
    assert!(pairs(again.data()).is_empty());
}

#[test]
fn a_province_file_with_the_alias_reads_the_units_own_records_alike() {
    // Her browser takes the province's directory after the match: her own records are read as
    // the province's unit, and her next file changes nothing there.
    let mut province = small();
    province.absorb(officer(None));
    let pair = pairs(&province).into_iter().next().expect("a pair");
    let change = alias_change(&province, &pair, "2026-12-01T10:00:00Z").expect("a change");
    let store = Rc::new(RefCell::new(Memory::default()));
    let (mut hers, _) = Workspace::open(store, "data", T);
    hers.edit(|d| *d = officer(None));
    hers.save("t0", T).expect("saves");
    let p = prepare(&write(&change, T, None), hers.data()).expect("reads");
    assert_eq!(p.preview.total().conflicts, 0);
    hers.merge_in(&p.data, &Choices::proposed(&p.preview), "t1", T)
        .expect("merges");
    let mine = hers.data().get::<Activity>("a-lan-1").expect("a-lan-1");
    assert_eq!((mine.unit_id.as_str(), mine.rev), ("u-kbnn", 1));
}

#[test]
fn a_merge_made_like_an_import_is_undone_like_one_without_touching_the_units_records() {
    let store = Rc::new(RefCell::new(Memory::default()));
    let (mut ws, _) = Workspace::open(store, "data", T);
    ws.set_tab("tab");
    let mut both = small();
    both.absorb(officer(None));
    ws.edit(|d| *d = both);
    ws.save("t0", T).expect("saves");
    let pair = pairs(ws.data()).into_iter().next().expect("a pair");
    let at = "2026-12-01T10:00:00Z";
    let change = alias_change(ws.data(), &pair, at).expect("a change");
    ws.take_snapshot("merge", "t1", at).expect("snapshot");
    ws.merge_in(&change, &Choices::default(), "t2", at)
        .expect("merges");
    assert_eq!(
        ws.data()
            .get::<Activity>("a-lan-1")
            .map(|a| a.unit_id.as_str()),
        Some("u-kbnn")
    );
    // the kept unit, and her two activities read back as naming her own unit
    assert_eq!(ws.restore_snapshot("t3", "2026-12-01T11:00:00Z"), Ok(3));
    let back = ws.data().get::<Activity>("a-lan-1").expect("a-lan-1");
    assert_eq!(
        (back.unit_id.as_str(), back.rev),
        ("u-lan", 1),
        "read as before, no revision"
    );
    assert_eq!(pairs(ws.data()).len(), 2, "the pair is offered again");
    // and redone
    ws.restore_snapshot("t4", "2026-12-01T12:00:00Z")
        .expect("redo");
    assert_eq!(
        ws.data()
            .get::<Activity>("a-lan-1")
            .map(|a| (a.unit_id.as_str(), a.rev)),
        Some(("u-kbnn", 1))
    );
}
