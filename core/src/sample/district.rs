//! District units of the demo, as the seed tells of Cao Phong: the district's offices were each
//! given a difficult hamlet (xóm) to help in 2021–2025. They ended with the district on
//! 30 June 2025 — or, in the sample of 2023 (`reformed == false`), are still at work.

use super::{drawn_activity, timestamp, Done, Rng};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Assignment, Unit};

/// (office, short name, hamlet it helps).
const OFFICES: &[(&str, &str, &str)] = &[
    (
        "Phòng Nông nghiệp và Phát triển nông thôn huyện Cao Phong",
        "PNN-CP",
        "Rổng",
    ),
    (
        "Phòng Văn hóa và Thông tin huyện Cao Phong",
        "PVHTT-CP",
        "Bãi Chạo",
    ),
    (
        "Phòng Lao động - Thương binh và Xã hội huyện Cao Phong",
        "PLĐTBXH-CP",
        "Trang Trên",
    ),
];

pub fn add(ds: &mut Dataset, reformed: bool) {
    let mut rng = Rng::new(20210301);
    let Some(district) = ds
        .locations
        .iter()
        .find(|l| l.level == "district" && l.name == "Cao Phong")
        .map(|l| l.id.clone())
    else {
        return;
    };
    for (k, (name, short, hamlet)) in OFFICES.iter().enumerate() {
        let Some(place) = ds
            .locations
            .iter()
            .find(|l| l.level == "village" && l.name == *hamlet)
            .map(|l| l.id.clone())
        else {
            continue;
        };
        let uid = format!("demo-u-cp-{k}");
        ds.units.push(Unit {
            id: uid.clone(),
            rev: 1,
            updated_at: timestamp("2021-03-01", &mut rng),
            name: (*name).into(),
            short_name: (*short).into(),
            level: "district".into(),
            location_id: Some(district.clone()),
            bloc: "government".into(),
            valid_to: reformed.then(|| "2025-06-30".into()),
            ..Default::default()
        });
        ds.assignments.push(Assignment {
            id: format!("demo-as-cp-{k}"),
            rev: 1,
            updated_at: timestamp("2021-03-01", &mut rng),
            unit_id: uid.clone(),
            location_id: place.clone(),
            phase: "2021-2025".into(),
            role: "lead".into(),
            decision: "Quyết định số 512/QĐ-UBND ngày 01/3/2021 của UBND huyện Cao Phong".into(),
            ..Default::default()
        });
        let last = if reformed { 2024 } else { 2023 };
        for year in 2021..=last {
            for _ in 0..rng.range(1, 2) {
                let date = format!("{year}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
                let id = format!("demo-a-cp-{}", &rng.uuid()[..8]);
                let name = format!("xóm {hamlet}");
                let done = Done {
                    id,
                    unit: uid.clone(),
                    place: place.clone(),
                    place_name: &name,
                    date,
                    funding: "budget",
                };
                ds.activities.push(drawn_activity(&mut rng, done));
            }
        }
    }
}
