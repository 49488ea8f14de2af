//! The 2025 reform: communes merged into a new one, a district and a province gone, an agency
//! renamed. A report by today's map rolls the history into the successors; one by the period's
//! map keeps the places and units as they were; the totals are the same.

use crate::domain::query::LocationIndex;
use crate::domain::testkit::reformed;
use crate::report::aggregate::{aggregate, Sums};
use crate::report::scope::{Boundaries, Scope};
use crate::report::tables::{by_commune, by_unit};

const TODAY: &str = "2026-11-30";

fn scope(b: Boundaries) -> Scope {
    Scope::for_period("2021-2030").on_map(
        b,
        &reformed(),
        &LocationIndex::new(&reformed().locations),
    )
}

#[test]
fn todays_map_rolls_merged_communes_and_renamed_units_into_their_successors() {
    let ds = reformed();
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &scope(Boundaries::Today(TODAY.into())));
    assert_eq!(f.by_commune.len(), 1);
    assert_eq!(f.by_commune["c-paco-2025"].activities, 5);
    assert_eq!(f.by_commune["c-paco-2025"].cash_vnd, 92_000_000);
    assert_eq!(f.by_village["v-sang"].activities, 2);
    assert_eq!(f.by_district.keys().collect::<Vec<_>>(), vec![""]);
    assert_eq!(f.by_unit.len(), 1);
    assert_eq!(
        f.place_label(&idx, "c-paco-2025"),
        "Xã Hang Kia, xã Pà Cò (nay là xã Pà Cò)"
    );
    assert_eq!(
        f.unit_label(&ds, "u-sdttg"),
        "Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)"
    );
    let table = by_commune(&idx, &f);
    assert_eq!(table.headers[1], "Xã, phường, đặc khu");
    let text = format!("{:?}", table.rows);
    assert!(
        text.contains("Xã Hang Kia, xã Pà Cò (nay là xã Pà Cò)"),
        "{text}"
    );
    assert!(
        !text.contains("Mai Châu"),
        "no district on today's map: {text}"
    );
    assert!(format!("{:?}", by_unit(&ds, &f).rows).contains("(nay là Sở Dân tộc và Tôn giáo)"));
}

#[test]
fn the_periods_map_keeps_places_and_units_as_they_were() {
    let ds = reformed();
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &scope(Boundaries::Period));
    assert_eq!(f.by_commune["c-paco"].activities, 2);
    assert_eq!(f.by_commune["c-hangkia"].activities, 1);
    // After the merger the village's activity lands in the commune that exists on its day.
    assert_eq!(f.by_commune["c-paco-2025"].activities, 2);
    assert_eq!(f.by_district["d-mc"].activities, 3);
    assert_eq!(f.by_unit["u-bdt"].activities, 3);
    assert_eq!(f.by_unit["u-sdttg"].activities, 2);
    assert_eq!(f.place_label(&idx, "c-paco"), "Xã Pà Cò");
    // Only the old Pà Cò's village moved into the new Pà Cò here: a namesake reads as itself.
    assert_eq!(f.place_label(&idx, "c-paco-2025"), "Xã Pà Cò");
    let table = by_commune(&idx, &f);
    assert_eq!(table.headers[1], "Xã, phường, thị trấn");
    assert!(format!("{:?}", table.rows).contains("Xã Hang Kia (huyện Mai Châu)"));
}

#[test]
fn totals_are_the_same_on_both_maps() {
    let ds = reformed();
    let idx = LocationIndex::new(&ds.locations);
    for period in ["2021-2030", "2024", "2026", "2021-2025", "2025..2026"] {
        let base = Scope::for_period(period);
        let today = aggregate(
            &ds,
            &idx,
            &base
                .clone()
                .on_map(Boundaries::Today(TODAY.into()), &ds, &idx),
        );
        let then = aggregate(&ds, &idx, &base.on_map(Boundaries::Period, &ds, &idx));
        assert_eq!(today.total, then.total, "{period}");
        let sum = |m: &std::collections::BTreeMap<String, Sums>| {
            m.values().map(|s| s.cash_vnd).sum::<i64>()
        };
        assert_eq!(sum(&today.by_commune), sum(&then.by_commune), "{period}");
        assert_eq!(sum(&today.by_unit), sum(&then.by_unit), "{period}");
    }
}

#[test]
fn a_scope_on_todays_map_takes_in_the_history_of_the_chosen_commune_and_unit() {
    let ds = reformed();
    let idx = LocationIndex::new(&ds.locations);
    let today = Boundaries::Today(TODAY.into());
    let new_commune = Scope::for_period("2021-2030")
        .place(Some("c-paco-2025"))
        .on_map(today.clone(), &ds, &idx);
    assert_eq!(aggregate(&ds, &idx, &new_commune).total.activities, 5);
    let same_on_period = Scope::for_period("2021-2030")
        .place(Some("c-paco-2025"))
        .on_map(Boundaries::Period, &ds, &idx);
    // On the period's map: what happened in the new Pà Cò once it existed — its own activity and the
    // 2026 one in the village that passed into it — not the old communes' years.
    assert_eq!(aggregate(&ds, &idx, &same_on_period).total.activities, 2);
    // The old district still scopes what happened in it.
    let district =
        Scope::for_period("2021-2030")
            .place(Some("d-mc"))
            .on_map(today.clone(), &ds, &idx);
    assert_eq!(aggregate(&ds, &idx, &district).total.activities, 4);
    // A group of communes: the new one and its history, with another place.
    let group = Scope::for_period("2021-2030")
        .group(vec!["c-paco-2025".into()])
        .on_map(today.clone(), &ds, &idx);
    assert_eq!(aggregate(&ds, &idx, &group).total.activities, 5);
    let old_pair = Scope::for_period("2021-2030")
        .group(vec!["c-paco".into(), "c-hangkia".into()])
        .on_map(Boundaries::Period, &ds, &idx);
    // …the 2026 activity in their old village is the new Pà Cò's by then.
    assert_eq!(aggregate(&ds, &idx, &old_pair).total.activities, 3);
    assert_eq!(
        crate::view::reports::area_name(&ds, &idx, "", &old_pair),
        "xã Hang Kia và xã Pà Cò"
    );
    let new_unit = Scope::for_period("2021-2030")
        .unit(Some("u-sdttg"))
        .on_map(today, &ds, &idx);
    assert_eq!(aggregate(&ds, &idx, &new_unit).total.activities, 5);
}

#[test]
fn the_province_named_is_the_one_that_exists_today() {
    assert_eq!(crate::view::reports::province_name(&reformed()), "Phú Thọ");
}

#[test]
fn plans_roll_up_on_the_same_map_as_the_activities() {
    use crate::domain::testkit::{item, plan};
    let mut ds = reformed();
    ds.plans.push(plan(
        "p-1",
        "u-bdt",
        "c-paco",
        Some(2024),
        vec![item("i-1", "gifts", 10.0, 100_000_000)],
    ));
    let idx = LocationIndex::new(&ds.locations);
    let today = Scope::for_period("2021-2030").on_map(Boundaries::Today(TODAY.into()), &ds, &idx);
    let rows = format!(
        "{:?}",
        crate::report::tables::plan_rollup(&ds, &idx, &today).rows
    );
    assert!(
        rows.contains("Ban Dân tộc (nay là Sở Dân tộc và Tôn giáo)"),
        "{rows}"
    );
    assert!(
        rows.contains("Text(\"Xã Pà Cò\")") && !rows.contains("nay là xã Pà Cò"),
        "{rows}"
    );
    let then = Scope::for_period("2021-2030").on_map(Boundaries::Period, &ds, &idx);
    let rows = format!(
        "{:?}",
        crate::report::tables::plan_rollup(&ds, &idx, &then).rows
    );
    assert!(
        rows.contains("Text(\"Ban Dân tộc\")") && rows.contains("Text(\"Xã Pà Cò\")"),
        "{rows}"
    );
}

#[test]
fn a_commune_that_continued_sits_under_the_province_once_its_district_ended() {
    let mut ds = reformed();
    ds.locations.push(crate::domain::testkit::loc(
        "c-cont",
        "commune",
        Some("d-mc"),
        "Tân Thành",
    ));
    ds.activities.push(crate::domain::testkit::activity(
        "a-cont",
        "u-sdttg",
        "c-cont",
        "2026-03-01",
        "gifts",
        1_000_000,
    ));
    let idx = LocationIndex::new(&ds.locations);
    assert!(idx.within_on("c-cont", "d-mc", "2024-01-01"));
    assert!(
        !idx.within_on("c-cont", "d-mc", "2026-03-01"),
        "the district ended on 30/06/2025"
    );
    assert!(idx.within_on("c-cont", "p-pt", "2026-03-01"));
    // A report of huyện Mai Châu on the period's map leaves out what the commune did in 2026.
    let scope = Scope::for_period("2021-01-01..2026-12-31")
        .place(Some("d-mc"))
        .on_map(Boundaries::Period, &ds, &idx);
    let f = aggregate(&ds, &idx, &scope);
    assert!(
        !f.by_commune.contains_key("c-cont"),
        "{:?}",
        f.by_commune.keys()
    );
}
