//! Golden narratives: the drafts of the demo for the phase, a year, a half-year, one district,
//! one unit, the seed's three-year review and the year after the reform, and of the reform
//! fixture on both maps, compared with the reviewed texts in `golden/`. `UPDATE_GOLDEN=1`
//! rewrites them (then read the diff against the data before committing). And a property test:
//! every figure a draft names equals the aggregate of the scope it speaks of.

use proptest::prelude::*;

use crate::domain::dataset::Dataset;
use crate::domain::format::{integer, money_short};
use crate::domain::query::LocationIndex;
use crate::domain::Lang;
use crate::report::aggregate::aggregate;
use crate::report::deeds::n;
use crate::report::scope::{Boundaries, Scope};
use crate::view::reports::{area_name, narrative};

const TODAY: &str = "2026-11-30";

fn draft_of(
    ds: &Dataset,
    period: &str,
    unit: Option<&str>,
    place: Option<&str>,
    map: Boundaries,
) -> String {
    let idx = LocationIndex::new(&ds.locations);
    let scope = Scope::for_period(period)
        .unit(unit)
        .place(place)
        .on_map(map, ds, &idx);
    let area = area_name(ds, &idx, place.unwrap_or(""), &scope);
    narrative(ds, &idx, &scope, period, area).join("\n\n")
}

fn place_id(ds: &Dataset, name: &str, level: &str) -> String {
    ds.locations
        .iter()
        .find(|l| l.name == name && l.level == level)
        .map(|l| l.id.clone())
        .unwrap_or_default()
}

fn check(name: &str, text: &str) {
    let path = format!(
        "{}/src/report/golden/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, format!("{text}\n")).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        want.trim_end(),
        text,
        "{name}: the draft changed; UPDATE_GOLDEN=1 and review"
    );
}

#[test]
fn golden_drafts_of_the_demo() {
    let ds = crate::sample::demo::demo();
    let today = || Boundaries::Today(TODAY.into());
    let mai_chau = place_id(&ds, "Mai Châu", "district");
    for (name, period, unit, place, map) in [
        ("demo-phase-2021-2025", "2021-2025", None, None, today()),
        ("demo-2023", "2023", None, None, today()),
        ("demo-2023-h1", "2023-H1", None, None, today()),
        (
            "demo-mai-chau-2021-2025",
            "2021-2025",
            None,
            Some(mai_chau.as_str()),
            Boundaries::Period,
        ),
        (
            "demo-kbnn-2021-2025",
            "2021-2025",
            Some("demo-u-kbnn"),
            None,
            today(),
        ),
        (
            "demo-review-2021-2023",
            "2021-01-01..2023-12-31",
            None,
            None,
            today(),
        ),
        ("demo-2026", "2026", None, None, today()),
    ] {
        check(name, &draft_of(&ds, period, unit, place, map));
    }
}

#[test]
fn golden_drafts_of_the_reform_on_both_maps() {
    let ds = crate::domain::testkit::reformed();
    let span = "2021-01-01..2026-12-31";
    check(
        "reform-today",
        &draft_of(&ds, span, None, None, Boundaries::Today(TODAY.into())),
    );
    check(
        "reform-period",
        &draft_of(&ds, span, None, None, Boundaries::Period),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every figure the draft names is the aggregate of its scope: activities, communes,
    /// villages, money, households, people, gifts, houses, loans.
    #[test]
    fn every_figure_in_a_draft_equals_its_aggregate(seed in 1u64..10_000, p in 0usize..6) {
        let mut scale = crate::sample::Scale::tiny();
        scale.seed = seed;
        let ds = crate::sample::generate(&scale);
        let period = ["2021-2025", "2022", "2023-H1", "2024-Q3", "2021-01-01..2022-06-30", "2025"][p];
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period(period);
        let f = aggregate(&ds, &idx, &scope);
        let text = draft_of(&ds, period, None, None, Boundaries::Period);
        if f.total.activities == 0 {
            return Ok(());
        }
        let vi = |v: i64| integer(v, Lang::Vi);
        prop_assert!(text.contains(&format!("triển khai {} hoạt động", vi(f.total.activities as i64))), "{}", text);
        prop_assert!(text.contains(&format!("giúp đỡ {} xã", vi(f.by_commune.len() as i64))), "{}", text);
        if !f.by_village.is_empty() {
            prop_assert!(text.contains(&format!("{} thôn, bản", vi(f.by_village.len() as i64))), "{}", text);
        }
        prop_assert!(text.contains(&format!("tổng giá trị hỗ trợ {}", money_short(f.total.total_vnd(), Lang::Vi))), "{}", text);
        if f.total.households > 0 {
            prop_assert!(text.contains(&format!("hỗ trợ {} lượt hộ", vi(f.total.households))), "{}", text);
        }
        if f.total.people > 0 {
            prop_assert!(text.contains(&format!("{} lượt người,", vi(f.total.people))), "{}", text);
        }
        let gifts = f.qty("gifts", "gift");
        if gifts > 0.0 {
            prop_assert!(text.contains(&format!("tặng {} suất quà", n(gifts))), "{}", text);
        }
        let loans = f.category("credit").loan_vnd;
        if loans > 0 {
            prop_assert!(text.contains(&format!("giải ngân {} vốn vay", money_short(loans, Lang::Vi))), "{}", text);
        }
        // Houses: the new, repaired and unspecified figures add up to the houses recorded.
        let houses = f.qty("housing", "house");
        if houses > 0.0 {
            let said: f64 = ["xây mới ", "sửa chữa ", "xây, sửa "]
                .iter()
                .filter_map(|w| text.split(w).nth(1))
                .filter_map(|rest| rest.split(" căn nhà").next())
                .filter_map(|num| num.replace('.', "").replace(',', ".").parse::<f64>().ok())
                .sum();
            prop_assert!((said - houses).abs() < 0.01, "{} houses, said {}: {}", houses, said, text);
        }
        // A category's money in a clause never exceeds the period's total.
        prop_assert!(!text.contains(" 0 lượt") && !text.contains(" 0 hoạt động"), "{}", text);
    }
}
