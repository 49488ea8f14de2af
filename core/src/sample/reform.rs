//! The demo province after the reform of 1 July 2025 (illustrative, not the official list):
//! Hòa Bình became part of Phú Thọ, the districts were dissolved, communes were merged into new
//! ones directly under the province, and the Ban Dân tộc became the Sở Dân tộc và Tôn giáo on
//! 1 March 2025. The old records stay with their `valid_to` and `successors`, so reports can be
//! drawn by today's map or by the map of their period. 2024 and the first half of 2025 happen in
//! the old communes, 2026 in the new ones.

use super::{drawn_activity, timestamp, Done, Rng};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Assignment, IdList, Location, Unit};

const LAST_DAY: &str = "2025-06-30";
const FIRST_DAY: &str = "2025-07-01";

/// New communes: (name, the demo communes merged into it).
const MERGERS: &[(&str, &[&str])] = &[
    ("Pà Cò", &["Hang Kia", "Pà Cò"]),
    ("Mai Hịch", &["Mai Hịch", "Tân Sơn"]),
    ("Tiền Phong", &["Đồng Ruộng", "Tiền Phong"]),
    ("Thạch Yên", &["Thạch Yên", "Yên Lập"]),
];

fn find_mut<'a>(ds: &'a mut Dataset, level: &str, name: &str) -> Option<&'a mut Location> {
    ds.locations
        .iter_mut()
        .find(|l| l.level == level && l.name == name && l.valid_to.is_none())
}

/// Apply the reform to the demo and add the activities of 2024–2026.
pub fn apply(ds: &mut Dataset) {
    let mut rng = Rng::new(20250701);
    let at = |rng: &mut Rng| timestamp("2025-07-02", rng);

    // The province and its districts.
    let province = "demo-phu-tho".to_string();
    for l in ds.locations.iter_mut() {
        match l.level.as_str() {
            "province" => {
                l.valid_to = Some(LAST_DAY.into());
                l.successors = IdList(vec![province.clone()]);
            }
            "district" => l.valid_to = Some(LAST_DAY.into()),
            _ => {}
        }
    }
    ds.locations.push(Location {
        id: province.clone(),
        rev: 1,
        updated_at: at(&mut rng),
        name: "Phú Thọ".into(),
        level: "province".into(),
        label: "tỉnh".into(),
        valid_from: Some(FIRST_DAY.into()),
        ..Default::default()
    });

    // Merged communes: the old ones end, the new one starts under the province.
    let mut new_communes: Vec<(String, String)> = Vec::new();
    for (k, (name, merged)) in MERGERS.iter().enumerate() {
        let id = format!("demo-c2025-{k}");
        for old in *merged {
            if let Some(l) = find_mut(ds, "commune", old) {
                l.valid_to = Some(LAST_DAY.into());
                l.successors = IdList(vec![id.clone()]);
            }
        }
        ds.locations.push(Location {
            id: id.clone(),
            rev: 1,
            updated_at: at(&mut rng),
            name: (*name).into(),
            level: "commune".into(),
            parent_id: Some(province.clone()),
            label: "xã".into(),
            difficult: true,
            valid_from: Some(FIRST_DAY.into()),
            ..Default::default()
        });
        new_communes.push((id, (*name).to_string()));
    }
    // Communes that were not merged now sit directly under the new province.
    let kept: Vec<(String, String)> = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune" && l.valid_to.is_none() && l.valid_from.is_none())
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();

    // The agency renamed on 1 March 2025; the old one keeps its history.
    let old = "demo-u-bdt".to_string();
    let new = "demo-u-sdttg".to_string();
    ds.units.push(Unit {
        id: old.clone(),
        rev: 1,
        updated_at: at(&mut rng),
        name: "Ban Dân tộc tỉnh".into(),
        short_name: "BDT".into(),
        level: "province".into(),
        bloc: "government".into(),
        superior: "UBND tỉnh Hòa Bình".into(),
        valid_to: Some("2025-02-28".into()),
        successors: IdList(vec![new.clone()]),
        ..Default::default()
    });
    ds.units.push(Unit {
        id: new.clone(),
        rev: 1,
        updated_at: at(&mut rng),
        name: "Sở Dân tộc và Tôn giáo".into(),
        short_name: "SDTTG".into(),
        level: "province".into(),
        bloc: "government".into(),
        superior: "UBND tỉnh Phú Thọ".into(),
        valid_from: Some("2025-03-01".into()),
        ..Default::default()
    });
    for (unit, place, phase) in [
        (&old, "Vầy Nưa", "2021-2025"),
        (&new, "Vầy Nưa", "2026-2030"),
    ] {
        let Some(l) = ds.locations.iter().find(|l| l.name == place) else {
            continue;
        };
        let location_id = l.id.clone();
        ds.assignments.push(Assignment {
            id: format!("demo-as-{}-{phase}", unit.trim_start_matches("demo-u-")),
            rev: 1,
            updated_at: at(&mut rng),
            unit_id: unit.clone(),
            location_id,
            phase: phase.into(),
            role: "lead".into(),
            decision: if phase == "2026-2030" {
                "Quyết định số 125/QĐ-UBND ngày 15/01/2026".into()
            } else {
                "718-QĐ/TU ngày 14/12/2022".into()
            },
            ..Default::default()
        });
    }

    // Activities: 2024 and early 2025 in the old communes, 2026 in today's communes.
    let old_places: Vec<(String, String)> = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune" && l.valid_to.is_some())
        .map(|l| (l.id.clone(), l.name.clone()))
        .chain(kept.iter().cloned())
        .collect();
    let today_places: Vec<(String, String)> =
        new_communes.iter().chain(kept.iter()).cloned().collect();
    let mut units: Vec<String> = ds
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() && u.id != new)
        .map(|u| u.id.clone())
        .collect();
    units.sort();
    for (year, places, last_month) in [
        (2024, &old_places, 12),
        (2025, &old_places, 6),
        (2026, &today_places, 10),
    ] {
        let agency = if year < 2026 { &old } else { &new };
        for unit in units.iter().chain(std::iter::once(agency)) {
            for _ in 0..rng.range(2, 4) {
                let (place, place_name) = rng.pick(places).clone();
                let date = format!(
                    "{year}-{:02}-{:02}",
                    rng.range(1, last_month),
                    rng.range(1, 28)
                );
                // An agency renamed in March 2025 acts under its new name from then on.
                let unit = if unit == &old && date.as_str() > "2025-02-28" {
                    new.clone()
                } else {
                    unit.clone()
                };
                let id = format!("demo-a-{year}-{}", &rng.uuid()[..8]);
                let done = Done {
                    id,
                    unit,
                    place,
                    place_name: &place_name,
                    date,
                    funding: "unit",
                };
                ds.activities.push(drawn_activity(&mut rng, done));
            }
        }
    }
}
