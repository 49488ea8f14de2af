//! District units of the demo, as the seed tells of Cao Phong: the district's offices were each
//! given a difficult hamlet (xóm) to help in 2021–2025. They ended with the district on
//! 30 June 2025 — or, in the sample of 2023 (`reformed == false`), are still at work.

use super::{drawn_activity, timestamp, Done, Rng};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Assignment, Unit};

/// (district, office, short name, hamlet it helps): "UBND huyện Cao Phong cũng phân công 9 cơ
/// quan, đơn vị giúp đỡ các xóm đặc biệt khó khăn của 3 xã"; "UBND huyện Đà Bắc phân công,
/// nhiệm vụ các cơ quan, đơn vị được giao giúp đỡ các xóm đặc biệt khó khăn" (which offices,
/// and which hamlets, the news item does not say: illustrative).
const OFFICES: &[(&str, &str, &str, &str)] = &[
    (
        "Cao Phong",
        "Phòng Nông nghiệp và Phát triển nông thôn huyện Cao Phong",
        "PNN-CP",
        "Rổng",
    ),
    (
        "Cao Phong",
        "Phòng Văn hóa và Thông tin huyện Cao Phong",
        "PVHTT-CP",
        "Bãi Chạo",
    ),
    (
        "Cao Phong",
        "Phòng Lao động - Thương binh và Xã hội huyện Cao Phong",
        "PLĐTBXH-CP",
        "Trang Trên",
    ),
    (
        "Cao Phong",
        "Phòng Tài chính - Kế hoạch huyện Cao Phong",
        "PTCKH-CP",
        "Chằng",
    ),
    (
        "Cao Phong",
        "Phòng Tài nguyên và Môi trường huyện Cao Phong",
        "PTNMT-CP",
        "Mới",
    ),
    (
        "Cao Phong",
        "Phòng Giáo dục và Đào tạo huyện Cao Phong",
        "PGDĐT-CP",
        "Đồng Bưng",
    ),
    (
        "Cao Phong",
        "Phòng Y tế huyện Cao Phong",
        "PYT-CP",
        "Nam Sơn",
    ),
    (
        "Cao Phong",
        "Phòng Nội vụ huyện Cao Phong",
        "PNV-CP",
        "Đồng Bưng",
    ),
    (
        "Cao Phong",
        "Phòng Tư pháp huyện Cao Phong",
        "PTP-CP",
        "Bãi Chạo",
    ),
    ("Đà Bắc", "Phòng Dân tộc huyện Đà Bắc", "PDT-ĐB", "Mít"),
    (
        "Đà Bắc",
        "Phòng Kinh tế - Hạ tầng huyện Đà Bắc",
        "PKTHT-ĐB",
        "Trụ",
    ),
    (
        "Đà Bắc",
        "Phòng Tài chính - Kế hoạch huyện Đà Bắc",
        "PTCKH-ĐB",
        "Vầy",
    ),
];

pub fn add(ds: &mut Dataset, reformed: bool) {
    let mut rng = Rng::new(20210301);
    for (k, (district_name, name, short, hamlet)) in OFFICES.iter().enumerate() {
        let Some(district) = ds
            .locations
            .iter()
            .find(|l| l.level == "district" && l.name == *district_name)
            .map(|l| l.id.clone())
        else {
            continue;
        };
        let Some(place) = ds
            .locations
            .iter()
            .filter(|l| l.level == "village" && l.name == *hamlet)
            .find(|l| {
                let commune = l.parent_id.as_deref();
                ds.locations.iter().any(|c| {
                    Some(c.id.as_str()) == commune
                        && c.parent_id.as_deref() == Some(district.as_str())
                })
            })
            .map(|l| l.id.clone())
        else {
            continue;
        };
        let (prefix, n) = if *district_name == "Cao Phong" {
            ("cp", k)
        } else {
            ("db", k - 9)
        };
        let uid = format!("demo-u-{prefix}-{n}");
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
            id: format!("demo-as-{prefix}-{n}"),
            rev: 1,
            updated_at: timestamp("2021-03-01", &mut rng),
            unit_id: uid.clone(),
            location_id: place.clone(),
            phase: "2021-2025".into(),
            role: "lead".into(),
            // The news item gives no number: the decision named by its issuer only.
            decision: format!("Quyết định của UBND huyện {district_name} phân công giúp đỡ các xóm đặc biệt khó khăn giai đoạn 2021-2025"),
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
