use super::*;
use crate::sample::demo::demo;

fn titles() -> Titles<'static> {
    Titles {
        headline: "Kết quả",
        by_year: "Theo năm",
        by_category: "Theo lĩnh vực",
        models: "Mô hình",
        map: "Các xã",
        units: "Đơn vị",
    }
}

#[test]
fn nothing_to_present_without_activities() {
    let mut ds = demo();
    ds.activities.clear();
    assert!(slides(&ds, &LocationIndex::new(&ds.locations), Lang::Vi, &titles()).is_empty());
}

#[test]
fn headline_figures_are_the_sums_of_the_activities() {
    let ds = demo();
    let list = slides(&ds, &LocationIndex::new(&ds.locations), Lang::Vi, &titles());
    let keys: Vec<_> = list.iter().map(|s| s.key).collect();
    assert_eq!(
        keys,
        [
            "headline",
            "by-year",
            "by-category",
            "models",
            "map",
            "units"
        ]
    );
    let total: i64 = ds
        .activities
        .iter()
        .map(|a| a.cash_vnd + a.in_kind_vnd)
        .sum();
    let households: i64 = ds.activities.iter().map(|a| a.households).sum();
    let html = &list[0].html;
    assert!(
        html.contains(&format!(
            "data-testid=\"present-total\" data-value=\"{total}\""
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "data-testid=\"present-households\" data-value=\"{households}\""
    )));
    assert!(html.contains("2021–2026"));
    assert!(list[1].html.contains(">2022<"));
}

#[test]
fn the_grid_shows_every_difficult_commune_and_which_were_helped() {
    let mut ds = demo();
    let difficult = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune" && l.difficult)
        .count();
    let map = &slides(&ds, &LocationIndex::new(&ds.locations), Lang::En, &titles())[4].html;
    assert_eq!(
        map.matches("data-testid=\"present-commune\"").count(),
        difficult
    );
    // A difficult commune no one helped is shown as such.
    let idx = LocationIndex::new(&ds.locations);
    let first = ds
        .locations
        .iter()
        .find(|l| l.level == "commune" && l.difficult)
        .map(|l| l.id.clone())
        .unwrap_or_default();
    ds.activities
        .retain(|a| idx.commune_of(&a.location_id).map(|c| c.id.as_str()) != Some(first.as_str()));
    let map = &slides(&ds, &LocationIndex::new(&ds.locations), Lang::En, &titles())[4].html;
    assert!(map.contains("shade-0"));
    assert!(map.contains("no activity yet"));
    assert!(map.contains(&format!("{}/{difficult}", difficult - 1)));
}

#[test]
fn names_are_escaped() {
    let mut ds = demo();
    if let Some(u) = ds.units.first_mut() {
        u.name = "<script>x</script>".into();
    }
    let all: String = slides(&ds, &LocationIndex::new(&ds.locations), Lang::Vi, &titles())
        .into_iter()
        .map(|s| s.html)
        .collect();
    assert!(!all.contains("<script>"));
}
