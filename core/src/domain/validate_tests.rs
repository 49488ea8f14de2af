use super::*;
use crate::domain::testkit::{self, activity, loc, small};
use crate::domain::Lang;

fn problems_of(ds: &Dataset) -> Vec<(Kind, String, String, Reason)> {
    check_dataset(ds, None)
        .into_iter()
        .map(|p| {
            (
                p.kind,
                p.id.unwrap_or_default(),
                p.field.to_string(),
                p.reason,
            )
        })
        .collect()
}

fn only(ds: &Dataset) -> (Kind, String, String, Reason) {
    let mut all = problems_of(ds);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

#[test]
fn the_small_fixture_is_valid() {
    assert_eq!(problems_of(&small()), vec![]);
}

#[test]
fn empty_and_too_long_ids() {
    let mut ds = small();
    ds.units.push(testkit::unit(" ", "Sở Y tế"));
    assert_eq!(only(&ds).2, "id");
    assert_eq!(only(&ds).3, Reason::Empty);
    let mut ds = small();
    ds.activities[0].id = "x".repeat(65);
    assert_eq!(only(&ds).3, Reason::TooLong { max: 64 });
    let mut ds = small();
    ds.activities[0].id = "ư".repeat(64); // 64 characters, 128 bytes: fine
    assert_eq!(problems_of(&ds), vec![]);
}

#[test]
fn bad_dates_and_timestamps() {
    let mut ds = small();
    ds.activities[0].date = "2023-02-30".into();
    assert_eq!(
        only(&ds),
        (Kind::Activity, "a-1".into(), "date".into(), Reason::BadDate)
    );
    let mut ds = small();
    ds.models[0].started_on = Some("01/04/2022".into());
    assert_eq!(only(&ds).2, "started_on");
    let mut ds = small();
    ds.units[0].updated_at = "2026-01-01".into();
    assert_eq!(only(&ds).3, Reason::BadTimestamp);
    let mut ds = small();
    ds.plans[0].items[1].due = Some("2023-13-01".into());
    assert_eq!(only(&ds).2, "items[1].due");
    let mut ds = small();
    ds.locations[2].valid_from = Some("2021-01-01".into());
    ds.locations[2].valid_to = Some("2020-12-31".into());
    assert_eq!(only(&ds).3, Reason::EndsBeforeStart);
}

#[test]
fn negative_money_counts_and_quantities() {
    let mut ds = small();
    ds.activities[1].cash_vnd = -1;
    ds.activities[1].people = -3;
    ds.activities[1].qty = -0.5;
    let fields: Vec<_> = problems_of(&ds).into_iter().map(|p| (p.2, p.3)).collect();
    assert_eq!(
        fields,
        vec![
            ("cash_vnd".into(), Reason::Negative),
            ("qty".into(), Reason::Negative),
            ("people".into(), Reason::Negative),
        ]
    );
    let mut ds = small();
    ds.plans[0].items[0].target_vnd = -100;
    assert_eq!(only(&ds).2, "items[0].target_vnd");
    let mut ds = small();
    ds.models[0].capital_vnd = i64::MIN;
    assert_eq!(only(&ds).3, Reason::Negative);
}

#[test]
fn unknown_codes() {
    let mut ds = small();
    ds.activities[0].category = "fireworks".into();
    assert_eq!(
        only(&ds),
        (
            Kind::Activity,
            "a-1".into(),
            "category".into(),
            Reason::UnknownCode {
                code: "fireworks".into()
            }
        )
    );
    let mut ds = small();
    ds.plans[0].items[0].category = "".into();
    assert_eq!(only(&ds).2, "items[0].category");
    for (field, set) in [
        (
            "measure",
            (|ds: &mut Dataset| ds.activities[0].measure = "kg".into()) as fn(&mut Dataset),
        ),
        ("funding", |ds| ds.activities[0].funding = "lottery".into()),
        ("level", |ds| ds.locations[0].level = "region".into()),
        ("role", |ds| ds.assignments[0].role = "boss".into()),
        ("kind", |ds| ds.models[0].kind = "dragon".into()),
        ("status", |ds| ds.reports[0].status = "lost".into()),
    ] {
        let mut ds = small();
        set(&mut ds);
        assert_eq!(only(&ds).2, field);
    }
    // empty optional codes are fine
    let mut ds = small();
    ds.activities[0].measure = String::new();
    ds.activities[0].funding = String::new();
    assert_eq!(problems_of(&ds), vec![]);
}

#[test]
fn village_must_sit_under_a_commune() {
    let mut ds = small();
    ds.locations
        .push(loc("v-bad", "village", Some("d-mc"), "Bản lạc"));
    let p = only(&ds);
    assert_eq!((p.1.as_str(), p.2.as_str()), ("v-bad", "parent_id"));
    assert_eq!(
        p.3,
        Reason::BadParent {
            level: "village".into(),
            parent_level: "district".into()
        }
    );
    let mut ds = small();
    ds.locations
        .push(loc("v-orphan", "village", None, "Bản mồ côi"));
    assert_eq!(only(&ds).3, Reason::Missing);
    // a commune straight under the province (no district) is allowed
    let mut ds = small();
    ds.locations
        .push(loc("v-new", "village", Some("c-new"), "Bản Mới"));
    assert_eq!(problems_of(&ds), vec![]);
}

#[test]
fn parent_loops_are_caught() {
    let mut ds = small();
    ds.locations[1].parent_id = Some("c-paco".into()); // district under its own commune
    let all = problems_of(&ds);
    assert!(
        all.iter()
            .any(|p| p.1 == "d-mc" && p.3 == Reason::ParentCycle),
        "{all:?}"
    );
}

#[test]
fn dangling_references_name_their_target() {
    let mut ds = small();
    ds.activities[0].unit_id = "u-ghost".into();
    assert_eq!(
        only(&ds),
        (
            Kind::Activity,
            "a-1".into(),
            "unit_id".into(),
            Reason::Dangling {
                target: Kind::Unit,
                id: "u-ghost".into()
            }
        )
    );
    let mut ds = small();
    ds.activities[0].location_id = "nowhere".into();
    assert_eq!(
        only(&ds).3,
        Reason::Dangling {
            target: Kind::Location,
            id: "nowhere".into()
        }
    );
    let mut ds = small();
    ds.activities[0].plan_item_id = Some("i-ghost".into());
    assert_eq!(only(&ds).2, "plan_item_id");
    let mut ds = small();
    ds.activities[0].model_id = Some("m-ghost".into());
    assert_eq!(
        only(&ds).3,
        Reason::Dangling {
            target: Kind::Model,
            id: "m-ghost".into()
        }
    );
    let mut ds = small();
    ds.assignments[0].unit_id = "u-ghost".into();
    assert_eq!(only(&ds).0, Kind::Assignment);
}

#[test]
fn references_resolve_against_stored_data() {
    let stored = small();
    let bundle = Dataset {
        activities: vec![activity(
            "a-new",
            "u-kbnn",
            "v-paco-2",
            "2024-03-01",
            "health",
            0,
        )],
        ..Default::default()
    };
    assert!(check_dataset(&bundle, Some(&stored)).is_empty());
    assert_eq!(check_dataset(&bundle, None).len(), 2);
}

#[test]
fn plan_item_links_must_match_unit_location_and_year() {
    let mut ds = small();
    ds.activities[1].plan_item_id = Some("i-1".into()); // village of the plan's commune, 2023
    assert_eq!(problems_of(&ds), vec![]);
    ds.activities[1].date = "2024-01-02".into();
    assert_eq!(
        only(&ds),
        (
            Kind::Activity,
            "a-2".into(),
            "date".into(),
            Reason::OutsidePlanYear { year: 2023 }
        )
    );
    let mut ds = small();
    ds.activities[3].plan_item_id = Some("i-1".into()); // another unit's plan
    assert_eq!(only(&ds).3, Reason::ForeignPlanItem);
}

#[test]
fn duplicate_ids_in_a_list_and_in_plan_items() {
    let mut ds = small();
    let copy = ds.activities[0].clone();
    ds.activities.push(copy);
    assert_eq!(
        only(&ds),
        (
            Kind::Activity,
            "a-1".into(),
            "id".into(),
            Reason::DuplicateId
        )
    );
    let mut ds = small();
    ds.plans[0].items[1].id = "i-1".into();
    assert_eq!(only(&ds).2, "items[1].id");
    // the same id in two different kinds is fine
    let mut ds = small();
    ds.models[0].id = "a-1".into();
    assert_eq!(problems_of(&ds), vec![]);
}

#[test]
fn text_limits() {
    let mut ds = small();
    ds.activities[0].title = "  ".into();
    assert_eq!(only(&ds).3, Reason::Empty);
    let mut ds = small();
    ds.activities[0].description = "x".repeat(30 * 1024 * 1024);
    assert_eq!(only(&ds).3, Reason::TooLong { max: MAX_TEXT });
}

#[test]
fn periods() {
    for ok in ["2023", "2023-H1", "2023-H2", "2021-2025"] {
        assert!(valid_period(ok), "{ok}");
    }
    for bad in ["", "23", "2023-H3", "2025-2021", "abcd", "2023-"] {
        assert!(!valid_period(bad), "{bad}");
    }
}

#[test]
fn messages_render_for_every_problem() {
    let mut ds = small();
    ds.activities[0].unit_id = "u-ghost".into();
    let p = &check_dataset(&ds, None)[0];
    assert_eq!(
        p.message(Lang::Vi),
        "hoạt động \"a-1\", trường unit_id: tham chiếu tới đơn vị \"u-ghost\" không có trong gói và chưa được lưu"
    );
    assert!(p
        .message(Lang::En)
        .contains("neither in the bundle nor stored"));
    let _ = testkit::T0;
}

#[test]
fn revisions_money_counts_and_quantities_have_bounds() {
    let at = |f: fn(&mut Dataset)| {
        let mut ds = small();
        f(&mut ds);
        let (_, _, field, reason) = only(&ds);
        (field, reason)
    };
    let too_large = |field: &str| (field.to_string(), Reason::TooLarge);
    assert_eq!(at(|d| d.activities[0].rev = MAX_REV + 1), too_large("rev"));
    assert_eq!(
        at(|d| d.activities[0].cash_vnd = MAX_MONEY + 1),
        too_large("cash_vnd")
    );
    assert_eq!(
        at(|d| d.activities[0].in_kind_vnd = i64::MAX),
        too_large("in_kind_vnd")
    );
    assert_eq!(
        at(|d| d.activities[0].people = MAX_COUNT + 1),
        too_large("people")
    );
    assert_eq!(at(|d| d.activities[0].qty = 1e13), too_large("qty"));
    assert_eq!(
        at(|d| d.models[0].capital_vnd = MAX_MONEY + 1),
        too_large("capital_vnd")
    );
    assert_eq!(
        at(|d| d.plans[0].items[0].target_vnd = MAX_MONEY + 1),
        too_large("items[0].target_vnd")
    );
    // The largest allowed values themselves are fine.
    let mut ds = small();
    ds.activities[0].rev = MAX_REV;
    ds.activities[0].cash_vnd = MAX_MONEY;
    ds.activities[0].households = MAX_COUNT;
    assert_eq!(problems_of(&ds), vec![]);
}

#[test]
fn a_tombstone_above_the_highest_revision_is_refused() {
    let text = r#"{"format":"donghanh-bundle","schema":1,"tombstones":[
        {"kind":"activity","id":"a-1","rev":9223372036854775807,"updated_at":"2026-01-01T00:00:00Z"},
        {"kind":"activity","id":"a-2","rev":9007199254740991,"updated_at":"2026-01-01T00:00:00Z"}]}"#;
    let b = crate::bundle::format::parse(text).expect("a bundle");
    assert_eq!(b.data.tombstones.len(), 1, "the one at 2^53 − 1 is taken");
    assert_eq!(b.rejected.len(), 1);
    assert_eq!(b.rejected[0].reason, Reason::TooLarge);
    assert_eq!(b.rejected[0].field, "tombstones[0].rev");
}

#[test]
fn successors_are_checked_and_travel_through_a_bundle() {
    let ds = testkit::reformed();
    assert_eq!(problems_of(&ds), vec![]);
    // A commune cannot pass into a district, nor into itself.
    let mut bad = ds.clone();
    bad.locations[3].successors = crate::domain::record::IdList(vec!["d-mc".into()]);
    assert_eq!(
        only(&bad),
        (
            Kind::Location,
            "c-paco".into(),
            "successors".into(),
            Reason::BadSuccessor
        )
    );
    let mut bad = ds.clone();
    bad.units[0].successors = crate::domain::record::IdList(vec!["u-bdt".into()]);
    assert_eq!(only(&bad).3, Reason::BadSuccessor);
    let mut bad = ds.clone();
    bad.units[0].successors = crate::domain::record::IdList(vec!["u-gone".into()]);
    assert_eq!(only(&bad).2, "successors");
    // Successors only once it has ended.
    let mut bad = ds.clone();
    bad.locations[3].valid_to = None;
    assert_eq!(only(&bad).3, Reason::SuccessorWithoutEnd);
    assert!(Reason::SuccessorWithoutEnd
        .message(Lang::Vi)
        .contains("ngày ngừng"));
    // Written and read back by the bundle format.
    let json = crate::bundle::format::write(&ds, "2026-11-30T00:00:00Z", None);
    assert!(json.contains(r#""successors":["c-paco-2025"]"#), "{json}");
    let back = crate::bundle::format::parse(&json).expect("reads");
    assert!(back.rejected.is_empty());
    assert_eq!(back.data.locations, ds.locations);
    assert_eq!(back.data.units, ds.units);
}
