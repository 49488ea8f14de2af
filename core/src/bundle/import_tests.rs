use super::*;
use crate::bundle::format::write;
use crate::bundle::merge::{apply, Choices};
use crate::domain::record::Activity;
use crate::domain::testkit::{activity, loc, small};
use crate::domain::Reason;

const T: &str = "2026-11-27T08:30:00Z";

#[test]
fn a_clean_bundle_into_an_empty_store_is_all_new() {
    let text = write(&small(), T, None);
    let p = prepare(&text, &Dataset::default()).expect("reads");
    assert_eq!(p.invalid_total(), 0);
    assert_eq!(p.preview.total().new, small().record_count());
    assert_eq!(p.data.record_count(), small().record_count());
}

#[test]
fn importing_what_is_stored_changes_nothing() {
    let text = write(&small(), T, None);
    let p = prepare(&text, &small()).expect("reads");
    assert!(p.preview.is_noop());
    assert_eq!(p.preview.total().unchanged, small().record_count());
}

#[test]
fn invalid_records_are_left_out_with_their_reasons_and_what_hangs_on_them_too() {
    let mut ds = small();
    ds.activities[0].cash_vnd = -5;
    // a village under a district (invalid), and an activity in that village
    ds.locations
        .push(loc("v-bad", "village", Some("d-mc"), "Bản lạc"));
    ds.activities.push(activity(
        "a-in-bad",
        "u-kbnn",
        "v-bad",
        "2023-03-03",
        "gifts",
        1,
    ));
    let p = prepare(&write(&ds, T, None), &Dataset::default()).expect("reads");
    assert_eq!(p.invalid.get(&Kind::Activity), Some(&2));
    assert_eq!(p.invalid.get(&Kind::Location), Some(&1));
    assert!(p.data.get::<Activity>("a-1").is_none());
    assert!(p.data.get::<Activity>("a-2").is_some());
    let reasons: Vec<_> = p
        .problems
        .iter()
        .map(|p| (p.id.clone().unwrap_or_default(), p.reason.clone()))
        .collect();
    assert!(reasons.contains(&("a-1".into(), Reason::Negative)));
    assert!(reasons
        .iter()
        .any(|(id, r)| id == "v-bad" && matches!(r, Reason::BadParent { .. })));
    assert!(reasons
        .iter()
        .any(|(id, r)| id == "a-in-bad" && matches!(r, Reason::Dangling { .. })));
    // what remains is consistent
    assert!(check_dataset(&p.data, None).is_empty());
}

#[test]
fn references_to_stored_records_are_fine() {
    let bundle = Dataset {
        activities: vec![activity(
            "a-9",
            "u-kbnn",
            "v-paco-1",
            "2025-01-01",
            "health",
            0,
        )],
        ..Default::default()
    };
    let p = prepare(&write(&bundle, T, None), &small()).expect("reads");
    assert_eq!(p.invalid_total(), 0);
    assert_eq!(p.preview.total().new, 1);
    let p = prepare(&write(&bundle, T, None), &Dataset::default()).expect("reads");
    assert_eq!(p.invalid_total(), 1);
}

#[test]
fn two_unit_bundles_sharing_the_directory_merge() {
    let all = small();
    let mut kbnn = all.clone();
    kbnn.activities.retain(|a| a.unit_id == "u-kbnn");
    let mut police = all.clone();
    police.activities.retain(|a| a.unit_id == "u-police");
    let mut store = Dataset::default();
    for part in [&kbnn, &police] {
        let p = prepare(&write(part, T, None), &store).expect("reads");
        assert_eq!(p.invalid_total(), 0);
        apply(&mut store, &p.data, &Choices::default());
    }
    store.sort_activities();
    let mut want = all;
    want.sort_activities();
    assert_eq!(store, want);
}
