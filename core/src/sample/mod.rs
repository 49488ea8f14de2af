//! A deterministic generator of realistic province-scale data (Vietnamese names, units,
//! communes and villages, assignments, plans, activities over 2021–2025, models, reports), for
//! tests and benchmarks. Pure: the same `Scale` always gives the same dataset.

pub mod demo;
mod district;
mod names;
mod reform;
mod rng;

use crate::domain::dataset::Dataset;
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, PlanItem, Report, Unit};
use names::*;
pub use rng::Rng;

/// How big a province to make.
#[derive(Clone, Debug)]
pub struct Scale {
    pub units: usize,
    pub communes: usize,
    pub villages_per_commune: usize,
    pub activities: usize,
    pub seed: u64,
}

impl Scale {
    /// The size the design plans for: 100 units, 150 communes of ~10 villages, 30,000 activities.
    pub fn province() -> Scale {
        Scale {
            units: 100,
            communes: 150,
            villages_per_commune: 10,
            activities: 30_000,
            seed: 2021,
        }
    }

    pub fn with_activities(mut self, n: usize) -> Scale {
        self.activities = n;
        self
    }

    /// A small province for fast tests.
    pub fn tiny() -> Scale {
        Scale {
            units: 8,
            communes: 6,
            villages_per_commune: 3,
            activities: 200,
            seed: 7,
        }
    }
}

const PHASE: &str = "2021-2025";
const YEARS: std::ops::RangeInclusive<i32> = 2021..=2025;

/// Category, its weight among activities, typical measure, quantity range and money per unit.
pub(crate) type Profile = (&'static str, u32, &'static str, (i64, i64), (i64, i64));

pub(crate) const CATEGORY_PROFILE: &[Profile] = &[
    ("survey", 8, "session", (1, 3), (0, 0)),
    ("propaganda", 10, "session", (1, 4), (0, 2_000_000)),
    (
        "livelihood",
        9,
        "household",
        (3, 30),
        (2_000_000, 8_000_000),
    ),
    ("credit", 4, "household", (5, 40), (0, 0)),
    ("ocop", 2, "product", (1, 3), (5_000_000, 20_000_000)),
    ("cash_goods", 9, "item", (1, 20), (500_000, 5_000_000)),
    ("gifts", 18, "gift", (10, 150), (300_000, 1_000_000)),
    ("housing", 5, "house", (1, 3), (40_000_000, 70_000_000)),
    ("seeds_livestock", 7, "head", (10, 300), (50_000, 300_000)),
    (
        "infrastructure",
        4,
        "work",
        (1, 2),
        (50_000_000, 400_000_000),
    ),
    ("health", 7, "visit", (50, 400), (20_000, 80_000)),
    ("education", 5, "person", (10, 80), (200_000, 1_000_000)),
    ("culture_society", 6, "session", (1, 3), (0, 3_000_000)),
    ("security", 4, "model", (1, 2), (0, 5_000_000)),
    ("other", 2, "other", (1, 5), (0, 1_000_000)),
];

pub(crate) fn title(rng: &mut Rng, category: &str, place: &str, year: i32) -> String {
    let t: &[&str] = match category {
        "survey" => &[
            "Làm việc với Đảng ủy, UBND xã",
            "Khảo sát tình hình kinh tế – xã hội",
            "Hướng dẫn xây dựng kế hoạch",
        ],
        "propaganda" => &[
            "Tuyên truyền chính sách dân tộc",
            "Phổ biến pháp luật cho Nhân dân",
            "Tuyên truyền chương trình mục tiêu quốc gia",
        ],
        "livelihood" => &[
            "Hỗ trợ phát triển mô hình sinh kế",
            "Tập huấn kỹ thuật chăn nuôi",
            "Hỗ trợ vật tư sản xuất",
        ],
        "credit" => &[
            "Giải ngân vốn vay ưu đãi hộ nghèo",
            "Hướng dẫn thủ tục vay vốn",
        ],
        "ocop" => &["Hỗ trợ hồ sơ sản phẩm OCOP", "Quảng bá sản phẩm địa phương"],
        "cash_goods" => &[
            "Trao tặng trang thiết bị",
            "Hỗ trợ tiền mặt cho hộ khó khăn",
            "Tặng máy tính cho nhà văn hóa",
        ],
        "gifts" => &[
            "Thăm hỏi, tặng quà Tết Nguyên đán",
            "Tặng quà hộ nghèo nhân dịp 2/9",
            "Tặng quà Trung thu cho thiếu nhi",
        ],
        "housing" => &["Hỗ trợ xây nhà Đại đoàn kết", "Sửa chữa nhà ở cho hộ nghèo"],
        "seeds_livestock" => &["Cấp con giống cho hộ nghèo", "Hỗ trợ cây giống"],
        "infrastructure" => &[
            "Bê tông hóa đường nội đồng",
            "Lắp đặt đèn chiếu sáng đường thôn",
            "Xây bể nước sạch",
            "Sửa chữa kênh mương thủy lợi",
        ],
        "health" => &[
            "Khám bệnh, cấp thuốc miễn phí",
            "Khám sàng lọc cho người cao tuổi",
        ],
        "education" => &[
            "Tặng sách vở, học bổng cho học sinh",
            "Hỗ trợ bếp ăn bán trú",
        ],
        "culture_society" => &[
            "Tập huấn phòng chống đuối nước",
            "Tuyên truyền phòng chống tảo hôn",
            "Tập huấn phòng chống xâm hại trẻ em",
            "Phòng chống bạo lực gia đình",
        ],
        "security" => &[
            "Xây dựng mô hình Tổ liên gia tự quản",
            "Ra mắt mô hình Camera an ninh",
            "Tuần tra đảm bảo an ninh trật tự",
        ],
        _ => &[
            "Tặng cờ Tổ quốc cho các hộ dân",
            "Hỗ trợ tủ sách pháp luật",
            "Trao tặng xe máy cho Công an xã",
        ],
    };
    format!("{} {place} năm {year}", rng.pick(t))
}

pub(crate) const DESCRIPTIONS: &[&str] = &[
    "Phối hợp với cấp ủy, chính quyền địa phương tổ chức thực hiện.",
    "Đoàn công tác do đồng chí lãnh đạo đơn vị dẫn đầu.",
    "Nhân dân đồng tình, phấn khởi; kết quả được ghi nhận.",
    "Thực hiện theo kế hoạch năm đã ban hành.",
    "Kinh phí từ nguồn đóng góp của cán bộ, công chức, viên chức.",
    "",
];

pub(crate) fn timestamp(date: &str, rng: &mut Rng) -> String {
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rng.range(1, 10),
        rng.range(0, 59),
        rng.range(0, 59)
    )
}

/// Where and when a generated activity happens, and who does it.
pub(crate) struct Done<'a> {
    pub id: String,
    pub unit: String,
    pub place: String,
    pub place_name: &'a str,
    pub date: String,
    pub funding: &'a str,
}

/// An activity of a category drawn by weight, with figures in the category's ranges: the demo's
/// later years and offices use it (the first three years keep their own, richer draw).
pub(crate) fn drawn_activity(rng: &mut Rng, at: Done) -> Activity {
    drawn_activity_as(rng, at, |c| c)
}

/// The same, with the category drawn passed through `done_by` (what this unit does of it).
pub(crate) fn drawn_activity_as(
    rng: &mut Rng,
    at: Done,
    done_by: impl Fn(&'static str) -> &'static str,
) -> Activity {
    let weights: Vec<u32> = CATEGORY_PROFILE.iter().map(|p| p.1).collect();
    let drawn = done_by(CATEGORY_PROFILE[rng.weighted(&weights)].0);
    let (cat, _, measure, (qlo, qhi), (mlo, mhi)) = *CATEGORY_PROFILE
        .iter()
        .find(|p| p.0 == drawn)
        .unwrap_or(&CATEGORY_PROFILE[0]);
    let qty = rng.range(qlo, qhi);
    let money = (qty * rng.range(mlo, mhi) / 10_000) * 10_000;
    let households = households_for(rng, cat, measure, qty);
    let year = at
        .date
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2021);
    Activity {
        id: at.id,
        rev: 1,
        updated_at: timestamp(&at.date, rng),
        unit_id: at.unit,
        location_id: at.place,
        category: cat.into(),
        title: title(rng, cat, at.place_name, year),
        description: (*rng.pick(DESCRIPTIONS)).into(),
        date: at.date,
        cash_vnd: money,
        funding: at.funding.into(),
        loan_vnd: loan_for(cat, households),
        qty: qty as f64,
        measure: measure.into(),
        households,
        poor_households: households * rng.range(3, 8) / 10,
        people: people_for(rng, measure, qty, households),
        ..Default::default()
    }
}

/// Households reached: the quantity when it counts households, none for a working session
/// with the commune, else a few.
pub(crate) fn households_for(rng: &mut Rng, category: &str, measure: &str, qty: i64) -> i64 {
    match (category, measure) {
        ("survey", _) => 0,
        (_, "household" | "house" | "gift") => qty,
        _ => rng.range(0, 25),
    }
}

/// People reached: the quantity when it counts people, else three to six a household.
pub(crate) fn people_for(rng: &mut Rng, measure: &str, qty: i64, households: i64) -> i64 {
    if matches!(measure, "person" | "visit") {
        qty
    } else {
        households * rng.range(3, 6)
    }
}

/// A generated activity made to agree with itself: seedlings counted in plants and young
/// animals in heads, as their titles say; a working session reaches no household.
pub(crate) fn settle(a: &mut Activity) {
    if a.category == "seeds_livestock" {
        let seedlings = crate::domain::text::fold(&a.title).contains("cay giong");
        a.measure = if seedlings { "plant" } else { "head" }.into();
    }
    if a.category == "survey" {
        a.households = 0;
        a.poor_households = 0;
        a.people = 0;
    }
}

/// Loans are lent, not given: about 50 million đồng a household (NHCSXH), credit only.
pub(crate) fn loan_for(category: &str, households: i64) -> Option<i64> {
    (category == "credit").then_some(households * 50_000_000)
}

pub(crate) fn date_in(rng: &mut Rng, year: i32) -> String {
    let month = rng.range(1, 12);
    let day = rng.range(1, 28);
    format!("{year}-{month:02}-{day:02}")
}

struct Builder {
    rng: Rng,
    ds: Dataset,
}

impl Builder {
    fn location(&mut self, name: String, level: &str, label: &str, parent: Option<&str>) -> String {
        let id = self.rng.uuid();
        let updated_at = timestamp("2021-01-05", &mut self.rng);
        self.ds.locations.push(Location {
            id: id.clone(),
            rev: 1,
            updated_at,
            name,
            level: level.into(),
            parent_id: parent.map(Into::into),
            label: label.into(),
            difficult: matches!(level, "commune" | "village"),
            ..Default::default()
        });
        id
    }
}

pub fn generate(scale: &Scale) -> Dataset {
    let mut b = Builder {
        rng: Rng::new(scale.seed),
        ds: Dataset::default(),
    };

    // Locations: province → districts → communes → villages; a few communes sit directly
    // under the province, as after the 2025 reform.
    let province = b.location(PROVINCE.into(), "province", "tỉnh", None);
    let districts: Vec<(String, &str)> = DISTRICTS
        .iter()
        .map(|d| {
            (
                b.location((*d).into(), "district", "huyện", Some(&province)),
                *d,
            )
        })
        .collect();
    let mut communes: Vec<(String, usize, Vec<String>)> = Vec::new(); // (id, district, villages)
    let mut used = std::collections::HashSet::new();
    for i in 0..scale.communes {
        let name = loop {
            let n = format!("{} {}", b.rng.pick(FIRST), b.rng.pick(SECOND));
            let n = if used.contains(&n) {
                format!("{n} {}", i + 1)
            } else {
                n
            };
            if used.insert(n.clone()) {
                break n;
            }
        };
        let district = i % districts.len();
        let parent = if i % 20 == 19 {
            province.clone()
        } else {
            districts[district].0.clone()
        };
        let commune = b.location(name.clone(), "commune", "xã", Some(&parent));
        let villages = (0..scale.villages_per_commune)
            .map(|v| {
                let prefix = *b.rng.pick(VILLAGE_PREFIX);
                let vname = format!("{prefix} {} {}", b.rng.pick(SECOND), v + 1);
                b.location(vname, "village", &prefix.to_lowercase(), Some(&commune))
            })
            .collect();
        communes.push((commune, district, villages));
    }

    // Units: provincial agencies first, then district offices.
    let mut units: Vec<(String, Option<usize>)> = Vec::new(); // (id, district for district units)
    for i in 0..scale.units {
        let (name, short, bloc, level, district) = if let Some((n, s, bl)) = PROVINCIAL_UNITS.get(i)
        {
            (n.to_string(), s.to_string(), *bl, "province", None)
        } else {
            let k = i - PROVINCIAL_UNITS.len();
            let d = k % DISTRICTS.len();
            let (pattern, short, bl) = DISTRICT_UNITS[(k / DISTRICTS.len()) % DISTRICT_UNITS.len()];
            let round = k / (DISTRICTS.len() * DISTRICT_UNITS.len());
            let suffix = if round > 0 {
                format!(" ({})", round + 1)
            } else {
                String::new()
            };
            (
                format!("{pattern} {}{suffix}", DISTRICTS[d]),
                format!("{short}-{}", d + 1),
                bl,
                "district",
                Some(d),
            )
        };
        let id = b.rng.uuid();
        let updated_at = timestamp("2021-01-06", &mut b.rng);
        b.ds.units.push(Unit {
            id: id.clone(),
            rev: 1,
            updated_at,
            name,
            short_name: short,
            level: level.into(),
            location_id: district.map(|d| districts[d].0.clone()),
            bloc: bloc.into(),
            ..Default::default()
        });
        units.push((id, district));
    }

    // Assignments: every commune gets a lead provincial unit (and every third a supporting one);
    // district units follow villages of their own district.
    let provincial: Vec<usize> = (0..units.len()).filter(|i| units[*i].1.is_none()).collect();
    let mut pairs: Vec<(usize, String, Option<usize>)> = Vec::new(); // (unit, location, commune index)
    if !provincial.is_empty() {
        for (ci, (commune, _, _)) in communes.iter().enumerate() {
            pairs.push((provincial[ci % provincial.len()], commune.clone(), Some(ci)));
            if ci % 3 == 0 {
                pairs.push((
                    provincial[(ci * 7 + 3) % provincial.len()],
                    commune.clone(),
                    Some(ci),
                ));
            }
        }
    }
    for (ui, (_, district)) in units.iter().enumerate() {
        let Some(d) = district else { continue };
        let mine: Vec<&(String, usize, Vec<String>)> =
            communes.iter().filter(|c| c.1 == *d).collect();
        if mine.is_empty() {
            continue;
        }
        for k in 0..2 {
            let c = mine[(ui + k) % mine.len()];
            if let Some(v) = c.2.get((ui + k) % c.2.len().max(1)) {
                pairs.push((ui, v.clone(), None));
            }
        }
    }
    for (k, (ui, loc, ci)) in pairs.iter().enumerate() {
        let decision = if ci.is_some() {
            "718-QĐ/TU ngày 14/12/2022".to_string()
        } else {
            format!("{}-QĐ/HU ngày 15/03/2021", 100 + k % 50)
        };
        let officer = Some((*b.rng.pick(OFFICERS)).to_string());
        let (id, updated_at) = (b.rng.uuid(), timestamp("2022-12-15", &mut b.rng));
        b.ds.assignments.push(Assignment {
            id,
            rev: 1,
            updated_at,
            unit_id: units[*ui].0.clone(),
            location_id: loc.clone(),
            phase: PHASE.into(),
            role: if k % 4 == 3 { "support" } else { "lead" }.into(),
            decision,
            officer,
            ..Default::default()
        });
    }

    // Plans: a phase plan and one plan a year per assignment, with items.
    let profile_weights: Vec<u32> = CATEGORY_PROFILE.iter().map(|p| p.1).collect();
    for (k, (ui, loc, _)) in pairs.iter().enumerate() {
        for year in std::iter::once(None).chain(YEARS.map(Some)) {
            let n_items = b.rng.range(2, 4) as usize;
            let items = (0..n_items)
                .map(|_| {
                    let (cat, _, measure, (qlo, qhi), (mlo, mhi)) =
                        CATEGORY_PROFILE[b.rng.weighted(&profile_weights)];
                    let qty = b.rng.range(qlo, qhi) * if year.is_none() { 5 } else { 1 };
                    let per = b.rng.range(mlo, mhi);
                    PlanItem {
                        id: b.rng.uuid(),
                        category: cat.into(),
                        title: title(&mut b.rng, cat, "", year.unwrap_or(2025)).replace("  ", " "),
                        measure: measure.into(),
                        target_qty: qty as f64,
                        target_vnd: (qty * per / 100_000) * 100_000,
                        due: year.map(|y| format!("{y}-12-31")),
                        ..Default::default()
                    }
                })
                .collect();
            let issued = format!("{}-01-{:02}", year.unwrap_or(2021), b.rng.range(5, 28));
            let (id, updated_at) = (b.rng.uuid(), timestamp(&issued, &mut b.rng));
            b.ds.plans.push(Plan {
                id,
                rev: 1,
                updated_at,
                unit_id: units[*ui].0.clone(),
                location_id: loc.clone(),
                phase: PHASE.into(),
                year,
                number: format!("{}/KH-{}", 10 + k % 90, b.ds.units[*ui].short_name),
                issued_on: Some(issued),
                status: if year == Some(2025) && k % 5 == 0 {
                    "draft"
                } else {
                    "issued"
                }
                .into(),
                items,
                ..Default::default()
            });
        }
    }

    // Models: livelihood models at about half the provincial assignments, security models at some.
    let mut models_at: Vec<(usize, String, String)> = Vec::new(); // (pair index, model id, location)
    for (k, (ui, loc, ci)) in pairs.iter().enumerate() {
        let Some(ci) = ci else { continue };
        if k % 2 == 1 {
            continue;
        }
        let village = communes[*ci]
            .2
            .first()
            .cloned()
            .unwrap_or_else(|| loc.clone());
        let (name, kind) = MODELS[k % MODELS.len()];
        let place =
            b.ds.locations
                .iter()
                .find(|l| l.id == village)
                .map(|l| l.name.clone())
                .unwrap_or_default();
        let started = date_in(&mut b.rng, 2021 + (k % 3) as i32);
        let (id, updated_at) = (b.rng.uuid(), timestamp(&started, &mut b.rng));
        let households = b.rng.range(5, 40);
        b.ds.models.push(Model {
            id: id.clone(),
            rev: 1,
            updated_at,
            unit_id: units[*ui].0.clone(),
            location_id: village.clone(),
            name: format!("{name} – {place}"),
            kind: kind.into(),
            started_on: Some(started),
            households,
            capital_vnd: households * b.rng.range(5, 30) * 1_000_000,
            status: ["running", "running", "done", "stopped"][k % 4].into(),
            outcome: "Các hộ tham gia có thu nhập ổn định, nhiều hộ thoát nghèo.".into(),
            ..Default::default()
        });
        models_at.push((k, id, village));
        if k % 6 == 0 {
            let name = SECURITY_MODELS[k % SECURITY_MODELS.len()];
            let commune_name =
                b.ds.locations
                    .iter()
                    .find(|l| l.id == *loc)
                    .map(|l| l.name.clone())
                    .unwrap_or_default();
            let (id, updated_at) = (b.rng.uuid(), timestamp("2022-06-01", &mut b.rng));
            b.ds.models.push(Model {
                id,
                rev: 1,
                updated_at,
                unit_id: units[*ui].0.clone(),
                location_id: loc.clone(),
                name: format!("{name} xã {commune_name}"),
                kind: "security".into(),
                started_on: Some("2022-06-01".into()),
                households: b.rng.range(10, 60),
                capital_vnd: 0,
                status: "running".into(),
                outcome: "Góp phần giữ vững an ninh trật tự ở cơ sở.".into(),
                ..Default::default()
            });
        }
    }

    // Activities, spread over assignments and years.
    let names: std::collections::HashMap<String, String> =
        b.ds.locations
            .iter()
            .map(|l| (l.id.clone(), l.name.clone()))
            .collect();
    let plan_count_per_pair = 1 + YEARS.count();
    for n in 0..scale.activities {
        if pairs.is_empty() {
            break;
        }
        let k = b.rng.below(pairs.len());
        let (ui, loc, ci) = &pairs[k];
        let year = 2021 + b.rng.below(5) as i32;
        let date = date_in(&mut b.rng, year);
        let location = match ci {
            Some(ci) if b.rng.chance(0.5) && !communes[*ci].2.is_empty() => {
                b.rng.pick(&communes[*ci].2).clone()
            }
            _ => loc.clone(),
        };
        let (cat, _, measure, (qlo, qhi), (mlo, mhi)) =
            CATEGORY_PROFILE[b.rng.weighted(&profile_weights)];
        let qty = b.rng.range(qlo, qhi);
        let money = (qty * b.rng.range(mlo, mhi) / 10_000) * 10_000;
        let (cash, in_kind) = match cat {
            "gifts" | "cash_goods" | "education" => {
                let cash = money * b.rng.range(0, 10) / 10 / 10_000 * 10_000;
                (cash, money - cash)
            }
            "seeds_livestock" | "health" => (0, money),
            _ => (money, 0),
        };
        let households = match measure {
            "household" | "house" | "gift" => qty,
            _ => b.rng.range(0, 30),
        };
        let people = match measure {
            "person" | "visit" => qty,
            _ => households * b.rng.range(3, 5),
        };
        // Link to this year's plan item of the same category, when the plan has one.
        let plan = &b.ds.plans[k * plan_count_per_pair + (year - 2020) as usize];
        let plan_item_id = plan
            .items
            .iter()
            .find(|i| i.category == cat)
            .map(|i| i.id.clone());
        let model_id = if cat == "livelihood" {
            models_at
                .iter()
                .find(|(pk, _, _)| *pk == k)
                .map(|(_, id, _)| id.clone())
        } else {
            None
        };
        let place = names.get(&location).cloned().unwrap_or_default();
        let id = b.rng.uuid();
        let updated_at = timestamp(&date, &mut b.rng);
        let description = (*b.rng.pick(DESCRIPTIONS)).to_string();
        b.ds.activities.push(Activity {
            id,
            rev: 1 + (n % 7 == 0) as i64,
            updated_at,
            unit_id: units[*ui].0.clone(),
            location_id: location,
            date,
            category: cat.into(),
            title: title(&mut b.rng, cat, &place, year),
            description,
            cash_vnd: cash,
            in_kind_vnd: in_kind,
            funding: ["unit", "unit", "budget", "social", "sponsor"][b.rng.below(5)].into(),
            qty: qty as f64,
            measure: measure.into(),
            households,
            poor_households: households * b.rng.range(2, 8) / 10,
            people,
            plan_item_id,
            model_id,
            ..Default::default()
        });
    }

    // Reports: every unit, every year; the current year still in draft for some.
    for (ui, (unit_id, _)) in units.iter().enumerate() {
        for year in YEARS {
            let submitted = year < 2025 || ui % 3 == 0;
            let (id, updated_at) = (
                b.rng.uuid(),
                timestamp(&format!("{year}-12-10"), &mut b.rng),
            );
            b.ds.reports.push(Report {
                id,
                rev: 1,
                updated_at: updated_at.clone(),
                unit_id: unit_id.clone(),
                period: year.to_string(),
                assessment: "Đơn vị đã chủ động xây dựng kế hoạch và triển khai đầy đủ các nội dung giúp đỡ.".into(),
                difficulties: "Địa bàn rộng, giao thông đi lại khó khăn.".into(),
                proposals: "Đề nghị tiếp tục bố trí nguồn lực hỗ trợ các mô hình sinh kế.".into(),
                status: if submitted { "submitted" } else { "draft" }.into(),
                submitted_at: submitted.then_some(updated_at),
                ..Default::default()
            });
        }
    }

    b.ds.activities.iter_mut().for_each(settle);
    b.ds.sort_activities();
    b.ds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::check_dataset;

    #[test]
    fn same_seed_same_province() {
        assert_eq!(generate(&Scale::tiny()), generate(&Scale::tiny()));
        let mut other = Scale::tiny();
        other.seed += 1;
        assert_ne!(generate(&Scale::tiny()), generate(&other));
    }

    #[test]
    fn generated_data_is_valid() {
        let ds = generate(&Scale::tiny());
        let problems = check_dataset(&ds, None);
        assert!(
            problems.is_empty(),
            "{:#?}",
            &problems[..problems.len().min(5)]
        );
        assert_eq!(ds.activities.len(), 200);
    }

    #[test]
    fn province_scale_has_the_planned_shape() {
        let ds = generate(&Scale::province());
        assert_eq!(ds.units.len(), 100);
        assert_eq!(
            ds.locations.iter().filter(|l| l.level == "commune").count(),
            150
        );
        assert_eq!(
            ds.locations.iter().filter(|l| l.level == "village").count(),
            1500
        );
        assert_eq!(ds.activities.len(), 30_000);
        assert!(ds.models.len() > 50);
        assert!(ds.activities.iter().any(|a| a.plan_item_id.is_some()));
        assert!(ds.activities.iter().any(|a| a.model_id.is_some()));
        assert!(check_dataset(&ds, None).is_empty());
    }
}
