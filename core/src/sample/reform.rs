//! The demo province after the reform of 1 July 2025: Hòa Bình became part of Phú Thọ, the
//! districts were dissolved, and the demo's communes were merged as Nghị quyết
//! 1676/NQ-UBTVQH15 (16/6/2025) rearranged them (each new commune with the clause that made
//! it; communes of those clauses that the demo does not hold are left out, and so is the part of
//! Vầy Nưa that went to phường Thống Nhất). The Ban Dân tộc became the Sở Dân tộc và Tôn giáo on
//! 1 March 2025. Old records keep their `valid_to` and `successors`, so reports can be drawn by
//! today's map or by the map of their period. From 2024 each unit keeps helping the commune it
//! was assigned, and from 2026 the commune that took it in, under a 2026–2030 assignment.

use super::{drawn_activity_as, timestamp, Done, Rng};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Assignment, IdList, Location, Unit};

const LAST_DAY: &str = "2025-06-30";
const FIRST_DAY: &str = "2025-07-01";

/// A unit, the commune it helped in 2021–2025, and that commune's villages (id, name).
type Helped = (String, String, Vec<(String, String)>);

/// New communes: (name, the demo communes merged into it), by Nghị quyết 1676/NQ-UBTVQH15.
const MERGERS: &[(&str, &[&str])] = &[
    // k.122: Cun Pheo, Hang Kia, Pà Cò and the rest of Đồng Tân → xã Pà Cò.
    ("Pà Cò", &["Cun Pheo", "Hang Kia", "Pà Cò"]),
    // k.120: Mai Hịch, Xăm Khòe and Bao La → xã Bao La.
    ("Bao La", &["Mai Hịch"]),
    // k.97: Đoàn Kết, Đồng Ruộng, Trung Thành and Yên Hòa → xã Quy Đức.
    ("Quy Đức", &["Đồng Ruộng"]),
    // k.99: Tiền Phong and part of Vầy Nưa → xã Tiền Phong.
    ("Tiền Phong", &["Tiền Phong", "Vầy Nưa"]),
    // k.92: Dũng Phong, Nam Phong, Tây Phong and Thạch Yên → xã Mường Thàng.
    ("Mường Thàng", &["Dũng Phong", "Nam Phong", "Thạch Yên"]),
    // k.126: Phú Vinh and Suối Hoa → xã Mường Hoa.
    ("Mường Hoa", &["Phú Vinh"]),
    // k.106: Tân Lập, Quý Hòa and Tuân Đạo → xã Mường Vang.
    ("Mường Vang", &["Quý Hòa"]),
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
    if let Some(l) = ds.locations.iter().find(|l| l.name == "Vầy Nưa") {
        let location_id = l.id.clone();
        ds.assignments.push(Assignment {
            id: "demo-as-bdt-2021-2025".into(),
            rev: 1,
            updated_at: at(&mut rng),
            unit_id: old.clone(),
            location_id,
            phase: "2021-2025".into(),
            role: "lead".into(),
            ..Default::default()
        });
    }

    // Each provincial unit's commune of 2021–2025 and its villages; from 2026 the commune that
    // took it in, assigned for 2026–2030 (the decision's number is illustrative).
    let successor_of = |ds: &Dataset, id: &str| -> String {
        ds.locations
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| l.successors.first().cloned())
            .unwrap_or_else(|| id.to_string())
    };
    let mut helped: Vec<Helped> = Vec::new();
    let mut units: Vec<&Unit> = ds
        .units
        .iter()
        .filter(|u| u.valid_to.is_none() || u.id == old)
        .filter(|u| u.level == "province")
        .collect();
    crate::domain::order::sort_by(&mut units, |a, b| a.id.cmp(&b.id));
    for u in units {
        let Some(a) = ds
            .assignments
            .iter()
            .find(|a| a.unit_id == u.id && a.phase == "2021-2025")
        else {
            continue;
        };
        let villages: Vec<(String, String)> = ds
            .locations
            .iter()
            .filter(|l| l.parent_id.as_deref() == Some(a.location_id.as_str()))
            .map(|l| (l.id.clone(), l.name.clone()))
            .collect();
        helped.push((u.id.clone(), a.location_id.clone(), villages));
    }
    let mut next = Vec::new();
    for (unit, commune, _) in &helped {
        let unit = if *unit == old {
            new.clone()
        } else {
            unit.clone()
        };
        let role = ds
            .assignments
            .iter()
            .find(|a| {
                a.location_id == *commune
                    && a.phase == "2021-2025"
                    && (a.unit_id == unit || (unit == new && a.unit_id == old))
            })
            .map_or_else(|| "lead".to_string(), |a| a.role.clone());
        next.push(Assignment {
            id: format!("demo-as-{}-2026-2030", unit.trim_start_matches("demo-u-")),
            rev: 1,
            updated_at: timestamp("2026-01-15", &mut rng),
            unit_id: unit,
            location_id: successor_of(ds, commune),
            phase: "2026-2030".into(),
            role,
            decision: "Quyết định số 125/QĐ-UBND ngày 15/01/2026 của UBND tỉnh Phú Thọ".into(),
            ..Default::default()
        });
    }
    ds.assignments.extend(next);

    // Activities: 2024 and early 2025 in each unit's commune or its villages, 2026 in the
    // commune that took it in or the same villages (which stayed).
    let names: std::collections::HashMap<String, String> = ds
        .locations
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let _ = &kept;
    for (year, last_month) in [(2024, 12), (2025, 6), (2026, 10)] {
        for (unit, commune, villages) in &helped {
            let today = successor_of(ds, commune);
            for _ in 0..rng.range(2, 4) {
                let place = if !villages.is_empty() && rng.chance(0.5) {
                    rng.pick(villages).0.clone()
                } else if year == 2026 {
                    today.clone()
                } else {
                    commune.clone()
                };
                let date = format!(
                    "{year}-{:02}-{:02}",
                    rng.range(1, last_month),
                    rng.range(1, 28)
                );
                // An agency renamed in March 2025 acts under its new name from then on.
                let unit = if *unit == old && date.as_str() > "2025-02-28" {
                    new.clone()
                } else {
                    unit.clone()
                };
                let id = format!("demo-a-{year}-{}", &rng.uuid()[..8]);
                let place_name = names.get(&place).cloned().unwrap_or_default();
                let done = Done {
                    id,
                    unit,
                    place,
                    place_name: &place_name,
                    date,
                    funding: "unit",
                };
                let short = ds
                    .units
                    .iter()
                    .find(|u| u.id == done.unit)
                    .map(|u| u.short_name.clone())
                    .unwrap_or_default();
                let a = drawn_activity_as(&mut rng, done, |c| super::demo::done_by(&short, c));
                ds.activities.push(a);
            }
        }
    }
}
