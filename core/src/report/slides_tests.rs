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
    assert!(slides(
        &ds,
        &LocationIndex::new(&ds.locations),
        Lang::Vi,
        &titles(),
        (&Scope::default(), "")
    )
    .is_empty());
}

#[test]
fn headline_figures_are_the_sums_of_the_activities() {
    let ds = demo();
    let list = slides(
        &ds,
        &LocationIndex::new(&ds.locations),
        Lang::Vi,
        &titles(),
        (&Scope::default(), ""),
    );
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
    let map = &slides(
        &ds,
        &LocationIndex::new(&ds.locations),
        Lang::En,
        &titles(),
        (&Scope::default(), ""),
    )[4]
    .html;
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
    let map = &slides(
        &ds,
        &LocationIndex::new(&ds.locations),
        Lang::En,
        &titles(),
        (&Scope::default(), ""),
    )[4]
    .html;
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
    let all: String = slides(
        &ds,
        &LocationIndex::new(&ds.locations),
        Lang::Vi,
        &titles(),
        (&Scope::default(), ""),
    )
    .into_iter()
    .map(|s| s.html)
    .collect();
    assert!(!all.contains("<script>"));
}

#[test]
fn a_chosen_period_and_map_shape_every_slide() {
    use crate::report::scope::Boundaries;
    let ds = demo();
    let idx = LocationIndex::new(&ds.locations);
    // 2023 on the map of its time: the figures of 2023, the communes of 2023.
    let scope = Scope::for_period("2023").on_map(Boundaries::Period, &ds, &idx);
    let list = slides(&ds, &idx, Lang::Vi, &titles(), (&scope, "Năm 2023"));
    let of_2023: Vec<_> = ds
        .activities
        .iter()
        .filter(|a| a.date.starts_with("2023"))
        .collect();
    let total: i64 = of_2023.iter().map(|a| a.cash_vnd + a.in_kind_vnd).sum();
    assert!(list[0].html.contains(&format!(
        "data-testid=\"present-total\" data-value=\"{total}\""
    )));
    assert!(list[0].html.contains("Năm 2023"));
    assert!(
        !list[1].html.contains(">2022<"),
        "only 2023 in the years chart"
    );
    assert!(
        list[4].html.contains("<strong>Hang Kia</strong>"),
        "the commune of 2023"
    );
    assert!(!list[4].html.contains("gồm"));
    // Every model shown was started in 2023 or helped by its activities.
    let names: Vec<&str> = ds
        .models
        .iter()
        .filter(|m| {
            m.started_on
                .as_deref()
                .is_some_and(|d| d.starts_with("2023"))
                || of_2023
                    .iter()
                    .any(|a| a.model_id.as_deref() == Some(m.id.as_str()))
        })
        .map(|m| m.name.as_str())
        .collect();
    for li in list[3].html.split("<li").skip(1) {
        let name = li
            .split("<strong>")
            .nth(1)
            .and_then(|x| x.split("</strong>").next())
            .unwrap_or("");
        let name = name.replace("&quot;", "\"");
        assert!(
            names
                .iter()
                .any(|n| crate::markup::esc(n) == name || *n == name),
            "{name} not of 2023"
        );
    }
    // The phase on today's map: merged communes are gone, their successors name them.
    let today =
        Scope::for_period("2021-2025").on_map(Boundaries::Today("2026-12-01".into()), &ds, &idx);
    let map = &slides(
        &ds,
        &idx,
        Lang::Vi,
        &titles(),
        (&today, "Giai đoạn 2021–2025"),
    )[4]
    .html;
    assert!(
        !map.contains("<strong>Hang Kia</strong>"),
        "merged into Pà Cò"
    );
    assert!(map.contains("gồm Cun Pheo, Hang Kia, Pà Cò"), "{map}");
    assert!(!map.contains("<h3>"), "no district on today's map: {map}");
    assert!(
        list[4].html.contains("<h3>Mai Châu</h3>"),
        "districts on the map of 2023"
    );
}
