use super::*;
use crate::domain::record::Activity;
use crate::domain::testkit::{activity, small};

/// The small fixture with quantities: a-1 gifts 50 at Pà Cò (2023), a-2 a house in Pà Cò 1
/// (2023), a-3 gifts 20 in Bản Sáng (2024), a-4 security at Hang Kia (2023, other unit).
fn fixture() -> Dataset {
    let mut ds = small();
    let set = |ds: &mut Dataset, id: &str, qty: f64, measure: &str, hh: i64, kind: i64| {
        let mut a = ds.get::<Activity>(id).cloned().expect("activity");
        a.qty = qty;
        a.measure = measure.into();
        a.households = hh;
        a.in_kind_vnd = kind;
        ds.put(a);
    };
    set(&mut ds, "a-1", 50.0, "gift", 50, 2_000_000);
    set(&mut ds, "a-2", 1.0, "house", 1, 0);
    set(&mut ds, "a-3", 20.0, "gift", 20, 1_000_000);
    set(&mut ds, "a-4", 1.0, "model", 30, 0);
    ds
}

#[test]
fn totals_and_groupings_by_hand() {
    let ds = fixture();
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &Scope::default());
    assert_eq!(f.total.activities, 4);
    assert_eq!(f.total.cash_vnd, 65_000_000);
    assert_eq!(f.total.in_kind_vnd, 3_000_000);
    assert_eq!(f.total.households, 101);
    assert_eq!(f.total.qty_of("gift"), 70.0);
    assert_eq!(f.by_year[&2023].activities, 3);
    assert_eq!(f.by_year[&2024].cash_vnd, 5_000_000);
    assert_eq!(f.by_category["gifts"].activities, 2);
    assert_eq!(f.qty("housing", "house"), 1.0);
    assert_eq!(f.by_unit["u-kbnn"].total_vnd(), 68_000_000);
    assert_eq!(f.by_unit["u-police"].households, 30);
    // villages roll up to their commune
    assert_eq!(f.by_commune["c-paco"].activities, 3);
    assert_eq!(f.by_commune["c-paco"].cash_vnd, 65_000_000);
    assert_eq!(f.by_village.len(), 2);
    assert_eq!(f.by_district["d-mc"].activities, 4);
    assert_eq!(f.by_funding["unit"].activities, 4);
}

#[test]
fn years_units_and_places_filter() {
    let ds = fixture();
    let idx = LocationIndex::new(&ds.locations);
    let y2023 = aggregate(&ds, &idx, &Scope::for_period("2023"));
    assert_eq!(
        (y2023.total.activities, y2023.total.cash_vnd),
        (3, 60_000_000)
    );
    let h2 = aggregate(&ds, &idx, &Scope::for_period("2023-H2"));
    assert_eq!(h2.total.activities, 1);
    let kbnn = aggregate(
        &ds,
        &idx,
        &Scope::for_period("2021-2025").unit(Some("u-kbnn")),
    );
    assert_eq!(kbnn.total.activities, 3);
    let hang_kia = aggregate(&ds, &idx, &Scope::default().place(Some("c-hangkia")));
    assert_eq!(hang_kia.total.activities, 1);
}

#[test]
fn a_retired_village_still_counts_for_its_commune() {
    let mut ds = fixture();
    if let Some(l) = ds.locations.iter_mut().find(|l| l.id == "v-paco-2") {
        l.valid_to = Some("2025-01-01".into());
    }
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &Scope::default());
    assert_eq!(f.by_commune["c-paco"].activities, 3);
    assert!(f.by_village.contains_key("v-paco-2"));
}

#[test]
fn deleted_activities_are_not_counted() {
    let mut ds = fixture();
    ds.delete::<Activity>("a-2", "2026-01-01T00:00:00Z");
    ds.put(activity(
        "a-9",
        "u-kbnn",
        "c-new",
        "2023-08-08",
        "health",
        7,
    ));
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &Scope::default());
    assert_eq!(f.total.activities, 4);
    assert_eq!(f.total.cash_vnd, 65_000_000 - 50_000_000 + 7);
    // a commune with no district is grouped under ""
    assert_eq!(f.by_district[""].activities, 1);
}

#[test]
fn by_year_in_one_pass_equals_one_scope_per_year() {
    let ds = crate::sample::generate(&crate::sample::Scale::tiny());
    let idx = LocationIndex::new(&ds.locations);
    let (all, years) = aggregate_by_year(&ds, &idx);
    assert_eq!(all, aggregate(&ds, &idx, &Scope::default()));
    assert!(years.len() > 1);
    for (y, f) in &years {
        assert_eq!(
            f,
            &aggregate(&ds, &idx, &Scope::for_period(&y.to_string())),
            "{y}"
        );
    }
}

#[test]
fn the_largest_allowed_values_add_up_exactly_and_read_right() {
    use crate::domain::format::money_short;
    use crate::domain::validate::{MAX_COUNT, MAX_MONEY};
    use crate::domain::Lang;
    let mut ds = small();
    for a in &mut ds.activities {
        a.cash_vnd = MAX_MONEY;
        a.in_kind_vnd = MAX_MONEY;
        a.households = MAX_COUNT;
    }
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(&ds, &idx, &Scope::default());
    let n = ds.activities.len() as i64;
    assert_eq!(f.total.cash_vnd, n * MAX_MONEY);
    assert_eq!(f.total.total_vnd(), 2 * n * MAX_MONEY);
    assert_eq!(f.total.households, n * MAX_COUNT);
    assert_eq!(money_short(f.total.cash_vnd, Lang::Vi), "4.000.000 tỷ đồng");
    // Far beyond anything real, sums stop at the largest figure instead of wrapping negative.
    for a in &mut ds.activities {
        a.cash_vnd = i64::MAX;
    }
    let f = aggregate(&ds, &idx, &Scope::default());
    assert!(f.total.cash_vnd > 0);
}
