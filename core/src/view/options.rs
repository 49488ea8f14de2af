//! The choices screens offer in their selects, as (value, label) pairs: units, places, years,
//! code lists, plan items and models. Several screens share each list.

use crate::domain::catalog::Code;
use crate::domain::dates::year_of;
use crate::domain::query::{place_name, place_name_inline, LocationIndex};
use crate::domain::{collate, order};
use crate::domain::{Dataset, Lang};

/// A select's choices: (value, label).
pub type Options = Vec<(String, String)>;

/// A code list, labelled in `lang`.
pub fn code_options(list: &'static [Code], lang: Lang) -> Options {
    list.iter()
        .map(|c| (c.code.to_string(), c.label(lang).to_string()))
        .collect()
}

/// Units by name.
pub fn unit_options(ds: &Dataset) -> Options {
    units_on(ds, None)
}

/// Units that existed on `on` (an ISO date; today's units when None), by name: an activity of
/// 2023 entered late still goes to the Ban Dân tộc of 2023, one of 2026 to the Sở that followed.
pub fn units_on(ds: &Dataset, on: Option<&str>) -> Options {
    units_during(ds, on.map(|d| (d, d)))
}

/// Units that existed at some time of `span` (first and last ISO day; today's when None): a
/// plan for 2025 may be the Ban Dân tộc's (until March) or the Sở's.
pub fn units_during(ds: &Dataset, span: Option<(&str, &str)>) -> Options {
    let aliases = crate::domain::aliases::Aliases::of(&[ds]);
    let mut us: Options = ds
        .units
        .iter()
        .filter(|u| overlaps(u.valid_from.as_deref(), u.valid_to.as_deref(), span))
        .filter(|u| !aliases.hides(crate::domain::Kind::Unit, &u.id))
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    collate::sort_by_text(&mut us, |u| &u.1);
    us
}

/// Why an activity of `date` cannot name this unit or place: it did not exist yet, or no
/// longer ("Không còn từ 01/07/2025, nay là xã Pà Cò"). None when it existed that day.
pub fn lapsed(
    ds: &Dataset,
    idx: &LocationIndex,
    (kind, id): (&str, &str),
    date: &str,
    lang: Lang,
) -> Option<String> {
    let (from, to, now) = if kind == "unit" {
        let u = ds.units.iter().find(|u| u.id == id)?;
        let now = crate::report::scope::unit_as_of(ds, id, date);
        let name = (now != id).then(|| ds.unit_name(now).unwrap_or(now).to_string());
        (u.valid_from.as_deref(), u.valid_to.as_deref(), name)
    } else {
        let l = idx.get(id)?;
        let now = idx.as_of(id, date);
        let name = (now != id)
            .then(|| idx.get(now).map(place_name_inline))
            .flatten();
        (l.valid_from.as_deref(), l.valid_to.as_deref(), name)
    };
    let day = crate::domain::format::date;
    let vi = lang == Lang::Vi;
    if let Some(f) = from.filter(|f| date < *f) {
        return Some(if vi {
            format!("Chưa có vào ngày của hoạt động (có từ {})", day(f))
        } else {
            format!(
                "Did not exist yet on the activity's date (exists from {})",
                day(f)
            )
        });
    }
    let to = to.filter(|t| date > *t)?;
    let ended = day_after(to).map_or_else(|| day(to), |n| day(&n));
    Some(match (now, vi) {
        (Some(now), true) => format!("Không còn từ {ended}, nay là {now}: hãy chọn {now}"),
        (None, true) => format!("Không còn từ {ended}"),
        (Some(now), false) => format!("No longer exists from {ended}; now {now}: choose {now}"),
        (None, false) => format!("No longer exists from {ended}"),
    })
}

/// The ISO day after an ISO day.
fn day_after(iso: &str) -> Option<String> {
    let (y, m, d) = crate::domain::dates::parse_date(iso)?;
    let last = crate::domain::dates::days_in_month(y, m);
    Some(match (d >= last, m >= 12) {
        (false, _) => format!("{y:04}-{m:02}-{:02}", d + 1),
        (true, false) => format!("{y:04}-{:02}-01", m + 1),
        (true, true) => format!("{:04}-01-01", y + 1),
    })
}

/// Whether something with these validity dates existed at some time of `span`; with none,
/// whether it exists still.
pub fn overlaps(from: Option<&str>, to: Option<&str>, span: Option<(&str, &str)>) -> bool {
    match span {
        Some((first, last)) => from.is_none_or(|f| f <= last) && to.is_none_or(|t| first <= t),
        None => to.is_none(),
    }
}

/// Whether something with these validity dates existed on `on`; with no date, whether it
/// exists still.
pub fn existed(from: Option<&str>, to: Option<&str>, on: Option<&str>) -> bool {
    match on {
        Some(day) => from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t),
        None => to.is_none(),
    }
}

/// Current places of the given levels by name; a village names its commune (`Bản Sáng — xã
/// Pà Cò`).
pub fn location_options(ds: &Dataset, idx: &LocationIndex, levels: &[&str]) -> Options {
    places_during(ds, idx, levels, None)
}

/// Places of the given levels that existed at some time of `span` (today's when None), by
/// name: a plan or model entered late for 2023 can name a commune merged since.
pub fn places_during(
    ds: &Dataset,
    idx: &LocationIndex,
    levels: &[&str],
    span: Option<(&str, &str)>,
) -> Options {
    let mut rows: Options = ds
        .locations
        .iter()
        .filter(|l| {
            levels.contains(&l.level.as_str())
                && overlaps(l.valid_from.as_deref(), l.valid_to.as_deref(), span)
                && !idx.hidden(&l.id)
        })
        .map(|l| {
            let name = match idx.commune_of(&l.id).filter(|c| c.id != l.id) {
                Some(c) => format!("{} — {}", place_name(l), place_name_inline(c)),
                None => place_name(l),
            };
            (l.id.clone(), name)
        })
        .collect();
    collate::sort_by_text(&mut rows, |r| &r.1);
    rows
}

/// Every place of one level (retired ones too: old data is still filtered by them), by name.
pub fn level_options(ds: &Dataset, level: &str) -> Options {
    let mut rows: Options = ds
        .locations
        .iter()
        .filter(|l| l.level == level)
        .map(|l| (l.id.clone(), place_name(l)))
        .collect();
    collate::sort_by_text(&mut rows, |r| &r.1);
    rows
}

/// Places an activity of `unit` on `on` can be at: its assigned communes and villages, the
/// villages of those communes, and the communes they passed into; every commune and village
/// when it has no assignment yet. Only places that existed that day (today's when None), so a
/// late entry for 2023 lands in the commune of 2023. Communes in name order, each followed by
/// its villages.
pub fn places_for_unit(ds: &Dataset, idx: &LocationIndex, unit: &str, on: Option<&str>) -> Options {
    let assigned: Vec<&str> = ds
        .assignments
        .iter()
        .filter(|a| a.unit_id == unit)
        .map(|a| a.location_id.as_str())
        .collect();
    let mut rows: Vec<(String, bool, String, String)> = ds
        .locations
        .iter()
        .filter(|l| {
            matches!(l.level.as_str(), "commune" | "village")
                && existed(l.valid_from.as_deref(), l.valid_to.as_deref(), on)
        })
        .filter(|l| {
            assigned.is_empty()
                || assigned.iter().any(|a| {
                    idx.within(&l.id, a) || idx.predecessors(&l.id).iter().any(|p| p.id == *a)
                })
        })
        .map(|l| {
            // A village whose commune was merged sits in the commune of that day.
            let commune = idx
                .commune_of(&l.id)
                .map(|c| on.map_or(c.id.as_str(), |day| idx.as_of(&c.id, day)))
                .and_then(|c| idx.get(c));
            let label = match (l.level.as_str(), commune) {
                ("village", Some(c)) => format!("{} — {}", place_name(l), place_name_inline(c)),
                _ => place_name(l),
            };
            let group = commune.map_or_else(|| l.name.clone(), |c| c.name.clone());
            (group, l.level == "village", label, l.id.clone())
        })
        .collect();
    order::sort_by_cached_key(&mut rows, |(group, village, label, id)| {
        (
            collate::key(group),
            *village,
            collate::key(label),
            id.clone(),
        )
    });
    rows.into_iter()
        .map(|(_, _, label, id)| (id, label))
        .collect()
}

/// Years that have activities, oldest first.
pub fn activity_years(ds: &Dataset) -> Vec<i32> {
    let mut ys: Vec<i32> = ds
        .activities
        .iter()
        .filter_map(|a| year_of(&a.date))
        .collect();
    order::sort(&mut ys);
    ys.dedup();
    ys
}

/// Items of the plans of `unit` at `place` (or above it) that an activity of `year` can count
/// towards: the phase plans and that year's plans. Labelled `12/KH-KBNN (2023) — title`.
pub fn plan_item_options(
    ds: &Dataset,
    idx: &LocationIndex,
    unit: &str,
    place: &str,
    year: Option<i32>,
) -> Options {
    ds.plans
        .iter()
        .filter(|p| p.unit_id == unit && idx.within(place, &p.location_id))
        .filter(|p| p.year.is_none() || p.year == year)
        .flat_map(|p| {
            p.items.iter().map(move |i| {
                let when = p.year.map_or_else(|| p.phase.clone(), |y| y.to_string());
                (i.id.clone(), format!("{} ({when}) — {}", p.number, i.title))
            })
        })
        .collect()
}

/// The plan item an activity most likely counts towards: of `unit`'s plans at `place` (or
/// above it) for `year`, the items of `category`, the year's plans before the phase's; only
/// when one stands out (two candidates are the officer's choice, not a guess).
pub fn suggested_plan_item(
    ds: &Dataset,
    idx: &LocationIndex,
    (unit, place): (&str, &str),
    category: &str,
    year: Option<i32>,
) -> Option<String> {
    if unit.is_empty() || place.is_empty() || category.is_empty() || year.is_none() {
        return None;
    }
    let candidates = |yearly: bool| -> Vec<&str> {
        ds.plans
            .iter()
            .filter(|p| p.unit_id == unit && idx.within(place, &p.location_id))
            .filter(|p| {
                if yearly {
                    p.year == year
                } else {
                    p.year.is_none()
                }
            })
            .flat_map(|p| p.items.iter())
            .filter(|i| i.category == category)
            .map(|i| i.id.as_str())
            .collect()
    };
    for yearly in [true, false] {
        match candidates(yearly).as_slice() {
            [] => continue,
            [one] => return Some((*one).to_string()),
            _ => return None,
        }
    }
    None
}

/// Models of `unit` in the commune of `place`.
pub fn model_options(ds: &Dataset, idx: &LocationIndex, unit: &str, place: &str) -> Options {
    let commune = idx
        .commune_of(place)
        .map_or_else(|| place.to_string(), |c| c.id.clone());
    ds.models
        .iter()
        .filter(|x| x.unit_id == unit && idx.within(&x.location_id, &commune))
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{assignment, item, model, plan, small};

    #[test]
    fn the_matching_plan_item_is_suggested_when_one_stands_out() {
        let mut ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let kbnn_2023 = ds
            .plans
            .iter()
            .find(|p| p.unit_id == "u-kbnn" && p.year == Some(2023))
            .cloned()
            .expect("the small world's 2023 plan");
        let place = kbnn_2023.location_id.clone();
        let item = kbnn_2023.items[0].clone();
        let at = ("u-kbnn", place.as_str());
        assert_eq!(
            suggested_plan_item(&ds, &idx, at, &item.category, Some(2023)),
            Some(item.id.clone())
        );
        assert_eq!(
            suggested_plan_item(&ds, &idx, at, &item.category, Some(2024)),
            None,
            "no plan of 2024"
        );
        assert_eq!(
            suggested_plan_item(&ds, &idx, at, "no-such", Some(2023)),
            None
        );
        assert_eq!(
            suggested_plan_item(
                &ds,
                &idx,
                ("u-police", place.as_str()),
                &item.category,
                Some(2023)
            ),
            None,
            "another unit's plan"
        );
        // A second item of the same category: the officer chooses.
        let mut twin = item.clone();
        twin.id = "twin".into();
        ds.plans
            .iter_mut()
            .find(|p| p.id == kbnn_2023.id)
            .expect("plan")
            .items
            .push(twin);
        assert_eq!(
            suggested_plan_item(&ds, &idx, at, &item.category, Some(2023)),
            None
        );
    }

    fn ids(options: Options) -> Vec<String> {
        options.into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn selects_and_the_place_tree_list_names_in_vietnamese_order() {
        use crate::domain::testkit::{loc, unit};
        let mut ds = Dataset::default();
        for (i, name) in [
            "Zang",
            "Đồng Ruộng",
            "Phú Vinh",
            "Pà Cò",
            "Ân Nghĩa",
            "Yên Lạc",
        ]
        .iter()
        .enumerate()
        {
            ds.locations
                .push(loc(&format!("c{i}"), "commune", None, name));
            ds.units
                .push(unit(&format!("u{i}"), &format!("Ban {name}")));
        }
        let idx = LocationIndex::new(&ds.locations);
        let labels = |o: Options| o.into_iter().map(|(_, l)| l).collect::<Vec<_>>();
        let want = [
            "Ân Nghĩa",
            "Đồng Ruộng",
            "Pà Cò",
            "Phú Vinh",
            "Yên Lạc",
            "Zang",
        ];
        assert_eq!(labels(unit_options(&ds)), want.map(|n| format!("Ban {n}")));
        let places = labels(level_options(&ds, "commune"));
        assert!(
            places.iter().zip(want).all(|(l, n)| l.ends_with(n)),
            "{places:?}"
        );
        let tree: Vec<&str> = idx.roots().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(tree, want);
    }

    #[test]
    fn places_of_a_unit_are_its_assignments_and_their_villages() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        assert_eq!(
            ids(places_for_unit(&ds, &idx, "u-kbnn", None)),
            ["c-paco", "v-paco-1", "v-paco-2"]
        );
        assert_eq!(places_for_unit(&ds, &idx, "u-nobody", None).len(), 5);
    }

    #[test]
    fn forms_offer_the_places_and_units_that_existed_on_the_activitys_day() {
        let mut ds = crate::domain::testkit::reformed();
        let idx = LocationIndex::new(&ds.locations);
        // A late entry for 2023 lands in the old commune, under the old agency.
        let in_2023 = places_for_unit(&ds, &idx, "u-any", Some("2023-05-01"));
        assert_eq!(ids(in_2023.clone()), ["c-hangkia", "c-paco", "v-sang"]);
        assert!(in_2023.iter().any(|(_, l)| l == "Bản Sáng — xã Pà Cò"));
        assert_eq!(ids(units_on(&ds, Some("2023-05-01"))), ["u-bdt"]);
        // After the merger: the new commune, with the village that passed into it.
        let in_2026 = places_for_unit(&ds, &idx, "u-any", Some("2026-02-01"));
        assert_eq!(ids(in_2026.clone()), ["c-paco-2025", "v-sang"]);
        assert!(
            in_2026.iter().any(|(_, l)| l == "Bản Sáng — xã Pà Cò"),
            "{in_2026:?}"
        );
        assert_eq!(ids(units_on(&ds, Some("2026-02-01"))), ["u-sdttg"]);
        assert_eq!(ids(units_on(&ds, None)), ["u-sdttg"]);
        // A plan or model for a span: what existed at some time of it.
        assert_eq!(
            ids(units_during(&ds, Some(("2025-01-01", "2025-12-31")))),
            ["u-bdt", "u-sdttg"]
        );
        let in_2024 = places_during(&ds, &idx, &["commune"], Some(("2024-01-01", "2024-12-31")));
        assert_eq!(ids(in_2024), ["c-hangkia", "c-paco"]);
        // Saving one in a place or unit of another day says which to choose.
        let vi = Lang::Vi;
        assert_eq!(
            lapsed(&ds, &idx, ("location", "c-paco"), "2026-02-01", vi).as_deref(),
            Some("Không còn từ 01/07/2025, nay là xã Pà Cò: hãy chọn xã Pà Cò")
        );
        assert_eq!(
            lapsed(&ds, &idx, ("location", "c-paco"), "2025-06-30", vi),
            None
        );
        assert_eq!(
            lapsed(&ds, &idx, ("location", "c-paco-2025"), "2023-05-01", vi).as_deref(),
            Some("Chưa có vào ngày của hoạt động (có từ 01/07/2025)")
        );
        assert_eq!(
            lapsed(&ds, &idx, ("unit", "u-bdt"), "2025-03-01", Lang::En).as_deref(),
            Some("No longer exists from 01/03/2025; now Sở Dân tộc và Tôn giáo: choose Sở Dân tộc và Tôn giáo")
        );
        assert_eq!(
            lapsed(&ds, &idx, ("location", "d-mc"), "2026-01-01", vi).as_deref(),
            Some("Không còn từ 01/07/2025")
        );
        // A unit assigned to the old commune is offered the new one after the merger.
        ds.assignments.push(assignment("as-1", "u-bdt", "c-paco"));
        let idx = LocationIndex::new(&ds.locations);
        assert_eq!(
            ids(places_for_unit(&ds, &idx, "u-bdt", Some("2026-02-01"))),
            ["c-paco-2025", "v-sang"]
        );
        assert_eq!(
            ids(places_for_unit(&ds, &idx, "u-bdt", Some("2024-02-01"))),
            ["c-paco", "v-sang"]
        );
    }

    #[test]
    fn villages_name_their_commune_and_retired_places_are_left_out() {
        let mut ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let places = location_options(&ds, &idx, &["commune", "village"]);
        assert!(
            places.iter().any(|(_, l)| l == "Bản Sáng — xã Pà Cò"),
            "{places:?}"
        );
        ds.locations
            .iter_mut()
            .filter(|l| l.id == "v-paco-2")
            .for_each(|l| l.valid_to = Some("2025-07-01".into()));
        let idx = LocationIndex::new(&ds.locations);
        let current = location_options(&ds, &idx, &["commune", "village"]);
        assert_eq!(current.len(), places.len() - 1);
        assert!(level_options(&ds, "village")
            .iter()
            .any(|(id, _)| id == "v-paco-2"));
    }

    #[test]
    fn years_units_plan_items_and_models() {
        let mut ds = small();
        assert_eq!(activity_years(&ds), [2023, 2024]);
        let units = unit_options(&ds);
        assert!(units.windows(2).all(|w| w[0].1 <= w[1].1), "{units:?}");
        ds.plans.push(plan(
            "p-phase",
            "u-kbnn",
            "c-paco",
            None,
            vec![item("i-phase", "housing", 2.0, 0)],
        ));
        ds.plans.push(plan(
            "p-2022",
            "u-kbnn",
            "c-paco",
            Some(2022),
            vec![item("i-2022", "gifts", 10.0, 0)],
        ));
        let idx = LocationIndex::new(&ds.locations);
        let items = ids(plan_item_options(
            &ds,
            &idx,
            "u-kbnn",
            "v-paco-1",
            Some(2023),
        ));
        assert!(items.contains(&"i-phase".to_string()), "{items:?}");
        assert!(!items.contains(&"i-2022".to_string()));
        ds.models
            .push(model("m-paco", "u-kbnn", "c-paco", "Vịt bầu"));
        ds.models
            .push(model("m-other", "u-kbnn", "c-hangkia", "Lợn"));
        let idx = LocationIndex::new(&ds.locations);
        assert_eq!(
            ids(model_options(&ds, &idx, "u-kbnn", "v-paco-2")),
            ["m-1", "m-paco"]
        );
    }
}
