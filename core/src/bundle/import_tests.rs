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

#[test]
fn a_broken_optional_link_never_drops_an_activity_or_its_money() {
    let mut ds = small();
    // A plan written by month, and seven activities counted towards its item.
    let mut plan = crate::domain::testkit::plan(
        "p-month",
        "u-kbnn",
        "c-paco",
        Some(2023),
        vec![crate::domain::testkit::item("i-month", "gifts", 50.0, 0)],
    );
    plan.items[0].due = Some("2023-02".into());
    ds.plans.push(plan);
    for i in 0..7 {
        let mut a = activity(
            &format!("a-m{i}"),
            "u-kbnn",
            "c-paco",
            "2023-01-20",
            "gifts",
            1,
        );
        a.plan_item_id = Some("i-month".into());
        ds.activities.push(a);
    }
    // Links that do not hold here: an unknown plan item, an unknown model, another unit's item.
    ds.activities[0].plan_item_id = Some("i-not-here".into());
    ds.activities[1].model_id = Some("m-not-here".into());
    ds.activities[3].plan_item_id = Some("i-month".into());
    let cash: i64 = ds.activities.iter().map(|a| a.cash_vnd).sum();
    let p = prepare(&write(&ds, T, None), &Dataset::default()).expect("reads");
    assert_eq!(p.invalid_total(), 0, "{:?}", p.problems);
    assert_eq!(p.data.activities.len(), ds.activities.len());
    assert_eq!(
        p.data.activities.iter().map(|a| a.cash_vnd).sum::<i64>(),
        cash
    );
    assert_eq!(
        p.data.plans.len(),
        ds.plans.len(),
        "a due by month is a due"
    );
    let flagged: Vec<&str> = p
        .broken_links
        .iter()
        .filter_map(|x| x.id.as_deref())
        .collect();
    for id in ["a-1", "a-2", "a-4"] {
        assert!(flagged.contains(&id), "{id} flagged: {flagged:?}");
    }
    // The links are kept as they came (the plan may arrive in a later file).
    assert_eq!(
        p.data
            .get::<Activity>("a-1")
            .and_then(|a| a.plan_item_id.as_deref()),
        Some("i-not-here")
    );
    // What an activity cannot exist without still leaves it out.
    ds.activities[2].unit_id = "u-not-here".into();
    let p = prepare(&write(&ds, T, None), &Dataset::default()).expect("reads");
    assert_eq!(p.invalid.get(&Kind::Activity), Some(&1));
}
