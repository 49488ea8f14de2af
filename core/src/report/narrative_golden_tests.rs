//! Golden narratives: the drafts of the demo for the phase, a year, a half-year, one district,
//! one unit, the seed's three-year review and the year after the reform, and of the reform
//! fixture on both maps, compared with the reviewed texts in `golden/`. `UPDATE_GOLDEN=1`
//! rewrites them (then read the diff against the data before committing). They pin text only:
//! whether each clause is true is checked against the records by `claims_tests.rs`.

use crate::domain::dataset::Dataset;
use crate::domain::query::LocationIndex;
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
        .drawn_on(TODAY)
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
