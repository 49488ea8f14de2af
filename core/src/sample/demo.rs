//! The demo province shipped with the app (`public/demo.json`), modelled on the programme's
//! public reporting in Hòa Bình: the provincial units named in the news item, the communes of
//! Mai Hịch, Hang Kia and Pà Cò (Mai Châu) and villages of Đà Bắc and Cao Phong, the livelihood
//! models it lists with the units the seed names as their owners, "Tổ liên gia tự quản" and
//! "Dòng họ tự quản" security models, three years of activities (2021–2023), then the 2025
//! reform and the years after it (`reform.rs`). Deterministic, so the demo is the same on every
//! build.

use super::{date_in, timestamp, title, Rng, CATEGORY_PROFILE, DESCRIPTIONS};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, PlanItem, Report, Unit};

/// The label a demo bundle carries as its source.
pub const DEMO_LABEL: &str = "DỮ LIỆU MẪU — tỉnh Hòa Bình, nay thuộc tỉnh Phú Thọ (minh họa)";

/// (district, [(commune, [villages])]).
/// (commune, villages).
type Commune = (&'static str, &'static [&'static str]);
/// (unit, short name, bloc, commune it leads, model it supports: (name, kind)).
type UnitRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
);

const PLACES: &[(&str, &[Commune])] = &[
    (
        "Mai Châu",
        &[
            ("Mai Hịch", &["Vãng", "Nà Thia", "Bò Mới"]),
            ("Hang Kia", &["Hang Kia", "Chà Đáy", "Thung Mặn"]),
            ("Pà Cò", &["Pà Cò Con", "Thào", "Cun Pheo"]),
            ("Tân Sơn", &["Cang", "Nà Bó"]),
        ],
    ),
    (
        "Đà Bắc",
        &[
            ("Đồng Ruộng", &["Đoàn Kết", "Mít", "Bưa Cắm"]),
            ("Tiền Phong", &["Săng", "Trụ", "Mó"]),
            ("Vầy Nưa", &["Chủ", "Vầy", "Nưa"]),
        ],
    ),
    (
        "Cao Phong",
        &[
            ("Thạch Yên", &["Rổng", "Chằng", "Mới"]),
            ("Yên Lập", &["Bãi Chạo", "Trang Trên"]),
        ],
    ),
    ("Tân Lạc", &[("Phú Vinh", &["Bưng", "Vành"])]),
    ("Lạc Sơn", &[("Quý Hòa", &["Mười", "Rậm"])]),
];

/// (unit, short name, bloc, commune it leads, model it supports: (name, kind)).
const UNITS: &[UnitRow] = &[
    (
        "Chi nhánh Ngân hàng Chính sách xã hội tỉnh",
        "NHCSXH",
        "government",
        "Mai Hịch",
        ("Trồng rau an toàn", "vegetable"),
    ),
    (
        "Thanh tra tỉnh",
        "TTr",
        "government",
        "Đồng Ruộng",
        ("Nuôi vịt Bầu Bến", "duck"),
    ),
    (
        "Trung tâm Khuyến nông tỉnh",
        "TTKN",
        "government",
        "Tiền Phong",
        ("Nuôi vịt Bầu Bến", "duck"),
    ),
    (
        "Kho bạc Nhà nước tỉnh",
        "KBNN",
        "government",
        "Thạch Yên",
        ("Nuôi lợn bản địa", "pig"),
    ),
    (
        "Ban Dân vận Tỉnh ủy",
        "BDVTU",
        "party",
        "Pà Cò",
        ("Trồng rừng cho hộ nghèo", "forest"),
    ),
    (
        "Hội Nông dân tỉnh",
        "HND",
        "front",
        "Hang Kia",
        ("Nuôi gà an toàn sinh học", "chicken"),
    ),
    (
        "Liên minh Hợp tác xã tỉnh",
        "LMHTX",
        "front",
        "Yên Lập",
        ("Chuỗi liên kết hợp tác xã tiêu thụ nông sản", "cooperative"),
    ),
    (
        "Hội Liên hiệp Phụ nữ tỉnh",
        "HLHPN",
        "front",
        "Vầy Nưa",
        ("Mây giang đan xuất khẩu", "craft"),
    ),
    (
        "Công an tỉnh",
        "CA",
        "armed",
        "Phú Vinh",
        ("Nuôi trâu sinh sản", "buffalo"),
    ),
    (
        "Văn phòng Tỉnh ủy",
        "VPTU",
        "party",
        "Tân Sơn",
        ("Nuôi trâu sinh sản", "buffalo"),
    ),
    (
        "Bộ Chỉ huy Quân sự tỉnh",
        "BCHQS",
        "armed",
        "Quý Hòa",
        ("Nuôi trâu sinh sản", "buffalo"),
    ),
];

/// Communes where self-management security models were set up, the unit that did it, and the
/// model ("Tổ liên gia tự quản", "Dòng họ tự quản").
const SECURITY: &[(&str, &str, &str)] = &[
    ("Hang Kia", "CA", "Tổ liên gia tự quản"),
    ("Pà Cò", "CA", "Tổ liên gia tự quản"),
    ("Mai Hịch", "BCHQS", "Tổ liên gia tự quản"),
    ("Đồng Ruộng", "CA", "Dòng họ tự quản"),
];

const YEARS: std::ops::RangeInclusive<i32> = 2021..=2023;

/// The label of the second sample: the province as the news item saw it, before the reform.
pub const SEED_LABEL: &str = "DỮ LIỆU MẪU — tỉnh Hòa Bình 2021–2023, như bản tin (minh họa)";

/// The demo bundle's text, exactly as shipped in `public/demo.json`.
pub fn bundle_text() -> String {
    text(&demo(), DEMO_LABEL)
}

/// The sample of 2023's text, exactly as shipped in `public/demo-2023.json`.
pub fn seed_bundle_text() -> String {
    text(&seed(), SEED_LABEL)
}

fn text(ds: &Dataset, label: &str) -> String {
    let source = crate::bundle::format::Source {
        unit_id: None,
        label: Some(label.into()),
    };
    crate::bundle::format::write(ds, "2023-12-13T08:00:00Z", Some(&source))
}

/// Today's demo: the years of the news item, then the 2025 reform and the years after it.
pub fn demo() -> Dataset {
    let mut ds = first_years();
    super::district::add(&mut ds, true);
    super::reform::apply(&mut ds);
    ds.sort_activities();
    ds
}

/// The province as the news item saw it at the end of 2023: Hòa Bình with its districts, the
/// eleven units it names and Cao Phong's offices, three years of activities, no reform yet.
pub fn seed() -> Dataset {
    let mut ds = first_years();
    super::district::add(&mut ds, false);
    ds.sort_activities();
    ds
}

fn first_years() -> Dataset {
    let mut rng = Rng::new(20231213);
    let mut ds = Dataset::default();
    let id = |prefix: &str, rng: &mut Rng| format!("demo-{prefix}-{}", &rng.uuid()[..8]);
    let stamp = |rng: &mut Rng| timestamp("2023-12-10", rng);

    let loc = |ds: &mut Dataset,
               id: String,
               name: &str,
               level: &str,
               label: &str,
               parent: Option<&str>,
               at: String| {
        ds.locations.push(Location {
            id: id.clone(),
            rev: 1,
            updated_at: at,
            name: name.into(),
            level: level.into(),
            parent_id: parent.map(Into::into),
            label: label.into(),
            difficult: matches!(level, "commune" | "village"),
            ..Default::default()
        });
        id
    };
    let province = loc(
        &mut ds,
        "demo-hoa-binh".into(),
        "Hòa Bình",
        "province",
        "tỉnh",
        None,
        stamp(&mut rng),
    );
    // commune name → (id, villages)
    let mut communes: Vec<(&str, String, Vec<String>)> = Vec::new();
    for (district, list) in PLACES {
        let d = id("d", &mut rng);
        loc(
            &mut ds,
            d.clone(),
            district,
            "district",
            "huyện",
            Some(&province),
            stamp(&mut rng),
        );
        for (commune, villages) in *list {
            let c = id("c", &mut rng);
            loc(
                &mut ds,
                c.clone(),
                commune,
                "commune",
                "xã",
                Some(&d),
                stamp(&mut rng),
            );
            let label = if *district == "Mai Châu" {
                "bản"
            } else {
                "xóm"
            };
            let vs = villages
                .iter()
                .map(|v| {
                    let vid = id("v", &mut rng);
                    loc(&mut ds, vid, v, "village", label, Some(&c), stamp(&mut rng))
                })
                .collect();
            communes.push((commune, c, vs));
        }
    }
    let commune = |name: &str| communes.iter().find(|c| c.0 == name).cloned();

    for (k, (name, short, bloc, leads, (model_name, model_kind))) in UNITS.iter().enumerate() {
        let uid = format!("demo-u-{}", short.to_lowercase());
        ds.units.push(Unit {
            id: uid.clone(),
            rev: 1,
            updated_at: stamp(&mut rng),
            name: (*name).into(),
            short_name: (*short).into(),
            level: "province".into(),
            bloc: (*bloc).into(),
            ..Default::default()
        });
        let Some((commune_name, cid, villages)) = commune(leads) else {
            continue;
        };
        ds.assignments.push(Assignment {
            id: id("as", &mut rng),
            rev: 1,
            updated_at: stamp(&mut rng),
            unit_id: uid.clone(),
            location_id: cid.clone(),
            phase: "2021-2025".into(),
            role: "lead".into(),
            decision: "718-QĐ/TU ngày 14/12/2022".into(),
            officer: Some((*rng.pick(super::names::OFFICERS)).into()),
            ..Default::default()
        });

        // Plans: the phase plan and one a year, with items in the unit's usual categories.
        let mut yearly_items: Vec<(i32, Vec<PlanItem>)> = Vec::new();
        for year in std::iter::once(None).chain(YEARS.map(Some)) {
            let cats = ["survey", "gifts", "livelihood", "housing", "health"];
            let items: Vec<PlanItem> = cats
                .iter()
                .skip(k % 2)
                .take(3)
                .map(|cat| {
                    let (_, _, measure, (qlo, qhi), (mlo, mhi)) = *CATEGORY_PROFILE
                        .iter()
                        .find(|p| p.0 == *cat)
                        .unwrap_or(&CATEGORY_PROFILE[0]);
                    let qty = rng.range(qlo, qhi) * if year.is_none() { 3 } else { 1 };
                    PlanItem {
                        id: id("i", &mut rng),
                        category: (*cat).into(),
                        title: title(&mut rng, cat, "", year.unwrap_or(2025)).replace("  ", " "),
                        measure: measure.into(),
                        target_qty: qty as f64,
                        target_vnd: (qty * rng.range(mlo, mhi.max(mlo)) / 100_000) * 100_000,
                        due: year.map(|y| format!("{y}-12-31")),
                        ..Default::default()
                    }
                })
                .collect();
            if let Some(y) = year {
                yearly_items.push((y, items.clone()));
            }
            let issued = format!("{}-02-{:02}", year.unwrap_or(2021), rng.range(5, 25));
            ds.plans.push(Plan {
                id: id("p", &mut rng),
                rev: 1,
                updated_at: timestamp(&issued, &mut rng),
                unit_id: uid.clone(),
                location_id: cid.clone(),
                phase: "2021-2025".into(),
                year,
                number: format!("{}/KH-{short}", 10 + k),
                issued_on: Some(issued),
                status: "issued".into(),
                items,
                ..Default::default()
            });
        }

        // The unit's livelihood model, in its commune's first village.
        let village = villages.first().cloned().unwrap_or(cid.clone());
        let village_name = ds
            .locations
            .iter()
            .find(|l| l.id == village)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let model_id = id("m", &mut rng);
        let households = rng.range(10, 35);
        ds.models.push(Model {
            id: model_id.clone(),
            rev: 1,
            updated_at: stamp(&mut rng),
            unit_id: uid.clone(),
            location_id: village.clone(),
            name: format!(
                "{model_name} – {} {village_name}",
                if commune_name == "Mai Hịch"
                    || commune_name == "Hang Kia"
                    || commune_name == "Pà Cò"
                    || commune_name == "Tân Sơn"
                {
                    "bản"
                } else {
                    "xóm"
                }
            ),
            kind: (*model_kind).into(),
            started_on: Some(format!(
                "{}-04-{:02}",
                2021 + (k % 2) as i32,
                rng.range(1, 28)
            )),
            households,
            // Counted by some units only (a quarter to a third of the households), no rng.
            escaped_poverty: (k % 3 != 2).then_some(households / (3 + (k % 2) as i64)),
            capital_vnd: households * rng.range(8, 25) * 1_000_000,
            status: if k % 5 == 4 { "done" } else { "running" }.into(),
            outcome: "Các hộ tham gia có thu nhập ổn định, nhiều hộ đã thoát nghèo.".into(),
            ..Default::default()
        });

        // About thirty activities a unit over 2021–2023.
        for n in 0..(26 + k % 8) {
            let year = 2021 + (n % 3) as i32;
            let weights: Vec<u32> = CATEGORY_PROFILE.iter().map(|p| p.1).collect();
            let (cat, _, measure, (qlo, qhi), (mlo, mhi)) =
                CATEGORY_PROFILE[rng.weighted(&weights)];
            let place = if rng.chance(0.55) {
                rng.pick(&villages).clone()
            } else {
                cid.clone()
            };
            let place_name = ds
                .locations
                .iter()
                .find(|l| l.id == place)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let qty = rng.range(qlo, qhi);
            let money = (qty * rng.range(mlo, mhi) / 10_000) * 10_000;
            let (cash, in_kind) = match cat {
                "gifts" | "cash_goods" | "education" => (
                    money / 2 / 10_000 * 10_000,
                    money - money / 2 / 10_000 * 10_000,
                ),
                "seeds_livestock" | "health" => (0, money),
                _ => (money, 0),
            };
            let households = super::households_for(&mut rng, measure, qty);
            let plan_item_id =
                yearly_items
                    .iter()
                    .find(|(y, _)| *y == year)
                    .and_then(|(_, items)| {
                        items
                            .iter()
                            .find(|i| i.category == cat)
                            .map(|i| i.id.clone())
                    });
            let date = date_in(&mut rng, year);
            ds.activities.push(Activity {
                id: id("a", &mut rng),
                rev: 1,
                updated_at: timestamp(&date, &mut rng),
                unit_id: uid.clone(),
                location_id: place,
                date,
                category: cat.into(),
                title: title(&mut rng, cat, &place_name, year),
                description: (*rng.pick(DESCRIPTIONS)).into(),
                cash_vnd: cash,
                in_kind_vnd: in_kind,
                loan_vnd: super::loan_for(cat, households),
                funding: ["unit", "unit", "social", "sponsor", "budget"][rng.below(5)].into(),
                qty: qty as f64,
                measure: measure.into(),
                households,
                poor_households: households * rng.range(3, 8) / 10,
                people: super::people_for(measure, qty, households),
                plan_item_id,
                model_id: (cat == "livelihood").then(|| model_id.clone()),
                ..Default::default()
            });
        }
        for year in YEARS {
            let submitted = year < 2023 || k % 4 != 3;
            let at = timestamp(&format!("{year}-12-12"), &mut rng);
            ds.reports.push(Report {
                id: id("r", &mut rng),
                rev: 1,
                updated_at: at.clone(),
                unit_id: uid.clone(),
                period: year.to_string(),
                assessment: "Đơn vị đã chủ động xây dựng kế hoạch, phối hợp chặt chẽ với cấp ủy, chính quyền xã triển khai các nội dung giúp đỡ.".into(),
                difficulties: "Địa bàn rộng, địa hình chia cắt, giao thông đi lại khó khăn.".into(),
                proposals: "Đề nghị tiếp tục lồng ghép các nguồn lực để nhân rộng các mô hình sinh kế hiệu quả.".into(),
                status: if submitted { "submitted" } else { "draft" }.into(),
                submitted_at: submitted.then_some(at),
                ..Default::default()
            });
        }
    }

    // "Tổ liên gia tự quản" security models, and the activities that set them up.
    for (commune_name, short, model_name) in SECURITY {
        let Some((_, cid, _)) = commune(commune_name) else {
            continue;
        };
        let uid = format!("demo-u-{}", short.to_lowercase());
        ds.models.push(Model {
            id: id("m", &mut rng),
            rev: 1,
            updated_at: stamp(&mut rng),
            unit_id: uid.clone(),
            location_id: cid.clone(),
            name: format!("{model_name} xã {commune_name}"),
            kind: "security".into(),
            started_on: Some("2022-05-15".into()),
            households: rng.range(20, 60),
            capital_vnd: 0,
            status: "running".into(),
            outcome: "Góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội ở cơ sở.".into(),
            ..Default::default()
        });
        ds.activities.push(Activity {
            id: id("a", &mut rng),
            rev: 1,
            updated_at: timestamp("2022-05-15", &mut rng),
            unit_id: uid,
            location_id: cid,
            date: "2022-05-15".into(),
            category: "security".into(),
            title: format!("Ra mắt mô hình “{model_name}” xã {commune_name}"),
            description: "Phối hợp với Công an xã và các đoàn thể tổ chức ra mắt mô hình.".into(),
            cash_vnd: 5_000_000,
            funding: "unit".into(),
            qty: 1.0,
            measure: "model".into(),
            households: rng.range(20, 60),
            ..Default::default()
        });
    }
    ds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::check_dataset;

    #[test]
    fn the_demo_is_valid_and_has_what_the_news_item_names() {
        let ds = demo();
        assert_eq!(ds, demo(), "deterministic");
        let problems = check_dataset(&ds, None);
        assert!(
            problems.is_empty(),
            "{:#?}",
            &problems[..problems.len().min(3)]
        );
        // Eleven units of the news item, three offices of huyện Cao Phong helping a hamlet
        // each, and the Ban Dân tộc renamed Sở Dân tộc và Tôn giáo.
        assert_eq!(ds.units.len(), 16);
        let hamlets = ds
            .assignments
            .iter()
            .filter(|a| a.unit_id.starts_with("demo-u-cp-"))
            .filter(|a| {
                ds.locations
                    .iter()
                    .any(|l| l.id == a.location_id && l.level == "village")
            })
            .count();
        assert_eq!(hamlets, 3);
        for name in ["Mai Hịch", "Hang Kia", "Pà Cò", "Đồng Ruộng", "Thạch Yên"] {
            assert!(ds.locations.iter().any(|l| l.name == name), "{name}");
        }
        for model in [
            "Nuôi vịt Bầu Bến",
            "Nuôi lợn bản địa",
            "Nuôi trâu sinh sản",
            "Trồng rừng cho hộ nghèo",
            "Nuôi gà an toàn sinh học",
            "Trồng rau an toàn",
            "Mây giang đan",
            "Tổ liên gia tự quản",
            "Dòng họ tự quản",
            "Chuỗi liên kết hợp tác xã",
        ] {
            assert!(
                ds.models.iter().any(|m| m.name.starts_with(model)),
                "{model}"
            );
        }
        let years: std::collections::BTreeSet<&str> =
            ds.activities.iter().map(|a| &a.date[..4]).collect();
        assert_eq!(
            years.into_iter().collect::<Vec<_>>(),
            ["2021", "2022", "2023", "2024", "2025", "2026"]
        );
        // The seed's owners: Vịt Bầu Bến by the Thanh tra and the Khuyến nông centre, Lợn bản
        // địa by the Kho bạc, Mây giang đan by the Women's Union.
        let owners = |model: &str| {
            let mut o: Vec<&str> = ds
                .models
                .iter()
                .filter(|m| m.name.starts_with(model))
                .filter_map(|m| ds.unit_name(&m.unit_id))
                .collect();
            o.sort_unstable();
            o
        };
        assert_eq!(
            owners("Nuôi vịt Bầu Bến"),
            ["Thanh tra tỉnh", "Trung tâm Khuyến nông tỉnh"]
        );
        assert_eq!(owners("Nuôi lợn bản địa"), ["Kho bạc Nhà nước tỉnh"]);
        assert_eq!(owners("Mây giang đan"), ["Hội Liên hiệp Phụ nữ tỉnh"]);
        assert!(ds
            .models
            .iter()
            .filter(|m| m.name.contains("tự quản"))
            .all(|m| m.kind == "security"));
        // After the reform: today's province and merged communes, with their history.
        let today = |l: &&crate::domain::record::Location| l.valid_to.is_none();
        assert_eq!(
            ds.locations
                .iter()
                .filter(today)
                .filter(|l| l.level == "province")
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>(),
            ["Phú Thọ"]
        );
        assert!(!ds
            .locations
            .iter()
            .filter(today)
            .any(|l| l.level == "district"));
        assert!(ds
            .locations
            .iter()
            .any(|l| l.name == "Hang Kia" && !l.successors.is_empty()));
        // Nothing happens in a place or unit on a day it did not exist.
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        for a in &ds.activities {
            for (kind, id) in [("unit", &a.unit_id), ("location", &a.location_id)] {
                let why = crate::view::options::lapsed(
                    &ds,
                    &idx,
                    (kind, id),
                    &a.date,
                    crate::domain::Lang::Vi,
                );
                assert!(why.is_none(), "{} {kind} {id}: {why:?}", a.date);
            }
        }
        assert!(ds.activities.len() > 300, "{}", ds.activities.len());
    }

    #[test]
    fn the_sample_of_2023_is_the_news_items_province_before_the_reform() {
        let ds = seed();
        assert!(check_dataset(&ds, None).is_empty());
        assert!(ds.locations.iter().all(|l| l.valid_to.is_none()));
        assert!(ds.units.iter().all(|u| u.valid_to.is_none()));
        let provinces: Vec<&str> = ds
            .locations
            .iter()
            .filter(|l| l.level == "province")
            .map(|l| l.name.as_str())
            .collect();
        assert_eq!(provinces, ["Hòa Bình"]);
        assert_eq!(ds.units.len(), 14);
        let years: std::collections::BTreeSet<&str> =
            ds.activities.iter().map(|a| &a.date[..4]).collect();
        assert_eq!(
            years.into_iter().collect::<Vec<_>>(),
            ["2021", "2022", "2023"]
        );
        // The same first years as today's demo: the two samples tell one story.
        let today = demo();
        let before: Vec<_> = today
            .activities
            .iter()
            .filter(|a| a.date.as_str() < "2024")
            .collect();
        let first: Vec<_> = ds
            .activities
            .iter()
            .filter(|a| !a.unit_id.starts_with("demo-u-cp-"))
            .collect();
        assert_eq!(
            first.len(),
            before
                .iter()
                .filter(|a| !a.unit_id.starts_with("demo-u-cp-"))
                .count()
        );
    }

    #[test]
    fn the_shipped_sample_of_2023_is_current() {
        let shipped = include_str!("../../../public/demo-2023.json");
        assert!(
            shipped == seed_bundle_text(),
            "public/demo-2023.json is stale: cargo run -p donghanh-core --example gen_bundle -- --demo-2023 > public/demo-2023.json"
        );
    }

    #[test]
    fn the_shipped_demo_bundle_is_current() {
        let shipped = include_str!("../../../public/demo.json");
        assert!(
            shipped == bundle_text(),
            "public/demo.json is stale: cargo run -p donghanh-core --example gen_bundle -- --demo > public/demo.json"
        );
        let prepared = crate::bundle::import::prepare(shipped, &Dataset::default());
        assert!(prepared.is_ok_and(|p| p.invalid_total() == 0));
    }
}
